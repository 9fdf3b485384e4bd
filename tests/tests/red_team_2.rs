//! Red team 2 (the `stake` change, then the burns without approval): staking
//! locked in place in the token, the
//! governor's per-artwork redemption locks (queued count + latest expiry, two
//! passed slots) and the minority exit. Tests that pass show an attack is not
//! possible (regression tests); a test marked `#[ignore = "red team: ..."]`
//! demonstrates a finding that is still open (run it with `--ignored` to watch
//! it fail).

use alloy_primitives::{keccak256, Address, U256};
use atelier_common::params::{fraction as fk, vault as vk};
use atelier_governor::{actions::kind, types::state, Action};
use atelier_tests::{
    governance::*,
    test_clock,
    wiring::Collective,
};
use motsu::prelude::*;

const ETHER: U256 = SHARE;

/// The governor's `lockedUntil` for the artwork (what the vault asks at redeem).
fn lock_of(c: &Collective, artwork: u64) -> u64 {
    c.governor.sender(c.people.stranger.address()).locked_until(U256::from(artwork)).motsu_unwrap().to::<u64>()
}

/// A proposal's `expires` (queue deadline, then execution deadline).
fn expires_of(c: &Collective, id: U256) -> u64 {
    c.governor.sender(c.people.stranger.address()).proposal(id).4.to::<u64>()
}

/// SetParams of a governor parameter (through the vault's key space).
fn governor_param(c: &Collective, key: u8, value: u64) -> Action {
    let mut a = action(kind::SET_PARAMS);
    a.1 = c.vault.address();
    a.3 = U256::from(key);
    a.4 = U256::from(value);
    a
}

fn pause(c: &Collective, on: bool) {
    c.token.sender(c.vault.address()).set_param(fk::PAUSED, U256::from(on as u8)).motsu_unwrap();
}

/// Funds the treasury with 10 ETH of revenue (part of it lands in the reserve).
fn fund_treasury(c: &Collective) -> U256 {
    let carol = c.people.carol.address();
    carol.fund(ETHER * U256::from(10));
    c.treasury.sender_and_value(carol, ETHER * U256::from(10)).receive().motsu_unwrap();
    let reserve = c.treasury.sender(carol).buckets().0;
    assert!(reserve > U256::ZERO);
    reserve
}

/// The curator proposes `actions` (named `description`) and votes For; each of
/// `against` votes Against; voting ends. Returns the id.
fn pass(c: &Collective, actions: Vec<Action>, description: &str, against: &[Address]) -> U256 {
    let curator = c.people.curator.address();
    let p = c.governor.sender(curator).propose(actions, description.into()).motsu_unwrap();
    test_clock::advance(gov(c, "votingDelay") + 1);
    c.governor.sender(curator).cast_vote(p, 1).motsu_unwrap();
    for who in against {
        c.governor.sender(*who).cast_vote(p, 0).motsu_unwrap();
    }
    test_clock::advance(gov(c, "votingPeriod"));
    p
}

/// A queued WithdrawReserve of the whole reserve to the curator, with
/// `against` voting Against. Returns (proposal, reserve).
fn queued_withdrawal(c: &Collective, against: &[Address], description: &str) -> (U256, U256) {
    let reserve = c.treasury.sender(c.people.carol.address()).buckets().0;
    let p = pass(c, vec![withdraw(c.people.curator.address(), reserve)], description, against);
    c.governor.sender(c.people.curator.address()).queue(p).motsu_unwrap();
    (p, reserve)
}

fn reserve_of(c: &Collective) -> U256 {
    c.treasury.sender(c.people.stranger.address()).buckets().0
}

fn supply_of(c: &Collective) -> U256 {
    c.token.sender(c.people.stranger.address()).total_supply()
}

/// `reserve / supply` never falls: `r1 / s1 >= r0 / s0`.
fn reserve_per_share_kept(r0: U256, s0: U256, r1: U256, s1: U256) -> bool {
    r1 * s0 >= r0 * s1
}

#[allow(deprecated)]
fn eth(who: Address) -> U256 {
    use stylus_sdk::prelude::AddressVM;
    who.balance()
}

// ------------------------------------------------------------ minority exit

/// Exit with shares received after the vote (a For voter lends or sells them
/// to the Against voter): the Against voter may burn any free shares it holds,
/// but never more than its vote weight in total, each at `reserve / supply`;
/// the lender's own exit stays refused, and the reserve per remaining share
/// never falls, so nobody who stays pays for it.
#[test]
fn exit_with_shares_received_after_the_vote_is_capped_and_pro_rata() {
    let c = genesis();
    let (curator, bob) = (c.people.curator.address(), c.people.bob.address());
    hand_out(&c, &[(bob, 1_100)]);
    fund_treasury(&c);
    let (p, reserve) = queued_withdrawal(&c, &[bob], "take the reserve");
    // The For-voting curator hands bob 1,000 more shares in the timelock.
    c.token.sender(curator).transfer(bob, shares(1_000)).motsu_unwrap();
    let supply = supply_of(&c);
    let before = eth(bob);
    c.governor.sender(bob).exit(p, shares(1_100)).motsu_unwrap();
    assert_eq!(eth(bob) - before, reserve * shares(1_100) / supply);
    assert!(c.governor.sender(bob).exit(p, U256::from(1)).motsu_res().is_err(), "exited beyond the vote weight");
    assert!(c.governor.sender(curator).exit(p, U256::from(1)).motsu_res().is_err(), "a For voter exited");
    assert_eq!(c.token.sender(bob).balance_of(bob), shares(1_000));
    assert!(reserve_per_share_kept(reserve, supply, reserve_of(&c), supply_of(&c)));
}

