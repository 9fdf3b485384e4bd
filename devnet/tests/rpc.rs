//! Every JSON-RPC method, each bad input (its error code, state unchanged), snapshots
//! and time, driven through the dispatcher of an in-process chain.

mod common;

use alloy_consensus::{SignableTransaction, TxEip1559, TxEnvelope};
use alloy_eips::eip2718::Encodable2718;
use alloy_primitives::{Address, Bytes, PrimitiveSignature, TxKind, U256};
use atelier_devnet::{chain::BASE_FEE, rpc, CHAIN_ID};
use common::*;
use serde_json::{json, Value};

fn eth(n: u64) -> U256 {
    U256::from(n) * U256::from(10u64).pow(U256::from(18u64))
}

fn q(v: &Value) -> U256 {
    let s = v.as_str().unwrap();
    U256::from_str_radix(s.trim_start_matches("0x"), 16).unwrap()
}

#[test]
fn identity_and_fee_methods() {
    let mut d = Dev::new();
    assert_eq!(d.ok("eth_chainId", json!([])), json!("0x64aba"));
    assert_eq!(d.ok("net_version", json!([])), json!("412346"));
    assert!(d
        .ok("web3_clientVersion", json!([]))
        .as_str()
        .unwrap()
        .starts_with("atelier-devnet/"));
    assert_eq!(d.ok("eth_blockNumber", json!([])), json!("0x0"));
    assert_eq!(q(&d.ok("eth_gasPrice", json!([]))), U256::from(BASE_FEE));
    assert_eq!(d.ok("eth_maxPriorityFeePerGas", json!([])), json!("0x0"));
    let fh = d.ok("eth_feeHistory", json!(["0x4", "latest", [25, 75]]));
    assert_eq!(fh["oldestBlock"], json!("0x0"));
    assert_eq!(fh["baseFeePerGas"].as_array().unwrap().len(), 2);
    assert_eq!(fh["reward"][0].as_array().unwrap().len(), 2);
    assert_eq!(
        q(&d.ok("eth_getBalance", json!([addr(0), "latest"]))),
        eth(10_000)
    );
    assert_eq!(
        d.ok("eth_getTransactionCount", json!([addr(0), "latest"])),
        json!("0x0")
    );
    assert_eq!(d.ok("eth_getCode", json!([addr(0), "latest"])), json!("0x"));
    let accts = d.ok("eth_accounts", json!([]));
    assert_eq!(accts.as_array().unwrap().len(), 6);
}

#[test]
fn three_transaction_types_mine_one_block_each() {
    let mut d = Dev::new();
    let to = Address::repeat_byte(0x42);
    let raws = [
        raw_legacy(1, 0, Some(to), U256::from(1), Bytes::new(), 21_000),
        raw_2930(1, 1, Some(to), U256::from(2), Bytes::new(), 30_000),
        raw_1559(
            1,
            2,
            Some(to),
            U256::from(3),
            Bytes::new(),
            21_000,
            CHAIN_ID,
        ),
    ];
    let before = d.balance(addr(1));
    let mut spent = U256::ZERO;
    for (i, raw) in raws.iter().enumerate() {
        let h = d.ok("eth_sendRawTransaction", json!([raw]));
        let r = d.ok("eth_getTransactionReceipt", json!([h]));
        assert_eq!(r["status"], "0x1");
        assert_eq!(r["type"], json!(format!("0x{i}")));
        assert_eq!(r["blockNumber"], json!(format!("0x{:x}", i + 1)));
        assert_eq!(r["gasUsed"], json!("0x5208"));
        spent += q(&r["gasUsed"]) * q(&r["effectiveGasPrice"]);
        let t = d.ok("eth_getTransactionByHash", json!([h]));
        assert_eq!(t["from"], json!(addr(1)));
        assert_eq!(t["type"], json!(format!("0x{i}")));
        let b = d.ok(
            "eth_getBlockByNumber",
            json!([format!("0x{:x}", i + 1), false]),
        );
        assert_eq!(b["transactions"], json!([h]));
        let bh = d.ok("eth_getBlockByHash", json!([b["hash"], true]));
        assert_eq!(bh["transactions"][0]["hash"], h);
    }
    assert_eq!(d.balance(to), U256::from(6));
    assert_eq!(d.balance(addr(1)), before - U256::from(6) - spent);
    assert_eq!(d.ok("eth_blockNumber", json!([])), json!("0x3"));
    assert_eq!(
        d.ok("eth_getTransactionCount", json!([addr(1), "latest"])),
        json!("0x3")
    );
    assert_eq!(
        d.ok(
            "eth_getTransactionReceipt",
            json!([format!("0x{}", "11".repeat(32))])
        ),
        Value::Null
    );
    assert_eq!(
        d.ok("eth_getBlockByNumber", json!(["0x99", false])),
        Value::Null
    );
}

