//! The sol! bindings against the JSON ABIs: the same selectors, topics and
//! error selectors, and the CLI's calldata equal to a dynamic encoding from the
//! JSON for every call the client makes.
use std::collections::BTreeSet;

use alloy::{
    dyn_abi::{DynSolValue, JsonAbiExt},
    json_abi::JsonAbi,
    primitives::{address, b256, keccak256, Address, Bytes, B256, U256},
    sol_types::SolCall,
};

use crate::{
    bindings::{self, ArtGovernor, ArtVault, CurationRegistry, FractionToken, Treasury, ABI_JSON},
    cli::{ParamTarget, ProposeAction},
    commands::govern::{build_action, Targets},
    config::{Config, Wiring},
    util::{Amount, UNIT},
};

fn abi(name: &str) -> JsonAbi {
    let json = ABI_JSON.iter().find(|(n, _)| *n == name).expect("known contract").1;
    serde_json::from_str(json).expect("the ABI parses")
}

fn selectors(a: &JsonAbi) -> BTreeSet<[u8; 4]> {
    a.functions().map(|f| f.selector().0).collect()
}

fn set(xs: &[[u8; 4]]) -> BTreeSet<[u8; 4]> {
    xs.iter().copied().collect()
}

#[test]
fn bindings_cover_every_function_and_error_of_each_abi() {
    type Check<'a> = (&'a str, &'a [[u8; 4]], &'a [[u8; 4]]);
    let checks: [Check; 5] = [
        ("FractionToken", FractionToken::FractionTokenCalls::SELECTORS, FractionToken::FractionTokenErrors::SELECTORS),
        ("CurationRegistry", CurationRegistry::CurationRegistryCalls::SELECTORS, CurationRegistry::CurationRegistryErrors::SELECTORS),
        ("Treasury", Treasury::TreasuryCalls::SELECTORS, Treasury::TreasuryErrors::SELECTORS),
        ("ArtVault", ArtVault::ArtVaultCalls::SELECTORS, ArtVault::ArtVaultErrors::SELECTORS),
        ("ArtGovernor", ArtGovernor::ArtGovernorCalls::SELECTORS, ArtGovernor::ArtGovernorErrors::SELECTORS),
    ];
    for (name, calls, errors) in checks {
        let a = abi(name);
        assert_eq!(set(calls), selectors(&a), "{name}: function selectors");
        let errs: BTreeSet<[u8; 4]> = a.errors().map(|e| e.selector().0).collect();
        assert_eq!(set(errors), errs, "{name}: error selectors");
        assert!(a.events().count() > 0, "{name}: events in the ABI");
    }
}

#[test]
fn event_topics_match_the_abi() {
    use alloy::sol_types::SolEvent;
    let pairs: [(&str, &str, B256); 8] = [
        ("FractionToken", "SharesBought", FractionToken::SharesBought::SIGNATURE_HASH),
        ("CurationRegistry", "SeedRegistered", CurationRegistry::SeedRegistered::SIGNATURE_HASH),
        ("CurationRegistry", "Staked", CurationRegistry::Staked::SIGNATURE_HASH),
        ("Treasury", "UpkeepPerformed", Treasury::UpkeepPerformed::SIGNATURE_HASH),
        ("Treasury", "BuybackFilled", Treasury::BuybackFilled::SIGNATURE_HASH),
        ("ArtVault", "ArtworkDeposited", ArtVault::ArtworkDeposited::SIGNATURE_HASH),
        ("ArtGovernor", "ProposalCreated", ArtGovernor::ProposalCreated::SIGNATURE_HASH),
        ("ArtGovernor", "VoteCast", ArtGovernor::VoteCast::SIGNATURE_HASH),
    ];
    for (c, e, topic) in pairs {
        let a = abi(c);
        let ev = a.events().find(|x| x.name == e).expect("event in the ABI");
        assert_eq!(ev.selector(), topic, "{c}.{e}");
    }
}

