//! The `vm_hooks` (and `console`) imports, linked on wasmi, with Nitro's semantics and prices.
//!
//! [`IMPORTS`] is the full set Nitro links for user programs (`crates/stylus/src/native.rs`),
//! which covers everything stylus-sdk 0.9 declares (`stylus-sdk/src/hostio.rs`) and motsu
//! 0.10 shims. Semantics follow `crates/wasm-libraries/user-host-trait/lib.rs`.

use std::fmt;

use wasmparser::ValType;


/// A WASM value type in a host I/O signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ty {
    /// `i32` (pointers, lengths, `u8`/`u16`/`u32`/`bool`).
    I32,
    /// `i64` (`u64`: gas, ink, block fields).
    I64,
    /// `f32` (console only).
    F32,
    /// `f64` (console only).
    F64,
}

impl Ty {
    fn matches(self, v: &ValType) -> bool {
        matches!(
            (self, v),
            (Ty::I32, ValType::I32) | (Ty::I64, ValType::I64) | (Ty::F32, ValType::F32) | (Ty::F64, ValType::F64)
        )
    }
}

/// The signature of a linked host I/O.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Signature {
    /// Import module: `vm_hooks` or `console`.
    pub module: &'static str,
    /// Import name.
    pub name: &'static str,
    /// Parameter types.
    pub params: &'static [Ty],
    /// Result types (empty or one).
    pub results: &'static [Ty],
}

impl Signature {
    /// `true` if a module's import type is exactly this signature.
    pub fn matches(&self, params: &[ValType], results: &[ValType]) -> bool {
        self.params.len() == params.len()
            && self.results.len() == results.len()
            && self.params.iter().zip(params).all(|(a, b)| a.matches(b))
            && self.results.iter().zip(results).all(|(a, b)| a.matches(b))
    }
}

impl fmt::Display for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |tys: &[Ty]| {
            tys.iter().map(|t| format!("{t:?}").to_lowercase()).collect::<Vec<_>>().join(", ")
        };
        write!(f, "({}) -> ({})", list(self.params), list(self.results))
    }
}

use Ty::{F32, F64, I32, I64};

macro_rules! sigs {
    ($($module:literal $name:literal ($($p:ident),*) -> ($($r:ident),*);)*) => {
        /// Every import this host links, with its WASM signature.
        pub const IMPORTS: &[Signature] = &[
            $(Signature { module: $module, name: $name, params: &[$($p),*], results: &[$($r),*] },)*
        ];
    };
}

