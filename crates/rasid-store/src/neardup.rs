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
//!
//! The bands live in the store (`near_dup_bands`, one row per band of each signed
//! document, indexed by band key), so that a lookup ([`find_stored`]) reads only the
//! documents sharing a band: a write costs the same on a store of ten or of millions of
//! documents (issue 16: every write had reloaded every stored signature, 55 ms at 11,600
//! documents).

use crate::error::Result;
use rusqlite::Connection;
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

    /// The [`BANDS`] LSH band keys of this signature: xxh3 of each band's [`ROWS`]
    /// slots, seeded by the band's number (as stored in `near_dup_bands.band_key`, the
    /// bits read as a signed integer).
    pub fn band_keys(&self) -> impl Iterator<Item = i64> + '_ {
        (0..BANDS).map(move |b| {
            let mut bytes = [0u8; ROWS * 4];
            for r in 0..ROWS {
                bytes[r * 4..r * 4 + 4].copy_from_slice(&self.mins[b * ROWS + r].to_le_bytes());
            }
            xxh3_64_with_seed(&bytes, b as u64) as i64
        })
    }
}

/// The documents sharing a band with the [`BANDS`] band keys bound to `?1`…`?21`, with
/// their root and signature.
fn candidates_sql() -> String {
    let keys: Vec<String> = (1..=BANDS).map(|i| format!("?{i}")).collect();
    format!(
        "SELECT DISTINCT d.id, coalesce(d.near_dup_of, d.id), d.minhash, d.shingles
         FROM near_dup_bands b JOIN documents d ON d.id = b.doc
         WHERE b.band_key IN ({}) AND d.minhash IS NOT NULL",
        keys.join(", ")
    )
}

/// The best near-duplicate of `sig` among the stored documents: `(root row id,
/// similarity)`, the root being the original the match is itself a copy of (links never
/// chain); the highest similarity wins, then the earliest document. Reads only the
/// documents sharing an LSH band with `sig` (through the `near_dup_bands` index), rows
/// written earlier in the caller's open transaction included.
///
/// # Errors
/// SQLite errors.
pub fn find_stored(conn: &Connection, sig: &Signature) -> Result<Option<(i64, f64)>> {
    let mut st = conn.prepare_cached(&candidates_sql())?;
    let mut rows = st.query(rusqlite::params_from_iter(sig.band_keys()))?;
    let mut best: Option<(i64, i64, f64)> = None;
    while let Some(r) = rows.next()? {
        let (id, root): (i64, i64) = (r.get(0)?, r.get(1)?);
        let Some(other) = Signature::from_bytes(&r.get::<_, Vec<u8>>(2)?, r.get(3)?) else {
            continue;
        };
        if let Some(j) = is_near_duplicate(sig, &other) {
            if best.is_none_or(|(bid, _, bj)| j > bj || (j == bj && id < bid)) {
                best = Some((id, root, j));
            }
        }
    }
    Ok(best.map(|(_, root, j)| (root, j)))
}

/// Records the LSH bands of document row `doc` (signed `sig`) for [`find_stored`].
///
/// # Errors
/// SQLite errors (`doc` must be a stored document's row id).
pub fn insert_bands(conn: &Connection, doc: i64, sig: &Signature) -> Result<()> {
    // one statement for all the bands: ?1 is the document, ?2… the keys
    let rows: Vec<String> = (2..=BANDS + 1).map(|i| format!("(?{i}, ?1)")).collect();
    let sql = format!(
        "INSERT OR IGNORE INTO near_dup_bands (band_key, doc) VALUES {}",
        rows.join(", ")
    );
    let mut st = conn.prepare_cached(&sql)?;
    let args: Vec<i64> = std::iter::once(doc).chain(sig.band_keys()).collect();
    st.execute(rusqlite::params_from_iter(args))?;
    Ok(())
}

/// Fills `near_dup_bands` from the signatures stored in `documents.minhash` (the
/// migration that created the table, for stores written before it).
///
/// # Errors
/// SQLite errors.
pub(crate) fn backfill_bands(conn: &Connection) -> Result<()> {
    let mut st = conn.prepare(
        "SELECT id, minhash, shingles FROM documents WHERE minhash IS NOT NULL ORDER BY id",
    )?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(sig) = Signature::from_bytes(&r.get::<_, Vec<u8>>(1)?, r.get(2)?) {
            insert_bands(conn, r.get(0)?, &sig)?;
        }
    }
    Ok(())
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
        assert_eq!(Signature::from_bytes(&a.to_bytes(), a.shingles), Some(a));
    }

    #[test]
    fn a_write_reads_only_the_documents_sharing_a_band() {
        // issue 16: a write cost 3 ms on an empty store and 55 ms at 11,600 documents; the
        // lookup must search the band index, never scan the documents
        let store = crate::Store::open_in_memory().unwrap();
        let plan: Vec<String> = store
            .connection()
            .prepare(&format!("EXPLAIN QUERY PLAN {}", candidates_sql()))
            .unwrap()
            .query_map(rusqlite::params_from_iter([0i64; BANDS]), |r| {
                r.get::<_, String>(3)
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(
            plan.iter()
                .any(|p| p.starts_with("SEARCH b USING PRIMARY KEY")),
            "{plan:?}"
        );
        assert!(plan.iter().all(|p| !p.starts_with("SCAN")), "{plan:?}");
        // and finds what it should
        let a = signature(A).unwrap();
        store
            .connection()
            .execute(
                "INSERT INTO documents (id, doc_id, content_hash, text_len, shingles, minhash, n_events, coded_at)
                 VALUES (7, 'a', 'h', 1, ?1, ?2, 0, 'now')",
                rusqlite::params![a.shingles, a.to_bytes()],
            )
            .unwrap();
        insert_bands(store.connection(), 7, &a).unwrap();
        assert_eq!(find_stored(store.connection(), &a).unwrap(), Some((7, 1.0)));
    }

    #[test]
    fn short_texts_have_no_signature() {
        assert!(signature("زار الوزير أنقرة").is_none());
        assert!(signature("").is_none());
    }
}
