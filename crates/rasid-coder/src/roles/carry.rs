//! Stage 5 of [`super::code_sentence`], the last: what the sentence leaves for the next
//! one in the article context ([`Ctx`]): whether it told history, the day it brought the
//! narrative to, the speaker of a quotation left open, and the subject a next sentence may
//! go on with.

use super::context::SentenceContext;
use super::rules::RuleState;
use super::{Ctx, SentenceDates};
use crate::actors::Actor;
use std::ops::Range;

/// Carries the sentence over token indices `range` into `ctx`: its history (`when`, kept
/// only when the next sentence opens with حينها …), the last day it names (from its
/// dates if read, else left for [`Ctx::narrative_date`] to read), the speaker of a quotation of
/// `context` still open at its end, and its subject: the last subject of the rules'
/// events (`rules`), else, with no event, none when its speaker is unknown, else its
/// first bare coded mention of `cast` within its first eight tokens (else the subject
/// stays).
pub(super) fn carry_over(
    ctx: &mut Ctx,
    when: &SentenceDates,
    range: Range<usize>,
    context: &SentenceContext,
    cast: &[Actor],
    rules: RuleState,
) {
    // the next sentence may go on with this one's history (وحينها …)
    ctx.historic = ctx.then_next && when.historic();
    // and on the last day it names (its dates read later, if an event needs them)
    let narrative = ctx.narrative.get_mut();
    match when.dates_if_found() {
        Some(dates) => {
            if let Some(day) = super::narrative_day(dates, ctx.anchor) {
                narrative.day = Some(day);
                narrative.unread.clear();
            }
        }
        None => narrative.unread.push((when.span, range.clone())),
    }
    // a quotation left open runs on into the next sentence, with its speaker
    ctx.last_speaker = context
        .speech
        .iter()
        .rev()
        .find(|c| c.quoted && c.clause.end >= range.end)
        .and_then(|c| c.speaker.clone());
    // carry the subject into the next sentence
    if let Some(s) = rules.used_subject {
        ctx.last_subject = Some(s);
    } else if rules.emitted == 0 && context.unknown_speaker {
        // the sentence's speaker is someone the lexicon does not know
        ctx.last_subject = None;
    } else if rules.emitted == 0 {
        if let Some(a) = cast
            .iter()
            .find(|a| a.prep.is_none() && a.is_coded() && a.tokens.start < range.start + 8)
        {
            ctx.last_subject = Some(a.clone());
        }
    }
}
