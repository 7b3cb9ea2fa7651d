//! Where the tests find the third-party data: `../shared/data` beside the repository, never
//! copied into it. A test whose data is absent skips with a message.

use std::path::PathBuf;

/// `../shared/data/<rel>`, or `None` with a skip message when it does not exist.
pub fn path(rel: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data")
        .join(rel);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipping: ../shared/data/{rel} not found");
        None
    }
}
