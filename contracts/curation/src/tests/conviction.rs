//! Conviction: the half-life formula, lazy evaluation, the f64 reference and
//! flash stakes.
use proptest::{
    prelude::*,
    test_runner::{Config, TestRunner},
};

use super::*;
use crate::conviction::decay_toward;

/// U256 share amounts as f64 (exact enough for a reference model).
fn to_f64(x: U256) -> f64 {
    let s: String = x.to_string();
    s.parse().unwrap()
}

#[test]
fn decay_halves_the_distance_per_half_life() {
    let s = units(1_000);
    let h = HALF_LIFE;
    assert_eq!(
        decay_toward(U256::ZERO, s, h, h).unwrap(),
        s / U256::from(2)
    );
    assert_eq!(
        decay_toward(U256::ZERO, s, 2 * h, h).unwrap(),
        s - s / U256::from(4)
    );
    // Down toward a smaller stake, by the same law.
    assert_eq!(
        decay_toward(s, U256::ZERO, h, h).unwrap(),
        s / U256::from(2)
    );
    assert_eq!(decay_toward(s, units(200), h, h).unwrap(), units(600));
}

#[test]
fn decay_edge_cases() {
    let s = units(7);
    assert_eq!(decay_toward(units(3), s, 0, HALF_LIFE).unwrap(), units(3));
    assert_eq!(decay_toward(s, s, 10 * DAY, HALF_LIFE).unwrap(), s);
    // Sixty half-lives: nothing of the past is left.
    assert_eq!(
        decay_toward(U256::ZERO, s, 60 * HALF_LIFE, HALF_LIFE).unwrap(),
        s
    );
    assert_eq!(
        decay_toward(s, U256::ZERO, u64::MAX, HALF_LIFE).unwrap(),
        U256::ZERO
    );
    // An unwired half-life of zero means no memory.
    assert_eq!(decay_toward(U256::ZERO, s, 1, 0).unwrap(), s);
}

proptest! {
    #![proptest_config(Config::with_cases(256))]
    /// The result lies between the old conviction and the stake, and matches
    /// `s + (c - s) * 2^(-dt/h)` in f64 within 1e-12 relative.
    #[test]
    fn decay_matches_f64_and_never_overshoots(
        c in 0u128..1u128 << 100,
        s in 0u128..1u128 << 100,
        dt in 0u64..400 * DAY,
        h in HOUR_BOUND..365 * DAY,
    ) {
        let got = decay_toward(U256::from(c), U256::from(s), dt, h).unwrap();
        let (lo, hi) = if c < s { (c, s) } else { (s, c) };
        prop_assert!(got >= U256::from(lo) && got <= U256::from(hi));
        let want = s as f64 + (c as f64 - s as f64) * (-(dt as f64) / h as f64).exp2();
        let err = (to_f64(got) - want).abs();
        prop_assert!(err <= 1e-12 * (hi as f64) + 2.0, "got {got} want {want}");
    }
}

const HOUR_BOUND: u64 = 3_600;

#[motsu::test]
fn conviction_view_grows_toward_stake() {
    let w = World::new();
    let r = &w.registry;
    let id = w.vault_seed(1);
    assert_eq!(r.sender(alice()).conviction(id).motsu_unwrap(), U256::ZERO);
    w.stake(alice(), id, units(1_000));
    assert_eq!(r.sender(alice()).conviction(id).motsu_unwrap(), U256::ZERO);
    test_clock::advance(HALF_LIFE);
    assert_eq!(r.sender(alice()).conviction(id).motsu_unwrap(), units(500));
    test_clock::advance(HALF_LIFE);
    assert_eq!(r.sender(alice()).conviction(id).motsu_unwrap(), units(750));
    let info = r.sender(alice()).seed_info(id).motsu_unwrap().0;
    // seedInfo reports the live conviction and the time it was last stored.
    assert_eq!(
        (info.5, info.6, info.7),
        (units(1_000), units(750), U256::from(T0))
    );
    // Unstaking: the score now decays toward the smaller stake.
    r.sender(alice()).unstake(id, units(1_000)).motsu_unwrap();
    test_clock::advance(HALF_LIFE);
    assert_eq!(r.sender(alice()).conviction(id).motsu_unwrap(), units(375));
}

#[motsu::test]
fn half_life_change_applies_from_each_seeds_last_update() {
    let w = World::new();
    let id = w.vault_seed(1);
    w.stake(alice(), id, units(1_000));
    test_clock::advance(2 * DAY);
    w.registry
        .sender(vault())
        .set_param(
            atelier_common::params::curation::HALF_LIFE,
            U256::from(2 * DAY),
        )
        .motsu_unwrap();
    assert_eq!(
        w.registry.sender(alice()).conviction(id).motsu_unwrap(),
        units(500)
    );
}

