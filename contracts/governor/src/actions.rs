//! Typed governance actions: validation at `propose`, effects at `execute`.
//!
//! An action is `(kind, target, account, id, amount, h1, h2, uri)`; each kind uses
//! some fields (the others must be zero, so every action has one encoding):
//!
//! | kind | action | target | account | id | amount | h1 | h2 | uri |
//! |---|---|---|---|---|---|---|---|---|
//! | 0 | SetCreativeDirection | | | | | modelId* | promptHash | uri |
//! | 1 | GrantExhibition | | grantee* | artworkId* | until* (> now) | | | |
//! | 2 | ApproveLicense | | licensee* | artworkId* | fee (< 2^96) | termsHash* | | |
//! | 3 | ApproveListing | collection* | depositor* | tokenId | shares* (< 2^96) | | | |
//! | 4 | SetParams | vault/token/registry/treasury* | | key | value | | | |
//! | 5 | ReleaseArtwork | | to* | artworkId* | | | | |
//! | 6 | WithdrawReserve | | to* | | amount* | | | |
//! | 7 | RescueToken | collection* | to* | tokenId | | | | |
//!
//! (* must be non-zero.) Artwork ids must be in the vault's custody at `propose`
//! and again at `execute`. RescueToken returns an ERC-721 token that reached the
//! vault by a plain `transferFrom` (never in custody; the vault refuses anything in
//! custody). Kinds 0–2 take effect in the governor; kinds 3–7 are
//! carried out by the vault (`ArtVault.executeAction`), the one caller the other
//! contracts accept. SetParams keys are checked against the target's key count at
//! `propose` (and vault values against the vault's bounds); other targets check
//! their values when executed.
use stylus_sdk::prelude::HostAccess;
use alloy_primitives::{aliases::U96, Address, U256, U64};
use atelier_common::{
    errors::UnknownParam,
    params::{self as keys},
};


use crate::{
    params, types::Action, ArtGovernor, CreativeDirectionSet, Error, ExhibitionGranted,
    LicenseApproved, MalformedAction, UnknownArtwork,
};

/// Action kinds.
pub mod kind {
    pub const SET_CREATIVE_DIRECTION: u8 = 0;
    pub const GRANT_EXHIBITION: u8 = 1;
    pub const APPROVE_LICENSE: u8 = 2;
    pub const APPROVE_LISTING: u8 = 3;
    pub const SET_PARAMS: u8 = 4;
    pub const RELEASE_ARTWORK: u8 = 5;
    pub const WITHDRAW_RESERVE: u8 = 6;
    pub const RESCUE_TOKEN: u8 = 7;
}

const TARGET: u8 = 1;
const ACCOUNT: u8 = 2;
const ID: u8 = 4;
const AMOUNT: u8 = 8;
const H1: u8 = 16;
const H2: u8 = 32;
const URI: u8 = 64;

/// Per kind: (fields it may set, fields it must set).
const FIELDS: [(u8, u8); 8] = [
    (H1 | H2 | URI, H1),
    (ACCOUNT | ID | AMOUNT, ACCOUNT | ID | AMOUNT),
    (ACCOUNT | ID | AMOUNT | H1, ACCOUNT | ID | H1),
    (TARGET | ACCOUNT | ID | AMOUNT, TARGET | ACCOUNT | AMOUNT),
    (TARGET | ID | AMOUNT, TARGET),
    (ACCOUNT | ID, ACCOUNT | ID),
    (ACCOUNT | AMOUNT, ACCOUNT | AMOUNT),
    (TARGET | ACCOUNT | ID, TARGET | ACCOUNT),
];

/// Which fields of the action are non-zero.
fn present((_, target, account, id, amount, h1, h2, uri): &Action) -> u8 {
    let mut bits = 0;
    for (set, bit) in [
        (!target.is_zero(), TARGET),
        (!account.is_zero(), ACCOUNT),
        (!id.is_zero(), ID),
        (!amount.is_zero(), AMOUNT),
        (!h1.is_zero(), H1),
        (!h2.is_zero(), H2),
        (!uri.is_empty(), URI),
    ] {
        if set {
            bits |= bit;
        }
    }
    bits
}

