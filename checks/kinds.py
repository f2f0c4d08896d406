"""The speech rule kinds: required, prohibited, response and order.

Speaker handling, the same for every kind: a rule's speaker is ``agent``,
``customer`` or ``any``. Words of the right speaker count; words of the other
speaker are ignored; ``mixed`` words (mono audio, nobody can tell who spoke)
count as *present* for something that must be said, and turn what would be a
violation into ``needs_listen``. Low ASR confidence on the deciding words also
gives ``needs_listen``, never a silent pass.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter

from spacy.lang.en.stop_words import STOP_WORDS

from checks.finding import NEEDS_LISTEN, VIOLATION, CallContext, Finding
from checks.occurrences import (
    INF,
    TURN_START_WORDS,
    Occurrence,
    fuzzy_best,
    garbled_among_unsure_words,
    group_occurrences,
    occurrences,
    speakers_for,
)
from checks.packs import Rule
from checks.schema import Conditions, Window
from checks.text import CallText
from transcribe.meta import CallMeta


def applies(conditions: Conditions, meta: CallMeta) -> bool:
    """Unknown metadata never switches a rule off: ``first_contact: true`` covers true and unknown."""
    wanted = conditions.first_contact
    return wanted is None or meta.first_contact is None or meta.first_contact == wanted


def rule_times(ctx: CallContext, window: Window | None, speaker: str) -> tuple[float, float] | None:
    """The time range a required/prohibited rule looks at, from the speaker's first/last word."""
    bounds = ctx.text.speech_bounds(speakers_for(speaker))
    if bounds is None:
        return None
    if window is None:
        return -INF, INF
    if window.first_seconds is not None:
        return bounds[0], bounds[0] + window.first_seconds
    if window.last_seconds is not None:
        return bounds[1] - window.last_seconds, bounds[1]
    return -INF, INF


# --- required -----------------------------------------------------------------------------
def check_required(ctx: CallContext, rule: Rule) -> list[Finding]:
    spec = rule.spec
    if not applies(spec.conditions, ctx.meta):
        return []
    listening = _consumer_listening(ctx, rule)
    if not listening or listening[-1][1] < INF:  # a third party answered, the consumer never came
        return []
    times = rule_times(ctx, spec.window, spec.speaker)
    if times is None:
        return [
            ctx.finding(
                rule,
                NEEDS_LISTEN,
                speaker=spec.speaker,
                score=None,
                note=f"no {spec.speaker} speech in the transcript",
            )
        ]
    parts = [g for g in rule.groups if g == "phrases" or g.startswith("phrases.")]
    clipped = [(max(a, times[0]), min(b, times[1])) for a, b in listening]
    spans = [(a, b) for a, b in clipped if a < b]
    missing, unsure = [], []
    for group in parts:
        heard = [said(ctx, rule, group, spec.speaker, spec.negation, spec.fuzzy, span) for span in spans]
        found = max(filter(None, heard), key=_said_rank(ctx), default=None)
        if found is None or found.score < ctx.settings.fuzzy_review / 100:
            missing.append((group, found))
        elif (
            found.negated
            or found.score < ctx.settings.fuzzy_accept / 100
            or found.probability < ctx.min_probability(rule)
        ):
            unsure.append((group, found))
    return _required_outcome(ctx, rule, spec.speaker, times, missing, unsure)


def _consumer_listening(ctx: CallContext, rule: Rule) -> list[tuple[float, float]]:
    """The stretches of the call where the consumer was the one listening: all of it but from an
    ``unless`` (a third party answered) to the ``revoked_by`` after it (the consumer came to the
    phone). The mini-Miranda told to the wife while she fetches her husband is not told to him
    (uj22), nor one the agent opened with when the first words from the other side were the
    wife's ("This is his wife", fifty-third text set, va22): whoever answered heard it. When the
    consumer never came, the last stretch ends before the call does, or there is none: the rule
    is excused."""
    excuses = _heard_at(ctx, rule, "unless") if rule.spec.unless is not None else []
    if not excuses:
        return [(-INF, INF)]
    revokes = _revocations(ctx, rule)
    spans, start = [], -INF
    if _in_first_answer(ctx, excuses[0]):
        start = next((r for r in revokes if r > excuses[0]), INF)
    for excuse in excuses:
        if excuse >= start:
            spans.append((start, excuse))
            start = next((r for r in revokes if r > excuse), INF)
    spans.append((start, INF))
    return [(a, b) for a, b in spans if a < b]


def _in_first_answer(ctx: CallContext, when: float) -> bool:
    """Whether ``when`` falls in the first turn of the customer's channel (not mixed speech: on
    mono audio the agent's greeting is a turn of the same voice)."""
    first = next((t for t in ctx.text.turns if t.speaker == "customer"), None)
    return first is not None and first.t_start <= when <= first.t_end


def _said_rank(ctx: CallContext) -> Callable[[Occurrence], tuple]:
    """How well a part was said, for the best of several spans: found at all (not a guess under
    ``fuzzy_review``), then not heard negated, then by score and confidence."""
    review = ctx.settings.fuzzy_review / 100
    return lambda o: (o.score >= review, not o.negated, o.score, o.probability)


def _revocations(ctx: CallContext, rule: Rule) -> list[float]:
    """When the rule's ``revoked_by`` phrases were heard; none without any."""
    return [] if rule.spec.revoked_by is None else _heard_at(ctx, rule, "revoked_by")


def _heard_at(ctx: CallContext, rule: Rule, group: str) -> list[float]:
    """When a PhraseGroup field of the rule was heard (start times, in order)."""
    return sorted(o.t_start for o in group_occurrences(ctx, rule, group))


def said(
    ctx: CallContext,
    rule: Rule,
    group: str,
    speaker: str,
    negation: bool,
    fuzzy: bool,
    times: tuple[float, float],
) -> Occurrence | None:
    """The most convincing occurrence of a phrase group: exact and confident, else exact, else
    fuzzy, else one heard negated with a word the ASR was unsure of (returned negated: the
    caller cannot count it as said). "This isn't attempt (p=0.24) to collect the debt" was
    "this is an attempt" (fourth text set end to end): a denial resting on a misheard word is
    no proof that the phrase was missing."""
    heard = occurrences(ctx, rule, group, speaker, negation, times)
    found = [o for o in heard if not o.negated]
    if found:
        return max(found, key=lambda o: o.probability)
    guess = fuzzy_best(ctx, rule, group, speaker, times) if fuzzy else None
    if guess is not None and negation and guess.negated:
        guess = None
    if guess is None or guess.score < ctx.settings.fuzzy_accept / 100:
        floor = ctx.min_probability(rule)
        doubted = next(
            (o for o in heard if o.negated and ctx.text.unsure_tokens(floor, o.start, o.end)), None
        )
        if doubted is not None:
            return doubted
    return guess


