//! ArtVault's router in the WASM build: the dispatch table of the public
//! functions (`#[public]` in lib.rs), on the shared lean ABI layer
//! (`atelier_common::router`, whose doc states the behaviour kept from the SDK's
//! router). Native builds route through `#[public]` as before.
use alloc::{string::String, vec::Vec};

use alloy_primitives::{aliases::B32, Address, B256, U256};
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

use crate::ArtVault;
use atelier_common::call_selector as selector;

// SAFETY: ArtVault is the contract's storage root (what `#[entrypoint]` on the
// struct declares in native builds).
unsafe impl TopLevelStorage for ArtVault {}

/// Runs one call: what `#[entrypoint]` on the struct wires to the SDK's router.
#[entrypoint]
fn lean_entrypoint(input: Vec<u8>, host: VM) -> CallResult {
    // SAFETY: the storage root at slot 0, as the SDK's `router_entrypoint` makes it.
    let mut vault = unsafe { ArtVault::new(U256::ZERO, 0, host) };
    dispatch(&mut vault, &input).unwrap_or_else(|| Err(Vec::new()))
}

const INITIALIZE: u32 = selector!("initialize", Address, Address, Address, Address, Address, Text, U256);
const END_BOOTSTRAP: u32 = selector!("endBootstrap");
const WIRING: u32 = selector!("wiring");
const DEPOSIT: u32 = selector!("deposit", Address, U256, B256, B256, B256, Address, Text);
const ON_ERC721_RECEIVED: u32 = selector!("onERC721Received", Address, Address, U256, Bytes);
const RECORD_ACQUISITION: u32 =
    selector!("recordAcquisition", Address, U256, B256, B256, B256, Address, Text);
const ARTWORK: u32 = selector!("artwork", U256);
const LISTING: u32 = selector!("listing", Address, U256);
const REDEEM: u32 = selector!("redeem", U256);
const REDEMPTION_COST: u32 = selector!("redemptionCost", U256);
const EXECUTE_ACTION: u32 = selector!("executeAction", u8, Address, Address, U256, U256);
const LIVE_STEWARDS: u32 = selector!("liveStewards");
const NAME: u32 = selector!("name");
const SYMBOL: u32 = selector!("symbol");
const TOKEN_URI: u32 = selector!("tokenURI", U256);
const SUPPORTS_INTERFACE: u32 = selector!("supportsInterface", B32);
const ROYALTY_INFO: u32 = selector!("royaltyInfo", U256, U256);
const BALANCE_OF: u32 = selector!("balanceOf", Address);
const OWNER_OF: u32 = selector!("ownerOf", U256);
const SAFE_TRANSFER_FROM: u32 = selector!("safeTransferFrom", Address, Address, U256);
const SAFE_TRANSFER_FROM_WITH_DATA: u32 = selector!("safeTransferFrom", Address, Address, U256, Bytes);
const TRANSFER_FROM: u32 = selector!("transferFrom", Address, Address, U256);
const APPROVE: u32 = selector!("approve", Address, U256);
const SET_APPROVAL_FOR_ALL: u32 = selector!("setApprovalForAll", Address, bool);
const GET_APPROVED: u32 = selector!("getApproved", U256);
const IS_APPROVED_FOR_ALL: u32 = selector!("isApprovedForAll", Address, Address);

/// `(address collection, uint256 tokenId, bytes32 seed, bytes32 modelId, bytes32
/// promptHash, address artist, string uri)`: deposit's and recordAcquisition's
/// arguments.
type Deposit = (Address, U256, B256, B256, B256, Address, Text);

fn deposit_args(data: &[u8]) -> Option<Deposit> {
    let mut a = Args::with_tail(data, 7)?;
    let uri = text(&mut a, 6)?;
    a.end()?;
    Some((a.address(0)?, a.uint(1)?, a.bytes32(2)?, a.bytes32(3)?, a.bytes32(4)?, a.address(5)?, uri))
}

/// `(address from, address to, uint256 tokenId)`: the ERC-721 transfers.
fn transfer_args(data: &[u8]) -> Option<(Address, Address, U256)> {
    let a = Args::fixed(data, 3)?;
    Some((a.address(0)?, a.address(1)?, a.uint(2)?))
}

/// `(address, address, uint256, bytes)`: onERC721Received's and
/// safeTransferFrom's (with data) arguments.
fn with_data_args(data: &[u8]) -> Option<(Address, Address, U256, Bytes)> {
    let mut a = Args::with_tail(data, 4)?;
    let bytes = a.bytes(3)?;
    a.end()?;
    Some((a.address(0)?, a.address(1)?, a.uint(2)?, Bytes(bytes.to_vec())))
}

