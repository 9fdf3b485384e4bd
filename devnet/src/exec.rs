//! revm glue, the bottom of the execution side: the handler register that hands calls
//! to native code (precompiles, the StylusDeployer, Stylus programs) through the [`Vm`]
//! trait, lets Stylus code (`0xEF 0xF0 ..`) be deployed, runs native frames and nested
//! calls over the same journaled state, and gives native code its state access.
//!
//! This module names no native part: they all sit above it and meet here, through
//! [`Vm`] (implemented by `natives`), so no two of them depend on each other
//! in a loop.

use std::{convert::Infallible, mem, sync::Arc};

use alloy_primitives::{Address, Bytes, B256, U256};
use alloy_sol_types::SolError;
use revm::{
    db::{CacheDB, EmptyDB},
    handler::register::EvmHandler,
    interpreter::{
        CallInputs, CallOutcome, CallValue, CreateInputs, Gas, InstructionResult, InterpreterResult,
    },
    primitives::{Bytecode, EVMError, SpecId},
    Context, Evm, EvmContext, FrameOrResult, FrameResult,
};

use crate::programs::ProgramCache;

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
#[derive(Clone)]
pub struct DevExt {
    /// The native side, reached only through the trait (see [`Vm`]).
    pub vm: &'static dyn Vm,
    pub stylus: ProgramCache,
}

impl DevExt {
    pub fn new(vm: &'static dyn Vm) -> Self {
        Self {
            vm,
            stylus: ProgramCache::default(),
        }
    }
}

/// A native call handler: runs inside a frame [`native_call`] opened (depth checked,
/// value moved, checkpoint taken), returns what the frame returns.
pub type Native = Box<dyn FnOnce(&mut Ctx, &CallInputs) -> Result<NativeOutcome, ExecError>>;

/// The one seam between the chain's execution (this module, revm) and the VM's native
/// parts (precompiles, the StylusDeployer, Stylus programs). Its first two methods are
/// what revm's hooks ask; the others are what one native part needs of another
/// (ArbWasm's activation record, ArbWasmCache, ArbOwnerPublic's limit), asked here so
/// that e.g. the Stylus runner need not import the precompiles that import it. The
/// other direction — nested calls and state access — is this module's functions on
/// the [`Ctx`] a handler is given ([`run_nested`], [`load_code`], [`transfer`]).
pub trait Vm: Sync {
    /// The handler for a call whose code lives at `code_address`, if native code runs
    /// it (a native contract, or a Stylus program); `None` leaves the call to revm.
    fn native(&self, ctx: &mut Ctx, code_address: Address) -> Result<Option<Native>, ExecError>;
    /// Whether created code starting with 0xEF may be deposited (EIP-3541 is lifted
    /// for the Stylus forms only).
    fn deployable(&self, code: &[u8]) -> bool;
    /// ArbWasm's activation record of `codehash`: the Stylus version and asm size.
    fn activation(&self, ctx: &mut Ctx, codehash: B256) -> Result<Option<(u16, u32)>, ExecError>;
    /// ArbWasmCache: whether the program at `program` is in ArbOS's program cache.
    fn program_cached(&self, ctx: &mut Ctx, program: Address) -> Result<bool, ExecError>;
    /// ArbOwnerPublic: the most fragments a root contract may list.
    fn max_fragments(&self) -> usize;
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

/// A revert with a Solidity custom error.
pub fn revert_err<E: SolError>(e: E, gas: u64) -> NativeOutcome {
    NativeOutcome::revert(Bytes::from(e.abi_encode()), gas)
}

/// A revert with `Error(string)`.
pub fn revert_msg(msg: impl Into<String>, gas: u64) -> NativeOutcome {
    let e = alloy_sol_types::Revert { reason: msg.into() };
    NativeOutcome::revert(Bytes::from(e.abi_encode()), gas)
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
        if result.result.is_ok() && ctx.external.vm.deployable(&result.output) {
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
    let vm = ctx.external.vm;
    match vm.native(ctx, inputs.bytecode_address)? {
        Some(native) => native_call(ctx, inputs, native).map(Some),
        None => Ok(None),
    }
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
    let placeholder = Context::new(EvmContext::new(Db::default()), DevExt::new(ctx.external.vm));
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
