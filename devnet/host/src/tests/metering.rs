//! Metering: exact instruction and ink counts on tiny programs, host I/O counts by kind,
//! determinism, and the gas estimate's main terms.

use alloy_primitives::keccak256;

use super::{fixture, op};
use crate::{gas, Program, World, B256, U256};

fn deploy_wat(world: &mut World, src: &str) -> crate::Address {
    let program = Program::from_code(&wat::parse_str(src).unwrap()).unwrap();
    world.deploy(&program)
}

#[test]
fn instruction_and_ink_counts_are_exact() {
    let mut world = World::new();
    let at = deploy_wat(
        &mut world,
        r#"(module (memory (export "memory") 1)
             (func (export "user_entrypoint") (param i32) (result i32) (i32.const 0)))"#,
    );
    let r = world.call(crate::Address::ZERO, at, U256::ZERO, &[]);
    assert!(r.success);
    // i32.const (1 ink) + end (1 ink), one block with the 2450-ink header.
    assert_eq!(r.meter.instructions, 2);
    assert_eq!(r.meter.wasm_ink, 2 + gas::INK_HEADER_COST);
    assert_eq!(r.meter.hostios, 0);

    // A counted loop: 10 iterations of a 9-operator body ending in br_if.
    let at = deploy_wat(
        &mut world,
        r#"(module (memory (export "memory") 1)
             (func (export "user_entrypoint") (param i32) (result i32) (local i32)
               (loop $l
                 (local.set 1 (i32.add (local.get 1) (i32.const 1)))
                 (br_if $l (i32.lt_u (local.get 1) (i32.const 10))))
               (i32.const 0)))"#,
    );
    let r = world.call(crate::Address::ZERO, at, U256::ZERO, &[]);
    // Blocks: [loop] once; [local.get, i32.const, i32.add, local.set, local.get, i32.const,
    // i32.lt_u, br_if] ten times; the loop's [end]; [i32.const, end].
    assert_eq!(r.meter.instructions, 1 + 10 * 8 + 1 + 2);
    let body = 75 + 1 + 70 + 210 + 75 + 1 + 170 + 765 + gas::INK_HEADER_COST;
    let once = (1 + gas::INK_HEADER_COST) * 2 + (2 + gas::INK_HEADER_COST);
    assert_eq!(r.meter.wasm_ink, once + 10 * body);
}

#[test]
fn counts_are_deterministic() {
    let f = fixture();
    let run = |data: &[u8]| {
        let mut w = f.world.clone();
        w.call(f.user, f.a, U256::ZERO, data)
    };
    for data in [op::store(1, 5), op::load(3), op::call(f.b, U256::ZERO, &op::store(2, 2))] {
        let (x, y) = (run(&data), run(&data));
        assert_eq!(x, y);
        assert!(x.meter.instructions > 0 && x.gas > 21_000);
    }
}

#[test]
fn storage_reads_by_kind() {
    let mut f = fixture();
    let r = f.world.call(f.user, f.a, U256::ZERO, &op::load_twice(1));
    assert_eq!((r.meter.storage_reads_cold, r.meter.storage_cache_hits), (1, 1));
    let inner = op::load(1);
    let r = f.world.call(f.user, f.a, U256::ZERO, &op::load_then_call(1, f.a, U256::ZERO, &inner));
    assert!(r.success, "{r:?}");
    assert_eq!((r.meter.storage_reads_cold, r.meter.storage_reads_warm), (1, 1), "{:?}", r.meter);
}

#[test]
fn storage_writes_by_transition_and_their_gas() {
    let mut f = fixture();
    let set = f.world.call(f.user, f.a, U256::ZERO, &op::store(1, 5));
    assert_eq!((set.meter.storage_writes_set, set.meter.storage_writes_cold), (1, 1));
    let reset = f.world.call(f.user, f.a, U256::ZERO, &op::store(1, 6));
    assert_eq!(reset.meter.storage_writes_reset, 1);
    let noop = f.world.call(f.user, f.a, U256::ZERO, &op::store(1, 6));
    assert_eq!(noop.meter.storage_writes_noop, 1);
    let clear = f.world.call(f.user, f.a, U256::ZERO, &op::store(1, 0));
    assert_eq!(clear.meter.storage_writes_clear, 1);
    assert_eq!(clear.meter.refund, gas::SSTORE_CLEAR_REFUND as i64);
    // zero -> non-zero costs 20,000 + 2,100 cold; non-zero -> non-zero 2,900 + 2,100.
    assert_eq!(set.exec_gas - reset.exec_gas, 20_000 - 2_900);
    assert_eq!(reset.exec_gas - noop.exec_gas, 2_900 - 100);
    assert!(clear.gas < clear.exec_gas + 21_000, "refund applied");
}

