//! Stylus programs on the dev chain: the code forms (program, fragment, root), running
//! a program through atelier-host, and the host's [`Backend`] over revm's journaled
//! state. What it needs of ArbWasm, ArbWasmCache and ArbOwnerPublic it asks through
//! [`exec::Vm`], so it depends on [`exec`] alone (and the precompiles may use it).

use alloy_primitives::{keccak256, Address, Bytes, Log, B256, U256};
use alloy_sol_types::sol;
use atelier_host::{
    Access, Backend, CallKind, CallRequest, CallResult, CreateRequest, CreateResult, Env, Frame,
    Program, StorageStore,
};
use revm::interpreter::{CallInputs, CallScheme, CallValue, CreateInputs, CreateScheme};

use crate::exec::{self, revert_err, revert_msg, Ctx, ExecError, NativeOutcome, Nested};

sol! {
    /// ArbWasm's error for a call to a program that is not activated (Nitro reverts the
    /// call with it); declared here too so this module need not import ArbWasm.
    error ProgramNotActivated();
}

/// `true` for runnable Stylus code: a program (`0xEF 0xF0 0x00` + dictionary byte +
/// brotli WASM) or a root contract (`0xEF 0xF0 0x02` + dictionary byte + u32 WASM size +
/// fragment addresses), the form cargo-stylus 0.10 uses for programs over 24 KiB.
pub fn is_stylus_code(code: &[u8]) -> bool {
    Program::is_stylus_code(code) || code.starts_with(&ROOT_PREFIX)
}

/// Code any Stylus form starts with (program, fragment, root): exempt from EIP-3541.
pub fn is_stylus_family(code: &[u8]) -> bool {
    code.starts_with(&[0xEF, 0xF0]) && matches!(code.get(2), Some(0..=2))
}

pub const FRAGMENT_PREFIX: [u8; 3] = [0xEF, 0xF0, 0x01];
pub const ROOT_PREFIX: [u8; 3] = [0xEF, 0xF0, 0x02];

/// Turns root-contract code into the single-program form (`0xEFF000` + dictionary +
/// the fragments' brotli stream, concatenated); program code is returned as is.
pub fn resolve(ctx: &mut Ctx, code: &Bytes) -> Result<Result<Bytes, String>, ExecError> {
    if !code.starts_with(&ROOT_PREFIX) {
        return Ok(Ok(code.clone()));
    }
    let Some(&dict) = code.get(3) else {
        return Ok(Err("root contract: no dictionary byte".into()));
    };
    let rest = &code[4.min(code.len())..];
    if rest.len() < 4 || !(rest.len() - 4).is_multiple_of(20) {
        return Ok(Err("root contract: malformed fragment list".into()));
    }
    let declared = u32::from_be_bytes([rest[0], rest[1], rest[2], rest[3]]) as usize;
    let addrs: Vec<Address> = rest[4..]
        .chunks_exact(20)
        .map(Address::from_slice)
        .collect();
    let max = ctx.external.vm.max_fragments();
    if addrs.is_empty() || addrs.len() > max {
        return Ok(Err(format!(
            "root contract: {} fragments (1 to {max} allowed)",
            addrs.len()
        )));
    }
    let mut out = vec![0xEF, 0xF0, 0x00, dict];
    for a in addrs {
        let frag = exec::load_code(ctx, a)?;
        let Some(payload) = frag.strip_prefix(&FRAGMENT_PREFIX[..]) else {
            return Ok(Err(format!("root contract: {a} does not hold a fragment")));
        };
        out.extend_from_slice(payload);
    }
    match atelier_host::program::decode(&out) {
        Ok(wasm) if wasm.len() == declared => Ok(Ok(out.into())),
        Ok(wasm) => Ok(Err(format!(
            "root contract: WASM is {} bytes, root declares {declared}",
            wasm.len()
        ))),
        Err(e) => Ok(Err(e.to_string())),
    }
}

