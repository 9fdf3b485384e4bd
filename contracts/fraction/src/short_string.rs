//! Name and symbol as short strings: up to 31 bytes in one slot (bytes, zero
//! padding, length in the last byte), as OpenZeppelin's `ShortStrings`. One
//! slot read per `name()` and ~1.2 KB less WASM than a dynamic `StorageString`.
use alloc::string::String;

use alloy_primitives::{B256, U256};

use crate::{abi::StringTooLong, Error};

/// Longest name or symbol, in bytes.
pub const MAX_LEN: usize = 31;

/// `text` packed into one word; `StringTooLong` beyond [`MAX_LEN`] bytes.
pub fn pack(text: &str) -> Result<B256, Error> {
    let bytes = text.as_bytes();
    let mut word = [0u8; 32];
    match word.get_mut(..bytes.len()) {
        Some(head) if bytes.len() <= MAX_LEN => head.copy_from_slice(bytes),
        _ => {
            return Err(Error::StringTooLong(StringTooLong {
                length: U256::from(bytes.len()),
                maxLength: U256::from(MAX_LEN),
            }))
        }
    }
    word[MAX_LEN] = bytes.len() as u8;
    Ok(B256::from(word))
}

/// The string packed in `word`. Only `pack` writes it, from a whole `&str`, so the
/// bytes are UTF-8: no lossy decoding (its ~1.4 KB) is linked.
pub fn unpack(word: B256) -> String {
    let len = usize::from(word[MAX_LEN]).min(MAX_LEN);
    String::from_utf8(word.get(..len).unwrap_or_default().to_vec()).unwrap_or_default()
}
