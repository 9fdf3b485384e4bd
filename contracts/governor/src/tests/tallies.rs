//! The packed vote tallies: each support's tally moves alone, exactly, and
//! never spills into its neighbour.
use alloy_primitives::U256;
use proptest::prelude::*;

use crate::types::Tallies;

/// Weights up to the token's max supply (1e24 < 2^80).
fn weight() -> impl Strategy<Value = U256> {
    any::<u128>().prop_map(|w| U256::from(w % 1_000_001_000_000_000_000_000_000u128))
}

proptest! {
    #[test]
    fn each_tally_adds_alone(votes in prop::collection::vec((0u8..3, weight()), 0..40)) {
        let mut packed = Tallies(U256::ZERO);
        let mut plain = [U256::ZERO; 3];
        for (support, w) in votes {
            packed = packed.add(support, w);
            plain[support as usize] += w;
        }
        prop_assert_eq!(packed.all(), (plain[0], plain[1], plain[2]));
    }
}

#[test]
fn a_tally_saturates_within_its_bits() {
    let max = (U256::from(1) << 85) - U256::from(1);
    let t = Tallies(U256::ZERO).add(0, U256::from(7)).add(1, U256::MAX).add(2, U256::from(9));
    assert_eq!(t.all(), (U256::from(7), max, U256::from(9)));
    assert_eq!(t.add(1, U256::from(1)).all(), (U256::from(7), max, U256::from(9)));
}
