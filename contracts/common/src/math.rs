//! WAD (1e18) fixed-point math for the Atelier economy.
//!
//! Everything here is integer-only (Stylus WASM has no floats) and total: an
//! out-of-range result is `Err(MathOverflow)`, never a panic or a silent wrap.
//!
//! * `mul_*` / `div_*` / `mul_div_*`: exact, with a 512-bit intermediate.
//!   `_down` rounds toward zero, `_up` away from zero (`up - down ∈ {0, 1}`).
//! * [`exp_wad`], [`pow2_neg_wad`]: `2^t` is split into an integer power of two
//!   (a shift) and `2^f`, `f ∈ [0, 1)`, evaluated as `e^(f·ln 2)` by a Taylor
//!   series in 120-bit binary fixed point. Every approximation step rounds
//!   *down*, so results never exceed the true value, and they are monotone in
//!   the input.
//! * [`ln_wad`]: `x = 2^k · m`, `m ∈ [1, 2)` (and `m / √2` when `m ≥ √2`), then
//!   `ln m = 2·atanh((m−1)/(m+1))` by its odd power series, again in 120-bit
//!   fixed point with every step rounding down.
//!
//! The series are cut where their remainder is below 2^-110, so the internal
//! relative error (< 2^-105) is far below one wei for every result below ~1e31;
//! the final conversion to WAD rounds down (see each function for the measured
//! error).
use alloy_primitives::{uint, I256, U256, U512};

use crate::errors::MathOverflow;

/// 1e18: the WAD unit (`1.0` in fixed point).
pub const WAD: U256 = U256::from_limbs([1_000_000_000_000_000_000, 0, 0, 0]);

/// Internal binary fixed point: values are scaled by `2^Q`.
const Q: usize = 120;
/// `1.0` in internal fixed point.
const ONE: U256 = U256::from_limbs([0, 1 << (Q - 64), 0, 0]);
/// `floor(ln 2 · 2^120)`.
const LN2: U256 = uint!(921350637599661305226344307672478454_U256);
/// `floor(ln 2 / 2 · 2^120)`.
const HALF_LN2: U256 = uint!(460675318799830652613172153836239227_U256);
/// `ceil(√2 · 2^120)`.
const SQRT2: U256 = uint!(1879812259125035246445576347481445758_U256);
/// `ceil(ln(1e18) · 2^120)`.
const LN_WAD: U256 = uint!(55091890229124590634750362065086143196_U256);
/// `floor(log2(e) / 1e18 · 2^184)`: turns a WAD exponent of `e` into a
/// 2^(Q+64)-scaled exponent of 2 (the extra 64 bits keep its precision).
const LOG2E_PER_WAD: U256 = uint!(35374779471866681902670096911376803153_U256);
/// Taylor terms for `e^r`, `r ∈ [0, ln 2)`: remainder < 2^-117.
const EXP_TERMS: u64 = 28;
/// Odd-power terms after `z` for `atanh z`, `|z| ≤ 3 − 2√2`: remainder < 2^-113.
const ATANH_TERMS: u64 = 20;

/// Smallest input for which [`exp_wad`] overflows (`e^x·1e18 ≥ 2^255`, the
/// solmate/solady bound, so results also fit an `int256`).
pub const EXP_WAD_MAX: U256 = uint!(135305999368893231589_U256);
/// Below `-EXP_WAD_ZERO` the true value of [`exp_wad`] is below 1 wei: it returns 0.
/// (`ln(1e-18)·1e18 ≈ -41.4465e18`, tighter than solmate's `-42139678854452767551`.)
pub const EXP_WAD_ZERO: U256 = uint!(41446531673892822313_U256);
/// From this input on the true value of [`pow2_neg_wad`] is below 1 wei
/// (`log2(1e18) ≈ 59.79`): it returns 0.
pub const POW2_NEG_WAD_ZERO: U256 = uint!(60000000000000000000_U256);

const fn overflow() -> MathOverflow {
    MathOverflow {}
}

/// `x * y / d` and whether the division left a remainder, with a 512-bit
/// intermediate product. `Err` if `d == 0` or the quotient exceeds 256 bits.
fn mul_div_rem(x: U256, y: U256, d: U256) -> Result<(U256, bool), MathOverflow> {
    if d.is_zero() {
        return Err(overflow());
    }
    if let Some(product) = x.checked_mul(y) {
        // Common case: the product fits, one 256-bit division.
        let (q, r) = product.div_rem(d);
        return Ok((q, !r.is_zero()));
    }
    let product: U512 = x.widening_mul(y);
    let (q, r) = product.div_rem(U512::from(d));
    let q = U256::checked_from_limbs_slice(q.as_limbs()).ok_or_else(overflow)?;
    Ok((q, !r.is_zero()))
}

/// `x * y / d` rounded down, exact (512-bit intermediate). `Err` if `d == 0` or
/// the result does not fit 256 bits.
pub fn mul_div_down(x: U256, y: U256, d: U256) -> Result<U256, MathOverflow> {
    mul_div_rem(x, y, d).map(|(q, _)| q)
}

