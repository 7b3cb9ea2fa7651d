//! `--resume`: find which records an interrupted run already wrote.

use anyhow::Context;
use std::collections::HashMap;
use std::fs::OpenOptions;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{BufRead, BufReader};
use std::path::Path;

/// Ids already written, as a multiset (an id repeated in the input is written once per record).
///
/// Ids are kept as 64-bit hashes so that resuming a run over millions of records stays small.
#[derive(Debug, Default)]
pub struct Done {
    counts: HashMap<u64, u32>,
    /// Records found in the output file.
    pub records: u64,
}

impl Done {
    /// Reads the output file, truncates a half-written last line, and collects the ids.
    pub fn scan(path: &Path) -> anyhow::Result<Self> {
        let mut done = Done::default();
        let file = match OpenOptions::new().read(true).write(true).open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(done),
            Err(e) => return Err(e).with_context(|| format!("cannot open {}", path.display())),
        };
        let mut reader = BufReader::new(&file);
        let mut line = Vec::new();
        let mut good_end = 0u64;
        loop {
            line.clear();
            let n = reader
                .read_until(b'\n', &mut line)
                .with_context(|| format!("cannot read {}", path.display()))?;
            if n == 0 || line.last() != Some(&b'\n') {
                break;
            }
            #[derive(serde::Deserialize)]
            struct IdOnly {
                id: String,
            }
            match serde_json::from_slice::<IdOnly>(&line) {
                Ok(rec) => {
                    *done.counts.entry(hash(&rec.id)).or_default() += 1;
                    done.records += 1;
                    good_end += n as u64;
                }
                Err(_) => break,
            }
        }
        if good_end < file.metadata()?.len() {
            file.set_len(good_end)
                .with_context(|| format!("cannot truncate {}", path.display()))?;
        }
        Ok(done)
    }

    /// The ids a table's part folder lists as finished (see `TableOutput::resume`).
    pub fn from_ids(ids: impl IntoIterator<Item = String>) -> Self {
        let mut done = Done::default();
        for id in ids {
            *done.counts.entry(hash(&id)).or_default() += 1;
            done.records += 1;
        }
        done
    }

    /// True (and forgets one occurrence) when a record with this id was already written.
    pub fn take(&mut self, id: &str) -> bool {
        if self.counts.is_empty() {
            return false;
        }
        let h = hash(id);
        match self.counts.get_mut(&h) {
            Some(c) => {
                *c -= 1;
                if *c == 0 {
                    self.counts.remove(&h);
                }
                true
            }
            None => false,
        }
    }
}

fn hash(id: &str) -> u64 {
    let mut h = DefaultHasher::new();
    id.hash(&mut h);
    h.finish()
}
