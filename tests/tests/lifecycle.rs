//! The collective's life as readable stories, each on the real contracts wired by
//! `deploy()`. Later stories replay the earlier ones as their setting.
#![allow(deprecated)] // motsu reads ETH balances through AddressVM::balance.
use alloy_primitives::{keccak256, uint, Address, B256, U256};
use alloy_sol_types::SolValue;
use atelier_common::params;
use atelier_governor::{actions::kind, types::state, Action};
use atelier_tests::{
    test_clock,
    wiring::{deploy, Collective},
};
use atelier_vault::GENESIS_SHARES;
use motsu::prelude::*;
use stylus_sdk::types::AddressVM;

const DAY: u64 = 86_400;
const SHARE: U256 = uint!(1_000_000_000_000_000_000_U256);
const ETH: U256 = uint!(1_000_000_000_000_000_000_U256);

fn shares(n: u64) -> U256 {
    SHARE * U256::from(n)
}

fn seed(n: u8) -> B256 {
    keccak256([b'S', n])
}

/// The provenance of collection token `id`, ABI-encoded for `safeTransferFrom`.
fn provenance(c: &Collective, id: u8) -> Vec<u8> {
    (seed(id), keccak256("model-v1"), keccak256(format!("prompt {id}")), c.people.carol.address(), format!("ipfs://art/{id}"))
        .abi_encode_params()
}

/// Story 1 — Genesis: the curator deposits three artworks during bootstrap,
/// receives the steward NFTs and the genesis shares, and ends bootstrap. (Genesis
/// goes through the pulling `deposit`, where the curator is the authenticated
/// caller; a `safeTransferFrom` claiming to come from the curator is refused.)
fn genesis(c: &Collective) {
    let curator = c.people.curator.address();
    for id in 1..=3u8 {
        c.collection.sender(curator).mint(curator, U256::from(id)).unwrap();
    }
    assert!(c
        .collection
        .sender(curator)
        .safe_transfer_from_with_data(curator, c.vault.address(), U256::from(1), provenance(c, 1).into())
        .motsu_res()
        .is_err());
    c.collection.sender(curator).set_approval_for_all(c.vault.address(), true).unwrap();
    for id in 1..=3u8 {
        let artwork = c
            .vault
            .sender(curator)
            .deposit(
                c.collection.address(),
                U256::from(id),
                seed(id),
                keccak256("model-v1"),
                keccak256(format!("prompt {id}")),
                c.people.carol.address(),
                format!("ipfs://art/{id}").into(),
            )
            .expect("genesis deposit");
        assert_eq!(artwork, U256::from(id));
    }
    c.vault.sender(curator).end_bootstrap().unwrap();
}

#[test]
fn story_1_genesis() {
    let c = deploy();
    genesis(&c);
    let curator = c.people.curator.address();
    for id in 1..=3u64 {
        assert_eq!(c.vault.sender(curator).owner_of(U256::from(id)).unwrap(), curator);
        assert_eq!(c.collection.sender(curator).owner_of(U256::from(id)).unwrap(), c.vault.address());
        let art = c.vault.sender(curator).artwork(U256::from(id)).unwrap().0;
        assert_eq!(art.0, c.collection.address());
        assert_eq!(art.2, seed(id as u8));
        assert_eq!(c.registry.sender(curator).seed_id_of(seed(id as u8)), U256::from(id));
    }
    assert_eq!(c.token.sender(curator).balance_of(curator), GENESIS_SHARES * U256::from(3));
    assert_eq!(c.token.sender(curator).total_supply(), GENESIS_SHARES * U256::from(3));
    assert_eq!(c.vault.sender(curator).live_stewards(), U256::from(3));
    // Bootstrap is over: another genesis deposit is refused.
    c.collection.sender(curator).mint(curator, U256::from(4)).unwrap();
    let refused = c.vault.sender(curator).deposit(
        c.collection.address(),
        U256::from(4),
        seed(4),
        B256::ZERO,
        B256::ZERO,
        curator,
        String::new().into(),
    );
    assert!(refused.motsu_res().is_err(), "deposit after bootstrap must be refused");
}

