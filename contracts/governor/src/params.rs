//! The governance parameters (the keys of `atelier_common::params::vault`, all
//! but REDEEM_FEE_BPS, which the vault keeps) and their hard bounds. Set at
//! `initialize` and by `SetParams` actions targeting the vault.
//!
//! The lower bounds keep every governance window open for at least a minute
//! (short enough for devnet end-to-end runs; production values are days). The
//! upper bounds keep governance alive: a quorum of at most 20% stays reachable
//! when shares sit undelegated, staked or held by the treasury, and the proposal
//! threshold is at most 10,000 shares (1% of the deployed supply cap of 1,000,000
//! shares; a fixed ceiling: reading the token's cap cost 190 bytes).
use alloy_primitives::{uint, U256};
use atelier_common::{
    errors::UnknownParam,
    params::{bounded, vault::*},
};

use crate::{ArtGovernor, Error, ParamSet};

const MINUTE: u64 = 60;
const DAY: u64 = 86_400;
/// One billion shares (18 decimals): the ceiling of the display threshold.
const MAX_SHARES: U256 = uint!(1_000_000_000_000_000_000_000_000_000_U256);
/// 10,000 shares (18 decimals): the ceiling of the proposal threshold.
pub const MAX_PROPOSAL_THRESHOLD: U256 = uint!(10_000_000_000_000_000_000_000_U256);

/// `[min, max]` of vault parameter `key`.
pub fn bounds(key: u8) -> Result<(U256, U256), Error> {
    let (min, max) = match key {
        VOTING_DELAY => (0, 30 * DAY),
        VOTING_PERIOD => (MINUTE, 90 * DAY),
        TIMELOCK => (MINUTE, 30 * DAY),
        QUORUM_BPS => (100, 2_000),
        PROPOSAL_THRESHOLD => return Ok((U256::ZERO, MAX_PROPOSAL_THRESHOLD)),
        DISPLAY_THRESHOLD => return Ok((U256::from(1), MAX_SHARES)),
        REDEEM_FEE_BPS => (0, 5_000),
        GRACE_PERIOD => (MINUTE, 90 * DAY),
        VOTE_EXTENSION => (0, 14 * DAY),
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
        let secs = alloy_primitives::U32::from(v.saturating_to::<u32>());
        let bps = alloy_primitives::U16::from(v.saturating_to::<u16>());
        match key {
            VOTING_DELAY => self.voting_delay.set(secs),
            VOTING_PERIOD => self.voting_period.set(secs),
            TIMELOCK => self.timelock.set(secs),
            QUORUM_BPS => self.quorum_bps.set(bps),
            PROPOSAL_THRESHOLD => self.proposal_threshold.set(alloy_primitives::aliases::U96::saturating_from(v)),
            DISPLAY_THRESHOLD => self.display_threshold.set(v),
            GRACE_PERIOD => self.grace_period.set(secs),
            VOTE_EXTENSION => self.vote_extension.set(secs),
            _ => return Err(UnknownParam { key }.into()),
        }
        atelier_common::emit!(
            stylus_sdk::prelude::HostAccess::vm(self),
            ParamSet,
            2,
            [key, value],
        );
        Ok(())
    }

    /// Current value of vault parameter `key`.
    pub(crate) fn get_param(&self, key: u8) -> Result<U256, Error> {
        Ok(match key {
            VOTING_DELAY => U256::from(self.voting_delay.get()),
            VOTING_PERIOD => U256::from(self.voting_period.get()),
            TIMELOCK => U256::from(self.timelock.get()),
            QUORUM_BPS => U256::from(self.quorum_bps.get()),
            PROPOSAL_THRESHOLD => U256::from(self.proposal_threshold.get()),
            DISPLAY_THRESHOLD => self.display_threshold.get(),
            GRACE_PERIOD => U256::from(self.grace_period.get()),
            VOTE_EXTENSION => U256::from(self.vote_extension.get()),
            _ => return Err(UnknownParam { key }.into()),
        })
    }
}
