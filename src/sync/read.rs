//! A shared journey's Automerge document read back into a [`Journey`] and its personas.
//!
//! Every text read is cleaned by the text rule ([`crate::model::text`]), as the store cleans
//! what it writes, so a peer's stray control characters read as the records keep them.
//!
//! Reading is lenient and deterministic, so every peer reads the same document the same way:
//! fields this version does not know are ignored, a field of the wrong type is dropped (and a
//! required one gets its default), a record that still cannot be read is left out, and each of
//! these is said in [`Hydrated::notes`]. Fields that stay local (see
//! [`super::fields::Kind::local`]) are taken from the local journey and personas.

use automerge::{AutoCommit, ObjId, ObjType, ReadDoc, Value};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value as Json};

use super::fields::{self, Kind};
use super::repair::repair;
use super::write::{table_name, PLACE};
use super::{SyncError, FORMAT};
use crate::model::{Card, Journey, JourneyMeta, Lane, Persona, Phase};

/// A document read back: the journey (repaired), the personas the document holds, and what
/// had to be left out or repaired, in words.
#[derive(Debug, Clone, PartialEq)]
pub struct Hydrated {
    pub journey: Journey,
    pub personas: Vec<Persona>,
    pub notes: Vec<String>,
}

/// Reads `doc` as journey `local.meta.id` (the id is the local one whatever the document
/// says), repairs it ([`repair`]) and checks it ([`Journey::validate`]).
pub fn hydrate(
    doc: &AutoCommit,
    local: &Journey,
    local_personas: &[Persona],
) -> Result<Hydrated, SyncError> {
    match fields::get(doc, &automerge::ROOT, "klantreis") {
        Some(Json::String(f)) if f == FORMAT => {}
        other => {
            return Err(SyncError::NotJourney(
                other.map_or("missing".to_string(), |v| v.to_string()),
            ))
        }
    }
    let mut notes = Vec::new();
    let meta = meta(doc, local, &mut notes)?;
    let mut journey = Journey {
        meta,
        ..Default::default()
    };
    for (id, m) in records(doc, Kind::Phase) {
        journey.phases.extend(phase(id, m, &mut notes));
    }
    for (id, m) in records(doc, Kind::Lane) {
        journey.lanes.extend(lane(id, m, &mut notes));
    }
    for (id, m) in records(doc, Kind::Card) {
        journey.cards.extend(card(id, m, &mut notes));
    }
    let mut personas = Vec::new();
    for (id, m) in records(doc, Kind::Persona) {
        personas.extend(persona(id, m, local_personas, &mut notes));
    }
    finish(journey, personas, local_personas, notes)
}

/// The journey and personas read, repaired ([`repair`]) and checked as a whole.
fn finish(
    mut journey: Journey,
    mut personas: Vec<Persona>,
    local_personas: &[Persona],
    mut notes: Vec<String>,
) -> Result<Hydrated, SyncError> {
    repair(&mut journey, &mut personas, local_personas, &mut notes);
    journey
        .validate()
        .map_err(|(path, msg)| SyncError::Invalid(format!("{path}: {msg}")))?;
    Ok(Hydrated {
        journey,
        personas,
        notes,
    })
}

/// The journey's own fields, read from `doc` (the id and the local fields are `local`'s).
fn meta(
    doc: &AutoCommit,
    local: &Journey,
    notes: &mut Vec<String>,
) -> Result<JourneyMeta, SyncError> {
    let jid = local.meta.id.clone();
    let mut meta_json = table(doc, Kind::Journey)
        .map(|t| fields::map(doc, &t))
        .unwrap_or_default();
    keep_known(&mut meta_json, Kind::Journey);
    let local_meta = serde_json::to_value(&local.meta).unwrap_or(Json::Null);
    take_local(&mut meta_json, &local_meta, Kind::Journey);
    meta_json.insert("id".into(), Json::from(jid));
    let defaults = [("title", Json::from(""))];
    lenient(meta_json, &defaults, "the journey", notes)
        .map(|mut m: JourneyMeta| {
            m.clean_text();
            m
        })
        .ok_or_else(|| SyncError::Invalid("the journey's own fields cannot be read".into()))
}

fn phase(id: String, mut m: Map<String, Json>, notes: &mut Vec<String>) -> Option<Phase> {
    let d = [("name", Json::from("")), ("order", Json::from("V"))];
    m.insert("id".into(), Json::from(id.clone()));
    lenient(m, &d, &format!("phase {id}"), notes).map(|mut p: Phase| {
        p.clean_text();
        p
    })
}

