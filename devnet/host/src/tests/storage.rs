//! Storage through Nitro's cache: round trip, flush rules, revert rollback, transient storage.

use super::{fixture, op, slot};
use crate::{Exit, B256, U256};

#[test]
fn storage_round_trip() {
    let mut f = fixture();
    let r = f.world.call(f.user, f.a, U256::ZERO, &op::store(1, 42));
    assert!(r.success, "{r:?}");
    assert_eq!(f.world.storage(f.a, slot(1)), B256::with_last_byte(42));
    assert_eq!(f.world.storage(f.b, slot(1)), B256::ZERO, "storage is per contract");
    let r = f.world.call(f.user, f.a, U256::ZERO, &op::load(1));
    assert!(r.success);
    assert_eq!(&r.output[..], B256::with_last_byte(42).as_slice());
}

#[test]
fn unflushed_writes_are_lost_as_on_nitro() {
    // Nitro's host never flushes on its own; the SDK flushes before calls and on return.
    let mut f = fixture();
    let r = f.world.call(f.user, f.a, U256::ZERO, &op::store_unflushed(1, 42));
    assert!(r.success);
    assert_eq!(f.world.storage(f.a, slot(1)), B256::ZERO);
    assert_eq!(r.meter.storage_cache_writes, 1);
    assert_eq!(r.meter.storage_writes(), 0);
}

#[test]
fn revert_rolls_back_storage_and_value() {
    let mut f = fixture();
    f.world.call(f.user, f.a, U256::ZERO, &op::store(1, 1));
    let before = f.world.balance(f.user);
    let r = f.world.call(f.user, f.a, U256::from(1000), &op::store_reverting(1, 2));
    assert!(!r.success);
    assert_eq!(r.exit, Exit::Reverted);
    assert_eq!(&r.output[..], b"nope");
    assert!(r.logs.is_empty());
    assert_eq!(f.world.storage(f.a, slot(1)), B256::with_last_byte(1));
    assert_eq!(f.world.balance(f.user), before);
    assert_eq!(f.world.balance(f.a), U256::ZERO);
}

#[test]
fn exit_early_returns_or_reverts() {
    let mut f = fixture();
    let ok = f.world.call(f.user, f.a, U256::ZERO, &op::exit_early(0));
    assert!(ok.success, "{ok:?}");
    assert_eq!(&ok.output[..], b"early");
    let bad = f.world.call(f.user, f.a, U256::ZERO, &op::exit_early(1));
    assert!(!bad.success);
    assert_eq!(bad.exit, Exit::Reverted);
    assert_eq!(&bad.output[..], b"early");
}

#[test]
fn transient_storage_is_per_transaction() {
    let mut f = fixture();
    let r = f.world.call(f.user, f.a, U256::ZERO, &op::transient(5, 9));
    assert!(r.success, "{r:?}");
    assert_eq!(&r.output[..], B256::with_last_byte(9).as_slice());
    assert_eq!(r.meter.transient_stores, 1);
    assert_eq!(f.world.storage(f.a, slot(5)), B256::ZERO, "transient is not persistent");
}

#[test]
fn traps_and_bad_pointers_fail_the_call_without_panicking() {
    let mut f = fixture();
    let before = f.world.balance(f.user);
    let r = f.world.call(f.user, f.a, U256::from(5), &op::trap());
    assert!(!r.success);
    assert!(matches!(r.exit, Exit::Failed(_)), "{:?}", r.exit);
    assert_eq!(f.world.balance(f.user), before);
    let r = f.world.call(f.user, f.a, U256::ZERO, &op::bad_pointer());
    assert!(!r.success);
    assert!(matches!(&r.exit, Exit::Failed(why) if why.contains("out of bounds")), "{:?}", r.exit);
}

#[test]
fn runaway_program_runs_out_of_gas() {
    let mut f = fixture();
    let r = f.world.call_with_gas(f.user, f.a, U256::ZERO, &op::spin(), 200_000);
    assert!(!r.success);
    assert_eq!(r.exit, Exit::OutOfGas);
    assert_eq!(r.gas, 200_000);
}

#[test]
fn block_environment_is_visible() {
    let mut f = fixture();
    f.world.set_timestamp(1_800_000_000);
    f.world.advance_time(5);
    let r = f.world.call(f.user, f.a, U256::ZERO, &op::timestamp());
    assert_eq!(u64::from_le_bytes(r.output[..8].try_into().unwrap()), 1_800_000_005);
}
