//! One log emitter for every event of the contracts.
//!
//! `stylus_core::log::<E>` is instantiated once per event type (~200 B of WASM
//! each: topic and data encoding through alloy's traits). An event here is its
//! signature hash, its indexed fields and its other fields, each one word, and
//! at most one `string` field, so every event goes through one body instead:
//! [`emit!`](crate::emit) lists the words in the event's declaration order. The
//! tests decode every emitted event with its `sol!` type (`assert_emitted`),
//! which checks the order.
//!
//! The signature hash travels as four 64-bit immediates of the call, not as a
//! 32-byte constant in the data segment: every entry into a program pays ~0.75 gas
//! for each byte of its data segments (cached or not), and code bytes ~0.001 gas
//! cached.
use alloc::vec::Vec;
use alloy_primitives::{B256, U256};
use stylus_sdk::stylus_core::host::LogAccess;

use crate::errors::ToWord;

/// Emits event `$event` with `$topics` topics (the signature hash and the
/// indexed fields) from its fields `[...]` in declaration order, each made a word
/// by [`ToWord`](crate::errors::ToWord) as the errors' fields are; with
/// `, $at, $text`, field `$at` (a placeholder word) is a `string` whose bytes
/// are `$text`.
#[macro_export]
macro_rules! emit {
    ($host:expr, $event:ty, $topics:expr, [$($field:expr),* $(,)?] $(,)?) => {
        $crate::emit!(@log $host, $event, $topics, [$($field),*], ::core::option::Option::None)
    };
    ($host:expr, $event:ty, $topics:expr, [$($field:expr),* $(,)?], $at:expr, $text:expr $(,)?) => {
        $crate::emit!(@log $host, $event, $topics, [$($field),*], ::core::option::Option::Some(($at, $text)))
    };
    (@log $host:expr, $event:ty, $topics:expr, [$($field:expr),*], $text:expr) => {{
        const SIG: [u64; 4] =
            $crate::events::limbs(<$event as ::alloy_sol_types::SolEvent>::SIGNATURE_HASH);
        $crate::events::log(
            $host,
            SIG[0],
            SIG[1],
            SIG[2],
            SIG[3],
            $topics,
            &[$($crate::errors::ToWord::word(&$field)),*],
            $text,
        )
    }};
}

/// A hash as four big-endian 64-bit limbs (at compile time).
pub const fn limbs(hash: B256) -> [u64; 4] {
    let mut out = [0u64; 4];
    let mut i = 0;
    while i < 32 {
        out[i / 8] = (out[i / 8] << 8) | hash.0[i] as u64;
        i += 1;
    }
    out
}

/// Emits a log: the signature hash (`s0..s3`, big-endian limbs), then the
/// `fields` words, the first `topics - 1` of them topics; with `text = (at,
/// bytes)`, field `at` is replaced by the offset of the `string` tail `bytes`.
#[inline(never)]
#[allow(clippy::too_many_arguments)]
pub fn log(
    host: &(impl LogAccess + ?Sized),
    s0: u64,
    s1: u64,
    s2: u64,
    s3: u64,
    topics: usize,
    fields: &[B256],
    text: Option<(usize, &[u8])>,
) {
    let mut bytes = Vec::with_capacity(32 * (fields.len() + 3));
    for limb in [s0, s1, s2, s3] {
        bytes.extend_from_slice(&limb.to_be_bytes());
    }
    // Data words: all fields after the indexed ones.
    let data_words = fields.len() + 1 - topics;
    for (i, word) in fields.iter().enumerate() {
        let word = match text {
            Some((at, _)) if i == at => U256::from(32 * data_words).word(),
            _ => *word,
        };
        bytes.extend_from_slice(word.as_slice());
    }
    if let Some((_, text)) = text {
        crate::abi::append_bytes(&mut bytes, text);
    }
    host.emit_log(&bytes, topics);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limbs_are_the_hash_big_endian() {
        let hash = alloy_primitives::keccak256("Transfer(address,address,uint256)");
        let l = limbs(hash);
        let mut back = Vec::new();
        for x in l {
            back.extend_from_slice(&x.to_be_bytes());
        }
        assert_eq!(back, hash.as_slice());
    }
}
