//! Indirect and mixed quotes: reported speech with a cue and no quotation marks, and reported
//! speech that embeds a quotation. The articles are written for these tests.

mod quotes_common;

use quotes_common::{check, find, quotes};
use quotesmith::doc::QuoteKind;

#[test]
fn said_that_clause() {
    let qs =
        quotes("The health minister said that the new vaccine would reach pharmacies by April.");
    check(
        &qs,
        "vaccine",
        "that the new vaccine would reach pharmacies by April",
        Some("said"),
        Some("The health minister"),
    );
    assert_eq!(qs[0].kind, QuoteKind::Indirect);
}

#[test]
fn said_clause_without_that_and_with_a_time_adjunct() {
    let qs = quotes("Senator Maya Brooks said Tuesday the bill had enough votes to pass.");
    check(
        &qs,
        "enough votes",
        "the bill had enough votes to pass",
        Some("said"),
        Some("Senator Maya Brooks"),
    );
}

#[test]
fn clause_then_comma_speaker_said() {
    let qs = quotes("The factory will stay open through the winter, the company said.");
    check(
        &qs,
        "factory",
        "The factory will stay open through the winter",
        Some("said"),
        Some("the company"),
    );
}

#[test]
fn clause_then_comma_said_speaker_inverted() {
    let qs = quotes(
        "The factory will stay open through the winter, said Dana Whitfield, the plant manager.",
    );
    check(
        &qs,
        "factory",
        "The factory will stay open through the winter",
        Some("said"),
        Some("Dana Whitfield, the plant manager"),
    );
}

#[test]
fn interrupting_attribution_makes_two_pieces() {
    let qs = quotes("A second term, she argued, would bring lower taxes and better schools.");
    check(
        &qs,
        "second term",
        "A second term | would bring lower taxes and better schools",
        Some("argued"),
        Some("she"),
    );
}

#[test]
fn according_to_before_and_after() {
    let qs = quotes(
        "According to the state auditor, the agency lost track of 300 laptops.\n\n\
         The agency lost track of 300 laptops, according to a report released Monday.",
    );
    let first = &qs[0];
    assert_eq!(first.content, "the agency lost track of 300 laptops");
    assert_eq!(first.cue.as_deref(), Some("According to"));
    assert_eq!(first.speaker.as_deref(), Some("the state auditor"));
    let second = &qs[1];
    assert_eq!(second.content, "The agency lost track of 300 laptops");
    assert_eq!(second.cue.as_deref(), Some("according to"));
    assert_eq!(second.speaker.as_deref(), Some("a report released Monday"));
}

#[test]
fn told_skips_the_addressee() {
    let qs = quotes("The coach told reporters that the team would not trade its captain.");
    check(
        &qs,
        "captain",
        "that the team would not trade its captain",
        Some("told"),
        Some("The coach"),
    );
}

#[test]
fn other_cue_verbs() {
    let qs = quotes(
        "Critics argued the law was unfair to renters.\n\n\
         The governor insisted the budget was balanced.\n\n\
         Doctors warned that the flu season could be severe.\n\n\
         The union has repeatedly claimed the contract is illegal.",
    );
    check(
        &qs,
        "unfair",
        "the law was unfair to renters",
        Some("argued"),
        Some("Critics"),
    );
    check(
        &qs,
        "budget",
        "the budget was balanced",
        Some("insisted"),
        Some("The governor"),
    );
    check(
        &qs,
        "flu season",
        "that the flu season could be severe",
        Some("warned"),
        Some("Doctors"),
    );
    check(
        &qs,
        "contract",
        "the contract is illegal",
        Some("has repeatedly claimed"),
        Some("The union"),
    );
}

#[test]
fn evidence_that_shows() {
    let qs = quotes(
        "Court records show that the firm paid no tax.\n\n\
         The ward ran out of beds twice, documents seen by the Ledger show.\n\n\
         The show runs until May.",
    );
    check(
        &qs,
        "paid no tax",
        "that the firm paid no tax",
        Some("show"),
        Some("Court records"),
    );
    check(
        &qs,
        "ran out of beds",
        "The ward ran out of beds twice",
        Some("show"),
        Some("documents seen by the Ledger"),
    );
    assert_eq!(qs.len(), 2, "{qs:?}");
}

