//! Place names in a sentence, resolved against a gazetteer, and the place of an event.

use crate::dates::attachment_rank;
use dyad_core::{Location, Sentence};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::{BufRead, BufReader};
use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

/// What kind of place a gazetteer entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PlaceKind {
    Country,
    /// A national capital.
    Capital,
    City,
    /// A first-level administrative region (state, province, oblast).
    Region,
    /// A named region that is not an administrative unit (Kashmir, Gaza Strip, Central Asia).
    Area,
    /// A sea, gulf, strait, lake or river.
    Water,
}

impl PlaceKind {
    fn parse(s: &str) -> Option<PlaceKind> {
        Some(match s {
            "country" => PlaceKind::Country,
            "capital" => PlaceKind::Capital,
            "city" => PlaceKind::City,
            "region" => PlaceKind::Region,
            "area" => PlaceKind::Area,
            "water" => PlaceKind::Water,
            _ => return None,
        })
    }
}

/// One gazetteer entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub name: String,
    pub kind: PlaceKind,
    /// ISO 3166 alpha-3 code (CAMEO's where it differs), `None` for seas and regions that
    /// span countries.
    pub country: Option<String>,
    pub lat: f64,
    pub lon: f64,
    /// Rank by population among the country's cities (1 = largest); 0 when unknown.
    pub rank: u32,
}

impl Place {
    /// The place as an event location.
    pub fn location(&self) -> Location {
        Location { name: self.name.clone(), country: self.country.clone(), lat: self.lat, lon: self.lon }
    }

    /// How likely the name means this place when nothing else is known (lower is likelier):
    /// countries, then seas and named regions, capitals, large cities, regions, other cities.
    /// (A region and a city of one name in one country: see [`Gazetteer::sort_index`].)
    fn prior(&self) -> (u8, u32) {
        let class = match self.kind {
            PlaceKind::Country => 0,
            PlaceKind::Area | PlaceKind::Water => 1,
            PlaceKind::Capital => 2,
            PlaceKind::City if self.rank != 0 && self.rank <= 10 => 3,
            PlaceKind::Region => 4,
            PlaceKind::City => 5,
        };
        (class, if self.rank == 0 { u32::MAX } else { self.rank })
    }
}

/// A table of place names.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    places: Vec<Place>,
    /// Normalised name (words joined by one space) -> places, likeliest first.
    index: HashMap<String, Vec<u32>, BuildHasherDefault<FxHasher>>,
    /// The most words in any name.
    max_words: usize,
    /// ISO alpha-2 -> alpha-3, for GeoNames files.
    alpha2: HashMap<String, String>,
}

