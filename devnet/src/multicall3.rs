//! Multicall3 at its canonical address, in the genesis state (viem's `multicall`,
//! ethers' and web3.py's multicall helpers look for it there).
//!
//! The runtime code is Multicall3 (MIT, github.com/mds1/multicall) as viem 2.57.0 ships
//! it for its deployless multicall (`multicall3Bytecode` in `viem/constants/contracts`,
//! the creation code; `multicall3.runtime.hex` is the runtime part it returns). It is
//! the same source and ABI as the mainnet deployment, compiled with other settings, so
//! its code hash differs from mainnet's.

use alloy_primitives::{address, Address, Bytes};
use revm::primitives::{AccountInfo, Bytecode};

use crate::exec::BaseDb;

/// Multicall3's address on every chain.
pub const ADDRESS: Address = address!("cA11bde05977b3631167028862bE2a173976CA11");

const RUNTIME_HEX: &str = include_str!("multicall3.runtime.hex");

/// The runtime code.
pub fn runtime() -> Bytes {
    RUNTIME_HEX.trim().parse().expect("constant hex")
}

/// Puts Multicall3's code at [`ADDRESS`].
pub fn predeploy(db: &mut BaseDb) {
    let code = Bytecode::new_raw(runtime());
    db.insert_account_info(
        ADDRESS,
        AccountInfo {
            nonce: 1,
            code_hash: code.hash_slow(),
            code: Some(code),
            ..Default::default()
        },
    );
}
