//! Voting: weights at the snapshot, support values, one vote each, quorum.
use alloy_primitives::{Address, U256};
use motsu::prelude::*;

use super::*;
use crate::{types::state::*, AlreadyVoted, InvalidVoteType, VoteCast};

#[motsu::test]
fn votes_are_counted_by_support_with_reasons() {
    let w = World::new();
    let id = w.propose(w.alice, simple(1)).motsu_unwrap();
    w.to_active(id);
    assert_error(w.gov.sender(w.alice).cast_vote(id, 3).motsu_unwrap_err(), InvalidVoteType { support: 3 });
    w.vote(w.alice, id, 1);
    assert!(w.gov.sender(w.admin).has_voted(id, w.alice));
    assert!(!w.gov.sender(w.admin).has_voted(id, w.bob));
    assert_error(w.gov.sender(w.alice).cast_vote(id, 0).motsu_unwrap_err(), AlreadyVoted { proposalId: id, voter: w.alice });
    let weight = w.gov.sender(w.bob).cast_vote_with_reason(id, 2, "undecided".into()).motsu_unwrap();
    assert_eq!(weight, shares(200));
    w.gov.assert_emitted(&VoteCast { voter: w.bob, proposalId: id, support: 2, weight, reason: String::from("undecided") });
    assert_error(
        w.gov.sender(w.bob).cast_vote_with_reason(id, 1, Default::default()).motsu_unwrap_err(),
        AlreadyVoted { proposalId: id, voter: w.bob },
    );
    w.vote(w.curator, id, 0);
    // A holder without votes may vote with weight zero.
    assert_eq!(w.vote(w.stranger, id, 0), U256::ZERO);
    assert_eq!(w.gov.sender(w.admin).proposal_votes(id), (shares(2_500), shares(300), shares(200)));
}

#[motsu::test]
fn tokens_moved_after_the_snapshot_do_not_count() {
    let w = World::new();
    let dave = Address::from_tag("dave");
    w.token.sender(dave).delegate(dave).motsu_unwrap();
    let id = w.propose(w.alice, simple(1)).motsu_unwrap();
    w.to_active(id);
    // After the snapshot Alice hands her shares to Dave; Bob delegates to Dave.
    w.token.sender(w.alice).transfer(dave, shares(300)).motsu_unwrap();
    w.token.sender(w.bob).delegate(dave).motsu_unwrap();
    test_clock::set(w.times(id).0 + 2);
    assert_eq!(w.vote(dave, id, 0), U256::ZERO);
    assert_eq!(w.vote(w.alice, id, 1), shares(300));
    assert_eq!(w.vote(w.bob, id, 1), shares(200));
    w.to_end(id);
    assert_eq!(w.gov.sender(w.admin).proposal_votes(id), (U256::ZERO, shares(500), U256::ZERO));
    assert_eq!(w.state(id), SUCCEEDED);
    // Tokens moved before the snapshot count for the new holder.
    let id = w.propose(dave, simple(3)).motsu_unwrap();
    w.to_active(id);
    assert_eq!(w.vote(dave, id, 1), shares(500));
    assert_eq!(w.vote(w.alice, id, 1), U256::ZERO);
}

#[motsu::test]
fn quorum_is_reached_exactly_at_its_threshold() {
    let w = World::new();
    // Supply 3,000 shares: quorum is exactly 300 shares.
    let (edge, under) = (Address::from_tag("edge"), Address::from_tag("under"));
    w.holder(edge, shares(300));
    w.holder(under, shares(300) - U256::from(1));
    test_clock::set(T0 + 2);
    let at = w.propose(w.alice, simple(1)).motsu_unwrap();
    let below = w.propose(w.alice, simple(3)).motsu_unwrap();
    w.to_active(at);
    assert_eq!(w.vote(edge, at, 1), shares(300));
    assert_eq!(w.vote(under, below, 1), shares(300) - U256::from(1));
    w.to_end(at);
    assert_eq!(w.state(at), SUCCEEDED);
    assert_eq!(w.state(below), DEFEATED);
}

#[motsu::test]
fn abstentions_count_toward_quorum_but_not_for_the_outcome() {
    let w = World::new();
    let small = Address::from_tag("small");
    w.holder(small, shares(1));
    test_clock::set(T0 + 2);
    // One share For alone: no quorum.
    let lone = w.propose(w.alice, simple(1)).motsu_unwrap();
    // One share For plus 300 abstaining: quorum, and For exceeds Against.
    let helped = w.propose(w.alice, simple(3)).motsu_unwrap();
    w.to_active(lone);
    w.vote(small, lone, 1);
    w.vote(small, helped, 1);
    w.vote(w.alice, helped, 2);
    w.to_end(lone);
    assert_eq!(w.state(lone), DEFEATED);
    assert_eq!(w.state(helped), SUCCEEDED);
}
