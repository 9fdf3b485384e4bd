//! Tests of `atelier_common::math`: exact references for the rational
//! functions, a 90-digit reference for `exp_wad` / `pow2_neg_wad` / `ln_wad`
//! (which also *measures* their error: run with `--nocapture`), f64 property
//! tests over thousands of random points, domain edges and overflow errors.
use alloy_primitives::{aliases::U1024, Uint, I256, U256, U512};
use atelier_common::{errors::MathOverflow, math::*};
use proptest::prelude::*;

// ---------------------------------------------------------------- helpers

fn u(v: u128) -> U256 {
    U256::from(v)
}

fn i(v: i128) -> I256 {
    I256::try_from(v).unwrap()
}

/// Nearest-ish f64 of an unsigned integer of any width (a few ulp).
fn to_f64<const B: usize, const L: usize>(x: Uint<B, L>) -> f64 {
    x.as_limbs().iter().rev().fold(0.0, |acc, &limb| {
        acc * 18_446_744_073_709_551_616.0 + limb as f64
    })
}

fn abs_diff(a: U256, b: U256) -> f64 {
    to_f64(if a > b { a - b } else { b - a })
}

/// Deterministic pseudo-random stream (splitmix64) for the measurement grids.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `[0, n)` for `n < 2^128` (tiny bias irrelevant here).
    fn below(&mut self, n: u128) -> u128 {
        let r = (u128::from(self.next()) << 64) | u128::from(self.next());
        r % n
    }
    fn u256(&mut self) -> U256 {
        U256::from_limbs([self.next(), self.next(), self.next(), self.next()])
    }
}

// ------------------------------------------------ 90-digit reference (U1024)

/// Reference scale: 10^90.
fn ref_scale() -> U1024 {
    U1024::from(10u8).pow(U1024::from(90u8))
}

/// `floor(ln 2 · 10^90)`.
fn ln2_ref() -> U1024 {
    "693147180559945309417232121458176568075500134360255254120680009493393621969694715605863326"
        .parse()
        .unwrap()
}

fn wad1024() -> U1024 {
    U1024::from(1_000_000_000_000_000_000u64)
}

/// `e^(±num/den) · 10^90` with relative error < 1e-80, by an independent
/// method: decimal fixed point, argument / 2^20, Taylor to exhaustion, then 20
/// squarings (and one reciprocal for negative arguments). `num/den ≤ 136`.
fn exp_ref(num: U1024, den: U1024, negative: bool) -> U1024 {
    let s = ref_scale();
    let t = num * s / (den << 20);
    let (mut sum, mut term, mut k) = (s, s, 1u64);
    while !term.is_zero() {
        term = term * t / (s * U1024::from(k));
        sum += term;
        k += 1;
    }
    for _ in 0..20 {
        sum = sum * sum / s;
    }
    if negative {
        s * s / sum
    } else {
        sum
    }
}

/// True `e^(x/1e18)·1e18` scaled by 10^90 (i.e. in units of 10^-90 wei).
fn exp_wad_ref(x: I256) -> U1024 {
    let num = U1024::from(x.unsigned_abs());
    exp_ref(num, wad1024(), x.is_negative()) * wad1024()
}

/// True `2^(-x/1e18)·1e18` scaled by 10^90.
fn pow2_neg_wad_ref(x: U256) -> U1024 {
    exp_ref(U1024::from(x) * ln2_ref(), wad1024() * ref_scale(), true) * wad1024()
}

/// `(true − got)` in wei and relative to the true value (`true_s` is the true
/// value scaled by 10^90). Positive means the result is low.
fn error_of(true_s: U1024, got: U256) -> (f64, f64) {
    let got_s = U1024::from(got) * ref_scale();
    let diff = if true_s >= got_s {
        to_f64(true_s - got_s)
    } else {
        -to_f64(got_s - true_s)
    };
    let abs = diff / 1e90;
    let rel = if true_s.is_zero() {
        0.0
    } else {
        diff / to_f64(true_s)
    };
    (abs, rel)
}

/// Running error statistics of a measurement grid.
#[derive(Default)]
struct Stats {
    points: usize,
    max_abs_wei: f64,
    max_rel: f64,
    min_abs_wei: f64,
}
impl Stats {
    fn add(&mut self, abs: f64, rel: f64) {
        self.points += 1;
        self.max_abs_wei = self.max_abs_wei.max(abs);
        self.min_abs_wei = self.min_abs_wei.min(abs);
        self.max_rel = self.max_rel.max(rel.abs());
    }
}

// ----------------------------------------------------- mul / div: edges

#[test]
fn wad_is_1e18() {
    assert_eq!(WAD, U256::from(10u8).pow(U256::from(18u8)));
}

