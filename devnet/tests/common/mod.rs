//! Test helpers: an in-process chain driven through the JSON-RPC dispatcher, signed
//! transactions from the dev keys, EVM and Stylus deployment.
#![allow(dead_code)]

use alloy_consensus::{SignableTransaction, TxEip1559, TxEip2930, TxEnvelope, TxLegacy};
use alloy_eips::eip2718::Encodable2718;
use alloy_primitives::{Address, Bytes, PrimitiveSignature, TxKind, B256, U256};
use atelier_devnet::{accounts, chain::Chain, rpc, CHAIN_ID};
use serde_json::{json, Value};

pub const GWEI: u128 = 1_000_000_000;

pub struct Dev {
    pub chain: Chain,
}

/// A JSON-RPC error as returned on the wire.
#[derive(Debug, Clone)]
pub struct WireError {
    pub code: i64,
    pub message: String,
    pub data: Option<Value>,
}

pub fn addr(i: usize) -> Address {
    accounts::dev_accounts()[i].0
}

fn signature(i: usize, hash: B256) -> PrimitiveSignature {
    let key = accounts::signing_key(i);
    let (sig, rec) = key.sign_prehash_recoverable(hash.as_slice()).expect("sign");
    PrimitiveSignature::from_signature_and_parity(sig, rec.is_y_odd())
}

pub fn raw_1559(
    i: usize,
    nonce: u64,
    to: Option<Address>,
    value: U256,
    input: Bytes,
    gas: u64,
    chain_id: u64,
) -> Bytes {
    let tx = TxEip1559 {
        chain_id,
        nonce,
        gas_limit: gas,
        max_fee_per_gas: GWEI,
        max_priority_fee_per_gas: 0,
        to: to.map(TxKind::Call).unwrap_or(TxKind::Create),
        value,
        access_list: Default::default(),
        input,
    };
    let sig = signature(i, tx.signature_hash());
    let env: TxEnvelope = tx.into_signed(sig).into();
    env.encoded_2718().into()
}

pub fn raw_legacy(
    i: usize,
    nonce: u64,
    to: Option<Address>,
    value: U256,
    input: Bytes,
    gas: u64,
) -> Bytes {
    let tx = TxLegacy {
        chain_id: Some(CHAIN_ID),
        nonce,
        gas_price: GWEI,
        gas_limit: gas,
        to: to.map(TxKind::Call).unwrap_or(TxKind::Create),
        value,
        input,
    };
    let sig = signature(i, tx.signature_hash());
    let env: TxEnvelope = tx.into_signed(sig).into();
    env.encoded_2718().into()
}

pub fn raw_2930(
    i: usize,
    nonce: u64,
    to: Option<Address>,
    value: U256,
    input: Bytes,
    gas: u64,
) -> Bytes {
    let tx = TxEip2930 {
        chain_id: CHAIN_ID,
        nonce,
        gas_price: GWEI,
        gas_limit: gas,
        to: to.map(TxKind::Call).unwrap_or(TxKind::Create),
        value,
        access_list: Default::default(),
        input,
    };
    let sig = signature(i, tx.signature_hash());
    let env: TxEnvelope = tx.into_signed(sig).into();
    env.encoded_2718().into()
}

/// EVM init code returning `runtime`.
pub fn initcode(runtime: &[u8]) -> Bytes {
    let n = runtime.len();
    assert!(n < 65536);
    // PUSH2 n DUP1 PUSH1 14 PUSH1 0 CODECOPY PUSH1 0 RETURN
    let mut c = vec![
        0x61,
        (n >> 8) as u8,
        n as u8,
        0x80,
        0x60,
        14,
        0x60,
        0,
        0x39,
        0x60,
        0,
        0xf3,
    ];
    c.extend_from_slice(&[0, 0]); // padding up to offset 14
    c.extend_from_slice(runtime);
    c.into()
}

/// cargo-stylus' deployment prelude (see stylus-tools' DeploymentCalldata): PUSH32 len,
/// DUP1, PUSH1 43, PUSH1 0, CODECOPY, PUSH1 0, RETURN, version byte, then the code.
pub fn stylus_initcode(code: &[u8]) -> Bytes {
    let mut c = vec![0x7f];
    c.extend_from_slice(&U256::from(code.len()).to_be_bytes::<32>());
    c.extend_from_slice(&[0x80, 0x60, 43, 0x60, 0x00, 0x39, 0x60, 0x00, 0xf3, 0x00]);
    c.extend_from_slice(code);
    c.into()
}

/// Deployed Stylus form: 0xEFF000, dictionary 0, brotli (quality 11, window 22).
pub fn stylus_code(wasm: &[u8]) -> Vec<u8> {
    let mut out = vec![0xEF, 0xF0, 0x00, 0x00];
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    let mut input = wasm;
    brotli::BrotliCompress(&mut input, &mut out, &params).expect("compress");
    out
}

