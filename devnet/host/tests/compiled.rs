//! What only the compiled form can show: every selector of `abi/*.json` reaches its
//! function in `target/stylus/*.wasm` (the router dispatches it and the arguments
//! decode), a contract refuses reentry as Nitro's `msg_reentrant` says, and payments to
//! a receiver that refuses ETH revert with the contract's named error.
mod common;

use std::{cell::RefCell, rc::Rc};

use alloy_primitives::{keccak256, Address, B256, U256};
use alloy_sol_types::{SolCall, SolValue};
use atelier_host::{NativeContract, NativeCtx, NativeResult};
use common::{bindings::*, collection::CollectionMock, *};
use serde_json::Value;

/// The canonical Solidity type of a JSON ABI parameter (tuples expanded).
fn canonical(p: &Value) -> String {
    let ty = p["type"].as_str().unwrap();
    match ty.strip_prefix("tuple") {
        Some(suffix) => {
            let inner: Vec<String> = p["components"]
                .as_array()
                .unwrap()
                .iter()
                .map(canonical)
                .collect();
            format!("({}){suffix}", inner.join(","))
        }
        None => ty.to_string(),
    }
}

fn is_dynamic(p: &Value) -> bool {
    let ty = p["type"].as_str().unwrap();
    ty == "string"
        || ty == "bytes"
        || ty.ends_with("[]")
        || (ty == "tuple" && p["components"].as_array().unwrap().iter().any(is_dynamic))
}

/// Words a static parameter takes in the head.
fn static_words(p: &Value) -> usize {
    if p["type"].as_str().unwrap() == "tuple" {
        p["components"]
            .as_array()
            .unwrap()
            .iter()
            .map(static_words)
            .sum()
    } else {
        1
    }
}

/// Canonical calldata for `f` with every argument zero, empty or of length zero (the
/// SDK decodes strictly: the calldata must be exactly what re-encoding gives).
fn zero_calldata(f: &Value) -> (String, Vec<u8>) {
    let inputs = f["inputs"].as_array().unwrap();
    let signature = format!(
        "{}({})",
        f["name"].as_str().unwrap(),
        inputs.iter().map(canonical).collect::<Vec<_>>().join(",")
    );
    let mut data = keccak256(signature.as_bytes())[..4].to_vec();
    let head: usize = inputs
        .iter()
        .map(|p| if is_dynamic(p) { 1 } else { static_words(p) })
        .sum::<usize>()
        * 32;
    let mut tail = 0;
    for p in inputs {
        if is_dynamic(p) {
            // Each dynamic argument gets its own zero length word after the head.
            data.extend_from_slice(&U256::from(head + 32 * tail).to_be_bytes::<32>());
            tail += 1;
        } else {
            data.extend(std::iter::repeat_n(0u8, 32 * static_words(p)));
        }
    }
    data.extend(std::iter::repeat_n(0u8, 32 * tail));
    (signature, data)
}

/// Every function of every ABI, called with zero arguments by a stranger on a live
/// collective: each returns, or reverts with a custom error an ABI declares. An empty
/// revert would mean the router did not know the selector or could not decode the
/// arguments; a trap, a panic in the contract.
#[test]
fn every_abi_selector_dispatches_in_the_compiled_contracts() {
    let mut c = deploy();
    let curator = c.people.curator;
    for id in 1..=3u64 {
        c.mint_art(curator, id);
    }
    c.send(
        curator,
        c.collection,
        ArtCollection::setApprovalForAllCall {
            operator: c.vault,
            approved: true,
        },
    )
    .unwrap();
    for id in 1..=3u8 {
        c.genesis_deposit(id).unwrap();
    }
    c.buy(c.people.alice, 50);
    let contracts = [
        ("FractionToken", c.token),
        ("CurationRegistry", c.registry),
        ("Treasury", c.treasury),
        ("ArtVault", c.vault),
        ("ArtGovernor", c.governor),
    ];
    let mut failures = Vec::new();
    let mut count = 0;
    for (name, at) in contracts {
        let path = format!("{}/../../abi/{name}.json", env!("CARGO_MANIFEST_DIR"));
        let abi: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for f in abi
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["type"] == "function")
        {
            let (signature, data) = zero_calldata(f);
            let view = matches!(f["stateMutability"].as_str(), Some("view" | "pure"));
            let mut d = c.clone();
            let stranger = d.people.stranger;
            let r = if view {
                d.world.static_call(stranger, at, &data)
            } else {
                d.world.call(stranger, at, U256::ZERO, &data)
            };
            count += 1;
            let verdict = if r.success {
                let outputs = f["outputs"].as_array().unwrap();
                if !outputs.iter().any(is_dynamic) {
                    let words: usize = outputs.iter().map(static_words).sum();
                    if r.output.len() != 32 * words {
                        failures.push(format!(
                            "{name}.{signature}: returned {} bytes, the ABI says {}",
                            r.output.len(),
                            32 * words
                        ));
                        continue;
                    }
                }
                "returns".to_string()
            } else if r.output.is_empty() {
                failures.push(format!("{name}.{signature}: empty revert ({:?})", r.exit));
                continue;
            } else {
                let decoded = decode_error(&r.output);
                if decoded.starts_with("0x") {
                    failures.push(format!(
                        "{name}.{signature}: revert data no ABI declares: {decoded}"
                    ));
                    continue;
                }
                decoded
            };
            eprintln!("{name}.{signature}: {verdict}");
        }
    }
    assert!(count > 100, "swept {count} functions");
    assert!(
        failures.is_empty(),
        "{} of {count} functions misbehave:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A collection that, while the vault pulls an artwork from it, calls back into the
/// vault (a view) and remembers the answer.
struct ReenteringCollection {
    inner: CollectionMock,
    vault: RefCell<Address>,
    reentry: RefCell<Option<NativeResult>>,
}

impl NativeContract for ReenteringCollection {
    fn call(&self, ctx: &mut NativeCtx<'_>) -> NativeResult {
        if ctx
            .input()
            .starts_with(&ArtCollection::transferFromCall::SELECTOR)
            && ctx.caller() == *self.vault.borrow()
        {
            let vault = *self.vault.borrow();
            let answer = ctx.call(
                vault,
                U256::ZERO,
                &ArtVault::liveStewardsCall {}.abi_encode(),
            );
            *self.reentry.borrow_mut() = Some(answer);
        }
        self.inner.call(ctx)
    }
}

/// stylus-sdk programs (without the `reentrant` feature) revert any call that re-enters
/// a contract already on the call stack, even a view; the same view from outside works.
#[test]
fn a_contract_refuses_reentry() {
    let mut c = deploy();
    let evil = Rc::new(ReenteringCollection {
        inner: CollectionMock,
        vault: RefCell::new(c.vault),
        reentry: RefCell::new(None),
    });
    let at = c.world.add_native(evil.clone());
    let curator = c.people.curator;
    c.send(
        curator,
        at,
        ArtCollection::mintCall {
            to: curator,
            tokenId: U256::from(1),
        },
    )
    .unwrap();
    c.send(
        curator,
        at,
        ArtCollection::setApprovalForAllCall {
            operator: c.vault,
            approved: true,
        },
    )
    .unwrap();
    let deposit = c.send(
        curator,
        c.vault,
        ArtVault::depositCall::from((
            at,
            U256::from(1),
            seed(1),
            keccak256("m"),
            keccak256("p"),
            curator,
            String::new(),
        )),
    );
    let reentry = evil
        .reentry
        .borrow_mut()
        .take()
        .expect("the collection was called by the vault");
    assert_eq!(
        reentry,
        Err(Vec::new()),
        "the re-entrant call into the vault is refused (empty revert)"
    );
    // The refusal did not stop the deposit (the collection ignored it)...
    deposit.expect("the deposit itself goes through");
    // ...and the same view from outside the call stack answers.
    assert_eq!(
        c.view(c.vault, ArtVault::liveStewardsCall {})._0,
        U256::from(1)
    );
}

/// A contract wallet that refuses ETH.
fn refuse_eth(ctx: &mut NativeCtx<'_>) -> NativeResult {
    if ctx.value().is_zero() {
        Ok(Vec::new())
    } else {
        Err(b"no ETH".to_vec())
    }
}

/// The sale refunds the excess of a payment; when the buyer cannot receive ETH the
/// purchase reverts with `EthTransferFailed` and nothing is minted. An exact payment
/// needs no refund and goes through.
#[test]
fn a_refund_to_a_receiver_that_refuses_eth_reverts_the_purchase() {
    let mut c = deploy();
    let buyer = c.world.add_native(Rc::new(refuse_eth));
    let quote = c.quote_buy(shares(1));
    c.fund(buyer, quote + U256::from(1_000));
    let err = c
        .send_value(
            buyer,
            c.token,
            quote + U256::from(1_000),
            FractionToken::buyCall {
                shares: shares(1),
                max_cost: quote,
                deadline: U256::MAX,
            },
        )
        .expect_err("the refund cannot be paid");
    assert!(err.decoded().starts_with("EthTransferFailed"), "{err:?}");
    assert_eq!(c.balance_of(buyer), U256::ZERO, "nothing minted");
    assert_eq!(c.eth(buyer), quote + U256::from(1_000), "nothing paid");
    let cost = c
        .send_value(
            buyer,
            c.token,
            quote,
            FractionToken::buyCall {
                shares: shares(1),
                max_cost: quote,
                deadline: U256::MAX,
            },
        )
        .expect("an exact payment needs no refund")
        ._0;
    assert_eq!(cost, quote);
    assert_eq!(c.balance_of(buyer), shares(1));
}

/// stylus-sdk 0.9 decodes arguments strictly (alloy's `validate`: the calldata must
/// re-encode to itself), so calldata with trailing bytes — which Solidity ignores, and
/// which ERC-2771 forwarders or some wallets append — is refused with an empty revert.
#[test]
fn calldata_with_trailing_bytes_is_refused_unlike_solidity() {
    let mut c = deploy();
    let data = FractionToken::totalSupplyCall {}.abi_encode();
    let r = c.world.static_call(c.people.stranger, c.token, &data);
    assert!(r.success);
    let mut longer = data.clone();
    longer.extend_from_slice(&[0u8; 32]);
    let r = c.world.static_call(c.people.stranger, c.token, &longer);
    assert!(
        !r.success && r.output.is_empty(),
        "trailing bytes are refused"
    );
    let mut appended = FractionToken::balanceOfCall {
        account: c.people.alice,
    }
    .abi_encode();
    appended.extend_from_slice(c.people.bob.as_slice()); // ERC-2771 style
    let r = c.world.static_call(c.people.stranger, c.token, &appended);
    assert!(
        !r.success && r.output.is_empty(),
        "an appended sender is refused"
    );
}

/// The functions stylus-sdk 0.9.0 would encode with an extra leading offset: those
/// returning more than one value with a dynamic one among them (stylus-sdk-rs#308).
/// Read from the ABIs, so the list the lifecycle suite checks byte for byte
/// (`tuple_returns_with_a_dynamic_member_are_solidity_return_parameters`) is complete,
/// and a new such function cannot slip in without `atelier_common::abi::Returns`
/// (`eip712Domain()` is checked byte for byte in `the_token_returns_solidity_return_data`).
#[test]
fn the_abis_have_exactly_five_tuple_returns_with_a_dynamic_member() {
    let mut affected = Vec::new();
    for name in [
        "FractionToken",
        "CurationRegistry",
        "Treasury",
        "ArtVault",
        "ArtGovernor",
    ] {
        let path = format!("{}/../../abi/{name}.json", env!("CARGO_MANIFEST_DIR"));
        let abi: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for f in abi
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["type"] == "function")
        {
            let outputs = f["outputs"].as_array().unwrap();
            if outputs.len() > 1 && outputs.iter().any(is_dynamic) {
                affected.push(zero_calldata(f).0);
            }
        }
    }
    affected.sort();
    assert_eq!(
        affected,
        [
            "artwork(uint256)",
            "checkUpkeep(bytes)",
            "creativeDirection()",
            "eip712Domain()",
            "seedInfo(uint256)"
        ]
    );
}

