//! [`World`] as the [`Backend`] its programs see.

use alloy_primitives::{Address, Bytes, Log, B256, U256};

use super::World;
use crate::backend::{Access, Backend, CallRequest, CallResult, Env, StorageStore, StylusTx};
use crate::journal::Entry;

impl Backend for World {
    fn env(&self) -> Env {
        self.env.clone()
    }

    fn storage_load(&mut self, contract: Address, key: B256) -> Access<B256> {
        let cold = self.state.warm_slot(contract, key);
        Access { value: self.storage(contract, key), cold }
    }

    fn storage_store(&mut self, contract: Address, key: B256, value: B256) -> StorageStore {
        let cold = self.state.warm_slot(contract, key);
        let present = self.storage(contract, key);
        let original = *self.state.original.entry((contract, key)).or_insert(present);
        self.state.journal.push(Entry::Storage { address: contract, key, prev: present });
        self.set_storage(contract, key, value);
        StorageStore { original, present, cold }
    }

    fn transient_load(&mut self, contract: Address, key: B256) -> B256 {
        self.state.transient.get(&(contract, key)).copied().unwrap_or_default()
    }

    fn transient_store(&mut self, contract: Address, key: B256, value: B256) {
        let prev = self.transient_load(contract, key);
        self.state.journal.push(Entry::Transient { address: contract, key, prev });
        if value.is_zero() {
            self.state.transient.remove(&(contract, key));
        } else {
            self.state.transient.insert((contract, key), value);
        }
    }

    fn balance(&mut self, account: Address) -> Access<U256> {
        let cold = self.state.warm_account(account);
        Access { value: World::balance(self, account), cold }
    }

    fn code(&mut self, account: Address) -> Access<Bytes> {
        let cold = self.state.warm_account(account);
        Access { value: World::code(self, account), cold }
    }

    fn code_hash(&mut self, account: Address) -> Access<B256> {
        let cold = self.state.warm_account(account);
        let value = match self.accounts.get(&account) {
            None => B256::ZERO,
            Some(a) if a.code.is_empty() && a.balance.is_zero() && a.nonce == 0 => B256::ZERO,
            Some(a) => alloy_primitives::keccak256(&a.code),
        };
        Access { value, cold }
    }

    fn touch_account(&mut self, account: Address) -> Access<bool> {
        let cold = self.state.warm_account(account);
        let exists = self
            .accounts
            .get(&account)
            .is_some_and(|a| !a.code.is_empty() || !a.balance.is_zero() || a.nonce != 0);
        Access { value: exists, cold }
    }

    fn call(&mut self, request: CallRequest) -> CallResult {
        self.run_call(request)
    }

    fn emit_log(&mut self, log: Log) {
        self.state.logs.push(log);
    }

    fn stylus_tx(&mut self) -> &mut StylusTx {
        &mut self.state.stylus
    }

    fn program_cached(&mut self, _code_address: Address, code_hash: B256) -> bool {
        self.cached.contains(&code_hash)
    }
}
