//! Training on a slice of EWT, save/load, and the embedded model (skipped without ../shared).

use std::path::{Path, PathBuf};

use dyad_parse::{eval, train, Parser, TrainOptions};

fn ewt(split: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("../../../shared/data/ud-english-ewt/en_ewt-ud-{split}.conllu"));
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipping: {} not found", p.display());
        None
    }
}

fn small_opts() -> TrainOptions {
    TrainOptions { seed: 7, epochs: 5, tagger_epochs: 5, min_count: 1, limit: Some(200), ..Default::default() }
}

#[test]
fn small_training_beats_baselines_and_save_load_is_identical() {
    let (Some(tr), Some(dev)) = (ewt("train"), ewt("dev")) else { return };
    let p = train::train(&tr, None, &small_opts(), |_| {}).unwrap();
    let gold: Vec<_> = train::read_file(&dev).unwrap().into_iter().take(300).collect();
    let parse_all = |p: &Parser| {
        let mut v: Vec<_> = gold.iter().map(eval::blank).collect();
        for s in &mut v {
            p.parse(s);
        }
        v
    };
    let pred = parse_all(&p);
    let s = eval::score(&gold, &pred);

    // Baselines: every token NOUN; every token attached to the previous one.
    let mut base = gold.iter().map(eval::blank).collect::<Vec<_>>();
    for sent in &mut base {
        for (i, t) in sent.tokens.iter_mut().enumerate() {
            t.upos = dyad_core::Upos::Noun;
            t.head = i as u32;
        }
    }
    let b = eval::score(&gold, &base);
    eprintln!("200-sentence model on 300 dev sentences:\n{s}\nbaseline UPOS {:.1} UAS {:.1}", b.upos, b.uas);
    assert!(s.upos > b.upos + 30.0, "{s}");
    assert!(s.uas > b.uas + 15.0, "{s}");

    // Same training twice gives the same model; save/load gives identical predictions.
    let p2 = train::train(&tr, None, &small_opts(), |_| {}).unwrap();
    assert_eq!(p.to_bytes(), p2.to_bytes());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.dyadparse");
    p.save(&path).unwrap();
    let loaded = Parser::load(&path).unwrap();
    let again = parse_all(&loaded);
    for (a, b) in pred.iter().zip(&again) {
        assert_eq!(a.tokens, b.tokens);
    }
    assert!(Parser::from_bytes(&p.to_bytes()[..100]).is_err());
    assert!(Parser::from_bytes(b"garbage").is_err());
}

/// Saving the embedded model must give back the bytes it was read from (the weight tables are
/// rebuilt in memory at load, so this checks that nothing is lost on the way).
#[test]
fn embedded_model_saves_to_the_bytes_it_was_read_from() {
    let bytes = include_bytes!("../model/en_ewt.dyadparse");
    assert!(Parser::embedded().to_bytes() == bytes, "the embedded model does not round-trip");
}

#[test]
fn embedded_model_parses_a_sentence() {
    let p = Parser::embedded();
    let text = "Iran met Russian officials on Monday and the talks were described as constructive.";
    let mut s = dyad_core::Sentence { text: text.into(), span: 0..text.len(), ..Default::default() };
    let mut pos = 0;
    for w in [
        "Iran",
        "met",
        "Russian",
        "officials",
        "on",
        "Monday",
        "and",
        "the",
        "talks",
        "were",
        "described",
        "as",
        "constructive",
        ".",
    ] {
        let start = text[pos..].find(w).unwrap() + pos;
        s.tokens.push(dyad_core::Token::new(w, start, start + w.len()));
        pos = start + w.len();
    }
    p.parse(&mut s);
    let t = &s.tokens;
    let show: Vec<String> =
        t.iter().map(|t| format!("{}/{}/{}/{}:{}", t.form, t.lemma, t.xpos, t.head, t.deprel)).collect();
    eprintln!("{}", show.join(" "));
    assert_eq!(s.root(), Some(1), "{show:?}");
    assert_eq!(t[0].deprel.to_string(), "nsubj");
    assert_eq!(t[3].head, 2);
    assert_eq!(t[3].deprel.to_string(), "obj");
    assert_eq!(t[1].lemma, "meet");
    assert_eq!(t[9].lemma, "be");
    assert_eq!(t[8].deprel.to_string(), "nsubj:pass");
    assert_eq!(t[10].feat("Voice"), Some("Pass"));
}

/// A sentence tokenized on spaces.
fn spaced(text: &str) -> dyad_core::Sentence {
    let mut s = dyad_core::Sentence { text: text.into(), span: 0..text.len(), ..Default::default() };
    let mut pos = 0;
    for w in text.split(' ') {
        s.tokens.push(dyad_core::Token::new(w, pos, pos + w.len()));
        pos += w.len() + 1;
    }
    s
}

#[test]
fn words_never_seen_in_a_closed_class_are_not_tagged_with_one() {
    // The tagger's scores alone made this sentence-initial plural an auxiliary ("Has").
    let p = Parser::embedded();
    let mut s = spaced("Insurgents bombarded a government - held part of the city overnight , killing eight people");
    p.parse(&mut s);
    assert_eq!(s.tokens[0].upos, dyad_core::Upos::Noun, "{:?}", s.tokens[0]);
    // A word seen in one keeps it: "That" is a determiner or a pronoun.
    let mut t = spaced("That deal collapsed .");
    p.parse(&mut t);
    assert_eq!(t.tokens[0].upos, dyad_core::Upos::Det);
}

#[test]
fn embedded_model_meets_the_bar_on_ewt_test() {
    let Some(test) = ewt("test") else { return };
    let gold = train::read_file(&test).unwrap();
    let mut pred: Vec<_> = gold.iter().map(eval::blank).collect();
    Parser::embedded().parse_batch(&mut pred);
    let s = eval::score(&gold, &pred);
    eprintln!("{s}");
    assert!(s.upos >= 95.0 && s.las >= 80.0, "{s}");
}
