//! The keys that line up the items of two Scenes (see `keyed_splices` in `patch.rs`), hashed
//! with a fast non-cryptographic hasher. A 5,000-card map has ~25,000 items and every edit keys
//! both Scenes; with the standard library's SipHash, hashing was about a sixth of the core's
//! time per edit (perf, `cargo bench --bench session`). A collision cannot make a patch wrong,
//! only coarser: every pair the keys line up is compared whole, and a move is only sent when
//! it rebuilds the new item bit for bit.

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};

use crate::layout::Item;

/// What hashes the keys (rustc's Fx hash).
pub(super) type KeyHasher = FxHasher;

/// A map keyed by item keys (already hashes), hashed the fast way.
pub(super) type KeyMap<V> = FxHashMap<u64, V>;

/// Each element's key (see `keyed_splices`): its own, numbered among its like.
pub(super) fn keys_of<T>(list: &[T], key: impl Fn(&T, &mut KeyHasher)) -> Vec<u64> {
    let mut seen: KeyMap<u32> = KeyMap::with_capacity_and_hasher(list.len(), Default::default());
    list.iter()
        .map(|x| {
            let mut h = KeyHasher::default();
            key(x, &mut h);
            let k = h.finish();
            let n = seen.entry(k).or_insert(0);
            *n += 1;
            let mut h = KeyHasher::default();
            h.write_u64(k);
            h.write_u32(*n);
            h.finish()
        })
        .collect()
}

/// What an item stands for, to line up the old Scene's items with the new one's: the record
/// it draws and its kind of shape. Items without a record (rules, labels) are told apart by
/// their kind and their place among their like (see `keyed_splices`).
pub(super) fn item_key(item: &Item, h: &mut KeyHasher) {
    std::mem::discriminant(item).hash(h);
    if let Some(t) = item.target() {
        std::mem::discriminant(&t.kind).hash(h);
        t.id.hash(h);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_number_the_alike_and_tell_the_different_apart() {
        let k = keys_of(&["a", "b", "a", "c", "a"], |x, h| x.hash(h));
        assert_eq!(k.len(), 5);
        let distinct: std::collections::HashSet<u64> = k.iter().copied().collect();
        assert_eq!(
            distinct.len(),
            5,
            "the three a's are the 1st, 2nd and 3rd a: {k:?}"
        );
        // The same list keys the same way: the old and the new Scene line up by these.
        assert_eq!(k, keys_of(&["a", "b", "a", "c", "a"], |x, h| x.hash(h)));
        // The n-th "a" has the same key wherever it stands.
        let moved = keys_of(&["b", "a", "c"], |x, h| x.hash(h));
        assert_eq!(moved[1], k[0]);
    }
}
