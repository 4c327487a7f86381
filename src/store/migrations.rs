//! Forward-only migrations of the document schema. Entry `n` of [`MIGRATIONS`] takes a file from
//! `user_version` `n` to `n + 1`; a file is never taken back. Migrations run in one immediate
//! transaction when a file is opened, so a crash mid-way leaves the old version intact, and an
//! up-to-date file is only read, never written, on open.
//!
//! History of the schema:
//! - 1: personas, journeys, phases, lanes, cards, images, history.
//! - 2: history rows get an `origin` (`local`, `import`, `restore`; `sync` later) and a
//!   `group_id` (the `seq` of the group's first row): the rows of one group are undone and
//!   redone as one step. Rows of a version-1 file become `local`, each its own group.
//! - 3: `snapshots`: named versions of a journey (the journey and its personas as JSON, with
//!   the counts a list shows). No foreign key to `journeys`: a deleted journey keeps its
//!   versions, so undoing the delete brings the journey back with them.
//! - 4: `sync_docs` and `sync_changes`: the Automerge document of each shared journey (a saved
//!   document and the incremental changes since), see `store::shared`. No foreign key to
//!   `journeys`: a journey deleted here keeps its document, so undoing the delete shares it
//!   again.
//! - 5: votes on cards (`votes`), the voting round and the parking lot of a journey
//!   (`voting`, `parking_lot`). They live in the records' JSON with serde defaults, so no
//!   table changes; the version marks files that may hold them. A build of version 4 would
//!   refuse a card with `votes` (cards deny unknown fields) and, worse, drop a journey's voting
//!   round and parking lot unseen on its next write (journeys ignore unknown fields); with the
//!   bump it refuses the whole file as too new instead, and loses nothing.

use rusqlite::{Connection, TransactionBehavior};

use super::{StoreError, APPLICATION_ID, SCHEMA_VERSION};

/// Forward-only migrations; entry `n` takes a file from version `n` to `n + 1`.
pub(super) const MIGRATIONS: &[&str] = &[
    // 0 -> 1: the first schema.
    "CREATE TABLE personas (id TEXT PRIMARY KEY, data TEXT NOT NULL);
     CREATE TABLE journeys (id TEXT PRIMARY KEY, data TEXT NOT NULL);
     CREATE TABLE phases (
        id TEXT PRIMARY KEY,
        journey_id TEXT NOT NULL REFERENCES journeys(id),
        ord TEXT NOT NULL,
        data TEXT NOT NULL);
     CREATE INDEX phases_journey ON phases(journey_id);
     CREATE TABLE lanes (
        id TEXT PRIMARY KEY,
        journey_id TEXT NOT NULL REFERENCES journeys(id),
        ord TEXT NOT NULL,
        data TEXT NOT NULL);
     CREATE INDEX lanes_journey ON lanes(journey_id);
     CREATE TABLE cards (
        id TEXT PRIMARY KEY,
        journey_id TEXT NOT NULL REFERENCES journeys(id),
        phase_id TEXT NOT NULL REFERENCES phases(id),
        lane_id TEXT NOT NULL REFERENCES lanes(id),
        ord TEXT NOT NULL,
        data TEXT NOT NULL);
     CREATE INDEX cards_journey ON cards(journey_id);
     CREATE INDEX cards_phase ON cards(phase_id);
     CREATE INDEX cards_lane ON cards(lane_id);
     CREATE TABLE images (id TEXT PRIMARY KEY, mime TEXT NOT NULL, data BLOB NOT NULL);
     CREATE TABLE history (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        label TEXT NOT NULL,
        edit TEXT NOT NULL,
        changes TEXT NOT NULL,
        undone INTEGER NOT NULL DEFAULT 0);
     CREATE INDEX history_undone ON history(undone, seq);",
    // 1 -> 2: history origin and groups.
    "ALTER TABLE history ADD COLUMN origin TEXT NOT NULL DEFAULT 'local';
     ALTER TABLE history ADD COLUMN group_id INTEGER NOT NULL DEFAULT 0;
     UPDATE history SET group_id = seq;
     CREATE INDEX history_group ON history(group_id, seq);",
    // 2 -> 3: named snapshots (versions) of journeys.
    "CREATE TABLE snapshots (
        id TEXT PRIMARY KEY,
        journey_id TEXT NOT NULL,
        name TEXT NOT NULL,
        created TEXT NOT NULL,
        version INTEGER NOT NULL,
        phases INTEGER NOT NULL,
        lanes INTEGER NOT NULL,
        cards INTEGER NOT NULL,
        data TEXT NOT NULL);
     CREATE INDEX snapshots_journey ON snapshots(journey_id, created);",
    // 3 -> 4: the Automerge documents of shared journeys. (Links between cards need no table:
    // they live in the journey's record.)
    "CREATE TABLE sync_docs (
        journey_id TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL UNIQUE,
        doc BLOB NOT NULL);
     CREATE TABLE sync_changes (
        seq INTEGER PRIMARY KEY,
        journey_id TEXT NOT NULL,
        bytes BLOB NOT NULL);
     CREATE INDEX sync_changes_journey ON sync_changes(journey_id, seq);",
    // 4 -> 5: votes, voting round and parking lot, in the records' JSON (see the module docs:
    // the version itself is the change). Version-4 records read unchanged.
    "SELECT 1;",
];

pub(super) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    // Read first: an up-to-date file is not written to at all on open.
    let version: i32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let app: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if version == SCHEMA_VERSION && app == APPLICATION_ID {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let version: i32 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: String::new(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    for (n, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (n + 1) as i32)?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_migration_per_version() {
        assert_eq!(MIGRATIONS.len(), SCHEMA_VERSION as usize);
    }
}
