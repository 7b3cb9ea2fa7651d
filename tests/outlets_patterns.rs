//! Outlet detection and roles on short articles written for these tests: one case per
//! attribution pattern of issue 6, the ambiguous short forms, back-references, and the
//! `--outlets` extra gazetteer files.

use quotesmith::doc::{Doc, OutletRelation, OutletRelation::*};
use quotesmith::outlets::OutletFinder;
use quotesmith::sentences::SentenceSplitter;
use quotesmith::tokens::Tokenizer;
use quotesmith::{Config, Document, Error, Pipeline, Stage};
use std::path::PathBuf;
use std::sync::OnceLock;

fn finder() -> &'static OutletFinder {
    static F: OnceLock<OutletFinder> = OnceLock::new();
    F.get_or_init(|| OutletFinder::new(&[]).expect("built-in gazetteer"))
}

fn annotate_with(f: &OutletFinder, text: &str) -> Doc {
    let mut doc = Doc::new("t", text);
    static S: OnceLock<(SentenceSplitter, Tokenizer)> = OnceLock::new();
    let (splitter, tokenizer) =
        S.get_or_init(|| (SentenceSplitter::new().unwrap(), Tokenizer::new().unwrap()));
    splitter.process(&mut doc).unwrap();
    tokenizer.process(&mut doc).unwrap();
    f.process(&mut doc).unwrap();
    doc
}

/// (surface, canonical name, relation) of every outlet mention.
fn mentions(text: &str) -> Vec<(String, String, Option<OutletRelation>)> {
    let doc = annotate_with(finder(), text);
    doc.outlet_mentions
        .iter()
        .map(|m| {
            (
                doc.text[m.span].to_string(),
                doc.outlets[m.outlet.index()].name.clone(),
                m.relation,
            )
        })
        .collect()
}

type Want<'a> = &'a [(&'a str, &'a str, Option<OutletRelation>)];

