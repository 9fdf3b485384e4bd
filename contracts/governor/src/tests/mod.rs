//! motsu tests: the governor over the real ArtVault, FractionToken,
//! CurationRegistry and Treasury, with a test ERC-721 collection. `World::new`
//! holds three genesis artworks (steward tokens 1..=3 with the curator) and
//! three voters with delegated votes; the clock then stands one second later.
#![allow(clippy::unreadable_literal)]

mod actions;
mod attacks;
mod errors;
mod lifecycle;
mod proposing;
mod red_team_license;
mod record;
mod tallies;
mod votes;
mod wiring;

use alloc::{string::String, vec, vec::Vec};
use core::fmt::Debug;
use std::sync::{Mutex, MutexGuard, PoisonError};

use alloy_primitives::{keccak256, uint, Address, B256, U256};
use atelier_common::clock::test_clock;
use atelier_common::abi::Text;
use atelier_curation::CurationRegistry;
use atelier_fraction::FractionToken;
use atelier_treasury::Treasury;
use atelier_vault::ArtVault;
use motsu::prelude::*;
use stylus_sdk::prelude::*;

use crate::{actions::kind, types::Action, ArtGovernor};

/// A whole share (18 decimals).
pub const SHARE: U256 = uint!(1_000_000_000_000_000_000_U256);
/// One ether.
pub const ETH: U256 = uint!(1_000_000_000_000_000_000_U256);
/// The clock when the world is built.
pub const T0: u64 = 1_800_000_000;
pub const VOTING_DELAY: u64 = 100;
pub const VOTING_PERIOD: u64 = 1_000;
pub const TIMELOCK: u64 = 500;
pub const GRACE: u64 = 700;
/// Late-quorum extension.
pub const EXTENSION: u64 = 200;
/// 10 % of the past total supply.
pub const QUORUM_BPS: u64 = 1_000;
/// The vault's redemption fee.
pub const FEE_BPS: u64 = 250;
pub const DESC: &str = "proposal";

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

pub fn u(n: u64) -> U256 {
    U256::from(n)
}

/// Asserts `err` is exactly `expected` (same ABI-encoded custom error).
#[track_caller]
pub fn assert_error<E: Debug + Into<Vec<u8>>>(err: E, expected: impl Into<E>) {
    let expected = expected.into();
    let shown = format!("{err:?} vs {expected:?}");
    assert_eq!(err.into(), expected.into(), "{shown}");
}

/// Serializes this crate's motsu tests (motsu 0.10 shares its state maps
/// between threads and panics on a long-held lock under load).
static SERIAL: Mutex<()> = Mutex::new(());

pub use atelier_testkit::{ArtCollection as TestNft, Wallet};

/// A contract that refuses ETH.
#[storage]
pub struct Refuser;

unsafe impl TopLevelStorage for Refuser {}

#[public]
impl Refuser {
    #[receive]
    pub fn receive(&mut self) -> Result<(), Vec<u8>> {
        Err(b"no".to_vec())
    }
}

/// The whole collective.
pub struct World {
    pub gov: Contract<ArtGovernor>,
    pub vault: Contract<ArtVault>,
    pub token: Contract<FractionToken>,
    pub registry: Contract<CurationRegistry>,
    pub treasury: Contract<Treasury>,
    pub nft: Contract<TestNft>,
    pub admin: Address,
    pub curator: Address,
    pub acquirer: Address,
    /// 300 shares, delegated to herself.
    pub alice: Address,
    /// 200 shares, delegated to himself.
    pub bob: Address,
    /// No shares.
    pub stranger: Address,
    _serial: MutexGuard<'static, ()>,
}

