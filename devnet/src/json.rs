//! JSON shapes: parsing request parameters (never panicking) and writing blocks,
//! transactions, receipts and logs the way geth does.

use alloy_primitives::{Address, Bytes, B256, U256};
use serde_json::{json, Map, Value};

use crate::{
    chain::{AccountOverride, Block, CallRequest, Chain},
    error::{RpcError, RpcResult},
    tx::Mined,
};

pub fn qty(v: impl std::fmt::LowerHex) -> Value {
    Value::String(format!("{v:#x}"))
}

fn bad(what: &str, v: &Value) -> RpcError {
    let shown: String = v.to_string().chars().take(80).collect();
    RpcError::invalid_params(format!("invalid {what}: {shown}"))
}

pub fn address(v: &Value) -> RpcResult<Address> {
    v.as_str()
        .and_then(|s| s.parse::<Address>().ok())
        .ok_or_else(|| bad("address", v))
}

pub fn b256(v: &Value) -> RpcResult<B256> {
    v.as_str()
        .filter(|s| s.len() == 66)
        .and_then(|s| s.parse::<B256>().ok())
        .ok_or_else(|| bad("32-byte hash", v))
}

pub fn bytes(v: &Value) -> RpcResult<Bytes> {
    v.as_str()
        .and_then(|s| s.parse::<Bytes>().ok())
        .ok_or_else(|| bad("hex data", v))
}

pub fn u256(v: &Value) -> RpcResult<U256> {
    let s = v.as_str().ok_or_else(|| bad("quantity", v))?;
    let hex = s.strip_prefix("0x").ok_or_else(|| bad("quantity", v))?;
    if hex.is_empty() || hex.len() > 64 {
        return Err(bad("quantity", v));
    }
    U256::from_str_radix(hex, 16).map_err(|_| bad("quantity", v))
}

pub fn u64q(v: &Value) -> RpcResult<u64> {
    let n = u256(v)?;
    u64::try_from(n).map_err(|_| bad("quantity (too large)", v))
}

/// A block tag or number, resolved against the chain's head.
pub fn block_number(chain: &Chain, v: Option<&Value>) -> RpcResult<u64> {
    let head = chain.head().number;
    match v {
        None | Some(Value::Null) => Ok(head),
        Some(Value::String(s)) => match s.as_str() {
            "latest" | "pending" | "safe" | "finalized" => Ok(head),
            "earliest" => Ok(0),
            _ => u64q(&Value::String(s.clone())),
        },
        // EIP-1898 object form.
        Some(Value::Object(o)) => {
            if let Some(n) = o.get("blockNumber") {
                u64q(n)
            } else if let Some(h) = o.get("blockHash") {
                let h = b256(h)?;
                chain
                    .block_by_hash(h)
                    .map(|b| b.number)
                    .ok_or_else(|| RpcError::server("header not found"))
            } else {
                Err(bad("block", &Value::Object(o.clone())))
            }
        }
        Some(other) => Err(bad("block tag", other)),
    }
}

/// The block whose state a read uses: a tag (`pending` is the block being built, whose
/// state before its transactions is the latest state), a number, or EIP-1898's object.
/// Whether that state is still kept is [`Chain::view`]'s check.
pub fn state_block(chain: &Chain, v: Option<&Value>) -> RpcResult<u64> {
    block_number(chain, v)
}

fn opt<'a>(o: &'a Map<String, Value>, k: &str) -> Option<&'a Value> {
    o.get(k).filter(|v| !v.is_null())
}

pub fn access_list(v: &Value) -> RpcResult<Vec<(Address, Vec<B256>)>> {
    let arr = v.as_array().ok_or_else(|| bad("access list", v))?;
    arr.iter()
        .map(|item| {
            let a = address(item.get("address").unwrap_or(&Value::Null))?;
            let keys = match item.get("storageKeys") {
                Some(Value::Array(ks)) => ks.iter().map(b256).collect::<RpcResult<Vec<_>>>()?,
                None | Some(Value::Null) => vec![],
                Some(other) => return Err(bad("storage keys", other)),
            };
            Ok((a, keys))
        })
        .collect()
}

