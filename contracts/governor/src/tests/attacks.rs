//! Attacks on governance (issue 17), each reproduced first on the unchanged code:
//! the assertions state the defence.
use alloy_primitives::{keccak256, Address, U256};
use atelier_common::{errors::ParamOutOfBounds, params::vault as vkeys};
use motsu::prelude::*;

use super::*;
use crate::types::state::*;

/// A steward (no shares needed) proposes releasing its artwork and cancels, round
/// after round: the artwork must stay redeemable. On the old code every round
/// locked it until that proposal's vote end (here 1,100 s a round; with the
/// deployed parameters 3 d 1 h, so 120 rounds a year), whatever the cancel.
#[motsu::test]
fn propose_and_cancel_cannot_freeze_an_artwork() {
    let w = World::new();
    let mallory = Address::from_tag("mallory");
    w.vault.sender(w.curator).transfer_from(w.curator, mallory, u(1)).motsu_unwrap();
    for round in 0..10u64 {
        let actions = vec![release(1, mallory)];
        let description = format!("round {round}");
        w.gov.sender(mallory).propose(actions.clone(), description.clone().into()).motsu_unwrap();
        w.gov.sender(mallory).cancel(actions, keccak256(description.as_bytes())).motsu_unwrap();
        test_clock::advance(VOTING_DELAY);
    }
    assert_eq!(w.vault.sender(w.admin).artwork(u(1)).motsu_unwrap().0.9, U256::ZERO);
    w.vault.sender(w.curator).redeem(u(1)).motsu_unwrap();
    assert_eq!(w.nft_owner(1), w.curator);
}

/// A proposal alone (never voted through) locks nothing, however many there are.
#[motsu::test]
fn open_proposals_lock_nothing() {
    let w = World::new();
    let id = w.propose(w.alice, vec![release(1, w.alice)]).motsu_unwrap();
    w.to_active(id);
    w.vault.sender(w.curator).redeem(u(1)).motsu_unwrap();
}

/// Voting ended with a release passed: until it is queued (and while queued) no
/// holder can take the artwork out. On the old code the lock ended with voting.
#[motsu::test]
fn a_passed_release_cannot_be_raced_by_redemption() {
    let w = World::new();
    let actions = vec![release(1, w.alice)];
    let id = w.propose(w.alice, actions.clone()).motsu_unwrap();
    w.to_active(id);
    w.vote(w.alice, id, 1);
    w.vote(w.bob, id, 1);
    w.to_end(id);
    assert_eq!(w.state(id), SUCCEEDED);
    let err = w.vault.sender(w.curator).redeem(u(1)).motsu_unwrap_err();
    assert!(matches!(err, atelier_vault::Error::ArtworkLocked(_)), "{err:?}");
    w.gov.sender(w.stranger).queue(id).motsu_unwrap();
    let err = w.vault.sender(w.curator).redeem(u(1)).motsu_unwrap_err();
    assert!(matches!(err, atelier_vault::Error::ArtworkLocked(_)), "{err:?}");
    test_clock::set(w.times(id).2);
    w.gov.sender(w.stranger).execute(actions, keccak256(DESC.as_bytes()), w.alice).motsu_unwrap();
    assert_eq!(w.nft_owner(1), w.alice);
}

/// A succeeded proposal nobody queued expires (OZ's queue deadline): it can no
/// longer be queued a year later. On the old code it stayed Succeeded for ever.
#[motsu::test]
fn succeeded_proposals_expire_unqueued() {
    let w = World::new();
    let id = w.propose(w.alice, vec![withdraw(w.alice, eth(1))]).motsu_unwrap();
    w.to_active(id);
    w.vote(w.curator, id, 1);
    test_clock::set(w.times(id).1 + 365 * 86_400);
    assert_eq!(w.state(id), EXPIRED);
    let err = w.gov.sender(w.stranger).queue(id).motsu_unwrap_err();
    assert!(matches!(err, crate::Error::UnexpectedProposalState(_)), "{err:?}");
}

