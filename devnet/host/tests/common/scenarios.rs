//! The measured user actions of the gas report, each in a realistic state, and the
//! scaling worlds (the same actions after 1 or N prior users, seeds and proposals).
//!
//! Every measurement is one top-level transaction's [`Receipt`]: its meter (WASM
//! instructions, host I/O by kind, nested Stylus frames included) and the host's gas
//! *estimate* (intrinsic + execution, Nitro's published prices; see devnet/host/GAS.md).
use alloy_primitives::{keccak256, Address, B256, U256};
use atelier_host::{Meter, Receipt};
use serde_json::Value;

use super::{bindings::*, *};

/// One measured action.
#[derive(Clone, Debug)]
pub struct Measured {
    /// Stable key (the baseline's).
    pub action: String,
    /// The state it was measured in.
    pub setting: String,
    pub meter: Meter,
    /// Estimated transaction gas (intrinsic + execution).
    pub gas: u64,
    /// Estimated execution gas, the programs not cached by ArbOS.
    pub exec_gas: u64,
    /// Estimated execution gas of the same transaction from the same state with the five
    /// programs in ArbOS's program cache (every program entry at the cached price).
    pub exec_gas_cached: u64,
}

/// Collects measurements.
#[derive(Default)]
pub struct Report {
    pub rows: Vec<Measured>,
}

impl Report {
    fn record(
        &mut self,
        action: &str,
        setting: &str,
        r: &Receipt,
        cached: &Receipt,
    ) {
        assert!(
            r.success,
            "{action}: the measured call failed: {}",
            decode_error(&r.output)
        );
        assert!(cached.success, "{action}: fails with the programs cached");
        // Caching changes the entries' price and nothing else.
        let entry_saved = r.meter.init_gas - cached.meter.init_gas;
        assert_eq!(
            Meter { init_gas: 0, ..r.meter },
            Meter { init_gas: 0, ..cached.meter },
            "{action}: cached run did different work"
        );
        assert_eq!(r.exec_gas - cached.exec_gas, entry_saved, "{action}");
        self.rows.push(Measured {
            action: action.into(),
            setting: setting.into(),
            meter: r.meter,
            gas: r.gas,
            exec_gas: r.exec_gas,
            exec_gas_cached: cached.exec_gas,
        });
    }

    /// Records the receipt of `c`'s last transaction, which must have succeeded, and the
    /// same transaction's with the programs cached by ArbOS.
    fn last(&mut self, c: &Collective, action: &str, setting: &str) {
        let r = c.last.as_ref().expect("a transaction was sent").clone();
        let cached = c.last_if_cached();
        self.record(action, setting, &r, &cached);
    }
}


fn ok<T>(r: Result<T, Reverted>, what: &str) -> T {
    r.unwrap_or_else(|e| panic!("{what}: {e:?}"))
}

