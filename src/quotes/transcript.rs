//! Transcripts without quotation marks: lines that open with a speaker label in capitals or
//! a person's name and a colon ("SENATOR ALVES: Were you told …?", "MR. OKAFOR: No, I was
//! not.", "Nina Hart: Will the quotas rise?"; not a topic label, "Housing:"). Each such line
//! is a turn, a direct quote of its speaker with no cue. One label alone is a heading or a
//! dateline ("UPDATE: …", "WASHINGTON: …"), so a document needs two labelled lines with two
//! different labels. A label followed by a quotation is left to `uncued` (`Name: “…”`).
//! An interview set as "Q:" and "A:" lines gives the questions no speaker and the answers
//! to the person its introduction names first.

use super::extent::Frame;
use super::words::{Flags, View};
use crate::doc::QuoteKind;

/// Most words in a speaker label ("THE CHAIR OF THE COMMITTEE" is a heading).
const MAX_LABEL_WORDS: usize = 4;

/// Most words in the description after a labelled name ("Ann Hale, Chief Financial Officer:").
const MAX_DESCRIPTION_WORDS: usize = 8;

/// Adds a frame for every turn of a transcript in `v`.
pub fn transcript_turns(v: &View, frames: &mut Vec<Frame>) {
    let paras = &v.para_range;
    let mut turns: Vec<Turn> = Vec::new();
    let mut i = 0;
    while i < paras.len() {
        let (p0, p1) = paras[i];
        i += 1;
        let Some(mut turn_at) = turn(v, p0, p1) else {
            continue;
        };
        // A hard-wrapped turn whose last line the layout read as a paragraph of its own
        // ("…Dai Morgan-Tshabalala.\nWhat happens now?\n\n") goes on to the blank line
        // that ends it; a line between turns set one to a line is a stage direction
        // ("(CROSSTALK)").
        let newlines = |a: usize, b: usize| v.doc.text[a..b].matches('\n').count();
        let mut j = i;
        let mut end = turn_at.content.1;
        while let Some(&(n0, n1)) = paras.get(j) {
            let gap = newlines(v.toks[end - 1].span.end, v.toks[n0].span.start);
            if n0 >= n1 || gap != 1 || !v.toks[n0].is_word() || turn(v, n0, n1).is_some() {
                break;
            }
            end = content_end(v, n0, n1);
            j += 1;
        }
        let blank_after = paras
            .get(j)
            .is_none_or(|&(m0, _)| newlines(v.toks[end - 1].span.end, v.toks[m0].span.start) >= 2);
        if j > i && blank_after {
            turn_at.content.1 = end;
            i = j;
        }
        turns.push(turn_at);
    }
    // "Q." and "A." lines of a court transcript are "Q" and "A".
    let label = |t: &Turn| {
        let l = v.doc.text[v.span(t.label.0, t.label.1)].to_uppercase();
        l.strip_suffix('.').map(str::to_string).unwrap_or(l)
    };
    // Labels that are names in mixed case count only in a dialogue, where one of them comes
    // back ("Jeb Bush: Student loans" once is a section heading).
    let in_capitals = |t: &Turn| {
        let l = &v.doc.text[v.span(t.label.0, t.label.1)];
        capitals(l) || matches!(l, "Q" | "A" | "Q." | "A.")
    };
    let names: Vec<String> = turns
        .iter()
        .filter(|t| !in_capitals(t))
        .map(label)
        .collect();
    let dialogue = names
        .iter()
        .enumerate()
        .any(|(i, n)| names[..i].contains(n));
    // Described names make the page a transcript too (public comments, a call's Q&A).
    let described = turns.iter().any(|t| t.described);
    turns.retain(|t| dialogue || described || in_capitals(t));
    let Some(first) = turns.first().map(label) else {
        return;
    };
    if turns.len() < 2 || turns.iter().all(|t| label(t) == first) {
        return;
    }
    // An interview set as "Q:" and "A:" lines: the questions have no named speaker, the
    // answers are the person the introduction names last before the first line.
    let qa = turns.iter().any(|t| label(t) == "Q") && turns.iter().any(|t| label(t) == "A");
    if !qa {
        // A one-letter label alone is no speaker.
        turns.retain(|t| !matches!(label(t).as_str(), "Q" | "A"));
        if turns.len() < 2 {
            return;
        }
    }
    let questioner = if qa {
        questioner(v, turns[0].label.0)
    } else {
        None
    };
    let interviewee = if qa {
        // The first person named before the first line (the introduction names the
        // interviewee before anyone they talk about).
        let first_turn = turns[0].label.0;
        let person = |k: usize| v.toks[k].is(Flags::ENT_PER) && !v.toks[k].quoted();
        (0..first_turn).find(|&k| person(k)).map(|a| {
            let b = (a..first_turn).find(|&k| !person(k)).unwrap_or(first_turn);
            (a, b)
        })
    } else {
        None
    };
    // "Q15 Chair:" after "Q14 Chair (Dame Ann Hale):" takes the holder ([`role_holders`]).
    for turn in &turns {
        let a = turn.label.0;
        let (c0, c1) = turn.content;
        let name = label(turn);
        let speaker = turn.speaker;
        let source = match (qa, name.as_str()) {
            (true, "Q") => questioner,
            (true, "A") => interviewee,
            _ => Some(speaker),
        };
        frames.push(Frame {
            cue: None,
            cue_weight: 0.5,
            source,
            content: vec![v.span(c0, c1)],
            regions: Vec::new(),
            kind: QuoteKind::Direct,
            end_tok: c1,
            inherited_from: None,
            para: v.toks[a].para,
        });
    }
}