#[test]
fn mul_wad_rounding() {
    assert_eq!(mul_wad_down(u(3), u(5e17 as u128)), Ok(u(1)));
    assert_eq!(mul_wad_up(u(3), u(5e17 as u128)), Ok(u(2)));
    assert_eq!(mul_wad_down(u(1), u(1)), Ok(U256::ZERO));
    assert_eq!(mul_wad_up(u(1), u(1)), Ok(u(1)));
    assert_eq!(mul_wad_down(WAD, WAD), Ok(WAD));
    assert_eq!(mul_wad_up(WAD, WAD), Ok(WAD));
    assert_eq!(mul_wad_down(u(25e17 as u128), u(4e17 as u128)), Ok(WAD));
    assert_eq!(mul_wad_down(U256::ZERO, U256::MAX), Ok(U256::ZERO));
    assert_eq!(mul_wad_up(U256::ZERO, U256::MAX), Ok(U256::ZERO));
}

#[test]
fn mul_wad_full_precision_when_product_overflows_256_bits() {
    // MAX * 1e18 does not fit 256 bits, the result (MAX) does.
    assert_eq!(mul_wad_down(U256::MAX, WAD), Ok(U256::MAX));
    assert_eq!(mul_wad_up(U256::MAX, WAD), Ok(U256::MAX));
    let big = U256::MAX / u(3);
    assert_eq!(mul_wad_down(big, u(2e18 as u128)), Ok(big * u(2)));
}

#[test]
fn mul_wad_overflow_is_err() {
    assert_eq!(mul_wad_down(U256::MAX, WAD + u(1)), Err(MathOverflow {}));
    assert_eq!(mul_wad_up(U256::MAX, WAD + u(1)), Err(MathOverflow {}));
    assert_eq!(mul_wad_down(U256::MAX, U256::MAX), Err(MathOverflow {}));
    // Fits when rounded down, overflows when rounded up.
    assert_eq!(mul_div_down(U256::MAX, u(3), u(3)), Ok(U256::MAX));
    let x = U256::MAX / u(2) + u(1); // 2^255
    assert_eq!(mul_div_down(x, u(2), u(1)), Err(MathOverflow {}));
    assert_eq!(
        mul_div_down(U256::MAX, u(2), u(3)),
        Ok(U256::MAX / u(3) * u(2))
    );
    // x·23 = 3·MAX + 2: the quotient is exactly MAX with a remainder, so only
    // rounding up overflows.
    let x: U256 = "15103315987476025490030998044611466241730867565083551831233597914075625605209"
        .parse()
        .unwrap();
    assert_eq!(mul_div_down(x, u(23), u(3)), Ok(U256::MAX));
    assert_eq!(mul_div_up(x, u(23), u(3)), Err(MathOverflow {}));
    assert_eq!(
        mul_div_down(U256::MAX, U256::MAX, U256::MAX - u(1)),
        Err(MathOverflow {})
    );
}

#[test]
fn div_wad_rounding_and_errors() {
    assert_eq!(div_wad_down(u(1), u(3)), Ok(u(333_333_333_333_333_333)));
    assert_eq!(div_wad_up(u(1), u(3)), Ok(u(333_333_333_333_333_334)));
    assert_eq!(div_wad_down(WAD, WAD), Ok(WAD));
    assert_eq!(div_wad_up(u(6), u(3)), Ok(u(2e18 as u128)));
    assert_eq!(div_wad_down(U256::ZERO, u(7)), Ok(U256::ZERO));
    assert_eq!(div_wad_down(u(1), U256::ZERO), Err(MathOverflow {}));
    assert_eq!(div_wad_up(u(1), U256::ZERO), Err(MathOverflow {}));
    assert_eq!(div_wad_down(U256::ZERO, U256::ZERO), Err(MathOverflow {}));
    assert_eq!(div_wad_down(U256::MAX, u(1)), Err(MathOverflow {}));
    assert_eq!(div_wad_down(U256::MAX, WAD), Ok(U256::MAX));
    assert_eq!(div_wad_up(U256::MAX, U256::MAX), Ok(WAD));
}

