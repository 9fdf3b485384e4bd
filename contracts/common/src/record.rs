//! Records in raw storage: `N` fixed words, then a text's length and bytes, at
//! consecutive slots from `keccak256(key)`. Used for write-once provenance, the
//! steward base URI and the creative direction: smaller code and cheaper than a
//! struct of fields plus the SDK's byte-wise `StorageString` (whose length decoding
//! links a 256-bit division). The roots are keccak images of keccak images, so they
//! cannot collide with a contract's struct slots or its mappings' slots.
use alloc::{string::String, vec::Vec};

use alloy_primitives::{keccak256, B256, U256};
use stylus_sdk::stylus_core::host::StorageAccess;

fn root(key: B256) -> U256 {
    keccak256(key).into()
}

/// Stores `words` then `text` under `key`. A shorter text than one stored before
/// leaves stale words past its length, which are never read.
pub fn write(host: &(impl StorageAccess + ?Sized), key: B256, words: &[B256], text: &str) {
    let bytes = text.as_bytes();
    let mut slot = root(key);
    let len = U256::from(bytes.len()).into();
    for w in words.iter().chain([&len]) {
        // SAFETY: the slots are keccak images reserved for this record; the SDK
        // flushes the cache at the end of the call.
        unsafe { host.storage_cache_bytes32(slot, *w) };
        slot += U256::from(1);
    }
    for chunk in bytes.chunks(32) {
        let mut w = B256::ZERO;
        w[..chunk.len()].copy_from_slice(chunk);
        // SAFETY: as above.
        unsafe { host.storage_cache_bytes32(slot, w) };
        slot += U256::from(1);
    }
}

/// Reads the `N` words and the text under `key` (zeros and "" if none).
pub fn read<const N: usize>(host: &(impl StorageAccess + ?Sized), key: B256) -> ([B256; N], String) {
    let mut slot = root(key);
    let mut words = [B256::ZERO; N];
    for w in words.iter_mut() {
        *w = host.storage_load_bytes32(slot);
        slot += U256::from(1);
    }
    let len = U256::from_be_bytes(host.storage_load_bytes32(slot).0).saturating_to::<usize>();
    let mut bytes = Vec::with_capacity(len + 32);
    while bytes.len() < len {
        slot += U256::from(1);
        bytes.extend_from_slice(host.storage_load_bytes32(slot).as_slice());
    }
    bytes.truncate(len);
    // Only valid UTF-8 (ABI-decoded strings) is ever written.
    (words, String::from_utf8(bytes).unwrap_or_default())
}
