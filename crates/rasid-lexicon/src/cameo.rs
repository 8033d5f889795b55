//! The CAMEO event codebook: descriptions, Goldstein scores and the CAMEO → PLOVER map.
//!
//! Sources (shipped in `lexicons/cameo/`): `eventcodes.tsv` (CAMEO 1.1b3 event codes),
//! `goldstein.tsv` (Goldstein 1992 scale as used by GDELT), `cameo2plover.txt` (PLOVER
//! manual draft 0.8, 2021, CC BY-SA 4.0). QuadClass follows the GDELT convention: roots
//! 01–05 → 1 verbal cooperation, 06–09 → 2 material cooperation, 10–14 → 3 verbal
//! conflict, 15–20 → 4 material conflict.

use crate::error::{ErrorKind, LexiconError};
use std::collections::HashMap;

/// The PLOVER event type, mode and context of a CAMEO code.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Plover {
    /// PLOVER event type (`CONSULT`, `ASSAULT` …).
    pub event: String,
    /// PLOVER mode (`visit`, `phone` …), if the table gives one.
    pub mode: Option<String>,
    /// PLOVER contexts (`military`, `diplomatic` …), possibly empty.
    pub context: Vec<String>,
}

/// The CAMEO event codebook.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct CameoTable {
    descriptions: HashMap<String, String>,
    goldstein: HashMap<String, f32>,
    plover: HashMap<String, Plover>,
}

/// The QuadClass (1–4) of a CAMEO code, from its two-digit root; `None` for a malformed code.
pub fn quad_class(code: &str) -> Option<u8> {
    let root: u8 = code.get(..2)?.parse().ok()?;
    Some(match root {
        1..=5 => 1,
        6..=9 => 2,
        10..=14 => 3,
        15..=20 => 4,
        _ => return None,
    })
}

impl CameoTable {
    /// Reads one of the three codebook files into the table; `name` decides which.
    pub(crate) fn add_file(&mut self, name: &str, text: &str, errors: &mut Vec<LexiconError>) {
        let base = name.rsplit('/').next().unwrap_or(name);
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') || line.starts_with("CAMEO") {
                continue;
            }
            match base {
                "eventcodes.tsv" => {
                    if let Some((code, desc)) = line.split_once('\t') {
                        self.descriptions
                            .insert(code.trim().into(), desc.trim().into());
                    }
                }
                "goldstein.tsv" => match line
                    .split_once('\t')
                    .map(|(c, g)| (c, g.trim().parse::<f32>()))
                {
                    Some((code, Ok(g))) => {
                        self.goldstein.insert(code.trim().into(), g);
                    }
                    _ => errors.push(LexiconError::new(
                        name,
                        i + 1,
                        ErrorKind::BadValue,
                        "expected CODE<TAB>SCORE",
                    )),
                },
                _ => {
                    let Some((code, rest)) = line.split_once(':') else {
                        continue;
                    };
                    let rest = rest.split('#').next().unwrap_or("");
                    let mut parts = rest.split(',').map(str::trim);
                    let event = parts.next().unwrap_or("").to_string();
                    if event.is_empty() {
                        continue;
                    }
                    let mode = parts.next().filter(|m| !m.is_empty()).map(String::from);
                    let context = parts
                        .next()
                        .map(|c| {
                            c.split(';')
                                .map(str::trim)
                                .filter(|s| !s.is_empty())
                                .map(String::from)
                                .collect()
                        })
                        .unwrap_or_default();
                    self.plover.insert(
                        code.trim().into(),
                        Plover {
                            event,
                            mode,
                            context,
                        },
                    );
                }
            }
        }
    }

    /// Every event code of the codebook (two-digit roots included), sorted.
    pub fn codes(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.descriptions.keys().map(String::as_str).collect();
        v.sort_unstable();
        v
    }

    /// True when `code` is a CAMEO event code of the codebook.
    pub fn contains(&self, code: &str) -> bool {
        self.descriptions.contains_key(code)
    }

    /// The English description of `code`.
    pub fn description(&self, code: &str) -> Option<&str> {
        self.descriptions.get(code).map(String::as_str)
    }

    /// The Goldstein score (−10 … +10) of `code`, falling back to its root's score.
    pub fn goldstein(&self, code: &str) -> Option<f32> {
        self.goldstein
            .get(code)
            .or_else(|| self.goldstein.get(code.get(..2)?))
            .copied()
    }

    /// The PLOVER type of `code`, falling back to the parent codes (`0871` → `087` → `08`);
    /// `None` where PLOVER has no equivalent (CAMEO root 01, public statements).
    pub fn plover(&self, code: &str) -> Option<&Plover> {
        (2..=code.len())
            .rev()
            .find_map(|n| self.plover.get(code.get(..n)?))
    }

    /// Number of event codes.
    pub fn len(&self) -> usize {
        self.descriptions.len()
    }

    /// True when the table is empty.
    pub fn is_empty(&self) -> bool {
        self.descriptions.is_empty()
    }
}