/// Who asks the questions of a Q-and-A transcript: the name after the last "by" before its
/// first line ("BY MS. KHATRI:", "Examination of Ana Lee by Mr. Colm Hargreaves"), titles
/// left out.
fn questioner(v: &View, first_turn: usize) -> Option<(usize, usize)> {
    let t = &v.toks;
    let by = (0..first_turn)
        .rev()
        .find(|&k| v.eq(k, "by") && !t[k].quoted())?;
    let mut a = by + 1;
    while a < first_turn && (t[a].is(Flags::ROLE) || v.s(a) == "." || v.abbreviated_role(a)) {
        a += 1;
    }
    let name = |k: usize| t[k].is_word() && (t[k].is(Flags::ENT_PER) || capitals(v.s(k)));
    let b = (a..first_turn).find(|&k| !name(k)).unwrap_or(first_turn);
    (b > a).then_some((a, b))
}

/// A transcript line: its label's words, who speaks (the label, or the name a role's
/// label gives in brackets: "Chair (Dame Ann Hale):"), and its words, as token ranges.
#[derive(Debug, Clone, Copy)]
struct Turn {
    label: (usize, usize),
    speaker: (usize, usize),
    content: (usize, usize),
    described: bool,
}

/// The turn that paragraph `[p0, p1)` is, if any: a question's number ("Q14"), words in
/// capitals (a title's full stop allowed: "MR."), of a person's name (the entity tagger's)
/// or a capitalised role ("Chair"), an aside in brackets, a colon, then unquoted words.
fn turn(v: &View, p0: usize, p1: usize) -> Option<Turn> {
    let t = &v.toks;
    let Label {
        label,
        speaker,
        colon,
        described,
    } = labelled(v, p0, p1)?;
    let c0 = colon + 1;
    let c1 = content_end(v, c0, p1);
    // Speech has words, not only figures ("Clinton: 1,769.").
    let content_ok = c1 > c0
        && !t[c0].quoted()
        && (c0..c1).any(|j| t[j].is_word() && v.s(j).chars().any(char::is_alphabetic));
    content_ok.then_some(Turn {
        label,
        speaker,
        content: (c0, c1),
        described,
    })
}

/// A speaker label: its words, who speaks, and the colon after them.
#[derive(Debug, Clone, Copy)]
struct Label {
    label: (usize, usize),
    speaker: (usize, usize),
    colon: usize,
    /// A name with a description after a comma ("Theo Lindgren, Lindgren Hardware:"), which
    /// no section heading has.
    described: bool,
}

