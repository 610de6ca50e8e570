//! Penn Treebank bracketed trees (as in PETRARCH `<Parse>`) to UD-style dependencies by head
//! rules.
//!
//! Heads follow UD's content-word choice: the main verb heads its auxiliaries, a predicate
//! noun or adjective heads its copula, a preposition's object heads the preposition (`case`),
//! the clause under a subordinator heads it (`mark`). Lemmas and features come from the
//! embedded model's lemmatizer; UPOS from the Penn tag (AUX for auxiliaries and copulas).

use dyad_core::sentence::Analysis;
use dyad_core::{DepRel, Rel, Sentence, Token, Upos};

/// A malformed tree, naming the byte position.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Penn Treebank tree at byte {pos}: {message}")]
pub struct PtbError {
    pub pos: usize,
    pub message: String,
}

fn err(pos: usize, m: impl Into<String>) -> PtbError {
    PtbError { pos, message: m.into() }
}

#[derive(Debug)]
struct Node {
    /// Category without function tags (`NP`), or the Penn tag of a leaf.
    cat: String,
    /// Function tags (`SBJ`, `TMP`).
    func: String,
    kids: Vec<usize>,
    /// Token index for preterminals.
    leaf: Option<usize>,
}

struct Tree {
    nodes: Vec<Node>,
    words: Vec<(String, String)>,
}

const MAX_DEPTH: usize = 400;

fn parse_tree(s: &str) -> Result<(Tree, usize), PtbError> {
    let b = s.as_bytes();
    let mut t = Tree { nodes: Vec::new(), words: Vec::new() };
    let mut i = 0;
    let skip_ws = |i: &mut usize| {
        while *i < b.len() && b[*i].is_ascii_whitespace() {
            *i += 1;
        }
    };
    let atom = |i: &mut usize| -> &str {
        let st = *i;
        while *i < b.len() && !b[*i].is_ascii_whitespace() && b[*i] != b'(' && b[*i] != b')' {
            *i += 1;
        }
        &s[st..*i]
    };
    skip_ws(&mut i);
    if i >= b.len() || b[i] != b'(' {
        return Err(err(i, "expected '('"));
    }
    // Stack of open nodes.
    let mut stack: Vec<usize> = Vec::new();
    let mut root = None;
    while i < b.len() {
        skip_ws(&mut i);
        if i >= b.len() {
            break;
        }
        match b[i] {
            b'(' => {
                i += 1;
                skip_ws(&mut i);
                let label = atom(&mut i).to_string();
                if stack.len() >= MAX_DEPTH {
                    return Err(err(i, "tree nested too deeply"));
                }
                let id = t.nodes.len();
                let (cat, func) = split_label(&label);
                t.nodes.push(Node { cat, func, kids: Vec::new(), leaf: None });
                if let Some(&p) = stack.last() {
                    t.nodes[p].kids.push(id);
                } else if root.is_some() {
                    return Err(err(i, "more than one tree"));
                } else {
                    root = Some(id);
                }
                stack.push(id);
            }
            b')' => {
                i += 1;
                if stack.pop().is_none() {
                    return Err(err(i - 1, "unbalanced ')'"));
                }
                if stack.is_empty() {
                    skip_ws(&mut i);
                    if i < b.len() {
                        return Err(err(i, "text after the tree"));
                    }
                    break;
                }
            }
            _ => {
                let st = i;
                let w = atom(&mut i).to_string();
                let Some(&p) = stack.last() else { return Err(err(st, "word outside brackets")) };
                let node = &mut t.nodes[p];
                if !node.kids.is_empty() || node.leaf.is_some() {
                    return Err(err(st, format!("word {w:?} is not under its own tag")));
                }
                if node.cat != "-NONE-" {
                    node.leaf = Some(t.words.len());
                    let tag = if node.cat.is_empty() { "X".to_string() } else { node.cat.clone() };
                    t.words.push((unescape(&w), tag));
                }
            }
        }
    }
    if !stack.is_empty() {
        return Err(err(b.len(), "unbalanced '(': tree not closed"));
    }
    let root = root.ok_or_else(|| err(0, "empty tree"))?;
    if t.words.is_empty() {
        return Err(err(0, "tree has no words"));
    }
    Ok((t, root))
}

