//! JSON-RPC dispatch: one request (or a batch) in, the response out. Never panics on
//! input; every refusal is a JSON-RPC error and leaves the chain untouched.

use std::sync::RwLock;

use alloy_primitives::{Address, Bytes, B256};
use serde_json::{json, Value};

use crate::{
    chain::{Chain, View, BASE_FEE},
    error::{RpcError, RpcResult},
    filters::{Kind, LogQuery},
    json::{self, qty},
};

/// Largest request body accepted (5 MiB, geth's default).
pub const MAX_BODY: usize = 5 * 1024 * 1024;
/// Largest batch accepted.
pub const MAX_BATCH: usize = 1000;
/// Most blocks one `eth_getLogs` may scan.
pub const MAX_LOG_RANGE: u64 = 100_000;

/// How a request reaches the chain: exclusively (tests, one thread), or through the
/// server's lock, where reads share it (and run detached [`crate::chain::View`]s without
/// it) and writes take it one call at a time.
pub enum Access<'a> {
    Owned(&'a mut Chain),
    Shared(&'a RwLock<Chain>),
}

impl Access<'_> {
    pub fn read<T>(&mut self, f: impl FnOnce(&Chain) -> T) -> T {
        match self {
            Access::Owned(c) => f(c),
            Access::Shared(l) => f(&l.read().unwrap_or_else(|p| p.into_inner())),
        }
    }

    pub fn write<T>(&mut self, f: impl FnOnce(&mut Chain) -> T) -> T {
        match self {
            Access::Owned(c) => f(c),
            Access::Shared(l) => f(&mut l.write().unwrap_or_else(|p| p.into_inner())),
        }
    }
}

/// Handles a request body; `None` only for an all-notification batch.
pub fn handle_body(chain: &mut Chain, body: &[u8]) -> Option<Value> {
    handle_body_with(&mut Access::Owned(chain), body)
}

/// [`handle_body`] for the server: each call of a batch takes the lock on its own.
pub fn handle_body_shared(chain: &RwLock<Chain>, body: &[u8]) -> Option<Value> {
    handle_body_with(&mut Access::Shared(chain), body)
}

fn handle_body_with(acc: &mut Access, body: &[u8]) -> Option<Value> {
    if body.len() > MAX_BODY {
        return Some(error_response(
            Value::Null,
            &RpcError::invalid_request(format!(
                "request too large: {} bytes, limit {MAX_BODY}",
                body.len()
            )),
        ));
    }
    let parsed: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => return Some(error_response(Value::Null, &RpcError::parse(e))),
    };
    match parsed {
        Value::Array(reqs) => {
            if reqs.is_empty() {
                return Some(error_response(
                    Value::Null,
                    &RpcError::invalid_request("empty batch"),
                ));
            }
            if reqs.len() > MAX_BATCH {
                return Some(error_response(
                    Value::Null,
                    &RpcError::invalid_request(format!(
                        "batch too large: {} requests, limit {MAX_BATCH}",
                        reqs.len()
                    )),
                ));
            }
            let out: Vec<Value> = reqs.iter().map(|r| handle_one_with(acc, r)).collect();
            Some(Value::Array(out))
        }
        req => Some(handle_one_with(acc, &req)),
    }
}

fn error_response(id: Value, e: &RpcError) -> Value {
    json!({ "jsonrpc": "2.0", "id": id, "error": e.to_json() })
}

/// One request object.
pub fn handle_one(chain: &mut Chain, req: &Value) -> Value {
    handle_one_with(&mut Access::Owned(chain), req)
}

fn handle_one_with(acc: &mut Access, req: &Value) -> Value {
    let id = req.get("id").cloned().unwrap_or(Value::Null);
    let Some(obj) = req.as_object() else {
        return error_response(id, &RpcError::invalid_request("request must be an object"));
    };
    let Some(method) = obj.get("method").and_then(Value::as_str) else {
        return error_response(id, &RpcError::invalid_request("missing method"));
    };
    let params = match obj.get("params") {
        None | Some(Value::Null) => vec![],
        Some(Value::Array(a)) => a.clone(),
        Some(_) => return error_response(id, &RpcError::invalid_params("params must be an array")),
    };
    match dispatch_with(acc, method, &params) {
        Ok(result) => json!({ "jsonrpc": "2.0", "id": id, "result": result }),
        Err(e) => error_response(id, &e),
    }
}

