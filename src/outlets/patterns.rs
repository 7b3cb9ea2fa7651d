//! Attribution patterns around an outlet mention: which role the outlet plays there.
//!
//! Every pattern is a regular expression compiled once in [`Patterns::new`] and run on the
//! few hundred bytes around a mention: the clause to its left (anchored at its end) or to its
//! right (anchored at its start), or the line it stands on (datelines, bylines, credit lines).

use super::gazetteer::OutletType;
use crate::doc::{OutletRelation, Span};
use crate::error::{Error, Result};
use regex::Regex;

/// How much context on each side the patterns look at, in bytes.
const WINDOW: usize = 300;
/// Longest line read as a byline or credit line.
const CREDIT_LINE_MAX: usize = 200;

/// How strongly the context says "this is an outlet".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Strength {
    /// No pattern.
    None,
    /// The name is the subject of a speech verb ("X said"): people say things too.
    Weak,
    /// A pattern only outlets take ("per X", "told X", "X reported", "(X) —").
    Strong,
}

/// The role of one mention as read from its context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Role {
    pub relation: Option<OutletRelation>,
    pub strength: Strength,
    /// A dateline, byline, credit or copyright line: the article is credited to the outlet.
    pub credit: bool,
    /// The outlet itself makes the claim ("X reported", "reports X", "according to X").
    pub claimant: bool,
}

impl Role {
    const NONE: Role = Role {
        relation: None,
        strength: Strength::None,
        credit: false,
        claimant: false,
    };

    fn of(relation: OutletRelation, strength: Strength) -> Role {
        Role {
            relation: Some(relation),
            strength,
            credit: false,
            claimant: false,
        }
    }

    fn claimant(mut self) -> Role {
        self.claimant = true;
        self
    }
}

/// Where a mention stands: the text, its span, its clause (sentence within its line) and line.
pub(crate) struct Site<'t> {
    pub text: &'t str,
    pub span: Span,
    /// The sentence holding the mention, cut to its line.
    pub clause: Span,
    /// The line holding the mention, if it is short enough to be read as a whole.
    pub line: Option<Span>,
    /// Start of the line (or of the window searched for it).
    pub line_start: usize,
    /// The line is one of the first or last few paragraphs (where credit lines stand; a
    /// bare outlet name mid-article is a photo credit).
    pub edge: bool,
}

/// The compiled patterns.
#[derive(Debug)]
pub(crate) struct Patterns {
    // Interviewer.
    l_told: Regex,
    l_interview: Regex,
    l_speak: Regex,
    l_statement_to: Regex,
    l_asked_by: Regex,
    l_appear: Regex,
    l_event: Regex,
    l_told_name_of: Regex,
    l_on_air: Regex,
    l_on_start: Regex,
    l_on: Regex,
    r_program: Regex,
    r_interview: Regex,
    // Publisher.
    l_wrote_in: Regex,
    l_oped: Regex,
    r_oped: Regex,
    /// "this week’s long read from The Guardian, in which Ada Rowe argues …": the outlet
    /// publishes a piece whose writer the relative clause names.
    r_in_which_writes: Regex,
    // Source.
    l_per: Regex,
    l_according: Regex,
    l_by: Regex,
    l_noun: Regex,
    l_inv_punct: Regex,
    l_inv_start: Regex,
    r_subj_strong: Regex,
    r_subj_weak: Regex,
    /// "Bloomberg, which first reported the talks, said …": a relative clause that only an
    /// outlet takes.
    r_rel_reporting: Regex,
    l_job_of: Regex,
    /// "a former correspondent for The Guardian": a past job describes the speaker; the
    /// outlet does not speak through them.
    l_former: Regex,
    l_name_of: Regex,
    writers: Writers,
    r_poss_name: Regex,
    /// "Le Monde’s Claire Duval argues …": the outlet's own writer, in a piece it publishes.
    r_poss_writer: Regex,
    r_poss_noun: Regex,
    r_mod: Regex,
    r_quoting: Regex,
    l_at_start: Regex,
    l_on_label: Regex,
    r_at_writes: Regex,
    r_bracket: Regex,
    /// "ABC affiliate KTRK", "NPR member station WBUR": the network names the station that
    /// plays the role, not itself.
    r_affiliate: Regex,
    /// A descriptor between a cue and the name: "told Britain's ITV", "according to the
    /// Spanish newspaper El País", "said on the MSNBC show 'Morning Joe'".
    l_descriptor: Regex,
    /// Datelines, credit and copyright lines.
    credits: Credits,
    l_orig_credit: Regex,
    /// Reuters' signature line: "(Reporting by X; Editing by Y)".
    pub signature: Regex,
    /// A station's call sign after an affiliate descriptor ([`CALL_SIGN`]), captured.
    pub call_sign: Regex,
}