#[test]
fn evm_contract_call_storage_logs_estimate() {
    let mut d = Dev::new();
    let c = d.deploy_evm(&counter_runtime());
    let code = d.ok("eth_getCode", json!([c, "latest"]));
    assert_eq!(
        code.as_str().unwrap(),
        format!("0x{}", alloy_primitives::hex::encode(counter_runtime()))
    );
    // eth_call returns the value and does not store it.
    let out = d.call(addr(0), c, U256::ZERO, &word(7)).unwrap();
    assert_eq!(out.as_ref(), &word(7));
    assert_eq!(d.storage(c, 0), U256::ZERO);
    let gas = q(&d.ok(
        "eth_estimateGas",
        json!([{ "from": addr(0), "to": c, "data": Bytes::from(word(7).to_vec()) }]),
    ));
    assert!(
        gas > U256::from(21_000 + 20_000) && gas < U256::from(60_000),
        "{gas}"
    );
    let r = d.send_gas(0, Some(c), U256::ZERO, word(7).to_vec(), gas.to());
    assert_eq!(r["status"], "0x1", "the estimate is enough: {r}");
    let slot = d.ok("eth_getStorageAt", json!([c, "0x0", "latest"]));
    assert_eq!(
        slot,
        json!(format!("0x{}", alloy_primitives::hex::encode(word(7))))
    );
    assert_eq!(
        r["logs"][0]["topics"][0],
        json!(format!("0x{}", "aa".repeat(32)))
    );
    let logs = d.ok(
        "eth_getLogs",
        json!([{ "fromBlock": "0x0", "toBlock": "latest", "address": c }]),
    );
    assert_eq!(logs.as_array().unwrap().len(), 1);
    assert_eq!(logs[0]["transactionHash"], r["transactionHash"]);
    let none = d.ok(
        "eth_getLogs",
        json!([{ "fromBlock": "0x0", "topics": [format!("0x{}", "bb".repeat(32))] }]),
    );
    assert_eq!(none, json!([]));
    let by_topic = d.ok(
        "eth_getLogs",
        json!([{ "blockHash": r["blockHash"], "topics": [[format!("0x{}", "aa".repeat(32))]] }]),
    );
    assert_eq!(by_topic.as_array().unwrap().len(), 1);
}

#[test]
fn reverts_come_back_like_geth() {
    let mut d = Dev::new();
    let c = d.deploy_evm(&reverter_runtime());
    let e = d.call(addr(0), c, U256::ZERO, &[]).unwrap_err();
    assert_eq!(e.code, 3);
    assert_eq!(e.message, "execution reverted");
    assert_eq!(e.data, Some(json!(Bytes::from(boom_42()))));
    let e = d
        .rpc("eth_estimateGas", json!([{ "from": addr(0), "to": c }]))
        .unwrap_err();
    assert_eq!((e.code, e.data), (3, Some(json!(Bytes::from(boom_42())))));
    // Mined anyway when sent: status 0.
    let r = d.send_gas(0, Some(c), U256::ZERO, vec![], 100_000);
    assert_eq!(r["status"], "0x0");
}

