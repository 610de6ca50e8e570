//! The coder's mechanisms on hand-parsed sentences with a toy dictionary: roles, passive,
//! compound actors, actor + agent composition, `of` owners, pronouns, control, negation.

use dyad_code::actors::{find_mentions, Mention, MentionKind, MentionSource};
use dyad_code::dependency::{DependencyCoder, Dictionary, Discards, VerbLexicon, VerbMatch};
use dyad_code::frame::Frame;
use dyad_code::transform::{EventClass, Transformation};
use dyad_code::tree::Tree;
use dyad_code::{Coder, DocContext, Dyads};
use dyad_core::Sentence;

struct Toy;

const ACTORS: &[(&str, &str)] = &[
    ("arnor", "ARN"),
    ("gondor", "GON"),
    ("rohan", "ROH"),
    ("gondorian", "GON"),
    ("aragorn", "GONGOV"),
    ("eomer", "ROH"),
    ("entmoot", "IGOENT"),
];
const AGENTS: &[(&str, &str)] = &[("president", "~GOV"), ("police", "~COP"), ("ambassadors", "~GOV"), ("msf", "NGO~")];
const VERBS: &[(&str, &str)] = &[
    ("meet", "040"),
    ("attack", "190"),
    ("arrest", "173"),
    ("visit", "042"),
    ("claim", "110"),
    ("want", "030"),
    ("ask", "020"),
    ("help", "070"),
    ("note", "010"),
    ("fire", "190"),
];

/// Transformations in PETRARCH2's notation; verbs name their class by their code above.
fn transformations() -> &'static [Transformation] {
    static RULES: std::sync::OnceLock<Vec<Transformation>> = std::sync::OnceLock::new();
    RULES.get_or_init(|| {
        let class = |name: &str| {
            let lemma = name.to_lowercase();
            let code = VERBS.iter().find(|(l, _)| *l == lemma).map(|(_, c)| c.to_string());
            EventClass::Verb { lemma, code }
        };
        ["~ a (a b ATTACK) CLAIM = a b 015", "~ a (b . ATTACK) CLAIM = a b 112", "~ a (b . ATTACK) WANT = a b 021"]
            .iter()
            .map(|r| Transformation::parse(r, "toy", class).unwrap())
            .collect()
    })
}

impl MentionSource for Toy {
    fn mention_at(&self, tree: &Tree<'_>, i: usize) -> Option<Mention> {
        let w = tree.lower[i].as_str();
        let hit = |kind| Some(Mention { span: i..i + 1, kind, entry: w.into(), role: None, stacks: false });
        if let Some((_, c)) = ACTORS.iter().find(|(n, _)| *n == w) {
            return hit(MentionKind::Actor { code: c.to_string() });
        }
        let (_, c) = AGENTS.iter().find(|(n, _)| *n == w)?;
        hit(MentionKind::Agent { code: c.to_string() })
    }
}

impl VerbLexicon for Toy {
    fn match_verb(&self, tree: &Tree<'_>, v: usize, _frame: &Frame) -> Option<VerbMatch> {
        let (_, code) = VERBS.iter().find(|(l, _)| *l == tree.lemma[v])?;
        Some(VerbMatch { code: code.to_string(), pattern: format!("{} *", tree.lemma[v]), ..VerbMatch::default() })
    }

    fn transformations(&self) -> &[Transformation] {
        transformations()
    }

    fn negation(&self, code: &str) -> Option<&str> {
        // Not meeting is refusing to meet; "did not attack" has no code of its own.
        (code == "040").then_some("125")
    }

    fn future(&self, code: &str, negated: bool) -> Option<&str> {
        // Meeting announced is an intent to meet; refused, a rejected proposal to meet.
        match (code, negated) {
            ("040", false) => Some("036"),
            ("040", true) => Some("125"),
            _ => None,
        }
    }

    fn compose<'a>(&'a self, outer: &str, inner: &'a str) -> Option<&'a str> {
        // Asking for help is an appeal for aid.
        (outer == "020" && inner == "070").then_some("023")
    }
}

impl Discards for Toy {
    fn discard(&self, _tree: &Tree<'_>, _date: Option<chrono::NaiveDate>) -> Vec<dyad_code::dependency::Discard> {
        Vec::new()
    }
}

