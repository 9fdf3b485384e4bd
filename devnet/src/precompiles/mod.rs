//! Native contracts at Arbitrum's addresses: ArbWasm (0x71), ArbWasmCache (0x72),
//! ArbOwnerPublic (0x6b), ArbSys (0x64), the StylusDeployer `cargo stylus deploy` calls
//! for constructors, and the CacheManager `cargo stylus cache` bids with.

use alloy_primitives::{address, Address, Bytes};
use alloy_sol_types::SolValue;
use revm::interpreter::CallInputs;

pub use crate::exec::{revert_err, revert_msg};
use crate::exec::{Ctx, ExecError, NativeOutcome};

pub mod arbsys;
pub mod arbwasm;
pub mod arbwasmcache;
pub mod cache_manager;
pub mod owner_public;

pub const ARB_SYS: Address = address!("0000000000000000000000000000000000000064");
pub const ARB_OWNER_PUBLIC: Address = address!("000000000000000000000000000000000000006b");
pub const ARB_WASM: Address = address!("0000000000000000000000000000000000000071");
pub const ARB_WASM_CACHE: Address = address!("0000000000000000000000000000000000000072");
/// The CacheManager, where Nitro's dev node deploys it (ArbWasmCache's only manager here).
pub const CACHE_MANAGER: Address = address!("2F8Bd4EaB69764c105aDd7dE7CB0402557a44E6f");
/// Where cargo-stylus 0.10 expects its deployer (`--deployer-address` default).
pub const STYLUS_DEPLOYER: Address = address!("cEcba2F1DC234f70Dd89F2041029807F8D03A990");

/// Native contracts get this code so `extcodesize` sees them (as on Nitro).
pub const NATIVE_CODE: [u8; 1] = [0xfe];

pub type Native = fn(&mut Ctx, &CallInputs) -> Result<NativeOutcome, ExecError>;

/// The precompile at an address, if any (the StylusDeployer is not one: it is wired
/// in by `natives`, being above the precompiles it calls).
pub fn native(addr: Address) -> Option<Native> {
    match addr {
        ARB_WASM => Some(arbwasm::run),
        ARB_WASM_CACHE => Some(arbwasmcache::run),
        CACHE_MANAGER => Some(cache_manager::run),
        ARB_OWNER_PUBLIC => Some(owner_public::run),
        ARB_SYS => Some(arbsys::run),
        _ => None,
    }
}

/// Every native address (given code at genesis).
pub const ALL: [Address; 6] = [
    ARB_SYS,
    ARB_OWNER_PUBLIC,
    ARB_WASM,
    ARB_WASM_CACHE,
    CACHE_MANAGER,
    STYLUS_DEPLOYER,
];

/// Gas for a view of a native contract.
pub const VIEW_GAS: u64 = 800;

/// ABI-encoded return of a view.
pub fn ret<T: SolValue>(v: T) -> NativeOutcome {
    NativeOutcome::ok(Bytes::from(v.abi_encode()), VIEW_GAS)
}

/// An unknown selector: revert with no data, as a Solidity contract without fallback.
pub fn unknown() -> NativeOutcome {
    NativeOutcome::revert(Bytes::new(), VIEW_GAS)
}