/// The JSON ABI's encoding of `contract.function(args)`.
fn dynamic(contract: &str, function: &str, args: &[DynSolValue]) -> Vec<u8> {
    let a = abi(contract);
    let f = a.function(function).expect("function in the ABI").first().expect("one overload");
    f.abi_encode_input(args).expect("encodes")
}

fn u(x: u64) -> DynSolValue {
    DynSolValue::Uint(U256::from(x), 256)
}
fn uu(x: U256) -> DynSolValue {
    DynSolValue::Uint(x, 256)
}
fn ad(a: Address) -> DynSolValue {
    DynSolValue::Address(a)
}
fn b32(b: B256) -> DynSolValue {
    DynSolValue::FixedBytes(b, 32)
}

#[test]
fn user_calls_encode_as_the_abi_says() {
    let who = address!("70997970C51812dc3A010C7d01b50e0d17dc79C8");
    let n = UNIT * U256::from(100);
    let cases: Vec<(&str, &str, Vec<u8>, Vec<DynSolValue>)> = vec![
        ("FractionToken", "buy", FractionToken::buyCall { shares: n, max_cost: U256::from(7), deadline: U256::MAX }.abi_encode(), vec![uu(n), u(7), uu(U256::MAX)]),
        ("FractionToken", "approve", FractionToken::approveCall { spender: who, value: n }.abi_encode(), vec![ad(who), uu(n)]),
        ("FractionToken", "delegate", FractionToken::delegateCall { delegatee: who }.abi_encode(), vec![ad(who)]),
        ("FractionToken", "setPremium", FractionToken::setPremiumCall { wad: UNIT }.abi_encode(), vec![uu(UNIT)]),
        ("Treasury", "sellToTreasury", Treasury::sellToTreasuryCall { shares: n, min_price: U256::from(3), deadline: U256::MAX }.abi_encode(), vec![uu(n), u(3), uu(U256::MAX)]),
        ("Treasury", "performUpkeep", Treasury::performUpkeepCall { perform_data: Bytes::new() }.abi_encode(), vec![DynSolValue::Bytes(vec![])]),
        ("CurationRegistry", "stake", CurationRegistry::stakeCall { seed_id: U256::from(1), amount: n }.abi_encode(), vec![u(1), uu(n)]),
        ("CurationRegistry", "unstake", CurationRegistry::unstakeCall { seed_id: U256::from(2), amount: n }.abi_encode(), vec![u(2), uu(n)]),
        ("CurationRegistry", "claim", CurationRegistry::claimCall {}.abi_encode(), vec![]),
        (
            "CurationRegistry",
            "registerSeed",
            CurationRegistry::registerSeedCall { seed: keccak256("s"), model_id: keccak256("m"), prompt_hash: keccak256("p"), uri: "ipfs://x".into(), initial_stake: n }.abi_encode(),
            vec![b32(keccak256("s")), b32(keccak256("m")), b32(keccak256("p")), DynSolValue::String("ipfs://x".into()), uu(n)],
        ),
        (
            "ArtVault",
            "deposit",
            ArtVault::depositCall { collection: who, token_id: U256::from(1), seed: keccak256("s"), model_id: keccak256("m"), prompt_hash: keccak256("p"), artist: who, uri: "u".into() }.abi_encode(),
            vec![ad(who), u(1), b32(keccak256("s")), b32(keccak256("m")), b32(keccak256("p")), ad(who), DynSolValue::String("u".into())],
        ),
        ("ArtVault", "redeem", ArtVault::redeemCall { artwork_id: U256::from(3) }.abi_encode(), vec![u(3)]),
        ("ArtVault", "endBootstrap", ArtVault::endBootstrapCall {}.abi_encode(), vec![]),
        ("ArtGovernor", "castVote", ArtGovernor::castVoteCall { proposal_id: U256::from(9), support: 1 }.abi_encode(), vec![u(9), DynSolValue::Uint(U256::from(1), 8)]),
        (
            "ArtGovernor",
            "castVoteWithReason",
            ArtGovernor::castVoteWithReasonCall { proposal_id: U256::from(9), support: 0, reason: "no".into() }.abi_encode(),
            vec![u(9), DynSolValue::Uint(U256::ZERO, 8), DynSolValue::String("no".into())],
        ),
        ("ArtGovernor", "queue", ArtGovernor::queueCall { proposal_id: U256::from(9) }.abi_encode(), vec![u(9)]),
        ("ArtGovernor", "veto", ArtGovernor::vetoCall { proposal_id: U256::from(9), steward_token_id: U256::from(2) }.abi_encode(), vec![u(9), u(2)]),
        (
            "Treasury",
            "acquire",
            Treasury::acquireCall { collection: who, token_id: U256::from(77), seller: who, price: UNIT, seed: keccak256("s"), model_id: keccak256("m"), prompt_hash: keccak256("p"), artist: who, uri: "u".into(), deadline: U256::MAX }.abi_encode(),
            vec![ad(who), u(77), ad(who), uu(UNIT), b32(keccak256("s")), b32(keccak256("m")), b32(keccak256("p")), ad(who), DynSolValue::String("u".into()), uu(U256::MAX)],
        ),
        ("ArtGovernor", "activateLicense", ArtGovernor::activateLicenseCall { license_id: U256::from(1) }.abi_encode(), vec![u(1)]),
    ];
    for (c, f, ours, args) in cases {
        assert_eq!(ours, dynamic(c, f, &args), "{c}.{f}");
    }
}

