//! [`World`]: an in-memory, journaled chain state that runs Stylus programs and native mocks.

use std::{
    collections::{HashMap, HashSet},
    rc::Rc,
};

use alloy_primitives::{Address, Bytes, Log, B256, U256};

use crate::{
    backend::{CallKind, Env},
    engine::Exit,
    meter::Meter,
    native::NativeContract,
    program::{LoadError, Program},
};

mod backend;
mod calls;

/// Gas limit of a top-level call when none is given (Arbitrum's per-tx cap is 32M).
pub const DEFAULT_GAS_LIMIT: u64 = 32_000_000;

/// The EVM's call depth limit (the top-level frame is depth 0).
pub const MAX_CALL_DEPTH: usize = 1024;

/// The result of a top-level call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Receipt {
    /// `true` if the call succeeded (its state changes were kept).
    pub success: bool,
    /// Return data, or revert data on failure.
    pub output: Bytes,
    /// Logs emitted (empty on failure), in order.
    pub logs: Vec<Log>,
    /// What the call did, all nested Stylus frames included.
    pub meter: Meter,
    /// Estimated transaction gas: intrinsic (21,000 + calldata) plus execution
    /// ([`Receipt::exec_gas`]). An estimate; see `GAS.md`.
    pub gas: u64,
    /// Estimated execution gas alone (what the called frame used).
    pub exec_gas: u64,
    /// How the top-level frame ended (`Returned` for EOAs and native mocks that returned).
    pub exit: Exit,
}

/// One account of the world.
#[derive(Clone, Default)]
pub(crate) struct Account {
    pub(crate) balance: U256,
    pub(crate) nonce: u64,
    pub(crate) code: Bytes,
    pub(crate) program: Option<Program>,
    pub(crate) native: Option<Rc<dyn NativeContract>>,
    pub(crate) storage: HashMap<B256, B256>,
}

/// An in-memory chain state: EOAs with balances, Stylus programs, native mocks, storage,
/// logs, a block environment. Every call is journaled: a failed call (revert, trap, out of
/// gas, failed value transfer) rolls back storage, balances and logs of its frame and of
/// everything it called. Implements [`crate::Backend`], so programs' nested calls route back
/// into it (to programs, to native mocks, or to plain accounts).
///
/// Programs are compiled once per code hash and shared between addresses and clones.
#[derive(Clone)]
pub struct World {
    pub(crate) accounts: HashMap<Address, Account>,
    pub(crate) programs: HashMap<B256, Program>,
    pub(crate) env: Env,
    pub(crate) state: crate::journal::TxState,
    pub(crate) accounts_created: u64,
    /// How the top-level program frame of the current call ended.
    pub(crate) top_exit: Option<Exit>,
    /// Code hashes of the programs in ArbOS's program cache ([`World::cache_program`]).
    pub(crate) cached: HashSet<B256>,
}

impl Default for World {
    fn default() -> Self {
        World::new()
    }
}

impl World {
    /// The address deploying programs in [`World::deploy`] (its nonce picks the addresses).
    pub const DEPLOYER: Address = Address::new([0xde; 20]);

    /// An empty world with the default environment ([`Env::default`]).
    pub fn new() -> World {
        World {
            accounts: HashMap::new(),
            programs: HashMap::new(),
            env: Env::default(),
            state: Default::default(),
            accounts_created: 0,
            top_exit: None,
            cached: HashSet::new(),
        }
    }

    // ---- environment ----

    /// The block and transaction environment.
    pub fn env(&self) -> &Env {
        &self.env
    }

    /// Change the environment (chain id, basefee, coinbase, ...).
    pub fn env_mut(&mut self) -> &mut Env {
        &mut self.env
    }

    /// Set the block timestamp.
    pub fn set_timestamp(&mut self, timestamp: u64) {
        self.env.timestamp = timestamp;
    }

    /// Move the block timestamp forward by `seconds`.
    pub fn advance_time(&mut self, seconds: u64) {
        self.env.timestamp = self.env.timestamp.saturating_add(seconds);
    }

    /// Set the block number.
    pub fn set_block_number(&mut self, number: u64) {
        self.env.block_number = number;
    }

