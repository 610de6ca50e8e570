//! Verb transformations: rules that turn an event reported inside another into the one event
//! the pair means. "Washington claimed that Iraq attacked Kuwait" is not a claim plus an
//! attack but an accusation of Iraq; "Rome wants Paris to attack Tunis" is an appeal to Paris.
//!
//! PETRARCH2's verb dictionaries write them as `~ a (X Y INNER) OUTER = S T CODE`: `a` is the
//! outer event's source; the inner event's source `X` is `a` (the same actor), `b` (another
//! one) or `_` (none of its own, as in "wants to attack"); its target `Y` is `b` or `.`
//! (anything); `INNER` and `OUTER` name verbs of the dictionary, whose codes stand for their
//! CAMEO class, or `Q` for any event; the result's source and target are `a` or `b` and its
//! code a CAMEO code or `Q` (the inner event's).

use std::fmt;

/// Who the inner event's source is, relative to the outer event's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InnerSource {
    /// `a`: the outer source again, named in the inner clause ("claimed that it attacked").
    Same,
    /// `b`: another actor ("claimed that Iraq attacked", "wants Paris to attack").
    Other,
    /// `_`: no subject of its own; the clause borrows the outer one ("wants to attack").
    Borrowed,
}

/// Which verbs or events a rule applies to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EventClass {
    /// `Q`: any event.
    Any,
    /// A verb of the dictionary: the verb itself, whatever pattern it matched, and every
    /// event in the class of its code. A root code (`190`) covers the whole root, any other
    /// code itself and its children.
    Verb { lemma: String, code: Option<String> },
}

impl EventClass {
    pub fn matches(&self, event_code: &str, verb_lemma: &str) -> bool {
        match self {
            EventClass::Any => true,
            EventClass::Verb { lemma, code } => {
                lemma == verb_lemma
                    || code.as_deref().is_some_and(|c| {
                        if c.len() == 3 && c.ends_with('0') {
                            event_code.get(..2) == c.get(..2)
                        } else {
                            event_code.starts_with(c)
                        }
                    })
            }
        }
    }
}

/// The two actors a rule can name in its result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// The outer event's source.
    A,
    /// The other actor of the inner event (its source when `X` is `b`, else its target).
    B,
}

/// The result's code: fixed, or the inner event's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResultCode {
    Code(String),
    Inner,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transformation {
    pub inner_source: InnerSource,
    /// Whether the inner event must have a target (bound to `b`).
    pub inner_target: bool,
    pub inner: EventClass,
    pub outer: EventClass,
    pub source: Slot,
    pub target: Slot,
    pub code: ResultCode,
    /// The rule as written, and where (`file:line`), for explanations.
    pub raw: String,
    pub origin: String,
}

impl fmt::Display for Transformation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.raw, self.origin)
    }
}

impl Transformation {
    /// Reads `~ a (X Y INNER) OUTER = S T CODE`; `class` turns a verb name into its class.
    pub fn parse(line: &str, origin: &str, class: impl Fn(&str) -> EventClass) -> Result<Transformation, String> {
        let body = line.trim().strip_prefix('~').ok_or("a transformation starts with '~'")?;
        let spaced = body.replace('(', " ( ").replace(')', " ) ");
        let toks: Vec<&str> = spaced.split_whitespace().collect();
        let [a, "(", x, y, inner, ")", outer, "=", s, t, code] = toks.as_slice() else {
            return Err(format!(
                "cannot read transformation {:?}: expected `~ a (X Y VERB) VERB = S T CODE`",
                line.trim()
            ));
        };
        if *a != "a" {
            return Err(format!("transformation {:?}: the outer source is written `a`", line.trim()));
        }
        let inner_source = match *x {
            "a" => InnerSource::Same,
            "b" => InnerSource::Other,
            "_" => InnerSource::Borrowed,
            other => return Err(format!("transformation: inner source {other:?} is not a, b or _")),
        };
        let inner_target = match *y {
            "b" if inner_source == InnerSource::Other => return Err("transformation: `b` bound twice".into()),
            "b" => true,
            "." | "_" => false,
            other => return Err(format!("transformation: inner target {other:?} is not b or .")),
        };
        let b_bound = inner_source == InnerSource::Other || inner_target;
        let slot = |w: &str| match w {
            "a" => Ok(Slot::A),
            "b" if b_bound => Ok(Slot::B),
            "b" => Err("transformation: the result names `b`, which the inner event does not bind".to_string()),
            other => Err(format!("transformation: result actor {other:?} is not a or b")),
        };
        let code = match *code {
            "Q" => ResultCode::Inner,
            c if c.chars().all(|ch| ch.is_ascii_digit()) && c.len() >= 3 => ResultCode::Code(c.to_string()),
            other => return Err(format!("transformation: result code {other:?} is not a CAMEO code or Q")),
        };
        let name_class = |w: &str| if w == "Q" { EventClass::Any } else { class(w) };
        Ok(Transformation {
            inner_source,
            inner_target,
            inner: name_class(inner),
            outer: name_class(outer),
            source: slot(s)?,
            target: slot(t)?,
            code,
            raw: line.trim().to_string(),
            origin: origin.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(w: &str) -> EventClass {
        let code = match w {
            "ATTACK" => Some("190".to_string()),
            "CLAIM" => Some("110".to_string()),
            "ASSASSINATE" => Some("186".to_string()),
            _ => None,
        };
        EventClass::Verb { lemma: w.to_lowercase(), code }
    }

    #[test]
    fn reads_the_rule_forms() {
        let t = Transformation::parse("~ a (b . ATTACK ) CLAIM = a b 112", "v:1", class).unwrap();
        assert_eq!(t.inner_source, InnerSource::Other);
        assert!(!t.inner_target);
        assert_eq!((t.source, t.target), (Slot::A, Slot::B));
        assert_eq!(t.code, ResultCode::Code("112".into()));
        let q = Transformation::parse("~ a (a b Q) SAY = a b Q", "v:2", class).unwrap();
        assert_eq!((q.inner.clone(), q.code.clone()), (EventClass::Any, ResultCode::Inner));
        assert_eq!(q.outer, EventClass::Verb { lemma: "say".into(), code: None });
        let borrowed = Transformation::parse("~ a (_ b ATTACK) WANT = a b 138", "v:3", class).unwrap();
        assert_eq!(borrowed.inner_source, InnerSource::Borrowed);
        assert!(borrowed.inner_target);
    }

    #[test]
    fn rejects_unbound_and_malformed_rules() {
        assert!(Transformation::parse("~ a (a . ATTACK) SAY = a b 015", "v", class).unwrap_err().contains("`b`"));
        assert!(Transformation::parse("~ a (a b ATTACK SAY = a b 015", "v", class).is_err());
        assert!(Transformation::parse("~ a (a b ATTACK) SAY = a b 1x5", "v", class).is_err());
    }

    #[test]
    fn classes_cover_roots_and_children() {
        let fight = class("ATTACK");
        assert!(fight.matches("193", "shoot") && fight.matches("190", "battle"));
        assert!(!fight.matches("180", "assault"));
        // The verb itself belongs to its class whatever code a pattern gave it.
        assert!(fight.matches("111", "attack"));
        let assassinate = class("ASSASSINATE");
        assert!(assassinate.matches("186", "kill") && !assassinate.matches("185", "kill"));
        assert!(class("ATTEMPT").matches("---", "attempt"));
    }
}