/// A fast non-cryptographic hasher for the name index (the FxHash scheme): names are not
/// chosen by an adversary, and the index is built at every start-up.
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
            self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(K);
        }
    }

    fn write_u8(&mut self, b: u8) {
        self.write(&[b]);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

static EMBEDDED_TSV: &str = include_str!("../data/gazetteer.tsv");

impl Gazetteer {
    /// An empty gazetteer.
    pub fn new() -> Self {
        Self::default()
    }

    /// The gazetteer embedded in the binary: countries, capitals, first-level regions of
    /// large countries, the largest cities of every country, seas and named regions.
    pub fn embedded() -> Gazetteer {
        Gazetteer::from_tsv(EMBEDDED_TSV).expect("embedded gazetteer is well-formed")
    }

    /// The embedded gazetteer, parsed once and shared.
    pub fn shared() -> &'static Gazetteer {
        static SHARED: OnceLock<Gazetteer> = OnceLock::new();
        SHARED.get_or_init(Gazetteer::embedded)
    }

    /// Reads dyad's gazetteer format: `kind name country lat lon rank other|names alpha-2`,
    /// tab-separated, `#` comments.
    pub fn from_tsv(text: &str) -> Result<Gazetteer, String> {
        let mut g = Gazetteer::new();
        g.places.reserve(text.len() / 40);
        g.index.reserve(text.len() / 25);
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let err = |what: &str| format!("gazetteer line {}: {what}", n + 1);
            if f.len() < 5 {
                return Err(err("expected at least 5 tab-separated fields"));
            }
            let kind = PlaceKind::parse(f[0]).ok_or_else(|| err("unknown kind"))?;
            let lat: f64 = f[3].parse().map_err(|_| err("bad latitude"))?;
            let lon: f64 = f[4].parse().map_err(|_| err("bad longitude"))?;
            let rank = f.get(5).and_then(|r| r.parse().ok()).unwrap_or(0);
            let country = (!f[2].is_empty()).then(|| f[2].to_string());
            let alts: Vec<&str> =
                f.get(6).map(|a| a.split('|').filter(|s| !s.is_empty()).collect()).unwrap_or_default();
            if kind == PlaceKind::Country {
                if let (Some(a2), Some(a3)) = (f.get(7).filter(|s| !s.is_empty()), &country) {
                    g.alpha2.insert(a2.to_string(), a3.clone());
                }
            }
            g.add(Place { name: f[1].to_string(), kind, country, lat, lon, rank }, &alts);
        }
        g.sort_index();
        Ok(g)
    }

    /// Adds a place under its name and other names. Call [`Gazetteer::sort_index`] after a
    /// batch of additions (lookups are correct without it, only the order of candidates is
    /// not).
    pub fn add(&mut self, place: Place, other_names: &[&str]) {
        let id = self.places.len() as u32;
        let mut keys: Vec<String> =
            std::iter::once(place.name.as_str()).chain(other_names.iter().copied()).map(name_key).collect();
        if keys.len() > 1 {
            keys.sort_unstable();
            keys.dedup();
        }
        for key in keys {
            if key.is_empty() {
                continue;
            }
            self.max_words = self.max_words.max(key.bytes().filter(|&b| b == b' ').count() + 1);
            let ids = self.index.entry(key).or_default();
            // The same place twice under one name (a city in two source lists) adds nothing.
            if !ids.iter().any(|&o| same_place(&self.places[o as usize], &place)) {
                ids.push(id);
            }
        }
        self.places.push(place);
    }

    /// Orders each name's places likeliest first.
    pub fn sort_index(&mut self) {
        let places = &self.places;
        for ids in self.index.values_mut() {
            ids.sort_by_key(|&i| places[i as usize].prior());
            // A region and a city of the same name in the same country: the city, usually
            // the region's seat ("near Bushehr").
            if let Some(&first) = ids.first() {
                let r = &places[first as usize];
                if r.kind == PlaceKind::Region {
                    if let Some(k) = ids.iter().position(|&i| {
                        let p = &places[i as usize];
                        matches!(p.kind, PlaceKind::City | PlaceKind::Capital) && p.country == r.country
                    }) {
                        let city = ids.remove(k);
                        ids.insert(0, city);
                    }
                }
            }
        }
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// Number of distinct names.
    pub fn names(&self) -> usize {
        self.index.len()
    }

    /// The places a name may denote, likeliest first.
    pub fn lookup(&self, name: &str) -> Vec<&Place> {
        self.index
            .get(&name_key(name))
            .map(|ids| ids.iter().map(|&i| &self.places[i as usize]).collect())
            .unwrap_or_default()
    }

    /// The country entry of an alpha-3 code.
    pub fn country(&self, alpha3: &str) -> Option<&Place> {
        self.places.iter().find(|p| p.kind == PlaceKind::Country && p.country.as_deref() == Some(alpha3))
    }

    /// The alpha-3 code of an ISO alpha-2 code.
    pub fn alpha3(&self, alpha2: &str) -> Option<&str> {
        self.alpha2.get(alpha2).map(String::as_str)
    }

    fn ids(&self, key: &str) -> Option<&[u32]> {
        self.index.get(key).map(Vec::as_slice)
    }

    /// Adds the places of a GeoNames dump (`cities500.txt`, `cities15000.txt`,
    /// `allCountries.txt`, a country file): populated places, first-level regions,
    /// countries, seas and areas, with their ASCII other names. Returns the number added.
    pub fn extend_geonames(&mut self, path: &Path) -> std::io::Result<usize> {
        let file = std::fs::File::open(path)?;
        let mut added = 0;
        let mut populations: Vec<(u32, u64)> = Vec::new();
        for (n, line) in BufReader::new(file).lines().enumerate() {
            let line = line?;
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 15 {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!(
                        "{}:{}: expected 19 tab-separated GeoNames fields, found {}",
                        path.display(),
                        n + 1,
                        f.len()
                    ),
                ));
            }
            let (class, code) = (f[6], f[7]);
            let kind = match (class, code) {
                ("P", _) if code.starts_with("PPLC") => PlaceKind::Capital,
                ("P", _) => PlaceKind::City,
                ("A", "ADM1") => PlaceKind::Region,
                ("A", c) if c.starts_with("PCL") => PlaceKind::Country,
                ("H", "SEA" | "GULF" | "STRT" | "OCN" | "BAY" | "LK" | "CHN" | "CNL") => PlaceKind::Water,
                ("L", "RGN" | "AREA" | "TERR" | "ZN") | ("T", "PEN" | "ISLS" | "ISL" | "MTS") => PlaceKind::Area,
                _ => continue,
            };
            let (Ok(lat), Ok(lon)) = (f[4].parse::<f64>(), f[5].parse::<f64>()) else {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!("{}:{}: bad coordinates {:?} {:?}", path.display(), n + 1, f[4], f[5]),
                ));
            };
            let country = self.alpha2.get(f[8]).cloned().or_else(|| (!f[8].is_empty()).then(|| f[8].to_string()));
            let population: u64 = f[14].parse().unwrap_or(0);
            let mut alts: Vec<&str> = Vec::new();
            if f[2] != f[1] && !f[2].is_empty() {
                alts.push(f[2]);
            }
            // Other names in Latin letters only; the rest cannot match English text.
            alts.extend(f[3].split(',').filter(|a| {
                !a.is_empty()
                    && a.len() <= 40
                    && a.chars().all(|c| c.is_ascii() || c.is_alphabetic() && (c as u32) < 0x250)
            }));
            if kind == PlaceKind::City || kind == PlaceKind::Capital {
                populations.push((self.places.len() as u32, population));
            }
            self.add(Place { name: f[1].to_string(), kind, country, lat, lon, rank: 0 }, &alts);
            added += 1;
        }
        // Rank the file's cities by population within their countries.
        populations.sort_by_key(|p| std::cmp::Reverse(p.1));
        let mut per_country: HashMap<Option<String>, u32> = HashMap::new();
        for (id, pop) in populations {
            let p = &mut self.places[id as usize];
            let n = per_country.entry(p.country.clone()).or_insert(0);
            *n += 1;
            p.rank = if pop == 0 { 1000 } else { *n };
        }
        self.sort_index();
        Ok(added)
    }
}

