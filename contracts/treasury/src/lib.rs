//! Atelier Treasury: the collective's flywheel.
//!
//! Takes all revenue and splits each inflow by governance basis points into four
//! buckets (reserve, buyback, acquisition, rewards). Once per epoch anyone may
//! run the keeper upkeep (Chainlink Automation shape), which closes an ended
//! buyback round, streams the rewards bucket to the curation registry and opens
//! a new buyback-and-burn round (a reverse Dutch auction on the share price).
//! The collective's acquirer buys artworks straight into the vault within a
//! per-artwork cap and a rolling budget (a leaky bucket draining one budget per
//! epoch length, so no upkeep timing lets it be spent twice). Governance (the vault) sets the
//! parameters inside hard bounds and may withdraw the reserve.
//!
//! Accounting invariant: the contract's balance equals the four buckets plus the
//! unspent budget of the current round (plus any ETH forced in without a call).
#![cfg_attr(not(any(test, feature = "export-abi")), no_main, no_std)]
extern crate alloc;

mod abi;
pub mod accounting;
pub mod auction;
mod error;
pub mod governance;
mod internal;
// The WASM build routes calls through a hand-written router (fewer bytes than
// `#[public]`'s); native builds keep the SDK's.
#[cfg(target_arch = "wasm32")]
mod router;
#[cfg(test)]
mod tests;

pub use abi::*;
pub use error::Error;

use alloc::{vec, vec::Vec};
use alloy_primitives::{aliases::U128, Address, B256, U256};
use atelier_common::abi::{Returns, Text};
use atelier_common::{
    clock,
    errors::{AlreadyInitialized, ExternalCallFailed, Unauthorized, ZeroAddress, ZeroAmount},
    interfaces::{IArtVault, ICurationRegistry, IErc721Collection, IFractionToken},
    params::treasury as key,
};
use stylus_sdk::{
    abi::Bytes,
    prelude::*,
    storage::{
        StorageAddress, StorageBool, StorageU128, StorageU16, StorageU256, StorageU32, StorageU64,
    },
};

use accounting::{bucket, narrow, u64_of, widen, word64};

/// The Treasury's storage. Fields are ordered so small ones share slots: every
/// inflow touches two bucket slots and the split-settings slot. In the WASM
/// build `router` is the entrypoint.
#[cfg_attr(not(target_arch = "wasm32"), entrypoint)]
#[storage]
pub struct Treasury {
    // Slot: wiring admin, init flag, split and bid basis points.
    admin: StorageAddress,
    initialized: StorageBool,
    buyback_bps: StorageU16,
    acquisition_bps: StorageU16,
    rewards_bps: StorageU16,
    floor_bps: StorageU16,
    cap_bps: StorageU16,
    // Slots: one wired address with one 64-bit setting or counter each.
    token: StorageAddress,
    epoch: StorageU64,
    registry: StorageAddress,
    round_duration: StorageU64,
    vault: StorageAddress,
    last_upkeep: StorageU64,
    acquirer: StorageAddress,
    epoch_index: StorageU64,
    /// When `epoch_spent` was last written (seconds; 32 bits last until 2106),
    /// in the acquirer's slot, which `acquire` reads anyway.
    spent_at: StorageU32,
    // Slots: wei parameters and the epoch's acquisition spending (128 bits each).
    min_buyback: StorageU128,
    max_acquisition_price: StorageU128,
    acquisition_budget_per_epoch: StorageU128,
    /// The acquisition spending bucket's level at `spent_at` (wei): it drains
    /// linearly, by the budget per epoch length (a rolling window).
    epoch_spent: StorageU128,
    // Slots: the buckets.
    reserve: StorageU128,
    buyback: StorageU128,
    acquisition: StorageU128,
    rewards: StorageU128,
    // The current (or last) buyback round.
    round_id: StorageU64,
    round_start: StorageU64,
    round_length: StorageU64,
    round_floor_bps: StorageU16,
    round_cap_bps: StorageU16,
    round_live: StorageBool,
    round_budget: StorageU128,
    round_spent: StorageU128,
    round_spot: StorageU256,
}

