//! The phrase finders and word lists the rules ([`super::rules`]) read around a trigger:
//! background and other senses ([`not_reported`]), agent phrases of passives and
//! verbal nouns ([`agent_phrase`], [`agent_by_relative`]), support verbs
//! ([`support_clause`]), future verbs, threats, possessive nouns and pronoun objects.
//! Positions are token indices unless said otherwise.

use super::key;
use crate::actors::Actor;
use rasid_lexicon::{Lexicon, Match, Pos, WordList};
use rasid_text::Tokens;
use std::ops::Range;

/// A trigger that its neighbours show to be used in another sense (folded words; a
/// proclitic و on a neighbour is ignored). Found in audits of random events of the 2015
/// corpus (README, Accuracy).
struct OtherSense {
    /// Trigger rule id.
    trigger: &'static str,
    /// Phrases that end right before the trigger (`شديدة الانفجار`، `الأمر الذي دعا`).
    before: &'static [&'static [&'static str]],
    /// Words right after the trigger (`دعا الله`).
    next: &'static [&'static str],
    /// Words at most [`OTHER_SENSE_WINDOW`] tokens after the trigger, also with ل.
    after: &'static [&'static str],
}

const OTHER_SENSES: &[OtherSense] = &[
    // `طلب عدم الكشف عن هويته` is the formula of an anonymous source; `طلب نقل تحياته إلى
    // أخيه` a courtesy at the end of an audience: no appeal
    OtherSense {
        trigger: "appeal.talaba",
        before: &[],
        next: &[],
        after: &["عدم", "تحياته", "تحياتها", "تحيات", "تمنياته"],
    },
    // receiving travellers, flights, pilgrims or calls (المطار استقبل الرحلات، المنفذ
    // يستقبل المسافرين) is no host's reception of a visitor
    OtherSense {
        trigger: "host.istaqbala",
        before: &[],
        next: &[],
        after: &[
            "الرحلات",
            "رحلات",
            "المسافرين",
            "مسافرين",
            "الحجاج",
            "حجاج",
            "المعتمرين",
            "الزوار",
            "زوار",
            "المرضي",
            "الطلبات",
            "طلبات",
            "الاتصالات",
            "البلاغات",
            "الشكاوي",
            "الجرحي",
            "المصابين",
            "السياح",
            "الطلاب",
            "الطالبات",
        ],
    },
    // a prayer (دعا الله، ودعا الدكتور المولى عز وجل، دعا له بالشفاء) is no appeal, nor is
    // "which led X to" (مما دعا، الأمر الذي دعا); الله counts only right after the verb
    // (دعا آية الله السيستاني، دعا عبد الله are appeals by a person)
    OtherSense {
        trigger: "appeal.daa",
        before: &[
            &["مما"],
            &["ما"],
            &["الامر", "الذي"],
            &["وهو", "الذي"],
            &["ما", "الذي"],
        ],
        next: &["الله"],
        after: &[
            "المولي",
            "ربه",
            "ربنا",
            "الباري",
            "بالرحمه",
            "بالشفاء",
            "بالتوفيق",
        ],
    },
    // `تستهدف (من خلالها) تدريب …، تستهدف المحتاجين` is "aims at" a purpose or the people
    // a programme serves, not an attack
    OtherSense {
        trigger: "attack.istahdafa",
        before: &[],
        next: &[],
        after: &[
            "خلال",
            "تدريب",
            "تطوير",
            "دعم",
            "تعزيز",
            "توفير",
            "تحقيق",
            "زياده",
            "رفع",
            "جذب",
            "استقطاب",
            "تاهيل",
            "بناء",
            "انشاء",
            "خفض",
            "تقليل",
            "تنميه",
            "تمكين",
            "توعيه",
            "المحتاجين",
            "الاسر",
            "الفئات",
            "الشباب",
            "الطلاب",
            "الطالبات",
            "الفقراء",
            "المستفيدين",
            "الزوار",
            "السياح",
            "العملاء",
        ],
    },
    // `شديدة الانفجار`، `قابلة للانفجار` describe explosives, they report no explosion
    OtherSense {
        trigger: "bomb.infijar",
        before: &[
            &["شديده"],
            &["شديد"],
            &["سريعه"],
            &["سريع"],
            &["قابله"],
            &["قابل"],
        ],
        next: &[],
        after: &[],
    },
    // تحرير is also editing (رئيس تحرير الصحيفة), a movement's name (الجبهة الشعبية
    // لتحرير فلسطين) and, after بعد or منذ, the time of a liberation told before
    OtherSense {
        trigger: "liberate.tahrir",
        before: &[
            &["رييس"],
            &["رياسه"],
            &["روساء"],
            &["مدير"],
            &["مديره"],
            &["سكرتير"],
            &["هييه"],
            &["بعد"],
            &["عقب"],
            &["اثر"],
            &["منذ"],
            &["الشعبيه"],
            &["الاسلاميه"],
            &["الوطنيه"],
        ],
        next: &[],
        after: &[],
    },
];

