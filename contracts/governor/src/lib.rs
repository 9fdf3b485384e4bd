//! ArtGovernor: the collective's governance over the ArtVault — typed proposals,
//! FractionToken-weighted votes at a snapshot, a timelock during which a majority
//! of steward tokens can veto, execution by anyone — and the rights governance
//! grants: creative direction, exhibition grants (`canDisplay`) and derivative
//! licenses. See DESIGN.md ("ArtVault — the governance layer").
//!
//! It is its own contract because the vault with governance exceeds Stylus'
//! 24 KiB compressed limit. Effects on custody and on the other contracts
//! (listings, releases, parameters, reserve withdrawals) go through the vault's
//! governor-only `executeAction`, so the vault stays the one caller the
//! FractionToken, CurationRegistry and Treasury accept. The governor keeps the
//! redemption lock of each artwork a passed or queued proposal concerns
//! (`lockedUntil`, `locks.rs`), which the vault asks before a redemption.
#![cfg_attr(not(any(test, feature = "export-abi")), no_main, no_std)]
extern crate alloc;

mod abi;
pub mod actions;
mod calls;
mod exit;
mod governance;
mod locks;
mod params;
// The WASM build routes calls through a hand-written router (fewer bytes than
// `#[public]`'s); native builds keep the SDK's.
#[cfg(target_arch = "wasm32")]
mod router;
mod text;
pub mod types;

#[cfg(test)]
mod tests;

pub use abi::*;
pub use types::Action;

use alloc::{string::String, vec, vec::Vec};
use alloy_primitives::{Address, B256, U256};
use atelier_common::abi::{Returns, Text};
use atelier_common::errors::{
    AlreadyInitialized, EthTransferFailed, NotInitialized, Unauthorized, ZeroAddress,
};
use stylus_sdk::{
    prelude::*,
    storage::{
        StorageAddress, StorageBool, StorageMap, StorageU16, StorageU256, StorageU32, StorageU64,
        StorageUint,
    },
};
use types::{License, Proposal};

/// The governor's storage. In the WASM build `router` is the entrypoint.
#[cfg_attr(not(target_arch = "wasm32"), entrypoint)]
#[storage]
pub struct ArtGovernor {
    /// One-time wiring admin; zero once `initialize` ran.
    admin: StorageAddress,
    vault: StorageAddress,
    // Slot: the token and the vote's windows; `propose` and `castVote` read it.
    token: StorageAddress,
    voting_delay: StorageU32,
    voting_period: StorageU32,
    vote_extension: StorageU32,
    // Slot: the other numbers `propose`, `queue` and a license approval read
    // (seconds and bps within their bounds; the threshold below 2^96).
    timelock: StorageU32,
    grace_period: StorageU32,
    quorum_bps: StorageU16,
    license_count: StorageU64,
    proposal_threshold: StorageUint<96, 2>,
    registry: StorageAddress,
    treasury: StorageAddress,
    display_threshold: StorageU256,
    proposals: StorageMap<U256, Proposal>,
    /// proposal => voter => 0, or (vote weight left to exit with << 8) | (support + 1).
    voted: StorageMap<U256, StorageMap<Address, StorageU256>>,
    /// proposal => steward token => vetoed.
    vetoed: StorageMap<U256, StorageMap<U256, StorageBool>>,
    /// artwork => grantee => last second the grant is valid.
    grants: StorageMap<U256, StorageMap<Address, StorageU64>>,
    licenses: StorageMap<U256, License>,
    /// artwork => its redemption lock (`locks.rs`).
    locks: StorageMap<U256, locks::ArtworkLock>,
}

#[public]
impl ArtGovernor {
    /// Stores the one-time wiring admin (the deployer passes it).
    #[constructor]
    pub fn constructor(&mut self, admin: Address) -> Result<(), Error> {
        if admin.is_zero() {
            return Err(ZeroAddress {}.into());
        }
        self.admin.set(admin);
        Ok(())
    }

    /// Wires the vault and the contracts `SetParams` may target, and sets the
    /// governance parameters (vault keys, bounds-checked like `SetParams`);
    /// callable once, by the admin, which is then cleared.
    #[allow(clippy::too_many_arguments)]
    pub fn initialize(
        &mut self,
        vault: Address,
        token: Address,
        registry: Address,
        treasury: Address,
        voting_delay: U256,
        voting_period: U256,
        timelock: U256,
        quorum_bps: U256,
        proposal_threshold: U256,
        display_threshold: U256,
        grace_period: U256,
        vote_extension: U256,
    ) -> Result<(), Error> {
        if !self.token.get().is_zero() {
            return Err(AlreadyInitialized {}.into());
        }
        let sender = self.vm().msg_sender();
        if sender != self.admin.get() {
            return Err(Unauthorized { caller: sender }.into());
        }
        if [vault, token, registry, treasury].contains(&Address::ZERO) {
            return Err(ZeroAddress {}.into());
        }
        self.admin.set(Address::ZERO);
        self.vault.set(vault);
        self.token.set(token);
        self.registry.set(registry);
        self.treasury.set(treasury);
        use atelier_common::params::vault::*;
        for (key, value) in [
            (VOTING_DELAY, voting_delay),
            (VOTING_PERIOD, voting_period),
            (TIMELOCK, timelock),
            (QUORUM_BPS, quorum_bps),
            (PROPOSAL_THRESHOLD, proposal_threshold),
            (DISPLAY_THRESHOLD, display_threshold),
            (GRACE_PERIOD, grace_period),
            (VOTE_EXTENSION, vote_extension),
        ] {
            self.set_param(key, value)?;
        }
        atelier_common::emit!(
            self.vm(),
            Initialized,
            1,
            [vault, token, registry, treasury],
        );
        Ok(())
    }

