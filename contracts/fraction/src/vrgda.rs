//! The primary-sale price: a variable-rate gradual Dutch auction (VRGDA) with a
//! capped backlog.
//!
//! Price of the share sold when `s` whole shares are already sold, `t` days
//! after the sale start: `p(s) = P · e^(x(s))` with the exponent
//! `x(s) = λ(s/r - t) + c`, `P = p0 · premium`, `λ = -ln(1-k)`, `r` the target
//! whole shares a day and `c` the schedule's anchor. Buying ahead of the
//! schedule raises the price exponentially; a lull lets it decay, but never
//! below the floor `P · e^(-λL)` = `P · (1-k)^L`, `L` the longest backlog
//! (`maxLag`, days): when the exponent at the current position lies below
//! `-λL`, the backlog beyond `L` days is forgiven — the anchor rises so the
//! position sits on the floor ([`Curve::lift`]), and `buy` stores it. So
//! after any lull the next purchase starts at no less than the floor and
//! climbs from there; the backlog does not sell at the floor share by share.
//! (Freezing `t_eff = min(t, s/r + L)` per call instead would let one-share
//! purchases each pay the floor while a batch paid more: splitting would pay.)
//! On schedule (and with `c = 0`) the price is exactly `P`.
//!
//! The anchor `c` also keeps the price continuous when governance changes
//! `k`, `r` or `L`: it is set so that the exponent at the current position is
//! what it was before the change (O(1); see `FractionToken::reanchor`). A
//! change of `p0` is a deliberate change of the price level and is not
//! re-anchored.
//!
//! A batch of `n` shares costs the exact integral of `p` over `[S, S+n]` on
//! the lifted curve, `P · (r/λ) · (e^(x(S+n)) - e^(x(S)))`, which is additive,
//! so splitting a purchase never pays. In WAD fixed point it is rounded up at
//! every step (the upper exponential from an exponent rounded up plus the
//! 2-wei error bound of `exp_wad`, the lower one rounded down), and the total
//! gets a margin of 2^-32 of itself plus 1 wei: the stored λ is within 2 wei
//! of the true `-ln(1-k)` (Newton on `exp_wad`). Measured over the bound
//! corners of `k` and `r` and 2,000 random points (exponents within ±40;
//! `tests/props.rs`, `lambda_error_bound` and the property test
//! `lambda_error_is_covered`): a 2-wei change of λ moves a rounded cost by at
//! most 3.8e-10 of it, all of it `exp_wad`'s 2-wei granularity on a small
//! e^x (batches tiny against `r`), which the rounding up covers; beyond that
//! granularity the cost with the stored λ exceeds the rounded-up closed form
//! at λ ± 2 wei (without its margin, itself above the true integral) by at
//! least 2.3e-10 of itself (the margin) in every case: a buyer never pays
//! less than the true integral at any parameter inside the bounds.
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
    /// `λL`: the deepest the exponent goes below the schedule (WAD).
    pub max_drop: U256,
    /// The schedule's anchor `c` (WAD, signed).
    pub anchor: I256,
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
    /// `x(sold) = λ(sold/r - t) + c`, rounded up or down (without the floor).
    pub fn exponent(&self, sold: U256, up: bool) -> Result<I256, MathOverflow> {
        let ahead = mul_div_fit(self.lambda, sold, self.rate, up)?;
        let elapsed = mul_div_fit(self.lambda, self.days, WAD, !up)?;
        signed(ahead)?
            .checked_sub(signed(elapsed)?)
            .and_then(|x| x.checked_add(self.anchor))
            .ok_or(MathOverflow {})
    }

    /// `-λL`, the floor's exponent (rounded up: the floor never undercharges).
    pub fn floor_exponent(&self) -> Result<I256, MathOverflow> {
        Ok(-signed(self.max_drop)?)
    }

    /// Forgives the backlog beyond `maxLag`: when the exponent at `sold` lies
    /// below the floor `-λL`, raises the anchor so it sits exactly on it.
    /// Returns whether it moved (`buy` then stores the new anchor).
    pub fn lift(&mut self, sold: U256) -> Result<bool, MathOverflow> {
        let below = self
            .floor_exponent()?
            .checked_sub(self.exponent(sold, false)?)
            .ok_or(MathOverflow {})?;
        if !below.is_positive() {
            return Ok(false);
        }
        self.anchor = self.anchor.checked_add(below).ok_or(MathOverflow {})?;
        Ok(true)
    }

    /// Price in wei of one whole share after `sold` share units, rounded down
    /// (on a lifted curve).
    pub fn spot(&self, sold: U256) -> Result<U256, MathOverflow> {
        mul_div_fit(
            self.unit_price,
            exp_wad(self.exponent(sold, false)?)?,
            WAD,
            false,
        )
    }

    /// Wei for `shares` share units after `sold` (on a lifted curve): the
    /// integral, rounded up, plus the λ margin (see the module doc). At least
    /// 1 wei for any purchase.
    pub fn cost(&self, sold: U256, shares: U256) -> Result<U256, MathOverflow> {
        let end = sold.checked_add(shares).ok_or(MathOverflow {})?;
        // exp_wad returns floor(true) or one less: +2 bounds the true value.
        let high = exp_wad(self.exponent(end, true)?)? + U256::from(2u8);
        let low = exp_wad(self.exponent(sold, false)?)?;
        let span = mul_div_fit(self.rate, high.saturating_sub(low), self.lambda, true)?;
        let cost = mul_div_fit(self.unit_price, span, WAD, true)?;
        Ok(cost.saturating_add(cost >> 32).saturating_add(U256::from(1u8)))
    }
}