/// Copy-and-cancel: Bob (over the threshold) proposes Alice's exact actions and
/// description first and cancels; Alice must still be able to propose hers. On
/// the old code Alice got ProposalExists for good.
#[motsu::test]
fn copy_and_cancel_cannot_take_a_proposal_id() {
    let w = World::new();
    let copy = w.propose(w.bob, simple(1)).motsu_unwrap();
    w.cancel(w.bob, simple(1)).motsu_unwrap();
    let own = w.propose(w.alice, simple(1)).motsu_unwrap();
    assert_ne!(own, copy);
    // And a proposal cannot be withdrawn once voting started.
    w.to_active(own);
    assert!(w.cancel(w.alice, simple(1)).motsu_res().is_err());
}

/// The veto majority counts against the steward tokens live at queue: vetoes of
/// 2 of 4 tokens are not a majority even after one vetoing token is burned by a
/// redemption. On the old code (2 vetoes against 3 live tokens) it was vetoed.
#[motsu::test]
fn a_burned_vetoing_token_cannot_tip_the_majority() {
    let w = World::new();
    test_clock::set(T0);
    w.genesis(4);
    test_clock::set(T0 + 1);
    let (s1, s2) = (Address::from_tag("steward1"), Address::from_tag("steward2"));
    w.vault.sender(w.curator).transfer_from(w.curator, s1, u(1)).motsu_unwrap();
    w.vault.sender(w.curator).transfer_from(w.curator, s2, u(2)).motsu_unwrap();
    let id = w.propose(w.alice, simple(1)).motsu_unwrap();
    w.to_active(id);
    w.vote(w.curator, id, 1);
    w.to_end(id);
    w.gov.sender(w.stranger).queue(id).motsu_unwrap();
    w.gov.sender(s1).veto(id, u(1)).motsu_unwrap();
    // Steward token 1's artwork leaves (the curator holds its shares).
    w.vault.sender(w.curator).redeem(u(1)).motsu_unwrap();
    w.gov.sender(s2).veto(id, u(2)).motsu_unwrap();
    assert_eq!(w.state(id), QUEUED);
}

/// Quorum reached in the last second of voting: the others get `voteExtension`
/// seconds to answer. On the old code the vote simply ended.
#[motsu::test]
fn a_last_second_quorum_extends_the_vote() {
    let w = World::new();
    let id = w.propose(w.alice, simple(1)).motsu_unwrap();
    let end = w.times(id).1;
    test_clock::set(end);
    w.vote(w.alice, id, 1);
    test_clock::set(end + 1);
    assert_eq!(w.state(id), ACTIVE);
    w.vote(w.curator, id, 0);
    w.to_end(id);
    assert_eq!(w.state(id), DEFEATED);
}

/// Governance could set a quorum no vote can reach (up to 100%, while treasury-
/// held and undelegated shares never vote) and a threshold above the supply cap.
/// On the old code both proposals were accepted (and executed).
#[motsu::test]
fn governance_cannot_brick_itself() {
    let w = World::new();
    let vault = w.vault.address();
    let err = w.propose(w.alice, vec![set_param(vault, vkeys::QUORUM_BPS, u(10_000))]).motsu_unwrap_err();
    assert!(matches!(err, crate::Error::ParamOutOfBounds(ParamOutOfBounds { .. })), "{err:?}");
    let err = w.propose(w.alice, vec![set_param(vault, vkeys::PROPOSAL_THRESHOLD, shares(2_000_000))]).motsu_unwrap_err();
    assert!(matches!(err, crate::Error::ParamOutOfBounds(ParamOutOfBounds { .. })), "{err:?}");
}

/// A license approved for an artwork the vault no longer holds must not take the
/// licensee's fee. On the old code the activation succeeded after the artwork was
/// redeemed: the licensee paid 1 ETH for nothing.
#[motsu::test]
fn a_license_needs_the_artwork_in_custody_at_activation() {
    let w = World::new();
    let licensee = Address::from_tag("licensee");
    let actions = vec![license(1, licensee, word(9), eth(1))];
    let id = w.pass(actions.clone());
    test_clock::advance(5);
    w.execute(actions).motsu_unwrap();
    // Redeemed once no lock holds (the old code's lock ran to the queued expiry).
    test_clock::set(w.times(id).3);
    w.vault.sender(w.curator).redeem(u(1)).motsu_unwrap();
    licensee.fund(eth(1));
    let err = w.gov.sender_and_value(licensee, eth(1)).activate_license(u(1)).motsu_unwrap_err();
    assert!(matches!(err, crate::Error::UnknownArtwork(_)), "{err:?}");
    assert_eq!(licensee.balance(), eth(1));
}

