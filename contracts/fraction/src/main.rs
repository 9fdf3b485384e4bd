//! `cargo run -p atelier-fraction --features export-abi --bin atelier-fraction-abi -- <abi-dir>`
//! writes `FractionToken.sol` and `FractionToken.json` (see scripts/export-abi).
#![cfg_attr(not(any(test, feature = "export-abi")), no_main)]

#[cfg(feature = "export-abi")]
fn main() {
    atelier_common::abi_export::main::<atelier_fraction::FractionToken>(
        atelier_fraction::ABI_ITEMS,
    );
}
