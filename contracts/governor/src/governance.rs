//! Proposals: creation, voting, the state machine, queue / steward veto /
//! execute / cancel (the redemption locks they set and release: `locks.rs`).
//! A proposal stores O(1) slots whatever its actions; its id is the hash of its
//! actions, description hash and proposer (OpenZeppelin's `#proposer=` guard,
//! always on).
use alloc::vec::Vec;
use alloy_sol_types::{sol_data, SolEvent, SolType};
use atelier_common::abi::{SolText, Text};
use stylus_sdk::abi::AbiType;
use alloy_primitives::{keccak256, Address, B256, U256};
use atelier_common::{
    clock,
};

use stylus_sdk::prelude::*;

use crate::{
    actions::kind,
    types::{flag, state, Action, Record, Tallies, BPS, MAX_ACTIONS},
    AlreadyVetoed, AlreadyVoted, ArtGovernor, BadActionCount, Error, InsufficientProposerVotes,
    InvalidVoteType, NotSteward, ProposalCanceled, ProposalCreated, ProposalExecuted,
    ProposalExists, ProposalExtended, ProposalQueued, ProposalVetoed, TimelockActive,
    UnexpectedProposalState, UnknownProposal, VetoCast, VetoWindowClosed, VoteCast,
};

/// The data of `ProposalCreated` (no indexed fields), with `Text` strings.
type ProposalCreatedData = (
    sol_data::Uint<256>,
    sol_data::Address,
    sol_data::Array<<Action as AbiType>::SolType>,
    sol_data::Uint<256>,
    sol_data::Uint<256>,
    SolText,
);

/// Proposal id: keccak256 over each action's eight 32-byte words (the uri as its
/// keccak256), then the description hash, then the proposer (as a word): nobody
/// can take another proposer's id by proposing the same text first.
pub fn hash_actions(actions: &[Action], description_hash: B256, proposer: Address) -> U256 {
    let mut buf = Vec::with_capacity(actions.len() * 256 + 32);
    for (kind, target, account, id, amount, h1, h2, uri) in actions {
        buf.extend_from_slice(&U256::from(*kind).to_be_bytes::<32>());
        buf.extend_from_slice(target.into_word().as_slice());
        buf.extend_from_slice(account.into_word().as_slice());
        buf.extend_from_slice(&id.to_be_bytes::<32>());
        buf.extend_from_slice(&amount.to_be_bytes::<32>());
        buf.extend_from_slice(h1.as_slice());
        buf.extend_from_slice(h2.as_slice());
        buf.extend_from_slice(keccak256(uri.as_bytes()).as_slice());
    }
    buf.extend_from_slice(description_hash.as_slice());
    buf.extend_from_slice(proposer.into_word().as_slice());
    keccak256(&buf).into()
}

/// (quorum reached, passing): turnout (for + abstain) >= floor(supply * bps /
/// 10_000), without a 256-bit division, and for > against.
fn outcome(supply: U256, bps: u16, tallies: Tallies) -> (bool, bool) {
    let (against, for_votes, abstain) = tallies.all();
    let needed = supply.saturating_mul(U256::from(bps));
    let turnout = for_votes.saturating_add(abstain);
    let reached = turnout.saturating_mul(U256::from(BPS)).saturating_add(U256::from(BPS - 1)) >= needed;
    (reached, reached && for_votes > against)
}

fn unexpected(proposal_id: U256, state: u8) -> Error {
    UnexpectedProposalState { proposalId: proposal_id, state }.into()
}

