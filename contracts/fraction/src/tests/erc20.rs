//! ERC-20: balances, allowances, transfers, mint, burns, pause.
use alloy_primitives::{Address, U256};
use atelier_common::{
    errors::{Unauthorized, ZeroAmount},
    params::fraction,
};
use motsu::prelude::*;

use super::*;
use crate::{
    Approval, ERC20InsufficientAllowance, ERC20InsufficientBalance, ERC20InvalidReceiver,
    ERC20InvalidSender, ERC20InvalidSpender, EnforcedPause, Error, FractionToken,
    MaxSupplyExceeded, Transfer,
};

fn minted(token: &Contract<FractionToken>, treasury: Address, to: Address, n: u64) -> Roles {
    let roles = wired(token, treasury);
    token.sender(roles.vault).mint(to, shares(n)).motsu_unwrap();
    roles
}

#[motsu::test]
fn vault_mints_within_cap(token: Contract<FractionToken>, treasury: Address, alice: Address) {
    let roles = minted(&token, treasury, alice, 10);
    assert_eq!(token.sender(alice).balance_of(alice), shares(10));
    assert_eq!(token.sender(alice).total_supply(), shares(10));
    token.assert_emitted(&Transfer {
        from: Address::ZERO,
        to: alice,
        value: shares(10),
    });

    let err = token
        .sender(roles.vault)
        .mint(alice, MAX_SUPPLY)
        .motsu_unwrap_err();
    assert!(
        matches!(err, Error::MaxSupplyExceeded(MaxSupplyExceeded { supply, maxSupply })
        if supply == MAX_SUPPLY + shares(10) && maxSupply == MAX_SUPPLY)
    );
    token
        .sender(roles.vault)
        .mint(alice, MAX_SUPPLY - shares(10))
        .motsu_unwrap();
    assert_eq!(token.sender(alice).total_supply(), MAX_SUPPLY);
}

#[motsu::test]
fn mint_guards(token: Contract<FractionToken>, treasury: Address, alice: Address) {
    let roles = wired(&token, treasury);
    let err = token.sender(alice).mint(alice, SHARE).motsu_unwrap_err();
    assert!(matches!(err, Error::Unauthorized(Unauthorized { caller }) if caller == alice));
    let err = token
        .sender(roles.vault)
        .mint(alice, U256::ZERO)
        .motsu_unwrap_err();
    assert!(matches!(err, Error::ZeroAmount(ZeroAmount {})));
    let err = token
        .sender(roles.vault)
        .mint(Address::ZERO, SHARE)
        .motsu_unwrap_err();
    assert!(
        matches!(err, Error::InvalidReceiver(ERC20InvalidReceiver { receiver }) if receiver.is_zero())
    );
}

#[motsu::test]
fn transfer_moves_balances(
    token: Contract<FractionToken>,
    treasury: Address,
    alice: Address,
    bob: Address,
) {
    minted(&token, treasury, alice, 10);
    assert!(token.sender(alice).transfer(bob, shares(3)).motsu_unwrap());
    assert_eq!(token.sender(alice).balance_of(alice), shares(7));
    assert_eq!(token.sender(alice).balance_of(bob), shares(3));
    token.assert_emitted(&Transfer {
        from: alice,
        to: bob,
        value: shares(3),
    });
    // Self-transfer keeps the balance.
    token.sender(bob).transfer(bob, shares(3)).motsu_unwrap();
    assert_eq!(token.sender(bob).balance_of(bob), shares(3));

    let err = token
        .sender(alice)
        .transfer(bob, shares(8))
        .motsu_unwrap_err();
    assert!(
        matches!(err, Error::InsufficientBalance(ERC20InsufficientBalance { sender, balance, needed })
        if sender == alice && balance == shares(7) && needed == shares(8))
    );
    let err = token
        .sender(alice)
        .transfer(Address::ZERO, SHARE)
        .motsu_unwrap_err();
    assert!(matches!(
        err,
        Error::InvalidReceiver(ERC20InvalidReceiver { .. })
    ));
    let err = token
        .sender(Address::ZERO)
        .transfer(bob, U256::ZERO)
        .motsu_unwrap_err();
    assert!(matches!(err, Error::InvalidSender(ERC20InvalidSender { sender }) if sender.is_zero()));
}

