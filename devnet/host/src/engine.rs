//! Running one call frame of a Stylus program: [`execute`].

use alloy_primitives::{Address, Bytes, U256};

use alloy_primitives::B256;

use crate::{
    backend::{Backend, Env},
    gas, instrument,
    meter::Meter,
    program::Program,
};

/// One call frame: who runs, on whose behalf, with what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Frame {
    /// `contract_address`: the account whose storage and balance the program uses.
    pub address: Address,
    /// The account whose code runs (differs from `address` in a delegate call).
    pub code_address: Address,
    /// `msg_sender`.
    pub caller: Address,
    /// `msg_value` (already transferred by the backend, except in delegate calls).
    pub value: U256,
    /// Calldata (`read_args`).
    pub input: Bytes,
    /// Gas available to the frame.
    pub gas_limit: u64,
    /// `true` in a static context: storage writes, logs, transient stores, creations and
    /// value-carrying calls fail the frame.
    pub is_static: bool,
    /// `msg_reentrant`: in Nitro, `true` when this contract already has a frame open on the
    /// call stack (delegate-call frames do not count), see [`crate::World`].
    pub reentrant: bool,
    /// Call depth (0 = top-level).
    pub depth: usize,
}

impl Frame {
    /// A top-level, non-static, non-reentrant frame calling `address`'s own code.
    pub fn new(
        address: Address,
        caller: Address,
        value: U256,
        input: impl Into<Bytes>,
        gas_limit: u64,
    ) -> Frame {
        Frame {
            address,
            code_address: address,
            caller,
            value,
            input: input.into(),
            gas_limit,
            is_static: false,
            reentrant: false,
            depth: 0,
        }
    }
}

/// How a frame ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Exit {
    /// `user_entrypoint` returned 0: success, state changes kept.
    Returned,
    /// `user_entrypoint` returned non-zero: revert with the written result as revert data.
    Reverted,
    /// Ran out of ink/gas, or out of stack (all gas is consumed).
    OutOfGas,
    /// The program trapped or broke a host rule (e.g. a state change in a static frame).
    /// As on Nitro (`userFailure`) this is a revert without data: the gas left is returned
    /// (a stack overflow consumes all gas). The string says why.
    Failed(String),
}

/// The result of [`execute`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// `true` iff [`Exit::Returned`].
    pub success: bool,
    /// How the frame ended.
    pub exit: Exit,
    /// Return data, or revert data (empty after a trap or out-of-gas).
    pub output: Bytes,
    /// Estimated gas used by the frame, nested calls included (see [`crate::gas`]).
    pub gas_used: u64,
    /// What the frame did, nested Stylus frames included.
    pub meter: Meter,
}

/// Run `program` for one call `frame` against `backend`.
///
/// Storage writes go through Nitro's storage cache and reach the backend only at
/// `storage_flush_cache` (stylus-sdk flushes before each nested call and at the end of a
/// successful entrypoint; the host, like Nitro's, adds no flush of its own). A failed frame
/// (revert, trap, out of gas) leaves its unflushed writes unapplied; rolling back what was
/// flushed (and what nested calls did) is the backend's journal's job.
/// Never panics on program behaviour: a trapping program is a failed [`Outcome`]. (A start
/// function, which Nitro refuses at activation, runs before the ink is set and so fails.)
pub fn execute(program: &Program, frame: &Frame, backend: &mut dyn Backend) -> Outcome {
    let footprint = u16::try_from(program.initial_pages()).unwrap_or(u16::MAX);
    // Nitro (`CallProgram`): memory footprint, then the program's init costs; a program in
    // ArbOS's cache (a cache manager's bid) or already entered in this transaction (ArbOS
    // 60 recent-programs cache) is cached: `program.cached || recent.Insert(codeHash)`.
    let arbos_cached = backend.program_cached(frame.code_address, program.code_hash());
    let tx = backend.stylus_tx();
    let (open, ever) = (tx.open_pages, tx.ever_pages);
    let cached = arbos_cached || !tx.recent_programs.insert(program.code_hash());
    let entry_gas = gas::memory_gas(footprint, open, ever)
        .saturating_add(program.init_costs().call_gas(cached));
    let mut meter = Meter { frames: 1, init_gas: entry_gas, ..Meter::default() };
    if entry_gas > frame.gas_limit {
        meter.init_gas = frame.gas_limit;
        return Outcome::failed(Exit::OutOfGas, frame.gas_limit, meter);
    }
    tx.open_pages = open.saturating_add(footprint);
    tx.ever_pages = ever.max(tx.open_pages);

    // Nested calls recurse on the native stack (wasm -> host I/O -> backend -> execute);
    // grow it on the heap when it runs low, so a deep call chain cannot crash the host.
    let outcome = stacker::maybe_grow(STACK_RED_ZONE, STACK_SEGMENT, || {
        run(program, frame, backend, frame.gas_limit - entry_gas, meter)
    });

    backend.stylus_tx().open_pages = open;
    outcome
}

