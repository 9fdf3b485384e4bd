//! Nitro's published Stylus pricing, and the gas **estimate** built from it.
//!
//! Everything here is transcribed (as numbers and formulas, not code) from OffchainLabs/nitro
//! (read at commit 6dce8d13, April 2026) and OffchainLabs/go-ethereum; `GAS.md` has the
//! formula end to end. It is an estimate: it reproduces Nitro's rules for the parts that
//! dominate (ink per opcode, host I/O ink, EVM gas for storage/calls/logs/accounts, memory
//! and program-init costs) but is not a consensus implementation (no L1 data fee, no
//! multi-dimensional gas, no ArbOS cache manager).
//!
//! Sources:
//! - ink per WASM opcode: `crates/prover/src/programs/meter.rs` (`pricing_v1`), charged per
//!   basic block with `ink_header_cost` = 2450 (`crates/prover/src/programs/config.rs`,
//!   Stylus version 1 and 2); `memory.fill`/`memory.copy` 100 ink per byte
//!   (`programs/dynamic.rs`, `800 / 8`).
//! - host I/O ink: `crates/arbutil/src/pricing.rs` (`HOSTIO_INK`, `PTR_INK`, `EVM_API_INK`,
//!   `read_price`, `write_price`, `keccak_price`) as used by
//!   `crates/wasm-libraries/user-host-trait/lib.rs`.
//! - EVM gas for host I/O: `arbos/programs/api.go` and go-ethereum's
//!   `core/vm/operations_acl_arbitrum.go` (`WasmStateLoadCost`, `WasmStateStoreCost`,
//!   `WasmCallCost`, `WasmAccountTouchCost`), `crates/arbutil/src/evm/storage.rs` (storage
//!   cache read/write surcharges), `meter.rs` (`pay_for_evm_log`).
//! - memory: `arbos/programs/memory.go` (`MemoryModel`, 2 free pages, 1000 gas a page, the
//!   exponential table), `arbos/programs/params.go`.
//! - per-call program init: `arbos/programs/programs.go` (`CallProgram`, `initGas`,
//!   `cachedGas`, `evmMemoryCost` floor on return data) and `crates/prover/src/binary.rs`
//!   (`init_cost`, `cached_init_cost` predicted at activation).

use alloy_primitives::B256;

/// Ink per gas: `tx_ink_price` (Nitro's `initialInkPrice`: 1 gas buys 10,000 ink).
pub const INK_PRICE: u32 = 10_000;

/// Ink checked and charged at the head of each basic block (`ink_header_cost`).
pub const INK_HEADER_COST: u64 = 2450;
/// Ink per byte of `memory.fill` / `memory.copy` (`memory_fill_ink` = `800 / 8`).
pub const MEMORY_BULK_INK_PER_BYTE: u64 = 100;

/// Base ink of a host I/O that may return something (`HOSTIO_INK`).
pub const HOSTIO_INK: u64 = 8400;
/// Extra ink per pointer argument (`PTR_INK` = 13440 - 8400).
pub const PTR_INK: u64 = 13440 - 8400;
/// Extra ink of a host I/O that reaches the EVM (`EVM_API_INK`).
pub const EVM_API_INK: u64 = 59673;
/// Extra ink of `math_div` / `math_mod` (`DIV_INK`).
pub const DIV_INK: u64 = 20000;
/// Extra ink of `math_mul_mod` (`MUL_MOD_INK`).
pub const MUL_MOD_INK: u64 = 24100;
/// Extra ink of `math_add_mod` (`ADD_MOD_INK`).
pub const ADD_MOD_INK: u64 = 21000;

/// Ink to copy `bytes` from the host into the program (`write_price`).
pub fn write_price(bytes: u32) -> u64 {
    5040 + 30 * u64::from(bytes.saturating_sub(32))
}

/// Ink to copy `bytes` from the program into the host (`read_price`).
pub fn read_price(bytes: u32) -> u64 {
    16381 + 55 * u64::from(bytes.saturating_sub(32))
}

/// Ink of `native_keccak256` over `bytes` (`keccak_price`).
pub fn keccak_price(bytes: u32) -> u64 {
    let words = u64::from(bytes.div_ceil(32)).saturating_sub(2);
    121_800 + 21_000 * words
}

