//! FractionToken's router in the WASM build: the dispatch table of the public
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
    abi::CONSTRUCTOR_SELECTOR,
    host::VM,
    prelude::*,
    stylus_core::{storage::TopLevelStorage, ConstructorGuard},
};

use crate::FractionToken;
use atelier_common::call_selector as selector;

// SAFETY: FractionToken is the contract's storage root (what `#[entrypoint]` on
// the struct declares in native builds).
unsafe impl TopLevelStorage for FractionToken {}

/// Runs one call: what `#[entrypoint]` on the struct wires to the SDK's router.
#[entrypoint]
fn lean_entrypoint(input: Vec<u8>, host: VM) -> CallResult {
    // SAFETY: the storage root at slot 0, as the SDK's `router_entrypoint` makes it.
    let mut token = unsafe { FractionToken::new(U256::ZERO, 0, host) };
    dispatch(&mut token, &input).unwrap_or_else(|| Err(Vec::new()))
}

const INITIALIZE: u32 = selector!(
    "initialize", Text, Text, Address, Address, Address, Address, U256, U256, U256, U256, U256, U256,
    U256, U256, U256
);
const REGISTRY: u32 = selector!("registry");
const LOCKED_BALANCE_OF: u32 = selector!("lockedBalanceOf", Address);
const LOCK_SHARES: u32 = selector!("lockShares", Address, U256);
const UNLOCK_SHARES: u32 = selector!("unlockShares", Address, U256);
const SET_PARAM: u32 = selector!("setParam", u8, U256);
const PARAM: u32 = selector!("param", u8);
const VAULT: u32 = selector!("vault");
const TREASURY: u32 = selector!("treasury");
const NAME: u32 = selector!("name");
const SYMBOL: u32 = selector!("symbol");
const DECIMALS: u32 = selector!("decimals");
const TOTAL_SUPPLY: u32 = selector!("totalSupply");
const BALANCE_OF: u32 = selector!("balanceOf", Address);
const TRANSFER: u32 = selector!("transfer", Address, U256);
const ALLOWANCE: u32 = selector!("allowance", Address, Address);
const APPROVE: u32 = selector!("approve", Address, U256);
const TRANSFER_FROM: u32 = selector!("transferFrom", Address, Address, U256);
const BURN: u32 = selector!("burn", U256);
const BURN_FROM: u32 = selector!("burnFrom", Address, U256);
const MINT: u32 = selector!("mint", Address, U256);
const PERMIT: u32 = selector!("permit", Address, Address, U256, U256, u8, B256, B256);
const NONCES: u32 = selector!("nonces", Address);
const DOMAIN_SEPARATOR: u32 = selector!("DOMAIN_SEPARATOR");
const EIP712_DOMAIN: u32 = selector!("eip712Domain");
const CLOCK: u32 = selector!("clock");
const CLOCK_MODE: u32 = selector!("CLOCK_MODE");
const DELEGATES: u32 = selector!("delegates", Address);
const DELEGATE: u32 = selector!("delegate", Address);
const GET_VOTES: u32 = selector!("getVotes", Address);
const GET_PAST_VOTES: u32 = selector!("getPastVotes", Address, U256);
const GET_PAST_TOTAL_SUPPLY: u32 = selector!("getPastTotalSupply", U256);
const GET_PAST_VOTES_AND_SUPPLY: u32 = selector!("getPastVotesAndSupply", Address, U256);
const NUM_CHECKPOINTS: u32 = selector!("numCheckpoints", Address);
const BUY: u32 = selector!("buy", U256, U256, U256);
const QUOTE_BUY: u32 = selector!("quoteBuy", U256);
const SPOT_PRICE: u32 = selector!("spotPrice");
const TOTAL_SOLD: u32 = selector!("totalSold");
const PREMIUM: u32 = selector!("premium");
const PREMIUM_UPDATED_AT: u32 = selector!("premiumUpdatedAt");
const SET_PREMIUM: u32 = selector!("setPremium", U256);

