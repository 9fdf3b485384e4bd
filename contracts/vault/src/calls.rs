//! Calls to the other contracts, ABI-encoded by hand through one raw-call helper.
//!
//! Each typed `sol_interface!` method costs its own encoder and decoder in the
//! binary; the vault's calls only take static words (and one string), so one
//! helper and compile-time selectors keep the vault under Stylus' size limit.
//! The signatures are those of `atelier_common::interfaces`.
use alloc::vec::Vec;
use alloy_primitives::{Address, B256, U256};
use atelier_common::errors::ExternalCallFailed;
use stylus_sdk::{function_selector, prelude::*, stylus_core::calls::context::Call};

use crate::{ArtVault, Error};

/// `IFractionToken.mint(address,uint256)`.
pub const MINT: [u8; 4] = function_selector!("mint", Address, U256);
/// `IFractionToken.totalSupply()`.
pub const TOTAL_SUPPLY: [u8; 4] = function_selector!("totalSupply");
/// `IFractionToken.burnFrom(address,uint256)`.
pub const BURN_FROM: [u8; 4] = function_selector!("burnFrom", Address, U256);
/// `transferFrom(address,address,uint256)`: ERC-20 shares and ERC-721 artworks alike.
pub const TRANSFER_FROM: [u8; 4] = function_selector!("transferFrom", Address, Address, U256);
/// `IErc721Collection.safeTransferFrom(address,address,uint256)`.
pub const SAFE_TRANSFER_FROM: [u8; 4] =
    function_selector!("safeTransferFrom", Address, Address, U256);
/// `IErc721Collection.ownerOf(uint256)`.
pub const OWNER_OF: [u8; 4] = function_selector!("ownerOf", U256);
/// `ICurationRegistry.registerSeed(bytes32,bytes32,bytes32,string,uint256)`.
pub const REGISTER_SEED: [u8; 4] =
    function_selector!("registerSeed", B256, B256, B256, alloc::string::String, U256);
/// `setParam(uint8,uint256)` of the FractionToken, CurationRegistry and Treasury.
pub const SET_PARAM: [u8; 4] = function_selector!("setParam", u8, U256);
/// `ArtGovernor.lockedUntil(uint256)`.
pub const LOCKED_UNTIL: [u8; 4] = function_selector!("lockedUntil", U256);
/// `IFractionToken.totalSold()`.
pub const TOTAL_SOLD: [u8; 4] = function_selector!("totalSold");
/// `Treasury.buckets()`: (reserve, buyback, acquisition, rewards).
pub const BUCKETS: [u8; 4] = function_selector!("buckets");
/// `ITreasury.withdrawReserve(address,uint256)`.
pub const WITHDRAW_RESERVE: [u8; 4] = function_selector!("withdrawReserve", Address, U256);

/// An address as an ABI word.
pub fn word(a: Address) -> B256 {
    a.into_word()
}

pub use atelier_common::abi::{append_bytes, calldata};

/// The error of a failed call to `target`: the callee's own, else
/// `ExternalCallFailed(target)`.
fn failed(target: Address, err: stylus_sdk::stylus_core::calls::errors::Error) -> Error {
    match atelier_common::errors::callee_revert(err) {
        Some(data) => Error::Callee(data),
        None => ExternalCallFailed { target }.into(),
    }
}

impl ArtVault {
    /// Calls `target`; a revert passes the callee's own error through
    /// (`ExternalCallFailed(target)` when it gave none).
    pub(crate) fn call(&mut self, target: Address, data: &[u8]) -> Result<Vec<u8>, Error> {
        self.vm().call(&Call::new(), target, data).map_err(|e| failed(target, e))
    }

    /// The last second redemption of the artwork is refused, 0 if not locked:
    /// `ArtGovernor.lockedUntil`, since the governor knows which proposals
    /// concerning it can still execute (one static call).
    pub(crate) fn lock_end(&self, artwork_id: U256) -> Result<u64, Error> {
        Ok(self.view(self.governor.get(), &calldata(LOCKED_UNTIL, &[artwork_id.into()]))?.saturating_to())
    }

    /// Static-calls `target` for the first word it returns (zero if it returned
    /// less); a revert as in [`Self::call`].
    pub(crate) fn view(&self, target: Address, data: &[u8]) -> Result<U256, Error> {
        let out = self.vm().static_call(&Call::new(), target, data).map_err(|e| failed(target, e))?;
        Ok(atelier_common::abi::return_word(&out, 0).unwrap_or_default())
    }

    /// Genesis is open: bootstrap not ended and no share sold by the public sale
    /// yet (`FractionToken.totalSold()`, which never decreases): once anyone has
    /// paid for shares, no genesis deposit can dilute them.
    pub(crate) fn genesis_open(&self) -> Result<bool, Error> {
        if self.bootstrap_over.get() {
            return Ok(false);
        }
        Ok(self.view(self.token.get(), &calldata(TOTAL_SOLD, &[]))?.is_zero())
    }
}
