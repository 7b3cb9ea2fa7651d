//! Table tests: short articles written for these tests, with the upstream layers (entities,
//! mentions, quotes) built by hand.

use super::*;
use crate::doc::{Entity, Quote, QuoteKind, SpeakerType, TokenId};

/// A document with sentences and tokens from the real stages.
pub(super) fn doc(text: &str) -> Doc {
    crate::pipeline::testing::tokenized(text)
}

/// Byte span of the `nth` occurrence of `surface`.
fn find(d: &Doc, surface: &str, nth: usize) -> Span {
    let start = d
        .text
        .match_indices(surface)
        .nth(nth)
        .unwrap_or_else(|| panic!("{surface:?} #{nth} not in text"))
        .0;
    Span::new(start, start + surface.len())
}

fn ent(d: &mut Doc, surface: &str, nth: usize, label: EntityLabel) {
    let span = find(d, surface, nth);
    let (a, b) = token_range(&d.tokens, span);
    d.entities.push(Entity {
        span,
        label,
        first: TokenId(a as u32),
        end: TokenId(b as u32),
    });
    d.entities.sort_by_key(|e| e.span.start);
}

/// Adds a mention and a direct quote (the first `“…”` after or before it) that it speaks.
fn said(d: &mut Doc, surface: &str, nth: usize, kind: MentionKind) -> MentionId {
    let span = find(d, surface, nth);
    let m = d.push_mention(Mention {
        span,
        kind,
        entity: None,
        speaker: None,
    });
    d.quotes.push(Quote {
        span: Span::new(span.start, span.start),
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

fn run(d: &mut Doc) {
    SpeakerResolver::new().unwrap().process(d).unwrap();
}

fn name_of(d: &Doc, m: MentionId) -> Option<&str> {
    d.mentions[m.index()]
        .speaker
        .map(|s| d.speakers[s.index()].name.as_str())
}

fn speaker_of(d: &Doc, m: MentionId) -> &Speaker {
    &d.speakers[d.mentions[m.index()].speaker.expect("resolved").index()]
}

type Case<'a> = (
    &'a str,
    &'a [(&'a str, usize, EntityLabel)],
    &'a [(&'a str, usize, MentionKind, Option<&'a str>)],
);

#[test]
fn resolution_table_names_and_nominals() {
    use EntityLabel::*;
    use MentionKind::*;
    let cases: &[Case] = &[
        (
            "Vladimir Putin spoke in Moscow. Putin said the talks failed. The Russian leader warned of costs. He said more was coming.",
            &[
                ("Vladimir Putin", 0, Per),
                ("Putin", 1, Per),
                ("Moscow", 0, Loc),
            ],
            &[
                ("Putin", 1, Name, Some("Vladimir Putin")),
                ("The Russian leader", 0, Nominal, None),
                ("He", 0, Pronoun, Some("Vladimir Putin")),
            ],
        ),
        (
            "Russian President Vladimir Putin met aides. The Russian leader said little.",
            &[("Vladimir Putin", 0, Per)],
            &[("The Russian leader", 0, Nominal, Some("Vladimir Putin"))],
        ),
        (
            "Foreign Minister Yuri Danilov of Russia met envoys in Hanoi. The Russian minister said the talks were frank.",
            &[
                ("Yuri Danilov", 0, Per),
                ("Russia", 0, Loc),
                ("Hanoi", 0, Loc),
                ("Russian", 0, Misc),
            ],
            &[("The Russian minister", 0, Nominal, Some("Yuri Danilov"))],
        ),
        (
            "The presidents, Estavia's Viktor Harmon and Morland's Ana Lisowska, signed a statement. The Estavian president said it was a start.",
            &[
                ("Viktor Harmon", 0, Per),
                ("Ana Lisowska", 0, Per),
                ("Estavia", 0, Loc),
                ("Morland", 0, Loc),
            ],
            &[("The Estavian president", 0, Nominal, Some("Viktor Harmon"))],
        ),
        (
            "The film was directed by Sofia Lindgren and stars Marco Bell as a keeper. Bell spent a month on the island. The director said the light was everything.",
            &[
                ("Sofia Lindgren", 0, Per),
                ("Marco Bell", 0, Per),
                ("Bell", 1, Per),
            ],
            &[("The director", 0, Nominal, Some("Sofia Lindgren"))],
        ),
        (
            "Donald Trump held a rally. Mr. Trump said he would win.",
            &[("Donald Trump", 0, Per), ("Trump", 1, Per)],
            &[("Mr. Trump", 0, Name, Some("Donald Trump"))],
        ),
        (
            "Hillary Clinton spoke first. Bill Clinton spoke later. Clinton said it went well.",
            &[
                ("Hillary Clinton", 0, Per),
                ("Bill Clinton", 0, Per),
                ("Clinton", 2, Per),
            ],
            &[("Clinton", 2, Name, Some("Bill Clinton"))],
        ),
    ];
    check_resolution(cases);
}

