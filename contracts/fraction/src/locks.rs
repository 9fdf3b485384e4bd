//! Stakes locked in place. The registry locks part of a holder's balance for a
//! stake instead of taking the shares: they stay the holder's (`balanceOf`),
//! keep their votes with the holder's delegate and count in the supply that can
//! vote, and nothing but the registry's unlock frees them. A lock moves units
//! between the holder's free balance (`Holder::balance`, what transfers and
//! burns draw on) and `Holder::locked`, one slot; votes and the supply do not
//! change.
use alloy_primitives::{aliases::U96, Address, U256};
use atelier_common::errors::require_wired_caller;
use stylus_sdk::prelude::*;

use crate::{abi::*, Error, FractionToken};

impl FractionToken {
    /// `Ok(())` for the registry; `NotInitialized` before wiring.
    pub(crate) fn only_registry(&self) -> Result<(), Error> {
        require_wired_caller(self.registry.get(), self.vm().msg_sender())
    }

    /// Moves `amount` of `account`'s shares from free to locked (`lock`) or
    /// back, and announces and returns the new locked balance.
    pub(crate) fn move_lock(&mut self, account: Address, amount: U256, lock: bool) -> Result<U256, Error> {
        let mut holder = self.holders.setter(account);
        let free = U256::from(holder.balance.get());
        let locked = U256::from(holder.locked.get());
        let (free, locked) = if lock {
            if free < amount {
                return Err(ERC20InsufficientBalance { sender: account, balance: free, needed: amount }.into());
            }
            (free - amount, locked + amount)
        } else {
            if locked < amount {
                return Err(InsufficientLockedBalance { account, locked, needed: amount }.into());
            }
            (free + amount, locked - amount)
        };
        // Both parts of one balance, below the supply cap < 2^96.
        holder.balance.set(U96::saturating_from(free));
        holder.locked.set(U96::saturating_from(locked));
        atelier_common::emit!(
            self.vm(),
            LockedBalanceChanged,
            2,
            [account, locked],
        );
        Ok(locked)
    }
}
