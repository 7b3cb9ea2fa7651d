//! Linking quotes, speaker mentions and speakers to outlets. The quotes and speakers stages
//! are not used here: each test builds the quotes, mentions and speakers by hand on its own
//! short article, then runs the outlet and link stages.

use quotesmith::Stage;
use quotesmith::doc::{
    Doc, Mention, MentionId, MentionKind, OutletRelation, Quote, QuoteKind, Span, Speaker,
    SpeakerId, SpeakerType,
};
use quotesmith::outlets::{OutletFinder, OutletLinker};
use quotesmith::sentences::SentenceSplitter;
use quotesmith::tokens::Tokenizer;
use std::sync::OnceLock;

fn finder() -> &'static OutletFinder {
    static F: OnceLock<OutletFinder> = OnceLock::new();
    F.get_or_init(|| OutletFinder::new(&[]).unwrap())
}

/// The outlet stage, then the link stage.
fn find_and_link(doc: &mut Doc) {
    finder().process(doc).unwrap();
    OutletLinker.process(doc).unwrap();
}

fn prepared(text: &str) -> Doc {
    let mut doc = Doc::new("t", text);
    static S: OnceLock<(SentenceSplitter, Tokenizer)> = OnceLock::new();
    let (splitter, tokenizer) =
        S.get_or_init(|| (SentenceSplitter::new().unwrap(), Tokenizer::new().unwrap()));
    splitter.process(&mut doc).unwrap();
    tokenizer.process(&mut doc).unwrap();
    doc
}

/// Span of the first occurrence of `needle`.
fn at(doc: &Doc, needle: &str) -> Span {
    let s = doc
        .text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in text"));
    Span::new(s, s + needle.len())
}

fn mention(
    doc: &mut Doc,
    needle: &str,
    kind: MentionKind,
    speaker: Option<SpeakerId>,
) -> MentionId {
    let span = at(doc, needle);
    doc.push_mention(Mention {
        span,
        kind,
        entity: None,
        speaker,
    })
}

fn speaker(doc: &mut Doc, name: &str, kind: SpeakerType) -> SpeakerId {
    doc.speakers.push(Speaker {
        name: name.into(),
        kind,
        title: None,
        affiliation: None,
        mentions: Vec::new(),
    });
    SpeakerId((doc.speakers.len() - 1) as u32)
}

fn quote(
    doc: &mut Doc,
    content: &str,
    cue: Option<&str>,
    speaker: Option<MentionId>,
    kind: QuoteKind,
) {
    let span = at(doc, content);
    let cue = cue.map(|c| at(doc, c));
    doc.quotes.push(Quote {
        span,
        pieces: vec![span],
        kind,
        cue,
        speaker,
        inherited: false,
        outlet: None,
        confidence: 0.9,
    });
}

/// (outlet name, outlet text, relation) of quote `i`.
fn outlet_of(doc: &Doc, i: usize) -> Option<(String, String, OutletRelation)> {
    doc.quotes[i].outlet.map(|(m, rel)| {
        let om = &doc.outlet_mentions[m.index()];
        (
            doc.outlets[om.outlet.index()].name.clone(),
            doc.text[om.span].to_string(),
            rel,
        )
    })
}

fn o(name: &str, text: &str, rel: OutletRelation) -> Option<(String, String, OutletRelation)> {
    Some((name.into(), text.into(), rel))
}

#[test]
fn newspaper_notes_that_makes_an_outlet_speaker() {
    let mut doc = prepared(
        "The Miami Herald reviewed the plans. The newspaper notes that the bridge will close in May.",
    );
    let sid = speaker(&mut doc, "the newspaper", SpeakerType::Unknown);
    let m = mention(&mut doc, "The newspaper", MentionKind::Nominal, Some(sid));
    doc.speakers[sid.index()].mentions.push(m);
    quote(
        &mut doc,
        "the bridge will close in May",
        Some("notes"),
        Some(m),
        QuoteKind::Indirect,
    );
    find_and_link(&mut doc);
    assert_eq!(
        outlet_of(&doc, 0),
        o("Miami Herald", "The newspaper", OutletRelation::Source)
    );
    assert_eq!(doc.mentions[m.index()].kind, MentionKind::Outlet);
    assert_eq!(doc.speakers[sid.index()].kind, SpeakerType::Outlet);
    assert_eq!(doc.speakers[sid.index()].name, "Miami Herald");
}

#[test]
fn outlet_reported_that() {
    let mut doc = prepared("Reuters reported that the plant would close.");
    let m = mention(&mut doc, "Reuters", MentionKind::Organization, None);
    quote(
        &mut doc,
        "the plant would close",
        Some("reported"),
        Some(m),
        QuoteKind::Indirect,
    );
    find_and_link(&mut doc);
    assert_eq!(
        outlet_of(&doc, 0),
        o("Reuters", "Reuters", OutletRelation::Source)
    );
    assert_eq!(doc.mentions[m.index()].kind, MentionKind::Outlet);
}