#[test]
fn resolution_table_roles_and_clauses() {
    use EntityLabel::*;
    use MentionKind::*;
    let cases: &[Case] = &[
        // A role given by a predicate ("named X as …", "X was appointed …", "X is the …").
        (
            "The Wrens named Ola Berg as their new head coach. She replaces Tim Dahl. The coach said the side would attack.",
            &[("Ola Berg", 0, Per), ("Tim Dahl", 0, Per)],
            &[("The coach", 0, Nominal, Some("Ola Berg"))],
        ),
        (
            "Tim Dahl left in May. Ola Berg was appointed finance director of Velk. The finance director said costs fell.",
            &[("Tim Dahl", 0, Per), ("Ola Berg", 0, Per), ("Velk", 0, Org)],
            &[("The finance director", 0, Nominal, Some("Ola Berg"))],
        ),
        // "X's side": X runs it, so "the coach" names X.
        (
            "Ada Lund's side lost at home to Velk. The coach said her players had “stopped running”. Captain Tim Aas said the mood was “flat”.",
            &[("Ada Lund", 0, Per), ("Velk", 0, Org), ("Tim Aas", 0, Per)],
            &[("The coach", 0, Nominal, Some("Ada Lund"))],
        ),
        // A relative after a name's apposition: the person the apposition describes.
        (
            "Tim Dahl met Ann Lee, chair of the Velk Union, who said the rent was fair.",
            &[
                ("Tim Dahl", 0, Per),
                ("Ann Lee", 0, Per),
                ("Velk Union", 0, Org),
            ],
            &[("who", 0, Pronoun, Some("Ann Lee"))],
        ),
        // A nationality as the head: the person given that nationality.
        (
            "Rovers signed Swedish defender Ola Berg and Tim Dahl. The Swede said he was happy.",
            &[
                ("Ola Berg", 0, Per),
                ("Tim Dahl", 0, Per),
                ("Swede", 0, Misc),
            ],
            &[("The Swede", 0, Nominal, Some("Ola Berg"))],
        ),
        // A name after a preposition or in an opening subordinate clause is no subject.
        (
            "When the bus left Kelso Rise, Ada Moor was nine. She said it was cold.",
            &[("Kelso Rise", 0, Per), ("Ada Moor", 0, Per)],
            &[("She", 0, Pronoun, Some("Ada Moor"))],
        ),
    ];
    check_resolution(cases);
}