/// Buys `n` shares for `who`, paying a little extra, and returns the cost.
fn buy(c: &Collective, who: Address, n: u64) -> U256 {
    let quote = c.token.sender(who).quote_buy(shares(n)).unwrap();
    let paid = quote + U256::from(12_345);
    who.fund(paid);
    let before = who.balance();
    let cost = c.token.sender_and_value(who, paid).buy(shares(n), quote, U256::MAX).expect("buy");
    assert_eq!(cost, quote, "the quote is the price");
    assert_eq!(before - who.balance(), cost, "excess refunded to the wei");
    cost
}

fn bucket_total(c: &Collective) -> U256 {
    let (a, b, d, e) = c.treasury.sender(c.people.stranger.address()).buckets();
    a + b + d + e
}

/// Story 2 — Primary sale: collectors buy at the demand-adjusted price; buying
/// ahead of schedule raises it, a lull lowers it; the treasury's buckets fill by
/// exactly the split.
fn primary_sale(c: &Collective) {
    let (alice, bob) = (c.people.alice.address(), c.people.bob.address());
    let p0 = c.cfg("token", "p0");
    assert_eq!(c.token.sender(alice).spot_price().unwrap(), p0, "opening price is p0");
    let treasury_before = c.treasury.address().balance();
    let cost_a = buy(c, alice, 100);
    let spot_after_rush = c.token.sender(alice).spot_price().unwrap();
    assert!(spot_after_rush > p0, "a day's issuance at once raises the price");
    let cost_b = buy(c, bob, 60);
    let received = c.treasury.address().balance() - treasury_before;
    assert_eq!(received, cost_a + cost_b, "the treasury receives exactly the costs");
    assert_eq!(bucket_total(c), c.treasury.address().balance(), "buckets account for every wei");
    let (_, buyback, acquisition, rewards) = c.treasury.sender(alice).buckets();
    let bps = |k: &str| c.cfg("treasury", k);
    let split = |amount: U256, k: &str| amount * bps(k) / U256::from(10_000);
    assert_eq!(buyback, split(cost_a, "buybackBps") + split(cost_b, "buybackBps"));
    assert_eq!(acquisition, split(cost_a, "acquisitionBps") + split(cost_b, "acquisitionBps"));
    assert_eq!(rewards, split(cost_a, "rewardsBps") + split(cost_b, "rewardsBps"));
    test_clock::advance(3 * DAY);
    assert!(
        c.token.sender(alice).spot_price().unwrap() < spot_after_rush,
        "a lull lets the price decay"
    );
}

#[test]
fn story_2_primary_sale() {
    let c = deploy();
    genesis(&c);
    primary_sale(&c);
}

/// Story 3 — Curation: a small stake held long outranks a larger late stake;
/// rewards stream after an upkeep and are claimed.
fn curation(c: &Collective) {
    let (alice, bob) = (c.people.alice.address(), c.people.bob.address());
    c.registry.sender(alice).stake(U256::from(1), shares(20)).unwrap();
    test_clock::advance(10 * DAY);
    c.registry.sender(bob).stake(U256::from(2), shares(50)).unwrap();
    test_clock::advance(3600);
    let long_held = c.registry.sender(alice).conviction(U256::from(1)).unwrap();
    let late = c.registry.sender(alice).conviction(U256::from(2)).unwrap();
    assert!(long_held > late, "conviction ranks the long-held seed first ({long_held} vs {late})");
    assert_eq!(c.registry.sender(alice).total_staked(), shares(70));
    // Locked in place: the stakers keep their shares (and votes); nothing moved.
    assert_eq!(c.token.sender(alice).locked_balance_of(alice), shares(20));
    assert_eq!(c.token.sender(alice).locked_balance_of(bob), shares(50));
    assert_eq!(c.token.sender(alice).balance_of(c.registry.address()), U256::ZERO);

    // The upkeep streams the rewards bucket to the registry.
    let (_, _, _, rewards) = c.treasury.sender(alice).buckets();
    assert!(rewards > U256::ZERO);
    let (due, _) = c.treasury.sender(alice).check_upkeep(Vec::new().into()).0;
    assert!(due);
    c.treasury.sender(c.people.stranger.address()).perform_upkeep(Vec::new().into()).unwrap();
    assert_eq!(c.registry.address().balance(), rewards, "the rewards bucket reached the registry");
    test_clock::advance(c.cfg("registry", "rewardPeriod").to::<u64>());
    let earned_a = c.registry.sender(alice).earned(alice).unwrap();
    let earned_b = c.registry.sender(bob).earned(bob).unwrap();
    assert!(earned_a > U256::ZERO && earned_b > earned_a, "pro rata to stake");
    assert!(earned_a + earned_b <= rewards, "never more than was streamed");
    let before = alice.balance();
    let paid = c.registry.sender(alice).claim().unwrap();
    assert_eq!(paid, earned_a);
    assert_eq!(alice.balance() - before, paid);
}

