//! The outside world's contracts, shared with the contract crates' own tests.
pub use atelier_testkit::{ArtCollection, Wallet};
