//! Governance parameters and their hard bounds. Governance (the vault) may move
//! a parameter only inside these bounds, written here in the contract itself.
use alloy_primitives::{aliases::U96, uint, U256};
use atelier_common::{
    errors::UnknownParam,
    params::{bounded, bounded_u64, curation::*, known},
};
use stylus_sdk::prelude::*;

use crate::{
    abi::ParamSet,
    error::{overflow, Error},
    CurationRegistry,
};

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
                self.set_knob(Knob::Cooldown, v)?;
            }
            HALF_LIFE => {
                let v = bounded_u64(key, value, HALF_LIFE_BOUNDS.0, HALF_LIFE_BOUNDS.1)?;
                self.set_knob(Knob::HalfLife, v)?;
            }
            REWARD_PERIOD => {
                let v = bounded_u64(key, value, REWARD_PERIOD_BOUNDS.0, REWARD_PERIOD_BOUNDS.1)?;
                // At most 365 days < 2^32 (`REWARD_PERIOD_BOUNDS`).
                self.reward_period.set(U96::from_limbs([v, 0]));
            }
            _ => return Err(UnknownParam { key }.into()),
        }
        atelier_common::emit!(
            self.vm(),
            ParamSet,
            2,
            [key, value],
        );
        Ok(())
    }

    /// Current value of parameter `key`.
    pub(crate) fn read_param(&self, key: u8) -> Result<U256, Error> {
        Ok(match known(key, COUNT)? {
            MIN_SEED_STAKE => self.min_seed_stake.get(),
            COOLDOWN => U256::from(self.knob(Knob::Cooldown)),
            HALF_LIFE => U256::from(self.knob(Knob::HalfLife)),
            _ => U256::from(self.reward_period.get()),
        })
    }
}

/// A small field of `knobs`, the word packed with `token` that a stake or
/// unstake reads anyway: `(shift, bits)` in it.
#[derive(Clone, Copy)]
pub(crate) enum Knob {
    /// Seeds registered: 40 bits. A registration writes seven new slots (~150k
    /// gas), so 2^40 of them are ~10^17 gas, centuries of a chain's
    /// throughput; the 2^40-th is refused (`MathOverflow`), never wrapped.
    SeedCount,
    /// `cooldown`: 24 bits (at most 30 days < 2^24, `COOLDOWN_BOUNDS`).
    Cooldown,
    /// `halfLife`: 32 bits (at most 365 days < 2^32, `HALF_LIFE_BOUNDS`).
    HalfLife,
}

impl Knob {
    /// `(shift, bits)` of the field.
    const fn span(self) -> (u32, u32) {
        match self {
            Knob::SeedCount => (0, 40),
            Knob::Cooldown => (40, 24),
            Knob::HalfLife => (64, 32),
        }
    }
}

impl CurationRegistry {
    /// Current value of `knob`.
    pub(crate) fn knob(&self, knob: Knob) -> u64 {
        let (shift, bits) = knob.span();
        let [a, b] = self.knobs.get().into_limbs();
        let word = a as u128 | (b as u128) << 64;
        ((word >> shift) & ((1 << bits) - 1)) as u64
    }

    /// Sets `knob` to `value`; `MathOverflow` if it does not fit its width.
    pub(crate) fn set_knob(&mut self, knob: Knob, value: u64) -> Result<(), Error> {
        let (shift, bits) = knob.span();
        let mask = (1u128 << bits) - 1;
        if value as u128 > mask {
            return Err(overflow());
        }
        let [a, b] = self.knobs.get().into_limbs();
        let word = (a as u128 | (b as u128) << 64) & !(mask << shift) | (value as u128) << shift;
        self.knobs.set(U96::from_limbs([word as u64, (word >> 64) as u64]));
        Ok(())
    }
}
