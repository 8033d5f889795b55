//! The compiled phrase matcher: every form of every entry, folded and split into tokens,
//! stored in one token-level trie; matched against a tokenized text through the clitic
//! readings of its first token.
//!
//! A phrase matches at token `i` when some clitic reading of token `i` (see
//! [`rasid_text::clitic::candidates`]) has the phrase's first token as stem and the
//! following tokens equal the phrase's next tokens (folded keys, unsplit). A reading with
//! an enclitic only matches one-token phrases. A gap `…` in a form lets up to
//! [`MAX_GAP`] tokens pass between two parts (`تلقى … اتصالا`).

use rasid_text::{clitic, Span, Tokens};
use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

/// The most tokens a `…` gap in a form may skip.
pub const MAX_GAP: usize = 10;

/// What a matched phrase names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntryRef {
    /// A country name (index into `LexiconSet::countries`).
    Country(u32),
    /// A capital, standing for the government of the country.
    Capital(u32),
    /// A nisba adjective of the country (`التركي`).
    Nisba(u32),
    /// A plural naming the people of the country (`الأتراك`).
    Demonym(u32),
    /// An organisation or group.
    Organization(u32),
    /// A person's full name.
    Person(u32),
    /// A person's surname form.
    PersonShort(u32),
    /// A role.
    Agent(u32),
    /// A gazetteer place.
    Place(u32),
    /// An action word.
    Trigger(u32),
    /// A cue word.
    Cue(u32),
}

/// One match of a lexicon phrase in a tokenized text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// The entry the phrase belongs to.
    pub entry: EntryRef,
    /// Token index range covered, gaps included.
    pub tokens: Range<usize>,
    /// Token range of the first part (the whole phrase unless the form has `…` gaps).
    pub head: Range<usize>,
    /// Token ranges of the parts after each `…` gap (empty for most forms).
    pub rest: Vec<Range<usize>>,
    /// Raw byte span: from after the proclitics of the first token to the end of the last.
    pub span: Span,
    /// Proclitics of the first token, folded (`ول`, `ب`, `` for none).
    pub proclitic: &'static str,
    /// True when the first token has an enclitic pronoun.
    pub enclitic: bool,
    /// True when the first token carries the future prefix س.
    pub future: bool,
}

/// A clitic reading of a word that starts some phrase: where the stem is and the trie
/// node after its first token.
#[derive(Debug, Clone, Copy)]
struct Start {
    prefix: u8,
    suffix: u8,
    future: bool,
    node: u32,
}

/// Words seen (per thread, per trie) with their phrase-starting readings: news text is
/// Zipfian, so nearly every token is answered by one hash lookup instead of trying every
/// clitic split. Cleared when it grows past [`CACHE_LIMIT`] words.
const CACHE_LIMIT: usize = 200_000;

/// The cached analysis of one word: its phrase-starting readings and the vocabulary ids
/// of all its readings (for the later parts of gapped forms).
#[derive(Debug, Default)]
struct Analysis {
    starts: Box<[Start]>,
    ids: Box<[u32]>,
}

thread_local! {
    static STARTS: std::cell::RefCell<(u64, HashMap<Box<str>, Analysis>)> = Default::default();
}

static NEXT_TRIE_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

#[derive(Debug, Clone)]
pub(crate) struct Trie {
    /// Distinguishes tries in the per-thread cache.
    id: u64,
    vocab: HashMap<Box<str>, u32>,
    edges: HashMap<(u32, u32), u32>,
    nodes: u32,
    /// Patterns ending at a node: (entry, remaining parts of a gapped form).
    outputs: HashMap<u32, Vec<(EntryRef, u32)>>,
    /// Remaining parts of gapped forms, as token-id sequences.
    gapped: Vec<Vec<Vec<u32>>>,
    patterns: usize,
}

impl Default for Trie {
    fn default() -> Self {
        Trie {
            id: NEXT_TRIE_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            vocab: HashMap::default(),
            edges: HashMap::default(),
            nodes: 0,
            outputs: HashMap::default(),
            gapped: Vec::new(),
            patterns: 0,
        }
    }
}

const NO_GAP: u32 = u32::MAX;

impl Trie {
    fn token_id(&mut self, key: &str) -> u32 {
        let n = self.vocab.len() as u32;
        *self.vocab.entry(key.into()).or_insert(n)
    }

