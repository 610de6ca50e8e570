//! The flagship story's reference coding (`*.expected.json`) and the criteria of the brief:
//! required events found, nothing forbidden, nothing from page furniture, an event budget,
//! places geolocated within tolerance, and relative dates resolved.

use crate::actor_matches;
use dyad_core::Event;
use serde::Deserialize;
use std::fmt;

#[derive(Clone, Debug, Deserialize)]
pub struct Reference {
    pub page_furniture: Vec<String>,
    pub events_required: Vec<RefEvent>,
    #[serde(default)]
    pub events_optional: Vec<RefEvent>,
    #[serde(default)]
    pub forbidden: Vec<Forbidden>,
    #[serde(default)]
    pub locations: Vec<RefPlace>,
    pub budget: Budget,
}

#[derive(Clone, Debug, Deserialize)]
pub struct RefEvent {
    pub sentence_starts: String,
    pub source: String,
    pub target: Option<String>,
    pub cameo: Vec<String>,
    pub date: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Forbidden {
    pub between: [String; 2],
    pub cameo: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct RefPlace {
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    pub tolerance_km: f64,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Budget {
    pub max_events: usize,
}

/// What the run achieved against the reference.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub required: Vec<(String, bool, Option<bool>)>,
    pub optional_found: usize,
    pub optional: usize,
    pub forbidden: Vec<String>,
    pub furniture: Vec<String>,
    pub events: usize,
    pub max_events: usize,
    pub places: Vec<(String, bool)>,
}

impl Report {
    pub fn required_found(&self) -> usize {
        self.required.iter().filter(|r| r.1).count()
    }

    pub fn places_found(&self) -> usize {
        self.places.iter().filter(|p| p.1).count()
    }

    /// The brief's bar: ≥ 6 of 7 required, nothing forbidden or from furniture, within budget,
    /// ≥ 5 of 8 places, and every dated required event that was found carries its date.
    pub fn passes(&self) -> bool {
        self.required_found() + 1 >= self.required.len()
            && self.forbidden.is_empty()
            && self.furniture.is_empty()
            && self.events <= self.max_events
            && self.places_found() + 3 >= self.places.len()
            && self.required.iter().all(|r| r.2 != Some(false))
    }
}

fn code_ok(allowed: &[String], code: &str) -> bool {
    allowed.iter().any(|a| code.starts_with(a.as_str()))
}

fn matches(r: &RefEvent, e: &Event) -> bool {
    e.sentence.starts_with(&r.sentence_starts)
        && code_ok(&r.cameo, &e.cameo)
        && actor_matches(Some(&r.source), Some(&e.source.code))
        && actor_matches(r.target.as_deref(), e.target.as_ref().map(|t| t.code.as_str()))
}

/// Great-circle distance in km.
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    6371.0 * 2.0 * a.sqrt().atan2((1.0 - a).sqrt())
}

pub fn check(reference: &Reference, events: &[Event]) -> Report {
    let mut report = Report { events: events.len(), max_events: reference.budget.max_events, ..Report::default() };
    for r in &reference.events_required {
        let found: Vec<&Event> = events.iter().filter(|e| matches(r, e)).collect();
        let date_ok = r
            .date
            .as_ref()
            .filter(|_| !found.is_empty())
            .map(|d| found.iter().any(|e| e.date.map(|x| x.to_string()).as_deref() == Some(d.as_str())));
        report.required.push((r.sentence_starts.clone(), !found.is_empty(), date_ok));
    }
    report.optional = reference.events_optional.len();
    report.optional_found = reference.events_optional.iter().filter(|r| events.iter().any(|e| matches(r, e))).count();
    for f in &reference.forbidden {
        for e in events {
            let (s, t) = (e.source.code.as_str(), e.target.as_ref().map(|t| t.code.as_str()).unwrap_or(""));
            let pair = (s.starts_with(&f.between[0]) && t.starts_with(&f.between[1]))
                || (s.starts_with(&f.between[1]) && t.starts_with(&f.between[0]));
            if pair && code_ok(&f.cameo, &e.cameo) {
                report.forbidden.push(format!("{s} {t} {}: {}", e.cameo, e.sentence));
            }
        }
    }
    for e in events {
        let furniture = reference.page_furniture.iter().any(|p| {
            let p = p.trim_start_matches(['.', ' ']);
            e.sentence.contains(p) || (!e.sentence.is_empty() && p.contains(e.sentence.as_str()))
        });
        if furniture {
            report.furniture.push(e.sentence.clone());
        }
    }
    for p in &reference.locations {
        let found = events
            .iter()
            .filter_map(|e| e.location.as_ref())
            .any(|l| distance_km(l.lat, l.lon, p.lat, p.lon) <= p.tolerance_km);
        report.places.push((p.name.clone(), found));
    }
    report
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "required events: {} of {}", self.required_found(), self.required.len())?;
        for (s, found, date) in &self.required {
            let date = match date {
                Some(true) => ", date right",
                Some(false) => ", DATE WRONG",
                None => "",
            };
            writeln!(f, "  [{}] {s}{date}", if *found { "x" } else { " " })?;
        }
        writeln!(f, "optional events: {} of {}", self.optional_found, self.optional)?;
        writeln!(f, "forbidden events: {}", self.forbidden.len())?;
        for x in &self.forbidden {
            writeln!(f, "  {x}")?;
        }
        writeln!(f, "events from page furniture: {}", self.furniture.len())?;
        writeln!(f, "events: {} (budget {})", self.events, self.max_events)?;
        writeln!(f, "places geolocated: {} of {}", self.places_found(), self.places.len())?;
        for (name, found) in &self.places {
            writeln!(f, "  [{}] {name}", if *found { "x" } else { " " })?;
        }
        write!(f, "flagship criteria: {}", if self.passes() { "PASS" } else { "FAIL" })
    }
}