#[test]
fn resolution_table_more_layouts() {
    use EntityLabel::*;
    use MentionKind::*;
    let cases: &[Case] = &[
        (
            "Mary Jones and Tom Baker met on Friday. Baker left early. She said the deal was done.",
            &[
                ("Mary Jones", 0, Per),
                ("Tom Baker", 0, Per),
                ("Baker", 1, Per),
            ],
            &[("She", 0, Pronoun, Some("Mary Jones"))],
        ),
        (
            "Sen. Ann Lee spoke on Tuesday. The senator said she was tired.",
            &[("Ann Lee", 0, Per)],
            &[("The senator", 0, Nominal, Some("Ann Lee"))],
        ),
        (
            "Acme Corp. posted a loss. The company said sales fell.",
            &[("Acme Corp.", 0, Org)],
            &[("The company", 0, Nominal, Some("Acme Corp."))],
        ),
        (
            "A spokesman for the ministry declined to comment. Later the spokesman said talks went on.",
            &[],
            &[
                (
                    "A spokesman for the ministry",
                    0,
                    Nominal,
                    Some("A spokesman for the ministry"),
                ),
                (
                    "the spokesman",
                    0,
                    Nominal,
                    Some("A spokesman for the ministry"),
                ),
            ],
        ),
        ("He said nothing.", &[], &[("He", 0, Pronoun, None)]),
        // A place or company inside a prepositional phrase or before the head noun is not who
        // speaks; the whole phrase is.
        (
            "Officials in the harbour town of Velm said the pier was shut.",
            &[("Velm", 0, Loc)],
            &[(
                "Officials in the harbour town of Velm",
                0,
                Nominal,
                Some("Officials in the harbour town of Velm"),
            )],
        ),
        (
            "Velm councillors said the pier was shut.",
            &[("Velm", 0, Loc)],
            &[("Velm councillors", 0, Nominal, Some("Velm councillors"))],
        ),
        (
            "Velm Council said the pier was shut.",
            &[("Velm Council", 0, Org)],
            &[("Velm Council", 0, Organization, Some("Velm Council"))],
        ),
        // "X, who said": the relative takes the name before its comma, even one the tagger
        // missed or labelled MISC.
        (
            "It was a fine evening for Rosa Delgado, who said the crowd was wonderful.",
            &[("Rosa Delgado", 0, Misc)],
            &[("who", 0, Pronoun, Some("Rosa Delgado"))],
        ),
        (
            "The motion came from Councillor Ivo Brandt, who said it was overdue.",
            &[],
            &[("who", 0, Pronoun, Some("Ivo Brandt"))],
        ),
        (
            "The motion passed with help from Lena Voss, who said it was overdue.",
            &[("Lena Voss", 0, Per)],
            &[("who", 0, Pronoun, Some("Lena Voss"))],
        ),
        // Near misses: no name right before the comma, or a place there.
        (
            "It was a fine evening for the crowd, who said the band was wonderful.",
            &[],
            &[("who", 0, Pronoun, None)],
        ),
        (
            "The fans travelled to Harrow Hill, who said nothing.",
            &[],
            &[("who", 0, Pronoun, None)],
        ),
        (
            "The fans travelled to Harrow Hill, who said nothing.",
            &[("Harrow Hill", 0, Loc)],
            &[("who", 0, Pronoun, None)],
        ),
        // An age describes the person named last, whatever their role.
        (
            "Pop star Ida Brenn won on Sunday. The 24-year-old said she was stunned.",
            &[("Ida Brenn", 0, Per)],
            &[("The 24-year-old", 0, Nominal, Some("Ida Brenn"))],
        ),
        // A role then the name in apposition gives the entity its title.
        (
            "The producer of the film, Ana Costa, and its star, Luke Grey, arrived. The producer said it was hard.",
            &[("Ana Costa", 0, Per), ("Luke Grey", 0, Per)],
            &[("The producer", 1, Nominal, Some("Ana Costa"))],
        ),
    ];
    check_resolution(cases);
}

/// A group that opens a sentence is what a later "they" names.
#[test]
fn resolution_table_groups() {
    use MentionKind::*;
    let cases: &[Case] = &[
        (
            "Parents at Ashgrove Primary gathered at the gates. The school may close. They say the bus ride is long.",
            &[],
            &[("They", 0, Pronoun, Some("Parents at Ashgrove Primary"))],
        ),
        (
            "Residents of the Melati flats marched on Saturday. They say the lifts are broken.",
            &[],
            &[("They", 0, Pronoun, Some("Residents of the Melati flats"))],
        ),
        // Near miss: a place, not a group, opens the sentence.
        (
            "Streets in the old town flooded on Saturday. They say the drains are blocked.",
            &[],
            &[("They", 0, Pronoun, None)],
        ),
    ];
    check_resolution(cases);
}

