//! PETRARCH XML: `<Sentences>` of `<Sentence>` records (with `<Text>`, optional `<Parse>` and,
//! in validation files, `<EventCoding>` expectations) and `<Articles>` of `<Article>` stories.
//!
//! Validation files in the wild are not always well-formed: the PETRARCH-2 GSR file closes its
//! `<Sentence .../>` tags and then writes `</Sentence>` after the record. The PETRARCH tools read
//! such files, so this reader repairs them and says what it repaired.

use super::{Item, ReadError};
use chrono::NaiveDate;
use dyad_core::{Content, Document, GivenParse, GivenSentence, Origin};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::sync::Arc;

/// A whole PETRARCH file.
#[derive(Clone, Debug, Default)]
pub struct PetrarchFile {
    pub environment: Environment,
    pub records: Vec<Record>,
    /// Repairs made to malformed XML.
    pub warnings: Vec<ReadError>,
    /// Records or parts of the file that could not be read.
    pub errors: Vec<ReadError>,
}

/// The `<Environment>` of a validation file: which dictionaries its expectations assume.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Environment {
    pub verb_file: Option<String>,
    pub actor_files: Vec<String>,
    pub agent_file: Option<String>,
    pub discard_file: Option<String>,
    pub issue_file: Option<String>,
    /// The internal coding ontology (`<PICOfile>`), which says how negation changes a code.
    pub pico_file: Option<String>,
    /// Record categories the file asks to evaluate (`<Include>`).
    pub include: Vec<String>,
    /// `<Config option=... value=...>` settings.
    pub config: Vec<(String, String)>,
}

/// One `<Sentence>` or `<Article>`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Record {
    pub id: String,
    pub date: Option<NaiveDate>,
    /// The `category` (or `source`) attribute.
    pub category: Option<String>,
    /// Whitespace-normalised text.
    pub text: String,
    pub parse: Option<GivenParse>,
    /// Sentences of an `<Article>` given as nested `<Sentence>` elements.
    pub sentences: Vec<GivenSentence>,
    pub is_article: bool,
    pub expected: Expected,
    /// The `<Config option value>` settings in force for this record (e.g. `require_dyad`):
    /// those given between records hold until changed, then the record's own; later ones win.
    pub config: Vec<(String, String)>,
    /// 1-based line of the opening tag.
    pub line: usize,
    /// 1-based line of the `<Parse>` element's content.
    pub parse_line: usize,
}

/// What a validation record expects.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Expected {
    pub events: Vec<ExpectedEvent>,
    /// `noevents="True"`: the record must produce nothing.
    pub no_events: bool,
    /// `error="..."`: the record is to be discarded by the coder (a discard phrase, say).
    pub error: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpectedEvent {
    pub source: String,
    pub target: String,
    pub code: String,
}

impl Record {
    pub fn config(&self, option: &str) -> Option<&str> {
        self.config.iter().rev().find(|(k, _)| k.eq_ignore_ascii_case(option)).map(|(_, v)| v.as_str())
    }

    /// The record as a document for the coder.
    pub fn to_document(&self, path: Arc<str>) -> Document {
        let origin = Origin::new(path, self.line);
        let content = if self.is_article && self.sentences.is_empty() {
            Content::Raw(self.text.clone())
        } else if self.is_article {
            Content::Sentences(self.sentences.clone())
        } else {
            Content::Sentences(vec![GivenSentence {
                text: self.text.clone(),
                parse: self.parse.clone(),
                line: if self.parse.is_some() { self.parse_line } else { self.line },
            }])
        };
        Document { id: self.id.clone(), date: self.date, title: None, url: None, publisher: None, origin, content }
    }
}

/// Reads a PETRARCH file into documents for `dyad code`.
pub(super) fn read_documents(text: &str, origin: Origin) -> impl Iterator<Item = Item> {
    let file = read_file(text, origin.path.clone());
    let mut items: Vec<Item> = file.warnings.into_iter().map(Item::Warning).collect();
    items.extend(file.errors.into_iter().map(Item::Error));
    items.extend(file.records.iter().map(|r| Item::Document(r.to_document(origin.path.clone()))));
    items.into_iter()
}

