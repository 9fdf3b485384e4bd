//! Running `cargo stylus deploy --wasm-file` (cargo-stylus 0.10.10) and reading
//! what it printed; building the StylusDeployer call that runs a constructor.
//!
//! What 0.10.10 does (read in stylus-tools-0.10.10/src/core/deployment/mod.rs and
//! cargo-stylus-0.10.10/src/commands/deploy.rs):
//! - `deploy` first loads the *current cargo workspace* and requires a
//!   `Stylus.toml` at its root (`Workspace::current()`), even with `--wasm-file`;
//!   so the command runs from a tiny shim workspace (see [`shim_workspace`]).
//! - With `--wasm-file`, `deploy_wasm_file` sends a plain CREATE of the
//!   compressed program and activates it; `--constructor-args` and
//!   `--constructor-signature` are parsed but ignored on that path, so the
//!   constructor never runs. The contracts' `constructor(address admin)` is
//!   therefore run here through the StylusDeployer (what cargo-stylus itself
//!   uses for crates with constructors): `deploy(initcode of the same code,
//!   stylus_constructor ++ abi(admin), 0, 0)`, in one transaction. The code is
//!   already activated by then (same code hash), so no data fee is due.
//! - It prints (through `log`, with ANSI colours) `deployed code at address:
//!   0x…` and `deployment tx hash: 0x…`.
use std::path::{Path, PathBuf};

use alloy::{
    primitives::{Address, Bytes, B256, U256},
    sol_types::{SolCall, SolValue},
};

use crate::{
    bindings::stylus_constructorCall,
    util::{fail, Context, Result},
};

/// The EVM initcode cargo-stylus puts in front of a Stylus program
/// (`stylus_tools::core::deployment::prelude::DeploymentCalldata`): copy the
/// code that follows the 43-byte prelude into memory and return it.
pub fn initcode(code: &[u8]) -> Vec<u8> {
    const PRELUDE: u8 = 43;
    let mut out = Vec::with_capacity(code.len() + PRELUDE as usize);
    out.push(0x7f); // PUSH32 len
    out.extend_from_slice(&U256::from(code.len()).to_be_bytes::<32>());
    out.extend_from_slice(&[0x80, 0x60, PRELUDE, 0x60, 0x00, 0x39, 0x60, 0x00, 0xf3, 0x00]);
    out.extend_from_slice(code);
    out
}

/// `stylus_constructor()`'s selector followed by the ABI-encoded `admin`.
pub fn constructor_calldata(admin: Address) -> Bytes {
    let mut data = stylus_constructorCall::SELECTOR.to_vec();
    data.extend((admin,).abi_encode_params());
    data.into()
}

/// Whether `code` is a deployed Stylus program: `0xEF 0xF0` then a version
/// byte (`00` a whole program; `02` the root of a program cargo-stylus split into
/// fragments when its compressed size exceeds 24,576 bytes).
pub fn is_stylus(code: &[u8]) -> bool {
    code.len() > 4 && code[..2] == [0xef, 0xf0]
}

/// Removes ANSI escape sequences.
pub fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            if chars.peek() == Some(&'[') {
                chars.next();
                for d in chars.by_ref() {
                    if d.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
            continue;
        }
        out.push(c);
    }
    out
}

/// The first `0x` + `digits` hex digits after `label` on any line.
fn hex_after(text: &str, label: &str, digits: usize) -> Option<String> {
    for line in text.lines() {
        let Some(pos) = line.find(label) else { continue };
        let rest = &line[pos + label.len()..];
        let mut i = 0;
        while let Some(off) = rest[i..].find("0x") {
            let start = i + off + 2;
            let hex: String = rest[start..].chars().take_while(|c| c.is_ascii_hexdigit()).collect();
            if hex.len() == digits {
                return Some(format!("0x{hex}"));
            }
            i = start;
        }
    }
    None
}

/// The program's address and deployment transaction from cargo-stylus' output.
pub fn parse_deploy_output(output: &str) -> (Option<Address>, Option<B256>) {
    let text = strip_ansi(output);
    let addr = hex_after(&text, "deployed code at address", 40).and_then(|h| h.parse().ok());
    let tx = hex_after(&text, "deployment tx hash", 64).and_then(|h| h.parse().ok());
    (addr, tx)
}

/// The program and leading arguments of `CARGO_STYLUS`: `cargo stylus` (the
/// default), or a path to a `cargo-stylus` binary (which, run directly, expects
/// `stylus` as its first argument, as cargo passes it).
pub fn command_line(cargo_stylus: &str) -> Result<(String, Vec<String>)> {
    let mut parts = cargo_stylus.split_whitespace().map(str::to_string);
    let Some(program) = parts.next() else {
        return fail("CARGO_STYLUS is empty");
    };
    let mut args: Vec<String> = parts.collect();
    let base = Path::new(&program).file_name().and_then(|f| f.to_str()).unwrap_or("");
    if base.starts_with("cargo-stylus") && args.first().map(String::as_str) != Some("stylus") {
        args.insert(0, "stylus".into());
    }
    Ok((program, args))
}

/// A minimal cargo workspace with a `Stylus.toml`, holding no Stylus contract,
/// for cargo-stylus to load (it refuses to run without one). Returns its path.
pub fn shim_workspace(dir: &Path) -> Result<PathBuf> {
    let m = dir.join("m");
    std::fs::create_dir_all(&m).ctx(format!("cannot create {}", m.display()))?;
    let files = [
        (dir.join("Cargo.toml"), "[workspace]\nmembers = [\"m\"]\nresolver = \"2\"\n"),
        (dir.join("Stylus.toml"), "# Lets cargo-stylus 0.10.10 run `deploy --wasm-file` (it loads a Stylus workspace first).\n[workspace.networks]\n"),
        (m.join("Cargo.toml"), "[package]\nname = \"atelier-deploy-shim\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[lib]\npath = \"lib.rs\"\n"),
        (m.join("lib.rs"), "//! Empty: see scripts/atelier/src/stylus.rs.\n"),
    ];
    for (path, text) in files {
        std::fs::write(&path, text).ctx(format!("cannot write {}", path.display()))?;
    }
    Ok(dir.to_path_buf())
}
