//! Every way a Treasury call can fail, each a named Solidity custom error.
use atelier_common::errors::{
    AlreadyInitialized, EthTransferFailed, Expired, ExternalCallFailed, MathOverflow, NotInitialized,
    ParamOutOfBounds, Unauthorized, UnknownParam, ZeroAddress, ZeroAmount,
};
use stylus_sdk::prelude::*;

use crate::abi::{
    AcquisitionPriceTooHigh, BidBelowMinimum, BudgetExhausted, EnforcedPause, EpochBudgetExceeded,
    InsufficientBucket, NoLiveRound, RoundEnded, UpkeepNotNeeded,
};

/// The Treasury's revert reasons (ABI-encoded custom errors).
#[derive(SolidityError, Debug)]
pub enum Error {
    /// The caller is not allowed to call this function.
    Unauthorized(Unauthorized),
    /// `initialize` was already called.
    AlreadyInitialized(AlreadyInitialized),
    /// `initialize` has not been called yet.
    NotInitialized(NotInitialized),
    /// An amount that must be positive was zero.
    ZeroAmount(ZeroAmount),
    /// An address that must be set was zero.
    ZeroAddress(ZeroAddress),
    /// `setParam`/`param` named an unknown key.
    UnknownParam(UnknownParam),
    /// A parameter value outside its hard bounds.
    ParamOutOfBounds(ParamOutOfBounds),
    /// Paying ETH failed.
    EthTransferFailed(EthTransferFailed),
    /// An amount does not fit its type.
    MathOverflow(MathOverflow),
    /// A call to the token, registry, vault or a collection failed.
    ExternalCallFailed(ExternalCallFailed),
    /// The transaction arrived after its signer's deadline.
    Expired(Expired),
    /// Upkeep is not due yet.
    UpkeepNotNeeded(UpkeepNotNeeded),
    /// No buyback round is open.
    NoLiveRound(NoLiveRound),
    /// The buyback round is over.
    RoundEnded(RoundEnded),
    /// The buyback round's budget is spent.
    BudgetExhausted(BudgetExhausted),
    /// The bid is below the seller's minimum.
    BidBelowMinimum(BidBelowMinimum),
    /// An acquisition price above the per-artwork cap.
    AcquisitionPriceTooHigh(AcquisitionPriceTooHigh),
    /// An acquisition beyond the epoch budget.
    EpochBudgetExceeded(EpochBudgetExceeded),
    /// A bucket holds less than requested.
    InsufficientBucket(InsufficientBucket),
    /// The token is paused.
    EnforcedPause(EnforcedPause),
}
