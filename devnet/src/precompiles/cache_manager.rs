//! The CacheManager: the contract `cargo stylus cache bid|status|suggest-bid` talks to
//! (it finds it as the last of ArbWasmCache's `allCacheManagers`). Native here, at the
//! address Nitro's dev node deploys it to, with the interface and semantics of
//! nitro-contracts' CacheManager (`placeBid(address)` generation):
//!
//! - the cache holds at most [`CACHE_SIZE`] bytes of programs ("asm size", at least
//!   4 KiB each; the dev chain's asm size is the decompressed WASM size);
//! - a bid is `msg.value + decay * block.timestamp` (decay is 0 here: bids keep their
//!   value); placing one evicts the lowest bids (lowest bid first, then the oldest slot)
//!   until the program fits, and fails with `BidTooSmall` if it is below the highest bid
//!   it had to evict; a winning bid caches the program through ArbWasmCache;
//! - `getMinBid` is the bid that would win now (0 while the program fits in free space);
//! - the owner functions need a chain owner, and the dev chain has none.
//!
//! Differences from the Solidity contract, all in corner cases: `getMinBid(size)` is 0
//! when the program fits exactly in the free space, and never loops on zero bids.
//! Bids stay in this account's balance. State: this account's storage (see [`Queue`]).

use alloy_primitives::{keccak256, Address, Bytes, Log, B256, U256};
use alloy_sol_types::{sol, SolCall, SolEvent};
use revm::interpreter::CallInputs;

use super::{arbwasm, arbwasmcache, ret, revert_err, unknown, CACHE_MANAGER, VIEW_GAS};
use crate::exec::{self, Ctx, ExecError, NativeOutcome};

sol! {
    struct Entry {
        bytes32 code;
        uint64 size;
        uint192 bid;
    }

    function cacheSize() external view returns (uint64);
    function queueSize() external view returns (uint64);
    function decay() external view returns (uint64);
    function isPaused() external view returns (bool);
    function entries(uint256 index) external view returns (bytes32 code, uint64 size, uint192 bid);
    function getEntries() external view returns (Entry[] memory);
    function getSmallestEntries(uint256 k) external view returns (Entry[] memory result);
    function getMinBid(uint64 size) external view returns (uint192 min);
    function getMinBid(address program) external view returns (uint192 min);
    function placeBid(address program) external payable;
    function makeSpace(uint64 size) external payable returns (uint64 space);
    function setCacheSize(uint64 newSize) external;
    function setDecayRate(uint64 newDecay) external;
    function paused() external;
    function unpause() external;
    function evictAll() external;
    function evictPrograms(uint256 count) external;

    error NotChainOwner(address sender);
    error AsmTooLarge(uint256 asm, uint256 queueSize, uint256 cacheSize);
    error AlreadyCached(bytes32 codehash);
    error BidTooLarge(uint256 bid);
    error BidTooSmall(uint192 bid, uint192 min);
    error BidsArePaused();
    error MakeSpaceTooLarge(uint64 size, uint64 limit);

    event InsertBid(bytes32 indexed codehash, uint192 bid, uint64 size);
    event DeleteBid(bytes32 indexed codehash, uint192 bid, uint64 size);
}

/// Bytes of programs the cache holds (a dev-chain figure).
pub const CACHE_SIZE: u64 = 4 << 20;
/// Bid decay per second (0: bids keep their value on the dev chain).
pub const DECAY: u64 = 0;
/// Most bytes one `makeSpace` may free.
pub const MAX_MAKE_SPACE: u64 = 5 << 20;
/// Programs count as at least this many bytes.
pub const MIN_ASM_SIZE: u64 = 4096;
/// Gas of a bid besides the evictions and ArbWasmCache's charge (dev-chain figures of the
/// Solidity contract's order: its storage writes, heap update, calls and event).
pub const PLACE_BID_GAS: u64 = 90_000;
/// Gas of each eviction besides ArbWasmCache's charge.
pub const EVICT_GAS: u64 = 15_000;
/// A view that walks the queue: base plus per entry.
pub const ENTRY_VIEW_GAS: u64 = 2_200;

/// One bid in the queue (a deleted one has a zero code hash).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Bid {
    pub code: B256,
    pub size: u64,
    /// A uint192.
    pub bid: U256,
}

/// The queue: entries by index (deleted ones zeroed, their index reused), and the bytes
/// the live ones take. Stored as slot 0 = queue size, slot 1 = entry count, and entry `i`
/// at `keccak("atelier.cache-manager.entries") + 2i` (code) and `+ 2i + 1`
/// (`bid << 64 | size`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Queue {
    pub entries: Vec<Bid>,
    pub queue_size: u64,
}

