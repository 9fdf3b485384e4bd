//! The proposal lifecycle through every state, and the errors of each step.
use alloy_primitives::{keccak256, Address, U256};
use motsu::prelude::*;

use super::*;
use crate::{
    types::state::*, AlreadyVetoed, NotSteward, ProposalCanceled, ProposalCreated, ProposalExecuted,
    ProposalQueued, ProposalVetoed, TimelockActive, UnexpectedProposalState, UnknownProposal, VetoCast,
    VetoWindowClosed, VoteCast,
};

fn unexpected(id: U256, state: u8) -> UnexpectedProposalState {
    UnexpectedProposalState { proposalId: id, state }
}

#[motsu::test]
fn pending_active_succeeded_queued_executed() {
    let w = World::new();
    let actions = simple(1);
    let id = w.propose(w.alice, actions.clone()).motsu_unwrap();
    let now = T0 + 1;
    assert_eq!(id, w.gov.sender(w.admin).hash_proposal(actions.clone(), keccak256(DESC.as_bytes()), w.alice));
    w.gov.assert_emitted(&ProposalCreated {
        proposalId: id,
        proposer: w.alice,
        actions: actions.iter().map(|(k, t, a, i, m, h1, h2, uri)| (*k, *t, *a, *i, *m, *h1, *h2, uri.0.clone())).collect(),
        voteStart: u(now + VOTING_DELAY),
        voteEnd: u(now + VOTING_DELAY + VOTING_PERIOD),
        description: String::from(DESC),
    });
    // Before queue, `expires` is the queue deadline.
    let end = now + VOTING_DELAY + VOTING_PERIOD;
    assert_eq!(w.gov.sender(w.admin).proposal(id), (u(QUORUM_BPS), u(now + VOTING_DELAY), u(end), U256::ZERO, u(end + GRACE), U256::ZERO));
    assert_eq!(w.state(id), PENDING);
    // Pending through the snapshot second: no votes, no queue.
    test_clock::set(now + VOTING_DELAY);
    assert_eq!(w.state(id), PENDING);
    assert_error(w.gov.sender(w.alice).cast_vote(id, 1).motsu_unwrap_err(), unexpected(id, PENDING));
    w.to_active(id);
    assert_eq!(w.state(id), ACTIVE);
    assert_error(w.gov.sender(w.alice).queue(id).motsu_unwrap_err(), unexpected(id, ACTIVE));
    assert_eq!(w.vote(w.alice, id, 1), shares(300));
    w.gov.assert_emitted(&VoteCast { voter: w.alice, proposalId: id, support: 1, weight: shares(300), reason: String::new() });
    // Active through the last second.
    test_clock::set(w.times(id).1);
    assert_eq!(w.state(id), ACTIVE);
    w.to_end(id);
    assert_eq!(w.state(id), SUCCEEDED);
    assert_error(w.gov.sender(w.alice).cast_vote(id, 1).motsu_unwrap_err(), unexpected(id, SUCCEEDED));
    assert_error(w.execute(actions.clone()).motsu_unwrap_err(), unexpected(id, SUCCEEDED));
    let queued_at = w.times(id).1 + 1;
    assert_eq!(w.gov.sender(w.stranger).queue(id).motsu_unwrap(), id);
    let eta = queued_at + TIMELOCK;
    w.gov.assert_emitted(&ProposalQueued { proposalId: id, etaSeconds: u(eta) });
    assert_eq!(w.times(id), (queued_at - 1 - VOTING_PERIOD, queued_at - 1, eta, eta + GRACE));
    assert_eq!(w.state(id), QUEUED);
    assert_error(w.gov.sender(w.alice).queue(id).motsu_unwrap_err(), unexpected(id, QUEUED));
    // The timelock holds execution until eta.
    test_clock::set(eta - 1);
    assert_error(w.execute(actions.clone()).motsu_unwrap_err(), TimelockActive { proposalId: id, eta: u(eta) });
    test_clock::set(eta);
    assert_eq!(w.execute(actions.clone()).motsu_unwrap(), id);
    w.gov.assert_emitted(&ProposalExecuted { proposalId: id });
    assert_eq!(w.state(id), EXECUTED);
    assert_error(w.execute(actions.clone()).motsu_unwrap_err(), unexpected(id, EXECUTED));
    // The proposer cannot cancel after voting.
    assert_error(w.cancel(w.alice, actions).motsu_unwrap_err(), unexpected(id, EXECUTED));
}

