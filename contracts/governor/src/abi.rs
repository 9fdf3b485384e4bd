//! The governor's events and errors, declared once: the Rust types and the
//! exported ABI come from the same text (`abi_items!`), and the `Error` enum.
use atelier_common::errors::{
    AlreadyInitialized, EthTransferFailed, ExternalCallFailed, NotInitialized, ParamOutOfBounds,
    Unauthorized, UnknownParam, ZeroAddress,
};

atelier_common::abi_items! {
    /// Wiring done by the admin (once); the admin role is cleared.
    #[derive(Debug)]
    event Initialized(address vault, address token, address registry, address treasury);
    /// A governance parameter (a vault key kept by the governor) changed.
    #[derive(Debug)]
    event ParamSet(uint8 indexed key, uint256 value);
    /// A proposal was created. `actions` are the typed actions
    /// `(kind, target, account, id, amount, h1, h2, uri)`: execute needs the same list.
    #[derive(Debug)]
    event ProposalCreated(uint256 proposalId, address proposer, (uint8, address, address, uint256, uint256, bytes32, bytes32, string)[] actions, uint256 voteStart, uint256 voteEnd, string description);
    /// A vote (0 against, 1 for, 2 abstain) with the voter's weight at the snapshot.
    #[derive(Debug)]
    event VoteCast(address indexed voter, uint256 proposalId, uint8 support, uint256 weight, string reason);
    /// The proposal succeeded and is timelocked until `etaSeconds` (the steward veto window).
    #[derive(Debug)]
    event ProposalQueued(uint256 proposalId, uint256 etaSeconds);
    /// The proposal's actions were executed.
    #[derive(Debug)]
    event ProposalExecuted(uint256 proposalId);
    /// Quorum was first reached within the last `voteExtension` seconds of voting:
    /// voting now ends at `newVoteEnd` (once per proposal).
    #[derive(Debug)]
    event ProposalExtended(uint256 indexed proposalId, uint256 newVoteEnd);
    /// The proposer withdrew the proposal.
    #[derive(Debug)]
    event ProposalCanceled(uint256 proposalId);
    /// Steward tokens holding more than half of the steward tokens live at queue vetoed the proposal.
    #[derive(Debug)]
    event ProposalVetoed(uint256 proposalId);
    /// Steward token `stewardTokenId` vetoed the proposal.
    #[derive(Debug)]
    event VetoCast(uint256 indexed proposalId, uint256 indexed stewardTokenId, address indexed steward);
    /// The curatorial direction for the next generation (`SetCreativeDirection`).
    #[derive(Debug)]
    event CreativeDirectionSet(bytes32 indexed modelId, bytes32 promptHash, string uri);
    /// `grantee` may display the artwork until `until` (inclusive, unix seconds).
    #[derive(Debug)]
    event ExhibitionGranted(uint256 indexed artworkId, address indexed grantee, uint256 until);
    /// Governance approved a derivative license; the licensee activates it by paying `fee`.
    #[derive(Debug)]
    event LicenseApproved(uint256 indexed licenseId, uint256 indexed artworkId, address indexed licensee, bytes32 termsHash, uint256 fee);
    /// The licensee paid the fee (forwarded to the treasury); the license is active.
    #[derive(Debug)]
    event LicenseActivated(uint256 indexed licenseId, address indexed licensee, uint256 fee);

    /// No artwork `artworkId` is in the vault's custody.
    #[derive(Debug)]
    error UnknownArtwork(uint256 artworkId);
    /// A proposal holds 1 to 4 actions.
    #[derive(Debug)]
    error BadActionCount(uint256 count);
    /// Action `index` has an unknown kind, a missing or stray field, or an invalid value.
    #[derive(Debug)]
    error MalformedAction(uint256 index);
    /// The proposer has fewer than `threshold` votes and is not the steward of every artwork the actions concern.
    #[derive(Debug)]
    error InsufficientProposerVotes(address proposer, uint256 votes, uint256 threshold);
    /// The same proposer already proposed the same actions and description.
    #[derive(Debug)]
    error ProposalExists(uint256 proposalId);
    /// No such proposal.
    #[derive(Debug)]
    error UnknownProposal(uint256 proposalId);
    /// The proposal is in `state` (see `state()`), which does not allow this.
    #[derive(Debug)]
    error UnexpectedProposalState(uint256 proposalId, uint8 state);
    /// `support` must be 0 (against), 1 (for) or 2 (abstain).
    #[derive(Debug)]
    error InvalidVoteType(uint8 support);
    /// One vote per account and proposal.
    #[derive(Debug)]
    error AlreadyVoted(uint256 proposalId, address voter);
    /// `caller` does not own steward token `stewardTokenId`.
    #[derive(Debug)]
    error NotSteward(address caller, uint256 stewardTokenId);
    /// One veto per steward token and proposal.
    #[derive(Debug)]
    error AlreadyVetoed(uint256 proposalId, uint256 stewardTokenId);
    /// The timelock (veto window) ended at `eta`.
    #[derive(Debug)]
    error VetoWindowClosed(uint256 proposalId, uint256 eta);
    /// The timelock runs until `eta`.
    #[derive(Debug)]
    error TimelockActive(uint256 proposalId, uint256 eta);
    /// `holder` may exit with at most `allowance` shares on this proposal: only a
    /// holder who voted Against a reserve-spending or artwork-releasing proposal,
    /// up to its vote weight, once in total.
    #[derive(Debug)]
    error ExitNotAllowed(uint256 proposalId, address holder, uint256 allowance);
    /// No such license.
    #[derive(Debug)]
    error UnknownLicense(uint256 licenseId);
    /// The license was already activated.
    #[derive(Debug)]
    error LicenseAlreadyActive(uint256 licenseId);
    /// The approval lapsed: activation was due before `expiredAt` (approval + grace period).
    #[derive(Debug)]
    error LicenseExpired(uint256 licenseId, uint256 expiredAt);
    /// `activateLicense` must pay exactly the fee.
    #[derive(Debug)]
    error WrongPayment(uint256 expected, uint256 sent);
}