impl Dictionary for Toy {
    fn verbs(&self) -> &dyn VerbLexicon {
        self
    }
    fn mentions(&self, _date: Option<chrono::NaiveDate>) -> Box<dyn MentionSource + '_> {
        Box::new(Toy)
    }
    fn discards(&self) -> &dyn Discards {
        self
    }
}

/// A sentence from compact token lines: `form lemma UPOS head deprel [feats]`.
fn parse(lines: &str) -> Sentence {
    let block: String = lines
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, l)| {
            let c: Vec<&str> = l.split_whitespace().collect();
            let feats = c.get(5).copied().unwrap_or("_");
            format!("{}\t{}\t{}\t{}\t_\t{}\t{}\t{}\t_\t_\n", i + 1, c[0], c[1], c[2], feats, c[3], c[4])
        })
        .collect();
    dyad_text::sentence_from_conllu(&block, None).unwrap()
}

type Triple = (String, Option<String>, String, bool);

fn code(sentences: Vec<Sentence>) -> Vec<Triple> {
    code_keeping(sentences, Dyads::default())
}

fn code_keeping(sentences: Vec<Sentence>, dyads: Dyads) -> Vec<Triple> {
    let coder = DependencyCoder { dict: Toy };
    let doc = DocContext {
        id: "t",
        date: None,
        explain: true,
        conventions: dyad_code::Conventions { dyads, ..Default::default() },
    };
    let sentences: Vec<Sentence> = sentences
        .into_iter()
        .enumerate()
        .map(|(i, mut s)| {
            s.index = i;
            s
        })
        .collect();
    coder
        .code(&doc, &sentences)
        .into_iter()
        .map(|e| (e.source.code, e.target.map(|t| t.code), e.cameo, e.negated))
        .collect()
}

fn ev(s: &str, t: Option<&str>, c: &str) -> Triple {
    (s.into(), t.map(Into::into), c.into(), false)
}

#[test]
fn subject_and_object() {
    let s = parse("Arnor Arnor PROPN 2 nsubj\nattacked attack VERB 0 root\nGondor Gondor PROPN 2 obj");
    assert_eq!(code(vec![s]), vec![ev("ARN", Some("GON"), "190")]);
}

#[test]
fn passive_by_agent_is_the_source() {
    let s = parse(
        "Gondor Gondor PROPN 3 nsubj:pass\nwas be AUX 3 aux:pass\nattacked attack VERB 0 root Voice=Pass\nby by ADP 5 case\nArnor Arnor PROPN 3 obl",
    );
    assert_eq!(code(vec![s]), vec![ev("ARN", Some("GON"), "190")]);
}

#[test]
fn v1_relations_work_too() {
    let s = parse(
        "Gondor Gondor PROPN 3 nsubjpass\nwas be AUX 3 auxpass\nattacked attack VERB 0 root\nby by ADP 5 case\nArnor Arnor PROPN 3 nmod",
    );
    assert_eq!(code(vec![s]), vec![ev("ARN", Some("GON"), "190")]);
}

#[test]
fn compound_actors_give_one_event_per_pair() {
    let s = parse(
        "Arnor Arnor PROPN 4 nsubj\nand and CCONJ 3 cc\nRohan Rohan PROPN 1 conj\nmet meet VERB 0 root\nGondor Gondor PROPN 4 obj",
    );
    assert_eq!(code(vec![s]), vec![ev("ARN", Some("GON"), "040"), ev("ROH", Some("GON"), "040")]);
}

#[test]
fn country_adjective_composes_with_role_noun() {
    let s = parse("Gondorian Gondorian ADJ 2 amod\npolice police NOUN 3 nsubj\narrested arrest VERB 0 root\nRohan Rohan PROPN 3 obj");
    assert_eq!(code(vec![s]), vec![ev("GONCOP", Some("ROH"), "173")]);
}

#[test]
fn role_noun_takes_the_country_of_its_of_phrase() {
    let s = parse(
        "The the DET 2 det\nambassadors ambassador NOUN 7 nsubj\nof of ADP 4 case\nArnor Arnor PROPN 2 nmod\nand and CCONJ 6 cc\nRohan Rohan PROPN 4 conj\nmet meet VERB 0 root\nGondor Gondor PROPN 7 obj",
    );
    assert_eq!(code(vec![s]), vec![ev("ARNGOV", Some("GON"), "040"), ev("ROHGOV", Some("GON"), "040")]);
}

