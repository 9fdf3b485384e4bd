//! Stylus on the dev chain: activation (and what it refuses), calls both ways between
//! EVM contracts and Stylus programs with value, return data and reverts, receipts'
//! gas, and the StylusDeployer for constructors.

mod common;

use alloy_primitives::{keccak256, Address, Bytes, U256};
use atelier_devnet::precompiles::{ARB_WASM, STYLUS_DEPLOYER};
use common::*;
use serde_json::json;

fn relay_wasm() -> Vec<u8> {
    wat::parse_str(include_str!("programs/relay.wat")).unwrap()
}

fn pad(a: Address) -> [u8; 32] {
    let mut w = [0u8; 32];
    w[12..].copy_from_slice(a.as_slice());
    w
}

fn with_addr(sig: &str, a: Address) -> Vec<u8> {
    let mut v = selector(sig).to_vec();
    v.extend_from_slice(&pad(a));
    v
}

fn forward(target: Address, payload: &[u8]) -> Vec<u8> {
    let mut v = vec![1u8];
    v.extend_from_slice(target.as_slice());
    v.extend_from_slice(payload);
    v
}

fn via_proxy(target: Address, payload: &[u8]) -> Vec<u8> {
    let mut v = pad(target).to_vec();
    v.extend_from_slice(payload);
    v
}

#[test]
fn activation_and_the_unactivated_program() {
    let mut d = Dev::new();
    let code = stylus_code(&relay_wasm());
    let p = d.deploy_stylus_code(&code);
    assert_eq!(
        d.ok("eth_getCode", json!([p, "latest"])),
        json!(Bytes::from(code.clone()))
    );
    let hash = keccak256(&code);

    // Not activated: ArbWasm says so, and a transaction to it is refused up front.
    let mut q = selector("codehashVersion(bytes32)").to_vec();
    q.extend_from_slice(hash.as_slice());
    let e = d.call(addr(0), ARB_WASM, U256::ZERO, &q).unwrap_err();
    assert_eq!(
        (e.code, e.data.clone()),
        (
            3,
            Some(json!(Bytes::from(
                selector("ProgramNotActivated()").to_vec()
            )))
        )
    );
    let before = fingerprint(&d.chain);
    let n = d.nonce(0);
    let raw = raw_1559(
        0,
        n,
        Some(p),
        U256::ZERO,
        Bytes::from(vec![9u8]),
        1_000_000,
        atelier_devnet::CHAIN_ID,
    );
    let e = d.rpc("eth_sendRawTransaction", json!([raw])).unwrap_err();
    assert_eq!(e.code, -32000);
    assert!(e.message.contains("not activated"), "{}", e.message);
    assert_eq!(fingerprint(&d.chain), before);

    // Activate: the data fee is taken, the excess refunded, the event logged.
    let bal = d.balance(addr(0));
    let r = d.activate(p);
    assert_eq!(r["status"], "0x1", "{r}");
    assert_eq!(r["logs"][0]["address"], json!(ARB_WASM));
    assert_eq!(r["logs"][0]["topics"][1], json!(hash));
    let gas_cost =
        U256::from_str_radix(r["gasUsed"].as_str().unwrap().trim_start_matches("0x"), 16).unwrap()
            * U256::from(atelier_devnet::chain::BASE_FEE);
    let fee = atelier_devnet::precompiles::arbwasm::data_fee(relay_wasm().len());
    assert_eq!(d.balance(addr(0)), bal - gas_cost - fee);
    let v = d.call(addr(0), ARB_WASM, U256::ZERO, &q).unwrap();
    assert_eq!(v.as_ref(), &word(2));
    let v = d
        .call(
            addr(0),
            ARB_WASM,
            U256::ZERO,
            &with_addr("programVersion(address)", p),
        )
        .unwrap();
    assert_eq!(v.as_ref(), &word(2));
    let v = d
        .call(addr(0), ARB_WASM, U256::ZERO, &selector("stylusVersion()"))
        .unwrap();
    assert_eq!(v.as_ref(), &word(2));
    // Twice: ProgramUpToDate.
    let e = d
        .call(
            addr(0),
            ARB_WASM,
            U256::from(10u64).pow(U256::from(17u64)),
            &with_addr("activateProgram(address)", p),
        )
        .unwrap_err();
    assert_eq!(
        e.data,
        Some(json!(Bytes::from(selector("ProgramUpToDate()").to_vec())))
    );
    // Too small a fee: ProgramInsufficientValue(have, want).
    let p2 = d.deploy_stylus_code(&stylus_code(&wat::parse_str("(module (memory (export \"memory\") 1) (func (export \"user_entrypoint\") (param i32) (result i32) i32.const 0))").unwrap()));
    let e = d
        .call(
            addr(0),
            ARB_WASM,
            U256::from(1),
            &with_addr("activateProgram(address)", p2),
        )
        .unwrap_err();
    let data = e.data.unwrap();
    assert!(data.as_str().unwrap().starts_with(&format!(
        "0x{}",
        alloy_primitives::hex::encode(selector("ProgramInsufficientValue(uint256,uint256)"))
    )));
}

