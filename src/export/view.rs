//! A self-contained HTML page that shows annotated articles, to check the output by eye.
//!
//! Each article's text is shown with its quote content highlighted by kind (direct, mixed,
//! indirect), the cue underlined, the speaker mention marked and linked to its quotes, and
//! outlet mentions as badges with the outlet's relations. Hovering or focusing a quote shows
//! its speaker's name, title and affiliation, the outlet and the confidence. A side table
//! counts quotes per speaker and mentions per outlet over the page.
//!
//! Every piece of a highlighted quote is a `<mark data-quote-id="DOC:I">`, where `I` is the
//! quote's 0-based place in the record's `quotes`; the first piece also has that `id`, so a
//! URL fragment can point at it. All text is HTML-escaped (an article holding `<script>`
//! shows it as text); the page has inline CSS and a little plain JavaScript and loads
//! nothing from the network.
//!
//! [`ViewWriter`] streams: the page grows one article at a time, so memory does not depend
//! on how many articles it shows.

use super::rows::{outlet_relation_name, quote_kind_name, speaker_type_name};
use crate::io::wire::{Annotation, WireQuote};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    escape_into(&mut out, s);
    out
}

fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// The `data-quote-id` of quote `index` in document `doc`.
pub fn quote_id(doc: &str, index: usize) -> String {
    format!("{doc}:{index}")
}

/// An element id cannot hold whitespace: it becomes `_`.
fn element_id(quote_id: &str) -> String {
    quote_id
        .chars()
        .map(|c| if c.is_whitespace() { '_' } else { c })
        .collect()
}

/// Percent-encodes an element id for a URL fragment.
fn fragment(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~:/".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum MarkKind {
    /// A piece of quote `i` (outermost).
    Quote(usize),
    /// A speaker mention, index into the article's speaker list.
    Speaker(usize),
    /// A cue.
    Cue,
    /// An outlet mention, index into the annotation's `outlets` (innermost).
    Outlet(usize),
}

#[derive(Debug, Clone, Copy)]
struct Mark {
    start: usize,
    end: usize,
    kind: MarkKind,
}

#[derive(Default)]
struct SpeakerCount {
    quotes: u64,
    articles: u64,
    kind: Option<&'static str>,
}

#[derive(Default)]
struct OutletCount {
    mentions: u64,
    quotes: u64,
    relations: Vec<&'static str>,
}

/// Writes the view page to `W`, one article at a time.
pub struct ViewWriter<W: Write> {
    out: W,
    buf: String,
    articles: u64,
    quotes: u64,
    errors: Vec<(String, String)>,
    speakers: BTreeMap<String, SpeakerCount>,
    outlets: BTreeMap<String, OutletCount>,
}

