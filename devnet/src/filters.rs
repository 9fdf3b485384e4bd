//! `eth_newFilter`, `eth_newBlockFilter`, `eth_newPendingTransactionFilter`: polled with
//! `eth_getFilterChanges` / `eth_getFilterLogs`, removed by `eth_uninstallFilter` or
//! after [`FILTER_TIMEOUT`] without a poll (geth's 5 minutes).

use std::{
    collections::HashMap,
    time::{Duration, Instant},
};

use alloy_primitives::{Address, B256};

/// A filter not polled for this long is removed.
pub const FILTER_TIMEOUT: Duration = Duration::from_secs(300);
/// Most filters installed at once.
pub const MAX_FILTERS: usize = 10_000;

/// Which logs a log filter matches.
#[derive(Clone, Debug, Default)]
pub struct LogQuery {
    /// `None`: from the block after the one current at installation.
    pub from: Option<u64>,
    /// `None`: up to the latest block, whatever it is at each poll.
    pub to: Option<u64>,
    pub addresses: Vec<Address>,
    pub topics: Vec<Option<Vec<B256>>>,
}

#[derive(Clone, Debug)]
pub enum Kind {
    Logs(LogQuery),
    Blocks,
    /// Transactions never wait in a pool here (automine): always empty.
    PendingTransactions,
}

#[derive(Clone, Debug)]
pub struct Filter {
    pub kind: Kind,
    /// The first block not yet reported by `eth_getFilterChanges`.
    pub next_block: u64,
    pub installed_at: u64,
    last_poll: Instant,
}

#[derive(Default)]
pub struct Filters {
    next_id: u64,
    map: HashMap<u64, Filter>,
}

impl Filters {
    fn expire(&mut self) {
        let now = Instant::now();
        self.map
            .retain(|_, f| now.duration_since(f.last_poll) < FILTER_TIMEOUT);
    }

    /// Installs a filter; `head` is the current block. `None` when too many are installed.
    pub fn install(&mut self, kind: Kind, head: u64) -> Option<u64> {
        self.expire();
        if self.map.len() >= MAX_FILTERS {
            return None;
        }
        self.next_id += 1;
        let id = self.next_id;
        self.map.insert(
            id,
            Filter {
                kind,
                next_block: head + 1,
                installed_at: head,
                last_poll: Instant::now(),
            },
        );
        Some(id)
    }

    /// The filter (marked as polled), if installed and not expired.
    pub fn poll(&mut self, id: u64) -> Option<&mut Filter> {
        self.expire();
        let f = self.map.get_mut(&id)?;
        f.last_poll = Instant::now();
        Some(f)
    }

    pub fn uninstall(&mut self, id: u64) -> bool {
        self.expire();
        self.map.remove(&id).is_some()
    }

    /// Ages every filter by `by` (tests of the expiry).
    pub fn age_all(&mut self, by: Duration) {
        for f in self.map.values_mut() {
            f.last_poll = f.last_poll.checked_sub(by).unwrap_or(f.last_poll);
        }
    }
}
