//! `executeAction` (the governor's effects through the vault): listings,
//! parameters of the vault and of the other contracts, releases, reserve
//! withdrawals, rescues of tokens outside custody; governor only.
use alloy_primitives::{Address, U256};
use atelier_common::{
    errors::{ParamOutOfBounds, Unauthorized, UnknownParam},
    params::{curation, fraction, treasury, vault::REDEEM_FEE_BPS},
};
use motsu::prelude::*;

use super::*;
use crate::{
    executor::{APPROVE_LISTING, RELEASE_ARTWORK, RESCUE_TOKEN, SET_PARAMS, WITHDRAW_RESERVE},
    AlreadyRecorded, ArtworkReleased, ParamSet, TokenRescued, UnknownAction, UnknownArtwork,
};

#[motsu::test]
fn only_the_governor_acts_and_only_known_kinds() {
    let w = World::new();
    let stranger = Address::from_tag("stranger");
    let err = w
        .vault
        .sender(stranger)
        .execute_action(APPROVE_LISTING, w.nft.address(), stranger, U256::from(1), shares(1))
        .motsu_unwrap_err();
    assert_error(err, Unauthorized { caller: stranger });
    for kind in [0u8, 1, 2, 9, 255] {
        let err = w
            .vault
            .sender(w.governor)
            .execute_action(kind, Address::ZERO, Address::ZERO, U256::ZERO, U256::ZERO)
            .motsu_unwrap_err();
        assert_error(err, UnknownAction { kind });
    }
}

#[motsu::test]
fn set_params_on_the_vault_is_bounded() {
    let w = World::new();
    let vault = w.vault.address();
    let g = || w.vault.sender(w.governor);
    g().execute_action(SET_PARAMS, vault, Address::ZERO, U256::from(REDEEM_FEE_BPS), U256::from(5_000)).motsu_unwrap();
    w.vault.assert_emitted(&ParamSet { key: REDEEM_FEE_BPS, value: U256::from(5_000) });
    let err = g().execute_action(SET_PARAMS, vault, Address::ZERO, U256::from(REDEEM_FEE_BPS), U256::from(5_001)).motsu_unwrap_err();
    assert_error(err, ParamOutOfBounds { key: REDEEM_FEE_BPS, value: U256::from(5_001), min: U256::ZERO, max: U256::from(5_000) });
    // Governance keys live in the governor.
    let err = g().execute_action(SET_PARAMS, vault, Address::ZERO, U256::from(0), U256::from(60)).motsu_unwrap_err();
    assert_error(err, UnknownParam { key: 0 });
}

#[motsu::test]
fn set_params_is_forwarded_to_the_other_contracts() {
    let w = World::new();
    let g = || w.vault.sender(w.governor);
    g().execute_action(SET_PARAMS, w.token.address(), Address::ZERO, U256::from(fraction::P0), eth(1)).motsu_unwrap();
    assert_eq!(w.token.sender(w.admin).param(fraction::P0).motsu_unwrap(), eth(1));
    g().execute_action(SET_PARAMS, w.registry.address(), Address::ZERO, U256::from(curation::COOLDOWN), U256::from(7_200)).motsu_unwrap();
    assert_eq!(w.registry.sender(w.admin).param(curation::COOLDOWN).motsu_unwrap(), U256::from(7_200));
    g().execute_action(SET_PARAMS, w.treasury.address(), Address::ZERO, U256::from(treasury::EPOCH), U256::from(7_200)).motsu_unwrap();
    assert_eq!(w.treasury.sender(w.admin).param(treasury::EPOCH).motsu_unwrap(), U256::from(7_200));
    // Each target enforces its own bounds: the call fails with its error.
    for target in [w.token.address(), w.registry.address(), w.treasury.address()] {
        let err = g().execute_action(SET_PARAMS, target, Address::ZERO, U256::from(3), U256::MAX).motsu_unwrap_err();
        assert_callee_error::<ParamOutOfBounds>(err);
    }
}

