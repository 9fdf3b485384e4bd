//! Storage side of the reward stream: load, advance, store, settle accounts.
use alloy_primitives::{aliases::U160, Address, U256, U64};

use crate::{
    error::{overflow, Error},
    ledger::{to_u128, to_u96},
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
    /// The stream as stored.
    fn load_stream(&self) -> Stream {
        Stream {
            rate: self.reward_rate.get(),
            per_token: U256::from(self.reward_per_token.get()),
            carry: U256::from(self.reward_carry.get()),
            last_update: self.last_update.get().to(),
            finish: self.period_finish.get().to(),
        }
    }

    /// The stream brought up to `now` (not stored); `MathOverflow` if its
    /// accumulator would leave its stored width.
    pub(crate) fn stream_at(&self, now: u64) -> Result<Stream, Error> {
        let mut stream = self.load_stream();
        stream.advance(now, U256::from(self.total_staked.get()))?;
        if stream.per_token >= PER_TOKEN_MAX {
            return Err(overflow());
        }
        Ok(stream)
    }

    /// Writes the stream back. The rate is written only when it changed (a
    /// stake or claim only reads it); the carry is a remainder of a division by
    /// the total staked (< 2^96) or by the period, so it fits its 96 bits
    /// (checked).
    pub(crate) fn store_stream(&mut self, stream: &Stream) -> Result<(), Error> {
        if self.reward_rate.get() != stream.rate {
            self.reward_rate.set(stream.rate);
        }
        self.reward_per_token.set(U160::from_limbs(per_token_limbs(stream.per_token)));
        self.reward_carry.set(to_u96(stream.carry)?);
        self.last_update.set(U64::from(stream.last_update));
        self.period_finish.set(U64::from(stream.finish));
        Ok(())
    }

    /// Rewards of `account` under `stream`: credited plus accrued since.
    pub(crate) fn earned_with(&self, stream: &Stream, account: Address) -> Result<U256, Error> {
        let entry = self.accounts.getter(account);
        let accrued = stream.owed(
            U256::from(entry.staked.get()),
            U256::from(entry.paid_per_token.get()),
        )?;
        U256::from(entry.rewards.get())
            .checked_add(accrued)
            .ok_or_else(overflow)
    }

    /// Brings the stream to now and credits `account` with what it accrued,
    /// before its stake changes or it claims. Nothing accrued (a first stake):
    /// the credited rewards stay as they are, unread.
    pub(crate) fn settle(&mut self, account: Address) -> Result<(), Error> {
        let stream = self.stream_at(self.now())?;
        self.store_stream(&stream)?;
        let mut entry = self.accounts.setter(account);
        let accrued = stream.owed(
            U256::from(entry.staked.get()),
            U256::from(entry.paid_per_token.get()),
        )?;
        if !accrued.is_zero() {
            let earned = U256::from(entry.rewards.get())
                .checked_add(accrued)
                .ok_or_else(overflow)?;
            entry.rewards.set(to_u128(earned)?);
        }
        entry
            .paid_per_token
            .set(U160::from_limbs(per_token_limbs(stream.per_token)));
        Ok(())
    }
}

/// The low three limbs of an accumulator below `PER_TOKEN_MAX` (checked by
/// `stream_at`, the only source of a stored one).
fn per_token_limbs(per_token: U256) -> [u64; 3] {
    let [a, b, c, _] = per_token.into_limbs();
    [a, b, c]
}
