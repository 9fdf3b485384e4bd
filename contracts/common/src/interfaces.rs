//! The Solidity interfaces through which the four contracts call each other.
//!
//! Only what a caller needs is declared here; each contract's full ABI is its
//! exported `abi/<Contract>.sol`. The call graph is a DAG (see README): nothing
//! calls back up the chain it came from, so Stylus' default reentrancy refusal
//! never trips on a legitimate path.
#![allow(clippy::too_many_arguments)] // sol_interface! mirrors the Solidity signatures.
use alloc::vec;
use stylus_sdk::prelude::sol_interface;

sol_interface! {
    /// FractionToken as seen by the vault, the treasury and the registry.
    interface IFractionToken {
        function mint(address to, uint256 amount) external;
        function burnFrom(address account, uint256 value) external;
        function transfer(address to, uint256 value) external returns (bool);
        function transferFrom(address from, address to, uint256 value) external returns (bool);
        function lockShares(address account, uint256 amount) external returns (uint256);
        function unlockShares(address account, uint256 amount) external returns (uint256);
        function lockedBalanceOf(address account) external view returns (uint256);
        function balanceOf(address account) external view returns (uint256);
        function totalSupply() external view returns (uint256);
        function spotPrice() external view returns (uint256);
        function param(uint8 key) external view returns (uint256);
        function getPastVotes(address account, uint256 timepoint) external view returns (uint256);
        function getPastTotalSupply(uint256 timepoint) external view returns (uint256);
        function getPastVotesAndSupply(address account, uint256 timepoint) external view returns (uint256, uint256);
        function setParam(uint8 key, uint256 value) external;
    }

    /// CurationRegistry as seen by the vault and the treasury.
    interface ICurationRegistry {
        function registerSeed(bytes32 seed, bytes32 model_id, bytes32 prompt_hash, string calldata uri, uint256 initial_stake) external returns (uint256);
        function notifyReward() external payable;
        function setParam(uint8 key, uint256 value) external;
    }

    /// Treasury as seen by the vault (governance) and the sale (its floor).
    interface ITreasury {
        function currentBid() external view returns (uint256);
        function saleFloor() external view returns (uint256, uint256);
        function withdrawReserve(address to, uint256 amount) external;
        function setParam(uint8 key, uint256 value) external;
    }

    /// ArtVault as seen by the treasury (autonomous acquisitions).
    interface IArtVault {
        function recordAcquisition(address collection, uint256 token_id, bytes32 seed, bytes32 model_id, bytes32 prompt_hash, address artist, string calldata uri) external returns (uint256);
    }

    /// The part of ERC-721 the vault and the treasury use on artwork collections.
    interface IErc721Collection {
        function ownerOf(uint256 token_id) external view returns (address);
        function transferFrom(address from, address to, uint256 token_id) external;
        function safeTransferFrom(address from, address to, uint256 token_id) external;
    }
}