/// One step of a random stake history.
#[derive(Clone, Debug)]
enum Op {
    Stake(u8, u64),
    Unstake(u8, u8),
    Wait(u64),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0u8..2, 1u64..1_000_000).prop_map(|(who, n)| Op::Stake(who, n)),
        (0u8..2, 1u8..=100).prop_map(|(who, pct)| Op::Unstake(who, pct)),
        (0u64..20 * DAY).prop_map(Op::Wait),
    ]
}

/// Random stake / unstake / wait sequences by two holders on one seed: the
/// contract's conviction matches an f64 model of the formula within
/// `1e-12 * largest stake + 1000 wei` after every step.
#[motsu::test]
fn conviction_tracks_f64_reference_over_random_histories() {
    let mut runner = TestRunner::new(Config::with_cases(64));
    runner
        .run(&prop::collection::vec(op(), 1..40), |ops| {
            let w = World::with_params(0, HALF_LIFE, PERIOD);
            let id = w.vault_seed(1);
            let holders = [alice(), bob()];
            let (mut c, mut s, mut peak) = (0f64, 0f64, 0f64);
            for op in ops {
                match op {
                    Op::Stake(who, n) => {
                        // Fractional shares exercise the rounding.
                        let amount = U256::from(n) * ONE / U256::from(7);
                        w.stake(holders[who as usize], id, amount);
                        s += to_f64(amount);
                    }
                    Op::Unstake(who, pct) => {
                        let holder = holders[who as usize];
                        let held = w.registry.sender(holder).stake_of(holder, id);
                        let amount = held * U256::from(pct) / U256::from(100);
                        if !amount.is_zero() {
                            w.registry.sender(holder).unstake(id, amount).motsu_unwrap();
                            s -= to_f64(amount);
                        }
                    }
                    Op::Wait(dt) => {
                        test_clock::advance(dt);
                        c = s + (c - s) * (-(dt as f64) / HALF_LIFE as f64).exp2();
                    }
                }
                peak = peak.max(s);
                let got = to_f64(w.registry.sender(alice()).conviction(id).motsu_unwrap());
                let tolerance = 1e-12 * peak + 1000.0;
                prop_assert!(
                    (got - c).abs() <= tolerance,
                    "conviction {got}, reference {c}"
                );
                let stake = to_f64(w.registry.sender(alice()).seed_stake(id).motsu_unwrap());
                prop_assert!((stake - s).abs() <= 1e-9 * peak + 1.0);
            }
            Ok(())
        })
        .unwrap();
}

/// A stake 100 times the seed's long-held stake, held for one second (one
/// block; cooldown 0 so it can leave at once), moves the seed's conviction by
/// less than 0.05 % (the bound is `amount * ln2 * dt / halfLife`, here
/// 100 * 0.693 / 259200 = 0.027 %), and by nothing lasting once it is gone.
#[motsu::test]
fn flash_stake_barely_moves_the_score() {
    let w = World::with_params(0, HALF_LIFE, PERIOD);
    let r = &w.registry;
    let id = w.vault_seed(1);
    w.stake(alice(), id, units(1_000));
    test_clock::advance(40 * HALF_LIFE);
    let before = r.sender(alice()).conviction(id).motsu_unwrap();
    assert!(units(1_000) - before < ONE / U256::from(1_000_000));

    w.stake(bob(), id, units(100_000));
    test_clock::advance(1);
    let during = r.sender(alice()).conviction(id).motsu_unwrap();
    r.sender(bob()).unstake(id, units(100_000)).motsu_unwrap();
    let moved = during - before;
    assert!(moved > U256::ZERO);
    assert!(
        moved * U256::from(10_000) < before * U256::from(5),
        "moved {moved} of {before}"
    );
    // Once it is gone the boost fades with the half-life.
    test_clock::advance(40 * HALF_LIFE);
    let after = r.sender(alice()).conviction(id).motsu_unwrap();
    assert!(after - units(1_000) < ONE / U256::from(1_000_000));

    // The same stake held for one half-life moves the score half way.
    w.stake(bob(), id, units(100_000));
    test_clock::advance(HALF_LIFE);
    let held = r.sender(alice()).conviction(id).motsu_unwrap();
    assert!(held > units(50_000));
}

/// On a fresh seed with no stake, a one-second flash stake leaves a score
/// below 1e-5 of its size.
#[motsu::test]
fn flash_stake_on_an_empty_seed() {
    let w = World::with_params(0, HALF_LIFE, PERIOD);
    let r = &w.registry;
    let id = w.vault_seed(1);
    w.stake(bob(), id, units(100_000));
    test_clock::advance(1);
    r.sender(bob()).unstake(id, units(100_000)).motsu_unwrap();
    let score = r.sender(alice()).conviction(id).motsu_unwrap();
    assert!(score > U256::ZERO && score < units(1), "score {score}");
}
