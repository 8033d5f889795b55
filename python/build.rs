//! Compiles the shipped lexicons into `$OUT_DIR/lexicon.bin`, as the CLI's build script
//! does (`crates/rasid/build.rs`): the module loads that compiled form in milliseconds
//! instead of parsing the lexicon sources on import.

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