impl ArtGovernor {
    /// The state of a proposal (see `state()` in the ABI).
    pub(crate) fn proposal_state(&self, proposal_id: U256) -> Result<u8, Error> {
        let p = self.proposals.getter(proposal_id);
        let r = p.record();
        if r.status != 0 {
            return Ok(r.status as u8);
        }
        if r.snapshot == 0 {
            return Err(UnknownProposal { proposalId: proposal_id }.into());
        }
        let now = clock::now(self.vm());
        // Queued proposals expire after eta + grace, Succeeded ones (OZ's queue
        // deadline) after voteEnd + grace.
        let expired = now >= r.expires;
        if r.eta != 0 {
            return Ok(if expired { state::EXPIRED } else { state::QUEUED });
        }
        if now <= r.snapshot {
            return Ok(state::PENDING);
        }
        if now <= r.vote_end {
            return Ok(state::ACTIVE);
        }
        let supply = self.past_supply(r.snapshot)?;
        let (_, passing) = outcome(supply, r.quorum_bps as u16, Tallies(p.tallies.get()));
        Ok(if !passing {
            state::DEFEATED
        } else if expired {
            state::EXPIRED
        } else {
            state::SUCCEEDED
        })
    }

    /// `propose`: validates the actions and the proposer, stores the proposal
    /// (locking nothing: only a passing vote does).
    pub(crate) fn create_proposal(
        &mut self,
        actions: Vec<Action>,
        description: Text,
    ) -> Result<U256, Error> {
        self.require_wired()?;
        if actions.is_empty() || actions.len() > MAX_ACTIONS {
            return Err(BadActionCount { count: U256::from(actions.len()) }.into());
        }
        let proposer = self.vm().msg_sender();
        let now = clock::now(self.vm());
        let mut concerns = U256::ZERO;
        let mut stewarded = true;
        let mut exitable = false;
        for (index, action) in actions.iter().enumerate() {
            exitable |= matches!(action.0, kind::WITHDRAW_RESERVE | kind::RELEASE_ARTWORK);
            let (artwork, steward) = self.validate_action(index, action, now)?;
            concerns |= U256::from(artwork) << (64 * index);
            stewarded &= artwork != 0 && steward == proposer;
        }
        if !stewarded {
            let threshold = U256::from(self.proposal_threshold.get());
            let votes = self.past_votes(proposer, now.saturating_sub(1))?;
            if votes < threshold {
                return Err(InsufficientProposerVotes { proposer, votes, threshold }.into());
            }
        }
        let proposal_id = hash_actions(&actions, keccak256(description.as_bytes()), proposer);
        let mut p = self.proposals.setter(proposal_id);
        if p.record().snapshot != 0 {
            return Err(ProposalExists { proposalId: proposal_id }.into());
        }
        let snapshot = now.saturating_add(self.voting_delay.get().to::<u64>());
        let vote_end = snapshot.saturating_add(self.voting_period.get().to::<u64>());
        let mut flags = if exitable { flag::EXITABLE } else { 0 };
        if !concerns.is_zero() {
            flags |= flag::CONCERNS;
            p.concerns.set(concerns);
        }
        p.set_record(&Record {
            // A zero snapshot means no proposal: at least 1 (chain time is never 0).
            snapshot: snapshot.max(1),
            quorum_bps: self.quorum_bps.get().to::<u64>(),
            vote_end,
            flags,
            expires: vote_end.saturating_add(self.grace_period.get().to::<u64>()),
            ..Record::default()
        });
        // `ProposalCreated`, encoded straight from the `Text` actions (the `sol!`
        // event holds `String`s: converting them costs ~0.5 KB of WASM).
        let mut log = ProposalCreated::SIGNATURE_HASH.to_vec();
        log.extend(ProposalCreatedData::abi_encode_params(&(
            proposal_id,
            proposer,
            actions,
            U256::from(snapshot),
            U256::from(vote_end),
            description,
        )));
        self.vm().emit_log(&log, 1);
        Ok(proposal_id)
    }

