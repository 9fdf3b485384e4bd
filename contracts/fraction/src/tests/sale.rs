//! The primary sale: VRGDA pricing, payment flow, guards.
use alloy_primitives::{uint, Address, U256};
use atelier_common::{
    clock::test_clock,
    errors::{EthTransferFailed, MathOverflow, ZeroAmount},
    params::fraction,
};
use motsu::prelude::*;

use super::*;
use crate::{
    Error, FractionToken, InsufficientPayment, MaxCostExceeded, MaxSupplyExceeded, SaleNotStarted,
    SharesBought, Transfer,
};

const ETHER: U256 = uint!(1_000_000_000_000_000_000_U256);

#[motsu::test]
fn buy_pays_the_treasury_and_refunds_the_rest(
    token: Contract<FractionToken>,
    treasury: Contract<Wallet>,
    buyer: Contract<Wallet>,
) {
    wired(&token, treasury.address());
    let who = buyer.address();
    who.fund(ETHER);
    let quote = token.sender(who).quote_buy(shares(3)).motsu_unwrap();
    let cost = token
        .sender_and_value(who, ETHER)
        .buy(shares(3), quote, U256::MAX)
        .motsu_unwrap();
    assert_eq!(cost, quote);
    assert_eq!(treasury.balance(), cost);
    assert_eq!(buyer.balance(), ETHER - cost);
    assert_eq!(token.balance(), U256::ZERO);
    assert_eq!(token.sender(who).balance_of(who), shares(3));
    assert_eq!(token.sender(who).total_sold(), shares(3));
    let spot = token.sender(who).spot_price().motsu_unwrap();
    token.assert_emitted(&Transfer {
        from: Address::ZERO,
        to: who,
        value: shares(3),
    });
    token.assert_emitted(&SharesBought {
        buyer: who,
        shares: shares(3),
        cost,
        spotPriceAfter: spot,
    });
    // The cost is the integral: a bit above 3·p0 at the opening.
    assert!(
        cost > P0 * U256::from(3u8)
            && cost < P0 * U256::from(3u8) * U256::from(101u8) / U256::from(100u8)
    );
}

#[motsu::test]
fn exact_payment_needs_no_refund(
    token: Contract<FractionToken>,
    treasury: Contract<Wallet>,
    buyer: Contract<Refuser>,
) {
    wired(&token, treasury.address());
    let who = buyer.address();
    let cost = token.sender(who).quote_buy(SHARE).motsu_unwrap();
    who.fund(cost);
    token
        .sender_and_value(who, cost)
        .buy(SHARE, cost, U256::MAX)
        .motsu_unwrap();
    assert_eq!(treasury.balance(), cost);
    assert_eq!(buyer.balance(), U256::ZERO);
}

#[motsu::test]
fn refund_failure_reverts(
    token: Contract<FractionToken>,
    treasury: Contract<Wallet>,
    buyer: Contract<Refuser>,
) {
    wired(&token, treasury.address());
    let who = buyer.address();
    who.fund(ETHER);
    let cost = token.sender(who).quote_buy(SHARE).motsu_unwrap();
    let err = token
        .sender_and_value(who, ETHER)
        .buy(SHARE, cost, U256::MAX)
        .motsu_unwrap_err();
    assert!(
        matches!(err, Error::EthTransferFailed(EthTransferFailed { to, amount }) if to == who && amount == ETHER - cost)
    );
    assert_eq!(buyer.balance(), ETHER);
    assert_eq!(treasury.balance(), U256::ZERO);
    assert_eq!(token.sender(who).balance_of(who), U256::ZERO);
}

#[motsu::test]
fn treasury_failure_reverts(
    token: Contract<FractionToken>,
    treasury: Contract<Refuser>,
    buyer: Contract<Wallet>,
) {
    wired(&token, treasury.address());
    let who = buyer.address();
    who.fund(ETHER);
    let cost = token.sender(who).quote_buy(SHARE).motsu_unwrap();
    let err = token
        .sender_and_value(who, ETHER)
        .buy(SHARE, cost, U256::MAX)
        .motsu_unwrap_err();
    assert!(
        matches!(err, Error::EthTransferFailed(EthTransferFailed { to, amount })
        if to == treasury.address() && amount == cost)
    );
    assert_eq!(buyer.balance(), ETHER);
}

