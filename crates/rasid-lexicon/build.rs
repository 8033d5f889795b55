//! Embeds every file of the shipped `lexicons/` directory into the crate (see
//! `src/embedded.rs`), so the binary works with no files around it.
use std::{env, fs, path::Path};

fn main() {
    // read when the script runs, not baked in when it is compiled (a target directory
    // copied to another checkout must embed that checkout's lexicons)
    let manifest = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest).join("../../lexicons");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    for dir in [root.clone(), root.join("cameo")] {
        let Ok(rd) = fs::read_dir(&dir) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            if p.is_file()
                && (name.ends_with(".tsv") || name.ends_with(".jsonl") || name.ends_with(".txt"))
            {
                println!("cargo:rerun-if-changed={}", p.display());
                let rel = p
                    .strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                files.push((rel, p.canonicalize().unwrap()));
            }
        }
    }
    files.sort();
    let mut out = String::from("/// Shipped lexicon files: (path relative to `lexicons/`, contents).\npub static EMBEDDED: &[(&str, &str)] = &[\n");
    for (rel, abs) in files {
        out.push_str(&format!(
            "    ({rel:?}, include_str!({:?})),\n",
            abs.display().to_string()
        ));
    }
    out.push_str("];\n");
    fs::write(
        Path::new(&env::var("OUT_DIR").unwrap()).join("embedded.rs"),
        out,
    )
    .unwrap();
}