#[test]
fn eth_call_state_overrides() {
    let mut d = Dev::new();
    let who = Address::repeat_byte(0x77);
    let c = Address::repeat_byte(0x66);
    let overrides = json!({
        c.to_string(): { "code": Bytes::from(sink_runtime()), "stateDiff": { format!("0x{}", "00".repeat(32)): format!("0x{}", "11".repeat(32)) } },
        who.to_string(): { "balance": "0xffffffffffffffffffff" },
    });
    let out = d.ok(
        "eth_call",
        json!([{ "from": who, "to": c, "value": "0x5" }, "latest", overrides]),
    );
    assert_eq!(out, json!(Bytes::from(word(5).to_vec())));
    // Nothing stayed.
    assert_eq!(d.ok("eth_getCode", json!([c, "latest"])), json!("0x"));
    assert_eq!(d.balance(who), U256::ZERO);
}

fn assert_refused(d: &mut Dev, method: &str, params: Value, code: i64, contains: &str) {
    let before = fingerprint(&d.chain);
    let e = d.rpc(method, params).expect_err(method);
    assert_eq!(e.code, code, "{method}: {e:?}");
    assert!(
        e.message.contains(contains),
        "{method}: {:?} lacks {contains:?}",
        e.message
    );
    assert_eq!(fingerprint(&d.chain), before, "{method} changed state");
}