/// Double exit via delegation: alice delegates her 200 shares to bob, who
/// votes Against with 1,300. Alice's own vote weighs nothing, so she cannot
/// exit; bob can exit 1,300 in total whoever's shares he burns (his 1,100 and
/// alice's 200 once she hands them over), never more; redelegating after the
/// snapshot adds nothing.
#[test]
fn delegation_does_not_multiply_the_exit_allowance() {
    let c = genesis();
    let (bob, alice) = (c.people.bob.address(), c.people.alice.address());
    hand_out(&c, &[(bob, 1_100), (alice, 200)]);
    c.token.sender(alice).delegate(bob).unwrap();
    test_clock::advance(1);
    fund_treasury(&c);
    let curator = c.people.curator.address();
    let reserve = reserve_of(&c);
    let p = c.governor.sender(curator).propose(vec![withdraw(curator, reserve)], "take".into()).motsu_unwrap();
    test_clock::advance(gov(&c, "votingDelay") + 1);
    // After the snapshot alice takes her votes back: they count nowhere on p.
    c.token.sender(alice).delegate(alice).unwrap();
    c.governor.sender(curator).cast_vote(p, 1).motsu_unwrap();
    assert_eq!(c.governor.sender(bob).cast_vote(p, 0).motsu_unwrap(), shares(1_300));
    assert_eq!(c.governor.sender(alice).cast_vote(p, 0).motsu_unwrap(), U256::ZERO);
    test_clock::advance(gov(&c, "votingPeriod"));
    c.governor.sender(curator).queue(p).motsu_unwrap();
    let (r0, s0) = (reserve_of(&c), supply_of(&c));
    assert!(c.governor.sender(alice).exit(p, U256::from(1)).motsu_res().is_err(), "a zero-weight voter exited");
    assert!(c.governor.sender(bob).exit(p, shares(1_300)).motsu_res().is_err(), "burned shares bob does not hold");
    c.governor.sender(bob).exit(p, shares(1_100)).motsu_unwrap();
    c.token.sender(alice).transfer(bob, shares(200)).motsu_unwrap();
    c.governor.sender(bob).exit(p, shares(200)).motsu_unwrap();
    assert!(c.governor.sender(bob).exit(p, U256::from(1)).motsu_res().is_err());
    assert!(c.governor.sender(alice).exit(p, U256::from(1)).motsu_res().is_err());
    let paid = r0 - reserve_of(&c);
    assert!(paid <= r0 * shares(1_300) / s0, "more than 1,300 shares' part of the reserve");
    assert!(reserve_per_share_kept(r0, s0, reserve_of(&c), supply_of(&c)));
}

/// Rounding: an exit in many small pieces (1 unit, odd sizes, the rest) never
/// pays more in total than one exit of the same shares, and every piece leaves
/// the reserve per remaining share where it was or higher.
#[test]
fn exiting_in_dust_never_beats_one_exit() {
    let c = genesis();
    let bob = c.people.bob.address();
    hand_out(&c, &[(bob, 1_100)]);
    fund_treasury(&c);
    let (p, _) = queued_withdrawal(&c, &[bob], "take the reserve");
    let (r0, s0) = (reserve_of(&c), supply_of(&c));
    let one_shot = r0 * shares(1_100) / s0;
    let mut left = shares(1_100);
    let mut sizes: Vec<U256> = vec![U256::from(1), U256::from(2), U256::from(3), U256::from(999), U256::from(1_000_001)];
    for k in 1..=20u64 {
        sizes.push(shares(k) + U256::from(k * 7_919));
    }
    let before = eth(bob);
    for s in sizes {
        let (r, sup) = (reserve_of(&c), supply_of(&c));
        c.governor.sender(bob).exit(p, s).motsu_unwrap();
        left -= s;
        assert!(reserve_per_share_kept(r, sup, reserve_of(&c), supply_of(&c)), "a piece of {s} lowered the reserve per share");
    }
    c.governor.sender(bob).exit(p, left).motsu_unwrap();
    let paid = eth(bob) - before;
    assert!(paid <= one_shot, "pieces paid {paid}, one exit {one_shot}");
    assert_eq!(r0 - reserve_of(&c), paid);
}

/// Flash-like: an Against voter buys shares from the sale in the timelock and
/// exits them in the same block. The sale never sells below the backing per
/// share (grossed up), so the exit returns less ETH than the shares cost.
#[test]
fn buying_shares_to_exit_them_never_pays() {
    let c = genesis();
    let carol = c.people.carol.address();
    hand_out(&c, &[(carol, 100)]);
    fund_treasury(&c);
    let (p, _) = queued_withdrawal(&c, &[carol], "take the reserve");
    // Carol sold her 100 voting shares meanwhile; she buys 100 back now.
    c.token.sender(carol).transfer(c.people.curator.address(), shares(100)).motsu_unwrap();
    let quote = c.token.sender(carol).quote_buy(shares(100)).motsu_unwrap();
    carol.fund(quote);
    let before = eth(carol);
    c.token.sender_and_value(carol, quote).buy(shares(100), quote, U256::MAX).motsu_unwrap();
    c.governor.sender(carol).exit(p, shares(100)).motsu_unwrap();
    let after = eth(carol);
    assert!(after < before, "buy-and-exit made {} wei", after - before);
}

