//! Minority exit (Moloch's ragequit, for the two decisions a majority could use
//! to take what the minority owns): while a queued proposal that withdraws
//! reserve ETH or releases an artwork sits in its timelock, a holder who voted
//! Against it may burn up to its vote weight of its own shares for their
//! pro-rata part of the treasury's reserve, `reserve * shares / totalSupply`,
//! before the majority's decision can execute. The vault carries it out (it
//! burns the shares and has the treasury pay). O(1): the vote record keeps the
//! weight left to exit with.
use alloy_primitives::{Address, U256};
use atelier_common::clock;
use stylus_sdk::prelude::*;

use crate::{types::state, ArtGovernor, Error, ExitNotAllowed, UnexpectedProposalState, VetoWindowClosed};

/// `ArtVault.executeAction` kind for an exit (never proposable).
pub const MINORITY_EXIT: u8 = 8;

impl ArtGovernor {
    pub(crate) fn exit_minority(&mut self, proposal_id: U256, shares: U256) -> Result<(), Error> {
        let holder = self.vm().msg_sender();
        let current = self.proposal_state(proposal_id)?;
        if current != state::QUEUED {
            return Err(UnexpectedProposalState { proposalId: proposal_id, state: current }.into());
        }
        let r = self.proposals.getter(proposal_id).record();
        let eta = r.eta;
        if clock::now(self.vm()) >= eta {
            return Err(VetoWindowClosed { proposalId: proposal_id, eta: U256::from(eta) }.into());
        }
        let record = self.voted.getter(proposal_id).get(holder);
        // Against is support 0, recorded as 1 in the low byte.
        let allowance = if r.has(crate::types::flag::EXITABLE) && record.byte(0) == 1 { record >> 8 } else { U256::ZERO };
        if shares.is_zero() || shares > allowance {
            return Err(ExitNotAllowed { proposalId: proposal_id, holder, allowance }.into());
        }
        self.voted.setter(proposal_id).insert(holder, ((allowance - shares) << 8) | U256::from(1));
        self.vault_action(MINORITY_EXIT, Address::ZERO, holder, proposal_id, shares)
    }
}
