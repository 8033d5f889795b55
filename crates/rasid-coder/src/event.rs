//! The event record (the contract of `../shared/DESIGN.md`, section "The event record").

use rasid_lexicon::Plover;
use rasid_text::Span;
use serde::Serialize;

/// Auxiliary mode of an event (PLOVER's modes), serialized as `null` or a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Aux {
    /// The text says the event did not happen.
    Negated,
    /// Announced or scheduled, not yet done.
    Future,
    /// Conditional or hoped for.
    Hypothetical,
}

/// One actor of an event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorRef {
    /// CAMEO actor code (`TURGOV`, `LBYMIL`, `IGOUNO`).
    pub code: String,
    /// English name of the entry (or entries) that gave the code.
    pub name: String,
    /// The words of the actor mention, exactly as in the raw text.
    pub text: String,
    /// Byte span of `text` in the raw text.
    pub span: Span,
    /// Lexicon entry ids that produced the code, joined by `+`.
    pub entry: String,
}

/// The trigger of an event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TriggerRef {
    /// The trigger words, exactly as in the raw text.
    pub text: String,
    /// Byte span of `text`.
    pub span: Span,
    /// The trigger rule (lexicon entry id), e.g. `visit.zara`.
    pub rule: String,
}

/// Where an event happened.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Location {
    /// The place name as written.
    pub text: String,
    /// GeoNames id of the place.
    pub geonameid: u64,
    /// ISO alpha-3 country code.
    pub country: String,
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees.
    pub lon: f64,
    /// `city`, `admin` or `country`.
    pub precision: String,
}

/// The PLOVER coding of an event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PloverRef {
    /// PLOVER event type.
    pub event: String,
    /// PLOVER mode, if any.
    pub mode: Option<String>,
    /// PLOVER contexts.
    pub context: Vec<String>,
}

impl From<&Plover> for PloverRef {
    fn from(p: &Plover) -> Self {
        PloverRef {
            event: p.event.clone(),
            mode: p.mode.clone(),
            context: p.context.clone(),
        }
    }
}

/// One coded event: who did what to whom, when and where, with the words that say so.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// `DOC_ID:N`, N counting events of the document from 1.
    pub event_id: String,
    /// The document.
    pub doc_id: String,
    /// Index of the sentence (0-based) in the document.
    pub sentence: usize,
    /// CAMEO event code.
    pub cameo: String,
    /// Its two-digit root.
    pub cameo_root: String,
    /// GDELT QuadClass, 1–4.
    pub quad_class: u8,
    /// Goldstein score of the code.
    pub goldstein: f32,
    /// PLOVER coding; `null` where PLOVER has none (CAMEO root 01).
    pub plover: Option<PloverRef>,
    /// Auxiliary mode; `null` for an event reported as having happened.
    pub aux: Option<Aux>,
    /// Who acts.
    pub source: ActorRef,
    /// Who is acted upon; `null` when there is none.
    pub target: Option<ActorRef>,
    /// The words of the action.
    pub trigger: TriggerRef,
    /// Event date, `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; `null` when unknown.
    pub date: Option<String>,
    /// `day`, `month` or `year`; `null` with the date.
    pub date_precision: Option<String>,
    /// The words the date came from; `null` when the article or dateline date was used.
    pub date_text: Option<String>,
    /// Where, if said.
    pub location: Option<Location>,
    /// Byte span of the sentence that reports the event.
    pub evidence: Span,
    /// Confidence in 0…1 (written to 4 decimals).
    #[serde(serialize_with = "four_places")]
    pub confidence: f32,
    /// Version of the lexicon used.
    pub lexicon: String,
}

/// Writes an `f32` probability or weight to 4 decimals: as it is, the shortest form that
/// reads back to the same `f32` shows its binary noise (`0.80999994`), and as `f64` more
/// (`0.8099999427795410`).
pub(crate) fn four_places<S: serde::Serializer>(x: &f32, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(round4(*x))
}

/// `x` rounded to 4 decimals, as an `f64`.
fn round4(x: f32) -> f64 {
    (f64::from(x) * 1e4).round() / 1e4
}

/// [`four_places`] for the weights of a list of (feature, weight).
pub(crate) fn four_places_each<S: serde::Serializer>(
    top: &[(String, f32)],
    s: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    let mut seq = s.serialize_seq(Some(top.len()))?;
    for (f, w) in top {
        seq.serialize_element(&(f, round4(*w)))?;
    }
    seq.end()
}

#[cfg(test)]
mod tests {
    #[derive(serde::Serialize)]
    struct Probs {
        #[serde(serialize_with = "super::four_places")]
        p: f32,
        #[serde(serialize_with = "super::four_places_each")]
        top: Vec<(String, f32)>,
    }

    #[test]
    fn probabilities_are_written_to_four_places() {
        let x = Probs {
            p: 0.81,
            top: vec![("bias".into(), -2.032), ("rule=x".into(), 0.259_474_84)],
        };
        assert_eq!(
            serde_json::to_string(&x).unwrap(),
            r#"{"p":0.81,"top":[["bias",-2.032],["rule=x",0.2595]]}"#
        );
    }
}
