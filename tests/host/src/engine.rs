//! Running one call frame of a Stylus program: [`execute`].

use alloy_primitives::{Address, Bytes, U256};

use crate::{backend::Backend, meter::Meter, program::Program};

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
    /// Ran out of ink/gas (all gas is consumed).
    OutOfGas,
    /// The program trapped or broke a host rule (e.g. a state change in a static frame);
    /// all gas is consumed. The string says why.
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
/// Storage writes go through Nitro's storage cache: they reach the backend at
/// `storage_flush_cache`, before each nested call, and at the end of a successful frame.
/// A failed frame (revert, trap, out of gas) leaves its unflushed writes unapplied; rolling
/// back what was flushed (and what nested calls did) is the backend's journal's job.
/// Never panics on program behaviour: a trapping program is a failed [`Outcome`].
pub fn execute(program: &Program, frame: &Frame, backend: &mut dyn Backend) -> Outcome {
    crate::hostio::run(program, frame, backend)
}
