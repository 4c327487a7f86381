//! The libFuzzer entry of the `image` target; what it checks is `klantreis_fuzz::image`, which the
//! main workspace's replay test (`tests/fuzz_replay.rs`) runs on the seeds and corpora too.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| klantreis_fuzz::image::check(data));
