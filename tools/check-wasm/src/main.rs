//! `check-wasm FILE...`: checks each deployable program against Stylus' activation
//! rules and the bytes `cargo stylus deploy` ships (see lib.rs, ship.rs), prints
//! the size table, exits 1 on any problem.
use std::{path::Path, process::ExitCode};

fn main() -> ExitCode {
    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() {
        eprintln!("usage: check-wasm FILE.wasm...");
        return ExitCode::from(2);
    }
    println!(
        "| contract | raw bytes | shipped bytes | headroom to {} | pages | functions |",
        check_wasm::CODE_CAP
    );
    println!("|---|---:|---:|---:|---:|---:|");
    let mut failed = Vec::new();
    for file in &files {
        let name = Path::new(file).file_stem().map_or(file.clone(), |s| s.to_string_lossy().into());
        let wasm = match std::fs::read(file) {
            Ok(w) => w,
            Err(e) => {
                failed.push(format!("{name}: cannot read {file}: {e}"));
                continue;
            }
        };
        let r = check_wasm::check_deployable_keeping(&wasm, check_wasm::ship::required_headroom(&name));
        println!(
            "| {name} | {} | {} | {} | {} | {} |",
            r.raw_bytes,
            r.shipped_bytes,
            r.headroom(),
            r.initial_pages,
            r.functions
        );
        failed.extend(r.problems.iter().map(|p| format!("{name}: {p}")));
        eprintln!("{name}: sections {}", r.sections.join(", "));
    }
    if failed.is_empty() {
        eprintln!("check-wasm: all {} programs pass Stylus' activation rules", files.len());
        ExitCode::SUCCESS
    } else {
        for p in &failed {
            eprintln!("check-wasm: FAIL {p}");
        }
        ExitCode::FAILURE
    }
}
