//! `cargo run -p atelier-curation --features export-abi --bin atelier-curation-abi -- <abi-dir>`
//! writes `CurationRegistry.sol` and `CurationRegistry.json` (see scripts/export-abi).
#![cfg_attr(not(any(test, feature = "export-abi")), no_main)]

#[cfg(feature = "export-abi")]
fn main() {
    atelier_common::abi_export::main::<atelier_curation::CurationRegistry>(
        atelier_curation::ABI_ITEMS,
    );
}