const STYLE: &str = r#"
:root{--fg:#1b1b1b;--muted:#555;--bg:#fafafa;--card:#fff;--line:#ddd;--direct:#ffe08a;--mixed:#c6ecc6;--indirect:#cfe0ff;--cue:#b42318;--spk:#5b21b6;--focus:#1a56db}
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
a.skip{position:absolute;left:-999px}a.skip:focus{left:1rem;top:1rem;background:#fff;padding:.3rem .6rem;z-index:20}
header.page{padding:1rem 1.5rem .5rem;max-width:84rem;margin:0 auto}
header.page h1{font-size:1.4rem;margin:0 0 .3rem}
.legend{display:flex;flex-wrap:wrap;gap:.4rem 1rem;font-size:.9rem;color:var(--muted);margin:.3rem 0}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 24rem;gap:1.5rem;max-width:84rem;margin:0 auto;padding:0 1.5rem 2rem}
@media (max-width:56rem){.layout{grid-template-columns:minmax(0,1fr);padding:0 .75rem 2rem}header.page{padding:.75rem}aside{position:static!important;max-height:none!important}}
article.doc{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:1rem 1.25rem;margin:0 0 1.25rem}
article.doc h2{font-size:1.05rem;margin:0;overflow-wrap:anywhere}
.meta{color:var(--muted);font-size:.85rem;margin:.1rem 0 .6rem}
.warn{color:#8a2c0d;background:#fff1e6;border-radius:4px;padding:.2rem .5rem;font-size:.9rem}
.text{white-space:pre-wrap;overflow-wrap:anywhere}
mark.q{color:inherit;border-radius:2px;padding:0 1px}
.q-direct{background:var(--direct)}.q-mixed{background:var(--mixed)}.q-indirect{background:var(--indirect)}
mark.q:focus{outline:2px solid var(--focus);outline-offset:1px}
mark.q.linked{box-shadow:0 0 0 2px var(--spk)}
mark.q:target{outline:3px solid var(--focus)}
.cue{text-decoration:underline 2px var(--cue);text-underline-offset:3px}
a.spk{color:var(--spk);font-weight:600;text-decoration:none;border-bottom:2px dotted var(--spk)}
a.spk:focus{outline:2px solid var(--focus)}
.outlet{border:1px solid #8a8fc7;background:#eef0ff;border-radius:.7em;padding:0 .35em}
.outlet[data-rel]::after{content:attr(data-rel);font-size:.7em;font-weight:600;text-transform:uppercase;letter-spacing:.03em;color:#fff;background:#4a4f9c;border-radius:.6em;padding:0 .4em;margin-left:.3em;vertical-align:.15em}
.swatch{display:inline-block;padding:0 .4em;border-radius:2px}
aside{position:sticky;top:1rem;align-self:start;max-height:calc(100vh - 2rem);overflow:auto;background:var(--card);border:1px solid var(--line);border-radius:6px;padding:.75rem 1rem}
aside h2{font-size:1rem;margin:.4rem 0}
table{border-collapse:collapse;width:100%;font-size:.88rem}
th,td{text-align:left;padding:.2rem .3rem;border-bottom:1px solid var(--line);vertical-align:top}
th{white-space:nowrap}td:first-child{overflow-wrap:anywhere}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
#tip{position:absolute;z-index:10;max-width:24rem;background:#1f2330;color:#fff;padding:.45rem .65rem;border-radius:5px;font-size:.85rem;line-height:1.4;white-space:pre-line;pointer-events:none;box-shadow:0 2px 8px rgba(0,0,0,.25)}
kbd{font:inherit;border:1px solid var(--line);border-radius:3px;padding:0 .25em;background:#fff}
"#;

const SCRIPT: &str = r#"
(function () {
  "use strict";
  var tip = document.getElementById("tip");
  var current = null;
  function quoteOf(el) {
    return el && el.closest ? el.closest("mark[data-quote-id]") : null;
  }
  function show(q) {
    tip.textContent = q.getAttribute("data-info") || "";
    tip.hidden = false;
    var r = q.getBoundingClientRect();
    var maxLeft = window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 6;
    tip.style.left = Math.max(window.scrollX + 6, Math.min(r.left + window.scrollX, maxLeft)) + "px";
    tip.style.top = (r.bottom + window.scrollY + 6) + "px";
  }
  function hide() { tip.hidden = true; }
  function link(spk) {
    if (current) {
      current.forEach(function (m) { m.classList.remove("linked"); });
      current = null;
    }
    if (!spk) { return; }
    var ids = (spk.getAttribute("data-quotes") || "").split(" ");
    current = Array.prototype.filter.call(
      document.querySelectorAll("mark[data-quote-id]"),
      function (m) { return ids.indexOf(m.getAttribute("data-quote-id")) >= 0; });
    current.forEach(function (m) { m.classList.add("linked"); });
  }
  function point(e) {
    var q = quoteOf(e.target);
    if (q) { show(q); } else { hide(); }
    link(e.target.closest ? e.target.closest("a.spk") : null);
  }
  document.addEventListener("mouseover", point);
  document.addEventListener("focusin", point);
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { hide(); link(null); return; }
    if (e.altKey || e.ctrlKey || e.metaKey || (e.key !== "j" && e.key !== "k")) { return; }
    var all = Array.prototype.slice.call(document.querySelectorAll("mark[data-quote-id][tabindex]"));
    var i = all.indexOf(document.activeElement);
    var next = e.key === "j" ? i + 1 : (i < 0 ? all.length - 1 : i - 1);
    if (next >= 0 && next < all.length) {
      all[next].focus();
      all[next].scrollIntoView({ block: "center" });
      e.preventDefault();
    }
  });
}());
"#;

impl<W: Write> ViewWriter<W> {
    /// Starts the page: head, styles, title and legend.
    pub fn new(mut out: W, title: &str) -> io::Result<Self> {
        let title = escape(title);
        write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"generator\" content=\"quotesmith {version}\">\n\
             <link rel=\"icon\" href=\"data:,\">\n<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
             <a class=\"skip\" href=\"#summary\">Skip to speakers and outlets</a>\n\
             <header class=\"page\"><h1>{title}</h1>\n<div class=\"legend\">\
             <span><span class=\"swatch q-direct\">direct</span> <span class=\"swatch q-mixed\">mixed</span> \
             <span class=\"swatch q-indirect\">indirect</span> quote</span>\
             <span><span class=\"cue\">cue</span></span>\
             <span><a class=\"spk\" href=\"#summary\" tabindex=\"-1\">speaker</a> (linked to its quotes)</span>\
             <span><span class=\"outlet\" data-rel=\"relation\">outlet</span></span>\
             <span>Hover or focus a quote for its attribution; <kbd>j</kbd>/<kbd>k</kbd>: next/previous quote</span>\
             </div></header>\n<div class=\"layout\">\n<main id=\"articles\">\n",
            version = env!("CARGO_PKG_VERSION"),
        )?;
        Ok(ViewWriter {
            out,
            buf: String::new(),
            articles: 0,
            quotes: 0,
            errors: Vec::new(),
            speakers: BTreeMap::new(),
            outlets: BTreeMap::new(),
        })
    }

    /// Adds one article: its text and the annotation `extract` made of it.
    pub fn article(&mut self, text: &str, a: &Annotation) -> io::Result<()> {
        self.buf.clear();
        self.count(a);
        render_article(&mut self.buf, text, a);
        self.articles += 1;
        self.quotes += a.quotes.len() as u64;
        self.out.write_all(self.buf.as_bytes())
    }

    /// Notes a record that has no annotation (an error record); listed at the end.
    pub fn error(&mut self, id: &str, message: &str) {
        self.errors.push((id.to_string(), message.to_string()));
    }

    fn count(&mut self, a: &Annotation) {
        let mut seen = Vec::new();
        for q in &a.quotes {
            let name = match q.speaker.as_ref() {
                Some(s) => s
                    .name
                    .clone()
                    .unwrap_or_else(|| format!("“{}” (unresolved)", s.text)),
                None => "(no speaker)".to_string(),
            };
            let kind = q
                .speaker
                .as_ref()
                .and_then(|s| s.id)
                .and_then(|id| a.speakers.iter().find(|s| s.id == id))
                .map(|s| speaker_type_name(s.kind));
            let entry = self.speakers.entry(name.clone()).or_default();
            entry.quotes += 1;
            entry.kind = entry.kind.or(kind);
            if !seen.contains(&name) {
                entry.articles += 1;
                seen.push(name);
            }
            if let Some(o) = &q.outlet {
                self.outlets.entry(o.name.clone()).or_default().quotes += 1;
            }
        }
        for o in &a.outlets {
            let entry = self.outlets.entry(o.name.clone()).or_default();
            entry.mentions += o.mentions.len() as u64;
            for &r in &o.relations {
                let r = outlet_relation_name(r);
                if !entry.relations.contains(&r) {
                    entry.relations.push(r);
                }
            }
        }
    }

    /// Writes the side table and the script, and returns the writer.
    pub fn finish(mut self) -> io::Result<W> {
        let mut s = String::new();
        s.push_str(
            "</main>\n<aside id=\"summary\" aria-label=\"Speakers and outlets\" tabindex=\"-1\">\n",
        );
        let _ = writeln!(
            s,
            "<p class=\"meta\">{} articles, {} quotes</p>",
            self.articles, self.quotes
        );
        s.push_str("<h2>Speakers</h2>\n<table><thead><tr><th>Speaker</th><th>Type</th><th class=\"n\">Quotes</th><th class=\"n\">Docs</th></tr></thead><tbody>\n");
        let mut speakers: Vec<_> = self.speakers.iter().collect();
        speakers.sort_by(|a, b| b.1.quotes.cmp(&a.1.quotes).then(a.0.cmp(b.0)));
        for (name, c) in speakers {
            let _ = writeln!(
                s,
                "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                escape(name),
                c.kind.unwrap_or(""),
                c.quotes,
                c.articles
            );
        }
        s.push_str("</tbody></table>\n<h2>Outlets</h2>\n<table><thead><tr><th>Outlet</th><th>Relations</th><th class=\"n\">Mentions</th><th class=\"n\">Quotes</th></tr></thead><tbody>\n");
        let mut outlets: Vec<_> = self.outlets.iter().collect();
        outlets.sort_by(|a, b| b.1.mentions.cmp(&a.1.mentions).then(a.0.cmp(b.0)));
        for (name, c) in outlets {
            let _ = writeln!(
                s,
                "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                escape(name),
                c.relations.join(", "),
                c.mentions,
                c.quotes
            );
        }
        s.push_str("</tbody></table>\n");
        if !self.errors.is_empty() {
            let _ = writeln!(
                s,
                "<h2>Records with errors</h2>\n<p class=\"meta\">{} records have no annotation and are not shown.</p>\n<ul>",
                self.errors.len()
            );
            for (id, message) in &self.errors {
                let _ = writeln!(s, "<li>{}: {}</li>", escape(id), escape(message));
            }
            s.push_str("</ul>\n");
        }
        s.push_str("</aside>\n</div>\n<div id=\"tip\" role=\"tooltip\" hidden></div>\n<script>");
        s.push_str(SCRIPT);
        s.push_str("</script>\n</body>\n</html>\n");
        self.out.write_all(s.as_bytes())?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// The tooltip text of one quote.
fn quote_info(a: &Annotation, i: usize, q: &WireQuote) -> String {
    let mut s = format!(
        "Quote {} ({}), confidence {}",
        i + 1,
        quote_kind_name(q.kind),
        q.confidence
    );
    match &q.speaker {
        Some(sp) => {
            let _ = write!(
                s,
                "\nSpeaker: {} (as “{}”)",
                sp.name.as_deref().unwrap_or("unresolved"),
                sp.text
            );
            if let Some(r) = sp.id.and_then(|id| a.speakers.iter().find(|s| s.id == id)) {
                let _ = write!(s, "\nType: {}", speaker_type_name(r.kind));
                if let Some(t) = &r.title {
                    let _ = write!(s, "\nTitle: {t}");
                }
                if let Some(t) = &r.affiliation {
                    let _ = write!(s, "\nAffiliation: {t}");
                }
            }
        }
        None => s.push_str("\nSpeaker: none found"),
    }
    if let Some(c) = &q.cue {
        let _ = write!(s, "\nCue: {}", c.text);
    }
    if let Some(o) = &q.outlet {
        let _ = write!(
            s,
            "\nOutlet: {} ({})",
            o.name,
            outlet_relation_name(o.relation)
        );
    }
    s
}

/// Byte offsets of the given character offsets (sorted), each clamped to the text's end.
fn byte_offsets(text: &str, chars: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(chars.len());
    let mut it = text.char_indices().enumerate().peekable();
    for &c in chars {
        let mut byte = text.len();
        while let Some(&(ci, (bi, _))) = it.peek() {
            if ci >= c {
                byte = bi;
                break;
            }
            it.next();
        }
        out.push(byte);
    }
    out
}

/// What an article's text is marked with: quote pieces, cues, speaker mentions (each with the
/// quotes it says) and outlet mentions, all in character offsets clamped to the text.
struct ArticleMarks {
    marks: Vec<Mark>,
    /// Speaker mentions used by quotes, each with the quotes it says.
    speakers: Vec<([usize; 2], Vec<usize>)>,
}

impl ArticleMarks {
    fn collect(a: &Annotation, n_chars: usize) -> ArticleMarks {
        let mut marks = Vec::new();
        let mut push = |start: usize, end: usize, kind| {
            let (start, end) = (start.min(n_chars), end.min(n_chars));
            if start < end {
                marks.push(Mark { start, end, kind });
            }
        };
        let mut speakers: Vec<([usize; 2], Vec<usize>)> = Vec::new();
        for (i, q) in a.quotes.iter().enumerate() {
            match &q.spans {
                Some(pieces) => pieces
                    .iter()
                    .for_each(|p| push(p[0], p[1], MarkKind::Quote(i))),
                None => push(q.start, q.end, MarkKind::Quote(i)),
            }
            if let Some(c) = &q.cue {
                push(c.start, c.end, MarkKind::Cue);
            }
            if let Some(sp) = &q.speaker {
                let range = [sp.start, sp.end];
                match speakers.iter_mut().find(|(r, _)| *r == range) {
                    Some((_, qs)) => qs.push(i),
                    None => speakers.push((range, vec![i])),
                }
            }
        }
        // A link cannot hold another: of overlapping speaker mentions, the first is kept.
        let mut kept: Vec<[usize; 2]> = Vec::new();
        for (k, (r, _)) in speakers.iter().enumerate() {
            if kept.iter().all(|o| r[1] <= o[0] || r[0] >= o[1]) {
                kept.push(*r);
                push(r[0], r[1], MarkKind::Speaker(k));
            }
        }
        for (k, o) in a.outlets.iter().enumerate() {
            for m in &o.mentions {
                push(m[0], m[1], MarkKind::Outlet(k));
            }
        }
        marks.sort_by_key(|m| (m.start, m.kind));
        ArticleMarks { marks, speakers }
    }
}

/// The escaped attribute values of one article's marks, computed once per article.
struct MarkAttributes {
    /// Tooltip of each quote.
    infos: Vec<String>,
    /// Id of each quote.
    quote_ids: Vec<String>,
    /// Per speaker mention: the link to its first quote, and the ids of all its quotes.
    speakers: Vec<(String, String)>,
    /// Per outlet: its relations, joined for the badge.
    outlet_relations: Vec<String>,
}

impl MarkAttributes {
    fn new(a: &Annotation, speakers: &[([usize; 2], Vec<usize>)]) -> MarkAttributes {
        let infos = (a.quotes.iter().enumerate())
            .map(|(i, q)| escape(&quote_info(a, i, q)))
            .collect();
        let quote_ids: Vec<String> = (0..a.quotes.len()).map(|i| quote_id(&a.id, i)).collect();
        let speakers = speakers
            .iter()
            .map(|(_, qs)| {
                let first = fragment(&element_id(&quote_ids[qs[0]]));
                let list = qs
                    .iter()
                    .map(|&i| quote_ids[i].as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                (first, escape(&list))
            })
            .collect();
        let outlet_relations = a
            .outlets
            .iter()
            .map(|o| {
                o.relations
                    .iter()
                    .map(|&r| outlet_relation_name(r))
                    .collect::<Vec<_>>()
                    .join(" · ")
            })
            .collect();
        MarkAttributes {
            infos,
            quote_ids,
            speakers,
            outlet_relations,
        }
    }

    /// Writes the opening tag of `m` for the stretch of text ending at `stretch_end`.
    /// `first_piece` is true for the first stretch of a quote, which carries its element id.
    fn open(
        &self,
        s: &mut String,
        a: &Annotation,
        m: &Mark,
        stretch_end: usize,
        first_piece: bool,
    ) {
        match m.kind {
            MarkKind::Quote(i) => {
                let kind = quote_kind_name(a.quotes[i].kind);
                let qid = escape(&self.quote_ids[i]);
                if first_piece {
                    let _ = write!(
                        s,
                        "<mark class=\"q q-{kind}\" data-quote-id=\"{qid}\" id=\"{}\" tabindex=\"0\" data-info=\"{}\">",
                        escape(&element_id(&self.quote_ids[i])),
                        self.infos[i]
                    );
                } else {
                    let _ = write!(
                        s,
                        "<mark class=\"q q-{kind}\" data-quote-id=\"{qid}\" data-info=\"{}\">",
                        self.infos[i]
                    );
                }
            }
            MarkKind::Speaker(k) => {
                let (href, list) = &self.speakers[k];
                let _ = write!(
                    s,
                    "<a class=\"spk\" href=\"#{href}\" data-quotes=\"{list}\">"
                );
            }
            MarkKind::Cue => s.push_str("<span class=\"cue\">"),
            MarkKind::Outlet(k) => {
                // The relation badge goes after the mention's last piece only.
                if m.end == stretch_end && !self.outlet_relations[k].is_empty() {
                    let _ = write!(
                        s,
                        "<span class=\"outlet\" data-rel=\"{}\">",
                        escape(&self.outlet_relations[k])
                    );
                } else {
                    s.push_str("<span class=\"outlet\">");
                }
            }
        }
    }
}

fn close_tag(kind: MarkKind) -> &'static str {
    match kind {
        MarkKind::Quote(_) => "</mark>",
        MarkKind::Speaker(_) => "</a>",
        MarkKind::Cue | MarkKind::Outlet(_) => "</span>",
    }
}

/// How many quotes' text differs from the article at their offsets (a sign that the
/// annotation was made from another input).
fn mismatched_quotes(text: &str, a: &Annotation, n_chars: usize) -> usize {
    a.quotes
        .iter()
        .filter(|q| {
            q.end > n_chars
                || !text
                    .chars()
                    .skip(q.start)
                    .take(q.end.saturating_sub(q.start))
                    .eq(q.text.chars())
        })
        .count()
}

fn render_article(s: &mut String, text: &str, a: &Annotation) {
    let n_chars = text.chars().count();
    let ArticleMarks { marks, speakers } = ArticleMarks::collect(a, n_chars);
    let _ = write!(
        s,
        "<article class=\"doc\" id=\"doc-{id}\" aria-label=\"Article {id}\">\n<h2>{id}</h2>\n<p class=\"meta\">{} quotes · {} speakers · {} outlets</p>\n",
        a.quotes.len(),
        a.speakers.len(),
        a.outlets.len(),
        id = escape(&element_id(&a.id)),
    );
    let mismatched = mismatched_quotes(text, a, n_chars);
    if mismatched > 0 {
        let _ = writeln!(
            s,
            "<p class=\"warn\">{mismatched} of {} quotes do not match this text: was the annotation made from another input?</p>",
            a.quotes.len()
        );
    }
    s.push_str("<div class=\"text\">");
    render_marked_text(s, text, a, &marks, &MarkAttributes::new(a, &speakers));
    s.push_str("</div>\n</article>\n");
}

/// Writes `text` cut at every mark boundary, each stretch wrapped in the tags of the marks
/// that cover it (outermost first), so that overlapping marks still nest.
fn render_marked_text(
    s: &mut String,
    text: &str,
    a: &Annotation,
    marks: &[Mark],
    attrs: &MarkAttributes,
) {
    let n_chars = text.chars().count();
    let mut bounds: Vec<usize> = marks.iter().flat_map(|m| [m.start, m.end]).collect();
    bounds.push(0);
    bounds.push(n_chars);
    bounds.sort_unstable();
    bounds.dedup();
    let bytes = byte_offsets(text, &bounds);
    let mut next_mark = 0;
    let mut active: Vec<Mark> = Vec::new();
    let mut quote_started = vec![false; a.quotes.len()];
    for w in 0..bounds.len().saturating_sub(1) {
        let (c0, c1) = (bounds[w], bounds[w + 1]);
        active.retain(|m| m.end > c0);
        while next_mark < marks.len() && marks[next_mark].start <= c0 {
            active.push(marks[next_mark]);
            next_mark += 1;
        }
        active.sort_by_key(|m| m.kind);
        for m in &active {
            let first_piece = match m.kind {
                MarkKind::Quote(i) => !std::mem::replace(&mut quote_started[i], true),
                _ => false,
            };
            attrs.open(s, a, m, c1, first_piece);
        }
        escape_into(s, &text[bytes[w]..bytes[w + 1]]);
        for m in active.iter().rev() {
            s.push_str(close_tag(m.kind));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn annotation(json: &str) -> Annotation {
        serde_json::from_str(json).unwrap()
    }

    fn page(text: &str, a: &Annotation) -> String {
        let mut w = ViewWriter::new(Vec::new(), "t").unwrap();
        w.article(text, a).unwrap();
        String::from_utf8(w.finish().unwrap()).unwrap()
    }

    #[test]
    fn escapes_article_text() {
        let a = annotation(r#"{"id":"x<1>"}"#);
        let html = page("<script>alert('x')</script> & more", &a);
        assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"));
        assert!(html.contains("<h2>x&lt;1&gt;</h2>"));
        assert_eq!(
            html.matches("<script>").count(),
            1,
            "only the page's own script"
        );
    }

    #[test]
    fn marks_every_piece_of_a_quote() {
        // Character offsets: the é makes bytes and characters differ.
        let text = "“Café first,” she said, “then tea.”";
        let a = annotation(
            r#"{"id":"d","quotes":[{"text":"Café first,” she said, “then tea.","start":1,"end":34,
                "spans":[[1,12],[25,34]],"kind":"direct","cue":{"text":"said","start":18,"end":22},
                "speaker":{"text":"she","start":14,"end":17,"kind":"pronoun","name":null,"id":null},
                "outlet":null,"confidence":0.5}]}"#,
        );
        let html = page(text, &a);
        assert_eq!(html.matches("data-quote-id=\"d:0\"").count(), 2);
        assert!(html.contains("tabindex=\"0\" data-info=\"Quote 1 (direct), confidence 0.5"));
        assert!(html.contains(">Café first,</mark>"));
        assert!(html.contains(">then tea.</mark>"));
        assert!(html.contains("<span class=\"cue\">said</span>"));
        assert!(html.contains("<a class=\"spk\" href=\"#d:0\" data-quotes=\"d:0\">she</a>"));
    }

    #[test]
    fn nested_marks_close_in_order() {
        let text = "Per Reuters, taxes rise, officials said.";
        let a = annotation(
            r#"{"id":"n","quotes":[{"text":"Per Reuters, taxes rise","start":0,"end":23,
                "kind":"indirect","cue":{"text":"said","start":35,"end":39},
                "speaker":null,"outlet":{"name":"Reuters","text":"Reuters","start":4,"end":11,"relation":"source"},
                "confidence":0.4}],
               "outlets":[{"name":"Reuters","mentions":[[4,11]],"relations":["source"]}]}"#,
        );
        let html = page(text, &a);
        assert!(html.contains(
            "<mark class=\"q q-indirect\" data-quote-id=\"n:0\" data-info=\"Quote 1 (indirect), confidence 0.4\nSpeaker: none found\nCue: said\nOutlet: Reuters (source)\"><span class=\"outlet\" data-rel=\"source\">Reuters</span></mark>"
        ));
    }

    #[test]
    fn fragments_are_percent_encoded() {
        assert_eq!(fragment("a b%#:1"), "a%20b%25%23:1");
        assert_eq!(element_id("a b:1"), "a_b:1");
    }
}
