//! Storage side of the reward stream: load, advance, store, settle accounts.
use alloy_primitives::{Address, U256};

use crate::{
    error::{overflow, Error},
    ledger::{to_u128, to_u96},
    pack,
    stream::Stream,
    CurationRegistry,
};

/// Bound of the stored reward-per-token accumulator (exclusive): it is packed
/// in 160 bits, next to the carry and, in each account, next to the weight.
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

    /// Rewards of `account` under `stream`: credited plus accrued since.
    pub(crate) fn earned_with(&self, stream: &Stream, account: Address) -> Result<U256, Error> {
        let entry = self.accounts.getter(account);
        let word = entry.word.get();
        let accrued = stream.owed(pack::low(word), pack::high(word))?;
        U256::from(entry.rewards.get())
            .checked_add(accrued)
            .ok_or_else(overflow)
    }

    /// Brings the stream to now and credits `account` with what it accrued,
    /// before its stake changes or it claims; returns the account's weight and
    /// the accumulator, which the caller stores with `store_account` (once,
    /// with the new weight). Nothing accrued (a first stake): the credited
    /// rewards stay as they are, unread.
    pub(crate) fn settle(&mut self, account: Address) -> Result<(U256, U256), Error> {
        let stream = self.stream_at(self.now())?;
        self.store_stream(&stream)?;
        let mut entry = self.accounts.setter(account);
        let word = entry.word.get();
        let staked = pack::low(word);
        let accrued = stream.owed(staked, pack::high(word))?;
        if !accrued.is_zero() {
            let earned = U256::from(entry.rewards.get())
                .checked_add(accrued)
                .ok_or_else(overflow)?;
            entry.rewards.set(to_u128(earned)?);
        }
        Ok((staked, stream.per_token))
    }

    /// Stores `account`'s weight (`MathOverflow` beyond 96 bits) and the
    /// accumulator its rewards are credited up to (from `settle`).
    pub(crate) fn store_account(
        &mut self,
        account: Address,
        staked: U256,
        per_token: U256,
    ) -> Result<(), Error> {
        let staked = U256::from(to_u96(staked)?);
        self.accounts
            .setter(account)
            .word
            .set(pack::word2(staked, per_token));
        Ok(())
    }
}
