//! Deposit paths (genesis by `deposit` and by `safeTransferFrom`, listing,
//! treasury acquisition) and every refusal; provenance and seed registration.
use alloy_primitives::{Address, B256, U256};
use atelier_common::errors::{ExternalCallFailed, Unauthorized};
use motsu::prelude::*;

use super::*;
use crate::{
    AlreadyRecorded, ArtworkDeposited, BadProvenance, DepositRefused, ListingApproved, NotInCustody,
    NotRedeemable, Transfer, UnknownArtwork, GENESIS_SHARES,
};

#[motsu::test]
fn genesis_deposit_records_provenance_mints_steward_and_shares() {
    let w = World::new();
    let id = w.genesis(7);
    assert_eq!(id, U256::from(1));
    let (seed, model, prompt, artist, uri) = w.provenance(7);
    w.vault.assert_emitted(&ArtworkDeposited {
        artworkId: id,
        collection: w.nft.address(),
        tokenId: U256::from(7),
        depositor: w.curator,
        seed,
        modelId: model,
        promptHash: prompt,
        artist,
        uri: uri.clone(),
        shares: GENESIS_SHARES,
    });
    w.vault.assert_emitted(&Transfer { from: Address::ZERO, to: w.curator, tokenId: id });
    assert_eq!(w.nft_owner(7), w.vault.address());
    assert_eq!(w.shares_of(w.curator), GENESIS_SHARES);
    assert_eq!(w.vault.sender(w.admin).owner_of(id).motsu_unwrap(), w.curator);
    assert_eq!(w.vault.sender(w.admin).live_stewards(), U256::from(1));
    assert_eq!(
        w.vault.sender(w.admin).artwork(id).motsu_unwrap().0,
        (w.nft.address(), U256::from(7), seed, model, prompt, artist, uri, GENESIS_SHARES, true, U256::ZERO)
    );
    // The seed is registered in the CurationRegistry.
    assert_eq!(w.registry.sender(w.admin).seed_id_of(seed), U256::from(1));
    assert_error(w.vault.sender(w.admin).artwork(U256::from(2)).motsu_unwrap_err(), UnknownArtwork { artworkId: U256::from(2) });
}

#[motsu::test]
fn genesis_deposit_by_safe_transfer_is_refused() {
    // In onERC721Received the collection and `from` are the caller's word: a fake
    // collection could claim a genesis deposit. Genesis goes through `deposit`.
    let w = World::new();
    w.nft.sender(w.curator).mint(w.curator, U256::from(3)).motsu_unwrap();
    // The vault's DepositRefused reaches the curator wrapped in the collection's
    // receiver error; the transfer fails and nothing is minted.
    w.nft
        .sender(w.curator)
        .safe_transfer_from_with_data(w.curator, w.vault.address(), U256::from(3), w.encoded(3))
        .motsu_unwrap_err();
    assert_eq!(w.nft_owner(3), w.curator);
    assert_eq!(w.shares_of(w.curator), U256::ZERO);
    // A contract calling the hook directly, claiming the curator sent a token.
    let fake = Address::from_tag("fake collection");
    assert_error(
        w.vault
            .sender(fake)
            .on_erc721_received(w.curator, w.curator, U256::from(9), w.encoded(9))
            .motsu_unwrap_err(),
        DepositRefused { collection: fake, tokenId: U256::from(9), from: w.curator },
    );
    assert_eq!(w.shares_of(w.curator), U256::ZERO);
}

#[motsu::test]
fn safe_transfer_without_provenance_is_refused() {
    let w = World::new();
    w.nft.sender(w.curator).mint(w.curator, U256::from(3)).motsu_unwrap();
    // No data at all: the vault reverts, so the transfer fails.
    w.nft.sender(w.curator).safe_transfer_from(w.curator, w.vault.address(), U256::from(3)).motsu_unwrap_err();
    assert_eq!(w.nft_owner(3), w.curator);
    // The collection delivering a listed token with malformed data: BadProvenance.
    let lister = Address::from_tag("lister");
    w.list(3, lister, GENESIS_SHARES);
    let mut bad = w.encoded(3).to_vec();
    bad[4 * 32 + 31] = 0x40; // wrong string offset
    let err = w
        .vault
        .sender(w.nft.address())
        .on_erc721_received(lister, lister, U256::from(3), bad.into())
        .motsu_unwrap_err();
    assert_error(err, BadProvenance {});
    let short = w.encoded(3).to_vec()[..100].to_vec();
    let err = w
        .vault
        .sender(w.nft.address())
        .on_erc721_received(lister, lister, U256::from(3), short.into())
        .motsu_unwrap_err();
    assert_error(err, BadProvenance {});
}

