//! The compiled phrase matcher: every form of every entry, folded, its tokens joined by
//! one space, compiled with its clitic spellings into one double-array trie (crawdad),
//! searched over the folded keys of a text joined the same way.
//!
//! A phrase matches at token `i` when some clitic reading of token `i` (the readings of
//! [`rasid_text::clitic::for_each_reading`]) has the phrase's first token as stem and the
//! following tokens equal the phrase's next tokens (folded keys, unsplit). A reading with
//! an enclitic only matches one-token phrases. A gap `…` in a form lets up to
//! [`MAX_GAP`] tokens pass between two parts (`تلقى … اتصالا`).
//!
//! A stem starts at a token start or right after a proclitic sequence, so the trie is
//! searched (common-prefix search) from those few positions of each token only, not from
//! every character as an Aho-Corasick scan would: on the corpus that is 1–4 searches per
//! token, most of them ending after a letter or two. Clitics that change the spelling of
//! the stem are compiled in as spellings of the key rather than undone at match time:
//! the article after ل (`للحكومة`: key `لحكومه`, valid after ل، ول، فل), ة written ت
//! before a pronoun (`زيارته`: key `زيارت`) and ى written ا before a pronoun (`التقاه`:
//! key `التقا`). A hit is a match when the letters after it in its token are an enclitic
//! (or nothing).
//!
//! Build ([`MatcherBuilder`]) and use ([`Matcher::find`]) are separate stages; the
//! built matcher is immutable and shared across threads.

use rasid_text::{clitic, Span, Tokens};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::ops::Range;

/// The most tokens a `…` gap in a form may skip.
pub const MAX_GAP: usize = 10;

/// What a matched phrase names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
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

/// How the stem's spelling changes at the end of a key variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
enum Ending {
    /// As written in the form.
    Plain,
    /// Final ة (folded ه) written ت; an enclitic must follow.
    Ta,
    /// Final ى (folded ي) written ا; an enclitic must follow.
    Alif,
}

/// What a trie key stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
enum Target {
    /// The head of a form of an entry.
    Entry {
        entry: EntryRef,
        /// Index into [`Matcher::gapped`], or [`NO_GAP`].
        gap: u32,
        /// Tokens in the head (the part before any gap).
        head_tokens: u32,
        /// Insertion order among the forms with the same head, for a stable match order.
        seq: u32,
    },
    /// The first token of a part after a gap (an index into [`Matcher::anchors`]): its
    /// hits tell where a gapped form may continue.
    Anchor(u32),
}

/// One output of a trie key: what it stands for, and the spelling variant it is.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct Output {
    target: Target,
    /// The key drops the article's alif: valid only after ل، ول، فل (reading `لل…`).
    lam: bool,
    ending: Ending,
}

impl Output {
    /// Whether the word may carry a possessive or object pronoun: roles (`حكومته`),
    /// action words (`زيارته`), cues and anchors may; names of countries, places,
    /// people and organisations never do (`توجوها` is not Togo, `حماسه` not Hamas).
    fn takes_pronoun(&self) -> bool {
        match self.target {
            Target::Entry { entry, .. } => matches!(
                entry,
                EntryRef::Agent(_) | EntryRef::Trigger(_) | EntryRef::Cue(_)
            ),
            Target::Anchor(_) => true,
        }
    }

    fn head_tokens(&self) -> u32 {
        match self.target {
            Target::Entry { head_tokens, .. } => head_tokens,
            Target::Anchor(_) => 1,
        }
    }
}

const NO_GAP: u32 = u32::MAX;

/// A part of a gapped form after a `…`: its first token (an anchor id, matched through
/// clitics) and the tokens that must follow it exactly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Part {
    anchor: u32,
    rest: Vec<Box<str>>,
}

/// Collects forms; [`MatcherBuilder::build`] compiles them into a [`Matcher`].
#[derive(Debug, Default)]
pub(crate) struct MatcherBuilder {
    keys: HashMap<String, u32>,
    outputs: Vec<Vec<Output>>,
    /// Tokens of each key.
    key_tokens: Vec<u32>,
    vocab: HashSet<Box<str>>,
    anchors: HashMap<Box<str>, u32>,
    gapped: Vec<Vec<Part>>,
    patterns: usize,
}

