//! motsu tests: the vault wired to the real FractionToken, CurationRegistry and
//! Treasury, a test ERC-721 collection, and a stub standing for the governor
//! (its `state` is set by the test; the governor contract's own tests drive the
//! vault end to end).
#![allow(clippy::unreadable_literal)]

mod custody;
mod errors;
mod executor;
mod redeem;
mod steward;
mod wiring;

use alloc::{string::String, vec::Vec};
use std::sync::{Mutex, MutexGuard, PoisonError};

use alloy_primitives::{uint, Address, B256, U256};
use alloy_sol_types::SolValue;
use atelier_common::clock::test_clock;
use atelier_curation::CurationRegistry;
use atelier_fraction::FractionToken;
use atelier_treasury::Treasury;
use motsu::prelude::*;
use stylus_sdk::{
    abi::Bytes,
    prelude::*,
    storage::{StorageMap, StorageU256},
};

use crate::{ArtVault, Error};

/// A whole share (18 decimals).
pub const SHARE: U256 = uint!(1_000_000_000_000_000_000_U256);
/// One ether.
pub const ETH: U256 = uint!(1_000_000_000_000_000_000_U256);
/// The clock at the start of every test.
pub const T0: u64 = 1_800_000_000;
/// Redemption fee at `initialize`: 2.5 %.
pub const FEE_BPS: u64 = 250;
/// Steward base URI.
pub const BASE_URI: &str = "ipfs://steward/";

/// `n` whole shares.
pub fn shares(n: u64) -> U256 {
    SHARE * U256::from(n)
}

/// `n` ether.
pub fn eth(n: u64) -> U256 {
    ETH * U256::from(n)
}

/// A distinct non-zero word.
pub fn word(n: u64) -> B256 {
    U256::from(n).into()
}

/// Asserts `err` is exactly `expected` (same ABI-encoded custom error).
#[track_caller]
pub fn assert_error(err: Error, expected: impl Into<Error>) {
    let expected = expected.into();
    let shown = format!("{err:?} vs {expected:?}");
    assert_eq!(Vec::<u8>::from(err), Vec::<u8>::from(expected), "{shown}");
}

/// `err` is the callee's own error `E`, passed through (`Error::Callee`).
pub fn assert_callee_error<E: alloy_sol_types::SolError>(err: Error) {
    match &err {
        Error::Callee(data) if data.get(..4) == Some(&E::SELECTOR[..]) => {}
        _ => panic!("want the callee's {}, got {err:?}", E::SIGNATURE),
    }
}

/// Serializes this crate's motsu tests: motsu 0.10 shares its state maps
/// between test threads and panics when a lock is held too long on a loaded
/// machine (see the registry's tests).
static SERIAL: Mutex<()> = Mutex::new(());

pub use atelier_testkit::{ArtCollection as TestNft, Wallet};

/// The governor as the vault sees it: each artwork's lock end, set by the test.
#[storage]
pub struct GovernorStub {
    locks: StorageMap<U256, StorageU256>,
}

unsafe impl TopLevelStorage for GovernorStub {}

#[public]
impl GovernorStub {
    pub fn locked_until(&self, artwork_id: U256) -> U256 {
        self.locks.get(artwork_id)
    }

    pub fn set_locked_until(&mut self, artwork_id: U256, until: U256) {
        self.locks.setter(artwork_id).set(until);
    }
}

/// The vault's collective: the real token, registry and treasury.
pub struct World {
    pub vault: Contract<ArtVault>,
    pub token: Contract<FractionToken>,
    pub registry: Contract<CurationRegistry>,
    pub treasury: Contract<Treasury>,
    pub nft: Contract<TestNft>,
    pub gov: Contract<GovernorStub>,
    pub admin: Address,
    pub governor: Address,
    pub curator: Address,
    pub acquirer: Address,
    pub artist: Address,
    _serial: MutexGuard<'static, ()>,
}

