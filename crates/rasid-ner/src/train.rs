//! Training: a structured averaged perceptron (Collins 2002) over the features of
//! [`crate::features`], deterministic for a given seed and data.
//!
//! Steps: each sentence's words are joined by spaces and tokenized as rasid tokenizes
//! text (a word split into several tokens gives its tag to the first and `I-` to the
//! rest); the lexicon is matched on it; name lists are drawn from the training
//! entities (the bare form of each entity token, first or later, when at least
//! [`Config::dict_ratio`] of that form's occurrences are inside such an entity), and
//! each sentence sees the lists of the *other* [`Config::folds`] folds only, so that the
//! model learns how far to trust a list entry as it will be trusted on unseen text (the
//! shipped lists are drawn from all the data); features seen fewer than
//! [`Config::min_count`] times are dropped; then [`Config::epochs`] passes in an order
//! shuffled by [`Config::seed`] (splitmix64), each sentence decoded by Viterbi and, on a
//! mistake, the gold features and transitions raised and the predicted ones lowered by
//! one; the weights kept are the average over all steps. Rows whose averaged weights are
//! all below [`Config::prune`] in magnitude are dropped.

use crate::clusters::Clusters;
use crate::features::{strip_clitics, Dict, Sentence};
use crate::iob::Example;
use crate::{chunks, join_words, viterbi, Tag, Tagger, Weights, LABELS};
use rasid_lexicon::Lexicon;
use rasid_text::Tokens;
use rustc_hash::FxHashMap;

/// Training settings.
#[derive(Debug, Clone)]
pub struct Config {
    /// Passes over the data.
    pub epochs: usize,
    /// Seed of the order of sentences in each pass.
    pub seed: u64,
    /// A feature must be seen this many times in the data to get weights.
    pub min_count: u32,
    /// Folds for the name lists seen in training (2 or more; 0 or 1: lists drawn from
    /// all data, seen as is).
    pub folds: usize,
    /// Share of a bare form's occurrences that must lie inside entities of one kind and
    /// position for it to enter that name list (0–1).
    pub dict_ratio: f64,
    /// Feature rows whose averaged weights are all below this in magnitude are dropped.
    pub prune: f32,
    /// Share of training tokens whose own word features are hidden (0–1), so that the
    /// model learns to tag words it has not seen from their context, affixes and
    /// clusters (chosen per token from the seed).
    pub hide: f64,
    /// Free text stored in the model (what it was trained on).
    pub note: String,
    /// Name-list bits of a gazetteer of person names ([`gazetteer_bits`]), or'ed into
    /// every name list.
    pub names: Dict,
    /// Perceptron runs averaged (each visits the examples in its own order, seeds
    /// `seed`, `seed + 1`, …): the average of several runs varies less with the seed.
    pub runs: usize,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            epochs: 10,
            seed: 1,
            min_count: 2,
            folds: 5,
            dict_ratio: 0.3,
            prune: 0.05,
            hide: 0.2,
            note: String::new(),
            names: Dict::default(),
            runs: 1,
        }
    }
}

/// A sentence tokenized as rasid tokenizes, with a label per token.
struct Aligned {
    text: String,
    toks: Tokens,
    labels: Vec<usize>,
}

fn align(e: &Example) -> Aligned {
    let (text, starts) = join_words(&e.words);
    let toks = rasid_text::tokenize(&text);
    let mut labels = Vec::with_capacity(toks.len());
    let mut last_word = usize::MAX;
    for t in &toks.tokens {
        let w = starts
            .partition_point(|&s| s <= t.span.start)
            .saturating_sub(1);
        let tag = match e.tags.get(w).copied().unwrap_or(Tag::O) {
            Tag::B(k) if w == last_word => Tag::I(k),
            t => t,
        };
        labels.push(tag.label());
        last_word = w;
    }
    Aligned { text, toks, labels }
}

/// Name-list counts: bare form → (occurrences, per bit: occurrences with that bit).
type Counts = FxHashMap<String, (u32, [u32; 6])>;

fn count_names(a: &Aligned, counts: &mut Counts) {
    let mut bits = vec![0u8; a.labels.len()];
    for (k, r) in chunks(&a.labels) {
        let base = 2 * k.index();
        for i in r.clone() {
            bits[i] |= 1 << (base + usize::from(i != r.start));
        }
    }
    for (i, b) in bits.iter().enumerate() {
        let (_, bare) = strip_clitics(a.toks.fold(i));
        let e = counts.entry(bare.to_string()).or_default();
        e.0 += 1;
        for (j, c) in e.1.iter_mut().enumerate() {
            *c += u32::from(b & (1 << j) != 0);
        }
    }
}

fn dict_of(counts: &Counts, ratio: f64) -> Dict {
    let mut d = Dict::default();
    for (w, (n, c)) in counts {
        let mut bits = 0u8;
        for (j, &k) in c.iter().enumerate() {
            if k > 0 && k as f64 >= ratio * *n as f64 {
                bits |= 1 << j;
            }
        }
        if bits != 0 {
            d.insert(w.as_str().into(), bits);
        }
    }
    d
}