    /// The wired contracts: (vault, token, registry, treasury).
    pub fn wiring(&self) -> (Address, Address, Address, Address) {
        (self.vault.get(), self.token.get(), self.registry.get(), self.treasury.get())
    }

    /// The current value of governance parameter `key` (vault keys; the
    /// redemption fee lives in the vault).
    pub fn param(&self, key: u8) -> Result<U256, Error> {
        self.get_param(key)
    }

    // ------------------------------------------------------------ proposals

    /// Creates a proposal of 1..=4 typed actions (validated now). Allowed to holders
    /// of at least `proposalThreshold` votes (at the previous second) and to the
    /// steward of every artwork the actions concern. Returns the id:
    /// `hashProposal(actions, keccak256(description), proposer)`. Locks nothing.
    pub fn propose(&mut self, actions: Vec<Action>, description: Text) -> Result<U256, Error> {
        self.create_proposal(actions, description)
    }

    /// Votes 0 (against), 1 (for) or 2 (abstain) with the caller's votes at the
    /// snapshot. Returns the weight.
    pub fn cast_vote(&mut self, proposal_id: U256, support: u8) -> Result<U256, Error> {
        self.count_vote(proposal_id, support, Text::default())
    }

    /// `castVote` with a reason carried by the event.
    pub fn cast_vote_with_reason(
        &mut self,
        proposal_id: U256,
        support: u8,
        reason: Text,
    ) -> Result<U256, Error> {
        self.count_vote(proposal_id, support, reason)
    }

    /// Starts the timelock of a succeeded proposal; anyone may call.
    pub fn queue(&mut self, proposal_id: U256) -> Result<U256, Error> {
        self.queue_proposal(proposal_id)
    }

    /// Executes a queued proposal after its timelock and before it expires; anyone
    /// may call with the proposal's actions, description hash and proposer.
    pub fn execute(
        &mut self,
        actions: Vec<Action>,
        description_hash: B256,
        proposer: Address,
    ) -> Result<U256, Error> {
        self.execute_proposal(actions, description_hash, proposer)
    }

    /// Withdraws a proposal while Pending; the caller must be its proposer (the
    /// id is `hashProposal(actions, descriptionHash, caller)`). Returns the id.
    pub fn cancel(&mut self, actions: Vec<Action>, description_hash: B256) -> Result<U256, Error> {
        self.cancel_proposal(actions, description_hash)
    }

    /// Minority exit: during the timelock of a queued proposal that withdraws
    /// reserve ETH or releases an artwork, a holder who voted Against it burns
    /// `shares` of its own (at most its vote weight, in total; no approval
    /// needed) for `reserve * shares / totalSupply` of the treasury's reserve.
    pub fn exit(&mut self, proposal_id: U256, shares: U256) -> Result<(), Error> {
        self.exit_minority(proposal_id, shares)
    }

    /// Vetoes a queued proposal during its timelock with one steward token (one
    /// veto per token); vetoed once more than half of the steward tokens live at
    /// queue did.
    pub fn veto(&mut self, proposal_id: U256, steward_token_id: U256) -> Result<(), Error> {
        self.veto_proposal(proposal_id, steward_token_id)
    }

    /// State: 0 Pending, 1 Active, 2 Canceled, 3 Defeated, 4 Succeeded, 5 Queued,
    /// 6 Vetoed, 7 Executed, 8 Expired.
    pub fn state(&self, proposal_id: U256) -> Result<u8, Error> {
        self.proposal_state(proposal_id)
    }

    /// (against, for, abstain) votes.
    pub fn proposal_votes(&self, proposal_id: U256) -> (U256, U256, U256) {
        types::Tallies(self.proposals.getter(proposal_id).tallies.get()).all()
    }

    /// (quorumBps, snapshot, voteEnd, eta, expires, vetoes): the quorum in force
    /// for it; eta is 0 until queued; expires is the queue deadline until
    /// queued, then the execution deadline. The proposer is in `ProposalCreated`.
    pub fn proposal(&self, proposal_id: U256) -> (U256, U256, U256, U256, U256, U256) {
        let r = self.proposals.getter(proposal_id).record();
        (
            U256::from(r.quorum_bps),
            U256::from(r.snapshot),
            U256::from(r.vote_end),
            U256::from(r.eta),
            U256::from(r.expires),
            U256::from(r.vetoes),
        )
    }

