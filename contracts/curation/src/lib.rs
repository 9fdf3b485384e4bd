//! CurationRegistry — proof of curation.
//!
//! Holders lock FractionToken shares behind the generative seeds they want the
//! collective to pursue. Each seed's conviction moves toward its stake with a
//! half-life, so long-held stakes outweigh flash stakes; the events let an
//! off-chain preference model rank seeds and steer the next prompts. Stakers
//! earn the ETH the Treasury streams here, pro rata to their total stake
//! (Synthetix StakingRewards shape). Every state change is O(1).
#![cfg_attr(not(any(test, feature = "export-abi")), no_main, no_std)]
extern crate alloc;

mod abi;
mod conviction;
mod error;
mod ledger;
mod pack;
mod params;
mod rewards;
// The WASM build routes calls through a hand-written router (fewer bytes than
// `#[public]`'s); native builds keep the SDK's.
#[cfg(target_arch = "wasm32")]
mod router;
mod seeds;
mod state;
mod stream;
#[cfg(test)]
mod tests;

pub use abi::*;
pub use error::Error;

use alloc::{string::String, vec, vec::Vec};
use alloy_primitives::{Address, FixedBytes, U256};
use atelier_common::abi::{Returns, Text};
use atelier_common::{
    errors::{AlreadyInitialized, EthTransferFailed, Unauthorized, ZeroAddress, ZeroAmount},
    params::curation,
};
use stylus_sdk::{
    prelude::*,
    storage::{
        StorageAddress, StorageMap, StorageU256, StorageU96,
    },
};

use crate::state::{Position, RewardAccount, SeedRecord};

/// The registry's storage, packed so that a stake or unstake reads or writes
/// as few slots as possible: the token with the parameters and the seed count
/// they need (one slot, read only), the stream's accumulator with its carry and
/// its total with its clock (two slots, written), and its rate (read only). In
/// the WASM build `router` is the entrypoint.
///
/// Widths (each value is checked before it is stored; `MathOverflow` otherwise):
/// the parameters and the seed count as `params::Knob` says; the total staked
/// < 2^96 (every staked share is locked in the token, whose supply is capped
/// below 2^96); the stream's carry < 2^96 (a remainder of a division by the
/// total staked, or by the period); its reward-per-token accumulator < 2^160
/// (`rewards::PER_TOKEN_MAX`: a staker's weight, up to 2^96, times its growth
/// must fit 256 bits anyway).
#[cfg_attr(not(target_arch = "wasm32"), entrypoint)]
#[storage]
pub struct CurationRegistry {
    /// One-time wiring admin, cleared by `initialize`.
    pub(crate) admin: StorageAddress,
    /// FractionToken: the shares that are staked. Non-zero once initialized.
    pub(crate) token: StorageAddress,
    /// `seed_count | cooldown << 40 | half_life << 64` (packed with `token`;
    /// `params::Knob`): the number of seeds registered (ids are
    /// `1..=seedCount`), the seconds after a holder's last stake on a seed
    /// before unstaking it, and the conviction half-life in seconds.
    pub(crate) knobs: StorageU96,
    /// ArtVault: governance, and registrant of deposited artworks' seeds.
    pub(crate) vault: StorageAddress,
    /// Length of the next reward stream, seconds (packed with `vault`; < 2^32
    /// by its bounds, a `U96` to share the accessor code of `knobs`).
    pub(crate) reward_period: StorageU96,
    /// Treasury: the only source of reward streams.
    pub(crate) treasury: StorageAddress,
    /// Smallest initial stake for a holder-registered seed.
    pub(crate) min_seed_stake: StorageU256,
    /// `carry | per_token << 96` (`pack::word2`): received wei (scaled by
    /// 1e18) not yet in the accumulator (rounding rests), and the
    /// reward-per-token accumulator, wei scaled by 1e18 per share unit.
    pub(crate) stream_acc: StorageU256,
    /// `total_staked | last_update << 96 | period_finish << 192` (`pack::word3`):
    /// shares staked across all seeds and holders, the time the stream was last
    /// brought up to date, and the end of the current stream.
    pub(crate) stream_clock: StorageU256,
    /// Stream rate, wei per second scaled by 1e18.
    pub(crate) reward_rate: StorageU256,
    /// Seeds by id.
    pub(crate) seeds: StorageMap<U256, SeedRecord>,
    /// Seed id by seed (0 = not registered).
    pub(crate) seed_ids: StorageMap<FixedBytes<32>, StorageU256>,
    /// Stakes by holder and seed id.
    pub(crate) positions: StorageMap<Address, StorageMap<U256, Position>>,
    /// Reward accounts by holder.
    pub(crate) accounts: StorageMap<Address, RewardAccount>,
}

