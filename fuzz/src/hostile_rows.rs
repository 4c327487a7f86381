//! Fuzz target: a valid Klantreis document (right application id, right schema) whose rows
//! hold hostile values: broken JSON, dangling ids, duplicate order keys, emotions out of
//! range, a `compared_with` cycle, a history entry that lies. The input is a list of such
//! changes, made with plain SQL to a copy of a sample document; the document must then open
//! with a clear error or open and survive everything a user does next.

use std::sync::OnceLock;

use crate::{exercise, remove, scratch_path};
use arbitrary::{Arbitrary, Unstructured};
use klantreis::{templates, Document, Edit, Lang};
use rusqlite::{params, Connection};

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Table {
    Personas,
    Journeys,
    Phases,
    Lanes,
    Cards,
    History,
}

impl Table {
    fn name(self) -> &'static str {
        match self {
            Table::Personas => "personas",
            Table::Journeys => "journeys",
            Table::Phases => "phases",
            Table::Lanes => "lanes",
            Table::Cards => "cards",
            Table::History => "history",
        }
    }
    /// The JSON column: `data`, or for history `edit` / `changes`.
    fn json_column(self, pick: u8) -> &'static str {
        match (self, pick % 2) {
            (Table::History, 0) => "edit",
            (Table::History, _) => "changes",
            _ => "data",
        }
    }
}

#[derive(Arbitrary, Debug)]
pub enum Value {
    Int(i64),
    Emotion(i8),
    Float(f64),
    Text(String),
    Null,
    Bool(bool),
    /// The id of another row: references, cycles, duplicates.
    IdOf(Table, u8),
    /// The order key of another row (duplicate order keys).
    OrderOf(Table, u8),
    /// Any JSON text (arrays, objects), inserted through `json()`.
    Json(String),
}

/// JSON paths worth aiming at, across the record kinds.
const FIELDS: &[&str] = &[
    "$.id",
    "$.order",
    "$.text",
    "$.emotion",
    "$.phase_id",
    "$.lane_id",
    "$.colour",
    "$.validation",
    "$.evidence",
    "$.evidence[0].kind",
    "$.impact",
    "$.company_involved",
    "$.compared_with",
    "$.persona_ids",
    "$.persona_ids[0]",
    "$.wall_photos",
    "$.wall_photos[0]",
    "$.photo",
    "$.title",
    "$.goal",
    "$.language",
    "$.state",
    "$.scope",
    "$.version",
    "$.kind",
    "$.name",
    "$.hint",
    "$.data",
    "$.data.drop_off_pct",
    "$.op",
    "$.ids",
    "$.ids[0]",
    "$.changes",
    "$.changes[0].before",
    "$.changes[0].after",
    "$.changes[0].after.card.emotion",
    "$.changes[0].after.card.order",
    "$.journey_id",
];

/// Plain columns beside the JSON, which `load` also reads.
const COLUMNS: &[&str] = &["journey_id", "phase_id", "lane_id", "ord", "id", "undone"];

#[derive(Arbitrary, Debug)]
pub enum Op {
    SetField {
        table: Table,
        row: u8,
        column: u8,
        field: u8,
        value: Value,
    },
    RemoveField {
        table: Table,
        row: u8,
        column: u8,
        field: u8,
    },
    RawJson {
        table: Table,
        row: u8,
        column: u8,
        text: String,
    },
    SetColumn {
        table: Table,
        row: u8,
        column: u8,
        value: Value,
    },
    CompareCycle {
        a: u8,
        b: u8,
    },
    DeleteRow {
        table: Table,
        row: u8,
    },
    CopyRow {
        table: Table,
        row: u8,
        new_id: String,
    },
    Image {
        id: Value,
        mime: String,
        data: Vec<u8>,
    },
}

/// A sample document (two journeys, one comparing with the other), made once per process.
fn base() -> &'static [u8] {
    static BASE: OnceLock<Vec<u8>> = OnceLock::new();
    BASE.get_or_init(|| {
        let path = scratch_path();
        let mut doc = Document::create(&path).expect("create base");
        let (j, p) = templates::sample(Lang::Nl);
        let first = j.meta.id.clone();
        doc.apply(&Edit::CreateJourney {
            journey: j,
            personas: vec![p],
        })
        .expect("sample");
        let mut k = templates::build("five-stages", Lang::En, Some("B")).expect("template");
        k.meta.compared_with = Some(first);
        doc.apply(&Edit::CreateJourney {
            journey: k,
            personas: vec![],
        })
        .expect("template journey");
        doc.close().expect("close base");
        let bytes = std::fs::read(&path).expect("read base");
        remove(&path);
        bytes
    })
}

fn row_id(conn: &Connection, table: Table, row: u8) -> Option<String> {
    let sql = format!(
        "SELECT CAST({} AS TEXT) FROM {} ORDER BY rowid LIMIT 1 OFFSET ?1",
        if matches!(table, Table::History) {
            "seq"
        } else {
            "id"
        },
        table.name()
    );
    conn.query_row(&sql, [row % 16], |r| r.get(0)).ok()
}

fn bind(conn: &Connection, v: &Value) -> rusqlite::types::Value {
    use rusqlite::types::Value as V;
    match v {
        Value::Int(i) => V::Integer(*i),
        Value::Emotion(e) => V::Integer(i64::from(*e)),
        Value::Float(f) => V::Real(*f),
        Value::Text(s) | Value::Json(s) => V::Text(s.clone()),
        Value::Null => V::Null,
        Value::Bool(b) => V::Integer(i64::from(*b)),
        Value::IdOf(t, r) => row_id(conn, *t, *r).map_or(V::Null, V::Text),
        Value::OrderOf(t, r) => {
            let sql = format!(
                "SELECT json_extract(data, '$.order') FROM {} ORDER BY rowid LIMIT 1 OFFSET ?1",
                t.name()
            );
            conn.query_row(&sql, [r % 16], |r| r.get::<_, String>(0))
                .map_or(V::Null, V::Text)
        }
    }
}

