//! ERC-5805 votes: delegation, checkpoints across transfers, mints, burns.
use alloy_primitives::{aliases::U48, Address, U256};
use atelier_common::clock::test_clock;
use motsu::prelude::*;
use proptest::prelude::*;

use super::*;
use crate::{
    CheckpointUnorderedInsertion, DelegateChanged, DelegateVotesChanged, ERC5805FutureLookup,
    Error, FractionToken,
};

#[motsu::test]
fn clock_is_the_timestamp(token: Contract<FractionToken>, alice: Address) {
    test_clock::set(START + 5);
    assert_eq!(token.sender(alice).clock(), U48::from(START + 5));
    assert_eq!(token.sender(alice).clock_mode(), "mode=timestamp");
}

#[motsu::test]
fn delegation_moves_votes(
    token: Contract<FractionToken>,
    treasury: Address,
    alice: Address,
    bob: Address,
) {
    let roles = wired(&token, treasury);
    token
        .sender(roles.vault)
        .mint(alice, shares(10))
        .motsu_unwrap();
    // Undelegated shares do not vote.
    assert_eq!(token.sender(alice).get_votes(alice), U256::ZERO);
    token.sender(alice).delegate(alice).motsu_unwrap();
    assert_eq!(token.sender(alice).delegates(alice), alice);
    assert_eq!(token.sender(alice).get_votes(alice), shares(10));
    token.assert_emitted(&DelegateChanged {
        delegator: alice,
        fromDelegate: Address::ZERO,
        toDelegate: alice,
    });
    token.assert_emitted(&DelegateVotesChanged {
        delegate: alice,
        previousVotes: U256::ZERO,
        newVotes: shares(10),
    });

    test_clock::advance(10);
    token.sender(alice).delegate(bob).motsu_unwrap();
    assert_eq!(token.sender(alice).get_votes(alice), U256::ZERO);
    assert_eq!(token.sender(alice).get_votes(bob), shares(10));
    token.assert_emitted(&DelegateChanged {
        delegator: alice,
        fromDelegate: alice,
        toDelegate: bob,
    });
    token.assert_emitted(&DelegateVotesChanged {
        delegate: alice,
        previousVotes: shares(10),
        newVotes: U256::ZERO,
    });
    test_clock::advance(1);
    assert_eq!(
        token
            .sender(alice)
            .get_past_votes(alice, U256::from(START))
            .motsu_unwrap(),
        shares(10)
    );
    assert_eq!(
        token
            .sender(alice)
            .get_past_votes(bob, U256::from(START))
            .motsu_unwrap(),
        U256::ZERO
    );
    assert_eq!(
        token
            .sender(alice)
            .get_past_votes(bob, U256::from(START + 10))
            .motsu_unwrap(),
        shares(10)
    );
}

#[motsu::test]
fn checkpoints_follow_transfers_mints_and_burns(
    token: Contract<FractionToken>,
    treasury: Address,
    alice: Address,
    bob: Address,
) {
    let roles = wired(&token, treasury);
    token.sender(alice).delegate(alice).motsu_unwrap();
    token.sender(bob).delegate(bob).motsu_unwrap();
    let t0 = START;
    token
        .sender(roles.vault)
        .mint(alice, shares(10))
        .motsu_unwrap(); // t0: alice 10
    test_clock::set(t0 + 100);
    token.sender(alice).transfer(bob, shares(4)).motsu_unwrap(); // t0+100: alice 6, bob 4
    token.assert_emitted(&DelegateVotesChanged {
        delegate: bob,
        previousVotes: U256::ZERO,
        newVotes: shares(4),
    });
    test_clock::set(t0 + 200);
    token.sender(bob).burn(shares(1)).motsu_unwrap(); // t0+200: bob 3, supply 9
    test_clock::set(t0 + 300);
    token
        .sender(roles.vault)
        .mint(bob, shares(5))
        .motsu_unwrap(); // t0+300: bob 8, supply 14
    test_clock::set(t0 + 400);

    let past = |who: Address, t: u64| {
        token
            .sender(who)
            .get_past_votes(who, U256::from(t))
            .motsu_unwrap()
    };
    let supply = |t: u64| {
        token
            .sender(alice)
            .get_past_total_supply(U256::from(t))
            .motsu_unwrap()
    };
    assert_eq!(past(alice, t0 - 1), U256::ZERO);
    assert_eq!(past(alice, t0), shares(10));
    assert_eq!(past(alice, t0 + 99), shares(10));
    assert_eq!(past(alice, t0 + 100), shares(6));
    assert_eq!(past(bob, t0 + 150), shares(4));
    assert_eq!(past(bob, t0 + 200), shares(3));
    assert_eq!(past(bob, t0 + 399), shares(8));
    assert_eq!(supply(t0 - 1), U256::ZERO);
    assert_eq!(supply(t0 + 150), shares(10));
    assert_eq!(supply(t0 + 250), shares(9));
    assert_eq!(supply(t0 + 300), shares(14));
    assert_eq!(token.sender(alice).get_votes(alice), shares(6));
    assert_eq!(token.sender(alice).get_votes(bob), shares(8));
    assert_eq!(token.sender(alice).num_checkpoints(alice), U256::from(2u8));
    assert_eq!(token.sender(alice).num_checkpoints(bob), U256::from(3u8));
}

