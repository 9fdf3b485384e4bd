//! EIP-2612 permit and the EIP-712 domain.
use alloy_primitives::{keccak256, Address, B256, U256};
use alloy_signer::SignerSync;
use alloy_sol_types::SolValue;
use atelier_common::clock::test_clock;
use motsu::prelude::*;

use super::*;
use crate::{
    Approval, ECDSAInvalidSignature, ECDSAInvalidSignatureS, ERC2612ExpiredSignature,
    ERC2612InvalidSigner, Error, FractionToken,
};

const DEADLINE: u64 = START + 3_600;
/// Arbitrum One.
const CHAIN_ID: u64 = 42_161;

fn typehash(s: &str) -> B256 {
    keccak256(s.as_bytes())
}

/// The domain separator computed independently of the contract.
fn expected_domain(token: Address) -> B256 {
    keccak256(
        (
            typehash("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
            keccak256("Atelier Shares"),
            keccak256("1"),
            U256::from(CHAIN_ID),
            token,
        )
            .abi_encode(),
    )
}

/// (v, r, s) of `signer`'s permit.
fn sign(
    token: &Contract<FractionToken>,
    signer: &Account,
    owner: Address,
    spender: Address,
    value: U256,
    nonce: U256,
    deadline: u64,
) -> (u8, B256, B256) {
    let struct_hash = keccak256(
        (
            typehash("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
            owner,
            spender,
            value,
            nonce,
            U256::from(deadline),
        )
            .abi_encode(),
    );
    let mut preimage = vec![0x19, 0x01];
    preimage.extend_from_slice(expected_domain(token.address()).as_slice());
    preimage.extend_from_slice(struct_hash.as_slice());
    let signature = signer
        .signer()
        .sign_hash_sync(&keccak256(preimage))
        .expect("sign");
    let v = u8::from(signature.recid()) + 27;
    (v, signature.r().into(), signature.s().into())
}

#[motsu::test]
fn domain_separator_is_eip712(token: Contract<FractionToken>, treasury: Address, alice: Address) {
    VM::context().set_chain_id(CHAIN_ID);
    wired(&token, treasury);
    assert_eq!(
        token.sender(alice).domain_separator(),
        expected_domain(token.address())
    );
}

/// ERC-5267: the domain a wallet reads back is the one the separator hashes.
#[motsu::test]
fn eip712_domain_describes_the_separator(token: Contract<FractionToken>, treasury: Address, alice: Address) {
    VM::context().set_chain_id(CHAIN_ID);
    wired(&token, treasury);
    let (fields, name, version, chain_id, contract, salt, extensions) = token.sender(alice).eip712_domain().0;
    assert_eq!(fields.0, [0x0f], "name, version, chainId, verifyingContract");
    assert_eq!((name.as_str(), version.as_str()), ("Atelier Shares", "1"));
    assert_eq!((chain_id, contract, salt), (U256::from(CHAIN_ID), token.address(), B256::ZERO));
    assert!(extensions.is_empty());
    let typehash = keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    let mut preimage = typehash.to_vec();
    preimage.extend_from_slice(keccak256(name.as_bytes()).as_slice());
    preimage.extend_from_slice(keccak256(version.as_bytes()).as_slice());
    preimage.extend_from_slice(&chain_id.to_be_bytes::<32>());
    preimage.extend_from_slice(contract.into_word().as_slice());
    assert_eq!(keccak256(preimage), token.sender(alice).domain_separator());
}

#[motsu::test]
fn permit_works_once(
    token: Contract<FractionToken>,
    treasury: Address,
    alice: Account,
    bob: Address,
) {
    VM::context().set_chain_id(CHAIN_ID);
    wired(&token, treasury);
    let owner = alice.address();
    let value = shares(5);
    assert_eq!(token.sender(bob).nonces(owner), U256::ZERO);
    let (v, r, s) = sign(&token, &alice, owner, bob, value, U256::ZERO, DEADLINE);
    token
        .sender(bob)
        .permit(owner, bob, value, U256::from(DEADLINE), v, r, s)
        .motsu_unwrap();
    assert_eq!(token.sender(bob).allowance(owner, bob), value);
    assert_eq!(token.sender(bob).nonces(owner), U256::from(1u8));
    token.assert_emitted(&Approval {
        owner,
        spender: bob,
        value,
    });

    // Replaying it: the nonce moved on, so the digest recovers someone else.
    let err = token
        .sender(bob)
        .permit(owner, bob, value, U256::from(DEADLINE), v, r, s)
        .motsu_unwrap_err();
    assert!(
        matches!(err, Error::InvalidSigner(ERC2612InvalidSigner { owner: o, signer }) if o == owner && signer != owner)
    );
    assert_eq!(token.sender(bob).nonces(owner), U256::from(1u8));
}

#[motsu::test]
fn permit_refuses_a_wrong_signer(
    token: Contract<FractionToken>,
    treasury: Address,
    alice: Account,
    mallory: Account,
    bob: Address,
) {
    VM::context().set_chain_id(CHAIN_ID);
    wired(&token, treasury);
    let owner = alice.address();
    let (v, r, s) = sign(&token, &mallory, owner, bob, SHARE, U256::ZERO, DEADLINE);
    let err = token
        .sender(bob)
        .permit(owner, bob, SHARE, U256::from(DEADLINE), v, r, s)
        .motsu_unwrap_err();
    assert!(
        matches!(err, Error::InvalidSigner(ERC2612InvalidSigner { signer, owner: o })
        if signer == mallory.address() && o == owner)
    );
    assert_eq!(token.sender(bob).allowance(owner, bob), U256::ZERO);
}

#[motsu::test]
fn permit_refuses_an_expired_deadline(
    token: Contract<FractionToken>,
    treasury: Address,
    alice: Account,
    bob: Address,
) {
    VM::context().set_chain_id(CHAIN_ID);
    wired(&token, treasury);
    let owner = alice.address();
    let (v, r, s) = sign(&token, &alice, owner, bob, SHARE, U256::ZERO, DEADLINE);
    test_clock::set(DEADLINE + 1);
    let err = token
        .sender(bob)
        .permit(owner, bob, SHARE, U256::from(DEADLINE), v, r, s)
        .motsu_unwrap_err();
    assert!(
        matches!(err, Error::ExpiredSignature(ERC2612ExpiredSignature { deadline }) if deadline == U256::from(DEADLINE))
    );
    // Valid up to and including the deadline.
    test_clock::set(DEADLINE);
    token
        .sender(bob)
        .permit(owner, bob, SHARE, U256::from(DEADLINE), v, r, s)
        .motsu_unwrap();
}

#[motsu::test]
fn permit_refuses_malformed_signatures(
    token: Contract<FractionToken>,
    treasury: Address,
    alice: Account,
    bob: Address,
) {
    VM::context().set_chain_id(CHAIN_ID);
    wired(&token, treasury);
    let owner = alice.address();
    let (v, r, s) = sign(&token, &alice, owner, bob, SHARE, U256::ZERO, DEADLINE);
    let err = token
        .sender(bob)
        .permit(owner, bob, SHARE, U256::from(DEADLINE), 0, r, s)
        .motsu_unwrap_err();
    assert!(matches!(
        err,
        Error::InvalidSignature(ECDSAInvalidSignature {})
    ));
    // The malleable twin (n - s, flipped v) is refused.
    let n = U256::from_be_bytes(alloy_primitives::hex!(
        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141"
    ));
    let high_s = B256::from(n - U256::from_be_bytes(s.0));
    let err = token
        .sender(bob)
        .permit(owner, bob, SHARE, U256::from(DEADLINE), 55 - v, r, high_s)
        .motsu_unwrap_err();
    assert!(matches!(err, Error::InvalidSignatureS(ECDSAInvalidSignatureS { s }) if s == high_s));
    // Zero spender.
    let (v, r, s) = sign(
        &token,
        &alice,
        owner,
        Address::ZERO,
        SHARE,
        U256::ZERO,
        DEADLINE,
    );
    let err = token
        .sender(bob)
        .permit(owner, Address::ZERO, SHARE, U256::from(DEADLINE), v, r, s)
        .motsu_unwrap_err();
    assert!(matches!(err, Error::InvalidSpender(_)));
}
