//! Loading a Stylus program: [`Program::from_code`].
//!
//! Accepts raw WASM or deployed Stylus code (`0xEF 0xF0 0x00`, a dictionary byte, then
//! brotli-compressed WASM, as `cargo stylus deploy` writes it), checks every import against
//! the host I/Os this crate links ([`crate::hostio::IMPORTS`]) and the `user_entrypoint`
//! export, instruments the code for metering ([`crate::meter`]) and compiles it once with
//! wasmi. A [`Program`] is cheap to clone and can run any number of frames.

use std::{fmt, io::Read, sync::Arc, sync::OnceLock};

use alloy_primitives::{keccak256, Bytes, B256};

use crate::{hostio, instrument};

/// The deployed-code prefix of Stylus programs (EOF-inspired magic).
pub const STYLUS_PREFIX: [u8; 3] = [0xEF, 0xF0, 0x00];

/// Largest decompressed WASM accepted (Nitro's `MaxWasmSize` is 128 KiB).
pub const MAX_WASM_SIZE: usize = 128 * 1024;

/// Why code could not be loaded. Each variant names what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// The module imports something this host does not link.
    UnknownImport {
        /// Import module, e.g. `vm_hooks`.
        module: String,
        /// Import name, e.g. `storage_frobnicate`.
        name: String,
    },
    /// A known host I/O imported with a different signature than the SDK's.
    ImportSignature {
        /// Import module.
        module: String,
        /// Import name.
        name: String,
        /// Expected signature, e.g. `(i32, i32) -> ()`.
        expected: String,
    },
    /// No exported function `user_entrypoint`.
    MissingEntrypoint,
    /// `user_entrypoint` is exported with a type other than `(i32) -> i32`.
    EntrypointSignature,
    /// The module exports no linear memory named `memory`.
    MissingMemory,
    /// Deployed Stylus code with a dictionary this host does not know (only 0 = none).
    UnknownDictionary(u8),
    /// Brotli decompression failed.
    Decompress(String),
    /// The decompressed program is larger than [`MAX_WASM_SIZE`].
    TooLarge(usize),
    /// The bytes are not a valid WebAssembly module (or use a feature wasmi refuses).
    Invalid(String),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::UnknownImport { module, name } => {
                write!(f, "unknown import {module}::{name}")
            }
            LoadError::ImportSignature { module, name, expected } => {
                write!(f, "import {module}::{name} has the wrong signature (expected {expected})")
            }
            LoadError::MissingEntrypoint => write!(f, "missing export user_entrypoint"),
            LoadError::EntrypointSignature => {
                write!(f, "user_entrypoint must have type (i32) -> i32")
            }
            LoadError::MissingMemory => write!(f, "missing exported memory `memory`"),
            LoadError::UnknownDictionary(d) => write!(f, "unknown brotli dictionary {d}"),
            LoadError::Decompress(e) => write!(f, "brotli decompression failed: {e}"),
            LoadError::TooLarge(n) => write!(f, "program too large: {n} bytes of WASM"),
            LoadError::Invalid(e) => write!(f, "invalid WASM: {e}"),
        }
    }
}

impl std::error::Error for LoadError {}

/// A loaded, instrumented and compiled Stylus program.
#[derive(Clone)]
pub struct Program {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) module: wasmi::Module,
    pub(crate) code: Bytes,
    pub(crate) code_hash: B256,
    pub(crate) wasm_len: usize,
    pub(crate) initial_pages: u32,
    pub(crate) imports: Vec<String>,
    pub(crate) init: crate::gas::InitCosts,
    pub(crate) unpriced: Vec<(String, usize)>,
}

impl fmt::Debug for Program {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Program")
            .field("code_hash", &self.inner.code_hash)
            .field("wasm_len", &self.inner.wasm_len)
            .field("initial_pages", &self.inner.initial_pages)
            .finish()
    }
}

/// The one wasmi engine every program is compiled for (wasmi modules are bound to an engine).
pub(crate) fn engine() -> &'static wasmi::Engine {
    static ENGINE: OnceLock<wasmi::Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let mut config = wasmi::Config::default();
        // No wasmi fuel: metering is done by the instrumentation (instrument.rs), which counts
        // WASM operators and charges Nitro's ink, so runaway programs run out of ink.
        config.wasm_multi_value(false);
        config.wasm_reference_types(false);
        config.wasm_tail_call(false);
        config.wasm_extended_const(false);
        config.wasm_multi_memory(false);
        config.floats(true);
        // Nitro's stack is bounded by its depth checker; keep wasmi's recursion bounded too.
        config.set_stack_limits(wasmi::StackLimits::new(256, 1 << 20, 16 * 1024).expect("limits"));
        wasmi::Engine::new(&config)
    })
}

