//! ArtVault: custody and provenance of the collective's artworks, steward NFTs
//! (ERC-721 + ERC-2981), exit by redemption, and the executor of governance.
//! See DESIGN.md ("ArtVault") and the README's design section.
//!
//! Governance (proposals, votes, steward veto, exhibition rights, licenses,
//! creative direction) is the ArtGovernor contract (`contracts/governor`): both
//! together exceed Stylus' 24 KiB compressed limit. The governor calls the
//! governor-only functions here to act on custody and on the other contracts, so
//! the vault stays the one caller the FractionToken, CurationRegistry and
//! Treasury accept.
//!
//! Deposit paths (anything else is refused): the genesis curator during bootstrap
//! (until `endBootstrap` or the sale's first purchase)
//! ([`GENESIS_SHARES`] shares per artwork), a governance-approved listing (its fixed
//! shares to the depositor), and the treasury's acquisitions (no shares; steward
//! token held by the vault itself, outside the steward council; only governance
//! releases them).
#![cfg_attr(not(any(test, feature = "export-abi")), no_main, no_std)]
extern crate alloc;

mod abi;
mod calls;
mod custody;
mod erc721;
pub mod executor;
// The WASM build routes calls through a hand-written router (fewer bytes than
// `#[public]`'s); native builds keep the SDK's.
#[cfg(target_arch = "wasm32")]
mod router;
mod steward;
mod text;
pub mod types;

#[cfg(test)]
mod tests;

pub use abi::*;
pub use types::GENESIS_SHARES;

use alloc::{string::String, vec, vec::Vec};
use alloy_primitives::{aliases::B32, Address, B256, U256};
use atelier_common::abi::{Returns, Text};
use atelier_common::errors::{AlreadyInitialized, NotInitialized, Unauthorized, ZeroAddress};
use stylus_sdk::{
    abi::Bytes,
    prelude::*,
    storage::{StorageAddress, StorageBool, StorageMap, StorageU16, StorageU256, StorageU64},
};
use types::{Artwork, Listing};

/// The vault's storage. In the WASM build `router` is the entrypoint.
#[cfg_attr(not(target_arch = "wasm32"), entrypoint)]
#[storage]
pub struct ArtVault {
    /// Steward tokens (ERC-721; token N belongs to artwork N): owners.
    owners: StorageMap<U256, StorageAddress>,
    balances: StorageMap<Address, StorageU256>,
    approvals: StorageMap<U256, StorageAddress>,
    operators: StorageMap<Address, StorageMap<Address, StorageBool>>,
    // One slot, read together by every governor action and by redeem.
    governor: StorageAddress,
    /// Redeemable artworks in custody (each of weight 1): redemption's pro-rata base.
    held_count: StorageU64,
    redeem_fee_bps: StorageU16,
    bootstrap_over: StorageBool,
    token: StorageAddress,
    artwork_count: StorageU64,
    /// One-time wiring admin; zero once `initialize` ran.
    admin: StorageAddress,
    registry: StorageAddress,
    /// Steward tokens held outside the vault: the veto majority's base.
    live_stewards: StorageU64,
    treasury: StorageAddress,
    curator: StorageAddress,
    artworks: StorageMap<U256, Artwork>,
    /// collection => token id => artwork id in custody (0 = none).
    custody: StorageMap<Address, StorageMap<U256, StorageU64>>,
    /// collection => token id => approved listing.
    listings: StorageMap<Address, StorageMap<U256, Listing>>,
}

#[public]
impl ArtVault {
    // ---------------------------------------------------------------- wiring

    /// Stores the one-time wiring admin (the deployer passes it).
    #[constructor]
    pub fn constructor(&mut self, admin: Address) -> Result<(), Error> {
        if admin.is_zero() {
            return Err(ZeroAddress {}.into());
        }
        self.admin.set(admin);
        Ok(())
    }