fn split_label(l: &str) -> (String, String) {
    if l.starts_with('-') || l.len() <= 1 {
        return (l.to_string(), String::new());
    }
    let l = l.split('=').next().unwrap_or(l);
    // A function tag follows a '-' after the first character (`NP-SBJ`, `-NONE-` excepted above).
    match l.char_indices().skip(1).find(|&(_, c)| c == '-') {
        Some((k, _)) => (l[..k].to_string(), l[k + 1..].to_string()),
        None => (l.to_string(), String::new()),
    }
}

fn unescape(w: &str) -> String {
    match w {
        "-LRB-" => "(".into(),
        "-RRB-" => ")".into(),
        "-LCB-" => "{".into(),
        "-RCB-" => "}".into(),
        "-LSB-" => "[".into(),
        "-RSB-" => "]".into(),
        _ => w.replace("\\/", "/").replace("\\*", "*"),
    }
}

fn is_punct_tag(t: &str) -> bool {
    matches!(t, "." | "," | ":" | "``" | "''" | "-LRB-" | "-RRB-" | "HYPH" | "NFP" | "\"")
}

fn is_be(w: &str) -> bool {
    matches!(
        w.to_ascii_lowercase().as_str(),
        "be" | "is" | "was" | "are" | "were" | "been" | "being" | "am" | "'s" | "'re" | "'m" | "s"
    )
}

fn is_aux_word(w: &str) -> bool {
    is_be(w)
        || matches!(
            w.to_ascii_lowercase().as_str(),
            "have"
                | "has"
                | "had"
                | "having"
                | "'ve"
                | "'d"
                | "do"
                | "does"
                | "did"
                | "get"
                | "got"
                | "gets"
                | "getting"
                | "gotten"
        )
}

struct Conv<'a> {
    t: &'a Tree,
    heads: Vec<u32>,
    rels: Vec<DepRel>,
}

