//! ArbWasmCache (0x72) and the CacheManager on the dev chain, in process: bids cache
//! programs, a cached program's entry costs exactly the modelled amount less, and the
//! refusals are Nitro's. (`cargo_stylus.rs` runs the real `cargo stylus cache` commands.)

mod common;

use alloy_primitives::{Address, B256, U256};
use alloy_sol_types::{SolCall, SolError};
use atelier_devnet::precompiles::{
    arbwasm, arbwasmcache, cache_manager, ARB_WASM, ARB_WASM_CACHE, CACHE_MANAGER,
};
use common::*;

fn relay_wasm() -> Vec<u8> {
    wat::parse_str(include_str!("programs/relay.wat")).unwrap()
}

/// The relay with a custom section named `name` (different code, same behaviour).
fn other_wasm(name: &[u8]) -> Vec<u8> {
    let mut w = relay_wasm();
    w.extend_from_slice(&[0, 1 + name.len() as u8, name.len() as u8]);
    w.extend_from_slice(name);
    w
}

fn gas_used(r: &serde_json::Value) -> u64 {
    u64::from_str_radix(r["gasUsed"].as_str().unwrap().trim_start_matches("0x"), 16).unwrap()
}

fn view<C: SolCall>(d: &mut Dev, to: Address, call: C) -> C::Return {
    let out = d.call(addr(1), to, U256::ZERO, &call.abi_encode()).unwrap();
    C::abi_decode_returns(&out, true).unwrap()
}

fn revert_data<C: SolCall>(d: &mut Dev, to: Address, value: U256, call: C) -> Vec<u8> {
    let e = d
        .call(addr(1), to, value, &call.abi_encode())
        .expect_err("reverts");
    let data = e.data.expect("revert data");
    let hex = data.as_str().unwrap().trim_start_matches("0x");
    alloy_primitives::hex::decode(hex).unwrap()
}