#[motsu::test]
fn deposits_outside_every_path_are_refused() {
    let w = World::new();
    let stranger = Address::from_tag("stranger");
    let nft = w.nft.address();
    // A stranger, by deposit and by safeTransferFrom.
    w.mint_approved(stranger, 1);
    assert_error(w.deposit(stranger, 1).motsu_unwrap_err(), DepositRefused { collection: nft, tokenId: U256::from(1), from: stranger });
    w.nft
        .sender(stranger)
        .safe_transfer_from_with_data(stranger, w.vault.address(), U256::from(1), w.encoded(1))
        .motsu_unwrap_err();
    assert_eq!(w.nft_owner(1), stranger);
    // The curator after bootstrap.
    w.vault.sender(w.curator).end_bootstrap().motsu_unwrap();
    w.mint_approved(w.curator, 2);
    assert_error(w.deposit(w.curator, 2).motsu_unwrap_err(), DepositRefused { collection: nft, tokenId: U256::from(2), from: w.curator });
    // A listing is for one depositor and one token.
    w.list(1, Address::from_tag("lister"), shares(10));
    assert_error(w.deposit(stranger, 1).motsu_unwrap_err(), DepositRefused { collection: nft, tokenId: U256::from(1), from: stranger });
    assert_eq!(w.shares_of(stranger), U256::ZERO);
}

#[motsu::test]
fn approved_listing_mints_its_shares_once() {
    let w = World::new();
    let lister = Address::from_tag("lister");
    let nft = w.nft.address();
    w.list(4, lister, shares(250));
    w.vault.assert_emitted(&ListingApproved { collection: nft, tokenId: U256::from(4), depositor: lister, shares: shares(250) });
    assert_eq!(w.vault.sender(w.admin).listing(nft, U256::from(4)), (lister, shares(250)));
    w.mint_approved(lister, 4);
    let id = w.deposit(lister, 4).motsu_unwrap();
    assert_eq!(w.shares_of(lister), shares(250));
    assert_eq!(w.vault.sender(w.admin).owner_of(id).motsu_unwrap(), lister);
    assert_eq!(w.vault.sender(w.admin).listing(nft, U256::from(4)), (Address::ZERO, U256::ZERO));
    // The listing is consumed: once the artwork is out again, it cannot be replayed.
    w.vault
        .sender(w.governor)
        .execute_action(crate::executor::RELEASE_ARTWORK, Address::ZERO, lister, id, U256::ZERO)
        .motsu_unwrap();
    assert_eq!(w.nft_owner(4), lister);
    w.nft.sender(lister).approve(w.vault.address(), U256::from(4)).motsu_unwrap();
    assert_error(w.deposit(lister, 4).motsu_unwrap_err(), DepositRefused { collection: nft, tokenId: U256::from(4), from: lister });
    assert_eq!(w.shares_of(lister), shares(250));
}

#[motsu::test]
fn listing_deposit_by_safe_transfer() {
    let w = World::new();
    let lister = Address::from_tag("lister");
    w.list(5, lister, shares(40));
    w.nft.sender(lister).mint(lister, U256::from(5)).motsu_unwrap();
    w.nft
        .sender(lister)
        .safe_transfer_from_with_data(lister, w.vault.address(), U256::from(5), w.encoded(5))
        .motsu_unwrap();
    assert_eq!(w.shares_of(lister), shares(40));
    assert_eq!(w.nft_owner(5), w.vault.address());
}

#[motsu::test]
fn treasury_acquisition_is_recorded_without_shares() {
    let w = World::new();
    let seller = Contract::<Wallet>::new();
    w.revenue(eth(10)); // 3 ETH to the acquisition bucket
    w.nft.sender(seller.address()).mint(seller.address(), U256::from(9)).motsu_unwrap();
    w.nft.sender(seller.address()).approve(w.treasury.address(), U256::from(9)).motsu_unwrap();
    let supply = w.token.sender(w.admin).total_supply();
    let (seed, model, prompt, artist, uri) = w.provenance(9);
    let id = w
        .treasury
        .sender(w.acquirer)
        .acquire(w.nft.address(), U256::from(9), seller.address(), eth(1), seed, model, prompt, artist, uri.into(), U256::MAX)
        .motsu_unwrap();
    assert_eq!(seller.balance(), eth(1));
    assert_eq!(w.nft_owner(9), w.vault.address());
    assert_eq!(w.token.sender(w.admin).total_supply(), supply);
    w.vault.assert_emitted(&ArtworkDeposited {
        artworkId: id,
        collection: w.nft.address(),
        tokenId: U256::from(9),
        depositor: w.treasury.address(),
        seed,
        modelId: model,
        promptHash: prompt,
        artist,
        uri: w.provenance(9).4,
        shares: U256::ZERO,
    });
    // The vault holds its steward token, outside the steward council.
    assert_eq!(w.vault.sender(w.admin).owner_of(id).motsu_unwrap(), w.vault.address());
    assert_eq!(w.vault.sender(w.admin).live_stewards(), U256::ZERO);
    // Only governance can take it out.
    assert_error(w.vault.sender(w.curator).redeem(id).motsu_unwrap_err(), NotRedeemable { artworkId: id });
    // Recording it again is refused.
    let err = w
        .vault
        .sender(w.treasury.address())
        .record_acquisition(w.nft.address(), U256::from(9), word(77), model, prompt, artist, String::new().into())
        .motsu_unwrap_err();
    assert_error(err, AlreadyRecorded { collection: w.nft.address(), tokenId: U256::from(9) });
}

