//! Red team of the three-slot license (licensee | expires | active; terms;
//! artwork id U64 | fee U96): every test plays one attack on the packing or on
//! the 96-bit fee and asserts the safe behaviour, so it fails if the attack
//! works.
use alloy_primitives::{keccak256, Address, B256, U256};
use atelier_common::{errors::Unauthorized, params::vault as vkeys};
use motsu::prelude::*;

use super::*;
use crate::{
    InsufficientProposerVotes, LicenseActivated, LicenseAlreadyActive, LicenseApproved, LicenseExpired,
    MalformedAction, UnknownArtwork, UnknownLicense, UnknownProposal, WrongPayment,
};

/// 2^96 - 1: the largest fee a license holds.
fn fee_max() -> U256 {
    (U256::from(1) << 96) - U256::from(1)
}

fn malformed(index: u64) -> MalformedAction {
    MalformedAction { index: u(index) }
}

/// The clock now (after `enact`: the second the proposal executed).
fn now() -> u64 {
    test_clock::get().expect("the world set the clock")
}

/// The license view, by the admin.
fn view(w: &World, id: U256) -> (U256, Address, B256, U256, bool) {
    w.gov.sender(w.admin).license(id).motsu_unwrap()
}

/// Attack: get a fee wider than 96 bits approved, so `apply_action`'s
/// `U96::saturating_from` silently lowers it (the licensee then pays
/// 2^96 - 1 for a license governance voted at more). Every oversized fee is
/// refused at `propose` (the one door to `execute`: a proposal's id is the hash
/// of its exact actions), before the artwork check and before the proposer's
/// threshold, at the index of the offending action; and an `execute` that
/// swaps an approved fee for a wider one names no proposal.
#[motsu::test]
fn a_fee_wider_than_96_bits_never_reaches_a_license() {
    let w = World::new();
    let ok = license(1, w.bob, word(1), eth(1));
    for fee in [U256::from(1) << 96, (U256::from(1) << 96) + U256::from(1), U256::from(1) << 128, U256::MAX] {
        let err = w.propose(w.alice, vec![license(2, w.bob, word(2), fee)]).motsu_unwrap_err();
        assert_error(err, malformed(0));
        let err = w.propose(w.alice, vec![ok.clone(), license(2, w.bob, word(2), fee), license(9, w.bob, word(3), eth(1))]).motsu_unwrap_err();
        assert_error(err, malformed(1));
        // Shape before custody: an unknown artwork with an oversized fee.
        assert_error(w.propose(w.alice, vec![license(9, w.bob, word(2), fee)]).motsu_unwrap_err(), malformed(0));
        // Shape before the threshold: a stranger without votes.
        assert_error(w.propose(w.stranger, vec![license(2, w.bob, word(2), fee)]).motsu_unwrap_err(), malformed(0));
    }
    // The stranger without a malformed action meets the threshold instead.
    let err = w.propose(w.stranger, vec![license(2, w.bob, word(2), fee_max())]).motsu_unwrap_err();
    assert_error(err, InsufficientProposerVotes { proposer: w.stranger, votes: U256::ZERO, threshold: shares(100) });
    // The widest fee passes; executing it with a wider fee is another (unknown) proposal.
    let approved = vec![license(2, w.bob, word(2), fee_max())];
    let id = w.pass(approved.clone());
    let widened = vec![license(2, w.bob, word(2), fee_max() + U256::from(1))];
    let other = w.gov.sender(w.admin).hash_proposal(widened.clone(), keccak256(DESC.as_bytes()), w.alice);
    assert_ne!(other, id);
    assert_error(w.execute(widened).motsu_unwrap_err(), UnknownProposal { proposalId: other });
    assert_error(w.gov.sender(w.admin).license(u(1)).motsu_unwrap_err(), UnknownLicense { licenseId: u(1) });
    w.execute(approved).motsu_unwrap();
    assert_eq!(view(&w, u(1)).3, fee_max());
}