def _required_outcome(
    ctx: CallContext,
    rule: Rule,
    speaker: str,
    times: tuple[float, float],
    missing: list[tuple[str, Occurrence | None]],
    unsure: list[tuple[str, Occurrence]],
) -> list[Finding]:
    text = ctx.text
    if missing:
        names = ", ".join(_part_name(g) for g, _ in missing)
        best = max((o for _, o in missing if o is not None), key=lambda o: o.score, default=None)
        ranges = text.token_ranges(speakers_for(speaker), *times)
        span = text.time_of(ranges[0][0], ranges[-1][1]) if ranges else (0.0, 0.0)
        heard = [p for a, b in ranges for p in text.probabilities[a:b]]
        confidence = sum(heard) / len(heard) if heard else 0.0
        score = best.score if best is not None else 0.0
        if confidence < ctx.min_probability(rule):
            return [
                ctx.finding(
                    rule,
                    NEEDS_LISTEN,
                    speaker=speaker,
                    times=span,
                    score=score,
                    note=f"not found ({names}), but the words there are unsure "
                    f"(mean probability {confidence:.2f})",
                )
            ]
        return [
            ctx.finding(rule, VIOLATION, speaker=speaker, times=span, score=score, note=f"not said: {names}")
        ]
    if unsure:
        group, occ = min(unsure, key=lambda item: item[1].score * item[1].probability)
        if occ.negated:
            reason = "heard negated, with a word the ASR was unsure of"
        elif occ.score < ctx.settings.fuzzy_accept / 100:
            reason = f"only a weak match ({occ.score:.0%})"
        else:
            reason = f"low ASR confidence ({occ.probability:.2f})"
        return [
            ctx.finding(
                rule,
                NEEDS_LISTEN,
                span=(occ.start, occ.end),
                score=occ.score,
                note=f"{_part_name(group)}: {reason}",
            )
        ]
    return []


def _part_name(group: str) -> str:
    return group.split(".", 1)[1] if "." in group else "the phrase"


# --- prohibited ---------------------------------------------------------------------------
def check_prohibited(ctx: CallContext, rule: Rule) -> list[Finding]:
    spec = rule.spec
    if not applies(spec.conditions, ctx.meta):
        return []
    times = rule_times(ctx, spec.window, spec.speaker)
    if times is None:
        return []
    findings = []
    found = occurrences(ctx, rule, "phrases", spec.speaker, spec.negation, times)
    denied_by, retracted_by = spec.denied_by, spec.retracted_by
    denials = _heard_at(ctx, rule, "denied_by") if denied_by is not None else []
    retractions = _heard_at(ctx, rule, "retracted_by") if denials and retracted_by is not None else []

    def denied(occ: Occurrence) -> bool:
        # in mono speech the agent's denial soon after shows the consumer asked: "Am I going to
        # jail over this?" and "No. You are not going to jail" (th20); not when the agent took
        # the words back ("no, scratch that", uc01)
        return (
            bool(denials)
            and occ.ambiguous
            and _soon_after(occ, denials, denied_by.within)
            and not (retractions and _soon_after(occ, retractions, retracted_by.within))
        )

    for occ in found:
        if occ.negated or denied(occ):
            continue
        findings.append(_said_finding(ctx, rule, occ))
    if spec.fuzzy and not findings:
        # a garbled one too: "my neighbor said they'll put a link (p=0.3) on your house" and "No,
        # nobody's suing you" (one hundred and thirty-sixth text set, yf14 end to end, mono)
        guess = garbled_among_unsure_words(ctx, rule, "phrases", spec.speaker, times)
        if guess is not None and not (spec.negation and guess.negated) and not denied(guess):
            findings.append(
                ctx.finding(
                    rule,
                    NEEDS_LISTEN,
                    span=(guess.start, guess.end),
                    score=guess.score,
                    note=f"possible garbled match ({guess.score:.0%})",
                )
            )
    if spec.echoed_by is not None and not findings:
        findings += _echoes(ctx, rule, found)
    return findings


def _soon_after(occ: Occurrence, times: list[float], within: float) -> bool:
    """Whether one of ``times`` falls within ``within`` seconds after ``occ`` ended (a
    ``Dismissal`` heard in answer to it)."""
    return any(occ.t_end <= t <= occ.t_end + within for t in times)


def _echoes(ctx: CallContext, rule: Rule, said: list[Occurrence]) -> list[Finding]:
    """The first ``echoed_by`` phrase heard with none of the rule's phrases said before it.

    A consumer asking "A warrant? For a loan?" repeats words the agent said; when no such words
    were heard, the ASR probably lost them ("there comes a point where Warren (p=0.23) gets
    issued", tj01), so a human listens. After the agent's own words, even negated ("nobody is
    going to arrest you"), the echo repeats those and says nothing new.
    """
    echo = rule.spec.echoed_by
    for occ in occurrences(ctx, rule, "echoed_by", echo.speaker, echo.negation, turn_start=echo.turn_start):
        if occ.negated or any(s.t_start < occ.t_start for s in said):
            continue
        return [
            ctx.finding(
                rule,
                NEEDS_LISTEN,
                span=(occ.start, occ.end),
                note="the consumer echoed words of this rule that were not heard from the agent",
            )
        ]
    return []


def _said_finding(ctx: CallContext, rule: Rule, occ: Occurrence, doubt: str = "") -> Finding:
    """A violation for something said, or needs_listen when who said it or what was said is
    unsure, or when what it answered is in ``doubt`` (the reason, as the finding's note)."""
    span = (occ.start, occ.end)
    if occ.ambiguous:
        return ctx.finding(
            rule, NEEDS_LISTEN, span=span, score=occ.score, note="mono audio: cannot tell who said it"
        )
    if doubt:
        return ctx.finding(rule, NEEDS_LISTEN, span=span, score=occ.score, note=doubt)
    if occ.probability < ctx.min_probability(rule):
        return ctx.finding(
            rule, NEEDS_LISTEN, span=span, score=occ.score, note=f"low ASR confidence ({occ.probability:.2f})"
        )
    return ctx.finding(rule, VIOLATION, span=span, score=occ.score)