fn where_row(table: Table) -> String {
    format!(
        "WHERE rowid = (SELECT rowid FROM {t} ORDER BY rowid LIMIT 1 OFFSET ?2)",
        t = table.name()
    )
}

fn run(conn: &Connection, op: &Op) {
    // Errors (a constraint, JSON that SQLite refuses) just mean this change did not happen.
    let _ = match op {
        Op::SetField {
            table,
            row,
            column,
            field,
            value,
        } => {
            let col = table.json_column(*column);
            let path = FIELDS[*field as usize % FIELDS.len()];
            let expr = if matches!(value, Value::Json(_)) {
                "json(?3)"
            } else {
                "?3"
            };
            let sql = format!(
                "UPDATE {t} SET {col} = json_set({col}, ?1, {expr}) {w}",
                t = table.name(),
                w = where_row(*table)
            );
            conn.execute(&sql, params![path, row % 16, bind(conn, value)])
        }
        Op::RemoveField {
            table,
            row,
            column,
            field,
        } => {
            let col = table.json_column(*column);
            let path = FIELDS[*field as usize % FIELDS.len()];
            let sql = format!(
                "UPDATE {t} SET {col} = json_remove({col}, ?1) {w}",
                t = table.name(),
                w = where_row(*table)
            );
            conn.execute(&sql, params![path, row % 16])
        }
        Op::RawJson {
            table,
            row,
            column,
            text,
        } => {
            let sql = format!(
                "UPDATE {t} SET {col} = ?1 {w}",
                t = table.name(),
                col = table.json_column(*column),
                w = where_row(*table)
            );
            conn.execute(&sql, params![text, row % 16])
        }
        Op::SetColumn {
            table,
            row,
            column,
            value,
        } => {
            let sql = format!(
                "UPDATE {t} SET {col} = ?1 {w}",
                t = table.name(),
                col = COLUMNS[*column as usize % COLUMNS.len()],
                w = where_row(*table)
            );
            conn.execute(&sql, params![bind(conn, value), row % 16])
        }
        Op::CompareCycle { a, b } => {
            let (Some(ja), Some(jb)) = (
                row_id(conn, Table::Journeys, *a),
                row_id(conn, Table::Journeys, *b),
            ) else {
                return;
            };
            let sql =
                "UPDATE journeys SET data = json_set(data, '$.compared_with', ?1) WHERE id = ?2";
            let _ = conn.execute(sql, params![jb, ja]);
            conn.execute(sql, params![ja, jb])
        }
        Op::DeleteRow { table, row } => {
            let sql = format!(
                "DELETE FROM {t} {w}",
                t = table.name(),
                w = where_row(*table)
            )
            .replace("?2", "?1");
            conn.execute(&sql, params![row % 16])
        }
        Op::CopyRow { table, row, new_id } => {
            let t = table.name();
            let sql = match table {
                Table::History => format!(
                    "INSERT INTO history (at, label, edit, changes, undone) SELECT at, label, \
                     edit, changes, undone FROM history ORDER BY seq LIMIT 1 OFFSET ?1"
                ),
                Table::Personas | Table::Journeys => format!(
                    "INSERT INTO {t} (id, data) SELECT ?2, data FROM {t} ORDER BY rowid \
                     LIMIT 1 OFFSET ?1"
                ),
                Table::Phases | Table::Lanes => format!(
                    "INSERT INTO {t} (id, journey_id, ord, data) SELECT ?2, journey_id, ord, \
                     data FROM {t} ORDER BY rowid LIMIT 1 OFFSET ?1"
                ),
                Table::Cards => format!(
                    "INSERT INTO {t} (id, journey_id, phase_id, lane_id, ord, data) SELECT ?2, \
                     journey_id, phase_id, lane_id, ord, data FROM {t} ORDER BY rowid LIMIT 1 \
                     OFFSET ?1"
                ),
            };
            if matches!(table, Table::History) {
                conn.execute(&sql, params![row % 16])
            } else {
                conn.execute(&sql, params![row % 16, new_id])
            }
        }
        Op::Image { id, mime, data } => conn.execute(
            "INSERT OR REPLACE INTO images (id, mime, data) VALUES (?1, ?2, ?3)",
            params![bind(conn, id), mime, data],
        ),
    };
}

/// The fuzz target's input as libFuzzer hands it over (`fuzz_target!` with a typed argument):
/// the bytes become the list of changes through `Arbitrary`, and too few bytes are no input.
/// The replay test (`tests/fuzz_replay.rs` in the main workspace) calls this with the seeds.
pub fn check_bytes(data: &[u8]) {
    if data.len() < <Vec<Op> as Arbitrary>::size_hint(0).0 {
        return;
    }
    if let Ok(ops) = Vec::<Op>::arbitrary_take_rest(Unstructured::new(data)) {
        check(ops);
    }
}

/// Applies up to 32 of the changes to a copy of the sample document, then opens and walks it.
pub fn check(ops: Vec<Op>) {
    let path = scratch_path();
    if std::fs::write(&path, base()).is_err() {
        return;
    }
    if let Ok(conn) = Connection::open(&path) {
        // Foreign keys stay off, as in any other program that might have written the file.
        for op in ops.iter().take(32) {
            run(&conn, op);
        }
        let _ = conn.close();
    }
    if let Ok(mut doc) = Document::open(&path) {
        exercise(&mut doc, true, false);
    }
    remove(&path);
}
