//! The vault's part of the lean ABI layer against stylus-sdk 0.9's router, as
//! in `tests.rs`: `bytes` and `bytes4` arguments (and a `string` read as
//! `bytes`, as the vault reads it) against alloy's strict
//! `abi_decode_params(data, true)`, valid encodings then random corruptions;
//! pairs, `bytes4` and `(9 words, string)` return parameters against
//! `EncodableReturnType::encode`.
use alloc::{string::String, vec, vec::Vec};

use alloy_primitives::{aliases::B32, Address, B256, U256};
use alloy_sol_types::{sol_data, SolType};
use proptest::prelude::*;
use stylus_sdk::abi::internal::EncodableReturnType;

use super::*;
use crate::abi::{Returns, SolText};

type SolAddress = sol_data::Address;
type SolUint = sol_data::Uint<256>;
type SolBytes32 = sol_data::FixedBytes<32>;
type SolBytes4 = sol_data::FixedBytes<4>;
type SolBytes = sol_data::Bytes;

/// The SDK's decoding of `data` as arguments of type `T`.
fn sdk<T: SolType>(data: &[u8]) -> Option<T::RustType>
where
    for<'a> T::Token<'a>: alloy_sol_types::abi::TokenSeq<'a>,
{
    T::abi_decode_params(data, true).ok()
}

/// What the SDK's router returns for a public function's result.
fn sdk_return<T: EncodableReturnType>(result: T) -> CallResult {
    result.encode()
}

