//! Handlers of the newer subcommands, one file each, so `main.rs` keeps only the argument
//! definitions and the dispatch.

pub mod report;
