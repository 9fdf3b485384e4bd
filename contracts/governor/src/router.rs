//! ArtGovernor's router in the WASM build: the dispatch table of the public
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

use crate::{Action, ArtGovernor};
use atelier_common::call_selector as selector;

// SAFETY: ArtGovernor is the contract's storage root (what `#[entrypoint]` on
// the struct declares in native builds).
unsafe impl TopLevelStorage for ArtGovernor {}

/// Runs one call: what `#[entrypoint]` on the struct wires to the SDK's router.
#[entrypoint]
fn lean_entrypoint(input: Vec<u8>, host: VM) -> CallResult {
    // SAFETY: the storage root at slot 0, as the SDK's `router_entrypoint` makes it.
    let mut governor = unsafe { ArtGovernor::new(U256::ZERO, 0, host) };
    dispatch(&mut governor, &input).unwrap_or_else(|| Err(Vec::new()))
}

const INITIALIZE: u32 = selector!(
    "initialize", Address, Address, Address, Address, U256, U256, U256, U256, U256, U256, U256,
    U256
);
const WIRING: u32 = selector!("wiring");
const PARAM: u32 = selector!("param", u8);
const PROPOSE: u32 = selector!("propose", Vec<Action>, Text);
const CAST_VOTE: u32 = selector!("castVote", U256, u8);
const CAST_VOTE_WITH_REASON: u32 = selector!("castVoteWithReason", U256, u8, Text);
const QUEUE: u32 = selector!("queue", U256);
const EXECUTE: u32 = selector!("execute", Vec<Action>, B256, Address);
const CANCEL: u32 = selector!("cancel", Vec<Action>, B256);
const VETO: u32 = selector!("veto", U256, U256);
const STATE: u32 = selector!("state", U256);
const PROPOSAL_VOTES: u32 = selector!("proposalVotes", U256);
const PROPOSAL: u32 = selector!("proposal", U256);
const HAS_VOTED: u32 = selector!("hasVoted", U256, Address);
const HAS_VETOED: u32 = selector!("hasVetoed", U256, U256);
const HASH_PROPOSAL: u32 = selector!("hashProposal", Vec<Action>, B256, Address);
const CREATIVE_DIRECTION: u32 = selector!("creativeDirection");
const CAN_DISPLAY: u32 = selector!("canDisplay", Address, U256);
const GRANT_UNTIL: u32 = selector!("grantUntil", U256, Address);
const LOCKED_UNTIL: u32 = selector!("lockedUntil", U256);
const EXIT: u32 = selector!("exit", U256, U256);
const LICENSE: u32 = selector!("license", U256);
const ACTIVATE_LICENSE: u32 = selector!("activateLicense", U256);

/// Head words of one `Action` tuple (its `string` is the eighth, an offset).
const ACTION_WORDS: usize = 8;

/// One `Action` `(uint8, address, address, uint256, uint256, bytes32, bytes32,
/// string)`, the tuple at the head of `a`.
fn action(a: &mut Args<'_>) -> Option<Action> {
    let uri = a.text(7)?;
    Some((
        a.uint8(0)?,
        a.address(1)?,
        a.address(2)?,
        a.uint(3)?,
        a.uint(4)?,
        a.bytes32(5)?,
        a.bytes32(6)?,
        uri,
    ))
}

/// `(Action[] actions, bytes32, ...)` of `words` head words: execute's,
/// cancel's and hashProposal's arguments, the actions decoded.
fn with_actions(data: &[u8], words: usize) -> Option<(Vec<Action>, Args<'_>)> {
    let mut a = Args::with_tail(data, words)?;
    let actions = a.tuples(0, ACTION_WORDS, action)?;
    a.end()?;
    Some((actions, a))
}

/// The call's outcome; `None` reverts with no data (see `atelier_common::router`).
fn dispatch(g: &mut ArtGovernor, input: &[u8]) -> Option<CallResult> {
    let (selector, data) = split_selector(input)?;
    // `activateLicense` is the one payable function; the SDK refuses value on
    // every other (the constructor included) before decoding, and so on unknown
    // selectors.
    if selector != ACTIVATE_LICENSE && !g.vm().msg_value().is_zero() {
        return None;
    }
    let fixed = |words| Args::fixed(data, words);
    let no_args = data.is_empty();
    Some(match selector {
        CONSTRUCTOR_SELECTOR => {
            g.check_constructor_slot().ok()?;
            returns(g.constructor(fixed(1)?.address(0)?))
        }
        INITIALIZE => {
            let a = fixed(12)?;
            returns(g.initialize(
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
            ))
        }
        WIRING if no_args => ok(g.wiring()),
        PARAM => returns(g.param(fixed(1)?.uint8(0)?)),
        PROPOSE => {
            let mut a = Args::with_tail(data, 2)?;
            let actions = a.tuples(0, ACTION_WORDS, action)?;
            let description = a.text(1)?;
            a.end()?;
            returns(g.propose(actions, description))
        }
        CAST_VOTE => {
            let a = fixed(2)?;
            returns(g.cast_vote(a.uint(0)?, a.uint8(1)?))
        }
        CAST_VOTE_WITH_REASON => {
            let mut a = Args::with_tail(data, 3)?;
            let reason = a.text(2)?;
            a.end()?;
            returns(g.cast_vote_with_reason(a.uint(0)?, a.uint8(1)?, reason))
        }
        QUEUE => returns(g.queue(fixed(1)?.uint(0)?)),
        EXECUTE => {
            let (actions, a) = with_actions(data, 3)?;
            returns(g.execute(actions, a.bytes32(1)?, a.address(2)?))
        }
        CANCEL => {
            let (actions, a) = with_actions(data, 2)?;
            returns(g.cancel(actions, a.bytes32(1)?))
        }
        VETO => {
            let a = fixed(2)?;
            returns(g.veto(a.uint(0)?, a.uint(1)?))
        }
        STATE => returns(g.state(fixed(1)?.uint(0)?)),
        PROPOSAL_VOTES => ok(g.proposal_votes(fixed(1)?.uint(0)?)),
        PROPOSAL => ok(g.proposal(fixed(1)?.uint(0)?)),
        HAS_VOTED => {
            let a = fixed(2)?;
            ok(g.has_voted(a.uint(0)?, a.address(1)?))
        }
        HAS_VETOED => {
            let a = fixed(2)?;
            ok(g.has_vetoed(a.uint(0)?, a.uint(1)?))
        }
        HASH_PROPOSAL => {
            let (actions, a) = with_actions(data, 3)?;
            ok(g.hash_proposal(actions, a.bytes32(1)?, a.address(2)?))
        }
        CREATIVE_DIRECTION if no_args => ok(g.creative_direction()),
        CAN_DISPLAY => {
            let a = fixed(2)?;
            returns(g.can_display(a.address(0)?, a.uint(1)?))
        }
        LOCKED_UNTIL => returns(g.locked_until(fixed(1)?.uint(0)?)),
        EXIT => {
            let a = fixed(2)?;
            returns(g.exit(a.uint(0)?, a.uint(1)?))
        }
        GRANT_UNTIL => {
            let a = fixed(2)?;
            ok(g.grant_until(a.uint(0)?, a.address(1)?))
        }
        LICENSE => returns(g.license(fixed(1)?.uint(0)?)),
        ACTIVATE_LICENSE => returns(g.activate_license(fixed(1)?.uint(0)?)),
        // An unknown selector, or arguments given to a function that takes none.
        _ => return None,
    })
}

/// An infallible function's return data.
#[inline]
fn ok<T: AbiReturn>(value: T) -> CallResult {
    Ok(value.abi_return())
}
