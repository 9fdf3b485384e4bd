//! The lean ABI layer: the pieces of a hand-written router that replaces, in a
//! contract's WASM build, the one stylus-sdk 0.9's `#[public]` generates. The SDK's
//! router decodes every function's arguments with alloy's generic decoder (plus a
//! re-encoding check) and encodes every return type generically, one copy per
//! signature; these readers and writers are shared by all arms. Native builds keep
//! `#[public]` (motsu tests, `export-abi`).
//!
//! A contract's router built from these behaves as the SDK's (stylus-sdk 0.9.0
//! `router_entrypoint` and the `#[public]` arms):
//! - selectors are `function_selector!`, as `#[public]` computes them; calldata
//!   shorter than a selector, or an unknown selector, reverts with no data;
//! - a non-payable function reverts with no data when `msg.value > 0`
//!   (`ValueDenier::deny_value`);
//! - arguments are accepted exactly when the calldata is the canonical ABI
//!   encoding of valid values (alloy's `abi_decode_params(data, true)`: the
//!   decoded values must re-encode to the calldata, and type-check), otherwise
//!   the call reverts with no data;
//! - `Ok(value)` returns `SolType::abi_encode(value)`, `Err(error)` reverts with
//!   the error's bytes.
use alloc::{string::String, vec::Vec};

use alloy_primitives::{aliases::U48, Address, B256, U256};

use crate::abi::Text;

/// A routed call's outcome: return data, or revert data.
pub type CallResult = Result<Vec<u8>, Vec<u8>>;

/// Bytes of one ABI word.
const WORD: usize = 32;

/// The selector and the arguments of `input`; `None` when it is shorter than a
/// selector (the SDK then reverts with no data: no fallback is defined).
#[inline]
pub fn split_selector(input: &[u8]) -> Option<(u32, &[u8])> {
    let (selector, args) = input.split_first_chunk::<4>()?;
    Some((u32::from_be_bytes(*selector), args))
}

/// A call's arguments (the calldata after the selector), read by position.
/// Only the canonical encoding is accepted: see the module doc.
pub struct Args<'a> {
    data: &'a [u8],
    /// Where the next dynamic argument must start (canonical encoding: right
    /// after the head, then each one after the previous).
    tail: usize,
}

impl<'a> Args<'a> {
    /// Arguments of `words` static words, and nothing more.
    #[inline]
    pub fn fixed(data: &'a [u8], words: usize) -> Option<Self> {
        let args = Self::with_tail(data, words)?;
        args.end()?;
        Some(args)
    }

    /// Arguments whose head is `heads` words and which have dynamic ones: read
    /// every dynamic argument in order, then check [`Args::end`].
    #[inline]
    pub fn with_tail(data: &'a [u8], heads: usize) -> Option<Self> {
        let tail = heads.checked_mul(WORD)?;
        (data.len() >= tail).then_some(Self { data, tail })
    }

    /// `Some` when the calldata ends where the last argument read ends (no
    /// trailing bytes, as re-encoding would give).
    #[inline]
    pub fn end(&self) -> Option<()> {
        (self.data.len() == self.tail).then_some(())
    }

