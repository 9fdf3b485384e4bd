//! The chain: state (revm's `CacheDB`), blocks (one per transaction), receipts, time,
//! snapshots, reads. Execution is in `calls.rs` (eth_call, estimates) and `txpool.rs`
//! (transactions); every entry point validates before it touches state, so a refused
//! request leaves the chain exactly as it was.

use std::{
    collections::{HashMap, VecDeque},
    sync::{Arc, Mutex},
    time::{SystemTime, UNIX_EPOCH},
};

use alloy_primitives::{keccak256, Address, Bloom, Bytes, Log, B256, U256};
use revm::{
    db::{AccountState, DbAccount},
    primitives::{AccountInfo, BlockEnv, Bytecode, EvmState},
    DatabaseRef,
};
use serde::{Deserialize, Serialize};

use crate::{
    accounts,
    error::{RpcError, RpcResult},
    exec::{BaseDb, Db, DevExt, Shared},
    precompiles,
    tx::Mined,
};

/// Arbitrum's minimum L2 base fee (0.1 gwei), fixed here.
pub const BASE_FEE: u64 = 100_000_000;
/// Stack of the execution thread (virtual memory, committed only as deep calls use it).
pub(crate) const EXEC_STACK: usize = 256 << 20;
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

/// Blocks whose state stays readable by default (`--history`).
pub const DEFAULT_HISTORY: u64 = 10_000;

fn default_history() -> u64 {
    DEFAULT_HISTORY
}

#[derive(Clone, Serialize, Deserialize)]
pub struct Chain {
    pub chain_id: u64,
    /// The committed state after the head block (shared with running reads).
    pub db: Arc<BaseDb>,
    pub blocks: Vec<Block>,
    pub txs: HashMap<B256, Mined>,
    /// Seconds added by `evm_increaseTime`.
    pub time_offset: u64,
    /// Set by `evm_setNextBlockTimestamp`.
    pub next_timestamp: Option<u64>,
    /// What each of the most recent blocks changed (oldest first, one per block up to
    /// the head): the state at an older block is the latest state with these undone.
    #[serde(default)]
    pub history: VecDeque<BlockDiff>,
    /// How many blocks of history to keep (`--history N`).
    #[serde(default = "default_history")]
    pub history_limit: u64,
    #[serde(skip)]
    pub snapshots: Vec<Snapshot>,
    #[serde(skip, default = "crate::natives::ext")]
    pub ext: DevExt,
    /// Installed filters (`eth_newFilter`…): node state, not chain state.
    #[serde(skip)]
    pub filters: Arc<Mutex<crate::filters::Filters>>,
    /// The `--state` journal: every block is appended (and synced) before it is applied.
    #[serde(skip)]
    pub journal: Option<Arc<Mutex<crate::state_file::Journal>>>,
}

/// An account as a diff records it (code is kept by hash in the state).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Info {
    pub balance: U256,
    pub nonce: u64,
    pub code_hash: B256,
}

impl From<&AccountInfo> for Info {
    fn from(i: &AccountInfo) -> Self {
        Self {
            balance: i.balance,
            nonce: i.nonce,
            code_hash: i.code_hash,
        }
    }
}

impl Info {
    fn account_info(&self) -> AccountInfo {
        AccountInfo {
            balance: self.balance,
            nonce: self.nonce,
            code_hash: self.code_hash,
            code: None,
        }
    }
}

/// One account's change in a block: before and after (None = did not exist), and the
/// storage slots written (slot, before, after).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AccountDiff {
    pub address: Address,
    pub before: Option<Info>,
    pub after: Option<Info>,
    /// Created in this block (its storage starts empty).
    #[serde(default)]
    pub created: bool,
    #[serde(default)]
    pub slots: Vec<(U256, U256, U256)>,
}

/// What one block changed: enough to apply it (journal replay) and to undo it (reads
/// at older blocks).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct BlockDiff {
    pub number: u64,
    #[serde(default)]
    pub accounts: Vec<AccountDiff>,
    /// Code first deployed in this block.
    #[serde(default)]
    pub code: Vec<Bytes>,
}