/// Attack: activate the widest-fee license for less (or more) than approved,
/// hoping the 96-bit read rounds or the check compares a narrowed value. One
/// wei short or over is `WrongPayment` naming the whole fee; the exact fee
/// activates and reaches the treasury whole, and the events carry it.
#[motsu::test]
fn the_widest_fee_is_paid_to_the_wei() {
    let w = World::new();
    let payer = Account::from_tag("licensee");
    let licensee = payer.address();
    w.enact(vec![license(3, licensee, word(7), fee_max())]);
    w.gov.assert_emitted(&LicenseApproved { licenseId: u(1), artworkId: u(3), licensee, termsHash: word(7), fee: fee_max() });
    payer.fund(fee_max() + U256::from(1));
    for sent in [U256::ZERO, U256::from(1), fee_max() - U256::from(1), fee_max() + U256::from(1), (U256::from(1) << 64) - U256::from(1)] {
        let err = w.gov.sender_and_value(licensee, sent).activate_license(u(1)).motsu_unwrap_err();
        assert_error(err, WrongPayment { expected: fee_max(), sent });
        assert!(!view(&w, u(1)).4);
    }
    let before = w.treasury.balance();
    w.gov.sender_and_value(licensee, fee_max()).activate_license(u(1)).motsu_unwrap();
    w.gov.assert_emitted(&LicenseActivated { licenseId: u(1), licensee, fee: fee_max() });
    assert_eq!(w.treasury.balance(), before + fee_max());
    assert_eq!(w.gov.balance(), U256::ZERO);
    assert_eq!(view(&w, u(1)), (u(3), licensee, word(7), fee_max(), true));
}

/// Attack: read the fee through the artwork id's 64-bit lane (or the other way
/// round). Fees just above 2^64 and with every bit of either lane set read
/// back whole beside their artwork ids, and are what activation asks for.
#[motsu::test]
fn the_fee_and_the_artwork_id_do_not_share_bits() {
    let w = World::new();
    let low = U256::from(u64::MAX);
    let just_above = (U256::from(1) << 64) + U256::from(5);
    let high_only = fee_max() - low;
    w.enact(vec![
        license(1, w.alice, word(1), low),
        license(3, w.bob, word(2), just_above),
        license(2, w.alice, word(3), high_only),
        license(3, w.alice, word(4), U256::from(1)),
    ]);
    assert_eq!(view(&w, u(1)), (u(1), w.alice, word(1), low, false));
    assert_eq!(view(&w, u(2)), (u(3), w.bob, word(2), just_above, false));
    assert_eq!(view(&w, u(3)), (u(2), w.alice, word(3), high_only, false));
    assert_eq!(view(&w, u(4)), (u(3), w.alice, word(4), U256::from(1), false));
    w.bob.fund(just_above);
    let err = w.gov.sender_and_value(w.bob, U256::from(5)).activate_license(u(2)).motsu_unwrap_err();
    assert_error(err, WrongPayment { expected: just_above, sent: U256::from(5) });
    w.gov.sender_and_value(w.bob, just_above).activate_license(u(2)).motsu_unwrap();
    assert_eq!(view(&w, u(2)), (u(3), w.bob, word(2), just_above, true));
    // The neighbours kept every field.
    assert_eq!(view(&w, u(1)), (u(1), w.alice, word(1), low, false));
    assert_eq!(view(&w, u(3)), (u(2), w.alice, word(3), high_only, false));
}