/// The functions of `abi/<name>.json`.
fn abi_functions(name: &str) -> Vec<Value> {
    let path = format!("{}/../../abi/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let abi: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    abi.as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"] == "function")
        .cloned()
        .collect()
}

/// A call that reverted with no data, as stylus-sdk's router refuses a call (never a
/// trap, never a contract error).
fn refused_empty(r: &atelier_host::Receipt) -> bool {
    !r.success && r.output.is_empty() && matches!(r.exit, atelier_host::Exit::Reverted)
}

/// stylus-sdk 0.9's router refuses `msg.value > 0` with an empty revert on every
/// function not marked payable — views and the constructor included — and `buy`, the
/// one payable function, takes it. The token's WASM routes through its hand-written
/// router (`contracts/fraction/src/router.rs`), which must keep this.
#[test]
fn the_token_refuses_value_on_every_function_but_buy() {
    let mut c = deploy();
    let stranger = c.people.stranger;
    c.fund(stranger, ETH);
    for f in abi_functions("FractionToken") {
        let (signature, data) = zero_calldata(&f);
        let mut d = c.clone();
        let r = d.world.call(stranger, d.token, U256::from(1), &data);
        if f["stateMutability"] == "payable" {
            assert_eq!(signature, "buy(uint256,uint256,uint256)");
            assert_eq!(decode_error(&r.output), "ZeroAmount(ZeroAmount)", "buy is reached");
        } else {
            assert!(refused_empty(&r), "{signature} with value: {:?}", r.exit);
            let r = d.world.call(stranger, d.token, U256::ZERO, &data);
            assert!(!refused_empty(&r), "{signature} without value is reached");
        }
    }
    // The constructor: not payable, once, its argument decoded strictly.
    let admin = c.people.deployer;
    c.fund(admin, ETH);
    let fresh = c.world.deploy(&program("fraction"));
    let arg = admin.abi_encode();
    let r = c.world.construct(admin, fresh, U256::from(1), &arg);
    assert!(refused_empty(&r), "constructor with value");
    let mut dirty = arg.clone();
    dirty[0] = 1;
    assert!(refused_empty(&c.world.construct(admin, fresh, U256::ZERO, &dirty)));
    let mut longer = arg.clone();
    longer.push(0);
    assert!(refused_empty(&c.world.construct(admin, fresh, U256::ZERO, &longer)));
    assert!(refused_empty(&c.world.construct(admin, fresh, U256::ZERO, &arg[..31])));
    let r = c.world.construct(admin, fresh, U256::ZERO, &Address::ZERO.abi_encode());
    assert_eq!(decode_error(&r.output), "ZeroAddress(ZeroAddress)");
    assert!(c.world.construct(admin, fresh, U256::ZERO, &arg).success);
    assert!(refused_empty(&c.world.construct(admin, fresh, U256::ZERO, &arg)), "only once");
}

/// Calldata stylus-sdk 0.9 cannot decode strictly (alloy's `abi_decode_params(data,
/// true)`: it must be the canonical encoding of valid values) reverts with no data;
/// the same calldata made valid reaches the function (a declared error here).
#[test]
fn the_token_refuses_malformed_calldata_with_an_empty_revert() {
    let mut c = deploy();
    let stranger = c.people.stranger;
    let mut call = |data: &[u8]| c.world.call(stranger, c.token, U256::ZERO, data);
    // Shorter than a selector, or no function's selector.
    for data in [&[][..], &[0x06], &[0x06, 0xfd], &[0x06, 0xfd, 0xde], &[0xde, 0xad, 0xbe, 0xef]] {
        assert!(refused_empty(&call(data)), "{data:?}");
    }
    // Every function's arguments one byte short, and one byte long.
    for f in abi_functions("FractionToken") {
        let (signature, data) = zero_calldata(&f);
        if data.len() > 4 {
            assert!(refused_empty(&call(&data[..data.len() - 1])), "{signature} short");
        }
        let mut longer = data.clone();
        longer.push(0);
        assert!(refused_empty(&call(&longer)), "{signature} long");
    }
    // Words out of their type's range: an address or uint8 with upper bytes set.
    let word = |n: U256| n.to_be_bytes::<32>().to_vec();
    let param = |key: U256| [&FractionToken::paramCall::SELECTOR[..], &word(key)].concat();
    assert_eq!(decode_error(&call(&param(U256::from(255))).output), "UnknownParam(UnknownParam { key: 255 })");
    assert!(refused_empty(&call(&param(U256::from(256)))));
    let set_param = |key: U256| {
        [&FractionToken::setParamCall::SELECTOR[..], &word(key), &word(U256::ZERO)].concat()
    };
    assert!(!refused_empty(&call(&set_param(U256::from(255)))));
    assert!(refused_empty(&call(&set_param(U256::from(1) << 8))));
    let mut transfer = FractionToken::transferCall { to: stranger, value: U256::ZERO }.abi_encode();
    assert!(!refused_empty(&call(&transfer)));
    transfer[4 + 11] = 1;
    assert!(refused_empty(&call(&transfer)));
    let permit = FractionToken::permitCall {
        owner: stranger,
        spender: stranger,
        value: U256::ZERO,
        deadline: U256::ZERO,
        v: 27,
        r: B256::ZERO,
        s: B256::ZERO,
    }
    .abi_encode();
    assert!(!refused_empty(&call(&permit)));
    let mut dirty_v = permit.clone();
    dirty_v[4 + 4 * 32 + 30] = 1;
    assert!(refused_empty(&call(&dirty_v)));
}

/// `initialize`'s two strings: any canonical encoding reaches the function (here
/// `AlreadyInitialized`: the collective is wired); non-canonical offsets, non-zero
/// padding, a length past the end or bytes that are not UTF-8 revert with no data.
#[test]
fn the_token_decodes_initialize_strings_strictly() {
    let mut c = deploy();
    let stranger = c.people.stranger;
    let mut call = |data: &[u8]| c.world.call(stranger, c.token, U256::ZERO, data);
    let initialize = |name: &str, symbol: &str| {
        FractionToken::initializeCall::from((
            name.into(),
            symbol.into(),
            stranger,
            stranger,
            stranger,
            stranger,
            U256::ZERO,
            U256::ZERO,
            U256::ZERO,
            U256::ZERO,
            U256::ZERO,
            U256::ZERO,
            U256::ZERO,
            U256::ZERO,
            U256::ZERO,
        ))
        .abi_encode()
    };
    for (name, symbol) in [("", ""), ("Atelier", "ATL"), (&*"n".repeat(32), "ünï ✓"), (&*"x".repeat(100), "")] {
        let r = call(&initialize(name, symbol));
        assert_eq!(decode_error(&r.output), "AlreadyInitialized(AlreadyInitialized)", "{name:?}");
    }
    let valid = initialize("Atelier", "ATL");
    // Head: selector, 15 words; "Atelier" at 4 + 480 (length word), its bytes after.
    let (head, first) = (4, 4 + 15 * 32);
    let offset = |data: &mut Vec<u8>, i: usize, to: usize| {
        data[head + 32 * i..head + 32 * (i + 1)].copy_from_slice(&U256::from(to).to_be_bytes::<32>())
    };
    let mut cases = Vec::new();
    let mut same = valid.clone();
    offset(&mut same, 1, 15 * 32); // both strings read from one place
    cases.push(("shared offset", same));
    let mut gap = valid.clone();
    offset(&mut gap, 1, 15 * 32 + 96);
    gap.splice(first + 64..first + 64, [0u8; 32]);
    cases.push(("gap before the second string", gap));
    let mut high = valid.clone();
    high[head] = 1;
    cases.push(("offset upper byte", high));
    let mut padding = valid.clone();
    padding[first + 32 + 7] = 1;
    cases.push(("padding", padding));
    let mut long = valid.clone();
    long[first + 30] = 1;
    cases.push(("length past the end", long));
    let mut utf8 = valid.clone();
    utf8[first + 32] = 0xff;
    cases.push(("not UTF-8", utf8));
    for (what, data) in cases {
        assert!(refused_empty(&call(&data)), "{what}");
    }
}

