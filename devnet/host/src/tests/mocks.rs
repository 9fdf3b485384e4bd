//! Native mock contracts: calls into them, calls back out of them, ETH-receiving wallets,
//! journaled mock storage.

use std::rc::Rc;

use super::{ether, fixture, op};
use crate::{NativeCtx, NativeResult, B256, U256};

/// Calls its caller back with its own calldata and returns the answer: like an ERC-721
/// collection's `safeTransferFrom` calling `onERC721Received` on the receiver.
fn echo_back(ctx: &mut NativeCtx<'_>) -> NativeResult {
    let (caller, input) = (ctx.caller(), ctx.input().to_vec());
    ctx.call(caller, U256::ZERO, &input)
}

#[test]
fn mock_calls_back_into_a_program() {
    let mut f = fixture();
    let mock = f.world.add_native(Rc::new(echo_back));
    // a -> mock -> a: the second frame of `a` is reentrant.
    let r = f.world.call(f.user, f.a, U256::ZERO, &op::call(mock, U256::ZERO, &op::reentrant()));
    assert!(r.success, "{r:?}");
    assert_eq!(&r.output[..], &[0, 1]);
    assert_eq!(r.meter.frames, 2, "both program frames metered through the mock");
    // The program's work behind the mock is paid by the transaction.
    let direct = f.world.call(f.user, f.a, U256::ZERO, &op::reentrant());
    assert!(r.exec_gas > direct.exec_gas, "{} <= {}", r.exec_gas, direct.exec_gas);
    // a -> mock -> a -> mock -> a: the mock is re-entered while it is running.
    let inner = op::call(mock, U256::ZERO, &op::reentrant());
    let r = f.world.call(f.user, f.a, U256::ZERO, &op::call(mock, U256::ZERO, &inner));
    assert_eq!(&r.output[..], &[0, 0, 1], "mocks add no status byte");
}

#[test]
fn wallets_accept_or_refuse_eth_with_rollback() {
    let mut f = fixture();
    let refusing = f.world.add_native(Rc::new(|_: &mut NativeCtx<'_>| Err(b"no thanks".to_vec())));
    let counting = f.world.add_native(Rc::new(|ctx: &mut NativeCtx<'_>| {
        let key = B256::ZERO;
        let n = U256::from_be_bytes(ctx.sload(key).0) + U256::from(1);
        ctx.sstore(key, B256::from(n))?;
        ctx.emit(vec![B256::with_last_byte(0xee)], ctx.value().to_be_bytes::<32>().to_vec())?;
        Ok(Vec::new())
    }));
    f.world.set_balance(f.a, ether(5));

    let r = f.world.call(f.user, f.a, U256::ZERO, &op::call(refusing, ether(1), &[]));
    assert!(r.success);
    assert_eq!(r.output[0], 1);
    assert_eq!(&r.output[1..], b"no thanks");
    assert_eq!(f.world.balance(refusing), U256::ZERO);
    assert_eq!(f.world.balance(f.a), ether(5));

    let r = f.world.call(f.user, f.a, U256::ZERO, &op::call(counting, ether(1), &[]));
    assert_eq!(r.output[0], 0);
    assert_eq!(r.logs.len(), 1, "the mock's log is in the receipt");
    assert_eq!(f.world.balance(counting), ether(1));
    assert_eq!(f.world.storage(counting, B256::ZERO), B256::with_last_byte(1));

    // The same payment inside a reverting frame leaves no trace, mock storage included.
    let r = f.world.call(f.user, f.a, U256::ZERO, &op::call_then_revert(counting, ether(1), &[]));
    assert!(!r.success);
    assert!(r.logs.is_empty());
    assert_eq!(f.world.balance(counting), ether(1));
    assert_eq!(f.world.storage(counting, B256::ZERO), B256::with_last_byte(1));

    // A top-level call to a mock, and a static call refusing its write.
    assert!(f.world.call(f.user, counting, U256::ZERO, &[]).success);
    assert!(!f.world.static_call(f.user, counting, &[]).success);
}

#[test]
fn a_mock_calling_itself_stops_at_the_depth_limit() {
    let mut f = fixture();
    let looping = f.world.add_native(Rc::new(|ctx: &mut NativeCtx<'_>| {
        let me = ctx.address();
        let depth = ctx.call_info().depth;
        match ctx.call(me, U256::ZERO, &[]) {
            Ok(out) => Ok(out),
            Err(_) => Ok((depth as u64).to_be_bytes().to_vec()),
        }
    }));
    let r = f.world.call(f.user, looping, U256::ZERO, &[]);
    assert!(r.success);
    assert_eq!(
        u64::from_be_bytes(r.output[..8].try_into().unwrap()),
        crate::world::MAX_CALL_DEPTH as u64
    );
}
