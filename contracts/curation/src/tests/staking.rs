//! stake, unstake, the cooldown and the stake views.
use atelier_common::errors::{MathOverflow, ZeroAmount};

use super::*;
use crate::{
    ConvictionUpdated, CooldownActive, Error, InsufficientStake, Staked, UnknownSeed, Unstaked,
};

#[motsu::test]
fn stake_pulls_shares_and_updates_views() {
    let w = World::new();
    let r = &w.registry;
    let (s1, s2) = (w.vault_seed(1), w.vault_seed(2));
    w.stake(alice(), s1, units(10));
    r.assert_emitted(&Staked {
        account: alice(),
        seedId: s1,
        amount: units(10),
    });
    r.assert_emitted(&ConvictionUpdated {
        seedId: s1,
        conviction: U256::ZERO,
        stake: units(10),
    });
    w.stake(alice(), s2, units(5));
    w.stake(bob(), s2, units(1));
    assert_eq!(r.sender(alice()).stake_of(alice(), s1), units(10));
    assert_eq!(r.sender(alice()).stake_of(alice(), s2), units(5));
    assert_eq!(r.sender(alice()).stake_of(bob(), s1), U256::ZERO);
    assert_eq!(r.sender(alice()).seed_stake(s1).motsu_unwrap(), units(10));
    assert_eq!(r.sender(alice()).seed_stake(s2).motsu_unwrap(), units(6));
    assert_eq!(r.sender(alice()).staked_by(alice()).motsu_unwrap(), units(15));
    assert_eq!(r.sender(alice()).staked_by(bob()).motsu_unwrap(), units(1));
    assert_eq!(r.sender(alice()).total_staked(), units(16));
    // Locked in place: the shares stay the stakers' and nothing moves to the registry.
    assert_eq!(w.token.sender(alice()).locked_balance_of(alice()), units(15));
    assert_eq!(w.token.sender(alice()).locked_balance_of(bob()), units(1));
    assert_eq!(w.token.sender(alice()).balance_of(alice()), units(15));
    assert_eq!(w.token.sender(alice()).balance_of(r.address()), U256::ZERO);
}

#[motsu::test]
fn stake_refuses_zero_unknown_seed_and_failed_locks() {
    let w = World::new();
    let r = &w.registry;
    let id = w.vault_seed(1);
    assert_eq!(
        r.sender(alice()).stake(id, U256::ZERO).motsu_unwrap_err(),
        Error::ZeroAmount(ZeroAmount {})
    );
    let unknown = U256::from(2);
    w.fund(alice(), units(1));
    assert_eq!(
        r.sender(alice())
            .stake(unknown, units(1))
            .motsu_unwrap_err(),
        Error::UnknownSeed(UnknownSeed { seedId: unknown })
    );
    let failed = Error::Callee(b"refused".to_vec());
    // More than the free balance: the token's own error passes through.
    assert_eq!(
        r.sender(alice()).stake(id, units(2)).motsu_unwrap_err(),
        Error::Callee(b"balance".to_vec())
    );
    // The token refuses.
    w.token.sender(alice()).set_refuse(true);
    assert_eq!(
        r.sender(alice()).stake(id, units(1)).motsu_unwrap_err(),
        failed
    );
    assert_eq!(r.sender(alice()).stake_of(alice(), id), U256::ZERO);
    assert_eq!(r.sender(alice()).total_staked(), U256::ZERO);
    assert_eq!(r.sender(alice()).seed_stake(id).motsu_unwrap(), U256::ZERO);
}

#[motsu::test]
fn unstake_after_cooldown_returns_shares() {
    let w = World::new();
    let r = &w.registry;
    let id = w.vault_seed(1);
    w.stake(alice(), id, units(10));
    test_clock::advance(COOLDOWN);
    r.sender(alice()).unstake(id, units(4)).motsu_unwrap();
    let conviction = r.sender(alice()).conviction(id).motsu_unwrap();
    r.assert_emitted(&Unstaked {
        account: alice(),
        seedId: id,
        amount: units(4),
    });
    r.assert_emitted(&ConvictionUpdated {
        seedId: id,
        conviction,
        stake: units(6),
    });
    assert!(conviction > U256::ZERO && conviction < units(10));
    assert_eq!(r.sender(alice()).stake_of(alice(), id), units(6));
    assert_eq!(r.sender(alice()).staked_by(alice()).motsu_unwrap(), units(6));
    assert_eq!(r.sender(alice()).total_staked(), units(6));
    assert_eq!(r.sender(alice()).seed_stake(id).motsu_unwrap(), units(6));
    assert_eq!(w.token.sender(alice()).locked_balance_of(alice()), units(6));
    // The rest, later.
    r.sender(alice()).unstake(id, units(6)).motsu_unwrap();
    assert_eq!(r.sender(alice()).total_staked(), U256::ZERO);
    assert_eq!(w.token.sender(alice()).locked_balance_of(alice()), U256::ZERO);
    assert_eq!(w.token.sender(alice()).balance_of(alice()), units(10));
}

