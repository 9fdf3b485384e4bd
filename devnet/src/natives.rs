//! The VM side wired together: the [`Vm`] the chain executes with. It is the only
//! module that names every native part (the precompiles, the StylusDeployer, the
//! Stylus runner), so none of them needs to name another that names it back.

use alloy_primitives::{Address, B256};

use crate::{
    deployer,
    exec::{self, Ctx, DevExt, ExecError, Native, Vm},
    precompiles::{self, arbwasm, arbwasmcache, owner_public, STYLUS_DEPLOYER},
    stylus,
};

/// The dev chain's native side (stateless: its state is the chain's, in `Ctx`).
pub struct DevVm;

/// The one instance every execution context points at.
pub static DEV_VM: DevVm = DevVm;

/// A fresh execution context for the dev chain's VM.
pub fn ext() -> DevExt {
    DevExt::new(&DEV_VM)
}

impl Vm for DevVm {
    fn native(&self, ctx: &mut Ctx, addr: Address) -> Result<Option<Native>, ExecError> {
        // Native contracts first: their code (0xfe) is a marker, not worth loading.
        if let Some(f) = precompiles::native(addr) {
            return Ok(Some(Box::new(f)));
        }
        if addr == STYLUS_DEPLOYER {
            return Ok(Some(Box::new(deployer::run)));
        }
        let code = exec::load_code(ctx, addr)?;
        if !stylus::is_stylus_code(&code) {
            return Ok(None);
        }
        Ok(Some(Box::new(move |ctx, inputs| {
            stylus::run(ctx, inputs, code)
        })))
    }

    fn deployable(&self, code: &[u8]) -> bool {
        stylus::is_stylus_family(code)
    }

    fn activation(&self, ctx: &mut Ctx, codehash: B256) -> Result<Option<(u16, u32)>, ExecError> {
        arbwasm::activation(ctx, codehash)
    }

    fn program_cached(&self, ctx: &mut Ctx, program: Address) -> Result<bool, ExecError> {
        arbwasmcache::program_cached(ctx, program)
    }

    fn max_fragments(&self) -> usize {
        owner_public::MAX_FRAGMENTS as usize
    }
}
