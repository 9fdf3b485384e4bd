//! Buyback-and-burn: the reverse Dutch auction, fills, partial fills, limits.
use atelier_common::errors::{EthTransferFailed, ExternalCallFailed, ZeroAmount};
use motsu::prelude::*;
use proptest::prelude::*;

use super::*;
use crate::{BidBelowMinimum, BudgetExhausted, BuybackFilled, NoLiveRound, RoundEnded};

fn bid(w: &World) -> U256 {
    w.treasury.sender(w.admin).current_bid().motsu_unwrap()
}

fn sell(w: &World, seller: &Contract<Wallet>, shares: U256, min: U256) -> Result<U256, Error> {
    w.treasury
        .sender(seller.address())
        .sell_to_treasury(shares, min, U256::MAX)
        .motsu_res()
}

#[test]
fn bid_rises_from_floor_to_cap() {
    let w = World::new();
    assert_eq!(bid(&w), U256::ZERO); // no round yet
    w.open_round(eth(4));
    // Start: 50% of the reference; middle: 75%; end: 100%; after the end: none.
    assert_eq!(bid(&w), SPOT / u(2));
    test_clock::advance(ROUND / 2);
    assert_eq!(bid(&w), SPOT * u(75) / u(100));
    test_clock::advance(ROUND / 2);
    assert_eq!(bid(&w), SPOT);
    test_clock::advance(1);
    assert_eq!(bid(&w), U256::ZERO);
}

#[test]
fn round_keeps_the_bounds_it_opened_with() {
    use atelier_common::params::treasury as key;
    let w = World::new();
    w.open_round(eth(4));
    w.treasury
        .sender(w.vault.address())
        .set_param(key::CAP_BPS, u(6_000))
        .motsu_unwrap();
    w.token.sender(w.admin).set_spot_price(SPOT * u(3));
    test_clock::advance(ROUND);
    assert_eq!(bid(&w), SPOT);
}

#[test]
fn sell_burns_shares_and_pays_the_bid() {
    let w = World::new();
    w.open_round(eth(4));
    let seller = w.holder(eth(100));
    test_clock::advance(ROUND / 2);
    let paid = sell(&w, &seller, eth(40), SPOT * u(75) / u(100)).unwrap();
    assert_eq!(paid, eth(30) / u(100)); // 40 shares * 0.0075 ETH
    assert_eq!(seller.balance(), paid);
    assert_eq!(
        w.token.sender(w.admin).balance_of(seller.address()),
        eth(60)
    );
    assert_eq!(w.token.sender(w.admin).total_supply(), eth(60));
    assert_eq!(w.treasury.sender(w.admin).buyback_round().2, paid);
    w.treasury.assert_emitted(&BuybackFilled {
        seller: seller.address(),
        shares: eth(40),
        paid,
    });
    assert_eq!(w.accounted(), w.treasury.balance());
}

#[test]
fn short_budget_fills_partially_then_is_exhausted() {
    let w = World::new();
    w.open_round(eth(1));
    let seller = w.holder(eth(1_000));
    // Bid 0.005 ETH: 1 ETH buys exactly 200 shares; only those are burned.
    let paid = sell(&w, &seller, eth(1_000), U256::ZERO).unwrap();
    assert_eq!(paid, eth(1));
    assert_eq!(
        w.token.sender(w.admin).balance_of(seller.address()),
        eth(800)
    );
    w.treasury.assert_emitted(&BuybackFilled {
        seller: seller.address(),
        shares: eth(200),
        paid,
    });
    let err = sell(&w, &seller, eth(1), U256::ZERO).unwrap_err();
    assert_error(err, BudgetExhausted { round: u(1) });
}

#[test]
fn partial_fill_rounds_down_and_leaves_dust_unsellable() {
    let w = World::new();
    w.open_round(eth(1));
    let seller = w.holder(eth(1_000));
    test_clock::advance(ROUND / 5); // bid 60% of the reference: 0.006 ETH
    assert_eq!(bid(&w), SPOT * u(6) / u(10));
    let paid = sell(&w, &seller, eth(1_000), U256::ZERO).unwrap();
    let filled = U256::from(166_666_666_666_666_666_666u128);
    assert_eq!(paid, eth(1) - u(1));
    assert_eq!(
        w.token.sender(w.admin).balance_of(seller.address()),
        eth(1_000) - filled
    );
    // 1 wei left buys no whole wei of shares: refused, not given away.
    let err = sell(&w, &seller, eth(1), U256::ZERO).unwrap_err();
    assert_error(err, ZeroAmount {});
}

#[test]
fn sell_reverts_below_min_price() {
    let w = World::new();
    w.open_round(eth(4));
    let seller = w.holder(eth(10));
    let floor = SPOT / u(2);
    let err = sell(&w, &seller, eth(1), floor + u(1)).unwrap_err();
    assert_error(
        err,
        BidBelowMinimum {
            bid: floor,
            minPrice: floor + u(1),
        },
    );
    assert_eq!(
        w.token.sender(w.admin).balance_of(seller.address()),
        eth(10)
    );
}

