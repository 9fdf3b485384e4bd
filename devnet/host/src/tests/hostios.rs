//! The remaining host I/Os: creation (refused by the World), math, accounts, gas, env.

use alloy_primitives::{keccak256, Address, B256};

use super::{fixture, op};
use crate::{gas, U256};

fn word(x: U256) -> [u8; 32] {
    x.to_be_bytes::<32>()
}

#[test]
fn create_fails_gracefully_and_is_refused_in_static_calls() {
    let mut f = fixture();
    for kind in [0u8, 1] {
        let mut data = vec![23, kind];
        data.extend_from_slice(&[0u8; 64]);
        data.extend_from_slice(&[0x60, 0x00]);
        let r = f.world.call(f.user, f.a, U256::ZERO, &data);
        assert!(r.success, "{r:?}");
        assert_eq!(&r.output[..20], Address::ZERO.as_slice(), "the World deploys nothing");
        assert_eq!(r.meter.creates, 1);
        let r = f.world.call(f.user, f.b, U256::ZERO, &op::static_call(f.a, &data));
        assert_eq!(r.output[0], 1, "create in a static call fails");
    }
}

#[test]
fn math_host_ios() {
    let mut f = fixture();
    let mut run = |which: u8, a: U256, b: U256, c: U256| {
        let mut data = vec![24, which];
        for x in [a, b, c] {
            data.extend_from_slice(&word(x));
        }
        let r = f.world.call(f.user, f.a, U256::ZERO, &data);
        assert!(r.success, "{r:?}");
        U256::from_be_slice(&r.output)
    };
    let (x, y, m) = (U256::from(100u64), U256::from(7u64), U256::from(9u64));
    assert_eq!(run(0, x, y, m), U256::from(14u64));
    assert_eq!(run(0, x, U256::ZERO, m), U256::ZERO, "division by zero is zero");
    assert_eq!(run(1, x, y, m), U256::from(2u64));
    assert_eq!(run(2, U256::from(2u64), U256::from(10u64), m), U256::from(1024u64));
    assert_eq!(run(3, x, y, m), U256::from(107u64 % 9));
    assert_eq!(run(4, x, y, m), U256::from(700u64 % 9));
    assert_eq!(
        run(3, U256::MAX, U256::MAX, U256::from(10u64)),
        U256::MAX.add_mod(U256::MAX, U256::from(10u64))
    );
}

#[test]
fn account_host_ios() {
    let mut f = fixture();
    let mut data = vec![25];
    data.extend_from_slice(f.b.as_slice());
    let r = f.world.call(f.user, f.a, U256::ZERO, &data);
    assert!(r.success, "{r:?}");
    let code = f.world.code(f.b);
    assert_eq!(u32::from_le_bytes(r.output[..4].try_into().unwrap()) as usize, code.len());
    assert_eq!(&r.output[4..36], keccak256(&code).as_slice());
    assert_eq!(u32::from_le_bytes(r.output[36..40].try_into().unwrap()), 4);
    assert_eq!(&r.output[40..44], &code[..4]);
    assert_eq!(r.meter.account_reads, 3);
    assert_eq!(r.meter.cold_accounts, 1, "cold once, then warm");
    // An account that does not exist: no code, zero hash.
    let mut data = vec![25];
    data.extend_from_slice(Address::repeat_byte(0x77).as_slice());
    let r = f.world.call(f.user, f.a, U256::ZERO, &data);
    assert_eq!(&r.output[..4], &[0, 0, 0, 0]);
    assert_eq!(&r.output[4..36], B256::ZERO.as_slice());
}

#[test]
fn gas_and_ink_left_decrease() {
    let mut f = fixture();
    let r = f.world.call_with_gas(f.user, f.a, U256::ZERO, &[26], 1_000_000);
    let read = |i: usize| u64::from_le_bytes(r.output[i * 8..i * 8 + 8].try_into().unwrap());
    let (gas1, ink, gas2) = (read(0), read(1), read(2));
    assert!(gas1 < 1_000_000 - gas::intrinsic_gas(&[26]));
    assert!(gas::ink_to_gas(ink) <= gas1 && gas2 < gas::ink_to_gas(ink));
}

#[test]
fn environment_host_ios() {
    let mut f = fixture();
    f.world.set_block_number(77);
    f.world.env_mut().coinbase = Address::repeat_byte(0xcb);
    let r = f.world.call(f.user, f.a, U256::ZERO, &[27]);
    assert!(r.success, "{r:?}");
    let o = &r.output;
    let env = f.world.env().clone();
    assert_eq!(u64::from_le_bytes(o[0..8].try_into().unwrap()), env.chain_id);
    assert_eq!(u64::from_le_bytes(o[8..16].try_into().unwrap()), 77);
    assert_eq!(u64::from_le_bytes(o[16..24].try_into().unwrap()), env.block_gas_limit);
    assert_eq!(U256::from_be_slice(&o[24..56]), env.basefee);
    assert_eq!(Address::from_slice(&o[56..76]), Address::repeat_byte(0xcb));
    assert_eq!(Address::from_slice(&o[76..96]), f.user, "tx.origin");
    assert_eq!(U256::from_be_slice(&o[96..128]), env.gas_price);
    assert_eq!(u32::from_le_bytes(o[128..132].try_into().unwrap()), gas::INK_PRICE);
    assert_eq!(u32::from_le_bytes(o[132..136].try_into().unwrap()), 0, "no call yet");
}