/// An approval nobody activates lapses a grace period after its execution. On the
/// old code it could be activated a year later.
#[motsu::test]
fn license_approvals_lapse() {
    let w = World::new();
    let licensee = Address::from_tag("licensee");
    w.enact(vec![license(1, licensee, word(9), eth(1))]);
    test_clock::advance(365 * 86_400);
    licensee.fund(eth(1));
    let err = w.gov.sender_and_value(licensee, eth(1)).activate_license(u(1)).motsu_unwrap_err();
    assert!(matches!(err, crate::Error::LicenseExpired(_)), "{err:?}");
}

/// An NFT sent to the vault by a plain `transferFrom` (never in custody) can be
/// returned by governance; one in custody cannot. On the old code there was no
/// action for it (propose refused kind 7 as MalformedAction): stuck for good.
#[motsu::test]
fn governance_rescues_a_token_sent_by_plain_transfer() {
    let w = World::new();
    let sender = Address::from_tag("sender");
    w.nft.sender(sender).mint(sender, u(50)).motsu_unwrap();
    w.nft.sender(sender).transfer_from(sender, w.vault.address(), u(50)).motsu_unwrap();
    let mut rescue = release(1, sender);
    rescue.0 = 7;
    rescue.1 = w.nft.address();
    rescue.3 = u(50);
    w.enact(vec![rescue.clone()]);
    assert_eq!(w.nft_owner(50), sender);
    // Artwork 1 (token 1) is in custody: the vault refuses.
    rescue.3 = u(1);
    let id = w.gov.sender(w.alice).propose(vec![rescue.clone()], "take 1".into()).motsu_unwrap();
    w.to_active(id);
    w.vote(w.curator, id, 1);
    w.to_end(id);
    w.gov.sender(w.stranger).queue(id).motsu_unwrap();
    test_clock::set(w.times(id).2);
    assert!(w.gov.sender(w.stranger).execute(vec![rescue], keccak256(b"take 1"), w.alice).motsu_res().is_err());
    assert_eq!(w.nft_owner(1), w.vault.address());
}

/// With no proposer stored, a cancel names a proposal by (actions,
/// description, caller): a copier cancelling its copy of the same text
/// leaves the original Pending and votable, and a canceled id stays
/// Canceled (proposing it again is ProposalExists, not a resurrection).
#[motsu::test]
fn a_canceled_copy_leaves_the_original_and_stays_canceled() {
    let w = World::new();
    let own = w.propose(w.alice, simple(1)).motsu_unwrap();
    let copy = w.propose(w.bob, simple(1)).motsu_unwrap();
    let record = w.gov.sender(w.admin).proposal(own);
    assert_eq!(w.cancel(w.bob, simple(1)).motsu_unwrap(), copy);
    assert_eq!(w.state(copy), CANCELED);
    assert_eq!(w.state(own), PENDING);
    assert_eq!(w.gov.sender(w.admin).proposal(own), record);
    // Bob cannot name it twice, nor propose it back to life.
    assert_error(w.cancel(w.bob, simple(1)).motsu_unwrap_err(), crate::UnexpectedProposalState { proposalId: copy, state: CANCELED });
    assert_error(w.propose(w.bob, simple(1)).motsu_unwrap_err(), crate::ProposalExists { proposalId: copy });
    w.to_active(copy);
    assert_eq!(w.state(copy), CANCELED);
    assert_error(w.gov.sender(w.curator).cast_vote(copy, 1).motsu_unwrap_err(), crate::UnexpectedProposalState { proposalId: copy, state: CANCELED });
    // The original votes, passes and executes as ever.
    w.vote(w.curator, own, 1);
    w.to_end(own);
    w.gov.sender(w.stranger).queue(own).motsu_unwrap();
    test_clock::set(w.times(own).2);
    assert_eq!(w.execute(simple(1)).motsu_unwrap(), own);
    assert_eq!(w.state(copy), CANCELED);
}
