//! The governor's events and errors, declared once: the Rust types and the
//! exported ABI come from the same text (`abi_items!`), and the `Error` enum.
use atelier_common::errors::{
    revert_data,
    AlreadyInitialized, EthTransferFailed, ExternalCallFailed, NotInitialized, ParamOutOfBounds,
    Unauthorized, UnknownParam, ZeroAddress,
};
use alloc::vec::Vec;
use alloy_primitives::{B256, U256};
use alloy_sol_types::SolError;

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

/// Every way a governor call can fail.
#[derive(Debug)]
pub enum Error {
    Unauthorized(Unauthorized),
    AlreadyInitialized(AlreadyInitialized),
    NotInitialized(NotInitialized),
    ZeroAddress(ZeroAddress),
    UnknownParam(UnknownParam),
    ParamOutOfBounds(ParamOutOfBounds),
    EthTransferFailed(EthTransferFailed),
    ExternalCallFailed(ExternalCallFailed),
    /// The vault's own revert data (its error, or one it passed through).
    Callee(Vec<u8>),
    UnknownArtwork(UnknownArtwork),
    BadActionCount(BadActionCount),
    MalformedAction(MalformedAction),
    InsufficientProposerVotes(InsufficientProposerVotes),
    ProposalExists(ProposalExists),
    UnknownProposal(UnknownProposal),
    UnexpectedProposalState(UnexpectedProposalState),
    InvalidVoteType(InvalidVoteType),
    AlreadyVoted(AlreadyVoted),
    NotSteward(NotSteward),
    AlreadyVetoed(AlreadyVetoed),
    VetoWindowClosed(VetoWindowClosed),
    TimelockActive(TimelockActive),
    ExitNotAllowed(ExitNotAllowed),
    UnknownLicense(UnknownLicense),
    LicenseAlreadyActive(LicenseAlreadyActive),
    LicenseExpired(LicenseExpired),
    WrongPayment(WrongPayment),
}

impl From<Unauthorized> for Error {
    fn from(e: Unauthorized) -> Self {
        Error::Unauthorized(e)
    }
}

impl From<AlreadyInitialized> for Error {
    fn from(e: AlreadyInitialized) -> Self {
        Error::AlreadyInitialized(e)
    }
}

impl From<NotInitialized> for Error {
    fn from(e: NotInitialized) -> Self {
        Error::NotInitialized(e)
    }
}

impl From<ZeroAddress> for Error {
    fn from(e: ZeroAddress) -> Self {
        Error::ZeroAddress(e)
    }
}

impl From<UnknownParam> for Error {
    fn from(e: UnknownParam) -> Self {
        Error::UnknownParam(e)
    }
}

impl From<ParamOutOfBounds> for Error {
    fn from(e: ParamOutOfBounds) -> Self {
        Error::ParamOutOfBounds(e)
    }
}

impl From<EthTransferFailed> for Error {
    fn from(e: EthTransferFailed) -> Self {
        Error::EthTransferFailed(e)
    }
}

impl From<ExternalCallFailed> for Error {
    fn from(e: ExternalCallFailed) -> Self {
        Error::ExternalCallFailed(e)
    }
}

impl From<UnknownArtwork> for Error {
    fn from(e: UnknownArtwork) -> Self {
        Error::UnknownArtwork(e)
    }
}

impl From<BadActionCount> for Error {
    fn from(e: BadActionCount) -> Self {
        Error::BadActionCount(e)
    }
}

impl From<MalformedAction> for Error {
    fn from(e: MalformedAction) -> Self {
        Error::MalformedAction(e)
    }
}

impl From<InsufficientProposerVotes> for Error {
    fn from(e: InsufficientProposerVotes) -> Self {
        Error::InsufficientProposerVotes(e)
    }
}

impl From<ProposalExists> for Error {
    fn from(e: ProposalExists) -> Self {
        Error::ProposalExists(e)
    }
}

impl From<UnknownProposal> for Error {
    fn from(e: UnknownProposal) -> Self {
        Error::UnknownProposal(e)
    }
}

impl From<UnexpectedProposalState> for Error {
    fn from(e: UnexpectedProposalState) -> Self {
        Error::UnexpectedProposalState(e)
    }
}

impl From<InvalidVoteType> for Error {
    fn from(e: InvalidVoteType) -> Self {
        Error::InvalidVoteType(e)
    }
}

