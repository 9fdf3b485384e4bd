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

/// `Ok(())` when `caller` is the wired contract `wired`: `NotInitialized` before
/// wiring (`wired` is zero until `initialize`), else `Unauthorized`. One slot
/// read answers both.
pub fn require_wired_caller<E: From<NotInitialized> + From<Unauthorized>>(
    wired: alloy_primitives::Address,
    caller: alloy_primitives::Address,
) -> Result<(), E> {
    if wired.is_zero() {
        return Err(NotInitialized {}.into());
    }
    if caller != wired {
        return Err(Unauthorized { caller }.into());
    }
    Ok(())
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

/// A static ABI value as its word (the fields of errors and events).
pub trait ToWord {
    fn word(&self) -> alloy_primitives::B256;
}

impl ToWord for alloy_primitives::Address {
    fn word(&self) -> alloy_primitives::B256 {
        self.into_word()
    }
}

impl<const BITS: usize, const LIMBS: usize> ToWord for alloy_primitives::Uint<BITS, LIMBS> {
    fn word(&self) -> alloy_primitives::B256 {
        alloy_primitives::B256::from(alloy_primitives::U256::from(*self))
    }
}

impl ToWord for alloy_primitives::B256 {
    fn word(&self) -> alloy_primitives::B256 {
        *self
    }
}

/// Machine integers and `bool` as the `uintN`/`bool` word they stand for.
macro_rules! to_word_as_uint {
    ($($t:ty),*) => {$(
        impl ToWord for $t {
            fn word(&self) -> alloy_primitives::B256 {
                alloy_primitives::B256::from(alloy_primitives::U256::from(*self))
            }
        }
    )*};
}
to_word_as_uint!(u8, u16, u32, u64, bool);

/// Declares a contract's `Error` enum: one variant per Solidity error it returns
/// (what `#[derive(SolidityError)]` generates: the `From` conversions, the
/// revert data, the errors `export-abi` lists) and, declared `with Callee`,
/// `Callee(data)`: another contract's revert data passed through unchanged, so
/// a failing call from one Atelier contract to another reverts with the
/// callee's own named error (only where used: the variant's heap data costs
/// drop code wherever an error is handled).
///
/// Each variant lists its error's fields in declaration order (`{ a, b }`): the
/// revert data is built by the one [`revert_data`] from their words, not by one
/// `SolError::abi_encode` instantiation per error (~1 KB of WASM less a
/// contract; every error here is static).
#[macro_export]
macro_rules! contract_errors {
    ($(#[$meta:meta])* pub enum $name:ident $(with $callee:ident)? { $($(#[$vmeta:meta])* $variant:ident($ty:ty) { $($field:ident),* }),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug)]
        pub enum $name {
            $($(#[$vmeta])* $variant($ty),)*
            $(
            /// A callee's own revert data, passed through unchanged.
            $callee(::alloc::vec::Vec<u8>),
            )?
        }
        $(impl From<$ty> for $name {
            fn from(e: $ty) -> Self {
                $name::$variant(e)
            }
        })*
        impl From<$name> for ::alloc::vec::Vec<u8> {
            #[allow(unused_variables)]
            fn from(e: $name) -> Self {
                match e {
                    $($name::$variant(e) => $crate::errors::revert_data(
                        <$ty as ::alloy_sol_types::SolError>::SELECTOR,
                        &[$($crate::errors::ToWord::word(&e.$field)),*],
                    ),)*
                    $($name::$callee(data) => data,)?
                }
            }
        }
        #[cfg(feature = "export-abi")]
        impl ::stylus_sdk::abi::export::internal::InnerTypes for $name {
            fn inner_types() -> ::alloc::vec::Vec<::stylus_sdk::abi::export::internal::InnerType> {
                ::alloc::vec![$(::stylus_sdk::abi::export::internal::InnerType {
                    name: ::alloc::format!("error {};", <$ty as ::alloy_sol_types::SolError>::SIGNATURE.replace(',', ", ")),
                    id: ::core::any::TypeId::of::<$ty>(),
                }),*]
            }
        }
    };
}

/// A failed call's revert data, when the callee gave any (its named error);
/// `None` for an empty revert or undecodable output (`ExternalCallFailed` then).
pub fn callee_revert(err: stylus_sdk::stylus_core::calls::errors::Error) -> Option<alloc::vec::Vec<u8>> {
    match err {
        stylus_sdk::stylus_core::calls::errors::Error::Revert(data) if !data.is_empty() => Some(data),
        _ => None,
    }
}
