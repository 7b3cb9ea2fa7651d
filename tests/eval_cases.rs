//! The team's own development set (`tests/cases/`, issue 16): the case files are well formed
//! and cover what the issue asks for, and the fast pipeline's scores on them do not fall below
//! the figures measured when the set was written. The issue's targets (95% recall with the
//! right speaker and outlet, 95% precision, no scare quote or title taken) are for later; raise
//! the floors below as the rules improve (`quotesmith eval cases` prints the figures).

use quotesmith::eval::cases::{self, Case, Report, Split};
use quotesmith::{Config, Document, Pipeline};
use std::collections::BTreeMap;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases");

/// The categories of issue 16, item 7, each with at least 20 cases.
const CATEGORIES: &[&str] = &[
    "aggregator",
    "marks",
    "outlets",
    "scare-titles",
    "speakers",
    "unattributed",
    "wrapped",
];

/// The mark styles of `marks.jsonl`, each with at least 4 cases.
const STYLES: &[&str] = &[
    "curly",
    "straight",
    "single-curly",
    "single-straight",
    "latex",
    "ptb-single",
    "guillemets",
    "single-guillemets",
    "nested-same",
    "nested-other",
    "mismatched",
    "dash",
    "consecutive",
    "line-breaks",
    "multi-paragraph",
];

/// The registers the issue names.
const REGISTERS: &[&str] = &[
    "wire",
    "broadsheet",
    "tabloid",
    "blog",
    "press-release",
    "transcript",
    "literary",
];

/// Recall (found with the right speaker and outlet) per split and category, fast pipeline,
/// the measured figure less about 0.02, raised as the rules improve (issue 16: mark styles,
/// unattributed quotations, non-speech verbs, wrapped text, outlet credits and aggregator
/// layouts). Categories go down when new cases, written before any rule saw them, are added:
/// session 12 added 143 cases and 4 articles (37 held); held outlets fell to 0.70 with them.
/// Session 13 added 120 more, written blind by helpers that never ran the pipeline (29 held);
/// held aggregator fell to 0.67 with them. Session 14 added 234 more the same way (59 held,
/// in three batches); the session's rules then raised the whole set's dev recall from 0.884
/// to 0.937 and held from 0.811 to 0.833. Session 15 added 144 more the same way (36 held;
/// their own recall before the session's rules: dev 0.829, held 0.778); the session's rules
/// then raised the whole set's dev recall from 0.917 to 0.940 and held from 0.823 to 0.828.
/// Session 16 added 120 more the same way (30 held; their own recall before the session's
/// rules: dev 0.733, held 0.701); dev outlets, speakers and articles and held speakers,
/// articles and outlets came down with them. Session 17's rules (no new cases) raised dev
/// recall from 0.925 to 0.943 and held from 0.813 to 0.822. Session 18 added 370 more in
/// two blind batches (91 held; their own recall on the session's starting pipeline: dev
/// 0.833, held 0.853 for the first, 0.820 / 0.829 for the second); dev aggregator and
/// wrapped came down with them, and the session's rules raised the whole set from 0.912 to
/// 0.936 dev and from 0.827 to 0.847 held. Session 19 added 333 more in four blind batches
/// (their own recall on the session's first pipeline: 0.861, 0.793 and, for the last two
/// together, 0.760); dev speakers, articles, outlets, unattributed and wrapped and held
/// articles, outlets and unattributed came down with them (held scare-titles has two new
/// cases), and the whole set ended at 0.919 dev and 0.848 held.
const RECALL_FLOORS: &[(Split, &str, f64)] = &[
    (Split::Dev, "aggregator", 0.92),
    (Split::Dev, "articles", 0.86),
    (Split::Dev, "marks", 0.95),
    (Split::Dev, "outlets", 0.92),
    (Split::Dev, "scare-titles", 0.85),
    (Split::Dev, "speakers", 0.87),
    (Split::Dev, "unattributed", 0.92),
    (Split::Dev, "wrapped", 0.90),
    (Split::Held, "aggregator", 0.85),
    (Split::Held, "articles", 0.79),
    (Split::Held, "marks", 0.88),
    (Split::Held, "outlets", 0.83),
    (Split::Held, "scare-titles", 0.85),
    (Split::Held, "speakers", 0.78),
    (Split::Held, "unattributed", 0.90),
    (Split::Held, "wrapped", 0.84),
];

/// Per split: (recall, found rate, precision) floors, measured the same way.
const TOTAL_FLOORS: &[(Split, f64, f64, f64)] = &[
    (Split::Dev, 0.90, 0.95, 0.94),
    (Split::Held, 0.83, 0.91, 0.89),
];