/// `x * y / d` rounded up, exact (512-bit intermediate). `Err` if `d == 0` or
/// the result does not fit 256 bits.
pub fn mul_div_up(x: U256, y: U256, d: U256) -> Result<U256, MathOverflow> {
    let (q, rem) = mul_div_rem(x, y, d)?;
    if rem {
        q.checked_add(U256::from(1u8)).ok_or_else(overflow)
    } else {
        Ok(q)
    }
}

/// `x * y / 1e18` rounded down (WAD product). `Err` if it exceeds 256 bits.
pub fn mul_wad_down(x: U256, y: U256) -> Result<U256, MathOverflow> {
    mul_div_down(x, y, WAD)
}

/// `x * y / 1e18` rounded up (WAD product). `Err` if it exceeds 256 bits.
pub fn mul_wad_up(x: U256, y: U256) -> Result<U256, MathOverflow> {
    mul_div_up(x, y, WAD)
}

/// `x * 1e18 / y` rounded down (WAD quotient). `Err` if `y == 0` or it exceeds
/// 256 bits.
pub fn div_wad_down(x: U256, y: U256) -> Result<U256, MathOverflow> {
    mul_div_down(x, WAD, y)
}

/// `x * 1e18 / y` rounded up (WAD quotient). `Err` if `y == 0` or it exceeds
/// 256 bits.
pub fn div_wad_up(x: U256, y: U256) -> Result<U256, MathOverflow> {
    mul_div_up(x, WAD, y)
}

/// `2^f` in internal fixed point for `f ∈ [0, ONE)`, never above the true value.
///
/// Evaluates `e^r`, `r = f·ln 2 ∈ [0, ln 2)`, by Horner's scheme on the Taylor
/// series `1 + r(1 + r/2(1 + r/3(…(1 + r/N))))`. All terms are positive and
/// every step truncates, so the result is a lower bound (error < 2^-116
/// relative), is exactly `ONE` at `f = 0`, stays in `[ONE, 2·ONE)`, and is
/// non-decreasing in `f` (each step is monotone). Products stay below 2^242.
fn exp2_frac(f: U256) -> U256 {
    let r = (f * LN2) >> Q;
    let mut acc = ONE;
    let mut k = EXP_TERMS;
    while k > 0 {
        acc = ONE + ((acc * r) >> Q) / U256::from(k);
        k -= 1;
    }
    acc
}

/// `2^(a / 2^Q) · 1e18`, rounded down, for a fixed-point exponent `a ≥ 0`.
/// `Err` if it does not fit 256 bits.
fn wad_pow2(a: U256) -> Result<U256, MathOverflow> {
    let n: usize = (a >> Q).saturating_to();
    // exp2_frac < 2^121, so this product is < 2^181.
    let m = exp2_frac(a & (ONE - U256::from(1u8))) * WAD;
    if n >= Q {
        m.checked_shl(n - Q).ok_or_else(overflow)
    } else {
        Ok(m >> (Q - n))
    }
}

/// `2^(-a / 2^Q) · 1e18`, rounded down, for a fixed-point exponent `a ≥ 0`.
///
/// Writes `-a = -n + f` with `n = ceil(a)` and `f ∈ [0, 1)`, then shifts
/// `2^f · 1e18` right by `n`. Non-increasing in `a`: within one `n`, `f` falls
/// as `a` rises; across `n`, `2^f` at `f → 1` is below 2 while at `f = 0` it is
/// exactly 1.
fn wad_pow2_neg(a: U256) -> U256 {
    let n_floor = a >> Q;
    let frac = a & (ONE - U256::from(1u8));
    let (n, f) = if frac.is_zero() { (n_floor, frac) } else { (n_floor + U256::from(1u8), ONE - frac) };
    let n: usize = n.saturating_to();
    (exp2_frac(f) * WAD) >> n.saturating_add(Q)
}

/// `e^(x / 1e18) · 1e18`: the WAD natural exponential.
///
/// Domain: `Err(MathOverflow)` for `x ≥ 135305999368893231589` ([`EXP_WAD_MAX`],
/// where the result reaches 2^255); `0` for `x ≤ -41446531673892822313` (true
/// value below 1 wei; this includes the solmate bound `-42139678854452767551`).
///
/// Method: `e^x = 2^(x·log2 e)`; the exponent is formed in 2^-120 fixed point
/// (rounded so the result errs low), split into an integer shift and `2^f`,
/// `f ∈ [0, 1)`, evaluated by a Taylor series. Exact at `x = 0` (returns 1e18).
///
/// Rounding: never above the true value (rounds down); relative error of the
/// unrounded value < 2^-105, so the result is `floor(true)` or, rarely, one wei
/// less; measured: see the crate README (tests `exp_wad_matches_reference`).
/// Monotone non-decreasing in `x`.
pub fn exp_wad(x: I256) -> Result<U256, MathOverflow> {
    let ax = x.unsigned_abs();
    if x.is_negative() {
        if ax >= EXP_WAD_ZERO {
            return Ok(U256::ZERO);
        }
        // Exponent of 2, rounded up in magnitude so the result errs low.
        // ax < 2^66 and LOG2E_PER_WAD < 2^125: the product fits.
        let scaled = ax * (LOG2E_PER_WAD + U256::from(1u8));
        let a = (scaled >> 64) + U256::from(!(scaled & U256::from(u64::MAX)).is_zero());
        Ok(wad_pow2_neg(a))
    } else {
        if ax >= EXP_WAD_MAX {
            return Err(overflow());
        }
        // Exponent of 2, rounded down so the result errs low.
        wad_pow2((ax * LOG2E_PER_WAD) >> 64)
    }
}

