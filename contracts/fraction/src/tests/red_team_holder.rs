//! Red team of the one-slot holder (free balance, locked stake, delegation
//! kind; a delegate elsewhere in `delegatees`): every test asserts the safe
//! behaviour, so it fails if the attack it names works.
use alloc::{collections::BTreeMap, vec::Vec};

use alloy_primitives::{Address, LogData, U256};
use alloy_sol_types::SolEvent;
use atelier_common::{clock::test_clock, params::fraction};
use motsu::prelude::*;
use proptest::prelude::*;

use super::*;
use crate::{DelegateChanged, Error, FractionToken};

/// The last `DelegateChanged` the token emitted (motsu keeps every event, so
/// `assert_emitted` alone cannot tell the latest `fromDelegate`).
fn last_delegate_changed(token: &Contract<FractionToken>) -> LogData {
    token
        .all_events()
        .into_iter()
        .rev()
        .find(|log| log.topics().first() == Some(&DelegateChanged::SIGNATURE_HASH))
        .expect("a DelegateChanged")
}

fn assert_last_delegate_changed(token: &Contract<FractionToken>, delegator: Address, from: Address, to: Address) {
    let want = DelegateChanged { delegator, fromDelegate: from, toDelegate: to }.encode_log_data();
    assert_eq!(last_delegate_changed(token), want, "DelegateChanged({delegator}, {from} -> {to})");
}

/// Votes of each of `who` now.
fn votes(token: &Contract<FractionToken>, who: &[Address]) -> Vec<U256> {
    who.iter().map(|&a| token.sender(a).get_votes(a)).collect()
}

fn past(token: &Contract<FractionToken>, who: Address, t: u64) -> U256 {
    token.sender(who).get_past_votes(who, U256::from(t)).motsu_unwrap()
}

/// elsewhere (bob) -> self -> elsewhere (carol): the stale `bob` left in
/// `delegatees` while self-delegated is neither credited nor debited, and each
/// `fromDelegate` is the delegate actually left.
#[motsu::test]
fn stale_delegatee_is_never_counted_after_self_then_elsewhere(
    token: Contract<FractionToken>,
    treasury: Address,
    alice: Address,
    bob: Address,
    carol: Address,
) {
    let roles = wired(&token, treasury);
    token.sender(roles.vault).mint(alice, shares(10)).motsu_unwrap();
    token.sender(bob).delegate(bob).motsu_unwrap();
    token.sender(roles.vault).mint(bob, shares(3)).motsu_unwrap();
    let who = [alice, bob, carol];

    token.sender(alice).delegate(bob).motsu_unwrap(); // START
    assert_last_delegate_changed(&token, alice, Address::ZERO, bob);
    test_clock::set(START + 1);
    token.sender(alice).delegate(alice).motsu_unwrap();
    assert_last_delegate_changed(&token, alice, bob, alice);
    assert_eq!(token.sender(alice).delegates(alice), alice);
    assert_eq!(votes(&token, &who), [shares(10), shares(3), U256::ZERO]);
    // Shares arriving while self-delegated go to alice, not the stale bob.
    token.sender(roles.vault).mint(alice, shares(2)).motsu_unwrap();
    token.sender(bob).transfer(alice, shares(1)).motsu_unwrap();
    assert_eq!(votes(&token, &who), [shares(13), shares(2), U256::ZERO]);
    test_clock::set(START + 2);
    token.sender(alice).delegate(carol).motsu_unwrap();
    assert_last_delegate_changed(&token, alice, alice, carol);
    assert_eq!(token.sender(alice).delegates(alice), carol);
    assert_eq!(votes(&token, &who), [U256::ZERO, shares(2), shares(13)]);
    // Leaving carol for bob debits carol (not the stale entry) and credits bob.
    test_clock::set(START + 3);
    token.sender(alice).delegate(bob).motsu_unwrap();
    assert_last_delegate_changed(&token, alice, carol, bob);
    assert_eq!(votes(&token, &who), [U256::ZERO, shares(15), U256::ZERO]);
    test_clock::set(START + 4);
    assert_eq!(past(&token, bob, START), shares(13));
    assert_eq!(past(&token, bob, START + 1), shares(2));
    assert_eq!(past(&token, alice, START + 1), shares(13));
    assert_eq!(past(&token, carol, START + 2), shares(13));
    assert_eq!(past(&token, carol, START + 3), U256::ZERO);
    assert_eq!(past(&token, bob, START + 3), shares(15));
}

