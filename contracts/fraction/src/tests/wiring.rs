//! constructor, initialize, roles and the NotInitialized guard.
use alloy_primitives::{Address, U256};
use atelier_common::{
    errors::{AlreadyInitialized, NotInitialized, ParamOutOfBounds, Unauthorized, ZeroAddress},
    params::fraction,
};
use motsu::prelude::*;

use super::*;
use crate::{
    Error, FractionToken, Initialized, ParamSet, StringTooLong, PREMIUM_CEIL, PREMIUM_FLOOR,
};

fn init_with(
    token: &Contract<FractionToken>,
    roles: &Roles,
    name: &str,
    premium_min: U256,
    premium_max: U256,
) -> Result<(), Error> {
    token.sender(roles.admin).initialize(
        name.into(),
        "ATL".into(),
        roles.vault,
        roles.treasury,
        roles.registry,
        roles.keeper,
        P0,
        DECAY,
        RATE,
        U256::from(START),
        premium_min,
        premium_max,
        PREMIUM_STEP,
        U256::from(PREMIUM_INTERVAL),
        MAX_SUPPLY,
    )
}

#[motsu::test]
fn constructor_rejects_zero_admin(token: Contract<FractionToken>, alice: Address) {
    let err = token
        .sender(alice)
        .constructor(Address::ZERO)
        .motsu_unwrap_err();
    assert!(matches!(err, Error::ZeroAddress(ZeroAddress {})));
}

#[motsu::test]
fn initialize_wires_roles_params_and_metadata(token: Contract<FractionToken>, treasury: Address) {
    let roles = wired(&token, treasury);
    assert_eq!(token.sender(roles.admin).name(), "Atelier Shares");
    assert_eq!(token.sender(roles.admin).symbol(), "ATL");
    assert_eq!(token.sender(roles.admin).decimals(), 18);
    assert_eq!(token.sender(roles.admin).vault(), roles.vault);
    assert_eq!(token.sender(roles.admin).treasury(), treasury);
    assert_eq!(token.sender(roles.admin).premium(), WAD);
    assert_eq!(token.sender(roles.admin).total_supply(), U256::ZERO);
    let p = |k| token.sender(roles.admin).param(k).motsu_unwrap();
    assert_eq!(p(fraction::P0), P0);
    assert_eq!(p(fraction::DECAY), DECAY);
    assert_eq!(p(fraction::TARGET_RATE), RATE);
    assert_eq!(p(fraction::SALE_START), U256::from(START));
    assert_eq!(p(fraction::PREMIUM_MIN), PREMIUM_MIN);
    assert_eq!(p(fraction::PREMIUM_MAX), PREMIUM_MAX);
    assert_eq!(p(fraction::PREMIUM_MAX_STEP), PREMIUM_STEP);
    assert_eq!(p(fraction::PREMIUM_INTERVAL), U256::from(PREMIUM_INTERVAL));
    assert_eq!(p(fraction::MAX_SUPPLY), MAX_SUPPLY);
    assert_eq!(p(fraction::PAUSED), U256::ZERO);
    assert_eq!(
        p(fraction::KEEPER),
        crate::config::address_word(roles.keeper)
    );
    token.assert_emitted(&Initialized {
        vault: roles.vault,
        treasury,
        registry: roles.registry,
        keeper: roles.keeper,
    });
    token.assert_emitted(&ParamSet {
        key: fraction::P0,
        value: P0,
    });
    token.assert_emitted(&ParamSet {
        key: fraction::MAX_SUPPLY,
        value: MAX_SUPPLY,
    });
}

#[motsu::test]
fn initialize_only_once(token: Contract<FractionToken>, treasury: Address) {
    let roles = wired(&token, treasury);
    let err = init_with(&token, &roles, "Again", PREMIUM_MIN, PREMIUM_MAX).motsu_unwrap_err();
    assert!(matches!(
        err,
        Error::AlreadyInitialized(AlreadyInitialized {})
    ));
}

#[motsu::test]
fn initialize_only_by_admin(token: Contract<FractionToken>, treasury: Address, mallory: Address) {
    let roles = Roles::new(treasury);
    token
        .sender(roles.admin)
        .constructor(roles.admin)
        .motsu_unwrap();
    let err = token
        .sender(mallory)
        .initialize(
            "X".into(),
            "X".into(),
            mallory,
            mallory,
            mallory,
            mallory,
            P0,
            DECAY,
            RATE,
            U256::from(START),
            PREMIUM_MIN,
            PREMIUM_MAX,
            PREMIUM_STEP,
            U256::from(PREMIUM_INTERVAL),
            MAX_SUPPLY,
        )
        .motsu_unwrap_err();
    assert!(matches!(err, Error::Unauthorized(Unauthorized { caller }) if caller == mallory));
}