pub fn word(v: u64) -> [u8; 32] {
    U256::from(v).to_be_bytes::<32>()
}

pub fn selector(sig: &str) -> [u8; 4] {
    alloy_primitives::keccak256(sig.as_bytes())[..4]
        .try_into()
        .unwrap()
}

impl Dev {
    pub fn new() -> Self {
        Self {
            chain: Chain::new(CHAIN_ID),
        }
    }

    pub fn rpc(&mut self, method: &str, params: Value) -> Result<Value, WireError> {
        let req = json!({ "jsonrpc": "2.0", "id": 7, "method": method, "params": params });
        let resp = rpc::handle_one(&mut self.chain, &req);
        assert_eq!(resp["id"], json!(7));
        if let Some(e) = resp.get("error") {
            return Err(WireError {
                code: e["code"].as_i64().unwrap(),
                message: e["message"].as_str().unwrap().to_string(),
                data: e.get("data").cloned(),
            });
        }
        Ok(resp["result"].clone())
    }

    pub fn ok(&mut self, method: &str, params: Value) -> Value {
        self.rpc(method, params)
            .unwrap_or_else(|e| panic!("{method}: {e:?}"))
    }

    pub fn nonce(&mut self, i: usize) -> u64 {
        self.chain.nonce(addr(i))
    }

    pub fn balance(&self, a: Address) -> U256 {
        self.chain.balance(a)
    }

    /// Sends a 1559 transaction from dev account `i`; returns the receipt.
    pub fn send(
        &mut self,
        i: usize,
        to: Option<Address>,
        value: U256,
        input: impl Into<Bytes>,
    ) -> Value {
        self.send_gas(i, to, value, input, 30_000_000)
    }

    pub fn send_gas(
        &mut self,
        i: usize,
        to: Option<Address>,
        value: U256,
        input: impl Into<Bytes>,
        gas: u64,
    ) -> Value {
        let n = self.nonce(i);
        let raw = raw_1559(i, n, to, value, input.into(), gas, CHAIN_ID);
        let hash = self.ok("eth_sendRawTransaction", json!([raw]));
        self.ok("eth_getTransactionReceipt", json!([hash]))
    }

    pub fn deploy_evm(&mut self, runtime: &[u8]) -> Address {
        let r = self.send(0, None, U256::ZERO, initcode(runtime));
        assert_eq!(r["status"], "0x1", "deploy failed: {r}");
        r["contractAddress"].as_str().unwrap().parse().unwrap()
    }

    /// Deploys Stylus code as cargo-stylus does (no activation).
    pub fn deploy_stylus_code(&mut self, code: &[u8]) -> Address {
        let r = self.send(0, None, U256::ZERO, stylus_initcode(code));
        assert_eq!(r["status"], "0x1", "deploy failed: {r}");
        r["contractAddress"].as_str().unwrap().parse().unwrap()
    }

    /// Activates through ArbWasm with a generous fee (the excess is refunded).
    pub fn activate(&mut self, program: Address) -> Value {
        let mut data = selector("activateProgram(address)").to_vec();
        data.extend_from_slice(&[0u8; 12]);
        data.extend_from_slice(program.as_slice());
        let fee = U256::from(10u64).pow(U256::from(17u64));
        self.send(0, Some(atelier_devnet::precompiles::ARB_WASM), fee, data)
    }

    pub fn deploy_wasm(&mut self, wasm: &[u8]) -> Address {
        let a = self.deploy_stylus_code(&stylus_code(wasm));
        let r = self.activate(a);
        assert_eq!(r["status"], "0x1", "activation failed: {r}");
        a
    }

    pub fn call(
        &mut self,
        from: Address,
        to: Address,
        value: U256,
        data: &[u8],
    ) -> Result<Bytes, WireError> {
        let v = self.rpc(
            "eth_call",
            json!([{ "from": from, "to": to, "value": format!("{value:#x}"), "data": Bytes::copy_from_slice(data) }, "latest"]),
        )?;
        Ok(v.as_str().unwrap().parse().unwrap())
    }

    pub fn storage(&self, a: Address, slot: u64) -> U256 {
        self.chain.storage(a, U256::from(slot))
    }
}

// ---- hand-assembled EVM contracts (opcodes commented) --------------------------------

/// Counter: stores calldata word 0 at slot 0, logs it under topic 0xaa..aa, returns it.
pub fn counter_runtime() -> Vec<u8> {
    let mut c = vec![
        0x60, 0x00, 0x35, // PUSH1 0 CALLDATALOAD          [v]
        0x80, 0x60, 0x00, 0x55, // DUP1 PUSH1 0 SSTORE      [v]
        0x60, 0x00, 0x52, // PUSH1 0 MSTORE                []
        0x7f, // PUSH32 topic
    ];
    c.extend_from_slice(&[0xaa; 32]);
    c.extend_from_slice(&[
        0x60, 0x20, 0x60, 0x00, 0xa1, // PUSH1 32 PUSH1 0 LOG1
        0x60, 0x20, 0x60, 0x00, 0xf3, // PUSH1 32 PUSH1 0 RETURN
    ]);
    c
}

