//! The creative direction in raw storage: its two words, then the URI's length
//! and bytes, at consecutive slots from `keccak256(key)`. Smaller and cheaper than
//! the SDK's byte-wise `StorageString` (whose length decoding links a 256-bit
//! division); the root is a keccak image, so it cannot collide with the struct's
//! slots.
use alloc::{string::String, vec::Vec};
use alloy_primitives::{keccak256, B256, U256};
use stylus_sdk::prelude::*;

use crate::ArtGovernor;

/// Key of the creative-direction record.
pub fn direction_key() -> B256 {
    keccak256(b"atelier.governor.creativeDirection")
}

fn root(key: B256) -> U256 {
    keccak256(key).into()
}

impl ArtGovernor {
    /// Stores `words` then `text` under `key`; a shorter text leaves stale words
    /// past its length, which are never read.
    pub(crate) fn write_record(&mut self, key: B256, words: &[B256], text: &str) {
        let bytes = text.as_bytes();
        let mut slot = root(key);
        let len = U256::from(bytes.len()).into();
        for w in words.iter().chain([&len]) {
            // SAFETY: the slots are keccak images reserved for this record.
            unsafe { self.vm().storage_cache_bytes32(slot, *w) };
            slot += U256::from(1);
        }
        for chunk in bytes.chunks(32) {
            let mut w = B256::ZERO;
            w[..chunk.len()].copy_from_slice(chunk);
            unsafe { self.vm().storage_cache_bytes32(slot, w) };
            slot += U256::from(1);
        }
    }

    /// Reads the `N` words and the text under `key` (zeros and "" if none).
    pub(crate) fn read_record<const N: usize>(&self, key: B256) -> ([B256; N], String) {
        let mut slot = root(key);
        let mut words = [B256::ZERO; N];
        for w in words.iter_mut() {
            *w = self.vm().storage_load_bytes32(slot);
            slot += U256::from(1);
        }
        let len = U256::from_be_bytes(self.vm().storage_load_bytes32(slot).0).saturating_to::<usize>();
        let mut bytes = Vec::with_capacity(len + 32);
        while bytes.len() < len {
            slot += U256::from(1);
            bytes.extend_from_slice(self.vm().storage_load_bytes32(slot).as_slice());
        }
        bytes.truncate(len);
        // Only valid UTF-8 (ABI-decoded strings) is ever written.
        (words, String::from_utf8(bytes).unwrap_or_default())
    }
}
