//! Nested calls: value, rollback, return data, reentrancy flag, static and delegate calls.

use super::{ether, fixture, op, slot};
use crate::{Address, B256, U256};

#[test]
fn nested_call_moves_value_and_returns_data() {
    let mut f = fixture();
    let r = f.world.call(f.user, f.a, ether(2), &op::call(f.b, ether(1), &op::load(7)));
    assert!(r.success, "{r:?}");
    assert_eq!(r.output[0], 0, "inner call succeeded");
    assert_eq!(&r.output[1..], B256::ZERO.as_slice());
    assert_eq!(f.world.balance(f.a), ether(1));
    assert_eq!(f.world.balance(f.b), ether(1));
    assert_eq!(f.world.balance(f.user), ether(98));
    assert_eq!(r.meter.calls, 1);
    assert_eq!(r.meter.value_calls, 1);
    assert_eq!(r.meter.frames, 2);
    assert_eq!(r.meter.depth, 1);
}

#[test]
fn failed_inner_call_rolls_back_only_itself() {
    let mut f = fixture();
    let r =
        f.world.call(f.user, f.a, ether(2), &op::call(f.b, ether(1), &op::store_reverting(1, 9)));
    assert!(r.success, "outer call survives");
    assert_eq!(r.output[0], 1, "inner call failed");
    assert_eq!(&r.output[1..], b"nope", "revert data is the return data");
    assert_eq!(f.world.storage(f.b, slot(1)), B256::ZERO);
    assert_eq!(f.world.balance(f.b), U256::ZERO, "value came back");
    assert_eq!(f.world.balance(f.a), ether(2));
}

#[test]
fn outer_revert_rolls_back_inner_success() {
    let mut f = fixture();
    let r =
        f.world.call(f.user, f.a, ether(2), &op::call_then_revert(f.b, ether(1), &op::store(1, 9)));
    assert!(!r.success);
    assert_eq!(f.world.storage(f.b, slot(1)), B256::ZERO);
    assert_eq!(f.world.balance(f.b), U256::ZERO);
    assert_eq!(f.world.balance(f.a), U256::ZERO);
    assert_eq!(f.world.balance(f.user), ether(100));
}

#[test]
fn unaffordable_value_fails_the_call() {
    let mut f = fixture();
    let r = f.world.call(f.user, f.a, U256::ZERO, &op::call(f.b, ether(1), &[]));
    assert!(r.success);
    assert_eq!(r.output[0], 1);
    let poor = f.world.new_account(U256::from(1));
    let r = f.world.call(poor, f.a, U256::from(2), &[]);
    assert!(!r.success, "top-level value over the balance fails");
}

#[test]
fn eth_to_an_account_without_code() {
    let mut f = fixture();
    let wallet = f.world.new_account(U256::ZERO);
    let r = f.world.call(f.user, f.a, ether(3), &op::call(wallet, ether(3), &[]));
    assert!(r.success);
    assert_eq!(r.output[0], 0);
    assert_eq!(f.world.balance(wallet), ether(3));
    let r = f.world.call(f.user, f.a, U256::ZERO, &op::balance(wallet));
    assert_eq!(U256::from_be_slice(&r.output), ether(3));
}

#[test]
fn reentrancy_flag_follows_nitro() {
    let mut f = fixture();
    let direct = f.world.call(f.user, f.a, U256::ZERO, &op::reentrant());
    assert_eq!(&direct.output[..], &[0]);
    // a -> b -> a: the inner frame of `a` is reentrant.
    let inner = op::call(f.a, U256::ZERO, &op::reentrant());
    let r = f.world.call(f.user, f.a, U256::ZERO, &op::call(f.b, U256::ZERO, &inner));
    assert!(r.success, "{r:?}");
    assert_eq!(&r.output[..], &[0, 0, 1], "a: ok, b: ok, a reentrant");
    // a -> b: b is not reentrant.
    let r = f.world.call(f.user, f.a, U256::ZERO, &op::call(f.b, U256::ZERO, &op::reentrant()));
    assert_eq!(&r.output[..], &[0, 0]);
    // a delegate-calls b's code: acting address a has one open non-delegate frame.
    let r = f.world.call(f.user, f.a, U256::ZERO, &op::delegate_call(f.b, &op::reentrant()));
    assert_eq!(&r.output[..], &[0, 0]);
}

