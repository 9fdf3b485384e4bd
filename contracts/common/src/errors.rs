//! Custom errors shared by several contracts. A contract lists the ones it can
//! return as variants of its own `Error` enum (derived `SolidityError`).
crate::abi_items! {
    /// `caller` may not call this function.
    #[derive(Debug, PartialEq)]
    error Unauthorized(address caller);
    /// `initialize` was already called.
    #[derive(Debug, PartialEq)]
    error AlreadyInitialized();
    /// The contract is not wired yet: `initialize` has not been called.
    #[derive(Debug, PartialEq)]
    error NotInitialized();
    /// An amount that must be positive was zero.
    #[derive(Debug, PartialEq)]
    error ZeroAmount();
    /// An address that must be set was the zero address.
    #[derive(Debug, PartialEq)]
    error ZeroAddress();
    /// `setParam` named a key this contract does not have.
    #[derive(Debug, PartialEq)]
    error UnknownParam(uint8 key);
    /// `value` lies outside the hard bounds `[min, max]` of parameter `key`.
    #[derive(Debug, PartialEq)]
    error ParamOutOfBounds(uint8 key, uint256 value, uint256 min, uint256 max);
    /// Sending `amount` wei to `to` failed.
    #[derive(Debug, PartialEq)]
    error EthTransferFailed(address to, uint256 amount);
    /// An arithmetic result does not fit its type.
    #[derive(Debug, PartialEq)]
    error MathOverflow();
    /// A call to another Atelier contract or collection failed.
    #[derive(Debug, PartialEq)]
    error ExternalCallFailed(address target);
    /// The transaction arrived after `deadline` (unix seconds), the last second
    /// its signer accepted the price it was signed for.
    #[derive(Debug, PartialEq)]
    error Expired(uint256 deadline);
}

/// Revert data of an error whose fields are all static: its selector, then the
/// fields as words. A contract's `From<Error> for Vec<u8>` routes every error
/// through this one encoder instead of one `SolError::abi_encode` per error
/// (what `#[derive(SolidityError)]` generates): the same bytes, less WASM.
#[inline]
pub fn revert_data(selector: [u8; 4], words: &[alloy_primitives::B256]) -> alloc::vec::Vec<u8> {
    let mut data = alloc::vec::Vec::with_capacity(4 + 32 * words.len());
    data.extend_from_slice(&selector);
    for w in words {
        data.extend_from_slice(w.as_slice());
    }
    data
}