    /// `castVote` / `castVoteWithReason` (one copy for both entry points).
    #[inline(never)]
    pub(crate) fn count_vote(
        &mut self,
        proposal_id: U256,
        support: u8,
        reason: Text,
    ) -> Result<U256, Error> {
        if support > 2 {
            return Err(InvalidVoteType { support }.into());
        }
        let current = self.proposal_state(proposal_id)?;
        if current != state::ACTIVE {
            return Err(unexpected(proposal_id, current));
        }
        let voter = self.vm().msg_sender();
        if !self.voted.getter(proposal_id).get(voter).is_zero() {
            return Err(AlreadyVoted { proposalId: proposal_id, voter }.into());
        }
        let mut r = self.proposals.getter(proposal_id).record();
        let (weight, supply) = self.past_votes_and_supply(voter, r.snapshot)?;
        // The weight (< 2^96) is what an Against voter may later exit with.
        self.voted.setter(proposal_id).insert(voter, (weight << 8) | U256::from(support + 1));
        let extension = self.vote_extension.get().to::<u64>();
        let now = clock::now(self.vm());
        let mut p = self.proposals.setter(proposal_id);
        let bps = r.quorum_bps as u16;
        let before = Tallies(p.tallies.get());
        let (was_reached, was_passing) = outcome(supply, bps, before);
        let after = before.add(support, weight);
        p.tallies.set(after.0);
        let (reached, passing) = outcome(supply, bps, after);
        // Late-quorum protection: quorum first reached (turnout only grows) within
        // the last `voteExtension` seconds moves the end to now + voteExtension.
        let new_end = now.saturating_add(extension);
        let extend = reached && !was_reached && new_end > r.vote_end;
        if extend {
            r.expires = r.expires.saturating_add(new_end - r.vote_end);
            r.vote_end = new_end;
            p.set_record(&r);
            atelier_common::emit!(
                self.vm(),
                ProposalExtended,
                2,
                [proposal_id, new_end],
            );
        }
        // Passing from this vote on: once voting ends (Succeeded) its artworks
        // stay locked through the queue deadline, so nobody can redeem one
        // between the vote's end and `queue`.
        if passing && !was_passing {
            // Read only here: most votes do not turn a proposal to passing.
            let concerns = self.proposals.getter(proposal_id).artworks(&r);
            if !concerns.is_zero() {
                self.hold_passed(proposal_id, concerns)?;
            }
        }
        // VoteCast: reason (field 4) as the string tail.
        atelier_common::emit!(
            self.vm(),
            VoteCast,
            2,
            [voter, proposal_id, support, weight, B256::ZERO],
            4,
            reason.as_bytes(),
        );
        Ok(weight)
    }

    /// `queue`: Succeeded -> Queued; the timelock (veto window) runs until eta, the
    /// proposal is executable until eta + grace period, and its artworks stay
    /// locked; the live steward tokens now are the veto majority's base.
    pub(crate) fn queue_proposal(&mut self, proposal_id: U256) -> Result<U256, Error> {
        let current = self.proposal_state(proposal_id)?;
        if current != state::SUCCEEDED {
            return Err(unexpected(proposal_id, current));
        }
        let now = clock::now(self.vm());
        let eta = now.saturating_add(self.timelock.get().to::<u64>());
        let expires = eta.saturating_add(self.grace_period.get().to::<u64>());
        // Live steward tokens stay far below the record's 2^24 (one per artwork).
        let stewards = self.live_stewards()?.saturating_to::<u64>();
        let mut p = self.proposals.setter(proposal_id);
        let mut r = p.record();
        r.eta = eta;
        r.expires = expires;
        r.veto_base = stewards;
        p.set_record(&r);
        let concerns = p.artworks(&r);
        self.hold_queued(concerns, expires - 1);
        atelier_common::emit!(self.vm(), ProposalQueued, 1, [proposal_id, eta]);
        Ok(proposal_id)
    }