#[motsu::test]
fn record_acquisition_refusals() {
    let w = World::new();
    let stranger = Address::from_tag("stranger");
    let (seed, model, prompt, artist, uri) = w.provenance(1);
    let nft = w.nft.address();
    let err = w
        .vault
        .sender(stranger)
        .record_acquisition(nft, U256::from(1), seed, model, prompt, artist, uri.clone().into())
        .motsu_unwrap_err();
    assert_error(err, Unauthorized { caller: stranger });
    // A token the vault does not hold.
    w.nft.sender(stranger).mint(stranger, U256::from(1)).motsu_unwrap();
    let err = w
        .vault
        .sender(w.treasury.address())
        .record_acquisition(nft, U256::from(1), seed, model, prompt, artist, uri.clone().into())
        .motsu_unwrap_err();
    assert_error(err, NotInCustody { collection: nft, tokenId: U256::from(1) });
    // A collection that does not answer ownerOf: on chain it reverts empty
    // (ExternalCallFailed); motsu answers with a message, passed through.
    let mute = Contract::<Wallet>::new();
    let err = w
        .vault
        .sender(w.treasury.address())
        .record_acquisition(mute.address(), U256::from(1), seed, model, prompt, artist, uri.into())
        .motsu_unwrap_err();
    assert!(
        matches!(&err, Error::Callee(_)) || Vec::<u8>::from(err) == Vec::<u8>::from(Error::from(ExternalCallFailed { target: mute.address() })),
        "a mute collection fails the acquisition"
    );
}

#[motsu::test]
fn a_token_already_in_custody_cannot_be_recorded_twice() {
    let w = World::new();
    w.genesis(1);
    // The collection (caller) announcing the same token again, as a listing.
    let lister = Address::from_tag("lister");
    w.list(1, lister, GENESIS_SHARES);
    let err = w
        .vault
        .sender(w.nft.address())
        .on_erc721_received(lister, lister, U256::from(1), w.encoded(1))
        .motsu_unwrap_err();
    assert_error(err, AlreadyRecorded { collection: w.nft.address(), tokenId: U256::from(1) });
}

#[motsu::test]
fn a_deposit_whose_seed_is_registered_joins_that_seed() {
    let w = World::new();
    w.genesis(1);
    w.mint_approved(w.curator, 2);
    let (seed, model, prompt, artist, uri) = w.provenance(1);
    w.vault
        .sender(w.curator)
        .deposit(w.nft.address(), U256::from(2), seed, model, prompt, artist, uri.into())
        .motsu_unwrap();
    assert_eq!(w.registry.sender(w.admin).seed_id_of(seed), U256::from(1));
    assert_eq!(w.registry.sender(w.admin).seed_count(), U256::from(1));
}

#[motsu::test]
fn a_registry_refusal_fails_the_deposit() {
    let w = World::new();
    w.mint_approved(w.curator, 2);
    let (_, model, prompt, artist, uri) = w.provenance(2);
    // The registry refuses a zero seed, by its own error.
    let err = w
        .vault
        .sender(w.curator)
        .deposit(w.nft.address(), U256::from(2), B256::ZERO, model, prompt, artist, uri.into())
        .motsu_unwrap_err();
    assert_callee_error::<atelier_curation::ZeroSeed>(err);
    assert_eq!(w.nft_owner(2), w.curator);
    assert_eq!(w.shares_of(w.curator), U256::ZERO);
}

/// `ArtworkDeposited` carries a uri of any length exactly (its string tail is
/// encoded by hand): one of 70 bytes spans three words, one of 64 exactly two.
#[motsu::test]
fn artwork_deposited_carries_long_uris_exactly() {
    let w = World::new();
    for (n, len) in [(11u64, 70usize), (12, 64), (13, 0)] {
        w.mint_approved(w.curator, n);
        let (seed, model, prompt, artist, _) = w.provenance(n);
        let uri: String = "ipfs://bafy".chars().cycle().take(len).collect();
        let id = w
            .vault
            .sender(w.curator)
            .deposit(w.nft.address(), U256::from(n), seed, model, prompt, artist, uri.clone().into())
            .motsu_unwrap();
        w.vault.assert_emitted(&ArtworkDeposited {
            artworkId: id,
            collection: w.nft.address(),
            tokenId: U256::from(n),
            depositor: w.curator,
            seed,
            modelId: model,
            promptHash: prompt,
            artist,
            uri,
            shares: GENESIS_SHARES,
        });
    }
}
