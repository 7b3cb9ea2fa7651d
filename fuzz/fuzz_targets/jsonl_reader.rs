//! Fuzzes the input reader (JSON Lines, text sniffing, gzip/zstd detection) on arbitrary bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quotesmith::io::reader::{ReaderOptions, RecordReader};

fuzz_target!(|data: &[u8]| {
    let opts = ReaderOptions {
        text_field: "a.b".into(),
        ..ReaderOptions::default()
    };
    for o in [ReaderOptions::default(), opts] {
        if let Ok(r) = RecordReader::from_reader("fuzz", std::io::Cursor::new(data.to_vec()), o) {
            for rec in r.take(10_000) {
                let _ = rec.result.map(|d| d.text.len());
            }
        }
    }
});