#[test]
fn progressive_reporting_before_that_or_a_colon() {
    let qs = quotes(
        "The station was reporting on Monday that the pier had collapsed.\n\n\
         Here is what the network is reporting: two bridges are shut.\n\n\
         Precincts reporting late tipped the count.",
    );
    check(
        &qs,
        "pier",
        "that the pier had collapsed",
        Some("was reporting"),
        Some("The station"),
    );
    check(
        &qs,
        "bridges",
        "two bridges are shut",
        Some("is reporting:"),
        Some("the network"),
    );
    assert!(qs.iter().all(|q| !q.content.contains("tipped")), "{qs:?}");
}

#[test]
fn mixed_quote_embeds_a_quotation() {
    let qs = quotes(
        "The minister said the agreement \u{201c}did not exclude new talks\u{201d} with the rebels.",
    );
    let q = find(&qs, "agreement");
    assert_eq!(
        q.content,
        "the agreement \u{201c}did not exclude new talks\u{201d} with the rebels"
    );
    assert_eq!(q.kind, QuoteKind::Mixed);
    assert_eq!(q.speaker.as_deref(), Some("The minister"));
}

#[test]
fn participle_cue_takes_the_clause_subject() {
    let qs =
        quotes("The mayor defended the tax on Monday, saying it would pay for two new schools.");
    check(
        &qs,
        "two new schools",
        "it would pay for two new schools",
        Some("saying"),
        Some("The mayor"),
    );
}

#[test]
fn participle_after_an_attribution_takes_its_speaker() {
    let qs = quotes(
        "\u{201c}We are not done,\u{201d} Carmen Ruiz said, adding that the strike would go on.",
    );
    check(
        &qs,
        "not done",
        "We are not done,",
        Some("said"),
        Some("Carmen Ruiz"),
    );
    check(
        &qs,
        "strike",
        "that the strike would go on",
        Some("adding"),
        Some("Carmen Ruiz"),
    );
}

#[test]
fn two_claims_in_one_sentence() {
    let qs =
        quotes("The mayor said the road would reopen, but the contractor said it needed a month.");
    check(
        &qs,
        "reopen",
        "the road would reopen",
        Some("said"),
        Some("The mayor"),
    );
    check(
        &qs,
        "month",
        "it needed a month",
        Some("said"),
        Some("the contractor"),
    );
}

#[test]
fn outlet_as_source_gets_a_mention() {
    let qs = quotes("Reuters reported that the talks had stalled over fishing rights.");
    check(
        &qs,
        "talks",
        "that the talks had stalled over fishing rights",
        Some("reported"),
        Some("Reuters"),
    );
}

#[test]
fn no_cue_no_quote() {
    let qs = quotes("The bridge opened in 1932 and carries 40,000 cars a day.");
    assert!(qs.is_empty(), "{qs:#?}");
}

#[test]
fn source_with_a_prepositional_modifier() {
    let qs = quotes(
        "A spokeswoman for the port authority told the BBC the terminal would reopen on Monday.",
    );
    check(
        &qs,
        "terminal",
        "the terminal would reopen on Monday",
        Some("told"),
        Some("A spokeswoman for the port authority"),
    );
}

#[test]
fn adjunct_before_that_is_skipped() {
    let qs = quotes("The governor said in a statement on Friday that the fund was solvent.");
    check(
        &qs,
        "solvent",
        "that the fund was solvent",
        Some("said in a statement"),
        Some("The governor"),
    );
}

#[test]
fn coordinated_sources() {
    let qs = quotes("The mayor and the police chief said the curfew would end at dawn.");
    check(
        &qs,
        "curfew",
        "the curfew would end at dawn",
        Some("said"),
        Some("The mayor and the police chief"),
    );
}

#[test]
fn clause_before_an_attribution_with_an_adjunct() {
    let qs = quotes("The pier will reopen by summer, she said in an interview on Saturday.");
    check(
        &qs,
        "pier",
        "The pier will reopen by summer",
        Some("said"),
        Some("she"),
    );
}