fn lane(id: String, mut m: Map<String, Json>, notes: &mut Vec<String>) -> Option<Lane> {
    let d = [
        ("title", Json::from("")),
        ("order", Json::from("V")),
        ("kind", Json::from("custom")),
    ];
    m.insert("id".into(), Json::from(id.clone()));
    lenient(m, &d, &format!("lane {id}"), notes).map(|mut l: Lane| {
        l.clean_text();
        l
    })
}

fn card(id: String, mut m: Map<String, Json>, notes: &mut Vec<String>) -> Option<Card> {
    // The place is one value; read apart into the card's three fields.
    if let Some(Json::Object(place)) = m.remove("place") {
        for k in PLACE {
            if let Some(v) = place.get(k) {
                m.insert(k.to_string(), v.clone());
            }
        }
    }
    let d = [
        ("text", Json::from("")),
        ("order", Json::from("V")),
        // A card without a cell is put in one by the repair.
        ("phase_id", Json::from("")),
        ("lane_id", Json::from("")),
    ];
    m.insert("id".into(), Json::from(id.clone()));
    lenient(m, &d, &format!("card {id}"), notes).map(|mut c: Card| {
        c.clean_text();
        c
    })
}

fn persona(
    id: String,
    mut m: Map<String, Json>,
    local_personas: &[Persona],
    notes: &mut Vec<String>,
) -> Option<Persona> {
    if let Some(lp) = local_personas.iter().find(|p| p.id == id) {
        let lj = serde_json::to_value(lp).unwrap_or(Json::Null);
        take_local(&mut m, &lj, Kind::Persona);
    }
    m.insert("id".into(), Json::from(id.clone()));
    let d = [("name", Json::from(""))];
    lenient(m, &d, &format!("persona {id}"), notes).map(|mut p: Persona| {
        p.clean_text();
        p
    })
}

/// What a merge changed in a document, from its patches: the records (by table and id) and
/// whether the journey's own fields changed. `None` when the change reached past the records
/// (the root, a whole table): then the whole document is read again.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Touched {
    pub journey: bool,
    pub records: Vec<(Kind, String)>,
}

impl Touched {
    pub fn of(patches: &[automerge::Patch]) -> Option<Touched> {
        use automerge::patches::PatchAction;
        use automerge::Prop;
        let mut t = Touched::default();
        let kind_of = |name: &str| {
            [
                Kind::Journey,
                Kind::Persona,
                Kind::Phase,
                Kind::Lane,
                Kind::Card,
            ]
            .into_iter()
            .find(|k| table_name(*k) == name)
        };
        for p in patches {
            // The table (under the root) and the record id (under the table) this patch is in:
            // from its path, or, for a patch on a table itself, from the key it puts or deletes.
            let key = match &p.action {
                PatchAction::PutMap { key, .. } | PatchAction::DeleteMap { key } => {
                    Some(key.clone())
                }
                _ => None,
            };
            let mut names = p.path.iter().map(|(_, prop)| match prop {
                Prop::Map(k) => Some(k.clone()),
                Prop::Seq(_) => None,
            });
            let table = names.next().flatten().or_else(|| key.clone());
            let kind = table.as_deref().and_then(kind_of)?;
            if p.path.is_empty() {
                // A whole table put or removed at the root.
                return None;
            }
            if kind == Kind::Journey {
                t.journey = true;
                continue;
            }
            let id = names.next().flatten().or(key)?;
            if !t.records.contains(&(kind, id.clone())) {
                t.records.push((kind, id));
            }
        }
        Some(t)
    }
}

