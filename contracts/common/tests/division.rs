//! `atelier_common::math::div_rem` (the WASM build's only U256 division) against
//! ruint's `div_rem`: edge divisors, zero (an error, never a panic), and random
//! operands of every bit length.
use alloy_primitives::U256;
use atelier_common::{errors::MathOverflow, math::*};
use proptest::prelude::*;

fn edges() -> Vec<U256> {
    let one = U256::from(1u8);
    vec![
        U256::ZERO,
        one,
        U256::from(2u8),
        U256::from(u32::MAX),
        U256::from(1u64 << 32),
        U256::from(u64::MAX),
        one << 64,
        (one << 64) + one,
        (one << 127) - one,
        one << 127,
        U256::from(u128::MAX),
        one << 128,
        one << 255,
        (one << 255) - one,
        U256::MAX - one,
        U256::MAX,
        WAD,
        WAD - one,
        // Divisors around the 32-bit chunk path's edge and numerators with
        // long runs of ones and zeros across the 32-bit halves.
        U256::from(0x8000_0000_ffff_ffffu64),
        U256::from(0xffff_ffff_0000_0001u64),
        U256::from(0x1_0000_0001u64),
        U256::from(0x8000_0000_0000_0001u64),
        U256::from_limbs([0xffff_ffff_0000_0000; 4]),
        U256::from_limbs([0, 0xffff_fffe_0000_0000, 0x8000_0000_0000_0000, 0x7fff_ffff_ffff_ffff]),
        U256::from_limbs([0x0000_0001_ffff_ffff, 0xffff_ffff_ffff_fffe, 0, 0x8000_0000_ffff_fffe]),
    ]
}

fn agrees(n: U256, d: U256) {
    let want = n.div_rem(d);
    assert_eq!(div_rem(n, d), Ok(want), "{n} / {d}");
    assert_eq!(div_rem_nz(n, d), want, "{n} / {d}");
    assert_eq!(div(n, d), Ok(want.0));
    assert_eq!(div_nz(n, d), want.0);
}

#[test]
fn zero_divisor_is_an_error_not_a_panic() {
    for n in edges() {
        assert_eq!(div_rem(n, U256::ZERO), Err(MathOverflow {}));
        assert_eq!(div(n, U256::ZERO), Err(MathOverflow {}));
        assert_eq!(div_rem_nz(n, U256::ZERO), (U256::ZERO, n));
        assert_eq!(div_nz(n, U256::ZERO), U256::ZERO);
    }
}

#[test]
fn edge_operands_match_ruint() {
    for n in edges() {
        for d in edges().into_iter().filter(|d| !d.is_zero()) {
            agrees(n, d);
        }
    }
}

/// A random value of a random bit length (so every path is drawn often).
fn operand() -> impl Strategy<Value = U256> {
    (any::<[u64; 4]>(), 0usize..=256).prop_map(|(limbs, bits)| {
        let x = U256::from_limbs(limbs);
        if bits == 256 { x } else { x & ((U256::from(1u8) << bits) - U256::from(1u8)) }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    #[test]
    fn random_operands_match_ruint(n in operand(), d in operand()) {
        prop_assume!(!d.is_zero());
        agrees(n, d);
    }

    #[test]
    fn tiny_divisors_match_ruint(n in operand(), d in 1u32..) {
        agrees(n, U256::from(d));
    }

    #[test]
    fn small_divisors_match_ruint(n in operand(), d in 1u64..) {
        agrees(n, U256::from(d));
    }

    /// Divisors of every bit length below 2^64 (each path: 32-bit chunks, the
    /// native remainder), against numerators of every length.
    #[test]
    fn divisors_of_every_length_below_2_64_match_ruint(n in operand(), d in any::<u64>(), bits in 1u32..=64) {
        let d = if bits == 64 { d } else { d & ((1u64 << bits) - 1) };
        prop_assume!(d != 0);
        agrees(n, U256::from(d));
    }

    /// Divisors below 2^127 (the native-remainder path), from one bit on.
    #[test]
    fn divisors_below_2_127_match_ruint(n in operand(), d in 1u128..(1u128 << 127)) {
        agrees(n, U256::from(d));
    }
}
