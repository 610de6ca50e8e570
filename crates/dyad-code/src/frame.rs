//! The argument frame of a predicate: who is its subject, its objects and its prepositional
//! dependents, after undoing passives, control, coordination and relative clauses.

use crate::tree::Tree;
use dyad_core::{Rel, Upos};

/// Where an argument of the predicate sits in the tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arg {
    /// Head token of the argument's phrase.
    pub node: usize,
    /// The relation path that reached it, for explanations (`nsubj`, `obl:with`, `xcomp>nsubj`).
    pub path: String,
}

/// A predicate's arguments in logical roles.
#[derive(Clone, Debug, Default)]
pub struct Frame {
    /// Logical subject: the actor doing it (the `by` agent of a passive).
    pub subjects: Vec<Arg>,
    /// Direct and indirect objects (the surface subject of a passive).
    pub objects: Vec<Arg>,
    /// Prepositional dependents with their preposition (`with`, `against`).
    pub obliques: Vec<(String, Arg)>,
    /// Clausal complements of the predicate (see [`Tree::is_complement`]).
    pub complements: Vec<usize>,
    pub passive: bool,
    pub negated: bool,
}

impl Frame {
    pub fn of(tree: &Tree<'_>, v: usize) -> Frame {
        let mut f = Frame { passive: tree.is_passive(v), negated: tree.is_negated(v), ..Frame::default() };
        for c in tree.children(v) {
            match tree.rel(c) {
                Rel::Nsubj | Rel::Csubj if tree.sub(c) == Some("pass") => f.objects.push(arg(c, "nsubj:pass")),
                Rel::Nsubj => f.subjects.push(arg(c, "nsubj")),
                Rel::Obj | Rel::Iobj => f.objects.push(arg(c, tree.rel(c).as_str())),
                _ if tree.is_complement(c) => f.complements.push(c),
                _ if tree.is_oblique(c) => {
                    let prep = tree.case_of(c).unwrap_or("").to_string();
                    let is_agent = prep == "by" || tree.sub(c) == Some("agent");
                    if f.passive && is_agent {
                        f.subjects.push(arg(c, "obl:agent"));
                    } else {
                        let path = if prep.is_empty() { "obl".to_string() } else { format!("obl:{prep}") };
                        f.obliques.push((prep, Arg { node: c, path }));
                    }
                }
                _ => {}
            }
        }
        // "troops who fired": the relative pronoun stands for the noun the clause modifies.
        if tree.rel(v) == Rel::Acl {
            if let Some(h) = tree.head(v) {
                for s in f.subjects.iter_mut().chain(f.objects.iter_mut()) {
                    if matches!(tree.lower[s.node].as_str(), "who" | "which" | "that" | "whom") {
                        *s = arg(h, &format!("{}>acl^", s.path));
                    }
                }
            }
        }
        if f.subjects.is_empty() {
            if let Some(s) = inherited_subject(tree, v) {
                f.subjects.push(s);
            }
        }
        // A passive with no surface subject inside a relative clause ("the man who was
        // arrested") takes the modified noun as its object.
        if f.passive && f.objects.is_empty() && tree.rel(v) == Rel::Acl {
            if let Some(h) = tree.head(v) {
                f.objects.push(arg(h, "acl^"));
            }
        }
        f
    }
}

fn arg(node: usize, path: &str) -> Arg {
    Arg { node, path: path.to_string() }
}

/// The subject a predicate without one shares with another: a coordinated verb ("met X and
/// signed ..."), a controlled complement ("agreed to restore"), a relative clause ("troops who
/// fired"), or a participle modifying a noun.
fn inherited_subject(tree: &Tree<'_>, v: usize) -> Option<Arg> {
    let mut node = v;
    let mut path = String::new();
    for _ in 0..8 {
        let h = tree.head(node)?;
        match tree.rel(node) {
            Rel::Conj | Rel::Xcomp | Rel::Advcl if tree.upos(h) != Upos::Noun && tree.upos(h) != Upos::Propn => {
                path.push_str(tree.rel(node).as_str());
                path.push('^');
                // The controller is the object for object-control verbs ("urged Iran to stop").
                let obj = if tree.rel(node) == Rel::Xcomp { tree.children_rel(h, Rel::Obj).next() } else { None };
                // A passive's surface subject controls its complement: "Obama is scheduled
                // to attend", "Iran was urged to stop".
                let xcomp = tree.rel(node) == Rel::Xcomp;
                let subj =
                    tree.children(h).find(|&c| tree.rel(c) == Rel::Nsubj && (xcomp || tree.sub(c) != Some("pass")));
                if let Some(o) = obj {
                    return Some(arg(o, &format!("{path}obj")));
                }
                if let Some(s) = subj {
                    return Some(arg(s, &format!("{path}nsubj")));
                }
                if tree.rel(node) == Rel::Advcl {
                    return None;
                }
                node = h;
            }
            Rel::Acl if tree.sub(node) == Some("relcl") || !tree.is_passive(node) => {
                return Some(arg(h, &format!("{path}acl^")));
            }
            _ => return None,
        }
    }
    None
}
