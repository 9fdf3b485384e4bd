//! Every way a FractionToken call can fail, each a named Solidity error.
use atelier_common::errors::{
    AlreadyInitialized, EthTransferFailed, Expired, ExternalCallFailed, MathOverflow, NotInitialized, ParamOutOfBounds,
    Unauthorized, UnknownParam, ZeroAddress, ZeroAmount,
};
use alloc::vec::Vec;
use alloy_primitives::{B256, U256};
use alloy_sol_types::SolError;
use atelier_common::errors::revert_data;

use crate::abi::*;

/// The contract's errors (shared ones from `atelier_common::errors`).
#[derive(Debug)]
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
    Expired(Expired),
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
    InsufficientLocked(InsufficientLockedBalance),
    InvalidSender(ERC20InvalidSender),
    InvalidReceiver(ERC20InvalidReceiver),
    InsufficientAllowance(ERC20InsufficientAllowance),
    InvalidSpender(ERC20InvalidSpender),
}

impl From<Unauthorized> for Error {
    fn from(e: Unauthorized) -> Self {
        Error::Unauthorized(e)
    }
}

impl From<Expired> for Error {
    fn from(e: Expired) -> Self {
        Error::Expired(e)
    }
}

impl From<AlreadyInitialized> for Error {
    fn from(e: AlreadyInitialized) -> Self {
        Error::AlreadyInitialized(e)
    }
}

impl From<NotInitialized> for Error {
    fn from(e: NotInitialized) -> Self {
        Error::NotInitialized(e)
    }
}

impl From<ZeroAmount> for Error {
    fn from(e: ZeroAmount) -> Self {
        Error::ZeroAmount(e)
    }
}

impl From<ZeroAddress> for Error {
    fn from(e: ZeroAddress) -> Self {
        Error::ZeroAddress(e)
    }
}

impl From<UnknownParam> for Error {
    fn from(e: UnknownParam) -> Self {
        Error::UnknownParam(e)
    }
}

impl From<ParamOutOfBounds> for Error {
    fn from(e: ParamOutOfBounds) -> Self {
        Error::ParamOutOfBounds(e)
    }
}

impl From<EthTransferFailed> for Error {
    fn from(e: EthTransferFailed) -> Self {
        Error::EthTransferFailed(e)
    }
}

impl From<MathOverflow> for Error {
    fn from(e: MathOverflow) -> Self {
        Error::MathOverflow(e)
    }
}

impl From<ExternalCallFailed> for Error {
    fn from(e: ExternalCallFailed) -> Self {
        Error::ExternalCallFailed(e)
    }
}

impl From<StringTooLong> for Error {
    fn from(e: StringTooLong) -> Self {
        Error::StringTooLong(e)
    }
}

impl From<SaleNotStarted> for Error {
    fn from(e: SaleNotStarted) -> Self {
        Error::SaleNotStarted(e)
    }
}

impl From<EnforcedPause> for Error {
    fn from(e: EnforcedPause) -> Self {
        Error::EnforcedPause(e)
    }
}

impl From<MaxCostExceeded> for Error {
    fn from(e: MaxCostExceeded) -> Self {
        Error::MaxCostExceeded(e)
    }
}

impl From<InsufficientPayment> for Error {
    fn from(e: InsufficientPayment) -> Self {
        Error::InsufficientPayment(e)
    }
}

impl From<MaxSupplyExceeded> for Error {
    fn from(e: MaxSupplyExceeded) -> Self {
        Error::MaxSupplyExceeded(e)
    }
}

impl From<PremiumOutOfBounds> for Error {
    fn from(e: PremiumOutOfBounds) -> Self {
        Error::PremiumOutOfBounds(e)
    }
}

impl From<PremiumStepTooLarge> for Error {
    fn from(e: PremiumStepTooLarge) -> Self {
        Error::PremiumStepTooLarge(e)
    }
}

impl From<PremiumUpdateTooSoon> for Error {
    fn from(e: PremiumUpdateTooSoon) -> Self {
        Error::PremiumUpdateTooSoon(e)
    }
}

impl From<ERC5805FutureLookup> for Error {
    fn from(e: ERC5805FutureLookup) -> Self {
        Error::FutureLookup(e)
    }
}

impl From<CheckpointUnorderedInsertion> for Error {
    fn from(e: CheckpointUnorderedInsertion) -> Self {
        Error::CheckpointUnorderedInsertion(e)
    }
}

impl From<ERC2612ExpiredSignature> for Error {
    fn from(e: ERC2612ExpiredSignature) -> Self {
        Error::ExpiredSignature(e)
    }
}

impl From<ERC2612InvalidSigner> for Error {
    fn from(e: ERC2612InvalidSigner) -> Self {
        Error::InvalidSigner(e)
    }
}

impl From<ECDSAInvalidSignature> for Error {
    fn from(e: ECDSAInvalidSignature) -> Self {
        Error::InvalidSignature(e)
    }
}

impl From<ECDSAInvalidSignatureS> for Error {
    fn from(e: ECDSAInvalidSignatureS) -> Self {
        Error::InvalidSignatureS(e)
    }
}