impl MatcherBuilder {
    /// Adds `out` under `head` (folded tokens joined by one space) and under the clitic
    /// spellings of `head`: without the article's alif after ل, and with a final ة or ى
    /// spelled ت or ا before a pronoun (one-token heads only).
    fn push_spellings(&mut self, head: &str, out: Output) {
        let first = head.split(' ').next().unwrap_or(head);
        // a stem is at least two letters (clitic::for_each_reading never yields shorter)
        if first.chars().nth(1).is_none() {
            return;
        }
        let mut spellings = vec![(head.to_string(), out)];
        if let Some(rest) = head.strip_prefix('ا').filter(|r| r.starts_with('ل')) {
            // لل + stem: at least two letters after the article
            if first.chars().count() >= 4 {
                spellings.push((rest.to_string(), Output { lam: true, ..out }));
            }
        }
        if out.head_tokens() == 1 {
            for (key, out) in spellings.clone() {
                let mut chars = key.chars();
                let (last, stem) = (chars.next_back(), chars.as_str());
                let (ending, spelled) = match last {
                    Some('ه') => (Ending::Ta, 'ت'),
                    Some('ي') => (Ending::Alif, 'ا'),
                    _ => continue,
                };
                spellings.push((format!("{stem}{spelled}"), Output { ending, ..out }));
            }
        }
        for (key, out) in spellings {
            let n = self.outputs.len() as u32;
            let k = match self.keys.get(&key) {
                Some(&k) => k,
                None => {
                    self.keys.insert(key.clone(), n);
                    n
                }
            };
            if k == n {
                self.outputs.push(Vec::new());
                self.key_tokens.push(key.split(' ').count() as u32);
            }
            self.outputs[k as usize].push(out);
        }
    }

    /// The anchor id of `token` (the first token of a part after a gap), added with its
    /// spellings on first use.
    fn anchor(&mut self, token: &str) -> u32 {
        if let Some(&id) = self.anchors.get(token) {
            return id;
        }
        let id = self.anchors.len() as u32;
        self.anchors.insert(token.into(), id);
        let out = Output {
            target: Target::Anchor(id),
            lam: false,
            ending: Ending::Plain,
        };
        self.push_spellings(token, out);
        id
    }

    /// Adds one form (as written in a lexicon) for `entry`. Returns false when the form
    /// has no tokens.
    pub(crate) fn insert(&mut self, form: &str, entry: EntryRef) -> bool {
        let toks = rasid_text::tokenize(form);
        let mut parts: Vec<Vec<Box<str>>> = vec![Vec::new()];
        for i in 0..toks.len() {
            let key = toks.fold(i);
            if key == "…" || key == "..." {
                parts.push(Vec::new());
                continue;
            }
            if !self.vocab.contains(key) {
                self.vocab.insert(key.into());
            }
            parts.last_mut().unwrap().push(key.into());
        }
        parts.retain(|p| !p.is_empty());
        let Some((head, tail)) = parts.split_first() else {
            return false;
        };
        let tail: Vec<Part> = tail
            .iter()
            .map(|p| Part {
                anchor: self.anchor(&p[0]),
                rest: p[1..].to_vec(),
            })
            .collect();
        let head = head.join(" ");
        // the same form twice for the same entry adds nothing
        let earlier = self
            .keys
            .get(&head)
            .map_or(&[][..], |&k| &self.outputs[k as usize]);
        let mut seq = 0;
        for o in earlier {
            if let Target::Entry { entry: e, gap, .. } = o.target {
                if o.lam || o.ending != Ending::Plain {
                    continue;
                }
                let same_tail = match gap {
                    NO_GAP => tail.is_empty(),
                    g => self.gapped[g as usize] == tail,
                };
                if e == entry && same_tail {
                    return true;
                }
                seq += 1;
            }
        }
        let gap = if tail.is_empty() {
            NO_GAP
        } else {
            self.gapped.push(tail);
            (self.gapped.len() - 1) as u32
        };
        self.patterns += 1;
        let target = Target::Entry {
            entry,
            gap,
            head_tokens: head.split(' ').count() as u32,
            seq,
        };
        self.push_spellings(
            &head,
            Output {
                target,
                lam: false,
                ending: Ending::Plain,
            },
        );
        true
    }

