//! Who may propose what: thresholds, stewards, action validation at `propose`.
use alloy_primitives::{Address, B256, U256};
use atelier_common::{
    errors::{ParamOutOfBounds, UnknownParam},
    params::{curation, fraction, treasury, vault as vkeys},
};
use motsu::prelude::*;

use super::*;
use crate::{BadActionCount, InsufficientProposerVotes, MalformedAction, ProposalExists, UnknownArtwork};

fn malformed(index: u64) -> MalformedAction {
    MalformedAction { index: u(index) }
}

#[motsu::test]
fn proposers_need_the_threshold_in_votes() {
    let w = World::new();
    let err = w.propose(w.stranger, simple(1)).motsu_unwrap_err();
    assert_error(err, InsufficientProposerVotes { proposer: w.stranger, votes: U256::ZERO, threshold: shares(100) });
    // Votes acquired this second do not count yet (the previous second is read).
    w.holder(w.stranger, shares(100));
    let err = w.propose(w.stranger, simple(1)).motsu_unwrap_err();
    assert_error(err, InsufficientProposerVotes { proposer: w.stranger, votes: U256::ZERO, threshold: shares(100) });
    test_clock::advance(1);
    w.propose(w.stranger, simple(1)).motsu_unwrap();
    // The same actions and description again.
    let id = w.gov.sender(w.admin).hash_proposal(simple(1), alloy_primitives::keccak256(DESC.as_bytes()), w.stranger);
    assert_error(w.propose(w.stranger, simple(1)).motsu_unwrap_err(), ProposalExists { proposalId: id });
    // The same text by another proposer is another proposal.
    w.propose(w.alice, simple(1)).motsu_unwrap();
    // Another description is another proposal.
    w.gov.sender(w.alice).propose(simple(1), "again".into()).motsu_unwrap();
}

#[motsu::test]
fn stewards_may_propose_for_their_own_artworks_only() {
    let w = World::new();
    let steward = Address::from_tag("steward");
    w.vault.sender(w.curator).transfer_from(w.curator, steward, u(2)).motsu_unwrap();
    let future = T0 + 10_000;
    // For artwork 2 (theirs), without any votes.
    w.propose(steward, vec![grant(2, w.bob, future), license(2, w.bob, word(9), eth(1))]).motsu_unwrap();
    // Not if any action concerns another artwork or no artwork.
    let err = w.propose(steward, vec![grant(2, w.bob, future), grant(1, w.bob, future)]).motsu_unwrap_err();
    assert_error(err, InsufficientProposerVotes { proposer: steward, votes: U256::ZERO, threshold: shares(100) });
    let err = w.propose(steward, vec![grant(2, w.bob, future), direction(word(1), B256::ZERO, "")]).motsu_unwrap_err();
    assert_error(err, InsufficientProposerVotes { proposer: steward, votes: U256::ZERO, threshold: shares(100) });
}

#[motsu::test]
fn action_lists_are_bounded() {
    let w = World::new();
    assert_error(w.propose(w.alice, vec![]).motsu_unwrap_err(), BadActionCount { count: U256::ZERO });
    let five: Vec<Action> = (1..=5).map(|n| direction(word(n), B256::ZERO, "")).collect();
    assert_error(w.propose(w.alice, five.clone()).motsu_unwrap_err(), BadActionCount { count: u(5) });
    w.propose(w.alice, five[..4].to_vec()).motsu_unwrap();
}

