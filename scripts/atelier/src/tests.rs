//! Offline tests: argument parsing, ABI encoding against the JSON ABIs, revert
//! decoding, the deployment file's resume logic, cargo-stylus output parsing, and
//! the keeper's model on a recorded event series.
mod abi;
mod cli;
mod deploy;
mod keeper;
mod revert;
