//! ArbWasmCache (0x72): which Stylus programs are in ArbOS's program cache, and who may
//! change that (the cache managers).
//!
//! A cached program's entry costs the cached price only (`352 + cached_init_cost` instead
//! of `8,832 + init_cost + 352 + cached_init_cost`; devnet/host/GAS.md): the dev chain's
//! Stylus backend asks [`program_cached`] on every program entry.
//!
//! The dev chain has one cache manager, the native [`super::cache_manager`] at Nitro's
//! dev-node address, and no chain owner, so only that contract can cache and evict.
//! State: this account's storage, slot = code hash, value = `1 | init_cost << 1` while
//! cached (so an eviction knows what to burn), journaled and saved like any other state.
//! `cacheCodehash` belonged to ArbOS 30 only (replaced by `cacheProgram` from ArbOS 31);
//! this chain reports ArbOS 32, so it reverts as an unknown method, as on Nitro.

use alloy_primitives::{Address, Bytes, Log, B256, U256};
use alloy_sol_types::{sol, SolCall, SolEvent};
use revm::interpreter::CallInputs;

use super::{arbwasm, ret, revert_err, unknown, ARB_WASM_CACHE, CACHE_MANAGER, VIEW_GAS};
use crate::{
    exec::{self, Ctx, ExecError, NativeOutcome},
    stylus,
};

sol! {
    function isCacheManager(address manager) external view returns (bool);
    function allCacheManagers() external view returns (address[] memory managers);
    function cacheProgram(address addr) external;
    function evictCodehash(bytes32 codehash) external;
    function codehashIsCached(bytes32 codehash) external view returns (bool);

    event UpdateProgramCache(address indexed manager, bytes32 indexed codehash, bool cached);
}

/// Gas of a cache or evict call besides the program's `init_cost`, which Nitro burns on
/// top (a dev-chain figure of a precompile write's order).
pub const SET_CACHED_GAS: u64 = 5_000;

/// Every cache manager of the dev chain.
pub const MANAGERS: [Address; 1] = [CACHE_MANAGER];

fn slot(codehash: B256) -> U256 {
    U256::from_be_bytes(codehash.0)
}

/// Whether the program with `codehash` is in the cache (whether or not it is activated).
pub fn codehash_cached(ctx: &mut Ctx, codehash: B256) -> Result<bool, ExecError> {
    ctx.evm.load_account(ARB_WASM_CACHE)?;
    Ok(!ctx
        .evm
        .sload(ARB_WASM_CACHE, slot(codehash))?
        .data
        .is_zero())
}

/// Whether the program deployed at `program` (its code hash: for a fragmented program,
/// the root's) is in the cache.
pub fn program_cached(ctx: &mut Ctx, program: Address) -> Result<bool, ExecError> {
    let codehash = ctx.evm.code_hash(program)?.data;
    codehash_cached(ctx, codehash)
}

fn has_access(caller: Address) -> bool {
    // No chain owner on the dev chain (ArbOwnerPublic.isChainOwner is false for all).
    MANAGERS.contains(&caller)
}

