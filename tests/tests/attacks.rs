//! Attackers as tests (issue 16). Each strategy is an agent with its own ETH,
//! run against honest background flows over randomized parameters inside the
//! contracts' bounds. Each asserts that the attacker ends with no more value than
//! it started with — ETH, plus shares marked at the honest reference price
//! `min(p0, backing per share)` (what the treasury's buyback rounds are tied to),
//! plus each redeemed artwork marked at its pro-rata claim on the supply when it
//! was redeemed — beyond [`EPSILON`], and that the honest holders' backing per
//! share never falls because of it.
//!
//! CI runs `ATTACK_CASES` (default 256) cases per strategy; a longer run:
//! `ATTACK_CASES=4096 cargo test --release -p atelier-tests --test attacks`.
#![allow(deprecated)] // motsu reads ETH balances through AddressVM::balance.
use alloy_primitives::{keccak256, uint, Address, B256, U256};
use atelier_common::params::{fraction as fk, treasury as tk};
use atelier_tests::{
    test_clock,
    wiring::{deploy, Collective},
};
use motsu::prelude::*;
use proptest::prelude::*;
use stylus_sdk::types::AddressVM;

const DAY: u64 = 86_400;
const SHARE: U256 = uint!(1_000_000_000_000_000_000_U256);
const WAD: U256 = SHARE;
/// Rounding allowance on a strategy's value, wei: every price and fill rounds
/// in the collective's favour, so an attacker can gain at most a few wei of
/// marking error per call; 1e6 wei (1e-12 ETH) bounds it with a wide margin.
const EPSILON: U256 = uint!(1_000_000_U256);

fn shares(n: u64) -> U256 {
    SHARE * U256::from(n)
}

