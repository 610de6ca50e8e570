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
--- CONDUCT [---] ---
CONDUCT
- * {MILITARY EXERCISES} [150]
--- AGREE [030] ---
AGREE
- * (TO SANCTIONS) [163]
--- RECEIVE [043] ---
RECEIVE
- * + [043]
--- LEAVE [012] ---
LEAVE
--- LEFT [040] ---
LEFT
--- SIGN [---] ---
SIGN
- * ACCORD [057]
--- HOLD [---] ---
HOLD
- * TALKS (WITH +) [046]
--- LIFT [---] ---
LIFT
- * SANCTIONS [085]
--- STAGE [---] ---
STAGE
- * TALKS ^ + [046]
--- HOST [043] ---
HOST
- WILL * [036]
&ARMS
+ROCKET
+MORTAR

--- FIRE [190] ---
FIRE
- &ARMS * [183]
--- PRESENT [---] ---
PRESENT
- * PROOF [112]
--- WANT [030] ---
WANT
- * AID [023]
--- AID [070] ---
AID
--- MAKE [---] ---
MAKE
- * TRIP [036]
--- COME [---] ---
COME
- * (TO) [040]
--- RAZE [1712] ---
RAZE
- RIOTER * [145]
--- URGE [020] ---
URGE
- * + TO LIFT [0254]

######## TRANSFORMATIONS ##########
~ a (b . BOMB) CLAIM = a b 112
";

const ACTORS: &str = "ARNOR [ARN]\nGONDOR [GON]\nROHAN [ROH]\n";

