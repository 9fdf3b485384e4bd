//! Stylus activation rules for a user WASM program, applied before deployment.
//!
//! Follows Nitro's activation check, `crates/prover/src/binary.rs` in
//! OffchainLabs/nitro (`parse` and `WasmBinary::parse_user`): the same wasmparser
//! feature set, the same accepted sections, and the same anti-DoS caps. Beyond it,
//! two encodings Nitro's older wasmparser refuses ("zero byte expected") are
//! checked byte for byte, since a current wasmparser accepts them: the table
//! index of `call_indirect` and the memory index of memory instructions must be a
//! single 0x00 byte (rustc's default wasm32 features, reference-types, write a
//! 5-byte LEB there). Multi-value is refused too: ArbOS 60 rejects it.
use std::fmt;

pub mod ship;
pub use ship::{CODE_CAP, MIN_HEADROOM, PREFIX_LEN};

use wasmparser::{
    BlockType, CompositeInnerType, ExternalKind, Operator, Parser, Payload, TypeRef, ValType,
    Validator, WasmFeatures,
};

/// Stylus' program size limit on the bare module's brotli bytes (24 KiB), as the
/// chain's activation applies it. What a deploy ships is `ship::shipped_len`.
pub const MAX_COMPRESSED: usize = 24_576;
/// The only module user programs may import from.
pub const HOST_MODULE: &str = "vm_hooks";
/// The export Stylus calls.
pub const ENTRYPOINT: &str = "user_entrypoint";

/// Nitro's caps (`parse_user`), plus its default page limit (128 pages).
pub mod caps {
    pub const MEMORIES: usize = 1;
    pub const DATAS: usize = 128;
    pub const ELEMENTS: usize = 128;
    pub const EXPORTS: usize = 1024;
    pub const FUNCTIONS: usize = 4096;
    pub const GLOBALS: usize = 32768;
    pub const LOCALS: usize = 348;
    pub const OPCODES: usize = 65536;
    pub const IMPORTS: usize = 513;
    pub const TABLE_ENTRIES: u64 = 4096;
    pub const ELEMENT_ENTRIES: usize = 4096;
    pub const NAME_LEN: usize = 512;
    pub const PAGES: u64 = 128;
}

/// The features Nitro's validator enables, less multi-value (refused from ArbOS 60).
pub fn nitro_features() -> WasmFeatures {
    WasmFeatures::MUTABLE_GLOBAL
        | WasmFeatures::SATURATING_FLOAT_TO_INT
        | WasmFeatures::SIGN_EXTENSION
        | WasmFeatures::BULK_MEMORY
        | WasmFeatures::FLOATS
}

/// What one program measured.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    pub raw_bytes: usize,
    pub compressed_bytes: usize,
    /// Bytes `cargo stylus deploy` puts on chain, prefix included (`ship`); 0 until
    /// `check_deployable` measures it.
    pub shipped_bytes: usize,
    pub initial_pages: u64,
    pub functions: usize,
    pub sections: Vec<String>,
    pub problems: Vec<String>,
}

