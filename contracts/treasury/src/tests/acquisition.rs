//! Autonomous acquisitions: acquirer only, per-artwork cap, per-epoch budget,
//! acquisition bucket; the artwork goes straight into the vault.
use alloy_primitives::{Address, B256};
use atelier_common::errors::{
    EthTransferFailed, ExternalCallFailed, Unauthorized, ZeroAddress, ZeroAmount,
};
use motsu::prelude::*;
use proptest::prelude::*;

use super::*;
use crate::{
    accounting::bucket, Acquired, AcquisitionPriceTooHigh, EpochBudgetExceeded, InsufficientBucket,
};

const SEED: B256 = B256::repeat_byte(0x5e);

/// A wallet owning token `id` of the collection, approved to the treasury.
fn seller_of(w: &World, id: u64) -> Contract<Wallet> {
    let seller = Contract::<Wallet>::new();
    w.nft.sender(w.admin).mint(seller.address(), u(id));
    w.nft
        .sender(seller.address())
        .approve(w.treasury.address(), u(id))
        .motsu_unwrap();
    seller
}

fn acquire_from(
    w: &World,
    caller: Address,
    seller: Address,
    id: u64,
    price: U256,
) -> Result<U256, Error> {
    w.treasury
        .sender(caller)
        .acquire(
            w.nft.address(),
            u(id),
            seller,
            price,
            SEED,
            B256::repeat_byte(0x0d),
            B256::repeat_byte(0x9a),
            Address::repeat_byte(0xa7),
            "ipfs://artwork".into(),
            U256::MAX,
        )
        .motsu_res()
}

fn acquire(w: &World, seller: &Contract<Wallet>, id: u64, price: U256) -> Result<U256, Error> {
    acquire_from(w, w.acquirer, seller.address(), id, price)
}

#[test]
fn artwork_goes_into_the_vault_and_the_seller_is_paid() {
    let w = World::new();
    w.revenue(eth(20)); // acquisition bucket 6 ETH
    let seller = seller_of(&w, 7);
    let artwork = acquire(&w, &seller, 7, eth(2)).unwrap();
    assert_eq!(artwork, u(1));
    assert_eq!(
        w.nft.sender(w.admin).owner_of(u(7)).unwrap(),
        w.vault.address()
    );
    let vault = w.vault.sender(w.admin);
    assert_eq!(vault.last_collection.get(), w.nft.address());
    assert_eq!(vault.last_token_id.get(), u(7));
    assert_eq!(vault.last_seed.get(), U256::from_be_bytes(SEED.0));
    assert_eq!(vault.last_artist.get(), Address::repeat_byte(0xa7));
    assert_eq!(vault.last_uri.get_string(), "ipfs://artwork");
    drop(vault);
    assert_eq!(seller.balance(), eth(2));
    assert_eq!(w.buckets().2, eth(4));
    assert_eq!(w.treasury.sender(w.admin).epoch_state().3, eth(2));
    w.treasury.assert_emitted(&Acquired {
        artworkId: u(1),
        collection: w.nft.address(),
        tokenId: u(7),
        seller: seller.address(),
        price: eth(2),
    });
    assert_eq!(w.accounted(), w.treasury.balance());
}

#[test]
fn only_the_acquirer_acquires() {
    let w = World::new();
    w.revenue(eth(20));
    let seller = seller_of(&w, 1);
    let stranger = Address::random();
    let err = acquire_from(&w, stranger, seller.address(), 1, eth(1)).unwrap_err();
    assert_error(err, Unauthorized { caller: stranger });
    // Not even governance.
    let err = acquire_from(&w, w.vault.address(), seller.address(), 1, eth(1)).unwrap_err();
    assert_error(
        err,
        Unauthorized {
            caller: w.vault.address(),
        },
    );
}

#[test]
fn per_artwork_price_cap() {
    let w = World::new();
    w.revenue(eth(40)); // acquisition bucket 12 ETH
    let seller = seller_of(&w, 1);
    let err = acquire(&w, &seller, 1, max_price() + u(1)).unwrap_err();
    assert_error(
        err,
        AcquisitionPriceTooHigh {
            price: max_price() + u(1),
            max: max_price(),
        },
    );
    acquire(&w, &seller, 1, max_price()).unwrap();
}

#[test]
fn the_budget_rolls_over_a_window_not_at_upkeep() {
    let w = World::new();
    w.revenue(eth(40)); // acquisition bucket 12 ETH; budget 8 ETH per epoch
    acquire(&w, &seller_of(&w, 1), 1, eth(5)).unwrap();
    let second = seller_of(&w, 2);
    let err = acquire(&w, &second, 2, eth(4)).unwrap_err();
    assert_error(
        err,
        EpochBudgetExceeded {
            spent: eth(5),
            price: eth(4),
            budget: epoch_budget(),
        },
    );
    acquire(&w, &second, 2, eth(3)).unwrap(); // exactly the budget
    let third = seller_of(&w, 3);
    let err = acquire(&w, &third, 3, u(1)).unwrap_err();
    assert_error(
        err,
        EpochBudgetExceeded {
            spent: eth(8),
            price: u(1),
            budget: epoch_budget(),
        },
    );
    // An upkeep frees nothing: the spending drains with time only.
    w.upkeep();
    assert_eq!(w.treasury.sender(w.admin).epoch_state().3, eth(8));
    assert!(acquire(&w, &third, 3, u(1)).is_err());
    // Half an epoch later half the budget is free again.
    test_clock::advance(EPOCH / 2);
    assert_eq!(w.treasury.sender(w.admin).epoch_state().3, eth(4));
    let err = acquire(&w, &third, 3, eth(4) + u(1)).unwrap_err();
    assert_error(
        err,
        EpochBudgetExceeded {
            spent: eth(4),
            price: eth(4) + u(1),
            budget: epoch_budget(),
        },
    );
    acquire(&w, &third, 3, eth(4)).unwrap();
    assert_eq!(w.treasury.sender(w.admin).epoch_state().3, eth(8));
    // A whole epoch drains it all.
    test_clock::advance(EPOCH);
    assert_eq!(w.treasury.sender(w.admin).epoch_state().3, U256::ZERO);
}

