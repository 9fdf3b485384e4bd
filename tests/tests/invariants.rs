//! Stateful invariant fuzzing, the way Foundry's invariant tests work: random
//! sequences of user actions and time jumps against the wired collective, with the
//! economy's invariants checked after every step (among them: the backing per
//! share never falls).
//!
//! CI runs `INVARIANT_CASES` (default 256) cases of `INVARIANT_STEPS` (default 64)
//! steps; a longer run: `INVARIANT_CASES=4096 cargo test -p atelier-tests --test
//! invariants --release`.
#![allow(deprecated)] // motsu reads ETH balances through AddressVM::balance.
use alloy_primitives::{uint, Address, U256};
use atelier_tests::{
    test_clock,
    wiring::{deploy, Collective},
};
use motsu::prelude::*;
use proptest::prelude::*;
use stylus_sdk::types::AddressVM;

const SHARE: U256 = uint!(1_000_000_000_000_000_000_U256);

#[derive(Debug, Clone)]
enum Step {
    Buy { who: usize, shares: u64 },
    Transfer { from: usize, to: usize, shares: u64 },
    Delegate { who: usize },
    Stake { who: usize, seed: u64, shares: u64 },
    Unstake { who: usize, seed: u64, shares: u64 },
    Claim { who: usize },
    Upkeep,
    Sell { who: usize, shares: u64 },
    Wait { seconds: u64 },
}

fn step() -> impl Strategy<Value = Step> {
    let who = 0..3usize;
    prop_oneof![
        3 => (who.clone(), 1..40u64).prop_map(|(who, shares)| Step::Buy { who, shares }),
        2 => (who.clone(), who.clone(), 1..30u64).prop_map(|(from, to, shares)| Step::Transfer { from, to, shares }),
        1 => who.clone().prop_map(|who| Step::Delegate { who }),
        2 => (who.clone(), 1..4u64, 1..20u64).prop_map(|(who, seed, shares)| Step::Stake { who, seed, shares }),
        2 => (who.clone(), 1..4u64, 1..20u64).prop_map(|(who, seed, shares)| Step::Unstake { who, seed, shares }),
        1 => who.clone().prop_map(|who| Step::Claim { who }),
        1 => Just(Step::Upkeep),
        2 => (who, 1..10u64).prop_map(|(who, shares)| Step::Sell { who, shares }),
        3 => (1..(3 * 86_400u64)).prop_map(|seconds| Step::Wait { seconds }),
    ]
}

/// What the model knows that the contracts do not expose directly.
struct Model {
    delegated: Vec<bool>,
    max_seed_stake: [U256; 4],
    claimed: U256,
    /// The last (backing, supply) seen, for the backing-per-share invariant.
    backing: (U256, U256),
}

/// The treasury's ETH backing the shares (reserve, buyback bucket, the live
/// round's unspent budget) and the supply.
fn backing(c: &Collective) -> (U256, U256) {
    let viewer = c.people.stranger.address();
    let (reserve, buyback, _, _) = c.treasury.sender(viewer).buckets();
    let round = c.treasury.sender(viewer).buyback_round();
    let unspent = if round.6 { round.1.saturating_sub(round.2) } else { U256::ZERO };
    (reserve + buyback + unspent, c.token.sender(viewer).total_supply())
}

fn actors(c: &Collective) -> [Address; 3] {
    [c.people.alice.address(), c.people.bob.address(), c.people.carol.address()]
}

/// Applies one step. Failures are allowed (a random step may be invalid) but must
/// leave the invariants intact; the contracts revert with named errors, never panic.
fn apply(c: &Collective, m: &mut Model, s: &Step) {
    let a = actors(c);
    let sh = |n: u64| SHARE * U256::from(n);
    match *s {
        Step::Buy { who, shares } => {
            if let Ok(quote) = c.token.sender(a[who]).quote_buy(sh(shares)) {
                a[who].fund(quote);
                let _ = c.token.sender_and_value(a[who], quote).buy(sh(shares), quote, U256::MAX).motsu_res();
            }
        }
        Step::Transfer { from, to, shares } => {
            let _ = c.token.sender(a[from]).transfer(a[to], sh(shares)).motsu_res();
        }
        Step::Delegate { who } => {
            if c.token.sender(a[who]).delegate(a[who]).motsu_res().is_ok() {
                m.delegated[who] = true;
            }
        }
        Step::Stake { who, seed, shares } => {
            if c.registry.sender(a[who]).stake(U256::from(seed), sh(shares)).motsu_res().is_ok() {
                let stake = c.registry.sender(a[who]).seed_stake(U256::from(seed)).unwrap();
                let max = &mut m.max_seed_stake[seed as usize];
                *max = (*max).max(stake);
            }
        }
        Step::Unstake { who, seed, shares } => {
            let _ = c.registry.sender(a[who]).unstake(U256::from(seed), sh(shares)).motsu_res();
        }
        Step::Claim { who } => {
            if let Ok(paid) = c.registry.sender(a[who]).claim().motsu_res() {
                m.claimed += paid;
            }
        }
        Step::Upkeep => {
            let _ = c.treasury.sender(c.people.stranger.address()).perform_upkeep(Vec::new().into()).motsu_res();
        }
        Step::Sell { who, shares } => {
            let _ = c.treasury.sender(a[who]).sell_to_treasury(sh(shares), U256::ZERO, U256::MAX).motsu_res();
        }
        Step::Wait { seconds } => test_clock::advance(seconds),
    }
}

