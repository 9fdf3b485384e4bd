//! A compact checkpoint history: `(key, value)` pairs with non-decreasing keys,
//! as OpenZeppelin's `Checkpoints.Trace208`, laid out so the latest checkpoint
//! costs one slot: a head word holds the count and the latest checkpoint
//! (what `getVotes`, every push and most past lookups read), and the earlier
//! ones sit one slot each (a 48-bit timestamp above a 208-bit value). A
//! lookup at or after the latest key, and an update within the latest key's
//! second, read and write the head alone; a new key moves the previous latest
//! into the history (one new slot, as a pushed checkpoint always costs).
//!
//! Written here instead of using `openzeppelin-stylus`' `Trace<S208>` for two
//! reasons: that crate turns on alloy-primitives' `tiny-keccak` feature, which
//! replaces the native keccak hostio with a software Keccak in every storage
//! mapping slot (~1.5 KB of WASM and more gas on every mapping access); and
//! its vector reads a length slot besides the checkpoint on every access.
use alloc::{vec, vec::Vec};

use alloy_primitives::{uint, U256};
use stylus_sdk::{prelude::*, storage::StorageMap, storage::StorageU256};

use crate::abi::CheckpointUnorderedInsertion;

/// Bits of an earlier checkpoint's value (its key takes the 48 bits above).
const VALUE_BITS: usize = 208;
/// Bits of the latest value in the head (the key's 48 and the count's 32 above).
const LATEST_BITS: usize = 176;
/// Largest value a checkpoint holds: `2^176 - 1` (votes and supply stay below
/// FractionToken's `SUPPLY_CAP`, under 2^85; larger values saturate).
const VALUE_MAX: U256 = uint!(0xffffffffffffffffffffffffffffffffffffffffffff_U256);

/// A history of values by key (a timestamp), oldest first.
#[storage]
pub struct Trace {
    /// `count << 224 | key << 176 | value`: how many checkpoints there are and
    /// the latest one (zero when none).
    head: StorageU256,
    /// Checkpoint `pos < count - 1` as `key << 208 | value`.
    earlier: StorageMap<U256, StorageU256>,
}

impl Trace {
    /// Number of checkpoints.
    pub fn length(&self) -> usize {
        (self.head.get() >> 224usize).to::<usize>()
    }

    /// The head: (count, latest key, latest value).
    fn head(&self) -> (usize, u64, U256) {
        let word = self.head.get();
        (
            (word >> 224usize).to::<usize>(),
            ((word >> LATEST_BITS) & U256::from(0xffff_ffff_ffff_u64)).to::<u64>(),
            word & VALUE_MAX,
        )
    }

    /// The earlier checkpoint at `pos` (below count − 1) as `(key, value)`.
    fn at(&self, pos: usize) -> (u64, U256) {
        let word = self.earlier.get(U256::from(pos));
        ((word >> VALUE_BITS).to::<u64>(), word & VALUE_MAX)
    }

    /// The latest value (zero when empty).
    pub fn latest(&self) -> U256 {
        self.head().2
    }

    /// Records `value` at `key` (at most `2^48 - 1`; the value saturates at
    /// 176 bits): overwrites the latest checkpoint when it has the same key.
    /// A key before the latest one fails with `CheckpointUnorderedInsertion`.
    pub fn push(&mut self, key: u64, value: U256) -> Result<(), CheckpointUnorderedInsertion> {
        // Keys are block timestamps: below 2^48 until the year 8.9 million, so
        // a key never reaches the count's bits (not clamped: bytes).
        let (count, last_key, last_value) = self.head();
        let mut new_count = count + 1;
        if count > 0 {
            if last_key > key {
                return Err(CheckpointUnorderedInsertion {});
            }
            if last_key == key {
                new_count = count;
            } else {
                let moved = (U256::from(last_key) << VALUE_BITS) | last_value;
                self.earlier.setter(U256::from(count - 1)).set(moved);
            }
        }
        self.head.set(
            (U256::from(new_count) << 224)
                | (U256::from(key) << LATEST_BITS)
                | value.min(VALUE_MAX),
        );
        Ok(())
    }

    /// The value of the last checkpoint with a key `<= key` (zero if none).
    /// Checks the latest checkpoint first (the usual case: a lookup after the
    /// last change), then binary-searches.
    pub fn upper_lookup(&self, key: u64) -> U256 {
        let (count, last_key, value) = self.head();
        if last_key <= key {
            // Also the empty trace: value 0.
            return value;
        }
        // Invariant: keys below `low` are `<= key`, keys from `high` on are
        // `> key` (the latest's is).
        let (mut low, mut high) = (0, count - 1);
        while low < high {
            let mid = low + (high - low) / 2;
            if self.at(mid).0 > key {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        match high.checked_sub(1) {
            Some(pos) => self.at(pos).1,
            None => U256::ZERO,
        }
    }
}
