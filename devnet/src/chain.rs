//! The chain: state (revm's `CacheDB`), blocks (one per transaction), receipts, time,
//! snapshots. Every entry point validates before it touches state, so a refused request
//! leaves the chain exactly as it was.

use std::{
    collections::HashMap,
    time::{SystemTime, UNIX_EPOCH},
};

use alloy_primitives::{keccak256, Address, Bloom, Bytes, Log, TxKind, B256, U256};
use revm::{
    primitives::{
        AccountInfo, BlockEnv, Bytecode, CfgEnv, EVMError, ExecutionResult, InvalidTransaction,
        Output, ResultAndState, TxEnv,
    },
    DatabaseCommit, Evm,
};
use serde::{Deserialize, Serialize};

use crate::{
    accounts,
    error::{RpcError, RpcResult},
    exec::{self, Db, DevExt, SPEC},
    precompiles,
    tx::{Mined, SignedTx},
};

/// Arbitrum's minimum L2 base fee (0.1 gwei), fixed here.
pub const BASE_FEE: u64 = 100_000_000;
/// Stack of the execution thread (virtual memory, committed only as deep calls use it).
const EXEC_STACK: usize = 256 << 20;
/// Gas limit of each block (and the cap of calls and estimates).
pub const BLOCK_GAS_LIMIT: u64 = 100_000_000;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Block {
    pub number: u64,
    pub hash: B256,
    pub parent_hash: B256,
    pub timestamp: u64,
    pub gas_used: u64,
    pub gas_limit: u64,
    pub base_fee: u64,
    pub transactions: Vec<B256>,
    pub logs_bloom: Bloom,
}

/// A call or estimate request (`eth_call`, `eth_estimateGas`).
#[derive(Clone, Debug, Default)]
pub struct CallRequest {
    pub from: Option<Address>,
    pub to: Option<Address>,
    pub gas: Option<u64>,
    pub gas_price: Option<u128>,
    pub value: U256,
    pub input: Bytes,
    pub nonce: Option<u64>,
    pub access_list: Vec<(Address, Vec<B256>)>,
}

/// An account override for `eth_call` (geth's state override set).
#[derive(Clone, Debug, Default)]
pub struct AccountOverride {
    pub balance: Option<U256>,
    pub nonce: Option<u64>,
    pub code: Option<Bytes>,
    /// `state`: replaces all storage.
    pub state: Option<Vec<(U256, U256)>>,
    /// `stateDiff`: changes some slots.
    pub state_diff: Option<Vec<(U256, U256)>>,
}

#[derive(Clone, Serialize, Deserialize)]
pub struct Chain {
    pub chain_id: u64,
    pub db: Db,
    pub blocks: Vec<Block>,
    pub txs: HashMap<B256, Mined>,
    /// Seconds added by `evm_increaseTime`.
    pub time_offset: u64,
    /// Set by `evm_setNextBlockTimestamp`.
    pub next_timestamp: Option<u64>,
    #[serde(skip)]
    pub snapshots: Vec<Snapshot>,
    #[serde(skip)]
    pub ext: DevExt,
}

/// What `evm_snapshot` keeps.
#[derive(Clone)]
pub struct Snapshot {
    db: Db,
    blocks: Vec<Block>,
    txs: HashMap<B256, Mined>,
    time_offset: u64,
    next_timestamp: Option<u64>,
}

fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

fn to_env_access_list(list: &[(Address, Vec<B256>)]) -> Vec<revm::primitives::AccessListItem> {
    list.iter()
        .map(|(a, keys)| revm::primitives::AccessListItem { address: *a, storage_keys: keys.clone() })
        .collect()
}

impl Chain {
    /// A new chain: the genesis block, the dev accounts funded, native contracts in place.
    pub fn new(chain_id: u64) -> Self {
        let mut db = Db::default();
        for (addr, _) in accounts::dev_accounts() {
            db.insert_account_info(addr, AccountInfo { balance: accounts::dev_balance(), ..Default::default() });
        }
        for addr in precompiles::ALL {
            let code = Bytecode::new_raw(Bytes::from_static(&precompiles::NATIVE_CODE));
            db.insert_account_info(
                addr,
                AccountInfo { nonce: 1, code_hash: code.hash_slow(), code: Some(code), ..Default::default() },
            );
        }
        let timestamp = now();
        let hash = keccak256([&chain_id.to_be_bytes()[..], b"atelier-devnet genesis"].concat());
        let genesis = Block {
            number: 0,
            hash,
            parent_hash: B256::ZERO,
            timestamp,
            gas_used: 0,
            gas_limit: BLOCK_GAS_LIMIT,
            base_fee: BASE_FEE,
            transactions: vec![],
            logs_bloom: Bloom::ZERO,
        };
        db.block_hashes.insert(U256::ZERO, hash);
        Self {
            chain_id,
            db,
            blocks: vec![genesis],
            txs: HashMap::new(),
            time_offset: 0,
            next_timestamp: None,
            snapshots: vec![],
            ext: DevExt::default(),
        }
    }