/// Optional article before the mention.
const THE: &str = r"(?:(?i:the|a|an)\s+)?";
/// Optional time phrase between subject and verb ("on Monday", "earlier this week").
const WHEN: &str = r"(?:(?:has|had|have|also|first|previously|earlier|initially|exclusively|separately|recently|originally|later|subsequently|then|now|just|on\s+\w+|last\s+\w+|this\s+\w+|late\s+\w+|early\s+\w+|earlier\s+this\s+\w+|\w+day)\s+){0,3}";
/// An optional parenthetical or appositive between subject and verb.
const ASIDE: &str = r"(?:\s*,[^,.;:]{1,80},|\s+(?:newspaper|paper|tabloid|magazine|weekly|network|broadcaster|channel|station|website|site|outlet|agency|news\s+agency|wire\s+service|publication|editorial\s+board|and\s+(?:the\s+)?(?-i:\p{Lu})[\p{L}.'’&-]*(?:\s+(?-i:\p{Lu})[\p{L}.'’&-]*){0,3}))?";
/// Speech verbs that people use as much as outlets.
const SPEECH: &str = r"said|says|say|wrote|writes|write|noted|notes|note|added|adds|stated|states|claimed|claims|argued|argues|observed|observes|concluded|concludes|explained|explains|described|describes|called|calls|characterized|characterizes|suggested|suggests|asserted|asserts|declared|declares|editorialized|editorializes|opined|opines|warned|warns|pointed\s+out|points\s+out|asked|asks|insisted|insists|acknowledged|acknowledges|contends|contended|alleged|alleges|summarized|put\s+it|predicted|predicts|recounted|recounts|detailed|details|highlighted|highlights|emphasized|emphasizes|stressed|stresses|tweeted|tweets";
/// Verbs of reporting that only outlets (or journalists) take.
const REPORTING: &str = r"reported|reports|revealed|reveals|obtained|obtains|published|publishes|learned|has\s+learned|confirmed|confirms|broke|breaks|uncovered|found|finds|discovered|projected|projects|estimated|estimates|tallied|counted|calculated|analyzed|analysed|surveyed|polled|cited|cites|quoted|quotes|citing|quoting|broadcast|aired|airs|ran|posted|headlined|editorialized|exposed|identified";
/// Words that may stand between an outlet and a journalism noun ("CNN senior political
/// analyst").
const MODIFIERS: &str = r"chief|senior|political|national|white\s+house|congressional|legal|foreign|investigative|veteran|longtime|former|contributing|staff|opinion|online|new|latest|recent|own|exclusive|weekly|daily|morning|evening|special|original|economics|business|medical|justice|campaign|election|news|media|tv|radio|affiliate|local|exit|tracking|international|global|op-ed|editorial|sunday|public|polling|rolling|poll";
/// Nouns that describe an outlet ("the newspaper El País", "the gossip site Gawker").
const DESCRIPTORS: &str = r"affiliate|member\s+station|local\s+station|sister\s+station|newspaper|daily|paper|tabloid|broadsheet|magazine|weekly|network|broadcaster|channel|station|television|tv|radio|outlet|website|site|news\s+agency|agency|wire\s+service|news\s+service|publication|show|program|programme|blog";
/// After a network's name, the words that make it the network of a station named next, by
/// its call sign ("ABC affiliate KTRK", "NPR member station WBUR", "CNN affiliate WUSA-TV").
const AFFILIATE_AFTER: &str =
    r"^\s+(?i:affiliate|member\s+station|affiliate\s+station|sister\s+station)\s+\p{Lu}{3,5}\b";
/// A call sign after an affiliate descriptor: a station the gazetteer may not list.
/// Also a four-letter call sign right after "told", "speaking to" or "interview with"
/// ("speaking to KCUR"), where an acronym of that shape is a station, and one that an
/// apposition calls a station ("WFAA, the ABC affiliate in Dallas,").
const CALL_SIGN: &str = r"\b(?:(?i:affiliate|member\s+station|affiliate\s+station|sister\s+station|local\s+station)\s+([KW][A-Z]{2,3}(?:-(?:TV|FM|AM|DT))?)|(?i:told|speaking\s+to|spoke\s+to|interview\s+with)\s+([KW][A-Z]{3}(?:-(?:TV|FM|AM|DT))?)|([KW][A-Z]{2,3}(?:-(?:TV|FM|AM|DT))?),\s+(?i:the|an?)\s+(?:[\p{L}-]+\s+){0,2}(?i:affiliate|station|member\s+station|broadcaster))\b";
/// A list item's number, letter or roman numeral ("3. ", "b) ", "(iv) ") before a clause.
const ITEM: &str = r"(?:\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]\s+)?";