/// Return data is Solidity's: a string as one dynamic value, a bool as one word.
#[test]
fn the_token_returns_solidity_return_data() {
    let mut c = deploy();
    let stranger = c.people.stranger;
    let name = c.config["token"]["name"].as_str().unwrap().to_string();
    let symbol = c.config["token"]["symbol"].as_str().unwrap().to_string();
    for (data, expected) in [
        (FractionToken::nameCall {}.abi_encode(), name.abi_encode()),
        (FractionToken::symbolCall {}.abi_encode(), symbol.abi_encode()),
        (FractionToken::CLOCK_MODECall {}.abi_encode(), "mode=timestamp".to_string().abi_encode()),
        (FractionToken::decimalsCall {}.abi_encode(), U256::from(18).abi_encode()),
        (FractionToken::clockCall {}.abi_encode(), U256::from(START).abi_encode()),
        (FractionToken::vaultCall {}.abi_encode(), c.vault.abi_encode()),
    ] {
        let r = c.world.static_call(stranger, c.token, &data);
        assert!(r.success);
        assert_eq!(r.output.to_vec(), expected);
    }
    let r = c.world.call(stranger, c.token, U256::ZERO, &FractionToken::transferCall { to: stranger, value: U256::ZERO }.abi_encode());
    assert_eq!(r.output.to_vec(), true.abi_encode());
    let r = c.world.call(stranger, c.token, U256::ZERO, &FractionToken::burnCall { value: U256::ZERO }.abi_encode());
    assert!(r.success && r.output.is_empty());
    // ERC-5267: (bytes1, string, string, uint256, address, bytes32, uint256[]) as
    // Solidity returns it, byte for byte.
    let r = c.world.static_call(stranger, c.token, &FractionToken::eip712DomainCall {}.abi_encode());
    assert!(r.success);
    let chain_id = U256::from(c.world.env().chain_id);
    let expected = (alloy_primitives::FixedBytes([0x0f]), name, "1".to_string(), chain_id, c.token, B256::ZERO, Vec::<U256>::new())
        .abi_encode_params();
    assert_eq!(r.output.to_vec(), expected);
}

/// The governor's `hashProposal`: `keccak256(abi.encode(k0, t0, a0, i0, m0, h0, g0,
/// keccak256(u0), ..., descriptionHash, proposer))`.
fn hash_proposal(actions: &[Action], description_hash: B256, proposer: Address) -> U256 {
    let mut data = Vec::new();
    for (k, t, a, i, m, h, g, u) in actions {
        data.extend(U256::from(*k).to_be_bytes::<32>());
        data.extend(t.into_word());
        data.extend(a.into_word());
        data.extend(i.to_be_bytes::<32>());
        data.extend(m.to_be_bytes::<32>());
        data.extend(h.0);
        data.extend(g.0);
        data.extend(keccak256(u.as_bytes()).0);
    }
    data.extend(description_hash.0);
    data.extend(proposer.into_word());
    U256::from_be_bytes(keccak256(&data).0)
}

/// As the token's: stylus-sdk 0.9's router refuses `msg.value > 0` with an empty
/// revert on every governor function but `activateLicense` (views, the functions
/// taking `Action[]` and the constructor included). The governor's WASM routes
/// through its hand-written router (`contracts/governor/src/router.rs`).
#[test]
fn the_governor_refuses_value_on_every_function_but_activate_license() {
    let mut c = deploy();
    let stranger = c.people.stranger;
    c.fund(stranger, ETH);
    for f in abi_functions("ArtGovernor") {
        let (signature, data) = zero_calldata(&f);
        let mut d = c.clone();
        let r = d.world.call(stranger, d.governor, U256::from(1), &data);
        if f["stateMutability"] == "payable" {
            assert_eq!(signature, "activateLicense(uint256)");
            assert_eq!(decode_error(&r.output), "UnknownLicense(UnknownLicense { licenseId: 0 })", "reached");
        } else {
            assert!(refused_empty(&r), "{signature} with value: {:?}", r.exit);
            let r = d.world.call(stranger, d.governor, U256::ZERO, &data);
            assert!(!refused_empty(&r), "{signature} without value is reached");
        }
    }
    // The same with real actions: value refused before anything is decoded.
    let mut direction = action(kind::SET_CREATIVE_DIRECTION);
    direction.7 = "ipfs://direction".into();
    for data in [
        ArtGovernor::proposeCall::from((vec![direction.clone()], "d".into())).abi_encode(),
        ArtGovernor::hashProposalCall::from((vec![direction.clone()], B256::ZERO, stranger)).abi_encode(),
        ArtGovernor::executeCall::from((vec![direction], B256::ZERO, stranger)).abi_encode(),
    ] {
        assert!(refused_empty(&c.world.call(stranger, c.governor, U256::from(1), &data)));
        assert!(!refused_empty(&c.world.call(stranger, c.governor, U256::ZERO, &data)));
    }
    // The constructor: not payable, once, its argument decoded strictly.
    let admin = c.people.deployer;
    c.fund(admin, ETH);
    let fresh = c.world.deploy(&program("governor"));
    let arg = admin.abi_encode();
    assert!(refused_empty(&c.world.construct(admin, fresh, U256::from(1), &arg)), "constructor with value");
    let mut dirty = arg.clone();
    dirty[0] = 1;
    assert!(refused_empty(&c.world.construct(admin, fresh, U256::ZERO, &dirty)));
    let mut longer = arg.clone();
    longer.push(0);
    assert!(refused_empty(&c.world.construct(admin, fresh, U256::ZERO, &longer)));
    assert!(refused_empty(&c.world.construct(admin, fresh, U256::ZERO, &arg[..31])));
    let r = c.world.construct(admin, fresh, U256::ZERO, &Address::ZERO.abi_encode());
    assert_eq!(decode_error(&r.output), "ZeroAddress(ZeroAddress)");
    assert!(c.world.construct(admin, fresh, U256::ZERO, &arg).success);
    assert!(refused_empty(&c.world.construct(admin, fresh, U256::ZERO, &arg)), "only once");
}