/// `2^(-x / 1e18) · 1e18` for `x ≥ 0`: the decay factor `2^(-dt/halfLife)`.
///
/// Domain: every `x`; the result lies in `[0, 1e18]`, is exactly `1e18 >> n`
/// rounded down at integers `x = n·1e18`, and is `0` from `x ≥ 60e18`
/// ([`POW2_NEG_WAD_ZERO`]; true value below 1 wei from ~59.79e18).
///
/// Rounding: never above the true value (rounds down); relative error of the
/// unrounded value < 2^-105, so the result is `floor(true)` or, rarely, one wei
/// less. Monotone non-increasing in `x` (a proven property of the method, also
/// tested).
pub fn pow2_neg_wad(x: U256) -> U256 {
    if x >= POW2_NEG_WAD_ZERO {
        return U256::ZERO;
    }
    // Exact conversion of x / 1e18 to 2^-120 fixed point, rounded up so the
    // result errs low. x < 2^66, so x·2^120 < 2^186.
    let (q, r) = (x << Q).div_rem(WAD);
    wad_pow2_neg(q + U256::from(!r.is_zero()))
}

/// `ln(x / 1e18) · 1e18`: the WAD natural logarithm, for `x > 0`.
///
/// Domain: `x == 0` → `Err(MathOverflow)`; otherwise every `x` (results from
/// `ln(1e-18)·1e18 ≈ -41.45e18` to `≈ 135.9e18`). Exact `0` at `x = 1e18`.
///
/// Method: `x = 2^k · m`, `m ∈ [1, 2)`; if `m ≥ √2` use `ln m = ln 2/2 + ln(m/√2)`
/// so `m ∈ [1, √2)`; `ln m = 2·atanh(z)`, `z = (m−1)/(m+1) ∈ [0, 0.172)`, by the
/// series `z + z³/3 + z⁵/5 + …` in 2^-120 fixed point; then
/// `k·ln 2 + ln m − ln 1e18`.
///
/// Rounding: toward −∞ (never above the true value); absolute error of the
/// unrounded value < 2^-100 (≈ 1e-12 wei), so the result is `floor(true)`
/// except when the true value lies within that distance above an integer.
pub fn ln_wad(x: U256) -> Result<I256, MathOverflow> {
    if x.is_zero() {
        return Err(overflow());
    }
    if x == WAD {
        // ln 1 = 0 exactly; the lower-bound method would give -1 wei.
        return Ok(I256::ZERO);
    }
    let k = x.bit_len() - 1;
    // m ∈ [ONE, 2·ONE), truncated (errs low).
    let mut m = if k <= Q { x << (Q - k) } else { x >> (k - Q) };
    // Positive part of the result (k·ln 2 + ln m), errs low.
    let mut pos = LN2 * U256::from(k);
    if m >= SQRT2 {
        // m / √2 with √2 rounded up: errs low. m < 2^121: m·2^120 < 2^241.
        m = (m << Q) / SQRT2;
        pos += HALF_LN2;
    }
    // z = (m − 1)/(m + 1) ∈ [0, 3 − 2√2], rounded down.
    let z = ((m - ONE) << Q) / (m + ONE);
    let z2 = (z * z) >> Q;
    // atanh(z)/z = 1 + z²/3 + z⁴/5 + … by Horner, each step truncating.
    let mut acc = U256::ZERO;
    let mut i = ATANH_TERMS;
    while i > 0 {
        acc = ONE / U256::from(2 * i + 1) + ((acc * z2) >> Q);
        i -= 1;
    }
    acc = ONE + ((acc * z2) >> Q);
    pos += ((acc * z) >> Q) << 1;
    // Convert to WAD, rounding toward −∞. |value| < 2^128, ·1e18 < 2^188.
    let value = if pos >= LN_WAD {
        I256::from_raw(((pos - LN_WAD) * WAD) >> Q)
    } else {
        let (q, r) = ((LN_WAD - pos) * WAD).div_rem(ONE);
        -I256::from_raw(q + U256::from(!r.is_zero()))
    };
    Ok(value)
}
