//! Splitting inflows into the four buckets, and the 128-bit wei amounts the
//! buckets are stored as (two buckets per storage slot: one slot write less
//! per bucket pair on every inflow; 2^128 wei is far beyond all ETH in existence).
use atelier_common::math;
use alloy_primitives::{aliases::U128, U256};
use atelier_common::errors::MathOverflow;

/// Basis points in a whole.
pub const BPS: u16 = 10_000;

/// Bucket numbers used in `InsufficientBucket`.
pub mod bucket {
    /// The reserve (governance withdrawals).
    pub const RESERVE: u8 = 0;
    /// Funds the next buyback round.
    pub const BUYBACK: u8 = 1;
    /// Funds autonomous acquisitions.
    pub const ACQUISITION: u8 = 2;
    /// Streamed to the curation registry at upkeep.
    pub const REWARDS: u8 = 3;
}

/// One inflow divided among the buckets. The reserve takes the remainder, so
/// the four parts always add up to the inflow exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    /// Reserve part (including every rounding remainder).
    pub reserve: U256,
    /// Buyback part.
    pub buyback: U256,
    /// Acquisition part.
    pub acquisition: U256,
    /// Rewards part.
    pub rewards: U256,
}

/// `amount * bps / 10_000` rounded down, without overflow for any `amount`
/// when `bps <= 10_000`.
pub fn portion(amount: U256, bps: u16) -> U256 {
    let whole = U256::from(BPS);
    let bps = U256::from(bps.min(BPS));
    let (q, r) = math::div_rem_nz(amount, whole);
    q * bps + math::div_nz(r * bps, whole)
}

/// Splits `amount` by the buyback, acquisition and rewards basis points
/// (their sum is kept <= 10,000 by the parameter bounds).
pub fn split(amount: U256, buyback_bps: u16, acquisition_bps: u16, rewards_bps: u16) -> Split {
    let buyback = portion(amount, buyback_bps);
    let acquisition = portion(amount, acquisition_bps);
    let rewards = portion(amount, rewards_bps);
    // Each part rounds down and the bps sum to at most 10,000, so the three
    // parts never exceed `amount`; saturate anyway rather than ever wrap.
    let reserve = amount
        .saturating_sub(buyback)
        .saturating_sub(acquisition)
        .saturating_sub(rewards);
    Split {
        reserve,
        buyback,
        acquisition,
        rewards,
    }
}

/// A stored 128-bit amount as `U256`.
pub fn widen(x: U128) -> U256 {
    U256::from_limbs([x.as_limbs()[0], x.as_limbs()[1], 0, 0])
}

/// `x` as a 128-bit amount, or `MathOverflow`.
pub fn narrow(x: U256) -> Result<U128, MathOverflow> {
    let l = x.as_limbs();
    if l[2] != 0 || l[3] != 0 {
        return Err(MathOverflow {});
    }
    Ok(U128::from_limbs([l[0], l[1]]))
}

/// `a + b` as a 128-bit amount, or `MathOverflow`.
pub fn add(a: U128, b: U256) -> Result<U128, MathOverflow> {
    narrow(widen(a).checked_add(b).ok_or(MathOverflow {})?)
}

/// A stored 16-bit word as `u16`.
pub fn u16_of(x: alloy_primitives::aliases::U16) -> u16 {
    x.as_limbs()[0] as u16
}

/// A stored 64-bit word as `u64`.
pub fn u64_of(x: alloy_primitives::aliases::U64) -> u64 {
    x.as_limbs()[0]
}

/// `v` as a storable 16-bit word (callers pass values already bounded to 16 bits).
pub fn word16(v: u64) -> alloy_primitives::aliases::U16 {
    alloy_primitives::aliases::U16::from_limbs([v & 0xffff])
}

/// `v` as a storable 64-bit word.
pub fn word64(v: u64) -> alloy_primitives::aliases::U64 {
    alloy_primitives::aliases::U64::from_limbs([v])
}