/// How many tokens after a trigger [`OtherSense::after`] looks.
const OTHER_SENSE_WINDOW: usize = 3;

/// Whether the trigger `id`, over tokens `at..from` of a sentence ending at `end`, is
/// used in another sense by its [`OTHER_SENSES`] entry.
fn other_sense(id: &str, toks: &Tokens, at: usize, from: usize, end: usize) -> bool {
    let Some(sense) = OTHER_SENSES.iter().find(|s| s.trigger == id) else {
        return false;
    };
    let is = |k: usize, word: &str| {
        let w = key(toks, k);
        w == word || w.strip_prefix('و') == Some(word)
    };
    let before = sense.before.iter().any(|phrase| {
        at >= phrase.len()
            && phrase
                .iter()
                .enumerate()
                .all(|(i, w)| is(at - phrase.len() + i, w))
    });
    before
        || (from < end && sense.next.iter().any(|w| key(toks, from) == *w))
        || (from..end.min(from + OTHER_SENSE_WINDOW)).any(|k| {
            let w = key(toks, k);
            let w = w.strip_prefix('و').unwrap_or(w);
            sense.after.contains(&w)
                || w.strip_prefix('ل')
                    .is_some_and(|x| sense.after.contains(&x))
        })
}

/// Whether some token of the clause before token `at` (at most eight words back, not
/// past a comma, a stop or a main-clause `فإن` / `إلا أن`, nor before `start`) satisfies
/// `opens`, which gets its index.
fn clause_opened_by(toks: &Tokens, at: usize, start: usize, opens: impl Fn(usize) -> bool) -> bool {
    for k in (start..at).rev().take(8) {
        let w = key(toks, k);
        if matches!(w, "," | ";" | ":" | "." | "الا") || w.starts_with("فان") {
            return false;
        }
        if opens(k) {
            return true;
        }
    }
    false
}

/// Why the trigger `m` of `trig`, in the sentence over token `range` of `raw`, reports no
/// act, if it does not: background (منذ + an event, a concession, في الماضي، يبدو أن), what
/// is to be stopped or the manner of another act, a hashtag's word, a word in another
/// sense ([`OTHER_SENSES`]) or one side of an open alternative. The reason is shown by
/// `rasid explain`.
pub(super) fn not_reported(
    lex: &Lexicon,
    trig: &rasid_lexicon::Trigger,
    m: &Match,
    raw: &str,
    toks: &Tokens,
    range: &Range<usize>,
) -> Option<&'static str> {
    let start = m.tokens.start;
    // منذ + an event noun or منذ أن + a verb (منذ السيطرة عليها، منذ بدء الحرب، منذ أن
    // احتل الحوثيون صنعاء) dates the present from a past event: background, not news
    let since_word = |k: usize| k >= range.start && matches!(key(toks, k), "منذ" | "ومنذ");
    let counted_from = match trig.pos {
        Pos::Noun => (start.saturating_sub(2)..start).any(since_word),
        Pos::Verb => start >= 2 && key(toks, start - 1) == "ان" && since_word(start - 2),
    };
    if counted_from {
        return Some("background: the event a period is counted from (منذ …)");
    }
    // the act a stop word governs (دعا إلى وقف القصف، منع تزويد الحوثيين بالأسلحة) is
    // what is to be stopped, not an act reported; cooperation as the manner of another
    // act (نفذت الخطة بالتنسيق مع X، بالتعاون مع) is no act of its own
    // (also with one word between when the act takes ل: وقف فوري لإطلاق النار)
    let stop_at = |k: usize| lex.words(WordList::StopWords).contains(key(toks, k));
    let stopped = trig.pos == Pos::Noun
        && start > range.start
        && (stop_at(start - 1)
            || start > range.start + 1 && m.proclitic.starts_with('ل') && stop_at(start - 2));
    let manner = trig.pos == Pos::Noun
        && m.proclitic.contains('ب')
        && matches!(trig.cameo.get(..2), Some("03" | "06"))
        && key(toks, m.tokens.end) == "مع";
    if stopped || manner {
        return Some(
            "not an act reported: what is to be stopped (وقف …) or the manner of another act (بالتنسيق مع)",
        );
    }
    // a word of a hashtag (#إيران_تستهدف_أمن_البحرين) names a campaign, reports no act
    if raw[..m.span.start].ends_with(['_', '#']) || raw[m.span.end..].starts_with('_') {
        return Some("a word of a hashtag");
    }
    if other_sense(&trig.id, toks, start, m.tokens.end, range.end) {
        return Some("the word is used in another sense here (OTHER_SENSES)");
    }
    if concessive(lex, toks, start, range.start) {
        return Some("background: a concessive clause (رغم أن …)");
    }
    // an alternative (لقبول أو رفض الاتفاق، إما الحوار أو) is a choice still open,
    // not an act
    let before = start.checked_sub(1).filter(|&k| k >= range.start);
    if before.is_some_and(|k| matches!(key(toks, k), "او" | "اما"))
        || (m.tokens.end < range.end && key(toks, m.tokens.end) == "او")
    {
        return Some("an alternative (X أو Y), not an act");
    }
    if background_or_analysis(toks, start, range.start) {
        return Some("background or analysis (في الماضي، يبدو أن …)");
    }
    None
}

