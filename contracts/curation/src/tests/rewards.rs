//! notifyReward, earned, claim and the stream views.
use atelier_common::{
    errors::{EthTransferFailed, MathOverflow, Unauthorized, ZeroAmount},
    math::WAD,
    params::curation::REWARD_PERIOD,
};
use proptest::{
    prelude::*,
    test_runner::{Config, TestRunner},
};

use super::{mock::EthRejecter, *};
use crate::{Error, NothingToClaim, RewardNotified, RewardPaid};

fn rate_of(amount: U256, period: u64) -> U256 {
    amount * WAD / U256::from(period)
}

/// ETH balance of a plain address.
#[allow(deprecated)]
fn eth(account: Address) -> U256 {
    stylus_sdk::types::AddressVM::balance(&account)
}

/// `|a - b| <= tolerance` (wei).
fn close(a: U256, b: U256, tolerance: u64) -> bool {
    let diff = if a > b { a - b } else { b - a };
    diff <= U256::from(tolerance)
}

#[motsu::test]
fn notify_reward_starts_a_stream() {
    let w = World::new();
    let r = &w.registry;
    let amount = units(7);
    w.notify(amount);
    let rate = rate_of(amount, PERIOD);
    r.assert_emitted(&RewardNotified {
        amount,
        rate,
        periodFinish: U256::from(T0 + PERIOD),
    });
    assert_eq!(r.sender(alice()).reward_rate(), rate);
    assert_eq!(
        r.sender(alice()).period_finish().motsu_unwrap(),
        U256::from(T0 + PERIOD)
    );
    assert_eq!(
        r.sender(alice()).reward_per_token().motsu_unwrap(),
        U256::ZERO
    );
    assert_eq!(r.balance(), amount);
}

#[motsu::test]
fn notify_reward_only_by_treasury_and_not_empty() {
    let w = World::new();
    let r = &w.registry;
    alice().fund(ONE);
    let err = r
        .sender_and_value(alice(), ONE)
        .notify_reward()
        .motsu_unwrap_err();
    assert_eq!(err, Error::Unauthorized(Unauthorized { caller: alice() }));
    let err = r.sender(treasury()).notify_reward().motsu_unwrap_err();
    assert_eq!(err, Error::ZeroAmount(ZeroAmount {}));
    assert_eq!(r.sender(alice()).reward_rate(), U256::ZERO);
}

/// An amount whose WAD-scaled value does not fit 256 bits is refused.
#[motsu::test]
fn notify_reward_refuses_overflowing_amounts() {
    let w = World::new();
    let huge = U256::MAX / WAD + U256::from(1);
    treasury().fund(huge);
    let err = w
        .registry
        .sender_and_value(treasury(), huge)
        .notify_reward()
        .motsu_unwrap_err();
    assert_eq!(err, Error::MathOverflow(MathOverflow {}));
    assert_eq!(w.registry.sender(alice()).reward_rate(), U256::ZERO);
}

#[motsu::test]
fn single_staker_earns_the_whole_stream_and_claims_it() {
    let w = World::new();
    let r = &w.registry;
    let id = w.vault_seed(1);
    w.stake(alice(), id, units(2));
    let amount = units(7);
    w.notify(amount);
    test_clock::advance(PERIOD / 2);
    assert!(close(w.earned(alice()), amount / U256::from(2), 2));
    // rewardPerToken: wei (scaled 1e18) per share unit.
    let rpt = r.sender(alice()).reward_per_token().motsu_unwrap();
    assert!(close(rpt, amount / U256::from(2) * WAD / units(2), 1));
    test_clock::advance(PERIOD);
    let earned = w.earned(alice());
    assert!(
        earned <= amount && amount - earned <= U256::from(3),
        "earned {earned}"
    );
    let paid = r.sender(alice()).claim().motsu_unwrap();
    assert_eq!(paid, earned);
    r.assert_emitted(&RewardPaid {
        account: alice(),
        amount: paid,
    });
    assert_eq!(eth(alice()), paid);
    assert_eq!(r.balance(), amount - paid);
    assert_eq!(w.earned(alice()), U256::ZERO);
    let err = r.sender(alice()).claim().motsu_unwrap_err();
    assert_eq!(
        err,
        Error::NothingToClaim(NothingToClaim { account: alice() })
    );
}

