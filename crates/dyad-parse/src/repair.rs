//! Repairs of predicted tags and trees where a greedy tagger and parser, trained on web text,
//! go wrong on news in ways a well-formed analysis rules out. Tags, before parsing: a sentence
//! or a clause with an object has a finite verb; coordinated predicates share their form; a
//! word that a modal, an infinitive "to" or a relative pronoun introduces before its object
//! is a verb; a base verb cannot end a noun phrase inside a prepositional one. Trees, after:
//! a closing "..., officials said" attributes the main clause rather than governing it; a
//! passive subject has a passive; a predicate has one subject (a parser that has shifted past
//! the start of a long name or a list, "Bree Prime Minister Romendacil clashed", can only
//! attach the pieces to the verb, each as a subject); a list's middle belongs to the list; a
//! conjunct without a conjunction is an apposition; an "of" phrase after a verb's object
//! belongs to the object, and a day or month between a subject and its verb to the verb; "as"
//! or "after" before a noun and a subjectless finite verb starts a clause; a past form between
//! a subject noun and a finite verb without a subject is a reduced relative; a sentence that
//! ends as one has a verb for its predicate, not a noun or an adjective.

use dyad_core::{DepRel, Rel, Sentence, Upos};

/// A model's tag classes, with the ones the tag repairs retag to found once.
pub struct TagClasses {
    classes: Vec<(Upos, String)>,
    vb: Option<u16>,
    vbd: Option<u16>,
    vbn: Option<u16>,
    vbz: Option<u16>,
    vbp: Option<u16>,
    nn: Option<u16>,
}

impl TagClasses {
    pub fn new(classes: Vec<(Upos, String)>) -> TagClasses {
        let id = |u: Upos, xpos: &str| classes.iter().position(|(cu, x)| *cu == u && x == xpos).map(|i| i as u16);
        let (vb, vbd, vbn) = (id(Upos::Verb, "VB"), id(Upos::Verb, "VBD"), id(Upos::Verb, "VBN"));
        let (vbz, vbp, nn) = (id(Upos::Verb, "VBZ"), id(Upos::Verb, "VBP"), id(Upos::Noun, "NN"));
        TagClasses { classes, vb, vbd, vbn, vbz, vbp, nn }
    }

    fn upos(&self, t: u16) -> Upos {
        self.classes.get(t as usize).map_or(Upos::X, |(u, _)| *u)
    }

    fn xpos(&self, t: u16) -> &str {
        self.classes.get(t as usize).map_or("", |(_, x)| x.as_str())
    }
}

/// Retags a past participle as a past tense in a clause that has no finite verb, when it
/// stands between a noun and what can only be its object: "The police detained dozens of
/// people", "Kenya hosted talks", "Iran fired missiles before Israel struck". A tagger trained
/// on web text takes such a verb for a reduced relative ("the police detained by ..."), and
/// the whole parse goes wrong; a headline passive ("Five killed in blast") is followed by a
/// preposition and keeps its participle. An irregular past the tagger has never seen, taken
/// for a noun or an adjective in the same place ("the court upheld a ban"), is a past tense
/// too. Clauses are cut at subordinators (`forms`).
pub fn finite_verb(tags: &mut [u16], tagset: &TagClasses, forms: &[&str]) {
    let mut start = 0;
    for end in 1..=tags.len() {
        let cut = end == tags.len() || forms.get(end).is_some_and(|f| is_subordinator(f));
        if cut {
            finite_verb_in_clause(&mut tags[start..end], tagset, forms.get(start..end).unwrap_or_default());
            start = end;
        }
    }
    sentence_predicate(tags, tagset, forms);
    coordinated_pasts(tags, tagset, forms);
    marked_predicates(tags, tagset, forms);
    nouns_in_noun_phrases(tags, tagset, forms);
}

/// Retags as a noun a base-form verb that ends a noun phrase begun by a determiner after a
/// preposition, when no object follows it: "an air strike against an Islamic State target
/// southwest of Baghdad". A bare infinitive follows "to", a modal or "do"; where a present
/// tense after such a phrase was tagged as one ("Police in the capital say they ..."), an
/// object or a subject follows it.
fn nouns_in_noun_phrases(tags: &mut [u16], tagset: &TagClasses, forms: &[&str]) {
    let Some(nn) = tagset.nn else { return };
    let upos = |t: u16| tagset.upos(t);
    let xpos = |t: u16| tagset.xpos(t);
    for d in 1..tags.len() {
        let article = ["a", "an", "the"].iter().any(|a| forms[d].eq_ignore_ascii_case(a));
        if !article || upos(tags[d - 1]) != Upos::Adp {
            continue;
        }
        let mut i = d + 1;
        while i < tags.len() && matches!(upos(tags[i]), Upos::Adj | Upos::Noun | Upos::Propn) {
            i += 1;
        }
        let no_object = tags.get(i + 1).is_none_or(|&t| matches!(upos(t), Upos::Propn | Upos::Adp | Upos::Punct));
        if i > d + 1
            && i < tags.len()
            && xpos(tags[i]) == "VB"
            && no_object
            && !forms[i].starts_with(char::is_uppercase)
        {
            tags[i] = nn;
        }
    }
}

/// Retags as a verb a noun or adjective that a marker introduces as one and that is followed
/// by what can only be its object: after a modal ("it would free the prisoners"), after an
/// infinitive "to" that follows a verb ("pledged to expel exiled leaders"), or after a
/// relative "that", "which" or "who" ("a group that tracks the war"). A noun is not followed
/// by a determiner or an adjective starting a new phrase; a tagger that has seen "free" as an
/// adjective, or not seen "expel" at all, still tags them so. Markers may be followed by
/// "not", "also", "never".
fn marked_predicates(tags: &mut [u16], tagset: &TagClasses, forms: &[&str]) {
    let (Some(vb), Some(vbz), Some(vbp)) = (tagset.vb, tagset.vbz, tagset.vbp) else { return };
    let upos = |t: u16| tagset.upos(t);
    let xpos = |t: u16| tagset.xpos(t);
    let is = |k: usize, words: &[&str]| words.iter().any(|w| forms[k].eq_ignore_ascii_case(w));
    for i in 1..tags.len().saturating_sub(1) {
        let (u, x) = (upos(tags[i]), xpos(tags[i]));
        if !matches!(u, Upos::Adj | Upos::Noun) || forms[i].starts_with(char::is_uppercase) {
            continue;
        }
        let mut m = i - 1;
        while m > 0 && is(m, &["not", "n't", "also", "never"]) {
            m -= 1;
        }
        let next = upos(tags[i + 1]);
        let determined = matches!(next, Upos::Det | Upos::Num)
            || (next == Upos::Pron && xpos(tags[i + 1]) == "PRP$")
            || (next == Upos::Adv && tags.get(i + 2).is_some_and(|&t| upos(t) == Upos::Num));
        let after_verb = m > 0 && matches!(upos(tags[m - 1]), Upos::Verb | Upos::Aux);
        let after_modal =
            xpos(tags[m]) == "MD" && (determined || matches!(next, Upos::Noun | Upos::Propn | Upos::Pron));
        let infinitive = is(m, &["to"]) && after_verb && x == "NN" && (determined || next == Upos::Adj);
        let relative = is(m, &["that", "which", "who"])
            && m > 0
            && matches!(upos(tags[m - 1]), Upos::Noun | Upos::Propn)
            && determined;
        let new = if after_modal || infinitive {
            Some(vb)
        } else if relative {
            match x {
                "NNS" => Some(vbz),
                "NN" | "JJ" => Some(vbp),
                _ => None,
            }
        } else {
            None
        };
        if let Some(t) = new {
            tags[i] = t;
        }
    }
}

/// Retags as a past tense a participle right after "and" or "or" whose nearest verb before
/// is a past tense: coordinated predicates share their form ("raised its alert level and
/// called up reservists"), where a participle there would need an auxiliary of its own.
fn coordinated_pasts(tags: &mut [u16], tagset: &TagClasses, forms: &[&str]) {
    let (Some(vbn), Some(vbd)) = (tagset.vbn, tagset.vbd) else { return };
    let xpos = |t: u16| tagset.xpos(t);
    for i in 2..tags.len() {
        let after_conjunction = forms[i - 1].eq_ignore_ascii_case("and") || forms[i - 1].eq_ignore_ascii_case("or");
        if tags[i] != vbn || !after_conjunction {
            continue;
        }
        let previous_verb = (0..i - 1).rev().map(|k| xpos(tags[k])).find(|x| x.starts_with("VB") || *x == "MD");
        if previous_verb == Some("VBD") {
            tags[i] = vbd;
        }
    }
}

