//! The real artifacts: every import linked, and a constructor plus view calls dispatched by
//! the compiled FractionToken. Needs `target/stylus/*.wasm` (`scripts/build-wasm`); these
//! tests never build it.

use std::path::PathBuf;

use alloy_sol_types::{sol, SolCall, SolValue};

use crate::{Address, Program, World, U256};

const CONTRACTS: [&str; 5] = ["curation", "fraction", "governor", "treasury", "vault"];

fn artifact(name: &str) -> Vec<u8> {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("../../target/stylus/{name}.wasm"));
    std::fs::read(&path).unwrap_or_else(|e| {
        panic!("{} is missing ({e}): run scripts/build-wasm first", path.display())
    })
}

sol! {
    function name() external view returns (string);
    function decimals() external view returns (uint8);
    function totalSupply() external view returns (uint256);
    function vault() external view returns (address);
    function initialize(address) external;
}

#[test]
fn every_artifact_loads_with_all_imports_linked() {
    for name in CONTRACTS {
        let program = Program::from_code(&artifact(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(program.imports().iter().any(|i| i == "vm_hooks::read_args"), "{name}");
        assert_eq!(program.initial_pages(), 1, "{name}");
        assert_eq!(program.unpriced_operators(), &[], "{name}: operators Nitro cannot run");
    }
}

#[test]
fn fraction_token_dispatches_constructor_and_views() {
    let mut world = World::new();
    let admin = world.new_account(U256::from(10u64).pow(U256::from(20u64)));
    let at = world.deploy_code(&artifact("fraction")).unwrap();

    let r = world.construct(admin, at, U256::ZERO, &Address::ZERO.abi_encode());
    assert!(!r.success, "a zero admin is refused: {r:?}");
    let r = world.construct(admin, at, U256::ZERO, &admin.abi_encode());
    assert!(r.success, "constructor: {r:?}");
    assert!(r.meter.storage_writes() >= 1);
    let again = world.construct(admin, at, U256::ZERO, &admin.abi_encode());
    assert!(!again.success, "the SDK runs a constructor once");

    let r = world.call(admin, at, U256::ZERO, &decimalsCall {}.abi_encode());
    assert!(r.success, "{r:?}");
    assert_eq!(decimalsCall::abi_decode_returns(&r.output, true).unwrap()._0, 18);
    let r = world.static_call(admin, at, &nameCall {}.abi_encode());
    assert!(r.success, "{r:?}");
    let _name = nameCall::abi_decode_returns(&r.output, true).unwrap()._0;
    let r = world.static_call(admin, at, &totalSupplyCall {}.abi_encode());
    assert_eq!(totalSupplyCall::abi_decode_returns(&r.output, true).unwrap()._0, U256::ZERO);
    let r = world.static_call(admin, at, &vaultCall {}.abi_encode());
    assert_eq!(vaultCall::abi_decode_returns(&r.output, true).unwrap()._0, Address::ZERO);
    assert!(r.meter.instructions > 100 && r.gas > 21_000, "{:?}", r.meter);

    // An unknown selector reverts (no fallback), and so does value to a non-payable view.
    assert!(!world.call(admin, at, U256::ZERO, &[1, 2, 3, 4]).success);
    assert!(!world.call(admin, at, U256::from(1), &decimalsCall {}.abi_encode()).success);
}

/// Not a check: prints the host's speed on the real artifact
/// (`cargo test -p atelier-host --lib -- --ignored --nocapture host_speed`).
#[test]
#[ignore]
fn host_speed() {
    let mut world = World::new();
    let admin = world.new_account(U256::from(10u64).pow(U256::from(20u64)));
    let at = world.deploy_code(&artifact("fraction")).unwrap();
    assert!(world.construct(admin, at, U256::ZERO, &admin.abi_encode()).success);
    let data = decimalsCall {}.abi_encode();
    let n = 300;
    let start = std::time::Instant::now();
    for _ in 0..n {
        assert!(world.call(admin, at, U256::ZERO, &data).success);
    }
    println!("{:?} per call", start.elapsed() / n);
}

/// Not a check: the host's fixed cost per call, on the probe's no-op command.
#[test]
#[ignore]
fn host_speed_noop() {
    let mut f = super::fixture();
    let n = 300;
    let start = std::time::Instant::now();
    for _ in 0..n {
        assert!(f.world.call(f.user, f.a, U256::ZERO, &[0]).success);
    }
    println!("{:?} per no-op call", start.elapsed() / n);
}
