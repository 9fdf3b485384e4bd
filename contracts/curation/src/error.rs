//! Every way a registry call can fail, each a named Solidity custom error.
use atelier_common::errors::{
    AlreadyInitialized, EthTransferFailed, ExternalCallFailed, MathOverflow, NotInitialized,
    ParamOutOfBounds, Unauthorized, UnknownParam, ZeroAddress, ZeroAmount,
};
use crate::abi::{
    CooldownActive, InsufficientStake, NothingToClaim, SeedAlreadyRegistered, SeedStakeTooLow,
    UnknownSeed, ZeroSeed,
};

atelier_common::contract_errors! {
/// The registry's error type: the shared errors it can return plus its own
/// (and `Callee`: the token's own error when it refuses a lock or unlock).
#[derive(PartialEq)]
pub enum Error with Callee {
    /// Wrong caller (not the wiring admin, the vault or the treasury).
    Unauthorized(Unauthorized) { caller },
    /// `initialize` ran already.
    AlreadyInitialized(AlreadyInitialized) {},
    /// `initialize` has not run yet.
    NotInitialized(NotInitialized) {},
    /// A zero amount or a payment of zero wei.
    ZeroAmount(ZeroAmount) {},
    /// A zero counterpart address in `initialize`.
    ZeroAddress(ZeroAddress) {},
    /// `setParam`/`param` with a key the registry does not have.
    UnknownParam(UnknownParam) { key },
    /// A parameter outside its hard bounds.
    ParamOutOfBounds(ParamOutOfBounds) { key, value, min, max },
    /// Paying a claim failed.
    EthTransferFailed(EthTransferFailed) { to, amount },
    /// A result does not fit its type.
    MathOverflow(MathOverflow) {},
    /// The share token failed a lock or unlock without saying why.
    ExternalCallFailed(ExternalCallFailed) { target },
    /// No seed with this id.
    UnknownSeed(UnknownSeed) { seedId },
    /// The zero seed.
    ZeroSeed(ZeroSeed) {},
    /// The seed is registered already.
    SeedAlreadyRegistered(SeedAlreadyRegistered) { seed, seedId },
    /// A holder's initial stake below `minSeedStake`.
    SeedStakeTooLow(SeedStakeTooLow) { amount, minimum },
    /// Unstaking more than staked.
    InsufficientStake(InsufficientStake) { seedId, staked, requested },
    /// Unstaking during the cooldown.
    CooldownActive(CooldownActive) { seedId, endsAt },
    /// A claim with nothing earned.
    NothingToClaim(NothingToClaim) { account },
}
}

/// Shorthand for the overflow error.
pub(crate) const fn overflow() -> Error {
    Error::MathOverflow(MathOverflow {})
}