fn merge(into: &mut Counts, from: &Counts) {
    for (w, (n, c)) in from {
        let e = into.entry(w.clone()).or_default();
        e.0 += n;
        for (a, b) in e.1.iter_mut().zip(c) {
            *a += b;
        }
    }
}

/// splitmix64.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        crate::features::mix(self.0, 0)
    }
}

/// Trains a tagger on `data` with the lexicon `lex` and the word `clusters` (see
/// [`crate::clusters::build`]; they are stored in the model) for features; `log` receives one
/// line per step (sizes, and per pass the training token errors).
pub fn train(
    lex: &Lexicon,
    data: &[Example],
    clusters: Clusters,
    cfg: &Config,
    log: &mut dyn FnMut(String),
) -> Tagger {
    let aligned: Vec<Aligned> = data.iter().map(align).collect();
    let tokens: usize = aligned.iter().map(|a| a.labels.len()).sum();
    log(format!("{} sentences, {tokens} tokens", aligned.len()));

    // name lists: per fold, and from everything
    let k = cfg.folds.max(1);
    let mut fold_counts: Vec<Counts> = (0..k).map(|_| Counts::default()).collect();
    for (i, a) in aligned.iter().enumerate() {
        count_names(a, &mut fold_counts[i % k]);
    }
    let mut all = Counts::default();
    for c in &fold_counts {
        merge(&mut all, c);
    }
    let with_names = |mut d: Dict| {
        for (w, &b) in &cfg.names {
            *d.entry(w.clone()).or_default() |= b;
        }
        d
    };
    let full = with_names(dict_of(&all, cfg.dict_ratio));
    let fold_dicts: Vec<Dict> = if k < 2 {
        vec![full.clone()]
    } else {
        (0..k)
            .map(|f| {
                let mut c = Counts::default();
                for (g, fc) in fold_counts.iter().enumerate() {
                    if g != f {
                        merge(&mut c, fc);
                    }
                }
                with_names(dict_of(&c, cfg.dict_ratio))
            })
            .collect()
    };
    log(format!("name lists: {} bare forms", full.len()));

    // features
    let mut feats: Vec<Vec<u64>> = Vec::with_capacity(aligned.len());
    let mut offs: Vec<Vec<u32>> = Vec::with_capacity(aligned.len());
    let mut counts: FxHashMap<u64, u32> = FxHashMap::default();
    for (i, a) in aligned.iter().enumerate() {
        let m = lex.find(&a.text, &a.toks, 0..a.toks.len());
        let s = Sentence::new(
            &a.toks,
            0..a.toks.len(),
            &m,
            &fold_dicts[i % fold_dicts.len()],
            &clusters,
        );
        let mut f = Vec::with_capacity(s.len() * 40);
        let mut o = Vec::with_capacity(s.len() + 1);
        o.push(0);
        for t in 0..s.len() {
            let r = crate::features::mix(cfg.seed ^ 0x4849_4445, (i as u64) << 20 | t as u64);
            let hide = (r >> 11) as f64 / (1u64 << 53) as f64 * 1.0 < cfg.hide;
            s.features_masked(t, hide, &mut f);
            o.push(f.len() as u32);
        }
        for &x in &f {
            *counts.entry(x).or_default() += 1;
        }
        feats.push(f);
        offs.push(o);
    }
    let mut keys: Vec<u64> = counts
        .iter()
        .filter(|(_, &c)| c >= cfg.min_count)
        .map(|(&k, _)| k)
        .collect();
    keys.sort_unstable();
    log(format!(
        "{} features, {} seen at least {} times",
        counts.len(),
        keys.len(),
        cfg.min_count
    ));
    let index: FxHashMap<u64, u32> = keys
        .iter()
        .enumerate()
        .map(|(i, &k)| (k, i as u32))
        .collect();
    drop(counts);
    let ids: Vec<Vec<u32>> = feats
        .iter()
        .map(|f| {
            f.iter()
                .map(|k| index.get(k).copied().unwrap_or(u32::MAX))
                .collect()
        })
        .collect();
    drop(feats);

    // perceptron
    let runs = cfg.runs.max(1);
    let mut rows_sum = vec![[0f32; LABELS]; keys.len()];
    let mut trans = [[0f32; LABELS]; LABELS + 1];
    for run in 0..runs {
        let seed = cfg.seed.wrapping_add(run as u64);
        let (w, t) = perceptron(&ids, &offs, &aligned, keys.len(), cfg.epochs, seed, log);
        for (acc, row) in rows_sum.iter_mut().zip(&w) {
            for l in 0..LABELS {
                acc[l] += row[l] / runs as f32;
            }
        }
        for p in 0..=LABELS {
            for l in 0..LABELS {
                trans[p][l] += t[p][l] / runs as f32;
            }
        }
    }
    let mut kept_keys = Vec::new();
    let mut rows = Vec::new();
    for (i, &key) in keys.iter().enumerate() {
        let row = rows_sum[i];
        if row.iter().any(|x| x.abs() >= cfg.prune) {
            kept_keys.push(key);
            rows.push(row);
        }
    }
    log(format!(
        "{} features kept after pruning (|w| ≥ {})",
        kept_keys.len(),
        cfg.prune
    ));
    Tagger {
        note: cfg.note.clone(),
        dict: full,
        clusters,
        trans,
        weights: Weights::new(kept_keys, rows),
    }
}

