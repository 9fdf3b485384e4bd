//! Return values of public functions, encoded as Solidity encodes them.
//!
//! stylus-sdk 0.9 encodes a `#[public]` function's return value with
//! `SolType::abi_encode` (`EncodableReturnType` in `stylus_sdk::abi::internal`).
//! For a tuple holding a dynamic type (`string`, `bytes`, arrays) that is the
//! encoding of *one* dynamic tuple: an offset word (`0x20`) comes first. A function
//! `returns (bool, bytes memory)`, as its Solidity signature (and `abi/*.json`) says,
//! returns its *parameters*: `abi.encode(b, data)`, with no leading offset
//! (`abi_encode_params`). Clients decoding with the ABI (ethers, viem, alloy,
//! Chainlink Automation) read the offset word as the first value. Static tuples and
//! single values are not affected: there both encodings are the same bytes.
//!
//! [`Returns`] fixes it for one function: return `Returns((a, b, ...))` from the
//! public function. Its [`AbiType`] carries the same Solidity names as the tuple's
//! (so `export-abi` prints the same signature), and its `SolType` encodes with
//! `abi_encode_params` (and decodes with `abi_decode_params`).
//!
//! [`Text`] is a `string` argument without alloy's lossy UTF-8 decoding
//! (`String::from_utf8_lossy`, ~1.4 KB of WASM linked by every public function
//! that takes a `string`): decoding validates, so invalid UTF-8 reverts as before.
use alloc::{string::String, vec::Vec};
use core::{marker::PhantomData, ops::Deref};

use alloy_sol_types::{abi::token::PackedSeqToken, abi::TokenSeq, private::SolTypeValue, SolType, Word};
use stylus_sdk::abi::{AbiType, ConstString};

/// A public function's return parameters `T` (a tuple), ABI-encoded flat, as
/// Solidity returns them (`abi_encode_params`, no leading offset word).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Returns<T>(pub T);

/// The `SolType` of [`Returns<T>`]: `S`'s, except that a value encodes and decodes
/// as a parameter list.
pub struct ReturnParams<S>(PhantomData<S>);

impl<T> AbiType for Returns<T>
where
    T: AbiType,
    for<'a> <T::SolType as SolType>::Token<'a>: TokenSeq<'a>,
{
    type SolType = ReturnParams<T::SolType>;

    const ABI: ConstString = T::ABI;
    const EXPORT_ABI_ARG: ConstString = T::EXPORT_ABI_ARG;
    const EXPORT_ABI_RET: ConstString = T::EXPORT_ABI_RET;
    const CAN_BE_CALLDATA: bool = T::CAN_BE_CALLDATA;
}

impl<S> SolType for ReturnParams<S>
where
    S: SolType,
    for<'a> S::Token<'a>: TokenSeq<'a>,
{
    type RustType = Returns<S::RustType>;
    type Token<'a> = S::Token<'a>;

    const SOL_NAME: &'static str = S::SOL_NAME;
    const ENCODED_SIZE: Option<usize> = S::ENCODED_SIZE;
    const PACKED_ENCODED_SIZE: Option<usize> = S::PACKED_ENCODED_SIZE;

    #[inline]
    fn valid_token(token: &Self::Token<'_>) -> bool {
        S::valid_token(token)
    }

    #[inline]
    fn detokenize(token: Self::Token<'_>) -> Self::RustType {
        Returns(S::detokenize(token))
    }

    /// The whole point: the parameters' encoding, not one tuple's.
    #[inline]
    fn abi_encode<E: ?Sized + SolTypeValue<Self>>(rust: &E) -> Vec<u8> {
        alloy_sol_types::abi::encode_params(&rust.stv_to_tokens())
    }

    #[inline]
    fn abi_decode(data: &[u8], validate: bool) -> alloy_sol_types::Result<Self::RustType> {
        S::abi_decode_params(data, validate).map(Returns)
    }
}

