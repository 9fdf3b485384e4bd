//! The keeper's demand model on two event series in eth_getLogs JSON of
//! `SharesBought` (the format `atelier keeper --record` writes):
//! `tests/fixtures/devnet-sales.json`, recorded from the real contracts on the dev
//! chain, and `tests/fixtures/vrgda-sales.json`, the same plan computed from the
//! price formula (exact, for exact assertions).
use alloy::{
    primitives::{address, keccak256, Address, LogData, U256},
    rpc::types::Log,
    sol_types::{SolEvent, SolValue},
};

use crate::{
    bindings::FractionToken,
    keeper::{
        model::{self, demand, evaluate, from_wad, step_toward, to_wad, Chain, Memory, Sale, Settings},
        sales_from_logs,
    },
    util::UNIT,
};

const FIXTURE: &str = include_str!("../../tests/fixtures/vrgda-sales.json");
const RECORDED: &str = include_str!("../../tests/fixtures/devnet-sales.json");
/// The recorded collective's sale start (its FractionToken.initialize block time).
const RECORDED_T0: u64 = 1_795_587_036;
/// The fixture's sale start (2026-01-01 00:00 UTC).
const T0: u64 = 1_767_225_600;
const H: u64 = 3600;

fn wad(x: f64) -> U256 {
    to_wad(x)
}

fn sales() -> Vec<Sale> {
    let logs: Vec<Log> = serde_json::from_str(FIXTURE).expect("the fixture is eth_getLogs JSON");
    sales_from_logs(&logs, |l| l.block_timestamp, &mut 1.0)
}

fn chain(now: u64, premium: f64, updated_at: u64) -> Chain {
    Chain {
        now,
        target_rate: 100.0,
        sale_start: T0,
        premium: wad(premium),
        premium_min: wad(0.5),
        premium_max: wad(2.0),
        premium_max_step: wad(0.1),
        premium_interval: 3600,
        premium_updated_at: updated_at,
    }
}

/// The model's memory after every recorded price up to `now`.
fn memory(sales: &[Sale], now: u64) -> Memory {
    let mut m = Memory::default();
    for s in sales.iter().filter(|s| s.timestamp <= now) {
        m.observe(s.spot_after, Settings::default().lambda);
    }
    m
}

fn run(now: u64, premium: f64, updated_at: u64) -> model::Signal {
    let s = sales();
    evaluate(&chain(now, premium, updated_at), &Settings::default(), &memory(&s, now), &s)
}

#[test]
fn the_fixture_decodes() {
    let s = sales();
    assert_eq!(s.len(), 43);
    assert!(s.windows(2).all(|w| w[0].timestamp < w[1].timestamp));
    assert!((s[0].spot_after - 0.01).abs() < 1e-9, "on schedule the spot is p0: {}", s[0].spot_after);
    assert_eq!(s.iter().map(|x| x.shares).sum::<f64>(), 415.0);
}

#[test]
fn on_schedule_the_premium_holds() {
    let sig = run(T0 + 24 * H, 1.0, 0);
    assert!((sig.velocity - 1.0).abs() < 1e-9, "{sig:?}");
    assert!(sig.demand.abs() < 1e-9);
    assert!(sig.sigma < 1e-6, "no price moves on schedule: {}", sig.sigma);
    assert_eq!(sig.proposal, None, "{}", sig.reason);
    assert!(sig.reason.starts_with("hold"));
}

#[test]
fn a_rush_raises_the_premium_by_at_most_one_step() {
    let sig = run(T0 + 36 * H, 1.0, 0);
    assert_eq!(sig.sold, 350.0);
    assert!((sig.velocity - 3.5).abs() < 1e-9);
    assert_eq!(sig.demand, 1.0);
    assert!(sig.sigma > 0.01, "the rush moves the price: {}", sig.sigma);
    assert!(sig.target_premium > 1.25);
    assert_eq!(sig.proposal, Some(wad(1.1)), "{}", sig.reason);
    // The rush is more volatile than the schedule.
    assert!(memory(&sales(), T0 + 36 * H).sigma() > memory(&sales(), T0 + 24 * H).sigma());
}

