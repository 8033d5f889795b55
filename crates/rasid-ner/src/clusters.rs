//! Word clusters from unlabelled text: words that occur between the same neighbours get
//! the same cluster, so a name never seen in the training data still shares features
//! with the names that were (`فينغر` with `مورينيو`, `خريبكة` with `مراكش`).
//!
//! Method (deterministic, no randomness): the bare forms ([`strip_clitics`]) of the
//! words of the texts are counted; the [`ClusterConfig::vocab`] most frequent forms
//! seen at least [`ClusterConfig::min_count`] times are clustered; each is described by
//! the counts of the [`ClusterConfig::context`] most frequent forms (punctuation and
//! numbers included, as one form each) just before it and just after it, as `ln(1+n)`,
//! scaled to unit length; spherical k-means ([`ClusterConfig::k`] clusters, cosine
//! similarity) starts from words spread evenly over the frequency ranking and runs
//! [`ClusterConfig::iterations`] rounds.

use crate::features::strip_clitics;
use rasid_text::TokenKind;
use rustc_hash::FxHashMap;

/// Clustering settings.
#[derive(Debug, Clone)]
pub struct ClusterConfig {
    /// Number of clusters (at most 65,535).
    pub k: usize,
    /// Most words clustered (by frequency).
    pub vocab: usize,
    /// Fewest occurrences of a clustered word.
    pub min_count: u32,
    /// Context words: the most frequent forms, counted on each side.
    pub context: usize,
    /// Rounds of k-means.
    pub iterations: usize,
}

impl Default for ClusterConfig {
    fn default() -> ClusterConfig {
        ClusterConfig {
            k: 256,
            vocab: 40_000,
            min_count: 5,
            context: 160,
            iterations: 12,
        }
    }
}

/// Bare form → cluster id.
pub type Clusters = FxHashMap<Box<str>, u16>;

