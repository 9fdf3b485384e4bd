//! Issue 18's dev-chain surface, through the dispatcher of an in-process chain:
//! estimates that hold across a second boundary, state at past blocks (and the error
//! past `--history`), `pending`, dev-account signing, filters with expiry, the block
//! and receipt lookups, `eth_createAccessList`, `eth_getProof`'s refusal, Multicall3.

mod common;

use alloy_primitives::{keccak256, Address, Bytes, PrimitiveSignature, B256, U256};
use alloy_sol_types::{sol, SolCall};
use atelier_devnet::{multicall3, CHAIN_ID};
use common::*;
use serde_json::{json, Value};

fn q(v: &Value) -> u64 {
    u64::from_str_radix(v.as_str().unwrap().trim_start_matches("0x"), 16).unwrap()
}

/// "Checkpointer": like a votes checkpoint, the first call in a second writes a fresh
/// slot (zero to non-zero, 22,100 gas), later calls in that second only bump a counter.
///   TIMESTAMP PUSH1 0 SLOAD DUP2 EQ PUSH1 same JUMPI           [t]
///   DUP1 PUSH1 0 SSTORE                                         sstore(0, t)
///   PUSH1 1 SLOAD PUSH1 1 ADD DUP1 PUSH1 1 SSTORE               c+1 at slot 1
///   PUSH2 0x100 ADD SSTORE STOP                                 sstore(0x100+c+1, t)
///   same: JUMPDEST POP PUSH1 2 SLOAD PUSH1 1 ADD PUSH1 2 SSTORE STOP
pub fn checkpointer_runtime() -> Vec<u8> {
    vec![
        0x42, 0x60, 0x00, 0x54, 0x81, 0x14, 0x60, 0x1d, 0x57, // 0..=8
        0x80, 0x60, 0x00, 0x55, // 9..=12
        0x60, 0x01, 0x54, 0x60, 0x01, 0x01, 0x80, 0x60, 0x01, 0x55, // 13..=22
        0x61, 0x01, 0x00, 0x01, 0x55, 0x00, // 23..=28
        0x5b, 0x50, 0x60, 0x02, 0x54, 0x60, 0x01, 0x01, 0x60, 0x02, 0x55, 0x00, // 29..
    ]
}

#[test]
fn estimates_hold_when_the_next_block_falls_in_a_new_second() {
    let mut d = Dev::new();
    let c = d.deploy_evm(&checkpointer_runtime());
    let t = d.chain.head().timestamp + 10;
    d.ok("evm_setNextBlockTimestamp", json!([t]));
    let r = d.send(0, Some(c), U256::ZERO, vec![]);
    assert_eq!(r["status"], "0x1");
    let new_second_gas = q(&r["gasUsed"]);
    // Pin the next block to the same second: the cheap path, estimated exactly + 1/64.
    d.ok("evm_setNextBlockTimestamp", json!([t]));
    let pinned = q(&d.ok("eth_estimateGas", json!([{ "from": addr(0), "to": c }])));
    let r = d.send(0, Some(c), U256::ZERO, vec![]);
    let same_second_gas = q(&r["gasUsed"]);
    assert!(
        same_second_gas + 15_000 < new_second_gas,
        "{same_second_gas} vs {new_second_gas}"
    );
    assert_eq!(r["status"], "0x1");
    assert_eq!(pinned, same_second_gas + same_second_gas / 64);
    // Unpinned, still in second t (the clock is behind t): the estimate covers the next
    // second too, so the limit holds when the block falls in t + 1.
    d.ok("evm_setNextBlockTimestamp", json!([t]));
    let cheap = d.send(0, Some(c), U256::ZERO, vec![]);
    assert_eq!(cheap["status"], "0x1");
    d.ok("evm_setNextBlockTimestamp", json!([t]));
    let this_second = q(&d.ok("eth_estimateGas", json!([{ "from": addr(0), "to": c }])));
    d.chain.next_timestamp = None;
    d.chain.time_offset = t - now_secs(); // next block in second t, unless the clock ticks
    let est = q(&d.ok("eth_estimateGas", json!([{ "from": addr(0), "to": c }])));
    assert!(
        est > this_second + 15_000,
        "estimate {est}: only this second's {this_second}"
    );
    d.ok("evm_increaseTime", json!([1]));
    let r = d.send_gas(0, Some(c), U256::ZERO, vec![], this_second);
    assert_eq!(
        r["status"], "0x0",
        "this second's figure runs out of gas in the next: {r}"
    );
    d.chain.time_offset = t - now_secs();
    let est = q(&d.ok("eth_estimateGas", json!([{ "from": addr(0), "to": c }])));
    d.ok("evm_increaseTime", json!([1]));
    let r = d.send_gas(0, Some(c), U256::ZERO, vec![], est);
    assert_eq!(
        r["status"], "0x1",
        "mined in a new second with the estimate as the limit: {r}"
    );
    let used = q(&r["gasUsed"]);
    assert!(est >= used && est <= used + used / 32, "{est} for {used}");
    // eth_sendTransaction without gas uses the same estimate.
    d.chain.time_offset = d.chain.head().timestamp - now_secs();
    let h = d.ok("eth_sendTransaction", json!([{ "from": addr(1), "to": c }]));
    let r = d.ok("eth_getTransactionReceipt", json!([h]));
    assert_eq!(r["status"], "0x1");
}

