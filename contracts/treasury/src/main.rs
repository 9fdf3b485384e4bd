//! `cargo run -p atelier-treasury --features export-abi --bin atelier-treasury-abi -- <abi-dir>`
//! writes `Treasury.sol` and `Treasury.json` (see scripts/export-abi).
#![cfg_attr(not(any(test, feature = "export-abi")), no_main)]

#[cfg(feature = "export-abi")]
fn main() {
    // The SDK does not print `receive`; revenue arrives through it.
    atelier_common::abi_export::main_with::<atelier_treasury::Treasury>(
        atelier_treasury::ABI_ITEMS,
        &["receive() external payable"],
    );
}
