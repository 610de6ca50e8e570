//! Page furniture: the banners, timestamps and prompts that scraped news pages carry around
//! the story. A block judged to be furniture never becomes a sentence to code.

/// Phrases that mark a short block as furniture (matched case-insensitively).
const CUES: &[&str] = &[
    "last updated",
    "updated:",
    "updated on",
    "published:",
    "published on",
    "posted:",
    "posted on",
    "get the latest",
    "latest updates",
    "sign up",
    "subscribe",
    "subscription",
    "newsletter",
    "notifications",
    "push alert",
    "on your browser",
    "in your browser",
    "in your inbox",
    "share this",
    "share on",
    "share via",
    "print this",
    "email this",
    "e-mail this",
    "click here",
    "read more",
    "read the full",
    "advertisement",
    "sponsored",
    "follow us",
    "follow @",
    "all rights reserved",
    "copyright",
    "©",
    "cookie",
    "privacy policy",
    "terms of use",
    "terms of service",
    "related articles",
    "related stories",
    "related:",
    "recommended for you",
    "most read",
    "most popular",
    "trending now",
    "getty images",
    "photo:",
    "image:",
    "file photo",
    "image caption",
    "media caption",
    "watch:",
    "listen:",
    "download the app",
    "download our app",
    "log in",
    "sign in",
    "create an account",
    "comments",
    "skip to content",
    "skip to main",
    "back to top",
    "next article",
    "previous article",
    "reporting by",
    "editing by",
    "additional reporting",
    "this story has been",
    "enable javascript",
    "javascript is disabled",
];

/// Longest block, in words, that can be furniture: real story paragraphs are longer, and a
/// news sentence mentioning "subscribe" must not be dropped.
const MAX_WORDS: usize = 25;

/// Why a block is furniture, or `None` if it may be story text.
pub fn furniture_reason(block: &str) -> Option<&'static str> {
    let trimmed = block.trim();
    if trimmed.is_empty() {
        return Some("empty");
    }
    let words = trimmed.split_whitespace().count();
    if words > MAX_WORDS {
        return None;
    }
    // Every cue in one pass over the block; the first cue of the list that occurs names it.
    static MATCHER: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    let matcher = MATCHER.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(CUES)
            .expect("the furniture cues are a small fixed set")
    });
    if let Some(cue) = matcher.find_overlapping_iter(trimmed).map(|m| m.pattern().as_usize()).min() {
        return Some(CUES[cue]);
    }
    // Bylines: "By Jane Doe", "By JANE DOE and JOHN ROE, Staff Writers".
    if words <= 10 && (trimmed.starts_with("By ") || trimmed.starts_with("BY ")) {
        let names = trimmed[3..].split_whitespace().filter(|w| !matches!(*w, "and" | "&"));
        if names.clone().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase())) {
            return Some("byline");
        }
    }
    // Blocks without any word: timestamps, separators, stray punctuation.
    let letters = trimmed.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 3 {
        return Some("no words");
    }
    // A block that starts with stray punctuation is a fragment of the page, not prose.
    let first = trimmed.chars().next().unwrap_or(' ');
    if matches!(first, '.' | '|' | '>' | '»' | '•' | '·' | '*' | '=' | '/') && words <= 8 {
        return Some("fragment");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn banners_and_timestamps_are_furniture() {
        for block in [
            "Get the latest updates as we post them — right on your browser",
            ". Last Updated: 07/27/2016",
            "Sign up for our daily newsletter",
            "Share on Facebook | Print this page",
            "By Jane Doe",
            "12/03/2019 10:45",
            "Advertisement",
            "© 2024 Example News Ltd. All rights reserved.",
        ] {
            assert!(furniture_reason(block).is_some(), "{block}");
        }
    }

    #[test]
    fn story_text_is_not_furniture() {
        for block in [
            "Iran Talks Arms With the Kremlin",
            "The minister said the government would subscribe to the new treaty once parliament \
             had debated it and the courts had ruled on its legality, officials said on Monday.",
            "Rebels shelled the city overnight.",
            "By the end of the week, the two sides had agreed to meet again.",
        ] {
            assert_eq!(furniture_reason(block), None, "{block}");
        }
    }
}