#[test]
fn activation_refuses_what_nitro_refuses() {
    let mut d = Dev::new();
    let fee = U256::from(10u64).pow(U256::from(17u64));
    // EVM code is not a program.
    let evm = d.deploy_evm(&sink_runtime());
    let e = d
        .call(
            addr(0),
            ARB_WASM,
            fee,
            &with_addr("activateProgram(address)", evm),
        )
        .unwrap_err();
    assert_eq!(
        e.data,
        Some(json!(Bytes::from(selector("ProgramNotWasm()").to_vec())))
    );
    // No entrypoint; a foreign import; a start function: refused with the rule broken.
    let cases = [
        ("(module (memory (export \"memory\") 1))", "user_entrypoint"),
        ("(module (import \"env\" \"f\" (func)) (memory (export \"memory\") 1) (func (export \"user_entrypoint\") (param i32) (result i32) i32.const 0))", "env"),
        ("(module (memory (export \"memory\") 1) (func $s) (start $s) (func (export \"user_entrypoint\") (param i32) (result i32) i32.const 0))", "start"),
    ];
    for (wat_src, needle) in cases {
        let p = d.deploy_stylus_code(&stylus_code(&wat::parse_str(wat_src).unwrap()));
        let before = fingerprint(&d.chain);
        let e = d
            .call(
                addr(0),
                ARB_WASM,
                fee,
                &with_addr("activateProgram(address)", p),
            )
            .unwrap_err();
        // Nitro: a revert without data (the dev chain names the rule in the message).
        assert_eq!((e.code, e.data), (3, Some(json!("0x"))));
        assert!(
            e.message
                .starts_with("execution reverted: activation failed"),
            "{}",
            e.message
        );
        assert!(e.message.contains(needle), "{} lacks {needle}", e.message);
        let r = d.activate(p);
        assert_eq!(r["status"], "0x0");
        assert_eq!(
            r["gasUsed"],
            json!("0x1c9c380"),
            "all 30,000,000 gas burned, as Nitro does"
        );
        // Only the sender's gas and nonce moved; the program stays unactivated.
        assert_eq!(d.chain.stylus_activated(p), Some(false));
        assert_ne!(fingerprint(&d.chain), before);
    }
}

#[test]
fn evm_calls_stylus_with_value() {
    let mut d = Dev::new();
    let p = d.deploy_wasm(&relay_wasm());
    let proxy = d.deploy_evm(&proxy_runtime());
    let out = d
        .call(addr(0), proxy, U256::from(1000), &via_proxy(p, &[0]))
        .unwrap();
    assert_eq!(&out[..32], &word(1000));
    assert_eq!(&out[32..], &pad(proxy));
    let r = d.send(0, Some(proxy), U256::from(1000), via_proxy(p, &[0]));
    assert_eq!(r["status"], "0x1", "{r}");
    assert_eq!(d.balance(p), U256::from(1000));
    assert_eq!(d.balance(proxy), U256::ZERO);
    assert_eq!(d.storage(proxy, 0), U256::from(1));
}