/// Per split: how many scare quotes or titles may be taken. None on dev; one on held, in a
/// held article added in session 14 (written blind), a known failure left unread so as not
/// to tune on it (issue 16 asks for none).
const TAKEN_CEILINGS: &[(Split, usize)] = &[(Split::Dev, 0), (Split::Held, 1)];

/// Floating-point slack for ratios that equal their floor.
const EPS: f64 = 1e-9;

fn load() -> Vec<Case> {
    cases::load_dir(DIR).expect("the case files load")
}

#[test]
fn case_files_are_valid() {
    let all = load();
    let problems = cases::validate(&all);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn cases_cover_what_the_issue_asks_for() {
    let all = load();
    assert!(all.len() >= 200, "{} cases", all.len());

    let mut per_category: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for c in &all {
        let e = per_category.entry(c.category.as_str()).or_default();
        e.0 += 1;
        e.1 += usize::from(c.split == Split::Held);
    }
    for cat in CATEGORIES {
        let (n, held) = per_category.get(cat).copied().unwrap_or_default();
        assert!(n >= 20, "{cat}: {n} cases");
        assert!(held > 0 && held < n, "{cat}: {held} of {n} held");
    }

    let articles: Vec<&Case> = all.iter().filter(|c| c.category == "articles").collect();
    let long = articles
        .iter()
        .filter(|c| c.text.split_whitespace().count() >= 600)
        .count();
    assert!(long >= 5, "{long} articles of 600 words or more");
    assert!(articles.iter().any(|c| c.split == Split::Held));

    for style in STYLES {
        let n = all
            .iter()
            .filter(|c| c.style.as_deref() == Some(*style))
            .count();
        assert!(n >= 4, "style {style}: {n} cases");
    }
    for register in REGISTERS {
        assert!(
            all.iter().any(|c| c.register == *register),
            "no {register} case"
        );
    }

    let held = all.iter().filter(|c| c.split == Split::Held).count();
    let share = held as f64 / all.len() as f64;
    assert!((0.22..=0.28).contains(&share), "held share {share:.3}");
}

fn fast_report(all: &[Case]) -> Report {
    let pipeline = Pipeline::new(&Config::default()).expect("pipeline");
    let predicted: Vec<_> = all
        .iter()
        .map(|c| {
            pipeline
                .annotate(&Document::new(c.id.clone(), c.text.clone()))
                .expect("annotate")
                .quotes
        })
        .collect();
    cases::score(all, &predicted)
}

#[test]
fn fast_pipeline_keeps_its_floors() {
    let report = fast_report(&load());
    println!("{report}");
    let mut falls = Vec::new();
    for &(split, category, floor) in RECALL_FLOORS {
        let row = report
            .row(Some(split), Some(category))
            .unwrap_or_else(|| panic!("no row for {split} {category}"));
        if row.recall + EPS < floor {
            falls.push(format!(
                "{split} {category}: recall {:.3} < {floor}",
                row.recall
            ));
        }
    }
    for &(split, recall, found, precision) in TOTAL_FLOORS {
        let row = report.row(Some(split), None).expect("split total");
        for (what, got, floor) in [
            ("recall", row.recall, recall),
            ("found", row.found_rate, found),
            ("precision", row.precision, precision),
        ] {
            if got + EPS < floor {
                falls.push(format!("{split} all: {what} {got:.3} < {floor}"));
            }
        }
        let ceiling = TAKEN_CEILINGS
            .iter()
            .find(|c| c.0 == split)
            .map_or(0, |c| c.1);
        if row.tally.taken > ceiling {
            falls.push(format!(
                "{split} all: {} scare quotes or titles taken (at most {ceiling})",
                row.tally.taken
            ));
        }
    }
    assert!(falls.is_empty(), "{}", falls.join("\n"));
}

#[test]
fn cli_reports_one_split_with_its_errors() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_quotesmith"))
        .args([
            "eval", "cases", "--dir", DIR, "--split", "dev", "--json", "--errors",
        ])
        .output()
        .expect("run quotesmith");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    let rows = value["rows"].as_array().expect("rows");
    assert!(rows.iter().all(|r| r["split"] == "dev"), "only dev rows");
    assert!(
        rows.iter()
            .any(|r| r["category"].is_null() && r["recall"].is_f64())
    );
    let errors = value["errors"].as_array().expect("errors");
    assert!(
        errors
            .iter()
            .all(|e| e["split"] == "dev" && !e["issues"].as_array().expect("issues").is_empty())
    );

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_quotesmith"))
        .args(["eval", "cases", "--dir", DIR, "--split", "held", "--errors"])
        .output()
        .expect("run quotesmith");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("split"), "{text}");
    assert!(text.lines().any(|l| l.starts_with("held  all")));
    assert!(
        !text.lines().any(|l| l.starts_with("dev ")),
        "held only: {text}"
    );
}
