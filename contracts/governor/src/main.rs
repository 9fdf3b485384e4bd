//! `cargo run -p atelier-governor --features export-abi --bin atelier-governor-abi -- <abi-dir>`
//! writes `ArtGovernor.sol` and `ArtGovernor.json` (see scripts/export-abi).
#![cfg_attr(not(any(test, feature = "export-abi")), no_main)]

#[cfg(feature = "export-abi")]
fn main() {
    atelier_common::abi_export::main::<atelier_governor::ArtGovernor>(atelier_governor::ABI_ITEMS);
}