/// Two queued exitable proposals: the same Against vote weight may exit on
/// each, but only with shares the voter holds at the time (burned by the first
/// exit), each at the reserve per share then — no double payment per share.
#[test]
fn two_exitable_proposals_pay_each_share_once() {
    let c = genesis();
    let (curator, bob) = (c.people.curator.address(), c.people.bob.address());
    hand_out(&c, &[(bob, 1_100)]);
    fund_treasury(&c);
    let reserve = reserve_of(&c);
    let a = c.governor.sender(curator).propose(vec![withdraw(curator, reserve)], "take a".into()).motsu_unwrap();
    let b = c.governor.sender(curator).propose(vec![withdraw(curator, reserve / U256::from(2))], "take b".into()).motsu_unwrap();
    test_clock::advance(gov(&c, "votingDelay") + 1);
    for p in [a, b] {
        c.governor.sender(curator).cast_vote(p, 1).motsu_unwrap();
        c.governor.sender(bob).cast_vote(p, 0).motsu_unwrap();
    }
    test_clock::advance(gov(&c, "votingPeriod"));
    c.governor.sender(curator).queue(a).motsu_unwrap();
    c.governor.sender(curator).queue(b).motsu_unwrap();
    let (r0, s0) = (reserve_of(&c), supply_of(&c));
    c.governor.sender(bob).exit(a, shares(1_100)).motsu_unwrap();
    assert!(c.governor.sender(bob).exit(b, shares(1)).motsu_res().is_err(), "exited again with burned shares");
    assert_eq!(reserve_of(&c), r0 - r0 * shares(1_100) / s0);
    assert!(reserve_per_share_kept(r0, s0, reserve_of(&c), supply_of(&c)));
}

/// A majority cannot pause the market to trap the minority: exit burns through
/// the vault (which the pause never stops) and the treasury pays, while paused.
#[test]
fn a_pause_cannot_block_the_minority_exit() {
    let c = genesis();
    let bob = c.people.bob.address();
    hand_out(&c, &[(bob, 1_100)]);
    fund_treasury(&c);
    let (p, _) = queued_withdrawal(&c, &[bob], "take the reserve");
    pause(&c, true);
    c.governor.sender(bob).exit(p, shares(1_100)).motsu_unwrap();
    assert_eq!(c.token.sender(bob).balance_of(bob), U256::ZERO);
}

/// Exit burns free shares only: staked shares cannot be exited (or burned)
/// while locked; a refused exit keeps the allowance; after unstaking the rest
/// of the weight exits.
#[test]
fn staked_shares_cannot_be_exited_until_unstaked() {
    let c = genesis();
    let bob = c.people.bob.address();
    hand_out(&c, &[(bob, 1_100)]);
    c.registry.sender(bob).stake(U256::from(1), shares(1_000)).motsu_unwrap();
    fund_treasury(&c);
    let (p, _) = queued_withdrawal(&c, &[bob], "take the reserve");
    let err = c.governor.sender(bob).exit(p, shares(1_100)).motsu_unwrap_err();
    assert!(matches!(err, atelier_governor::Error::Callee(_)), "{err:?}");
    c.governor.sender(bob).exit(p, shares(100)).motsu_unwrap();
    assert!(c.governor.sender(bob).exit(p, U256::from(1)).motsu_res().is_err(), "burned a locked share");
    assert_eq!(c.token.sender(bob).locked_balance_of(bob), shares(1_000));
    c.registry.sender(bob).unstake(U256::from(1), shares(1_000)).motsu_unwrap();
    c.governor.sender(bob).exit(p, shares(1_000)).motsu_unwrap();
    assert!(c.governor.sender(bob).exit(p, U256::from(1)).motsu_res().is_err());
}

// ------------------------------------------------------------------ staking