    /// Compiles the collected forms.
    ///
    /// # Panics
    /// Only if crawdad rejects the key set (beyond its 2^31 scale).
    pub(crate) fn build(self) -> Matcher {
        let mut keys: Vec<(String, u32)> = self.keys.into_iter().collect();
        keys.sort_unstable();
        let trie = (!keys.is_empty()).then(|| {
            crawdad::Trie::from_records(keys)
                .expect("lexicon keys fit the trie")
                .into()
        });
        // one contiguous output array, each key's outputs a slice of it
        let mut outputs = Vec::with_capacity(self.outputs.iter().map(Vec::len).sum());
        let mut key_info = Vec::with_capacity(self.outputs.len());
        for (outs, tokens) in self.outputs.into_iter().zip(self.key_tokens) {
            key_info.push(KeyInfo {
                first_output: outputs.len() as u32,
                outputs: outs.len() as u32,
                tokens,
            });
            outputs.extend(outs);
        }
        Matcher {
            trie,
            key_info,
            outputs,
            vocab: self.vocab,
            gapped: self.gapped,
            patterns: self.patterns,
        }
    }
}

/// The compiled matcher of a lexicon (see the module documentation).
#[derive(Clone, Default, Serialize, Deserialize)]
pub(crate) struct Matcher {
    #[serde(with = "trie_bytes")]
    trie: Option<std::sync::Arc<crawdad::Trie>>,
    /// Where the outputs of each key are, and its tokens (indexed by the trie's value).
    key_info: Vec<KeyInfo>,
    /// The outputs of all keys, key after key.
    outputs: Vec<Output>,
    vocab: HashSet<Box<str>>,
    gapped: Vec<Vec<Part>>,
    patterns: usize,
}

/// A trie key's outputs (`outputs[first_output..first_output + outputs]`) and its
/// number of tokens, in one small record: one cache line read per hit.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct KeyInfo {
    first_output: u32,
    outputs: u32,
    tokens: u32,
}

/// The trie in the compiled form: crawdad's own serialization, as bytes.
mod trie_bytes {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::sync::Arc;

    pub(super) fn serialize<S: Serializer>(
        trie: &Option<Arc<crawdad::Trie>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        trie.as_ref().map(|t| t.serialize_to_vec()).serialize(s)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Arc<crawdad::Trie>>, D::Error> {
        let bytes: Option<Vec<u8>> = Option::deserialize(d)?;
        Ok(bytes.map(|b| Arc::new(crawdad::Trie::deserialize_from_slice(&b).0)))
    }
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Matcher")
            .field("keys", &self.key_info.len())
            .field("patterns", &self.patterns)
            .field("vocabulary", &self.vocab.len())
            .finish()
    }
}

/// The token letters around a trie hit in the joined key buffer.
#[derive(Debug, Clone, Copy)]
struct Affixes<'a> {
    /// Where the hit's token starts in the buffer.
    token_start: usize,
    /// Letters between the token start and the hit.
    before: &'a str,
    /// Letters between the hit and the token end: an enclitic or nothing.
    after: &'a str,
    /// [`clitic::enclitic_rank`] of `after`, 0 when it is empty.
    enclitic: u8,
}

/// The order of matches: start token, longest first, then proclitic rank, enclitic
/// rank (spelling included) and insertion order, as [`rasid_text::clitic::candidates`]
/// orders readings.
type MatchOrder = (usize, Reverse<usize>, u8, u8, u32);

/// An anchored hit of the trie: key `key` read from byte `start` of the joined buffer,
/// covering tokens `first..head_end`.
struct Hit<'a> {
    key: u32,
    start: usize,
    ax: Affixes<'a>,
    first: usize,
    head_end: usize,
}

/// Buffers [`Matcher::find`] reuses from call to call on one thread.
#[derive(Default)]
struct Scratch {
    buf: String,
    starts: Vec<usize>,
    found: Vec<Found>,
    anchors: Vec<(usize, u32)>,
    /// The matches with their sort keys, before sorting.
    keyed: Vec<(MatchOrder, Match)>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

/// A valid reading found by the trie whose entry output is resolved in a second
/// pass (gapped forms need the anchors found after them).
struct Found {
    out: Output,
    first: usize,
    head_end: usize,
    proclitic: Option<clitic::Proclitic>,
    enclitic: u8,
}

impl Matcher {
    pub(crate) fn contains(&self, key: &str) -> bool {
        self.vocab.contains(key)
    }

    pub(crate) fn vocab_len(&self) -> usize {
        self.vocab.len()
    }

    pub(crate) fn pattern_count(&self) -> usize {
        self.patterns
    }

    /// Trie keys (forms and their clitic spellings).
    pub(crate) fn key_count(&self) -> usize {
        self.key_info.len()
    }