/// Reads a GeoNames dump (cities500 / allCountries tab format) into a gazetteer that also
/// holds the embedded countries, seas and named regions (whose codes map GeoNames' alpha-2
/// country codes to alpha-3).
pub fn load_geonames(path: impl AsRef<Path>) -> std::io::Result<Gazetteer> {
    let base = Gazetteer::shared();
    let mut g = Gazetteer { alpha2: base.alpha2.clone(), ..Gazetteer::default() };
    let mut names: HashMap<u32, Vec<&str>> = HashMap::new();
    for (key, ids) in &base.index {
        for &id in ids {
            names.entry(id).or_default().push(key);
        }
    }
    for (id, p) in base.places.iter().enumerate() {
        if matches!(p.kind, PlaceKind::Country | PlaceKind::Area | PlaceKind::Water) {
            g.add(p.clone(), names.get(&(id as u32)).map(Vec::as_slice).unwrap_or(&[]));
        }
    }
    g.extend_geonames(path.as_ref())?;
    Ok(g)
}

fn same_place(a: &Place, b: &Place) -> bool {
    a.country == b.country && (a.lat - b.lat).abs() < 0.05 && (a.lon - b.lon).abs() < 0.05
}

/// Folds a letter with a diacritic to its ASCII base letter (the common Latin ones).
fn fold(c: char) -> Option<char> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => 'e',
        'ğ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => 'i',
        'ł' => 'l',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ř' => 'r',
        'ś' | 'š' | 'ş' | 'ș' => 's',
        'ť' | 'ţ' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        'ß' => 's',
        _ => return None,
    })
}

