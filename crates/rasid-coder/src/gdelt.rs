//! GDELT 2.0 export rows: the 61-column event table and the 16-column mentions table
//! (GDELT 2.0 Event Database Data Format Codebook V2.0, 2015), which analysts already load.

use crate::event::{ActorRef, Event};

/// The 61 column names of the GDELT 2.0 event table, in order.
pub const EVENT_COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// The 16 column names of the GDELT 2.0 mentions table, in order.
pub const MENTION_COLUMNS: [&str; 16] = [
    "GLOBALEVENTID",
    "EventTimeDate",
    "MentionTimeDate",
    "MentionType",
    "MentionSourceName",
    "MentionIdentifier",
    "SentenceID",
    "Actor1CharOffset",
    "Actor2CharOffset",
    "ActionCharOffset",
    "InRawText",
    "Confidence",
    "MentionDocLen",
    "MentionDocTone",
    "MentionDocTranslationInfo",
    "Extras",
];

/// Counts and provenance that the event record itself does not hold.
#[derive(Debug, Clone, Default)]
pub struct GdeltExtras<'a> {
    /// Numeric id (GDELT ids are integers).
    pub global_id: u64,
    /// Mentions, sources and articles behind the event (1, 1, 1 for a single article).
    pub num_mentions: u32,
    /// Distinct outlets.
    pub num_sources: u32,
    /// Distinct articles.
    pub num_articles: u32,
    /// `YYYYMMDDHHMMSS` when the event was added.
    pub date_added: &'a str,
    /// The article's address or id.
    pub source_url: &'a str,
}

fn tsv(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

fn actor_cols(a: Option<&ActorRef>) -> [String; 10] {
    let Some(a) = a else {
        return Default::default();
    };
    let code = &a.code;
    let (country, rest) = if code.len() >= 3
        && !code.starts_with("IGO")
        && !code.starts_with("IMG")
        && !code.starts_with("NGO")
    {
        (code[..3].to_string(), &code[3..])
    } else {
        (String::new(), code.as_str())
    };
    let known = if code.starts_with("IGO") || code.starts_with("IMG") || code.starts_with("NGO") {
        code.clone()
    } else {
        String::new()
    };
    let types: Vec<String> = if known.is_empty() {
        rest.as_bytes()
            .chunks(3)
            .map(|c| String::from_utf8_lossy(c).to_string())
            .collect()
    } else {
        Vec::new()
    };
    [
        code.clone(),
        tsv(&a.name),
        country,
        known,
        String::new(),
        String::new(),
        String::new(),
        types.first().cloned().unwrap_or_default(),
        types.get(1).cloned().unwrap_or_default(),
        types.get(2).cloned().unwrap_or_default(),
    ]
}

/// One GDELT 2.0 event-table row (61 cells) for `e`.
pub fn event_row(e: &Event, x: &GdeltExtras) -> Vec<String> {
    let date = e.date.as_deref().unwrap_or("");
    let digits: String = date.chars().filter(|c| c.is_ascii_digit()).collect();
    let sqldate = format!("{:0<8}", digits);
    let year = digits.get(..4).unwrap_or("").to_string();
    let month_year = digits
        .get(..6)
        .map(|s| s.to_string())
        .unwrap_or_else(|| format!("{year}00"));
    let fraction = match (digits.get(..4), digits.get(4..6), digits.get(6..8)) {
        (Some(y), m, d) => {
            let y: f64 = y.parse().unwrap_or(0.0);
            let m: f64 = m.and_then(|m| m.parse().ok()).unwrap_or(1.0);
            let d: f64 = d.and_then(|d| d.parse().ok()).unwrap_or(1.0);
            format!("{:.4}", y + ((m - 1.0) * 30.0 + d) / 365.0)
        }
        _ => String::new(),
    };
    let mut row = Vec::with_capacity(61);
    row.extend([x.global_id.to_string(), sqldate, month_year, year, fraction]);
    row.extend(actor_cols(Some(&e.source)));
    row.extend(actor_cols(e.target.as_ref()));
    let base = e.cameo.get(..3).unwrap_or(&e.cameo).to_string();
    row.extend([
        "1".to_string(),
        e.cameo.clone(),
        base,
        e.cameo_root.clone(),
        e.quad_class.to_string(),
        format!("{:.1}", e.goldstein),
        x.num_mentions.to_string(),
        x.num_sources.to_string(),
        x.num_articles.to_string(),
        String::new(),
    ]);
    // actor geographies are not coded: 2 × 8 empty cells
    row.extend(std::iter::repeat_n(String::new(), 16));
    match &e.location {
        Some(l) => {
            let geo_type = match l.precision.as_str() {
                "country" => "1",
                "admin" => "2",
                _ => "4",
            };
            row.extend([
                geo_type.to_string(),
                tsv(&l.text),
                l.country.clone(),
                String::new(),
                String::new(),
                format!("{:.4}", l.lat),
                format!("{:.4}", l.lon),
                l.geonameid.to_string(),
            ]);
        }
        None => row.extend(std::iter::repeat_n(String::new(), 8)),
    }
    row.push(x.date_added.to_string());
    row.push(tsv(x.source_url));
    debug_assert_eq!(row.len(), 61);
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixty_one_columns() {
        assert_eq!(EVENT_COLUMNS.len(), 61);
        assert_eq!(MENTION_COLUMNS.len(), 16);
    }
}
