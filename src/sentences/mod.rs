//! The core's sentences for people, put into words in one place from the figures the floors
//! below return as data (as the session's `ErrorCode` words its errors): the insights as text
//! for `klantreis insights` ([`insights`]). Dutch copy addresses the reader informally.

pub mod insights;

pub use insights::render;