/// Every action of the report, measured along one realistic life of the collective
/// (clones of the World measure alternatives from the same state).
pub fn measure_all() -> Report {
    let mut rep = Report::default();
    let mut c = deploy();
    c.keep_before_last = true;
    let p = c.people;
    let (curator, alice, bob, carol) = (p.curator, p.alice, p.bob, p.carol);

    // Genesis: the second of three deposits is measured.
    for id in 1..=3u64 {
        c.mint_art(curator, id);
    }
    ok(
        c.send(
            curator,
            c.collection,
            ArtCollection::setApprovalForAllCall {
                operator: c.vault,
                approved: true,
            },
        ),
        "approve all",
    );
    ok(c.genesis_deposit(1), "deposit 1");
    ok(c.genesis_deposit(2), "deposit 2");
    rep.last(
        &c,
        "deposit",
        "genesis deposit (2nd of 3) by the curator; collection is a native mock",
    );
    ok(c.genesis_deposit(3), "deposit 3");
    ok(
        c.send(curator, c.vault, ArtVault::endBootstrapCall {}),
        "end bootstrap",
    );

    // Primary sale and delegation.
    c.buy(alice, 100);
    c.buy(bob, 60);
    c.delegate(curator, curator);
    c.delegate(alice, alice);
    c.delegate(bob, bob);
    rep.last(
        &c,
        "delegate",
        "holder (60 shares) delegates to self, first delegation",
    );
    c.advance(3600);

    // Buys from one state: a returning holder who votes.
    for (n, key) in [(1u64, "buy (1 share)"), (100, "buy (100 shares)")] {
        let mut d = c.clone();
        d.buy(alice, n);
        rep.last(
            &d,
            key,
            "returning delegated holder, sale 1 day ahead of schedule",
        );
    }
    {
        let mut d = c.clone();
        d.buy(carol, 1);
        rep.last(
            &d,
            "buy (1 share, first-time buyer)",
            "new holder, not delegated",
        );
    }
    ok(
        c.send(
            alice,
            c.token,
            FractionToken::transferCall {
                to: bob,
                value: shares(1),
            },
        ),
        "transfer",
    );
    rep.last(
        &c,
        "transfer",
        "between two delegated holders (votes move)",
    );
    c.approve_token(alice, c.registry, U256::MAX);
    rep.last(&c, "approve", "holder approves a spender (first allowance)");

    // Exit, from this state (before any proposal locks the artwork).
    {
        let mut d = c.clone();
        ok(
            d.send(
                curator,
                d.vault,
                ArtVault::redeemCall {
                    artwork_id: U256::from(3),
                },
            ),
            "redeem",
        );
        rep.last(
            &d,
            "redeem",
            "delegated curator redeems a genesis artwork (claim + fee burned)",
        );
    }

    // Curation: the curator backs seed 1, bob seed 2; the first upkeep starts the
    // reward stream (and opens a buyback round).
    c.approve_token(curator, c.registry, U256::MAX);
    c.approve_token(bob, c.registry, U256::MAX);
    ok(
        c.send(
            curator,
            c.registry,
            CurationRegistry::stakeCall {
                seed_id: U256::from(1),
                amount: shares(100),
            },
        ),
        "stake",
    );
    ok(
        c.send(
            bob,
            c.registry,
            CurationRegistry::stakeCall {
                seed_id: U256::from(2),
                amount: shares(30),
            },
        ),
        "stake",
    );
    ok(c.perform_upkeep(), "first upkeep");
    rep.last(
        &c,
        "performUpkeep (first)",
        "first upkeep: streams the rewards bucket, opens a buyback round",
    );
    c.advance(DAY);
    ok(
        c.send(
            alice,
            c.registry,
            CurationRegistry::stakeCall {
                seed_id: U256::from(1),
                amount: shares(20),
            },
        ),
        "stake",
    );
    rep.last(
        &c,
        "stake",
        "first stake of a holder on a backed seed, reward stream running",
    );
    c.advance(c.secs("registry", "cooldown") + 1);
    ok(
        c.send(
            alice,
            c.registry,
            CurationRegistry::unstakeCall {
                seed_id: U256::from(1),
                amount: shares(10),
            },
        ),
        "unstake",
    );
    rep.last(
        &c,
        "unstake",
        "partial unstake after the cooldown, stream running",
    );
    c.advance(DAY);
    ok(
        c.send(alice, c.registry, CurationRegistry::claimCall {}),
        "claim",
    );
    rep.last(
        &c,
        "claim",
        "claim of streamed rewards (ETH to an EOA)",
    );
    {
        let mut d = c.clone();
        let min = d.cfg("registry", "minSeedStake");
        ok(
            d.send(
                alice,
                d.registry,
                CurationRegistry::registerSeedCall::from((
                    seed(40),
                    keccak256("m"),
                    keccak256("p"),
                    "ipfs://seed/40".into(),
                    min,
                )),
            ),
            "register seed",
        );
        rep.last(
            &d,
            "registerSeed",
            "a holder registers a new seed with the minimum stake",
        );
    }

    // Governance: one proposal of each action kind, plus one to veto, passed together.
    let now = c.now();
    c.mint_art(bob, 5);
    let mut all: Vec<(Action, &str)> = Vec::new();
    let mut a = action(kind::SET_CREATIVE_DIRECTION);
    a.5 = keccak256("model-v2");
    a.6 = keccak256("brighter palettes");
    a.7 = "ipfs://direction/2".into();
    all.push((a, "execute (SetCreativeDirection)"));
    let mut a = action(kind::GRANT_EXHIBITION);
    a.2 = carol;
    a.3 = U256::from(1);
    a.4 = U256::from(now + 400 * DAY);
    all.push((a, "execute (GrantExhibition)"));
    let mut a = action(kind::APPROVE_LICENSE);
    a.2 = p.licensee;
    a.3 = U256::from(1);
    a.4 = ETH / U256::from(20);
    a.5 = keccak256("terms v1");
    all.push((a, "execute (ApproveLicense)"));
    let mut a = action(kind::APPROVE_LISTING);
    a.1 = c.collection;
    a.2 = bob;
    a.3 = U256::from(5);
    a.4 = shares(40);
    all.push((a, "execute (ApproveListing)"));
    let mut a = action(kind::SET_PARAMS);
    a.1 = c.registry;
    a.3 = U256::from(params::curation::MIN_SEED_STAKE);
    a.4 = shares(5);
    all.push((a, "execute (SetParams)"));
    let mut a = action(kind::RELEASE_ARTWORK);
    a.2 = p.stranger;
    a.3 = U256::from(2);
    all.push((a, "execute (ReleaseArtwork)"));
    let mut a = action(kind::WITHDRAW_RESERVE);
    a.2 = p.stranger;
    a.4 = ETH / U256::from(1000);
    all.push((a, "execute (WithdrawReserve)"));
    let mut veto_me = action(kind::RELEASE_ARTWORK);
    veto_me.2 = p.stranger;
    veto_me.3 = U256::from(3);

    let mut ids = Vec::new();
    for (i, (a, key)) in all.iter().enumerate() {
        let id = ok(c.propose(alice, std::slice::from_ref(a), key), "propose");
        if i == 0 {
            rep.last(
                &c,
                "propose",
                "one action (SetCreativeDirection) by a delegated holder over the threshold",
            );
        }
        ids.push(id);
    }
    let vetoed = ok(c.propose(alice, &[veto_me.clone()], "release 3"), "propose");
    c.advance(c.secs("governor", "votingDelay") + 1);
    for (i, &id) in ids.iter().chain([&vetoed]).enumerate() {
        ok(c.cast_vote(curator, id, 1), "vote");
        ok(c.cast_vote(alice, id, 1), "vote");
        if i == 0 {
            ok(c.cast_vote(bob, id, 1), "vote");
            rep.last(
                &c,
                "castVote",
                "third vote (for) by a delegated holder on an active proposal",
            );
        }
    }
    c.advance(c.secs("governor", "votingPeriod"));
    for (i, &id) in ids.iter().chain([&vetoed]).enumerate() {
        ok(
            c.send(
                alice,
                c.governor,
                ArtGovernor::queueCall { proposal_id: id },
            ),
            "queue",
        );
        if i == 0 {
            rep.last(&c, "queue", "a succeeded proposal");
        }
    }
    ok(
        c.send(
            curator,
            c.governor,
            ArtGovernor::vetoCall {
                proposal_id: vetoed,
                steward_token_id: U256::from(1),
            },
        ),
        "veto",
    );
    rep.last(&c, "veto", "first steward veto of a queued proposal");
    c.advance(c.secs("governor", "timelock") + 1);
    for (a, key) in &all {
        ok(c.execute_now(std::slice::from_ref(a), key), key);
        rep.last(
            &c,
            key,
            "queued proposal of one action, after the timelock",
        );
    }
    let fee = ETH / U256::from(20);
    c.fund(p.licensee, fee);
    ok(
        c.send_value(
            p.licensee,
            c.governor,
            fee,
            ArtGovernor::activateLicenseCall {
                license_id: U256::from(1),
            },
        ),
        "activate",
    );
    rep.last(
        &c,
        "activateLicense",
        "licensee pays an approved license's fee (to the treasury)",
    );
    ok(
        c.send(
            bob,
            c.collection,
            ArtCollection::safeTransferFrom_1Call {
                from: bob,
                to: c.vault,
                tokenId: U256::from(5),
                data: c.provenance(5).into(),
            },
        ),
        "listing delivery",
    );
    rep.last(
        &c,
        "deposit (listing)",
        "approved listing delivered by safeTransferFrom (collection is a native mock)",
    );

    // The flywheel: a full upkeep an epoch later, a sale into the round, an acquisition.
    c.buy(carol, 150);
    c.advance(c.secs("treasury", "epoch"));
    ok(c.perform_upkeep(), "upkeep");
    rep.last(
        &c,
        "performUpkeep",
        "epoch upkeep: closes the ended round, streams rewards, opens a new round",
    );
    c.advance(c.secs("treasury", "roundDuration") / 2);
    c.approve_token(alice, c.treasury, shares(5));
    ok(
        c.send(
            alice,
            c.treasury,
            Treasury::sellToTreasuryCall {
                shares: shares(5),
                min_price: U256::ZERO,
                deadline: U256::MAX,
            },
        ),
        "sell",
    );
    rep.last(
        &c,
        "sellToTreasury",
        "a delegated holder sells 5 shares into a live round (burn, ETH out)",
    );
    let seller = p.seller;
    c.mint_art(seller, 77);
    ok(
        c.send(
            seller,
            c.collection,
            ArtCollection::approveCall {
                to: c.treasury,
                tokenId: U256::from(77),
            },
        ),
        "approve 77",
    );
    ok(
        c.send(
            p.acquirer,
            c.treasury,
            Treasury::acquireCall::from((
                c.collection,
                U256::from(77),
                seller,
                ETH / U256::from(100),
                seed(77),
                keccak256("model-v1"),
                keccak256("prompt 77"),
                carol,
                "ipfs://art/77".into(),
                U256::MAX,
            )),
        ),
        "acquire",
    );
    rep.last(
        &c,
        "acquire",
        "acquirer buys an artwork: pull, record, register its seed, pay the seller",
    );
    rep
}

