//! Each Stylus activation rule, shown to reject a module that breaks it.
use check_wasm::{check, check_deployable, ship, CODE_CAP, MAX_COMPRESSED, MIN_HEADROOM};

/// A minimal valid Stylus program, with `extra` spliced into the module.
fn program(extra: &str) -> Vec<u8> {
    wat::parse_str(format!(
        r#"(module
            (import "vm_hooks" "read_args" (func $read_args (param i32)))
            (memory (export "memory") 1)
            (func (export "user_entrypoint") (param i32) (result i32) i32.const 0)
            {extra})"#
    ))
    .expect("fixture assembles")
}

fn problems(wasm: &[u8]) -> String {
    check(wasm).problems.join("\n")
}

#[test]
fn accepts_a_minimal_program() {
    let report = check(&program(""));
    assert!(report.ok(), "{:?}", report.problems);
    assert_eq!(report.initial_pages, 1);
}

#[test]
fn rejects_missing_entrypoint() {
    let wasm = wat::parse_str(r#"(module (memory (export "memory") 1))"#).unwrap();
    assert!(problems(&wasm).contains("missing export user_entrypoint"));
}

#[test]
fn rejects_entrypoint_of_wrong_type() {
    let wasm = wat::parse_str(
        r#"(module (memory (export "memory") 1) (func (export "user_entrypoint")))"#,
    )
    .unwrap();
    assert!(problems(&wasm).contains("(i32) -> i32"));
}

#[test]
fn rejects_foreign_imports() {
    let wasm = wat::parse_str(
        r#"(module (import "env" "abort" (func)) (memory (export "memory") 1)
            (func (export "user_entrypoint") (param i32) (result i32) i32.const 0))"#,
    )
    .unwrap();
    assert!(problems(&wasm).contains("imports env::abort"));
}

#[test]
fn rejects_start_function() {
    assert!(problems(&program("(func $s) (start $s)")).contains("start function"));
}

#[test]
fn rejects_multi_value() {
    let p = problems(&program("(func (result i32 i32) i32.const 1 i32.const 2)"));
    assert!(p.contains("multi-value"), "{p}");
}

#[test]
fn rejects_simd() {
    let p = problems(&program("(func (result v128) v128.const i64x2 0 0)"));
    assert!(p.contains("Nitro's feature set"), "{p}");
}

#[test]
fn rejects_data_count_section() {
    // memory.init needs a DataCount section; both are refused.
    let p = problems(&program(
        r#"(data $d "x") (func i32.const 0 i32.const 0 i32.const 1 memory.init $d)"#,
    ));
    assert!(p.contains("datacount"), "{p}");
    assert!(p.contains("bulk-memory subset"), "{p}");
}

#[test]
fn accepts_memory_copy_and_fill() {
    let report = check(&program(
        "(func i32.const 0 i32.const 0 i32.const 1 memory.copy
               i32.const 0 i32.const 0 i32.const 1 memory.fill)",
    ));
    assert!(report.ok(), "{:?}", report.problems);
}

#[test]
fn rejects_reference_types_encoding_of_call_indirect() {
    // rustc on default wasm32 features writes call_indirect's table index as a
    // 5-byte LEB; Nitro's parser expects the single MVP zero byte.
    let ok = program("(type $t (func)) (table 1 funcref) (func i32.const 0 call_indirect (type $t))");
    assert!(check(&ok).ok(), "{:?}", check(&ok).problems);
    // i32.const 0; call_indirect (type t) (table 0); end
    let at = ok
        .windows(6)
        .position(|w| w[..3] == [0x41, 0x00, 0x11] && w[4..] == [0x00, 0x0b])
        .expect("call_indirect bytes");
    let ty = ok[at + 3];
    let mut bad = ok[..at].to_vec();
    bad.extend([0x41, 0x00, 0x11, ty, 0x80, 0x80, 0x80, 0x80, 0x00, 0x0b]);
    bad.extend(&ok[at + 6..]);
    // Fix the body and code-section sizes (4 bytes longer); both are small LEBs here.
    let body_size_at = at - 2; // [size][locals=0] precede the body's first op
    assert_eq!(bad[body_size_at + 1], 0x00);
    bad[body_size_at] += 4;
    let section_at = find_code_section(&ok);
    bad[section_at + 1] += 4;
    let p = problems(&bad);
    assert!(p.contains("call_indirect") || p.contains("zero byte"), "{p}");
}

