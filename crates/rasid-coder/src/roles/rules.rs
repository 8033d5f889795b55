//! Stage 3 of [`super::code_sentence`]: the rules. For each trigger of the sentence, in
//! text order, they decide whether it reports an act ([`early_rejection`],
//! [`relative_clause`]), who is its source and who its target ([`assign_roles`], then
//! [`refine_roles`]), whether those make an event ([`checked_source`]), its aux mode
//! ([`mode`]), and build its events ([`emit`]). A trigger that makes no event is given
//! the reason, for `rasid explain` and the learned decisions.

use super::context::Speech;
use super::phrases::{
    agent_by_relative, agent_phrase, future_support_verb, future_verb, not_reported,
    possessive_noun, pronoun_object, support_clause, threat_code,
};
use super::{
    attack_noun, aux_mode, build_event, confidence, country_of, event_date, key, pick_location,
    same_side, unidentified_attackers, Considered, Ctx, SentenceTrace, SentenceView, VSO_WINDOW,
};
use crate::actors::Actor;
use crate::event::{Aux, Event};
use rasid_lexicon::{CueKind, EntryRef, Lexicon, Match, Pos, Trigger, WordList};
use std::ops::Range;

/// How far (tokens) after a trigger its arguments are looked for.
const ARG_WINDOW: usize = 30;

/// How far (tokens) after a verbal noun its genitive source may stand.
const NOUN_WINDOW: usize = 8;

/// How many words after a condemnation its attack noun may stand (أدان بشدة التفجير).
const ATTACK_REACH: usize = 5;

/// Whether the actor code names a people or a group that can protest (a non-state sector:
/// `CVL`, `OPP`, `REB` …), not a state or its organs.
pub(super) fn protester(code: &str) -> bool {
    const GROUPS: &[&str] = &[
        "OPP", "REB", "PTY", "CVL", "REF", "HRI", "NGO", "LAB", "EDU", "REL", "MED", "BUS", "UAF",
        "ELI",
    ];
    !code.starts_with("IGO")
        && !code.starts_with("IMG")
        && (0..code.len() / 3).any(|i| {
            code.get(i * 3..i * 3 + 3)
                .is_some_and(|c| GROUPS.contains(&c))
        })
}

/// How many tokens before a verbal noun a future verb may stand and make it future (the
/// verb, then its subject: سيعقد الرئيس المصري اجتماعا).
const FUTURE_VERB_REACH: usize = 5;

/// What the rules' events of a sentence leave for its later triggers and for the next
/// sentence.
#[derive(Default)]
pub(super) struct RuleState {
    /// The subject of the last event made (not the agent of a passive): a later verb
    /// joined by و goes on with it, and it is carried into the next sentence.
    pub used_subject: Option<Actor>,
    /// The first token index of each target of the sentence's events: none of them is a
    /// later trigger's subject.
    pub used_as_target: Vec<usize>,
    /// The target of the first pair of the last event made, for a pronoun object.
    pub last_target: Option<Actor>,
    /// How many events the rules made of the sentence.
    pub emitted: usize,
}

/// A trigger of the sentence being decided.
struct At<'a> {
    /// Its index in [`super::mentions::SentenceMentions::triggers`].
    ti: usize,
    /// Its match.
    m: &'a Match,
    /// Its lexicon entry.
    trig: &'a Trigger,
}

/// Why a trigger makes no event, as `rasid explain` shows it.
type Rejection = &'static str;

/// Runs the rules on each trigger of `s` in text order: pushes their events to `events`,
/// records each decision in `trace` (with `s.want_trace`) and each rejection's reason
/// (with `s.learning`), and updates the article's last pair of parties and lists of
/// parties in `ctx`. Returns the state the sentence's events leave.
pub(super) fn apply_rules(
    s: &SentenceView,
    ctx: &mut Ctx,
    events: &mut Vec<Event>,
    trace: &mut SentenceTrace,
) -> RuleState {
    let mut state = RuleState::default();
    for (ti, &m) in s.mentions.triggers.iter().enumerate() {
        let EntryRef::Trigger(tid) = m.entry else {
            continue;
        };
        let t = At {
            ti,
            m,
            trig: &s.lex.triggers[tid as usize],
        };
        // (what was considered is recorded only for `rasid explain`)
        let considered = if s.want_trace {
            Considered {
                rule: t.trig.id.clone(),
                text: s.raw()[m.span.range()].to_string(),
                cameo: t.trig.cameo.clone(),
                outcome: String::new(),
            }
        } else {
            Considered::default()
        };
        match rule_event(s, &t, &state, ctx) {
            Err(why) => reject(s, m, considered, why, trace),
            Ok(e) => emit(s, &t, e, &mut state, ctx, events, trace, considered),
        }
    }
    state
}

/// Records that trigger `m` made no event, and `why`.
fn reject(s: &SentenceView, m: &Match, mut c: Considered, why: &str, trace: &mut SentenceTrace) {
    if s.want_trace {
        c.outcome = why.to_string();
        trace.triggers.push(c);
    }
    if s.learning {
        // (the learned decisions take the reason as a feature)
        trace.rejections.push((m.span, why.to_string()));
    }
}

/// What the rules decided for a trigger that makes an event.
struct Ruled {
    /// The source.
    source: Actor,
    /// The targets (none for a protest without an addressee).
    targets: Vec<Actor>,
    /// Parties joined by و to a verb-first subject: each a source too.
    co_sources: Vec<Actor>,
    /// The subject the co-sources are joined to (token indices).
    co_subject_of: Option<Range<usize>>,
    /// True when the roles come from a passive's agent phrase.
    agentive: bool,
    /// The aux mode.
    aux: Option<Aux>,
    /// The threat code (13x) that replaces the trigger's, for a conditional act.
    threat: Option<&'static str>,
}

/// The decisions for one trigger: the roles and mode of its event, or why it has none.
fn rule_event(s: &SentenceView, t: &At, state: &RuleState, ctx: &Ctx) -> Result<Ruled, Rejection> {
    early_rejection(s, t)?;
    let scope = Scope::new(s, t, state, ctx);
    let (relative_at, resumptive) = relative_clause(s, t)?;
    let clause = clause_roles(s, t, &scope, relative_at, resumptive, state, ctx);
    let mut roles = assign_roles(s, t, &scope, &clause, state, ctx);
    let fronted_future = refine_roles(s, t, &scope, &clause, state, ctx, &mut roles);
    let agentive = clause.agentive.is_some();
    let source = checked_source(s, t, &scope, roles.source, &mut roles.targets)?;
    let support_future = clause.support.is_some_and(|(_, fut)| fut);
    let (aux, threat) = mode(s, t, support_future, fronted_future)?;
    // (history is checked last: dates are looked for only when an event is near)
    if s.when.historic() {
        return Err("background: the sentence is dated years before the article");
    }
    Ok(Ruled {
        source,
        targets: roles.targets,
        co_sources: roles.co_sources,
        co_subject_of: roles.co_subject_of,
        agentive,
        aux,
        threat,
    })
}

/// Why the trigger reports no act, by what stands around it alone: inside an
/// attribution, background ([`not_reported`]), the topic of a meeting, a meeting told
/// before, a reporting verb.
fn early_rejection(s: &SentenceView, t: &At) -> Result<(), Rejection> {
    let (lex, toks, range) = (s.lex, s.toks, &s.range);
    let (m, trig, ti) = (t.m, t.trig, t.ti);
    let triggers = &s.mentions.triggers;
    if s.context.in_attribution(m.tokens.start) {
        return Err("inside an attribution (وفق، بحسب …)");
    }
    if let Some(why) = not_reported(lex, trig, m, s.raw(), toks, range) {
        return Err(why);
    }
    // an intent noun that is what a meeting discussed (بحث سبل تعزيز العلاقات، بحث X مع
    // Y آفاق تعزيز التعاون) is the meeting's topic, not a separate event
    let discussed = trig.pos == Pos::Noun
        && trig.cameo.starts_with("03")
        && triggers[..ti].last().is_some_and(|p| {
            matches!(p.entry, EntryRef::Trigger(t) if lex.triggers[t as usize].cameo.starts_with("04"))
                && p.tokens.end <= m.tokens.start
                && (p.tokens.end + 1 >= m.tokens.start
                    || p.tokens.end + 10 >= m.tokens.start
                        && m.tokens.start > 0
                        && matches!(
                            key(toks, m.tokens.start - 1),
                            "سبل" | "افاق" | "اوجه" | "مجالات" | "سبيل" | "امكانيه"
                        ))
        });
    if discussed {
        return Err("the topic of a meeting (بحث سبل تعزيز …)");
    }
    // a meeting that is the subject of a verb of discussion (تطرق اللقاء إلى الاتفاق،
    // تناول الاجتماع الملف) was reported before: what follows is its topic
    if trig.pos == Pos::Noun
        && trig.cameo.starts_with("04")
        && m.tokens.start > range.start
        && lex
            .words(WordList::DiscussVerbs)
            .contains(key(toks, m.tokens.start - 1))
    {
        return Err(
            "a meeting already reported, subject of a verb of discussion (تطرق اللقاء إلى …)",
        );
    }
    if trig.say || (trig.cameo == "010" && !s.opts.emit_statements) {
        return Err("reporting verb: carries the subject, no event");
    }
    Ok(())
}