/// Retags as a past tense the first past participle after a noun in a sentence that has no
/// finite verb at all but ends as a sentence does: "Thousands of Turks demonstrated across
/// the country.", "Danish media and government warned at ...". A tagger trained on web text
/// reads such a verb as a reduced relative, leaving the sentence a noun phrase; headlines,
/// which may be passives without their auxiliary ("Five killed in blast"), end without a
/// full stop. Forms that are only participles ("taken", "shown", "done") stay participles.
fn sentence_predicate(tags: &mut [u16], tagset: &TagClasses, forms: &[&str]) {
    let (Some(vbn), Some(vbd)) = (tagset.vbn, tagset.vbd) else { return };
    let xpos = |t: u16| tagset.xpos(t);
    let upos = |t: u16| tagset.upos(t);
    let ends_as_sentence = forms.last().is_some_and(|f| matches!(*f, "." | "!" | "?"));
    if !ends_as_sentence || tags.iter().any(|&t| matches!(xpos(t), "VBD" | "VBZ" | "VBP" | "MD")) {
        return;
    }
    let past_form = |f: &str| {
        let f = f.to_lowercase();
        f.ends_with("ed")
            || (crate::irregular::base(&f).is_some() && !["en", "wn", "ne"].iter().any(|x| f.ends_with(x)))
    };
    for i in 1..tags.len() {
        if tags[i] == vbn && matches!(upos(tags[i - 1]), Upos::Noun | Upos::Propn) && past_form(forms[i]) {
            tags[i] = vbd;
            return;
        }
    }
}

fn is_subordinator(form: &str) -> bool {
    SUBORDINATORS.iter().any(|w| form.eq_ignore_ascii_case(w))
}

fn finite_verb_in_clause(tags: &mut [u16], tagset: &TagClasses, forms: &[&str]) {
    let (Some(vbn), Some(vbd)) = (tagset.vbn, tagset.vbd) else { return };
    let xpos = |t: u16| tagset.xpos(t);
    let upos = |t: u16| tagset.upos(t);
    if tags.iter().any(|&t| matches!(xpos(t), "VBD" | "VBZ" | "VBP" | "MD")) {
        return;
    }
    let object_like = |t: u16| matches!(upos(t), Upos::Det | Upos::Num | Upos::Noun | Upos::Propn | Upos::Adj);
    let between_noun_and_object =
        |tags: &[u16], i: usize| matches!(upos(tags[i - 1]), Upos::Noun | Upos::Propn) && object_like(tags[i + 1]);
    for i in 1..tags.len().saturating_sub(1) {
        if tags[i] == vbn && between_noun_and_object(tags, i) {
            tags[i] = vbd;
            return;
        }
    }
    let irregular_past = |i: usize| {
        forms
            .get(i)
            .is_some_and(|f| crate::irregular::base(&f.to_lowercase()).is_some_and(|b| !f.eq_ignore_ascii_case(b)))
    };
    for i in 1..tags.len().saturating_sub(1) {
        if matches!(upos(tags[i]), Upos::Noun | Upos::Adj) && irregular_past(i) && between_noun_and_object(tags, i) {
            tags[i] = vbd;
            return;
        }
    }
}

/// Verbs that attribute a sentence to a source in a closing clause ("..., officials said").
const REPORTING: &[&str] = &["say", "report", "tell", "add", "announce", "confirm", "state", "note", "write", "reply"];

/// Re-attaches a closing attribution ("Britain supplied missiles to Kyiv, officials in London
/// said on Monday.") as a parataxis of the main clause, the UD analysis. A greedy parse often
/// makes the main verb a complement of "said", or "said" a complement of the main verb with
/// words of the main clause under it; either way the coder would read the wrong clause.
pub fn attribution(s: &mut Sentence) {
    let n = s.tokens.len();
    let mut end = n;
    while end > 0 && s.tokens[end - 1].upos == Upos::Punct {
        end -= 1;
    }
    // The reporting verb: the last verb, a few words from the end, after a comma and a short
    // subject with no verb or comma of its own ...
    let Some(v) = (0..end).rev().find(|&i| s.tokens[i].upos == Upos::Verb) else { return };
    if attach_attribution(s, v, end) {
        return;
    }
    // ... or one set off by commas before a closing participle clause: "The US launched an
    // air strike, the Central Command said on Monday, expanding its campaign".
    let reporting: Vec<usize> = (0..end)
        .filter(|&i| s.tokens[i].upos == Upos::Verb && REPORTING.contains(&s.tokens[i].lemma.as_str()))
        .collect();
    for v in reporting {
        let Some(c2) = (v + 1..end).find(|&i| s.tokens[i].form == ",") else { continue };
        let participle = s.tokens.get(c2 + 1).is_some_and(|t| t.upos == Upos::Verb && t.xpos == "VBG");
        if participle && attach_attribution(s, v, c2) {
            return;
        }
    }
}

/// Re-attaches "..., <subject> <reporting verb v> ..." ending before token `end` as a
/// parataxis of the main clause before it; what follows `end` belongs to the main clause.
fn attach_attribution(s: &mut Sentence, v: usize, end: usize) -> bool {
    let n = s.tokens.len();
    if !REPORTING.contains(&s.tokens[v].lemma.as_str()) || end - v > 6 {
        return false;
    }
    let Some(c) = (0..v).rev().find(|&i| s.tokens[i].form == ",") else { return false };
    let subject = c + 1..v;
    if subject.is_empty()
        || subject.len() > 8
        || subject.clone().any(|i| matches!(s.tokens[i].upos, Upos::Verb | Upos::Aux) || s.tokens[i].form == ",")
        || (v + 1..end).any(|i| matches!(s.tokens[i].upos, Upos::Verb | Upos::Aux))
    {
        return false;
    }
    // The main clause before the comma: its token attached outside it, a predicate.
    let head_of = |s: &Sentence, i: usize| s.tokens[i].head as usize; // 1-based, 0 = root
    let inside = |h: usize, r: std::ops::Range<usize>| h >= 1 && r.contains(&(h - 1));
    let exits: Vec<usize> = (0..c).filter(|&i| !inside(head_of(s, i), 0..c)).collect();
    let Some(&main) = exits
        .iter()
        .find(|&&i| {
            matches!(s.tokens[i].upos, Upos::Verb | Upos::Aux | Upos::Adj | Upos::Noun | Upos::Propn)
                && head_of(s, i) == 0
        })
        .or_else(|| exits.iter().find(|&&i| s.tokens[i].upos == Upos::Verb))
    else {
        return false;
    };
    if !(0..c).any(|i| s.tokens[i].upos == Upos::Verb) {
        return false;
    }
    // What follows the attribution (a closing participle clause, the full stop): its words
    // attached outside it.
    let tail_exits: Vec<usize> = (end..n).filter(|&i| !inside(head_of(s, i), end..n)).collect();
    let set = |s: &mut Sentence, i: usize, head: usize, rel: Option<Rel>| {
        s.tokens[i].head = head as u32;
        if let Some(r) = rel {
            s.tokens[i].deprel = DepRel::new(r);
        }
    };
    set(s, main, 0, Some(Rel::Root));
    set(s, v, main + 1, Some(Rel::Parataxis));
    for i in exits.into_iter().filter(|&i| i != main) {
        // Words of the main clause that hung from the attribution.
        set(s, i, main + 1, None);
    }
    let subject_heads: Vec<usize> = subject.clone().filter(|&i| !inside(head_of(s, i), subject.clone())).collect();
    for i in subject_heads {
        let rel = if s.tokens[i].upos == Upos::Punct { Rel::Punct } else { Rel::Nsubj };
        set(s, i, v + 1, Some(rel));
    }
    for i in v + 1..end {
        if !inside(head_of(s, i), v + 1..end) {
            set(s, i, v + 1, None);
        }
    }
    set(s, c, v + 1, Some(Rel::Punct));
    for i in tail_exits {
        let rel = match s.tokens[i].upos {
            Upos::Punct => Rel::Punct,
            Upos::Verb => Rel::Advcl,
            _ => s.tokens[i].deprel.rel,
        };
        set(s, i, main + 1, Some(rel));
    }
    true
}