/// One word in its matching form: lower case, diacritics folded, apostrophes and full stops
/// dropped ("St." = "St", "L'viv" = "Lviv", "U.S." = "US").
fn norm_word(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    for c in w.chars() {
        if matches!(c, '\'' | '’' | '‘' | '`' | '.' | ',' | 'ʼ' | 'ʻ') {
            continue;
        }
        for l in c.to_lowercase() {
            out.push(fold(l).unwrap_or(l));
        }
    }
    out
}

/// A name's key: its words in matching form, split at spaces, hyphens and slashes, joined
/// by one space.
fn name_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    for c in name.chars() {
        if c.is_whitespace() || matches!(c, '-' | '–' | '/') {
            space = !out.is_empty();
            continue;
        }
        if matches!(c, '\'' | '’' | '‘' | '`' | '.' | ',' | 'ʼ' | 'ʻ') {
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            for l in c.to_lowercase() {
                out.push(fold(l).unwrap_or(l));
            }
        }
    }
    out
}

/// A place name found in a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceMention {
    /// Token range of the name.
    pub tokens: Range<usize>,
    /// The place chosen (the likeliest candidate until [`resolve`] says otherwise).
    pub place: Place,
    /// Every place the name may denote, likeliest first.
    pub candidates: Vec<Place>,
}

/// Capitalised words that may stand before a place name without being part of a longer name.
const FREE_BEFORE: &[&str] = &[
    "in",
    "at",
    "on",
    "of",
    "to",
    "from",
    "near",
    "outside",
    "inside",
    "into",
    "across",
    "the",
    "and",
    "or",
    "with",
    "for",
    "by",
    "as",
    "but",
    "after",
    "before",
    "since",
    "while",
    "when",
    "if",
    "a",
    "an",
    "both",
    "between",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "north",
    "south",
    "east",
    "west",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "upper",
    "lower",
    "greater",
    "occupied",
    "neighbouring",
    "neighboring",
    "rural",
    "downtown",
    "coastal",
    "mainland",
    "breakaway",
    "restive",
    "landlocked",
    "oil-rich",
    "war-torn",
    "president",
    "ambassador",
    "envoy",
    "mayor",
    "governor",
    "premier",
    "then",
    "all",
    "so",
    "yet",
    "meanwhile",
    "also",
    "like",
    "unlike",
    "about",
    "against",
    "over",
    "under",
    "through",
    "throughout",
    "around",
    "via",
    "toward",
    "towards",
    "within",
    "beyond",
    "off",
];

/// Capitalised words after a place name that make it part of an organisation's name.
const ORG_AFTER: &[&str] = &[
    "times",
    "post",
    "tech",
    "university",
    "college",
    "institute",
    "airlines",
    "airways",
    "air",
    "daily",
    "journal",
    "herald",
    "tribune",
    "telegraph",
    "mail",
    "news",
    "television",
    "tv",
    "radio",
    "today",
    "club",
    "fc",
    "united",
    "city",
    "rovers",
    "wanderers",
    "group",
    "corp",
    "corporation",
    "inc",
    "ltd",
    "bank",
    "exchange",
    "stock",
    "symphony",
    "orchestra",
    "opera",
    "zoo",
    "airport",
    "street",
    "avenue",
    "road",
    "square",
    "review",
    "gazette",
    "observer",
    "guardian",
    "express",
    "standard",
    "chronicle",
    "monitor",
    "star",
    "sun",
    "globe",
    "pictures",
    "records",
    "state",
    "capitals",
    "nationals",
    "senators",
    "giants",
    "rangers",
    "kings",
    "lakers",
    "dynamo",
    "spartak",
    "lokomotiv",
    "conference",
    "declaration",
    "accord",
    "accords",
    "agreement",
    "protocol",
    "convention",
    "treaty",
    "summit",
    "talks",
    "process",
    "group's",
    "format",
    "memorandum",
    "syndrome",
];

/// Names that are also common English words or parts of other names: found only after a
/// locative preposition ("in Nice", not "Nice try").
const WORD_NAMES: &[&str] = &[
    "split",
    "nice",
    "reading",
    "mobile",
    "deal",
    "bath",
    "orange",
    "sale",
    "hope",
    "independence",
    "march",
    "may",
    "of",
    "male",
    "union",
    "state",
    "states",
    "university",
    "republic",
    "kingdom",
    "gulf",
    "victoria",
    "lincoln",
    "concord",
    "liberty",
    "progress",
    "unity",
    "justice",
    "providence",
    "eden",
    "paradise",
    "enterprise",
];

