//! Stable record ids: a short kind prefix and 12 random base-62 characters (71 bits), so ids
//! made on different machines or in imported files do not collide in practice.

const ALPHABET: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// A new id such as `card_3fK9x0QmZt2a`.
pub fn new_id(prefix: &str) -> String {
    let mut bytes = [0u8; 12];
    if getrandom::getrandom(&mut bytes).is_err() {
        // No OS randomness (should not happen on a desktop): fall back to time and a counter,
        // which is still unique within this process.
        fallback(&mut bytes);
    }
    let mut out = String::with_capacity(prefix.len() + 13);
    out.push_str(prefix);
    out.push('_');
    for b in bytes {
        out.push(ALPHABET[(b % 62) as usize] as char);
    }
    out
}

fn fallback(bytes: &mut [u8; 12]) {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    bytes[..8].copy_from_slice(&nanos.to_le_bytes());
    bytes[8..].copy_from_slice(&(n as u32).to_le_bytes());
}

/// Now as RFC 3339 (UTC, seconds), the timestamp format used in documents.
pub fn now_rfc3339() -> String {
    let now = time::OffsetDateTime::now_utc();
    now.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| "1970-01-01T00:00:00Z".to_string())
}