/// Why a bid or a space request fails.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    AsmTooLarge { asm: u64, queue: u64, cache: u64 },
    BidTooSmall { bid: U256, min: U256 },
}

impl Queue {
    /// Live entries' indices, lowest bid first (then lowest index): the heap's pop order.
    pub fn by_bid(&self) -> Vec<usize> {
        let mut live: Vec<usize> = (0..self.entries.len())
            .filter(|&i| self.entries[i].code != B256::ZERO)
            .collect();
        live.sort_by_key(|&i| (self.entries[i].bid, i));
        live
    }

    /// The lowest bid (before decay) that would place `size` bytes now.
    pub fn min_bid(&self, size: u64, cache_size: u64) -> Result<U256, Refusal> {
        if size > cache_size {
            return Err(Refusal::AsmTooLarge {
                asm: size,
                queue: 0,
                cache: cache_size,
            });
        }
        let mut free = cache_size.saturating_sub(self.queue_size);
        if size <= free {
            return Ok(U256::ZERO);
        }
        let mut min = U256::ZERO;
        for i in self.by_bid() {
            let e = self.entries[i];
            free += e.size;
            min = e.bid;
            if free >= size {
                break;
            }
        }
        Ok(min)
    }

    /// Evicts the lowest bids until `size` more bytes fit, refusing a `bid` below the
    /// highest bid evicted. Returns the evicted entries and the index a new entry takes
    /// (the last evicted one's, or a new one).
    pub fn make_space(
        &mut self,
        size: u64,
        cache_size: u64,
        bid: U256,
    ) -> Result<(Vec<Bid>, usize), Refusal> {
        let mut index = self.entries.len();
        let mut evicted = Vec::new();
        let mut min = U256::ZERO;
        let order = self.by_bid();
        let mut next = order.into_iter();
        while self.queue_size + size > cache_size {
            let Some(i) = next.next() else {
                return Err(Refusal::AsmTooLarge {
                    asm: size,
                    queue: self.queue_size,
                    cache: cache_size,
                });
            };
            let e = std::mem::take(&mut self.entries[i]);
            self.queue_size -= e.size;
            min = e.bid;
            index = i;
            evicted.push(e);
        }
        if bid < min {
            return Err(Refusal::BidTooSmall { bid, min });
        }
        Ok((evicted, index))
    }

    /// Places a bid of `bid` for `code` of `size` bytes; the evicted entries on success.
    pub fn place(
        &mut self,
        code: B256,
        size: u64,
        cache_size: u64,
        bid: U256,
    ) -> Result<Vec<Bid>, Refusal> {
        if size > cache_size {
            return Err(Refusal::AsmTooLarge {
                asm: size,
                queue: self.queue_size,
                cache: cache_size,
            });
        }
        let (evicted, index) = self.make_space(size, cache_size, bid)?;
        let entry = Bid { code, size, bid };
        if index == self.entries.len() {
            self.entries.push(entry);
        } else {
            self.entries[index] = entry;
        }
        self.queue_size += size;
        Ok(evicted)
    }
}

fn entries_base() -> U256 {
    U256::from_be_bytes(keccak256("atelier.cache-manager.entries").0)
}

fn sload(ctx: &mut Ctx, slot: U256) -> Result<U256, ExecError> {
    Ok(ctx.evm.sload(CACHE_MANAGER, slot)?.data)
}

fn load(ctx: &mut Ctx) -> Result<Queue, ExecError> {
    ctx.evm.load_account(CACHE_MANAGER)?;
    let queue_size = sload(ctx, U256::ZERO)?.saturating_to::<u64>();
    let count = sload(ctx, U256::from(1))?.saturating_to::<usize>();
    let base = entries_base();
    let mut entries = Vec::with_capacity(count);
    for i in 0..count {
        let at = base.wrapping_add(U256::from(2 * i));
        let code = B256::from(sload(ctx, at)?);
        let packed = sload(ctx, at.wrapping_add(U256::from(1)))?;
        entries.push(Bid {
            code,
            size: (packed & U256::from(u64::MAX)).to::<u64>(),
            bid: packed >> 64usize,
        });
    }
    Ok(Queue {
        entries,
        queue_size,
    })
}