    /// Move the block number forward by `blocks`.
    pub fn advance_blocks(&mut self, blocks: u64) {
        self.env.block_number = self.env.block_number.saturating_add(blocks);
    }

    // ---- accounts and code ----

    /// Load `code` (raw WASM or deployed `0xEFF000` form), compiling it once per code hash.
    pub fn load(&mut self, code: &[u8]) -> Result<Program, LoadError> {
        let hash = alloy_primitives::keccak256(code);
        if let Some(p) = self.programs.get(&hash) {
            return Ok(p.clone());
        }
        let program = Program::from_code(code)?;
        self.programs.insert(hash, program.clone());
        Ok(program)
    }

    /// Deploy `program` at the next deterministic address (`CREATE` address of
    /// [`World::DEPLOYER`] and its nonce) and return that address. Runs no constructor: call
    /// [`World::construct`] for that.
    pub fn deploy(&mut self, program: &Program) -> Address {
        let nonce = self.account_mut(Self::DEPLOYER).nonce;
        self.account_mut(Self::DEPLOYER).nonce += 1;
        let address = create_address(Self::DEPLOYER, nonce);
        self.deploy_at(address, program);
        address
    }

    /// Load `code` and [`World::deploy`] it.
    pub fn deploy_code(&mut self, code: &[u8]) -> Result<Address, LoadError> {
        let program = self.load(code)?;
        let address = self.deploy(&program);
        // Keep the code as given, so account_code/codehash see the deployed form.
        self.account_mut(address).code = Bytes::copy_from_slice(code);
        Ok(address)
    }

    /// Put `program` at `address` (replacing any code or mock there; balance and storage
    /// are kept).
    pub fn deploy_at(&mut self, address: Address, program: &Program) {
        let acct = self.account_mut(address);
        acct.code = program.code().clone();
        acct.program = Some(program.clone());
        acct.native = None;
        if acct.nonce == 0 {
            acct.nonce = 1;
        }
    }

    /// Put the program deployed at `address` in ArbOS's program cache, as a cache manager's
    /// winning bid does on a chain (ArbWasmCache `cacheProgram`): every later entry of any
    /// program with the same code costs the cached price only (`GAS.md`). No effect on an
    /// address without a program.
    pub fn cache_program(&mut self, address: Address) {
        if let Some(p) = self.program(address) {
            self.cached.insert(p.code_hash());
        }
    }

    /// Take the program deployed at `address` out of ArbOS's program cache
    /// (ArbWasmCache `evictCodehash`).
    pub fn evict_program(&mut self, address: Address) {
        if let Some(p) = self.program(address) {
            self.cached.remove(&p.code_hash());
        }
    }

    /// Whether the program deployed at `address` is in ArbOS's program cache.
    pub fn is_cached(&self, address: Address) -> bool {
        self.program(address).is_some_and(|p| self.cached.contains(&p.code_hash()))
    }

    /// Put a native mock at the next deterministic address and return it.
    pub fn add_native(&mut self, native: Rc<dyn NativeContract>) -> Address {
        let address = self.fresh_address("native");
        self.set_native(address, native);
        address
    }

    /// Put a native mock at `address` (replacing any program there).
    pub fn set_native(&mut self, address: Address, native: Rc<dyn NativeContract>) {
        let acct = self.account_mut(address);
        acct.native = Some(native);
        acct.program = None;
        // A marker so the account has code (EXTCODESIZE > 0), as a contract would.
        acct.code = Bytes::from_static(&[0xfe]);
    }

    /// A new EOA at the next deterministic address, holding `balance` wei.
    pub fn new_account(&mut self, balance: U256) -> Address {
        let address = self.fresh_address("account");
        self.set_balance(address, balance);
        address
    }

    /// Set an account's balance.
    pub fn set_balance(&mut self, account: Address, balance: U256) {
        self.account_mut(account).balance = balance;
    }

    /// An account's balance.
    pub fn balance(&self, account: Address) -> U256 {
        self.accounts.get(&account).map(|a| a.balance).unwrap_or_default()
    }

    /// A storage slot.
    pub fn storage(&self, address: Address, key: B256) -> B256 {
        self.accounts.get(&address).and_then(|a| a.storage.get(&key).copied()).unwrap_or_default()
    }