/// The label that opens paragraph `[p0, p1)` (see [`turn`]), whatever follows its colon.
fn labelled(v: &View, p0: usize, p1: usize) -> Option<Label> {
    let t = &v.toks;
    // "Q. Did you see it?" / "A. No.": a court transcript's lines, the stop for a colon.
    if matches!(v.s(p0), "Q." | "A.") && p0 + 1 < p1 && t[p0 + 1].is_word() {
        return Some(Label {
            label: (p0, p0 + 1),
            speaker: (p0, p0 + 1),
            colon: p0,
            described: false,
        });
    }
    let numbered = question_number(v.s(p0)) && p0 + 1 < p1;
    let a = if numbered { p0 + 1 } else { p0 };
    let mut k = a;
    let mut words = 0;
    // "Councillor Thwaite:": after a capitalised role, a capitalised word is its holder's
    // name, whatever the tagger made of it.
    let mut titled = false;
    while k < p1 && words <= MAX_LABEL_WORDS {
        let s = v.s(k);
        let q_or_a = k == p0 && (s == "Q" || s == "A");
        let role = t[k].is(Flags::ROLE) && s.chars().next().is_some_and(char::is_uppercase);
        let holder = titled
            && t[k].is(Flags::CAP)
            && !t[k].is(Flags::DET | Flags::PREP | Flags::AUX | Flags::VERB | Flags::BOUNDARY);
        if t[k].is_word()
            && !t[k].quoted()
            && (capitals(s) || t[k].is(Flags::ENT_PER) || q_or_a || role || holder)
        {
            titled |= role;
            words += 1;
        } else if !(s == "." && k > a && t[k - 1].is_word()) {
            break;
        }
        k += 1;
    }
    if words == 0 || words > MAX_LABEL_WORDS || k >= p1 {
        return None;
    }
    let label_end = if v.s(k - 1) == "." { k - 1 } else { k };
    let label = (a, label_end.max(a + 1));
    let mut speaker = label;
    // "Chair (Dame Ann Hale):" names the role's holder; "Ann Hale (Chief Executive, X):"
    // describes the name before it.
    let mut bracketed = false;
    if t[k].is(Flags::LPAREN) {
        let close = (k + 1..p1.min(k + 14)).find(|&j| t[j].is(Flags::RPAREN))?;
        let mut person = (k + 1..close)
            .filter(|&j| t[j].is(Flags::ENT_PER))
            .collect::<Vec<_>>();
        // "CALLER (Maureen):": a bracket of capitalised words only is a name too.
        if person.is_empty()
            && close > k + 1
            && close <= k + 4
            && (k + 1..close).all(|j| t[j].is(Flags::CAP) && t[j].is_word())
        {
            person = (k + 1..close).collect();
        }
        if let (Some(&f), Some(&l)) = (person.first(), person.last())
            && (a..label.1).all(|j| t[j].is(Flags::ROLE) && !t[j].is(Flags::ENT_PER))
        {
            speaker = (f, l + 1);
        }
        k = close + 1;
        // "Mrs Edna Fairlie (Mill Lane):": a name with its ward or post in brackets.
        bracketed = (a..label.1).any(|j| t[j].is(Flags::ENT_PER));
    }
    // "Marisela Ochoa-Vance, Eastside resident:", "Ann Hale, Chief Financial Officer:".
    let mut described = bracketed;
    if k < p1 && t[k].is(Flags::COMMA) && (a..label.1).any(|j| t[j].is(Flags::ENT_PER)) {
        let colon = (k + 1..p1.min(k + 2 + MAX_DESCRIPTION_WORDS)).find(|&j| t[j].is(Flags::COLON));
        let plain = |j: usize| {
            !t[j].quoted()
                && !t[j].is(Flags::VERB | Flags::AUX | Flags::FINAL | Flags::QOPEN)
                && (t[j].is_word() || t[j].is(Flags::COMMA) || v.s(j) == "&")
        };
        if let Some(c) = colon
            && c > k + 1
            && (k + 1..c).all(plain)
        {
            k = c;
            described = true;
        }
    }
    (k < p1 && t[k].is(Flags::COLON)).then_some(Label {
        label,
        speaker,
        colon: k,
        described,
    })
}

/// A labelled paragraph: where it starts, its label, and the label's words in capitals.
struct LabelledLine {
    p0: usize,
    label: Label,
    text: String,
}

/// Mends the sources of frames that a transcript's labels settle ([`role_holders`],
/// [`addressed_you`]), reading the document's labels once.
pub fn label_speakers(v: &View, frames: &mut [Frame]) {
    let lines: Vec<LabelledLine> = v
        .para_range
        .iter()
        .filter(|&&(p0, p1)| p0 < p1)
        .filter_map(|&(p0, p1)| {
            let label = labelled(v, p0, p1)?;
            let text = label_text(v, label.label);
            Some(LabelledLine { p0, label, text })
        })
        .collect();
    role_holders(v, &lines, frames);
    addressed_you(v, &lines, frames);
}

