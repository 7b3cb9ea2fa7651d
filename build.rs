//! With the `rust-bert` feature, records libtorch's folder as an rpath of every binary, test
//! and bench, so that they run without `LD_LIBRARY_PATH` and never pick up another libtorch
//! (such as a system one) at run time.

fn main() {
    println!("cargo:rerun-if-env-changed=LIBTORCH");
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var_os("CARGO_FEATURE_RUST_BERT").is_none() {
        return;
    }
    // torch-sys itself fails with a clear message when LIBTORCH is unset, so only set the
    // rpath when it is there.
    if let Some(root) = std::env::var_os("LIBTORCH") {
        let lib = std::path::Path::new(&root).join("lib");
        println!("cargo:rustc-link-arg=-Wl,-rpath,{}", lib.display());
    }
}
