//! Every way a FractionToken call can fail, each a named Solidity error.
use atelier_common::errors::{
    AlreadyInitialized, EthTransferFailed, Expired, ExternalCallFailed, MathOverflow, NotInitialized, ParamOutOfBounds,
    Unauthorized, UnknownParam, ZeroAddress, ZeroAmount,
};

use crate::abi::*;

atelier_common::contract_errors! {
/// The contract's errors (shared ones from `atelier_common::errors`).
pub enum Error {
    Unauthorized(Unauthorized) { caller },
    AlreadyInitialized(AlreadyInitialized) {},
    NotInitialized(NotInitialized) {},
    ZeroAmount(ZeroAmount) {},
    ZeroAddress(ZeroAddress) {},
    UnknownParam(UnknownParam) { key },
    ParamOutOfBounds(ParamOutOfBounds) { key, value, min, max },
    EthTransferFailed(EthTransferFailed) { to, amount },
    MathOverflow(MathOverflow) {},
    ExternalCallFailed(ExternalCallFailed) { target },
    Expired(Expired) { deadline },
    StringTooLong(StringTooLong) { length, maxLength },
    SaleNotStarted(SaleNotStarted) { saleStart },
    EnforcedPause(EnforcedPause) {},
    MaxCostExceeded(MaxCostExceeded) { cost, maxCost },
    InsufficientPayment(InsufficientPayment) { cost, sent },
    MaxSupplyExceeded(MaxSupplyExceeded) { supply, maxSupply },
    PremiumOutOfBounds(PremiumOutOfBounds) { premium, min, max },
    PremiumStepTooLarge(PremiumStepTooLarge) { current, requested, maxStep },
    PremiumUpdateTooSoon(PremiumUpdateTooSoon) { nextUpdateAt },
    FutureLookup(ERC5805FutureLookup) { timepoint, clock },
    CheckpointUnorderedInsertion(CheckpointUnorderedInsertion) {},
    ExpiredSignature(ERC2612ExpiredSignature) { deadline },
    InvalidSigner(ERC2612InvalidSigner) { signer, owner },
    InvalidSignature(ECDSAInvalidSignature) {},
    InvalidSignatureS(ECDSAInvalidSignatureS) { s },
    InsufficientBalance(ERC20InsufficientBalance) { sender, balance, needed },
    InsufficientLocked(InsufficientLockedBalance) { account, locked, needed },
    InvalidSender(ERC20InvalidSender) { sender },
    InvalidReceiver(ERC20InvalidReceiver) { receiver },
    InsufficientAllowance(ERC20InsufficientAllowance) { spender, allowance, needed },
    InvalidSpender(ERC20InvalidSpender) { spender },
}
}

/// Shorthand for the overflow error of checked arithmetic.
pub(crate) const fn overflow() -> Error {
    Error::MathOverflow(MathOverflow {})
}
