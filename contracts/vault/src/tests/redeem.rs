//! Redemption: burns the artwork's pro-rata claim (at least its issued shares)
//! plus the fee, sends the artwork out, burns the steward token; refused while
//! locked.
use alloy_primitives::{Address, U256};
use motsu::prelude::*;

use super::*;
use crate::{ArtworkLocked, ArtworkRedeemed, ERC721NonexistentToken, Transfer, UnknownArtwork, GENESIS_SHARES};

/// Two genesis artworks, both the curator's shares; no approval (the token
/// lets the vault burn its caller's shares).
fn world_with_two() -> World {
    let w = World::new();
    w.genesis(1);
    w.genesis(2);
    w
}

#[motsu::test]
fn redeem_burns_exactly_the_price() {
    let w = world_with_two();
    let id = U256::from(1);
    let fee = shares(25);
    let supply = w.token.sender(w.admin).total_supply();
    // Two artworks, 2,000 shares: the claim is 1,000 (= the issued shares).
    assert_eq!(w.vault.sender(w.admin).redemption_cost(id).motsu_unwrap(), (GENESIS_SHARES, fee));
    w.vault.sender(w.curator).redeem(id).motsu_unwrap();
    assert_eq!(w.token.sender(w.admin).total_supply(), supply - GENESIS_SHARES - fee);
    assert_eq!(w.shares_of(w.curator), shares(2_000) - GENESIS_SHARES - fee);
    assert_eq!(w.shares_of(w.treasury.address()), U256::ZERO, "the fee is burned");
    assert_eq!(w.nft_owner(1), w.curator);
    w.vault.assert_emitted(&ArtworkRedeemed { artworkId: id, redeemer: w.curator, sharesBurned: GENESIS_SHARES, fee });
    w.vault.assert_emitted(&Transfer { from: w.curator, to: Address::ZERO, tokenId: id });
    assert_error(w.vault.sender(w.admin).owner_of(id).motsu_unwrap_err(), ERC721NonexistentToken { tokenId: id });
    assert_eq!(w.vault.sender(w.admin).live_stewards(), U256::from(1));
    assert_eq!(w.vault.sender(w.admin).balance_of(w.curator).motsu_unwrap(), U256::from(1));
    let a = w.vault.sender(w.admin).artwork(id).motsu_unwrap().0;
    assert!(!a.8, "no longer held");
    // Gone: a second redemption is refused.
    assert_error(w.vault.sender(w.curator).redeem(id).motsu_unwrap_err(), UnknownArtwork { artworkId: id });
    assert_error(w.vault.sender(w.curator).redeem(U256::from(99)).motsu_unwrap_err(), UnknownArtwork { artworkId: U256::from(99) });
}

#[motsu::test]
fn anyone_with_the_price_may_redeem_without_a_fee_when_it_is_zero() {
    let w = World::new();
    w.genesis(1);
    w.vault
        .sender(w.governor)
        .execute_action(crate::executor::SET_PARAMS, w.vault.address(), Address::ZERO, U256::from(6), U256::ZERO)
        .motsu_unwrap();
    let buyer = Address::from_tag("buyer");
    w.token.sender(w.curator).transfer(buyer, GENESIS_SHARES).motsu_unwrap();
    w.vault.sender(buyer).redeem(U256::from(1)).motsu_unwrap();
    assert_eq!(w.shares_of(buyer), U256::ZERO);
    assert_eq!(w.shares_of(w.treasury.address()), U256::ZERO);
    assert_eq!(w.nft_owner(1), buyer);
    assert_eq!(w.token.sender(w.admin).total_supply(), U256::ZERO);
}