/// [`hydrate`] of only what `touched` names: the local journey with those records read again
/// from `doc` (or removed, when `doc` no longer has them), then repaired and checked as a whole.
/// A live step uses it so that one card's move costs the reading of one card.
pub fn hydrate_touched(
    doc: &AutoCommit,
    local: &Journey,
    local_personas: &[Persona],
    touched: &Touched,
) -> Result<Hydrated, SyncError> {
    let mut notes = Vec::new();
    let mut journey = local.clone();
    if touched.journey {
        journey.meta = meta(doc, local, &mut notes)?;
    }
    let mut personas = Vec::new();
    for (kind, id) in &touched.records {
        let m = table(doc, *kind).and_then(|t| shared_fields(doc, &t, id, *kind));
        let id = id.clone();
        match kind {
            Kind::Phase => {
                journey.phases.retain(|x| x.id != id);
                journey
                    .phases
                    .extend(m.and_then(|m| phase(id, m, &mut notes)));
            }
            Kind::Lane => {
                journey.lanes.retain(|x| x.id != id);
                journey
                    .lanes
                    .extend(m.and_then(|m| lane(id, m, &mut notes)));
            }
            Kind::Card => {
                journey.cards.retain(|x| x.id != id);
                journey
                    .cards
                    .extend(m.and_then(|m| card(id, m, &mut notes)));
            }
            Kind::Persona => {
                personas.extend(m.and_then(|m| persona(id, m, local_personas, &mut notes)));
            }
            Kind::Journey => {}
        }
    }
    finish(journey, personas, local_personas, notes)
}

fn table(doc: &AutoCommit, kind: Kind) -> Option<ObjId> {
    match doc.get(automerge::ROOT, table_name(kind)) {
        Ok(Some((Value::Object(ObjType::Map | ObjType::Table), id))) => Some(id),
        _ => None,
    }
}

/// The records of one table, by id (sorted: map keys come in order), known fields only.
fn records(doc: &AutoCommit, kind: Kind) -> Vec<(String, Map<String, Json>)> {
    let Some(t) = table(doc, kind) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for key in doc.keys(&t) {
        if let Some(m) = shared_fields(doc, &t, &key, kind) {
            out.push((key, m));
        }
    }
    out
}

/// Record `id` of table `t`: the fields this version knows, less the ones that stay local.
fn shared_fields(doc: &AutoCommit, t: &ObjId, id: &str, kind: Kind) -> Option<Map<String, Json>> {
    let Some(Json::Object(mut m)) = fields::get(doc, t, id) else {
        return None;
    };
    keep_known(&mut m, kind);
    for k in kind.local() {
        m.remove(*k);
    }
    Some(m)
}

fn keep_known(m: &mut Map<String, Json>, kind: Kind) {
    let known = kind.known();
    m.retain(|k, _| (kind == Kind::Card && k == "place") || known.contains(k));
}

/// The local fields, from the local record (or absent).
fn take_local(m: &mut Map<String, Json>, local: &Json, kind: Kind) {
    for k in kind.local() {
        m.remove(*k);
        if let Some(v) = local.get(*k) {
            m.insert(k.to_string(), v.clone());
        }
    }
}

/// Deserialises `m`, dropping each field that does not fit (a required one gets its default
/// instead); `None`, with a note, when nothing makes it fit.
fn lenient<T: DeserializeOwned>(
    mut m: Map<String, Json>,
    defaults: &[(&str, Json)],
    what: &str,
    notes: &mut Vec<String>,
) -> Option<T> {
    // A text longer than anyone types (a peer's flood) is cut, and the cut travels back.
    for (k, v) in m.iter_mut() {
        if let Json::String(t) = v {
            if let Some((cut, _)) = t.char_indices().nth(super::MAX_TEXT_CHARS) {
                notes.push(format!(
                    "{what}: field {k} was {} characters long; cut to {}",
                    t.chars().count(),
                    super::MAX_TEXT_CHARS
                ));
                t.truncate(cut);
            }
        }
    }
    for (k, d) in defaults {
        if !m.contains_key(*k) {
            m.insert(k.to_string(), d.clone());
        }
    }
    for _ in 0..=m.len() {
        let err = match serde_path_to_error::deserialize::<_, T>(Json::Object(m.clone())) {
            Ok(t) => return Some(t),
            Err(e) => e,
        };
        let field = err.path().iter().next().and_then(|s| match s {
            serde_path_to_error::Segment::Map { key } => Some(key.clone()),
            _ => None,
        });
        let Some(field) = field.filter(|f| m.contains_key(f)) else {
            notes.push(format!("{what} was left out: {}", err.inner()));
            return None;
        };
        let default = defaults.iter().find(|(k, _)| *k == field).map(|(_, d)| d);
        match default {
            Some(d) if m.get(&field) != Some(d) => {
                m.insert(field.clone(), d.clone());
            }
            Some(_) => {
                notes.push(format!("{what} was left out: {}", err.inner()));
                return None;
            }
            None => {
                m.remove(&field);
            }
        }
        notes.push(format!(
            "{what}: field {field} could not be read and was dropped"
        ));
    }
    None
}
