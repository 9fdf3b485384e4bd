//! # atelier-host: a Stylus host for compiled WASM
//!
//! Runs Arbitrum Stylus programs (`target/stylus/*.wasm`, or deployed Stylus code with the
//! `0xEFF000` prefix) on [wasmi](https://docs.rs/wasmi/0.40), linking every `vm_hooks` import
//! that stylus-sdk 0.9 programs use, with Nitro's semantics (storage cache, reentrancy flag,
//! static calls, delegate calls, return data).
//!
//! The pieces, one concern per module:
//! - [`program`]: [`Program::from_code`] — decode, validate the imports and the entrypoint,
//!   instrument for metering, compile once.
//! - [`backend`]: [`Backend`] — the state a running program sees (storage, balances, code,
//!   nested calls, logs, environment). Implemented by the in-memory [`World`] here and by the
//!   dev chain over revm.
//! - [`engine`]: [`execute`] — run one call frame ([`Frame`]) of a program against a backend,
//!   producing an [`Outcome`].
//! - [`hostio`]: the `vm_hooks` imports themselves.
//! - [`meter`]: [`Meter`] — what a call did (instructions, ink, host I/O by kind).
//! - [`gas`]: Nitro's published prices and the gas *estimate* (see `GAS.md`).
//! - [`world`]: [`World`] — in-memory journaled state with EOAs, programs and native mocks;
//!   top-level calls return a [`Receipt`].
//! - [`native`]: [`NativeContract`] — Rust mock contracts living in a [`World`].
//!
//! The gas figures are an **estimate** built from Nitro's published pricing, not a consensus
//! implementation (`GAS.md`). The public API is summarised in `API.md`.
//!
//! Tests: `cargo test -p atelier-host --lib` runs the host's unit tests (`src/tests/`, on
//! hand-written WAT programs). Two of them load the real artifacts and need
//! `target/stylus/*.wasm` built first by `scripts/build-wasm`; they never build it and fail
//! with a message saying so.

pub mod backend;
pub mod engine;
pub mod gas;
mod host;
pub mod hostio;
mod instrument;
mod journal;
pub mod meter;
pub mod native;
pub mod program;
pub mod world;

pub use alloy_primitives::{Address, Bytes, Log, LogData, B256, U256};
pub use backend::{
    Access, Backend, CallKind, CallRequest, CallResult, CreateRequest, CreateResult, Env,
    StorageStore, StylusTx,
};
pub use engine::{execute, Exit, Frame, Outcome};
pub use meter::Meter;
pub use native::{NativeCall, NativeContract, NativeCtx, NativeResult};
pub use program::{LoadError, Program};
pub use world::{Receipt, World};

#[cfg(test)]
mod tests;
