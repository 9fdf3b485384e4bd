//! registerSeed, seedInfo, seedIdOf, seedCount.

use super::*;
use crate::{
    ConvictionUpdated, Error, SeedAlreadyRegistered, SeedRegistered, SeedStakeTooLow, Staked,
    UnknownSeed, ZeroSeed,
};

#[motsu::test]
fn vault_registers_a_seed_without_stake() {
    let w = World::new();
    let r = &w.registry;
    let id = r
        .sender(vault())
        .register_seed(seed(1), seed(2), seed(3), "ipfs://art/1".into(), U256::ZERO)
        .motsu_unwrap();
    assert_eq!(id, U256::from(1));
    r.assert_emitted(&SeedRegistered {
        seedId: id,
        seed: seed(1),
        modelId: seed(2),
        promptHash: seed(3),
        uri: "ipfs://art/1".into(),
        registrant: vault(),
    });
    let info = r.sender(alice()).seed_info(id).motsu_unwrap().0;
    assert_eq!(
        info,
        (
            seed(1),
            seed(2),
            seed(3),
            "ipfs://art/1".into(),
            vault(),
            U256::ZERO,
            U256::ZERO,
            U256::from(T0)
        )
    );
    assert_eq!(r.sender(alice()).seed_id_of(seed(1)), id);
    assert_eq!(r.sender(alice()).seed_count(), U256::from(1));
    assert_eq!(r.sender(alice()).total_staked(), U256::ZERO);
    // No stake, so no stake events.
    assert!(!r.emitted(&Staked {
        account: vault(),
        seedId: id,
        amount: U256::ZERO
    }));
}

#[motsu::test]
fn seed_ids_count_up_from_one() {
    let w = World::new();
    for n in 1..=3u8 {
        assert_eq!(w.vault_seed(n), U256::from(n));
        assert_eq!(
            w.registry.sender(alice()).seed_id_of(seed(n)),
            U256::from(n)
        );
    }
    assert_eq!(w.registry.sender(alice()).seed_count(), U256::from(3));
    assert_eq!(w.registry.sender(alice()).seed_id_of(seed(9)), U256::ZERO);
}

#[motsu::test]
fn holder_registers_with_minimum_stake() {
    let w = World::new();
    let r = &w.registry;
    w.fund(alice(), MIN_SEED_STAKE);
    let id = r
        .sender(alice())
        .register_seed(seed(7), seed(8), seed(9), "ar://x".into(), MIN_SEED_STAKE)
        .motsu_unwrap();
    assert_eq!(id, U256::from(1));
    r.assert_emitted(&SeedRegistered {
        seedId: id,
        seed: seed(7),
        modelId: seed(8),
        promptHash: seed(9),
        uri: "ar://x".into(),
        registrant: alice(),
    });
    r.assert_emitted(&Staked {
        account: alice(),
        seedId: id,
        amount: MIN_SEED_STAKE,
    });
    r.assert_emitted(&ConvictionUpdated {
        seedId: id,
        conviction: U256::ZERO,
        stake: MIN_SEED_STAKE,
    });
    assert_eq!(r.sender(alice()).stake_of(alice(), id), MIN_SEED_STAKE);
    assert_eq!(
        r.sender(alice()).seed_stake(id).motsu_unwrap(),
        MIN_SEED_STAKE
    );
    assert_eq!(r.sender(alice()).staked_by(alice()).motsu_unwrap(), MIN_SEED_STAKE);
    assert_eq!(r.sender(alice()).total_staked(), MIN_SEED_STAKE);
    assert_eq!(w.token.sender(alice()).balance_of(alice()), MIN_SEED_STAKE);
    assert_eq!(
        w.token.sender(alice()).locked_balance_of(alice()),
        MIN_SEED_STAKE
    );
    let info = r.sender(alice()).seed_info(id).motsu_unwrap().0;
    assert_eq!((info.4, info.5), (alice(), MIN_SEED_STAKE));
    // The registration counts as a stake: the cooldown runs from it.
    assert_eq!(
        r.sender(alice()).unstake_available_at(alice(), id),
        U256::from(T0 + COOLDOWN)
    );
}