sigs! {
    "vm_hooks" "read_args" (I32) -> ();
    "vm_hooks" "write_result" (I32, I32) -> ();
    "vm_hooks" "exit_early" (I32) -> ();
    "vm_hooks" "storage_load_bytes32" (I32, I32) -> ();
    "vm_hooks" "storage_cache_bytes32" (I32, I32) -> ();
    "vm_hooks" "storage_flush_cache" (I32) -> ();
    "vm_hooks" "transient_load_bytes32" (I32, I32) -> ();
    "vm_hooks" "transient_store_bytes32" (I32, I32) -> ();
    "vm_hooks" "call_contract" (I32, I32, I32, I32, I64, I32) -> (I32);
    "vm_hooks" "delegate_call_contract" (I32, I32, I32, I64, I32) -> (I32);
    "vm_hooks" "static_call_contract" (I32, I32, I32, I64, I32) -> (I32);
    "vm_hooks" "create1" (I32, I32, I32, I32, I32) -> ();
    "vm_hooks" "create2" (I32, I32, I32, I32, I32, I32) -> ();
    "vm_hooks" "read_return_data" (I32, I32, I32) -> (I32);
    "vm_hooks" "return_data_size" () -> (I32);
    "vm_hooks" "emit_log" (I32, I32, I32) -> ();
    "vm_hooks" "account_balance" (I32, I32) -> ();
    "vm_hooks" "account_code" (I32, I32, I32, I32) -> (I32);
    "vm_hooks" "account_codehash" (I32, I32) -> ();
    "vm_hooks" "account_code_size" (I32) -> (I32);
    "vm_hooks" "evm_gas_left" () -> (I64);
    "vm_hooks" "evm_ink_left" () -> (I64);
    "vm_hooks" "block_basefee" (I32) -> ();
    "vm_hooks" "chainid" () -> (I64);
    "vm_hooks" "block_coinbase" (I32) -> ();
    "vm_hooks" "block_gas_limit" () -> (I64);
    "vm_hooks" "block_number" () -> (I64);
    "vm_hooks" "block_timestamp" () -> (I64);
    "vm_hooks" "contract_address" (I32) -> ();
    "vm_hooks" "math_div" (I32, I32) -> ();
    "vm_hooks" "math_mod" (I32, I32) -> ();
    "vm_hooks" "math_pow" (I32, I32) -> ();
    "vm_hooks" "math_add_mod" (I32, I32, I32) -> ();
    "vm_hooks" "math_mul_mod" (I32, I32, I32) -> ();
    "vm_hooks" "msg_reentrant" () -> (I32);
    "vm_hooks" "msg_sender" (I32) -> ();
    "vm_hooks" "msg_value" (I32) -> ();
    "vm_hooks" "tx_gas_price" (I32) -> ();
    "vm_hooks" "tx_ink_price" () -> (I32);
    "vm_hooks" "tx_origin" (I32) -> ();
    "vm_hooks" "pay_for_memory_grow" (I32) -> ();
    "vm_hooks" "native_keccak256" (I32, I32, I32) -> ();
    "console" "log_txt" (I32, I32) -> ();
    "console" "log_i32" (I32) -> ();
    "console" "log_i64" (I64) -> ();
    "console" "log_f32" (F32) -> ();
    "console" "log_f64" (F64) -> ();
    "console" "tee_i32" (I32) -> (I32);
    "console" "tee_i64" (I64) -> (I64);
    "console" "tee_f32" (F32) -> (F32);
    "console" "tee_f64" (F64) -> (F64);
}

/// The linked signature of `module::name`, if this host links it.
pub fn signature(module: &str, name: &str) -> Option<&'static Signature> {
    IMPORTS.iter().find(|s| s.module == module && s.name == name)
}


// ---------------------------------------------------------------------------------------
// The host functions.

use alloy_primitives::{keccak256, Address, Bytes, Log, B256, U256};
use wasmi::{Caller, Error, Linker};

use crate::{
    backend::{CallKind, CallRequest, CreateRequest},
    engine::{HostState, HostTrap, Word},
    gas::{self, ADD_MOD_INK, DIV_INK, EVM_API_INK, HOSTIO_INK, MUL_MOD_INK, PTR_INK},
};

use crate::world::MAX_CALL_DEPTH as MAX_DEPTH;

fn fail(why: impl Into<String>) -> Error {
    Error::host(HostTrap::Fail(why.into()))
}

/// A host I/O's view of the running frame.
struct Host<'c>(Caller<'c, HostState>);

