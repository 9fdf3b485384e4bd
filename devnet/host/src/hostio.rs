//! The `vm_hooks` (and `console`) imports, linked on wasmi, with Nitro's semantics and prices.
//!
//! [`IMPORTS`] is the full set Nitro links for user programs (`crates/stylus/src/native.rs`),
//! which covers everything stylus-sdk 0.9 declares (`stylus-sdk/src/hostio.rs`) and motsu
//! 0.10 shims. The implementations live in `src/host/` (semantics of
//! `crates/wasm-libraries/user-host-trait/lib.rs`).

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
            (Ty::I32, ValType::I32)
                | (Ty::I64, ValType::I64)
                | (Ty::F32, ValType::F32)
                | (Ty::F64, ValType::F64)
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