/// `data` with a byte replaced, cut, extended, or a word-aligned byte replaced
/// (offsets, lengths, upper bytes of addresses, lower bytes of `bytes4`).
fn corrupt(data: &[u8], kind: u8, at: usize, byte: u8) -> Vec<u8> {
    let mut out = data.to_vec();
    match kind % 5 {
        0 if !out.is_empty() => {
            let i = at % out.len();
            out[i] = byte;
        }
        1 => out.truncate(at % (data.len() + 1)),
        2 => out.extend(vec![byte; 1 + at % 64]),
        3 => {
            if !out.is_empty() {
                let i = (at % out.len().div_ceil(32)) * 32 + (at / 7) % 32;
                if let Some(b) = out.get_mut(i) {
                    *b = byte;
                }
            }
        }
        _ => {
            // The last byte of a word: lengths and offsets by one.
            if !out.is_empty() {
                let i = (at % out.len().div_ceil(32)) * 32 + 31;
                if let Some(b) = out.get_mut(i) {
                    *b = b.wrapping_add(1 + byte % 3);
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
    prop_oneof![any::<[u8; 32]>().prop_map(U256::from_be_bytes), any::<u64>().prop_map(U256::from)]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![".{0,40}", "[a-z]{0,70}", Just(String::new()), Just("x".repeat(32))]
}

fn bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..100),
        Just(Vec::new()),
        Just(vec![7; 32]),
        Just(vec![0xff; 33]),
    ]
}

/// `(address, address, uint256, bytes)`: onERC721Received, safeTransferFrom.
fn read_with_data(data: &[u8]) -> Option<(Address, Address, U256, Vec<u8>)> {
    let mut a = Args::with_tail(data, 4)?;
    let bytes = a.bytes(3)?.to_vec();
    a.end()?;
    Some((a.address(0)?, a.address(1)?, a.uint(2)?, bytes))
}

/// `(address, uint256, bytes32, bytes32, bytes32, address, string)`: deposit,
/// with the `string` read as the vault reads it (`bytes`, then UTF-8).
type Deposit = (Address, U256, B256, B256, B256, Address, String);
fn read_deposit(data: &[u8]) -> Option<Deposit> {
    let mut a = Args::with_tail(data, 7)?;
    let uri = String::from_utf8(a.bytes(6)?.to_vec()).ok()?;
    a.end()?;
    Some((a.address(0)?, a.uint(1)?, a.bytes32(2)?, a.bytes32(3)?, a.bytes32(4)?, a.address(5)?, uri))
}

/// `(bytes4)`: supportsInterface.
fn read_interface(data: &[u8]) -> Option<B32> {
    Args::fixed(data, 1)?.bytes4(0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn bytes_arguments_as_the_sdk(
        from in address(), to in address(), id in uint(), data in bytes(),
        kind in any::<u8>(), at in any::<usize>(), byte in any::<u8>(),
    ) {
        type WithData = (SolAddress, SolAddress, SolUint, SolBytes);
        let valid = WithData::abi_encode_params(&(from, to, id, data.clone()));
        prop_assert_eq!(read_with_data(&valid), Some((from, to, id, data.clone())));
        let bad = corrupt(&valid, kind, at, byte);
        let expected = sdk::<WithData>(&bad).map(|(f, t, i, d)| (f, t, i, d.to_vec()));
        prop_assert_eq!(read_with_data(&bad), expected);
    }

    #[test]
    fn string_read_as_bytes_as_the_sdk(
        collection in address(), id in uint(), w in any::<[u8; 32]>(), artist in address(),
        uri in text(), kind in any::<u8>(), at in any::<usize>(), byte in any::<u8>(),
    ) {
        type SolDeposit = (SolAddress, SolUint, SolBytes32, SolBytes32, SolBytes32, SolAddress, SolText);
        let w = B256::from(w);
        let args = (collection, id, w, !w, w, artist, crate::abi::Text(uri.clone()));
        let valid = SolDeposit::abi_encode_params(&args);
        prop_assert_eq!(read_deposit(&valid), Some((collection, id, w, !w, w, artist, uri)));
        let bad = corrupt(&valid, kind, at, byte);
        let expected = sdk::<SolDeposit>(&bad).map(|(c, i, s, m, p, a, u)| (c, i, s, m, p, a, u.0));
        prop_assert_eq!(read_deposit(&bad), expected);
    }

    #[test]
    fn bytes4_arguments_as_the_sdk(
        id in any::<[u8; 4]>(), kind in any::<u8>(), at in any::<usize>(), byte in any::<u8>(),
    ) {
        type Interface = (SolBytes4,);
        let valid = Interface::abi_encode_params(&(B32::from(id),));
        prop_assert_eq!(read_interface(&valid), Some(B32::from(id)));
        let bad = corrupt(&valid, kind, at, byte);
        prop_assert_eq!(read_interface(&bad), sdk::<Interface>(&bad).map(|(b,)| b));
    }

    #[test]
    fn vault_return_data_as_the_sdk(
        a in uint(), b in uint(), to in address(), id in any::<[u8; 4]>(), w in any::<[u8; 32]>(),
        flag in any::<bool>(), s in text(),
    ) {
        prop_assert_eq!(returns::<_, Vec<u8>>(Ok((a, b))), sdk_return((a, b)));
        prop_assert_eq!(returns::<_, Vec<u8>>(Ok((to, a))), sdk_return((to, a)));
        prop_assert_eq!(returns::<_, Vec<u8>>(Ok(B32::from(id))), sdk_return(B32::from(id)));
        let w = B256::from(w);
        let artwork = Returns((to, a, w, !w, w, to, s.clone(), b, flag, a));
        prop_assert_eq!(returns::<_, Vec<u8>>(Ok(artwork.clone())), sdk_return(artwork));
        let wiring = (to, Address::ZERO, to, to, Address::ZERO);
        prop_assert_eq!(returns::<_, Vec<u8>>(Ok(wiring)), sdk_return(wiring));
    }
}

/// Hand-made cases the random corruptions may miss: each must be refused by both.
#[test]
fn non_canonical_bytes_are_refused_as_by_the_sdk() {
    type WithData = (SolAddress, SolAddress, SolUint, SolBytes);
    let data = alloy_primitives::Bytes::from(vec![1u8, 2, 3]);
    let valid = WithData::abi_encode_params(&(Address::ZERO, Address::ZERO, U256::ZERO, data));
    assert!(read_with_data(&valid).is_some());
    let word = |n: usize| U256::from(n).to_be_bytes::<32>();
    let set = |data: &mut Vec<u8>, at: usize, value: [u8; 32]| data[at..at + 32].copy_from_slice(&value);
    let mut cases = Vec::new();
    // The offset one word further, with the gap zero.
    let mut gap = valid.clone();
    set(&mut gap, 96, word(160));
    gap.splice(128..128, [0u8; 32]);
    cases.push(gap);
    // An offset into the head.
    let mut inside = valid.clone();
    set(&mut inside, 96, word(64));
    cases.push(inside);
    // Non-zero padding.
    let mut padding = valid.clone();
    padding[160 + 3] = 1;
    cases.push(padding);
    // A length past the end; a length with an upper byte set.
    let mut long = valid.clone();
    set(&mut long, 128, word(33));
    cases.push(long);
    let mut huge = valid.clone();
    huge[128] = 1;
    cases.push(huge);
    // The padding word missing.
    let mut short = valid.clone();
    short.truncate(160 + 3);
    cases.push(short);
    for data in cases {
        assert!(sdk::<WithData>(&data).is_none());
        assert!(read_with_data(&data).is_none());
    }
    // Empty `bytes`: the length word and nothing after it.
    let empty = WithData::abi_encode_params(&(Address::ZERO, Address::ZERO, U256::ZERO, alloy_primitives::Bytes::new()));
    assert_eq!(empty.len(), 160);
    assert_eq!(read_with_data(&empty), Some((Address::ZERO, Address::ZERO, U256::ZERO, Vec::new())));
}