impl Host<'_> {
    fn state(&mut self) -> &mut HostState {
        self.0.data_mut()
    }

    fn handles(&self) -> Result<crate::engine::Handles, Error> {
        self.0.data().handles.ok_or_else(|| fail("host I/O before start"))
    }

    fn ink_left(&self) -> Result<u64, Error> {
        Ok(self.handles()?.ink.get(&self.0).i64().unwrap_or(0) as u64)
    }

    fn out_of_ink<T>(&mut self) -> Result<T, Error> {
        let h = self.handles()?;
        h.ink.set(&mut self.0, wasmi::Val::I64(0))?;
        h.status.set(&mut self.0, wasmi::Val::I32(1))?;
        Err(Error::host(HostTrap::OutOfInk))
    }

    fn take_ink(&mut self, ink: u64) -> Result<(), Error> {
        let left = self.ink_left()?;
        if left < ink {
            return self.out_of_ink();
        }
        let h = self.handles()?;
        h.ink.set(&mut self.0, wasmi::Val::I64((left - ink) as i64))?;
        Ok(())
    }

    /// Start a `vm_hooks` call: count it and charge its base ink.
    fn hostio(&mut self, ink: u64) -> Result<(), Error> {
        self.state().meter.hostios += 1;
        self.buy_ink(ink)
    }

    /// Charge host I/O ink.
    fn buy_ink(&mut self, ink: u64) -> Result<(), Error> {
        self.take_ink(ink)?;
        self.state().meter.hostio_ink += ink;
        Ok(())
    }

    /// Charge EVM gas (at 10,000 ink a gas), attributed to this frame's `evm_gas`.
    fn buy_gas(&mut self, gas: u64) -> Result<(), Error> {
        self.take_ink(gas::gas_to_ink(gas))?;
        self.state().meter.evm_gas += gas;
        Ok(())
    }

    fn gas_left(&self) -> Result<u64, Error> {
        Ok(gas::ink_to_gas(self.ink_left()?))
    }

    /// Fail (out of ink) unless `gas` is left, without charging it.
    fn require_gas(&mut self, gas: u64) -> Result<(), Error> {
        if self.ink_left()? < gas::gas_to_ink(gas) {
            return self.out_of_ink();
        }
        Ok(())
    }

    fn pay_for_read(&mut self, bytes: u32) -> Result<(), Error> {
        self.buy_ink(gas::read_price(bytes))
    }

    fn pay_for_write(&mut self, bytes: u32) -> Result<(), Error> {
        self.buy_ink(gas::write_price(bytes))
    }

    fn read(&self, ptr: u32, len: u32) -> Result<Vec<u8>, Error> {
        let mem = self.handles()?.memory.data(&self.0);
        let start = ptr as usize;
        let end = start.checked_add(len as usize).ok_or_else(|| fail("pointer overflow"))?;
        mem.get(start..end).map(<[u8]>::to_vec).ok_or_else(|| fail("memory access out of bounds"))
    }

    fn read_fixed<const N: usize>(&self, ptr: u32) -> Result<[u8; N], Error> {
        let v = self.read(ptr, N as u32)?;
        let mut out = [0u8; N];
        out.copy_from_slice(&v);
        Ok(out)
    }

    fn read_b256(&self, ptr: u32) -> Result<B256, Error> {
        Ok(B256::from(self.read_fixed::<32>(ptr)?))
    }

    fn read_u256(&self, ptr: u32) -> Result<U256, Error> {
        Ok(U256::from_be_bytes(self.read_fixed::<32>(ptr)?))
    }

    fn read_address(&self, ptr: u32) -> Result<Address, Error> {
        Ok(Address::from(self.read_fixed::<20>(ptr)?))
    }

    fn write(&mut self, ptr: u32, data: &[u8]) -> Result<(), Error> {
        let memory = self.handles()?.memory;
        let mem = memory.data_mut(&mut self.0);
        let start = ptr as usize;
        let end = start.checked_add(data.len()).ok_or_else(|| fail("pointer overflow"))?;
        mem.get_mut(start..end)
            .ok_or_else(|| fail("memory access out of bounds"))?
            .copy_from_slice(data);
        Ok(())
    }

    fn write_u32(&mut self, ptr: u32, x: u32) -> Result<(), Error> {
        self.write(ptr, &x.to_le_bytes())
    }

    fn write_u256(&mut self, ptr: u32, x: U256) -> Result<(), Error> {
        self.write(ptr, &x.to_be_bytes::<32>())
    }

    fn backend(&mut self) -> &mut dyn crate::backend::Backend {
        self.0.data_mut().backend.get()
    }

    fn address(&self) -> Address {
        self.0.data().frame.address
    }

    fn is_static(&self) -> bool {
        self.0.data().frame.is_static
    }

    // ---- calldata and result ----

    fn read_args(&mut self, ptr: u32) -> Result<(), Error> {
        self.hostio(HOSTIO_INK)?;
        let args = self.0.data().frame.input.clone();
        self.pay_for_write(args.len() as u32)?;
        self.write(ptr, &args)?;
        self.state().meter.args_bytes += args.len() as u64;
        Ok(())
    }

    fn write_result(&mut self, ptr: u32, len: u32) -> Result<(), Error> {
        self.hostio(HOSTIO_INK)?;
        self.pay_for_read(len)?;
        self.pay_for_read(len)?; // read from geth
        let outs = self.read(ptr, len)?;
        let state = self.state();
        state.meter.result_bytes += u64::from(len);
        state.outs = outs;
        Ok(())
    }

    // ---- storage ----

    fn storage_load_bytes32(&mut self, key: u32, dest: u32) -> Result<(), Error> {
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

    fn storage_cache_bytes32(&mut self, key: u32, value: u32) -> Result<(), Error> {
        self.hostio(HOSTIO_INK + 2 * PTR_INK)?;
        self.require_gas(gas::SSTORE_SENTRY_GAS + gas::STORAGE_CACHE_REQUIRED_GAS)?;
        let key = self.read_b256(key)?;
        let value = self.read_b256(value)?;
        let state = self.state();
        state.cache.writes += 1;
        let cost = gas::cache_write_gas(state.cache.writes);
        state.meter.storage_cache_writes += 1;
        state.cache.slots.entry(key).and_modify(|w| w.value = value).or_insert(Word { value, known: None });
        self.buy_gas(cost)
    }

    fn storage_flush_cache(&mut self, clear: u32) -> Result<(), Error> {
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

    fn transient_load_bytes32(&mut self, key: u32, dest: u32) -> Result<(), Error> {
        self.hostio(HOSTIO_INK + 2 * PTR_INK + EVM_API_INK)?;
        self.buy_gas(gas::TRANSIENT_GAS)?;
        let key = self.read_b256(key)?;
        let address = self.address();
        let value = self.backend().transient_load(address, key);
        self.state().meter.transient_loads += 1;
        self.write(dest, value.as_slice())
    }

    fn transient_store_bytes32(&mut self, key: u32, value: u32) -> Result<(), Error> {
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

    // ---- calls ----

    #[allow(clippy::too_many_arguments)]
    fn call(
        &mut self,
        kind: CallKind,
        contract: u32,
        data: u32,
        data_len: u32,
        value: Option<u32>,
        gas_req: u64,
        ret_len: u32,
    ) -> Result<u32, Error> {
        self.hostio(HOSTIO_INK + 3 * PTR_INK + EVM_API_INK)?;
        self.pay_for_read(data_len)?;
        self.pay_for_read(data_len)?; // read from geth
        let gas_left = self.gas_left()?;
        let gas_req = gas_req.min(gas_left);
        let to = self.read_address(contract)?;
        let input = Bytes::from(self.read(data, data_len)?);
        let value = match value {
            Some(ptr) => self.read_u256(ptr)?,
            None => U256::ZERO,
        };
        let frame = self.0.data().frame.clone();
        let m = &mut self.state().meter;
        match kind {
            CallKind::Call => m.calls += 1,
            CallKind::StaticCall => m.static_calls += 1,
            CallKind::DelegateCall => m.delegate_calls += 1,
        }
        let transfers = kind == CallKind::Call && !value.is_zero();
        if transfers {
            m.value_calls += 1;
        }

        let (result, base) = if frame.is_static && transfers {
            (None, 0) // write protection: the call fails, nothing charged
        } else {
            let touched = self.backend().touch_account(to);
            if touched.cold {
                self.state().meter.cold_accounts += 1;
            }
            let base = gas::call_base_gas(touched.cold, transfers, touched.value);
            if base > gas_left {
                (None, gas_left)
            } else if frame.depth + 1 > MAX_DEPTH {
                (None, base)
            } else {
                let start = (gas_left - base) * 63 / 64;
                let mut gas = start.min(gas_req);
                if transfers {
                    gas = gas.saturating_add(gas::CALL_STIPEND);
                }
                let request = CallRequest {
                    kind,
                    from: frame.address,
                    to,
                    value: if kind == CallKind::DelegateCall { frame.value } else { value },
                    context_caller: frame.caller,
                    input,
                    gas,
                    is_static: frame.is_static || kind == CallKind::StaticCall,
                    depth: frame.depth + 1,
                };
                let mut res = self.backend().call(request);
                res.gas_used = res.gas_used.min(gas);
                if !res.success {
                    res.meter.refund = 0;
                }
                (Some(res), base)
            }
        };
        self.buy_gas(base)?;
        let (success, output) = match result {
            Some(res) => {
                let used = res.gas_used;
                self.take_ink(gas::gas_to_ink(used))?;
                let state = self.state();
                state.nested_gas += used;
                state.nested.add_nested(&res.meter);
                (res.success, res.output)
            }
            None => (false, Bytes::new()),
        };
        let len = output.len() as u32;
        self.state().return_data = output;
        self.write_u32(ret_len, len)?;
        Ok(u32::from(!success))
    }

    fn create(
        &mut self,
        code: u32,
        code_len: u32,
        endowment: u32,
        salt: Option<u32>,
        contract: u32,
        revert_len: u32,
    ) -> Result<(), Error> {
        let ptrs = if salt.is_some() { 4 } else { 3 };
        self.hostio(HOSTIO_INK + ptrs * PTR_INK + EVM_API_INK)?;
        self.pay_for_read(code_len)?;
        self.pay_for_read(code_len)?; // read from geth
        let init_code = Bytes::from(self.read(code, code_len)?);
        let value = self.read_u256(endowment)?;
        let salt = match salt {
            Some(ptr) => Some(self.read_b256(ptr)?),
            None => None,
        };
        if self.is_static() {
            return Err(fail("write protection: create in a static call"));
        }
        let gas_left = self.gas_left()?;
        let mut base = gas::CREATE_GAS;
        if salt.is_some() {
            base += 6 * u64::from(code_len.div_ceil(32));
        }
        if gas_left < base {
            return self.out_of_ink();
        }
        let mut gas = gas_left - base;
        gas -= gas / 64;
        let frame = self.0.data().frame.clone();
        self.state().meter.creates += 1;
        let res = self.backend().create(CreateRequest {
            from: frame.address,
            init_code,
            value,
            salt,
            gas,
            depth: frame.depth + 1,
        });
        self.buy_gas(base)?;
        let used = res.gas_used.min(gas);
        self.take_ink(gas::gas_to_ink(used))?;
        self.state().nested_gas += used;
        let len = res.output.len() as u32;
        self.state().return_data = res.output;
        self.write_u32(revert_len, len)?;
        self.write(contract, res.address.unwrap_or_default().as_slice())
    }

    fn read_return_data(&mut self, dest: u32, offset: u32, size: u32) -> Result<u32, Error> {
        self.hostio(HOSTIO_INK + EVM_API_INK)?;
        let data = self.0.data().return_data.clone();
        let max = (data.len() as u32).saturating_sub(offset);
        self.pay_for_write(size.min(max))?;
        if max == 0 {
            return Ok(0);
        }
        let start = offset as usize;
        let end = (offset.saturating_add(size) as usize).min(data.len());
        let slice = &data[start..end];
        if !slice.is_empty() {
            self.write(dest, slice)?;
        }
        self.state().meter.return_data_bytes += slice.len() as u64;
        Ok(slice.len() as u32)
    }

    fn return_data_size(&mut self) -> Result<u32, Error> {
        self.hostio(HOSTIO_INK)?;
        Ok(self.0.data().return_data.len() as u32)
    }

    // ---- logs ----

    fn emit_log(&mut self, data: u32, len: u32, topics: u32) -> Result<(), Error> {
        self.hostio(HOSTIO_INK + EVM_API_INK)?;
        if topics > 4 || len < topics * 32 {
            return Err(fail("bad topic data"));
        }
        self.pay_for_read(len)?;
        self.buy_gas(gas::log_gas(topics, len - topics * 32))?;
        let bytes = self.read(data, len)?;
        if self.is_static() {
            return Err(fail("write protection: log in a static call"));
        }
        let (topic_bytes, body) = bytes.split_at(topics as usize * 32);
        let topic_list = topic_bytes.chunks(32).map(B256::from_slice).collect();
        let log = Log::new_unchecked(self.address(), topic_list, Bytes::copy_from_slice(body));
        let m = &mut self.state().meter;
        m.logs += 1;
        m.log_topics += u64::from(topics);
        m.log_bytes += body.len() as u64;
        self.backend().emit_log(log);
        Ok(())
    }

    // ---- accounts ----

    fn touched(&mut self, cold: bool, with_code: bool) -> u64 {
        let m = &mut self.state().meter;
        m.account_reads += 1;
        if cold {
            m.cold_accounts += 1;
        }
        gas::account_touch_gas(cold, with_code)
    }

    fn account_balance(&mut self, address: u32, dest: u32) -> Result<(), Error> {
        self.hostio(HOSTIO_INK + 2 * PTR_INK + EVM_API_INK)?;
        self.require_gas(gas::COLD_ACCOUNT_GAS)?;
        let address = self.read_address(address)?;
        let read = self.backend().balance(address);
        let cost = self.touched(read.cold, false);
        self.buy_gas(cost)?;
        self.write_u256(dest, read.value)
    }

    fn account_code(&mut self, address: u32, offset: u32, size: u32, dest: u32) -> Result<u32, Error> {
        self.hostio(HOSTIO_INK + EVM_API_INK)?;
        self.require_gas(gas::COLD_ACCOUNT_GAS)?;
        let address = self.read_address(address)?;
        let gas_left = self.gas_left()?;
        let read = self.backend().code(address);
        let cost = self.touched(read.cold, true);
        let code = if gas_left < cost { Bytes::new() } else { read.value };
        self.buy_gas(cost)?;
        self.pay_for_write(code.len() as u32)?;
        let start = (offset as usize).min(code.len());
        let end = (offset.saturating_add(size) as usize).min(code.len());
        let slice = &code[start..end];
        self.write(dest, slice)?;
        Ok(slice.len() as u32)
    }

    fn account_code_size(&mut self, address: u32) -> Result<u32, Error> {
        self.hostio(HOSTIO_INK + EVM_API_INK)?;
        self.require_gas(gas::COLD_ACCOUNT_GAS)?;
        let address = self.read_address(address)?;
        let read = self.backend().code_size(address);
        let cost = self.touched(read.cold, true);
        self.buy_gas(cost)?;
        Ok(read.value as u32)
    }

    fn account_codehash(&mut self, address: u32, dest: u32) -> Result<(), Error> {
        self.hostio(HOSTIO_INK + 2 * PTR_INK + EVM_API_INK)?;
        self.require_gas(gas::COLD_ACCOUNT_GAS)?;
        let address = self.read_address(address)?;
        let read = self.backend().code_hash(address);
        let cost = self.touched(read.cold, false);
        self.buy_gas(cost)?;
        self.write(dest, read.value.as_slice())
    }

    // ---- math ----

    fn math2(&mut self, ink: u64, a: u32, b: u32, f: impl Fn(U256, U256) -> U256) -> Result<(), Error> {
        self.hostio(ink)?;
        let (x, y) = (self.read_u256(a)?, self.read_u256(b)?);
        self.write_u256(a, f(x, y))
    }

    fn math_pow(&mut self, value: u32, exponent: u32) -> Result<(), Error> {
        self.hostio(HOSTIO_INK + 3 * PTR_INK)?;
        let x = self.read_u256(value)?;
        let e = self.read_b256(exponent)?;
        self.buy_ink(gas::pow_price(&e))?;
        self.write_u256(value, x.wrapping_pow(U256::from_be_bytes(e.0)))
    }

    fn math3(&mut self, ink: u64, a: u32, b: u32, c: u32, f: impl Fn(U256, U256, U256) -> U256) -> Result<(), Error> {
        self.hostio(ink)?;
        let (x, y, z) = (self.read_u256(a)?, self.read_u256(b)?, self.read_u256(c)?);
        self.write_u256(a, f(x, y, z))
    }

    // ---- environment ----

    fn write_env(&mut self, ptr: u32, bytes: &[u8]) -> Result<(), Error> {
        self.hostio(HOSTIO_INK + PTR_INK)?;
        self.write(ptr, bytes)
    }

    fn env_u64(&mut self, f: impl Fn(&HostState) -> u64) -> Result<u64, Error> {
        self.hostio(HOSTIO_INK)?;
        Ok(f(self.0.data()))
    }

    fn pay_for_memory_grow(&mut self, pages: u32) -> Result<(), Error> {
        self.state().meter.hostios += 1;
        let pages = pages as u16;
        if pages == 0 {
            return self.buy_ink(HOSTIO_INK);
        }
        let tx = self.backend().stylus_tx();
        let cost = gas::memory_gas(pages, tx.open_pages, tx.ever_pages);
        tx.open_pages = tx.open_pages.saturating_add(pages);
        tx.ever_pages = tx.ever_pages.max(tx.open_pages);
        self.state().meter.memory_pages_grown += u64::from(pages);
        self.buy_gas(cost)
    }

    fn native_keccak256(&mut self, input: u32, len: u32, output: u32) -> Result<(), Error> {
        self.state().meter.hostios += 1;
        self.buy_ink(gas::keccak_price(len))?;
        let preimage = self.read(input, len)?;
        let m = &mut self.state().meter;
        m.keccaks += 1;
        m.keccak_bytes += u64::from(len);
        self.write(output, keccak256(&preimage).as_slice())
    }
}

/// Build the linker with every import of [`IMPORTS`].
fn build_linker() -> Linker<HostState> {
    let mut l = Linker::new(crate::program::engine());
    macro_rules! link {
        ($name:literal, |$h:ident $(, $a:ident : $t:ty)*| $(-> $r:ty)? $body:block) => {
            l.func_wrap("vm_hooks", $name, |c: Caller<'_, HostState>, $($a: $t),*| $(-> Result<$r, Error>)? {
                let mut $h = Host(c);
                $body
            }).expect("unique import");
        };
    }
    link!("read_args", |h, p: u32| -> () { h.read_args(p) });
    link!("write_result", |h, p: u32, n: u32| -> () { h.write_result(p, n) });
    link!("exit_early", |_h, s: u32| -> () { Err(Error::host(HostTrap::Exit(s))) });
    link!("storage_load_bytes32", |h, k: u32, d: u32| -> () { h.storage_load_bytes32(k, d) });
    link!("storage_cache_bytes32", |h, k: u32, v: u32| -> () { h.storage_cache_bytes32(k, v) });
    link!("storage_flush_cache", |h, c: u32| -> () { h.storage_flush_cache(c) });
    link!("transient_load_bytes32", |h, k: u32, d: u32| -> () { h.transient_load_bytes32(k, d) });
    link!("transient_store_bytes32", |h, k: u32, v: u32| -> () { h.transient_store_bytes32(k, v) });
    link!("call_contract", |h, c: u32, d: u32, n: u32, v: u32, g: u64, r: u32| -> u32 {
        h.call(CallKind::Call, c, d, n, Some(v), g, r)
    });
    link!("delegate_call_contract", |h, c: u32, d: u32, n: u32, g: u64, r: u32| -> u32 {
        h.call(CallKind::DelegateCall, c, d, n, None, g, r)
    });
    link!("static_call_contract", |h, c: u32, d: u32, n: u32, g: u64, r: u32| -> u32 {
        h.call(CallKind::StaticCall, c, d, n, None, g, r)
    });
    link!("create1", |h, c: u32, n: u32, e: u32, a: u32, r: u32| -> () { h.create(c, n, e, None, a, r) });
    link!("create2", |h, c: u32, n: u32, e: u32, s: u32, a: u32, r: u32| -> () {
        h.create(c, n, e, Some(s), a, r)
    });
    link!("read_return_data", |h, d: u32, o: u32, s: u32| -> u32 { h.read_return_data(d, o, s) });
    link!("return_data_size", |h| -> u32 { h.return_data_size() });
    link!("emit_log", |h, d: u32, n: u32, t: u32| -> () { h.emit_log(d, n, t) });
    link!("account_balance", |h, a: u32, d: u32| -> () { h.account_balance(a, d) });
    link!("account_code", |h, a: u32, o: u32, s: u32, d: u32| -> u32 { h.account_code(a, o, s, d) });
    link!("account_codehash", |h, a: u32, d: u32| -> () { h.account_codehash(a, d) });
    link!("account_code_size", |h, a: u32| -> u32 { h.account_code_size(a) });
    link!("evm_gas_left", |h| -> u64 {
        h.hostio(HOSTIO_INK)?;
        h.gas_left()
    });
    link!("evm_ink_left", |h| -> u64 {
        h.hostio(HOSTIO_INK)?;
        h.ink_left()
    });
    link!("block_basefee", |h, p: u32| -> () {
        let v = h.0.data().env.basefee.to_be_bytes::<32>();
        h.write_env(p, &v)
    });
    link!("chainid", |h| -> u64 { h.env_u64(|s| s.env.chain_id) });
    link!("block_coinbase", |h, p: u32| -> () {
        let v = h.0.data().env.coinbase;
        h.write_env(p, v.as_slice())
    });
    link!("block_gas_limit", |h| -> u64 { h.env_u64(|s| s.env.block_gas_limit) });
    link!("block_number", |h| -> u64 { h.env_u64(|s| s.env.block_number) });
    link!("block_timestamp", |h| -> u64 { h.env_u64(|s| s.env.timestamp) });
    link!("contract_address", |h, p: u32| -> () {
        let v = h.address();
        h.write_env(p, v.as_slice())
    });
    link!("math_div", |h, a: u32, b: u32| -> () {
        h.math2(HOSTIO_INK + 3 * PTR_INK + DIV_INK, a, b, |x, y| x.checked_div(y).unwrap_or_default())
    });
    link!("math_mod", |h, a: u32, b: u32| -> () {
        h.math2(HOSTIO_INK + 3 * PTR_INK + DIV_INK, a, b, |x, y| x.checked_rem(y).unwrap_or_default())
    });
    link!("math_pow", |h, a: u32, b: u32| -> () { h.math_pow(a, b) });
    link!("math_add_mod", |h, a: u32, b: u32, c: u32| -> () {
        h.math3(HOSTIO_INK + 4 * PTR_INK + ADD_MOD_INK, a, b, c, |x, y, z| x.add_mod(y, z))
    });
    link!("math_mul_mod", |h, a: u32, b: u32, c: u32| -> () {
        h.math3(HOSTIO_INK + 4 * PTR_INK + MUL_MOD_INK, a, b, c, |x, y, z| x.mul_mod(y, z))
    });
    link!("msg_reentrant", |h| -> u32 {
        h.hostio(HOSTIO_INK)?;
        Ok(u32::from(h.0.data().frame.reentrant))
    });
    link!("msg_sender", |h, p: u32| -> () {
        let v = h.0.data().frame.caller;
        h.write_env(p, v.as_slice())
    });
    link!("msg_value", |h, p: u32| -> () {
        let v = h.0.data().frame.value.to_be_bytes::<32>();
        h.write_env(p, &v)
    });
    link!("tx_gas_price", |h, p: u32| -> () {
        let v = h.0.data().env.gas_price.to_be_bytes::<32>();
        h.write_env(p, &v)
    });
    link!("tx_ink_price", |h| -> u32 {
        h.hostio(HOSTIO_INK)?;
        Ok(h.0.data().env.ink_price)
    });
    link!("tx_origin", |h, p: u32| -> () {
        let v = h.0.data().env.origin;
        h.write_env(p, v.as_slice())
    });
    link!("pay_for_memory_grow", |h, p: u32| -> () { h.pay_for_memory_grow(p) });
    link!("native_keccak256", |h, i: u32, n: u32, o: u32| -> () { h.native_keccak256(i, n, o) });

    // console: debug output, free and silent here.
    let console = "console";
    l.func_wrap(console, "log_txt", |_: Caller<'_, HostState>, _: u32, _: u32| {}).expect("unique");
    l.func_wrap(console, "log_i32", |_: Caller<'_, HostState>, _: u32| {}).expect("unique");
    l.func_wrap(console, "log_i64", |_: Caller<'_, HostState>, _: u64| {}).expect("unique");
    l.func_wrap(console, "log_f32", |_: Caller<'_, HostState>, _: f32| {}).expect("unique");
    l.func_wrap(console, "log_f64", |_: Caller<'_, HostState>, _: f64| {}).expect("unique");
    l.func_wrap(console, "tee_i32", |_: Caller<'_, HostState>, x: u32| x).expect("unique");
    l.func_wrap(console, "tee_i64", |_: Caller<'_, HostState>, x: u64| x).expect("unique");
    l.func_wrap(console, "tee_f32", |_: Caller<'_, HostState>, x: f32| x).expect("unique");
    l.func_wrap(console, "tee_f64", |_: Caller<'_, HostState>, x: f64| x).expect("unique");
    l
}

thread_local! {
    static LINKER: Linker<HostState> = build_linker();
}

/// Run `f` with this thread's linker.
pub(crate) fn with_linker<R>(f: impl FnOnce(&Linker<HostState>) -> R) -> R {
    LINKER.with(f)
}
