//! The lean ABI layer against what stylus-sdk 0.9's router does with the same
//! bytes: alloy's strict `abi_decode_params(data, true)` for arguments (valid
//! encodings, then random corruptions of them: both accept the same calldata and
//! read the same values) and `EncodableReturnType::encode` for return values.
use alloc::{string::String, vec, vec::Vec};

use alloy_primitives::{aliases::U48, Address, B256, U256};
use alloy_sol_types::{sol_data, SolType};
use proptest::prelude::*;
use stylus_sdk::abi::internal::EncodableReturnType;

use super::*;
use crate::abi::SolText;

type SolAddress = sol_data::Address;
type SolUint = sol_data::Uint<256>;
type SolUint8 = sol_data::Uint<8>;
type SolBytes32 = sol_data::FixedBytes<32>;
type SolBool = sol_data::Bool;

/// The SDK's decoding of `data` as arguments of type `T`.
fn sdk<T: SolType>(data: &[u8]) -> Option<T::RustType>
where
    for<'a> T::Token<'a>: alloy_sol_types::abi::TokenSeq<'a>,
{
    T::abi_decode_params(data, true).ok()
}

/// `data` with byte `at` (modulo its length) replaced by `byte`, or cut or
/// extended: the corruptions a caller could send.
fn corrupt(data: &[u8], kind: u8, at: usize, byte: u8) -> Vec<u8> {
    let mut out = data.to_vec();
    match kind % 4 {
        0 if !out.is_empty() => {
            let i = at % out.len();
            out[i] = byte;
        }
        1 => out.truncate(at % (data.len() + 1)),
        2 => out.extend(vec![byte; 1 + at % 64]),
        _ => {
            // A word-aligned byte: offsets, lengths and the upper bytes of
            // address and uint8 words, where the checks are.
            if !out.is_empty() {
                let i = (at % out.len().div_ceil(32)) * 32 + (at / 7) % 32;
                if let Some(b) = out.get_mut(i) {
                    *b = byte;
                }
            }
        }
    }
    out
}

fn address() -> impl Strategy<Value = Address> {
    any::<[u8; 20]>().prop_map(Address::from)
}