/// Calldata the SDK cannot decode strictly reverts with no data, on every governor
/// function: short, long, unknown selectors, words out of range; and `Action[]`
/// and `string` arguments whose offsets, lengths, padding or bytes are not the
/// canonical encoding of valid values.
#[test]
fn the_governor_refuses_malformed_calldata_with_an_empty_revert() {
    let mut c = deploy();
    let stranger = c.people.stranger;
    let governor = c.governor;
    let mut call = |data: &[u8]| c.world.call(stranger, governor, U256::ZERO, data);
    for data in [&[][..], &[0x06], &[0x06, 0xfd], &[0x06, 0xfd, 0xde], &[0xde, 0xad, 0xbe, 0xef]] {
        assert!(refused_empty(&call(data)), "{data:?}");
    }
    for f in abi_functions("ArtGovernor") {
        let (signature, data) = zero_calldata(&f);
        if data.len() > 4 {
            assert!(refused_empty(&call(&data[..data.len() - 1])), "{signature} short");
        }
        let mut longer = data.clone();
        longer.push(0);
        assert!(refused_empty(&call(&longer)), "{signature} long");
        let mut padded = data.clone();
        padded.extend([0u8; 32]);
        assert!(refused_empty(&call(&padded)), "{signature} one word long");
    }
    let word = |n: U256| n.to_be_bytes::<32>().to_vec();
    let param = |key: U256| [&ArtGovernor::paramCall::SELECTOR[..], &word(key)].concat();
    assert!(!refused_empty(&call(&param(U256::from(255)))));
    assert!(refused_empty(&call(&param(U256::from(256)))));
    let vote = |support: U256| {
        [&ArtGovernor::castVoteCall::SELECTOR[..], &word(U256::from(1)), &word(support)].concat()
    };
    assert!(!refused_empty(&call(&vote(U256::from(255)))));
    assert!(refused_empty(&call(&vote(U256::from(1) << 8))));
    let mut grant = ArtGovernor::grantUntilCall { artwork_id: U256::ZERO, account: stranger }.abi_encode();
    assert!(call(&grant).success);
    grant[4 + 32 + 11] = 1;
    assert!(refused_empty(&call(&grant)));

    // hashProposal([a0 ("ipfs://a"), a1 ("")], hash, proposer): the hash when
    // canonical; every corruption below refused. Layout after the selector: head
    // (3 words), the array at 96 (length, two offsets), a0 at 192 (8 words, then
    // its uri: length, one word), a1 at 512 (8 words, then its uri: length).
    let mut a0 = action(kind::SET_CREATIVE_DIRECTION);
    a0.7 = "ipfs://a".into();
    let a1 = action(kind::GRANT_EXHIBITION);
    let actions = vec![a0, a1];
    let valid = ArtGovernor::hashProposalCall::from((actions.clone(), B256::repeat_byte(7), stranger)).abi_encode();
    let r = call(&valid);
    assert!(r.success);
    assert_eq!(r.output.to_vec(), hash_proposal(&actions, B256::repeat_byte(7), stranger).abi_encode());
    let (array, e0, e1) = (4 + 96, 4 + 192, 4 + 512);
    assert_eq!(valid.len(), e1 + 9 * 32);
    let set = |data: &mut Vec<u8>, at: usize, n: usize| data[at..at + 32].copy_from_slice(&word(U256::from(n)));
    let mut cases: Vec<(&str, Vec<u8>)> = Vec::new();
    let mut d = valid.clone();
    set(&mut d, 4, 128);
    cases.push(("array offset past its place", d));
    let mut d = valid.clone();
    d[4] = 1;
    cases.push(("array offset upper byte", d));
    let mut d = valid.clone();
    set(&mut d, array, 3);
    cases.push(("array length one more", d));
    let mut d = valid.clone();
    set(&mut d, array, 1);
    cases.push(("array length one less", d));
    let mut d = valid.clone();
    set(&mut d, array, 1 << 27);
    cases.push(("array length huge", d));
    let mut d = valid.clone();
    d[array] = 0x80;
    cases.push(("array length upper byte", d));
    let mut d = valid.clone();
    set(&mut d, array + 64, 64);
    cases.push(("both elements at one offset", d));
    let mut d = valid.clone();
    set(&mut d, array + 32, 96);
    cases.push(("first element one word late", d));
    let mut d = valid.clone();
    set(&mut d, e0 + 7 * 32, 9 * 32);
    cases.push(("uri offset late", d));
    let mut d = valid.clone();
    set(&mut d, e0 + 8 * 32, 1 << 20);
    cases.push(("uri length past the end", d));
    let mut d = valid.clone();
    set(&mut d, e0 + 8 * 32, 33);
    cases.push(("uri length into the next element", d));
    let mut d = valid.clone();
    d[e0 + 9 * 32 + 8] = 1;
    cases.push(("uri padding", d));
    let mut d = valid.clone();
    d[e0 + 9 * 32] = 0xff;
    cases.push(("uri not UTF-8", d));
    let mut d = valid.clone();
    d[e1 + 30] = 1;
    cases.push(("kind above uint8", d));
    let mut d = valid.clone();
    d[e1 + 32] = 1;
    cases.push(("target above address", d));
    let mut d = valid.clone();
    d[e1 + 2 * 32 + 11] = 1;
    cases.push(("account above address", d));
    let mut d = valid.clone();
    d[4 + 64] = 1;
    cases.push(("proposer above address", d));
    let mut d = valid.clone();
    d.truncate(d.len() - 32);
    cases.push(("the last uri cut", d));
    for (what, data) in &cases {
        assert!(refused_empty(&call(data)), "hashProposal: {what}");
    }
    // The same corruptions of execute's calldata (same arguments, other selector).
    for (what, data) in &cases {
        let mut data = data.clone();
        data[..4].copy_from_slice(&ArtGovernor::executeCall::SELECTOR);
        assert!(refused_empty(&call(&data)), "execute: {what}");
    }
    let mut d = valid.clone();
    d[..4].copy_from_slice(&ArtGovernor::executeCall::SELECTOR);
    assert!(!refused_empty(&call(&d)), "execute is reached");

    // propose(actions, description): the description after the array.
    let valid = ArtGovernor::proposeCall::from((actions.clone(), "why".into())).abi_encode();
    assert!(!refused_empty(&call(&valid)), "propose is reached");
    let description = 4 + 64 + 32 + 64 + 2 * (8 * 32 + 32) + 32;
    assert_eq!(valid.len(), description + 64);
    let mut cases: Vec<(&str, Vec<u8>)> = Vec::new();
    let mut d = valid.clone();
    set(&mut d, 4 + 32, 64);
    cases.push(("description at the array", d));
    let mut d = valid.clone();
    set(&mut d, 4 + 32, description - 4 + 32);
    d.splice(description..description, [0u8; 32]);
    cases.push(("a gap before the description", d));
    let mut d = valid.clone();
    d[description + 32 + 3] = 1;
    cases.push(("description padding", d));
    let mut d = valid.clone();
    set(&mut d, description, 33);
    cases.push(("description length past its bytes' word", d));
    let mut d = valid.clone();
    d[description + 32 + 1] = 0xc3;
    cases.push(("description not UTF-8", d));
    let mut d = valid.clone();
    set(&mut d, 4, 96);
    cases.push(("array offset late", d));
    for (what, data) in &cases {
        assert!(refused_empty(&call(data)), "propose: {what}");
    }

    // castVoteWithReason(id, support, reason).
    let valid = ArtGovernor::castVoteWithReasonCall { proposal_id: U256::from(1), support: 1, reason: "because".into() }.abi_encode();
    assert!(!refused_empty(&call(&valid)), "castVoteWithReason is reached");
    let reason = 4 + 96;
    let mut cases: Vec<(&str, Vec<u8>)> = Vec::new();
    let mut d = valid.clone();
    set(&mut d, 4 + 64, 128);
    cases.push(("reason offset late", d));
    let mut d = valid.clone();
    set(&mut d, reason, 40);
    cases.push(("reason length past the end", d));
    let mut d = valid.clone();
    d[reason + 32 + 7] = 1;
    cases.push(("reason padding", d));
    let mut d = valid.clone();
    d[reason + 32] = 0x80;
    cases.push(("reason not UTF-8", d));
    let mut d = valid.clone();
    d[4 + 32 + 30] = 1;
    cases.push(("support above uint8", d));
    for (what, data) in &cases {
        assert!(refused_empty(&call(data)), "castVoteWithReason: {what}");
    }
}

/// The governor's return data is Solidity's: static tuples as their words,
/// `creativeDirection` as its return parameters (no leading offset word), a
/// `uint8` and a `bool` as one word, nothing for `()`.
#[test]
fn the_governor_returns_solidity_return_data() {
    let mut c = deploy();
    let stranger = c.people.stranger;
    let (g, token, vault) = (c.governor, c.token, c.vault);
    let mut stat = |data: Vec<u8>| {
        let r = c.world.static_call(stranger, g, &data);
        assert!(r.success, "{:?}", r.exit);
        r.output.to_vec()
    };
    let wiring = stat(ArtGovernor::wiringCall {}.abi_encode());
    assert_eq!(wiring.len(), 4 * 32);
    assert_eq!(&wiring[..32], vault.into_word().as_slice());
    assert_eq!(&wiring[32..64], token.into_word().as_slice());
    assert_eq!(stat(ArtGovernor::creativeDirectionCall {}.abi_encode()), (B256::ZERO, B256::ZERO, String::new()).abi_encode_params());
    assert_eq!(stat(ArtGovernor::proposalCall { proposal_id: U256::from(1) }.abi_encode()), vec![0u8; 6 * 32]);
    assert_eq!(stat(ArtGovernor::proposalVotesCall { proposal_id: U256::from(1) }.abi_encode()), vec![0u8; 3 * 32]);
    assert_eq!(stat(ArtGovernor::hasVotedCall { proposal_id: U256::from(1), account: stranger }.abi_encode()), false.abi_encode());
    assert_eq!(stat(ArtGovernor::hashProposalCall::from((vec![], B256::ZERO, stranger)).abi_encode()), hash_proposal(&[], B256::ZERO, stranger).abi_encode());
    let quorum = stat(ArtGovernor::paramCall { key: params::vault::QUORUM_BPS }.abi_encode());
    assert_eq!(quorum, c.cfg("governor", "quorumBps").abi_encode());
    let r = c.world.static_call(stranger, g, &ArtGovernor::licenseCall { license_id: U256::from(3) }.abi_encode());
    assert_eq!(decode_error(&r.output), "UnknownLicense(UnknownLicense { licenseId: 3 })");
    let r = c.world.static_call(stranger, g, &ArtGovernor::stateCall { proposal_id: U256::from(3) }.abi_encode());
    assert_eq!(decode_error(&r.output), "UnknownProposal(UnknownProposal { proposalId: 3 })");
}

/// The constructor `(address admin)` of a fresh `name` program: not payable,
/// its argument decoded strictly, `ZeroAddress` for the zero admin, once.
fn constructor_edges(c: &mut Collective, name: &'static str) {
    let admin = c.people.deployer;
    c.fund(admin, ETH);
    let fresh = c.world.deploy(&program(name));
    let arg = admin.abi_encode();
    assert!(refused_empty(&c.world.construct(admin, fresh, U256::from(1), &arg)), "{name}: constructor with value");
    let mut dirty = arg.clone();
    dirty[0] = 1;
    assert!(refused_empty(&c.world.construct(admin, fresh, U256::ZERO, &dirty)));
    let mut longer = arg.clone();
    longer.push(0);
    assert!(refused_empty(&c.world.construct(admin, fresh, U256::ZERO, &longer)));
    assert!(refused_empty(&c.world.construct(admin, fresh, U256::ZERO, &arg[..31])));
    let r = c.world.construct(admin, fresh, U256::ZERO, &Address::ZERO.abi_encode());
    assert_eq!(decode_error(&r.output), "ZeroAddress(ZeroAddress)");
    assert!(c.world.construct(admin, fresh, U256::ZERO, &arg).success);
    assert!(refused_empty(&c.world.construct(admin, fresh, U256::ZERO, &arg)), "{name}: only once");
}

