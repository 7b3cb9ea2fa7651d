//! Direct quotes: every quotation style, attribution before, after, in the middle and by
//! dash, quotes over paragraphs, interrupted quotes, follow-on paragraphs, and quotations
//! that are not quotes. The articles are written for these tests.

mod quotes_common;

use quotes_common::{check, find, quotes};
use quotesmith::doc::QuoteKind;

#[test]
fn said_after_the_quote_both_orders() {
    let text = "The county opened a new clinic on Friday.\n\n\
        \u{201c}We waited years for this building,\u{201d} said Rosa Delgado, a nurse at the clinic.\n\n\
        \u{201c}It changes everything for the valley,\u{201d} Delgado said.";
    let qs = quotes(text);
    check(
        &qs,
        "waited years",
        "We waited years for this building,",
        Some("said"),
        Some("Rosa Delgado, a nurse at the clinic"),
    );
    check(
        &qs,
        "changes everything",
        "It changes everything for the valley,",
        Some("said"),
        Some("Delgado"),
    );
    assert!(qs.iter().all(|q| q.kind == QuoteKind::Direct));
}

#[test]
fn speaker_before_a_colon_and_before_a_comma() {
    let text = "Governor Lena Park said: \u{201c}The budget is balanced. Nobody loses a job.\u{201d}\n\n\
        Her rival replied, \u{201c}Those numbers do not add up.\u{201d}";
    let qs = quotes(text);
    check(
        &qs,
        "budget",
        "The budget is balanced. Nobody loses a job.",
        Some("said:"),
        Some("Governor Lena Park"),
    );
    check(
        &qs,
        "add up",
        "Those numbers do not add up.",
        Some("replied"),
        Some("Her rival"),
    );
}

#[test]
fn interrupted_quote_is_one_quote_with_pieces() {
    let text = "\u{201c}The river is rising,\u{201d} the mayor said, \u{201c}and we are ready for it.\u{201d}";
    let qs = quotes(text);
    assert_eq!(qs.len(), 1, "{qs:#?}");
    check(
        &qs,
        "river",
        "The river is rising, | and we are ready for it.",
        Some("said"),
        Some("the mayor"),
    );
}

#[test]
fn second_quote_after_the_attribution_sentence_is_a_piece() {
    let text = "\u{201c}We will appeal,\u{201d} the lawyer told reporters outside the court. \
        \u{201c}This is not over.\u{201d}";
    let qs = quotes(text);
    assert_eq!(qs.len(), 1, "{qs:#?}");
    check(
        &qs,
        "appeal",
        "We will appeal, | This is not over.",
        Some("told"),
        Some("the lawyer"),
    );
}

#[test]
fn quote_running_over_paragraphs() {
    let text = "Coach Amir Haddad spoke after the game.\n\n\
        \u{201c}We made too many mistakes in the first half.\n\n\
        \u{201c}In the second half we played our game, and that is what I will remember,\u{201d} he said.";
    let qs = quotes(text);
    assert_eq!(qs.len(), 1, "{qs:#?}");
    let q = &qs[0];
    assert_eq!(
        q.content,
        "We made too many mistakes in the first half. | In the second half we played our game, and that is what I will remember,"
    );
    assert_eq!(q.speaker.as_deref(), Some("he"));
    assert_eq!(q.kind, QuoteKind::Direct);
}

#[test]
fn colon_at_paragraph_end_leads_the_next_quoted_paragraph() {
    let text = "In a letter to members, the union president wrote:\n\n\
        \u{201c}Our strike fund is strong and our members are united.\u{201d}";
    let qs = quotes(text);
    check(
        &qs,
        "strike fund",
        "Our strike fund is strong and our members are united.",
        Some("wrote:"),
        Some("the union president"),
    );
}

#[test]
fn dash_attribution() {
    let text = "\u{201c}Never give up on a neighbor.\u{201d} \u{2014} Maria Okafor, volunteer";
    let qs = quotes(text);
    let q = find(&qs, "neighbor");
    assert_eq!(q.content, "Never give up on a neighbor.");
    assert!(
        q.speaker
            .as_deref()
            .is_some_and(|s| s.starts_with("Maria Okafor")),
        "{q:#?}"
    );
}

