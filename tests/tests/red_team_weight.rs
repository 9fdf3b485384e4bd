//! Red team of the reward weight read from the token: the
//! registry keeps no per-holder total staked any more; the weight is the
//! FractionToken's `lockedBalanceOf(holder)`, learnt from `lockShares` /
//! `unlockShares` (called FIRST on a stake change) and read by `claim`,
//! `earned` and `stakedBy`. A reward account is one slot (rewards, 96 bits |
//! paid-per-token, 160 bits).
//!
//! Every test asserts the SAFE behaviour: it passes when the code is correct
//! and would fail if the attack it names worked.
#![allow(deprecated, clippy::unnecessary_wraps)]
extern crate alloc;

use alloy_primitives::{keccak256, Address, B256, U256};
use atelier_common::params::curation as ck;
use atelier_curation::CurationRegistry;
use atelier_tests::{
    governance::*,
    test_clock,
    wiring::{deploy, Collective},
};
use motsu::prelude::*;
use proptest::prelude::*;
use stylus_sdk::{
    call::Call,
    prelude::*,
    storage::{StorageAddress, StorageU256},
};

const ETHER: U256 = SHARE;
const WAD: U256 = SHARE;

// ------------------------------------------------------------------ the bot

sol_interface! {
    interface IReg {
        function stake(uint256 seed_id, uint256 amount) external;
        function unstake(uint256 seed_id, uint256 amount) external;
        function claim() external returns (uint256);
        function registerSeed(bytes32 seed, bytes32 model_id, bytes32 prompt_hash, string calldata uri, uint256 initial_stake) external returns (uint256);
    }
    interface IShares {
        function transfer(address to, uint256 value) external returns (bool);
    }
}

/// An attacker's bot: stakes, claims and unstakes from its own address, can
/// do stake-claim-unstake in one call (one transaction), and re-enters the
/// registry from its `receive` while a claim pays it (`mode`: 1 claim again,
/// 2 stake, 3 unstake, 4 stake then claim again).
#[storage]
pub struct Bot {
    registry: StorageAddress,
    mode: StorageU256,
    seed: StorageU256,
    amount: StorageU256,
    /// Successful re-entries.
    reentered: StorageU256,
    /// Wei received by re-entrant claims.
    reentrant_paid: StorageU256,
}

unsafe impl TopLevelStorage for Bot {}

#[public]
impl Bot {
    #[receive]
    pub fn receive(&mut self) -> Result<(), Vec<u8>> {
        let mode = self.mode.get();
        if mode.is_zero() {
            return Ok(());
        }
        self.mode.set(U256::ZERO);
        let reg = IReg::new(self.registry.get());
        let (seed, amount) = (self.seed.get(), self.amount.get());
        let ok = match mode.to::<u8>() {
            1 => match reg.claim(Call::new_in(self)) {
                Ok(paid) => {
                    self.reentrant_paid.set(self.reentrant_paid.get() + paid);
                    true
                }
                Err(_) => false,
            },
            2 => reg.stake(Call::new_in(self), seed, amount).is_ok(),
            3 => reg.unstake(Call::new_in(self), seed, amount).is_ok(),
            4 => {
                let staked = reg.stake(Call::new_in(self), seed, amount).is_ok();
                if let Ok(paid) = reg.claim(Call::new_in(self)) {
                    self.reentrant_paid.set(self.reentrant_paid.get() + paid);
                }
                staked
            }
            _ => false,
        };
        if ok {
            self.reentered.set(self.reentered.get() + U256::from(1));
        }
        Ok(())
    }

    pub fn arm(&mut self, registry: Address, mode: U256, seed: U256, amount: U256) {
        self.registry.set(registry);
        self.mode.set(mode);
        self.seed.set(seed);
        self.amount.set(amount);
    }

    pub fn reentered(&self) -> U256 {
        self.reentered.get()
    }

    pub fn reentrant_paid(&self) -> U256 {
        self.reentrant_paid.get()
    }

    pub fn stake(&mut self, registry: Address, seed: U256, amount: U256) -> Result<(), Vec<u8>> {
        Ok(IReg::new(registry).stake(Call::new_in(self), seed, amount)?)
    }

    pub fn unstake(&mut self, registry: Address, seed: U256, amount: U256) -> Result<(), Vec<u8>> {
        Ok(IReg::new(registry).unstake(Call::new_in(self), seed, amount)?)
    }

    pub fn claim(&mut self, registry: Address) -> Result<U256, Vec<u8>> {
        Ok(IReg::new(registry).claim(Call::new_in(self))?)
    }

    /// Flash: stake, claim (whatever it pays), unstake and hand the shares
    /// back to `lender`, all in one transaction. Returns what the claim paid.
    pub fn flash(
        &mut self,
        registry: Address,
        token: Address,
        lender: Address,
        seed: U256,
        amount: U256,
    ) -> Result<U256, Vec<u8>> {
        let reg = IReg::new(registry);
        reg.stake(Call::new_in(self), seed, amount)?;
        let paid = reg.claim(Call::new_in(self)).unwrap_or_default();
        reg.unstake(Call::new_in(self), seed, amount)?;
        IShares::new(token).transfer(Call::new_in(self), lender, amount)?;
        Ok(paid)
    }