#[test]
fn a_lull_lowers_it_and_the_interval_and_bounds_hold() {
    let sig = run(T0 + 96 * H, 1.1, T0 + 36 * H);
    assert_eq!(sig.sold, 5.0);
    assert_eq!(sig.demand, -1.0);
    assert_eq!(sig.proposal, Some(wad(1.0)), "{}", sig.reason);
    // Too soon after the last update: hold.
    let sig = run(T0 + 36 * H + 600, 1.1, T0 + 36 * H);
    assert_eq!(sig.proposal, None);
    assert!(sig.reason.contains("next premium update"), "{}", sig.reason);
    // At the bounds: nothing left to move (the lull's target x0.81 is under a 0.9 floor).
    let s = sales();
    let mut c = chain(T0 + 96 * H, 0.9, 0);
    c.premium_min = wad(0.9);
    let sig = evaluate(&c, &Settings::default(), &memory(&s, c.now), &s);
    assert!(sig.target_premium < 0.9 && sig.proposal.is_none(), "{sig:?}");
    // From the floor of the default box the lull's target (x0.81) is a step up.
    assert_eq!(run(T0 + 96 * H, 0.5, 0).proposal, Some(wad(0.6)));
    let mut c = chain(T0 + 36 * H, 1.2, 0);
    c.premium_max = wad(1.2);
    let sig = evaluate(&c, &Settings::default(), &memory(&s, c.now), &s);
    assert!(sig.target_premium > 1.2 && sig.proposal.is_none(), "{sig:?}");
    // Above its target the premium comes down even in a rush.
    assert_eq!(run(T0 + 36 * H, 2.0, 0).proposal, Some(wad(1.9)));
    // Before the sale starts there is no signal.
    let sig = run(T0 - 10, 1.0, 0);
    assert_eq!((sig.window, sig.proposal), (0, None));
}

#[test]
fn the_pieces() {
    assert_eq!(demand(1.0), 0.0);
    assert_eq!(demand(2.0), 1.0);
    assert_eq!(demand(8.0), 1.0);
    assert_eq!(demand(0.0), -1.0);
    assert!((demand(1.5) - 1.5f64.log2()).abs() < 1e-12);
    assert_eq!(to_wad(1.0), UNIT);
    assert_eq!(to_wad(1.1), U256::from(1_100_000_000_000_000_000u128));
    assert_eq!(to_wad(-3.0), U256::ZERO);
    assert_eq!(to_wad(f64::NAN), U256::ZERO);
    assert!((from_wad(wad(1.2345)) - 1.2345).abs() < 1e-12);
    let (min, max, step) = (wad(0.5), wad(2.0), wad(0.1));
    assert_eq!(step_toward(wad(1.0), wad(1.5), min, max, step), wad(1.1));
    assert_eq!(step_toward(wad(1.0), wad(1.05), min, max, step), wad(1.05));
    assert_eq!(step_toward(wad(0.55), wad(0.1), min, max, step), wad(0.5));
    assert_eq!(step_toward(wad(1.95), wad(3.0), min, max, step), wad(2.0));
    let mut m = Memory::default();
    m.observe(1.0, 0.94);
    m.observe(f64::NAN, 0.94);
    m.observe(-1.0, 0.94);
    assert_eq!(m.sigma2, 0.0);
    m.observe(2.0, 0.94);
    assert!((m.sigma2 - 0.06 * 2f64.ln().powi(2)).abs() < 1e-12);
}

/// The recorded series: `atelier deploy` on a fresh dev chain, then `atelier buy`
/// with `evm_increaseTime` between buys following the plan below (10 × 10 shares
/// every 2.4 h, 30 × 10 every 24 min, 5 at +12 h, +24 h, +48 h), then
/// `atelier keeper --once --dry-run --record`. Block times drift by a few seconds
/// a transaction; the checkpoints are the recorded sales themselves.
#[test]
fn the_recorded_series_gives_the_same_decisions() {
    let logs: Vec<Log> = serde_json::from_str(RECORDED).expect("eth_getLogs JSON");
    let s = sales_from_logs(&logs, |l| l.block_timestamp, &mut 1.0);
    assert_eq!(s.len(), 43);
    assert_eq!(s.iter().map(|x| x.shares).sum::<f64>(), 415.0);
    let at = |now: u64, premium: f64, updated: u64| {
        let mut c = chain(now, premium, updated);
        c.sale_start = RECORDED_T0;
        evaluate(&c, &Settings::default(), &memory(&s, now), &s)
    };
    // End of the day on schedule: velocity 1, nothing to do.
    let day = at(s[9].timestamp, 1.0, 0);
    assert!((day.velocity - 1.0).abs() < 0.01, "{day:?}");
    assert_eq!(day.proposal, None, "{}", day.reason);
    // End of the rush: one step up.
    let rush = at(s[39].timestamp, 1.0, 0);
    assert!((rush.velocity - 3.5).abs() < 0.01, "{rush:?}");
    assert!(rush.sigma > day.sigma);
    assert_eq!(rush.proposal, Some(wad(1.1)));
    // The lull: one step down, once the interval has passed.
    let lull = at(s[42].timestamp + 600, 1.1, s[39].timestamp);
    assert_eq!((lull.sold, lull.demand), (5.0, -1.0));
    assert_eq!(lull.proposal, Some(wad(1.0)));
    // The real chain's prices agree with the formula's to a few percent.
    let computed = sales();
    for (r, c) in s.iter().zip(&computed) {
        assert!((r.spot_after / c.spot_after - 1.0).abs() < 0.05, "{r:?} vs {c:?}");
    }
}