# --- response -----------------------------------------------------------------------------
def check_response(ctx: CallContext, rule: Rule) -> list[Finding]:
    """After each trigger: forbidden phrases in the window are findings; a missing required reply is one.

    "After" is by time: the window opens when the trigger's last word ends and closes at the
    end of the responder's Nth turn (``window.turns``) or ``window.seconds`` later, whichever
    comes first; without a window it runs to the end of the call. A required reply is owed
    once, in the window of the first trigger heard: it answers every trigger after it too.

    A ``revoked_by`` phrase heard after a trigger withdraws it ("no, she's only doing the
    divorce"): the trigger's window closes there, and no required reply is owed to it.

    A trigger the ASR may have garbled still counts (``fuzzy``): with no exact trigger, the
    best fuzzy one among the words it was unsure of. Only a forbidden reply after it is a
    finding, and only needs_listen: no required reply is no evidence that a trigger we are
    unsure of was said ("this is Terry (p=0.31)" aligns with "this is not me" at 83).
    A ``suspect`` said before the first trigger heard (or with none heard) on the consumer's
    own channel, or in mono speech with ``on_mono`` ("she's a lawyer" before any phrase knew
    it), counts the same way: needs_listen replies, no reply owed.
    With no trigger at all, an ``implies_trigger`` reply is needs_listen: "there is nothing
    to dispute" answers a dispute nobody was heard making.
    """
    spec = rule.spec
    if not applies(spec.conditions, ctx.meta):
        return []
    triggers = group_occurrences(ctx, rule, "trigger")
    forbidden = occurrences(ctx, rule, "forbidden", spec.speaker, spec.negation) if spec.forbidden else []
    implied = (
        occurrences(ctx, rule, "implies_trigger", spec.speaker, spec.negation) if spec.implies_trigger else []
    )
    replies = forbidden + implied
    if not triggers and replies and spec.fuzzy:
        # a garbled trigger only matters before a forbidden reply: search only there
        triggers = _garbled_trigger(ctx, rule, max(o.t_start for o in replies))
    first_trigger = min((t.t_start for t in triggers), default=INF)
    suspects = _suspects(ctx, rule, first_trigger) if replies else []
    if not triggers and not suspects:
        return _implied_without_trigger(ctx, rule, implied)
    findings: list[Finding] = []
    # A reply to a trigger nobody was heard making, said before the first one heard (any time, if
    # none was): "lawyers just run up your bill" before the consumer's closing "Call my lawyer",
    # where "I've got a lawyer now" was heard "a lot of now" (one hundred and forty-sixth text set,
    # yp16 end to end). A suspect after it explains nothing: "The calls will continue until this
    # balance is resolved" before the consumer's closing "Don't bother", with "stop calling me"
    # heard "cost (p=0.07) following (p=0.31) me" (twentieth text set, tt08 end to end).
    unexplained = [
        o for o in implied if o.t_end <= first_trigger and not any(s.t_end <= o.t_start for s in suspects)
    ]
    if triggers:  # with a trigger heard, negated replies need no search for a garbled one
        unexplained = [o for o in unexplained if not o.negated]
    if unexplained:
        findings += _implied_without_trigger(ctx, rule, unexplained)
    revokes = _revocations(ctx, rule)
    reported: set[int] = set()
    owed: list[tuple[Occurrence, tuple[float, float]]] = []  # triggers a required reply may answer
    # the triggers first: a reply in both windows answers the trigger heard
    for trigger, suspected in [(t, False) for t in triggers] + [(s, True) for s in suspects]:
        end = _window_end(ctx, trigger, spec.speaker, spec.window)
        revoked = next((r for r in revokes if r >= trigger.t_end), INF)
        window = (trigger.t_end, min(end, revoked))
        doubt = SUSPECT_DOUBT if suspected else _trigger_doubt(ctx, rule, trigger)
        for occ in replies:
            if occ.start in reported or not window[0] <= occ.t_start <= window[1] or occ.negated:
                continue
            reported.add(occ.start)
            findings.append(_said_finding(ctx, rule, occ, doubt))
        # heard, not garbled nor only suspected, and not withdrawn before its window closed
        if trigger.score == 1.0 and not suspected and (revoked == INF or revoked > end):
            owed.append((trigger, window))
    if spec.required and owed:
        # only the first trigger heard needs the reply: the reply answers every later one (once
        # validation is offered, the consumer naming the dispute again needs no second offer)
        first, window = min(owed, key=lambda tw: tw[0].t_end)
        finding = _required_reply(ctx, rule, first, window)
        if finding is not None:
            findings.append(finding)
    return findings


def _suspects(ctx: CallContext, rule: Rule, before: float) -> list[Occurrence]:
    """Suspect words said before the first trigger heard (any time, if none was), on the
    consumer's own channel or, with ``on_mono``, in mono speech too: "I've already got counsel
    on this" an agent answered with a settlement before "talk to my lawyer" (third text set, tc04).
    Not read over two turns of the consumer's: their loose wildcards took "I'm not paying for a TV
    I don't have." and, after the agent's reply, "No. I'll call ClearPath myself" for "don't ...
    call" (one hundred and seventy-fifth text set, zs18)."""
    suspect = rule.spec.suspect
    if suspect is None:
        return []
    text = ctx.text
    found = [
        o
        for o in group_occurrences(ctx, rule, "suspect")
        if o.t_start < before
        and (suspect.on_mono or not o.ambiguous)
        and not _echoes_agent(ctx, o)
        and not text.crosses_turn(o.start, o.end)
    ]
    if found and suspect.dismissed_by is not None:
        # "First off, are you a lawyer?" heard "our new lawyer", answered "No, I'm not an
        # attorney" (twelfth text set, tl29)
        dismissals = _heard_at(ctx, rule, "suspect.dismissed_by")
        found = [o for o in found if not _soon_after(o, dismissals, suspect.dismissed_by.within)]
    return found


# How far back an echo's words are looked for in the agent's own speech: "This is Nicole Pratt, I'm
# a paralegal with the law office of Ashby and Harlan" ... a long turn ... "A law office? Oh my
# God" (two hundred and twenty-fourth text set, rp24; 15 s until then).
ECHO_SECONDS = 60
AGENT = frozenset({"agent"})