    /// Registers `seed` with an initial stake, from the bot.
    pub fn register(&mut self, registry: Address, seed: B256, stake: U256) -> Result<U256, Vec<u8>> {
        Ok(IReg::new(registry).register_seed(Call::new_in(self), seed, B256::ZERO, B256::ZERO, String::new(), stake)?)
    }
}

// ------------------------------------------------------------------ helpers

fn viewer(c: &Collective) -> Address {
    c.people.stranger.address()
}

fn period(c: &Collective) -> u64 {
    c.cfg("registry", "rewardPeriod").to::<u64>()
}

fn cooldown(c: &Collective) -> u64 {
    c.cfg("registry", "cooldown").to::<u64>()
}

/// The treasury streams `wei` to the stakers.
fn notify(c: &Collective, wei: U256) {
    let t = c.treasury.address();
    t.fund(wei);
    c.registry.sender_and_value(t, wei).notify_reward().motsu_unwrap();
}

fn earned(c: &Collective, who: Address) -> U256 {
    c.registry.sender(viewer(c)).earned(who).motsu_unwrap()
}

fn weight(c: &Collective, who: Address) -> U256 {
    c.registry.sender(viewer(c)).staked_by(who).motsu_unwrap()
}

fn stake(c: &Collective, who: Address, seed: u64, n: U256) {
    c.registry.sender(who).stake(U256::from(seed), n).motsu_unwrap();
}

fn unstake(c: &Collective, who: Address, seed: u64, n: U256) {
    c.registry.sender(who).unstake(U256::from(seed), n).motsu_unwrap();
}

fn give(c: &Collective, to: Address, n: U256) {
    c.token.sender(c.people.curator.address()).transfer(to, n).motsu_unwrap();
}

fn diff(a: U256, b: U256) -> U256 {
    if a > b { a - b } else { b - a }
}

/// The registry's accounting agrees with the token for every `who` (and the
/// collective's holders): weight == locked == sum of positions; the total
/// staked is the sum of the weights; what everyone may claim is covered by
/// the registry's ETH.
fn check(c: &Collective, extra: &[Address]) {
    let v = viewer(c);
    let mut all = c.holders();
    all.extend_from_slice(extra);
    let seeds = c.registry.sender(v).seed_count().to::<u64>();
    let mut sum_weights = U256::ZERO;
    let mut owed = U256::ZERO;
    for &x in &all {
        let w = weight(c, x);
        assert_eq!(w, c.token.sender(v).locked_balance_of(x), "weight == locked of {x}");
        let positions: U256 = (1..=seeds).map(|s| c.registry.sender(v).stake_of(x, U256::from(s))).sum();
        assert_eq!(w, positions, "weight == sum of positions of {x}");
        sum_weights += w;
        owed += earned(c, x);
    }
    assert_eq!(sum_weights, c.registry.sender(v).total_staked(), "total staked == sum of weights");
    let seed_total: U256 = (1..=seeds).map(|s| c.registry.sender(v).seed_stake(U256::from(s)).motsu_unwrap()).sum();
    assert_eq!(seed_total, sum_weights, "sum of seed stakes == sum of weights");
    assert!(owed <= c.registry.balance(), "rewards owed {owed} > registry ETH {}", c.registry.balance());
}

/// `rate * dt * w / total` in wei, the stream's share of a holder of weight
/// `w` among `total` over `dt` seconds of a stream of `amount` over `period`.
fn share_of(amount: U256, period: u64, dt: u64, w: U256, total: U256) -> U256 {
    amount * WAD / U256::from(period) * U256::from(dt) / total * w / WAD
}

// -------------------------------------------------- flash and timing attacks

/// With the cooldown at zero, a bot borrows 2,000 shares (a flash loan: the
/// curator lends, the bot pays back in the same call), stakes them, claims and
/// unstakes in one transaction mid-stream: the claim pays nothing, and bob,
/// the only real staker, loses nothing of the stream.
#[test]
fn flash_stake_claim_unstake_in_one_transaction_earns_nothing() {
    let c = genesis();
    let (curator, bob) = (c.people.curator.address(), c.people.bob.address());
    let bot = Contract::<Bot>::new();
    hand_out(&c, &[(bob, 100)]);
    c.registry.sender(c.vault.address()).set_param(ck::COOLDOWN, U256::ZERO).motsu_unwrap();
    stake(&c, bob, 1, shares(100));
    notify(&c, ETHER * U256::from(10));
    test_clock::advance(period(&c) / 2);
    let bob_before = earned(&c, bob);
    for seed in [1u64, 2] {
        give(&c, bot.address(), shares(2_000));
        let paid = bot
            .sender(curator)
            .flash(c.registry.address(), c.token.address(), curator, U256::from(seed), shares(2_000))
            .motsu_unwrap();
        assert_eq!(paid, U256::ZERO, "the flash stake was paid");
        assert_eq!(c.token.sender(curator).balance_of(bot.address()), U256::ZERO);
    }
    assert_eq!(bot.balance(), U256::ZERO);
    assert_eq!(earned(&c, bot.address()), U256::ZERO);
    assert_eq!(weight(&c, bot.address()), U256::ZERO);
    assert_eq!(earned(&c, bob), bob_before, "the flash stake diluted bob");
    check(&c, &[bot.address()]);
    // Bob takes the whole stream (less rounding).
    test_clock::advance(period(&c));
    let paid = c.registry.sender(bob).claim().motsu_unwrap();
    assert!(paid <= ETHER * U256::from(10) && paid + U256::from(10) >= ETHER * U256::from(10), "bob got {paid}");
    assert_eq!(earned(&c, bot.address()), U256::ZERO);
    assert!(c.registry.sender(bot.address()).claim().motsu_res().is_err(), "the bot claims later");
}