#[test]
fn story_3_curation() {
    let c = deploy();
    genesis(&c);
    primary_sale(&c);
    curation(&c);
}

/// Story 4 — Flywheel: an upkeep opens a buyback round, a holder sells into it and
/// the supply falls by exactly the shares burned; the acquirer buys an artwork
/// within the caps, which lands in the vault with no new shares.
fn flywheel(c: &Collective) {
    let (alice, stranger) = (c.people.alice.address(), c.people.stranger.address());
    // Refill the buyback bucket past its minimum, then wait for the next epoch.
    buy(c, c.people.carol.address(), 150);
    test_clock::advance(c.cfg("treasury", "epoch").to::<u64>());
    c.treasury.sender(stranger).perform_upkeep(Vec::new().into()).unwrap();
    let round = c.treasury.sender(alice).buyback_round();
    assert!(round.6, "a buyback round is live");
    test_clock::advance(c.cfg("treasury", "roundDuration").to::<u64>() / 2);
    let bid = c.treasury.sender(alice).current_bid().unwrap();
    assert!(bid > U256::ZERO);
    let supply = c.token.sender(alice).total_supply();
    let before = alice.balance();
    let paid = c.treasury.sender(alice).sell_to_treasury(shares(5), bid, U256::MAX).unwrap();
    assert_eq!(paid, shares(5) * bid / SHARE);
    assert_eq!(alice.balance() - before, paid);
    assert_eq!(c.token.sender(alice).total_supply(), supply - shares(5), "burned exactly");

    // The acquirer buys a new artwork for the collective.
    let seller = c.people.seller.address();
    c.collection.sender(seller).mint(seller, U256::from(77)).unwrap();
    c.collection.sender(seller).approve(c.treasury.address(), U256::from(77)).unwrap();
    let supply = c.token.sender(alice).total_supply();
    let price = ETH / U256::from(100);
    let seller_before = seller.balance();
    let artwork = c
        .treasury
        .sender(c.people.acquirer.address())
        .acquire(
            c.collection.address(),
            U256::from(77),
            seller,
            price,
            seed(77),
            keccak256("model-v1"),
            keccak256("prompt 77"),
            c.people.carol.address(),
            "ipfs://art/77".into(),
            U256::MAX,
        )
        .expect("acquisition within caps");
    assert_eq!(c.collection.sender(alice).owner_of(U256::from(77)).unwrap(), c.vault.address());
    assert_eq!(c.vault.sender(alice).artwork(artwork).unwrap().0.0, c.collection.address());
    assert_eq!(seller.balance() - seller_before, price);
    assert_eq!(c.token.sender(alice).total_supply(), supply, "no new shares");
    // Over the per-artwork cap: refused.
    c.collection.sender(seller).mint(seller, U256::from(78)).unwrap();
    c.collection.sender(seller).approve(c.treasury.address(), U256::from(78)).unwrap();
    let too_dear = c.cfg("treasury", "maxAcquisitionPrice") + U256::from(1);
    assert!(c
        .treasury
        .sender(c.people.acquirer.address())
        .acquire(c.collection.address(), U256::from(78), seller, too_dear, seed(78), B256::ZERO, B256::ZERO, seller, String::new().into(), U256::MAX)
        .motsu_res()
        .is_err());
}

#[test]
fn story_4_flywheel() {
    let c = deploy();
    genesis(&c);
    primary_sale(&c);
    curation(&c);
    flywheel(&c);
}

fn action(k: u8) -> Action {
    (k, Address::ZERO, Address::ZERO, U256::ZERO, U256::ZERO, B256::ZERO, B256::ZERO, String::new().into())
}

