//! Fractional order keys: strings over the base-62 digits `0-9A-Za-z` (ASCII order) read as a
//! fraction `0.d1d2d3…`. Between any two keys there is another, so moving a record writes one
//! key and never renumbers its neighbours. Keys never end in `0` (that keeps them unique as
//! fractions: `V` and `V0` would be the same number).

const DIGITS: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

fn digit(c: u8) -> Option<usize> {
    DIGITS.iter().position(|&d| d == c)
}

/// True for a non-empty key of base-62 digits that does not end in `0`.
pub fn is_valid(key: &str) -> bool {
    !key.is_empty() && !key.ends_with('0') && key.bytes().all(|b| digit(b).is_some())
}

/// A key strictly between `a` and `b`; `None` stands for the start (0) or the end (1).
///
/// Callers pass keys in order (`a < b`); if they are not (for instance two records that share a
/// key after a merge), the result still lies after `a`, which keeps the sequence usable.
pub fn between(a: Option<&str>, b: Option<&str>) -> String {
    let a = a.unwrap_or("");
    match b {
        Some(b) if b > a => midpoint(a.as_bytes(), Some(b.as_bytes())),
        _ => midpoint(a.as_bytes(), None),
    }
}

/// A key after `a`, growing slowly when keys are appended one after another (the fast-entry
/// case: typing card after card into one cell).
pub fn after(a: Option<&str>) -> String {
    let Some(a) = a else {
        return "V".to_string();
    };
    let bytes = a.as_bytes();
    // Raise the first digit that has room, dropping what follows: "Vk3" -> "W".
    for (i, &c) in bytes.iter().enumerate() {
        if let Some(d) = digit(c) {
            if d + 1 < DIGITS.len() {
                let mut out = bytes[..i].to_vec();
                out.push(DIGITS[d + 1]);
                return String::from_utf8_lossy(&out).into_owned();
            }
        }
    }
    // Every digit is `z`: extend with the smallest digit, leaving room for 61 more raises.
    let mut out = a.to_string();
    out.push('1');
    out
}

/// A key before `b`.
pub fn before(b: Option<&str>) -> String {
    between(None, b)
}

/// `n` evenly spaced keys of equal length, for building a journey in one go (templates, import
/// of unordered data).
pub fn spread(n: usize) -> Vec<String> {
    let mut width = 1;
    let mut room = DIGITS.len() - 1;
    while room < n + 1 {
        width += 1;
        room = room.saturating_mul(DIGITS.len());
    }
    let total = (DIGITS.len() as u128).pow(width as u32);
    (1..=n)
        .map(|i| {
            let mut v = (total * i as u128) / (n as u128 + 1);
            let mut out = vec![b'0'; width];
            for slot in out.iter_mut().rev() {
                *slot = DIGITS[(v % 62) as usize];
                v /= 62;
            }
            while out.last() == Some(&b'0') {
                out.pop();
            }
            if out.is_empty() {
                out.push(b'1');
            }
            String::from_utf8_lossy(&out).into_owned()
        })
        .collect()
}

fn midpoint(a: &[u8], b: Option<&[u8]>) -> String {
    if let Some(b) = b {
        // Shared prefix: keep it and recurse on the rest.
        let mut n = 0;
        while n < b.len() && a.get(n).copied().unwrap_or(b'0') == b[n] {
            n += 1;
        }
        if n > 0 {
            let rest_a = if n <= a.len() { &a[n..] } else { &[][..] };
            let mut out = String::from_utf8_lossy(&b[..n]).into_owned();
            out.push_str(&midpoint(rest_a, Some(&b[n..])));
            return out;
        }
    }
    let da = a.first().and_then(|&c| digit(c)).unwrap_or(0);
    let db = match b {
        Some(b) => b.first().and_then(|&c| digit(c)).unwrap_or(DIGITS.len()),
        None => DIGITS.len(),
    };
    if db > da + 1 {
        let mid = (da + db).div_ceil(2);
        (DIGITS[mid] as char).to_string()
    } else {
        match b {
            Some(b) if b.len() > 1 => (b[0] as char).to_string(),
            _ => {
                let rest = if a.is_empty() { &[][..] } else { &a[1..] };
                let mut out = (DIGITS[da] as char).to_string();
                out.push_str(&midpoint(rest, None));
                out
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn appending_many_keeps_order_and_short_keys() {
        let mut keys = vec![after(None)];
        for _ in 0..5000 {
            let next = after(keys.last().map(|s| s.as_str()));
            assert!(
                next > *keys.last().expect("non-empty"),
                "{next} after {keys:?}"
            );
            assert!(is_valid(&next), "{next}");
            keys.push(next);
        }
        assert!(keys.last().map(|k| k.len()).unwrap_or(0) < 120);
    }

    #[test]
    fn spread_is_sorted_and_valid() {
        for n in [1, 2, 5, 61, 62, 100, 5000] {
            let keys = spread(n);
            assert_eq!(keys.len(), n);
            for w in keys.windows(2) {
                assert!(w[0] < w[1], "{} < {} for n={n}", w[0], w[1]);
            }
            assert!(keys.iter().all(|k| is_valid(k)), "n={n}: {keys:?}");
        }
    }

    proptest! {
        #[test]
        fn between_lies_between(mut ops in proptest::collection::vec(0usize..100, 1..200)) {
            let mut keys: Vec<String> = Vec::new();
            for op in ops.drain(..) {
                let i = if keys.is_empty() { 0 } else { op % (keys.len() + 1) };
                let a = if i == 0 { None } else { Some(keys[i - 1].as_str()) };
                let b = keys.get(i).map(|s| s.as_str());
                let k = between(a, b);
                prop_assert!(is_valid(&k), "{}", k);
                if let Some(a) = a { prop_assert!(k.as_str() > a, "{} > {}", k, a); }
                if let Some(b) = b { prop_assert!(k.as_str() < b, "{} < {}", k, b); }
                keys.insert(i, k);
            }
        }
    }
}