#[motsu::test]
fn holder_registration_needs_minimum_stake() {
    let w = World::new();
    w.fund(alice(), MIN_SEED_STAKE);
    for amount in [U256::ZERO, MIN_SEED_STAKE - U256::from(1)] {
        let err = w
            .registry
            .sender(alice())
            .register_seed(seed(1), seed(2), seed(3), String::new().into(), amount)
            .motsu_unwrap_err();
        assert_eq!(
            err,
            Error::SeedStakeTooLow(SeedStakeTooLow {
                amount,
                minimum: MIN_SEED_STAKE
            })
        );
    }
    assert_eq!(w.registry.sender(alice()).seed_count(), U256::ZERO);
}

#[motsu::test]
fn holder_registration_reverts_when_shares_cannot_be_locked() {
    let w = World::new();
    // No balance: the token's error passes through, nothing is recorded.
    let err = w
        .registry
        .sender(alice())
        .register_seed(seed(1), seed(2), seed(3), String::new().into(), MIN_SEED_STAKE)
        .motsu_unwrap_err();
    assert_eq!(err, Error::Callee(b"balance".to_vec()));
    assert_eq!(w.registry.sender(alice()).seed_id_of(seed(1)), U256::ZERO);
    assert_eq!(w.registry.sender(alice()).seed_count(), U256::ZERO);
    assert_eq!(w.registry.sender(alice()).total_staked(), U256::ZERO);
}

#[motsu::test]
fn vault_initial_stake_is_locked_like_any_stake() {
    let w = World::new();
    w.fund(vault(), units(3));
    let id = w
        .registry
        .sender(vault())
        .register_seed(seed(1), seed(2), seed(3), String::new().into(), units(3))
        .motsu_unwrap();
    assert_eq!(w.registry.sender(alice()).stake_of(vault(), id), units(3));
    assert_eq!(w.token.sender(alice()).locked_balance_of(vault()), units(3));
}

#[motsu::test]
fn duplicate_seeds_are_refused_to_holders_and_joined_by_the_vault() {
    let w = World::new();
    let id = w.vault_seed(1);
    let first = w.registry.sender(alice()).seed_info(id).motsu_unwrap().0;
    // The vault's registration of a known seed (an artwork whose seed a holder
    // registered first) joins it instead of blocking the deposit.
    let again = w
        .registry
        .sender(vault())
        .register_seed(seed(1), seed(5), seed(6), String::new().into(), U256::ZERO)
        .motsu_unwrap();
    assert_eq!(again, id);
    assert_eq!(w.registry.sender(alice()).seed_count(), U256::from(1));
    // ... and the first artwork's provenance stays: a later deposit cannot rewrite it.
    let info = w.registry.sender(alice()).seed_info(id).motsu_unwrap().0;
    assert_eq!((info.1, info.2, info.3.clone(), info.4), (first.1, first.2, first.3.clone(), vault()));
    w.fund(alice(), MIN_SEED_STAKE);
    let err = w
        .registry
        .sender(alice())
        .register_seed(seed(1), seed(5), seed(6), String::new().into(), MIN_SEED_STAKE)
        .motsu_unwrap_err();
    assert_eq!(
        err,
        Error::SeedAlreadyRegistered(SeedAlreadyRegistered {
            seed: seed(1),
            seedId: id
        })
    );
    assert_eq!(w.registry.sender(alice()).seed_count(), U256::from(1));
}

#[motsu::test]
fn zero_seed_is_refused() {
    let w = World::new();
    let err = w
        .registry
        .sender(vault())
        .register_seed(
            FixedBytes::ZERO,
            seed(2),
            seed(3),
            String::new().into(),
            U256::ZERO,
        )
        .motsu_unwrap_err();
    assert_eq!(err, Error::ZeroSeed(ZeroSeed {}));
}

#[motsu::test]
fn seed_views_refuse_unknown_ids() {
    let w = World::new();
    w.vault_seed(1);
    for id in [U256::ZERO, U256::from(2), U256::MAX] {
        let unknown = Error::UnknownSeed(UnknownSeed { seedId: id });
        assert_eq!(
            w.registry.sender(alice()).seed_info(id).motsu_unwrap_err(),
            unknown
        );
        assert_eq!(
            w.registry.sender(alice()).seed_stake(id).motsu_unwrap_err(),
            unknown
        );
        assert_eq!(
            w.registry.sender(alice()).conviction(id).motsu_unwrap_err(),
            unknown
        );
    }
}
