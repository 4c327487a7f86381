//! The libFuzzer entry of the `text_imports` target; what it checks is `klantreis_fuzz::text_imports`, which the
//! main workspace's replay test (`tests/fuzz_replay.rs`) runs on the seeds and corpora too.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| klantreis_fuzz::text_imports::check(data));