/// Staking invariants: nobody but the registry locks or unlocks; a stake never
/// locks more than the free balance; locked shares move by no transfer, burn
/// or spender; nobody unstakes another's stake; the registry cannot unlock
/// more than is locked.
#[test]
fn locked_shares_cannot_move_and_only_the_registry_unlocks() {
    let c = genesis();
    let (bob, carol) = (c.people.bob.address(), c.people.carol.address());
    let (registry, vault, treasury) = (c.registry.address(), c.vault.address(), c.treasury.address());
    hand_out(&c, &[(bob, 1_100), (carol, 10)]);
    c.registry.sender(bob).stake(U256::from(1), shares(600)).motsu_unwrap();
    for who in [bob, carol, vault, treasury] {
        assert!(c.token.sender(who).lock_shares(bob, U256::from(1)).motsu_res().is_err(), "{who} locked");
        assert!(c.token.sender(who).unlock_shares(bob, U256::from(1)).motsu_res().is_err(), "{who} unlocked");
    }
    assert!(c.registry.sender(bob).stake(U256::from(2), shares(501)).motsu_res().is_err(), "locked more than the free balance");
    c.registry.sender(bob).stake(U256::from(2), shares(500)).motsu_unwrap();
    assert_eq!(c.token.sender(bob).balance_of(bob), shares(1_100));
    assert_eq!(c.token.sender(bob).locked_balance_of(bob), shares(1_100));
    assert_eq!(c.token.sender(bob).get_votes(bob), shares(1_100));
    for spender in [carol, vault, treasury] {
        c.token.sender(bob).approve(spender, U256::MAX).unwrap();
    }
    assert!(c.token.sender(bob).transfer(carol, U256::from(1)).motsu_res().is_err());
    assert!(c.token.sender(carol).transfer_from(bob, carol, U256::from(1)).motsu_res().is_err());
    assert!(c.token.sender(bob).burn(U256::from(1)).motsu_res().is_err());
    assert!(c.token.sender(treasury).burn_from(bob, U256::from(1)).motsu_res().is_err());
    assert!(c.token.sender(vault).burn_from(bob, U256::from(1)).motsu_res().is_err());
    assert!(c.vault.sender(bob).redeem(U256::from(3)).motsu_res().is_err(), "redeemed with locked shares");
    // Carol cannot unstake bob's stake, nor more than her own (none).
    test_clock::advance(c.cfg("registry", "cooldown").to::<u64>());
    assert!(c.registry.sender(carol).unstake(U256::from(1), U256::from(1)).motsu_res().is_err());
    assert!(c.registry.sender(bob).unstake(U256::from(1), shares(601)).motsu_res().is_err(), "unstaked beyond the seed's stake");
    assert!(c.token.sender(registry).unlock_shares(bob, shares(1_101)).motsu_res().is_err(), "unlocked more than locked");
    assert_eq!(c.token.sender(bob).locked_balance_of(bob), shares(1_100));
    c.registry.sender(bob).unstake(U256::from(1), shares(600)).motsu_unwrap();
    assert_eq!(c.token.sender(bob).locked_balance_of(bob), shares(500));
    assert!(c.token.sender(bob).transfer(carol, shares(601)).motsu_res().is_err());
    c.token.sender(bob).transfer(carol, shares(600)).motsu_unwrap();
}

/// Votes follow balances exactly through stake, redelegation, unstake and
/// transfer: the delegates' votes always sum to the supply (everyone
/// delegated), so staked shares are never counted twice or lost; and staked
/// shares moved nowhere can vote only once per proposal.
#[test]
fn staking_never_duplicates_or_loses_votes() {
    let c = genesis();
    let (curator, bob, carol, alice) =
        (c.people.curator.address(), c.people.bob.address(), c.people.carol.address(), c.people.alice.address());
    hand_out(&c, &[(bob, 1_100), (carol, 100), (alice, 1)]);
    let sum = |c: &Collective| {
        [curator, bob, carol, alice].iter().fold(U256::ZERO, |s, a| s + c.token.sender(*a).get_votes(*a))
    };
    let supply = supply_of(&c);
    assert_eq!(sum(&c), supply);
    c.registry.sender(bob).stake(U256::from(1), shares(1_000)).motsu_unwrap();
    assert_eq!(sum(&c), supply);
    c.token.sender(bob).delegate(carol).unwrap();
    assert_eq!(c.token.sender(carol).get_votes(carol), shares(1_200));
    assert_eq!(c.token.sender(bob).get_votes(bob), U256::ZERO);
    assert_eq!(sum(&c), supply);
    // A proposal: carol votes with bob's staked shares; bob's own vote weighs 0.
    let p = c.governor.sender(curator).propose(vec![exhibition(1, carol, now() + DAY)], "show".into()).motsu_unwrap();
    test_clock::advance(gov(&c, "votingDelay") + 1);
    assert_eq!(c.governor.sender(carol).cast_vote(p, 1).motsu_unwrap(), shares(1_200));
    c.token.sender(bob).delegate(bob).unwrap();
    assert_eq!(c.governor.sender(bob).cast_vote(p, 1).motsu_unwrap(), U256::ZERO);
    assert_eq!(sum(&c), supply);
    test_clock::advance(c.cfg("registry", "cooldown").to::<u64>());
    c.registry.sender(bob).unstake(U256::from(1), shares(1_000)).motsu_unwrap();
    c.token.sender(bob).transfer(alice, shares(1_100)).motsu_unwrap();
    assert_eq!(c.governor.sender(alice).cast_vote(p, 1).motsu_unwrap(), shares(1), "moved shares voted twice");
    assert_eq!(c.token.sender(alice).get_votes(alice), shares(1_101));
    assert_eq!(sum(&c), supply);
    let (_, for_votes, _) = c.governor.sender(curator).proposal_votes(p);
    assert_eq!(for_votes, shares(1_201));
}

/// Pause: staking and unstaking work (nothing moves), locked shares stay put,
/// and redemption (which the pause never stops) still draws on free shares only.
#[test]
fn staking_works_while_paused_and_locked_shares_stay_put() {
    let c = genesis();
    let (bob, carol) = (c.people.bob.address(), c.people.carol.address());
    hand_out(&c, &[(bob, 1_100)]);
    pause(&c, true);
    c.registry.sender(bob).stake(U256::from(1), shares(500)).motsu_unwrap();
    assert!(c.vault.sender(bob).redeem(U256::from(3)).motsu_res().is_err(), "redeemed with staked shares while paused");
    assert!(c.token.sender(bob).transfer(carol, U256::from(1)).motsu_res().is_err());
    test_clock::advance(c.cfg("registry", "cooldown").to::<u64>());
    c.registry.sender(bob).unstake(U256::from(1), shares(500)).motsu_unwrap();
    c.vault.sender(bob).redeem(U256::from(3)).motsu_unwrap();
    assert_eq!(c.token.sender(bob).locked_balance_of(bob), U256::ZERO);
}