#[test]
fn sell_needs_a_live_round() {
    let w = World::new();
    let seller = w.holder(eth(10));
    assert_error(
        sell(&w, &seller, eth(1), U256::ZERO).unwrap_err(),
        NoLiveRound {},
    );
    w.open_round(eth(4));
    test_clock::advance(ROUND);
    sell(&w, &seller, eth(1), U256::ZERO).unwrap(); // the last second still sells
    test_clock::advance(1);
    let err = sell(&w, &seller, eth(1), U256::ZERO).unwrap_err();
    assert_error(
        err,
        RoundEnded {
            round: u(1),
            end: u(T0 + ROUND),
        },
    );
}

#[test]
fn sell_refuses_zero_shares() {
    let w = World::new();
    w.open_round(eth(4));
    let seller = w.holder(eth(10));
    assert_error(
        sell(&w, &seller, U256::ZERO, U256::ZERO).unwrap_err(),
        ZeroAmount {},
    );
    // Too few share units to be worth one wei.
    assert_error(
        sell(&w, &seller, u(100), U256::ZERO).unwrap_err(),
        ZeroAmount {},
    );
}

#[test]
fn sell_without_allowance_fails_cleanly() {
    let w = World::new();
    w.open_round(eth(4));
    let seller = Contract::<Wallet>::new();
    w.token.sender(w.admin).mint(seller.address(), eth(10));
    let err = sell(&w, &seller, eth(10), U256::ZERO).unwrap_err();
    assert_error(
        err,
        ExternalCallFailed {
            target: w.token.address(),
        },
    );
    assert_eq!(w.treasury.sender(w.admin).buyback_round().2, U256::ZERO);
    assert_eq!(w.treasury.balance(), eth(8));
}

#[test]
fn seller_refusing_eth_reverts_the_sale() {
    let w = World::new();
    w.open_round(eth(4));
    let seller = w.holder(eth(10));
    seller.sender(w.admin).set_refuse(true);
    let err = sell(&w, &seller, eth(10), U256::ZERO).unwrap_err();
    assert_error(
        err,
        EthTransferFailed {
            to: seller.address(),
            amount: eth(5) / u(100),
        },
    );
    assert_eq!(
        w.token.sender(w.admin).balance_of(seller.address()),
        eth(10)
    );
    assert_eq!(w.treasury.sender(w.admin).buyback_round().2, U256::ZERO);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// However sellers come (any sizes, any times), a round never pays more
    /// than its budget, pays exactly shares * bid / 1e18 rounded down, burns
    /// exactly the filled shares, and the books match the balance.
    #[test]
    fn budget_is_never_exceeded(
        budget_milli in 1_000u64..=20_000,
        sells in proptest::collection::vec((1u128..=5_000_000_000_000_000_000_000u128, 0u64..=ROUND / 4), 1..10),
    ) {
        let w = World::new();
        let budget = ETH * u(budget_milli) / u(1_000);
        w.open_round(budget);
        let supply = eth(1_000_000);
        let seller = w.holder(supply);
        let mut total_paid = U256::ZERO;
        let mut total_burned = U256::ZERO;
        for (shares, wait) in sells {
            test_clock::advance(wait);
            let shares = U256::from(shares);
            let bid_now = bid(&w);
            let before = w.token.sender(w.admin).balance_of(seller.address());
            match sell(&w, &seller, shares, U256::ZERO) {
                Ok(paid) => {
                    let burned = before - w.token.sender(w.admin).balance_of(seller.address());
                    prop_assert!(burned <= shares);
                    prop_assert_eq!(paid, burned * bid_now / ETH);
                    total_paid += paid;
                    total_burned += burned;
                }
                Err(err) => {
                    let bytes = Vec::<u8>::from(err);
                    let exhausted = Vec::<u8>::from(Error::from(BudgetExhausted { round: u(1) }));
                    let dust = Vec::<u8>::from(Error::from(ZeroAmount {}));
                    let ended = bytes[..4] == Vec::<u8>::from(Error::from(RoundEnded { round: u(1), end: U256::ZERO }))[..4];
                    prop_assert!(bytes == exhausted || bytes == dust || ended);
                }
            }
            prop_assert!(total_paid <= budget);
        }
        let round = w.treasury.sender(w.admin).buyback_round();
        prop_assert_eq!(round.2, total_paid);
        prop_assert_eq!(seller.balance(), total_paid);
        prop_assert_eq!(w.token.sender(w.admin).total_supply(), supply - total_burned);
        prop_assert_eq!(w.accounted(), w.treasury.balance());
    }
}

#[test]
fn absurd_spot_price_overflows_cleanly() {
    let w = World::new();
    w.token.sender(w.admin).set_spot_price(U256::MAX);
    w.open_round(eth(4));
    let seller = w.holder(eth(10));
    let err = w.treasury.sender(w.admin).current_bid().motsu_unwrap_err();
    assert_error(err, atelier_common::errors::MathOverflow {});
    let err = sell(&w, &seller, eth(1), U256::ZERO).unwrap_err();
    assert_error(err, atelier_common::errors::MathOverflow {});
}
