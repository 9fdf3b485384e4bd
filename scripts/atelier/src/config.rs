//! `deploy/collective.json`: the deployment order and each contract's
//! `initialize` arguments (the same file the tests' wiring helper reads).
use alloy::{
    primitives::{Address, Bytes, U256},
    sol_types::SolCall,
};
use serde_json::Value;

use crate::{
    bindings::{ArtGovernor, ArtVault, CurationRegistry, FractionToken, Treasury, CONTRACTS},
    util::{fail, Context, Error, Result},
};

/// The parsed file.
#[derive(Debug, Clone)]
pub struct Config {
    pub order: Vec<String>,
    pub raw: Value,
}

/// Every address `initialize` needs.
#[derive(Debug, Clone, Copy)]
pub struct Wiring {
    pub token: Address,
    pub registry: Address,
    pub treasury: Address,
    pub vault: Address,
    pub governor: Address,
    pub keeper: Address,
    pub genesis_curator: Address,
    pub acquirer: Address,
}

impl Config {
    /// Parses the file's text; checks the order names the five contracts.
    pub fn parse(text: &str) -> Result<Self> {
        let raw: Value = serde_json::from_str(text).ctx("deploy/collective.json is not JSON")?;
        let order: Vec<String> = raw["order"]
            .as_array()
            .ok_or_else(|| Error("collective.json: `order` must be a list of contract names".into()))?
            .iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect::<Option<_>>()
            .ok_or_else(|| Error("collective.json: `order` must hold strings".into()))?;
        let mut sorted = order.clone();
        sorted.sort();
        let mut known: Vec<String> = CONTRACTS.iter().map(|s| s.to_string()).collect();
        known.sort();
        if sorted != known {
            return fail(format!("collective.json: `order` must name exactly {CONTRACTS:?}, got {order:?}"));
        }
        Ok(Self { order, raw })
    }

    /// `section.key` as U256 (a JSON number or a decimal string).
    pub fn num(&self, section: &str, key: &str) -> Result<U256> {
        let v = &self.raw[section][key];
        let bad = || Error(format!("collective.json: {section}.{key} must be a number or a decimal string, got {v}"));
        match v {
            Value::Number(n) => n.as_u64().map(U256::from).ok_or_else(bad),
            Value::String(s) => U256::from_str_radix(s, 10).map_err(|_| bad()),
            _ => Err(bad()),
        }
    }

    /// `section.key` as a string.
    pub fn text(&self, section: &str, key: &str) -> Result<String> {
        self.raw[section][key]
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| Error(format!("collective.json: {section}.{key} must be a string")))
    }

    /// The token's sale start for a deployment at `now` (unix seconds).
    pub fn sale_start(&self, now: u64) -> Result<U256> {
        Ok(U256::from(now) + self.num("token", "saleStartDelay")?)
    }

    /// The `initialize` calldata of contract `name`, as the wiring helper calls it.
    pub fn initialize_calldata(&self, name: &str, w: &Wiring, now: u64) -> Result<Bytes> {
        let n = |s: &str, k: &str| self.num(s, k);
        let data = match name {
            "FractionToken" => FractionToken::initializeCall {
                name: self.text("token", "name")?,
                symbol: self.text("token", "symbol")?,
                vault: w.vault,
                treasury: w.treasury,
                registry: w.registry,
                keeper: w.keeper,
                p0: n("token", "p0")?,
                decay: n("token", "decay")?,
                target_rate: n("token", "targetRate")?,
                sale_start: self.sale_start(now)?,
                premium_min: n("token", "premiumMin")?,
                premium_max: n("token", "premiumMax")?,
                premium_max_step: n("token", "premiumMaxStep")?,
                premium_interval: n("token", "premiumInterval")?,
                max_supply: n("token", "maxSupply")?,
            }
            .abi_encode(),
            "CurationRegistry" => CurationRegistry::initializeCall {
                token: w.token,
                vault: w.vault,
                treasury: w.treasury,
                min_seed_stake: n("registry", "minSeedStake")?,
                cooldown: n("registry", "cooldown")?,
                half_life: n("registry", "halfLife")?,
                reward_period: n("registry", "rewardPeriod")?,
            }
            .abi_encode(),
            "Treasury" => Treasury::initializeCall {
                token: w.token,
                registry: w.registry,
                vault: w.vault,
                acquirer: w.acquirer,
                buyback_bps: n("treasury", "buybackBps")?,
                acquisition_bps: n("treasury", "acquisitionBps")?,
                rewards_bps: n("treasury", "rewardsBps")?,
                epoch: n("treasury", "epoch")?,
                min_buyback: n("treasury", "minBuyback")?,
                round_duration: n("treasury", "roundDuration")?,
                floor_bps: n("treasury", "floorBps")?,
                cap_bps: n("treasury", "capBps")?,
                max_acquisition_price: n("treasury", "maxAcquisitionPrice")?,
                acquisition_budget_per_epoch: n("treasury", "acquisitionBudgetPerEpoch")?,
            }
            .abi_encode(),
            "ArtVault" => ArtVault::initializeCall {
                token: w.token,
                registry: w.registry,
                treasury: w.treasury,
                governor: w.governor,
                genesis_curator: w.genesis_curator,
                base_uri: self.text("vault", "baseUri")?,
                redeem_fee_bps: n("vault", "redeemFeeBps")?,
            }
            .abi_encode(),
            "ArtGovernor" => ArtGovernor::initializeCall {
                vault: w.vault,
                token: w.token,
                registry: w.registry,
                treasury: w.treasury,
                voting_delay: n("governor", "votingDelay")?,
                voting_period: n("governor", "votingPeriod")?,
                timelock: n("governor", "timelock")?,
                quorum_bps: n("governor", "quorumBps")?,
                proposal_threshold: n("governor", "proposalThreshold")?,
                display_threshold: n("governor", "displayThreshold")?,
                grace_period: n("governor", "gracePeriod")?,
                vote_extension: n("governor", "voteExtension")?,
            }
            .abi_encode(),
            other => return fail(format!("unknown contract {other}")),
        };
        Ok(data.into())
    }
}

/// The WASM file of each contract under `target/stylus/` (the crate directory).
pub fn wasm_name(contract: &str) -> Result<&'static str> {
    Ok(match contract {
        "FractionToken" => "fraction",
        "CurationRegistry" => "curation",
        "Treasury" => "treasury",
        "ArtVault" => "vault",
        "ArtGovernor" => "governor",
        other => return fail(format!("unknown contract {other}")),
    })
}
