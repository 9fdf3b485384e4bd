//! Property tests of the money path.
use alloy_primitives::U256;
use motsu::prelude::*;
use proptest::prelude::*;

use super::*;
use crate::{
    vrgda::{self, Curve},
    FractionToken,
};

/// The fixture curve `seconds` after the start, λ = -ln(0.8).
fn curve(seconds: u64) -> Curve {
    Curve {
        unit_price: P0,
        lambda: U256::from(223_143_551_314_209_755u64),
        rate: RATE,
        days: vrgda::days(seconds),
        max_drop: U256::from(223_143_551_314_209_755u64) * U256::from(7u8),
        anchor: Default::default(),
    }
}

fn f(x: U256) -> f64 {
    x.to_string().parse().unwrap_or(f64::NAN)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Cost grows with the batch, and splitting never pays: cost(a) +
    /// cost(b after a) >= cost(a + b), equal to 1e-12.
    #[test]
    fn cost_is_monotone_and_additive(
        sold in 0u64..2_000_000,
        a in 1u64..1_000_000,
        b in 1u64..1_000_000,
        seconds in 0u64..(10 * 86_400),
    ) {
        let c = curve(seconds);
        let unit = SHARE / U256::from(1_000u16);
        let (sold, a, b) = (U256::from(sold) * unit, U256::from(a) * unit, U256::from(b) * unit);
        let ca = c.cost(sold, a).unwrap();
        let cb = c.cost(sold + a, b).unwrap();
        let cab = c.cost(sold, a + b).unwrap();
        prop_assert!(cab > ca && cab > cb);
        prop_assert!(ca + cb >= cab);
        prop_assert!(ca + cb - cab <= cab / U256::from(1_000_000_000_000u64) + U256::from(4u8));
    }

    /// The closed form matches the float integral to 1e-9 and never falls below it.
    #[test]
    fn cost_matches_the_integral(
        sold in 0u64..500,
        n in 1u64..200,
        seconds in 0u64..(5 * 86_400),
    ) {
        let c = curve(seconds);
        let cost = c.cost(shares(sold), shares(n)).unwrap();
        let lambda = -(0.8f64).ln();
        let t = seconds as f64 / 86_400.0;
        let r = 100.0;
        let exact = 1e16 * r / lambda
            * ((lambda * ((sold + n) as f64 / r - t)).exp() - (lambda * (sold as f64 / r - t)).exp());
        prop_assert!((f(cost) - exact).abs() <= exact * 1e-9, "{} vs {}", f(cost), exact);
        prop_assert!(f(cost) >= exact * (1.0 - 1e-12));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// The treasury gets the cost, the buyer the rest: cost + refund == value.
    #[test]
    fn refund_plus_cost_is_the_payment(thousandths in 1u64..50_000, extra in 0u64..1_000_000_000_000_000) {
        let token = Contract::<FractionToken>::new();
        let treasury = Contract::<Wallet>::new();
        let buyer = Contract::<Wallet>::new();
        wired(&token, treasury.address());
        let amount = U256::from(thousandths) * SHARE / U256::from(1_000u16);
        let who = buyer.address();
        let quote = token.sender(who).quote_buy(amount).motsu_unwrap();
        let value = quote + U256::from(extra);
        who.fund(value);
        let cost = token.sender_and_value(who, value).buy(amount, quote, U256::MAX).motsu_unwrap();
        prop_assert_eq!(cost, quote);
        prop_assert_eq!(treasury.balance(), cost);
        prop_assert_eq!(buyer.balance(), value - cost);
        prop_assert_eq!(token.balance(), U256::ZERO);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// λ is within 2 wei of the true `-ln(1-k)`: the cost with the stored λ
    /// covers the closed form at any λ' within 2 wei (the margin of 2^-32 plus
    /// 1 wei pays for it), anywhere inside the bounds of k and r and up to
    /// exponents of ±40.
    #[test]
    fn lambda_error_is_covered(
        k in 100_000_000_000_000u64..=990_000_000_000_000_000,
        rate_milli in 1u64..1_000_000_000,
        sold in 0u64..1_000_000,
        n in 1u64..100_000,
        lag_milli in 0u64..40_000,
    ) {
        let lambda = U256::from(crate::config::lambda(U256::from(k)).unwrap());
        let rate = U256::from(rate_milli) * WAD / U256::from(1_000u16);
        let (sold, n) = (U256::from(sold) * SHARE / U256::from(100u8), U256::from(n) * SHARE / U256::from(100u8));
        // Place the clock so the exponent at `sold` is about -lag (within ±40).
        let x = |l: U256| atelier_common::math::mul_div_fit(l, sold, rate, false).unwrap();
        let days_wad = (x(lambda) + U256::from(lag_milli) * WAD / U256::from(1_000u16)) * WAD / lambda;
        let at = |l: U256| Curve {
            unit_price: P0,
            lambda: l,
            rate,
            days: days_wad,
            max_drop: U256::from(1_000u16) * WAD,
            anchor: Default::default(),
        };
        let Ok(cost) = at(lambda).cost(sold, n) else { return Ok(()) };
        for l in [lambda - U256::from(2u8), lambda + U256::from(2u8)] {
            let Ok(other) = at(l).cost(sold, n) else { continue };
            // The other λ's closed form without its margin, less what 2 wei of
            // exp_wad's granularity on e^x cost (both forms round those up
            // past the true integral; they are not λ's error).
            let raw = (other - U256::from(1u8)) * (U256::from(1u64) << 32) / ((U256::from(1u64) << 32) + U256::from(1u8));
            let grain = P0 * rate / l * U256::from(2u8) / WAD + U256::from(2u8);
            prop_assert!(cost + grain >= raw, "k {} r {} sold {} n {}: {} < {}", k, rate, sold, n, cost, raw);
        }
    }

    /// λ by Newton's method on `exp_wad` agrees with `-ln_wad(1 - k)` within
    /// 2 wei over the whole decay range (measured: within 1 over 4,000 cases).
    #[test]
    fn lambda_matches_ln_wad(k in 100_000_000_000_000u64..=990_000_000_000_000_000) {
        let decay = U256::from(k);
        let lambda = U256::from(crate::config::lambda(decay).unwrap());
        let ln = atelier_common::math::ln_wad(WAD - decay).unwrap();
        let reference = ln.unsigned_abs();
        let diff = lambda.abs_diff(reference);
        prop_assert!(diff <= U256::from(2u8), "k {}: {} vs {}", k, lambda, reference);
    }
}

/// Measures, over the bound corners of k and r and 2,000 pseudo-random points
/// (exponents within ±40), how a 2-wei error of λ moves a batch's cost, and
/// checks that the cost with the stored λ always covers the rounded-up closed
/// form at λ ± 2 wei without its margin, up to 2 wei of `exp_wad`'s
/// granularity on e^x (which both forms round up past the true integral).
/// Prints the figures
/// (`cargo test -p atelier-fraction lambda_error_bound -- --nocapture`).
#[test]
fn lambda_error_bound() {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = |m: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % m
    };
    let (mut worst, mut closest) = (0f64, f64::MAX);
    let ks = [100_000_000_000_000u64, 990_000_000_000_000_000];
    let rs = [1_000_000_000_000_000u128, 1_000_000_000_000_000_000_000_000_000];
    let mut points: Vec<(u64, u128, u64, u64, u64)> = Vec::new();
    for k in ks {
        for r in rs {
            points.push((k, r, 1_000, 100, 20_000));
        }
    }
    for _ in 0..2_000 {
        let k = 100_000_000_000_000 + next(989_900_000_000_000_000);
        let r = (1 + next(1_000_000_000)) as u128 * 1_000_000_000_000_000;
        points.push((k, r, next(1_000_000), 1 + next(100_000), next(40_000)));
    }
    for (k, r, sold, n, lag_milli) in points {
        let lambda = U256::from(crate::config::lambda(U256::from(k)).unwrap());
        let rate = U256::from(r);
        let (sold, n) = (U256::from(sold) * SHARE / U256::from(100u8), U256::from(n) * SHARE / U256::from(100u8));
        let Ok(ahead) = atelier_common::math::mul_div_fit(lambda, sold, rate, false) else { continue };
        let days_wad = (ahead + U256::from(lag_milli) * WAD / U256::from(1_000u16)) * WAD / lambda;
        let at = |l: U256| Curve { unit_price: P0, lambda: l, rate, days: days_wad, max_drop: U256::from(1_000u16) * WAD, anchor: Default::default() };
        let Ok(cost) = at(lambda).cost(sold, n) else { continue };
        for l in [lambda - U256::from(2u8), lambda + U256::from(2u8)] {
            let Ok(other) = at(l).cost(sold, n) else { continue };
            let rel = f(other.abs_diff(cost)) / f(cost);
            worst = worst.max(rel);
            let raw = (other - U256::from(1u8)) * (U256::from(1u64) << 32) / ((U256::from(1u64) << 32) + U256::from(1u8));
            let grain = P0 * rate / l * U256::from(2u8) / WAD + U256::from(2u8);
            assert!(cost + grain >= raw, "k {k} r {rate}: {cost} < {raw}");
            closest = closest.min((f(cost + grain) - f(raw)) / f(cost));
        }
    }
    println!("λ ± 2 wei: largest relative cost change {worst:e}; smallest cover {closest:e}");
}


proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// The checkpoint history answers every past lookup as a replay does:
    /// mints, transfers both ways and burns at random seconds (several in one
    /// second share its checkpoint), then `getPastVotes`, `getPastTotalSupply`,
    /// `getVotes` and `numCheckpoints` against the model at every second.
    #[test]
    fn checkpoints_replay_the_history(
        steps in proptest::collection::vec((0u8..4, 1u64..6, 0u64..3), 1..40),
    ) {
        use alloy_primitives::Address;
        use atelier_common::clock::test_clock;
        let token = Contract::<FractionToken>::new();
        let roles = wired(&token, Address::from_tag("treasury"));
        let (alice, bob) = (Address::from_tag("alice"), Address::from_tag("bob"));
        token.sender(alice).delegate(alice).motsu_unwrap();
        token.sender(bob).delegate(bob).motsu_unwrap();
        // (second, alice, bob, supply) after each step; and the seconds at
        // which each one's votes changed.
        let (mut a, mut b, mut supply) = (0u64, 0u64, 0u64);
        let mut history = vec![(START, 0u64, 0u64, 0u64)];
        let (mut keys_a, mut keys_b) = (Vec::<u64>::new(), Vec::<u64>::new());
        let mut now = START;
        let touch = |keys: &mut Vec<u64>, t: u64| if keys.last() != Some(&t) { keys.push(t) };
        for (op, n, dt) in steps {
            now += dt;
            test_clock::set(now);
            match op {
                0 => {
                    token.sender(roles.vault).mint(alice, shares(n)).motsu_unwrap();
                    a += n;
                    supply += n;
                    touch(&mut keys_a, now);
                }
                1 if a >= n => {
                    token.sender(alice).transfer(bob, shares(n)).motsu_unwrap();
                    a -= n;
                    b += n;
                    touch(&mut keys_a, now);
                    touch(&mut keys_b, now);
                }
                2 if b >= n => {
                    token.sender(bob).transfer(alice, shares(n)).motsu_unwrap();
                    b -= n;
                    a += n;
                    touch(&mut keys_a, now);
                    touch(&mut keys_b, now);
                }
                3 if a >= n => {
                    token.sender(alice).burn(shares(n)).motsu_unwrap();
                    a -= n;
                    supply -= n;
                    touch(&mut keys_a, now);
                }
                _ => {}
            }
            history.push((now, a, b, supply));
        }
        let t = token.sender(alice);
        prop_assert_eq!(t.get_votes(alice), shares(a));
        prop_assert_eq!(t.get_votes(bob), shares(b));
        prop_assert_eq!(t.num_checkpoints(alice), U256::from(keys_a.len()));
        prop_assert_eq!(t.num_checkpoints(bob), U256::from(keys_b.len()));
        test_clock::set(now + 1);
        for second in START - 1..=now {
            let at = history.iter().rev().find(|h| h.0 <= second).map_or((0, 0, 0), |h| (h.1, h.2, h.3));
            let key = U256::from(second);
            prop_assert_eq!(t.get_past_votes(alice, key).motsu_unwrap(), shares(at.0), "alice at {}", second);
            prop_assert_eq!(t.get_past_votes(bob, key).motsu_unwrap(), shares(at.1), "bob at {}", second);
            prop_assert_eq!(t.get_past_total_supply(key).motsu_unwrap(), shares(at.2), "supply at {}", second);
        }
    }
}
