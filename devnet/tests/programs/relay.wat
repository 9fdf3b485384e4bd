;; A small Stylus program for the dev chain's tests, written against the vm_hooks ABI.
;; Calldata: mode byte, then
;;   1: target (20 bytes) ++ payload -> marks slot 0 = 1, calls target with msg.value and
;;      payload, returns or reverts with the callee's data
;;   2: revert data                   -> reverts with it
;;   3: word                          -> stores it at slot 0
;;   other                            -> returns msg.value ++ msg.sender (2 words)
;; and onERC721Received(operator, from, id, data) -> stores `from` at slot 1, accepts.
(module
  (import "vm_hooks" "read_args" (func $read_args (param i32)))
  (import "vm_hooks" "write_result" (func $write_result (param i32 i32)))
  (import "vm_hooks" "msg_value" (func $msg_value (param i32)))
  (import "vm_hooks" "msg_sender" (func $msg_sender (param i32)))
  (import "vm_hooks" "call_contract" (func $call (param i32 i32 i32 i32 i64 i32) (result i32)))
  (import "vm_hooks" "read_return_data" (func $rrd (param i32 i32 i32) (result i32)))
  (import "vm_hooks" "storage_cache_bytes32" (func $cache (param i32 i32)))
  (import "vm_hooks" "storage_flush_cache" (func $flush (param i32)))
  (import "vm_hooks" "evm_gas_left" (func $gas_left (result i64)))
  (memory (export "memory") 1)
  (func (export "user_entrypoint") (param $len i32) (result i32)
    (local $mode i32) (local $status i32) (local $rlen i32)
    (call $read_args (i32.const 1024))
    (local.set $mode (i32.load8_u (i32.const 1024)))
    (if (i32.eq (i32.load (i32.const 1024)) (i32.const 0x027a0b15))
      (then
        (i32.store8 (i32.const 191) (i32.const 1))
        (call $cache (i32.const 160) (i32.const 1060))
        (call $flush (i32.const 0))
        (i32.store (i32.const 256) (i32.const 0x027a0b15))
        (call $write_result (i32.const 256) (i32.const 32))
        (return (i32.const 0))))
    (if (i32.eq (local.get $mode) (i32.const 1))
      (then
        (i32.store8 (i32.const 95) (i32.const 1))
        (call $cache (i32.const 32) (i32.const 64))
        (call $flush (i32.const 0))
        (call $msg_value (i32.const 0))
        (local.set $status
          (call $call (i32.const 1025) (i32.const 1045) (i32.sub (local.get $len) (i32.const 21))
            (i32.const 0) (call $gas_left) (i32.const 128)))
        (local.set $rlen (i32.load (i32.const 128)))
        (drop (call $rrd (i32.const 2048) (i32.const 0) (local.get $rlen)))
        (call $write_result (i32.const 2048) (local.get $rlen))
        (return (i32.ne (local.get $status) (i32.const 0)))))
    (if (i32.eq (local.get $mode) (i32.const 2))
      (then
        (call $write_result (i32.const 1025) (i32.sub (local.get $len) (i32.const 1)))
        (return (i32.const 1))))
    (if (i32.eq (local.get $mode) (i32.const 3))
      (then
        (call $cache (i32.const 32) (i32.const 1025))
        (call $flush (i32.const 0))
        (return (i32.const 0))))
    (call $msg_value (i32.const 0))
    (call $msg_sender (i32.const 44))
    (call $write_result (i32.const 0) (i32.const 64))
    (i32.const 0)))
