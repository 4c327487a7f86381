//! Records into a shared journey's Automerge document: [`init`] lays out a new document,
//! [`write_record`] and [`delete_record`] bring one record's entry in line with the record.
//! Only what differs is written (see [`super::fields::put`]), so one edit is one small change.

use automerge::transaction::Transactable;
use automerge::{AutoCommit, AutomergeError, ObjId, ObjType, ReadDoc, Value};
use serde_json::Value as Json;

use super::fields::{self, Kind};
use super::FORMAT;
use crate::edit::Record;

/// The fields of a card that make up its place, written as the one value `place`.
pub const PLACE: [&str; 3] = ["phase_id", "lane_id", "order"];

/// Tables of the root map, one per record kind (the journey's own fields are the map
/// `journey`).
pub fn table_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Journey => "journey",
        Kind::Persona => "personas",
        Kind::Phase => "phases",
        Kind::Lane => "lanes",
        Kind::Card => "cards",
    }
}

/// Lays out an empty shared journey: the format marker and one map per table.
pub fn init(doc: &mut AutoCommit) -> Result<(), AutomergeError> {
    doc.put(automerge::ROOT, "klantreis", FORMAT)?;
    for kind in [
        Kind::Journey,
        Kind::Persona,
        Kind::Phase,
        Kind::Lane,
        Kind::Card,
    ] {
        doc.put_object(automerge::ROOT, table_name(kind), ObjType::Map)?;
    }
    Ok(())
}

fn kind_of(r: &Record) -> Kind {
    match r {
        Record::Persona(_) => Kind::Persona,
        Record::Journey(_) => Kind::Journey,
        Record::Phase { .. } => Kind::Phase,
        Record::Lane { .. } => Kind::Lane,
        Record::Card { .. } => Kind::Card,
    }
}

/// The map at `parent[key]`, made when it is missing or not a map.
fn child_map(doc: &mut AutoCommit, parent: &ObjId, key: &str) -> Result<ObjId, AutomergeError> {
    if let Some((Value::Object(ObjType::Map | ObjType::Table), id)) = doc.get(parent, key)? {
        return Ok(id);
    }
    doc.put_object(parent, key, ObjType::Map)
}

/// The map that holds record `r` (made when missing).
fn entry(doc: &mut AutoCommit, r: &Record) -> Result<ObjId, AutomergeError> {
    let kind = kind_of(r);
    let table = child_map(doc, &automerge::ROOT, table_name(kind))?;
    if kind == Kind::Journey {
        return Ok(table);
    }
    child_map(doc, &table, r.id())
}

/// Brings the document's entry for `r` in line with `r`.
pub fn write_record(doc: &mut AutoCommit, r: &Record) -> Result<(), AutomergeError> {
    let kind = kind_of(r);
    let json = match r {
        Record::Persona(p) => serde_json::to_value(p),
        Record::Journey(m) => serde_json::to_value(m),
        Record::Phase { phase, .. } => serde_json::to_value(phase),
        Record::Lane { lane, .. } => serde_json::to_value(lane),
        Record::Card { card, .. } => serde_json::to_value(card),
    };
    // A record's serde form is a map of plain values; it cannot fail to serialise.
    let Ok(Json::Object(mut m)) = json else {
        return Ok(());
    };
    let obj = entry(doc, r)?;
    for k in kind.local() {
        m.remove(*k);
    }
    if kind == Kind::Card {
        let mut place = serde_json::Map::new();
        for k in PLACE {
            if let Some(v) = m.remove(k) {
                place.insert(k.to_string(), v);
            }
        }
        // Written afresh as one value (never field by field), so concurrent moves cannot mix.
        let place = Json::Object(place);
        if fields::get(doc, &obj, "place").as_ref() != Some(&place) {
            fields::put_fresh(doc, &obj, "place", &place)?;
        }
    }
    for (k, v) in &m {
        fields::put(doc, &obj, k, v, kind.prose().contains(&k.as_str()))?;
    }
    // Fields the record no longer has (an emotion cleared); fields this version does not know
    // (another client's) are left alone.
    let gone: Vec<String> = doc
        .keys(&obj)
        .filter(|k| !m.contains_key(k) && kind.known().contains(k))
        .filter(|k| !kind.local().contains(&k.as_str()) && !PLACE.contains(&k.as_str()))
        .collect();
    for k in gone {
        doc.delete(&obj, k.as_str())?;
    }
    Ok(())
}

/// Removes record `r` from the document. A journey's own entry is never removed: deleting a
/// shared journey here does not delete it for everyone (the document stays as it was).
pub fn delete_record(doc: &mut AutoCommit, r: &Record) -> Result<(), AutomergeError> {
    let kind = kind_of(r);
    if kind == Kind::Journey {
        return Ok(());
    }
    if let Some((Value::Object(_), table)) = doc.get(automerge::ROOT, table_name(kind))? {
        if doc.get(&table, r.id())?.is_some() {
            doc.delete(&table, r.id())?;
        }
    }
    Ok(())
}
