//! The host I/Os themselves: each `vm_hooks` function as a method of [`Host`], with Nitro's
//! semantics and prices (`crates/wasm-libraries/user-host-trait/lib.rs`). One file per
//! group: storage, calls, everything else (`io.rs`); `linker.rs` wires them to wasmi.

mod calls;
mod io;
pub(crate) mod linker;
mod storage;

use alloy_primitives::{Address, B256, U256};
use wasmi::{Caller, Error};

use crate::{
    engine::{HostState, HostTrap},
    gas,
};

/// A failed host I/O (the frame fails as Nitro's `userFailure`).
pub(crate) fn fail(why: impl Into<String>) -> Error {
    Error::host(HostTrap::Fail(why.into()))
}

/// A host I/O's view of the running frame.
pub(crate) struct Host<'c>(pub(crate) Caller<'c, HostState>);

impl Host<'_> {
    pub(crate) fn state(&mut self) -> &mut HostState {
        self.0.data_mut()
    }

    pub(crate) fn handles(&self) -> Result<crate::engine::Handles, Error> {
        self.0.data().handles.ok_or_else(|| fail("host I/O before start"))
    }

    pub(crate) fn ink_left(&self) -> Result<u64, Error> {
        Ok(self.handles()?.ink.get(&self.0).i64().unwrap_or(0) as u64)
    }

    pub(crate) fn out_of_ink<T>(&mut self) -> Result<T, Error> {
        let h = self.handles()?;
        h.ink.set(&mut self.0, wasmi::Val::I64(0))?;
        h.status.set(&mut self.0, wasmi::Val::I32(1))?;
        Err(Error::host(HostTrap::OutOfInk))
    }

    pub(crate) fn take_ink(&mut self, ink: u64) -> Result<(), Error> {
        let left = self.ink_left()?;
        if left < ink {
            return self.out_of_ink();
        }
        let h = self.handles()?;
        h.ink.set(&mut self.0, wasmi::Val::I64((left - ink) as i64))?;
        Ok(())
    }

    /// Start a `vm_hooks` call: count it and charge its base ink.
    pub(crate) fn hostio(&mut self, ink: u64) -> Result<(), Error> {
        self.state().meter.hostios += 1;
        self.buy_ink(ink)
    }

    /// Charge host I/O ink.
    pub(crate) fn buy_ink(&mut self, ink: u64) -> Result<(), Error> {
        self.take_ink(ink)?;
        self.state().meter.hostio_ink += ink;
        Ok(())
    }

    /// Charge EVM gas (at 10,000 ink a gas), attributed to this frame's `evm_gas`.
    pub(crate) fn buy_gas(&mut self, gas: u64) -> Result<(), Error> {
        self.take_ink(gas::gas_to_ink(gas))?;
        self.state().meter.evm_gas += gas;
        Ok(())
    }

    pub(crate) fn gas_left(&self) -> Result<u64, Error> {
        Ok(gas::ink_to_gas(self.ink_left()?))
    }

    /// Fail (out of ink) unless `gas` is left, without charging it.
    pub(crate) fn require_gas(&mut self, gas: u64) -> Result<(), Error> {
        if self.ink_left()? < gas::gas_to_ink(gas) {
            return self.out_of_ink();
        }
        Ok(())
    }

    pub(crate) fn pay_for_read(&mut self, bytes: u32) -> Result<(), Error> {
        self.buy_ink(gas::read_price(bytes))
    }

    pub(crate) fn pay_for_write(&mut self, bytes: u32) -> Result<(), Error> {
        self.buy_ink(gas::write_price(bytes))
    }

    pub(crate) fn read(&self, ptr: u32, len: u32) -> Result<Vec<u8>, Error> {
        let mem = self.handles()?.memory.data(&self.0);
        let start = ptr as usize;
        let end = start.checked_add(len as usize).ok_or_else(|| fail("pointer overflow"))?;
        mem.get(start..end).map(<[u8]>::to_vec).ok_or_else(|| fail("memory access out of bounds"))
    }

    pub(crate) fn read_fixed<const N: usize>(&self, ptr: u32) -> Result<[u8; N], Error> {
        let v = self.read(ptr, N as u32)?;
        let mut out = [0u8; N];
        out.copy_from_slice(&v);
        Ok(out)
    }

    pub(crate) fn read_b256(&self, ptr: u32) -> Result<B256, Error> {
        Ok(B256::from(self.read_fixed::<32>(ptr)?))
    }

    pub(crate) fn read_u256(&self, ptr: u32) -> Result<U256, Error> {
        Ok(U256::from_be_bytes(self.read_fixed::<32>(ptr)?))
    }

    pub(crate) fn read_address(&self, ptr: u32) -> Result<Address, Error> {
        Ok(Address::from(self.read_fixed::<20>(ptr)?))
    }

    pub(crate) fn write(&mut self, ptr: u32, data: &[u8]) -> Result<(), Error> {
        let memory = self.handles()?.memory;
        let mem = memory.data_mut(&mut self.0);
        let start = ptr as usize;
        let end = start.checked_add(data.len()).ok_or_else(|| fail("pointer overflow"))?;
        mem.get_mut(start..end)
            .ok_or_else(|| fail("memory access out of bounds"))?
            .copy_from_slice(data);
        Ok(())
    }

    pub(crate) fn write_u32(&mut self, ptr: u32, x: u32) -> Result<(), Error> {
        self.write(ptr, &x.to_le_bytes())
    }

    pub(crate) fn write_u256(&mut self, ptr: u32, x: U256) -> Result<(), Error> {
        self.write(ptr, &x.to_be_bytes::<32>())
    }

    pub(crate) fn backend(&mut self) -> &mut dyn crate::backend::Backend {
        self.0.data_mut().backend.get()
    }

    pub(crate) fn address(&self) -> Address {
        self.0.data().frame.address
    }

    pub(crate) fn is_static(&self) -> bool {
        self.0.data().frame.is_static
    }
}