fn is_cap(form: &str) -> bool {
    form.chars().next().is_some_and(char::is_uppercase)
}

fn is_alpha_word(form: &str) -> bool {
    form.chars().next().is_some_and(char::is_alphabetic)
}

/// Finds the place names of a sentence: longest match over token forms, starting at a
/// capitalised word, skipping names that are parts of person or organisation names.
pub fn find_places(gaz: &Gazetteer, sentence: &Sentence) -> Vec<PlaceMention> {
    let toks = &sentence.tokens;
    let n = toks.len();
    let norm: Vec<String> = toks.iter().map(|t| norm_word(&t.form)).collect();
    let joiner = |k: usize| matches!(toks[k].form.as_str(), "-" | "–" | "/");
    // A title-case headline capitalises every word: capitalisation says nothing there.
    let alpha: Vec<&str> = toks.iter().map(|t| t.form.as_str()).filter(|f| is_alpha_word(f)).collect();
    let capped = alpha.iter().filter(|f| is_cap(f)).count();
    let ends_as_sentence = toks.last().is_some_and(|t| matches!(t.form.as_str(), "." | "!" | "?"));
    let title_case = !ends_as_sentence && alpha.len() >= 4 && capped * 4 >= alpha.len() * 3;

    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        if !is_cap(&toks[i].form) || norm[i].is_empty() {
            i += 1;
            continue;
        }
        // Longest match from i.
        let mut key = String::new();
        let mut words = 0;
        let mut best: Option<(usize, &[u32])> = None;
        let mut j = i;
        while j < n && words < gaz.max_words {
            if j > i && joiner(j) {
                j += 1;
                continue;
            }
            let w = &norm[j];
            if w.is_empty() || !toks[j].form.chars().next().is_some_and(char::is_alphanumeric) {
                break;
            }
            if !key.is_empty() {
                key.push(' ');
            }
            key.push_str(w);
            words += 1;
            j += 1;
            if is_cap(&toks[j - 1].form) {
                if let Some(ids) = gaz.ids(&key) {
                    best = Some((j, ids));
                }
            }
        }
        let Some((end, ids)) = best else {
            i += 1;
            continue;
        };
        if !title_case && part_of_longer_name(toks, &norm, i, end) {
            i = end;
            continue;
        }
        if end == i + 1 && WORD_NAMES.contains(&norm[i].as_str()) && !word_name_ok(toks, &norm, i) {
            i = end;
            continue;
        }
        let candidates: Vec<Place> = ids.iter().map(|&id| gaz.places[id as usize].clone()).collect();
        out.push(PlaceMention { tokens: i..end, place: candidates[0].clone(), candidates });
        i = end;
    }
    out
}

/// A word-like name ("Nice", "Split") counts only after a locative preposition.
fn word_name_ok(toks: &[dyad_core::Token], norm: &[String], i: usize) -> bool {
    i > 0 && LOCATIVE.contains(&norm[i - 1].as_str()) && is_cap(&toks[i].form)
}

/// Whether the name at `i..end` is part of a person's or organisation's name: a capitalised
/// word before it that is not a function word ("Michael Jordan", "George Washington"), or an organisation word after it ("Georgia Tech", "Moscow Times").
fn part_of_longer_name(toks: &[dyad_core::Token], norm: &[String], i: usize, end: usize) -> bool {
    if i > 0 {
        let prev = &toks[i - 1].form;
        if is_cap(prev)
            && is_alpha_word(prev)
            && !FREE_BEFORE.contains(&norm[i - 1].as_str())
            && !is_demonym_like(&norm[i - 1])
            && !is_month_or_day(&norm[i - 1])
            && !prev.chars().all(|c| c.is_uppercase() || !c.is_alphabetic())
        {
            return true;
        }
    }
    if let Some(next) = toks.get(end) {
        if is_cap(&next.form) && ORG_AFTER.contains(&norm[end].as_str()) {
            return true;
        }
        // A first name: "George Washington", "Victoria Beckham"; not after a locative
        // ("in Moscow Putin said").
        let after_locative = i > 0 && LOCATIVE.contains(&norm[i - 1].as_str());
        if is_cap(&next.form)
            && is_alpha_word(&next.form)
            && !after_locative
            && !FREE_BEFORE.contains(&norm[end].as_str())
            && !is_month_or_day(&norm[end])
            && next.form.chars().any(char::is_lowercase)
        {
            return true;
        }
    }
    false
}

