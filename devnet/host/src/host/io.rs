//! Calldata and result, logs, accounts, math, environment, memory growth and keccak.

use alloy_primitives::{keccak256, Bytes, Log, B256, U256};
use wasmi::Error;

use super::{fail, Host};
use crate::{
    engine::HostState,
    gas::{self, EVM_API_INK, HOSTIO_INK, PTR_INK},
};

impl Host<'_> {
    // ---- calldata and result ----

    pub(crate) fn read_args(&mut self, ptr: u32) -> Result<(), Error> {
        self.hostio(HOSTIO_INK)?;
        let args = self.0.data().frame.input.clone();
        self.pay_for_write(args.len() as u32)?;
        self.write(ptr, &args)?;
        self.state().meter.args_bytes += args.len() as u64;
        Ok(())
    }

    pub(crate) fn write_result(&mut self, ptr: u32, len: u32) -> Result<(), Error> {
        self.hostio(HOSTIO_INK)?;
        self.pay_for_read(len)?;
        self.pay_for_read(len)?; // read from geth
        let outs = self.read(ptr, len)?;
        let state = self.state();
        state.meter.result_bytes += u64::from(len);
        state.outs = outs;
        Ok(())
    }

    // ---- logs ----

    pub(crate) fn emit_log(&mut self, data: u32, len: u32, topics: u32) -> Result<(), Error> {
        self.hostio(HOSTIO_INK + EVM_API_INK)?;
        if topics > 4 || len < topics * 32 {
            return Err(fail("bad topic data"));
        }
        self.pay_for_read(len)?;
        self.buy_gas(gas::log_gas(topics, len - topics * 32))?;
        let bytes = self.read(data, len)?;
        if self.is_static() {
            return Err(fail("write protection: log in a static call"));
        }
        let (topic_bytes, body) = bytes.split_at(topics as usize * 32);
        let topic_list = topic_bytes.chunks(32).map(B256::from_slice).collect();
        let log = Log::new_unchecked(self.address(), topic_list, Bytes::copy_from_slice(body));
        let m = &mut self.state().meter;
        m.logs += 1;
        m.log_topics += u64::from(topics);
        m.log_bytes += body.len() as u64;
        self.backend().emit_log(log);
        Ok(())
    }

    // ---- accounts ----

    pub(crate) fn touched(&mut self, cold: bool, with_code: bool) -> u64 {
        let m = &mut self.state().meter;
        m.account_reads += 1;
        if cold {
            m.cold_accounts += 1;
        }
        gas::account_touch_gas(cold, with_code)
    }

    pub(crate) fn account_balance(&mut self, address: u32, dest: u32) -> Result<(), Error> {
        self.hostio(HOSTIO_INK + 2 * PTR_INK + EVM_API_INK)?;
        self.require_gas(gas::COLD_ACCOUNT_GAS)?;
        let address = self.read_address(address)?;
        let read = self.backend().balance(address);
        let cost = self.touched(read.cold, false);
        self.buy_gas(cost)?;
        self.write_u256(dest, read.value)
    }

    pub(crate) fn account_code(
        &mut self,
        address: u32,
        offset: u32,
        size: u32,
        dest: u32,
    ) -> Result<u32, Error> {
        self.hostio(HOSTIO_INK + EVM_API_INK)?;
        self.require_gas(gas::COLD_ACCOUNT_GAS)?;
        let address = self.read_address(address)?;
        let gas_left = self.gas_left()?;
        let read = self.backend().code(address);
        let cost = self.touched(read.cold, true);
        let code = if gas_left < cost { Bytes::new() } else { read.value };
        self.buy_gas(cost)?;
        self.pay_for_write(code.len() as u32)?;
        let start = (offset as usize).min(code.len());
        let end = (offset.saturating_add(size) as usize).min(code.len());
        let slice = &code[start..end];
        self.write(dest, slice)?;
        Ok(slice.len() as u32)
    }

    pub(crate) fn account_code_size(&mut self, address: u32) -> Result<u32, Error> {
        self.hostio(HOSTIO_INK + EVM_API_INK)?;
        self.require_gas(gas::COLD_ACCOUNT_GAS)?;
        let address = self.read_address(address)?;
        let read = self.backend().code_size(address);
        let cost = self.touched(read.cold, true);
        self.buy_gas(cost)?;
        Ok(read.value as u32)
    }

    pub(crate) fn account_codehash(&mut self, address: u32, dest: u32) -> Result<(), Error> {
        self.hostio(HOSTIO_INK + 2 * PTR_INK + EVM_API_INK)?;
        self.require_gas(gas::COLD_ACCOUNT_GAS)?;
        let address = self.read_address(address)?;
        let read = self.backend().code_hash(address);
        let cost = self.touched(read.cold, false);
        self.buy_gas(cost)?;
        self.write(dest, read.value.as_slice())
    }

    // ---- math ----

    pub(crate) fn math2(
        &mut self,
        ink: u64,
        a: u32,
        b: u32,
        f: impl Fn(U256, U256) -> U256,
    ) -> Result<(), Error> {
        self.hostio(ink)?;
        let (x, y) = (self.read_u256(a)?, self.read_u256(b)?);
        self.write_u256(a, f(x, y))
    }

    pub(crate) fn math_pow(&mut self, value: u32, exponent: u32) -> Result<(), Error> {
        self.hostio(HOSTIO_INK + 3 * PTR_INK)?;
        let x = self.read_u256(value)?;
        let e = self.read_b256(exponent)?;
        self.buy_ink(gas::pow_price(&e))?;
        self.write_u256(value, x.wrapping_pow(U256::from_be_bytes(e.0)))
    }

    pub(crate) fn math3(
        &mut self,
        ink: u64,
        a: u32,
        b: u32,
        c: u32,
        f: impl Fn(U256, U256, U256) -> U256,
    ) -> Result<(), Error> {
        self.hostio(ink)?;
        let (x, y, z) = (self.read_u256(a)?, self.read_u256(b)?, self.read_u256(c)?);
        self.write_u256(a, f(x, y, z))
    }

    // ---- environment ----

    pub(crate) fn write_env(&mut self, ptr: u32, bytes: &[u8]) -> Result<(), Error> {
        self.hostio(HOSTIO_INK + PTR_INK)?;
        self.write(ptr, bytes)
    }

    pub(crate) fn env_u64(&mut self, f: impl Fn(&HostState) -> u64) -> Result<u64, Error> {
        self.hostio(HOSTIO_INK)?;
        Ok(f(self.0.data()))
    }

    pub(crate) fn pay_for_memory_grow(&mut self, pages: u32) -> Result<(), Error> {
        self.state().meter.hostios += 1;
        let pages = pages as u16;
        if pages == 0 {
            return self.buy_ink(HOSTIO_INK);
        }
        let tx = self.backend().stylus_tx();
        let cost = gas::memory_gas(pages, tx.open_pages, tx.ever_pages);
        tx.open_pages = tx.open_pages.saturating_add(pages);
        tx.ever_pages = tx.ever_pages.max(tx.open_pages);
        self.state().meter.memory_pages_grown += u64::from(pages);
        self.buy_gas(cost)
    }

    pub(crate) fn native_keccak256(
        &mut self,
        input: u32,
        len: u32,
        output: u32,
    ) -> Result<(), Error> {
        self.state().meter.hostios += 1;
        self.buy_ink(gas::keccak_price(len))?;
        let preimage = self.read(input, len)?;
        let m = &mut self.state().meter;
        m.keccaks += 1;
        m.keccak_bytes += u64::from(len);
        self.write(output, keccak256(&preimage).as_slice())
    }
}
