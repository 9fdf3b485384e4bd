//! The StylusDeployer at the address `cargo stylus deploy` uses for contracts with
//! constructors, implemented natively from its ABI:
//!
//! `deploy(bytes bytecode, bytes initData, uint256 initValue, bytes32 salt) payable
//! returns (address)` creates `bytecode` (CREATE, or CREATE2 with
//! `keccak256(initData ++ salt)` when `salt` is non-zero), activates it if it is an
//! unactivated Stylus program (the data fee comes out of `msg.value - initValue`), calls it
//! with `initData` and `initValue` if `initData` is non-empty (a revert there reverts the
//! deployment with the same data), refunds the rest of `msg.value` to the sender and emits
//! `ContractDeployed(address)`. Its refusals are the deployer ABI's errors:
//! `EmptyBytecode()`, `InitValueButNotInitData()`, `ContractDeploymentError(bytecode)`
//! (the creation failed), `ContractInitializationError(newContract, data)` (the
//! constructor reverted with `data`), `RefundExcessValueError(excess)`; `msg.value`
//! below `initValue` is an arithmetic `Panic(0x11)`; an activation refusal is ArbWasm's.

use alloy_primitives::{keccak256, Bytes, Log, U256};
use alloy_sol_types::{sol, SolCall, SolError, SolEvent};
use revm::interpreter::{CallInputs, CallScheme, CallValue, CreateInputs, CreateScheme};

use crate::{
    exec::{self, Ctx, ExecError, NativeOutcome, Nested},
    precompiles::{arbwasm, revert_msg, unknown, ARB_WASM, STYLUS_DEPLOYER},
    stylus,
};

sol! {
    event ContractDeployed(address deployedContract);
    error ContractDeploymentError(bytes bytecode);
    error ContractInitializationError(address newContract, bytes data);
    error RefundExcessValueError(uint256 excessValue);
    error EmptyBytecode();
    error InitValueButNotInitData();
    error Panic(uint256 code);
    function deploy(bytes bytecode, bytes initData, uint256 initValue, bytes32 salt) external payable returns (address);
}

const BASE_GAS: u64 = 10_000;

pub fn run(ctx: &mut Ctx, inputs: &CallInputs) -> Result<NativeOutcome, ExecError> {
    let data = &inputs.input[..];
    if data.get(..4) != Some(&deployCall::SELECTOR[..]) {
        return Ok(unknown());
    }
    let Ok(call) = deployCall::abi_decode(data, true) else {
        return Ok(revert_msg("invalid calldata", BASE_GAS));
    };
    if inputs.is_static {
        return Ok(revert_msg("write protection", BASE_GAS));
    }
    let value = inputs.call_value();
    let fail = |msg: &str, gas| Ok(revert_msg(msg, gas));
    let err = |data: Vec<u8>, gas| Ok(NativeOutcome::revert(Bytes::from(data), gas));
    if call.bytecode.is_empty() {
        return err(EmptyBytecode {}.abi_encode(), BASE_GAS);
    }
    if call.initData.is_empty() && !call.initValue.is_zero() {
        return err(InitValueButNotInitData {}.abi_encode(), BASE_GAS);
    }
    if value < call.initValue {
        return err(Panic { code: U256::from(0x11) }.abi_encode(), BASE_GAS);
    }
    let mut used = BASE_GAS;
    let left = |used: u64| inputs.gas_limit.saturating_sub(used);

    // 1. Create.
    let scheme = if call.salt.is_zero() {
        CreateScheme::Create
    } else {
        let mut buf = call.initData.to_vec();
        buf.extend_from_slice(call.salt.as_slice());
        CreateScheme::Create2 {
            salt: U256::from_be_bytes(keccak256(&buf).0),
        }
    };
    let create = Box::new(CreateInputs {
        caller: STYLUS_DEPLOYER,
        scheme,
        value: U256::ZERO,
        init_code: call.bytecode.clone(),
        gas_limit: left(used),
    });
    let revm::FrameResult::Create(created) = exec::run_nested(ctx, Nested::Create(create))? else {
        return fail("StylusDeployer: create failed", inputs.gas_limit);
    };
    used += created.result.gas.spent();
    let Some(addr) = created.address.filter(|_| created.result.result.is_ok()) else {
        return err(ContractDeploymentError { bytecode: call.bytecode.clone() }.abi_encode(), used);
    };

    // 2. Activate.
    let code = exec::load_code(ctx, addr)?;
    let budget = value - call.initValue;
    if stylus::is_stylus_code(&code) && arbwasm::activated_version(ctx, keccak256(&code))?.is_none()
    {
        if !exec::transfer(ctx, STYLUS_DEPLOYER, ARB_WASM, budget)? {
            return fail("StylusDeployer: fee transfer failed", used);
        }
        match arbwasm::activate(ctx, STYLUS_DEPLOYER, addr, budget, left(used))? {
            Ok((_, _, gas)) => used += gas,
            Err(revert) => return Ok(NativeOutcome::revert(revert.output, used + revert.gas_used)),
        }
    }

    // 3. Constructor.
    if !call.initData.is_empty() {
        let init = exec::call_inputs(
            STYLUS_DEPLOYER,
            addr,
            addr,
            CallValue::Transfer(call.initValue),
            call.initData.clone(),
            left(used),
            CallScheme::Call,
            false,
        );
        let revm::FrameResult::Call(out) = exec::run_nested(ctx, Nested::Call(init))? else {
            return fail("StylusDeployer: constructor call failed", used);
        };
        used += out.result.gas.spent();
        if !out.result.result.is_ok() {
            let data = out.result.output.clone();
            return err(ContractInitializationError { newContract: addr, data }.abi_encode(), used);
        }
    }

    // 4. Refund what is left of msg.value.
    ctx.evm.load_account(STYLUS_DEPLOYER)?;
    let balance = ctx.evm.balance(STYLUS_DEPLOYER)?.data;
    if !balance.is_zero() && !exec::transfer(ctx, STYLUS_DEPLOYER, inputs.caller, balance)? {
        return err(RefundExcessValueError { excessValue: balance }.abi_encode(), used);
    }
    let event = ContractDeployed {
        deployedContract: addr,
    };
    ctx.evm.inner.journaled_state.log(Log {
        address: STYLUS_DEPLOYER,
        data: event.encode_log_data(),
    });
    let out = deployCall::abi_encode_returns(&(addr,));
    Ok(NativeOutcome::ok(Bytes::from(out), used))
}
