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

/// The packed parameter slots (token with the three vote windows; timelock,
/// grace, quorum, license count and the 96-bit threshold) hold every
/// parameter at its upper bound without touching its neighbours, a license
/// approval (the count's write) included; and the one-slot proposal record
/// keeps each of its times, its quorum and its vetoes apart at those bounds.
#[motsu::test]
fn packed_parameters_and_records_hold_their_upper_bounds() {
    use crate::params::MAX_PROPOSAL_THRESHOLD;
    use crate::types::state::*;
    const DAY: u64 = 86_400;
    let w = World::deployed();
    let max_shares = U256::from(10u8).pow(U256::from(27u8));
    w.gov
        .sender(w.admin)
        .initialize(
            w.vault.address(),
            w.token.address(),
            w.registry.address(),
            w.treasury.address(),
            u(30 * DAY),
            u(90 * DAY),
            u(30 * DAY),
            u(2_000),
            MAX_PROPOSAL_THRESHOLD,
            max_shares,
            u(90 * DAY),
            u(14 * DAY),
        )
        .motsu_unwrap();
    w.populate();
    let check = |w: &World| {
        let p = |key| w.gov.sender(w.stranger).param(key).motsu_unwrap();
        assert_eq!(p(k::VOTING_DELAY), u(30 * DAY));
        assert_eq!(p(k::VOTING_PERIOD), u(90 * DAY));
        assert_eq!(p(k::TIMELOCK), u(30 * DAY));
        assert_eq!(p(k::QUORUM_BPS), u(2_000));
        assert_eq!(p(k::PROPOSAL_THRESHOLD), MAX_PROPOSAL_THRESHOLD);
        assert_eq!(p(k::DISPLAY_THRESHOLD), max_shares);
        assert_eq!(p(k::GRACE_PERIOD), u(90 * DAY));
        assert_eq!(p(k::VOTE_EXTENSION), u(14 * DAY));
        assert_eq!(
            w.gov.sender(w.stranger).wiring(),
            (w.vault.address(), w.token.address(), w.registry.address(), w.treasury.address())
        );
    };
    check(&w);
    // Over the threshold nobody here is; the steward proposes for its artwork.
    let (s1, s2) = (Address::from_tag("steward1"), Address::from_tag("steward2"));
    w.vault.sender(w.curator).transfer_from(w.curator, s1, u(2)).motsu_unwrap();
    w.vault.sender(w.curator).transfer_from(w.curator, s2, u(3)).motsu_unwrap();
    let licensee = Address::from_tag("licensee");
    let actions = vec![license(1, licensee, word(9), eth(1))];
    let now = T0 + 1;
    let id = w.propose(w.curator, actions.clone()).motsu_unwrap();
    let (snapshot, end) = (now + 30 * DAY, now + 120 * DAY);
    assert_eq!(w.gov.sender(w.admin).proposal(id), (u(2_000), u(snapshot), u(end), U256::ZERO, u(end + 90 * DAY), U256::ZERO));
    assert_eq!(w.state(id), PENDING);
    w.to_active(id);
    w.vote(w.curator, id, 1);
    w.to_end(id);
    assert_eq!(w.state(id), SUCCEEDED);
    let queued_at = end + 1;
    w.gov.sender(w.stranger).queue(id).motsu_unwrap();
    w.gov.sender(s1).veto(id, u(2)).motsu_unwrap();
    let eta = queued_at + 30 * DAY;
    assert_eq!(w.gov.sender(w.admin).proposal(id), (u(2_000), u(snapshot), u(end), u(eta), u(eta + 90 * DAY), u(1)));
    assert_eq!(w.state(id), QUEUED);
    // 1 of 3 live at queue: its base (3, high half) is read apart from its count.
    test_clock::set(eta);
    w.gov.sender(w.stranger).execute(actions, alloy_primitives::keccak256(DESC.as_bytes()), w.curator).motsu_unwrap();
    assert_eq!(w.state(id), EXECUTED);
    assert_eq!(w.gov.sender(w.admin).license(u(1)).motsu_unwrap(), (u(1), licensee, word(9), eth(1), false));
    check(&w);
    assert_eq!(w.gov.sender(w.admin).proposal(id), (u(2_000), u(snapshot), u(end), u(eta), u(eta + 90 * DAY), u(1)));
}

/// The lower bounds: no voting delay (the snapshot is the proposal's own
/// second: Pending, cancelable, then Active the next second) and a zero
/// threshold (a holder of no votes may propose).
#[motsu::test]
fn packed_parameters_hold_their_lower_bounds() {
    use crate::types::state::*;
    let w = World::deployed();
    w.gov
        .sender(w.admin)
        .initialize(
            w.vault.address(),
            w.token.address(),
            w.registry.address(),
            w.treasury.address(),
            U256::ZERO,
            u(60),
            u(60),
            u(100),
            U256::ZERO,
            u(1),
            u(60),
            U256::ZERO,
        )
        .motsu_unwrap();
    w.populate();
    let p = |key| w.gov.sender(w.stranger).param(key).motsu_unwrap();
    let expected = [(k::VOTING_DELAY, 0), (k::VOTING_PERIOD, 60), (k::TIMELOCK, 60), (k::QUORUM_BPS, 100), (k::PROPOSAL_THRESHOLD, 0), (k::DISPLAY_THRESHOLD, 1), (k::GRACE_PERIOD, 60), (k::VOTE_EXTENSION, 0)];
    for (key, value) in expected {
        assert_eq!(p(key), u(value), "key {key}");
    }
    let now = T0 + 1;
    let id = w.propose(w.stranger, simple(1)).motsu_unwrap();
    assert_eq!(w.times(id), (now, now + 60, 0, now + 120));
    assert_eq!(w.state(id), PENDING);
    test_clock::set(now + 1);
    assert_eq!(w.state(id), ACTIVE);
    test_clock::set(now);
    assert_eq!(w.cancel(w.stranger, simple(1)).motsu_unwrap(), id);
    assert_eq!(w.state(id), CANCELED);
}