#[test]
fn logs_are_recorded_and_priced() {
    let mut f = fixture();
    let topics = [B256::with_last_byte(1), B256::with_last_byte(2)];
    let r = f.world.call(f.user, f.a, U256::ZERO, &op::log(&topics, b"hello"));
    assert!(r.success, "{r:?}");
    assert_eq!(r.logs.len(), 1);
    assert_eq!(r.logs[0].address, f.a);
    assert_eq!(r.logs[0].data.topics(), &topics);
    assert_eq!(&r.logs[0].data.data[..], b"hello");
    assert_eq!((r.meter.logs, r.meter.log_topics, r.meter.log_bytes), (1, 2, 5));
    assert_eq!(r.meter.evm_gas, gas::log_gas(2, 5));
    // Too many topics is a failure, not a panic.
    let mut bad = op::log(&[], &[0u8; 200]);
    bad[1] = 5;
    assert!(!f.world.call(f.user, f.a, U256::ZERO, &bad).success);
}

#[test]
fn keccak_and_memory_growth() {
    let mut f = fixture();
    let r = f.world.call(f.user, f.a, U256::ZERO, &op::keccak(b"abc"));
    assert_eq!(&r.output[..], keccak256(b"abc").as_slice());
    assert_eq!((r.meter.keccaks, r.meter.keccak_bytes), (1, 3));
    assert_eq!(
        r.meter.hostio_ink,
        gas::HOSTIO_INK
            + gas::write_price(4)
            + gas::keccak_price(3)
            + gas::HOSTIO_INK
            + 2 * gas::read_price(32)
    );

    let r = f.world.call(f.user, f.a, U256::ZERO, &op::grow(1));
    assert!(r.success, "{r:?}");
    assert_eq!(u32::from_le_bytes(r.output[..4].try_into().unwrap()), 2);
    assert_eq!(r.meter.memory_pages_grown, 1);
    assert_eq!(r.meter.evm_gas, 0, "two pages are free");
    let r = f.world.call(f.user, f.a, U256::ZERO, &op::grow(3));
    assert_eq!(u32::from_le_bytes(r.output[..4].try_into().unwrap()), 4);
    assert_eq!(r.meter.evm_gas, gas::memory_gas(3, 1, 1));
    assert_eq!(r.meter.evm_gas, 2 * gas::PAGE_GAS);
    // Past Nitro's 128 pages the memory price is unbounded: out of gas, as on Nitro.
    let r = f.world.call(f.user, f.a, U256::ZERO, &op::grow(200));
    assert_eq!(r.exit, crate::Exit::OutOfGas);
}

#[test]
fn gas_estimate_adds_up() {
    let mut f = fixture();
    let data = op::store(1, 5);
    let r = f.world.call(f.user, f.a, U256::ZERO, &data);
    let program = f.world.program(f.a).unwrap();
    let init = program.init_costs().call_gas(false);
    assert_eq!(r.meter.init_gas, init);
    assert!(r.meter.evm_gas >= 22_100);
    // The meter's terms add up to the frame's gas (up to ink->gas rounding).
    assert!(r.exec_gas.abs_diff(r.meter.gas()) <= 1, "{} vs {}", r.exec_gas, r.meter.gas());
    assert_eq!(r.gas, gas::intrinsic_gas(&data) + r.exec_gas);
    // A second entry of the same program in one transaction is cached (no init gas).
    let r = f.world.call(f.user, f.a, U256::ZERO, &op::call(f.b, U256::ZERO, &[]));
    assert_eq!(r.meter.init_gas, init + program.init_costs().call_gas(true));
}

#[test]
fn operators_nitro_does_not_price_run_out_of_ink() {
    let src = r#"(module (memory (export "memory") 1)
        (func (export "user_entrypoint") (param i32) (result i32)
          (drop (f32.const 1.5)) (i32.const 0)))"#;
    let program = Program::from_code(&wat::parse_str(src).unwrap()).unwrap();
    assert_eq!(program.unpriced_operators(), &[("F32Const".to_string(), 1)]);
    let mut world = World::new();
    let at = world.deploy(&program);
    let r = world.call_with_gas(crate::Address::ZERO, at, U256::ZERO, &[], 1_000_000);
    assert_eq!(r.exit, crate::Exit::OutOfGas);
    assert_eq!(r.gas, 1_000_000);
}

