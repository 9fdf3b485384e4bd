//! JSON-RPC dispatch: one request (or a batch) in, the response out. Never panics on
//! input; every refusal is a JSON-RPC error and leaves the chain untouched.

use alloy_primitives::{Address, B256};
use serde_json::{json, Value};

use crate::{
    chain::{Chain, BASE_FEE},
    error::{RpcError, RpcResult},
    json::{self, qty},
};

/// Largest request body accepted (5 MiB, geth's default).
pub const MAX_BODY: usize = 5 * 1024 * 1024;
/// Largest batch accepted.
pub const MAX_BATCH: usize = 1000;
/// Most blocks one `eth_getLogs` may scan.
pub const MAX_LOG_RANGE: u64 = 100_000;

/// Handles a request body; `None` only for an all-notification batch.
pub fn handle_body(chain: &mut Chain, body: &[u8]) -> Option<Value> {
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
                    &RpcError::invalid_request("batch too large"),
                ));
            }
            let out: Vec<Value> = reqs.iter().map(|r| handle_one(chain, r)).collect();
            Some(Value::Array(out))
        }
        req => Some(handle_one(chain, &req)),
    }
}

fn error_response(id: Value, e: &RpcError) -> Value {
    json!({ "jsonrpc": "2.0", "id": id, "error": e.to_json() })
}

