"""The speech rule kinds: required, prohibited, response and order.

Speaker handling, the same for every kind: a rule's speaker is ``agent``,
``customer`` or ``any``. Words of the right speaker count; words of the other
speaker are ignored; ``mixed`` words (mono audio, nobody can tell who spoke)
count as *present* for something that must be said, and turn what would be a
violation into ``needs_listen``. Low ASR confidence on the deciding words also
gives ``needs_listen``, never a silent pass.
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

from checks.finding import NEEDS_LISTEN, VIOLATION, CallContext, Finding
from checks.packs import Rule
from checks.schema import Conditions, Window
from checks.text import CallText, is_negator
from transcribe.meta import CallMeta

INF = float("inf")
TURN_START_WORDS = 3


class Occurrence:
    """A phrase found in a call: a token span, who said it, and (computed when first asked)
    whether it is negated and how sure the ASR was of its words."""

    __slots__ = (
        "_negated",
        "_probability",
        "_text",
        "_window",
        "ambiguous",
        "end",
        "score",
        "speaker",
        "start",
    )

    def __init__(
        self,
        text: CallText,
        start: int,
        end: int,
        speaker: str,
        ambiguous: bool,
        negation_window: int | None,
        score: float = 1.0,
        negated: bool | None = None,
    ) -> None:
        self.start, self.end = start, end  # token span [start, end)
        self.speaker = speaker
        self.ambiguous = ambiguous  # spoken in mixed audio, so not attributable to the rule's speaker
        self.score = score  # 1.0 for an exact match, the fuzzy ratio / 100 otherwise
        self._text = text
        self._window = negation_window  # None: the rule ignores negation
        self._negated = negated
        self._probability: float | None = None

    @property
    def negated(self) -> bool:
        if self._negated is None:
            self._negated = self._window is not None and self._text.negated(self.start, self._window)
        return self._negated

    @property
    def t_start(self) -> float:
        return self._text.words[self.start].start

    @property
    def t_end(self) -> float:
        return self._text.words[self.end - 1].end

    @property
    def probability(self) -> float:
        if self._probability is None:
            self._probability = self._text.probability(self.start, self.end)
        return self._probability


def group_occurrences(ctx: CallContext, rule: Rule, name: str) -> list[Occurrence]:
    """Non-negated occurrences of a rule's PhraseGroup field (trigger, first, then, unless...)."""
    group = getattr(rule.spec, name)
    found = occurrences(ctx, rule, name, group.speaker, group.negation, turn_start=group.turn_start)
    return [o for o in found if not o.negated]


def applies(conditions: Conditions, meta: CallMeta) -> bool:
    """Unknown metadata never switches a rule off: ``first_contact: true`` covers true and unknown."""
    wanted = conditions.first_contact
    return wanted is None or meta.first_contact is None or meta.first_contact == wanted


def speakers_for(speaker: str) -> frozenset[str]:
    return frozenset({"agent", "customer", "mixed"}) if speaker == "any" else frozenset({speaker, "mixed"})


def occurrences(
    ctx: CallContext,
    rule: Rule,
    group: str,
    speaker: str,
    negation: bool,
    times: tuple[float, float] = (-INF, INF),
    turn_start: bool = False,
) -> list[Occurrence]:
    """Exact matches of a phrase group by ``speaker`` (or mixed) starting within ``times``.

    Overlapping matches of different variants merge into one occurrence. With
    ``turn_start`` only matches within the first TURN_START_WORDS words of an utterance count.
    """
    matches = ctx.matches.get((rule.id, group))
    if not matches:
        return []
    text = ctx.text
    merged: list[list] = []
    except_group = (
        "exceptions" if group.startswith(("phrases", "forbidden", "required")) else f"{group}.exceptions"
    )
    exceptions = ctx.matches.get((rule.id, except_group), ())
    bounded = times != (-INF, INF)  # most rules look at the whole call: no word times to read
    for start, end in matches:
        if exceptions and any(a < end and start < b for a, b in exceptions):
            continue
        said_by = text.speaker_of(start, end)
        if said_by is None or (speaker != "any" and said_by not in (speaker, "mixed")):
            continue
        if bounded and not times[0] <= text.words[start].start <= times[1]:
            continue
        if turn_start and text.words_into_utterance(start) >= TURN_START_WORDS:
            continue
        if merged and start < merged[-1][1] and merged[-1][2] == said_by:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end, said_by])
    window = ctx.settings.negation_window if negation else None
    return [Occurrence(text, s, e, who, who == "mixed" and speaker != "any", window) for s, e, who in merged]


