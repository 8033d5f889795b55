//! Lexicon behaviour on sentences written for these tests: matching through clitics,
//! diacritics, hamza and yaa/taa variants; dated offices; user lexicons overriding the
//! shipped ones; and file:line errors from the committed broken examples.

use chrono::NaiveDate;
use rasid_lexicon::{EntryRef, ErrorKind, Lexicon, Sources, WordList};
use std::path::Path;

fn shipped() -> Lexicon {
    Lexicon::build(&Sources::embedded()).expect("shipped lexicons are valid")
}

fn kinds(lex: &Lexicon, raw: &str) -> Vec<(String, String)> {
    let toks = rasid_text::tokenize(raw);
    lex.find(raw, &toks, 0..toks.len())
        .into_iter()
        .map(|m| {
            let kind = match m.entry {
                EntryRef::Agent(i) => format!("agent:{}", lex.agents[i as usize].id),
                EntryRef::Country(i) => format!("country:{}", lex.countries[i as usize].code),
                EntryRef::Capital(i) => format!("capital:{}", lex.countries[i as usize].code),
                EntryRef::Nisba(i) => format!("nisba:{}", lex.countries[i as usize].code),
                EntryRef::Person(i) => format!("person:{}", lex.people[i as usize].id),
                other => format!("{other:?}"),
            };
            (kind, raw[m.span.range()].to_string())
        })
        .collect()
}

fn has(found: &[(String, String)], kind: &str, surface: &str) -> bool {
    found.iter().any(|(k, s)| k == kind && s == surface)
}

#[test]
fn matches_through_clitics_and_diacritics() {
    let lex = shipped();
    let raw = "ولوزيرِ الدفاعِ التركيِّ كلمة، وزارَ لتركيا وفدٌ";
    let found = kinds(&lex, raw);
    assert!(
        has(&found, "agent:defence-ministry", "وزيرِ الدفاعِ"),
        "{found:?}"
    );
    assert!(has(&found, "nisba:TUR", "التركيِّ"), "{found:?}");
    assert!(has(&found, "country:TUR", "تركيا"), "{found:?}");
}

#[test]
fn matches_hamza_and_yaa_taa_variants() {
    let lex = shipped();
    for raw in ["وصل الى انقرة", "وصل إلى أنقرة", "وصل إلى أنقره"]
    {
        let found = kinds(&lex, raw);
        assert!(
            found.iter().any(|(k, _)| k == "capital:TUR"),
            "{raw}: {found:?}"
        );
    }
    let found = kinds(&lex, "قال رئيس الوزراء المصري");
    assert!(found.iter().any(|(k, _)| k == "nisba:EGY"), "{found:?}");
}

#[test]
fn dated_offices_resolve_by_event_date() {
    let lex = shipped();
    let guler = lex
        .people
        .iter()
        .find(|p| p.id == "yasar-guler")
        .expect("Yaşar Güler is shipped");
    // chief of the general staff (2018–2023), then minister of national defence
    assert_eq!(
        guler.code_on(NaiveDate::from_ymd_opt(2020, 1, 1)),
        Some("TURMIL")
    );
    assert_eq!(
        guler.code_on(NaiveDate::from_ymd_opt(2024, 10, 1)),
        Some("TURGOV")
    );
}

#[test]
fn user_lexicon_overrides_and_extends() {
    let user = Sources::read_dir(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/user"
    )))
    .unwrap();
    let lex = Lexicon::build(&Sources::embedded().layered(user)).unwrap();
    let guler: Vec<_> = lex
        .people
        .iter()
        .filter(|p| p.id == "yasar-guler")
        .collect();
    assert_eq!(guler.len(), 1, "the override replaces, not duplicates");
    assert_eq!(
        guler[0].code_on(NaiveDate::from_ymd_opt(2024, 1, 1)),
        Some("TURLEG")
    );
    let zaid = lex.people.iter().find(|p| p.id == "test-person").unwrap();
    assert_eq!(
        zaid.code_on(NaiveDate::from_ymd_opt(2021, 6, 1)),
        Some("EGYGOV")
    );
    assert_eq!(
        zaid.code_on(NaiveDate::from_ymd_opt(2024, 6, 1)),
        Some("EGYMIL")
    );
    let found = kinds(&lex, "التقى زيد المثالي نظيره");
    assert!(
        has(&found, "person:test-person", "زيد المثالي"),
        "{found:?}"
    );
    assert_ne!(
        lex.version(),
        shipped().version(),
        "the version hash covers user files"
    );
}

fn errors_of(dir: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/broken")
        .join(dir);
    let src = Sources::read_dir(&path).unwrap();
    let errs =
        Lexicon::build(&Sources::embedded().layered(src)).expect_err("broken lexicon must fail");
    errs.iter()
        .map(|e| {
            format!(
                "{}:{}: [{}] {}",
                e.file.rsplit('/').next().unwrap(),
                e.line,
                e.kind,
                e.message
            )
        })
        .collect()
}

