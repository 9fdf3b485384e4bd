//! Executing on the chain's state without mining: the revm run itself (on a big-stack
//! thread, panic-safe), `eth_call` and `eth_estimateGas` with state overrides, and the
//! mapping of revm's outcomes to JSON-RPC errors.

use alloy_primitives::{Address, Bytes, TxKind, U256};
use revm::{
    primitives::{
        Bytecode, CfgEnv, EVMError, ExecutionResult, InvalidTransaction, ResultAndState, TxEnv,
    },
    Evm,
};

use crate::{
    chain::{to_env_access_list, AccountOverride, CallRequest, Chain, BLOCK_GAS_LIMIT, EXEC_STACK},
    error::{RpcError, RpcResult},
    exec::{self, Db, SPEC},
};

impl Chain {
    pub(crate) fn run(
        &mut self,
        tx: TxEnv,
        call_mode: bool,
    ) -> Result<ResultAndState, EVMError<std::convert::Infallible>> {
        let mut cfg = CfgEnv::default();
        cfg.chain_id = self.chain_id;
        cfg.limit_contract_code_size = Some(exec::MAX_CODE_SIZE);
        if call_mode {
            cfg.disable_balance_check = true;
            cfg.disable_base_fee = true;
            cfg.disable_eip3607 = true;
            cfg.disable_block_gas_limit = true;
        }
        // A panic inside execution must not take the chain with it: run on the state moved
        // out, keep a copy to put back if it unwinds.
        let backup = self.db.clone();
        let db = std::mem::take(&mut self.db);
        let mut ext = self.ext.clone();
        ext.stylus.begin_tx();
        let block = self.block_env();
        // Stylus <-> EVM nesting recurses on the Rust stack (revm's loop per Stylus frame,
        // the WASM host per program): run on a thread with room for 1024 frames.
        let work = move || {
            let mut evm = Evm::builder()
                .with_db(db)
                .with_external_context(ext)
                .with_spec_id(SPEC)
                .modify_cfg_env(|c| *c = cfg)
                .with_block_env(block)
                .with_tx_env(tx)
                .append_handler_register(exec::register)
                .build();
            let result = evm.transact();
            let ctx = evm.into_context();
            let s = &ctx.external.stylus;
            let after = (s.last_gas, s.last_refusal.clone());
            (ctx.evm.inner.db, after, result)
        };
        let run = std::thread::scope(|s| {
            std::thread::Builder::new()
                .name("devnet-exec".into())
                .stack_size(EXEC_STACK)
                .spawn_scoped(s, work)
                .map(|h| h.join())
                .unwrap_or_else(|e| Err(Box::new(e)))
        });
        match run {
            Ok((db, (last_gas, refusal), result)) => {
                self.db = db;
                self.ext.stylus.last_gas = last_gas;
                self.ext.stylus.last_refusal = refusal;
                result
            }
            Err(_) => {
                self.db = backup;
                Err(EVMError::Custom(
                    "internal error: execution panicked; state unchanged".into(),
                ))
            }
        }
    }

    fn call_tx_env(&self, req: &CallRequest, gas: u64) -> TxEnv {
        TxEnv {
            caller: req.from.unwrap_or_default(),
            gas_limit: gas,
            gas_price: U256::from(req.gas_price.unwrap_or(0)),
            transact_to: req.to.map(TxKind::Call).unwrap_or(TxKind::Create),
            value: req.value,
            data: req.input.clone(),
            nonce: None,
            chain_id: Some(self.chain_id),
            access_list: to_env_access_list(&req.access_list),
            ..Default::default()
        }
    }

    fn exec_call(&mut self, req: &CallRequest, gas: u64) -> RpcResult<ExecutionResult> {
        let tx = self.call_tx_env(req, gas);
        match self.run(tx, true) {
            // A refused activation reverts without data, as on Nitro; name the rule here.
            Ok(r) => match (&r.result, &self.ext.stylus.last_refusal) {
                (ExecutionResult::Revert { output, .. }, Some(why)) if output.is_empty() => {
                    Err(RpcError::reverted_with(why, output))
                }
                _ => Ok(r.result),
            },
            Err(e) => Err(tx_error(e)),
        }
    }

