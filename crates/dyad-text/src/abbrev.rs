//! Abbreviations and bound prefixes of English news text.

/// Titles and name parts: written with a period, followed by a name, never ending a sentence.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "pvt", "cmdr", "cdr",
    "adm", "brig", "gov", "sen", "rep", "rev", "hon", "pres", "amb", "st", "mt", "ft", "messrs", "mme", "mlle", "supt",
    "insp", "atty", "gens", "reps", "sens", "vs",
];

/// Abbreviations that are not English words: the period is theirs, and they may end a sentence.
const OTHERS: &[&str] = &[
    "jan", "feb", "apr", "aug", "sep", "sept", "oct", "nov", "dec", "tue", "tues", "thu", "thur", "thurs", "fri",
    "etc", "inc", "corp", "ltd", "bros", "dept", "univ", "assn", "ave", "blvd", "approx", "ariz", "ark", "calif",
    "colo", "conn", "fla", "kan", "kans", "ky", "mich", "minn", "mont", "neb", "nev", "okla", "tenn", "tex", "vt",
    "wis", "wyo", "govt", "intl", "natl", "jr", "sr", "yrs", "hrs", "mins", "cf",
];

/// Abbreviations that are also words ("said no.", "the sun."): the period is theirs only when
/// a number or a lowercase word follows (`No. 5`, `Co. said`, `Mar. 3`).
const AMBIGUOUS: &[&str] = &[
    "no", "nos", "co", "mar", "jun", "jul", "sun", "sat", "wed", "mon", "ill", "mass", "miss", "wash", "ore", "del",
    "ind", "pa", "la", "mo", "md", "ga", "al", "ca", "va", "fig", "art", "ch", "op", "p", "pp", "v", "est", "vol",
    "rd", "min", "max", "no", "det",
];

fn lower_stem(word_with_period: &str) -> Option<String> {
    let w = word_with_period.strip_suffix('.').unwrap_or(word_with_period);
    (!w.is_empty() && w.len() <= 7).then(|| w.to_ascii_lowercase())
}

/// Whether the final period of `word.` belongs to the word, given the next non-space character.
pub fn period_belongs(word_with_period: &str, next: Option<char>) -> bool {
    let Some(w) = lower_stem(word_with_period) else { return false };
    if TITLES.contains(&w.as_str()) || OTHERS.contains(&w.as_str()) {
        return true;
    }
    AMBIGUOUS.contains(&w.as_str()) && next.is_some_and(|c| c.is_ascii_digit() || c.is_lowercase())
}

/// Abbreviations that precede a name or number and so never end a sentence.
pub fn is_title(word_with_period: &str) -> bool {
    lower_stem(word_with_period).is_some_and(|w| TITLES.contains(&w.as_str()))
}

/// Prefixes that UD English keeps attached across a hyphen (`co-workers`, `e-mail`).
const BOUND_PREFIXES: &[&str] = &[
    "e", "co", "pre", "post", "non", "semi", "re", "multi", "ex", "anti", "sub", "socio", "un", "psycho", "mid",
    "inter", "intra", "counter", "pro", "neo", "quasi", "ultra", "mega", "mini", "x", "bi", "tri", "de", "over",
    "under", "vice",
];

pub fn is_bound_prefix(word: &str) -> bool {
    word.len() <= 7 && BOUND_PREFIXES.iter().any(|p| p.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ambiguous_abbreviations_need_a_following_number_or_lowercase() {
        assert!(period_belongs("No.", Some('5')));
        assert!(!period_belongs("no.", Some('T')));
        assert!(!period_belongs("no.", None));
        assert!(period_belongs("Gen.", Some('L')));
        assert!(period_belongs("etc.", None));
        assert!(!period_belongs("Moscow.", Some('T')));
    }
}
