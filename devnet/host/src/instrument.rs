//! Module inspection and metering instrumentation.
//!
//! [`inspect`] checks a module the way this host will link it: every import is a function
//! this host links, with the SDK's signature; `user_entrypoint: (i32) -> i32` and `memory`
//! are exported. It also measures what Nitro's activation measures to predict the per-call
//! init cost (`crates/prover/src/binary.rs`).
//!
//! [`instrument`] rewrites the module the way Nitro's meter middleware does
//! (`crates/prover/src/programs/meter.rs`, `dynamic.rs`): each basic block is charged, at its
//! head, the `pricing_v1` ink of its operators plus the header cost; an ink shortfall sets a
//! status global and traps; `memory.fill` / `memory.copy` are charged 100 ink per byte
//! before they run; each `memory.grow` first calls `pay_for_memory_grow` with the same
//! page count (`programs/heap.rs`). In addition a counter global counts the block's original operators, which
//! gives [`crate::Meter::instructions`]. The globals are exported under the names below so
//! the host can read and set them.

use std::collections::HashMap;

use wasm_encoder::{
    reencode::{self, Reencode},
    ConstExpr, ExportKind, GlobalType, Instruction, ValType as EncValType,
};
use wasmparser::{ExternalKind, Operator, Parser, Payload, TypeRef, ValType};

use crate::{
    gas::{InitCosts, INK_HEADER_COST, MEMORY_BULK_INK_PER_BYTE},
    program::{check_import, LoadError},
};

/// Export name of the ink-left global (i64).
pub(crate) const INK_LEFT: &str = "atelier_ink_left";
/// Export name of the ink-status global (i32, 1 = out of ink).
pub(crate) const INK_STATUS: &str = "atelier_ink_status";
/// Export name of the instruction-counter global (i64).
pub(crate) const INSTRUCTIONS: &str = "atelier_instructions";
/// Export name of the scratch global (i32) used by the dynamic meter.
const SCRATCH: &str = "atelier_scratch";

/// The Stylus entrypoint export.
pub(crate) const ENTRYPOINT: &str = "user_entrypoint";

/// What inspection learned about a module.
pub(crate) struct Inspected {
    pub(crate) initial_pages: u32,
    pub(crate) imports: Vec<String>,
    pub(crate) init: InitCosts,
    /// Parameter count of each type, for `call_indirect` pricing.
    pub(crate) type_params: Vec<usize>,
    /// Operators Nitro does not price (floats, SIMD, ...), by name, with their counts.
    pub(crate) unpriced: Vec<(String, usize)>,
}

fn invalid(e: impl std::fmt::Display) -> LoadError {
    LoadError::Invalid(e.to_string())
}

