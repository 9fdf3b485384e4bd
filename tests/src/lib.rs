//! The whole collective under motsu: one wiring helper that deploys and connects
//! the contracts exactly as `deploy/collective.json` says (the deploy script reads
//! the same file), the people of the stories, and the outside world's contracts.
extern crate alloc;

pub mod fixtures;
pub mod governance;
pub mod wiring;

pub use atelier_common::clock::test_clock;
