//! HTML pages: the story's title and paragraphs, without scripts, navigation or boilerplate.

use super::{Item, ReadError};
use dyad_core::{Document, Origin};
use scraper::{ElementRef, Html, Node, Selector};

/// Elements whose text is never part of the story.
const SKIP: &[&str] = &[
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "svg",
    "iframe",
    "template",
    "select",
    "figure",
    "figcaption",
    "menu",
];

/// Elements that end a block of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "article",
    "section",
    "br",
    "tr",
    "td",
    "dd",
    "dt",
    "pre",
    "main",
    "title",
    "time",
];

pub(super) fn read(text: &str, origin: Origin) -> impl Iterator<Item = Item> {
    let item = extract(text, origin.clone()).unwrap_or_else(|msg| Item::Error(ReadError::new(origin, msg)));
    std::iter::once(item)
}

/// Deeper nesting than any real page has; beyond it the HTML5 tree builder's scope checks
/// turn quadratic, so such input is read with the plain tag stripper instead.
const MAX_DEPTH: usize = 256;

fn extract(text: &str, origin: Origin) -> Result<Item, String> {
    if nesting_depth(text) > MAX_DEPTH {
        let body = strip_tags(text);
        if body.trim().is_empty() {
            return Err("HTML page has no text".into());
        }
        return Ok(Item::Document(Document::from_text("", body, origin)));
    }
    let page = Html::parse_document(text);
    let sel = |s: &str| Selector::parse(s).map_err(|e| format!("selector {s}: {e:?}"));
    let (h1, title_tag) = (sel("h1")?, sel("title")?);
    let title = page
        .select(&h1)
        .next()
        .or_else(|| page.select(&title_tag).next())
        .map(|h| collapse(&h.text().collect::<String>()))
        .filter(|t| !t.is_empty());
    let date = [
        "meta[property='article:published_time']",
        "meta[name='date']",
        "meta[name='pubdate']",
        "meta[itemprop='datePublished']",
    ]
    .iter()
    .filter_map(|s| Selector::parse(s).ok())
    .find_map(|s| page.select(&s).next().and_then(|m| m.value().attr("content")).and_then(super::jsonl::parse_date));
    // The story lives in <article> or <main> when the page has one, else in <body>.
    let root = ["article", "main", "body"]
        .iter()
        .filter_map(|s| Selector::parse(s).ok())
        .find_map(|s| page.select(&s).next())
        .unwrap_or_else(|| page.root_element());
    let mut blocks = Vec::new();
    let mut current = String::new();
    collect_text(root, &mut current, &mut blocks);
    flush(&mut current, &mut blocks);
    let mut body = String::new();
    if let Some(t) = &title {
        if blocks.first() != Some(t) {
            body.push_str(t);
            body.push_str("\n\n");
        }
    }
    body.push_str(&blocks.join("\n\n"));
    if body.trim().is_empty() {
        return Err("HTML page has no text".into());
    }
    let mut doc = Document::from_text("", body, origin);
    doc.title = title;
    doc.date = date;
    Ok(Item::Document(doc))
}

/// Walks the tree without recursion, so hostile nesting cannot exhaust the stack.
fn collect_text(root: ElementRef<'_>, current: &mut String, blocks: &mut Vec<String>) {
    let mut stack = vec![(*root, false)];
    while let Some((node, leaving)) = stack.pop() {
        match node.value() {
            Node::Text(t) if !leaving => current.push_str(t),
            Node::Element(e) => {
                let name = e.name();
                if leaving {
                    if BLOCKS.contains(&name) {
                        flush(current, blocks);
                    }
                    continue;
                }
                if SKIP.contains(&name) {
                    continue;
                }
                if BLOCKS.contains(&name) {
                    flush(current, blocks);
                }
                stack.push((node, true));
                let children: Vec<_> = node.children().collect();
                for child in children.into_iter().rev() {
                    stack.push((child, false));
                }
            }
            _ => {}
        }
    }
}

