//! Storage records and the constants of the governor's state machine.
use alloc::{vec, vec::Vec};
use atelier_common::abi::Text;
use alloy_primitives::{Address, B256, U256};
use stylus_sdk::{
    prelude::*,
    storage::{
        StorageAddress, StorageB256, StorageBool, StorageU256, StorageU64, StorageUint,
    },
};

/// One typed governance action, as an ABI tuple
/// `(uint8 kind, address target, address account, uint256 id, uint256 amount,
/// bytes32 h1, bytes32 h2, string uri)`. Fields a kind does not use must be zero
/// (see [`crate::actions`] for the table).
/// The uri is a [`Text`]: decoded without alloy's lossy UTF-8 path (same ABI).
pub type Action = (u8, Address, Address, U256, U256, B256, B256, Text);

/// Most actions in one proposal (keeps every proposal O(1)).
pub const MAX_ACTIONS: usize = 4;

/// Basis-point denominator.
pub const BPS: u64 = 10_000;

/// Proposal states, as `state()` returns them (OpenZeppelin Governor order, with
/// Vetoed added before Executed).
pub mod state {
    pub const PENDING: u8 = 0;
    pub const ACTIVE: u8 = 1;
    pub const CANCELED: u8 = 2;
    pub const DEFEATED: u8 = 3;
    pub const SUCCEEDED: u8 = 4;
    pub const QUEUED: u8 = 5;
    pub const VETOED: u8 = 6;
    pub const EXECUTED: u8 = 7;
    pub const EXPIRED: u8 = 8;
}

/// A proposal. Only the hash of its actions is kept (it is the id, and it binds
/// the proposer: `cancel` recomputes it from the caller); the actions travel in
/// the `ProposalCreated` event and again in `execute` and `cancel`.
#[storage]
pub struct Proposal {
    /// Its whole schedule and state in one slot ([`Record`]): `propose` writes
    /// one new slot, and `state()` reads one (plus the tallies once voting ended).
    record: StorageU256,
    /// Up to four concerned artwork ids, 64 bits each (0 = none).
    pub concerns: StorageU256,
    /// Against, For and Abstain in one word, 85 bits each ([`Tallies`]): a vote
    /// reads and writes one slot, not three.
    pub tallies: StorageU256,
}

/// `Record::flags` bits.
pub mod flag {
    /// It withdraws reserve ETH or releases an artwork: Against voters may exit
    /// during its timelock (`exit`).
    pub const EXITABLE: u64 = 1;
    /// It concerns artworks: only then is `concerns` written or read (a proposal
    /// about none saves that slot's cold read at queue, execute and veto).
    pub const CONCERNS: u64 = 2;
}

/// Largest time a [`Record`] holds: 40 bits of seconds (until the year 36,812).
const TIME: u64 = (1 << 40) - 1;
/// Largest small field: the 24 bits above each time.
const SMALL: u64 = (1 << 24) - 1;

/// A proposal's record, decoded. Stored as four 64-bit limbs, each a 40-bit
/// time under 24 bits of small fields; encoding saturates each field (bounded
/// parameters keep times far below 2^40, the quorum below 2,001 bps and the
/// steward tokens, one per artwork, below 2^24).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Record {
    /// The vote snapshot (second); 0 for no proposal (it is at least the
    /// proposal's own second).
    pub snapshot: u64,
    /// The quorum in force when proposed: a later change of `quorumBps` can
    /// neither revive a defeated proposal nor defeat a succeeded one.
    pub quorum_bps: u64,
    pub vote_end: u64,
    /// 0 live, or CANCELED / VETOED / EXECUTED.
    pub status: u64,
    /// [`flag`] bits, set at `propose`.
    pub flags: u64,
    /// When the timelock ends; 0 until queued.
    pub eta: u64,
    /// Vetoes cast.
    pub vetoes: u64,
    /// The queue deadline (vote end + grace period) until queued, then the
    /// execution deadline (eta + grace period); Expired from this second.
    pub expires: u64,
    /// The steward tokens live when queued: the veto majority's fixed base.
    pub veto_base: u64,
}

impl Record {
    pub fn decode(word: U256) -> Self {
        let [a, b, c, d] = *word.as_limbs();
        Record {
            snapshot: a & TIME,
            quorum_bps: a >> 40,
            vote_end: b & TIME,
            status: (b >> 40) & 0xff,
            flags: b >> 48,
            eta: c & TIME,
            vetoes: c >> 40,
            expires: d & TIME,
            veto_base: d >> 40,
        }
    }

    pub fn encode(&self) -> U256 {
        let limb = |time: u64, small: u64| time.min(TIME) | (small.min(SMALL) << 40);
        U256::from_limbs([
            limb(self.snapshot, self.quorum_bps),
            limb(self.vote_end, self.status.min(0xff) | (self.flags.min(0xff) << 8)),
            limb(self.eta, self.vetoes),
            limb(self.expires, self.veto_base),
        ])
    }

    /// Whether flag `bit` is set.
    pub fn has(&self, bit: u64) -> bool {
        self.flags & bit != 0
    }
}

impl Proposal {
    /// The record (all zero for no proposal).
    pub fn record(&self) -> Record {
        Record::decode(self.record.get())
    }

    pub fn set_record(&mut self, record: &Record) {
        self.record.set(record.encode());
    }

    /// The concerned artworks of a proposal with `record` (zero when none,
    /// without reading their slot).
    pub fn artworks(&self, record: &Record) -> U256 {
        if record.has(flag::CONCERNS) {
            self.concerns.get()
        } else {
            U256::ZERO
        }
    }
}

/// The three vote tallies packed in one word: support `s` (0 Against, 1 For,
/// 2 Abstain) in bits `85 * s ..`. Each tally is at most the total supply at
/// the snapshot (every vote weight is a past balance, counted once), which
/// FractionToken's `SUPPLY_CAP` bounds below 2^85, whatever governance sets
/// `maxSupply` to: 85 bits never carry into the next (and `add` saturates
/// within them regardless; a cross-contract test holds the cap).
#[derive(Clone, Copy)]
pub struct Tallies(pub U256);

impl Tallies {
    pub const BITS: usize = 85;

    /// The tally of `support`.
    pub fn of(self, support: u8) -> U256 {
        let mask = (U256::from(1) << Self::BITS) - U256::from(1);
        (self.0 >> (Self::BITS * support as usize)) & mask
    }

    /// (against, for, abstain).
    pub fn all(self) -> (U256, U256, U256) {
        (self.of(0), self.of(1), self.of(2))
    }

    /// With `weight` added to `support`'s tally (held within its 85 bits).
    pub fn add(self, support: u8, weight: U256) -> Self {
        let mask = (U256::from(1) << Self::BITS) - U256::from(1);
        let shift = Self::BITS * support as usize;
        let total = self.of(support).saturating_add(weight).min(mask);
        Tallies((self.0 & !(mask << shift)) | (total << shift))
    }
}

/// A derivative license approved by governance: three slots, written new by the
/// approval (who and until when; the terms; the artwork and the fee, which
/// `propose` holds below 2^96 wei), so activation reads two.
#[storage]
pub struct License {
    pub licensee: StorageAddress,
    /// Activation is refused from this second (approval + grace period).
    pub expires: StorageU64,
    pub active: StorageBool,
    pub terms_hash: StorageB256,
    pub artwork_id: StorageU64,
    pub fee: StorageUint<96, 2>,
}
