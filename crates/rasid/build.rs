//! Compiles the shipped lexicons (embedded in `rasid-lexicon`) once, at build time, into
//! `$OUT_DIR/lexicon.bin` (see `Lexicon::to_bytes`): the binary loads that compiled form
//! in a few milliseconds instead of parsing and compiling the sources on every start.
//! Cargo reruns this script whenever `rasid-lexicon` (and so any shipped lexicon file)
//! changes.

fn main() {
    let lex =
        rasid_lexicon::Lexicon::build(&rasid_lexicon::Sources::embedded()).unwrap_or_else(|errs| {
            for e in &errs {
                eprintln!("{e}");
            }
            panic!("the shipped lexicons have {} error(s)", errs.len());
        });
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("lexicon.bin"), lex.to_bytes()).expect("write lexicon.bin");
    println!("cargo:rerun-if-changed=build.rs");
}