/// Staking a large borrowed amount just before a notify earns only the
/// stream's time share: the attacker stakes 1,000 next to bob's 1,000 right
/// before a 10 ETH notify and leaves after the one-day cooldown; it earns at
/// most half of one day of a seven-day stream, and bob's part is untouched.
#[test]
fn staking_just_before_a_notify_earns_only_the_time_share() {
    let c = genesis();
    let (bob, carol) = (c.people.bob.address(), c.people.carol.address());
    hand_out(&c, &[(bob, 1_000), (carol, 1_000)]);
    stake(&c, bob, 1, shares(1_000));
    test_clock::advance(10 * DAY);
    stake(&c, carol, 2, shares(1_000));
    let amount = ETHER * U256::from(10);
    notify(&c, amount);
    test_clock::advance(cooldown(&c));
    unstake(&c, carol, 2, shares(1_000));
    let fair = share_of(amount, period(&c), cooldown(&c), shares(1_000), shares(2_000));
    let got = earned(&c, carol);
    assert!(got <= fair, "carol earned {got} > her time share {fair}");
    assert!(got + U256::from(2) >= fair, "carol lost her time share: {got} < {fair}");
    // She keeps nothing accruing after leaving.
    test_clock::advance(DAY);
    assert_eq!(earned(&c, carol), got, "carol accrued with no stake");
    test_clock::advance(period(&c));
    let bob_got = earned(&c, bob);
    assert!(bob_got + got <= amount);
    assert!(bob_got + got + U256::from(10) >= amount, "the stream leaked: {bob_got} + {got}");
    check(&c, &[]);
}

/// Partial unstakes and restakes spread over several seeds: the weight is the
/// sum over seeds, so bob (100 on each of three seeds, moving 50 around) and
/// alice (300 on one seed, the same partial moves on it) earn the same.
#[test]
fn partial_unstakes_across_seeds_weigh_exactly_like_one_position() {
    let c = genesis();
    let (alice, bob, carol) = (c.people.alice.address(), c.people.bob.address(), c.people.carol.address());
    hand_out(&c, &[(alice, 300), (bob, 300), (carol, 50)]);
    for seed in 1..=3 {
        stake(&c, bob, seed, shares(100));
    }
    stake(&c, alice, 1, shares(300));
    stake(&c, carol, 2, shares(50));
    notify(&c, ETHER * U256::from(7));
    for round in 0..4u64 {
        test_clock::advance(cooldown(&c) + 17 * round);
        // Bob takes 50 off seed 2 (then 3) and puts it on seed 3 (then 2)...
        let (from, to) = if round % 2 == 0 { (2, 3) } else { (3, 2) };
        unstake(&c, bob, from, shares(50));
        assert_eq!(weight(&c, bob), shares(250));
        stake(&c, bob, to, shares(50));
        // ...alice does the same on her one seed.
        unstake(&c, alice, 1, shares(50));
        assert_eq!(weight(&c, alice), shares(250));
        stake(&c, alice, 1, shares(50));
        check(&c, &[]);
        let (a, b) = (earned(&c, alice), earned(&c, bob));
        assert!(diff(a, b) <= U256::from(2 * (round + 1)), "alice {a} vs bob {b}");
    }
    // Partial unstakes down to zero on every seed; weights follow.
    test_clock::advance(cooldown(&c));
    for seed in 1..=3 {
        let held = c.registry.sender(bob).stake_of(bob, U256::from(seed));
        unstake(&c, bob, seed, held / U256::from(2));
        unstake(&c, bob, seed, held - held / U256::from(2));
        check(&c, &[]);
    }
    assert_eq!(weight(&c, bob), U256::ZERO);
    let frozen = earned(&c, bob);
    test_clock::advance(DAY);
    assert_eq!(earned(&c, bob), frozen, "bob accrued with no stake left");
    test_clock::advance(period(&c));
    for who in [alice, bob, carol] {
        c.registry.sender(who).claim().motsu_unwrap();
    }
    // What stays is rounding dust: the stream's carry (< total staked / 1e18
    // wei, 650 here) plus under one wei per settlement.
    assert!(c.registry.balance() <= U256::from(1_000), "dust left: {}", c.registry.balance());
}

