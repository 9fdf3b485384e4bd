//! Storage through Nitro's storage cache, and transient storage.

use wasmi::Error;

use super::{fail, Host};
use crate::{
    engine::Word,
    gas::{self, EVM_API_INK, HOSTIO_INK, PTR_INK},
};

impl Host<'_> {
    pub(crate) fn storage_load_bytes32(&mut self, key: u32, dest: u32) -> Result<(), Error> {
        self.hostio(HOSTIO_INK + 2 * PTR_INK)?;
        let api_gas = gas::ink_to_gas(EVM_API_INK);
        self.require_gas(gas::COLD_SLOAD_GAS + gas::STORAGE_CACHE_REQUIRED_GAS + api_gas)?;
        let key = self.read_b256(key)?;
        let state = self.state();
        state.cache.reads += 1;
        let mut cost = gas::cache_read_gas(state.cache.reads);
        let value = match state.cache.slots.get(&key) {
            Some(word) => {
                state.meter.storage_cache_hits += 1;
                word.value
            }
            None => {
                let address = state.frame.address;
                let read = state.backend.get().storage_load(address, key);
                cost += gas::sload_gas(read.cold) + api_gas;
                if read.cold {
                    state.meter.storage_reads_cold += 1;
                } else {
                    state.meter.storage_reads_warm += 1;
                }
                state.cache.slots.insert(key, Word { value: read.value, known: Some(read.value) });
                read.value
            }
        };
        self.buy_gas(cost)?;
        self.write(dest, value.as_slice())
    }

    pub(crate) fn storage_cache_bytes32(&mut self, key: u32, value: u32) -> Result<(), Error> {
        self.hostio(HOSTIO_INK + 2 * PTR_INK)?;
        self.require_gas(gas::SSTORE_SENTRY_GAS + gas::STORAGE_CACHE_REQUIRED_GAS)?;
        let key = self.read_b256(key)?;
        let value = self.read_b256(value)?;
        let state = self.state();
        state.cache.writes += 1;
        let cost = gas::cache_write_gas(state.cache.writes);
        state.meter.storage_cache_writes += 1;
        state
            .cache
            .slots
            .entry(key)
            .and_modify(|w| w.value = value)
            .or_insert(Word { value, known: None });
        self.buy_gas(cost)
    }

    pub(crate) fn storage_flush_cache(&mut self, clear: u32) -> Result<(), Error> {
        self.hostio(HOSTIO_INK + EVM_API_INK)?;
        self.require_gas(gas::SSTORE_SENTRY_GAS)?;
        let mut budget = self.gas_left()?.saturating_add(1);
        let is_static = self.is_static();
        let address = self.address();
        let state = self.state();
        state.meter.storage_flushes += 1;
        // Dirty slots in key order (Nitro iterates a hash map; the order only matters for
        // which slot runs out of gas first).
        let mut dirty = Vec::new();
        for (key, word) in state.cache.slots.iter_mut() {
            if word.known != Some(word.value) {
                dirty.push((*key, word.value));
                word.known = Some(word.value);
            }
        }
        if clear != 0 {
            state.cache.slots.clear();
        }
        if dirty.is_empty() {
            return Ok(());
        }
        if is_static {
            return Err(fail("write protection: storage write in a static call"));
        }
        let mut total = 0u64;
        for (key, value) in dirty {
            let store = state.backend.get().storage_store(address, key, value);
            let (cost, refund) = gas::sstore_gas(store.original, store.present, value, store.cold);
            let m = &mut state.meter;
            match (store.present.is_zero(), value.is_zero()) {
                _ if store.present == value => m.storage_writes_noop += 1,
                (true, false) => m.storage_writes_set += 1,
                (false, false) => m.storage_writes_reset += 1,
                (false, true) => m.storage_writes_clear += 1,
                (true, true) => m.storage_writes_noop += 1,
            }
            if store.cold {
                m.storage_writes_cold += 1;
            }
            m.refund += refund;
            if cost > budget {
                return self.out_of_ink();
            }
            budget -= cost;
            total += cost;
        }
        if budget == 0 {
            return self.out_of_ink();
        }
        self.buy_gas(total)
    }

    pub(crate) fn transient_load_bytes32(&mut self, key: u32, dest: u32) -> Result<(), Error> {
        self.hostio(HOSTIO_INK + 2 * PTR_INK + EVM_API_INK)?;
        self.buy_gas(gas::TRANSIENT_GAS)?;
        let key = self.read_b256(key)?;
        let address = self.address();
        let value = self.backend().transient_load(address, key);
        self.state().meter.transient_loads += 1;
        self.write(dest, value.as_slice())
    }

    pub(crate) fn transient_store_bytes32(&mut self, key: u32, value: u32) -> Result<(), Error> {
        self.hostio(HOSTIO_INK + 2 * PTR_INK + EVM_API_INK)?;
        self.buy_gas(gas::TRANSIENT_GAS)?;
        let key = self.read_b256(key)?;
        let value = self.read_b256(value)?;
        if self.is_static() {
            return Err(fail("write protection: transient store in a static call"));
        }
        let address = self.address();
        self.backend().transient_store(address, key, value);
        self.state().meter.transient_stores += 1;
        Ok(())
    }
}