fn is_demonym_like(w: &str) -> bool {
    const DEMONYMS: &[&str] = &[
        "kazakh", "uzbek", "tajik", "turkmen", "kyrgyz", "thai", "french", "dutch", "swiss", "greek", "czech",
        "slovak", "chechen", "serb", "croat", "bosniak", "basque", "arab", "kurd", "afghan", "lao", "malay", "nepali",
    ];
    (["an", "ian", "ese", "ish", "i", "ic"].iter().any(|s| w.ends_with(s)) && w.len() > 4) || DEMONYMS.contains(&w)
}

fn is_month_or_day(w: &str) -> bool {
    matches!(
        w,
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
    )
}

/// The countries a document mentions, most mentioned first: every mention whose candidates
/// all lie in one country counts for it (an ambiguous "Georgia" counts for neither).
pub fn story_countries<'a>(mentions: impl IntoIterator<Item = &'a PlaceMention>) -> Vec<String> {
    let mut counts: Vec<(String, usize, usize)> = Vec::new();
    for (order, m) in mentions.into_iter().enumerate() {
        let Some(c) = m.candidates.first().and_then(|p| p.country.as_ref()) else {
            continue;
        };
        if m.candidates.iter().any(|p| p.country.as_ref() != Some(c)) {
            continue;
        }
        match counts.iter_mut().find(|(k, _, _)| k == c) {
            Some(e) => e.1 += 1,
            None => counts.push((c.clone(), 1, order)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    counts.into_iter().map(|(c, _, _)| c).collect()
}

/// The places of every sentence of a document, each resolved by the countries the whole
/// document mentions (returned too, most mentioned first).
pub fn document_places(gaz: &Gazetteer, sentences: &[Sentence]) -> (Vec<Vec<PlaceMention>>, Vec<String>) {
    let mut per_sentence: Vec<Vec<PlaceMention>> = sentences.iter().map(|s| find_places(gaz, s)).collect();
    let story = story_countries(per_sentence.iter().flatten());
    for mentions in &mut per_sentence {
        resolve(mentions, &story);
    }
    (per_sentence, story)
}

/// Chooses each ambiguous mention's place by the story's countries: the likeliest candidate
/// that lies in one of them, else the likeliest candidate.
pub fn resolve(mentions: &mut [PlaceMention], story_countries: &[String]) {
    for m in mentions {
        m.place = resolve_one(m, story_countries).clone();
    }
}

/// The place one mention most likely denotes in a story about `story_countries`.
pub fn resolve_one<'a>(m: &'a PlaceMention, story_countries: &[String]) -> &'a Place {
    if m.candidates.len() > 1 {
        let rank = |p: &Place| p.country.as_ref().and_then(|c| story_countries.iter().position(|s| s == c));
        // The most mentioned country first; within it, the gazetteer's order.
        if let Some((_, best)) =
            m.candidates.iter().enumerate().filter(|(_, p)| rank(p).is_some()).min_by_key(|(pos, p)| (rank(p), *pos))
        {
            return best;
        }
    }
    m.candidates.first().unwrap_or(&m.place)
}

/// Prepositions that make a place the location of what the clause tells.
const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "from",
    "across",
    "throughout",
    "around",
    "within",
    "off",
    "nearby",
    "to",
    "into",
    "toward",
    "towards",
    "through",
    "via",
    "over",
    "along",
];

/// Verbs whose object is where the event happens.
const VISIT_VERBS: &[&str] = &[
    "visit", "visits", "visited", "visiting", "tour", "tours", "toured", "touring", "reach", "reached", "reaches",
    "entered", "enter", "enters", "invaded", "invade", "invades", "bombed", "bomb", "shelled", "raided", "struck",
    "attacked", "occupied", "hit",
];