    pub fn head(&self) -> &Block {
        self.blocks.last().expect("genesis always present")
    }

    /// The timestamp the next block will carry.
    pub fn next_block_timestamp(&self) -> u64 {
        self.next_timestamp
            .unwrap_or_else(|| (now() + self.time_offset).max(self.head().timestamp))
    }

    fn block_env(&self) -> BlockEnv {
        let mut b = BlockEnv {
            number: U256::from(self.head().number + 1),
            timestamp: U256::from(self.next_block_timestamp()),
            gas_limit: U256::from(BLOCK_GAS_LIMIT),
            basefee: U256::from(BASE_FEE),
            prevrandao: Some(B256::ZERO),
            ..Default::default()
        };
        b.set_blob_excess_gas_and_price(0, false);
        b
    }

    // ---- reads -------------------------------------------------------------------

    pub fn account(&self, addr: Address) -> Option<AccountInfo> {
        self.db.accounts.get(&addr).and_then(|a| a.info())
    }

    pub fn balance(&self, addr: Address) -> U256 {
        self.account(addr).map(|a| a.balance).unwrap_or_default()
    }

    pub fn nonce(&self, addr: Address) -> u64 {
        self.account(addr).map(|a| a.nonce).unwrap_or_default()
    }

    pub fn code(&self, addr: Address) -> Bytes {
        let Some(info) = self.account(addr) else { return Bytes::new() };
        if let Some(c) = &info.code {
            return c.original_bytes();
        }
        self.db.contracts.get(&info.code_hash).map(|c| c.original_bytes()).unwrap_or_default()
    }

    pub fn storage(&self, addr: Address, slot: U256) -> U256 {
        self.db.accounts.get(&addr).and_then(|a| a.storage.get(&slot).copied()).unwrap_or_default()
    }

    pub fn block(&self, number: u64) -> Option<&Block> {
        self.blocks.get(usize::try_from(number).ok()?)
    }

    pub fn block_by_hash(&self, hash: B256) -> Option<&Block> {
        self.blocks.iter().find(|b| b.hash == hash)
    }

    /// Whether the Stylus program at `addr` (if it is one) is activated.
    pub fn stylus_activated(&self, addr: Address) -> Option<bool> {
        let code = self.code(addr);
        if !crate::stylus::is_stylus_code(&code) {
            return None;
        }
        let slot = U256::from_be_bytes(keccak256(&code).0);
        Some(!self.storage(precompiles::ARB_WASM, slot).is_zero())
    }

    // ---- execution ---------------------------------------------------------------

    fn run(&mut self, tx: TxEnv, call_mode: bool) -> Result<ResultAndState, EVMError<std::convert::Infallible>> {
        let mut cfg = CfgEnv::default();
        cfg.chain_id = self.chain_id;
        cfg.limit_contract_code_size = Some(exec::MAX_CODE_SIZE);
        if call_mode {
            cfg.disable_balance_check = true;
            cfg.disable_base_fee = true;
            cfg.disable_eip3607 = true;
            cfg.disable_block_gas_limit = true;
        }
        // A panic inside execution must not take the chain with it: run on the state moved
        // out, keep a copy to put back if it unwinds.
        let backup = self.db.clone();
        let db = std::mem::take(&mut self.db);
        let mut ext = self.ext.clone();
        ext.stylus.begin_tx();
        let block = self.block_env();
        // Stylus <-> EVM nesting recurses on the Rust stack (revm's loop per Stylus frame,
        // the WASM host per program): run on a thread with room for 1024 frames.
        let work = move || {
            let mut evm = Evm::builder()
                .with_db(db)
                .with_external_context(ext)
                .with_spec_id(SPEC)
                .modify_cfg_env(|c| *c = cfg)
                .with_block_env(block)
                .with_tx_env(tx)
                .append_handler_register(exec::register)
                .build();
            let result = evm.transact();
            let ctx = evm.into_context();
            let s = &ctx.external.stylus;
            let after = (s.last_gas, s.last_refusal.clone());
            (ctx.evm.inner.db, after, result)
        };
        let run = std::thread::scope(|s| {
            std::thread::Builder::new()
                .name("devnet-exec".into())
                .stack_size(EXEC_STACK)
                .spawn_scoped(s, work)
                .map(|h| h.join())
                .unwrap_or_else(|e| Err(Box::new(e)))
        });
        match run {
            Ok((db, (last_gas, refusal), result)) => {
                self.db = db;
                self.ext.stylus.last_gas = last_gas;
                self.ext.stylus.last_refusal = refusal;
                result
            }
            Err(_) => {
                self.db = backup;
                Err(EVMError::Custom("internal error: execution panicked; state unchanged".into()))
            }
        }
    }

