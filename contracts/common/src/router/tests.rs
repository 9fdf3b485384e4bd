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

/// `Action`, as the governor takes it: `(uint8, address, address, uint256,
/// uint256, bytes32, bytes32, string)`.
type SolAction = (SolUint8, SolAddress, SolAddress, SolUint, SolUint, SolBytes32, SolBytes32, SolText);
type Action = (u8, Address, Address, U256, U256, B256, B256, crate::abi::Text);

fn read_action(a: &mut Args<'_>) -> Option<Action> {
    let uri = a.text(7)?;
    Some((a.uint8(0)?, a.address(1)?, a.address(2)?, a.uint(3)?, a.uint(4)?, a.bytes32(5)?, a.bytes32(6)?, uri))
}

/// `(Action[], string)`: propose's shape.
fn read_propose(data: &[u8]) -> Option<(Vec<Action>, String)> {
    let mut a = Args::with_tail(data, 2)?;
    let actions = a.tuples(0, 8, read_action)?;
    let description = a.text(1)?;
    a.end()?;
    Some((actions, description.0))
}

/// `(Action[], bytes32, address)`: execute's and hashProposal's shape.
fn read_execute(data: &[u8]) -> Option<(Vec<Action>, B256, Address)> {
    let mut a = Args::with_tail(data, 3)?;
    let actions = a.tuples(0, 8, read_action)?;
    a.end()?;
    Some((actions, a.bytes32(1)?, a.address(2)?))
}

/// `(uint256, uint8, string)`: castVoteWithReason's shape.
fn read_vote(data: &[u8]) -> Option<(U256, u8, String)> {
    let mut a = Args::with_tail(data, 3)?;
    let reason = a.text(2)?;
    a.end()?;
    Some((a.uint(0)?, a.uint8(1)?, reason.0))
}

/// `(uint256, string)[]` then `uint256`: a tuple array with a different head
/// size, the array not first.
fn read_pairs(data: &[u8]) -> Option<(U256, Vec<(U256, String)>)> {
    let mut a = Args::with_tail(data, 2)?;
    let pairs = a.tuples(1, 2, |t| {
        let s = t.text(1)?;
        Some((t.uint(0)?, s.0))
    })?;
    a.end()?;
    Some((a.uint(0)?, pairs))
}

fn action() -> impl Strategy<Value = Action> {
    (any::<u8>(), address(), address(), uint(), uint(), any::<[u8; 32]>(), any::<[u8; 32]>(), text()).prop_map(
        |(k, t, a, i, m, h, g, u)| (k, t, a, i, m, B256::from(h), B256::from(g), crate::abi::Text(u)),
    )
}

fn plain(actions: &[Action]) -> Vec<Action> {
    actions.to_vec()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn tuple_array_arguments_as_the_sdk(
        actions in proptest::collection::vec(action(), 0..6), description in text(),
        hash in any::<[u8; 32]>(), proposer in address(), value in uint(), support in any::<u8>(),
        kind in any::<u8>(), at in any::<usize>(), byte in any::<u8>(),
    ) {
        type Propose = (sol_data::Array<SolAction>, SolText);
        let valid = Propose::abi_encode_params(&(actions.clone(), crate::abi::Text(description.clone())));
        prop_assert_eq!(read_propose(&valid), Some((plain(&actions), description.clone())));
        let bad = corrupt(&valid, kind, at, byte);
        let expected = sdk::<Propose>(&bad).map(|(a, d)| (a, d.0));
        prop_assert_eq!(read_propose(&bad), expected);

        type Execute = (sol_data::Array<SolAction>, SolBytes32, SolAddress);
        let valid = Execute::abi_encode_params(&(actions.clone(), B256::from(hash), proposer));
        prop_assert_eq!(read_execute(&valid), Some((plain(&actions), B256::from(hash), proposer)));
        let bad = corrupt(&valid, kind, at, byte);
        prop_assert_eq!(read_execute(&bad), sdk::<Execute>(&bad));

        type Vote = (SolUint, SolUint8, SolText);
        let valid = Vote::abi_encode_params(&(value, support, crate::abi::Text(description.clone())));
        prop_assert_eq!(read_vote(&valid), Some((value, support, description.clone())));
        let bad = corrupt(&valid, kind, at, byte);
        let expected = sdk::<Vote>(&bad).map(|(v, s, r)| (v, s, r.0));
        prop_assert_eq!(read_vote(&bad), expected);

        type Pairs = (SolUint, sol_data::Array<(SolUint, SolText)>);
        let pairs: Vec<(U256, crate::abi::Text)> =
            actions.iter().map(|a| (a.3, a.7.clone())).collect();
        let valid = Pairs::abi_encode_params(&(value, pairs.clone()));
        let plain_pairs: Vec<(U256, String)> = pairs.iter().map(|(v, t)| (*v, t.0.clone())).collect();
        prop_assert_eq!(read_pairs(&valid), Some((value, plain_pairs)));
        let bad = corrupt(&valid, kind, at, byte);
        let expected = sdk::<Pairs>(&bad)
            .map(|(v, p)| (v, p.into_iter().map(|(a, t)| (a, t.0)).collect::<Vec<_>>()));
        prop_assert_eq!(read_pairs(&bad), expected);
    }
}

