//! Metering instrumentation (see `meter.rs`).

use crate::program::LoadError;

/// What inspection learned about a module.
pub(crate) struct Inspected {
    pub(crate) initial_pages: u32,
    pub(crate) imports: Vec<String>,
}

/// Validate imports, entrypoint and memory.
pub(crate) fn inspect(wasm: &[u8]) -> Result<Inspected, LoadError> {
    let _ = wasm;
    todo!()
}

/// Add the ink and instruction counters.
pub(crate) fn instrument(wasm: &[u8]) -> Result<Vec<u8>, LoadError> {
    Ok(wasm.to_vec())
}
