//! Seed records and their lazily evaluated conviction.
use alloc::string::String;
use alloy_primitives::{aliases::U96, Address, FixedBytes, B256, U256};
use stylus_sdk::prelude::*;

use crate::{
    abi::{SeedAlreadyRegistered, SeedRegistered, SeedStakeTooLow, UnknownSeed, ZeroSeed},
    conviction::decay_toward,
    error::Error,
    pack,
    params::Knob,
    CurationRegistry,
};

impl CurationRegistry {
    /// Stores a new seed for `registrant` and returns its id; checks the seed
    /// is new and, for anyone but the vault, that `initial_stake` is enough. The
    /// vault's registration of a seed a holder registered rewrites its model,
    /// prompt, URI and registrant (the vault's provenance is authoritative); one
    /// the vault registered already keeps its record.
    pub(crate) fn record_seed(
        &mut self,
        registrant: Address,
        seed: FixedBytes<32>,
        model_id: FixedBytes<32>,
        prompt_hash: FixedBytes<32>,
        uri: String,
        initial_stake: U256,
    ) -> Result<U256, Error> {
        if seed.is_zero() {
            return Err(ZeroSeed {}.into());
        }
        let existing = self.seed_ids.get(seed);
        let by_vault = registrant == self.vault.get();
        let seed_id = if !existing.is_zero() {
            // A deposited artwork whose seed a holder registered first takes that
            // seed over (its stakes stay): refusing would let anyone block a
            // deposit by front-running it, keeping theirs would let them rewrite
            // its provenance.
            if !by_vault {
                return Err(SeedAlreadyRegistered {
                    seed,
                    seedId: existing,
                }
                .into());
            }
            // The first artwork's provenance stays: a later deposit declaring
            // the same seed shares its record but cannot rewrite it.
            if self.seeds.getter(existing).registrant.get() == registrant {
                return Ok(existing);
            }
            existing
        } else {
            let minimum = self.min_seed_stake.get();
            if !by_vault && initial_stake < minimum {
                return Err(SeedStakeTooLow {
                    amount: initial_stake,
                    minimum,
                }
                .into());
            }
            let count = self.knob(Knob::SeedCount) + 1;
            self.set_knob(Knob::SeedCount, count)?;
            let seed_id = U256::from(count);
            self.seed_ids.setter(seed).set(seed_id);
            let now = self.now();
            let mut record = self.seeds.setter(seed_id);
            record.seed.set(seed);
            record.registered_at.set(U96::from_limbs([now, 0]));
            seed_id
        };
        let mut record = self.seeds.setter(seed_id);
        record.model_id.set(model_id);
        record.prompt_hash.set(prompt_hash);
        drop(record);
        // The URI lives in a raw-storage record: the SDK's StorageString decodes its
        // length with a 256-bit division that would cost ~1.5 KB of WASM alone.
        atelier_common::record::write(self.vm(), crate::state::uri_key(seed_id), &[], &uri);
        let mut record = self.seeds.setter(seed_id);
        record.registrant.set(registrant);
        // SeedRegistered: uri (field 4) as the string tail.
        atelier_common::emit!(
            self.vm(),
            SeedRegistered,
            3,
            [
                seed_id,
                seed,
                model_id,
                prompt_hash,
                B256::ZERO,
                registrant,
            ],
            4,
            uri.as_bytes(),
        );
        Ok(seed_id)
    }

    /// `Err(UnknownSeed)` unless `seed_id` is registered: ids are `1..=seedCount`
    /// (each registration takes the next id and stores a non-zero registrant),
    /// and the count shares its slot with the token, which a stake or unstake
    /// reads anyway.
    pub(crate) fn require_seed(&self, seed_id: U256) -> Result<(), Error> {
        if seed_id.is_zero() || seed_id > U256::from(self.knob(Knob::SeedCount)) {
            return Err(UnknownSeed { seedId: seed_id }.into());
        }
        Ok(())
    }

    /// `(conviction, stake)` of `seed_id` at time `now`.
    pub(crate) fn conviction_at(&self, seed_id: U256, now: u64) -> Result<(U256, U256), Error> {
        self.require_seed(seed_id)?;
        let record = self.seeds.getter(seed_id);
        let state = record.state.get();
        let stake = pack::low(state);
        let touched_at = pack::top(state);
        let conviction = decay_toward(
            pack::mid(state),
            stake,
            now.saturating_sub(touched_at),
            self.knob(Knob::HalfLife),
        )?;
        Ok((conviction, stake))
    }
}
