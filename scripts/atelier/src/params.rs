//! Parameter names of each contract's `setParam` keys (the tables of
//! `contracts/common/src/params.rs`), so proposals can say `--key quorumBps`.
use crate::{
    cli::ParamTarget,
    util::{fail, Result},
};

pub const TOKEN: [&str; 12] = [
    "p0", "decay", "targetRate", "saleStart", "premiumMin", "premiumMax", "premiumMaxStep",
    "premiumInterval", "maxSupply", "paused", "keeper", "maxLag",
];
pub const REGISTRY: [&str; 4] = ["minSeedStake", "cooldown", "halfLife", "rewardPeriod"];
pub const TREASURY: [&str; 11] = [
    "buybackBps", "acquisitionBps", "rewardsBps", "epoch", "minBuyback", "roundDuration",
    "floorBps", "capBps", "maxAcquisitionPrice", "acquisitionBudgetPerEpoch", "acquirer",
];
pub const VAULT: [&str; 9] = [
    "votingDelay", "votingPeriod", "timelock", "quorumBps", "proposalThreshold",
    "displayThreshold", "redeemFeeBps", "gracePeriod", "voteExtension",
];

/// The key names of a target, in key order.
pub fn names(target: ParamTarget) -> &'static [&'static str] {
    match target {
        ParamTarget::Token => &TOKEN,
        ParamTarget::Registry => &REGISTRY,
        ParamTarget::Treasury => &TREASURY,
        ParamTarget::Vault => &VAULT,
    }
}

/// A key given by name (case-insensitive) or number.
pub fn key(target: ParamTarget, s: &str) -> Result<u8> {
    let names = names(target);
    if let Ok(n) = s.parse::<u8>() {
        if (n as usize) < names.len() {
            return Ok(n);
        }
        return fail(format!("{target:?} has keys 0..{}; got {n}", names.len() - 1));
    }
    match names.iter().position(|k| k.eq_ignore_ascii_case(s)) {
        Some(i) => Ok(i as u8),
        None => fail(format!("{target:?} has no parameter `{s}`; its keys: {}", names.join(", "))),
    }
}
