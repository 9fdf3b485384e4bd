//! Parameters: the hard bounds every value is checked against (in
//! `initialize` and in governance's `setParam`), and the `param` getter.
use alloy_primitives::U256;
use atelier_common::params::{address_param, bounded, bounded_u64, known, treasury as key};
use stylus_sdk::prelude::*;

use crate::{
    accounting::{narrow, u16_of, u64_of, widen, word16, word64, BPS},
    Error, ParamSet, Treasury,
};

/// Largest wei amount any parameter may hold (1e12 ETH): far above all ETH in
/// existence, far below 2^128, so parameter arithmetic never overflows.
pub const MAX_WEI: u128 = 1_000_000_000_000_000_000_000_000_000_000;
/// Shortest epoch: one hour.
pub const MIN_EPOCH: u64 = 3_600;
/// Longest epoch: one year.
pub const MAX_EPOCH: u64 = 365 * 86_400;
/// Shortest buyback round: ten minutes.
pub const MIN_ROUND_DURATION: u64 = 600;
/// Longest buyback round: thirty days.
pub const MAX_ROUND_DURATION: u64 = 30 * 86_400;
/// Highest cap bid: the reference price itself. A round never bids above the
/// price nobody can push, so no round pays more for a share than it is worth.
pub const MAX_CAP_BPS: u16 = 10_000;

impl Treasury {
    /// Checks `value` against the hard bounds of key `k`, stores it and emits
    /// `ParamSet`. The three split shares together stay <= 10,000 bps (the
    /// reserve takes the rest), and the floor bid never exceeds the cap bid.
    pub(crate) fn apply_param(&mut self, k: u8, value: U256) -> Result<(), Error> {
        let bb = u16_of(self.buyback_bps.get());
        let acq = u16_of(self.acquisition_bps.get());
        let rw = u16_of(self.rewards_bps.get());
        // The split keys: each at most what the other two leave of 10,000.
        let share = |others: u16| bounded_u64(k, value, 0, u64::from(BPS.saturating_sub(others)));
        let wei = |min: u128| bounded(k, value, U256::from(min), U256::from(MAX_WEI));
        match known(k, key::COUNT)? {
            key::BUYBACK_BPS => self.buyback_bps.set(word16(share(acq + rw)?)),
            // Buyback and reserve keep at least 1 bps of every inflow, so a sale
            // always adds backing (the sale floor grosses backing up by it).
            key::ACQUISITION_BPS => self.acquisition_bps.set(word16(share(bb.max(1) + rw)?)),
            key::REWARDS_BPS => self.rewards_bps.set(word16(share(bb.max(1) + acq)?)),
            key::EPOCH => self
                .epoch
                .set(word64(bounded_u64(k, value, MIN_EPOCH, MAX_EPOCH)?)),
            key::MIN_BUYBACK => self.min_buyback.set(narrow(wei(1)?)?),
            key::ROUND_DURATION => self.round_duration.set(word64(bounded_u64(
                k,
                value,
                MIN_ROUND_DURATION,
                MAX_ROUND_DURATION,
            )?)),
            key::FLOOR_BPS => {
                let cap = u64::from(u16_of(self.cap_bps.get()));
                self.floor_bps
                    .set(word16(bounded_u64(k, value, 1, cap.max(1))?));
            }
            key::CAP_BPS => {
                let floor = u64::from(u16_of(self.floor_bps.get()));
                let max = u64::from(MAX_CAP_BPS);
                self.cap_bps
                    .set(word16(bounded_u64(k, value, floor.max(1), max)?));
            }
            key::MAX_ACQUISITION_PRICE => self.max_acquisition_price.set(narrow(wei(0)?)?),
            key::ACQUISITION_BUDGET_PER_EPOCH => {
                self.acquisition_budget_per_epoch.set(narrow(wei(0)?)?)
            }
            _ => self.acquirer.set(address_param(k, value)?),
        }
        atelier_common::emit!(
            self.vm(),
            ParamSet,
            2,
            [k, value],
        );
        Ok(())
    }

    /// The current value of parameter `k` (the acquirer as `uint160`).
    pub(crate) fn param_value(&self, k: u8) -> Result<U256, Error> {
        let small = |x: u64| U256::from(x);
        Ok(match known(k, key::COUNT)? {
            key::BUYBACK_BPS => small(u16_of(self.buyback_bps.get()).into()),
            key::ACQUISITION_BPS => small(u16_of(self.acquisition_bps.get()).into()),
            key::REWARDS_BPS => small(u16_of(self.rewards_bps.get()).into()),
            key::EPOCH => small(u64_of(self.epoch.get())),
            key::MIN_BUYBACK => widen(self.min_buyback.get()),
            key::ROUND_DURATION => small(u64_of(self.round_duration.get())),
            key::FLOOR_BPS => small(u16_of(self.floor_bps.get()).into()),
            key::CAP_BPS => small(u16_of(self.cap_bps.get()).into()),
            key::MAX_ACQUISITION_PRICE => widen(self.max_acquisition_price.get()),
            key::ACQUISITION_BUDGET_PER_EPOCH => widen(self.acquisition_budget_per_epoch.get()),
            _ => U256::from_be_slice(self.acquirer.get().as_slice()),
        })
    }
}
