//! Trailing boilerplate of scraped pages: what a news site appends after the story and
//! a scraper keeps (end-of-story marks, time stamps, comment-section and share labels,
//! "read also" links, tag lists).
//!
//! Only the **end** of a text is examined: from the last line upwards, a line that is
//! wholly boilerplate is dropped and the scan goes on; a line that is not is checked for
//! a short boilerplate fragment after its last sentence (`... العام. سمات القاهرة مصر`),
//! and the scan stops at the first real content. Nothing is rewritten: the functions
//! report byte spans into the raw text, so the offsets of everything kept stay raw
//! offsets. Recognised (matched on folded keys, punctuation and case ignored):
//!
//! * end marks: `// انتهى //`, `انتهى`, `// يتبع //`, `يتبع`;
//! * time stamps: `20:26 ت م`, `14:37`, `9:05 ص`, `18:00 GMT`;
//! * comment labels: `مناقشة حول هذا post`, `أضف تعليق`, `التعليقات`, `تعليقات (3)`;
//! * links and labels: `...المزيد`, `اقرأ أيضا: …`, `رابط الخبر …`, `شارك`, `طباعة`,
//!   `أرسل لصديق`, `share`, `print`, `tweet`;
//! * tag lists: a short `سمات …` line or trailing fragment.

use crate::normalize::Normalized;
use crate::Span;

/// Whole lines that are boilerplate (folded key, letters/digits only, see [`line_key`]).
const LINES: &[&str] = &[
    "انتهي",
    "يتبع",
    "التعليقات",
    "تعليقات",
    "تعليق",
    "اضف تعليق",
    "اضف تعليقك",
    "اضف تعليقا",
    "اكتب تعليقك",
    "المزيد",
    "اقرا المزيد",
    "اقرا ايضا",
    "شارك",
    "شارك الخبر",
    "مشاركه",
    "طباعه",
    "طباعه الخبر",
    "ارسل لصديق",
    "ارسال لصديق",
    "ارسل",
    "حفظ",
    "share",
    "print",
    "tweet",
    "email",
    "facebook",
    "twitter",
    "مناقشه حول هذا post",
];

/// Prefixes of whole lines that are boilerplate, whatever follows (bounded length).
const LINE_PREFIXES: &[&str] = &[
    "اقرا ايضا",
    "اقرا المزيد",
    "رابط الخبر",
    "مناقشه حول هذا",
    "سمات ",
    "الوسوم ",
];

/// Folded markers that open a boilerplate fragment at the end of a content line.
const FRAGMENTS: &[&str] = &[
    "// انتهي //",
    "//انتهي//",
    "// يتبع //",
    "رابط الخبر",
    "اقرا ايضا",
    "...المزيد",
    "... المزيد",
    "…المزيد",
    "سمات ",
    "مناقشه حول هذا",
    "اضف تعليق",
];

/// Longest line (bytes) that may be judged wholly boilerplate.
const MAX_LINE: usize = 300;
/// Longest trailing fragment (bytes) that may be judged boilerplate.
const MAX_FRAGMENT: usize = 700;

/// The matching key of a short line: folded, ASCII lowercased, everything but letters,
/// digits, `:` and single spaces removed, and trailing digits and `:` dropped
/// (`تعليقات (3)` → `تعليقات`) unless the line is a time stamp.
fn line_key(line: &str) -> String {
    let mut k = String::with_capacity(line.len());
    for c in line.chars().filter_map(crate::fold_char) {
        if c.is_alphanumeric() || c == ':' {
            k.push(c.to_ascii_lowercase());
        } else if c.is_whitespace() && !k.is_empty() && !k.ends_with(' ') {
            k.push(' ');
        }
    }
    while k.ends_with(' ') {
        k.pop();
    }
    k
}

/// `20:26 ت م`, `14:37`, `9:05 ص`, `18:00 gmt` (key form).
fn is_time_stamp(key: &str) -> bool {
    let (time, rest) = key.split_once(' ').unwrap_or((key, ""));
    let Some((h, m)) = time.split_once(':') else {
        return false;
    };
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    digits(h, 1..=2)
        && digits(m, 2..=2)
        && matches!(
            rest,
            "" | "ت م"
                | "ت غ"
                | "ص"
                | "م"
                | "مساء"
                | "صباحا"
                | "gmt"
                | "بتوقيت مكه"
                | "بتوقيت غرينتش"
        )
}

fn is_boilerplate_line(line: &str) -> bool {
    if line.len() > MAX_LINE {
        return false;
    }
    let key = line_key(line);
    if key.is_empty() {
        return false;
    }
    if is_time_stamp(&key) {
        return true;
    }
    let bare = key.trim_end_matches(|c: char| c.is_ascii_digit() || c == ':' || c == ' ');
    LINES.contains(&bare)
        || LINE_PREFIXES.iter().any(|p| {
            // a tag list is a few words, not a sentence
            key.starts_with(p)
                && (!p.ends_with(' ')
                    || (key.split(' ').count() <= 12 && !line.contains(['.', '!', '?', '؟'])))
        })
}

fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '»' | '"' | ')' | '…')
}

/// The raw start of a boilerplate fragment at the end of the line `raw[ls..end]`.
fn trailing_fragment(raw: &str, ls: usize, end: usize) -> Option<usize> {
    let mut w = end.saturating_sub(MAX_FRAGMENT).max(ls);
    while !raw.is_char_boundary(w) {
        w += 1;
    }
    let window = &raw[w..end];
    let n = Normalized::folded(window);
    // the earliest marker in the window whose fragment qualifies
    let mut best: Option<usize> = None;
    for m in FRAGMENTS {
        for (pos, _) in n.text.match_indices(m) {
            let start = w + n.raw_offset(pos);
            let before = raw[ls..start].trim_end();
            let tail = &n.text[pos + m.len()..];
            // markers that cannot open a sentence of the story need no sentence end before
            let opens = m.starts_with(['.', '…', '/']) || m.starts_with("رابط الخبر");
            let after_sentence = before.is_empty() || before.ends_with(ends_sentence);
            let no_sentence_after = !tail.contains(['.', '!', '?', '…']);
            if (opens || after_sentence) && no_sentence_after && !before.is_empty() {
                best = Some(best.map_or(start, |b| b.min(start)));
                break;
            }
        }
    }
    best
}