impl<S, T> SolTypeValue<ReturnParams<S>> for Returns<T>
where
    S: SolType<RustType = T>,
    for<'a> S::Token<'a>: TokenSeq<'a>,
    T: SolTypeValue<S> + 'static,
{
    #[inline]
    fn stv_abi_encoded_size(&self) -> usize {
        self.0.stv_abi_encoded_size()
    }

    #[inline]
    fn stv_to_tokens(&self) -> S::Token<'_> {
        self.0.stv_to_tokens()
    }

    #[inline]
    fn stv_abi_packed_encoded_size(&self) -> usize {
        self.0.stv_abi_packed_encoded_size()
    }

    #[inline]
    fn stv_abi_encode_packed_to(&self, out: &mut Vec<u8>) {
        self.0.stv_abi_encode_packed_to(out)
    }

    #[inline]
    fn stv_eip712_data_word(&self) -> Word {
        self.0.stv_eip712_data_word()
    }
}

/// `export-abi` collects the structs a return type names; a tuple names none.
#[cfg(feature = "export-abi")]
impl<T: stylus_sdk::abi::export::internal::InnerTypes> stylus_sdk::abi::export::internal::InnerTypes
    for Returns<T>
{
    fn inner_types() -> Vec<stylus_sdk::abi::export::internal::InnerType> {
        T::inner_types()
    }
}

/// A `string` public-function argument: the same ABI as `String` (selectors,
/// `export-abi` and encoding unchanged), decoded without the lossy path.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text(pub String);

/// The `SolType` of [`Text`]: Solidity `string`.
pub struct SolText;

impl Deref for Text {
    type Target = str;

    #[inline]
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text {
    #[inline]
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<String> for Text {
    #[inline]
    fn from(s: String) -> Self {
        Text(s)
    }
}

impl From<&str> for Text {
    #[inline]
    fn from(s: &str) -> Self {
        Text(String::from(s))
    }
}

impl From<Text> for String {
    #[inline]
    fn from(t: Text) -> Self {
        t.0
    }
}

impl AbiType for Text {
    type SolType = SolText;

    const ABI: ConstString = <String as AbiType>::ABI;
    const EXPORT_ABI_ARG: ConstString = <String as AbiType>::EXPORT_ABI_ARG;
    const EXPORT_ABI_RET: ConstString = <String as AbiType>::EXPORT_ABI_RET;
    const CAN_BE_CALLDATA: bool = <String as AbiType>::CAN_BE_CALLDATA;
}

impl SolType for SolText {
    type RustType = Text;
    type Token<'a> = PackedSeqToken<'a>;

    const SOL_NAME: &'static str = "string";
    const ENCODED_SIZE: Option<usize> = None;
    const PACKED_ENCODED_SIZE: Option<usize> = None;

    /// Decoding validates (stylus-sdk decodes with `validate = true`): invalid
    /// UTF-8 is refused here, so `detokenize` never sees it.
    #[inline]
    fn valid_token(token: &Self::Token<'_>) -> bool {
        core::str::from_utf8(token.as_slice()).is_ok()
    }

    #[inline]
    fn detokenize(token: Self::Token<'_>) -> Text {
        Text(String::from_utf8(token.into_vec()).unwrap_or_default())
    }
}

impl SolTypeValue<SolText> for Text {
    #[inline]
    fn stv_to_tokens(&self) -> PackedSeqToken<'_> {
        PackedSeqToken(self.0.as_bytes())
    }

    #[inline]
    fn stv_abi_encoded_size(&self) -> usize {
        <String as SolTypeValue<alloy_sol_types::sol_data::String>>::stv_abi_encoded_size(&self.0)
    }

    #[inline]
    fn stv_eip712_data_word(&self) -> Word {
        <String as SolTypeValue<alloy_sol_types::sol_data::String>>::stv_eip712_data_word(&self.0)
    }

    #[inline]
    fn stv_abi_encode_packed_to(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(self.0.as_bytes())
    }

    #[inline]
    fn stv_abi_packed_encoded_size(&self) -> usize {
        self.0.len()
    }
}

#[cfg(feature = "export-abi")]
impl stylus_sdk::abi::export::internal::InnerTypes for Text {}

#[cfg(test)]
mod tests {
    use alloc::string::String;

