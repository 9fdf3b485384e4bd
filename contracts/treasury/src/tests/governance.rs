//! Governance: parameters within hard bounds, and reserve withdrawals, vault only.
use alloy_primitives::Address;
use atelier_common::{
    errors::{
        EthTransferFailed, ParamOutOfBounds, Unauthorized, UnknownParam, ZeroAddress, ZeroAmount,
    },
    params::treasury as key,
};
use motsu::prelude::*;

use super::*;
use crate::{
    accounting::bucket,
    governance::{MAX_EPOCH, MAX_ROUND_DURATION, MAX_WEI},
    InsufficientBucket, ParamSet, ReserveWithdrawn,
};

fn set(w: &World, k: u8, value: U256) -> Result<(), Error> {
    w.treasury
        .sender(w.vault.address())
        .set_param(k, value)
        .motsu_res()
}

#[test]
fn vault_sets_every_parameter() {
    let w = World::new();
    let acquirer = Address::random();
    let table = [
        (key::BUYBACK_BPS, u(3_000)),
        (key::ACQUISITION_BPS, u(2_000)),
        (key::REWARDS_BPS, u(5_000)),
        (key::EPOCH, u(7 * 86_400)),
        (key::MIN_BUYBACK, u(1)),
        (key::ROUND_DURATION, u(600)),
        (key::CAP_BPS, u(10_000)),
        (key::FLOOR_BPS, u(10_000)),
        (key::MAX_ACQUISITION_PRICE, U256::ZERO),
        (key::ACQUISITION_BUDGET_PER_EPOCH, U256::from(MAX_WEI)),
        (key::ACQUIRER, U256::from_be_slice(acquirer.as_slice())),
    ];
    for (k, value) in table {
        set(&w, k, value).unwrap();
        assert_eq!(
            w.treasury.sender(w.admin).param(k).motsu_unwrap(),
            value,
            "key {k}"
        );
        w.treasury.assert_emitted(&ParamSet { key: k, value });
    }
    // The new split applies to later inflows; the reserve gets 0 now.
    w.revenue(eth(10));
    assert_eq!(w.buckets(), (U256::ZERO, eth(3), eth(2), eth(5)));
}

#[test]
fn new_acquirer_takes_over() {
    let w = World::new();
    let next = Address::random();
    set(&w, key::ACQUIRER, U256::from_be_slice(next.as_slice())).unwrap();
    w.revenue(eth(10));
    let err = w
        .treasury
        .sender(w.acquirer)
        .acquire(
            w.nft.address(),
            u(1),
            Address::random(),
            eth(1),
            Default::default(),
            Default::default(),
            Default::default(),
            Address::ZERO,
            String::new().into(),
            U256::MAX,
        )
        .motsu_unwrap_err();
    assert_error(err, Unauthorized { caller: w.acquirer });
}

#[test]
fn only_the_vault_governs() {
    let w = World::new();
    for caller in [w.admin, w.acquirer, Address::random()] {
        let err = w
            .treasury
            .sender(caller)
            .set_param(key::EPOCH, u(EPOCH))
            .motsu_unwrap_err();
        assert_error(err, Unauthorized { caller });
        let err = w
            .treasury
            .sender(caller)
            .withdraw_reserve(caller, u(1))
            .motsu_unwrap_err();
        assert_error(err, Unauthorized { caller });
    }
}

#[test]
fn unknown_keys_are_refused() {
    let w = World::new();
    assert_error(
        set(&w, key::COUNT, u(1)).unwrap_err(),
        UnknownParam { key: key::COUNT },
    );
    assert_error(set(&w, 255, u(1)).unwrap_err(), UnknownParam { key: 255 });
    let err = w
        .treasury
        .sender(w.admin)
        .param(key::COUNT)
        .motsu_unwrap_err();
    assert_error(err, UnknownParam { key: key::COUNT });
}