#[test]
fn named_person_keeps_its_own_code() {
    let s = parse(
        "President president PROPN 2 compound\nAragorn Aragorn PROPN 3 nsubj\nvisited visit VERB 0 root\nRohan Rohan PROPN 3 obj",
    );
    assert_eq!(code(vec![s]), vec![ev("GONGOV", Some("ROH"), "042")]);
}

#[test]
fn pronouns_refer_to_earlier_actors() {
    let first = parse("Aragorn Aragorn PROPN 2 nsubj\nvisited visit VERB 0 root\nRohan Rohan PROPN 2 obj");
    let second = parse("He he PRON 2 nsubj\nmet meet VERB 0 root\nArnor Arnor PROPN 2 obj");
    let got = code(vec![first, second]);
    assert_eq!(got[1], ev("GONGOV", Some("ARN"), "040"));
}

#[test]
fn controlled_complement_shares_the_subject() {
    let s = parse(
        "Arnor Arnor PROPN 2 nsubj\nagreed agree VERB 0 root\nto to PART 4 mark\nmeet meet VERB 2 xcomp\nGondor Gondor PROPN 4 obj",
    );
    assert_eq!(code(vec![s]), vec![ev("ARN", Some("GON"), "040")]);
}

#[test]
fn negation_is_flagged() {
    let s = parse(
        "Arnor Arnor PROPN 4 nsubj\ndid do AUX 4 aux\nnot not PART 4 advmod\nattack attack VERB 0 root\nGondor Gondor PROPN 4 obj",
    );
    let got = code(vec![s]);
    assert_eq!(got.len(), 1);
    assert!(got[0].3, "negated");
}

#[test]
fn lowercase_pronoun_us_is_not_an_actor() {
    struct Us;
    impl MentionSource for Us {
        fn mention_at(&self, tree: &Tree<'_>, i: usize) -> Option<Mention> {
            (tree.lower[i] == "us").then(|| Mention {
                span: i..i + 1,
                kind: MentionKind::Actor { code: "USA".into() },
                entry: "US".into(),
                role: None,
                stacks: false,
            })
        }
    }
    let s = parse("They they PRON 2 nsubj\ntold tell VERB 0 root\nus we PRON 2 obj");
    assert!(find_mentions(&Tree::new(&s), &Us).is_empty());
    let s = parse("Rebels rebel NOUN 2 nsubj\nattacked attack VERB 0 root\nUS US PROPN 2 obj");
    assert_eq!(find_mentions(&Tree::new(&s), &Us).len(), 1);
}

#[test]
fn it_refers_to_a_state_named_earlier_in_the_sentence() {
    let s = parse(
        "Arnor Arnor PROPN 2 nsubj\nsaid say VERB 0 root\nit it PRON 4 nsubj\nattacked attack VERB 2 ccomp\nGondor Gondor PROPN 4 obj",
    );
    assert_eq!(code(vec![s]), vec![ev("ARN", Some("GON"), "190")]);
}

#[test]
fn it_does_not_refer_to_a_person() {
    let s = parse(
        "Aragorn Aragorn PROPN 2 nsubj\nsaid say VERB 0 root\nit it PRON 4 nsubj\nattacked attack VERB 2 ccomp\nGondor Gondor PROPN 4 obj",
    );
    assert!(code(vec![s]).is_empty());
    // "Thousands of Gondorians", "citizens of Gondor".
    let s = parse(
        "Citizens citizen NOUN 4 nsubj Number=Plur\nof of ADP 3 case\nGondor Gondor PROPN 1 nmod\nmet meet VERB 0 root\nArnor Arnor PROPN 4 obj",
    );
    assert_eq!(code(vec![s]), vec![ev("GON", Some("ARN"), "040")]);
}

#[test]
fn a_clausal_object_gives_its_subject_or_object_as_target() {
    // "Arnor met (saying) that it attacked Gondor": the clause's subject is Arnor again, so the
    // target of "met" is the clause's object; the subordinate "attacked" adds no event.
    let s = parse(
        "Arnor Arnor PROPN 2 nsubj\nmet meet VERB 0 root\nthat that SCONJ 5 mark\nit it PRON 5 nsubj\nattacked attack VERB 2 ccomp\nGondor Gondor PROPN 5 obj",
    );
    assert_eq!(code(vec![s]), vec![ev("ARN", Some("GON"), "040")]);
}