/// Validate imports, entrypoint and memory, and measure the module.
pub(crate) fn inspect(wasm: &[u8]) -> Result<Inspected, LoadError> {
    let mut types: Vec<(Vec<ValType>, Vec<ValType>)> = Vec::new();
    let mut imports = Vec::new();
    let mut func_types: Vec<u32> = Vec::new(); // imported then local functions
    let mut imported_funcs = 0usize;
    let mut exports: HashMap<String, (ExternalKind, u32)> = HashMap::new();
    let mut initial_pages = 0u32;
    let (mut globals, mut data_len) = (0u64, 0u64);
    let mut bodies = Vec::new();

    for payload in Parser::new(0).parse_all(wasm) {
        match payload.map_err(invalid)? {
            Payload::TypeSection(reader) => {
                for ty in reader.into_iter_err_on_gc_types() {
                    let ty = ty.map_err(invalid)?;
                    types.push((ty.params().to_vec(), ty.results().to_vec()));
                }
            }
            Payload::ImportSection(reader) => {
                for import in reader.into_imports() {
                    let import = import.map_err(invalid)?;
                    let TypeRef::Func(ty) = import.ty else {
                        return Err(LoadError::UnknownImport {
                            module: import.module.into(),
                            name: import.name.into(),
                        });
                    };
                    let (params, results) =
                        types.get(ty as usize).ok_or_else(|| invalid("bad import type"))?;
                    check_import(import.module, import.name, params, results)?;
                    imports.push(format!("{}::{}", import.module, import.name));
                    func_types.push(ty);
                    imported_funcs += 1;
                }
            }
            Payload::FunctionSection(reader) => {
                for ty in reader {
                    func_types.push(ty.map_err(invalid)?);
                }
            }
            Payload::MemorySection(reader) => {
                for mem in reader {
                    initial_pages = mem.map_err(invalid)?.initial.min(u32::MAX as u64) as u32;
                }
            }
            Payload::GlobalSection(reader) => globals += u64::from(reader.count()),
            Payload::ExportSection(reader) => {
                for export in reader {
                    let export = export.map_err(invalid)?;
                    exports.insert(export.name.into(), (export.kind, export.index));
                }
            }
            Payload::CodeSectionEntry(body) => bodies.push(body),
            // Nitro's `cached_init_cost` counts each data and element segment's
            // whole byte span in the module (`Data::range`, `Element::range`:
            // header, offset expression and payload), not its payload alone.
            Payload::DataSection(reader) => {
                for data in reader {
                    data_len += data.map_err(invalid)?.range.len() as u64;
                }
            }
            Payload::ElementSection(reader) => {
                for elem in reader {
                    data_len += elem.map_err(invalid)?.range.len() as u64;
                }
            }
            _ => {}
        }
    }

    match exports.get(ENTRYPOINT) {
        Some((ExternalKind::Func, index)) => {
            let ty = func_types.get(*index as usize).and_then(|t| types.get(*t as usize));
            match ty {
                Some((p, r)) if p[..] == [ValType::I32] && r[..] == [ValType::I32] => {}
                _ => return Err(LoadError::EntrypointSignature),
            }
        }
        _ => return Err(LoadError::MissingEntrypoint),
    }
    if !matches!(exports.get("memory"), Some((ExternalKind::Memory, _))) {
        return Err(LoadError::MissingMemory);
    }

    let type_params: Vec<usize> = types.iter().map(|(p, _)| p.len()).collect();
    let mut unpriced: std::collections::BTreeMap<String, usize> = Default::default();
    for body in bodies {
        let mut reader = body.get_operators_reader().map_err(invalid)?;
        while !reader.eof() {
            let op = reader.read().map_err(invalid)?;
            if op_ink(&op, &type_params) == u64::MAX {
                let name = format!("{op:?}");
                let name = name.split([' ', '{', '(']).next().unwrap_or_default().to_string();
                *unpriced.entry(name).or_default() += 1;
            }
        }
    }

    let local = &func_types[imported_funcs..];
    let type_len: u64 = local
        .iter()
        .filter_map(|t| types.get(*t as usize))
        .map(|(p, r)| (p.len() + r.len()) as u64)
        .sum();
    // Nitro counts globals after its instrumentation, which adds four.
    let init = InitCosts::predict(
        local.len() as u64,
        type_len,
        wasm.len() as u64,
        globals + 4,
        data_len,
        u64::from(initial_pages),
    );
    Ok(Inspected {
        initial_pages,
        imports,
        init,
        type_params,
        unpriced: unpriced.into_iter().collect(),
    })
}

/// Ink of one operator under Nitro's `pricing_v1`; `u64::MAX` for what Nitro does not price
/// (floats, SIMD, reference types, ...), which makes the block unaffordable, as on Nitro.
pub(crate) fn op_ink(op: &Operator, type_params: &[usize]) -> u64 {
    use Operator::*;
    match op {
        Unreachable | Return | Nop | I32Const { .. } | I64Const { .. } => 1,
        Drop => 9,
        Block { .. } | Loop { .. } | Else | End => 1,
        Br { .. } | BrIf { .. } | If { .. } => 765,
        Select => 1250,
        Call { .. } => 3800,
        LocalGet { .. } | LocalTee { .. } => 75,
        LocalSet { .. } => 210,
        GlobalGet { .. } => 225,
        GlobalSet { .. } => 575,
        I32Load { .. }
        | I32Load8S { .. }
        | I32Load8U { .. }
        | I32Load16S { .. }
        | I32Load16U { .. } => 670,
        I64Load { .. }
        | I64Load8S { .. }
        | I64Load8U { .. }
        | I64Load16S { .. }
        | I64Load16U { .. }
        | I64Load32S { .. }
        | I64Load32U { .. } => 680,
        I32Store { .. } | I32Store8 { .. } | I32Store16 { .. } => 825,
        I64Store { .. } | I64Store8 { .. } | I64Store16 { .. } | I64Store32 { .. } => 950,
        MemorySize { .. } => 3000,
        MemoryGrow { .. } => 8050,
        I32Eqz | I32Eq | I32Ne | I32LtS | I32LtU | I32GtS | I32GtU | I32LeS | I32LeU | I32GeS
        | I32GeU => 170,
        I64Eqz | I64Eq | I64Ne | I64LtS | I64LtU | I64GtS | I64GtU | I64LeS | I64LeU | I64GeS
        | I64GeU => 225,
        I32Clz | I32Ctz => 210,
        I32Add | I32Sub => 70,
        I32Mul => 160,
        I32DivS | I32DivU | I32RemS | I32RemU => 1120,
        I32And | I32Or | I32Xor | I32Shl | I32ShrS | I32ShrU | I32Rotl | I32Rotr => 70,
        I64Clz | I64Ctz => 210,
        I64Add | I64Sub => 100,
        I64Mul => 160,
        I64DivS | I64DivU | I64RemS | I64RemU => 1270,
        I64And | I64Or | I64Xor | I64Shl | I64ShrS | I64ShrU | I64Rotl | I64Rotr => 100,
        I32Popcnt => 2650,
        I64Popcnt => 6000,
        I32WrapI64 | I64ExtendI32S | I64ExtendI32U => 100,
        I32Extend8S | I32Extend16S | I64Extend8S | I64Extend16S | I64Extend32S => 100,
        MemoryCopy { .. } | MemoryFill { .. } => 950,
        BrTable { targets } => 2400 + 325 * u64::from(targets.len()),
        CallIndirect { type_index, .. } => {
            13610 + 650 * type_params.get(*type_index as usize).copied().unwrap_or(0) as u64
        }
        _ => u64::MAX,
    }
}