    use alloy_primitives::{Address, FixedBytes, B256, U256};
    use stylus_sdk::abi::Bytes;
    use alloy_sol_types::SolValue;
    use stylus_sdk::abi::internal::EncodableReturnType;

    use super::*;

    /// What the router returns for a public function returning `value`.
    fn router_bytes<R: EncodableReturnType>(value: R) -> Vec<u8> {
        value.encode().unwrap_or_else(|_| panic!("encodes"))
    }

    fn word(n: u8) -> B256 {
        B256::repeat_byte(n)
    }

    /// `ReturnParams` decodes what it encodes.
    fn decode_like<T>(_: &T, data: &[u8]) -> Option<Returns<T>>
    where
        T: AbiType,
        for<'a> <<T as AbiType>::SolType as SolType>::Token<'a>: TokenSeq<'a>,
    {
        ReturnParams::<<T as AbiType>::SolType>::abi_decode(data, true).ok()
    }

    /// Each affected shape: the router's bytes are the tuple's parameter encoding,
    /// decode as the function's return parameters, and differ from the SDK's own
    /// (offset-prefixed) encoding exactly by that first offset word.
    macro_rules! check {
        ($value:expr) => {{
            let value = $value;
            let flat = router_bytes(Returns(value.clone()));
            assert_eq!(flat, value.abi_encode_params());
            assert_eq!(SolValue::abi_decode_params(&flat, true).ok(), Some(value.clone()));
            let sdk = router_bytes(value.clone());
            assert_eq!(sdk, value.abi_encode(), "the SDK's encoding, for contrast");
            assert_eq!(&sdk[..32], U256::from(32).to_be_bytes::<32>().as_slice());
            assert_eq!(&sdk[32..], flat.as_slice());
            assert_eq!(decode_like(&value, &flat), Some(Returns(value)));
        }};
    }

    #[test]
    fn check_upkeep_shape() {
        check!((true, Bytes(vec![])));
        check!((false, Bytes(vec![1, 2, 3])));
        // The bug's symptom: the SDK's bytes, read as (bool, bytes), say "due".
        let sdk = router_bytes((false, Bytes(vec![])));
        assert!(<(bool, Bytes)>::abi_decode_params(&sdk, false).is_ok_and(|(due, _)| due));
    }

    #[test]
    fn seed_info_shape() {
        check!((
            word(1),
            word(2),
            word(3),
            String::from("ipfs://seed"),
            Address::repeat_byte(4),
            U256::from(5),
            U256::MAX,
            U256::from(7),
        ));
    }

    #[test]
    fn artwork_shape() {
        check!((
            Address::repeat_byte(1),
            U256::from(2),
            word(3),
            word(4),
            word(5),
            Address::repeat_byte(6),
            String::from("ar://artwork"),
            U256::from(1000),
            true,
            U256::from(9),
        ));
    }

    #[test]
    fn creative_direction_shape() {
        check!((word(1), word(2), String::new()));
        check!((word(1), FixedBytes::<32>::ZERO, "x".repeat(100)));
    }

    #[test]
    fn same_solidity_names_as_the_tuple() {
        type T = (bool, Bytes);
        assert_eq!(<Returns<T> as AbiType>::ABI.as_str(), T::ABI.as_str());
        assert_eq!(<Returns<T> as AbiType>::EXPORT_ABI_RET.as_str(), "(bool, bytes memory)");
        assert_eq!(
            <ReturnParams<<T as AbiType>::SolType> as SolType>::SOL_NAME,
            <<T as AbiType>::SolType as SolType>::SOL_NAME
        );
    }