#[test]
fn dash_attribution_on_its_own_line() {
    let text = "Readers wrote in about the new park.\n\n\
        \u{201c}The playground is the best thing to happen to our street.\u{201d}\n\n\
        -Nadia Brooks, a parent on Elm Street.\n\n\
        The park opens every day at dawn.";
    let qs = quotes(text);
    let q = find(&qs, "playground");
    assert_eq!(q.cue.as_deref(), Some("-"), "{q:#?}");
    assert!(
        q.speaker
            .as_deref()
            .is_some_and(|s| s.starts_with("Nadia Brooks")),
        "{q:#?}"
    );
    // A list item after a quote is not a signature.
    let listed = quotes(
        "\u{201c}We will announce three things today.\u{201d}\n\n\
         - The budget grows by a tenth.\n\n- The park opens in May.",
    );
    let q = find(&listed, "three things");
    assert_eq!(q.speaker, None, "{q:#?}");
}

#[test]
fn participle_and_colon_sources_after_datelines_and_introductions() {
    let cases = [
        (
            "HARBORVILLE, May 3 (Ledger) \u{2014} Responding to the plan, the mayor\u{2019}s chief aide rallied staff, saying: \u{201c}We have to be ready.\u{201d}",
            "the mayor\u{2019}s chief aide",
        ),
        (
            "Hours later, Cole returned the favor, telling the Ledger, \u{201c}He is a good man and a friend.\u{201d}",
            "Cole",
        ),
        (
            "At a rally in Dover on Saturday, some fans booed, with Cole reportedly yelling: \u{201c}Get them out of here!\u{201d}",
            "Cole",
        ),
        (
            "In a radio interview later that day, Cole went even further: \u{201c}If he runs, he loses.\u{201d}",
            "Cole",
        ),
        (
            "According to the Ledger: \u{201c}The mayor will not run again.\u{201d}",
            "the Ledger",
        ),
    ];
    for (sentence, speaker) in cases {
        let text = format!("The town met on Monday.\n\n{sentence}\n\nThe meeting ended late.");
        let qs = quotes(&text);
        assert_eq!(qs.len(), 1, "{sentence}: {qs:#?}");
        assert_eq!(
            qs[0].speaker.as_deref(),
            Some(speaker),
            "{sentence}: {qs:#?}"
        );
    }
}

#[test]
fn colon_led_quote_without_a_verb() {
    let cases = [
        (
            "The council met on Monday.\n\nMayor Ortiz on Twitter: \u{201c}The vote was a win for every family.\u{201d}",
            "vote was",
            "Mayor Ortiz",
            ":",
        ),
        // The colon ends the paragraph before the quotation.
        (
            "The bridge closed in March.\n\nThe mayor released the following statement:\n\n\
             \u{201c}We will rebuild the bridge before winter.\u{201d}",
            "rebuild the bridge",
            "The mayor",
            "released the following statement:",
        ),
    ];
    for (text, needle, speaker, cue) in cases {
        let qs = quotes(text);
        let q = find(&qs, needle);
        assert_eq!(q.speaker.as_deref(), Some(speaker), "{q:#?}");
        assert_eq!(q.cue.as_deref(), Some(cue));
    }
}

#[test]
fn apposition_and_aside_sources() {
    let text = "Hugh Hill, a doctor at the county hospital, said, \u{201c}We are out of beds.\u{201d}\n\n\
        \u{201c}The plan is sound,\u{201d} said Tom Reyes, who replaced Ann Cole as treasurer in May.\n\n\
        Janet Lu, who replaced Ben Ortiz as chair, said the board would meet again in June.";
    let qs = quotes(text);
    check(
        &qs,
        "out of beds",
        "We are out of beds.",
        Some("said"),
        Some("Hugh Hill, a doctor at the county hospital"),
    );
    check(
        &qs,
        "plan is sound",
        "The plan is sound,",
        Some("said"),
        Some("Tom Reyes, who replaced Ann Cole as treasurer in May"),
    );
    let q = find(&qs, "board would meet");
    assert_eq!(q.content, "the board would meet again in June");
    assert!(
        q.speaker
            .as_deref()
            .is_some_and(|s| s.starts_with("Janet Lu")),
        "{q:#?}"
    );
}

#[test]
fn source_with_an_of_phrase_before_the_cue() {
    let text = "The council voted again on Monday.\n\n\
        \"It was the least costly choice,\" Ms. Hale of the River Trust said.\n\n\
        The director of the port authority said the docks would stay open.";
    let qs = quotes(text);
    check(
        &qs,
        "least costly",
        "It was the least costly choice,",
        Some("said"),
        Some("Ms. Hale of the River Trust"),
    );
    let q = find(&qs, "docks would stay");
    assert_eq!(
        q.speaker.as_deref(),
        Some("The director of the port authority")
    );
}