#[motsu::test]
fn same_timestamp_updates_share_one_checkpoint(
    token: Contract<FractionToken>,
    treasury: Address,
    alice: Address,
    bob: Address,
) {
    let roles = wired(&token, treasury);
    token.sender(alice).delegate(alice).motsu_unwrap();
    token
        .sender(roles.vault)
        .mint(alice, shares(10))
        .motsu_unwrap();
    token.sender(alice).transfer(bob, shares(1)).motsu_unwrap();
    token.sender(alice).transfer(bob, shares(1)).motsu_unwrap();
    assert_eq!(token.sender(alice).num_checkpoints(alice), U256::from(1u8));
    assert_eq!(token.sender(alice).get_votes(alice), shares(8));
}

#[motsu::test]
fn past_lookups_must_be_in_the_past(
    token: Contract<FractionToken>,
    treasury: Address,
    alice: Address,
) {
    wired(&token, treasury);
    for t in [START, START + 1, u64::MAX] {
        let err = token
            .sender(alice)
            .get_past_votes(alice, U256::from(t))
            .motsu_unwrap_err();
        assert!(
            matches!(err, Error::FutureLookup(ERC5805FutureLookup { timepoint, clock })
            if timepoint == U256::from(t) && clock == U48::from(START))
        );
        let err = token
            .sender(alice)
            .get_past_total_supply(U256::from(t))
            .motsu_unwrap_err();
        assert!(matches!(err, Error::FutureLookup(_)));
    }
    assert_eq!(
        token
            .sender(alice)
            .get_past_total_supply(U256::from(START - 1))
            .motsu_unwrap(),
        U256::ZERO
    );
}

#[motsu::test]
fn checkpoints_refuse_a_clock_going_back(
    token: Contract<FractionToken>,
    treasury: Address,
    alice: Address,
) {
    let roles = wired(&token, treasury);
    token.sender(roles.vault).mint(alice, SHARE).motsu_unwrap();
    test_clock::set(START - 1);
    let err = token
        .sender(roles.vault)
        .mint(alice, SHARE)
        .motsu_unwrap_err();
    assert!(matches!(
        err,
        Error::CheckpointUnorderedInsertion(CheckpointUnorderedInsertion {})
    ));
}

/// A deep history (past the head into a binary search over 150 earlier
/// checkpoints, a count no power of two): every lookup exactly at a key, a
/// second before and after it, and before the first checkpoint answers as the
/// history does, for the votes and the total supply.
#[motsu::test]
fn deep_histories_answer_at_every_boundary(
    token: Contract<FractionToken>,
    treasury: Address,
    alice: Address,
) {
    let roles = wired(&token, treasury);
    token.sender(alice).delegate(alice).motsu_unwrap();
    const N: u64 = 151;
    // Checkpoint i at START + 1 + 3i holds i + 1 shares.
    let key = |i: u64| START + 1 + 3 * i;
    for i in 0..N {
        test_clock::set(key(i));
        token.sender(roles.vault).mint(alice, SHARE).motsu_unwrap();
    }
    test_clock::set(key(N - 1) + 10);
    let t = token.sender(alice);
    assert_eq!(t.num_checkpoints(alice), U256::from(N));
    let votes = |s: u64| t.get_past_votes(alice, U256::from(s)).motsu_unwrap();
    let supply = |s: u64| t.get_past_total_supply(U256::from(s)).motsu_unwrap();
    for s in [0, START - 1, START, key(0) - 1] {
        assert_eq!((votes(s), supply(s)), (U256::ZERO, U256::ZERO), "before the first, at {s}");
    }
    for i in 0..N {
        let held = shares(i + 1);
        for s in [key(i), key(i) + 1, key(i) + 2] {
            assert_eq!((votes(s), supply(s)), (held, held), "checkpoint {i}, at {s}");
        }
        if i > 0 {
            assert_eq!(votes(key(i) - 1), shares(i), "a second before checkpoint {i}");
        }
    }
    assert_eq!(votes(key(N - 1) + 9), shares(N));
}

