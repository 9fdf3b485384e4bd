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
        let mut v = rep.json.clone();
        if let Some(o) = v.as_object_mut() {
            o.insert("ok".into(), serde_json::Value::Bool(true));
        }
        println!("{}", serde_json::to_string(&v).unwrap_or_default());
    } else {
        for l in &rep.lines {
            println!("{l}");
        }
    }
}

/// Prints an error: `error: ...` on stderr, or `{"error": ...}` on stdout.
pub fn print_error(e: &util::Error, json: bool) {
    if json {
        println!("{}", serde_json::json!({"ok": false, "error": e.0, "revert": revert_name(&e.0)}));
    } else {
        eprintln!("error: {e}");
    }
}

/// The custom error's name in an error message (`... reverted with Name(...)`).
pub fn revert_name(msg: &str) -> Option<&str> {
    let rest = &msg[msg.find("reverted with ")? + "reverted with ".len()..];
    let end = rest.find('(')?;
    Some(&rest[..end])
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
