//! setPremium: keeper only, inside the box, bounded step, once per interval.
use alloy_primitives::{uint, Address, U256};
use atelier_common::{clock::test_clock, errors::Unauthorized};
use motsu::prelude::*;

use super::*;
use crate::{
    Error, FractionToken, PremiumOutOfBounds, PremiumSet, PremiumStepTooLarge, PremiumUpdateTooSoon,
};

#[motsu::test]
fn keeper_moves_the_premium(token: Contract<FractionToken>, treasury: Address) {
    let roles = wired(&token, treasury);
    let up = WAD + PREMIUM_STEP;
    token.sender(roles.keeper).set_premium(up).motsu_unwrap();
    assert_eq!(token.sender(roles.keeper).premium(), up);
    assert_eq!(
        token.sender(roles.keeper).premium_updated_at(),
        U256::from(START)
    );
    token.assert_emitted(&PremiumSet {
        oldPremium: WAD,
        newPremium: up,
    });
    // The sale price follows the premium.
    assert_eq!(
        token.sender(roles.keeper).spot_price().motsu_unwrap(),
        P0 * up / WAD
    );
}

#[motsu::test]
fn only_the_keeper(token: Contract<FractionToken>, treasury: Address, alice: Address) {
    let roles = wired(&token, treasury);
    let err = token.sender(alice).set_premium(WAD).motsu_unwrap_err();
    assert!(matches!(err, Error::Unauthorized(Unauthorized { caller }) if caller == alice));
    let _ = roles;
}

#[motsu::test]
fn inside_the_box(token: Contract<FractionToken>, treasury: Address) {
    let roles = wired(&token, treasury);
    let low = PREMIUM_MIN - U256::from(1u8);
    let err = token
        .sender(roles.keeper)
        .set_premium(low)
        .motsu_unwrap_err();
    assert!(
        matches!(err, Error::PremiumOutOfBounds(PremiumOutOfBounds { premium, min, max })
        if premium == low && min == PREMIUM_MIN && max == PREMIUM_MAX)
    );
    let err = token
        .sender(roles.keeper)
        .set_premium(PREMIUM_MAX + U256::from(1u8))
        .motsu_unwrap_err();
    assert!(matches!(err, Error::PremiumOutOfBounds(_)));
}

#[motsu::test]
fn bounded_step(token: Contract<FractionToken>, treasury: Address) {
    let roles = wired(&token, treasury);
    let too_far = WAD + PREMIUM_STEP + U256::from(1u8);
    let err = token
        .sender(roles.keeper)
        .set_premium(too_far)
        .motsu_unwrap_err();
    assert!(
        matches!(err, Error::PremiumStepTooLarge(PremiumStepTooLarge { current, requested, maxStep })
        if current == WAD && requested == too_far && maxStep == PREMIUM_STEP)
    );
    let down = WAD - PREMIUM_STEP - U256::from(1u8);
    assert!(matches!(
        token
            .sender(roles.keeper)
            .set_premium(down)
            .motsu_unwrap_err(),
        Error::PremiumStepTooLarge(_)
    ));
    token
        .sender(roles.keeper)
        .set_premium(WAD - PREMIUM_STEP)
        .motsu_unwrap();
}

#[motsu::test]
fn once_per_interval(token: Contract<FractionToken>, treasury: Address) {
    let roles = wired(&token, treasury);
    let step = uint!(50_000_000_000_000_000_U256);
    token
        .sender(roles.keeper)
        .set_premium(WAD + step)
        .motsu_unwrap();
    test_clock::advance(PREMIUM_INTERVAL - 1);
    let err = token
        .sender(roles.keeper)
        .set_premium(WAD)
        .motsu_unwrap_err();
    assert!(
        matches!(err, Error::PremiumUpdateTooSoon(PremiumUpdateTooSoon { nextUpdateAt })
        if nextUpdateAt == U256::from(START + PREMIUM_INTERVAL))
    );
    test_clock::advance(1);
    token.sender(roles.keeper).set_premium(WAD).motsu_unwrap();
    assert_eq!(token.sender(roles.keeper).premium(), WAD);
}