/// True when the trigger takes `a` as its target: by its preposition, or as a bare
/// object (`obj`).
fn takes(trig: &Trigger, a: &Actor) -> bool {
    match &a.prep {
        None => trig.target.iter().any(|t| t == "obj"),
        Some(p) => trig.target.iter().any(|t| t == p),
    }
}

/// Where a trigger's arguments are looked for, and the subject it has. Token indices.
struct Scope<'a> {
    /// Where the arguments of a verb stop: the next verb trigger (any next trigger for a
    /// noun), else the sentence's end.
    next_trigger: usize,
    /// The end of the argument window: the next trigger, the next clause break, at most
    /// [`ARG_WINDOW`] tokens after the trigger, within the sentence.
    right_end: usize,
    /// The quotation the trigger stands in, if any.
    quote: Option<Range<usize>>,
    /// All the quotations of the sentence.
    quotes: &'a [Range<usize>],
    /// The quotation or reported clause the trigger stands in, with its speaker.
    clause_speaker: Option<Speech>,
    /// The coded (or both-parties) mentions after the trigger's head, in the window and
    /// its quotation, that are no capital after ب / في.
    after: Vec<&'a Actor>,
    /// The mentions that end before the trigger, in its quotation.
    before: Vec<&'a Actor>,
    /// The start of a contrasting clause the trigger stands in (after its connective).
    clause_start: Option<usize>,
    /// The nearest bare coded mention before the trigger in its clause (or the speaker of
    /// the reported clause): the sentence subject.
    prior_subject: Option<Actor>,
    /// The prior subject, else the subject of an earlier event of the sentence or the one
    /// carried from the last sentence.
    subject: Option<Actor>,
    /// The trigger has the proclitic و or ف.
    conj_verb: bool,
    /// Force and posture (15, 18, 19, 20): their target may be a place.
    force: bool,
}