/// Hand-made non-canonical `Action[]` encodings: each must be refused by both.
#[test]
fn non_canonical_tuple_arrays_are_refused_as_by_the_sdk() {
    type Propose = (sol_data::Array<SolAction>, SolText);
    let act = |k: u8, uri: &str| -> Action {
        (k, Address::repeat_byte(1), Address::ZERO, U256::from(7), U256::ZERO, B256::ZERO, B256::repeat_byte(2), uri.into())
    };
    let valid = Propose::abi_encode_params(&(vec![act(1, "ipfs://a"), act(2, "")], crate::abi::Text::from("why")));
    assert!(read_propose(&valid).is_some());
    let word = |n: usize| U256::from(n).to_be_bytes::<32>();
    let set = |data: &mut Vec<u8>, at: usize, value: [u8; 32]| data[at..at + 32].copy_from_slice(&value);
    // Layout: head (2 words), array at 64: length, 2 offsets, element 0 at
    // 64+96 (8 words, then "ipfs://a": length, 1 word), element 1 after it.
    let (array, elems) = (64, 64 + 32);
    let e0 = elems + 64;
    let e1 = e0 + 8 * 32 + 64;
    let mut cases: Vec<(&str, Vec<u8>)> = Vec::new();
    let mut c = valid.clone();
    set(&mut c, elems + 32, word(64));
    cases.push(("both elements at one place", c));
    let mut c = valid.clone();
    set(&mut c, elems, word(96));
    cases.push(("first element's offset one word late", c));
    let mut c = valid.clone();
    c[elems + 32] = 1;
    cases.push(("offset upper byte", c));
    let mut c = valid.clone();
    set(&mut c, array, word(3));
    cases.push(("length one more", c));
    let mut c = valid.clone();
    set(&mut c, array, word(1));
    cases.push(("length one less", c));
    let mut c = valid.clone();
    set(&mut c, array, word(1 << 40));
    cases.push(("huge length", c));
    let mut c = valid.clone();
    set(&mut c, e0 + 7 * 32, word(8 * 32 + 32));
    cases.push(("element string offset late", c));
    let mut c = valid.clone();
    c[e0 + 8 * 32 + 32 + 9] = 1;
    cases.push(("element string padding", c));
    let mut c = valid.clone();
    c[e0 + 8 * 32 + 32] = 0xff;
    cases.push(("element string not UTF-8", c));
    let mut c = valid.clone();
    c[e1 + 30] = 1;
    cases.push(("kind upper byte", c));
    let mut c = valid.clone();
    c[e1 + 32] = 1;
    cases.push(("target upper byte", c));
    let mut c = valid.clone();
    set(&mut c, 32, word(64));
    cases.push(("description at the array", c));
    let mut c = valid.clone();
    set(&mut c, 0, word(96));
    cases.push(("array offset late", c));
    for (what, data) in cases {
        assert!(sdk::<Propose>(&data).is_none(), "{what}: the SDK accepts");
        assert!(read_propose(&data).is_none(), "{what}: the router accepts");
    }
    // An empty array and a description: accepted by both.
    let empty = Propose::abi_encode_params(&(Vec::<Action>::new(), crate::abi::Text::from("")));
    assert_eq!(read_propose(&empty), Some((Vec::new(), String::new())));
    assert!(sdk::<Propose>(&empty).is_some());
}

proptest! {
    #[test]
    fn tuple_return_data_as_the_sdk(
        a in uint(), b in uint(), c in uint(), to in address(), flag in any::<bool>(),
        word in any::<[u8; 32]>(), key in any::<u8>(), s in text(),
    ) {
        let w = B256::from(word);
        prop_assert_eq!(returns::<_, Vec<u8>>(Ok((a, b, c))), sdk_return((a, b, c)));
        prop_assert_eq!(returns::<_, Vec<u8>>(Ok((to, to, Address::ZERO, to))), sdk_return((to, to, Address::ZERO, to)));
        prop_assert_eq!(returns::<_, Vec<u8>>(Ok((a, to, w, b, flag))), sdk_return((a, to, w, b, flag)));
        prop_assert_eq!(returns::<_, Vec<u8>>(Ok((to, a, b, c, a, key))), sdk_return((to, a, b, c, a, key)));
        let r = crate::abi::Returns((w, B256::from(b), s.clone()));
        prop_assert_eq!(returns::<_, Vec<u8>>(Ok(r.clone())), sdk_return(r));
    }
}

