//! Test-only contracts that stand in for the outside world: an ERC-721 collection of artworks
//! and a wallet. motsu cannot send ETH to an address without code, so every person
//! in the stories is a wallet contract that accepts ETH.
extern crate alloc;

use alloc::vec::Vec;

use alloy_primitives::{Address, U256};
use stylus_sdk::abi::Bytes;
use openzeppelin_stylus::token::erc721::{self, Erc721, IErc721};
use stylus_sdk::prelude::*;

/// A plain ERC-721 collection whose tokens anyone may mint (test only).
#[storage]
pub struct ArtCollection {
    erc721: Erc721,
}

unsafe impl TopLevelStorage for ArtCollection {}

#[public]
impl ArtCollection {
    pub fn mint(&mut self, to: Address, token_id: U256) -> Result<(), erc721::Error> {
        self.erc721._mint(to, token_id)
    }

    pub fn owner_of(&self, token_id: U256) -> Result<Address, erc721::Error> {
        self.erc721.owner_of(token_id)
    }

    pub fn approve(&mut self, to: Address, token_id: U256) -> Result<(), erc721::Error> {
        self.erc721.approve(to, token_id)
    }

    pub fn set_approval_for_all(&mut self, operator: Address, approved: bool) -> Result<(), erc721::Error> {
        self.erc721.set_approval_for_all(operator, approved)
    }

    pub fn transfer_from(&mut self, from: Address, to: Address, token_id: U256) -> Result<(), erc721::Error> {
        self.erc721.transfer_from(from, to, token_id)
    }

    pub fn safe_transfer_from(&mut self, from: Address, to: Address, token_id: U256) -> Result<(), erc721::Error> {
        self.erc721.safe_transfer_from(from, to, token_id)
    }

    #[selector(name = "safeTransferFrom")]
    pub fn safe_transfer_from_with_data(
        &mut self,
        from: Address,
        to: Address,
        token_id: U256,
        data: Bytes,
    ) -> Result<(), erc721::Error> {
        self.erc721.safe_transfer_from_with_data(from, to, token_id, data)
    }
}

/// A person's wallet: receives ETH and ERC-721 tokens.
#[storage]
pub struct Wallet;

unsafe impl TopLevelStorage for Wallet {}

#[public]
impl Wallet {
    #[receive]
    pub fn receive(&mut self) -> Result<(), Vec<u8>> {
        Ok(())
    }

    #[selector(name = "onERC721Received")]
    pub fn on_erc721_received(
        &mut self,
        _operator: Address,
        _from: Address,
        _token_id: U256,
        _data: Bytes,
    ) -> alloy_primitives::FixedBytes<4> {
        erc721::RECEIVER_FN_SELECTOR
    }
}

/// A broken or malicious collection: `transferFrom` succeeds without moving
/// anything, and `ownerOf` names nobody.
#[storage]
pub struct HollowCollection;

unsafe impl TopLevelStorage for HollowCollection {}

#[public]
impl HollowCollection {
    pub fn transfer_from(&mut self, _from: Address, _to: Address, _token_id: U256) {}

    pub fn owner_of(&self, _token_id: U256) -> Address {
        Address::ZERO
    }
}
