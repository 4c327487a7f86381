//! The JSON interchange format `klantreis/1`: one journey with its personas and, optionally,
//! the images they use, embedded as base64. The JSON Schema lives in `docs/` and is generated
//! from these types ([`schema_json`]); a test keeps it current.
//!
//! Named versions of the journey (`snapshots`) are left out unless asked for
//! ([`ExportOptions::snapshots`]); an import stores those it finds beside the journey.
//!
//! Import validates everything before it changes the document and names the offending value by
//! its JSON path (`$.journey.cards[3].emotion`). Ids are kept, so export → import → export into
//! a fresh document gives identical files; when the document already has the journey, the
//! import gets fresh ids instead of overwriting it.

use base64::Engine;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::edit::Edit;
use crate::model::*;
use crate::store::{Document, Origin, StoreError};

pub const FORMAT: &str = "klantreis/1";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InterchangeFile {
    /// Always `klantreis/1` for this version of the format.
    #[schemars(extend("const" = "klantreis/1"))]
    pub format: String,
    pub journey: Journey,
    /// Personas the journey links to.
    #[serde(default)]
    pub personas: Vec<Persona>,
    /// Images used by personas (photo) and the journey (wall photos), if embedded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<EmbeddedImage>,
    /// Named versions of the journey, oldest first (only when the export asked for them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub snapshots: Vec<InterchangeSnapshot>,
}

/// A named version of the journey: the journey as it was, with the personas it linked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InterchangeSnapshot {
    pub id: String,
    pub name: String,
    /// RFC 3339 time it was taken.
    pub created: String,
    pub journey: Journey,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub personas: Vec<Persona>,
}

/// What an export holds besides the journey and its personas.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportOptions {
    /// Embed the images (else only their ids are kept).
    pub images: bool,
    /// Include the journey's snapshots.
    pub snapshots: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EmbeddedImage {
    pub id: String,
    /// `image/png` or `image/jpeg`.
    pub mime: String,
    /// Standard base64.
    pub data: String,
}

#[derive(Debug, thiserror::Error)]
pub enum InterchangeError {
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
    #[error("no journey with id {0:?}")]
    NoJourney(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn invalid(path: impl Into<String>, message: impl Into<String>) -> InterchangeError {
    InterchangeError::Invalid {
        path: path.into(),
        message: message.into(),
    }
}

/// The journey `id` as an interchange file (pretty JSON, trailing newline), without snapshots.
pub fn export(doc: &Document, id: &str, embed_images: bool) -> Result<String, InterchangeError> {
    export_with(
        doc,
        id,
        ExportOptions {
            images: embed_images,
            snapshots: false,
        },
    )
}

/// The journey `id` as an interchange file, with what `opts` asks for.
pub fn export_with(
    doc: &Document,
    id: &str,
    opts: ExportOptions,
) -> Result<String, InterchangeError> {
    let embed_images = opts.images;
    let ws = doc.workspace();
    let journey = ws
        .journey(id)
        .ok_or_else(|| InterchangeError::NoJourney(id.to_string()))?
        .clone();
    let personas: Vec<Persona> = journey
        .meta
        .persona_ids
        .iter()
        .filter_map(|p| ws.persona(p).cloned())
        .collect();
    let mut images = Vec::new();
    if embed_images {
        let ids = personas
            .iter()
            .filter_map(|p| p.photo.clone())
            .chain(journey.meta.wall_photos.iter().cloned())
            .chain(journey.cards.iter().filter_map(|c| c.image.clone()));
        for img_id in ids {
            if images.iter().any(|i: &EmbeddedImage| i.id == img_id) {
                continue;
            }
            if let Some(img) = doc.image(&img_id)? {
                images.push(EmbeddedImage {
                    id: img.id,
                    mime: img.mime,
                    data: base64::engine::general_purpose::STANDARD.encode(&img.data),
                });
            }
        }
    }
    let mut snapshots = Vec::new();
    if opts.snapshots {
        for info in doc.snapshots(id)? {
            if let Some(s) = doc.load_snapshot(&info.id)? {
                snapshots.push(InterchangeSnapshot {
                    id: s.info.id,
                    name: s.info.name,
                    created: s.info.created,
                    journey: s.journey,
                    personas: s.personas,
                });
            }
        }
    }
    let file = InterchangeFile {
        format: FORMAT.to_string(),
        journey,
        personas,
        images,
        snapshots,
    };
    let mut s = serde_json::to_string_pretty(&file).map_err(|e| invalid("$", e.to_string()))?;
    s.push('\n');
    Ok(s)
}

/// Parses and validates an interchange file without touching any document.
pub fn parse(text: &str) -> Result<InterchangeFile, InterchangeError> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| invalid("$", format!("not valid JSON: {e}")))?;
    match value.get("format") {
        None => return Err(invalid("$.format", "missing; expected \"klantreis/1\"")),
        Some(serde_json::Value::String(f)) if f == FORMAT => {}
        Some(other) => {
            return Err(invalid(
                "$.format",
                format!("unsupported format {other}; this version reads \"{FORMAT}\""),
            ))
        }
    }
    let file: InterchangeFile = serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." {
            "$".to_string()
        } else {
            format!("$.{path}")
        };
        invalid(path, e.into_inner().to_string())
    })?;
    file.journey
        .validate()
        .map_err(|(path, msg)| invalid(format!("$.journey.{path}"), msg))?;
    let image_ids: Vec<&str> = file.images.iter().map(|i| i.id.as_str()).collect();
    for (i, img) in file.images.iter().enumerate() {
        if !matches!(img.mime.as_str(), "image/png" | "image/jpeg") {
            return Err(invalid(
                format!("$.images[{i}].mime"),
                format!("{:?} is not supported (image/png or image/jpeg)", img.mime),
            ));
        }
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(&img.data)
            .map_err(|e| invalid(format!("$.images[{i}].data"), format!("not base64: {e}")))?;
        crate::media::check(&bytes)
            .map_err(|e| invalid(format!("$.images[{i}].data"), e.to_string()))?;
    }
    for (i, p) in file.personas.iter().enumerate() {
        if p.id.trim().is_empty() {
            return Err(invalid(format!("$.personas[{i}].id"), "must not be empty"));
        }
        if file.personas[..i].iter().any(|q| q.id == p.id) {
            return Err(invalid(
                format!("$.personas[{i}].id"),
                format!("duplicate id {:?}", p.id),
            ));
        }
        if let Some(photo) = &p.photo {
            if !file.images.is_empty() && !image_ids.contains(&photo.as_str()) {
                return Err(invalid(
                    format!("$.personas[{i}].photo"),
                    format!("no image with id {photo:?} in $.images"),
                ));
            }
        }
    }
    for (i, s) in file.snapshots.iter().enumerate() {
        s.journey
            .validate()
            .map_err(|(path, msg)| invalid(format!("$.snapshots[{i}].journey.{path}"), msg))?;
        if s.journey.meta.id != file.journey.meta.id {
            return Err(invalid(
                format!("$.snapshots[{i}].journey.id"),
                format!(
                    "a snapshot of journey {:?} in the file of journey {:?}",
                    s.journey.meta.id, file.journey.meta.id
                ),
            ));
        }
    }
    for (i, pid) in file.journey.meta.persona_ids.iter().enumerate() {
        if !file.personas.iter().any(|p| p.id == *pid) {
            return Err(invalid(
                format!("$.journey.persona_ids[{i}]"),
                format!("no persona with id {pid:?} in $.personas"),
            ));
        }
    }
    Ok(file)
}