impl World {
    /// Everything deployed and wired except the vault (constructed only).
    pub fn deployed() -> Self {
        let serial = SERIAL.lock().unwrap_or_else(PoisonError::into_inner);
        test_clock::set(T0);
        let gov = Contract::<GovernorStub>::new();
        let governor = gov.address();
        let w = World {
            vault: Contract::new(),
            token: Contract::new(),
            registry: Contract::new(),
            treasury: Contract::new(),
            nft: Contract::new(),
            gov,
            admin: Address::from_tag("admin"),
            governor,
            curator: Address::from_tag("curator"),
            acquirer: Address::from_tag("acquirer"),
            artist: Address::from_tag("artist"),
            _serial: serial,
        };
        let (admin, vault) = (w.admin, w.vault.address());
        w.vault.sender(admin).constructor(admin).motsu_unwrap();
        w.token.sender(admin).constructor(admin).motsu_unwrap();
        w.token
            .sender(admin)
            .initialize(
                "Atelier Shares".into(),
                "ATL".into(),
                vault,
                w.treasury.address(),
                w.registry.address(),
                Address::from_tag("keeper"),
                uint!(10_000_000_000_000_000_U256),
                uint!(200_000_000_000_000_000_U256),
                shares(100),
                U256::from(T0),
                uint!(500_000_000_000_000_000_U256),
                uint!(2_000_000_000_000_000_000_U256),
                uint!(100_000_000_000_000_000_U256),
                U256::from(3_600),
                shares(1_000_000),
            )
            .motsu_unwrap();
        w.registry.sender(admin).constructor(admin).motsu_unwrap();
        w.registry
            .sender(admin)
            .initialize(
                w.token.address(),
                vault,
                w.treasury.address(),
                shares(100),
                U256::from(86_400),
                U256::from(3 * 86_400),
                U256::from(7 * 86_400),
            )
            .motsu_unwrap();
        w.treasury.sender(admin).constructor(admin).motsu_unwrap();
        let u = U256::from;
        w.treasury
            .sender(admin)
            .initialize(
                w.token.address(),
                w.registry.address(),
                vault,
                w.acquirer,
                u(4_000),
                u(3_000),
                u(2_000),
                u(86_400),
                eth(1),
                u(43_200),
                u(5_000),
                u(10_000),
                eth(5),
                eth(8),
            )
            .motsu_unwrap();
        w
    }

    /// `initialize` of the vault with the default wiring.
    pub fn initialize(&self) -> Result<(), Error> {
        self.vault.sender(self.admin).initialize(
            self.token.address(),
            self.registry.address(),
            self.treasury.address(),
            self.governor,
            self.curator,
            BASE_URI.into(),
            U256::from(FEE_BPS),
        )
    }

    /// Deployed and wired.
    pub fn new() -> Self {
        let w = Self::deployed();
        w.initialize().motsu_unwrap();
        w
    }

    /// The provenance of token `n`: (seed, modelId, promptHash, artist, uri).
    pub fn provenance(&self, n: u64) -> (B256, B256, B256, Address, String) {
        (word(1_000 + n), word(2_000 + n), word(3_000 + n), self.artist, format!("ar://art/{n}"))
    }

    /// `abi.encode(provenance(n))`: the `onERC721Received` data.
    pub fn encoded(&self, n: u64) -> Bytes {
        Bytes::from(self.provenance(n).abi_encode_params())
    }

    /// Mints token `n` to `owner` and approves the vault for it.
    pub fn mint_approved(&self, owner: Address, n: u64) {
        self.nft.sender(owner).mint(owner, U256::from(n)).motsu_unwrap();
        self.nft.sender(owner).approve(self.vault.address(), U256::from(n)).motsu_unwrap();
    }

    /// `from` deposits token `n` with `deposit` (pulling).
    pub fn deposit(&self, from: Address, n: u64) -> Result<U256, Error> {
        let (seed, model, prompt, artist, uri) = self.provenance(n);
        self.vault.sender(from).deposit(self.nft.address(), U256::from(n), seed, model, prompt, artist, uri.into())
    }

    /// The curator mints token `n` and deposits it (bootstrap); returns the artwork id.
    pub fn genesis(&self, n: u64) -> U256 {
        self.mint_approved(self.curator, n);
        self.deposit(self.curator, n).motsu_unwrap()
    }

    /// The governor approves the listing of token `n` for `depositor`.
    pub fn list(&self, n: u64, depositor: Address, amount: U256) {
        self.vault
            .sender(self.governor)
            .execute_action(crate::executor::APPROVE_LISTING, self.nft.address(), depositor, U256::from(n), amount)
            .motsu_unwrap();
    }

    /// Sends `amount` wei of revenue to the treasury (split into its buckets).
    pub fn revenue(&self, amount: U256) {
        let payer = Address::from_tag("payer");
        payer.fund(amount);
        self.treasury.sender_and_value(payer, amount).receive().motsu_unwrap();
    }

    /// Shares of `who`.
    pub fn shares_of(&self, who: Address) -> U256 {
        self.token.sender(who).balance_of(who)
    }

    /// The artwork's owner in the test collection.
    pub fn nft_owner(&self, n: u64) -> Address {
        self.nft.sender(self.admin).owner_of(U256::from(n)).motsu_unwrap()
    }
}