fn now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

#[test]
fn state_at_past_blocks_and_pending() {
    let mut d = Dev::new();
    let to = Address::repeat_byte(0x42);
    d.send(1, Some(to), U256::from(100), vec![]); // block 1
    let c = d.deploy_evm(&counter_runtime()); // block 2
    d.send(1, Some(c), U256::ZERO, word(7).to_vec()); // block 3
    d.send(1, Some(to), U256::from(5), vec![]); // block 4
    d.send(1, Some(c), U256::ZERO, word(9).to_vec()); // block 5
    let head = q(&d.ok("eth_blockNumber", json!([])));
    assert_eq!(head, 5);
    let bal = |d: &mut Dev, b: Value| q(&d.ok("eth_getBalance", json!([to, b])));
    assert_eq!(bal(&mut d, json!("earliest")), 0);
    assert_eq!(bal(&mut d, json!("0x1")), 100);
    assert_eq!(bal(&mut d, json!("0x3")), 100);
    assert_eq!(bal(&mut d, json!("0x4")), 105);
    assert_eq!(bal(&mut d, json!("latest")), 105);
    assert_eq!(bal(&mut d, json!("pending")), 105);
    let h2 = d.ok("eth_getBlockByNumber", json!(["0x2", false]))["hash"].clone();
    assert_eq!(bal(&mut d, json!({ "blockHash": h2 })), 100);
    assert_eq!(bal(&mut d, json!({ "blockNumber": "0x0" })), 0);
    // Code, storage, nonce and calls.
    assert_eq!(d.ok("eth_getCode", json!([c, "0x1"])), json!("0x"));
    assert_eq!(
        d.ok("eth_getCode", json!([c, "0x2"])),
        json!(Bytes::from(counter_runtime()))
    );
    let slot = |d: &mut Dev, b: &str| d.ok("eth_getStorageAt", json!([c, "0x0", b]));
    assert_eq!(slot(&mut d, "0x2"), json!(B256::ZERO));
    assert_eq!(slot(&mut d, "0x3"), json!(B256::from(U256::from(7))));
    assert_eq!(slot(&mut d, "0x4"), json!(B256::from(U256::from(7))));
    assert_eq!(slot(&mut d, "latest"), json!(B256::from(U256::from(9))));
    let nonce = |d: &mut Dev, b: &str| q(&d.ok("eth_getTransactionCount", json!([addr(1), b])));
    assert_eq!(
        (
            nonce(&mut d, "0x0"),
            nonce(&mut d, "0x3"),
            nonce(&mut d, "latest")
        ),
        (0, 2, 4)
    );
    // A call at block 1 sees no contract (empty return); at block 3 it runs the code.
    let call = json!({ "from": addr(0), "to": c, "data": Bytes::from(word(1).to_vec()) });
    assert_eq!(d.ok("eth_call", json!([call, "0x1"])), json!("0x"));
    assert_eq!(
        d.ok("eth_call", json!([call, "0x3"])),
        json!(Bytes::from(word(1).to_vec()))
    );
    // Calls at an older block run in the block after it (number, timestamp).
    let number_code = vec![
        0x43, 0x60, 0, 0x52, 0x42, 0x60, 0x20, 0x52, 0x60, 0x40, 0x60, 0, 0xf3,
    ];
    let probe = Address::repeat_byte(0x77);
    let ov = json!({ probe.to_string(): { "code": Bytes::from(number_code) } });
    let out = d.ok("eth_call", json!([{ "to": probe }, "0x2", ov]));
    let out: Bytes = out.as_str().unwrap().parse().unwrap();
    let b3 = d.ok("eth_getBlockByNumber", json!(["0x3", false]));
    assert_eq!(U256::from_be_slice(&out[..32]), U256::from(3));
    assert_eq!(
        U256::from_be_slice(&out[32..]),
        U256::from(q(&b3["timestamp"]))
    );
    // A future block is not answered from the present.
    let e = d.rpc("eth_getBalance", json!([to, "0x9"])).unwrap_err();
    assert_eq!(e.code, -32000);
    assert!(e.message.contains("header not found"), "{}", e.message);
    // `pending`: the block being built.
    let p = d.ok("eth_getBlockByNumber", json!(["pending", false]));
    assert_eq!(q(&p["number"]), 6);
    assert_eq!(p["hash"], Value::Null);
    assert!(
        q(&p["timestamp"])
            >= q(&d.ok("eth_getBlockByNumber", json!(["latest", false]))["timestamp"])
    );
    assert_eq!(
        d.ok("eth_getBlockTransactionCountByNumber", json!(["pending"])),
        json!("0x0")
    );
    // Past --history: a clear error naming the oldest block kept.
    d.chain.history_limit = 2;
    d.ok("evm_mine", json!([])); // block 6; blocks 4.. keep their state
    assert_eq!(bal(&mut d, json!("0x4")), 105);
    let e = d.rpc("eth_getBalance", json!([to, "0x3"])).unwrap_err();
    assert_eq!(e.code, -32000);
    assert!(
        e.message.contains("oldest block with state is 4"),
        "{}",
        e.message
    );
    assert_eq!(e.data, Some(json!({ "oldestBlock": "0x4" })));
    let e = d.rpc("eth_call", json!([call, "earliest"])).unwrap_err();
    assert!(e.message.contains("not kept"), "{}", e.message);
    // Blocks themselves stay.
    assert_eq!(
        q(&d.ok("eth_getBlockByNumber", json!(["0x1", false]))["number"]),
        1
    );
}