/// Ink of `math_pow`'s exponent (`pow_price`).
pub fn pow_price(exponent: &B256) -> u64 {
    let leading_zeros = exponent.iter().take_while(|b| **b == 0).count() as u64;
    3000 + (33 - leading_zeros) * 17500
}

// ---- EVM gas (EIP-2929 / EIP-2200 / EIP-3529, Arbitrum's Wasm* cost functions) ----

/// `SSTORE` sentry: a store needs this much gas left (EIP-2200).
pub const SSTORE_SENTRY_GAS: u64 = 2300;
/// Cold account access (EIP-2929).
pub const COLD_ACCOUNT_GAS: u64 = 2600;
/// Cold slot access (EIP-2929).
pub const COLD_SLOAD_GAS: u64 = 2100;
/// Warm storage read (EIP-2929).
pub const WARM_SLOAD_GAS: u64 = 100;
/// `SSTORE` zero to non-zero (EIP-2200 `SstoreSetGas`).
pub const SSTORE_SET_GAS: u64 = 20_000;
/// `SSTORE` reset (EIP-2200 `SstoreResetGas`), minus the cold-slot part per EIP-2929.
pub const SSTORE_RESET_GAS: u64 = 5000 - COLD_SLOAD_GAS;
/// Refund for clearing a slot (EIP-3529).
pub const SSTORE_CLEAR_REFUND: u64 = 4800;
/// `TLOAD` / `TSTORE` gas (EIP-1153).
pub const TRANSIENT_GAS: u64 = WARM_SLOAD_GAS;
/// Per log and per topic (`LogGas`, `LogTopicGas`).
pub const LOG_TOPIC_GAS: u64 = 375;
/// Per log data byte (`LogDataGas`).
pub const LOG_DATA_GAS: u64 = 8;
/// Value-carrying call (`CallValueTransferGas`).
pub const CALL_VALUE_GAS: u64 = 9000;
/// Value sent to an empty account (`CallNewAccountGas`).
pub const CALL_NEW_ACCOUNT_GAS: u64 = 25_000;
/// Gas stipend added to a value-carrying call (`CallStipend`).
pub const CALL_STIPEND: u64 = 2300;
/// Extra gas of reading an account's code (`MaxCodeSize / 24576 * ExtcodeSizeGasEIP150`).
pub const CODE_READ_GAS: u64 = 700;
/// `CREATE` base gas.
pub const CREATE_GAS: u64 = 32_000;
/// Gas every storage-cache access must have left (`StorageCache::REQUIRED_ACCESS_GAS`).
pub const STORAGE_CACHE_REQUIRED_GAS: u64 = 10;

/// The storage cache's surcharge for its `n`-th read in a frame (`StorageCache::read_gas`).
pub fn cache_read_gas(n: u64) -> u64 {
    match n {
        0..=32 => 0,
        33..=128 => 2,
        _ => 10,
    }
}

/// The storage cache's surcharge for its `n`-th write in a frame (`StorageCache::write_gas`).
pub fn cache_write_gas(n: u64) -> u64 {
    match n {
        0..=8 => 0,
        9..=64 => 7,
        _ => 10,
    }
}

/// Gas of `SLOAD` from Wasm (`WasmStateLoadCost`).
pub fn sload_gas(cold: bool) -> u64 {
    if cold {
        COLD_SLOAD_GAS
    } else {
        WARM_SLOAD_GAS
    }
}

/// Gas and refund change of one `SSTORE` from Wasm (`WasmStateStoreCost`), given the slot's
/// original (start of transaction) and present values.
pub fn sstore_gas(original: B256, present: B256, new: B256, cold: bool) -> (u64, i64) {
    let cold_cost = if cold { COLD_SLOAD_GAS } else { 0 };
    let clear = SSTORE_CLEAR_REFUND as i64;
    if present == new {
        return (cold_cost + WARM_SLOAD_GAS, 0);
    }
    if original == present {
        if original.is_zero() {
            return (cold_cost + SSTORE_SET_GAS, 0);
        }
        let refund = if new.is_zero() { clear } else { 0 };
        return (cold_cost + SSTORE_RESET_GAS, refund);
    }
    let mut refund = 0i64;
    if !original.is_zero() {
        if present.is_zero() {
            refund -= clear;
        } else if new.is_zero() {
            refund += clear;
        }
    }
    if original == new {
        refund += if original.is_zero() {
            (SSTORE_SET_GAS - WARM_SLOAD_GAS) as i64
        } else {
            (SSTORE_RESET_GAS - WARM_SLOAD_GAS) as i64
        };
    }
    (cold_cost + WARM_SLOAD_GAS, refund)
}