/// The registry's external interface, read like its Solidity interface.
#[public]
impl CurationRegistry {
    /// Stores the one-time wiring admin (cannot be `tx.origin`: the deployer
    /// passes it explicitly).
    #[constructor]
    pub fn constructor(&mut self, admin: Address) -> Result<(), Error> {
        // With no admin, `initialize` could never run: an unusable deployment.
        if admin.is_zero() {
            return Err(ZeroAddress {}.into());
        }
        self.admin.set(admin);
        Ok(())
    }

    /// Wires the registry to its counterparts and sets the initial parameters
    /// (bounds-checked exactly like `setParam`). Once, by the admin, who is
    /// then cleared.
    #[allow(clippy::too_many_arguments)]
    pub fn initialize(
        &mut self,
        token: Address,
        vault: Address,
        treasury: Address,
        min_seed_stake: U256,
        cooldown: U256,
        half_life: U256,
        reward_period: U256,
    ) -> Result<(), Error> {
        if !self.token.get().is_zero() {
            return Err(AlreadyInitialized {}.into());
        }
        let caller = self.vm().msg_sender();
        if caller != self.admin.get() {
            return Err(Unauthorized { caller }.into());
        }
        if token.is_zero() || vault.is_zero() || treasury.is_zero() {
            return Err(ZeroAddress {}.into());
        }
        self.token.set(token);
        self.vault.set(vault);
        self.treasury.set(treasury);
        self.apply_param(curation::MIN_SEED_STAKE, min_seed_stake)?;
        self.apply_param(curation::COOLDOWN, cooldown)?;
        self.apply_param(curation::HALF_LIFE, half_life)?;
        self.apply_param(curation::REWARD_PERIOD, reward_period)?;
        self.admin.set(Address::ZERO);
        atelier_common::emit!(
            self.vm(),
            Initialized,
            1,
            [token, vault, treasury],
        );
        Ok(())
    }

    /// Registers a generative seed and returns its id (from 1).
    ///
    /// The vault registers deposited artworks' seeds with no stake needed;
    /// anyone else must stake at least `minSeedStake` on it at once. A non-zero
    /// `initialStake` is locked in the caller's balance (vault included) and recorded
    /// as the caller's stake, exactly like `stake`.
    pub fn register_seed(
        &mut self,
        seed: FixedBytes<32>,
        model_id: FixedBytes<32>,
        prompt_hash: FixedBytes<32>,
        uri: Text,
        initial_stake: U256,
    ) -> Result<U256, Error> {
        let token = self.wired_token()?;
        let registrant = self.vm().msg_sender();
        let seed_id =
            self.record_seed(registrant, seed, model_id, prompt_hash, uri.0, initial_stake)?;
        if !initial_stake.is_zero() {
            self.add_stake(token, registrant, seed_id, initial_stake)?;
        }
        Ok(seed_id)
    }

    /// Locks `amount` shares of the caller behind seed `seedId`, in place in
    /// the token (no approval; they stay the caller's and keep their votes, but
    /// cannot move until unstaked). Restarts the caller's cooldown on that seed.
    pub fn stake(&mut self, seed_id: U256, amount: U256) -> Result<(), Error> {
        let token = self.wired_token()?;
        if amount.is_zero() {
            return Err(ZeroAmount {}.into());
        }
        self.require_seed(seed_id)?;
        let account = self.vm().msg_sender();
        self.add_stake(token, account, seed_id, amount)
    }

    /// Returns `amount` of the caller's shares staked on `seedId`, once
    /// `cooldown` has passed since the caller's last stake on it.
    pub fn unstake(&mut self, seed_id: U256, amount: U256) -> Result<(), Error> {
        let token = self.wired_token()?;
        if amount.is_zero() {
            return Err(ZeroAmount {}.into());
        }
        self.require_seed(seed_id)?;
        let account = self.vm().msg_sender();
        self.remove_stake(token, account, seed_id, amount)
    }

    /// Treasury only: streams `msg.value` plus whatever the running stream has
    /// not paid yet over `rewardPeriod`.
    #[payable]
    pub fn notify_reward(&mut self) -> Result<(), Error> {
        self.wired_token()?;
        let caller = self.vm().msg_sender();
        if caller != self.treasury.get() {
            return Err(Unauthorized { caller }.into());
        }
        let amount = self.vm().msg_value();
        if amount.is_zero() {
            return Err(ZeroAmount {}.into());
        }
        let now = self.now();
        let mut stream = self.stream_at(now)?;
        stream.notify(now, amount, self.reward_period.get().to())?;
        self.store_stream(&stream)?;
        atelier_common::emit!(
            self.vm(),
            RewardNotified,
            1,
            [amount, stream.rate, stream.finish],
        );
        Ok(())
    }

