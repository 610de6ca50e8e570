//! The accuracy bars that CI guards: the flagship criteria, the hand-coded news sentences and
//! PETRARCH's unit-test records.

use std::path::Path;
use std::process::Command;

fn dyad(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_dyad")).args(args).output().expect("run dyad")
}

#[test]
fn flagship_story_meets_the_brief() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seed");
    if !Path::new(dir).exists() {
        eprintln!("skipping: ../shared/seed is absent");
        return;
    }
    let story = format!("{dir}/iran-talks-arms-with-the-kremlin.txt");
    let reference = format!("{dir}/iran-talks-arms-with-the-kremlin.expected.json");
    let out = dyad(&["eval", "flagship", &story, &reference, "--date", "2001-03-13"]);
    let report = String::from_utf8_lossy(&out.stdout);
    println!("{report}");
    assert!(out.status.success(), "flagship criteria not met:\n{report}");
}

#[test]
fn hand_coded_news_sentences_score_above_the_floor() {
    let gold = concat!(env!("CARGO_MANIFEST_DIR"), "/crates/dyad-code/testdata/news-300.jsonl");
    // The floor sits a little under the measured figure so that a regression fails CI.
    let out = dyad(&["eval", "events", gold, "--min-plover-f1", "72"]);
    let report = String::from_utf8_lossy(&out.stdout);
    println!("{report}");
    assert!(out.status.success(), "{report}\n{}", String::from_utf8_lossy(&out.stderr));
}

/// Recall and precision of the `ALL` row of `dyad validate`'s summary.
fn validate(file: &str, reparse: bool) -> (f64, f64, String) {
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/petrarch");
    let path = format!("{data}/validation/{file}");
    let dicts = format!("{data}/dictionaries");
    let mut args = vec!["validate", &path, "--dict-dir", &dicts, "-q"];
    if reparse {
        args.push("--reparse");
    }
    let out = dyad(&args);
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    let all = report.lines().find(|l| l.starts_with("ALL ")).unwrap_or_else(|| panic!("no summary:\n{report}"));
    let pct: Vec<f64> = all.split_whitespace().filter_map(|w| w.strip_suffix('%')?.parse().ok()).collect();
    (pct[0], pct[1], report)
}

#[test]
fn petrarch_unit_tests_meet_the_brief() {
    if !Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/petrarch")).exists() {
        eprintln!("skipping: ../shared/data/petrarch is absent");
        return;
    }
    // The brief's bars with the given parses; with dyad's own parse, a little under the measured
    // figures (87.4 / 88.7) so that a regression fails CI.
    for (reparse, floor) in [(false, 90.0), (true, 85.0)] {
        let (recall, precision, report) = validate("PETR.UnitTest.records.ud.xml", reparse);
        assert!(recall >= floor && precision >= floor, "reparse {reparse}: {recall} / {precision}\n{report}");
    }
}