/// elsewhere (bob) -> none: later mints and transfers in do not reach the
/// stale bob, `delegates` answers zero, and re-delegating reports zero as the
/// delegate left.
#[motsu::test]
fn undelegating_leaves_no_live_delegatee(
    token: Contract<FractionToken>,
    treasury: Address,
    alice: Address,
    bob: Address,
    carol: Address,
) {
    let roles = wired(&token, treasury);
    token.sender(roles.vault).mint(alice, shares(10)).motsu_unwrap();
    token.sender(roles.vault).mint(carol, shares(4)).motsu_unwrap();
    token.sender(alice).delegate(bob).motsu_unwrap();
    token.sender(alice).delegate(Address::ZERO).motsu_unwrap();
    assert_last_delegate_changed(&token, alice, bob, Address::ZERO);
    assert_eq!(token.sender(alice).delegates(alice), Address::ZERO);
    assert_eq!(token.sender(alice).get_votes(bob), U256::ZERO);
    token.sender(roles.vault).mint(alice, shares(1)).motsu_unwrap();
    token.sender(carol).transfer(alice, shares(4)).motsu_unwrap();
    token.sender(alice).transfer(carol, shares(2)).motsu_unwrap();
    token.sender(alice).burn(shares(1)).motsu_unwrap();
    assert_eq!(token.sender(alice).get_votes(bob), U256::ZERO);
    assert_eq!(token.sender(alice).get_votes(alice), U256::ZERO);
    // Undelegating again is a no-op that reports zero -> zero.
    token.sender(alice).delegate(Address::ZERO).motsu_unwrap();
    assert_last_delegate_changed(&token, alice, Address::ZERO, Address::ZERO);
    token.sender(alice).delegate(carol).motsu_unwrap();
    assert_last_delegate_changed(&token, alice, Address::ZERO, carol);
    assert_eq!(token.sender(alice).get_votes(carol), shares(12));
    assert_eq!(token.sender(alice).get_votes(bob), U256::ZERO);
}

/// Delegating to oneself by address is self-delegation (not "elsewhere" to
/// oneself): no double count, and repeating it or repeating a delegation
/// elsewhere never adds the balance twice.
#[motsu::test]
fn redelegating_to_the_same_delegate_never_double_counts(
    token: Contract<FractionToken>,
    treasury: Address,
    alice: Address,
    bob: Address,
) {
    let roles = wired(&token, treasury);
    token.sender(roles.vault).mint(alice, shares(10)).motsu_unwrap();
    token.sender(alice).delegate(alice).motsu_unwrap();
    assert_last_delegate_changed(&token, alice, Address::ZERO, alice);
    for _ in 0..3 {
        token.sender(alice).delegate(alice).motsu_unwrap();
        assert_last_delegate_changed(&token, alice, alice, alice);
    }
    assert_eq!(token.sender(alice).get_votes(alice), shares(10));
    assert_eq!(token.sender(alice).num_checkpoints(alice), U256::from(1u8));
    for _ in 0..3 {
        token.sender(alice).delegate(bob).motsu_unwrap();
    }
    assert_last_delegate_changed(&token, alice, bob, bob);
    assert_eq!(votes(&token, &[alice, bob]), [U256::ZERO, shares(10)]);
    // Bob delegating to alice does not chain alice's delegation through.
    token.sender(roles.vault).mint(bob, shares(5)).motsu_unwrap();
    token.sender(bob).delegate(alice).motsu_unwrap();
    assert_eq!(votes(&token, &[alice, bob]), [shares(5), shares(10)]);
    assert_eq!(token.sender(alice).delegates(bob), alice);
    assert_eq!(token.sender(alice).delegates(alice), bob);
}

