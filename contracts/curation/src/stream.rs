//! The reward stream (Synthetix StakingRewards shape) as plain arithmetic over
//! a snapshot of its state, so views and mutations share one code path.
//!
//! Units: `rate` is wei per second scaled by 1e18 (WAD), `per_token` is wei
//! scaled by 1e18 per share unit. Every division rounds down and its remainder
//! goes to `carry` (wei, WAD-scaled), which is paid out with the next accrual,
//! so the stream hands out exactly what it received, minus at most one wei per
//! account settlement (the final `staked * Δper_token / 1e18` rounds down).
//! Nothing is lost while no one stakes: the stream pauses (its finish moves
//! later) until the first share is staked again.
use atelier_common::math;
use alloy_primitives::U256;
use atelier_common::{errors::MathOverflow, math::WAD};

/// Snapshot of the reward stream.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stream {
    /// Wei per second, WAD-scaled.
    pub rate: U256,
    /// Accumulated reward per staked share unit, WAD-scaled wei.
    pub per_token: U256,
    /// Received but not yet assigned to `per_token` (rounding remainders), WAD-scaled wei.
    pub carry: U256,
    /// Time the stream was last brought up to date.
    pub last_update: u64,
    /// End of the stream.
    pub finish: u64,
}

impl Stream {
    /// Brings the stream to `now` with `total_staked` shares earning.
    pub fn advance(&mut self, now: u64, total_staked: U256) -> Result<(), MathOverflow> {
        if self.last_update >= self.finish || now <= self.last_update {
            return Ok(());
        }
        let elapsed = now - self.last_update;
        if total_staked.is_zero() {
            // Nobody earns: pause, keeping the whole remainder for stakers.
            self.finish = self.finish.checked_add(elapsed).ok_or(MathOverflow {})?;
        } else {
            let streamed = self.finish.min(now) - self.last_update;
            let emitted = U256::from(streamed)
                .checked_mul(self.rate)
                .and_then(|e| e.checked_add(self.carry))
                .ok_or(MathOverflow {})?;
            let (per_token, carry) = math::div_rem(emitted, total_staked)?;
            self.carry = carry;
            self.per_token = self
                .per_token
                .checked_add(per_token)
                .ok_or(MathOverflow {})?;
        }
        self.last_update = now;
        Ok(())
    }

    /// Starts a new stream at `now` (already advanced to `now`) paying `amount`
    /// wei plus whatever the running stream has not paid yet over `period`
    /// seconds (`period > 0`).
    pub fn notify(&mut self, now: u64, amount: U256, period: u64) -> Result<(), MathOverflow> {
        let unpaid = U256::from(self.finish.saturating_sub(now))
            .checked_mul(self.rate)
            .ok_or(MathOverflow {})?;
        let total = amount
            .checked_mul(WAD)
            .and_then(|t| t.checked_add(unpaid))
            .and_then(|t| t.checked_add(self.carry))
            .ok_or(MathOverflow {})?;
        if period == 0 {
            return Err(MathOverflow {});
        }
        (self.rate, self.carry) = math::div_rem(total, U256::from(period))?;
        self.last_update = now;
        self.finish = now.checked_add(period).ok_or(MathOverflow {})?;
        Ok(())
    }

    /// Rewards accrued by `staked` shares since `paid_per_token`, in wei.
    pub fn owed(&self, staked: U256, paid_per_token: U256) -> Result<U256, MathOverflow> {
        let delta = self.per_token.saturating_sub(paid_per_token);
        staked
            .checked_mul(delta)
            .map(|x| math::div_nz(x, WAD))
            .ok_or(MathOverflow {})
    }
}
