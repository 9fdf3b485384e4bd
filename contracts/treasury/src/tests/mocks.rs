//! Small stand-ins for the contracts the Treasury calls: a share token (spot
//! price, allowance-checked `burnFrom`), a curation registry (payable
//! `notifyReward`), a vault (`recordAcquisition` checking custody), an ERC-721
//! collection, and a wallet contract that can receive (or refuse) ETH.
use alloc::{string::String, vec::Vec};
use alloy_primitives::{Address, B256, U256};
use atelier_common::interfaces::IErc721Collection;
use stylus_sdk::{
    prelude::*,
    storage::{StorageAddress, StorageBool, StorageMap, StorageString, StorageU256},
};

fn revert(reason: &str) -> Vec<u8> {
    reason.as_bytes().to_vec()
}

/// FractionToken stand-in: balances, allowances, a settable spot price.
#[storage]
pub struct MockToken {
    pub balances: StorageMap<Address, StorageU256>,
    pub allowances: StorageMap<Address, StorageMap<Address, StorageU256>>,
    pub total_supply: StorageU256,
    pub spot: StorageU256,
    pub paused: StorageBool,
}

unsafe impl TopLevelStorage for MockToken {}

#[public]
impl MockToken {
    pub fn mint(&mut self, to: Address, amount: U256) {
        let balance = self.balances.get(to);
        self.balances.setter(to).set(balance + amount);
        let supply = self.total_supply.get();
        self.total_supply.set(supply + amount);
    }

    pub fn approve(&mut self, spender: Address, amount: U256) -> bool {
        let owner = self.vm().msg_sender();
        self.allowances.setter(owner).setter(spender).set(amount);
        true
    }

    pub fn burn_from(&mut self, account: Address, value: U256) -> Result<(), Vec<u8>> {
        let spender = self.vm().msg_sender();
        let allowance = self.allowances.getter(account).get(spender);
        if allowance < value {
            return Err(revert("insufficient allowance"));
        }
        let balance = self.balances.get(account);
        if balance < value {
            return Err(revert("insufficient balance"));
        }
        self.allowances
            .setter(account)
            .setter(spender)
            .set(allowance - value);
        self.balances.setter(account).set(balance - value);
        let supply = self.total_supply.get();
        self.total_supply.set(supply - value);
        Ok(())
    }

    pub fn balance_of(&self, account: Address) -> U256 {
        self.balances.get(account)
    }

    pub fn total_supply(&self) -> U256 {
        self.total_supply.get()
    }

    pub fn spot_price(&self) -> U256 {
        self.spot.get()
    }

    pub fn set_spot_price(&mut self, price: U256) {
        self.spot.set(price);
    }

    /// `param(P0)` is the settable price; `param(PAUSED)` the settable pause.
    pub fn param(&self, key: u8) -> Result<U256, Vec<u8>> {
        match key {
            0 => Ok(self.spot.get()),
            9 => Ok(U256::from(self.paused.get() as u8)),
            _ => Err(revert("unknown param")),
        }
    }

    pub fn set_paused(&mut self, paused: bool) {
        self.paused.set(paused);
    }
}

/// CurationRegistry stand-in: records what `notifyReward` received.
#[storage]
pub struct MockRegistry {
    pub received: StorageU256,
    pub calls: StorageU256,
    pub fail: StorageBool,
}

unsafe impl TopLevelStorage for MockRegistry {}

#[public]
impl MockRegistry {
    #[payable]
    pub fn notify_reward(&mut self) -> Result<(), Vec<u8>> {
        if self.fail.get() {
            return Err(revert("registry down"));
        }
        let value = self.vm().msg_value();
        let received = self.received.get();
        self.received.set(received + value);
        let calls = self.calls.get();
        self.calls.set(calls + U256::from(1));
        Ok(())
    }

    pub fn set_fail(&mut self, fail: bool) {
        self.fail.set(fail);
    }
}