/// Self-transfers, with or without locks, under each delegation kind: the
/// balance, the locked part and every vote stay put, and a self-transfer
/// cannot spend locked shares.
#[motsu::test]
fn self_transfer_moves_nothing_under_any_delegation(
    token: Contract<FractionToken>,
    treasury: Address,
    alice: Address,
    bob: Address,
) {
    let roles = wired(&token, treasury);
    token.sender(roles.vault).mint(alice, shares(10)).motsu_unwrap();
    token.sender(roles.registry).lock_shares(alice, shares(6)).motsu_unwrap();
    for to in [Address::ZERO, alice, bob, alice, Address::ZERO, bob] {
        token.sender(alice).delegate(to).motsu_unwrap();
        let before = votes(&token, &[alice, bob]);
        token.sender(alice).transfer(alice, shares(4)).motsu_unwrap();
        token.sender(alice).transfer(alice, U256::ZERO).motsu_unwrap();
        let err = token.sender(alice).transfer(alice, shares(5)).motsu_unwrap_err();
        assert!(matches!(err, Error::InsufficientBalance(_)), "locked shares are not free, delegate {to}");
        assert_eq!(token.sender(alice).balance_of(alice), shares(10));
        assert_eq!(token.sender(alice).locked_balance_of(alice), shares(6));
        assert_eq!(votes(&token, &[alice, bob]), before, "delegate {to}");
        assert_eq!(token.sender(alice).delegates(alice), to);
    }
}

/// Locks and unlocks under each delegation kind move no votes, keep the
/// delegation, and keep `balanceOf` = free + locked.
#[motsu::test]
fn locks_keep_votes_and_delegation_under_any_kind(
    token: Contract<FractionToken>,
    treasury: Address,
    alice: Address,
    bob: Address,
    carol: Address,
) {
    let roles = wired(&token, treasury);
    token.sender(roles.vault).mint(alice, shares(10)).motsu_unwrap();
    for to in [bob, Address::ZERO, alice, carol] {
        token.sender(alice).delegate(to).motsu_unwrap();
        let before = votes(&token, &[alice, bob, carol]);
        token.sender(roles.registry).lock_shares(alice, shares(7)).motsu_unwrap();
        assert_eq!(token.sender(alice).delegates(alice), to, "after a lock");
        assert_eq!(votes(&token, &[alice, bob, carol]), before, "lock, delegate {to}");
        assert_eq!(token.sender(alice).balance_of(alice), shares(10));
        // Re-delegating while locked carries the locked shares too.
        token.sender(alice).delegate(bob).motsu_unwrap();
        assert_eq!(token.sender(alice).get_votes(bob), shares(10));
        token.sender(alice).delegate(to).motsu_unwrap();
        assert_eq!(votes(&token, &[alice, bob, carol]), before);
        token.sender(roles.registry).unlock_shares(alice, shares(7)).motsu_unwrap();
        assert_eq!(token.sender(alice).delegates(alice), to, "after an unlock");
        assert_eq!(votes(&token, &[alice, bob, carol]), before, "unlock, delegate {to}");
        assert_eq!(token.sender(alice).locked_balance_of(alice), U256::ZERO);
        assert_eq!(token.sender(alice).balance_of(alice), shares(10));
    }
}

/// Burns and transfers out while delegated elsewhere debit the current
/// delegate (never the holder itself nor an earlier delegate); mints to a
/// holder that has moved on from an earlier delegate credit the current one.
#[motsu::test]
fn flows_while_delegated_elsewhere_hit_only_the_current_delegate(
    token: Contract<FractionToken>,
    treasury: Address,
    alice: Address,
    bob: Address,
    carol: Address,
    dave: Address,
) {
    let roles = wired(&token, treasury);
    token.sender(roles.vault).mint(alice, shares(10)).motsu_unwrap();
    token.sender(alice).delegate(bob).motsu_unwrap();
    token.sender(alice).delegate(carol).motsu_unwrap();
    token.sender(dave).delegate(dave).motsu_unwrap();
    let who = [alice, bob, carol, dave];
    token.sender(roles.vault).mint(alice, shares(5)).motsu_unwrap();
    assert_eq!(votes(&token, &who), [U256::ZERO, U256::ZERO, shares(15), U256::ZERO]);
    token.sender(alice).burn(shares(3)).motsu_unwrap();
    token.sender(alice).transfer(dave, shares(2)).motsu_unwrap();
    token.sender(alice).approve(bob, U256::MAX).motsu_unwrap();
    token.sender(bob).transfer_from(alice, bob, shares(1)).motsu_unwrap();
    assert_eq!(votes(&token, &who), [U256::ZERO, U256::ZERO, shares(9), shares(2)]);
    // Dave sending back credits carol (alice's delegate), not alice or bob.
    token.sender(dave).transfer(alice, shares(2)).motsu_unwrap();
    assert_eq!(votes(&token, &who), [U256::ZERO, U256::ZERO, shares(11), U256::ZERO]);
    assert_eq!(token.sender(alice).balance_of(alice), shares(11));
    assert_eq!(token.sender(alice).total_supply(), shares(12));
}