impl Outcome {
    fn failed(exit: Exit, gas_used: u64, meter: Meter) -> Outcome {
        Outcome { success: false, exit, output: Bytes::new(), gas_used, meter }
    }
}

/// Why a host I/O stopped the program.
#[derive(Debug)]
pub(crate) enum HostTrap {
    /// Out of ink (the status global is set too).
    OutOfInk,
    /// `exit_early(status)`.
    Exit(u32),
    /// A rule was broken (bad pointer, write in a static frame, bad log, ...).
    Fail(String),
}

impl std::fmt::Display for HostTrap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HostTrap::OutOfInk => write!(f, "out of ink"),
            HostTrap::Exit(s) => write!(f, "exit_early({s})"),
            HostTrap::Fail(why) => write!(f, "{why}"),
        }
    }
}

impl wasmi::core::HostError for HostTrap {}

/// The backend a running frame talks to, with its lifetime erased so it can live in the
/// wasmi store (whose data must be `'static`).
pub(crate) struct BackendPtr(*mut (dyn Backend + 'static));

impl BackendPtr {
    /// SAFETY contract: the pointer is created in [`run`] from a `&mut dyn Backend` that
    /// outlives the store it is put in (the store is dropped before `run` returns), and it
    /// is only dereferenced by host functions while `run` is blocked in the wasm call, so no
    /// other reference to the backend is in use at the same time.
    fn new(backend: &mut dyn Backend) -> BackendPtr {
        let ptr: *mut (dyn Backend + '_) = backend;
        // SAFETY: only the lifetime is changed; see the contract above.
        BackendPtr(unsafe {
            std::mem::transmute::<*mut (dyn Backend + '_), *mut (dyn Backend + 'static)>(ptr)
        })
    }

    pub(crate) fn get(&mut self) -> &mut dyn Backend {
        // SAFETY: see `new`.
        unsafe { &mut *self.0 }
    }
}

/// Handles to the instrumentation globals and the memory of the running instance.
#[derive(Clone, Copy)]
pub(crate) struct Handles {
    pub(crate) ink: wasmi::Global,
    pub(crate) status: wasmi::Global,
    pub(crate) memory: wasmi::Memory,
}

/// The store data of a running frame.
pub(crate) struct HostState {
    pub(crate) backend: BackendPtr,
    pub(crate) frame: Frame,
    pub(crate) env: Env,
    pub(crate) outs: Vec<u8>,
    pub(crate) return_data: Bytes,
    pub(crate) cache: StorageCache,
    pub(crate) meter: Meter,
    /// Nested frames' meters, summed (depth counted from this frame).
    pub(crate) nested: Meter,
    /// Gas bought on behalf of nested callees (their own meters hold the details).
    pub(crate) nested_gas: u64,
    pub(crate) handles: Option<Handles>,
    pub(crate) limits: wasmi::StoreLimits,
}

/// Nitro's storage cache (`arbutil::evm::storage`): slot values with the value known to the
/// state, plus read/write counters for the cache surcharges.
#[derive(Default)]
pub(crate) struct StorageCache {
    pub(crate) slots: std::collections::BTreeMap<B256, Word>,
    pub(crate) reads: u64,
    pub(crate) writes: u64,
}

/// A cached slot.
pub(crate) struct Word {
    pub(crate) value: B256,
    pub(crate) known: Option<B256>,
}

/// Native stack a frame wants left before it runs (see [`execute`]).
const STACK_RED_ZONE: usize = 1 << 20;
/// Size of a new native stack segment when the red zone is reached.
const STACK_SEGMENT: usize = 16 << 20;

/// Linear-memory cap: Nitro's page limit (128 pages, 8 MiB).
const MEMORY_LIMIT: usize = 128 * 65536;

fn run(
    program: &Program,
    frame: &Frame,
    backend: &mut dyn Backend,
    gas: u64,
    mut meter: Meter,
) -> Outcome {
    let env = backend.env();
    let state = HostState {
        backend: BackendPtr::new(backend),
        frame: frame.clone(),
        env,
        outs: Vec::new(),
        return_data: Bytes::new(),
        cache: StorageCache::default(),
        meter: Meter::default(),
        nested: Meter::default(),
        nested_gas: 0,
        handles: None,
        limits: wasmi::StoreLimitsBuilder::new().memory_size(MEMORY_LIMIT).build(),
    };
    let mut store = wasmi::Store::new(crate::program::engine(), state);
    store.limiter(|s| &mut s.limits);
    let ink = gas::gas_to_ink(gas);

    let started = crate::host::linker::with_linker(|linker| {
        let instance = linker.instantiate(&mut store, &program.inner.module)?.start(&mut store)?;
        let global = |name: &str| {
            instance.get_global(&store, name).ok_or_else(|| wasmi::Error::new(format!("no {name}")))
        };
        let handles = Handles {
            ink: global(instrument::INK_LEFT)?,
            status: global(instrument::INK_STATUS)?,
            memory: instance
                .get_memory(&store, "memory")
                .ok_or_else(|| wasmi::Error::new("no memory"))?,
        };
        let count = global(instrument::INSTRUCTIONS)?;
        handles.ink.set(&mut store, wasmi::Val::I64(ink as i64))?;
        store.data_mut().handles = Some(handles);
        let entry = instance.get_typed_func::<i32, i32>(&store, instrument::ENTRYPOINT)?;
        Ok::<_, wasmi::Error>((handles, count, entry))
    });
    let (handles, count, entry) = match started {
        Ok(x) => x,
        Err(e) => {
            return Outcome::failed(
                Exit::Failed(format!("instantiation: {e}")),
                frame.gas_limit,
                meter,
            )
        }
    };
    let args_len = i32::try_from(frame.input.len()).unwrap_or(i32::MAX);
    let result = entry.call(&mut store, args_len);

    let ink_left = handles.ink.get(&store).i64().unwrap_or(0) as u64;
    let out_of_ink = handles.status.get(&store).i32().unwrap_or(0) != 0;
    let instructions = count.get(&store).i64().unwrap_or(0) as u64;
    let state = store.into_data();

    let stack_overflow = matches!(
        &result,
        Err(e) if e.as_trap_code() == Some(wasmi::core::TrapCode::StackOverflow)
    );
    let exit = match result {
        Ok(0) => Exit::Returned,
        Ok(_) => Exit::Reverted,
        Err(e) => match e.downcast_ref::<HostTrap>() {
            Some(HostTrap::Exit(0)) => Exit::Returned,
            Some(HostTrap::Exit(_)) => Exit::Reverted,
            Some(HostTrap::OutOfInk) => Exit::OutOfGas,
            _ if out_of_ink => Exit::OutOfGas,
            Some(HostTrap::Fail(why)) => Exit::Failed(why.clone()),
            None => Exit::Failed(e.to_string()),
        },
    };

    // Fold the frame's counters into the meter.
    let own = state.meter;
    let spent_ink = ink.saturating_sub(if matches!(exit, Exit::OutOfGas) { 0 } else { ink_left });
    meter += own;
    meter += state.nested;
    meter.instructions += instructions;
    meter.wasm_ink = meter.wasm_ink.saturating_add(
        spent_ink
            .saturating_sub(own.hostio_ink)
            .saturating_sub(gas::gas_to_ink(own.evm_gas.saturating_add(state.nested_gas))),
    );

    let gas_left = gas::ink_to_gas(ink_left);
    let gas_used = frame.gas_limit - gas_left.min(frame.gas_limit);
    match exit {
        Exit::Returned | Exit::Reverted => {
            let mut gas_used = gas_used;
            let output = Bytes::from(state.outs);
            if !output.is_empty() {
                // Nitro: return data costs at least what EVM memory for it would.
                let floor = gas::evm_memory_cost(output.len() as u64);
                if floor > frame.gas_limit {
                    return Outcome::failed(Exit::OutOfGas, frame.gas_limit, meter);
                }
                gas_used = gas_used.max(floor);
            }
            let success = exit == Exit::Returned;
            if !success {
                meter.refund = 0;
            }
            Outcome { success, exit, output, gas_used, meter }
        }
        Exit::Failed(why) if !stack_overflow => {
            // Nitro (`userFailure`): a revert without data; the gas left is returned.
            meter.refund = 0;
            Outcome::failed(Exit::Failed(why), gas_used, meter)
        }
        other => {
            // Out of ink, or out of stack (Nitro's `ErrDepth`): all gas is consumed.
            meter.refund = 0;
            Outcome::failed(other, frame.gas_limit, meter)
        }
    }
}