#[public]
impl Treasury {
    /// Stores the one-time wiring admin (the deployer's choice), who calls
    /// `initialize` once the other contracts exist.
    #[constructor]
    pub fn constructor(&mut self, admin: Address) -> Result<(), Error> {
        if admin.is_zero() {
            return Err(ZeroAddress {}.into());
        }
        self.admin.set(admin);
        Ok(())
    }

    /// Wires the treasury to the FractionToken, the CurationRegistry and the
    /// ArtVault (governance), appoints the acquirer and sets every parameter,
    /// each checked like `setParam`. Once, by the admin, who is then cleared.
    ///
    /// Parameters: split shares of inflows in basis points (`buybackBps`,
    /// `acquisitionBps`, `rewardsBps`; the reserve takes the rest), `epoch`
    /// (seconds between upkeeps), `minBuyback` (smallest buyback bucket that
    /// opens a round, wei), `roundDuration` (seconds), `floorBps`/`capBps` (bid
    /// at a round's start/end as basis points of the spot price),
    /// `maxAcquisitionPrice` (per artwork, wei) and `acquisitionBudgetPerEpoch` (wei).
    #[allow(clippy::too_many_arguments)]
    pub fn initialize(
        &mut self,
        token: Address,
        registry: Address,
        vault: Address,
        acquirer: Address,
        buyback_bps: U256,
        acquisition_bps: U256,
        rewards_bps: U256,
        epoch: U256,
        min_buyback: U256,
        round_duration: U256,
        floor_bps: U256,
        cap_bps: U256,
        max_acquisition_price: U256,
        acquisition_budget_per_epoch: U256,
    ) -> Result<(), Error> {
        if self.initialized.get() {
            return Err(AlreadyInitialized {}.into());
        }
        let caller = self.vm().msg_sender();
        if caller != self.admin.get() {
            return Err(Unauthorized { caller }.into());
        }
        if token.is_zero() || registry.is_zero() || vault.is_zero() || acquirer.is_zero() {
            return Err(ZeroAddress {}.into());
        }
        self.token.set(token);
        self.registry.set(registry);
        self.vault.set(vault);
        // The cap goes before the floor: the floor is bounded by the cap.
        for (k, value) in [
            (key::BUYBACK_BPS, buyback_bps),
            (key::ACQUISITION_BPS, acquisition_bps),
            (key::REWARDS_BPS, rewards_bps),
            (key::EPOCH, epoch),
            (key::MIN_BUYBACK, min_buyback),
            (key::ROUND_DURATION, round_duration),
            (key::CAP_BPS, cap_bps),
            (key::FLOOR_BPS, floor_bps),
            (key::MAX_ACQUISITION_PRICE, max_acquisition_price),
            (
                key::ACQUISITION_BUDGET_PER_EPOCH,
                acquisition_budget_per_epoch,
            ),
            (key::ACQUIRER, U256::from_be_slice(acquirer.as_slice())),
        ] {
            self.apply_param(k, value)?;
        }
        self.initialized.set(true);
        self.admin.set(Address::ZERO);
        atelier_common::emit!(
            self.vm(),
            Initialized,
            1,
            [token, registry, vault],
        );
        Ok(())
    }

    /// Takes revenue from anyone (sale proceeds, royalties, license and
    /// redemption fees) and splits it into the buckets; before `initialize`
    /// everything goes to the reserve. Zero-value calls revert (ZeroAmount).
    #[receive]
    #[payable]
    pub fn receive(&mut self) -> Result<(), Vec<u8>> {
        Ok(self.take_revenue()?)
    }

    /// The four buckets, wei. Their sum plus the live round's unspent budget is
    /// the ETH the treasury accounts for.
    pub fn buckets(&self) -> (U256, U256, U256, U256) {
        (
            widen(self.reserve.get()),
            widen(self.buyback.get()),
            widen(self.acquisition.get()),
            widen(self.rewards.get()),
        )
    }