#[test]
fn follow_on_paragraph_inherits_the_speaker_with_lower_confidence() {
    let text = "\u{201c}The harvest was the best in a decade,\u{201d} said farmer Elena Novak.\n\n\
        \u{201c}Prices are another story. We will see in the spring.\u{201d}\n\n\
        The market opens on Saturday.";
    let qs = quotes(text);
    let first = find(&qs, "harvest");
    let follow = find(&qs, "Prices are another story");
    assert_eq!(follow.speaker, first.speaker);
    assert!(follow.inherited, "{follow:#?}");
    assert!(!first.inherited);
    assert!(follow.confidence < first.confidence);
}

#[test]
fn every_quotation_style() {
    let cases = [
        "\"The bridge will open in May,\" the engineer said.",
        "\u{201c}The bridge will open in May,\u{201d} the engineer said.",
        "''The bridge will open in May,'' the engineer said.",
        "\u{ab}The bridge will open in May,\u{bb} the engineer said.",
        "\u{201e}The bridge will open in May,\u{201c} the engineer said.",
    ];
    for text in cases {
        let qs = quotes(text);
        assert_eq!(qs.len(), 1, "{text}: {qs:#?}");
        check(
            &qs,
            "bridge",
            "The bridge will open in May,",
            Some("said"),
            Some("the engineer"),
        );
    }
}

#[test]
fn single_quotes_nested_in_double_stay_in_the_content() {
    let text = "\u{201c}He told me \u{2018}never again\u{2019} and left,\u{201d} said Omar Said, a driver.";
    let qs = quotes(text);
    check(
        &qs,
        "never again",
        "He told me \u{2018}never again\u{2019} and left,",
        Some("said"),
        Some("Omar Said, a driver"),
    );
}

#[test]
fn scare_quotes_titles_and_nicknames_are_not_quotes() {
    let text = "The so-called \u{201c}reform\u{201d} package passed on Tuesday.\n\n\
        She starred in \u{201c}The Long Road Home\u{201d} before moving to Ohio.\n\n\
        Fans call the pitcher \u{201c}The Rocket\u{201d} and pack the stands.";
    let qs = quotes(text);
    assert!(qs.is_empty(), "{qs:#?}");
}

#[test]
fn odd_number_of_quotation_marks() {
    let text = "The mayor said \u{201c}we are ready. Then she left.\n\n\
        \u{201c}It will pass,\u{201d} the clerk said. A stray \u{201d} mark and a \u{201c} here.";
    let qs = quotes(text);
    check(
        &qs,
        "will pass",
        "It will pass,",
        Some("said"),
        Some("the clerk"),
    );
}

#[test]
fn colon_after_a_short_predicate() {
    let text = "Treasurer Ines Moreau was blunt: \u{201c}The reserve is empty.\u{201d}";
    let qs = quotes(text);
    check(
        &qs,
        "reserve",
        "The reserve is empty.",
        Some("was blunt:"),
        Some("Treasurer Ines Moreau"),
    );
}

#[test]
fn a_paragraph_reopened_with_another_mark_does_not_continue() {
    // The first paragraph never closes its straight quote; the next one opens with a curly
    // mark, so it is a new quotation, not a continuation.
    let text =
        "\"The line was long and slow.\n\n\u{201c}We waited three hours,\u{201d} a voter said.";
    let qs = quotes(text);
    check(
        &qs,
        "three hours",
        "We waited three hours,",
        Some("said"),
        Some("a voter"),
    );
}

#[test]
fn one_word_lines_of_dialogue_stand_alone() {
    let qs = quotes(
        "\u{201c}Tea?\u{201d} \u{201c}Please.\u{201d} \u{201c}Milk?\u{201d} \u{201c}Just a drop,\u{201d} said Aunt Vera.",
    );
    let contents: Vec<&str> = qs.iter().map(|q| q.content.as_str()).collect();
    assert_eq!(
        contents,
        ["Tea?", "Please.", "Milk?", "Just a drop,"],
        "{qs:#?}"
    );
    assert!(qs[..3].iter().all(|q| q.speaker.is_none()), "{qs:#?}");
    // A one-word scare quote inside a sentence is still no quote.
    assert!(quotes("The so-called \u{201c}experts\u{201d} were wrong again.").is_empty());
}

