//! Every way a Treasury call can fail, each a named Solidity custom error.
use atelier_common::errors::{
    AlreadyInitialized, EthTransferFailed, Expired, ExternalCallFailed, MathOverflow, NotInitialized,
    ParamOutOfBounds, Unauthorized, UnknownParam, ZeroAddress, ZeroAmount,
};

use crate::abi::{
    AcquisitionPriceTooHigh, BidBelowMinimum, BudgetExhausted, EnforcedPause, EpochBudgetExceeded,
    InsufficientBucket, NoLiveRound, RoundEnded, UpkeepNotNeeded,
};

atelier_common::contract_errors! {
/// The Treasury's revert reasons (ABI-encoded custom errors).
pub enum Error {
    /// The caller is not allowed to call this function.
    Unauthorized(Unauthorized) { caller },
    /// `initialize` was already called.
    AlreadyInitialized(AlreadyInitialized) {},
    /// `initialize` has not been called yet.
    NotInitialized(NotInitialized) {},
    /// An amount that must be positive was zero.
    ZeroAmount(ZeroAmount) {},
    /// An address that must be set was zero.
    ZeroAddress(ZeroAddress) {},
    /// `setParam`/`param` named an unknown key.
    UnknownParam(UnknownParam) { key },
    /// A parameter value outside its hard bounds.
    ParamOutOfBounds(ParamOutOfBounds) { key, value, min, max },
    /// Paying ETH failed.
    EthTransferFailed(EthTransferFailed) { to, amount },
    /// An amount does not fit its type.
    MathOverflow(MathOverflow) {},
    /// A call to the token, registry, vault or a collection failed.
    ExternalCallFailed(ExternalCallFailed) { target },
    /// The transaction arrived after its signer's deadline.
    Expired(Expired) { deadline },
    /// Upkeep is not due yet.
    UpkeepNotNeeded(UpkeepNotNeeded) { nextDue },
    /// No buyback round is open.
    NoLiveRound(NoLiveRound) {},
    /// The buyback round is over.
    RoundEnded(RoundEnded) { round, end },
    /// The buyback round's budget is spent.
    BudgetExhausted(BudgetExhausted) { round },
    /// The bid is below the seller's minimum.
    BidBelowMinimum(BidBelowMinimum) { bid, minPrice },
    /// An acquisition price above the per-artwork cap.
    AcquisitionPriceTooHigh(AcquisitionPriceTooHigh) { price, max },
    /// An acquisition beyond the epoch budget.
    EpochBudgetExceeded(EpochBudgetExceeded) { spent, price, budget },
    /// A bucket holds less than requested.
    InsufficientBucket(InsufficientBucket) { bucket, available, requested },
    /// The token is paused.
    EnforcedPause(EnforcedPause) {},
}
}
