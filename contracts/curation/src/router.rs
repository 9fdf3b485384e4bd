//! The CurationRegistry's router in the WASM build: the dispatch table of the
//! public functions (`#[public]` in lib.rs), on the shared lean ABI layer
//! (`atelier_common::router`, whose doc states the behaviour kept from the SDK's
//! router). Native builds route through `#[public]` as before.
use alloc::vec::Vec;

use alloy_primitives::{Address, B256, U256};
use atelier_common::{
    abi::{Returns, Text},
    router::{params_with_dynamic, returns, split_selector, AbiReturn, AbiWord, Args, CallResult},
};
use stylus_sdk::{
    abi::CONSTRUCTOR_SELECTOR,
    host::VM,
    prelude::*,
    stylus_core::{storage::TopLevelStorage, ConstructorGuard},
};

use crate::CurationRegistry;
use atelier_common::call_selector as selector;

// SAFETY: CurationRegistry is the contract's storage root (what `#[entrypoint]`
// on the struct declares in native builds).
unsafe impl TopLevelStorage for CurationRegistry {}

/// Runs one call: what `#[entrypoint]` on the struct wires to the SDK's router.
#[entrypoint]
fn lean_entrypoint(input: Vec<u8>, host: VM) -> CallResult {
    // SAFETY: the storage root at slot 0, as the SDK's `router_entrypoint` makes it.
    let mut registry = unsafe { CurationRegistry::new(U256::ZERO, 0, host) };
    dispatch(&mut registry, &input).unwrap_or_else(|| Err(Vec::new()))
}

const INITIALIZE: u32 =
    selector!("initialize", Address, Address, Address, U256, U256, U256, U256);
const REGISTER_SEED: u32 = selector!("registerSeed", B256, B256, B256, Text, U256);
const STAKE: u32 = selector!("stake", U256, U256);
const UNSTAKE: u32 = selector!("unstake", U256, U256);
const NOTIFY_REWARD: u32 = selector!("notifyReward");
const CLAIM: u32 = selector!("claim");
const SET_PARAM: u32 = selector!("setParam", u8, U256);
const PARAM: u32 = selector!("param", u8);
const SEED_INFO: u32 = selector!("seedInfo", U256);
const SEED_ID_OF: u32 = selector!("seedIdOf", B256);
const SEED_COUNT: u32 = selector!("seedCount");
const CONVICTION: u32 = selector!("conviction", U256);
const SEED_STAKE: u32 = selector!("seedStake", U256);
const STAKE_OF: u32 = selector!("stakeOf", Address, U256);
const UNSTAKE_AVAILABLE_AT: u32 = selector!("unstakeAvailableAt", Address, U256);
const STAKED_BY: u32 = selector!("stakedBy", Address);
const TOTAL_STAKED: u32 = selector!("totalStaked");
const EARNED: u32 = selector!("earned", Address);
const REWARD_PER_TOKEN: u32 = selector!("rewardPerToken");
const REWARD_RATE: u32 = selector!("rewardRate");
const PERIOD_FINISH: u32 = selector!("periodFinish");
const TOKEN: u32 = selector!("token");
const VAULT: u32 = selector!("vault");
const TREASURY: u32 = selector!("treasury");

/// The call's outcome; `None` reverts with no data (see `atelier_common::router`;
/// the registry has no `receive`, so empty calldata is refused too).
fn dispatch(r: &mut CurationRegistry, input: &[u8]) -> Option<CallResult> {
    let (selector, data) = split_selector(input)?;
    // `notifyReward` is the one payable function; the SDK refuses value on
    // every other (the constructor included) before decoding, and so on unknown
    // selectors.
    if selector != NOTIFY_REWARD && !r.vm().msg_value().is_zero() {
        return None;
    }
    let fixed = |words| Args::fixed(data, words);
    let no_args = data.is_empty();
    Some(match selector {
        CONSTRUCTOR_SELECTOR => {
            r.check_constructor_slot().ok()?;
            returns(r.constructor(fixed(1)?.address(0)?))
        }
        INITIALIZE => {
            let a = fixed(7)?;
            returns(r.initialize(
                a.address(0)?,
                a.address(1)?,
                a.address(2)?,
                a.uint(3)?,
                a.uint(4)?,
                a.uint(5)?,
                a.uint(6)?,
            ))
        }
        REGISTER_SEED => {
            let mut a = Args::with_tail(data, 5)?;
            let uri = a.text(3)?;
            a.end()?;
            returns(r.register_seed(a.bytes32(0)?, a.bytes32(1)?, a.bytes32(2)?, uri, a.uint(4)?))
        }
        STAKE => {
            let a = fixed(2)?;
            returns(r.stake(a.uint(0)?, a.uint(1)?))
        }
        UNSTAKE => {
            let a = fixed(2)?;
            returns(r.unstake(a.uint(0)?, a.uint(1)?))
        }
        NOTIFY_REWARD if no_args => returns(r.notify_reward()),
        CLAIM if no_args => returns(r.claim()),
        SET_PARAM => {
            let a = fixed(2)?;
            returns(r.set_param(a.uint8(0)?, a.uint(1)?))
        }
        PARAM => returns(r.param(fixed(1)?.uint8(0)?)),
        SEED_INFO => match r.seed_info(fixed(1)?.uint(0)?) {
            // Solidity's return parameters: the string's offset after the head.
            Ok(Returns((seed, model, prompt, uri, registrant, stake, conviction, touched))) => {
                let words = [
                    seed,
                    model,
                    prompt,
                    registrant.abi_word(),
                    stake.abi_word(),
                    conviction.abi_word(),
                    touched.abi_word(),
                ];
                Ok(params_with_dynamic(&words, 3, uri.as_bytes()))
            }
            Err(error) => Err(error.into()),
        },
        SEED_ID_OF => ok(r.seed_id_of(fixed(1)?.bytes32(0)?)),
        SEED_COUNT if no_args => ok(r.seed_count()),
        CONVICTION => returns(r.conviction(fixed(1)?.uint(0)?)),
        SEED_STAKE => returns(r.seed_stake(fixed(1)?.uint(0)?)),
        STAKE_OF => {
            let a = fixed(2)?;
            ok(r.stake_of(a.address(0)?, a.uint(1)?))
        }
        UNSTAKE_AVAILABLE_AT => {
            let a = fixed(2)?;
            ok(r.unstake_available_at(a.address(0)?, a.uint(1)?))
        }
        STAKED_BY => returns(r.staked_by(fixed(1)?.address(0)?)),
        TOTAL_STAKED if no_args => ok(r.total_staked()),
        EARNED => returns(r.earned(fixed(1)?.address(0)?)),
        REWARD_PER_TOKEN if no_args => returns(r.reward_per_token()),
        REWARD_RATE if no_args => ok(r.reward_rate()),
        PERIOD_FINISH if no_args => returns(r.period_finish()),
        TOKEN if no_args => ok(r.token()),
        VAULT if no_args => ok(r.vault()),
        TREASURY if no_args => ok(r.treasury()),
        // An unknown selector, or arguments given to a function that takes none.
        _ => return None,
    })
}

/// An infallible function's return data.
#[inline]
fn ok<T: AbiReturn>(value: T) -> CallResult {
    Ok(value.abi_return())
}