    /// Pays the caller everything earned so far, in ETH; returns the amount.
    pub fn claim(&mut self) -> Result<U256, Error> {
        let account = self.vm().msg_sender();
        let weight = self.weight_of(account)?;
        let stream = self.stream_at(self.now())?;
        self.store_stream(&stream)?;
        let amount = self.earned_with(&stream, account, weight)?;
        if amount.is_zero() {
            return Err(NothingToClaim { account }.into());
        }
        self.store_account(account, U256::ZERO, stream.per_token)?;
        atelier_common::emit!(self.vm(), RewardPaid, 2, [account, amount]);
        self.vm()
            .transfer_eth(account, amount)
            .map_err(|_| EthTransferFailed {
                to: account,
                amount,
            })?;
        Ok(amount)
    }

    /// Vault (governance) only: sets parameter `key` (see
    /// `atelier_common::params::curation`) within its hard bounds.
    pub fn set_param(&mut self, key: u8, value: U256) -> Result<(), Error> {
        // The vault is non-zero exactly once initialized.
        atelier_common::errors::require_wired_caller::<Error>(self.vault.get(), self.vm().msg_sender())?;
        self.apply_param(key, value)
    }

    /// Current value of parameter `key`.
    pub fn param(&self, key: u8) -> Result<U256, Error> {
        self.read_param(key)
    }

    /// The seed's record: seed, model id, prompt hash, URI, registrant, current
    /// stake, conviction now, and the time its conviction was last stored.
    /// Returned as Solidity returns parameters (`Returns`: stylus-sdk 0.9 would
    /// prefix a tuple holding a dynamic type with an offset word).
    #[allow(clippy::type_complexity)]
    pub fn seed_info(
        &self,
        seed_id: U256,
    ) -> Result<
        Returns<(
            FixedBytes<32>,
            FixedBytes<32>,
            FixedBytes<32>,
            String,
            Address,
            U256,
            U256,
            U256,
        )>,
        Error,
    > {
        let (conviction, stake) = self.conviction_at(seed_id, self.now())?;
        let record = self.seeds.getter(seed_id);
        Ok(Returns((
            record.seed.get(),
            record.model_id.get(),
            record.prompt_hash.get(),
            atelier_common::record::read::<0>(self.vm(), state::uri_key(seed_id)).1,
            record.registrant.get(),
            stake,
            conviction,
            U256::from(record.touched_at()),
        )))
    }

    /// Id of `seed`, 0 if it is not registered.
    pub fn seed_id_of(&self, seed: FixedBytes<32>) -> U256 {
        self.seed_ids.get(seed)
    }

    /// Number of registered seeds (the highest id).
    pub fn seed_count(&self) -> U256 {
        U256::from(self.knob(params::Knob::SeedCount))
    }

    /// Conviction of `seedId` now.
    pub fn conviction(&self, seed_id: U256) -> Result<U256, Error> {
        Ok(self.conviction_at(seed_id, self.now())?.0)
    }

    /// Shares staked on `seedId`.
    pub fn seed_stake(&self, seed_id: U256) -> Result<U256, Error> {
        self.require_seed(seed_id)?;
        Ok(pack::low(self.seeds.getter(seed_id).state.get()))
    }

    /// Shares `account` staked on `seedId`.
    pub fn stake_of(&self, account: Address, seed_id: U256) -> U256 {
        pack::low(self.positions.getter(account).getter(seed_id).word.get())
    }

    /// Time from which `account` may unstake from `seedId`.
    pub fn unstake_available_at(&self, account: Address, seed_id: U256) -> U256 {
        let staked_at = pack::top(self.positions.getter(account).getter(seed_id).word.get());
        U256::from(staked_at.saturating_add(self.knob(params::Knob::Cooldown)))
    }

    /// Shares `account` staked across all seeds: its reward weight (its
    /// shares the token holds locked for its stakes).
    pub fn staked_by(&self, account: Address) -> Result<U256, Error> {
        self.weight_of(account)
    }

    /// Shares staked across all seeds and holders.
    pub fn total_staked(&self) -> U256 {
        self.total_staked_now()
    }

    /// Wei `account` may claim now.
    pub fn earned(&self, account: Address) -> Result<U256, Error> {
        let stream = self.stream_at(self.now())?;
        self.earned_with(&stream, account, self.weight_of(account)?)
    }

    /// Reward-per-token accumulator now (wei scaled by 1e18 per share unit).
    pub fn reward_per_token(&self) -> Result<U256, Error> {
        Ok(self.stream_at(self.now())?.per_token)
    }

    /// Stream rate, wei per second scaled by 1e18.
    pub fn reward_rate(&self) -> U256 {
        self.reward_rate.get()
    }

    /// End of the current stream (it moves later while nothing is staked).
    pub fn period_finish(&self) -> Result<U256, Error> {
        Ok(U256::from(self.stream_at(self.now())?.finish))
    }

    /// The share token (zero before `initialize`).
    pub fn token(&self) -> Address {
        self.token.get()
    }

    /// The vault (governance).
    pub fn vault(&self) -> Address {
        self.vault.get()
    }

    /// The treasury (reward source).
    pub fn treasury(&self) -> Address {
        self.treasury.get()
    }
}