fn action_value(a: &crate::commands::govern::Action) -> DynSolValue {
    DynSolValue::Tuple(vec![
        DynSolValue::Uint(U256::from(a.0), 8),
        ad(a.1),
        ad(a.2),
        uu(a.3),
        uu(a.4),
        b32(a.5),
        b32(a.6),
        DynSolValue::String(a.7.clone()),
    ])
}

#[test]
fn every_proposal_kind_encodes_as_the_abi_says() {
    let t = Targets {
        token: address!("0000000000000000000000000000000000000001"),
        registry: address!("0000000000000000000000000000000000000002"),
        treasury: address!("0000000000000000000000000000000000000003"),
        vault: address!("0000000000000000000000000000000000000004"),
    };
    let who = address!("70997970C51812dc3A010C7d01b50e0d17dc79C8");
    let now = 1_767_225_600;
    let kinds = [
        ProposeAction::CreativeDirection { model_id: "model-v2".into(), prompt: Some("brighter palettes".into()), uri: Some("ipfs://direction/2".into()) },
        ProposeAction::GrantExhibition { grantee: who, artwork: U256::from(1), until: None, days: Some(30) },
        ProposeAction::License { licensee: who, artwork: U256::from(1), fee: Amount(UNIT / U256::from(20)), terms: "terms v1".into() },
        ProposeAction::Listing { collection: who, depositor: who, token_id: U256::from(5), shares: Amount(UNIT * U256::from(40)) },
        ProposeAction::SetParam { target: ParamTarget::Token, key: "decay".into(), value: UNIT },
        ProposeAction::Release { artwork: U256::from(2), to: who },
        ProposeAction::WithdrawReserve { to: who, amount: Amount(UNIT) },
        ProposeAction::Rescue { collection: who, token_id: U256::from(77), to: who },
    ];
    for (i, k) in kinds.iter().enumerate() {
        let a = build_action(k, &t, now).expect("builds");
        assert_eq!(a.0 as usize, i, "kind number");
        let ours = ArtGovernor::proposeCall { actions: vec![a.clone()], description: "d".into() }.abi_encode();
        let theirs = dynamic("ArtGovernor", "propose", &[DynSolValue::Array(vec![action_value(&a)]), DynSolValue::String("d".into())]);
        assert_eq!(ours, theirs, "kind {i}");
        let exec = ArtGovernor::executeCall { actions: vec![a.clone()], description_hash: keccak256("d"), proposer: who }.abi_encode();
        let theirs = dynamic("ArtGovernor", "execute", &[DynSolValue::Array(vec![action_value(&a)]), b32(keccak256("d")), ad(who)]);
        assert_eq!(exec, theirs, "execute kind {i}");
        let cancel = ArtGovernor::cancelCall { actions: vec![a.clone()], description_hash: keccak256("d") }.abi_encode();
        let theirs = dynamic("ArtGovernor", "cancel", &[DynSolValue::Array(vec![action_value(&a)]), b32(keccak256("d"))]);
        assert_eq!(cancel, theirs, "cancel kind {i}");
    }
    // The fields each kind uses, as the lifecycle story builds them.
    let dir = build_action(&kinds[0], &t, now).unwrap();
    assert_eq!((dir.5, dir.6, dir.7.as_str()), (keccak256("model-v2"), keccak256("brighter palettes"), "ipfs://direction/2"));
    assert_eq!((dir.1, dir.2, dir.3, dir.4), (Address::ZERO, Address::ZERO, U256::ZERO, U256::ZERO));
    let grant = build_action(&kinds[1], &t, now).unwrap();
    assert_eq!(grant.4, U256::from(now + 30 * 86_400));
    let set = build_action(&kinds[4], &t, now).unwrap();
    assert_eq!((set.1, set.3, set.4), (t.token, U256::from(1), UNIT));
    assert!(build_action(&ProposeAction::GrantExhibition { grantee: who, artwork: U256::from(1), until: Some(now), days: None }, &t, now).is_err());
}