/// The treasury has no payable function: stylus-sdk 0.9's router refuses
/// `msg.value > 0` with an empty revert on every one (views and the constructor
/// included), on unknown selectors and on calldata shorter than a selector. ETH
/// comes in through `receive`, which the SDK runs for empty calldata (and only
/// then): it takes any value, and reverts `ZeroAmount` without one. A call to
/// the selector of `receive()` is no function. The treasury's WASM routes
/// through its hand-written router (`contracts/treasury/src/router.rs`).
#[test]
fn the_treasury_refuses_value_on_every_function_and_takes_it_in_receive() {
    let mut c = deploy();
    let stranger = c.people.stranger;
    let treasury = c.treasury;
    c.fund(stranger, ETH * U256::from(10));
    for f in abi_functions("Treasury") {
        let (signature, data) = zero_calldata(&f);
        assert_ne!(f["stateMutability"], "payable", "{signature}");
        let mut d = c.clone();
        let r = d.world.call(stranger, treasury, U256::from(1), &data);
        assert!(refused_empty(&r), "{signature} with value: {:?}", r.exit);
        let r = d.world.call(stranger, treasury, U256::ZERO, &data);
        assert!(!refused_empty(&r), "{signature} without value is reached");
    }
    // Plain transfers: empty calldata runs `receive`.
    let before = c.buckets();
    let r = c.world.call(stranger, treasury, ETH, &[]);
    assert!(r.success && r.output.is_empty(), "{:?}", r.exit);
    assert_eq!(r.logs.len(), 1, "RevenueReceived");
    let after = c.buckets();
    let total = |b: (U256, U256, U256, U256)| b.0 + b.1 + b.2 + b.3;
    assert_eq!(total(after), total(before) + ETH);
    let r = c.world.call(stranger, treasury, U256::ZERO, &[]);
    assert_eq!(decode_error(&r.output), "ZeroAmount(ZeroAmount)");
    let r = c.world.static_call(stranger, treasury, &[]);
    assert_eq!(decode_error(&r.output), "ZeroAmount(ZeroAmount)");
    // Anything else carrying value is refused and moves nothing.
    let receive_selector = keccak256("receive()")[..4].to_vec();
    for data in [&[0u8][..], &[0xd6, 0x96], &[0xd6, 0x96, 0xae], &[0xde, 0xad, 0xbe, 0xef], &receive_selector] {
        for value in [U256::ZERO, U256::from(1)] {
            assert!(refused_empty(&c.world.call(stranger, treasury, value, data)), "{data:?} value {value}");
        }
    }
    assert_eq!(c.eth(treasury), total(after));
    constructor_edges(&mut c, "treasury");
}

/// Calldata the SDK cannot decode strictly reverts with no data, on every
/// treasury function: short, long, words out of range; and `bytes`
/// (checkUpkeep, performUpkeep) and `string` (acquire) arguments whose offsets,
/// lengths or padding are not the canonical encoding (and, for the string,
/// bytes that are not UTF-8; `bytes` takes any).
#[test]
fn the_treasury_refuses_malformed_calldata_with_an_empty_revert() {
    let mut c = deploy();
    let stranger = c.people.stranger;
    let acquirer = c.people.acquirer;
    let treasury = c.treasury;
    let mut call = |from: Address, data: &[u8]| c.world.call(from, treasury, U256::ZERO, data);
    for f in abi_functions("Treasury") {
        let (signature, data) = zero_calldata(&f);
        if data.len() > 4 {
            assert!(refused_empty(&call(stranger, &data[..data.len() - 1])), "{signature} short");
        }
        let mut longer = data.clone();
        longer.push(0);
        assert!(refused_empty(&call(stranger, &longer)), "{signature} long");
        let mut padded = data.clone();
        padded.extend([0u8; 32]);
        assert!(refused_empty(&call(stranger, &padded)), "{signature} one word long");
    }
    let word = |n: U256| n.to_be_bytes::<32>().to_vec();
    let param = |key: U256| [&Treasury::paramCall::SELECTOR[..], &word(key)].concat();
    assert!(!refused_empty(&call(stranger, &param(U256::from(255)))));
    assert!(refused_empty(&call(stranger, &param(U256::from(256)))));
    let set_param = |key: U256| [&Treasury::setParamCall::SELECTOR[..], &word(key), &word(U256::ZERO)].concat();
    assert!(!refused_empty(&call(stranger, &set_param(U256::from(255)))));
    assert!(refused_empty(&call(stranger, &set_param(U256::from(1) << 8))));
    let mut withdraw = Treasury::withdrawReserveCall { to: stranger, amount: U256::from(1) }.abi_encode();
    assert!(!refused_empty(&call(stranger, &withdraw)));
    withdraw[4 + 11] = 1;
    assert!(refused_empty(&call(stranger, &withdraw)));

    // checkUpkeep(bytes) and performUpkeep(bytes): any bytes, canonically.
    let set = |data: &mut Vec<u8>, at: usize, n: usize| data[at..at + 32].copy_from_slice(&word(U256::from(n)));
    for payload in [vec![], vec![0xff, 0xfe], vec![7u8; 32], vec![0x80; 33]] {
        let check = Treasury::checkUpkeepCall { check_data: payload.clone().into() }.abi_encode();
        let r = call(stranger, &check);
        assert!(r.success, "checkUpkeep({payload:?})");
        let perform = Treasury::performUpkeepCall { perform_data: payload.clone().into() }.abi_encode();
        assert!(!refused_empty(&call(stranger, &perform)), "performUpkeep({payload:?}) is reached");
    }
    let valid = Treasury::checkUpkeepCall { check_data: vec![1u8, 2, 3].into() }.abi_encode();
    let mut cases: Vec<(&str, Vec<u8>)> = Vec::new();
    let mut d = valid.clone();
    set(&mut d, 4, 64);
    d.splice(4 + 32..4 + 32, [0u8; 32]);
    cases.push(("offset one word late", d));
    let mut d = valid.clone();
    set(&mut d, 4, 0);
    cases.push(("offset at the head", d));
    let mut d = valid.clone();
    d[4] = 1;
    cases.push(("offset upper byte", d));
    let mut d = valid.clone();
    set(&mut d, 4 + 32, 33);
    cases.push(("length past the end", d));
    let mut d = valid.clone();
    set(&mut d, 4 + 32, 2);
    cases.push(("length one short", d));
    let mut d = valid.clone();
    d[4 + 64 + 31] = 1;
    cases.push(("padding", d));
    let mut d = valid.clone();
    d.truncate(4 + 64);
    cases.push(("bytes cut", d));
    for (what, data) in &cases {
        assert!(refused_empty(&call(stranger, data)), "checkUpkeep: {what}");
        let mut data = data.clone();
        data[..4].copy_from_slice(&Treasury::performUpkeepCall::SELECTOR);
        assert!(refused_empty(&call(stranger, &data)), "performUpkeep: {what}");
    }

    // acquire(..., string uri, deadline): the uri at head word 8.
    let acquire = |uri: &str| {
        Treasury::acquireCall::from((
            stranger,
            U256::from(1),
            stranger,
            U256::ZERO,
            B256::ZERO,
            B256::ZERO,
            B256::ZERO,
            stranger,
            uri.into(),
            U256::MAX,
        ))
        .abi_encode()
    };
    for uri in ["", "ipfs://art/1", "ünï ✓", &"u".repeat(64)] {
        // Reached: the price is zero.
        assert_eq!(decode_error(&call(acquirer, &acquire(uri)).output), "ZeroAmount(ZeroAmount)", "{uri:?}");
    }
    let valid = acquire("ipfs://art/1");
    let uri = 4 + 10 * 32;
    assert_eq!(valid.len(), uri + 64);
    let mut cases: Vec<(&str, Vec<u8>)> = Vec::new();
    let mut d = valid.clone();
    set(&mut d, 4 + 8 * 32, 11 * 32);
    d.splice(uri..uri, [0u8; 32]);
    cases.push(("uri offset late", d));
    let mut d = valid.clone();
    d[4 + 8 * 32 + 1] = 1;
    cases.push(("uri offset upper byte", d));
    let mut d = valid.clone();
    set(&mut d, uri, 33);
    cases.push(("uri length past the end", d));
    let mut d = valid.clone();
    d[uri + 32 + 20] = 1;
    cases.push(("uri padding", d));
    let mut d = valid.clone();
    d[uri + 32] = 0xff;
    cases.push(("uri not UTF-8", d));
    let mut d = valid.clone();
    d[4 + 7 * 32 + 11] = 1;
    cases.push(("artist above address", d));
    let mut d = valid.clone();
    d.truncate(uri + 32);
    cases.push(("uri cut", d));
    for (what, data) in &cases {
        assert!(refused_empty(&call(acquirer, data)), "acquire: {what}");
    }
}

