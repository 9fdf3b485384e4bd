//! revm glue: the handler register that routes calls to native precompiles (ArbWasm,
//! the StylusDeployer) and Stylus programs, lets Stylus code (`0xEF 0xF0 ..`) be
//! deployed, and runs nested calls over the same journaled state.

use std::{convert::Infallible, mem, sync::Arc};

use alloy_primitives::{Address, Bytes, U256};
use revm::{
    db::{CacheDB, EmptyDB},
    handler::register::EvmHandler,
    interpreter::{
        CallInputs, CallOutcome, CallValue, CreateInputs, Gas, InstructionResult, InterpreterResult,
    },
    primitives::{Bytecode, EVMError, SpecId},
    Context, Evm, EvmContext, FrameOrResult, FrameResult,
};

use crate::{precompiles, stylus};

/// The committed state of the chain (accounts, storage, code, block hashes).
pub type BaseDb = CacheDB<EmptyDB>;

/// The committed state shared read-only by every execution (an `Arc`, so starting a run
/// copies nothing); each run writes into its own [`Db`] overlay.
#[derive(Clone, Default)]
pub struct Shared(pub Arc<BaseDb>);

impl revm::DatabaseRef for Shared {
    type Error = Infallible;
    fn basic_ref(&self, a: Address) -> Result<Option<revm::primitives::AccountInfo>, Infallible> {
        self.0.basic_ref(a)
    }
    fn code_by_hash_ref(&self, h: alloy_primitives::B256) -> Result<Bytecode, Infallible> {
        self.0.code_by_hash_ref(h)
    }
    fn storage_ref(&self, a: Address, i: U256) -> Result<U256, Infallible> {
        self.0.storage_ref(a, i)
    }
    fn block_hash_ref(&self, n: u64) -> Result<alloy_primitives::B256, Infallible> {
        self.0.block_hash_ref(n)
    }
}

/// What one execution runs on: an overlay over the shared committed state.
pub type Db = CacheDB<Shared>;
pub type Ctx = Context<DevExt, Db>;
pub type ExecError = EVMError<Infallible>;

/// The chain's hard fork for EVM code.
pub const SPEC: SpecId = SpecId::CANCUN;
/// Stylus code sizes (Arbitrum keeps EIP-170's 24 KiB).
pub const MAX_CODE_SIZE: usize = 24_576;

/// External context carried through execution.
#[derive(Clone, Default)]
pub struct DevExt {
    pub stylus: stylus::ProgramCache,
}

/// What a native handler (precompile, Stylus program) returns.
#[derive(Debug)]
pub struct NativeOutcome {
    pub success: bool,
    pub output: Bytes,
    pub gas_used: u64,
}

impl NativeOutcome {
    pub fn ok(output: impl Into<Bytes>, gas_used: u64) -> Self {
        Self {
            success: true,
            output: output.into(),
            gas_used,
        }
    }
    pub fn revert(output: impl Into<Bytes>, gas_used: u64) -> Self {
        Self {
            success: false,
            output: output.into(),
            gas_used,
        }
    }
}

/// Installs the dev chain's call and create hooks (revm 19's handles are `Arc<dyn Fn>`
/// without `Send`).
#[allow(clippy::arc_with_non_send_sync)]
pub fn register(handler: &mut EvmHandler<'_, DevExt, Db>) {
    let prev_call = handler.execution.call.clone();
    handler.execution.call = Arc::new(move |ctx, inputs| match intercept(ctx, &inputs)? {
        Some(outcome) => Ok(FrameOrResult::Result(FrameResult::Call(outcome))),
        None => prev_call(ctx, inputs),
    });
    let prev_create_return = handler.execution.create_return.clone();
    handler.execution.create_return = Arc::new(move |ctx, frame, mut result| {
        if result.result.is_ok() && stylus::is_stylus_family(&result.output) {
            deposit_stylus_code(
                ctx,
                frame.created_address,
                frame.frame_data.checkpoint,
                &mut result,
            );
            Ok(revm::interpreter::CreateOutcome::new(
                result,
                Some(frame.created_address),
            ))
        } else {
            prev_create_return(ctx, frame, result)
        }
    });
}

/// EIP-3541 refuses code starting with 0xEF; Arbitrum accepts Stylus programs' prefix.
/// Same size limit and code-deposit gas as EVM code.
fn deposit_stylus_code(
    ctx: &mut Ctx,
    address: Address,
    checkpoint: revm::JournalCheckpoint,
    result: &mut InterpreterResult,
) {
    let js = &mut ctx.evm.inner.journaled_state;
    if result.output.len() > MAX_CODE_SIZE {
        js.checkpoint_revert(checkpoint);
        result.result = InstructionResult::CreateContractSizeLimit;
        return;
    }
    if !result.gas.record_cost(result.output.len() as u64 * 200) {
        js.checkpoint_revert(checkpoint);
        result.result = InstructionResult::OutOfGas;
        return;
    }
    js.checkpoint_commit();
    js.set_code(address, Bytecode::new_raw(result.output.clone()));
    result.result = InstructionResult::Return;
}

