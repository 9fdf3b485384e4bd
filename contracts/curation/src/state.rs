//! Storage records of seeds, positions and reward accounts, packed so that a
//! stake or unstake touches as few slots as possible.
use alloc::{vec, vec::Vec};
use stylus_sdk::{
    prelude::*,
    storage::{
        StorageAddress, StorageFixedBytes, StorageU128, StorageU256, StorageU64,
    },
};

/// Key of seed `seed_id`'s content URI record (`atelier_common::record`): the
/// URI (preview, metadata) of `seeds[seedId]`.
pub fn uri_key(seed_id: alloy_primitives::U256) -> alloy_primitives::B256 {
    alloy_primitives::keccak256(seed_id.to_be_bytes::<32>())
}

/// One registered generative seed (`seeds[seedId]`).
#[storage]
pub struct SeedRecord {
    /// The generative seed itself.
    pub seed: StorageFixedBytes<32>,
    /// The AI model the seed is meant for.
    pub model_id: StorageFixedBytes<32>,
    /// Hash of the prompt.
    pub prompt_hash: StorageFixedBytes<32>,
    /// Who registered it (the vault for deposited artworks); never zero for a
    /// registered seed, so it doubles as the existence flag.
    pub registrant: StorageAddress,
    /// Time `conviction` was last brought up to date (packed with `registrant`).
    pub touched_at: StorageU64,
    /// Shares staked on the seed now.
    pub stake: StorageU128,
    /// Conviction as of `touched_at` (packed with `stake`).
    pub conviction: StorageU128,
}

/// One holder's stake on one seed (`positions[account][seedId]`), one slot.
#[storage]
pub struct Position {
    /// Shares staked.
    pub amount: StorageU128,
    /// Time of the holder's last stake on this seed (starts the cooldown).
    pub staked_at: StorageU64,
}

/// One holder's reward account (`accounts[account]`), two slots.
#[storage]
pub struct RewardAccount {
    /// Shares staked across all seeds: the reward weight.
    pub staked: StorageU128,
    /// Rewards earned and not yet claimed, in wei (packed with `staked`).
    pub rewards: StorageU128,
    /// Reward-per-token already credited to `rewards`.
    pub paid_per_token: StorageU256,
}
