//! Expanding ingest arguments: directories (recursively, sorted, hidden entries
//! skipped), glob patterns (`*`, `?`, `[…]`, `**`) and plain files; `-` is standard input.
//!
//! The walk never opens anything to decide what it is (file types come from the
//! directory entry or `stat`), so that a FIFO or a device in a folder cannot block it:
//!
//! - symbolic links to files are followed (a dangling one is kept, for reading to report);
//! - symbolic links to directories are **not** followed: one may lead out of the tree or
//!   back into it (`ln -s .. up`), which made an endless walk; each is reported
//!   ([`SkipKind::DirectoryLink`]);
//! - a real directory is walked once even if reached twice (a bind mount of an ancestor);
//! - FIFOs, sockets and devices are left unopened and reported ([`SkipKind::NotAFile`]).
//!
//! A path named on the command line is taken as given, whatever its type: naming a FIFO
//! (`<(zcat corpus.gz)`) is asking to read it.

use crate::error::{Result, StoreError};
use std::collections::HashSet;
use std::fs::FileType;
use std::path::{Path, PathBuf};

/// What [`expand`] found: the files to read, in order, and what it left out, with why.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Expansion {
    /// Paths to read (`-` for standard input), in argument order; each directory's files
    /// sorted by name.
    pub files: Vec<String>,
    /// Entries met in directories or glob matches and not read.
    pub skipped: Vec<Skipped>,
}

/// An entry [`expand`] did not return for reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The entry's path.
    pub path: String,
    /// Why it was left out.
    pub kind: SkipKind,
}

/// Why [`expand`] left an entry out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipKind {
    /// A FIFO, socket or device (the name of its type): never opened, since reading one
    /// can block forever or never end. Ingest records it as a failed input.
    NotAFile(&'static str),
    /// A symbolic link to a directory: not followed (it may lead out of the tree or back
    /// into it). A note, not a failure.
    DirectoryLink,
    /// A directory already walked, reached again: walked once. A note, not a failure.
    SeenDirectory,
}

impl SkipKind {
    /// True when the entry is an input that could not be read (a FIFO, socket or
    /// device), false for a directory left out on purpose.
    pub fn is_failure(self) -> bool {
        matches!(self, SkipKind::NotAFile(_))
    }
}

impl std::fmt::Display for SkipKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SkipKind::NotAFile(kind) => write!(f, "{kind}, not a regular file: skipped"),
            SkipKind::DirectoryLink => {
                write!(f, "symbolic link to a directory: not followed")
            }
            SkipKind::SeenDirectory => write!(f, "directory already walked: skipped"),
        }
    }
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.kind)
    }
}

/// The input files named by `args`, in order, and the entries left out (see the
/// [module docs](self)). A pattern that matches nothing and a path that does not exist
/// are kept as they are, so that reading reports them as failures.
///
/// # Errors
/// [`StoreError::Argument`] for a malformed glob pattern.
pub fn expand(args: &[String]) -> Result<Expansion> {
    let mut out = Expansion::default();
    let mut seen = HashSet::new();
    for a in args {
        if a == "-" {
            out.files.push(a.clone());
            continue;
        }
        let p = Path::new(a);
        if p.is_dir() {
            walk(p, &mut seen, &mut out);
        } else if !p.exists() && a.contains(['*', '?', '[']) {
            let mut matched: Vec<PathBuf> = glob::glob(a)
                .map_err(|e| StoreError::Argument(format!("{a}: {e}")))?
                .filter_map(|r| r.ok())
                .collect();
            matched.sort();
            let before = out.files.len();
            for m in matched {
                // (a matched directory is not walked: the pattern names files)
                match std::fs::metadata(&m) {
                    Ok(md) if md.is_dir() => {}
                    Ok(md) => classify(&m, md.file_type(), &mut out),
                    Err(_) => out.files.push(m.to_string_lossy().into_owned()),
                }
            }
            if out.files.len() == before {
                out.files.push(a.clone());
            }
        } else {
            out.files.push(a.clone());
        }
    }
    Ok(out)
}

/// Adds `path` (of type `ty`, symbolic links already resolved) to the files when it is a
/// regular file, else to the skipped entries.
fn classify(path: &Path, ty: FileType, out: &mut Expansion) {
    let path_s = path.to_string_lossy().into_owned();
    match special_kind(ty) {
        None => out.files.push(path_s),
        Some(kind) => out.skipped.push(Skipped {
            path: path_s,
            kind: SkipKind::NotAFile(kind),
        }),
    }
}