/// Stakes 1:3 (across different seeds) get 1:3 of the stream: the larger is
/// exactly three times the smaller up to 3 wei, and together they get the
/// stream up to 6 wei of rounding dust (which stays in the contract).
#[motsu::test]
fn rewards_split_pro_rata_to_total_stake() {
    let w = World::new();
    let (s1, s2) = (w.vault_seed(1), w.vault_seed(2));
    w.stake(alice(), s1, units(1));
    w.stake(bob(), s1, units(2));
    w.stake(bob(), s2, units(1));
    let amount = U256::from(10_000_000_000_000_000_003u128);
    w.notify(amount);
    test_clock::advance(PERIOD);
    let (a, b) = (w.earned(alice()), w.earned(bob()));
    assert!(close(b, a * U256::from(3), 3), "alice {a}, bob {b}");
    assert!(a + b <= amount && amount - (a + b) <= U256::from(6));
    // Claiming one does not change the other.
    w.registry.sender(bob()).claim().motsu_unwrap();
    assert_eq!(w.earned(alice()), a);
    assert_eq!(eth(bob()), b);
}

#[motsu::test]
fn a_staker_joining_mid_stream_earns_only_from_then() {
    let w = World::new();
    let id = w.vault_seed(1);
    w.stake(alice(), id, units(5));
    let amount = units(4);
    w.notify(amount);
    test_clock::advance(PERIOD / 2);
    w.stake(bob(), id, units(5));
    assert_eq!(w.earned(bob()), U256::ZERO);
    test_clock::advance(PERIOD);
    let (a, b) = (w.earned(alice()), w.earned(bob()));
    assert!(close(a, units(3), 4), "alice {a}");
    assert!(close(b, units(1), 4), "bob {b}");
    assert!(a + b <= amount);
}

#[motsu::test]
fn unstaking_keeps_what_was_earned() {
    let w = World::new();
    let id = w.vault_seed(1);
    w.stake(alice(), id, units(1));
    w.stake(bob(), id, units(1));
    w.notify(units(2));
    test_clock::advance(PERIOD / 2);
    w.registry
        .sender(alice())
        .unstake(id, units(1))
        .motsu_unwrap();
    let kept = w.earned(alice());
    assert!(close(kept, units(1) / U256::from(2), 2));
    test_clock::advance(PERIOD);
    assert_eq!(w.earned(alice()), kept);
    assert!(close(w.earned(bob()), units(3) / U256::from(2), 3));
    assert_eq!(w.registry.sender(alice()).claim().motsu_unwrap(), kept);
}

/// Synthetix loses rewards streamed while nothing is staked; here the stream
/// pauses (its finish moves later) and the first staker gets all of it.
#[motsu::test]
fn stream_pauses_while_nothing_is_staked() {
    let w = World::new();
    let r = &w.registry;
    let id = w.vault_seed(1);
    let amount = units(3);
    w.notify(amount);
    test_clock::advance(2 * DAY);
    assert_eq!(
        r.sender(alice()).period_finish().motsu_unwrap(),
        U256::from(T0 + 2 * DAY + PERIOD)
    );
    w.stake(alice(), id, units(1));
    test_clock::advance(PERIOD / 2);
    assert!(close(w.earned(alice()), amount / U256::from(2), 2));
    // Everybody leaves for a while: the rest waits again.
    r.sender(alice()).unstake(id, units(1)).motsu_unwrap();
    test_clock::advance(30 * DAY);
    w.stake(bob(), id, units(1));
    test_clock::advance(PERIOD);
    let (a, b) = (w.earned(alice()), w.earned(bob()));
    assert!(
        a + b <= amount && amount - (a + b) <= U256::from(3),
        "{a} + {b}"
    );
    assert!(close(b, amount / U256::from(2), 3));
}

