//! Synthetic documents and events, for tests, benchmarks and demos.

use crate::{content_hash, DocBatch, DocMeta};
use chrono::NaiveDate;
use dyad_core::{Actor, Event, EventDate, Evidence, Location};

const ACTORS: &[(&str, &str, &str, &str)] = &[
    ("IRNGOV", "IRN", "GOV", "Iranian President"),
    ("RUSGOV", "RUS", "GOV", "Russian President"),
    ("USAGOV", "USA", "GOV", "the US administration"),
    ("CHNGOV", "CHN", "GOV", "Beijing"),
    ("ISRMIL", "ISR", "MIL", "Israeli troops"),
    ("PSEREB", "PSE", "REB", "Palestinian militants"),
    ("FRAGOV", "FRA", "GOV", "French ministers"),
    ("DEUGOV", "DEU", "GOV", "the German chancellor"),
    ("UKRMIL", "UKR", "MIL", "Ukrainian forces"),
    ("IGOUNO", "", "IGO", "the United Nations"),
];

/// (CAMEO code, root, quad class, Goldstein, PLOVER, verb)
type Code = (&'static str, &'static str, u8, f32, Option<&'static str>, &'static str);
const CODES: &[Code] = &[
    ("040", "04", 1, 1.0, Some("CONSULT"), "met"),
    ("042", "04", 1, 1.9, Some("CONSULT"), "visited"),
    ("036", "03", 1, 4.0, Some("COOPERATE"), "offered"),
    ("051", "05", 2, 3.5, Some("COOPERATE"), "praised"),
    ("070", "07", 2, 7.0, Some("AID"), "sent aid to"),
    ("111", "11", 3, -2.0, Some("ACCUSE"), "criticized"),
    ("130", "13", 3, -4.4, Some("THREATEN"), "threatened"),
    ("190", "19", 4, -10.0, Some("ASSAULT"), "attacked"),
    ("173", "17", 4, -5.0, Some("COERCE"), "arrested"),
    ("010", "01", 1, 0.0, None, "said"),
];

const PLACES: &[(&str, &str, f64, f64)] = &[
    ("Moscow", "RUS", 55.756, 37.617),
    ("Tehran", "IRN", 35.689, 51.389),
    ("Gaza", "PSE", 31.5, 34.467),
    ("Kyiv", "UKR", 50.45, 30.523),
    ("Geneva", "CHE", 46.202, 6.146),
];

/// A small deterministic generator (xorshift), so runs are reproducible without a dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E3779B97F4A7C15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

fn actor(i: usize, sentence: &str) -> Actor {
    let (code, country, role, text) = ACTORS[i];
    let start = sentence.find(text).unwrap_or(0);
    Actor {
        code: code.into(),
        country: (!country.is_empty()).then(|| country.into()),
        role: Some(role.into()),
        text: text.into(),
        start,
        end: start + text.len(),
    }
}

/// One synthetic event in document `doc`, sentence `index`, dated within 2000–2003.
pub fn event(rng: &mut Rng, doc: &str, index: usize) -> Event {
    let s = rng.below(ACTORS.len());
    let t = (s + 1 + rng.below(ACTORS.len() - 1)) % ACTORS.len();
    let c = CODES[rng.below(CODES.len())];
    let place = (rng.below(3) > 0).then(|| PLACES[rng.below(PLACES.len())]);
    let day = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + chrono::Days::new(rng.below(4 * 365) as u64);
    let sentence = format!(
        "{} {} {}{} on {day}.",
        ACTORS[s].3,
        c.5,
        ACTORS[t].3,
        place.map(|p| format!(" in {}", p.0)).unwrap_or_default()
    );
    let verb_start = ACTORS[s].3.len() + 1;
    let has_target = rng.below(10) > 0;
    Event {
        doc_id: doc.into(),
        sentence_index: index,
        date: Some(EventDate::Day(day)),
        source: actor(s, &sentence),
        target: has_target.then(|| actor(t, &sentence)),
        cameo: c.0.into(),
        cameo_root: c.1.into(),
        quad_class: c.2,
        goldstein: c.3,
        plover: c.4.map(Into::into),
        location: place.map(|p| Location { name: p.0.into(), country: Some(p.1.into()), lat: p.2, lon: p.3 }),
        negated: rng.below(20) == 0,
        evidence: Evidence {
            verb: c.5.into(),
            verb_start,
            verb_end: verb_start + c.5.len(),
            pattern: format!("* {} +", c.5.to_uppercase()),
            explain: None,
        },
        sentence,
    }
}

/// A synthetic document `id` with `events` events, one per sentence; `version` changes the
/// text (and so the content hash) while keeping the id.
pub fn document(rng: &mut Rng, id: &str, events: usize, version: u32) -> DocBatch {
    let evs: Vec<Event> = (0..events).map(|i| event(rng, id, i)).collect();
    let sentences: Vec<(usize, String)> = evs.iter().map(|e| (e.sentence_index, e.sentence.clone())).collect();
    let mut text: String = sentences.iter().map(|(_, s)| s.as_str()).collect::<Vec<_>>().join(" ");
    text.push_str(&format!(" v{version}"));
    DocBatch {
        doc: DocMeta {
            id: id.into(),
            date: evs.first().and_then(|e| e.date).map(|d| d.first_day()),
            title: Some(format!("Synthetic story {id}")),
            url: Some(format!("https://example.org/{id}")),
            publisher: Some("dyad-synthetic".into()),
        },
        content_hash: content_hash(text.as_bytes()),
        sentences,
        events: evs,
    }
}

/// `docs` synthetic documents `{prefix}{n}` for n in `start..start + docs`.
pub fn batch(seed: u64, prefix: &str, start: usize, docs: usize, events_per_doc: usize) -> Vec<DocBatch> {
    let mut rng = Rng::new(seed ^ start as u64);
    (start..start + docs).map(|n| document(&mut rng, &format!("{prefix}{n}"), events_per_doc, 0)).collect()
}