/// Runs the Stylus program `code` for a call frame (value already moved by the caller).
pub fn run(ctx: &mut Ctx, inputs: &CallInputs, code: Bytes) -> Result<NativeOutcome, ExecError> {
    // The account's code hash (computed when the code was deployed): hashing the code
    // here cost milliseconds a call in a debug build.
    let codehash = {
        let inner = &mut ctx.evm.inner;
        match inner
            .journaled_state
            .load_code(inputs.bytecode_address, &mut inner.db)
        {
            Ok(acc) if acc.info.code.is_some() => acc.info.code_hash,
            _ => keccak256(&code),
        }
    };
    let vm = ctx.external.vm;
    if vm.activation(ctx, codehash)?.is_none() {
        return Ok(revert_err(ProgramNotActivated {}, 0));
    }
    // A fragmented program's root resolves to the same program as long as its code is
    // the same (fragments are code too, and code does not change).
    let cached = if code.starts_with(&ROOT_PREFIX) {
        ctx.external.stylus.resolved(codehash)
    } else {
        Some((code.clone(), codehash))
    };
    let (code, hash) = match cached {
        Some(c) => c,
        None => match resolve(ctx, &code)? {
            Ok(c) => {
                let h = keccak256(&c);
                ctx.external
                    .stylus
                    .remember_resolved(codehash, (c.clone(), h));
                (c, h)
            }
            Err(e) => {
                return Ok(revert_msg(
                    format!("program failed to load: {e}"),
                    inputs.gas_limit,
                ))
            }
        },
    };
    let program = match ctx.external.stylus.get_hashed(&code, hash) {
        Ok(p) => p,
        Err(e) => {
            return Ok(revert_msg(
                format!("program failed to load: {e}"),
                inputs.gas_limit,
            ))
        }
    };
    let delegate = matches!(
        inputs.scheme,
        CallScheme::DelegateCall | CallScheme::CallCode
    );
    let frame = Frame {
        address: inputs.target_address,
        code_address: inputs.bytecode_address,
        caller: inputs.caller,
        value: inputs.call_value(),
        input: inputs.input.clone(),
        gas_limit: inputs.gas_limit,
        is_static: inputs.is_static,
        reentrant: ctx.external.stylus.stack.contains(&inputs.target_address),
        depth: ctx.evm.inner.journaled_state.depth() as usize,
    };
    if !delegate {
        ctx.external.stylus.stack.push(inputs.target_address);
    }
    let outcome = atelier_host::execute(&program, &frame, &mut RevmBackend { ctx: &mut *ctx });
    if !delegate {
        ctx.external.stylus.stack.pop();
    }
    if ctx.external.stylus.stack.is_empty() {
        ctx.external.stylus.last_gas = outcome.gas_used;
    }
    #[allow(clippy::clone_on_copy)] // robust to Meter gaining non-Copy fields
    let meter = outcome.meter.clone();
    ctx.external.stylus.last_meter = Some(meter);
    Ok(NativeOutcome {
        success: outcome.success,
        output: outcome.output,
        gas_used: outcome.gas_used,
    })
}

/// The host's view of revm's journaled state.
pub struct RevmBackend<'a> {
    pub ctx: &'a mut Ctx,
}

fn key(k: B256) -> U256 {
    U256::from_be_bytes(k.0)
}