    /// `eth_call`: runs on the current state (with overrides on a copy), never commits.
    pub fn call(
        &mut self,
        req: &CallRequest,
        overrides: &[(Address, AccountOverride)],
    ) -> RpcResult<Bytes> {
        let gas = req.gas.unwrap_or(BLOCK_GAS_LIMIT).min(BLOCK_GAS_LIMIT);
        let result = if overrides.is_empty() {
            self.exec_call(req, gas)
        } else {
            let saved = self.db.clone();
            apply_overrides(&mut self.db, overrides);
            let r = self.exec_call(req, gas);
            self.db = saved;
            r
        }?;
        result_output(result)
    }

    /// `eth_estimateGas` with a state override set (applied to a copy).
    pub fn estimate_gas_with(
        &mut self,
        req: &CallRequest,
        overrides: &[(Address, AccountOverride)],
    ) -> RpcResult<u64> {
        if overrides.is_empty() {
            return self.estimate_gas(req);
        }
        let saved = self.db.clone();
        apply_overrides(&mut self.db, overrides);
        let r = self.estimate_gas(req);
        self.db = saved;
        r
    }

    /// `eth_estimateGas`: the smallest gas limit that succeeds (binary search).
    pub fn estimate_gas(&mut self, req: &CallRequest) -> RpcResult<u64> {
        let cap = req.gas.unwrap_or(BLOCK_GAS_LIMIT).min(BLOCK_GAS_LIMIT);
        let first = self.exec_call(req, cap)?;
        let used = first.gas_used();
        result_output(first)?;
        let ok = |chain: &mut Self, g: u64| {
            chain
                .exec_call(req, g)
                .map(|r| r.is_success())
                .unwrap_or(false)
        };
        if ok(self, used) {
            return Ok(used);
        }
        let (mut lo, mut hi) = (used, cap);
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if ok(self, mid) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        Ok(hi)
    }
}

fn apply_overrides(db: &mut Db, overrides: &[(Address, AccountOverride)]) {
    for (addr, o) in overrides {
        let mut info = db
            .accounts
            .get(addr)
            .and_then(|a| a.info())
            .unwrap_or_default();
        if let Some(b) = o.balance {
            info.balance = b;
        }
        if let Some(n) = o.nonce {
            info.nonce = n;
        }
        if let Some(code) = &o.code {
            let bc = Bytecode::new_raw(code.clone());
            info.code_hash = bc.hash_slow();
            info.code = Some(bc);
        }
        db.insert_account_info(*addr, info);
        if let Some(state) = &o.state {
            let _ = db.replace_account_storage(*addr, state.iter().copied().collect());
        }
        if let Some(diff) = &o.state_diff {
            for (k, v) in diff {
                let _ = db.insert_account_storage(*addr, *k, *v);
            }
        }
    }
}

/// A call's output, or geth's revert error.
fn result_output(result: ExecutionResult) -> RpcResult<Bytes> {
    match result {
        ExecutionResult::Success { output, .. } => Ok(output.into_data()),
        ExecutionResult::Revert { output, .. } => Err(revert_error(&output)),
        ExecutionResult::Halt { reason, .. } => {
            Err(RpcError::server(format!("execution halted: {reason:?}")))
        }
    }
}

/// Geth's revert error; an `Error(string)` reason is appended to the message too.
pub fn revert_error(output: &Bytes) -> RpcError {
    use alloy_sol_types::SolError;
    match alloy_sol_types::Revert::abi_decode(output, true) {
        Ok(r) => RpcError::reverted_with(&r.reason, output),
        Err(_) => RpcError::reverted(output),
    }
}

pub(crate) fn tx_error(e: EVMError<std::convert::Infallible>) -> RpcError {
    match e {
        EVMError::Transaction(InvalidTransaction::CallGasCostMoreThanGasLimit) => {
            RpcError::server("intrinsic gas too low")
        }
        EVMError::Transaction(InvalidTransaction::LackOfFundForMaxFee { fee, balance }) => {
            RpcError::server(format!(
                "insufficient funds for gas * price + value: have {balance} want {fee}"
            ))
        }
        EVMError::Transaction(t) => RpcError::server(format!("invalid transaction: {t}")),
        EVMError::Custom(msg) => RpcError::new(-32603, msg),
        other => RpcError::server(format!("{other}")),
    }
}
