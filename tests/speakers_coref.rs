//! Speaker resolution over short articles written for these tests. The sentence and token
//! layers come from the real stages; entities, mentions and quotes (made by the NER and quotes
//! stages in the full pipeline) are built by hand so the tests pin down this stage alone.

use quotesmith::Stage;
use quotesmith::doc::{
    Doc, Entity, EntityLabel, Mention, MentionId, MentionKind, Quote, QuoteKind, Span, SpeakerType,
    TokenId,
};
use quotesmith::sentences::SentenceSplitter;
use quotesmith::speakers::SpeakerResolver;
use quotesmith::tokens::Tokenizer;

mod shared_data;

struct Article {
    doc: Doc,
}

impl Article {
    fn new(text: &str) -> Self {
        let mut doc = Doc::new("t", text);
        SentenceSplitter::new().unwrap().process(&mut doc).unwrap();
        Tokenizer::new().unwrap().process(&mut doc).unwrap();
        Article { doc }
    }

    fn find(&self, surface: &str, nth: usize) -> Span {
        let start = self
            .doc
            .text
            .match_indices(surface)
            .nth(nth)
            .unwrap_or_else(|| panic!("{surface:?} #{nth} not in text"))
            .0;
        Span::new(start, start + surface.len())
    }

    /// Tags the `nth` occurrence of `surface` as an entity.
    fn ent(&mut self, surface: &str, nth: usize, label: EntityLabel) -> &mut Self {
        let span = self.find(surface, nth);
        let toks = &self.doc.tokens;
        let a = toks.partition_point(|t| t.span.end <= span.start);
        let b = toks.partition_point(|t| t.span.start < span.end);
        self.doc.entities.push(Entity {
            span,
            label,
            first: TokenId(a as u32),
            end: TokenId(b as u32),
        });
        self.doc.entities.sort_by_key(|e| e.span.start);
        self
    }

    fn mention(&mut self, surface: &str, nth: usize, kind: MentionKind) -> MentionId {
        let span = self.find(surface, nth);
        self.doc.push_mention(Mention {
            span,
            kind,
            entity: None,
            speaker: None,
        })
    }

    /// A direct quote over the `nth` occurrence of `content`, spoken by `speaker`.
    fn direct(&mut self, content: &str, nth: usize, speaker: MentionId) {
        let span = self.find(content, nth);
        self.doc.quotes.push(Quote {
            span,
            pieces: vec![span],
            kind: QuoteKind::Direct,
            cue: None,
            speaker: Some(speaker),
            inherited: false,
            outlet: None,
            confidence: 0.9,
        });
        self.doc.quotes.sort_by_key(|q| q.span.start);
    }

    /// A speaker mention with an indirect quote of its own (content irrelevant here).
    fn says(&mut self, surface: &str, nth: usize, kind: MentionKind) -> MentionId {
        let m = self.mention(surface, nth, kind);
        let at = self.doc.mentions[m.index()].span.end;
        self.doc.quotes.push(Quote {
            span: Span::new(at, at),
            pieces: vec![],
            kind: QuoteKind::Indirect,
            cue: None,
            speaker: Some(m),
            inherited: false,
            outlet: None,
            confidence: 0.9,
        });
        m
    }

    fn run(&mut self) -> &Doc {
        static STAGE: std::sync::OnceLock<SpeakerResolver> = std::sync::OnceLock::new();
        STAGE
            .get_or_init(|| SpeakerResolver::new().unwrap())
            .process(&mut self.doc)
            .unwrap();
        &self.doc
    }
}

fn name(doc: &Doc, m: MentionId) -> Option<&str> {
    doc.mentions[m.index()]
        .speaker
        .map(|s| doc.speakers[s.index()].name.as_str())
}

fn surfaces(doc: &Doc, speaker: usize) -> Vec<&str> {
    doc.speakers[speaker]
        .mentions
        .iter()
        .map(|m| doc.str(doc.mentions[m.index()].span))
        .collect()
}

