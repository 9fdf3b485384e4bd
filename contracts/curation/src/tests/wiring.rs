//! constructor, initialize, setParam, param and the wiring getters.
use atelier_common::{
    errors::{
        AlreadyInitialized, NotInitialized, ParamOutOfBounds, Unauthorized, UnknownParam,
        ZeroAddress,
    },
    params::curation::{
        COOLDOWN as K_COOLDOWN, HALF_LIFE as K_HALF_LIFE, MIN_SEED_STAKE as K_MIN,
        REWARD_PERIOD as K_PERIOD,
    },
};

use super::*;
use crate::{
    params::{COOLDOWN_BOUNDS, HALF_LIFE_BOUNDS, MIN_SEED_STAKE_MAX, REWARD_PERIOD_BOUNDS},
    Error, Initialized, ParamSet,
};

fn init_with(
    world: &World,
    caller: Address,
    token: Address,
    vault: Address,
    treasury: Address,
) -> Result<(), Error> {
    world
        .registry
        .sender(caller)
        .initialize(
            token,
            vault,
            treasury,
            MIN_SEED_STAKE,
            U256::from(COOLDOWN),
            U256::from(HALF_LIFE),
            U256::from(PERIOD),
        )
        .motsu_res()
}

#[motsu::test]
fn initialize_wires_sets_params_and_emits() {
    let w = World::new();
    let r = &w.registry;
    assert_eq!(r.sender(alice()).token(), w.token.address());
    assert_eq!(r.sender(alice()).vault(), vault());
    assert_eq!(r.sender(alice()).treasury(), treasury());
    assert_eq!(
        r.sender(alice()).param(K_MIN).motsu_unwrap(),
        MIN_SEED_STAKE
    );
    assert_eq!(
        r.sender(alice()).param(K_COOLDOWN).motsu_unwrap(),
        U256::from(COOLDOWN)
    );
    assert_eq!(
        r.sender(alice()).param(K_HALF_LIFE).motsu_unwrap(),
        U256::from(HALF_LIFE)
    );
    assert_eq!(
        r.sender(alice()).param(K_PERIOD).motsu_unwrap(),
        U256::from(PERIOD)
    );
    r.assert_emitted(&Initialized {
        token: w.token.address(),
        vault: vault(),
        treasury: treasury(),
    });
    r.assert_emitted(&ParamSet {
        key: K_MIN,
        value: MIN_SEED_STAKE,
    });
    r.assert_emitted(&ParamSet {
        key: K_COOLDOWN,
        value: U256::from(COOLDOWN),
    });
    r.assert_emitted(&ParamSet {
        key: K_HALF_LIFE,
        value: U256::from(HALF_LIFE),
    });
    r.assert_emitted(&ParamSet {
        key: K_PERIOD,
        value: U256::from(PERIOD),
    });
}

#[motsu::test]
fn initialize_only_by_admin() {
    let w = World::deployed();
    let err = init_with(&w, alice(), w.token.address(), vault(), treasury()).unwrap_err();
    assert_eq!(err, Error::Unauthorized(Unauthorized { caller: alice() }));
    assert_eq!(w.registry.sender(alice()).token(), Address::ZERO);
}

#[motsu::test]
fn initialize_only_once() {
    let w = World::new();
    let err = init_with(&w, admin(), w.token.address(), vault(), treasury()).unwrap_err();
    assert_eq!(err, Error::AlreadyInitialized(AlreadyInitialized {}));
}

#[motsu::test]
fn initialize_rejects_zero_addresses() {
    let w = World::deployed();
    let t = w.token.address();
    for (token, v, tr) in [
        (Address::ZERO, vault(), treasury()),
        (t, Address::ZERO, treasury()),
        (t, vault(), Address::ZERO),
    ] {
        let err = init_with(&w, admin(), token, v, tr).unwrap_err();
        assert_eq!(err, Error::ZeroAddress(ZeroAddress {}));
    }
}

#[motsu::test]
fn initialize_checks_param_bounds() {
    let w = World::deployed();
    let err = w
        .registry
        .sender(admin())
        .initialize(
            w.token.address(),
            vault(),
            treasury(),
            MIN_SEED_STAKE,
            U256::ZERO,
            U256::ZERO,
            U256::from(PERIOD),
        )
        .motsu_unwrap_err();
    let (min, max) = HALF_LIFE_BOUNDS;
    assert_eq!(
        err,
        Error::ParamOutOfBounds(ParamOutOfBounds {
            key: K_HALF_LIFE,
            value: U256::ZERO,
            min: U256::from(min),
            max: U256::from(max)
        })
    );
    // Nothing was wired: the admin can retry.
    assert_eq!(w.registry.sender(alice()).token(), Address::ZERO);
    init_with(&w, admin(), w.token.address(), vault(), treasury()).unwrap();
}