/// Proposes, passes (curator and alice vote for) and queues; returns the id.
fn pass(c: &Collective, actions: Vec<Action>, description: &str) -> U256 {
    let (curator, alice) = (c.people.curator.address(), c.people.alice.address());
    let id = c.governor.sender(alice).propose(actions, description.into()).expect("propose");
    assert_eq!(c.governor.sender(alice).state(id).unwrap(), state::PENDING);
    test_clock::advance(c.cfg("governor", "votingDelay").to::<u64>() + 1);
    assert_eq!(c.governor.sender(alice).state(id).unwrap(), state::ACTIVE);
    c.governor.sender(curator).cast_vote(id, 1).unwrap();
    c.governor.sender(alice).cast_vote_with_reason(id, 1, "for the collective".into()).unwrap();
    test_clock::advance(c.cfg("governor", "votingPeriod").to::<u64>());
    assert_eq!(c.governor.sender(alice).state(id).unwrap(), state::SUCCEEDED);
    c.governor.sender(alice).queue(id).unwrap();
    assert_eq!(c.governor.sender(alice).state(id).unwrap(), state::QUEUED);
    id
}

fn execute(c: &Collective, actions: Vec<Action>, description: &str) -> Result<U256, Vec<u8>> {
    test_clock::advance(c.cfg("governor", "timelock").to::<u64>() + 1);
    c.governor
        .sender(c.people.stranger.address())
        .execute(actions, keccak256(description), c.people.alice.address())
        .motsu_res()
        .map_err(Into::into)
}

/// Story 5 — Governance: creative direction and a license pass and execute (the
/// licensee pays, the fee reaches the treasury); stewards veto a release; a
/// parameter outside the target's bounds is refused at execution by the target.
fn governance(c: &Collective) {
    let (curator, alice) = (c.people.curator.address(), c.people.alice.address());
    c.token.sender(curator).delegate(curator).unwrap();
    c.token.sender(alice).delegate(alice).unwrap();
    test_clock::advance(1);

    let mut direction = action(kind::SET_CREATIVE_DIRECTION);
    direction.5 = keccak256("model-v2");
    direction.6 = keccak256("brighter palettes");
    direction.7 = "ipfs://direction/2".into();
    let id = pass(c, vec![direction.clone()], "direction v2");
    execute(c, vec![direction], "direction v2").expect("execute direction");
    assert_eq!(c.governor.sender(alice).state(id).unwrap(), state::EXECUTED);
    let (model, prompt, uri) = c.governor.sender(alice).creative_direction().0;
    assert_eq!((model, prompt, uri.as_str()), (keccak256("model-v2"), keccak256("brighter palettes"), "ipfs://direction/2"));

    let licensee = c.people.licensee.address();
    let fee = ETH / U256::from(20);
    let mut license = action(kind::APPROVE_LICENSE);
    license.2 = licensee;
    license.3 = U256::from(1);
    license.4 = fee;
    license.5 = keccak256("terms v1");
    pass(c, vec![license.clone()], "license 1");
    execute(c, vec![license], "license 1").expect("execute license");
    let license_id = U256::from(1);
    let (artwork, who, terms, price, active) = c.governor.sender(alice).license(license_id).unwrap();
    assert_eq!((artwork, who, terms, price, active), (U256::from(1), licensee, keccak256("terms v1"), fee, false));
    licensee.fund(fee);
    let reserve_before = c.treasury.address().balance();
    c.governor.sender_and_value(licensee, fee).activate_license(license_id).unwrap();
    assert!(c.governor.sender(alice).license(license_id).unwrap().4);
    assert_eq!(c.treasury.address().balance() - reserve_before, fee, "the fee reaches the treasury");

    // A listing approved by governance: the depositor delivers the artwork with
    // safeTransferFrom and receives exactly the listed shares.
    let bob = c.people.bob.address();
    c.collection.sender(bob).mint(bob, U256::from(5)).unwrap();
    let mut listing = action(kind::APPROVE_LISTING);
    listing.1 = c.collection.address();
    listing.2 = bob;
    listing.3 = U256::from(5);
    listing.4 = SHARE * U256::from(40);
    pass(c, vec![listing.clone()], "list 5");
    execute(c, vec![listing], "list 5").expect("execute listing");
    let before = c.token.sender(bob).balance_of(bob);
    c.collection
        .sender(bob)
        .safe_transfer_from_with_data(bob, c.vault.address(), U256::from(5), provenance(c, 5).into())
        .motsu_unwrap();
    assert_eq!(c.token.sender(bob).balance_of(bob) - before, SHARE * U256::from(40));
    assert_eq!(c.collection.sender(bob).owner_of(U256::from(5)).unwrap(), c.vault.address());

    // Stewards veto a release during the timelock: the curator holds three of the
    // four steward tokens (bob holds the listed artwork's); three are a majority.
    let mut release = action(kind::RELEASE_ARTWORK);
    release.2 = c.people.stranger.address();
    release.3 = U256::from(2);
    let vetoed = pass(c, vec![release.clone()], "release 2");
    c.governor.sender(curator).veto(vetoed, U256::from(1)).unwrap();
    assert_eq!(c.governor.sender(alice).state(vetoed).unwrap(), state::QUEUED);
    c.governor.sender(curator).veto(vetoed, U256::from(2)).unwrap();
    assert_eq!(c.governor.sender(alice).state(vetoed).unwrap(), state::QUEUED, "half is not a majority");
    c.governor.sender(curator).veto(vetoed, U256::from(3)).unwrap();
    assert_eq!(c.governor.sender(alice).state(vetoed).unwrap(), state::VETOED);
    assert!(execute(c, vec![release], "release 2").is_err());

    // Out of the token's hard bounds: passes the vote, refused by the target.
    let mut bad = action(kind::SET_PARAMS);
    bad.1 = c.token.address();
    bad.3 = U256::from(params::fraction::DECAY);
    bad.4 = ETH; // k = 1 would never decay
    pass(c, vec![bad.clone()], "k = 1");
    assert!(execute(c, vec![bad], "k = 1").is_err(), "the token refuses k = 1");
    assert_eq!(c.token.sender(alice).param(params::fraction::DECAY).unwrap(), c.cfg("token", "decay"));
}

