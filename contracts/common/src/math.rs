//! WAD (1e18) fixed-point math for the Atelier economy.
//!
//! Everything here is integer-only (Stylus WASM has no floats) and total: an
//! out-of-range result is `Err(MathOverflow)`, never a panic or a silent wrap.
//!
//! * `mul_*` / `div_*` / `mul_div_*`: exact, with a 512-bit intermediate when
//!   the product exceeds 256 bits. `_down` rounds toward zero, `_up` away from
//!   zero, so `up − down ∈ {0, 1}`.
//! * [`exp_wad`], [`pow2_neg_wad`]: the power of two `2^t` is split into an
//!   integer power (a shift) and `2^f`, `f ∈ [0, 1)`, evaluated as `e^(f·ln 2)`
//!   by a Taylor series in 2^-127 binary fixed point.
//! * [`ln_wad`]: `x = 2^k·m`, `m ∈ [1, √2)`, `ln m = 2·atanh((m−1)/(m+1))` by
//!   its odd power series, in the same fixed point.
//!
//! Every approximation step of the three transcendental functions truncates
//! toward the result's lower side, so each result is a lower bound of the true
//! value, then rounded down to a wei: the result is `floor(true)` unless the
//! true value lies within the method's tiny error (relative < 6e-38 for
//! `exp`/`pow2`, absolute < 1e-17 wei for `ln`) above an integer, where it is
//! one wei less. Tested against a 90-digit reference: `floor(true)` at every
//! tested point. No tables: a handful of constants and two short loops.
use alloy_primitives::{uint, I256, U256, U512};

use crate::errors::MathOverflow;

/// 1e18: the WAD unit (`1.0` in fixed point).
pub const WAD: U256 = U256::from_limbs([1_000_000_000_000_000_000, 0, 0, 0]);

/// Internal binary fixed point: values are scaled by `2^Q`.
const Q: usize = 127;
/// `1.0` in internal fixed point.
const ONE: U256 = U256::from_limbs([0, 1 << (Q - 64), 0, 0]);
/// `floor(ln 2 · 2^127)`.
const LN2: U256 = uint!(117932881612756647068972071382077242199_U256);
/// [`LN2`] as a native integer, for the series.
const LN2_NATIVE: u128 = 117932881612756647068972071382077242199;
/// `floor(ln 2 / 2 · 2^127)`.
const HALF_LN2: U256 = uint!(58966440806378323534486035691038621099_U256);
/// `ceil(√2 · 2^127)`.
const SQRT2: U256 = uint!(240615969168004511545033772477625056928_U256);
/// `ceil(ln(1e18) · 2^127)`.
const LN_WAD: U256 = uint!(7051761949327947601248046344331026329024_U256);
/// `floor(log2(e) / 1e18 · 2^191)`: turns a WAD exponent of `e` into a
/// 2^(Q+64)-scaled exponent of 2 (the extra 64 bits keep its precision).
const LOG2E_PER_WAD: U256 = uint!(4527971772398935283541772404656230803685_U256);
/// Taylor terms for `e^r`, `r ∈ [0, ln 2)`: remainder < 2^-133.
const EXP_TERMS: u64 = 31;
/// Odd-power terms after `z` for `atanh z`, `z ≤ 3 − 2√2`: remainder < 2^-129.
const ATANH_TERMS: u64 = 23;

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

/// `a · b` for internal values whose product is known to stay below 2^256
/// (each call site states why). Out of line: one copy of the 256-bit
/// multiplication instead of one per call site keeps the WASM small.
#[inline(never)]
fn mul(a: U256, b: U256) -> U256 {
    a.wrapping_mul(b)
}

/// `x` as a native integer if it is below 2^128.
fn native(x: U256) -> Option<u128> {
    let l = x.as_limbs();
    (l[2] | l[3] == 0).then(|| u128::from(l[0]) | (u128::from(l[1]) << 64))
}