fn param(params: &[Value], i: usize, what: &str) -> RpcResult<Value> {
    params.get(i).cloned().ok_or_else(|| {
        RpcError::invalid_params(format!("missing value for required argument {i} ({what})"))
    })
}

fn client_version() -> String {
    format!("atelier-devnet/v{}", env!("CARGO_PKG_VERSION"))
}

/// The method table on an exclusively held chain.
pub fn dispatch(chain: &mut Chain, method: &str, p: &[Value]) -> RpcResult<Value> {
    dispatch_with(&mut Access::Owned(chain), method, p)
}

/// A detached view of the state at the block named by `p[i]` (default latest).
fn view_at(acc: &mut Access, p: &[Value], i: usize) -> RpcResult<View> {
    acc.read(|c| {
        let n = json::state_block(c, p.get(i))?;
        c.view(n)
    })
}

fn seconds(v: &Value, what: &str) -> RpcResult<u64> {
    match v {
        Value::Number(n) => n.as_u64().ok_or_else(|| {
            RpcError::invalid_params(format!("{what} must be a non-negative integer"))
        }),
        other => json::u64q(other),
    }
}

/// The method table.
fn dispatch_with(acc: &mut Access, method: &str, p: &[Value]) -> RpcResult<Value> {
    Ok(match method {
        "eth_chainId" => acc.read(|c| qty(c.chain_id)),
        "net_version" => acc.read(|c| json!(c.chain_id.to_string())),
        "net_listening" => json!(true),
        "net_peerCount" => qty(0u64),
        "web3_clientVersion" => json!(client_version()),
        "web3_sha3" => json!(alloy_primitives::keccak256(json::bytes(&param(
            p, 0, "data"
        )?)?)),
        "eth_syncing" | "eth_mining" => json!(false),
        "eth_hashrate" => qty(0u64),
        "eth_coinbase" => json!(Address::ZERO),
        "eth_accounts" => json!(crate::accounts::dev_accounts()
            .iter()
            .map(|a| a.0)
            .collect::<Vec<_>>()),
        "eth_blockNumber" => acc.read(|c| qty(c.head().number)),
        "eth_gasPrice" => qty(BASE_FEE),
        "eth_maxPriorityFeePerGas" => qty(0u64),
        "eth_getBalance" => {
            let a = json::address(&param(p, 0, "address")?)?;
            qty(view_at(acc, p, 1)?.balance(a))
        }
        "eth_getCode" => {
            let a = json::address(&param(p, 0, "address")?)?;
            json!(view_at(acc, p, 1)?.code(a))
        }
        "eth_getStorageAt" => {
            let a = json::address(&param(p, 0, "address")?)?;
            let slot = json::u256(&param(p, 1, "slot")?)
                .or_else(|_| json::b256(&p[1]).map(|b| b.into()))?;
            json!(B256::from(view_at(acc, p, 2)?.storage(a, slot)))
        }
        "eth_getTransactionCount" => {
            let a = json::address(&param(p, 0, "address")?)?;
            qty(view_at(acc, p, 1)?.nonce(a))
        }
        "eth_getProof" => {
            return Err(RpcError::new(
                -32601,
                "the method eth_getProof is not available: the dev chain keeps no state trie \
                 (its blocks carry no state root to prove against); read values with \
                 eth_getBalance, eth_getCode, eth_getStorageAt",
            ))
        }
        "eth_feeHistory" => acc.read(|c| fee_history(c, p))?,
        "eth_call" => {
            let req = json::call_request(&param(p, 0, "transaction")?)?;
            let overrides = json::overrides(p.get(2))?;
            let mut v = view_at(acc, p, 1)?;
            v.override_with(&overrides);
            json!(v.call(&req)?)
        }
        "eth_estimateGas" => {
            let req = json::call_request(&param(p, 0, "transaction")?)?;
            let overrides = json::overrides(p.get(2))?;
            let mut v = view_at(acc, p, 1)?;
            v.override_with(&overrides);
            qty(v.estimate_gas(&req)?)
        }
        "eth_createAccessList" => {
            let req = json::call_request(&param(p, 0, "transaction")?)?;
            let (list, gas) = view_at(acc, p, 1)?.access_list(&req)?;
            json!({
                "accessList": list
                    .iter()
                    .map(|(a, keys)| json!({ "address": a, "storageKeys": keys }))
                    .collect::<Vec<_>>(),
                "gasUsed": qty(gas),
            })
        }
        "eth_sendRawTransaction" => {
            let raw = json::bytes(&param(p, 0, "raw transaction")?)?;
            json!(acc.write(|c| c.send_raw(&raw))?)
        }
        "eth_sendTransaction" => {
            let req = json::call_request(&param(p, 0, "transaction")?)?;
            acc.write(|c| {
                let raw = crate::accounts::sign_request(c, &req)?;
                c.send_raw(&raw).map(|h| json!(h))
            })?
        }
        "eth_fillTransaction" => {
            let tx = param(p, 0, "transaction")?;
            acc.read(|c| crate::fill::fill_transaction(c, &tx))?
        }
        "eth_signTransaction" => {
            let req = json::call_request(&param(p, 0, "transaction")?)?;
            json!(Bytes::from(
                acc.read(|c| crate::accounts::sign_request(c, &req))?
            ))
        }
        "eth_sign" => {
            let a = json::address(&param(p, 0, "address")?)?;
            let data = json::bytes(&param(p, 1, "message")?)?;
            json!(crate::accounts::sign_message(a, &data)?)
        }
        "personal_sign" => {
            let data = json::bytes(&param(p, 0, "message")?)?;
            let a = json::address(&param(p, 1, "address")?)?;
            json!(crate::accounts::sign_message(a, &data)?)
        }
        "eth_signTypedData_v4" | "eth_signTypedData" => {
            let a = json::address(&param(p, 0, "address")?)?;
            json!(crate::accounts::sign_typed_data(
                a,
                &param(p, 1, "typed data")?
            )?)
        }
        "eth_getTransactionByHash" => {
            let h = json::b256(&param(p, 0, "hash")?)?;
            acc.read(|c| c.txs.get(&h).map(json::tx_json).unwrap_or(Value::Null))
        }
        "eth_getTransactionReceipt" => {
            let h = json::b256(&param(p, 0, "hash")?)?;
            acc.read(|c| c.txs.get(&h).map(json::receipt_json).unwrap_or(Value::Null))
        }
        "eth_getBlockByNumber" => {
            let tag = param(p, 0, "block")?;
            let full = bool_param(p, 1)?;
            acc.read(|c| -> RpcResult<Value> {
                if tag == json!("pending") {
                    return Ok(json::pending_block_json(c, full));
                }
                let n = json::block_number(c, Some(&tag))?;
                Ok(c.block(n)
                    .map(|b| json::block_json(c, b, full))
                    .unwrap_or(Value::Null))
            })?
        }
        "eth_getBlockByHash" => {
            let h = json::b256(&param(p, 0, "hash")?)?;
            let full = bool_param(p, 1)?;
            acc.read(|c| {
                c.block_by_hash(h)
                    .map(|b| json::block_json(c, b, full))
                    .unwrap_or(Value::Null)
            })
        }
        "eth_getBlockTransactionCountByNumber"
        | "eth_getBlockTransactionCountByHash"
        | "eth_getBlockReceipts"
        | "eth_getTransactionByBlockNumberAndIndex"
        | "eth_getTransactionByBlockHashAndIndex"
        | "eth_getUncleCountByBlockNumber"
        | "eth_getUncleCountByBlockHash" => {
            let id = param(p, 0, "block")?;
            let by_hash = method.contains("ByHash") || method.contains("BlockHashAnd");
            let index = if method.ends_with("AndIndex") {
                Some(json::u64q(&param(p, 1, "index")?)?)
            } else {
                None
            };
            acc.read(|c| -> RpcResult<Value> {
                let block = if by_hash {
                    c.block_by_hash(json::b256(&id)?)
                } else if id == json!("pending") {
                    // The block being built holds no transaction yet (automine).
                    return Ok(match method {
                        "eth_getBlockReceipts" => json!([]),
                        m if m.ends_with("AndIndex") => Value::Null,
                        _ => qty(0u64),
                    });
                } else {
                    let n = json::block_number(c, Some(&id))?;
                    c.block(n)
                };
                let Some(b) = block else {
                    return Ok(Value::Null);
                };
                Ok(match method {
                    m if m.starts_with("eth_getUncleCount") => qty(0u64),
                    m if m.starts_with("eth_getBlockTransactionCount") => {
                        qty(b.transactions.len() as u64)
                    }
                    "eth_getBlockReceipts" => Value::Array(
                        b.transactions
                            .iter()
                            .filter_map(|h| c.txs.get(h).map(json::receipt_json))
                            .collect(),
                    ),
                    _ => index
                        .and_then(|i| b.transactions.get(usize::try_from(i).ok()?))
                        .and_then(|h| c.txs.get(h))
                        .map(json::tx_json)
                        .unwrap_or(Value::Null),
                })
            })?
        }
        "eth_getLogs" => {
            let f = param(p, 0, "filter")?;
            acc.read(|c| get_logs(c, &f))?
        }
        "eth_newFilter" => {
            let f = param(p, 0, "filter")?;
            acc.read(|c| -> RpcResult<Value> {
                let q = log_query(c, &f, true)?;
                install(c, Kind::Logs(q))
            })?
        }
        "eth_newBlockFilter" => acc.read(|c| install(c, Kind::Blocks))?,
        "eth_newPendingTransactionFilter" => acc.read(|c| install(c, Kind::PendingTransactions))?,
        "eth_getFilterChanges" | "eth_getFilterLogs" => {
            let id = json::u64q(&param(p, 0, "filter id")?)?;
            let all = method == "eth_getFilterLogs";
            acc.read(|c| filter_poll(c, id, all))?
        }
        "eth_uninstallFilter" => {
            let id = json::u64q(&param(p, 0, "filter id")?)?;
            acc.read(|c| {
                json!(c
                    .filters
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .uninstall(id))
            })
        }
        "evm_increaseTime" => {
            let secs = seconds(&param(p, 0, "seconds")?, "seconds")?;
            json!(acc.write(|c| c.increase_time(secs))?)
        }
        "evm_setNextBlockTimestamp" => {
            let ts = seconds(&param(p, 0, "timestamp")?, "timestamp")?;
            acc.write(|c| c.set_next_timestamp(ts))?;
            Value::Null
        }
        "evm_mine" => {
            let ts = match p.first() {
                Some(Value::Number(n)) => n.as_u64(),
                None | Some(Value::Null) => None,
                Some(other) => Some(json::u64q(other)?),
            };
            acc.write(|c| -> RpcResult<()> {
                if let Some(ts) = ts {
                    c.set_next_timestamp(ts)?;
                }
                c.mine_empty().map(|_| ())
            })?;
            json!("0x0")
        }
        "evm_snapshot" => acc.write(|c| qty(c.snapshot() as u64)),
        "evm_revert" => {
            let id = json::u64q(&param(p, 0, "snapshot id")?)?;
            json!(acc.write(|c| c.revert_to(id as usize))?)
        }
        _ => return Err(RpcError::method_not_found(method)),
    })
}

