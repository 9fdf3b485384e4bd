//! One log emitter for the contracts' events whose fields are all static.
//!
//! `stylus_core::log::<E>` is instantiated once per event type (~200 B of WASM
//! each: topic and data encoding through alloy's traits). An event of static
//! fields is its signature hash, its indexed fields and its other fields, each
//! one word, so every such event goes through this one body instead: the caller
//! lists the words in the event's declaration order. The tests decode every
//! emitted event with its `sol!` type (`assert_emitted`), which checks the order.
use alloc::vec::Vec;
use alloy_primitives::{Address, B256, U256};
use stylus_sdk::stylus_core::host::LogAccess;

/// Emits a log of `topics` topic words (the signature hash first, then the
/// indexed fields) followed by the data words.
#[inline(never)]
pub fn emit(host: &(impl LogAccess + ?Sized), topics: usize, words: &[B256]) {
    let mut bytes = Vec::with_capacity(32 * words.len());
    for word in words {
        bytes.extend_from_slice(word.as_slice());
    }
    host.emit_log(&bytes, topics);
}

/// Emits a log like [`emit`] whose data holds one `string` (or `bytes`)
/// field: `words[text_at]` stands for it (its head word, the offset, is written
/// here) and `text` follows the data words as its tail.
#[inline(never)]
pub fn emit_text(host: &(impl LogAccess + ?Sized), topics: usize, words: &[B256], text_at: usize, text: &[u8]) {
    let mut bytes = Vec::with_capacity(32 * (words.len() + 2) + text.len());
    for (i, word) in words.iter().enumerate() {
        let word = if i == text_at { uint(32 * (words.len() - topics)) } else { *word };
        bytes.extend_from_slice(word.as_slice());
    }
    crate::abi::append_bytes(&mut bytes, text);
    host.emit_log(&bytes, topics);
}

/// A field's word: an unsigned integer (any width that fits 256 bits).
pub fn uint<T>(value: T) -> B256
where
    U256: alloy_primitives::ruint::UintTryFrom<T>,
{
    B256::from(U256::from(value))
}

/// A field's word: an address.
pub fn address(value: Address) -> B256 {
    value.into_word()
}