/// A passive subject needs a passive: `nsubj:pass` on a verb with no passive auxiliary, not a
/// past participle or one after a perfect "have" ("it should have acted"), is a plain subject.
pub fn passive_subjects(s: &mut Sentence) {
    for i in 0..s.tokens.len() {
        let rel = &s.tokens[i].deprel;
        if rel.rel != Rel::Nsubj || rel.sub.as_deref() != Some("pass") {
            continue;
        }
        let h = s.tokens[i].head as usize;
        if h == 0 || h > s.tokens.len() {
            continue;
        }
        let passive_aux = s
            .tokens
            .iter()
            .any(|t| t.head as usize == h && t.deprel.rel == Rel::Aux && t.deprel.sub.as_deref() == Some("pass"));
        // A bare participle may be passive with its auxiliary missing from the parse; after a
        // perfect "have" ("should have acted") it is active.
        let head = &s.tokens[h - 1];
        let perfect = s.tokens.iter().any(|t| t.head as usize == h && t.deprel.rel == Rel::Aux && t.lemma == "have");
        if !passive_aux && head.upos == Upos::Verb && (head.xpos != "VBN" || perfect) {
            s.tokens[i].deprel = DepRel::new(Rel::Nsubj);
        }
    }
}

/// Re-attaches a predicate's extra subjects: one directly before the next subject becomes a
/// compound of it; one separated from the next only by a comma or a conjunction starts a list
/// the next one joins as a conjunct.
pub fn subjects(s: &mut Sentence) {
    let n = s.tokens.len();
    // Most sentences have no predicate with two subjects: find those that do in one pass.
    let mut count = vec![0u8; n + 1];
    for t in s.tokens.iter().filter(|t| is_subject(&t.deprel)) {
        if let Some(c) = count.get_mut(t.head as usize) {
            *c = c.saturating_add(1);
        }
    }
    for h in (0..=n).filter(|&h| count[h] >= 2) {
        loop {
            let subs: Vec<usize> =
                (0..n).filter(|&i| s.tokens[i].head as usize == h && is_subject(&s.tokens[i].deprel)).collect();
            let Some(pair) = subs.windows(2).find(|w| nominal(s, w[0]) && nominal(s, w[1])) else { break };
            let (a, b) = (pair[0], pair[1]);
            // The words between the first subject's phrase and the second's head word.
            let between: Vec<usize> = (extent(s, a).1 + 1..b).collect();
            let separators: Vec<usize> = between
                .iter()
                .copied()
                .filter(|&k| s.tokens[k].form == "," || s.tokens[k].upos == Upos::Cconj)
                .collect();
            if !separators.is_empty() {
                if !between.iter().all(|&k| separators.contains(&k) || dominated(s, k, b)) {
                    break;
                }
                s.tokens[b].head = (a + 1) as u32;
                s.tokens[b].deprel = DepRel::new(Rel::Conj);
                for k in separators {
                    s.tokens[k].head = (b + 1) as u32;
                    s.tokens[k].deprel =
                        DepRel::new(if s.tokens[k].upos == Upos::Cconj { Rel::Cc } else { Rel::Punct });
                }
            } else if between.iter().all(|&k| dominated(s, k, b)) {
                s.tokens[a].head = (b + 1) as u32;
                s.tokens[a].deprel = DepRel::new(Rel::Compound);
            } else {
                break;
            }
        }
    }
}

/// Re-attaches an "of" phrase the parser hung on a verb to the object noun it follows: "released
/// the mayor of the city" is the city's mayor. An object that is a name keeps a verb's "of"
/// ("accused Rwanda of lying", "warned Gondor of war").
pub fn of_phrases(s: &mut Sentence) {
    let n = s.tokens.len();
    for p in 0..n {
        let Some(v) = (s.tokens[p].head as usize).checked_sub(1) else { continue };
        if v >= n || s.tokens[v].upos != Upos::Verb || !matches!(s.tokens[p].deprel.rel, Rel::Obl | Rel::Nmod) {
            continue;
        }
        let of = (0..p).find(|&k| {
            s.tokens[k].head as usize == p + 1
                && s.tokens[k].deprel.rel == Rel::Case
                && s.tokens[k].form.eq_ignore_ascii_case("of")
        });
        let Some(of) = of else { continue };
        let object = (0..n).find(|&o| {
            s.tokens[o].head as usize == v + 1
                && s.tokens[o].deprel.rel == Rel::Obj
                && s.tokens[o].upos == Upos::Noun
                && o < of
                && extent(s, o).1 + 1 == extent(s, p).0
        });
        if let Some(o) = object {
            s.tokens[p].head = (o + 1) as u32;
            s.tokens[p].deprel = DepRel::new(Rel::Nmod);
        }
    }
}

/// Words that introduce a clause as well as a noun phrase.
const SUBORDINATORS: &[&str] = &["as", "after", "before", "since", "until", "while", "because", "once", "when"];

/// Re-attaches "as the leader prepared": a subordinator the parser took for a preposition,
/// its "object" the subject of the finite verb that follows it, which was left without one.
/// The noun becomes that verb's subject, the word its marker, and the clause an adverbial one.
pub fn subordinate_clauses(s: &mut Sentence) {
    let n = s.tokens.len();
    let head = |s: &Sentence, i: usize| (s.tokens[i].head as usize).checked_sub(1).filter(|&h| h < n);
    for c in 0..n {
        if s.tokens[c].deprel.rel != Rel::Case || !is_subordinator(&s.tokens[c].form) {
            continue;
        }
        let Some(noun) = head(s, c).filter(|&x| x > c && nominal(s, x)) else { continue };
        let Some(v) = head(s, noun).filter(|&v| s.tokens[v].upos == Upos::Verb) else { continue };
        let w = extent(s, noun).1 + 1;
        let finite =
            w < n && s.tokens[w].upos == Upos::Verb && matches!(s.tokens[w].xpos.as_str(), "VBD" | "VBZ" | "VBP");
        if !finite
            || head(s, w) != Some(v)
            || !matches!(s.tokens[w].deprel.rel, Rel::Advcl | Rel::Parataxis | Rel::Conj)
        {
            continue;
        }
        let taken = (0..n).any(|k| head(s, k) == Some(w) && matches!(s.tokens[k].deprel.rel, Rel::Nsubj | Rel::Cc));
        if taken {
            continue;
        }
        s.tokens[noun].head = (w + 1) as u32;
        s.tokens[noun].deprel = DepRel::new(Rel::Nsubj);
        s.tokens[c].head = (w + 1) as u32;
        s.tokens[c].deprel = DepRel::new(Rel::Mark);
        s.tokens[c].upos = Upos::Sconj;
        s.tokens[w].deprel = DepRel::new(Rel::Advcl);
    }
}