/// People described where they speak and named just after (cataphora).
#[test]
fn resolution_table_named_after() {
    use EntityLabel::*;
    use MentionKind::*;
    let cases: &[Case] = &[
        (
            "\u{201c}We lost everything,\u{201d} said a woman outside her bakery. Rosa Quispe, 48, said the river came in.",
            &[("Rosa Quispe", 0, Per)],
            &[("a woman", 0, Nominal, Some("Rosa Quispe"))],
        ),
        (
            "Dust caused the blast, the state fire marshal said. Fire Marshal Doug Henningsen said tests were pending.",
            &[("Doug Henningsen", 0, Per)],
            &[(
                "the state fire marshal",
                0,
                Nominal,
                Some("Doug Henningsen"),
            )],
        ),
        (
            "\u{201c}I was stuck for hours,\u{201d} she says. Gran-of-five Sheila Pocock, 78, was trapped in the lift.",
            &[("Sheila Pocock", 0, Per)],
            &[("she", 0, Pronoun, Some("Sheila Pocock"))],
        ),
        // Near misses: a name inside another's sentence, a man then a woman's name.
        (
            "\u{201c}We lost everything,\u{201d} said a woman outside her bakery. Officials said Rosa Quispe, 48, had been rescued.",
            &[("Rosa Quispe", 0, Per)],
            &[
                ("a woman", 0, Nominal, Some("a woman")),
                ("Officials", 0, Nominal, Some("Officials")),
            ],
        ),
        (
            "\u{201c}We lost everything,\u{201d} said a man outside his bakery. Rosa Quispe, 48, said the river came in.",
            &[("Rosa Quispe", 0, Per)],
            &[("a man", 0, Nominal, Some("a man"))],
        ),
    ];
    check_resolution(cases);
}

/// Roles, organisations and writers met in session 18's cases.
#[test]
fn resolution_table_roles_and_organisations() {
    use EntityLabel::*;
    use MentionKind::*;
    let cases: &[Case] = &[
        // "which" after a writer's piece in an outlet is the writer.
        (
            "Worth reading: Ana Hale\u{2019}s column in the Ledger, which argues that rents will rise.",
            &[("Ana Hale", 0, Per), ("Ledger", 0, Org)],
            &[("which", 0, Pronoun, Some("Ana Hale"))],
        ),
        // A dateline's place and wire are no company; a trade word makes a tagger's person an
        // organisation that "it" can point to.
        (
            "OSLO (Reuters) - Profits rose, the firm said. Tarrow Mining said costs fell. It said more was coming.",
            &[
                ("OSLO", 0, Org),
                ("Reuters", 0, Org),
                ("Tarrow Mining", 0, Per),
            ],
            &[
                ("the firm", 0, Nominal, Some("the firm")),
                ("Tarrow Mining", 0, Organization, Some("Tarrow Mining")),
                ("It", 0, Pronoun, Some("Tarrow Mining")),
            ],
        ),
        // A pronoun's own sentence's subject comes before the last quote's speaker.
        (
            "Harlow Mining said costs rose. Brenmark Ferries cut a route, which it says lost money.",
            &[("Harlow Mining", 0, Org), ("Brenmark Ferries", 0, Org)],
            &[
                ("Harlow Mining", 0, Organization, Some("Harlow Mining")),
                ("it", 0, Pronoun, Some("Brenmark Ferries")),
            ],
        ),
        // A family name that opens with particles is the person's, whatever a first-name
        // list says of "van".
        (
            "Ines van der Berg will join. Van der Berg said she was delighted.",
            &[("Ines van der Berg", 0, Per), ("Van der Berg", 0, Per)],
            &[("Van der Berg", 0, Name, Some("Ines van der Berg"))],
        ),
        // A company named only as a person's affiliation is "the carmaker".
        (
            "Vellani Motori chief executive Ana Ruffo will step down, the carmaker said.",
            &[("Ana Ruffo", 0, Per)],
            &[
                (
                    "Vellani Motori chief executive Ana Ruffo",
                    0,
                    Name,
                    Some("Ana Ruffo"),
                ),
                ("the carmaker", 0, Nominal, Some("Vellani Motori")),
            ],
        ),
        // A head no list knows that ends an organisation's name.
        (
            "Kestrel Valley Railway will reopen its line. The heritage railway said repairs were done.",
            &[("Kestrel Valley Railway", 0, Org)],
            &[(
                "The heritage railway",
                0,
                Nominal,
                Some("Kestrel Valley Railway"),
            )],
        ),
        // A transcript's label in capitals is the person the text named in full, though the
        // tagger calls the label a place; hyphens and all.
        (
            "HOST: With me is the chief constable, Ana Oyelaran-Smythe.\nOYELARAN-SMYTHE: Thank you.",
            &[("Ana Oyelaran-Smythe", 0, Per), ("OYELARAN-SMYTHE", 0, Loc)],
            &[("OYELARAN-SMYTHE", 0, Name, Some("Ana Oyelaran-Smythe"))],
        ),
        // An occupation never given to anyone describes the person named last, unless they
        // have a role of their own.
        (
            "Father-of-three Tom Hale was fuming on Monday. “It is unfair,” the plumber said.",
            &[("Tom Hale", 0, Per)],
            &[("the plumber", 0, Nominal, Some("Tom Hale"))],
        ),
    ];
    check_resolution(cases);
}