/// Journalism nouns after an outlet or its possessive ("CNN reporter", "the Times' analysis").
const NEWS_NOUNS: &str = r"reporters?|correspondents?|columnists?|critics?|reviewers?|anchors?|hosts?|editors?|writers?|journalists?|contributors?|analysts?|commentators?|moderators?|pollsters?|bureau\s+chief|fact[- ]check(?:ers?)?|editorial\s+board|reporting|report|reports|analysis|polls?|polling|surveys?|story|stories|article|investigation|review|count|tally|editorial|data|projections?|estimates?|coverage|exclusive|sources?|headline|segment|documentary|podcast|newsletter|livestream|footage|video|exit\s+polls?|tracking\s+poll|investigative\s+team|calculations?|findings|averages?";

/// The lines that credit an outlet for the whole piece rather than for one claim.
#[derive(Debug)]
struct Credits {
    /// A dateline's place and date before "(": "NEW YORK, Dec. 11".
    dateline_prefix: Regex,
    /// What closes a dateline after the outlet: ") —", "):".
    r_dateline: Regex,
    /// Before the outlet on a credit line: "Copyright 2016", "Reporting from", "— ".
    left: Regex,
    /// "Copyright 2016 The …" anywhere near the outlet.
    copyright_left: Regex,
    /// After the outlet on a credit line: "staff writers", "All rights reserved."
    right: Regex,
    /// "… contributed to this report."
    contrib: Regex,
}

impl Credits {
    fn new() -> Result<Self> {
        Ok(Credits {
            dateline_prefix: re(r"^\s*(?:\p{Lu}[\p{L}\p{M}.'’ ,/-]{0,60}?)?(?:\d{1,2})?\s*$")?,
            r_dateline: re(r"^\s*\)\s*(?:[-—–]|:)")?,
            left: re(
                r"(?i)^\W*(?:(?:copyright|©|\(c\))\s*(?:\d{4}\s*)?|(?:material|information|reporting)\s+from\s+|with\s+(?:reporting|additional\s+reporting|material)\s+(?:from|by)\s+|(?:this|the)\s+(?:story|article|report)\s+(?:contains|includes|uses)\s+(?:material|information|reporting)\s+from\s+)?(?:the\s+)?$",
            )?,
            copyright_left: re(r"(?i)(?:copyright|©|\(c\))\s*(?:\d{4}\s*)?(?:the\s+)?$")?,
            contrib: re(
                r"(?i)^\s*(?:(?:(?:writers?|reporters?|staff\s+writers?|correspondents?|photographers?)\s+[^.;:]{0,120}?\s)?(?:also\s+)?(?:contributed|contributing)\b[^.;]{0,80}|was\s+used\s+in\s+this\s+(?:report|story|article))\s*\.?\s*$",
            )?,
            right: re(
                r"(?i)^(?:\s*(?:writers?|staff(?:\s+writers?)?|reporters?|correspondents?|wire|news\s+service))?\s*(?:[.,;]\s*)?(?:all\s+rights\s+reserved\.?)?\s*$",
            )?,
        })
    }
}

/// Verbs of a writer's piece: "writes", "argues", and the verbs a round-up uses for what a
/// piece says ("notes", "points out", "concludes"); "says" stays a journalist speaking.
const WRITING: &str = r"writes|wrote|argues|argued|contends|contended|notes|noted|observes|observed|points\s+out|pointed\s+out|concludes|concluded|makes\s+the\s+case|made\s+the\s+case";

/// The forms that name an outlet's writer in a piece it publishes.
#[derive(Debug)]
struct Writers {
    /// A writing verb right after the outlet ("of the Financial Times writes").
    r_writes: Regex,
    /// "Odile Marchetti in Le Monde": a writer and the outlet that prints them.
    l_name_in: Regex,
    /// "… in Die Zeit writes", "… in Die Zeit:" or "… in Die Zeit, on the coalition's
    /// troubles:".
    r_writes_or_colon: Regex,
    /// "Washington Post columnist Desmond Ilori argues …".
    r_job_writer: Regex,
    /// "The Verge’s Sunniva Halvorsen-Ito … writes that …", "Variety's chief critic, X,
    /// writes": the outlet's own writer.
    r_possessive_writer: Regex,
}