fn flush(current: &mut String, blocks: &mut Vec<String>) {
    let text = collapse(current);
    if !text.is_empty() {
        blocks.push(text);
    }
    current.clear();
}

/// Estimates the deepest element nesting from the tags alone, without building a tree.
fn nesting_depth(text: &str) -> usize {
    const VOID: &[&str] = &[
        "br", "img", "meta", "link", "input", "hr", "area", "base", "col", "embed", "source", "track", "wbr", "param",
    ];
    let bytes = text.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    for i in memchr::memchr_iter(b'<', bytes) {
        let rest = &bytes[i + 1..];
        let closing = rest.first() == Some(&b'/');
        let name_start = usize::from(closing);
        let name_len = rest[name_start..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        if name_len == 0 {
            continue;
        }
        let name = std::str::from_utf8(&rest[name_start..name_start + name_len]).unwrap_or("").to_ascii_lowercase();
        if closing {
            depth = depth.saturating_sub(1);
        } else if !VOID.contains(&name.as_str()) {
            depth += 1;
            max = max.max(depth);
        }
    }
    max
}

/// Plain-text extraction for pathological pages: drops tags, scripts and styles, breaks
/// blocks at block-level tags and decodes the common entities.
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len() / 2);
    let mut rest = text;
    while let Some(k) = rest.find('<') {
        out.push_str(&rest[..k]);
        rest = &rest[k..];
        let end = rest.find('>').map_or(rest.len(), |e| e + 1);
        let tag = rest[..end].to_ascii_lowercase();
        let name: String =
            tag.trim_start_matches(['<', '/']).chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        rest = &rest[end..];
        if matches!(name.as_str(), "script" | "style") && !tag.starts_with("</") {
            let close = format!("</{name}");
            rest = find_ignore_case(rest, &close).map_or("", |c| &rest[c..]);
        } else if BLOCKS.contains(&name.as_str()) {
            out.push_str("\n\n");
        }
    }
    out.push_str(rest);
    let decoded = out
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    decoded.split("\n\n").map(collapse).filter(|b| !b.is_empty()).collect::<Vec<_>>().join("\n\n")
}

fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    memchr::memchr_iter(n[0], h).find(|&i| h.len() >= i + n.len() && h[i..i + n.len()].eq_ignore_ascii_case(n))
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_core::Content;

    #[test]
    fn extracts_story_paragraphs() {
        let page = r#"<html><head><title>Site | Talks</title><meta property="article:published_time" content="2001-03-13T08:00:00Z"><script>var x = "<p>no</p>";</script></head>
        <body><nav>Home | World</nav><article><h1>Talks Resume</h1><p>Envoys met in <b>Geneva</b> on Monday.</p><p>They agreed&nbsp;to meet again.</p></article><footer>Copyright</footer></body></html>"#;
        let Item::Document(doc) = read(page, Origin::new("p.html", 1)).next().unwrap() else { panic!() };
        let Content::Raw(text) = &doc.content else { panic!() };
        assert_eq!(text, "Talks Resume\n\nEnvoys met in Geneva on Monday.\n\nThey agreed to meet again.");
        assert_eq!(doc.title.as_deref(), Some("Talks Resume"));
        assert_eq!(doc.date.unwrap().to_string(), "2001-03-13");
    }

    #[test]
    fn pathological_pages_are_stripped() {
        let text = strip_tags("<p>One &amp; two</p><SCRIPT>x<y</script><div>Three</div>");
        assert_eq!(text, "One & two\n\nThree");
    }

    #[test]
    fn deep_nesting_and_empty_pages() {
        let deep = "<div>".repeat(200_000) + "text";
        assert!(matches!(read(&deep, Origin::new("d.html", 1)).next(), Some(Item::Document(_))));
        assert!(matches!(read("<html></html>", Origin::new("e.html", 1)).next(), Some(Item::Error(_))));
    }
}