fn intercept(ctx: &mut Ctx, inputs: &CallInputs) -> Result<Option<CallOutcome>, ExecError> {
    let addr = inputs.bytecode_address;
    if let Some(native) = precompiles::native(addr) {
        return native_call(ctx, inputs, native).map(Some);
    }
    let code = load_code(ctx, addr)?;
    if stylus::is_stylus_code(&code) {
        return native_call(ctx, inputs, |ctx, inputs| stylus::run(ctx, inputs, code)).map(Some);
    }
    Ok(None)
}

/// The code at an address (warming it).
pub fn load_code(ctx: &mut Ctx, addr: Address) -> Result<Bytes, ExecError> {
    let inner = &mut ctx.evm.inner;
    let acc = inner.journaled_state.load_code(addr, &mut inner.db)?;
    Ok(acc
        .info
        .code
        .as_ref()
        .map(|c| c.original_bytes())
        .unwrap_or_default())
}

/// Runs a native handler as a call frame: depth check, checkpoint, value transfer,
/// commit or revert, gas.
pub fn native_call(
    ctx: &mut Ctx,
    inputs: &CallInputs,
    f: impl FnOnce(&mut Ctx, &CallInputs) -> Result<NativeOutcome, ExecError>,
) -> Result<CallOutcome, ExecError> {
    let mut gas = Gas::new(inputs.gas_limit);
    let done = |result, gas, output| {
        CallOutcome::new(
            InterpreterResult {
                result,
                gas,
                output,
            },
            inputs.return_memory_offset.clone(),
        )
    };
    if ctx.evm.inner.journaled_state.depth() > 1024 {
        return Ok(done(InstructionResult::CallTooDeep, gas, Bytes::new()));
    }
    ctx.evm.load_account(inputs.target_address)?;
    ctx.evm.load_account(inputs.caller)?;
    let checkpoint = ctx.evm.inner.journaled_state.checkpoint();
    match inputs.value {
        CallValue::Transfer(v) if v.is_zero() => {
            ctx.evm.inner.journaled_state.touch(&inputs.target_address);
        }
        CallValue::Transfer(v) => {
            let inner = &mut ctx.evm.inner;
            if let Some(r) = inner.journaled_state.transfer(
                &inputs.caller,
                &inputs.target_address,
                v,
                &mut inner.db,
            )? {
                inner.journaled_state.checkpoint_revert(checkpoint);
                return Ok(done(r, gas, Bytes::new()));
            }
        }
        CallValue::Apparent(_) => {}
    }
    let out = f(ctx, inputs)?;
    let js = &mut ctx.evm.inner.journaled_state;
    if !gas.record_cost(out.gas_used) {
        gas.spend_all();
        js.checkpoint_revert(checkpoint);
        return Ok(done(InstructionResult::OutOfGas, gas, Bytes::new()));
    }
    if out.success {
        js.checkpoint_commit();
        Ok(done(InstructionResult::Return, gas, out.output))
    } else {
        js.checkpoint_revert(checkpoint);
        Ok(done(InstructionResult::Revert, gas, out.output))
    }
}

/// A nested call or create, run to completion over the same journaled state.
pub enum Nested {
    Call(Box<CallInputs>),
    Create(Box<CreateInputs>),
}

/// Runs a nested frame (from a Stylus program or a native contract) through revm's
/// own frame loop, so it reaches EVM code, precompiles and Stylus programs alike.
pub fn run_nested(ctx: &mut Ctx, action: Nested) -> Result<FrameResult, ExecError> {
    let placeholder = Context::new(EvmContext::new(Db::default()), DevExt::default());
    let taken = mem::replace(ctx, placeholder);
    let mut handler = EvmHandler::mainnet_with_spec(SPEC);
    handler.append_handler_register_plain(register);
    let mut evm = Evm::new(taken, handler);
    let result = (|| {
        let first = match action {
            Nested::Call(i) => (evm.handler.execution.call)(&mut evm.context, i)?,
            Nested::Create(i) => (evm.handler.execution.create)(&mut evm.context, i)?,
        };
        match first {
            FrameOrResult::Frame(f) => evm.run_the_loop(f),
            FrameOrResult::Result(r) => Ok(r),
        }
    })();
    *ctx = evm.into_context();
    result
}

/// Convenience: a nested plain call.
#[allow(clippy::too_many_arguments)]
pub fn call_inputs(
    caller: Address,
    target: Address,
    code_address: Address,
    value: CallValue,
    input: Bytes,
    gas_limit: u64,
    scheme: revm::interpreter::CallScheme,
    is_static: bool,
) -> Box<CallInputs> {
    Box::new(CallInputs {
        input,
        return_memory_offset: 0..0,
        gas_limit,
        bytecode_address: code_address,
        target_address: target,
        caller,
        value,
        scheme,
        is_static,
        is_eof: false,
    })
}

/// Moves `value` between accounts inside the current frame (no checkpoint).
pub fn transfer(ctx: &mut Ctx, from: Address, to: Address, value: U256) -> Result<bool, ExecError> {
    ctx.evm.load_account(from)?;
    ctx.evm.load_account(to)?;
    let inner = &mut ctx.evm.inner;
    Ok(inner
        .journaled_state
        .transfer(&from, &to, value, &mut inner.db)?
        .is_none())
}
