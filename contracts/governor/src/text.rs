//! Key of the creative-direction record (`atelier_common::record`): model id and
//! prompt hash, then the URI.
use alloy_primitives::{keccak256, B256};

/// Key of the creative-direction record.
pub fn direction_key() -> B256 {
    keccak256(b"atelier.governor.creativeDirection")
}