fn uint() -> impl Strategy<Value = U256> {
    prop_oneof![
        any::<[u8; 32]>().prop_map(U256::from_be_bytes),
        any::<u64>().prop_map(U256::from),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![".{0,40}", "[a-z]{0,70}", Just(String::new()), Just("x".repeat(32))]
}

/// `(address, uint256)`: transfer, mint, burnFrom…
fn read_transfer(data: &[u8]) -> Option<(Address, U256)> {
    let a = Args::fixed(data, 2)?;
    Some((a.address(0)?, a.uint(1)?))
}

/// `(uint8, uint256)`: setParam.
fn read_set_param(data: &[u8]) -> Option<(u8, U256)> {
    let a = Args::fixed(data, 2)?;
    Some((a.uint8(0)?, a.uint(1)?))
}

/// `(bool, bytes32)`.
fn read_flag(data: &[u8]) -> Option<(bool, B256)> {
    let a = Args::fixed(data, 2)?;
    Some((a.bool(0)?, a.bytes32(1)?))
}

/// `(string, string, address, uint256)`: initialize's shape.
fn read_initialize(data: &[u8]) -> Option<(String, String, Address, U256)> {
    let mut a = Args::with_tail(data, 4)?;
    let (name, symbol) = (a.text(0)?, a.text(1)?);
    a.end()?;
    Some((name.0, symbol.0, a.address(2)?, a.uint(3)?))
}

/// `(uint256, string)`: a dynamic argument after a static one.
fn read_uri(data: &[u8]) -> Option<(U256, String)> {
    let mut a = Args::with_tail(data, 2)?;
    let uri = a.text(1)?;
    a.end()?;
    Some((a.uint(0)?, uri.0))
}

/// `()`: no arguments.
fn read_none(data: &[u8]) -> Option<()> {
    Args::fixed(data, 0).map(|_| ())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn static_arguments_as_the_sdk(
        to in address(), value in uint(), key in any::<u8>(), flag in any::<bool>(),
        word in any::<[u8; 32]>(), kind in any::<u8>(), at in any::<usize>(), byte in any::<u8>(),
    ) {
        type Transfer = (SolAddress, SolUint);
        let valid = Transfer::abi_encode_params(&(to, value));
        prop_assert_eq!(read_transfer(&valid), Some((to, value)));
        let bad = corrupt(&valid, kind, at, byte);
        prop_assert_eq!(read_transfer(&bad), sdk::<Transfer>(&bad));

        type SetParam = (SolUint8, SolUint);
        let valid = SetParam::abi_encode_params(&(key, value));
        prop_assert_eq!(read_set_param(&valid), Some((key, value)));
        let bad = corrupt(&valid, kind, at, byte);
        prop_assert_eq!(read_set_param(&bad), sdk::<SetParam>(&bad));

        type Flag = (SolBool, SolBytes32);
        let valid = Flag::abi_encode_params(&(flag, B256::from(word)));
        prop_assert_eq!(read_flag(&valid), Some((flag, B256::from(word))));
        let bad = corrupt(&valid, kind, at, byte);
        prop_assert_eq!(read_flag(&bad), sdk::<Flag>(&bad));

        let bad = corrupt(&[], kind, at, byte);
        prop_assert_eq!(read_none(&bad), sdk::<()>(&bad));
    }

    #[test]
    fn string_arguments_as_the_sdk(
        name in text(), symbol in text(), to in address(), value in uint(),
        kind in any::<u8>(), at in any::<usize>(), byte in any::<u8>(),
    ) {
        type Initialize = (SolText, SolText, SolAddress, SolUint);
        let args = (crate::abi::Text(name.clone()), crate::abi::Text(symbol.clone()), to, value);
        let valid = Initialize::abi_encode_params(&args);
        prop_assert_eq!(read_initialize(&valid), Some((name.clone(), symbol, to, value)));
        let bad = corrupt(&valid, kind, at, byte);
        let expected = sdk::<Initialize>(&bad).map(|(n, s, a, v)| (n.0, s.0, a, v));
        prop_assert_eq!(read_initialize(&bad), expected);

        type Uri = (SolUint, SolText);
        let valid = Uri::abi_encode_params(&(value, crate::abi::Text(name.clone())));
        prop_assert_eq!(read_uri(&valid), Some((value, name)));
        let bad = corrupt(&valid, kind, at, byte);
        let expected = sdk::<Uri>(&bad).map(|(v, u)| (v, u.0));
        prop_assert_eq!(read_uri(&bad), expected);
    }
}

/// Hand-made cases the random corruptions may miss: each must be refused by both.
#[test]
fn non_canonical_strings_are_refused_as_by_the_sdk() {
    type Initialize = (SolText, SolText, SolAddress, SolUint);
    let args = (crate::abi::Text::from("Atelier"), crate::abi::Text::from("ATL"), Address::ZERO, U256::ZERO);
    let valid = Initialize::abi_encode_params(&args);
    let word = |n: usize| U256::from(n).to_be_bytes::<32>();
    let set = |data: &mut Vec<u8>, at: usize, value: [u8; 32]| data[at..at + 32].copy_from_slice(&value);
    let mut cases = Vec::new();
    // Both offsets at the first string (decodes, but does not re-encode to itself).
    let mut same = valid.clone();
    set(&mut same, 32, word(128));
    cases.push(same);
    // Offset with an upper byte set (a huge offset).
    let mut high = valid.clone();
    high[32] = 1;
    cases.push(high);
    // The second string's offset one word further, with the gap zero.
    let mut gap = valid.clone();
    set(&mut gap, 32, word(128 + 96));
    gap.splice(128 + 64..128 + 64, [0u8; 32]);
    cases.push(gap);
    // Non-zero padding after "Atelier".
    let mut padding = valid.clone();
    padding[128 + 32 + 7] = 1;
    cases.push(padding);
    // A length past the end of the calldata.
    let mut long = valid.clone();
    set(&mut long, 128, word(1 << 20));
    cases.push(long);
    // Invalid UTF-8.
    let mut utf8 = valid.clone();
    utf8[128 + 32] = 0xff;
    cases.push(utf8);
    for data in cases {
        assert!(sdk::<Initialize>(&data).is_none());
        assert!(read_initialize(&data).is_none());
    }
}

#[test]
fn the_selector_is_the_first_four_bytes() {
    for short in [&[][..], &[1], &[1, 2], &[1, 2, 3]] {
        assert_eq!(split_selector(short), None);
    }
    assert_eq!(split_selector(&[0xa9, 0x05, 0x9c, 0xbb]), Some((0xa9059cbb, &[][..])));
    assert_eq!(split_selector(&[0, 0, 0, 1, 7]), Some((1, &[7][..])));
}

/// What the SDK's router returns for a public function's result.
fn sdk_return<T: EncodableReturnType>(result: T) -> CallResult {
    result.encode()
}

proptest! {
    #[test]
    fn return_data_as_the_sdk(
        value in uint(), to in address(), key in any::<u8>(), flag in any::<bool>(),
        word in any::<[u8; 32]>(), clock in 0u64..(1 << 48), s in text(), revert in any::<Vec<u8>>(),
    ) {
        prop_assert_eq!(returns::<_, Vec<u8>>(Ok(value)), sdk_return(value));
        prop_assert_eq!(returns::<_, Vec<u8>>(Ok(to)), sdk_return(to));
        prop_assert_eq!(returns::<_, Vec<u8>>(Ok(key)), sdk_return(key));
        prop_assert_eq!(returns::<_, Vec<u8>>(Ok(flag)), sdk_return(flag));
        prop_assert_eq!(returns::<_, Vec<u8>>(Ok(B256::from(word))), sdk_return(B256::from(word)));
        let clock = U48::from(clock);
        prop_assert_eq!(returns::<_, Vec<u8>>(Ok(clock)), sdk_return(clock));
        prop_assert_eq!(returns::<_, Vec<u8>>(Ok(s.clone())), sdk_return(s.clone()));
        prop_assert_eq!(returns::<_, Vec<u8>>(Ok(())), sdk_return(()));
        let failed: Result<U256, Vec<u8>> = Err(revert.clone());
        prop_assert_eq!(returns(failed.clone()), sdk_return(failed));
    }
}
