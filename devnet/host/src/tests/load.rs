//! Loading: errors name what is wrong; raw and deployed forms both load.

use std::io::Write;

use crate::{program::decode, LoadError, Program};

fn load_wat(src: &str) -> Result<Program, LoadError> {
    Program::from_code(&wat::parse_str(src).expect("test wat parses"))
}

const OK_TAIL: &str = r#"(memory (export "memory") 1)
    (func (export "user_entrypoint") (param i32) (result i32) (i32.const 0))"#;

#[test]
fn unknown_import_is_named() {
    let err = load_wat(&format!(
        r#"(module (import "vm_hooks" "storage_frobnicate" (func (param i32))) {OK_TAIL})"#
    ))
    .unwrap_err();
    assert_eq!(
        err,
        LoadError::UnknownImport { module: "vm_hooks".into(), name: "storage_frobnicate".into() }
    );
    assert!(err.to_string().contains("vm_hooks::storage_frobnicate"), "{err}");

    let err =
        load_wat(&format!(r#"(module (import "env" "abort" (func)) {OK_TAIL})"#)).unwrap_err();
    assert!(err.to_string().contains("env::abort"), "{err}");

    let err = load_wat(&format!(r#"(module (import "vm_hooks" "g" (global i32)) {OK_TAIL})"#))
        .unwrap_err();
    assert!(err.to_string().contains("vm_hooks::g"), "{err}");
}

#[test]
fn wrong_import_signature_is_named() {
    let err = load_wat(&format!(
        r#"(module (import "vm_hooks" "read_args" (func (param i64))) {OK_TAIL})"#
    ))
    .unwrap_err();
    assert!(
        matches!(&err, LoadError::ImportSignature { name, .. } if name == "read_args"),
        "{err}"
    );
    assert!(err.to_string().contains("read_args"));
}

#[test]
fn missing_or_mistyped_entrypoint() {
    let err = load_wat(r#"(module (memory (export "memory") 1))"#).unwrap_err();
    assert_eq!(err, LoadError::MissingEntrypoint);
    assert!(err.to_string().contains("user_entrypoint"));

    let err = load_wat(
        r#"(module (memory (export "memory") 1) (func (export "user_entrypoint") (result i32) (i32.const 0)))"#,
    )
    .unwrap_err();
    assert_eq!(err, LoadError::EntrypointSignature);

    let err = load_wat(
        r#"(module (func (export "user_entrypoint") (param i32) (result i32) (i32.const 0)))"#,
    )
    .unwrap_err();
    assert_eq!(err, LoadError::MissingMemory);
}

#[test]
fn garbage_is_invalid_not_a_panic() {
    for bytes in [
        &b""[..],
        b"\0asm",
        b"hello world",
        &[0xEF, 0xF0, 0x00],
        &[0xEF, 0xF0, 0x00, 0x00, 1, 2, 3],
    ] {
        assert!(Program::from_code(bytes).is_err(), "{bytes:?}");
    }
    assert_eq!(
        Program::from_code(&[0xEF, 0xF0, 0x00, 0x07]).unwrap_err(),
        LoadError::UnknownDictionary(7)
    );
}

#[test]
fn deployed_form_round_trips() {
    let wasm = super::probe_wasm();
    let mut compressed = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut compressed, 4096, 11, 22);
        w.write_all(&wasm).unwrap();
    }
    let mut code = vec![0xEF, 0xF0, 0x00, 0x00];
    code.extend_from_slice(&compressed);
    assert_eq!(decode(&code).unwrap(), wasm);
    let program = Program::from_code(&code).unwrap();
    assert_eq!(program.code_hash(), alloy_primitives::keccak256(&code));
    assert_eq!(program.wasm_len(), wasm.len());
    assert!(program.imports().iter().any(|i| i == "vm_hooks::read_args"));
}

#[test]
fn module_without_globals_is_instrumented() {
    // No global section at all: the instrumenter must add one.
    let program = load_wat(&format!("(module {OK_TAIL})")).unwrap();
    let mut world = crate::World::new();
    let at = world.deploy(&program);
    let r = world.call(crate::Address::ZERO, at, crate::U256::ZERO, &[]);
    assert!(r.success, "{r:?}");
    assert!(r.meter.instructions >= 2);
}

#[test]
fn mutated_programs_never_panic_the_host() {
    // Every single-byte corruption of the probe (a deterministic sample): loading and, when
    // it loads, running must end in an error or an outcome, never a panic.
    let wasm = super::probe_wasm();
    let mut loaded = 0;
    for i in (0..wasm.len()).step_by(3) {
        for flip in [0x01u8, 0x80, 0xff] {
            let mut bad = wasm.clone();
            bad[i] ^= flip;
            let result = std::panic::catch_unwind(|| {
                if let Ok(program) = Program::from_code(&bad) {
                    let mut world = crate::World::new();
                    let at = world.deploy(&program);
                    for data in [super::op::store(1, 1), super::op::load(1), vec![7]] {
                        world.call_with_gas(
                            crate::Address::ZERO,
                            at,
                            crate::U256::ZERO,
                            &data,
                            1_000_000,
                        );
                    }
                    return true;
                }
                false
            });
            match result {
                Ok(true) => loaded += 1,
                Ok(false) => {}
                Err(_) => panic!("byte {i} ^ {flip:#x} panicked the host"),
            }
        }
    }
    assert!(loaded > 0);
}

#[test]
fn programs_are_shareable_across_threads() {
    fn assert_send_sync<T: Send + Sync + Clone>() {}
    assert_send_sync::<Program>();
    let program = Program::from_code(&super::probe_wasm()).unwrap();
    let handle = std::thread::spawn(move || {
        let mut world = crate::World::new();
        let at = world.deploy(&program);
        world.call(crate::Address::ZERO, at, crate::U256::ZERO, &[7]).output
    });
    assert_eq!(&handle.join().unwrap()[..], &[0]);
}