    fn call_tx_env(&self, req: &CallRequest, gas: u64) -> TxEnv {
        TxEnv {
            caller: req.from.unwrap_or_default(),
            gas_limit: gas,
            gas_price: U256::from(req.gas_price.unwrap_or(0)),
            transact_to: req.to.map(TxKind::Call).unwrap_or(TxKind::Create),
            value: req.value,
            data: req.input.clone(),
            nonce: None,
            chain_id: Some(self.chain_id),
            access_list: to_env_access_list(&req.access_list),
            ..Default::default()
        }
    }

    fn exec_call(&mut self, req: &CallRequest, gas: u64) -> RpcResult<ExecutionResult> {
        let tx = self.call_tx_env(req, gas);
        match self.run(tx, true) {
            // A refused activation reverts without data, as on Nitro; name the rule here.
            Ok(r) => match (&r.result, &self.ext.stylus.last_refusal) {
                (ExecutionResult::Revert { output, .. }, Some(why)) if output.is_empty() => {
                    Err(RpcError::reverted_with(why, output))
                }
                _ => Ok(r.result),
            },
            Err(e) => Err(tx_error(e)),
        }
    }

    /// `eth_call`: runs on the current state (with overrides on a copy), never commits.
    pub fn call(&mut self, req: &CallRequest, overrides: &[(Address, AccountOverride)]) -> RpcResult<Bytes> {
        let gas = req.gas.unwrap_or(BLOCK_GAS_LIMIT).min(BLOCK_GAS_LIMIT);
        let result = if overrides.is_empty() {
            self.exec_call(req, gas)
        } else {
            let saved = self.db.clone();
            apply_overrides(&mut self.db, overrides);
            let r = self.exec_call(req, gas);
            self.db = saved;
            r
        }?;
        result_output(result)
    }

    /// `eth_estimateGas` with a state override set (applied to a copy).
    pub fn estimate_gas_with(&mut self, req: &CallRequest, overrides: &[(Address, AccountOverride)]) -> RpcResult<u64> {
        if overrides.is_empty() {
            return self.estimate_gas(req);
        }
        let saved = self.db.clone();
        apply_overrides(&mut self.db, overrides);
        let r = self.estimate_gas(req);
        self.db = saved;
        r
    }

    /// `eth_estimateGas`: the smallest gas limit that succeeds (binary search).
    pub fn estimate_gas(&mut self, req: &CallRequest) -> RpcResult<u64> {
        let cap = req.gas.unwrap_or(BLOCK_GAS_LIMIT).min(BLOCK_GAS_LIMIT);
        let first = self.exec_call(req, cap)?;
        let used = first.gas_used();
        result_output(first)?;
        let ok = |chain: &mut Self, g: u64| chain.exec_call(req, g).map(|r| r.is_success()).unwrap_or(false);
        if ok(self, used) {
            return Ok(used);
        }
        let (mut lo, mut hi) = (used, cap);
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if ok(self, mid) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        Ok(hi)
    }

    /// `eth_sendRawTransaction`: validate, execute, mine one block.
    pub fn send_raw(&mut self, raw: &[u8]) -> RpcResult<B256> {
        let tx = SignedTx::decode(raw)?;
        self.validate(&tx)?;
        let env = TxEnv {
            caller: tx.from,
            gas_limit: tx.gas_limit,
            gas_price: U256::from(tx.max_fee),
            transact_to: tx.to.map(TxKind::Call).unwrap_or(TxKind::Create),
            value: tx.value,
            data: tx.input.clone(),
            nonce: Some(tx.nonce),
            chain_id: tx.chain_id,
            access_list: to_env_access_list(&tx.access_list),
            gas_priority_fee: tx.max_priority_fee.map(U256::from),
            ..Default::default()
        };
        let ResultAndState { result, state } = self.run(env, false).map_err(tx_error)?;
        self.db.commit(state);
        self.db.logs.clear();
        let (status, output, contract_address) = match &result {
            ExecutionResult::Success { output: Output::Create(b, a), .. } => (true, b.clone(), *a),
            ExecutionResult::Success { output: Output::Call(b), .. } => (true, b.clone(), None),
            ExecutionResult::Revert { output, .. } => (false, output.clone(), None),
            ExecutionResult::Halt { .. } => (false, Bytes::new(), None),
        };
        let logs: Vec<Log> = result.logs().to_vec();
        let mut mined = Mined {
            tx: tx.clone(),
            block_number: 0,
            block_hash: B256::ZERO,
            index: 0,
            status,
            gas_used: result.gas_used(),
            effective_gas_price: tx.effective_gas_price(BASE_FEE as u128),
            contract_address,
            logs,
            output,
        };
        let block = self.mine(vec![tx.hash], mined.gas_used, &mined.logs);
        mined.block_number = block.number;
        mined.block_hash = block.hash;
        self.txs.insert(tx.hash, mined);
        Ok(tx.hash)
    }