    /// `execute`: the same actions as proposed, after the timelock, before expiry.
    pub(crate) fn execute_proposal(
        &mut self,
        actions: Vec<Action>,
        description_hash: B256,
        proposer: Address,
    ) -> Result<U256, Error> {
        let proposal_id = hash_actions(&actions, description_hash, proposer);
        let current = self.proposal_state(proposal_id)?;
        if current != state::QUEUED {
            return Err(unexpected(proposal_id, current));
        }
        let now = clock::now(self.vm());
        let mut p = self.proposals.setter(proposal_id);
        let mut r = p.record();
        if now < r.eta {
            return Err(TimelockActive { proposalId: proposal_id, eta: U256::from(r.eta) }.into());
        }
        r.status = state::EXECUTED.into();
        p.set_record(&r);
        let concerns = p.artworks(&r);
        self.release_queued(concerns);
        for action in actions {
            self.apply_action(action)?;
        }
        atelier_common::emit!(self.vm(), ProposalExecuted, 1, [proposal_id]);
        Ok(proposal_id)
    }

    /// `cancel`: the proposer, while Pending (OpenZeppelin's rule: once voting
    /// started, the vote decides). The id is recomputed with the caller as the
    /// proposer, so only the proposer can name its proposal (no proposer is
    /// stored: `propose` writes one slot).
    pub(crate) fn cancel_proposal(
        &mut self,
        actions: Vec<Action>,
        description_hash: B256,
    ) -> Result<U256, Error> {
        let proposal_id = hash_actions(&actions, description_hash, self.vm().msg_sender());
        let current = self.proposal_state(proposal_id)?;
        if current != state::PENDING {
            return Err(unexpected(proposal_id, current));
        }
        let mut p = self.proposals.setter(proposal_id);
        let mut r = p.record();
        r.status = state::CANCELED.into();
        p.set_record(&r);
        atelier_common::emit!(self.vm(), ProposalCanceled, 1, [proposal_id]);
        Ok(proposal_id)
    }

    /// `veto`: one veto per steward token during the timelock; Vetoed once the
    /// vetoing tokens exceed half of the steward tokens live at queue (a fixed
    /// base: burning tokens after vetoing cannot tip it).
    pub(crate) fn veto_proposal(
        &mut self,
        proposal_id: U256,
        steward_token_id: U256,
    ) -> Result<(), Error> {
        let caller = self.vm().msg_sender();
        let steward = self.steward_of(steward_token_id).unwrap_or_default();
        if steward != caller || caller == self.vault.get() {
            return Err(NotSteward { caller, stewardTokenId: steward_token_id }.into());
        }
        let current = self.proposal_state(proposal_id)?;
        if current != state::QUEUED {
            return Err(unexpected(proposal_id, current));
        }
        let mut r = self.proposals.getter(proposal_id).record();
        let eta = r.eta;
        if clock::now(self.vm()) >= eta {
            return Err(VetoWindowClosed { proposalId: proposal_id, eta: U256::from(eta) }.into());
        }
        let mut by_proposal = self.vetoed.setter(proposal_id);
        let mut vetoed = by_proposal.setter(steward_token_id);
        if vetoed.get() {
            return Err(AlreadyVetoed { proposalId: proposal_id, stewardTokenId: steward_token_id }.into());
        }
        vetoed.set(true);
        // One veto per steward token (one token per artwork): the count stays
        // within the record's 24 bits.
        r.vetoes += 1;
        let mut p = self.proposals.setter(proposal_id);
        p.set_record(&r);
        atelier_common::emit!(
            self.vm(),
            VetoCast,
            4,
            [proposal_id, steward_token_id, caller],
        );
        // The majority counts against the larger of the steward tokens live at
        // queue (burning tokens after it cannot shrink the base) and those live
        // now (tokens minted after it count in the base as well as in the vetoes).
        let live_now = self.live_stewards()?.saturating_to::<u64>();
        if r.vetoes * 2 > r.veto_base.max(live_now) {
            r.status = state::VETOED.into();
            let mut p = self.proposals.setter(proposal_id);
            p.set_record(&r);
            let concerns = p.artworks(&r);
            self.release_queued(concerns);
            atelier_common::emit!(self.vm(), ProposalVetoed, 1, [proposal_id]);
        }
        Ok(())
    }
}
