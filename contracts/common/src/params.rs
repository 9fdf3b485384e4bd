//! Governance-settable parameters: one `setParam(uint8 key, uint256 value)` entry
//! point per contract, callable only by the vault (governance), each key checked
//! against hard bounds written in the target contract. The vault validates the
//! key at `propose` against these tables, so a malformed action fails early.
//! Address-valued parameters are passed as `uint256(uint160(address))`.
use alloy_primitives::{Address, U256};

use crate::errors::{ParamOutOfBounds, UnknownParam};

/// FractionToken parameter keys.
pub mod fraction {
    /// Starting price `p0` per whole share, in wei.
    pub const P0: u8 = 0;
    /// Daily price decay `k`, WAD, in (0, 1).
    pub const DECAY: u8 = 1;
    /// Target issuance `r`, whole shares per day, WAD.
    pub const TARGET_RATE: u8 = 2;
    /// Sale start, unix seconds.
    pub const SALE_START: u8 = 3;
    /// Lowest premium multiplier the keeper may set, WAD.
    pub const PREMIUM_MIN: u8 = 4;
    /// Highest premium multiplier the keeper may set, WAD.
    pub const PREMIUM_MAX: u8 = 5;
    /// Largest change of the premium in one update, WAD.
    pub const PREMIUM_MAX_STEP: u8 = 6;
    /// Shortest time between two premium updates, seconds.
    pub const PREMIUM_INTERVAL: u8 = 7;
    /// Supply cap, in share units (18 decimals).
    pub const MAX_SUPPLY: u8 = 8;
    /// Emergency pause of every market path (buy, transfers, buyback sales,
    /// acquisitions; not redemption): 1 paused, 0 running.
    pub const PAUSED: u8 = 9;
    /// The keeper address (may set the premium).
    pub const KEEPER: u8 = 10;
    /// Longest backlog the sale lets build up, seconds behind schedule: after a
    /// longer lull the price stays at `p0 · premium · (1-k)^(maxLag/1 day)`.
    pub const MAX_LAG: u8 = 11;
    /// Number of keys.
    pub const COUNT: u8 = 12;
}

/// CurationRegistry parameter keys.
pub mod curation {
    /// Smallest initial stake for a holder-registered seed, share units.
    pub const MIN_SEED_STAKE: u8 = 0;
    /// Seconds after a holder's last stake on a seed before unstaking it.
    pub const COOLDOWN: u8 = 1;
    /// Conviction half-life, seconds.
    pub const HALF_LIFE: u8 = 2;
    /// Seconds over which `notifyReward` streams its ETH.
    pub const REWARD_PERIOD: u8 = 3;
    /// Number of keys.
    pub const COUNT: u8 = 4;
}

/// Treasury parameter keys.
pub mod treasury {
    /// Share of inflows to the buyback bucket, basis points.
    pub const BUYBACK_BPS: u8 = 0;
    /// Share of inflows to the acquisition bucket, basis points.
    pub const ACQUISITION_BPS: u8 = 1;
    /// Share of inflows to the rewards bucket, basis points (the reserve takes
    /// the rest, so the four always sum to 10,000).
    pub const REWARDS_BPS: u8 = 2;
    /// Upkeep epoch, seconds.
    pub const EPOCH: u8 = 3;
    /// Smallest buyback bucket that opens a round, wei.
    pub const MIN_BUYBACK: u8 = 4;
    /// Buyback round duration, seconds.
    pub const ROUND_DURATION: u8 = 5;
    /// Bid at a round's start, basis points of the round's reference price.
    pub const FLOOR_BPS: u8 = 6;
    /// Bid at a round's end, basis points of the round's reference price (at most 10,000).
    pub const CAP_BPS: u8 = 7;
    /// Highest price for one acquired artwork, wei.
    pub const MAX_ACQUISITION_PRICE: u8 = 8;
    /// Acquisition spending allowed per rolling window of one epoch's length, wei.
    pub const ACQUISITION_BUDGET_PER_EPOCH: u8 = 9;
    /// The acquirer address (the collective's buying agent).
    pub const ACQUIRER: u8 = 10;
    /// Number of keys.
    pub const COUNT: u8 = 11;
}

/// ArtVault parameter keys.
pub mod vault {
    /// Seconds from proposal to the start of voting.
    pub const VOTING_DELAY: u8 = 0;
    /// Seconds of voting.
    pub const VOTING_PERIOD: u8 = 1;
    /// Seconds of timelock (the steward veto window) after queueing.
    pub const TIMELOCK: u8 = 2;
    /// Quorum, basis points of the past total supply.
    pub const QUORUM_BPS: u8 = 3;
    /// Votes needed to propose, share units.
    pub const PROPOSAL_THRESHOLD: u8 = 4;
    /// Shares needed for `canDisplay`, share units.
    pub const DISPLAY_THRESHOLD: u8 = 5;
    /// Redemption fee, basis points of the shares a redemption burns (burned too).
    pub const REDEEM_FEE_BPS: u8 = 6;
    /// Seconds a succeeded proposal may wait to be queued, and a queued one to
    /// be executed after its timelock, before it expires.
    pub const GRACE_PERIOD: u8 = 7;
    /// Late-quorum protection: when quorum is first reached within this many
    /// seconds of the vote's end, voting runs until this long after that vote.
    pub const VOTE_EXTENSION: u8 = 8;
    /// Number of keys.
    pub const COUNT: u8 = 9;
}

/// `Ok(value)` when `min <= value <= max`, else the error naming the key.
pub fn bounded(key: u8, value: U256, min: U256, max: U256) -> Result<U256, ParamOutOfBounds> {
    if value < min || value > max {
        return Err(ParamOutOfBounds { key, value, min, max });
    }
    Ok(value)
}

/// `value` as a bounded `u64` (seconds, timestamps).
pub fn bounded_u64(key: u8, value: U256, min: u64, max: u64) -> Result<u64, ParamOutOfBounds> {
    bounded(key, value, U256::from(min), U256::from(max)).map(|v| v.to::<u64>())
}

/// `value` as an address parameter: it must fit 160 bits and not be zero.
pub fn address_param(key: u8, value: U256) -> Result<Address, ParamOutOfBounds> {
    let max = (U256::from(1) << 160) - U256::from(1);
    bounded(key, value, U256::from(1), max).map(|v| Address::from_word(v.into()))
}

/// `Err(UnknownParam)` unless `key < count`.
pub fn known(key: u8, count: u8) -> Result<u8, UnknownParam> {
    if key < count { Ok(key) } else { Err(UnknownParam { key }) }
}