    /// Heap bytes held by the trie and its tables (the hash set of the vocabulary
    /// counted as its keys plus one pointer-sized slot each).
    pub(crate) fn heap_bytes(&self) -> usize {
        let trie = self.trie.as_ref().map_or(0, |t| t.heap_bytes());
        let outs = self.outputs.capacity() * std::mem::size_of::<Output>()
            + self.key_info.capacity() * std::mem::size_of::<KeyInfo>();
        let vocab: usize = self.vocab.iter().map(|k| k.len() + 24).sum();
        let gapped: usize = self
            .gapped
            .iter()
            .flatten()
            .map(|p| 32 + p.rest.iter().map(|k| k.len() + 16).sum::<usize>())
            .sum();
        trie + outs + vocab + gapped
    }

    /// All matches in `toks[range]`, ordered by start token, then by decreasing end
    /// token, then in the order of [`rasid_text::clitic::candidates`]' readings.
    pub(crate) fn find(&self, raw: &str, toks: &Tokens, range: Range<usize>) -> Vec<Match> {
        let Some(trie) = &self.trie else {
            return Vec::new();
        };
        // the coder calls this once per sentence: reuse the buffers of earlier calls
        SCRATCH.with_borrow_mut(|scratch| self.find_in(trie, raw, toks, range, scratch))
    }

    fn find_in(
        &self,
        trie: &crawdad::Trie,
        raw: &str,
        toks: &Tokens,
        range: Range<usize>,
        scratch: &mut Scratch,
    ) -> Vec<Match> {
        let end = range.end.min(toks.len());
        let range = range.start.min(end)..end;
        let Scratch {
            buf,
            starts,
            found,
            anchors,
            keyed,
        } = scratch;
        // the folded keys of the range, each followed by one space; starts[k] is where the
        // key of token range.start + k begins
        buf.clear();
        starts.clear();
        found.clear();
        // (token, anchor id) of every anchor reading, for the parts of gapped forms
        anchors.clear();
        for i in range.clone() {
            starts.push(buf.len());
            buf.push_str(toks.fold(i));
            buf.push(' ');
        }
        let buf = buf.as_str();
        for (k, &token_start) in starts.iter().enumerate() {
            let word_end = starts.get(k + 1).map_or(buf.len(), |&s| s) - 1;
            let word = &buf[token_start..word_end];
            // a stem starts at the token start or after a proclitic sequence
            let mut offsets = [0usize; 4];
            let mut n = 1;
            if word.starts_with(['و', 'ف', 'ب', 'ل', 'ك', 'س']) {
                for (i, _) in word.char_indices().skip(1).take(3) {
                    if clitic::proclitic(&word[..i]).is_some() {
                        offsets[n] = i;
                        n += 1;
                    }
                }
            }
            for &offset in &offsets[..n] {
                let start = token_start + offset;
                // the byte end of the last character the trie consumed
                let consumed = std::cell::Cell::new(start);
                let chars = buf[start..].char_indices().map(|(i, c)| {
                    consumed.set(start + i + c.len_utf8());
                    c
                });
                for (key, _) in trie.common_prefix_search(chars) {
                    let stop = consumed.get();
                    let after = match buf.as_bytes()[stop..]
                        .iter()
                        .take(clitic::MAX_ENCLITIC_BYTES + 1)
                        .position(|&c| c == b' ')
                    {
                        Some(len) => &buf[stop..stop + len],
                        None => continue,
                    };
                    // the rest of the token must be an enclitic or nothing; checked before
                    // the key's tables are read (most hits inside a word have neither)
                    let enclitic = match after {
                        "" => 0,
                        s => match clitic::enclitic_rank(s) {
                            Some(r) => r,
                            None => continue,
                        },
                    };
                    let ax = Affixes {
                        token_start,
                        before: &word[..offset],
                        after,
                        enclitic,
                    };
                    let first = range.start + k;
                    let hit = Hit {
                        key,
                        start,
                        ax,
                        first,
                        head_end: first + self.key_info[key as usize].tokens as usize,
                    };
                    self.readings(buf, toks, &hit, found, anchors);
                }
            }
        }
        anchors.sort_unstable();
        keyed.clear();
        keyed.extend(found.iter().filter_map(|f| {
            let Target::Entry {
                entry, gap, seq, ..
            } = f.out.target
            else {
                return None;
            };
            let rest = match gap {
                NO_GAP => Vec::new(),
                g => Self::match_gapped(toks, anchors, f.head_end, end, &self.gapped[g as usize])?,
            };
            let last = rest.last().map_or(f.head_end, |p| p.end);
            let prefix = f.proclitic.map_or(0, |p| p.text.len());
            let t0 = toks.tokens[f.first];
            let span_start =
                t0.span.start + rasid_text::fold_prefix_to_raw(&raw[t0.span.range()], prefix);
            let suffix_rank = match (f.enclitic, f.out.ending) {
                (0, _) => 0,
                (r, Ending::Plain) => 3 * r - 2,
                (r, Ending::Ta) => 3 * r - 1,
                (r, Ending::Alif) => 3 * r,
            };
            let order = (
                f.first,
                Reverse(last),
                f.proclitic.map_or(0, |p| p.rank),
                suffix_rank,
                seq,
            );
            let m = Match {
                entry,
                tokens: f.first..last,
                head: f.first..f.head_end,
                rest,
                span: Span::new(span_start, toks.tokens[last - 1].span.end),
                proclitic: f.proclitic.map_or("", |p| p.text),
                enclitic: f.enclitic > 0,
                future: f.proclitic.is_some_and(|p| p.future),
            };
            Some((order, m))
        }));
        keyed.sort_by_key(|(k, _)| *k);
        keyed.drain(..).map(|(_, m)| m).collect()
    }