impl Report {
    /// Bytes left under the code cap as shipped (negative when fragmented).
    pub fn headroom(&self) -> i64 {
        CODE_CAP as i64 - self.shipped_bytes as i64
    }

    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Brotli quality 11, window 22: what `cargo stylus deploy` (and Nitro) use.
pub fn compressed_len(wasm: &[u8]) -> usize {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    let mut input = wasm;
    // Writing into a Vec cannot fail.
    let _ = brotli::BrotliCompress(&mut input, &mut out, &params);
    out.len()
}

/// Checks a program; every rule broken is listed, not just the first.
pub fn check(wasm: &[u8]) -> Report {
    let mut report = Report {
        raw_bytes: wasm.len(),
        compressed_bytes: compressed_len(wasm),
        ..Default::default()
    };
    let problems = &mut report.problems;
    if report.compressed_bytes > MAX_COMPRESSED {
        problems.push(format!(
            "compressed size {} B exceeds the Stylus limit of {} B",
            report.compressed_bytes, MAX_COMPRESSED
        ));
    }
    if let Err(e) = Validator::new_with_features(nitro_features()).validate_all(wasm) {
        problems.push(format!("rejected by Nitro's feature set: {e}"));
    }
    if let Err(e) = scan(wasm, &mut report) {
        report.problems.push(format!("malformed module: {e}"));
    }
    report
}

/// `check`, plus the deploy's own bytes: refuses a program `cargo stylus deploy`
/// would fragment, and one with less than `MIN_HEADROOM` left under the cap.
pub fn check_deployable(wasm: &[u8]) -> Report {
    check_deployable_keeping(wasm, MIN_HEADROOM)
}

/// `check_deployable` with the headroom to keep given (`ship::required_headroom`).
pub fn check_deployable_keeping(wasm: &[u8], min_headroom: usize) -> Report {
    let mut report = check(wasm);
    match ship::shipped_len(wasm) {
        Ok(n) => report.shipped_bytes = n,
        Err(e) => {
            report.problems.push(format!("cannot reproduce the deploy's bytes: {e}"));
            return report;
        }
    }
    if report.shipped_bytes > CODE_CAP {
        report.problems.push(format!(
            "ships {} B > the {} B code cap: cargo stylus deploy would fragment it",
            report.shipped_bytes, CODE_CAP
        ));
    } else if report.headroom() < min_headroom as i64 {
        report.problems.push(format!(
            "ships {} B: {} B headroom < the {} B this program keeps",
            report.shipped_bytes,
            report.headroom(),
            min_headroom
        ));
    }
    report
}

#[derive(Default)]
struct Counts {
    imports: usize,
    memories: usize,
    datas: usize,
    elements: usize,
    element_entries: usize,
    table_entries: u64,
    exports: usize,
    globals: usize,
    codes: usize,
    types: Vec<(usize, usize)>,
    func_types: Vec<u32>,
    entrypoint: Option<u32>,
    has_memory_export: bool,
}

fn scan(wasm: &[u8], report: &mut Report) -> wasmparser::Result<()> {
    let mut c = Counts::default();
    for payload in Parser::new(0).parse_all(wasm) {
        let payload = payload?;
        if let Some(name) = section_name(&payload) {
            report.sections.push(name.to_string());
        }
        use Payload::*;
        match payload {
            Version { .. } | CodeSectionStart { .. } | End(_) | FunctionSection(_) => {
                if let FunctionSection(f) = payload {
                    for ty in f {
                        c.func_types.push(ty?);
                    }
                }
            }
            TypeSection(types) => {
                for group in types {
                    for sub in group?.into_types() {
                        match &sub.composite_type.inner {
                            CompositeInnerType::Func(f) => {
                                let (p, r) = (f.params().len(), f.results().len());
                                if r > 1 {
                                    report.problems.push(format!(
                                        "multi-value function type with {r} results (ArbOS 60+ rejects it)"
                                    ));
                                }
                                c.types.push((p, r));
                            }
                            _ => report.problems.push("non-function type".into()),
                        }
                    }
                }
            }
            ImportSection(imports) => {
                for import in imports.into_imports() {
                    let import = import?;
                    c.imports += 1;
                    if import.module != HOST_MODULE {
                        report.problems.push(format!(
                            "imports {}::{} (only {HOST_MODULE} host functions are linked)",
                            import.module, import.name
                        ));
                    }
                    if !matches!(import.ty, TypeRef::Func(_)) {
                        report.problems.push(format!("imports a non-function {}", import.name));
                    }
                    if import.name.starts_with("stylus") {
                        report.problems.push(format!("imports reserved symbol {}", import.name));
                    }
                }
            }
            TableSection(tables) => {
                for table in tables {
                    c.table_entries += table?.ty.initial;
                }
            }
            MemorySection(memories) => {
                for memory in memories {
                    let memory = memory?;
                    c.memories += 1;
                    report.initial_pages = report.initial_pages.max(memory.initial);
                }
            }
            GlobalSection(globals) => c.globals += globals.count() as usize,
            ExportSection(exports) => {
                for export in exports {
                    let export = export?;
                    c.exports += 1;
                    if export.name.len() > caps::NAME_LEN {
                        report.problems.push(format!("export name longer than {}", caps::NAME_LEN));
                    }
                    if export.name.starts_with("stylus") {
                        report.problems.push(format!("exports reserved symbol {}", export.name));
                    }
                    match (export.name, export.kind) {
                        (ENTRYPOINT, ExternalKind::Func) => c.entrypoint = Some(export.index),
                        (ENTRYPOINT, _) => report.problems.push(format!("{ENTRYPOINT} is not a function")),
                        ("memory", ExternalKind::Memory) => c.has_memory_export = true,
                        _ => {}
                    }
                }
            }
            StartSection { .. } => report.problems.push("has a start function (Nitro forbids it)".into()),
            ElementSection(elements) => {
                for element in elements {
                    let element = element?;
                    c.elements += 1;
                    c.element_entries += match element.items {
                        wasmparser::ElementItems::Functions(f) => f.count() as usize,
                        wasmparser::ElementItems::Expressions(_, e) => e.count() as usize,
                    };
                }
            }
            DataSection(datas) => c.datas += datas.count() as usize,
            CodeSectionEntry(body) => {
                c.codes += 1;
                check_body(wasm, &body, c.codes - 1, report)?;
            }
            CustomSection(_) => {}
            other => {
                // Nitro's parser bails on every other payload ("unsupported section type").
                report.problems.push(format!(
                    "section {} is not accepted by Nitro's parser",
                    section_name(&other).unwrap_or("unknown")
                ));
            }
        }
    }
    finish(c, report);
    Ok(())
}

fn finish(c: Counts, report: &mut Report) {
    report.functions = c.codes;
    let mut limit = |cap: usize, count: usize, what: &str| {
        if count > cap {
            report.problems.push(format!("too many {what}: {count} > {cap}"));
        }
    };
    limit(caps::MEMORIES, c.memories, "memories");
    limit(caps::DATAS, c.datas, "data segments");
    limit(caps::ELEMENTS, c.elements, "element segments");
    limit(caps::ELEMENT_ENTRIES, c.element_entries, "element entries");
    limit(caps::EXPORTS, c.exports, "exports");
    limit(caps::FUNCTIONS, c.codes, "functions");
    limit(caps::GLOBALS, c.globals, "globals");
    limit(caps::IMPORTS, c.imports, "imports");
    if c.table_entries > caps::TABLE_ENTRIES {
        report.problems.push(format!("too many table entries: {}", c.table_entries));
    }
    if c.memories == 0 {
        report.problems.push("missing memory".into());
    } else if !c.has_memory_export {
        report.problems.push("memory is not exported as \"memory\"".into());
    }
    if report.initial_pages > caps::PAGES {
        report.problems.push(format!(
            "initial memory {} pages exceeds {}",
            report.initial_pages,
            caps::PAGES
        ));
    }
    match c.entrypoint {
        None => report.problems.push(format!("missing export {ENTRYPOINT}")),
        Some(index) => {
            // Function indices count imports first.
            let local = (index as usize).checked_sub(c.imports);
            let ty = local.and_then(|i| c.func_types.get(i)).and_then(|t| c.types.get(*t as usize));
            if ty != Some(&(1, 1)) {
                report.problems.push(format!("{ENTRYPOINT} must have type (i32) -> i32"));
            }
        }
    }
}

fn check_body(
    wasm: &[u8],
    body: &wasmparser::FunctionBody<'_>,
    index: usize,
    report: &mut Report,
) -> wasmparser::Result<()> {
    let mut locals = 0usize;
    for local in body.get_locals_reader()? {
        let (count, ty) = local?;
        locals += count as usize;
        if matches!(ty, ValType::V128 | ValType::Ref(_)) {
            report.problems.push(format!("function {index}: local of type {ty:?}"));
        }
    }
    if locals > caps::LOCALS {
        report.problems.push(format!("function {index}: {locals} locals > {}", caps::LOCALS));
    }
    let mut reader = body.get_operators_reader()?;
    let mut ops = 0usize;
    let mut pending: Option<(usize, ZeroByteOp)> = None;
    while !reader.eof() {
        let (op, offset) = reader.read_with_offset()?;
        if let Some((start, kind)) = pending.take() {
            check_zero_bytes(wasm, start, offset, kind, index, report);
        }
        ops += 1;
        match op {
            Operator::CallIndirect { .. } => pending = Some((offset, ZeroByteOp::CallIndirect)),
            Operator::MemorySize { .. } | Operator::MemoryGrow { .. } => {
                pending = Some((offset, ZeroByteOp::Memory))
            }
            Operator::MemoryFill { .. } => pending = Some((offset, ZeroByteOp::MemoryFill)),
            Operator::MemoryCopy { .. } => pending = Some((offset, ZeroByteOp::MemoryCopy)),
            Operator::MemoryInit { .. }
            | Operator::DataDrop { .. }
            | Operator::TableInit { .. }
            | Operator::ElemDrop { .. }
            | Operator::TableCopy { .. } => report.problems.push(format!(
                "function {index}: {op:?} is outside the bulk-memory subset Stylus runs (memory.copy, memory.fill)"
            )),
            Operator::Block { blockty: BlockType::FuncType(_) }
            | Operator::Loop { blockty: BlockType::FuncType(_) }
            | Operator::If { blockty: BlockType::FuncType(_) } => report
                .problems
                .push(format!("function {index}: multi-value block type")),
            _ => {}
        }
    }
    if ops > caps::OPCODES {
        report.problems.push(format!("function {index}: {ops} opcodes > {}", caps::OPCODES));
    }
    Ok(())
}

#[derive(Clone, Copy)]
enum ZeroByteOp {
    CallIndirect,
    Memory,
    MemoryFill,
    MemoryCopy,
}

/// The reserved index bytes must each be a single 0x00, as in the MVP encoding.
fn check_zero_bytes(
    wasm: &[u8],
    start: usize,
    next: usize,
    kind: ZeroByteOp,
    index: usize,
    report: &mut Report,
) {
    let Some(bytes) = wasm.get(start..next) else { return };
    let (immediates, name) = match kind {
        // opcode, type index LEB, then the table byte.
        ZeroByteOp::CallIndirect => (skip_leb(bytes, 1).map(|i| &bytes[i..]), "call_indirect"),
        ZeroByteOp::Memory => (Some(&bytes[1..]), "memory.size/grow"),
        // 0xFC prefix, sub-opcode LEB, then the memory byte(s).
        ZeroByteOp::MemoryFill => (skip_leb(bytes, 1).map(|i| &bytes[i..]), "memory.fill"),
        ZeroByteOp::MemoryCopy => (skip_leb(bytes, 1).map(|i| &bytes[i..]), "memory.copy"),
    };
    let expected: &[u8] = match kind {
        ZeroByteOp::MemoryCopy => &[0, 0],
        _ => &[0],
    };
    if immediates != Some(expected) {
        report.problems.push(format!(
            "function {index}: {name} at byte {start} uses a multi-byte index encoding \
             (reference-types / multi-memory; Nitro: \"zero byte expected\")"
        ));
    }
}

/// Index just past the LEB128 starting at `at`.
fn skip_leb(bytes: &[u8], at: usize) -> Option<usize> {
    let mut i = at;
    while *bytes.get(i)? & 0x80 != 0 {
        i += 1;
    }
    Some(i + 1)
}

fn section_name(payload: &Payload<'_>) -> Option<&'static str> {
    use Payload::*;
    Some(match payload {
        TypeSection(_) => "type",
        ImportSection(_) => "import",
        FunctionSection(_) => "function",
        TableSection(_) => "table",
        MemorySection(_) => "memory",
        TagSection(_) => "tag",
        GlobalSection(_) => "global",
        ExportSection(_) => "export",
        StartSection { .. } => "start",
        ElementSection(_) => "element",
        DataCountSection { .. } => "datacount",
        DataSection(_) => "data",
        CodeSectionStart { .. } => "code",
        CustomSection(_) => "custom",
        Version { .. } | End(_) | CodeSectionEntry(_) => return None,
        _ => "other",
    })
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:>8} {:>10} {:>9} {:>6} {:>5}",
            self.raw_bytes,
            self.shipped_bytes,
            self.headroom(),
            self.initial_pages,
            self.functions
        )
    }
}
