//! Puts the transformer model next to the Python package (`quotesmith/models/transformer`),
//! so that the wheel carries it and an installed package never reads the tree it was built
//! from. The copies are ignored by git; `models/transformer` stays the one committed copy.

use std::path::Path;

const FILES: [&str; 3] = ["config.json", "model.safetensors", "tokenizer.json"];

fn main() {
    let from = Path::new("../models/transformer");
    let to = Path::new("quotesmith/models/transformer");
    std::fs::create_dir_all(to).expect("create quotesmith/models/transformer");
    for name in FILES {
        let (src, dst) = (from.join(name), to.join(name));
        println!("cargo:rerun-if-changed={}", src.display());
        // Also when the copy goes missing (a clean of the package folder).
        println!("cargo:rerun-if-changed={}", dst.display());
        let same = match (std::fs::metadata(&src), std::fs::metadata(&dst)) {
            (Ok(a), Ok(b)) => {
                a.len() == b.len() && std::fs::read(&src).ok() == std::fs::read(&dst).ok()
            }
            _ => false,
        };
        if same {
            continue;
        }
        let _ = std::fs::remove_file(&dst);
        // A hard link costs no space; a copy where the link is refused (another file system).
        if std::fs::hard_link(&src, &dst).is_err() {
            std::fs::copy(&src, &dst)
                .unwrap_or_else(|e| panic!("copy {} to {}: {e}", src.display(), dst.display()));
        }
    }
}
