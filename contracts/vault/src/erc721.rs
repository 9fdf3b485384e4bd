//! Steward tokens: a minimal ERC-721 (ERC-6093 errors, OpenZeppelin's semantics).
//!
//! OpenZeppelin's `Erc721` did not fit: with it the vault is ~26 KiB compressed,
//! over Stylus' 24 KiB limit, and `openzeppelin-stylus` 0.3 turns on
//! alloy-primitives' software keccak for every storage-map slot (larger code and
//! more gas). This module keeps the same external behaviour: balances, owners,
//! single and operator approvals, `transferFrom`, both `safeTransferFrom`s with
//! the `onERC721Received` check, and the standard events and errors.
use alloc::vec::Vec;
use alloy_primitives::{Address, U256};
use stylus_sdk::{function_selector, prelude::*};

use crate::{
    calls::{append_bytes, calldata, word},
    Approval, ApprovalForAll, ArtVault, ERC721IncorrectOwner, ERC721InsufficientApproval,
    ERC721InvalidApprover, ERC721InvalidOperator, ERC721InvalidOwner, ERC721InvalidReceiver,
    ERC721NonexistentToken, Error, Transfer,
};

/// `onERC721Received(address,address,uint256,bytes)`.
pub const ON_RECEIVED: [u8; 4] =
    function_selector!("onERC721Received", Address, Address, U256, stylus_sdk::abi::Bytes);

impl ArtVault {
    /// Owner of an existing token, else `ERC721NonexistentToken`.
    pub(crate) fn require_owned(&self, token_id: U256) -> Result<Address, Error> {
        let owner = self.owners.get(token_id);
        if owner.is_zero() {
            return Err(ERC721NonexistentToken { tokenId: token_id }.into());
        }
        Ok(owner)
    }

    /// `balanceOf`.
    pub(crate) fn balance(&self, owner: Address) -> Result<U256, Error> {
        if owner.is_zero() {
            return Err(ERC721InvalidOwner { owner }.into());
        }
        Ok(self.balances.get(owner))
    }

    /// Moves `token_id` from its owner to `to` (`to` zero burns), clearing its
    /// approval; `from` zero mints. Emits `Transfer`.
    pub(crate) fn move_token(&mut self, from: Address, to: Address, token_id: U256) {
        if !from.is_zero() {
            self.approvals.delete(token_id);
            let mut balance = self.balances.setter(from);
            let b = balance.get();
            balance.set(b - U256::from(1));
        }
        if to.is_zero() {
            self.owners.delete(token_id);
        } else {
            let mut balance = self.balances.setter(to);
            let b = balance.get();
            balance.set(b + U256::from(1));
            self.owners.setter(token_id).set(to);
        }
        atelier_common::emit!(
            self.vm(),
            Transfer,
            4,
            [
                from,
                to,
                token_id,
            ],
        );
    }

    /// Mints steward token `token_id` (fresh: artwork ids are never reused).
    pub(crate) fn mint_steward(&mut self, to: Address, token_id: U256) {
        self.move_token(Address::ZERO, to, token_id);
    }

    /// Burns steward token `token_id`; returns its last owner.
    pub(crate) fn burn_steward(&mut self, token_id: U256) -> Result<Address, Error> {
        let owner = self.require_owned(token_id)?;
        self.move_token(owner, Address::ZERO, token_id);
        Ok(owner)
    }

    /// `transferFrom`: the caller must be the owner, an operator of the owner or
    /// the token's approved account. Steward tokens never go to the vault itself.
    pub(crate) fn transfer(&mut self, from: Address, to: Address, token_id: U256) -> Result<(), Error> {
        if to.is_zero() || to == self.vm().contract_address() {
            return Err(ERC721InvalidReceiver { receiver: to }.into());
        }
        let owner = self.require_owned(token_id)?;
        let caller = self.vm().msg_sender();
        let allowed = caller == owner
            || self.operators.getter(owner).get(caller)
            || self.approvals.get(token_id) == caller;
        if !allowed {
            return Err(ERC721InsufficientApproval { operator: caller, tokenId: token_id }.into());
        }
        if owner != from {
            return Err(ERC721IncorrectOwner { sender: from, tokenId: token_id, owner }.into());
        }
        self.move_token(from, to, token_id);
        Ok(())
    }

    /// `safeTransferFrom`: `transferFrom`, then a contract recipient must answer
    /// `onERC721Received` with its selector.
    pub(crate) fn safe_transfer(
        &mut self,
        from: Address,
        to: Address,
        token_id: U256,
        data: &[u8],
    ) -> Result<(), Error> {
        self.transfer(from, to, token_id)?;
        if self.vm().code_size(to) == 0 {
            return Ok(());
        }
        let operator = self.vm().msg_sender();
        let mut call =
            calldata(ON_RECEIVED, &[word(operator), word(from), token_id.into(), U256::from(128).into()]);
        append_bytes(&mut call, data);
        let answer: Vec<u8> = self.call(to, &call).unwrap_or_default();
        if answer.get(..4) != Some(&ON_RECEIVED[..]) {
            return Err(ERC721InvalidReceiver { receiver: to }.into());
        }
        Ok(())
    }

    /// `approve`: by the owner or one of its operators.
    pub(crate) fn approve_token(&mut self, to: Address, token_id: U256) -> Result<(), Error> {
        let owner = self.require_owned(token_id)?;
        let caller = self.vm().msg_sender();
        if caller != owner && !self.operators.getter(owner).get(caller) {
            return Err(ERC721InvalidApprover { approver: caller }.into());
        }
        self.approvals.setter(token_id).set(to);
        atelier_common::emit!(
            self.vm(),
            Approval,
            4,
            [
                owner,
                to,
                token_id,
            ],
        );
        Ok(())
    }

    /// `setApprovalForAll`.
    pub(crate) fn set_operator(&mut self, operator: Address, approved: bool) -> Result<(), Error> {
        if operator.is_zero() {
            return Err(ERC721InvalidOperator { operator }.into());
        }
        let owner = self.vm().msg_sender();
        self.operators.setter(owner).setter(operator).set(approved);
        atelier_common::emit!(
            self.vm(),
            ApprovalForAll,
            3,
            [
                owner,
                operator,
                u8::from(approved),
            ],
        );
        Ok(())
    }
}