#[motsu::test]
fn buy_guards(token: Contract<FractionToken>, treasury: Contract<Wallet>, buyer: Contract<Wallet>) {
    let roles = wired(&token, treasury.address());
    let who = buyer.address();
    who.fund(ETHER);
    let err = token.sender(who).buy(U256::ZERO, ETHER, U256::MAX).motsu_unwrap_err();
    assert!(matches!(err, Error::ZeroAmount(ZeroAmount {})));

    let cost = token.sender(who).quote_buy(SHARE).motsu_unwrap();
    let err = token
        .sender_and_value(who, ETHER)
        .buy(SHARE, cost - U256::from(1u8), U256::MAX)
        .motsu_unwrap_err();
    assert!(
        matches!(err, Error::MaxCostExceeded(MaxCostExceeded { cost: c, maxCost })
        if c == cost && maxCost == cost - U256::from(1u8))
    );
    let err = token
        .sender_and_value(who, cost - U256::from(1u8))
        .buy(SHARE, cost, U256::MAX)
        .motsu_unwrap_err();
    assert!(
        matches!(err, Error::InsufficientPayment(InsufficientPayment { cost: c, sent })
        if c == cost && sent == cost - U256::from(1u8))
    );
    assert_eq!(buyer.balance(), ETHER);

    token
        .sender(roles.vault)
        .set_param(fraction::MAX_SUPPLY, SHARE)
        .motsu_unwrap();
    let err = token
        .sender_and_value(who, ETHER)
        .buy(shares(2), ETHER, U256::MAX)
        .motsu_unwrap_err();
    assert!(
        matches!(err, Error::MaxSupplyExceeded(MaxSupplyExceeded { supply, maxSupply })
        if supply == shares(2) && maxSupply == SHARE)
    );

    // A batch no one could pay for overflows instead of wrapping.
    token
        .sender(roles.vault)
        .set_param(fraction::MAX_SUPPLY, MAX_SUPPLY)
        .motsu_unwrap();
    let err = token
        .sender(who)
        .quote_buy(shares(100_000))
        .motsu_unwrap_err();
    assert!(matches!(err, Error::MathOverflow(MathOverflow {})));
}

#[motsu::test]
fn sale_start_gates_buying(
    token: Contract<FractionToken>,
    treasury: Contract<Wallet>,
    buyer: Contract<Wallet>,
) {
    let roles = wired(&token, treasury.address());
    let start = START + DAY;
    token
        .sender(roles.vault)
        .set_param(fraction::SALE_START, U256::from(start))
        .motsu_unwrap();
    let who = buyer.address();
    who.fund(ETHER);
    let err = token
        .sender_and_value(who, ETHER)
        .buy(SHARE, ETHER, U256::MAX)
        .motsu_unwrap_err();
    assert!(
        matches!(err, Error::SaleNotStarted(SaleNotStarted { saleStart }) if saleStart == U256::from(start))
    );
    // Before the start the views show the opening price (t = 0).
    assert_eq!(token.sender(who).spot_price().motsu_unwrap(), P0);
    let opening_quote = token.sender(who).quote_buy(SHARE).motsu_unwrap();
    test_clock::set(start);
    assert_eq!(
        token.sender(who).quote_buy(SHARE).motsu_unwrap(),
        opening_quote
    );
    token
        .sender_and_value(who, ETHER)
        .buy(SHARE, ETHER, U256::MAX)
        .motsu_unwrap();
}

