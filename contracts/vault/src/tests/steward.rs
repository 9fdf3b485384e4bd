//! Steward tokens: ERC-721 behaviour and errors, metadata, ERC-165, ERC-2981.
use alloy_primitives::{aliases::B32, Address, U256};
use atelier_common::errors::MathOverflow;
use motsu::prelude::*;

use super::*;
use crate::{
    Approval, ApprovalForAll, ERC721IncorrectOwner, ERC721InsufficientApproval, ERC721InvalidApprover,
    ERC721InvalidOperator, ERC721InvalidOwner, ERC721InvalidReceiver, ERC721NonexistentToken, Transfer,
};

#[motsu::test]
fn metadata_interfaces_and_royalties() {
    let w = World::new();
    let id = w.genesis(1);
    let v = w.vault.sender(w.admin);
    assert_eq!(v.name(), "Atelier Steward");
    assert_eq!(w.vault.sender(w.admin).symbol(), "STEWARD");
    assert_eq!(w.vault.sender(w.admin).token_uri(id).motsu_unwrap(), "ipfs://steward/1");
    let err = w.vault.sender(w.admin).token_uri(U256::from(2)).motsu_unwrap_err();
    assert_error(err, ERC721NonexistentToken { tokenId: U256::from(2) });
    for (iface, want) in [
        ([0x01, 0xff, 0xc9, 0xa7], true),
        ([0x80, 0xac, 0x58, 0xcd], true),
        ([0x5b, 0x5e, 0x13, 0x9f], true),
        ([0x2a, 0x55, 0x20, 0x5a], true),
        ([0xff, 0xff, 0xff, 0xff], false),
        ([0x36, 0x37, 0x2b, 0x07], false),
    ] {
        assert_eq!(w.vault.sender(w.admin).supports_interface(B32::new(iface)), want, "{iface:?}");
    }
    // 5 % to the treasury.
    assert_eq!(w.vault.sender(w.admin).royalty_info(id, eth(2)).motsu_unwrap(), (w.treasury.address(), eth(2) / U256::from(20)));
    let err = w.vault.sender(w.admin).royalty_info(id, U256::MAX).motsu_unwrap_err();
    assert_error(err, MathOverflow {});
}

#[motsu::test]
fn token_uri_is_the_base_uri_then_the_decimal_id() {
    let w = World::deployed();
    w.vault
        .sender(w.admin)
        .initialize(w.token.address(), w.registry.address(), w.treasury.address(), w.governor, w.curator, String::new().into(), U256::ZERO)
        .motsu_unwrap();
    for n in 1..=10 {
        w.genesis(n);
    }
    // No base URI: empty.
    assert_eq!(w.vault.sender(w.admin).token_uri(U256::from(10)).motsu_unwrap(), "");
}

#[motsu::test]
fn token_uri_appends_every_digit() {
    let w = World::new();
    for n in 1..=10 {
        w.genesis(n);
    }
    assert_eq!(w.vault.sender(w.admin).token_uri(U256::from(10)).motsu_unwrap(), "ipfs://steward/10");
}

#[motsu::test]
fn transfers_approvals_and_their_errors() {
    let w = World::new();
    let id = w.genesis(1);
    let (alice, bob, carol) = (Address::from_tag("alice"), Address::from_tag("bob"), Address::from_tag("carol"));
    let v = &w.vault;
    assert_error(v.sender(alice).balance_of(Address::ZERO).motsu_unwrap_err(), ERC721InvalidOwner { owner: Address::ZERO });
    assert_eq!(v.sender(alice).balance_of(w.curator).motsu_unwrap(), U256::from(1));
    // Not the owner, not approved.
    let err = v.sender(alice).transfer_from(w.curator, alice, id).motsu_unwrap_err();
    assert_error(err, ERC721InsufficientApproval { operator: alice, tokenId: id });
    let err = v.sender(alice).approve(alice, id).motsu_unwrap_err();
    assert_error(err, ERC721InvalidApprover { approver: alice });
    // Never to the vault itself, never to zero.
    let err = v.sender(w.curator).transfer_from(w.curator, v.address(), id).motsu_unwrap_err();
    assert_error(err, ERC721InvalidReceiver { receiver: v.address() });
    let err = v.sender(w.curator).safe_transfer_from(w.curator, Address::ZERO, id).motsu_unwrap_err();
    assert_error(err, ERC721InvalidReceiver { receiver: Address::ZERO });
    // Wrong `from`.
    let err = v.sender(w.curator).transfer_from(alice, bob, id).motsu_unwrap_err();
    assert_error(err, ERC721IncorrectOwner { sender: alice, tokenId: id, owner: w.curator });
    let err = v.sender(w.curator).transfer_from(w.curator, bob, U256::from(9)).motsu_unwrap_err();
    assert_error(err, ERC721NonexistentToken { tokenId: U256::from(9) });
    // Single approval.
    v.sender(w.curator).approve(alice, id).motsu_unwrap();
    v.assert_emitted(&Approval { owner: w.curator, approved: alice, tokenId: id });
    assert_eq!(v.sender(bob).get_approved(id).motsu_unwrap(), alice);
    assert_error(v.sender(bob).get_approved(U256::from(9)).motsu_unwrap_err(), ERC721NonexistentToken { tokenId: U256::from(9) });
    v.sender(alice).transfer_from(w.curator, bob, id).motsu_unwrap();
    v.assert_emitted(&Transfer { from: w.curator, to: bob, tokenId: id });
    assert_eq!(v.sender(bob).owner_of(id).motsu_unwrap(), bob);
    assert_eq!(v.sender(bob).get_approved(id).motsu_unwrap(), Address::ZERO, "approval cleared");
    assert_eq!(v.sender(bob).balance_of(w.curator).motsu_unwrap(), U256::ZERO);
    // Operators.
    let err = v.sender(bob).set_approval_for_all(Address::ZERO, true).motsu_unwrap_err();
    assert_error(err, ERC721InvalidOperator { operator: Address::ZERO });
    v.sender(bob).set_approval_for_all(carol, true).motsu_unwrap();
    v.assert_emitted(&ApprovalForAll { owner: bob, operator: carol, approved: true });
    assert!(v.sender(alice).is_approved_for_all(bob, carol));
    // An operator may approve and transfer; both safeTransferFrom forms work.
    v.sender(carol).approve(alice, id).motsu_unwrap();
    v.sender(carol).safe_transfer_from(bob, carol, id).motsu_unwrap();
    v.sender(carol).safe_transfer_from_with_data(carol, alice, id, Bytes::from(vec![1u8, 2])).motsu_unwrap();
    assert_eq!(v.sender(bob).owner_of(id).motsu_unwrap(), alice);
    // The steward council's size follows minting and burning, not transfers.
    assert_eq!(v.sender(bob).live_stewards(), U256::from(1));
}
