//! The vault's events and errors, declared once: the Rust types and the exported
//! ABI come from the same text (`abi_items!`), and the contract's `Error` enum.
use atelier_common::errors::{
    AlreadyInitialized, ExternalCallFailed, MathOverflow, NotInitialized, ParamOutOfBounds,
    Unauthorized, UnknownParam, ZeroAddress,
};

atelier_common::abi_items! {
    /// Wiring done by the admin (once); the admin role is cleared.
    #[derive(Debug)]
    event Initialized(address token, address registry, address treasury, address governor, address genesisCurator);
    /// The genesis curator closed the bootstrap phase (one way).
    #[derive(Debug)]
    event BootstrapEnded();
    /// The redemption fee (vault key REDEEM_FEE_BPS) changed, at `initialize` or by governance.
    #[derive(Debug)]
    event ParamSet(uint8 indexed key, uint256 value);
    /// Artwork `artworkId` entered custody; steward token `artworkId` was minted and
    /// `shares` shares were minted to `depositor`.
    #[derive(Debug)]
    event ArtworkDeposited(uint256 indexed artworkId, address indexed collection, uint256 tokenId, address indexed depositor, bytes32 seed, bytes32 modelId, bytes32 promptHash, address artist, string uri, uint256 shares);
    /// `redeemer` burned `sharesBurned` shares (the artwork's claim) plus `fee` shares (burned too) and took the artwork out.
    #[derive(Debug)]
    event ArtworkRedeemed(uint256 indexed artworkId, address indexed redeemer, uint256 sharesBurned, uint256 fee);
    /// Governance sent the artwork to `to` (`ReleaseArtwork`).
    #[derive(Debug)]
    event ArtworkReleased(uint256 indexed artworkId, address indexed to);
    /// `holder`, who voted against queued proposal `proposalId`, burned `sharesBurned` for `paid` wei of the reserve (`ArtGovernor.exit`).
    #[derive(Debug)]
    event MinorityExit(uint256 indexed proposalId, address indexed holder, uint256 sharesBurned, uint256 paid);
    /// Governance returned `collection`/`tokenId`, which reached the vault outside custody (a plain `transferFrom`), to `to`.
    #[derive(Debug)]
    event TokenRescued(address indexed collection, uint256 indexed tokenId, address indexed to);
    /// Governance approved depositing `collection`/`tokenId` by `depositor` for `shares` new shares.
    #[derive(Debug)]
    event ListingApproved(address indexed collection, uint256 indexed tokenId, address indexed depositor, uint256 shares);
    /// ERC-721 (steward tokens).
    #[derive(Debug)]
    event Transfer(address indexed from, address indexed to, uint256 indexed tokenId);
    /// ERC-721 (steward tokens).
    #[derive(Debug)]
    event Approval(address indexed owner, address indexed approved, uint256 indexed tokenId);
    /// ERC-721 (steward tokens).
    #[derive(Debug)]
    event ApprovalForAll(address indexed owner, address indexed operator, bool approved);

    /// The bootstrap phase is over (genesis deposits and `endBootstrap` refused).
    #[derive(Debug)]
    error BootstrapClosed();
    /// No deposit path accepts this token from `from` (not the curator in bootstrap,
    /// no approved listing for this depositor, or the listing was already used).
    #[derive(Debug)]
    error DepositRefused(address collection, uint256 tokenId, address from);
    /// This token is already an artwork in custody (so neither recorded again nor rescued).
    #[derive(Debug)]
    error AlreadyRecorded(address collection, uint256 tokenId);
    /// `recordAcquisition`: the vault does not own this token.
    #[derive(Debug)]
    error NotInCustody(address collection, uint256 tokenId);
    /// `onERC721Received` data is not `abi.encode(bytes32 seed, bytes32 modelId, bytes32 promptHash, address artist, string uri)`.
    #[derive(Debug)]
    error BadProvenance();
    /// No artwork `artworkId` is in custody.
    #[derive(Debug)]
    error UnknownArtwork(uint256 artworkId);
    /// The artwork was acquired without shares: only governance (`ReleaseArtwork`) takes it out.
    #[derive(Debug)]
    error NotRedeemable(uint256 artworkId);
    /// A proposal concerning the artwork can still execute (Succeeded or Queued): locked until `lockedUntil`.
    #[derive(Debug)]
    error ArtworkLocked(uint256 artworkId, uint256 lockedUntil);
    /// `executeAction` got a kind the vault does not carry out.
    #[derive(Debug)]
    error UnknownAction(uint8 kind);
    /// ERC-721 (steward tokens), OpenZeppelin's errors.
    #[derive(Debug)]
    error ERC721InvalidOwner(address owner);
    #[derive(Debug)]
    error ERC721NonexistentToken(uint256 tokenId);
    #[derive(Debug)]
    error ERC721IncorrectOwner(address sender, uint256 tokenId, address owner);
    #[derive(Debug)]
    error ERC721InvalidReceiver(address receiver);
    #[derive(Debug)]
    error ERC721InsufficientApproval(address operator, uint256 tokenId);
    #[derive(Debug)]
    error ERC721InvalidApprover(address approver);
    #[derive(Debug)]
    error ERC721InvalidOperator(address operator);
}

atelier_common::contract_errors! {
/// Every way a vault call can fail (and `Callee`: a called contract's own error).
pub enum Error with Callee {
    Unauthorized(Unauthorized) { caller },
    AlreadyInitialized(AlreadyInitialized) {},
    NotInitialized(NotInitialized) {},
    ZeroAddress(ZeroAddress) {},
    UnknownParam(UnknownParam) { key },
    ParamOutOfBounds(ParamOutOfBounds) { key, value, min, max },
    MathOverflow(MathOverflow) {},
    ExternalCallFailed(ExternalCallFailed) { target },
    BootstrapClosed(BootstrapClosed) {},
    DepositRefused(DepositRefused) { collection, tokenId, from },
    AlreadyRecorded(AlreadyRecorded) { collection, tokenId },
    NotInCustody(NotInCustody) { collection, tokenId },
    BadProvenance(BadProvenance) {},
    UnknownArtwork(UnknownArtwork) { artworkId },
    NotRedeemable(NotRedeemable) { artworkId },
    ArtworkLocked(ArtworkLocked) { artworkId, lockedUntil },
    UnknownAction(UnknownAction) { kind },
    InvalidOwner(ERC721InvalidOwner) { owner },
    NonexistentToken(ERC721NonexistentToken) { tokenId },
    IncorrectOwner(ERC721IncorrectOwner) { sender, tokenId, owner },
    InsufficientApproval(ERC721InsufficientApproval) { operator, tokenId },
    InvalidReceiver(ERC721InvalidReceiver) { receiver },
    InvalidApprover(ERC721InvalidApprover) { approver },
    InvalidOperator(ERC721InvalidOperator) { operator },
}
}