#[test]
fn static_calls_refuse_state_changes() {
    let mut f = fixture();
    let r = f.world.call(f.user, f.a, U256::ZERO, &op::static_call(f.b, &op::store(1, 1)));
    assert!(r.success);
    assert_eq!(r.output[0], 1, "write in a static call fails");
    assert_eq!(f.world.storage(f.b, slot(1)), B256::ZERO);
    let r = f.world.call(f.user, f.a, U256::ZERO, &op::static_call(f.b, &op::log(&[], b"x")));
    assert_eq!(r.output[0], 1, "log in a static call fails");
    let r = f.world.call(f.user, f.a, U256::ZERO, &op::static_call(f.b, &op::transient(1, 1)));
    assert_eq!(r.output[0], 1, "transient store in a static call fails");
    // Reads are fine, and the static flag is inherited by nested calls.
    let r = f.world.call(f.user, f.a, U256::ZERO, &op::static_call(f.b, &op::load(1)));
    assert_eq!(r.output[0], 0);
    let nested = op::call(f.a, U256::ZERO, &op::store(2, 2));
    let r = f.world.call(f.user, f.a, U256::ZERO, &op::static_call(f.b, &nested));
    assert_eq!(&r.output[..2], &[0, 1], "b ok, its nested write fails");
    assert_eq!(f.world.storage(f.a, slot(2)), B256::ZERO);
    // Value in a static context fails the call.
    f.world.set_balance(f.b, ether(1));
    let r = f.world.call(
        f.user,
        f.a,
        U256::ZERO,
        &op::static_call(f.b, &op::call(f.a, U256::from(1), &[])),
    );
    assert_eq!(&r.output[..2], &[0, 1]);
    // A top-level static call keeps nothing.
    let r = f.world.static_call(f.user, f.a, &op::store(3, 3));
    assert!(!r.success);
    assert_eq!(f.world.storage(f.a, slot(3)), B256::ZERO);
}

#[test]
fn delegate_call_runs_callee_code_on_caller_state() {
    let mut f = fixture();
    let r = f.world.call(f.user, f.a, U256::from(77), &op::delegate_call(f.b, &op::store(4, 4)));
    assert!(r.success);
    assert_eq!(r.output[0], 0);
    assert_eq!(f.world.storage(f.a, slot(4)), B256::with_last_byte(4));
    assert_eq!(f.world.storage(f.b, slot(4)), B256::ZERO);
    let r = f.world.call(f.user, f.a, U256::from(77), &op::delegate_call(f.b, &op::context()));
    let ctx = &r.output[1..];
    assert_eq!(Address::from_slice(&ctx[..20]), f.user, "msg.sender kept");
    assert_eq!(U256::from_be_slice(&ctx[20..52]), U256::from(77), "msg.value kept");
    assert_eq!(Address::from_slice(&ctx[52..72]), f.a, "contract_address is the caller");
    assert_eq!(f.world.balance(f.b), U256::ZERO, "no value moved to the code's account");
    assert_eq!(r.meter.delegate_calls, 1);
}

#[test]
fn deep_recursion_ends_in_a_failed_call_not_a_crash() {
    // `a` calls itself 1,100 deep. Each frame opens a WASM page; past 128 open pages Nitro's
    // memory price is unbounded, so the innermost call runs out of gas and every level
    // above reports a failed call. The native stack grows as needed (no host crash).
    let mut f = fixture();
    let mut data = op::reentrant();
    for _ in 0..1100 {
        data = op::call(f.a, U256::ZERO, &data);
    }
    let r = f.world.call_with_gas(f.user, f.a, U256::ZERO, &data, 30_000_000);
    assert!(r.success, "{:?}", r.exit);
    assert!((100..=128).contains(&r.meter.depth), "{}", r.meter.depth);
}