#[motsu::test]
fn unspent_remainder_rolls_into_the_next_stream() {
    let w = World::new();
    let r = &w.registry;
    let id = w.vault_seed(1);
    w.stake(alice(), id, units(1));
    w.notify(units(4));
    test_clock::advance(PERIOD / 2);
    w.notify(units(1));
    let finish = T0 + PERIOD / 2 + PERIOD;
    assert_eq!(
        r.sender(alice()).period_finish().motsu_unwrap(),
        U256::from(finish)
    );
    // Rate: (1 new + 2 unspent) over a full period, up to the carried rest.
    assert!(close(
        r.sender(alice()).reward_rate(),
        rate_of(units(3), PERIOD),
        1
    ));
    r.assert_emitted(&RewardNotified {
        amount: units(1),
        rate: r.sender(alice()).reward_rate(),
        periodFinish: U256::from(finish),
    });
    test_clock::advance(PERIOD);
    let earned = w.earned(alice());
    assert!(
        earned <= units(5) && units(5) - earned <= U256::from(3),
        "earned {earned}"
    );
}

/// A new `rewardPeriod` leaves the running stream alone and shapes the next.
#[motsu::test]
fn reward_period_change_applies_to_the_next_stream() {
    let w = World::new();
    let r = &w.registry;
    let id = w.vault_seed(1);
    w.stake(alice(), id, units(1));
    w.notify(units(7));
    let rate = r.sender(alice()).reward_rate();
    test_clock::advance(DAY);
    r.sender(vault())
        .set_param(REWARD_PERIOD, U256::from(DAY))
        .motsu_unwrap();
    assert_eq!(r.sender(alice()).reward_rate(), rate);
    assert_eq!(
        r.sender(alice()).period_finish().motsu_unwrap(),
        U256::from(T0 + PERIOD)
    );
    test_clock::advance(PERIOD);
    let earned = w.earned(alice());
    assert!(units(7) - earned <= U256::from(2));
    w.notify(units(1));
    assert_eq!(
        r.sender(alice()).period_finish().motsu_unwrap(),
        U256::from(T0 + DAY + PERIOD + DAY)
    );
    test_clock::advance(DAY);
    assert!(units(8) - w.earned(alice()) <= U256::from(3));
}

#[motsu::test]
fn nothing_accrues_after_the_stream_ends() {
    let w = World::new();
    let id = w.vault_seed(1);
    w.stake(alice(), id, units(1));
    w.notify(units(1));
    test_clock::advance(PERIOD);
    let earned = w.earned(alice());
    test_clock::advance(PERIOD);
    assert_eq!(w.earned(alice()), earned);
    w.stake(bob(), id, units(1));
    test_clock::advance(PERIOD);
    assert_eq!(w.earned(bob()), U256::ZERO);
}

#[motsu::test]
fn claim_with_nothing_earned_is_refused() {
    let w = World::new();
    let err = w.registry.sender(alice()).claim().motsu_unwrap_err();
    assert_eq!(
        err,
        Error::NothingToClaim(NothingToClaim { account: alice() })
    );
    let id = w.vault_seed(1);
    w.stake(alice(), id, units(1));
    test_clock::advance(DAY);
    let err = w.registry.sender(alice()).claim().motsu_unwrap_err();
    assert_eq!(
        err,
        Error::NothingToClaim(NothingToClaim { account: alice() })
    );
}

#[motsu::test]
fn claim_to_a_contract_refusing_eth_fails_whole(rejecter: Contract<EthRejecter>) {
    let w = World::new();
    let r = &w.registry;
    let id = w.vault_seed(1);
    w.token.sender(alice()).mint(rejecter.address(), units(1));
    rejecter
        .sender(alice())
        .stake_via(r.address(), w.token.address(), id, units(1))
        .motsu_unwrap();
    assert_eq!(r.sender(alice()).staked_by(rejecter.address()).motsu_unwrap(), units(1));
    w.notify(units(1));
    test_clock::advance(PERIOD);
    let earned = w.earned(rejecter.address());
    assert!(!earned.is_zero());
    let err = rejecter
        .sender(alice())
        .claim_via(r.address())
        .motsu_unwrap_err();
    let expected: Vec<u8> = Error::EthTransferFailed(EthTransferFailed {
        to: rejecter.address(),
        amount: earned,
    })
    .into();
    assert_eq!(err, expected);
    // Nothing was lost: the rewards are still there to claim.
    assert_eq!(w.earned(rejecter.address()), earned);
    assert_eq!(r.balance(), units(1));
}