    /// Chainlink Automation check: whether `performUpkeep` is due (once per
    /// epoch). `performData` is empty: upkeep re-derives everything on chain.
    /// Returned as Solidity returns parameters (`Returns`: stylus-sdk 0.9 would
    /// prefix a tuple holding a dynamic type with an offset word).
    pub fn check_upkeep(&self, check_data: Bytes) -> Returns<(bool, Bytes)> {
        let _ = check_data;
        let due = self.initialized.get() && clock::now(self.vm()) >= self.next_upkeep();
        Returns((due, Bytes(Vec::new())))
    }

    /// Runs the epoch's upkeep; anyone may call it, once per epoch. Closes an
    /// ended (or spent) buyback round, returning its unspent budget to the
    /// buyback bucket; opens a round from the whole buyback bucket when it holds
    /// at least `minBuyback`, its bid tied to the reference price
    /// `min(p0, backing per share)` (no round when that cannot be read or is 0);
    /// and streams the rewards bucket to the registry. `performData` is ignored.
    pub fn perform_upkeep(&mut self, perform_data: Bytes) -> Result<(), Error> {
        let _ = perform_data;
        self.require_initialized()?;
        let now = clock::now(self.vm());
        let next_due = self.next_upkeep();
        if now < next_due {
            return Err(UpkeepNotNeeded {
                nextDue: U256::from(next_due),
            }
            .into());
        }
        // Plan in memory; the only calls before the effects are the reference
        // reads (a failed read opens no round but the upkeep still runs).
        let mut buyback = widen(self.buyback.get());
        let mut live = self.round_live.get();
        let mut closed = None;
        if live {
            let (budget, spent) = (
                widen(self.round_budget.get()),
                widen(self.round_spent.get()),
            );
            if now > self.round_end() || spent >= budget {
                let returned = budget.saturating_sub(spent);
                buyback += returned;
                live = false;
                closed = Some((spent, returned));
            }
        }
        let min = widen(self.min_buyback.get());
        let mut spot = U256::ZERO;
        if !live && !buyback.is_zero() && buyback >= min {
            spot = self.reference_price(buyback);
        }
        let opened = if spot.is_zero() { U256::ZERO } else { buyback };

        // Effects.
        let epoch = u64_of(self.epoch_index.get()) + 1;
        self.epoch_index.set(word64(epoch));
        self.last_upkeep.set(word64(now));
        if let Some((spent, returned)) = closed {
            self.round_live.set(false);
            let round = U256::from(u64_of(self.round_id.get()));
            atelier_common::emit!(
                self.vm(),
                BuybackClosed,
                2,
                [round, spent, returned],
            );
        }
        self.buyback.set(narrow(buyback - opened)?);
        if !opened.is_zero() {
            self.open_round(opened, spot, now)?;
        }
        let rewards = widen(self.rewards.get());
        self.rewards.set(U128::ZERO);
        atelier_common::emit!(
            self.vm(),
            UpkeepPerformed,
            1,
            [epoch, rewards, opened],
        );

        // Interaction.
        if !rewards.is_zero() {
            let registry = self.registry.get();
            #[allow(deprecated)]
            let call = stylus_sdk::call::Call::new_in(self).value(rewards);
            ICurationRegistry::new(registry)
                .notify_reward(call)
                .map_err(|_| ExternalCallFailed { target: registry })?;
        }
        Ok(())
    }

    /// The live round's bid per whole share (wei), rising linearly from the
    /// floor to the cap over the round; 0 when no round is open or it ended.
    pub fn current_bid(&self) -> Result<U256, Error> {
        let now = clock::now(self.vm());
        if !self.round_live.get() || now > self.round_end() {
            return Ok(U256::ZERO);
        }
        self.bid_at(now)
    }

    /// What the sale must never undercut, read by the FractionToken in `buy`:
    /// the live round's highest possible bid per whole share (its cap bid; 0
    /// without a live round) and the backing a buyer must match per share of
    /// supply, `backing * 10,000 / (buybackBps + reserve share)` wei, where
    /// backing is the reserve, the buyback bucket and the live round's unspent
    /// budget: a mint at `shares * that / totalSupply` never lowers the backing
    /// per share, since that part of its price stays as backing.
    pub fn sale_floor(&self) -> (U256, U256) {
        self.floor_quote()
    }

