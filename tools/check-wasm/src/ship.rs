//! What `cargo stylus deploy` 0.10.10 ships for a program, byte for byte
//! (stylus-tools 0.10.10, `core/code/wasm.rs`, `utils/wasm.rs`, `core/code/mod.rs`):
//! a wasmprinter -> wat round trip ("remove dangling references"), every custom
//! section stripped, a 32-byte `project_hash` custom section appended, C brotli at
//! quality 11 (default window), and the 4-byte `EF F0 00 00` prefix on chain.
//! A program whose prefixed stream exceeds the code cap is deployed as fragments.
use std::io::Read;

use tiny_keccak::{Hasher, Keccak};
use wasmparser::{Parser, Payload};

/// The chain's code cap (`DEFAULT_MAX_CODE_SIZE`), prefix included.
pub const CODE_CAP: usize = 24_576;
/// The Stylus prefix in front of the brotli stream (`EOF_NO_DICT`).
pub const PREFIX_LEN: usize = 4;
/// Headroom every program keeps under the cap, for the features still to come.
pub const MIN_HEADROOM: usize = 2_048;
/// Programs still short of `MIN_HEADROOM`, each held to the headroom it has
/// now (a ratchet: it may only grow). Remove an entry once the program has
/// `MIN_HEADROOM`.
/// Empty since the governor's lean router: every program has `MIN_HEADROOM`.
pub const SHORT_OF_HEADROOM: &[(&str, usize)] = &[];

/// Issue 15's size target: at most 18 KiB shipped.
pub const TARGET_SHIPPED: usize = 18 * 1024;
/// Programs that have reached `TARGET_SHIPPED`, held there (a ratchet: add a
/// program when it gets there; taking one off is a decision to state).
pub const AT_TARGET: &[&str] = &["curation", "treasury", "vault"];

/// The headroom program `name` must keep: `MIN_HEADROOM`, or its ratchet, and
/// for a program at the size target what keeps it there.
pub fn required_headroom(name: &str) -> usize {
    let floor = SHORT_OF_HEADROOM
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(MIN_HEADROOM, |&(_, floor)| floor);
    if AT_TARGET.contains(&name) {
        floor.max(CODE_CAP - TARGET_SHIPPED)
    } else {
        floor
    }
}

/// The custom section cargo-stylus appends (`PROJECT_HASH_SECTION_NAME`).
pub const PROJECT_HASH_SECTION: &str = "project_hash";
/// cargo-stylus' brotli quality (`BROTLI_COMPRESSION_LEVEL`).
const BROTLI_QUALITY: u32 = 11;

/// The module cargo-stylus compresses. The project hash stands in for the hash of
/// the sources: any 32 pseudo-random bytes cost brotli the same (it cannot
/// compress them), so the module's own keccak is used.
pub fn processed(wasm: &[u8]) -> Result<Vec<u8>, String> {
    let text = wasmprinter::print_bytes(wasm).map_err(|e| format!("wasm -> wat: {e}"))?;
    let round_trip = wat::parse_str(&text).map_err(|e| format!("wat -> wasm: {e}"))?;
    let mut out = strip_user_metadata(&round_trip)?;
    let mut hash = [0u8; 32];
    let mut keccak = Keccak::v256();
    keccak.update(wasm);
    keccak.finalize(&mut hash);
    append_custom_section(&mut out, PROJECT_HASH_SECTION, &hash);
    Ok(out)
}

/// Bytes on chain: the brotli stream of `processed(wasm)` plus the prefix.
pub fn shipped_len(wasm: &[u8]) -> Result<usize, String> {
    let module = processed(wasm)?;
    let mut compressed = Vec::new();
    brotli2::read::BrotliEncoder::new(module.as_slice(), BROTLI_QUALITY)
        .read_to_end(&mut compressed)
        .map_err(|e| format!("brotli: {e}"))?;
    Ok(compressed.len() + PREFIX_LEN)
}

/// Copies the header and every non-custom section, as `strip_user_metadata` does.
fn strip_user_metadata(wasm: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = wasm[..8].to_vec();
    for payload in Parser::new(0).parse_all(wasm) {
        let payload = payload.map_err(|e| format!("strip: {e}"))?;
        match payload {
            Payload::CustomSection(_) | Payload::UnknownSection { .. } => {}
            item => {
                if let Some((id, range)) = item.as_section() {
                    push_section(&mut out, id, &wasm[range]);
                }
            }
        }
    }
    Ok(out)
}

fn append_custom_section(out: &mut Vec<u8>, name: &str, data: &[u8]) {
    let mut body = Vec::new();
    leb128(&mut body, name.len());
    body.extend_from_slice(name.as_bytes());
    body.extend_from_slice(data);
    push_section(out, 0, &body);
}

fn push_section(out: &mut Vec<u8>, id: u8, body: &[u8]) {
    out.push(id);
    leb128(out, body.len());
    out.extend_from_slice(body);
}

fn leb128(out: &mut Vec<u8>, mut n: usize) {
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}