/// Caches (`cache`) or evicts the program with `codehash`, as ArbOS's `SetProgramCached`
/// does: an inactive program is refused (`ProgramNotActivated`), an out-of-date one cannot
/// be cached (`ProgramNeedsUpgrade`); no change is free; a change emits
/// `UpdateProgramCache` and burns the program's `init_cost`. `code` is the code at the
/// program's address, when known (needed to cache: the `init_cost` comes from it).
/// Returns the gas used, or the revert.
pub fn set_cached(
    ctx: &mut Ctx,
    manager: Address,
    codehash: B256,
    code: Option<&Bytes>,
    cache: bool,
) -> Result<Result<u64, NativeOutcome>, ExecError> {
    let Some(version) = arbwasm::activated_version(ctx, codehash)? else {
        return Ok(Err(revert_err(arbwasm::ProgramNotActivated {}, VIEW_GAS)));
    };
    if cache && version != arbwasm::STYLUS_VERSION {
        return Ok(Err(revert_err(
            arbwasm::ProgramNeedsUpgrade {
                version,
                stylusVersion: arbwasm::STYLUS_VERSION,
            },
            VIEW_GAS,
        )));
    }
    ctx.evm.load_account(ARB_WASM_CACHE)?;
    let held = ctx.evm.sload(ARB_WASM_CACHE, slot(codehash))?.data;
    if held.is_zero() != cache {
        return Ok(Ok(VIEW_GAS)); // already as asked
    }
    let init_cost = if cache {
        let code = code.cloned().unwrap_or_default();
        let code = stylus::resolve(ctx, &code)?.unwrap_or_default();
        ctx.external
            .stylus
            .get(&code)
            .map(|p| p.init_costs().init_cost)
            .unwrap_or(0)
    } else {
        (held >> 1usize).saturating_to::<u64>()
    };
    let value = if cache {
        U256::from(1u64 | init_cost << 1)
    } else {
        U256::ZERO
    };
    // Touched, so the write is committed even when 0x72 is not the call's target (revm
    // commits only touched accounts).
    ctx.evm.inner.journaled_state.touch(&ARB_WASM_CACHE);
    ctx.evm.sstore(ARB_WASM_CACHE, slot(codehash), value)?;
    let event = UpdateProgramCache {
        manager,
        codehash,
        cached: cache,
    };
    ctx.evm.inner.journaled_state.log(Log {
        address: ARB_WASM_CACHE,
        data: event.encode_log_data(),
    });
    Ok(Ok(SET_CACHED_GAS + init_cost))
}

pub fn run(ctx: &mut Ctx, inputs: &CallInputs) -> Result<NativeOutcome, ExecError> {
    let data = &inputs.input[..];
    let Some(sel) = data.get(..4) else {
        return Ok(unknown());
    };
    let sel: [u8; 4] = sel.try_into().unwrap_or_default();
    let bad = || NativeOutcome::revert(Bytes::new(), VIEW_GAS);
    // Nothing here is payable.
    if !inputs.call_value().is_zero() {
        return Ok(unknown());
    }
    // Nitro: a caller that is neither a cache manager nor a chain owner, or a write from a
    // static call, burns all the gas given.
    let burn_out = NativeOutcome::revert(Bytes::new(), inputs.gas_limit);
    let may_write = !inputs.is_static && has_access(inputs.caller);
    Ok(match sel {
        isCacheManagerCall::SELECTOR => {
            let Ok(call) = isCacheManagerCall::abi_decode(data, true) else {
                return Ok(bad());
            };
            ret(has_access(call.manager))
        }
        allCacheManagersCall::SELECTOR => ret(MANAGERS.to_vec()),
        codehashIsCachedCall::SELECTOR => {
            let Ok(call) = codehashIsCachedCall::abi_decode(data, true) else {
                return Ok(bad());
            };
            ret(codehash_cached(ctx, call.codehash)?)
        }
        cacheProgramCall::SELECTOR => {
            let Ok(call) = cacheProgramCall::abi_decode(data, true) else {
                return Ok(bad());
            };
            if !may_write {
                return Ok(burn_out);
            }
            let code = exec::load_code(ctx, call.addr)?;
            let codehash = ctx.evm.code_hash(call.addr)?.data;
            match set_cached(ctx, inputs.caller, codehash, Some(&code), true)? {
                Ok(gas) => NativeOutcome::ok(Bytes::new(), gas),
                Err(revert) => revert,
            }
        }
        evictCodehashCall::SELECTOR => {
            let Ok(call) = evictCodehashCall::abi_decode(data, true) else {
                return Ok(bad());
            };
            if !may_write {
                return Ok(burn_out);
            }
            match set_cached(ctx, inputs.caller, call.codehash, None, false)? {
                Ok(gas) => NativeOutcome::ok(Bytes::new(), gas),
                Err(revert) => revert,
            }
        }
        _ => unknown(),
    })
}
