//! Hostile inputs finish with an annotation (or an error record), never a panic.
//!
//! Linear time on these inputs is shown by `benches/adversarial.rs` (two sizes each).

use quotesmith::{Config, Document, Pipeline};

fn annotate(text: &str) -> quotesmith::Annotation {
    let p = Pipeline::new(&Config::default()).expect("pipeline");
    p.annotate(&Document::new("adv", text)).expect("annotate")
}

fn article(n: usize) -> String {
    let para = "\u{201c}We expect the vote on Tuesday,\u{201d} said Sen. Maria Lopez, who chairs the panel. \
                She told reporters that the bill would pass, according to Reuters. \
                Critics said the measure was rushed.\n\n";
    para.repeat(n / para.len() + 1)
}

#[test]
fn fifty_megabyte_document() {
    let text = article(50 << 20);
    let a = annotate(&text);
    assert!(a.sentences.len() > 100_000);
}

#[test]
fn unmatched_quotation_marks() {
    for mark in ["\"", "\u{201c}", "\u{201d}", "«", "'"] {
        let text = format!("He said {} ok.", mark.repeat(100_000));
        annotate(&text);
        let text = format!("{} word", mark).repeat(100_000);
        annotate(&text);
    }
}

/// A document made only of quotation marks and apostrophes of every style (and the spaces
/// and line breaks between them) yields a record.
#[test]
fn only_quotation_marks_and_apostrophes() {
    let unit = "\"\u{201c}\u{201d}\u{201e}\u{201f}\u{ab}\u{bb}''``'\u{2018}\u{2019}\u{201a}\u{201b}\u{2039}\u{203a}` '\u{2019}' '' \u{2018}\u{2019}\u{2019}\n";
    let text = unit.repeat(20_000);
    let a = annotate(&text);
    assert!(
        a.quotes.iter().all(|q| q.speaker.is_none()),
        "no word, no speaker"
    );
    let a = annotate(&unit.replace('\n', " ").repeat(20_000));
    assert!(!a.sentences.is_empty());
}

#[test]
fn deeply_nested_quotes() {
    let mut text = String::from("Ana said ");
    for i in 0..5_000 {
        text.push_str(if i % 2 == 0 {
            "\u{201c}a \u{2018}b "
        } else {
            "\"c 'd "
        });
    }
    for _ in 0..5_000 {
        text.push_str("\u{2019}e\u{201d} f' g\" ");
    }
    annotate(&text);
}

#[test]
fn scripts_emoji_and_combining_marks() {
    let text = "\u{202e}مرحبا بالعالم\u{202c} قال الوزير «هذا مهم». שלום עולם. \
                👩‍👩‍👧‍👦 said 🇺🇸 “ok” 🎉. e\u{301}\u{302}\u{303} “Zalgo t\u{334}\u{335}ext,” said Zoë Ça\u{327}. \
                日本語の文章です。「こんにちは」と彼は言った。";
    let a = annotate(text);
    let n = text.chars().count();
    assert!(a.sentences.iter().all(|&[s, e]| s <= e && e <= n));
}

#[test]
fn nul_bytes_and_control_characters() {
    let text = "A\0B said \u{201c}x\0y\u{201d}.\u{7}\u{1b}[31m red \u{feff} \u{0}\n\0\0";
    annotate(text);
}

#[test]
fn crlf_and_lone_cr_line_endings() {
    let crlf = "First para said \u{201c}one.\u{201d}\r\n\r\nSecond, said Bo Li.\r\n";
    let a = annotate(crlf);
    assert!(a.sentences.len() >= 2);
    let cr = "Line one said Al.\rLine two, said Bo.\r\rLine three.";
    let a = annotate(cr);
    assert!(a.sentences.len() >= 3);
}

#[test]
fn html_laden_text() {
    let text = "<html><body><div class=\"a\"><p>&ldquo;We won,&rdquo; said <b>Kim Ode</b>.</p>\
                <script>var s = \"said\" + '\"';</script><a href=\"https://ex.com/?q=\\\"\">link</a>\
                </div></body></html>"
        .repeat(2_000);
    annotate(&text);
}

#[test]
fn hundred_megabyte_jsonl_line() {
    use quotesmith::io::reader::{ReaderOptions, RecordReader};
    let body = article(100 << 20);
    let mut line = Vec::with_capacity(body.len() + 64);
    line.extend_from_slice(b"{\"id\":\"huge\",\"text\":");
    serde_json::to_writer(&mut line, &body).unwrap();
    line.extend_from_slice(b"}\n{\"id\":\"after\",\"text\":\"ok\"}\n");
    drop(body);
    let recs: Vec<_> =
        RecordReader::from_reader("big", std::io::Cursor::new(line), ReaderOptions::default())
            .unwrap()
            .collect();
    assert_eq!(recs.len(), 2);
    let doc = recs[0].result.as_ref().expect("parsed");
    assert!(doc.text.len() >= 100 << 20);
    assert_eq!(recs[1].id, "after");
}