/// The treasury's return data is Solidity's: `checkUpkeep` as its return
/// parameters `(bool, bytes)` (no leading offset word), static tuples as their
/// words, nothing for `()`.
#[test]
fn the_treasury_returns_solidity_return_data() {
    let mut c = deploy();
    c.buy(c.people.alice, 20);
    let stranger = c.people.stranger;
    let t = c.treasury;
    let (token, registry, vault) = (c.token, c.registry, c.vault);
    let check = Treasury::checkUpkeepCall { check_data: vec![9u8; 40].into() }.abi_encode();
    // Due: no upkeep has run yet.
    let r = c.world.static_call(stranger, t, &check);
    assert!(r.success);
    assert_eq!(r.output.to_vec(), (true, alloy_primitives::Bytes::new()).abi_encode_params());
    assert_eq!(r.output.len(), 3 * 32);
    let mut stat = |data: Vec<u8>| {
        let r = c.world.static_call(stranger, t, &data);
        assert!(r.success, "{:?}", r.exit);
        r.output.to_vec()
    };
    assert_eq!(stat(Treasury::wiringCall {}.abi_encode()), (token, registry, vault).abi_encode());
    assert_eq!(stat(Treasury::buybackRoundCall {}.abi_encode()), vec![0u8; 7 * 32]);
    assert_eq!(stat(Treasury::currentBidCall {}.abi_encode()), U256::ZERO.abi_encode());
    assert_eq!(stat(Treasury::bucketsCall {}.abi_encode()).len(), 4 * 32);
    assert_eq!(stat(Treasury::saleFloorCall {}.abi_encode()).len(), 2 * 32);
    assert_eq!(stat(Treasury::epochStateCall {}.abi_encode()).len(), 4 * 32);
    let epoch = stat(Treasury::paramCall { key: 3 }.abi_encode());
    assert_eq!(epoch, U256::from(c.secs("treasury", "epoch")).abi_encode());
    let r = c.world.call(stranger, t, U256::ZERO, &Treasury::performUpkeepCall { perform_data: vec![1u8].into() }.abi_encode());
    assert!(r.success && r.output.is_empty(), "{:?}", r.exit);
    let r = c.world.static_call(stranger, t, &check);
    assert_eq!(r.output.to_vec(), (false, alloy_primitives::Bytes::new()).abi_encode_params());
    let r = c.world.call(stranger, t, U256::ZERO, &Treasury::performUpkeepCall { perform_data: vec![].into() }.abi_encode());
    assert!(decode_error(&r.output).starts_with("UpkeepNotNeeded"), "{}", decode_error(&r.output));
    let r = c.world.call(stranger, t, U256::ZERO, &Treasury::sellToTreasuryCall { shares: U256::ZERO, min_price: U256::ZERO, deadline: U256::MAX }.abi_encode());
    assert_eq!(decode_error(&r.output), "ZeroAmount(ZeroAmount)");
    let r = c.world.call(stranger, t, U256::ZERO, &Treasury::paramCall { key: 200 }.abi_encode());
    assert_eq!(decode_error(&r.output), "UnknownParam(UnknownParam { key: 200 })");
}

/// stylus-sdk 0.9's router refuses `msg.value > 0` with an empty revert on every
/// registry function but `notifyReward` (views and the constructor included);
/// the registry has no `receive` and no fallback, so empty calldata (a plain
/// transfer) and calldata shorter than a selector revert with no data, with or
/// without value. The registry's WASM routes through its hand-written router
/// (`contracts/curation/src/router.rs`).
#[test]
fn the_registry_refuses_value_on_every_function_but_notify_reward() {
    let mut c = deploy();
    let stranger = c.people.stranger;
    let registry = c.registry;
    c.fund(stranger, ETH);
    for f in abi_functions("CurationRegistry") {
        let (signature, data) = zero_calldata(&f);
        let mut d = c.clone();
        let r = d.world.call(stranger, registry, U256::from(1), &data);
        if f["stateMutability"] == "payable" {
            assert_eq!(signature, "notifyReward()");
            assert_eq!(decode_error(&r.output), format!("Unauthorized(Unauthorized {{ caller: {stranger:?} }})"), "reached");
        } else {
            assert!(refused_empty(&r), "{signature} with value: {:?}", r.exit);
            let r = d.world.call(stranger, registry, U256::ZERO, &data);
            assert!(!refused_empty(&r), "{signature} without value is reached");
        }
    }
    for data in [&[][..], &[0x3c], &[0x3c, 0x6b], &[0x3c, 0x6b, 0x16], &[0xde, 0xad, 0xbe, 0xef]] {
        for value in [U256::ZERO, U256::from(1)] {
            assert!(refused_empty(&c.world.call(stranger, registry, value, data)), "{data:?} value {value}");
        }
    }
    // The treasury streams rewards with value: reached, and taken.
    let treasury = c.treasury;
    c.fund(treasury, ETH);
    let r = c.world.call(treasury, registry, ETH, &CurationRegistry::notifyRewardCall {}.abi_encode());
    assert!(r.success && r.output.is_empty(), "{:?} {}", r.exit, decode_error(&r.output));
    let mut long = CurationRegistry::notifyRewardCall {}.abi_encode();
    long.push(0);
    assert!(refused_empty(&c.world.call(treasury, registry, U256::from(1), &long)));
    constructor_edges(&mut c, "curation");
}

/// Calldata the SDK cannot decode strictly reverts with no data, on every
/// registry function; registerSeed's `string` uri decoded strictly.
#[test]
fn the_registry_refuses_malformed_calldata_with_an_empty_revert() {
    let mut c = deploy();
    let stranger = c.people.stranger;
    let registry = c.registry;
    let mut call = |data: &[u8]| c.world.call(stranger, registry, U256::ZERO, data);
    for f in abi_functions("CurationRegistry") {
        let (signature, data) = zero_calldata(&f);
        if data.len() > 4 {
            assert!(refused_empty(&call(&data[..data.len() - 1])), "{signature} short");
        }
        let mut longer = data.clone();
        longer.push(0);
        assert!(refused_empty(&call(&longer)), "{signature} long");
        let mut padded = data.clone();
        padded.extend([0u8; 32]);
        assert!(refused_empty(&call(&padded)), "{signature} one word long");
    }
    let word = |n: U256| n.to_be_bytes::<32>().to_vec();
    let param = |key: U256| [&CurationRegistry::paramCall::SELECTOR[..], &word(key)].concat();
    assert!(!refused_empty(&call(&param(U256::from(255)))));
    assert!(refused_empty(&call(&param(U256::from(256)))));
    let set_param = |key: U256| [&CurationRegistry::setParamCall::SELECTOR[..], &word(key), &word(U256::ZERO)].concat();
    assert!(!refused_empty(&call(&set_param(U256::from(255)))));
    assert!(refused_empty(&call(&set_param(U256::from(1) << 8))));
    let mut stake_of = CurationRegistry::stakeOfCall { account: stranger, seed_id: U256::ZERO }.abi_encode();
    assert!(call(&stake_of).success);
    stake_of[4 + 3] = 1;
    assert!(refused_empty(&call(&stake_of)));

    // registerSeed(seed, model, prompt, string uri, initialStake): the uri at
    // head word 3. Reached: the stranger stakes nothing (below the minimum).
    let register = |uri: &str| {
        CurationRegistry::registerSeedCall::from((seed(5), B256::ZERO, B256::ZERO, uri.into(), U256::ZERO)).abi_encode()
    };
    for uri in ["", "ipfs://seed/5", "ünï ✓", &"u".repeat(64)] {
        assert!(!refused_empty(&call(&register(uri))), "{uri:?}");
    }
    let valid = register("ipfs://seed/5");
    let uri = 4 + 5 * 32;
    assert_eq!(valid.len(), uri + 64);
    let set = |data: &mut Vec<u8>, at: usize, n: usize| data[at..at + 32].copy_from_slice(&word(U256::from(n)));
    let mut cases: Vec<(&str, Vec<u8>)> = Vec::new();
    let mut d = valid.clone();
    set(&mut d, 4 + 3 * 32, 6 * 32);
    d.splice(uri..uri, [0u8; 32]);
    cases.push(("uri offset late", d));
    let mut d = valid.clone();
    set(&mut d, 4 + 3 * 32, 4 * 32);
    cases.push(("uri offset in the head", d));
    let mut d = valid.clone();
    d[4 + 3 * 32 + 2] = 1;
    cases.push(("uri offset upper byte", d));
    let mut d = valid.clone();
    set(&mut d, uri, 33);
    cases.push(("uri length past the end", d));
    let mut d = valid.clone();
    d[uri + 32 + 30] = 1;
    cases.push(("uri padding", d));
    let mut d = valid.clone();
    d[uri + 32] = 0xc3;
    cases.push(("uri not UTF-8", d));
    let mut d = valid.clone();
    d.truncate(uri + 32);
    cases.push(("uri cut", d));
    for (what, data) in &cases {
        assert!(refused_empty(&call(data)), "registerSeed: {what}");
    }
}