/// Whether token `at` stands in a concessive clause (`رغم أن …`; see [`clause_opened_by`]).
fn concessive(lex: &Lexicon, toks: &Tokens, at: usize, start: usize) -> bool {
    clause_opened_by(toks, at, start, |k| {
        lex.words(WordList::Concessive).contains(key(toks, k))
    })
}

/// Whether token `at` stands in a clause that tells an undated past as background (`في
/// الماضي`) or a writer's analysis (`يبدو أن`; see [`clause_opened_by`]). Such a clause
/// reports no act (gold/GUIDE.md: background and analysis are not events). `سبق أن`
/// ("had earlier") is not one: the guide codes a past act that the article dates.
fn background_or_analysis(toks: &Tokens, at: usize, start: usize) -> bool {
    clause_opened_by(toks, at, start, |k| {
        let w = key(toks, k);
        let next = if k + 1 < at { key(toks, k + 1) } else { "" };
        matches!(w, "يبدو" | "ويبدو" | "فيبدو") || (matches!(w, "في" | "وفي") && next == "الماضي")
    })
}

/// Whether the folded word is a future support verb (`سيعقد`، `ستجري`، `سيقومون`).
pub(super) fn future_support_verb(lex: &Lexicon, w: &str) -> bool {
    future_verb(lex, w)
        && w.strip_prefix(['و', 'ف'])
            .unwrap_or(w)
            .strip_prefix('س')
            .and_then(|rest| rest.strip_prefix(['ي', 'ت', 'ن']))
            .is_some_and(|stem| {
                lex.words(WordList::SupportStems)
                    .iter()
                    .any(|v| stem.starts_with(v))
            })
}

/// Whether the folded word is a verb with the future prefix (`ستعود`، `سيفرض`) or `سوف`.
pub(super) fn future_verb(lex: &Lexicon, w: &str) -> bool {
    let w = w.strip_prefix(['و', 'ف']).unwrap_or(w);
    if w == "سوف" {
        return true;
    }
    !lex.words(WordList::NotFuture).contains(w)
        && !lex
            .words(WordList::NotFutureStems)
            .iter()
            .any(|stem| w.starts_with(stem))
        && w.strip_prefix('س')
            .is_some_and(|rest| rest.starts_with(['ي', 'ت', 'ن']) && rest.chars().count() >= 3)
}

/// The threat (13x) of a reduction of relations (16x) or of force (18x, 19x) made
/// conditional (`العقوبات ستعود … إذا ثبت`): `None` for other codes.
pub(super) fn threat_code(cameo: &str) -> Option<&'static str> {
    Some(match cameo {
        c if c.starts_with("161") => "1313",
        c if c.starts_with("162") => "1311",
        c if c.starts_with("163") => "1312",
        c if c.starts_with("16") => "131",
        c if c.starts_with("18") => "1383",
        c if c.starts_with("19") => "138",
        _ => return None,
    })
}

