//! Nested calls, creations and return data.

use alloy_primitives::{Bytes, U256};
use wasmi::Error;

use super::{fail, Host};
use crate::{
    backend::{CallKind, CallRequest, CreateRequest},
    gas::{self, EVM_API_INK, HOSTIO_INK, PTR_INK},
    world::MAX_CALL_DEPTH as MAX_DEPTH,
};

impl Host<'_> {
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn call(
        &mut self,
        kind: CallKind,
        contract: u32,
        data: u32,
        data_len: u32,
        value: Option<u32>,
        gas_req: u64,
        ret_len: u32,
    ) -> Result<u32, Error> {
        self.hostio(HOSTIO_INK + 3 * PTR_INK + EVM_API_INK)?;
        self.pay_for_read(data_len)?;
        self.pay_for_read(data_len)?; // read from geth
        let gas_left = self.gas_left()?;
        let gas_req = gas_req.min(gas_left);
        let to = self.read_address(contract)?;
        let input = Bytes::from(self.read(data, data_len)?);
        let value = match value {
            Some(ptr) => self.read_u256(ptr)?,
            None => U256::ZERO,
        };
        let frame = self.0.data().frame.clone();
        let m = &mut self.state().meter;
        match kind {
            CallKind::Call => m.calls += 1,
            CallKind::StaticCall => m.static_calls += 1,
            CallKind::DelegateCall => m.delegate_calls += 1,
        }
        let transfers = kind == CallKind::Call && !value.is_zero();
        if transfers {
            m.value_calls += 1;
        }

        let (result, base) = if frame.is_static && transfers {
            (None, 0) // write protection: the call fails, nothing charged
        } else {
            let touched = self.backend().touch_account(to);
            if touched.cold {
                self.state().meter.cold_accounts += 1;
            }
            let base = gas::call_base_gas(touched.cold, transfers, touched.value);
            if base > gas_left {
                (None, gas_left)
            } else if frame.depth + 1 > MAX_DEPTH {
                (None, base)
            } else {
                let start = (gas_left - base) * 63 / 64;
                let mut gas = start.min(gas_req);
                if transfers {
                    gas = gas.saturating_add(gas::CALL_STIPEND);
                }
                let request = CallRequest {
                    kind,
                    from: frame.address,
                    to,
                    value: if kind == CallKind::DelegateCall { frame.value } else { value },
                    context_caller: frame.caller,
                    input,
                    gas,
                    is_static: frame.is_static || kind == CallKind::StaticCall,
                    depth: frame.depth + 1,
                };
                let mut res = self.backend().call(request);
                res.gas_used = res.gas_used.min(gas);
                if !res.success {
                    res.meter.refund = 0;
                }
                (Some(res), base)
            }
        };
        self.buy_gas(base)?;
        let (success, output) = match result {
            Some(res) => {
                let used = res.gas_used;
                self.take_ink(gas::gas_to_ink(used))?;
                let state = self.state();
                state.nested_gas += used;
                state.nested.add_nested(&res.meter);
                (res.success, res.output)
            }
            None => (false, Bytes::new()),
        };
        let len = output.len() as u32;
        self.state().return_data = output;
        self.write_u32(ret_len, len)?;
        Ok(u32::from(!success))
    }

    pub(crate) fn create(
        &mut self,
        code: u32,
        code_len: u32,
        endowment: u32,
        salt: Option<u32>,
        contract: u32,
        revert_len: u32,
    ) -> Result<(), Error> {
        let ptrs = if salt.is_some() { 4 } else { 3 };
        self.hostio(HOSTIO_INK + ptrs * PTR_INK + EVM_API_INK)?;
        self.pay_for_read(code_len)?;
        self.pay_for_read(code_len)?; // read from geth
        let init_code = Bytes::from(self.read(code, code_len)?);
        let value = self.read_u256(endowment)?;
        let salt = match salt {
            Some(ptr) => Some(self.read_b256(ptr)?),
            None => None,
        };
        if self.is_static() {
            return Err(fail("write protection: create in a static call"));
        }
        let gas_left = self.gas_left()?;
        let mut base = gas::CREATE_GAS;
        if salt.is_some() {
            base += 6 * u64::from(code_len.div_ceil(32));
        }
        if gas_left < base {
            return self.out_of_ink();
        }
        let mut gas = gas_left - base;
        gas -= gas / 64;
        let frame = self.0.data().frame.clone();
        self.state().meter.creates += 1;
        let res = self.backend().create(CreateRequest {
            from: frame.address,
            init_code,
            value,
            salt,
            gas,
            depth: frame.depth + 1,
        });
        self.buy_gas(base)?;
        let used = res.gas_used.min(gas);
        self.take_ink(gas::gas_to_ink(used))?;
        self.state().nested_gas += used;
        let len = res.output.len() as u32;
        self.state().return_data = res.output;
        self.write_u32(revert_len, len)?;
        self.write(contract, res.address.unwrap_or_default().as_slice())
    }

    pub(crate) fn read_return_data(
        &mut self,
        dest: u32,
        offset: u32,
        size: u32,
    ) -> Result<u32, Error> {
        self.hostio(HOSTIO_INK + EVM_API_INK)?;
        let data = self.0.data().return_data.clone();
        let max = (data.len() as u32).saturating_sub(offset);
        self.pay_for_write(size.min(max))?;
        if max == 0 {
            return Ok(0);
        }
        let start = offset as usize;
        let end = (offset.saturating_add(size) as usize).min(data.len());
        let slice = &data[start..end];
        if !slice.is_empty() {
            self.write(dest, slice)?;
        }
        self.state().meter.return_data_bytes += slice.len() as u64;
        Ok(slice.len() as u32)
    }

    pub(crate) fn return_data_size(&mut self) -> Result<u32, Error> {
        self.hostio(HOSTIO_INK)?;
        Ok(self.0.data().return_data.len() as u32)
    }
}
