//! `atelier`: every user action of an Atelier collective, its keeper agent and
//! its deployment, over alloy and the ABIs in `abi/`.
mod bindings;
mod chain;
mod cli;
mod commands;
mod config;
mod deployment;
mod errors;
mod keeper;
mod params;
mod stylus;
mod util;

#[cfg(test)]
mod tests;

use std::process::ExitCode;

use clap::Parser;

/// Prints a command's report: text lines, or one JSON document.
pub fn print_report(rep: &chain::Report, json: bool) {
    if json {
        println!("{}", serde_json::to_string(&rep.json).unwrap_or_default());
    } else {
        for l in &rep.lines {
            println!("{l}");
        }
    }
}

/// Prints an error: `error: ...` on stderr, or `{"error": ...}` on stdout.
pub fn print_error(e: &util::Error, json: bool) {
    if json {
        println!("{}", serde_json::json!({"ok": false, "error": e.0}));
    } else {
        eprintln!("error: {e}");
    }
}

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let json = cli.json;
    let rt = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            print_error(&util::Error(format!("cannot start the async runtime: {e}")), json);
            return ExitCode::FAILURE;
        }
    };
    match rt.block_on(commands::run(cli)) {
        Ok(rep) => {
            print_report(&rep, json);
            ExitCode::SUCCESS
        }
        Err(e) => {
            print_error(&e, json);
            ExitCode::FAILURE
        }
    }
}
