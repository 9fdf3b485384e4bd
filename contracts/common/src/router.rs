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
//!   empty calldata runs the contract's `#[receive]` function (payable: never
//!   refused for its value) if it has one, else reverts with no data;
//! - a non-payable function reverts with no data when `msg.value > 0`
//!   (`ValueDenier::deny_value`);
//! - arguments are accepted exactly when the calldata is the canonical ABI
//!   encoding of valid values (alloy's `abi_decode_params(data, true)`: the
//!   decoded values must re-encode to the calldata, and type-check), otherwise
//!   the call reverts with no data;
//! - `Ok(value)` returns `SolType::abi_encode(value)`, `Err(error)` reverts with
//!   the error's bytes.
//!
//! One known difference, in a failure only: a dynamic array ([`Args::tuples`])
//! whose length word is larger than the calldata can hold. Alloy reserves the
//! array's capacity before decoding its elements, so the SDK's router grows
//! memory by up to ~2 GiB first: out of gas (or an empty revert if the
//! reservation overflows or cannot be had); the lean router reverts with no data
//! at once. Neither changes state or returns data.
/// `function_selector!` as a `u32`, as `#[public]` matches it: the selectors of
/// each contract's dispatch table.
#[macro_export]
macro_rules! call_selector {
    ($name:literal $(, $ty:ty)*) => {
        u32::from_be_bytes(::stylus_sdk::function_selector!($name $(, $ty)*))
    };
}

use alloc::{string::String, vec::Vec};

use alloy_primitives::{aliases::U48, Address, B256, U256};

