//! Constructor, initialize, and the NotInitialized guard.
use alloy_primitives::Address;
use atelier_common::{
    errors::{AlreadyInitialized, NotInitialized, ParamOutOfBounds, Unauthorized, ZeroAddress},
    params::treasury as key,
};
use motsu::prelude::*;

use super::*;
use crate::{Initialized, ParamSet};

#[motsu::test]
fn constructor_refuses_zero_admin(treasury: Contract<Treasury>, alice: Address) {
    let err = treasury
        .sender(alice)
        .constructor(Address::ZERO)
        .motsu_unwrap_err();
    assert_error(err, ZeroAddress {});
}

#[test]
fn initialize_wires_sets_params_and_clears_admin() {
    let w = World::new();
    let t = w.treasury.sender(w.admin);
    assert_eq!(
        t.wiring(),
        (w.token.address(), w.registry.address(), w.vault.address())
    );
    assert_eq!(t.param(key::BUYBACK_BPS).motsu_unwrap(), u(BUYBACK_BPS));
    assert_eq!(
        t.param(key::ACQUISITION_BPS).motsu_unwrap(),
        u(ACQUISITION_BPS)
    );
    assert_eq!(t.param(key::REWARDS_BPS).motsu_unwrap(), u(REWARDS_BPS));
    assert_eq!(t.param(key::EPOCH).motsu_unwrap(), u(EPOCH));
    assert_eq!(t.param(key::MIN_BUYBACK).motsu_unwrap(), min_buyback());
    assert_eq!(t.param(key::ROUND_DURATION).motsu_unwrap(), u(ROUND));
    assert_eq!(t.param(key::FLOOR_BPS).motsu_unwrap(), u(FLOOR_BPS));
    assert_eq!(t.param(key::CAP_BPS).motsu_unwrap(), u(CAP_BPS));
    assert_eq!(
        t.param(key::MAX_ACQUISITION_PRICE).motsu_unwrap(),
        max_price()
    );
    assert_eq!(
        t.param(key::ACQUISITION_BUDGET_PER_EPOCH).motsu_unwrap(),
        epoch_budget()
    );
    assert_eq!(
        t.param(key::ACQUIRER).motsu_unwrap(),
        U256::from_be_slice(w.acquirer.as_slice())
    );
    drop(t);
    w.treasury.assert_emitted(&Initialized {
        token: w.token.address(),
        registry: w.registry.address(),
        vault: w.vault.address(),
    });
    w.treasury.assert_emitted(&ParamSet {
        key: key::CAP_BPS,
        value: u(CAP_BPS),
    });
    w.treasury.assert_emitted(&ParamSet {
        key: key::ACQUIRER,
        value: U256::from_be_slice(w.acquirer.as_slice()),
    });
    // The admin is cleared: a second call fails whoever makes it.
    let err = w
        .initialize_with(BUYBACK_BPS, ACQUISITION_BPS, REWARDS_BPS)
        .motsu_unwrap_err();
    assert_error(err, AlreadyInitialized {});
}

#[test]
fn initialize_only_by_admin() {
    let w = World::deployed();
    let stranger = Address::random();
    let err = w
        .treasury
        .sender(stranger)
        .initialize(
            w.token.address(),
            w.registry.address(),
            w.vault.address(),
            w.acquirer,
            u(BUYBACK_BPS),
            u(ACQUISITION_BPS),
            u(REWARDS_BPS),
            u(EPOCH),
            min_buyback(),
            u(ROUND),
            u(FLOOR_BPS),
            u(CAP_BPS),
            max_price(),
            epoch_budget(),
        )
        .motsu_unwrap_err();
    assert_error(err, Unauthorized { caller: stranger });
}

#[test]
fn initialize_refuses_zero_addresses() {
    let w = World::deployed();
    for which in 0..4 {
        let mut addrs = [
            w.token.address(),
            w.registry.address(),
            w.vault.address(),
            w.acquirer,
        ];
        addrs[which] = Address::ZERO;
        let err = w
            .treasury
            .sender(w.admin)
            .initialize(
                addrs[0],
                addrs[1],
                addrs[2],
                addrs[3],
                u(BUYBACK_BPS),
                u(ACQUISITION_BPS),
                u(REWARDS_BPS),
                u(EPOCH),
                min_buyback(),
                u(ROUND),
                u(FLOOR_BPS),
                u(CAP_BPS),
                max_price(),
                epoch_budget(),
            )
            .motsu_unwrap_err();
        assert_error(err, ZeroAddress {});
    }
}

#[test]
fn initialize_checks_bounds_like_set_param() {
    let w = World::deployed();
    // 4000 + 3000 leave 3000 for rewards; 3001 is out of bounds.
    let err = w.initialize_with(4_000, 3_000, 3_001).motsu_unwrap_err();
    assert_error(
        err,
        ParamOutOfBounds {
            key: key::REWARDS_BPS,
            value: u(3_001),
            min: u(0),
            max: u(3_000),
        },
    );
    // Nothing stuck: a valid call still succeeds (state rolled back).
    w.initialize_with(4_000, 3_000, 3_000).motsu_unwrap();
}

#[test]
fn functions_need_initialize() {
    let w = World::deployed();
    let t = || w.treasury.sender(w.vault.address());
    assert_error(
        t().perform_upkeep(Vec::new().into()).motsu_unwrap_err(),
        NotInitialized {},
    );
    assert_error(
        t().sell_to_treasury(ETH, U256::ZERO, U256::MAX).motsu_unwrap_err(),
        NotInitialized {},
    );
    assert_error(
        t().set_param(key::EPOCH, u(EPOCH)).motsu_unwrap_err(),
        NotInitialized {},
    );
    assert_error(
        t().withdraw_reserve(Address::random(), u(1))
            .motsu_unwrap_err(),
        NotInitialized {},
    );
    let err = w
        .treasury
        .sender(w.acquirer)
        .acquire(
            w.nft.address(),
            u(1),
            Address::random(),
            ETH,
            Default::default(),
            Default::default(),
            Default::default(),
            Address::random(),
            "ipfs://x".into(),
            U256::MAX,
        )
        .motsu_unwrap_err();
    assert_error(err, NotInitialized {});
    assert!(!t().check_upkeep(Vec::new().into()).0.0);
}