impl From<ERC20InsufficientBalance> for Error {
    fn from(e: ERC20InsufficientBalance) -> Self {
        Error::InsufficientBalance(e)
    }
}

impl From<ERC20InvalidSender> for Error {
    fn from(e: ERC20InvalidSender) -> Self {
        Error::InvalidSender(e)
    }
}

impl From<ERC20InvalidReceiver> for Error {
    fn from(e: ERC20InvalidReceiver) -> Self {
        Error::InvalidReceiver(e)
    }
}

impl From<ERC20InsufficientAllowance> for Error {
    fn from(e: ERC20InsufficientAllowance) -> Self {
        Error::InsufficientAllowance(e)
    }
}

impl From<InsufficientLockedBalance> for Error {
    fn from(e: InsufficientLockedBalance) -> Self {
        Error::InsufficientLocked(e)
    }
}

impl From<ERC20InvalidSpender> for Error {
    fn from(e: ERC20InvalidSpender) -> Self {
        Error::InvalidSpender(e)
    }
}

/// What `#[derive(SolidityError)]` generates, but every error (all static) goes
/// through one encoder (`revert_data`): the same bytes, less WASM.
impl From<Error> for Vec<u8> {
    fn from(err: Error) -> Vec<u8> {
        match err {
            Error::Unauthorized(e) => revert_data(Unauthorized::SELECTOR, &[e.caller.into_word()]),
            Error::AlreadyInitialized(_) => revert_data(AlreadyInitialized::SELECTOR, &[]),
            Error::NotInitialized(_) => revert_data(NotInitialized::SELECTOR, &[]),
            Error::ZeroAmount(_) => revert_data(ZeroAmount::SELECTOR, &[]),
            Error::ZeroAddress(_) => revert_data(ZeroAddress::SELECTOR, &[]),
            Error::UnknownParam(e) => revert_data(UnknownParam::SELECTOR, &[B256::from(U256::from(e.key))]),
            Error::ParamOutOfBounds(e) => revert_data(ParamOutOfBounds::SELECTOR, &[B256::from(U256::from(e.key)), B256::from(e.value), B256::from(e.min), B256::from(e.max)]),
            Error::EthTransferFailed(e) => revert_data(EthTransferFailed::SELECTOR, &[e.to.into_word(), B256::from(e.amount)]),
            Error::MathOverflow(_) => revert_data(MathOverflow::SELECTOR, &[]),
            Error::ExternalCallFailed(e) => revert_data(ExternalCallFailed::SELECTOR, &[e.target.into_word()]),
            Error::Expired(e) => revert_data(Expired::SELECTOR, &[B256::from(e.deadline)]),
            Error::StringTooLong(e) => revert_data(StringTooLong::SELECTOR, &[B256::from(e.length), B256::from(e.maxLength)]),
            Error::SaleNotStarted(e) => revert_data(SaleNotStarted::SELECTOR, &[B256::from(e.saleStart)]),
            Error::EnforcedPause(_) => revert_data(EnforcedPause::SELECTOR, &[]),
            Error::MaxCostExceeded(e) => revert_data(MaxCostExceeded::SELECTOR, &[B256::from(e.cost), B256::from(e.maxCost)]),
            Error::InsufficientPayment(e) => revert_data(InsufficientPayment::SELECTOR, &[B256::from(e.cost), B256::from(e.sent)]),
            Error::MaxSupplyExceeded(e) => revert_data(MaxSupplyExceeded::SELECTOR, &[B256::from(e.supply), B256::from(e.maxSupply)]),
            Error::PremiumOutOfBounds(e) => revert_data(PremiumOutOfBounds::SELECTOR, &[B256::from(e.premium), B256::from(e.min), B256::from(e.max)]),
            Error::PremiumStepTooLarge(e) => revert_data(PremiumStepTooLarge::SELECTOR, &[B256::from(e.current), B256::from(e.requested), B256::from(e.maxStep)]),
            Error::PremiumUpdateTooSoon(e) => revert_data(PremiumUpdateTooSoon::SELECTOR, &[B256::from(e.nextUpdateAt)]),
            Error::FutureLookup(e) => revert_data(ERC5805FutureLookup::SELECTOR, &[B256::from(e.timepoint), B256::from(U256::from(e.clock))]),
            Error::CheckpointUnorderedInsertion(_) => revert_data(CheckpointUnorderedInsertion::SELECTOR, &[]),
            Error::ExpiredSignature(e) => revert_data(ERC2612ExpiredSignature::SELECTOR, &[B256::from(e.deadline)]),
            Error::InvalidSigner(e) => revert_data(ERC2612InvalidSigner::SELECTOR, &[e.signer.into_word(), e.owner.into_word()]),
            Error::InvalidSignature(_) => revert_data(ECDSAInvalidSignature::SELECTOR, &[]),
            Error::InvalidSignatureS(e) => revert_data(ECDSAInvalidSignatureS::SELECTOR, &[e.s]),
            Error::InsufficientBalance(e) => revert_data(ERC20InsufficientBalance::SELECTOR, &[e.sender.into_word(), B256::from(e.balance), B256::from(e.needed)]),
            Error::InsufficientLocked(e) => revert_data(InsufficientLockedBalance::SELECTOR, &[e.account.into_word(), B256::from(e.locked), B256::from(e.needed)]),
            Error::InvalidSender(e) => revert_data(ERC20InvalidSender::SELECTOR, &[e.sender.into_word()]),
            Error::InvalidReceiver(e) => revert_data(ERC20InvalidReceiver::SELECTOR, &[e.receiver.into_word()]),
            Error::InsufficientAllowance(e) => revert_data(ERC20InsufficientAllowance::SELECTOR, &[e.spender.into_word(), B256::from(e.allowance), B256::from(e.needed)]),
            Error::InvalidSpender(e) => revert_data(ERC20InvalidSpender::SELECTOR, &[e.spender.into_word()]),
        }
    }
}

