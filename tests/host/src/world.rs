//! [`World`]: an in-memory, journaled chain state that runs Stylus programs and native mocks.

use std::{collections::HashMap, rc::Rc};

use alloy_primitives::{Address, Bytes, Log, B256, U256};

use crate::{
    backend::{Access, Backend, CallKind, CallRequest, CallResult, Env, StorageStore, StylusTx},
    engine::{Exit, Frame},
    gas,
    journal::{Checkpoint, Entry, TxState},
    meter::Meter,
    native::{NativeCall, NativeContract, NativeCtx},
    program::{LoadError, Program},
};

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
        self.accounts
            .get(&address)
            .and_then(|a| a.storage.get(&key).copied())
            .unwrap_or_default()
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

    /// Used by [`crate::NativeCtx`]: a nested call from a mock, with `gas`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn nested_call(
        &mut self,
        kind: CallKind,
        from: Address,
        context_caller: Address,
        to: Address,
        value: U256,
        input: &[u8],
        gas: u64,
        depth: usize,
        is_static: bool,
    ) -> CallResult {
        self.state.warm_account(to);
        self.run_call(CallRequest {
            kind,
            from,
            to,
            value,
            context_caller,
            input: Bytes::copy_from_slice(input),
            gas,
            is_static: is_static || kind == CallKind::StaticCall,
            depth,
        })
    }

    /// Used by [`crate::NativeCtx`]: a journaled storage write.
    pub(crate) fn journal_store(&mut self, address: Address, key: B256, value: B256) {
        let prev = self.storage(address, key);
        self.state.original.entry((address, key)).or_insert(prev);
        self.state.journal.push(Entry::Storage { address, key, prev });
        self.set_storage(address, key, value);
    }

    /// Used by [`crate::NativeCtx`]: a journaled log.
    pub(crate) fn journal_log(&mut self, log: Log) {
        self.state.logs.push(log);
    }

    /// Undo everything since `cp`.
    pub(crate) fn revert_to(&mut self, cp: Checkpoint) {
        let (journal, logs) = cp.parts();
        self.state.logs.truncate(logs);
        while self.state.journal.len() > journal {
            match self.state.journal.pop().expect("len checked") {
                Entry::Storage { address, key, prev } => self.set_storage(address, key, prev),
                Entry::Balance { address, prev } => self.account_mut(address).balance = prev,
                Entry::Transient { address, key, prev } => {
                    if prev.is_zero() {
                        self.state.transient.remove(&(address, key));
                    } else {
                        self.state.transient.insert((address, key), prev);
                    }
                }
                Entry::WarmAccount(a) => {
                    self.state.warm_accounts.remove(&a);
                }
                Entry::WarmSlot(a, k) => {
                    self.state.warm_slots.remove(&(a, k));
                }
            }
        }
    }

    fn set_balance_journaled(&mut self, address: Address, balance: U256) {
        let prev = World::balance(self, address);
        self.state.journal.push(Entry::Balance { address, prev });
        self.account_mut(address).balance = balance;
    }

    /// Move `value` from `from` to `to`; `false` (nothing moved) if `from` cannot pay.
    fn transfer(&mut self, from: Address, to: Address, value: U256) -> bool {
        if value.is_zero() {
            return true;
        }
        let Some(rest) = World::balance(self, from).checked_sub(value) else {
            return false;
        };
        self.set_balance_journaled(from, rest);
        let credited = World::balance(self, to).saturating_add(value);
        self.set_balance_journaled(to, credited);
        true
    }

    /// Run a call: checkpoint, move value, route to a program, a mock or nothing, and
    /// commit or revert.
    pub(crate) fn run_call(&mut self, req: CallRequest) -> CallResult {
        if req.depth > MAX_CALL_DEPTH {
            return CallResult::failure(Bytes::new(), 0);
        }
        let cp = self.state.checkpoint();
        if req.kind == CallKind::Call && !self.transfer(req.from, req.to, req.value) {
            return CallResult::failure(Bytes::new(), 0);
        }
        let delegate = req.kind == CallKind::DelegateCall;
        let (acting, caller) =
            if delegate { (req.from, req.context_caller) } else { (req.to, req.from) };
        let reentrant = self.state.reentrant(acting, delegate);
        let (program, native) = match self.accounts.get(&req.to) {
            Some(a) => (a.program.clone(), a.native.clone()),
            None => (None, None),
        };
        self.state.stack.push((acting, delegate));
        let result = if let Some(program) = program {
            let frame = Frame {
                address: acting,
                code_address: req.to,
                caller,
                value: req.value,
                input: req.input,
                gas_limit: req.gas,
                is_static: req.is_static,
                reentrant,
                depth: req.depth,
            };
            let out = crate::engine::execute(&program, &frame, self);
            if req.depth == 0 {
                self.top_exit = Some(out.exit.clone());
            }
            CallResult { success: out.success, output: out.output, gas_used: out.gas_used, meter: out.meter }
        } else if let Some(native) = native {
            let call = NativeCall {
                address: acting,
                caller,
                value: req.value,
                input: req.input,
                is_static: req.is_static,
                kind: req.kind,
                depth: req.depth,
            };
            let mut ctx = NativeCtx::new(self, call, req.gas);
            // Mocks may recurse deeply through the world: keep native stack in reserve.
            let res = stacker::maybe_grow(1 << 20, 16 << 20, || native.call(&mut ctx));
            let (gas_used, meter) = ctx.finish();
            match res {
                Ok(out) => CallResult { success: true, output: out.into(), gas_used, meter },
                Err(out) => CallResult { success: false, output: out.into(), gas_used, meter },
            }
        } else {
            CallResult { success: true, ..CallResult::default() }
        };
        self.state.stack.pop();
        if !result.success {
            self.revert_to(cp);
        }
        result
    }

    fn top_level(
        &mut self,
        kind: CallKind,
        from: Address,
        to: Address,
        value: U256,
        data: &[u8],
        gas_limit: u64,
    ) -> Receipt {
        self.state = TxState::default();
        self.top_exit = None;
        self.env.origin = from;
        let intrinsic = gas::intrinsic_gas(data);
        if gas_limit < intrinsic {
            return Receipt {
                success: false,
                output: Bytes::new(),
                logs: Vec::new(),
                meter: Meter::default(),
                gas: gas_limit,
                exec_gas: 0,
                exit: Exit::OutOfGas,
            };
        }
        self.state.warm_account(from);
        self.state.warm_account(to);
        let cp = self.state.checkpoint();
        let result = self.run_call(CallRequest {
            kind,
            from,
            to,
            value,
            context_caller: from,
            input: Bytes::copy_from_slice(data),
            gas: gas_limit - intrinsic,
            is_static: kind == CallKind::StaticCall,
            depth: 0,
        });
        let logs = std::mem::take(&mut self.state.logs);
        if kind == CallKind::StaticCall {
            self.revert_to(cp);
        }
        self.state = TxState::default();
        let total = intrinsic.saturating_add(result.gas_used);
        let refund = if result.success {
            (result.meter.refund.max(0) as u64).min(total / 5)
        } else {
            0
        };
        let exit = match self.top_exit.take() {
            Some(exit) => exit,
            None if result.success => Exit::Returned,
            None => Exit::Reverted,
        };
        Receipt {
            success: result.success,
            output: result.output,
            logs: if result.success { logs } else { Vec::new() },
            meter: result.meter,
            gas: total - refund,
            exec_gas: result.gas_used,
            exit,
        }
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
}