/// A transaction object for `eth_call` / `eth_estimateGas`.
pub fn call_request(v: &Value) -> RpcResult<CallRequest> {
    let o = v.as_object().ok_or_else(|| bad("transaction object", v))?;
    let input = match (opt(o, "input"), opt(o, "data")) {
        (Some(i), _) => bytes(i)?,
        (None, Some(d)) => bytes(d)?,
        _ => Bytes::new(),
    };
    let gas_price = match (opt(o, "gasPrice"), opt(o, "maxFeePerGas")) {
        (Some(p), _) | (None, Some(p)) => Some(u256(p)?.saturating_to::<u128>()),
        _ => None,
    };
    Ok(CallRequest {
        from: opt(o, "from").map(address).transpose()?,
        to: opt(o, "to").map(address).transpose()?,
        gas: opt(o, "gas").map(u64q).transpose()?,
        gas_price,
        value: opt(o, "value").map(u256).transpose()?.unwrap_or_default(),
        input,
        nonce: opt(o, "nonce").map(u64q).transpose()?,
        access_list: opt(o, "accessList")
            .map(access_list)
            .transpose()?
            .unwrap_or_default(),
    })
}

/// Geth's state override set.
pub fn overrides(v: Option<&Value>) -> RpcResult<Vec<(Address, AccountOverride)>> {
    let Some(v) = v.filter(|v| !v.is_null()) else {
        return Ok(vec![]);
    };
    let o = v.as_object().ok_or_else(|| bad("state override set", v))?;
    let slots = |v: &Value| -> RpcResult<Vec<(U256, U256)>> {
        let m = v.as_object().ok_or_else(|| bad("storage override", v))?;
        m.iter()
            .map(|(k, val)| {
                let k = b256(&Value::String(k.clone()))?;
                Ok((U256::from_be_bytes(k.0), U256::from_be_bytes(b256(val)?.0)))
            })
            .collect()
    };
    o.iter()
        .map(|(k, a)| {
            let addr = address(&Value::String(k.clone()))?;
            let a = a.as_object().ok_or_else(|| bad("account override", a))?;
            Ok((
                addr,
                AccountOverride {
                    balance: opt(a, "balance").map(u256).transpose()?,
                    nonce: opt(a, "nonce").map(u64q).transpose()?,
                    code: opt(a, "code").map(bytes).transpose()?,
                    state: opt(a, "state").map(slots).transpose()?,
                    state_diff: opt(a, "stateDiff").map(slots).transpose()?,
                },
            ))
        })
        .collect()
}

// ---- output --------------------------------------------------------------------------

pub fn block_json(chain: &Chain, b: &Block, full: bool) -> Value {
    let txs: Vec<Value> = b
        .transactions
        .iter()
        .map(|h| match (full, chain.txs.get(h)) {
            (true, Some(m)) => tx_json(m),
            _ => json!(h),
        })
        .collect();
    let empty_trie = "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421";
    json!({
        "number": qty(b.number),
        "hash": b.hash,
        "parentHash": b.parent_hash,
        "nonce": "0x0000000000000000",
        "sha3Uncles": "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347",
        "logsBloom": b.logs_bloom,
        "transactionsRoot": empty_trie,
        "stateRoot": empty_trie,
        "receiptsRoot": empty_trie,
        "miner": Address::ZERO,
        "difficulty": "0x1",
        "totalDifficulty": qty(b.number + 1),
        "extraData": "0x",
        "size": "0x200",
        "gasLimit": qty(b.gas_limit),
        "gasUsed": qty(b.gas_used),
        "timestamp": qty(b.timestamp),
        "baseFeePerGas": qty(b.base_fee),
        "mixHash": B256::ZERO,
        "withdrawalsRoot": empty_trie,
        "withdrawals": [],
        "blobGasUsed": "0x0",
        "excessBlobGas": "0x0",
        "parentBeaconBlockRoot": B256::ZERO,
        "uncles": [],
        "transactions": txs,
    })
}