// ---------------------------------------------------------- redemption locks

/// Veto bookkeeping: of two proposals queued on artwork 1, vetoing one takes
/// only its own count off (no second veto can take it off again), the other
/// keeps the artwork locked; exit on the vetoed one is refused; once the other
/// executes the artwork is free.
#[test]
fn a_vetoed_proposal_releases_only_its_own_count() {
    let c = genesis();
    let (curator, bob, carol) = (c.people.curator.address(), c.people.bob.address(), c.people.carol.address());
    hand_out(&c, &[(bob, 1_100)]);
    let show = vec![exhibition(1, bob, now() + 365 * DAY)];
    let a = c.governor.sender(curator).propose(vec![release(1, carol)], "sell 1".into()).motsu_unwrap();
    let b = c.governor.sender(curator).propose(show.clone(), "show 1".into()).motsu_unwrap();
    test_clock::advance(gov(&c, "votingDelay") + 1);
    for p in [a, b] {
        c.governor.sender(curator).cast_vote(p, 1).motsu_unwrap();
    }
    c.governor.sender(bob).cast_vote(a, 0).motsu_unwrap();
    test_clock::advance(gov(&c, "votingPeriod"));
    c.governor.sender(curator).queue(a).motsu_unwrap();
    c.governor.sender(curator).queue(b).motsu_unwrap();
    c.governor.sender(curator).veto(a, U256::from(1)).motsu_unwrap();
    c.governor.sender(curator).veto(a, U256::from(2)).motsu_unwrap();
    assert_eq!(state_of(&c, a), state::VETOED);
    assert!(c.governor.sender(curator).veto(a, U256::from(3)).motsu_res().is_err(), "vetoed a vetoed proposal");
    assert!(c.governor.sender(bob).exit(a, shares(1)).motsu_res().is_err(), "exit on a vetoed proposal");
    assert!(lock_of(&c, 1) > now(), "b's lock was taken off with a's");
    assert!(c.vault.sender(bob).redeem(U256::from(1)).motsu_res().is_err());
    test_clock::advance(gov(&c, "timelock"));
    assert!(c.governor.sender(curator).execute(vec![release(1, carol)], keccak256("sell 1"), curator).motsu_res().is_err());
    c.governor.sender(curator).execute(show, keccak256("show 1"), curator).motsu_unwrap();
    assert_eq!(lock_of(&c, 1), 0);
    c.vault.sender(bob).redeem(U256::from(1)).motsu_unwrap();
}

/// An expired queued proposal leaves a stale count; the next queue after its
/// expiry restarts the count, so executing the new one frees the artwork (the
/// stale count does not keep it locked), and the expired one locks nothing.
#[test]
fn an_expired_queued_proposal_does_not_outlive_its_expiry() {
    let c = genesis();
    let (curator, bob) = (c.people.curator.address(), c.people.bob.address());
    hand_out(&c, &[(bob, 1_100)]);
    let a = pass(&c, vec![exhibition(1, bob, now() + 365 * DAY)], "show 1 to bob", &[]);
    c.governor.sender(curator).queue(a).motsu_unwrap();
    let end = expires_of(&c, a);
    assert_eq!(lock_of(&c, 1), end - 1);
    test_clock::advance(end - now());
    assert_eq!(state_of(&c, a), state::EXPIRED);
    assert_eq!(lock_of(&c, 1), 0, "an expired proposal still locks");
    let show = vec![exhibition(1, curator, now() + 365 * DAY)];
    let b = pass(&c, show.clone(), "show 1 to the curator", &[]);
    c.governor.sender(curator).queue(b).motsu_unwrap();
    assert_eq!(lock_of(&c, 1), expires_of(&c, b) - 1);
    test_clock::advance(gov(&c, "timelock"));
    c.governor.sender(curator).execute(show, keccak256("show 1 to the curator"), curator).motsu_unwrap();
    assert_eq!(lock_of(&c, 1), 0, "the stale count of the expired proposal kept the artwork locked");
}

/// Documented bound (README "How the lock stays O(1)"): an expired queued
/// proposal is never taken off the count, so after a later queued one executes
/// the artwork stays locked until the latest expiry counted — never longer,
/// and nothing can stretch it without another queue.
#[test]
fn a_stale_count_holds_no_longer_than_the_latest_queued_expiry() {
    let c = genesis();
    let (curator, bob) = (c.people.curator.address(), c.people.bob.address());
    hand_out(&c, &[(bob, 1_100)]);
    let show = vec![exhibition(1, curator, now() + 365 * DAY)];
    let a = c.governor.sender(curator).propose(vec![exhibition(1, bob, now() + 365 * DAY)], "a".into()).motsu_unwrap();
    let b = c.governor.sender(curator).propose(show.clone(), "b".into()).motsu_unwrap();
    test_clock::advance(gov(&c, "votingDelay") + 1);
    for p in [a, b] {
        c.governor.sender(curator).cast_vote(p, 1).motsu_unwrap();
    }
    test_clock::advance(gov(&c, "votingPeriod"));
    c.governor.sender(curator).queue(a).motsu_unwrap();
    test_clock::advance(DAY);
    c.governor.sender(curator).queue(b).motsu_unwrap();
    let (end_a, end_b) = (expires_of(&c, a), expires_of(&c, b));
    test_clock::advance(gov(&c, "timelock"));
    c.governor.sender(curator).execute(show, keccak256("b"), curator).motsu_unwrap();
    // a (queued, never executed) still counts: locked through the latest end.
    assert_eq!(lock_of(&c, 1), end_b - 1);
    test_clock::advance(end_a - now());
    assert_eq!(state_of(&c, a), state::EXPIRED);
    assert!(lock_of(&c, 1) <= end_b - 1);
    test_clock::advance(end_b - now());
    assert_eq!(lock_of(&c, 1), 0);
    c.vault.sender(bob).redeem(U256::from(1)).motsu_unwrap();
}