/// Values at FractionToken's SUPPLY_CAP (2^85 - 1) are exact in the head (176
/// value bits) and after a newer key moves the head into the history (208).
#[motsu::test]
fn checkpoints_hold_the_supply_cap_exactly(
    token: Contract<FractionToken>,
    treasury: Address,
    alice: Address,
    bob: Address,
) {
    use atelier_common::params::fraction;
    let roles = wired(&token, treasury);
    token.sender(roles.vault).set_param(fraction::MAX_SUPPLY, crate::config::SUPPLY_CAP).motsu_unwrap();
    let cap = crate::config::SUPPLY_CAP;
    token.sender(alice).delegate(alice).motsu_unwrap();
    token.sender(roles.vault).mint(alice, cap).motsu_unwrap();
    assert_eq!(token.sender(alice).get_votes(alice), cap);
    test_clock::set(START + 1);
    token.sender(alice).transfer(bob, U256::from(1u8)).motsu_unwrap();
    test_clock::set(START + 2);
    token.sender(alice).delegate(bob).motsu_unwrap();
    test_clock::set(START + 3);
    let t = token.sender(alice);
    let at = |s: u64| U256::from(s);
    assert_eq!(t.get_past_votes(alice, at(START)).motsu_unwrap(), cap);
    assert_eq!(t.get_past_votes(alice, at(START + 1)).motsu_unwrap(), cap - U256::from(1u8));
    assert_eq!(t.get_past_votes(alice, at(START + 2)).motsu_unwrap(), U256::ZERO);
    assert_eq!(t.get_past_votes(bob, at(START + 2)).motsu_unwrap(), cap - U256::from(1u8));
    assert_eq!(t.get_past_total_supply(at(START)).motsu_unwrap(), cap);
    assert_eq!(t.get_past_total_supply(at(START + 2)).motsu_unwrap(), cap);
    assert_eq!(t.num_checkpoints(alice), U256::from(3u8));
    assert_eq!(t.get_votes(bob), cap - U256::from(1u8));
}

/// `getPastVotesAndSupply` answers what `getPastVotes` and `getPastTotalSupply`
/// answer, at and between checkpoints, and refuses the present and the future
/// as they do.
#[motsu::test]
fn past_votes_and_supply_is_both_lookups(
    token: Contract<FractionToken>,
    treasury: Address,
    alice: Address,
    bob: Address,
) {
    let roles = wired(&token, treasury);
    token.sender(alice).delegate(alice).motsu_unwrap();
    token.sender(roles.vault).mint(alice, shares(10)).motsu_unwrap();
    test_clock::set(START + 5);
    token.sender(roles.vault).mint(bob, shares(7)).motsu_unwrap();
    test_clock::set(START + 9);
    token.sender(alice).transfer(bob, shares(4)).motsu_unwrap();
    test_clock::set(START + 12);
    let t = token.sender(alice);
    for s in [START - 1, START, START + 4, START + 5, START + 8, START + 9, START + 11] {
        let at = U256::from(s);
        let both = t.get_past_votes_and_supply(alice, at).motsu_unwrap();
        assert_eq!(
            both,
            (t.get_past_votes(alice, at).motsu_unwrap(), t.get_past_total_supply(at).motsu_unwrap()),
            "at {s}"
        );
    }
    assert_eq!(t.get_past_votes_and_supply(alice, U256::from(START + 9)).motsu_unwrap(), (shares(6), shares(17)));
    let now = U256::from(START + 12);
    assert!(matches!(t.get_past_votes_and_supply(alice, now).motsu_unwrap_err(), Error::FutureLookup(_)));
}

/// One holder's move in [`votes_always_sum_the_balances_delegated`]: delegate
/// to nobody, to itself or to another of the three (by index), or send shares.
#[derive(Clone, Debug)]
enum Move {
    Delegate(usize, usize),
    Undelegate(usize),
    Transfer(usize, usize, u64),
}

fn a_move() -> impl Strategy<Value = Move> {
    prop_oneof![
        (0usize..3, 0usize..3).prop_map(|(who, to)| Move::Delegate(who, to)),
        (0usize..3).prop_map(Move::Undelegate),
        (0usize..3, 0usize..3, 0u64..8).prop_map(|(from, to, n)| Move::Transfer(from, to, n)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whoever delegates to whom (nobody, itself, or another holder, the last
    /// stored apart from the holder's slot) and whatever moves: each address
    /// votes exactly the balances delegated to it, and `delegates` answers
    /// what was last chosen.
    #[test]
    fn votes_always_sum_the_balances_delegated(moves in prop::collection::vec(a_move(), 1..24)) {
        let token = Contract::<FractionToken>::new();
        let roles = wired(&token, Address::from_tag("treasury"));
        let people = [Address::from_tag("alice"), Address::from_tag("bob"), Address::from_tag("carol")];
        let mut chosen = [Address::ZERO; 3];
        for who in people {
            token.sender(roles.vault).mint(who, shares(5)).motsu_unwrap();
        }
        for (i, m) in moves.into_iter().enumerate() {
            test_clock::advance(1 + i as u64 % 2);
            match m {
                Move::Delegate(who, to) => {
                    token.sender(people[who]).delegate(people[to]).motsu_unwrap();
                    chosen[who] = people[to];
                }
                Move::Undelegate(who) => {
                    token.sender(people[who]).delegate(Address::ZERO).motsu_unwrap();
                    chosen[who] = Address::ZERO;
                }
                Move::Transfer(from, to, n) => {
                    let _ = token.sender(people[from]).transfer(people[to], shares(n)).motsu_res();
                }
            }
            for (j, who) in people.into_iter().enumerate() {
                prop_assert_eq!(token.sender(who).delegates(who), chosen[j]);
                let delegated: U256 = (0..3)
                    .filter(|&k| chosen[k] == who)
                    .map(|k| token.sender(who).balance_of(people[k]))
                    .sum();
                prop_assert_eq!(token.sender(who).get_votes(who), delegated);
            }
        }
    }
}