/// The call's outcome; `None` reverts with no data (see `atelier_common::router`).
fn dispatch(v: &mut ArtVault, input: &[u8]) -> Option<CallResult> {
    let (selector, data) = split_selector(input)?;
    // No vault function is payable: the SDK refuses value on every one (the
    // constructor included) before decoding, and so on unknown selectors.
    if !v.vm().msg_value().is_zero() {
        return None;
    }
    let fixed = |words| Args::fixed(data, words);
    let no_args = data.is_empty();
    Some(match selector {
        CONSTRUCTOR_SELECTOR => {
            v.check_constructor_slot().ok()?;
            returns(v.constructor(fixed(1)?.address(0)?))
        }
        INITIALIZE => {
            let mut a = Args::with_tail(data, 7)?;
            let base_uri = text(&mut a, 5)?;
            a.end()?;
            returns(v.initialize(
                a.address(0)?,
                a.address(1)?,
                a.address(2)?,
                a.address(3)?,
                a.address(4)?,
                base_uri,
                a.uint(6)?,
            ))
        }
        END_BOOTSTRAP if no_args => returns(v.end_bootstrap()),
        WIRING if no_args => ok(v.wiring()),
        DEPOSIT => {
            let (collection, token_id, seed, model, prompt, artist, uri) = deposit_args(data)?;
            returns(v.deposit(collection, token_id, seed, model, prompt, artist, uri))
        }
        ON_ERC721_RECEIVED => {
            let (operator, from, token_id, bytes) = with_data_args(data)?;
            returns(v.on_erc721_received(operator, from, token_id, bytes))
        }
        RECORD_ACQUISITION => {
            let (collection, token_id, seed, model, prompt, artist, uri) = deposit_args(data)?;
            returns(v.record_acquisition(collection, token_id, seed, model, prompt, artist, uri))
        }
        ARTWORK => returns(v.artwork(fixed(1)?.uint(0)?)),
        LISTING => {
            let a = fixed(2)?;
            ok(v.listing(a.address(0)?, a.uint(1)?))
        }
        REDEEM => returns(v.redeem(fixed(1)?.uint(0)?)),
        REDEMPTION_COST => returns(v.redemption_cost(fixed(1)?.uint(0)?)),
        EXECUTE_ACTION => {
            let a = fixed(5)?;
            returns(v.execute_action(a.uint8(0)?, a.address(1)?, a.address(2)?, a.uint(3)?, a.uint(4)?))
        }
        LIVE_STEWARDS if no_args => ok(v.live_stewards()),
        NAME if no_args => ok(v.name()),
        SYMBOL if no_args => ok(v.symbol()),
        TOKEN_URI => returns(v.token_uri(fixed(1)?.uint(0)?)),
        SUPPORTS_INTERFACE => ok(v.supports_interface(fixed(1)?.bytes4(0)?)),
        ROYALTY_INFO => {
            let a = fixed(2)?;
            returns(v.royalty_info(a.uint(0)?, a.uint(1)?))
        }
        BALANCE_OF => returns(v.balance_of(fixed(1)?.address(0)?)),
        OWNER_OF => returns(v.owner_of(fixed(1)?.uint(0)?)),
        SAFE_TRANSFER_FROM => {
            let (from, to, token_id) = transfer_args(data)?;
            returns(v.safe_transfer_from(from, to, token_id))
        }
        SAFE_TRANSFER_FROM_WITH_DATA => {
            let (from, to, token_id, bytes) = with_data_args(data)?;
            returns(v.safe_transfer_from_with_data(from, to, token_id, bytes))
        }
        TRANSFER_FROM => {
            let (from, to, token_id) = transfer_args(data)?;
            returns(v.transfer_from(from, to, token_id))
        }
        APPROVE => {
            let a = fixed(2)?;
            returns(v.approve(a.address(0)?, a.uint(1)?))
        }
        SET_APPROVAL_FOR_ALL => {
            let a = fixed(2)?;
            returns(v.set_approval_for_all(a.address(0)?, a.bool(1)?))
        }
        GET_APPROVED => returns(v.get_approved(fixed(1)?.uint(0)?)),
        IS_APPROVED_FOR_ALL => {
            let a = fixed(2)?;
            ok(v.is_approved_for_all(a.address(0)?, a.address(1)?))
        }
        // An unknown selector, or arguments given to a function that takes none.
        _ => return None,
    })
}

/// `string` at head word `i`, read as `bytes` then checked UTF-8 (as
/// `Args::text`; one reader of dynamic arguments in this contract, not two).
fn text(a: &mut Args<'_>, i: usize) -> Option<Text> {
    String::from_utf8(a.bytes(i)?.to_vec()).ok().map(Text)
}

/// An infallible function's return data.
#[inline]
fn ok<T: AbiReturn>(value: T) -> CallResult {
    Ok(value.abi_return())
}
