//! ArbOwnerPublic (0x6b): the reads cargo-stylus makes.

use alloy_sol_types::{sol, SolCall};
use revm::interpreter::CallInputs;

use super::{ret, unknown};
use crate::exec::{Ctx, ExecError, NativeOutcome};

sol! {
    function getMaxStylusContractFragments() external view returns (uint8);
    function getBrotliCompressionLevel() external view returns (uint64);
    function isChainOwner(address addr) external view returns (bool);
}

/// Most fragments a root contract may list (a dev-chain figure).
pub const MAX_FRAGMENTS: u8 = 4;

pub fn run(_ctx: &mut Ctx, inputs: &CallInputs) -> Result<NativeOutcome, ExecError> {
    let data = &inputs.input;
    let Some(sel) = data.get(..4) else {
        return Ok(unknown());
    };
    Ok(if sel == getMaxStylusContractFragmentsCall::SELECTOR {
        ret(alloy_primitives::U256::from(MAX_FRAGMENTS))
    } else if sel == getBrotliCompressionLevelCall::SELECTOR {
        ret(11u64)
    } else if sel == isChainOwnerCall::SELECTOR {
        ret(false)
    } else {
        unknown()
    })
}
