//! Stake bookkeeping: every stake change has the token lock or unlock the
//! shares in place (its answer, the holder's locked balance, is the reward
//! weight), settles the holder's rewards at the weight before, then brings the
//! seed's conviction and the totals up to date. The token call comes first, after
//! the checks: the token is the wired FractionToken, which calls nothing back.
//! Staked shares never leave their holder: they keep their votes and cannot
//! move while locked.
use alloy_primitives::{aliases::U96, Address, U256};
use atelier_common::{
    clock,
    errors::{callee_revert, ExternalCallFailed, NotInitialized},
    abi::{calldata, return_word},
};
use stylus_sdk::prelude::*;

use crate::{
    abi::{ConvictionUpdated, CooldownActive, InsufficientStake, Staked, Unstaked},
    error::{overflow, Error},
    pack,
    params::Knob,
    CurationRegistry,
};

/// `value` as a packed 96-bit storage amount (stakes, see `state::SeedRecord`),
/// or `MathOverflow`.
pub(crate) fn to_u96(value: U256) -> Result<U96, Error> {
    let [low, high, rest @ ..] = value.into_limbs();
    if rest != [0, 0] || high >> 32 != 0 {
        return Err(overflow());
    }
    Ok(U96::from_limbs([low, high]))
}

impl CurationRegistry {
    /// Block time, seconds.
    pub(crate) fn now(&self) -> u64 {
        clock::now(self.vm())
    }

    /// The share token, or `NotInitialized` before wiring.
    pub(crate) fn wired_token(&self) -> Result<Address, Error> {
        let token = self.token.get();
        if token.is_zero() {
            return Err(NotInitialized {}.into());
        }
        Ok(token)
    }

    /// Stakes `amount` of `account`'s shares on the registered `seed_id`.
    ///
    /// The token locks first: its answer is the holder's locked balance, which
    /// is its reward weight (so the weight before is that less `amount`), and
    /// its refusal (e.g. the free balance) is the caller's error. The token
    /// calls nothing back, and a later failure reverts the lock with the rest.
    pub(crate) fn add_stake(
        &mut self,
        token: Address,
        account: Address,
        seed_id: U256,
        amount: U256,
    ) -> Result<(), Error> {
        let locked = self.lock_shares(token, account, amount, true)?;
        let weight = locked.checked_sub(amount).ok_or_else(overflow)?;
        self.settle(account, weight)?;
        let now = self.now();
        let (conviction, stake) = self.conviction_at(seed_id, now)?;
        // Every staked share is locked in the token, so the total never exceeds
        // its supply (< 2^96); `MathOverflow` beyond, for a token that let it.
        let total = self
            .total_staked_now()
            .checked_add(amount)
            .ok_or_else(overflow)?;
        self.set_total_staked(U256::from(to_u96(total)?));
        let mut position = self.positions.setter(account);
        let mut position = position.setter(seed_id);
        let held = U256::from(to_u96(pack::low(position.word.get()) + amount)?);
        position.word.set(pack::word3(held, U256::ZERO, now));
        self.store_seed(seed_id, conviction, stake + amount, now)?;
        atelier_common::emit!(
            self.vm(),
            Staked,
            3,
            [account, seed_id, amount],
        );
        Ok(())
    }

    /// Unstakes `amount` of `account`'s shares from the registered `seed_id`
    /// (the token unlocks first, as `add_stake` locks).
    pub(crate) fn remove_stake(
        &mut self,
        token: Address,
        account: Address,
        seed_id: U256,
        amount: U256,
    ) -> Result<(), Error> {
        let now = self.now();
        let word = self.positions.getter(account).getter(seed_id).word.get();
        let held = pack::low(word);
        if held < amount {
            return Err(InsufficientStake {
                seedId: seed_id,
                staked: held,
                requested: amount,
            }
            .into());
        }
        let staked_at = pack::top(word);
        let ends_at = staked_at.saturating_add(self.knob(Knob::Cooldown));
        if now < ends_at {
            return Err(CooldownActive {
                seedId: seed_id,
                endsAt: U256::from(ends_at),
            }
            .into());
        }
        let locked = self.lock_shares(token, account, amount, false)?;
        self.settle(account, locked.checked_add(amount).ok_or_else(overflow)?)?;
        let (conviction, stake) = self.conviction_at(seed_id, now)?;
        // `amount <= held <= stake, total`: no underflow below, and every
        // result fits where the larger value was.
        self.set_total_staked(self.total_staked_now() - amount);
        self.positions
            .setter(account)
            .setter(seed_id)
            .word
            .set(pack::word3(held - amount, U256::ZERO, staked_at));
        self.store_seed(seed_id, conviction, stake - amount, now)?;
        atelier_common::emit!(
            self.vm(),
            Unstaked,
            3,
            [account, seed_id, amount],
        );
        Ok(())
    }

    /// The reward weight of `account`: its shares locked in the token (zero
    /// before wiring, when nothing can be staked).
    pub(crate) fn weight_of(&self, account: Address) -> Result<U256, Error> {
        const LOCKED_BALANCE_OF: [u8; 4] = stylus_sdk::function_selector!("lockedBalanceOf", Address);
        let token = self.token.get();
        if token.is_zero() {
            return Ok(U256::ZERO);
        }
        let data = calldata(LOCKED_BALANCE_OF, &[account.into_word()]);
        let out = self
            .vm()
            .static_call(&stylus_sdk::stylus_core::calls::context::Call::new(), token, &data)
            .map_err(|_| ExternalCallFailed { target: token })?;
        return_word(&out, 0).ok_or_else(|| ExternalCallFailed { target: token }.into())
    }

    /// Stores the seed's conviction as of `now` and its new stake; announces it.
    fn store_seed(
        &mut self,
        seed_id: U256,
        conviction: U256,
        stake: U256,
        now: u64,
    ) -> Result<(), Error> {
        let mut record = self.seeds.setter(seed_id);
        let stake_bits = U256::from(to_u96(stake)?);
        let conviction_bits = U256::from(to_u96(conviction)?);
        record.state.set(pack::word3(stake_bits, conviction_bits, now));
        atelier_common::emit!(
            self.vm(),
            ConvictionUpdated,
            2,
            [seed_id, conviction, stake],
        );
        Ok(())
    }

    /// Has the token lock (`lock`) or unlock `amount` of `account`'s shares
    /// (`FractionToken.lockShares`/`unlockShares`); the token's own error (e.g.
    /// `ERC20InsufficientBalance`) passes through.
    fn lock_shares(&mut self, token: Address, account: Address, amount: U256, lock: bool) -> Result<U256, Error> {
        const LOCK: [u8; 4] = stylus_sdk::function_selector!("lockShares", Address, U256);
        const UNLOCK: [u8; 4] = stylus_sdk::function_selector!("unlockShares", Address, U256);
        let data = calldata(if lock { LOCK } else { UNLOCK }, &[account.into_word(), amount.into()]);
        let done = self.vm().call(&stylus_sdk::stylus_core::calls::context::Call::new(), token, &data);
        let out = done.map_err(|e| match callee_revert(e) {
            Some(data) => Error::Callee(data),
            None => ExternalCallFailed { target: token }.into(),
        })?;
        return_word(&out, 0).ok_or_else(|| ExternalCallFailed { target: token }.into())
    }
}