    /// Adds one form (as written in a lexicon) for `entry`. Returns false when the form
    /// has no tokens.
    pub(crate) fn insert(&mut self, form: &str, entry: EntryRef) -> bool {
        let toks = rasid_text::tokenize(form);
        let mut parts: Vec<Vec<u32>> = vec![Vec::new()];
        for i in 0..toks.len() {
            let key = toks.fold(i);
            if key == "…" || key == "..." {
                parts.push(Vec::new());
                continue;
            }
            let id = self.token_id(key);
            parts.last_mut().unwrap().push(id);
        }
        parts.retain(|p| !p.is_empty());
        if parts.is_empty() {
            return false;
        }
        let mut node = 0u32;
        for &t in &parts[0] {
            node = match self.edges.get(&(node, t)) {
                Some(&n) => n,
                None => {
                    self.nodes += 1;
                    self.edges.insert((node, t), self.nodes);
                    self.nodes
                }
            };
        }
        let gap = if parts.len() > 1 {
            self.gapped.push(parts[1..].to_vec());
            (self.gapped.len() - 1) as u32
        } else {
            NO_GAP
        };
        let out = self.outputs.entry(node).or_default();
        if !out.contains(&(entry, gap)) {
            out.push((entry, gap));
            self.patterns += 1;
        }
        true
    }

    pub(crate) fn contains(&self, key: &str) -> bool {
        self.vocab.contains_key(key)
    }

    pub(crate) fn vocab_len(&self) -> usize {
        self.vocab.len()
    }

    pub(crate) fn pattern_count(&self) -> usize {
        self.patterns
    }

    /// The analysis of `word` (cached per thread; see [`Analysis`]).
    fn analyse<R>(&self, word: &str, buf: &mut String, f: impl FnOnce(&Analysis) -> R) -> R {
        STARTS.with(|cell| {
            let mut cache = cell.borrow_mut();
            if cache.0 != self.id || cache.1.len() > CACHE_LIMIT {
                cache.0 = self.id;
                cache.1.clear();
            }
            if let Some(a) = cache.1.get(word) {
                return f(a);
            }
            let (mut starts, mut ids) = (Vec::new(), Vec::new());
            clitic::for_each_reading(word, buf, &mut |c| {
                let Some(&first) = self.vocab.get(c.stem) else {
                    return;
                };
                ids.push(first);
                if let Some(&node) = self.edges.get(&(0, first)) {
                    starts.push(Start {
                        prefix: c.prefix as u8,
                        suffix: c.suffix as u8,
                        future: c.future,
                        node,
                    });
                }
            });
            let a = Analysis {
                starts: starts.into(),
                ids: ids.into(),
            };
            let r = f(&a);
            cache.1.insert(word.into(), a);
            r
        })
    }

    /// All matches in `toks[range]`, ordered by start token then by decreasing length.
    pub(crate) fn find(&self, raw: &str, toks: &Tokens, range: Range<usize>) -> Vec<Match> {
        let mut out = Vec::new();
        let mut buf = String::new();
        let end = range.end.min(toks.len());
        for i in range.start..end {
            let word = toks.fold(i);
            let mut starts: Vec<Start> = self.analyse(word, &mut buf, |a| a.starts.to_vec());
            // a final ة folds to ه but is never the pronoun ه (وزارة is not و + زار + ه)
            if toks.norm(i).ends_with('ة') {
                starts.retain(|s| s.suffix as usize != 'ه'.len_utf8());
            }
            {
                for c in &starts {
                    let mut node = c.node;
                    let mut j = i + 1;
                    loop {
                        if let Some(outs) = self.outputs.get(&node) {
                            for &(entry, gap) in outs {
                                let rest = if gap == NO_GAP {
                                    Vec::new()
                                } else {
                                    match self.match_gapped(
                                        toks,
                                        j,
                                        end,
                                        &self.gapped[gap as usize],
                                    ) {
                                        Some(rest) => rest,
                                        None => continue,
                                    }
                                };
                                let last = rest.last().map_or(j, |p| p.end);
                                let t0 = toks.tokens[i];
                                let prefix = c.prefix as usize;
                                let start = t0.span.start
                                    + rasid_text::fold_prefix_to_raw(&raw[t0.span.range()], prefix);
                                out.push(Match {
                                    entry,
                                    tokens: i..last,
                                    head: i..j,
                                    rest,
                                    span: Span::new(start, toks.tokens[last - 1].span.end),
                                    proclitic: clitic::proclitic_str(&word[..prefix]),
                                    enclitic: c.suffix > 0,
                                    future: c.future,
                                });
                            }
                        }
                        if c.suffix > 0 || j >= end {
                            break;
                        }
                        let Some(&t) = self.vocab.get(toks.fold(j)) else {
                            break;
                        };
                        let Some(&n) = self.edges.get(&(node, t)) else {
                            break;
                        };
                        node = n;
                        j += 1;
                    }
                }
            }
        }
        out.sort_by(|a, b| {
            a.tokens
                .start
                .cmp(&b.tokens.start)
                .then(b.tokens.end.cmp(&a.tokens.end))
        });
        out
    }