/// A holder-registered seed's initial stake (through `registerSeed`) weighs
/// exactly like a `stake` of the same amount at the same time: nothing
/// accrued before, the same after. The bot registers one too.
#[test]
fn register_seed_initial_stake_earns_from_registration_like_a_stake() {
    let c = genesis();
    let (alice, bob, carol) = (c.people.alice.address(), c.people.bob.address(), c.people.carol.address());
    let bot = Contract::<Bot>::new();
    let min = c.cfg("registry", "minSeedStake");
    hand_out(&c, &[(alice, 10), (bob, 500), (carol, 10)]);
    give(&c, bot.address(), min);
    stake(&c, bob, 1, shares(500));
    notify(&c, ETHER * U256::from(3));
    test_clock::advance(DAY);
    let id = c.registry.sender(carol).register_seed(keccak256(b"carol"), B256::ZERO, B256::ZERO, String::new().into(), min).motsu_unwrap();
    bot.sender(carol).register(c.registry.address(), keccak256(b"bot"), min).motsu_unwrap();
    stake(&c, alice, 2, min);
    assert_eq!(weight(&c, carol), min);
    assert_eq!(weight(&c, bot.address()), min);
    for who in [carol, bot.address(), alice] {
        assert_eq!(earned(&c, who), U256::ZERO, "{who} earned for the time before it staked");
    }
    check(&c, &[bot.address()]);
    test_clock::advance(2 * DAY);
    let (a, cr, bt) = (earned(&c, alice), earned(&c, carol), earned(&c, bot.address()));
    assert!(a > U256::ZERO);
    assert!(diff(a, cr) <= U256::from(1) && diff(a, bt) <= U256::from(1), "{a} {cr} {bt}");
    test_clock::advance(cooldown(&c));
    unstake(&c, carol, id.to::<u64>(), min);
    check(&c, &[bot.address()]);
}

/// The vault takes over a seed a holder registered (a deposit declaring the
/// same seed): the holder's stake, weight and rewards stay exactly as they
/// were, accrual goes on like a control holder's, and she can unstake.
#[test]
fn a_vault_takeover_keeps_the_holders_weight_and_rewards() {
    let c = deploy();
    let (curator, alice, carol) = (c.people.curator.address(), c.people.alice.address(), c.people.carol.address());
    let deposit = |id: u64, seed: B256| {
        c.collection.sender(curator).mint(curator, U256::from(id)).unwrap();
        c.collection.sender(curator).approve(c.vault.address(), U256::from(id)).unwrap();
        c.vault
            .sender(curator)
            .deposit(c.collection.address(), U256::from(id), seed, B256::ZERO, B256::ZERO, curator, String::new().into())
            .motsu_unwrap()
    };
    deposit(1, keccak256(1u64.to_be_bytes()));
    give(&c, alice, shares(20));
    give(&c, carol, shares(20));
    let seed = keccak256(b"taken over");
    let id = c.registry.sender(carol).register_seed(seed, B256::ZERO, B256::ZERO, String::new().into(), shares(20)).motsu_unwrap();
    stake(&c, alice, 1, shares(20));
    notify(&c, ETHER * U256::from(2));
    test_clock::advance(DAY);
    let before = (earned(&c, carol), weight(&c, carol), c.registry.sender(carol).stake_of(carol, id));
    deposit(2, seed);
    assert_eq!(c.registry.sender(carol).seed_id_of(seed), id, "the takeover made a new seed");
    assert_eq!((earned(&c, carol), weight(&c, carol), c.registry.sender(carol).stake_of(carol, id)), before);
    assert_eq!(weight(&c, c.vault.address()), U256::ZERO, "the vault gained weight");
    check(&c, &[]);
    test_clock::advance(DAY);
    assert!(diff(earned(&c, carol), earned(&c, alice)) <= U256::from(1));
    unstake(&c, carol, id.to::<u64>(), shares(20));
    check(&c, &[]);
    c.registry.sender(carol).claim().motsu_unwrap();
    assert!(c.registry.sender(c.vault.address()).claim().motsu_res().is_err(), "the vault claimed");
}

// ------------------------------------------------------ claims, re-entrance

/// A claim pays once: the second finds nothing, the ETH paid is exactly what
/// `earned` showed, and the registry still covers everyone else.
#[test]
fn a_claim_pays_once() {
    let c = genesis();
    let (alice, bob) = (c.people.alice.address(), c.people.bob.address());
    hand_out(&c, &[(alice, 100), (bob, 300)]);
    stake(&c, alice, 1, shares(100));
    stake(&c, bob, 2, shares(300));
    notify(&c, ETHER);
    test_clock::advance(DAY);
    let (shown, held, before) = (earned(&c, bob), c.registry.balance(), c.people.bob.balance());
    let paid = c.registry.sender(bob).claim().motsu_unwrap();
    assert_eq!(paid, shown);
    assert_eq!(c.people.bob.balance() - before, paid);
    assert_eq!(held - c.registry.balance(), paid);
    let err = c.registry.sender(bob).claim().motsu_unwrap_err();
    assert!(matches!(err, atelier_curation::Error::NothingToClaim(_)), "{err:?}");
    assert_eq!(earned(&c, bob), U256::ZERO);
    check(&c, &[]);
}