impl BlockDiff {
    /// The changes revm reports for a transaction, against the state before it.
    pub fn of(base: &BaseDb, number: u64, state: &EvmState) -> Self {
        let mut d = BlockDiff {
            number,
            ..Default::default()
        };
        let mut touched: Vec<_> = state.iter().filter(|(_, a)| a.is_touched()).collect();
        touched.sort_by_key(|(a, _)| **a);
        for (addr, acc) in touched {
            let before = base.basic_ref(*addr).ok().flatten();
            let after = (!acc.is_selfdestructed()).then(|| Info::from(&acc.info));
            if let (Some(after), Some(code)) = (&after, &acc.info.code) {
                if !code.is_empty()
                    && !base.contracts.contains_key(&after.code_hash)
                    && !d.code.iter().any(|c| keccak256(c) == after.code_hash)
                {
                    d.code.push(code.original_bytes());
                }
            }
            let mut slots: Vec<(U256, U256, U256)> = acc
                .storage
                .iter()
                .filter(|(_, s)| s.is_changed() || acc.is_created())
                .map(|(k, s)| {
                    let was = if before.is_some() {
                        base.storage_ref(*addr, *k).unwrap_or_default()
                    } else {
                        U256::ZERO
                    };
                    (*k, was, s.present_value())
                })
                .collect();
            slots.sort();
            d.accounts.push(AccountDiff {
                address: *addr,
                before: before.as_ref().map(Info::from),
                after,
                created: acc.is_created() || acc.is_selfdestructed(),
                slots,
            });
        }
        d
    }

    /// Applies the block's changes to the state (mining, and journal replay).
    pub fn apply(&self, base: &mut BaseDb) {
        for code in &self.code {
            let bc = Bytecode::new_raw(code.clone());
            base.contracts.entry(bc.hash_slow()).or_insert(bc);
        }
        for a in &self.accounts {
            let e = base.accounts.entry(a.address).or_default();
            match &a.after {
                None => {
                    e.storage.clear();
                    e.account_state = AccountState::NotExisting;
                    e.info = AccountInfo::default();
                }
                Some(info) => {
                    e.info = info.account_info();
                    if e.info.code_hash.is_zero() {
                        e.info.code_hash = revm::primitives::KECCAK_EMPTY;
                    }
                    e.account_state = if a.created {
                        e.storage.clear();
                        AccountState::StorageCleared
                    } else if e.account_state.is_storage_cleared() {
                        AccountState::StorageCleared
                    } else {
                        AccountState::Touched
                    };
                    for (k, _, v) in &a.slots {
                        e.storage.insert(*k, *v);
                    }
                }
            }
        }
    }

    /// Undoes the block's changes on an overlay (newest block first).
    fn undo(&self, db: &mut Db) {
        for a in &self.accounts {
            match &a.before {
                None => {
                    db.accounts.insert(a.address, DbAccount::new_not_existing());
                }
                Some(info) => {
                    let e = db.accounts.entry(a.address).or_default();
                    e.info = info.account_info();
                    if e.account_state == AccountState::NotExisting {
                        e.account_state = AccountState::None;
                    }
                    for (k, v, _) in &a.slots {
                        e.storage.insert(*k, *v);
                    }
                }
            }
        }
    }
}

/// What `evm_snapshot` keeps.
#[derive(Clone)]
pub struct Snapshot {
    db: Arc<BaseDb>,
    blocks: Vec<Block>,
    txs: HashMap<B256, Mined>,
    time_offset: u64,
    next_timestamp: Option<u64>,
    history: VecDeque<BlockDiff>,
}

/// A consistent read-only picture of the chain at one block, detached from the chain:
/// state (the shared latest state, with later blocks undone for an older block) and the
/// environment a call there runs in. Executions on it need no lock.
#[derive(Clone)]
pub struct View {
    pub chain_id: u64,
    /// The block whose state this is.
    pub number: u64,
    pub db: Db,
    /// The environment of the block after `number` (the one being built for the head).
    pub block: BlockEnv,
    /// Whether the next block's timestamp is pinned (`evm_setNextBlockTimestamp`, or an
    /// older block whose successor exists).
    pub pinned_time: bool,
    pub ext: DevExt,
}