#[test]
fn surname_then_full_name_later() {
    let mut a = Article::new(
        "Putin said the sanctions would fail. Later that day Vladimir Putin met the press.",
    );
    a.ent("Putin", 0, EntityLabel::Per)
        .ent("Vladimir Putin", 0, EntityLabel::Per);
    let m = a.says("Putin", 0, MentionKind::Name);
    let d = a.run();
    assert_eq!(name(d, m), Some("Vladimir Putin"));
    assert_eq!(surfaces(d, 0), ["Putin", "Vladimir Putin"]);
}

#[test]
fn pronoun_gender_from_earlier_pronouns() {
    // "Jordan" is not a clear first name: the earlier "he" makes Jordan Hale male, so "she"
    // goes to the woman even though Hale is nearer.
    let mut a = Article::new(
        "Anna Ruiz chaired the panel. Jordan Hale said he would resign. \
         Hale left the room. She said the vote would go ahead.",
    );
    a.ent("Anna Ruiz", 0, EntityLabel::Per)
        .ent("Jordan Hale", 0, EntityLabel::Per)
        .ent("Hale", 1, EntityLabel::Per);
    let she = a.says("She", 0, MentionKind::Pronoun);
    let d = a.run();
    assert_eq!(name(d, she), Some("Anna Ruiz"));
    let hale = d.speakers.iter().position(|s| s.name == "Jordan Hale");
    assert!(
        hale.is_none(),
        "Hale has no quote, so is not listed: {:?}",
        d.speakers
    );
}

#[test]
fn pronoun_prefers_the_last_speaker() {
    let mut a = Article::new(
        "Mayor Tom Reed met Gov. Dan Cole on Monday.\n\
         \u{201c}We agreed on the budget,\u{201d} Reed said.\n\
         Cole did not comment. \u{201c}It was a long night,\u{201d} he added.",
    );
    a.ent("Tom Reed", 0, EntityLabel::Per)
        .ent("Dan Cole", 0, EntityLabel::Per)
        .ent("Cole", 1, EntityLabel::Per);
    let reed = a.mention("Reed", 1, MentionKind::Name);
    a.direct("We agreed on the budget,", 0, reed);
    let he = a.mention("he added", 0, MentionKind::Pronoun);
    a.doc.mentions[he.index()].span.end = a.doc.mentions[he.index()].span.start + 2;
    a.direct("It was a long night,", 0, he);
    let d = a.run();
    assert_eq!(name(d, reed), Some("Tom Reed"));
    // Cole is the subject of the previous sentence, but Reed spoke last: news convention.
    assert_eq!(name(d, he), Some("Tom Reed"));
    let sp = &d.speakers[d.mentions[reed.index()].speaker.unwrap().index()];
    assert_eq!(sp.title.as_deref(), Some("Mayor"));
}

#[test]
fn names_inside_quotes_do_not_attract_pronouns() {
    let mut a = Article::new(
        "Tom Jones spoke after the vote. \u{201c}Mark Smith is wrong about this,\u{201d} he said.",
    );
    a.ent("Tom Jones", 0, EntityLabel::Per)
        .ent("Mark Smith", 0, EntityLabel::Per);
    let he = a.mention("he", 0, MentionKind::Pronoun);
    a.direct("Mark Smith is wrong about this,", 0, he);
    let d = a.run();
    assert_eq!(name(d, he), Some("Tom Jones"));
}

#[test]
fn first_person_inside_a_quote_is_its_speaker() {
    let mut a = Article::new("\u{201c}I will not run again,\u{201d} said Sen. Joan Park.");
    a.ent("Joan Park", 0, EntityLabel::Per);
    let park = a.mention("Sen. Joan Park", 0, MentionKind::Name);
    a.direct("I will not run again,", 0, park);
    let i = a.mention("I", 0, MentionKind::Pronoun);
    let d = a.run();
    assert_eq!(name(d, i), Some("Joan Park"));
    assert_eq!(d.speakers.len(), 1);
    assert_eq!(d.speakers[0].title.as_deref(), Some("Sen."));
}