#[test]
fn mul_div_edges() {
    assert_eq!(mul_div_down(u(1), u(1), U256::ZERO), Err(MathOverflow {}));
    assert_eq!(
        mul_div_up(U256::ZERO, U256::ZERO, U256::ZERO),
        Err(MathOverflow {})
    );
    assert_eq!(mul_div_down(U256::MAX, U256::MAX, U256::MAX), Ok(U256::MAX));
    assert_eq!(mul_div_up(U256::MAX, U256::MAX, U256::MAX), Ok(U256::MAX));
    assert_eq!(mul_div_down(u(7), u(3), u(2)), Ok(u(10)));
    assert_eq!(mul_div_up(u(7), u(3), u(2)), Ok(u(11)));
    assert_eq!(mul_div_up(u(6), u(3), u(2)), Ok(u(9)));
    // 2^255 · 4 / 8 = 2^254 (product needs 258 bits).
    let two255 = U256::from(1u8) << 255;
    assert_eq!(mul_div_down(two255, u(4), u(8)), Ok(two255 >> 1));
    assert_eq!(mul_div_up(two255, u(4), u(8)), Ok(two255 >> 1));
    // Remainder only visible in the low half of a 512-bit product.
    assert_eq!(mul_div_down(two255, u(5), u(2)), Err(MathOverflow {}));
    // 2^257 = 3·(2·(MAX/3)) + 2.
    assert_eq!(
        mul_div_down(two255, u(4), u(3)),
        Ok((U256::MAX / u(3)) * u(2))
    );
    assert_eq!(
        mul_div_up(two255, u(4), u(3)),
        Ok((U256::MAX / u(3)) * u(2) + u(1))
    );
    // Long-division path with the top bit of the running remainder set
    // (d > 2^255): MAX·MAX / MAX and (MAX − 1)·MAX / MAX.
    assert_eq!(
        mul_div_down(U256::MAX - u(1), U256::MAX, U256::MAX),
        Ok(U256::MAX - u(1))
    );
    assert_eq!(
        mul_div_up(U256::MAX - u(1), U256::MAX, U256::MAX - u(2)),
        Err(MathOverflow {})
    );
    assert_eq!(
        mul_div_down(U256::MAX - u(1), U256::MAX - u(2), U256::MAX),
        Ok(U256::MAX - u(3))
    );
    assert_eq!(
        mul_div_up(U256::MAX - u(1), U256::MAX - u(2), U256::MAX),
        Ok(U256::MAX - u(2))
    );
    // 2^256 = 3·(MAX/3) + 1.
    assert_eq!(mul_div_down(two255, u(2), u(3)), Ok(U256::MAX / u(3)));
    assert_eq!(mul_div_up(two255, u(2), u(3)), Ok(U256::MAX / u(3) + u(1)));
}

/// Exact reference: the 512-bit product and quotient.
fn mul_div_ref(x: U256, y: U256, d: U256) -> (Option<U256>, Option<U256>) {
    let p = U512::from(x) * U512::from(y);
    let d = U512::from(d);
    let (q, r) = p.div_rem(d);
    let down = if q <= U512::from(U256::MAX) {
        Some(U256::from_limbs_slice(&q.as_limbs()[..4]))
    } else {
        None
    };
    let qu = if r.is_zero() { q } else { q + U512::from(1u8) };
    let up = if qu <= U512::from(U256::MAX) {
        Some(U256::from_limbs_slice(&qu.as_limbs()[..4]))
    } else {
        None
    };
    (down, up)
}