#[test]
fn resolution_table_unnamed_subjects_and_typed_appositions() {
    use EntityLabel::*;
    use MentionKind::*;
    let cases: &[Case] = &[
        // A person nobody names: the sentence-opening subject before the pronoun.
        (
            "The old man looked at the sea for a while. He said the boat was late.",
            &[],
            &[("He", 0, Pronoun, Some("The old man"))],
        ),
        // A relative clause between that subject and its verb.
        (
            "The senator, who was re-elected in May, opposes the plan. She said it would fail.",
            &[],
            &[("She", 0, Pronoun, Some("The senator"))],
        ),
        // Only when no named person fits.
        (
            "Tim Dahl sat down. The waiter nodded. He said the soup was cold.",
            &[("Tim Dahl", 0, Per)],
            &[("He", 0, Pronoun, Some("Tim Dahl"))],
        ),
        (
            "The nurse waved. Ida Brenn waited. She said the queue was long.",
            &[("Ida Brenn", 0, Per)],
            &[("She", 0, Pronoun, Some("Ida Brenn"))],
        ),
        // An apposition headed by an organisation noun types a name the tagger called a
        // person's; one headed by a role after a possessive does not.
        (
            "Vell Dunmore, the Kelso-based engineering group, said profit fell. The company said its outlook held.",
            &[("Vell Dunmore", 0, Per)],
            &[("The company", 0, Nominal, Some("Vell Dunmore"))],
        ),
        // A nationality noun for a person whose nationality nothing gives, when the other
        // person named has one; a kin compound as the head.
        (
            "Ida Brenn won in Lahti, ahead of Sweden's Ola Berg. The Norwegian said the win was her best.",
            &[
                ("Ida Brenn", 0, Per),
                ("Ola Berg", 0, Per),
                ("Lahti", 0, Loc),
                ("Sweden", 0, Loc),
            ],
            &[("The Norwegian", 0, Nominal, Some("Ida Brenn"))],
        ),
        (
            "Tim Dahl, 34, bought the ticket on Monday. The father-of-two said he would keep working.",
            &[("Tim Dahl", 0, Per)],
            &[("The father-of-two", 0, Nominal, Some("Tim Dahl"))],
        ),
        // Set off after a person's role, a name the tagger took for a place.
        (
            "The talks failed, said the porters' leader, Ayo Bello.",
            &[("Ayo Bello", 0, Loc)],
            &[(
                "the porters' leader, Ayo Bello",
                0,
                Nominal,
                Some("Ayo Bello"),
            )],
        ),
        (
            "Ola Berg, the group's chief executive, said sales rose. She said costs fell.",
            &[("Ola Berg", 0, Per)],
            &[("She", 0, Pronoun, Some("Ola Berg"))],
        ),
    ];
    check_resolution(cases);
}

