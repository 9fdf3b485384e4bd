//! The wasmi linker: every import of [`crate::hostio::IMPORTS`] bound to its [`Host`] method.

use wasmi::{Caller, Error, Linker};

use super::Host;
use crate::{
    backend::CallKind,
    engine::{HostState, HostTrap},
    gas::{ADD_MOD_INK, DIV_INK, HOSTIO_INK, MUL_MOD_INK, PTR_INK},
};

/// Build the linker with every import of [`IMPORTS`].
fn build_linker() -> Linker<HostState> {
    let mut l = Linker::new(crate::program::engine());
    macro_rules! link {
        ($name:literal, |$h:ident $(, $a:ident : $t:ty)*| $(-> $r:ty)? $body:block) => {
            l.func_wrap("vm_hooks", $name, |c: Caller<'_, HostState>, $($a: $t),*| $(-> Result<$r, Error>)? {
                let mut $h = Host(c);
                $body
            }).expect("unique import");
        };
    }
    link!("read_args", |h, p: u32| -> () { h.read_args(p) });
    link!("write_result", |h, p: u32, n: u32| -> () { h.write_result(p, n) });
    link!("exit_early", |_h, s: u32| -> () { Err(Error::host(HostTrap::Exit(s))) });
    link!("storage_load_bytes32", |h, k: u32, d: u32| -> () { h.storage_load_bytes32(k, d) });
    link!("storage_cache_bytes32", |h, k: u32, v: u32| -> () { h.storage_cache_bytes32(k, v) });
    link!("storage_flush_cache", |h, c: u32| -> () { h.storage_flush_cache(c) });
    link!("transient_load_bytes32", |h, k: u32, d: u32| -> () { h.transient_load_bytes32(k, d) });
    link!("transient_store_bytes32", |h, k: u32, v: u32| -> () { h.transient_store_bytes32(k, v) });
    link!("call_contract", |h, c: u32, d: u32, n: u32, v: u32, g: u64, r: u32| -> u32 {
        h.call(CallKind::Call, c, d, n, Some(v), g, r)
    });
    link!("delegate_call_contract", |h, c: u32, d: u32, n: u32, g: u64, r: u32| -> u32 {
        h.call(CallKind::DelegateCall, c, d, n, None, g, r)
    });
    link!("static_call_contract", |h, c: u32, d: u32, n: u32, g: u64, r: u32| -> u32 {
        h.call(CallKind::StaticCall, c, d, n, None, g, r)
    });
    link!("create1", |h, c: u32, n: u32, e: u32, a: u32, r: u32| -> () {
        h.create(c, n, e, None, a, r)
    });
    link!("create2", |h, c: u32, n: u32, e: u32, s: u32, a: u32, r: u32| -> () {
        h.create(c, n, e, Some(s), a, r)
    });
    link!("read_return_data", |h, d: u32, o: u32, s: u32| -> u32 { h.read_return_data(d, o, s) });
    link!("return_data_size", |h| -> u32 { h.return_data_size() });
    link!("emit_log", |h, d: u32, n: u32, t: u32| -> () { h.emit_log(d, n, t) });
    link!("account_balance", |h, a: u32, d: u32| -> () { h.account_balance(a, d) });
    link!("account_code", |h, a: u32, o: u32, s: u32, d: u32| -> u32 {
        h.account_code(a, o, s, d)
    });
    link!("account_codehash", |h, a: u32, d: u32| -> () { h.account_codehash(a, d) });
    link!("account_code_size", |h, a: u32| -> u32 { h.account_code_size(a) });
    link!("evm_gas_left", |h| -> u64 {
        h.hostio(HOSTIO_INK)?;
        h.gas_left()
    });
    link!("evm_ink_left", |h| -> u64 {
        h.hostio(HOSTIO_INK)?;
        h.ink_left()
    });
    link!("block_basefee", |h, p: u32| -> () {
        let v = h.0.data().env.basefee.to_be_bytes::<32>();
        h.write_env(p, &v)
    });
    link!("chainid", |h| -> u64 { h.env_u64(|s| s.env.chain_id) });
    link!("block_coinbase", |h, p: u32| -> () {
        let v = h.0.data().env.coinbase;
        h.write_env(p, v.as_slice())
    });
    link!("block_gas_limit", |h| -> u64 { h.env_u64(|s| s.env.block_gas_limit) });
    link!("block_number", |h| -> u64 { h.env_u64(|s| s.env.block_number) });
    link!("block_timestamp", |h| -> u64 { h.env_u64(|s| s.env.timestamp) });
    link!("contract_address", |h, p: u32| -> () {
        let v = h.address();
        h.write_env(p, v.as_slice())
    });
    link!("math_div", |h, a: u32, b: u32| -> () {
        h.math2(HOSTIO_INK + 3 * PTR_INK + DIV_INK, a, b, |x, y| {
            x.checked_div(y).unwrap_or_default()
        })
    });
    link!("math_mod", |h, a: u32, b: u32| -> () {
        h.math2(HOSTIO_INK + 3 * PTR_INK + DIV_INK, a, b, |x, y| {
            x.checked_rem(y).unwrap_or_default()
        })
    });
    link!("math_pow", |h, a: u32, b: u32| -> () { h.math_pow(a, b) });
    link!("math_add_mod", |h, a: u32, b: u32, c: u32| -> () {
        h.math3(HOSTIO_INK + 4 * PTR_INK + ADD_MOD_INK, a, b, c, |x, y, z| x.add_mod(y, z))
    });
    link!("math_mul_mod", |h, a: u32, b: u32, c: u32| -> () {
        h.math3(HOSTIO_INK + 4 * PTR_INK + MUL_MOD_INK, a, b, c, |x, y, z| x.mul_mod(y, z))
    });
    link!("msg_reentrant", |h| -> u32 {
        h.hostio(HOSTIO_INK)?;
        Ok(u32::from(h.0.data().frame.reentrant))
    });
    link!("msg_sender", |h, p: u32| -> () {
        let v = h.0.data().frame.caller;
        h.write_env(p, v.as_slice())
    });
    link!("msg_value", |h, p: u32| -> () {
        let v = h.0.data().frame.value.to_be_bytes::<32>();
        h.write_env(p, &v)
    });
    link!("tx_gas_price", |h, p: u32| -> () {
        let v = h.0.data().env.gas_price.to_be_bytes::<32>();
        h.write_env(p, &v)
    });
    link!("tx_ink_price", |h| -> u32 {
        h.hostio(HOSTIO_INK)?;
        Ok(h.0.data().env.ink_price)
    });
    link!("tx_origin", |h, p: u32| -> () {
        let v = h.0.data().env.origin;
        h.write_env(p, v.as_slice())
    });
    link!("pay_for_memory_grow", |h, p: u32| -> () { h.pay_for_memory_grow(p) });
    link!("native_keccak256", |h, i: u32, n: u32, o: u32| -> () { h.native_keccak256(i, n, o) });

    // console: debug output, free and silent here.
    let console = "console";
    l.func_wrap(console, "log_txt", |_: Caller<'_, HostState>, _: u32, _: u32| {}).expect("unique");
    l.func_wrap(console, "log_i32", |_: Caller<'_, HostState>, _: u32| {}).expect("unique");
    l.func_wrap(console, "log_i64", |_: Caller<'_, HostState>, _: u64| {}).expect("unique");
    l.func_wrap(console, "log_f32", |_: Caller<'_, HostState>, _: f32| {}).expect("unique");
    l.func_wrap(console, "log_f64", |_: Caller<'_, HostState>, _: f64| {}).expect("unique");
    l.func_wrap(console, "tee_i32", |_: Caller<'_, HostState>, x: u32| x).expect("unique");
    l.func_wrap(console, "tee_i64", |_: Caller<'_, HostState>, x: u64| x).expect("unique");
    l.func_wrap(console, "tee_f32", |_: Caller<'_, HostState>, x: f32| x).expect("unique");
    l.func_wrap(console, "tee_f64", |_: Caller<'_, HostState>, x: f64| x).expect("unique");
    l
}

thread_local! {
    static LINKER: Linker<HostState> = build_linker();
}

/// Run `f` with this thread's linker.
pub(crate) fn with_linker<R>(f: impl FnOnce(&Linker<HostState>) -> R) -> R {
    LINKER.with(f)
}
