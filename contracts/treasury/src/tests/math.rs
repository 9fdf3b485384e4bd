//! The pure arithmetic: bucket portions, the auction's bid curve and fills.
use proptest::prelude::*;

use super::*;
use crate::{
    accounting::{narrow, portion, split},
    auction::{bid_at, fill},
};

#[test]
fn bid_curve_endpoints_and_midpoint() {
    let spot = u(1_000_000);
    assert_eq!(bid_at(spot, 5_000, 11_000, 0, 100).unwrap(), u(500_000));
    assert_eq!(bid_at(spot, 5_000, 11_000, 50, 100).unwrap(), u(800_000));
    assert_eq!(bid_at(spot, 5_000, 11_000, 100, 100).unwrap(), u(1_100_000));
    assert_eq!(
        bid_at(spot, 5_000, 11_000, 1_000, 100).unwrap(),
        u(1_100_000)
    );
    assert_eq!(bid_at(spot, 5_000, 11_000, 7, 0).unwrap(), u(1_100_000));
    assert!(bid_at(U256::MAX, 5_000, 11_000, 0, 100).is_err());
}

#[test]
fn fill_with_zero_bid_fills_nothing() {
    assert_eq!(
        fill(ETH, U256::ZERO, ETH).unwrap(),
        (U256::ZERO, U256::ZERO)
    );
}

#[test]
fn narrow_refuses_more_than_128_bits() {
    assert!(narrow(U256::from(u128::MAX)).is_ok());
    assert!(narrow(U256::from(u128::MAX) + u(1)).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn portion_is_exact_floor(amount in any::<u128>(), bps in 0u16..=10_000) {
        let expected = U256::from(amount) * U256::from(bps) / u(10_000);
        prop_assert_eq!(portion(U256::from(amount), bps), expected);
    }

    #[test]
    fn split_adds_up(amount in any::<u128>(), a in 0u16..=4_000, b in 0u16..=3_000, c in 0u16..=3_000) {
        let s = split(U256::from(amount), a, b, c);
        prop_assert_eq!(s.reserve + s.buyback + s.acquisition + s.rewards, U256::from(amount));
    }

    #[test]
    fn bid_rises_monotonically_within_bounds(
        spot in 0u128..=u128::MAX,
        floor in 1u16..=20_000,
        extra in 0u16..=20_000,
        e1 in 0u64..=100_000,
        e2 in 0u64..=100_000,
        duration in 1u64..=100_000,
    ) {
        let cap = floor.saturating_add(extra).min(20_000);
        let spot = U256::from(spot);
        let (lo, hi) = (e1.min(e2), e1.max(e2));
        let b_lo = bid_at(spot, floor, cap, lo, duration).unwrap();
        let b_hi = bid_at(spot, floor, cap, hi, duration).unwrap();
        prop_assert!(b_lo <= b_hi);
        prop_assert!(b_lo >= spot * U256::from(floor) / u(10_000));
        prop_assert!(b_hi <= spot * U256::from(cap) / u(10_000));
    }

    #[test]
    fn fill_never_exceeds_budget_or_offer(
        shares in any::<u128>(),
        bid in 1u128..=u128::MAX,
        remaining in any::<u128>(),
    ) {
        let (shares, bid, remaining) = (U256::from(shares), U256::from(bid), U256::from(remaining));
        let (filled, paid) = fill(shares, bid, remaining).unwrap();
        prop_assert!(filled <= shares);
        prop_assert!(paid <= remaining);
        prop_assert_eq!(paid, filled * bid / ETH);
        // Filling less would be wrong: one more share unit would overspend
        // (or the whole offer was taken).
        if filled < shares {
            prop_assert!((filled + u(1)) * bid > remaining * ETH);
        }
    }
}
