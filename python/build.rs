//! Compiles the shipped lexicons into `$OUT_DIR/lexicon.bin`, as the CLI's build script
//! does (`crates/rasid/build.rs`): the module loads that compiled form in milliseconds
//! instead of parsing the lexicon sources on import.

fn main() {
    rasid_lexicon::compile_embedded_for_build();
    println!("cargo:rerun-if-changed=build.rs");
}