/// The 256-bit product of two native values, as (high, low) halves.
fn mul_wide(a: u128, b: u128) -> (u128, u128) {
    const LOW: u128 = u64::MAX as u128;
    let (a0, a1, b0, b1) = (a & LOW, a >> 64, b & LOW, b >> 64);
    let (ll, lh, hl) = (a0 * b0, a0 * b1, a1 * b0);
    // Bits 64..127 of the product, and their carry into bit 128.
    let mid = (ll >> 64) + (lh & LOW) + (hl & LOW);
    let high = a1 * b1 + (lh >> 64) + (hl >> 64) + (mid >> 64);
    (high, (mid << 64) | (ll & LOW))
}

/// `a · b / 2^Q` (truncated) for internal fixed-point values, product < 2^256.
fn mul_q(a: U256, b: U256) -> U256 {
    mul(a, b) >> Q
}

/// `(n / d, n % d)`; `Err` if `d == 0`. The one U256 division of the WASM
/// build: ruint's `div_rem` links a reciprocal table and a Knuth division of a
/// few KiB; this is a native `u64` division when `n` fits 64 bits, 32-bit chunks
/// in native ops when `d` fits 32 bits, else a shift-and-subtract loop over the
/// quotient's bits only (`bit_len(n) − bit_len(d) + 1` steps: about 20 for a
/// token amount over WAD), its remainder a native u128 when `d < 2^127`.
pub fn div_rem(n: U256, d: U256) -> Result<(U256, U256), MathOverflow> {
    if d.is_zero() {
        return Err(overflow());
    }
    Ok(div_rem_nz(n, d))
}

/// `n / d`; `Err` if `d == 0`.
pub fn div(n: U256, d: U256) -> Result<U256, MathOverflow> {
    div_rem(n, d).map(|(q, _)| q)
}

/// `n / d` for a divisor known to be non-zero (a constant, or checked by the
/// caller); `0` if it is zero after all (the EVM's `DIV`), never a panic.
pub fn div_nz(n: U256, d: U256) -> U256 {
    div_rem_nz(n, d).0
}

/// `(n / d, n % d)` for a divisor known to be non-zero; `(0, n)` if it is zero
/// after all, never a panic.
#[inline(never)]
pub fn div_rem_nz(n: U256, d: U256) -> (U256, U256) {
    let (nl, dl) = (n.as_limbs(), d.as_limbs());
    if nl[1] | nl[2] | nl[3] == 0 && dl[1] | dl[2] | dl[3] == 0 {
        // Both fit 64 bits: the machine's own division.
        return match dl[0] {
            0 => (U256::ZERO, n),
            d0 => (U256::from(nl[0] / d0), U256::from(nl[0] % d0)),
        };
    }
    if d.is_zero() {
        return (U256::ZERO, n);
    }
    if dl[1] | dl[2] | dl[3] == 0 && dl[0] >> 32 == 0 {
        // d < 2^32 (series terms, bps, periods): long division over 32-bit
        // chunks in native 64-bit ops; rem < d keeps every step within 64 bits.
        let d0 = dl[0];
        let mut limbs = *nl;
        let mut rem = 0u64;
        for limb in limbs.iter_mut().rev() {
            let hi = (rem << 32) | (*limb >> 32);
            let lo = ((hi % d0) << 32) | (*limb & 0xffff_ffff);
            *limb = ((hi / d0) << 32) | (lo / d0);
            rem = lo % d0;
        }
        return (U256::from_limbs(limbs), U256::from(rem));
    }
    let (nb, db) = (n.bit_len(), d.bit_len());
    if nb < db {
        return (U256::ZERO, n);
    }
    if db < 128 {
        // d < 2^127 (WAD, rates, λ, supplies): restoring division with the
        // remainder in a native u128 (it stays below 2d), one quotient bit a
        // step from the top `db` bits of n down; a tenth of the instructions
        // of the 256-bit loop below.
        let divisor = u128::from(dl[0]) | (u128::from(dl[1]) << 64);
        let mut shift = nb - db;
        let top = n >> shift;
        let top = top.as_limbs();
        let mut rem = u128::from(top[0]) | (u128::from(top[1]) << 64);
        let mut q = [0u64; 4];
        loop {
            if rem >= divisor {
                rem -= divisor;
                q[shift / 64] |= 1 << (shift % 64);
            }
            if shift == 0 {
                return (U256::from_limbs(q), U256::from(rem));
            }
            shift -= 1;
            rem = (rem << 1) | u128::from((nl[shift / 64] >> (shift % 64)) & 1);
        }
    }
    // Invariant: rem < step << 1, and q holds the quotient bits above `shift`.
    let mut shift = nb - db;
    let mut step = d << shift;
    let (mut q, mut rem) = (U256::ZERO, n);
    loop {
        if rem >= step {
            rem = rem.wrapping_sub(step);
            q.set_bit(shift, true);
        }
        if shift == 0 {
            return (q, rem);
        }
        shift -= 1;
        step >>= 1;
    }
}

