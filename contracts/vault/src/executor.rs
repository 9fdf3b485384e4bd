//! What governance (the ArtGovernor contract) carries out through the vault: the
//! vault holds the artworks and is the one caller the FractionToken,
//! CurationRegistry and Treasury accept for `setParam` / `withdrawReserve`.
use alloy_primitives::{aliases::U96, Address, U256, U16};
use atelier_common::{
    errors::{Unauthorized, UnknownParam},
    params::{bounded, vault::REDEEM_FEE_BPS},
};
use stylus_sdk::prelude::*;

/// Action kinds the vault carries out (the governor's numbering).
pub const APPROVE_LISTING: u8 = 3;
/// SetParams.
pub const SET_PARAMS: u8 = 4;
/// ReleaseArtwork.
pub const RELEASE_ARTWORK: u8 = 5;
/// WithdrawReserve.
pub const WITHDRAW_RESERVE: u8 = 6;
/// RescueToken.
pub const RESCUE_TOKEN: u8 = 7;
/// A minority exit (`ArtGovernor.exit`; never a proposal's action).
pub const MINORITY_EXIT: u8 = 8;

use crate::{
    calls::{self, calldata, word},
    types::MAX_REDEEM_FEE_BPS,
    AlreadyRecorded, ArtVault, ArtworkReleased, Error, ListingApproved, MinorityExit, ParamSet, TokenRescued,
    UnknownAction,
};

impl ArtVault {
    /// `Unauthorized` unless the caller is the governor.
    pub(crate) fn only_governor(&self) -> Result<(), Error> {
        let caller = self.vm().msg_sender();
        if caller != self.governor.get() || caller.is_zero() {
            return Err(Unauthorized { caller }.into());
        }
        Ok(())
    }

    /// Sets the vault's own parameter (only REDEEM_FEE_BPS lives in the vault; the
    /// governance keys live in the governor).
    pub(crate) fn set_own_param(&mut self, key: u8, value: U256) -> Result<(), Error> {
        if key != REDEEM_FEE_BPS {
            return Err(UnknownParam { key }.into());
        }
        let v = bounded(key, value, U256::ZERO, U256::from(MAX_REDEEM_FEE_BPS))?;
        self.redeem_fee_bps.set(U16::from(v.saturating_to::<u16>()));
        atelier_common::emit!(
            self.vm(),
            ParamSet,
            2,
            [key, value],
        );
        Ok(())
    }

    /// `executeAction`: see the ABI doc in lib.rs.
    pub(crate) fn execute_for_governor(
        &mut self,
        kind: u8,
        target: Address,
        account: Address,
        id: U256,
        amount: U256,
    ) -> Result<(), Error> {
        self.only_governor()?;
        match kind {
            APPROVE_LISTING => {
                let mut by_collection = self.listings.setter(target);
                let mut listing = by_collection.setter(id);
                listing.depositor.set(account);
                listing.shares.set(U96::saturating_from(amount));
                atelier_common::emit!(
                    self.vm(),
                    ListingApproved,
                    4,
                    [
                        target,
                        id,
                        account,
                        amount,
                    ],
                );
            }
            SET_PARAMS => {
                let key = id.saturating_to::<u8>();
                if target == self.vm().contract_address() {
                    return self.set_own_param(key, amount);
                }
                let data = calldata(calls::SET_PARAM, &[U256::from(key).into(), amount.into()]);
                self.call(target, &data)?;
            }
            RELEASE_ARTWORK => {
                let (collection, token_id) = self.take_out(id)?;
                self.send_artwork(collection, token_id, account)?;
                atelier_common::emit!(
                    self.vm(),
                    ArtworkReleased,
                    3,
                    [id, account],
                );
            }
            WITHDRAW_RESERVE => {
                let data = calldata(calls::WITHDRAW_RESERVE, &[word(account), amount.into()]);
                self.call(self.treasury.get(), &data)?;
            }
            RESCUE_TOKEN => {
                // Only what never entered custody (sent by a plain transferFrom).
                if !self.custody.getter(target).get(id).is_zero() {
                    return Err(AlreadyRecorded { collection: target, tokenId: id }.into());
                }
                self.send_artwork(target, id, account)?;
                atelier_common::emit!(
                    self.vm(),
                    TokenRescued,
                    4,
                    [
                        target,
                        id,
                        account,
                    ],
                );
            }
            MINORITY_EXIT => {
                // id = the proposal, account = the holder, amount = its shares.
                let (token, treasury) = (self.token.get(), self.treasury.get());
                let supply = self.view(token, &calls::TOTAL_SUPPLY)?;
                let reserve = self.view(treasury, &calls::BUCKETS)?;
                // reserve < 2^128 and shares <= supply < 2^96: no overflow; the
                // burn below fails first if the holder lacks the shares.
                let paid = atelier_common::math::mul_div_fit(reserve, amount, supply.max(U256::from(1)), false)?;
                self.call(token, &calldata(calls::BURN_FROM, &[word(account), amount.into()]))?;
                if !paid.is_zero() {
                    self.call(treasury, &calldata(calls::WITHDRAW_RESERVE, &[word(account), paid.into()]))?;
                }
                atelier_common::emit!(
                    self.vm(),
                    MinorityExit,
                    3,
                    [
                        id,
                        account,
                        amount,
                        paid,
                    ],
                );
            }
            _ => return Err(UnknownAction { kind }.into()),
        }
        Ok(())
    }
}