impl Backend for RevmBackend<'_> {
    fn env(&self) -> Env {
        let env = &self.ctx.evm.inner.env;
        Env {
            chain_id: env.cfg.chain_id,
            block_number: env.block.number.saturating_to(),
            timestamp: env.block.timestamp.saturating_to(),
            basefee: env.block.basefee,
            coinbase: env.block.coinbase,
            block_gas_limit: env.block.gas_limit.saturating_to(),
            origin: env.tx.caller,
            gas_price: env.effective_gas_price(),
            ..Env::default()
        }
    }

    fn storage_load(&mut self, contract: Address, k: B256) -> Access<B256> {
        let _ = self.ctx.evm.load_account(contract);
        match self.ctx.evm.sload(contract, key(k)) {
            Ok(s) => Access {
                value: B256::from(s.data),
                cold: s.is_cold,
            },
            Err(_) => Access::cold(B256::ZERO),
        }
    }

    fn storage_store(&mut self, contract: Address, k: B256, value: B256) -> StorageStore {
        let _ = self.ctx.evm.load_account(contract);
        match self.ctx.evm.sstore(contract, key(k), key(value)) {
            Ok(s) => StorageStore {
                original: B256::from(s.data.original_value),
                present: B256::from(s.data.present_value),
                cold: s.is_cold,
            },
            Err(_) => StorageStore::default(),
        }
    }

    fn transient_load(&mut self, contract: Address, k: B256) -> B256 {
        B256::from(self.ctx.evm.tload(contract, key(k)))
    }

    fn transient_store(&mut self, contract: Address, k: B256, value: B256) {
        self.ctx.evm.tstore(contract, key(k), key(value))
    }

    fn balance(&mut self, account: Address) -> Access<U256> {
        match self.ctx.evm.balance(account) {
            Ok(s) => Access {
                value: s.data,
                cold: s.is_cold,
            },
            Err(_) => Access::cold(U256::ZERO),
        }
    }

    fn code(&mut self, account: Address) -> Access<Bytes> {
        match self.ctx.evm.code(account) {
            Ok(s) => Access {
                value: s.data,
                cold: s.is_cold,
            },
            Err(_) => Access::cold(Bytes::new()),
        }
    }

    fn code_hash(&mut self, account: Address) -> Access<B256> {
        match self.ctx.evm.code_hash(account) {
            Ok(s) => Access {
                value: s.data,
                cold: s.is_cold,
            },
            Err(_) => Access::cold(B256::ZERO),
        }
    }

    fn touch_account(&mut self, account: Address) -> Access<bool> {
        match self.ctx.evm.load_account(account) {
            Ok(s) => {
                let exists = !(s.data.is_empty() || s.data.is_loaded_as_not_existing());
                Access {
                    value: exists,
                    cold: s.is_cold,
                }
            }
            Err(_) => Access::cold(false),
        }
    }

    fn call(&mut self, r: CallRequest) -> CallResult {
        let (scheme, target, caller, value) = match r.kind {
            CallKind::Call => (CallScheme::Call, r.to, r.from, CallValue::Transfer(r.value)),
            CallKind::StaticCall => (
                CallScheme::StaticCall,
                r.to,
                r.from,
                CallValue::Transfer(U256::ZERO),
            ),
            CallKind::DelegateCall => (
                CallScheme::DelegateCall,
                r.from,
                r.context_caller,
                CallValue::Apparent(r.value),
            ),
        };
        let callee_is_stylus = exec::load_code(self.ctx, r.to)
            .map(|c| is_stylus_code(&c))
            .unwrap_or(false);
        let inputs = exec::call_inputs(
            caller,
            target,
            r.to,
            value,
            r.input,
            r.gas,
            scheme,
            r.is_static,
        );
        self.ctx.external.stylus.last_meter = None;
        let result = exec::run_nested(self.ctx, Nested::Call(inputs));
        let meter = self
            .ctx
            .external
            .stylus
            .last_meter
            .take()
            .filter(|_| callee_is_stylus);
        match result {
            Ok(revm::FrameResult::Call(o)) => CallResult {
                success: o.result.result.is_ok(),
                output: o.result.output.clone(),
                gas_used: o.result.gas.spent().min(r.gas),
                meter: meter.unwrap_or_default(),
            },
            _ => CallResult::failure(Bytes::new(), r.gas),
        }
    }

    fn create(&mut self, r: CreateRequest) -> CreateResult {
        let scheme = match r.salt {
            Some(s) => CreateScheme::Create2 { salt: key(s) },
            None => CreateScheme::Create,
        };
        let inputs = Box::new(CreateInputs {
            caller: r.from,
            scheme,
            value: r.value,
            init_code: r.init_code,
            gas_limit: r.gas,
        });
        match exec::run_nested(self.ctx, Nested::Create(inputs)) {
            Ok(revm::FrameResult::Create(o)) => {
                let ok = o.result.result.is_ok();
                CreateResult {
                    address: if ok { o.address } else { None },
                    output: if ok {
                        Bytes::new()
                    } else {
                        o.result.output.clone()
                    },
                    gas_used: o.result.gas.spent().min(r.gas),
                }
            }
            _ => CreateResult {
                address: None,
                output: Bytes::new(),
                gas_used: r.gas,
            },
        }
    }

    fn emit_log(&mut self, log: Log) {
        self.ctx.evm.inner.journaled_state.log(log);
    }

    fn stylus_tx(&mut self) -> &mut atelier_host::backend::StylusTx {
        &mut self.ctx.external.stylus.tx
    }

    fn program_cached(&mut self, code_address: Address, _code_hash: B256) -> bool {
        let vm = self.ctx.external.vm;
        vm.program_cached(self.ctx, code_address).unwrap_or(false)
    }
}