#[motsu::test]
fn defeated_when_against_wins_or_ties() {
    let w = World::new();
    let id = w.propose(w.alice, simple(1)).motsu_unwrap();
    w.to_active(id);
    w.vote(w.alice, id, 1);
    w.vote(w.curator, id, 0);
    w.to_end(id);
    assert_eq!(w.state(id), DEFEATED);
    assert_error(w.gov.sender(w.alice).queue(id).motsu_unwrap_err(), unexpected(id, DEFEATED));
    // A tie is defeated too (For must exceed Against).
    test_clock::set(T0 + 5_000);
    w.holder(Address::from_tag("dave"), shares(300));
    test_clock::set(T0 + 5_001);
    let id = w.propose(w.alice, simple(7)).motsu_unwrap();
    w.to_active(id);
    w.vote(w.alice, id, 1);
    w.vote(Address::from_tag("dave"), id, 0);
    w.to_end(id);
    assert_eq!(w.state(id), DEFEATED);
    // No votes at all: defeated.
    let id = w.propose(w.alice, simple(9)).motsu_unwrap();
    w.to_end(id);
    assert_eq!(w.state(id), DEFEATED);
}

#[motsu::test]
fn canceled_by_the_proposer_while_pending() {
    let w = World::new();
    let id = w.propose(w.alice, simple(1)).motsu_unwrap();
    // Anyone else names another (unknown) proposal: the id binds the proposer.
    let by_bob = w.gov.sender(w.admin).hash_proposal(simple(1), keccak256(DESC.as_bytes()), w.bob);
    assert_error(w.cancel(w.bob, simple(1)).motsu_unwrap_err(), UnknownProposal { proposalId: by_bob });
    assert_eq!(w.cancel(w.alice, simple(1)).motsu_unwrap(), id);
    w.gov.assert_emitted(&ProposalCanceled { proposalId: id });
    assert_eq!(w.state(id), CANCELED);
    w.to_active(id);
    assert_eq!(w.state(id), CANCELED);
    assert_error(w.gov.sender(w.alice).cast_vote(id, 1).motsu_unwrap_err(), unexpected(id, CANCELED));
    assert_error(w.cancel(w.alice, simple(1)).motsu_unwrap_err(), unexpected(id, CANCELED));
    // Through the snapshot second, not once voting started (the vote decides).
    let id = w.propose(w.alice, simple(3)).motsu_unwrap();
    test_clock::set(w.times(id).0);
    w.cancel(w.alice, simple(3)).motsu_unwrap();
    let id = w.propose(w.alice, simple(4)).motsu_unwrap();
    w.to_active(id);
    assert_error(w.cancel(w.alice, simple(4)).motsu_unwrap_err(), unexpected(id, ACTIVE));
    // Nor after voting ends.
    let id = w.propose(w.alice, simple(5)).motsu_unwrap();
    w.to_end(id);
    assert_error(w.cancel(w.alice, simple(5)).motsu_unwrap_err(), unexpected(id, DEFEATED));
}

#[motsu::test]
fn vetoed_by_a_majority_of_steward_tokens() {
    let w = World::new();
    let (s1, s2) = (Address::from_tag("steward1"), Address::from_tag("steward2"));
    w.vault.sender(w.curator).transfer_from(w.curator, s1, u(1)).motsu_unwrap();
    w.vault.sender(w.curator).transfer_from(w.curator, s2, u(2)).motsu_unwrap();
    let actions = simple(1);
    let id = w.propose(w.alice, actions.clone()).motsu_unwrap();
    // Only while queued.
    assert_error(w.gov.sender(s1).veto(id, u(1)).motsu_unwrap_err(), unexpected(id, PENDING));
    w.to_active(id);
    w.vote(w.curator, id, 1);
    w.to_end(id);
    w.gov.sender(w.bob).queue(id).motsu_unwrap();
    // Only the token's owner; unknown tokens have none.
    assert_error(w.gov.sender(w.bob).veto(id, u(1)).motsu_unwrap_err(), NotSteward { caller: w.bob, stewardTokenId: u(1) });
    assert_error(w.gov.sender(w.bob).veto(id, u(9)).motsu_unwrap_err(), NotSteward { caller: w.bob, stewardTokenId: u(9) });
    // 1 of 3: not yet.
    w.gov.sender(s1).veto(id, u(1)).motsu_unwrap();
    w.gov.assert_emitted(&VetoCast { proposalId: id, stewardTokenId: u(1), steward: s1 });
    assert!(w.gov.sender(w.admin).has_vetoed(id, u(1)));
    assert!(!w.gov.sender(w.admin).has_vetoed(id, u(2)));
    assert_eq!(w.state(id), QUEUED);
    assert_eq!(w.gov.sender(w.admin).proposal(id).5, u(1));
    assert_error(w.gov.sender(s1).veto(id, u(1)).motsu_unwrap_err(), AlreadyVetoed { proposalId: id, stewardTokenId: u(1) });
    // 2 of 3: more than half.
    w.gov.sender(s2).veto(id, u(2)).motsu_unwrap();
    w.gov.assert_emitted(&ProposalVetoed { proposalId: id });
    assert_eq!(w.state(id), VETOED);
    test_clock::set(w.times(id).2);
    assert_error(w.execute(actions).motsu_unwrap_err(), unexpected(id, VETOED));
    assert_error(w.gov.sender(w.curator).veto(id, u(3)).motsu_unwrap_err(), unexpected(id, VETOED));
}