#[test]
fn story_5_governance() {
    let c = deploy();
    genesis(&c);
    primary_sale(&c);
    governance(&c);
}

/// Story 6 — Exit: the curator redeems an artwork by burning its claim on the
/// supply (here its 1,000 issued shares: a third of 3,000) plus the fee, burned
/// too; the steward NFT is gone.
#[test]
fn story_6_exit() {
    let c = deploy();
    genesis(&c);
    let curator = c.people.curator.address();
    let fee = GENESIS_SHARES * c.cfg("vault", "redeemFeeBps") / U256::from(10_000);
    assert_eq!(c.vault.sender(curator).redemption_cost(U256::from(3)).unwrap(), (GENESIS_SHARES, fee));
    let (supply, balance) =
        (c.token.sender(curator).total_supply(), c.token.sender(curator).balance_of(curator));
    c.vault.sender(curator).redeem(U256::from(3)).expect("redeem");
    assert_eq!(c.token.sender(curator).total_supply(), supply - GENESIS_SHARES - fee, "claim and fee burned");
    assert_eq!(c.token.sender(curator).balance_of(curator), balance - GENESIS_SHARES - fee);
    assert_eq!(c.token.sender(curator).balance_of(c.treasury.address()), U256::ZERO, "no fee shares parked");
    assert_eq!(c.collection.sender(curator).owner_of(U256::from(3)).unwrap(), curator);
    assert!(c.vault.sender(curator).owner_of(U256::from(3)).is_err(), "steward token burned");
    assert_eq!(c.vault.sender(curator).live_stewards(), U256::from(2));
}

/// A holder who registers an artwork's seed before the artwork is deposited cannot
/// block the deposit: the artwork joins the existing seed.
#[test]
fn a_front_run_seed_registration_does_not_block_a_deposit() {
    let c = deploy();
    genesis(&c);
    let alice = c.people.alice.address();
    buy(&c, alice, 20);
    let stake = c.cfg("registry", "minSeedStake");
    let seed_id = c
        .registry
        .sender(alice)
        .register_seed(seed(9), B256::ZERO, B256::ZERO, String::new().into(), stake)
        .motsu_unwrap();
    // A listing approved by governance would normally precede this; the acquisition
    // path reaches the same registration.
    let seller = c.people.seller.address();
    c.collection.sender(seller).mint(seller, U256::from(9)).unwrap();
    c.collection.sender(seller).approve(c.treasury.address(), U256::from(9)).unwrap();
    test_clock::advance(DAY);
    c.treasury.sender(c.people.stranger.address()).perform_upkeep(Vec::new().into()).motsu_unwrap();
    c.treasury
        .sender(c.people.acquirer.address())
        .acquire(c.collection.address(), U256::from(9), seller, ETH / U256::from(1000), seed(9), B256::ZERO, B256::ZERO, seller, String::new().into(), U256::MAX)
        .motsu_unwrap();
    assert_eq!(c.registry.sender(alice).seed_id_of(seed(9)), seed_id);
    assert_eq!(c.registry.sender(alice).seed_count(), U256::from(4));
}