    /// The current (or last) buyback round: id, budget, spent, the reference
    /// price its bid is tied to, start, end (both seconds) and whether it is
    /// still open.
    pub fn buyback_round(&self) -> (U256, U256, U256, U256, U256, U256, bool) {
        (
            U256::from(u64_of(self.round_id.get())),
            widen(self.round_budget.get()),
            widen(self.round_spent.get()),
            self.round_spot.get(),
            U256::from(u64_of(self.round_start.get())),
            U256::from(self.round_end()),
            self.round_live.get(),
        )
    }

    /// Sells `shares` (18-decimal units) to the live buyback round at the
    /// current bid: the shares are burned from the caller (no approval
    /// needed: the token lets the treasury burn its caller's shares) and `paid = shares * bid / 1e18` wei sent back.
    /// When the round's remaining budget is short, only the shares it buys are
    /// taken. Reverts if the bid is below `minPrice` (per whole share), and
    /// `Expired` after `deadline` (unix seconds). While the
    /// token is paused its `burnFrom` refuses, so no sale pays
    /// (`ExternalCallFailed(token)`).
    pub fn sell_to_treasury(&mut self, shares: U256, min_price: U256, deadline: U256) -> Result<U256, Error> {
        self.require_initialized()?;
        self.before_deadline(deadline)?;
        if shares.is_zero() {
            return Err(ZeroAmount {}.into());
        }
        if !self.round_live.get() {
            return Err(NoLiveRound {}.into());
        }
        let round = U256::from(u64_of(self.round_id.get()));
        let now = clock::now(self.vm());
        let end = self.round_end();
        if now > end {
            return Err(RoundEnded {
                round,
                end: U256::from(end),
            }
            .into());
        }
        let spent = widen(self.round_spent.get());
        let remaining = widen(self.round_budget.get()).saturating_sub(spent);
        if remaining.is_zero() {
            return Err(BudgetExhausted { round }.into());
        }
        let bid = self.bid_at(now)?;
        if bid < min_price {
            return Err(BidBelowMinimum {
                bid,
                minPrice: min_price,
            }
            .into());
        }
        let (filled, paid) = auction::fill(shares, bid, remaining)?;
        if paid.is_zero() {
            return Err(ZeroAmount {}.into());
        }
        self.round_spent.set(narrow(spent + paid)?);

        let seller = self.vm().msg_sender();
        let token = self.token.get();
        IFractionToken::new(token)
            .burn_from(&mut *self, seller, filled)
            .map_err(|_| ExternalCallFailed { target: token })?;
        self.pay(seller, paid)?;
        atelier_common::emit!(
            self.vm(),
            BuybackFilled,
            2,
            [seller, filled, paid],
        );
        Ok(paid)
    }

