//! Treasury tests (motsu, multi-contract). `World` deploys the treasury wired to
//! mock token, registry, vault and an ERC-721 collection, with the parameters
//! below; the per-thread test clock starts at `T0`.
use alloc::vec::Vec;
use alloy_primitives::{uint, Address, U256};
use atelier_common::clock::test_clock;
use motsu::prelude::*;

use crate::{Error, Treasury};
use mocks::{MockNft, MockRegistry, MockToken, MockVault, Wallet};

mod acquisition;
mod buyback;
mod errors;
mod governance;
mod intake;
mod math;
mod mocks;
mod upkeep;
mod wiring;

pub const ETH: U256 = uint!(1_000_000_000_000_000_000_U256);
pub const T0: u64 = 1_800_000_000;
pub const BUYBACK_BPS: u64 = 4_000;
pub const ACQUISITION_BPS: u64 = 3_000;
pub const REWARDS_BPS: u64 = 2_000;
pub const EPOCH: u64 = 86_400;
pub const ROUND: u64 = 43_200;
pub const FLOOR_BPS: u64 = 5_000;
pub const CAP_BPS: u64 = 10_000;
/// Spot price per whole share: 0.01 ETH.
pub const SPOT: U256 = uint!(10_000_000_000_000_000_U256);

pub fn eth(n: u64) -> U256 {
    ETH * U256::from(n)
}

pub fn u(n: u64) -> U256 {
    U256::from(n)
}

/// Minimum buyback: 1 ETH.
pub fn min_buyback() -> U256 {
    eth(1)
}

/// Per-artwork cap: 5 ETH.
pub fn max_price() -> U256 {
    eth(5)
}

/// Acquisition budget per epoch: 8 ETH.
pub fn epoch_budget() -> U256 {
    eth(8)
}

/// Asserts `err` is exactly `expected` (same ABI-encoded custom error).
#[track_caller]
pub fn assert_error(err: Error, expected: impl Into<Error>) {
    let expected = expected.into();
    let shown = format!("{err:?} vs {expected:?}");
    assert_eq!(Vec::<u8>::from(err), Vec::<u8>::from(expected), "{shown}");
}

pub struct World {
    pub treasury: Contract<Treasury>,
    pub token: Contract<MockToken>,
    pub registry: Contract<MockRegistry>,
    pub vault: Contract<MockVault>,
    pub nft: Contract<MockNft>,
    pub admin: Address,
    pub acquirer: Address,
}

impl World {
    /// Deployed but not initialized.
    pub fn deployed() -> Self {
        test_clock::set(T0);
        let w = World {
            treasury: Contract::new(),
            token: Contract::new(),
            registry: Contract::new(),
            vault: Contract::new(),
            nft: Contract::new(),
            admin: Address::random(),
            acquirer: Address::random(),
        };
        w.treasury
            .sender(w.admin)
            .constructor(w.admin)
            .motsu_unwrap();
        w.token.sender(w.admin).set_spot_price(SPOT);
        w
    }

    /// Deployed and initialized with the default parameters.
    pub fn new() -> Self {
        let w = Self::deployed();
        w.initialize_with(BUYBACK_BPS, ACQUISITION_BPS, REWARDS_BPS)
            .motsu_unwrap();
        w
    }

    /// `initialize` with the given split and the default other parameters.
    pub fn initialize_with(
        &self,
        buyback: u64,
        acquisition: u64,
        rewards: u64,
    ) -> Result<(), Error> {
        self.treasury.sender(self.admin).initialize(
            self.token.address(),
            self.registry.address(),
            self.vault.address(),
            self.acquirer,
            u(buyback),
            u(acquisition),
            u(rewards),
            u(EPOCH),
            min_buyback(),
            u(ROUND),
            u(FLOOR_BPS),
            u(CAP_BPS),
            max_price(),
            epoch_budget(),
        )
    }

    /// Sends `amount` wei of revenue from a fresh payer.
    pub fn revenue(&self, amount: U256) -> Address {
        let payer = Address::random();
        payer.fund(amount);
        self.treasury
            .sender_and_value(payer, amount)
            .receive()
            .motsu_unwrap();
        payer
    }

    /// A wallet contract holding `shares` that approved the treasury.
    pub fn holder(&self, shares: U256) -> Contract<Wallet> {
        let wallet = Contract::<Wallet>::new();
        self.token.sender(self.admin).mint(wallet.address(), shares);
        self.token
            .sender(wallet.address())
            .approve(self.treasury.address(), U256::MAX);
        wallet
    }

    pub fn buckets(&self) -> (U256, U256, U256, U256) {
        self.treasury.sender(self.admin).buckets()
    }

    pub fn upkeep(&self) {
        self.treasury
            .sender(Address::random())
            .perform_upkeep(Vec::new().into())
            .motsu_unwrap();
    }

    /// Revenue enough for the buyback bucket to hold `budget`, then upkeep:
    /// a round opens at the current time with exactly `budget`.
    pub fn open_round(&self, budget: U256) {
        let inflow = budget * u(10_000) / u(BUYBACK_BPS);
        self.revenue(inflow);
        assert_eq!(self.buckets().1, budget);
        self.upkeep();
        assert!(self.treasury.sender(self.admin).buyback_round().6);
    }

    /// Everything the treasury accounts for: buckets plus the round's unspent budget.
    pub fn accounted(&self) -> U256 {
        let (r, b, a, w) = self.buckets();
        let round = self.treasury.sender(self.admin).buyback_round();
        let unspent = if round.6 {
            round.1 - round.2
        } else {
            U256::ZERO
        };
        r + b + a + w + unspent
    }
}