/// Regenerates the computed series: `cargo test -p atelier-cli -- --ignored write_sales_fixture`.
/// The series follows FractionToken's price formula with deploy/collective.json's
/// parameters (p0 0.01 ETH, k 0.2, 100 shares a day, premium 1): a day on
/// schedule (10 shares every 2.4 h), a 12-hour rush (10 shares every 24 min),
/// then a lull (5 shares at 48 h, 60 h and 84 h).
#[test]
#[ignore]
fn write_sales_fixture() {
    let (p0, lambda, rate) = (0.01f64, -(0.8f64.ln()), 100.0f64);
    let mut plan: Vec<(u64, f64)> = (1..=10).map(|i| (i * 8640, 10.0)).collect();
    plan.extend((1..=30).map(|i| (86_400 + i * 1440, 10.0)));
    plan.extend([(48 * H, 5.0), (60 * H, 5.0), (84 * H, 5.0)]);
    let token: Address = address!("00000000000000000000000000000000000000a1");
    let buyer: Address = address!("70997970C51812dc3A010C7d01b50e0d17dc79C8");
    let mut sold = 0.0;
    let mut logs = Vec::new();
    for (i, (t, n)) in plan.into_iter().enumerate() {
        let days = t as f64 / 86_400.0;
        let e = |s: f64| (lambda * (s / rate - days)).exp();
        let cost = p0 * rate / lambda * (e(sold + n) - e(sold));
        sold += n;
        let spot = p0 * e(sold);
        let data = (to_wad(n), to_wad(cost), to_wad(spot)).abi_encode_params();
        let inner = alloy::primitives::Log {
            address: token,
            data: LogData::new_unchecked(vec![FractionToken::SharesBought::SIGNATURE_HASH, buyer.into_word()], data.into()),
        };
        logs.push(Log {
            inner,
            block_hash: Some(keccak256(format!("block {i}"))),
            block_number: Some(100 + i as u64),
            block_timestamp: Some(T0 + t),
            transaction_hash: Some(keccak256(format!("tx {i}"))),
            transaction_index: Some(0),
            log_index: Some(0),
            removed: false,
        });
    }
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/vrgda-sales.json");
    std::fs::write(path, serde_json::to_string_pretty(&logs).unwrap() + "\n").unwrap();
}

#[test]
fn the_premium_in_force_is_divided_out() {
    let token: Address = address!("00000000000000000000000000000000000000a1");
    let log = |topics: Vec<alloy::primitives::B256>, data: Vec<u8>, t: u64| Log {
        inner: alloy::primitives::Log { address: token, data: LogData::new_unchecked(topics, data.into()) },
        block_timestamp: Some(t),
        ..Default::default()
    };
    let buyer = address!("70997970C51812dc3A010C7d01b50e0d17dc79C8").into_word();
    let bought = |spot: f64, t: u64| log(vec![FractionToken::SharesBought::SIGNATURE_HASH, buyer], (to_wad(1.0), to_wad(spot), to_wad(spot)).abi_encode_params(), t);
    let premium_set = |old: f64, new: f64, t: u64| log(vec![FractionToken::PremiumSet::SIGNATURE_HASH], (to_wad(old), to_wad(new)).abi_encode_params(), t);
    // The curve stays put; only the premium doubles the quoted price.
    let logs = vec![bought(0.01, 1), premium_set(1.0, 2.0, 2), bought(0.02, 3)];
    let mut premium = 1.0;
    let s = sales_from_logs(&logs, |l| l.block_timestamp, &mut premium);
    assert_eq!(premium, 2.0);
    assert_eq!(s.len(), 2);
    assert!((s[0].spot_after - s[1].spot_after).abs() < 1e-12, "{s:?}");
    let mut m = Memory::default();
    for x in &s {
        m.observe(x.spot_after, 0.94);
    }
    assert!(m.sigma() < 1e-9, "no volatility from the premium itself");
    // An empty window sums to +0, not -0.
    let sig = evaluate(&chain(T0 + 200 * H, 1.0, 0), &Settings::default(), &Memory::default(), &[]);
    assert!(sig.sold == 0.0 && sig.sold.is_sign_positive());
}