#[test]
fn initialize_calls_from_collective_json_encode_as_the_abi_says() {
    let config = Config::parse(include_str!("../../../../deploy/collective.json")).expect("parses");
    let w = Wiring {
        token: address!("00000000000000000000000000000000000000a1"),
        registry: address!("00000000000000000000000000000000000000a2"),
        treasury: address!("00000000000000000000000000000000000000a3"),
        vault: address!("00000000000000000000000000000000000000a4"),
        governor: address!("00000000000000000000000000000000000000a5"),
        keeper: address!("00000000000000000000000000000000000000b1"),
        genesis_curator: address!("00000000000000000000000000000000000000b2"),
        acquirer: address!("00000000000000000000000000000000000000b3"),
    };
    let now = 1_000;
    let n = |s: &str, k: &str| uu(config.num(s, k).unwrap());
    let s = |x: &str| DynSolValue::String(x.into());
    let expect: Vec<(&str, Vec<DynSolValue>)> = vec![
        ("FractionToken", vec![s("Atelier Share"), s("ATLR"), ad(w.vault), ad(w.treasury), ad(w.registry), ad(w.keeper), n("token", "p0"), n("token", "decay"), n("token", "targetRate"), u(now), n("token", "premiumMin"), n("token", "premiumMax"), n("token", "premiumMaxStep"), n("token", "premiumInterval"), n("token", "maxSupply")]),
        ("CurationRegistry", vec![ad(w.token), ad(w.vault), ad(w.treasury), n("registry", "minSeedStake"), n("registry", "cooldown"), n("registry", "halfLife"), n("registry", "rewardPeriod")]),
        ("Treasury", vec![ad(w.token), ad(w.registry), ad(w.vault), ad(w.acquirer), n("treasury", "buybackBps"), n("treasury", "acquisitionBps"), n("treasury", "rewardsBps"), n("treasury", "epoch"), n("treasury", "minBuyback"), n("treasury", "roundDuration"), n("treasury", "floorBps"), n("treasury", "capBps"), n("treasury", "maxAcquisitionPrice"), n("treasury", "acquisitionBudgetPerEpoch")]),
        ("ArtVault", vec![ad(w.token), ad(w.registry), ad(w.treasury), ad(w.governor), ad(w.genesis_curator), s("https://atelier.example/steward/"), u(200)]),
        ("ArtGovernor", vec![ad(w.vault), ad(w.token), ad(w.registry), ad(w.treasury), n("governor", "votingDelay"), n("governor", "votingPeriod"), n("governor", "timelock"), n("governor", "quorumBps"), n("governor", "proposalThreshold"), n("governor", "displayThreshold"), n("governor", "gracePeriod"), n("governor", "voteExtension")]),
    ];
    assert_eq!(config.order, bindings::CONTRACTS.map(String::from).to_vec());
    for (c, args) in expect {
        let ours = config.initialize_calldata(c, &w, now).expect("encodes");
        assert_eq!(ours.to_vec(), dynamic(c, "initialize", &args), "{c}.initialize");
    }
    assert_eq!(config.num("token", "p0").unwrap(), UNIT / U256::from(100));
}