#[test]
fn broken_examples_fail_with_file_and_line() {
    let e = errors_of("bad-columns");
    assert_eq!(
        e,
        ["countries.tsv:2: [syntax] expected 7 tab-separated columns, found 8"]
    );

    let e = errors_of("bad-codes");
    assert!(
        e.contains(&"organizations.tsv:2: [bad value] bad actor code \"igo-un\"".to_string()),
        "{e:?}"
    );
    assert!(
        e.contains(&"triggers.tsv:2: [bad value] unknown CAMEO code \"999\"".to_string()),
        "{e:?}"
    );

    let e = errors_of("bad-dates");
    assert!(e.iter().any(|m| m.starts_with("people.jsonl:1: [conflict] office \"minister\": from 2020-05-01 is after to 2019-01-01")), "{e:?}");
    assert!(
        e.iter()
            .any(|m| m.starts_with("people.jsonl:2: [syntax] invalid person entry")),
        "{e:?}"
    );

    let e = errors_of("dup-ids");
    assert_eq!(
        e,
        ["agents.tsv:3: [duplicate] duplicate id \"guard\" in this file"]
    );
}

#[test]
fn word_lists_are_validated() {
    let e = errors_of("bad-words");
    assert_eq!(
        e,
        [
            "words.tsv:2: [bad value] unknown word list \"no-such-list\" (the coder reads no list of that name)",
            "words.tsv:3: [bad value] word list \"stop-words\" has no words",
        ]
    );
    // a list the coder needs that no file holds
    let mut src = Sources::embedded();
    for (name, text) in &mut src.files {
        if name.ends_with("words.tsv") {
            *text = text
                .lines()
                .filter(|l| !l.starts_with("inna\t"))
                .collect::<Vec<_>>()
                .join("\n");
        }
    }
    let errs = Lexicon::build(&src).unwrap_err();
    let e: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        e,
        ["lexicons/words.tsv:0: word list \"inna\" is missing (the coder needs it)"]
    );
}

#[test]
fn word_lists_load_and_layer() {
    let lex = shipped();
    for l in WordList::ALL {
        assert!(lex.words(*l).iter().next().is_some(), "{}", l.name());
    }
    let stop = lex.words(WordList::StopWords);
    assert!(stop.contains("وقف") && !stop.contains("زيارة"));
    assert!(lex.words(WordList::AttackNouns).contains("اعتداء"));
    let user = Sources::read_dir(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/user-words"
    )))
    .unwrap();
    let layered = Lexicon::build(&Sources::embedded().layered(user)).unwrap();
    let c = layered.words(WordList::Concessive);
    assert_eq!(c.iter().collect::<Vec<_>>(), ["رغم", "بالرغم", "علي الرغم"]);
    assert!(
        !c.contains("ورغم"),
        "the user list replaces the shipped one"
    );
    assert_eq!(
        layered.words(WordList::StopWords),
        lex.words(WordList::StopWords)
    );
    assert_ne!(layered.version(), lex.version());
}

#[test]
fn error_kinds_are_matchable() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken/dup-ids");
    let errs = Lexicon::build(&Sources::embedded().layered(Sources::read_dir(&path).unwrap()))
        .unwrap_err();
    assert!(errs.iter().all(|e| e.kind == ErrorKind::Duplicate));
}

#[test]
fn compiled_form_loads_the_same_lexicon() {
    let lex = shipped();
    let bytes = lex.to_bytes();
    let back = Lexicon::from_bytes("test.lex", &bytes).expect("round trip");
    assert_eq!(back.version(), lex.version());
    assert_eq!(back.people, lex.people);
    assert_eq!(back.triggers, lex.triggers);
    assert_eq!(back.word_lists, lex.word_lists);
    assert_eq!(
        back.words(WordList::Honorifics),
        lex.words(WordList::Honorifics)
    );
    let s = (lex.stats(), back.stats());
    assert_eq!(
        (s.0.patterns, s.0.trie_keys, s.0.vocabulary),
        (s.1.patterns, s.1.trie_keys, s.1.vocabulary)
    );
    let raw = "وللحكومةِ التركية قال وزير الخارجية السعودي إن بلاده تلقت اتصالاً من أنقرة، وزيارته";
    assert_eq!(kinds(&back, raw), kinds(&lex, raw));
    let toks = rasid_text::tokenize(raw);
    assert_eq!(
        back.find(raw, &toks, 0..toks.len()),
        lex.find(raw, &toks, 0..toks.len())
    );
}

#[test]
fn compiled_form_refuses_other_bytes() {
    let err = |b: &[u8]| Lexicon::from_bytes("x.lex", b).unwrap_err().to_string();
    assert!(err(b"not a lexicon").contains("not a compiled rasid lexicon"));
    let mut other = rasid_lexicon::COMPILED_MAGIC.to_vec();
    other.extend((rasid_lexicon::COMPILED_FORMAT + 1).to_le_bytes());
    assert!(err(&other).contains("compile it again"));
    let mut bytes = shipped().to_bytes();
    bytes.truncate(bytes.len() / 2);
    assert!(err(&bytes).contains("corrupt"));
}