/// Writes the slots that differ from `old`.
fn save(ctx: &mut Ctx, old: &Queue, new: &Queue) -> Result<(), ExecError> {
    if old.queue_size != new.queue_size {
        ctx.evm
            .sstore(CACHE_MANAGER, U256::ZERO, U256::from(new.queue_size))?;
    }
    if old.entries.len() != new.entries.len() {
        ctx.evm
            .sstore(CACHE_MANAGER, U256::from(1), U256::from(new.entries.len()))?;
    }
    let base = entries_base();
    for (i, e) in new.entries.iter().enumerate() {
        if old.entries.get(i) == Some(e) {
            continue;
        }
        let at = base.wrapping_add(U256::from(2 * i));
        ctx.evm
            .sstore(CACHE_MANAGER, at, U256::from_be_bytes(e.code.0))?;
        let packed = (e.bid << 64usize) | U256::from(e.size);
        ctx.evm
            .sstore(CACHE_MANAGER, at.wrapping_add(U256::from(1)), packed)?;
    }
    Ok(())
}

fn decay_now(ctx: &Ctx) -> U256 {
    ctx.evm.inner.env.block.timestamp * U256::from(DECAY)
}

fn log(ctx: &mut Ctx, data: alloy_primitives::LogData) {
    ctx.evm.inner.journaled_state.log(Log {
        address: CACHE_MANAGER,
        data,
    });
}

/// `_asmSize`: the program's asm size from ArbWasm (at least 4 KiB), or ArbWasm's revert
/// (`ProgramNotActivated`, ...), which the Solidity contract lets bubble up.
fn asm_size(ctx: &mut Ctx, codehash: B256) -> Result<Result<u64, NativeOutcome>, ExecError> {
    Ok(match arbwasm::activation(ctx, codehash)? {
        None => Err(revert_err(arbwasm::ProgramNotActivated {}, VIEW_GAS)),
        Some((v, _)) if v != arbwasm::STYLUS_VERSION => Err(revert_err(
            arbwasm::ProgramNeedsUpgrade {
                version: v,
                stylusVersion: arbwasm::STYLUS_VERSION,
            },
            VIEW_GAS,
        )),
        Some((_, asm)) => Ok((asm as u64).max(MIN_ASM_SIZE)),
    })
}

fn refusal(r: Refusal, gas: u64) -> NativeOutcome {
    match r {
        Refusal::AsmTooLarge { asm, queue, cache } => revert_err(
            AsmTooLarge {
                asm: U256::from(asm),
                queueSize: U256::from(queue),
                cacheSize: U256::from(cache),
            },
            gas,
        ),
        Refusal::BidTooSmall { bid, min } => revert_err(
            BidTooSmall {
                bid: bid.saturating_to(),
                min: min.saturating_to(),
            },
            gas,
        ),
    }
}

fn to_entry(b: &Bid) -> Entry {
    Entry {
        code: b.code,
        size: b.size,
        bid: b.bid.saturating_to(),
    }
}

/// The bid `msg.value` makes now (`_toBid`), or the `BidTooLarge` revert.
fn to_bid(ctx: &Ctx, value: U256) -> Result<U256, NativeOutcome> {
    let bid = value.saturating_add(decay_now(ctx));
    let max = (U256::from(1) << 192usize) - U256::from(1);
    if bid > max {
        return Err(revert_err(BidTooLarge { bid }, VIEW_GAS));
    }
    Ok(bid)
}

/// Evicts `evicted` from ArbOS's cache and logs `DeleteBid` for each; the gas used.
fn evict_all(ctx: &mut Ctx, evicted: &[Bid]) -> Result<Result<u64, NativeOutcome>, ExecError> {
    let mut gas = 0;
    for e in evicted {
        match arbwasmcache::set_cached(ctx, CACHE_MANAGER, e.code, None, false)? {
            Ok(g) => gas += g + EVICT_GAS,
            Err(revert) => return Ok(Err(revert)),
        }
        let event = DeleteBid {
            codehash: e.code,
            bid: e.bid.saturating_to(),
            size: e.size,
        };
        log(ctx, event.encode_log_data());
    }
    Ok(Ok(gas))
}