#[motsu::test]
fn everything_needing_wiring_fails_before_initialize() {
    let w = World::deployed();
    let r = &w.registry;
    let not_init = Error::NotInitialized(NotInitialized {});
    let err = r
        .sender(vault())
        .register_seed(seed(1), seed(2), seed(3), String::new().into(), U256::ZERO)
        .motsu_unwrap_err();
    assert_eq!(err, not_init);
    assert_eq!(
        r.sender(alice())
            .stake(U256::from(1), ONE)
            .motsu_unwrap_err(),
        not_init
    );
    assert_eq!(
        r.sender(alice())
            .unstake(U256::from(1), ONE)
            .motsu_unwrap_err(),
        not_init
    );
    treasury().fund(ONE);
    assert_eq!(
        r.sender_and_value(treasury(), ONE)
            .notify_reward()
            .motsu_unwrap_err(),
        not_init
    );
    assert_eq!(
        r.sender(vault())
            .set_param(K_COOLDOWN, U256::ZERO)
            .motsu_unwrap_err(),
        not_init
    );
}

#[motsu::test]
fn set_param_by_vault_sets_and_emits() {
    let w = World::new();
    let r = &w.registry;
    let cases = [
        (K_MIN, units(5)),
        (K_COOLDOWN, U256::from(2 * DAY)),
        (K_HALF_LIFE, U256::from(10 * DAY)),
        (K_PERIOD, U256::from(14 * DAY)),
    ];
    for (key, value) in cases {
        r.sender(vault()).set_param(key, value).motsu_unwrap();
        assert_eq!(r.sender(alice()).param(key).motsu_unwrap(), value);
        r.assert_emitted(&ParamSet { key, value });
    }
}

#[motsu::test]
fn set_param_only_by_vault() {
    let w = World::new();
    for caller in [alice(), admin(), treasury()] {
        let err = w
            .registry
            .sender(caller)
            .set_param(K_COOLDOWN, U256::ZERO)
            .motsu_unwrap_err();
        assert_eq!(err, Error::Unauthorized(Unauthorized { caller }));
    }
    assert_eq!(
        w.registry.sender(alice()).param(K_COOLDOWN).motsu_unwrap(),
        U256::from(COOLDOWN)
    );
}

#[motsu::test]
fn unknown_param_keys_are_refused() {
    let w = World::new();
    let err = w
        .registry
        .sender(vault())
        .set_param(4, U256::ZERO)
        .motsu_unwrap_err();
    assert_eq!(err, Error::UnknownParam(UnknownParam { key: 4 }));
    let err = w.registry.sender(alice()).param(255).motsu_unwrap_err();
    assert_eq!(err, Error::UnknownParam(UnknownParam { key: 255 }));
}

#[motsu::test]
fn set_param_enforces_hard_bounds() {
    let w = World::new();
    let wide = |(a, b): (u64, u64)| (U256::from(a), U256::from(b));
    let bounds = [
        (K_MIN, (U256::from(1), MIN_SEED_STAKE_MAX)),
        (K_COOLDOWN, wide(COOLDOWN_BOUNDS)),
        (K_HALF_LIFE, wide(HALF_LIFE_BOUNDS)),
        (K_PERIOD, wide(REWARD_PERIOD_BOUNDS)),
    ];
    for (key, (min, max)) in bounds {
        // Both ends are accepted.
        w.registry
            .sender(vault())
            .set_param(key, min)
            .motsu_unwrap();
        w.registry
            .sender(vault())
            .set_param(key, max)
            .motsu_unwrap();
        let mut outside = vec![max + U256::from(1), U256::MAX];
        if !min.is_zero() {
            outside.push(min - U256::from(1));
        }
        for value in outside {
            let err = w
                .registry
                .sender(vault())
                .set_param(key, value)
                .motsu_unwrap_err();
            assert_eq!(
                err,
                Error::ParamOutOfBounds(ParamOutOfBounds {
                    key,
                    value,
                    min,
                    max
                })
            );
        }
        assert_eq!(w.registry.sender(alice()).param(key).motsu_unwrap(), max);
    }
}

#[motsu::test]
fn constructor_refuses_a_zero_admin() {
    let registry = Contract::<CurationRegistry>::new();
    let err = registry.sender(alice()).constructor(Address::ZERO).motsu_unwrap_err();
    assert_eq!(err, Error::ZeroAddress(atelier_common::errors::ZeroAddress {}));
}
