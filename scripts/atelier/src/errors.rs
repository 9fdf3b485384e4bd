//! Revert decoding: a revert's bytes become the custom error's name and named
//! arguments, looked up in the errors of all five contracts (from `abi/*.json`),
//! the StylusDeployer's, and Solidity's `Error(string)` / `Panic(uint256)`.
use std::{collections::BTreeMap, fmt, sync::OnceLock};

use alloy::{
    dyn_abi::{DynSolValue, JsonAbiExt},
    json_abi::{Error as AbiError, JsonAbi},
    primitives::Selector,
};

use crate::bindings::ABI_JSON;

/// The StylusDeployer's errors (the deploy path may surface them).
const DEPLOYER_ERRORS: [&str; 5] = [
    "error ContractDeploymentError(bytes bytecode)",
    "error ContractInitializationError(address newContract, bytes data)",
    "error RefundExcessValueError(uint256 excessValue)",
    "error EmptyBytecode()",
    "error InitValueButNotInitData()",
];

/// One known error and the contracts that declare it.
struct Known {
    error: AbiError,
    contracts: Vec<&'static str>,
}

fn book() -> &'static BTreeMap<Selector, Known> {
    static BOOK: OnceLock<BTreeMap<Selector, Known>> = OnceLock::new();
    BOOK.get_or_init(|| {
        let mut map: BTreeMap<Selector, Known> = BTreeMap::new();
        let mut add = |error: AbiError, contract: &'static str| {
            let entry = map.entry(error.selector()).or_insert_with(|| Known { error, contracts: Vec::new() });
            if !entry.contracts.contains(&contract) {
                entry.contracts.push(contract);
            }
        };
        for (name, json) in ABI_JSON {
            // The ABI files are compiled in and checked by the tests.
            if let Ok(abi) = serde_json::from_str::<JsonAbi>(json) {
                for e in abi.errors() {
                    add(e.clone(), name);
                }
            }
        }
        for sig in DEPLOYER_ERRORS {
            if let Ok(e) = AbiError::parse(sig) {
                add(e, "StylusDeployer");
            }
        }
        for sig in ["error Error(string message)", "error Panic(uint256 code)"] {
            if let Ok(e) = AbiError::parse(sig) {
                add(e, "Solidity");
            }
        }
        map
    })
}

/// A decoded revert.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub name: String,
    /// (parameter name, value as text)
    pub args: Vec<(String, String)>,
    /// The contracts whose ABI declares this error.
    pub contracts: Vec<&'static str>,
    /// A revert wrapped inside this one (the StylusDeployer's initialization error).
    pub inner: Option<Box<Revert>>,
}

/// What a revert's bytes say.
#[derive(Debug, Clone, PartialEq)]
pub enum Revert {
    Known(Decoded),
    /// No data: a plain `revert()`, out of gas, or a call to a non-contract.
    Empty,
    /// A selector none of the ABIs declares.
    Unknown(Vec<u8>),
}

fn show(v: &DynSolValue) -> String {
    match v {
        DynSolValue::Address(a) => a.to_checksum(None),
        DynSolValue::Uint(u, _) => u.to_string(),
        DynSolValue::Int(i, _) => i.to_string(),
        DynSolValue::Bool(b) => b.to_string(),
        DynSolValue::String(s) => format!("{s:?}"),
        DynSolValue::Bytes(b) => format!("0x{}", alloy::hex::encode(b)),
        DynSolValue::FixedBytes(w, n) => format!("0x{}", alloy::hex::encode(&w[..*n])),
        DynSolValue::Array(xs) | DynSolValue::FixedArray(xs) | DynSolValue::Tuple(xs) => {
            format!("[{}]", xs.iter().map(show).collect::<Vec<_>>().join(", "))
        }
        other => format!("{other:?}"),
    }
}