fn check(cases: &[(&str, Want<'_>)]) {
    let mut failures = Vec::new();
    for (text, want) in cases {
        let got = mentions(text);
        let want: Vec<_> = want
            .iter()
            .map(|(s, n, r)| (s.to_string(), n.to_string(), *r))
            .collect();
        if got != want {
            failures.push(format!("{text}\n  want {want:?}\n  got  {got:?}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn source_patterns() {
    check(&[
        // per X
        (
            "The company will cut 400 jobs, per Reuters.",
            &[("Reuters", "Reuters", Some(Source))],
        ),
        // "X, which first reported …, said": only an outlet takes that relative clause, so
        // an ambiguous short form counts.
        (
            "Bloomberg, which first reported the talks, said the deal was close.",
            &[("Bloomberg", "Bloomberg News", Some(Source))],
        ),
        // according to X (and a longer "according to a report in X")
        (
            "According to Bloomberg News, the merger is off.",
            &[("Bloomberg News", "Bloomberg News", Some(Source))],
        ),
        (
            "The council met in secret, according to a report in The Boston Globe.",
            &[("The Boston Globe", "The Boston Globe", Some(Source))],
        ),
        // X reported / reports / said
        (
            "Politico reported on Tuesday that the bill had stalled.",
            &[("Politico", "Politico", Some(Source))],
        ),
        (
            "The Guardian reports that the port will reopen.",
            &[("The Guardian", "The Guardian", Some(Source))],
        ),
        (
            "CNN said the footage was authentic.",
            &[("CNN", "CNN", Some(Source))],
        ),
        // reports X (inverted)
        (
            "The mayor will not run again, reports the Los Angeles Times.",
            &[("Los Angeles Times", "Los Angeles Times", Some(Source))],
        ),
        (
            "\u{201c}It is over,\u{201d} notes the Wall Street Journal.",
            &[(
                "the Wall Street Journal",
                "The Wall Street Journal",
                Some(Source),
            )],
        ),
        // as reported by X
        (
            "The plant closed in May, as reported by the Detroit Free Press.",
            &[("Detroit Free Press", "Detroit Free Press", Some(Source))],
        ),
        // X's NAME
        (
            "CNN's Jake Tapper pressed the senator on the vote.",
            &[("CNN", "CNN", Some(Source))],
        ),
        // NAME of / at X
        (
            "Maria Lopez of NPR first described the memo.",
            &[("NPR", "NPR", Some(Source))],
        ),
        (
            "Sam Okafor, a reporter at the Chicago Tribune, obtained the letter.",
            &[("Chicago Tribune", "Chicago Tribune", Some(Source))],
        ),
        // At X, NAME writes: the outlet publishes the writer's piece.
        (
            "At The Atlantic, Jane Morrow writes that the plan cannot work.",
            &[("The Atlantic", "The Atlantic", Some(Publisher))],
        ),
        // X's NAME … writes: the outlet's own writer.
        (
            "The Atlantic's Jane Morrow spent a week in Ohio and writes that the plan cannot work.",
            &[("The Atlantic", "The Atlantic", Some(Publisher))],
        ),
        // … after a list marker, with an ambiguous short name
        (
            "(ii) At Fortune, Jane Morrow writes that the plan cannot work.",
            &[("Fortune", "Fortune", Some(Publisher))],
        ),
        (
            "Three takes on the merger\n(i) At Fortune, Jane Morrow writes that it cannot work.",
            &[("Fortune", "Fortune", Some(Publisher))],
        ),
        (
            "3. At the Financial Times, Jane Morrow writes that the plan cannot work.",
            &[("the Financial Times", "Financial Times", Some(Publisher))],
        ),
        // per X, quoting NAME
        (
            "The talks have collapsed, per Axios, quoting a senior aide.",
            &[("Axios", "Axios", Some(Source))],
        ),
        // modifiers and polls
        (
            "A new NBC News/Wall Street Journal poll shows a tie.",
            &[
                ("NBC News", "NBC News", Some(Source)),
                (
                    "Wall Street Journal",
                    "The Wall Street Journal",
                    Some(Source),
                ),
            ],
        ),
    ]);
}

#[test]
fn interviewer_and_publisher_patterns() {
    check(&[
        // "<piece> from X, in which NAME argues": X publishes the writer's piece.
        (
            "Read the long essay from The Guardian, in which Ada Rowe argues that towns change.",
            &[("The Guardian", "The Guardian", Some(Publisher))],
        ),
        // told X
        (
            "\u{201c}We will appeal,\u{201d} the lawyer told Reuters.",
            &[("Reuters", "Reuters", Some(Interviewer))],
        ),
        // in an interview with X
        (
            "In an interview with The Washington Post, the governor defended the budget.",
            &[(
                "The Washington Post",
                "The Washington Post",
                Some(Interviewer),
            )],
        ),
        // said on X (a broadcaster), told X's programme
        (
            "The senator said on Fox News that the deal was dead.",
            &[("Fox News", "Fox News", Some(Interviewer))],
        ),
        (
            "Asked on Newsnight whether she would resign, the minister replied: \u{201c}Not today.\u{201d}",
            &[("Newsnight", "BBC", Some(Interviewer))],
        ),
        (
            "She told NBC's \u{201c}Meet the Press\u{201d} that she would run.",
            &[
                ("NBC", "NBC News", Some(Interviewer)),
                ("Meet the Press", "NBC News", Some(Interviewer)),
            ],
        ),
        // a descriptor between the cue and the name
        (
            "The coach told the Spanish newspaper El País that he would stay.",
            &[("El País", "El País", Some(Interviewer))],
        ),
        // wrote in X (the outlet published the speaker's piece)
        (
            "The former minister wrote in The New York Times that the war was lost.",
            &[("The New York Times", "The New York Times", Some(Publisher))],
        ),
    ]);
}

#[test]
fn told_versus_per() {
    // Same outlet, same sentence shape: the cue decides the role.
    check(&[
        (
            "The factory will close next year, the owner told Reuters.",
            &[("Reuters", "Reuters", Some(Interviewer))],
        ),
        (
            "The factory will close next year, per Reuters.",
            &[("Reuters", "Reuters", Some(Source))],
        ),
        (
            "The owner told the BBC, per Reuters, that the factory will close.",
            &[
                ("BBC", "BBC", Some(Interviewer)),
                ("Reuters", "Reuters", Some(Source)),
            ],
        ),
    ]);
}

#[test]
fn wire_credits_datelines_bylines() {
    check(&[
        (
            "LONDON (Reuters) - Shares fell sharply on Monday.",
            &[("Reuters", "Reuters", Some(Wire))],
        ),
        (
            "WASHINGTON (AP) \u{2014} The House adjourned without a vote.",
            &[("AP", "Associated Press", Some(Wire))],
        ),
        (
            "Washington (AFP) \u{2013} The talks resumed on Friday.",
            &[("AFP", "Agence France-Presse", Some(Wire))],
        ),
        (
            "Storm closes schools.\n\nDENVER, Colo., Jan. 4 (UPI) \u{2014} Snow shut schools across the state.",
            &[("UPI", "United Press International", Some(Wire))],
        ),
        (
            "(Reuters) - The central bank held rates steady.",
            &[("Reuters", "Reuters", Some(Wire))],
        ),
        (
            "By Ana Ruiz, Reuters\n\nThe court ruled on Friday.",
            &[("Reuters", "Reuters", Some(Wire))],
        ),
        (
            "By TOM HALE | AP\n\nThe court ruled on Friday.",
            &[("AP", "Associated Press", Some(Wire))],
        ),
        (
            "The court ruled on Friday.\n\nAssociated Press",
            &[("Associated Press", "Associated Press", Some(Wire))],
        ),
        (
            "The court ruled on Friday.\n\nThe Associated Press contributed to this report.",
            &[("The Associated Press", "Associated Press", Some(Wire))],
        ),
        (
            "The court ruled on Friday.\n\n(Reporting by Ana Ruiz; Editing by Tom Hale)",
            &[(
                "(Reporting by Ana Ruiz; Editing by Tom Hale)",
                "Reuters",
                Some(Wire),
            )],
        ),
        // A non-wire dateline credits the publisher.
        (
            "ATLANTA (CNN) \u{2014} The storm moved north.",
            &[("CNN", "CNN", Some(Publisher))],
        ),
        // "(AP)" as an abbreviation is no dateline.
        (
            "She told the Associated Press (AP), \u{201c}We are ready.\u{201d}",
            &[
                (
                    "the Associated Press",
                    "Associated Press",
                    Some(Interviewer),
                ),
                ("AP", "Associated Press", None),
            ],
        ),
    ]);
}

#[test]
fn links_name_outlets() {
    check(&[
        (
            "The full text is at https://www.nytimes.com/2016/05/01/us/politics/plan.html today.",
            &[("www.nytimes.com", "The New York Times", Some(Source))],
        ),
        (
            "See edition.cnn.com/politics for more, or write to press@foxnews.com.",
            &[("edition.cnn.com", "CNN", Some(Source))],
        ),
    ]);
}

#[test]
fn ambiguous_short_forms() {
    check(&[
        // Resolved by the outlet named earlier in the document.
        (
            "The Washington Post obtained the memo. The Post said the memo was dated March 3.",
            &[
                ("The Washington Post", "The Washington Post", Some(Source)),
                ("The Post", "The Washington Post", Some(Source)),
            ],
        ),
        (
            "The Denver Post first published the photos. Officials told the Post they were real.",
            &[
                ("The Denver Post", "The Denver Post", Some(Source)),
                ("the Post", "The Denver Post", Some(Interviewer)),
            ],
        ),
        (
            "The Los Angeles Times broke the story. The Times said two officials confirmed it.",
            &[
                ("Los Angeles Times", "Los Angeles Times", Some(Source)),
                ("The Times", "Los Angeles Times", Some(Source)),
            ],
        ),
        // Resolved by the pattern alone (default outlet of the short form).
        (
            "The deal is worth $3 billion, the Journal reported.",
            &[("the Journal", "The Wall Street Journal", Some(Source))],
        ),
        (
            "The minister resigned, the AP reported.",
            &[("AP", "Associated Press", Some(Source))],
        ),
        // Ordinary meanings are not outlets.
        ("The Post Office will close at noon on Saturday.", &[]),
        ("She took AP Biology and AP Calculus last year.", &[]),
        ("The Times Square crowd cheered at midnight.", &[]),
        ("The Journal of Clinical Oncology published the trial.", &[]),
        (
            "The sun rose over the hills as the Sun Belt states voted.",
            &[],
        ),
        ("Vicente Fox said the wall would never be built.", &[]),
        ("Republicans on the Hill are divided over the bill.", &[]),
        // "The Sun" with an attribution pattern.
        (
            "The singer is engaged, The Sun reported.",
            &[("The Sun", "The Sun", Some(Source))],
        ),
        (
            "The Sun, the British tabloid, reported the engagement. The Sun said the couple met in Leeds.",
            &[
                ("The Sun", "The Sun", Some(Source)),
                ("The Sun", "The Sun", Some(Source)),
            ],
        ),
        // A prior full name decides between candidates of a shared short form.
        (
            "The Baltimore Sun obtained the audit. The Sun said the city knew.",
            &[
                ("The Baltimore Sun", "The Baltimore Sun", Some(Source)),
                ("The Sun", "The Baltimore Sun", Some(Source)),
            ],
        ),
        (
            "The Sun on Sunday ran the photos. Later the Sun said they were genuine.",
            &[
                ("The Sun on Sunday", "The Sun", Some(Source)),
                ("the Sun", "The Sun", Some(Source)),
            ],
        ),
        // Named outlet, no pattern: the short form still counts.
        (
            "The New York Times published the letter. Readers wrote to the Times for weeks.",
            &[
                ("The New York Times", "The New York Times", Some(Source)),
                ("the Times", "The New York Times", None),
            ],
        ),
    ]);
}

#[test]
fn back_references() {
    check(&[
        (
            "The Miami Herald obtained the records. The newspaper said the audit began in June.",
            &[
                ("The Miami Herald", "Miami Herald", Some(Source)),
                ("The newspaper", "Miami Herald", Some(Source)),
            ],
        ),
        (
            "The Toronto Star ran the story on Monday. The daily reported that the mayor knew.",
            &[
                ("The Toronto Star", "Toronto Star", Some(Source)),
                ("The daily", "Toronto Star", Some(Source)),
            ],
        ),
        (
            "Reuters saw the draft. The agency said it could not verify every figure.",
            &[
                ("Reuters", "Reuters", None),
                ("The agency", "Reuters", Some(Source)),
            ],
        ),
        (
            "The senator appeared on MSNBC on Sunday. She told the network she would vote no.",
            &[
                ("MSNBC", "MSNBC", Some(Interviewer)),
                ("the network", "MSNBC", Some(Interviewer)),
            ],
        ),
        (
            "The BBC aired the footage. The broadcaster said it had been verified.",
            &[
                ("BBC", "BBC", Some(Source)),
                ("The broadcaster", "BBC", Some(Source)),
            ],
        ),
        // Incompatible or absent antecedents: no outlet.
        (
            "The EPA issued the rule. The agency said it would take effect in May.",
            &[],
        ),
        (
            "Reuters saw the draft.\n\nThe vote was close. Turnout was low. Rain fell all day. The agency said it would appeal.",
            &[("Reuters", "Reuters", None)],
        ),
    ]);
}

#[test]
fn doc_level_outlets_are_deduped() {
    let doc = annotate_with(
        finder(),
        "WASHINGTON (AP) \u{2014} The bill passed, the AP reported. The senator told the Associated Press she was pleased. CNN said the vote was close.",
    );
    let got: Vec<(String, Vec<OutletRelation>)> = doc
        .outlets
        .iter()
        .map(|o| (o.name.clone(), o.relations.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "Associated Press".to_string(),
                vec![Source, Interviewer, Wire]
            ),
            ("CNN".to_string(), vec![Source]),
        ]
    );
    assert_eq!(doc.outlet_mentions.len(), 4);
}

#[test]
fn extra_files_add_and_override() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.tsv");
    std::fs::write(
        &path,
        "# local outlets\nHometown Gazette\tnewspaper\tUS\tHometown Gazette|~the Gazette\thometowngazette.com\nReuters\twire\tGB\tReuters|Thomson Reuters|Reuters Wire\treuters.com\nCNN\tremove\t-\t-\t-\n",
    )
    .unwrap();
    let f = OutletFinder::new(std::slice::from_ref(&path)).unwrap();
    let doc = annotate_with(
        &f,
        "The plant will close, the Hometown Gazette reported. Reuters Wire and CNN said so too. The Gazette said more at hometowngazette.com.",
    );
    let names: Vec<&str> = doc
        .outlet_mentions
        .iter()
        .map(|m| doc.outlets[m.outlet.index()].name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "Hometown Gazette",
            "Reuters",
            "Hometown Gazette",
            "Hometown Gazette"
        ]
    );
    assert!(f.gazetteer().lookup("CNN").is_none());
}

/// An outlet of a user's file is an outlet to the speakers stage too: "the company" does not
/// point back to it, as it does not to a built-in one.
#[test]
fn extra_files_reach_the_speakers_stage() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.tsv");
    std::fs::write(
        &path,
        "Harbour Ledger\tnewspaper\tGB\tthe Harbour Ledger\tharbourledger.example\n",
    )
    .unwrap();
    let text = "The Harbour Ledger said on Monday that the mine would close. The company said 300 jobs would go.";
    let speaker_of_second = |config: Config| {
        let pipeline = Pipeline::new(&config).unwrap();
        let record = pipeline.annotate(&Document::new("t", text)).unwrap();
        record.quotes[1]
            .speaker
            .as_ref()
            .and_then(|s| s.name.clone())
    };
    assert_eq!(
        speaker_of_second(Config::default().with_outlet_file(&path)),
        Some("The company".to_string())
    );
    // Without the file the newspaper reads as a company, which is what the file is for.
    assert_eq!(
        speaker_of_second(Config::default()),
        Some("Harbour Ledger".to_string())
    );
}

#[test]
fn bad_extra_file_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.tsv");
    std::fs::write(
        &path,
        "# ok\nGood Paper\tnewspaper\tUS\tGood Paper\tgood.com\nBad Paper\tpamphlet\tUS\tBad Paper\tbad.com\n",
    )
    .unwrap();
    match OutletFinder::new(std::slice::from_ref(&path)) {
        Err(Error::Data { path: p, line, .. }) => {
            assert_eq!(p, path);
            assert_eq!(line, 3);
        }
        other => panic!("expected Error::Data, got {other:?}"),
    }
    let missing = PathBuf::from("/nonexistent/outlets.tsv");
    assert!(matches!(
        OutletFinder::new(&[missing]),
        Err(Error::Io { .. })
    ));
}

#[test]
fn odd_inputs_do_not_panic() {
    for text in [
        "",
        "(",
        "(AP",
        "AP)",
        "\u{201c}\u{201c}\u{201c}",
        "per",
        "told the",
        "By ",
        "é(AP) —é",
        "The newspaper said so.",
        "https://",
        "x.com.",
        "\n\n\n(Reuters) -\n",
        "the Times\u{2019}s",
    ] {
        let _ = mentions(text);
    }
}

#[test]
fn quoted_names_programmes_and_op_eds() {
    check(&[
        (
            "As \u{201c}The Wall Street Journal\u{201d} wrote, the costs are rising.",
            &[(
                "The Wall Street Journal",
                "The Wall Street Journal",
                Some(Source),
            )],
        ),
        (
            "The governor said Monday on Fox News\u{2019}s \u{201c}Fox and Friends\u{201d} that taxes would fall.",
            &[
                ("Fox News", "Fox News", Some(Interviewer)),
                ("Fox and Friends", "Fox News", Some(Interviewer)),
            ],
        ),
        (
            "In a Chicago Tribune op-ed, the mayor defended the plan.",
            &[("Chicago Tribune", "Chicago Tribune", Some(Publisher))],
        ),
    ]);
}

mod robustness {
    use super::*;
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "The Times",
        "the Post",
        "AP",
        "(AP)",
        " \u{2014} ",
        "(Reuters) -",
        "told",
        "per",
        "according to",
        "CNN",
        "'s",
        "\u{2019}s",
        "The newspaper",
        "said",
        "reported",
        "By ",
        "\n",
        "\n\n",
        ". ",
        ", ",
        "\u{201c}",
        "\u{201d}",
        "nytimes.com",
        "https://www.",
        "/",
        "@",
        "é",
        "\u{65e5}\u{672c}",
        "WASHINGTON",
        "(Reporting by A; Editing by B)",
        "Fox",
        "the Hill",
        " ",
        "Associated Press",
        "contributed",
        "[",
        ".]",
        "Copyright 2016 ",
        "on",
        "\u{201c}Meet the Press\u{201d}",
        "Bloomberg",
        "the agency",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn never_panics_and_spans_are_valid(ix in proptest::collection::vec(0..PIECES.len(), 0..40)) {
            let text: String = ix.iter().map(|&i| PIECES[i]).collect();
            let doc = annotate_with(finder(), &text);
            let mut last = 0;
            for m in &doc.outlet_mentions {
                prop_assert!(doc.text.is_char_boundary(m.span.start));
                prop_assert!(doc.text.is_char_boundary(m.span.end));
                prop_assert!(m.span.start >= last);
                prop_assert!(m.outlet.index() < doc.outlets.len());
                last = m.span.start;
            }
        }
    }
}