/// Words a locative phrase may hold between its preposition and the place ("in the southern
/// port city of Bushehr") are lower-case; these end the search instead.
const PHRASE_BREAK: &[&str] = &[
    "which", "that", "who", "whom", "whose", "where", "when", "and", "or", "but", "as", "than", "with", "by", "said",
    "says", "told", "is", "was", "are", "were", "be", "been", "has", "have", "had", "will", "would", "not", "said",
    "after", "before", "for", "on", "about", "against", "it", "its", "they", "their", "them", "he", "she", "his",
    "her", "him", "we", "our", "us", "you", "i",
];

/// The strength of the locative that introduces a place: 0 for "in/at/near/outside/from...",
/// 1 for "to/into/towards..." (where someone went), `None` when no locative introduces it.
fn locative_strength(s: &Sentence, start: usize) -> Option<(u8, usize)> {
    let toks = &s.tokens;
    let mut k = start;
    for _ in 0..7 {
        if k == 0 {
            return None;
        }
        k -= 1;
        let f = toks[k].form.to_lowercase();
        if let Some(p) = LOCATIVE.iter().position(|l| *l == f) {
            if p < 12 {
                return Some((0, k));
            }
            // "to Moscow", "to the capital": near the place only; "to give a share of the
            // Caspian" is an infinitive, not a direction.
            let infinitive = toks.get(k + 1).is_some_and(|t| t.upos == dyad_core::Upos::Verb);
            return (start - k <= 3 && !infinitive).then_some((1, k));
        }
        // "visited Moscow", "toured the Gaza Strip": a place as the object of a visit.
        if VISIT_VERBS.contains(&f.as_str()) {
            return Some((1, k));
        }
        // "in the Kazakh capital, Astana": an apposition to a place noun.
        if f == "," && k > 0 && APPOSITION_HEADS.contains(&toks[k - 1].form.to_lowercase().as_str()) {
            continue;
        }
        let word = f.starts_with(char::is_alphabetic) && f.chars().all(|c| c.is_alphabetic() || c == '-');
        let capital_adj = is_cap(&toks[k].form) && is_demonym_like(&norm_word(&toks[k].form));
        if !word || PHRASE_BREAK.contains(&f.as_str()) || (is_cap(&toks[k].form) && !capital_adj) {
            return None;
        }
    }
    None
}

/// Nouns that a place name may follow in apposition ("the capital, Astana").
const APPOSITION_HEADS: &[&str] = &[
    "capital",
    "city",
    "town",
    "port",
    "village",
    "region",
    "province",
    "state",
    "republic",
    "district",
    "enclave",
    "stronghold",
    "hometown",
    "border",
    "island",
];

/// A dateline: an upper-case place name opening the text, followed by a dash, comma or
/// parenthesis ("MOSCOW (Reuters) -").
fn is_dateline(s: &Sentence, m: &PlaceMention) -> bool {
    m.tokens.start == 0
        && s.tokens[m.tokens.clone()].iter().all(|t| !t.form.chars().any(char::is_lowercase))
        && s.tokens.get(m.tokens.end).is_some_and(|t| matches!(t.form.as_str(), "-" | "--" | "—" | "–" | "(" | ","))
}