/// Attack: a free (zero-fee) license as a way to slip value past the check or
/// to activate twice. It takes exactly nothing (one wei is `WrongPayment`),
/// forwards nothing, and the flag set by activation (in the licensee's slot)
/// neither erases the licensee (a second try is `LicenseAlreadyActive`, not
/// `UnknownLicense` or `Unauthorized`) nor revives it once the approval lapsed.
#[motsu::test]
fn a_free_license_takes_nothing_and_activates_once() {
    let w = World::new();
    w.enact(vec![license(2, w.bob, word(5), U256::ZERO)]);
    let executed = now();
    w.bob.fund(eth(1));
    let err = w.gov.sender_and_value(w.bob, U256::from(1)).activate_license(u(1)).motsu_unwrap_err();
    assert_error(err, WrongPayment { expected: U256::ZERO, sent: U256::from(1) });
    let before = w.treasury.balance();
    w.gov.sender(w.bob).activate_license(u(1)).motsu_unwrap();
    w.gov.assert_emitted(&LicenseActivated { licenseId: u(1), licensee: w.bob, fee: U256::ZERO });
    assert_eq!(w.treasury.balance(), before);
    assert_eq!(view(&w, u(1)), (u(2), w.bob, word(5), U256::ZERO, true));
    assert_error(w.gov.sender(w.bob).activate_license(u(1)).motsu_unwrap_err(), LicenseAlreadyActive { licenseId: u(1) });
    assert_error(w.gov.sender(w.alice).activate_license(u(1)).motsu_unwrap_err(), Unauthorized { caller: w.alice });
    test_clock::set(executed + GRACE + 10);
    assert_error(w.gov.sender(w.bob).activate_license(u(1)).motsu_unwrap_err(), LicenseAlreadyActive { licenseId: u(1) });
    assert_eq!(view(&w, u(1)), (u(2), w.bob, word(5), U256::ZERO, true));
}

/// Attack: activate at the lapse second (an off-by-one in `expires`, or an
/// expiry clobbered by the licensee or flag written beside it). The approval
/// executed at E is activatable through E + grace - 1 and refused from
/// E + grace, `LicenseExpired` naming that second.
#[motsu::test]
fn an_approval_lapses_exactly_a_grace_period_after_execution() {
    let w = World::new();
    w.enact(vec![license(1, w.alice, word(1), eth(1)), license(1, w.bob, word(2), eth(1))]);
    let executed = now();
    w.alice.fund(eth(1));
    w.bob.fund(eth(1));
    test_clock::set(executed + GRACE - 1);
    w.gov.sender_and_value(w.alice, eth(1)).activate_license(u(1)).motsu_unwrap();
    test_clock::set(executed + GRACE);
    let err = w.gov.sender_and_value(w.bob, eth(1)).activate_license(u(2)).motsu_unwrap_err();
    assert_error(err, LicenseExpired { licenseId: u(2), expiredAt: u(executed + GRACE) });
    assert!(view(&w, u(1)).4);
    assert!(!view(&w, u(2)).4);
}

/// Attack: a SetParams in the same proposal as licenses rewrites the slot that
/// holds `licenseCount` (with the timelock, grace period, quorum and proposal
/// threshold), so a later approval reuses an id and overwrites a paid license,
/// or a license write clobbers a parameter. Ids stay 1, 2, 3 across the change,
/// the parameters read back, and each approval takes the grace period in force
/// when it is applied.
#[motsu::test]
fn license_ids_survive_parameter_writes_to_their_slot() {
    let w = World::new();
    let threshold = shares(300) - U256::from(1);
    let vault = w.vault.address();
    w.enact(vec![
        license(1, w.alice, word(1), eth(1)),
        set_param(vault, vkeys::PROPOSAL_THRESHOLD, threshold),
        set_param(vault, vkeys::GRACE_PERIOD, u(2 * GRACE)),
        license(2, w.bob, word(2), eth(2)),
    ]);
    let executed = now();
    w.gov.assert_emitted(&LicenseApproved { licenseId: u(2), artworkId: u(2), licensee: w.bob, termsHash: word(2), fee: eth(2) });
    let param = |key: u8| w.gov.sender(w.admin).param(key).motsu_unwrap();
    assert_eq!(param(vkeys::PROPOSAL_THRESHOLD), threshold);
    assert_eq!(param(vkeys::GRACE_PERIOD), u(2 * GRACE));
    assert_eq!(param(vkeys::TIMELOCK), u(TIMELOCK));
    assert_eq!(param(vkeys::QUORUM_BPS), u(QUORUM_BPS));
    assert_eq!(view(&w, u(1)), (u(1), w.alice, word(1), eth(1), false));
    assert_eq!(view(&w, u(2)), (u(2), w.bob, word(2), eth(2), false));
    assert_error(w.gov.sender(w.admin).license(u(3)).motsu_unwrap_err(), UnknownLicense { licenseId: u(3) });
    // The first approval took the old grace, the second the new one.
    w.alice.fund(eth(1));
    w.bob.fund(eth(2));
    test_clock::set(executed + GRACE);
    let err = w.gov.sender_and_value(w.alice, eth(1)).activate_license(u(1)).motsu_unwrap_err();
    assert_error(err, LicenseExpired { licenseId: u(1), expiredAt: u(executed + GRACE) });
    w.gov.sender_and_value(w.bob, eth(2)).activate_license(u(2)).motsu_unwrap();
    // A later approval gets the next id; the paid one is untouched.
    test_clock::set(executed + 2 * GRACE + 1);
    w.enact(vec![license(3, w.stranger, word(3), eth(3))]);
    assert_eq!(view(&w, u(3)), (u(3), w.stranger, word(3), eth(3), false));
    assert_eq!(view(&w, u(2)), (u(2), w.bob, word(2), eth(2), true));
    assert_eq!(param(vkeys::PROPOSAL_THRESHOLD), threshold);
}