#[test]
fn capitalised_names_match_only_capitalised_text() {
    let dict = "[actors]\nTurkey | Turkish => TUR\nChad => TCD\nUS => USA\n[verbs]\nattack => 190\n";
    let lex = dyad_code::lexicon::Lexicon::from_dyad_files(&[("t.txt", dict)]);
    let mentions = dyad_code::lexicon::DatedMentions { lexicon: &lex, date: None };
    let count = |lines: &str| find_mentions(&Tree::new(&parse(lines)), &mentions).len();
    assert_eq!(count("Turkey Turkey PROPN 2 nsubj\nattacked attack VERB 0 root\nChad Chad PROPN 2 obj"), 2);
    assert_eq!(count("chefs chef NOUN 2 nsubj\ncooked cook VERB 0 root\nturkey turkey NOUN 2 obj"), 0);
    assert_eq!(count("they they PRON 2 nsubj\ntold tell VERB 0 root\nus we PRON 2 obj"), 0);
}

#[test]
fn claiming_another_actor_attacked_is_an_accusation() {
    let s = parse(
        "Arnor Arnor PROPN 2 nsubj\nclaimed claim VERB 0 root\nthat that SCONJ 5 mark\nGondor Gondor PROPN 5 nsubj\nattacked attack VERB 2 ccomp\nRohan Rohan PROPN 5 obj",
    );
    assert_eq!(code(vec![s]), vec![ev("ARN", Some("GON"), "112")]);
}

#[test]
fn claiming_ones_own_attack_is_claiming_responsibility() {
    let s = parse(
        "Arnor Arnor PROPN 2 nsubj\nclaimed claim VERB 0 root\nit it PRON 4 nsubj\nattacked attack VERB 2 ccomp\nRohan Rohan PROPN 4 obj",
    );
    assert_eq!(code(vec![s]), vec![ev("ARN", Some("ROH"), "015")]);
}

#[test]
fn wanting_another_actor_to_attack_is_an_appeal_to_it() {
    // The complement borrows its subject from the object ("wants Gondor to attack").
    let s = parse(
        "Arnor Arnor PROPN 2 nsubj\nwants want VERB 0 root\nGondor Gondor PROPN 2 obj\nto to PART 5 mark\nattack attack VERB 2 xcomp\nRohan Rohan PROPN 5 obj",
    );
    assert_eq!(code(vec![s]), vec![ev("ARN", Some("GON"), "021")]);
}

#[test]
fn a_transformation_needs_the_inner_verb_in_the_complement() {
    // Coordinated, not reported: two events, no accusation.
    let s = parse(
        "Arnor Arnor PROPN 2 nsubj\nclaimed claim VERB 0 root\nRohan Rohan PROPN 2 obj\nand and CCONJ 5 cc\nattacked attack VERB 2 conj\nGondor Gondor PROPN 5 obj",
    );
    assert_eq!(code(vec![s]), vec![ev("ARN", Some("ROH"), "110"), ev("ARN", Some("GON"), "190")]);
}

#[test]
fn they_after_coordinated_actors_stands_for_each() {
    let s = parse(
        "Arnor Arnor PROPN 4 nsubj\nand and CCONJ 3 cc\nRohan Rohan PROPN 1 conj\nclaimed claim VERB 0 root\nthey they PRON 6 nsubj\nattacked attack VERB 4 ccomp\nGondor Gondor PROPN 6 obj",
    );
    assert_eq!(code(vec![s]), vec![ev("ARN", Some("GON"), "015"), ev("ROH", Some("GON"), "015")]);
}

#[test]
fn a_negated_event_takes_the_dictionarys_negation_when_there_is_one() {
    let s = parse(
        "Arnor Arnor PROPN 4 nsubj\ndid do AUX 4 aux\nn't not PART 4 advmod\nmeet meet VERB 0 root\nGondor Gondor PROPN 4 obj",
    );
    assert_eq!(code(vec![s]), vec![ev("ARN", Some("GON"), "125")]);
}