impl Writers {
    fn new() -> Result<Self> {
        Ok(Writers {
            r_writes: re(&format!(r"^\s*,?\s*(?i:{WRITING})\b"))?,
            l_name_in: re(&format!(
                r"(?:^|[^\w])(?-i:\p{{Lu}})[\p{{L}}.'’-]*\s+\p{{Lu}}[\p{{L}}.'’-]*\s+in\s+{THE}$"
            ))?,
            r_writes_or_colon: re(&format!(
                r"^\s*(?::|,\s*(?i:on|about|regarding)\s+[^:.;!?“”\n]{{1,60}}:|,?\s*(?i:{WRITING})\b)",
            ))?,
            r_job_writer: re(&format!(
                r"^(?:['’]s?)?\s+(?i:columnist|writer|critic|commentator|contributor|essayist)\s+(?:\p{{Lu}}[\p{{L}}.'’-]*\s+){{1,3}}(?i:{WRITING})\b",
            ))?,
            r_possessive_writer: re(&format!(
                r"^['’]s?\s+(?:(?:[\p{{Ll}}-]+\s+){{0,2}}(?:critic|columnist|reviewer|correspondent|editor|writer|reporter),?\s+)?(?:\p{{Lu}}[\p{{L}}.'’-]*\s+){{1,3}}(?:[^.!?:;“”\x22]{{0,80}}?\s)?(?i:{WRITING})\b",
            ))?,
        })
    }

    /// "Odile Marchetti in Le Monde: “…”", "Washington Post columnist Desmond Ilori
    /// argues …", "The Verge’s Sunniva Halvorsen-Ito … writes": the outlet publishes the
    /// writer's piece.
    fn publishes(&self, left: &str, right: &str) -> bool {
        self.l_name_in.is_match(left) && self.r_writes_or_colon.is_match(right)
            || self.r_job_writer.is_match(right)
            || self.r_possessive_writer.is_match(right)
    }
}

fn re(p: &str) -> Result<Regex> {
    Regex::new(p).map_err(|e| Error::Config(format!("outlet pattern: {e}")))
}