/// The bot re-enters `claim` from the `receive` its claim pays: the inner
/// claim finds nothing; the bot gets exactly what it had earned once.
#[test]
fn a_reentrant_claim_pays_once() {
    let c = genesis();
    let bob = c.people.bob.address();
    let bot = Contract::<Bot>::new();
    hand_out(&c, &[(bob, 100)]);
    give(&c, bot.address(), shares(100));
    stake(&c, bob, 1, shares(100));
    bot.sender(bob).stake(c.registry.address(), U256::from(1), shares(100)).motsu_unwrap();
    notify(&c, ETHER);
    test_clock::advance(DAY);
    let owed = earned(&c, bot.address());
    bot.sender(bob).arm(c.registry.address(), U256::from(1), U256::ZERO, U256::ZERO);
    let paid = bot.sender(bob).claim(c.registry.address()).motsu_unwrap();
    assert_eq!(paid, owed);
    assert_eq!(bot.sender(bob).reentrant_paid(), U256::ZERO, "the re-entrant claim paid");
    assert_eq!(bot.balance(), owed);
    assert_eq!(earned(&c, bot.address()), U256::ZERO);
    check(&c, &[bot.address()]);
}

/// The bot stakes (then claims again), or unstakes, from inside the `receive`
/// of its claim: a weight change during the payout earns nothing for the time
/// before, and from then on it earns exactly like a control holder of the
/// same weight.
#[test]
fn stake_or_unstake_reentering_a_claim_gets_no_retroactive_weight() {
    for mode in [2u8, 3, 4] {
        let c = genesis();
        let (alice, bob) = (c.people.alice.address(), c.people.bob.address());
        let bot = Contract::<Bot>::new();
        hand_out(&c, &[(alice, 1_000), (bob, 1_000)]);
        give(&c, bot.address(), shares(1_000));
        stake(&c, bob, 1, shares(100));
        bot.sender(bob).stake(c.registry.address(), U256::from(1), shares(100)).motsu_unwrap();
        stake(&c, alice, 1, shares(100));
        notify(&c, ETHER * U256::from(5));
        test_clock::advance(cooldown(&c) + 1);
        let owed = earned(&c, bot.address());
        let (seed, amount) = if mode == 3 { (1, shares(60)) } else { (2, shares(900)) };
        bot.sender(bob).arm(c.registry.address(), U256::from(mode), U256::from(seed), amount);
        let paid = bot.sender(bob).claim(c.registry.address()).motsu_unwrap();
        assert_eq!(bot.sender(bob).reentered(), U256::from(1), "mode {mode}: the re-entry did not happen");
        assert_eq!(paid, owed, "mode {mode}");
        assert_eq!(bot.sender(bob).reentrant_paid(), U256::ZERO, "mode {mode}: paid for weight it had no time with");
        assert_eq!(earned(&c, bot.address()), U256::ZERO, "mode {mode}");
        // Alice mirrors the bot's new weight at the same time.
        if mode == 3 {
            unstake(&c, alice, 1, shares(60));
        } else {
            stake(&c, alice, 2, shares(900));
        }
        assert_eq!(weight(&c, alice), weight(&c, bot.address()));
        let alice_from = earned(&c, alice);
        check(&c, &[bot.address()]);
        test_clock::advance(DAY);
        let (a, b) = (earned(&c, alice) - alice_from, earned(&c, bot.address()));
        assert!(diff(a, b) <= U256::from(1), "mode {mode}: alice {a} vs bot {b}");
        check(&c, &[bot.address()]);
    }
}

// ------------------------------------------- refusals, griefing, burns, pause

/// The token's refusal comes first now: a stake beyond the free balance and
/// an unstake beyond the position revert whole, leaving the reward account
/// and the stream as they were (the holder earns on as its control does).
#[test]
fn a_refused_lock_or_unlock_changes_no_reward_account() {
    let c = genesis();
    let (alice, bob) = (c.people.alice.address(), c.people.bob.address());
    hand_out(&c, &[(alice, 100), (bob, 100)]);
    stake(&c, alice, 1, shares(60));
    stake(&c, bob, 1, shares(60));
    notify(&c, ETHER);
    test_clock::advance(cooldown(&c));
    let (e, rpt) = (earned(&c, bob), c.registry.sender(bob).reward_per_token().motsu_unwrap());
    assert!(c.registry.sender(bob).stake(U256::from(2), shares(41)).motsu_res().is_err(), "locked beyond the free balance");
    assert!(c.registry.sender(bob).unstake(U256::from(1), shares(61)).motsu_res().is_err(), "unstaked beyond the position");
    assert!(c.registry.sender(bob).unstake(U256::from(2), U256::from(1)).motsu_res().is_err(), "unstaked from a seed it has no stake on");
    assert!(c.registry.sender(bob).stake(U256::from(99), shares(1)).motsu_res().is_err(), "staked on an unknown seed");
    assert_eq!(earned(&c, bob), e);
    assert_eq!(c.registry.sender(bob).reward_per_token().motsu_unwrap(), rpt);
    assert_eq!(weight(&c, bob), shares(60));
    test_clock::advance(DAY);
    assert_eq!(earned(&c, alice), earned(&c, bob));
    check(&c, &[]);
}

