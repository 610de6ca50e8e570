mod common;

use common::{get, start};
use dyad_store::{synthetic, Query, Store};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::{Duration, Instant};

fn store_with(n_docs: usize, per_doc: usize) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("api.db");
    let mut s = Store::open(&db).unwrap();
    s.ingest(&synthetic::batch(21, "doc", 0, n_docs, per_doc)).unwrap();
    (dir, db)
}

#[test]
fn events_endpoint_returns_records_and_totals() {
    let (_d, db) = store_with(300, 4);
    let addr = start(&db);
    let r = get(addr, "/api/events?limit=5");
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.header("content-type").unwrap().starts_with("application/json"));
    let v = r.json();
    assert_eq!(v["total"], 1200);
    let evs = v["events"].as_array().unwrap();
    assert_eq!(evs.len(), 5);
    let e = &evs[0];
    for key in [
        "doc_id",
        "sentence_index",
        "sentence",
        "date",
        "source",
        "target",
        "cameo",
        "cameo_root",
        "quad_class",
        "goldstein",
        "plover",
        "location",
        "negated",
        "evidence",
    ] {
        assert!(e.get(key).is_some(), "record lacks {key}: {e}");
    }
    assert!(e["source"]["code"].is_string());
    assert!(e["evidence"]["verb"].is_string());

    // Filters agree with the store.
    let store = Store::open_readonly(&db).unwrap();
    for (qs, q) in [
        ("actor=IRN", Query { actor: Some("IRN".into()), ..Default::default() }),
        (
            "source=USAGOV&target=CHN",
            Query { source: Some("USAGOV".into()), target: Some("CHN".into()), ..Default::default() },
        ),
        (
            "code=19&from=2001-01-01&to=2002-06",
            Query {
                code: Some("19".into()),
                from: Some("2001-01-01".into()),
                to: Some("2002-06".into()),
                ..Default::default()
            },
        ),
        ("quad=3&q=criticized", Query { quad: Some(3), q: Some("criticized".into()), ..Default::default() }),
        ("root=04&country=RUS", Query { root: Some("04".into()), country: Some("RUS".into()), ..Default::default() }),
    ] {
        let v = get(addr, &format!("/api/events?limit=1000&{qs}")).json();
        let want = store.count(&q).unwrap();
        assert!(want > 0, "{qs}");
        assert_eq!(v["total"], want, "{qs}");
        assert_eq!(v["events"].as_array().unwrap().len() as i64, want, "{qs}");
    }
}

#[test]
fn limit_is_capped_and_bad_parameters_are_400() {
    let (_d, db) = store_with(300, 4);
    let addr = start(&db);
    let v = get(addr, "/api/events?limit=1000000").json();
    assert_eq!(v["events"].as_array().unwrap().len(), dyad_serve::MAX_LIMIT);
    assert_eq!(v["limit"], dyad_serve::MAX_LIMIT);
    assert_eq!(get(addr, "/api/dyads?n=99999999").status, 200);
    for bad in [
        "/api/events?quad=abc",
        "/api/events?from=yesterday",
        "/api/events?limit=-1",
        "/api/timeline?bucket=century",
        "/api/events?limit=99999999999999999999999",
    ] {
        let r = get(addr, bad);
        assert_eq!(r.status, 400, "{bad}: {}", r.text());
    }
}

#[test]
fn aggregate_endpoints_and_export() {
    let (_d, db) = store_with(100, 5);
    let addr = start(&db);
    for bucket in ["day", "week", "month"] {
        let v = get(addr, &format!("/api/timeline?bucket={bucket}")).json();
        let sum: i64 = v["rows"].as_array().unwrap().iter().map(|r| r["count"].as_i64().unwrap()).sum();
        assert_eq!(sum, 500, "{bucket}");
    }
    let v = get(addr, "/api/timeline?bucket=month&actor=ISR").json();
    assert!(!v["rows"].as_array().unwrap().is_empty());
    let v = get(addr, "/api/dyads?n=3").json();
    assert_eq!(v["dyads"].as_array().unwrap().len(), 3);
    let v = get(addr, "/api/actors?n=4").json();
    assert_eq!(v["actors"].as_array().unwrap().len(), 4);
    let r = get(addr, "/api/export.csv?quad=4");
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").unwrap().starts_with("text/csv"));
    let text = r.text();
    let want = Store::open_readonly(&db).unwrap().count(&Query { quad: Some(4), ..Default::default() }).unwrap();
    assert_eq!(text.lines().count() as i64, want + 1);
    assert!(text.starts_with("doc_id,"));
}

#[test]
fn page_and_assets_are_served_from_the_binary() {
    let (_d, db) = store_with(1, 1);
    let addr = start(&db);
    let r = get(addr, "/");
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
    assert!(r.text().contains("/app.js"));
    assert!(!r.text().contains("http://") && !r.text().contains("https://"), "no external assets");
    assert!(r.header("content-security-policy").unwrap().contains("default-src 'self'"));
    assert_eq!(get(addr, "/app.js").status, 200);
    assert_eq!(get(addr, "/style.css").status, 200);
}

/// The child process: ingests one batch into the store named in the environment.
#[test]
#[ignore = "run by stream_sees_another_process_ingest as a child process"]
fn child_ingest_once() {
    let Ok(db) = std::env::var("DYAD_SERVE_CHILD_DB") else {
        return;
    };
    let mut s = Store::open(&db).unwrap();
    s.ingest(&synthetic::batch(77, "live", 0, 3, 2)).unwrap();
}

#[test]
fn stream_sees_another_process_ingest() {
    let (_d, db) = store_with(10, 2);
    let addr = start(&db);
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(b"GET /api/stream HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n").unwrap();
    let mut r = BufReader::new(s);
    let mut line = String::new();
    r.read_line(&mut line).unwrap();
    assert!(line.contains(" 200 "), "{line}");
    loop {
        line.clear();
        r.read_line(&mut line).unwrap();
        if line == "\r\n" {
            break;
        }
    }
    // Give the server a moment to subscribe, then ingest from another process.
    std::thread::sleep(Duration::from_millis(200));
    let t0 = Instant::now();
    let status = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "child_ingest_once", "--ignored", "--test-threads=1"])
        .env("DYAD_SERVE_CHILD_DB", &db)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let ingested = t0.elapsed();
    let mut got = Vec::new();
    while got.len() < 6 {
        line.clear();
        r.read_line(&mut line).unwrap();
        if let Some(data) = line.trim_end().strip_prefix("data:") {
            let v: serde_json::Value = serde_json::from_str(data.trim()).unwrap();
            got.push(v);
        }
    }
    let latency = t0.elapsed().saturating_sub(ingested);
    eprintln!("stream: 6 events seen {latency:?} after the other process committed");
    assert!(latency < Duration::from_secs(2), "{latency:?}");
    assert!(got.iter().all(|v| v["doc_id"].as_str().unwrap().starts_with("live")));
    assert!(got.iter().all(|v| v["source"]["code"].is_string()));
}
