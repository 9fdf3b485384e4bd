//! Constructor, `initialize`, `endBootstrap`, `wiring`.
use alloy_primitives::{Address, U256};
use atelier_common::errors::{AlreadyInitialized, NotInitialized, ParamOutOfBounds, Unauthorized, ZeroAddress};
use atelier_common::params::vault::REDEEM_FEE_BPS;
use motsu::prelude::*;

use super::*;
use crate::{BootstrapClosed, BootstrapEnded, Initialized, ParamSet};

#[motsu::test]
fn constructor_refuses_zero_admin() {
    let _w = World::deployed();
    let vault = Contract::<ArtVault>::new();
    let err = vault.sender(Address::from_tag("x")).constructor(Address::ZERO).motsu_unwrap_err();
    assert_error(err, ZeroAddress {});
}

#[motsu::test]
fn initialize_wires_once_by_admin() {
    let w = World::deployed();
    let stranger = Address::from_tag("stranger");
    let err = w
        .vault
        .sender(stranger)
        .initialize(w.token.address(), w.registry.address(), w.treasury.address(), w.governor, w.curator, String::new().into(), U256::ZERO)
        .motsu_unwrap_err();
    assert_error(err, Unauthorized { caller: stranger });
    let err = w
        .vault
        .sender(w.admin)
        .initialize(w.token.address(), Address::ZERO, w.treasury.address(), w.governor, w.curator, String::new().into(), U256::ZERO)
        .motsu_unwrap_err();
    assert_error(err, ZeroAddress {});
    let err = w
        .vault
        .sender(w.admin)
        .initialize(w.token.address(), w.registry.address(), w.treasury.address(), w.governor, w.curator, String::new().into(), U256::from(5_001))
        .motsu_unwrap_err();
    assert_error(
        err,
        ParamOutOfBounds { key: REDEEM_FEE_BPS, value: U256::from(5_001), min: U256::ZERO, max: U256::from(5_000) },
    );
    // Nothing wired yet: deposits are refused.
    w.mint_approved(w.curator, 1);
    assert_error(w.deposit(w.curator, 1).motsu_unwrap_err(), NotInitialized {});

    w.initialize().motsu_unwrap();
    w.vault.assert_emitted(&Initialized {
        token: w.token.address(),
        registry: w.registry.address(),
        treasury: w.treasury.address(),
        governor: w.governor,
        genesisCurator: w.curator,
    });
    w.vault.assert_emitted(&ParamSet { key: REDEEM_FEE_BPS, value: U256::from(FEE_BPS) });
    assert_eq!(
        w.vault.sender(stranger).wiring(),
        (w.token.address(), w.registry.address(), w.treasury.address(), w.governor, w.curator)
    );
    // Once: the admin is cleared.
    assert_error(w.initialize().motsu_unwrap_err(), AlreadyInitialized {});
}

#[motsu::test]
fn end_bootstrap_is_curator_only_and_one_way() {
    let w = World::new();
    let stranger = Address::from_tag("stranger");
    let err = w.vault.sender(stranger).end_bootstrap().motsu_unwrap_err();
    assert_error(err, Unauthorized { caller: stranger });
    w.vault.sender(w.curator).end_bootstrap().motsu_unwrap();
    w.vault.assert_emitted(&BootstrapEnded {});
    let err = w.vault.sender(w.curator).end_bootstrap().motsu_unwrap_err();
    assert_error(err, BootstrapClosed {});
}
