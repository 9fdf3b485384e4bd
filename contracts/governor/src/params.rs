//! The governance parameters (the keys of `atelier_common::params::vault`, all
//! but REDEEM_FEE_BPS, which the vault keeps) and their hard bounds. Set at
//! `initialize` and by `SetParams` actions targeting the vault.
//!
//! The lower bounds keep every governance window open for at least a minute
//! (short enough for devnet end-to-end runs; production values are days).
use alloy_primitives::{uint, U256};
use atelier_common::{
    errors::UnknownParam,
    params::{bounded, vault::*},
};

use crate::{ArtGovernor, Error, ParamSet};

const MINUTE: u64 = 60;
const DAY: u64 = 86_400;
/// One billion shares (18 decimals): the ceiling of the share-denominated thresholds.
const MAX_SHARES: U256 = uint!(1_000_000_000_000_000_000_000_000_000_U256);

/// `[min, max]` of vault parameter `key`.
pub fn bounds(key: u8) -> Result<(U256, U256), Error> {
    let (min, max) = match key {
        VOTING_DELAY => (0, 30 * DAY),
        VOTING_PERIOD => (MINUTE, 90 * DAY),
        TIMELOCK => (MINUTE, 30 * DAY),
        QUORUM_BPS => (100, 10_000),
        PROPOSAL_THRESHOLD => return Ok((U256::ZERO, MAX_SHARES)),
        DISPLAY_THRESHOLD => return Ok((U256::from(1), MAX_SHARES)),
        REDEEM_FEE_BPS => (0, 5_000),
        GRACE_PERIOD => (MINUTE, 90 * DAY),
        _ => return Err(UnknownParam { key }.into()),
    };
    Ok((U256::from(min), U256::from(max)))
}

/// `Ok` when `value` is within the bounds of `key`.
pub fn check(key: u8, value: U256) -> Result<U256, Error> {
    let (min, max) = bounds(key)?;
    Ok(bounded(key, value, min, max)?)
}

impl ArtGovernor {
    /// Sets vault parameter `key` within its bounds; emits `ParamSet`.
    pub(crate) fn set_param(&mut self, key: u8, value: U256) -> Result<(), Error> {
        let v = check(key, value)?;
        // Bounded above, so seconds and bps fit their fields.
        let secs = alloy_primitives::U64::from(v.saturating_to::<u64>());
        let bps = alloy_primitives::U16::from(v.saturating_to::<u16>());
        match key {
            VOTING_DELAY => self.voting_delay.set(secs),
            VOTING_PERIOD => self.voting_period.set(secs),
            TIMELOCK => self.timelock.set(secs),
            QUORUM_BPS => self.quorum_bps.set(bps),
            PROPOSAL_THRESHOLD => self.proposal_threshold.set(v),
            DISPLAY_THRESHOLD => self.display_threshold.set(v),
            GRACE_PERIOD => self.grace_period.set(secs),
            _ => return Err(UnknownParam { key }.into()),
        }
        self.emit(ParamSet { key, value });
        Ok(())
    }

    /// Current value of vault parameter `key`.
    pub(crate) fn get_param(&self, key: u8) -> Result<U256, Error> {
        Ok(match key {
            VOTING_DELAY => U256::from(self.voting_delay.get()),
            VOTING_PERIOD => U256::from(self.voting_period.get()),
            TIMELOCK => U256::from(self.timelock.get()),
            QUORUM_BPS => U256::from(self.quorum_bps.get()),
            PROPOSAL_THRESHOLD => self.proposal_threshold.get(),
            DISPLAY_THRESHOLD => self.display_threshold.get(),
            GRACE_PERIOD => U256::from(self.grace_period.get()),
            _ => return Err(UnknownParam { key }.into()),
        })
    }
}
