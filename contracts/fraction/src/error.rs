//! Every way a FractionToken call can fail, each a named Solidity error.
use atelier_common::errors::{
    AlreadyInitialized, EthTransferFailed, ExternalCallFailed, MathOverflow, NotInitialized, ParamOutOfBounds,
    Unauthorized, UnknownParam, ZeroAddress, ZeroAmount,
};
use stylus_sdk::prelude::*;

use crate::abi::*;

/// The contract's errors (shared ones from `atelier_common::errors`).
#[derive(SolidityError, Debug)]
pub enum Error {
    Unauthorized(Unauthorized),
    AlreadyInitialized(AlreadyInitialized),
    NotInitialized(NotInitialized),
    ZeroAmount(ZeroAmount),
    ZeroAddress(ZeroAddress),
    UnknownParam(UnknownParam),
    ParamOutOfBounds(ParamOutOfBounds),
    EthTransferFailed(EthTransferFailed),
    MathOverflow(MathOverflow),
    ExternalCallFailed(ExternalCallFailed),
    StringTooLong(StringTooLong),
    SaleNotStarted(SaleNotStarted),
    EnforcedPause(EnforcedPause),
    MaxCostExceeded(MaxCostExceeded),
    InsufficientPayment(InsufficientPayment),
    MaxSupplyExceeded(MaxSupplyExceeded),
    PremiumOutOfBounds(PremiumOutOfBounds),
    PremiumStepTooLarge(PremiumStepTooLarge),
    PremiumUpdateTooSoon(PremiumUpdateTooSoon),
    FutureLookup(ERC5805FutureLookup),
    CheckpointUnorderedInsertion(CheckpointUnorderedInsertion),
    ExpiredSignature(ERC2612ExpiredSignature),
    InvalidSigner(ERC2612InvalidSigner),
    InvalidSignature(ECDSAInvalidSignature),
    InvalidSignatureS(ECDSAInvalidSignatureS),
    InsufficientBalance(ERC20InsufficientBalance),
    InvalidSender(ERC20InvalidSender),
    InvalidReceiver(ERC20InvalidReceiver),
    InsufficientAllowance(ERC20InsufficientAllowance),
    InvalidSpender(ERC20InvalidSpender),
}

/// Shorthand for the overflow error of checked arithmetic.
pub(crate) const fn overflow() -> Error {
    Error::MathOverflow(MathOverflow {})
}
