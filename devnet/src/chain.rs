//! The chain: state (revm's `CacheDB`), blocks (one per transaction), receipts, time,
//! snapshots, reads. Execution is in `calls.rs` (eth_call, estimates) and `txpool.rs`
//! (transactions); every entry point validates before it touches state, so a refused
//! request leaves the chain exactly as it was.

use std::{
    collections::HashMap,
    time::{SystemTime, UNIX_EPOCH},
};

use alloy_primitives::{keccak256, Address, Bloom, Bytes, Log, B256, U256};
use revm::primitives::{AccountInfo, BlockEnv, Bytecode};
use serde::{Deserialize, Serialize};

use crate::{
    accounts,
    error::{RpcError, RpcResult},
    exec::{Db, DevExt},
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
        let mut db = Db::default();
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

    pub(crate) fn block_env(&self) -> BlockEnv {
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

    pub(crate) fn mine(&mut self, transactions: Vec<B256>, gas_used: u64, logs: &[Log]) -> Block {
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
