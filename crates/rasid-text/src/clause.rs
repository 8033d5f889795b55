//! Clause boundaries inside a sentence: the contrastive and adversative connectives that
//! open a new clause with its own subject and verb (`بينما`، `في حين`، `إلا أن`، `غير أن`،
//! `لكن`، `فيما`). A word on one side of such a connective is no argument of a verb on the
//! other (`قصفت جبهة النصرة البلدة، بينما نفذ الطيران السوري غارات`: the air force is not
//! what the Nusra Front shelled).
//!
//! Source: Arabic grammar of coordination (حروف الاستدراك والعطف، ظروف المقابلة), and
//! the corpus errors these words caused (actors taken across them as targets).

use crate::Tokens;

/// Folded words after `فيما` that make it "in what" rather than "while" (`فيما يتعلق`،
/// `فيما بينهم`، `فيما بعد`): no boundary there.
const FIMA_NOT_WHILE: &[&str] = &[
    "يتعلق",
    "يخص",
    "يتصل",
    "بين",
    "بينهم",
    "بينها",
    "بينهما",
    "بعد",
    "يلي",
    "اذا",
    "عدا",
];

/// How many tokens a clause-opening connective at token `i` covers (`في حين` → 2), or 0
/// when none starts there (or `i` is out of range). The connectives, folded: بينما، في حين،
/// إلا أن (أنه، أنها، أنهم)، غير أن (أنه، أنها)، لكن (لكنه، لكنها، لكنهم)، فيما, each also
/// with و.
pub fn clause_break(toks: &Tokens, i: usize) -> usize {
    let word = |k: usize| if k < toks.len() { toks.fold(k) } else { "" };
    let w = word(i);
    let w = w.strip_prefix('و').unwrap_or(w);
    match w {
        "بينما" | "لكن" | "لكنه" | "لكنها" | "لكنهم" => 1,
        "فيما" if !FIMA_NOT_WHILE.contains(&word(i + 1)) => 1,
        "في" if word(i + 1) == "حين" => 2,
        "الا" if matches!(word(i + 1), "ان" | "انه" | "انها" | "انهم") => 2,
        "غير" if matches!(word(i + 1), "ان" | "انه" | "انها") => 2,
        _ => 0,
    }
}

/// The first token in `from..to` where a clause-opening connective starts, if any.
pub fn next_clause_break(toks: &Tokens, from: usize, to: usize) -> Option<usize> {
    (from..to.min(toks.len())).find(|&k| clause_break(toks, k) > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize;

    fn breaks(text: &str) -> Vec<(usize, usize)> {
        let toks = tokenize(text);
        (0..toks.len())
            .map(|k| (k, clause_break(&toks, k)))
            .filter(|&(_, n)| n > 0)
            .collect()
    }

    #[test]
    fn contrastive_connectives_open_a_clause() {
        assert_eq!(
            breaks("قصفت النصرة البلدة، بينما نفذ الطيران غارات"),
            [(4, 1)]
        );
        assert_eq!(breaks("خطفت الجبهة عناصر إلا أن الوزارة نفت"), [(3, 2)]);
        assert_eq!(breaks("رحب الوزير بالقرار في حين رفضه آخرون"), [(3, 2)]);
        assert_eq!(
            breaks("زار الوزير أنقرة، فيما التقى نائبه وزير الدفاع"),
            [(4, 1)]
        );
    }

    #[test]
    fn fima_meaning_in_what_is_no_boundary() {
        assert!(breaks("بحث الوزيران فيما يتعلق بالأزمة").is_empty());
        assert!(breaks("اتفقوا فيما بينهم على التنسيق").is_empty());
        assert!(breaks("في حينه").is_empty());
    }

    #[test]
    fn next_break_in_a_range() {
        let toks = tokenize("زار الوزير أنقرة لكن الرئيس لم يزرها");
        assert_eq!(next_clause_break(&toks, 0, toks.len()), Some(3));
        assert_eq!(next_clause_break(&toks, 4, toks.len()), None);
        assert_eq!(next_clause_break(&toks, 0, 100), Some(3));
    }
}