pub const COUNTER_TOPIC: [u8; 32] = [0xaa; 32];

/// Reverter: always reverts with `Boom(uint256 42)`.
pub fn reverter_runtime() -> Vec<u8> {
    let mut c = vec![0x7f]; // PUSH32 selector << 224
    let mut w = [0u8; 32];
    w[..4].copy_from_slice(&selector("Boom(uint256)"));
    c.extend_from_slice(&w);
    c.extend_from_slice(&[
        0x60, 0x00, 0x52, // PUSH1 0 MSTORE
        0x60, 42, 0x60, 0x04, 0x52, // PUSH1 42 PUSH1 4 MSTORE
        0x60, 0x24, 0x60, 0x00, 0xfd, // PUSH1 0x24 PUSH1 0 REVERT
    ]);
    c
}

pub fn boom_42() -> Vec<u8> {
    let mut v = selector("Boom(uint256)").to_vec();
    v.extend_from_slice(&word(42));
    v
}

/// Sink: records msg.value at slot 0 and msg.sender at slot 1, returns msg.value.
pub fn sink_runtime() -> Vec<u8> {
    vec![
        0x34, 0x60, 0x00, 0x55, // CALLVALUE PUSH1 0 SSTORE
        0x33, 0x60, 0x01, 0x55, // CALLER PUSH1 1 SSTORE
        0x34, 0x60, 0x00, 0x52, // CALLVALUE PUSH1 0 MSTORE
        0x60, 0x20, 0x60, 0x00, 0xf3, // PUSH1 32 PUSH1 0 RETURN
    ]
}

/// Proxy: calldata = target (32-byte word) ++ payload. Marks slot 0 = 1, calls the target
/// with msg.value and the payload, and returns or reverts with the callee's data.
pub fn proxy_runtime() -> Vec<u8> {
    vec![
        0x60, 0x20, 0x36, 0x03, // PUSH1 32 CALLDATASIZE SUB        [len]
        0x80, 0x60, 0x20, 0x60, 0x00, 0x37, // DUP1 PUSH1 32 PUSH1 0 CALLDATACOPY  [len]
        0x60, 0x00, 0x60, 0x00, // PUSH1 0 PUSH1 0 (retSize retOffset) [len 0 0]
        0x82, // DUP3 (argsSize)                                      [len 0 0 len]
        0x60, 0x00, // PUSH1 0 (argsOffset)
        0x34, // CALLVALUE
        0x60, 0x00, 0x35, // PUSH1 0 CALLDATALOAD (target)
        0x5a, // GAS
        0xf1, // CALL                                                 [len ok]
        0x3d, 0x60, 0x00, 0x60, 0x00, 0x3e, // RETURNDATASIZE PUSH1 0 PUSH1 0 RETURNDATACOPY
        0x60, 0x01, 0x60, 0x00, 0x55, // PUSH1 1 PUSH1 0 SSTORE (mark)
        0x60, 0x29, 0x57, // PUSH1 41 JUMPI                          [len]
        0x3d, 0x60, 0x00, 0xfd, // RETURNDATASIZE PUSH1 0 REVERT
        0x5b, // JUMPDEST (41)
        0x3d, 0x60, 0x00, 0xf3, // RETURNDATASIZE PUSH1 0 RETURN
    ]
}

/// A fingerprint of everything a refused request must leave alone.
pub fn fingerprint(chain: &Chain) -> String {
    let mut accts: Vec<String> = chain
        .db
        .accounts
        .iter()
        .filter_map(|(a, acc)| {
            let info = acc.info()?;
            let mut st: Vec<_> = acc.storage.iter().filter(|(_, v)| !v.is_zero()).collect();
            st.sort();
            Some(format!(
                "{a}:{}:{}:{}:{st:?}",
                info.balance, info.nonce, info.code_hash
            ))
        })
        .collect();
    accts.sort();
    format!(
        "head={} txs={} {}",
        chain.head().number,
        chain.txs.len(),
        accts.join(",")
    )
}

// ---- HTTP --------------------------------------------------------------------------

/// One raw HTTP POST (no client crate); returns (status, body).
pub fn http_post(addr: &str, body: &[u8]) -> (u16, String) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(std::time::Duration::from_secs(30)))
        .unwrap();
    let head = format!(
        "POST / HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).unwrap();
    let _ = s.write_all(body);
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let text = String::from_utf8_lossy(&out).to_string();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text.split("\r\n\r\n").nth(1).unwrap_or("").to_string();
    (status, body)
}

pub fn http_rpc(addr: &str, method: &str, params: Value) -> Value {
    let req = json!({ "jsonrpc": "2.0", "id": 1, "method": method, "params": params });
    let (status, body) = http_post(addr, req.to_string().as_bytes());
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).expect("json response")
}