/// Nitro's `ends_basic_block`.
fn ends_basic_block(op: &Operator) -> bool {
    use Operator::*;
    matches!(
        op,
        End | Else
            | Return
            | Loop { .. }
            | Br { .. }
            | BrTable { .. }
            | BrIf { .. }
            | If { .. }
            | Call { .. }
            | CallIndirect { .. }
    )
}

/// Global indices of the added globals.
#[derive(Clone, Copy, Default)]
struct Added {
    ink: u32,
    status: u32,
    count: u32,
    scratch: u32,
}

struct Instrumenter {
    type_params: Vec<usize>,
    imported_globals: u32,
    /// Function index of the `pay_for_memory_grow` import, if imported.
    pay_func: Option<u32>,
    globals_done: bool,
    added: Added,
}

impl Instrumenter {
    fn add_globals(&mut self, section: &mut wasm_encoder::GlobalSection, existing: u32) {
        let base = self.imported_globals + existing;
        self.added = Added { ink: base, status: base + 1, count: base + 2, scratch: base + 3 };
        let i64g = GlobalType { val_type: EncValType::I64, mutable: true, shared: false };
        let i32g = GlobalType { val_type: EncValType::I32, mutable: true, shared: false };
        section.global(i64g, &ConstExpr::i64_const(0));
        section.global(i32g, &ConstExpr::i32_const(0));
        section.global(i64g, &ConstExpr::i64_const(0));
        section.global(i32g, &ConstExpr::i32_const(0));
        self.globals_done = true;
    }

    /// Charge `ink` (and count `ops` operators) at the head of a block.
    fn charge(&self, f: &mut wasm_encoder::Function, ink: u64, ops: u64) {
        let Added { ink: g_ink, status, count, .. } = self.added;
        let cost = ink as i64; // u64::MAX becomes -1: i64.lt_u sees it as the largest value
        f.instruction(&Instruction::GlobalGet(g_ink));
        f.instruction(&Instruction::I64Const(cost));
        f.instruction(&Instruction::I64LtU);
        f.instruction(&Instruction::If(wasm_encoder::BlockType::Empty));
        f.instruction(&Instruction::I32Const(1));
        f.instruction(&Instruction::GlobalSet(status));
        f.instruction(&Instruction::Unreachable);
        f.instruction(&Instruction::End);
        f.instruction(&Instruction::GlobalGet(g_ink));
        f.instruction(&Instruction::I64Const(cost));
        f.instruction(&Instruction::I64Sub);
        f.instruction(&Instruction::GlobalSet(g_ink));
        f.instruction(&Instruction::GlobalGet(count));
        f.instruction(&Instruction::I64Const(ops as i64));
        f.instruction(&Instruction::I64Add);
        f.instruction(&Instruction::GlobalSet(count));
    }

    /// Charge `size * 100` ink for the `memory.fill`/`memory.copy` about to run (the size is
    /// on top of the stack), as Nitro's dynamic meter does.
    fn charge_bulk(&self, f: &mut wasm_encoder::Function) {
        let Added { ink, status, scratch, .. } = self.added;
        let per_byte = MEMORY_BULK_INK_PER_BYTE as i64;
        for i in [
            Instruction::GlobalSet(scratch),
            Instruction::GlobalGet(ink),
            Instruction::GlobalGet(scratch),
            Instruction::I64ExtendI32U,
            Instruction::I64Const(per_byte),
            Instruction::I64Mul,
            Instruction::I64LtU,
            Instruction::If(wasm_encoder::BlockType::Empty),
            Instruction::I32Const(1),
            Instruction::GlobalSet(status),
            Instruction::Unreachable,
            Instruction::End,
            Instruction::GlobalGet(ink),
            Instruction::GlobalGet(scratch),
            Instruction::I64ExtendI32U,
            Instruction::I64Const(per_byte),
            Instruction::I64Mul,
            Instruction::I64Sub,
            Instruction::GlobalSet(ink),
            Instruction::GlobalGet(scratch),
        ] {
            f.instruction(&i);
        }
    }
}

impl Reencode for Instrumenter {
    type Error = String;