impl<'a> Scope<'a> {
    fn new(s: &'a SentenceView, t: &At, state: &RuleState, ctx: &Ctx) -> Scope<'a> {
        let (lex, range) = (s.lex, &s.range);
        let (m, trig, ti) = (t.m, t.trig, t.ti);
        let (triggers, cast) = (&s.mentions.triggers, &s.mentions.cast);
        let quotes = &s.context.quotes;
        // a verb's arguments stop at the next verb trigger (a verbal noun in between, such as
        // `ثمن … المساندة التي تقدمها قوات التحالف`, does not end the clause)
        let next_trigger = triggers[ti + 1..]
            .iter()
            .find(|n| trig.pos == Pos::Noun || matches!(n.entry, EntryRef::Trigger(t) if lex.triggers[t as usize].pos == Pos::Verb))
            .map_or(range.end, |n| n.tokens.start);
        // (nor does it reach into a contrasting clause: خطفت الجبهة عناصر، إلا أن الوزارة
        // نفت)
        let clause_end = s
            .context
            .breaks
            .iter()
            .find(|&&(k, _)| k >= m.tokens.end)
            .map_or(range.end, |&(k, _)| k);
        let right_end = next_trigger
            .max(m.tokens.end)
            .min(m.tokens.end + ARG_WINDOW)
            .min(range.end)
            .min(clause_end);
        // a trigger inside a quotation takes its arguments from the quotation, one outside
        // takes none from a quotation
        let quote = quotes.iter().find(|q| q.contains(&m.tokens.start)).cloned();
        // the speaker of the quotation or reported clause the trigger stands in, when no
        // actor of that clause stands before the trigger
        let clause_speaker = s
            .context
            .speech
            .iter()
            .rev()
            .find(|c| c.clause.start <= m.tokens.start && c.clause.contains(&m.tokens.start))
            .cloned();
        let mut scope = Scope {
            next_trigger,
            right_end,
            quote,
            quotes,
            clause_speaker,
            after: Vec::new(),
            before: Vec::new(),
            clause_start: None,
            prior_subject: None,
            subject: None,
            conj_verb: m.proclitic.starts_with('و') || m.proclitic.starts_with('ف'),
            // force and posture (15, 18, 19, 20): their target may be a place
            force: matches!(trig.cameo.get(..2), Some("15" | "18" | "19" | "20")),
        };
        // for gapped triggers, arguments may sit in the gap (تلقى الرئيس اتصالا)
        scope.after = cast
            .iter()
            .filter(|a| scope.same_quote(a.tokens.start))
            .filter(|a| {
                a.tokens.start >= m.head.end && a.tokens.start < right_end.max(m.tokens.end)
            })
            .filter(|a| a.is_coded() || a.both_parties)
            // بالرياض، في أنقرة: the place of the event
            .filter(|a| !(a.capital_only && matches!(a.prep.as_deref(), Some("ب" | "في"))))
            .collect();
        scope.before = cast
            .iter()
            .filter(|a| a.tokens.end <= m.tokens.start)
            .filter(|a| scope.same_quote(a.tokens.start))
            .collect();
        scope.find_subject(s, t, state, ctx);
        scope
    }

    /// True when token `i` is in the trigger's quotation, or, for a trigger outside any,
    /// in none.
    fn same_quote(&self, i: usize) -> bool {
        match &self.quote {
            Some(q) => q.contains(&i),
            None => !self.quotes.iter().any(|q| q.contains(&i)),
        }
    }

    /// Sets the clause start, the prior subject and the subject.
    fn find_subject(&mut self, s: &SentenceView, t: &At, state: &RuleState, ctx: &Ctx) {
        let (toks, range) = (s.toks, &s.range);
        let (m, triggers, cast) = (t.m, &s.mentions.triggers, &s.mentions.cast);
        // the sentence subject: the nearest bare actor before the trigger that was not
        // already the target of an earlier event
        // (an actor inside a description set off by commas after another, إيران، أحد أبرز
        // حلفاء دمشق، ستقدم, is not the subject: the described actor is)
        let in_apposition = |a: &Actor| {
            matches!(key(toks, a.tokens.end), ",")
                && (a.tokens.start.saturating_sub(5).max(range.start)..a.tokens.start).any(|c| {
                    key(toks, c) == ","
                        && cast
                            .iter()
                            .any(|b| b.tokens.end == c && b.is_coded() && b.prep.is_none())
                })
        };
        // a contrasting clause (…، فيما رحبت، بينما قال) has its own subject: none from
        // before its connective, unless a pronoun on it refers back (لكنه، إلا أنها)
        let clause_start = s
            .context
            .breaks
            .iter()
            .rev()
            .find(|&&(k, _)| k < m.tokens.start)
            .copied()
            .filter(|&(k, n)| {
                let last = key(toks, k + n - 1);
                !["ه", "ها", "هم"].iter().any(|p| last.ends_with(p)) && k + n <= m.tokens.start
            })
            .map(|(k, n)| k + n);
        let prior_subject = self
            .before
            .iter()
            .rev()
            .filter(|a| clause_start.is_none_or(|k| a.tokens.start >= k))
            .find(|a| {
                a.prep.is_none()
                    && a.is_coded()
                    && !a.both_parties
                    && !state.used_as_target.contains(&a.tokens.start)
                    && !in_apposition(a)
                    // (a capital after an event noun, اجتماع الدوحة، محادثات فيينا, is where)
                    && (!a.capital_only || !triggers.iter().any(|t| t.tokens.end == a.tokens.start))
            })
            .map(|a| (*a).clone());
        // in reported speech, a subject standing before the clause is the speaker's
        // (قال X في مؤتمر عقده مع Y إنه يجب على Z …: X, not Y)
        let prior_subject = match &self.clause_speaker {
            Some(c)
                if prior_subject
                    .as_ref()
                    .is_none_or(|p| p.tokens.start < c.clause.start) =>
            {
                c.speaker.clone().or(prior_subject)
            }
            _ => prior_subject,
        };
        // a subject from an earlier sentence carries over only to a clause that opens with
        // its verb (وأكد، ودعا) or to a noun with a possessive pronoun (زيارته)
        let opens_clause = m.tokens.start < range.start + 3;
        let carried = state
            .used_subject
            .clone()
            .filter(|_| clause_start.is_none())
            .or_else(|| {
                ctx.last_subject
                    .clone()
                    .filter(|_| opens_clause || m.enclitic)
            });
        self.subject = prior_subject.clone().or(carried.clone());
        self.prior_subject = prior_subject;
        self.clause_start = clause_start;
    }
}

/// A verb right after a relative pronoun: the pronoun's token index, and whether a
/// resumptive pronoun follows (the antecedent is then the verb's object). Rejects a verb
/// in a relative clause that tells of an event noun, a standing state or an act told
/// before.
fn relative_clause(s: &SentenceView, t: &At) -> Result<(Option<usize>, bool), Rejection> {
    let lex = s.lex;
    let (toks, range) = (s.toks, &s.range);
    let (m, trig, ti) = (t.m, t.trig, t.ti);
    let (triggers, cast) = (&s.mentions.triggers, &s.mentions.cast);
    // a verb right after a relative pronoun (X الذي يزور Y) has the antecedent as its
    // subject, unless a resumptive pronoun makes the antecedent its object (الذي
    // أبرمته إيران، التي يسيطر عليها)
    let relative_at = m.tokens.start.checked_sub(1).filter(|&k| {
        k >= range.start && lex.words(WordList::RelativePronouns).contains(key(toks, k))
    });
    let resumptive = m.enclitic || pronoun_object(key(toks, m.tokens.end)).is_some();
    // a verb in a relative clause about an event noun before it (التفجير الإرهابي الذي
    // استهدف مسجدا، الغارات التي استهدفت مواقع): it tells that event's target, it is
    // no second act (and its subject is not the one who condemns the bombing)
    let of_event = relative_at.is_some_and(|k| {
        triggers[..ti].iter().any(|p| {
            p.tokens.end <= k
                && p.tokens.end + 2 >= k
                && !cast
                    .iter()
                    .any(|a| a.tokens.start >= p.tokens.end && a.tokens.start < k)
        })
    });
    if trig.pos == Pos::Verb && of_event && trig.cameo.starts_with("19") {
        return Err("a relative clause about the event noun before it (الذي استهدف)");
    }
    // an imperfect verb in a relative clause about its object (المناطق التي يسيطر
    // عليها): a standing state, background rather than an event
    let imperfect = !m.future
        && s.raw()[m.span.range()]
            .trim_start_matches(['و', 'ف'])
            .starts_with(['ي', 'ت']);
    if relative_at.is_some() && trig.pos == Pos::Verb && resumptive && imperfect {
        return Err("background: an imperfect verb in a relative clause");
    }
    // a verb whose object is a resumptive preposition + pronoun (إليه، عليها، به) in a
    // relative clause or a `ما` clause, up to two words after its opener (المؤتمر الذي دعا
    // إليه الرئيس، المنطقة التي اتفق عليها الطرفان، ما وعد به أوباما، التي كان قد وافق
    // عليها): it describes the antecedent by an act told before, not a new event
    let opener = (m.tokens.start.saturating_sub(3).max(range.start)..m.tokens.start).any(|k| {
        let w = key(toks, k);
        lex.words(WordList::RelativePronouns)
            .contains(w.strip_prefix('و').unwrap_or(w))
            || lex.words(WordList::RelativeWhat).contains(w)
    });
    if opener
        && trig.pos == Pos::Verb
        && m.tokens.end < range.end
        && pronoun_object(key(toks, m.tokens.end)).is_some()
    {
        return Err("background: a relative clause about its object (الذي دعا إليه، ما اتفق عليه)");
    }
    Ok((relative_at, resumptive))
}

/// The roles that the clause around a trigger decides before word order does.
struct ClauseRoles {
    /// The antecedent of a relative clause a verb opens (X الذي يزور Y): its subject.
    antecedent: Option<Actor>,
    /// A support verb in a relative clause after a verbal noun (الزيارة التي قام بها):
    /// the token index after it, and whether it is future.
    support: Option<(usize, bool)>,
    /// The agent named right after that support verb.
    support_agent: Option<Actor>,
    /// A verb with an object pronoun whose object is the party just named (لشكره).
    pronoun_object_verb: bool,
    /// The agent of a passive or verbal noun, and its patient (على يد Y، من قبل Y).
    agentive: Option<(Option<Actor>, Option<Actor>)>,
}

/// The clause roles of trigger `t` (see [`ClauseRoles`]), given the relative pronoun
/// before it (`relative_at`, a token index) and whether a resumptive pronoun follows.
fn clause_roles(
    s: &SentenceView,
    t: &At,
    scope: &Scope,
    relative_at: Option<usize>,
    resumptive: bool,
    state: &RuleState,
    ctx: &Ctx,
) -> ClauseRoles {
    let lex = s.lex;
    let (toks, range) = (s.toks, &s.range);
    let (m, trig) = (t.m, t.trig);
    let (verb_starts, cast) = (&s.mentions.verb_starts, &s.mentions.cast);
    let antecedent = relative_at
        .filter(|_| trig.pos == Pos::Verb && !resumptive)
        .and_then(|k| {
            scope
                .before
                .iter()
                .rev()
                .find(|a| a.tokens.end <= k)
                .filter(|a| {
                    a.tokens.end + 4 >= k
                        && a.is_coded()
                        && !a.both_parties
                        && !verb_starts.iter().any(|&v| v >= a.tokens.end && v < k)
                })
                .map(|a| (*a).clone())
        });
    // a verbal noun followed by a support verb in a relative clause (الزيارة التي قام
    // بها X، زيارة الدولة التي سيقوم بها): X is its agent
    let support = (trig.pos == Pos::Noun)
        .then(|| support_clause(lex, toks, m.tokens.end, range.end))
        .flatten();
    let support_agent = support.and_then(|(end, _)| {
        cast.iter()
            .find(|a| {
                a.tokens.start >= end
                    && a.tokens.start <= end + 4
                    && a.prep.is_none()
                    && a.is_coded()
            })
            .cloned()
    });

    // a verb of purpose or coordination with an object pronoun (لشكره، وشكره) whose object
    // is the party just named (اتصل X بنظيره Y لشكره): the source is the clause subject
    // unless a subject follows at once
    let pronoun_object_verb = trig.pos == Pos::Verb
        && m.enclitic
        && (m.proclitic.ends_with('ل') || scope.conj_verb)
        && relative_at.is_none()
        && trig.target.iter().any(|t| t == "obj")
        && state.last_target.is_some()
        && !scope
            .after
            .iter()
            .any(|a| a.prep.is_none() && a.tokens.start <= m.tokens.end + 1 && a.is_coded());
    let agentive = agentive(s, t, scope, antecedent.as_ref(), state, ctx);
    ClauseRoles {
        antecedent,
        support,
        support_agent,
        pronoun_object_verb,
        agentive,
    }
}

/// The agent of a passive or of a verbal noun (اعتُقل X على يد Y، مقتل X على أيدي Y،
/// تم اعتقال X من قبل Y، اختطافه من جانب Y): Y is the source and X, the patient, the
/// target; a pronoun on the noun is the party a pronoun object refers to; never the
/// sentence subject. Returns (agent, patient), either unknown, or `None` with no agent
/// phrase.
fn agentive(
    s: &SentenceView,
    t: &At,
    scope: &Scope,
    antecedent: Option<&Actor>,
    state: &RuleState,
    ctx: &Ctx,
) -> Option<(Option<Actor>, Option<Actor>)> {
    let lex = s.lex;
    let (toks, range) = (s.toks, &s.range);
    let (m, trig, ti) = (t.m, t.trig, t.ti);
    let (triggers, cast) = (&s.mentions.triggers, &s.mentions.cast);
    agent_phrase(
        lex,
        toks,
        cast,
        m.tokens.end,
        range.end,
        &triggers[ti + 1..],
        scope.force,
    )
    .filter(|(k, _)| scope.same_quote(*k))
    .and_then(|(k, agent)| {
        let between: Vec<&Actor> = cast
            .iter()
            .filter(|a| a.tokens.start >= m.head.end && a.tokens.end <= k)
            .filter(|a| !(a.capital_only && matches!(a.prep.as_deref(), Some("ب" | "في"))))
            .collect();
        // (a verb with two bare parties after it is active: its subject and object)
        let bare = between
            .iter()
            .filter(|a| a.prep.is_none() && !a.conj)
            .count();
        // (nor has a passive an object pronoun: هناك is not هنأ + ك)
        if trig.pos == Pos::Verb && (bare > 1 || m.enclitic) {
            return None;
        }
        let patient = if trig.pos == Pos::Noun && possessive_noun(s.raw(), m, &trig.forms) {
            state
                .last_target
                .clone()
                .or_else(|| ctx.last_pair.as_ref().map(|p| p.1.clone()))
                .map(|t| Actor {
                    span: m.span,
                    tokens: m.tokens.start..m.tokens.start + 1,
                    ..t
                })
        } else {
            between
                .iter()
                .find(|a| a.prep.is_none() || takes(trig, a))
                .map(|a| (*a).clone())
                // (the antecedent of a relative clause: الصحفي الذي اعتُقل على يد Y)
                .or_else(|| antecedent.cloned().filter(|_| between.is_empty()))
        };
        Some((agent.cloned(), patient))
    })
}

/// The source and targets of a trigger.
#[derive(Default)]
struct Roles {
    /// The source, if one is found.
    source: Option<Actor>,
    /// The targets, in text order.
    targets: Vec<Actor>,
    /// Parties joined by و to a verb-first subject (أدانت X و Y و Z): each a source too,
    /// as long as that subject stays the source.
    co_sources: Vec<Actor>,
    /// The tokens of the subject the co-sources are joined to.
    co_subject_of: Option<Range<usize>>,
}

/// The roles of trigger `t` by the first rule that applies: an agent phrase, a pronoun
/// object, a relative clause's antecedent, a support verb's agent, `بين X و Y`, a
/// both-parties word, else word order for a verb ([`verb_roles`]) or a verbal noun
/// ([`noun_roles`]).
fn assign_roles(
    s: &SentenceView,
    t: &At,
    scope: &Scope,
    clause: &ClauseRoles,
    state: &RuleState,
    ctx: &Ctx,
) -> Roles {
    let (m, trig) = (t.m, t.trig);
    let after = &scope.after;
    let mut r = Roles::default();
    if let Some((agent, patient)) = clause.agentive.clone() {
        r.source = agent;
        r.targets.extend(patient);
    } else if clause.pronoun_object_verb
        && (state.used_subject.is_some() || scope.subject.is_some())
    {
        r.source = state.used_subject.clone().or(scope.subject.clone());
        if let Some(t) = &state.last_target {
            let k = m.tokens.start;
            r.targets.push(Actor {
                span: m.span,
                tokens: k..k + 1,
                ..t.clone()
            });
        }
    } else if let Some(s) = clause.antecedent.clone() {
        r.targets
            .extend(after.iter().find(|a| takes(trig, a)).map(|a| (*a).clone()));
        r.source = Some(s);
    } else if let (Some(s), Some(_)) = (clause.support_agent.clone(), clause.support) {
        r.targets.extend(
            after
                .iter()
                .filter(|a| a.tokens.start >= s.tokens.end && a.prep.is_some())
                .find(|a| takes(trig, a))
                .map(|a| (*a).clone()),
        );
        r.source = Some(s);
    } else if let Some(pos) = after
        .first()
        .filter(|a| a.prep.as_deref() == Some("بين") && a.tokens.start <= m.tokens.end + VSO_WINDOW)
        .map(|_| 0)
    {
        between_roles(s, scope, pos, &mut r);
    } else if let Some(b) = after
        .iter()
        .find(|a| a.both_parties)
        // subject first: الجانبان المصري والروسي بحثا
        .or_else(|| {
            scope
                .before
                .last()
                .filter(|b| b.both_parties && b.tokens.end + 1 >= m.tokens.start)
        })
        .filter(|_| ctx.last_pair.is_some())
    {
        both_parties_roles(s.lex, b, ctx, &mut r);
    } else if trig.pos == Pos::Verb {
        verb_roles(s, t, scope, state, &mut r);
    } else {
        noun_roles(s, t, scope, &mut r);
    }
    r
}

/// `بين X و Y` (X at `pos` in `scope.after`): source X, target Y.
fn between_roles(s: &SentenceView, scope: &Scope, pos: usize, r: &mut Roles) {
    let (toks, range, after) = (s.toks, &s.range, &scope.after);
    // بين X و Y
    r.source = Some(after[pos].clone());
    // Y is joined by و, possibly on a word before it (بين القوات التركية ومتمردي حزب …)
    let x_end = after[pos].tokens.end;
    let joined = |a: &Actor| {
        a.conj
            || (a.tokens.start <= x_end + 4
                && (x_end..a.tokens.start).any(|k| key(toks, k).starts_with('و')))
    };
    // بين X و Y … من جهة، و Z … من جهة أخرى: the sides are the two lists, Z the other
    let first_side_end =
        (x_end..range.end).find(|&k| k > 0 && key(toks, k) == "جهه" && key(toks, k - 1) == "من");
    let other_side = first_side_end.and_then(|k| {
        after
            .iter()
            .skip(pos + 1)
            .find(|a| a.tokens.start > k && a.conj && a.prep.is_none())
    });
    if let Some(z) = other_side {
        r.targets.push((*z).clone());
    } else if let Some(y) = after.get(pos + 1).filter(|a| joined(a)) {
        r.targets.push((*y).clone());
    }
}

/// A both-parties word `b` (الجانبان): the last pair of parties of the article.
fn both_parties_roles(lex: &Lexicon, b: &Actor, ctx: &Ctx, r: &mut Roles) {
    let (mut s, mut t) = ctx.last_pair.clone().unwrap();
    // a dual role (الرئيسان) gives its sector to parties named as countries
    let sector = b.refs.iter().find_map(|r| match r {
        EntryRef::Agent(i) => Some(lex.agents[*i as usize].sector.as_str()),
        _ => None,
    });
    for p in [&mut s, &mut t] {
        if let Some(sector) = sector.filter(|_| p.code.len() == 3 && p.is_coded()) {
            p.code.push_str(sector);
        }
    }
    r.source = Some(Actor {
        span: b.span,
        tokens: b.tokens.clone(),
        refers_back: true,
        ..s
    });
    r.targets.push(Actor {
        span: b.span,
        tokens: b.tokens.clone(),
        refers_back: true,
        ..t
    });
}

/// The roles of a verb by word order: verb first (the first bare party after it is the
/// subject, [`verb_first_roles`]), subject first, or a subject shared with an earlier
/// clause; the target is the first party after it that the verb takes.
fn verb_roles(s: &SentenceView, t: &At, scope: &Scope, state: &RuleState, r: &mut Roles) {
    let lex = s.lex;
    let (toks, range) = (s.toks, &s.range);
    let (m, trig) = (t.m, t.trig);
    let (after, subject, prior_subject) = (&scope.after, &scope.subject, &scope.prior_subject);
    let bare_after: Vec<&&Actor> = after.iter().filter(|a| a.prep.is_none()).collect();
    // subject first (الرئيس المصري يلتقي رئيس الوزراء العراقي): a bare actor right
    // before the verb is its subject when at most one bare actor follows
    // a noun between إنّ/أنّ and its verb is that verb's subject however many
    // parties follow (فإن مملكة البحرين تدعو إيران إلى …)
    let inna_topic = |p: &Actor| {
        p.tokens.end == m.tokens.start
            && p.tokens.start > range.start
            && lex
                .words(WordList::Inna)
                .contains(key(toks, p.tokens.start - 1))
    };
    let svo = prior_subject.as_ref().is_some_and(|p| {
        p.tokens.end + 2 >= m.tokens.start && bare_after.len() <= 1 || inna_topic(p)
    });
    let vso = bare_after
        .first()
        .filter(|a| a.tokens.start <= m.head.end + VSO_WINDOW)
        .map(|a| (**a).clone());
    // a verb joined by و to an earlier clause of this sentence shares its subject
    let same_sentence_subject = prior_subject.clone().or(state.used_subject.clone());
    // أعلن X أنه سيزور Y: the pronoun is the subject, Y the object
    let pronoun_subject = (m.tokens.start.saturating_sub(2)..m.tokens.start).any(|k| {
        matches!(
            key(toks, k),
            "انه"
                | "انها"
                | "انهم"
                | "بانه"
                | "بانها"
                | "بانهم"
                | "وانه"
                | "وانها"
                | "فانه"
                | "فانها"
                | "فانهم"
        )
    });
    // (أطلق X نداء، دعا فيه Y: فيه goes back to the appeal, X is the subject)
    let resumptive_in = matches!(key(toks, m.head.end), "فيه" | "فيها" | "فيهما");
    // a verb in the first person plural (نطالب، ندعو) has the speaker for its
    // subject: the parties after it are its objects
    let first_person = toks
        .fold(m.tokens.start)
        .get(m.proclitic.len()..)
        .and_then(|w| w.strip_prefix('ن'))
        .is_some_and(|rest| {
            let third = format!("ي{rest}");
            trig.forms.iter().any(|f| rasid_text::fold(f) == third)
        });
    let vso =
        vso.filter(|_| !first_person && !((pronoun_subject || resumptive_in) && subject.is_some()));
    let shared = svo
        || scope.conj_verb
            && bare_after.len() == 1
            && same_sentence_subject.is_some()
            && takes(trig, bare_after[0]);
    match vso {
        Some(subj) if !shared => verb_first_roles(s, t, scope, subj, r),
        _ => {
            r.source = if svo {
                prior_subject.clone()
            } else if shared {
                same_sentence_subject
            } else {
                subject.clone()
            };
            // (a first-person verb's object comes before any relative clause:
            // سنصد التحركات التي تدعمها إيران does not target Iran)
            let in_relative = |a: &Actor| {
                first_person
                    && (m.tokens.end..a.tokens.start)
                        .any(|k| lex.words(WordList::RelativePronouns).contains(key(toks, k)))
            };
            r.targets.extend(
                after
                    .iter()
                    .find(|a| takes(trig, a) && !in_relative(a))
                    .map(|a| (*a).clone()),
            );
        }
    }
}

/// A verb-first clause with subject `subj`: its co-subjects joined by و, and its target
/// after them (or after a relative clause on the subject).
fn verb_first_roles(s: &SentenceView, t: &At, scope: &Scope, subj: Actor, r: &mut Roles) {
    let lex = s.lex;
    let (toks, range) = (s.toks, &s.range);
    let (m, trig) = (t.m, t.trig);
    let (after, cast, verb_starts) = (&scope.after, &s.mentions.cast, &s.mentions.verb_starts);
    // a party joined by و right after the subject is a co-subject (حض
    // الاتحاد الأوروبي والولايات المتحدة تركيا), not the object, except
    // for acts done together (meet, cooperate, sign)
    let mutual = matches!(trig.cameo.get(..2), Some("03" | "04" | "05" | "06"));
    // the co-subjects: a chain of such parties, each right after the last
    // (a list: X و Y و Z، و W)
    let mut chain_end = subj.tokens.end;
    for a in after.iter().filter(|a| a.tokens.start >= subj.tokens.end) {
        let next_to = a.tokens.start <= chain_end + 1
            || a.tokens.start == chain_end + 2 && key(toks, chain_end) == ",";
        if mutual || !(a.conj && a.prep.is_none() && next_to) {
            break;
        }
        chain_end = a.tokens.end;
        r.co_sources.push((*a).clone());
        r.co_subject_of = Some(subj.tokens.clone());
    }
    r.targets.extend(
        after
            .iter()
            .filter(|a| a.tokens.start >= chain_end)
            .find(|a| takes(trig, a))
            .map(|a| (*a).clone()),
    );
    // a relative clause on the subject (اتهمت X، التي تقاتل …، Y): the
    // object comes after the clause, set off by commas
    let relative = (subj.tokens.end..(subj.tokens.end + 4).min(range.end)).find(|&k| {
        lex.words(WordList::RelativePronouns).contains(key(toks, k))
            && k > 0
            && key(toks, k - 1) == ","
            && !verb_starts.iter().any(|&v| v >= subj.tokens.end && v < k)
    });
    if let Some(k) = relative.filter(|_| r.targets.is_empty()) {
        let limit = (m.tokens.end + ARG_WINDOW).min(range.end);
        r.targets.extend(
            cast.iter()
                .find(|a| {
                    a.tokens.start > k
                        && a.tokens.start < limit
                        && scope.same_quote(a.tokens.start)
                        && a.prep.is_none()
                        && a.is_coded()
                        && key(toks, a.tokens.start - 1) == ","
                        && (a.tokens.end >= range.end
                            || matches!(key(toks, a.tokens.end), "," | "."))
                        && takes(trig, a)
                })
                .cloned(),
        );
    }
    r.source = Some(subj);
}

/// True when the verbal noun of `t` is the object or complement of the trigger right
/// before it (أدان الهجوم على X، نفى الاتهامات), or follows a verb and its subject (أدانت
/// منظمة X اختطاف): the verb's subject is not the noun's agent.
fn object_of_verb(s: &SentenceView, t: &At) -> bool {
    let (m, ti) = (t.m, t.ti);
    let (triggers, cast) = (&s.mentions.triggers, &s.mentions.cast);
    triggers[..ti].last().is_some_and(|p| {
        let EntryRef::Trigger(t) = p.entry else {
            return false;
        };
        let pt = &s.lex.triggers[t as usize];
        if pt.say || pt.cameo == "010" || p.tokens.end > m.tokens.start {
            return false;
        }
        let gap = p.tokens.end..m.tokens.start;
        let inside: Vec<&Actor> = cast
            .iter()
            .filter(|a| a.tokens.start < gap.end && gap.start < a.tokens.end)
            .collect();
        // (what one is keen on or intends, حريصة على تطوير علاقاتها, is one's own act)
        if gap.len() <= 1 {
            return pt.pos == Pos::Verb || inside.is_empty() && !pt.cameo.starts_with("03");
        }
        pt.pos == Pos::Verb
            && inside.len() == 1
            && inside[0].prep.is_none()
            && inside[0].is_coded()
            && inside[0].tokens.start >= gap.start
            && inside[0].tokens.end <= gap.end
            && gap.len() - inside[0].tokens.len() <= 3
    })
}

/// The roles of a verbal noun: زيارة X إلى Y / زيارة X لـY / زيارة لـY / مباحثات مع Y.
/// The first party after it is its agent or its target; the sentence subject is the
/// source when the noun has none of its own.
fn noun_roles(s: &SentenceView, t: &At, scope: &Scope, r: &mut Roles) {
    let lex = s.lex;
    let (toks, range) = (s.toks, &s.range);
    let (m, trig) = (t.m, t.trig);
    let after = &scope.after;
    // verbal noun: زيارة X إلى Y / زيارة X لـY / زيارة لـY / مباحثات مع Y
    // (an actor after a topic word, خطة سلام في شأن سوريا، is what it is about)
    let about = |a: &Actor| {
        a.tokens.start > 0 && {
            let w = key(toks, a.tokens.start - 1);
            w == "شان" || lex.words(WordList::TopicWords).contains(w)
        }
    };
    let first = after
        .iter()
        .find(|a| !a.both_parties && a.tokens.start <= m.tokens.end + NOUN_WINDOW && !about(a))
        .map(|a| (*a).clone());
    let later_target = |f: &Actor| {
        after
            .iter()
            .find(|a| {
                a.tokens.start >= f.tokens.end
                    && a.tokens.start <= f.tokens.end + NOUN_WINDOW
                    && a.prep.is_some()
                    && takes(trig, a)
            })
            .map(|a| (*a).clone())
    };
    // an adjective of nationality right after the noun is its agent: القصف الإسرائيلي
    let adjectival = |f: &Actor| {
        f.agent.is_none() && !f.named && f.prep.is_none() && f.tokens.start <= m.tokens.end + 1
    };
    // a noun right after another (non-reporting) trigger is its object or complement
    // (أدان الهجوم على X، نفى الاتهامات، ارتياحه لتطورات العمليات), as is one after a
    // verb and its subject (أدانت منظمة X اختطاف، نفى الرئيس X بقوة الاتهامات): the
    // subject is not the noun's agent
    let object_of_verb = object_of_verb(s, t);
    // a noun after a topic word (حول حظر الأسلحة، بشأن الهجوم) is what is talked
    // about: the speaker is not its agent
    let topic = m.tokens.start.checked_sub(1).is_some_and(|k| {
        k >= range.start && lex.words(WordList::TopicWords).contains(key(toks, k))
    });
    let subject = scope.subject.clone().filter(|_| !object_of_verb && !topic);
    let (targets, source) = (&mut r.targets, &mut r.source);
    match first {
        // a force noun with its agent after لـ (غارات للطيران التركي)
        Some(f)
            if scope.force
                && !m.enclitic
                && f.prep.as_deref() == Some("ل")
                && f.tokens.start <= m.tokens.end + 1 =>
        {
            targets.extend(later_target(&f));
            *source = Some(f);
        }
        Some(f) if !m.enclitic && adjectival(&f) => {
            targets.extend(later_target(&f));
            *source = Some(f);
        }
        // the person in the genitive of a visit or meeting noun is its visitor or
        // participant (زيارة صاحب السمو الملكي الأمير محمد بن سلمان للأردن), a place
        // there is where it went (زيارة القاهرة); of a reception, the one received
        // (استقبال الرئيس الصيني)
        Some(f)
            if !m.enclitic
                && trig.cameo.starts_with("04")
                && trig.cameo != "043"
                && f.prep.is_none()
                && f.refs.iter().any(|r| {
                    matches!(
                        r,
                        EntryRef::Person(_)
                            | EntryRef::PersonShort(_)
                            | EntryRef::Agent(_)
                            | EntryRef::Organization(_)
                    )
                })
                && f.tokens.start <= m.tokens.end + 3 =>
        {
            targets.extend(later_target(&f));
            *source = Some(f);
        }
        Some(f) if m.enclitic => {
            // a masdar with a possessive agent governs its object as its verb
            // does (خلال لقائه اليوم الرئيس): a bare actor close after it
            let object = f.prep.is_none()
                && (f.named || f.agent.is_some())
                && f.tokens.start <= m.tokens.end + 4;
            if takes(trig, &f) || object {
                targets.push(f);
            }
            *source = subject.clone();
        }
        Some(f) if matches!(f.prep.as_deref(), None | Some("ل")) && later_target(&f).is_some() => {
            targets.extend(later_target(&f));
            *source = Some(f);
        }
        Some(f) if takes(trig, &f) => {
            targets.push(f);
            *source = subject.clone();
        }
        Some(f) if f.prep.is_none() => {
            targets.extend(later_target(&f));
            *source = Some(f);
        }
        None if m.enclitic => {
            // a possessive masdar whose prepositional object comes after its
            // time phrase (لقاءه المرتقب يوم 3 أغسطس المقبل مع X)
            targets.extend(
                after
                    .iter()
                    .find(|a| {
                        a.prep.is_some()
                            && takes(trig, a)
                            && a.tokens.start <= m.tokens.end + 2 * NOUN_WINDOW
                    })
                    .map(|a| (*a).clone()),
            );
            *source = subject.clone();
        }
        _ => *source = subject.clone(),
    }
}

/// The corrections to the roles word order gave, in order: a host and a guest swapped,
/// the source's own side dropped from the targets, the owner of a conduct noun, a
/// fronted indirect object, a pronoun object, coordinated targets, the holder of one's
/// nationals, a place struck, a group's pronoun, the doer a relative clause names.
/// Returns true when a future support verb makes the event future.
fn refine_roles(
    s: &SentenceView,
    t: &At,
    scope: &Scope,
    clause: &ClauseRoles,
    state: &RuleState,
    ctx: &Ctx,
    r: &mut Roles,
) -> bool {
    let agentive = clause.agentive.is_some();
    host_and_guest(s, t, agentive, r);
    drop_own_side(t, scope, agentive, r);
    if t.trig.owner && !agentive {
        owner_target(t, scope, r);
    }
    // a verbal noun right after its support verb's indirect object (ستقدم إلى X خطة
    // سلام، وجه لـX دعوة): X is the target, and a future support verb makes it future
    let mut fronted_future = false;
    if r.targets.is_empty() && t.trig.pos == Pos::Noun && !t.m.enclitic && !agentive {
        fronted_future = fronted_target(s, t, scope, r);
    }
    if r.targets.is_empty() && !agentive {
        pronoun_object_target(s, t, state, ctx, r);
    }
    coordinated_targets(s, t, scope, r);
    holder_of_nationals(s, t, r);
    if r.targets.is_empty() && scope.force {
        struck_place(s, t, scope, r);
    }
    no_person_for_group(s, t, r);
    doer_by_relative(s, t, agentive, r);
    fronted_future
}

/// كان في استقباله X: X hosts the one the pronoun refers to (the arriving visitor).
fn host_and_guest(s: &SentenceView, t: &At, agentive: bool, r: &mut Roles) {
    let (m, trig) = (t.m, t.trig);
    if trig.mirror.is_some()
        && !agentive
        && trig.pos == Pos::Noun
        && m.enclitic
        && m.tokens.start > s.range.start
        && key(s.toks, m.tokens.start - 1) == "في"
        && r.targets.len() == 1
        && r.targets[0].prep.is_none()
    {
        if let Some(guest) = r.source.take() {
            let host = r.targets.remove(0);
            r.targets.push(guest);
            r.source = Some(host);
        }
    }
}

/// An apposition or acronym of the source (بعثة الأمم المتحدة (يونامي)) is not its
/// target, nor is its own country (نفى الرئيس التركي الاتهامات بأن تركيا …).
fn drop_own_side(t: &At, scope: &Scope, agentive: bool, r: &mut Roles) {
    let Some(src) = &r.source else { return };
    let targets = &mut r.targets;
    if agentive {
        // (the patient alone is the target: no other party takes its place)
        targets.retain(|t| !same_side(src, t));
    } else if targets.first().is_some_and(|t| same_side(src, t)) {
        let skip = targets.remove(0);
        targets.extend(
            scope
                .after
                .iter()
                .filter(|a| a.tokens.start >= skip.tokens.end && !same_side(src, a))
                .find(|a| takes(t.trig, a))
                .map(|a| (*a).clone()),
        );
    }
}

/// A noun of the target's own conduct: the party named right after it (انتهاكات
/// السلطات X) or, for a form with its possessive pronoun (بسبب دعمها للإرهاب), the
/// party named just before it is the target; the accuser is the speaker.
fn owner_target(t: &At, scope: &Scope, r: &mut Roles) {
    let m = t.m;
    let owner = scope
        .after
        .iter()
        .find(|a| a.tokens.start == m.tokens.end && a.prep.is_none() && a.is_coded())
        .map(|a| (*a).clone())
        .or_else(|| {
            scope
                .before
                .iter()
                .rev()
                .filter(|_| !m.enclitic)
                .find(|a| a.tokens.end + 6 >= m.tokens.start && a.is_coded())
                .map(|a| (*a).clone())
        });
    if let Some(o) = owner {
        if r.source.as_ref().is_none_or(|s| same_side(s, &o)) {
            r.source = scope
                .clause_speaker
                .as_ref()
                .and_then(|c| c.speaker.clone())
                .or_else(|| scope.subject.clone())
                .filter(|s| !same_side(s, &o));
        }
        r.targets = vec![o];
    }
}

/// A verbal noun right after its support verb's indirect object (ستقدم إلى X خطة سلام،
/// وجه لـX دعوة): X is the target. Returns true when the support verb is future.
fn fronted_target(s: &SentenceView, t: &At, scope: &Scope, r: &mut Roles) -> bool {
    let lex = s.lex;
    let (toks, range) = (s.toks, &s.range);
    let m = t.m;
    let (triggers, cast) = (&s.mentions.triggers, &s.mentions.cast);
    let source = &r.source;
    let fronted = scope
        .before
        .last()
        .filter(|a| {
            matches!(a.prep.as_deref(), Some("الي" | "ل"))
                && takes(t.trig, a)
                && a.is_coded()
                && a.tokens.end + 1 >= m.tokens.start
                && source.as_ref().is_some_and(|s| !same_side(s, a))
        })
        .map(|a| (*a).clone());
    let Some(a) = fronted else { return false };
    let mut v = a.tokens.start.saturating_sub(1);
    let w = key(toks, v);
    if matches!(w.strip_prefix(['و', 'ف']).unwrap_or(w), "الي" | "ل" | "علي") {
        v = v.saturating_sub(1);
    }
    // (past the verb's subject: وقدم الرئيس X إلى Y خطة)
    if let Some(b) = cast
        .iter()
        .find(|b| b.tokens.contains(&v) && source.as_ref().is_some_and(|s| s.tokens == b.tokens))
    {
        v = b.tokens.start.saturating_sub(1);
    }
    // (a verb: not a definite noun, حقوق الإنسان للشعب الفلسطيني زيارة)
    let free = v >= range.start
        && !key(toks, v).starts_with("ال")
        && !cast.iter().any(|c| c.tokens.contains(&v))
        && !triggers.iter().any(|t| t.tokens.contains(&v));
    if free {
        r.targets.push(a);
        return future_verb(lex, key(toks, v));
    }
    false
}

/// A pronoun object (بحث معه، التقى به) refers to the last target named.
fn pronoun_object_target(s: &SentenceView, t: &At, state: &RuleState, ctx: &Ctx, r: &mut Roles) {
    let toks = s.toks;
    let (m, trig) = (t.m, t.trig);
    let last_target = state
        .last_target
        .clone()
        .or_else(|| ctx.last_pair.as_ref().map(|p| p.1.clone()));
    let end = (m.head.end + 3).min(s.range.end);
    if let (Some(t), Some((k, p))) = (
        last_target,
        (m.head.end..end).find_map(|k| pronoun_object(toks.fold(k)).map(|p| (k, p))),
    ) {
        if trig.target.iter().any(|x| x == p) && r.source.as_ref().is_some_and(|s| s.code != t.code)
        {
            let span = toks.tokens[k].span;
            r.targets.push(Actor {
                span,
                tokens: k..k + 1,
                ..t
            });
        }
    }
}

/// Coordinated targets: X و Y (a list may run past the argument window, up to the next
/// verb).
fn coordinated_targets(s: &SentenceView, t: &At, scope: &Scope, r: &mut Roles) {
    let m = t.m;
    let (cast, verb_starts) = (&s.mentions.cast, &s.mentions.verb_starts);
    let Some(first) = r.targets.first().cloned() else {
        return;
    };
    let mut last_end = first.tokens.end;
    // a list of targets may run past the argument window, up to the next verb
    let pool = cast.iter().filter(|a| {
        a.tokens.start >= first.tokens.end
            && a.tokens.start < scope.next_trigger.max(m.tokens.end).min(s.range.end)
            && (a.is_coded() || a.both_parties)
            && !(a.capital_only && matches!(a.prep.as_deref(), Some("ب" | "في")))
    });
    for a in pool {
        // commas, و, and up to four words of an unknown name in apposition
        let gap = last_end..a.tokens.start;
        // (not past another mention: ثمن دعم X للجيش الوطني والمقاومة, where the
        // second is joined to the army, not to X)
        let gap_ok = gap.len() <= 4
            && gap.clone().all(|k| !verb_starts.contains(&k))
            && !cast
                .iter()
                .any(|b| b.tokens.start >= gap.start && b.tokens.start < gap.end);
        if a.conj && gap_ok && a.is_coded() {
            r.targets.push((*a).clone());
            last_end = a.tokens.end;
        } else if a.tokens.start > last_end + 1 {
            break;
        }
    }
}

/// An appeal to release one's own nationals (ينبغي إطلاق سراح الصحافي الأمريكي) is
/// addressed to whoever holds them: the nearest party of another country.
fn holder_of_nationals(s: &SentenceView, t: &At, r: &mut Roles) {
    let m = t.m;
    if !t.trig.cameo.starts_with("0253") {
        return;
    }
    if let Some(src) = r.source.as_ref().and_then(|s| country_of(&s.code)) {
        let own = |a: &Actor| country_of(&a.code) == Some(src);
        if r.targets.first().is_some_and(own) {
            let holder = s
                .mentions
                .cast
                .iter()
                .filter(|a| a.is_coded() && !own(a) && country_of(&a.code).is_some())
                .min_by_key(|a| a.tokens.start.abs_diff(m.tokens.start))
                .cloned();
            r.targets = holder.into_iter().collect();
        }
    }
}

/// Force used on a place (غارات … على قرية قرب أربيل) with no party named targets the
/// place's country, when it is not the source's own.
fn struck_place(s: &SentenceView, t: &At, scope: &Scope, r: &mut Roles) {
    let lex = s.lex;
    let (toks, m) = (s.toks, t.m);
    let cast = &s.mentions.cast;
    let Some(src) = &r.source else { return };
    let place = s
        .context
        .places
        .iter()
        .filter(|p| {
            p.tokens.start >= m.tokens.end
                && p.tokens.start < scope.right_end
                && scope.same_quote(p.tokens.start)
                && !cast
                    .iter()
                    .any(|a| a.tokens.start < p.tokens.end && p.tokens.start < a.tokens.end)
        })
        .find_map(|p| match p.entry {
            EntryRef::Place(i) => Some((p, &s.lex.places[i as usize])),
            _ => None,
        })
        .filter(|(_, pl)| country_of(&src.code).is_some_and(|c| c != pl.country))
        // (not past a party's positions, على مواقع التنظيم في العراق: the party
        // is the target, though unnamed)
        .filter(|(p, _)| {
            !(m.tokens.end..p.tokens.start)
                .any(|k| lex.words(WordList::TargetNouns).contains(key(toks, k)))
        });
    if let Some((p, pl)) = place {
        r.targets.push(Actor::plain(
            p.tokens.clone(),
            p.span,
            &pl.country,
            "",
            String::new(),
        ));
    }
}

/// A clause whose subject is a third-person plural pronoun (وهم يقولون، إنهم سيواصلون)
/// is about a group, not about one person carried from an earlier sentence: no source.
fn no_person_for_group(s: &SentenceView, t: &At, r: &mut Roles) {
    let (toks, range) = (s.toks, &s.range);
    let plural_subject = (range.start..t.m.tokens.start)
        .any(|k| matches!(key(toks, k), "انهم" | "بانهم" | "وهم" | "فهم"));
    let person = |a: &Actor| {
        a.refs
            .iter()
            .any(|r| matches!(r, EntryRef::Person(_) | EntryRef::PersonShort(_)))
    };
    r.source = r
        .source
        .take()
        .filter(|s| !(plural_subject && s.tokens.start < range.start && person(s)));
}

/// An event noun whose doer a relative clause names (القصف الذي شنته القوات الهندية،
/// الهجوم الذي نفذه التنظيم): that doer is the source.
fn doer_by_relative(s: &SentenceView, t: &At, agentive: bool, r: &mut Roles) {
    let lex = s.lex;
    let doer = (t.trig.pos == Pos::Noun && !agentive)
        .then(|| agent_by_relative(lex, s.toks, &s.mentions.cast, t.m.tokens.end, s.range.end))
        .flatten()
        .filter(|d| d.is_coded());
    if let Some(doer) = doer {
        r.targets.retain(|t| t.tokens != doer.tokens);
        r.source = Some(doer.clone());
    }
}

/// The source of an event, if the roles make one: a coded source that is no news outlet
/// (for acts other than saying, demanding, accusing, protesting), and a coded target
/// unless a protest needs none. Keeps only coded `targets`, adding unidentified
/// attackers (UAF) as the target of a condemnation of an attack whose doers go unnamed.
fn checked_source(
    s: &SentenceView,
    t: &At,
    scope: &Scope,
    source: Option<Actor>,
    targets: &mut Vec<Actor>,
) -> Result<Actor, Rejection> {
    let lex = s.lex;
    let (toks, range, m) = (s.toks, &s.range, t.m);
    let Some(source) = source else {
        return Err("no source actor");
    };
    if !source.is_coded() {
        return Err("source has no country or organisation code");
    }
    targets.retain(|t| t.is_coded());
    let root: u8 = t
        .trig
        .cameo
        .get(..2)
        .and_then(|r| r.parse().ok())
        .unwrap_or(0);
    // news media say, demand, accuse and protest (01–02, 10–14); the strikes, visits
    // and deals a sentence credits to them (وسائل إعلام تركية: استهدف …) are ones they
    // report
    if source.code.ends_with("MED") && !matches!(root, 1 | 2 | 10..=14) {
        return Err("a news outlet reports this act, it does not do it");
    }
    // a condemnation of an attack whose doers are not named (أدان التفجير الإرهابي،
    // استنكر العمل الإرهابي الآثم) is addressed to them: UAF, the GUIDE's code for
    // unidentified attackers (31 such events in 20 train articles of eval/annotations)
    if targets.is_empty() && root == 11 {
        let end = scope
            .right_end
            .min(m.tokens.end + ATTACK_REACH)
            .min(range.end);
        if let Some(k) = (m.tokens.end..end).find(|&k| attack_noun(lex, toks, k, end)) {
            targets.push(unidentified_attackers(s.raw(), toks, k));
        }
    }
    // precision first: only protests and the like may have no addressee (GUIDE.md)
    let target_optional = root == 14;
    if targets.is_empty() && !target_optional {
        return Err("no target actor");
    }
    // a protest with no addressee needs protesters that are a people or a group
    // (المتظاهرون، أنصار المعارضة): a state named by its nisba or its capital
    // (الثورة المصرية ومظاهراتها، كيتو التي شهدت احتجاجات) is where, not who
    if targets.is_empty() && !protester(&source.code) {
        return Err("a protest with no addressee and no protesting group");
    }
    Ok(source)
}

/// A negation particle before the trigger: rejects an event it does not deny (one that
/// governs another word, or لا: a standing position). Returns true for لا يزال / ما زال
/// (still), which negates nothing.
fn negation(s: &SentenceView, t: &At) -> Result<bool, Rejection> {
    let (lex, toks, m) = (s.lex, s.toks, t.m);
    // negation: a particle (لم، لن، لا، ما) up to three words before the trigger marks
    // it negated only when it governs the trigger itself (لم يلتق); one governing
    // another word (لم يكن ممكنا التوصل) denies no event, and لا before the trigger
    // states a standing position (لا نتعاون معهم، لا ترحب بالحرب): neither is coded.
    // لا يزال / ما زال (still) negates nothing.
    let particle = s
        .context
        .cues
        .iter()
        .filter(|(kind, c)| {
            *kind == CueKind::Negation
                && c.tokens.end <= m.tokens.start
                && c.tokens.end + 3 >= m.tokens.start
        })
        .filter_map(|(_, c)| match c.entry {
            EntryRef::Cue(id) => Some((lex.cues[id as usize].id.as_str(), *c)),
            _ => None,
        })
        .next_back();
    let still = particle.is_some_and(|(_, c)| {
        (c.tokens.end..m.tokens.start).any(|k| {
            let w = key(toks, k);
            lex.words(WordList::StillVerbs)
                .contains(w.strip_prefix('و').unwrap_or(w))
        })
    });
    if let Some((id, c)) = particle.filter(|_| !still) {
        let governs = c.tokens.end == m.tokens.start;
        if matches!(id, "neg.lam" | "neg.lan" | "neg.ma") && !governs {
            return Err("the negation governs another word: no event");
        }
        if id == "neg.la" {
            return Err("لا before the trigger: a standing position, not an event");
        }
    }
    Ok(still)
}

/// The aux mode of the trigger's event ([`aux_mode`], the trigger that embeds it, a
/// future support verb: `support_future`, `fronted_future`), and the threat code (13x)
/// of a conditional act (then no aux), or why a negation makes no event.
fn mode(
    s: &SentenceView,
    t: &At,
    support_future: bool,
    fronted_future: bool,
) -> Result<(Option<Aux>, Option<&'static str>), Rejection> {
    let (lex, toks, range) = (s.lex, s.toks, &s.range);
    let (m, trig, ti) = (t.m, t.trig, t.ti);
    let cues = &s.context.cues;
    // the complement of another trigger: بـ/لـ on it, or أن / إلى up to four words before
    let complement = m.proclitic.ends_with(['ب', 'ل'])
        || (m.tokens.start.saturating_sub(4)..m.tokens.start)
            .any(|k| matches!(key(toks, k), "ان" | "الي" | "بان" | "وان"));
    let embedding = s.mentions.triggers[..ti]
        .iter()
        .rev()
        .filter(|_| complement)
        .find(|p| p.tokens.end <= m.tokens.start && p.tokens.end + 8 >= m.tokens.start)
        .and_then(|p| {
            if let EntryRef::Trigger(t) = p.entry {
                Some(lex.triggers[t as usize].cameo.as_str())
            } else {
                None
            }
        });
    let still = negation(s, t)?;
    // a verbal noun that is the object of a future support verb before it, past the
    // verb's subject (سيعقد الرئيس المصري اجتماعا، ستجري الوزيرة مباحثات): future
    let object_of_future = trig.pos == Pos::Noun
        && (m
            .tokens
            .start
            .saturating_sub(FUTURE_VERB_REACH)
            .max(range.start)..m.tokens.start)
            .rev()
            .take_while(|&k| !matches!(key(toks, k), "," | "." | ":" | ";" | "?" | "!"))
            .any(|k| future_support_verb(lex, key(toks, k)));
    let mut aux = aux_mode(cues, m, &trig.cameo, range, embedding, still)
        .or((support_future || object_of_future).then_some(Aux::Future));
    // a reduction of relations or use of force that will come if a condition is met
    // (العقوبات ستعود أقوى إذا ثبت …) is a threat (13x), made now
    let conditional = cues.iter().find(|(kind, c)| {
        *kind == CueKind::Hypothetical
            && c.tokens.start >= m.tokens.end
            && c.tokens.start <= m.tokens.end + 12
            && c.tokens.start < range.end
    });
    let threat = conditional
        .filter(|(_, c)| {
            m.future || (m.tokens.end..c.tokens.start).any(|k| future_verb(lex, key(toks, k)))
        })
        .filter(|(_, c)| !(m.tokens.end..c.tokens.start).any(|k| matches!(key(toks, k), "." | ";")))
        .and_then(|_| threat_code(&trig.cameo));
    if threat.is_some() {
        aux = None;
    } else if fronted_future && aux.is_none() {
        aux = Some(Aux::Future);
    }
    Ok((aux, threat))
}

/// Builds the events of trigger `t` from the rules' decision `e`: one per (source,
/// target) pair (`recv` triggers reverse them; a plural role stands for each of its
/// members), and the mirrored event (`mirror`). Records the outcome in `trace`, and in
/// `state` and `ctx` the parties the next triggers and sentences may refer to.
#[allow(clippy::too_many_arguments)]
fn emit(
    s: &SentenceView,
    t: &At,
    e: Ruled,
    state: &mut RuleState,
    ctx: &mut Ctx,
    events: &mut Vec<Event>,
    trace: &mut SentenceTrace,
    mut considered: Considered,
) {
    let (lex, m, trig) = (s.lex, t.m, t.trig);
    let Ruled {
        source,
        targets,
        mut co_sources,
        co_subject_of,
        agentive,
        aux,
        threat,
    } = e;
    let cameo = threat.unwrap_or(trig.cameo.as_str());
    let date = event_date(s.when, m, s.toks, ctx);
    let location = pick_location(lex, s.raw(), &s.context.places, m.tokens.start, s.toks)
        .or_else(|| ctx.dateline_place.clone());
    // (source, target) pairs; `recv` triggers reverse them (تلقى X اتصالا من Y و Z)
    let subject_role = source.clone();
    if co_subject_of.as_ref() != Some(&source.tokens) {
        co_sources.clear();
    }
    co_sources.retain(|a| a.is_coded());
    let pairs = role_pairs(
        &source,
        &subject_role,
        &co_sources,
        &targets,
        trig.recv && !agentive,
    );
    let mut produced = 0;
    for (src, tgt) in &pairs {
        if tgt.as_ref().is_some_and(|t| same_side(src, t)) {
            continue;
        }
        let confidence = confidence(src, tgt.as_ref(), trig.pos == Pos::Verb);
        let mut push = |code: &str, from: &Actor, to: Option<&Actor>, confidence: f32| {
            events.push(build_event(
                lex, s.doc, s.si, s.sspan, m, &trig.id, code, aux, from, to, &date, &location,
                confidence,
            ));
            produced += 1;
        };
        push(cameo, src, tgt.as_ref(), confidence);
        if let (Some(code), Some(t)) = (&trig.mirror, tgt) {
            push(code, t, Some(src), confidence * 0.9);
        }
    }
    if s.want_trace {
        considered.outcome = format!("event ×{produced}");
        trace.triggers.push(considered);
    }
    if produced > 0 {
        state.emitted += produced;
        if let (src, Some(t)) = &pairs[0] {
            ctx.last_pair = Some((src.clone(), t.clone()));
            state.last_target = Some(t.clone());
        }
        // (the agent of a passive is not the subject a later clause goes on with)
        if !agentive {
            state.used_subject = Some(subject_role);
        }
        state
            .used_as_target
            .extend(targets.iter().map(|t| t.tokens.start));
        // a list of parties in one role (three ambassadors), for a later plural
        if targets.len() >= 2 {
            if let Some(agent) = &targets[0].agent {
                if targets.iter().all(|t| t.agent.as_ref() == Some(agent)) {
                    ctx.groups.insert(agent.clone(), targets.clone());
                }
            }
        }
    }
}

/// The (source, target) pairs of an event: each of `source` and the `co_sources` with
/// each target, or with none when there is no target; `reversed` (a `recv` trigger) makes
/// the targets the sources of `subject_role` and the co-sources. A plural role standing
/// for a list (السفراء) is each of its members.
fn role_pairs(
    source: &Actor,
    subject_role: &Actor,
    co_sources: &[Actor],
    targets: &[Actor],
    reversed: bool,
) -> Vec<(Actor, Option<Actor>)> {
    let subjects: Vec<&Actor> = std::iter::once(source).chain(co_sources).collect();
    let pairs: Vec<(Actor, Option<Actor>)> = if targets.is_empty() {
        subjects.iter().map(|s| ((*s).clone(), None)).collect()
    } else if reversed {
        let subject_roles = std::iter::once(subject_role).chain(co_sources);
        subject_roles
            .flat_map(|s| targets.iter().map(|t| (t.clone(), Some(s.clone()))))
            .collect()
    } else {
        subjects
            .iter()
            .flat_map(|s| targets.iter().map(|t| ((*s).clone(), Some(t.clone()))))
            .collect()
    };
    // a plural role standing for a list (السفراء) is each of its members
    let each = |a: &Actor| -> Vec<Actor> {
        if a.members.is_empty() {
            vec![a.clone()]
        } else {
            a.members.clone()
        }
    };
    pairs
        .iter()
        .flat_map(|(s, t)| {
            let ts: Vec<Option<Actor>> = match t {
                Some(t) => each(t).into_iter().map(Some).collect(),
                None => vec![None],
            };
            each(s)
                .into_iter()
                .flat_map(move |s| ts.clone().into_iter().map(move |t| (s.clone(), t)))
        })
        .collect()
}
