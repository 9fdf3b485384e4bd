//! Governance parameters and their hard bounds. Governance (the vault) may move
//! a parameter only inside these bounds, written here in the contract itself.
use alloy_primitives::{uint, Uint, U256};
use atelier_common::{
    errors::UnknownParam,
    params::{bounded, bounded_u64, curation::*, known},
};
use stylus_sdk::{prelude::*, stylus_core::log};

use crate::{abi::ParamSet, error::Error, CurationRegistry};

const HOUR: u64 = 3_600;
const DAY: u64 = 24 * HOUR;

/// Smallest `minSeedStake`: one share unit (registration is never free).
pub const MIN_SEED_STAKE_MIN: U256 = U256::from_limbs([1, 0, 0, 0]);
/// Largest `minSeedStake`: one billion whole shares.
pub const MIN_SEED_STAKE_MAX: U256 = uint!(1_000_000_000_000_000_000_000_000_000_U256);
/// `cooldown` bounds: none up to 30 days.
pub const COOLDOWN_BOUNDS: (u64, u64) = (0, 30 * DAY);
/// `halfLife` bounds: one hour (a flash stake stays negligible) to a year.
pub const HALF_LIFE_BOUNDS: (u64, u64) = (HOUR, 365 * DAY);
/// `rewardPeriod` bounds: one hour to a year.
pub const REWARD_PERIOD_BOUNDS: (u64, u64) = (HOUR, 365 * DAY);

impl CurationRegistry {
    /// Checks `value` against the bounds of `key`, stores it, emits `ParamSet`.
    ///
    /// A new `rewardPeriod` applies from the next `notifyReward` (the running
    /// stream keeps its rate and finish). A new `halfLife` applies to each
    /// seed from its last update on (conviction is lazy; no loop over seeds).
    pub(crate) fn apply_param(&mut self, key: u8, value: U256) -> Result<(), Error> {
        match key {
            MIN_SEED_STAKE => {
                let v = bounded(key, value, MIN_SEED_STAKE_MIN, MIN_SEED_STAKE_MAX)?;
                self.min_seed_stake.set(v);
            }
            COOLDOWN => {
                let v = bounded_u64(key, value, COOLDOWN_BOUNDS.0, COOLDOWN_BOUNDS.1)?;
                // At most 30 days < 2^24 (`COOLDOWN_BOUNDS`): the field's width.
                self.cooldown.set(Uint::saturating_from(v));
            }
            HALF_LIFE => {
                let v = bounded_u64(key, value, HALF_LIFE_BOUNDS.0, HALF_LIFE_BOUNDS.1)?;
                // At most 365 days < 2^32 (`HALF_LIFE_BOUNDS`).
                self.half_life.set(Uint::saturating_from(v));
            }
            REWARD_PERIOD => {
                let v = bounded_u64(key, value, REWARD_PERIOD_BOUNDS.0, REWARD_PERIOD_BOUNDS.1)?;
                // At most 365 days < 2^32 (`REWARD_PERIOD_BOUNDS`).
                self.reward_period.set(Uint::saturating_from(v));
            }
            _ => return Err(UnknownParam { key }.into()),
        }
        log(self.vm(), ParamSet { key, value });
        Ok(())
    }

    /// Current value of parameter `key`.
    pub(crate) fn read_param(&self, key: u8) -> Result<U256, Error> {
        Ok(match known(key, COUNT)? {
            MIN_SEED_STAKE => self.min_seed_stake.get(),
            COOLDOWN => U256::from(self.cooldown.get()),
            HALF_LIFE => U256::from(self.half_life.get()),
            _ => U256::from(self.reward_period.get()),
        })
    }
}
