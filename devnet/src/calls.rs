//! Executing on the chain's state without mining: the revm run itself (on a big-stack
//! thread, panic-safe), `eth_call` and `eth_estimateGas` with state overrides, and the
//! mapping of revm's outcomes to JSON-RPC errors.

use alloy_primitives::{Address, Bytes, TxKind, B256, U256};
use revm::{
    primitives::{
        Bytecode, CfgEnv, EVMError, ExecutionResult, InvalidTransaction, ResultAndState, TxEnv,
    },
    Evm,
};

use crate::{
    chain::{
        to_env_access_list, AccountOverride, CallRequest, Chain, View, BLOCK_GAS_LIMIT, EXEC_STACK,
    },
    error::{RpcError, RpcResult},
    exec::{self, Db, SPEC},
};

thread_local! {
    /// Set on threads started with [`EXEC_STACK`] (the server's workers): executions run
    /// there directly instead of on a new thread.
    pub static ON_BIG_STACK: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Accounts with their storage keys.
pub type AccessList = Vec<(Address, Vec<B256>)>;

/// What a run leaves besides revm's result: the host's gas for the outermost Stylus
/// frame, and why an activation was refused.
#[derive(Clone, Debug, Default)]
pub struct RunInfo {
    pub last_gas: u64,
    pub last_refusal: Option<String>,
}

/// `eth_estimateGas` adds 1/64 of the estimate (about 1.6 %) on top of the larger of the
/// two minimums (this second, the next second): room for the EIP-150 63/64 rule in
/// nested calls whose inner gas a state change could move.
pub const ESTIMATE_MARGIN_DIVISOR: u64 = 64;

impl View {
    /// Runs a transaction on this view's state (an overlay copy: the view is unchanged)
    /// on a big-stack thread; a panic inside execution is an internal error.
    pub fn run(
        &self,
        tx: TxEnv,
        call_mode: bool,
    ) -> (
        Result<ResultAndState, EVMError<std::convert::Infallible>>,
        RunInfo,
    ) {
        let mut cfg = CfgEnv::default();
        cfg.chain_id = self.chain_id;
        cfg.limit_contract_code_size = Some(exec::MAX_CODE_SIZE);
        if call_mode {
            cfg.disable_balance_check = true;
            cfg.disable_base_fee = true;
            cfg.disable_eip3607 = true;
            cfg.disable_block_gas_limit = true;
        }
        let db = self.db.clone();
        let mut ext = self.ext.clone();
        ext.stylus.begin_tx();
        let block = self.block.clone();
        // Stylus <-> EVM nesting recurses on the Rust stack (revm's loop per Stylus frame,
        // the WASM host per program): run on a thread with room for 1024 frames (the
        // server's workers have it; elsewhere a thread is started for the run).
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
            let info = RunInfo {
                last_gas: s.last_gas,
                last_refusal: s.last_refusal.clone(),
            };
            (info, result)
        };
        let run = if ON_BIG_STACK.with(|b| b.get()) {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(work))
        } else {
            std::thread::scope(|s| {
                std::thread::Builder::new()
                    .name("devnet-exec".into())
                    .stack_size(EXEC_STACK)
                    .spawn_scoped(s, work)
                    .map(|h| h.join())
                    .unwrap_or_else(|e| Err(Box::new(e)))
            })
        };
        match run {
            Ok((info, result)) => (result, info),
            Err(_) => (
                Err(EVMError::Custom(
                    "internal error: execution panicked; state unchanged".into(),
                )),
                RunInfo::default(),
            ),
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

    /// Runs a call and keeps the whole result (state changes included).
    pub fn exec_full(&self, req: &CallRequest, gas: u64) -> RpcResult<ResultAndState> {
        let tx = self.call_tx_env(req, gas);
        match self.run(tx, true) {
            // A refused activation reverts without data, as on Nitro; name the rule here.
            (Ok(r), info) => match (&r.result, &info.last_refusal) {
                (ExecutionResult::Revert { output, .. }, Some(why)) if output.is_empty() => {
                    Err(RpcError::reverted_with(why, output))
                }
                _ => Ok(r),
            },
            (Err(e), _) => Err(tx_error(e)),
        }
    }

    fn exec_call(&self, req: &CallRequest, gas: u64) -> RpcResult<ExecutionResult> {
        self.exec_full(req, gas).map(|r| r.result)
    }

    /// Applies a state override set to this view.
    pub fn override_with(&mut self, overrides: &[(Address, AccountOverride)]) {
        apply_overrides(&mut self.db, overrides);
    }

    /// `eth_call`: runs on this view, never commits.
    pub fn call(&self, req: &CallRequest) -> RpcResult<Bytes> {
        let gas = req.gas.unwrap_or(BLOCK_GAS_LIMIT).min(BLOCK_GAS_LIMIT);
        result_output(self.exec_call(req, gas)?)
    }

    /// This view one second later (same state, same block number).
    fn a_second_later(&self) -> View {
        let mut v = self.clone();
        v.block.timestamp += U256::from(1);
        v
    }

    /// `eth_estimateGas`: a limit that succeeds in the next block whether it falls in
    /// this second or the next — the larger of the two smallest limits that succeed
    /// (within geth's 1.5 %) — plus 1/[`ESTIMATE_MARGIN_DIVISOR`].
    pub fn estimate_gas(&self, req: &CallRequest) -> RpcResult<u64> {
        let cap = req.gas.unwrap_or(BLOCK_GAS_LIMIT).min(BLOCK_GAS_LIMIT);
        let now = self.min_gas(req, cap, 0)?;
        let mut need = now;
        if !self.pinned_time {
            let later = self.a_second_later();
            // The limit found for this second usually does for the next one too.
            let ok_later = later
                .exec_call(req, now)
                .map(|r| r.is_success())
                .unwrap_or(false);
            if !ok_later {
                // A call that fails outright a second later keeps this second's figure.
                if let Ok(g) = later.min_gas(req, cap, now) {
                    need = need.max(g);
                }
            }
        }
        Ok(need.saturating_add(need / ESTIMATE_MARGIN_DIVISOR).min(cap))
    }

    /// A gas limit under `cap` with which the call succeeds, at most 1.5 % over the
    /// smallest one (geth's tolerance: a few runs instead of a full binary search), at
    /// least `floor`; the call's error if it fails with the cap.
    fn min_gas(&self, req: &CallRequest, cap: u64, floor: u64) -> RpcResult<u64> {
        let first = self.exec_call(req, cap)?;
        let used = first.gas_used().max(floor);
        result_output(first)?;
        let ok = |g: u64| {
            self.exec_call(req, g)
                .map(|r| r.is_success())
                .unwrap_or(false)
        };
        if ok(used) {
            return Ok(used);
        }
        let (mut lo, mut hi) = (used, cap);
        // Most calls need little over what they use (EIP-150's 1/64 kept back in nested
        // calls, a refund cap): try near bounds first.
        for near in [used + used / 63 + 3_000, used.saturating_mul(2) + 30_000] {
            if near >= hi {
                break;
            }
            if ok(near) {
                hi = near;
                break;
            }
            lo = near;
        }
        while hi - lo > 1 && (hi - lo) as u128 * 1000 > hi as u128 * 15 {
            let mid = lo + (hi - lo) / 2;
            if ok(mid) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        Ok(hi)
    }

    /// `eth_createAccessList`: the accounts and slots the call touches (except the
    /// sender, the recipient and precompiles, as geth leaves them out), and its gas.
    pub fn access_list(&self, req: &CallRequest) -> RpcResult<(AccessList, u64)> {
        let gas = req.gas.unwrap_or(BLOCK_GAS_LIMIT).min(BLOCK_GAS_LIMIT);
        let r = self.exec_full(req, gas)?;
        let used = r.result.gas_used();
        let mut list: Vec<(Address, Vec<B256>)> = r
            .state
            .iter()
            .filter(|(a, _)| Some(**a) != req.from && Some(**a) != req.to)
            .filter(|(a, _)| {
                let b = a.as_slice();
                !(b[..19].iter().all(|x| *x == 0) && b[19] <= 0x0a)
            })
            .map(|(a, acc)| {
                let mut keys: Vec<B256> = acc.storage.keys().map(|k| B256::from(*k)).collect();
                keys.sort();
                (*a, keys)
            })
            .collect();
        list.sort_by_key(|(a, _)| *a);
        Ok((list, used))
    }
}

impl Chain {
    /// A transaction on the latest state, for mining; keeps the host's gas for tests.
    pub(crate) fn run(
        &mut self,
        tx: TxEnv,
        call_mode: bool,
    ) -> Result<ResultAndState, EVMError<std::convert::Infallible>> {
        let (r, info) = self.latest().run(tx, call_mode);
        self.ext.stylus.last_gas = info.last_gas;
        self.ext.stylus.last_refusal = info.last_refusal;
        r
    }

    /// `eth_call` on the latest state with a state override set.
    pub fn call(
        &self,
        req: &CallRequest,
        overrides: &[(Address, AccountOverride)],
    ) -> RpcResult<Bytes> {
        let mut v = self.latest();
        v.override_with(overrides);
        v.call(req)
    }

    /// `eth_estimateGas` on the latest state with a state override set.
    pub fn estimate_gas_with(
        &self,
        req: &CallRequest,
        overrides: &[(Address, AccountOverride)],
    ) -> RpcResult<u64> {
        let mut v = self.latest();
        v.override_with(overrides);
        v.estimate_gas(req)
    }

    /// `eth_estimateGas` on the latest state.
    pub fn estimate_gas(&self, req: &CallRequest) -> RpcResult<u64> {
        self.latest().estimate_gas(req)
    }
}

fn apply_overrides(db: &mut Db, overrides: &[(Address, AccountOverride)]) {
    for (addr, o) in overrides {
        let mut info = revm::DatabaseRef::basic_ref(db, *addr)
            .ok()
            .flatten()
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