/// `bytes` as the SDK takes it (`stylus_sdk::abi::Bytes`, its own `SolType`).
use stylus_sdk::abi::Bytes as SolBytes;

fn blob() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..80),
        Just(Vec::new()),
        Just(vec![0u8; 32]),
    ]
}

/// `(bytes)`: checkUpkeep's and performUpkeep's shape.
fn read_upkeep(data: &[u8]) -> Option<Vec<u8>> {
    let mut a = Args::with_tail(data, 1)?;
    let b = a.bytes(0)?;
    a.end()?;
    Some(b.to_vec())
}

/// `(address, uint256, address, uint256, bytes32, bytes32, bytes32, address,
/// string, uint256)`: the treasury's acquire.
type Acquire = (Address, U256, Address, U256, B256, B256, B256, Address, String, U256);

fn read_acquire(data: &[u8]) -> Option<Acquire> {
    let mut a = Args::with_tail(data, 10)?;
    let uri = a.text(8)?;
    a.end()?;
    Some((
        a.address(0)?, a.uint(1)?, a.address(2)?, a.uint(3)?, a.bytes32(4)?, a.bytes32(5)?,
        a.bytes32(6)?, a.address(7)?, uri.0, a.uint(9)?,
    ))
}

/// `(bytes32, bytes32, bytes32, string, uint256)`: the registry's registerSeed.
fn read_register(data: &[u8]) -> Option<(B256, B256, B256, String, U256)> {
    let mut a = Args::with_tail(data, 5)?;
    let uri = a.text(3)?;
    a.end()?;
    Some((a.bytes32(0)?, a.bytes32(1)?, a.bytes32(2)?, uri.0, a.uint(4)?))
}

/// `(string, bytes, uint256)`: a `bytes` after a `string`.
fn read_text_bytes(data: &[u8]) -> Option<(String, Vec<u8>, U256)> {
    let mut a = Args::with_tail(data, 3)?;
    let (s, b) = (a.text(0)?, a.bytes(1)?.to_vec());
    a.end()?;
    Some((s.0, b, a.uint(2)?))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn bytes_and_seed_arguments_as_the_sdk(
        b in blob(), s in text(), to in address(), value in uint(), w in any::<[u8; 32]>(),
        kind in any::<u8>(), at in any::<usize>(), byte in any::<u8>(),
    ) {
        type Upkeep = (SolBytes,);
        let valid = Upkeep::abi_encode_params(&(SolBytes(b.clone()),));
        prop_assert_eq!(read_upkeep(&valid), Some(b.clone()));
        let bad = corrupt(&valid, kind, at, byte);
        prop_assert_eq!(read_upkeep(&bad), sdk::<Upkeep>(&bad).map(|(b,)| b.0));

        type SolAcquire = (
            SolAddress, SolUint, SolAddress, SolUint, SolBytes32, SolBytes32, SolBytes32,
            SolAddress, SolText, SolUint,
        );
        let w = B256::from(w);
        let args = (to, value, Address::ZERO, U256::from(7), w, B256::ZERO, w, to, crate::abi::Text(s.clone()), value);
        let valid = SolAcquire::abi_encode_params(&args);
        let plain = |(a, b, c, d, e, f, g, h, i, j): (Address, U256, Address, U256, B256, B256, B256, Address, crate::abi::Text, U256)| {
            (a, b, c, d, e, f, g, h, i.0, j)
        };
        prop_assert_eq!(read_acquire(&valid), Some(plain(args.clone())));
        let bad = corrupt(&valid, kind, at, byte);
        prop_assert_eq!(read_acquire(&bad), sdk::<SolAcquire>(&bad).map(plain));

        type Register = (SolBytes32, SolBytes32, SolBytes32, SolText, SolUint);
        let valid = Register::abi_encode_params(&(w, B256::ZERO, w, crate::abi::Text(s.clone()), value));
        prop_assert_eq!(read_register(&valid), Some((w, B256::ZERO, w, s.clone(), value)));
        let bad = corrupt(&valid, kind, at, byte);
        let expected = sdk::<Register>(&bad).map(|(a, b, c, u, v)| (a, b, c, u.0, v));
        prop_assert_eq!(read_register(&bad), expected);

        type TextBytes = (SolText, SolBytes, SolUint);
        let valid = TextBytes::abi_encode_params(&(crate::abi::Text(s.clone()), SolBytes(b.clone()), value));
        prop_assert_eq!(read_text_bytes(&valid), Some((s, b, value)));
        let bad = corrupt(&valid, kind, at, byte);
        let expected = sdk::<TextBytes>(&bad).map(|(s, b, v)| (s.0, b.0, v));
        prop_assert_eq!(read_text_bytes(&bad), expected);
    }
}