def _echoes_agent(ctx: CallContext, occ: Occurrence, floor: float = 0.0) -> bool:
    """Whether the consumer, opening a turn or a sentence of it on their own channel, repeats the
    agent's last words: "Paid in full? No." to "Can we get that paid in full today?", "An
    attorney?" to "I'm an attorney here" (twelfth text set, tl17, tl05); "Yes, this is Destiny. An
    attorney?" (two hundred and twenty-sixth, rr21). An echo asks; it tells nothing new.
    With a ``floor``, only the words heard with at least that probability must be the agent's,
    and one of them a content word: a garbled match's sure words ("An attorney?" heard "and
    (p=0.37) attorney", twenty-sixth text set, tz23)."""
    text = ctx.text
    if occ.ambiguous or text.words_into_turn(occ.start, by_sentence=True) >= TURN_START_WORDS:
        return False
    said = [text.tokens[i] for i in range(occ.start, occ.end) if text.words[i].probability >= floor]
    n = len(said)
    if floor and STOP_WORDS.issuperset(said):
        return False  # "This (p=0.53) is none (p=0.25)" echoes no word of "this is Rob" (tz06)
    for a, b in text.token_ranges(AGENT, occ.t_start - ECHO_SECONDS, occ.t_start):
        tokens = text.tokens[a:b]
        if any(tokens[i : i + n] == said for i in range(len(tokens) - n + 1)):
            return True
    return False


def _implied_without_trigger(ctx: CallContext, rule: Rule, implied: list[Occurrence]) -> list[Finding]:
    """No trigger heard, yet the agent answered one: needs_listen for each such reply.

    An ``implies_trigger`` reply heard exactly, or (``fuzzy``, and none heard exactly) garbled
    among words the ASR was unsure of: on mono audio tiny.en heard "my lawyer" as a confident
    "my logo" and "lawyers just cost you" as "forors (p=0.28) just cost you"; only the reply
    said the consumer has a lawyer.
    """
    said = [(o, "said as if answering a trigger, but none was heard") for o in implied if not o.negated]
    spec = rule.spec
    if not said and spec.implies_trigger and spec.fuzzy:
        guess = garbled_among_unsure_words(ctx, rule, "implies_trigger", spec.speaker)
        if guess is not None and not (spec.negation and guess.negated):
            note = f"possibly said as if answering a trigger ({guess.score:.0%} garbled match), but none was heard"
            said = [(guess, note)]
    if said and spec.explained_by is not None:
        # what the consumer said before explains the reply ("I'm not paying twice." "Then we'll
        # keep calling until it's taken care of.", fifteenth text set, to10)
        explained = _heard_at(ctx, rule, "explained_by")
        said = [(o, note) for o, note in said if not any(t < o.t_start for t in explained)]
    return [
        ctx.finding(rule, NEEDS_LISTEN, span=(o.start, o.end), score=o.score, note=note) for o, note in said
    ]


def _garbled_trigger(ctx: CallContext, rule: Rule, before: float) -> list[Occurrence]:
    """The trigger as the ASR may have garbled it ("do not follow me anymore") before a time, or none."""
    group = rule.spec.trigger
    guess = garbled_among_unsure_words(ctx, rule, "trigger", group.speaker, (-INF, before))
    if guess is None or (group.negation and guess.negated):
        return []
    if group.turn_start and ctx.text.words_into_turn(guess.start) >= TURN_START_WORDS:
        return []
    if _echoes_agent(ctx, guess, ctx.min_probability(rule)):
        return []
    return [guess]


SUSPECT_DOUBT = "the consumer said words of the trigger's kind, in wording no trigger phrase knows"


def _trigger_doubt(ctx: CallContext, rule: Rule, trigger: Occurrence) -> str:
    """Why a reply to this trigger can only be needs_listen ("" if it can be a violation)."""
    if trigger.ambiguous:
        return "mono audio: cannot tell who said the trigger"
    if trigger.score < 1.0:
        return f"the trigger was heard only garbled ({trigger.score:.0%})"
    if trigger.probability < ctx.min_probability(rule):
        return f"the trigger was heard with low ASR confidence ({trigger.probability:.2f})"
    return ""


def _window_end(ctx: CallContext, trigger: Occurrence, responder: str, window: Window | None) -> float:
    """When the response window after a trigger closes (time in seconds)."""
    end = INF
    if window is not None and window.seconds is not None:
        end = trigger.t_end + window.seconds
    if window is not None and window.turns is not None:
        allowed = speakers_for(responder)
        count = 0
        for turn in ctx.text.turns:
            if turn.t_start >= trigger.t_end and turn.speaker in allowed:
                count += 1
                if count == window.turns:
                    return min(end, turn.t_end)
    return end


def _required_reply(
    ctx: CallContext, rule: Rule, trigger: Occurrence, window: tuple[float, float]
) -> Finding | None:
    spec = rule.spec
    replies = [
        o for o in occurrences(ctx, rule, "required", spec.speaker, spec.negation, window) if not o.negated
    ]
    if replies:
        return None
    if spec.fuzzy:
        guess = fuzzy_best(ctx, rule, "required", spec.speaker, window)
        if guess is not None and not guess.negated:
            if guess.score >= ctx.settings.fuzzy_accept / 100:
                return None
            return ctx.finding(
                rule,
                NEEDS_LISTEN,
                span=(guess.start, guess.end),
                score=guess.score,
                note=f"reply only weakly matched ({guess.score:.0%})",
            )
    doubt = _trigger_doubt(ctx, rule, trigger)
    return ctx.finding(
        rule,
        NEEDS_LISTEN if doubt else VIOLATION,
        span=(trigger.start, trigger.end),
        score=trigger.score,
        note=f"no required reply; {doubt}" if doubt else "no required reply to this",
    )


# --- order --------------------------------------------------------------------------------
def check_order(ctx: CallContext, rule: Rule) -> list[Finding]:
    """``then`` said with no ``first`` before it (by time) that was not revoked since; or, when
    nothing says so, the other party complaining that it was (``complained_of_by``)."""
    spec = rule.spec
    if not applies(spec.conditions, ctx.meta):
        return []
    return _told_too_soon(ctx, rule) or _complaints(ctx, rule)


def _complaints(ctx: CallContext, rule: Rule) -> list[Finding]:
    """A ``complained_of_by`` phrase heard: the consumer saying the details reached someone else
    ("Man, you already told my conductor my business"), where the ASR put the conductor's "Nah,
    I'm his conductor" before the balance (two hundred and thirty-ninth text set, se17 end to end),
    or whoever was told saying so ("I don't really need to know his business", so06).
    A human listens: the complaint is about what the call itself did."""
    if rule.spec.complained_of_by is None:
        return []
    complaints = group_occurrences(ctx, rule, "complained_of_by")
    if not complaints:
        return []
    occ = complaints[0]
    note = "the other party said the details reached someone else"
    return [ctx.finding(rule, NEEDS_LISTEN, span=(occ.start, occ.end), score=occ.score, note=note)]