/// The actions the scaling check compares (in the order measured).
pub const SCALED: [&str; 9] = [
    "buy",
    "transfer",
    "stake",
    "castVote",
    "performUpkeep",
    "claim",
    "unstake",
    "sellToTreasury",
    "propose",
];

/// The scaling world: a collective where, before the measured actions, `prior`
/// users bought shares, `prior` seeds were registered and `prior` proposals made —
/// with every aggregate the measured actions read (total sold, supply, buckets, total
/// staked, the measured accounts, seed and proposal) the same for every `prior`, so
/// equal counts mean no work grows with the number of users, seeds or proposals.
///
/// `scale` fixes the aggregates: `scale` purchases of 0.01 share spread over `prior`
/// buyers, `scale` × `minSeedStake` staked over `prior` seeds. The registry's
/// `minSeedStake` is lowered to 0.001 share (inside its bounds) so 10,000 seeds fit
/// in a realistic supply. Returns the receipts of the measured actions ([`SCALED`]).
pub fn scaling_world(prior: usize, scale: usize) -> Measurements {
    assert!(prior >= 1 && prior <= scale && scale.is_multiple_of(prior));
    let mut config: Value = serde_json::from_str(CONFIG).unwrap();
    let min_stake = U256::from(1_000_000_000_000_000u64); // 0.001 share
    config["registry"]["minSeedStake"] = Value::String(min_stake.to_string());
    let mut c = deploy_with(config);
    let p = c.people;
    let (curator, alice, bob) = (p.curator, p.alice, p.bob);
    for id in 1..=3u64 {
        c.mint_art(curator, id);
    }
    ok(
        c.send(
            curator,
            c.collection,
            ArtCollection::setApprovalForAllCall {
                operator: c.vault,
                approved: true,
            },
        ),
        "approve all",
    );
    for id in 1..=3u8 {
        ok(c.genesis_deposit(id), "deposit");
    }
    ok(
        c.send(curator, c.vault, ArtVault::endBootstrapCall {}),
        "end bootstrap",
    );
    c.buy(alice, 100);
    c.buy(bob, 60);
    c.delegate(curator, curator);
    c.delegate(alice, alice);
    c.delegate(bob, bob);
    c.approve_token(alice, c.registry, U256::MAX);
    c.advance(60);
    // The proposal that will be voted on, made before the prior ones.
    let mut a = action(kind::SET_CREATIVE_DIRECTION);
    a.5 = keccak256("model-v2");
    let voted = ok(c.propose(alice, &[a], "the measured proposal"), "propose");

    // Prior activity, all in one block. The same `scale` purchases in every world (so
    // the sale and the buckets match), made by `prior` users.
    let unit = U256::from(10_000_000_000_000_000u64); // 0.01 share
    let buyers: Vec<Address> = (0..prior).map(|_| c.new_person()).collect();
    for i in 0..scale {
        buy_quiet(&mut c, buyers[i % prior], unit);
    }
    // `prior` seeds holding `scale` minimum stakes in all, by one registrant.
    let seeder = c.new_person();
    let total = min_stake * U256::from(scale as u64);
    buy_quiet(&mut c, seeder, total);
    ok(
        c.send(
            seeder,
            c.token,
            FractionToken::approveCall {
                spender: c.registry,
                value: U256::MAX,
            },
        ),
        "approve",
    );
    let each = total / U256::from(prior as u64);
    for i in 0..prior {
        register(&mut c, seeder, i as u64, each);
    }
    // `prior` proposals by alice.
    for i in 0..prior {
        let mut a = action(kind::SET_CREATIVE_DIRECTION);
        a.5 = keccak256(format!("prior {i}"));
        ok(
            c.propose(alice, &[a], &format!("prior proposal {i}")),
            "prior propose",
        );
    }

    // The measured actions, identical in every world.
    c.advance(c.secs("governor", "votingDelay") + 1);
    let mut out = Vec::new();
    let quote = c.quote_buy(shares(1));
    c.fund(alice, quote);
    ok(
        c.send_value(
            alice,
            c.token,
            quote,
            FractionToken::buyCall {
                shares: shares(1),
                max_cost: quote,
                deadline: U256::MAX,
            },
        ),
        "buy",
    );
    out.push(("buy", c.last.clone().unwrap()));
    ok(
        c.send(
            alice,
            c.token,
            FractionToken::transferCall {
                to: bob,
                value: shares(1),
            },
        ),
        "transfer",
    );
    out.push(("transfer", c.last.clone().unwrap()));
    ok(
        c.send(
            alice,
            c.registry,
            CurationRegistry::stakeCall {
                seed_id: U256::from(1),
                amount: shares(20),
            },
        ),
        "stake",
    );
    out.push(("stake", c.last.clone().unwrap()));
    ok(c.cast_vote(bob, voted, 1), "castVote");
    out.push(("castVote", c.last.clone().unwrap()));
    ok(c.perform_upkeep(), "performUpkeep");
    out.push(("performUpkeep", c.last.clone().unwrap()));
    c.advance(c.secs("registry", "cooldown") + 1);
    ok(
        c.send(alice, c.registry, CurationRegistry::claimCall {}),
        "claim",
    );
    out.push(("claim", c.last.clone().unwrap()));
    ok(
        c.send(
            alice,
            c.registry,
            CurationRegistry::unstakeCall {
                seed_id: U256::from(1),
                amount: shares(10),
            },
        ),
        "unstake",
    );
    out.push(("unstake", c.last.clone().unwrap()));
    c.approve_token(alice, c.treasury, shares(1));
    ok(
        c.send(
            alice,
            c.treasury,
            Treasury::sellToTreasuryCall {
                shares: shares(1),
                min_price: U256::ZERO,
                deadline: U256::MAX,
            },
        ),
        "sellToTreasury",
    );
    out.push(("sellToTreasury", c.last.clone().unwrap()));
    let mut a = action(kind::SET_CREATIVE_DIRECTION);
    a.5 = keccak256("model-v3");
    ok(c.propose(alice, &[a], "the measured proposal 2"), "propose");
    out.push(("propose", c.last.clone().unwrap()));
    out
}