fn any_u256() -> impl Strategy<Value = U256> {
    prop_oneof![
        any::<[u64; 4]>().prop_map(U256::from_limbs),
        any::<u128>().prop_map(U256::from),
        any::<u64>().prop_map(U256::from),
        (0u128..10_000_000_000_000_000_000_000).prop_map(U256::from),
        (0usize..256).prop_map(|s| U256::from(1u8) << s),
        (0usize..256).prop_map(|s| U256::MAX >> s),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn mul_div_matches_512_bit_reference(x in any_u256(), y in any_u256(), d in any_u256()) {
        let (down, up) = mul_div_ref(x, y, d.max(u(1)));
        prop_assert_eq!(mul_div_down(x, y, d.max(u(1))).ok(), down);
        prop_assert_eq!(mul_div_up(x, y, d.max(u(1))).ok(), up);
        prop_assert_eq!(mul_div_down(x, y, U256::ZERO), Err(MathOverflow {}));
    }

    #[test]
    fn mul_div_matches_u128_for_small_inputs(x in any::<u64>(), y in any::<u64>(), d in 1u64..) {
        let p = u128::from(x) * u128::from(y);
        let d128 = u128::from(d);
        prop_assert_eq!(mul_div_down(u(x.into()), u(y.into()), u(d128)), Ok(u(p / d128)));
        prop_assert_eq!(mul_div_up(u(x.into()), u(y.into()), u(d128)), Ok(u(p.div_ceil(d128))));
    }

    #[test]
    fn wad_ops_are_mul_div(x in any_u256(), y in any_u256()) {
        prop_assert_eq!(mul_wad_down(x, y), mul_div_down(x, y, WAD));
        prop_assert_eq!(mul_wad_up(x, y), mul_div_up(x, y, WAD));
        prop_assert_eq!(div_wad_down(x, y), mul_div_down(x, WAD, y));
        prop_assert_eq!(div_wad_up(x, y), mul_div_up(x, WAD, y));
    }

    #[test]
    fn up_minus_down_is_0_or_1(x in any_u256(), y in any_u256(), d in any_u256()) {
        let d = d.max(u(1));
        for (down, up) in [
            (mul_div_down(x, y, d), mul_div_up(x, y, d)),
            (mul_wad_down(x, y), mul_wad_up(x, y)),
            (div_wad_down(x, d), div_wad_up(x, d)),
        ] {
            match (down, up) {
                (Ok(dn), Ok(up)) => prop_assert!(up == dn || up == dn + u(1)),
                // Only rounding up can overflow on its own, and only at MAX.
                (Ok(dn), Err(_)) => prop_assert_eq!(dn, U256::MAX),
                (Err(_), Err(_)) => {}
                (Err(_), Ok(_)) => prop_assert!(false, "down overflowed but up did not"),
            }
        }
    }

    #[test]
    fn mul_then_div_round_trip(x in any::<u128>(), y in 1u128..) {
        // (x·y/1e18 rounded down)·1e18/y ≤ x ≤ (x·y/1e18 rounded up)·1e18/y, rounded up.
        let (x, y) = (u(x), u(y));
        let lo = div_wad_down(mul_wad_down(x, y).unwrap(), y).unwrap();
        let hi = div_wad_up(mul_wad_up(x, y).unwrap(), y).unwrap();
        prop_assert!(lo <= x && x <= hi);
    }
}

// ------------------------------------------------------------- exp_wad

#[test]
fn exp_wad_exact_points() {
    assert_eq!(exp_wad(I256::ZERO), Ok(WAD));
    // e^(∓k wei)·1e18 = 1e18 ∓ k + k²/2·1e-18 + …: just above an integer, a
    // hard case for a method that errs low (needs error < 5e-37 relative).
    for k in 1u128..=1000 {
        assert_eq!(exp_wad(i(-(k as i128))), Ok(WAD - u(k)), "e^-{k}");
        assert_eq!(exp_wad(i(k as i128)), Ok(WAD + u(k)), "e^{k}");
    }
    assert_eq!(
        exp_wad(i(1_000_000_000_000_000_000)),
        Ok(u(2_718_281_828_459_045_235))
    );
    assert_eq!(
        exp_wad(i(-1_000_000_000_000_000_000)),
        Ok(u(367_879_441_171_442_321))
    );
    // ln 2 = 0.693147180559945309417…: e^x·1e18 = 2e18 − 0.83 and 2e18 + 1.17.
    assert_eq!(
        exp_wad(i(693_147_180_559_945_309)),
        Ok(u(1_999_999_999_999_999_999))
    );
    assert_eq!(
        exp_wad(i(693_147_180_559_945_310)),
        Ok(u(2_000_000_000_000_000_001))
    );
    assert_eq!(
        exp_wad(i(10_000_000_000_000_000_000)),
        Ok(u(22_026_465_794_806_716_516_957))
    );
    assert_eq!(
        exp_wad(i(-10_000_000_000_000_000_000)),
        Ok(u(45_399_929_762_484))
    );
}

#[test]
fn exp_wad_domain_bounds() {
    let max_ok = i(135_305_999_368_893_231_588);
    let r = exp_wad(max_ok).unwrap();
    assert!(r < U256::from(1u8) << 255, "fits int256");
    assert!(r > U256::from(1u8) << 254);
    assert_eq!(exp_wad(max_ok + i(1)), Err(MathOverflow {}));
    assert_eq!(exp_wad(I256::MAX), Err(MathOverflow {}));
    // Lower end: 0 from -41446531673892822313 on (true value < 1 wei), and
    // certainly at the solmate bound.
    assert_eq!(exp_wad(i(-41_446_531_673_892_822_313)), Ok(U256::ZERO));
    assert_eq!(exp_wad(i(-42_139_678_854_452_767_551)), Ok(U256::ZERO));
    assert_eq!(exp_wad(I256::MIN), Ok(U256::ZERO));
    assert_eq!(exp_wad(I256::MIN + i(1)), Ok(U256::ZERO));
    // Just above: true value 1.0000…03 wei; a lower bound may give 0 or 1.
    assert!(exp_wad(i(-41_446_531_673_892_822_312)).unwrap() <= u(1));
    assert_eq!(
        exp_wad(i(-41_446_531_673_892_822_312 + 1_000_000_000)),
        Ok(u(1))
    );
    assert_eq!(exp_wad(i(-40_000_000_000_000_000_000)), Ok(u(4)));
}

#[test]
fn exp_wad_is_monotone_across_integer_powers_of_two() {
    // Around x = n·ln 2 the method switches its shift; check neighbourhoods.
    for n in -59i128..=195 {
        let centre = n * 693_147_180_559_945_309;
        let mut prev = exp_wad(i(centre - 300)).unwrap();
        for d in -299..=300 {
            let cur = exp_wad(i(centre + d)).unwrap();
            assert!(cur >= prev, "exp_wad not monotone at {}", centre + d);
            prev = cur;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn exp_wad_matches_f64(x in -41_400_000_000_000_000_000i128..135_300_000_000_000_000_000i128) {
        let got = to_f64(exp_wad(i(x)).unwrap());
        let want = (x as f64 / 1e18).exp() * 1e18;
        // f64 itself is off by up to ~|x|·2^-53 relative (argument rounding).
        let tol = want * (2e-16 * (x as f64 / 1e18).abs() + 4e-16) + 1.0;
        prop_assert!((got - want).abs() <= tol, "x={} got={} want={}", x, got, want);
    }

    #[test]
    fn exp_wad_is_monotone(x in -42_000_000_000_000_000_000i128..135_305_999_368_893_231_588i128, dx in 0i128..1_000_000_000_000) {
        let y = (x + dx).min(135_305_999_368_893_231_588);
        prop_assert!(exp_wad(i(x)).unwrap() <= exp_wad(i(y)).unwrap());
    }

    #[test]
    fn exp_wad_adds_exponents(a in -20_000_000_000_000_000_000i128..20_000_000_000_000_000_000i128,
                              b in -20_000_000_000_000_000_000i128..20_000_000_000_000_000_000i128) {
        // e^a·e^b = e^(a+b) up to the rounding of the factors.
        let ea = exp_wad(i(a)).unwrap();
        let eb = exp_wad(i(b)).unwrap();
        let eab = exp_wad(i(a + b)).unwrap();
        let prod = mul_wad_down(ea, eb).unwrap();
        // Each factor is up to 1 wei low, scaled by the other factor.
        let tol = (to_f64(ea) + to_f64(eb)) / 1e18 + 2.0;
        prop_assert!(abs_diff(eab, prod) <= tol, "{} vs {}", eab, prod);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn exp_wad_is_floor_of_true_value(x in -41_446_531_673_892_822_312i128..135_305_999_368_893_231_589i128) {
        let got = exp_wad(i(x)).unwrap();
        let (abs, rel) = error_of(exp_wad_ref(i(x)), got);
        prop_assert!(abs >= 0.0, "above the true value");
        // Below 1 wei of floor rounding plus the method's documented < 6e-38
        // relative error (which only shows on results above ~1e37).
        let true_value = abs / rel;
        prop_assert!(
            abs < 1.0 || (abs - 1.0) / true_value < 6e-38,
            "x={} got={} abs={} rel={}", x, got, abs, rel
        );
    }

    #[test]
    fn pow2_neg_wad_is_floor_of_true_value(x in 0u128..60_000_000_000_000_000_000) {
        let got = pow2_neg_wad(u(x));
        let (abs, _) = error_of(pow2_neg_wad_ref(u(x)), got);
        prop_assert!((0.0..1.0).contains(&abs), "x={} got={} abs={}", x, got, abs);
    }
}

#[test]
fn exp_wad_measured_error() {
    let mut rng = Rng(1);
    let (lo, hi) = (
        -41_446_531_673_892_822_312i128,
        135_305_999_368_893_231_589i128,
    );
    let mut xs: Vec<i128> = (0..2000)
        .map(|_| lo + rng.below((hi - lo) as u128) as i128)
        .collect();
    xs.extend((0..200).map(|k| lo + (hi - lo) * k / 200));
    // Small |x| (log-spaced, both signs) and the ends.
    for e in 0..=19u32 {
        for m in [1i128, 3, 7] {
            xs.extend(
                [m * 10i128.pow(e), -m * 10i128.pow(e)]
                    .into_iter()
                    .filter(|x| (lo..hi).contains(x)),
            );
        }
    }
    xs.extend([lo, lo + 1, hi - 1, hi - 2, 0, 1, -1]);
    let (mut all, mut big, mut huge) = (Stats::default(), Stats::default(), Stats::default());
    for &x in &xs {
        let got = exp_wad(i(x)).unwrap();
        let (abs, rel) = error_of(exp_wad_ref(i(x)), got);
        assert!(
            abs >= 0.0,
            "exp_wad({x}) = {got} above the true value (by {abs} wei)"
        );
        if to_f64(got) < 1e30 {
            all.add(abs, rel);
            assert!(abs < 1.0, "exp_wad({x}) = {got} off by {abs} wei");
        }
        if to_f64(got) >= 1e18 {
            big.add(abs, rel);
        }
        if to_f64(got) >= 1e45 {
            huge.add(abs, rel);
        }
    }
    println!(
        "exp_wad: {} points with result < 1e30: max error {:.6} wei (result = floor(true)); \
         {} points with result >= 1e18: max relative error {:.3e}; \
         {} points with result >= 1e45 (method's own error, not the final rounding): {:.3e}",
        all.points, all.max_abs_wei, big.points, big.max_rel, huge.points, huge.max_rel
    );
    assert!(big.max_rel < 1e-18);
    assert!(huge.max_rel < 1e-37);
}

// --------------------------------------------------------- pow2_neg_wad

#[test]
fn pow2_neg_wad_exact_points() {
    assert_eq!(pow2_neg_wad(U256::ZERO), WAD);
    assert_eq!(pow2_neg_wad(u(1)), WAD - u(1));
    for n in 0u32..=59 {
        let x = u(u128::from(n) * 1_000_000_000_000_000_000);
        assert_eq!(pow2_neg_wad(x), WAD >> n as usize, "2^-{n}");
    }
    assert_eq!(
        pow2_neg_wad(u(500_000_000_000_000_000)),
        u(707_106_781_186_547_524)
    );
    assert_eq!(pow2_neg_wad(u(59_794_705_707_972_522_261)), u(1));
    assert_eq!(pow2_neg_wad(u(59_794_705_707_972_522_262)), U256::ZERO);
    assert_eq!(
        pow2_neg_wad(u(60_000_000_000_000_000_000) - u(1)),
        U256::ZERO
    );
    assert_eq!(pow2_neg_wad(u(60_000_000_000_000_000_000)), U256::ZERO);
    assert_eq!(pow2_neg_wad(U256::MAX), U256::ZERO);
    assert_eq!(pow2_neg_wad(U256::MAX >> 1), U256::ZERO);
    assert_eq!(pow2_neg_wad(U256::from(u128::MAX)), U256::ZERO);
}

#[test]
fn pow2_neg_wad_is_monotone_around_integers_and_everywhere_sampled() {
    for n in 0u128..=60 {
        let centre = n * 1_000_000_000_000_000_000;
        let mut prev = pow2_neg_wad(u(centre.saturating_sub(500)));
        for x in centre.saturating_sub(499)..centre + 500 {
            let cur = pow2_neg_wad(u(x));
            assert!(cur <= prev, "pow2_neg_wad not monotone at {x}");
            prev = cur;
        }
    }
    // Dense walk over the whole domain with steps of ~1e15.
    let mut rng = Rng(7);
    let mut x = 0u128;
    let mut prev = pow2_neg_wad(U256::ZERO);
    while x < 61_000_000_000_000_000_000 {
        x += rng.below(2_000_000_000_000_000) + 1;
        let cur = pow2_neg_wad(u(x));
        assert!(cur <= prev, "pow2_neg_wad not monotone at {x}");
        prev = cur;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn pow2_neg_wad_matches_f64(x in 0u128..60_000_000_000_000_000_000) {
        let got = to_f64(pow2_neg_wad(u(x)));
        let want = (-(x as f64) / 1e18).exp2() * 1e18;
        let tol = want * (2e-16 * (x as f64 / 1e18) + 4e-16) + 1.0;
        prop_assert!((got - want).abs() <= tol, "x={} got={} want={}", x, got, want);
        prop_assert!(got <= 1e18);
    }

    #[test]
    fn pow2_neg_wad_is_monotone(x in any_u256(), dx in any_u256()) {
        let y = x.saturating_add(dx);
        prop_assert!(pow2_neg_wad(y) <= pow2_neg_wad(x));
        prop_assert!(pow2_neg_wad(x) <= WAD);
    }

    #[test]
    fn pow2_neg_wad_is_monotone_small_steps(x in 0u128..60_000_000_000_000_000_000, dx in 0u128..1_000_000) {
        prop_assert!(pow2_neg_wad(u(x + dx)) <= pow2_neg_wad(u(x)));
    }

    #[test]
    fn pow2_neg_wad_halves_per_unit(x in 0u128..58_000_000_000_000_000_000) {
        // 2^-(x+1) = 2^-x / 2, up to rounding of both sides.
        let a = pow2_neg_wad(u(x));
        let b = pow2_neg_wad(u(x + 1_000_000_000_000_000_000));
        prop_assert!(b == a >> 1 || b + u(1) == a >> 1, "{} {}", a, b);
    }

    #[test]
    fn pow2_neg_wad_agrees_with_exp_wad(x in 0u128..41_000_000_000_000_000_000) {
        // 2^-x = e^(-x ln 2): compare at matching arguments.
        let y = mul_wad_down(u(x), u(693_147_180_559_945_309)).unwrap();
        let e = exp_wad(-I256::try_from(y).unwrap()).unwrap();
        let p = pow2_neg_wad(u(x));
        // y is x·ln 2 to within 1 wei + x·1e-36.
        let tol = to_f64(e) * 2e-18 + 2.0;
        prop_assert!(abs_diff(e, p) <= tol, "{} {}", e, p);
    }
}

#[test]
fn pow2_neg_wad_measured_error() {
    let mut rng = Rng(2);
    let hi = 60_000_000_000_000_000_000u128;
    let mut xs: Vec<u128> = (0..2000).map(|_| rng.below(hi)).collect();
    xs.extend((0..=300).map(|k| hi * k / 300));
    for e in 0..=20u32 {
        for m in [1u128, 3, 7] {
            xs.push(m * 10u128.pow(e));
        }
    }
    let mut st = Stats::default();
    let mut big = Stats::default();
    for &x in &xs {
        let got = pow2_neg_wad(u(x));
        let (abs, rel) = error_of(pow2_neg_wad_ref(u(x)), got);
        assert!(
            (0.0..1.0).contains(&abs),
            "pow2_neg_wad({x}) = {got}: error {abs} wei"
        );
        st.add(abs, rel);
        if to_f64(got) >= 1e6 {
            big.add(abs, rel);
        }
    }
    println!(
        "pow2_neg_wad: {} points: max error {:.6} wei (result = floor(true)); \
         relative error incl. the final rounding {:.3e} for results >= 1e6 wei",
        st.points, st.max_abs_wei, big.max_rel
    );
}

// -------------------------------------------------------------- ln_wad

/// Checks `ln_wad(x) == floor(ln(x/1e18)·1e18)` against the 90-digit exp
/// reference: `e^(r)·1e18 ≤ x < e^(r+1 wei)·1e18`. Returns the distance
/// `true − r` in wei (∈ [0, 1) when exact).
fn check_ln(x: U256) -> f64 {
    let r = ln_wad(x).unwrap();
    let xs = U1024::from(x) * ref_scale();
    let at_r = exp_wad_ref(r);
    let at_next = exp_wad_ref(r + i(1));
    assert!(at_r <= xs, "ln_wad({x}) = {r} is above the true value");
    assert!(
        xs < at_next,
        "ln_wad({x}) = {r} is more than 1 wei below the true value"
    );
    // true − r ≈ (x − e^r)/e^r in units of 1e-18.
    to_f64(xs - at_r) / to_f64(at_r) * 1e18
}

#[test]
fn ln_wad_exact_points() {
    assert_eq!(ln_wad(WAD), Ok(I256::ZERO));
    assert_eq!(ln_wad(U256::ZERO), Err(MathOverflow {}));
    // ln(1 + 1e-18) = 1e-18 − 5e-37 → floor 0; ln(1 − 1e-18) → −1 (floor).
    assert_eq!(ln_wad(WAD + u(1)), Ok(I256::ZERO));
    // ln(1 − 1e-18)·1e18 = −1.0000000000000000005 → floor −2.
    assert_eq!(ln_wad(WAD - u(1)), Ok(i(-2)));
    assert_eq!(ln_wad(WAD + u(2)), Ok(i(1)));
    assert_eq!(
        ln_wad(u(2_000_000_000_000_000_000)),
        Ok(i(693_147_180_559_945_309))
    );
    assert_eq!(
        ln_wad(u(500_000_000_000_000_000)),
        Ok(i(-693_147_180_559_945_310))
    );
    assert_eq!(
        ln_wad(u(2_718_281_828_459_045_235)),
        Ok(i(999_999_999_999_999_999))
    );
    assert_eq!(
        ln_wad(u(2_718_281_828_459_045_236)),
        Ok(i(1_000_000_000_000_000_000))
    );
    // ln(1e-18) = −41.446531673892822312(3…)
    assert_eq!(ln_wad(u(1)), Ok(i(-41_446_531_673_892_822_313)));
    // ln((2^256 − 1)/1e18) = 135.999146549453176898(6…)
    assert_eq!(ln_wad(U256::MAX), Ok(i(135_999_146_549_453_176_898)));
}

#[test]
fn ln_wad_near_one_and_powers() {
    for d in 0u128..2000 {
        check_ln(WAD + u(d));
        check_ln(WAD - u(d + 1));
    }
    for s in 0..256usize {
        let p = U256::from(1u8) << s;
        check_ln(p);
        if s > 0 {
            check_ln(p - u(1));
            check_ln(p + u(1));
        }
    }
}

#[test]
fn ln_wad_inverts_exp_wad() {
    let mut rng = Rng(5);
    for _ in 0..300 {
        let x = rng.below(130_000_000_000_000_000_000) as i128 - 20_000_000_000_000_000_000;
        let e = exp_wad(i(x)).unwrap();
        let back = ln_wad(e).unwrap();
        // e ≤ true value, so ln(e) ≤ x; the gap is at most the rounding of e.
        let gap = i(x) - back;
        let allowed = 1e18 / to_f64(e) + 2.0;
        assert!(
            gap >= I256::ZERO && (gap.as_i64() as f64) <= allowed,
            "x={x} back={back}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn ln_wad_matches_f64(x in any_u256()) {
        prop_assume!(!x.is_zero());
        let got = ln_wad(x).unwrap();
        let got = if got.is_negative() { -(to_f64(got.unsigned_abs())) } else { to_f64(got.unsigned_abs()) };
        let want = (to_f64(x) / 1e18).ln() * 1e18;
        // f64: the rounded argument costs ~2^-52 absolute, the result ~2^-53 relative.
        let tol = 500.0 + 4e-16 * want.abs();
        prop_assert!((got - want).abs() <= tol, "x={} got={} want={}", x, got, want);
    }

    #[test]
    fn ln_wad_is_floor_of_true_value(x in any_u256()) {
        prop_assume!(!x.is_zero());
        check_ln(x);
    }

    #[test]
    fn ln_wad_is_monotone(x in any_u256(), dx in any::<u64>()) {
        prop_assume!(!x.is_zero());
        let y = x.saturating_add(u(dx.into()));
        prop_assert!(ln_wad(x).unwrap() <= ln_wad(y).unwrap());
    }
}

#[test]
fn ln_wad_measured_error() {
    let mut rng = Rng(3);
    let mut xs: Vec<U256> = Vec::new();
    // Log-uniform over the whole domain: random bit length, random mantissa.
    for _ in 0..2000 {
        let bits = (rng.next() % 256) as usize;
        let x = rng.u256() >> (255 - bits);
        xs.push(x.max(u(1)));
    }
    for k in 1..=300u128 {
        xs.push(u(k * 1_000_000_000_000_000)); // 0.001 … 0.3
        xs.push(u(WAD.to::<u128>() + k * 1_000_000_000_000)); // near 1
    }
    let (mut max_dist, mut min_dist) = (0f64, 1f64);
    for &x in &xs {
        let d = check_ln(x);
        max_dist = max_dist.max(d);
        min_dist = min_dist.min(d);
    }
    println!(
        "ln_wad: {} points: result = floor(true) at every point (true − result in [{:.3e}, {:.6}] wei)",
        xs.len(),
        min_dist,
        max_dist
    );
}

proptest! {
    /// The small-code variant agrees with the exact one wherever it accepts, and
    /// accepts every product of operands whose bit lengths sum to at most 256.
    #[test]
    fn mul_div_fit_matches_the_exact_mul_div(
        x in any::<u128>(), y in any::<u128>(), d in 1..u128::MAX, up in any::<bool>()
    ) {
        let (x, y, d) = (U256::from(x), U256::from(y), U256::from(d));
        let exact = if up { mul_div_up(x, y, d) } else { mul_div_down(x, y, d) };
        prop_assert_eq!(mul_div_fit(x, y, d, up), exact);
    }
}

#[test]
fn mul_div_fit_refuses_what_may_not_fit_and_zero_divisors() {
    assert_eq!(mul_div_fit(U256::from(1), U256::from(1), U256::ZERO, false), Err(MathOverflow {}));
    assert_eq!(mul_div_fit(U256::MAX, U256::from(2), U256::from(2), false), Err(MathOverflow {}));
    assert_eq!(mul_div_fit(U256::from(7), U256::from(3), U256::from(2), true), Ok(U256::from(11)));
}

/// The series as it was evaluated before it moved to native u128 arithmetic:
/// every product and quotient on U256 (the model the native code must match
/// bit for bit).
mod u256_series {
    use alloy_primitives::{uint, I256, U256};

    const Q: usize = 127;
    const ONE: U256 = U256::from_limbs([0, 1 << (Q - 64), 0, 0]);
    const LN2: U256 = uint!(117932881612756647068972071382077242199_U256);
    const LOG2E_PER_WAD: U256 = uint!(4527971772398935283541772404656230803685_U256);
    const WAD: U256 = uint!(1000000000000000000_U256);

    fn exp2_frac(f: U256) -> U256 {
        let r = f.wrapping_mul(LN2) >> Q;
        let mut acc = ONE;
        for k in (1..=31u64).rev() {
            acc = ONE + (acc.wrapping_mul(r) >> Q) / U256::from(k);
        }
        acc
    }

    fn pow2_neg(a: U256) -> U256 {
        let (n_floor, frac) = (a >> Q, a & (ONE - U256::from(1u8)));
        let (n, f) = if frac.is_zero() { (n_floor, frac) } else { (n_floor + U256::from(1u8), ONE - frac) };
        exp2_frac(f).wrapping_mul(WAD) >> (n.saturating_to::<usize>() + Q)
    }

    /// `exp_wad` for `x` inside its domain.
    pub fn exp_wad(x: I256) -> U256 {
        let ax = x.unsigned_abs();
        if x.is_negative() {
            let scaled = ax.wrapping_mul(LOG2E_PER_WAD + U256::from(1u8));
            pow2_neg((scaled >> 64) + U256::from(!(scaled & U256::from(u64::MAX)).is_zero()))
        } else {
            let a: U256 = ax.wrapping_mul(LOG2E_PER_WAD) >> 64;
            let n: usize = (a >> Q).saturating_to::<usize>();
            let m = exp2_frac(a & (ONE - U256::from(1u8))).wrapping_mul(WAD);
            if n >= Q { m << (n - Q) } else { m >> (Q - n) }
        }
    }

    /// `pow2_neg_wad` for `x < 60e18`.
    pub fn pow2_neg_wad(x: U256) -> U256 {
        let scaled = x << Q;
        let (q, r) = (scaled / WAD, scaled % WAD);
        pow2_neg(q + U256::from(!r.is_zero()))
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn exp_wad_is_the_u256_series_bit_for_bit(x in -41_446_531_673_892_822_312i128..135_305_999_368_893_231_589i128) {
        prop_assert_eq!(exp_wad(i(x)).unwrap(), u256_series::exp_wad(i(x)), "x={}", x);
    }

    #[test]
    fn pow2_neg_wad_is_the_u256_series_bit_for_bit(x in 0u128..60_000_000_000_000_000_000) {
        prop_assert_eq!(pow2_neg_wad(u(x)), u256_series::pow2_neg_wad(u(x)), "x={}", x);
    }
}