#[motsu::test]
fn on_schedule_the_price_is_p0_times_premium(
    token: Contract<FractionToken>,
    treasury: Contract<Wallet>,
    buyer: Contract<Wallet>,
) {
    let roles = wired(&token, treasury.address());
    let who = buyer.address();
    who.fund(ETHER * U256::from(100u8));
    assert_eq!(token.sender(who).spot_price().motsu_unwrap(), P0);
    for day in 1..=3u64 {
        test_clock::set(START + day * DAY);
        // A day's target, 100 shares, in four batches.
        for _ in 0..4 {
            token
                .sender_and_value(who, ETHER * U256::from(10u8))
                .buy(shares(25), U256::MAX, U256::MAX)
                .motsu_unwrap();
        }
        assert_rel(
            token.sender(who).spot_price().motsu_unwrap(),
            P0,
            1_000_000_000_000,
        );
    }
    // With a premium of 1.1 the on-schedule price is 1.1 · p0.
    token
        .sender(roles.keeper)
        .set_premium(WAD + PREMIUM_STEP)
        .motsu_unwrap();
    assert_rel(
        token.sender(who).spot_price().motsu_unwrap(),
        P0 * U256::from(11u8) / U256::from(10u8),
        1_000_000_000_000,
    );
}

#[motsu::test]
fn ahead_of_schedule_the_price_rises(
    token: Contract<FractionToken>,
    treasury: Contract<Wallet>,
    buyer: Contract<Wallet>,
) {
    wired(&token, treasury.address());
    let who = buyer.address();
    who.fund(ETHER * U256::from(10u8));
    // A full day's target at once: the price is p0 / (1 - k) = 1.25 p0.
    token
        .sender_and_value(who, ETHER * U256::from(10u8))
        .buy(shares(100), U256::MAX, U256::MAX)
        .motsu_unwrap();
    let spot = token.sender(who).spot_price().motsu_unwrap();
    assert_rel(
        spot,
        P0 * U256::from(5u8) / U256::from(4u8),
        1_000_000_000_000,
    );
    // The next share costs more than the first did.
    assert!(
        token.sender(who).quote_buy(SHARE).motsu_unwrap() > P0 * U256::from(5u8) / U256::from(4u8)
    );
}

#[motsu::test]
fn in_a_lull_the_price_decays(token: Contract<FractionToken>, treasury: Contract<Wallet>) {
    wired(&token, treasury.address());
    let who = treasury.address();
    test_clock::advance(DAY);
    assert_rel(
        token.sender(who).spot_price().motsu_unwrap(),
        P0 * U256::from(4u8) / U256::from(5u8),
        1_000_000_000_000,
    );
    test_clock::advance(DAY);
    assert_rel(
        token.sender(who).spot_price().motsu_unwrap(),
        P0 * U256::from(16u8) / U256::from(25u8),
        1_000_000_000_000,
    );
    // Half a day: p0 · 0.8^0.5.
    test_clock::set(START + DAY / 2);
    assert_rel(
        token.sender(who).spot_price().motsu_unwrap(),
        uint!(8944271909999158_U256),
        1_000_000_000_000,
    );
}

/// Tolerance: the closed-form batch and the same shares bought in 100 pieces
/// agree to 1e-12 relative, and the pieces never cost less (each rounds up).
#[motsu::test]
fn batch_cost_equals_many_small_purchases(
    one: Contract<FractionToken>,
    many: Contract<FractionToken>,
    treasury: Contract<Wallet>,
    buyer: Contract<Wallet>,
) {
    wired(&one, treasury.address());
    wired(&many, treasury.address());
    let who = buyer.address();
    who.fund(ETHER * U256::from(100u8));
    test_clock::advance(DAY / 3);
    let batch = one
        .sender_and_value(who, ETHER * U256::from(10u8))
        .buy(shares(50), U256::MAX, U256::MAX)
        .motsu_unwrap();
    let mut total = U256::ZERO;
    for _ in 0..100 {
        total += many
            .sender_and_value(who, ETHER)
            .buy(SHARE / U256::from(2u8), U256::MAX, U256::MAX)
            .motsu_unwrap();
    }
    assert!(total >= batch);
    assert_rel(total, batch, 1_000_000_000_000);
    assert_eq!(
        one.sender(who).spot_price().motsu_unwrap(),
        many.sender(who).spot_price().motsu_unwrap()
    );
    assert_eq!(treasury.balance(), batch + total);
}