fn install(c: &Chain, kind: Kind) -> RpcResult<Value> {
    let head = c.head().number;
    c.filters
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .install(kind, head)
        .map(qty)
        .ok_or_else(|| RpcError::server("too many filters installed"))
}

fn filter_poll(c: &Chain, id: u64, all: bool) -> RpcResult<Value> {
    let head = c.head().number;
    let mut filters = c.filters.lock().unwrap_or_else(|p| p.into_inner());
    let f = filters
        .poll(id)
        .ok_or_else(|| RpcError::server("filter not found"))?;
    let from_new = f.next_block;
    if !all {
        f.next_block = f.next_block.max(head + 1);
    }
    match &f.kind {
        Kind::Blocks if !all => Ok(Value::Array(
            (from_new..=head)
                .filter_map(|n| c.block(n).map(|b| json!(b.hash)))
                .collect(),
        )),
        Kind::PendingTransactions if !all => Ok(json!([])),
        Kind::Logs(q) => {
            let (from, to) = if all {
                (
                    q.from.unwrap_or(f.installed_at + 1),
                    q.to.unwrap_or(head).min(head),
                )
            } else {
                (
                    from_new.max(q.from.unwrap_or(0)),
                    q.to.unwrap_or(head).min(head),
                )
            };
            if to >= from && to - from > MAX_LOG_RANGE {
                return Err(RpcError::server(format!(
                    "block range too large (max {MAX_LOG_RANGE})"
                )));
            }
            Ok(Value::Array(
                c.logs(from, to, &q.addresses, &q.topics)
                    .into_iter()
                    .map(|(m, i)| json::log_json(m, i))
                    .collect(),
            ))
        }
        _ => Err(RpcError::server("filter not found")),
    }
}

