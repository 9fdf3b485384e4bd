//! ERC20Votes (ERC-5805) bookkeeping on the crate's compact checkpoint
//! [`Trace`](crate::checkpoints::Trace) (a 48-bit timestamp and a 208-bit
//! value in one slot).
//!
//! As in OpenZeppelin, shares count as votes only once delegated (a holder
//! may delegate to itself); the total supply is checkpointed on every mint
//! and burn. Several updates in one block overwrite that block's checkpoint.
use alloy_primitives::{aliases::{U48, U64}, Address, U256};
use atelier_common::clock;
use stylus_sdk::prelude::*;

use crate::{abi::*, error::overflow, Error, FractionToken};

/// `Holder::delegation`: no delegate (the shares do not vote).
pub(crate) const UNDELEGATED: u64 = 0;
/// `Holder::delegation`: the holder votes its own shares (no address stored).
pub(crate) const SELF_DELEGATED: u64 = 1;
/// `Holder::delegation`: another address votes them (`delegatees`).
pub(crate) const DELEGATED_ELSEWHERE: u64 = 2;

impl FractionToken {
    /// The ERC-6372 clock: the block timestamp as a 48-bit key.
    pub(crate) fn clock_key(&self) -> U48 {
        U48::saturating_from(self.checkpoint_key())
    }

    /// The checkpoint key now: the block timestamp (below 2^48 for millions
    /// of years).
    pub(crate) fn checkpoint_key(&self) -> u64 {
        clock::now(self.vm())
    }

    /// `Err(ERC5805FutureLookup)` unless `timepoint` lies in the past; else
    /// the lookup key.
    pub(crate) fn past_key(&self, timepoint: U256) -> Result<u64, Error> {
        let now = self.checkpoint_key();
        if timepoint >= U256::from(now) {
            return Err(Error::FutureLookup(ERC5805FutureLookup {
                timepoint,
                clock: U48::saturating_from(now),
            }));
        }
        // timepoint < now < 2^64.
        Ok(timepoint.to::<u64>())
    }

    /// Records the total supply after a mint or burn (its latest checkpoint is
    /// the supply: `totalSupply` reads it).
    pub(crate) fn push_total_supply(&mut self, supply: U256) -> Result<(), Error> {
        let key = self.checkpoint_key();
        Ok(self.total_supply_checkpoints.push(key, supply)?)
    }

    /// The address `account`'s votes go to, given its `Holder::delegation`
    /// (zero: none; `delegatees` is read only for a delegate elsewhere).
    pub(crate) fn delegate_of(&self, account: Address, delegation: u64) -> Address {
        match delegation {
            SELF_DELEGATED => account,
            DELEGATED_ELSEWHERE => self.delegatees.get(account),
            _ => Address::ZERO,
        }
    }

    /// Points `account`'s votes at `delegatee` and moves its balance along.
    pub(crate) fn delegate_from(
        &mut self,
        account: Address,
        delegatee: Address,
    ) -> Result<(), Error> {
        let holder = self.holders.get(account);
        // Locked (staked) shares vote too.
        let balance = U256::from(holder.balance.get()) + U256::from(holder.locked.get());
        let previous = self.delegate_of(account, holder.delegation.get().to());
        let delegation = if delegatee.is_zero() {
            UNDELEGATED
        } else if delegatee == account {
            SELF_DELEGATED
        } else {
            self.delegatees.setter(account).set(delegatee);
            DELEGATED_ELSEWHERE
        };
        self.holders.setter(account).delegation.set(U64::from(delegation));
        atelier_common::emit!(
            self.vm(),
            DelegateChanged,
            4,
            [
                account,
                previous,
                delegatee,
            ],
        );
        self.move_delegate_votes(previous, delegatee, balance)
    }

    /// Moves `amount` votes from delegate `source` to delegate `target`
    /// (the zero address holds no votes).
    pub(crate) fn move_delegate_votes(
        &mut self,
        source: Address,
        target: Address,
        amount: U256,
    ) -> Result<(), Error> {
        if source == target || amount.is_zero() {
            return Ok(());
        }
        self.adjust_votes(source, amount, false)?;
        self.adjust_votes(target, amount, true)
    }

    /// Adds `amount` to (or takes it from) `delegate`'s votes, checkpointed
    /// now, with `DelegateVotesChanged`.
    #[inline(never)]
    fn adjust_votes(&mut self, delegate: Address, amount: U256, add: bool) -> Result<(), Error> {
        if delegate.is_zero() {
            return Ok(());
        }
        let key = self.checkpoint_key();
        let mut trace = self.vote_checkpoints.setter(delegate);
        let old = trace.latest();
        let new = if add {
            old.checked_add(amount)
        } else {
            old.checked_sub(amount)
        };
        let new = new.ok_or_else(overflow)?;
        // Votes of one delegate never exceed the supply, below 2^96.
        trace.push(key, new)?;
        atelier_common::emit!(
            self.vm(),
            DelegateVotesChanged,
            2,
            [
                delegate,
                old,
                new,
            ],
        );
        Ok(())
    }
}