    /// Whether `account` voted on the proposal.
    pub fn has_voted(&self, proposal_id: U256, account: Address) -> bool {
        !self.voted.getter(proposal_id).get(account).is_zero()
    }

    /// Whether steward token `stewardTokenId` vetoed the proposal.
    pub fn has_vetoed(&self, proposal_id: U256, steward_token_id: U256) -> bool {
        self.vetoed.getter(proposal_id).get(steward_token_id)
    }

    /// The proposal id of `actions` with `descriptionHash` by `proposer`:
    /// `keccak256(abi.encode(k0, t0, a0, i0, m0, h0, g0, keccak256(u0), ..., descriptionHash, proposer))`
    /// over each action's fields in order, the uri hashed.
    pub fn hash_proposal(&self, actions: Vec<Action>, description_hash: B256, proposer: Address) -> U256 {
        governance::hash_actions(&actions, description_hash, proposer)
    }

    // ------------------------------------------------------- granted rights

    /// The curatorial direction: (modelId, promptHash, uri).
    /// Returned as Solidity returns parameters (`Returns`: stylus-sdk 0.9 would
    /// prefix a tuple holding a dynamic type with an offset word).
    pub fn creative_direction(&self) -> Returns<(B256, B256, String)> {
        let ([model_id, prompt_hash], uri) = atelier_common::record::read::<2>(self.vm(), text::direction_key());
        Returns((model_id, prompt_hash, uri))
    }

    /// Whether `account` may display the artwork (in the vault's custody): an
    /// unexpired exhibition grant, or at least `displayThreshold` shares.
    pub fn can_display(&self, account: Address, artwork_id: U256) -> Result<bool, Error> {
        if self.steward_of(artwork_id).is_err() {
            return Ok(false);
        }
        let until = self.grants.getter(artwork_id).get(account).to::<u64>();
        if atelier_common::clock::now(self.vm()) <= until {
            return Ok(true);
        }
        Ok(self.shares_of(account)? >= self.display_threshold.get())
    }

    /// The last second the artwork cannot be redeemed because a proposal
    /// concerning it can still execute (Succeeded until its queue deadline,
    /// Queued until executed, vetoed or expired); 0 when it can be redeemed now.
    pub fn locked_until(&self, artwork_id: U256) -> Result<U256, Error> {
        Ok(U256::from(self.lock_end(artwork_id)?))
    }

    /// Last second of `account`'s exhibition grant for the artwork (0 if none).
    pub fn grant_until(&self, artwork_id: U256, account: Address) -> U256 {
        U256::from(self.grants.getter(artwork_id).get(account))
    }

    /// A license: (artworkId, licensee, termsHash, fee, active).
    pub fn license(&self, license_id: U256) -> Result<(U256, Address, B256, U256, bool), Error> {
        let l = self.licenses.getter(license_id);
        let licensee = l.licensee.get();
        if licensee.is_zero() {
            return Err(UnknownLicense { licenseId: license_id }.into());
        }
        Ok((U256::from(l.artwork_id.get()), licensee, l.terms_hash.get(), U256::from(l.fee.get()), l.active.get()))
    }

    /// Activates an approved license: the licensee pays exactly its fee, which is
    /// forwarded to the treasury. Only while the artwork is still in the vault's
    /// custody (`UnknownArtwork`) and before the approval lapses, a grace period
    /// after it was executed (`LicenseExpired`).
    #[payable]
    pub fn activate_license(&mut self, license_id: U256) -> Result<(), Error> {
        let sender = self.vm().msg_sender();
        let value = self.vm().msg_value();
        let l = self.licenses.getter(license_id);
        let licensee = l.licensee.get();
        if licensee.is_zero() {
            return Err(UnknownLicense { licenseId: license_id }.into());
        }
        if sender != licensee {
            return Err(Unauthorized { caller: sender }.into());
        }
        if l.active.get() {
            return Err(LicenseAlreadyActive { licenseId: license_id }.into());
        }
        let expires = l.expires.get().to::<u64>();
        if atelier_common::clock::now(self.vm()) >= expires {
            return Err(LicenseExpired { licenseId: license_id, expiredAt: U256::from(expires) }.into());
        }
        let fee = U256::from(l.fee.get());
        if value != fee {
            return Err(WrongPayment { expected: fee, sent: value }.into());
        }
        let artwork_id = U256::from(l.artwork_id.get());
        self.steward_of(artwork_id)?;
        let mut l = self.licenses.setter(license_id);
        l.active.set(true);
        if !fee.is_zero() {
            let treasury = self.treasury.get();
            self.vm()
                .transfer_eth(treasury, fee)
                .map_err(|_| EthTransferFailed { to: treasury, amount: fee })?;
        }
        atelier_common::emit!(
            self.vm(),
            LicenseActivated,
            3,
            [license_id, licensee, fee],
        );
        Ok(())
    }
}

impl ArtGovernor {
    /// `NotInitialized` until `initialize` ran.
    fn require_wired(&self) -> Result<(), Error> {
        if self.token.get().is_zero() {
            return Err(NotInitialized {}.into());
        }
        Ok(())
    }
}