#[test]
fn history_survives_snapshots_and_reverts() {
    let mut d = Dev::new();
    let to = Address::repeat_byte(0x43);
    d.send(0, Some(to), U256::from(1), vec![]);
    let snap = d.ok("evm_snapshot", json!([]));
    d.send(0, Some(to), U256::from(2), vec![]);
    assert_eq!(q(&d.ok("eth_getBalance", json!([to, "0x1"]))), 1);
    d.ok("evm_revert", json!([snap]));
    assert_eq!(q(&d.ok("eth_blockNumber", json!([]))), 1);
    assert!(d.rpc("eth_getBalance", json!([to, "0x2"])).is_err());
    assert_eq!(q(&d.ok("eth_getBalance", json!([to, "0x0"]))), 0);
}

fn recover(sig: &Value, hash: B256) -> Address {
    let b: Bytes = sig.as_str().unwrap().parse().unwrap();
    assert_eq!(b.len(), 65);
    assert!(b[64] == 27 || b[64] == 28);
    PrimitiveSignature::try_from(&b[..])
        .unwrap()
        .recover_address_from_prehash(&hash)
        .unwrap()
}

#[test]
fn dev_accounts_sign_messages_typed_data_and_transactions() {
    let mut d = Dev::new();
    let msg = b"hello atelier";
    let hash = alloy_primitives::eip191_hash_message(msg);
    let s1 = d.ok("eth_sign", json!([addr(2), Bytes::from(&msg[..])]));
    let s2 = d.ok("personal_sign", json!([Bytes::from(&msg[..]), addr(2)]));
    assert_eq!(s1, s2);
    assert_eq!(recover(&s1, hash), addr(2));
    let e = d
        .rpc("personal_sign", json!(["0x00", Address::repeat_byte(1)]))
        .unwrap_err();
    assert!(e.message.contains("only the dev accounts"), "{}", e.message);
    // EIP-712 (the spec's Mail example): its signing hash is known.
    let typed = json!({
        "types": {
            "EIP712Domain": [
                { "name": "name", "type": "string" }, { "name": "version", "type": "string" },
                { "name": "chainId", "type": "uint256" }, { "name": "verifyingContract", "type": "address" }
            ],
            "Person": [{ "name": "name", "type": "string" }, { "name": "wallet", "type": "address" }],
            "Mail": [
                { "name": "from", "type": "Person" }, { "name": "to", "type": "Person" },
                { "name": "contents", "type": "string" }
            ]
        },
        "primaryType": "Mail",
        "domain": { "name": "Ether Mail", "version": "1", "chainId": 1,
                    "verifyingContract": "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC" },
        "message": {
            "from": { "name": "Cow", "wallet": "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826" },
            "to": { "name": "Bob", "wallet": "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB" },
            "contents": "Hello, Bob!"
        }
    });
    let known: B256 = "0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2"
        .parse()
        .unwrap();
    let sig = d.ok("eth_signTypedData_v4", json!([addr(3), typed]));
    assert_eq!(recover(&sig, known), addr(3));
    // Wallets send the typed data as JSON text.
    let sig2 = d.ok("eth_signTypedData_v4", json!([addr(3), typed.to_string()]));
    assert_eq!(sig, sig2);
    let e = d
        .rpc("eth_signTypedData_v4", json!([addr(3), { "types": 1 }]))
        .unwrap_err();
    assert_eq!(e.code, -32602);
    // eth_signTransaction: a raw transaction eth_sendRawTransaction accepts.
    let raw = d.ok(
        "eth_signTransaction",
        json!([{ "from": addr(4), "to": addr(5), "value": "0x7" }]),
    );
    assert_eq!(
        q(&d.ok("eth_blockNumber", json!([]))),
        0,
        "signing mines nothing"
    );
    let h = d.ok("eth_sendRawTransaction", json!([raw]));
    let r = d.ok("eth_getTransactionReceipt", json!([h]));
    assert_eq!(r["status"], "0x1");
    assert_eq!(r["from"], json!(addr(4)));
}

