//! The Treasury's router in the WASM build: the dispatch table of the public
//! functions (`#[public]` in lib.rs), on the shared lean ABI layer
//! (`atelier_common::router`, whose doc states the behaviour kept from the SDK's
//! router). Native builds route through `#[public]` as before.
use alloc::vec::Vec;

use alloy_primitives::{Address, B256, U256};
use atelier_common::{
    abi::Text,
    router::{returns, split_selector, AbiReturn, Args, CallResult},
};
use stylus_sdk::{
    abi::{Bytes, CONSTRUCTOR_SELECTOR},
    host::VM,
    prelude::*,
    stylus_core::{storage::TopLevelStorage, ConstructorGuard},
};

use crate::Treasury;
use atelier_common::call_selector as selector;

// SAFETY: Treasury is the contract's storage root (what `#[entrypoint]` on the
// struct declares in native builds).
unsafe impl TopLevelStorage for Treasury {}

/// Runs one call: what `#[entrypoint]` on the struct wires to the SDK's router.
#[entrypoint]
fn lean_entrypoint(input: Vec<u8>, host: VM) -> CallResult {
    // SAFETY: the storage root at slot 0, as the SDK's `router_entrypoint` makes it.
    let mut treasury = unsafe { Treasury::new(U256::ZERO, 0, host) };
    // No calldata: `receive` (payable, so never refused for its value), as the
    // SDK's `router_entrypoint` runs it; its error is the revert data.
    if input.is_empty() {
        return treasury.receive().map(|()| Vec::new());
    }
    dispatch(&mut treasury, &input).unwrap_or_else(|| Err(Vec::new()))
}

const INITIALIZE: u32 = selector!(
    "initialize", Address, Address, Address, Address, U256, U256, U256, U256, U256, U256, U256,
    U256, U256, U256
);
const BUCKETS: u32 = selector!("buckets");
const CHECK_UPKEEP: u32 = selector!("checkUpkeep", Bytes);
const PERFORM_UPKEEP: u32 = selector!("performUpkeep", Bytes);
const CURRENT_BID: u32 = selector!("currentBid");
const SALE_FLOOR: u32 = selector!("saleFloor");
const BUYBACK_ROUND: u32 = selector!("buybackRound");
const SELL_TO_TREASURY: u32 = selector!("sellToTreasury", U256, U256, U256);
const ACQUIRE: u32 = selector!(
    "acquire", Address, U256, Address, U256, B256, B256, B256, Address, Text, U256
);
const SET_PARAM: u32 = selector!("setParam", u8, U256);
const PARAM: u32 = selector!("param", u8);
const WITHDRAW_RESERVE: u32 = selector!("withdrawReserve", Address, U256);
const EPOCH_STATE: u32 = selector!("epochState");
const WIRING: u32 = selector!("wiring");

/// `(bytes)`: checkUpkeep's and performUpkeep's argument.
fn upkeep_data(data: &[u8]) -> Option<Bytes> {
    let mut a = Args::with_tail(data, 1)?;
    let bytes = a.bytes(0)?.to_vec();
    a.end()?;
    Some(Bytes(bytes))
}

/// The call's outcome (non-empty calldata); `None` reverts with no data (see
/// `atelier_common::router`).
fn dispatch(t: &mut Treasury, input: &[u8]) -> Option<CallResult> {
    let (selector, data) = split_selector(input)?;
    // No function is payable (only `receive`, above): the SDK refuses value on
    // every one (the constructor included) before decoding, and so on unknown
    // selectors and calldata shorter than a selector.
    if !t.vm().msg_value().is_zero() {
        return None;
    }
    let fixed = |words| Args::fixed(data, words);
    let no_args = data.is_empty();
    Some(match selector {
        CONSTRUCTOR_SELECTOR => {
            t.check_constructor_slot().ok()?;
            returns(t.constructor(fixed(1)?.address(0)?))
        }
        INITIALIZE => {
            let a = fixed(14)?;
            returns(t.initialize(
                a.address(0)?,
                a.address(1)?,
                a.address(2)?,
                a.address(3)?,
                a.uint(4)?,
                a.uint(5)?,
                a.uint(6)?,
                a.uint(7)?,
                a.uint(8)?,
                a.uint(9)?,
                a.uint(10)?,
                a.uint(11)?,
                a.uint(12)?,
                a.uint(13)?,
            ))
        }
        BUCKETS if no_args => ok(t.buckets()),
        CHECK_UPKEEP => ok(t.check_upkeep(upkeep_data(data)?)),
        PERFORM_UPKEEP => returns(t.perform_upkeep(upkeep_data(data)?)),
        CURRENT_BID if no_args => returns(t.current_bid()),
        SALE_FLOOR if no_args => ok(t.sale_floor()),
        BUYBACK_ROUND if no_args => ok(t.buyback_round()),
        SELL_TO_TREASURY => {
            let a = fixed(3)?;
            returns(t.sell_to_treasury(a.uint(0)?, a.uint(1)?, a.uint(2)?))
        }
        ACQUIRE => {
            let mut a = Args::with_tail(data, 10)?;
            let uri = a.text(8)?;
            a.end()?;
            returns(t.acquire(
                a.address(0)?,
                a.uint(1)?,
                a.address(2)?,
                a.uint(3)?,
                a.bytes32(4)?,
                a.bytes32(5)?,
                a.bytes32(6)?,
                a.address(7)?,
                uri,
                a.uint(9)?,
            ))
        }
        SET_PARAM => {
            let a = fixed(2)?;
            returns(t.set_param(a.uint8(0)?, a.uint(1)?))
        }
        PARAM => returns(t.param(fixed(1)?.uint8(0)?)),
        WITHDRAW_RESERVE => {
            let a = fixed(2)?;
            returns(t.withdraw_reserve(a.address(0)?, a.uint(1)?))
        }
        EPOCH_STATE if no_args => ok(t.epoch_state()),
        WIRING if no_args => ok(t.wiring()),
        // An unknown selector, or arguments given to a function that takes none.
        _ => return None,
    })
}

/// An infallible function's return data.
#[inline]
fn ok<T: AbiReturn>(value: T) -> CallResult {
    Ok(value.abi_return())
}
