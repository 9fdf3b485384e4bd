//! Unit tests of the host on small hand-written programs (`probe.wat`) and on the real
//! artifacts (`target/stylus/*.wasm`, built by `scripts/build-wasm`).

mod artifacts;
mod calls;
mod hostios;
mod load;
mod metering;
mod mocks;
mod storage;

use alloy_primitives::{Address, B256, U256};

use crate::World;

/// The probe program's WASM.
pub(crate) fn probe_wasm() -> Vec<u8> {
    wat::parse_str(include_str!("probe.wat")).expect("probe.wat parses")
}

/// One ether.
pub(crate) fn ether(n: u64) -> U256 {
    U256::from(n) * U256::from(10u64).pow(U256::from(18u64))
}

/// A world with a funded user and two probe programs `a` and `b`.
pub(crate) struct Fixture {
    pub world: World,
    pub user: Address,
    pub a: Address,
    pub b: Address,
}

pub(crate) fn fixture() -> Fixture {
    let mut world = World::new();
    let program = world.load(&probe_wasm()).expect("probe loads");
    let a = world.deploy(&program);
    let b = world.deploy(&program);
    let user = world.new_account(ether(100));
    Fixture { world, user, a, b }
}

/// Probe command encoders (see probe.wat).
pub(crate) mod op {
    use super::*;

    pub fn store(key: u8, value: u8) -> Vec<u8> {
        let mut v = vec![1];
        v.extend_from_slice(B256::with_last_byte(key).as_slice());
        v.extend_from_slice(B256::with_last_byte(value).as_slice());
        v
    }
    pub fn store_reverting(key: u8, value: u8) -> Vec<u8> {
        let mut v = store(key, value);
        v[0] = 3;
        v
    }
    pub fn store_unflushed(key: u8, value: u8) -> Vec<u8> {
        let mut v = store(key, value);
        v[0] = 14;
        v
    }
    pub fn load(key: u8) -> Vec<u8> {
        let mut v = vec![2];
        v.extend_from_slice(B256::with_last_byte(key).as_slice());
        v
    }
    pub fn call(to: Address, value: U256, data: &[u8]) -> Vec<u8> {
        let mut v = vec![4];
        v.extend_from_slice(to.as_slice());
        v.extend_from_slice(&value.to_be_bytes::<32>());
        v.extend_from_slice(data);
        v
    }
    pub fn call_then_revert(to: Address, value: U256, data: &[u8]) -> Vec<u8> {
        let mut v = call(to, value, data);
        v[0] = 16;
        v
    }
    pub fn static_call(to: Address, data: &[u8]) -> Vec<u8> {
        let mut v = vec![5];
        v.extend_from_slice(to.as_slice());
        v.extend_from_slice(data);
        v
    }
    pub fn delegate_call(to: Address, data: &[u8]) -> Vec<u8> {
        let mut v = static_call(to, data);
        v[0] = 6;
        v
    }
    pub fn reentrant() -> Vec<u8> {
        vec![7]
    }
    pub fn log(topics: &[B256], data: &[u8]) -> Vec<u8> {
        let mut v = vec![8, topics.len() as u8];
        for t in topics {
            v.extend_from_slice(t.as_slice());
        }
        v.extend_from_slice(data);
        v
    }
    pub fn keccak(data: &[u8]) -> Vec<u8> {
        let mut v = vec![9];
        v.extend_from_slice(data);
        v
    }
    pub fn spin() -> Vec<u8> {
        vec![10]
    }
    pub fn trap() -> Vec<u8> {
        vec![11]
    }
    pub fn context() -> Vec<u8> {
        vec![12]
    }
    pub fn balance(of: Address) -> Vec<u8> {
        let mut v = vec![13];
        v.extend_from_slice(of.as_slice());
        v
    }
    pub fn grow(pages: u8) -> Vec<u8> {
        vec![15, pages]
    }
    pub fn exit_early(status: u8) -> Vec<u8> {
        vec![17, status]
    }
    pub fn timestamp() -> Vec<u8> {
        vec![18]
    }
    pub fn transient(key: u8, value: u8) -> Vec<u8> {
        let mut v = store(key, value);
        v[0] = 19;
        v
    }
    pub fn load_twice(key: u8) -> Vec<u8> {
        let mut v = load(key);
        v[0] = 21;
        v
    }
    pub fn load_then_call(key: u8, to: Address, value: U256, data: &[u8]) -> Vec<u8> {
        let mut v = load(key);
        v[0] = 22;
        v.extend_from_slice(&call(to, value, data)[1..]);
        v
    }
    pub fn bad_pointer() -> Vec<u8> {
        vec![20]
    }
}

/// A slot key as the probe writes it.
pub(crate) fn slot(key: u8) -> B256 {
    B256::with_last_byte(key)
}
