//! The world a running Stylus program sees: [`Backend`].
//!
//! The engine ([`crate::execute`]) never owns state. Every host I/O that touches state or the
//! environment goes through this trait, so the same engine runs over the in-memory
//! [`crate::World`] (tests, gas report) and over revm's journaled state (the dev chain).
//!
//! Journaling is the backend's job: a backend's [`Backend::call`] opens a checkpoint, moves
//! the value, runs the callee (a Stylus program through [`crate::execute`], EVM code, or a
//! native mock), and commits on success or reverts to the checkpoint on failure. The engine
//! itself only writes storage at a storage-cache flush, and only from a frame that has not
//! failed.

use std::collections::HashSet;

use alloy_primitives::{Address, Bytes, Log, B256, U256};

use crate::meter::Meter;

/// A value read from state, with whether the access was cold (EIP-2929: first access to this
/// account or slot in the transaction). The backend warms the account or slot as a side effect.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Access<T> {
    /// The value read.
    pub value: T,
    /// `true` if this was the first access in the transaction (EIP-2929 cold).
    pub cold: bool,
}

impl<T> Access<T> {
    /// A cold access of `value`.
    pub fn cold(value: T) -> Self {
        Access { value, cold: true }
    }
    /// A warm access of `value`.
    pub fn warm(value: T) -> Self {
        Access { value, cold: false }
    }
}

/// What a storage write replaced, for EIP-2200/EIP-2929 pricing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StorageStore {
    /// The slot's value at the start of the transaction.
    pub original: B256,
    /// The slot's value just before this write.
    pub present: B256,
    /// `true` if the slot had not been accessed in the transaction before (EIP-2929 cold).
    pub cold: bool,
}

/// Block and transaction environment, as the `block_*`, `chainid` and `tx_*` host I/Os
/// return it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Env {
    /// `chainid`. Default 412346 (the Nitro dev node's).
    pub chain_id: u64,
    /// `block_number`.
    pub block_number: u64,
    /// `block_timestamp` (seconds).
    pub timestamp: u64,
    /// `block_basefee` (wei per gas).
    pub basefee: U256,
    /// `block_coinbase`.
    pub coinbase: Address,
    /// `block_gas_limit`.
    pub block_gas_limit: u64,
    /// `tx_origin`.
    pub origin: Address,
    /// `tx_gas_price` (wei per gas; on Arbitrum the basefee).
    pub gas_price: U256,
    /// `tx_ink_price`: ink per gas (Nitro's default 10,000; the estimate in [`crate::gas`]
    /// always uses [`crate::gas::INK_PRICE`]).
    pub ink_price: u32,
}

impl Default for Env {
    fn default() -> Self {
        Env {
            chain_id: 412_346,
            block_number: 1,
            timestamp: 1_700_000_000,
            basefee: U256::from(100_000_000u64),
            coinbase: Address::ZERO,
            block_gas_limit: 1_125_899_906_842_624, // Arbitrum's block gas limit (2^50)
            origin: Address::ZERO,
            gas_price: U256::from(100_000_000u64),
            ink_price: crate::gas::INK_PRICE,
        }
    }
}

/// The kind of a nested call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CallKind {
    /// `call_contract`: runs `to`'s code on `to`'s storage, `msg.sender` = `from`, moves `value`.
    Call,
    /// `static_call_contract`: like `Call` with no value and no state change allowed (in the
    /// callee and everything it calls).
    StaticCall,
    /// `delegate_call_contract`: runs `to`'s code on `from`'s storage and balance, keeping the
    /// calling frame's `msg.sender` ([`CallRequest::context_caller`]) and `msg.value`
    /// ([`CallRequest::value`]); moves no value.
    DelegateCall,
}

/// A nested call made by a running program, handed to [`Backend::call`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallRequest {
    /// Call, static call or delegate call.
    pub kind: CallKind,
    /// The calling frame's contract address (its storage owner).
    pub from: Address,
    /// The address whose code runs.
    pub to: Address,
    /// `Call`: the value transferred from `from` to `to`. `DelegateCall`: the calling frame's
    /// `msg.value`, seen again by the callee, not transferred. `StaticCall`: zero.
    pub value: U256,
    /// The calling frame's `msg.sender`: the callee's `msg.sender` for a `DelegateCall`.
    pub context_caller: Address,
    /// Calldata.
    pub input: Bytes,
    /// Gas handed to the callee (after the 63/64 rule and the value stipend).
    pub gas: u64,
    /// `true` if the callee must not change state: a `StaticCall`, or any call made from a
    /// static frame.
    pub is_static: bool,
    /// Call depth of the callee (the top-level frame is depth 0).
    pub depth: usize,
}

/// What a nested call returned.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CallResult {
    /// `true` if the callee succeeded (its state changes were kept).
    pub success: bool,
    /// Return data, or revert data on failure.
    pub output: Bytes,
    /// Gas the callee used (at most [`CallRequest::gas`]).
    pub gas_used: u64,
    /// What the callee did, when it is metered (Stylus callees); zero otherwise.
    pub meter: Meter,
}