#[test]
fn an_opening_participle_is_the_question_not_a_cue() {
    let qs = quotes(
        "Asked about the delay, the minister said: \u{201c}We are doing all we can.\u{201d}",
    );
    assert_eq!(qs.len(), 1, "{qs:#?}");
    check(
        &qs,
        "all we can",
        "We are doing all we can.",
        Some("said:"),
        Some("the minister"),
    );
    // An inverted cue that opens its sentence is still one.
    let qs = quotes("Added Jones, \u{201c}We will win.\u{201d}");
    check(&qs, "win", "We will win.", Some("Added"), Some("Jones"));
}

#[test]
fn sentences_quoted_with_no_speaker_stand_alone() {
    // Two short sentences are no title, and a colon after a clause about a thing introduces
    // the quotation without naming a speaker.
    let qs = quotes(
        "The note is still on the fridge. \u{201c}Back by six. Don\u{2019}t let the cat out.\u{201d} Nobody took it down.\n\n\
         The board outside Ada Lund\u{2019}s shop has not changed since 1987: \u{201c}Bread sold out by noon. Come back tomorrow.\u{201d} It is often right.",
    );
    check(
        &qs,
        "Back by six",
        "Back by six. Don\u{2019}t let the cat out.",
        None,
        None,
    );
    check(
        &qs,
        "Bread sold",
        "Bread sold out by noon. Come back tomorrow.",
        None,
        None,
    );
}

#[test]
fn a_quotation_nested_after_a_colon_is_its_inner_speaker_s() {
    // The words before the outer quotation ("told parents:") do not claim what is said
    // inside it.
    let text = "Rita Vance told parents: \u{201c}The inspector told us, \u{2018}This is the best library in the county,\u{2019} and we cheered.\u{201d}";
    let qs = quotes(text);
    let inner = qs
        .iter()
        .find(|q| q.content.starts_with("This is"))
        .unwrap_or_else(|| panic!("no nested quote in {qs:#?}"));
    assert_eq!(inner.content, "This is the best library in the county,");
    assert_eq!(inner.speaker.as_deref(), Some("The inspector"));
    assert_eq!(inner.cue.as_deref(), Some("told"));
}

#[test]
fn a_quotation_a_determiner_opens_is_a_scare_quote() {
    // Whoever spoke in the sentence before, a few words in marks after "a" are a noun phrase.
    let text = "The Ledger says fares have risen. The Courier leads on a \u{2018}war on drivers\u{2019}, claiming that fines doubled.";
    let qs = quotes(text);
    assert!(
        qs.iter().all(|q| !q.content.contains("war on drivers")),
        "{qs:#?}"
    );
    check(
        &qs,
        "fines",
        "that fines doubled",
        Some("claiming"),
        Some("The Courier"),
    );
}

#[test]
fn an_action_beat_before_or_after_names_the_speaker() {
    let text = "\u{201c}The hall is empty tonight.\u{201d} The lights went out.\n\n\
        Ines left the room without a word.\n\n\
        She stopped at the door and turned around. \u{201c}Tell them I was here.\u{201d}\n\n\
        \u{201c}Nobody asked you to stay.\u{201d} Tomas folded the letter in half.";
    let qs = quotes(text);
    check(&qs, "Tell them", "Tell them I was here.", None, Some("She"));
    check(
        &qs,
        "Nobody asked",
        "Nobody asked you to stay.",
        None,
        Some("Tomas"),
    );
    // A sentence with no person in it names no one.
    check(
        &qs,
        "hall is empty",
        "The hall is empty tonight.",
        None,
        None,
    );
}

#[test]
fn a_speech_tag_counts_only_right_after_a_quotation() {
    let text = "\u{2018}We never stopped,\u{2019} laughed Des Rowe. \u{201c}Come in,\u{201d} she laughed.\n\n\
        Ada Kerr laughed at the idea. \u{201c}Not tonight.\u{201d}";
    let qs = quotes(text);
    check(
        &qs,
        "never stopped",
        "We never stopped,",
        Some("laughed"),
        Some("Des Rowe"),
    );
    check(&qs, "Come in", "Come in,", Some("laughed"), Some("she"));
    // After a full stop it is an action: the beat names the next quotation's speaker.
    check(&qs, "Not tonight", "Not tonight.", None, Some("Ada Kerr"));
}
