//! A compact checkpoint history: `(key, value)` pairs with non-decreasing keys,
//! one storage slot each (a 48-bit timestamp above a 208-bit value), as
//! OpenZeppelin's `Checkpoints.Trace208`.
//!
//! Written here instead of using `openzeppelin-stylus`' `Trace<S208>` for two
//! reasons: that crate turns on alloy-primitives' `tiny-keccak` feature, which
//! replaces the native keccak hostio with a software Keccak in every storage
//! mapping slot (~1.5 KB of WASM and more gas on every mapping access); and
//! this trace, with `usize` positions and one packed word per checkpoint, is
//! smaller than OpenZeppelin's generic one.
use alloc::{vec, vec::Vec};

use alloy_primitives::{uint, U256};
use stylus_sdk::{prelude::*, storage::StorageVec, storage::StorageU256};

use crate::abi::CheckpointUnorderedInsertion;

/// Bits of a checkpoint's value (the key takes the 48 bits above).
const VALUE_BITS: usize = 208;
/// Largest value a checkpoint holds: `2^208 - 1`.
const VALUE_MAX: U256 =
    uint!(0xffffffffffffffffffffffffffffffffffffffffffffffffffff_U256);

/// A history of values by key (a timestamp), oldest first.
#[storage]
pub struct Trace {
    /// `key << 208 | value`, one word per checkpoint.
    checkpoints: StorageVec<StorageU256>,
}

impl Trace {
    /// Number of checkpoints.
    pub fn length(&self) -> usize {
        self.checkpoints.len()
    }

    /// The checkpoint at `pos` as `(key, value)`; `(0, 0)` past the end.
    fn at(&self, pos: usize) -> (u64, U256) {
        let word = self.checkpoints.get(pos).unwrap_or_default();
        ((word >> VALUE_BITS).to::<u64>(), word & VALUE_MAX)
    }

    /// The latest value (zero when empty).
    pub fn latest(&self) -> U256 {
        match self.length().checked_sub(1) {
            Some(last) => self.at(last).1,
            None => U256::ZERO,
        }
    }

    /// Records `value` at `key` (at most `2^48 - 1`; the value saturates at
    /// 208 bits): overwrites the latest checkpoint when it has the same key.
    /// A key before the latest one fails with `CheckpointUnorderedInsertion`.
    pub fn push(&mut self, key: u64, value: U256) -> Result<(), CheckpointUnorderedInsertion> {
        let word = (U256::from(key) << VALUE_BITS) | value.min(VALUE_MAX);
        let len = self.length();
        if let Some(last) = len.checked_sub(1) {
            let (last_key, _) = self.at(last);
            if last_key > key {
                return Err(CheckpointUnorderedInsertion {});
            }
            if last_key == key {
                if let Some(mut slot) = self.checkpoints.setter(last) {
                    slot.set(word);
                }
                return Ok(());
            }
        }
        self.checkpoints.push(word);
        Ok(())
    }

    /// The value of the last checkpoint with a key `<= key` (zero if none).
    /// Checks the latest checkpoint first (the usual case: a lookup after the
    /// last change), then binary-searches.
    pub fn upper_lookup(&self, key: u64) -> U256 {
        let (mut low, mut high) = (0, self.length());
        if let Some(last) = high.checked_sub(1) {
            let (last_key, value) = self.at(last);
            if last_key <= key {
                return value;
            }
            high = last;
        }
        // Invariant: keys below `low` are `<= key`, keys from `high` on are `> key`.
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
