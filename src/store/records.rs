//! Records in the database: reading the whole workspace ([`load`]) and writing a ChangeSet's
//! records ([`write_changes`]). Records are JSON in a `data` column, with the keys the database
//! must enforce (journey, phase, lane, order) as real columns with foreign keys, so a ChangeSet
//! written out of order fails instead of leaving dangling cards.

use rusqlite::{params, Connection};

use super::StoreError;
use crate::edit::{ChangeSet, Record};
use crate::model::*;

/// Reads the whole workspace.
pub(super) fn load(conn: &Connection) -> Result<Workspace, StoreError> {
    let mut ws = Workspace::default();
    {
        let mut stmt = conn.prepare_cached("SELECT data FROM personas ORDER BY id")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            ws.personas.push(serde_json::from_str(
                r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?,
            )?);
        }
    }
    let mut index = std::collections::HashMap::new();
    {
        let mut stmt = conn.prepare_cached("SELECT data FROM journeys ORDER BY id")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let meta: JourneyMeta =
                serde_json::from_str(r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?)?;
            index.insert(meta.id.clone(), ws.journeys.len());
            ws.journeys.push(Journey {
                meta,
                ..Default::default()
            });
        }
    }
    for table in ["phases", "lanes", "cards"] {
        let sql = format!("SELECT journey_id, data FROM {table}");
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let jid = r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
            let data = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
            let Some(&i) = index.get(jid) else { continue };
            let j = &mut ws.journeys[i];
            match table {
                "phases" => j.phases.push(serde_json::from_str(data)?),
                "lanes" => j.lanes.push(serde_json::from_str(data)?),
                _ => j.cards.push(serde_json::from_str(data)?),
            }
        }
    }
    for j in &mut ws.journeys {
        j.sort();
    }
    Ok(ws)
}

pub(super) fn write_changes(conn: &Connection, cs: &ChangeSet) -> Result<(), StoreError> {
    for c in &cs.changes {
        match (&c.before, &c.after) {
            (_, Some(r)) => upsert(conn, r)?,
            (Some(r), None) => delete(conn, r)?,
            (None, None) => {}
        }
    }
    Ok(())
}

fn upsert(conn: &Connection, r: &Record) -> Result<(), StoreError> {
    match r {
        Record::Persona(p) => {
            conn.prepare_cached(
                "INSERT INTO personas (id, data) VALUES (?1, ?2)
                 ON CONFLICT(id) DO UPDATE SET data = excluded.data",
            )?
            .execute(params![p.id, serde_json::to_string(p)?])?;
        }
        Record::Journey(m) => {
            conn.prepare_cached(
                "INSERT INTO journeys (id, data) VALUES (?1, ?2)
                 ON CONFLICT(id) DO UPDATE SET data = excluded.data",
            )?
            .execute(params![m.id, serde_json::to_string(m)?])?;
        }
        Record::Phase { journey_id, phase } => {
            conn.prepare_cached(
                "INSERT INTO phases (id, journey_id, ord, data) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(id) DO UPDATE SET journey_id = excluded.journey_id,
                    ord = excluded.ord, data = excluded.data",
            )?
            .execute(params![
                phase.id,
                journey_id,
                phase.order,
                serde_json::to_string(phase)?
            ])?;
        }
        Record::Lane { journey_id, lane } => {
            conn.prepare_cached(
                "INSERT INTO lanes (id, journey_id, ord, data) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(id) DO UPDATE SET journey_id = excluded.journey_id,
                    ord = excluded.ord, data = excluded.data",
            )?
            .execute(params![
                lane.id,
                journey_id,
                lane.order,
                serde_json::to_string(lane)?
            ])?;
        }
        Record::Card { journey_id, card } => {
            conn.prepare_cached(
                "INSERT INTO cards (id, journey_id, phase_id, lane_id, ord, data)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT(id) DO UPDATE SET journey_id = excluded.journey_id,
                    phase_id = excluded.phase_id, lane_id = excluded.lane_id,
                    ord = excluded.ord, data = excluded.data",
            )?
            .execute(params![
                card.id,
                journey_id,
                card.phase_id,
                card.lane_id,
                card.order,
                serde_json::to_string(card)?
            ])?;
        }
    }
    Ok(())
}

fn delete(conn: &Connection, r: &Record) -> Result<(), StoreError> {
    let table = match r {
        Record::Persona(_) => "personas",
        Record::Journey(_) => "journeys",
        Record::Phase { .. } => "phases",
        Record::Lane { .. } => "lanes",
        Record::Card { .. } => "cards",
    };
    conn.prepare_cached(&format!("DELETE FROM {table} WHERE id = ?1"))?
        .execute([r.id()])?;
    Ok(())
}