#[motsu::test]
fn unstake_waits_for_cooldown_since_last_stake() {
    let w = World::new();
    let r = &w.registry;
    let id = w.vault_seed(1);
    w.stake(alice(), id, units(10));
    let ends = U256::from(T0 + COOLDOWN);
    assert_eq!(r.sender(alice()).unstake_available_at(alice(), id), ends);
    test_clock::advance(COOLDOWN - 1);
    let err = r.sender(alice()).unstake(id, units(1)).motsu_unwrap_err();
    assert_eq!(
        err,
        Error::CooldownActive(CooldownActive {
            seedId: id,
            endsAt: ends
        })
    );
    // A new stake restarts the cooldown on that seed.
    w.stake(alice(), id, units(1));
    test_clock::advance(1);
    let ends = U256::from(T0 + 2 * COOLDOWN - 1);
    let err = r.sender(alice()).unstake(id, units(1)).motsu_unwrap_err();
    assert_eq!(
        err,
        Error::CooldownActive(CooldownActive {
            seedId: id,
            endsAt: ends
        })
    );
    // Another seed has its own cooldown, and another holder is unaffected.
    let other = w.vault_seed(2);
    w.stake(bob(), id, units(1));
    assert_eq!(
        r.sender(alice()).unstake_available_at(alice(), other),
        U256::from(COOLDOWN)
    );
    test_clock::set(T0 + 2 * COOLDOWN - 1);
    r.sender(alice()).unstake(id, units(11)).motsu_unwrap();
}

#[motsu::test]
fn unstake_refuses_zero_unknown_and_excess() {
    let w = World::new();
    let r = &w.registry;
    let id = w.vault_seed(1);
    w.stake(alice(), id, units(3));
    test_clock::advance(COOLDOWN);
    assert_eq!(
        r.sender(alice()).unstake(id, U256::ZERO).motsu_unwrap_err(),
        Error::ZeroAmount(ZeroAmount {})
    );
    let unknown = U256::from(9);
    assert_eq!(
        r.sender(alice())
            .unstake(unknown, units(1))
            .motsu_unwrap_err(),
        Error::UnknownSeed(UnknownSeed { seedId: unknown })
    );
    let err = r.sender(alice()).unstake(id, units(4)).motsu_unwrap_err();
    assert_eq!(
        err,
        Error::InsufficientStake(InsufficientStake {
            seedId: id,
            staked: units(3),
            requested: units(4)
        })
    );
    let err = r
        .sender(bob())
        .unstake(id, U256::from(1))
        .motsu_unwrap_err();
    assert_eq!(
        err,
        Error::InsufficientStake(InsufficientStake {
            seedId: id,
            staked: U256::ZERO,
            requested: U256::from(1)
        })
    );
}

#[motsu::test]
fn unstake_reverts_whole_when_token_refuses() {
    let w = World::new();
    let r = &w.registry;
    let id = w.vault_seed(1);
    w.stake(alice(), id, units(3));
    test_clock::advance(COOLDOWN);
    w.token.sender(alice()).set_refuse(true);
    let err = r.sender(alice()).unstake(id, units(3)).motsu_unwrap_err();
    assert_eq!(err, Error::Callee(b"refused".to_vec()));
    assert_eq!(r.sender(alice()).stake_of(alice(), id), units(3));
    assert_eq!(r.sender(alice()).total_staked(), units(3));
}

#[motsu::test]
fn zero_cooldown_allows_immediate_unstake() {
    let w = World::with_params(0, HALF_LIFE, PERIOD);
    let id = w.vault_seed(1);
    w.stake(alice(), id, units(3));
    w.registry
        .sender(alice())
        .unstake(id, units(3))
        .motsu_unwrap();
    assert_eq!(w.token.sender(alice()).locked_balance_of(alice()), U256::ZERO);
}

/// Stakes are stored in 96 bits (the real token's supply is capped below
/// 2^96): a total beyond that is refused, not wrapped, even by a token that
/// would lock the shares (this mock does not cap its supply).
#[motsu::test]
fn total_stake_beyond_96_bits_overflows() {
    let w = World::new();
    let id = w.vault_seed(1);
    let max = (U256::from(1) << 96) - U256::from(1);
    w.stake(alice(), id, max);
    w.fund(bob(), U256::from(1));
    let err = w
        .registry
        .sender(bob())
        .stake(id, U256::from(1))
        .motsu_unwrap_err();
    assert_eq!(err, Error::MathOverflow(MathOverflow {}));
    assert_eq!(w.token.sender(bob()).locked_balance_of(bob()), U256::ZERO);
    // Shares the holder does not have: the token's refusal, as when stakes
    // were stored in 128 bits.
    let err = w.registry.sender(bob()).stake(id, max).motsu_unwrap_err();
    assert_eq!(err, Error::Callee(b"balance".to_vec()));
    assert_eq!(w.registry.sender(alice()).total_staked(), max);
}
