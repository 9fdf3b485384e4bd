//! Storage records and constants of the vault.
use alloc::{vec, vec::Vec};
use alloy_primitives::{uint, U256};
use stylus_sdk::{
    prelude::*,
    storage::{StorageAddress, StorageBool, StorageU256, StorageU96},
};

/// Shares minted to the genesis curator for each genesis deposit (1,000 shares,
/// 18 decimals): that artwork's redemption price.
pub const GENESIS_SHARES: U256 = uint!(1_000_000_000_000_000_000_000_U256);

/// ERC-2981 royalty on steward tokens, basis points, paid to the treasury.
pub const ROYALTY_BPS: u64 = 500;

/// Basis-point denominator.
pub const BPS: u64 = 10_000;

/// Highest redemption fee governance may set, basis points.
pub const MAX_REDEEM_FEE_BPS: u64 = 5_000;

/// The mutable part of an artwork in (or once in) custody: one slot, plus the
/// issued shares. Its provenance is a write-once record (`text.rs`).
#[storage]
pub struct Artwork {
    pub collection: StorageAddress,
    /// In custody now (false after redemption or release).
    pub held: StorageBool,
    /// Shares issued for it: the burn part of its redemption price.
    pub shares: StorageU96,
    /// The collection's token id.
    pub token_id: StorageU256,
}

/// A governance-approved deposit: one slot.
#[storage]
pub struct Listing {
    pub depositor: StorageAddress,
    pub shares: StorageU96,
}