/// While a buyback round is live, the sale never mints below the round's highest
/// possible bid: otherwise, once the sale price decays under the rising bid,
/// minting shares and selling them back (then or at the round's end) would drain
/// the buyback budget.
#[test]
fn minting_to_sell_into_a_buyback_round_never_pays() {
    let c = deploy();
    genesis(&c);
    primary_sale(&c);
    let stranger = c.people.stranger.address();
    c.treasury.sender(stranger).perform_upkeep(Vec::new().into()).motsu_unwrap();
    assert!(c.treasury.sender(stranger).buyback_round().6, "a round is live");
    // Late in a quiet round: the curve has decayed well under the rising bid.
    test_clock::advance(c.cfg("treasury", "roundDuration").to::<u64>() * 9 / 10);
    let (cap_bid, _) = c.treasury.sender(stranger).sale_floor();
    assert!(cap_bid >= c.treasury.sender(stranger).current_bid().unwrap(), "the cap bid is the highest");
    let attacker = c.people.carol.address();
    for n in [1u64, 10, 50] {
        let quote = c.token.sender(attacker).quote_buy(shares(n)).unwrap();
        assert!(quote >= shares(n) * cap_bid / SHARE, "{n} shares quoted under the cap bid");
    }
    let cost = buy(&c, attacker, 10);
    let paid = c.treasury.sender(attacker).sell_to_treasury(shares(10), U256::ZERO, U256::MAX).motsu_unwrap();
    assert!(paid <= cost, "the round trip must not profit: paid {paid} for shares that cost {cost}");
}

/// A proposal is judged by the quorum in force when it was made: lowering the
/// quorum later does not revive a proposal that missed it.
#[test]
fn a_later_quorum_change_does_not_revive_a_defeated_proposal() {
    let c = deploy();
    genesis(&c);
    primary_sale(&c);
    let (curator, alice) = (c.people.curator.address(), c.people.alice.address());
    c.token.sender(curator).delegate(curator).unwrap();
    c.token.sender(alice).delegate(alice).unwrap();
    test_clock::advance(1);
    // Alice alone (100 of 3,160 shares, 3.2%) misses the 4% quorum.
    let mut grant = action(kind::GRANT_EXHIBITION);
    grant.2 = alice;
    grant.3 = U256::from(1);
    grant.4 = U256::from(test_clock::get().unwrap() + 400 * DAY);
    let weak = c.governor.sender(alice).propose(vec![grant], "alice's show".into()).motsu_unwrap();
    test_clock::advance(c.cfg("governor", "votingDelay").to::<u64>() + 1);
    c.governor.sender(alice).cast_vote(weak, 1).motsu_unwrap();
    test_clock::advance(c.cfg("governor", "votingPeriod").to::<u64>());
    assert_eq!(c.governor.sender(alice).state(weak).unwrap(), state::DEFEATED);
    // Governance lowers the quorum to 1%.
    let mut lower = action(kind::SET_PARAMS);
    lower.1 = c.vault.address();
    lower.3 = U256::from(params::vault::QUORUM_BPS);
    lower.4 = U256::from(100);
    pass(&c, vec![lower.clone()], "quorum 1%");
    execute(&c, vec![lower], "quorum 1%").expect("execute quorum change");
    assert_eq!(c.governor.sender(alice).param(params::vault::QUORUM_BPS).unwrap(), U256::from(100));
    assert_eq!(c.governor.sender(alice).state(weak).unwrap(), state::DEFEATED, "still defeated");
}