#[motsu::test]
fn redeem_without_the_price_fails_and_changes_nothing() {
    let w = World::new();
    // Two artworks: the first one's redemption owes a fee (the last one's cannot).
    w.genesis(1);
    w.genesis(2);
    // No approval is needed, but the price is: the curator keeps the claim
    // (1,000 shares) and not the fee.
    let other = Address::from_tag("other");
    w.token.sender(w.curator).transfer(other, GENESIS_SHARES).motsu_unwrap();
    let err = w.vault.sender(w.curator).redeem(U256::from(1)).motsu_unwrap_err();
    assert_callee_error::<atelier_fraction::ERC20InsufficientBalance>(err);
    assert_eq!(w.nft_owner(1), w.vault.address());
    assert_eq!(w.shares_of(w.curator), GENESIS_SHARES);
    assert_eq!(w.shares_of(other), GENESIS_SHARES, "a bystander's shares are never taken");
    assert_eq!(w.vault.sender(w.admin).owner_of(U256::from(1)).motsu_unwrap(), w.curator);
}

#[motsu::test]
fn redeem_is_refused_while_the_governor_reports_a_lock() {
    let w = world_with_two();
    let id = U256::from(1);
    let until = U256::from(T0 + 100);
    // The governor decides (`lockedUntil`: a proposal concerning the artwork
    // can still execute); the vault asks it at each redeem and in `artwork()`.
    assert_eq!(w.vault.sender(w.admin).artwork(id).motsu_unwrap().0.9, U256::ZERO);
    w.gov.sender(w.admin).set_locked_until(id, until);
    assert_eq!(w.vault.sender(w.admin).artwork(id).motsu_unwrap().0.9, until);
    let err = w.vault.sender(w.curator).redeem(id).motsu_unwrap_err();
    assert_error(err, ArtworkLocked { artworkId: id, lockedUntil: until });
    // Another artwork is not affected by it.
    assert_eq!(w.vault.sender(w.admin).artwork(U256::from(2)).motsu_unwrap().0.9, U256::ZERO);
    w.gov.sender(w.admin).set_locked_until(id, U256::ZERO);
    w.vault.sender(w.curator).redeem(id).motsu_unwrap();
    assert_eq!(w.nft_owner(1), w.curator);
}

mod props {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// For any fee and listed share count, redemption burns exactly
        /// `claim = max(issued, ceil(supply / artworks held))` plus
        /// floor(claim * fee / 10_000), all burned.
        #[test]
        fn redeem_takes_exactly_shares_plus_fee(fee_bps in 0u64..=5_000, issued in 1u128..=2_000_000_000_000_000_000_000u128) {
            let w = World::new();
            let lister = Address::from_tag("lister");
            let issued = U256::from(issued);
            w.vault
                .sender(w.governor)
                .execute_action(crate::executor::SET_PARAMS, w.vault.address(), Address::ZERO, U256::from(6), U256::from(fee_bps))
                .motsu_unwrap();
            w.list(1, lister, issued);
            w.mint_approved(lister, 1);
            w.deposit(lister, 1).motsu_unwrap();
            w.genesis(2);
            let supply = w.token.sender(w.admin).total_supply();
            let (claim, fee) = w.vault.sender(w.admin).redemption_cost(U256::from(1)).motsu_unwrap();
            prop_assert_eq!(claim, issued.max(supply.div_ceil(U256::from(2))));
            prop_assert_eq!(fee, claim * U256::from(fee_bps) / U256::from(10_000));
            // Top the lister up from the genesis shares when they suffice.
            let missing = (claim + fee).saturating_sub(issued);
            let curator_has = w.shares_of(w.curator);
            w.token.sender(w.curator).transfer(lister, missing.min(curator_has)).motsu_unwrap();
            let paid = w.vault.sender(lister).redeem(U256::from(1)).motsu_res();
            if missing <= curator_has {
                prop_assert!(paid.is_ok());
                prop_assert_eq!(w.token.sender(w.admin).total_supply(), supply - claim - fee);
                prop_assert_eq!(w.shares_of(w.treasury.address()), U256::ZERO);
            } else {
                prop_assert!(paid.is_err());
                prop_assert_eq!(w.token.sender(w.admin).total_supply(), supply);
            }
        }
    }
}
