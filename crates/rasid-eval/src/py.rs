//! The few Python semantics that `score.py` relies on, so that the Rust figures equal its
//! figures on any input: `str()`, truthiness, `round(x, 4)`, and the actor helpers
//! `code_of` / `primary`.

use serde::Serialize;
use serde_json::Value;

/// Python's `str(v)` for a JSON value (`None`, `True`, numbers as written).
pub fn py_str(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Python's truthiness of a JSON value (`null`, `false`, `0`, `""`, `[]`, `{}` are false).
pub fn truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) | Some(Value::Bool(false)) => false,
        Some(Value::Number(n)) => n.as_f64().is_some_and(|x| x != 0.0),
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
        Some(Value::Bool(true)) => true,
    }
}

/// `code_of(actor)` of score.py: the actor code of a string, of an object's `code`
/// field, or `None` for a missing or empty one; upper-cased.
pub fn code_of(v: Option<&Value>) -> Option<String> {
    let v = match v {
        Some(Value::Object(o)) => o.get("code"),
        other => other,
    };
    if !truthy(v) {
        return None;
    }
    Some(py_str(v?).to_uppercase())
}

/// `primary(code)` of score.py: the full code of an IGO (`IGO…`) or transnational group
/// (`IMG…`), else its first three characters.
pub fn primary(code: Option<&str>) -> Option<String> {
    let c = code?;
    if c.starts_with("IGO") || c.starts_with("IMG") {
        Some(c.to_string())
    } else {
        Some(c.chars().take(3).collect())
    }
}

/// `str(cameo)[:2]`: the CAMEO root (first two characters).
pub fn root(cameo: &str) -> String {
    cameo.chars().take(2).collect()
}

/// Python's `round(x, 4)` for the ratios of the report: the value of the exactly
/// rounded decimal (half to even on the exact binary value, as CPython does).
pub fn round4(x: f64) -> f64 {
    format!("{x:.4}").parse().unwrap_or(x)
}

/// `p, r, f` of score.py's `prf` (0.0 for an empty denominator), unrounded.
pub fn prf(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
    let p = if tp + fp > 0 {
        tp as f64 / (tp + fp) as f64
    } else {
        0.0
    };
    let r = if tp + fn_ > 0 {
        tp as f64 / (tp + fn_) as f64
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// Python's `repr` of a float in the report's range (`1.0`, `0.6667`, `0.0`).
pub fn py_float(x: f64) -> String {
    if x.is_finite() && x.fract() == 0.0 {
        format!("{x:.1}")
    } else {
        format!("{x}")
    }
}

/// Counts and ratios in the manner of score.py: per CAMEO root, per entity type, overall.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    /// Matches (an event matched to a required gold event; an exact span-and-type entity).
    pub tp: usize,
    /// Predictions matched to nothing.
    pub fp: usize,
    /// Gold items matched by no prediction.
    #[serde(rename = "fn")]
    pub fn_: usize,
    /// Precision (4 places).
    pub precision: f64,
    /// Recall (4 places).
    pub recall: f64,
    /// F1 (4 places).
    pub f1: f64,
}

impl Prf {
    /// Recomputes the three ratios from the counts.
    pub(crate) fn finish(&mut self) {
        let (p, r, f) = prf(self.tp, self.fp, self.fn_);
        self.precision = round4(p);
        self.recall = round4(r);
        self.f1 = round4(f);
    }
    /// Adds another's counts and recomputes the ratios.
    pub(crate) fn add(&mut self, o: &Prf) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
        self.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn code_of_forms() {
        assert_eq!(code_of(Some(&json!("turgov"))), Some("TURGOV".into()));
        assert_eq!(
            code_of(Some(&json!({"code": "LBYMIL"}))),
            Some("LBYMIL".into())
        );
        assert_eq!(code_of(Some(&json!(""))), None);
        assert_eq!(code_of(Some(&json!({"name": "x"}))), None);
        assert_eq!(code_of(None), None);
        assert_eq!(primary(Some("IGOUNO")), Some("IGOUNO".into()));
        assert_eq!(primary(Some("TURGOV")), Some("TUR".into()));
        assert_eq!(primary(Some("GO")), Some("GO".into()));
    }

    #[test]
    fn rounding_like_python() {
        // values checked against CPython's round(x, 4)
        assert_eq!(round4(2.0 / 3.0), 0.6667);
        assert_eq!(round4(0.5), 0.5);
        assert_eq!(round4(1.0 / 7.0), 0.1429);
        assert_eq!(round4(0.00005), 0.0001); // 0.00005 is slightly above the tie in binary
        assert_eq!(round4(0.12345), 0.1235); // 0.12345 is slightly above the tie
        assert_eq!(round4(0.33335), 0.3333); // slightly below
    }
}