/// Re-attaches a reduced relative clause the parser took for the predicate: in "A report
/// released on Tuesday in Bree alleged that ...", "released" modifies "report" and "alleged"
/// is the verb. A past form right after its subject noun, with no object (a day aside) and no
/// auxiliary, followed by a finite verb that has no subject of its own and nothing joining the
/// two (no comma, conjunction, subordinator or relative word), is such a participle: English
/// does not string two predicates of one subject together bare.
pub fn reduced_relatives(s: &mut Sentence) {
    let n = s.tokens.len();
    let head = |s: &Sentence, i: usize| (s.tokens[i].head as usize).checked_sub(1).filter(|&h| h < n);
    for v1 in 0..n {
        if s.tokens[v1].upos != Upos::Verb || !matches!(s.tokens[v1].xpos.as_str(), "VBD" | "VBN") {
            continue;
        }
        let kids: Vec<usize> = (0..n).filter(|&k| head(s, k) == Some(v1)).collect();
        let Some(subj) = kids.iter().copied().find(|&k| k < v1 && s.tokens[k].deprel.rel == Rel::Nsubj) else {
            continue;
        };
        if s.tokens[subj].upos != Upos::Noun || s.tokens[subj].deprel.sub.is_some() || extent(s, subj).1 + 1 != v1 {
            continue;
        }
        let day = |k: usize| TIMES.iter().any(|w| s.tokens[k].form.eq_ignore_ascii_case(w));
        // The parser may hang the real predicate on the participle as a clausal subject.
        let later_verb = |k: usize| k > v1 && s.tokens[k].upos == Upos::Verb;
        let blocked = kids.iter().any(|&k| match s.tokens[k].deprel.rel {
            Rel::Aux | Rel::Cop | Rel::Mark | Rel::Cc | Rel::Expl | Rel::Iobj | Rel::Ccomp => true,
            Rel::Csubj => !later_verb(k),
            Rel::Nsubj => k != subj,
            Rel::Obj => !day(k),
            _ => false,
        });
        if blocked {
            continue;
        }
        // The first later finite verb without a subject of its own.
        let finite = |v: usize| {
            matches!(s.tokens[v].xpos.as_str(), "VBD" | "VBZ" | "VBP")
                || (0..v).any(|k| head(s, k) == Some(v) && s.tokens[k].deprel.rel == Rel::Aux)
        };
        let own = |v: usize| {
            (0..n).any(|k| {
                head(s, k) == Some(v) && matches!(s.tokens[k].deprel.rel, Rel::Nsubj | Rel::Csubj | Rel::Cc | Rel::Mark)
            })
        };
        let Some(v2) = kids.iter().copied().find(|&k| {
            later_verb(k)
                && matches!(s.tokens[k].deprel.rel, Rel::Conj | Rel::Advcl | Rel::Parataxis | Rel::Csubj)
                && finite(k)
                && !own(k)
        }) else {
            continue;
        };
        let v2_kids: Vec<usize> = (0..n).filter(|&k| head(s, k) == Some(v2)).collect();
        // Words of the participle's own modifiers ("imprisoned for acting against Moscow")
        // join nothing; punctuation always may.
        let modifier_of_v1 = |k: usize| {
            kids.iter().any(|&m| {
                m != v2 && matches!(s.tokens[m].deprel.rel, Rel::Advcl | Rel::Obl | Rel::Advmod) && dominated(s, k, m)
            })
        };
        let joined = (v1 + 1..v2).any(|k| {
            let t = &s.tokens[k];
            let aux_of_v2 = t.upos == Upos::Aux && head(s, k) == Some(v2);
            matches!(t.form.as_str(), "," | ";" | ":" | "-" | "--")
                || (!modifier_of_v1(k)
                    && (matches!(t.upos, Upos::Cconj | Upos::Sconj | Upos::Verb | Upos::Pron)
                        || (t.upos == Upos::Aux && !aux_of_v2)
                        || is_subordinator(&t.form)))
        });
        if joined {
            continue;
        }
        let passive = v2_kids
            .iter()
            .any(|&k| s.tokens[k].deprel.rel == Rel::Aux && s.tokens[k].deprel.sub.as_deref() == Some("pass"));
        s.tokens[v2].head = s.tokens[v1].head;
        s.tokens[v2].deprel = s.tokens[v1].deprel.clone();
        s.tokens[subj].head = (v2 + 1) as u32;
        s.tokens[subj].deprel = if passive { DepRel::with_sub(Rel::Nsubj, "pass") } else { DepRel::new(Rel::Nsubj) };
        s.tokens[v1].head = (subj + 1) as u32;
        s.tokens[v1].deprel = DepRel::new(Rel::Acl);
        s.tokens[v1].xpos = "VBN".into();
        for k in kids {
            if k == subj || k == v2 {
                continue;
            }
            // What stood before the subject or after the predicate belongs to the predicate.
            if k < subj || k > v2 {
                s.tokens[k].head = (v2 + 1) as u32;
            } else if s.tokens[k].deprel.rel == Rel::Obj {
                s.tokens[k].deprel = DepRel::with_sub(Rel::Obl, "tmod");
            }
        }
    }
}

/// Makes the predicate of a sentence whose root is a noun, a name or an adjective the finite
/// verb the parser hung on that root: "Chinese Premier Li Qiang sent a message" with
/// "Chinese" as the root and "sent" its clausal complement, "Kenya's president, William
/// Ruto, withdrew the bill" with "withdrew" a conjunct of "William", "Hezbollah fired
/// hundreds of rockets" with "fired" a participle modifying "Hezbollah". A sentence that ends
/// as one has a verb for its predicate; the root's phrase before the verb is its subject, or
/// part of the subject the verb already has.
pub fn predicate_roots(s: &mut Sentence) {
    let n = s.tokens.len();
    let ends_as_sentence = s.tokens.last().is_some_and(|t| matches!(t.form.as_str(), "." | "!" | "?"));
    let Some(root) = (0..n).find(|&i| s.tokens[i].head == 0) else { return };
    if !ends_as_sentence || !matches!(s.tokens[root].upos, Upos::Noun | Upos::Propn | Upos::Adj) {
        return;
    }
    let head = |s: &Sentence, i: usize| (s.tokens[i].head as usize).checked_sub(1).filter(|&h| h < n);
    let kids = |s: &Sentence, v: usize| -> Vec<usize> { (0..n).filter(|&k| head(s, k) == Some(v)).collect() };
    if kids(s, root).iter().any(|&k| s.tokens[k].deprel.rel == Rel::Cop) {
        return;
    }
    let candidate = kids(s, root).into_iter().find(|&v| {
        let t = &s.tokens[v];
        let vk = kids(s, v);
        let rel_ok = matches!(t.deprel.rel, Rel::Ccomp | Rel::Conj | Rel::Parataxis | Rel::Dep)
            || (matches!(t.deprel.rel, Rel::Amod | Rel::Acl) && t.deprel.sub.is_none());
        let has_obj = vk.iter().any(|&k| s.tokens[k].deprel.rel == Rel::Obj);
        let finite = matches!(t.xpos.as_str(), "VBD" | "VBZ" | "VBP")
            || vk.iter().any(|&k| k < v && s.tokens[k].deprel.rel == Rel::Aux)
            || (t.xpos == "VBN" && has_obj);
        let subordinate = vk.iter().any(|&k| {
            s.tokens[k].deprel.rel == Rel::Mark
                || (s.tokens[k].upos == Upos::Pron && matches!(s.tokens[k].xpos.as_str(), "WDT" | "WP"))
        });
        // A verb with a subject of its own continues the root's phrase only when nothing
        // separates them ("Chinese Premier Li Qiang sent"); after a comma or a conjunction it
        // is a clause of its own ("Good local steakhouse, I recommend it!").
        let own_subjects: Vec<usize> = vk.iter().copied().filter(|&k| s.tokens[k].deprel.rel == Rel::Nsubj).collect();
        let separated = (root + 1..v).any(|k| matches!(s.tokens[k].upos, Upos::Punct | Upos::Cconj));
        let subject_ok = own_subjects.is_empty() || (!separated && own_subjects.iter().all(|&k| root < k && k < v));
        v > root && t.upos == Upos::Verb && rel_ok && finite && !subordinate && subject_ok
    });
    let Some(v) = candidate else { return };
    let passive = kids(s, v)
        .iter()
        .any(|&k| s.tokens[k].deprel.rel == Rel::Aux && s.tokens[k].deprel.sub.as_deref() == Some("pass"));
    if s.tokens[v].xpos == "VBN" && !passive && !kids(s, v).iter().any(|&k| s.tokens[k].deprel.rel == Rel::Aux) {
        s.tokens[v].xpos = "VBD".into();
        s.tokens[v].feats = "Mood=Ind|Tense=Past|VerbForm=Fin".into();
    }
    // The root's own subject ("Serbian [President Aleksandar Vucic] put") is the verb's.
    for k in kids(s, root) {
        if s.tokens[k].deprel.rel == Rel::Nsubj && k < v {
            s.tokens[k].head = (v + 1) as u32;
        }
    }
    let subject = kids(s, v).into_iter().find(|&k| s.tokens[k].deprel.rel == Rel::Nsubj && k < v);
    s.tokens[v].head = 0;
    s.tokens[v].deprel = DepRel::new(Rel::Root);
    match subject {
        // Part of the subject the verb has: "Chinese" of "Premier Li Qiang".
        Some(subj) => {
            s.tokens[root].head = (subj + 1) as u32;
            s.tokens[root].deprel =
                DepRel::new(if s.tokens[root].upos == Upos::Adj { Rel::Amod } else { Rel::Compound });
        }
        None => {
            s.tokens[root].head = (v + 1) as u32;
            s.tokens[root].deprel =
                if passive { DepRel::with_sub(Rel::Nsubj, "pass") } else { DepRel::new(Rel::Nsubj) };
        }
    }
    // What follows the verb on the old root is the verb's.
    for k in v + 1..n {
        if s.tokens[k].head as usize == root + 1 {
            s.tokens[k].head = (v + 1) as u32;
        }
    }
}