use crate::abi::{Returns, Text};

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

    /// `bytes` whose offset is head word `i`, read as [`Args::text`] reads a
    /// `string` (canonical offset, zero padding), any bytes accepted. (Kept
    /// apart from `text`: one body for both costs the contracts that read only
    /// strings 67-79 B shipped.)
    pub fn bytes(&mut self, i: usize) -> Option<&'a [u8]> {
        if self.uint(i)? != U256::from(self.tail) {
            return None;
        }
        let len: usize = self.uint(self.tail / WORD)?.try_into().ok()?;
        let start = self.tail + WORD;
        if len > self.data.len() - start {
            return None;
        }
        let padded = len.div_ceil(WORD) * WORD;
        let (bytes, padding) = self.data.get(start..start + padded)?.split_at(len);
        if !zeros(padding) {
            return None;
        }
        self.tail = start + padded;
        Some(bytes)
    }

    /// A dynamic array of tuples whose offset is head word `i`: `heads` is the
    /// head size of one tuple in words, and `item` reads one tuple (its static
    /// words, then every dynamic member in order, as [`Args::text`] does), from
    /// a reader whose head starts at the tuple. As for `text`, the array must be
    /// where the canonical encoding puts it (`T[]` with `T` dynamic: the length,
    /// then one offset word per element, relative to the word after the length,
    /// each element right after the previous one).
    pub fn tuples<T>(
        &mut self,
        i: usize,
        heads: usize,
        mut item: impl FnMut(&mut Args<'a>) -> Option<T>,
    ) -> Option<Vec<T>> {
        if self.uint(i)? != U256::from(self.tail) {
            return None;
        }
        let len: usize = self.uint(self.tail / WORD)?.try_into().ok()?;
        let base = self.tail + WORD;
        // The elements' offsets are relative to the word after the length.
        let mut list = Args::with_tail(self.data.get(base..)?, len)?;
        let mut out = Vec::with_capacity(len);
        for j in 0..len {
            if list.uint(j)? != U256::from(list.tail) {
                return None;
            }
            let mut element = Args::with_tail(&list.data[list.tail..], heads)?;
            out.push(item(&mut element)?);
            list.tail += element.tail;
        }
        self.tail = base + list.tail;
        Some(out)
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

/// A static value of one ABI word, as a member of a returned tuple.
pub trait AbiWord {
    /// The value's word.
    fn abi_word(self) -> B256;
}

impl AbiWord for B256 {
    #[inline]
    fn abi_word(self) -> B256 {
        self
    }
}

impl AbiWord for U256 {
    #[inline]
    fn abi_word(self) -> B256 {
        B256::from(self)
    }
}

impl AbiWord for Address {
    #[inline]
    fn abi_word(self) -> B256 {
        self.into_word()
    }
}

impl AbiWord for u8 {
    #[inline]
    fn abi_word(self) -> B256 {
        B256::from(U256::from(self))
    }
}

impl AbiWord for bool {
    #[inline]
    fn abi_word(self) -> B256 {
        u8::from(self).abi_word()
    }
}

/// The return data of `words` static words.
fn words(words: &[B256]) -> Vec<u8> {
    let mut out = Vec::with_capacity(words.len() * WORD);
    for w in words {
        out.extend_from_slice(w.as_slice());
    }
    out
}

/// A tuple of static one-word values: its words in order (the SDK's
/// `abi_encode` of a static tuple, the same as its parameters' encoding).
macro_rules! static_tuple {
    ($($t:ident),+) => {
        impl<$($t: AbiWord),+> AbiReturn for ($($t,)+) {
            #[allow(non_snake_case)]
            fn abi_return(self) -> Vec<u8> {
                let ($($t,)+) = self;
                words(&[$($t.abi_word()),+])
            }
        }
    };
}

static_tuple!(A, B);
static_tuple!(A, B, C);
static_tuple!(A, B, C, D);
static_tuple!(A, B, C, D, E);
static_tuple!(A, B, C, D, E, F);
static_tuple!(A, B, C, D, E, F, G);

/// Return parameters `(a, b, string)` ([`Returns`]: Solidity's encoding, no
/// leading offset word): the two words, the string's offset (`0x60`), its
/// length and its padded bytes.
impl<A: AbiWord, B: AbiWord> AbiReturn for Returns<(A, B, String)> {
    fn abi_return(self) -> Vec<u8> {
        let Returns((a, b, s)) = self;
        let mut out = words(&[a.abi_word(), b.abi_word(), B256::from(U256::from(3 * WORD))]);
        // The string's own encoding without its offset word.
        out.extend_from_slice(&s.abi_return()[WORD..]);
        out
    }
}

/// ERC-5267 `eip712Domain()`'s return parameters ([`Returns`]): `fields` (a
/// `bytes1`, left-aligned), the name's and version's offsets, chain id, verifying
/// contract, salt, the extensions' offset; then the two strings (length, padded
/// bytes) and the `uint256[]` extensions (length, words).
impl AbiReturn for Returns<(alloy_primitives::FixedBytes<1>, String, String, U256, Address, B256, Vec<U256>)> {
    fn abi_return(self) -> Vec<u8> {
        let Returns((fields, name, version, chain_id, contract, salt, extensions)) = self;
        let (name, version) = (name.abi_return(), version.abi_return());
        let (name, version) = (&name[WORD..], &version[WORD..]);
        let at = |n: usize| B256::from(U256::from(n));
        let name_at = 7 * WORD;
        let version_at = name_at + name.len();
        let extensions_at = version_at + version.len();
        let mut out = words(&[
            B256::right_padding_from(fields.as_slice()),
            at(name_at),
            at(version_at),
            chain_id.abi_word(),
            contract.abi_word(),
            salt,
            at(extensions_at),
        ]);
        out.extend_from_slice(name);
        out.extend_from_slice(version);
        out.extend_from_slice(at(extensions.len()).as_slice());
        for e in extensions {
            out.extend_from_slice(e.abi_word().as_slice());
        }
        out
    }
}

/// Return parameters of static words with one dynamic member (`bytes` or
/// `string`) at position `at` ([`Returns`]: Solidity's encoding, no leading
/// offset word): the words before it, its offset (the head's size), the words
/// after it, then its length and its padded bytes. For a contract's own
/// `Returns<(..)>` shape (the registry's `seedInfo`).
pub fn params_with_dynamic(words: &[B256], at: usize, dynamic: &[u8]) -> Vec<u8> {
    let head = (words.len() + 1) * WORD;
    let end = head + WORD + dynamic.len().div_ceil(WORD) * WORD;
    let mut out = Vec::with_capacity(end);
    let offset = B256::from(U256::from(head));
    let (before, after) = words.split_at(at);
    for w in before.iter().chain([&offset]).chain(after) {
        out.extend_from_slice(w.as_slice());
    }
    out.extend_from_slice(&U256::from(dynamic.len()).to_be_bytes::<WORD>());
    out.extend_from_slice(dynamic);
    out.resize(end, 0);
    out
}

/// Return parameters `(a, bytes)` (the treasury's `checkUpkeep`).
impl<A: AbiWord> AbiReturn for Returns<(A, stylus_sdk::abi::Bytes)> {
    fn abi_return(self) -> Vec<u8> {
        let Returns((a, b)) = self;
        params_with_dynamic(&[a.abi_word()], 1, &b.0)
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

// ------------------------------------------------------------ bytes, bytes4,
// return parameters with a string among words (the vault).

use alloy_primitives::aliases::B32;

impl<'a> Args<'a> {
    /// `bytes4` at head word `i`: left-aligned, the lower 28 bytes must be zero.
    #[inline]
    pub fn bytes4(&self, i: usize) -> Option<B32> {
        let (value, padding) = self.word(i)?.split_at(4);
        zeros(padding).then(|| B32::from_slice(value))
    }
}

impl AbiReturn for B32 {
    #[inline]
    fn abi_return(self) -> Vec<u8> {
        B256::right_padding_from(self.as_slice()).abi_return()
    }
}


/// Return parameters of one-word values with a `string` after the first
/// `before.len()` (Solidity's encoding, no leading offset word): the words
/// before it, the string's offset, the words after it, then its length and
/// padded bytes.
#[inline]
pub fn params_with_text(before: &[B256], text: &str, after: &[B256]) -> Vec<u8> {
    let head = (before.len() + 1 + after.len()) * WORD;
    let mut out = words(before);
    out.extend_from_slice(&U256::from(head).to_be_bytes::<WORD>());
    out.extend_from_slice(&words(after));
    out.extend_from_slice(&text.abi_return()[WORD..]);
    out
}

/// Return parameters of nine one-word values with a `string` seventh
/// ([`Returns`]; the vault's `artwork`).
impl<A, B, C, D, E, F, G, H, I> AbiReturn for Returns<(A, B, C, D, E, F, String, G, H, I)>
where
    A: AbiWord,
    B: AbiWord,
    C: AbiWord,
    D: AbiWord,
    E: AbiWord,
    F: AbiWord,
    G: AbiWord,
    H: AbiWord,
    I: AbiWord,
{
    fn abi_return(self) -> Vec<u8> {
        let Returns((a, b, c, d, e, f, s, g, h, i)) = self;
        let before = [a.abi_word(), b.abi_word(), c.abi_word(), d.abi_word(), e.abi_word(), f.abi_word()];
        params_with_text(&before, &s, &[g.abi_word(), h.abi_word(), i.abi_word()])
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod vault_tests;