    #[test]
    fn static_tuples_encode_the_same_either_way() {
        let v = (U256::from(1), Address::repeat_byte(2), true);
        assert_eq!(router_bytes(Returns(v)), router_bytes(v));
    }
}

#[cfg(test)]
mod text_tests {
    use alloc::{string::String, vec::Vec};

    use alloy_primitives::U256;
    use alloy_sol_types::{sol_data, SolType};
    use stylus_sdk::abi::AbiType;

    use super::{SolText, Text};

    type Std = sol_data::String;

    const SAMPLES: &[&str] = &["", "a", "ipfs://bafy-seed", "ünïcødé ✓ 🎨", "0123456789abcdef0123456789abcdef"];

    #[test]
    fn same_abi_names_as_string() {
        assert_eq!(Text::ABI.as_str(), String::ABI.as_str());
        assert_eq!(Text::EXPORT_ABI_ARG.as_str(), "string calldata");
        assert_eq!(Text::EXPORT_ABI_RET.as_str(), "string memory");
        assert_eq!(SolText::SOL_NAME, Std::SOL_NAME);
    }

    #[test]
    fn encodes_and_decodes_as_string() {
        let mut samples: Vec<String> = SAMPLES.iter().map(|s| String::from(*s)).collect();
        samples.push("x".repeat(100));
        for s in samples {
            let text = Text::from(s.as_str());
            let encoded = Std::abi_encode(&s);
            assert_eq!(SolText::abi_encode(&text), encoded);
            assert_eq!(<(SolText,)>::abi_encode_params(&(text.clone(),)), <(Std,)>::abi_encode_params(&(s.clone(),)));
            assert_eq!(SolText::abi_decode(&encoded, true).ok(), Some(text.clone()));
            // Inside a tuple, as `Action` carries it.
            type Pair = (sol_data::Uint<256>, SolText);
            type StdPair = (sol_data::Uint<256>, Std);
            let pair = StdPair::abi_encode_params(&(U256::from(7), s.clone()));
            assert_eq!(Pair::abi_encode_params(&(U256::from(7), text.clone())), pair);
            assert_eq!(Pair::abi_decode_params(&pair, true).ok(), Some((U256::from(7), text)));
        }
    }

    /// `string` whose bytes are not UTF-8: alloy's `String` (validating) refuses it;
    /// so does `Text`, where an unvalidated lossy decode would have accepted it.
    #[test]
    fn invalid_utf8_is_refused() {
        for bad in [&[0xffu8][..], &[b'a', 0xc3][..], &[0xed, 0xa0, 0x80][..]] {
            let encoded = sol_data::Bytes::abi_encode(&bad.to_vec());
            assert!(Std::abi_decode(&encoded, true).is_err());
            assert!(SolText::abi_decode(&encoded, true).is_err());
            assert!(<(SolText,)>::abi_decode_params(&encoded, true).is_err());
        }
    }
}

/// Calldata for a call to another Atelier contract: the selector, then static
/// words (room is left for one short dynamic tail, see the vault's calls).
pub fn calldata(selector: [u8; 4], words: &[alloy_primitives::B256]) -> Vec<u8> {
    let mut data = Vec::with_capacity(4 + 32 * words.len() + 64);
    data.extend_from_slice(&selector);
    for w in words {
        data.extend_from_slice(w.as_slice());
    }
    data
}

/// Appends `bytes` as an ABI `bytes`/`string` tail: its length word, then the
/// bytes padded with zeros to a whole word.
pub fn append_bytes(data: &mut Vec<u8>, bytes: &[u8]) {
    data.extend_from_slice(&alloy_primitives::U256::from(bytes.len()).to_be_bytes::<32>());
    data.extend_from_slice(bytes);
    data.resize(data.len() + (32 - bytes.len() % 32) % 32, 0);
}

/// Word `i` of a call's return data (`None` when the data is shorter).
#[inline(always)]
pub fn return_word(data: &[u8], i: usize) -> Option<alloy_primitives::U256> {
    data.get(32 * i..32 * i + 32).map(alloy_primitives::U256::from_be_slice)
}
