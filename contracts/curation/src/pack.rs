//! Shift-and-mask helpers of the registry's packed storage words. A hot record
//! (a seed's stake state, a position, an account's weight, the stream's
//! accumulator and clock) is one 256-bit word, read with one load and written
//! with one store, laid out from the low bits up as
//! `low: 96 bits | mid: 96 bits | top: 64 bits`, or
//! `low: 96 bits | high: 160 bits` (`high` overlaps `mid` and `top`).
//! The callers check every field's width before packing (see `state`).
use alloy_primitives::U256;

/// `2^96 - 1`: the largest 96-bit value.
pub const MAX96: U256 = U256::from_limbs([u64::MAX, u32::MAX as u64, 0, 0]);

/// Bits 0..96.
pub fn low(word: U256) -> U256 {
    word & MAX96
}

/// Bits 96..192.
pub fn mid(word: U256) -> U256 {
    (word >> 96) & MAX96
}

/// Bits 192..256.
pub fn top(word: U256) -> u64 {
    word.as_limbs()[3]
}

/// Bits 96..256.
pub fn high(word: U256) -> U256 {
    word >> 96
}

/// `low | mid << 96 | top << 192`, for `low, mid < 2^96`.
pub fn word3(low: U256, mid: U256, top: u64) -> U256 {
    low | mid << 96 | U256::from_limbs([0, 0, 0, top])
}

/// `low | high << 96`, for `low < 2^96`, `high < 2^160`.
pub fn word2(low: U256, high: U256) -> U256 {
    low | high << 96
}