#[test]
fn bad_inputs_are_refused_and_change_nothing() {
    let mut d = Dev::new();
    d.send(0, Some(Address::repeat_byte(1)), U256::from(1), vec![]);
    let to = Some(Address::repeat_byte(2));
    // Body-level errors.
    let before = fingerprint(&d.chain);
    let r = rpc::handle_body(&mut d.chain, b"{\"jsonrpc\":\"2.0\",").unwrap();
    assert_eq!(r["error"]["code"], -32700);
    let r = rpc::handle_body(&mut d.chain, b"[]").unwrap();
    assert_eq!(r["error"]["code"], -32600);
    let r = rpc::handle_body(&mut d.chain, b"{\"id\":1}").unwrap();
    assert_eq!(r["error"]["code"], -32600);
    let big = vec![b' '; rpc::MAX_BODY + 1];
    let r = rpc::handle_body(&mut d.chain, &big).unwrap();
    assert_eq!(r["error"]["code"], -32600);
    assert!(r["error"]["message"]
        .as_str()
        .unwrap()
        .contains("too large"));
    let r = rpc::handle_body(&mut d.chain, br#"[{"jsonrpc":"2.0","id":1,"method":"eth_chainId"},{"jsonrpc":"2.0","id":2,"method":"nope"}]"#).unwrap();
    assert_eq!(r[0]["result"], "0x64aba");
    assert_eq!(r[1]["error"]["code"], -32601);
    assert_eq!(fingerprint(&d.chain), before);

    assert_refused(
        &mut d,
        "eth_frobnicate",
        json!([]),
        -32601,
        "does not exist",
    );
    assert_refused(
        &mut d,
        "eth_getBalance",
        json!(["0x1234", "latest"]),
        -32602,
        "invalid address",
    );
    assert_refused(&mut d, "eth_getBalance", json!([]), -32602, "missing value");
    assert_refused(
        &mut d,
        "eth_getBlockByNumber",
        json!(["yesterday", false]),
        -32602,
        "invalid",
    );
    assert_refused(
        &mut d,
        "eth_sendRawTransaction",
        json!(["0xzz"]),
        -32602,
        "invalid hex",
    );
    assert_refused(
        &mut d,
        "eth_sendRawTransaction",
        json!(["0x"]),
        -32602,
        "empty",
    );
    assert_refused(
        &mut d,
        "eth_sendRawTransaction",
        json!(["0xc0ffee"]),
        -32602,
        "rlp",
    );
    assert_refused(
        &mut d,
        "eth_call",
        json!([{ "to": "0xnothex" }]),
        -32602,
        "invalid",
    );

    // Transactions the pool refuses, with geth's messages.
    let n = d.nonce(0);
    let wrong_chain = raw_1559(0, n, to, U256::from(1), Bytes::new(), 21_000, 1);
    assert_refused(
        &mut d,
        "eth_sendRawTransaction",
        json!([wrong_chain]),
        -32000,
        "invalid chain id",
    );
    let low = raw_1559(0, n - 1, to, U256::from(9), Bytes::new(), 21_000, CHAIN_ID);
    assert_refused(
        &mut d,
        "eth_sendRawTransaction",
        json!([low]),
        -32000,
        "nonce too low",
    );
    let high = raw_1559(0, n + 5, to, U256::from(1), Bytes::new(), 21_000, CHAIN_ID);
    assert_refused(
        &mut d,
        "eth_sendRawTransaction",
        json!([high]),
        -32000,
        "nonce too high",
    );
    let greedy = raw_1559(0, n, to, eth(20_000), Bytes::new(), 21_000, CHAIN_ID);
    assert_refused(
        &mut d,
        "eth_sendRawTransaction",
        json!([greedy]),
        -32000,
        "insufficient funds",
    );
    let starved = raw_1559(0, n, to, U256::from(1), Bytes::new(), 20_000, CHAIN_ID);
    assert_refused(
        &mut d,
        "eth_sendRawTransaction",
        json!([starved]),
        -32000,
        "intrinsic gas too low",
    );
    // A bad signature: r = 0 recovers no one.
    let tx = TxEip1559 {
        chain_id: CHAIN_ID,
        nonce: n,
        gas_limit: 21_000,
        max_fee_per_gas: GWEI,
        max_priority_fee_per_gas: 0,
        to: TxKind::Call(Address::repeat_byte(2)),
        value: U256::from(1),
        access_list: Default::default(),
        input: Bytes::new(),
    };
    let bad: TxEnvelope = tx
        .into_signed(PrimitiveSignature::new(U256::ZERO, U256::from(1), false))
        .into();
    let bad: Bytes = bad.encoded_2718().into();
    assert_refused(
        &mut d,
        "eth_sendRawTransaction",
        json!([bad]),
        -32000,
        "invalid sender",
    );
    // A funded-nowhere key.
    let stranger = {
        let key = k256_key([7u8; 32]);
        let tx = TxEip1559 {
            chain_id: CHAIN_ID,
            nonce: 0,
            gas_limit: 21_000,
            max_fee_per_gas: GWEI,
            max_priority_fee_per_gas: 0,
            to: TxKind::Call(Address::repeat_byte(2)),
            value: U256::ZERO,
            access_list: Default::default(),
            input: Bytes::new(),
        };
        let (sig, rec) = key
            .sign_prehash_recoverable(tx.signature_hash().as_slice())
            .unwrap();
        let env: TxEnvelope = tx
            .into_signed(PrimitiveSignature::from_signature_and_parity(
                sig,
                rec.is_y_odd(),
            ))
            .into();
        Bytes::from(env.encoded_2718())
    };
    assert_refused(
        &mut d,
        "eth_sendRawTransaction",
        json!([stranger]),
        -32000,
        "insufficient funds",
    );
    // The same transaction twice.
    let good = raw_1559(0, n, to, U256::from(1), Bytes::new(), 21_000, CHAIN_ID);
    d.ok("eth_sendRawTransaction", json!([good.clone()]));
    assert_refused(
        &mut d,
        "eth_sendRawTransaction",
        json!([good]),
        -32000,
        "already known",
    );
    // The server keeps serving.
    assert_eq!(d.ok("eth_chainId", json!([])), json!("0x64aba"));
}

fn k256_key(b: [u8; 32]) -> k256::ecdsa::SigningKey {
    k256::ecdsa::SigningKey::from_bytes(&b.into()).unwrap()
}

#[test]
fn snapshots_and_time() {
    let mut d = Dev::new();
    let t0 = q(&d.ok("eth_getBlockByNumber", json!(["latest", false]))["timestamp"]).to::<u64>();
    let snap = d.ok("evm_snapshot", json!([]));
    d.send(0, Some(Address::repeat_byte(3)), U256::from(5), vec![]);
    assert_eq!(d.balance(Address::repeat_byte(3)), U256::from(5));
    assert_eq!(d.ok("evm_revert", json!([snap])), json!(true));
    assert_eq!(d.balance(Address::repeat_byte(3)), U256::ZERO);
    assert_eq!(d.ok("eth_blockNumber", json!([])), json!("0x0"));
    assert_eq!(
        d.ok("evm_revert", json!([snap])),
        json!(false),
        "a snapshot is used once"
    );

    d.ok("evm_increaseTime", json!([3600]));
    d.ok("evm_mine", json!([]));
    let t1 = q(&d.ok("eth_getBlockByNumber", json!(["latest", false]))["timestamp"]).to::<u64>();
    assert!(t1 >= t0 + 3600, "{t0} -> {t1}");
    d.ok("evm_setNextBlockTimestamp", json!([t1 + 100_000]));
    d.send(0, Some(Address::repeat_byte(3)), U256::from(1), vec![]);
    let t2 = q(&d.ok("eth_getBlockByNumber", json!(["latest", false]))["timestamp"]).to::<u64>();
    assert_eq!(t2, t1 + 100_000);
    d.ok("evm_mine", json!([]));
    let t3 = q(&d.ok("eth_getBlockByNumber", json!(["latest", false]))["timestamp"]).to::<u64>();
    assert!(
        t3 >= t2 && t3 < t2 + 60,
        "time keeps counting from the set timestamp: {t2} -> {t3}"
    );
    let e = d.rpc("evm_setNextBlockTimestamp", json!([1])).unwrap_err();
    assert_eq!(e.code, -32602);
}

/// Random bodies, random params and random "raw transactions": always a JSON-RPC answer,
/// never a panic, never a state change.
#[test]
fn garbage_never_panics_nor_changes_state() {
    let mut d = Dev::new();
    d.send(0, Some(Address::repeat_byte(9)), U256::from(1), vec![]);
    let before = fingerprint(&d.chain);
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let methods = [
        "eth_sendRawTransaction",
        "eth_call",
        "eth_estimateGas",
        "eth_getBalance",
        "eth_getLogs",
        "eth_getBlockByNumber",
        "eth_feeHistory",
        "eth_getStorageAt",
        "evm_revert",
        "evm_increaseTime",
    ];
    for i in 0..3000 {
        let len = (next() % 300) as usize;
        let bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
        if i % 3 == 0 {
            // Raw bodies.
            let _ = rpc::handle_body(&mut d.chain, &bytes);
        } else {
            // Well-formed requests with hostile params.
            let m = methods[(next() % methods.len() as u64) as usize];
            let hex = format!("0x{}", alloy_primitives::hex::encode(&bytes));
            let p = match next() % 6 {
                0 => json!([hex]),
                1 => json!([{ "to": hex, "data": hex }]),
                2 => json!([{ "fromBlock": hex, "toBlock": "latest", "topics": [[hex]] }]),
                3 => json!([hex, hex, hex]),
                4 => json!([-1, null, {}, []]),
                _ => {
                    json!([{ "from": format!("0x{}", "11".repeat(20)), "to": format!("0x{}", "22".repeat(20)), "value": hex, "gas": hex }])
                }
            };
            if m == "evm_revert" || m == "evm_increaseTime" {
                continue; // these change state by design
            }
            let r = rpc::handle_one(
                &mut d.chain,
                &json!({ "jsonrpc": "2.0", "id": i, "method": m, "params": p }),
            );
            assert!(r.get("result").is_some() || r.get("error").is_some(), "{r}");
        }
    }
    assert_eq!(fingerprint(&d.chain), before);
}

#[test]
fn eth_send_transaction_signs_for_dev_accounts_only() {
    let mut d = Dev::new();
    let to = Address::repeat_byte(0x31);
    let h = d.ok(
        "eth_sendTransaction",
        json!([{ "from": addr(2), "to": to, "value": "0x10" }]),
    );
    let r = d.ok("eth_getTransactionReceipt", json!([h]));
    assert_eq!(r["status"], "0x1");
    assert_eq!(r["from"], json!(addr(2)));
    assert_eq!(d.balance(to), U256::from(16));
    let before = fingerprint(&d.chain);
    let e = d
        .rpc(
            "eth_sendTransaction",
            json!([{ "from": to, "to": addr(2), "value": "0x1" }]),
        )
        .unwrap_err();
    assert_eq!(e.code, -32000);
    assert!(e.message.contains("unknown account"));
    assert_eq!(fingerprint(&d.chain), before);
}

#[test]
fn estimate_gas_takes_state_overrides() {
    let mut d = Dev::new();
    let c = Address::repeat_byte(0x67);
    let overrides = json!({ c.to_string(): { "code": Bytes::from(counter_runtime()) } });
    let with = q(&d.ok("eth_estimateGas", json!([{ "from": addr(0), "to": c, "data": Bytes::from(word(3).to_vec()) }, "latest", overrides])));
    let without = q(&d.ok(
        "eth_estimateGas",
        json!([{ "from": addr(0), "to": c, "data": Bytes::from(word(3).to_vec()) }]),
    ));
    assert!(with > without + U256::from(20_000), "{with} vs {without}");
    assert_eq!(d.ok("eth_getCode", json!([c, "latest"])), json!("0x"));
}

/// `eth_fillTransaction` answers as geth: `{raw, tx}`, nonce, gas (the estimate), fees
/// and chain id filled, `raw` the unsigned encoding; signed as is, it mines.
#[test]
fn fill_transaction_fills_like_geth() {
    let mut d = Dev::new();
    let c = d.deploy_evm(&counter_runtime());
    let data = Bytes::from(word(3).to_vec());
    let req = json!({ "from": addr(0), "to": c, "data": data });
    let filled = d.ok("eth_fillTransaction", json!([req]));
    let tx = &filled["tx"];
    let estimate = d.ok("eth_estimateGas", json!([req]));
    assert_eq!(tx["type"], "0x2");
    assert_eq!(tx["chainId"], json!(format!("{CHAIN_ID:#x}")));
    assert_eq!(tx["nonce"], json!(format!("{:#x}", d.nonce(0))));
    assert_eq!(tx["gas"], estimate);
    assert_eq!(tx["maxPriorityFeePerGas"], "0x0");
    assert_eq!(q(&tx["maxFeePerGas"]), U256::from(2 * BASE_FEE));
    assert_eq!(tx["to"], json!(c));
    assert_eq!(tx["input"], json!(data));
    assert_eq!(tx["accessList"], json!([]));
    assert_eq!(
        (&tx["v"], &tx["r"], &tx["s"]),
        (&json!("0x0"), &json!("0x0"), &json!("0x0"))
    );
    // `raw` is the transaction with a zero signature, and `hash` its hash, as geth's
    // MarshalBinary and Hash of the unsigned transaction.
    let unsigned = TxEip1559 {
        chain_id: CHAIN_ID,
        nonce: d.nonce(0),
        gas_limit: q(&tx["gas"]).to(),
        max_fee_per_gas: 2 * BASE_FEE as u128,
        max_priority_fee_per_gas: 0,
        to: TxKind::Call(c),
        value: U256::ZERO,
        access_list: Default::default(),
        input: data.clone(),
    };
    let zero = PrimitiveSignature::new(U256::ZERO, U256::ZERO, false);
    let raw: Bytes = TxEnvelope::from(unsigned.clone().into_signed(zero))
        .encoded_2718()
        .into();
    assert_eq!(filled["raw"], json!(raw));
    assert_eq!(tx["hash"], json!(alloy_primitives::keccak256(&raw)));
    // Signed as filled, it is mined.
    let key = atelier_devnet::accounts::signing_key(0);
    let (sig, rec) = key
        .sign_prehash_recoverable(unsigned.signature_hash().as_slice())
        .unwrap();
    let sig = PrimitiveSignature::from_signature_and_parity(sig, rec.is_y_odd());
    let signed: Bytes = TxEnvelope::from(unsigned.into_signed(sig))
        .encoded_2718()
        .into();
    let h = d.ok("eth_sendRawTransaction", json!([signed]));
    assert_eq!(
        d.ok("eth_getTransactionReceipt", json!([h]))["status"],
        "0x1"
    );
    let next = d.ok("eth_fillTransaction", json!([req]));
    assert_eq!(next["tx"]["nonce"], json!(format!("{:#x}", d.nonce(0))));

    // `gasPrice` makes it a legacy transaction: RLP with v = r = s = 0, no chain id.
    let legacy = d.ok(
        "eth_fillTransaction",
        json!([{ "from": addr(1), "to": c, "gasPrice": "0x3b9aca00", "gas": "0x7530", "nonce": "0x7" }]),
    );
    let t = &legacy["tx"];
    assert_eq!(
        (&t["type"], &t["gasPrice"], &t["gas"], &t["nonce"]),
        (
            &json!("0x0"),
            &json!("0x3b9aca00"),
            &json!("0x7530"),
            &json!("0x7")
        )
    );
    assert!(t.get("chainId").is_none() && t.get("maxFeePerGas").is_none());
    let raw = alloy_primitives::hex::decode(legacy["raw"].as_str().unwrap()).unwrap();
    let header = alloy_rlp::Header::decode(&mut &raw[..]).unwrap();
    assert!(header.list);
    assert!(raw.ends_with(&[0x80, 0x80, 0x80]), "{raw:x?}");
    assert_eq!(t["hash"], json!(alloy_primitives::keccak256(&raw)));
    // A contract creation's `to` is null.
    let create = d.ok(
        "eth_fillTransaction",
        json!([{ "from": addr(0), "data": initcode(&counter_runtime()) }]),
    );
    assert_eq!(create["tx"]["to"], Value::Null);

    // Refusals, each with geth's message; nothing changes.
    let reverter = d.deploy_evm(&reverter_runtime());
    let before = fingerprint(&d.chain);
    for (req, code, msg) in [
        (
            json!({ "from": addr(0), "to": c, "gasPrice": "0x1", "maxFeePerGas": "0x1" }),
            -32000,
            "both gasPrice and (maxFeePerGas or maxPriorityFeePerGas) specified",
        ),
        (
            json!({ "from": addr(0), "to": c, "maxFeePerGas": "0x1", "maxPriorityFeePerGas": "0x2" }),
            -32000,
            "maxFeePerGas (1) < maxPriorityFeePerGas (2)",
        ),
        (
            json!({ "from": addr(0), "to": c, "chainId": "0x1" }),
            -32000,
            "chainId does not match node's (have=1, want=412346)",
        ),
        (
            json!({ "from": addr(0) }),
            -32000,
            "contract creation without any data provided",
        ),
        (
            json!({ "from": addr(0), "to": reverter }),
            3,
            "execution reverted",
        ),
    ] {
        let e = d.rpc("eth_fillTransaction", json!([req])).unwrap_err();
        assert_eq!((e.code, e.message.as_str()), (code, msg), "{req}");
    }
    let e = d.rpc("eth_fillTransaction", json!([])).unwrap_err();
    assert_eq!(e.code, -32602);
    assert_eq!(fingerprint(&d.chain), before);
}