/// `x * y / d` and whether the division left a remainder, exact for any
/// 512-bit product. `Err` if `d == 0` or the quotient exceeds 256 bits.
///
/// A product that fits 256 bits takes one ordinary division. A wider one
/// (`hi:lo`, with `hi < d` or the quotient would overflow) is divided by binary
/// long division: 256 shift-and-subtract steps on 256-bit registers. That path
/// is rare and slower, but it reuses no second (512-bit) division routine,
/// which keeps the WASM small.
fn mul_div_rem(x: U256, y: U256, d: U256) -> Result<(U256, bool), MathOverflow> {
    if d.is_zero() {
        return Err(overflow());
    }
    let product: U512 = x.widening_mul(y);
    let limbs = product.as_limbs();
    let lo = U256::from_limbs([limbs[0], limbs[1], limbs[2], limbs[3]]);
    let hi = U256::from_limbs([limbs[4], limbs[5], limbs[6], limbs[7]]);
    if hi.is_zero() {
        let (q, r) = div_rem_nz(lo, d);
        return Ok((q, !r.is_zero()));
    }
    if hi >= d {
        return Err(overflow());
    }
    // Invariant: rem < d. Each step brings down the next bit of `lo` (taken
    // from the top of `q`, whose low end collects the quotient bits).
    let (mut rem, mut q) = (hi, lo);
    for _ in 0..256 {
        // rem·2 + bit < 2d; when it reaches 2^256 (carry) it certainly exceeds
        // d, and the wrapping subtraction gives the exact difference.
        let carry = rem.bit(255);
        rem = (rem << 1) | (q >> 255);
        q <<= 1;
        if carry || rem >= d {
            rem = rem.wrapping_sub(d);
            q |= U256::from(1u8);
        }
    }
    Ok((q, !rem.is_zero()))
}