    /// The valid readings of `hit`: pushes entry outputs to `found` and anchor readings to
    /// `anchors`. A reading is valid when the letters before the hit are a proclitic
    /// sequence (an article sequence only for the keys that drop the article's alif),
    /// the letters after it an enclitic (one-token keys only; required by the ت and ا
    /// spellings; the caller has checked that they are an enclitic or nothing), and a
    /// future prefix stands before ي ت ن ا.
    fn readings(
        &self,
        buf: &str,
        toks: &Tokens,
        hit: &Hit<'_>,
        found: &mut Vec<Found>,
        anchors: &mut Vec<(usize, u32)>,
    ) {
        let ax = hit.ax;
        let enclitic = ax.enclitic;
        let info = self.key_info[hit.key as usize];
        let outs = info.first_output as usize..(info.first_output + info.outputs) as usize;
        for &out in &self.outputs[outs] {
            if out.ending != Ending::Plain && enclitic == 0 {
                continue; // the ت and ا spellings only occur before a pronoun
            }
            if enclitic > 0 && (out.head_tokens() > 1 || !out.takes_pronoun()) {
                continue;
            }
            let proclitic = if out.lam {
                // the key's ل is the article's, written after the proclitic ل
                match clitic::proclitic(&buf[ax.token_start..hit.start + 'ل'.len_utf8()]) {
                    Some(p) if p.article => Some(p),
                    _ => continue,
                }
            } else if ax.before.is_empty() {
                None
            } else {
                match clitic::proclitic(ax.before) {
                    Some(p) if p.article => continue,
                    Some(p) if p.future && !buf[hit.start..].starts_with(['ي', 'ت', 'ن', 'ا']) => {
                        continue
                    }
                    Some(p) => Some(p),
                    None => continue,
                }
            };
            if let Target::Anchor(id) = out.target {
                anchors.push((hit.first, id));
                continue;
            }
            // a final ة folds to ه but is never the pronoun ه (وزارة is not و + زار + ه)
            if ax.after == "ه" && toks.norm(hit.first).ends_with('ة') {
                continue;
            }
            found.push(Found {
                out,
                first: hit.first,
                head_end: hit.head_end,
                proclitic,
                enclitic,
            });
        }
    }