impl From<AlreadyVoted> for Error {
    fn from(e: AlreadyVoted) -> Self {
        Error::AlreadyVoted(e)
    }
}

impl From<NotSteward> for Error {
    fn from(e: NotSteward) -> Self {
        Error::NotSteward(e)
    }
}

impl From<AlreadyVetoed> for Error {
    fn from(e: AlreadyVetoed) -> Self {
        Error::AlreadyVetoed(e)
    }
}

impl From<ExitNotAllowed> for Error {
    fn from(e: ExitNotAllowed) -> Self {
        Error::ExitNotAllowed(e)
    }
}

impl From<VetoWindowClosed> for Error {
    fn from(e: VetoWindowClosed) -> Self {
        Error::VetoWindowClosed(e)
    }
}

impl From<TimelockActive> for Error {
    fn from(e: TimelockActive) -> Self {
        Error::TimelockActive(e)
    }
}

impl From<UnknownLicense> for Error {
    fn from(e: UnknownLicense) -> Self {
        Error::UnknownLicense(e)
    }
}

impl From<LicenseAlreadyActive> for Error {
    fn from(e: LicenseAlreadyActive) -> Self {
        Error::LicenseAlreadyActive(e)
    }
}

impl From<LicenseExpired> for Error {
    fn from(e: LicenseExpired) -> Self {
        Error::LicenseExpired(e)
    }
}

impl From<WrongPayment> for Error {
    fn from(e: WrongPayment) -> Self {
        Error::WrongPayment(e)
    }
}

/// What `#[derive(SolidityError)]` generates, but every error (all static) goes
/// through one encoder: ~1 KB less WASM than one `SolError::abi_encode` per error.
impl From<Error> for Vec<u8> {
    fn from(err: Error) -> Vec<u8> {
        match err {
            Error::Unauthorized(e) => revert_data(Unauthorized::SELECTOR, &[e.caller.into_word()]),
            Error::AlreadyInitialized(_) => revert_data(AlreadyInitialized::SELECTOR, &[]),
            Error::NotInitialized(_) => revert_data(NotInitialized::SELECTOR, &[]),
            Error::ZeroAddress(_) => revert_data(ZeroAddress::SELECTOR, &[]),
            Error::UnknownParam(e) => revert_data(UnknownParam::SELECTOR, &[B256::from(U256::from(e.key))]),
            Error::ParamOutOfBounds(e) => revert_data(ParamOutOfBounds::SELECTOR, &[B256::from(U256::from(e.key)), B256::from(e.value), B256::from(e.min), B256::from(e.max)]),
            Error::EthTransferFailed(e) => revert_data(EthTransferFailed::SELECTOR, &[e.to.into_word(), B256::from(e.amount)]),
            Error::ExternalCallFailed(e) => revert_data(ExternalCallFailed::SELECTOR, &[e.target.into_word()]),
            Error::Callee(data) => data,
            Error::UnknownArtwork(e) => revert_data(UnknownArtwork::SELECTOR, &[B256::from(e.artworkId)]),
            Error::BadActionCount(e) => revert_data(BadActionCount::SELECTOR, &[B256::from(e.count)]),
            Error::MalformedAction(e) => revert_data(MalformedAction::SELECTOR, &[B256::from(e.index)]),
            Error::InsufficientProposerVotes(e) => revert_data(InsufficientProposerVotes::SELECTOR, &[e.proposer.into_word(), B256::from(e.votes), B256::from(e.threshold)]),
            Error::ProposalExists(e) => revert_data(ProposalExists::SELECTOR, &[B256::from(e.proposalId)]),
            Error::UnknownProposal(e) => revert_data(UnknownProposal::SELECTOR, &[B256::from(e.proposalId)]),
            Error::UnexpectedProposalState(e) => revert_data(UnexpectedProposalState::SELECTOR, &[B256::from(e.proposalId), B256::from(U256::from(e.state))]),
            Error::InvalidVoteType(e) => revert_data(InvalidVoteType::SELECTOR, &[B256::from(U256::from(e.support))]),
            Error::AlreadyVoted(e) => revert_data(AlreadyVoted::SELECTOR, &[B256::from(e.proposalId), e.voter.into_word()]),
            Error::NotSteward(e) => revert_data(NotSteward::SELECTOR, &[e.caller.into_word(), B256::from(e.stewardTokenId)]),
            Error::AlreadyVetoed(e) => revert_data(AlreadyVetoed::SELECTOR, &[B256::from(e.proposalId), B256::from(e.stewardTokenId)]),
            Error::ExitNotAllowed(e) => revert_data(ExitNotAllowed::SELECTOR, &[B256::from(e.proposalId), e.holder.into_word(), B256::from(e.allowance)]),
            Error::VetoWindowClosed(e) => revert_data(VetoWindowClosed::SELECTOR, &[B256::from(e.proposalId), B256::from(e.eta)]),
            Error::TimelockActive(e) => revert_data(TimelockActive::SELECTOR, &[B256::from(e.proposalId), B256::from(e.eta)]),
            Error::UnknownLicense(e) => revert_data(UnknownLicense::SELECTOR, &[B256::from(e.licenseId)]),
            Error::LicenseAlreadyActive(e) => revert_data(LicenseAlreadyActive::SELECTOR, &[B256::from(e.licenseId)]),
            Error::LicenseExpired(e) => revert_data(LicenseExpired::SELECTOR, &[B256::from(e.licenseId), B256::from(e.expiredAt)]),
            Error::WrongPayment(e) => revert_data(WrongPayment::SELECTOR, &[B256::from(e.expected), B256::from(e.sent)]),
        }
    }
}

