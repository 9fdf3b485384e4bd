//! How the world runs a call: journal, value transfer, routing to programs, mocks and
//! plain accounts, top-level transactions and their receipts.

use alloy_primitives::{Address, Bytes, Log, B256, U256};

use super::{Receipt, World, MAX_CALL_DEPTH};
use crate::{
    backend::{CallKind, CallRequest, CallResult},
    engine::{Exit, Frame},
    gas,
    journal::{Checkpoint, Entry, TxState},
    meter::Meter,
    native::{NativeCall, NativeCtx},
};

impl World {
    /// Used by [`crate::NativeCtx`]: a nested call from a mock, with `gas`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn nested_call(
        &mut self,
        kind: CallKind,
        from: Address,
        context_caller: Address,
        to: Address,
        value: U256,
        input: &[u8],
        gas: u64,
        depth: usize,
        is_static: bool,
    ) -> CallResult {
        self.state.warm_account(to);
        self.run_call(CallRequest {
            kind,
            from,
            to,
            value,
            context_caller,
            input: Bytes::copy_from_slice(input),
            gas,
            is_static: is_static || kind == CallKind::StaticCall,
            depth,
        })
    }

    /// Used by [`crate::NativeCtx`]: a journaled storage write.
    pub(crate) fn journal_store(&mut self, address: Address, key: B256, value: B256) {
        let prev = self.storage(address, key);
        self.state.original.entry((address, key)).or_insert(prev);
        self.state.journal.push(Entry::Storage { address, key, prev });
        self.set_storage(address, key, value);
    }

    /// Used by [`crate::NativeCtx`]: a journaled log.
    pub(crate) fn journal_log(&mut self, log: Log) {
        self.state.logs.push(log);
    }

    /// Undo everything since `cp`.
    pub(crate) fn revert_to(&mut self, cp: Checkpoint) {
        let (journal, logs) = cp.parts();
        self.state.logs.truncate(logs);
        while self.state.journal.len() > journal {
            match self.state.journal.pop().expect("len checked") {
                Entry::Storage { address, key, prev } => self.set_storage(address, key, prev),
                Entry::Balance { address, prev } => self.account_mut(address).balance = prev,
                Entry::Transient { address, key, prev } => {
                    if prev.is_zero() {
                        self.state.transient.remove(&(address, key));
                    } else {
                        self.state.transient.insert((address, key), prev);
                    }
                }
                Entry::WarmAccount(a) => {
                    self.state.warm_accounts.remove(&a);
                }
                Entry::WarmSlot(a, k) => {
                    self.state.warm_slots.remove(&(a, k));
                }
            }
        }
    }

    fn set_balance_journaled(&mut self, address: Address, balance: U256) {
        let prev = World::balance(self, address);
        self.state.journal.push(Entry::Balance { address, prev });
        self.account_mut(address).balance = balance;
    }

    /// Move `value` from `from` to `to`; `false` (nothing moved) if `from` cannot pay.
    fn transfer(&mut self, from: Address, to: Address, value: U256) -> bool {
        if value.is_zero() {
            return true;
        }
        let Some(rest) = World::balance(self, from).checked_sub(value) else {
            return false;
        };
        self.set_balance_journaled(from, rest);
        let credited = World::balance(self, to).saturating_add(value);
        self.set_balance_journaled(to, credited);
        true
    }

    /// Run a call: checkpoint, move value, route to a program, a mock or nothing, and
    /// commit or revert.
    pub(crate) fn run_call(&mut self, req: CallRequest) -> CallResult {
        if req.depth > MAX_CALL_DEPTH {
            return CallResult::failure(Bytes::new(), 0);
        }
        let cp = self.state.checkpoint();
        if req.kind == CallKind::Call && !self.transfer(req.from, req.to, req.value) {
            return CallResult::failure(Bytes::new(), 0);
        }
        let delegate = req.kind == CallKind::DelegateCall;
        let (acting, caller) =
            if delegate { (req.from, req.context_caller) } else { (req.to, req.from) };
        let reentrant = self.state.reentrant(acting, delegate);
        let (program, native) = match self.accounts.get(&req.to) {
            Some(a) => (a.program.clone(), a.native.clone()),
            None => (None, None),
        };
        self.state.stack.push((acting, delegate));
        let result = if let Some(program) = program {
            let frame = Frame {
                address: acting,
                code_address: req.to,
                caller,
                value: req.value,
                input: req.input,
                gas_limit: req.gas,
                is_static: req.is_static,
                reentrant,
                depth: req.depth,
            };
            let out = crate::engine::execute(&program, &frame, self);
            if req.depth == 0 {
                self.top_exit = Some(out.exit.clone());
            }
            CallResult {
                success: out.success,
                output: out.output,
                gas_used: out.gas_used,
                meter: out.meter,
            }
        } else if let Some(native) = native {
            let call = NativeCall {
                address: acting,
                caller,
                value: req.value,
                input: req.input,
                is_static: req.is_static,
                kind: req.kind,
                depth: req.depth,
            };
            let mut ctx = NativeCtx::new(self, call, req.gas);
            // Mocks may recurse deeply through the world: keep native stack in reserve.
            let res = stacker::maybe_grow(1 << 20, 16 << 20, || native.call(&mut ctx));
            let (gas_used, meter) = ctx.finish();
            match res {
                Ok(out) => CallResult { success: true, output: out.into(), gas_used, meter },
                Err(out) => CallResult { success: false, output: out.into(), gas_used, meter },
            }
        } else {
            CallResult { success: true, ..CallResult::default() }
        };
        self.state.stack.pop();
        if !result.success {
            self.revert_to(cp);
        }
        result
    }

    pub(super) fn top_level(
        &mut self,
        kind: CallKind,
        from: Address,
        to: Address,
        value: U256,
        data: &[u8],
        gas_limit: u64,
    ) -> Receipt {
        self.state = TxState::default();
        self.top_exit = None;
        self.env.origin = from;
        let intrinsic = gas::intrinsic_gas(data);
        if gas_limit < intrinsic {
            return Receipt {
                success: false,
                output: Bytes::new(),
                logs: Vec::new(),
                meter: Meter::default(),
                gas: gas_limit,
                exec_gas: 0,
                exit: Exit::OutOfGas,
            };
        }
        self.state.warm_account(from);
        self.state.warm_account(to);
        let cp = self.state.checkpoint();
        let result = self.run_call(CallRequest {
            kind,
            from,
            to,
            value,
            context_caller: from,
            input: Bytes::copy_from_slice(data),
            gas: gas_limit - intrinsic,
            is_static: kind == CallKind::StaticCall,
            depth: 0,
        });
        let logs = std::mem::take(&mut self.state.logs);
        if kind == CallKind::StaticCall {
            self.revert_to(cp);
        }
        self.state = TxState::default();
        let total = intrinsic.saturating_add(result.gas_used);
        let refund =
            if result.success { (result.meter.refund.max(0) as u64).min(total / 5) } else { 0 };
        let exit = match self.top_exit.take() {
            Some(exit) => exit,
            None if result.success => Exit::Returned,
            None => Exit::Reverted,
        };
        Receipt {
            success: result.success,
            output: result.output,
            logs: if result.success { logs } else { Vec::new() },
            meter: result.meter,
            gas: total - refund,
            exec_gas: result.gas_used,
            exit,
        }
    }
}