def _told_too_soon(ctx: CallContext, rule: Rule) -> list[Finding]:
    """``check_order``'s first question: ``then`` said before a ``first`` that counts."""
    spec = rule.spec
    then = spec.then
    thens = occurrences(ctx, rule, "then", then.speaker, then.negation, turn_start=then.turn_start)
    revokes = _revocations(ctx, rule)
    firsts: list[Occurrence] | None = None  # looked for only when needed
    handovers: list[float] = []
    if revokes:
        firsts, handovers = _firsts_since_handover(ctx, rule, revokes)
        if spec.consented_by is not None:
            confirmations = _said_confirmations(ctx, rule, firsts)
            if spec.answered is not None:
                confirmations += _answer_confirmations(ctx, rule, revokes, handovers)
            revokes = _unconsented(ctx, rule, revokes, confirmations)
    told_to_whoever_answered: list[Occurrence] = []
    if revokes and spec.then_once_revoked is not None:
        # said to whoever said they are someone else: "This is an attempt to collect a debt"
        # told to the wife who answered (thirty-sixth text set, uj22), or in the opening that the
        # first answer tells was heard by someone else: "No, this is her mother, Linda" (wi19)
        heard = group_occurrences(ctx, rule, "then_once_revoked")
        if _in_first_answer(ctx, revokes[0]):
            told_to_whoever_answered = [o for o in heard if o.t_end <= revokes[0]]
        thens = thens + told_to_whoever_answered + [o for o in heard if any(r < o.t_start for r in revokes)]
    if not thens:
        return []
    if firsts is None:
        firsts, handovers = _firsts_since_handover(ctx, rule, revokes)
    firsts = _said_confirmations(ctx, rule, firsts)
    answers: list[Occurrence] | None = None  # looked for only when needed: every number is a match

    unsure: Finding | None = None  # told someone else, but in words the ASR was unsure of
    for occ in sorted(thens, key=lambda o: o.t_start):
        if occ.negated:
            continue
        # a "yes" before it counts, unless the reply to it names someone else (zg03)
        said_to_the_reply = _confirmed_before(occ.t_start, firsts, revokes)
        if said_to_the_reply and not _revoked_in_reply(ctx, rule, occ, revokes, handovers):
            continue
        if not revokes and ctx.meta.first_contact is False and _confirmed_by_first_reply(ctx, occ, firsts):
            continue
        if spec.answered is not None:
            # an answered question counts as `first` too
            if answers is None:
                answers = _answer_confirmations(ctx, rule, revokes, handovers)
            if _confirmed_before(occ.t_start, answers, revokes):
                continue
        # heard revoked ("I'm his wife"): no doubt; else an unsure answer may have held `first`
        if said_to_the_reply or any(r < occ.t_start for r in revokes) or occ in told_to_whoever_answered:
            found = _said_finding(ctx, rule, occ)
            if found.status == VIOLATION:
                return [found]
            # "a pass (p=0.45) due balance of $760", told to the brother: the amount heard
            # clearly after it is the violation (holdout ho08 end to end)
            unsure = unsure or found
            continue
        if unsure is not None:
            return [unsure]
        doubt = _unsure_answer(ctx, rule, occ.t_start)
        if doubt and not occ.ambiguous and not revokes and _acknowledged(ctx, rule, occ.t_start, firsts):
            return []
        return [_said_finding(ctx, rule, occ, doubt)]
    return [unsure] if unsure is not None else []


def _revoked_in_reply(
    ctx: CallContext, rule: Rule, occ: Occurrence, revokes: list[float], handovers: list[float]
) -> bool:
    """Whether the customer's reply to ``occ`` (their first turn after it) opens by saying they
    are someone else, with no handover heard since ``occ``: the "yes" before it was not the
    consumer's. "Uh, yeah, who's this?" ... the Visa balance ... "Whoa, whoa. This is Lonnie, his
    brother. Dwayne's driving, I just grabbed his phone off the dash" (one hundred and sixty-third
    text set, zg03). Not the tenant in "Once she's out I can rent the place" later in it (xs07), nor
    the daughter in "She's away at college. She probably forgot" (yf08 end to end). In mono
    speech, where nobody's turns are told apart, the reply is any such revocation said within
    _MONO_REPLY_SECONDS after ``occ``: "Whoa, hold up. This is his brother, Aaron", heard "We'll
    build up this is brother Aaron" (two hundred and seventeenth text set, ri28 end to end)."""
    if not revokes:
        return False
    text = ctx.text
    if occ.ambiguous:

        def in_reply(r: Occurrence) -> bool:
            return occ.t_end <= r.t_start <= occ.t_end + _MONO_REPLY_SECONDS

    else:
        reply = next((t for t in text.turns if t.speaker == "customer" and t.t_start >= occ.t_end), None)
        if reply is None:
            return False

        def in_reply(r: Occurrence) -> bool:
            return (
                reply.t_start <= r.t_start <= reply.t_end
                and _words_since(text, r.start, reply.t_start) < _REPLY_OPENING_WORDS
            )

    return any(
        in_reply(r)
        and text.tokens[r.start] in _SELF_NAMING
        and not any(occ.t_end <= h < r.t_start for h in handovers)
        for r in group_occurrences(ctx, rule, "revoked_by")
    )


def _confirmed_by_first_reply(ctx: CallContext, occ: Occurrence, firsts: list[Occurrence]) -> bool:
    """Whether ``occ`` was said in the opening, before the other party said anything, and their
    first turn confirms they are the one called: the details reached the consumer. "Angela
    Price? This is Vince with Redline Account Services ... calling back about your mother's
    account" answered "Hi. Yeah. Sorry I missed your call Tuesday" (one hundred and sixty-ninth
    text set, zm15); "Jake, I told you on Monday" (zq15, greeted by name); zl11. On separate
    channels only (a mono call's turns are nobody's). ``check_order`` asks it only on follow-up
    calls where nobody said they are someone else: on a first contact "Your account is past due"
    answered "Yes, speaking" stays a violation, told before anyone was verified."""
    reply = next((t for t in ctx.text.turns if t.speaker == "customer"), None)
    return (
        reply is not None
        and occ.t_end <= reply.t_start
        and any(f.speaker == "customer" and reply.t_start <= f.t_start <= reply.t_end for f in firsts)
    )


