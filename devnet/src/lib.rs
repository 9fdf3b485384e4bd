//! Atelier's local Stylus dev chain.
//!
//! A JSON-RPC server ([`server`], [`rpc`]) over a single-node chain ([`chain`]) that
//! executes transactions with revm ([`exec`]) and runs Stylus programs through the
//! project's WASM host ([`stylus`], [`programs`]). The Arbitrum surface `cargo stylus
//! deploy` needs (ArbWasm at 0x71, ArbOwnerPublic, the StylusDeployer) is native Rust
//! ([`precompiles`], [`deployer`]). Execution reaches all native code through one
//! trait, [`exec::Vm`], which [`natives`] implements.

pub mod accounts;
pub mod calls;
pub mod chain;
pub mod deployer;
pub mod error;
pub mod exec;
pub mod fill;
pub mod filters;
pub mod json;
pub mod multicall3;
pub mod natives;
pub mod precompiles;
pub mod programs;
pub mod rpc;
pub mod server;
pub mod state_file;
pub mod stylus;
pub mod tx;
pub mod txpool;

/// Nitro's dev-node chain id.
pub const CHAIN_ID: u64 = 412_346;
/// Nitro's dev-node HTTP port.
pub const DEFAULT_PORT: u16 = 8547;
