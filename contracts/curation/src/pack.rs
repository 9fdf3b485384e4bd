//! Shift-and-mask helpers of the registry's packed storage words. A hot record
//! (a seed's stake state, a position, an account's weight, the stream's
//! accumulator and clock) is one 256-bit word, read with one load and written
//! with one store, laid out from the low bits up as
//! `low: 96 bits | mid: 96 bits | top: 64 bits`, or
//! `low: 96 bits | high: 160 bits` (`high` overlaps `mid` and `top`).
//! The callers check every field's width before packing (see `state`); the
//! helpers work on the four 64-bit limbs (no 256-bit shifts).
use alloy_primitives::U256;

/// Bits 0..96.
pub fn low(word: U256) -> U256 {
    let [a, b, ..] = word.into_limbs();
    U256::from_limbs([a, b & 0xffff_ffff, 0, 0])
}

/// Bits 96..192.
pub fn mid(word: U256) -> U256 {
    let [_, b, c, _] = word.into_limbs();
    U256::from_limbs([b >> 32 | c << 32, c >> 32, 0, 0])
}

/// Bits 192..256.
pub fn top(word: U256) -> u64 {
    word.as_limbs()[3]
}

/// Bits 96..256.
pub fn high(word: U256) -> U256 {
    let [_, b, c, d] = word.into_limbs();
    U256::from_limbs([b >> 32 | c << 32, c >> 32 | d << 32, d >> 32, 0])
}

/// `low | mid << 96 | top << 192`, for `low, mid < 2^96`.
pub fn word3(low: U256, mid: U256, top: u64) -> U256 {
    let [a, b, ..] = low.into_limbs();
    let [m, n, ..] = mid.into_limbs();
    U256::from_limbs([a, b | m << 32, m >> 32 | n << 32, top])
}

/// `low | high << 96`, for `low < 2^96`, `high < 2^160`.
pub fn word2(low: U256, high: U256) -> U256 {
    let [a, b, ..] = low.into_limbs();
    let [h, i, j, _] = high.into_limbs();
    U256::from_limbs([a, b | h << 32, h >> 32 | i << 32, i >> 32 | j << 32])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn below(bits: usize, limbs: [u64; 4]) -> U256 {
        U256::from_limbs(limbs) & ((U256::from(1) << bits) - U256::from(1))
    }

    proptest! {
        #[test]
        fn fields_round_trip(l in any::<[u64; 4]>(), m in any::<[u64; 4]>(), t: u64, h in any::<[u64; 4]>()) {
            let (l, m, h) = (below(96, l), below(96, m), below(160, h));
            let w = word3(l, m, t);
            prop_assert_eq!(w, l | m << 96 | U256::from(t) << 192);
            prop_assert_eq!((low(w), mid(w), top(w)), (l, m, t));
            let w = word2(l, h);
            prop_assert_eq!(w, l | h << 96);
            prop_assert_eq!((low(w), high(w)), (l, h));
        }
    }
}
