//! Place names in the project's own sentences, resolved with the embedded gazetteer.

use dyad_core::{Location, Sentence};
use dyad_enrich::{event_location, find_places, load_geonames, resolve, story_countries, Gazetteer, PlaceKind};
use std::ops::Range;

fn sentence(text: &str) -> Sentence {
    Sentence { text: text.to_string(), span: 0..text.len(), tokens: dyad_text::tokenize(text), ..Sentence::default() }
}

fn gaz() -> &'static Gazetteer {
    Gazetteer::shared()
}

fn names(text: &str) -> Vec<String> {
    let s = sentence(text);
    find_places(gaz(), &s).into_iter().map(|m| m.place.name).collect()
}

fn tok(s: &Sentence, form: &str) -> usize {
    s.tokens.iter().position(|t| t.form == form).unwrap_or_else(|| panic!("no token {form}"))
}

fn span(s: &Sentence, form: &str) -> Range<usize> {
    let i = tok(s, form);
    i..i + 1
}

/// The location of the event at `verb`, with the tokens `actors` excluded.
fn location(text: &str, verb: &str, actors: &[&str]) -> Option<Location> {
    let s = sentence(text);
    let places = find_places(gaz(), &s);
    let exclude: Vec<Range<usize>> = actors.iter().map(|a| span(&s, a)).collect();
    let story = story_countries(&places);
    event_location(&s, tok(&s, verb), &places, &exclude, &story)
}

fn near(loc: &Location, lat: f64, lon: f64, tol: f64) -> bool {
    (loc.lat - lat).abs() < tol && (loc.lon - lon).abs() < tol
}

#[test]
fn embedded_gazetteer_has_the_places_of_news() {
    let g = gaz();
    assert!(g.len() > 5000, "{} places", g.len());
    let moscow = g.lookup("Moscow")[0];
    assert_eq!(moscow.country.as_deref(), Some("RUS"));
    assert!((moscow.lat - 55.75).abs() < 0.05 && (moscow.lon - 37.62).abs() < 0.05, "{moscow:?}");
    for (name, country) in [
        ("Tehran", "IRN"),
        ("Teheran", "IRN"),
        ("Kyiv", "UKR"),
        ("Kiev", "UKR"),
        ("Astana", "KAZ"),
        ("Nur-Sultan", "KAZ"),
        ("St Petersburg", "RUS"),
        ("St. Petersburg", "RUS"),
        ("New York", "USA"),
        ("Bushehr", "IRN"),
        ("Tatarstan", "RUS"),
        ("Gaza Strip", "PSE"),
        ("West Bank", "PSE"),
        ("Crimea", "UKR"),
        ("Donbas", "UKR"),
        ("Mumbai", "IND"),
        ("Bombay", "IND"),
        ("Cairo", "EGY"),
        ("Riyadh", "SAU"),
        ("Tashkent", "UZB"),
        ("Kazakhstan", "KAZ"),
        ("Turkmenistan", "TKM"),
    ] {
        let found = g.lookup(name);
        assert!(!found.is_empty(), "{name} not found");
        assert_eq!(found[0].country.as_deref(), Some(country), "{name}: {:?}", found[0]);
    }
    for sea in ["Caspian Sea", "Persian Gulf", "Central Asia", "Kashmir"] {
        let p = g.lookup(sea)[0];
        assert!(matches!(p.kind, PlaceKind::Water | PlaceKind::Area), "{sea}");
    }
    assert_eq!(g.lookup("Caspian Sea")[0].country, None);
    assert_eq!(g.country("IRN").unwrap().name, "Iran");
    assert_eq!(g.alpha3("IR"), Some("IRN"));
}

#[test]
fn finds_places_longest_first() {
    assert_eq!(names("Ships sailed from St. Petersburg to the Caspian Sea."), ["Saint Petersburg", "Caspian Sea"]);
    assert_eq!(names("Talks in Nur-Sultan and in New York ended."), ["Astana", "New York"]);
    assert_eq!(names("Troops left the Gaza Strip and South Korea."), ["Gaza Strip", "South Korea"]);
    assert_eq!(names("MOSCOW -- Officials met."), ["Moscow"]);
}

#[test]
fn skips_names_inside_person_and_organisation_names() {
    assert_eq!(names("Michael Jordan visited Chicago."), ["Chicago"]);
    assert!(names("A statue of George Washington stands there.").is_empty());
    assert!(names("The Moscow Times reported the story.").is_empty());
    assert!(names("He studied at Georgia Tech.").is_empty());
    // Title-case headlines keep their names.
    assert_eq!(names("Iran Talks Arms With the Kremlin"), ["Iran", "Kremlin"]);
}

