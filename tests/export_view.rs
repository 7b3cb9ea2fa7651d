//! `quotesmith view`: every quote of the output is on the page once, `--ids` and `--limit`
//! keep a page small, article text is escaped, and annotations that do not belong to the
//! input are refused.
#![cfg(feature = "export")]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn quotesmith(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_quotesmith"))
        .args(args)
        .output()
        .expect("run quotesmith")
}

fn ok(out: Output) -> Output {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The distinct `data-quote-id` values of a page.
fn quote_ids(html: &str) -> BTreeSet<String> {
    html.split("data-quote-id=\"")
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_string())
        .collect()
}

fn expected_ids(jsonl: &Path, keep: impl Fn(&str) -> bool) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for line in std::fs::read_to_string(jsonl).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let id = v["id"].as_str().unwrap();
        if keep(id) {
            for i in 0..v["quotes"].as_array().unwrap().len() {
                ids.insert(format!("{id}:{i}"));
            }
        }
    }
    ids
}

#[test]
fn view_pages() {
    let tmp = tempfile::tempdir().unwrap();
    let input: PathBuf = tmp.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples/articles");
    for e in std::fs::read_dir(&samples).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, input.join(p.file_name().unwrap())).unwrap();
    }
    std::fs::write(
        input.join("zz.txt"),
        "<script>alert(1)</script> \u{201c}Keep the <b>tags</b> as text,\u{201d} editor Lena Park said.\n",
    )
    .unwrap();
    let jsonl = tmp.path().join("out.jsonl");
    ok(quotesmith(&[
        "extract",
        "--no-progress",
        s(&input),
        "-o",
        s(&jsonl),
    ]));

    let all = tmp.path().join("all.html");
    ok(quotesmith(&[
        "view",
        s(&jsonl),
        "--input",
        s(&input),
        "-o",
        s(&all),
    ]));
    let html = std::fs::read_to_string(&all).unwrap();
    assert_eq!(quote_ids(&html), expected_ids(&jsonl, |_| true));
    // Escaped, whichever mark the quote's extent puts around it (the opening `<` may fall
    // outside the quote's mark, so the two halves are checked apart).
    assert!(html.contains("&lt;") && html.contains("script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("<script>alert"));
    assert_eq!(
        html.matches("<script").count(),
        1,
        "only the page's own script"
    );
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "nothing from the network"
    );

    let some = tmp.path().join("some.html");
    ok(quotesmith(&[
        "view",
        s(&jsonl),
        "--input",
        s(&input),
        "-o",
        s(&some),
        "--ids",
        "bridge-vote.txt,zz.txt",
    ]));
    let html = std::fs::read_to_string(&some).unwrap();
    assert_eq!(
        quote_ids(&html),
        expected_ids(&jsonl, |id| id == "bridge-vote.txt" || id == "zz.txt")
    );

    let one = tmp.path().join("one.html");
    ok(quotesmith(&[
        "view",
        s(&jsonl),
        "--input",
        s(&input),
        "-o",
        s(&one),
        "--limit",
        "1",
    ]));
    let html = std::fs::read_to_string(&one).unwrap();
    assert_eq!(html.matches("<article ").count(), 1);

    // Annotations of other articles: refused, naming the first id that differs.
    let other = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples/dump.jsonl");
    let out = quotesmith(&[
        "view",
        s(&jsonl),
        "--input",
        s(&other),
        "-o",
        s(&tmp.path().join("x.html")),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("same order"));
}