fn check(c: &Collective, m: &mut Model) {
    let viewer = c.people.stranger.address();
    let token = c.token.sender(viewer);
    // 1. The sum of balances equals the total supply (every holder is known).
    let supply = c.token.sender(viewer).total_supply();
    let held: U256 = c.holders().iter().map(|h| c.token.sender(viewer).balance_of(*h)).sum();
    assert_eq!(held, supply, "sum of balances == total supply");
    drop(token);
    // 2. Stakes are locked in place, exactly: each holder's locked shares are
    // its stake, within its balance, and the registry holds no shares.
    for x in actors(c) {
        let locked = c.token.sender(viewer).locked_balance_of(x);
        assert_eq!(locked, c.registry.sender(viewer).staked_by(x).motsu_unwrap(), "locked == staked");
        assert!(locked <= c.token.sender(viewer).balance_of(x), "locked <= balance");
    }
    assert_eq!(c.token.sender(viewer).balance_of(c.registry.address()), U256::ZERO, "the registry holds no shares");
    // 3. The treasury's buckets never exceed its ETH.
    let (r, b, a, w) = c.treasury.sender(viewer).buckets();
    assert!(r + b + a + w <= c.treasury.address().balance(), "buckets <= treasury ETH");
    // 4. Rewards owed never exceed the registry's ETH.
    let owed: U256 = actors(c).iter().map(|x| c.registry.sender(viewer).earned(*x).unwrap()).sum();
    assert!(owed <= c.registry.address().balance(), "rewards owed <= registry ETH");
    // 5. Votes of all delegates sum to the delegated supply.
    let votes: U256 = actors(c).iter().map(|x| c.token.sender(viewer).get_votes(*x)).sum();
    let delegated: U256 = actors(c)
        .iter()
        .zip(&m.delegated)
        .filter(|(_, d)| **d)
        .map(|(x, _)| c.token.sender(viewer).balance_of(*x))
        .sum();
    assert_eq!(votes, delegated, "votes == delegated supply");
    // 7. Backing per share never falls: no buy mints below it (the sale floor)
    // and no buyback pays above it (the round's reference).
    let (b, s) = backing(c);
    let (b0, s0) = m.backing;
    assert!(b * s0 >= b0 * s, "backing per share fell: {b0}/{s0} -> {b}/{s}");
    m.backing = (b, s);
    // 6. Conviction never exceeds the largest stake its seed ever had.
    for seed in 1..4u64 {
        let conviction = c.registry.sender(viewer).conviction(U256::from(seed)).unwrap();
        assert!(conviction <= m.max_seed_stake[seed as usize], "conviction <= max stake");
    }
}

fn env_or(name: &str, default: u32) -> u32 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// A collective with three genesis seeds registered, and every actor funded.
fn setting() -> Collective {
    let c = deploy();
    let curator = c.people.curator.address();
    for id in 1..=3u64 {
        c.collection.sender(curator).mint(curator, U256::from(id)).unwrap();
        c.collection.sender(curator).approve(c.vault.address(), U256::from(id)).unwrap();
        c.vault
            .sender(curator)
            .deposit(
                c.collection.address(),
                U256::from(id),
                alloy_primitives::keccak256(id.to_be_bytes()),
                Default::default(),
                Default::default(),
                curator,
                String::new().into(),
            )
            .unwrap();
    }
    c
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: env_or("INVARIANT_CASES", 256),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn invariants_hold_under_random_sequences(
        steps in proptest::collection::vec(step(), env_or("INVARIANT_STEPS", 64) as usize)
    ) {
        let c = setting();
        let mut m = Model { delegated: vec![false; 3], max_seed_stake: [U256::ZERO; 4], claimed: U256::ZERO, backing: backing(&c) };
        check(&c, &mut m);
        for s in &steps {
            apply(&c, &mut m, s);
            check(&c, &mut m);
        }
        // ETH conservation: the registry paid out no more than it received.
        prop_assert!(m.claimed <= c.registry.address().balance() + m.claimed);
    }
}
