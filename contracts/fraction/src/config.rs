//! Governance parameters: their hard bounds, and the one place that writes
//! them (`initialize` and `setParam` both go through [`FractionToken::apply_param`]).
use alloy_primitives::{
    aliases::{U64, U96},
    uint, Address, I256, U256,
};
use atelier_common::{
    errors::{MathOverflow, UnknownParam},
    math::{exp_wad, mul_div_fit, WAD},
    params::{bounded, fraction::*},
};
use stylus_sdk::prelude::*;

use crate::{abi::*, Error, FractionToken};

/// `p0`, wei per whole share: at least 1 wei, at most 1e10 ether.
pub const P0_MIN: U256 = uint!(1_U256);
/// See [`P0_MIN`].
pub const P0_MAX: U256 = uint!(10_000_000_000_000_000_000_000_000_000_U256);
/// Daily decay `k` (WAD): 0.01 % a day at least, 99 % a day at most, so `λ = -ln(1-k)`
/// stays in `[1e14, 4.61e18]` (never zero, fits 64 bits).
pub const DECAY_MIN: U256 = uint!(100_000_000_000_000_U256);
/// See [`DECAY_MIN`].
pub const DECAY_MAX: U256 = uint!(990_000_000_000_000_000_U256);
/// Target rate `r`, whole shares a day (WAD): 0.001 to 1e9.
pub const RATE_MIN: U256 = uint!(1_000_000_000_000_000_U256);
/// See [`RATE_MIN`].
pub const RATE_MAX: U256 = uint!(1_000_000_000_000_000_000_000_000_000_U256);
/// Latest sale start: year 2100 (unix seconds).
pub const SALE_START_MAX: u64 = 4_102_444_800;
/// Lowest premium governance may allow: 0.1x (WAD).
pub const PREMIUM_FLOOR: U256 = uint!(100_000_000_000_000_000_U256);
/// Highest premium governance may allow: 10x (WAD).
pub const PREMIUM_CEIL: U256 = uint!(10_000_000_000_000_000_000_U256);
/// Smallest per-update premium step: 0.1 % (WAD).
pub const PREMIUM_STEP_MIN: U256 = uint!(1_000_000_000_000_000_U256);
/// Premium update interval: one minute to thirty days (seconds).
pub const PREMIUM_INTERVAL_MIN: u64 = 60;
/// See [`PREMIUM_INTERVAL_MIN`].
pub const PREMIUM_INTERVAL_MAX: u64 = 30 * 86_400;
/// Hard supply cap: 2^85 - 1 share units (~38.7 million whole shares, 38x
/// the default `maxSupply`). Every vote weight and tally is bounded by it:
/// ArtGovernor packs its three tallies in 85 bits each, the balances here
/// are 96 bits wide.
pub const SUPPLY_CAP: U256 = uint!(0x1fffffffffffffffffffff_U256);
/// Longest backlog `maxLag`: one day to one year (seconds).
pub const MAX_LAG_MIN: u64 = 86_400;
/// See [`MAX_LAG_MIN`].
pub const MAX_LAG_MAX: u64 = 365 * 86_400;
/// `maxLag` set by `initialize`: seven days (governance may change it).
pub const DEFAULT_MAX_LAG: u64 = 7 * 86_400;
/// Largest address as a number (`KEEPER` must be a non-zero address).
pub const ADDRESS_MAX: U256 = uint!(0xffffffffffffffffffffffffffffffffffffffff_U256);

/// `λ = -ln(1 - k)` for a bounded `k`, by Newton's method on `(1-k)·e^λ = 1`
/// with `exp_wad`, which the price needs anyway: `ln_wad` would add ~0.7 KB
/// of compressed WASM for a value computed only when `k` changes.
///
/// From `λ = 0` the steps `λ += 1 - (1-k)·e^λ` rise monotonically to the root
/// (the function is convex, so no step overshoots it) and converge
/// quadratically near it: at most a dozen steps within the `k` bounds. The
/// product is taken on `exp_wad + 1` (`exp_wad` errs at most 2 wei low), so
/// the result lies within 2 wei of the true `λ`.
pub(crate) fn lambda(decay: U256) -> Result<U64, MathOverflow> {
    let x = WAD - decay;
    let mut lambda = U256::ZERO;
    for _ in 0..NEWTON_STEPS {
        // λ < 4.7e18: e^λ < 1.1e20, the product < 2^128.
        let e = exp_wad(I256::from_raw(lambda))? + U256::from(1u8);
        let product = mul_div_fit(x, e, WAD, false)?;
        if product >= WAD {
            break;
        }
        lambda += WAD - product;
    }
    U64::checked_from_limbs_slice(lambda.as_limbs()).ok_or(MathOverflow {})
}

/// Newton steps allowed for [`lambda`] (it needs at most ~12).
const NEWTON_STEPS: usize = 64;

