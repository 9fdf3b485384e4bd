//! The binary and the HTTP server: bad bodies over the wire, and `--state` surviving a
//! SIGTERM and a restart.

mod common;

use std::{
    io::{BufRead, BufReader},
    process::{Child, Command, Stdio},
    sync::{Arc, RwLock},
};

use alloy_primitives::{Address, U256};
use atelier_devnet::{chain::Chain, rpc, server, CHAIN_ID};
use common::*;
use serde_json::json;

#[test]
fn http_errors_keep_the_server_serving() {
    let chain = Arc::new(RwLock::new(Chain::new(CHAIN_ID)));
    let s = server::spawn(chain, "127.0.0.1", 0).unwrap();
    let a = s.addr.to_string();
    let (st, body) = http_post(&a, b"{not json");
    assert_eq!(st, 200);
    assert!(body.contains("-32700"), "{body}");
    let (st, body) = http_post(&a, &vec![b'x'; rpc::MAX_BODY + 10]);
    assert_eq!(st, 413, "{body}");
    assert!(body.contains("too large"));
    let r = http_rpc(&a, "eth_nope", json!([]));
    assert_eq!(r["error"]["code"], -32601);
    let r = http_rpc(&a, "eth_chainId", json!([]));
    assert_eq!(r["result"], "0x64aba");
}

struct Node {
    child: Child,
    addr: String,
}

fn start(state: &std::path::Path) -> Node {
    let mut child = Command::new(env!("CARGO_BIN_EXE_atelier-devnet"))
        .args(["--port", "0", "--state"])
        .arg(state)
        .stdout(Stdio::piped())
        .spawn()
        .expect("start atelier-devnet");
    let out = child.stdout.take().unwrap();
    let mut lines = BufReader::new(out).lines();
    let addr = loop {
        let line = lines.next().expect("output").expect("line");
        if let Some(rest) = line.strip_prefix("Listening on http://") {
            break rest.trim().to_string();
        }
    };
    // Keep draining stdout so the node never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Node { child, addr }
}

fn stop(mut n: Node) {
    unsafe { libc::kill(n.child.id() as i32, libc::SIGTERM) };
    let status = n.child.wait().unwrap();
    assert!(status.success(), "{status}");
}

#[test]
fn state_file_round_trips_through_sigterm() {
    let dir = std::env::temp_dir().join(format!("atelier-devnet-state-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let state = dir.join("chain.json");
    let _ = std::fs::remove_file(&state);

    let n = start(&state);
    // A value transfer and a contract with storage.
    let to = Address::repeat_byte(0x55);
    let raw = raw_1559(
        1,
        0,
        Some(to),
        U256::from(12345),
        Default::default(),
        21_000,
        CHAIN_ID,
    );
    let r = http_rpc(&n.addr, "eth_sendRawTransaction", json!([raw]));
    assert!(r["result"].is_string(), "{r}");
    let raw = raw_1559(
        1,
        1,
        None,
        U256::ZERO,
        initcode(&counter_runtime()),
        200_000,
        CHAIN_ID,
    );
    let h = http_rpc(&n.addr, "eth_sendRawTransaction", json!([raw]))["result"].clone();
    let rc = http_rpc(&n.addr, "eth_getTransactionReceipt", json!([h]))["result"].clone();
    let c: Address = rc["contractAddress"].as_str().unwrap().parse().unwrap();
    let mut call = word(77).to_vec();
    call.truncate(32);
    let raw = raw_1559(1, 2, Some(c), U256::ZERO, call.into(), 100_000, CHAIN_ID);
    http_rpc(&n.addr, "eth_sendRawTransaction", json!([raw]));
    let snapshot = |addr: &str| {
        (
            http_rpc(addr, "eth_getBalance", json!([to, "latest"]))["result"].clone(),
            http_rpc(addr, "eth_getBalance", json!([addr_of(1), "latest"]))["result"].clone(),
            http_rpc(addr, "eth_getStorageAt", json!([c, "0x0", "latest"]))["result"].clone(),
            http_rpc(addr, "eth_getCode", json!([c, "latest"]))["result"].clone(),
            http_rpc(addr, "eth_blockNumber", json!([]))["result"].clone(),
            http_rpc(addr, "eth_getTransactionReceipt", json!([h]))["result"].clone(),
        )
    };
    let before = snapshot(&n.addr);
    stop(n);
    assert!(state.exists());

    let n = start(&state);
    let after = snapshot(&n.addr);
    assert_eq!(before, after);
    assert_eq!(after.0, json!("0x3039"));
    // And the chain goes on from there.
    let raw = raw_1559(
        1,
        3,
        Some(to),
        U256::from(1),
        Default::default(),
        21_000,
        CHAIN_ID,
    );
    let r = http_rpc(&n.addr, "eth_sendRawTransaction", json!([raw]));
    assert!(r["result"].is_string(), "{r}");
    stop(n);
    let _ = std::fs::remove_dir_all(&dir);
}

fn addr_of(i: usize) -> Address {
    addr(i)
}
