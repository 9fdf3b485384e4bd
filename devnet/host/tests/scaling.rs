//! Scaling check: no user action does more work as the collective grows. The same
//! actions (buy, transfer, stake, castVote, performUpkeep, claim, unstake,
//! sellToTreasury, propose) are measured after 1 and after N prior users, seeds and
//! proposals (N = `ATELIER_SCALE`, default 300; 10,000 in `scripts/gas-report --check`),
//! with every aggregate they read equal; their meters (WASM instructions, storage reads
//! and writes by kind, calls, logs, keccaks, memory) and gas estimates must be identical.
mod common;

use common::scenarios::{scale_from_env, scaling_pair, SCALED};

/// Prior users/seeds/proposals when `ATELIER_SCALE` is not set: small enough for an
/// unoptimized `cargo test` (about 30 s here). `scripts/gas-report --check` runs the
/// same check with 10,000 on an optimized build (about 1.5 minutes here).
const DEFAULT_SCALE: usize = 300;

#[test]
fn action_costs_do_not_grow_with_users_seeds_or_proposals() {
    let scale = scale_from_env(DEFAULT_SCALE);
    let started = std::time::Instant::now();
    let (one, many) = scaling_pair(scale);
    eprintln!(
        "scaling worlds (1 and {scale} prior) built and measured in {:.1?}",
        started.elapsed()
    );
    assert_eq!(one.iter().map(|(k, _)| *k).collect::<Vec<_>>(), SCALED);
    let mut differ = Vec::new();
    for ((action, a), (_, b)) in one.iter().zip(&many) {
        eprintln!(
            "{action:>14}: {:>9} instructions, {:>2} cold + {:>2} warm reads, {:>2} writes, {:>2} calls, ~{} gas | with {scale} prior: {} instructions, ~{} gas",
            a.meter.instructions,
            a.meter.storage_reads_cold,
            a.meter.storage_reads_warm,
            a.meter.storage_writes(),
            a.meter.nested_calls(),
            a.gas,
            b.meter.instructions,
            b.gas
        );
        if a.meter != b.meter || a.gas != b.gas {
            differ.push(format!(
                "{action}:\n  1 prior:  {:?} gas {}\n  {scale} prior: {:?} gas {}",
                a.meter, a.gas, b.meter, b.gas
            ));
        }
    }
    assert!(
        differ.is_empty(),
        "counts differ with the collective's size:\n{}",
        differ.join("\n")
    );
}