/// The end-state readings the compiled-WASM suite compares with
/// (`devnet/host/tests/lifecycle.rs`, `MOTSU_END_STATE_4/5`). Prints them:
/// `cargo test -p atelier-tests --test lifecycle end_states -- --ignored --nocapture`.
fn fingerprint(c: &Collective, votes: bool) -> String {
    let p = &c.people;
    let v = p.stranger.address();
    let mut out: Vec<(String, String)> = vec![("supply".into(), c.token.sender(v).total_supply().to_string())];
    let named = [("curator", p.curator.address()), ("alice", p.alice.address()), ("bob", p.bob.address()), ("carol", p.carol.address())];
    for (n, a) in named.iter().copied().chain([("registry", c.registry.address()), ("treasury", c.treasury.address())]) {
        out.push((format!("shares.{n}"), c.token.sender(v).balance_of(a).to_string()));
    }
    for (n, a) in [("treasury", c.treasury.address()), ("registry", c.registry.address()), named[1], named[2], named[3], ("seller", p.seller.address())] {
        out.push((format!("eth.{n}"), a.balance().to_string()));
    }
    let b = c.treasury.sender(v).buckets();
    out.push(("buckets".into(), format!("{} {} {} {}", b.0, b.1, b.2, b.3)));
    let r = c.treasury.sender(v).buyback_round();
    out.push(("round".into(), format!("{} {} {} {} {} {} {}", r.0, r.1, r.2, r.3, r.4, r.5, r.6)));
    let e = c.treasury.sender(v).epoch_state();
    out.push(("epoch".into(), format!("{} {} {} {}", e.0, e.1, e.2, e.3)));
    out.push(("spot".into(), c.token.sender(v).spot_price().unwrap().to_string()));
    out.push(("sold".into(), c.token.sender(v).total_sold().to_string()));
    out.push(("staked".into(), c.registry.sender(v).total_staked().to_string()));
    for id in [1u64, 2] {
        out.push((format!("conviction{id}"), c.registry.sender(v).conviction(U256::from(id)).unwrap().to_string()));
    }
    for (n, a) in [named[1], named[2]] {
        out.push((format!("earned.{n}"), c.registry.sender(v).earned(a).unwrap().to_string()));
    }
    out.push(("rpt".into(), c.registry.sender(v).reward_per_token().unwrap().to_string()));
    out.push(("rate".into(), c.registry.sender(v).reward_rate().to_string()));
    out.push(("finish".into(), c.registry.sender(v).period_finish().unwrap().to_string()));
    out.push(("seeds".into(), c.registry.sender(v).seed_count().to_string()));
    out.push(("stewards".into(), c.vault.sender(v).live_stewards().to_string()));
    out.push(("now".into(), test_clock::get().unwrap().to_string()));
    if votes {
        for (n, a) in [named[0], named[1]] {
            out.push((format!("votes.{n}"), c.token.sender(v).get_votes(a).to_string()));
        }
    }
    out.iter().map(|(k, v)| format!("{k} = {v}")).collect::<Vec<_>>().join("\n")
}

#[test]
#[ignore = "prints the end states the compiled-WASM suite pins"]
fn end_states() {
    let c = deploy();
    genesis(&c);
    primary_sale(&c);
    curation(&c);
    flywheel(&c);
    println!("MOTSU_END_STATE_4:\n{}", fingerprint(&c, false));
    let c = deploy();
    genesis(&c);
    primary_sale(&c);
    governance(&c);
    println!("MOTSU_END_STATE_5:\n{}", fingerprint(&c, true));
}

/// Seed squatting: a holder registers an artwork's seed first with a phishing URI
/// and their own model and prompt; the vault's registration (here an acquisition)
/// must overwrite them (the vault's provenance is authoritative) while the
/// squatter's stake stays theirs. On the old code the registry kept the squatter's
/// record: uri `https://phish.example`, registrant alice.
#[test]
fn a_seed_squatter_cannot_rewrite_an_artworks_provenance() {
    let c = deploy();
    genesis(&c);
    let alice = c.people.alice.address();
    buy(&c, alice, 20);
    let stake = c.cfg("registry", "minSeedStake");
    let seed_id = c
        .registry
        .sender(alice)
        .register_seed(seed(9), keccak256("fake model"), keccak256("fake prompt"), "https://phish.example".into(), stake)
        .motsu_unwrap();
    let seller = c.people.seller.address();
    c.collection.sender(seller).mint(seller, U256::from(9)).unwrap();
    c.collection.sender(seller).approve(c.treasury.address(), U256::from(9)).unwrap();
    test_clock::advance(DAY);
    c.treasury.sender(c.people.stranger.address()).perform_upkeep(Vec::new().into()).motsu_unwrap();
    c.treasury
        .sender(c.people.acquirer.address())
        .acquire(c.collection.address(), U256::from(9), seller, ETH / U256::from(1000), seed(9), keccak256("model-v1"), keccak256("prompt 9"), seller, "ar://art/9".into(), U256::MAX)
        .motsu_unwrap();
    let info = c.registry.sender(alice).seed_info(seed_id).unwrap().0;
    assert_eq!((info.1, info.2, info.3.as_str()), (keccak256("model-v1"), keccak256("prompt 9"), "ar://art/9"));
    assert_eq!(info.4, c.vault.address(), "the vault is the registrant");
    assert_eq!(info.5, stake, "the squatter's stake stays");
    assert_eq!(c.token.sender(alice).locked_balance_of(alice), stake);
}

