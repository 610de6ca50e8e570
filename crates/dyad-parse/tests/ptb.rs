//! Penn Treebank → UD dependency conversion on hand-written trees.

use dyad_parse::ptb;

fn deps(tree: &str, text: Option<&str>) -> Vec<(String, u32, String)> {
    let s = ptb::to_sentence(tree, text).unwrap();
    s.tokens.iter().map(|t| (t.form.clone(), t.head, t.deprel.to_string())).collect()
}

fn check(tree: &str, expect: &[(&str, u32, &str)]) {
    let got = deps(tree, None);
    let want: Vec<(String, u32, String)> = expect.iter().map(|(f, h, r)| (f.to_string(), *h, r.to_string())).collect();
    assert_eq!(got, want, "\n{tree}");
}

#[test]
fn transitive_clause_with_pp_and_names() {
    check(
        "(ROOT (S (NP (JJ Northern) (NNP Arnor)) (VP (VBD recalled) (NP (PRP$ its) (NN envoy)) \
         (PP (IN from) (NP (NNP Gondor))) (NP-TMP (NNP Tuesday))) (. .)))",
        &[
            ("Northern", 2, "amod"),
            ("Arnor", 3, "nsubj"),
            ("recalled", 0, "root"),
            ("its", 5, "nmod:poss"),
            ("envoy", 3, "obj"),
            ("from", 7, "case"),
            ("Gondor", 3, "obl"),
            ("Tuesday", 3, "obl:tmod"),
            (".", 3, "punct"),
        ],
    );
}

#[test]
fn passive_with_auxiliaries() {
    check(
        "(ROOT (S (NP (DT The) (NNS talks)) (VP (MD will) (VP (VB be) (VP (VBN held) (PP (IN in) (NP (NNP Rivendell)))))) (. .)))",
        &[
            ("The", 2, "det"),
            ("talks", 5, "nsubj:pass"),
            ("will", 5, "aux"),
            ("be", 5, "aux:pass"),
            ("held", 0, "root"),
            ("in", 7, "case"),
            ("Rivendell", 5, "obl"),
            (".", 5, "punct"),
        ],
    );
}

#[test]
fn copula_coordination_and_ditransitive() {
    check(
        "(ROOT (S (NP (NNP Rohan)) (VP (VBZ is) (ADJP (JJ angry))) (. .)))",
        &[("Rohan", 3, "nsubj"), ("is", 3, "cop"), ("angry", 0, "root"), (".", 3, "punct")],
    );
    check(
        "(ROOT (S (NP (NNP Gondor) (CC and) (NNP Rohan)) (VP (VBD gave) (NP (PRP them)) (NP (CD 50) (NNS horses))) (. .)))",
        &[
            ("Gondor", 4, "nsubj"),
            ("and", 3, "cc"),
            ("Rohan", 1, "conj"),
            ("gave", 0, "root"),
            ("them", 4, "iobj"),
            ("50", 7, "nummod"),
            ("horses", 4, "obj"),
            (".", 4, "punct"),
        ],
    );
}

#[test]
fn clauses_and_particles() {
    check(
        "(ROOT (S (NP (NNS Officials)) (VP (VBD said) (SBAR (IN that) (S (NP (NNP Mordor)) (VP (VBD called) (PRT (RP off)) (NP (DT the) (NN attack)))))) (. .)))",
        &[
            ("Officials", 2, "nsubj"),
            ("said", 0, "root"),
            ("that", 5, "mark"),
            ("Mordor", 5, "nsubj"),
            ("called", 2, "ccomp"),
            ("off", 5, "compound:prt"),
            ("the", 8, "det"),
            ("attack", 5, "obj"),
            (".", 2, "punct"),
        ],
    );
    check(
        "(ROOT (S (NP (NNP Gondor)) (VP (VBD tried) (S (VP (TO to) (VP (VB negotiate))))) (. .)))",
        &[
            ("Gondor", 2, "nsubj"),
            ("tried", 0, "root"),
            ("to", 4, "mark"),
            ("negotiate", 2, "xcomp"),
            (".", 2, "punct"),
        ],
    );
}

#[test]
fn offsets_from_text_and_tags() {
    let text = "Arnor's king \"met\" envoys.";
    let s = ptb::to_sentence(
        "(ROOT (S (NP (NP (NNP Arnor) (POS 's)) (NN king)) (VP (`` ``) (VBD met) ('' '') (NP (NNS envoys))) (. .)))",
        Some(text),
    )
    .unwrap();
    for (i, t) in s.tokens.iter().enumerate() {
        let r = s.token_range(i);
        if t.form != "``" && t.form != "''" {
            assert_eq!(&s.text[r], t.form);
        }
    }
    let king = &s.tokens[2];
    assert_eq!(s.tokens[0].deprel.to_string(), "nmod:poss");
    assert_eq!(s.tokens[0].head, 3);
    assert_eq!(s.tokens[1].deprel.to_string(), "case");
    assert_eq!(king.deprel.to_string(), "nsubj");
    assert_eq!(s.tokens[4].lemma, "meet");
    assert_eq!(s.tokens[4].upos, dyad_core::Upos::Verb);
    assert_eq!(s.tokens[6].lemma, "envoy");
    assert_eq!(s.root(), Some(4));
}

#[test]
fn bad_trees_are_errors_not_panics() {
    for bad in [
        "",
        "(",
        ")",
        "(S (NP",
        "(S (NP x)))",
        "(S x)(S y)",
        "(()",
        "((X y) z)",
        "(S (-NONE- *))",
        "word",
        "(ROOT (2\u{fc}(\u{ce}P (ROOT(",
    ] {
        assert!(ptb::to_sentence(bad, None).is_err(), "{bad:?}");
    }
    let deep = "(S ".repeat(5000) + "(NN x)" + &")".repeat(5000);
    assert!(ptb::to_sentence(&deep, None).is_err());
}