#[test]
fn collective_json_errors_are_messages() {
    assert!(Config::parse("{").is_err());
    assert!(Config::parse(r#"{"order": ["FractionToken"]}"#).unwrap_err().0.contains("exactly"));
    let c = Config::parse(r#"{"order": ["FractionToken","CurationRegistry","Treasury","ArtVault","ArtGovernor"], "token": {"p0": "x"}}"#).unwrap();
    assert!(c.num("token", "p0").unwrap_err().0.contains("token.p0"));
    assert!(c.num("token", "decay").is_err());
}

#[test]
fn the_constructor_goes_through_the_stylus_deployer() {
    // stylus-sdk 0.9's CONSTRUCTOR_SELECTOR: keccak256("stylus_constructor()")[..4].
    let admin = address!("3f1Eae7D46d88F08fc2F8ed27FCb2AB183EB2d0E");
    let data = crate::stylus::constructor_calldata(admin);
    assert_eq!(&data[..4], &keccak256("stylus_constructor()")[..4]);
    assert_eq!(&data[4..], admin.into_word().as_slice());
    // The constructor the ABI declares takes exactly that one address.
    for (name, _) in ABI_JSON {
        let c = abi(name).constructor.expect("constructor in the JSON");
        assert_eq!(c.inputs.len(), 1, "{name}");
        assert_eq!(c.inputs[0].ty, "address", "{name}");
    }
    // StylusDeployer.deploy(bytes,bytes,uint256,bytes32), as stylus-tools declares it.
    assert_eq!(bindings::StylusDeployer::deployCall::SELECTOR, keccak256("deploy(bytes,bytes,uint256,bytes32)")[..4]);
    assert_eq!(bindings::STYLUS_DEPLOYER, address!("cEcba2F1DC234f70Dd89F2041029807F8D03A990"));
    let _ = b256!("0000000000000000000000000000000000000000000000000000000000000000");
}

#[test]
fn dynamic_tuple_returns_decode_standard_or_wrapped() {
    use alloy::sol_types::SolValue;
    // Solidity's encoding of `returns (bool, bytes)` ...
    let standard = (true, Bytes::new()).abi_encode_params();
    // ... and stylus-sdk 0.9's (SolType::abi_encode of the tuple: one more offset word).
    let wrapped = (true, Bytes::new()).abi_encode();
    assert_eq!(&wrapped[..32], U256::from(32).to_be_bytes::<32>().as_slice());
    for out in [&standard, &wrapped] {
        let r = crate::chain::decode_returns::<Treasury::checkUpkeepCall>(out).expect("decodes");
        assert!(r._0);
    }
    // seedInfo: (bytes32, bytes32, bytes32, string, address, uint256, uint256, uint256).
    let info = (keccak256("s"), keccak256("m"), keccak256("p"), "ipfs://x".to_string(), Address::ZERO, U256::from(5), U256::from(6), U256::from(7));
    for out in [info.abi_encode_params(), info.abi_encode()] {
        let r = crate::chain::decode_returns::<CurationRegistry::seedInfoCall>(&out).expect("decodes");
        assert_eq!((r._0, r._3.as_str(), r._6), (keccak256("s"), "ipfs://x", U256::from(6)));
    }
    assert!(crate::chain::decode_returns::<Treasury::checkUpkeepCall>(&[1, 2, 3]).is_err());
}