_MONO_REPLY_SECONDS = 10.0  # in mono speech, how soon after the details a reply says who is speaking
_REPLY_OPENING_WORDS = 6  # "Whoa, whoa. This is Lonnie, his brother": where a reply says who is speaking
# the first words of a revocation that says who is speaking, not "She's away at college" (yf08);
# "Is this him?" "Nah, I'm his conductor" (two hundred and thirty-ninth text set, se17); "I'm"
# as tiny.en often hears it: "I'm not Marcus. I'm his cousin" heard "In his cousin" (two hundred and
# fiftieth text set, sp27 end to end, mono), "I'm her sister" heard "inter -sister" (sv18, mono)
_SELF_NAMING = {"this", "i'm", "i", "it's", "no", "nah", "nope", "in", "inter"}


def _words_since(text: CallText, token: int, when: float) -> int:
    """How many words of ``token``'s stream begin at or after ``when`` and before it (up to
    _REPLY_OPENING_WORDS): across the utterances the ASR cut a turn into."""
    words, first = text.words, text.stream_of(token).start
    count = 0
    for j in range(token - 1, max(first, token - _REPLY_OPENING_WORDS) - 1, -1):
        if words[j].start < when:
            break
        count += 1
    return count


def _firsts_since_handover(
    ctx: CallContext, rule: Rule, revokes: list[float]
) -> tuple[list[Occurrence], list[float]]:
    """The rule's ``first`` occurrences that count (with ``handed_over_by``, see _since_handover),
    and the handovers heard."""
    first = rule.spec.first
    firsts = occurrences(ctx, rule, "first", first.speaker, first.negation, turn_start=first.turn_start)
    firsts = _after_the_other_spoke(ctx.text, firsts, rule.spec.then.speaker)
    if rule.spec.greeted_by_name:
        firsts = firsts + _greeted_by_name(ctx.text, first.speaker, rule.spec.then.speaker)
    if rule.spec.named_as_asked:
        firsts = firsts + _named_as_asked(ctx.text, first.speaker, rule.spec.then.speaker)
    if not revokes or rule.spec.handed_over_by is None:
        return firsts, []
    handovers = _heard_at(ctx, rule, "handed_over_by")
    return _since_handover(firsts, revokes, handovers), handovers


_BARE_YES = frozenset({"yes", "yeah", "yep", "yup"})


def _after_the_other_spoke(text: CallText, firsts: list[Occurrence], other: str) -> list[Occurrence]:
    """``firsts`` without a bare "yes" said on its speaker's own channel before ``other`` said a
    word: "Yeah?" answering the phone answers no question ("Yeah?" ... "Am I speaking with Kenny
    Larsen?" "Depends. Who's asking?", one hundred and ninetieth text set, qh18). In mono speech,
    where nobody's words are told apart, a bare "yes" sentence that opens the call answers nothing
    either ("Yes. Hi. This is Kayla ... Is this Devon Price?" "Who's asking?", his brother, two
    hundredth text set, qr21 end to end), nor one with a greeting that ends its sentence ("Yeah,
    hello?" ... "I'm calling for Jamal Whitfield about the four hundred twelve dollar balance" "This
    is his father", rd08); not the agent's "Yeah, hi, Mr. Calloway" (xz14). Said with a name ("Hi,
    this is Maria Lopez, calling about my bill") it still confirms."""
    streams = {s.speaker: s for s in text.streams if s.end > s.start}
    if "mixed" in streams:
        opening = streams["mixed"].start
        return [
            f for f in firsts if not (f.start == opening and _bare_yes(text, f) and _ends_a_sentence(text, f))
        ]
    opens = _first_word_time(text, other)  # -INF if the other party never spoke: all kept
    return [f for f in firsts if f.ambiguous or f.t_start >= opens or not _bare_yes(text, f)]


# "Yeah, it's Bo" as tiny.en hears it on 8 kHz phone audio: "You have fixed school", "And you
# had it" (31 stereo calls of the text sets 178 to 227 end to end, e.g. rq04, ri16)
_YES_HEARD_AS = frozenset({"have", "had", "at", "add"})
_BEFORE_YES = frozenset({"and", "so", "then"})


def _bare_yes(text: CallText, first: Occurrence) -> bool:
    """Whether ``first`` says "yes" and nothing more: "Yeah", or "yeah, it's" as the ASR heard it
    ("You have", which said before a question was asked answers none: "Yeah, hello? Sorry, I've
    got gloves on" heard "You have to go. Sorry", one hundred and eighty-eighth text set, qf02)."""
    tokens = [t for t in text.tokens[first.start : first.end] if t not in _BEFORE_YES]
    if tokens[:1] == ["you"]:
        return len(tokens) > 1 and tokens[1] in _YES_HEARD_AS
    return _BARE_YES.issuperset(tokens)


def _ends_a_sentence(text: CallText, first: Occurrence) -> bool:
    """Whether ``first`` is said as a sentence of its own ("Yes." or "Yeah?"), or with a greeting
    ("Yeah, hello?"): nothing else of its turn follows it."""
    after = first.end
    while after < len(text.tokens) and text.tokens[after] in _HELLO and text.words_into_turn(after):
        after += 1
    return after >= len(text.tokens) or text.words_into_turn(after) == 0


_HELLO = frozenset({"hello", "hi", "hey"})


# How a speaker gives their name in the opening ("it's Rob Kessler", "this is Tina", "my name is
# Sara"), and the words a greeting may open with before the name ("Oh, hey, Tina").
_NAME_GIVEN_AFTER = {"it's", "i'm", "name's"}
_NAME_GIVEN_AFTER_IS = {"this", "name"}
_GREETING_WORDS = {
    "hi",
    "hey",
    "hello",
    "oh",
    "well",
    "good",
    "morning",
    "afternoon",
    "evening",
    "yeah",
    "yes",
}
_OPENING_TOKENS = 40  # where a speaker gives their name: the first words of their stream
# A name after a greeting word, then the company: "Brenda, hi, Jake Russo at Coastal Debt
# Solutions again" (one hundred and seventy-third text set, zq15). Not "Hi Brenda, it's Rob".
_COMPANY_AFTER_NAME = {"at", "with", "from"}