impl Patterns {
    /// Compiles every pattern once.
    pub(crate) fn new() -> Result<Self> {
        Ok(Patterns {
            // "told our partners at NBC affiliate KOB": a broadcaster's own phrasing.
            l_told: re(&format!(
                r"(?i)\b(?:told|tells|tell|telling)\s+(?:(?:our|its|their)\s+(?:partners|colleagues)\s+(?:at|on)\s+)?{THE}$"
            ))?,
            l_interview: re(&format!(
                r"(?i)\b(?:interviews?|interviewed|sit-down|q&a)\s+(?:with|on|to|by|for)|\bconversations?\s+with\s+{THE}$"
            ))?,
            l_speak: re(&format!(
                r"(?i)\b(?:(?:speaking|spoke|speak|speaks|talking|talked|talk|talks)\s+(?:exclusively\s+|briefly\s+|privately\s+)?(?:(?:on|late\s+on|early\s+on)\s+\w+day\s+|(?:last|on\s+\w+)\s+(?:night|morning|evening)\s+)?(?:to|with)|(?:said|explained|confirmed|admitted|confided|complained|insisted|disclosed|acknowledged|described\s+\w+)\s+to)\s+{THE}$"
            ))?,
            l_statement_to: re(&format!(
                r"(?i)\b(?:(?:statements?|comments?|remarks?|e-?mails?|emailed\s+statement|letter|message|text\s+message)\s+(?:\w+\s+){{0,2}}?to|(?:comments?|remarks?|words)\s+(?:broadcast|aired|carried)\s+(?:by|on))\s+{THE}$"
            ))?,
            l_asked_by: re(&format!(
                r"(?i)\b(?:asked|questioned|pressed|quizzed|interviewed)\s+by\s+{THE}$"
            ))?,
            l_appear: re(&format!(
                r"(?i)\b(?:appear(?:s|ed|ing|ance|ances)?|guest\s+spot)\s+on\s+{THE}$"
            ))?,
            l_event: re(&format!(
                r"(?i)\b(?:during|in|at|on)\s+(?:an?\s+|the\s+|his\s+|her\s+|their\s+|its\s+)?(?:[\w-]+\s+){{0,2}}?(?:appearance|interview|town\s+hall|sit-down|segment|broadcast|debate|forum)\s+(?:on|with|hosted\s+by|sponsored\s+by|moderated\s+by|aired\s+(?:on|by))\s+{THE}$"
            ))?,
            l_told_name_of: re(&format!(
                r"(?i:\b(?:told|interview\s+with|speaking\s+(?:to|with)|spoke\s+(?:to|with)|asked\s+by))\s+(?:(?-i:\p{{Lu}})[\p{{L}}.'’-]*,?\s+){{1,4}}(?i:of|at|from|with)\s+{THE}$"
            ))?,
            l_on_air: re(&format!(
                r"(?i)\b(?:said|says|say|saying|argued|argues|claimed|claims|insisted|insists|declared|added|explained|admitted|acknowledged|conceded|warned|predicted|suggested|stated|joked|vowed|pledged|promised|denied|defended|repeated|dismissed|called|asserted|responded|replied|remarked|noted|speaking|spoke|interviewed|interview|remarks|comments|appeared|appearing|asked|questioned|pressed)\b[^.;:!?“”]{{0,40}}?\bon\s+{THE}$"
            ))?,
            l_on_start: re(&format!(r"(?i)^\W*on\s+{THE}$"))?,
            l_on: re(&format!(r"(?i)\bon\s+{THE}$"))?,
            r_program: re(r#"^(?:['’]s?)?\s+(?:[“"‘']+|'')?\p{Lu}"#)?,
            r_bracket: re(r"^\.?\]")?,
            r_affiliate: re(AFFILIATE_AFTER)?,
            call_sign: re(CALL_SIGN)?,
            l_descriptor: re(&format!(
                r"(?:(?i:\b(?:the|a|an)\s+)(?:[\p{{L}}'’-]+\s+){{0,3}}?(?i:{DESCRIPTORS})\s+|(?:^|\s)(?:(?:\p{{Lu}}[\p{{L}}-]*|(?i:{DESCRIPTORS}))\s+){{0,2}}(?i:{DESCRIPTORS})\s+|(?:^|\s)(?:\p{{Lu}}[\p{{L}}.&-]*\s+){{0,3}}\p{{Lu}}[\p{{L}}.&-]*(?:['’]s|s['’])\s+)$"
            ))?,
            r_interview: re(
                r"(?i)^(?:(?:['’]s?)?\s+(?:[\w-]+\s+){0,2}?|-(?:hosted|sponsored|moderated)\s+(?:[\w-]+\s+){0,2}?)(?:interviews?|town\s+halls?|debates?|sit-downs?|forums?)\b",
            )?,
            l_wrote_in: re(&format!(
                r"(?i)\b(?:wrote|writes|write|writing|written|penned|pens|authored)\b[^.;:!?“”]{{0,50}}?\b(?:in|for|at)\s+{THE}$"
            ))?,
            l_oped: re(&format!(
                r"(?i)\b(?:op-?eds?|columns?|essays?|opinion\s+(?:pieces?|articles?|columns?)|guest\s+(?:columns?|essays?)|commentar(?:y|ies))\b[^.;:!?“”]{{0,40}}?\b(?:in|for|by|on)\s+{THE}$"
            ))?,
            l_orig_credit: re(&format!(
                r"(?i)\b(?:(?:originally|first)\s+(?:appeared|published|ran|posted|printed)\s+(?:in|on|by|at)|(?:appears|republished|reprinted|reproduced)\s+(?:here\s+)?(?:courtesy\s+of|with\s+permission\s+(?:of|from)|from|by\s+arrangement\s+with))\s+{THE}$"
            ))?,
            l_per: re(&format!(
                r"(?i)(?:^|[^\w/])(?:per|via|h/t|ht|hat\s+tip(?:\s+to)?|source|sources|citing|cited\s+by|quoted\s+(?:by|in))\s*:?\s+{THE}$"
            ))?,
            l_according: re(r#"(?i)\baccording\s+to\b[^.,;:!?"“”()]{0,60}?$"#)?,
            l_by: re(&format!(
                r"(?i)\b(?:reported|revealed|obtained|released|published|conducted|commissioned|compiled|broken|uncovered|disclosed|noted|cited|quoted|aired|broadcast|posted|highlighted|documented|detailed|analyzed|analysed|reviewed|shared|leaked|provided|shown|sent|given|seen|viewed|first\s+reported)\s+(?:(?:first|earlier|exclusively|previously|initially|also|originally|recently|late\s+\w+|on\s+\w+|\w+day)\s+)?(?:by|in|on|to)\s+{THE}$"
            ))?,
            l_noun: re(&format!(
                r"(?i)\b(?:reports?|reporting|stor(?:y|ies)|articles?|analys[ie]s|investigations?|reviews?|counts?|tall(?:y|ies)|surveys?|polls?|polling|pieces?|editorials?|exposés?|exposes?|scoops?|accounts?|data|estimates?|projections?|findings|coverage|documents?|footage|videos?|broadcasts?|podcasts?|newsletters?|blogs?|fact[- ]checks?|headlines?|profiles?|series|transcripts?|database|tracker|live\s+blog|averages?)[\x22”’']*\s+(?:[\w-]+\s+){{0,3}}?(?:by|in|from|of|on|at|for|with)\s+{THE}$"
            ))?,
            l_inv_punct: re(&format!(
                r#"(?i)[,;:—–(“"”’'-]\s*(?:(?:as|so)\s+)?(?:{REPORTING}|{SPEECH}|continues?|continued|recalls?|recalled|quips?|quipped)\s+{THE}$"#
            ))?,
            l_inv_start: re(&format!(
                r"(?i)^\W*(?:(?:as|so)\s+)?(?:{REPORTING}|{SPEECH}|continues?|continued|recalls?|recalled)\s+{THE}$"
            ))?,
            r_subj_strong: re(&format!(r#"(?i)^["”]?{ASIDE}\s+{WHEN}(?:{REPORTING})\b"#))?,
            r_subj_weak: re(&format!(r#"(?i)^["”]?{ASIDE}\s+{WHEN}(?:{SPEECH})\b"#))?,
            r_rel_reporting: re(&format!(r"(?i)^\s*,\s*which\s+{WHEN}(?:{REPORTING})\b"))?,
            r_in_which_writes: re(&format!(
                r"^\s*,\s*(?i:in\s+which|where)\s+(?:\p{{Lu}}[\p{{L}}.'’-]*\s+){{1,4}}(?i:{SPEECH}|contends|argues|reports|reported)\b"
            ))?,
            r_oped: re(
                r"(?i)^(?:['’]s?)?\s+(?:op-?eds?|essays?|columns?|opinion\s+(?:pieces?|articles?|columns?)|guest\s+(?:columns?|essays?))\b",
            )?,
            l_job_of: re(&format!(
                r"(?i)\b(?:{NEWS_NOUNS}|producers?|staffers?|staff|chief|executives?|president|publisher|owner|critic|cartoonist|photographer|blogger|reviewer|spokes(?:man|woman|person))\s*,?\s+(?:of|at|for|from|with|to)\s+{THE}$"
            ))?,
            l_former: re(
                r"(?i)\b(?:former|ex-|onetime|one-time|retired|erstwhile)\s*(?:[\w-]+\s+){0,2}[\w-]+\s*,?\s+(?:of|at|for|from|with|to)\s+(?:the\s+)?$",
            )?,
            l_name_of: re(&format!(
                r"(?:^|[^\w])(?-i:\p{{Lu}})[\p{{L}}.'’-]*\s*,?\s+(?:of|at|from)\s+{THE}$"
            ))?,
            writers: Writers::new()?,
            r_poss_name: re(r"^['’]s?\s+(?:\p{Lu}[\p{L}'’.-]*\s+)*\p{Lu}[\p{L}'’.-]+")?,
            r_poss_writer: re(&format!(
                r"^['’]s?\s+(?:\p{{Lu}}[\p{{L}}'’.-]*\s+){{1,3}}(?i:{WRITING}|reports|reported)\b",
            ))?,
            r_poss_noun: re(&format!(
                r"(?i)^['’]s?\s+(?:[\w-]+\s+){{0,2}}?(?:{NEWS_NOUNS})\b"
            ))?,
            r_mod: re(&format!(
                r"^(?:[-/][\p{{L}}\p{{N}}&.' ]{{1,40}}?)?\s+(?:(?:\p{{Lu}}[\p{{L}}.'’-]*|(?i:{MODIFIERS}))\s+){{0,3}}?(?i:{NEWS_NOUNS})\b"
            ))?,
            r_quoting: re(r"(?i)^\s*,?\s*(?:quoting|citing)\b")?,
            l_at_start: re(&format!(
                r"(?i)^\W*{ITEM}(?:[\p{{L}}' ]{{1,30}}:\s*)?(?:(?:and|but|also|meanwhile|elsewhere),?\s+)?(?:(?:over\s+)?at|in|on)\s+{THE}$"
            ))?,
            l_on_label: re(&format!(
                r"(?i)^\W*{ITEM}(?:[\p{{L}}' ]{{1,30}}:\s*)?on\s+{THE}$"
            ))?,
            r_at_writes: re(&format!(
                r"^\s*,\s*(?:\p{{Ll}}+\s+)?(?:\p{{Lu}}[\p{{L}}.'’-]*\s+){{0,4}}\p{{Lu}}[\p{{L}}.'’-]*\s+(?i:{SPEECH}|{REPORTING}|{WRITING})\b"
            ))?,
            credits: Credits::new()?,
            signature: re(
                r"\((?:[^()\n]{0,300}?;\s*)?(?:Additional\s+)?[Rr]eporting\s+by\s[^()\n]{1,300}?(?:[Ee]diting|[Ww]riting)\s+by\s[^()\n]{1,200}\)",
            )?,
        })
    }

    /// Reads the role of the mention at `site`, for an outlet of type `kind`.
    pub(crate) fn classify(&self, site: &Site<'_>, kind: OutletType) -> Role {
        if let Some(credit) = self.credit(site, kind) {
            return credit;
        }
        let text = site.text;
        let (s, e) = (site.span.start, site.span.end);
        if self
            .r_affiliate
            .is_match(&text[e..ceil_char(text, (e + WINDOW).min(text.len()))])
        {
            return Role::NONE;
        }
        let lstart = floor_char(text, s.saturating_sub(WINDOW).max(site.clause.start));
        let truncated = lstart > site.clause.start;
        let raw_left = &text[lstart..s];
        // Opening quotation marks of a programme title, then a descriptor ("told the
        // Spanish newspaper El País", "told Britain's ITV").
        let mut left = raw_left.trim_end_matches(['“', '"', '‘', '\'']);
        if let Some(m) = self.l_descriptor.find(left) {
            let ws = m.as_str().len() - m.as_str().trim_start().len();
            left = &left[..m.start() + ws];
        }
        let rend = ceil_char(text, (e + WINDOW).min(site.clause.end.max(e)));
        let right = &text[e..rend];
        use OutletRelation::*;
        use Strength::*;

        // Said to the outlet.
        if self.l_told.is_match(left)
            || self.l_interview.is_match(left)
            || self.l_speak.is_match(left)
            || self.l_statement_to.is_match(left)
            || self.l_asked_by.is_match(left)
            || self.l_appear.is_match(left)
            || self.l_event.is_match(left)
            || self.l_told_name_of.is_match(left)
            || self.r_interview.is_match(right)
        {
            return Role::of(Interviewer, Strong);
        }
        if kind == OutletType::Broadcaster
            && (self.l_on_air.is_match(left)
                || (!truncated && self.l_on_start.is_match(left))
                || (self.l_on.is_match(left) && self.r_program.is_match(right)))
        {
            return Role::of(Interviewer, Strong);
        }
        // Published the speaker's own piece.
        if self.l_wrote_in.is_match(left)
            || self.l_oped.is_match(left)
            || self.r_oped.is_match(right)
            || self.r_in_which_writes.is_match(right)
        {
            return Role::of(Publisher, Strong);
        }
        // Reported the claim.
        if self.l_per.is_match(left) || self.l_according.is_match(left) {
            return Role::of(Source, Strong).claimant();
        }
        if self.l_by.is_match(left) || self.l_noun.is_match(left) {
            return Role::of(Source, Strong);
        }
        if self.l_inv_punct.is_match(left) || (!truncated && self.l_inv_start.is_match(left)) {
            return Role::of(Source, Strong).claimant();
        }
        if let Some(role) = self.journalist(left, right, truncated) {
            return role;
        }
        if self.r_subj_strong.is_match(right) || self.r_rel_reporting.is_match(right) {
            return Role::of(Source, Strong).claimant();
        }
        if self.r_subj_weak.is_match(right) {
            return Role::of(Source, Weak).claimant();
        }
        // Before the news-noun rule: "The Post's Dana Kerr reports" names a writer, and
        // "reports" is also a news noun.
        if self.r_poss_writer.is_match(right) {
            return Role::of(Publisher, Strong);
        }
        if self.r_poss_noun.is_match(right)
            || self.r_mod.is_match(right)
            || self.r_quoting.is_match(right)
        {
            return Role::of(Source, Strong);
        }
        // "CNN's Jake Tapper": also "Bloomberg's New York", so weak.
        if self.r_poss_name.is_match(right) {
            return Role::of(Source, Weak);
        }
        // A bracketed credit after an item: "... roots. [Reuters.]"
        if raw_left.ends_with('[') && self.r_bracket.is_match(right) {
            return Role::of(Source, Strong);
        }
        Role::NONE
    }

    /// The role of an outlet named with one of its journalists or writers, from the text
    /// `left` and `right` of it (`truncated`: `left` does not reach its clause's start).
    fn journalist(&self, left: &str, right: &str, truncated: bool) -> Option<Role> {
        use OutletRelation::*;
        use Strength::*;
        // "At the BBC, Tom Ashby writes …" (also after a topic label, "Hard to assess: At
        // …", or "Over at Wired, …"): the outlet publishes the writer's piece. "On NPR,
        // historian Joan Beale says …": a guest on a programme, interviewed. Before the
        // name-of rule, which would read "Over" as a name.
        if !truncated && self.l_at_start.is_match(left) && self.r_at_writes.is_match(right) {
            let on_air = self.l_on_label.is_match(left);
            return Some(Role::of(
                if on_air { Interviewer } else { Publisher },
                Strong,
            ));
        }
        // "Jane Doe of NPR said": the journalist speaks, through the outlet; "Sofia Lam of
        // the Financial Times writes that …": a piece the outlet publishes.
        if self.l_job_of.is_match(left) || self.l_name_of.is_match(left) {
            if self.l_former.is_match(left) {
                return Some(Role::NONE);
            }
            let writes = self.writers.r_writes.is_match(right);
            return Some(Role::of(if writes { Publisher } else { Source }, Strong));
        }
        self.writers
            .publishes(left, right)
            .then(|| Role::of(Publisher, Strong))
    }

    /// Datelines, bylines, credit and copyright lines.
    fn credit(&self, site: &Site<'_>, kind: OutletType) -> Option<Role> {
        let text = site.text;
        let (s, e) = (site.span.start, site.span.end);
        let relation = if kind == OutletType::Wire {
            OutletRelation::Wire
        } else {
            OutletRelation::Publisher
        };
        let role = Role {
            relation: Some(relation),
            strength: Strength::Strong,
            credit: true,
            claimant: false,
        };
        // Dateline: "WASHINGTON (AP) —", "(Reuters) -", "NEW YORK, Dec. 11 (UPI) —".
        let before = text[site.line_start..s].trim_end();
        if let Some(prefix) = before.strip_suffix('(') {
            let after_line = &text[e..ceil_char(text, (e + 16).min(text.len()))];
            if self.credits.r_dateline.is_match(after_line) && self.dateline_ok(prefix) {
                return Some(role);
            }
            // A wire's dateline with no dash, as Indian agencies set it: "Ranipur, Jan 12
            // (PTI) Two workers …".
            let bare = after_line.starts_with(") ")
                && after_line[2..].starts_with(char::is_uppercase)
                && kind == OutletType::Wire
                && self.credits.dateline_prefix.is_match(prefix)
                && prefix.chars().any(|c| c.is_ascii_digit());
            if bare {
                return Some(role);
            }
        }
        // Copyright anywhere ("Copyright 2016 The Associated Press"), and "This article
        // originally appeared in X".
        let near = &text[floor_char(text, s.saturating_sub(WINDOW).max(site.clause.start))..s];
        if self.credits.copyright_left.is_match(near) || self.l_orig_credit.is_match(near) {
            return Some(role);
        }
        let line = site.line?;
        let left = &text[line.start..s];
        let right = &text[e..line.end];
        // Byline: "By Jane Doe, Reuters", "By JANE DOE | AP", "By The Associated Press".
        let trimmed = left.trim_start();
        if (trimmed.starts_with("By ") || trimmed.starts_with("BY ")) && byline_words(&text[line]) {
            return Some(role);
        }
        // Credit line: "Associated Press", "— Reuters", "The Associated Press contributed to
        // this report.", "Copyright 2016 Reuters. All rights reserved."
        if self.credits.left.is_match(left)
            && ((site.edge && self.credits.right.is_match(right))
                || self.credits.contrib.is_match(right))
        {
            return Some(role);
        }
        None
    }

    /// The text between the line start and "(" of a dateline: a place and maybe a date,
    /// possibly after a headline that ends a sentence on the same line.
    fn dateline_ok(&self, prefix: &str) -> bool {
        if prefix.len() > 120 {
            return false;
        }
        if self.credits.dateline_prefix.is_match(prefix) {
            return true;
        }
        // After a sentence end on the same line ("... votes. WASHINGTON (AP) —").
        let cut = prefix
            .char_indices()
            .filter(|&(i, c)| {
                matches!(c, '.' | '!' | '?' | '”' | '"')
                    && prefix[i + c.len_utf8()..].starts_with(' ')
            })
            .map(|(i, c)| i + c.len_utf8())
            .next_back();
        cut.is_some_and(|i| {
            let rest = &prefix[i..];
            rest.split_whitespace().count() <= 6 && self.credits.dateline_prefix.is_match(rest)
        })
    }
}

/// A byline has only names and joining words: no lower-case word but a few particles.
fn byline_words(line: &str) -> bool {
    if line.len() > CREDIT_LINE_MAX {
        return false;
    }
    const SMALL: &[&str] = &[
        "and",
        "of",
        "the",
        "for",
        "de",
        "da",
        "van",
        "von",
        "der",
        "del",
        "la",
        "le",
        "bin",
        "al",
        "in",
        "at",
        "with",
        "staff",
        "writer",
        "writers",
        "reporter",
        "correspondent",
    ];
    line.split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '/' | '—' | '–'))
        .filter(|w| !w.is_empty())
        .all(|w| {
            let first = w.chars().next().unwrap_or(' ');
            !first.is_lowercase() || SMALL.contains(&w.trim_matches(|c: char| !c.is_alphabetic()))
        })
}

/// The largest char boundary at or below `i`.
pub(crate) fn floor_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary at or above `i`.
pub(crate) fn ceil_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}