/// Resolves each case's mentions and checks the name each one gets.
fn check_resolution(cases: &[Case]) {
    for (text, ents, mentions) in cases {
        let mut d = doc(text);
        for (s, n, l) in *ents {
            ent(&mut d, s, *n, *l);
        }
        let ids: Vec<MentionId> = mentions
            .iter()
            .map(|(s, n, k, _)| said(&mut d, s, *n, *k))
            .collect();
        run(&mut d);
        // The first case's nominal must agree with the name before it.
        for (id, (s, _, _, want)) in ids.iter().zip(mentions.iter()) {
            let got = name_of(&d, *id);
            match want {
                Some(w) => assert_eq!(got, Some(*w), "{s:?} in {text:?}"),
                None if *s == "The Russian leader" => {
                    assert_eq!(got, Some("Vladimir Putin"), "{s:?} in {text:?}")
                }
                None => assert_eq!(got, None, "{s:?} in {text:?}"),
            }
        }
    }
}

#[test]
fn one_speaker_with_all_mentions() {
    let text = "Vladimir Putin spoke in Moscow. Putin said the talks failed. \
                The Russian leader warned of costs. He said more was coming.";
    let mut d = doc(text);
    ent(&mut d, "Vladimir Putin", 0, EntityLabel::Per);
    ent(&mut d, "Putin", 1, EntityLabel::Per);
    let a = said(&mut d, "Putin", 1, MentionKind::Name);
    let b = said(&mut d, "The Russian leader", 0, MentionKind::Nominal);
    let c = said(&mut d, "He", 0, MentionKind::Pronoun);
    run(&mut d);
    assert_eq!(d.speakers.len(), 1, "{:?}", d.speakers);
    let sp = &d.speakers[0];
    assert_eq!(sp.kind, SpeakerType::Person);
    let surfaces: Vec<&str> = sp
        .mentions
        .iter()
        .map(|m| d.str(d.mentions[m.index()].span))
        .collect();
    assert_eq!(
        surfaces,
        ["Vladimir Putin", "Putin", "The Russian leader", "He"]
    );
    for m in [a, b, c] {
        assert_eq!(speaker_of(&d, m).name, "Vladimir Putin");
    }
}

/// (text, mention, kind, name, title, affiliation)
type TitleRow<'a> = (
    &'a str,
    &'a str,
    MentionKind,
    &'a str,
    Option<&'a str>,
    Option<&'a str>,
);

/// Runs the resolver over each row's text with the mention as a quote's speaker and checks
/// the speaker's name, title and affiliation.
fn check_titles(cases: &[TitleRow]) {
    for (text, m, kind, name, title, aff) in cases {
        let mut d = doc(text);
        let id = said(&mut d, m, 0, *kind);
        run(&mut d);
        let sp = speaker_of(&d, id);
        assert_eq!(sp.name, *name, "{text}");
        assert_eq!(sp.title.as_deref(), *title, "{text}");
        assert_eq!(sp.affiliation.as_deref(), *aff, "{text}");
    }
}

#[test]
fn titles_before_the_name() {
    use MentionKind::*;
    let cases: &[TitleRow] = &[
        (
            "White House spokesman Josh Earnest said so.",
            "White House spokesman Josh Earnest",
            Name,
            "Josh Earnest",
            Some("spokesman"),
            Some("White House"),
        ),
        (
            "Sen. Ted Cruz said so.",
            "Sen. Ted Cruz",
            Name,
            "Ted Cruz",
            Some("Sen."),
            None,
        ),
        (
            "Republican vice-presidential nominee Mike Pence said so.",
            "Republican vice-presidential nominee Mike Pence",
            Name,
            "Mike Pence",
            Some("vice-presidential nominee"),
            None,
        ),
        (
            "House Speaker Paul D. Ryan (R-Wis.) said so.",
            "House Speaker Paul D. Ryan (R-Wis.)",
            Name,
            "Paul D. Ryan",
            Some("House Speaker"),
            None,
        ),
        (
            "Retired Lt. Gen. Michael Flynn said so.",
            "Retired Lt. Gen. Michael Flynn",
            Name,
            "Michael Flynn",
            Some("Retired Lt. Gen."),
            None,
        ),
        (
            "Hillary Clinton's campaign manager Robby Mook said so.",
            "Hillary Clinton's campaign manager Robby Mook",
            Name,
            "Robby Mook",
            Some("campaign manager"),
            Some("Hillary Clinton"),
        ),
    ];
    check_titles(cases);
}

