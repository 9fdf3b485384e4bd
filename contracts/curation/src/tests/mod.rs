//! motsu tests: the registry's specification. Time comes from
//! `atelier_common::clock::test_clock`.
#![allow(clippy::unwrap_used, clippy::too_many_lines)]

mod conviction;
mod errors;
mod mock;
mod rewards;
mod seeds;
mod staking;
mod wiring;

use std::sync::{Mutex, MutexGuard, PoisonError};

use alloy_primitives::{uint, Address, FixedBytes, U256};
use atelier_common::clock::test_clock;
use motsu::prelude::*;

use crate::CurationRegistry;
use mock::{MockToken, Wallet};

pub(crate) const T0: u64 = 1_750_000_000;
pub(crate) const DAY: u64 = 86_400;
pub(crate) const COOLDOWN: u64 = DAY;
pub(crate) const HALF_LIFE: u64 = 3 * DAY;
pub(crate) const PERIOD: u64 = 7 * DAY;
/// 1e18: one whole share, or one ether.
pub(crate) const ONE: U256 = uint!(1_000_000_000_000_000_000_U256);
pub(crate) const MIN_SEED_STAKE: U256 = uint!(100_000_000_000_000_000_000_U256);

pub(crate) fn admin() -> Address {
    Address::repeat_byte(0xAD)
}
pub(crate) fn vault() -> Address {
    Address::repeat_byte(0x7A)
}
pub(crate) fn treasury() -> Address {
    Address::repeat_byte(0x7E)
}
pub(crate) fn alice() -> Address {
    Address::repeat_byte(0xA1)
}
pub(crate) fn bob() -> Address {
    Address::repeat_byte(0xB0)
}
pub(crate) fn carol() -> Address {
    Address::repeat_byte(0xC0)
}

/// Whole shares / ether.
pub(crate) fn units(n: u64) -> U256 {
    U256::from(n) * ONE
}

/// A distinct non-zero seed.
pub(crate) fn seed(n: u8) -> FixedBytes<32> {
    FixedBytes::repeat_byte(n)
}

/// Serializes the motsu tests of this crate. motsu 0.10 keeps every test
/// thread's state in shared maps and panics ("storage is locked") when a lock
/// is held for over ~10 ms, which happens on a loaded machine; one world at a
/// time avoids it. Dropped last (it is the last field of [`World`]).
static SERIAL: Mutex<()> = Mutex::new(());

/// A deployed, wired registry and its share token, clock at `T0`.
pub(crate) struct World {
    pub registry: Contract<CurationRegistry>,
    pub token: Contract<MockToken>,
    /// Payable stand-ins at the holders' addresses (see [`Wallet`]).
    _wallets: [Contract<Wallet>; 3],
    _serial: MutexGuard<'static, ()>,
}

impl World {
    /// Deployed and constructed, not initialized.
    pub fn deployed() -> Self {
        let serial = SERIAL.lock().unwrap_or_else(PoisonError::into_inner);
        test_clock::set(T0);
        let world = Self {
            registry: Contract::new(),
            token: Contract::new(),
            _wallets: [alice(), bob(), carol()].map(Contract::new_at),
            _serial: serial,
        };
        world.registry.sender(admin()).constructor(admin()).motsu_unwrap();
        world
    }

    /// Deployed and initialized with the default parameters.
    pub fn new() -> Self {
        Self::with_params(COOLDOWN, HALF_LIFE, PERIOD)
    }

    /// Deployed and initialized with the given time parameters.
    pub fn with_params(cooldown: u64, half_life: u64, period: u64) -> Self {
        let world = Self::deployed();
        world
            .registry
            .sender(admin())
            .initialize(
                world.token.address(),
                vault(),
                treasury(),
                MIN_SEED_STAKE,
                U256::from(cooldown),
                U256::from(half_life),
                U256::from(period),
            )
            .motsu_unwrap();
        world
    }

    /// Mints `amount` shares to `who` (staking needs no approval).
    pub fn fund(&self, who: Address, amount: U256) {
        self.token.sender(who).mint(who, amount);
    }

    /// The vault registers seed `n` (no stake); returns its id.
    pub fn vault_seed(&self, n: u8) -> U256 {
        self.registry
            .sender(vault())
            .register_seed(
                seed(n),
                seed(100),
                seed(200),
                "ipfs://seed".into(),
                U256::ZERO,
            )
            .motsu_unwrap()
    }

    /// Funds `who` and stakes `amount` on `seed_id`.
    pub fn stake(&self, who: Address, seed_id: U256, amount: U256) {
        self.fund(who, amount);
        self.registry
            .sender(who)
            .stake(seed_id, amount)
            .motsu_unwrap();
    }

    /// The treasury streams `amount` wei.
    pub fn notify(&self, amount: U256) {
        treasury().fund(amount);
        self.registry
            .sender_and_value(treasury(), amount)
            .notify_reward()
            .motsu_unwrap();
    }

    pub fn earned(&self, who: Address) -> U256 {
        self.registry.sender(who).earned(who).motsu_unwrap()
    }
}