    /// The checks geth's pool makes, with its messages.
    fn validate(&self, tx: &SignedTx) -> RpcResult<()> {
        match tx.chain_id {
            None => return Err(RpcError::server("only replay-protected (EIP-155) transactions allowed over RPC")),
            Some(id) if id != self.chain_id => {
                return Err(RpcError::server(format!(
                    "invalid chain id for signer: have {id} want {}",
                    self.chain_id
                )))
            }
            _ => {}
        }
        if self.txs.contains_key(&tx.hash) {
            return Err(RpcError::server("already known"));
        }
        let nonce = self.nonce(tx.from);
        if tx.nonce < nonce {
            return Err(RpcError::server(format!(
                "nonce too low: address {}, tx: {} state: {}",
                tx.from, tx.nonce, nonce
            )));
        }
        if tx.nonce > nonce {
            return Err(RpcError::server(format!(
                "nonce too high: address {}, tx: {} state: {}",
                tx.from, tx.nonce, nonce
            )));
        }
        if tx.gas_limit > BLOCK_GAS_LIMIT {
            return Err(RpcError::server("exceeds block gas limit"));
        }
        if let Some(tip) = tx.max_priority_fee {
            if tip > tx.max_fee {
                return Err(RpcError::server(format!(
                    "max priority fee per gas higher than max fee per gas: address {}, maxPriorityFeePerGas: {}, maxFeePerGas: {}",
                    tx.from, tip, tx.max_fee
                )));
            }
        }
        if tx.max_fee < BASE_FEE as u128 {
            return Err(RpcError::server(format!(
                "max fee per gas less than block base fee: address {}, maxFeePerGas: {}, baseFee: {}",
                tx.from, tx.max_fee, BASE_FEE
            )));
        }
        let cost = U256::from(tx.gas_limit)
            .saturating_mul(U256::from(tx.max_fee))
            .saturating_add(tx.value);
        let have = self.balance(tx.from);
        if have < cost {
            return Err(RpcError::server(format!(
                "insufficient funds for gas * price + value: address {} have {} want {}",
                tx.from, have, cost
            )));
        }
        if let Some(to) = tx.to {
            if self.stylus_activated(to) == Some(false) {
                return Err(RpcError::server(format!(
                    "program not activated: {to} holds a Stylus program that is not activated (call ArbWasm.activateProgram at 0x71 first)"
                )));
            }
        }
        Ok(())
    }

    fn mine(&mut self, transactions: Vec<B256>, gas_used: u64, logs: &[Log]) -> Block {
        let parent = self.head().clone();
        let timestamp = self.next_block_timestamp();
        self.next_timestamp = None;
        let number = parent.number + 1;
        let mut logs_bloom = Bloom::ZERO;
        for l in logs {
            logs_bloom.accrue_log(l);
        }
        let mut pre = Vec::new();
        pre.extend_from_slice(parent.hash.as_slice());
        pre.extend_from_slice(&number.to_be_bytes());
        pre.extend_from_slice(&timestamp.to_be_bytes());
        for t in &transactions {
            pre.extend_from_slice(t.as_slice());
        }
        let hash = keccak256(&pre);
        let block = Block {
            number,
            hash,
            parent_hash: parent.hash,
            timestamp,
            gas_used,
            gas_limit: BLOCK_GAS_LIMIT,
            base_fee: BASE_FEE,
            transactions,
            logs_bloom,
        };
        self.db.block_hashes.insert(U256::from(number), hash);
        self.blocks.push(block.clone());
        block
    }

    /// `evm_mine`: an empty block.
    pub fn mine_empty(&mut self) -> u64 {
        self.mine(vec![], 0, &[]).number
    }

    pub fn increase_time(&mut self, secs: u64) -> u64 {
        self.time_offset = self.time_offset.saturating_add(secs);
        self.time_offset
    }