fn env_or(name: &str, default: u32) -> u32 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Randomized parameters inside the hard bounds (and the deployment's shape).
#[derive(Debug, Clone)]
struct Market {
    p0: U256,
    decay: U256,
    rate_shares: u64,
    floor_bps: u64,
    cap_bps: u64,
    /// Honest background: shares bought per day by alice during the warm-up.
    honest_daily: u64,
    warmup_days: u64,
}

fn market() -> impl Strategy<Value = Market> {
    (
        1u64..=100,        // p0, milli-ether / 100 (0.0001 .. 0.01 ETH)
        50u64..=500,       // k, thousandths
        10u64..=500,       // r, whole shares a day
        1000u64..=9000,    // floor bps
        0u64..=1000,       // cap - floor, bps
        0u64..=60,         // honest shares a day
        1u64..=10,         // warm-up days
    )
        .prop_map(|(p, k, r, floor, spread, honest, warmup)| Market {
            p0: U256::from(p) * uint!(100_000_000_000_000_U256),
            decay: U256::from(k) * uint!(1_000_000_000_000_000_U256),
            rate_shares: r,
            floor_bps: floor,
            cap_bps: (floor + spread).min(10_000),
            honest_daily: honest,
            warmup_days: warmup,
        })
}

/// The deployment's own parameters (deploy/collective.json).
fn shipped() -> Market {
    Market {
        p0: uint!(10_000_000_000_000_000_U256),
        decay: uint!(200_000_000_000_000_000_U256),
        rate_shares: 100,
        floor_bps: 5000,
        cap_bps: 9000,
        honest_daily: 20,
        warmup_days: 7,
    }
}

fn govern_token(c: &Collective, key: u8, value: U256) {
    c.token.sender(c.vault.address()).set_param(key, value).motsu_unwrap();
}

fn govern_treasury(c: &Collective, key: u8, value: U256) {
    c.treasury.sender(c.vault.address()).set_param(key, value).motsu_unwrap();
}

/// A collective with three genesis artworks, the market's parameters and a
/// warm-up of honest daily buys.
fn setting(m: &Market) -> Collective {
    let c = deploy();
    let curator = c.people.curator.address();
    for id in 1..=3u64 {
        c.collection.sender(curator).mint(curator, U256::from(id)).unwrap();
        c.collection.sender(curator).approve(c.vault.address(), U256::from(id)).unwrap();
        c.vault
            .sender(curator)
            .deposit(c.collection.address(), U256::from(id), keccak256(id.to_be_bytes()), B256::ZERO, B256::ZERO, curator, String::new().into())
            .unwrap();
    }
    c.vault.sender(curator).end_bootstrap().unwrap();
    govern_token(&c, fk::P0, m.p0);
    govern_token(&c, fk::DECAY, m.decay);
    govern_token(&c, fk::TARGET_RATE, shares(m.rate_shares));
    // The cap first when it rises, the floor first when the cap falls under it.
    let _ = c.treasury.sender(c.vault.address()).set_param(tk::CAP_BPS, U256::from(m.cap_bps)).motsu_res();
    govern_treasury(&c, tk::FLOOR_BPS, U256::from(m.floor_bps));
    govern_treasury(&c, tk::CAP_BPS, U256::from(m.cap_bps));
    for _ in 0..m.warmup_days {
        honest_buy(&c, m.honest_daily);
        test_clock::advance(DAY);
    }
    c
}

/// Alice, an honest collector, buys `n` shares at the quote (if any).
fn honest_buy(c: &Collective, n: u64) {
    if n == 0 {
        return;
    }
    let alice = c.people.alice.address();
    if let Ok(quote) = c.token.sender(alice).quote_buy(shares(n)).motsu_res() {
        alice.fund(quote);
        let _ = c.token.sender_and_value(alice, quote).buy(shares(n), quote, U256::MAX).motsu_res();
    }
}

/// Buys `n` shares for `who` from its own ETH; returns the cost (None if refused).
fn buy(c: &Collective, who: Address, n: U256) -> Option<U256> {
    let quote = c.token.sender(who).quote_buy(n).motsu_res().ok()?;
    if quote > who.balance() {
        return None;
    }
    c.token.sender_and_value(who, quote).buy(n, quote, U256::MAX).motsu_res().ok()
}

/// Sells up to `n` shares of `who` into the live round; returns the ETH paid.
fn sell(c: &Collective, who: Address, n: U256) -> U256 {
    if n.is_zero() {
        return U256::ZERO;
    }
    c.treasury.sender(who).sell_to_treasury(n, U256::ZERO, U256::MAX).motsu_res().unwrap_or_default()
}

fn upkeep(c: &Collective) -> bool {
    c.treasury.sender(c.people.stranger.address()).perform_upkeep(Vec::new().into()).motsu_res().is_ok()
}

/// The treasury's ETH backing the shares: reserve, buyback bucket and the live
/// round's unspent budget.
fn backing(c: &Collective) -> U256 {
    let viewer = c.people.stranger.address();
    let (reserve, buyback, _, _) = c.treasury.sender(viewer).buckets();
    let round = c.treasury.sender(viewer).buyback_round();
    let unspent = if round.6 { round.1.saturating_sub(round.2) } else { U256::ZERO };
    reserve + buyback + unspent
}

fn supply(c: &Collective) -> U256 {
    c.token.sender(c.people.stranger.address()).total_supply()
}

/// Backing per whole share, wei.
fn backing_per_share(c: &Collective) -> U256 {
    let s = supply(c);
    if s.is_zero() { U256::ZERO } else { backing(c) * WAD / s }
}

/// The honest reference price: `min(p0, backing per share)`.
fn reference(c: &Collective) -> U256 {
    let p0 = c.token.sender(c.people.stranger.address()).param(fk::P0).unwrap();
    p0.min(backing_per_share(c))
}

/// What an attacker holds, valued at the reference price now.
struct Book {
    who: Address,
    art: U256,
}

impl Book {
    fn value(&self, c: &Collective) -> U256 {
        let held = c.token.sender(self.who).balance_of(self.who);
        self.who.balance() + held * reference(c) / WAD + self.art
    }

    /// Redeems artwork `id` if it can; marks it at its pro-rata claim on the
    /// supply just before.
    fn redeem(&mut self, c: &Collective, id: u64) -> bool {
        let held_art = (1..=3u64)
            .filter(|a| c.vault.sender(self.who).artwork(U256::from(*a)).map(|x| x.0 .8).unwrap_or(false))
            .count() as u64;
        if held_art == 0 {
            return false;
        }
        let claim = supply(c) / U256::from(held_art) * reference(c) / WAD;
        if c.vault.sender(self.who).redeem(U256::from(id)).motsu_res().is_ok() {
            self.art += claim;
            true
        } else {
            false
        }
    }
}

fn within(before: U256, after: U256) -> bool {
    after <= before + EPSILON
}

// ------------------------------------------------------------------ strategies

/// Outcome of one strategy run: the attacker's value and the honest backing per
/// share, before and after.
#[derive(Debug)]
struct Outcome {
    value_before: U256,
    value_after: U256,
    bps_before: U256,
    bps_after: U256,
}

impl Outcome {
    fn gain(&self) -> i128 {
        self.value_after.to::<u128>() as i128 - self.value_before.to::<u128>() as i128
    }
    fn assert_no_profit(&self, name: &str) {
        assert!(within(self.value_before, self.value_after), "{name}: attacker profits: {self:?}");
        assert!(self.bps_after + U256::from(1) >= self.bps_before, "{name}: honest backing per share fell: {self:?}");
    }
}

/// 1. Lull sniping + redemption: wait out a lull, buy the backlog, redeem art.
fn lull_sniping(m: &Market, lull_days: u64, buy_shares: u64, budget: U256) -> Outcome {
    let c = setting(m);
    let who = c.people.carol.address();
    who.fund(budget);
    test_clock::advance(lull_days * DAY);
    let mut book = Book { who, art: U256::ZERO };
    let (value_before, bps_before) = (book.value(&c), backing_per_share(&c));
    // Buy the backlog in chunks while the ETH lasts.
    let chunk = (buy_shares / 10).max(1);
    let mut bought = 0;
    while bought < buy_shares && buy(&c, who, shares(chunk)).is_some() {
        bought += chunk;
    }
    for id in 1..=3u64 {
        book.redeem(&c, id);
    }
    Outcome { value_before, value_after: book.value(&c), bps_before, bps_after: backing_per_share(&c) }
}

/// 2. Pump around upkeep: buy ahead of schedule, open the round in the same
/// block, sell into it at its end.
fn pump_around_upkeep(m: &Market, outside_revenue: U256, pump_shares: u64) -> Outcome {
    let c = setting(m);
    // Outside revenue (royalties, licenses) fills the buyback bucket.
    let stranger = c.people.stranger.address();
    stranger.fund(outside_revenue);
    c.treasury.sender_and_value(stranger, outside_revenue).receive().motsu_unwrap();
    upkeep(&c); // the first (due) upkeep, honest
    test_clock::advance(c.cfg("treasury", "epoch").to::<u64>() - c.cfg("treasury", "roundDuration").to::<u64>() / 2);
    let who = c.people.carol.address();
    who.fund(U256::from(10_000u64) * WAD);
    // Wait for the running round to end so the next upkeep opens a fresh one.
    test_clock::advance(c.cfg("treasury", "roundDuration").to::<u64>());
    let book = Book { who, art: U256::ZERO };
    let (value_before, bps_before) = (book.value(&c), backing_per_share(&c));
    buy(&c, who, shares(pump_shares));
    upkeep(&c);
    test_clock::advance(c.cfg("treasury", "roundDuration").to::<u64>());
    let held = c.token.sender(who).balance_of(who);
    sell(&c, who, held);
    Outcome { value_before, value_after: book.value(&c), bps_before, bps_after: backing_per_share(&c) }
}

/// 3. Mint now, sell later into the rising bid (optionally after governance set
/// the cap above the reference, when the bounds allow it).
fn mint_and_sell_back(m: &Market, enter_frac: u64, n: u64, cap_bps: Option<u64>) -> Outcome {
    let c = setting(m);
    if let Some(cap) = cap_bps {
        let _ = c.treasury.sender(c.vault.address()).set_param(tk::CAP_BPS, U256::from(cap)).motsu_res();
    }
    let stranger = c.people.stranger.address();
    let revenue = U256::from(50u64) * WAD;
    stranger.fund(revenue);
    c.treasury.sender_and_value(stranger, revenue).receive().motsu_unwrap();
    upkeep(&c);
    let duration = c.cfg("treasury", "roundDuration").to::<u64>();
    test_clock::advance(duration * enter_frac / 100);
    let who = c.people.carol.address();
    who.fund(U256::from(1_000u64) * WAD);
    let book = Book { who, art: U256::ZERO };
    let (value_before, bps_before) = (book.value(&c), backing_per_share(&c));
    buy(&c, who, shares(n));
    test_clock::advance(duration - duration * enter_frac / 100);
    let held = c.token.sender(who).balance_of(who);
    sell(&c, who, held);
    Outcome { value_before, value_after: book.value(&c), bps_before, bps_after: backing_per_share(&c) }
}

/// 4. Premium-driven bid: the keeper (who holds shares) walks the premium up by
/// its allowed steps, runs the upkeep, and sells into the round at its end.
fn premium_bid(m: &Market, held: u64) -> Outcome {
    let c = setting(m);
    let keeper = c.people.keeper.address();
    keeper.fund(U256::from(1_000u64) * WAD);
    buy(&c, keeper, shares(held));
    let stranger = c.people.stranger.address();
    let revenue = U256::from(50u64) * WAD;
    stranger.fund(revenue);
    c.treasury.sender_and_value(stranger, revenue).receive().motsu_unwrap();
    let book = Book { who: keeper, art: U256::ZERO };
    let (value_before, bps_before) = (book.value(&c), backing_per_share(&c));
    let step = c.token.sender(keeper).param(fk::PREMIUM_MAX_STEP).unwrap();
    let interval = c.token.sender(keeper).param(fk::PREMIUM_INTERVAL).unwrap().to::<u64>();
    let max = c.token.sender(keeper).param(fk::PREMIUM_MAX).unwrap();
    loop {
        let p = c.token.sender(keeper).premium();
        if p >= max {
            break;
        }
        c.token.sender(keeper).set_premium((p + step).min(max)).motsu_unwrap();
        test_clock::advance(interval);
    }
    upkeep(&c);
    test_clock::advance(c.cfg("treasury", "roundDuration").to::<u64>());
    let held = c.token.sender(keeper).balance_of(keeper);
    sell(&c, keeper, held);
    Outcome { value_before, value_after: book.value(&c), bps_before, bps_after: backing_per_share(&c) }
}

// ------------------------------------------------------------- shipped numbers

#[test]
fn lull_sniping_and_redemption_does_not_pay() {
    let o = lull_sniping(&shipped(), 100, 10_000, U256::from(100u64) * WAD);
    println!("lull: gain {} wei, {o:?}", o.gain());
    o.assert_no_profit("lull sniping");
}

#[test]
fn pump_around_upkeep_does_not_pay() {
    let o = pump_around_upkeep(&shipped(), U256::from(50u64) * WAD, 300);
    println!("pump: gain {} wei, {o:?}", o.gain());
    o.assert_no_profit("pump");
}

#[test]
fn mint_and_sell_back_across_a_round_does_not_pay() {
    let o = mint_and_sell_back(&shipped(), 60, 40, None);
    println!("mint-sell-back: gain {} wei, {o:?}", o.gain());
    o.assert_no_profit("mint and sell back");
    let o = mint_and_sell_back(&shipped(), 0, 40, Some(20_000));
    println!("mint-sell-back cap 2x: gain {} wei, {o:?}", o.gain());
    o.assert_no_profit("mint and sell back, cap 2x");
}

#[test]
fn premium_driven_bid_does_not_pay() {
    let o = premium_bid(&shipped(), 100);
    println!("premium: gain {} wei, {o:?}", o.gain());
    o.assert_no_profit("premium");
}

/// 5. Parameter bricking: the lowest target rate after sales must leave upkeep
/// (epoch, rewards, budgets) working, and the price continuous.
#[test]
fn the_lowest_target_rate_after_sales_does_not_brick_upkeep() {
    let c = setting(&shipped());
    let alice = c.people.alice.address();
    alice.fund(U256::from(100u64) * WAD);
    buy(&c, alice, shares(150)).expect("buy");
    let spot_before = c.token.sender(alice).spot_price().motsu_res().ok();
    govern_token(&c, fk::TARGET_RATE, uint!(1_000_000_000_000_000_U256));
    let spot_after = c.token.sender(alice).spot_price().motsu_res().ok();
    println!("bricking: spot before {spot_before:?}, after {spot_after:?}");
    test_clock::advance(c.cfg("treasury", "epoch").to::<u64>());
    let (epoch_before, ..) = c.treasury.sender(alice).epoch_state();
    assert!(upkeep(&c), "upkeep must still run after TARGET_RATE went to its lower bound");
    let (epoch_after, ..) = c.treasury.sender(alice).epoch_state();
    assert_eq!(epoch_after, epoch_before + U256::from(1));
    assert_eq!(c.treasury.sender(alice).buckets().3, U256::ZERO, "rewards streamed");
    assert_eq!(spot_before, spot_after, "re-anchored: the spot price does not jump");
}

/// 6. Budget double-spend: the acquirer spends the budget `gap` seconds before
/// a (permissionless) upkeep and again right after it. Returns what it spent,
/// the budget per window and the seconds between the two sprees.
fn budget_double_spend(gap: u64) -> (U256, U256, u64) {
    let c = setting(&shipped());
    let stranger = c.people.stranger.address();
    let revenue = U256::from(500u64) * WAD;
    stranger.fund(revenue);
    c.treasury.sender_and_value(stranger, revenue).receive().motsu_unwrap();
    upkeep(&c);
    let budget = c.treasury.sender(stranger).param(tk::ACQUISITION_BUDGET_PER_EPOCH).unwrap();
    let max = c.treasury.sender(stranger).param(tk::MAX_ACQUISITION_PRICE).unwrap();
    let epoch = c.cfg("treasury", "epoch").to::<u64>();
    test_clock::advance(epoch - gap);
    let acquirer = c.people.acquirer.address();
    let seller = c.people.seller.address();
    let mut spent = U256::ZERO;
    let mut id = 100u64;
    let mut spend_all = |spent: &mut U256| loop {
        id += 1;
        c.collection.sender(seller).mint(seller, U256::from(id)).unwrap();
        c.collection.sender(seller).approve(c.treasury.address(), U256::from(id)).unwrap();
        let ok = c
            .treasury
            .sender(acquirer)
            .acquire(c.collection.address(), U256::from(id), seller, max, keccak256(id.to_be_bytes()), B256::ZERO, B256::ZERO, seller, String::new().into(), U256::MAX)
            .motsu_res()
            .is_ok();
        if !ok {
            break;
        }
        *spent += max;
    };
    spend_all(&mut spent);
    test_clock::advance(gap);
    upkeep(&c);
    test_clock::advance(1);
    spend_all(&mut spent);
    (spent, budget, gap + 1)
}

/// A rolling window lets at most the budget plus what leaked meanwhile.
fn rolling_allowance(budget: U256, elapsed: u64, window: u64) -> U256 {
    budget + budget * U256::from(elapsed) / U256::from(window)
}

#[test]
fn the_acquisition_budget_cannot_be_spent_twice_around_an_upkeep() {
    let (spent, budget, elapsed) = budget_double_spend(1);
    println!("budget: spent {spent} within {elapsed} seconds around an upkeep, budget {budget}");
    assert!(spent <= budget, "spent {spent} > budget {budget} within {elapsed} seconds");
}

// ---------------------------------------------------------------- randomized

proptest! {
    #![proptest_config(ProptestConfig {
        cases: env_or("ATTACK_CASES", 256),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn lull_sniping_never_pays(m in market(), lull in 1u64..200, n in 1u64..20_000) {
        lull_sniping(&m, lull, n, U256::from(200u64) * WAD).assert_no_profit("lull sniping");
    }

    #[test]
    fn pumping_around_upkeep_never_pays(m in market(), revenue in 1u64..200, n in 1u64..2_000) {
        pump_around_upkeep(&m, U256::from(revenue) * WAD, n).assert_no_profit("pump");
    }

    #[test]
    fn minting_and_selling_back_never_pays(m in market(), enter in 0u64..100, n in 1u64..500, cap in proptest::option::of(1u64..=20_000)) {
        mint_and_sell_back(&m, enter, n, cap).assert_no_profit("mint and sell back");
    }

    #[test]
    fn the_premium_never_moves_the_bid_to_a_profit(m in market(), held in 1u64..500) {
        premium_bid(&m, held).assert_no_profit("premium");
    }

    #[test]
    fn the_budget_is_never_spent_twice(gap in 1u64..604_800) {
        let (spent, budget, elapsed) = budget_double_spend(gap);
        prop_assert!(spent <= rolling_allowance(budget, elapsed, 604_800), "spent {} budget {} in {}s", spent, budget, elapsed);
    }
}


/// One pause: while the token is paused, buying, buyback sales and
/// acquisitions stop, and redemption still works (its fee is burned).
#[test]
fn the_pause_stops_every_market_path_but_not_redemption() {
    let c = setting(&shipped());
    let stranger = c.people.stranger.address();
    let revenue = U256::from(50u64) * WAD;
    stranger.fund(revenue);
    c.treasury.sender_and_value(stranger, revenue).receive().motsu_unwrap();
    assert!(upkeep(&c));
    let alice = c.people.alice.address();
    let held = c.token.sender(alice).balance_of(alice);
    assert!(held > U256::ZERO);
    govern_token(&c, fk::PAUSED, U256::from(1));
    assert_eq!(sell(&c, alice, held.min(shares(5))), U256::ZERO, "no buyback sale pays while paused");
    assert!(c.token.sender(alice).quote_buy(shares(1)).motsu_res().is_ok(), "quotes still answer");
    alice.fund(WAD);
    assert!(c.token.sender_and_value(alice, WAD).buy(shares(1), WAD, U256::MAX).motsu_res().is_err(), "no buy while paused");
    let curator = c.people.curator.address();
    let (claim, fee) = c.vault.sender(curator).redemption_cost(U256::from(3)).unwrap();
    let supply = supply(&c);
    c.vault.sender(curator).redeem(U256::from(3)).motsu_unwrap();
    assert_eq!(supply - claim - fee, self::supply(&c), "claim and fee burned while paused");
    govern_token(&c, fk::PAUSED, U256::ZERO);
    assert!(sell(&c, alice, shares(1)) > U256::ZERO, "sales resume");
}
