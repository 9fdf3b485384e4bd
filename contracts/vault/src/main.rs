//! `cargo run -p atelier-vault --features export-abi --bin atelier-vault-abi -- <abi-dir>`
//! writes `ArtVault.sol` and `ArtVault.json` (see scripts/export-abi).
#![cfg_attr(not(any(test, feature = "export-abi")), no_main)]

#[cfg(feature = "export-abi")]
fn main() {
    atelier_common::abi_export::main::<atelier_vault::ArtVault>(atelier_vault::ABI_ITEMS);
}