/// One request object.
pub fn handle_one(chain: &mut Chain, req: &Value) -> Value {
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
    match dispatch(chain, method, &params) {
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

/// The method table.
pub fn dispatch(chain: &mut Chain, method: &str, p: &[Value]) -> RpcResult<Value> {
    Ok(match method {
        "eth_chainId" => qty(chain.chain_id),
        "net_version" => json!(chain.chain_id.to_string()),
        "net_listening" => json!(true),
        "web3_clientVersion" => json!(client_version()),
        "eth_syncing" | "eth_mining" => json!(false),
        "eth_accounts" => json!(crate::accounts::dev_accounts()
            .iter()
            .map(|a| a.0)
            .collect::<Vec<_>>()),
        "eth_blockNumber" => qty(chain.head().number),
        "eth_gasPrice" => qty(BASE_FEE),
        "eth_maxPriorityFeePerGas" => qty(0u64),
        "eth_getBalance" => {
            let a = json::address(&param(p, 0, "address")?)?;
            json::block_number(chain, p.get(1))?;
            qty(chain.balance(a))
        }
        "eth_getCode" => {
            let a = json::address(&param(p, 0, "address")?)?;
            json::block_number(chain, p.get(1))?;
            json!(chain.code(a))
        }
        "eth_getStorageAt" => {
            let a = json::address(&param(p, 0, "address")?)?;
            let slot = json::u256(&param(p, 1, "slot")?)
                .or_else(|_| json::b256(&p[1]).map(|b| b.into()))?;
            json::block_number(chain, p.get(2))?;
            json!(B256::from(chain.storage(a, slot)))
        }
        "eth_getTransactionCount" => {
            let a = json::address(&param(p, 0, "address")?)?;
            json::block_number(chain, p.get(1))?;
            qty(chain.nonce(a))
        }
        "eth_feeHistory" => fee_history(chain, p)?,
        "eth_call" => {
            let req = json::call_request(&param(p, 0, "transaction")?)?;
            json::block_number(chain, p.get(1))?;
            let overrides = json::overrides(p.get(2))?;
            json!(chain.call(&req, &overrides)?)
        }
        "eth_estimateGas" => {
            let req = json::call_request(&param(p, 0, "transaction")?)?;
            json::block_number(chain, p.get(1))?;
            let overrides = json::overrides(p.get(2))?;
            qty(chain.estimate_gas_with(&req, &overrides)?)
        }
        "eth_sendRawTransaction" => {
            let raw = json::bytes(&param(p, 0, "raw transaction")?)?;
            json!(chain.send_raw(&raw)?)
        }
        "eth_sendTransaction" => {
            let req = json::call_request(&param(p, 0, "transaction")?)?;
            let raw = crate::accounts::sign_request(chain, &req)?;
            json!(chain.send_raw(&raw)?)
        }
        "eth_getTransactionByHash" => {
            let h = json::b256(&param(p, 0, "hash")?)?;
            chain.txs.get(&h).map(json::tx_json).unwrap_or(Value::Null)
        }
        "eth_getTransactionReceipt" => {
            let h = json::b256(&param(p, 0, "hash")?)?;
            chain
                .txs
                .get(&h)
                .map(json::receipt_json)
                .unwrap_or(Value::Null)
        }
        "eth_getBlockByNumber" => {
            let n = json::block_number(chain, Some(&param(p, 0, "block")?))?;
            let full = bool_param(p, 1)?;
            chain
                .block(n)
                .map(|b| json::block_json(chain, b, full))
                .unwrap_or(Value::Null)
        }
        "eth_getBlockByHash" => {
            let h = json::b256(&param(p, 0, "hash")?)?;
            let full = bool_param(p, 1)?;
            chain
                .block_by_hash(h)
                .map(|b| json::block_json(chain, b, full))
                .unwrap_or(Value::Null)
        }
        "eth_getLogs" => get_logs(chain, &param(p, 0, "filter")?)?,
        "evm_increaseTime" => {
            let v = param(p, 0, "seconds")?;
            let secs = match &v {
                Value::Number(n) => n.as_u64().ok_or_else(|| {
                    RpcError::invalid_params("seconds must be a non-negative integer")
                })?,
                other => json::u64q(other)?,
            };
            json!(chain.increase_time(secs))
        }
        "evm_setNextBlockTimestamp" => {
            let v = param(p, 0, "timestamp")?;
            let ts = match &v {
                Value::Number(n) => n.as_u64().ok_or_else(|| {
                    RpcError::invalid_params("timestamp must be a non-negative integer")
                })?,
                other => json::u64q(other)?,
            };
            chain.set_next_timestamp(ts)?;
            Value::Null
        }
        "evm_mine" => {
            if let Some(v) = p.first() {
                let ts = match v {
                    Value::Number(n) => n.as_u64(),
                    Value::Null => None,
                    other => Some(json::u64q(other)?),
                };
                if let Some(ts) = ts {
                    chain.set_next_timestamp(ts)?;
                }
            }
            chain.mine_empty();
            json!("0x0")
        }
        "evm_snapshot" => qty(chain.snapshot() as u64),
        "evm_revert" => {
            let id = json::u64q(&param(p, 0, "snapshot id")?)?;
            json!(chain.revert_to(id as usize))
        }
        _ => return Err(RpcError::method_not_found(method)),
    })
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

fn get_logs(chain: &Chain, f: &Value) -> RpcResult<Value> {
    let o = f
        .as_object()
        .ok_or_else(|| RpcError::invalid_params("filter must be an object"))?;
    let (from, to) = if let Some(h) = o.get("blockHash").filter(|v| !v.is_null()) {
        let h = json::b256(h)?;
        let n = chain
            .block_by_hash(h)
            .map(|b| b.number)
            .ok_or_else(|| RpcError::server("unknown block"))?;
        (n, n)
    } else {
        let head = chain.head().number;
        let from = json::block_number(chain, o.get("fromBlock"))?;
        let to = json::block_number(chain, o.get("toBlock"))?.min(head);
        (from, to)
    };
    if to >= from && to - from > MAX_LOG_RANGE {
        return Err(RpcError::server(format!(
            "block range too large (max {MAX_LOG_RANGE})"
        )));
    }
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
    Ok(Value::Array(
        chain
            .logs(from, to, &addresses, &topics)
            .into_iter()
            .map(|(m, i)| json::log_json(m, i))
            .collect(),
    ))
}
