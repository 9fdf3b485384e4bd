//! ArbSys (0x64): block number and chain id, the reads contracts make.

use alloy_primitives::U256;
use alloy_sol_types::{sol, SolCall};
use revm::interpreter::CallInputs;

use super::{ret, unknown};
use crate::exec::{Ctx, ExecError, NativeOutcome};

sol! {
    function arbBlockNumber() external view returns (uint256);
    function arbChainID() external view returns (uint256);
    function arbOSVersion() external view returns (uint256);
}

pub fn run(ctx: &mut Ctx, inputs: &CallInputs) -> Result<NativeOutcome, ExecError> {
    let Some(sel) = inputs.input.get(..4) else {
        return Ok(unknown());
    };
    let env = &ctx.evm.inner.env;
    Ok(if sel == arbBlockNumberCall::SELECTOR {
        ret(env.block.number)
    } else if sel == arbChainIDCall::SELECTOR {
        ret(U256::from(env.cfg.chain_id))
    } else if sel == arbOSVersionCall::SELECTOR {
        ret(U256::from(55 + 32))
    } else {
        unknown()
    })
}
