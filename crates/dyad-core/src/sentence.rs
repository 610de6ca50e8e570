//! Sentences and their tokens, from segmentation through to a Universal Dependencies parse.
//!
//! One type serves every source of analyses: dyad's own tagger and parser, a CoNLL-U file from
//! another parser, or a Penn Treebank tree converted with head rules. The coder only ever sees
//! this type.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

/// A sentence of a document, with byte offsets into the document's text.
#[derive(Clone, Debug, Default)]
pub struct Sentence {
    /// Position among the document's sentences, from 0.
    pub index: usize,
    /// Byte range of the sentence in the document text.
    pub span: Range<usize>,
    /// The sentence text (equal to `doc_text[span]`).
    pub text: String,
    /// Tokens in order; `head` fields index into this vector plus one (0 is the root).
    pub tokens: Vec<Token>,
    /// Where the sentence's analyses came from.
    pub analysis: Analysis,
}

/// Which stage filled the sentence's tags and dependencies.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Analysis {
    /// Only segmented and tokenized.
    #[default]
    Tokens,
    /// Parsed by dyad's own model.
    Predicted,
    /// Given by the input (CoNLL-U or Penn Treebank).
    Given,
}

impl Sentence {
    /// The token's dependents, in order.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let head = i as u32 + 1;
        self.tokens.iter().enumerate().filter(move |(_, t)| t.head == head).map(|(j, _)| j)
    }

    /// The token's head as an index into `tokens`, or `None` for the root.
    pub fn head_of(&self, i: usize) -> Option<usize> {
        match self.tokens.get(i)?.head {
            0 => None,
            h => Some(h as usize - 1),
        }
    }

    /// Index of the root token, if the sentence is parsed.
    pub fn root(&self) -> Option<usize> {
        self.tokens.iter().position(|t| t.head == 0 && t.deprel.rel == Rel::Root)
    }

    /// Byte range of the token in the sentence text.
    pub fn token_range(&self, i: usize) -> Range<usize> {
        let t = &self.tokens[i];
        t.start as usize - self.span.start..t.end as usize - self.span.start
    }
}

/// One token with its analyses. Fields the parse stage has not filled are empty/`X`/`Dep`.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub form: String,
    /// Byte offsets of the token in the document text.
    pub start: u32,
    pub end: u32,
    /// Whether whitespace follows the token in the text.
    pub space_after: bool,
    pub lemma: String,
    pub upos: Upos,
    /// Penn Treebank tag.
    pub xpos: String,
    /// Morphological features in CoNLL-U form (`Number=Sing|Voice=Pass`), sorted by name.
    pub feats: String,
    /// 1-based index of the head token; 0 for the root.
    pub head: u32,
    pub deprel: DepRel,
}

impl Token {
    /// A token straight from the tokenizer, before any analysis.
    pub fn new(form: impl Into<String>, start: usize, end: usize) -> Self {
        Token {
            form: form.into(),
            start: start as u32,
            end: end as u32,
            space_after: true,
            lemma: String::new(),
            upos: Upos::X,
            xpos: String::new(),
            feats: String::new(),
            head: 0,
            deprel: DepRel::new(Rel::Dep),
        }
    }

    /// The value of one morphological feature (`feat("Voice") == Some("Pass")`).
    pub fn feat(&self, name: &str) -> Option<&str> {
        self.feats.split('|').find_map(|kv| {
            let (k, v) = kv.split_once('=')?;
            (k == name).then_some(v)
        })
    }
}

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

string_enum! {
    /// Universal part-of-speech tags.
    Upos {
        Adj = "ADJ", Adp = "ADP", Adv = "ADV", Aux = "AUX", Cconj = "CCONJ", Det = "DET",
        Intj = "INTJ", Noun = "NOUN", Num = "NUM", Part = "PART", Pron = "PRON",
        Propn = "PROPN", Punct = "PUNCT", Sconj = "SCONJ", Sym = "SYM", Verb = "VERB", X = "X",
    }
}

impl Upos {
    /// Reads a UPOS tag, accepting UD v1's `CONJ` for `CCONJ`.
    pub fn parse(s: &str) -> Option<Upos> {
        if s == "CONJ" {
            return Some(Upos::Cconj);
        }
        Upos::ALL.iter().copied().find(|u| u.as_str() == s)
    }

    pub fn is_nominal(self) -> bool {
        matches!(self, Upos::Noun | Upos::Propn | Upos::Pron | Upos::Num)
    }
}

