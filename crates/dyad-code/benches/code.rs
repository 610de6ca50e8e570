//! Coding speed with the default dictionaries on one core: sentences per second with the parse
//! given (coding alone), and tokens per second from raw text (segment + tag + parse + code).
//!
//! Texts: the repository's hand-coded news sentences (testdata/news-300.jsonl) as one document,
//! and, when ../shared is present, the UD English EWT test sentences (the text spaCy's speed is
//! quoted on in issue 3), one document per line. Also the time to load PETRARCH2's Phoenix
//! dictionaries, when ../shared is present.

// As the dyad binary allocates (see src/main.rs), so that the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dyad_code::dependency::DependencyCoder;
use dyad_code::lexicon::Lexicon;
use dyad_code::{Coder, DocContext};
use std::hint::black_box;

fn texts() -> Vec<String> {
    include_str!("../testdata/news-300.jsonl")
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect()
}

fn coding(c: &mut Criterion) {
    let lexicon = Lexicon::from_dyad_files(dyad_code::lexicon::DEFAULT_FILES);
    let coder = DependencyCoder { dict: lexicon };
    let parser = dyad_parse::Parser::embedded();
    let text = texts().join("\n\n");
    let opts = dyad_text::SegmentOptions::default();
    let mut parsed = dyad_text::segment(&text, &opts).sentences;
    for s in &mut parsed {
        parser.parse(s);
    }
    let doc = DocContext {
        id: "bench",
        date: chrono::NaiveDate::from_ymd_opt(2024, 5, 14),
        explain: false,
        conventions: Default::default(),
    };
    let mut group = c.benchmark_group("code");
    group.throughput(Throughput::Elements(parsed.len() as u64));
    group.sample_size(20);
    group.bench_function("coding_alone_parse_given", |b| b.iter(|| black_box(coder.code(&doc, black_box(&parsed)))));
    group.finish();

    let mut group = c.benchmark_group("raw_text_to_events");
    group.sample_size(20);
    let mut docs = vec![("news_300", vec![text])];
    let ewt = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/ud-english-ewt/en_ewt-ud-test.conllu");
    match std::fs::read_to_string(&ewt) {
        Ok(conllu) => {
            let lines = conllu.lines().filter_map(|l| l.strip_prefix("# text = ")).map(str::to_string).collect();
            docs.push(("ewt_test", lines));
        }
        Err(_) => eprintln!("skipping raw_text_to_events/ewt_test: {} is absent", ewt.display()),
    }
    for (name, texts) in docs {
        let tokens: usize = texts
            .iter()
            .map(|t| dyad_text::segment(t, &opts).sentences.iter().map(|s| s.tokens.len()).sum::<usize>())
            .sum();
        group.throughput(Throughput::Elements(tokens as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut events = 0;
                for t in &texts {
                    let mut s = dyad_text::segment(black_box(t), &opts).sentences;
                    for x in &mut s {
                        parser.parse(x);
                    }
                    events += coder.code(&doc, &s).len();
                }
                black_box(events)
            })
        });
    }
    group.finish();
}

/// Loading the Phoenix dictionaries PETRARCH2 ships (CAMEO.2.0 verbs, actors, agents,
/// discards, coding ontology) from ../shared, when it is there.
fn phoenix_load(c: &mut Criterion) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/petrarch/dictionaries");
    if !dir.is_dir() {
        eprintln!("skipping phoenix_load: {} is absent", dir.display());
        return;
    }
    let files = dyad_code::lexicon::petrarch::Files {
        verbs: Some("CAMEO.2.0.txt".into()),
        actors: ["Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"]
            .map(String::from)
            .to_vec(),
        agents: vec!["Phoenix.agents.txt".into()],
        discards: vec!["Phoenix.discards.txt".into()],
        pico: Some("PETR.Internal.Coding.Ontology.txt".into()),
    };
    let mut group = c.benchmark_group("dictionaries");
    group.sample_size(10);
    group.bench_function("phoenix_load", |b| {
        b.iter(|| black_box(dyad_code::lexicon::petrarch::load_dir(&dir, &files).expect("dictionaries load")))
    });
    group.finish();
}

criterion_group!(benches, coding, phoenix_load);
criterion_main!(benches);