fn lexicon() -> Lexicon {
    let mut lex = Lexicon::default();
    petrarch::read_verbs(VERBS, "verbs.txt", &mut lex);
    petrarch::read_actors(ACTORS, "actors.txt", &mut lex);
    petrarch::read_agents("MILITARY [~MIL]\n", "agents.txt", &mut lex);
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
    let doc = DocContext { id: "t", date: None, explain: false, conventions: Default::default() };
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

#[test]
fn words_of_the_pattern_are_not_the_target() {
    let s = parse(
        "Arnor Arnor PROPN 2 nsubj\nconducted conduct VERB 0 root\nmilitary military ADJ 4 amod\nexercises exercise NOUN 2 obj\nin in ADP 6 case\nGondor Gondor PROPN 2 obl",
    );
    assert_eq!(code(s), vec![("ARN".into(), Some("GON".into()), "150".into())]);
}

#[test]
fn an_infinitive_marker_is_not_a_preposition_of_a_noun_pattern() {
    // "(TO SANCTIONS)" is "agreed to sanctions", not "agreed to lift sanctions".
    let s = parse(
        "Arnor Arnor PROPN 2 nsubj\nagreed agree VERB 0 root\nto to PART 4 mark\nlift lift VERB 2 xcomp\nsanctions sanction NOUN 4 obj\non on ADP 7 case\nGondor Gondor PROPN 5 nmod",
    );
    let got = code(s);
    assert!(!got.is_empty() && got.iter().all(|(_, _, c)| c != "163"), "{got:?}");
}

#[test]
fn a_target_marker_read_in_the_active_voice_is_the_passive_subject() {
    // "- * +": the target follows the verb in "Arnor received Gondor"; in the passive the
    // phrase after the verb is the by-agent, the source.
    let s = parse(
        "Gondor Gondor PROPN 3 nsubj:pass\nwas be AUX 3 aux:pass\nreceived receive VERB 0 root\nby by ADP 5 case\nArnor Arnor PROPN 3 obl",
    );
    assert_eq!(code(s), vec![("ARN".into(), Some("GON".into()), "043".into())]);
}

#[test]
fn an_entry_for_the_form_in_the_text_beats_one_for_its_lemma() {
    // The dictionary lists LEFT beside LEAVE: "left" is read as LEFT, "leaves" as LEAVE.
    let left =
        parse("Arnor Arnor PROPN 2 nsubj\nleft leave VERB 0 root\nfor for ADP 4 case\nGondor Gondor PROPN 2 obl");
    assert_eq!(code(left), vec![("ARN".into(), Some("GON".into()), "040".into())]);
    let leaves =
        parse("Arnor Arnor PROPN 2 nsubj\nleaves leave VERB 0 root\nfor for ADP 4 case\nGondor Gondor PROPN 2 obl");
    assert_eq!(code(leaves), vec![("ARN".into(), Some("GON".into()), "012".into())]);
}

#[test]
fn the_target_of_a_purpose_clause_and_inside_a_marked_phrase() {
    // "signed an accord to supply Gondor": the infinitive's object.
    let s = parse(
        "Arnor Arnor PROPN 2 nsubj\nsigned sign VERB 0 root\nan a DET 4 det\naccord accord NOUN 2 obj\nto to PART 6 mark\nsupply supply VERB 2 advcl\nGondor Gondor PROPN 6 obj",
    );
    assert_eq!(code(s), vec![("ARN".into(), Some("GON".into()), "057".into())]);
    // "(WITH +)" on "the leaders of Gondor", where "leaders" alone names no one.
    let s = parse(
        "Arnor Arnor PROPN 2 nsubj\nheld hold VERB 0 root\ntalks talk NOUN 2 obj\nwith with ADP 6 case\nthe the DET 6 det\nleaders leader NOUN 2 obl\nof of ADP 8 case\nGondor Gondor PROPN 6 nmod",
    );
    assert_eq!(code(s), vec![("ARN".into(), Some("GON".into()), "046".into())]);
}

#[test]
fn a_target_marker_before_an_infinitive_points_at_the_phrase_before_it() {
    // "- * + TO LIFT": "urged Gondor to lift sanctions", whether the parse makes the
    // infinitive a complement or an adverbial clause.
    for rel in ["xcomp", "advcl"] {
        let s = parse(&format!(
            "Arnor Arnor PROPN 2 nsubj\nurged urge VERB 0 root\nGondor Gondor PROPN 2 obj\nto to PART 5 mark\nlift lift VERB 2 {rel}\nsanctions sanction NOUN 5 obj"
        ));
        assert_eq!(code(s), vec![("ARN".into(), Some("GON".into()), "0254".into())], "{rel}");
    }
}

#[test]
fn an_event_governing_another_of_its_kind_is_that_one() {
    // Material over material: "Arnor agreed to lift the sanctions on Gondor" is the easing of
    // sanctions (PICO 0x0080 over 0x0205), as verbal over verbal is the inner verbal event.
    let mut lex = Lexicon::default();
    petrarch::read_verbs(
        "--- AGREE [050] ---\nAGREE\n--- LIFT [---] ---\nLIFT\n- * SANCTIONS [085]\n",
        "verbs.txt",
        &mut lex,
    );
    petrarch::read_actors(ACTORS, "actors.txt", &mut lex);
    petrarch::read_pico("050:0x0080\n085:0x0205\n", "pico.txt", &mut lex);
    lex.finish();
    let coder = DependencyCoder { dict: lex };
    let doc = DocContext { id: "t", date: None, explain: false, conventions: Default::default() };
    let s = parse(
        "Arnor Arnor PROPN 2 nsubj\nagreed agree VERB 0 root\nto to PART 4 mark\nlift lift VERB 2 xcomp\nthe the DET 6 det\nsanctions sanction NOUN 4 obj\non on ADP 8 case\nGondor Gondor PROPN 6 nmod",
    );
    let got: Vec<_> =
        coder.code(&doc, &[s]).into_iter().map(|e| (e.source.code, e.target.map(|t| t.code), e.cameo)).collect();
    assert_eq!(got, vec![("ARN".into(), Some("GON".into()), "085".into())]);
}

#[test]
fn a_discard_phrase_in_a_subordinate_clause_discards_that_clause() {
    let mut lex = lexicon();
    petrarch::read_discards("YEARS AGO\n", "discards.txt", &mut lex);
    lex.finish();
    let coder = DependencyCoder { dict: lex };
    let doc = DocContext { id: "t", date: None, explain: false, conventions: Default::default() };
    let run = |s: Sentence| -> Vec<(String, Option<String>, String)> {
        coder.code(&doc, &[s]).into_iter().map(|e| (e.source.code, e.target.map(|t| t.code), e.cameo)).collect()
    };
    // "Arnor bombed Gondor, which Rohan bombed years ago": the one bombing is history, the
    // other news.
    let relative = parse(
        "Arnor Arnor PROPN 2 nsubj\nbombed bomb VERB 0 root\nGondor Gondor PROPN 2 obj\n, , PUNCT 7 punct\nwhich which PRON 7 obj\nRohan Rohan PROPN 7 nsubj\nbombed bomb VERB 3 acl:relcl\nyears year NOUN 9 obl:npmod\nago ago ADV 7 advmod",
    );
    assert_eq!(run(relative), vec![("ARN".into(), Some("GON".into()), "190".into())]);
    // The subordinate clause's own events go: "Gondor, which Rohan bombed years ago, slept".
    let own = "Gondor Gondor PROPN 8 nsubj\n, , PUNCT 5 punct\nwhich which PRON 5 obj\nRohan Rohan PROPN 5 nsubj\nbombed bomb VERB 1 acl:relcl";
    let history = parse(&format!("{own}\nyears year NOUN 7 obl:npmod\nago ago ADV 5 advmod\nslept sleep VERB 0 root"));
    assert_eq!(run(history), vec![]);
    let news = parse(&format!("{own}\nnow now ADV 5 advmod\nthere there ADV 5 advmod\nslept sleep VERB 0 root"));
    assert_eq!(run(news), vec![("ROH".into(), Some("GON".into()), "190".into())]);
    // In the main clause the phrase discards the sentence.
    let main = parse(
        "Arnor Arnor PROPN 2 nsubj\nbombed bomb VERB 0 root\nGondor Gondor PROPN 2 obj\nyears year NOUN 5 obl:npmod\nago ago ADV 2 advmod",
    );
    assert_eq!(run(main), vec![]);
}

#[test]
fn petrarch_roles_add_up_in_the_order_of_the_words() {
    let mut lex = Lexicon::default();
    petrarch::read_verbs(VERBS, "verbs.txt", &mut lex);
    petrarch::read_actors("ARNOR [ARN]\nGONDOR [GON]\nROHAN [ROH]\nENTMOOT [IGOENT]\n", "actors.txt", &mut lex);
    petrarch::read_agents("TROOP [~MIL]\nEXILED_LEADER [~OPP]\nMUSLIM [~MUS]\n", "agents.txt", &mut lex);
    lex.finish();
    let coder = DependencyCoder { dict: lex };
    let doc = DocContext { id: "t", date: None, explain: false, conventions: Default::default() };
    let run = |s: Sentence| -> Vec<(String, Option<String>, String)> {
        coder.code(&doc, &[s]).into_iter().map(|e| (e.source.code, e.target.map(|t| t.code), e.cameo)).collect()
    };
    // A role adds to a name: "Entmoot troops".
    let troops = parse("Entmoot Entmoot PROPN 2 compound\ntroops troop NOUN 3 nsubj\nbombed bomb VERB 0 root\nGondor Gondor PROPN 3 obj");
    assert_eq!(run(troops), vec![("IGOENTMIL".into(), Some("GON".into()), "190".into())]);
    // The owner's name, then each role as the words come: "exiled leaders of Rohan's Muslim
    // brotherhood".
    let leaders = parse(
        "Arnor Arnor PROPN 2 nsubj\nbombed bomb VERB 0 root\nexiled exiled ADJ 4 amod\nleaders leader NOUN 2 obj\nof of ADP 9 case\nRohan Rohan PROPN 9 nmod:poss\n's 's PART 6 case\nMuslim Muslim ADJ 9 amod\nbrotherhood brotherhood NOUN 4 nmod",
    );
    assert_eq!(run(leaders), vec![("ARN".into(), Some("ROHOPPMUS".into()), "190".into())]);
    // A phrase of roles alone takes the first name anywhere in it, as PETRARCH reads the whole
    // noun phrase: "a Muslim target southwest of Gondor".
    let target = parse(
        "Arnor Arnor PROPN 2 nsubj\nbombed bomb VERB 0 root\na a DET 5 det\nMuslim Muslim ADJ 5 amod\ntarget target NOUN 2 obj\nsouthwest southwest NOUN 5 appos\nof of ADP 8 case\nGondor Gondor PROPN 6 nmod",
    );
    assert_eq!(run(target), vec![("ARN".into(), Some("GONMUS".into()), "190".into())]);
}

#[test]
fn an_owner_says_whose_a_name_of_another_state_is() {
    let mut lex = Lexicon::default();
    petrarch::read_verbs(VERBS, "verbs.txt", &mut lex);
    petrarch::read_actors(
        "ARNOR [ARN]\nGONDOR [GON]\nROHAN [ROH]\nARNOR_PARLIAMENT [ARNLEG]\n+SENATE\nFARAMIR [GONGOV]\n",
        "actors.txt",
        &mut lex,
    );
    petrarch::read_agents("SENATE [~LEG]\nMINISTER [~GOV]\n", "agents.txt", &mut lex);
    lex.finish();
    let coder = DependencyCoder { dict: lex };
    let doc = DocContext { id: "t", date: None, explain: false, conventions: Default::default() };
    let run = |s: Sentence| -> Vec<(String, Option<String>, String)> {
        coder.code(&doc, &[s]).into_iter().map(|e| (e.source.code, e.target.map(|t| t.code), e.cameo)).collect()
    };
    // "Senate" alone names Arnor's parliament; "Rohan's Senate" is Rohan's.
    let senate = parse(
        "Rohan Rohan PROPN 3 nmod:poss\n's 's PART 1 case\nSenate Senate PROPN 4 nsubj\nbombed bomb VERB 0 root\nGondor Gondor PROPN 4 obj",
    );
    assert_eq!(run(senate), vec![("ROHLEG".into(), Some("GON".into()), "190".into())]);
    let own = parse("Senate Senate PROPN 2 nsubj\nbombed bomb VERB 0 root\nGondor Gondor PROPN 2 obj");
    assert_eq!(run(own), vec![("ARNLEG".into(), Some("GON".into()), "190".into())]);
    // The owner may hang from a word before the name: "Rohan's minister Faramir".
    let minister = parse(
        "Rohan Rohan PROPN 3 nmod:poss\n's 's PART 1 case\nminister minister NOUN 4 compound\nFaramir Faramir PROPN 5 nsubj\nbombed bomb VERB 0 root\nArnor Arnor PROPN 5 obj",
    );
    assert_eq!(run(minister), vec![("ROHGOV".into(), Some("ARN".into()), "190".into())]);
}

#[test]
fn a_pattern_missing_its_dash_is_read_with_a_warning() {
    let mut lex = Lexicon::default();
    petrarch::read_verbs("--- BEGIN [---] ---\nBEGIN\n* (TO QUESTION) [110]\n", "v.txt", &mut lex);
    petrarch::read_actors(ACTORS, "actors.txt", &mut lex);
    lex.finish();
    assert_eq!(lex.diagnostics.len(), 1, "{:?}", lex.diagnostics);
    assert!(lex.diagnostics[0].to_string().contains("v.txt:3"), "{}", lex.diagnostics[0]);
    let s = parse(
        "Arnor Arnor PROPN 2 nsubj\nbegan begin VERB 0 root\nto to PART 4 mark\nquestion question VERB 2 xcomp\nGondor Gondor PROPN 4 obj",
    );
    let coder = DependencyCoder { dict: lex };
    let doc = DocContext { id: "t", date: None, explain: false, conventions: Default::default() };
    let got: Vec<_> = coder.code(&doc, &[s]).into_iter().map(|e| (e.source.code, e.cameo)).collect();
    assert_eq!(got, vec![("ARN".to_string(), "110".to_string())]);
}

#[test]
fn words_before_the_verb_are_read_from_its_nominal_dependents() {
    // PETRARCH matches the left side of a pattern on the subject's phrase, not on
    // auxiliaries or adverbs: "- WILL *" does not read "will host".
    let s = parse("Arnor Arnor PROPN 3 nsubj\nwill will AUX 3 aux\nhost host VERB 0 root\nGondor Gondor PROPN 3 obj");
    assert_eq!(code(s), vec![("ARN".into(), Some("GON".into()), "043".into())]);
}

#[test]
fn a_caret_skips_a_whole_phrase() {
    // "- * TALKS ^ +": "staged talks in Rohan with Gondor" skips "in Rohan", not just "in".
    let s = parse(
        "Arnor Arnor PROPN 2 nsubj\nstaged stage VERB 0 root\ntalks talk NOUN 2 obj\nin in ADP 5 case\nRohan Rohan PROPN 2 obl\nwith with ADP 7 case\nGondor Gondor PROPN 2 obl",
    );
    assert_eq!(code(s), vec![("ARN".into(), Some("GON".into()), "046".into())]);
}

#[test]
fn a_passive_subject_is_not_the_doer_a_pattern_names_before_the_verb() {
    // "- &ARMS * [183]" reads "the rockets fired", not "rockets were fired at Gondor".
    let s = parse(
        "Rockets rocket NOUN 3 nsubj:pass\nwere be AUX 3 aux:pass\nfired fire VERB 0 root\nat at ADP 5 case\nGondor Gondor PROPN 3 obl\nfrom from ADP 7 case\nArnor Arnor PROPN 3 obl",
    );
    assert_eq!(code(s), vec![("ARN".into(), Some("GON".into()), "190".into())]);
}

#[test]
fn a_passive_subject_is_the_object_a_pattern_names_after_the_verb() {
    // "- * PROOF [112]" reads "Arnor presented proof" and "proof was presented by Arnor".
    let s = parse(
        "Proof proof NOUN 5 nsubj:pass\nagainst against ADP 3 case\nGondor Gondor PROPN 1 nmod\nwas be AUX 5 aux:pass\npresented present VERB 0 root\nby by ADP 7 case\nArnor Arnor PROPN 5 obl",
    );
    assert_eq!(code(s), vec![("ARN".into(), Some("GON".into()), "112".into())]);
}

#[test]
fn the_doer_a_pattern_names_before_the_verb_is_a_passives_agent() {
    // "- RIOTER * [145]" reads "a rioter razed the fort" and "the fort was razed by a rioter".
    let active = parse(
        "a a DET 2 det\nRohan Rohan PROPN 3 compound\nrioter rioter NOUN 4 nsubj\nrazed raze VERB 0 root\nArnor Arnor PROPN 4 obj",
    );
    assert_eq!(code(active), vec![("ROH".into(), Some("ARN".into()), "145".into())]);
    let passive = parse(
        "Arnor Arnor PROPN 3 nsubj:pass\nwas be AUX 3 aux:pass\nrazed raze VERB 0 root\nby by ADP 7 case\na a DET 7 det\nRohan Rohan PROPN 7 compound\nrioter rioter NOUN 3 obl",
    );
    assert_eq!(code(passive), vec![("ROH".into(), Some("ARN".into()), "145".into())]);
}

#[test]
fn a_pattern_word_names_a_noun_not_the_verb_of_a_complement() {
    // "- * AID [023]" under WANT is wanting aid ...
    let noun = parse(
        "Arnor Arnor PROPN 2 nsubj\nwants want VERB 0 root\naid aid NOUN 2 obj\nfrom from ADP 5 case\nGondor Gondor PROPN 3 nmod",
    );
    assert_eq!(code(noun), vec![("ARN".into(), Some("GON".into()), "023".into())]);
    // ... not wanting to aid someone, which is the complement's own event.
    let mut verb = parse(
        "Arnor Arnor PROPN 2 nsubj\nwants want VERB 0 root\nto to PART 4 mark\naid aid VERB 2 xcomp\nGondor Gondor PROPN 4 obj",
    );
    verb.tokens[3].xpos = "VB".into();
    assert_eq!(code(verb), vec![("ARN".into(), Some("GON".into()), "030".into())]);
}

#[test]
fn a_bare_pattern_word_does_not_read_a_phrase_nested_in_a_prepositional_one() {
    // "- * TRIP [036]" reads "made a trip to Gondor" ...
    let trip = parse(
        "Arnor Arnor PROPN 2 nsubj\nmade make VERB 0 root\na a DET 4 det\ntrip trip NOUN 2 obj\nto to ADP 6 case\nGondor Gondor PROPN 4 nmod",
    );
    assert_eq!(code(trip), vec![("ARN".into(), Some("GON".into()), "036".into())]);
    // ... not "made remarks in Gondor at the start of a trip".
    let remarks = parse(
        "Arnor Arnor PROPN 2 nsubj\nmade make VERB 0 root\nremarks remark NOUN 2 obj\nin in ADP 5 case\nGondor Gondor PROPN 2 obl\nat at ADP 8 case\nthe the DET 8 det\nstart start NOUN 2 obl\nof of ADP 11 case\na a DET 11 det\ntrip trip NOUN 8 nmod",
    );
    assert_eq!(code(remarks), vec![]);
}

#[test]
fn a_preposition_of_a_pattern_is_the_verbs_own_not_one_nested_in_its_phrases() {
    // "- * (TO) [040]" reads "came to Gondor" ...
    let came = parse("Arnor Arnor PROPN 2 nsubj\ncame come VERB 0 root\nto to ADP 4 case\nGondor Gondor PROPN 2 obl");
    assert_eq!(code(came), vec![("ARN".into(), Some("GON".into()), "040".into())]);
    // ... not "came before the trip to Gondor".
    let before = parse(
        "Arnor Arnor PROPN 2 nsubj\ncame come VERB 0 root\nbefore before ADP 5 case\nthe the DET 5 det\ntrip trip NOUN 2 obl\nto to ADP 7 case\nGondor Gondor PROPN 5 nmod",
    );
    assert_eq!(code(before), vec![]);
}

#[test]
fn the_reversed_event_of_a_pair_code_is_not_composed_on_its_own() {
    // "- * SUMMIT [042:043]": attending a summit is a visit by Arnor and one hosted by Gondor.
    // "prepared to attend" is the visit (an intent with a verbal complement is that one), and
    // the hosting goes with it instead of becoming a hosting by Arnor.
    let mut lex = Lexicon::default();
    petrarch::read_verbs(
        "--- PREPARE [030] ---\nPREPARE\n--- ATTEND [---] ---\nATTEND\n- * SUMMIT [042:043]\n",
        "verbs.txt",
        &mut lex,
    );
    petrarch::read_actors(ACTORS, "actors.txt", &mut lex);
    petrarch::read_pico("030:0x3000\n042:0xB002\n043:0xB003\n", "pico.txt", &mut lex);
    lex.finish();
    assert!(lex.diagnostics.is_empty(), "{:?}", lex.diagnostics);
    let coder = DependencyCoder { dict: lex };
    let doc = DocContext { id: "t", date: None, explain: false, conventions: Default::default() };
    let run = |s: Sentence| -> Vec<(String, Option<String>, String)> {
        coder.code(&doc, &[s]).into_iter().map(|e| (e.source.code, e.target.map(|t| t.code), e.cameo)).collect()
    };
    let attended = parse(
        "Arnor Arnor PROPN 2 nsubj\nattended attend VERB 0 root\na a DET 4 det\nsummit summit NOUN 2 obj\nof of ADP 6 case\nGondor Gondor PROPN 4 nmod",
    );
    let got = run(attended);
    assert_eq!(
        got,
        vec![("ARN".into(), Some("GON".into()), "042".into()), ("GON".into(), Some("ARN".into()), "043".into())]
    );
    // A summit held in Gondor is a visit there, not one Gondor hosts: the place of another
    // argument takes no part in the reversed event.
    let venue = parse(
        "Arnor Arnor PROPN 2 nsubj\nattended attend VERB 0 root\na a DET 4 det\nsummit summit NOUN 2 obj\nin in ADP 6 case\nGondor Gondor PROPN 4 nmod",
    );
    assert_eq!(run(venue), vec![("ARN".into(), Some("GON".into()), "042".into())]);
    let prepared = parse(
        "Arnor Arnor PROPN 2 nsubj\nprepared prepare VERB 0 root\nto to PART 4 mark\nattend attend VERB 2 xcomp\na a DET 6 det\nsummit summit NOUN 4 obj\nin in ADP 8 case\nGondor Gondor PROPN 6 nmod",
    );
    assert_eq!(run(prepared), vec![("ARN".into(), Some("GON".into()), "042".into())]);
}