/// Gas of an account touch from Wasm (`WasmAccountTouchCost`).
pub fn account_touch_gas(cold: bool, with_code: bool) -> u64 {
    let code = if with_code { CODE_READ_GAS } else { 0 };
    code + if cold { COLD_ACCOUNT_GAS } else { WARM_SLOAD_GAS }
}

/// Base gas of a nested call from Wasm (`WasmCallCost`).
pub fn call_base_gas(cold: bool, transfers_value: bool, target_exists: bool) -> u64 {
    let mut gas = WARM_SLOAD_GAS;
    if cold {
        gas += COLD_ACCOUNT_GAS - WARM_SLOAD_GAS;
    }
    if transfers_value && !target_exists {
        gas += CALL_NEW_ACCOUNT_GAS;
    }
    if transfers_value {
        gas += CALL_VALUE_GAS;
    }
    gas
}

/// Gas of a log (`pay_for_evm_log`).
pub fn log_gas(topics: u32, data_bytes: u32) -> u64 {
    (1 + u64::from(topics)) * LOG_TOPIC_GAS + u64::from(data_bytes) * LOG_DATA_GAS
}

/// EVM memory cost of `size` bytes, the floor of a Stylus call returning `size` bytes
/// (`evmMemoryCost`).
pub fn evm_memory_cost(size: u64) -> u64 {
    let words = size.div_ceil(32);
    words * 3 + words * words / 512
}

// ---- memory (arbos/programs/memory.go) ----

/// Pages every transaction gets for free (`InitialFreePages`).
pub const FREE_PAGES: u16 = 2;
/// Linear gas per page (`InitialPageGas`).
pub const PAGE_GAS: u64 = 1000;

const MEMORY_EXPONENTS: [u32; 129] = [
    1, 1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 5, 6, 7, 8, 9, 11, 12, 14, 17, 19, 22, 25, 29, 33, 38,
    43, 50, 57, 65, 75, 85, 98, 112, 128, 147, 168, 193, 221, 253, 289, 331, 379, 434, 497, 569,
    651, 745, 853, 976, 1117, 1279, 1463, 1675, 1917, 2194, 2511, 2874, 3290, 3765, 4309, 4932,
    5645, 6461, 7395, 8464, 9687, 11087, 12689, 14523, 16621, 19024, 21773, 24919, 28521, 32642,
    37359, 42758, 48938, 56010, 64104, 73368, 83971, 96106, 109994, 125890, 144082, 164904, 188735,
    216010, 247226, 282953, 323844, 370643, 424206, 485509, 555672, 635973, 727880, 833067, 953456,
    1091243, 1248941, 1429429, 1636000, 1872423, 2143012, 2452704, 2807151, 3212820, 3677113,
    4208502, 4816684, 5512756, 6309419, 7221210, 8264766, 9459129, 10826093, 12390601, 14181199,
    16230562, 18576084, 21260563, 24332984, 27849408, 31873999,
];

fn memory_exp(pages: u16) -> u64 {
    MEMORY_EXPONENTS.get(pages as usize).map(|&x| u64::from(x)).unwrap_or(u64::MAX)
}

/// Gas of opening `new` pages when `open` pages are open in the transaction and at most
/// `ever` were ever open (`MemoryModel::GasCost`).
pub fn memory_gas(new: u16, open: u16, ever: u16) -> u64 {
    let new_open = open.saturating_add(new);
    let new_ever = ever.max(new_open);
    if new_ever <= FREE_PAGES {
        return 0;
    }
    let sub_free = |p: u16| p.saturating_sub(FREE_PAGES);
    let adding = sub_free(new_open).saturating_sub(sub_free(open));
    let linear = u64::from(adding) * PAGE_GAS;
    let expand = memory_exp(new_ever).saturating_sub(memory_exp(ever));
    linear.saturating_add(expand)
}

// ---- program init (arbos/programs/programs.go, crates/prover/src/binary.rs) ----

