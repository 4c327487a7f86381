//! Values between JSON (the serde form of every record) and Automerge, and which fields of each
//! record kind are prose (Automerge text), local (never shared) or known at all.
//!
//! Invariants: writing a value that the document already holds adds no operation (so a commit
//! that changed one field of a card adds one small change); objects and lists are written
//! afresh as a whole (one value: concurrent writers do not mix their contents); a scalar the
//! app cannot represent (bytes, counters, timestamps, a NaN) reads as absent.

use std::collections::HashMap;
use std::sync::OnceLock;

use automerge::transaction::Transactable;
use automerge::{AutoCommit, AutomergeError, ObjId, ObjType, ReadDoc, ScalarValue, Value};
use serde_json::{Map, Value as Json};

/// The record kinds of a shared journey, as their tables in the document are named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Journey,
    Persona,
    Phase,
    Lane,
    Card,
}

impl Kind {
    /// Fields written as Automerge text: typing in them merges character by character.
    pub fn prose(self) -> &'static [&'static str] {
        match self {
            Kind::Journey => &["title", "goal"],
            Kind::Persona => &["name", "segment", "customer_type", "description"],
            Kind::Phase => &["name"],
            Kind::Lane => &["title", "hint"],
            Kind::Card => &["text"],
        }
    }

    /// Fields that stay in this file: they point at other journeys or at images, which are
    /// not part of the shared document.
    pub fn local(self) -> &'static [&'static str] {
        match self {
            Kind::Journey => &["compared_with", "phase_matches", "wall_photos"],
            Kind::Persona => &["photo"],
            // A card's image (a note photographed on the wall) stays local like a persona's
            // photo; `from_photo` is shared, so others see where the card came from.
            Kind::Card => &["image"],
            _ => &[],
        }
    }

    /// Every field the record's serde form may have (read from its JSON schema), so fields
    /// that another client added are neither read into a record nor deleted by a write.
    pub fn known(self) -> &'static [String] {
        static KNOWN: OnceLock<HashMap<Kind, Vec<String>>> = OnceLock::new();
        let all = KNOWN.get_or_init(|| {
            use crate::model::*;
            let props = |s: schemars::Schema| -> Vec<String> {
                s.get("properties")
                    .and_then(|p| p.as_object())
                    .map(|m| m.keys().cloned().collect())
                    .unwrap_or_default()
            };
            HashMap::from([
                (Kind::Journey, props(schemars::schema_for!(JourneyMeta))),
                (Kind::Persona, props(schemars::schema_for!(Persona))),
                (Kind::Phase, props(schemars::schema_for!(Phase))),
                (Kind::Lane, props(schemars::schema_for!(Lane))),
                (Kind::Card, props(schemars::schema_for!(Card))),
            ])
        });
        all.get(&self).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// The JSON form of the value at `obj[key]`, `None` when absent or not representable.
pub fn get(doc: &AutoCommit, obj: &ObjId, key: &str) -> Option<Json> {
    match doc.get(obj, key) {
        Ok(Some((v, id))) => value(doc, v, &id),
        _ => None,
    }
}

/// The JSON form of a map object (fields that cannot be represented are left out).
pub fn map(doc: &AutoCommit, obj: &ObjId) -> Map<String, Json> {
    let mut out = Map::new();
    for key in doc.keys(obj) {
        if let Some(v) = get(doc, obj, &key) {
            out.insert(key, v);
        }
    }
    out
}

fn value(doc: &AutoCommit, v: Value<'_>, id: &ObjId) -> Option<Json> {
    match v {
        Value::Object(ObjType::Map | ObjType::Table) => Some(Json::Object(map(doc, id))),
        Value::Object(ObjType::List) => {
            let n = doc.length(id);
            let items = (0..n)
                .filter_map(|i| match doc.get(id, i) {
                    Ok(Some((v, cid))) => value(doc, v, &cid),
                    _ => None,
                })
                .collect();
            Some(Json::Array(items))
        }
        Value::Object(ObjType::Text) => doc.text(id).ok().map(Json::String),
        Value::Scalar(s) => match s.as_ref() {
            ScalarValue::Str(s) => Some(Json::String(s.to_string())),
            ScalarValue::Int(i) => Some(Json::from(*i)),
            ScalarValue::Uint(u) => Some(Json::from(*u)),
            ScalarValue::F64(f) => serde_json::Number::from_f64(*f).map(Json::Number),
            ScalarValue::Boolean(b) => Some(Json::Bool(*b)),
            ScalarValue::Null => Some(Json::Null),
            _ => None,
        },
    }
}

