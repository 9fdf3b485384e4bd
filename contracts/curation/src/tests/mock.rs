//! Test doubles: a minimal share token that locks stakes in place (with a
//! switch to make it refuse) and a contract that stakes but
//! cannot receive ETH.
#![allow(clippy::unnecessary_wraps, deprecated)]
use alloc::{vec, vec::Vec};
use alloy_primitives::{Address, U256};
use stylus_sdk::{
    call::Call,
    prelude::*,
    storage::{StorageBool, StorageMap, StorageU256},
};

/// Minimal share token: balances (locked shares included), locked balances
/// (FractionToken's `lockShares`/`unlockShares`), allowances; `refuse` makes
/// locks revert with `b"refused"` (motsu 0.10 reports an empty revert as an
/// unknown selector, so the empty-revert path is covered on the compiled WASM).
#[storage]
pub struct MockToken {
    balances: StorageMap<Address, StorageU256>,
    locked: StorageMap<Address, StorageU256>,
    allowances: StorageMap<Address, StorageMap<Address, StorageU256>>,
    refuse: StorageBool,
}

unsafe impl TopLevelStorage for MockToken {}

#[public]
impl MockToken {
    pub fn mint(&mut self, to: Address, amount: U256) {
        let balance = self.balances.get(to);
        self.balances.setter(to).set(balance + amount);
    }

    pub fn approve(&mut self, spender: Address, amount: U256) -> bool {
        let owner = self.vm().msg_sender();
        self.allowances.setter(owner).setter(spender).set(amount);
        true
    }

    pub fn set_refuse(&mut self, refuse: bool) {
        self.refuse.set(refuse);
    }

    pub fn balance_of(&self, account: Address) -> U256 {
        self.balances.get(account)
    }

    pub fn locked_balance_of(&self, account: Address) -> U256 {
        self.locked.get(account)
    }

    /// Locks `amount` of `account`'s free shares; reverts `b"balance"`.
    /// Returns the locked balance now, as FractionToken does.
    pub fn lock_shares(&mut self, account: Address, amount: U256) -> Result<U256, Vec<u8>> {
        if self.refuse.get() {
            return Err(b"refused".to_vec());
        }
        let locked = self.locked.get(account);
        if self.balances.get(account) - locked < amount {
            return Err(b"balance".to_vec());
        }
        self.locked.setter(account).set(locked + amount);
        Ok(locked + amount)
    }

    /// Unlocks `amount` of `account`'s locked shares; reverts `b"locked"`.
    pub fn unlock_shares(&mut self, account: Address, amount: U256) -> Result<U256, Vec<u8>> {
        if self.refuse.get() {
            return Err(b"refused".to_vec());
        }
        let locked = self.locked.get(account);
        if locked < amount {
            return Err(b"locked".to_vec());
        }
        self.locked.setter(account).set(locked - amount);
        Ok(locked - amount)
    }

    pub fn transfer(&mut self, to: Address, value: U256) -> Result<bool, Vec<u8>> {
        let from = self.vm().msg_sender();
        self.move_tokens(from, to, value)
    }

    pub fn transfer_from(
        &mut self,
        from: Address,
        to: Address,
        value: U256,
    ) -> Result<bool, Vec<u8>> {
        let spender = self.vm().msg_sender();
        let allowance = self.allowances.getter(from).get(spender);
        if allowance < value {
            return Err(b"allowance".to_vec());
        }
        self.allowances
            .setter(from)
            .setter(spender)
            .set(allowance - value);
        self.move_tokens(from, to, value)
    }
}

impl MockToken {
    fn move_tokens(&mut self, from: Address, to: Address, value: U256) -> Result<bool, Vec<u8>> {
        if self.refuse.get() {
            return Ok(false);
        }
        let balance = self.balances.get(from);
        if balance < value {
            return Err(b"balance".to_vec());
        }
        self.balances.setter(from).set(balance - value);
        let to_balance = self.balances.get(to);
        self.balances.setter(to).set(to_balance + value);
        Ok(true)
    }
}

sol_interface! {
    interface IMockToken {
        function approve(address spender, uint256 amount) external returns (bool);
    }
    interface IRegistry {
        function stake(uint256 seed_id, uint256 amount) external;
        function claim() external returns (uint256);
    }
}

/// A staker contract whose `receive` reverts: ETH sent to it bounces.
#[storage]
pub struct EthRejecter {}

unsafe impl TopLevelStorage for EthRejecter {}

#[public]
impl EthRejecter {
    #[receive]
    pub fn receive(&mut self) -> Result<(), Vec<u8>> {
        Err(b"no ether".to_vec())
    }

    #[allow(deprecated)]
    pub fn stake_via(
        &mut self,
        registry: Address,
        token: Address,
        seed_id: U256,
        amount: U256,
    ) -> Result<(), Vec<u8>> {
        let _ = token;
        IRegistry::new(registry).stake(Call::new_in(self), seed_id, amount)?;
        Ok(())
    }

    #[allow(deprecated)]
    pub fn claim_via(&mut self, registry: Address) -> Result<U256, Vec<u8>> {
        Ok(IRegistry::new(registry).claim(Call::new_in(self))?)
    }
}

/// Stands in for an externally owned account: motsu 0.10 can only send ETH to
/// addresses with a router, so tests place this payable no-op at the holders'
/// addresses (on chain, paying an EOA needs no code at all).
#[storage]
pub struct Wallet {}

unsafe impl TopLevelStorage for Wallet {}

#[public]
impl Wallet {
    #[receive]
    pub fn receive(&mut self) -> Result<(), Vec<u8>> {
        Ok(())
    }
}