    pub fn set_next_timestamp(&mut self, ts: u64) -> RpcResult<()> {
        if ts < self.head().timestamp {
            return Err(RpcError::invalid_params(format!(
                "timestamp {ts} is before the latest block's {}",
                self.head().timestamp
            )));
        }
        // Later blocks keep counting from here.
        self.time_offset = ts.saturating_sub(now());
        self.next_timestamp = Some(ts);
        Ok(())
    }

    pub fn snapshot(&mut self) -> usize {
        self.snapshots.push(Snapshot {
            db: self.db.clone(),
            blocks: self.blocks.clone(),
            txs: self.txs.clone(),
            time_offset: self.time_offset,
            next_timestamp: self.next_timestamp,
        });
        self.snapshots.len()
    }

    /// `evm_revert`: back to snapshot `id` (which, and every later one, is consumed).
    pub fn revert_to(&mut self, id: usize) -> bool {
        if id == 0 || id > self.snapshots.len() {
            return false;
        }
        let s = self.snapshots.swap_remove(id - 1);
        self.snapshots.truncate(id - 1);
        self.db = s.db;
        self.blocks = s.blocks;
        self.txs = s.txs;
        self.time_offset = s.time_offset;
        self.next_timestamp = s.next_timestamp;
        true
    }

    /// Logs of blocks `from..=to`, filtered.
    pub fn logs(&self, from: u64, to: u64, addresses: &[Address], topics: &[Option<Vec<B256>>]) -> Vec<(&Mined, usize)> {
        let mut out = vec![];
        for b in self.blocks.iter().filter(|b| b.number >= from && b.number <= to) {
            for h in &b.transactions {
                let Some(m) = self.txs.get(h) else { continue };
                for (i, log) in m.logs.iter().enumerate() {
                    if !addresses.is_empty() && !addresses.contains(&log.address) {
                        continue;
                    }
                    let t = log.topics();
                    let matches = topics.iter().enumerate().all(|(k, want)| match want {
                        None => true,
                        Some(set) => t.get(k).is_some_and(|x| set.contains(x)),
                    });
                    if matches {
                        out.push((m, i));
                    }
                }
            }
        }
        out
    }
}

fn apply_overrides(db: &mut Db, overrides: &[(Address, AccountOverride)]) {
    for (addr, o) in overrides {
        let mut info = db.accounts.get(addr).and_then(|a| a.info()).unwrap_or_default();
        if let Some(b) = o.balance {
            info.balance = b;
        }
        if let Some(n) = o.nonce {
            info.nonce = n;
        }
        if let Some(code) = &o.code {
            let bc = Bytecode::new_raw(code.clone());
            info.code_hash = bc.hash_slow();
            info.code = Some(bc);
        }
        db.insert_account_info(*addr, info);
        if let Some(state) = &o.state {
            let _ = db.replace_account_storage(*addr, state.iter().copied().collect());
        }
        if let Some(diff) = &o.state_diff {
            for (k, v) in diff {
                let _ = db.insert_account_storage(*addr, *k, *v);
            }
        }
    }
}

/// A call's output, or geth's revert error.
fn result_output(result: ExecutionResult) -> RpcResult<Bytes> {
    match result {
        ExecutionResult::Success { output, .. } => Ok(output.into_data()),
        ExecutionResult::Revert { output, .. } => Err(revert_error(&output)),
        ExecutionResult::Halt { reason, .. } => Err(RpcError::server(format!("execution halted: {reason:?}"))),
    }
}

/// Geth's revert error; an `Error(string)` reason is appended to the message too.
pub fn revert_error(output: &Bytes) -> RpcError {
    use alloy_sol_types::SolError;
    match alloy_sol_types::Revert::abi_decode(output, true) {
        Ok(r) => RpcError::reverted_with(&r.reason, output),
        Err(_) => RpcError::reverted(output),
    }
}

fn tx_error(e: EVMError<std::convert::Infallible>) -> RpcError {
    match e {
        EVMError::Transaction(InvalidTransaction::CallGasCostMoreThanGasLimit) => {
            RpcError::server("intrinsic gas too low")
        }
        EVMError::Transaction(InvalidTransaction::LackOfFundForMaxFee { fee, balance }) => {
            RpcError::server(format!("insufficient funds for gas * price + value: have {balance} want {fee}"))
        }
        EVMError::Transaction(t) => RpcError::server(format!("invalid transaction: {t}")),
        EVMError::Custom(msg) => RpcError::new(-32603, msg),
        other => RpcError::server(format!("{other}")),
    }
}
