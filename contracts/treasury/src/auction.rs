//! The reverse Dutch auction of a buyback round: the bid per whole share rises
//! linearly from `floorBps` to `capBps` of the spot price read at opening, and a
//! sale fills only as many shares as the remaining budget buys.
use atelier_common::math;
use alloy_primitives::U256;
use atelier_common::{
    errors::MathOverflow,
    math::{mul_div_fit, WAD},
};

use crate::accounting::BPS;

/// Bid per whole share (wei) `elapsed` seconds into a round of `duration`
/// seconds, rounded down. Past the end it stays at the cap.
pub fn bid_at(
    spot: U256,
    floor_bps: u16,
    cap_bps: u16,
    elapsed: u64,
    duration: u64,
) -> Result<U256, MathOverflow> {
    let cap = u128::from(cap_bps);
    let floor = u128::from(floor_bps.min(cap_bps));
    if duration == 0 {
        return mul_div(spot, cap, u128::from(BPS));
    }
    let d = u128::from(duration);
    let e = u128::from(elapsed.min(duration));
    // bps(t) * duration, in u128: at most 65535 * 2^64 * 2, no overflow.
    let scaled_bps = floor * d + (cap - floor) * e;
    mul_div(spot, scaled_bps, u128::from(BPS) * d)
}

/// `x * y / d` rounded down, through the shared small-code variant.
fn mul_div(x: U256, y: u128, d: u128) -> Result<U256, MathOverflow> {
    mul_div_fit(x, U256::from(y), U256::from(d), false)
}

/// How much of an offer of `shares` (18-decimal units) a round with
/// `remaining` wei fills at `bid` wei per whole share: `(filled, paid)` with
/// `paid = filled * bid / 1e18` rounded down, so `paid <= remaining` always.
pub fn fill(shares: U256, bid: U256, remaining: U256) -> Result<(U256, U256), MathOverflow> {
    if bid.is_zero() {
        return Ok((U256::ZERO, U256::ZERO));
    }
    let affordable = math::div_nz(remaining.checked_mul(WAD).ok_or(MathOverflow {})?, bid);
    let filled = shares.min(affordable);
    // filled * bid <= remaining * 1e18, which did not overflow above.
    let paid = math::div_nz(filled.checked_mul(bid).ok_or(MathOverflow {})?, WAD);
    Ok((filled, paid))
}