/// Governance attacks on the deployed configuration (issue 17): proposing and
/// canceling never locks an artwork (one round used to lock it 3 d 1 h; 120 rounds
/// a year); a passed release cannot be raced by a redemption before `queue`; a
/// Succeeded proposal nobody queues expires and frees its artwork; an NFT sent by a
/// plain transferFrom is rescued.
#[test]
fn governance_locks_only_what_can_still_execute() {
    let c = deploy();
    genesis(&c);
    let curator = c.people.curator.address();
    c.token.sender(curator).delegate(curator).unwrap();
    test_clock::advance(1);
    let (delay, period) = (c.cfg("governor", "votingDelay").to::<u64>(), c.cfg("governor", "votingPeriod").to::<u64>());
    let mut release = action(kind::RELEASE_ARTWORK);
    release.2 = c.people.stranger.address();
    release.3 = U256::from(1);
    for round in 0..5 {
        let description = format!("round {round}");
        c.governor.sender(curator).propose(vec![release.clone()], description.clone().into()).motsu_unwrap();
        c.governor.sender(curator).cancel(vec![release.clone()], keccak256(description.as_bytes())).motsu_unwrap();
        assert_eq!(c.vault.sender(curator).artwork(U256::from(1)).unwrap().0.9, U256::ZERO);
    }
    // A passing release locks its artwork through the queue deadline.
    let id = c.governor.sender(curator).propose(vec![release.clone()], "release 1".into()).motsu_unwrap();
    test_clock::advance(delay + 1);
    c.governor.sender(curator).cast_vote(id, 1).motsu_unwrap();
    test_clock::advance(period);
    assert_eq!(c.governor.sender(curator).state(id).unwrap(), state::SUCCEEDED);
    assert!(c.vault.sender(curator).redeem(U256::from(1)).motsu_res().is_err(), "locked between vote end and queue");
    // Nobody queues it: expired after the grace period, and the artwork is free.
    test_clock::advance(c.cfg("governor", "gracePeriod").to::<u64>());
    assert_eq!(c.governor.sender(curator).state(id).unwrap(), state::EXPIRED);
    c.vault.sender(curator).redeem(U256::from(1)).motsu_unwrap();
    assert_eq!(c.collection.sender(curator).owner_of(U256::from(1)).unwrap(), curator);
    // An NFT sent by a plain transferFrom comes back by a RescueToken proposal.
    let stranger = c.people.stranger.address();
    c.collection.sender(stranger).mint(stranger, U256::from(77)).unwrap();
    c.collection.sender(stranger).transfer_from(stranger, c.vault.address(), U256::from(77)).unwrap();
    let mut rescue = action(kind::RESCUE_TOKEN);
    rescue.1 = c.collection.address();
    rescue.2 = stranger;
    rescue.3 = U256::from(77);
    let id = c.governor.sender(curator).propose(vec![rescue.clone()], "rescue 77".into()).motsu_unwrap();
    test_clock::advance(delay + 1);
    c.governor.sender(curator).cast_vote(id, 1).motsu_unwrap();
    test_clock::advance(period);
    c.governor.sender(curator).queue(id).motsu_unwrap();
    test_clock::advance(c.cfg("governor", "timelock").to::<u64>());
    c.governor.sender(stranger).execute(vec![rescue], keccak256("rescue 77"), curator).motsu_unwrap();
    assert_eq!(c.collection.sender(curator).owner_of(U256::from(77)).unwrap(), stranger);
}