#[test]
fn a_bid_caches_the_program_and_its_entry_gets_cheaper_by_exactly_the_init_gas() {
    let mut d = Dev::new();
    let p = d.deploy_wasm(&relay_wasm());
    // A second program (other code: the relay plus a custom section).
    let q = d.deploy_wasm(&other_wasm(b"q"));
    let hash = |d: &Dev, a: Address| alloy_primitives::keccak256(d.chain.code(a));

    // The surface cargo-stylus reads.
    let managers = view(
        &mut d,
        ARB_WASM_CACHE,
        arbwasmcache::allCacheManagersCall {},
    );
    assert_eq!(managers.managers, vec![CACHE_MANAGER]);
    assert!(
        view(
            &mut d,
            ARB_WASM_CACHE,
            arbwasmcache::isCacheManagerCall {
                manager: CACHE_MANAGER
            }
        )
        ._0
    );
    assert!(
        !view(
            &mut d,
            ARB_WASM_CACHE,
            arbwasmcache::isCacheManagerCall { manager: addr(0) }
        )
        ._0
    );
    let cached = |d: &mut Dev, a: Address| {
        let codehash = hash(d, a);
        view(
            d,
            ARB_WASM_CACHE,
            arbwasmcache::codehashIsCachedCall { codehash },
        )
        ._0
    };
    assert!(!cached(&mut d, p));
    assert_eq!(
        view(&mut d, CACHE_MANAGER, cache_manager::cacheSizeCall {})._0,
        cache_manager::CACHE_SIZE
    );
    assert_eq!(
        view(&mut d, CACHE_MANAGER, cache_manager::queueSizeCall {})._0,
        0
    );
    assert!(!view(&mut d, CACHE_MANAGER, cache_manager::isPausedCall {})._0);
    let min = view(
        &mut d,
        CACHE_MANAGER,
        cache_manager::getMinBid_1Call { program: p },
    );
    assert_eq!(min.min, alloy_primitives::Uint::ZERO);
    let (hp, hq) = (hash(&d, p), hash(&d, q));
    let asm = view(
        &mut d,
        ARB_WASM,
        arbwasm::codehashAsmSizeCall { codehash: hp },
    );
    assert_eq!(asm.size as usize, relay_wasm().len());
    let init = view(&mut d, ARB_WASM, arbwasm::programInitGasCall { program: p });
    assert!(
        init.gas > init.gasWhenCached && init.gasWhenCached >= 352,
        "{} {}",
        init.gas,
        init.gasWhenCached
    );

    // A call's gas, uncached.
    let call = |d: &mut Dev, to: Address| {
        let r = d.send(2, Some(to), U256::ZERO, vec![0u8]);
        assert_eq!(r["status"], "0x1", "{r}");
        gas_used(&r)
    };
    let before = call(&mut d, p);
    assert_eq!(call(&mut d, p), before);

    // Bid 0 (the cache has room): the program is cached, the event and the entry logged.
    let bid = cache_manager::placeBidCall { program: p }.abi_encode();
    let r = d.send(0, Some(CACHE_MANAGER), U256::ZERO, bid.clone());
    assert_eq!(r["status"], "0x1", "{r}");
    let logs = r["logs"].as_array().unwrap();
    assert_eq!(logs.len(), 2, "{r}");
    assert_eq!(logs[0]["address"], serde_json::json!(ARB_WASM_CACHE)); // UpdateProgramCache
    assert_eq!(logs[1]["address"], serde_json::json!(CACHE_MANAGER)); // InsertBid
    assert!(cached(&mut d, p));
    assert!(!cached(&mut d, q));
    assert_eq!(
        view(&mut d, CACHE_MANAGER, cache_manager::queueSizeCall {})._0,
        (relay_wasm().len() as u64).max(4096)
    );
    let entries = view(&mut d, CACHE_MANAGER, cache_manager::getEntriesCall {})._0;
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].code, hp);

    // The same call now costs exactly the init gas less (programInitGas: gas − gasWhenCached
    // = 8,832 + init_cost); the other program pays in full.
    let after = call(&mut d, p);
    assert_eq!(
        before - after,
        init.gas - init.gasWhenCached,
        "{before} vs {after}"
    );
    let init_q = view(&mut d, ARB_WASM, arbwasm::programInitGasCall { program: q });
    let q_gas = call(&mut d, q);
    assert!(q_gas > after && init_q.gas > init_q.gasWhenCached);

    // Refusals, as cargo-stylus decodes them.
    let e = revert_data(
        &mut d,
        CACHE_MANAGER,
        U256::ZERO,
        cache_manager::placeBidCall { program: p },
    );
    assert_eq!(
        e,
        cache_manager::AlreadyCached { codehash: hp }.abi_encode()
    );
    let unactivated = d.deploy_stylus_code(&stylus_code(&other_wasm(b"never activated")));
    let e = revert_data(
        &mut d,
        CACHE_MANAGER,
        U256::ZERO,
        cache_manager::placeBidCall {
            program: unactivated,
        },
    );
    assert_eq!(e, arbwasm::ProgramNotActivated {}.abi_encode());
    let e = revert_data(
        &mut d,
        CACHE_MANAGER,
        U256::ZERO,
        cache_manager::placeBidCall { program: addr(5) },
    );
    assert_eq!(e, arbwasm::ProgramNotActivated {}.abi_encode());
    let e = revert_data(
        &mut d,
        CACHE_MANAGER,
        U256::ZERO,
        cache_manager::setCacheSizeCall { newSize: 1 },
    );
    assert_eq!(
        e,
        cache_manager::NotChainOwner { sender: addr(1) }.abi_encode()
    );
    let e = revert_data(
        &mut d,
        CACHE_MANAGER,
        U256::ZERO,
        cache_manager::getMinBid_0Call {
            size: cache_manager::CACHE_SIZE + 1,
        },
    );
    assert_eq!(&e[..4], &cache_manager::AsmTooLarge::SELECTOR);

    // Only a cache manager may cache or evict: anyone else burns all the gas given.
    let evict = arbwasmcache::evictCodehashCall { codehash: hp }.abi_encode();
    let r = d.send_gas(0, Some(ARB_WASM_CACHE), U256::ZERO, evict, 200_000);
    assert_eq!(r["status"], "0x0");
    assert_eq!(gas_used(&r), 200_000);
    let cache_q = arbwasmcache::cacheProgramCall { addr: q }.abi_encode();
    let r = d.send_gas(0, Some(ARB_WASM_CACHE), U256::ZERO, cache_q, 200_000);
    assert_eq!(r["status"], "0x0");
    assert!(cached(&mut d, p) && !cached(&mut d, q));
    // cacheCodehash was ArbOS 30's; this chain reports 32.
    let old = [
        &alloy_primitives::keccak256("cacheCodehash(bytes32)")[..4],
        &hq[..],
    ]
    .concat();
    assert!(d.call(addr(0), ARB_WASM_CACHE, U256::ZERO, &old).is_err());

    // A bid with value: paid to the manager, and the next program is cached too.
    let bal = d.balance(CACHE_MANAGER);
    let r = d.send(
        0,
        Some(CACHE_MANAGER),
        U256::from(7),
        cache_manager::placeBidCall { program: q }.abi_encode(),
    );
    assert_eq!(r["status"], "0x1", "{r}");
    assert_eq!(d.balance(CACHE_MANAGER), bal + U256::from(7));
    assert!(cached(&mut d, q));
    let smallest = view(
        &mut d,
        CACHE_MANAGER,
        cache_manager::getSmallestEntriesCall { k: U256::from(5) },
    )
    .result;
    assert_eq!(
        smallest.iter().map(|e| e.code).collect::<Vec<B256>>(),
        vec![hp, hq]
    );
}
