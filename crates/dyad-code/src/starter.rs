//! The starter coder: actor and verb look-ups over tokens with a small lexicon of its own.
//!
//! It needs no parse: the source is the nearest actor before the verb, the target the nearest
//! after it, swapped for a passive with a `by` agent. It keeps the pipeline whole until the
//! dependency-based coder replaces it, and serves as a baseline to measure that coder against.

use crate::{new_event, Coder, DocContext};
use dyad_core::{Actor, ActorCode, Event, Evidence, Sentence};

/// Countries: names and adjectives (lowercase, space-separated tokens) and their codes.
const COUNTRIES: &[(&str, &str)] = &[
    ("iran|iranian|iranians|tehran", "IRN"),
    ("russia|russian|russians|russian federation|moscow", "RUS"),
    ("united states|u.s.|us|usa|america|american|americans|washington", "USA"),
    ("china|chinese|beijing", "CHN"),
    ("kazakhstan|kazakh|astana", "KAZ"),
    ("azerbaijan|azerbaijani|baku", "AZE"),
    ("turkmenistan|turkmen", "TKM"),
    ("turkey|turkish|ankara", "TUR"),
    ("iraq|iraqi|baghdad", "IRQ"),
    ("north korea|north korean|pyongyang", "PRK"),
    ("south korea|south korean|seoul", "KOR"),
    ("cuba|cuban|havana", "CUB"),
    ("afghanistan|afghan|kabul", "AFG"),
    ("israel|israeli|jerusalem", "ISR"),
    ("syria|syrian|damascus", "SYR"),
    ("ukraine|ukrainian|kyiv|kiev", "UKR"),
    ("france|french|paris", "FRA"),
    ("germany|german|berlin", "DEU"),
    ("britain|british|united kingdom|london", "GBR"),
    ("india|indian|new delhi", "IND"),
    ("pakistan|pakistani|islamabad", "PAK"),
    ("japan|japanese|tokyo", "JPN"),
    ("egypt|egyptian|cairo", "EGY"),
    ("saudi arabia|saudi|riyadh", "SAU"),
];

/// Seats of power and institutions that stand for a government.
const INSTITUTIONS: &[(&str, &str)] = &[
    ("kremlin", "RUSGOV"),
    ("white house|pentagon", "USAGOV"),
    ("downing street", "GBRGOV"),
    ("taliban", "AFGREB"),
    ("united nations|un|u.n.", "IGOUNO"),
    ("nato", "IGONAT"),
];

/// Role nouns and the role they give the country before them.
const ROLES: &[(&str, &str)] = &[
    ("president|prime minister|minister|foreign minister|deputy prime minister|leader|government|officials|official|envoy|ambassador|diplomat|diplomats|representative", "GOV"),
    ("general|army|troops|soldiers|military|forces|defence ministry|defense ministry", "MIL"),
    ("police|policemen", "COP"),
    ("rebels|insurgents|militants", "REB"),
    ("television|newspaper|agency", "MED"),
];

/// Verbs by their forms, with the CAMEO code each gives.
const VERBS: &[(&str, &str)] = &[
    ("talks|talked|negotiated|negotiating|consulted", "040"),
    ("met|meet|meets|meeting", "040"),
    ("visit|visited|visits|visiting", "042"),
    ("hosted|hosts|host", "043"),
    ("signed|sign|signs", "057"),
    ("agreed|agree|agrees", "030"),
    ("wanted|hope|hopes|intend|intends|plans", "030"),
    ("praised|praise|praises", "051"),
    ("denounces|denounced|denounce|condemned|condemns|criticized|criticised", "111"),
    ("accused|accuses|accuse|blamed", "112"),
    ("rejected|rejects|ruled", "120"),
    ("threatened|threatens|warned", "130"),
    ("protested|protests", "140"),
    ("arrested|detained", "173"),
    ("attacked|attacks|bombed|shelled", "190"),
    ("killed|kills", "1823"),
    ("told|said|says|announced", "010"),
];

