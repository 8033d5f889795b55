//! Fuzzes the coder with generated documents (issue 16): random mixes of Arabic news
//! words, punctuation and quotes, digits of three scripts, diacritics, Presentation
//! Forms-B letters and lam-alef ligatures, HTML-like tags, control characters and long
//! runs with no full stop, plus the regression cases of issue 16 (a run-on quoted speech,
//! text with no punctuation, a `<script>` block, presentation forms). Each document is
//! coded with [`rasid_coder::Coder::try_code`]; the run fails (exit 1) on a caught panic
//! or an event whose spans are not inside the text on character boundaries, or whose
//! trigger lies outside its evidence sentence.
//!
//! ```sh
//! cargo run --release -p rasid-coder --example fuzz -- [DOCS] [SEED]   # default 5000 1
//! ```
//!
//! Deterministic: the same DOCS and SEED give the same documents. Prints documents,
//! bytes, events, failures and seconds.

use rasid_text::{Document, Span};

/// Words and phrases the generator draws from (our own; common news vocabulary, actors,
/// triggers, cues, dates).
const WORDS: &[&str] = &[
    "قال",
    "وزير",
    "الخارجية",
    "السعودي",
    "التركي",
    "إن",
    "استقبل",
    "نظيره",
    "في",
    "الرياض",
    "أنقرة",
    "أمس",
    "بحث",
    "معه",
    "العلاقات",
    "أدان",
    "الهجوم",
    "الإرهابي",
    "مسلحون",
    "مجهولون",
    "انفجار",
    "عبوة",
    "ناسفة",
    "الجيش",
    "قوات",
    "الأمن",
    "داعش",
    "جبهة",
    "النصرة",
    "الحوثيين",
    "لم",
    "سوف",
    "يزور",
    "الأسبوع",
    "المقبل",
    "الرئيس",
    "الأمير",
    "سموه",
    "ولي",
    "العهد",
    "الملك",
    "سلمان",
    "بن",
    "عبدالعزيز",
    "الأمم",
    "المتحدة",
    "مجلس",
    "التعاون",
    "رمضان",
    "1436",
    "هـ",
    "يوليو",
    "2015",
    "الماضي",
    "و",
    "ب",
    "ل",
    "على",
    "مع",
    "إلى",
    "من",
    "عن",
    "وقال",
    "وأكد",
    "اتفاق",
    "توقيع",
    "مساعدات",
    "قصف",
    "غارة",
    "طائرات",
    "التحالف",
    "اليمن",
    "سوريا",
    "ليبيا",
    "حفتر",
    "طرابلس",
    "طهران",
];

/// Separators and marks.
const MARKS: &[&str] = &[
    " ", " ", " ", " ", "، ", ". ", "؟ ", "! ", "؛ ", "\n", "\n\n", "«", "»", "\"", "'", "(", ")",
    ": ", "...", " - ", "\t", "\u{200F}", "\u{0640}", "\u{064E}", "\u{0651}", "٣", "۴", "7",
    "10.5", "\u{00A0}",
];

/// Oddities: tags, controls, presentation forms, ligatures, replacement characters.
const ODD: &[&str] = &[
    "<script>alert(\"نظيره الإيراني\")</script>",
    "<style>.a{}</style>",
    "<p>",
    "</p>",
    "<br/>",
    "&amp;",
    "\u{0000}",
    "\u{FEFF}",
    "\u{FFFD}",
    "\u{FE8D}\u{FEDF}\u{FEFC}\u{FE9F}\u{FE8C}\u{FEF4}\u{FEE6}",
    "\u{FEFB}",
    "\u{FEF5}",
    "\u{FE70}",
    "\u{202E}",
    "😀",
    "Ankara",
    "U.N.",
];

/// xorshift64: a small deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

/// One generated document text: mostly words and marks, some oddities, now and then a
/// long run of one unit (the run-on cases of issue 16).
fn text(rng: &mut Rng) -> String {
    let mut s = String::new();
    let parts = 1 + rng.below(400);
    for _ in 0..parts {
        match rng.below(100) {
            0..=59 => s.push_str(rng.pick(WORDS)),
            60..=91 => s.push_str(rng.pick(MARKS)),
            92..=97 => s.push_str(rng.pick(ODD)),
            _ => {
                // a run-on: one short unit repeated, with no full stop
                let unit = match rng.below(3) {
                    0 => "«قال وزير الخارجية السعودي إن ".to_string(),
                    1 => "استقبل الوزير نظيره التركي وبحث معه ".to_string(),
                    _ => format!("{} ", rng.pick(WORDS)),
                };
                s.push_str(&unit.repeat(20 + rng.below(400)));
            }
        }
    }
    s
}

/// Why an event's spans are unsound, if they are.
fn unsound(text: &str, e: &rasid_coder::Event) -> Option<String> {
    let ok = |s: Span| {
        s.start <= s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    let mut spans = vec![
        ("evidence", e.evidence),
        ("trigger", e.trigger.span),
        ("source", e.source.span),
    ];
    if let Some(t) = &e.target {
        spans.push(("target", t.span));
    }
    for (what, s) in spans {
        if !ok(s) {
            return Some(format!(
                "{what} span {s:?} outside the text or not on a char boundary"
            ));
        }
    }
    let (ev, tr) = (e.evidence, e.trigger.span);
    (tr.start < ev.start || tr.end > ev.end)
        .then(|| format!("trigger {tr:?} outside evidence {ev:?}"))
}

fn main() {
    let mut args = std::env::args().skip(1);
    let docs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(5_000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let lex = rasid_lexicon::Lexicon::build(&rasid_lexicon::Sources::embedded())
        .expect("shipped lexicons are valid");
    let coder = rasid_coder::Coder::new(&lex);
    let mut rng = Rng(seed.max(1) ^ 0x9E37_79B9_7F4A_7C15);
    let start = std::time::Instant::now();
    let (mut bytes, mut events, mut failures) = (0usize, 0usize, 0usize);
    for n in 0..docs {
        let doc = Document {
            doc_id: format!("fuzz-{seed}-{n}"),
            text: text(&mut rng),
            date: chrono::NaiveDate::from_ymd_opt(2015, 8, 1),
            ..Default::default()
        };
        bytes += doc.text.len();
        match coder.try_code(&doc) {
            Ok(evs) => {
                events += evs.len();
                for e in &evs {
                    if let Some(why) = unsound(&doc.text, e) {
                        failures += 1;
                        eprintln!("{}: {why}", doc.doc_id);
                    }
                }
            }
            Err(err) => {
                failures += 1;
                eprintln!("{err}");
            }
        }
    }
    println!(
        "fuzz: {docs} documents, {:.1} MB, {events} events, {failures} failures, {:.1} s",
        bytes as f64 / 1e6,
        start.elapsed().as_secs_f64()
    );
    if failures > 0 {
        std::process::exit(1);
    }
}
