//! Storage side of the reward stream: load, advance, store, settle accounts.
use alloy_primitives::{Address, U256, U64};

use crate::{
    error::{overflow, Error},
    ledger::to_u128,
    stream::Stream,
    CurationRegistry,
};

impl CurationRegistry {
    /// The stream as stored.
    fn load_stream(&self) -> Stream {
        Stream {
            rate: self.reward_rate.get(),
            per_token: self.reward_per_token.get(),
            carry: self.reward_carry.get(),
            last_update: self.last_update.get().to(),
            finish: self.period_finish.get().to(),
        }
    }

    /// The stream brought up to `now` (not stored).
    pub(crate) fn stream_at(&self, now: u64) -> Result<Stream, Error> {
        let mut stream = self.load_stream();
        stream.advance(now, self.total_staked.get())?;
        Ok(stream)
    }

    /// Writes the stream back.
    pub(crate) fn store_stream(&mut self, stream: &Stream) {
        self.reward_rate.set(stream.rate);
        self.reward_per_token.set(stream.per_token);
        self.reward_carry.set(stream.carry);
        self.last_update.set(U64::from(stream.last_update));
        self.period_finish.set(U64::from(stream.finish));
    }

    /// Rewards of `account` under `stream`: credited plus accrued since.
    pub(crate) fn earned_with(&self, stream: &Stream, account: Address) -> Result<U256, Error> {
        let entry = self.accounts.getter(account);
        let accrued = stream.owed(U256::from(entry.staked.get()), entry.paid_per_token.get())?;
        U256::from(entry.rewards.get())
            .checked_add(accrued)
            .ok_or_else(overflow)
    }

    /// Brings the stream to now and credits `account` with what it accrued,
    /// before its stake changes or it claims.
    pub(crate) fn settle(&mut self, account: Address) -> Result<(), Error> {
        let stream = self.stream_at(self.now())?;
        self.store_stream(&stream);
        let earned = to_u128(self.earned_with(&stream, account)?)?;
        let mut entry = self.accounts.setter(account);
        entry.rewards.set(earned);
        entry.paid_per_token.set(stream.per_token);
        Ok(())
    }
}