#[test]
fn an_apposition_naming_another_country_continues_a_list() {
    // "Arnor, Rohan and Gondorian ..." parsed with "Rohan" as an apposition of "Arnor".
    let s = parse(
        "Arnor Arnor PROPN 5 nsubj\n, , PUNCT 3 punct\nRohan Rohan PROPN 1 appos\n, , PUNCT 1 punct\nattacked attack VERB 0 root\nGondor Gondor PROPN 5 obj",
    );
    assert_eq!(code(vec![s]), vec![ev("ARN", Some("GON"), "190"), ev("ROH", Some("GON"), "190")]);
    // An apposition describing its head is part of the same actor.
    let s = parse(
        "Aragorn Aragorn PROPN 6 nsubj\n, , PUNCT 4 punct\nGondor Gondor PROPN 4 nmod:poss\npresident president NOUN 1 appos\n, , PUNCT 1 punct\nattacked attack VERB 0 root\nRohan Rohan PROPN 6 obj",
    );
    assert_eq!(code(vec![s]), vec![ev("GONGOV", Some("ROH"), "190")]);
}

#[test]
fn a_participle_modifying_a_noun_is_a_passive_of_it() {
    // "Gondorian police attacked in Rohan": the police were attacked, from Rohan as a
    // passive without agent has it.
    let mut s = parse(
        "There there PRON 2 expl\nwere be VERB 0 root\nGondorian Gondorian ADJ 4 amod\npolice police NOUN 2 nsubj\nattacked attack VERB 4 acl\nin in ADP 7 case\nRohan Rohan PROPN 5 obl",
    );
    s.tokens[4].xpos = "VBN".into();
    assert_eq!(code(vec![s.clone()]), vec![ev("ROH", Some("GONCOP"), "190")]);
    // With an object of its own it is a predicate the tagger misread: "police attacked Rohan".
    let mut active = parse(
        "Gondorian Gondorian ADJ 2 amod\npolice police NOUN 0 root\nattacked attack VERB 2 acl\nRohan Rohan PROPN 3 obj",
    );
    active.tokens[2].xpos = "VBN".into();
    assert_eq!(code(vec![active]), vec![ev("GONCOP", Some("ROH"), "190")]);
}

#[test]
fn a_participle_modifier_describes_the_target_without_naming_it() {
    // "attacked a Gondor-held part of Rohan": the target is Rohan, whoever holds the part.
    let s = parse(
        "Arnor Arnor PROPN 2 nsubj\nattacked attack VERB 0 root\na a DET 7 det\nGondor Gondor PROPN 6 obl:unmarked\n- - PUNCT 4 punct\nheld hold VERB 7 amod\npart part NOUN 2 obj\nof of ADP 9 case\nRohan Rohan PROPN 7 nmod",
    );
    assert_eq!(code(vec![s]), vec![ev("ARN", Some("ROH"), "190")]);
    // Nor does it name the phrase's own actor: "Gondor-backed police" are no Gondorian police.
    let s = parse(
        "Gondor Gondor PROPN 3 compound\n- - PUNCT 1 punct\nbacked back VERB 4 amod\npolice police NOUN 5 nsubj\nattacked attack VERB 0 root\nArnor Arnor PROPN 5 obj",
    );
    assert_eq!(code(vec![s]), vec![ev("---COP", Some("ARN"), "190")]);
}

#[test]
fn a_phrase_describing_its_head_does_not_override_it() {
    // "Rohan's president, Aragorn, met Arnor": the text says whose president, which the
    // name's own entry (GONGOV) does not override ...
    let s = parse(
        "Rohan Rohan PROPN 3 nmod:poss\n's 's PART 1 case\npresident president NOUN 7 nsubj\n, , PUNCT 5 punct\nAragorn Aragorn PROPN 3 appos\n, , PUNCT 3 punct\nmet meet VERB 0 root\nArnor Arnor PROPN 7 obj",
    );
    assert_eq!(code(vec![s]), vec![ev("ROHGOV", Some("ARN"), "040")]);
    // ... but names the head when it names no one of a known country by itself.
    let s = parse(
        "The the DET 2 det\npresident president NOUN 6 nsubj\n, , PUNCT 4 punct\nAragorn Aragorn PROPN 2 appos\n, , PUNCT 2 punct\nmet meet VERB 0 root\nArnor Arnor PROPN 6 obj",
    );
    assert_eq!(code(vec![s]), vec![ev("GONGOV", Some("ARN"), "040")]);
}

