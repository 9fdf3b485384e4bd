//! The Treasury's internal steps: intake, round opening and bid, time, ETH
//! payment and the access guards shared by the public functions.
use alloy_primitives::{aliases::U128, Address, U256};
use atelier_common::{
    errors::{EthTransferFailed, Expired, NotInitialized, ZeroAmount},
    interfaces::IFractionToken,
    math::{mul_div_fit, WAD},
    params::fraction::P0,
};
use atelier_common::clock;
use stylus_sdk::prelude::*;

use crate::{
    accounting::{add, narrow, split, u16_of, u64_of, widen, word64, BPS},
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
        atelier_common::emit!(self.vm(), RevenueReceived, 2, [from, amount]);
        Ok(())
    }

    /// The round reference nobody can push: `min(p0, backing per share)`, with
    /// `p0` the sale's on-schedule price without premium (no buy and no keeper
    /// moves it) and backing the reserve plus `buyback` (the round's budget to
    /// be). 0 when a read fails or overflows: the upkeep then opens no round
    /// but still runs.
    pub(crate) fn reference_price(&self, buyback: U256) -> U256 {
        let token = IFractionToken::new(self.token.get());
        let (Ok(p0), Ok(supply)) = (token.param(self, P0), token.total_supply(self)) else {
            return U256::ZERO;
        };
        let backing = widen(self.reserve.get()).saturating_add(buyback);
        if supply.is_zero() {
            return p0;
        }
        mul_div_fit(backing, WAD, supply, false).map_or(U256::ZERO, |b| b.min(p0))
    }

    /// `saleFloor()`: the live round's cap bid (0 without a live round) and the
    /// backing grossed up by the part of a sale that stays as backing.
    pub(crate) fn floor_quote(&self) -> (U256, U256) {
        let live = self.round_live.get();
        let now = clock::now(self.vm());
        let cap = if live && now <= self.round_end() {
            // The bid at the round's end is its highest.
            self.bid_at(self.round_end()).unwrap_or(U256::MAX)
        } else {
            U256::ZERO
        };
        let unspent = if live {
            widen(self.round_budget.get()).saturating_sub(widen(self.round_spent.get()))
        } else {
            U256::ZERO
        };
        let backing = widen(self.reserve.get()) + widen(self.buyback.get()) + unspent;
        let kept = BPS - u16_of(self.acquisition_bps.get()) - u16_of(self.rewards_bps.get());
        let gross = if kept == 0 {
            backing
        } else {
            mul_div_fit(backing, U256::from(BPS), U256::from(kept), true).unwrap_or(U256::MAX)
        };
        (cap, gross)
    }

    /// The acquisition spending still counted now: the stored level drained
    /// by the budget per epoch length since it was written (a leaky bucket).
    pub(crate) fn spending_level(&self, now: u64) -> U256 {
        let elapsed = now.saturating_sub(self.spent_at.get().as_limbs()[0]);
        let budget = widen(self.acquisition_budget_per_epoch.get());
        let window = u64_of(self.epoch.get()).max(1);
        let drained = mul_div_fit(budget, U256::from(elapsed), U256::from(window), false)
            .unwrap_or(U256::MAX);
        widen(self.epoch_spent.get()).saturating_sub(drained)
    }

    /// Opens round `id + 1` with `budget` wei, snapshotting the reference price and
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
        atelier_common::emit!(
            self.vm(),
            BuybackOpened,
            2,
            [id, budget, spot, now, now.saturating_add(length)],
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

    /// `Expired` once `deadline` (unix seconds) has passed.
    pub(crate) fn before_deadline(&self, deadline: U256) -> Result<(), Error> {
        if U256::from(clock::now(self.vm())) > deadline {
            return Err(Expired { deadline }.into());
        }
        Ok(())
    }

    /// Initialized, and called by the vault (governance).
    pub(crate) fn require_vault(&self) -> Result<(), Error> {
        // The vault is non-zero exactly once initialized.
        atelier_common::errors::require_wired_caller(self.vault.get(), self.vm().msg_sender())
    }
}
