//! Expanding ingest arguments: directories (recursively, sorted, hidden entries
//! skipped), glob patterns (`*`, `?`, `[…]`, `**`) and plain files; `-` is standard input.

use crate::error::{Result, StoreError};
use std::path::Path;

/// The input files named by `args`, in order. A pattern that matches nothing and a path
/// that does not exist are kept as they are, so that reading reports them as failures.
///
/// # Errors
/// [`StoreError::Argument`] for a malformed glob pattern.
pub fn expand(args: &[String]) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for a in args {
        if a == "-" {
            out.push(a.clone());
            continue;
        }
        let p = Path::new(a);
        if p.is_dir() {
            walk(p, &mut out);
        } else if !p.exists() && a.contains(['*', '?', '[']) {
            let mut matched: Vec<String> = glob::glob(a)
                .map_err(|e| StoreError::Argument(format!("{a}: {e}")))?
                .filter_map(|r| r.ok())
                .filter(|p| p.is_file())
                .map(|p| p.to_string_lossy().into_owned())
                .collect();
            matched.sort();
            if matched.is_empty() {
                out.push(a.clone());
            }
            out.extend(matched);
        } else {
            out.push(a.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<String>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        out.push(dir.to_string_lossy().into_owned());
        return;
    };
    let mut entries: Vec<_> = rd
        .filter_map(|e| e.ok())
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p.to_string_lossy().into_owned());
        }
    }
}
