//! Native mock contracts: Rust code living at an address of a [`crate::World`].
//!
//! A mock receives a [`NativeCtx`] that exposes its call (sender, value, calldata, static
//! flag) and the world, through which it can read and write its own (journaled) storage,
//! move ETH, emit logs and make nested calls — e.g. an ERC-721 collection whose
//! `safeTransferFrom` calls `onERC721Received` on a Stylus vault, or a wallet that accepts
//! or refuses ETH.
//!
//! Mocks are shared (`Rc`) and called through `&self`: a mock may be re-entered by a call it
//! makes, so keep any Rust-side state in `Cell`/`RefCell` without holding a borrow across a
//! nested call, or better, in [`NativeCtx::sload`]/[`NativeCtx::sstore`], which is journaled
//! (rolled back with the frame) like any contract's storage.

use alloy_primitives::{Address, Bytes, Log, B256, U256};

use crate::{
    backend::{CallKind, Env},
    meter::Meter,
    world::World,
};

/// What a native call returns: `Ok(return data)` or `Err(revert data)`.
pub type NativeResult = Result<Vec<u8>, Vec<u8>>;

/// The call a native mock is serving.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NativeCall {
    /// The mock's own address.
    pub address: Address,
    /// `msg.sender`.
    pub caller: Address,
    /// `msg.value` (already credited to `address`).
    pub value: U256,
    /// Calldata.
    pub input: Bytes,
    /// `true` if the mock must not change state.
    pub is_static: bool,
    /// How the mock was reached.
    pub kind: CallKind,
    /// Call depth (0 = top-level).
    pub depth: usize,
}

/// A Rust mock contract. Closures `Fn(&mut NativeCtx) -> NativeResult` implement it.
pub trait NativeContract {
    /// Serve one call. Return `Err(revert data)` to revert: the world rolls back everything
    /// the call did, nested calls included.
    fn call(&self, ctx: &mut NativeCtx<'_>) -> NativeResult;
}

impl<F> NativeContract for F
where
    F: Fn(&mut NativeCtx<'_>) -> NativeResult,
{
    fn call(&self, ctx: &mut NativeCtx<'_>) -> NativeResult {
        self(ctx)
    }
}

/// A native mock's view of its call and of the world.
pub struct NativeCtx<'w> {
    pub(crate) world: &'w mut World,
    pub(crate) call: NativeCall,
    gas_left: u64,
    gas_used: u64,
    meter: Meter,
}

impl<'w> NativeCtx<'w> {
    pub(crate) fn new(world: &'w mut World, call: NativeCall, gas: u64) -> Self {
        NativeCtx { world, call, gas_left: gas, gas_used: 0, meter: Meter::default() }
    }

    /// Gas used by the mock's nested calls, and their meters.
    pub(crate) fn finish(self) -> (u64, Meter) {
        (self.gas_used, self.meter)
    }

    fn nested(&mut self, kind: CallKind, to: Address, value: U256, input: &[u8]) -> NativeResult {
        let gas = self.gas_left - self.gas_left / 64;
        let res = self.world.nested_call(
            kind,
            self.call.address,
            self.call.caller,
            to,
            value,
            input,
            gas,
            self.call.depth + 1,
            self.call.is_static,
        );
        let used = res.gas_used.min(self.gas_left);
        self.gas_left -= used;
        self.gas_used += used;
        let mut meter = res.meter;
        if !res.success {
            meter.refund = 0;
        }
        self.meter.add_nested(&meter);
        if res.success {
            Ok(res.output.to_vec())
        } else {
            Err(res.output.to_vec())
        }
    }

    /// The call being served.
    pub fn call_info(&self) -> &NativeCall {
        &self.call
    }

    /// Calldata.
    pub fn input(&self) -> &[u8] {
        &self.call.input
    }

    /// `msg.sender`.
    pub fn caller(&self) -> Address {
        self.call.caller
    }

    /// `msg.value`.
    pub fn value(&self) -> U256 {
        self.call.value
    }

    /// The mock's own address.
    pub fn address(&self) -> Address {
        self.call.address
    }

    /// Block and transaction environment.
    pub fn env(&self) -> Env {
        self.world.env().clone()
    }

    /// Gas left to the mock for nested calls.
    pub fn gas_left(&self) -> u64 {
        self.gas_left
    }

    /// Read the mock's own storage slot (journaled).
    pub fn sload(&mut self, key: B256) -> B256 {
        self.world.storage(self.call.address, key)
    }

    /// Write the mock's own storage slot (journaled). Fails in a static call.
    pub fn sstore(&mut self, key: B256, value: B256) -> Result<(), Vec<u8>> {
        if self.call.is_static {
            return Err(Vec::new());
        }
        self.world.journal_store(self.call.address, key, value);
        Ok(())
    }

    /// Balance of any account.
    pub fn balance(&self, account: Address) -> U256 {
        self.world.balance(account)
    }

    /// Emit a log from the mock's address. Fails in a static call.
    pub fn emit(&mut self, topics: Vec<B256>, data: impl Into<Bytes>) -> Result<(), Vec<u8>> {
        if self.call.is_static {
            return Err(Vec::new());
        }
        let log = Log::new_unchecked(self.call.address, topics, data.into());
        self.world.journal_log(log);
        Ok(())
    }

    /// Call another contract (or send ETH to an account) from the mock, with `value`.
    /// Returns `Ok(return data)` or `Err(revert data)`; a failed call's effects are rolled
    /// back, the mock's own effects are kept unless it reverts too.
    pub fn call(&mut self, to: Address, value: U256, input: &[u8]) -> NativeResult {
        if self.call.is_static && !value.is_zero() {
            return Err(Vec::new());
        }
        self.nested(CallKind::Call, to, value, input)
    }

    /// Static-call another contract from the mock.
    pub fn static_call(&mut self, to: Address, input: &[u8]) -> NativeResult {
        self.nested(CallKind::StaticCall, to, U256::ZERO, input)
    }

    /// The world itself, for anything else (read-only use recommended).
    pub fn world(&mut self) -> &mut World {
        self.world
    }
}
