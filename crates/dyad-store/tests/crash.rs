//! Kills a process in the middle of ingesting and checks that the store stays consistent and
//! that re-ingesting leaves no duplicates or partial documents.

use dyad_store::synthetic::{self, Rng};
use dyad_store::{DocBatch, Store};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

const DOCS: usize = 300;
const PER_BATCH: usize = 60;
const EVENTS_PER_DOC: usize = 20;

/// Batch `i`: documents cycling over `DOCS` ids, each at version `i`, so later batches replace.
fn batch(i: usize) -> Vec<DocBatch> {
    (0..PER_BATCH)
        .map(|j| {
            let k = (i * PER_BATCH + j) % DOCS;
            let mut rng = Rng::new((i * 1_000_003 + k) as u64);
            synthetic::document(&mut rng, &format!("doc{k}"), EVENTS_PER_DOC, i as u32)
        })
        .collect()
}

/// The child: ingests batches until killed, saying which it committed.
#[test]
#[ignore = "run by kill_mid_batch_leaves_a_consistent_store as a child process"]
fn child_ingest_forever() {
    let Ok(db) = std::env::var("DYAD_STORE_CRASH_DB") else {
        return;
    };
    let start: usize = std::env::var("DYAD_STORE_CRASH_START").unwrap().parse().unwrap();
    let mut store = Store::open(&db).unwrap();
    for i in start.. {
        store.ingest(&batch(i)).unwrap();
        println!("committed {i}");
    }
}

fn check(store: &Store) {
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
    // No partial documents: every stored document has all its sentences and events.
    let bad: i64 = store
        .connection()
        .query_row(
            "SELECT count(*) FROM documents d WHERE \
             (SELECT count(*) FROM events e WHERE e.doc = d.id) != ?1 OR \
             (SELECT count(*) FROM sentences s WHERE s.doc = d.id) != ?1",
            [EVENTS_PER_DOC as i64],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(bad, 0, "partial documents");
}

#[test]
fn kill_mid_batch_leaves_a_consistent_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.db");
    let exe = std::env::current_exe().unwrap();
    let mut next = 0usize;
    for (round, delay_ms) in [(0, 7u64), (1, 23), (2, 41), (3, 3)] {
        let mut child = Command::new(&exe)
            .args(["--exact", "child_ingest_forever", "--ignored", "--nocapture", "--test-threads=1"])
            .env("DYAD_STORE_CRASH_DB", &db)
            .env("DYAD_STORE_CRASH_START", next.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut last = None;
        // Let it commit a few batches, then kill it a little after a commit: mid-batch.
        while let Some(Ok(line)) = lines.next() {
            if let Some(n) = line.strip_prefix("committed ") {
                let n: usize = n.parse().unwrap();
                last = Some(n);
                if n >= next + 2 {
                    break;
                }
            }
        }
        std::thread::sleep(Duration::from_millis(delay_ms));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let last = last.expect("child committed nothing");
        eprintln!("round {round}: killed after batch {last} (+{delay_ms} ms)");
        let store = Store::open(&db).unwrap();
        check(&store);
        next = last + 1;
    }
    // Re-ingest everything the child may have been writing: no duplicates, nothing partial.
    let mut store = Store::open(&db).unwrap();
    let (docs_before, _, events_before) = store.totals().unwrap();
    for i in next.saturating_sub(3)..next + 2 {
        store.ingest(&batch(i)).unwrap();
    }
    check(&store);
    let again = store.ingest(&batch(next + 1)).unwrap();
    assert_eq!(again.documents_new, 0, "a second re-ingest stores nothing");
    let (docs, _, events) = store.totals().unwrap();
    assert!(docs >= docs_before);
    assert_eq!(events, docs * EVENTS_PER_DOC as i64);
    assert!(events >= events_before);
    let dup: i64 = store
        .connection()
        .query_row(
            "SELECT count(*) FROM (SELECT doc, sentence FROM events GROUP BY 1, 2 HAVING count(*) > 1)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(dup, 0);
}

#[test]
fn replacing_batches_keep_aggregates() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("r.db")).unwrap();
    for i in 0..8 {
        store.ingest(&batch(i)).unwrap();
        check(&store);
    }
}
