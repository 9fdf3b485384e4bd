//! Keeper upkeep: once per epoch, by anyone; rewards streaming; rounds opened
//! and closed.
use alloy_primitives::Address;
use atelier_common::{errors::ExternalCallFailed, params::treasury as key};
use motsu::prelude::*;

use super::*;
use crate::{BuybackClosed, BuybackOpened, UpkeepNotNeeded, UpkeepPerformed};

#[test]
fn due_once_per_epoch_and_harmless_for_strangers() {
    let w = World::new();
    let stranger = Address::random();
    let t = || w.treasury.sender(stranger);
    // Due right after initialize (starts the epoch clock).
    let (due, data) = t().check_upkeep(Vec::new().into()).0;
    assert!(due);
    assert!(data.is_empty());
    t().perform_upkeep(Vec::new().into()).motsu_unwrap();
    w.treasury.assert_emitted(&UpkeepPerformed {
        epoch: u(1),
        rewardsStreamed: U256::ZERO,
        buybackBudget: U256::ZERO,
    });
    assert_eq!(t().epoch_state(), (u(1), u(T0), u(T0 + EPOCH), U256::ZERO));

    // Not due again within the epoch, however often a stranger tries.
    assert!(!t().check_upkeep(Vec::new().into()).0.0);
    let err = t().perform_upkeep(Vec::new().into()).motsu_unwrap_err();
    assert_error(
        err,
        UpkeepNotNeeded {
            nextDue: u(T0 + EPOCH),
        },
    );
    test_clock::advance(EPOCH - 1);
    assert!(!t().check_upkeep(Vec::new().into()).0.0);
    let err = t().perform_upkeep(Vec::new().into()).motsu_unwrap_err();
    assert_error(
        err,
        UpkeepNotNeeded {
            nextDue: u(T0 + EPOCH),
        },
    );
    assert_eq!(t().epoch_state().0, u(1));

    test_clock::advance(1);
    assert!(t().check_upkeep(Vec::new().into()).0.0);
    t().perform_upkeep(Vec::new().into()).motsu_unwrap();
    assert_eq!(
        t().epoch_state(),
        (u(2), u(T0 + EPOCH), u(T0 + 2 * EPOCH), U256::ZERO)
    );
}

#[test]
fn perform_data_is_never_trusted() {
    let w = World::new();
    w.revenue(eth(10));
    let junk: Vec<u8> = vec![0xde, 0xad, 0xbe, 0xef];
    w.treasury
        .sender(Address::random())
        .perform_upkeep(junk.into())
        .motsu_unwrap();
    // Same result as with empty data: rewards streamed, round opened.
    assert_eq!(w.registry.sender(w.admin).received.get(), eth(2));
    assert_eq!(w.treasury.sender(w.admin).buyback_round().1, eth(4));
    let err = w
        .treasury
        .sender(Address::random())
        .perform_upkeep(vec![1u8].into())
        .motsu_unwrap_err();
    assert_error(
        err,
        UpkeepNotNeeded {
            nextDue: u(T0 + EPOCH),
        },
    );
}

#[test]
fn streams_the_rewards_bucket_to_the_registry() {
    let w = World::new();
    w.revenue(eth(10));
    w.upkeep();
    assert_eq!(w.registry.sender(w.admin).received.get(), eth(2));
    assert_eq!(w.registry.sender(w.admin).calls.get(), u(1));
    assert_eq!(w.registry.balance(), eth(2));
    assert_eq!(w.buckets().3, U256::ZERO);
    w.treasury.assert_emitted(&UpkeepPerformed {
        epoch: u(1),
        rewardsStreamed: eth(2),
        buybackBudget: eth(4),
    });
    // An empty rewards bucket is not streamed.
    test_clock::advance(EPOCH);
    w.upkeep();
    assert_eq!(w.registry.sender(w.admin).calls.get(), u(1));
}

#[test]
fn opens_a_round_from_the_whole_buyback_bucket() {
    let w = World::new();
    w.revenue(eth(10));
    w.upkeep();
    assert_eq!(
        w.treasury.sender(w.admin).buyback_round(),
        (u(1), eth(4), U256::ZERO, SPOT, u(T0), u(T0 + ROUND), true)
    );
    assert_eq!(w.buckets().1, U256::ZERO);
    w.treasury.assert_emitted(&BuybackOpened {
        round: u(1),
        budget: eth(4),
        spotPrice: SPOT,
        start: u(T0),
        end: u(T0 + ROUND),
    });
    // Balance = buckets + the round's budget.
    assert_eq!(w.accounted(), w.treasury.balance());
}

#[test]
fn no_round_below_the_minimum() {
    let w = World::new();
    w.revenue(eth(2)); // buyback bucket 0.8 ETH < 1 ETH
    w.upkeep();
    let round = w.treasury.sender(w.admin).buyback_round();
    assert_eq!((round.0, round.6), (U256::ZERO, false));
    assert_eq!(w.buckets().1, eth(8) / u(10));
    w.treasury.assert_emitted(&UpkeepPerformed {
        epoch: u(1),
        rewardsStreamed: eth(2) / u(5),
        buybackBudget: U256::ZERO,
    });
}