/// FINDING (redemption lock, low; closed): `hold_queued` restarted the count only when
/// every counted proposal has expired (`now > queued_until`), not when the
/// count is back to 0; `queued_until` keeps the end of proposals already
/// executed or vetoed. After governance shortens the grace period (or the
/// timelock), a later queued proposal that is left to expire keeps the artwork
/// locked until the *executed* proposal's old execution deadline, although no
/// proposal concerning it can execute any more.
///
/// Numbers: A = [exhibition of artwork 1, gracePeriod 14 d -> 1 h] is queued
/// (expiry ~16 d after) and executed; B, an exhibition of artwork 1, is queued
/// ~5 d later (expiry ~2 d + 1 h after its queue) and left to expire: artwork 1
/// stays unredeemable ~9 days after B expired.
/// Fixed: `hold_queued` also restarts when the count is 0.
#[test]
fn an_executed_proposal_cannot_lock_beyond_every_live_one() {
    let c = genesis();
    let (curator, bob) = (c.people.curator.address(), c.people.bob.address());
    hand_out(&c, &[(bob, 1_100)]);
    let first = vec![exhibition(1, bob, now() + 365 * DAY), governor_param(&c, vk::GRACE_PERIOD, 3_600)];
    let a = pass(&c, first.clone(), "show 1, shorter grace", &[]);
    c.governor.sender(curator).queue(a).motsu_unwrap();
    test_clock::advance(gov(&c, "timelock"));
    c.governor.sender(curator).execute(first, keccak256("show 1, shorter grace"), curator).motsu_unwrap();
    assert_eq!(lock_of(&c, 1), 0, "nothing queued: free");
    let b = pass(&c, vec![exhibition(1, curator, now() + 365 * DAY)], "show 1 again", &[]);
    c.governor.sender(curator).queue(b).motsu_unwrap();
    let end_b = expires_of(&c, b);
    test_clock::advance(end_b - now());
    assert_eq!(state_of(&c, b), state::EXPIRED);
    let lock = lock_of(&c, 1);
    assert!(
        c.vault.sender(bob).redeem(U256::from(1)).motsu_res().is_ok(),
        "artwork 1 locked {} s after the last proposal that could execute expired",
        lock.saturating_sub(now())
    );
}

/// A proposal that names one artwork in two actions counts it twice at queue
/// and takes both off at execution: it neither leaves a count behind nor takes
/// off another queued proposal's.
#[test]
fn an_artwork_named_twice_counts_symmetrically() {
    let c = genesis();
    let (curator, bob, carol) = (c.people.curator.address(), c.people.bob.address(), c.people.carol.address());
    hand_out(&c, &[(bob, 1_100)]);
    let twice = vec![exhibition(1, bob, now() + 365 * DAY), exhibition(1, carol, now() + 365 * DAY)];
    let once = vec![exhibition(1, curator, now() + 365 * DAY)];
    let a = c.governor.sender(curator).propose(twice.clone(), "twice".into()).motsu_unwrap();
    let b = c.governor.sender(curator).propose(once.clone(), "once".into()).motsu_unwrap();
    test_clock::advance(gov(&c, "votingDelay") + 1);
    for p in [a, b] {
        c.governor.sender(curator).cast_vote(p, 1).motsu_unwrap();
    }
    test_clock::advance(gov(&c, "votingPeriod"));
    c.governor.sender(curator).queue(b).motsu_unwrap();
    c.governor.sender(curator).queue(a).motsu_unwrap();
    test_clock::advance(gov(&c, "timelock"));
    c.governor.sender(curator).execute(twice, keccak256("twice"), curator).motsu_unwrap();
    assert_eq!(state_of(&c, b), state::QUEUED);
    assert!(lock_of(&c, 1) >= now(), "the double release took b's count off");
    c.governor.sender(curator).execute(once, keccak256("once"), curator).motsu_unwrap();
    assert_eq!(lock_of(&c, 1), 0, "a count was left behind");
}

/// Two decoys passing after a real proposal already Succeeded cannot evict it
/// from its passed slot: the artwork stays locked through its queue deadline.
#[test]
fn decoys_cannot_evict_a_succeeded_proposal_from_its_slot() {
    let c = genesis();
    let (bob, carol) = (c.people.bob.address(), c.people.carol.address());
    hand_out(&c, &[(bob, 1_100)]);
    let p = pass(&c, vec![release(1, carol)], "sell 1 to carol", &[]);
    assert_eq!(state_of(&c, p), state::SUCCEEDED);
    let mut decoys = vec![];
    for n in 0..3u64 {
        let d = c.governor.sender(bob).propose(vec![exhibition(1, bob, now() + DAY + n)], format!("decoy {n}").into()).motsu_unwrap();
        decoys.push(d);
    }
    test_clock::advance(gov(&c, "votingDelay") + 1);
    for d in &decoys {
        c.governor.sender(bob).cast_vote(*d, 1).motsu_unwrap();
    }
    assert_eq!(state_of(&c, p), state::SUCCEEDED, "p can still be queued");
    assert_eq!(lock_of(&c, 1), expires_of(&c, p) - 1);
    assert!(c.vault.sender(bob).redeem(U256::from(1)).motsu_res().is_err(), "redeemed under a passed release");
    // Voting on the decoys ends; they are Succeeded (bob's quorum): still locked.
    test_clock::advance(gov(&c, "votingPeriod"));
    assert!(c.vault.sender(bob).redeem(U256::from(1)).motsu_res().is_err());
}