#[test]
fn survey_shares_as_sources() {
    let qs = quotes(
        "Most residents back the plan. One in five say the tax is too high, and 40 percent of \
         renters said they would move.",
    );
    check(
        &qs,
        "too high",
        "the tax is too high",
        Some("say"),
        Some("One in five"),
    );
    check(
        &qs,
        "would move",
        "they would move",
        Some("said"),
        Some("40 percent of renters"),
    );
}

#[test]
fn headline_cue_in_title_case() {
    let qs = quotes("Governor Says Budget Will Balance\n\nThe state released its plan on Monday.");
    let q = find(&qs, "Budget");
    assert_eq!(q.cue.as_deref(), Some("Says"));
    assert_eq!(q.speaker.as_deref(), Some("Governor"));
}

#[test]
fn credits_and_citations_in_every_position() {
    // (text, a word of the content, content, cue, speaker, why)
    #[rustfmt::skip]
    let cases: &[(&str, &str, &str, &str, &str, &str)] = &[
        ("Citing two people close to the company, The Ledger reported that the van would be delayed.", "van", "that the van would be delayed", "reported", "two people close to the company", "a citing phrase that opens the sentence"),
        ("The ban will be delayed by two years, according to the Ledger, which cited three officials.", "ban", "The ban will be delayed by two years", "according to", "three officials", "a relative clause that cites"),
        ("A truce will start at midnight, the Ledger reported, without naming its sources.", "truce", "A truce will start at midnight", "reported", "the Ledger", "a manner adjunct after the credit is no second piece"),
        ("Strand, who announced his resignation on Friday, said he had no regrets.", "regrets", "he had no regrets", "said", "Strand, who announced his resignation on Friday", "the relative clause ends before the main cue"),
        ("Asked whether she would run again, Senator Dora Vance smiled and said she had not decided.", "decided", "she had not decided", "said", "Senator Dora Vance", "a past participle's clause opens the sentence"),
        ("HALDEN (Ledger) - The fleet will catch more cod next year, the ministry said on Monday.", "cod", "The fleet will catch more cod next year", "said", "the ministry", "a dateline is no content"),
        ("Designers have argued for decades that appliances are built to fail.", "fail", "that appliances are built to fail", "have argued", "Designers", "for decades is a duration, not a particle"),
        ("Analysts wrote in a note last month that prices would rise.", "prices", "that prices would rise", "wrote", "Analysts", "a cue word after a determiner is a noun"),
        ("The chairman said the group would ask the council to publish the review, including the withheld sections.", "review", "the group would ask the council to publish the review, including the withheld sections", "said", "The chairman", "including opens a phrase, not a clause"),
        ("She argued that the plan would fail, and several governments have passed laws since.", "fail", "that the plan would fail", "argued", "She", "a new subject and an auxiliary after , and"),
        ("The couple have split, a source close to the pair told the Ledger.", "split", "The couple have split", "told", "a source close to the pair", "to after an adjective continues the source"),
        ("Rates will hold, economists polled by the Ledger said.", "Rates", "Rates will hold", "said", "economists polled by the Ledger", "by after a participle continues the source"),
        ("Lin Chao, whose research was published last year, said the variant was mild.", "variant", "the variant was mild", "said", "Lin Chao, whose research was published last year", "whose opens an aside"),
        ("The leaders will meet in May, the palace said on Tuesday, according to the Ledger.", "leaders", "The leaders will meet in May", "said", "the palace", "a credit after an attributed clause"),
        ("A fire broke out at the plant, the agency said, adding that no one was hurt.", "fire", "A fire broke out at the plant", "said", "the agency", "a participle cue is no second piece"),
        ("The pension age will rise, the Ledger reported on Monday, without citing its sources.", "pension", "The pension age will rise", "reported", "the Ledger", "a manner adjunct after a time adjunct"),
        ("The river burst its banks, the Ledger reported a short time ago, and the council says roads are shut.", "river", "The river burst its banks", "reported", "the Ledger", "a time adjunct, then a clause with its own attribution"),
        ("There was no warning, the agency added, and the utility said it had found no damage.", "warning", "There was no warning", "added", "the agency", "a clause with its own attribution after and is no second piece"),
        ("14:02 The pension age will rise, per the Ledger.", "pension", "The pension age will rise", "per", "the Ledger", "a live blog's time stamp opening its paragraph"),
        ("Reuters now reports that the pension age will rise.", "pension", "that the pension age will rise", "now reports", "Reuters", "a rare cue after a name and a sentence adverb"),
        ("Ida Berg, 54, who farms near the city, said the harvest was poor.", "harvest", "the harvest was poor", "said", "Ida Berg, 54, who farms near the city", "an age before a relative clause is part of the aside"),
        ("The council said it had since split the board in two and published every contract online.", "board", "it had since split the board in two and published every contract online", "said", "The council", "a bare participle shares the content's perfect"),
        ("The port shut on Friday, the Ledger reported, while the Courier said the strike would last.", "port", "The port shut on Friday", "reported", "the Ledger", "a clause with its own attribution after while is no second piece"),
        ("The final report, per the Ledger, will criticise three ministers.", "report", "The final report | will criticise three ministers", "per", "the Ledger", "a verb after an interrupting credit is the claim's own"),
        ("The Evening Standard reports: the night bus will be scrapped.", "bus", "the night bus will be scrapped", "reports:", "The Evening Standard", "a rare cue between a name and a colon"),
        ("Several of them told us the letters came late.", "letters", "the letters came late", "told", "Several of them", "a share of a group named before"),
        ("One of them, who asked not to be named, said the road was shut.", "road", "the road was shut", "said", "One of them, who asked not to be named", "a share of a group before a relative clause"),
        ("A plasterer who won a car in a raffle says he will keep working.", "working", "he will keep working", "says", "A plasterer who won a car in a raffle", "a relative clause without commas in the subject"),
        ("Commuters waiting for the last train told the Ledger they had not been warned.", "warned", "they had not been warned", "told", "Commuters waiting for the last train", "a participle's phrase after a plural noun in the subject"),
        ("A spokesman told the Ledger news agency the line would reopen on Friday.", "line", "the line would reopen on Friday", "told", "A spokesman", "words naming the kind of outlet belong to the addressee"),
    ];
    for &(text, word, content, cue, speaker, why) in cases {
        let qs = quotes(text);
        let q = find(&qs, word);
        assert_eq!(q.content, content, "{text} ({why})");
        assert_eq!(q.cue.as_deref(), Some(cue), "{text} ({why})");
        assert_eq!(q.speaker.as_deref(), Some(speaker), "{text} ({why})");
    }
}

