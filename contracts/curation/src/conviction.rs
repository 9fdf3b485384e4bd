//! Conviction: a seed's score moves toward its stake with a half-life,
//! `c' = s + (c - s) * 2^(-dt / halfLife)`, so a stake held for long outweighs
//! a flash stake. Evaluated lazily, O(1), in WAD fixed point.
use atelier_common::math;
use alloy_primitives::U256;
use atelier_common::{
    errors::MathOverflow,
    math::{pow2_neg_wad, WAD},
};

/// Conviction after `elapsed` seconds at constant `stake`, from `conviction`.
///
/// The distance to the stake is rounded down, so the result always lies
/// between `conviction` and `stake` (it never overshoots either). A zero
/// `half_life` (unwired registry) means no memory: the result is `stake`.
pub fn decay_toward(
    conviction: U256,
    stake: U256,
    elapsed: u64,
    half_life: u64,
) -> Result<U256, MathOverflow> {
    if elapsed == 0 || conviction == stake {
        return Ok(conviction);
    }
    let exponent = math::div(U256::from(elapsed) * WAD, U256::from(half_life))
        .unwrap_or(U256::MAX);
    let factor = pow2_neg_wad(exponent);
    if conviction > stake {
        Ok(stake + scale_down(conviction - stake, factor)?)
    } else {
        Ok(stake - scale_down(stake - conviction, factor)?)
    }
}

/// `distance * factor / 1e18`, rounded down, for `factor <= 1e18`.
///
/// Like `math::mul_wad_down`, but without its 512-bit path: stakes are stored
/// in 96 bits, so the product always fits 256 bits (checked anyway), and the
/// contract stays well under the WASM size limit.
fn scale_down(distance: U256, factor: U256) -> Result<U256, MathOverflow> {
    distance
        .checked_mul(factor)
        .map(|p| math::div_nz(p, WAD))
        .ok_or(MathOverflow {})
}