/// Makes the predicate of a sentence parsed as a noun phrase the participle the parser hung
/// on it: "Police in the capital fired tear gas at students who had gathered" with "Police"
/// as the root and "fired" a reduced relative of "capital". A sentence that ends as one has
/// a predicate; when its root is a noun with such a participle in its phrase (a regular past
/// form, with no auxiliary), that participle is a past tense, the root noun its subject.
pub fn nominal_roots(s: &mut Sentence) {
    let n = s.tokens.len();
    let ends_as_sentence = s.tokens.last().is_some_and(|t| matches!(t.form.as_str(), "." | "!" | "?"));
    let Some(root) = (0..n).find(|&i| s.tokens[i].head == 0) else { return };
    if !ends_as_sentence || !nominal(s, root) {
        return;
    }
    let head = |s: &Sentence, i: usize| (s.tokens[i].head as usize).checked_sub(1).filter(|&h| h < n);
    // The root's phrase: the root and nouns under it through `nmod`, in order.
    let in_phrase = |s: &Sentence, mut i: usize| {
        for _ in 0..n {
            if i == root {
                return true;
            }
            if !nominal(s, i) || s.tokens[i].deprel.rel != Rel::Nmod {
                return false;
            }
            match head(s, i) {
                Some(h) => i = h,
                None => return false,
            }
        }
        false
    };
    let participle = (0..n).find(|&v| {
        let t = &s.tokens[v];
        t.upos == Upos::Verb
            && t.xpos == "VBN"
            && t.form.to_lowercase().ends_with("ed")
            && t.deprel.rel == Rel::Acl
            && t.deprel.sub.is_none()
            && head(s, v).is_some_and(|h| h < v && in_phrase(s, h))
            && !(0..n).any(|k| head(s, k) == Some(v) && matches!(s.tokens[k].deprel.rel, Rel::Aux | Rel::Nsubj))
    });
    let Some(v) = participle else { return };
    s.tokens[v].head = 0;
    s.tokens[v].deprel = DepRel::new(Rel::Root);
    s.tokens[v].xpos = "VBD".into();
    s.tokens[v].feats = "Mood=Ind|Tense=Past|VerbForm=Fin".into();
    s.tokens[root].head = (v + 1) as u32;
    s.tokens[root].deprel = DepRel::new(Rel::Nsubj);
    // What follows the verb on the old root (its full stop) is the verb's.
    for k in v + 1..n {
        if s.tokens[k].head as usize == root + 1 {
            s.tokens[k].head = (v + 1) as u32;
        }
    }
    // A passive's agent, as the parser read the participle, without its "by".
    let agentless: Vec<usize> = (0..n)
        .filter(|&k| head(s, k) == Some(v) && s.tokens[k].deprel.rel == Rel::Obl)
        .filter(|&k| s.tokens[k].deprel.sub.as_deref() == Some("agent"))
        .filter(|&k| !(0..n).any(|c| head(s, c) == Some(k) && s.tokens[c].form.eq_ignore_ascii_case("by")))
        .collect();
    for k in agentless {
        s.tokens[k].deprel = DepRel::new(Rel::Obl);
    }
}

/// Re-attaches the middle of a list that the parser hung elsewhere: in "an agreement forced
/// on Qatar by Saudi Arabia, the United Arab Emirates and other neighbours", "Emirates" was an
/// oblique of the main verb, with "neighbours" its conjunct. A nominal after a comma that
/// directly follows another nominal's phrase, with no preposition of its own and a conjunct
/// joined by "and" or "or", continues that nominal's list.
pub fn list_continuations(s: &mut Sentence) {
    let n = s.tokens.len();
    let head = |s: &Sentence, i: usize| (s.tokens[i].head as usize).checked_sub(1).filter(|&h| h < n);
    // Nominals with a conjunct joined by a conjunction ("and other neighbours"), found in two
    // passes: most sentences have none.
    let mut joined_conjunct = vec![false; n];
    for k in (0..n).filter(|&k| s.tokens[k].deprel.rel == Rel::Cc) {
        if let Some(c) = head(s, k).filter(|&c| s.tokens[c].deprel.rel == Rel::Conj) {
            joined_conjunct[c] = true;
        }
    }
    let mut completed = vec![false; n];
    for c in (0..n).filter(|&c| joined_conjunct[c]) {
        if let Some(b) = head(s, c) {
            completed[b] = true;
        }
    }
    for b in (0..n).filter(|&b| completed[b]) {
        if !nominal(s, b) || !matches!(s.tokens[b].deprel.rel, Rel::Obl | Rel::Obj | Rel::Nmod) {
            continue;
        }
        let cased = (0..n).any(|k| head(s, k) == Some(b) && s.tokens[k].deprel.rel == Rel::Case);
        if cased {
            continue;
        }
        // The comma before b's phrase (it may hang from b), and the nominal whose phrase ends
        // right before it.
        let mut start = extent(s, b).0;
        while start < b && s.tokens[start].upos == Upos::Punct {
            start += 1;
        }
        let Some(comma) = start.checked_sub(1).filter(|&c| s.tokens[c].form == ",") else { continue };
        let Some(a) = (0..comma).rev().find(|&a| nominal(s, a) && extent(s, a).1 + 1 == comma && a != b) else {
            continue;
        };
        if head(s, b) == Some(a) || dominated(s, a, b) {
            continue;
        }
        s.tokens[b].head = (a + 1) as u32;
        s.tokens[b].deprel = DepRel::new(Rel::Conj);
        s.tokens[comma].head = (b + 1) as u32;
        s.tokens[comma].deprel = DepRel::new(Rel::Punct);
    }
}

/// Relabels as an apposition a nominal "conjunct" with no conjunction: "The US commander in
/// Iraq, General David Petraeus, held talks" names one person, not two. A list has its
/// conjunction ("Rohan, Bree and Gondor"); one noun phrase set off by a comma after another
/// and joined to it without one describes it.
pub fn appositions(s: &mut Sentence) {
    let n = s.tokens.len();
    let head = |s: &Sentence, i: usize| (s.tokens[i].head as usize).checked_sub(1).filter(|&h| h < n);
    // Conjuncts by head, counted in one pass: most sentences have none.
    let mut count = vec![0u8; n];
    for c in 0..n {
        if let (Rel::Conj, Some(h)) = (s.tokens[c].deprel.rel, head(s, c)) {
            count[h] = count[h].saturating_add(1);
        }
    }
    for c in 0..n {
        let Some(h) = head(s, c).filter(|&h| count[h] == 1 && s.tokens[c].deprel.rel == Rel::Conj) else {
            continue;
        };
        if !nominal(s, h) {
            continue;
        }
        let joined =
            (0..n).any(|k| matches!(head(s, k), Some(x) if x == c || x == h) && s.tokens[k].deprel.rel == Rel::Cc);
        // The comma may hang from the conjunct or from its head.
        let mut start = extent(s, c).0;
        while start < c && s.tokens[start].upos == Upos::Punct {
            start += 1;
        }
        let comma = start > h + 1 && s.tokens[start - 1].form == ",";
        if !nominal(s, c) || joined || !comma {
            continue;
        }
        s.tokens[c].deprel = DepRel::new(Rel::Appos);
    }
}

/// Days and months: a phrase they head tells when, not which.
const TIMES: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Re-attaches a time between a subject and its verb to the verb: "Israel on Wednesday
/// released" is released on Wednesday, not a Wednesday Israel.
pub fn times(s: &mut Sentence) {
    let n = s.tokens.len();
    for t in 0..n {
        let Some(h) = (s.tokens[t].head as usize).checked_sub(1) else { continue };
        if h >= t || !nominal(s, h) || s.tokens[h].deprel.rel != Rel::Nsubj {
            continue;
        }
        if !TIMES.iter().any(|w| s.tokens[t].form.eq_ignore_ascii_case(w)) {
            continue;
        }
        let Some(v) = (s.tokens[h].head as usize).checked_sub(1) else { continue };
        if v > t && s.tokens[v].upos == Upos::Verb && extent(s, t).1 < v {
            s.tokens[t].head = (v + 1) as u32;
            let cased = (0..t).any(|k| s.tokens[k].head as usize == t + 1 && s.tokens[k].deprel.rel == Rel::Case);
            s.tokens[t].deprel = if cased { DepRel::new(Rel::Obl) } else { DepRel::with_sub(Rel::Obl, "tmod") };
        }
    }
}

fn is_subject(rel: &DepRel) -> bool {
    rel.rel == Rel::Nsubj
}

fn nominal(s: &Sentence, i: usize) -> bool {
    matches!(s.tokens[i].upos, Upos::Propn | Upos::Noun)
}

/// First and last token of `i`'s subtree (0-based).
fn extent(s: &Sentence, i: usize) -> (usize, usize) {
    let (mut lo, mut hi) = (i, i);
    for k in 0..s.tokens.len() {
        if dominated(s, k, i) {
            lo = lo.min(k);
            hi = hi.max(k);
        }
    }
    (lo, hi)
}