/// How many prior users/seeds/proposals the scaling check uses: `ATELIER_SCALE`, else
/// `default`.
pub fn scale_from_env(default: usize) -> usize {
    std::env::var("ATELIER_SCALE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Receipts of measured actions, by name.
pub type Measurements = Vec<(&'static str, Receipt)>;

/// The scaling worlds with 1 and `scale` prior users/seeds/proposals, built in two
/// threads; returns their measured receipts.
pub fn scaling_pair(scale: usize) -> (Measurements, Measurements) {
    std::thread::scope(|s| {
        let many = s.spawn(|| scaling_world(scale, scale));
        let one = scaling_world(1, scale);
        (one, many.join().expect("the scaling world panicked"))
    })
}

/// A purchase of `amount` units at the quote, without the refund assertions.
fn buy_quiet(c: &mut Collective, who: Address, amount: U256) {
    let quote = c.quote_buy(amount);
    c.fund(who, quote);
    ok(
        c.send_value(
            who,
            c.token,
            quote,
            FractionToken::buyCall {
                shares: amount,
                max_cost: quote,
                deadline: U256::MAX,
            },
        ),
        "prior buy",
    );
}

fn register(c: &mut Collective, who: Address, i: u64, stake: U256) {
    let s: B256 = keccak256(format!("prior seed {i}"));
    ok(
        c.send(
            who,
            c.registry,
            CurationRegistry::registerSeedCall::from((
                s,
                B256::ZERO,
                B256::ZERO,
                String::new(),
                stake,
            )),
        ),
        "prior seed",
    );
}

/// The counts the scaling check compares: everything in the meter and the estimate.
pub fn counts(r: &Receipt) -> (Meter, u64) {
    (r.meter, r.gas)
}