/// Offset of the code section's id byte (walks the section headers).
fn find_code_section(wasm: &[u8]) -> usize {
    let mut i = 8;
    loop {
        let (id, size_at) = (wasm[i], i + 1);
        let mut size = 0usize;
        let mut shift = 0;
        let mut j = size_at;
        loop {
            size |= ((wasm[j] & 0x7f) as usize) << shift;
            shift += 7;
            j += 1;
            if wasm[j - 1] & 0x80 == 0 {
                break;
            }
        }
        if id == 10 {
            assert_eq!(j, size_at + 1, "fixture's code section size is a one-byte LEB");
            return i;
        }
        i = j + size;
    }
}

#[test]
fn rejects_too_many_locals() {
    let p = problems(&program("(func (local i32) (local i64) (local i64) (local i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32))"));
    assert!(p.contains("locals >"), "{p}");
}

#[test]
fn rejects_two_memories_and_many_data_segments() {
    let datas: String = (0..129).map(|i| format!("(data (i32.const {i}) \"a\")")).collect();
    let p = problems(&program(&datas));
    assert!(p.contains("too many data segments: 129 > 128"), "{p}");
}

/// A program with `n` incompressible bytes (an xorshift stream) in a data segment.
fn noisy_program(n: usize) -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let noise: String = (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            format!("\\{:02x}", x as u8)
        })
        .collect();
    program(&format!("(data (i32.const 0) \"{noise}\")"))
}

#[test]
fn rejects_a_program_over_the_size_limit() {
    let report = check_deployable(&noisy_program(30_000));
    assert!(report.compressed_bytes > MAX_COMPRESSED);
    assert!(report.shipped_bytes > CODE_CAP);
    assert!(report.headroom() < 0);
    assert!(report.problems.iter().any(|p| p.contains("exceeds the Stylus limit")));
    assert!(report.problems.iter().any(|p| p.contains("would fragment it")), "{:?}", report.problems);
}

#[test]
fn min_headroom_is_two_kib() {
    assert_eq!(MIN_HEADROOM, 2_048);
}

#[test]
fn rejects_a_program_with_less_than_min_headroom() {
    // Fits the cap, but leaves less than MIN_HEADROOM.
    let report = check_deployable(&noisy_program(CODE_CAP - MIN_HEADROOM));
    assert!(report.shipped_bytes <= CODE_CAP, "{}", report.shipped_bytes);
    assert!(report.headroom() < MIN_HEADROOM as i64);
    assert!(report.problems.iter().any(|p| p.contains("headroom <")), "{:?}", report.problems);
    // And one with enough room passes.
    let report = check_deployable(&noisy_program(CODE_CAP - MIN_HEADROOM - 600));
    assert!(report.ok(), "{:?} ({} B)", report.problems, report.shipped_bytes);
}

#[test]
fn only_listed_programs_keep_less_than_min_headroom() {
    assert_eq!(ship::required_headroom("governor"), MIN_HEADROOM);
    assert_eq!(ship::required_headroom("fraction"), MIN_HEADROOM);
    for &(name, floor) in ship::SHORT_OF_HEADROOM {
        assert!(floor < MIN_HEADROOM, "{name}: drop it from the list");
        assert_eq!(ship::required_headroom(name), floor);
    }
}

#[test]
fn ships_what_cargo_stylus_deploys() {
    // Custom sections are stripped and a 32-byte project_hash section appended.
    let wasm = program(r#"(@custom "secret" "user metadata")"#);
    let shipped = ship::processed(&wasm).unwrap();
    let customs: Vec<(String, usize)> = wasmparser::Parser::new(0)
        .parse_all(&shipped)
        .filter_map(|p| match p.unwrap() {
            wasmparser::Payload::CustomSection(r) => Some((r.name().to_string(), r.data().len())),
            _ => None,
        })
        .collect();
    assert_eq!(customs, vec![("project_hash".to_string(), 32)]);
    // The prefix counts: shipped bytes are the brotli stream plus 4.
    assert!(ship::shipped_len(&wasm).unwrap() > ship::PREFIX_LEN);
}

#[test]
fn rejects_too_many_pages() {
    let wasm = wat::parse_str(
        r#"(module (memory (export "memory") 129)
            (func (export "user_entrypoint") (param i32) (result i32) i32.const 0))"#,
    )
    .unwrap();
    assert!(problems(&wasm).contains("129 pages"));
}

#[test]
fn programs_at_the_size_target_are_held_there() {
    for &name in ship::AT_TARGET {
        assert_eq!(ship::required_headroom(name), CODE_CAP - ship::TARGET_SHIPPED, "{name}");
    }
    // A program over the target by a few bytes fails with the target's headroom.
    let report = check_wasm::check_deployable_keeping(
        &noisy_program(ship::TARGET_SHIPPED + 300),
        ship::required_headroom("vault"),
    );
    assert!(report.shipped_bytes > ship::TARGET_SHIPPED, "{}", report.shipped_bytes);
    assert!(report.problems.iter().any(|p| p.contains("headroom <")), "{:?}", report.problems);
}