#[motsu::test]
fn the_veto_window_closes_at_eta() {
    let w = World::new();
    let id = w.pass(simple(1));
    let eta = w.times(id).2;
    assert_error(w.gov.sender(w.curator).veto(id, u(1)).motsu_unwrap_err(), VetoWindowClosed { proposalId: id, eta: u(eta) });
    // One second earlier it was open: one token of three is not a majority.
    test_clock::set(eta - 1);
    w.gov.sender(w.curator).veto(id, u(1)).motsu_unwrap();
    w.gov.sender(w.curator).veto(id, u(2)).motsu_unwrap();
    assert_eq!(w.state(id), VETOED);
}

#[motsu::test]
fn queued_too_long_expires() {
    let w = World::new();
    let actions = simple(1);
    let id = w.pass(actions.clone());
    let expires = w.times(id).3;
    test_clock::set(expires - 1);
    assert_eq!(w.state(id), QUEUED);
    test_clock::set(expires);
    assert_eq!(w.state(id), EXPIRED);
    assert_error(w.execute(actions).motsu_unwrap_err(), unexpected(id, EXPIRED));
}

#[motsu::test]
fn unknown_proposals() {
    let w = World::new();
    let id = u(12345);
    assert_error(w.gov.sender(w.admin).state(id).motsu_unwrap_err(), UnknownProposal { proposalId: id });
    assert_error(w.gov.sender(w.alice).cast_vote(id, 1).motsu_unwrap_err(), UnknownProposal { proposalId: id });
    assert_error(w.gov.sender(w.alice).queue(id).motsu_unwrap_err(), UnknownProposal { proposalId: id });
    let never = w.gov.sender(w.admin).hash_proposal(simple(7), keccak256(DESC.as_bytes()), w.alice);
    assert_error(w.cancel(w.alice, simple(7)).motsu_unwrap_err(), UnknownProposal { proposalId: never });
    assert_error(w.gov.sender(w.curator).veto(id, u(1)).motsu_unwrap_err(), UnknownProposal { proposalId: id });
    // Executing other actions or another description names another proposal.
    let actions = simple(1);
    let pid = w.pass(actions.clone());
    let other = w.gov.sender(w.admin).hash_proposal(actions.clone(), keccak256(b"other"), w.alice);
    assert_ne!(other, pid);
    let err = w.gov.sender(w.stranger).execute(actions.clone(), keccak256(b"other"), w.alice).motsu_unwrap_err();
    assert_error(err, UnknownProposal { proposalId: other });
    // So does another proposer.
    let by_bob = w.gov.sender(w.admin).hash_proposal(actions.clone(), keccak256(DESC.as_bytes()), w.bob);
    assert_ne!(by_bob, pid);
    let err = w.gov.sender(w.stranger).execute(actions, keccak256(DESC.as_bytes()), w.bob).motsu_unwrap_err();
    assert_error(err, UnknownProposal { proposalId: by_bob });
    assert_eq!(w.gov.sender(w.admin).proposal(id), (U256::ZERO, U256::ZERO, U256::ZERO, U256::ZERO, U256::ZERO, U256::ZERO));
}

/// Quorum first reached within the last `voteExtension` seconds moves the end
/// to that vote's second + the extension (and the queue deadline with it),
/// once, with `ProposalExtended`; a vote earlier than that window does not.
#[motsu::test]
fn a_late_quorum_extends_the_vote_once() {
    let w = World::new();
    let id = w.propose(w.alice, simple(1)).motsu_unwrap();
    let (_, end, _, expires) = w.times(id);
    // Alice's 300 shares reach quorum (10%) 50 s before the end.
    let late = end - 50;
    test_clock::set(late);
    w.vote(w.alice, id, 1);
    let new_end = late + EXTENSION;
    w.gov.assert_emitted(&crate::ProposalExtended { proposalId: id, newVoteEnd: u(new_end) });
    assert_eq!(w.times(id), (end - VOTING_PERIOD, new_end, 0, expires + (new_end - end)));
    // Once: later votes in the new window move nothing.
    test_clock::set(new_end - 1);
    w.vote(w.bob, id, 1);
    assert_eq!(w.times(id).1, new_end);
    test_clock::set(end + 1);
    assert_eq!(w.state(id), ACTIVE);
    w.to_end(id);
    assert_eq!(w.state(id), SUCCEEDED);
}
