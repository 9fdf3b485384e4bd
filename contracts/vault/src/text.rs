//! Keys of the vault's write-once records (`atelier_common::record`): each
//! artwork's immutable provenance (seed, model, prompt, artist, URI) and the base
//! URI.
use alloy_primitives::{keccak256, B256, U256};

/// Key of artwork `id`'s record.
pub fn artwork_key(id: U256) -> B256 {
    keccak256(id.to_be_bytes::<32>())
}

/// Key of the base URI (distinct from every artwork key: 0 is never an artwork id).
pub fn base_uri_key() -> B256 {
    artwork_key(U256::ZERO)
}