#[motsu::test]
fn initialize_rejects_zero_addresses(token: Contract<FractionToken>, treasury: Address) {
    token
        .sender(Roles::new(treasury).admin)
        .constructor(Roles::new(treasury).admin)
        .motsu_unwrap();
    for zero in 0..4 {
        let mut roles = Roles::new(treasury);
        *[&mut roles.vault, &mut roles.treasury, &mut roles.registry, &mut roles.keeper][zero] = Address::ZERO;
        let err = init_with(&token, &roles, "A", PREMIUM_MIN, PREMIUM_MAX).motsu_unwrap_err();
        assert!(matches!(err, Error::ZeroAddress(ZeroAddress {})), "zero address #{zero}");
    }
}

#[motsu::test]
fn initialize_requires_premium_one_inside_bounds(
    token: Contract<FractionToken>,
    treasury: Address,
) {
    let roles = Roles::new(treasury);
    token
        .sender(roles.admin)
        .constructor(roles.admin)
        .motsu_unwrap();
    let above_one = WAD + U256::from(1u8);
    let err = init_with(&token, &roles, "A", above_one, PREMIUM_MAX).motsu_unwrap_err();
    assert!(
        matches!(err, Error::ParamOutOfBounds(ParamOutOfBounds { key, value, min, max })
        if key == fraction::PREMIUM_MIN && value == above_one && min == PREMIUM_FLOOR && max == WAD)
    );
    let below_one = WAD - U256::from(1u8);
    let err = init_with(&token, &roles, "A", PREMIUM_MIN, below_one).motsu_unwrap_err();
    assert!(
        matches!(err, Error::ParamOutOfBounds(ParamOutOfBounds { key, max, .. })
        if key == fraction::PREMIUM_MAX && max == PREMIUM_CEIL)
    );
    // A bad parameter anywhere fails the whole call.
    let err = token
        .sender(roles.admin)
        .initialize(
            "A".into(),
            "A".into(),
            roles.vault,
            treasury,
            roles.registry,
            roles.keeper,
            P0,
            WAD,
            RATE,
            U256::from(START),
            PREMIUM_MIN,
            PREMIUM_MAX,
            PREMIUM_STEP,
            U256::from(PREMIUM_INTERVAL),
            MAX_SUPPLY,
        )
        .motsu_unwrap_err();
    assert!(
        matches!(err, Error::ParamOutOfBounds(ParamOutOfBounds { key, .. }) if key == fraction::DECAY)
    );
    init_with(&token, &roles, "A", PREMIUM_MIN, PREMIUM_MAX).motsu_unwrap();
}

#[motsu::test]
fn names_up_to_31_bytes(token: Contract<FractionToken>, treasury: Address) {
    let roles = Roles::new(treasury);
    token
        .sender(roles.admin)
        .constructor(roles.admin)
        .motsu_unwrap();
    let long = "The Generative Garden Collective";
    let err = init_with(&token, &roles, long, PREMIUM_MIN, PREMIUM_MAX).motsu_unwrap_err();
    assert!(
        matches!(err, Error::StringTooLong(StringTooLong { length, maxLength })
        if length == U256::from(32u8) && maxLength == U256::from(31u8))
    );
    let max = "Generative Garden Collective Sh";
    init_with(&token, &roles, max, PREMIUM_MIN, PREMIUM_MAX).motsu_unwrap();
    assert_eq!(token.sender(roles.admin).name(), max);
}

#[motsu::test]
fn wired_functions_refuse_before_initialize(token: Contract<FractionToken>, alice: Address) {
    token.sender(alice).constructor(alice).motsu_unwrap();
    let not_init = |e: Error| matches!(e, Error::NotInitialized(NotInitialized {}));
    assert!(not_init(
        token.sender(alice).buy(SHARE, U256::MAX, U256::MAX).motsu_unwrap_err()
    ));
    assert!(not_init(
        token.sender(alice).quote_buy(SHARE).motsu_unwrap_err()
    ));
    assert!(not_init(
        token.sender(alice).spot_price().motsu_unwrap_err()
    ));
    assert!(not_init(
        token.sender(alice).mint(alice, SHARE).motsu_unwrap_err()
    ));
    assert!(not_init(
        token
            .sender(alice)
            .set_param(fraction::P0, P0)
            .motsu_unwrap_err()
    ));
    assert!(not_init(
        token.sender(alice).set_premium(WAD).motsu_unwrap_err()
    ));
}