    /// Buys artwork `tokenId` of `collection` from `seller` (who approved the
    /// treasury) for `price` wei: the token moves straight into the vault, which
    /// records it with its provenance (no shares minted), then the seller is
    /// paid from the acquisition bucket. Acquirer only, within the per-artwork
    /// cap and the rolling budget (`acquisitionBudgetPerEpoch` per epoch length,
    /// a leaky bucket), and not while the token is paused (`EnforcedPause`) or
    /// after `deadline` (`Expired`). Returns the vault's artwork id.
    #[allow(clippy::too_many_arguments)]
    pub fn acquire(
        &mut self,
        collection: Address,
        token_id: U256,
        seller: Address,
        price: U256,
        seed: B256,
        model_id: B256,
        prompt_hash: B256,
        artist: Address,
        uri: Text,
        deadline: U256,
    ) -> Result<U256, Error> {
        self.require_initialized()?;
        let caller = self.vm().msg_sender();
        if caller != self.acquirer.get() {
            return Err(Unauthorized { caller }.into());
        }
        self.before_deadline(deadline)?;
        if collection.is_zero() || seller.is_zero() {
            return Err(ZeroAddress {}.into());
        }
        if price.is_zero() {
            return Err(ZeroAmount {}.into());
        }
        let max = widen(self.max_acquisition_price.get());
        if price > max {
            return Err(AcquisitionPriceTooHigh { price, max }.into());
        }
        let token = self.token.get();
        let paused = IFractionToken::new(token)
            .param(&*self, atelier_common::params::fraction::PAUSED)
            .map_err(|_| ExternalCallFailed { target: token })?;
        if !paused.is_zero() {
            return Err(EnforcedPause {}.into());
        }
        let now = clock::now(self.vm());
        let spent = self.spending_level(now);
        let budget = widen(self.acquisition_budget_per_epoch.get());
        // price <= max <= MAX_WEI and spent <= budget <= MAX_WEI: no overflow.
        if spent + price > budget {
            return Err(EpochBudgetExceeded {
                spent,
                price,
                budget,
            }
            .into());
        }
        let available = widen(self.acquisition.get());
        if price > available {
            return Err(InsufficientBucket {
                bucket: bucket::ACQUISITION,
                available,
                requested: price,
            }
            .into());
        }
        self.acquisition.set(narrow(available - price)?);
        self.epoch_spent.set(narrow(spent + price)?);
        self.spent_at.set(alloy_primitives::aliases::U32::saturating_from(now));

        let vault = self.vault.get();
        IErc721Collection::new(collection)
            .transfer_from(&mut *self, seller, vault, token_id)
            .map_err(|_| ExternalCallFailed { target: collection })?;
        let artwork_id = IArtVault::new(vault)
            .record_acquisition(
                &mut *self,
                collection,
                token_id,
                seed,
                model_id,
                prompt_hash,
                artist,
                uri.0,
            )
            .map_err(|_| ExternalCallFailed { target: vault })?;
        self.pay(seller, price)?;
        atelier_common::emit!(
            self.vm(),
            Acquired,
            3,
            [artwork_id, collection, token_id, seller, price],
        );
        Ok(artwork_id)
    }

    /// Sets parameter `key` (keys in `atelier_common::params::treasury`) within
    /// its hard bounds. Vault (governance) only.
    pub fn set_param(&mut self, key: u8, value: U256) -> Result<(), Error> {
        self.require_vault()?;
        self.apply_param(key, value)
    }

    /// The current value of parameter `key` (the acquirer as `uint160`).
    pub fn param(&self, key: u8) -> Result<U256, Error> {
        self.param_value(key)
    }

    /// Pays `amount` wei of the reserve to `to`. Vault (governance) only.
    pub fn withdraw_reserve(&mut self, to: Address, amount: U256) -> Result<(), Error> {
        self.require_vault()?;
        if to.is_zero() {
            return Err(ZeroAddress {}.into());
        }
        if amount.is_zero() {
            return Err(ZeroAmount {}.into());
        }
        let available = widen(self.reserve.get());
        if amount > available {
            return Err(InsufficientBucket {
                bucket: bucket::RESERVE,
                available,
                requested: amount,
            }
            .into());
        }
        self.reserve.set(narrow(available - amount)?);
        self.pay(to, amount)?;
        atelier_common::emit!(self.vm(), ReserveWithdrawn, 2, [to, amount]);
        Ok(())
    }

    /// The upkeep clock: epochs run so far, the last upkeep time, when the next
    /// is due (seconds) and the acquisition spending still counted against the
    /// rolling budget now (wei).
    pub fn epoch_state(&self) -> (U256, U256, U256, U256) {
        let now = clock::now(self.vm());
        (
            U256::from(u64_of(self.epoch_index.get())),
            U256::from(u64_of(self.last_upkeep.get())),
            U256::from(self.next_upkeep()),
            self.spending_level(now),
        )
    }

    /// The wired FractionToken, CurationRegistry and ArtVault.
    pub fn wiring(&self) -> (Address, Address, Address) {
        (self.token.get(), self.registry.get(), self.vault.get())
    }
}