/// The supply cap (2^85 - 1) in the packed slot: the whole cap free, then all
/// locked, never spills into the neighbouring field or the delegation kind.
#[motsu::test]
fn full_cap_in_free_and_locked_does_not_clobber_the_slot(
    token: Contract<FractionToken>,
    treasury: Address,
    alice: Address,
    bob: Address,
    carol: Address,
) {
    let roles = wired(&token, treasury);
    let cap = crate::config::SUPPLY_CAP;
    token.sender(roles.vault).set_param(fraction::MAX_SUPPLY, cap).motsu_unwrap();
    token.sender(alice).delegate(bob).motsu_unwrap();
    token.sender(roles.vault).mint(alice, cap).motsu_unwrap();
    assert_eq!(token.sender(alice).delegates(alice), bob);
    assert_eq!(token.sender(alice).get_votes(bob), cap);
    token.sender(roles.registry).lock_shares(alice, cap).motsu_unwrap();
    assert_eq!(token.sender(alice).balance_of(alice), cap);
    assert_eq!(token.sender(alice).locked_balance_of(alice), cap);
    assert_eq!(token.sender(alice).delegates(alice), bob);
    token.sender(alice).delegate(carol).motsu_unwrap();
    assert_eq!(votes(&token, &[bob, carol]), [U256::ZERO, cap]);
    let err = token.sender(roles.vault).mint(alice, U256::from(1u8)).motsu_unwrap_err();
    assert!(matches!(err, Error::MaxSupplyExceeded(_)));
    token.sender(roles.registry).unlock_shares(alice, cap).motsu_unwrap();
    assert_eq!(token.sender(alice).delegates(alice), carol);
    token.sender(alice).transfer(bob, cap).motsu_unwrap();
    assert_eq!(token.sender(alice).balance_of(bob), cap);
    assert_eq!(votes(&token, &[alice, bob, carol]), [U256::ZERO, U256::ZERO, U256::ZERO]);
    assert_eq!(token.sender(alice).delegates(alice), carol);
    assert_eq!(token.sender(alice).delegates(bob), Address::ZERO);
}

/// A step of the holder model: who acts (of three holders) and on whom (a
/// holder, the outsider `dave` who holds nothing, or zero).
#[derive(Clone, Debug)]
enum Step {
    Delegate(usize, usize),
    Transfer(usize, usize, u64),
    Lock(usize, u64),
    Unlock(usize, u64),
    Burn(usize, u64),
    Mint(usize, u64),
    Tick(u64),
}

