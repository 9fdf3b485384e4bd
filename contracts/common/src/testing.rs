//! Assertions the contracts' unit tests share (feature `test-support`, enabled
//! only by their dev-dependencies).
use alloc::vec::Vec;
use alloy_sol_types::SolError;

/// Asserts that a contract's revert data for `error` (its `Err` encoder, the
/// crate's hand-written `contract_errors!` or `abi.rs`) is the bytes alloy's
/// `SolError::abi_encode` gives.
pub fn assert_encodes_as_alloy<Err: Into<Vec<u8>>, E: SolError + Into<Err>>(error: E) {
    let expected = error.abi_encode();
    let got: Vec<u8> = error.into().into();
    assert_eq!(got, expected, "{}", E::SIGNATURE);
}