fn label_text(v: &View, (a, b): (usize, usize)) -> String {
    v.doc.text[v.span(a, b)].to_uppercase()
}

/// "SEN. LUND: You told the Journal that …" / "MS. DRAYCOTT: …": a claim whose source is
/// "you" inside a transcript turn is the person addressed, the next turn's speaker (else
/// the previous one's) under another label.
fn addressed_you(v: &View, turns: &[LabelledLine], frames: &mut [Frame]) {
    if turns.len() < 2 {
        return;
    }
    for f in frames.iter_mut() {
        let Some((a, b)) = f.source else { continue };
        if b != a + 1 || !v.eq(a, "you") || f.cue.is_none() {
            continue;
        }
        // Turns are in text order; only the few around the claim are looked at.
        let Some(i) = turns.partition_point(|t| t.p0 <= a).checked_sub(1) else {
            continue;
        };
        if v.toks[turns[i].p0].para != v.toks[a].para {
            continue;
        }
        let other = |t: &&LabelledLine| t.text != turns[i].text;
        let addressee = turns[i + 1..]
            .iter()
            .take(4)
            .find(other)
            .or_else(|| turns[..i].iter().rev().take(4).find(other));
        if let Some(t) = addressee {
            f.source = Some(t.label.speaker);
        }
    }
}

/// "CHAIR (Ms Ngozi Okoro): “…”" … "CHAIR: “…”": a frame whose source is a role's label
/// takes the holder a bracket named with that label earlier in the document.
fn role_holders(v: &View, lines: &[LabelledLine], frames: &mut [Frame]) {
    let holders: Vec<&LabelledLine> = lines
        .iter()
        .filter(|l| l.label.speaker != l.label.label)
        .collect();
    if holders.is_empty() {
        return;
    }
    for f in frames.iter_mut() {
        let Some(source) = f.source else { continue };
        let name = label_text(v, source);
        let holder = holders
            .iter()
            .rev()
            .find(|l| l.label.label.0 < source.0 && l.text == name);
        if let Some(l) = holder {
            f.source = Some(l.label.speaker);
        }
    }
}

/// "Q14": the number a select committee's transcript gives each question.
fn question_number(s: &str) -> bool {
    s.len() > 1 && s.starts_with('Q') && s[1..].chars().all(|c| c.is_ascii_digit())
}

/// The end of a turn's words in `[c0, p1)`: past trailing punctuation other than a stop.
fn content_end(v: &View, c0: usize, p1: usize) -> usize {
    let t = &v.toks;
    let mut c1 = p1;
    while c1 > c0 && !t[c1 - 1].is_word() && !t[c1 - 1].is(Flags::FINAL) {
        c1 -= 1;
    }
    c1
}