fn a_step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (0usize..3, 0usize..5).prop_map(|(w, t)| Step::Delegate(w, t)),
        3 => (0usize..3, 0usize..3, 0u64..8).prop_map(|(f, t, n)| Step::Transfer(f, t, n)),
        2 => (0usize..3, 0u64..8).prop_map(|(w, n)| Step::Lock(w, n)),
        2 => (0usize..3, 0u64..8).prop_map(|(w, n)| Step::Unlock(w, n)),
        1 => (0usize..3, 0u64..4).prop_map(|(w, n)| Step::Burn(w, n)),
        1 => (0usize..3, 0u64..4).prop_map(|(w, n)| Step::Mint(w, n)),
        2 => (0u64..3).prop_map(Step::Tick),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Any sequence of delegations (none, self, another holder, an outsider),
    /// transfers (self included), locks, unlocks, burns and mints, against a
    /// plain model: every step succeeds exactly when the model allows it;
    /// free, locked, `balanceOf`, `delegates`, every `getVotes`, the supply
    /// and the last `fromDelegate` match; and afterwards `getPastVotes` at
    /// every second replays the model's history.
    #[test]
    fn holder_slot_matches_a_plain_model(steps in prop::collection::vec(a_step(), 1..40)) {
        let token = Contract::<FractionToken>::new();
        let roles = wired(&token, Address::from_tag("treasury"));
        let people = [Address::from_tag("alice"), Address::from_tag("bob"), Address::from_tag("carol")];
        let targets = [people[0], people[1], people[2], Address::from_tag("dave"), Address::ZERO];
        let voters = [people[0], people[1], people[2], targets[3]];
        let mut free = [5u64; 3];
        let mut locked = [0u64; 3];
        let mut chosen = [Address::ZERO; 3];
        for who in people {
            token.sender(roles.vault).mint(who, shares(5)).motsu_unwrap();
        }
        let model_votes = |free: &[u64; 3], locked: &[u64; 3], chosen: &[Address; 3]| -> Vec<U256> {
            voters.iter().map(|&v| (0..3).filter(|&k| chosen[k] == v).map(|k| shares(free[k] + locked[k])).sum()).collect()
        };
        let mut now = START;
        let mut history: BTreeMap<u64, Vec<U256>> = BTreeMap::new();
        history.insert(now, model_votes(&free, &locked, &chosen));
        for step in steps {
            match step {
                Step::Tick(s) => {
                    now += s;
                    test_clock::set(now);
                }
                Step::Delegate(w, t) => {
                    let to = targets[t];
                    token.sender(people[w]).delegate(to).motsu_unwrap();
                    assert_last_delegate_changed(&token, people[w], chosen[w], to);
                    chosen[w] = to;
                }
                Step::Transfer(f, t, n) => {
                    let ok = token.sender(people[f]).transfer(people[t], shares(n)).motsu_res().is_ok();
                    prop_assert_eq!(ok, free[f] >= n, "transfer {} -> {} of {}", f, t, n);
                    if ok {
                        free[f] -= n;
                        free[t] += n;
                    }
                }
                Step::Lock(w, n) => {
                    let ok = token.sender(roles.registry).lock_shares(people[w], shares(n)).motsu_res().is_ok();
                    prop_assert_eq!(ok, free[w] >= n);
                    if ok {
                        free[w] -= n;
                        locked[w] += n;
                    }
                }
                Step::Unlock(w, n) => {
                    let ok = token.sender(roles.registry).unlock_shares(people[w], shares(n)).motsu_res().is_ok();
                    prop_assert_eq!(ok, locked[w] >= n);
                    if ok {
                        locked[w] -= n;
                        free[w] += n;
                    }
                }
                Step::Burn(w, n) => {
                    let ok = token.sender(people[w]).burn(shares(n)).motsu_res().is_ok();
                    prop_assert_eq!(ok, free[w] >= n);
                    if ok {
                        free[w] -= n;
                    }
                }
                Step::Mint(w, n) => {
                    let ok = token.sender(roles.vault).mint(people[w], shares(n)).motsu_res().is_ok();
                    prop_assert_eq!(ok, n > 0);
                    free[w] += n;
                }
            }
            for (j, &who) in people.iter().enumerate() {
                let t = token.sender(who);
                prop_assert_eq!(t.delegates(who), chosen[j]);
                prop_assert_eq!(t.locked_balance_of(who), shares(locked[j]));
                prop_assert_eq!(t.balance_of(who), shares(free[j] + locked[j]));
            }
            prop_assert_eq!(token.sender(people[0]).delegates(targets[3]), Address::ZERO);
            let want = model_votes(&free, &locked, &chosen);
            prop_assert_eq!(votes(&token, &voters), want.clone());
            let supply: u64 = free.iter().chain(locked.iter()).sum();
            prop_assert_eq!(token.sender(people[0]).total_supply(), shares(supply));
            history.insert(now, want);
        }
        // Replay: the votes at every past second are the model's at its end.
        test_clock::set(now + 1);
        let mut last = model_votes(&[5; 3], &[0; 3], &[Address::ZERO; 3]);
        for s in START..=now {
            if let Some(v) = history.get(&s) {
                last = v.clone();
            }
            for (i, &v) in voters.iter().enumerate() {
                prop_assert_eq!(past(&token, v, s), last[i], "past votes of {} at {}", i, s);
            }
        }
    }
}
