// SPDX-License-Identifier: MIT
// A minimal ERC-721 collection for the dev chain's tests: the EVM side of the
// "collection calls the vault's onERC721Received" case. Compiled to TestCollection.bin
// (runtime + constructor) with solc 0.8.28 (npm `solc`, soljson), from devnet/tests/programs:
//   npx -p solc@0.8.28 solcjs --bin --optimize --optimize-runs 200 TestCollection.sol
//   mv TestCollection_sol_TestCollection.bin TestCollection.bin
pragma solidity 0.8.28;

interface IERC721Receiver {
    function onERC721Received(address operator, address from, uint256 tokenId, bytes calldata data)
        external
        returns (bytes4);
}

contract TestCollection {
    event Transfer(address indexed from, address indexed to, uint256 indexed tokenId);
    event Approval(address indexed owner, address indexed approved, uint256 indexed tokenId);
    event ApprovalForAll(address indexed owner, address indexed operator, bool approved);

    error NotOwnerNorApproved();
    error UnknownToken(uint256 tokenId);
    error NotAReceiver(address to);

    mapping(uint256 => address) private owners;
    mapping(address => uint256) private balances;
    mapping(uint256 => address) private approvals;
    mapping(address => mapping(address => bool)) private operators;

    function name() external pure returns (string memory) {
        return "Test Collection";
    }

    function symbol() external pure returns (string memory) {
        return "TEST";
    }

    function supportsInterface(bytes4 id) external pure returns (bool) {
        return id == 0x80ac58cd || id == 0x01ffc9a7;
    }

    function mint(address to, uint256 tokenId) external {
        require(owners[tokenId] == address(0), "minted");
        owners[tokenId] = to;
        balances[to] += 1;
        emit Transfer(address(0), to, tokenId);
    }

    function ownerOf(uint256 tokenId) public view returns (address owner) {
        owner = owners[tokenId];
        if (owner == address(0)) revert UnknownToken(tokenId);
    }

    function balanceOf(address owner) external view returns (uint256) {
        return balances[owner];
    }

    function approve(address to, uint256 tokenId) external {
        address owner = ownerOf(tokenId);
        if (msg.sender != owner && !operators[owner][msg.sender]) revert NotOwnerNorApproved();
        approvals[tokenId] = to;
        emit Approval(owner, to, tokenId);
    }

    function getApproved(uint256 tokenId) external view returns (address) {
        ownerOf(tokenId);
        return approvals[tokenId];
    }

    function setApprovalForAll(address operator, bool approved) external {
        operators[msg.sender][operator] = approved;
        emit ApprovalForAll(msg.sender, operator, approved);
    }

    function isApprovedForAll(address owner, address operator) external view returns (bool) {
        return operators[owner][operator];
    }

    function transferFrom(address from, address to, uint256 tokenId) public {
        address owner = ownerOf(tokenId);
        if (owner != from) revert NotOwnerNorApproved();
        if (msg.sender != owner && approvals[tokenId] != msg.sender && !operators[owner][msg.sender]) {
            revert NotOwnerNorApproved();
        }
        delete approvals[tokenId];
        owners[tokenId] = to;
        balances[from] -= 1;
        balances[to] += 1;
        emit Transfer(from, to, tokenId);
    }

    function safeTransferFrom(address from, address to, uint256 tokenId) external {
        safeTransferFrom(from, to, tokenId, "");
    }

    function safeTransferFrom(address from, address to, uint256 tokenId, bytes memory data) public {
        transferFrom(from, to, tokenId);
        if (to.code.length > 0) {
            try IERC721Receiver(to).onERC721Received(msg.sender, from, tokenId, data) returns (bytes4 ret) {
                if (ret != IERC721Receiver.onERC721Received.selector) revert NotAReceiver(to);
            } catch (bytes memory reason) {
                if (reason.length == 0) revert NotAReceiver(to);
                assembly {
                    revert(add(reason, 32), mload(reason))
                }
            }
        }
    }
}
