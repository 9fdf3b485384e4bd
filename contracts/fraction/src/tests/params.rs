//! setParam / param: every key, its hard bounds, the premium clamp.
use alloy_primitives::{uint, Address, U256};
use atelier_common::{
    errors::{ParamOutOfBounds, Unauthorized, UnknownParam},
    params::fraction,
};
use motsu::prelude::*;

use super::*;
use crate::{config::*, Error, FractionToken, ParamSet, PremiumSet};

/// (key, lowest valid, highest valid) with the fixture state (premium 1,
/// box [0.5, 2], no supply).
fn table() -> [(u8, U256, U256); 10] {
    [
        (fraction::P0, P0_MIN, P0_MAX),
        (fraction::DECAY, DECAY_MIN, DECAY_MAX),
        (fraction::TARGET_RATE, RATE_MIN, RATE_MAX),
        (fraction::SALE_START, U256::ZERO, U256::from(SALE_START_MAX)),
        (fraction::PREMIUM_MIN, PREMIUM_FLOOR, PREMIUM_MAX),
        (fraction::PREMIUM_MAX, PREMIUM_MIN, PREMIUM_CEIL),
        (fraction::PREMIUM_MAX_STEP, PREMIUM_STEP_MIN, PREMIUM_CEIL),
        (
            fraction::PREMIUM_INTERVAL,
            U256::from(PREMIUM_INTERVAL_MIN),
            U256::from(PREMIUM_INTERVAL_MAX),
        ),
        (fraction::MAX_SUPPLY, U256::from(1u8), SUPPLY_CAP),
        (fraction::PAUSED, U256::ZERO, U256::from(1u8)),
    ]
}

#[motsu::test]
fn every_key_accepts_its_bounds_and_refuses_beyond(
    token: Contract<FractionToken>,
    treasury: Address,
) {
    let roles = wired(&token, treasury);
    for (key, min, max) in table() {
        if !min.is_zero() {
            let below = min - U256::from(1u8);
            let err = token
                .sender(roles.vault)
                .set_param(key, below)
                .motsu_unwrap_err();
            assert!(
                matches!(err, Error::ParamOutOfBounds(ParamOutOfBounds { key: k, value, min: lo, max: hi })
                if k == key && value == below && lo == min && hi == max),
                "key {key} below"
            );
        }
        let above = max + U256::from(1u8);
        let err = token
            .sender(roles.vault)
            .set_param(key, above)
            .motsu_unwrap_err();
        assert!(
            matches!(err, Error::ParamOutOfBounds(ParamOutOfBounds { key: k, .. }) if k == key),
            "key {key} above"
        );
        for value in [min, max] {
            // Keep the premium box consistent for the next keys.
            token
                .sender(roles.vault)
                .set_param(key, value)
                .motsu_unwrap();
            assert_eq!(
                token.sender(roles.vault).param(key).motsu_unwrap(),
                value,
                "key {key}"
            );
            token.assert_emitted(&ParamSet { key, value });
        }
        // Restore the fixture value.
        let restore = match key {
            fraction::P0 => P0,
            fraction::DECAY => DECAY,
            fraction::TARGET_RATE => RATE,
            fraction::SALE_START => U256::from(START),
            fraction::PREMIUM_MIN => PREMIUM_MIN,
            fraction::PREMIUM_MAX => PREMIUM_MAX,
            fraction::PREMIUM_MAX_STEP => PREMIUM_STEP,
            fraction::PREMIUM_INTERVAL => U256::from(PREMIUM_INTERVAL),
            fraction::MAX_SUPPLY => MAX_SUPPLY,
            _ => U256::ZERO,
        };
        token
            .sender(roles.vault)
            .set_param(key, restore)
            .motsu_unwrap();
    }
}

#[motsu::test]
fn keeper_param_is_a_nonzero_address(
    token: Contract<FractionToken>,
    treasury: Address,
    carol: Address,
) {
    let roles = wired(&token, treasury);
    let err = token
        .sender(roles.vault)
        .set_param(fraction::KEEPER, U256::ZERO)
        .motsu_unwrap_err();
    assert!(
        matches!(err, Error::ParamOutOfBounds(ParamOutOfBounds { key, .. }) if key == fraction::KEEPER)
    );
    let err = token
        .sender(roles.vault)
        .set_param(fraction::KEEPER, U256::from(1u8) << 160)
        .motsu_unwrap_err();
    assert!(
        matches!(err, Error::ParamOutOfBounds(ParamOutOfBounds { max, .. }) if max == ADDRESS_MAX)
    );
    token
        .sender(roles.vault)
        .set_param(fraction::KEEPER, address_word(carol))
        .motsu_unwrap();
    assert_eq!(
        token.sender(carol).param(fraction::KEEPER).motsu_unwrap(),
        address_word(carol)
    );
    token
        .sender(carol)
        .set_premium(WAD + PREMIUM_STEP)
        .motsu_unwrap();
    let err = token
        .sender(roles.keeper)
        .set_premium(WAD)
        .motsu_unwrap_err();
    assert!(matches!(err, Error::Unauthorized(_)));
}

