//! Two of the economic attacks of `tests/tests/attacks.rs` (issue 16) on the
//! compiled artifacts: lull sniping + redemption, and the pump around upkeep.
//! Shipped parameters; the same marking as the motsu suite: the attacker's ETH,
//! plus its shares at the honest reference `min(p0, backing per share)`, plus
//! each redeemed artwork at its pro-rata claim on the supply when it left, must
//! not grow beyond 1e6 wei, and the backing per share must not fall.
mod common;

use alloy_primitives::{uint, Address, U256};
use common::{bindings::*, *};

const DAY: u64 = 86_400;
const WAD: U256 = uint!(1_000_000_000_000_000_000_U256);
const EPSILON: U256 = uint!(1_000_000_U256);

/// Three genesis artworks, bootstrap over, a week of honest daily buys.
fn setting() -> Collective {
    let mut c = deploy();
    let curator = c.people.curator;
    for id in 1..=3u64 {
        c.mint_art(curator, id);
    }
    c.send(curator, c.collection, ArtCollection::setApprovalForAllCall { operator: c.vault, approved: true }).unwrap();
    for id in 1..=3u8 {
        c.genesis_deposit(id).expect("genesis deposit");
    }
    c.send(curator, c.vault, ArtVault::endBootstrapCall {}).unwrap();
    let alice = c.people.alice;
    for _ in 0..7 {
        c.buy(alice, 20);
        c.advance(DAY);
    }
    c
}

fn backing(c: &mut Collective) -> U256 {
    let (reserve, buyback, _, _) = c.buckets();
    let r = c.view(c.treasury, Treasury::buybackRoundCall {});
    let unspent = if r._6 { r._1.saturating_sub(r._2) } else { U256::ZERO };
    reserve + buyback + unspent
}

fn backing_per_share(c: &mut Collective) -> U256 {
    let supply = c.total_supply();
    backing(c) * WAD / supply
}

fn reference(c: &mut Collective) -> U256 {
    let p0 = c.view(c.token, FractionToken::paramCall { key: 0 })._0;
    p0.min(backing_per_share(c))
}

fn value(c: &mut Collective, who: Address, art: U256) -> U256 {
    let held = c.balance_of(who);
    let r = reference(c);
    c.eth(who) + held * r / WAD + art
}

/// Buys `n` shares from `who`'s own ETH at the quote; false when refused.
fn try_buy(c: &mut Collective, who: Address, n: U256) -> bool {
    let Ok(quote) = c.try_view(c.token, FractionToken::quoteBuyCall { shares: n }) else { return false };
    let quote = quote._0;
    if quote > c.eth(who) {
        return false;
    }
    c.send_value(who, c.token, quote, FractionToken::buyCall { shares: n, max_cost: quote, deadline: U256::MAX }).is_ok()
}

#[test]
fn lull_sniping_and_redemption_does_not_pay_on_the_artifacts() {
    let mut c = setting();
    let who = c.new_person();
    c.fund(who, U256::from(100u64) * WAD);
    c.advance(100 * DAY);
    let (before, bps_before) = (value(&mut c, who, U256::ZERO), backing_per_share(&mut c));
    let mut bought = 0;
    while bought < 10_000 && try_buy(&mut c, who, shares(1_000)) {
        bought += 1_000;
    }
    let mut art = U256::ZERO;
    for id in 1..=3u64 {
        let held = 4 - id; // artworks still in custody
        let claim = c.total_supply() / U256::from(held) * reference(&mut c) / WAD;
        if c.send(who, c.vault, ArtVault::redeemCall { artwork_id: U256::from(id) }).is_ok() {
            art += claim;
        } else {
            break;
        }
    }
    let after = value(&mut c, who, art);
    println!("lull on WASM: bought {bought} shares, value {before} -> {after}");
    assert!(after <= before + EPSILON, "the lull sniper profits: {before} -> {after}");
    assert!(backing_per_share(&mut c) >= bps_before, "honest backing per share fell");
}

#[test]
fn pump_around_upkeep_does_not_pay_on_the_artifacts() {
    let mut c = setting();
    let stranger = c.people.stranger;
    let revenue = U256::from(50u64) * WAD;
    c.fund(stranger, revenue);
    let (treasury, epoch, round) = (c.treasury, c.secs("treasury", "epoch"), c.secs("treasury", "roundDuration"));
    assert!(c.world.call(stranger, treasury, revenue, &[]).success, "revenue");
    c.perform_upkeep().expect("first upkeep");
    c.advance(epoch - round / 2 + round);
    let who = c.new_person();
    c.fund(who, U256::from(10_000u64) * WAD);
    let (before, bps_before) = (value(&mut c, who, U256::ZERO), backing_per_share(&mut c));
    assert!(try_buy(&mut c, who, shares(300)), "the pump buys");
    c.perform_upkeep().expect("upkeep in the same block");
    c.advance(round);
    let held = c.balance_of(who);
    let _ = c.send(who, c.treasury, Treasury::sellToTreasuryCall { shares: held, min_price: U256::ZERO, deadline: U256::MAX });
    let after = value(&mut c, who, U256::ZERO);
    println!("pump on WASM: value {before} -> {after}");
    assert!(after <= before + EPSILON, "the pump profits: {before} -> {after}");
    assert!(backing_per_share(&mut c) >= bps_before, "honest backing per share fell");
}
