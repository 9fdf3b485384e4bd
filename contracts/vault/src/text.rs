//! Write-once records in raw storage: an artwork's immutable provenance (token
//! id, seed, model, prompt, artist, URI) and the base URI. A record under `key`
//! is `n` fixed words, then the text's length and its bytes, at consecutive slots
//! from `keccak256(key)`. Smaller and cheaper than a struct of fields plus the
//! SDK's byte-wise `StorageString`; the roots are keccak images, so they cannot
//! collide with the struct's slots.
use alloc::{string::String, vec::Vec};
use alloy_primitives::{keccak256, B256, U256};
use stylus_sdk::prelude::*;

use crate::ArtVault;

/// Key of artwork `id`'s record.
pub fn artwork_key(id: U256) -> B256 {
    keccak256(id.to_be_bytes::<32>())
}

/// Key of the base URI (distinct from every artwork key: 0 is never an artwork id).
pub fn base_uri_key() -> B256 {
    artwork_key(U256::ZERO)
}

fn root(key: B256) -> U256 {
    keccak256(key).into()
}

impl ArtVault {
    /// Stores `words` then `text` under `key` (written once per key).
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
