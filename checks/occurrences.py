"""Where a rule's phrases occur in a call: exact matches, fuzzy matches, garbled ones.

An Occurrence is a token span with who said it. Exact matches come from the pack's
PhraseMatcher (``ctx.matches``); fuzzy ones from rapidfuzz alignments over the words of
one speaker, for phrases the ASR garbled ("collect a dead"). The rule kinds
(checks/kinds.py) decide what an occurrence means.
"""

from __future__ import annotations

from bisect import bisect_right
from difflib import SequenceMatcher
from functools import cache
from operator import attrgetter

from rapidfuzz import fuzz, process

from checks.finding import CallContext
from checks.packs import Rule
from checks.text import BREAK, CallText, is_negator
from checks.wordpass import NATIVE, passes

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


@cache  # one set per speaker: CallText caches speech bounds by it
def speakers_for(speaker: str) -> frozenset[str]:
    return frozenset({"agent", "customer", "mixed"}) if speaker == "any" else frozenset({speaker, "mixed"})


def group_occurrences(ctx: CallContext, rule: Rule, name: str) -> list[Occurrence]:
    """Non-negated occurrences of a rule's PhraseGroup field (trigger, first, then, unless...,
    or a nested one: "answered.question")."""
    group = attrgetter(name)(rule.spec)
    found = occurrences(ctx, rule, name, group.speaker, group.negation, turn_start=group.turn_start)
    return [o for o in found if not o.negated]


def occurrences(
    ctx: CallContext,
    rule: Rule,
    group: str,
    speaker: str,
    negation: bool,
    times: tuple[float, float] = (-INF, INF),
    turn_start: bool | str = False,
) -> list[Occurrence]:
    """Exact matches of a phrase group by ``speaker`` (or mixed) said within ``times``: begun and
    ended (a notice that ends after the first 30 seconds was not given within them, vm18).

    Overlapping matches of different variants merge into one occurrence. With
    ``turn_start`` only matches within the first TURN_START_WORDS words of an utterance count
    (``"sentence"``: of a sentence of one).
    """
    matches = ctx.matches.get((rule.id, group))
    if not matches:
        return []
    text = ctx.text
    stream_at = text.stream_at
    merged: list[list] = []
    bounded = times != (-INF, INF)  # most rules look at the whole call: no word times to read
    excepted = _excepted_tokens(ctx, rule, group)
    # with "sentence", words heard less surely do not push a match out of a sentence's start
    floor = ctx.min_probability(rule) if turn_start == "sentence" else 0.0
    for start, end in matches:
        if excepted and not excepted.isdisjoint(range(start, end)):
            continue
        stream = stream_at[start]  # CallText.speaker_of, inlined: this loop runs for every match
        said_by = stream.speaker
        if end > stream.end or (speaker != "any" and said_by != speaker and said_by != "mixed"):
            continue
        if bounded and not times[0] <= text.words[start].start <= text.words[end - 1].end <= times[1]:
            continue
        if turn_start and text.words_into_turn(start, turn_start == "sentence", floor) >= TURN_START_WORDS:
            continue
        if merged and start < merged[-1][1] and merged[-1][2] == said_by:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end, said_by])
    window = ctx.settings.negation_window if negation else None
    return [Occurrence(text, s, e, who, who == "mixed" and speaker != "any", window) for s, e, who in merged]


def _excepted_tokens(ctx: CallContext, rule: Rule, group: str) -> set[int]:
    """The tokens inside the group's exceptions: a match overlapping one does not count.

    An exception read over two turns of one speaker is no reading of either: the consumer's
    "It is." and, after the agent's next words, "Okay, so ..." are no "it is okay" (one hundred
    and fiftieth text set, yt09). ``mono_exceptions`` (a required rule's, or a group's) count
    only in mono speech, where who said them is unknown.
    """
    text = ctx.text
    owner = _exceptions_of(group)
    exceptions = ctx.matches.get((rule.id, owner), ())
    if mono := ctx.matches.get((rule.id, _mono_exceptions_of(owner))):
        exceptions = [*exceptions, *(span for span in mono if text.speaker_of(*span) == "mixed")]
    if not exceptions:  # most groups in most calls
        return set()
    return {i for a, b in exceptions if not text.crosses_turn(a, b) for i in range(a, b)}


@cache
def _exceptions_of(group: str) -> str:
    """The group of exceptions to a phrase group ("first" -> "first.exceptions"; a rule's main
    phrases share the rule's "exceptions")."""
    if group.startswith(("phrases", "forbidden", "required", "implies_trigger")):
        return "exceptions"
    return f"{group}.exceptions"