impl World {
    /// Every contract deployed and wired but the governor (constructed only).
    pub fn deployed() -> Self {
        let serial = SERIAL.lock().unwrap_or_else(PoisonError::into_inner);
        test_clock::set(T0);
        let w = World {
            gov: Contract::new(),
            vault: Contract::new(),
            token: Contract::new(),
            registry: Contract::new(),
            treasury: Contract::new(),
            nft: Contract::new(),
            admin: Address::from_tag("admin"),
            curator: Address::from_tag("curator"),
            acquirer: Address::from_tag("acquirer"),
            alice: Address::from_tag("alice"),
            bob: Address::from_tag("bob"),
            stranger: Address::from_tag("stranger"),
            _serial: serial,
        };
        let (admin, vault) = (w.admin, w.vault.address());
        w.gov.sender(admin).constructor(admin).motsu_unwrap();
        w.vault.sender(admin).constructor(admin).motsu_unwrap();
        w.vault
            .sender(admin)
            .initialize(
                w.token.address(),
                w.registry.address(),
                w.treasury.address(),
                w.gov.address(),
                w.curator,
                Text::from("ipfs://steward/"),
                u(FEE_BPS),
            )
            .motsu_unwrap();
        w.token.sender(admin).constructor(admin).motsu_unwrap();
        w.token
            .sender(admin)
            .initialize(
                Text::from("Atelier Shares"),
                Text::from("ATL"),
                vault,
                w.treasury.address(),
                w.registry.address(),
                Address::from_tag("keeper"),
                uint!(10_000_000_000_000_000_U256),
                uint!(200_000_000_000_000_000_U256),
                shares(100),
                u(T0),
                uint!(500_000_000_000_000_000_U256),
                uint!(2_000_000_000_000_000_000_U256),
                uint!(100_000_000_000_000_000_U256),
                u(3_600),
                shares(1_000_000),
            )
            .motsu_unwrap();
        w.registry.sender(admin).constructor(admin).motsu_unwrap();
        w.registry
            .sender(admin)
            .initialize(w.token.address(), vault, w.treasury.address(), shares(100), u(86_400), u(3 * 86_400), u(7 * 86_400))
            .motsu_unwrap();
        w.treasury.sender(admin).constructor(admin).motsu_unwrap();
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

    /// The governor's `initialize` with the default parameters and `treasury`.
    pub fn init_governor(&self, treasury: Address) -> Result<(), crate::Error> {
        self.gov.sender(self.admin).initialize(
            self.vault.address(),
            self.token.address(),
            self.registry.address(),
            treasury,
            u(VOTING_DELAY),
            u(VOTING_PERIOD),
            u(TIMELOCK),
            u(QUORUM_BPS),
            shares(100),
            shares(50),
            u(GRACE),
            u(EXTENSION),
        )
    }

    /// Wired, three genesis artworks, voters funded and delegated; clock T0 + 1.
    pub fn new() -> Self {
        let w = Self::deployed();
        let treasury = w.treasury.address();
        w.init_governor(treasury).motsu_unwrap();
        w.populate();
        w
    }

    /// `new`, but the governor forwards license fees to a contract refusing ETH.
    pub fn with_refusing_treasury(refuser: Address) -> Self {
        let w = Self::deployed();
        w.init_governor(refuser).motsu_unwrap();
        w.populate();
        w
    }

    fn populate(&self) {
        for n in 1..=3 {
            self.genesis(n);
        }
        self.token.sender(self.curator).delegate(self.curator).motsu_unwrap();
        self.holder(self.alice, shares(300));
        self.holder(self.bob, shares(200));
        test_clock::set(T0 + 1);
    }

    /// The curator sends `amount` shares to `who`, who delegates to itself.
    pub fn holder(&self, who: Address, amount: U256) {
        self.token.sender(self.curator).transfer(who, amount).motsu_unwrap();
        self.token.sender(who).delegate(who).motsu_unwrap();
    }

    /// The provenance of collection token `n`.
    pub fn provenance(&self, n: u64) -> (B256, B256, B256, Address, String) {
        (word(1_000 + n), word(2_000 + n), word(3_000 + n), Address::from_tag("artist"), format!("ar://art/{n}"))
    }

    /// The curator mints and deposits collection token `n` (artwork `n` when in order).
    pub fn genesis(&self, n: u64) -> U256 {
        self.nft.sender(self.curator).mint(self.curator, u(n)).motsu_unwrap();
        self.nft.sender(self.curator).approve(self.vault.address(), u(n)).motsu_unwrap();
        let (seed, model, prompt, artist, uri) = self.provenance(n);
        self.vault
            .sender(self.curator)
            .deposit(self.nft.address(), u(n), seed, model, prompt, artist, uri.into())
            .motsu_unwrap()
    }

    /// `propose(actions, DESC)` by `by`.
    pub fn propose(&self, by: Address, actions: Vec<Action>) -> Result<U256, crate::Error> {
        self.gov.sender(by).propose(actions, DESC.into())
    }

    /// `by` cancels its proposal of `actions` (with the usual description).
    pub fn cancel(&self, by: Address, actions: Vec<Action>) -> Result<U256, crate::Error> {
        self.gov.sender(by).cancel(actions, keccak256(DESC.as_bytes()))
    }

    /// (snapshot, voteEnd, eta, expires) as u64s.
    pub fn times(&self, id: U256) -> (u64, u64, u64, u64) {
        let (_, snapshot, end, eta, expires, _) = self.gov.sender(self.admin).proposal(id);
        (snapshot.to(), end.to(), eta.to(), expires.to())
    }

    pub fn state(&self, id: U256) -> u8 {
        self.gov.sender(self.admin).state(id).motsu_unwrap()
    }

    /// Moves the clock to the first second of voting.
    pub fn to_active(&self, id: U256) {
        test_clock::set(self.times(id).0 + 1);
    }

    /// Moves the clock to the first second after voting.
    pub fn to_end(&self, id: U256) {
        test_clock::set(self.times(id).1 + 1);
    }

    pub fn vote(&self, who: Address, id: U256, support: u8) -> U256 {
        self.gov.sender(who).cast_vote(id, support).motsu_unwrap()
    }

    /// Alice proposes, the curator votes for, it is queued and the timelock
    /// passed: ready to execute. Returns the id.
    pub fn pass(&self, actions: Vec<Action>) -> U256 {
        let id = self.propose(self.alice, actions).motsu_unwrap();
        self.to_active(id);
        self.vote(self.curator, id, 1);
        self.to_end(id);
        self.gov.sender(self.stranger).queue(id).motsu_unwrap();
        test_clock::set(self.times(id).2);
        id
    }

    /// `execute(actions, keccak256(DESC), alice)` by a stranger.
    pub fn execute(&self, actions: Vec<Action>) -> Result<U256, crate::Error> {
        self.gov.sender(self.stranger).execute(actions, keccak256(DESC.as_bytes()), self.alice)
    }

    /// `pass` then `execute`.
    pub fn enact(&self, actions: Vec<Action>) -> U256 {
        let id = self.pass(actions.clone());
        self.execute(actions).motsu_unwrap();
        id
    }

    pub fn shares_of(&self, who: Address) -> U256 {
        self.token.sender(who).balance_of(who)
    }

    pub fn nft_owner(&self, n: u64) -> Address {
        self.nft.sender(self.admin).owner_of(u(n)).motsu_unwrap()
    }

    /// Sends `amount` wei of revenue to the treasury.
    pub fn revenue(&self, amount: U256) {
        let payer = Address::from_tag("payer");
        payer.fund(amount);
        self.treasury.sender_and_value(payer, amount).receive().motsu_unwrap();
    }
}

// ------------------------------------------------------------ actions

pub fn direction(model: B256, prompt: B256, uri: &str) -> Action {
    (kind::SET_CREATIVE_DIRECTION, Address::ZERO, Address::ZERO, U256::ZERO, U256::ZERO, model, prompt, Text::from(uri))
}

pub fn grant(artwork: u64, grantee: Address, until: u64) -> Action {
    (kind::GRANT_EXHIBITION, Address::ZERO, grantee, u(artwork), u(until), B256::ZERO, B256::ZERO, Text::default())
}

pub fn license(artwork: u64, licensee: Address, terms: B256, fee: U256) -> Action {
    (kind::APPROVE_LICENSE, Address::ZERO, licensee, u(artwork), fee, terms, B256::ZERO, Text::default())
}

pub fn listing(collection: Address, token_id: u64, depositor: Address, amount: U256) -> Action {
    (kind::APPROVE_LISTING, collection, depositor, u(token_id), amount, B256::ZERO, B256::ZERO, Text::default())
}

pub fn set_param(target: Address, key: u8, value: U256) -> Action {
    (kind::SET_PARAMS, target, Address::ZERO, u(key as u64), value, B256::ZERO, B256::ZERO, Text::default())
}

pub fn release(artwork: u64, to: Address) -> Action {
    (kind::RELEASE_ARTWORK, Address::ZERO, to, u(artwork), U256::ZERO, B256::ZERO, B256::ZERO, Text::default())
}

pub fn withdraw(to: Address, amount: U256) -> Action {
    (kind::WITHDRAW_RESERVE, Address::ZERO, to, U256::ZERO, amount, B256::ZERO, B256::ZERO, Text::default())
}

/// A harmless one-action list (creative direction `n`).
pub fn simple(n: u64) -> Vec<Action> {
    vec![direction(word(n), word(n + 1), "ipfs://direction")]
}