/// Reads a PETRARCH file, repairing what the PETRARCH tools tolerate.
pub fn read_file(text: &str, path: Arc<str>) -> PetrarchFile {
    let mut file = PetrarchFile::default();
    let (repaired, count) = repair_self_closed_sentences(text);
    if count > 0 {
        file.warnings.push(ReadError::new(
            Origin::new(path.clone(), 1),
            format!("repaired {count} self-closed <Sentence/> tags followed by </Sentence>"),
        ));
    }
    let text = repaired.as_deref().unwrap_or(text);
    let lines = LineIndex::new(text);
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = false;

    let mut stack: Vec<String> = Vec::new();
    let mut record: Option<Record> = None;
    let mut article: Option<Record> = None;
    let mut field = String::new();
    loop {
        let pos = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                let line = lines.line(reader.error_position() as usize);
                file.errors.push(ReadError::new(
                    Origin::new(path.clone(), line),
                    format!("malformed XML: {e}; the rest of the file is skipped"),
                ));
                break;
            }
        };
        match event {
            Event::Eof => break,
            Event::Start(e) => {
                let name = tag_name(&e);
                let line = lines.line(pos);
                handle_open(&name, &e, line, &mut file, &mut record, &mut article, &path);
                if matches!(
                    name.as_str(),
                    "Text"
                        | "Parse"
                        | "Verbfile"
                        | "Actorfile"
                        | "Agentfile"
                        | "Discardfile"
                        | "Issuefile"
                        | "PICOfile"
                        | "Include"
                ) {
                    field.clear();
                }
                stack.push(name);
            }
            Event::Empty(e) => {
                let name = tag_name(&e);
                let line = lines.line(pos);
                handle_open(&name, &e, line, &mut file, &mut record, &mut article, &path);
                if name == "Sentence" {
                    close_sentence(&mut record, &mut article, &mut file);
                }
            }
            Event::Text(t) => {
                let s = match t.unescape() {
                    Ok(s) => s.into_owned(),
                    Err(_) => String::from_utf8_lossy(&t).into_owned(),
                };
                if stack.last().is_some_and(|n| n == "Parse") && field.is_empty() {
                    if let Some(r) = record.as_mut() {
                        r.parse_line = lines.line(pos) + usize::from(s.starts_with('\n'));
                    }
                }
                field.push_str(&s);
            }
            Event::CData(t) => field.push_str(&String::from_utf8_lossy(&t)),
            Event::End(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                // Pop to the matching open tag, tolerating unbalanced input.
                if let Some(k) = stack.iter().rposition(|n| *n == name) {
                    stack.truncate(k);
                }
                match name.as_str() {
                    "Text" => {
                        let text = normalise_space(&field);
                        if let Some(r) = record.as_mut() {
                            r.text = text;
                        } else if let Some(a) = article.as_mut() {
                            a.text = field.trim().to_string();
                        }
                    }
                    "Parse" => {
                        if let Some(r) = record.as_mut() {
                            r.parse = given_parse(&field);
                        }
                    }
                    "Sentence" => close_sentence(&mut record, &mut article, &mut file),
                    "Article" => {
                        if let Some(a) = article.take() {
                            push_record(a, &mut file, &path);
                        }
                    }
                    "Verbfile" => file.environment.verb_file = Some(field.trim().to_string()),
                    "Actorfile" => file.environment.actor_files = split_list(&field),
                    "Agentfile" => file.environment.agent_file = Some(field.trim().to_string()),
                    "Discardfile" => file.environment.discard_file = Some(field.trim().to_string()),
                    "Issuefile" => file.environment.issue_file = Some(field.trim().to_string()),
                    "PICOfile" => file.environment.pico_file = Some(field.trim().to_string()),
                    "Include" => file.environment.include = field.split_whitespace().map(str::to_string).collect(),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    // A record still open at the end of the file was cut off: its text may be partial, so it
    // is reported rather than coded.
    let truncated = |r: &Record, what: &str| {
        ReadError::new(
            Origin::new(path.clone(), r.line),
            format!("file ends inside this <{what}> (truncated?); record skipped"),
        )
    };
    if let Some(r) = record.take() {
        if stack.is_empty() {
            close_sentence(&mut Some(r), &mut article, &mut file);
        } else {
            file.errors.push(truncated(&r, "Sentence"));
        }
    }
    if let Some(a) = article.take() {
        if stack.is_empty() {
            push_record(a, &mut file, &path);
        } else {
            file.errors.push(truncated(&a, "Article"));
        }
    }
    file
}

fn handle_open(
    name: &str,
    e: &BytesStart<'_>,
    line: usize,
    file: &mut PetrarchFile,
    record: &mut Option<Record>,
    article: &mut Option<Record>,
    path: &Arc<str>,
) {
    match name {
        "Sentence" => {
            if record.is_some() {
                close_sentence(record, article, file);
            }
            let mut r = Record { line, config: file.environment.config.clone(), ..Record::default() };
            read_record_attrs(e, &mut r, line, file, path);
            *record = Some(r);
        }
        "Article" => {
            if let Some(a) = article.take() {
                push_record(a, file, path);
            }
            let mut r = Record { line, is_article: true, config: file.environment.config.clone(), ..Record::default() };
            read_record_attrs(e, &mut r, line, file, path);
            *article = Some(r);
        }
        "EventCoding" => {
            let Some(r) = record.as_mut() else { return };
            let attrs = attributes(e);
            let get = |k: &str| attrs.iter().find(|(n, _)| n.eq_ignore_ascii_case(k)).map(|(_, v)| v.clone());
            if let Some(v) = get("noevents") {
                r.expected.no_events = v.eq_ignore_ascii_case("true");
            } else if let Some(v) = get("error") {
                r.expected.error = Some(v);
            } else if let Some(code) = get("eventcode") {
                r.expected.events.push(ExpectedEvent {
                    source: get("sourcecode").unwrap_or_default(),
                    target: get("targetcode").unwrap_or_default(),
                    code,
                });
            }
        }
        "Config" => {
            let attrs = attributes(e);
            let get = |k: &str| attrs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
            if let (Some(k), Some(v)) = (get("option"), get("value")) {
                match record.as_mut() {
                    Some(r) => r.config.push((k, v)),
                    None => file.environment.config.push((k, v)),
                }
            }
        }
        _ => {}
    }
}

fn read_record_attrs(e: &BytesStart<'_>, r: &mut Record, line: usize, file: &mut PetrarchFile, path: &Arc<str>) {
    for (k, v) in attributes(e) {
        match k.as_str() {
            "id" => r.id = v,
            "date" => match dyad_core::date::parse_petrarch_date(&v) {
                Some(d) => r.date = Some(d),
                None => file.errors.push(ReadError::new(
                    Origin::new(path.clone(), line),
                    format!("bad date {v:?}; record kept without a date"),
                )),
            },
            "category" => r.category = Some(v),
            "source" if r.category.is_none() => r.category = Some(v),
            _ => {}
        }
    }
}

fn close_sentence(record: &mut Option<Record>, article: &mut Option<Record>, file: &mut PetrarchFile) {
    let Some(r) = record.take() else { return };
    if let Some(a) = article.as_mut() {
        a.sentences.push(GivenSentence {
            text: r.text,
            parse: r.parse,
            line: if r.parse_line > 0 { r.parse_line } else { r.line },
        });
        return;
    }
    if r.text.is_empty() && r.parse.is_none() {
        // A self-closed <Sentence/> whose content follows: keep it open until </Sentence>.
        if r.expected == Expected::default() {
            *record = Some(r);
            return;
        }
    }
    file.records.push(r);
}

fn push_record(r: Record, file: &mut PetrarchFile, path: &Arc<str>) {
    if r.text.trim().is_empty() && r.sentences.is_empty() {
        file.errors.push(ReadError::new(Origin::new(path.clone(), r.line), format!("record {:?} has no text", r.id)));
        return;
    }
    file.records.push(r);
}

fn tag_name(e: &BytesStart<'_>) -> String {
    String::from_utf8_lossy(e.name().as_ref()).into_owned()
}

fn attributes(e: &BytesStart<'_>) -> Vec<(String, String)> {
    e.attributes()
        .with_checks(false)
        .filter_map(Result::ok)
        .map(|a| {
            let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
            let value = a
                .unescape_value()
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned());
            (key, value.trim().to_string())
        })
        .collect()
}

fn split_list(s: &str) -> Vec<String> {
    s.split([',', ';']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

fn normalise_space(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A `<Parse>` is CoNLL-U when its lines are tab-separated columns, Penn Treebank when it
/// is a bracketed tree.
fn given_parse(content: &str) -> Option<GivenParse> {
    let trimmed = content.trim();
    if trimmed.is_empty() {
        None
    } else if trimmed.starts_with('(') {
        Some(GivenParse::PennTreebank(trimmed.to_string()))
    } else {
        let lines: String = trimmed.lines().map(str::trim).filter(|l| !l.is_empty()).flat_map(|l| [l, "\n"]).collect();
        Some(GivenParse::Conllu(lines))
    }
}

/// Turns `<Sentence ... />` into `<Sentence ...>` when the file also closes sentences with
/// `</Sentence>` (more closing tags than open ones). Returns the repaired text and the count.
fn repair_self_closed_sentences(text: &str) -> (Option<String>, usize) {
    let closes = text.matches("</Sentence>").count();
    if closes == 0 {
        return (None, 0);
    }
    let mut out = String::with_capacity(text.len());
    let mut count = 0;
    let mut rest = text;
    while let Some(k) = rest.find("<Sentence") {
        let after = &rest[k + "<Sentence".len()..];
        let is_tag = after.starts_with(|c: char| c.is_whitespace() || c == '>' || c == '/');
        let Some(end) = after.find('>') else { break };
        out.push_str(&rest[..k + "<Sentence".len()]);
        let tag_rest = &after[..=end];
        if is_tag && tag_rest.ends_with("/>") {
            out.push_str(tag_rest[..tag_rest.len() - 2].trim_end());
            out.push('>');
            count += 1;
        } else {
            out.push_str(tag_rest);
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    // Only repair when every self-closed tag has its stray closing tag.
    let open_tags = text.matches("<Sentence").count() - text.matches("<Sentences").count();
    if count == 0 || open_tags != closes {
        return (None, 0);
    }
    (Some(out), count)
}

/// Maps byte offsets to 1-based line numbers.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WELL_FORMED: &str = r#"<?xml version='1.0' encoding='utf-8'?>
<Validation>
<Environment>
    <Verbfile>verbs.txt</Verbfile>
    <Actorfile>a.txt, b.txt</Actorfile>
    <Include>valid DEMO</Include>
    <Config option="stop_on_error" value="True" />
</Environment>
<Sentences>
<Sentence source="DEMO" date="19950101" id="T_01" sentence="true">
<EventCoding eventcode="050" sourcecode="ARN" targetcode="GON" />
<Config option="require_dyad" value="false" />
<Text>
Arnor restored ties
  with Gondor.
</Text>
<Parse>
1	Arnor	Arnor	PROPN	NNP	_	2	nsubj	_	_
2	restored	restore	VERB	VBD	_	0	root	_	_
</Parse></Sentence>
<Config option="new_actor_length" value="4" />
<Sentence source="DEMO" date="19950102" id="T_02" sentence="true">
<EventCoding noevents="True" />
<Text>Nothing happened.</Text>
</Sentence>
</Sentences>
</Validation>"#;

    #[test]
    fn reads_records_environment_and_expectations() {
        let f = read_file(WELL_FORMED, "v.xml".into());
        assert!(f.errors.is_empty() && f.warnings.is_empty(), "{:?} {:?}", f.errors, f.warnings);
        assert_eq!(f.environment.verb_file.as_deref(), Some("verbs.txt"));
        assert_eq!(f.environment.actor_files, ["a.txt", "b.txt"]);
        assert_eq!(f.records.len(), 2);
        let r = &f.records[0];
        assert_eq!(r.id, "T_01");
        assert_eq!(r.text, "Arnor restored ties with Gondor.");
        assert_eq!(
            r.expected.events,
            [ExpectedEvent { source: "ARN".into(), target: "GON".into(), code: "050".into() }]
        );
        assert_eq!(r.config("require_dyad"), Some("false"));
        assert!(matches!(&r.parse, Some(GivenParse::Conllu(c)) if c.lines().count() == 2));
        assert_eq!(r.parse_line, 18);
        assert_eq!(r.config("new_actor_length"), None, "a setting holds from where it is given");
        assert!(f.records[1].expected.no_events);
        assert_eq!(f.records[1].config("new_actor_length"), Some("4"));
        assert_eq!(f.records[1].config("stop_on_error"), Some("True"));
        assert_eq!(f.records[1].config("require_dyad"), None, "a record's own setting ends with it");
        assert_eq!(f.records[1].date.unwrap().to_string(), "1995-01-02");
    }

    #[test]
    fn a_truncated_file_keeps_complete_records_and_reports_the_cut_one() {
        let cut = WELL_FORMED.find("<Text>Nothing").unwrap() + 10;
        let file = read_file(&WELL_FORMED[..cut], "t.xml".into());
        assert_eq!(file.records.len(), 1);
        assert_eq!(file.records[0].id, "T_01");
        assert_eq!(file.errors.len(), 1, "{:?}", file.errors);
        assert!(file.errors[0].message.contains("truncated"));
        assert_eq!(file.errors[0].origin.line, 22);
    }

    #[test]
    fn a_six_digit_record_date_is_year_month_day() {
        let text = "<Sentences>\n<Sentence id=\"a\" date=\"121108\">\n<Text>Envoys met.</Text>\n</Sentence>\n<Sentence id=\"b\" date=\"1211\">\n<Text>More.</Text>\n</Sentence>\n</Sentences>";
        let f = read_file(text, "d.xml".into());
        assert_eq!(f.records[0].date.map(|d| d.to_string()).as_deref(), Some("2012-11-08"));
        assert_eq!(f.records[1].date, None);
        assert_eq!(f.errors.len(), 1, "{:?}", f.errors);
        assert!(f.errors[0].message.contains("1211"), "{}", f.errors[0]);
    }

    #[test]
    fn repairs_self_closed_sentences() {
        let text = "<Sentences>\n<Sentence id=\"a\" date=\"20080804\"/>\n<EventCoding eventcode=\"042\" sourcecode=\"USA\" targetcode=\"CHN\" />\n<Text>The US leader went.</Text>\n</Sentence>\n<Sentence id=\"b\" date=\"20080805\"/>\n<Text>More.</Text>\n</Sentence>\n</Sentences>";
        let f = read_file(text, "g.xml".into());
        assert_eq!(f.warnings.len(), 1, "{:?}", f.warnings);
        assert!(f.errors.is_empty(), "{:?}", f.errors);
        assert_eq!(f.records.len(), 2);
        assert_eq!(f.records[0].expected.events.len(), 1);
        assert_eq!(f.records[1].text, "More.");
    }

    #[test]
    fn truncated_xml_keeps_complete_records() {
        let cut = &WELL_FORMED[..WELL_FORMED.find("Nothing").unwrap()];
        let f = read_file(cut, "t.xml".into());
        assert_eq!(f.records[0].id, "T_01");
        let items: Vec<Item> = read_documents(cut, Origin::new("t.xml", 1)).collect();
        assert!(items.iter().any(|i| matches!(i, Item::Document(d) if d.id == "T_01")));
    }

    #[test]
    fn articles_become_documents() {
        let text = "<Articles><Article id=\"s1\" date=\"20010313\"><Text>Envoys met.\n\nThey agreed.</Text></Article></Articles>";
        let items: Vec<Item> = read_documents(text, Origin::new("a.xml", 1)).collect();
        let Item::Document(d) = &items[0] else { panic!("{items:?}") };
        assert_eq!(d.id, "s1");
        assert!(matches!(&d.content, Content::Raw(t) if t.contains("They agreed.")));
    }

    #[test]
    fn ptb_parse_detected() {
        assert!(matches!(
            given_parse("\n( (S (NP (NNP Arnor)) (VP (VBD won))) )\n"),
            Some(GivenParse::PennTreebank(_))
        ));
    }
}
