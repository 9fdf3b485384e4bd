//! ArbWasm (0x71): Stylus activation and the reads `cargo stylus` makes.
//!
//! Activation state lives in this account's storage (slot = the program's code hash,
//! value = the Stylus version it was activated at in the low 16 bits, its "asm size" —
//! here the decompressed WASM size, a dev-chain figure — above them), so it is journaled,
//! reverted and saved like any other state.

use alloy_primitives::{Address, Bytes, Log, B256, U256};
use alloy_sol_types::{sol, SolCall, SolEvent};
use revm::interpreter::CallInputs;

use super::{ret, revert_err, revert_msg, unknown, ARB_WASM, VIEW_GAS};
use crate::{
    exec::{self, Ctx, ExecError, NativeOutcome},
    stylus,
};

sol! {
    function activateProgram(address program) external payable returns (uint16 version, uint256 dataFee);
    function stylusVersion() external view returns (uint16 version);
    function codehashVersion(bytes32 codehash) external view returns (uint16 version);
    function codehashKeepalive(bytes32 codehash) external payable;
    function codehashAsmSize(bytes32 codehash) external view returns (uint32 size);
    function programVersion(address program) external view returns (uint16 version);
    function programInitGas(address program) external view returns (uint64 gas, uint64 gasWhenCached);
    function programMemoryFootprint(address program) external view returns (uint16 footprint);
    function programTimeLeft(address program) external view returns (uint64 _secs);
    function inkPrice() external view returns (uint32 price);
    function maxStackDepth() external view returns (uint32 depth);
    function freePages() external view returns (uint16 pages);
    function pageGas() external view returns (uint16 gas);
    function pageRamp() external view returns (uint64 ramp);
    function pageLimit() external view returns (uint16 limit);
    function minInitGas() external view returns (uint64 gas, uint64 cached);
    function initCostScalar() external view returns (uint64 percent);
    function expiryDays() external view returns (uint16 _days);
    function keepaliveDays() external view returns (uint16 _days);
    function blockCacheSize() external view returns (uint16 count);
    function activationGas() external view returns (uint64 gas);

    event ProgramActivated(bytes32 indexed codehash, bytes32 moduleHash, address program, uint256 dataFee, uint16 version);

    error ProgramNotWasm();
    error ProgramNotActivated();
    error ProgramNeedsUpgrade(uint16 version, uint16 stylusVersion);
    error ProgramExpired(uint64 ageInSeconds);
    error ProgramUpToDate();
    error ProgramKeepaliveTooSoon(uint64 ageInSeconds);
    error ProgramInsufficientValue(uint256 have, uint256 want);
}

/// The Stylus version this chain activates at (ArbOS 32+ report 2).
pub const STYLUS_VERSION: u16 = 2;
/// Data fee per KiB of decompressed WASM (a dev-chain figure, not Nitro's formula).
pub const DATA_FEE_PER_KIB: u64 = 1_000_000_000_000;
/// Activation gas: a base plus a per-byte charge (dev-chain figures of Nitro's order).
pub const ACTIVATION_GAS_BASE: u64 = 1_000_000;
pub const ACTIVATION_GAS_PER_BYTE: u64 = 8;
/// Nitro's defaults for the parameter reads.
pub const INK_PRICE: u32 = 10_000;
pub const MAX_STACK_DEPTH: u32 = 262_144;
pub const FREE_PAGES: u16 = 2;
pub const PAGE_GAS: u16 = 1_000;
pub const PAGE_RAMP: u64 = 620_674_314;
pub const PAGE_LIMIT: u16 = 128;
pub const EXPIRY_DAYS: u16 = 365;
pub const KEEPALIVE_DAYS: u16 = 31;

/// The data fee for a program of `wasm_len` decompressed bytes.
pub fn data_fee(wasm_len: usize) -> U256 {
    U256::from(wasm_len.div_ceil(1024) as u64) * U256::from(DATA_FEE_PER_KIB)
}

/// The version `codehash` was activated at, if any.
pub fn activated_version(ctx: &mut Ctx, codehash: B256) -> Result<Option<u16>, ExecError> {
    Ok(activation(ctx, codehash)?.map(|(version, _)| version))
}

/// The version `codehash` was activated at and its asm size (the dev chain's figure: the
/// decompressed WASM size; 0 for programs activated before it was recorded), if activated.
pub fn activation(ctx: &mut Ctx, codehash: B256) -> Result<Option<(u16, u32)>, ExecError> {
    ctx.evm.load_account(ARB_WASM)?;
    let v = ctx
        .evm
        .sload(ARB_WASM, U256::from_be_bytes(codehash.0))?
        .data;
    if v.is_zero() {
        return Ok(None);
    }
    let version = (v & U256::from(u16::MAX)).to::<u16>();
    let asm = ((v >> 16usize) & U256::from(u32::MAX)).to::<u32>();
    Ok(Some((version, asm)))
}