/// Attack: reach license 1 by another id (an id that agrees with it in its low
/// 64 bits, the width of `licenseCount`, or id 0). Each is `UnknownLicense`
/// for the view and for activation, whatever is paid.
#[motsu::test]
fn no_other_id_aliases_a_license() {
    let w = World::new();
    w.enact(vec![license(1, w.alice, word(1), U256::ZERO)]);
    for id in [U256::ZERO, u(2), (U256::from(1) << 64) + u(1), (U256::from(1) << 96) + u(1), U256::MAX] {
        assert_error(w.gov.sender(w.admin).license(id).motsu_unwrap_err(), UnknownLicense { licenseId: id });
        assert_error(w.gov.sender(w.alice).activate_license(id).motsu_unwrap_err(), UnknownLicense { licenseId: id });
    }
    assert!(!view(&w, u(1)).4);
}

/// Attack: pay for a license whose artwork left custody in the same proposal
/// (or pay wrongly and learn nothing from the order of checks). The checks run
/// licensee, caller, active, expiry, payment, then custody: a stranger is
/// `Unauthorized` even on a lapsed approval, a lapsed approval is
/// `LicenseExpired` whatever is paid, and the exact fee for a released artwork
/// is `UnknownArtwork`, leaving the license inactive and the treasury unpaid.
#[motsu::test]
fn activation_checks_run_in_order_and_custody_last() {
    let w = World::new();
    let museum = Address::from_tag("museum");
    w.enact(vec![license(1, w.alice, word(1), eth(1)), release(1, museum), license(2, w.bob, word(2), eth(1))]);
    let executed = now();
    assert_eq!(w.nft_owner(1), museum);
    w.alice.fund(eth(3));
    w.bob.fund(eth(3));
    w.stranger.fund(eth(1));
    let err = w.gov.sender_and_value(w.alice, eth(2)).activate_license(u(1)).motsu_unwrap_err();
    assert_error(err, WrongPayment { expected: eth(1), sent: eth(2) });
    let before = w.treasury.balance();
    let err = w.gov.sender_and_value(w.alice, eth(1)).activate_license(u(1)).motsu_unwrap_err();
    assert_error(err, UnknownArtwork { artworkId: u(1) });
    assert!(!view(&w, u(1)).4);
    assert_eq!(w.treasury.balance(), before);
    test_clock::set(executed + GRACE);
    let err = w.gov.sender_and_value(w.stranger, eth(1)).activate_license(u(2)).motsu_unwrap_err();
    assert_error(err, Unauthorized { caller: w.stranger });
    let err = w.gov.sender_and_value(w.bob, eth(2)).activate_license(u(2)).motsu_unwrap_err();
    assert_error(err, LicenseExpired { licenseId: u(2), expiredAt: u(executed + GRACE) });
    let err = w.gov.sender_and_value(w.alice, eth(1)).activate_license(u(1)).motsu_unwrap_err();
    assert_error(err, LicenseExpired { licenseId: u(1), expiredAt: u(executed + GRACE) });
}
