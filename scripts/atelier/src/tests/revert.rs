//! Reverts are decoded by name, with named arguments, against all five ABIs.
use alloy::{
    primitives::{address, Bytes, U256},
    sol_types::SolError,
};

use crate::{
    bindings::{ArtGovernor, CurationRegistry, FractionToken, StylusDeployer, Treasury},
    errors::{decode, Revert},
};

fn known(data: &[u8]) -> crate::errors::Decoded {
    match decode(data) {
        Revert::Known(d) => d,
        other => panic!("not decoded: {other}"),
    }
}

#[test]
fn custom_errors_decode_by_name_with_arguments() {
    let d = known(&FractionToken::MaxCostExceeded { cost: U256::from(12), maxCost: U256::from(10) }.abi_encode());
    assert_eq!(d.name, "MaxCostExceeded");
    assert_eq!(d.args, vec![("cost".into(), "12".into()), ("maxCost".into(), "10".into())]);
    assert_eq!(decode(&FractionToken::MaxCostExceeded { cost: U256::from(12), maxCost: U256::from(10) }.abi_encode()).to_string(), "MaxCostExceeded(cost: 12, maxCost: 10)");

    let d = known(&Treasury::UpkeepNotNeeded { nextDue: U256::from(99) }.abi_encode());
    assert_eq!((d.name.as_str(), d.contracts.clone()), ("UpkeepNotNeeded", vec!["Treasury"]));

    let d = known(&CurationRegistry::CooldownActive { seedId: U256::from(1), endsAt: U256::from(5) }.abi_encode());
    assert_eq!(d.name, "CooldownActive");

    let d = known(&ArtGovernor::UnexpectedProposalState { proposalId: U256::from(7), state: 3 }.abi_encode());
    assert_eq!(d.args[1], ("state".into(), "3".into()));

    // Declared by every contract: one entry naming all five.
    let who = address!("70997970C51812dc3A010C7d01b50e0d17dc79C8");
    let d = known(&FractionToken::Unauthorized { caller: who }.abi_encode());
    assert_eq!(d.args[0].1, "0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    assert_eq!(d.contracts.len(), 5);

    let d = known(&FractionToken::ParamOutOfBounds { key: 1, value: U256::from(10), min: U256::ZERO, max: U256::from(5) }.abi_encode());
    assert_eq!(decode(&FractionToken::ParamOutOfBounds { key: 1, value: U256::from(10), min: U256::ZERO, max: U256::from(5) }.abi_encode()).to_string(), "ParamOutOfBounds(key: 1, value: 10, min: 0, max: 5)");
    assert!(d.contracts.contains(&"ArtGovernor"));
}

#[test]
fn every_error_of_every_contract_is_known() {
    use alloy::{
        dyn_abi::{DynSolType, DynSolValue, JsonAbiExt, Specifier},
        json_abi::JsonAbi,
    };
    fn zero(t: &DynSolType) -> DynSolValue {
        match t {
            DynSolType::Address => DynSolValue::Address(Default::default()),
            DynSolType::Bool => DynSolValue::Bool(false),
            DynSolType::Uint(n) => DynSolValue::Uint(U256::from(7), *n),
            DynSolType::FixedBytes(n) => DynSolValue::FixedBytes(Default::default(), *n),
            DynSolType::Bytes => DynSolValue::Bytes(vec![1, 2]),
            DynSolType::String => DynSolValue::String("s".into()),
            other => panic!("no error takes {other:?}"),
        }
    }
    let mut n = 0;
    for (contract, json) in crate::bindings::ABI_JSON {
        let abi: JsonAbi = serde_json::from_str(json).unwrap();
        for e in abi.errors() {
            let args: Vec<DynSolValue> = e.inputs.iter().map(|p| zero(&p.resolve().unwrap())).collect();
            let data = e.abi_encode_input(&args).unwrap();
            let d = known(&data);
            assert_eq!(d.name, e.name, "{contract}");
            assert_eq!(d.args.len(), e.inputs.len(), "{contract}.{}", e.name);
            assert!(d.contracts.contains(&contract), "{contract}.{}", e.name);
            n += 1;
        }
    }
    assert!(n > 100, "{n} errors checked");
    assert!(crate::errors::known_count() > 60);
}

#[test]
fn the_deployers_wrapper_shows_the_constructors_error() {
    let inner = FractionToken::ZeroAddress {}.abi_encode();
    let data = StylusDeployer::ContractInitializationError { newContract: address!("00000000000000000000000000000000000000aa"), data: Bytes::from(inner) }.abi_encode();
    let d = known(&data);
    assert_eq!(d.name, "ContractInitializationError");
    assert_eq!(d.inner.as_deref().and_then(|r| r.name()), Some("ZeroAddress"));
    assert!(decode(&data).to_string().contains("the constructor reverted: ZeroAddress()"));
}

#[test]
fn solidity_strings_empty_and_unknown_reverts() {
    // Error(string "nope")
    let data = alloy::hex::decode("08c379a0000000000000000000000000000000000000000000000000000000000000002000000000000000000000000000000000000000000000000000000000000000046e6f706500000000000000000000000000000000000000000000000000000000").unwrap();
    assert_eq!(decode(&data).to_string(), "Error(message: \"nope\")");
    assert!(matches!(decode(&[]), Revert::Empty));
    assert!(decode(&[0xde, 0xad, 0xbe, 0xef]).to_string().starts_with("unknown revert 0xdeadbeef"));
    assert!(matches!(decode(&[1, 2]), Revert::Unknown(_)));
    let j = decode(&Treasury::NoLiveRound {}.abi_encode()).to_json();
    assert_eq!(j["error"], "NoLiveRound");
}

#[test]
fn json_errors_carry_the_revert_name() {
    assert_eq!(crate::revert_name("stake 1 shares on seed 99: reverted with UnknownSeed(seedId: 99)"), Some("UnknownSeed"));
    assert_eq!(crate::revert_name("cannot reach the RPC endpoint"), None);
}

#[test]
fn raw_numbers_are_explained_for_people() {
    let s = decode(&ArtGovernor::UnexpectedProposalState { proposalId: U256::from(7), state: 0 }.abi_encode()).to_string();
    assert_eq!(s, "UnexpectedProposalState(proposalId: 7, state: 0): the proposal is Pending");
    let s = decode(&CurationRegistry::CooldownActive { seedId: U256::from(1), endsAt: U256::from(1_796_409_748u64) }.abi_encode()).to_string();
    assert_eq!(s, "CooldownActive(seedId: 1, endsAt: 1796409748): endsAt 2026-12-04 18:42:28 UTC");
    let s = decode(&ArtGovernor::InsufficientProposerVotes { proposer: address!("70997970C51812dc3A010C7d01b50e0d17dc79C8"), votes: U256::ZERO, threshold: U256::from(10) }.abi_encode()).to_string();
    assert!(s.contains("after `delegate`, wait for the next block"), "{s}");
    // Small numbers are not times.
    let s = decode(&CurationRegistry::CooldownActive { seedId: U256::from(1), endsAt: U256::from(5) }.abi_encode()).to_string();
    assert_eq!(s, "CooldownActive(seedId: 1, endsAt: 5)");
}