fn bool_param(p: &[Value], i: usize) -> RpcResult<bool> {
    match p.get(i) {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(_) => Err(RpcError::invalid_params(format!(
            "argument {i} must be a boolean"
        ))),
    }
}

fn fee_history(chain: &Chain, p: &[Value]) -> RpcResult<Value> {
    let count_v = param(p, 0, "block count")?;
    let count = match &count_v {
        Value::Number(n) => n
            .as_u64()
            .ok_or_else(|| RpcError::invalid_params("invalid block count"))?,
        other => json::u64q(other)?,
    }
    .clamp(1, 1024);
    let newest =
        json::block_number(chain, Some(&param(p, 1, "newest block")?))?.min(chain.head().number);
    let count = count.min(newest + 1);
    let oldest = newest + 1 - count;
    let percentiles = match p.get(2) {
        Some(Value::Array(a)) => a.len(),
        _ => 0,
    };
    let blocks: Vec<_> = (oldest..=newest).filter_map(|n| chain.block(n)).collect();
    let mut v = json!({
        "oldestBlock": qty(oldest),
        "baseFeePerGas": (0..=blocks.len()).map(|_| qty(BASE_FEE)).collect::<Vec<_>>(),
        "gasUsedRatio": blocks.iter().map(|b| b.gas_used as f64 / b.gas_limit as f64).collect::<Vec<_>>(),
    });
    if p.get(2).is_some() {
        v["reward"] = json!(blocks
            .iter()
            .map(|_| vec![qty(0u64); percentiles])
            .collect::<Vec<_>>());
    }
    Ok(v)
}

