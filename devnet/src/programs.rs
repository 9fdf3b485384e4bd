//! The Stylus state an execution carries besides the chain's: compiled programs,
//! activation checks and resolved roots (memoised across runs: each is slow in a debug
//! build), and the per-transaction bookkeeping of Stylus frames. A leaf: it knows the
//! host and Nitro's activation rules, nothing of revm or the chain.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use alloy_primitives::{keccak256, Address, Bytes, B256};
use atelier_host::Program;

/// An activation check's result: the WASM size, or why Nitro would refuse.
type Validation = Result<usize, String>;

/// Compiled programs by code hash, and the Stylus frames open on the call stack.
#[derive(Clone, Default)]
pub struct ProgramCache {
    programs: Arc<Mutex<HashMap<B256, Program>>>,
    /// Activation checks by (code hash, fragmented): they compress at brotli 11, slow.
    validated: Arc<Mutex<HashMap<(B256, bool), Validation>>>,
    /// Root contracts' resolved programs (code and its hash) by the root's code hash:
    /// resolving decompresses the whole program, ~15 ms a call in a debug build.
    resolved: Arc<Mutex<HashMap<B256, (Bytes, B256)>>>,
    /// Contracts with a (non-delegate) Stylus frame open, for `msg_reentrant`.
    pub stack: Vec<Address>,
    /// Gas the host estimated for the outermost Stylus frame of the last transaction.
    pub last_gas: u64,
    /// The host's per-transaction bookkeeping (pages, recent programs).
    pub tx: atelier_host::backend::StylusTx,
    /// Why the last activation was refused (Nitro reverts without data; calls name it).
    pub last_refusal: Option<String>,
    /// The meter of the Stylus frame that finished last (for a caller's `CallResult`).
    pub last_meter: Option<atelier_host::Meter>,
}

impl ProgramCache {
    /// Clears the per-transaction parts.
    pub fn begin_tx(&mut self) {
        self.stack.clear();
        self.last_gas = 0;
        self.last_refusal = None;
        self.tx = Default::default();
    }
}

impl ProgramCache {
    /// The program a root contract (by its code hash) resolved to, if resolved before.
    pub fn resolved(&self, root: B256) -> Option<(Bytes, B256)> {
        self.resolved
            .lock()
            .ok()
            .and_then(|m| m.get(&root).cloned())
    }

    /// Remembers what a root contract resolved to (code never changes, so neither does this).
    pub fn remember_resolved(&self, root: B256, program: (Bytes, B256)) {
        if let Ok(mut m) = self.resolved.lock() {
            m.insert(root, program);
        }
    }

    /// The compiled program for `code` (the single-program form), compiled once.
    pub fn get(&self, code: &[u8]) -> Result<Program, String> {
        self.get_hashed(code, keccak256(code))
    }

    /// [`ProgramCache::get`] with the code's hash already known.
    pub fn get_hashed(&self, code: &[u8], hash: B256) -> Result<Program, String> {
        let mut map = self
            .programs
            .lock()
            .map_err(|_| "program cache poisoned".to_string())?;
        if let Some(p) = map.get(&hash) {
            return Ok(p.clone());
        }
        let p = Program::from_code(code).map_err(|e| e.to_string())?;
        map.insert(hash, p.clone());
        Ok(p)
    }
}

/// Nitro's activation rules (tools/check-wasm) and the host's link check; the
/// decompressed size on success.
impl ProgramCache {
    /// [`validate`], remembered by code hash.
    pub fn validate(&self, code: &[u8], fragmented: bool) -> Result<usize, String> {
        let key = (keccak256(code), fragmented);
        if let Some(r) = self
            .validated
            .lock()
            .ok()
            .and_then(|m| m.get(&key).cloned())
        {
            return r;
        }
        let r = validate(code, fragmented);
        if let Ok(mut m) = self.validated.lock() {
            m.insert(key, r.clone());
        }
        r
    }
}

/// For a fragmented program (`fragmented`), the single-program size limit does not apply.
pub fn validate(code: &[u8], fragmented: bool) -> Result<usize, String> {
    let wasm = atelier_host::program::decode(code).map_err(|e| e.to_string())?;
    let report = check_wasm::check(&wasm);
    let problems: Vec<&String> = report
        .problems
        .iter()
        .filter(|p| !(fragmented && p.starts_with("compressed size")))
        .collect();
    if !problems.is_empty() {
        return Err(problems
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("; "));
    }
    Program::from_code(code).map_err(|e| e.to_string())?;
    Ok(wasm.len())
}