#[test]
fn a_verbal_event_composes_with_the_material_one_it_governs() {
    let xcomp = parse(
        "Arnor Arnor PROPN 2 nsubj\nasked ask VERB 0 root\nGondor Gondor PROPN 2 obj\nto to PART 5 mark\nhelp help VERB 2 xcomp\nRohan Rohan PROPN 5 obj",
    );
    assert_eq!(code(vec![xcomp]), vec![ev("ARN", Some("GON"), "023")]);
    // The same infinitive attached as an adverbial clause, as parsers often do.
    let advcl = parse(
        "Arnor Arnor PROPN 2 nsubj\nasked ask VERB 0 root\nGondor Gondor PROPN 2 obj\nto to PART 5 mark\nhelp help VERB 2 advcl\nRohan Rohan PROPN 5 obj",
    );
    assert_eq!(code(vec![advcl]), vec![ev("ARN", Some("GON"), "023")]);
}

#[test]
fn a_passive_subject_controls_its_complement() {
    let s = parse(
        "Aragorn Aragorn PROPN 3 nsubj:pass\nis be AUX 3 aux:pass\nscheduled schedule VERB 0 root Voice=Pass\nto to PART 5 mark\nvisit visit VERB 3 xcomp\nRohan Rohan PROPN 5 obj",
    );
    assert_eq!(code(vec![s]), vec![ev("GONGOV", Some("ROH"), "042")]);
}

#[test]
fn an_event_announced_for_the_future_is_an_intent_and_refused_a_rejection() {
    let will =
        parse("Arnor Arnor PROPN 3 nsubj\nwill will AUX 3 aux\nmeet meet VERB 0 root\nGondor Gondor PROPN 3 obj");
    assert_eq!(code(vec![will]), vec![ev("ARN", Some("GON"), "036")]);
    let wont = parse(
        "Arnor Arnor PROPN 4 nsubj\nwill will AUX 4 aux\nnot not PART 4 advmod\nmeet meet VERB 0 root\nGondor Gondor PROPN 4 obj",
    );
    assert_eq!(code(vec![wont]), vec![ev("ARN", Some("GON"), "125")]);
    let ready = parse(
        "Arnor Arnor PROPN 3 nsubj\nis be AUX 3 cop\nready ready ADJ 0 root\nto to PART 5 mark\nmeet meet VERB 3 xcomp\nGondor Gondor PROPN 5 obj",
    );
    assert_eq!(code(vec![ready]), vec![ev("ARN", Some("GON"), "036")]);
    // Done, not announced: the event itself.
    let met = parse("Arnor Arnor PROPN 2 nsubj\nmet meet VERB 0 root\nGondor Gondor PROPN 2 obj");
    assert_eq!(code(vec![met]), vec![ev("ARN", Some("GON"), "040")]);
}

#[test]
fn people_named_by_where_they_come_from() {
    let s = parse(
        "Envoys envoy NOUN 4 nsubj Number=Plur\nfrom from ADP 3 case\nArnor Arnor PROPN 1 nmod\nmet meet VERB 0 root\nGondor Gondor PROPN 4 obj",
    );
    assert_eq!(code(vec![s]), vec![ev("ARN", Some("GON"), "040")]);
    // A thing from somewhere is not its people: "support from Arnor" names Arnor only as
    // the actor found inside the phrase, not as the phrase's own.
    let s = parse(
        "Support support NOUN 4 nsubj Number=Sing\nfrom from ADP 3 case\nArnor Arnor PROPN 1 nmod\nmet meet VERB 0 root\nGondor Gondor PROPN 4 obj",
    );
    let tree = Tree::new(&s);
    let mentions = find_mentions(&tree, &Toy);
    let resolver = dyad_code::actors::Resolver::new(&tree, &mentions, &[]);
    assert!(resolver.actors(0).is_empty());
    assert_eq!(resolver.actors(2).len(), 1);
}