/// A proposal passing for a moment while Active and defeated at the end locks
/// nothing once voting ends (griefing redemption needs a vote that really
/// passes), and frees its slot for the next one.
#[test]
fn a_momentary_pass_that_ends_defeated_locks_nothing() {
    let c = genesis();
    let (curator, bob, carol) = (c.people.curator.address(), c.people.bob.address(), c.people.carol.address());
    hand_out(&c, &[(bob, 1_100)]);
    let d = c.governor.sender(bob).propose(vec![exhibition(1, bob, now() + 30 * DAY)], "grief".into()).motsu_unwrap();
    test_clock::advance(gov(&c, "votingDelay") + 1);
    c.governor.sender(bob).cast_vote(d, 1).motsu_unwrap();
    c.governor.sender(curator).cast_vote(d, 0).motsu_unwrap();
    test_clock::advance(gov(&c, "votingPeriod"));
    assert_eq!(state_of(&c, d), state::DEFEATED);
    assert_eq!(lock_of(&c, 1), 0);
    // A real release now passes and takes the freed slot.
    let p = pass(&c, vec![release(1, carol)], "sell 1 to carol", &[]);
    assert_eq!(lock_of(&c, 1), expires_of(&c, p) - 1);
    assert!(c.vault.sender(bob).redeem(U256::from(1)).motsu_res().is_err());
}

// ------------------------------------------------- burns without approval

/// The vault and the treasury burn without an allowance (redeem, exit and a
/// buyback sale are one transaction each). An attacker tries every path to
/// make them burn a bystander's shares: the token's `burnFrom` directly, the
/// vault's exit action directly, redeeming or exiting against the
/// bystander's vote. Each burns only the caller's own shares or nothing.
#[test]
fn no_path_burns_a_bystanders_shares() {
    let c = genesis();
    let (bob, carol, attacker) = (c.people.bob.address(), c.people.carol.address(), c.people.stranger.address());
    hand_out(&c, &[(bob, 1_100), (carol, 300), (attacker, 10)]);
    fund_treasury(&c);
    let (p, _) = queued_withdrawal(&c, &[bob], "take the reserve");
    let bob_before = c.token.sender(bob).balance_of(bob);
    assert!(c.token.sender(attacker).burn_from(bob, SHARE).motsu_res().is_err(), "burnFrom without an allowance");
    assert!(
        c.vault.sender(attacker).execute_action(8, Address::ZERO, bob, p, SHARE).motsu_res().is_err(),
        "the vault's exit action from outside the governor"
    );
    // Bob voted Against; the attacker's own record is empty, so it cannot exit
    // (let alone with bob's shares).
    assert!(c.governor.sender(attacker).exit(p, SHARE).motsu_res().is_err(), "exit on another's vote");
    // Redeeming costs the attacker's own shares: 10 are not the price.
    assert!(c.vault.sender(attacker).redeem(U256::from(1)).motsu_res().is_err(), "redeemed with another's shares");
    assert_eq!(c.token.sender(bob).balance_of(bob), bob_before, "the bystander's shares moved");
    assert_eq!(c.token.sender(carol).balance_of(carol), shares(300));
    assert_eq!(c.token.sender(attacker).balance_of(attacker), shares(10));
    // Bob's own exit takes exactly his shares.
    c.governor.sender(bob).exit(p, shares(100)).motsu_unwrap();
    assert_eq!(c.token.sender(bob).balance_of(bob), bob_before - shares(100));
    assert_eq!(c.token.sender(carol).balance_of(carol), shares(300));
}

// ------------------------------------------------------------ packed tallies

/// The governor packs Against/For/Abstain in 85 bits each: the token's hard
/// supply cap (which `maxSupply` can never pass) keeps every vote weight and
/// tally inside them, and governance cannot raise `maxSupply` past it.
#[test]
fn the_supply_cap_keeps_every_tally_in_its_bits() {
    let bits = atelier_governor::types::Tallies::BITS;
    assert!(atelier_fraction::SUPPLY_CAP < U256::from(1) << bits);
    let c = genesis();
    let over = atelier_fraction::SUPPLY_CAP + U256::from(1);
    assert!(c.token.sender(c.vault.address()).set_param(fk::MAX_SUPPLY, over).motsu_res().is_err());
    c.token.sender(c.vault.address()).set_param(fk::MAX_SUPPLY, atelier_fraction::SUPPLY_CAP).motsu_unwrap();
}

/// Raises `maxSupply` to the token's hard cap (what an executed
/// SetParams(token, MAX_SUPPLY, cap) does: the bound governance cannot pass)
/// and mints `amounts` (what delivered ApproveListing deposits do: the vault
/// mints up to `maxSupply`, listing shares < 2^96); each holder self-delegates.
fn mint_up_to_the_cap(c: &Collective, amounts: &[(Address, U256)]) {
    let vault = c.vault.address();
    c.token.sender(vault).set_param(fk::MAX_SUPPLY, atelier_fraction::SUPPLY_CAP).motsu_unwrap();
    for (who, amount) in amounts {
        c.token.sender(vault).mint(*who, *amount).motsu_unwrap();
        c.token.sender(*who).delegate(*who).motsu_unwrap();
    }
    test_clock::advance(1);
}

