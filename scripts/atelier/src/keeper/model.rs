//! The keeper's demand model: pure functions, no I/O (KEEPER.md explains it).
//!
//! 1. **Velocity**: shares sold in the last `window` seconds against the sale's
//!    target schedule (`targetRate` whole shares a day): `v = sold / (rate·window)`.
//!    Demand `D = clamp(log2(max(v, 1/2)), -1, 1)`: on schedule 0, twice the
//!    schedule +1, half (or nothing) -1.
//! 2. **Volatility**: an exponentially weighted moving average of squared log
//!    returns of the spot price (RiskMetrics, `λ = 0.94`), observed after each
//!    sale and at each run: `σ² ← λσ² + (1-λ)r²`. `V = min(σ / σ_ref, 1)`.
//! 3. **Target premium** `P* = 1 + a·D + b·V` (a = 0.25, b = 0.10): demand ahead
//!    of schedule leans the price up, a lull discounts it; volatility adds a
//!    margin. The proposal moves from the current premium toward `P*` by at most
//!    the on-chain `premiumMaxStep`, inside `[premiumMin, premiumMax]`, not
//!    before `premiumUpdatedAt + premiumInterval`, and not at all when the move
//!    is under the dead band (0.5%), which saves gas on noise.
use alloy::primitives::U256;
use serde::{Deserialize, Serialize};

/// WAD (1e18) as f64.
const WAD_F: f64 = 1e18;

/// One sale (`SharesBought`), in human units.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Sale {
    pub timestamp: u64,
    /// Whole shares.
    pub shares: f64,
    /// Spot price after the sale, ETH per share.
    pub spot_after: f64,
}

/// The token's premium box and schedule, as read on chain (WADs stay exact).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Chain {
    pub now: u64,
    /// Whole shares a day.
    pub target_rate: f64,
    pub sale_start: u64,
    pub premium: U256,
    pub premium_min: U256,
    pub premium_max: U256,
    pub premium_max_step: U256,
    pub premium_interval: u64,
    /// 0 when never set.
    pub premium_updated_at: u64,
}

/// The model's constants.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// Velocity window, seconds.
    pub window: u64,
    /// EWMA decay per observation.
    pub lambda: f64,
    /// Weight of the demand term.
    pub demand_weight: f64,
    /// Weight of the volatility term.
    pub volatility_weight: f64,
    /// Per-observation volatility counted as "high" (V = 1).
    pub volatility_ref: f64,
    /// Smallest premium change worth a transaction.
    pub dead_band: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Self { window: 86_400, lambda: 0.94, demand_weight: 0.25, volatility_weight: 0.10, volatility_ref: 0.10, dead_band: 0.005 }
    }
}

/// What the model remembers between runs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Memory {
    /// EWMA of squared log returns.
    pub sigma2: f64,
    /// Last spot price observed.
    pub last_price: Option<f64>,
}

impl Memory {
    /// Folds one price observation into the EWMA.
    pub fn observe(&mut self, price: f64, lambda: f64) {
        if !(price.is_finite() && price > 0.0) {
            return;
        }
        if let Some(prev) = self.last_price {
            let r = (price / prev).ln();
            self.sigma2 = lambda * self.sigma2 + (1.0 - lambda) * r * r;
        }
        self.last_price = Some(price);
    }

    pub fn sigma(&self) -> f64 {
        self.sigma2.max(0.0).sqrt()
    }
}

/// The model's output, with every intermediate for the log and the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Signal {
    pub window: u64,
    pub sold: f64,
    pub target: f64,
    pub velocity: f64,
    pub demand: f64,
    pub sigma: f64,
    pub volatility: f64,
    pub target_premium: f64,
    /// The premium to set (WAD), `None` to leave it.
    #[serde(serialize_with = "opt_u256")]
    pub proposal: Option<U256>,
    pub reason: String,
}

fn opt_u256<S: serde::Serializer>(v: &Option<U256>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(x) => s.serialize_str(&x.to_string()),
        None => s.serialize_none(),
    }
}

/// f64 → WAD at 12 decimals (finer is float noise), saturating at 0 and 1e6.
pub fn to_wad(x: f64) -> U256 {
    let x = if x.is_finite() { x.clamp(0.0, 1e6) } else { 0.0 };
    let whole = x.trunc();
    let micro_micro = ((x - whole) * 1e12).round() as u64;
    U256::from(whole as u64) * U256::from(WAD_F as u64) + U256::from(micro_micro) * U256::from(1_000_000u64)
}

/// WAD → f64.
pub fn from_wad(x: U256) -> f64 {
    crate::util::wad_to_f64(x)
}

/// Moves `current` toward `target` by at most `step`, inside `[min, max]`.
pub fn step_toward(current: U256, target: U256, min: U256, max: U256, step: U256) -> U256 {
    let next = if target > current {
        current.saturating_add(step.min(target - current))
    } else {
        current.saturating_sub(step.min(current - target))
    };
    next.clamp(min, max.max(min))
}

/// Demand term from the velocity ratio.
pub fn demand(velocity: f64) -> f64 {
    velocity.max(0.5).log2().clamp(-1.0, 1.0)
}

/// Evaluates the model: `sales` are the sales seen so far (any older than the
/// window are ignored), `memory` already holds every price observation.
pub fn evaluate(chain: &Chain, s: &Settings, memory: &Memory, sales: &[Sale]) -> Signal {
    let elapsed = chain.now.saturating_sub(chain.sale_start);
    let window = s.window.min(elapsed);
    let since = chain.now.saturating_sub(window);
    // (+ 0.0: an empty f64 sum is -0.0.)
    let sold: f64 = sales.iter().filter(|x| x.timestamp > since && x.timestamp <= chain.now).map(|x| x.shares).sum::<f64>() + 0.0;
    let target = chain.target_rate * window as f64 / 86_400.0;
    let velocity = if target > 0.0 { sold / target } else { 1.0 };
    let d = if window == 0 { 0.0 } else { demand(velocity) };
    let sigma = memory.sigma();
    let v = if s.volatility_ref > 0.0 { (sigma / s.volatility_ref).min(1.0) } else { 0.0 };
    let target_premium = 1.0 + s.demand_weight * d + s.volatility_weight * v;
    let current = from_wad(chain.premium);
    let mut sig = Signal {
        window,
        sold,
        target,
        velocity,
        demand: d,
        sigma,
        volatility: v,
        target_premium,
        proposal: None,
        reason: String::new(),
    };
    if window == 0 {
        sig.reason = "the sale has not started: no demand to measure".into();
        return sig;
    }
    let next = step_toward(chain.premium, to_wad(target_premium), chain.premium_min, chain.premium_max, chain.premium_max_step);
    let moved = (from_wad(next) - current).abs();
    if next == chain.premium || moved < s.dead_band {
        sig.reason = format!("hold: target x{target_premium:.4} is within the dead band of x{current:.4}");
        return sig;
    }
    let due = chain.premium_updated_at.saturating_add(chain.premium_interval);
    if chain.premium_updated_at != 0 && chain.now < due {
        sig.reason = format!("hold: the next premium update is allowed at {due}");
        return sig;
    }
    sig.reason = format!(
        "set x{:.4} (from x{current:.4}, toward x{target_premium:.4}: velocity {velocity:.2}, sigma {sigma:.4})",
        from_wad(next)
    );
    sig.proposal = Some(next);
    sig
}
