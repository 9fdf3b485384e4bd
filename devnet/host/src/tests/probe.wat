;; A test program exercising the host I/Os. The first calldata byte selects a command;
;; see `tests/mod.rs` for the encoding. Memory: args at 0, the call return-data length at
;; 8188, results from 8192.
(module
  (import "vm_hooks" "read_args" (func $read_args (param i32)))
  (import "vm_hooks" "write_result" (func $write_result (param i32 i32)))
  (import "vm_hooks" "storage_load_bytes32" (func $sload (param i32 i32)))
  (import "vm_hooks" "storage_cache_bytes32" (func $scache (param i32 i32)))
  (import "vm_hooks" "storage_flush_cache" (func $flush (param i32)))
  (import "vm_hooks" "call_contract" (func $call (param i32 i32 i32 i32 i64 i32) (result i32)))
  (import "vm_hooks" "static_call_contract" (func $scall (param i32 i32 i32 i64 i32) (result i32)))
  (import "vm_hooks" "delegate_call_contract" (func $dcall (param i32 i32 i32 i64 i32) (result i32)))
  (import "vm_hooks" "read_return_data" (func $rrd (param i32 i32 i32) (result i32)))
  (import "vm_hooks" "msg_reentrant" (func $reentrant (result i32)))
  (import "vm_hooks" "emit_log" (func $log (param i32 i32 i32)))
  (import "vm_hooks" "native_keccak256" (func $keccak (param i32 i32 i32)))
  (import "vm_hooks" "msg_sender" (func $sender (param i32)))
  (import "vm_hooks" "msg_value" (func $value (param i32)))
  (import "vm_hooks" "contract_address" (func $address (param i32)))
  (import "vm_hooks" "account_balance" (func $balance (param i32 i32)))
  (import "vm_hooks" "pay_for_memory_grow" (func $pay (param i32)))
  (import "vm_hooks" "exit_early" (func $exit (param i32)))
  (import "vm_hooks" "block_timestamp" (func $timestamp (result i64)))
  (import "vm_hooks" "transient_load_bytes32" (func $tload (param i32 i32)))
  (import "vm_hooks" "transient_store_bytes32" (func $tstore (param i32 i32)))
  (import "console" "log_i32" (func $log_i32 (param i32)))
  (import "vm_hooks" "create1" (func $create1 (param i32 i32 i32 i32 i32)))
  (import "vm_hooks" "create2" (func $create2 (param i32 i32 i32 i32 i32 i32)))
  (import "vm_hooks" "math_div" (func $math_div (param i32 i32)))
  (import "vm_hooks" "math_mod" (func $math_mod (param i32 i32)))
  (import "vm_hooks" "math_pow" (func $math_pow (param i32 i32)))
  (import "vm_hooks" "math_add_mod" (func $math_add_mod (param i32 i32 i32)))
  (import "vm_hooks" "math_mul_mod" (func $math_mul_mod (param i32 i32 i32)))
  (import "vm_hooks" "account_code" (func $code (param i32 i32 i32 i32) (result i32)))
  (import "vm_hooks" "account_code_size" (func $code_size (param i32) (result i32)))
  (import "vm_hooks" "account_codehash" (func $codehash (param i32 i32)))
  (import "vm_hooks" "evm_gas_left" (func $gas_left (result i64)))
  (import "vm_hooks" "evm_ink_left" (func $ink_left (result i64)))
  (import "vm_hooks" "chainid" (func $chainid (result i64)))
  (import "vm_hooks" "block_number" (func $number (result i64)))
  (import "vm_hooks" "block_gas_limit" (func $gas_limit (result i64)))
  (import "vm_hooks" "block_basefee" (func $basefee (param i32)))
  (import "vm_hooks" "block_coinbase" (func $coinbase (param i32)))
  (import "vm_hooks" "tx_origin" (func $origin (param i32)))
  (import "vm_hooks" "tx_gas_price" (func $gas_price (param i32)))
  (import "vm_hooks" "tx_ink_price" (func $ink_price (result i32)))
  (import "vm_hooks" "return_data_size" (func $rds (result i32)))
  (memory (export "memory") 1)

  ;; status byte, then the last call's return data, as the result
  (func $call_out (param $status i32) (result i32)
    (i32.store8 (i32.const 8192) (local.get $status))
    (drop (call $rrd (i32.const 8193) (i32.const 0) (i32.load (i32.const 8188))))
    (call $write_result (i32.const 8192) (i32.add (i32.load (i32.const 8188)) (i32.const 1)))
    (i32.const 0))

  (func $store_flush
    (call $scache (i32.const 1) (i32.const 33))
    (call $flush (i32.const 0)))

  (func (export "user_entrypoint") (param $len i32) (result i32)
    (local $op i32)
    (local $i i64)
    (call $read_args (i32.const 0))
    (call $log_i32 (local.get $len))
    (local.set $op (i32.load8_u (i32.const 0)))
    ;; 1: store key@1 value@33, flush
    (if (i32.eq (local.get $op) (i32.const 1)) (then
      (call $store_flush) (return (i32.const 0))))
    ;; 2: load key@1, return it
    (if (i32.eq (local.get $op) (i32.const 2)) (then
      (call $sload (i32.const 1) (i32.const 8192))
      (call $write_result (i32.const 8192) (i32.const 32))
      (return (i32.const 0))))
    ;; 3: store and flush, then revert with "nope"
    (if (i32.eq (local.get $op) (i32.const 3)) (then
      (call $store_flush)
      (i32.store (i32.const 8192) (i32.const 0x65706f6e))
      (call $write_result (i32.const 8192) (i32.const 4))
      (return (i32.const 1))))
    ;; 4: call to@1 value@21 calldata@53..
    (if (i32.eq (local.get $op) (i32.const 4)) (then
      (return (call $call_out
        (call $call (i32.const 1) (i32.const 53) (i32.sub (local.get $len) (i32.const 53))
                    (i32.const 21) (i64.const -1) (i32.const 8188))))))
    ;; 5: static call to@1 calldata@21..
    (if (i32.eq (local.get $op) (i32.const 5)) (then
      (return (call $call_out
        (call $scall (i32.const 1) (i32.const 21) (i32.sub (local.get $len) (i32.const 21))
                     (i64.const -1) (i32.const 8188))))))
    ;; 6: delegate call to@1 calldata@21..
    (if (i32.eq (local.get $op) (i32.const 6)) (then
      (return (call $call_out
        (call $dcall (i32.const 1) (i32.const 21) (i32.sub (local.get $len) (i32.const 21))
                     (i64.const -1) (i32.const 8188))))))
    ;; 7: msg_reentrant as one byte
    (if (i32.eq (local.get $op) (i32.const 7)) (then
      (i32.store8 (i32.const 8192) (call $reentrant))
      (call $write_result (i32.const 8192) (i32.const 1))
      (return (i32.const 0))))
    ;; 8: log with args[1] topics, topics and data from @2
    (if (i32.eq (local.get $op) (i32.const 8)) (then
      (call $log (i32.const 2) (i32.sub (local.get $len) (i32.const 2)) (i32.load8_u (i32.const 1)))
      (return (i32.const 0))))
    ;; 9: keccak of args[1..]
    (if (i32.eq (local.get $op) (i32.const 9)) (then
      (call $keccak (i32.const 1) (i32.sub (local.get $len) (i32.const 1)) (i32.const 8192))
      (call $write_result (i32.const 8192) (i32.const 32))
      (return (i32.const 0))))
    ;; 10: loop forever
    (if (i32.eq (local.get $op) (i32.const 10)) (then
      (loop $l (local.set $i (i64.add (local.get $i) (i64.const 1))) (br $l))))
    ;; 11: trap
    (if (i32.eq (local.get $op) (i32.const 11)) (then (unreachable)))
    ;; 12: msg_sender ++ msg_value ++ contract_address
    (if (i32.eq (local.get $op) (i32.const 12)) (then
      (call $sender (i32.const 8192))
      (call $value (i32.const 8212))
      (call $address (i32.const 8244))
      (call $write_result (i32.const 8192) (i32.const 72))
      (return (i32.const 0))))
    ;; 13: balance of address@1
    (if (i32.eq (local.get $op) (i32.const 13)) (then
      (call $balance (i32.const 1) (i32.const 8192))
      (call $write_result (i32.const 8192) (i32.const 32))
      (return (i32.const 0))))
    ;; 14: store without flushing
    (if (i32.eq (local.get $op) (i32.const 14)) (then
      (call $scache (i32.const 1) (i32.const 33))
      (return (i32.const 0))))
    ;; 15: grow memory by args[1] pages, return the new size in pages
    (if (i32.eq (local.get $op) (i32.const 15)) (then
      (drop (memory.grow (i32.load8_u (i32.const 1))))
      (i32.store (i32.const 8192) (memory.size))
      (call $write_result (i32.const 8192) (i32.const 4))
      (return (i32.const 0))))
    ;; 16: call like 4, then revert
    (if (i32.eq (local.get $op) (i32.const 16)) (then
      (drop (call $call_out
        (call $call (i32.const 1) (i32.const 53) (i32.sub (local.get $len) (i32.const 53))
                    (i32.const 21) (i64.const -1) (i32.const 8188))))
      (return (i32.const 1))))
    ;; 17: write "early", exit_early(args[1])
    (if (i32.eq (local.get $op) (i32.const 17)) (then
      (i32.store (i32.const 8192) (i32.const 0x6c726165))
      (i32.store8 (i32.const 8196) (i32.const 0x79))
      (call $write_result (i32.const 8192) (i32.const 5))
      (call $exit (i32.load8_u (i32.const 1)))
      (unreachable)))
    ;; 18: block timestamp (8 bytes little endian)
    (if (i32.eq (local.get $op) (i32.const 18)) (then
      (i64.store (i32.const 8192) (call $timestamp))
      (call $write_result (i32.const 8192) (i32.const 8))
      (return (i32.const 0))))
    ;; 19: transient store key@1 value@33, then load it back
    (if (i32.eq (local.get $op) (i32.const 19)) (then
      (call $tstore (i32.const 1) (i32.const 33))
      (call $tload (i32.const 1) (i32.const 8192))
      (call $write_result (i32.const 8192) (i32.const 32))
      (return (i32.const 0))))
    ;; 20: write result from a pointer far out of bounds
    (if (i32.eq (local.get $op) (i32.const 20)) (then
      (call $write_result (i32.const 0x7fffffff) (i32.const 64))
      (return (i32.const 0))))
    ;; 21: load key@1 twice (the second read hits the storage cache)
    (if (i32.eq (local.get $op) (i32.const 21)) (then
      (call $sload (i32.const 1) (i32.const 8192))
      (call $sload (i32.const 1) (i32.const 8192))
      (call $write_result (i32.const 8192) (i32.const 32))
      (return (i32.const 0))))
    ;; 22: load key@1, then call to@33 value@53 calldata@85..
    (if (i32.eq (local.get $op) (i32.const 22)) (then
      (call $sload (i32.const 1) (i32.const 8192))
      (return (call $call_out
        (call $call (i32.const 33) (i32.const 85) (i32.sub (local.get $len) (i32.const 85))
                    (i32.const 53) (i64.const -1) (i32.const 8188))))))
    ;; 23: create1 (args[1]=0) or create2 (args[1]=1): endowment@2, salt@34, code@66..
    (if (i32.eq (local.get $op) (i32.const 23)) (then
      (if (i32.eqz (i32.load8_u (i32.const 1)))
        (then (call $create1 (i32.const 66) (i32.sub (local.get $len) (i32.const 66)) (i32.const 2)
                             (i32.const 8192) (i32.const 8212)))
        (else (call $create2 (i32.const 66) (i32.sub (local.get $len) (i32.const 66)) (i32.const 2)
                             (i32.const 34) (i32.const 8192) (i32.const 8212))))
      (call $write_result (i32.const 8192) (i32.const 24))
      (return (i32.const 0))))
    ;; 24: math args[1] (0 div, 1 mod, 2 pow, 3 addmod, 4 mulmod) on a@2 b@34 c@66
    (if (i32.eq (local.get $op) (i32.const 24)) (then
      (local.set $op (i32.load8_u (i32.const 1)))
      (if (i32.eq (local.get $op) (i32.const 0)) (then (call $math_div (i32.const 2) (i32.const 34))))
      (if (i32.eq (local.get $op) (i32.const 1)) (then (call $math_mod (i32.const 2) (i32.const 34))))
      (if (i32.eq (local.get $op) (i32.const 2)) (then (call $math_pow (i32.const 2) (i32.const 34))))
      (if (i32.eq (local.get $op) (i32.const 3)) (then (call $math_add_mod (i32.const 2) (i32.const 34) (i32.const 66))))
      (if (i32.eq (local.get $op) (i32.const 4)) (then (call $math_mul_mod (i32.const 2) (i32.const 34) (i32.const 66))))
      (call $write_result (i32.const 2) (i32.const 32))
      (return (i32.const 0))))
    ;; 25: of address@1: code size (4) ++ code hash (32) ++ copied length (4) ++ code[0..4]
    (if (i32.eq (local.get $op) (i32.const 25)) (then
      (i32.store (i32.const 8192) (call $code_size (i32.const 1)))
      (call $codehash (i32.const 1) (i32.const 8196))
      (i32.store (i32.const 8228) (call $code (i32.const 1) (i32.const 0) (i32.const 4) (i32.const 8232)))
      (call $write_result (i32.const 8192) (i32.const 44))
      (return (i32.const 0))))
    ;; 26: evm_gas_left, evm_ink_left, evm_gas_left again (3 x 8 bytes)
    (if (i32.eq (local.get $op) (i32.const 26)) (then
      (i64.store (i32.const 8192) (call $gas_left))
      (i64.store (i32.const 8200) (call $ink_left))
      (i64.store (i32.const 8208) (call $gas_left))
      (call $write_result (i32.const 8192) (i32.const 24))
      (return (i32.const 0))))
    ;; 27: chainid, block number, block gas limit (3 x 8), basefee (32), coinbase (20),
    ;; origin (20), gas price (32), ink price (4), return_data_size (4)
    (if (i32.eq (local.get $op) (i32.const 27)) (then
      (i64.store (i32.const 8192) (call $chainid))
      (i64.store (i32.const 8200) (call $number))
      (i64.store (i32.const 8208) (call $gas_limit))
      (call $basefee (i32.const 8216))
      (call $coinbase (i32.const 8248))
      (call $origin (i32.const 8268))
      (call $gas_price (i32.const 8288))
      (i32.store (i32.const 8320) (call $ink_price))
      (i32.store (i32.const 8324) (call $rds))
      (call $write_result (i32.const 8192) (i32.const 136))
      (return (i32.const 0))))
    ;; anything else: succeed with no output (e.g. plain ETH transfers)
    (i32.const 0))
)