    /// Matches the parts of a gapped form after its head, each starting within
    /// [`MAX_GAP`] tokens of the previous part's end with no clause-opening connective
    /// between ([`rasid_text::clause_break`]): its first token is a reading of the
    /// part's anchor (clitics allowed), the next ones equal its other tokens. `anchors`
    /// holds the sorted (token, anchor) readings of the range; `end` is its end.
    fn match_gapped(
        toks: &Tokens,
        anchors: &[(usize, u32)],
        from: usize,
        end: usize,
        parts: &[Part],
    ) -> Option<Vec<Range<usize>>> {
        let mut out = Vec::new();
        let mut pos = from;
        for part in parts {
            let window = end.min(pos + MAX_GAP + 1);
            let lo = anchors.partition_point(|a| a.0 < pos);
            let found = anchors[lo..]
                .iter()
                .take_while(|a| a.0 < window)
                .filter(|a| a.1 == part.anchor)
                .map(|a| a.0)
                .find(|&s| {
                    part.rest
                        .iter()
                        .enumerate()
                        .all(|(k, t)| s + 1 + k < end && toks.fold(s + 1 + k) == &**t)
                })
                // (a gap never crosses into another clause: قصفت النصرة البلدة، بينما نفذ
                // الطيران غارات is no `قصف … الطيران`)
                .filter(|&s| rasid_text::next_clause_break(toks, pos, s).is_none())?;
            let len = 1 + part.rest.len();
            out.push(found..found + len);
            pos = found + len;
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
/// sound plurals and dual, each with and without ال, and the indefinite accusative
/// (`فلسطينيا` in اعتقل عشرين فلسطينيا), which never takes ال.
pub fn nisba_forms(base: &str) -> Vec<String> {
    let b = rasid_text::fold(base);
    let mut out = Vec::new();
    for suffix in ["", "ه", "ون", "ين", "ات", "تان", "تين", "ان"] {
        let w = format!("{b}{suffix}");
        out.push(format!("ال{w}"));
        out.push(w);
    }
    out.push(format!("{b}ا"));
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
        assert!(nisba_forms("فلسطيني").contains(&"فلسطينيا".to_string()));
        assert!(!nisba_forms("فلسطيني").contains(&"الفلسطينيا".to_string()));
    }

    /// (surface, proclitic, enclitic) of every match of `entry` in `raw`.
    fn hits(m: &Matcher, raw: &str, entry: EntryRef) -> Vec<(String, &'static str, bool)> {
        let toks = rasid_text::tokenize(raw);
        m.find(raw, &toks, 0..toks.len())
            .into_iter()
            .filter(|x| x.entry == entry)
            .map(|x| (raw[x.span.range()].to_string(), x.proclitic, x.enclitic))
            .collect()
    }

    #[test]
    fn clitic_spellings_match() {
        let mut b = MatcherBuilder::default();
        b.insert("الحكومة", EntryRef::Agent(0));
        b.insert("زيارة", EntryRef::Trigger(1));
        b.insert("التقى", EntryRef::Trigger(2));
        b.insert("يزور", EntryRef::Trigger(3));
        b.insert("وزير الدفاع", EntryRef::Agent(4));
        b.insert("زار", EntryRef::Trigger(5));
        b.insert("توجو", EntryRef::Country(6));
        let m = b.build();
        // names never carry a pronoun: توجوها is a verb, not Togo
        assert!(hits(&m, "توجوها", EntryRef::Country(6)).is_empty());
        assert_eq!(hits(&m, "وتوجو", EntryRef::Country(6)).len(), 1);
        // the article after ل, with and without و
        assert_eq!(
            hits(&m, "للحكومة وللحكومة", EntryRef::Agent(0)),
            [
                ("حكومة".into(), "لل", false),
                ("حكومة".into(), "ولل", false)
            ]
        );
        // ة spelled ت before a pronoun; ى spelled ا before a pronoun
        assert_eq!(
            hits(&m, "وزيارته", EntryRef::Trigger(1)),
            [("زيارته".into(), "و", true)]
        );
        assert_eq!(
            hits(&m, "التقاه", EntryRef::Trigger(2)),
            [("التقاه".into(), "", true)]
        );
        // the ت spelling needs its pronoun
        assert!(hits(&m, "زيارت", EntryRef::Trigger(1)).is_empty());
        // future prefix before an imperfect
        let toks = rasid_text::tokenize("سيزور");
        let f = m.find("سيزور", &toks, 0..1);
        assert!(f
            .iter()
            .any(|x| x.entry == EntryRef::Trigger(3) && x.future));
        // a pronoun only on one-token phrases
        assert!(hits(&m, "وزيره الدفاع", EntryRef::Agent(4)).is_empty());
        // a final ة is not the pronoun ه: وزارة is not زار + ه
        assert!(hits(&m, "وزارة", EntryRef::Trigger(5)).is_empty());
        assert_eq!(hits(&m, "زاره", EntryRef::Trigger(5)).len(), 1);
        // not inside a word
        assert!(hits(&m, "مزار", EntryRef::Trigger(5)).is_empty());
    }

    #[test]
    fn trie_matches_through_clitics_and_marks() {
        let mut b = MatcherBuilder::default();
        b.insert("وزير الدفاع التركي", EntryRef::Agent(0));
        b.insert("تلقى … اتصالا", EntryRef::Trigger(1));
        let t = b.build();
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
