//! The governor's hand-written revert encoder (`abi.rs`) gives the same bytes as
//! alloy's `SolError::abi_encode`, which `#[derive(SolidityError)]` used.
use alloy_primitives::{Address, U256};
use alloy_sol_types::SolError;
use atelier_common::errors::*;

use crate::*;

fn same<E: SolError + Into<Error>>(e: E) {
    atelier_common::testing::assert_encodes_as_alloy::<Error, E>(e);
}

#[test]
fn every_error_encodes_as_alloy_does() {
    same(Unauthorized { caller: Address::repeat_byte(1) });
    same(AlreadyInitialized {});
    same(NotInitialized {});
    same(ZeroAddress {});
    same(UnknownParam { key: 200 });
    same(ParamOutOfBounds { key: 200, value: U256::MAX - U256::from(1), min: U256::MAX - U256::from(2), max: U256::MAX - U256::from(3) });
    same(EthTransferFailed { to: Address::repeat_byte(1), amount: U256::MAX - U256::from(1) });
    same(ExternalCallFailed { target: Address::repeat_byte(1) });
    same(UnknownArtwork { artworkId: U256::MAX - U256::from(0) });
    same(BadActionCount { count: U256::MAX - U256::from(0) });
    same(MalformedAction { index: U256::MAX - U256::from(0) });
    same(InsufficientProposerVotes { proposer: Address::repeat_byte(1), votes: U256::MAX - U256::from(1), threshold: U256::MAX - U256::from(2) });
    same(ProposalExists { proposalId: U256::MAX - U256::from(0) });
    same(UnknownProposal { proposalId: U256::MAX - U256::from(0) });
    same(UnexpectedProposalState { proposalId: U256::MAX - U256::from(0), state: 201 });
    same(InvalidVoteType { support: 200 });
    same(AlreadyVoted { proposalId: U256::MAX - U256::from(0), voter: Address::repeat_byte(2) });
    same(NotSteward { caller: Address::repeat_byte(1), stewardTokenId: U256::MAX - U256::from(1) });
    same(AlreadyVetoed { proposalId: U256::MAX - U256::from(0), stewardTokenId: U256::MAX - U256::from(1) });
    same(VetoWindowClosed { proposalId: U256::MAX - U256::from(0), eta: U256::MAX - U256::from(1) });
    same(TimelockActive { proposalId: U256::MAX - U256::from(0), eta: U256::MAX - U256::from(1) });
    same(UnknownLicense { licenseId: U256::MAX - U256::from(0) });
    same(LicenseAlreadyActive { licenseId: U256::MAX - U256::from(0) });
    same(LicenseExpired { licenseId: U256::MAX - U256::from(0), expiredAt: U256::MAX - U256::from(1) });
    same(WrongPayment { expected: U256::MAX - U256::from(0), sent: U256::MAX - U256::from(1) });
}