/// Imports an interchange file as one undoable edit; returns the new journey's id.
pub fn import(doc: &mut Document, text: &str) -> Result<String, InterchangeError> {
    let mut file = parse(text)?;
    // Images first: they are content-addressed, so an embedded id that differs from the
    // content's hash is mapped to the hash.
    let mut image_map = std::collections::HashMap::new();
    for img in &file.images {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(&img.data)
            .map_err(|e| invalid("$.images", e.to_string()))?;
        let id = doc.add_image(&img.mime, &bytes)?;
        image_map.insert(img.id.clone(), id);
    }
    let remap = |id: &mut String| {
        if let Some(n) = image_map.get(id) {
            *id = n.clone();
        }
    };
    for p in &mut file.personas {
        if let Some(photo) = &mut p.photo {
            remap(photo);
        }
    }
    for w in &mut file.journey.meta.wall_photos {
        remap(w);
    }
    for c in &mut file.journey.cards {
        if let Some(img) = &mut c.image {
            remap(img);
        }
    }
    let ws = doc.workspace();
    let clash = ws.journey(&file.journey.meta.id).is_some()
        || file
            .journey
            .phases
            .iter()
            .map(|p| &p.id)
            .chain(file.journey.lanes.iter().map(|l| &l.id))
            .chain(file.journey.cards.iter().map(|c| &c.id))
            .any(|id| ws.journey_of(id).is_some())
        || file
            .journey
            .meta
            .links
            .iter()
            .any(|l| ws.journey_of_link(&l.id).is_some());
    let mut journey = file.journey;
    let mut snapshots = file.snapshots;
    if clash {
        journey.meta.id = crate::model::ids::new_id("journey");
        crate::edit::renew_ids(&mut journey);
        // The versions follow the copy, with fresh record ids of their own (the originals'
        // ids belong to the journey the document already has).
        for s in &mut snapshots {
            s.journey.meta.id = journey.meta.id.clone();
            crate::edit::renew_ids(&mut s.journey);
        }
    }
    // Personas the document already has are reused, not duplicated.
    let personas: Vec<Persona> = file
        .personas
        .into_iter()
        .filter(|p| ws.persona(&p.id).is_none())
        .collect();
    if journey
        .meta
        .compared_with
        .as_ref()
        .is_some_and(|c| ws.journey(c).is_none())
    {
        journey.meta.compared_with = None;
    }
    let id = journey.meta.id.clone();
    // Recorded as an import, so the history can tell it from what the user made by hand.
    doc.apply_as(&Edit::CreateJourney { journey, personas }, Origin::Import)?;
    for s in snapshots {
        let sid = if doc.load_snapshot(&s.id)?.is_some() {
            crate::model::ids::new_id("snapshot")
        } else {
            s.id
        };
        doc.put_snapshot(&crate::store::Snapshot {
            info: crate::store::SnapshotInfo {
                id: sid,
                journey_id: id.clone(),
                name: s.name,
                created: s.created,
                version: s.journey.meta.version,
                phases: s.journey.phases.len() as u32,
                lanes: s.journey.lanes.len() as u32,
                cards: s.journey.cards.len() as u32,
            },
            journey: s.journey,
            personas: s.personas,
        })?;
    }
    Ok(id)
}

/// The JSON Schema of the format, as written to `docs/klantreis-1.schema.json`.
pub fn schema_json() -> String {
    let schema = schemars::schema_for!(InterchangeFile);
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}