/// A word written in capitals: two letters or more, none lowercase.
fn capitals(s: &str) -> bool {
    s.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !s.chars().any(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quotes::testing::{doc, view};

    #[test]
    fn turns_of_a_transcript() {
        // (text, turns as "label | content", why)
        #[rustfmt::skip]
        let cases: &[(&str, &[&str], &str)] = &[
            ("SENATOR ALVES: Were you told before Tuesday?\nMR. OKAFOR: No, I was not.", &["SENATOR ALVES | Were you told before Tuesday?", "MR. OKAFOR | No, I was not."], "two speakers, a title's full stop"),
            ("Q: When did the pier close?\nHARBOUR MASTER: At noon.\nREPORTER: Thank you.", &["HARBOUR MASTER | At noon.", "REPORTER | Thank you."], "a one-letter label alone is no speaker"),
            ("We spoke to [Ines Rook], the harbour master.\n\nQ: When did the pier close?\nA: At noon.\nQ: Why?\nA: The swell.", &["- | When did the pier close?", "Ines Rook | At noon.", "- | Why?", "Ines Rook | The swell."], "Q and A lines: the questions unnamed, the answers the person the introduction names"),
            ("[Ana Reyes]: Is the road open?\n[Luis Ortega]: Only to buses.\n[Ana Reyes]: Since when?", &["Ana Reyes | Is the road open?", "Luis Ortega | Only to buses.", "Ana Reyes | Since when?"], "people's names in mixed case, in a dialogue"),
            ("[Ana Reyes]: A plan for roads\n[Luis Ortega]: A plan for schools", &[], "each name once: section headings"),
            ("CLINTON: 1,769.\nSANDERS: 1,501.", &[], "figures are no speech"),
            ("Housing: Prices rose in May.\nEnergy: Bills fell again.", &[], "topic labels in mixed case are no names"),
            ("ANA REYES: The pier at Rosslare has been shut since the storm on Monday night, and the\nferries are waiting offshore.\nWhat happens now?\n\nLUIS ORTEGA: We wait for the tide.", &["ANA REYES | The pier at Rosslare has been shut since the storm on Monday night, and the\nferries are waiting offshore.\nWhat happens now?", "LUIS ORTEGA | We wait for the tide."], "a hard-wrapped turn runs to its blank line"),
            ("ANA REYES: Is it open?\n(CROSSTALK)\nLUIS ORTEGA: No.", &["ANA REYES | Is it open?", "LUIS ORTEGA | No."], "a stage direction between turns set one to a line"),
            ("Q3 Chair (Dame [Ann Hale]): Why did it fail?\n\n[Luis Ortega] (Director, Kelso Ports): The pumps froze.\n\nQ4 Chair: Who knew?\n\n[Luis Ortega]: Nobody.", &["Ann Hale | Why did it fail?", "Luis Ortega | The pumps froze.", "Ann Hale | Who knew?", "Luis Ortega | Nobody."], "a committee's numbered questions, a role's holder in brackets, a witness's post"),
            ("Examination of [Ana Lee] by Mr. [Colm Hart].\nQ. Did he pay?\nA. He told me so.", &["Colm Hart | Did he pay?", "Ana Lee | He told me so."], "a court transcript's Q. and A. lines, the examiner after `by`"),
            ("Mrs [Edna Fair] (Mill Lane): Why is it shut?\nCouncillor Thwaite (leader): We lost staff.", &["Mrs Edna Fair | Why is it shut?", "Councillor Thwaite | We lost staff."], "names with a ward or post in brackets; a role's holder the tagger missed"),
            ("[Rosa Vale], Eastside resident: The creek rose a metre.\n\n[Tom Lind], Lind Hardware: Trade has halved.", &["Rosa Vale | The creek rose a metre.", "Tom Lind | Trade has halved."], "names described after a comma: public comments, each once"),
            // Near misses.
            ("UPDATE: The pier reopened at noon.\nUPDATE: It closed again at six.", &[], "one label alone is a heading"),
            ("WASHINGTON: The Senate met.", &[], "a single dateline"),
            ("ALVES: \u{201c}Were you told?\u{201d}\nOKAFOR: \u{201c}No.\u{201d}", &[], "a quotation after the label is uncued's"),
            ("THE COMMITTEE OF THE WHOLE HOUSE: sat.\nMR. OKAFOR: No.", &[], "one label of five words: a heading"),
        ];
        // A label before a quotation is uncued's, and still takes the role's holder.
        let d = doc(
            "CHAIR (Ms [Ann Hale]): \u{201c}Did you read it?\u{201d}\nMR DALE: \u{201c}Some of it.\u{201d}\nCHAIR: \u{201c}Which part?\u{201d}",
        );
        let v = view(&d);
        let found = crate::quotes::rules::analyze(&v);
        let who = |content: &str| {
            found
                .iter()
                .find(|f| f.pieces.first().is_some_and(|p| &d.text[*p] == content))
                .and_then(|f| f.speaker)
                .map(|(s, _)| d.text[s].to_string())
        };
        assert_eq!(who("Which part?").as_deref(), Some("Ann Hale"));
        assert_eq!(who("Some of it.").as_deref(), Some("MR DALE"));
        for (input, want, why) in cases {
            let d = doc(input);
            let v = view(&d);
            let mut frames = Vec::new();
            transcript_turns(&v, &mut frames);
            label_speakers(&v, &mut frames);
            let got: Vec<String> = frames
                .iter()
                .map(|f| {
                    let who = f.source.map_or("-", |(a, b)| &v.doc.text[v.span(a, b)]);
                    format!("{who} | {}", &v.doc.text[f.content[0]])
                })
                .collect();
            assert_eq!(got, *want, "{input} ({why})");
        }
    }
}
