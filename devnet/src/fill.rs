//! `eth_fillTransaction`, as geth answers it (`internal/ethapi`: `setDefaults`, then
//! `ToTransaction`): the transaction a client would sign, with what it left out filled
//! in the way this chain fills it, and its unsigned encoding — `{raw, tx}`, `raw` the
//! transaction's binary form with a zero signature (v = r = s = 0), `tx` its JSON.
//!
//! geth's defaults: the sender's next nonce; gas by the same (padded) estimate as
//! `eth_estimateGas`; an EIP-1559 transaction with `maxPriorityFeePerGas` =
//! `eth_maxPriorityFeePerGas` (0 here) and `maxFeePerGas` = tip + 2 × base fee, unless
//! `gasPrice` is given, which makes it a legacy transaction; the chain id.

use alloy_consensus::{SignableTransaction, TxEip1559, TxEnvelope};
use alloy_eips::eip2718::Encodable2718;
use alloy_primitives::{keccak256, Bytes, PrimitiveSignature, TxKind, U256};
use alloy_rlp::{Encodable, Header};
use serde_json::{json, Value};

use crate::{
    chain::{Chain, BASE_FEE},
    error::{RpcError, RpcResult},
    json::{self, qty},
};

pub fn fill_transaction(chain: &Chain, v: &Value) -> RpcResult<Value> {
    let mut req = json::call_request(v)?;
    // call_request merges the fee fields; geth tells them apart.
    let fee = |k: &str| -> RpcResult<Option<u128>> {
        let f = v.get(k).filter(|f| !f.is_null());
        Ok(f.map(json::u256).transpose()?.map(|n| n.saturating_to()))
    };
    let (gas_price, max_fee, tip) = (
        fee("gasPrice")?,
        fee("maxFeePerGas")?,
        fee("maxPriorityFeePerGas")?,
    );
    if gas_price.is_some() && (max_fee.is_some() || tip.is_some()) {
        return Err(RpcError::server(
            "both gasPrice and (maxFeePerGas or maxPriorityFeePerGas) specified",
        ));
    }
    let tip = tip.unwrap_or(0);
    let max_fee = max_fee.unwrap_or(tip + 2 * BASE_FEE as u128);
    if max_fee < tip {
        return Err(RpcError::server(format!(
            "maxFeePerGas ({max_fee}) < maxPriorityFeePerGas ({tip})"
        )));
    }
    if req.to.is_none() && req.input.is_empty() {
        return Err(RpcError::server(
            "contract creation without any data provided",
        ));
    }
    if let Some(id) = v.get("chainId").filter(|f| !f.is_null()) {
        let id = json::u256(id)?;
        if id != U256::from(chain.chain_id) {
            return Err(RpcError::server(format!(
                "chainId does not match node's (have={id}, want={})",
                chain.chain_id
            )));
        }
    }
    let from = req.from.unwrap_or_default();
    let nonce = req.nonce.unwrap_or_else(|| chain.nonce(from));
    req.gas_price = Some(gas_price.unwrap_or(max_fee));
    let gas = match req.gas {
        Some(g) => g,
        None => chain.estimate_gas(&req)?,
    };
    let to = req.to.map(TxKind::Call).unwrap_or(TxKind::Create);
    let common = json!({
        "nonce": qty(nonce),
        "to": req.to,
        "gas": qty(gas),
        "value": qty(req.value),
        "input": req.input,
        "v": "0x0",
        "r": "0x0",
        "s": "0x0",
    });
    let (raw, mut tx) = match gas_price {
        Some(price) => {
            let raw = legacy_unsigned(nonce, price, gas, to, req.value, &req.input);
            (raw, json!({ "type": "0x0", "gasPrice": qty(price) }))
        }
        None => {
            let tx = TxEip1559 {
                chain_id: chain.chain_id,
                nonce,
                gas_limit: gas,
                max_fee_per_gas: max_fee,
                max_priority_fee_per_gas: tip,
                to,
                value: req.value,
                access_list: access_list(&req.access_list),
                input: req.input.clone(),
            };
            let zero = PrimitiveSignature::new(U256::ZERO, U256::ZERO, false);
            let raw = TxEnvelope::from(tx.into_signed(zero)).encoded_2718();
            let list: Vec<Value> = req
                .access_list
                .iter()
                .map(|(a, keys)| json!({ "address": a, "storageKeys": keys }))
                .collect();
            let fields = json!({
                "type": "0x2",
                "chainId": qty(chain.chain_id),
                "maxPriorityFeePerGas": qty(tip),
                "maxFeePerGas": qty(max_fee),
                "accessList": list,
                "yParity": "0x0",
            });
            (raw, fields)
        }
    };
    let o = tx.as_object_mut().expect("an object");
    o.extend(common.as_object().cloned().unwrap_or_default());
    o.insert("hash".into(), json!(keccak256(&raw)));
    Ok(json!({ "raw": Bytes::from(raw), "tx": tx }))
}

/// A legacy transaction's RLP with v = r = s = 0, as geth's `MarshalBinary` writes an
/// unsigned one (alloy writes an EIP-155 signing payload or a v of 27/28 instead).
fn legacy_unsigned(
    nonce: u64,
    price: u128,
    gas: u64,
    to: TxKind,
    value: U256,
    input: &Bytes,
) -> Vec<u8> {
    let fields: [&dyn Encodable; 9] = [&nonce, &price, &gas, &to, &value, input, &0u8, &0u8, &0u8];
    let mut payload = Vec::new();
    for f in fields {
        f.encode(&mut payload);
    }
    let mut out = Vec::new();
    Header {
        list: true,
        payload_length: payload.len(),
    }
    .encode(&mut out);
    out.extend_from_slice(&payload);
    out
}

fn access_list(
    l: &[(alloy_primitives::Address, Vec<alloy_primitives::B256>)],
) -> alloy_eips::eip2930::AccessList {
    alloy_eips::eip2930::AccessList(
        l.iter()
            .map(|(a, keys)| alloy_eips::eip2930::AccessListItem {
                address: *a,
                storage_keys: keys.clone(),
            })
            .collect(),
    )
}