@cache
def _mono_exceptions_of(exceptions: str) -> str:
    """The group of mono-only exceptions beside a group of exceptions ("first.exceptions" ->
    "first.mono_exceptions"; a required rule's "exceptions" -> "mono_exceptions")."""
    return exceptions.replace("exceptions", "mono_exceptions")


def fuzzy_best(
    ctx: CallContext, rule: Rule, group: str, speaker: str, times: tuple[float, float]
) -> Occurrence | None:
    """The best fuzzy alignment of any variant of a group in the speaker's words said within ``times``.

    For ASR-garbled phrases ("collect a dead"): rapidfuzz's partial_ratio_alignment slides
    a phrase over the speaker's text and gives the character span, which maps back to
    words. Each authored phrase is first located by its first spelling (with a lower
    cutoff), then every spelling of it is scored around that spot. Returns None below
    the pack's ``fuzzy_review`` score, unless the ASR was unsure of a word in the aligned
    span (then ``fuzzy_unsure_review`` is enough).
    """
    return fuzzy_in_ranges(
        ctx, rule, group, speaker, ctx.text.ranges_said_within(speakers_for(speaker), *times)
    )


def fuzzy_in_ranges(
    ctx: CallContext,
    rule: Rule,
    group: str,
    speaker: str,
    ranges: list[tuple[int, int]],
    unsure_only: bool = False,
) -> Occurrence | None:
    """``fuzzy_best`` over explicit token ranges (one haystack, ranges kept apart by breaks).

    With ``unsure_only`` an alignment counts only if it differs from the phrase only in words
    the ASR was unsure of (``_misheard_here``), whatever its score. The best alignment that
    counts wins.
    """
    settings = ctx.settings
    text = ctx.text
    if not ranges:
        return None
    needles = rule.needles[group]
    if unsure_only:
        # What differs from a phrase only in unsure words lies in a run of unsure words and
        # words of this phrase (its spellings), as long as its shortest spelling: phrases
        # with no such run are not searched, and with none left no haystack is built.
        needles = text.misheard_needles(ctx.min_probability(rule), ranges, needles)
        if not needles:
            return None
    haystack = text.haystack(ranges)
    searched = haystack.text
    # An alignment that must lie within one range (``unsure_only``: a range is a misheard
    # run) is as long as its phrase, so phrases longer than every range cannot be found
    # (the runs check above already keeps only phrases that fit one).
    room = haystack.longest + len(BREAK) if unsure_only else len(searched)
    # a garbled phrase inside an exception is the exception ("Kayden (p=0.46), stop calling
    # your sister names" holds no garbled request to stop calling)
    excepted = _excepted_tokens(ctx, rule, group)
    best: tuple[float, int, int, str] | None = None  # score, start token, end token, spelling
    cutoff = settings.fuzzy_unsure_review
    for first, spellings, lengths, _ in needles:
        if lengths[0] > room:
            continue
        floor = cutoff
        if len(first) <= len(searched):
            spot = fuzz.partial_ratio_alignment(first, searched, processor=None, score_cutoff=cutoff - 15)
            if spot is None:
                continue
            lo, hi = max(0, spot.dest_start - len(first)), min(len(searched), spot.dest_end + len(first))
        else:  # too short to locate the first spelling in: score every spelling that fits
            lo, hi = 0, len(searched)
        around = searched[lo:hi]
        # rank every spelling that fits in C++, then align only the best one
        fits = min(len(around), room)
        usable = spellings[: bisect_right(lengths, fits)]
        if len(first) <= fits:  # (so it was located above: around is part of searched)
            # the first spelling, ranked too, scores at least this around its spot, so the best
            # one does: a higher cutoff prunes the ranking and keeps its winner (a quarter of its
            # time). Less a margin: extractOne drops a score equal to its cutoff as it rounds.
            floor = max(cutoff, spot.score - 0.5)
        # only the spellings that may reach the cutoff are ranked: the same winner in about a
        # third of the time (counting characters in Python would cost more than it saves)
        ranked = passes.within_reach(around, usable, floor) if NATIVE else usable
        top = process.extractOne(
            around, ranked, scorer=fuzz.partial_ratio, processor=None, score_cutoff=floor
        )
        if top is None:
            continue
        hit = fuzz.partial_ratio_alignment(top[0], around, processor=None, score_cutoff=cutoff)
        if hit is None or (best is not None and hit.score <= best[0]):
            continue
        c0, c1 = lo + hit.dest_start, lo + hit.dest_end
        if unsure_only:  # the words the phrase was misheard as
            start, end = text.misheard_at(haystack, c0, c1, text.unsure_mask(ctx.min_probability(rule)))
        else:
            start, end = text.tokens_at(haystack, c0, c1)
        if excepted and not excepted.isdisjoint(range(start, end)):
            continue
        if unsure_only and not _misheard_here(ctx, rule, start, end, top[0]):
            continue  # differs from the phrase where the ASR was sure: a different phrase
        if hit.score < settings.fuzzy_review and not _garbled_here(ctx, rule, start, end, top[0]):
            continue  # a weak match of words the ASR was sure of: a different phrase
        best, cutoff = (hit.score, start, end, top[0]), hit.score
    if best is None:
        return None
    score, start, end, needle = best
    return _fuzzy_occurrence(ctx, start, end, speaker, needle, score)