def _greeted_by_name(text: CallText, greeter: str, named: str) -> list[Occurrence]:
    """The ``greeter``'s first words when they greet ``named`` by the name ``named`` gave in
    their opening: "Hi Rob." after "it's Rob Kessler with Tri-County Collections" (one hundred and
    fifty-ninth text set, zc05; "Hey Tina", zc28; "Hi Brian", zc21); "Jake, I told you on Monday"
    after "Brenda, hi, Jake Russo at Coastal Debt Solutions" (zq15). Whoever knows the agent's
    name has talked with them before. On separate channels only (not mono speech)."""
    streams = {s.speaker: s for s in text.streams}
    if greeter not in streams or named not in streams:
        return []
    tokens = text.tokens
    opening = tokens[streams[named].start : min(streams[named].end, streams[named].start + _OPENING_TOKENS)]
    names = {
        opening[i + 1]
        for i, token in enumerate(opening[:-1])
        if token in _NAME_GIVEN_AFTER
        or (token == "is" and i and opening[i - 1] in _NAME_GIVEN_AFTER_IS)
        or (token in _GREETING_WORDS and not _COMPANY_AFTER_NAME.isdisjoint(opening[i + 2 : i + 4]))
    }
    names -= STOP_WORDS
    stream = streams[greeter]
    for i in range(stream.start, min(stream.end, stream.start + 4)):
        if tokens[i] in names:
            return [Occurrence(text, i, i + 1, greeter, False, None, negated=False)]
        if tokens[i] not in _GREETING_WORDS:
            break
    return []


_IS_OR_WAS = frozenset({"is", "was"})  # "This is Dennis" heard "This was Dennis" (ry27 end to end)


def _named_as_asked(text: CallText, speaker: str, asker: str) -> list[Occurrence]:
    """``speaker``'s "this is Shelby" opening a sentence of their turn right after a turn of the
    ``asker``'s that named Shelby: "Am I speaking with Shelby Tanner?" answered "Morning is right,
    man, I just got off a graveyard shift at the truck stop ... Yeah, this is Shelby." (two hundred
    and twenty-second text set, rn01); "Is this Paige Lawson?" answered "Thank you for calling
    Willow Creek Spa, oh, sorry, habit. Yes, this is Paige" (two hundred and twentieth, rl13).
    "This was Dennis" counts too, as tiny.en heard "This is Dennis" (two hundred and thirty-third
    text set, ry27 end to end), and "it's Lamar" (sg22). Not "This is Shelby's brother"
    ("shelby's" is another word). On separate channels only."""
    streams = {s.speaker: s for s in text.streams}
    if speaker not in streams or asker not in streams:
        return []
    tokens, words, own = text.tokens, text.words, streams[speaker]
    found = []
    for i in range(own.start, own.end - 1):
        name_at = _name_after(text, i, own.end)
        if name_at is None or tokens[name_at] in STOP_WORDS:
            continue
        # the asker's turn before it: their words since the speaker last spoke before them
        asked = _last_token(text, asker, words[i].start)
        if asked is None:
            continue
        before = _last_token(text, speaker, words[asked].start)
        since = words[before].end if before is not None else -INF
        named = any(
            tokens[j] == tokens[name_at]
            for a, b in text.token_ranges(frozenset({asker}), since, words[asked].start)
            for j in range(a, b)
        )
        if named and text.words_into_turn(i, by_sentence=True) < TURN_START_WORDS:
            found.append(Occurrence(text, i, name_at + 1, speaker, False, None, negated=False))
    return found


def _name_after(text: CallText, i: int, end: int) -> int | None:
    """Where the name is if token ``i`` opens "this is NAME" ("this was NAME"), or "it's Name"
    written as a name: "Depends who's asking. Yeah, it's Lamar" (two hundred and forty-first text
    set, sg22), not "It's fine" after "Is now a fine time?"."""
    tokens = text.tokens
    if tokens[i] == "it's":
        return i + 1 if text.words[i + 1].text[:1].isupper() else None
    if tokens[i] == "this" and i + 2 < end and tokens[i + 1] in _IS_OR_WAS:
        return i + 2
    return None


def _last_token(text: CallText, speaker: str, before: float) -> int | None:
    """The last token of ``speaker``'s whose word starts before ``before``, if any."""
    ranges = text.token_ranges(frozenset({speaker}), -INF, before)
    return ranges[-1][1] - 1 if ranges else None


def _said_confirmations(ctx: CallContext, rule: Rule, firsts: list[Occurrence]) -> list[Occurrence]:
    """The ``first`` occurrences no ``rejected_by`` followed, and the other party's ``confirmed_by``."""
    found = _unrejected(ctx, rule, firsts)
    if (confirmed := rule.spec.confirmed_by) is not None:
        found = found + occurrences(ctx, rule, "confirmed_by", confirmed.speaker, confirmed.negation)
    return found


def _answer_confirmations(
    ctx: CallContext, rule: Rule, revokes: list[float], handovers: list[float]
) -> list[Occurrence]:
    """The answers to the ``answered`` question that count as ``first``."""
    return _unrejected(ctx, rule, _since_handover(_answers(ctx, rule), revokes, handovers))


def _confirmed_before(when: float, firsts: list[Occurrence], revokes: list[float]) -> bool:
    """Whether a ``first`` ended before ``when`` and nothing revoked it since it began ("yes,
    this is his wife": the revocation starts with the confirmation)."""
    return any(
        f.t_end <= when and not f.negated and not any(f.t_start <= r < when for r in revokes) for f in firsts
    )


def _unconsented(
    ctx: CallContext, rule: Rule, revokes: list[float], confirmations: list[Occurrence]
) -> list[float]:
    """The revocations left once the consumer's ``consented_by`` is heard: those before it, or,
    when the agent ``asked`` for it, before the consumer's first confirmation ahead of the
    question. "May first, 1962, and yes, he can hear it" ... "Hi, I'm Noah, her son" (ul22); "This
    is Jacob" ... "Hi, this is Lorna with Midwest Family Credit Counseling" ... "do you authorize
    me to discuss the account with her?" "Yes, I do" (thirty-eighth text set, ul25)."""
    consent = rule.spec.consented_by
    # said by the consumer: confirmed before it, and nobody said who else they are since
    consented_at = [
        c.t_start
        for c in group_occurrences(ctx, rule, "consented_by")
        if _confirmed_before(c.t_start, confirmations, revokes)
    ]
    asked = _answered(ctx, rule, "consented_by.asked") if consent.asked is not None else []
    if asked:
        # a confirmation revoked in its own utterance ("Yes, I'm her son.") confirmed nobody
        utterance = ctx.text.utterance_start
        revoked = {utterance(r.start) for r in group_occurrences(ctx, rule, "revoked_by")}
        kept = [f for f in confirmations if not f.negated and utterance(f.start) not in revoked]
        for question, _ in asked:
            before = [f.t_end for f in kept if f.t_end <= question.t_start]
            if before:
                consented_at.append(min(before))
    return [r for r in revokes if r < min(consented_at)] if consented_at else revokes