/// The program's entry gas as Nitro's `programInitGas` reports it (Stylus v2): uncached
/// (init + cached parts) and cached; from the host's prediction of activation.
pub fn init_gas(ctx: &mut Ctx, code: &Bytes) -> Result<(u64, u64), ExecError> {
    let code = stylus::resolve(ctx, code)?.unwrap_or_default();
    Ok(match ctx.external.stylus.get(&code) {
        Ok(p) => {
            let c = p.init_costs();
            (c.call_gas(false), c.call_gas(true))
        }
        Err(_) => (0, 0),
    })
}

fn program_codehash(ctx: &mut Ctx, program: Address) -> Result<Option<(B256, Bytes)>, ExecError> {
    let code = exec::load_code(ctx, program)?;
    if !stylus::is_stylus_code(&code) {
        return Ok(None);
    }
    Ok(Some((alloy_primitives::keccak256(&code), code)))
}

/// Validates and activates the program at `program`, paying from `paid` (already held by
/// 0x71); the excess goes back to `payer`. `Ok(Err(revert))` when Nitro would refuse.
///
/// A program that breaks an activation rule is refused as Nitro refuses it: a revert
/// without data that burns all the gas given (`gas_limit`). The rule broken is kept in
/// the execution context, so `eth_call` / `eth_estimateGas` can name it in their error.
pub fn activate(
    ctx: &mut Ctx,
    payer: Address,
    program: Address,
    paid: U256,
    gas_limit: u64,
) -> Result<Result<(u16, U256, u64), NativeOutcome>, ExecError> {
    let refuse = |ctx: &mut Ctx, reason: String| {
        ctx.external.stylus.last_refusal = Some(format!("activation failed: {reason}"));
        NativeOutcome::revert(Bytes::new(), gas_limit)
    };
    let Some((codehash, code)) = program_codehash(ctx, program)? else {
        return Ok(Err(revert_err(ProgramNotWasm {}, VIEW_GAS)));
    };
    if activated_version(ctx, codehash)? == Some(STYLUS_VERSION) {
        return Ok(Err(revert_err(ProgramUpToDate {}, VIEW_GAS)));
    }
    let fragmented = code.starts_with(&stylus::ROOT_PREFIX);
    let code = match stylus::resolve(ctx, &code)? {
        Ok(c) => c,
        Err(reason) => return Ok(Err(refuse(ctx, reason))),
    };
    let wasm_len = match ctx.external.stylus.validate(&code, fragmented) {
        Ok(n) => n,
        Err(reason) => return Ok(Err(refuse(ctx, reason))),
    };
    let fee = data_fee(wasm_len);
    if paid < fee {
        return Ok(Err(revert_err(
            ProgramInsufficientValue {
                have: paid,
                want: fee,
            },
            VIEW_GAS,
        )));
    }
    if paid > fee && !exec::transfer(ctx, ARB_WASM, payer, paid - fee)? {
        return Ok(Err(revert_msg("refund failed", VIEW_GAS)));
    }
    let asm = u32::try_from(wasm_len).unwrap_or(u32::MAX);
    ctx.evm.sstore(
        ARB_WASM,
        U256::from_be_bytes(codehash.0),
        U256::from(STYLUS_VERSION) | (U256::from(asm) << 16usize),
    )?;
    let event = ProgramActivated {
        codehash,
        moduleHash: alloy_primitives::keccak256(codehash),
        program,
        dataFee: fee,
        version: STYLUS_VERSION,
    };
    ctx.evm.inner.journaled_state.log(Log {
        address: ARB_WASM,
        data: event.encode_log_data(),
    });
    let gas = ACTIVATION_GAS_BASE + ACTIVATION_GAS_PER_BYTE * wasm_len as u64;
    Ok(Ok((STYLUS_VERSION, fee, gas)))
}

fn version_or_error(ctx: &mut Ctx, codehash: B256) -> Result<NativeOutcome, ExecError> {
    Ok(match activated_version(ctx, codehash)? {
        Some(v) if v == STYLUS_VERSION => ret(v),
        Some(v) => revert_err(
            ProgramNeedsUpgrade {
                version: v,
                stylusVersion: STYLUS_VERSION,
            },
            VIEW_GAS,
        ),
        None => revert_err(ProgramNotActivated {}, VIEW_GAS),
    })
}

/// An activated program at `program`, or the revert saying why not.
fn active_program(
    ctx: &mut Ctx,
    program: Address,
) -> Result<Result<(B256, Bytes), NativeOutcome>, ExecError> {
    let Some((codehash, code)) = program_codehash(ctx, program)? else {
        return Ok(Err(revert_err(ProgramNotWasm {}, VIEW_GAS)));
    };
    match activated_version(ctx, codehash)? {
        Some(_) => Ok(Ok((codehash, code))),
        None => Ok(Err(revert_err(ProgramNotActivated {}, VIEW_GAS))),
    }
}