/// Nobody can make bob's claim or unstake fail, nor change his weight: not
/// by staking on his seed, sending him shares, delegating, nor a pause of the
/// token (claims and unstakes still work, `lockedBalanceOf` is a plain view).
#[test]
fn third_parties_cannot_block_a_claim_or_an_unstake() {
    let c = genesis();
    let (alice, bob, carol) = (c.people.alice.address(), c.people.bob.address(), c.people.carol.address());
    hand_out(&c, &[(alice, 100), (bob, 100), (carol, 500)]);
    stake(&c, bob, 1, shares(100));
    stake(&c, alice, 2, shares(100));
    notify(&c, ETHER);
    test_clock::advance(DAY / 2);
    stake(&c, carol, 1, shares(400));
    c.token.sender(carol).transfer(bob, shares(50)).motsu_unwrap();
    c.token.sender(carol).delegate(bob).motsu_unwrap();
    c.token.sender(bob).delegate(carol).motsu_unwrap();
    assert_eq!(weight(&c, bob), shares(100), "shares sent to bob gave him weight");
    assert_eq!(c.token.sender(bob).locked_balance_of(bob), shares(100));
    c.token.sender(c.vault.address()).set_param(atelier_common::params::fraction::PAUSED, U256::from(1)).motsu_unwrap();
    test_clock::advance(cooldown(&c));
    assert_eq!(earned(&c, bob), earned(&c, alice));
    c.registry.sender(bob).claim().motsu_unwrap();
    unstake(&c, bob, 1, shares(100));
    assert_eq!(weight(&c, bob), U256::ZERO);
    c.registry.sender(alice).claim().motsu_unwrap();
    check(&c, &[]);
}

/// Burns and transfers while locked: bob's free shares go by transfer, burn,
/// an allowance burn and a redemption (the vault's burnFrom); his locked 50
/// stay, so his weight and accrual are exactly alice's (50 staked, nothing
/// else); locked shares cannot be burned.
#[test]
fn burns_and_transfers_of_free_shares_leave_the_weight_and_rewards_intact() {
    let c = genesis();
    let (alice, bob, carol) = (c.people.alice.address(), c.people.bob.address(), c.people.carol.address());
    hand_out(&c, &[(alice, 50), (bob, 1_200)]);
    stake(&c, bob, 1, shares(50));
    stake(&c, alice, 1, shares(50));
    notify(&c, ETHER * U256::from(2));
    test_clock::advance(DAY);
    c.token.sender(bob).transfer(carol, shares(10)).motsu_unwrap();
    c.token.sender(bob).burn(shares(10)).motsu_unwrap();
    c.token.sender(bob).approve(carol, U256::MAX).motsu_unwrap();
    c.token.sender(carol).burn_from(bob, shares(10)).motsu_unwrap();
    c.token.sender(c.treasury.address()).burn_from(bob, shares(10)).motsu_unwrap();
    assert_eq!(weight(&c, bob), shares(50));
    check(&c, &[]);
    test_clock::advance(DAY);
    // Redeem artwork 3 with free shares (1,000 + 2% fee of 1,110 free).
    c.vault.sender(bob).redeem(U256::from(3)).motsu_unwrap();
    assert_eq!(weight(&c, bob), shares(50));
    let free = c.token.sender(bob).balance_of(bob) - shares(50);
    assert!(c.token.sender(bob).burn(free + U256::from(1)).motsu_res().is_err(), "burned a locked share");
    assert!(c.token.sender(c.treasury.address()).burn_from(bob, free + U256::from(1)).motsu_res().is_err());
    c.token.sender(bob).burn(free).motsu_unwrap();
    assert_eq!(c.token.sender(bob).balance_of(bob), shares(50));
    test_clock::advance(DAY);
    assert!(diff(earned(&c, bob), earned(&c, alice)) <= U256::from(1), "{} vs {}", earned(&c, bob), earned(&c, alice));
    check(&c, &[]);
    test_clock::advance(cooldown(&c));
    unstake(&c, bob, 1, shares(50));
    c.registry.sender(bob).claim().motsu_unwrap();
    c.registry.sender(alice).claim().motsu_unwrap();
    check(&c, &[]);
}

/// A staker that also exits as a minority (governor exit burns through the
/// vault) burns free shares only; its weight and rewards stay.
#[test]
fn a_minority_exit_of_free_shares_leaves_the_weight() {
    let c = genesis();
    let (curator, bob, carol) = (c.people.curator.address(), c.people.bob.address(), c.people.carol.address());
    hand_out(&c, &[(bob, 1_100)]);
    stake(&c, bob, 1, shares(600));
    notify(&c, ETHER);
    carol.fund(ETHER * U256::from(10));
    c.treasury.sender_and_value(carol, ETHER * U256::from(10)).receive().motsu_unwrap();
    let reserve = c.treasury.sender(carol).buckets().0;
    let p = c.governor.sender(curator).propose(vec![withdraw(curator, reserve)], "take".into()).motsu_unwrap();
    test_clock::advance(gov(&c, "votingDelay") + 1);
    c.governor.sender(curator).cast_vote(p, 1).motsu_unwrap();
    c.governor.sender(bob).cast_vote(p, 0).motsu_unwrap();
    test_clock::advance(gov(&c, "votingPeriod"));
    c.governor.sender(curator).queue(p).motsu_unwrap();
    let e = earned(&c, bob);
    assert!(c.governor.sender(bob).exit(p, shares(501)).motsu_res().is_err(), "exited with locked shares");
    c.governor.sender(bob).exit(p, shares(500)).motsu_unwrap();
    assert_eq!(weight(&c, bob), shares(600));
    assert_eq!(earned(&c, bob), e);
    check(&c, &[]);
}