/// The call's outcome; `None` reverts with no data (see `atelier_common::router`).
fn dispatch(t: &mut FractionToken, input: &[u8]) -> Option<CallResult> {
    let (selector, data) = split_selector(input)?;
    // `buy` is the one payable function; the SDK refuses value on every other
    // (the constructor included) before decoding, and so on unknown selectors.
    if selector != BUY && !t.vm().msg_value().is_zero() {
        return None;
    }
    let fixed = |words| Args::fixed(data, words);
    let no_args = data.is_empty();
    Some(match selector {
        CONSTRUCTOR_SELECTOR => {
            t.check_constructor_slot().ok()?;
            let a = fixed(1)?;
            returns(t.constructor(a.address(0)?))
        }
        INITIALIZE => {
            let mut a = Args::with_tail(data, 15)?;
            let (name, symbol) = (a.text(0)?, a.text(1)?);
            a.end()?;
            returns(t.initialize(
                name,
                symbol,
                a.address(2)?,
                a.address(3)?,
                a.address(4)?,
                a.address(5)?,
                a.uint(6)?,
                a.uint(7)?,
                a.uint(8)?,
                a.uint(9)?,
                a.uint(10)?,
                a.uint(11)?,
                a.uint(12)?,
                a.uint(13)?,
                a.uint(14)?,
            ))
        }
        SET_PARAM => {
            let a = fixed(2)?;
            returns(t.set_param(a.uint8(0)?, a.uint(1)?))
        }
        PARAM => returns(t.param(fixed(1)?.uint8(0)?)),
        VAULT if no_args => ok(t.vault()),
        TREASURY if no_args => ok(t.treasury()),
        NAME if no_args => ok(t.name()),
        SYMBOL if no_args => ok(t.symbol()),
        DECIMALS if no_args => ok(t.decimals()),
        TOTAL_SUPPLY if no_args => ok(t.total_supply()),
        BALANCE_OF => ok(t.balance_of(fixed(1)?.address(0)?)),
        REGISTRY if no_args => ok(t.registry()),
        LOCKED_BALANCE_OF => ok(t.locked_balance_of(fixed(1)?.address(0)?)),
        LOCK_SHARES => {
            let a = fixed(2)?;
            returns(t.lock_shares(a.address(0)?, a.uint(1)?))
        }
        UNLOCK_SHARES => {
            let a = fixed(2)?;
            returns(t.unlock_shares(a.address(0)?, a.uint(1)?))
        }
        TRANSFER => {
            let a = fixed(2)?;
            returns(t.transfer(a.address(0)?, a.uint(1)?))
        }
        ALLOWANCE => {
            let a = fixed(2)?;
            ok(t.allowance(a.address(0)?, a.address(1)?))
        }
        APPROVE => {
            let a = fixed(2)?;
            returns(t.approve(a.address(0)?, a.uint(1)?))
        }
        TRANSFER_FROM => {
            let a = fixed(3)?;
            returns(t.transfer_from(a.address(0)?, a.address(1)?, a.uint(2)?))
        }
        BURN => returns(t.burn(fixed(1)?.uint(0)?)),
        BURN_FROM => {
            let a = fixed(2)?;
            returns(t.burn_from(a.address(0)?, a.uint(1)?))
        }
        MINT => {
            let a = fixed(2)?;
            returns(t.mint(a.address(0)?, a.uint(1)?))
        }
        PERMIT => {
            let a = fixed(7)?;
            returns(t.permit(
                a.address(0)?,
                a.address(1)?,
                a.uint(2)?,
                a.uint(3)?,
                a.uint8(4)?,
                a.bytes32(5)?,
                a.bytes32(6)?,
            ))
        }
        NONCES => ok(t.nonces(fixed(1)?.address(0)?)),
        DOMAIN_SEPARATOR if no_args => ok(t.domain_separator()),
        EIP712_DOMAIN if no_args => ok(t.eip712_domain()),
        CLOCK if no_args => ok(t.clock()),
        CLOCK_MODE if no_args => ok(t.clock_mode()),
        DELEGATES => ok(t.delegates(fixed(1)?.address(0)?)),
        DELEGATE => returns(t.delegate(fixed(1)?.address(0)?)),
        GET_VOTES => ok(t.get_votes(fixed(1)?.address(0)?)),
        GET_PAST_VOTES => {
            let a = fixed(2)?;
            returns(t.get_past_votes(a.address(0)?, a.uint(1)?))
        }
        GET_PAST_TOTAL_SUPPLY => returns(t.get_past_total_supply(fixed(1)?.uint(0)?)),
        GET_PAST_VOTES_AND_SUPPLY => {
            let a = fixed(2)?;
            returns(t.get_past_votes_and_supply(a.address(0)?, a.uint(1)?))
        }
        NUM_CHECKPOINTS => ok(t.num_checkpoints(fixed(1)?.address(0)?)),
        BUY => {
            let a = fixed(3)?;
            returns(t.buy(a.uint(0)?, a.uint(1)?, a.uint(2)?))
        }
        QUOTE_BUY => returns(t.quote_buy(fixed(1)?.uint(0)?)),
        SPOT_PRICE if no_args => returns(t.spot_price()),
        TOTAL_SOLD if no_args => ok(t.total_sold()),
        PREMIUM if no_args => ok(t.premium()),
        PREMIUM_UPDATED_AT if no_args => ok(t.premium_updated_at()),
        SET_PREMIUM => returns(t.set_premium(fixed(1)?.uint(0)?)),
        // An unknown selector, or arguments given to a function that takes none.
        _ => return None,
    })
}

/// An infallible function's return data.
#[inline]
fn ok<T: AbiReturn>(value: T) -> CallResult {
    Ok(value.abi_return())
}
