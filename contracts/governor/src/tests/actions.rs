//! Each action kind executed, its effect observed on its target; exhibition
//! rights, licenses, and the redemption lock of concerned artworks.
use alloy_primitives::{Address, B256, U256};
use atelier_common::{
    errors::{EthTransferFailed, ParamOutOfBounds, Unauthorized},
    params::{curation, fraction, treasury, vault as vkeys},
};
use motsu::prelude::*;

use super::*;
use crate::{
    types::state::*, CreativeDirectionSet, ExhibitionGranted, LicenseActivated, LicenseAlreadyActive,
    LicenseApproved, ParamSet, UnknownArtwork, UnknownLicense, WrongPayment,
};

#[motsu::test]
fn set_creative_direction() {
    let w = World::new();
    assert_eq!(w.gov.sender(w.admin).creative_direction().0, (B256::ZERO, B256::ZERO, String::new()));
    let long = "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/direction.json";
    w.enact(vec![direction(word(5), word(6), long)]);
    w.gov.assert_emitted(&CreativeDirectionSet { modelId: word(5), promptHash: word(6), uri: String::from(long) });
    assert_eq!(w.gov.sender(w.admin).creative_direction().0, (word(5), word(6), String::from(long)));
    // A later, shorter direction replaces it whole.
    test_clock::advance(10_000);
    w.gov.sender(w.alice).propose(vec![direction(word(7), B256::ZERO, "")], "next".into()).motsu_unwrap();
    let actions = vec![direction(word(7), B256::ZERO, "")];
    let id = w.gov.sender(w.admin).hash_proposal(actions.clone(), alloy_primitives::keccak256(b"next"), w.alice);
    w.to_active(id);
    w.vote(w.curator, id, 1);
    w.to_end(id);
    w.gov.sender(w.admin).queue(id).motsu_unwrap();
    test_clock::set(w.times(id).2);
    w.gov.sender(w.admin).execute(actions, alloy_primitives::keccak256(b"next"), w.alice).motsu_unwrap();
    assert_eq!(w.gov.sender(w.admin).creative_direction().0, (word(7), B256::ZERO, String::new()));
}

#[motsu::test]
fn exhibition_grants_and_can_display() {
    let w = World::new();
    let gallery = Address::from_tag("gallery");
    let small = Address::from_tag("small");
    w.holder(small, shares(50) - U256::from(1));
    let until = T0 + 10_000;
    let v = |who: Address, artwork: u64| w.gov.sender(w.admin).can_display(who, u(artwork)).motsu_unwrap();
    // Holders of the display threshold may display; others may not.
    assert!(v(w.alice, 1));
    assert!(!v(small, 1));
    assert!(!v(gallery, 1));
    // Nothing outside custody.
    assert!(!v(w.alice, 9));
    w.enact(vec![grant(1, gallery, until)]);
    w.gov.assert_emitted(&ExhibitionGranted { artworkId: u(1), grantee: gallery, until: u(until) });
    assert_eq!(w.gov.sender(w.admin).grant_until(u(1), gallery), u(until));
    assert!(v(gallery, 1));
    assert!(!v(gallery, 2), "the grant is for artwork 1 only");
    test_clock::set(until);
    assert!(v(gallery, 1), "valid through its last second");
    test_clock::set(until + 1);
    assert!(!v(gallery, 1), "expired");
}