#[motsu::test]
fn release_sends_the_artwork_and_burns_its_steward_token() {
    let w = World::new();
    let id = w.genesis(1);
    w.genesis(2);
    let to = Address::from_tag("buyer");
    w.vault.sender(w.governor).execute_action(RELEASE_ARTWORK, Address::ZERO, to, id, U256::ZERO).motsu_unwrap();
    w.vault.assert_emitted(&ArtworkReleased { artworkId: id, to });
    assert_eq!(w.nft_owner(1), to);
    assert_eq!(w.vault.sender(w.admin).live_stewards(), U256::from(1));
    assert!(w.vault.sender(w.admin).owner_of(id).is_err());
    // The shares stay: a release is governance's decision, not a redemption.
    assert_eq!(w.shares_of(w.curator), shares(2_000));
    let err = w.vault.sender(w.governor).execute_action(RELEASE_ARTWORK, Address::ZERO, to, id, U256::ZERO).motsu_unwrap_err();
    assert_error(err, UnknownArtwork { artworkId: id });
}

#[motsu::test]
fn release_of_an_acquired_artwork() {
    let w = World::new();
    let seller = Contract::<Wallet>::new();
    w.revenue(eth(10));
    w.nft.sender(seller.address()).mint(seller.address(), U256::from(9)).motsu_unwrap();
    w.nft.sender(seller.address()).approve(w.treasury.address(), U256::from(9)).motsu_unwrap();
    let (seed, model, prompt, artist, uri) = w.provenance(9);
    let id = w
        .treasury
        .sender(w.acquirer)
        .acquire(w.nft.address(), U256::from(9), seller.address(), eth(1), seed, model, prompt, artist, uri.into(), U256::MAX)
        .motsu_unwrap();
    let to = Contract::<Wallet>::new();
    w.vault.sender(w.governor).execute_action(RELEASE_ARTWORK, Address::ZERO, to.address(), id, U256::ZERO).motsu_unwrap();
    assert_eq!(w.nft_owner(9), to.address());
    assert_eq!(w.vault.sender(w.admin).live_stewards(), U256::ZERO);
}

#[motsu::test]
fn withdraw_reserve_pays_from_the_treasury() {
    let w = World::new();
    w.revenue(eth(10)); // 1 ETH to the reserve
    let to = Contract::<Wallet>::new();
    w.vault
        .sender(w.governor)
        .execute_action(WITHDRAW_RESERVE, Address::ZERO, to.address(), U256::ZERO, eth(1) / U256::from(2))
        .motsu_unwrap();
    assert_eq!(to.balance(), eth(1) / U256::from(2));
    // More than the reserve: the treasury refuses, by its own error.
    let err = w
        .vault
        .sender(w.governor)
        .execute_action(WITHDRAW_RESERVE, Address::ZERO, to.address(), U256::ZERO, eth(1))
        .motsu_unwrap_err();
    assert_callee_error::<atelier_treasury::InsufficientBucket>(err);
}

#[motsu::test]
fn rescue_returns_only_tokens_outside_custody() {
    let w = World::new();
    w.genesis(1);
    let sender = Address::from_tag("sender");
    w.nft.sender(sender).mint(sender, U256::from(9)).motsu_unwrap();
    w.nft.sender(sender).transfer_from(sender, w.vault.address(), U256::from(9)).motsu_unwrap();
    let rescue = |id: u64| w.vault.sender(w.governor).execute_action(RESCUE_TOKEN, w.nft.address(), sender, U256::from(id), U256::ZERO);
    let err = rescue(1).motsu_unwrap_err();
    assert_error(err, AlreadyRecorded { collection: w.nft.address(), tokenId: U256::from(1) });
    let stranger = Address::from_tag("stranger");
    let err = w.vault.sender(stranger).execute_action(RESCUE_TOKEN, w.nft.address(), stranger, U256::from(9), U256::ZERO).motsu_unwrap_err();
    assert_error(err, Unauthorized { caller: stranger });
    rescue(9).motsu_unwrap();
    w.vault.assert_emitted(&TokenRescued { collection: w.nft.address(), tokenId: U256::from(9), to: sender });
    assert_eq!(w.nft_owner(9), sender);
    assert_eq!(w.nft_owner(1), w.vault.address());
}