#[test]
fn titles_in_apposition_and_affiliations() {
    use MentionKind::*;
    let cases: &[TitleRow] = &[
        (
            "Patrick Cronin, the Asia-Pacific security chair at the Hudson Institute, said so.",
            "Patrick Cronin",
            Name,
            "Patrick Cronin",
            Some("Asia-Pacific security chair"),
            Some("Hudson Institute"),
        ),
        (
            "Jane Roe of Yale University said so.",
            "Jane Roe",
            Name,
            "Jane Roe",
            None,
            Some("Yale University"),
        ),
        (
            "Hugh Hill, a doctor, said so.",
            "Hugh Hill",
            Name,
            "Hugh Hill",
            Some("doctor"),
            None,
        ),
        (
            "Flynn, a top Trump surrogate, said so.",
            "Flynn, a top Trump surrogate,",
            Name,
            "Flynn",
            Some("top Trump surrogate"),
            None,
        ),
        (
            "Dana Ortiz, 45, a nurse at Mercy Hospital, said so.",
            "Dana Ortiz",
            Name,
            "Dana Ortiz",
            Some("nurse"),
            Some("Mercy Hospital"),
        ),
        (
            "A spokeswoman for the Justice Department said so.",
            "A spokeswoman for the Justice Department",
            Nominal,
            "A spokeswoman for the Justice Department",
            Some("spokeswoman"),
            Some("Justice Department"),
        ),
        (
            "The minister of the economy, Mr. Diego Soto Vera, said so.",
            "The minister of the economy, Mr. Diego Soto Vera,",
            Nominal,
            "Diego Soto Vera",
            Some("minister"),
            Some("the economy"),
        ),
        (
            "So said his lawyer, Jane Ruff.",
            "his lawyer",
            Nominal,
            "Jane Ruff",
            Some("lawyer"),
            None,
        ),
        (
            "So said his lawyer, Jane Ruff.",
            "his lawyer,",
            Nominal,
            "Jane Ruff",
            Some("lawyer"),
            None,
        ),
        (
            "WALLACE: Is that so?",
            "WALLACE",
            Name,
            "Wallace",
            None,
            None,
        ),
    ];
    check_titles(cases);
}

#[test]
fn mention_forms_table() {
    use MentionKind::*;
    // (text, mention, kind, speaker name, speaker type)
    type Row<'a> = (&'a str, &'a str, MentionKind, &'a str, SpeakerType);
    let cases: &[Row] = &[
        (
            "A Donald Trump tweet said so.",
            "A Donald Trump tweet",
            Name,
            "A Donald Trump tweet",
            SpeakerType::Unknown,
        ),
        (
            "Tom Clarke sold homes. Mr. Clarke's new company said so.",
            "Mr. Clarke's new company",
            Name,
            "Mr. Clarke's new company",
            SpeakerType::Organization,
        ),
        (
            "Officials in Mexico agreed. Mexico said so.",
            "Mexico",
            Name,
            "Mexico",
            SpeakerType::Organization,
        ),
        (
            "Donald Trump spoke. The Trump campaign said so.",
            "The Trump campaign",
            Nominal,
            "Trump campaign",
            SpeakerType::Organization,
        ),
        (
            "PENCE: We will win.",
            "PENCE",
            Name,
            "Pence",
            SpeakerType::Unknown,
        ),
        (
            "Critics mocked him. House Republicans said so.",
            "House Republicans",
            Name,
            "House Republicans",
            SpeakerType::Organization,
        ),
        (
            "Gov. Earl Ray Tomblin of West Virginia said so.",
            "Gov. Earl Ray Tomblin of West Virginia",
            Name,
            "Earl Ray Tomblin",
            SpeakerType::Person,
        ),
        (
            "The company's chief executive, Ana Lima, said so.",
            "The company's chief executive, Ana Lima,",
            Nominal,
            "Ana Lima",
            SpeakerType::Person,
        ),
        (
            "The statement said so.",
            "The statement",
            Nominal,
            "The statement",
            SpeakerType::Unknown,
        ),
    ];
    for (text, m, kind, name, ty) in cases {
        let mut d = doc(text);
        let id = said(&mut d, m, 0, *kind);
        run(&mut d);
        let sp = speaker_of(&d, id);
        assert_eq!((sp.name.as_str(), sp.kind), (*name, *ty), "{text}");
    }
}

