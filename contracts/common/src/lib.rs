//! Atelier's shared library: the Solidity interfaces the four contracts call each
//! other through, the custom errors they share, the WAD fixed-point math of the
//! economy, and the clock every contract reads time from.
#![cfg_attr(not(any(test, feature = "test-clock", feature = "test-support", feature = "export-abi")), no_std)]
extern crate alloc;

pub mod abi;
pub mod clock;
pub mod errors;
pub mod events;
pub mod interfaces;
pub mod math;
pub mod params;
pub mod record;
// Behind a feature: compiled into a contract that does not use it, the module still
// moves that contract's WASM by tens of bytes (measured: -60..+62 B shipped).
#[cfg(any(test, feature = "router"))]
pub mod router;


#[cfg(feature = "export-abi")]
pub mod abi_export;

// Links motsu's host shims into this crate's own unit tests.
#[cfg(test)]
use motsu as _;

// What the contracts' unit tests share; never in a WASM build.
#[cfg(feature = "test-support")]
pub mod testing;

/// Declares a contract's events and errors with `sol!` and keeps their Solidity
/// source as `ABI_ITEMS`, so the ABI export can add the events that stylus-sdk
/// 0.9's `export-abi` leaves out. One source of truth for the Rust types and the
/// exported ABI. List every event the contract emits, including those emitted
/// by OpenZeppelin code it embeds (e.g. ERC-20 `Transfer`).
#[macro_export]
macro_rules! abi_items {
    ($($item:tt)*) => {
        ::alloy_sol_types::sol! { $($item)* }

        /// Solidity source of this contract's events and errors (ABI export).
        pub const ABI_ITEMS: &str = stringify!($($item)*);
    };
}
