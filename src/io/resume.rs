//! Resuming a run: find which records an interrupted run already wrote, and reopen its output.
//!
//! A JSON Lines output is only ever appended whole records (see [`super::runner`]), so the
//! records before the first incomplete line are done; [`Done::scan`] cuts that line off.

use crate::error::{Error, Result};
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
    /// A missing file means nothing is done yet.
    pub fn scan(path: &Path) -> Result<Self> {
        let mut done = Done::default();
        let file = match OpenOptions::new().read(true).write(true).open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(done),
            Err(e) => return Err(Error::io(path, e)),
        };
        let mut reader = BufReader::new(&file);
        let mut line = Vec::new();
        let mut good_end = 0u64;
        loop {
            line.clear();
            let n = reader
                .read_until(b'\n', &mut line)
                .map_err(|e| Error::io(path, e))?;
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
        let len = file.metadata().map_err(|e| Error::io(path, e))?.len();
        if good_end < len {
            file.set_len(good_end).map_err(|e| Error::io(path, e))?;
        }
        Ok(done)
    }

    /// True when no record is done.
    pub fn is_empty(&self) -> bool {
        self.records == 0
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

/// Opens a JSON Lines output file: appended to when `resume` (after [`Done::scan`]), else
/// created or truncated.
pub fn open_output(path: &Path, resume: bool) -> Result<std::fs::File> {
    let mut o = OpenOptions::new();
    if resume {
        o.append(true).create(true);
    } else {
        o.write(true).create(true).truncate(true);
    }
    o.open(path).map_err(|e| Error::io(path, e))
}

fn hash(id: &str) -> u64 {
    let mut h = DefaultHasher::new();
    id.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scan_counts_whole_lines_and_cuts_a_half_written_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.jsonl");
        std::fs::write(
            &path,
            "{\"id\":\"a\"}\n{\"id\":\"a\"}\n{\"id\":\"b\"}\n{\"id\":\"c\",\"qu",
        )
        .unwrap();
        let mut done = Done::scan(&path).unwrap();
        assert_eq!(done.records, 3);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "{\"id\":\"a\"}\n{\"id\":\"a\"}\n{\"id\":\"b\"}\n"
        );
        // A repeated id counts once per record.
        assert!(done.take("a") && done.take("a") && !done.take("a"));
        assert!(done.take("b") && !done.take("c"));
    }

    #[test]
    fn scan_of_a_missing_file_finds_nothing_done() {
        let dir = tempfile::tempdir().unwrap();
        assert!(
            Done::scan(&dir.path().join("none.jsonl"))
                .unwrap()
                .is_empty()
        );
    }
}