    /// Matches the remaining parts of a gapped form, each starting within [`MAX_GAP`]
    /// tokens of the previous part's end. The first token of a part may carry clitics.
    fn match_gapped(
        &self,
        toks: &Tokens,
        from: usize,
        end: usize,
        parts: &[Vec<u32>],
    ) -> Option<Vec<Range<usize>>> {
        let mut out = Vec::with_capacity(parts.len());
        let mut pos = from;
        let mut buf = String::new();
        for part in parts {
            let found = (pos..end.min(pos + MAX_GAP + 1)).find(|&s| {
                self.analyse(toks.fold(s), &mut buf, |a| a.ids.contains(&part[0]))
                    && part[1..].iter().enumerate().all(|(k, &t)| {
                        s + 1 + k < end && self.vocab.get(toks.fold(s + 1 + k)) == Some(&t)
                    })
            })?;
            out.push(found..found + part.len());
            pos = found + part.len();
        }
        Some(out)
    }
}

/// Derives the inflected forms of a verb given as perfect or imperfect 3rd person
/// masculine singular (folded): perfect +ت +ا +وا +تا (final ى/ا handled), imperfect
/// ي→ت and +ان +ون. The form itself comes first.
pub fn inflect_verb(form: &str) -> Vec<String> {
    let f = rasid_text::fold(form);
    let mut out = vec![f.clone()];
    if f.contains(' ') {
        // inflect the first word of a phrase only
        let (head, tail) = f.split_once(' ').unwrap();
        for h in inflect_verb(head).into_iter().skip(1) {
            out.push(format!("{h} {tail}"));
        }
        return out;
    }
    let mut push = |s: String| {
        if !out.contains(&s) {
            out.push(s);
        }
    };
    if let Some(rest) = f.strip_prefix('ي').filter(|r| r.chars().count() >= 2) {
        // imperfect
        push(format!("ت{rest}"));
        push(format!("ن{rest}"));
        if let Some(stem) = f.strip_suffix('ي') {
            // يلتقي → يلتقيان, يلتقون
            push(format!("{f}ان"));
            push(format!("{stem}ون"));
            push(format!("ت{}ان", &rest));
        } else {
            push(format!("{f}ان"));
            push(format!("{f}ون"));
            push(format!("ت{rest}ان"));
        }
    }
    // perfect (also applied to imperfect-looking forms: verbs like يسر are rare in triggers)
    if let Some(stem) = f.strip_suffix('ي') {
        push(format!("{stem}ت"));
        push(format!("{stem}يا"));
        push(format!("{stem}وا"));
        push(format!("{stem}تا"));
    } else if let Some(stem) = f.strip_suffix('ا') {
        push(format!("{stem}ت"));
        push(format!("{stem}وا"));
        push(format!("{stem}تا"));
    } else if !f.starts_with('ي') {
        push(format!("{f}ت"));
        push(format!("{f}ا"));
        push(format!("{f}وا"));
        push(format!("{f}تا"));
    }
    out
}

/// The forms of a nisba adjective (folded, without the article): masculine and feminine,
/// sound plurals and dual, each with and without ال.
pub fn nisba_forms(base: &str) -> Vec<String> {
    let b = rasid_text::fold(base);
    let mut out = Vec::new();
    for suffix in ["", "ه", "ون", "ين", "ات", "تان", "تين", "ان"] {
        let w = format!("{b}{suffix}");
        out.push(format!("ال{w}"));
        out.push(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflects_verbs() {
        let v = inflect_verb("زار");
        for f in ["زار", "زارت", "زارا", "زاروا"] {
            assert!(v.contains(&f.to_string()), "{f}");
        }
        let v = inflect_verb("يزور");
        for f in ["تزور", "يزوران", "يزورون"] {
            assert!(v.contains(&f.to_string()), "{f}");
        }
        let v = inflect_verb("التقى");
        for f in ["التقي", "التقت", "التقيا", "التقوا"] {
            assert!(v.contains(&f.to_string()), "{f}");
        }
        let v = inflect_verb("يلتقي");
        assert!(v.contains(&"يلتقون".to_string()));
        assert!(v.contains(&"تلتقي".to_string()));
    }

    #[test]
    fn nisba() {
        let f = nisba_forms("تركي");
        for w in ["التركي", "التركيه", "تركيه", "الاتراك"].iter().take(3) {
            assert!(f.contains(&w.to_string()), "{w}");
        }
    }

    #[test]
    fn trie_matches_through_clitics_and_marks() {
        let mut t = Trie::default();
        t.insert("وزير الدفاع التركي", EntryRef::Agent(0));
        t.insert("تلقى … اتصالا", EntryRef::Trigger(1));
        let raw = "ولوزيرِ الدفاعِ التركيِّ تلقى الرئيس التركي اتصالا";
        let toks = rasid_text::tokenize(raw);
        let m = t.find(raw, &toks, 0..toks.len());
        assert_eq!(m[0].entry, EntryRef::Agent(0));
        assert_eq!(&raw[m[0].span.range()], "وزيرِ الدفاعِ التركيِّ");
        assert_eq!(m[0].proclitic, "ول");
        let g = m.iter().find(|m| m.entry == EntryRef::Trigger(1)).unwrap();
        assert_eq!(g.head, 3..4);
        assert_eq!(g.rest.len(), 1);
        assert_eq!(g.rest[0], 6..7);
    }
}
