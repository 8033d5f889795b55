//! Near-duplicate articles (wire copies, "إضافة أولى وأخيرة" updates) by MinHash over
//! word 3-shingles, with LSH banding to find candidates.
//!
//! Words are split at non-alphanumeric characters and lightly folded (Arabic diacritics
//! and tatweel dropped, أ إ آ ٱ → ا, ى → ي, ة → ه, ASCII lowercased), so that a copy
//! re-typed with other hamzas or vowel marks still matches. Each distinct shingle is
//! hashed once (xxh3); the signature keeps, for [`K`] = 64 seeded re-hashes, the minimum.
//! The fraction of equal signature slots estimates the Jaccard similarity J of the two
//! shingle sets (Broder 1997).
//!
//! Candidates come from [`BANDS`] = 21 bands of [`ROWS`] = 3 slots: two texts share a
//! band with probability 1 − (1 − J³)²¹ (0.93 at J = 0.5, 0.999 at J = 0.8). A candidate
//! is a near-duplicate when the estimated J ≥ [`JACCARD`] (0.5), or when the smaller text is
//! nearly contained in the larger (estimated containment ≥ [`CONTAINMENT`] = 0.8 and
//! J ≥ 0.3): an update that adds a paragraph to a wire story. Texts with fewer than
//! [`MIN_SHINGLES`] shingles get no signature: too short to tell a copy from a formula.

use std::collections::HashMap;
use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

/// Signature length (hash functions).
pub const K: usize = 64;
/// LSH bands.
pub const BANDS: usize = 21;
/// Signature slots per band.
pub const ROWS: usize = 3;
/// Estimated Jaccard similarity from which two texts are near-duplicates.
pub const JACCARD: f64 = 0.5;
/// Estimated containment of the smaller text from which two texts are near-duplicates.
pub const CONTAINMENT: f64 = 0.8;
/// Texts with fewer distinct shingles get no signature.
pub const MIN_SHINGLES: usize = 8;

/// A MinHash signature and the number of distinct shingles it summarises.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// Minimum re-hash per hash function.
    pub mins: [u32; K],
    /// Distinct word 3-shingles of the text.
    pub shingles: u32,
}

fn fold_char(c: char) -> Option<char> {
    match c {
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => None,
        'أ' | 'إ' | 'آ' | 'ٱ' => Some('ا'),
        'ى' => Some('ي'),
        'ة' => Some('ه'),
        c => Some(c.to_ascii_lowercase()),
    }
}

fn mix(mut x: u64) -> u64 {
    // splitmix64 finalizer
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d049bb133111eb);
    x ^ (x >> 31)
}

/// The signature of `text`, or `None` when it has fewer than [`MIN_SHINGLES`] shingles.
///
/// ```
/// use rasid_store::neardup::{signature, similarity};
/// let a = signature("قال وزير الخارجية إن المحادثات مع الجانب التركي كانت مثمرة وإن الطرفين اتفقا على مواصلة التشاور").unwrap();
/// let b = signature("قال وزير الخارجيه ان المحادثات مع الجانب التركي كانت مثمرة وان الطرفين اتفقا على مواصلة التشاور").unwrap();
/// assert_eq!(similarity(&a, &b), 1.0);
/// ```
pub fn signature(text: &str) -> Option<Signature> {
    let mut words: Vec<u64> = Vec::with_capacity(text.len() / 6);
    let mut w = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_alphanumeric() || ('\u{064B}'..='\u{065F}').contains(&c) || c == '\u{0640}' {
            if let Some(f) = fold_char(c) {
                w.push(f);
            }
        } else if !w.is_empty() {
            words.push(xxh3_64(w.as_bytes()));
            w.clear();
        }
    }
    if words.len() < 3 {
        return None;
    }
    let mut sh: Vec<u64> = words
        .windows(3)
        .map(|t| mix(t[0] ^ t[1].rotate_left(21) ^ t[2].rotate_left(42)))
        .collect();
    sh.sort_unstable();
    sh.dedup();
    if sh.len() < MIN_SHINGLES {
        return None;
    }
    let mut mins = [u32::MAX; K];
    for &s in &sh {
        for (i, m) in mins.iter_mut().enumerate() {
            // K independent hash functions: the shingle hash mixed with a per-slot seed
            let h = (mix(s ^ SEEDS[i]) >> 32) as u32;
            if h < *m {
                *m = h;
            }
        }
    }
    Some(Signature {
        mins,
        shingles: sh.len() as u32,
    })
}