#[test]
fn a_verb_after_an_interrupting_credit_makes_no_claim_of_its_own() {
    let qs = quotes("The final report, per the Ledger, will criticise three ministers.");
    assert_eq!(qs.len(), 1, "{qs:?}");
}

#[test]
fn objects_and_modifiers_are_no_claims() {
    // (text, why)
    #[rustfmt::skip]
    let cases: &[(&str, &str)] = &[
        ("The so-called \u{201c}smart\u{201d} meters have been blamed for higher bills.", "a bare quotation before its noun modifies it"),
        ("The airline has also ordered six new jets.", "ordered takes a thing"),
        ("The company cut its profit forecast for the second time this year.", "a bare prepositional phrase"),
        ("The paper ran the story, without citing its sources.", "a participle under without"),
        ("The two hikers were found shortly after dawn by a farmer.", "a passive with an irregular participle and an adverb"),
        ("The memo was written in 2019 by a junior clerk.", "a passive with an irregular participle"),
        ("The weather service has issued an amber wind warning for the coast until noon.", "a participle after an article heads a noun phrase"),
        ("I said that, yes.", "a demonstrative that a comma closes"),
        ("Did the mayor ever tell you the dam was unsafe?", "a question asks, it reports nothing"),
        ("Q. Did he say the invoices were paid?", "so does a transcript's question"),
        ("The ministry will ask parliament to lower the age next month.", "what is yet to be said is no report"),
    ];
    for &(text, why) in cases {
        let qs = quotes(text);
        assert!(qs.is_empty(), "{text} ({why}): {qs:?}");
    }
}
