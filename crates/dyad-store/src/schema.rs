//! The schema and its ordered migrations.

use crate::{Error, Result};
use rusqlite::{Connection, OptionalExtension};

/// A migration: SQL, then (optionally) a step in Rust that fills what SQL cannot easily compute.
struct Migration {
    sql: &'static str,
    backfill: Option<fn(&rusqlite::Transaction<'_>) -> Result<()>>,
}

/// Migrations in order; migration `i` brings the schema from version `i` to `i + 1`.
const MIGRATIONS: &[Migration] = &[
    Migration { sql: V1, backfill: None },
    Migration { sql: V2, backfill: None },
    Migration { sql: V3, backfill: Some(crate::agg::backfill) },
];

// 1: documents, sentences, events, aggregates.
const V1: &str = "
    CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL,
        date TEXT,
        title TEXT,
        url TEXT,
        publisher TEXT,
        ingested_at INTEGER
    );
    CREATE TABLE sentences (
        -- AUTOINCREMENT: ids are never reused, so a batch's new sentences are those above the
        -- largest id at its start (Store::ingest indexes them for full text in one statement).
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        text TEXT NOT NULL,
        UNIQUE (doc, idx)
    );
    CREATE TABLE events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        sentence INTEGER NOT NULL,
        date TEXT,
        date_text TEXT,
        source_code TEXT NOT NULL,
        source_country TEXT,
        source_role TEXT,
        source_text TEXT NOT NULL,
        source_start INTEGER NOT NULL,
        source_end INTEGER NOT NULL,
        target_code TEXT,
        target_country TEXT,
        target_role TEXT,
        target_text TEXT,
        target_start INTEGER,
        target_end INTEGER,
        cameo TEXT NOT NULL,
        root TEXT NOT NULL,
        quad INTEGER NOT NULL,
        goldstein REAL NOT NULL,
        plover TEXT,
        loc_name TEXT,
        loc_country TEXT,
        lat REAL,
        lon REAL,
        negated INTEGER NOT NULL,
        verb TEXT NOT NULL,
        verb_start INTEGER NOT NULL,
        verb_end INTEGER NOT NULL,
        pattern TEXT NOT NULL
    );
    CREATE INDEX events_doc ON events (doc, sentence);
    -- Each index ends in (date, quad, goldstein) so that timelines under a filter read the
    -- index alone. Root filters use the cameo index (a root is its code's first two digits).
    CREATE INDEX events_date ON events (date, quad, goldstein);
    CREATE INDEX events_dyad ON events (source_code, target_code, date, quad, goldstein);
    CREATE INDEX events_target ON events (target_code, date, quad, goldstein);
    CREATE INDEX events_cameo ON events (cameo, date, quad, goldstein);
    -- Aggregates kept in step with events by Store::ingest.
    CREATE TABLE daily (
        date TEXT NOT NULL,
        quad INTEGER NOT NULL,
        n INTEGER NOT NULL,
        goldstein_sum REAL NOT NULL,
        PRIMARY KEY (date, quad)
    ) WITHOUT ROWID;
    CREATE TABLE dyad_totals (
        source TEXT NOT NULL,
        target TEXT NOT NULL,
        n INTEGER NOT NULL,
        goldstein_sum REAL NOT NULL,
        PRIMARY KEY (source, target)
    ) WITHOUT ROWID;
    CREATE INDEX dyad_totals_n ON dyad_totals (n);
    CREATE TABLE actors (
        code TEXT PRIMARY KEY,
        country TEXT,
        role TEXT,
        events INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX actors_events ON actors (events);
    -- One row per (date, source, target, cameo, location) with mention and document counts.
    CREATE VIEW events_dedup AS
        SELECT date, source_code, target_code, cameo, loc_name,
               count(*) AS mentions, count(DISTINCT doc) AS documents, min(id) AS first_event
        FROM events
        GROUP BY date, source_code, target_code, cameo, loc_name;
    ";

// 2: full-text index over sentences (inserts indexed by Store::ingest, deletes by trigger).
const V2: &str = "
    CREATE VIRTUAL TABLE sentences_fts USING fts5 (
        text, content = 'sentences', content_rowid = 'id', detail = 'none'
    );
    INSERT INTO sentences_fts (sentences_fts) VALUES ('rebuild');
    -- New rows are indexed by Store::ingest in bulk (far cheaper than a per-row trigger).
    CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN
        INSERT INTO sentences_fts (sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END;
    CREATE TRIGGER sentences_au AFTER UPDATE ON sentences BEGIN
        INSERT INTO sentences_fts (sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO sentences_fts (rowid, text) VALUES (new.id, new.text);
    END;
    ";

// 3: faster ingest and filtered timelines. Events point at their sentence's row id (`sid`);
// documents record the row-id ranges of their sentences and events, so a document's rows are
// found and replaced without an index on `doc`. The wide covering indexes (every one scattered
// by date, each a random write per event) give way to narrow ones that grow at the end of each
// key's run, and to `daily_key`: per-day aggregates keyed by actor, country and CAMEO code,
// kept in step with `events` by Store::ingest (filled here by `agg::backfill`).
const V3: &str = "
    DROP VIEW events_dedup;
    ALTER TABLE documents ADD COLUMN first_sentence INTEGER;
    ALTER TABLE documents ADD COLUMN last_sentence INTEGER;
    ALTER TABLE documents ADD COLUMN first_event INTEGER;
    ALTER TABLE documents ADD COLUMN last_event INTEGER;
    UPDATE documents SET
        first_sentence = (SELECT min(id) FROM sentences WHERE doc = documents.id),
        last_sentence = (SELECT max(id) FROM sentences WHERE doc = documents.id),
        first_event = (SELECT min(id) FROM events WHERE doc = documents.id),
        last_event = (SELECT max(id) FROM events WHERE doc = documents.id);

    CREATE TABLE events_v3 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        doc TEXT NOT NULL,
        sentence INTEGER NOT NULL,
        sid INTEGER NOT NULL,
        date TEXT,
        date_text TEXT,
        source_code TEXT NOT NULL,
        source_country TEXT,
        source_role TEXT,
        source_text TEXT NOT NULL,
        source_start INTEGER NOT NULL,
        source_end INTEGER NOT NULL,
        target_code TEXT,
        target_country TEXT,
        target_role TEXT,
        target_text TEXT,
        target_start INTEGER,
        target_end INTEGER,
        cameo TEXT NOT NULL,
        root TEXT NOT NULL,
        quad INTEGER NOT NULL,
        goldstein REAL NOT NULL,
        plover TEXT,
        loc_name TEXT,
        loc_country TEXT,
        lat REAL,
        lon REAL,
        negated INTEGER NOT NULL,
        verb TEXT NOT NULL,
        verb_start INTEGER NOT NULL,
        verb_end INTEGER NOT NULL,
        pattern TEXT NOT NULL
    );
    INSERT INTO events_v3 SELECT e.id, e.doc, e.sentence,
        coalesce((SELECT s.id FROM sentences s WHERE s.doc = e.doc AND s.idx = e.sentence), 0),
        e.date, e.date_text, e.source_code, e.source_country, e.source_role, e.source_text,
        e.source_start, e.source_end, e.target_code, e.target_country, e.target_role, e.target_text,
        e.target_start, e.target_end, e.cameo, e.root, e.quad, e.goldstein, e.plover, e.loc_name,
        e.loc_country, e.lat, e.lon, e.negated, e.verb, e.verb_start, e.verb_end, e.pattern
        FROM events e ORDER BY e.id;
    UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'events'), 0))
        WHERE name = 'events_v3';
    DROP TABLE events;
    ALTER TABLE events_v3 RENAME TO events;

    -- Sentences without the (doc, idx) index: ingest never looks them up by it.
    CREATE TABLE sentences_v3 (
        -- AUTOINCREMENT: ids are never reused, so a batch's new sentences are those above the
        -- largest id at its start (Store::ingest indexes them for full text in one statement).
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        doc TEXT NOT NULL,
        idx INTEGER NOT NULL,
        text TEXT NOT NULL
    );
    INSERT INTO sentences_v3 SELECT id, doc, idx, text FROM sentences ORDER BY id;
    UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'sentences'), 0))
        WHERE name = 'sentences_v3';
    DROP TABLE sentences;
    ALTER TABLE sentences_v3 RENAME TO sentences;
    CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN
        INSERT INTO sentences_fts (sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END;
    CREATE TRIGGER sentences_au AFTER UPDATE ON sentences BEGIN
        INSERT INTO sentences_fts (sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO sentences_fts (rowid, text) VALUES (new.id, new.text);
    END;

    -- Appended to at the end (sid grows with each batch): words filters read it alone.
    CREATE INDEX events_sid ON events (sid, date, quad, goldstein);
    -- Low-cardinality keys, then sid (which grows): new rows go at the end of their key's run.
    -- Ending in (date, quad, goldstein), source and target timelines read these alone.
    CREATE INDEX events_dyad ON events (source_code, target_code, sid, date, quad, goldstein);
    CREATE INDEX events_target ON events (target_code, sid, date, quad, goldstein);
    CREATE INDEX events_cameo ON events (cameo);

    -- Per-day aggregates by key (see agg.rs): kind 1 actor (either side; every 3-character
    -- prefix of its code and the code itself), kind 2 country (either side), kind 3 CAMEO
    -- code, kind 0 bookkeeping. Undated events have date ''.
    CREATE TABLE daily_key (
        kind INTEGER NOT NULL,
        key TEXT NOT NULL,
        date TEXT NOT NULL,
        quad INTEGER NOT NULL,
        n INTEGER NOT NULL,
        goldstein_sum REAL NOT NULL,
        PRIMARY KEY (kind, key, date, quad)
    ) WITHOUT ROWID;

    CREATE VIEW events_dedup AS
        SELECT date, source_code, target_code, cameo, loc_name,
               count(*) AS mentions, count(DISTINCT doc) AS documents, min(id) AS first_event
        FROM events
        GROUP BY date, source_code, target_code, cameo, loc_name;
";
/// The schema version this code writes.
pub const VERSION: i64 = MIGRATIONS.len() as i64;

/// The file's schema version (0 for a new file).
pub fn version(conn: &Connection) -> Result<i64> {
    let has: Option<String> = conn
        .query_row("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'", [], |r| r.get(0))
        .optional()?;
    if has.is_none() {
        return Ok(0);
    }
    Ok(conn.query_row("SELECT coalesce(max(version), 0) FROM schema_version", [], |r| r.get(0))?)
}

/// Applies the migrations the file lacks, all in one transaction.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    tx.execute_batch("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at INTEGER)")?;
    let mut v = version(&tx)?;
    if v > VERSION {
        return Err(Error::SchemaTooNew { found: v, supported: VERSION });
    }
    while v < VERSION {
        let m = &MIGRATIONS[v as usize];
        tx.execute_batch(m.sql)?;
        if let Some(backfill) = m.backfill {
            backfill(&tx)?;
        }
        v += 1;
        tx.execute("INSERT INTO schema_version (version, applied_at) VALUES (?1, strftime('%s','now'))", [v])?;
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{synthetic, Bucket, Query, Store};

    /// A file at version 2, with the rows version 2's ingest wrote for `batch`.
    fn version_2_file(path: &std::path::Path, batch: &[crate::DocBatch]) {
        // Rows as this version writes them, copied into the older tables.
        let fresh = path.with_extension("fresh.db");
        Store::open(&fresh).unwrap().ingest(batch).unwrap();
        let mut conn = Connection::open(path).unwrap();
        let tx = conn.transaction().unwrap();
        tx.execute_batch("CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at INTEGER)").unwrap();
        for (i, m) in MIGRATIONS[..2].iter().enumerate() {
            tx.execute_batch(m.sql).unwrap();
            tx.execute("INSERT INTO schema_version (version) VALUES (?1)", [i as i64 + 1]).unwrap();
        }
        tx.execute("ATTACH ?1 AS f", [fresh.to_str().unwrap()]).unwrap();
        tx.execute_batch(
            "INSERT INTO documents SELECT id, content_hash, date, title, url, publisher, ingested_at FROM f.documents;
             INSERT INTO sentences SELECT id, doc, idx, text FROM f.sentences;
             INSERT INTO events SELECT id, doc, sentence, date, date_text, source_code, source_country, source_role,
                 source_text, source_start, source_end, target_code, target_country, target_role, target_text,
                 target_start, target_end, cameo, root, quad, goldstein, plover, loc_name, loc_country, lat, lon,
                 negated, verb, verb_start, verb_end, pattern FROM f.events;
             INSERT INTO daily SELECT * FROM f.daily;
             INSERT INTO dyad_totals SELECT * FROM f.dyad_totals;
             INSERT INTO actors SELECT * FROM f.actors;
             INSERT INTO sentences_fts (rowid, text) SELECT id, text FROM sentences;",
        )
        .unwrap();
        tx.commit().unwrap();
        conn.execute("DETACH f", []).unwrap();
    }

    #[test]
    fn version_2_files_upgrade() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("v2.db");
        let batch = synthetic::batch(4, "doc", 0, 40, 6);
        version_2_file(&old, &batch);
        assert_eq!(version(&Connection::open(&old).unwrap()).unwrap(), 2);
        let mut s = Store::open(&old).unwrap();
        assert_eq!(s.schema_version().unwrap(), VERSION);
        assert_eq!(s.check().unwrap(), Vec::<String>::new());
        assert_eq!(s.totals().unwrap(), (40, 240, 240));

        // The same answers as a file written by this version.
        let new = dir.path().join("v3.db");
        let mut n = Store::open(&new).unwrap();
        n.ingest(&batch).unwrap();
        let all = Query { limit: Some(1000), ..Default::default() };
        assert_eq!(s.query(&all).unwrap(), n.query(&all).unwrap());
        for q in [
            Query { actor: Some("IRN".into()), ..Default::default() },
            Query { code: Some("04".into()), quad: Some(1), ..Default::default() },
            Query { q: Some("attacked".into()), ..Default::default() },
            Query { doc: Some("doc7".into()), ..Default::default() },
        ] {
            assert_eq!(s.timeline(&q, Bucket::Day).unwrap(), n.timeline(&q, Bucket::Day).unwrap(), "{q:?}");
            assert_eq!(s.count(&q).unwrap(), n.count(&q).unwrap(), "{q:?}");
        }

        // Documents stored before the upgrade are skipped when unchanged and replaced whole
        // when changed; new rows get ids above the old ones.
        let before = s.max_event_id().unwrap();
        assert_eq!(s.ingest(&batch).unwrap().documents_skipped, 40);
        let mut rng = synthetic::Rng::new(5);
        let changed = synthetic::document(&mut rng, "doc3", 2, 1);
        let st = s.ingest(std::slice::from_ref(&changed)).unwrap();
        assert_eq!((st.documents_replaced, st.events), (1, 2));
        assert_eq!(s.check().unwrap(), Vec::<String>::new());
        assert_eq!(s.totals().unwrap(), (40, 236, 236));
        assert!(s.max_event_id().unwrap() > before);
        let q = Query { doc: Some("doc3".into()), ..Default::default() };
        assert_eq!(s.query(&q).unwrap().len(), 2);
    }
}