#[test]
fn relative_pronoun_takes_the_name_before_it() {
    let mut a = Article::new("The plan was backed by Lisa Grant, who said it would pass.");
    a.ent("Lisa Grant", 0, EntityLabel::Per);
    let who = a.says("who", 0, MentionKind::Pronoun);
    let d = a.run();
    assert_eq!(name(d, who), Some("Lisa Grant"));
}

#[test]
fn a_kind_of_business_is_a_company_named_lately_not_a_council() {
    let mut a = Article::new(
        "The Halden Borough Council met Northgate Rail on Monday. The operator said more trains \
         would run. Brannock Water sent data to the Sorrel Valley Council. The utility said it \
         would reply.",
    );
    a.ent("Halden Borough Council", 0, EntityLabel::Org)
        .ent("Northgate Rail", 0, EntityLabel::Org)
        .ent("Sorrel Valley Council", 0, EntityLabel::Org)
        .ent("Brannock Water", 0, EntityLabel::Org);
    let operator = a.says("The operator", 0, MentionKind::Nominal);
    let utility = a.says("The utility", 0, MentionKind::Nominal);
    let d = a.run();
    assert_eq!(name(d, operator), Some("Northgate Rail"));
    assert_eq!(name(d, utility), Some("Brannock Water"));
}

#[test]
fn an_owner_s_name_before_an_organisation_noun_names_a_business() {
    let mut a = Article::new(
        "Marwick\u{2019}s Brewery bought two new tanks in May. It said a third would follow.",
    );
    a.ent("Marwick", 0, EntityLabel::Per);
    let it = a.says("It", 0, MentionKind::Pronoun);
    let d = a.run();
    assert_eq!(name(d, it), Some("Marwick\u{2019}s Brewery"));
    assert_eq!(d.speakers[0].kind, SpeakerType::Organization);
}

#[test]
fn organisations_it_and_acronyms() {
    let mut a = Article::new(
        "The Federal Bureau of Investigation opened a case. The FBI said it had new emails. \
         It said more would follow.",
    );
    a.ent("Federal Bureau of Investigation", 0, EntityLabel::Org)
        .ent("FBI", 0, EntityLabel::Org);
    let fbi = a.says("The FBI", 0, MentionKind::Organization);
    let it = a.says("It", 0, MentionKind::Pronoun);
    let d = a.run();
    assert_eq!(name(d, fbi), Some("Federal Bureau of Investigation"));
    assert_eq!(name(d, it), Some("Federal Bureau of Investigation"));
    assert_eq!(d.speakers.len(), 1);
    assert_eq!(d.speakers[0].kind, SpeakerType::Organization);
}

#[test]
fn nominals_of_their_own_and_repeated() {
    let mut a = Article::new(
        "Officials said the border would stay shut. A source said talks had stalled. \
         The source added that a deal was close. They said nothing else.",
    );
    let officials = a.says("Officials", 0, MentionKind::Nominal);
    let source = a.says("A source", 0, MentionKind::Nominal);
    let the_source = a.says("The source", 0, MentionKind::Nominal);
    let they = a.says("They", 0, MentionKind::Pronoun);
    let d = a.run();
    assert_eq!(name(d, officials), Some("Officials"));
    assert_eq!(name(d, source), Some("A source"));
    assert_eq!(name(d, the_source), Some("A source"));
    assert_eq!(name(d, they), Some("Officials"));
    let sp = &d.speakers[d.mentions[officials.index()].speaker.unwrap().index()];
    assert_eq!(sp.kind, SpeakerType::Person);
}

#[test]
fn unresolvable_nominal_gets_unknown_speaker() {
    let mut a = Article::new("The statement said the plant was safe.");
    let m = a.says("The statement", 0, MentionKind::Nominal);
    let d = a.run();
    assert_eq!(name(d, m), Some("The statement"));
    assert_eq!(d.speakers[0].kind, SpeakerType::Unknown);
}

