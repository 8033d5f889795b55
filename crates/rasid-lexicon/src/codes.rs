//! The codes a rasid event record uses, listed from the lexicons (`rasid codes`,
//! `GET /v1/codes`): actor codes (countries, international organisations, armed groups,
//! parties, institutions, outlets, companies: one row per lexicon entry), sector codes
//! (the roles of `agents.tsv`), and CAMEO event codes with their Goldstein score,
//! QuadClass and PLOVER mapping. English from the lexicons (CAMEO descriptions from the
//! codebook, sector names from [`SECTORS`]); Arabic from the lexicons (names, role words,
//! and a few trigger words of each event code).

use crate::cameo::quad_class;
use crate::Lexicon;
use serde::Serialize;

/// CAMEO sector (role) codes and their English names: those the lexicons give, and the
/// CAMEO actor codebook's other common ones.
pub const SECTORS: &[(&str, &str)] = &[
    ("AGR", "agriculture"),
    ("BUS", "business"),
    ("COP", "police, interior security"),
    ("CRM", "criminals"),
    ("CVL", "civilians"),
    ("EDU", "education"),
    ("ELI", "elites"),
    ("ENV", "environment"),
    ("GOV", "government"),
    ("HLH", "health"),
    ("HRI", "human rights"),
    ("IGO", "intergovernmental organisation"),
    ("IMG", "international militarised group"),
    ("INS", "insurgents"),
    ("JUD", "judiciary"),
    ("LAB", "labour"),
    ("LEG", "legislature"),
    ("MED", "media"),
    ("MIL", "military"),
    ("MOD", "moderates"),
    ("NGO", "non-governmental organisation"),
    ("OPP", "opposition"),
    ("PTY", "political party"),
    ("RAD", "radicals"),
    ("REB", "rebels"),
    ("REF", "refugees"),
    ("REL", "religious"),
    ("SEP", "separatists"),
    ("SPY", "intelligence"),
    ("UAF", "unaffiliated armed forces"),
];

/// One code of the codebook.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CodeRow {
    /// `country`, an organisation kind (`igo`, `ngo`, `armed`, `party`, `institution`,
    /// `media`, `company`), `sector` or `event`.
    pub kind: String,
    /// The code (`TUR`, `IGOUNO`, `GOV`, `043`).
    pub code: String,
    /// English: the entry's name, the sector's name or the CAMEO description.
    pub en: String,
    /// Arabic: the entry's first name, the sector's first role words, or the first
    /// trigger words of the event code (`، `-separated); empty when the lexicons have none.
    pub ar: String,
    /// The lexicon entry id (actor rows: `--entity` takes it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry: Option<String>,
    /// Goldstein score (event rows).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goldstein: Option<f32>,
    /// QuadClass 1–4 (event rows).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quad_class: Option<u8>,
    /// PLOVER event type, `/mode` when it has one (event rows).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plover: Option<String>,
}

impl CodeRow {
    fn new(kind: &str, code: &str, en: &str, ar: String) -> CodeRow {
        CodeRow {
            kind: kind.into(),
            code: code.into(),
            en: en.into(),
            ar,
            entry: None,
            goldstein: None,
            quad_class: None,
            plover: None,
        }
    }

    /// True when `filter` is empty, or a prefix of the code, or found in the kind, the
    /// English or the Arabic text (case-insensitive): `IGO` lists the international
    /// organisations, `19` the CAMEO codes under 19 (fight), `libya` the Libyan entries.
    pub fn matches(&self, filter: &str) -> bool {
        let f = filter.trim().to_lowercase();
        f.is_empty()
            || self.code.to_lowercase().starts_with(&f)
            || self.kind == f
            || self.en.to_lowercase().contains(&f)
            || self.ar.contains(filter.trim())
            || self.entry.as_deref().is_some_and(|e| e == f)
    }
}

/// Every code of `lex`: countries, organisations (by code, then entry), sectors, then
/// CAMEO event codes, each group sorted by code.
pub fn codebook(lex: &Lexicon) -> Vec<CodeRow> {
    let mut out = Vec::new();
    let mut countries: Vec<_> = lex.countries.iter().collect();
    countries.sort_by(|a, b| a.code.cmp(&b.code));
    for c in countries {
        let mut r = CodeRow::new("country", &c.code, &c.en, first(&c.names));
        r.entry = Some(c.id.clone());
        out.push(r);
    }
    let mut orgs: Vec<_> = lex.organizations.iter().collect();
    orgs.sort_by(|a, b| (&a.code, &a.id).cmp(&(&b.code, &b.id)));
    for o in orgs {
        let mut r = CodeRow::new(&o.kind, &o.code, &o.en, first(&o.names));
        r.entry = Some(o.id.clone());
        out.push(r);
    }
    for (code, en) in SECTORS {
        let ar: Vec<&str> = lex
            .agents
            .iter()
            .filter(|a| a.sector == *code)
            .filter_map(|a| a.forms.first().map(String::as_str))
            .take(3)
            .collect();
        out.push(CodeRow::new("sector", code, en, ar.join("، ")));
    }
    for code in lex.cameo.codes() {
        let ar: Vec<&str> = lex
            .triggers
            .iter()
            .filter(|t| t.cameo == code && !t.learned && !t.say)
            .filter_map(|t| t.forms.first().map(String::as_str))
            .take(3)
            .collect();
        let mut r = CodeRow::new(
            "event",
            code,
            lex.cameo.description(code).unwrap_or_default(),
            ar.join("، "),
        );
        r.goldstein = lex.cameo.goldstein(code);
        r.quad_class = quad_class(code);
        r.plover = lex.cameo.plover(code).map(|p| match &p.mode {
            Some(m) => format!("{}/{m}", p.event),
            None => p.event.clone(),
        });
        out.push(r);
    }
    out
}