/// The fixed hard bounds `[min, max]` by key (in key order). `bounds` narrows three of them
/// by the current state: `PREMIUM_MIN <= premiumMax`, `PREMIUM_MAX >=
/// premiumMin`, `MAX_SUPPLY >= totalSupply`. Every bound fits the field its
/// key is stored in. One table and one comparison path keep `setParam` small.
static BOUNDS: [(U256, U256); COUNT as usize] = [
    (P0_MIN, P0_MAX),
    (DECAY_MIN, DECAY_MAX),
    (RATE_MIN, RATE_MAX),
    (U256::ZERO, U256::from_limbs([SALE_START_MAX, 0, 0, 0])),
    (PREMIUM_FLOOR, PREMIUM_CEIL),
    (PREMIUM_FLOOR, PREMIUM_CEIL),
    (PREMIUM_STEP_MIN, PREMIUM_CEIL),
    (
        U256::from_limbs([PREMIUM_INTERVAL_MIN, 0, 0, 0]),
        U256::from_limbs([PREMIUM_INTERVAL_MAX, 0, 0, 0]),
    ),
    (uint!(1_U256), SUPPLY_CAP),
    (U256::ZERO, uint!(1_U256)),
    (uint!(1_U256), ADDRESS_MAX),
    (
        U256::from_limbs([MAX_LAG_MIN, 0, 0, 0]),
        U256::from_limbs([MAX_LAG_MAX, 0, 0, 0]),
    ),
];

impl FractionToken {
    /// The hard bounds `[min, max]` of parameter `key` now.
    fn bounds(&self, key: u8) -> Result<(U256, U256), Error> {
        let (mut min, mut max) = *BOUNDS
            .get(usize::from(key))
            .ok_or(UnknownParam { key })?;
        match key {
            PREMIUM_MIN => max = max.min(U256::from(self.premium_max.get())),
            PREMIUM_MAX => min = min.max(U256::from(self.premium_min.get())),
            MAX_SUPPLY => min = min.max(self.total_supply()),
            _ => {}
        }
        Ok((min, max))
    }

    /// Checks `value` against the hard bounds of `key`, stores it and emits
    /// `ParamSet`. A premium bound that excludes the current premium moves the
    /// premium onto it (with `PremiumSet`).
    pub(crate) fn apply_param(&mut self, key: u8, value: U256) -> Result<(), Error> {
        let (min, max) = self.bounds(key)?;
        bounded(key, value, min, max)?;
        // A change of k, r or the backlog cap re-anchors the schedule so the
        // price does not jump (history is not repriced).
        let target = match key {
            DECAY | TARGET_RATE | MAX_LAG => self.position(),
            _ => None,
        };
        // Every bound fits the field it is stored in.
        let narrow = U64::saturating_from(value);
        let wide = U96::saturating_from(value);
        match key {
            P0 => self.p0.set(wide),
            DECAY => {
                self.decay.set(narrow);
                self.lambda.set(lambda(value)?);
            }
            TARGET_RATE => self.rate.set(wide),
            SALE_START => self.sale_start.set(narrow),
            PREMIUM_MIN => self.premium_min.set(narrow),
            PREMIUM_MAX => self.premium_max.set(narrow),
            PREMIUM_MAX_STEP => self.premium_max_step.set(narrow),
            PREMIUM_INTERVAL => self.premium_interval.set(narrow),
            MAX_SUPPLY => self.max_supply.set(wide),
            PAUSED => self.paused.set(!value.is_zero()),
            MAX_LAG => self.max_lag.set(narrow),
            _ => self.keeper.set(Address::from_word(value.into())),
        }
        if let Some(target) = target {
            self.reanchor(target)?;
        }
        if key == PREMIUM_MIN || key == PREMIUM_MAX {
            self.clamp_premium();
        }
        atelier_common::emit!(
            self.vm(),
            ParamSet,
            2,
            [key, value],
        );
        Ok(())
    }

    /// Keeps `premiumMin <= premium <= premiumMax` after a bound change (the
    /// bounds check keeps `premiumMin <= premiumMax`).
    fn clamp_premium(&mut self) {
        let old = self.premium.get();
        let new = old
            .max(self.premium_min.get())
            .min(self.premium_max.get());
        if new != old {
            self.premium.set(new);
            atelier_common::emit!(
                self.vm(),
                PremiumSet,
                1,
                [old, new],
            );
        }
    }

    /// The current value of parameter `key` (addresses as `uint160`).
    pub(crate) fn read_param(&self, key: u8) -> Result<U256, Error> {
        Ok(match key {
            P0 => U256::from(self.p0.get()),
            DECAY => U256::from(self.decay.get()),
            TARGET_RATE => U256::from(self.rate.get()),
            SALE_START => U256::from(self.sale_start.get()),
            PREMIUM_MIN => U256::from(self.premium_min.get()),
            PREMIUM_MAX => U256::from(self.premium_max.get()),
            PREMIUM_MAX_STEP => U256::from(self.premium_max_step.get()),
            PREMIUM_INTERVAL => U256::from(self.premium_interval.get()),
            MAX_SUPPLY => U256::from(self.max_supply.get()),
            PAUSED => U256::from(self.paused.get() as u8),
            KEEPER => address_word(self.keeper.get()),
            MAX_LAG => U256::from(self.max_lag.get()),
            _ => return Err(UnknownParam { key }.into()),
        })
    }
}

/// `uint256(uint160(a))`.
pub(crate) fn address_word(a: Address) -> U256 {
    U256::from_be_bytes(a.into_word().0)
}