    /// Wires the other contracts (the governor acts for governance) and sets the
    /// redemption fee; callable once, by the admin, which is then cleared.
    /// Bootstrap starts open: the genesis curator may deposit until `endBootstrap`
    /// or the public sale's first purchase, whichever comes first.
    #[allow(clippy::too_many_arguments)]
    pub fn initialize(
        &mut self,
        token: Address,
        registry: Address,
        treasury: Address,
        governor: Address,
        genesis_curator: Address,
        base_uri: Text,
        redeem_fee_bps: U256,
    ) -> Result<(), Error> {
        if !self.token.get().is_zero() {
            return Err(AlreadyInitialized {}.into());
        }
        let sender = self.vm().msg_sender();
        if sender != self.admin.get() {
            return Err(Unauthorized { caller: sender }.into());
        }
        if [token, registry, treasury, governor, genesis_curator].contains(&Address::ZERO) {
            return Err(ZeroAddress {}.into());
        }
        self.admin.set(Address::ZERO);
        self.token.set(token);
        self.registry.set(registry);
        self.treasury.set(treasury);
        self.governor.set(governor);
        self.curator.set(genesis_curator);
        atelier_common::record::write(self.vm(), text::base_uri_key(), &[], &base_uri);
        self.set_own_param(atelier_common::params::vault::REDEEM_FEE_BPS, redeem_fee_bps)?;
        atelier_common::emit!(
            self.vm(),
            Initialized,
            1,
            [
                token,
                registry,
                treasury,
                governor,
                genesis_curator,
            ],
        );
        Ok(())
    }

    /// Ends the bootstrap phase (genesis curator only, one way).
    pub fn end_bootstrap(&mut self) -> Result<(), Error> {
        let sender = self.vm().msg_sender();
        if sender != self.curator.get() || sender.is_zero() {
            return Err(Unauthorized { caller: sender }.into());
        }
        if self.bootstrap_over.get() {
            return Err(BootstrapClosed {}.into());
        }
        self.bootstrap_over.set(true);
        atelier_common::emit!(self.vm(), BootstrapEnded, 1, []);
        Ok(())
    }


    /// The wired contracts: (token, registry, treasury, governor, genesis curator).
    pub fn wiring(&self) -> (Address, Address, Address, Address, Address) {
        (self.token.get(), self.registry.get(), self.treasury.get(), self.governor.get(), self.curator.get())
    }


    // ------------------------------------------------- custody & provenance

    /// Pulls `tokenId` of `collection` from the caller (who approved the vault) and
    /// records it with its provenance. Returns the artwork id (= steward token id).
    #[allow(clippy::too_many_arguments)]
    pub fn deposit(
        &mut self,
        collection: Address,
        token_id: U256,
        seed: B256,
        model_id: B256,
        prompt_hash: B256,
        artist: Address,
        uri: Text,
    ) -> Result<U256, Error> {
        let from = self.vm().msg_sender();
        let shares = self.authorize_deposit(collection, token_id, from, true)?;
        let this = self.vm().contract_address();
        let data = calls::calldata(calls::TRANSFER_FROM, &[calls::word(from), calls::word(this), token_id.into()]);
        self.call(collection, &data)?;
        // A collection without code, or one whose transferFrom does nothing, must not
        // mint shares for an artwork that never arrived.
        self.require_custody(collection, token_id)?;
        let provenance = (seed, model_id, prompt_hash, artist, uri.0);
        self.record(collection, token_id, from, from, provenance, shares)
    }

    /// ERC-721 safe-transfer hook: `data` must be `abi.encode(bytes32 seed,
    /// bytes32 modelId, bytes32 promptHash, address artist, string uri)`; the
    /// collection is the caller and the depositor is `from`. Refusals revert, so
    /// the transfer fails. Accepts approved listings only: genesis deposits use
    /// `deposit`, where the curator is the authenticated caller.
    #[selector(name = "onERC721Received")]
    pub fn on_erc721_received(
        &mut self,
        _operator: Address,
        from: Address,
        token_id: U256,
        data: Bytes,
    ) -> Result<B32, Error> {
        let collection = self.vm().msg_sender();
        let shares = self.authorize_deposit(collection, token_id, from, false)?;
        let provenance = custody::decode_provenance(&data).ok_or(BadProvenance {})?;
        self.record(collection, token_id, from, from, provenance, shares)?;
        Ok(B32::new([0x15, 0x0b, 0x7a, 0x02]))
    }

    /// Records an artwork the treasury bought and sent to the vault (treasury
    /// only; no shares; its steward token is held by the vault itself).
    #[allow(clippy::too_many_arguments)]
    pub fn record_acquisition(
        &mut self,
        collection: Address,
        token_id: U256,
        seed: B256,
        model_id: B256,
        prompt_hash: B256,
        artist: Address,
        uri: Text,
    ) -> Result<U256, Error> {
        let sender = self.vm().msg_sender();
        let treasury = self.treasury.get();
        if sender != treasury || sender.is_zero() {
            return Err(Unauthorized { caller: sender }.into());
        }
        self.require_custody(collection, token_id)?;
        let this = self.vm().contract_address();
        let provenance = (seed, model_id, prompt_hash, artist, uri.0);
        self.record(collection, token_id, treasury, this, provenance, U256::ZERO)
    }