#[motsu::test]
fn licenses_are_approved_then_activated_by_paying_the_treasury() {
    let w = World::new();
    let payer = Account::from_tag("licensee");
    let licensee = payer.address();
    let fee = eth(2);
    assert_error(w.gov.sender(w.admin).license(u(1)).motsu_unwrap_err(), UnknownLicense { licenseId: u(1) });
    w.enact(vec![license(2, licensee, word(42), fee), license(3, w.bob, word(43), U256::ZERO)]);
    w.gov.assert_emitted(&LicenseApproved { licenseId: u(1), artworkId: u(2), licensee, termsHash: word(42), fee });
    w.gov.assert_emitted(&LicenseApproved { licenseId: u(2), artworkId: u(3), licensee: w.bob, termsHash: word(43), fee: U256::ZERO });
    assert_eq!(w.gov.sender(w.admin).license(u(1)).motsu_unwrap(), (u(2), licensee, word(42), fee, false));
    payer.fund(eth(10));
    w.bob.fund(eth(3));
    let err = w.gov.sender_and_value(licensee, fee).activate_license(u(9)).motsu_unwrap_err();
    assert_error(err, UnknownLicense { licenseId: u(9) });
    let err = w.gov.sender_and_value(w.bob, fee).activate_license(u(1)).motsu_unwrap_err();
    assert_error(err, Unauthorized { caller: w.bob });
    let err = w.gov.sender_and_value(licensee, fee - U256::from(1)).activate_license(u(1)).motsu_unwrap_err();
    assert_error(err, WrongPayment { expected: fee, sent: fee - U256::from(1) });
    let before = w.treasury.balance();
    w.gov.sender_and_value(licensee, fee).activate_license(u(1)).motsu_unwrap();
    w.gov.assert_emitted(&LicenseActivated { licenseId: u(1), licensee, fee });
    assert_eq!(w.treasury.balance(), before + fee);
    assert_eq!(w.gov.balance(), U256::ZERO);
    assert_eq!(payer.balance(), eth(8));
    assert!(w.gov.sender(w.admin).license(u(1)).motsu_unwrap().4);
    let err = w.gov.sender_and_value(licensee, fee).activate_license(u(1)).motsu_unwrap_err();
    assert_error(err, LicenseAlreadyActive { licenseId: u(1) });
    // A free license: nothing to forward.
    w.gov.sender(w.bob).activate_license(u(2)).motsu_unwrap();
    assert_eq!(w.treasury.balance(), before + fee);
}

/// The license record packs the licensee with its expiry and flag, and the
/// artwork with the fee: each field reads back whole at its widest, and
/// activating one license leaves its neighbours' fields alone.
#[motsu::test]
fn license_fields_keep_their_widest_values() {
    let w = World::new();
    let largest_fee = (U256::from(1) << 96) - U256::from(1);
    w.enact(vec![license(3, w.bob, B256::repeat_byte(0xff), largest_fee), license(2, w.alice, word(9), eth(1))]);
    assert_eq!(w.gov.sender(w.admin).license(u(1)).motsu_unwrap(), (u(3), w.bob, B256::repeat_byte(0xff), largest_fee, false));
    w.alice.fund(eth(1));
    w.gov.sender_and_value(w.alice, eth(1)).activate_license(u(2)).motsu_unwrap();
    assert_eq!(w.gov.sender(w.admin).license(u(2)).motsu_unwrap(), (u(2), w.alice, word(9), eth(1), true));
    assert_eq!(w.gov.sender(w.admin).license(u(1)).motsu_unwrap(), (u(3), w.bob, B256::repeat_byte(0xff), largest_fee, false));
}

#[motsu::test]
fn a_license_fee_the_treasury_refuses_fails_activation() {
    let refuser = Contract::<Refuser>::new();
    let w = World::with_refusing_treasury(refuser.address());
    let payer = Account::from_tag("licensee");
    let licensee = payer.address();
    w.enact(vec![license(1, licensee, word(1), eth(1))]);
    payer.fund(eth(1));
    let err = w.gov.sender_and_value(licensee, eth(1)).activate_license(u(1)).motsu_unwrap_err();
    assert_error(err, EthTransferFailed { to: refuser.address(), amount: eth(1) });
    assert!(!w.gov.sender(w.admin).license(u(1)).motsu_unwrap().4);
    assert_eq!(payer.balance(), eth(1));
}

#[motsu::test]
fn approve_listing_lets_the_depositor_deposit_for_the_listed_shares() {
    let w = World::new();
    let lister = Contract::<Wallet>::new();
    let nft = w.nft.address();
    w.enact(vec![listing(nft, 40, lister.address(), shares(120))]);
    w.vault.assert_emitted(&atelier_vault::ListingApproved { collection: nft, tokenId: u(40), depositor: lister.address(), shares: shares(120) });
    assert_eq!(w.vault.sender(w.admin).listing(nft, u(40)), (lister.address(), shares(120)));
    w.nft.sender(lister.address()).mint(lister.address(), u(40)).motsu_unwrap();
    w.nft.sender(lister.address()).approve(w.vault.address(), u(40)).motsu_unwrap();
    let (seed, model, prompt, artist, uri) = w.provenance(40);
    let id = w.vault.sender(lister.address()).deposit(nft, u(40), seed, model, prompt, artist, uri.into()).motsu_unwrap();
    assert_eq!(id, u(4));
    assert_eq!(w.shares_of(lister.address()), shares(120));
    assert_eq!(w.vault.sender(w.admin).owner_of(id).motsu_unwrap(), lister.address());
}

