//! Synthetic events for benchmarks and tests: a deterministic generator of documents,
//! events and mentions with realistic skew (a few actors and dyads dominate).

use crate::error::Result;
use crate::Store;
use rusqlite::params;

const COUNTRIES: [&str; 24] = [
    "TUR", "LBY", "EGY", "SAU", "ARE", "QAT", "IRN", "ISR", "PSE", "SYR", "IRQ", "JOR", "LBN",
    "YEM", "USA", "RUS", "FRA", "GBR", "DZA", "TUN", "MAR", "SDN", "OMN", "KWT",
];
const ROLES: [&str; 5] = ["", "GOV", "MIL", "REB", "OPP"];
const CODES: [(&str, &str, u8, f64); 10] = [
    ("042", "04", 1, 1.9),
    ("036", "03", 1, 4.0),
    ("057", "05", 1, 8.0),
    ("071", "07", 2, 7.4),
    ("111", "11", 3, -2.0),
    ("112", "11", 3, -2.0),
    ("138", "13", 3, -7.0),
    ("173", "17", 4, -5.0),
    ("190", "19", 4, -10.0),
    ("193", "19", 4, -10.0),
];

/// A small deterministic generator (xorshift64*).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545F4914F6CDD1D)
    }
    /// Skewed pick in 0..n: low indexes far more often.
    fn skewed(&mut self, n: usize) -> usize {
        let a = (self.next() % n as u64) as usize;
        let b = (self.next() % n as u64) as usize;
        a.min(b)
    }
}

impl Store {
    /// Adds `n` synthetic events (one mention each, ten per synthetic document) dated
    /// over 2015–2024, in one transaction. Deterministic for a `seed`.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn generate(&mut self, n: u64, seed: u64) -> Result<()> {
        let mut rng = Rng(seed.max(1));
        let start = chrono::NaiveDate::from_ymd_opt(2015, 1, 1).expect("valid date");
        let tx = self.conn.transaction()?;
        {
            let mut doc = tx.prepare(
                "INSERT INTO documents (doc_id, content_hash, outlet, date, text_len, n_events, coded_at)
                 VALUES (?1, ?2, ?3, ?4, 1000, ?5, '2025-01-01T00:00:00Z')",
            )?;
            let mut ev = tx.prepare(
                "INSERT INTO events (cameo, root, quad_class, goldstein, aux, source_code, source_name,
                   target_code, target_name, date, date_precision, day_start, day_end,
                   num_mentions, num_sources, num_articles, first_seen, last_seen, confidence_max, added_at)
                 VALUES (?1, ?2, ?3, ?4, '', ?5, ?5, ?6, ?6, ?7, 'day', ?7, ?7, 1, 1, 1, ?7, ?7, ?8, '20250101000000')",
            )?;
            let mut men = tx.prepare(
                "INSERT INTO mentions (event_id, doc, local_id, sentence, evidence_start, evidence_end,
                   trigger_start, trigger_end, trigger_text, rule, source_start, source_end,
                   source_text, source_entry, confidence, lexicon)
                 VALUES (?1, ?2, ?3, 0, 0, 10, 0, 3, 'synthetic', 'synthetic', 4, 8, 'x', 'x', ?4, 'synthetic')",
            )?;
            let mut doc_row = 0;
            for i in 0..n {
                let day = start + chrono::Duration::days((rng.next() % 3650) as i64);
                let date = day.to_string();
                if i % 10 == 0 {
                    let left = (n - i).min(10) as i64;
                    doc.execute(params![
                        format!("synthetic-{seed}-{i}"),
                        format!("{:032x}", i),
                        format!("outlet-{}", rng.next() % 7),
                        date,
                        left
                    ])?;
                    doc_row = tx.last_insert_rowid();
                }
                let actor = |rng: &mut Rng| {
                    format!(
                        "{}{}",
                        COUNTRIES[rng.skewed(COUNTRIES.len())],
                        ROLES[(rng.next() % ROLES.len() as u64) as usize]
                    )
                };
                let s = actor(&mut rng);
                let mut t = actor(&mut rng);
                if t == s {
                    t = "USAGOV".into();
                }
                let (code, root, quad, g) = CODES[(rng.next() % CODES.len() as u64) as usize];
                let conf = 0.5 + (rng.next() % 50) as f64 / 100.0;
                ev.execute(params![code, root, quad, g, s, t, date, conf])?;
                let id = tx.last_insert_rowid();
                men.execute(params![id, doc_row, format!("synthetic:{i}"), conf])?;
            }
        }
        tx.commit()?;
        Ok(())
    }
}
