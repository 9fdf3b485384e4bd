//! The deployment file `deployments/<chainId>.json`: where the collective lives,
//! and how far a deployment got. It is rewritten after every step, so a re-run
//! of `atelier deploy` resumes from the first step not yet recorded.
use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
};

use alloy::primitives::{Address, B256};
use serde::{Deserialize, Serialize};

use crate::util::{fail, Context, Result};

/// One contract's deployment record.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContractRecord {
    /// The WASM file deployed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wasm: Option<String>,
    /// Where `cargo stylus deploy --wasm-file` put (and activated) the code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_address: Option<Address>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_tx: Option<B256>,
    /// The contract itself: deployed by the StylusDeployer with its constructor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tx: Option<B256>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block: Option<u64>,
    /// keccak256 of the contract's code once deployed: a resumed deployment and
    /// every `atelier` command check the chain still has it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_hash: Option<B256>,
    /// The `initialize` transaction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initialize_tx: Option<B256>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initialize_block: Option<u64>,
}

/// Addresses the collective appoints at `initialize`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Roles {
    /// May set the token's premium (`setPremium`).
    pub keeper: Option<Address>,
    /// The vault's genesis curator (deposits during bootstrap).
    pub genesis_curator: Option<Address>,
    /// The treasury's acquirer.
    pub acquirer: Option<Address>,
}

/// The whole file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Deployment {
    pub chain_id: u64,
    /// The one-time admin of every constructor.
    #[serde(default)]
    pub deployer: Option<Address>,
    /// keccak256 of `deploy/collective.json` when the deployment started.
    #[serde(default)]
    pub config_hash: Option<B256>,
    /// The first block of the deployment (event scans start here).
    #[serde(default)]
    pub start_block: Option<u64>,
    #[serde(default)]
    pub roles: Roles,
    /// The sale start given to the token's `initialize` (unix seconds).
    #[serde(default)]
    pub sale_start: Option<u64>,
    /// The vault's redemption fee at `initialize` (bps).
    #[serde(default)]
    pub redeem_fee_bps: Option<u64>,
    #[serde(default)]
    pub contracts: BTreeMap<String, ContractRecord>,
    /// Every step done and verified.
    #[serde(default)]
    pub complete: bool,
}

/// The next thing a deployment has to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// `cargo stylus deploy --wasm-file` for this contract (upload and activate).
    Upload(String),
    /// StylusDeployer.deploy with the constructor (`admin`).
    Construct(String),
    /// The admin's `initialize` call.
    Initialize(String),
    /// Check the wiring and mark the file complete.
    Verify,
    Done,
}

impl Deployment {
    /// A fresh deployment for `chain_id`.
    pub fn new(chain_id: u64) -> Self {
        Self { chain_id, ..Default::default() }
    }

    /// The record of `name` (created empty on first use).
    pub fn record(&mut self, name: &str) -> &mut ContractRecord {
        self.contracts.entry(name.to_string()).or_default()
    }

    /// The deployed address of `name`, or an error that says what to do.
    pub fn address(&self, name: &str) -> Result<Address> {
        match self.contracts.get(name).and_then(|r| r.address) {
            Some(a) => Ok(a),
            None => fail(format!(
                "{name} has no address in the deployment file for chain {}: run scripts/deploy first (or pass --deployment)",
                self.chain_id
            )),
        }
    }

    /// The first step not yet recorded, for contracts deployed in `order`:
    /// every upload and construction first (initialize needs all addresses),
    /// then every initialize, then the verification.
    pub fn next_step(&self, order: &[String]) -> Step {
        for name in order {
            let r = self.contracts.get(name);
            if r.and_then(|r| r.address).is_some() {
                continue;
            }
            if r.and_then(|r| r.code_address).is_none() {
                return Step::Upload(name.clone());
            }
            return Step::Construct(name.clone());
        }
        for name in order {
            if self.contracts.get(name).and_then(|r| r.initialize_tx).is_none() {
                return Step::Initialize(name.clone());
            }
        }
        if self.complete {
            Step::Done
        } else {
            Step::Verify
        }
    }
}

/// `deployments/<chainId>.json` unless a path was given.
pub fn default_path(chain_id: u64) -> PathBuf {
    PathBuf::from("deployments").join(format!("{chain_id}.json"))
}

/// Reads a deployment file; `None` if it does not exist.
pub fn load(path: &Path) -> Result<Option<Deployment>> {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let d: Deployment = serde_json::from_str(&text).ctx(format!("{} is not a deployment file", path.display()))?;
            Ok(Some(d))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => fail(format!("cannot read {}: {e}", path.display())),
    }
}

/// Reads a deployment file that must exist and belong to `chain_id`.
pub fn load_for(path: &Path, chain_id: u64) -> Result<Deployment> {
    let Some(d) = load(path)? else {
        return fail(format!(
            "no deployment file at {} (chain {chain_id}): run scripts/deploy first, or pass --deployment FILE",
            path.display()
        ));
    };
    if d.chain_id != chain_id {
        return fail(format!(
            "{} is for chain {}, but the RPC endpoint is chain {chain_id}",
            path.display(),
            d.chain_id
        ));
    }
    Ok(d)
}

/// Writes the file atomically (temporary file, then rename).
pub fn save(path: &Path, d: &Deployment) -> Result<()> {
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).ctx(format!("cannot create {}", dir.display()))?;
    }
    let text = serde_json::to_string_pretty(d).ctx("cannot serialize the deployment")?;
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, text + "\n").ctx(format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).ctx(format!("cannot write {}", path.display()))
}