/// Clusters the words of `texts` (see the module docs); `log` receives a line per round.
pub fn build(
    texts: &mut dyn Iterator<Item = String>,
    cfg: &ClusterConfig,
    log: &mut dyn FnMut(String),
) -> Clusters {
    // intern every token's form; u32::MAX separates texts
    let mut ids: FxHashMap<String, u32> = FxHashMap::default();
    let mut forms: Vec<String> = Vec::new();
    let mut seq: Vec<u32> = Vec::new();
    for text in texts {
        let toks = rasid_text::tokenize(&text);
        for (i, t) in toks.tokens.iter().enumerate() {
            let f = match t.kind {
                TokenKind::Number => "<num>",
                _ => strip_clitics(toks.fold(i)).1,
            };
            let id = match ids.get(f) {
                Some(&id) => id,
                None => {
                    let id = forms.len() as u32;
                    ids.insert(f.to_string(), id);
                    forms.push(f.to_string());
                    id
                }
            };
            seq.push(id);
        }
        seq.push(u32::MAX);
    }
    drop(ids);
    let mut count = vec![0u32; forms.len()];
    for &x in &seq {
        if x != u32::MAX {
            count[x as usize] += 1;
        }
    }
    let mut by_freq: Vec<u32> = (0..forms.len() as u32).collect();
    by_freq.sort_by_key(|&x| {
        (
            std::cmp::Reverse(count[x as usize]),
            forms[x as usize].clone(),
        )
    });
    let ctx: FxHashMap<u32, usize> = by_freq
        .iter()
        .take(cfg.context)
        .enumerate()
        .map(|(j, &x)| (x, j))
        .collect();
    let words: Vec<u32> = by_freq
        .iter()
        .copied()
        .filter(|&x| count[x as usize] >= cfg.min_count && forms[x as usize] != "<num>")
        .filter(|&x| forms[x as usize].chars().any(|c| c.is_alphabetic()))
        .take(cfg.vocab)
        .collect();
    let row: FxHashMap<u32, usize> = words.iter().enumerate().map(|(r, &x)| (x, r)).collect();
    log(format!(
        "clusters: {} tokens, {} forms, {} clustered",
        seq.len(),
        forms.len(),
        words.len()
    ));
    let dim = 2 * cfg.context;
    let mut vecs = vec![0f32; words.len() * dim];
    for i in 0..seq.len() {
        let Some(&r) = row.get(&seq[i]) else { continue };
        if i > 0 {
            if let Some(&c) = ctx.get(&seq[i - 1]) {
                vecs[r * dim + c] += 1.0;
            }
        }
        if let Some(&c) = seq.get(i + 1).and_then(|x| ctx.get(x)) {
            vecs[r * dim + cfg.context + c] += 1.0;
        }
    }
    for v in vecs.chunks_mut(dim) {
        for x in v.iter_mut() {
            *x = x.ln_1p();
        }
        normalize(v);
    }
    let k = cfg.k.min(words.len()).clamp(1, u16::MAX as usize);
    let mut cent = vec![0f32; k * dim];
    for j in 0..k {
        let r = j * words.len() / k;
        cent[j * dim..(j + 1) * dim].copy_from_slice(&vecs[r * dim..(r + 1) * dim]);
    }
    let mut assign = vec![0u16; words.len()];
    for round in 1..=cfg.iterations {
        let mut moved = 0;
        for (r, v) in vecs.chunks(dim).enumerate() {
            let (mut best, mut arg) = (f32::NEG_INFINITY, 0);
            for (j, c) in cent.chunks(dim).enumerate() {
                let d: f32 = v.iter().zip(c).map(|(a, b)| a * b).sum();
                if d > best {
                    best = d;
                    arg = j;
                }
            }
            if assign[r] as usize != arg || round == 1 {
                moved += 1;
            }
            assign[r] = arg as u16;
        }
        cent.iter_mut().for_each(|x| *x = 0.0);
        for (r, v) in vecs.chunks(dim).enumerate() {
            let j = assign[r] as usize;
            for (c, x) in cent[j * dim..(j + 1) * dim].iter_mut().zip(v) {
                *c += x;
            }
        }
        for c in cent.chunks_mut(dim) {
            normalize(c);
        }
        log(format!("clusters: round {round}, {moved} words moved"));
        if moved == 0 {
            break;
        }
    }
    words
        .iter()
        .zip(&assign)
        .map(|(&x, &a)| (forms[x as usize].as_str().into(), a))
        .collect()
}

fn normalize(v: &mut [f32]) {
    let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if n > 0.0 {
        v.iter_mut().for_each(|x| *x /= n);
    }
}

/// One cluster (0) of the words seen at least `min` times in `data`, by bare form: as the
/// model's clusters, it marks each token as a known or an unknown word (`NO_CLUSTER`), so
/// that the weights for unknown words are learned on the rare words of the training data.
pub fn known_words(data: &[crate::iob::Example], min: u32) -> Clusters {
    let mut counts: FxHashMap<Box<str>, u32> = FxHashMap::default();
    for e in data {
        let (text, _) = crate::join_words(&e.words);
        let toks = rasid_text::tokenize(&text);
        for i in 0..toks.len() {
            let (_, bare) = strip_clitics(toks.fold(i));
            *counts.entry(bare.into()).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|&(_, n)| n >= min)
        .map(|(w, _)| (w, 0))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_the_same_slots_cluster_together() {
        let texts = [
            "قال الرئيس أحمد إن",
            "قال الرئيس خالد إن",
            "قال الرئيس سعيد إن",
            "في مدينة جدة أمس",
            "في مدينة مكة أمس",
            "في مدينة الطائف أمس",
        ];
        let cfg = ClusterConfig {
            k: 2,
            vocab: 100,
            min_count: 1,
            context: 8,
            iterations: 10,
        };
        let mut it = texts.iter().map(|s| s.to_string());
        let c = build(&mut it, &cfg, &mut |_| {});
        assert_eq!(c["احمد"], c["خالد"]);
        assert_eq!(c["جده"], c["مكه"]);
        assert_ne!(c["احمد"], c["جده"]);
    }
}
