//! Motsu tests: the spec of FractionToken. One file per concern; shared
//! fixtures here.
#![allow(clippy::unreadable_literal)]

mod erc20;
mod errors;
mod locks;
mod params;
mod permit;
mod premium;
mod props;
mod red_team_holder;
mod red_team_supply;
mod sale;
mod votes;
mod wiring;

use alloc::vec::Vec;

use alloy_primitives::{uint, Address, U256};
use atelier_common::clock::test_clock;
use motsu::prelude::*;
use stylus_sdk::prelude::*;

use crate::FractionToken;

/// A whole share.
pub const SHARE: U256 = uint!(1_000_000_000_000_000_000_U256);
/// Sale start: motsu's block time.
pub const START: u64 = test_clock::MOTSU_TIMESTAMP;
/// One day in seconds.
pub const DAY: u64 = 86_400;
/// p0: 0.01 ether per share.
pub const P0: U256 = uint!(10_000_000_000_000_000_U256);
/// k: 20 % a day.
pub const DECAY: U256 = uint!(200_000_000_000_000_000_U256);
/// r: 100 shares a day.
pub const RATE: U256 = uint!(100_000_000_000_000_000_000_U256);
/// Premium box [0.5, 2], step 0.1, every hour.
pub const PREMIUM_MIN: U256 = uint!(500_000_000_000_000_000_U256);
/// See [`PREMIUM_MIN`].
pub const PREMIUM_MAX: U256 = uint!(2_000_000_000_000_000_000_U256);
/// See [`PREMIUM_MIN`].
pub const PREMIUM_STEP: U256 = uint!(100_000_000_000_000_000_U256);
/// See [`PREMIUM_MIN`].
pub const PREMIUM_INTERVAL: u64 = 3_600;
/// Supply cap: one million shares.
pub const MAX_SUPPLY: U256 = uint!(1_000_000_000_000_000_000_000_000_U256);
/// 1e18.
pub const WAD: U256 = SHARE;

/// An account that accepts ETH (treasury, buyers needing refunds); as the
/// treasury it quotes no sale floor.
#[storage]
pub struct Wallet;

unsafe impl TopLevelStorage for Wallet {}

#[public]
impl Wallet {
    #[receive]
    fn receive(&mut self) -> Result<(), Vec<u8>> {
        Ok(())
    }

    fn sale_floor(&self) -> (U256, U256) {
        (U256::ZERO, U256::ZERO)
    }
}

/// An account that refuses ETH (and quotes no sale floor).
#[storage]
pub struct Refuser;

unsafe impl TopLevelStorage for Refuser {}

#[public]
impl Refuser {
    #[receive]
    fn receive(&mut self) -> Result<(), Vec<u8>> {
        Err(b"no".to_vec())
    }

    fn sale_floor(&self) -> (U256, U256) {
        (U256::ZERO, U256::ZERO)
    }
}

/// A treasury that accepts ETH but cannot quote a sale floor.
#[storage]
pub struct Mute;

unsafe impl TopLevelStorage for Mute {}

#[public]
impl Mute {
    #[receive]
    fn receive(&mut self) -> Result<(), Vec<u8>> {
        Ok(())
    }
}

/// The roles of a wired token.
pub struct Roles {
    pub admin: Address,
    pub vault: Address,
    pub treasury: Address,
    pub registry: Address,
    pub keeper: Address,
}

impl Roles {
    pub fn new(treasury: Address) -> Self {
        Self {
            admin: Address::from_tag("admin"),
            vault: Address::from_tag("vault"),
            treasury,
            registry: Address::from_tag("registry"),
            keeper: Address::from_tag("keeper"),
        }
    }
}

/// Deploys (constructor) and initializes `token` with the default parameters.
pub fn setup(token: &Contract<FractionToken>, roles: &Roles) {
    test_clock::set(START);
    token
        .sender(roles.admin)
        .constructor(roles.admin)
        .motsu_unwrap();
    token
        .sender(roles.admin)
        .initialize(
            "Atelier Shares".into(),
            "ATL".into(),
            roles.vault,
            roles.treasury,
            roles.registry,
            roles.keeper,
            P0,
            DECAY,
            RATE,
            U256::from(START),
            PREMIUM_MIN,
            PREMIUM_MAX,
            PREMIUM_STEP,
            U256::from(PREMIUM_INTERVAL),
            MAX_SUPPLY,
        )
        .motsu_unwrap();
}

/// `setup` with `treasury` as the treasury; returns the roles.
pub fn wired(token: &Contract<FractionToken>, treasury: Address) -> Roles {
    let roles = Roles::new(treasury);
    setup(token, &roles);
    roles
}

/// `n` whole shares in share units.
pub fn shares(n: u64) -> U256 {
    U256::from(n) * SHARE
}

/// |a - b| <= tolerance (absolute).
pub fn assert_close(a: U256, b: U256, tolerance: U256) {
    let diff = if a > b { a - b } else { b - a };
    assert!(
        diff <= tolerance,
        "{a} and {b} differ by {diff} > {tolerance}"
    );
}

/// |a - b| <= a / denominator (relative).
pub fn assert_rel(a: U256, b: U256, denominator: u64) {
    assert_close(a, b, a.max(b) / U256::from(denominator));
}