    /// Provenance and status of an artwork: (collection, tokenId, seed, modelId,
    /// promptHash, artist, uri, sharesIssued, held, lockedUntil).
    /// Returned as Solidity returns parameters (`Returns`: stylus-sdk 0.9 would
    /// prefix a tuple holding a dynamic type with an offset word).
    #[allow(clippy::type_complexity)]
    pub fn artwork(
        &self,
        artwork_id: U256,
    ) -> Result<Returns<(Address, U256, B256, B256, B256, Address, String, U256, bool, U256)>, Error> {
        let a = self.artworks.getter(artwork_id);
        let collection = a.collection.get();
        if collection.is_zero() {
            return Err(UnknownArtwork { artworkId: artwork_id }.into());
        }
        let ([seed, model_id, prompt_hash, artist], uri) =
            atelier_common::record::read::<4>(self.vm(), text::artwork_key(artwork_id));
        Ok(Returns((
            collection,
            a.token_id.get(),
            seed,
            model_id,
            prompt_hash,
            Address::from_word(artist),
            uri,
            U256::from(a.shares.get()),
            a.held.get(),
            U256::from(self.lock_end(artwork_id).unwrap_or_default()),
        )))
    }


    /// The approved, unused listing for `collection`/`tokenId`: (depositor, shares).
    pub fn listing(&self, collection: Address, token_id: U256) -> (Address, U256) {
        let l = self.listings.getter(collection);
        let l = l.getter(token_id);
        (l.depositor.get(), U256::from(l.shares.get()))
    }

    /// Takes the artwork out: burns the artwork's claim on the supply from the
    /// caller, `max(issued shares, ceil(totalSupply / redeemable artworks in custody))`,
    /// plus `redeemFeeBps` of it as the fee (burned too; no approval needed: the
    /// token lets the vault burn its caller's shares), sends the artwork to the caller and burns the steward
    /// token. Works while the token is paused. Refused while a proposal
    /// concerning it can still execute (`ArtGovernor.lockedUntil`: a passed
    /// vote until its queue deadline, a queued proposal until it is executed,
    /// vetoed or expired).
    pub fn redeem(&mut self, artwork_id: U256) -> Result<(), Error> {
        let caller = self.vm().msg_sender();
        let now = atelier_common::clock::now(self.vm());
        let (shares, fee) = self.redemption_cost(artwork_id)?;
        let lock = self.lock_end(artwork_id)?;
        if now <= lock {
            return Err(ArtworkLocked { artworkId: artwork_id, lockedUntil: U256::from(lock) }.into());
        }
        let (collection, token_id) = self.take_out(artwork_id)?;
        let token = self.token.get();
        self.call(token, &calls::calldata(calls::BURN_FROM, &[calls::word(caller), (shares + fee).into()]))?;
        self.send_artwork(collection, token_id, caller)?;
        atelier_common::emit!(
            self.vm(),
            ArtworkRedeemed,
            3,
            [
                artwork_id,
                caller,
                shares,
                fee,
            ],
        );
        Ok(())
    }

    /// What redeeming the artwork burns now: (its claim, the fee), share units.
    /// The claim is `max(issued shares, ceil(totalSupply / artworks in
    /// custody))`: every artwork weighs the same, so buying cheap shares never
    /// buys art below its pro-rata share of the collective.
    pub fn redemption_cost(&self, artwork_id: U256) -> Result<(U256, U256), Error> {
        let a = self.artworks.getter(artwork_id);
        if !a.held.get() {
            return Err(UnknownArtwork { artworkId: artwork_id }.into());
        }
        let issued = U256::from(a.shares.get());
        if issued.is_zero() {
            return Err(NotRedeemable { artworkId: artwork_id }.into());
        }
        let token = self.token.get();
        let supply = self.view(token, &calls::TOTAL_SUPPLY)?;
        let held = self.held_count.get().to::<u64>().max(1);
        // Capped by the supply (claim and fee together), so the last artwork stays
        // redeemable by whoever holds every share.
        let claim = issued.max(atelier_common::math::div_nz(supply + U256::from(held - 1), U256::from(held))).min(supply);
        let fee = steward::bps_of(claim, self.redeem_fee_bps.get().to::<u64>())?;
        Ok((claim, fee.min(supply - claim)))
    }