/// The room left under the hard cap (the genesis supply aside).
fn room_under_the_cap(c: &Collective) -> U256 {
    atelier_fraction::SUPPLY_CAP - supply_of(c)
}

/// Packed tallies (92f81be): Against/For/Abstain share one word, 85 bits each,
/// and `Tallies::add` clamps a tally at 2^85 - 1. The token's hard cap
/// (`SUPPLY_CAP`, the upper bound of `maxSupply` governance may set) is
/// 2^96 - 1 on main, so a vote weight and a tally can pass 2^85: a For
/// majority of 2:1 is then counted as a tie (both clamped) and the proposal
/// is Defeated; before the packing (U256 tallies) it Succeeded. Passes once the
/// cap keeps every tally within its bits.
#[test]
fn a_clamped_tally_cannot_turn_a_majority_into_a_defeat() {
    let c = genesis();
    let (curator, bob, alice) = (c.people.curator.address(), c.people.bob.address(), c.people.alice.address());
    hand_out(&c, &[]);
    let room = room_under_the_cap(&c);
    let (for_w, against_w) = (room * U256::from(2) / U256::from(3), room / U256::from(3));
    mint_up_to_the_cap(&c, &[(bob, for_w), (alice, against_w)]);
    // A steward's own exhibition (no proposal threshold).
    let p = c.governor.sender(curator).propose(vec![exhibition(1, bob, now() + 30 * DAY)], "show it".into()).motsu_unwrap();
    test_clock::advance(gov(&c, "votingDelay") + 1);
    c.governor.sender(bob).cast_vote(p, 1).motsu_unwrap();
    c.governor.sender(alice).cast_vote(p, 0).motsu_unwrap();
    test_clock::advance(gov(&c, "votingPeriod"));
    assert_eq!(state_of(&c, p), state::SUCCEEDED, "a 2:1 For majority with full turnout was defeated");
    let (against, for_votes, abstain) = c.governor.sender(curator).proposal_votes(p);
    assert_eq!((against, for_votes, abstain), (against_w, for_w, U256::ZERO), "tallies not counted exactly");
}

/// The same clamp caps turnout (For + Abstain) at 2^86 - 2: once the supply
/// passes 2^86 / quorumBps * 10_000 (here 4%: ~1.9e27 units, allowed by the
/// 2^96 - 1 cap), quorum can never be reached, even when every share votes
/// For: governance cannot pass anything again (not even a change back).
#[test]
fn a_unanimous_vote_always_reaches_quorum() {
    let c = genesis();
    let (curator, bob) = (c.people.curator.address(), c.people.bob.address());
    hand_out(&c, &[]);
    let room = room_under_the_cap(&c);
    mint_up_to_the_cap(&c, &[(bob, room)]);
    let p = c.governor.sender(curator).propose(vec![exhibition(1, bob, now() + 30 * DAY)], "show it".into()).motsu_unwrap();
    test_clock::advance(gov(&c, "votingDelay") + 1);
    c.governor.sender(curator).cast_vote(p, 1).motsu_unwrap();
    c.governor.sender(bob).cast_vote(p, 1).motsu_unwrap();
    test_clock::advance(gov(&c, "votingPeriod"));
    assert_eq!(state_of(&c, p), state::SUCCEEDED, "every share voted For and quorum was not reached");
}

/// The proposal's artworks are read only when a vote turns it to passing
/// (92f81be): an Abstain vote that brings quorum in the last seconds (For >
/// Against already held) both extends the vote and takes the artwork's
/// passed slot, so it is locked from the (extended) vote end through the
/// queue deadline, as before.
#[test]
fn an_abstain_that_brings_late_quorum_locks_the_artwork() {
    let c = genesis();
    let (curator, bob, alice, carol) =
        (c.people.curator.address(), c.people.bob.address(), c.people.alice.address(), c.people.carol.address());
    hand_out(&c, &[(bob, 50), (alice, 100)]);
    let p = c.governor.sender(curator).propose(vec![release(1, carol)], "sell 1 to carol".into()).motsu_unwrap();
    test_clock::advance(gov(&c, "votingDelay") + 1);
    c.governor.sender(bob).cast_vote(p, 1).motsu_unwrap();
    assert_eq!(lock_of(&c, 1), 0, "For below quorum locks nothing");
    let end = c.governor.sender(curator).proposal(p).2.to::<u64>();
    test_clock::advance(end - now() - 1);
    c.governor.sender(alice).cast_vote(p, 2).motsu_unwrap();
    let new_end = c.governor.sender(curator).proposal(p).2.to::<u64>();
    assert!(new_end > end, "late quorum did not extend the vote");
    // Active votes lock nothing; once voting ends it is Succeeded and the
    // slot this vote took locks the artwork until the queue deadline.
    test_clock::advance(new_end - now() + 1);
    assert_eq!(state_of(&c, p), state::SUCCEEDED);
    assert_eq!(lock_of(&c, 1), expires_of(&c, p) - 1);
    assert!(c.vault.sender(curator).redeem(U256::from(1)).motsu_res().is_err(), "redeemed under a passed release");
}