def fuzzy_best(
    ctx: CallContext, rule: Rule, group: str, speaker: str, times: tuple[float, float]
) -> Occurrence | None:
    """The best fuzzy alignment of any variant of a group in the speaker's words within ``times``.

    For ASR-garbled phrases ("collect a dead"): rapidfuzz's partial_ratio_alignment slides
    a phrase over the speaker's text and gives the character span, which maps back to
    words. Each authored phrase is first located by its first spelling (with a lower
    cutoff), then every spelling of it is scored around that spot. Returns None below
    the pack's ``fuzzy_review`` score, unless the ASR was unsure of a word in the aligned
    span (then ``fuzzy_unsure_review`` is enough).
    """
    return fuzzy_in_ranges(ctx, rule, group, speaker, ctx.text.token_ranges(speakers_for(speaker), *times))


def fuzzy_in_ranges(
    ctx: CallContext, rule: Rule, group: str, speaker: str, ranges: list[tuple[int, int]]
) -> Occurrence | None:
    """``fuzzy_best`` over explicit token ranges (one haystack, ranges kept apart by breaks)."""
    settings = ctx.settings
    text = ctx.text
    if not ranges:
        return None
    haystack = text.haystack(ranges)
    searched = haystack.text
    best, best_needle, best_at = None, "", 0
    cutoff = settings.fuzzy_unsure_review
    for first, spellings in rule.needles[group]:
        if len(first) < settings.fuzzy_min_chars or len(searched) < len(first):
            continue
        spot = fuzz.partial_ratio_alignment(first, searched, processor=None, score_cutoff=cutoff - 15)
        if spot is None:
            continue
        lo, hi = max(0, spot.dest_start - len(first)), min(len(searched), spot.dest_end + len(first))
        around = searched[lo:hi]
        usable = [n for n in spellings if settings.fuzzy_min_chars <= len(n) <= len(around)]
        # rank every spelling in C++, then align only the best one
        top = process.extractOne(
            around, usable, scorer=fuzz.partial_ratio, processor=None, score_cutoff=cutoff
        )
        if top is None:
            continue
        hit = fuzz.partial_ratio_alignment(top[0], around, processor=None, score_cutoff=cutoff)
        if hit is not None and (best is None or hit.score > best.score):
            best, best_needle, best_at, cutoff = hit, top[0], lo, hit.score
    if best is None:
        return None
    start, end = text.tokens_at(haystack, best_at + best.dest_start, best_at + best.dest_end)
    said_by = text.speaker_of(start, end) or "mixed"
    # "this call is not recorded" aligns well with "this call is recorded": a negator inside
    # the aligned words that the phrase does not have negates it, like one before it.
    needle_tokens = set(best_needle.split())
    inner = any(is_negator(t) and t not in needle_tokens for t in text.tokens[start:end])
    ambiguous = said_by == "mixed" and speaker != "any"
    found = Occurrence(
        text,
        start,
        end,
        said_by,
        ambiguous,
        settings.negation_window,
        best.score / 100,
        negated=True if inner else None,
    )
    if best.score < settings.fuzzy_review:
        weakest = min((w.probability for w in text.words[start:end]), default=1.0)
        if weakest >= ctx.min_probability(rule):
            return None  # a weak match of words the ASR was sure of: a different phrase
    return found


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
    if spec.unless is not None and group_occurrences(ctx, rule, "unless"):
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
    missing, unsure = [], []
    for group in parts:
        found = said(ctx, rule, group, spec.speaker, spec.negation, spec.fuzzy, times)
        if found is None or found.score < ctx.settings.fuzzy_review / 100:
            missing.append((group, found))
        elif found.score < ctx.settings.fuzzy_accept / 100 or found.probability < ctx.min_probability(rule):
            unsure.append((group, found))
    return _required_outcome(ctx, rule, spec.speaker, times, missing, unsure)


def said(
    ctx: CallContext,
    rule: Rule,
    group: str,
    speaker: str,
    negation: bool,
    fuzzy: bool,
    times: tuple[float, float],
) -> Occurrence | None:
    """The most convincing occurrence of a phrase group: exact and confident, else exact, else fuzzy."""
    found = [o for o in occurrences(ctx, rule, group, speaker, negation, times) if not o.negated]
    if found:
        return max(found, key=lambda o: o.probability)
    if fuzzy:
        guess = fuzzy_best(ctx, rule, group, speaker, times)
        if guess is not None and not (negation and guess.negated):
            return guess
    return None


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
        words = [w for a, b in ranges for w in text.words[a:b]]
        span = (words[0].start, words[-1].end) if words else (0.0, 0.0)
        confidence = sum(w.probability for w in words) / len(words) if words else 0.0
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
        reason = (
            f"only a weak match ({occ.score:.0%})"
            if occ.score < ctx.settings.fuzzy_accept / 100
            else f"low ASR confidence ({occ.probability:.2f})"
        )
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
    for occ in found:
        if not occ.negated:
            findings.append(_said_finding(ctx, rule, occ))
    if spec.fuzzy and not findings:
        guess = _garbled_among_unsure_words(ctx, rule, spec.speaker, times)
        if guess is not None and not (spec.negation and guess.negated):
            findings.append(
                ctx.finding(
                    rule,
                    NEEDS_LISTEN,
                    span=(guess.start, guess.end),
                    score=guess.score,
                    note=f"possible garbled match ({guess.score:.0%})",
                )
            )
    return findings