/// The errors `export-abi` prints, as `#[derive(SolidityError)]` lists them.
#[cfg(feature = "export-abi")]
impl stylus_sdk::abi::export::internal::InnerTypes for Error {
    fn inner_types() -> Vec<stylus_sdk::abi::export::internal::InnerType> {
        use alloc::format;
        use core::any::TypeId;
        use stylus_sdk::abi::export::internal::InnerType;
        alloc::vec![
            InnerType { name: format!("error {};", <Unauthorized as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<Unauthorized>() },
            InnerType { name: format!("error {};", <AlreadyInitialized as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<AlreadyInitialized>() },
            InnerType { name: format!("error {};", <NotInitialized as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<NotInitialized>() },
            InnerType { name: format!("error {};", <ZeroAddress as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<ZeroAddress>() },
            InnerType { name: format!("error {};", <UnknownParam as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<UnknownParam>() },
            InnerType { name: format!("error {};", <ParamOutOfBounds as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<ParamOutOfBounds>() },
            InnerType { name: format!("error {};", <EthTransferFailed as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<EthTransferFailed>() },
            InnerType { name: format!("error {};", <ExternalCallFailed as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<ExternalCallFailed>() },
            InnerType { name: format!("error {};", <UnknownArtwork as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<UnknownArtwork>() },
            InnerType { name: format!("error {};", <BadActionCount as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<BadActionCount>() },
            InnerType { name: format!("error {};", <MalformedAction as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<MalformedAction>() },
            InnerType { name: format!("error {};", <InsufficientProposerVotes as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<InsufficientProposerVotes>() },
            InnerType { name: format!("error {};", <ProposalExists as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<ProposalExists>() },
            InnerType { name: format!("error {};", <UnknownProposal as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<UnknownProposal>() },
            InnerType { name: format!("error {};", <UnexpectedProposalState as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<UnexpectedProposalState>() },
            InnerType { name: format!("error {};", <InvalidVoteType as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<InvalidVoteType>() },
            InnerType { name: format!("error {};", <AlreadyVoted as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<AlreadyVoted>() },
            InnerType { name: format!("error {};", <NotSteward as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<NotSteward>() },
            InnerType { name: format!("error {};", <AlreadyVetoed as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<AlreadyVetoed>() },
            InnerType { name: format!("error {};", <ExitNotAllowed as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<ExitNotAllowed>() },
            InnerType { name: format!("error {};", <VetoWindowClosed as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<VetoWindowClosed>() },
            InnerType { name: format!("error {};", <TimelockActive as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<TimelockActive>() },
            InnerType { name: format!("error {};", <UnknownLicense as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<UnknownLicense>() },
            InnerType { name: format!("error {};", <LicenseAlreadyActive as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<LicenseAlreadyActive>() },
            InnerType { name: format!("error {};", <LicenseExpired as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<LicenseExpired>() },
            InnerType { name: format!("error {};", <WrongPayment as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<WrongPayment>() },
        ]
    }
}