#[test]
fn told_x_is_interviewer_and_per_x_is_source() {
    let mut doc = prepared(
        "\u{201c}We are done here,\u{201d} the mayor told CNN. The port will reopen on Friday, per Reuters.",
    );
    let mayor = mention(&mut doc, "the mayor", MentionKind::Nominal, None);
    quote(
        &mut doc,
        "We are done here,",
        Some("told"),
        Some(mayor),
        QuoteKind::Direct,
    );
    quote(
        &mut doc,
        "The port will reopen on Friday",
        Some("per"),
        None,
        QuoteKind::Indirect,
    );
    find_and_link(&mut doc);
    assert_eq!(
        outlet_of(&doc, 0),
        o("CNN", "CNN", OutletRelation::Interviewer)
    );
    assert_eq!(
        outlet_of(&doc, 1),
        o("Reuters", "Reuters", OutletRelation::Source)
    );
    // "per Reuters" with no speaker: the outlet becomes the speaker.
    let m = doc.quotes[1].speaker.expect("outlet speaker");
    assert_eq!(doc.mentions[m.index()].kind, MentionKind::Outlet);
    let s = doc.mentions[m.index()].speaker.expect("speaker");
    assert_eq!(doc.speakers[s.index()].kind, SpeakerType::Outlet);
    assert_eq!(doc.speakers[s.index()].name, "Reuters");
}

#[test]
fn per_x_quoting_name() {
    let mut doc = prepared("The minister will resign, per Axios, quoting a senior aide.");
    let aide = mention(&mut doc, "a senior aide", MentionKind::Nominal, None);
    quote(
        &mut doc,
        "The minister will resign",
        Some("quoting"),
        Some(aide),
        QuoteKind::Indirect,
    );
    find_and_link(&mut doc);
    assert_eq!(
        outlet_of(&doc, 0),
        o("Axios", "Axios", OutletRelation::Source)
    );
    // The aide stays the speaker.
    assert_eq!(doc.quotes[0].speaker, Some(aide));
    assert_eq!(doc.mentions[aide.index()].kind, MentionKind::Nominal);
}

#[test]
fn journalist_of_outlet() {
    // Speaker mention containing the outlet.
    let mut doc = prepared("CNN's Jake Tapper said the debate was a disaster.");
    let m = mention(&mut doc, "CNN's Jake Tapper", MentionKind::Name, None);
    quote(
        &mut doc,
        "the debate was a disaster",
        Some("said"),
        Some(m),
        QuoteKind::Indirect,
    );
    find_and_link(&mut doc);
    assert_eq!(outlet_of(&doc, 0), o("CNN", "CNN", OutletRelation::Source));
    assert_eq!(doc.mentions[m.index()].kind, MentionKind::Name);

    // Speaker mention next to the outlet: "NAME of X said".
    let mut doc = prepared("Maria Lopez of NPR said the memo was real.");
    let m = mention(&mut doc, "Maria Lopez", MentionKind::Name, None);
    quote(
        &mut doc,
        "the memo was real",
        Some("said"),
        Some(m),
        QuoteKind::Indirect,
    );
    find_and_link(&mut doc);
    assert_eq!(outlet_of(&doc, 0), o("NPR", "NPR", OutletRelation::Source));
    assert_eq!(doc.quotes[0].speaker, Some(m));
}

#[test]
fn inverted_reports_x_without_speaker() {
    let mut doc = prepared("The plant will close next year, reports The Detroit News.");
    quote(
        &mut doc,
        "The plant will close next year",
        Some("reports"),
        None,
        QuoteKind::Indirect,
    );
    find_and_link(&mut doc);
    assert_eq!(
        outlet_of(&doc, 0),
        o(
            "The Detroit News",
            "The Detroit News",
            OutletRelation::Source
        )
    );
    let m = doc.quotes[0].speaker.expect("outlet speaker");
    assert_eq!(
        doc.text[doc.mentions[m.index()].span].to_string(),
        "The Detroit News"
    );
}

#[test]
fn wrote_in_x_is_publisher() {
    let mut doc = prepared("The former minister wrote in The Guardian that the war was lost.");
    let m = mention(&mut doc, "The former minister", MentionKind::Nominal, None);
    quote(
        &mut doc,
        "the war was lost",
        Some("wrote"),
        Some(m),
        QuoteKind::Indirect,
    );
    find_and_link(&mut doc);
    assert_eq!(
        outlet_of(&doc, 0),
        o("The Guardian", "The Guardian", OutletRelation::Publisher)
    );
}