/// Before wiring nothing can be staked and the views answer zero (the weight
/// read is skipped: no token yet).
#[test]
fn an_unwired_registry_reads_no_weight() {
    let r = Contract::<CurationRegistry>::new();
    let admin = Address::repeat_byte(7);
    let who = Address::repeat_byte(9);
    r.sender(admin).constructor(admin).motsu_unwrap();
    assert_eq!(r.sender(who).staked_by(who).motsu_unwrap(), U256::ZERO);
    assert_eq!(r.sender(who).earned(who).motsu_unwrap(), U256::ZERO);
    assert!(r.sender(who).claim().motsu_res().is_err());
    assert!(r.sender(who).stake(U256::from(1), U256::from(1)).motsu_res().is_err());
}

// ----------------------------------------------------------- rounding, width

/// Many tiny settlements (a one-wei-unit stake changed every second) never
/// round in the attacker's favour: it earns at most its time-weighted share,
/// and the registry covers everyone.
#[test]
fn many_tiny_settlements_never_round_up() {
    let c = genesis();
    let (bob, carol) = (c.people.bob.address(), c.people.carol.address());
    hand_out(&c, &[(bob, 100), (carol, 1)]);
    c.registry.sender(c.vault.address()).set_param(ck::COOLDOWN, U256::ZERO).motsu_unwrap();
    stake(&c, bob, 1, shares(100));
    stake(&c, carol, 2, U256::from(1));
    let amount = ETHER * U256::from(7);
    notify(&c, amount);
    let mut claimed = U256::ZERO;
    for i in 0..60u64 {
        test_clock::advance(1);
        if i % 2 == 0 {
            stake(&c, carol, 2, U256::from(1));
        } else {
            unstake(&c, carol, 2, U256::from(1));
        }
        if let Ok(paid) = c.registry.sender(carol).claim().motsu_res() {
            claimed += paid;
        }
    }
    // At most 2 wei units staked for 60 s among 100 shares.
    let bound = share_of(amount, period(&c), 60, U256::from(2), shares(100));
    assert!(claimed + earned(&c, carol) <= bound + U256::from(1), "carol got {claimed}");
    check(&c, &[]);
}

/// Realistic extremes of the 96-bit rewards field: with a billion ETH
/// (1e27 wei, more ETH than exists) streamed to one staker, it can still
/// unstake before claiming (the credited rewards fit), then claim all.
#[test]
fn a_billion_eth_of_unclaimed_rewards_still_fits_the_account() {
    let c = genesis();
    let bob = c.people.bob.address();
    hand_out(&c, &[(bob, 1)]);
    stake(&c, bob, 1, U256::from(1));
    let amount = ETHER * U256::from(1_000_000_000u64);
    notify(&c, amount);
    test_clock::advance(period(&c));
    unstake(&c, bob, 1, U256::from(1));
    let e = earned(&c, bob);
    assert!(e + U256::from(10) >= amount && e <= amount, "{e}");
    stake(&c, bob, 1, U256::from(1));
    assert_eq!(earned(&c, bob), e);
    assert_eq!(c.registry.sender(bob).claim().motsu_unwrap(), e);
    check(&c, &[]);
}

// ------------------------------------------------------------------- fuzzing

#[derive(Debug, Clone)]
enum Step {
    Stake { who: usize, seed: u64, n: u64 },
    Unstake { who: usize, seed: u64, n: u64 },
    Claim { who: usize },
    Notify { milli: u64 },
    Transfer { from: usize, to: usize, n: u64 },
    Burn { who: usize, n: u64 },
    Register { who: usize },
    Takeover,
    Flash { seed: u64, n: u64 },
    Wait { seconds: u64 },
}

