//! The acceptance test of the Arbitrum surface: the real `cargo stylus deploy
//! --no-verify --wasm-file` (the pinned 0.10.10) deploys and activates programs on the
//! dev chain. Skipped with a message when `cargo stylus` is not installed, unless
//! `ATELIER_REQUIRE_CARGO_STYLUS=1` (CI sets it), which makes its absence a failure.

mod common;

use std::{
    path::Path,
    process::Command,
    sync::{Arc, RwLock},
};

use alloy_primitives::Address;
use atelier_devnet::{accounts, chain::Chain, server, CHAIN_ID};
use common::*;
use serde_json::json;

fn cargo_stylus_version() -> Option<String> {
    let out = Command::new("cargo")
        .args(["stylus", "--version"])
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut esc = false;
    for c in s.chars() {
        match (esc, c) {
            (false, '\x1b') => esc = true,
            (true, 'm') => esc = false,
            (true, _) => {}
            (false, c) => out.push(c),
        }
    }
    out
}

/// cargo-stylus 0.10.10 wants a cargo workspace with a Stylus.toml at its root, even
/// for `--wasm-file`; an empty virtual workspace is enough.
fn shim_workspace(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        "[workspace]\nmembers = []\nresolver = \"2\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("Stylus.toml"),
        "[workspace]\n[workspace.networks]\n",
    )
    .unwrap();
}

fn deploy(dir: &Path, url: &str, wasm: &Path) -> Address {
    let key = format!("0x{}", accounts::DEV_KEYS[0]);
    let out = Command::new("cargo")
        .current_dir(dir)
        .args(["stylus", "deploy", "--no-verify", "--wasm-file"])
        .arg(wasm)
        .args(["-e", url, "--private-key", &key])
        .output()
        .expect("run cargo stylus");
    let text = strip_ansi(&format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    ));
    assert!(out.status.success(), "cargo stylus deploy failed:\n{text}");
    assert!(text.contains("successfully activated contract"), "{text}");
    let at = text
        .split("deployed code at address: ")
        .nth(1)
        .expect("address line");
    at[..42].parse().expect("address")
}