def _garbled_among_unsure_words(
    ctx: CallContext, rule: Rule, speaker: str, times: tuple[float, float]
) -> Occurrence | None:
    """A garbled prohibited phrase: fuzzy-searched only around words the ASR was unsure of.

    Where Whisper was sure of every word an exact match would have found the phrase; a
    threat it misheard shows up as low-probability words ("and resist your car"). Searching
    only there (a few words either side) keeps precision and checks throughput.
    """
    floor, around = ctx.min_probability(rule), 2  # words either side of an unsure word
    windows: list[tuple[int, int]] = []
    for a, b in ctx.text.token_ranges(speakers_for(speaker), *times):
        for i in ctx.text.unsure_tokens(floor, a, b):
            lo, hi = max(a, i - around), min(b, i + around + 1)
            if windows and lo <= windows[-1][1]:
                windows[-1] = (windows[-1][0], hi)
            else:
                windows.append((lo, hi))
    return fuzzy_in_ranges(ctx, rule, "phrases", speaker, windows)


def _said_finding(ctx: CallContext, rule: Rule, occ: Occurrence, also_ambiguous: bool = False) -> Finding:
    """A violation for something said, or needs_listen when who said it or what was said is unsure."""
    span = (occ.start, occ.end)
    if occ.ambiguous or also_ambiguous:
        return ctx.finding(
            rule, NEEDS_LISTEN, span=span, score=occ.score, note="mono audio: cannot tell who said it"
        )
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
    comes first; without a window it runs to the end of the call.
    """
    spec = rule.spec
    if not applies(spec.conditions, ctx.meta):
        return []
    triggers = group_occurrences(ctx, rule, "trigger")
    if not triggers:
        return []
    forbidden = occurrences(ctx, rule, "forbidden", spec.speaker, spec.negation) if spec.forbidden else []
    findings: list[Finding] = []
    reported: set[int] = set()
    required_reported = False
    for trigger in triggers:
        window = (trigger.t_end, _window_end(ctx, trigger, spec.speaker, spec.window))
        for occ in forbidden:
            if occ.start in reported or not window[0] <= occ.t_start <= window[1] or occ.negated:
                continue
            reported.add(occ.start)
            findings.append(_said_finding(ctx, rule, occ, also_ambiguous=trigger.ambiguous))
        if spec.required and not required_reported:
            finding = _required_reply(ctx, rule, trigger, window)
            if finding is not None:
                findings.append(finding)
                required_reported = True
    return findings


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
    if trigger.ambiguous:
        return ctx.finding(
            rule,
            NEEDS_LISTEN,
            span=(trigger.start, trigger.end),
            score=trigger.score,
            note="no required reply; mono audio: cannot tell who said the trigger",
        )
    return ctx.finding(
        rule,
        VIOLATION,
        span=(trigger.start, trigger.end),
        score=trigger.score,
        note="no required reply to this",
    )


# --- order --------------------------------------------------------------------------------
def check_order(ctx: CallContext, rule: Rule) -> list[Finding]:
    """``then`` said with no ``first`` before it (by time) that was not revoked since."""
    spec = rule.spec
    if not applies(spec.conditions, ctx.meta):
        return []
    then = spec.then
    thens = occurrences(ctx, rule, "then", then.speaker, then.negation, turn_start=then.turn_start)
    if not thens:
        return []
    first = spec.first
    firsts = sorted(
        occurrences(ctx, rule, "first", first.speaker, first.negation, turn_start=first.turn_start),
        key=lambda o: o.t_end,
    )
    revokes = [o.t_start for o in group_occurrences(ctx, rule, "revoked_by")] if spec.revoked_by else []

    def confirmed_before(when: float) -> bool:
        # A "first" counts if it ended before this "then" and nothing revoked it since it began
        # ("yes, this is his wife": the revocation starts with the confirmation).
        for f in firsts:
            if f.t_end > when:
                return False
            if not any(f.t_start <= r < when for r in revokes) and not f.negated:
                return True
        return False

    for occ in sorted(thens, key=lambda o: o.t_start):
        if not confirmed_before(occ.t_start) and not occ.negated:
            return [_said_finding(ctx, rule, occ)]
    return []


SPEECH_KINDS = {
    "required": check_required,
    "prohibited": check_prohibited,
    "response": check_response,
    "order": check_order,
}
