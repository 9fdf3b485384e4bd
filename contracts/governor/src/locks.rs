//! Redemption locks: an artwork is locked exactly while a proposal concerning
//! it can still execute — Succeeded until its queue deadline, Queued until it
//! is executed, vetoed or expired — and nothing else locks it (proposing and
//! voting alone lock nothing). The vault asks `lockedUntil` at `redeem`.
//!
//! O(1) per artwork although Succeeded, Defeated and Expired are time
//! transitions no transaction marks:
//! - Queued proposals are counted (`queued`, +1 at `queue`, -1 at execute and
//!   veto) with the latest of their expiries (`queued_until`); an expired one
//!   leaves the count stale but only until that latest expiry; the next `queue`
//!   after it, or after the count is back to zero, starts the count again (so an
//!   executed proposal's deadline never outlives it). So every Queued proposal
//!   keeps its artworks locked, whichever of them finishes first.
//! - Passed, unqueued proposals hold one of two slots, taken by the vote that
//!   makes them pass; a slot whose proposal is neither Active nor Succeeded
//!   (queued: counted now; or dead) is free to take. The lock holds while a
//!   slot's proposal is Succeeded (one state read each). Two slots: one decoy
//!   passing for a moment cannot keep a real passed vote unprotected before
//!   its `queue` (which anyone may call).
use alloc::{vec, vec::Vec};
use alloy_primitives::{U256, U32, U64};
use atelier_common::clock;
use stylus_sdk::{
    prelude::*,
    storage::{StorageU256, StorageU32, StorageU64},
};

use crate::{
    types::{state, MAX_ACTIONS},
    ArtGovernor, Error,
};

/// One artwork's lock record: three slots.
#[storage]
pub struct ArtworkLock {
    /// Queued proposals concerning it, and the last second any of them can execute.
    queued: StorageU32,
    queued_until: StorageU64,
    /// Passed proposals awaiting `queue` (0 = free).
    passed_a: StorageU256,
    passed_b: StorageU256,
}

impl ArtworkLock {
    fn passed(&self, slot: usize) -> U256 {
        if slot == 0 { self.passed_a.get() } else { self.passed_b.get() }
    }

    fn set_passed(&mut self, slot: usize, proposal_id: U256) {
        if slot == 0 { self.passed_a.set(proposal_id) } else { self.passed_b.set(proposal_id) }
    }
}

/// The artwork ids a proposal concerns (64 bits each, 0 = none).
fn artworks(concerns: U256) -> impl Iterator<Item = U256> {
    (0..MAX_ACTIONS)
        .map(move |lane| U256::from((concerns >> (64 * lane)).as_limbs()[0]))
        .filter(|id| !id.is_zero())
}

impl ArtGovernor {
    /// The last second the artwork cannot be redeemed, 0 if it can be now.
    pub(crate) fn lock_end(&self, artwork_id: U256) -> Result<u64, Error> {
        let now = clock::now(self.vm());
        let lock = self.locks.getter(artwork_id);
        let mut until = 0;
        if lock.queued.get() > U32::ZERO {
            until = lock.queued_until.get().to::<u64>();
        }
        for slot in 0..2 {
            let id = lock.passed(slot);
            if !id.is_zero() && self.proposal_state(id)? == state::SUCCEEDED {
                // Succeeded: expires (the queue deadline) is still ahead.
                until = until.max(self.proposals.getter(id).record().expires - 1);
            }
        }
        Ok(if now <= until { until } else { 0 })
    }

    /// The vote that makes a proposal pass: each artwork it concerns keeps it
    /// in a free passed slot (if both hold live votes, a third passing
    /// proposal is protected once queued).
    pub(crate) fn hold_passed(&mut self, proposal_id: U256, concerns: U256) -> Result<(), Error> {
        for artwork in artworks(concerns) {
            let mut free = None;
            for slot in 0..2 {
                let id = self.locks.getter(artwork).passed(slot);
                if id == proposal_id {
                    free = None;
                    break;
                }
                if free.is_none() && (id.is_zero() || !matches!(self.proposal_state(id)?, state::ACTIVE | state::SUCCEEDED)) {
                    free = Some(slot);
                }
            }
            if let Some(slot) = free {
                self.locks.setter(artwork).set_passed(slot, proposal_id);
            }
        }
        Ok(())
    }

    /// `queue`: each concerned artwork counts one more queued proposal, locked
    /// at least until `until`.
    pub(crate) fn hold_queued(&mut self, concerns: U256, until: u64) {
        let now = clock::now(self.vm());
        for artwork in artworks(concerns) {
            let mut lock = self.locks.setter(artwork);
            let mut last = lock.queued_until.get().to::<u64>();
            let mut count = lock.queued.get();
            if now > last || count.is_zero() {
                // Every proposal counted before has expired, or executed or been
                // vetoed: none of their deadlines may outlive them.
                count = U32::ZERO;
                last = 0;
            }
            lock.queued.set(count + U32::from(1));
            lock.queued_until.set(U64::from(last.max(until)));
        }
    }

    /// Execute or veto: each concerned artwork counts one queued proposal fewer.
    pub(crate) fn release_queued(&mut self, concerns: U256) {
        for artwork in artworks(concerns) {
            let mut lock = self.locks.setter(artwork);
            let count = lock.queued.get();
            lock.queued.set(count.saturating_sub(U32::from(1)));
        }
    }
}