impl ArtGovernor {
    /// Checks action `index`; returns the artwork it concerns (0 if none) and
    /// that artwork's steward.
    pub(crate) fn validate_action(
        &self,
        index: usize,
        action: &Action,
        now: u64,
    ) -> Result<(u64, Address), Error> {
        let malformed = || Error::from(MalformedAction { index: U256::from(index) });
        let (kind, target, _, id, amount, ..) = action;
        let (allowed, required) = *FIELDS.get(*kind as usize).ok_or_else(malformed)?;
        let bits = present(action);
        if bits & !allowed != 0 || bits & required != required {
            return Err(malformed());
        }
        // Amounts kept in 96 bits: a listing's shares, a license's fee (`License`).
        if (*kind == kind::APPROVE_LISTING || *kind == kind::APPROVE_LICENSE) && *amount > U256::from(U96::MAX) {
            return Err(malformed());
        }
        match *kind {
            kind::GRANT_EXHIBITION | kind::APPROVE_LICENSE | kind::RELEASE_ARTWORK => {
                let steward = self.steward_of(*id)?;
                let until_ok = *amount > U256::from(now) && *amount <= U256::from(u64::MAX);
                if *kind == kind::GRANT_EXHIBITION && !until_ok {
                    return Err(malformed());
                }
                // Artworks in custody have ids <= the vault's artwork count, a u64.
                if *id > U256::from(u64::MAX) {
                    return Err(UnknownArtwork { artworkId: *id }.into());
                }
                return Ok((id.as_limbs()[0], steward));
            }
            // Listing or rescuing the vault's own steward tokens is meaningless.
            kind::APPROVE_LISTING | kind::RESCUE_TOKEN if *target == self.vault.get() => {
                return Err(malformed());
            }
            kind::SET_PARAMS => {
                let key: u8 = (*id).try_into().map_err(|_| malformed())?;
                let count = if *target == self.vault.get() {
                    params::check(key, *amount)?;
                    keys::vault::COUNT
                } else if *target == self.token.get() {
                    keys::fraction::COUNT
                } else if *target == self.registry.get() {
                    keys::curation::COUNT
                } else if *target == self.treasury.get() {
                    keys::treasury::COUNT
                } else {
                    return Err(malformed());
                };
                if key >= count {
                    return Err(UnknownParam { key }.into());
                }
            }
            _ => {}
        }
        Ok((0, Address::ZERO))
    }

    /// Carries out one (validated) action.
    pub(crate) fn apply_action(&mut self, action: Action) -> Result<(), Error> {
        let (kind, target, account, id, amount, h1, h2, uri) = action;
        match kind {
            kind::SET_CREATIVE_DIRECTION => {
                atelier_common::record::write(self.vm(), crate::text::direction_key(), &[h1, h2], &uri);
                // CreativeDirectionSet: uri (field 2) as the string tail.
                atelier_common::emit!(
                    self.vm(),
                    CreativeDirectionSet,
                    2,
                    [h1, h2, alloy_primitives::B256::ZERO],
                    2,
                    uri.as_bytes(),
                );
            }
            kind::GRANT_EXHIBITION => {
                self.steward_of(id)?;
                // Checked at propose: `until` fits 64 bits.
                self.grants.setter(id).setter(account).set(U64::from(amount.as_limbs()[0]));
                atelier_common::emit!(
                    self.vm(),
                    ExhibitionGranted,
                    3,
                    [id, account, amount],
                );
            }
            kind::APPROVE_LICENSE => {
                self.steward_of(id)?;
                let license_id = self.license_count.get() + U64::from(1);
                self.license_count.set(license_id);
                let license_id = U256::from(license_id);
                let mut l = self.licenses.setter(license_id);
                l.licensee.set(account);
                l.artwork_id.set(U64::from(id.as_limbs()[0]));
                l.terms_hash.set(h1);
                l.fee.set(U96::saturating_from(amount));
                let now = atelier_common::clock::now(self.vm());
                let expires = now.saturating_add(self.grace_period.get().to::<u64>());
                self.licenses.setter(license_id).expires.set(U64::from(expires));
                atelier_common::emit!(
                    self.vm(),
                    LicenseApproved,
                    4,
                    [license_id, id, account, h1, amount],
                );
            }
            kind::SET_PARAMS
                if target == self.vault.get() && id != U256::from(keys::vault::REDEEM_FEE_BPS) =>
            {
                self.set_param(id.as_limbs()[0] as u8, amount)?;
            }
            _ => self.vault_action(kind, target, account, id, amount)?,
        }
        Ok(())
    }
}