#[test]
fn speakers_list_all_mentions_and_only_quoted_clusters() {
    let mut a = Article::new(
        "Jane Doe unveiled her plan on Monday. Critics mocked Doe. \
         Acme Corp. stayed silent. She said the plan would create jobs.",
    );
    a.ent("Jane Doe", 0, EntityLabel::Per)
        .ent("Doe", 1, EntityLabel::Per)
        .ent("Acme Corp.", 0, EntityLabel::Org);
    let she = a.says("She", 0, MentionKind::Pronoun);
    let d = a.run();
    assert_eq!(name(d, she), Some("Jane Doe"));
    assert_eq!(d.speakers.len(), 1, "Acme has no quote: {:?}", d.speakers);
    assert_eq!(surfaces(d, 0), ["Jane Doe", "her", "Doe", "She"]);
    // Every listed mention points back at its speaker.
    for (i, sp) in d.speakers.iter().enumerate() {
        for m in &sp.mentions {
            assert_eq!(d.mentions[m.index()].speaker.map(|s| s.index()), Some(i));
        }
    }
}

#[test]
fn titled_nominals_pick_the_matching_person() {
    let mut a = Article::new(
        "Sen. Ann Lee met Gov. Bob Hart and White House spokesman Josh Earnest. \
         The governor said the meeting went well. The spokesman said it was short. \
         The senator said little.",
    );
    a.ent("Ann Lee", 0, EntityLabel::Per)
        .ent("Bob Hart", 0, EntityLabel::Per)
        .ent("Josh Earnest", 0, EntityLabel::Per)
        .ent("White House", 0, EntityLabel::Org);
    let gov = a.says("The governor", 0, MentionKind::Nominal);
    let spk = a.says("The spokesman", 0, MentionKind::Nominal);
    let sen = a.says("The senator", 0, MentionKind::Nominal);
    let d = a.run();
    eprintln!("{:#?}", d.speakers);
    assert_eq!(name(d, gov), Some("Bob Hart"));
    assert_eq!(name(d, spk), Some("Josh Earnest"));
    assert_eq!(name(d, sen), Some("Ann Lee"));
    let earnest = &d.speakers[d.mentions[spk.index()].speaker.unwrap().index()];
    assert_eq!(earnest.title.as_deref(), Some("spokesman"));
    assert_eq!(earnest.affiliation.as_deref(), Some("White House"));
}

#[test]
fn clinton_ambiguity_uses_recency_then_frequency() {
    // Within the recency window the latest Clinton wins ...
    let mut a =
        Article::new("Hillary Clinton spoke. Bill Clinton spoke. Clinton said it went well.");
    let m = a.says("Clinton", 2, MentionKind::Name);
    a.ent("Hillary Clinton", 0, EntityLabel::Per)
        .ent("Bill Clinton", 0, EntityLabel::Per);
    assert_eq!(name(a.run(), m), Some("Bill Clinton"));
    // ... an honorific that gives gender overrides recency ...
    let mut a =
        Article::new("Hillary Clinton spoke. Bill Clinton spoke. Mrs. Clinton said it went well.");
    let m = a.says("Mrs. Clinton", 0, MentionKind::Name);
    a.ent("Hillary Clinton", 0, EntityLabel::Per)
        .ent("Bill Clinton", 0, EntityLabel::Per);
    assert_eq!(name(a.run(), m), Some("Hillary Clinton"));
    // ... and far from both, the one mentioned more often wins.
    let filler = "The weather was mild. ".repeat(12);
    let text = format!(
        "Hillary Clinton spoke. Hillary Clinton smiled. Hillary Clinton left. Bill Clinton waved. {filler}Clinton said it went well."
    );
    let mut a = Article::new(&text);
    for n in 0..3 {
        a.ent("Hillary Clinton", n, EntityLabel::Per);
    }
    a.ent("Bill Clinton", 0, EntityLabel::Per);
    let m = a.says("Clinton", 4, MentionKind::Name);
    assert_eq!(name(a.run(), m), Some("Hillary Clinton"));
}