/// Decodes revert data by the error's name.
pub fn decode(data: &[u8]) -> Revert {
    if data.is_empty() {
        return Revert::Empty;
    }
    if data.len() < 4 {
        return Revert::Unknown(data.to_vec());
    }
    let selector = Selector::from_slice(&data[..4]);
    let Some(known) = book().get(&selector) else {
        return Revert::Unknown(data.to_vec());
    };
    let Ok(values) = known.error.abi_decode_input(&data[4..], false) else {
        return Revert::Unknown(data.to_vec());
    };
    let mut inner = None;
    let args = known
        .error
        .inputs
        .iter()
        .zip(values.iter())
        .map(|(p, v)| {
            if known.error.name == "ContractInitializationError" && p.name == "data" {
                if let DynSolValue::Bytes(b) = v {
                    inner = Some(Box::new(decode(b)));
                }
            }
            (p.name.clone(), show(v))
        })
        .collect();
    Revert::Known(Decoded { name: known.error.name.clone(), args, contracts: known.contracts.clone(), inner })
}

impl fmt::Display for Revert {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Revert::Known(d) => {
                let args: Vec<String> = d.args.iter().map(|(n, v)| if n.is_empty() { v.clone() } else { format!("{n}: {v}") }).collect();
                write!(f, "{}({})", d.name, args.join(", "))?;
                if let Some(h) = hint(d) {
                    write!(f, ": {h}")?;
                }
                if let Some(inner) = &d.inner {
                    write!(f, " <- the constructor reverted: {inner}")?;
                }
                Ok(())
            }
            Revert::Empty => f.write_str("reverted without data (plain revert, out of gas, or no contract at the address)"),
            Revert::Unknown(b) => write!(f, "unknown revert 0x{}", alloy::hex::encode(b)),
        }
    }
}

/// The governor's proposal states, by number.
const STATES: [&str; 9] = ["Pending", "Active", "Canceled", "Defeated", "Succeeded", "Queued", "Vetoed", "Executed", "Expired"];

/// Arguments that are unix times, shown as UTC for people.
const TIMES: [&str; 8] = ["endsAt", "nextUpdateAt", "lockedUntil", "eta", "deadline", "saleStart", "end", "expires"];

/// What the raw numbers of a decoded error mean, for people.
fn hint(d: &Decoded) -> Option<String> {
    let arg = |name: &str| d.args.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
    let mut out = Vec::new();
    if d.name == "UnexpectedProposalState" {
        if let Some(s) = arg("state").and_then(|v| v.parse::<usize>().ok()).and_then(|i| STATES.get(i)) {
            out.push(format!("the proposal is {s}"));
        }
    }
    if d.name == "InsufficientProposerVotes" {
        out.push("votes count at the second before the proposal: after `delegate`, wait for the next block".into());
    }
    for (n, v) in &d.args {
        if TIMES.contains(&n.as_str()) {
            if let Ok(t) = v.parse::<u64>() {
                if (1_000_000_000..10_000_000_000).contains(&t) {
                    out.push(format!("{n} {}", crate::util::fmt_time(t)));
                }
            }
        }
    }
    (!out.is_empty()).then(|| out.join("; "))
}

impl Revert {
    /// The error's name, if known.
    pub fn name(&self) -> Option<&str> {
        match self {
            Revert::Known(d) => Some(&d.name),
            _ => None,
        }
    }

    /// JSON form for `--json`.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Revert::Known(d) => serde_json::json!({
                "error": d.name,
                "args": d.args.iter().map(|(n, v)| serde_json::json!({"name": n, "value": v})).collect::<Vec<_>>(),
                "declaredBy": d.contracts,
                "inner": d.inner.as_ref().map(|i| i.to_json()),
            }),
            Revert::Empty => serde_json::json!({"error": null, "data": "0x"}),
            Revert::Unknown(b) => serde_json::json!({"error": null, "data": format!("0x{}", alloy::hex::encode(b))}),
        }
    }
}

/// Every error the client can name (for tests and `--help` text).
pub fn known_count() -> usize {
    book().len()
}