#[motsu::test]
fn approve_and_transfer_from(
    token: Contract<FractionToken>,
    treasury: Address,
    alice: Address,
    bob: Address,
) {
    minted(&token, treasury, alice, 10);
    assert!(token.sender(alice).approve(bob, shares(4)).motsu_unwrap());
    token.assert_emitted(&Approval {
        owner: alice,
        spender: bob,
        value: shares(4),
    });
    assert_eq!(token.sender(bob).allowance(alice, bob), shares(4));
    assert!(token
        .sender(bob)
        .transfer_from(alice, bob, shares(3))
        .motsu_unwrap());
    assert_eq!(token.sender(bob).allowance(alice, bob), shares(1));
    assert_eq!(token.sender(bob).balance_of(bob), shares(3));

    let err = token
        .sender(bob)
        .transfer_from(alice, bob, shares(2))
        .motsu_unwrap_err();
    assert!(
        matches!(err, Error::InsufficientAllowance(ERC20InsufficientAllowance { spender, allowance, needed })
        if spender == bob && allowance == shares(1) && needed == shares(2))
    );
    let err = token
        .sender(alice)
        .approve(Address::ZERO, SHARE)
        .motsu_unwrap_err();
    assert!(
        matches!(err, Error::InvalidSpender(ERC20InvalidSpender { spender }) if spender.is_zero())
    );
    // From the zero address nothing can move, even with a zero allowance.
    let err = token
        .sender(bob)
        .transfer_from(Address::ZERO, bob, U256::ZERO)
        .motsu_unwrap_err();
    assert!(matches!(
        err,
        Error::InvalidSender(ERC20InvalidSender { .. })
    ));

    // An infinite allowance is never decreased.
    token.sender(alice).approve(bob, U256::MAX).motsu_unwrap();
    token
        .sender(bob)
        .transfer_from(alice, bob, shares(2))
        .motsu_unwrap();
    assert_eq!(token.sender(bob).allowance(alice, bob), U256::MAX);
}

#[motsu::test]
fn burn_and_burn_from(
    token: Contract<FractionToken>,
    treasury: Address,
    alice: Address,
    bob: Address,
) {
    minted(&token, treasury, alice, 10);
    token.sender(alice).burn(shares(2)).motsu_unwrap();
    assert_eq!(token.sender(alice).balance_of(alice), shares(8));
    assert_eq!(token.sender(alice).total_supply(), shares(8));
    token.assert_emitted(&Transfer {
        from: alice,
        to: Address::ZERO,
        value: shares(2),
    });
    let err = token.sender(alice).burn(shares(9)).motsu_unwrap_err();
    assert!(matches!(
        err,
        Error::InsufficientBalance(ERC20InsufficientBalance { .. })
    ));

    let err = token.sender(bob).burn_from(alice, SHARE).motsu_unwrap_err();
    assert!(matches!(
        err,
        Error::InsufficientAllowance(ERC20InsufficientAllowance { .. })
    ));
    token.sender(alice).approve(bob, shares(3)).motsu_unwrap();
    token.sender(bob).burn_from(alice, shares(3)).motsu_unwrap();
    assert_eq!(token.sender(alice).balance_of(alice), shares(5));
    assert_eq!(token.sender(alice).allowance(alice, bob), U256::ZERO);
    assert_eq!(token.sender(alice).total_supply(), shares(5));
    let err = token
        .sender(bob)
        .burn_from(Address::ZERO, U256::ZERO)
        .motsu_unwrap_err();
    assert!(matches!(
        err,
        Error::InvalidSender(ERC20InvalidSender { .. })
    ));
}