/// One run of the averaged structured perceptron over the encoded examples (`ids`, `offs`:
/// feature rows per token; `aligned`: gold labels), visiting them in an order shuffled by
/// `seed` each of `epochs` passes: the averaged weights of the `n` features and of the
/// label transitions.
#[allow(clippy::type_complexity)]
fn perceptron(
    ids: &[Vec<u32>],
    offs: &[Vec<u32>],
    aligned: &[Aligned],
    n: usize,
    epochs: usize,
    seed: u64,
    log: &mut dyn FnMut(String),
) -> (Vec<[f32; LABELS]>, [[f32; LABELS]; LABELS + 1]) {
    let mut w = vec![[0f32; LABELS]; n];
    let mut u = vec![[0f64; LABELS]; n];
    let mut tw = [[0f32; LABELS]; LABELS + 1];
    let mut tu = [[0f64; LABELS]; LABELS + 1];
    let mut c = 1f64;
    let mut order: Vec<usize> = (0..aligned.len()).collect();
    let mut rng = Rng(seed);
    let mut scores: Vec<[f32; LABELS]> = Vec::new();
    let tokens: usize = aligned.iter().map(|a| a.labels.len()).sum();
    for epoch in 1..=epochs {
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let mut errors = 0usize;
        for &s in &order {
            let (f, o, gold) = (&ids[s], &offs[s], &aligned[s].labels);
            scores.clear();
            for t in 0..gold.len() {
                let mut sc = [0f32; LABELS];
                for &x in &f[o[t] as usize..o[t + 1] as usize] {
                    if x != u32::MAX {
                        let row = &w[x as usize];
                        for l in 0..LABELS {
                            sc[l] += row[l];
                        }
                    }
                }
                scores.push(sc);
            }
            let pred = viterbi(&scores, &tw);
            if pred != *gold {
                for t in 0..gold.len() {
                    let (g, p) = (gold[t], pred[t]);
                    if g != p {
                        errors += 1;
                        for &x in &f[o[t] as usize..o[t + 1] as usize] {
                            if x != u32::MAX {
                                let x = x as usize;
                                w[x][g] += 1.0;
                                u[x][g] += c;
                                w[x][p] -= 1.0;
                                u[x][p] -= c;
                            }
                        }
                    }
                    let gp = if t == 0 { LABELS } else { gold[t - 1] };
                    let pp = if t == 0 { LABELS } else { pred[t - 1] };
                    if (gp, g) != (pp, p) {
                        tw[gp][g] += 1.0;
                        tu[gp][g] += c;
                        tw[pp][p] -= 1.0;
                        tu[pp][p] -= c;
                    }
                }
            }
            c += 1.0;
        }
        log(format!(
            "pass {epoch}: {errors} token errors of {tokens} in training"
        ));
    }

    let avg = |w: f32, u: f64| (w as f64 - u / c) as f32;
    let mut trans = [[0f32; LABELS]; LABELS + 1];
    for p in 0..=LABELS {
        for l in 0..LABELS {
            trans[p][l] = avg(tw[p][l], tu[p][l]);
        }
    }
    let rows = w
        .iter()
        .zip(&u)
        .map(|(w, u)| std::array::from_fn(|l| avg(w[l], u[l])))
        .collect();
    (rows, trans)
}

/// The name-list bits of a gazetteer of person names: bit 6 for the bare form of each
/// name's first word (a given name), bit 7 for its other words (family names, `بن`);
/// names of one word are skipped (a given name alone says little).
pub fn gazetteer_bits<'a>(names: impl IntoIterator<Item = &'a str>) -> Dict {
    let mut d = Dict::default();
    for name in names {
        let toks = rasid_text::tokenize(name.trim());
        let words: Vec<usize> = (0..toks.len())
            .filter(|&i| toks.tokens[i].kind == rasid_text::TokenKind::Word)
            .collect();
        if words.len() < 2 {
            continue;
        }
        for (n, &i) in words.iter().enumerate() {
            let (_, bare) = strip_clitics(toks.fold(i));
            *d.entry(bare.into()).or_default() |= if n == 0 { 1 << 6 } else { 1 << 7 };
        }
    }
    d
}