def _unrejected(ctx: CallContext, rule: Rule, confirmations: list[Occurrence]) -> list[Occurrence]:
    """The confirmations no ``rejected_by`` was heard within its ``within`` seconds after:
    "Hmm, I have something a little different" after a date of birth (ty12)."""
    rejection = rule.spec.rejected_by
    if rejection is None or not confirmations:
        return confirmations
    times = _heard_at(ctx, rule, "rejected_by")
    return [f for f in confirmations if not _soon_after(f, times, rejection.within)]


def _since_handover(
    confirmations: list[Occurrence], revokes: list[float], handovers: list[float]
) -> list[Occurrence]:
    """The confirmations that count: those before any revocation, and those after one with a
    handover heard since it ("Okay, here she is" before "Hello, yes, Samira", td28; "Ray! Phone!
    ... Hi, this is Ray" before his date of birth, tv20). "I am her cousin" and then "Yes, I can
    give her the message" (tr06) confirm nobody."""

    def counts(f: Occurrence) -> bool:
        last = max((r for r in revokes if r < f.t_start), default=None)
        return last is None or any(last < h <= f.t_start for h in handovers)

    return [f for f in confirmations if counts(f)]


def _acknowledged(ctx: CallContext, rule: Rule, told: float, firsts: list[Occurrence]) -> bool:
    """Whether the rule's ``acknowledged_by`` was heard on its speaker's own channel: the person
    whose "yes" the ASR garbled went on to speak as the consumer ("Can I do like fifty a month?",
    tk01; "I can do two hundred on Friday when I get paid", h410). Not after someone said who
    they are (a ``first`` other than a bare "yes": "this is", "speaking") or was handed the phone
    since the details were ``told``: then the one who owns the debt may have come to the phone
    after the sales manager who answered ("Derek, phone, line two" heard "Derek. Don't blind
    you", then "Hey, this is Derek", two hundred and thirty-first text set, rw01 end to end)."""
    if rule.spec.acknowledged_by is None:
        return False
    since = [f.t_start for f in firsts if f.t_start > told and not _bare_yes(ctx.text, f)]
    if rule.spec.handed_over_by is not None:
        since += [t for t in _heard_at(ctx, rule, "handed_over_by") if t > told]
    until = min(since, default=INF)
    return any(not o.ambiguous and o.t_start < until for o in group_occurrences(ctx, rule, "acknowledged_by"))


def _answers(ctx: CallContext, rule: Rule) -> list[Occurrence]:
    """Answers to the rule's ``answered`` question (see _answered). The caller keeps those
    before any revocation or after a handover ("I'm his wife" and then his date of birth
    confirms nobody)."""
    return [
        # its first word answers: overlapping matches of digits merge into one occurrence that
        # may run on into the consumer's next utterance ("six, one, one," ... 11 s later
        # "eight", h807), and the details told in between would count as told before it
        Occurrence(ctx.text, answer.start, answer.start + 1, answer.speaker, answer.ambiguous, None)
        for _, answer in _answered(ctx, rule, "answered")
    ]


def _answered(ctx: CallContext, rule: Rule, group: str) -> list[tuple[Occurrence, Occurrence]]:
    """The answers of an ``Answered`` group of the rule ("answered", "consented_by.asked"), each
    with the last question it answers: begun within ``within`` seconds after the question ended."""
    questions = group_occurrences(ctx, rule, f"{group}.question")
    if not questions:
        return []
    within = attrgetter(group)(rule.spec).within
    pairs = []
    for answer in group_occurrences(ctx, rule, f"{group}.answer"):
        asked = [q for q in questions if 0 <= answer.t_start - q.t_end <= within]
        if asked:
            pairs.append((asked[-1], answer))
    return pairs


def _unsure_answer(ctx: CallContext, rule: Rule, when: float) -> str:
    """Why a ``first`` nobody was heard to say may have been said: its speaker's words before
    ``when`` where it would be (a turn's first words, with ``turn_start``) hold one the ASR was
    unsure of. "Yeah, this is Curtis" heard as "The (p=0.19) eye of this is courage" leaves the
    balance told to someone not verified, but a human must listen before calling it a violation.
    """
    first, text = rule.spec.first, ctx.text
    floor = ctx.min_probability(rule)
    withheld = _withholdings(ctx, rule, floor)
    # on its speaker's own channel, a word before the other party said any answers no question:
    # "Hello (p=0.18)" picking up the phone (two hundred and eleventh text set, rc03 end to end)
    opens = _first_word_time(text, rule.spec.then.speaker)
    for a, b in text.token_ranges(speakers_for(first.speaker), opens, when):
        for i in text.unsure_tokens(floor, a, b):
            if (not first.turn_start or text.words_into_turn(i) < TURN_START_WORDS) and not any(
                0 <= w - i <= _WITHHELD_WITHIN and text.words_into_turn(w) == text.words_into_turn(i) + w - i
                for w in withheld
            ):
                word = text.words[i]
                return (
                    f"nothing heard before it answers the rule, but the {first.speaker}'s words "
                    f"where an answer would be were unsure ({word.text!r}, p={word.probability:.2f})"
                )
    return ""


def _first_word_time(text: CallText, speaker: str) -> float:
    """When ``speaker`` first said a word on their own channel (-INF in mono speech or never)."""
    stream = next((s for s in text.streams if s.speaker == speaker and s.end > s.start), None)
    return -INF if stream is None else text.words[stream.start].start


# How soon after an unsure word a withholding voids it: "It (p=0.07) depends who's asking" (0: the
# word opens it)
_WITHHELD_WITHIN = 3  # words


def _withholdings(ctx: CallContext, rule: Rule, floor: float) -> list[int]:
    """Where the ``first`` speaker was heard, in sure words, to say they will not say who they are
    yet ("depends who's asking", ``withheld_by``): an unsure word just before one in its turn, or
    opening it, held no confirmation. "It (p=0.07) depends who's asking, what's it about?" answered
    the agent asking for Darnell, who was then told his balance (one hundred and ninety-third text
    set, qk20 end to end): no "yes" was lost there, though the consumer later offered a payment;
    nor in "who's (p=0.40) asking, this is the line for our home office" (two hundred and
    fifty-second, sr26; end to end an unsure "this" after it still leaves the doubt). The whole
    occurrence is heard surely enough."""
    if rule.spec.withheld_by is None:
        return []
    return [
        o.start
        for o in group_occurrences(ctx, rule, "withheld_by")
        if not o.ambiguous and o.probability >= floor
    ]


SPEECH_KINDS = {
    "required": check_required,
    "prohibited": check_prohibited,
    "response": check_response,
    "order": check_order,
}