fn place_bid(ctx: &mut Ctx, program: Address, value: U256) -> Result<NativeOutcome, ExecError> {
    let codehash = ctx.evm.code_hash(program)?.data;
    if arbwasmcache::codehash_cached(ctx, codehash)? {
        return Ok(revert_err(AlreadyCached { codehash }, VIEW_GAS));
    }
    let size = match asm_size(ctx, codehash)? {
        Ok(s) => s,
        Err(revert) => return Ok(revert),
    };
    let bid = match to_bid(ctx, value) {
        Ok(b) => b,
        Err(revert) => return Ok(revert),
    };
    let old = load(ctx)?;
    let mut queue = old.clone();
    let evicted = match queue.place(codehash, size, CACHE_SIZE, bid) {
        Ok(e) => e,
        Err(r) => return Ok(refusal(r, VIEW_GAS)),
    };
    let mut gas = PLACE_BID_GAS;
    match evict_all(ctx, &evicted)? {
        Ok(g) => gas += g,
        Err(revert) => return Ok(revert),
    }
    let code = exec::load_code(ctx, program)?;
    match arbwasmcache::set_cached(ctx, CACHE_MANAGER, codehash, Some(&code), true)? {
        Ok(g) => gas += g,
        Err(revert) => return Ok(revert),
    }
    save(ctx, &old, &queue)?;
    let event = InsertBid {
        codehash,
        bid: bid.saturating_to(),
        size,
    };
    log(ctx, event.encode_log_data());
    Ok(NativeOutcome::ok(Bytes::new(), gas))
}

fn make_space(ctx: &mut Ctx, size: u64, value: U256) -> Result<NativeOutcome, ExecError> {
    if size > MAX_MAKE_SPACE {
        return Ok(revert_err(
            MakeSpaceTooLarge {
                size,
                limit: MAX_MAKE_SPACE,
            },
            VIEW_GAS,
        ));
    }
    let bid = match to_bid(ctx, value) {
        Ok(b) => b,
        Err(revert) => return Ok(revert),
    };
    let old = load(ctx)?;
    let mut queue = old.clone();
    let evicted = match queue.make_space(size, CACHE_SIZE, bid) {
        Ok((e, _)) => e,
        Err(r) => return Ok(refusal(r, VIEW_GAS)),
    };
    let mut gas = PLACE_BID_GAS;
    match evict_all(ctx, &evicted)? {
        Ok(g) => gas += g,
        Err(revert) => return Ok(revert),
    }
    save(ctx, &old, &queue)?;
    let out = makeSpaceCall::abi_encode_returns(&(CACHE_SIZE - queue.queue_size,));
    Ok(NativeOutcome::ok(out, gas))
}