/// The name of a file type that is neither a regular file nor a directory, or `None` for
/// a regular file.
fn special_kind(ty: FileType) -> Option<&'static str> {
    if ty.is_file() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ty.is_fifo() {
            return Some("a FIFO");
        }
        if ty.is_socket() {
            return Some("a socket");
        }
        if ty.is_block_device() {
            return Some("a block device");
        }
        if ty.is_char_device() {
            return Some("a character device");
        }
    }
    Some("not a regular file")
}

/// Walks `dir` once (by its canonical path), sorted, without following directory links.
fn walk(dir: &Path, seen: &mut HashSet<PathBuf>, out: &mut Expansion) {
    let real = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if !seen.insert(real) {
        out.skipped.push(Skipped {
            path: dir.to_string_lossy().into_owned(),
            kind: SkipKind::SeenDirectory,
        });
        return;
    }
    let Ok(rd) = std::fs::read_dir(dir) else {
        out.files.push(dir.to_string_lossy().into_owned());
        return;
    };
    let mut entries: Vec<(PathBuf, Option<FileType>)> = rd
        .filter_map(|e| e.ok())
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| (e.path(), e.file_type().ok()))
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (p, ty) in entries {
        // the entry's own type (lstat): a link is not followed to decide
        let ty = match ty.or_else(|| std::fs::symlink_metadata(&p).ok().map(|m| m.file_type())) {
            Some(t) => t,
            None => {
                out.files.push(p.to_string_lossy().into_owned());
                continue;
            }
        };
        if ty.is_dir() {
            walk(&p, seen, out);
        } else if ty.is_symlink() {
            match std::fs::metadata(&p) {
                Ok(m) if m.is_dir() => out.skipped.push(Skipped {
                    path: p.to_string_lossy().into_owned(),
                    kind: SkipKind::DirectoryLink,
                }),
                Ok(m) => classify(&p, m.file_type(), out),
                // dangling: reading reports it
                Err(_) => out.files.push(p.to_string_lossy().into_owned()),
            }
        } else {
            classify(&p, ty, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("rasid-paths-{name}-{}", std::process::id()));
        std::fs::remove_dir_all(&d).ok();
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_and_fifo_in_a_folder() {
        // issue 16: `ln -s .. x/up1; ln -s .. x/up2` made an endless walk, and a FIFO named
        // b.txt blocked ingest forever
        let root = tmp("loop");
        let x = root.join("x");
        std::fs::create_dir_all(x.join("sub")).unwrap();
        std::fs::write(x.join("a.txt"), "نص").unwrap();
        std::fs::write(x.join("sub/c.txt"), "نص").unwrap();
        std::os::unix::fs::symlink("..", x.join("up1")).unwrap();
        std::os::unix::fs::symlink("..", x.join("up2")).unwrap();
        std::os::unix::fs::symlink("a.txt", x.join("d.txt")).unwrap();
        let fifo = x.join("b.txt");
        let st = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(st.success());
        let e = expand(&[x.display().to_string()]).unwrap();
        std::fs::remove_dir_all(&root).ok();
        let name = |p: &str| {
            p.strip_prefix(&x.display().to_string())
                .unwrap()
                .to_string()
        };
        let files: Vec<String> = e.files.iter().map(|p| name(p)).collect();
        assert_eq!(files, ["/a.txt", "/d.txt", "/sub/c.txt"]);
        let skipped: Vec<(String, SkipKind)> =
            e.skipped.iter().map(|s| (name(&s.path), s.kind)).collect();
        assert_eq!(
            skipped,
            [
                ("/b.txt".to_string(), SkipKind::NotAFile("a FIFO")),
                ("/up1".to_string(), SkipKind::DirectoryLink),
                ("/up2".to_string(), SkipKind::DirectoryLink),
            ]
        );
        assert!(e.skipped[0].kind.is_failure() && !e.skipped[1].kind.is_failure());
        assert!(e.skipped[0]
            .to_string()
            .ends_with("b.txt: a FIFO, not a regular file: skipped"));
    }

    #[test]
    fn a_directory_named_twice_is_walked_once() {
        let root = tmp("twice");
        std::fs::write(root.join("a.txt"), "نص").unwrap();
        let r = root.display().to_string();
        let e = expand(&[r.clone(), format!("{r}/.")]).unwrap();
        std::fs::remove_dir_all(&root).ok();
        assert_eq!(e.files, [format!("{r}/a.txt")]);
        assert_eq!(e.skipped.len(), 1);
        assert_eq!(e.skipped[0].kind, SkipKind::SeenDirectory);
    }

    #[test]
    fn missing_paths_and_empty_globs_are_kept_for_reading_to_report() {
        let e = expand(&[
            "/no/such/file.txt".into(),
            "/no/such/*.txt".into(),
            "-".into(),
        ])
        .unwrap();
        assert_eq!(e.files, ["/no/such/file.txt", "/no/such/*.txt", "-"]);
        assert!(e.skipped.is_empty());
    }
}