#[test]
fn a_place_that_locates_an_actor_is_not_the_events() {
    // Bavaria, the target, is located by "in southern Germany"; the event is in Lyon.
    let text = "The envoy will then travel to Lyon, and to Bavaria in southern Germany.";
    let loc = location(text, "travel", &["Bavaria"]).unwrap();
    assert_eq!(loc.name, "Lyon");
}

#[test]
fn event_location_prefers_locatives_in_the_verb_clause() {
    let loc = location("The two presidents began talks with aides in Moscow on Monday.", "began", &["aides"]).unwrap();
    assert_eq!(loc.name, "Moscow");
    assert_eq!(loc.country.as_deref(), Some("RUS"));
    assert!(near(&loc, 55.75, 37.62, 0.05), "{loc:?}");

    let loc = location("Russia's envoy is to arrive in Astana for talks.", "arrive", &["Russia"]).unwrap();
    assert_eq!((loc.name.as_str(), loc.country.as_deref()), ("Astana", Some("KAZ")));

    let loc = location("Russia is building a reactor near Bushehr.", "building", &["Russia"]).unwrap();
    assert_eq!(loc.country.as_deref(), Some("IRN"));
    assert!(near(&loc, 28.92, 50.82, 0.3), "{loc:?}");

    let loc = location("Tankers collided in the Caspian Sea.", "collided", &[]).unwrap();
    assert_eq!((loc.name.as_str(), loc.country.as_deref()), ("Caspian Sea", None));

    let loc = location("Police detained protesters in the southern port city of Basra.", "detained", &[]).unwrap();
    assert_eq!(loc.name, "Basra");
}

#[test]
fn actors_are_not_locations() {
    assert_eq!(location("Russia condemned Georgia.", "condemned", &["Russia", "Georgia"]), None);
    // A place that is not introduced by a locative is no location either.
    assert_eq!(location("Moscow's policy angered Tehran.", "angered", &[]), None);
    let loc = location("Iran accused Iraq of shelling villages in Kurdistan.", "accused", &["Iran", "Iraq"]).unwrap();
    assert_eq!(loc.name, "Kurdistan");
}

#[test]
fn ambiguous_names_follow_the_story() {
    let story_text =
        ["Voters lined up in Atlanta and Savannah.", "The governor of Georgia said turnout was high in Georgia."];
    let mut mentions = Vec::new();
    for t in story_text {
        mentions.extend(find_places(gaz(), &sentence(t)));
    }
    let story = story_countries(&mentions);
    assert_eq!(story.first().map(String::as_str), Some("USA"));
    let mut georgia: Vec<_> = mentions.iter().filter(|m| m.place.name == "Georgia").cloned().collect();
    assert_eq!(georgia.len(), 2);
    // Alone, Georgia is the country.
    assert_eq!(georgia[0].place.country.as_deref(), Some("GEO"));
    resolve(&mut georgia, &story);
    assert_eq!(georgia[0].place.country.as_deref(), Some("USA"));
    assert_eq!(georgia[0].place.kind, PlaceKind::Region);

    // In a story about the Caucasus it stays the country.
    let caucasus: Vec<_> =
        find_places(gaz(), &sentence("Tanks moved from Tbilisi toward Georgia's border with Russia."));
    let story = story_countries(&caucasus);
    let s = sentence("Protesters marched in Georgia.");
    let places = find_places(gaz(), &s);
    let loc = event_location(&s, tok(&s, "marched"), &places, &[], &story).unwrap();
    assert_eq!(loc.country.as_deref(), Some("GEO"));
    let loc = event_location(&s, tok(&s, "marched"), &places, &[], &["USA".to_string()]).unwrap();
    assert_eq!(loc.country.as_deref(), Some("USA"));
}