/// The place of the event whose verb is `verb`: a locative place in the verb's clause ("in
/// Astana", "near Bushehr"), else the sentence's first locative place, else none. Places
/// inside `exclude` (the event's actors: "Russia" in "Russia signed") are not its place,
/// except cities and named places after "in/at/near..." or a visit ("visited Moscow");
/// ambiguous names are settled by `story_countries`.
pub fn event_location(
    sentence: &Sentence,
    verb: usize,
    places: &[PlaceMention],
    exclude: &[Range<usize>],
    story_countries: &[String],
) -> Option<Location> {
    let parsed = crate::is_parsed(sentence);
    let overlaps = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
    let mut candidates: Vec<(&PlaceMention, u8)> = Vec::new();
    // (end, strength, preposition) of the previous mention, for coordinations.
    let mut previous: Option<(usize, u8)> = None;
    // Token index of the preposition that introduces each candidate.
    let mut preps: Vec<usize> = Vec::new();
    for m in places {
        if m.tokens.end > sentence.tokens.len() {
            continue;
        }
        let mut found = locative_strength(sentence, m.tokens.start);
        // "visit St Petersburg, and Tatarstan": a place coordinated with a locative one.
        if found.is_none() {
            if let Some((end, strength)) = previous {
                let between = sentence.tokens.get(end..m.tokens.start).unwrap_or(&[]);
                if !between.is_empty() && between.iter().all(|t| matches!(t.form.as_str(), "," | "and" | "or")) {
                    found = Some((strength, usize::MAX));
                }
            }
        }
        previous = found.map(|(strength, _)| (m.tokens.end, strength));
        if exclude.iter().any(|x| overlaps(x, &m.tokens)) {
            // An actor is not the event's place ("Russia condemned Georgia"), unless it is a
            // city or named place that a locative or a visit introduces: "visited Moscow",
            // "in the Kremlin" say where, whoever the coder took them to be.
            let place_phrase = m.place.kind != PlaceKind::Country
                && found.is_some_and(|(strength, k)| {
                    strength == 0
                        || sentence.tokens.get(k).is_some_and(|t| VISIT_VERBS.contains(&t.form.to_lowercase().as_str()))
                });
            if !place_phrase {
                continue;
            }
        }
        if let Some((strength, prep)) = found {
            candidates.push((m, strength));
            preps.push(prep);
        } else if is_dateline(sentence, m) {
            candidates.push((m, 2));
            preps.push(usize::MAX);
        }
    }
    // "near Bushehr in southern Iran": a place that locates another place is not the event's,
    // also when the other place is an actor below a country ("visit St Petersburg, and
    // Tatarstan in central Russia" with Tatarstan the target).
    let located_actors =
        places.iter().filter(|m| m.place.kind != PlaceKind::Country && exclude.iter().any(|x| overlaps(x, &m.tokens)));
    let contained_ends: Vec<usize> =
        candidates.iter().map(|(m, _)| m.tokens.end).chain(located_actors.map(|m| m.tokens.end)).collect();
    let mut k = 0;
    candidates.retain(|_| {
        let prep = preps[k];
        k += 1;
        !(prep != usize::MAX && sentence.tokens[prep].form.eq_ignore_ascii_case("in") && contained_ends.contains(&prep))
    });
    if candidates.is_empty() {
        return None;
    }
    let dist = |r: &Range<usize>| {
        if verb < r.start {
            r.start - verb
        } else {
            verb.saturating_sub(r.end - 1)
        }
    };
    let in_clause: Vec<&(&PlaceMention, u8)> = if parsed && verb < sentence.tokens.len() {
        candidates
            .iter()
            .filter(|(m, _)| attachment_rank(sentence, verb, m.tokens.clone()).is_some_and(|r| r <= 1))
            .collect()
    } else {
        // Without a parse, the clause is the stretch between strong boundaries.
        candidates.iter().filter(|(m, _)| !boundary_between(sentence, verb, m.tokens.start)).collect()
    };
    let chosen = if in_clause.is_empty() {
        // The sentence's first locative (a dateline only when there is nothing else).
        candidates.iter().min_by_key(|(m, s)| (*s == 2, m.tokens.start)).map(|(m, _)| *m)
    } else {
        let rank = |m: &PlaceMention| {
            if parsed {
                attachment_rank(sentence, verb, m.tokens.clone()).unwrap_or(3)
            } else {
                0
            }
        };
        in_clause.iter().min_by_key(|(m, s)| (rank(m), *s, dist(&m.tokens))).map(|(m, _)| *m)
    }?;
    Some(resolve_one(chosen, story_countries).location())
}

/// Whether a clause boundary (`;`, `:`, a quotation mark or a reporting verb after a comma)
/// lies between tokens `a` and `b`.
fn boundary_between(s: &Sentence, a: usize, b: usize) -> bool {
    let (lo, hi) = if a < b { (a, b) } else { (b, a) };
    s.tokens[lo.min(s.tokens.len())..hi.min(s.tokens.len())]
        .iter()
        .any(|t| matches!(t.form.as_str(), ";" | ":" | "\"" | "“" | "”"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_case_diacritics_and_punctuation() {
        assert_eq!(name_key("St. Petersburg"), "st petersburg");
        assert_eq!(name_key("Nur-Sultan"), "nur sultan");
        assert_eq!(name_key("Côte d'Ivoire"), "cote divoire");
        assert_eq!(name_key("U.S."), "us");
        assert_eq!(name_key("Washington, D.C."), "washington dc");
    }
}
