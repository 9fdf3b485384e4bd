//! ERC-20 core with the ERC20Votes hook: one `update` moves balances, checks
//! the supply cap on mints, emits `Transfer` and moves the voting power.
//!
//! OpenZeppelin's `Erc20` cannot be embedded here: its allowance setter is
//! crate-private (so a permit whose EIP-712 domain uses the runtime token name
//! could not approve), and `_update` has no hook for votes. This core keeps its
//! semantics and errors, and packs each holder's balance, locked stake and
//! delegation into one storage slot, so a transfer between self-delegated
//! holders reads two slots fewer than OpenZeppelin Solidity's ERC20Votes (a
//! delegate elsewhere costs one more read, as there).
use alloy_primitives::{aliases::U96, Address, U256};
use stylus_sdk::prelude::*;

use crate::{abi::*, error::overflow, Error, FractionToken};

impl FractionToken {
    /// Moves `value` from `from` to `to`; zero `from` mints (against the
    /// supply cap), zero `to` burns. Callers check the zero-address rules.
    pub(crate) fn update(&mut self, from: Address, to: Address, value: U256) -> Result<(), Error> {
        let mut source = Address::ZERO;
        let mut target = Address::ZERO;
        if !from.is_zero() {
            let mut holder = self.holders.setter(from);
            let balance = U256::from(holder.balance.get());
            if balance < value {
                return Err(Error::InsufficientBalance(ERC20InsufficientBalance {
                    sender: from,
                    balance,
                    needed: value,
                }));
            }
            holder.balance.set(U96::saturating_from(balance - value));
            let delegation = holder.delegation.get().to();
            source = self.delegate_of(from, delegation);
        }
        if from.is_zero() || to.is_zero() {
            let supply = self.total_supply();
            let new_supply = if from.is_zero() {
                let max = U256::from(self.max_supply.get());
                let new_supply = supply.checked_add(value).ok_or_else(overflow)?;
                if new_supply > max {
                    return Err(Error::MaxSupplyExceeded(MaxSupplyExceeded {
                        supply: new_supply,
                        maxSupply: max,
                    }));
                }
                new_supply
            } else {
                // value <= the burner's balance <= supply.
                supply.saturating_sub(value)
            };
            // new_supply <= max_supply < 2^96: the checkpoint holds it whole.
            self.push_total_supply(new_supply)?;
        }
        if !to.is_zero() {
            let mut holder = self.holders.setter(to);
            // A balance never exceeds the total supply, below 2^96.
            let balance = U256::from(holder.balance.get()).saturating_add(value);
            holder.balance.set(U96::saturating_from(balance));
            let delegation = holder.delegation.get().to();
            target = self.delegate_of(to, delegation);
        }
        atelier_common::emit!(
            self.vm(),
            Transfer,
            3,
            [
                from,
                to,
                value,
            ],
        );
        self.move_delegate_votes(source, target, value)
    }

    /// `transfer` rules: neither end may be the zero address.
    pub(crate) fn transfer_checked(
        &mut self,
        from: Address,
        to: Address,
        value: U256,
    ) -> Result<(), Error> {
        if from.is_zero() {
            return Err(Error::InvalidSender(ERC20InvalidSender { sender: from }));
        }
        if to.is_zero() {
            return Err(Error::InvalidReceiver(ERC20InvalidReceiver {
                receiver: to,
            }));
        }
        self.update(from, to, value)
    }

    /// Burns `value` of `account`'s shares.
    pub(crate) fn burn_checked(&mut self, account: Address, value: U256) -> Result<(), Error> {
        if account.is_zero() {
            return Err(Error::InvalidSender(ERC20InvalidSender { sender: account }));
        }
        self.update(account, Address::ZERO, value)
    }

    /// Sets `spender`'s allowance over `owner`'s shares and emits `Approval`.
    pub(crate) fn approve_checked(
        &mut self,
        owner: Address,
        spender: Address,
        value: U256,
    ) -> Result<(), Error> {
        if spender.is_zero() {
            return Err(Error::InvalidSpender(ERC20InvalidSpender { spender }));
        }
        self.allowances.setter(owner).insert(spender, value);
        atelier_common::emit!(
            self.vm(),
            Approval,
            3,
            [
                owner,
                spender,
                value,
            ],
        );
        Ok(())
    }

    /// Uses `value` of `spender`'s allowance over `owner` (an infinite
    /// allowance, `U256::MAX`, is never decreased; no `Approval` event).
    pub(crate) fn spend_allowance(
        &mut self,
        owner: Address,
        spender: Address,
        value: U256,
    ) -> Result<(), Error> {
        let mut allowances = self.allowances.setter(owner);
        let mut allowance = allowances.setter(spender);
        let current = allowance.get();
        if current != U256::MAX {
            if current < value {
                return Err(Error::InsufficientAllowance(ERC20InsufficientAllowance {
                    spender,
                    allowance: current,
                    needed: value,
                }));
            }
            allowance.set(current - value);
        }
        Ok(())
    }

    /// `Err(EnforcedPause)` while governance has paused the market.
    pub(crate) fn when_not_paused(&self) -> Result<(), Error> {
        if self.paused.get() {
            return Err(Error::EnforcedPause(EnforcedPause {}));
        }
        Ok(())
    }
}