#[motsu::test]
fn set_params_on_the_governor_and_the_vault() {
    let w = World::new();
    let vault = w.vault.address();
    w.enact(vec![
        set_param(vault, vkeys::VOTING_PERIOD, u(2_000)),
        set_param(vault, vkeys::QUORUM_BPS, u(2_000)),
        set_param(vault, vkeys::REDEEM_FEE_BPS, u(100)),
    ]);
    w.gov.assert_emitted(&ParamSet { key: vkeys::VOTING_PERIOD, value: u(2_000) });
    assert_eq!(w.gov.sender(w.admin).param(vkeys::VOTING_PERIOD).motsu_unwrap(), u(2_000));
    assert_eq!(w.gov.sender(w.admin).param(vkeys::QUORUM_BPS).motsu_unwrap(), u(2_000));
    w.vault.assert_emitted(&atelier_vault::ParamSet { key: vkeys::REDEEM_FEE_BPS, value: u(100) });
    // New proposals use the new voting period.
    let id = w.propose(w.alice, simple(50)).motsu_unwrap();
    let (snapshot, end, ..) = w.times(id);
    assert_eq!(end - snapshot, 2_000);
}

#[motsu::test]
fn set_params_on_token_registry_and_treasury() {
    let w = World::new();
    w.enact(vec![
        set_param(w.token.address(), fraction::P0, eth(1)),
        set_param(w.registry.address(), curation::COOLDOWN, u(7_200)),
        set_param(w.treasury.address(), treasury::EPOCH, u(7_200)),
    ]);
    assert_eq!(w.token.sender(w.admin).param(fraction::P0).motsu_unwrap(), eth(1));
    assert_eq!(w.registry.sender(w.admin).param(curation::COOLDOWN).motsu_unwrap(), u(7_200));
    assert_eq!(w.treasury.sender(w.admin).param(treasury::EPOCH).motsu_unwrap(), u(7_200));
}

#[motsu::test]
fn a_value_out_of_the_targets_bounds_fails_at_execution() {
    let w = World::new();
    // The treasury's epoch is at least an hour.
    let actions = vec![set_param(w.treasury.address(), treasury::EPOCH, u(1))];
    let id = w.pass(actions.clone());
    // The treasury's own error reaches the executor, through the vault.
    let data: Vec<u8> = w.execute(actions).motsu_unwrap_err().into();
    assert_eq!(data.get(..4), Some(&<ParamOutOfBounds as alloy_sol_types::SolError>::SELECTOR[..]));
    assert_eq!(w.state(id), QUEUED);
    assert_eq!(w.treasury.sender(w.admin).param(treasury::EPOCH).motsu_unwrap(), u(86_400));
}

#[motsu::test]
fn release_artwork_sends_it_out() {
    let w = World::new();
    let to = Address::from_tag("museum");
    w.enact(vec![release(2, to)]);
    w.vault.assert_emitted(&atelier_vault::ArtworkReleased { artworkId: u(2), to });
    assert_eq!(w.nft_owner(2), to);
    assert_eq!(w.vault.sender(w.admin).live_stewards(), u(2));
    assert!(!w.gov.sender(w.admin).can_display(w.alice, u(2)).motsu_unwrap());
}

#[motsu::test]
fn an_artwork_gone_before_execution_fails_it() {
    let w = World::new();
    let hash = |d: &str| alloy_primitives::keccak256(d.as_bytes());
    let grant_it = vec![grant(1, w.bob, T0 + 100_000)];
    let release_it = vec![release(1, w.bob)];
    let g = w.gov.sender(w.alice).propose(grant_it.clone(), "grant".into()).motsu_unwrap();
    let r = w.gov.sender(w.alice).propose(release_it.clone(), "release".into()).motsu_unwrap();
    w.to_active(g);
    w.vote(w.curator, g, 1);
    w.vote(w.curator, r, 1);
    w.to_end(g);
    w.gov.sender(w.admin).queue(g).motsu_unwrap();
    w.gov.sender(w.admin).queue(r).motsu_unwrap();
    test_clock::set(w.times(g).2);
    w.gov.sender(w.admin).execute(release_it, hash("release"), w.alice).motsu_unwrap();
    assert_eq!(w.state(g), QUEUED);
    let err = w.gov.sender(w.admin).execute(grant_it, hash("grant"), w.alice).motsu_unwrap_err();
    assert_error(err, UnknownArtwork { artworkId: u(1) });
    assert_eq!(w.state(g), QUEUED);
}