#[test]
fn real_cargo_stylus_deploys_and_activates() {
    let Some(version) = cargo_stylus_version() else {
        if std::env::var("ATELIER_REQUIRE_CARGO_STYLUS").is_ok_and(|v| v == "1") {
            panic!("cargo stylus is not installed (ATELIER_REQUIRE_CARGO_STYLUS=1)");
        }
        eprintln!("SKIPPED: cargo stylus is not installed");
        return;
    };
    eprintln!("using {version}");
    let chain = Arc::new(RwLock::new(Chain::new(CHAIN_ID)));
    let s = server::spawn(chain.clone(), "127.0.0.1", 0).unwrap();
    let dir = std::env::temp_dir().join(format!("atelier-devnet-cs-{}", std::process::id()));
    shim_workspace(&dir);

    let relay = dir.join("relay.wasm");
    std::fs::write(
        &relay,
        wat::parse_str(include_str!("programs/relay.wat")).unwrap(),
    )
    .unwrap();
    let mut wasms = vec![relay];
    // The project's own artifacts, when built (FractionToken goes out in fragments).
    let stylus_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/stylus");
    for c in ["treasury", "fraction"] {
        let p = stylus_dir.join(format!("{c}.wasm"));
        if p.exists() {
            wasms.push(p);
        }
    }
    for wasm in wasms {
        let a = deploy(&dir, &s.url(), &wasm);
        assert_eq!(
            chain.read().unwrap().stylus_activated(a),
            Some(true),
            "{}",
            wasm.display()
        );
        // And it runs: the relay returns msg.value ++ msg.sender.
        if wasm.ends_with("relay.wasm") {
            let r = http_rpc(
                &s.addr.to_string(),
                "eth_call",
                json!([{ "from": addr(2), "to": a, "value": "0x2a", "data": "0x00" }]),
            );
            let out = r["result"].as_str().unwrap().to_string();
            assert!(
                out.ends_with(&alloy_primitives::hex::encode(addr(2))),
                "{r}"
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Runs `cargo stylus ARGS` in `dir`: (success, output without colours).
fn cargo_stylus(dir: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new("cargo")
        .current_dir(dir)
        .arg("stylus")
        .args(args)
        .output()
        .expect("run cargo stylus");
    let text = strip_ansi(&format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    ));
    (out.status.success(), text)
}

#[test]
fn real_cargo_stylus_cache_bid_status_and_suggest_bid() {
    let Some(version) = cargo_stylus_version() else {
        if std::env::var("ATELIER_REQUIRE_CARGO_STYLUS").is_ok_and(|v| v == "1") {
            panic!("cargo stylus is not installed (ATELIER_REQUIRE_CARGO_STYLUS=1)");
        }
        eprintln!("SKIPPED: cargo stylus is not installed (the cache commands are not run)");
        return;
    };
    eprintln!("using {version}");
    let chain = Arc::new(RwLock::new(Chain::new(CHAIN_ID)));
    let s = server::spawn(chain.clone(), "127.0.0.1", 0).unwrap();
    let url = s.url();
    let dir = std::env::temp_dir().join(format!("atelier-devnet-cache-{}", std::process::id()));
    shim_workspace(&dir);
    let relay = dir.join("relay.wasm");
    std::fs::write(
        &relay,
        wat::parse_str(include_str!("programs/relay.wat")).unwrap(),
    )
    .unwrap();
    let program = deploy(&dir, &url, &relay);
    // cargo-stylus prints addresses in lower case here (and quotes coloured words when
    // not on a terminal): compare in lower case, without quotes.
    let a = program.to_string().to_lowercase();
    let key = format!("0x{}", accounts::DEV_KEYS[1]);
    let is_cached = || {
        let code = chain.read().unwrap().code(program);
        let slot = alloy_primitives::U256::from_be_bytes(alloy_primitives::keccak256(&code).0);
        !chain
            .read()
            .unwrap()
            .storage(atelier_devnet::precompiles::ARB_WASM_CACHE, slot)
            .is_zero()
    };

    // suggest-bid: 0 while the cache has room.
    let run = |args: &[&str]| {
        let (ok, out) = cargo_stylus(&dir, args);
        (ok, out.to_lowercase().replace('"', ""))
    };
    let (ok, out) = run(&["cache", "suggest-bid", &a, "-e", &url]);
    assert!(ok, "cache suggest-bid failed:\n{out}");
    assert!(out.contains(&format!("minimum bid for contract {a}: 0 wei")), "{out}");

    // status: the manager ArbWasmCache lists, active, the program not cached.
    let (ok, out) = run(&["cache", "status", "--address", &a, "-e", &url]);
    assert!(ok, "cache status failed:\n{out}");
    let manager = atelier_devnet::precompiles::CACHE_MANAGER.to_string().to_lowercase();
    assert!(out.contains(&format!("cache manager address: {manager}")), "{out}");
    assert!(out.contains("cache manager status: active"), "{out}");
    assert!(out.contains("queue size: 0 b"), "{out}");
    assert!(out.contains(&format!("contract at address {a} is not yet cached")), "{out}");
    assert!(!is_cached());

    // bid 0: cached.
    let (ok, out) = run(&["cache", "bid", &a, "0", "-e", &url, "--private-key", &key]);
    assert!(ok, "cache bid failed:\n{out}");
    assert!(out.contains(&format!("successfully cached contract at address: {a}")), "{out}");
    assert!(out.contains("sent stylus cache bid tx with hash: 0x"), "{out}");
    assert!(is_cached());
    let (ok, out) = run(&["cache", "status", "--address", &a, "-e", &url]);
    assert!(ok, "{out}");
    assert!(out.contains(&format!("contract at address {a} is cached")), "{out}");
    assert!(!out.contains("queue size: 0 b"), "{out}");

    // A second bid: refused, and cargo-stylus names the reason.
    let (ok, out) = run(&["cache", "bid", &a, "0", "-e", &url, "--private-key", &key]);
    assert!(!ok, "a second bid for a cached program succeeded:\n{out}");
    assert!(out.contains("already cached"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}
