//! Stakes locked in place (`lockShares`/`unlockShares`, registry only): locked
//! shares stay in the balance and keep their votes, and nothing moves them.
use alloy_primitives::{Address, U256};
use atelier_common::errors::{NotInitialized, Unauthorized};
use motsu::prelude::*;
use proptest::prelude::*;

use super::*;
use crate::{
    ERC20InsufficientBalance, Error, FractionToken, InsufficientLockedBalance, LockedBalanceChanged,
};

/// A wired token with `alice` holding 10 shares, self-delegated.
fn holding(token: &Contract<FractionToken>, treasury: Address, alice: Address) -> Roles {
    let roles = wired(token, treasury);
    token.sender(roles.vault).mint(alice, shares(10)).motsu_unwrap();
    token.sender(alice).delegate(alice).motsu_unwrap();
    roles
}

#[motsu::test]
fn only_the_registry_locks_and_unlocks(
    unwired: Contract<FractionToken>,
    token: Contract<FractionToken>,
    treasury: Address,
    alice: Address,
) {
    unwired.sender(alice).constructor(alice).motsu_unwrap();
    let err = unwired.sender(alice).lock_shares(alice, SHARE).motsu_unwrap_err();
    assert!(matches!(err, Error::NotInitialized(NotInitialized {})), "before wiring");
    let roles = holding(&token, treasury, alice);
    assert_eq!(token.sender(alice).registry(), roles.registry);
    for caller in [alice, roles.vault, roles.admin] {
        let err = token.sender(caller).lock_shares(alice, SHARE).motsu_unwrap_err();
        assert!(matches!(err, Error::Unauthorized(Unauthorized { caller: c }) if c == caller));
        let err = token.sender(caller).unlock_shares(alice, SHARE).motsu_unwrap_err();
        assert!(matches!(err, Error::Unauthorized(Unauthorized { caller: c }) if c == caller));
    }
}

#[motsu::test]
fn locked_shares_stay_in_the_balance_and_keep_their_votes(
    token: Contract<FractionToken>,
    treasury: Address,
    alice: Address,
    bob: Address,
) {
    let roles = holding(&token, treasury, alice);
    token.sender(roles.registry).lock_shares(alice, shares(7)).motsu_unwrap();
    token.assert_emitted(&LockedBalanceChanged { account: alice, lockedBalance: shares(7) });
    assert_eq!(token.sender(alice).balance_of(alice), shares(10));
    assert_eq!(token.sender(alice).locked_balance_of(alice), shares(7));
    assert_eq!(token.sender(alice).get_votes(alice), shares(10));
    assert_eq!(token.sender(alice).total_supply(), shares(10));
    // Delegating moves the locked shares' votes along with the free ones.
    token.sender(alice).delegate(bob).motsu_unwrap();
    assert_eq!(token.sender(alice).get_votes(bob), shares(10));
    assert_eq!(token.sender(alice).get_votes(alice), U256::ZERO);
    // Unlocking gives them back to move.
    token.sender(roles.registry).unlock_shares(alice, shares(7)).motsu_unwrap();
    token.assert_emitted(&LockedBalanceChanged { account: alice, lockedBalance: U256::ZERO });
    token.sender(alice).transfer(bob, shares(10)).motsu_unwrap();
    assert_eq!(token.sender(alice).balance_of(bob), shares(10));
}

#[motsu::test]
fn locked_shares_cannot_move_or_burn(token: Contract<FractionToken>, treasury: Address, alice: Address, bob: Address) {
    let roles = holding(&token, treasury, alice);
    token.sender(roles.registry).lock_shares(alice, shares(7)).motsu_unwrap();
    let short = |err: Error| {
        matches!(err, Error::InsufficientBalance(ERC20InsufficientBalance { sender, balance, needed })
            if sender == alice && balance == shares(3) && needed == shares(4))
    };
    assert!(short(token.sender(alice).transfer(bob, shares(4)).motsu_unwrap_err()), "transfer");
    token.sender(alice).approve(bob, U256::MAX).motsu_unwrap();
    assert!(short(token.sender(bob).transfer_from(alice, bob, shares(4)).motsu_unwrap_err()), "transferFrom");
    assert!(short(token.sender(alice).burn(shares(4)).motsu_unwrap_err()), "burn");
    token.sender(alice).approve(roles.vault, U256::MAX).motsu_unwrap();
    assert!(short(token.sender(roles.vault).burn_from(alice, shares(4)).motsu_unwrap_err()), "the vault's burnFrom");
    // Locking more than is free is refused the same way.
    assert!(short(token.sender(roles.registry).lock_shares(alice, shares(4)).motsu_unwrap_err()), "lock");
    token.sender(alice).transfer(bob, shares(3)).motsu_unwrap();
    assert_eq!(token.sender(alice).balance_of(alice), shares(7));
}

#[motsu::test]
fn unlocking_more_than_locked_is_refused(token: Contract<FractionToken>, treasury: Address, alice: Address) {
    let roles = holding(&token, treasury, alice);
    token.sender(roles.registry).lock_shares(alice, shares(2)).motsu_unwrap();
    let err = token.sender(roles.registry).unlock_shares(alice, shares(3)).motsu_unwrap_err();
    assert!(matches!(err, Error::InsufficientLocked(InsufficientLockedBalance { account, locked, needed })
        if account == alice && locked == shares(2) && needed == shares(3)));
    assert_eq!(token.sender(alice).locked_balance_of(alice), shares(2));
}

/// One step of the lock invariant's random walk.
#[derive(Debug, Clone)]
enum Step {
    Lock(u64),
    Unlock(u64),
    Transfer(u64),
    Burn(u64),
    Redelegate,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0u64..12).prop_map(Step::Lock),
        (0u64..12).prop_map(Step::Unlock),
        (0u64..12).prop_map(Step::Transfer),
        (0u64..12).prop_map(Step::Burn),
        Just(Step::Redelegate),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever the registry locks and the holder does: locked <= balance,
    /// balance = free + locked, the holder's delegate holds exactly the
    /// balance's votes, and a refused step changes nothing.
    #[test]
    fn locks_never_exceed_the_balance_and_always_vote(steps in prop::collection::vec(step(), 1..24)) {
        let token = Contract::<FractionToken>::new();
        let (treasury, alice, bob, carol) =
            (Address::from_tag("treasury"), Address::from_tag("alice"), Address::from_tag("bob"), Address::from_tag("carol"));
        let roles = holding(&token, treasury, alice);
        let mut delegate = alice;
        for s in steps {
            let before = (token.sender(alice).balance_of(alice), token.sender(alice).locked_balance_of(alice));
            let ok = match s {
                Step::Lock(n) => token.sender(roles.registry).lock_shares(alice, shares(n)).motsu_res().is_ok(),
                Step::Unlock(n) => token.sender(roles.registry).unlock_shares(alice, shares(n)).motsu_res().is_ok(),
                Step::Transfer(n) => token.sender(alice).transfer(bob, shares(n)).motsu_res().is_ok(),
                Step::Burn(n) => token.sender(alice).burn(shares(n)).motsu_res().is_ok(),
                Step::Redelegate => {
                    delegate = if delegate == alice { carol } else { alice };
                    token.sender(alice).delegate(delegate).motsu_res().is_ok()
                }
            };
            let (balance, locked) = (token.sender(alice).balance_of(alice), token.sender(alice).locked_balance_of(alice));
            prop_assert!(locked <= balance);
            prop_assert_eq!(token.sender(alice).get_votes(delegate), balance);
            if !ok {
                prop_assert_eq!((balance, locked), before);
            }
        }
    }
}
