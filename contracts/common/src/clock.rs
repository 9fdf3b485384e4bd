//! The one place contracts read the time from.
//!
//! Every time-dependent rule (sale schedule, conviction, cooldowns, governance
//! periods, epochs) uses [`now`], in seconds (ERC-6372 "mode=timestamp").
//!
//! motsu 0.10's host returns a constant block timestamp, so with the `test-clock`
//! feature (enabled only by the crates' dev-dependencies, never in a WASM build)
//! tests can set and advance a per-thread clock. Without the feature this is
//! exactly the host's `block_timestamp`.
use stylus_sdk::stylus_core::host::BlockAccess;

/// Current block timestamp in seconds.
#[inline]
pub fn now(host: &(impl BlockAccess + ?Sized)) -> u64 {
    #[cfg(feature = "test-clock")]
    if let Some(t) = test_clock::get() {
        return t;
    }
    host.block_timestamp()
}

#[cfg(feature = "test-clock")]
pub mod test_clock {
    //! Per-thread clock for motsu tests (each test runs on its own thread).
    use core::cell::Cell;

    std::thread_local! {
        static NOW: Cell<Option<u64>> = const { Cell::new(None) };
    }

    /// The motsu host's constant timestamp, the clock's default start.
    pub const MOTSU_TIMESTAMP: u64 = 1_735_689_600;

    /// Overridden time, if a test set one.
    pub fn get() -> Option<u64> {
        NOW.with(Cell::get)
    }

    /// Sets the block timestamp seen by contracts on this thread.
    pub fn set(timestamp: u64) {
        NOW.with(|n| n.set(Some(timestamp)));
    }

    /// Moves this thread's clock forward by `seconds`.
    pub fn advance(seconds: u64) {
        set(get().unwrap_or(MOTSU_TIMESTAMP) + seconds);
    }
}