impl View {
    pub fn balance(&self, a: Address) -> U256 {
        self.db
            .basic_ref(a)
            .ok()
            .flatten()
            .map(|i| i.balance)
            .unwrap_or_default()
    }
    pub fn nonce(&self, a: Address) -> u64 {
        self.db
            .basic_ref(a)
            .ok()
            .flatten()
            .map(|i| i.nonce)
            .unwrap_or_default()
    }
    pub fn code(&self, a: Address) -> Bytes {
        match self.db.basic_ref(a).ok().flatten() {
            Some(i) => match &i.code {
                Some(c) => c.original_bytes(),
                None => self
                    .db
                    .code_by_hash_ref(i.code_hash)
                    .map(|c| c.original_bytes())
                    .unwrap_or_default(),
            },
            None => Bytes::new(),
        }
    }
    pub fn storage(&self, a: Address, slot: U256) -> U256 {
        self.db.storage_ref(a, slot).unwrap_or_default()
    }
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

pub(crate) fn to_env_access_list(
    list: &[(Address, Vec<B256>)],
) -> Vec<revm::primitives::AccessListItem> {
    list.iter()
        .map(|(a, keys)| revm::primitives::AccessListItem {
            address: *a,
            storage_keys: keys.clone(),
        })
        .collect()
}

impl Chain {
    /// A new chain: the genesis block, the dev accounts funded, native contracts in place.
    pub fn new(chain_id: u64) -> Self {
        let mut db = BaseDb::default();
        for (addr, _) in accounts::dev_accounts() {
            db.insert_account_info(
                addr,
                AccountInfo {
                    balance: accounts::dev_balance(),
                    ..Default::default()
                },
            );
        }
        for addr in precompiles::ALL {
            let code = Bytecode::new_raw(Bytes::from_static(&precompiles::NATIVE_CODE));
            db.insert_account_info(
                addr,
                AccountInfo {
                    nonce: 1,
                    code_hash: code.hash_slow(),
                    code: Some(code),
                    ..Default::default()
                },
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
        crate::multicall3::predeploy(&mut db);
        Self {
            chain_id,
            db: Arc::new(db),
            blocks: vec![genesis],
            txs: HashMap::new(),
            time_offset: 0,
            next_timestamp: None,
            history: VecDeque::new(),
            history_limit: DEFAULT_HISTORY,
            snapshots: vec![],
            ext: crate::natives::ext(),
            filters: Default::default(),
            journal: None,
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

    fn block_env(&self, number: u64, timestamp: u64) -> BlockEnv {
        let mut b = BlockEnv {
            number: U256::from(number),
            timestamp: U256::from(timestamp),
            gas_limit: U256::from(BLOCK_GAS_LIMIT),
            basefee: U256::from(BASE_FEE),
            prevrandao: Some(B256::ZERO),
            ..Default::default()
        };
        b.set_blob_excess_gas_and_price(0, false);
        b
    }

    /// The oldest block whose state is still kept (`--history`).
    pub fn oldest_state(&self) -> u64 {
        self.head().number - self.history.len() as u64
    }

    /// Refuses a state read at a block that does not exist yet or whose state is no
    /// longer kept, naming the oldest one kept: never an answer from another block.
    pub fn check_state(&self, number: u64) -> RpcResult<()> {
        let head = self.head().number;
        if number > head {
            return Err(RpcError::server(format!(
                "header not found: block {number} is after the latest block {head}"
            )));
        }
        let oldest = self.oldest_state();
        if number < oldest {
            let mut e = RpcError::server(format!(
                "state of block {number} is not kept: the oldest block with state is {oldest} \
                 (the dev chain keeps the last {} blocks, --history)",
                self.history_limit
            ));
            e.data = Some(serde_json::json!({ "oldestBlock": format!("{oldest:#x}") }));
            return Err(e);
        }
        Ok(())
    }

    /// The state after block `number` and the environment of the block after it (for
    /// the head: the block being built, with the next timestamp).
    pub fn view(&self, number: u64) -> RpcResult<View> {
        self.check_state(number)?;
        let mut db = Db::new(Shared(self.db.clone()));
        for d in self.history.iter().rev().take_while(|d| d.number > number) {
            d.undo(&mut db);
        }
        let head = self.head().number;
        let (timestamp, pinned_time) = if number == head {
            (self.next_block_timestamp(), self.next_timestamp.is_some())
        } else {
            (self.blocks[number as usize + 1].timestamp, true)
        };
        Ok(View {
            chain_id: self.chain_id,
            number,
            db,
            block: self.block_env(number + 1, timestamp),
            pinned_time,
            ext: self.ext.clone(),
        })
    }

    /// [`Chain::view`] of the head.
    pub fn latest(&self) -> View {
        self.view(self.head().number)
            .expect("the head's state is always kept")
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
        let Some(info) = self.account(addr) else {
            return Bytes::new();
        };
        if let Some(c) = &info.code {
            return c.original_bytes();
        }
        self.db
            .contracts
            .get(&info.code_hash)
            .map(|c| c.original_bytes())
            .unwrap_or_default()
    }

    pub fn storage(&self, addr: Address, slot: U256) -> U256 {
        self.db
            .accounts
            .get(&addr)
            .and_then(|a| a.storage.get(&slot).copied())
            .unwrap_or_default()
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

    // ---- blocks and time -------------------------------------------------------

    /// The next block, not yet added.
    pub(crate) fn next_block(&self, transactions: Vec<B256>, gas_used: u64, logs: &[Log]) -> Block {
        let parent = self.head().clone();
        let timestamp = self.next_block_timestamp();
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
        Block {
            number,
            hash,
            parent_hash: parent.hash,
            timestamp,
            gas_used,
            gas_limit: BLOCK_GAS_LIMIT,
            base_fee: BASE_FEE,
            transactions,
            logs_bloom,
        }
    }

    /// Adds a block: journaled (and synced) first when `--state` is set, then applied.
    /// Nothing changes if the journal cannot be written.
    pub(crate) fn commit_block(
        &mut self,
        block: Block,
        mut diff: BlockDiff,
        mined: Vec<Mined>,
    ) -> RpcResult<()> {
        diff.number = block.number;
        if let Some(j) = &self.journal {
            let rec = crate::state_file::Record::Block {
                block: block.clone(),
                diff: diff.clone(),
                txs: mined.clone(),
                time_offset: self.time_offset,
            };
            j.lock()
                .unwrap_or_else(|p| p.into_inner())
                .append(&rec)
                .map_err(|e| RpcError::new(-32603, format!("block not mined: {e}")))?;
        }
        self.apply_block(block, diff, mined);
        if let Some(j) = self.journal.clone() {
            let mut j = j.lock().unwrap_or_else(|p| p.into_inner());
            if j.records >= crate::state_file::COMPACT_EVERY {
                // The block is already durable in the journal; a failed compaction
                // leaves that journal as it was.
                if let Err(e) = j.compact(self) {
                    eprintln!("{e}");
                }
            }
        }
        Ok(())
    }

    /// Applies a journaled block (no journaling).
    pub(crate) fn apply_block(&mut self, block: Block, diff: BlockDiff, mined: Vec<Mined>) {
        let db = Arc::make_mut(&mut self.db);
        diff.apply(db);
        db.block_hashes.insert(U256::from(block.number), block.hash);
        self.next_timestamp = None;
        for m in mined {
            self.txs.insert(m.tx.hash, m);
        }
        self.blocks.push(block);
        self.history.push_back(diff);
        while self.history.len() as u64 > self.history_limit {
            self.history.pop_front();
        }
    }

    /// `evm_mine`: an empty block.
    pub fn mine_empty(&mut self) -> RpcResult<u64> {
        let block = self.next_block(vec![], 0, &[]);
        let n = block.number;
        self.commit_block(block, BlockDiff::default(), vec![])?;
        Ok(n)
    }

    pub fn increase_time(&mut self, secs: u64) -> RpcResult<u64> {
        let offset = self.time_offset.saturating_add(secs);
        self.journal_time(offset, self.next_timestamp)?;
        self.time_offset = offset;
        Ok(self.time_offset)
    }

    fn journal_time(&self, time_offset: u64, next_timestamp: Option<u64>) -> RpcResult<()> {
        if let Some(j) = &self.journal {
            let rec = crate::state_file::Record::Time {
                time_offset,
                next_timestamp,
            };
            j.lock()
                .unwrap_or_else(|p| p.into_inner())
                .append(&rec)
                .map_err(|e| RpcError::new(-32603, format!("not saved: {e}")))?;
        }
        Ok(())
    }

    pub fn set_next_timestamp(&mut self, ts: u64) -> RpcResult<()> {
        if ts < self.head().timestamp {
            return Err(RpcError::invalid_params(format!(
                "timestamp {ts} is before the latest block's {}",
                self.head().timestamp
            )));
        }
        // Later blocks keep counting from here.
        let offset = ts.saturating_sub(now());
        self.journal_time(offset, Some(ts))?;
        self.time_offset = offset;
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
            history: self.history.clone(),
        });
        self.snapshots.len()
    }

    /// `evm_revert`: back to snapshot `id` (which, and every later one, is consumed).
    pub fn revert_to(&mut self, id: usize) -> RpcResult<bool> {
        if id == 0 || id > self.snapshots.len() {
            return Ok(false);
        }
        let s = self.snapshots.swap_remove(id - 1);
        self.snapshots.truncate(id - 1);
        self.db = s.db;
        self.blocks = s.blocks;
        self.txs = s.txs;
        self.time_offset = s.time_offset;
        self.next_timestamp = s.next_timestamp;
        self.history = s.history;
        // The journal only appends: rewrite the state file as it now is.
        if let Some(j) = self.journal.clone() {
            j.lock()
                .unwrap_or_else(|p| p.into_inner())
                .compact(self)
                .map_err(|e| RpcError::new(-32603, format!("reverted, but not saved: {e}")))?;
        }
        Ok(true)
    }

    /// Logs of blocks `from..=to`, filtered.
    pub fn logs(
        &self,
        from: u64,
        to: u64,
        addresses: &[Address],
        topics: &[Option<Vec<B256>>],
    ) -> Vec<(&Mined, usize)> {
        let mut out = vec![];
        for b in self
            .blocks
            .iter()
            .filter(|b| b.number >= from && b.number <= to)
        {
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
