//! Per-transaction state of a [`crate::World`]: the journal, access lists, transient storage.

/// Transaction-scoped state.
#[derive(Clone, Default)]
pub(crate) struct TxState {}