def _garbled_here(ctx: CallContext, rule: Rule, start: int, end: int, needle: str) -> bool:
    """Whether the ASR was unsure of a word of the span that is not a word of the phrase.

    A garbled phrase differs from what was heard where the recognizer was unsure ("reverse
    (p=0.08) your car" for "repossess your car"); an unsure word the phrase itself has
    ("on your (p=0.3) account" for "levy on your account") says nothing about the rest.
    """
    words = set(needle.split())
    tokens = ctx.text.tokens
    return any(tokens[i] not in words for i in ctx.text.unsure_tokens(ctx.min_probability(rule), start, end))


def _misheard_here(ctx: CallContext, rule: Rule, start: int, end: int, needle: str) -> bool:
    """Whether the span differs from the phrase only in words the ASR was unsure of.

    The recognizer mishears where it is unsure: "forors (p=0.28) just cost" may be "lawyers
    just cost", but "there is a discount" with every word sure is no "there is no dispute",
    and "the (p=0.9) balance (p=0.3) on your account" no "levy on your account".
    """
    words = set(needle.split())
    tokens = ctx.text.tokens
    differing = [i for i in range(start, end) if tokens[i] not in words]
    unsure = ctx.text.unsure_mask(ctx.min_probability(rule))
    if not differing or not all(unsure[i] for i in differing):
        return False
    # the unsure words must stand where the phrase's other words would: "Holly (p=0.11),
    # there's no" has no word where "there's no dispute" has "dispute"
    wanted = needle.split()
    for op, a0, a1, b0, b1 in SequenceMatcher(None, tokens[start:end], wanted, autojunk=False).get_opcodes():
        if op == "insert" and (b0 == 0 or b1 == len(wanted)):
            return False
    return True


def _fuzzy_occurrence(
    ctx: CallContext, start: int, end: int, speaker: str, needle: str, score: float
) -> Occurrence:
    text = ctx.text
    said_by = text.speaker_of(start, end) or "mixed"
    # "this call is not recorded" aligns well with "this call is recorded": a negator inside
    # the aligned words that the phrase does not have negates it, like one before it.
    needle_tokens = set(needle.split())
    inner = any(is_negator(t) and t not in needle_tokens for t in text.tokens[start:end])
    return Occurrence(
        text,
        start,
        end,
        said_by,
        said_by == "mixed" and speaker != "any",
        ctx.settings.negation_window,
        score / 100,
        negated=True if inner else None,
    )


def garbled_among_unsure_words(
    ctx: CallContext, rule: Rule, group: str, speaker: str, times: tuple[float, float] = (-INF, INF)
) -> Occurrence | None:
    """A phrase of ``group`` the ASR garbled: fuzzy-searched only where it may have been misheard.

    Where Whisper was sure of every word an exact match would have found the phrase; a
    phrase it misheard shows up as low-probability words ("and resist your car", "do not
    follow me"). An alignment counts only if it differs from the phrase only in unsure words,
    so it lies in a run of unsure words and words of the group's phrases
    (``CallText.misheard_runs``): only those runs are searched, which keeps precision and
    checks throughput ("we can set up a payment plan" next to an unsure word is never even
    aligned with "garnish your wages").
    """
    needles = rule.needles[group]
    if not needles:
        return None
    text = ctx.text
    floor = ctx.min_probability(rule)
    ranges = text.ranges_said_within(speakers_for(speaker), *times)
    # a phrase of L characters aligns within one run and the break after it (fuzzy_in_ranges)
    runs = text.misheard_runs(
        floor, ranges, rule.needle_words[group], rule.needle_shortest[group] - len(BREAK)
    )
    return fuzzy_in_ranges(ctx, rule, group, speaker, runs, unsure_only=True)
