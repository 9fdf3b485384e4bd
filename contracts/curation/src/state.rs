//! Storage records of seeds, positions and reward accounts, packed so that a
//! stake or unstake touches as few slots as possible.
use alloc::{vec, vec::Vec};
use stylus_sdk::{
    prelude::*,
    storage::{StorageAddress, StorageFixedBytes, StorageU256, StorageU96},
};

/// Key of seed `seed_id`'s content URI record (`atelier_common::record`): the
/// URI (preview, metadata) of `seeds[seedId]`.
pub fn uri_key(seed_id: alloy_primitives::U256) -> alloy_primitives::B256 {
    alloy_primitives::keccak256(seed_id.to_be_bytes::<32>())
}

/// One registered generative seed (`seeds[seedId]`). A stake or unstake touches
/// only its `state` slot.
///
/// Widths: every amount staked is locked in the holder's FractionToken balance,
/// whose supply is capped below 2^96 (`SUPPLY_CAP`, the token's `U96` balances),
/// so a seed's stake, and its conviction (always between a past conviction and a
/// past stake, never above the largest), fit 96 bits; the registry still checks
/// (`MathOverflow`) before storing.
#[storage]
pub struct SeedRecord {
    /// The generative seed itself.
    pub seed: StorageFixedBytes<32>,
    /// The AI model the seed is meant for.
    pub model_id: StorageFixedBytes<32>,
    /// Hash of the prompt.
    pub prompt_hash: StorageFixedBytes<32>,
    /// `stake | conviction << 96 | touched_at << 192` (`pack::word3`): shares
    /// staked on the seed now, its conviction as of `touched_at`, and the time
    /// it was last brought up to date. Each amount < 2^96 (see above). Zero
    /// until the first stake: the time is then `registered_at` (a stake of
    /// zero has a conviction of zero whatever the time).
    pub state: StorageU256,
    /// Who registered it (the vault for deposited artworks); never zero for a
    /// registered seed.
    pub registrant: StorageAddress,
    /// Time of the registration (packed with `registrant`; a time < 2^64, in a
    /// `U96` to share the accessor code of the registry's other `U96`s), which
    /// a registration without a stake writes instead of a `state` slot.
    pub registered_at: StorageU96,
}

impl SeedRecord {
    /// Time the seed's conviction was last brought up to date: its last stake
    /// change, or its registration if it never had one.
    pub fn touched_at(&self) -> u64 {
        match crate::pack::top(self.state.get()) {
            0 => self.registered_at.get().as_limbs()[0],
            t => t,
        }
    }
}

/// One holder's stake on one seed (`positions[account][seedId]`), one slot:
/// `amount | staked_at << 192` (`pack::word3`, no `mid`): shares staked (< 2^96:
/// at most the holder's balance, see `SeedRecord`) and the time of the
/// holder's last stake on this seed (starts the cooldown).
#[storage]
pub struct Position {
    pub word: StorageU256,
}

/// One holder's reward account (`accounts[account]`), one slot: `rewards |
/// paid_per_token << 96` (`pack::word2`): rewards earned and not yet claimed
/// (wei, < 2^96), and the reward-per-token already credited to them, a value
/// the stream's accumulator had, kept below 2^160 (`rewards::PER_TOKEN_MAX`).
/// The holder's reward weight, its shares staked across all seeds, is not
/// kept here: it is the token's locked balance of the holder (only this
/// registry locks and unlocks), which each stake change learns from the lock
/// itself. So crediting rewards writes no slot a stake change does not write.
#[storage]
pub struct RewardAccount {
    pub word: StorageU256,
}