/// `التي قام بها` / `الذي أجراه` / `التي سيقوم بها` starting at token `at` (before `end`):
/// the token index after it, and whether the support verb is future (`سـ`).
pub(super) fn support_clause(
    lex: &Lexicon,
    toks: &Tokens,
    at: usize,
    end: usize,
) -> Option<(usize, bool)> {
    if at + 1 >= end
        || !lex
            .words(WordList::RelativePronouns)
            .contains(key(toks, at))
    {
        return None;
    }
    let verb = key(toks, at + 1);
    let (verb, future) = match verb.strip_prefix('س') {
        Some(v) if lex.words(WordList::SupportVerbs).contains(v) => (v, true),
        _ => (verb, false),
    };
    if !lex.words(WordList::SupportVerbs).contains(verb) {
        return None;
    }
    let mut next = at + 2;
    if matches!(key(toks, next), "بها" | "به") {
        next += 1;
    }
    Some((next, future))
}

/// How far (tokens) after a passive verb or verbal noun its agent phrase may stand.
const AGENT_WINDOW: usize = 10;

/// Folded phrases that introduce the agent of a passive verb or a verbal noun:
/// `على يد`، `على أيدي`، `على يدي` (at the hands of), `من قبل`، `من جانب` (by, on the
/// part of), and for killing and wounding `برصاص`، `بنيران` (by the bullets, the fire of:
/// مقتل فلسطيني برصاص الجيش الإسرائيلي).
const AGENT_PHRASES: &[&[&str]] = &[
    &["علي", "يد"],
    &["علي", "ايدي"],
    &["علي", "يدي"],
    &["من", "قبل"],
    &["من", "جانب"],
    &["برصاص"],
    &["بنيران"],
];

/// The agent phrase of a passive verb or verbal noun whose trigger ends at token `from`
/// (`اعتُقل X على يد Y`، `مقتل X على أيدي Y`، `تم اعتقال X من قبل Y`، `اختطافه من جانب Y`):
/// the first [`AGENT_PHRASES`] phrase at most [`AGENT_WINDOW`] tokens on, before `end`,
/// in the same clause (no punctuation, relative pronoun, `passive-aux` verb or any of
/// the first tokens of `stops`, the later triggers, before it). Returns the phrase's first
/// token and the actor of `cast` that starts right after it (or after one of
/// list `agent-members`), or `None` for the actor when none does after `على يد` (an agent
/// the lexicon does not know). `من قبل` and `من جانب` with no actor after them mean
/// "before" and "on the side of" (كما ذكرنا من قبل، من جانب واحد): no agent phrase, `None`.
/// Rule source: Arabic grammar of the passive (the agent is named only through such a
/// phrase) and GUIDE.md (the source is the party that acts).
pub(super) fn agent_phrase<'c>(
    lex: &Lexicon,
    toks: &Tokens,
    cast: &'c [Actor],
    from: usize,
    end: usize,
    stops: &[&Match],
    force: bool,
) -> Option<(usize, Option<&'c Actor>)> {
    let last = (from + AGENT_WINDOW).min(end.saturating_sub(1));
    for k in from..last {
        // (a strike noun is a trigger of its own: looked for before the stops)
        let strike = if force {
            strike_phrase(lex, toks, k)
        } else {
            0
        };
        // (a relative clause or another passive, الجرائم التي تم ارتكابها من قبل Y، زيارتهم
        // للقرم التي تعتبرها كييف محتلة من قبل روسيا, has the phrase for its own verb)
        let w = key(toks, k);
        let w = w.strip_prefix('و').unwrap_or(w);
        if strike == 0
            && (matches!(w, "," | "." | ":" | ";" | "?" | "!")
                || lex.words(WordList::RelativePronouns).contains(w)
                || lex.words(WordList::PassiveAux).contains(w)
                || stops.iter().any(|t| t.tokens.start == k))
        {
            return None;
        }
        let len = if strike > 0 {
            strike
        } else if let Some(phrase) = AGENT_PHRASES.iter().find(|phrase| {
            phrase
                .iter()
                .enumerate()
                .all(|(i, w)| key(toks, k + i) == *w)
        }) {
            phrase.len()
        } else {
            continue;
        };
        // (members of a named party: على أيدي مقاتلي تنظيم داعش، من قبل عناصر الحوثيين;
        // a strike's doer after its relative verb: في غارة شنتها طائرة أمريكية)
        let at = k
            + len
            + usize::from(
                strike > 0 && lex.words(WordList::DoerVerbs).contains(key(toks, k + len)),
            );
        let skip = usize::from(lex.words(WordList::AgentMembers).contains(key(toks, at)));
        let agent = cast
            .iter()
            .find(|a| a.tokens.start == at || skip == 1 && a.tokens.start == at + 1);
        // (من قبل، من جانب and a strike named without its agent introduce none)
        if agent.is_none() && (key(toks, k) == "من" || strike > 0) {
            return None;
        }
        return Some((k, agent));
    }
    None
}

