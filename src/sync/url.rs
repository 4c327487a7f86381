//! Document ids and `automerge:` URLs as automerge-repo writes them: a random UUID (16 bytes) in
//! base58check (base58 of the bytes and the first 4 bytes of their double SHA-256), so any
//! Automerge client can name the same document.

use sha2::{Digest, Sha256};

const ALPHABET: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/// A new document id (base58check of 16 random bytes).
pub fn new_doc_id() -> String {
    let mut bytes = [0u8; 16];
    if getrandom::getrandom(&mut bytes).is_err() {
        // No OS randomness: a fresh record id's randomness (with its own fallback) will do.
        let id = crate::model::ids::new_id("d");
        let h = Sha256::digest(id.as_bytes());
        bytes.copy_from_slice(&h[..16]);
    }
    // A version-4 UUID, as automerge-repo makes them: its 1.x releases (the stock sync server
    // 0.2.8) refuse a document id whose bytes are not a valid UUID.
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    bs58check(&bytes)
}

/// The `automerge:` URL of a document id.
pub fn url_of(doc_id: &str) -> String {
    format!("automerge:{doc_id}")
}

fn bs58check(bytes: &[u8]) -> String {
    let check = Sha256::digest(Sha256::digest(bytes));
    let mut data = bytes.to_vec();
    data.extend_from_slice(&check[..4]);
    base58(&data)
}

fn base58(data: &[u8]) -> String {
    // Big-endian base conversion, digits least significant first.
    let mut digits: Vec<u8> = Vec::new();
    for &b in data {
        let mut carry = b as u32;
        for d in digits.iter_mut() {
            carry += (*d as u32) << 8;
            *d = (carry % 58) as u8;
            carry /= 58;
        }
        while carry > 0 {
            digits.push((carry % 58) as u8);
            carry /= 58;
        }
    }
    let zeros = data.iter().take_while(|&&b| b == 0).count();
    std::iter::repeat_n(b'1', zeros)
        .chain(digits.iter().rev().map(|&d| ALPHABET[d as usize]))
        .map(char::from)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base58_matches_known_vectors() {
        // Vectors of the Bitcoin base58 encoding, which base58check builds on.
        assert_eq!(base58(b"hello world"), "StV1DL6CwTryKyV");
        assert_eq!(base58(&[0, 0, 1]), "112");
        assert_eq!(base58(&[]), "");
    }

    #[test]
    fn doc_ids_are_fresh_and_plain() {
        let a = new_doc_id();
        assert_ne!(a, new_doc_id());
        assert!(
            a.len() >= 25 && a.bytes().all(|b| ALPHABET.contains(&b)),
            "{a}"
        );
        assert_eq!(url_of(&a), format!("automerge:{a}"));
    }
}