#[motsu::test]
fn only_the_vault_sets_known_keys(
    token: Contract<FractionToken>,
    treasury: Address,
    alice: Address,
) {
    let roles = wired(&token, treasury);
    let err = token
        .sender(alice)
        .set_param(fraction::P0, P0)
        .motsu_unwrap_err();
    assert!(matches!(err, Error::Unauthorized(Unauthorized { caller }) if caller == alice));
    let err = token
        .sender(roles.vault)
        .set_param(fraction::COUNT, U256::ZERO)
        .motsu_unwrap_err();
    assert!(matches!(err, Error::UnknownParam(UnknownParam { key }) if key == fraction::COUNT));
    let err = token
        .sender(alice)
        .param(fraction::COUNT)
        .motsu_unwrap_err();
    assert!(matches!(err, Error::UnknownParam(UnknownParam { .. })));
}

#[motsu::test]
fn premium_bounds_clamp_the_premium(token: Contract<FractionToken>, treasury: Address) {
    let roles = wired(&token, treasury);
    let min = uint!(1_500_000_000_000_000_000_U256);
    token
        .sender(roles.vault)
        .set_param(fraction::PREMIUM_MIN, min)
        .motsu_unwrap();
    assert_eq!(token.sender(roles.vault).premium(), min);
    token.assert_emitted(&PremiumSet {
        oldPremium: WAD,
        newPremium: min,
    });
    // The max cannot go below the min, nor the min above the max.
    let err = token
        .sender(roles.vault)
        .set_param(fraction::PREMIUM_MAX, WAD)
        .motsu_unwrap_err();
    assert!(matches!(err, Error::ParamOutOfBounds(ParamOutOfBounds { min: lo, .. }) if lo == min));
    token
        .sender(roles.vault)
        .set_param(fraction::PREMIUM_MIN, PREMIUM_MIN)
        .motsu_unwrap();
    token
        .sender(roles.vault)
        .set_param(fraction::PREMIUM_MAX, WAD)
        .motsu_unwrap();
    assert_eq!(token.sender(roles.vault).premium(), WAD);
    let err = token
        .sender(roles.vault)
        .set_param(fraction::PREMIUM_MIN, PREMIUM_MAX)
        .motsu_unwrap_err();
    assert!(matches!(err, Error::ParamOutOfBounds(ParamOutOfBounds { max, .. }) if max == WAD));
    let max = uint!(800_000_000_000_000_000_U256);
    token
        .sender(roles.vault)
        .set_param(fraction::PREMIUM_MAX, max)
        .motsu_unwrap();
    assert_eq!(token.sender(roles.vault).premium(), max);
    token.assert_emitted(&PremiumSet {
        oldPremium: WAD,
        newPremium: max,
    });
}

#[motsu::test]
fn max_supply_cannot_drop_below_supply(
    token: Contract<FractionToken>,
    treasury: Address,
    alice: Address,
) {
    let roles = wired(&token, treasury);
    token
        .sender(roles.vault)
        .mint(alice, shares(10))
        .motsu_unwrap();
    let err = token
        .sender(roles.vault)
        .set_param(fraction::MAX_SUPPLY, shares(9))
        .motsu_unwrap_err();
    assert!(
        matches!(err, Error::ParamOutOfBounds(ParamOutOfBounds { min, .. }) if min == shares(10))
    );
    token
        .sender(roles.vault)
        .set_param(fraction::MAX_SUPPLY, shares(10))
        .motsu_unwrap();
    let err = token
        .sender(roles.vault)
        .mint(alice, U256::from(1u8))
        .motsu_unwrap_err();
    assert!(matches!(err, Error::MaxSupplyExceeded(_)));
}

#[motsu::test]
fn decay_sets_lambda(token: Contract<FractionToken>, treasury: Address) {
    let roles = wired(&token, treasury);
    // λ = -ln(0.8) = 0.22314355131420976e18.
    assert_close(
        U256::from(token.sender(roles.vault).lambda.get()),
        uint!(223143551314209755_U256),
        U256::from(2u8),
    );
    token
        .sender(roles.vault)
        .set_param(fraction::DECAY, DECAY_MAX)
        .motsu_unwrap();
    // -ln(0.01) = 4.605170185988091e18.
    assert_close(
        U256::from(token.sender(roles.vault).lambda.get()),
        uint!(4605170185988091368_U256),
        U256::from(2u8),
    );
}