#[test]
fn no_acquisition_while_the_token_is_paused() {
    let w = World::new();
    w.revenue(eth(40));
    w.token.sender(w.admin).set_paused(true);
    let err = acquire(&w, &seller_of(&w, 1), 1, eth(1)).unwrap_err();
    assert_error(err, crate::EnforcedPause {});
    w.token.sender(w.admin).set_paused(false);
    acquire(&w, &seller_of(&w, 1), 1, eth(1)).unwrap();
}

#[test]
fn acquisition_bucket_bounds_spending() {
    let w = World::new();
    w.revenue(eth(10)); // acquisition bucket 3 ETH
    let seller = seller_of(&w, 1);
    let err = acquire(&w, &seller, 1, eth(4)).unwrap_err();
    assert_error(
        err,
        InsufficientBucket {
            bucket: bucket::ACQUISITION,
            available: eth(3),
            requested: eth(4),
        },
    );
    acquire(&w, &seller, 1, eth(3)).unwrap();
    assert_eq!(w.buckets().2, U256::ZERO);
    // Other buckets are untouched.
    assert_eq!(w.buckets(), (eth(1), eth(4), U256::ZERO, eth(2)));
}

#[test]
fn acquire_refuses_zero_inputs() {
    let w = World::new();
    w.revenue(eth(20));
    let seller = seller_of(&w, 1);
    assert_error(
        acquire(&w, &seller, 1, U256::ZERO).unwrap_err(),
        ZeroAmount {},
    );
    let err = acquire_from(&w, w.acquirer, Address::ZERO, 1, eth(1)).unwrap_err();
    assert_error(err, ZeroAddress {});
    let err = w
        .treasury
        .sender(w.acquirer)
        .acquire(
            Address::ZERO,
            u(1),
            seller.address(),
            eth(1),
            SEED,
            SEED,
            SEED,
            Address::ZERO,
            String::new().into(),
            U256::MAX,
        )
        .motsu_unwrap_err();
    assert_error(err, ZeroAddress {});
}

#[test]
fn unapproved_or_wrong_seller_fails_and_changes_nothing() {
    let w = World::new();
    w.revenue(eth(20));
    let owner = Contract::<Wallet>::new();
    w.nft.sender(w.admin).mint(owner.address(), u(1)); // not approved
    let err = acquire(&w, &owner, 1, eth(1)).unwrap_err();
    assert_error(
        err,
        ExternalCallFailed {
            target: w.nft.address(),
        },
    );
    let impostor = Contract::<Wallet>::new();
    let err = acquire(&w, &impostor, 1, eth(1)).unwrap_err();
    assert_error(
        err,
        ExternalCallFailed {
            target: w.nft.address(),
        },
    );
    assert_eq!(w.buckets().2, eth(6));
    assert_eq!(w.treasury.sender(w.admin).epoch_state().3, U256::ZERO);
    assert_eq!(
        w.nft.sender(w.admin).owner_of(u(1)).unwrap(),
        owner.address()
    );
}

#[test]
fn vault_refusal_reverts_the_transfer() {
    let w = World::new();
    w.revenue(eth(20));
    let seller = seller_of(&w, 1);
    w.vault.sender(w.admin).set_fail(true);
    let err = acquire(&w, &seller, 1, eth(1)).unwrap_err();
    assert_error(
        err,
        ExternalCallFailed {
            target: w.vault.address(),
        },
    );
    assert_eq!(
        w.nft.sender(w.admin).owner_of(u(1)).unwrap(),
        seller.address()
    );
    assert_eq!(w.buckets().2, eth(6));
}

#[test]
fn seller_refusing_eth_reverts_the_purchase() {
    let w = World::new();
    w.revenue(eth(20));
    let seller = seller_of(&w, 1);
    seller.sender(w.admin).set_refuse(true);
    let err = acquire(&w, &seller, 1, eth(1)).unwrap_err();
    assert_error(
        err,
        EthTransferFailed {
            to: seller.address(),
            amount: eth(1),
        },
    );
    assert_eq!(
        w.nft.sender(w.admin).owner_of(u(1)).unwrap(),
        seller.address()
    );
    assert_eq!(w.vault.sender(w.admin).count.get(), U256::ZERO);
    assert_eq!(w.treasury.balance(), eth(20));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Any sequence of purchase attempts spends at most the epoch budget and
    /// the acquisition bucket, and every purchase respects the per-artwork cap.
    #[test]
    fn acquisitions_stay_within_caps(prices in proptest::collection::vec(1u64..=7_000, 1..10)) {
        let w = World::new();
        w.revenue(eth(30)); // acquisition bucket 9 ETH
        let mut spent = U256::ZERO;
        for (i, milli) in prices.into_iter().enumerate() {
            let id = i as u64 + 1;
            let price = ETH * u(milli) / u(1_000);
            let seller = seller_of(&w, id);
            if acquire(&w, &seller, id, price).is_ok() {
                prop_assert!(price <= max_price());
                spent += price;
                prop_assert_eq!(seller.balance(), price);
            }
            prop_assert!(spent <= epoch_budget());
        }
        prop_assert_eq!(w.treasury.sender(w.admin).epoch_state().3, spent);
        prop_assert_eq!(w.buckets().2, eth(9) - spent);
        prop_assert_eq!(w.accounted(), w.treasury.balance());
    }
}
