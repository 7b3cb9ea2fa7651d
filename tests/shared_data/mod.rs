//! Where the tests find the third-party data: `../shared/data` beside the repository, never
//! copied into it. A test whose data is absent skips with a message, unless
//! `QUOTESMITH_REQUIRE_DATA=1` is set (as `.ci/run` does): then it fails, so that a run that
//! lost its data cannot pass on nothing.
#![allow(dead_code)]

use std::path::PathBuf;

/// The variable that turns every skip for missing data into a failure.
pub const REQUIRE_DATA: &str = "QUOTESMITH_REQUIRE_DATA";

/// Whether missing data must fail instead of skip.
pub fn required() -> bool {
    std::env::var(REQUIRE_DATA).is_ok_and(|v| !v.is_empty() && v != "0")
}

/// Reports that `what` is missing: a skip message, or a panic when data is required.
pub fn skip(what: &str) {
    if required() {
        panic!("{what}, and {REQUIRE_DATA} is set: this run needs it");
    }
    eprintln!("skipping: {what}");
}

/// `../shared/<rel>` (beside the repository), whether or not it exists.
pub fn shared(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(rel)
}

/// `../shared/data/<rel>`, or `None` with a skip message when it does not exist.
pub fn path(rel: &str) -> Option<PathBuf> {
    let p = shared("data").join(rel);
    if p.exists() {
        Some(p)
    } else {
        skip(&format!("../shared/data/{rel} not found"));
        None
    }
}
