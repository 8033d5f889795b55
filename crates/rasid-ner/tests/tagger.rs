//! The shipped tagger on sentences written for these tests, the model format (round trip,
//! bad bytes), and deterministic training.

use rasid_lexicon::{Lexicon, Sources};
use rasid_ner::iob;
use rasid_ner::train::{train, Config};
use rasid_ner::{Kind, ModelError, Tagger, MODEL_FORMAT, MODEL_MAGIC};
use std::sync::OnceLock;

fn lex() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| Lexicon::build(&Sources::embedded()).unwrap())
}

/// (kind, surface) of every entity the shipped tagger finds in `raw`.
fn found(raw: &str) -> Vec<(Kind, String)> {
    let toks = rasid_text::tokenize(raw);
    Tagger::shipped()
        .unwrap()
        .tag(lex(), raw, &toks, 0..toks.len())
        .into_iter()
        .map(|e| (e.kind, raw[e.span].to_string()))
        .collect()
}

fn ents(v: &[(Kind, &str)]) -> Vec<(Kind, String)> {
    v.iter().map(|(k, s)| (*k, s.to_string())).collect()
}

#[test]
fn shipped_finds_people_places_and_bodies() {
    use Kind::*;
    let cases: [(&str, &[(Kind, &str)]); 4] = [
        (
            "التقى وزير الخارجية السعودي فيصل بن فرحان نظيره التركي هاكان فيدان في أنقرة أمس .",
            &[
                (Pers, "فيصل بن فرحان"),
                (Pers, "هاكان فيدان"),
                (Loc, "أنقرة"),
            ],
        ),
        (
            "وأعلنت منظمة الصحة العالمية أن الوباء انحسر في مصر والأردن .",
            &[(Org, "منظمة الصحة العالمية"), (Loc, "مصر"), (Loc, "والأردن")],
        ),
        (
            "وصل الدكتور محمد العبدالله إلى الرياض قادما من القاهرة .",
            &[(Pers, "محمد العبدالله"), (Loc, "الرياض"), (Loc, "القاهرة")],
        ),
        (
            "وقال الرئيس الأمريكي جو بايدن في واشنطن إن المحادثات مستمرة .",
            &[(Pers, "جو بايدن"), (Loc, "واشنطن")],
        ),
    ];
    for (raw, want) in cases {
        assert_eq!(found(raw), ents(want), "{raw}");
    }
}

#[test]
fn spans_and_token_ranges_agree() {
    let raw = "زار خالد   السالم جدة";
    let toks = rasid_text::tokenize(raw);
    for e in Tagger::shipped()
        .unwrap()
        .tag(lex(), raw, &toks, 1..toks.len())
    {
        assert_eq!(e.span.start, toks.tokens[e.tokens.start].span.start);
        assert_eq!(e.span.end, toks.tokens[e.tokens.end - 1].span.end);
        assert!(e.tokens.start >= 1);
    }
    assert!(Tagger::shipped()
        .unwrap()
        .tag(lex(), "", &rasid_text::tokenize(""), 0..0)
        .is_empty());
}

#[test]
fn model_round_trip() {
    let t = Tagger::shipped().unwrap();
    let bytes = t.to_bytes();
    let back = Tagger::from_bytes(&bytes).unwrap();
    assert_eq!(back.to_bytes(), bytes);
    assert_eq!(back.features(), t.features());
    assert_eq!(back.note(), t.note());
    let raw = "وقال المتحدث باسم الأمم المتحدة ستيفان دوجاريك في نيويورك";
    let toks = rasid_text::tokenize(raw);
    assert_eq!(
        back.tag(lex(), raw, &toks, 0..toks.len()),
        t.tag(lex(), raw, &toks, 0..toks.len())
    );
}

