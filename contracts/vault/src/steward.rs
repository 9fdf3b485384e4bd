//! Steward-token metadata, ERC-165 and ERC-2981 (the ERC-721 core is OpenZeppelin's),
//! and the basis-point arithmetic of royalties and redemption fees.
use stylus_sdk::prelude::HostAccess;
use alloc::string::String;
use alloy_primitives::{aliases::B32, U256};
use atelier_common::math::mul_div_fit;

use crate::{
    text,
    types::{BPS, ROYALTY_BPS},
    ArtVault, Error,
};

/// ERC-721 name.
pub const NAME: &str = "Atelier Steward";
/// ERC-721 symbol.
pub const SYMBOL: &str = "STEWARD";

/// ERC-165, ERC-721, ERC-721 Metadata, ERC-2981.
const INTERFACES: [[u8; 4]; 4] = [
    [0x01, 0xff, 0xc9, 0xa7],
    [0x80, 0xac, 0x58, 0xcd],
    [0x5b, 0x5e, 0x13, 0x9f],
    [0x2a, 0x55, 0x20, 0x5a],
];

/// Whether the vault implements `interface_id` (ERC-165).
pub fn supports(interface_id: B32) -> bool {
    INTERFACES.contains(&interface_id.0)
}

/// `x * bps / 10_000` rounded down (the shared `mul_div_fit`: `MathOverflow`
/// for an `x` beyond 2^242, a price no one can pay).
pub fn bps_of(x: U256, bps: u64) -> Result<U256, Error> {
    Ok(mul_div_fit(x, U256::from(bps), U256::from(BPS), false)?)
}

/// ERC-2981 royalty on `sale_price`.
pub fn royalty(sale_price: U256) -> Result<U256, Error> {
    bps_of(sale_price, ROYALTY_BPS)
}

/// `n` in decimal.
fn decimal(mut n: u64) -> String {
    let mut digits = alloc::vec::Vec::with_capacity(20);
    loop {
        digits.push(b'0' + (n % 10) as u8);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    digits.iter().rev().map(|&d| d as char).collect()
}

impl ArtVault {
    /// `tokenURI`: base URI + decimal id; empty when no base URI is set.
    pub(crate) fn steward_uri(&self, token_id: U256) -> Result<String, Error> {
        self.require_owned(token_id)?;
        let (_, mut uri) = atelier_common::record::read::<0>(self.vm(), text::base_uri_key());
        if !uri.is_empty() {
            // Existing steward ids are artwork ids (<= artwork_count, a u64).
            uri.push_str(&decimal(token_id.as_limbs()[0]));
        }
        Ok(uri)
    }
}

#[cfg(test)]
mod tests {
    use alloy_primitives::U256;

    use super::{bps_of, decimal};

    #[test]
    fn bps_of_matches_plain_division() {
        let cases = [U256::ZERO, U256::from(9_999u64), U256::from(123_456_789u64), U256::MAX >> 14];
        for x in cases {
            for bps in [0u64, 1, 250, 500, 9_999, 10_000] {
                let want = x * U256::from(bps) / U256::from(10_000u64);
                assert_eq!(bps_of(x, bps).unwrap(), want);
            }
        }
        assert!(bps_of(U256::MAX, 2).is_err());
    }

    #[test]
    fn decimal_formats_edges() {
        assert_eq!(decimal(0), "0");
        assert_eq!(decimal(7), "7");
        assert_eq!(decimal(1234567890), "1234567890");
        assert_eq!(decimal(u64::MAX), "18446744073709551615");
    }
}