    // ------------------------------------------------- governor-only effects

    /// Governor only: carries out the vault side of a typed governance action
    /// (the governor validated it at propose):
    /// 3 ApproveListing(target = collection, id = tokenId, account = depositor, amount = shares),
    /// 4 SetParams(target, id = key, amount = value) on the vault or forwarded,
    /// 5 ReleaseArtwork(id = artworkId, account = to),
    /// 6 WithdrawReserve(account = to, amount),
    /// 7 RescueToken(target = collection, id = tokenId, account = to): a token the
    /// vault holds outside custody (refused with `AlreadyRecorded` if in custody).
    pub fn execute_action(
        &mut self,
        kind: u8,
        target: Address,
        account: Address,
        id: U256,
        amount: U256,
    ) -> Result<(), Error> {
        self.execute_for_governor(kind, target, account, id, amount)
    }

    /// Steward tokens held outside the vault (the steward council's size).
    pub fn live_stewards(&self) -> U256 {
        U256::from(self.live_stewards.get())
    }

    // ------------------------------------------------- steward tokens (ERC-721)

    /// ERC-721 collection name.
    pub fn name(&self) -> String {
        String::from(steward::NAME)
    }

    /// ERC-721 collection symbol.
    pub fn symbol(&self) -> String {
        String::from(steward::SYMBOL)
    }

    /// Base URI followed by the token id in decimal.
    #[selector(name = "tokenURI")]
    pub fn token_uri(&self, token_id: U256) -> Result<String, Error> {
        self.steward_uri(token_id)
    }

    /// ERC-165: ERC-165, ERC-721, ERC-721 metadata and ERC-2981.
    pub fn supports_interface(&self, interface_id: B32) -> bool {
        steward::supports(interface_id)
    }

    /// ERC-2981: royalties on steward tokens go to the treasury.
    pub fn royalty_info(&self, _token_id: U256, sale_price: U256) -> Result<(Address, U256), Error> {
        Ok((self.treasury.get(), steward::royalty(sale_price)?))
    }

    /// ERC-721.
    pub fn balance_of(&self, owner: Address) -> Result<U256, Error> {
        self.balance(owner)
    }

    /// ERC-721.
    pub fn owner_of(&self, token_id: U256) -> Result<Address, Error> {
        self.require_owned(token_id)
    }

    /// ERC-721. Steward tokens cannot be sent to the vault itself.
    pub fn safe_transfer_from(&mut self, from: Address, to: Address, token_id: U256) -> Result<(), Error> {
        self.safe_transfer(from, to, token_id, &[])
    }

    /// ERC-721. Steward tokens cannot be sent to the vault itself.
    #[selector(name = "safeTransferFrom")]
    pub fn safe_transfer_from_with_data(
        &mut self,
        from: Address,
        to: Address,
        token_id: U256,
        data: Bytes,
    ) -> Result<(), Error> {
        self.safe_transfer(from, to, token_id, &data)
    }

    /// ERC-721. Steward tokens cannot be sent to the vault itself.
    pub fn transfer_from(&mut self, from: Address, to: Address, token_id: U256) -> Result<(), Error> {
        self.transfer(from, to, token_id)
    }

    /// ERC-721.
    pub fn approve(&mut self, to: Address, token_id: U256) -> Result<(), Error> {
        self.approve_token(to, token_id)
    }

    /// ERC-721.
    pub fn set_approval_for_all(&mut self, operator: Address, approved: bool) -> Result<(), Error> {
        self.set_operator(operator, approved)
    }

    /// ERC-721.
    pub fn get_approved(&self, token_id: U256) -> Result<Address, Error> {
        self.require_owned(token_id)?;
        Ok(self.approvals.get(token_id))
    }

    /// ERC-721.
    pub fn is_approved_for_all(&self, owner: Address, operator: Address) -> bool {
        self.operators.getter(owner).get(operator)
    }
}

impl ArtVault {
    /// `NotInitialized` until `initialize` ran.
    fn require_wired(&self) -> Result<Address, Error> {
        let token = self.token.get();
        if token.is_zero() {
            return Err(NotInitialized {}.into());
        }
        Ok(token)
    }
}