/// The length in tokens of a strike phrase at token `k` (`في غارة`، `بغارة جوية`، `في
/// الغارات الجوية`), or 0: a `strike-nouns` word after في or with ب, and the adjective
/// جوية if it follows. What comes next is the striker (see [`agent_phrase`]).
fn strike_phrase(lex: &Lexicon, toks: &Tokens, k: usize) -> usize {
    let noun = |w: &str| lex.words(WordList::StrikeNouns).contains(w);
    let len = if key(toks, k) == "في" && noun(key(toks, k + 1)) {
        2
    } else if key(toks, k).strip_prefix('ب').is_some_and(noun) {
        1
    } else {
        return 0;
    };
    let air = matches!(
        key(toks, k + len),
        "جويه" | "جوي" | "الجويه" | "الجوي" | "جويتين"
    );
    len + usize::from(air)
}

/// The doer named by a relative clause right after an event noun ending at token `from`
/// (`القصف الذي شنته القوات الهندية`، `الهجوم الذي قامت به جماعة …`): the actor of `cast`
/// right after a `doer-verbs` verb (or قام/قامت + بها/به) that follows the relative
/// pronoun, within a sentence ending at `end`. Rule source: Arabic syntax (the resumptive
/// pronoun on the support verb refers back to the noun).
pub(super) fn agent_by_relative<'c>(
    lex: &Lexicon,
    toks: &Tokens,
    cast: &'c [Actor],
    from: usize,
    end: usize,
) -> Option<&'c Actor> {
    let rel = (from..end.min(from + 2))
        .find(|&k| lex.words(WordList::RelativePronouns).contains(key(toks, k)))?;
    let verb = rel + 1;
    if verb >= end {
        return None;
    }
    let after = if lex.words(WordList::DoerVerbs).contains(key(toks, verb)) {
        verb + 1
    } else if matches!(key(toks, verb), "قام" | "قامت")
        && verb + 1 < end
        && matches!(key(toks, verb + 1), "به" | "بها")
    {
        verb + 2
    } else {
        return None;
    };
    cast.iter().find(|a| a.tokens.start == after)
}

/// Whether the verbal noun `m` carries a possessive pronoun (`اختطافه`، `مقتلها`،
/// `اعتقالهم`): the matcher saw an enclitic, or its one word, as written, ends in ه/ها/هم/هما/هن
/// (ه, not ة) and without it is one of the trigger's `forms` (folded). Takes the raw
/// text, the match and the trigger's forms; the rule is Arabic morphology (the
/// possessive of a masdar with an agent phrase is its patient).
pub(super) fn possessive_noun(raw: &str, m: &Match, forms: &[String]) -> bool {
    if m.enclitic {
        return true;
    }
    if m.tokens.len() != 1 {
        return false;
    }
    let word = &raw[m.span.range()];
    ["هما", "هم", "هن", "ها", "ه"].iter().any(|p| {
        word.strip_suffix(p).is_some_and(|stem| {
            let stem = rasid_text::fold(stem);
            !stem.is_empty() && forms.iter().any(|f| rasid_text::fold(f) == stem)
        })
    })
}

/// The preposition of a preposition + pronoun word (`معه` → `مع`, `اليه` → `الي`, `له` →
/// `ل`), folded; `None` for other words.
pub(super) fn pronoun_object(word: &str) -> Option<&'static str> {
    const PREPS: [&str; 8] = ["مع", "الي", "علي", "ضد", "عن", "من", "ل", "ب"];
    const PRONOUNS: [&str; 5] = ["ه", "ها", "هم", "هما", "هن"];
    PREPS.into_iter().find(|p| {
        word.strip_prefix(p)
            .is_some_and(|rest| PRONOUNS.contains(&rest))
    })
}