/// A log filter object; `for_filter`: unset bounds stay open (`eth_newFilter`).
fn log_query(chain: &Chain, f: &Value, for_filter: bool) -> RpcResult<LogQuery> {
    let o = f
        .as_object()
        .ok_or_else(|| RpcError::invalid_params("filter must be an object"))?;
    let head = chain.head().number;
    let bound = |v: Option<&Value>| -> RpcResult<Option<u64>> {
        match v {
            None | Some(Value::Null) if for_filter => Ok(None),
            Some(Value::String(s)) if for_filter && (s == "latest" || s == "pending") => Ok(None),
            v => json::block_number(chain, v).map(Some),
        }
    };
    let (from, to) = if let Some(h) = o.get("blockHash").filter(|v| !v.is_null()) {
        let h = json::b256(h)?;
        let n = chain
            .block_by_hash(h)
            .map(|b| b.number)
            .ok_or_else(|| RpcError::server("unknown block"))?;
        (Some(n), Some(n))
    } else {
        let from = bound(o.get("fromBlock"))?;
        let to = bound(o.get("toBlock"))?.map(|t| t.min(head));
        (from, to)
    };
    let addresses: Vec<Address> = match o.get("address") {
        None | Some(Value::Null) => vec![],
        Some(Value::Array(a)) => a.iter().map(json::address).collect::<RpcResult<_>>()?,
        Some(v) => vec![json::address(v)?],
    };
    let topics: Vec<Option<Vec<B256>>> = match o.get("topics") {
        None | Some(Value::Null) => vec![],
        Some(Value::Array(ts)) => ts
            .iter()
            .map(|t| match t {
                Value::Null => Ok(None),
                Value::Array(alts) => alts
                    .iter()
                    .map(json::b256)
                    .collect::<RpcResult<Vec<_>>>()
                    .map(Some),
                v => json::b256(v).map(|h| Some(vec![h])),
            })
            .collect::<RpcResult<_>>()?,
        Some(_) => return Err(RpcError::invalid_params("topics must be an array")),
    };
    Ok(LogQuery {
        from,
        to,
        addresses,
        topics,
    })
}

fn get_logs(chain: &Chain, f: &Value) -> RpcResult<Value> {
    let q = log_query(chain, f, false)?;
    let (from, to) = (q.from.unwrap_or(0), q.to.unwrap_or(0));
    if to >= from && to - from > MAX_LOG_RANGE {
        return Err(RpcError::server(format!(
            "block range too large (max {MAX_LOG_RANGE})"
        )));
    }
    Ok(Value::Array(
        chain
            .logs(from, to, &q.addresses, &q.topics)
            .into_iter()
            .map(|(m, i)| json::log_json(m, i))
            .collect(),
    ))
}
