//! `dyad code` end to end: formats, bad input, exit statuses.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn dyad(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dyad")).args(args).output().expect("run dyad")
}

fn dyad_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run dyad");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn events(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON event"))
        .collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

const STORY: &str = "Russian President Vladimir Putin met Iranian President Mohammad Khatami in Moscow on Monday.\n";

#[test]
fn bundled_example_codes_events_with_the_full_record() {
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/border-talks.txt");
    let out = dyad(&["code", example, "--date", "2026-06-10"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let evs = events(&out);
    assert!(!evs.is_empty());
    for e in &evs {
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
            assert!(e.get(key).is_some(), "missing {key} in {e}");
        }
        assert_eq!(e["doc_id"], "border-talks");
        let cameo = e["cameo"].as_str().unwrap();
        assert!(cameo.starts_with(e["cameo_root"].as_str().unwrap()));
        assert!(!e["sentence"].as_str().unwrap().contains("newsletter"), "furniture coded: {e}");
    }
}

#[test]
fn stdin_with_id_and_date() {
    let out = dyad_stdin(&["code", "--id", "s1", "--date", "2001-03-13"], STORY.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    let evs = events(&out);
    assert!(!evs.is_empty());
    assert!(evs.iter().all(|e| e["doc_id"] == "s1"));
}

#[test]
fn empty_input_is_not_an_error() {
    let out = dyad_stdin(&["code"], b"");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
}

#[test]
fn invalid_utf8_is_repaired_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = STORY.as_bytes().to_vec();
    bytes.extend_from_slice(b"Bad \xff\xfe byte here.\n");
    let p = write(dir.path(), "bad.txt", &bytes);
    let out = dyad(&["code", p.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("bad.txt:2: invalid UTF-8"), "{}", stderr(&out));
    assert!(!events(&out).is_empty());
}

#[test]
fn folder_mixing_good_and_bad_files_codes_the_good_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", STORY.as_bytes());
    write(dir.path(), "b.bin.txt", b"\x00\x01\x02binary");
    write(dir.path(), "c.jsonl", format!("{{\"id\":\"j1\",\"text\":{:?}}}\nnot json\n", STORY.trim()).as_bytes());
    write(dir.path(), "d.xml", b"<Sentences><Sentence id=\"x1\" date=\"20010312\"><Text>Putin met Khatami.");
    let out = dyad(&["code", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("b.bin.txt:1: binary"), "{err}");
    assert!(err.contains("c.jsonl:2:"), "{err}");
    assert!(err.contains("d.xml"), "{err}");
    let ids: Vec<String> = events(&out).iter().map(|e| e["doc_id"].as_str().unwrap().to_string()).collect();
    assert!(ids.iter().any(|i| i == "a"), "{ids:?}");
    assert!(ids.iter().any(|i| i == "j1"), "{ids:?}");
}

#[test]
fn a_50_megabyte_single_line_finishes() {
    let dir = tempfile::tempdir().unwrap();
    let line = "Rebels attacked the town and police arrested three men ".repeat(50 * 1024 * 1024 / 56);
    let p = write(dir.path(), "big.txt", line.as_bytes());
    let out = dyad(&["code", p.to_str().unwrap(), "--format", "tsv"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn tsv_and_csv_have_a_header_and_one_row_per_event() {
    for (fmt, sep) in [("tsv", '\t'), ("csv", ',')] {
        let out = dyad_stdin(&["code", "--format", fmt], STORY.as_bytes());
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        let mut lines = text.lines();
        let header = lines.next().unwrap();
        assert!(header.starts_with(&format!("doc_id{sep}sentence_index{sep}date")));
        assert!(lines.count() >= 1);
    }
}

#[test]
fn usage_errors_exit_2() {
    let out = dyad(&["code", "--date", "yesterday"]);
    assert_eq!(out.status.code(), Some(2));
    let out = dyad(&["code", "--format", "xlsx"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn missing_file_is_reported_and_fails() {
    let out = dyad(&["code", "/nonexistent/story.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("/nonexistent/story.txt"));
}

#[test]
fn a_users_geonames_file_places_events() {
    let dir = tempfile::tempdir().unwrap();
    // A made-up town in GeoNames' tab-separated layout (id, name, ascii, alternates, lat, lon, ...).
    let row = "1\tZarya\tZarya\t\t55.5\t37.5\tP\tPPL\tRU\t\t48\t\t\t\t400000\t\t150\tEurope/Moscow\t2020-01-01\n";
    let gn = write(dir.path(), "cities.txt", row.as_bytes());
    let story = "Russian troops attacked Ukrainian positions near Zarya on Monday.\n";
    let out = dyad_stdin(&["code", "--geonames", gn.to_str().unwrap(), "--date", "2024-05-14"], story.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    let evs = events(&out);
    assert!(evs.iter().any(|e| e["location"]["name"] == "Zarya"), "{evs:?}");
    let out = dyad_stdin(&["code", "--date", "2024-05-14"], story.as_bytes());
    assert!(events(&out).iter().all(|e| e["location"].is_null()));
}