#[test]
fn a_country_modifying_a_coordination_is_shared_by_its_members() {
    let s = parse(
        "Gondorian Gondorian ADJ 2 amod\npolice police NOUN 5 nsubj\nand and CCONJ 4 cc\npresident president NOUN 2 conj\nattacked attack VERB 0 root\nRohan Rohan PROPN 5 obj",
    );
    assert_eq!(code(vec![s]), vec![ev("GONCOP", Some("ROH"), "190"), ev("GONGOV", Some("ROH"), "190")]);
    let s = parse(
        "police police NOUN 6 nsubj\nand and CCONJ 3 cc\nambassadors ambassador NOUN 1 conj\nof of ADP 5 case\nArnor Arnor PROPN 3 nmod\nmet meet VERB 0 root\nRohan Rohan PROPN 6 obj",
    );
    assert_eq!(code(vec![s]), vec![ev("ARNCOP", Some("ROH"), "040"), ev("ARNGOV", Some("ROH"), "040")]);
}

#[test]
fn a_target_hung_from_another_dependent_is_still_found() {
    // "to Gondor" attached under an adverb by the parse, not under the verb.
    let s = parse(
        "Arnor Arnor PROPN 2 nsubj\nvisited visit VERB 0 root\nagain again ADV 2 advmod\nin in ADP 5 case\nGondor Gondor PROPN 3 obl",
    );
    assert_eq!(code(vec![s]), vec![ev("ARN", Some("GON"), "042")]);
}

#[test]
fn events_missing_an_actor_are_kept_as_the_dyads_setting_says() {
    let framed = || {
        parse(
            "Arnor Arnor PROPN 2 nsubj\nattacked attack VERB 0 root\nGondor Gondor PROPN 2 obj\n, , PUNCT 6 punct\nthe the DET 6 det\npresident president NOUN 7 nsubj\nnoted note VERB 2 parataxis",
        )
    };
    let one_sided = || parse("Arnor Arnor PROPN 2 nsubj\nattacked attack VERB 0 root\ndozens dozen NOUN 2 obj");
    let attack = ev("ARN", Some("GON"), "190");
    assert_eq!(code_keeping(vec![framed()], Dyads::Framed), vec![attack.clone()]);
    assert_eq!(code_keeping(vec![framed()], Dyads::Required), vec![attack.clone()]);
    assert_eq!(code_keeping(vec![framed()], Dyads::All), vec![attack, ev("---GOV", None, "010")]);
    assert_eq!(code_keeping(vec![one_sided()], Dyads::Framed), vec![ev("ARN", None, "190")]);
    assert_eq!(code_keeping(vec![one_sided()], Dyads::Required), vec![]);
}

#[test]
fn coordinated_modifiers_each_qualify_the_head() {
    // "Arnor and Gondor police arrested Rohan": the police of each.
    let s = parse(
        "Arnor Arnor PROPN 4 compound\nand and CCONJ 3 cc\nGondor Gondor PROPN 1 conj\npolice police NOUN 5 nsubj\narrested arrest VERB 0 root\nRohan Rohan PROPN 5 obj",
    );
    assert_eq!(code(vec![s]), vec![ev("ARNCOP", Some("ROH"), "173"), ev("GONCOP", Some("ROH"), "173")]);
    // Only states distribute: "Entmoot and Gondor police" does not make a Gondorian Entmoot.
    let s = parse(
        "Entmoot Entmoot PROPN 4 compound\nand and CCONJ 3 cc\nGondor Gondor PROPN 1 conj\npolice police NOUN 5 nsubj\narrested arrest VERB 0 root\nRohan Rohan PROPN 5 obj",
    );
    assert!(code(vec![s]).iter().all(|(s, ..)| !s.starts_with("GONENT")));
}

#[test]
fn an_owner_says_whose_a_person_is() {
    // Eomer's own entry says Rohan; "Arnor's Eomer" is Arnor's, and with a role, its official.
    let owned = parse(
        "Arnor Arnor PROPN 3 nmod:poss\n's 's PART 1 case\nEomer Eomer PROPN 4 nsubj\nattacked attack VERB 0 root\nGondor Gondor PROPN 4 obj",
    );
    assert_eq!(code(vec![owned]), vec![ev("ARN", Some("GON"), "190")]);
    let with_role = parse(
        "Arnor Arnor PROPN 4 nmod:poss\n's 's PART 1 case\npresident president NOUN 4 compound\nEomer Eomer PROPN 5 nsubj\nattacked attack VERB 0 root\nGondor Gondor PROPN 5 obj",
    );
    assert_eq!(code(vec![with_role]), vec![ev("ARNGOV", Some("GON"), "190")]);
    let alone = parse("Eomer Eomer PROPN 2 nsubj\nattacked attack VERB 0 root\nGondor Gondor PROPN 2 obj");
    assert_eq!(code(vec![alone]), vec![ev("ROH", Some("GON"), "190")]);
}

