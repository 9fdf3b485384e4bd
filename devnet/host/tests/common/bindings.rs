//! Solidity bindings generated from the committed JSON ABIs (`abi/*.json`), so every
//! call the suites and the gas report make goes through the exported interfaces.
#![allow(missing_docs, clippy::too_many_arguments)]
use alloy_sol_types::sol;

sol!(
    #![sol(all_derives)]
    FractionToken,
    "../../abi/FractionToken.json"
);
sol!(
    #![sol(all_derives)]
    CurationRegistry,
    "../../abi/CurationRegistry.json"
);
sol!(
    #![sol(all_derives)]
    Treasury,
    "../../abi/Treasury.json"
);
sol!(
    #![sol(all_derives)]
    ArtVault,
    "../../abi/ArtVault.json"
);
sol!(
    #![sol(all_derives)]
    ArtGovernor,
    "../../abi/ArtGovernor.json"
);

sol! {
    #![sol(all_derives)]

    /// The outside ERC-721 collection the artworks come from (a native mock in the
    /// World; `tests/testkit`'s `ArtCollection` under motsu).
    interface ArtCollection {
        function mint(address to, uint256 tokenId) external;
        function ownerOf(uint256 tokenId) external view returns (address);
        function balanceOf(address owner) external view returns (uint256);
        function approve(address to, uint256 tokenId) external;
        function getApproved(uint256 tokenId) external view returns (address);
        function setApprovalForAll(address operator, bool approved) external;
        function isApprovedForAll(address owner, address operator) external view returns (bool);
        function transferFrom(address from, address to, uint256 tokenId) external;
        function safeTransferFrom(address from, address to, uint256 tokenId) external;
        function safeTransferFrom(address from, address to, uint256 tokenId, bytes data) external;
        function supportsInterface(bytes4 interfaceId) external view returns (bool);

        event Transfer(address indexed from, address indexed to, uint256 indexed tokenId);
        event Approval(address indexed owner, address indexed approved, uint256 indexed tokenId);
        event ApprovalForAll(address indexed owner, address indexed operator, bool approved);

        error ERC721NonexistentToken(uint256 tokenId);
        error ERC721IncorrectOwner(address sender, uint256 tokenId, address owner);
        error ERC721InsufficientApproval(address operator, uint256 tokenId);
        error ERC721InvalidReceiver(address receiver);
        error ERC721InvalidSender(address sender);
        error ERC721InvalidApprover(address approver);
        error ERC721InvalidOperator(address operator);
        error ERC721InvalidOwner(address owner);
    }

    /// What an ERC-721 receiver implements.
    interface IERC721Receiver {
        function onERC721Received(address operator, address from, uint256 tokenId, bytes data) external returns (bytes4);
    }
}
