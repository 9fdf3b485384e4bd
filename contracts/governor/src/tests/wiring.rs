//! Constructor, `initialize`, parameters, `wiring`.
use alloy_primitives::{Address, U256};
use atelier_common::{
    errors::{AlreadyInitialized, NotInitialized, ParamOutOfBounds, Unauthorized, UnknownParam, ZeroAddress},
    params::vault as k,
};
use motsu::prelude::*;

use super::*;
use crate::{Initialized, ParamSet};

#[motsu::test]
fn constructor_refuses_zero_admin() {
    let _w = World::deployed();
    let gov = Contract::<ArtGovernor>::new();
    assert_error(gov.sender(Address::from_tag("x")).constructor(Address::ZERO).motsu_unwrap_err(), ZeroAddress {});
}

#[motsu::test]
fn initialize_once_by_the_admin_with_bounded_parameters() {
    let w = World::deployed();
    // Nothing wired: proposals are refused.
    assert_error(w.propose(w.alice, simple(1)).motsu_unwrap_err(), NotInitialized {});
    let g = |who: Address, vault: Address, delay: u64, quorum: u64| {
        w.gov.sender(who).initialize(
            vault,
            w.token.address(),
            w.registry.address(),
            w.treasury.address(),
            u(delay),
            u(VOTING_PERIOD),
            u(TIMELOCK),
            u(quorum),
            shares(100),
            shares(50),
            u(GRACE),
            u(EXTENSION),
        )
    };
    let vault = w.vault.address();
    assert_error(g(w.stranger, vault, 0, QUORUM_BPS).motsu_unwrap_err(), Unauthorized { caller: w.stranger });
    assert_error(g(w.admin, Address::ZERO, 0, QUORUM_BPS).motsu_unwrap_err(), ZeroAddress {});
    assert_error(
        g(w.admin, vault, 30 * 86_400 + 1, QUORUM_BPS).motsu_unwrap_err(),
        ParamOutOfBounds { key: k::VOTING_DELAY, value: u(30 * 86_400 + 1), min: U256::ZERO, max: u(30 * 86_400) },
    );
    assert_error(
        g(w.admin, vault, 0, 2_001).motsu_unwrap_err(),
        ParamOutOfBounds { key: k::QUORUM_BPS, value: u(2_001), min: u(100), max: u(2_000) },
    );
    w.init_governor(w.treasury.address()).motsu_unwrap();
    w.gov.assert_emitted(&Initialized {
        vault,
        token: w.token.address(),
        registry: w.registry.address(),
        treasury: w.treasury.address(),
    });
    w.gov.assert_emitted(&ParamSet { key: k::VOTING_PERIOD, value: u(VOTING_PERIOD) });
    assert_eq!(
        w.gov.sender(w.stranger).wiring(),
        (vault, w.token.address(), w.registry.address(), w.treasury.address())
    );
    assert_error(w.init_governor(w.treasury.address()).motsu_unwrap_err(), AlreadyInitialized {});
    assert_error(g(w.stranger, vault, 0, QUORUM_BPS).motsu_unwrap_err(), AlreadyInitialized {});
}

#[motsu::test]
fn param_reads_every_governance_key() {
    let w = World::new();
    let p = |key| w.gov.sender(w.stranger).param(key).motsu_unwrap();
    assert_eq!(p(k::VOTING_DELAY), u(VOTING_DELAY));
    assert_eq!(p(k::VOTING_PERIOD), u(VOTING_PERIOD));
    assert_eq!(p(k::TIMELOCK), u(TIMELOCK));
    assert_eq!(p(k::QUORUM_BPS), u(QUORUM_BPS));
    assert_eq!(p(k::PROPOSAL_THRESHOLD), shares(100));
    assert_eq!(p(k::DISPLAY_THRESHOLD), shares(50));
    assert_eq!(p(k::GRACE_PERIOD), u(GRACE));
    assert_eq!(p(k::VOTE_EXTENSION), u(EXTENSION));
    // The redemption fee lives in the vault.
    for key in [k::REDEEM_FEE_BPS, k::COUNT, 255] {
        assert_error(w.gov.sender(w.stranger).param(key).motsu_unwrap_err(), UnknownParam { key });
    }
}