#[test]
fn stylus_calls_evm_with_value() {
    let mut d = Dev::new();
    let p = d.deploy_wasm(&relay_wasm());
    let sink = d.deploy_evm(&sink_runtime());
    let out = d
        .call(addr(0), p, U256::from(500), &forward(sink, &[]))
        .unwrap();
    assert_eq!(out.as_ref(), &word(500));
    let r = d.send(0, Some(p), U256::from(500), forward(sink, &[]));
    assert_eq!(r["status"], "0x1", "{r}");
    assert_eq!(d.storage(sink, 0), U256::from(500));
    assert_eq!(d.storage(sink, 1), U256::from_be_bytes(pad(p)));
    assert_eq!(d.balance(sink), U256::from(500));
    assert_eq!(d.balance(p), U256::ZERO);
    assert_eq!(
        d.storage(p, 0),
        U256::from(1),
        "the program's own write is kept"
    );
}

#[test]
fn reverts_cross_both_ways_and_roll_back() {
    let mut d = Dev::new();
    let p = d.deploy_wasm(&relay_wasm());
    let reverter = d.deploy_evm(&reverter_runtime());
    let proxy = d.deploy_evm(&proxy_runtime());

    // Stylus -> EVM revert: the custom error comes back as is.
    let e = d
        .call(addr(0), p, U256::from(7), &forward(reverter, &[]))
        .unwrap_err();
    assert_eq!((e.code, e.data), (3, Some(json!(Bytes::from(boom_42())))));
    let bal = d.balance(addr(0));
    let r = d.send(0, Some(p), U256::from(7), forward(reverter, &[]));
    assert_eq!(r["status"], "0x0");
    assert_eq!(
        d.storage(p, 0),
        U256::ZERO,
        "the program's write rolled back"
    );
    assert_eq!(d.balance(p), U256::ZERO, "value returned");
    let gas =
        U256::from_str_radix(r["gasUsed"].as_str().unwrap().trim_start_matches("0x"), 16).unwrap();
    assert_eq!(
        d.balance(addr(0)),
        bal - gas * U256::from(atelier_devnet::chain::BASE_FEE)
    );

    // EVM -> Stylus revert.
    let mut payload = vec![2u8];
    payload.extend_from_slice(&boom_42());
    let e = d
        .call(addr(0), proxy, U256::ZERO, &via_proxy(p, &payload))
        .unwrap_err();
    assert_eq!((e.code, e.data), (3, Some(json!(Bytes::from(boom_42())))));
    let r = d.send(0, Some(proxy), U256::from(3), via_proxy(p, &payload));
    assert_eq!(r["status"], "0x0");
    assert_eq!(d.storage(proxy, 0), U256::ZERO);
    assert_eq!(d.balance(proxy), U256::ZERO);
}

#[test]
fn stylus_evm_stylus_nesting() {
    let mut d = Dev::new();
    let a = d.deploy_wasm(&relay_wasm());
    let b = d.deploy_evm(&proxy_runtime());
    let c = d.deploy_stylus_code(&stylus_code(&relay_wasm()));
    // Same code hash as `a`: already activated.
    assert_eq!(d.chain.stylus_activated(c), Some(true));
    let r = d.send(0, Some(a), U256::from(9), forward(b, &via_proxy(c, &[0])));
    assert_eq!(r["status"], "0x1", "{r}");
    assert_eq!(d.balance(c), U256::from(9));
    let out = d
        .call(addr(0), a, U256::from(9), &forward(b, &via_proxy(c, &[0])))
        .unwrap();
    assert_eq!(&out[..32], &word(9));
    assert_eq!(&out[32..], &pad(b));
}