#[test]
fn wire_credit_is_the_fallback() {
    let mut doc = prepared(
        "WASHINGTON (AP) \u{2014} \u{201c}We won,\u{201d} Senator Ann Smith said.\n\n\u{201c}It was close,\u{201d} she told CNN.",
    );
    let smith = mention(&mut doc, "Senator Ann Smith", MentionKind::Name, None);
    let she = mention(&mut doc, "she", MentionKind::Pronoun, None);
    quote(
        &mut doc,
        "We won,",
        Some("said"),
        Some(smith),
        QuoteKind::Direct,
    );
    quote(
        &mut doc,
        "It was close,",
        Some("told"),
        Some(she),
        QuoteKind::Direct,
    );
    find_and_link(&mut doc);
    assert_eq!(
        outlet_of(&doc, 0),
        o("Associated Press", "AP", OutletRelation::Wire)
    );
    assert_eq!(
        outlet_of(&doc, 1),
        o("CNN", "CNN", OutletRelation::Interviewer)
    );
    assert_eq!(doc.outlets[0].relations, [OutletRelation::Wire]);
}

#[test]
fn outlet_inside_the_quoted_words_is_not_the_source() {
    let mut doc = prepared("\u{201c}I never read The New York Times,\u{201d} Smith said.");
    let m = mention(&mut doc, "Smith", MentionKind::Name, None);
    quote(
        &mut doc,
        "I never read The New York Times,",
        Some("said"),
        Some(m),
        QuoteKind::Direct,
    );
    find_and_link(&mut doc);
    assert_eq!(outlet_of(&doc, 0), None);
    assert_eq!(doc.outlets.len(), 1);
    assert!(doc.outlets[0].relations.is_empty());
}

#[test]
fn nearest_role_in_the_clause_wins() {
    let mut doc = prepared("Smith told the BBC the plan was dead, per Reuters.");
    let m = mention(&mut doc, "Smith", MentionKind::Name, None);
    quote(
        &mut doc,
        "the plan was dead",
        Some("told"),
        Some(m),
        QuoteKind::Indirect,
    );
    find_and_link(&mut doc);
    assert_eq!(
        outlet_of(&doc, 0),
        o("BBC", "BBC", OutletRelation::Interviewer)
    );
}

#[test]
fn existing_outlet_speaker_is_reused() {
    let mut doc = prepared(
        "The bill is dead, Politico reported. The vote will not happen, Politico reported later.",
    );
    quote(
        &mut doc,
        "The bill is dead",
        Some("reported"),
        None,
        QuoteKind::Indirect,
    );
    let second = at(&doc, "The vote will not happen");
    let cue2 = {
        let s = doc.text.rfind("reported").unwrap();
        Span::new(s, s + "reported".len())
    };
    doc.quotes.push(Quote {
        span: second,
        pieces: vec![second],
        kind: QuoteKind::Indirect,
        cue: Some(cue2),
        speaker: None,
        inherited: false,
        outlet: None,
        confidence: 0.9,
    });
    find_and_link(&mut doc);
    let s0 = doc.mentions[doc.quotes[0].speaker.unwrap().index()].speaker;
    let s1 = doc.mentions[doc.quotes[1].speaker.unwrap().index()].speaker;
    assert_eq!(s0, s1);
    assert_eq!(doc.speakers.len(), 1);
    assert_eq!(doc.speakers[0].mentions.len(), 2);
}

#[test]
fn an_outlet_with_a_claim_of_its_own_is_not_the_next_claim_s() {
    let mut doc = prepared(
        "The line is shut, Reuters reported on Monday, and Norvale Rail says trains will not run before Friday.",
    );
    let reuters = mention(&mut doc, "Reuters", MentionKind::Organization, None);
    let rail = mention(&mut doc, "Norvale Rail", MentionKind::Organization, None);
    quote(
        &mut doc,
        "The line is shut",
        Some("reported"),
        Some(reuters),
        QuoteKind::Indirect,
    );
    quote(
        &mut doc,
        "trains will not run before Friday",
        Some("says"),
        Some(rail),
        QuoteKind::Indirect,
    );
    find_and_link(&mut doc);
    assert_eq!(
        outlet_of(&doc, 0),
        o("Reuters", "Reuters", OutletRelation::Source)
    );
    assert_eq!(outlet_of(&doc, 1), None);
}

#[test]
fn a_quotation_nested_in_another_s_words_takes_no_outlet_outside_them() {
    let mut doc = prepared(
        "\u{201c}The captain said, \u{2018}Brace,\u{2019} and we did,\u{201d} a passenger told Reuters.",
    );
    let passenger = mention(&mut doc, "a passenger", MentionKind::Nominal, None);
    let captain = mention(&mut doc, "The captain", MentionKind::Nominal, None);
    quote(
        &mut doc,
        "The captain said, \u{2018}Brace,\u{2019} and we did,",
        Some("told"),
        Some(passenger),
        QuoteKind::Direct,
    );
    quote(
        &mut doc,
        "Brace,",
        Some("said"),
        Some(captain),
        QuoteKind::Direct,
    );
    find_and_link(&mut doc);
    assert_eq!(
        outlet_of(&doc, 0),
        o("Reuters", "Reuters", OutletRelation::Interviewer)
    );
    assert_eq!(outlet_of(&doc, 1), None);
}