const SEEDS: [u64; K] = {
    let mut s = [0u64; K];
    let mut i = 0;
    let mut x: u64 = 0x9E3779B97F4A7C15;
    while i < K {
        x = x.wrapping_add(0x9E3779B97F4A7C15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
        s[i] = z ^ (z >> 31);
        i += 1;
    }
    s
};

/// Estimated Jaccard similarity of the two shingle sets (equal slots / [`K`]).
pub fn similarity(a: &Signature, b: &Signature) -> f64 {
    a.mins.iter().zip(&b.mins).filter(|(x, y)| x == y).count() as f64 / K as f64
}

/// Whether two texts are near-duplicates, with their estimated Jaccard similarity.
pub fn is_near_duplicate(a: &Signature, b: &Signature) -> Option<f64> {
    let j = similarity(a, b);
    if j >= JACCARD {
        return Some(j);
    }
    // |A ∩ B| = J (|A| + |B|) / (1 + J); containment of the smaller set
    let (na, nb) = (a.shingles as f64, b.shingles as f64);
    let inter = j * (na + nb) / (1.0 + j);
    let contained = inter / na.min(nb);
    (j >= 0.3 && contained >= CONTAINMENT).then_some(j)
}

impl Signature {
    /// Little-endian bytes of the slots, as stored in `documents.minhash`.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.mins.iter().flat_map(|m| m.to_le_bytes()).collect()
    }

    /// The inverse of [`Signature::to_bytes`]; `None` for a blob of the wrong size.
    pub fn from_bytes(b: &[u8], shingles: u32) -> Option<Signature> {
        if b.len() != K * 4 {
            return None;
        }
        let mut mins = [0u32; K];
        for (m, c) in mins.iter_mut().zip(b.chunks_exact(4)) {
            *m = u32::from_le_bytes(c.try_into().ok()?);
        }
        Some(Signature { mins, shingles })
    }

    fn band_keys(&self) -> impl Iterator<Item = u64> + '_ {
        (0..BANDS).map(move |b| {
            let mut bytes = [0u8; ROWS * 4];
            for r in 0..ROWS {
                bytes[r * 4..r * 4 + 4].copy_from_slice(&self.mins[b * ROWS + r].to_le_bytes());
            }
            xxh3_64_with_seed(&bytes, b as u64)
        })
    }
}

/// In-memory LSH index of the stored documents' signatures (about 400 bytes a document).
#[derive(Debug, Default)]
pub struct Index {
    bands: HashMap<u64, Vec<u32>>,
    docs: Vec<(i64, i64, Signature)>, // (row id, root row id, signature)
}

impl Index {
    /// An empty index.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds document `id`, which is a near-duplicate of `root` (or its own root).
    pub fn insert(&mut self, id: i64, root: i64, sig: Signature) {
        let slot = self.docs.len() as u32;
        for k in sig.band_keys() {
            self.bands.entry(k).or_default().push(slot);
        }
        self.docs.push((id, root, sig));
    }

    /// The best near-duplicate match already indexed: `(root row id, similarity)`, the
    /// root being the original the match is itself a copy of (links never chain).
    pub fn find(&self, sig: &Signature) -> Option<(i64, f64)> {
        let mut best: Option<(u32, f64)> = None;
        let mut seen: Vec<u32> = Vec::new();
        for k in sig.band_keys() {
            let Some(slots) = self.bands.get(&k) else {
                continue;
            };
            for &s in slots {
                if seen.contains(&s) {
                    continue;
                }
                seen.push(s);
                if let Some(j) = is_near_duplicate(sig, &self.docs[s as usize].2) {
                    // highest similarity; the earliest document on ties
                    if best.is_none_or(|(bs, bj)| j > bj || (j == bj && s < bs)) {
                        best = Some((s, j));
                    }
                }
            }
        }
        best.map(|(s, j)| (self.docs[s as usize].1, j))
    }

    /// Documents indexed.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "أعلنت وزارة الخارجية في بيان صدر اليوم أن الوزير سيتوجه إلى العاصمة الأردنية لإجراء مباحثات مع نظيره حول التعاون الثنائي وتطورات الأوضاع في المنطقة وسبل دعم الاستقرار";

    #[test]
    fn copies_and_updates_match_unrelated_does_not() {
        let a = signature(A).unwrap();
        let update =
            format!("{A} وأضاف البيان أن الزيارة تستمر يومين يلتقي خلالها الوزير عددا من المسؤولين");
        let u = signature(&update).unwrap();
        assert!(
            is_near_duplicate(&a, &u).is_some(),
            "{}",
            similarity(&a, &u)
        );
        let other = signature("شهدت الأسواق المحلية ارتفاعا ملحوظا في أسعار الخضروات والفواكه خلال الأسبوع الماضي بسبب موجة الحر التي ضربت البلاد وأثرت على المحاصيل الزراعية").unwrap();
        assert!(is_near_duplicate(&a, &other).is_none());
        let mut idx = Index::new();
        idx.insert(1, 1, a.clone());
        idx.insert(2, 2, other);
        assert_eq!(idx.find(&u).map(|m| m.0), Some(1));
        assert_eq!(Signature::from_bytes(&a.to_bytes(), a.shingles), Some(a));
    }

    #[test]
    fn short_texts_have_no_signature() {
        assert!(signature("زار الوزير أنقرة").is_none());
        assert!(signature("").is_none());
    }
}