#[motsu::test]
fn pause_freezes_the_market_not_governance(
    token: Contract<FractionToken>,
    treasury: Address,
    alice: Address,
    bob: Address,
) {
    let roles = minted(&token, treasury, alice, 10);
    token.sender(alice).approve(bob, shares(5)).motsu_unwrap();
    token
        .sender(roles.vault)
        .set_param(fraction::PAUSED, U256::from(1u8))
        .motsu_unwrap();
    let paused = |e: Error| matches!(e, Error::EnforcedPause(EnforcedPause {}));
    assert!(paused(
        token.sender(alice).transfer(bob, SHARE).motsu_unwrap_err()
    ));
    assert!(paused(
        token
            .sender(bob)
            .transfer_from(alice, bob, SHARE)
            .motsu_unwrap_err()
    ));
    assert!(paused(
        token.sender(alice).buy(SHARE, U256::MAX, U256::MAX).motsu_unwrap_err()
    ));
    // Burning on someone's allowance (the treasury's buyback) is market too.
    assert!(paused(
        token.sender(bob).burn_from(alice, SHARE).motsu_unwrap_err()
    ));
    // Governance mints, the vault's burns (redemption), own burns and
    // approvals still work.
    token.sender(alice).approve(roles.vault, SHARE).motsu_unwrap();
    token.sender(roles.vault).mint(bob, SHARE).motsu_unwrap();
    token.sender(alice).burn(SHARE).motsu_unwrap();
    token.sender(roles.vault).burn_from(alice, SHARE).motsu_unwrap();
    token
        .sender(roles.vault)
        .set_param(fraction::PAUSED, U256::ZERO)
        .motsu_unwrap();
    token.sender(alice).transfer(bob, SHARE).motsu_unwrap();
    assert_eq!(token.sender(bob).balance_of(bob), shares(2));
}

/// Redeem, a minority exit and a buyback sale are one transaction: the vault
/// and the treasury burn without an allowance (and leave any allowance
/// untouched), every other spender still needs one, and while paused the
/// treasury's burn stops like any market move.
#[motsu::test]
fn the_vault_and_the_treasury_burn_without_an_allowance(
    token: Contract<FractionToken>,
    treasury: Address,
    alice: Address,
    bob: Address,
) {
    let roles = minted(&token, treasury, alice, 10);
    token.sender(roles.vault).burn_from(alice, shares(2)).motsu_unwrap();
    token.sender(roles.treasury).burn_from(alice, shares(3)).motsu_unwrap();
    assert_eq!(token.sender(alice).balance_of(alice), shares(5));
    assert_eq!(token.sender(alice).total_supply(), shares(5));
    assert_eq!(token.sender(alice).allowance(alice, roles.vault), U256::ZERO);
    // Not the other wired roles, nor anyone else.
    for spender in [roles.registry, roles.keeper, roles.admin, bob] {
        let err = token.sender(spender).burn_from(alice, SHARE).motsu_unwrap_err();
        assert!(matches!(err, Error::InsufficientAllowance(ERC20InsufficientAllowance { .. })), "{spender}");
    }
    // Never past the free balance.
    let err = token.sender(roles.treasury).burn_from(alice, shares(6)).motsu_unwrap_err();
    assert!(matches!(err, Error::InsufficientBalance(ERC20InsufficientBalance { .. })));
    token.sender(roles.vault).set_param(fraction::PAUSED, U256::from(1u8)).motsu_unwrap();
    let err = token.sender(roles.treasury).burn_from(alice, SHARE).motsu_unwrap_err();
    assert!(matches!(err, Error::EnforcedPause(EnforcedPause {})));
    token.sender(roles.vault).burn_from(alice, SHARE).motsu_unwrap();
    assert_eq!(token.sender(alice).balance_of(alice), shares(4));
}