    /// Head word `i`.
    #[inline]
    fn word(&self, i: usize) -> Option<&'a [u8; WORD]> {
        self.data.get(i * WORD..)?.first_chunk::<WORD>()
    }

    /// `uint256` at head word `i`.
    #[inline]
    pub fn uint(&self, i: usize) -> Option<U256> {
        self.word(i).map(|w| U256::from_be_bytes(*w))
    }

    /// `bytes32` at head word `i`.
    #[inline]
    pub fn bytes32(&self, i: usize) -> Option<B256> {
        self.word(i).map(|w| B256::from(*w))
    }

    /// `address` at head word `i`: the upper 12 bytes must be zero.
    #[inline]
    pub fn address(&self, i: usize) -> Option<Address> {
        let w = self.word(i)?;
        let (upper, address) = w.split_at(12);
        zeros(upper).then(|| Address::from_slice(address))
    }

    /// `uint8` at head word `i`: the upper 31 bytes must be zero.
    #[inline]
    pub fn uint8(&self, i: usize) -> Option<u8> {
        let w = self.word(i)?;
        zeros(&w[..31]).then_some(w[31])
    }

    /// `bool` at head word `i`, as alloy type-checks it: the upper 31 bytes must
    /// be zero, and any non-zero last byte is `true`.
    #[inline]
    pub fn bool(&self, i: usize) -> Option<bool> {
        self.uint8(i).map(|b| b != 0)
    }

    /// `string` whose offset is head word `i`: the offset must be where the
    /// canonical encoding puts it, the padding zero, the bytes UTF-8.
    pub fn text(&mut self, i: usize) -> Option<Text> {
        if self.uint(i)? != U256::from(self.tail) {
            return None;
        }
        let len = self.uint(self.tail / WORD)?;
        let start = self.tail + WORD;
        let len: usize = len.try_into().ok()?;
        if len > self.data.len() - start {
            return None;
        }
        let padded = len.div_ceil(WORD) * WORD;
        let bytes = self.data.get(start..start + padded)?;
        let (text, padding) = bytes.split_at(len);
        if !zeros(padding) {
            return None;
        }
        self.tail = start + padded;
        String::from_utf8(text.to_vec()).ok().map(Text)
    }
}

#[inline]
fn zeros(bytes: &[u8]) -> bool {
    bytes.iter().all(|b| *b == 0)
}

/// A public function's return value, encoded as the SDK's router encodes it
/// (`SolType::abi_encode`): a static value as its word(s), a `string` as one
/// dynamic value (offset `0x20`, length, padded bytes), `()` as nothing.
pub trait AbiReturn {
    /// The return data.
    fn abi_return(self) -> Vec<u8>;
}

impl AbiReturn for () {
    #[inline]
    fn abi_return(self) -> Vec<u8> {
        Vec::new()
    }
}

impl AbiReturn for B256 {
    #[inline]
    fn abi_return(self) -> Vec<u8> {
        self.to_vec()
    }
}

impl AbiReturn for U256 {
    #[inline]
    fn abi_return(self) -> Vec<u8> {
        B256::from(self).abi_return()
    }
}

impl AbiReturn for U48 {
    #[inline]
    fn abi_return(self) -> Vec<u8> {
        U256::from(self.as_limbs()[0]).abi_return()
    }
}

impl AbiReturn for u8 {
    #[inline]
    fn abi_return(self) -> Vec<u8> {
        U256::from(self).abi_return()
    }
}

impl AbiReturn for bool {
    #[inline]
    fn abi_return(self) -> Vec<u8> {
        u8::from(self).abi_return()
    }
}

impl AbiReturn for Address {
    #[inline]
    fn abi_return(self) -> Vec<u8> {
        self.into_word().abi_return()
    }
}

impl AbiReturn for &str {
    fn abi_return(self) -> Vec<u8> {
        let padded = self.len().div_ceil(WORD) * WORD;
        let mut out = Vec::with_capacity(2 * WORD + padded);
        out.extend_from_slice(&U256::from(WORD).to_be_bytes::<WORD>());
        out.extend_from_slice(&U256::from(self.len()).to_be_bytes::<WORD>());
        out.extend_from_slice(self.as_bytes());
        out.resize(2 * WORD + padded, 0);
        out
    }
}

impl AbiReturn for String {
    #[inline]
    fn abi_return(self) -> Vec<u8> {
        self.as_str().abi_return()
    }
}

/// A fallible public function's outcome: `Ok` as return data, `Err` as the
/// error's revert data.
#[inline]
pub fn returns<T: AbiReturn, E: Into<Vec<u8>>>(result: Result<T, E>) -> CallResult {
    match result {
        Ok(value) => Ok(value.abi_return()),
        Err(error) => Err(error.into()),
    }
}

#[cfg(test)]
mod tests;