fn matches_any(list: &str, words: &[String], start: usize) -> Option<usize> {
    list.split('|')
        .filter_map(|alt| {
            let parts: Vec<&str> = alt.split(' ').collect();
            let end = start + parts.len();
            (end <= words.len() && parts.iter().zip(&words[start..end]).all(|(p, w)| p == w)).then_some(parts.len())
        })
        .max()
}

/// An actor found in a sentence: its token range and code.
struct Found {
    start: usize,
    end: usize,
    code: String,
}

/// The starter coder. See the module documentation.
#[derive(Clone, Debug, Default)]
pub struct StarterCoder;

impl StarterCoder {
    fn actors(words: &[String]) -> Vec<Found> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let lookup = |table: &[(&str, &'static str)], at: usize| {
                table
                    .iter()
                    .filter_map(|(names, code)| matches_any(names, words, at).map(|n| (n, *code)))
                    .max_by_key(|(n, _)| *n)
            };
            if let Some((n, code)) = lookup(INSTITUTIONS, i) {
                out.push(Found { start: i, end: i + n, code: code.to_string() });
                i += n;
                continue;
            }
            if let Some((n, country)) = lookup(COUNTRIES, i) {
                let mut end = i + n;
                let mut code = country.to_string();
                // "Russian President", "Iran's foreign minister", "Russia's special ... representative"
                let mut j = end;
                if words.get(j).is_some_and(|w| w == "'s") {
                    j += 1;
                }
                for k in j..(j + 3).min(words.len()) {
                    if let Some((m, role)) = lookup(ROLES, k) {
                        code.push_str(role);
                        end = k + m;
                        break;
                    }
                }
                out.push(Found { start: i, end, code });
                i = end;
                continue;
            }
            i += 1;
        }
        out
    }
}

impl Coder for StarterCoder {
    fn code(&self, doc: &DocContext<'_>, sentences: &[Sentence]) -> Vec<Event> {
        let mut events = Vec::new();
        for s in sentences {
            let words: Vec<String> = s.tokens.iter().map(|t| t.form.to_lowercase()).collect();
            let actors = Self::actors(&words);
            for (v, w) in words.iter().enumerate() {
                let Some(code) = VERBS.iter().find(|(forms, _)| forms.split('|').any(|f| f == w)).map(|(_, c)| *c)
                else {
                    continue;
                };
                if actors.iter().any(|a| (a.start..a.end).contains(&v)) {
                    continue;
                }
                let before = actors.iter().rev().find(|a| a.end <= v);
                let after = actors.iter().find(|a| a.start > v && before.is_none_or(|b| b.code != a.code));
                let passive = v > 0
                    && matches!(words[v - 1].as_str(), "was" | "were" | "been" | "is" | "are")
                    && words.get(v + 1).is_some_and(|n| n == "by");
                let (source, target) = if passive { (after, before) } else { (before, after) };
                let Some(source) = source else { continue };
                let Some(cameo) = dyad_cameo::lookup(code) else { continue };
                let to_actor = |f: &Found| {
                    let range = s.token_range(f.start).start..s.token_range(f.end - 1).end;
                    let code = ActorCode::new(&f.code);
                    Actor {
                        code: f.code.clone(),
                        country: code.as_ref().and_then(|c| c.country().map(str::to_string)),
                        role: code.as_ref().and_then(|c| c.role().map(str::to_string)),
                        text: s.text[range.clone()].to_string(),
                        start: range.start,
                        end: range.end,
                    }
                };
                let verb_range = s.token_range(v);
                let evidence = Evidence {
                    verb: s.tokens[v].form.clone(),
                    verb_start: verb_range.start,
                    verb_end: verb_range.end,
                    pattern: format!("starter: {w}"),
                    explain: None,
                };
                events.push(new_event(doc, s, cameo, to_actor(source), target.map(to_actor), evidence));
                break;
            }
        }
        events
    }
}