#[test]
fn loads_a_geonames_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cities500.txt");
    // geonameid name asciiname alternatenames lat lon class code cc cc2 admin1-4 population elevation dem tz date
    let rows = [
        "1\tNew Dyadville\tNew Dyadville\tDyadtown,Дьядвиль\t10.5\t20.25\tP\tPPL\tKZ\t\t01\t\t\t\t350000\t\t100\tAsia/Almaty\t2024-01-01",
        "2\tOld Dyadville\tOld Dyadville\t\t11.0\t21.0\tP\tPPL\tKZ\t\t01\t\t\t\t900000\t\t100\tAsia/Almaty\t2024-01-01",
        "3\tDyad Province\tDyad Province\t\t12.0\t22.0\tA\tADM1\tKZ\t\t01\t\t\t\t0\t\t100\tAsia/Almaty\t2024-01-01",
        "4\tDyad Hill\tDyad Hill\t\t12.0\t22.0\tT\tHLL\tKZ\t\t01\t\t\t\t0\t\t100\tAsia/Almaty\t2024-01-01",
    ];
    std::fs::write(&path, rows.join("\n") + "\n").unwrap();
    let g = load_geonames(&path).unwrap();
    let p = g.lookup("Dyadtown")[0];
    assert_eq!(p.name, "New Dyadville");
    assert_eq!(p.country.as_deref(), Some("KAZ"));
    assert_eq!((p.lat, p.lon), (10.5, 20.25));
    assert_eq!(p.rank, 2, "ranked by population after Old Dyadville");
    assert_eq!(g.lookup("Dyad Province")[0].kind, PlaceKind::Region);
    assert!(g.lookup("Dyad Hill").is_empty(), "hills are not kept");
    // The embedded countries and seas come along.
    assert_eq!(g.lookup("Kazakhstan")[0].country.as_deref(), Some("KAZ"));
    assert!(!g.lookup("Caspian Sea").is_empty());
    let s = sentence("Officials met in New Dyadville.");
    let places = find_places(&g, &s);
    assert_eq!(places.len(), 1);

    std::fs::write(&path, "1\tbroken\n").unwrap();
    let err = load_geonames(&path).unwrap_err().to_string();
    assert!(err.contains("cities500.txt:1"), "{err}");
}

#[test]
fn regions_of_large_countries_beat_small_foreign_towns() {
    for (name, country, kind) in [
        ("Florida", "USA", PlaceKind::Region),
        ("Bushehr", "IRN", PlaceKind::City),
        ("Valencia", "ESP", PlaceKind::City),
        ("Tripoli", "LBY", PlaceKind::Capital),
    ] {
        let p = gaz().lookup(name)[0];
        assert_eq!((p.country.as_deref(), p.kind), (Some(country), kind), "{name}: {p:?}");
    }
}

#[test]
fn word_like_names_need_a_preposition_and_visits_locate() {
    assert!(names("Nice try, the minister said.").is_empty());
    assert_eq!(names("Talks were held in Nice."), ["Nice"]);
    let loc = location("On his first trip abroad this year, the minister will visit Moscow.", "visit", &[]).unwrap();
    assert_eq!(loc.name, "Moscow");
}

#[test]
fn document_places_resolve_by_the_whole_story() {
    let doc = ["Voters lined up in Atlanta.", "Turnout was high in Georgia."].map(sentence);
    let (places, story) = dyad_enrich::document_places(gaz(), &doc);
    assert_eq!(story[0], "USA");
    assert_eq!(places[1][0].place.country.as_deref(), Some("USA"));
}

#[test]
fn appositions_coordinations_and_containing_places() {
    let loc = location("Officials met near Basra in southern Iraq.", "met", &[]).unwrap();
    assert_eq!(loc.name, "Basra");
    let loc = location("Negotiators gathered in the Uzbek capital, Tashkent, at dawn.", "gathered", &[]).unwrap();
    assert_eq!(loc.name, "Tashkent");
    let loc = location("The delegation toured Samara, and Ufa in the Urals region.", "toured", &[]).unwrap();
    assert_eq!(loc.name, "Samara");
    // Lebanon is locative through the coordination: with Syria an actor, it is the place.
    let s = sentence("Riots broke out in Syria, and Lebanon.");
    let places = find_places(gaz(), &s);
    let loc = event_location(&s, tok(&s, "broke"), &places, &[span(&s, "Syria")], &[]).unwrap();
    assert_eq!(loc.name, "Lebanon");
}

#[test]
fn a_visited_city_is_the_place_even_as_target() {
    let loc = location("Khatami visited Moscow for talks.", "visited", &["Khatami", "Moscow"]).unwrap();
    assert_eq!(loc.name, "Moscow");
    // A country that is an actor stays excluded, whatever introduces it.
    assert_eq!(location("Iran sold missiles to Syria.", "sold", &["Iran", "Syria"]), None);
    assert_eq!(location("Khatami visited Russia.", "visited", &["Khatami", "Russia"]), None);
}

#[test]
fn infinitives_and_dashes_are_no_locatives() {
    let text = "Tehran wants to give a fair share of the Caspian Sea to all states around it -- Iran and Russia.";
    assert_eq!(location(text, "wants", &["Tehran"]), None);
    assert_eq!(location("Envoys flew to Baku.", "flew", &[]).unwrap().name, "Baku");
}