#[motsu::test]
fn withdraw_reserve_pays_from_the_treasury() {
    let w = World::new();
    w.revenue(eth(10)); // 1 ETH to the reserve
    let to = Contract::<Wallet>::new();
    w.enact(vec![withdraw(to.address(), eth(1))]);
    assert_eq!(to.balance(), eth(1));
}

#[motsu::test]
fn redeem_is_locked_only_while_a_proposal_concerning_the_artwork_can_execute() {
    let w = World::new();
    let locked_until = |id: u64| w.vault.sender(w.admin).artwork(u(id)).motsu_unwrap().0.9;
    let locked = |id: u64, until: u64| atelier_vault::ArtworkLocked { artworkId: u(id), lockedUntil: u(until) };
    // Proposed, then passing its vote: the vote sets the lock through the queue
    // deadline, honoured once the proposal is Succeeded (voting is no commitment).
    let actions = vec![grant(1, w.bob, T0 + 100_000)];
    let id = w.propose(w.alice, actions.clone()).motsu_unwrap();
    assert_eq!(locked_until(1), U256::ZERO);
    w.to_active(id);
    w.vote(w.bob, id, 1); // 200 of 3,000 shares: below the 10 % quorum
    w.vote(w.alice, id, 1); // 500: quorum, for > against
    let (_, end, _, deadline) = w.times(id);
    assert_eq!(deadline, end + GRACE);
    assert_eq!(locked_until(1), U256::ZERO, "Active: not yet");
    // Succeeded (no transaction at the vote's end): locked.
    w.to_end(id);
    assert_eq!(w.state(id), SUCCEEDED);
    assert_eq!(locked_until(1), u(deadline - 1));
    // Only the concerned artwork.
    assert_eq!(locked_until(2), U256::ZERO);
    assert_eq!(locked_until(3), U256::ZERO);
    assert_error(w.vault.sender(w.curator).redeem(u(1)).motsu_unwrap_err(), locked(1, deadline - 1));
    // Queued: locked until it expires; executed: free.
    w.gov.sender(w.admin).queue(id).motsu_unwrap();
    let (.., eta, expires) = w.times(id);
    assert_eq!(w.vault.sender(w.admin).artwork(u(1)).motsu_unwrap().0.9, u(expires - 1));
    assert_error(w.vault.sender(w.curator).redeem(u(1)).motsu_unwrap_err(), locked(1, expires - 1));
    test_clock::set(eta);
    w.execute(actions).motsu_unwrap();
    assert_eq!(locked_until(1), U256::ZERO);
    w.vault.sender(w.curator).redeem(u(1)).motsu_unwrap();
    assert_eq!(w.nft_owner(1), w.curator);
}

#[motsu::test]
fn a_lock_ends_when_its_proposal_is_outvoted_vetoed_or_expires() {
    let w = World::new();
    let locked_until = |id: u64| w.vault.sender(w.admin).artwork(u(id)).motsu_unwrap().0.9;
    // Passing, then outvoted: defeated, the lock it set never holds.
    let id = w.propose(w.alice, vec![release(2, w.alice)]).motsu_unwrap();
    w.to_active(id);
    w.vote(w.alice, id, 1);
    w.vote(w.curator, id, 0);
    w.to_end(id);
    assert_eq!(w.state(id), DEFEATED);
    assert_eq!(locked_until(2), U256::ZERO);
    // Succeeded but never queued: free from the queue deadline on.
    let id = w.gov.sender(w.alice).propose(vec![release(2, w.alice)], "again".into()).motsu_unwrap();
    w.to_active(id);
    w.vote(w.curator, id, 1);
    let deadline = w.times(id).3;
    test_clock::set(deadline - 1);
    assert_eq!(locked_until(2), u(deadline - 1));
    test_clock::set(deadline);
    assert_eq!(w.state(id), EXPIRED);
    assert_eq!(locked_until(2), U256::ZERO);
    // Queued, then vetoed: free.
    let id = w.gov.sender(w.alice).propose(vec![release(2, w.alice)], "third".into()).motsu_unwrap();
    w.to_active(id);
    w.vote(w.curator, id, 1);
    w.to_end(id);
    w.gov.sender(w.admin).queue(id).motsu_unwrap();
    assert_ne!(locked_until(2), U256::ZERO);
    w.gov.sender(w.curator).veto(id, u(1)).motsu_unwrap();
    w.gov.sender(w.curator).veto(id, u(2)).motsu_unwrap();
    assert_eq!(w.state(id), VETOED);
    assert_eq!(locked_until(2), U256::ZERO);
}