#[test]
fn receipt_gas_is_the_host_estimate_plus_intrinsic() {
    let mut d = Dev::new();
    let p = d.deploy_wasm(&relay_wasm());
    let mut data = vec![3u8];
    data.extend_from_slice(&word(5));
    let r = d.send(0, Some(p), U256::ZERO, data.clone());
    assert_eq!(r["status"], "0x1");
    assert_eq!(d.storage(p, 0), U256::from(5));
    let used =
        u64::from_str_radix(r["gasUsed"].as_str().unwrap().trim_start_matches("0x"), 16).unwrap();
    let intrinsic: u64 = 21_000
        + data
            .iter()
            .map(|b| if *b == 0 { 4 } else { 16 })
            .sum::<u64>();
    let host = d.chain.ext.stylus.last_gas;
    assert!(
        host > 20_000,
        "a cold zero-to-non-zero store is priced: {host}"
    );
    assert_eq!(used, intrinsic + host);
}

/// `deploy(bytes,bytes,uint256,bytes32)` calldata.
fn deploy_call(bytecode: &[u8], init: &[u8], init_value: u64, salt: [u8; 32]) -> Vec<u8> {
    let enc = |b: &[u8]| {
        let mut v = word(b.len() as u64).to_vec();
        v.extend_from_slice(b);
        while !v.len().is_multiple_of(32) {
            v.push(0);
        }
        v
    };
    let (e1, e2) = (enc(bytecode), enc(init));
    let mut data = selector("deploy(bytes,bytes,uint256,bytes32)").to_vec();
    data.extend_from_slice(&word(128));
    data.extend_from_slice(&word(128 + e1.len() as u64));
    data.extend_from_slice(&word(init_value));
    data.extend_from_slice(&salt);
    data.extend_from_slice(&e1);
    data.extend_from_slice(&e2);
    data
}

#[test]
fn stylus_deployer_runs_the_constructor() {
    let mut d = Dev::new();
    let code = stylus_code(&relay_wasm());
    let mut init = vec![3u8];
    init.extend_from_slice(&word(9));
    let data = deploy_call(&stylus_initcode(&code), &init, 0, [0u8; 32]);
    let value = U256::from(10u64).pow(U256::from(17u64));
    let bal = d.balance(addr(0));
    let r = d.send(0, Some(STYLUS_DEPLOYER), value, data);
    assert_eq!(r["status"], "0x1", "{r}");
    let topic = keccak256("ContractDeployed(address)");
    let log = r["logs"].as_array().unwrap().iter().find(|l| l["topics"][0] == json!(topic)).expect("event");
    let data = log["data"].as_str().unwrap();
    let p: Address = format!("0x{}", &data[data.len() - 40..]).parse().unwrap();
    assert_eq!(d.chain.stylus_activated(p), Some(true));
    assert_eq!(d.storage(p, 0), U256::from(9), "the constructor ran");
    assert_eq!(d.balance(STYLUS_DEPLOYER), U256::ZERO);
    let gas = U256::from_str_radix(r["gasUsed"].as_str().unwrap().trim_start_matches("0x"), 16).unwrap();
    let fee = atelier_devnet::precompiles::arbwasm::data_fee(relay_wasm().len());
    assert_eq!(d.balance(addr(0)), bal - gas * U256::from(atelier_devnet::chain::BASE_FEE) - fee);

    // With a salt: CREATE2, so the same call cannot deploy twice at that address.
    let salted = deploy_call(&stylus_initcode(&code), &init, 0, [7u8; 32]);
    let r = d.send(0, Some(STYLUS_DEPLOYER), value, salted.clone());
    assert_eq!(r["status"], "0x1", "{r}");
    let e = d.call(addr(0), STYLUS_DEPLOYER, value, &salted).unwrap_err();
    let mut want = selector("ContractDeploymentError(bytes)").to_vec();
    want.extend_from_slice(&word(32));
    assert!(e.data.unwrap().as_str().unwrap().starts_with(&format!("0x{}", alloy_primitives::hex::encode(&want))));
}