pub fn run(ctx: &mut Ctx, inputs: &CallInputs) -> Result<NativeOutcome, ExecError> {
    let data = &inputs.input[..];
    let Some(sel) = data.get(..4) else {
        return Ok(unknown());
    };
    let sel: [u8; 4] = sel.try_into().unwrap_or_default();
    // Nitro: calldata that does not decode, or a write from a static call, reverts
    // without data.
    let bad = || NativeOutcome::revert(Bytes::new(), VIEW_GAS);
    let value = inputs.call_value();
    // Only activation and keepalive are payable.
    if !value.is_zero()
        && sel != activateProgramCall::SELECTOR
        && sel != codehashKeepaliveCall::SELECTOR
    {
        return Ok(unknown());
    }
    Ok(match sel {
        activateProgramCall::SELECTOR => {
            let Ok(call) = activateProgramCall::abi_decode(data, true) else {
                return Ok(bad());
            };
            if inputs.is_static {
                return Ok(NativeOutcome::revert(Bytes::new(), inputs.gas_limit));
            }
            match activate(ctx, inputs.caller, call.program, value, inputs.gas_limit)? {
                Ok((version, fee, gas)) => {
                    let out = activateProgramCall::abi_encode_returns(&(version, fee));
                    NativeOutcome::ok(out, gas)
                }
                Err(revert) => revert,
            }
        }
        stylusVersionCall::SELECTOR => ret(STYLUS_VERSION),
        codehashVersionCall::SELECTOR => {
            let Ok(call) = codehashVersionCall::abi_decode(data, true) else {
                return Ok(bad());
            };
            version_or_error(ctx, call.codehash)?
        }
        programVersionCall::SELECTOR => {
            let Ok(call) = programVersionCall::abi_decode(data, true) else {
                return Ok(bad());
            };
            match program_codehash(ctx, call.program)? {
                Some((h, _)) => version_or_error(ctx, h)?,
                None => revert_err(ProgramNotWasm {}, VIEW_GAS),
            }
        }
        codehashKeepaliveCall::SELECTOR => {
            let Ok(call) = codehashKeepaliveCall::abi_decode(data, true) else {
                return Ok(bad());
            };
            match activated_version(ctx, call.codehash)? {
                Some(_) => revert_err(ProgramKeepaliveTooSoon { ageInSeconds: 0 }, VIEW_GAS),
                None => revert_err(ProgramNotActivated {}, VIEW_GAS),
            }
        }
        codehashAsmSizeCall::SELECTOR => {
            let Ok(call) = codehashAsmSizeCall::abi_decode(data, true) else {
                return Ok(bad());
            };
            match activation(ctx, call.codehash)? {
                Some((_, asm)) => ret(asm),
                None => revert_err(ProgramNotActivated {}, VIEW_GAS),
            }
        }
        programInitGasCall::SELECTOR => {
            let Ok(call) = programInitGasCall::abi_decode(data, true) else {
                return Ok(bad());
            };
            match active_program(ctx, call.program)? {
                Ok((_, code)) => ret(init_gas(ctx, &code)?),
                Err(r) => r,
            }
        }
        programMemoryFootprintCall::SELECTOR => {
            let Ok(call) = programMemoryFootprintCall::abi_decode(data, true) else {
                return Ok(bad());
            };
            match active_program(ctx, call.program)? {
                Ok((_, code)) => {
                    let code = stylus::resolve(ctx, &code)?.unwrap_or_default();
                    let pages = atelier_host::Program::from_code(&code)
                        .map(|p| p.initial_pages())
                        .unwrap_or(0);
                    ret(pages.min(u16::MAX as u32) as u16)
                }
                Err(r) => r,
            }
        }
        programTimeLeftCall::SELECTOR => {
            let Ok(call) = programTimeLeftCall::abi_decode(data, true) else {
                return Ok(bad());
            };
            match active_program(ctx, call.program)? {
                Ok(_) => ret(EXPIRY_DAYS as u64 * 86_400),
                Err(r) => r,
            }
        }
        inkPriceCall::SELECTOR => ret(INK_PRICE),
        maxStackDepthCall::SELECTOR => ret(MAX_STACK_DEPTH),
        freePagesCall::SELECTOR => ret(FREE_PAGES),
        pageGasCall::SELECTOR => ret(PAGE_GAS),
        pageRampCall::SELECTOR => ret(PAGE_RAMP),
        pageLimitCall::SELECTOR => ret(PAGE_LIMIT),
        minInitGasCall::SELECTOR => ret((
            atelier_host::gas::MIN_INIT_GAS,
            atelier_host::gas::MIN_CACHED_GAS,
        )),
        initCostScalarCall::SELECTOR => ret(100u64),
        expiryDaysCall::SELECTOR => ret(EXPIRY_DAYS),
        keepaliveDaysCall::SELECTOR => ret(KEEPALIVE_DAYS),
        blockCacheSizeCall::SELECTOR => ret(32u16),
        activationGasCall::SELECTOR => ret(ACTIVATION_GAS_BASE),
        _ => unknown(),
    })
}