#[test]
fn zero_spot_price_opens_no_round() {
    let w = World::new();
    w.token.sender(w.admin).set_spot_price(U256::ZERO);
    w.revenue(eth(10));
    w.upkeep();
    assert!(!w.treasury.sender(w.admin).buyback_round().6);
    assert_eq!(w.buckets().1, eth(4));
}

#[test]
fn ended_round_closes_and_returns_its_unspent_budget() {
    let w = World::new();
    w.open_round(eth(4));
    let seller = w.holder(eth(100));
    let paid = w
        .treasury
        .sender(seller.address())
        .sell_to_treasury(eth(100), U256::ZERO, U256::MAX)
        .motsu_unwrap();
    assert_eq!(paid, eth(100) * SPOT * u(FLOOR_BPS) / u(10_000) / ETH); // 0.5 ETH at the floor
    test_clock::advance(EPOCH); // past the round's end
    w.revenue(eth(10)); // buyback bucket +4 ETH
    w.upkeep();
    w.treasury.assert_emitted(&BuybackClosed {
        round: u(1),
        spent: paid,
        returned: eth(4) - paid,
    });
    // The new round takes the returned budget plus the new inflow's share.
    let round = w.treasury.sender(w.admin).buyback_round();
    assert_eq!(
        (round.0, round.1, round.2, round.6),
        (u(2), eth(8) - paid, U256::ZERO, true)
    );
    assert_eq!(w.accounted(), w.treasury.balance());
}

#[test]
fn live_round_survives_an_early_upkeep() {
    let w = World::new();
    w.treasury
        .sender(w.vault.address())
        .set_param(key::EPOCH, u(3_600))
        .motsu_unwrap();
    w.open_round(eth(4));
    test_clock::advance(3_600);
    w.revenue(eth(10));
    w.upkeep();
    let round = w.treasury.sender(w.admin).buyback_round();
    assert_eq!((round.0, round.1, round.6), (u(1), eth(4), true));
    assert_eq!(w.buckets().1, eth(4)); // waits for the next round
    assert!(!w.treasury.emitted(&BuybackClosed {
        round: u(1),
        spent: U256::ZERO,
        returned: eth(4)
    }));
}

#[test]
fn spent_round_closes_before_its_end() {
    let w = World::new();
    w.treasury
        .sender(w.vault.address())
        .set_param(key::EPOCH, u(3_600))
        .motsu_unwrap();
    w.open_round(eth(1));
    let seller = w.holder(eth(1_000));
    let paid = w
        .treasury
        .sender(seller.address())
        .sell_to_treasury(eth(1_000), U256::ZERO, U256::MAX)
        .motsu_unwrap();
    assert_eq!(paid, eth(1));
    test_clock::advance(3_600);
    w.revenue(eth(5)); // buyback +2 ETH
    w.upkeep();
    w.treasury.assert_emitted(&BuybackClosed {
        round: u(1),
        spent: eth(1),
        returned: U256::ZERO,
    });
    let round = w.treasury.sender(w.admin).buyback_round();
    assert_eq!(
        (round.0, round.1, round.4, round.6),
        (u(2), eth(2), u(T0 + 3_600), true)
    );
}

#[test]
fn failing_registry_reverts_the_whole_upkeep() {
    let w = World::new();
    w.revenue(eth(10));
    w.registry.sender(w.admin).set_fail(true);
    let err = w
        .treasury
        .sender(Address::random())
        .perform_upkeep(Vec::new().into())
        .motsu_unwrap_err();
    assert_error(
        err,
        ExternalCallFailed {
            target: w.registry.address(),
        },
    );
    // Nothing moved: still due, buckets intact, no round.
    assert!(w.treasury.sender(w.admin).check_upkeep(Vec::new().into()).0.0);
    assert_eq!(w.buckets(), (eth(1), eth(4), eth(3), eth(2)));
    assert!(!w.treasury.sender(w.admin).buyback_round().6);
    assert_eq!(w.treasury.balance(), eth(10));
}

#[test]
fn failing_reference_read_opens_no_round_but_upkeep_runs() {
    // A "token" that has no param()/totalSupply(): the read fails, no round
    // opens, and the epoch still advances and the rewards still stream.
    let w = World::deployed();
    w.treasury
        .sender(w.admin)
        .initialize(
            w.vault.address(), // any contract that lacks spotPrice()
            w.registry.address(),
            w.vault.address(),
            w.acquirer,
            u(BUYBACK_BPS),
            u(ACQUISITION_BPS),
            u(REWARDS_BPS),
            u(EPOCH),
            min_buyback(),
            u(ROUND),
            u(FLOOR_BPS),
            u(CAP_BPS),
            max_price(),
            epoch_budget(),
        )
        .motsu_unwrap();
    w.revenue(eth(10));
    w.treasury
        .sender(Address::random())
        .perform_upkeep(Vec::new().into())
        .motsu_unwrap();
    assert!(!w.treasury.sender(w.admin).buyback_round().6, "no round");
    assert_eq!(w.treasury.sender(w.admin).epoch_state().0, u(1), "the epoch advanced");
    assert_eq!(w.treasury.sender(w.admin).buckets().3, U256::ZERO, "rewards streamed");
}