#[test]
fn cached_init_cost_counts_whole_segment_spans_as_nitro_does() {
    // One 100-byte data segment at 1024 and one 2-function element segment.
    // Nitro sums each segment's byte span in the module (`Data::range`,
    // `Element::range`): data 1 (flags) + 4 (i32.const 1024, end) + 1 (length)
    // + 100 = 106; element 1 (flags) + 3 (i32.const 0, end) + 1 (count) + 2
    // (indices) = 7. Payload bytes and element items alone would be 102.
    let src = format!(
        r#"(module (memory (export "memory") 1) (table 2 funcref)
            (func $f) (func $g)
            (func (export "user_entrypoint") (param i32) (result i32) (i32.const 0))
            (elem (i32.const 0) $f $g)
            (data (i32.const 1024) "{}"))"#,
        "x".repeat(100)
    );
    let wasm = wat::parse_str(&src).unwrap();
    let program = Program::from_code(&wasm).unwrap();
    // 3 local functions, 2 parameters + results among them, no globals of its
    // own (instrumentation adds 4), one page.
    let want = crate::gas::InitCosts::predict(3, 2, wasm.len() as u64, 4, 106 + 7, 1);
    assert_eq!(program.init_costs(), want);
    let payload_only = crate::gas::InitCosts::predict(3, 2, wasm.len() as u64, 4, 102, 1);
    assert_ne!(program.init_costs().cached_init_cost, payload_only.cached_init_cost);
}

#[test]
fn a_program_cached_by_arbos_enters_cheaper_by_exactly_its_init_gas() {
    let mut f = fixture();
    let costs = f.world.program(f.a).unwrap().init_costs();
    // The modelled prices (GAS.md): uncached 8,832 + init_cost + 352 + cached_init_cost,
    // cached 352 + cached_init_cost (both scalars 100 %).
    assert_eq!(costs.call_gas(true), 352 + costs.cached_init_cost);
    assert_eq!(costs.call_gas(false), 8_832 + costs.init_cost + 352 + costs.cached_init_cost);
    let saved = 8_832 + costs.init_cost;

    let mut cached = f.world.clone();
    assert!(!cached.is_cached(f.a));
    cached.cache_program(f.a);
    // ArbOS caches by code hash: b runs the same code.
    assert!(cached.is_cached(f.a) && cached.is_cached(f.b));

    let same_but_entry = |m: crate::Meter| crate::Meter { init_gas: 0, ..m };
    // One entry: the entry, and so the frame and the transaction, cost exactly `saved` less;
    // nothing else changes.
    let data = op::store(1, 5);
    let u = f.world.call(f.user, f.a, U256::ZERO, &data);
    let c = cached.call(f.user, f.a, U256::ZERO, &data);
    assert!(u.success && c.success);
    assert_eq!(u.meter.init_gas - c.meter.init_gas, saved);
    assert_eq!(u.exec_gas - c.exec_gas, saved);
    assert_eq!(u.gas - c.gas, saved);
    assert_eq!(same_but_entry(u.meter), same_but_entry(c.meter));

    // Two entries of the program in one transaction: the second is cached either way
    // (recent programs), so the saving is the same, once.
    let data = op::call(f.b, U256::ZERO, &op::store(2, 7));
    let u = f.world.call(f.user, f.a, U256::ZERO, &data);
    let c = cached.call(f.user, f.a, U256::ZERO, &data);
    assert!(u.success && c.success);
    assert_eq!(c.meter.init_gas, u.meter.init_gas - saved);
    assert_eq!(u.exec_gas - c.exec_gas, saved);
    assert_eq!(same_but_entry(u.meter), same_but_entry(c.meter));

    // Evicted: the full price again.
    cached.evict_program(f.b);
    assert!(!cached.is_cached(f.a));
    let data = op::store(3, 9);
    let u = f.world.call(f.user, f.a, U256::ZERO, &data);
    let c = cached.call(f.user, f.a, U256::ZERO, &data);
    assert_eq!((u.exec_gas, u.meter), (c.exec_gas, c.meter));
}