#[test]
fn without_entities_names_come_from_capitals() {
    // No NER layer at all: names are read from the mention itself.
    let mut a = Article::new(
        "Russian President Vladimir Putin spoke on Monday. Mr. Putin said the talks were over.",
    );
    a.mention("Russian President Vladimir Putin", 0, MentionKind::Name);
    let second = a.says("Mr. Putin", 0, MentionKind::Name);
    let d = a.run();
    assert_eq!(name(d, second), Some("Vladimir Putin"));
    assert_eq!(d.speakers.len(), 1);
    assert_eq!(d.speakers[0].title.as_deref(), Some("President"));
}

#[test]
fn empty_and_odd_inputs_do_not_panic() {
    for text in [
        "",
        "\u{201c}\u{201d}\u{201c}",
        "he",
        "The. The. The.",
        "Ünïcödé Nämé said.",
    ] {
        let mut a = Article::new(text);
        if !text.is_empty() {
            let len = a.doc.text.len();
            a.doc.push_mention(Mention {
                span: Span::new(0, len),
                kind: MentionKind::Name,
                entity: None,
                speaker: None,
            });
            a.doc.push_mention(Mention {
                span: Span::new(len, len),
                kind: MentionKind::Nominal,
                entity: None,
                speaker: None,
            });
        }
        a.run();
    }
}

#[test]
fn long_document_stays_fast() {
    // 3,000 paragraphs, each with a name, a pronoun speaker and a nominal.
    let mut text = String::new();
    for i in 0..3000 {
        text.push_str(&format!(
            "Officer Dale Number{i} spoke on Monday. He said the road was closed. \
             The officer added that it would reopen.\n"
        ));
    }
    let mut a = Article::new(&text);
    for i in 0..3000 {
        a.ent(&format!("Dale Number{i} "), 0, EntityLabel::Per);
        let e = a.doc.entities.last_mut().unwrap();
        e.span.end -= 1;
    }
    a.doc.entities.sort_by_key(|e| e.span.start);
    let starts: Vec<usize> = a
        .doc
        .text
        .match_indices("He said the road")
        .map(|(i, _)| i)
        .collect();
    for s in starts {
        let m = a.doc.push_mention(Mention {
            span: Span::new(s, s + 2),
            kind: MentionKind::Pronoun,
            entity: None,
            speaker: None,
        });
        a.doc.quotes.push(Quote {
            span: Span::new(s + 8, s + 30),
            pieces: vec![],
            kind: QuoteKind::Indirect,
            cue: None,
            speaker: Some(m),
            inherited: false,
            outlet: None,
            confidence: 0.9,
        });
    }
    let start = std::time::Instant::now();
    let d = a.run();
    let took = start.elapsed();
    assert_eq!(d.speakers.len(), 3000);
    assert!(d.speakers.iter().all(|s| s.name.starts_with("Dale Number")));
    // Generous bound: the point is no quadratic blow-up (debug build, shared machine).
    assert!(took.as_secs_f32() < 20.0, "took {took:?}");
    eprintln!("3000 paragraphs resolved in {took:?}");
}

#[test]
fn without_entities_pronouns_find_scanned_names() {
    let mut a = Article::new(
        "Maria Santos, the city's budget director, presented the plan. \
         Critics were unimpressed. She said the numbers were sound.",
    );
    let she = a.says("She", 0, MentionKind::Pronoun);
    let d = a.run();
    assert_eq!(name(d, she), Some("Maria Santos"));
    assert_eq!(surfaces(d, 0), ["Maria Santos", "She"]);
    assert_eq!(d.speakers[0].title.as_deref(), Some("budget director"));
}