/// ArtVault stand-in: `recordAcquisition` checks it owns the token, then stores
/// the provenance and numbers the artwork.
#[storage]
pub struct MockVault {
    pub count: StorageU256,
    pub last_collection: StorageAddress,
    pub last_token_id: StorageU256,
    pub last_seed: StorageU256,
    pub last_artist: StorageAddress,
    pub last_uri: StorageString,
    pub fail: StorageBool,
}

unsafe impl TopLevelStorage for MockVault {}

#[public]
impl MockVault {
    #[allow(clippy::too_many_arguments)]
    pub fn record_acquisition(
        &mut self,
        collection: Address,
        token_id: U256,
        seed: B256,
        model_id: B256,
        prompt_hash: B256,
        artist: Address,
        uri: String,
    ) -> Result<U256, Vec<u8>> {
        let _ = (model_id, prompt_hash);
        if self.fail.get() {
            return Err(revert("vault refuses"));
        }
        let owner = IErc721Collection::new(collection)
            .owner_of(&*self, token_id)
            .map_err(|_| revert("ownerOf failed"))?;
        if owner != self.vm().contract_address() {
            return Err(revert("not in custody"));
        }
        let id = self.count.get() + U256::from(1);
        self.count.set(id);
        self.last_collection.set(collection);
        self.last_token_id.set(token_id);
        self.last_seed.set(U256::from_be_bytes(seed.0));
        self.last_artist.set(artist);
        self.last_uri.set_str(uri);
        Ok(id)
    }

    pub fn set_fail(&mut self, fail: bool) {
        self.fail.set(fail);
    }
}

/// Minimal ERC-721: mint, approve, transferFrom (owner or approved), ownerOf.
#[storage]
pub struct MockNft {
    pub owners: StorageMap<U256, StorageAddress>,
    pub approvals: StorageMap<U256, StorageAddress>,
}

unsafe impl TopLevelStorage for MockNft {}

#[public]
impl MockNft {
    pub fn mint(&mut self, to: Address, token_id: U256) {
        self.owners.setter(token_id).set(to);
    }

    pub fn approve(&mut self, to: Address, token_id: U256) -> Result<(), Vec<u8>> {
        if self.owners.get(token_id) != self.vm().msg_sender() {
            return Err(revert("not owner"));
        }
        self.approvals.setter(token_id).set(to);
        Ok(())
    }

    pub fn owner_of(&self, token_id: U256) -> Result<Address, Vec<u8>> {
        let owner = self.owners.get(token_id);
        if owner.is_zero() {
            return Err(revert("nonexistent token"));
        }
        Ok(owner)
    }

    pub fn transfer_from(
        &mut self,
        from: Address,
        to: Address,
        token_id: U256,
    ) -> Result<(), Vec<u8>> {
        let owner = self.owners.get(token_id);
        if owner.is_zero() || owner != from {
            return Err(revert("wrong owner"));
        }
        let sender = self.vm().msg_sender();
        if sender != owner && sender != self.approvals.get(token_id) {
            return Err(revert("not approved"));
        }
        self.approvals.setter(token_id).set(Address::ZERO);
        self.owners.setter(token_id).set(to);
        Ok(())
    }
}

/// A contract account: receives ETH unless told to refuse it, and can pay
/// another contract with a plain value call (as the FractionToken and the
/// vault pay the treasury).
#[storage]
pub struct Wallet {
    pub refuse: StorageBool,
}

unsafe impl TopLevelStorage for Wallet {}

#[public]
impl Wallet {
    #[receive]
    pub fn receive(&mut self) -> Result<(), Vec<u8>> {
        if self.refuse.get() {
            return Err(revert("refused"));
        }
        Ok(())
    }

    pub fn set_refuse(&mut self, refuse: bool) {
        self.refuse.set(refuse);
    }

    pub fn send(&mut self, to: Address, amount: U256) -> Result<(), Vec<u8>> {
        self.vm().transfer_eth(to, amount)
    }
}