/// `MinInitGas` (Stylus v2 parameters: 69 units of 128 gas).
pub const MIN_INIT_GAS: u64 = 69 * 128;
/// `MinCachedInitGas` (11 units of 32 gas).
pub const MIN_CACHED_GAS: u64 = 11 * 32;
/// `InitCostScalar` and `CachedCostScalar`: 50 units of 2% = 100%.
pub const COST_SCALAR_PERCENT: u64 = 100;

/// What activation predicts about a module, for the per-call init cost.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct InitCosts {
    /// `init_cost` (paid when the program is not cached).
    pub init_cost: u64,
    /// `cached_init_cost` (paid on every call from Stylus v2 on).
    pub cached_init_cost: u64,
}

impl InitCosts {
    /// Nitro's activation-time prediction (`binary.rs`, Stylus version 2): `funcs` local
    /// functions, `type_len` parameters plus results over them, `wasm_len` bytes of WASM,
    /// `globals` globals (after instrumentation, which adds 4), `data_len` bytes of data and
    /// element segments, `footprint` initial pages.
    pub fn predict(
        funcs: u64,
        type_len: u64,
        wasm_len: u64,
        globals: u64,
        data_len: u64,
        footprint: u64,
    ) -> InitCosts {
        let cached = funcs * 13420 / 100_000
            + type_len * 89 / 100_000
            + wasm_len * 122 / 100_000
            + globals * 1628 / 1000
            + data_len * 75244 / 100_000
            + footprint * 5;
        let init = funcs * 8252 / 1000 + type_len * 1059 / 1000 + wasm_len * 1286 / 10_000;
        InitCosts {
            init_cost: init.min(u16::MAX as u64),
            cached_init_cost: cached.min(u16::MAX as u64),
        }
    }

    /// Gas charged when a call enters the program (`CallProgram`, v2): the cached cost always,
    /// the init cost too unless the program is cached (here: already called in this
    /// transaction, ArbOS 60's recent-programs cache).
    pub fn call_gas(&self, cached: bool) -> u64 {
        let cached_gas =
            MIN_CACHED_GAS + (self.cached_init_cost * COST_SCALAR_PERCENT).div_ceil(100);
        let init_gas = MIN_INIT_GAS + (self.init_cost * COST_SCALAR_PERCENT).div_ceil(100);
        if cached {
            cached_gas
        } else {
            cached_gas + init_gas
        }
    }
}

/// Convert gas to ink at [`INK_PRICE`].
pub fn gas_to_ink(gas: u64) -> u64 {
    gas.saturating_mul(u64::from(INK_PRICE))
}

/// Convert ink to gas at [`INK_PRICE`] (rounding down, as Nitro's `ink_to_gas`).
pub fn ink_to_gas(ink: u64) -> u64 {
    ink / u64::from(INK_PRICE)
}

/// Intrinsic gas of a transaction with calldata `data` (21,000 plus 16 per non-zero and 4 per
/// zero byte; Arbitrum's L1 data fee is not modelled).
pub fn intrinsic_gas(data: &[u8]) -> u64 {
    let nonzero = data.iter().filter(|b| **b != 0).count() as u64;
    let zero = data.len() as u64 - nonzero;
    21_000 + nonzero * 16 + zero * 4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_io_prices_match_nitro() {
        assert_eq!(PTR_INK, 5040);
        assert_eq!(read_price(32), 16381);
        assert_eq!(read_price(100), 16381 + 55 * 68);
        assert_eq!(write_price(0), 5040);
        assert_eq!(keccak_price(64), 121_800);
        assert_eq!(keccak_price(65), 121_800 + 21_000);
    }

    #[test]
    fn memory_model() {
        assert_eq!(memory_gas(1, 0, 0), 0);
        assert_eq!(memory_gas(1, 1, 1), 0);
        assert_eq!(memory_gas(1, 2, 2), 1000);
        assert_eq!(memory_gas(1, 2, 5), 1000);
    }

    #[test]
    fn sstore_transitions() {
        let z = B256::ZERO;
        let a = B256::with_last_byte(1);
        let b = B256::with_last_byte(2);
        assert_eq!(sstore_gas(z, z, a, true), (22_100, 0));
        assert_eq!(sstore_gas(a, a, b, false), (2_900, 0));
        assert_eq!(sstore_gas(a, a, z, false), (2_900, 4800));
        assert_eq!(sstore_gas(a, b, a, false), (100, 2_800));
        assert_eq!(sstore_gas(a, a, a, true), (2_200, 0));
    }
}
