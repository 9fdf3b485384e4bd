//! What a call did: [`Meter`].
//!
//! Instruction counts come from instrumentation (see `instrument.rs`): like Nitro's meter
//! middleware, every basic block of every function is charged, before its last operator,
//! the number of WASM operators it holds and their ink under Nitro's `pricing_v1` table.
//! Host I/Os are counted by kind as they happen. All counts are deterministic: the same
//! call on the same state gives the same meter.

use std::ops::AddAssign;

/// Per-call counters. [`crate::Outcome::meter`] and [`crate::Receipt::meter`] include the
/// work of nested Stylus calls (summed); [`Meter::depth`] counts frames.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Meter {
    /// Stylus frames executed (1 for a call without nested Stylus calls).
    pub frames: u64,
    /// Deepest nesting reached (0 = top-level frame only).
    pub depth: u64,
    /// WASM instructions (operators) executed.
    pub instructions: u64,
    /// Ink charged for WASM instructions (Nitro `pricing_v1` opcode costs).
    pub wasm_ink: u64,
    /// Ink charged for host I/Os (Nitro `arbutil::pricing`), excluding EVM gas.
    pub hostio_ink: u64,
    /// Host I/O calls of any kind.
    pub hostios: u64,
    /// EVM gas charged by host I/Os (storage, logs, account access, memory growth, the
    /// base cost of nested calls; not the gas the callees used, which their own meters hold).
    pub evm_gas: u64,
    /// Gas charged on entering each program: memory footprint plus Nitro's init/cached
    /// program costs.
    pub init_gas: u64,
    /// Net `SSTORE` refund (EIP-3529) of the successful frames.
    pub refund: i64,

    /// `storage_load_bytes32` answered by the storage cache (no EVM access).
    pub storage_cache_hits: u64,
    /// `storage_load_bytes32` of a cold slot (EIP-2929, 2,100 gas).
    pub storage_reads_cold: u64,
    /// `storage_load_bytes32` of a warm slot, not cached (100 gas).
    pub storage_reads_warm: u64,
    /// `storage_cache_bytes32` calls.
    pub storage_cache_writes: u64,
    /// Slots written at a flush whose value did not change.
    pub storage_writes_noop: u64,
    /// Slots written at a flush from zero to non-zero (the expensive `SSTORE_SET`).
    pub storage_writes_set: u64,
    /// Slots written at a flush from non-zero to another non-zero value.
    pub storage_writes_reset: u64,
    /// Slots written at a flush from non-zero to zero.
    pub storage_writes_clear: u64,
    /// Of the flushed writes, how many touched a cold slot.
    pub storage_writes_cold: u64,
    /// `storage_flush_cache` calls (explicit or before nested calls).
    pub storage_flushes: u64,
    /// Transient storage loads.
    pub transient_loads: u64,
    /// Transient storage stores.
    pub transient_stores: u64,

    /// `call_contract` calls.
    pub calls: u64,
    /// `static_call_contract` calls.
    pub static_calls: u64,
    /// `delegate_call_contract` calls.
    pub delegate_calls: u64,
    /// Of the nested calls, how many transferred value.
    pub value_calls: u64,
    /// `create1` / `create2` calls.
    pub creates: u64,
    /// Account reads (`account_balance`, `account_code*`) and call targets that were cold.
    pub cold_accounts: u64,
    /// Account reads (`account_balance`, `account_code`, `account_code_size`,
    /// `account_codehash`).
    pub account_reads: u64,

    /// `emit_log` calls.
    pub logs: u64,
    /// Topics over all logs.
    pub log_topics: u64,
    /// Data bytes over all logs (excluding topics).
    pub log_bytes: u64,

    /// `native_keccak256` calls.
    pub keccaks: u64,
    /// Bytes hashed by `native_keccak256`.
    pub keccak_bytes: u64,

    /// Pages paid through `pay_for_memory_grow` (`memory.grow`).
    pub memory_pages_grown: u64,
    /// Bytes of calldata read by `read_args`.
    pub args_bytes: u64,
    /// Bytes written by `write_result`.
    pub result_bytes: u64,
    /// Bytes copied by `read_return_data`.
    pub return_data_bytes: u64,
}

impl Meter {
    /// The meter's gas, summed: `init_gas + evm_gas + ink() / 10,000` (the frames' own
    /// costs; the estimate in [`crate::Outcome::gas_used`] also applies the return-data floor
    /// and rounds per frame, so it can differ by a few gas per frame).
    pub fn gas(&self) -> u64 {
        self.init_gas
            .saturating_add(self.evm_gas)
            .saturating_add(crate::gas::ink_to_gas(self.ink()))
    }

    /// Total ink (instructions plus host I/Os), excluding EVM gas.
    pub fn ink(&self) -> u64 {
        self.wasm_ink.saturating_add(self.hostio_ink)
    }

    /// Storage reads that reached the state (cold + warm), i.e. not cache hits.
    pub fn storage_reads(&self) -> u64 {
        self.storage_reads_cold + self.storage_reads_warm
    }

    /// Storage writes that changed a slot (set + reset + clear).
    pub fn storage_writes(&self) -> u64 {
        self.storage_writes_set + self.storage_writes_reset + self.storage_writes_clear
    }

    /// Nested calls of every kind (call, static, delegate, create).
    pub fn nested_calls(&self) -> u64 {
        self.calls + self.static_calls + self.delegate_calls + self.creates
    }

    /// Add a nested frame's meter to this one (`depth` becomes the deeper of the two, one
    /// level below this frame).
    pub fn add_nested(&mut self, nested: &Meter) {
        let depth = self.depth.max(nested.depth + 1);
        *self += *nested;
        self.depth = depth;
    }
}

impl AddAssign for Meter {
    fn add_assign(&mut self, o: Meter) {
        macro_rules! add {
            ($($f:ident),*) => { $( self.$f = self.$f.saturating_add(o.$f); )* };
        }
        add!(
            frames,
            instructions,
            wasm_ink,
            hostio_ink,
            hostios,
            evm_gas,
            init_gas,
            storage_cache_hits,
            storage_reads_cold,
            storage_reads_warm,
            storage_cache_writes,
            storage_writes_noop,
            storage_writes_set,
            storage_writes_reset,
            storage_writes_clear,
            storage_writes_cold,
            storage_flushes,
            transient_loads,
            transient_stores,
            calls,
            static_calls,
            delegate_calls,
            value_calls,
            creates,
            cold_accounts,
            account_reads,
            logs,
            log_topics,
            log_bytes,
            keccaks,
            keccak_bytes,
            memory_pages_grown,
            args_bytes,
            result_bytes,
            return_data_bytes
        );
        self.refund = self.refund.saturating_add(o.refund);
        self.depth = self.depth.max(o.depth);
    }
}
