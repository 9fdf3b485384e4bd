//! Governance parameters: their hard bounds, and the one place that writes
//! them (`initialize` and `setParam` both go through [`FractionToken::apply_param`]).
use alloy_primitives::{
    aliases::{U64, U96},
    uint, Address, U256,
};
use atelier_common::{
    errors::{MathOverflow, UnknownParam},
    math::{ln_wad, WAD},
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
/// Hard supply cap: 2^96 - 1 share units (~79.2 billion whole shares), the
/// width of the packed balances.
pub const SUPPLY_CAP: U256 = uint!(0xffffffffffffffffffffffff_U256);
/// Largest address as a number (`KEEPER` must be a non-zero address).
pub const ADDRESS_MAX: U256 = uint!(0xffffffffffffffffffffffffffffffffffffffff_U256);

/// `λ = -ln(1 - k)` for a bounded `k`.
fn lambda(decay: U256) -> Result<U64, MathOverflow> {
    let ln = ln_wad(WAD - decay)?;
    U64::checked_from_limbs_slice(ln.unsigned_abs().as_limbs()).ok_or(MathOverflow {})
}

impl FractionToken {
    /// The hard bounds `[min, max]` of parameter `key` now (the premium and
    /// supply bounds depend on the current state).
    fn bounds(&self, key: u8) -> Result<(U256, U256), Error> {
        let premium_min = U256::from(self.premium_min.get());
        let premium_max = U256::from(self.premium_max.get());
        Ok(match key {
            P0 => (P0_MIN, P0_MAX),
            DECAY => (DECAY_MIN, DECAY_MAX),
            TARGET_RATE => (RATE_MIN, RATE_MAX),
            SALE_START => (U256::ZERO, U256::from(SALE_START_MAX)),
            PREMIUM_MIN => (PREMIUM_FLOOR, premium_max.min(PREMIUM_CEIL)),
            PREMIUM_MAX => (premium_min.max(PREMIUM_FLOOR), PREMIUM_CEIL),
            PREMIUM_MAX_STEP => (PREMIUM_STEP_MIN, PREMIUM_CEIL),
            PREMIUM_INTERVAL => (
                U256::from(PREMIUM_INTERVAL_MIN),
                U256::from(PREMIUM_INTERVAL_MAX),
            ),
            MAX_SUPPLY => (
                U256::from(self.total_supply.get()).max(U256::from(1u8)),
                SUPPLY_CAP,
            ),
            PAUSED => (U256::ZERO, U256::from(1u8)),
            KEEPER => (U256::from(1u8), ADDRESS_MAX),
            _ => return Err(UnknownParam { key }.into()),
        })
    }

    /// Checks `value` against the hard bounds of `key`, stores it and emits
    /// `ParamSet`. A premium bound that excludes the current premium moves the
    /// premium onto it (with `PremiumSet`).
    pub(crate) fn apply_param(&mut self, key: u8, value: U256) -> Result<(), Error> {
        let (min, max) = self.bounds(key)?;
        bounded(key, value, min, max)?;
        // Every bound below fits the field it is stored in.
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
            PREMIUM_MIN => {
                self.premium_min.set(narrow);
                self.clamp_premium(value, U256::from(self.premium_max.get()));
            }
            PREMIUM_MAX => {
                self.premium_max.set(narrow);
                self.clamp_premium(U256::from(self.premium_min.get()), value);
            }
            PREMIUM_MAX_STEP => self.premium_max_step.set(narrow),
            PREMIUM_INTERVAL => self.premium_interval.set(narrow),
            MAX_SUPPLY => self.max_supply.set(wide),
            PAUSED => self.paused.set(!value.is_zero()),
            _ => self.keeper.set(Address::from_word(value.into())),
        }
        log(self.vm(), ParamSet { key, value });
        Ok(())
    }

    /// Keeps `min <= premium <= max` after a bound change.
    fn clamp_premium(&mut self, min: U256, max: U256) {
        let old = U256::from(self.premium.get());
        let new = old.clamp(min, max.max(min));
        if new != old {
            self.premium.set(U64::saturating_from(new));
            log(
                self.vm(),
                PremiumSet {
                    oldPremium: old,
                    newPremium: new,
                },
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
            _ => return Err(UnknownParam { key }.into()),
        })
    }
}

/// `uint256(uint160(a))`.
pub(crate) fn address_word(a: Address) -> U256 {
    U256::from_be_bytes(a.into_word().0)
}