/// `eth_getBlockByNumber("pending")`: the block being built (automine: no transactions
/// yet), with geth's nulls for what it does not have yet.
pub fn pending_block_json(chain: &Chain, full: bool) -> Value {
    let head = chain.head();
    let b = Block {
        number: head.number + 1,
        hash: B256::ZERO,
        parent_hash: head.hash,
        timestamp: chain.next_block_timestamp(),
        gas_used: 0,
        gas_limit: head.gas_limit,
        base_fee: head.base_fee,
        transactions: vec![],
        logs_bloom: Default::default(),
    };
    let mut v = block_json(chain, &b, full);
    v["hash"] = Value::Null;
    v["nonce"] = Value::Null;
    v["miner"] = Value::Null;
    v
}

pub fn tx_json(m: &Mined) -> Value {
    let t = &m.tx;
    let mut v = json!({
        "hash": t.hash,
        "type": qty(t.tx_type as u64),
        "nonce": qty(t.nonce),
        "blockHash": m.block_hash,
        "blockNumber": qty(m.block_number),
        "transactionIndex": qty(m.index),
        "from": t.from,
        "to": t.to,
        "value": qty(t.value),
        "gas": qty(t.gas_limit),
        "input": t.input,
        "r": qty(t.r),
        "s": qty(t.s),
        "gasPrice": qty(U256::from(m.effective_gas_price)),
    });
    if let Some(id) = t.chain_id {
        v["chainId"] = qty(id);
    }
    if t.tx_type == 0 {
        let v_legacy = match t.chain_id {
            Some(id) => id * 2 + 35 + t.y_parity as u64,
            None => 27 + t.y_parity as u64,
        };
        v["v"] = qty(v_legacy);
    } else {
        v["v"] = qty(t.y_parity as u64);
        v["yParity"] = qty(t.y_parity as u64);
        v["accessList"] = Value::Array(
            t.access_list
                .iter()
                .map(|(a, keys)| json!({ "address": a, "storageKeys": keys }))
                .collect(),
        );
    }
    if t.tx_type == 2 {
        v["maxFeePerGas"] = qty(U256::from(t.max_fee));
        v["maxPriorityFeePerGas"] = qty(U256::from(t.max_priority_fee.unwrap_or(0)));
    }
    v
}

pub fn log_json(m: &Mined, i: usize) -> Value {
    let l = &m.logs[i];
    json!({
        "address": l.address,
        "topics": l.topics(),
        "data": l.data.data,
        "blockNumber": qty(m.block_number),
        "blockHash": m.block_hash,
        "transactionHash": m.tx.hash,
        "transactionIndex": qty(m.index),
        "logIndex": qty(i as u64),
        "removed": false,
    })
}

pub fn receipt_json(m: &Mined) -> Value {
    let mut bloom = alloy_primitives::Bloom::ZERO;
    for l in &m.logs {
        bloom.accrue_log(l);
    }
    json!({
        "transactionHash": m.tx.hash,
        "transactionIndex": qty(m.index),
        "blockHash": m.block_hash,
        "blockNumber": qty(m.block_number),
        "from": m.tx.from,
        "to": m.tx.to,
        "cumulativeGasUsed": qty(m.gas_used),
        "gasUsed": qty(m.gas_used),
        "effectiveGasPrice": qty(U256::from(m.effective_gas_price)),
        "contractAddress": m.contract_address,
        "logs": (0..m.logs.len()).map(|i| log_json(m, i)).collect::<Vec<_>>(),
        "logsBloom": bloom,
        "type": qty(m.tx.tx_type as u64),
        "status": qty(m.status as u64),
    })
}
