//! The Treasury's internal steps: intake, round opening and bid, time, ETH
//! payment and the access guards shared by the public functions.
use alloy_primitives::{aliases::U128, Address, U256};
use atelier_common::errors::{EthTransferFailed, NotInitialized, Unauthorized, ZeroAmount};
use stylus_sdk::prelude::*;

use crate::{
    accounting::{add, narrow, split, u16_of, u64_of, word64},
    auction, BuybackOpened, Error, RevenueReceived, Treasury,
};

impl Treasury {
    /// Splits the call's value into the buckets and emits `RevenueReceived`.
    pub(crate) fn take_revenue(&mut self) -> Result<(), Error> {
        let amount = self.vm().msg_value();
        if amount.is_zero() {
            return Err(ZeroAmount {}.into());
        }
        let parts = split(
            amount,
            u16_of(self.buyback_bps.get()),
            u16_of(self.acquisition_bps.get()),
            u16_of(self.rewards_bps.get()),
        );
        self.reserve.set(add(self.reserve.get(), parts.reserve)?);
        self.buyback.set(add(self.buyback.get(), parts.buyback)?);
        self.acquisition
            .set(add(self.acquisition.get(), parts.acquisition)?);
        self.rewards.set(add(self.rewards.get(), parts.rewards)?);
        let from = self.vm().msg_sender();
        log(self.vm(), RevenueReceived { from, amount });
        Ok(())
    }

    /// Opens round `id + 1` with `budget` wei, snapshotting the spot price and
    /// the floor/cap basis points, and emits `BuybackOpened`.
    pub(crate) fn open_round(&mut self, budget: U256, spot: U256, now: u64) -> Result<(), Error> {
        let id = u64_of(self.round_id.get()) + 1;
        let length = u64_of(self.round_duration.get());
        self.round_id.set(word64(id));
        self.round_start.set(word64(now));
        self.round_length.set(word64(length));
        self.round_floor_bps.set(self.floor_bps.get());
        self.round_cap_bps.set(self.cap_bps.get());
        self.round_live.set(true);
        self.round_budget.set(narrow(budget)?);
        self.round_spent.set(U128::ZERO);
        self.round_spot.set(spot);
        log(
            self.vm(),
            BuybackOpened {
                round: U256::from(id),
                budget,
                spotPrice: spot,
                start: U256::from(now),
                end: U256::from(now.saturating_add(length)),
            },
        );
        Ok(())
    }

    /// The round's bid at time `now` (within the round).
    pub(crate) fn bid_at(&self, now: u64) -> Result<U256, Error> {
        let start = u64_of(self.round_start.get());
        Ok(auction::bid_at(
            self.round_spot.get(),
            u16_of(self.round_floor_bps.get()),
            u16_of(self.round_cap_bps.get()),
            now.saturating_sub(start),
            u64_of(self.round_length.get()),
        )?)
    }

    /// The current round's last second (sales allowed through it).
    pub(crate) fn round_end(&self) -> u64 {
        u64_of(self.round_start.get()).saturating_add(u64_of(self.round_length.get()))
    }

    /// When the next upkeep is due: one epoch after the last (due at once
    /// after `initialize`).
    pub(crate) fn next_upkeep(&self) -> u64 {
        u64_of(self.last_upkeep.get()).saturating_add(u64_of(self.epoch.get()))
    }

    /// Sends `amount` wei to `to`, reverting with `EthTransferFailed`.
    pub(crate) fn pay(&mut self, to: Address, amount: U256) -> Result<(), Error> {
        self.vm()
            .transfer_eth(to, amount)
            .map_err(|_| EthTransferFailed { to, amount }.into())
    }

    pub(crate) fn require_initialized(&self) -> Result<(), Error> {
        if self.initialized.get() {
            Ok(())
        } else {
            Err(NotInitialized {}.into())
        }
    }

    /// Initialized, and called by the vault (governance).
    pub(crate) fn require_vault(&self) -> Result<(), Error> {
        self.require_initialized()?;
        let caller = self.vm().msg_sender();
        if caller != self.vault.get() {
            return Err(Unauthorized { caller }.into());
        }
        Ok(())
    }
}
