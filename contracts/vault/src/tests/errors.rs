//! The vault's revert data (`contract_errors!`: one encoder over each error's
//! field words) is the bytes alloy's `SolError::abi_encode` gives, field order
//! included (every field a distinct value).
use alloc::vec::Vec;
use alloy_primitives::{Address, U256};
use alloy_sol_types::SolError;
use atelier_common::errors::*;

use crate::*;

fn same<E: SolError + Into<Error>>(e: E) {
    atelier_common::testing::assert_encodes_as_alloy::<Error, E>(e);
}

fn a(n: u8) -> Address {
    Address::repeat_byte(n)
}

fn n(v: u64) -> U256 {
    U256::MAX - U256::from(v)
}

#[test]
fn every_error_encodes_as_alloy_does() {
    same(Unauthorized { caller: a(1) });
    same(AlreadyInitialized {});
    same(NotInitialized {});
    same(ZeroAddress {});
    same(UnknownParam { key: 200 });
    same(ParamOutOfBounds { key: 200, value: n(1), min: n(2), max: n(3) });
    same(MathOverflow {});
    same(ExternalCallFailed { target: a(1) });
    same(BootstrapClosed {});
    same(DepositRefused { collection: a(1), tokenId: n(2), from: a(3) });
    same(AlreadyRecorded { collection: a(1), tokenId: n(2) });
    same(NotInCustody { collection: a(1), tokenId: n(2) });
    same(BadProvenance {});
    same(UnknownArtwork { artworkId: n(1) });
    same(NotRedeemable { artworkId: n(1) });
    same(ArtworkLocked { artworkId: n(1), lockedUntil: n(2) });
    same(UnknownAction { kind: 7 });
    same(ERC721InvalidOwner { owner: a(1) });
    same(ERC721NonexistentToken { tokenId: n(1) });
    same(ERC721IncorrectOwner { sender: a(1), tokenId: n(2), owner: a(3) });
    same(ERC721InsufficientApproval { operator: a(1), tokenId: n(2) });
    same(ERC721InvalidReceiver { receiver: a(1) });
    same(ERC721InvalidApprover { approver: a(1) });
    same(ERC721InvalidOperator { operator: a(1) });
    let callee = vec![1u8, 2, 3];
    assert_eq!(Vec::<u8>::from(Error::Callee(callee.clone())), callee);
}