#[test]
fn filters_report_new_blocks_and_logs_and_expire() {
    let mut d = Dev::new();
    let c = d.deploy_evm(&counter_runtime());
    let blocks = d.ok("eth_newBlockFilter", json!([]));
    let logs = d.ok(
        "eth_newFilter",
        json!([{ "address": c, "topics": [B256::from(COUNTER_TOPIC)] }]),
    );
    let other = d.ok(
        "eth_newFilter",
        json!([{ "address": Address::repeat_byte(9) }]),
    );
    let pending = d.ok("eth_newPendingTransactionFilter", json!([]));
    assert_eq!(d.ok("eth_getFilterChanges", json!([blocks])), json!([]));
    let r1 = d.send(0, Some(c), U256::ZERO, word(1).to_vec());
    let r2 = d.send(0, Some(c), U256::ZERO, word(2).to_vec());
    let changes = d.ok("eth_getFilterChanges", json!([blocks]));
    assert_eq!(changes, json!([r1["blockHash"], r2["blockHash"]]));
    assert_eq!(d.ok("eth_getFilterChanges", json!([blocks])), json!([]));
    let l = d.ok("eth_getFilterChanges", json!([logs]));
    assert_eq!(l.as_array().unwrap().len(), 2);
    assert_eq!(l[1]["data"], json!(Bytes::from(word(2).to_vec())));
    assert_eq!(d.ok("eth_getFilterChanges", json!([logs])), json!([]));
    d.send(0, Some(c), U256::ZERO, word(3).to_vec());
    assert_eq!(
        d.ok("eth_getFilterChanges", json!([logs]))
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        d.ok("eth_getFilterLogs", json!([logs]))
            .as_array()
            .unwrap()
            .len(),
        3
    );
    assert_eq!(d.ok("eth_getFilterChanges", json!([other])), json!([]));
    assert_eq!(d.ok("eth_getFilterChanges", json!([pending])), json!([]));
    // A filter over a fixed range.
    let ranged = d.ok(
        "eth_newFilter",
        json!([{ "fromBlock": "0x2", "toBlock": "0x2" }]),
    );
    assert_eq!(
        d.ok("eth_getFilterLogs", json!([ranged]))
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(d.ok("eth_uninstallFilter", json!([other])), json!(true));
    assert_eq!(d.ok("eth_uninstallFilter", json!([other])), json!(false));
    let e = d.rpc("eth_getFilterChanges", json!([other])).unwrap_err();
    assert_eq!((e.code, e.message.as_str()), (-32000, "filter not found"));
    // Not polled for 5 minutes: gone.
    d.chain
        .filters
        .lock()
        .unwrap()
        .age_all(atelier_devnet::filters::FILTER_TIMEOUT);
    let e = d.rpc("eth_getFilterChanges", json!([blocks])).unwrap_err();
    assert_eq!(e.message, "filter not found");
}

#[test]
fn block_lookups_receipts_access_lists_and_identity() {
    let mut d = Dev::new();
    let c = d.deploy_evm(&counter_runtime());
    let p = d.deploy_evm(&proxy_runtime());
    let mut data = [0u8; 32];
    data[12..].copy_from_slice(c.as_slice());
    let mut call = data.to_vec();
    call.extend_from_slice(&word(5));
    let r = d.send(0, Some(p), U256::ZERO, call.clone());
    let n = r["blockNumber"].clone();
    assert_eq!(
        d.ok("eth_getBlockTransactionCountByNumber", json!([n])),
        json!("0x1")
    );
    assert_eq!(
        d.ok(
            "eth_getBlockTransactionCountByHash",
            json!([r["blockHash"]])
        ),
        json!("0x1")
    );
    assert_eq!(
        d.ok("eth_getBlockTransactionCountByNumber", json!(["0x0"])),
        json!("0x0")
    );
    assert_eq!(
        d.ok("eth_getBlockTransactionCountByNumber", json!(["0x99"])),
        Value::Null
    );
    let t = d.ok("eth_getTransactionByBlockNumberAndIndex", json!([n, "0x0"]));
    assert_eq!(t["hash"], r["transactionHash"]);
    let t = d.ok(
        "eth_getTransactionByBlockHashAndIndex",
        json!([r["blockHash"], "0x0"]),
    );
    assert_eq!(t["hash"], r["transactionHash"]);
    assert_eq!(
        d.ok("eth_getTransactionByBlockNumberAndIndex", json!([n, "0x1"])),
        Value::Null
    );
    assert_eq!(d.ok("eth_getBlockReceipts", json!([n])), json!([r]));
    assert_eq!(d.ok("eth_getBlockReceipts", json!(["0x0"])), json!([]));
    assert_eq!(d.ok("eth_coinbase", json!([])), json!(Address::ZERO));
    assert_eq!(d.ok("net_peerCount", json!([])), json!("0x0"));
    // The proxy's callee and its slot; sender and recipient left out, as geth does.
    let al = d.ok(
        "eth_createAccessList",
        json!([{ "from": addr(0), "to": p, "data": Bytes::from(call) }, "latest"]),
    );
    assert_eq!(
        al["accessList"],
        json!([{ "address": c, "storageKeys": [B256::ZERO] }])
    );
    assert!(q(&al["gasUsed"]) > 21_000);
    let e = d.rpc("eth_getProof", json!([c, [], "latest"])).unwrap_err();
    assert_eq!(e.code, -32601);
    assert!(e.message.contains("no state trie"), "{}", e.message);
}

sol! {
    struct Call3 { address target; bool allowFailure; bytes callData; }
    struct Result3 { bool success; bytes returnData; }
    function aggregate3(Call3[] calls) payable returns (Result3[] returnData);
    function getBlockNumber() view returns (uint256 blockNumber);
    function getEthBalance(address addr) view returns (uint256 balance);
}

#[test]
fn multicall3_at_its_canonical_address() {
    let mut d = Dev::new();
    assert_eq!(
        multicall3::ADDRESS.to_string(),
        "0xcA11bde05977b3631167028862bE2a173976CA11"
    );
    assert_eq!(
        d.ok("eth_getCode", json!([multicall3::ADDRESS, "latest"])),
        json!(multicall3::runtime())
    );
    let r = d.deploy_evm(&reverter_runtime());
    d.ok("evm_mine", json!([]));
    let calls = vec![
        Call3 {
            target: multicall3::ADDRESS,
            allowFailure: false,
            callData: getBlockNumberCall {}.abi_encode().into(),
        },
        Call3 {
            target: multicall3::ADDRESS,
            allowFailure: false,
            callData: getEthBalanceCall { addr: addr(3) }.abi_encode().into(),
        },
        Call3 {
            target: r,
            allowFailure: true,
            callData: Bytes::new(),
        },
    ];
    let data = aggregate3Call { calls }.abi_encode();
    let out = d.ok(
        "eth_call",
        json!([{ "to": multicall3::ADDRESS, "data": Bytes::from(data) }, "latest"]),
    );
    let out: Bytes = out.as_str().unwrap().parse().unwrap();
    let res = aggregate3Call::abi_decode_returns(&out, true)
        .unwrap()
        .returnData;
    assert!(res[0].success && res[1].success && !res[2].success);
    // Calls run in the block being built: number = head + 1.
    assert_eq!(U256::from_be_slice(&res[0].returnData), U256::from(3));
    assert_eq!(U256::from_be_slice(&res[1].returnData), d.balance(addr(3)));
    assert_eq!(res[2].returnData, Bytes::from(boom_42()));
    let _ = (keccak256([]), CHAIN_ID);
}