/// The description of an actor code as the code itself says it: its country (or
/// organisation) and its sectors, e.g. `TURGOV` → `Turkey · government`, `LBYMIL` →
/// `Libya · military`, `IGO` → `intergovernmental organisation`. An organisation code
/// that no country starts (`IGOUNO`) is named by its lexicon entries when they all share
/// one English name, else by its sectors and the group code. Empty for an empty code.
pub fn describe_actor(lex: &Lexicon, code: &str) -> String {
    let code = code.trim();
    if code.is_empty() {
        return String::new();
    }
    let mut parts: Vec<String> = Vec::new();
    let mut rest = code;
    if code.len() >= 3 && code.is_char_boundary(3) {
        if let Some(c) = lex.country_by_code(&code[..3]) {
            parts.push(c.en.clone());
            rest = &code[3..];
        }
    }
    if parts.is_empty() {
        // an organisation code: its entries' name when they agree
        let mut names: Vec<&str> = lex
            .organizations
            .iter()
            .filter(|o| o.code == code)
            .map(|o| o.en.as_str())
            .collect();
        names.dedup();
        if names.len() == 1 {
            return names[0].to_string();
        }
    }
    while rest.len() >= 3 && rest.is_char_boundary(3) {
        let (head, tail) = rest.split_at(3);
        match SECTORS.iter().find(|(c, _)| *c == head) {
            Some((_, en)) => parts.push((*en).to_string()),
            None => parts.push(head.to_string()),
        }
        rest = tail;
    }
    if !rest.is_empty() {
        parts.push(rest.to_string());
    }
    parts.join(" · ")
}

fn first(v: &[String]) -> String {
    v.first().cloned().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Sources;

    fn lex() -> Lexicon {
        Lexicon::build(&Sources::embedded()).expect("shipped lexicons")
    }

    #[test]
    fn codebook_has_every_kind_with_its_values() {
        let lex = lex();
        let rows = codebook(&lex);
        let get = |kind: &str, code: &str| {
            rows.iter()
                .find(|r| r.kind == kind && r.code == code)
                .unwrap_or_else(|| panic!("{kind} {code}"))
        };
        let tur = get("country", "TUR");
        assert_eq!(tur.en, "Türkiye");
        assert!(!tur.ar.is_empty());
        let gov = get("sector", "GOV");
        assert_eq!(gov.en, "government");
        assert!(gov.ar.contains("الرئيس"), "{}", gov.ar);
        let e = get("event", "043");
        assert_eq!((e.quad_class, e.goldstein), (Some(1), Some(2.8)));
        assert_eq!(e.en, "Host a visit");
        assert!(e.plover.as_deref().unwrap().starts_with("CONSULT"));
        assert!(!e.ar.is_empty());
        assert_eq!(get("event", "190").quad_class, Some(4));
        assert!(rows.iter().any(|r| r.kind == "igo" && r.code == "IGOUNO"));
        assert!(rows.iter().any(|r| r.kind == "armed"));
    }

    #[test]
    fn filters() {
        let lex = lex();
        let rows = codebook(&lex);
        let igo: Vec<_> = rows.iter().filter(|r| r.matches("IGO")).collect();
        assert!(igo.len() > 10);
        assert!(igo.iter().all(|r| r.code.starts_with("IGO")
            || r.kind == "igo"
            || r.en.to_lowercase().contains("igo")));
        let fight: Vec<_> = rows.iter().filter(|r| r.matches("19")).collect();
        assert!(fight.iter().any(|r| r.code == "190"));
        assert!(fight
            .iter()
            .filter(|r| r.kind == "event")
            .all(|r| r.code.starts_with("19")));
        assert_eq!(rows.iter().filter(|r| r.matches("")).count(), rows.len());
    }

    #[test]
    fn actor_descriptions_come_from_the_code() {
        let lex = lex();
        assert_eq!(describe_actor(&lex, "TURGOV"), "Türkiye · government");
        assert_eq!(describe_actor(&lex, "LBYMIL"), "Libya · military");
        assert_eq!(describe_actor(&lex, "EGY"), "Egypt");
        assert_eq!(describe_actor(&lex, "IRQGOV"), "Iraq · government");
        assert_eq!(describe_actor(&lex, ""), "");
        assert_eq!(describe_actor(&lex, "XQ"), "XQ");
    }
}