#[test]
fn a_passive_without_agent_takes_its_source_from_where_it_came() {
    let from = parse(
        "Gondor Gondor PROPN 3 nsubj:pass\nwas be AUX 3 aux:pass\nattacked attack VERB 0 root\nfrom from ADP 5 case\nRohan Rohan PROPN 3 obl",
    );
    assert_eq!(code(vec![from]), vec![ev("ROH", Some("GON"), "190")]);
    // A beneficiary is not where it came from.
    let beneficiary = parse(
        "Gondor Gondor PROPN 3 nsubj:pass\nwas be AUX 3 aux:pass\nattacked attack VERB 0 root\nfor for ADP 5 case\nRohan Rohan PROPN 3 obl",
    );
    assert_eq!(code(vec![beneficiary]), vec![]);
}

#[test]
fn a_passive_without_agent_is_aimed_at_its_target_not_from_it() {
    // "at Gondor" says whom the shots were aimed at; "from Arnor" where they came from.
    let s = parse(
        "Arrows arrow NOUN 3 nsubj:pass\nwere be AUX 3 aux:pass\nfired fire VERB 0 root Voice=Pass\nat at ADP 5 case\nGondor Gondor PROPN 3 obl\nfrom from ADP 7 case\nArnor Arnor PROPN 3 obl",
    );
    assert_eq!(code(vec![s]), vec![ev("ARN", Some("GON"), "190")]);
}

#[test]
fn actors_the_dictionaries_lack_are_named_by_their_phrase_when_asked() {
    let s = || {
        parse(
            "the the DET 2 det\nWizards Wizards PROPN 3 nsubj\nattacked attack VERB 0 root\nthe the DET 5 det\nMinistry Ministry PROPN 3 obj\nof of ADP 7 case\nMagic Magic PROPN 5 nmod\non on ADP 9 case\nMonday Monday PROPN 3 obl",
        )
    };
    let with = |new_actors| {
        let coder = DependencyCoder { dict: Toy };
        let conventions = dyad_code::Conventions { new_actors, ..Default::default() };
        let doc = DocContext { id: "t", date: None, explain: false, conventions };
        coder.code(&doc, &[s()]).into_iter().map(|e| (e.source.code, e.target.map(|t| t.code))).collect::<Vec<_>>()
    };
    assert_eq!(with(0), vec![]);
    let named = || Some("\"THE MINISTRY OF MAGIC\"".to_string());
    assert_eq!(with(4), vec![("\"THE WIZARDS\"".to_string(), named())]);
    // A longer phrase is not named; a time is never an actor.
    assert_eq!(with(3), vec![("\"THE WIZARDS\"".to_string(), None)]);
}

#[test]
fn an_organisation_named_beside_a_role_goes_first() {
    let s = parse(
        "MSF MSF PROPN 3 compound\nArnor Arnor PROPN 3 compound\nambassadors ambassador NOUN 4 nsubj\nmet meet VERB 0 root\nGondor Gondor PROPN 4 obj",
    );
    assert_eq!(code(vec![s]), vec![ev("NGOARNGOV", Some("GON"), "040")]);
}

#[test]
fn a_subject_naming_no_actor_names_the_one_inside_it() {
    // "An attack by Arnor hit Gondor": the attack is Arnor's.
    let s = parse(
        "An a DET 2 det\nattack attack NOUN 6 nsubj\nby by ADP 4 case\nArnor Arnor PROPN 2 nmod\nsoon soon ADV 6 advmod\nhelped help VERB 0 root\nGondor Gondor PROPN 6 obj",
    );
    assert_eq!(code(vec![s]), vec![ev("ARN", Some("GON"), "070")]);
}
