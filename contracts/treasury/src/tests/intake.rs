//! Revenue intake: exact split into buckets from any payer.
use alloy_primitives::Address;
use atelier_common::errors::ZeroAmount;
use motsu::prelude::*;
use proptest::prelude::*;

use super::*;
use crate::{accounting::portion, RevenueReceived};

#[test]
fn receive_splits_by_basis_points() {
    let w = World::new();
    let payer = w.revenue(eth(10));
    assert_eq!(w.buckets(), (eth(1), eth(4), eth(3), eth(2)));
    assert_eq!(w.treasury.balance(), eth(10));
    w.treasury.assert_emitted(&RevenueReceived {
        from: payer,
        amount: eth(10),
    });
}

#[test]
fn rounding_dust_goes_to_the_reserve() {
    let w = World::new();
    w.revenue(u(9_999));
    // 9999 * 4000 / 10000 = 3999.6 -> 3999; 2999.7 -> 2999; 1999.8 -> 1999.
    assert_eq!(w.buckets(), (u(1_002), u(3_999), u(2_999), u(1_999)));
    w.revenue(u(1));
    assert_eq!(w.buckets(), (u(1_003), u(3_999), u(2_999), u(1_999)));
}

#[test]
fn plain_value_call_from_a_contract_is_revenue() {
    // The FractionToken and the vault pay with a plain value call.
    let w = World::new();
    let payer = Contract::<Wallet>::new();
    payer.address().fund(eth(2));
    payer
        .sender(w.admin)
        .send(w.treasury.address(), eth(2))
        .motsu_unwrap();
    assert_eq!(w.treasury.balance(), eth(2));
    assert_eq!(w.accounted(), eth(2));
    w.treasury.assert_emitted(&RevenueReceived {
        from: payer.address(),
        amount: eth(2),
    });
}

#[test]
fn zero_value_is_refused() {
    let w = World::new();
    let err = w
        .treasury
        .sender(Address::random())
        .receive()
        .motsu_unwrap_err();
    assert_eq!(err, Vec::<u8>::from(Error::from(ZeroAmount {})));
}

#[test]
fn before_initialize_everything_goes_to_the_reserve() {
    let w = World::deployed();
    w.revenue(eth(3));
    assert_eq!(w.buckets(), (eth(3), U256::ZERO, U256::ZERO, U256::ZERO));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Over any split and any inflow sequence, each bucket is the sum of its
    /// rounded-down parts, the reserve takes the rest, and the buckets add up
    /// to exactly what came in (which is also the balance).
    #[test]
    fn buckets_account_exactly(
        bb in 0u16..=10_000,
        acq_frac in 0u16..=10_000,
        rw_frac in 0u16..=10_000,
        inflows in proptest::collection::vec(1u128..=1_000_000_000_000_000_000_000u128, 1..12),
    ) {
        let acq = ((10_000 - bb) as u32 * acq_frac as u32 / 10_000) as u16;
        let rw = ((10_000 - bb - acq) as u32 * rw_frac as u32 / 10_000) as u16;
        let w = World::deployed();
        w.initialize_with(bb.into(), acq.into(), rw.into()).motsu_unwrap();
        let (mut total, mut eb, mut ea, mut er) = (U256::ZERO, U256::ZERO, U256::ZERO, U256::ZERO);
        for amount in inflows {
            let amount = U256::from(amount);
            w.revenue(amount);
            total += amount;
            eb += portion(amount, bb);
            ea += portion(amount, acq);
            er += portion(amount, rw);
        }
        let (reserve, buyback, acquisition, rewards) = w.buckets();
        prop_assert_eq!((buyback, acquisition, rewards), (eb, ea, er));
        prop_assert_eq!(reserve, total - eb - ea - er);
        prop_assert_eq!(reserve + buyback + acquisition + rewards, total);
        prop_assert_eq!(w.treasury.balance(), total);
    }
}

#[test]
fn bucket_overflow_is_refused() {
    // Beyond 2^128 wei (far above all ETH in existence) the books refuse it.
    // Before initialize all of it goes to the reserve.
    let w = World::deployed();
    w.revenue(U256::from(u128::MAX));
    let payer = Address::random();
    payer.fund(u(1));
    let err = w
        .treasury
        .sender_and_value(payer, u(1))
        .receive()
        .motsu_unwrap_err();
    assert_eq!(
        err,
        Vec::<u8>::from(Error::from(atelier_common::errors::MathOverflow {}))
    );
}