#[test]
fn bad_model_bytes_are_errors() {
    let good = Tagger::shipped().unwrap().to_bytes();
    assert_eq!(Tagger::from_bytes(b"").unwrap_err(), ModelError::Magic);
    assert_eq!(
        Tagger::from_bytes(b"RASIDLEX\x01\0\0\0").unwrap_err(),
        ModelError::Magic
    );
    let mut v = good.clone();
    v[MODEL_MAGIC.len()..MODEL_MAGIC.len() + 4].copy_from_slice(&(MODEL_FORMAT + 1).to_le_bytes());
    assert_eq!(
        Tagger::from_bytes(&v).unwrap_err(),
        ModelError::Version {
            found: MODEL_FORMAT + 1
        }
    );
    let msg = Tagger::from_bytes(&v).unwrap_err().to_string();
    assert!(msg.contains("train it again"), "{msg}");
    // every truncation, and damaged bytes, are errors (never a panic)
    for cut in [
        9,
        12,
        16,
        100,
        good.len() / 2,
        good.len() - 9,
        good.len() - 1,
    ] {
        assert!(Tagger::from_bytes(&good[..cut]).is_err(), "cut at {cut}");
    }
    let mut v = good.clone();
    let mid = v.len() / 2;
    v[mid] ^= 0x55;
    assert!(matches!(
        Tagger::from_bytes(&v),
        Err(ModelError::Corrupt(_))
    ));
}

#[test]
fn training_is_deterministic_and_learns() {
    let mut data = String::new();
    for (name, city) in [
        ("سالم", "جدة"),
        ("خالد", "مكة"),
        ("فهد", "جدة"),
        ("سالم", "مكة"),
    ] {
        for _ in 0..3 {
            data.push_str(&format!("وصل O\n{name} B-PERS\nإلى O\n{city} B-LOC\n. O\n"));
        }
    }
    let ex = iob::read(&data);
    assert_eq!(ex.len(), 12);
    let cfg = Config {
        min_count: 1,
        prune: 0.0,
        folds: 0,
        ..Default::default()
    };
    let a = train(lex(), &ex, Default::default(), &cfg, &mut |_| {});
    let b = train(lex(), &ex, Default::default(), &cfg, &mut |_| {});
    assert_eq!(a.to_bytes(), b.to_bytes());
    let words: Vec<String> = "وصل فهد إلى مكة .".split(' ').map(String::from).collect();
    assert_eq!(
        a.tag_words(lex(), &words),
        vec![(Kind::Pers, 1..2), (Kind::Loc, 3..4)]
    );
}

#[test]
fn averaged_runs_are_deterministic_and_differ_from_one_run() {
    let mut data = String::new();
    for (name, city) in [("سالم", "جدة"), ("خالد", "مكة"), ("فهد", "الطائف")]
    {
        data.push_str(&format!(
            "زار O\n{name} B-PERS\nمدينة O\n{city} B-LOC\n. O\n"
        ));
        data.push_str(&format!(
            "غادر O\n{city} B-LOC\n{name} B-PERS\nأمس O\n. O\n"
        ));
    }
    let ex = iob::read(&data);
    let cfg = |runs| Config {
        min_count: 1,
        prune: 0.0,
        folds: 0,
        runs,
        ..Default::default()
    };
    let three = train(lex(), &ex, Default::default(), &cfg(3), &mut |_| {});
    let again = train(lex(), &ex, Default::default(), &cfg(3), &mut |_| {});
    let one = train(lex(), &ex, Default::default(), &cfg(1), &mut |_| {});
    assert_eq!(three.to_bytes(), again.to_bytes());
    assert_ne!(three.to_bytes(), one.to_bytes());
}

#[test]
fn a_gazetteer_marks_given_names_and_the_other_words_of_a_name() {
    let d = rasid_ner::train::gazetteer_bits(["جون سميث", "سالم بن علي", "مريم", "  "]);
    assert_eq!(d.get("جون"), Some(&(1 << 6)));
    assert_eq!(d.get("سميث"), Some(&(1 << 7)));
    assert_eq!(d.get("بن"), Some(&(1 << 7)));
    assert_eq!(d.get("علي"), Some(&(1 << 7)));
    // a one-word name says little: left out
    assert_eq!(d.get("مريم"), None);
    // a word that is a given name in one name and a family name in another has both
    let d = rasid_ner::train::gazetteer_bits(["علي حسن", "حسن علي"]);
    assert_eq!(d.get("علي"), Some(&((1 << 6) | (1 << 7))));
}