string_enum! {
    /// Universal Dependencies v2 relation types, without subtypes.
    Rel {
        Acl = "acl", Advcl = "advcl", Advmod = "advmod", Amod = "amod", Appos = "appos",
        Aux = "aux", Case = "case", Cc = "cc", Ccomp = "ccomp", Clf = "clf",
        Compound = "compound", Conj = "conj", Cop = "cop", Csubj = "csubj", Dep = "dep",
        Det = "det", Discourse = "discourse", Dislocated = "dislocated", Expl = "expl",
        Fixed = "fixed", Flat = "flat", Goeswith = "goeswith", Iobj = "iobj", List = "list",
        Mark = "mark", Nmod = "nmod", Nsubj = "nsubj", Nummod = "nummod", Obj = "obj",
        Obl = "obl", Orphan = "orphan", Parataxis = "parataxis", Punct = "punct",
        Reparandum = "reparandum", Root = "root", Vocative = "vocative", Xcomp = "xcomp",
    }
}

/// A dependency relation with its optional subtype (`nsubj:pass`, `acl:relcl`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DepRel {
    pub rel: Rel,
    pub sub: Option<Cow<'static, str>>,
}

/// Subtypes common enough to share a static string instead of allocating.
const KNOWN_SUBTYPES: &[&str] = &[
    "pass", "poss", "relcl", "prt", "agent", "tmod", "npmod", "unmarked", "desc", "outer", "predet", "preconj",
    "foreign", "neg", "acl",
];

impl DepRel {
    pub const fn new(rel: Rel) -> Self {
        DepRel { rel, sub: None }
    }

    pub fn with_sub(rel: Rel, sub: &str) -> Self {
        let sub = match KNOWN_SUBTYPES.iter().find(|k| **k == sub) {
            Some(k) => Cow::Borrowed(*k),
            None => Cow::Owned(sub.to_string()),
        };
        DepRel { rel, sub: Some(sub) }
    }

    /// Reads a relation label, renaming UD v1 relations to their v2 names where the rename
    /// does not depend on the tree (`dobj`, `nsubjpass`, `auxpass`, `name`, `mwe`, `neg`).
    /// v1 `nmod` on a predicate becomes `obl` only with the tree in view; see the CoNLL-U reader.
    pub fn parse(label: &str) -> Option<DepRel> {
        let (base, sub) = match label.split_once(':') {
            Some((b, s)) => (b, Some(s)),
            None => (label, None),
        };
        let renamed = match base {
            "dobj" => Some((Rel::Obj, None)),
            "nsubjpass" => Some((Rel::Nsubj, Some("pass"))),
            "csubjpass" => Some((Rel::Csubj, Some("pass"))),
            "auxpass" => Some((Rel::Aux, Some("pass"))),
            "name" => Some((Rel::Flat, None)),
            "mwe" => Some((Rel::Fixed, None)),
            "neg" => Some((Rel::Advmod, Some("neg"))),
            "remnant" => Some((Rel::Orphan, None)),
            _ => None,
        };
        if let Some((rel, s)) = renamed {
            return Some(match sub.or(s) {
                Some(s) => DepRel::with_sub(rel, s),
                None => DepRel::new(rel),
            });
        }
        let rel = Rel::ALL.iter().copied().find(|r| r.as_str() == base)?;
        Some(match sub {
            Some(s) if !s.is_empty() => DepRel::with_sub(rel, s),
            _ => DepRel::new(rel),
        })
    }

    pub fn is(&self, rel: Rel, sub: &str) -> bool {
        self.rel == rel && self.sub.as_deref() == Some(sub)
    }
}

impl fmt::Display for DepRel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.sub {
            Some(s) => write!(f, "{}:{}", self.rel, s),
            None => f.write_str(self.rel.as_str()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v1_relations_are_renamed() {
        assert_eq!(DepRel::parse("dobj").unwrap().to_string(), "obj");
        assert_eq!(DepRel::parse("nsubjpass").unwrap().to_string(), "nsubj:pass");
        assert_eq!(DepRel::parse("nmod:poss").unwrap().to_string(), "nmod:poss");
        assert_eq!(DepRel::parse("acl:relcl").unwrap().sub.as_deref(), Some("relcl"));
        assert_eq!(DepRel::parse("flat:name").unwrap().to_string(), "flat:name");
        assert!(DepRel::parse("nonsense").is_none());
    }

    #[test]
    fn upos_reads_v1_conj() {
        assert_eq!(Upos::parse("CONJ"), Some(Upos::Cconj));
        assert_eq!(Upos::parse("PROPN"), Some(Upos::Propn));
        assert_eq!(Upos::parse("propn"), None);
    }

    #[test]
    fn feature_lookup() {
        let mut t = Token::new("met", 0, 3);
        t.feats = "Tense=Past|VerbForm=Part|Voice=Pass".into();
        assert_eq!(t.feat("Voice"), Some("Pass"));
        assert_eq!(t.feat("Mood"), None);
    }
}