#[test]
fn stylus_deployer_refusals_are_its_abi_errors() {
    let mut d = Dev::new();
    let code = stylus_code(&relay_wasm());
    let value = U256::from(10u64).pow(U256::from(17u64));
    // The constructor reverts: ContractInitializationError(newContract, data).
    let mut init = vec![2u8];
    init.extend_from_slice(&boom_42());
    let e = d.call(addr(0), STYLUS_DEPLOYER, value, &deploy_call(&stylus_initcode(&code), &init, 0, [0u8; 32])).unwrap_err();
    let data = alloy_primitives::hex::decode(e.data.unwrap().as_str().unwrap()).unwrap();
    assert_eq!(&data[..4], &selector("ContractInitializationError(address,bytes)"));
    assert_eq!(&data[4 + 32 + 32 + 32..4 + 32 + 32 + 32 + 36], &boom_42()[..], "the constructor's own error inside");
    // initValue without initData.
    let e = d.call(addr(0), STYLUS_DEPLOYER, value, &deploy_call(&stylus_initcode(&code), &[], 5, [0u8; 32])).unwrap_err();
    assert_eq!(e.data, Some(json!(Bytes::from(selector("InitValueButNotInitData()").to_vec()))));
    // msg.value below initValue: Solidity's arithmetic panic, Panic(0x11).
    let mut init = vec![3u8];
    init.extend_from_slice(&word(9));
    let e = d.call(addr(0), STYLUS_DEPLOYER, U256::from(4u64), &deploy_call(&stylus_initcode(&code), &init, 5, [0u8; 32])).unwrap_err();
    let mut panic = selector("Panic(uint256)").to_vec();
    panic.extend_from_slice(&word(0x11));
    assert_eq!(e.data, Some(json!(Bytes::from(panic))));
    // Empty bytecode.
    let e = d.call(addr(0), STYLUS_DEPLOYER, value, &deploy_call(&[], &[], 0, [0u8; 32])).unwrap_err();
    assert_eq!(e.data, Some(json!(Bytes::from(selector("EmptyBytecode()").to_vec()))));
    // An unactivatable program: ArbWasm's refusal, nothing deployed.
    let bad = stylus_code(&wat::parse_str("(module (memory (export \"memory\") 1))").unwrap());
    let before = fingerprint(&d.chain);
    let r = d.send(0, Some(STYLUS_DEPLOYER), value, deploy_call(&stylus_initcode(&bad), &[], 0, [0u8; 32]));
    assert_eq!(r["status"], "0x0");
    assert_ne!(fingerprint(&d.chain), before, "gas was paid");
    assert!(d.chain.db.accounts.values().all(|a| a.info().map(|i| i.code_hash) != Some(keccak256(&bad))));
}

fn nested_payload(a: Address, proxy: Address, sink: Address, depth: usize) -> Vec<u8> {
    let mut payload = Vec::new();
    let mut target = sink;
    for _ in 0..depth {
        payload = forward(target, &payload);
        target = a;
        payload = via_proxy(target, &payload);
        target = proxy;
    }
    let _ = target;
    payload
}

/// Stylus <-> EVM recursion runs on the Rust stack: 60 levels (120 frames) succeed; 600
/// levels end in a clean failure (gas: Nitro prices each open WASM page of the call
/// stack ever higher) without taking the chain down.
#[test]
fn deep_stylus_evm_nesting() {
    let mut d = Dev::new();
    let a = d.deploy_wasm(&relay_wasm());
    let proxy = d.deploy_evm(&proxy_runtime());
    let sink = d.deploy_evm(&sink_runtime());
    let r = d.send_gas(
        0,
        Some(proxy),
        U256::from(1),
        nested_payload(a, proxy, sink, 60),
        30_000_000,
    );
    assert_eq!(r["status"], "0x1", "{r}");
    assert_eq!(
        d.storage(sink, 0),
        U256::from(1),
        "the value reached the bottom"
    );
    assert_eq!(d.storage(sink, 1), U256::from_be_bytes(pad(a)));

    let deep = nested_payload(a, proxy, sink, 600);
    let e = d.call(addr(0), proxy, U256::from(1), &deep).unwrap_err();
    assert_eq!(e.code, 3);
    let r = d.send_gas(0, Some(proxy), U256::from(1), deep, 30_000_000);
    assert_eq!(r["status"], "0x0");
    assert_eq!(d.ok("eth_chainId", json!([])), json!("0x64aba"));
}
