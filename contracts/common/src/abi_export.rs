//! ABI export (host only, feature `export-abi`).
//!
//! stylus-sdk 0.9's `export-abi` prints a contract's functions and the errors its
//! functions return (parameters unnamed), but no events. This module completes that
//! interface with the events and named errors declared through [`crate::abi_items!`]
//! (and the shared errors), then writes it twice:
//! - `<Contract>.sol`: the Solidity interface, as `cargo stylus export-abi` would;
//! - `<Contract>.json`: the standard JSON ABI, built by alloy-json-abi's parser of
//!   human-readable Solidity signatures (the same items, so both always agree).
//!
//! `cargo stylus export-abi --json` would shell out to a native `solc`, which these
//! machines lack; parsing the signatures with alloy needs no compiler.
use std::{collections::BTreeMap, fmt, fs, path::Path};

use alloy_json_abi::JsonAbi;
use stylus_sdk::abi::GenerateAbi;

/// The export binary's entry point: `<bin> <abi-dir>` writes both files; with no
/// argument it prints the Solidity interface, as `cargo stylus export-abi` expects.
pub fn main<T: GenerateAbi>(items: &str) {
    main_with::<T>(items, &[]);
}

/// [`main`] for a contract with entry points stylus-sdk does not print, given as
/// Solidity signatures (e.g. `"receive() external payable"`).
pub fn main_with<T: GenerateAbi>(items: &str, extra: &[&str]) {
    let (sol, json) = match export::<T>(items, extra) {
        Ok(out) => out,
        Err(e) => {
            eprintln!("export-abi {}: {e}", T::NAME);
            std::process::exit(1);
        }
    };
    let Some(dir) = std::env::args().nth(1) else {
        print!("{sol}");
        return;
    };
    let dir = Path::new(&dir);
    let write = |ext: &str, text: &str| {
        let path = dir.join(format!("{}.{ext}", T::NAME));
        if let Err(e) = fs::write(&path, text) {
            eprintln!("export-abi: cannot write {}: {e}", path.display());
            std::process::exit(1);
        }
    };
    write("sol", &sol);
    write("json", &json);
}

/// The Solidity interface and the JSON ABI of contract `T` (with its constructor,
/// which a Solidity interface cannot hold but a JSON ABI does).
pub fn export<T: GenerateAbi>(items: &str, extra: &[&str]) -> Result<(String, String), String> {
    let stylus = Printer::<T>(core::marker::PhantomData).to_string();
    let mut merged = merge(&stylus, items)?;
    merged.extend(extra.iter().map(|e| e.to_string()));
    let sol = render(T::NAME, &merged);
    let constructor = Constructor::<T>(core::marker::PhantomData).to_string();
    let constructor = constructor.trim();
    // alloy's signature parser knows no `receive`: set it directly.
    let receive = merged.iter().any(|item| item.starts_with("receive()"));
    let mut abi = JsonAbi::parse(
        merged
            .iter()
            .map(String::as_str)
            .filter(|item| !item.starts_with("receive()"))
            .chain((!constructor.is_empty()).then_some(constructor)),
    )
    .map_err(|e| format!("alloy cannot parse the interface: {e}"))?;
    if receive {
        abi.receive = Some(alloy_json_abi::Receive {
            state_mutability: alloy_json_abi::StateMutability::Payable,
        });
    }
    let json = serde_json::to_string_pretty(&abi).map_err(|e| e.to_string())? + "\n";
    Ok((sol, json))
}

struct Printer<T>(core::marker::PhantomData<T>);

impl<T: GenerateAbi> fmt::Display for Printer<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        T::fmt_abi(f)
    }
}

struct Constructor<T>(core::marker::PhantomData<T>);

impl<T: GenerateAbi> fmt::Display for Constructor<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        T::fmt_constructor_signature(f)
    }
}