    fn parse_import_section(
        &mut self,
        imports: &mut wasm_encoder::ImportSection,
        section: wasmparser::ImportSectionReader<'_>,
    ) -> Result<(), reencode::Error<Self::Error>> {
        let mut funcs = 0u32;
        for import in section.clone().into_imports() {
            let import = import?;
            match import.ty {
                TypeRef::Global(_) => self.imported_globals += 1,
                TypeRef::Func(_) => {
                    if import.module == "vm_hooks" && import.name == "pay_for_memory_grow" {
                        self.pay_func = Some(funcs);
                    }
                    funcs += 1;
                }
                _ => {}
            }
        }
        reencode::utils::parse_import_section(self, imports, section)
    }

    fn parse_global_section(
        &mut self,
        globals: &mut wasm_encoder::GlobalSection,
        section: wasmparser::GlobalSectionReader<'_>,
    ) -> Result<(), reencode::Error<Self::Error>> {
        let existing = section.count();
        reencode::utils::parse_global_section(self, globals, section)?;
        self.add_globals(globals, existing);
        Ok(())
    }

    fn intersperse_section_hook(
        &mut self,
        module: &mut wasm_encoder::Module,
        _after: Option<wasm_encoder::SectionId>,
        before: Option<wasm_encoder::SectionId>,
    ) -> Result<(), reencode::Error<Self::Error>> {
        use wasm_encoder::SectionId as S;
        let past_globals = match before {
            None => true,
            Some(s) => {
                matches!(s, S::Export | S::Start | S::Element | S::DataCount | S::Code | S::Data)
            }
        };
        if !self.globals_done && past_globals {
            let mut section = wasm_encoder::GlobalSection::new();
            self.add_globals(&mut section, 0);
            module.section(&section);
        }
        Ok(())
    }

    fn parse_export_section(
        &mut self,
        exports: &mut wasm_encoder::ExportSection,
        section: wasmparser::ExportSectionReader<'_>,
    ) -> Result<(), reencode::Error<Self::Error>> {
        reencode::utils::parse_export_section(self, exports, section)?;
        let a = self.added;
        exports.export(INK_LEFT, ExportKind::Global, a.ink);
        exports.export(INK_STATUS, ExportKind::Global, a.status);
        exports.export(INSTRUCTIONS, ExportKind::Global, a.count);
        exports.export(SCRATCH, ExportKind::Global, a.scratch);
        Ok(())
    }

    fn parse_function_body(
        &mut self,
        code: &mut wasm_encoder::CodeSection,
        func: wasmparser::FunctionBody<'_>,
    ) -> Result<(), reencode::Error<Self::Error>> {
        let mut f = reencode::utils::new_function_with_parsed_locals(self, &func)?;
        let mut reader = func.get_operators_reader()?;
        let mut block: Vec<Operator> = Vec::new();
        let mut block_ink = 0u64;
        while !reader.eof() {
            let op = reader.read()?;
            block_ink = block_ink.saturating_add(op_ink(&op, &self.type_params));
            let end = ends_basic_block(&op);
            block.push(op);
            if end {
                self.charge(&mut f, block_ink.saturating_add(INK_HEADER_COST), block.len() as u64);
                for op in block.drain(..) {
                    if matches!(op, Operator::MemoryFill { .. } | Operator::MemoryCopy { .. }) {
                        self.charge_bulk(&mut f);
                    }
                    if let (Operator::MemoryGrow { .. }, Some(pay)) = (&op, self.pay_func) {
                        // Nitro's heap bound: pay for the pages before growing.
                        let scratch = self.added.scratch;
                        f.instruction(&Instruction::GlobalSet(scratch));
                        f.instruction(&Instruction::GlobalGet(scratch));
                        f.instruction(&Instruction::GlobalGet(scratch));
                        f.instruction(&Instruction::Call(pay));
                    }
                    f.instruction(&self.instruction(op)?);
                }
                block_ink = 0;
            }
        }
        // A well-formed body ends with `end`, so nothing is left; emit any rest unmetered.
        for op in block.drain(..) {
            f.instruction(&self.instruction(op)?);
        }
        code.function(&f);
        Ok(())
    }
}

/// Add the ink, status, instruction-counter and scratch globals and the metering code.
pub(crate) fn instrument(wasm: &[u8], type_params: Vec<usize>) -> Result<Vec<u8>, LoadError> {
    let mut module = wasm_encoder::Module::new();
    let mut instrumenter = Instrumenter {
        type_params,
        imported_globals: 0,
        pay_func: None,
        globals_done: false,
        added: Added::default(),
    };
    instrumenter
        .parse_core_module(&mut module, Parser::new(0), wasm)
        .map_err(|e| LoadError::Invalid(format!("instrumentation: {e}")))?;
    Ok(module.finish())
}