/// One step of a random reward history.
#[derive(Clone, Debug)]
enum Op {
    Notify(u128),
    Stake(u8, u64),
    Unstake(u8, u8),
    Claim(u8),
    Wait(u64),
    Period(u64),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (1u128..100_000_000_000_000_000_000).prop_map(Op::Notify),
        // Few whole shares (rounding rests matter) or millions of fractional ones.
        (0u8..3, 1u64..20).prop_map(|(who, n)| Op::Stake(who, n * 3)),
        (0u8..3, 1u64..10_000_000).prop_map(|(who, n)| Op::Stake(who, n)),
        (0u8..3, 1u8..=100).prop_map(|(who, pct)| Op::Unstake(who, pct)),
        (0u8..3).prop_map(Op::Claim),
        (0u64..10 * DAY).prop_map(Op::Wait),
        (3_600u64..30 * DAY).prop_map(Op::Period),
    ]
}

/// Over random histories of streams, stakes on two seeds, unstakes, claims,
/// waits and period changes: after every step, everything earned plus
/// everything paid never exceeds the ETH received (and the contract holds
/// what it owes). At the end, once a staker outlasts every stream, the
/// shortfall is rounding dust: at most one wei per account settlement plus
/// one wei per whole share staked at the peak (the accumulator's last
/// remainder, which stays in the contract for the next stream).
#[motsu::test]
fn rewards_never_exceed_what_was_received() {
    let mut runner = TestRunner::new(Config::with_cases(64));
    runner
        .run(
            &(any::<bool>(), prop::collection::vec(op(), 1..40)),
            |(few, ops)| {
                let w = World::with_params(0, HALF_LIFE, PERIOD);
                let seeds = [w.vault_seed(1), w.vault_seed(2)];
                let holders = [alice(), bob(), carol()];
                let (mut received, mut paid) = (U256::ZERO, U256::ZERO);
                let steps = ops.len() as u64;
                let mut peak = U256::ZERO;
                for op in ops {
                    match op {
                        Op::Notify(amount) => {
                            w.notify(U256::from(amount));
                            received += U256::from(amount);
                        }
                        Op::Stake(who, n) => {
                            // `few`: at most a few whole shares staked, so rounding
                            // rests are tiny and an over-payment would show.
                            let amount = if few {
                                U256::from(n % 3 + 1) * ONE
                            } else {
                                U256::from(n) * ONE / U256::from(3)
                            };
                            w.stake(holders[who as usize], seeds[(n % 2) as usize], amount);
                        }
                        Op::Unstake(who, pct) => {
                            let holder = holders[who as usize];
                            for id in seeds {
                                let held = w.registry.sender(holder).stake_of(holder, id);
                                let amount = held * U256::from(pct) / U256::from(100);
                                if !amount.is_zero() {
                                    w.registry.sender(holder).unstake(id, amount).motsu_unwrap();
                                }
                            }
                        }
                        Op::Claim(who) => {
                            let holder = holders[who as usize];
                            let earned = w.earned(holder);
                            let result = w.registry.sender(holder).claim().motsu_res();
                            if earned.is_zero() {
                                prop_assert!(result.is_err());
                            } else {
                                prop_assert_eq!(result.unwrap(), earned);
                                paid += earned;
                            }
                        }
                        Op::Wait(dt) => test_clock::advance(dt),
                        Op::Period(p) => {
                            w.registry
                                .sender(vault())
                                .set_param(REWARD_PERIOD, U256::from(p))
                                .motsu_unwrap();
                        }
                    }
                    let owed: U256 = holders.iter().map(|h| w.earned(*h)).sum();
                    prop_assert!(
                        owed + paid <= received,
                        "owed {owed} + paid {paid} > {received}"
                    );
                    prop_assert_eq!(w.registry.balance(), received - paid);
                    peak = peak.max(w.registry.sender(alice()).total_staked());
                }
                // Someone stays staked until every stream has run out.
                w.stake(alice(), seeds[0], units(1));
                test_clock::advance(400 * DAY);
                let owed: U256 = holders.iter().map(|h| w.earned(*h)).sum();
                prop_assert!(
                    owed + paid <= received,
                    "owed {owed} + paid {paid} > {received}"
                );
                let peak_shares = peak / ONE + U256::from(1);
                let dust = received - (owed + paid);
                prop_assert!(
                    dust <= U256::from(2 * steps + 3) + peak_shares,
                    "dust {dust}"
                );
                Ok(())
            },
        )
        .unwrap();
}
