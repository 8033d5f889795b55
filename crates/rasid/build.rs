//! Compiles the shipped lexicons (embedded in `rasid-lexicon`) once, at build time, into
//! `$OUT_DIR/lexicon.bin` (see `Lexicon::to_bytes`): the binary loads that compiled form
//! in a few milliseconds instead of parsing and compiling the sources on every start.
//! Cargo reruns this script whenever `rasid-lexicon` (and so any shipped lexicon file)
//! changes.

fn main() {
    rasid_lexicon::compile_embedded_for_build();
    println!("cargo:rerun-if-changed=build.rs");
}
