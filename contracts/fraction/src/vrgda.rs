//! The primary-sale price: a variable-rate gradual Dutch auction (VRGDA).
//!
//! Price of the share sold when `s` whole shares are already sold, `t` days
//! after the sale start: `p(s) = P · (1-k)^(t - s/r) = P · e^(λ(s/r - t))`, with
//! `P = p0 · premium`, `λ = -ln(1-k)`, `r` the target whole shares a day. Buying
//! ahead of the schedule `s = r·t` raises the price exponentially; a lull lets
//! it decay; on schedule it is exactly `P`.
//!
//! A batch of `n` shares costs the exact integral of `p` over `[S, S+n]`:
//! `P · (r/λ) · (e^(λ((S+n)/r - t)) - e^(λ(S/r - t)))`, in WAD fixed point and
//! rounded up at every step (the upper exponential from an exponent rounded up
//! plus the 2-wei error bound of `exp_wad`, the lower one rounded down), so a
//! buyer never pays less than the true integral and splitting a purchase never
//! pays off.
//!
//! Products go through [`mul_div_fit`]: a checked 256-bit product, then one
//! division. The parameter bounds keep every product of a realistic sale far
//! below 2^256 (`λ·sold < 2^159`, `λ·t < 2^170`); a product that does not fit
//! belongs to a batch no one could pay for and reverts with `MathOverflow`.
//! (Through the shared `mul_div_fit`: the exact `mul_div_*` carry a 512-bit
//! path this contract never needs, ~1.6 KB of compressed WASM.)
use alloy_primitives::{I256, U256};
use atelier_common::{
    errors::MathOverflow,
    math::{exp_wad, mul_div_fit, WAD},
};

/// Seconds in one day, the unit of `t` and of the target rate.
pub const SECONDS_PER_DAY: u64 = 86_400;

/// Pricing inputs frozen for one call. All quantities WAD.
#[derive(Clone, Copy, Debug)]
pub struct Curve {
    /// `p0 · premium`: wei per whole share on schedule.
    pub unit_price: U256,
    /// `λ = -ln(1-k)`, per day.
    pub lambda: U256,
    /// Target whole shares a day.
    pub rate: U256,
    /// Days since the sale start.
    pub days: U256,
}

/// Fractional days (WAD) in `seconds`.
pub fn days(seconds: u64) -> U256 {
    // seconds < 2^64, so the product stays below 2^124: never fails. Through
    // `mul_div_fit` rather than inline `*` and `/`: one copy of that code.
    mul_div_fit(U256::from(seconds), WAD, U256::from(SECONDS_PER_DAY), false).unwrap_or_default()
}

fn signed(x: U256) -> Result<I256, MathOverflow> {
    I256::try_from(x).map_err(|_| MathOverflow {})
}

impl Curve {
    /// `λ(sold/r - t)`, rounded up or down.
    fn exponent(&self, sold: U256, up: bool) -> Result<I256, MathOverflow> {
        let ahead = mul_div_fit(self.lambda, sold, self.rate, up)?;
        let elapsed = mul_div_fit(self.lambda, self.days, WAD, !up)?;
        signed(ahead)?
            .checked_sub(signed(elapsed)?)
            .ok_or(MathOverflow {})
    }

    /// Price in wei of one whole share after `sold` share units, rounded down.
    pub fn spot(&self, sold: U256) -> Result<U256, MathOverflow> {
        mul_div_fit(
            self.unit_price,
            exp_wad(self.exponent(sold, false)?)?,
            WAD,
            false,
        )
    }

    /// Wei for `shares` share units after `sold`: the integral, rounded up.
    /// At least 1 wei for any purchase.
    pub fn cost(&self, sold: U256, shares: U256) -> Result<U256, MathOverflow> {
        let end = sold.checked_add(shares).ok_or(MathOverflow {})?;
        // exp_wad returns floor(true) or one less: +2 bounds the true value.
        let high = exp_wad(self.exponent(end, true)?)? + U256::from(2u8);
        let low = exp_wad(self.exponent(sold, false)?)?;
        let span = mul_div_fit(self.rate, high.saturating_sub(low), self.lambda, true)?;
        mul_div_fit(self.unit_price, span, WAD, true)
    }
}