/// Trailing boilerplate of `raw`: byte spans, in text order, non-overlapping, each
/// trimmed of surrounding white space. Empty when the text ends with content.
///
/// Linear in the length of the last lines examined; a 50 MB single line is read once.
///
/// ```
/// let raw = "وقع الطرفان الاتفاق.\n// انتهى //\n20:26 ت م\n";
/// let spans = rasid_text::boilerplate_spans(raw);
/// let s: Vec<&str> = spans.iter().map(|s| &raw[s.range()]).collect();
/// assert_eq!(s, ["// انتهى //", "20:26 ت م"]);
/// ```
pub fn boilerplate_spans(raw: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut end = raw.len();
    'lines: loop {
        let t_end = raw[..end].trim_end().len();
        if t_end == 0 {
            break;
        }
        let line_start = raw[..t_end].rfind('\n').map_or(0, |p| p + 1);
        let ls = t_end - raw[line_start..t_end].trim_start().len();
        if is_boilerplate_line(&raw[ls..t_end]) {
            out.push(Span::new(ls, t_end));
            end = ls;
            continue;
        }
        // fragments at the end of this line, then stop
        let mut line_end = t_end;
        while let Some(p) = trailing_fragment(raw, ls, line_end) {
            out.push(Span::new(p, line_end));
            line_end = raw[..p].trim_end().len();
            if line_end <= ls {
                continue 'lines;
            }
        }
        break;
    }
    out.reverse();
    out
}

/// The complement of [`boilerplate_spans`]: the byte spans of `raw` to keep, in order,
/// each trimmed of surrounding white space; gaps of white space only are left out.
/// For a text without boilerplate this is the whole trimmed text (nothing for an empty
/// or blank text).
///
/// ```
/// let raw = "زار الوزير أنقرة.\nأضف تعليق\n";
/// let keep = rasid_text::content_spans(raw);
/// assert_eq!(&raw[keep[0].range()], "زار الوزير أنقرة.");
/// assert_eq!(keep.len(), 1);
/// ```
pub fn content_spans(raw: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut at = 0;
    let mut push = |a: usize, b: usize| {
        let s = &raw[a..b];
        let lead = s.len() - s.trim_start().len();
        let t = s.trim().len();
        if t > 0 {
            out.push(Span::new(a + lead, a + lead + t));
        }
    };
    for b in boilerplate_spans(raw) {
        push(at, b.start);
        at = b.end;
    }
    push(at, raw.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drop(raw: &str) -> Vec<&str> {
        boilerplate_spans(raw)
            .iter()
            .map(|s| &raw[s.range()])
            .collect()
    }

    #[test]
    fn table() {
        // (text, dropped spans); own example texts
        let cases: &[(&str, &[&str])] = &[
            ("", &[]),
            ("   \n ", &[]),
            ("وصل الوفد إلى المدينة.", &[]),
            (
                "وصل الوفد إلى المدينة.\n // انتهى //\n 14:37 ت م \n ",
                &["// انتهى //", "14:37 ت م"],
            ),
            (
                "بحث الطرفان التعاون.\n// يتبع //\n09:05 ت م",
                &["// يتبع //", "09:05 ت م"],
            ),
            ("بحث الطرفان التعاون.\nانتهى", &["انتهى"]),
            (
                "افتتح المحافظ المعرض.\nمناقشة حول هذا post\nأضف تعليق\nالتعليقات (2)",
                &["مناقشة حول هذا post", "أضف تعليق", "التعليقات (2)"],
            ),
            (
                "أعلنت الوزارة النتائج. سمات الرياض التعليم نتائج ",
                &["سمات الرياض التعليم نتائج"],
            ),
            (
                "تستمر الأعمال حتى نهاية العام. رابط الخبر بموقع المثال: الأعمال تستمر",
                &["رابط الخبر بموقع المثال: الأعمال تستمر"],
            ),
            ("أكد المدير أهمية المشروع ...المزيد", &["...المزيد"]),
            (
                "أعلن النادي التعاقد مع مدرب.\nاقرأ أيضاً: النادي يجدد عقد المهاجم\nشارك\nطباعة",
                &["اقرأ أيضاً: النادي يجدد عقد المهاجم", "شارك", "طباعة"],
            ),
            // content that merely mentions the words stays
            ("قال إن التعليقات كانت إيجابية.", &[]),
            ("انتهى الاجتماع بعد ساعتين.", &[]),
            ("الساعة 20:26 وصل الوفد.", &[]),
            ("سمات المرحلة المقبلة كثيرة ومتعددة وتشمل الاقتصاد.", &[]),
        ];
        for (raw, want) in cases {
            assert_eq!(drop(raw), *want, "{raw}");
        }
    }

    #[test]
    fn content_is_the_complement() {
        let raw = " أولا.\nثانيا.\n// انتهى //\n20:26 ت م";
        let keep: Vec<&str> = content_spans(raw).iter().map(|s| &raw[s.range()]).collect();
        assert_eq!(keep, ["أولا.\nثانيا."]);
        assert!(content_spans("").is_empty());
        assert!(content_spans("انتهى").is_empty());
    }
}