pub fn run(ctx: &mut Ctx, inputs: &CallInputs) -> Result<NativeOutcome, ExecError> {
    let data = &inputs.input[..];
    let Some(sel) = data.get(..4) else {
        return Ok(unknown());
    };
    let sel: [u8; 4] = sel.try_into().unwrap_or_default();
    let bad = || NativeOutcome::revert(Bytes::new(), VIEW_GAS);
    let value = inputs.call_value();
    if !value.is_zero() && sel != placeBidCall::SELECTOR && sel != makeSpaceCall::SELECTOR {
        return Ok(bad());
    }
    let writes = [
        placeBidCall::SELECTOR,
        makeSpaceCall::SELECTOR,
        setCacheSizeCall::SELECTOR,
        setDecayRateCall::SELECTOR,
        pausedCall::SELECTOR,
        unpauseCall::SELECTOR,
        evictAllCall::SELECTOR,
        evictProgramsCall::SELECTOR,
    ];
    if inputs.is_static && writes.contains(&sel) {
        return Ok(NativeOutcome::revert(Bytes::new(), inputs.gas_limit));
    }
    let view_gas = |q: &Queue| VIEW_GAS + ENTRY_VIEW_GAS * q.entries.len() as u64;
    Ok(match sel {
        cacheSizeCall::SELECTOR => ret(CACHE_SIZE),
        queueSizeCall::SELECTOR => ret(load(ctx)?.queue_size),
        decayCall::SELECTOR => ret(DECAY),
        isPausedCall::SELECTOR => ret(false),
        entriesCall::SELECTOR => {
            let Ok(call) = entriesCall::abi_decode(data, true) else {
                return Ok(bad());
            };
            let q = load(ctx)?;
            match usize::try_from(call.index)
                .ok()
                .and_then(|i| q.entries.get(i))
            {
                Some(e) => ret((e.code, e.size, to_entry(e).bid)),
                None => bad(),
            }
        }
        getEntriesCall::SELECTOR => {
            let q = load(ctx)?;
            let out: Vec<Entry> = q.entries.iter().map(to_entry).collect();
            NativeOutcome::ok(getEntriesCall::abi_encode_returns(&(out,)), view_gas(&q))
        }
        getSmallestEntriesCall::SELECTOR => {
            let Ok(call) = getSmallestEntriesCall::abi_decode(data, true) else {
                return Ok(bad());
            };
            let q = load(ctx)?;
            let k = call.k.saturating_to::<usize>();
            let out: Vec<Entry> = q
                .by_bid()
                .into_iter()
                .take(k)
                .map(|i| to_entry(&q.entries[i]))
                .collect();
            NativeOutcome::ok(
                getSmallestEntriesCall::abi_encode_returns(&(out,)),
                view_gas(&q),
            )
        }
        getMinBid_0Call::SELECTOR | getMinBid_1Call::SELECTOR => {
            let size = if sel == getMinBid_0Call::SELECTOR {
                let Ok(call) = getMinBid_0Call::abi_decode(data, true) else {
                    return Ok(bad());
                };
                call.size
            } else {
                let Ok(call) = getMinBid_1Call::abi_decode(data, true) else {
                    return Ok(bad());
                };
                let codehash = ctx.evm.code_hash(call.program)?.data;
                match asm_size(ctx, codehash)? {
                    Ok(s) => s,
                    Err(revert) => return Ok(revert),
                }
            };
            let q = load(ctx)?;
            match q.min_bid(size, CACHE_SIZE) {
                Ok(min) => {
                    let min: U256 = min.saturating_sub(decay_now(ctx));
                    NativeOutcome::ok(
                        getMinBid_0Call::abi_encode_returns(&(
                            min.saturating_to::<alloy_primitives::aliases::U192>(),
                        )),
                        view_gas(&q),
                    )
                }
                Err(r) => refusal(r, VIEW_GAS),
            }
        }
        placeBidCall::SELECTOR => {
            let Ok(call) = placeBidCall::abi_decode(data, true) else {
                return Ok(bad());
            };
            place_bid(ctx, call.program, value)?
        }
        makeSpaceCall::SELECTOR => {
            let Ok(call) = makeSpaceCall::abi_decode(data, true) else {
                return Ok(bad());
            };
            make_space(ctx, call.size, value)?
        }
        setCacheSizeCall::SELECTOR
        | setDecayRateCall::SELECTOR
        | pausedCall::SELECTOR
        | unpauseCall::SELECTOR
        | evictAllCall::SELECTOR
        | evictProgramsCall::SELECTOR => revert_err(
            NotChainOwner {
                sender: inputs.caller,
            },
            VIEW_GAS,
        ),
        _ => unknown(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(i: u8) -> B256 {
        B256::with_last_byte(i)
    }

    #[test]
    fn bids_fill_the_cache_then_the_lowest_are_evicted() {
        let mut q = Queue::default();
        // A 10 KiB cache: two 4 KiB programs fit for free.
        let cache = 10 * 1024;
        assert_eq!(q.min_bid(4096, cache), Ok(U256::ZERO));
        assert_eq!(q.place(code(1), 4096, cache, U256::from(5)), Ok(vec![]));
        assert_eq!(q.place(code(2), 4096, cache, U256::ZERO), Ok(vec![]));
        assert_eq!(q.queue_size, 8192);
        // A third needs one eviction: the lowest bid (0, entry 2).
        assert_eq!(q.min_bid(4096, cache), Ok(U256::ZERO));
        assert_eq!(q.min_bid(2048, cache), Ok(U256::ZERO)); // fits in the free 2 KiB
        let evicted = q.place(code(3), 4096, cache, U256::from(1)).unwrap();
        assert_eq!(
            evicted.iter().map(|e| e.code).collect::<Vec<_>>(),
            [code(2)]
        );
        assert_eq!(q.entries[1].code, code(3)); // took the evicted one's index
                                                // 6 KiB fits after evicting the bid of 1 (2 KiB free + 4 KiB).
        assert_eq!(q.min_bid(6 * 1024, cache), Ok(U256::from(1)));
        // 7 KiB must evict bids 1 and 5: it needs at least 5.
        assert_eq!(q.min_bid(7 * 1024, cache), Ok(U256::from(5)));
        let before = q.clone();
        assert_eq!(
            q.clone().place(code(4), 7 * 1024, cache, U256::from(4)),
            Err(Refusal::BidTooSmall {
                bid: U256::from(4),
                min: U256::from(5)
            })
        );
        let evicted = q.place(code(4), 7 * 1024, cache, U256::from(5)).unwrap();
        assert_eq!(
            evicted.iter().map(|e| e.code).collect::<Vec<_>>(),
            [code(3), code(1)]
        );
        assert_eq!(q.queue_size, 7 * 1024);
        assert_ne!(q, before);
        // Larger than the whole cache: refused.
        assert!(matches!(
            q.min_bid(cache + 1, cache),
            Err(Refusal::AsmTooLarge { .. })
        ));
        assert!(matches!(
            q.place(code(5), cache + 1, cache, U256::MAX),
            Err(Refusal::AsmTooLarge { .. })
        ));
    }
}
