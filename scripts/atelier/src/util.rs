//! The client's error type and number formats (18-decimal amounts, bytes32 inputs).
use std::fmt;

use alloy::primitives::{keccak256, B256, U256};

/// A user-facing error: one clear sentence, never a panic.
#[derive(Debug, Clone, PartialEq)]
pub struct Error(pub String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// `Err(Error(msg))`.
pub fn fail<T>(msg: impl Into<String>) -> Result<T> {
    Err(Error(msg.into()))
}

/// Adds what was being done to any displayable error.
pub trait Context<T> {
    fn ctx(self, what: impl fmt::Display) -> Result<T>;
}

impl<T, E: fmt::Display> Context<T> for std::result::Result<T, E> {
    fn ctx(self, what: impl fmt::Display) -> Result<T> {
        self.map_err(|e| Error(format!("{what}: {e}")))
    }
}

/// One unit of an 18-decimal amount (a whole share, one ether).
pub const UNIT: U256 = U256::from_limbs([1_000_000_000_000_000_000, 0, 0, 0]);

/// An amount with 18 decimals, written as a decimal (`1.5` = 1.5e18 units) or
/// in raw units with a `wei` suffix (`1500wei`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amount(pub U256);

impl std::str::FromStr for Amount {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        parse_amount(s).map(Amount)
    }
}

/// Parses an 18-decimal amount (see [`Amount`]).
pub fn parse_amount(s: &str) -> Result<U256> {
    let t = s.trim().replace('_', "");
    let bad = || Error(format!("`{s}` is not an amount (write e.g. 100, 0.25 or 1500wei)"));
    if let Some(raw) = t.strip_suffix("wei") {
        let raw = raw.trim();
        if raw.is_empty() || !raw.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        return U256::from_str_radix(raw, 10).map_err(|_| bad());
    }
    let (whole, frac) = match t.split_once('.') {
        Some((w, f)) => (w, f),
        None => (t.as_str(), ""),
    };
    if (whole.is_empty() && frac.is_empty())
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(bad());
    }
    if frac.len() > 18 {
        return Err(Error(format!("`{s}` has more than 18 decimals")));
    }
    let w = if whole.is_empty() { U256::ZERO } else { U256::from_str_radix(whole, 10).map_err(|_| bad())? };
    let f = if frac.is_empty() {
        U256::ZERO
    } else {
        let padded = format!("{frac:0<18}");
        U256::from_str_radix(&padded, 10).map_err(|_| bad())?
    };
    w.checked_mul(UNIT).and_then(|x| x.checked_add(f)).ok_or_else(|| Error(format!("`{s}` is too large")))
}

/// Formats 18-decimal units as a decimal without trailing zeros.
pub fn fmt_amount(x: U256) -> String {
    let whole = x / UNIT;
    let frac = x % UNIT;
    if frac.is_zero() {
        return whole.to_string();
    }
    let f = format!("{:0>18}", frac.to_string());
    format!("{whole}.{}", f.trim_end_matches('0'))
}

/// A WAD value (1e18 = 1.0) as f64, for display and the keeper's model.
pub fn wad_to_f64(x: U256) -> f64 {
    let s = fmt_amount(x);
    s.parse().unwrap_or(f64::MAX)
}

/// A bytes32 argument: `0x` + 64 hex digits as is, anything else hashed with
/// keccak256 (how the contracts' tests name models and prompts). Returns the
/// value and whether it was hashed.
pub fn parse_b32(s: &str) -> (B256, bool) {
    let t = s.trim();
    if let Some(hex) = t.strip_prefix("0x") {
        if hex.len() == 64 {
            if let Ok(v) = hex.parse::<B256>() {
                return (v, false);
            }
            if let Ok(v) = format!("0x{hex}").parse::<B256>() {
                return (v, false);
            }
        }
    }
    (keccak256(t.as_bytes()), true)
}

/// A bytes32 shown as text when it is a printable, zero-padded string.
pub fn b32_text(b: &B256) -> Option<String> {
    let end = b.iter().position(|&c| c == 0).unwrap_or(32);
    if end == 0 || b[end..].iter().any(|&c| c != 0) {
        return None;
    }
    let s = std::str::from_utf8(&b[..end]).ok()?;
    s.chars().all(|c| c.is_ascii_graphic() || c == ' ').then(|| s.to_string())
}

/// A unix time as `YYYY-MM-DD HH:MM:SS UTC`.
pub fn fmt_time(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Civil from days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!("{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02} UTC", rem / 3600, rem % 3600 / 60, rem % 60)
}

/// A duration in seconds as `1d 2h 3m 4s` (largest units only).
pub fn fmt_duration(secs: u64) -> String {
    let (d, h, m, s) = (secs / 86_400, secs % 86_400 / 3600, secs % 3600 / 60, secs % 60);
    let mut parts = Vec::new();
    if d > 0 {
        parts.push(format!("{d}d"));
    }
    if h > 0 {
        parts.push(format!("{h}h"));
    }
    if m > 0 {
        parts.push(format!("{m}m"));
    }
    if s > 0 || parts.is_empty() {
        parts.push(format!("{s}s"));
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_parse_and_format() {
        assert_eq!(parse_amount("1").unwrap(), UNIT);
        assert_eq!(parse_amount("0.5").unwrap(), UNIT / U256::from(2));
        assert_eq!(parse_amount(".25").unwrap(), UNIT / U256::from(4));
        assert_eq!(parse_amount("1500wei").unwrap(), U256::from(1500));
        assert_eq!(parse_amount("1_000").unwrap(), UNIT * U256::from(1000));
        for bad in ["", "-1", "1e18", "abc", "1.2.3", "0x10", "wei", "1.0000000000000000001"] {
            assert!(parse_amount(bad).is_err(), "{bad} must be refused");
        }
        assert_eq!(fmt_amount(parse_amount("12.0345").unwrap()), "12.0345");
        assert_eq!(fmt_amount(U256::from(1)), "0.000000000000000001");
        assert_eq!(fmt_amount(UNIT * U256::from(7)), "7");
    }

    #[test]
    fn bytes32_inputs() {
        let (h, hashed) = parse_b32("model-v1");
        assert!(hashed);
        assert_eq!(h, keccak256("model-v1"));
        let hex = format!("{h}");
        assert_eq!(parse_b32(&hex), (h, false));
        let mut b = [0u8; 32];
        b[..3].copy_from_slice(b"sd3");
        assert_eq!(b32_text(&B256::from(b)).as_deref(), Some("sd3"));
        assert_eq!(b32_text(&h), None);
    }

    #[test]
    fn times() {
        assert_eq!(fmt_time(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(fmt_time(1_767_225_600), "2026-01-01 00:00:00 UTC");
        assert_eq!(fmt_duration(90_061), "1d 1h 1m 1s");
        assert_eq!(fmt_duration(0), "0s");
    }
}