impl Conv<'_> {
    fn cat(&self, n: usize) -> &str {
        &self.t.nodes[n].cat
    }

    fn word(&self, tok: usize) -> &str {
        &self.t.words[tok].0
    }

    fn tag(&self, tok: usize) -> &str {
        &self.t.words[tok].1
    }

    /// Children that carry words (traces removed).
    fn kids(&self, n: usize) -> Vec<usize> {
        self.t.nodes[n].kids.iter().copied().filter(|&k| self.has_words(k)).collect()
    }

    fn has_words(&self, n: usize) -> bool {
        let mut stack = vec![n];
        while let Some(x) = stack.pop() {
            if self.t.nodes[x].leaf.is_some() {
                return true;
            }
            stack.extend(&self.t.nodes[x].kids);
        }
        false
    }

    /// Picks the head child of `n` among its word-bearing children.
    fn head_child(&self, n: usize, kids: &[usize]) -> usize {
        let cat = self.cat(n);
        let cats: Vec<&str> = kids.iter().map(|&k| self.cat(k)).collect();
        let find = |pred: &dyn Fn(&str) -> bool, from_right: bool| -> Option<usize> {
            let mut it: Vec<usize> = (0..kids.len()).collect();
            if from_right {
                it.reverse();
            }
            it.into_iter().find(|&i| pred(cats[i]))
        };
        let first_of = |list: &[&str]| -> Option<usize> { list.iter().find_map(|c| find(&|x| x == *c, false)) };
        let pick = match cat {
            "S" | "SQ" | "SINV" | "SBARQ" | "ROOT" | "TOP" | "" => {
                first_of(&["VP", "S", "SQ", "SINV", "SBAR", "ADJP", "NP", "UCP", "PP", "FRAG"])
            }
            "VP" => self.vp_head(kids, &cats),
            "NP" | "NX" | "NML" | "WHNP" | "NAC"
                if (1..kids.len()).any(|i| {
                    cats[i] == "CC" && i + 1 < kids.len() && phrase_kind(cats[i - 1]) == phrase_kind(cats[i + 1])
                }) =>
            {
                // Coordination: the first conjunct heads.
                let cc = (1..kids.len()).find(|&i| cats[i] == "CC").unwrap_or(1);
                (0..cc).find(|&i| phrase_kind(cats[i]) == phrase_kind(cats[cc + 1]))
            }
            "NP" | "NX" | "NML" | "WHNP" | "NAC" => {
                if let Some(i) = find(&|c| c == "NP" || c == "NML", false)
                    .filter(|_| cats.iter().all(|c| !c.starts_with("NN") && *c != "PRP" && *c != "CD" && *c != "POS"))
                {
                    Some(i)
                } else if cats.last() == Some(&"POS") {
                    // Possessive NP without a head noun phrase: the possessor.
                    find(&|c| c != "POS", true)
                } else {
                    // Rightmost nominal before any post-modifier (PP, SBAR, VP, S, ",").
                    let end = (0..kids.len())
                        .find(|&i| i > 0 && matches!(cats[i], "PP" | "SBAR" | "VP" | "S" | "," | ":" | "RRC" | "-LRB-"))
                        .unwrap_or(kids.len());
                    (0..end)
                        .rev()
                        .find(|&i| {
                            matches!(cats[i], "NN" | "NNS" | "NNP" | "NNPS" | "PRP" | "NX" | "NML" | "WP" | "EX" | "FW")
                        })
                        .or_else(|| {
                            (0..end).rev().find(|&i| {
                                matches!(
                                    cats[i],
                                    "CD" | "QP" | "NP" | "JJ" | "JJS" | "JJR" | "ADJP" | "DT" | "RB" | "$" | "VBG"
                                )
                            })
                        })
                }
            }
            "PP" | "WHPP" => {
                find(&|c| matches!(c, "NP" | "WHNP" | "S" | "SBAR" | "ADJP" | "ADVP" | "PP" | "SQ"), false)
                    .filter(|&i| i > 0)
            }
            "SBAR" => first_of(&["S", "SQ", "SINV", "SBAR", "FRAG", "VP", "NP"]),
            "ADJP" | "WHADJP" => find(&|c| c.starts_with("JJ") || c == "ADJP" || c == "VBN" || c == "VBG", true)
                .or_else(|| find(&|c| c == "NN" || c == "CD", true)),
            "ADVP" | "WHADVP" => find(&|c| c.starts_with("RB") || c == "WRB" || c == "ADVP", true),
            "QP" => find(&|c| c == "CD", true),
            "PRT" => find(&|c| c == "RP", true),
            "UCP" | "FRAG" | "X" | "PRN" | "INTJ" | "LST" | "CONJP" | "RRC" => None,
            _ => None,
        };
        pick.or_else(|| (0..kids.len()).find(|&i| !is_punct_tag(cats[i]))).unwrap_or(0)
    }

    fn vp_head(&self, kids: &[usize], cats: &[&str]) -> Option<usize> {
        let verb = (0..kids.len()).find(|&i| cats[i].starts_with("VB") || cats[i] == "MD" || cats[i] == "TO");
        let inner = (0..kids.len()).find(|&i| cats[i] == "VP");
        if let Some(v) = verb {
            let tok = self.t.nodes[kids[v]].leaf?;
            let w = self.word(tok);
            let aux_like = cats[v] == "MD" || cats[v] == "TO" || is_aux_word(w);
            if let (true, Some(vp)) = (aux_like, inner) {
                if vp > v {
                    return Some(vp);
                }
            }
            if is_be(w) && inner.is_none() {
                // Copula: the predicate heads.
                if let Some(p) = (v + 1..kids.len()).find(|&i| matches!(cats[i], "NP" | "ADJP" | "PP" | "ADVP" | "UCP"))
                {
                    if cats[p] != "ADVP" || (p + 1..kids.len()).all(|i| is_punct_tag(cats[i])) {
                        return Some(p);
                    }
                }
            }
            return Some(v);
        }
        inner
    }

    /// Converts the subtree at `n`; returns its head token.
    fn convert(&mut self, n: usize, depth: usize) -> usize {
        if let Some(tok) = self.t.nodes[n].leaf {
            return tok;
        }
        let kids = self.kids(n);
        if kids.is_empty() {
            return 0;
        }
        if depth > MAX_DEPTH {
            return self.first_leaf(kids[0]);
        }
        let h = self.head_child(n, &kids);
        let heads: Vec<usize> = kids.iter().map(|&k| self.convert(k, depth + 1)).collect();
        let htok = heads[h];
        let cat = self.cat(n).to_string();
        let cats: Vec<String> = kids.iter().map(|&k| self.cat(k).to_string()).collect();
        // Coordination: a CC among siblings makes later same-kind siblings conjuncts.
        let has_cc = cats.iter().enumerate().any(|(i, c)| (c == "CC" || c == "CONJP") && i > h && i + 1 < cats.len());
        let mut obj_count = 0;
        let n_obj_nps = (h + 1..kids.len())
            .filter(|&i| cats[i] == "NP" && self.t.nodes[kids[i]].func != "TMP" && self.t.nodes[kids[i]].func != "ADV")
            .count();
        let mut after_cc = false;
        for (i, &k) in kids.iter().enumerate() {
            if i == h {
                continue;
            }
            let d = heads[i];
            let c = cats[i].as_str();
            let func = self.t.nodes[k].func.clone();
            let rel = if is_punct_tag(c) {
                DepRel::new(Rel::Punct)
            } else if c == "CC" || c == "CONJP" {
                after_cc = true;
                DepRel::new(Rel::Cc)
            } else if has_cc
                && i > h
                && (after_cc
                    || c == cats[h]
                    || (cats.get(i + 1).map(|s| s.as_str()) == Some(",")
                        || cats.get(i + 1).map(|s| s.as_str()) == Some("CC"))
                        && phrase_kind(c) == phrase_kind(&cats[h]))
                && phrase_kind(c) == phrase_kind(&cats[h])
            {
                DepRel::new(Rel::Conj)
            } else {
                let before = i < h;
                self.label(&cat, &cats[h], htok, c, &func, k, d, before, n_obj_nps, &mut obj_count)
            };
            self.heads[d] = htok as u32 + 1;
            self.rels[d] = rel;
        }
        // cc and punctuation before a conjunct attach to that conjunct (UD v2).
        for i in 0..kids.len() {
            if i != h && (cats[i] == "CC" || cats[i] == "CONJP") {
                if let Some(j) = (i + 1..kids.len())
                    .find(|&j| self.rels[heads[j]].rel == Rel::Conj && self.heads[heads[j]] == htok as u32 + 1)
                {
                    self.heads[heads[i]] = heads[j] as u32 + 1;
                }
            }
        }
        htok
    }

    fn first_leaf(&self, n: usize) -> usize {
        let mut x = n;
        loop {
            if let Some(t) = self.t.nodes[x].leaf {
                return t;
            }
            match self.t.nodes[x].kids.first() {
                Some(&k) => x = k,
                None => return 0,
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn label(
        &self,
        parent: &str,
        head_cat: &str,
        htok: usize,
        c: &str,
        func: &str,
        node: usize,
        d: usize,
        before: bool,
        n_obj_nps: usize,
        obj_count: &mut usize,
    ) -> DepRel {
        let w = self.word(d).to_ascii_lowercase();
        let r = DepRel::new;
        let clausal = matches!(parent, "S" | "SQ" | "SINV" | "SBARQ" | "VP" | "ROOT" | "TOP" | "");
        match c {
            "MD" => return r(Rel::Aux),
            "TO" if clausal => return r(Rel::Mark),
            "RB" if w == "not" || w == "n't" || w == "never" => return r(Rel::Advmod),
            "DT" | "PDT" | "WDT" if !clausal => return r(Rel::Det),
            "PRP$" | "WP$" => return DepRel::with_sub(Rel::Nmod, "poss"),
            "POS" => return r(Rel::Case),
            "CD" if !clausal => return r(Rel::Nummod),
            "QP" if !clausal => return r(Rel::Nummod),
            "RP" | "PRT" => return DepRel::with_sub(Rel::Compound, "prt"),
            "EX" => return r(Rel::Expl),
            "UH" | "INTJ" => return r(Rel::Discourse),
            _ => {}
        }
        if clausal && c.starts_with("VB") && head_cat != "VB" {
            // A verb that is not the head of its VP: auxiliary or copula.
            let head_is_vbn = self.tag(htok) == "VBN";
            if matches!(head_cat, "NP" | "ADJP" | "PP" | "ADVP" | "UCP") {
                return r(Rel::Cop);
            }
            if head_is_vbn && (is_be(&w) || w.starts_with("get") || w == "got" || w == "gotten") {
                return DepRel::with_sub(Rel::Aux, "pass");
            }
            return r(Rel::Aux);
        }
        match parent {
            "S" | "SQ" | "SINV" | "SBARQ" | "ROOT" | "TOP" | "" => match c {
                "NP" | "WHNP" if func == "TMP" => DepRel::with_sub(Rel::Obl, "tmod"),
                "NP" | "WHNP" if before || func == "SBJ" => r(Rel::Nsubj),
                "NP" => r(Rel::Obl),
                "S" if before && func == "SBJ" => r(Rel::Csubj),
                "S" | "SBAR" | "SBARQ" if parent == "SBARQ" => r(Rel::Ccomp),
                "SBAR" => r(Rel::Advcl),
                "S" | "SINV" | "SQ" => r(Rel::Parataxis),
                "PP" => r(Rel::Obl),
                "ADVP" | "RB" | "WHADVP" | "WRB" => r(Rel::Advmod),
                "ADJP" => r(Rel::Advcl),
                "VP" => r(Rel::Advcl),
                "IN" => r(Rel::Mark),
                _ => r(Rel::Dep),
            },
            "VP" => match c {
                "NP" if func == "TMP" => DepRel::with_sub(Rel::Obl, "tmod"),
                "NP" if func == "ADV" || func == "EXT" => DepRel::with_sub(Rel::Obl, "npmod"),
                "NP" if !before => {
                    *obj_count += 1;
                    if n_obj_nps >= 2 && *obj_count == 1 {
                        r(Rel::Iobj)
                    } else {
                        r(Rel::Obj)
                    }
                }
                "PP" => r(Rel::Obl),
                "ADVP" | "RB" | "RBR" | "RBS" | "WHADVP" => r(Rel::Advmod),
                "S" => {
                    let subj = self.kids(node).iter().any(|&k| self.cat(k) == "NP");
                    if subj {
                        r(Rel::Ccomp)
                    } else {
                        r(Rel::Xcomp)
                    }
                }
                "SBAR" => {
                    let first = self.kids(node).first().map(|&k| self.first_leaf(k));
                    let comp = first.map(|t| self.word(t).to_ascii_lowercase());
                    let first_cat = self.kids(node).first().map(|&k| self.cat(k).to_string()).unwrap_or_default();
                    match comp.as_deref() {
                        Some("that" | "whether") => r(Rel::Ccomp),
                        _ if first_cat == "S" || first_cat.starts_with("WH") => r(Rel::Ccomp),
                        _ => r(Rel::Advcl),
                    }
                }
                "ADJP" | "JJ" => r(Rel::Xcomp),
                "VP" => r(Rel::Conj),
                "IN" => r(Rel::Mark),
                _ => r(Rel::Dep),
            },
            "NP" | "NX" | "NML" | "WHNP" | "NAC" => match c {
                "JJ" | "JJR" | "JJS" | "ADJP" | "VBN" | "VBG" | "WHADJP" => r(Rel::Amod),
                "NN" | "NNS" | "NNP" | "NNPS" | "NML" | "NX" | "FW" if before => r(Rel::Compound),
                "NP" if before => {
                    let possessive = self.kids(node).last().is_some_and(|&k| self.cat(k) == "POS");
                    if possessive {
                        DepRel::with_sub(Rel::Nmod, "poss")
                    } else {
                        r(Rel::Compound)
                    }
                }
                "NP" => r(Rel::Appos),
                "PP" => r(Rel::Nmod),
                "SBAR" => {
                    let rel = self.kids(node).first().is_some_and(|&k| self.cat(k).starts_with("WH"));
                    let that = self
                        .kids(node)
                        .first()
                        .is_some_and(|&k| self.word(self.first_leaf(k)).eq_ignore_ascii_case("that"));
                    if rel || that {
                        DepRel::with_sub(Rel::Acl, "relcl")
                    } else {
                        r(Rel::Acl)
                    }
                }
                "VP" | "S" | "RRC" => r(Rel::Acl),
                "ADVP" | "RB" | "RBR" => r(Rel::Advmod),
                "PRP" | "WP" => r(Rel::Nmod),
                "CD" => r(Rel::Nummod),
                "PRN" => r(Rel::Appos),
                _ => r(Rel::Dep),
            },
            "PP" | "WHPP" => match c {
                "IN" | "TO" | "RB" | "VBG" | "VBN" | "JJ" => {
                    if matches!(head_cat, "S" | "SBAR" | "VP") {
                        r(Rel::Mark)
                    } else {
                        r(Rel::Case)
                    }
                }
                "ADVP" => r(Rel::Advmod),
                _ => r(Rel::Dep),
            },
            "SBAR" => match c {
                "IN" | "DT" | "WDT" => r(Rel::Mark),
                "WHNP" => r(Rel::Nsubj),
                "WHADVP" => r(Rel::Advmod),
                "WHPP" => r(Rel::Obl),
                _ => r(Rel::Dep),
            },
            "ADJP" | "ADVP" | "WHADJP" | "WHADVP" => match c {
                "RB" | "RBR" | "RBS" | "ADVP" | "WRB" => r(Rel::Advmod),
                "PP" => r(Rel::Obl),
                "S" | "SBAR" => r(Rel::Ccomp),
                "NP" => r(Rel::Obl),
                _ => r(Rel::Dep),
            },
            "QP" => match c {
                "IN" | "RB" | "JJ" | "JJR" | "RBR" => r(Rel::Advmod),
                "CD" => r(Rel::Compound),
                _ => r(Rel::Dep),
            },
            _ => match c {
                "NP" => r(Rel::Dep),
                "PP" => r(Rel::Obl),
                "ADVP" | "RB" => r(Rel::Advmod),
                _ => r(Rel::Dep),
            },
        }
    }
}

fn phrase_kind(c: &str) -> &str {
    match c {
        "NN" | "NNS" | "NNP" | "NNPS" | "NP" | "NML" | "PRP" | "NX" => "N",
        "VP" | "VB" | "VBD" | "VBZ" | "VBP" | "VBN" | "VBG" => "V",
        "S" | "SINV" | "SQ" | "SBAR" => "S",
        "JJ" | "JJR" | "JJS" | "ADJP" => "A",
        "RB" | "ADVP" => "R",
        "PP" => "P",
        other => other,
    }
}

fn upos_of(xpos: &str, word: &str, rel: &DepRel) -> Upos {
    use Upos::*;
    let w = word.to_ascii_lowercase();
    match xpos {
        "NN" | "NNS" => Noun,
        "NNP" | "NNPS" => Propn,
        "VB" | "VBD" | "VBG" | "VBN" | "VBP" | "VBZ" => {
            if matches!(rel.rel, Rel::Aux | Rel::Cop) {
                Aux
            } else {
                Verb
            }
        }
        "MD" => Aux,
        "JJ" | "JJR" | "JJS" => Adj,
        "RB" | "RBR" | "RBS" | "WRB" => {
            if w == "not" || w == "n't" {
                Part
            } else {
                Adv
            }
        }
        "RP" => Adp,
        "IN" => {
            if rel.rel == Rel::Mark {
                Sconj
            } else {
                Adp
            }
        }
        "DT" | "PDT" => Det,
        "WDT" | "WP" | "PRP" | "PRP$" | "WP$" | "EX" => Pron,
        "CC" => Cconj,
        "CD" => Num,
        "TO" => {
            if rel.rel == Rel::Case {
                Adp
            } else {
                Part
            }
        }
        "UH" => Intj,
        "POS" => Part,
        "SYM" | "$" | "#" => Sym,
        "FW" | "LS" => X,
        t if is_punct_tag(t) => Punct,
        _ => X,
    }
}

/// Converts a Penn Treebank bracketed parse to a dependency-parsed sentence. `text`, when
/// given, is the sentence text: token offsets are found in it (else a text is built from
/// the words).
pub fn to_sentence(tree: &str, text: Option<&str>) -> Result<Sentence, PtbError> {
    let (t, root) = parse_tree(tree)?;
    let n = t.words.len();
    let mut conv = Conv { t: &t, heads: vec![0; n], rels: vec![DepRel::new(Rel::Dep); n] };
    let top = conv.convert(root, 0);
    conv.heads[top] = 0;
    conv.rels[top] = DepRel::new(Rel::Root);
    // Any token left unattached or pointing at itself (degenerate trees) goes to the root word.
    for i in 0..n {
        if i != top && (conv.heads[i] as usize == i + 1 || conv.heads[i] == 0) {
            conv.heads[i] = top as u32 + 1;
            conv.rels[i] = DepRel::new(Rel::Dep);
        }
    }
    // Passive subjects: the subject of a verb with a passive auxiliary.
    for i in 0..n {
        if conv.rels[i].rel == Rel::Nsubj && conv.rels[i].sub.is_none() {
            let h = conv.heads[i];
            if (0..n).any(|j| conv.heads[j] == h && conv.rels[j].is(Rel::Aux, "pass")) {
                conv.rels[i] = DepRel::with_sub(Rel::Nsubj, "pass");
            }
        }
    }
    let forms: Vec<String> = t.words.iter().map(|(w, _)| w.clone()).collect();
    let (text, offsets) = place(&forms, text);
    let model = crate::Parser::embedded();
    let mut tokens = Vec::with_capacity(n);
    for (i, ((w, xpos), &(start, end, space))) in t.words.iter().zip(&offsets).enumerate() {
        let mut tok = Token::new(w.clone(), start, end);
        tok.space_after = space;
        tok.xpos.clone_from(xpos);
        tok.upos = upos_of(xpos, w, &conv.rels[i]);
        tok.head = conv.heads[i];
        tok.deprel = conv.rels[i].clone();
        model.fill_lemma_feats(&mut tok);
        tokens.push(tok);
    }
    let mut s = Sentence { index: 0, span: 0..text.len(), text, tokens, analysis: Analysis::Given };
    crate::fix_feats(&mut s);
    Ok(s)
}

/// Finds each word in `text` in order (quotes may be written `` and ''); falls back to
/// words joined by spaces.
fn place(forms: &[String], text: Option<&str>) -> (String, Vec<(usize, usize, bool)>) {
    if let Some(text) = text {
        let mut pos = 0;
        let mut out = Vec::with_capacity(forms.len());
        for f in forms {
            let rest = &text[pos..];
            let skip = rest.len() - rest.trim_start().len();
            let at = pos + skip;
            let r = &text[at..];
            let len = if r.starts_with(f.as_str()) {
                Some(f.len())
            } else if matches!(f.as_str(), "``" | "''") && r.starts_with('"') {
                Some(1)
            } else if matches!(f.as_str(), "``" | "''") && (r.starts_with('\u{201c}') || r.starts_with('\u{201d}')) {
                Some(3)
            } else {
                None
            };
            match len {
                Some(l) => {
                    out.push((at, at + l, false));
                    pos = at + l;
                }
                None => break,
            }
        }
        if out.len() == forms.len() {
            for i in 0..out.len() {
                let next = out.get(i + 1).map_or(text.len(), |o| o.0);
                out[i].2 = next > out[i].1 || i + 1 == out.len();
            }
            return (text.to_string(), out);
        }
    }
    let mut s = String::new();
    let mut out = Vec::with_capacity(forms.len());
    for (i, f) in forms.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        out.push((s.len(), s.len() + f.len(), true));
        s.push_str(f);
    }
    (s, out)
}