impl CallResult {
    /// A failed call with `output` as revert data that used all its gas.
    pub fn failure(output: impl Into<Bytes>, gas_used: u64) -> Self {
        CallResult { success: false, output: output.into(), gas_used, meter: Meter::default() }
    }
}

/// A contract creation requested by a running program (`create1` / `create2`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreateRequest {
    /// The creating program's address.
    pub from: Address,
    /// EVM init code.
    pub init_code: Bytes,
    /// Value endowed to the new contract.
    pub value: U256,
    /// `Some(salt)` for `create2`, `None` for `create1`.
    pub salt: Option<B256>,
    /// Gas handed to the init code.
    pub gas: u64,
    /// Call depth of the init code.
    pub depth: usize,
}

/// What a creation returned.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CreateResult {
    /// The new contract's address, `None` on failure.
    pub address: Option<Address>,
    /// Revert data on failure (empty on success).
    pub output: Bytes,
    /// Gas used by the init code.
    pub gas_used: u64,
}

/// Per-transaction Stylus bookkeeping the engine keeps in its backend (Nitro keeps it in the
/// state DB): open and peak WASM pages (memory pricing) and the programs already entered in
/// the transaction (ArbOS 60's recent-programs cache: a second call pays no init cost).
/// A backend resets it ([`StylusTx::default`]) at the start of each transaction.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StylusTx {
    /// WASM pages open now (on the Stylus frames of the call stack).
    pub open_pages: u16,
    /// Most WASM pages ever open at once in the transaction.
    pub ever_pages: u16,
    /// Code hashes of the programs entered in this transaction.
    pub recent_programs: HashSet<B256>,
}

/// The state and environment a running Stylus program sees.
///
/// Implemented by [`crate::World`] (in memory) and by the dev chain over revm 19's journaled
/// state. All methods take `&mut self` so an implementation can warm accounts and slots
/// (EIP-2929) and journal as it goes.
pub trait Backend {
    /// Block and transaction environment.
    fn env(&self) -> Env;

    /// Persistent storage read (`SLOAD` semantics) of `contract`'s slot `key`.
    fn storage_load(&mut self, contract: Address, key: B256) -> Access<B256>;

    /// Persistent storage write (`SSTORE` semantics). Returns the slot's original and
    /// present values for EIP-2200 pricing. Only called from non-static frames.
    fn storage_store(&mut self, contract: Address, key: B256, value: B256) -> StorageStore;

    /// Transient storage read (EIP-1153 `TLOAD`).
    fn transient_load(&mut self, contract: Address, key: B256) -> B256;

    /// Transient storage write (EIP-1153 `TSTORE`). Only called from non-static frames.
    fn transient_store(&mut self, contract: Address, key: B256, value: B256);

    /// Balance of `account` in wei.
    fn balance(&mut self, account: Address) -> Access<U256>;

    /// The code at `account` (empty for EOAs and native mocks unless the backend gives them
    /// code). For Stylus programs this is the deployed form (`0xEFF000…`) or raw WASM.
    fn code(&mut self, account: Address) -> Access<Bytes>;

    /// `EXTCODEHASH`: keccak of the code, `keccak("")` for an existing account without code,
    /// zero for an account that does not exist.
    fn code_hash(&mut self, account: Address) -> Access<B256>;

    /// `EXTCODESIZE`.
    fn code_size(&mut self, account: Address) -> Access<usize> {
        let code = self.code(account);
        Access { value: code.value.len(), cold: code.cold }
    }

    /// Warm `account` for a call and say whether it exists (is not empty in the EIP-161
    /// sense); `value` of the result is `true` if it exists. Used to price nested calls.
    fn touch_account(&mut self, account: Address) -> Access<bool>;

    /// A nested call. The backend checkpoints, transfers value (for [`CallKind::Call`]),
    /// routes the call (a Stylus program through [`crate::execute`] with a [`crate::Frame`]
    /// whose `reentrant` flag it computes, EVM code, a native mock, or an account without
    /// code, which succeeds with empty output), and commits or reverts. A value transfer the
    /// sender cannot afford fails the call without running the callee.
    fn call(&mut self, request: CallRequest) -> CallResult;

    /// `create1` / `create2`. The default refuses (a failed creation, empty revert data).
    fn create(&mut self, request: CreateRequest) -> CreateResult {
        let _ = request;
        CreateResult::default()
    }

    /// Record a log emitted by `log.address` (journaled with the frame).
    fn emit_log(&mut self, log: Log);

    /// The transaction's Stylus bookkeeping (pages, recent programs).
    fn stylus_tx(&mut self) -> &mut StylusTx;

    /// Whether the program about to run for a call to `code_address` is in ArbOS's program
    /// cache (placed there through ArbWasmCache, i.e. by a cache manager's winning bid):
    /// its entry then costs the cached price only. `code_hash` is the hash of the code the
    /// engine loaded ([`crate::Program::code_hash`]). The default: nothing is cached.
    fn program_cached(&mut self, code_address: Address, code_hash: B256) -> bool {
        let _ = (code_address, code_hash);
        false
    }
}