/// Whether token `k` lies under token `i` (both 0-based).
fn dominated(s: &Sentence, mut k: usize, i: usize) -> bool {
    for _ in 0..=s.tokens.len() {
        if k == i {
            return true;
        }
        match s.tokens[k].head as usize {
            0 => return false,
            h => k = h - 1,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Token lines `form UPOS head deprel`.
    fn sentence(lines: &str) -> Sentence {
        let text: String = lines
            .lines()
            .enumerate()
            .map(|(i, l)| {
                let c: Vec<&str> = l.split_whitespace().collect();
                format!("{}\t{}\t_\t{}\t_\t_\t{}\t{}\t_\t_\n", i + 1, c[0], c[1], c[2], c[3])
            })
            .collect();
        crate::conllu::read(&text).remove(0).unwrap()
    }

    fn heads(s: &Sentence) -> Vec<(u32, &str)> {
        s.tokens.iter().map(|t| (t.head, t.deprel.rel.as_str())).collect()
    }

    /// A tag set of (UPOS, XPOS) classes, numbered in order.
    fn tagset(classes: &[(Upos, &str)]) -> TagClasses {
        TagClasses::new(classes.iter().map(|&(u, x)| (u, x.to_string())).collect())
    }

    #[test]
    fn a_participle_before_an_object_in_a_sentence_without_a_finite_verb_is_a_past_tense() {
        let tagset = tagset(&[(Upos::Noun, "NNS"), (Upos::Verb, "VBN"), (Upos::Verb, "VBD"), (Upos::Adp, "IN")]);
        // police/NNS detained/VBN dozens/NNS
        let mut tags = vec![0, 1, 0];
        finite_verb(&mut tags, &tagset, &["police", "detained", "dozens"]);
        assert_eq!(tags, vec![0, 2, 0]);
        // Followed by a preposition (a headline passive): kept.
        let mut headline = vec![0, 1, 3, 0];
        finite_verb(&mut headline, &tagset, &["five", "killed", "in", "blast"]);
        assert_eq!(headline, vec![0, 1, 3, 0]);
        // A sentence that has its finite verb already: kept.
        let mut finite = vec![0, 2, 0, 1, 0];
        finite_verb(&mut finite, &tagset, &["police", "detained", "men", "armed", "protesters"]);
        assert_eq!(finite, vec![0, 2, 0, 1, 0]);
        // Each clause is judged on its own: "Iran fired missiles before Israel struck bases".
        let mut two = vec![0, 1, 0, 3, 0, 2, 0];
        finite_verb(&mut two, &tagset, &["Iran", "fired", "missiles", "before", "Israel", "struck", "bases"]);
        assert_eq!(two, vec![0, 2, 0, 3, 0, 2, 0]);
    }

    #[test]
    fn a_sentence_without_a_finite_verb_has_its_participle_for_a_past_tense() {
        let tagset = tagset(&[
            (Upos::Noun, "NNS"),
            (Upos::Verb, "VBN"),
            (Upos::Verb, "VBD"),
            (Upos::Adp, "IN"),
            (Upos::Punct, "."),
        ]);
        // Thousands/NNS of/IN Turks/NNS demonstrated/VBN across/IN borders/NNS ./.
        let mut tags = vec![0, 3, 0, 1, 3, 0, 4];
        finite_verb(&mut tags, &tagset, &["Thousands", "of", "Turks", "demonstrated", "across", "borders", "."]);
        assert_eq!(tags, vec![0, 3, 0, 2, 3, 0, 4]);
        // A headline, without its full stop, may be a passive: kept.
        let mut headline = vec![0, 1, 3, 0];
        finite_verb(&mut headline, &tagset, &["dozens", "killed", "in", "blasts"]);
        assert_eq!(headline, vec![0, 1, 3, 0]);
        // So is a form that is only a participle.
        let mut taken = vec![0, 1, 3, 0, 4];
        finite_verb(&mut taken, &tagset, &["hostages", "taken", "in", "raids", "."]);
        assert_eq!(taken, vec![0, 1, 3, 0, 4]);
    }

    #[test]
    fn a_word_a_marker_introduces_as_a_verb_before_its_object_is_one() {
        let tagset = tagset(&[
            (Upos::Pron, "PRP"),
            (Upos::Aux, "MD"),
            (Upos::Adj, "JJ"),
            (Upos::Det, "DT"),
            (Upos::Noun, "NNS"),
            (Upos::Verb, "VB"),
            (Upos::Adv, "RB"),
            (Upos::Num, "CD"),
            (Upos::Noun, "NN"),
            (Upos::Part, "TO"),
            (Upos::Verb, "VBZ"),
            (Upos::Verb, "VBP"),
            (Upos::Verb, "VBN"),
            (Upos::Pron, "WDT"),
        ]);
        // it/PRP would/MD free/JJ the/DT prisoners/NNS
        let mut tags = vec![0, 1, 2, 3, 4];
        finite_verb(&mut tags, &tagset, &["it", "would", "free", "the", "prisoners"]);
        assert_eq!(tags, vec![0, 1, 5, 3, 4]);
        // would/MD not/RB free/JJ over/RB 150/CD prisoners/NNS
        let mut not = vec![0, 1, 6, 2, 6, 7, 4];
        finite_verb(&mut not, &tagset, &["it", "would", "not", "free", "over", "150", "prisoners"]);
        assert_eq!(not[3], 5);
        // "it will be free": no modal right before the adjective.
        let mut be = vec![0, 1, 5, 2];
        finite_verb(&mut be, &tagset, &["it", "will", "be", "free"]);
        assert_eq!(be, vec![0, 1, 5, 2]);
        // it/PRP pledged/VBN to/TO expel/NN exiled/JJ leaders/NNS
        let mut to = vec![0, 12, 9, 8, 2, 4];
        finite_verb(&mut to, &tagset, &["it", "pledged", "to", "expel", "exiled", "leaders"]);
        assert_eq!(to[3], 5);
        // "pledged to peace talks": the noun after "to" heads a phrase of its own.
        let mut peace = vec![0, 12, 9, 8, 4];
        finite_verb(&mut peace, &tagset, &["it", "pledged", "to", "peace", "talks"]);
        assert_eq!(peace[3], 8);
        // group/NN that/WDT tracks/NNS the/DT war/NN
        let mut rel = vec![8, 13, 4, 3, 8];
        finite_verb(&mut rel, &tagset, &["group", "that", "tracks", "the", "war"]);
        assert_eq!(rel[2], 10);
    }

    #[test]
    fn a_participle_coordinated_with_a_past_tense_is_one() {
        let tagset = tagset(&[
            (Upos::Noun, "NNS"),
            (Upos::Verb, "VBN"),
            (Upos::Verb, "VBD"),
            (Upos::Cconj, "CC"),
            (Upos::Aux, "VBP"),
        ]);
        // armies/NNS massed/VBD troops/NNS and/CC called/VBN reservists/NNS
        let mut tags = vec![0, 2, 0, 3, 1, 0];
        finite_verb(&mut tags, &tagset, &["armies", "massed", "troops", "and", "called", "reservists"]);
        assert_eq!(tags, vec![0, 2, 0, 3, 2, 0]);
        // After a participle ("have massed troops and called reservists") it stays one.
        let mut perfect = vec![0, 4, 1, 0, 3, 1, 0];
        finite_verb(&mut perfect, &tagset, &["armies", "have", "massed", "troops", "and", "called", "reservists"]);
        assert_eq!(perfect, vec![0, 4, 1, 0, 3, 1, 0]);
    }

    #[test]
    fn an_irregular_past_taken_for_a_noun_before_an_object_is_a_past_tense() {
        let tagset = tagset(&[
            (Upos::Noun, "NN"),
            (Upos::Verb, "VBN"),
            (Upos::Verb, "VBD"),
            (Upos::Det, "DT"),
            (Upos::Adj, "JJ"),
        ]);
        // court/NN upheld/NN a/DT ban/NN
        let mut tags = vec![0, 0, 3, 0];
        finite_verb(&mut tags, &tagset, &["court", "upheld", "a", "ban"]);
        assert_eq!(tags, vec![0, 2, 3, 0]);
        // A noun that is no verb form stays a noun: "the court ruling a ..." is left alone.
        let mut noun = vec![0, 0, 3, 0];
        finite_verb(&mut noun, &tagset, &["court", "ruling", "a", "ban"]);
        assert_eq!(noun, vec![0, 0, 3, 0]);
        // So does an irregular past in a clause that has its finite verb.
        let mut finite = vec![0, 2, 0, 0, 3, 0];
        finite_verb(&mut finite, &tagset, &["judges", "said", "court", "upheld", "a", "ban"]);
        assert_eq!(finite, vec![0, 2, 0, 0, 3, 0]);
    }

    /// Token lines `form UPOS head deprel lemma`.
    fn with_lemmas(lines: &str) -> Sentence {
        let mut s = sentence(&lines.lines().map(|l| l.rsplit_once(' ').unwrap().0).collect::<Vec<_>>().join("\n"));
        for (t, l) in s.tokens.iter_mut().zip(lines.lines()) {
            t.lemma = l.rsplit_once(' ').unwrap().1.to_string();
        }
        s
    }

    #[test]
    fn a_closing_attribution_is_a_parataxis_of_the_main_clause() {
        // The main verb parsed as a complement of "said".
        let mut s = with_lemmas(
            "Rohan PROPN 2 nsubj rohan\nshelled VERB 7 ccomp shell\nGondor PROPN 2 obj gondor\n, PUNCT 7 punct ,\nthe DET 6 det the\narmy NOUN 7 nsubj army\nsaid VERB 0 root say\n. PUNCT 7 punct .",
        );
        attribution(&mut s);
        let h: Vec<(u32, &str)> = heads(&s);
        assert_eq!(h[1], (0, "root"));
        assert_eq!(h[6], (2, "parataxis"));
        assert_eq!(h[5], (7, "nsubj"));
        assert_eq!(h[7], (2, "punct"));
        // A sentence whose last verb is not a report is left alone.
        let mut t = with_lemmas(
            "Rohan PROPN 2 nsubj rohan\nshelled VERB 0 root shell\nGondor PROPN 2 obj gondor\n, PUNCT 6 punct ,\nthen ADV 6 advmod then\nwithdrew VERB 2 conj withdraw\n. PUNCT 2 punct .",
        );
        let before: Vec<(u32, String)> = heads(&t).iter().map(|(h, r)| (*h, r.to_string())).collect();
        attribution(&mut t);
        assert_eq!(heads(&t).iter().map(|(h, r)| (*h, r.to_string())).collect::<Vec<_>>(), before);
    }

    #[test]
    fn an_attribution_before_a_closing_participle_clause_is_a_parataxis() {
        // "Rohan shelled Gondor, the army said Monday, expanding its campaign", with the main
        // verb a complement of "said".
        let mut s = with_lemmas(
            "Rohan PROPN 2 nsubj rohan\nshelled VERB 7 ccomp shell\nGondor PROPN 2 obj gondor\n, PUNCT 7 punct ,\nthe DET 6 det the\narmy NOUN 7 nsubj army\nsaid VERB 0 root say\nMonday PROPN 7 obl monday\n, PUNCT 10 punct ,\nexpanding VERB 7 advcl expand\nits PRON 12 nmod:poss its\ncampaign NOUN 10 obj campaign\n. PUNCT 7 punct .",
        );
        s.tokens[9].xpos = "VBG".into();
        attribution(&mut s);
        let h = heads(&s);
        assert_eq!(h[1], (0, "root"));
        assert_eq!(h[6], (2, "parataxis"));
        assert_eq!(h[7], (7, "obl"));
        assert_eq!(h[9], (2, "advcl"));
        assert_eq!(h[12], (2, "punct"));
    }

    #[test]
    fn a_passive_subject_without_a_passive_is_a_subject() {
        let mut s =
            with_lemmas("it PRON 4 nsubj:pass it\nshould AUX 4 aux should\nhave AUX 4 aux have\nacted VERB 0 root act");
        s.tokens[3].xpos = "VBN".into();
        passive_subjects(&mut s);
        assert_eq!(heads(&s)[0], (4, "nsubj"));
        assert_eq!(s.tokens[0].deprel.sub, None);
        // With its passive auxiliary it stays passive.
        let mut p = with_lemmas("it PRON 3 nsubj:pass it\nwas AUX 3 aux:pass be\nsigned VERB 0 root sign");
        p.tokens[2].xpos = "VBN".into();
        passive_subjects(&mut p);
        assert_eq!(p.tokens[0].deprel.sub.as_deref(), Some("pass"));
    }

    #[test]
    fn an_adjacent_extra_subject_is_part_of_the_next_one() {
        let mut s = sentence("Bree PROPN 5 nsubj\nPrime PROPN 3 compound\nMinister PROPN 4 compound\nFaramir PROPN 5 nsubj\nspoke VERB 0 root");
        subjects(&mut s);
        assert_eq!(heads(&s)[0], (4, "compound"));
        assert_eq!(heads(&s)[3], (5, "nsubj"));
    }

    #[test]
    fn subjects_separated_by_a_comma_or_conjunction_form_a_list() {
        let mut s = sentence("Mordor PROPN 6 nsubj\n, PUNCT 3 punct\nRohan PROPN 6 nsubj\nand CCONJ 5 cc\nBree PROPN 3 conj\nmet VERB 0 root");
        subjects(&mut s);
        assert_eq!(heads(&s)[2], (1, "conj"));
        assert_eq!(heads(&s)[0], (6, "nsubj"));
        // A subject of another verb, or one across other words, is left alone.
        let mut t = sentence("Rohan PROPN 2 nsubj\nsaid VERB 0 root\nGondor PROPN 4 nsubj\nwon VERB 2 ccomp");
        let before = heads(&t).iter().map(|(h, r)| (*h, r.to_string())).collect::<Vec<_>>();
        subjects(&mut t);
        assert_eq!(heads(&t).iter().map(|(h, r)| (*h, r.to_string())).collect::<Vec<_>>(), before);
    }

    #[test]
    fn an_of_phrase_on_a_verb_after_its_object_belongs_to_the_object() {
        let mut s = sentence(
            "Arnor PROPN 2 nsubj\nfreed VERB 0 root\nthe DET 4 det\nmayor NOUN 2 obj\nof ADP 6 case\nBree PROPN 2 obl",
        );
        of_phrases(&mut s);
        assert_eq!(heads(&s)[5], (4, "nmod"));
        // A name as object keeps the verb's "of": "accused Gondor of treason".
        let mut s =
            sentence("Arnor PROPN 2 nsubj\naccused VERB 0 root\nGondor PROPN 2 obj\nof ADP 5 case\ntreason NOUN 2 obl");
        of_phrases(&mut s);
        assert_eq!(heads(&s)[4], (2, "obl"));
    }

    #[test]
    fn a_time_between_a_subject_and_its_verb_belongs_to_the_verb() {
        let mut s =
            sentence("Arnor PROPN 4 nsubj\non ADP 3 case\nMonday PROPN 1 nmod\nfreed VERB 0 root\nBree PROPN 4 obj");
        times(&mut s);
        assert_eq!(heads(&s)[2], (4, "obl"));
        // A time after the verb is left where the parser put it.
        let mut s =
            sentence("Arnor PROPN 2 nsubj\nfreed VERB 0 root\nBree PROPN 2 obj\non ADP 5 case\nMonday PROPN 3 nmod");
        times(&mut s);
        assert_eq!(heads(&s)[4], (3, "nmod"));
    }

    #[test]
    fn a_participle_between_a_subject_and_its_verb_is_a_reduced_relative() {
        // "A letter sent Monday from Bree warned that ...": "sent" modifies "letter".
        let mut s = sentence(
            "A DET 2 det\nletter NOUN 3 nsubj\nsent VERB 0 root\nMonday PROPN 3 obj\nfrom ADP 6 case\nBree PROPN 3 obl\nwarned VERB 3 conj\nthat SCONJ 10 mark\nGondor PROPN 10 nsubj\narmed VERB 7 ccomp\n. PUNCT 3 punct",
        );
        s.tokens[2].xpos = "VBD".into();
        s.tokens[6].xpos = "VBD".into();
        reduced_relatives(&mut s);
        let h = heads(&s);
        assert_eq!(h[6], (0, "root"));
        assert_eq!(h[1], (7, "nsubj"));
        assert_eq!(h[2], (2, "acl"));
        assert_eq!(h[3], (3, "obl"));
        assert_eq!(h[5], (3, "obl"));
        assert_eq!(h[10], (7, "punct"));
        // Joined by a conjunction, the two verbs are a coordination: left alone.
        let mut c = sentence(
            "The DET 2 det\nenvoy NOUN 3 nsubj\narrived VERB 0 root\nand CCONJ 5 cc\nwarned VERB 3 conj\nGondor PROPN 5 obj",
        );
        c.tokens[2].xpos = "VBD".into();
        c.tokens[4].xpos = "VBD".into();
        let before = heads(&c).iter().map(|(h, r)| (*h, r.to_string())).collect::<Vec<_>>();
        reduced_relatives(&mut c);
        assert_eq!(heads(&c).iter().map(|(h, r)| (*h, r.to_string())).collect::<Vec<_>>(), before);
        // A first verb with an object of its own is a predicate: left alone.
        let mut o = sentence(
            "The DET 2 det\nenvoy NOUN 3 nsubj\nthanked VERB 0 root\nGondor PROPN 3 obj\nwarned VERB 3 parataxis\nRohan PROPN 5 obj",
        );
        o.tokens[2].xpos = "VBD".into();
        o.tokens[4].xpos = "VBD".into();
        reduced_relatives(&mut o);
        assert_eq!(heads(&o)[2], (0, "root"));
    }

    #[test]
    fn a_finite_verb_hung_on_a_nominal_root_is_the_predicate() {
        // "Gondorian Steward Faramir sent a message." with the adjective as the root.
        let mut s = sentence(
            "Gondorian ADJ 0 root\nSteward PROPN 4 nsubj\nFaramir PROPN 2 flat\nsent VERB 1 ccomp\nmessage NOUN 4 obj\n. PUNCT 1 punct",
        );
        s.tokens[3].xpos = "VBD".into();
        predicate_roots(&mut s);
        let h = heads(&s);
        assert_eq!(h[3], (0, "root"));
        assert_eq!(h[1], (4, "nsubj"));
        assert_eq!(h[0], (2, "amod"));
        assert_eq!(h[5], (4, "punct"));
        // "Rohan fired rockets ." with the verb a participle modifying the name.
        let mut p = sentence("Rohan PROPN 0 root\nfired VERB 1 amod\nrockets NOUN 2 obj\n. PUNCT 1 punct");
        p.tokens[1].xpos = "VBN".into();
        predicate_roots(&mut p);
        assert_eq!(heads(&p), [(2, "nsubj"), (0, "root"), (2, "obj"), (2, "punct")]);
        assert_eq!(p.tokens[1].xpos, "VBD");
        // A clause of its own after a comma is left alone: "Good deal , Rohan signed it ."
        let mut c = sentence("deal NOUN 0 root\n, PUNCT 4 punct\nRohan PROPN 4 nsubj\nsigned VERB 1 parataxis\nit PRON 4 obj\n. PUNCT 1 punct");
        c.tokens[3].xpos = "VBD".into();
        predicate_roots(&mut c);
        assert_eq!(heads(&c)[0], (0, "root"));
        // A relative clause of a fragment is left alone: "The deal that Rohan signed."
        let mut r = sentence(
            "deal NOUN 0 root\nthat PRON 4 obj\nRohan PROPN 4 nsubj\nsigned VERB 1 acl:relcl\n. PUNCT 1 punct",
        );
        r.tokens[3].xpos = "VBD".into();
        r.tokens[1].xpos = "WDT".into();
        predicate_roots(&mut r);
        assert_eq!(heads(&r)[0], (0, "root"));
    }

    #[test]
    fn a_sentence_parsed_as_a_noun_phrase_has_its_participle_for_predicate() {
        // "Police in Bree fired shots." with "Police" the root and "fired" a reduced relative.
        let mut s = sentence(
            "Police NOUN 0 root\nin ADP 3 case\nBree PROPN 1 nmod\nfired VERB 3 acl\nshots NOUN 4 obj\nacross ADP 7 case\ntown NOUN 4 obl:agent\n. PUNCT 1 punct",
        );
        s.tokens[3].xpos = "VBN".into();
        nominal_roots(&mut s);
        assert_eq!(
            heads(&s),
            [(4, "nsubj"), (3, "case"), (1, "nmod"), (0, "root"), (4, "obj"), (7, "case"), (4, "obl"), (4, "punct")]
        );
        assert_eq!(s.tokens[3].xpos, "VBD");
        // A headline (no full stop) may be a noun phrase: left alone.
        let mut h = sentence("Police NOUN 0 root\nin ADP 3 case\nBree PROPN 1 nmod\nfired VERB 3 acl");
        h.tokens[3].xpos = "VBN".into();
        nominal_roots(&mut h);
        assert_eq!(heads(&h)[0], (0, "root"));
    }

    #[test]
    fn the_middle_of_a_list_hung_elsewhere_rejoins_it() {
        // "forced on Qatar by Rohan , the Shire and others" with "Shire" an oblique of "forced".
        let mut s = sentence(
            "forced VERB 0 root\non ADP 3 case\nQatar PROPN 1 obl\nby ADP 5 case\nRohan PROPN 3 nmod\n, PUNCT 8 punct\nthe DET 8 det\nShire PROPN 1 obl\nand CCONJ 10 cc\nothers NOUN 8 conj",
        );
        list_continuations(&mut s);
        let h = heads(&s);
        assert_eq!(h[7], (5, "conj"));
        assert_eq!(h[5], (8, "punct"));
        assert_eq!(h[9], (8, "conj"));
        // Without the conjunction that ends a list, an oblique after a comma stays.
        let mut t = sentence(
            "forced VERB 0 root\non ADP 3 case\nQatar PROPN 1 obl\nby ADP 5 case\nRohan PROPN 3 nmod\n, PUNCT 7 punct\nyesterday NOUN 1 obl",
        );
        list_continuations(&mut t);
        assert_eq!(heads(&t)[6], (1, "obl"));
    }

    #[test]
    fn a_conjunct_without_a_conjunction_is_an_apposition() {
        // "The commander, General Elessar, held talks": one person.
        let mut s = sentence(
            "The DET 2 det\ncommander NOUN 7 nsubj\n, PUNCT 5 punct\nGeneral PROPN 5 compound\nElessar PROPN 2 conj\n, PUNCT 2 punct\nheld VERB 0 root",
        );
        appositions(&mut s);
        assert_eq!(heads(&s)[4], (2, "appos"));
        // With its conjunction it is a list.
        let mut l =
            sentence("Rohan PROPN 5 nsubj\n, PUNCT 4 punct\nand CCONJ 4 cc\nBree PROPN 1 conj\nmet VERB 0 root");
        appositions(&mut l);
        assert_eq!(heads(&l)[3], (1, "conj"));
        // So is a run of three or more.
        let mut r = sentence(
            "Rohan PROPN 6 nsubj\n, PUNCT 3 punct\nBree PROPN 1 conj\n, PUNCT 5 punct\nGondor PROPN 1 conj\nmet VERB 0 root",
        );
        appositions(&mut r);
        assert_eq!((heads(&r)[2], heads(&r)[4]), ((1, "conj"), (1, "conj")));
    }

    #[test]
    fn a_participle_with_modifiers_before_the_verb_is_a_reduced_relative() {
        // "The civilians imprisoned for acting against Bree were released by Arnor", with the
        // verb parsed as a clausal subject of "imprisoned".
        let mut s = sentence(
            "The DET 2 det\ncivilians NOUN 3 nsubj\nimprisoned VERB 0 root\nfor SCONJ 5 mark\nacting VERB 3 advcl\nagainst ADP 7 case\nBree PROPN 5 obl\nwere AUX 9 aux:pass\nreleased VERB 3 csubj:pass\nby ADP 11 case\nArnor PROPN 9 obl",
        );
        s.tokens[2].xpos = "VBN".into();
        s.tokens[7].xpos = "VBD".into();
        s.tokens[8].xpos = "VBN".into();
        reduced_relatives(&mut s);
        let h = heads(&s);
        assert_eq!(h[8], (0, "root"));
        assert_eq!(h[1], (9, "nsubj"));
        assert_eq!(s.tokens[1].deprel.sub.as_deref(), Some("pass"));
        assert_eq!(h[2], (2, "acl"));
        assert_eq!(h[4], (3, "advcl"));
    }

    #[test]
    fn a_subordinator_taken_for_a_preposition_introduces_its_clause() {
        // "came as the leader prepared": "as" heads no noun phrase here.
        let mut s = sentence(
            "Talks NOUN 2 nsubj\nresumed VERB 0 root\nas ADP 5 case\nthe DET 5 det\nleader NOUN 2 obl\nprepared VERB 2 parataxis",
        );
        s.tokens[5].xpos = "VBD".into();
        subordinate_clauses(&mut s);
        assert_eq!(heads(&s), [(2, "nsubj"), (0, "root"), (6, "mark"), (5, "det"), (6, "nsubj"), (2, "advcl")]);
        assert_eq!(s.tokens[2].upos, Upos::Sconj);
        // A verb with a subject of its own leaves the phrase alone: "resumed after the war Iran said".
        let mut s = sentence(
            "Talks NOUN 2 nsubj\nresumed VERB 0 root\nafter ADP 4 case\nwar NOUN 2 obl\nsaid VERB 2 parataxis\nIran PROPN 5 nsubj",
        );
        s.tokens[4].xpos = "VBD".into();
        subordinate_clauses(&mut s);
        assert_eq!(heads(&s)[3], (2, "obl"));
    }
}