/// The registry's return data is Solidity's: `seedInfo` as its return
/// parameters (the string's offset after the eight-word head, no leading offset
/// word), single values as one word, nothing for `()`.
#[test]
fn the_registry_returns_solidity_return_data() {
    let mut c = deploy();
    let alice = c.people.alice;
    let stranger = c.people.stranger;
    let registry = c.registry;
    c.buy(alice, 40);
    c.approve_token(alice, registry, U256::MAX);
    let stake = c.cfg("registry", "minSeedStake");
    for (i, uri) in ["ipfs://seed/1", "", &"ü".repeat(20)].into_iter().enumerate() {
        let id = c
            .send(alice, registry, CurationRegistry::registerSeedCall::from((seed(1 + i as u8), keccak256("m"), keccak256("p"), uri.into(), stake)))
            .expect("register")
            ._0;
        let r = c.world.static_call(stranger, registry, &CurationRegistry::seedInfoCall { seed_id: id }.abi_encode());
        assert!(r.success, "{:?}", r.exit);
        let s = CurationRegistry::seedInfoCall::abi_decode_returns(&r.output, true).unwrap();
        assert_eq!(s._3, uri);
        assert_eq!(s._4, alice);
        let params = (s._0, s._1, s._2, s._3.clone(), s._4, s._5, s._6, s._7);
        assert_eq!(r.output.to_vec(), params.abi_encode_params(), "seedInfo({id})");
        assert_eq!(&r.output[3 * 32..4 * 32], &U256::from(8 * 32).to_be_bytes::<32>());
    }
    let r = c.world.static_call(stranger, registry, &CurationRegistry::seedInfoCall { seed_id: U256::from(9) }.abi_encode());
    assert!(decode_error(&r.output).starts_with("UnknownSeed"), "{}", decode_error(&r.output));
    let mut stat = |data: Vec<u8>| {
        let r = c.world.static_call(stranger, registry, &data);
        assert!(r.success, "{:?}", r.exit);
        r.output.to_vec()
    };
    assert_eq!(stat(CurationRegistry::seedCountCall {}.abi_encode()), U256::from(3).abi_encode());
    assert_eq!(stat(CurationRegistry::seedIdOfCall { seed: seed(2) }.abi_encode()), U256::from(2).abi_encode());
    assert_eq!(stat(CurationRegistry::stakedByCall { account: alice }.abi_encode()), (stake * U256::from(3)).abi_encode());
    let (token, vault, treasury) = (c.token, c.vault, c.treasury);
    assert_eq!(stat(CurationRegistry::tokenCall {}.abi_encode()), token.abi_encode());
    assert_eq!(stat(CurationRegistry::vaultCall {}.abi_encode()), vault.abi_encode());
    assert_eq!(stat(CurationRegistry::treasuryCall {}.abi_encode()), treasury.abi_encode());
    let r = c.world.call(alice, registry, U256::ZERO, &CurationRegistry::stakeCall { seed_id: U256::from(1), amount: U256::from(1) }.abi_encode());
    assert!(r.success && r.output.is_empty(), "{:?}", r.exit);
    let r = c.world.call(alice, registry, U256::ZERO, &CurationRegistry::claimCall {}.abi_encode());
    assert!(decode_error(&r.output).starts_with("NothingToClaim"), "{}", decode_error(&r.output));
}

/// As the token's and the governor's: stylus-sdk 0.9's router refuses
/// `msg.value > 0` with an empty revert on every vault function (none is
/// payable: views, the ERC-721 entry points, `onERC721Received` and the
/// constructor included). The vault's WASM routes through its hand-written
/// router (`contracts/vault/src/router.rs`).
#[test]
fn the_vault_refuses_value_on_every_function() {
    let mut c = deploy();
    let stranger = c.people.stranger;
    c.fund(stranger, ETH);
    let functions = abi_functions("ArtVault");
    assert!(functions.iter().all(|f| f["stateMutability"] != "payable"), "no payable vault function");
    for f in functions {
        let (signature, data) = zero_calldata(&f);
        let mut d = c.clone();
        let r = d.world.call(stranger, d.vault, U256::from(1), &data);
        assert!(refused_empty(&r), "{signature} with value: {:?}", r.exit);
        let r = d.world.call(stranger, d.vault, U256::ZERO, &data);
        assert!(!refused_empty(&r), "{signature} without value is reached");
    }
    // An unknown selector with value: refused as without.
    assert!(refused_empty(&c.world.call(stranger, c.vault, U256::from(1), &[0xde, 0xad, 0xbe, 0xef])));
    // The constructor: not payable, once, its argument decoded strictly.
    let admin = c.people.deployer;
    c.fund(admin, ETH);
    let fresh = c.world.deploy(&program("vault"));
    let arg = admin.abi_encode();
    assert!(refused_empty(&c.world.construct(admin, fresh, U256::from(1), &arg)), "constructor with value");
    let mut dirty = arg.clone();
    dirty[0] = 1;
    assert!(refused_empty(&c.world.construct(admin, fresh, U256::ZERO, &dirty)));
    let mut longer = arg.clone();
    longer.push(0);
    assert!(refused_empty(&c.world.construct(admin, fresh, U256::ZERO, &longer)));
    assert!(refused_empty(&c.world.construct(admin, fresh, U256::ZERO, &arg[..31])));
    let r = c.world.construct(admin, fresh, U256::ZERO, &Address::ZERO.abi_encode());
    assert_eq!(decode_error(&r.output), "ZeroAddress(ZeroAddress)");
    assert!(c.world.construct(admin, fresh, U256::ZERO, &arg).success);
    assert!(refused_empty(&c.world.construct(admin, fresh, U256::ZERO, &arg)), "only once");
}

