//! Storage side of the reward stream: load, advance, store, settle accounts.
use alloy_primitives::{Address, U256};

use crate::{
    error::{overflow, Error},
    ledger::to_u96,
    pack,
    stream::Stream,
    CurationRegistry,
};

/// Bound of the stored reward-per-token accumulator (exclusive): it is packed
/// in 160 bits, next to the carry and, in each account, next to its unclaimed
/// rewards.
/// Enough: a weight of up to 2^96 (the token's supply cap) times the
/// accumulator's growth must fit 256 bits for `Stream::owed` anyway, and 2^160
/// is ~1.5e30 wei streamed per share unit staked (a stake of one share unit
/// alone would need ~10^12 ETH streamed to it).
pub(crate) const PER_TOKEN_MAX: U256 = U256::from_limbs([0, 0, 1 << 32, 0]);

impl CurationRegistry {
    /// Shares staked across all seeds and holders.
    pub(crate) fn total_staked_now(&self) -> U256 {
        pack::low(self.stream_clock.get())
    }

    /// Stores the total staked (< 2^96, checked by the caller), keeping the
    /// stream's clock.
    pub(crate) fn set_total_staked(&mut self, total: U256) {
        let clock = self.stream_clock.get();
        self.stream_clock
            .set(pack::word3(total, pack::mid(clock), pack::top(clock)));
    }

    /// The stream as stored, and the total staked.
    fn load_stream(&self) -> (Stream, U256) {
        let acc = self.stream_acc.get();
        let clock = self.stream_clock.get();
        let stream = Stream {
            rate: self.reward_rate.get(),
            per_token: pack::high(acc),
            carry: pack::low(acc),
            last_update: pack::mid(clock).as_limbs()[0],
            finish: pack::top(clock),
        };
        (stream, pack::low(clock))
    }

    /// The stream brought up to `now` (not stored); `MathOverflow` if its
    /// accumulator would leave its stored width.
    pub(crate) fn stream_at(&self, now: u64) -> Result<Stream, Error> {
        let (mut stream, total) = self.load_stream();
        stream.advance(now, total)?;
        if stream.per_token >= PER_TOKEN_MAX {
            return Err(overflow());
        }
        Ok(stream)
    }

    /// Writes the stream back (its accumulator is below `PER_TOKEN_MAX`, as
    /// `stream_at` made it). The rate is written only when it changed (a stake
    /// or claim only reads it); the carry is a remainder of a division by the
    /// total staked (< 2^96) or by the period, so it fits its 96 bits (checked).
    pub(crate) fn store_stream(&mut self, stream: &Stream) -> Result<(), Error> {
        if self.reward_rate.get() != stream.rate {
            self.reward_rate.set(stream.rate);
        }
        let carry = to_u96(stream.carry)?;
        self.stream_acc
            .set(pack::word2(U256::from(carry), stream.per_token));
        let total = self.total_staked_now();
        self.stream_clock.set(pack::word3(
            total,
            U256::from(stream.last_update),
            stream.finish,
        ));
        Ok(())
    }

    /// Rewards of `account`, whose weight is `weight`, under `stream`:
    /// credited plus accrued since.
    pub(crate) fn earned_with(&self, stream: &Stream, account: Address, weight: U256) -> Result<U256, Error> {
        let word = self.accounts.getter(account).word.get();
        let accrued = stream.owed(weight, pack::high(word))?;
        pack::low(word).checked_add(accrued).ok_or_else(overflow)
    }

    /// Brings the stream to now and credits `account`, whose weight until now
    /// was `weight`, with what it accrued, before its stake changes or it
    /// claims (one write of its one slot); returns its unclaimed rewards.
    pub(crate) fn settle(&mut self, account: Address, weight: U256) -> Result<U256, Error> {
        let stream = self.stream_at(self.now())?;
        self.store_stream(&stream)?;
        let rewards = self.earned_with(&stream, account, weight)?;
        self.store_account(account, rewards, stream.per_token)?;
        Ok(rewards)
    }

    /// Stores `account`'s unclaimed rewards (`MathOverflow` beyond 96 bits)
    /// and the accumulator they are credited up to.
    pub(crate) fn store_account(
        &mut self,
        account: Address,
        rewards: U256,
        per_token: U256,
    ) -> Result<(), Error> {
        let rewards = U256::from(to_u96(rewards)?);
        self.accounts
            .setter(account)
            .word
            .set(pack::word2(rewards, per_token));
        Ok(())
    }
}