#[motsu::test]
fn malformed_actions_revert_at_propose() {
    let w = World::new();
    let now = T0 + 1;
    let nft = w.nft.address();
    let vault = w.vault.address();
    let ok = direction(word(1), B256::ZERO, "");
    let cases: Vec<(Action, MalformedAction)> = vec![
        // Unknown kind.
        ((7, Address::ZERO, Address::ZERO, U256::ZERO, U256::ZERO, word(1), B256::ZERO, Text::default()), malformed(1)),
        // A stray field.
        ((0, nft, Address::ZERO, U256::ZERO, U256::ZERO, word(1), B256::ZERO, Text::default()), malformed(1)),
        // A missing field (model id).
        (direction(B256::ZERO, word(2), "x"), malformed(1)),
        (grant(1, Address::ZERO, now + 10), malformed(1)),
        // A grant that already ended.
        (grant(1, w.bob, now), malformed(1)),
        (grant(1, w.bob, 0), malformed(1)),
        (license(1, w.bob, B256::ZERO, eth(1)), malformed(1)),
        // A fee the license record cannot hold (96 bits: 7.9e10 ETH).
        (license(1, w.bob, word(3), U256::from(1) << 96), malformed(1)),
        (listing(nft, 1, Address::ZERO, shares(1)), malformed(1)),
        (listing(nft, 1, w.bob, U256::ZERO), malformed(1)),
        // Listing the vault's own steward tokens; more shares than 96 bits hold.
        (listing(vault, 1, w.bob, shares(1)), malformed(1)),
        (listing(nft, 1, w.bob, U256::from(1) << 96), malformed(1)),
        // SetParams on an unknown target, or a key beyond a byte.
        (set_param(w.stranger, 0, u(1)), malformed(1)),
        ((4, w.token.address(), Address::ZERO, u(256), u(1), B256::ZERO, B256::ZERO, Text::default()), malformed(1)),
        (release(1, Address::ZERO), malformed(1)),
        (withdraw(w.bob, U256::ZERO), malformed(1)),
    ];
    for (action, expected) in cases {
        let shown = format!("{action:?}");
        let err = w.propose(w.alice, vec![ok.clone(), action]).motsu_unwrap_err();
        assert_eq!(Vec::<u8>::from(err), Vec::<u8>::from(crate::Error::from(expected)), "{shown}");
    }
    // The largest listing that fits is fine.
    w.propose(w.alice, vec![listing(nft, 1, w.bob, (U256::from(1) << 96) - U256::from(1))]).motsu_unwrap();
}

#[motsu::test]
fn actions_on_artworks_outside_custody_revert_at_propose() {
    let w = World::new();
    for action in [grant(9, w.bob, T0 + 100), license(9, w.bob, word(1), U256::ZERO), release(9, w.bob)] {
        assert_error(w.propose(w.alice, vec![action]).motsu_unwrap_err(), UnknownArtwork { artworkId: u(9) });
    }
    let huge = (1, Address::ZERO, w.bob, U256::MAX, u(T0 + 100), B256::ZERO, B256::ZERO, Text::default());
    assert_error(w.propose(w.alice, vec![huge]).motsu_unwrap_err(), UnknownArtwork { artworkId: U256::MAX });
}

#[motsu::test]
fn set_params_keys_and_vault_values_are_checked_at_propose() {
    let w = World::new();
    for (target, count) in [
        (w.token.address(), fraction::COUNT),
        (w.registry.address(), curation::COUNT),
        (w.treasury.address(), treasury::COUNT),
    ] {
        let err = w.propose(w.alice, vec![set_param(target, count, u(1))]).motsu_unwrap_err();
        assert_error(err, UnknownParam { key: count });
        // Values are the target's business (checked when executed).
        w.propose(w.alice, vec![set_param(target, count - 1, U256::MAX)]).motsu_unwrap();
    }
    let vault = w.vault.address();
    assert_error(w.propose(w.alice, vec![set_param(vault, vkeys::COUNT, u(1))]).motsu_unwrap_err(), UnknownParam { key: vkeys::COUNT });
    let err = w.propose(w.alice, vec![set_param(vault, vkeys::QUORUM_BPS, u(99))]).motsu_unwrap_err();
    assert_error(err, ParamOutOfBounds { key: vkeys::QUORUM_BPS, value: u(99), min: u(100), max: u(2_000) });
    let err = w.propose(w.alice, vec![set_param(vault, vkeys::REDEEM_FEE_BPS, u(5_001))]).motsu_unwrap_err();
    assert_error(err, ParamOutOfBounds { key: vkeys::REDEEM_FEE_BPS, value: u(5_001), min: U256::ZERO, max: u(5_000) });
}
