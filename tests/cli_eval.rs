//! The accuracy bars that CI guards: the flagship criteria and the hand-coded news sentences.

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
    let out = dyad(&["eval", "events", gold, "--min-plover-f1", "62"]);
    let report = String::from_utf8_lossy(&out.stdout);
    println!("{report}");
    assert!(out.status.success(), "{report}\n{}", String::from_utf8_lossy(&out.stderr));
}