atelier_common::contract_errors! {
/// Every way a governor call can fail (and `Callee`: the vault's own revert
/// data, its error or one it passed through).
pub enum Error with Callee {
    Unauthorized(Unauthorized) { caller },
    AlreadyInitialized(AlreadyInitialized) {},
    NotInitialized(NotInitialized) {},
    ZeroAddress(ZeroAddress) {},
    UnknownParam(UnknownParam) { key },
    ParamOutOfBounds(ParamOutOfBounds) { key, value, min, max },
    EthTransferFailed(EthTransferFailed) { to, amount },
    ExternalCallFailed(ExternalCallFailed) { target },
    UnknownArtwork(UnknownArtwork) { artworkId },
    BadActionCount(BadActionCount) { count },
    MalformedAction(MalformedAction) { index },
    InsufficientProposerVotes(InsufficientProposerVotes) { proposer, votes, threshold },
    ProposalExists(ProposalExists) { proposalId },
    UnknownProposal(UnknownProposal) { proposalId },
    UnexpectedProposalState(UnexpectedProposalState) { proposalId, state },
    InvalidVoteType(InvalidVoteType) { support },
    AlreadyVoted(AlreadyVoted) { proposalId, voter },
    NotSteward(NotSteward) { caller, stewardTokenId },
    AlreadyVetoed(AlreadyVetoed) { proposalId, stewardTokenId },
    VetoWindowClosed(VetoWindowClosed) { proposalId, eta },
    TimelockActive(TimelockActive) { proposalId, eta },
    ExitNotAllowed(ExitNotAllowed) { proposalId, holder, allowance },
    UnknownLicense(UnknownLicense) { licenseId },
    LicenseAlreadyActive(LicenseAlreadyActive) { licenseId },
    LicenseExpired(LicenseExpired) { licenseId, expiredAt },
    WrongPayment(WrongPayment) { expected, sent },
}
}
