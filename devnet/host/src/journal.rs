//! Per-transaction state of a [`crate::World`]: the journal that undoes a failed call, the
//! EIP-2929 access sets, the original slot values (EIP-2200), transient storage, logs and
//! the call stack (for `msg_reentrant`).

use std::collections::{HashMap, HashSet};

use alloy_primitives::{Address, Log, B256, U256};

use crate::backend::StylusTx;

/// One undoable change.
#[derive(Clone, Debug)]
pub(crate) enum Entry {
    /// A storage slot had `prev` (zero = absent).
    Storage { address: Address, key: B256, prev: B256 },
    /// A balance was `prev`.
    Balance { address: Address, prev: U256 },
    /// A transient slot had `prev`.
    Transient { address: Address, key: B256, prev: B256 },
    /// An account was warmed.
    WarmAccount(Address),
    /// A slot was warmed.
    WarmSlot(Address, B256),
}

/// A point to roll back to.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Checkpoint {
    journal: usize,
    logs: usize,
}

/// Transaction-scoped state, reset at each top-level call.
#[derive(Clone, Default)]
pub(crate) struct TxState {
    pub(crate) journal: Vec<Entry>,
    pub(crate) logs: Vec<Log>,
    pub(crate) warm_accounts: HashSet<Address>,
    pub(crate) warm_slots: HashSet<(Address, B256)>,
    /// Slot values at the start of the transaction, recorded at the first write.
    pub(crate) original: HashMap<(Address, B256), B256>,
    pub(crate) transient: HashMap<(Address, B256), B256>,
    /// Open frames: (acting address, is a delegate call).
    pub(crate) stack: Vec<(Address, bool)>,
    pub(crate) stylus: StylusTx,
}

impl Checkpoint {
    /// (journal length, log count) at the checkpoint.
    pub(crate) fn parts(self) -> (usize, usize) {
        (self.journal, self.logs)
    }
}

impl TxState {
    /// Mark the current journal position.
    pub(crate) fn checkpoint(&self) -> Checkpoint {
        Checkpoint { journal: self.journal.len(), logs: self.logs.len() }
    }

    /// Warm an account; `true` if it was cold.
    pub(crate) fn warm_account(&mut self, address: Address) -> bool {
        let cold = self.warm_accounts.insert(address);
        if cold {
            self.journal.push(Entry::WarmAccount(address));
        }
        cold
    }

    /// Warm a slot; `true` if it was cold.
    pub(crate) fn warm_slot(&mut self, address: Address, key: B256) -> bool {
        let cold = self.warm_slots.insert((address, key));
        if cold {
            self.journal.push(Entry::WarmSlot(address, key));
        }
        cold
    }

    /// `msg_reentrant` for a frame of `acting` about to be pushed (Nitro's
    /// `TxProcessor.Programs[acting] > 1`: count the non-delegate frames of `acting`,
    /// this one included).
    pub(crate) fn reentrant(&self, acting: Address, delegate: bool) -> bool {
        let open = self.stack.iter().filter(|(a, d)| *a == acting && !d).count();
        open + usize::from(!delegate) > 1
    }
}