#[test]
fn hard_bounds_hold() {
    let w = World::new();
    let wei_max = U256::from(MAX_WEI);
    let addr_max = (U256::from(1) << 160) - U256::from(1);
    // Defaults: buyback 4000, acquisition 3000, rewards 2000, floor 5000, cap 10000.
    let cases = [
        (key::BUYBACK_BPS, u(5_001), u(0), u(5_000)),
        (key::ACQUISITION_BPS, u(4_001), u(0), u(4_000)),
        (key::REWARDS_BPS, u(3_001), u(0), u(3_000)),
        (key::EPOCH, u(3_599), u(3_600), u(MAX_EPOCH)),
        (key::EPOCH, u(MAX_EPOCH + 1), u(3_600), u(MAX_EPOCH)),
        (key::MIN_BUYBACK, U256::ZERO, u(1), wei_max),
        (key::MIN_BUYBACK, wei_max + u(1), u(1), wei_max),
        (key::ROUND_DURATION, u(599), u(600), u(MAX_ROUND_DURATION)),
        (
            key::ROUND_DURATION,
            u(MAX_ROUND_DURATION + 1),
            u(600),
            u(MAX_ROUND_DURATION),
        ),
        (key::FLOOR_BPS, U256::ZERO, u(1), u(CAP_BPS)),
        (key::FLOOR_BPS, u(CAP_BPS + 1), u(1), u(CAP_BPS)),
        (key::CAP_BPS, u(FLOOR_BPS - 1), u(FLOOR_BPS), u(10_000)),
        (key::CAP_BPS, u(10_001), u(FLOOR_BPS), u(10_000)),
        (
            key::MAX_ACQUISITION_PRICE,
            wei_max + u(1),
            U256::ZERO,
            wei_max,
        ),
        (
            key::ACQUISITION_BUDGET_PER_EPOCH,
            U256::MAX,
            U256::ZERO,
            wei_max,
        ),
        (key::ACQUIRER, U256::ZERO, u(1), addr_max),
        (key::ACQUIRER, addr_max + u(1), u(1), addr_max),
    ];
    for (k, value, min, max) in cases {
        let err = set(&w, k, value).unwrap_err();
        assert_error(
            err,
            ParamOutOfBounds {
                key: k,
                value,
                min,
                max,
            },
        );
    }
    // Each bound is inclusive.
    set(&w, key::BUYBACK_BPS, u(5_000)).unwrap();
    set(&w, key::EPOCH, u(3_600)).unwrap();
}

#[test]
fn vault_withdraws_the_reserve_only() {
    let w = World::new();
    w.revenue(eth(10)); // reserve 1 ETH
    let to = Contract::<Wallet>::new();
    let t = || w.treasury.sender(w.vault.address());
    t().withdraw_reserve(to.address(), eth(4) / u(10))
        .motsu_unwrap();
    assert_eq!(to.balance(), eth(4) / u(10));
    assert_eq!(w.buckets(), (eth(6) / u(10), eth(4), eth(3), eth(2)));
    w.treasury.assert_emitted(&ReserveWithdrawn {
        to: to.address(),
        amount: eth(4) / u(10),
    });
    let err = t()
        .withdraw_reserve(to.address(), eth(1))
        .motsu_unwrap_err();
    assert_error(
        err,
        InsufficientBucket {
            bucket: bucket::RESERVE,
            available: eth(6) / u(10),
            requested: eth(1),
        },
    );
    assert_error(
        t().withdraw_reserve(Address::ZERO, u(1)).motsu_unwrap_err(),
        ZeroAddress {},
    );
    assert_error(
        t().withdraw_reserve(to.address(), U256::ZERO)
            .motsu_unwrap_err(),
        ZeroAmount {},
    );
    to.sender(w.admin).set_refuse(true);
    let err = t().withdraw_reserve(to.address(), u(1)).motsu_unwrap_err();
    assert_error(
        err,
        EthTransferFailed {
            to: to.address(),
            amount: u(1),
        },
    );
    assert_eq!(w.buckets().0, eth(6) / u(10));
    assert_eq!(w.accounted(), w.treasury.balance());
}