/// Hand-made non-canonical `bytes` encodings: each refused by both; and bytes
/// that are not UTF-8 accepted by both.
#[test]
fn non_canonical_bytes_are_refused_as_by_the_sdk() {
    type Upkeep = (SolBytes,);
    let valid = Upkeep::abi_encode_params(&(SolBytes(vec![0xff, 0, 1]),));
    assert_eq!(read_upkeep(&valid), Some(vec![0xff, 0, 1]));
    assert!(sdk::<Upkeep>(&valid).is_some());
    let word = |n: usize| U256::from(n).to_be_bytes::<32>();
    let set = |data: &mut Vec<u8>, at: usize, value: [u8; 32]| data[at..at + 32].copy_from_slice(&value);
    let mut cases: Vec<(&str, Vec<u8>)> = Vec::new();
    let mut c = valid.clone();
    set(&mut c, 0, word(64));
    c.splice(32..32, [0u8; 32]);
    cases.push(("offset one word late", c));
    let mut c = valid.clone();
    set(&mut c, 0, word(0));
    cases.push(("offset at the head", c));
    let mut c = valid.clone();
    c[0] = 1;
    cases.push(("offset upper byte", c));
    let mut c = valid.clone();
    set(&mut c, 32, word(33));
    cases.push(("length past the end", c));
    let mut c = valid.clone();
    set(&mut c, 32, word(2));
    cases.push(("length one short (padding not zero)", c));
    let mut c = valid.clone();
    c[64 + 31] = 1;
    cases.push(("padding", c));
    let mut c = valid.clone();
    c.truncate(64);
    cases.push(("bytes cut", c));
    let mut c = valid.clone();
    c.extend([0u8; 32]);
    cases.push(("a word more", c));
    for (what, data) in cases {
        assert!(sdk::<Upkeep>(&data).is_none(), "{what}: the SDK accepts");
        assert!(read_upkeep(&data).is_none(), "{what}: the router accepts");
    }
    let empty = Upkeep::abi_encode_params(&(SolBytes(Vec::new()),));
    assert_eq!(empty.len(), 64);
    assert_eq!(read_upkeep(&empty), Some(Vec::new()));
}

proptest! {
    #[test]
    fn dynamic_return_parameters_as_the_sdk(
        a in uint(), b in uint(), c in uint(), to in address(), flag in any::<bool>(),
        word in any::<[u8; 32]>(), s in text(), data in blob(),
    ) {
        let w = B256::from(word);
        prop_assert_eq!(returns::<_, Vec<u8>>(Ok((a, b))), sdk_return((a, b)));
        prop_assert_eq!(returns::<_, Vec<u8>>(Ok((a, b, c, a, b, c, flag))), sdk_return((a, b, c, a, b, c, flag)));
        let upkeep = crate::abi::Returns((flag, SolBytes(data.clone())));
        prop_assert_eq!(returns::<_, Vec<u8>>(Ok(upkeep.clone())), sdk_return(upkeep));
        // seedInfo's `(bytes32, bytes32, bytes32, string, address, uint256,
        // uint256, uint256)`, and a string first and last.
        let seed = crate::abi::Returns((w, B256::ZERO, w, s.clone(), to, a, b, c));
        let words = [w, B256::ZERO, w, to.abi_word(), a.abi_word(), b.abi_word(), c.abi_word()];
        prop_assert_eq!(Ok(params_with_dynamic(&words, 3, s.as_bytes())), sdk_return(seed));
        let first = crate::abi::Returns((s.clone(), a, flag));
        prop_assert_eq!(Ok(params_with_dynamic(&[a.abi_word(), flag.abi_word()], 0, s.as_bytes())), sdk_return(first));
        let last = crate::abi::Returns((to, a, SolBytes(data.clone())));
        prop_assert_eq!(Ok(params_with_dynamic(&[to.abi_word(), a.abi_word()], 2, &data)), sdk_return(last));
        // Solidity's return parameters: no leading offset word.
        let upkeep = crate::abi::Returns((flag, SolBytes(data.clone())));
        let params = <(SolBool, SolBytes)>::abi_encode_params(&(flag, SolBytes(data)));
        prop_assert_eq!(returns::<_, Vec<u8>>(Ok(upkeep)), Ok(params));
    }
}