fn step() -> impl Strategy<Value = Step> {
    let who = 0..4usize;
    let seed = 1..6u64;
    prop_oneof![
        4 => (who.clone(), seed.clone(), 1..200u64).prop_map(|(who, seed, n)| Step::Stake { who, seed, n }),
        4 => (who.clone(), seed.clone(), 1..200u64).prop_map(|(who, seed, n)| Step::Unstake { who, seed, n }),
        2 => who.clone().prop_map(|who| Step::Claim { who }),
        2 => (1..5_000u64).prop_map(|milli| Step::Notify { milli }),
        1 => (who.clone(), who.clone(), 1..100u64).prop_map(|(from, to, n)| Step::Transfer { from, to, n }),
        1 => (who.clone(), 1..50u64).prop_map(|(who, n)| Step::Burn { who, n }),
        1 => who.clone().prop_map(|who| Step::Register { who }),
        1 => Just(Step::Takeover),
        1 => (1..4u64, 1..300u64).prop_map(|(seed, n)| Step::Flash { seed, n }),
        4 => (1..(2 * 86_400u64)).prop_map(|seconds| Step::Wait { seconds }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("RED_TEAM_WEIGHT_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(24),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Random stakes, partial unstakes, claims, notifies, transfers, burns,
    /// registrations, vault takeovers and flash stakes by four holders (one
    /// the bot): after every step the weights equal the locked balances and
    /// the positions, the total staked is their sum, the registry's ETH covers
    /// every `earned`, ETH is conserved (notified == held + claimed), and no
    /// step other than the holder's own claim (or the passing of time)
    /// changes anyone's `earned`: no weight acts retroactively.
    #[test]
    fn the_weight_never_diverges_and_never_acts_retroactively(steps in proptest::collection::vec(step(), 48)) {
        let c = genesis();
        let (curator, vault) = (c.people.curator.address(), c.vault.address());
        let bot = Contract::<Bot>::new();
        let who = [c.people.alice.address(), c.people.bob.address(), c.people.carol.address(), bot.address()];
        c.registry.sender(vault).set_param(ck::COOLDOWN, U256::from(3_600)).motsu_unwrap();
        for &x in &who {
            give(&c, x, shares(400));
        }
        let mut notified = U256::ZERO;
        let mut claimed = U256::ZERO;
        let mut registered: Vec<B256> = Vec::new();
        let mut n_reg = 0u64;
        let reg = c.registry.address();
        for s in &steps {
            let before: Vec<U256> = who.iter().map(|x| earned(&c, *x)).collect();
            let mut claimant = None;
            match *s {
                Step::Stake { who: i, seed, n } => {
                    if i == 3 {
                        let _ = bot.sender(curator).stake(reg, U256::from(seed), shares(n)).motsu_res();
                    } else {
                        let _ = c.registry.sender(who[i]).stake(U256::from(seed), shares(n)).motsu_res();
                    }
                }
                Step::Unstake { who: i, seed, n } => {
                    let held = c.registry.sender(curator).stake_of(who[i], U256::from(seed));
                    let amount = shares(n).min(held).max(U256::from(1));
                    if i == 3 {
                        let _ = bot.sender(curator).unstake(reg, U256::from(seed), amount).motsu_res();
                    } else {
                        let _ = c.registry.sender(who[i]).unstake(U256::from(seed), amount).motsu_res();
                    }
                }
                Step::Claim { who: i } => {
                    let before_eth = c.registry.balance();
                    let paid = if i == 3 {
                        bot.sender(curator).claim(reg).motsu_res().ok()
                    } else {
                        c.registry.sender(who[i]).claim().motsu_res().ok()
                    };
                    if let Some(paid) = paid {
                        prop_assert_eq!(paid, before[i], "claim paid other than earned");
                        prop_assert_eq!(before_eth - c.registry.balance(), paid);
                        claimed += paid;
                        claimant = Some(i);
                    }
                }
                Step::Notify { milli } => {
                    let wei = ETHER * U256::from(milli) / U256::from(1_000);
                    notify(&c, wei);
                    notified += wei;
                }
                Step::Transfer { from, to, n } => {
                    if from != 3 {
                        let _ = c.token.sender(who[from]).transfer(who[to], shares(n)).motsu_res();
                    }
                }
                Step::Burn { who: i, n } => {
                    if i != 3 {
                        let _ = c.token.sender(who[i]).burn(shares(n)).motsu_res();
                    }
                }
                Step::Register { who: i } => {
                    n_reg += 1;
                    let seed = keccak256(n_reg.to_be_bytes());
                    let seed = keccak256(seed);
                    let min = c.cfg("registry", "minSeedStake");
                    let ok = if i == 3 {
                        bot.sender(curator).register(reg, seed, min).motsu_res().is_ok()
                    } else {
                        c.registry.sender(who[i]).register_seed(seed, B256::ZERO, B256::ZERO, String::new().into(), min).motsu_res().is_ok()
                    };
                    if ok {
                        registered.push(seed);
                    }
                }
                Step::Takeover => {
                    if let Some(seed) = registered.pop() {
                        c.registry.sender(vault).register_seed(seed, B256::ZERO, B256::ZERO, String::new().into(), U256::ZERO).motsu_unwrap();
                    }
                }
                Step::Flash { seed, n } => {
                    let flash = Contract::<Bot>::new();
                    if c.token.sender(curator).transfer(flash.address(), shares(n)).motsu_res().is_err() {
                        continue;
                    }
                    c.registry.sender(vault).set_param(ck::COOLDOWN, U256::ZERO).motsu_unwrap();
                    let paid = flash.sender(curator).flash(reg, c.token.address(), curator, U256::from(seed), shares(n)).motsu_res();
                    if let Ok(paid) = paid {
                        prop_assert_eq!(paid, U256::ZERO, "a flash stake was paid");
                    }
                    prop_assert_eq!(earned(&c, flash.address()), U256::ZERO);
                    prop_assert_eq!(weight(&c, flash.address()), U256::ZERO);
                    c.registry.sender(vault).set_param(ck::COOLDOWN, U256::from(3_600)).motsu_unwrap();
                }
                Step::Wait { seconds } => test_clock::advance(seconds),
            }
            check(&c, &[bot.address()]);
            prop_assert_eq!(c.registry.balance() + claimed, notified, "ETH not conserved");
            if !matches!(s, Step::Wait { .. }) {
                for (i, x) in who.iter().enumerate() {
                    let now = earned(&c, *x);
                    if claimant == Some(i) {
                        prop_assert_eq!(now, U256::ZERO);
                    } else {
                        prop_assert_eq!(now, before[i], "step {:?} changed the earned of holder {}", s, i);
                    }
                }
            }
        }
    }
}
