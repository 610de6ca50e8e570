//! Coding with dictionaries in PETRARCH's formats, read from text written for these tests.

use dyad_code::dependency::DependencyCoder;
use dyad_code::lexicon::{petrarch, Lexicon};
use dyad_code::{Coder, DocContext};
use dyad_core::Sentence;

const VERBS: &str = "\
&COIN
# a comment inside a set does not end it
+FLORIN
+DUCAT

&RARECOIN
+ELVEN GOLD FLORIN

--- GIVE [070] ---
GIVE {GIVES GAVE GIVEN}
- * &COIN [071]
- * &RARECOIN [072]

--- CLAIM [110] ---
CLAIM
--- BOMB [190] ---
BOMB

######## TRANSFORMATIONS ##########
~ a (b . BOMB) CLAIM = a b 112
";

const ACTORS: &str = "ARNOR [ARN]\nGONDOR [GON]\nROHAN [ROH]\n";

fn lexicon() -> Lexicon {
    let mut lex = Lexicon::default();
    petrarch::read_verbs(VERBS, "verbs.txt", &mut lex);
    petrarch::read_actors(ACTORS, "actors.txt", &mut lex);
    lex.finish();
    assert!(lex.diagnostics.is_empty(), "{:?}", lex.diagnostics);
    lex
}

/// A sentence from compact token lines: `form lemma UPOS head deprel`.
fn parse(lines: &str) -> Sentence {
    let block: String = lines
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let c: Vec<&str> = l.split_whitespace().collect();
            format!("{}\t{}\t{}\t{}\t_\t_\t{}\t{}\t_\t_\n", i + 1, c[0], c[1], c[2], c[3], c[4])
        })
        .collect();
    dyad_text::sentence_from_conllu(&block, None).unwrap()
}

fn code(s: Sentence) -> Vec<(String, Option<String>, String)> {
    let coder = DependencyCoder { dict: lexicon() };
    let doc = DocContext { id: "t", date: None, explain: false };
    coder.code(&doc, &[s]).into_iter().map(|e| (e.source.code, e.target.map(|t| t.code), e.cameo)).collect()
}

#[test]
fn the_longer_synonym_wins() {
    let s = parse(
        "Arnor Arnor PROPN 2 nsubj\ngave give VERB 0 root\nelven elven ADJ 5 amod\ngold gold NOUN 5 compound\nflorins florin NOUN 2 obj\nto to ADP 7 case\nGondor Gondor PROPN 2 obl",
    );
    assert_eq!(code(s), vec![("ARN".into(), Some("GON".into()), "072".into())]);
    let plain = parse(
        "Arnor Arnor PROPN 2 nsubj\ngave give VERB 0 root\nducats ducat NOUN 2 obj\nto to ADP 5 case\nGondor Gondor PROPN 2 obl",
    );
    assert_eq!(code(plain), vec![("ARN".into(), Some("GON".into()), "071".into())]);
}

#[test]
fn a_dictionary_transformation_turns_a_claimed_bombing_into_an_accusation() {
    let s = parse(
        "Arnor Arnor PROPN 2 nsubj\nclaimed claim VERB 0 root\nGondor Gondor PROPN 4 nsubj\nbombed bomb VERB 2 ccomp\nRohan Rohan PROPN 4 obj",
    );
    assert_eq!(code(s), vec![("ARN".into(), Some("GON".into()), "112".into())]);
}