impl Program {
    /// Load raw WASM or deployed Stylus code (`0xEFF000` + dictionary byte + brotli WASM).
    ///
    /// Fails with a [`LoadError`] naming the first unknown import, a missing or mistyped
    /// `user_entrypoint`, or undecodable code. Never panics on any input.
    pub fn from_code(code: &[u8]) -> Result<Program, LoadError> {
        let code_hash = keccak256(code);
        let wasm = decode(code)?;
        // Validate before rewriting: the instrumenter only ever sees well-formed modules.
        wasmparser::Validator::new()
            .validate_all(&wasm)
            .map_err(|e| LoadError::Invalid(e.to_string()))?;
        let checked = instrument::inspect(&wasm)?;
        let instrumented = instrument::instrument(&wasm, checked.type_params)?;
        let module = wasmi::Module::new(engine(), &instrumented[..])
            .map_err(|e| LoadError::Invalid(e.to_string()))?;
        Ok(Program {
            inner: Arc::new(Inner {
                module,
                code: Bytes::copy_from_slice(code),
                code_hash,
                wasm_len: wasm.len(),
                initial_pages: checked.initial_pages,
                imports: checked.imports,
                init: checked.init,
                unpriced: checked.unpriced,
            }),
        })
    }

    /// The code given to [`Program::from_code`], as given.
    pub fn code(&self) -> &Bytes {
        &self.inner.code
    }

    /// keccak256 of the code given to [`Program::from_code`] (deployed form if it was one).
    pub fn code_hash(&self) -> B256 {
        self.inner.code_hash
    }

    /// Size of the (decompressed) WASM in bytes.
    pub fn wasm_len(&self) -> usize {
        self.inner.wasm_len
    }

    /// Initial linear-memory size in 64 KiB pages (paid on every call; see [`crate::gas`]).
    pub fn initial_pages(&self) -> u32 {
        self.inner.initial_pages
    }

    /// The `vm_hooks` / `console` functions this program imports, as `module::name`.
    pub fn imports(&self) -> &[String] {
        &self.inner.imports
    }

    /// Nitro's activation-time prediction of the per-call init costs (see [`crate::gas`]).
    pub fn init_costs(&self) -> crate::gas::InitCosts {
        self.inner.init
    }

    /// Operators Nitro's `pricing_v1` does not price (floats, SIMD, reference types, ...),
    /// as `(operator name, count)` pairs. Executing a block holding one runs out of ink,
    /// on Nitro as here; a deployable program should have none.
    pub fn unpriced_operators(&self) -> &[(String, usize)] {
        &self.inner.unpriced
    }

    /// `true` if `code` starts with the Stylus prefix `0xEFF000`.
    pub fn is_stylus_code(code: &[u8]) -> bool {
        code.starts_with(&STYLUS_PREFIX)
    }
}

/// Turn raw or deployed code into raw WASM.
pub fn decode(code: &[u8]) -> Result<Vec<u8>, LoadError> {
    if !Program::is_stylus_code(code) {
        if code.len() > MAX_WASM_SIZE {
            return Err(LoadError::TooLarge(code.len()));
        }
        return Ok(code.to_vec());
    }
    let dict = *code.get(3).ok_or_else(|| LoadError::Decompress("no dictionary byte".into()))?;
    if dict != 0 {
        return Err(LoadError::UnknownDictionary(dict));
    }
    let mut out = Vec::new();
    let reader = brotli::Decompressor::new(&code[4..], 4096);
    // Read at most one byte past the limit, so a bomb cannot exhaust memory.
    reader
        .take(MAX_WASM_SIZE as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| LoadError::Decompress(e.to_string()))?;
    if out.len() > MAX_WASM_SIZE {
        return Err(LoadError::TooLarge(out.len()));
    }
    Ok(out)
}

/// Check an import against the linked set: `Ok` if linked with this exact signature.
pub(crate) fn check_import(
    module: &str,
    name: &str,
    params: &[wasmparser::ValType],
    results: &[wasmparser::ValType],
) -> Result<(), LoadError> {
    let Some(sig) = hostio::signature(module, name) else {
        return Err(LoadError::UnknownImport { module: module.into(), name: name.into() });
    };
    if sig.matches(params, results) {
        Ok(())
    } else {
        Err(LoadError::ImportSignature {
            module: module.into(),
            name: name.into(),
            expected: sig.to_string(),
        })
    }
}