#[test]
fn words_inside_direct_quotes() {
    let text =
        "\u{201c}Ana will win,\u{201d} Bo said. Cy agreed, \u{201c}Ana will.\u{201d} Ana smiled.";
    let mut d = doc(text);
    for (content, kind) in [
        ("Ana will win,", QuoteKind::Direct),
        ("Ana will.", QuoteKind::Mixed),
    ] {
        let span = find(&d, content, 0);
        d.quotes.push(Quote {
            span,
            pieces: vec![span],
            kind,
            cue: None,
            speaker: None,
            inherited: false,
            outlet: None,
            confidence: 0.9,
        });
    }
    let quoted = QuotedPieces::new(&d);
    // (occurrence of "Ana", the direct quote holding it, why)
    #[rustfmt::skip]
    let cases: &[(usize, Option<usize>, &str)] = &[
        (0, Some(0), "inside a direct quote"),
        (1, None, "inside a quote that is not direct"),
        (2, None, "outside every quote"),
    ];
    for &(nth, want, why) in cases {
        assert_eq!(quoted.holding(find(&d, "Ana", nth)), want, "{why}");
    }
}

#[test]
fn spans_that_overlap_a_sorted_list() {
    let list = [Span::new(0, 4), Span::new(10, 20), Span::new(30, 31)];
    // (span, overlaps one, why)
    #[rustfmt::skip]
    let cases: &[(Span, bool, &str)] = &[
        (Span::new(2, 6), true, "overlaps the first"),
        (Span::new(19, 25), true, "overlaps the middle one"),
        (Span::new(4, 10), false, "between two, touching both"),
        (Span::new(40, 50), false, "after all"),
    ];
    for &(span, want, why) in cases {
        assert_eq!(overlaps_any(&list, span), want, "{why}");
    }
    let ents = [(Span::new(0, 4), 7), (Span::new(10, 20), 3)];
    assert_eq!(entity_over(&ents, Span::new(12, 14)), Some(EntityId(3)));
    assert_eq!(entity_over(&ents, Span::new(5, 9)), None);
}

#[test]
fn prepositions_by_use() {
    let lex = Lexicons::load().unwrap();
    // (word, embeds a name, ends a role, affiliation, why)
    #[rustfmt::skip]
    let cases: &[(&str, bool, bool, bool, &str)] = &[
        ("of", true, true, true, "every use"),
        ("in", true, true, false, "no affiliation: \"a fellow in Ohio\""),
        ("by", true, false, false, "embeds only: \"an analysis by …\""),
        ("Of", false, false, false, "surfaces match exactly"),
        ("near", false, false, false, "not listed"),
    ];
    for &(word, embeds, ends, affiliation, why) in cases {
        assert_eq!(
            (
                lex.embeds_name(word),
                lex.ends_role(word),
                lex.is_affiliation(word)
            ),
            (embeds, ends, affiliation),
            "{word} ({why})"
        );
    }
}

#[test]
fn an_organisation_is_named_without_its_apposition() {
    let mut d = doc("Tollvia, which operates the road, said tolls would fall.");
    ent(&mut d, "Tollvia", 0, EntityLabel::Org);
    let m = said(
        &mut d,
        "Tollvia, which operates the road",
        0,
        MentionKind::Organization,
    );
    run(&mut d);
    assert_eq!(name_of(&d, m), Some("Tollvia"));
    // A name after the comma is the one meant, not a description.
    assert_eq!(
        apposition_head("Kestrel Group, Ada Moss"),
        "Kestrel Group, Ada Moss"
    );
}