/// Calldata the SDK cannot decode strictly reverts with no data, on every vault
/// function: short, long, unknown selectors, words out of their type's range
/// (addresses, `uint8`, `bool`, `bytes4`); and the `string` (`deposit`,
/// `recordAcquisition`, `initialize`) and `bytes` (`onERC721Received`,
/// `safeTransferFrom`) arguments whose offsets, lengths, padding or bytes are not
/// the canonical encoding of valid values.
#[test]
fn the_vault_refuses_malformed_calldata_with_an_empty_revert() {
    let mut c = deploy();
    let (stranger, collection) = (c.people.stranger, c.collection);
    let vault = c.vault;
    let mut call = |data: &[u8]| c.world.call(stranger, vault, U256::ZERO, data);
    for data in [&[][..], &[0x06], &[0x06, 0xfd], &[0x06, 0xfd, 0xde], &[0xde, 0xad, 0xbe, 0xef]] {
        assert!(refused_empty(&call(data)), "{data:?}");
    }
    for f in abi_functions("ArtVault") {
        let (signature, data) = zero_calldata(&f);
        if data.len() > 4 {
            assert!(refused_empty(&call(&data[..data.len() - 1])), "{signature} short");
        }
        let mut longer = data.clone();
        longer.push(0);
        assert!(refused_empty(&call(&longer)), "{signature} long");
        let mut padded = data.clone();
        padded.extend([0u8; 32]);
        assert!(refused_empty(&call(&padded)), "{signature} one word long");
    }
    let word = |n: U256| n.to_be_bytes::<32>().to_vec();
    let set = |data: &mut Vec<u8>, at: usize, n: usize| data[at..at + 32].copy_from_slice(&word(U256::from(n)));
    // executeAction's kind is a uint8.
    let execute = |kind: U256| {
        [&ArtVault::executeActionCall::SELECTOR[..], &word(kind), &[0u8; 4 * 32][..]].concat()
    };
    assert!(decode_error(&call(&execute(U256::from(255))).output).starts_with("Unauthorized("));
    assert!(refused_empty(&call(&execute(U256::from(256)))));
    // setApprovalForAll's bool: the upper 31 bytes zero; as alloy type-checks a
    // bool, any non-zero last byte is `true`.
    let approve_all = |flag: U256| [&ArtVault::setApprovalForAllCall::SELECTOR[..], &stranger.into_word().0, &word(flag)].concat();
    assert!(call(&approve_all(U256::from(1))).success);
    assert!(call(&approve_all(U256::ZERO)).success);
    assert!(call(&approve_all(U256::from(2))).success);
    assert!(refused_empty(&call(&approve_all(U256::from(1) << 8))));
    // supportsInterface's bytes4: left-aligned, the rest zero.
    let mut interface = ArtVault::supportsInterfaceCall { interface_id: [0x80, 0xac, 0x58, 0xcd].into() }.abi_encode();
    assert_eq!(call(&interface).output.to_vec(), true.abi_encode());
    interface[4 + 4] = 1;
    assert!(refused_empty(&call(&interface)));
    interface[4 + 4] = 0;
    interface[4 + 31] = 1;
    assert!(refused_empty(&call(&interface)));
    // Addresses with upper bytes set.
    let mut transfer = ArtVault::transferFromCall { from: stranger, to: stranger, token_id: U256::from(1) }.abi_encode();
    assert!(!refused_empty(&call(&transfer)));
    transfer[4 + 32] = 1;
    assert!(refused_empty(&call(&transfer)));

    // deposit(collection, id, seed, model, prompt, artist, uri): the uri after a
    // head of seven words.
    let deposit = |uri: &str| {
        ArtVault::depositCall::from((collection, U256::from(9), B256::ZERO, B256::ZERO, B256::ZERO, stranger, uri.into())).abi_encode()
    };
    for uri in ["", "ipfs://art/9", &"u".repeat(32), "ünï ✓"] {
        let r = call(&deposit(uri));
        assert!(!refused_empty(&r), "{uri:?} is reached");
        assert!(decode_error(&r.output).starts_with("DepositRefused"), "{uri:?}: {}", decode_error(&r.output));
    }
    let valid = deposit("ipfs://art/9");
    let uri = 4 + 7 * 32;
    assert_eq!(valid.len(), uri + 64);
    let mut cases: Vec<(&str, Vec<u8>)> = Vec::new();
    let mut d = valid.clone();
    set(&mut d, 4 + 6 * 32, 8 * 32);
    cases.push(("uri offset late", d));
    let mut d = valid.clone();
    set(&mut d, 4 + 6 * 32, 6 * 32);
    cases.push(("uri offset into the head", d));
    let mut d = valid.clone();
    d[4 + 6 * 32] = 1;
    cases.push(("uri offset upper byte", d));
    let mut d = valid.clone();
    set(&mut d, uri, 33);
    cases.push(("uri length past its word", d));
    let mut d = valid.clone();
    set(&mut d, uri, 1 << 20);
    cases.push(("uri length past the end", d));
    let mut d = valid.clone();
    d[uri + 32 + 12] = 1;
    cases.push(("uri padding", d));
    let mut d = valid.clone();
    d[uri + 32] = 0xff;
    cases.push(("uri not UTF-8", d));
    let mut d = valid.clone();
    d.truncate(uri + 32);
    cases.push(("uri bytes cut", d));
    let mut d = valid.clone();
    d[4 + 5 * 32 + 11] = 1;
    cases.push(("artist above address", d));
    for (what, data) in &cases {
        assert!(refused_empty(&call(data)), "deposit: {what}");
    }
    // The same corruptions of recordAcquisition's calldata (same arguments).
    for (what, data) in &cases {
        let mut data = data.clone();
        data[..4].copy_from_slice(&ArtVault::recordAcquisitionCall::SELECTOR);
        assert!(refused_empty(&call(&data)), "recordAcquisition: {what}");
    }
    let mut d = valid.clone();
    d[..4].copy_from_slice(&ArtVault::recordAcquisitionCall::SELECTOR);
    assert!(!refused_empty(&call(&d)), "recordAcquisition is reached");

    // initialize(token, registry, treasury, governor, curator, baseUri, fee): the
    // string sixth of seven words.
    let valid = ArtVault::initializeCall::from((stranger, stranger, stranger, stranger, stranger, "https://x/".into(), U256::ZERO)).abi_encode();
    assert_eq!(decode_error(&call(&valid).output), "AlreadyInitialized(AlreadyInitialized)");
    let mut d = valid.clone();
    set(&mut d, 4 + 5 * 32, 8 * 32);
    assert!(refused_empty(&call(&d)), "initialize: base uri offset");
    let mut d = valid.clone();
    d[4 + 7 * 32 + 32 + 20] = 1;
    assert!(refused_empty(&call(&d)), "initialize: base uri padding");

    // onERC721Received(operator, from, id, data) and safeTransferFrom(from, to,
    // id, data): the bytes after a head of four words.
    let provenance = (B256::repeat_byte(1), B256::repeat_byte(2), B256::repeat_byte(3), stranger, "ipfs://x".to_string()).abi_encode_params();
    let received = |data: &[u8]| {
        ArtVault::onERC721ReceivedCall::from((stranger, stranger, U256::from(9), data.to_vec().into())).abi_encode()
    };
    for data in [&[][..], &[0xff][..], &[7u8; 32][..], &provenance[..]] {
        let r = call(&received(data));
        assert!(decode_error(&r.output).starts_with("DepositRefused"), "{data:?}: {}", decode_error(&r.output));
    }
    let valid = received(&[0xff, 0xfe, 0xfd]);
    let bytes = 4 + 4 * 32;
    assert_eq!(valid.len(), bytes + 64);
    let mut cases: Vec<(&str, Vec<u8>)> = Vec::new();
    let mut d = valid.clone();
    set(&mut d, 4 + 3 * 32, 5 * 32);
    cases.push(("data offset late", d));
    let mut d = valid.clone();
    set(&mut d, 4 + 3 * 32, 3 * 32);
    cases.push(("data offset into the head", d));
    let mut d = valid.clone();
    set(&mut d, bytes, 33);
    cases.push(("data length past its word", d));
    let mut d = valid.clone();
    d[bytes + 32 + 3] = 1;
    cases.push(("data padding", d));
    let mut d = valid.clone();
    d.truncate(bytes + 32);
    cases.push(("data bytes cut", d));
    let mut d = valid.clone();
    d[4 + 32 + 11] = 1;
    cases.push(("from above address", d));
    for (what, data) in &cases {
        assert!(refused_empty(&call(data)), "onERC721Received: {what}");
    }
    // The length one short: canonical if the byte it drops is zero (then it is
    // padding), refused if not.
    let mut d = valid.clone();
    set(&mut d, bytes, 2);
    assert!(refused_empty(&call(&d)), "data length one short, padding not zero");
    d[bytes + 32 + 2] = 0;
    assert!(decode_error(&call(&d).output).starts_with("DepositRefused"), "data length one short, padding zero");
    for (what, data) in &cases {
        let mut data = data.clone();
        data[..4].copy_from_slice(&ArtVault::safeTransferFrom_1Call::SELECTOR);
        assert!(refused_empty(&call(&data)), "safeTransferFrom(…, bytes): {what}");
    }
    let mut d = valid.clone();
    d[..4].copy_from_slice(&ArtVault::safeTransferFrom_1Call::SELECTOR);
    assert_eq!(decode_error(&call(&d).output), "ERC721NonexistentToken(ERC721NonexistentToken { tokenId: 9 })");
}

/// The vault's return data is Solidity's: `artwork` as its return parameters
/// (no leading offset word), static tuples as their words, strings as one
/// dynamic value, `bytes4` left-aligned, nothing for `()`; errors as their data.
#[test]
fn the_vault_returns_solidity_return_data() {
    let mut c = deploy();
    let p = c.people;
    c.mint_art(p.curator, 1);
    c.send(p.curator, c.collection, ArtCollection::setApprovalForAllCall { operator: c.vault, approved: true }).unwrap();
    c.genesis_deposit(1).unwrap();
    let (v, collection, treasury) = (c.vault, c.collection, c.treasury);
    let base = c.config["vault"]["baseUri"].as_str().unwrap().to_string();
    let stat = |c: &mut Collective, data: Vec<u8>| {
        let r = c.world.static_call(p.stranger, v, &data);
        assert!(r.success, "{:?}", r.exit);
        r.output.to_vec()
    };
    let mut stat = |data: Vec<u8>| stat(&mut c, data);
    let wiring = stat(ArtVault::wiringCall {}.abi_encode());
    assert_eq!(wiring.len(), 5 * 32);
    assert_eq!(&wiring[64..96], treasury.into_word().as_slice());
    assert_eq!(&wiring[128..], p.curator.into_word().as_slice());
    let artwork = stat(ArtVault::artworkCall { artwork_id: U256::from(1) }.abi_encode());
    let expected = (
        collection,
        U256::from(1),
        seed(1),
        keccak256("model-v1"),
        keccak256("prompt 1"),
        p.carol,
        "ipfs://art/1".to_string(),
        GENESIS_SHARES,
        true,
        U256::ZERO,
    )
        .abi_encode_params();
    assert_eq!(artwork, expected);
    assert_eq!(stat(ArtVault::nameCall {}.abi_encode()), "Atelier Steward".to_string().abi_encode());
    assert_eq!(stat(ArtVault::symbolCall {}.abi_encode()), "STEWARD".to_string().abi_encode());
    assert_eq!(stat(ArtVault::tokenURICall { token_id: U256::from(1) }.abi_encode()), format!("{base}1").abi_encode());
    assert_eq!(stat(ArtVault::listingCall { collection, token_id: U256::from(1) }.abi_encode()), vec![0u8; 64]);
    // One artwork in custody: its claim is the whole supply, so no fee is left.
    assert_eq!(stat(ArtVault::redemptionCostCall { artwork_id: U256::from(1) }.abi_encode()), (GENESIS_SHARES, U256::ZERO).abi_encode_params());
    assert_eq!(stat(ArtVault::royaltyInfoCall { _token_id: U256::from(1), sale_price: U256::from(10_000) }.abi_encode()), (treasury, U256::from(500)).abi_encode_params());
    assert_eq!(stat(ArtVault::supportsInterfaceCall { interface_id: [0x2a, 0x55, 0x20, 0x5a].into() }.abi_encode()), true.abi_encode());
    assert_eq!(stat(ArtVault::supportsInterfaceCall { interface_id: [0xff; 4].into() }.abi_encode()), false.abi_encode());
    assert_eq!(stat(ArtVault::ownerOfCall { token_id: U256::from(1) }.abi_encode()), p.curator.abi_encode());
    assert_eq!(stat(ArtVault::balanceOfCall { owner: p.curator }.abi_encode()), U256::from(1).abi_encode());
    assert_eq!(stat(ArtVault::getApprovedCall { token_id: U256::from(1) }.abi_encode()), Address::ZERO.abi_encode());
    assert_eq!(stat(ArtVault::isApprovedForAllCall { owner: p.curator, operator: p.alice }.abi_encode()), false.abi_encode());
    assert_eq!(stat(ArtVault::liveStewardsCall {}.abi_encode()), U256::from(1).abi_encode());
    // onERC721Received returns its selector, left-aligned, when a listing is used;
    // here the errors: named, as the SDK's router returns them.
    let r = c.world.static_call(p.stranger, v, &ArtVault::artworkCall { artwork_id: U256::from(7) }.abi_encode());
    assert_eq!(decode_error(&r.output), "UnknownArtwork(UnknownArtwork { artworkId: 7 })");
    let r = c.world.static_call(p.stranger, v, &ArtVault::tokenURICall { token_id: U256::from(7) }.abi_encode());
    assert_eq!(decode_error(&r.output), "ERC721NonexistentToken(ERC721NonexistentToken { tokenId: 7 })");
    // A state-changing function returning nothing.
    let r = c.world.call(p.curator, v, U256::ZERO, &ArtVault::approveCall { to: p.alice, token_id: U256::from(1) }.abi_encode());
    assert!(r.success && r.output.is_empty());
}