/// Byte offset of each char offset of `text` (plus the end).
fn char_to_byte(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

/// The Source spans of a PolNeAR `.ann` file, as byte spans (`c2b` maps char offsets).
fn gold_source_spans(ann: &str, c2b: &[usize]) -> Vec<Span> {
    ann.lines()
        .filter_map(|line| {
            let parts: Vec<&str> = line.split('\t').collect();
            if parts.len() < 3 || !parts[1].starts_with("Source ") {
                return None;
            }
            let range = parts[1]["Source ".len()..].split(';').next()?;
            let (s, e) = range.split_once(' ')?;
            let (s, e): (usize, usize) = (s.parse().ok()?, e.parse().ok()?);
            (e < c2b.len() && s < e).then(|| Span::new(c2b[s], c2b[e]))
        })
        .collect()
}

/// The mention kind a gold source's surface reads as: a pronoun, a name (capitalised, no
/// article) or a nominal.
fn gold_mention_kind(surface: &str) -> MentionKind {
    const PRONOUNS: &[&str] = &[
        "he", "she", "they", "it", "i", "we", "you", "who", "which", "that", "his", "her", "their",
        "its", "me", "us", "my", "our", "your", "him", "them", "whom", "whose",
    ];
    let low = surface.to_lowercase();
    if PRONOUNS.contains(&low.as_str()) {
        MentionKind::Pronoun
    } else if surface.starts_with(|c: char| c.is_uppercase())
        && !low.starts_with("the ")
        && !low.starts_with("a ")
    {
        MentionKind::Name
    } else {
        MentionKind::Nominal
    }
}

/// One resolution, printed for inspection (`SPEAKERS_DUMP=1`); a pronoun with the text
/// before it.
fn dump_resolution(d: &Doc, stem: &str, mention: &Mention, sp: &quotesmith::doc::Speaker) {
    let context = if mention.kind == MentionKind::Pronoun {
        let mut from = mention.span.start.saturating_sub(240);
        while !d.text.is_char_boundary(from) {
            from += 1;
        }
        d.text[from..mention.span.end].replace('\n', " | ")
    } else {
        String::new()
    };
    eprintln!(
        "{stem}\t{:?}\t{}\t{:?}\t{:?}\t{:?}\t{context}",
        d.str(mention.span),
        sp.name,
        sp.kind,
        sp.title,
        sp.affiliation
    );
}

/// Runs the stage over PolNeAR dev with the gold Source spans as speaker mentions (no NER
/// layer): checks that nothing panics, that every non-pronoun source gets a speaker, and
/// reports how many pronoun sources found an antecedent. Set `SPEAKERS_DUMP=1` to print each
/// resolution for inspection.
#[test]
fn polnear_gold_sources_resolve() {
    let Some(dir) = shared_data::path("polnear/dev") else {
        return;
    };
    let dump = std::env::var_os("SPEAKERS_DUMP").is_some();
    let mut anns: Vec<_> = std::fs::read_dir(dir.join("attributions"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    anns.sort();
    let mut seen = std::collections::HashSet::new();
    let (mut total, mut resolved, mut pronouns, mut pronouns_resolved) = (0, 0, 0, 0);
    let mut docs = 0;
    let mut bytes = 0usize;
    let mut took = std::time::Duration::ZERO;
    for ann in anns {
        let file = ann.file_stem().unwrap().to_string_lossy().to_string();
        let stem = file
            .rsplit_once('_')
            .map_or(file.as_str(), |x| x.0)
            .to_string();
        if !seen.insert(stem.clone()) {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(dir.join("text").join(format!("{stem}.txt"))) else {
            continue;
        };
        let c2b = char_to_byte(&text);
        let mut a = Article::new(&text);
        let mut by_span = std::collections::HashMap::new();
        let body = std::fs::read_to_string(&ann).unwrap();
        for span in gold_source_spans(&body, &c2b) {
            if by_span.contains_key(&span) {
                continue;
            }
            let kind = gold_mention_kind(&text[span.start..span.end]);
            let m = a.doc.push_mention(Mention {
                span,
                kind,
                entity: None,
                speaker: None,
            });
            a.doc.quotes.push(Quote {
                span: Span::new(span.end, span.end),
                pieces: vec![],
                kind: QuoteKind::Indirect,
                cue: None,
                speaker: Some(m),
                inherited: false,
                outlet: None,
                confidence: 0.9,
            });
            by_span.insert(span, m);
        }
        a.doc.quotes.sort_by_key(|q| q.span.start);
        bytes += text.len();
        let t0 = std::time::Instant::now();
        let d = a.run();
        took += t0.elapsed();
        docs += 1;
        for m in by_span.values() {
            let mention = &d.mentions[m.index()];
            total += 1;
            let pron = mention.kind == MentionKind::Pronoun;
            pronouns += usize::from(pron);
            if let Some(s) = mention.speaker {
                resolved += 1;
                pronouns_resolved += usize::from(pron);
                if dump {
                    dump_resolution(d, &stem, mention, &d.speakers[s.index()]);
                }
            } else {
                assert!(pron, "{stem}: {:?} unresolved", d.str(mention.span));
                if dump {
                    eprintln!("{stem}\t{:?}\t-", d.str(mention.span));
                }
            }
        }
    }
    eprintln!(
        "polnear dev: {docs} docs, {total} source mentions, {resolved} resolved; \
         pronouns {pronouns_resolved}/{pronouns} resolved; stage time {took:?} for {bytes} bytes"
    );
    assert!(docs > 0 && total > 0);
}

mod props {
    use super::*;
    use proptest::prelude::*;

    const WORDS: &[&str] = &[
        "Vladimir",
        "Putin",
        "said",
        "he",
        "she",
        "the",
        "spokesman",
        "Sen.",
        "Mr.",
        "Ann",
        "Lee",
        "\u{201c}",
        "\u{201d}",
        ",",
        ".",
        "of",
        "Acme",
        "Corp.",
        "it",
        "they",
        "who",
        "I",
        "'s",
        "a",
        "Russian",
        "leader",
        "company",
        "Ünï",
        "\n",
        "(",
        ")",
        "—",
        "officials",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// Any text, any mentions and entities on token boundaries: no panic, and every
        /// speaker's mentions point back at it.
        #[test]
        fn never_panics(
            words in prop::collection::vec(prop::sample::select(WORDS), 0..60),
            picks in prop::collection::vec((0usize..60, 1usize..6, 0u8..5, any::<bool>()), 0..12),
        ) {
            let text = words.join(" ");
            let mut a = Article::new(&text);
            let n = a.doc.tokens.len();
            for &(start, len, kind, entity) in &picks {
                if n == 0 {
                    break;
                }
                let lo = start % n;
                let hi = (lo + len).min(n);
                let span = a.doc.tokens[lo].span.cover(&a.doc.tokens[hi - 1].span);
                if entity {
                    let label = [EntityLabel::Per, EntityLabel::Org, EntityLabel::Loc][kind as usize % 3];
                    a.doc.entities.push(Entity { span, label, first: TokenId(lo as u32), end: TokenId(hi as u32) });
                    a.doc.entities.sort_by_key(|e| e.span.start);
                } else {
                    let kind = [MentionKind::Name, MentionKind::Pronoun, MentionKind::Nominal,
                                MentionKind::Organization, MentionKind::Outlet][kind as usize];
                    let m = a.doc.push_mention(Mention { span, kind, entity: None, speaker: None });
                    a.doc.quotes.push(Quote {
                        span, pieces: vec![span], kind: QuoteKind::Direct, cue: None,
                        speaker: Some(m), inherited: false, outlet: None, confidence: 0.5,
                    });
                }
            }
            let d = a.run();
            for (i, sp) in d.speakers.iter().enumerate() {
                prop_assert!(!sp.mentions.is_empty());
                for m in &sp.mentions {
                    let mention = &d.mentions[m.index()];
                    prop_assert_eq!(mention.speaker.map(|s| s.index()), Some(i));
                    prop_assert!(mention.span.end <= d.text.len());
                }
            }
        }
    }
}
