//! Calls to the vault and the FractionToken, ABI-encoded by hand through two raw
//! helpers (one encoder/decoder for all, instead of one per interface method).
use alloc::vec::Vec;
use alloy_primitives::{Address, B256, U256};
use atelier_common::errors::ExternalCallFailed;
use stylus_sdk::{function_selector, prelude::*, stylus_core::calls::context::Call};

use crate::{ArtGovernor, Error, UnknownArtwork};

/// `IFractionToken.getPastVotes(address,uint256)`.
const GET_PAST_VOTES: [u8; 4] = function_selector!("getPastVotes", Address, U256);
/// `IFractionToken.getPastVotesAndSupply(address,uint256)`.
const GET_PAST_VOTES_AND_SUPPLY: [u8; 4] = function_selector!("getPastVotesAndSupply", Address, U256);
/// `IFractionToken.getPastTotalSupply(uint256)`.
const GET_PAST_TOTAL_SUPPLY: [u8; 4] = function_selector!("getPastTotalSupply", U256);
/// `IFractionToken.balanceOf(address)`.
const BALANCE_OF: [u8; 4] = function_selector!("balanceOf", Address);
/// `ArtVault.ownerOf(uint256)` (steward tokens).
const OWNER_OF: [u8; 4] = function_selector!("ownerOf", U256);
/// `ArtVault.liveStewards()`.
const LIVE_STEWARDS: [u8; 4] = function_selector!("liveStewards");
/// `ArtVault.executeAction(uint8,address,address,uint256,uint256)`.
const EXECUTE_ACTION: [u8; 4] =
    function_selector!("executeAction", u8, Address, Address, U256, U256);

use atelier_common::abi::calldata;

fn word(a: Address) -> B256 {
    a.into_word()
}

impl ArtGovernor {
    /// Calls `target`; a revert passes the callee's own error through
    /// (`ExternalCallFailed(target)` when it gave none).
    fn call(&mut self, target: Address, data: &[u8]) -> Result<(), Error> {
        self.vm().call(&Call::new(), target, data).map(drop).map_err(|e| {
            match atelier_common::errors::callee_revert(e) {
                Some(data) => Error::Callee(data),
                None => ExternalCallFailed { target }.into(),
            }
        })
    }

    /// Static-calls `target`; the first returned word, or `None` on revert.
    fn view(&self, target: Address, data: &[u8]) -> Option<U256> {
        let out = self.vm().static_call(&Call::new(), target, data).ok()?;
        atelier_common::abi::return_word(&out, 0)
    }

    /// Static-calls the token; its return data when it holds `words` words,
    /// else `ExternalCallFailed(token)`.
    fn token_call(&self, data: &[u8], words: usize) -> Result<Vec<u8>, Error> {
        let token = self.token.get();
        match self.vm().static_call(&Call::new(), token, data) {
            Ok(out) if out.len() >= 32 * words => Ok(out),
            _ => Err(ExternalCallFailed { target: token }.into()),
        }
    }

    fn token_view(&self, data: &[u8]) -> Result<U256, Error> {
        Ok(U256::from_be_slice(&self.token_call(data, 1)?[..32]))
    }

    /// `FractionToken.getPastVotes(account, timepoint)`.
    pub(crate) fn past_votes(&self, account: Address, timepoint: u64) -> Result<U256, Error> {
        self.token_view(&calldata(GET_PAST_VOTES, &[word(account), U256::from(timepoint).into()]))
    }

    /// `FractionToken.getPastVotesAndSupply(account, timepoint)`: (votes, supply)
    /// in one call (castVote enters the token once).
    pub(crate) fn past_votes_and_supply(&self, account: Address, timepoint: u64) -> Result<(U256, U256), Error> {
        let data = calldata(GET_PAST_VOTES_AND_SUPPLY, &[word(account), U256::from(timepoint).into()]);
        let out = self.token_call(&data, 2)?;
        Ok((U256::from_be_slice(&out[..32]), U256::from_be_slice(&out[32..64])))
    }

    /// `FractionToken.getPastTotalSupply(timepoint)`.
    pub(crate) fn past_supply(&self, timepoint: u64) -> Result<U256, Error> {
        self.token_view(&calldata(GET_PAST_TOTAL_SUPPLY, &[U256::from(timepoint).into()]))
    }

    /// `FractionToken.balanceOf(account)`.
    pub(crate) fn shares_of(&self, account: Address) -> Result<U256, Error> {
        self.token_view(&calldata(BALANCE_OF, &[word(account)]))
    }

    /// The steward of an artwork in custody (the vault itself for acquisitions);
    /// `UnknownArtwork` if it is not in custody (its steward token does not exist).
    pub(crate) fn steward_of(&self, artwork_id: U256) -> Result<Address, Error> {
        let owner = self
            .view(self.vault.get(), &calldata(OWNER_OF, &[artwork_id.into()]))
            .ok_or(UnknownArtwork { artworkId: artwork_id })?;
        Ok(Address::from_word(owner.into()))
    }

    /// `ArtVault.liveStewards()`.
    pub(crate) fn live_stewards(&self) -> Result<U256, Error> {
        let vault = self.vault.get();
        self.view(vault, &calldata(LIVE_STEWARDS, &[]))
            .ok_or_else(|| ExternalCallFailed { target: vault }.into())
    }

    /// `ArtVault.executeAction(kind, target, account, id, amount)`.
    pub(crate) fn vault_action(
        &mut self,
        kind: u8,
        target: Address,
        account: Address,
        id: U256,
        amount: U256,
    ) -> Result<(), Error> {
        let words = [U256::from(kind).into(), word(target), word(account), id.into(), amount.into()];
        self.call(self.vault.get(), &calldata(EXECUTE_ACTION, &words))
    }
}