    /// Set a storage slot directly (outside any call).
    pub fn set_storage(&mut self, address: Address, key: B256, value: B256) {
        let acct = self.account_mut(address);
        if value.is_zero() {
            acct.storage.remove(&key);
        } else {
            acct.storage.insert(key, value);
        }
    }

    /// The code at an account (the deployed form for programs, `0xfe` for native mocks).
    pub fn code(&self, address: Address) -> Bytes {
        self.accounts.get(&address).map(|a| a.code.clone()).unwrap_or_default()
    }

    /// The program at an account, if any.
    pub fn program(&self, address: Address) -> Option<Program> {
        self.accounts.get(&address).and_then(|a| a.program.clone())
    }

    // ---- top-level calls ----

    /// A transaction from `from` to `to` with `value` and calldata `data`, gas limit
    /// [`DEFAULT_GAS_LIMIT`]. Moves the value (fails if `from` cannot pay), runs the code at
    /// `to` (a program, a mock, or nothing for an EOA) and rolls everything back on failure.
    pub fn call(&mut self, from: Address, to: Address, value: U256, data: &[u8]) -> Receipt {
        self.call_with_gas(from, to, value, data, DEFAULT_GAS_LIMIT)
    }

    /// [`World::call`] with an explicit gas limit (covering the intrinsic cost too).
    pub fn call_with_gas(
        &mut self,
        from: Address,
        to: Address,
        value: U256,
        data: &[u8],
        gas_limit: u64,
    ) -> Receipt {
        self.top_level(CallKind::Call, from, to, value, data, gas_limit)
    }

    /// A static call (`eth_call` of a view): any state change fails it; nothing is kept.
    pub fn static_call(&mut self, from: Address, to: Address, data: &[u8]) -> Receipt {
        self.top_level(CallKind::StaticCall, from, to, U256::ZERO, data, DEFAULT_GAS_LIMIT)
    }

    /// Run a stylus-sdk 0.9 constructor: calls `to` with the `stylus_constructor()` selector
    /// followed by the ABI-encoded constructor `args`, as cargo-stylus' deployer does.
    pub fn construct(&mut self, from: Address, to: Address, value: U256, args: &[u8]) -> Receipt {
        let mut data = CONSTRUCTOR_SELECTOR.to_vec();
        data.extend_from_slice(args);
        self.call(from, to, value, &data)
    }

    pub(crate) fn account_mut(&mut self, address: Address) -> &mut Account {
        self.accounts.entry(address).or_default()
    }

    fn fresh_address(&mut self, kind: &str) -> Address {
        self.accounts_created += 1;
        let seed = format!("atelier-host {kind} {}", self.accounts_created);
        Address::from_word(alloy_primitives::keccak256(seed.as_bytes()))
    }
}

/// stylus-sdk 0.9's constructor selector, `keccak256("stylus_constructor()")[..4]`
/// (the SDK's `CONSTRUCTOR_SELECTOR`; cargo-stylus' deployer calls it).
pub const CONSTRUCTOR_SELECTOR: [u8; 4] = [0x55, 0x85, 0x25, 0x8d];

/// The `CREATE` address of `sender` at `nonce`: `keccak256(rlp([sender, nonce]))[12..]`.
pub fn create_address(sender: Address, nonce: u64) -> Address {
    let mut nonce_rlp = Vec::with_capacity(9);
    match nonce {
        0 => nonce_rlp.push(0x80),
        1..=0x7f => nonce_rlp.push(nonce as u8),
        _ => {
            let bytes = nonce.to_be_bytes();
            let skip = bytes.iter().take_while(|b| **b == 0).count();
            nonce_rlp.push(0x80 + (8 - skip) as u8);
            nonce_rlp.extend_from_slice(&bytes[skip..]);
        }
    }
    let mut rlp = Vec::with_capacity(32);
    rlp.push(0xc0 + (21 + nonce_rlp.len()) as u8);
    rlp.push(0x94);
    rlp.extend_from_slice(sender.as_slice());
    rlp.extend_from_slice(&nonce_rlp);
    Address::from_word(alloy_primitives::keccak256(&rlp))
}
