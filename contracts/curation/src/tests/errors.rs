//! The registry's revert data (`contract_errors!`: one encoder over each error's
//! field words) is the bytes alloy's `SolError::abi_encode` gives, field order
//! included (every field a distinct value).
use alloy_primitives::{Address, B256, U256};
use alloy_sol_types::SolError;
use atelier_common::errors::*;

use crate::abi::*;
use crate::Error;

fn same<E: SolError + Into<Error>>(e: E) {
    atelier_common::testing::assert_encodes_as_alloy::<Error, E>(e);
}

fn n(v: u64) -> U256 {
    U256::MAX - U256::from(v)
}

#[test]
fn every_error_encodes_as_alloy_does() {
    same(Unauthorized { caller: Address::repeat_byte(1) });
    same(AlreadyInitialized {});
    same(NotInitialized {});
    same(ZeroAmount {});
    same(ZeroAddress {});
    same(UnknownParam { key: 200 });
    same(ParamOutOfBounds { key: 200, value: n(1), min: n(2), max: n(3) });
    same(EthTransferFailed { to: Address::repeat_byte(1), amount: n(1) });
    same(MathOverflow {});
    same(ExternalCallFailed { target: Address::repeat_byte(1) });
    same(UnknownSeed { seedId: n(1) });
    same(ZeroSeed {});
    same(SeedAlreadyRegistered { seed: B256::repeat_byte(7), seedId: n(2) });
    same(SeedStakeTooLow { amount: n(1), minimum: n(2) });
    same(InsufficientStake { seedId: n(1), staked: n(2), requested: n(3) });
    same(CooldownActive { seedId: n(1), endsAt: n(2) });
    same(NothingToClaim { account: Address::repeat_byte(1) });
}