/// `x * y / d`, rounded up or down, for products that fit 256 bits: `Err` if
/// `d == 0` or the bit lengths of `x` and `y` sum above 256 (conservative: it also
/// refuses products between 2^255 and 2^256). Much smaller code than the exact
/// [`mul_div_down`]/[`mul_div_up`] (no 512-bit path), for callers whose operands
/// are bounded far below 2^128 (prices, bps, WAD factors): the contracts' size
/// limit makes the difference.
#[inline]
pub fn mul_div_fit(x: U256, y: U256, d: U256, up: bool) -> Result<U256, MathOverflow> {
    // Reuses the wrapping multiplication instead of an overflow-tracking one.
    if x.bit_len() + y.bit_len() > 256 {
        return Err(MathOverflow {});
    }
    let product = x * y;
    if d.is_zero() {
        return Err(MathOverflow {});
    }
    let (q, r) = div_rem_nz(product, d);
    Ok(q + U256::from(up && !r.is_zero()))
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

/// `a · b / 2^Q` (truncated) for internal values below 2^128 whose product is
/// below 2^255: the series' multiplication, native (bit for bit what
/// [`mul_q`] gives on the same values).
fn mul_q_native(a: u128, b: u128) -> u128 {
    let (high, low) = mul_wide(a, b);
    (high << 1) | (low >> 127)
}

/// `x / k` for a series index `k ∈ [1, 2^32)`: long division over 32-bit chunks
/// in native 64-bit ops (a u128 `/` links compiler-rt's general division).
fn div_term(x: u128, k: u64) -> u128 {
    let (mut q, mut rem) = (0u128, 0u64);
    for shift in [96u32, 64, 32, 0] {
        let chunk = (rem << 32) | ((x >> shift) as u64 & 0xffff_ffff);
        q |= u128::from(chunk / k) << shift;
        rem = chunk % k;
    }
    q
}

/// `2^f` in internal fixed point for `f ∈ [0, ONE)`, never above the true value.
///
/// Evaluates `e^r`, `r = f·ln 2 ∈ [0, ln 2)`, by Horner's scheme on the Taylor
/// series `1 + r(1 + r/2(1 + r/3(…(1 + r/N))))`. All terms are positive and
/// every step truncates, so the result is a lower bound (a few 2^-127 low,
/// relative), is exactly `ONE` at `f = 0`, stays in `[ONE, 2·ONE)`, and is
/// non-decreasing in `f` (each step is monotone). Every value stays below
/// 2^128 (the partial sums are at most `e^r < 2`), every product below 2^255:
/// native u128 arithmetic, the same truncations as U256 would make.
fn exp2_frac(f: U256) -> U256 {
    let f = native(f).unwrap_or_default();
    let one = 1u128 << Q;
    let r = mul_q_native(f, LN2_NATIVE);
    let mut acc = one;
    let mut k = EXP_TERMS;
    while k > 0 {
        acc = one + div_term(mul_q_native(acc, r), k);
        k -= 1;
    }
    U256::from(acc)
}

/// `2^(a / 2^Q) · 1e18`, rounded down, for a fixed-point exponent `a ≥ 0`.
/// `Err` if it does not fit 256 bits.
fn wad_pow2(a: U256) -> Result<U256, MathOverflow> {
    let n: usize = (a >> Q).saturating_to();
    // exp2_frac < 2^128, so this product is < 2^188.
    let m = mul(exp2_frac(a & (ONE - U256::from(1u8))), WAD);
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
    let (n, f) = if frac.is_zero() {
        (n_floor, frac)
    } else {
        (n_floor + U256::from(1u8), ONE - frac)
    };
    let n: usize = n.saturating_to();
    mul(exp2_frac(f), WAD) >> n.saturating_add(Q)
}

/// `e^(x / 1e18) · 1e18`: the WAD natural exponential.
///
/// Domain: `Err(MathOverflow)` for `x ≥ 135305999368893231589` ([`EXP_WAD_MAX`],
/// where the result reaches 2^255); `0` for `x ≤ -41446531673892822313` (true
/// value below 1 wei; this includes the solmate bound `-42139678854452767551`).
///
/// Method: `e^x = 2^(x·log2 e)`; the exponent is formed in 2^-127 fixed point
/// (rounded so the result errs low), split into an integer shift and `2^f`,
/// `f ∈ [0, 1)`, evaluated by a Taylor series. Exact at `x = 0` (returns 1e18).
///
/// Rounding: down, never above the true value. Before the final rounding the
/// value is low by a relative < 6e-38 (≈ 10 ulps of 2^-127, mostly from
/// `log2 e`'s truncation scaled by `x`; measured max 3.8e-38 on results
/// ≥ 1e45), so the result is `floor(true)` (measured at every tested point,
/// including `e^(±k wei)` for k ≤ 1000), i.e. low by less than 1 wei, or by
/// up to `true·6e-38` when that is larger (results above ~1.7e37).
/// Monotone non-decreasing in `x`.
pub fn exp_wad(x: I256) -> Result<U256, MathOverflow> {
    let ax = x.unsigned_abs();
    if x.is_negative() {
        if ax >= EXP_WAD_ZERO {
            return Ok(U256::ZERO);
        }
        // Exponent of 2, rounded up in magnitude so the result errs low.
        // ax < 2^66 and LOG2E_PER_WAD < 2^132: the product fits.
        let scaled = mul(ax, LOG2E_PER_WAD + U256::from(1u8));
        let a = (scaled >> 64) + U256::from(!(scaled & U256::from(u64::MAX)).is_zero());
        Ok(wad_pow2_neg(a))
    } else {
        if ax >= EXP_WAD_MAX {
            return Err(overflow());
        }
        // Exponent of 2, rounded down so the result errs low.
        // ax < 2^67 and LOG2E_PER_WAD < 2^132: the product fits.
        wad_pow2(mul(ax, LOG2E_PER_WAD) >> 64)
    }
}

/// `2^(-x / 1e18) · 1e18` for `x ≥ 0`: the decay factor `2^(-dt/halfLife)`.
///
/// Domain: every `x`; the result lies in `[0, 1e18]`, is exactly `1e18 >> n`
/// rounded down at integers `x = n·1e18`, and is `0` from `x ≥ 60e18`
/// ([`POW2_NEG_WAD_ZERO`]; true value below 1 wei from ~59.79e18).
///
/// Rounding: down, never above the true value; before the final rounding the
/// value is low by a relative < 6e-38, so the result is `floor(true)`
/// (measured at every tested point): low by less than 1 wei. Monotone
/// non-increasing in `x` (a property of the method: see `wad_pow2_neg`; also
/// tested).
pub fn pow2_neg_wad(x: U256) -> U256 {
    if x >= POW2_NEG_WAD_ZERO {
        return U256::ZERO;
    }
    // Exact conversion of x / 1e18 to 2^-127 fixed point, rounded up so the
    // result errs low. x < 2^66, so x·2^127 < 2^193.
    let (q, r) = div_rem_nz(x << Q, WAD);
    wad_pow2_neg(q + U256::from(!r.is_zero()))
}

/// `ln(x / 1e18) · 1e18`: the WAD natural logarithm, for `x > 0`.
///
/// Domain: `x == 0` → `Err(MathOverflow)`; otherwise every `x` (results from
/// `ln(1e-18)·1e18 ≈ -41.45e18` to `≈ 135.9e18`). Exact `0` at `x = 1e18`.
///
/// Method: `x = 2^k · m`, `m ∈ [1, 2)`; if `m ≥ √2` use `ln m = ln 2/2 + ln(m/√2)`
/// so `m ∈ [1, √2)`; `ln m = 2·atanh(z)`, `z = (m−1)/(m+1) ∈ [0, 0.172)`, by the
/// series `z + z³/3 + z⁵/5 + …` in 2^-127 fixed point; then
/// `k·ln 2 + ln m − ln 1e18`.
///
/// Rounding: toward −∞, never above the true value. Before the final rounding
/// the value is low by < 2^-118 (< 1e-17 wei: at most 255 ulps of `k·ln 2` plus
/// a few of the series), so the result is `floor(true)` (measured at every
/// tested point), i.e. low by less than 1 wei. (`ln(1 ± k wei)` lies just
/// below an integer, so e.g. `ln_wad(1e18 − 1) == -2`.)
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
    let mut pos = mul(LN2, U256::from(k));
    if m >= SQRT2 {
        // m / √2 with √2 rounded up: errs low. m < 2^128: m·2^127 < 2^255.
        m = div_nz(m << Q, SQRT2);
        pos += HALF_LN2;
    }
    // z = (m − 1)/(m + 1) ∈ [0, 3 − 2√2], rounded down.
    let z = div_nz((m - ONE) << Q, m + ONE);
    let z2 = mul_q(z, z);
    // atanh(z)/z = 1 + z²/3 + z⁴/5 + … by Horner, each step truncating.
    let mut acc = U256::ZERO;
    let mut i = ATANH_TERMS;
    while i > 0 {
        acc = div_nz(ONE, U256::from(2 * i + 1)) + mul_q(acc, z2);
        i -= 1;
    }
    acc = ONE + mul_q(acc, z2);
    pos += mul_q(acc, z) << 1;
    // Convert to WAD, rounding toward −∞. |value| < 2^135, ·1e18 < 2^195.
    let value = if pos >= LN_WAD {
        I256::from_raw(mul_q(pos - LN_WAD, WAD))
    } else {
        let (q, r) = div_rem_nz(mul(LN_WAD - pos, WAD), ONE);
        -I256::from_raw(q + U256::from(!r.is_zero()))
    };
    Ok(value)
}