/// Writes `v` at `obj[key]` unless the document already holds it; prose strings are
/// Automerge text, edited in place by a character diff.
pub fn put(
    doc: &mut AutoCommit,
    obj: &ObjId,
    key: &str,
    v: &Json,
    prose: bool,
) -> Result<(), AutomergeError> {
    let current = doc.get(obj, key)?.map(|(v, id)| (v.to_owned(), id));
    if let (true, Json::String(s)) = (prose, v) {
        if let Some((Value::Object(ObjType::Text), id)) = &current {
            if doc.text(id)? != *s {
                doc.update_text(id, s)?;
            }
        } else {
            let t = doc.put_object(obj, key, ObjType::Text)?;
            doc.splice_text(&t, 0, 0, s)?;
        }
        return Ok(());
    }
    if let Some((cv, id)) = current {
        if value(doc, cv, &id).as_ref() == Some(v) {
            return Ok(());
        }
    }
    put_fresh(doc, obj, key, v)
}

/// Writes `v` at `obj[key]` as a new value (a new object for maps and lists).
pub fn put_fresh(
    doc: &mut AutoCommit,
    obj: &ObjId,
    key: &str,
    v: &Json,
) -> Result<(), AutomergeError> {
    match v {
        Json::Object(m) => {
            let id = doc.put_object(obj, key, ObjType::Map)?;
            for (k, x) in m {
                put_fresh(doc, &id, k, x)?;
            }
        }
        Json::Array(items) => {
            let id = doc.put_object(obj, key, ObjType::List)?;
            for (i, x) in items.iter().enumerate() {
                insert(doc, &id, i, x)?;
            }
        }
        _ => doc.put(obj, key, scalar(v))?,
    }
    Ok(())
}

fn insert(doc: &mut AutoCommit, list: &ObjId, i: usize, v: &Json) -> Result<(), AutomergeError> {
    match v {
        Json::Object(m) => {
            let id = doc.insert_object(list, i, ObjType::Map)?;
            for (k, x) in m {
                put_fresh(doc, &id, k, x)?;
            }
        }
        Json::Array(items) => {
            let id = doc.insert_object(list, i, ObjType::List)?;
            for (j, x) in items.iter().enumerate() {
                insert(doc, &id, j, x)?;
            }
        }
        _ => doc.insert(list, i, scalar(v))?,
    }
    Ok(())
}

fn scalar(v: &Json) -> ScalarValue {
    match v {
        Json::String(s) => ScalarValue::Str(s.as_str().into()),
        Json::Bool(b) => ScalarValue::Boolean(*b),
        Json::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => ScalarValue::Int(i),
            (_, Some(u), _) => ScalarValue::Uint(u),
            (_, _, Some(f)) => ScalarValue::F64(f),
            _ => ScalarValue::Null,
        },
        _ => ScalarValue::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_and_equal_writes_add_nothing() {
        let mut doc = AutoCommit::new();
        let v = serde_json::json!({"a": 1, "b": -2, "c": 12.5, "d": [1, "x"], "e": {"f": true}, "g": null});
        for (k, x) in v.as_object().into_iter().flatten() {
            put(&mut doc, &automerge::ROOT, k, x, false).expect("put");
        }
        put(&mut doc, &automerge::ROOT, "t", &Json::from("hallo"), true).expect("text");
        doc.commit();
        let heads = doc.get_heads();
        let mut back = map(&doc, &automerge::ROOT);
        assert_eq!(back.remove("t"), Some(Json::from("hallo")));
        assert_eq!(Json::Object(back), v);
        for (k, x) in v.as_object().into_iter().flatten() {
            put(&mut doc, &automerge::ROOT, k, x, false).expect("put");
        }
        put(&mut doc, &automerge::ROOT, "t", &Json::from("hallo"), true).expect("text");
        doc.commit();
        assert_eq!(
            doc.get_heads(),
            heads,
            "writing equal values must add no change"
        );
    }

    #[test]
    fn known_fields_come_from_the_schema() {
        assert!(Kind::Card.known().iter().any(|k| k == "emotion"));
        assert!(Kind::Journey.known().iter().any(|k| k == "persona_ids"));
    }
}