/// Functions (stylus' order), then events, then errors, each a one-line signature
/// without the trailing `;`. Errors take their parameter names from `items` or the
/// shared errors when one with the same types is declared there.
fn merge(stylus: &str, items: &str) -> Result<Vec<String>, String> {
    let mut functions = Vec::new();
    let mut errors = BTreeMap::new();
    for line in stylus.lines().map(str::trim) {
        let line = line.trim_end_matches(';');
        if line.starts_with("function ") {
            functions.push(line.to_string());
        } else if line.starts_with("error ") {
            errors.insert(key(line), line.to_string());
        } else if line.starts_with("struct ") {
            return Err(format!("structs are not supported in the exported ABI: {line}"));
        }
    }
    let mut events = BTreeMap::new();
    for item in declarations(items) {
        if item.starts_with("event ") {
            events.entry(key(&item)).or_insert(item);
        } else if item.starts_with("error ") {
            // Declared but never returned is kept: harmless, and still decodable.
            errors.insert(key(&item), item);
        }
    }
    // Shared errors only name the parameters of errors the contract returns.
    for item in declarations(crate::errors::ABI_ITEMS) {
        if let Some(existing) = errors.get_mut(&key(&item)) {
            if unnamed(existing) {
                *existing = item;
            }
        }
    }
    Ok(functions.into_iter().chain(events.into_values()).chain(errors.into_values()).collect())
}

/// `error Name(uint256,address)`-style key: the name and the parameter types.
fn key(decl: &str) -> String {
    let (head, params) = decl.split_once('(').unwrap_or((decl, ""));
    let params = params.rsplit_once(')').map_or(params, |p| p.0);
    let types: Vec<&str> = params
        .split(',')
        .filter_map(|p| p.split_whitespace().next())
        .collect();
    format!("{}({})", head.split_whitespace().last().unwrap_or(""), types.join(","))
}

/// True when no parameter of the declaration has a name.
fn unnamed(decl: &str) -> bool {
    let params = decl.split_once('(').map_or("", |p| p.1);
    params.split(',').all(|p| p.trim_end_matches(')').split_whitespace().count() <= 1)
}

/// The `event`/`error` declarations in stringified `sol!` input, attributes and
/// doc comments removed, whitespace normalised.
fn declarations(items: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = items.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '#' => skip_attribute(&mut chars),
            ';' => {
                let decl = normalise(&current);
                if decl.starts_with("event ") || decl.starts_with("error ") {
                    out.push(decl);
                }
                current.clear();
            }
            _ => current.push(c),
        }
    }
    out
}

fn skip_attribute(chars: &mut core::iter::Peekable<core::str::Chars<'_>>) {
    let mut depth = 0usize;
    let mut in_string = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' if in_string => {
                chars.next();
            }
            '"' => in_string = !in_string,
            '[' if !in_string => depth += 1,
            ']' if !in_string => {
                depth -= 1;
                if depth == 0 {
                    return;
                }
            }
            _ => {}
        }
    }
}

fn normalise(decl: &str) -> String {
    let words = decl.split_whitespace().collect::<Vec<_>>().join(" ");
    words
        .replace(" (", "(")
        .replace("( ", "(")
        .replace(" )", ")")
        .replace(" ,", ",")
}

/// The Solidity interface file.
fn render(name: &str, items: &[String]) -> String {
    let mut s = String::from(
        "// SPDX-License-Identifier: MIT\n// Generated by scripts/export-abi from the contract's \
         Rust source: do not edit.\npragma solidity ^0.8.23;\n\n",
    );
    s += &format!("interface I{name} {{\n");
    let mut last = "";
    for item in items {
        let kind = item.split_whitespace().next().unwrap_or("");
        if kind != last && !last.is_empty() {
            s.push('\n');
        }
        last = kind;
        s += &format!("    {item};\n");
    }
    s += "}\n";
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations_strip_attributes_and_docs() {
        let items = r#"# [doc = r" Bought [shares]."] # [derive (Debug)] event Bought (address indexed who , uint256 amount) ; # [derive (Debug)] error Nope (uint256 x) ;"#;
        assert_eq!(
            declarations(items),
            ["event Bought(address indexed who, uint256 amount)", "error Nope(uint256 x)"]
        );
    }

    #[test]
    fn named_errors_replace_unnamed_ones() {
        let stylus = "interface IX {\n    function f(uint256 a) external;\n\n    error Nope(uint256);\n}";
        let stylus = stylus.replace("error Nope", "error ZeroAmount();\n    error Nope");
        let merged = merge(&stylus, "error Nope(uint256 x); event E(uint256 v);").unwrap();
        assert_eq!(
            merged,
            [
                "function f(uint256 a) external",
                "event E(uint256 v)",
                "error Nope(uint256 x)",
                "error ZeroAmount()"
            ]
        );
        let abi = JsonAbi::parse(merged.iter().map(String::as_str)).unwrap();
        assert_eq!(abi.errors["Nope"][0].inputs[0].name, "x");
        assert_eq!(abi.events["E"].len(), 1);
    }
}
