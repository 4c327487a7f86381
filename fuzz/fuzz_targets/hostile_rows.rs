//! The libFuzzer entry of the `hostile_rows` target; what it checks is
//! `klantreis_fuzz::hostile_rows`, which the main workspace's replay test
//! (`tests/fuzz_replay.rs`) runs on the seeds and corpora too (through `check_bytes`, the same
//! conversion of bytes into changes as here).
#![no_main]

use klantreis_fuzz::hostile_rows::{check, Op};

libfuzzer_sys::fuzz_target!(|ops: Vec<Op>| check(ops));