/// The errors `export-abi` prints, as `#[derive(SolidityError)]` lists them.
#[cfg(feature = "export-abi")]
impl stylus_sdk::abi::export::internal::InnerTypes for Error {
    fn inner_types() -> Vec<stylus_sdk::abi::export::internal::InnerType> {
        use alloc::format;
        use core::any::TypeId;
        use stylus_sdk::abi::export::internal::InnerType;
        alloc::vec![
            InnerType { name: format!("error {};", <Unauthorized as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<Unauthorized>() },
            InnerType { name: format!("error {};", <AlreadyInitialized as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<AlreadyInitialized>() },
            InnerType { name: format!("error {};", <NotInitialized as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<NotInitialized>() },
            InnerType { name: format!("error {};", <ZeroAmount as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<ZeroAmount>() },
            InnerType { name: format!("error {};", <ZeroAddress as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<ZeroAddress>() },
            InnerType { name: format!("error {};", <UnknownParam as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<UnknownParam>() },
            InnerType { name: format!("error {};", <ParamOutOfBounds as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<ParamOutOfBounds>() },
            InnerType { name: format!("error {};", <EthTransferFailed as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<EthTransferFailed>() },
            InnerType { name: format!("error {};", <MathOverflow as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<MathOverflow>() },
            InnerType { name: format!("error {};", <ExternalCallFailed as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<ExternalCallFailed>() },
            InnerType { name: format!("error {};", <Expired as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<Expired>() },
            InnerType { name: format!("error {};", <StringTooLong as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<StringTooLong>() },
            InnerType { name: format!("error {};", <SaleNotStarted as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<SaleNotStarted>() },
            InnerType { name: format!("error {};", <EnforcedPause as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<EnforcedPause>() },
            InnerType { name: format!("error {};", <MaxCostExceeded as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<MaxCostExceeded>() },
            InnerType { name: format!("error {};", <InsufficientPayment as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<InsufficientPayment>() },
            InnerType { name: format!("error {};", <MaxSupplyExceeded as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<MaxSupplyExceeded>() },
            InnerType { name: format!("error {};", <PremiumOutOfBounds as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<PremiumOutOfBounds>() },
            InnerType { name: format!("error {};", <PremiumStepTooLarge as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<PremiumStepTooLarge>() },
            InnerType { name: format!("error {};", <PremiumUpdateTooSoon as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<PremiumUpdateTooSoon>() },
            InnerType { name: format!("error {};", <ERC5805FutureLookup as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<ERC5805FutureLookup>() },
            InnerType { name: format!("error {};", <CheckpointUnorderedInsertion as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<CheckpointUnorderedInsertion>() },
            InnerType { name: format!("error {};", <ERC2612ExpiredSignature as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<ERC2612ExpiredSignature>() },
            InnerType { name: format!("error {};", <ERC2612InvalidSigner as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<ERC2612InvalidSigner>() },
            InnerType { name: format!("error {};", <ECDSAInvalidSignature as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<ECDSAInvalidSignature>() },
            InnerType { name: format!("error {};", <ECDSAInvalidSignatureS as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<ECDSAInvalidSignatureS>() },
            InnerType { name: format!("error {};", <ERC20InsufficientBalance as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<ERC20InsufficientBalance>() },
            InnerType { name: format!("error {};", <InsufficientLockedBalance as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<InsufficientLockedBalance>() },
            InnerType { name: format!("error {};", <ERC20InvalidSender as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<ERC20InvalidSender>() },
            InnerType { name: format!("error {};", <ERC20InvalidReceiver as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<ERC20InvalidReceiver>() },
            InnerType { name: format!("error {};", <ERC20InsufficientAllowance as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<ERC20InsufficientAllowance>() },
            InnerType { name: format!("error {};", <ERC20InvalidSpender as SolError>::SIGNATURE.replace(',', ", ")), id: TypeId::of::<ERC20InvalidSpender>() },
        ]
    }
}

/// Shorthand for the overflow error of checked arithmetic.
pub(crate) const fn overflow() -> Error {
    Error::MathOverflow(MathOverflow {})
}
