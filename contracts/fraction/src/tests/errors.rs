//! The hand-written revert encoder (`error.rs`) gives the same bytes as alloy's
//! `SolError::abi_encode`, which `#[derive(SolidityError)]` used.
use alloy_primitives::{aliases::U48, Address, B256, U256};
use alloy_sol_types::SolError;
use atelier_common::errors::*;

use crate::{abi::*, error::Error};

fn same<E: SolError + Into<Error>>(e: E) {
    atelier_common::testing::assert_encodes_as_alloy::<Error, E>(e);
}

#[test]
fn every_error_encodes_as_alloy_does() {
    same(Unauthorized { caller: Address::repeat_byte(1) });
    same(AlreadyInitialized {});
    same(NotInitialized {});
    same(ZeroAmount {});
    same(ZeroAddress {});
    same(UnknownParam { key: 200 });
    same(ParamOutOfBounds { key: 200, value: U256::MAX - U256::from(1), min: U256::MAX - U256::from(2), max: U256::MAX - U256::from(3) });
    same(EthTransferFailed { to: Address::repeat_byte(1), amount: U256::MAX - U256::from(1) });
    same(MathOverflow {});
    same(ExternalCallFailed { target: Address::repeat_byte(1) });
    same(StringTooLong { length: U256::MAX - U256::from(0), maxLength: U256::MAX - U256::from(1) });
    same(SaleNotStarted { saleStart: U256::MAX - U256::from(0) });
    same(EnforcedPause {});
    same(MaxCostExceeded { cost: U256::MAX - U256::from(0), maxCost: U256::MAX - U256::from(1) });
    same(InsufficientPayment { cost: U256::MAX - U256::from(0), sent: U256::MAX - U256::from(1) });
    same(MaxSupplyExceeded { supply: U256::MAX - U256::from(0), maxSupply: U256::MAX - U256::from(1) });
    same(PremiumOutOfBounds { premium: U256::MAX - U256::from(0), min: U256::MAX - U256::from(1), max: U256::MAX - U256::from(2) });
    same(PremiumStepTooLarge { current: U256::MAX - U256::from(0), requested: U256::MAX - U256::from(1), maxStep: U256::MAX - U256::from(2) });
    same(PremiumUpdateTooSoon { nextUpdateAt: U256::MAX - U256::from(0) });
    same(ERC5805FutureLookup { timepoint: U256::MAX - U256::from(0), clock: U48::MAX });
    same(CheckpointUnorderedInsertion {});
    same(ERC2612ExpiredSignature { deadline: U256::MAX - U256::from(0) });
    same(ERC2612InvalidSigner { signer: Address::repeat_byte(1), owner: Address::repeat_byte(2) });
    same(ECDSAInvalidSignature {});
    same(ECDSAInvalidSignatureS { s: B256::repeat_byte(7) });
    same(ERC20InsufficientBalance { sender: Address::repeat_byte(1), balance: U256::MAX - U256::from(1), needed: U256::MAX - U256::from(2) });
    same(ERC20InvalidSender { sender: Address::repeat_byte(1) });
    same(ERC20InvalidReceiver { receiver: Address::repeat_byte(1) });
    same(ERC20InsufficientAllowance { spender: Address::repeat_byte(1), allowance: U256::MAX - U256::from(1), needed: U256::MAX - U256::from(2) });
    same(ERC20InvalidSpender { spender: Address::repeat_byte(1) });
}
