//! EIP-712 signatures for `permit` (EIP-2612) and `delegateBySig`.
//!
//! The domain is `EIP712Domain(name, "1", chainId, this)` with the token's
//! runtime name, as OpenZeppelin Solidity's ERC20Permit builds it, so wallets
//! that derive the domain from `name()` sign what this contract checks.
use alloy_primitives::{address, uint, Address, B256, U256};
use stylus_sdk::{keccak_const::Keccak256, prelude::*};

use crate::{abi::*, short_string, Error, FractionToken};

/// The `ecrecover` precompile.
const ECRECOVER: Address = address!("0000000000000000000000000000000000000001");
/// Largest non-malleable `s` (secp256k1 order / 2), as OpenZeppelin's ECDSA.
const S_MAX: U256 = uint!(0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0_U256);

/// `keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)")`.
pub const DOMAIN_TYPEHASH: [u8; 32] = Keccak256::new()
    .update(b"EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)")
    .finalize();
/// `keccak256("1")`: the domain version.
pub const VERSION_HASH: [u8; 32] = Keccak256::new().update(b"1").finalize();
/// EIP-2612's permit struct type hash.
pub const PERMIT_TYPEHASH: [u8; 32] = Keccak256::new()
    .update(b"Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)")
    .finalize();

/// A 32-byte ABI word.
pub trait Word {
    /// The value as its `abi.encode` word.
    fn word(self) -> B256;
}

impl Word for Address {
    fn word(self) -> B256 {
        self.into_word()
    }
}

impl Word for U256 {
    fn word(self) -> B256 {
        B256::from(self)
    }
}

impl Word for [u8; 32] {
    fn word(self) -> B256 {
        B256::from(self)
    }
}

impl FractionToken {
    /// `keccak256(abi.encode(words...))` of six words (EIP-712 structs here
    /// have at most six fields; unused words must be left off by `len`).
    pub(crate) fn hash_words(&self, words: [B256; 6], len: usize) -> B256 {
        let mut bytes = [0u8; 192];
        for (chunk, word) in bytes.chunks_exact_mut(32).zip(words) {
            chunk.copy_from_slice(word.as_slice());
        }
        self.vm()
            .native_keccak256(bytes.get(..len * 32).unwrap_or_default())
    }

    /// The EIP-712 domain separator for this chain and address. The name's
    /// hash is taken from the packed name slot on the fly (a keccak of at most
    /// 31 bytes costs less than reading a stored hash).
    pub(crate) fn domain_separator_v4(&self) -> B256 {
        let vm = self.vm();
        let name = self.name.get();
        let len = usize::from(name[short_string::MAX_LEN]).min(short_string::MAX_LEN);
        self.hash_words(
            [
                DOMAIN_TYPEHASH.word(),
                vm.native_keccak256(name.get(..len).unwrap_or_default()),
                VERSION_HASH.word(),
                U256::from(vm.chain_id()).word(),
                vm.contract_address().word(),
                B256::ZERO,
            ],
            5,
        )
    }

    /// The signer of the typed-data hash of `struct_hash`.
    pub(crate) fn typed_data_signer(
        &self,
        struct_hash: B256,
        v: u8,
        r: B256,
        s: B256,
    ) -> Result<Address, Error> {
        let mut preimage = [0u8; 66];
        preimage[0] = 0x19;
        preimage[1] = 0x01;
        preimage[2..34].copy_from_slice(self.domain_separator_v4().as_slice());
        preimage[34..].copy_from_slice(struct_hash.as_slice());
        let digest = self.vm().native_keccak256(&preimage);
        self.recover(digest, v, r, s)
    }

    /// `ecrecover(digest, v, r, s)` with OpenZeppelin ECDSA's checks: `s` in
    /// the lower half order, and a non-zero signer (bad `v` or an invalid
    /// signature recover to nothing).
    fn recover(&self, digest: B256, v: u8, r: B256, s: B256) -> Result<Address, Error> {
        if U256::from_be_bytes(s.0) > S_MAX {
            return Err(Error::InvalidSignatureS(ECDSAInvalidSignatureS { s }));
        }
        let mut input = [0u8; 128];
        input[..32].copy_from_slice(digest.as_slice());
        input[63] = v;
        input[64..96].copy_from_slice(r.as_slice());
        input[96..].copy_from_slice(s.as_slice());
        let output = self
            .vm()
            .static_call(&self, ECRECOVER, &input)
            .unwrap_or_default();
        let signer = output
            .get(12..32)
            .map(Address::from_slice)
            .unwrap_or_default();
        if signer.is_zero() {
            return Err(Error::InvalidSignature(ECDSAInvalidSignature {}));
        }
        Ok(signer)
    }
}
