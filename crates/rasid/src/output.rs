//! Event output formats: JSON Lines (the event record), a table for a person, and GDELT
//! 2.0 event-table TSV.

use rasid_coder::gdelt::{event_row, GdeltExtras};
use rasid_coder::Event;
use std::io::Write;
use unicode_width::UnicodeWidthStr;

/// Output format of `rasid code`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// One event record a line (`../shared/DESIGN.md`).
    Jsonl,
    /// An aligned table; Arabic in visual order on a terminal without bidi support, in
    /// logical order in a file or a pipe.
    Table,
    /// GDELT 2.0 event table, 61 tab-separated columns.
    Gdelt,
}

static LOGICAL_ORDER: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Makes [`visual`] return its text unchanged (`--bidi-terminal`: the terminal applies
/// the bidi algorithm itself, so reordering here would reverse Arabic twice).
pub fn set_logical_order(on: bool) {
    LOGICAL_ORDER.store(on, std::sync::atomic::Ordering::Relaxed);
}

/// Reorders `s` into visual (left-to-right display) order with the Unicode bidi
/// algorithm (UAX #9), so Arabic reads right to left in a plain terminal; returns `s`
/// as it is after [`set_logical_order`]`(true)`.
pub fn visual(s: &str) -> String {
    if LOGICAL_ORDER.load(std::sync::atomic::Ordering::Relaxed) {
        return s.to_string();
    }
    let info = unicode_bidi::BidiInfo::new(s, None);
    info.paragraphs
        .iter()
        .map(|p| info.reorder_line(p, p.range.clone()).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

fn cell(s: &str, width: usize) -> String {
    let v: String = visual(s);
    let mut out = String::new();
    let mut w = 0;
    for c in v.chars() {
        let cw = UnicodeWidthStr::width(c.encode_utf8(&mut [0; 4]) as &str);
        if w + cw > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push_str(&" ".repeat(width.saturating_sub(w)));
    out
}

/// Writes `events` in `format`. `header` prints the table header first.
pub fn write_events(
    out: &mut dyn Write,
    events: &[Event],
    format: OutputFormat,
    header: bool,
    now: &str,
) -> std::io::Result<()> {
    match format {
        OutputFormat::Jsonl => {
            for e in events {
                serde_json::to_writer(&mut *out, e)?;
                out.write_all(b"\n")?;
            }
        }
        OutputFormat::Gdelt => {
            for (i, e) in events.iter().enumerate() {
                let x = GdeltExtras {
                    global_id: i as u64 + 1,
                    num_mentions: 1,
                    num_sources: 1,
                    num_articles: 1,
                    date_added: now,
                    source_url: &e.doc_id,
                };
                writeln!(out, "{}", event_row(e, &x).join("\t"))?;
            }
        }
        OutputFormat::Table => {
            if header {
                writeln!(
                    out,
                    "{:<22} {:<5} {:<9} {:<10} {:<10} {:<4} {:<10} {:<11} trigger / source / target",
                    "event",
                    "cameo",
                    "plover",
                    "source",
                    "target",
                    "aux",
                    "date",
                    "location",
                )?;
            }
            for e in events {
                let words = format!(
                    "{} | {} | {}",
                    e.trigger.text,
                    e.source.text,
                    e.target.as_ref().map(|t| t.text.as_str()).unwrap_or("-")
                );
                writeln!(
                    out,
                    "{} {:<5} {:<9} {:<10} {:<10} {:<4} {:<10} {} {}",
                    cell(&e.event_id, 22),
                    e.cameo,
                    e.plover.as_ref().map(|p| p.event.as_str()).unwrap_or("-"),
                    e.source.code,
                    e.target.as_ref().map(|t| t.code.as_str()).unwrap_or("-"),
                    e.aux
                        .map(|a| match a {
                            rasid_coder::Aux::Negated => "neg",
                            rasid_coder::Aux::Future => "fut",
                            rasid_coder::Aux::Hypothetical => "hyp",
                        })
                        .unwrap_or("-"),
                    e.date.as_deref().unwrap_or("-"),
                    cell(
                        e.location.as_ref().map(|l| l.text.as_str()).unwrap_or("-"),
                        11
                    ),
                    visual(&words),
                )?;
            }
        }
    }
    Ok(())
}
