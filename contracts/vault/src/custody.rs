//! Custody: which deposits are accepted, recording an artwork (provenance, steward
//! token, seed registration, shares), and taking one out.
use alloc::string::String;
use alloy_primitives::{aliases::U96, Address, B256, U256, U64};
use stylus_sdk::prelude::*;

use crate::{
    calls::{self, append_bytes, calldata, word},
    text,
    types::GENESIS_SHARES,
    AlreadyRecorded, ArtVault, ArtworkDeposited, DepositRefused, Error, NotInCustody,
    UnknownArtwork,
};

/// (seed, modelId, promptHash, artist, uri): the provenance a depositor declares.
pub type Provenance = (B256, B256, B256, Address, String);

impl ArtVault {
    /// The shares a deposit of `collection`/`tokenId` by `from` mints, or the
    /// refusal: the genesis curator during bootstrap, until the public sale's
    /// first purchase (only when `from` is the authenticated caller of
    /// `deposit`), else an approved listing for exactly this
    /// depositor (consumed, so it cannot be replayed).
    ///
    /// In `onERC721Received` both the collection (the caller) and `from` are the
    /// caller's word: any contract could claim a genesis deposit there and mint
    /// genesis shares, so genesis goes through `deposit` only. A listing is bound to
    /// its collection's address, so only that collection can deliver it.
    pub(crate) fn authorize_deposit(
        &mut self,
        collection: Address,
        token_id: U256,
        from: Address,
        caller_is_from: bool,
    ) -> Result<U256, Error> {
        self.require_wired()?;
        if caller_is_from && from == self.curator.get() && self.genesis_open()? {
            return Ok(GENESIS_SHARES);
        }
        let mut by_collection = self.listings.setter(collection);
        let mut listing = by_collection.setter(token_id);
        let depositor = listing.depositor.get();
        if depositor.is_zero() || depositor != from {
            return Err(DepositRefused { collection, tokenId: token_id, from }.into());
        }
        let shares = U256::from(listing.shares.get());
        listing.depositor.set(Address::ZERO);
        listing.shares.set(U96::ZERO);
        Ok(shares)
    }

    /// `Err(NotInCustody)` unless `collection.ownerOf(tokenId)` is the vault.
    pub(crate) fn require_custody(&mut self, collection: Address, token_id: U256) -> Result<(), Error> {
        let this = self.vm().contract_address();
        let out = self.call(collection, &calls::calldata(calls::OWNER_OF, &[token_id.into()]))?;
        let owner = out.get(12..32).map(Address::from_slice).unwrap_or_default();
        if owner != this {
            return Err(NotInCustody { collection, tokenId: token_id }.into());
        }
        Ok(())
    }

    /// Records an artwork now in custody: provenance, steward token to `steward`,
    /// seed registration in the registry, `shares` minted to `depositor`.
    pub(crate) fn record(
        &mut self,
        collection: Address,
        token_id: U256,
        depositor: Address,
        steward: Address,
        (seed, model_id, prompt_hash, artist, uri): Provenance,
        shares: U256,
    ) -> Result<U256, Error> {
        let mut slot = self.custody.setter(collection);
        let mut slot = slot.setter(token_id);
        if !slot.get().is_zero() {
            return Err(AlreadyRecorded { collection, tokenId: token_id }.into());
        }
        let id = self.artwork_count.get() + U64::from(1);
        slot.set(id);
        self.artwork_count.set(id);
        // Only redeemable artworks (issued shares) share the supply's claim: an
        // acquisition (no shares) must not dilute every redemption.
        if !shares.is_zero() {
            self.held_count.set(self.held_count.get() + U64::from(1));
        }
        let artwork_id = U256::from(id);
        let mut a = self.artworks.setter(artwork_id);
        a.collection.set(collection);
        a.held.set(true);
        // GENESIS_SHARES and listing shares (bounded when approved) fit 96 bits.
        a.shares.set(U96::saturating_from(shares));
        a.token_id.set(token_id);
        let words = [seed, model_id, prompt_hash, artist.into_word()];
        atelier_common::record::write(self.vm(), text::artwork_key(artwork_id), &words, &uri);
        self.mint_steward(steward, artwork_id);
        if steward != self.vm().contract_address() {
            self.live_stewards.set(self.live_stewards.get() + U64::from(1));
        }
        // registerSeed(seed, modelId, promptHash, uri, 0): the string's offset is
        // five words in.
        let mut data = calldata(
            calls::REGISTER_SEED,
            &[seed, model_id, prompt_hash, U256::from(160).into(), B256::ZERO],
        );
        append_bytes(&mut data, uri.as_bytes());
        self.call(self.registry.get(), &data)?;
        if !shares.is_zero() {
            let data = calldata(calls::MINT, &[word(depositor), shares.into()]);
            self.call(self.token.get(), &data)?;
        }
        // ArtworkDeposited: uri (field 8) as the string tail.
        atelier_common::emit!(
            self.vm(),
            ArtworkDeposited,
            4,
            [
                artwork_id,
                collection,
                depositor,
                token_id,
                seed,
                model_id,
                prompt_hash,
                artist,
                B256::ZERO,
                shares,
            ],
            8,
            uri.as_bytes(),
        );
        Ok(artwork_id)
    }

    /// Ends custody of an artwork (state only): clears it, burns its steward token.
    /// Returns (collection, tokenId) for the transfer out.
    pub(crate) fn take_out(&mut self, artwork_id: U256) -> Result<(Address, U256), Error> {
        let mut a = self.artworks.setter(artwork_id);
        if !a.held.get() {
            return Err(UnknownArtwork { artworkId: artwork_id }.into());
        }
        a.held.set(false);
        if !a.shares.get().is_zero() {
            self.held_count.set(self.held_count.get().saturating_sub(U64::from(1)));
        }
        let collection = a.collection.get();
        let token_id = a.token_id.get();
        self.custody.setter(collection).delete(token_id);
        let steward = self.burn_steward(artwork_id)?;
        if steward != self.vm().contract_address() {
            let live = self.live_stewards.get();
            self.live_stewards.set(live.saturating_sub(U64::from(1)));
        }
        Ok((collection, token_id))
    }

    /// Sends an artwork out of the vault with `safeTransferFrom`.
    pub(crate) fn send_artwork(
        &mut self,
        collection: Address,
        token_id: U256,
        to: Address,
    ) -> Result<(), Error> {
        let this = self.vm().contract_address();
        let data =
            calldata(calls::SAFE_TRANSFER_FROM, &[word(this), word(to), token_id.into()]);
        self.call(collection, &data).map(drop)
    }
}

/// Decodes `abi.encode(bytes32 seed, bytes32 modelId, bytes32 promptHash,
/// address artist, string uri)` (the string's offset must be 0xa0, its bytes
/// valid UTF-8); `None` if malformed.
pub fn decode_provenance(data: &[u8]) -> Option<Provenance> {
    let word = |i: usize| data.get(32 * i..32 * i + 32).map(B256::from_slice);
    let artist = word(3)?;
    if word(4)? != B256::from(U256::from(160)) || artist[..12] != [0u8; 12] {
        return None;
    }
    let len: usize = U256::from_be_bytes(word(5)?.0).try_into().ok()?;
    let bytes = data.get(192..192usize.checked_add(len)?)?;
    let uri = String::from_utf8(bytes.to_vec()).ok()?;
    Some((word(0)?, word(1)?, word(2)?, Address::from_word(artist), uri))
}
