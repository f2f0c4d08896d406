"""Running a rule's own examples: every ``flag`` example must give a finding, every ``pass`` none.

Used by the parametrized test over every pack and by ``callaudit rules test``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from checks.calllog import add_recorded_calls
from checks.engine import run_rule
from checks.finding import Finding
from checks.packs import Rule, RulePack
from checks.schema import Example
from transcribe.meta import CallMeta
from transcribe.model import CHANNEL_OF, Transcript, Unheard, Word, transcript_from_turns


@dataclass(frozen=True)
class ExampleCase:
    pack: RulePack
    rule: Rule
    expect: str  # "flag" or "pass"
    index: int
    example: Example

    @property
    def id(self) -> str:
        return f"{self.rule.id}-{self.expect}-{self.index}"


@dataclass(frozen=True)
class ExampleResult:
    case: ExampleCase
    ok: bool
    findings: list[Finding]
    detail: str


def iter_examples(packs: list[RulePack]) -> Iterator[ExampleCase]:
    for pack in packs:
        for rule in pack.rules:
            examples = rule.spec.examples
            for expect, items in (("flag", examples.flag), ("pass", examples.pass_)):
                for index, example in enumerate(items):
                    yield ExampleCase(pack, rule, expect, index, example)


def example_transcript(case: ExampleCase) -> Transcript:
    """The example's turns as a transcript; a word written ``word(p=0.28)`` gets that ASR
    probability (every other word 0.99), to show what a rule does with words Whisper was unsure of.
    Its ``unheard`` stretches are on the channel of their speaker (as ``transcript_from_turns``)."""
    turns = [(speaker, text) for turn in case.example.turns for speaker, text in turn.items()]
    transcript = transcript_from_turns(turns, call_id=case.id)
    utterances = [replace(u, words=tuple(map(_with_probability, u.words))) for u in transcript.utterances]
    unheard = case.example.unheard
    if unheard is not None:
        unheard = [Unheard(s.speaker, CHANNEL_OF.get(s.speaker, 0), s.start, s.end) for s in unheard]
    return replace(transcript, utterances=utterances, unheard=unheard)


_PROBABILITY = re.compile(r"^(?P<text>.+)\(p=(?P<p>0(?:\.\d+)?|1(?:\.0+)?)\)(?P<punct>\W*)$")


def _with_probability(word: Word) -> Word:
    marked = _PROBABILITY.match(word.text)
    if marked is None:
        return word
    return replace(word, text=marked["text"] + marked["punct"], probability=float(marked["p"]))


def run_example(case: ExampleCase) -> ExampleResult:
    example = case.example
    meta = example.meta.model_copy(update={"call_id": case.id}) if example.meta else CallMeta(call_id=case.id)
    attempts = None
    if example.attempts:
        others = [
            CallMeta(call_id=f"{case.id}-a{i}", account_id=meta.account_id, started_at=t)
            for i, t in enumerate(example.attempts)
        ]
        attempts = add_recorded_calls(None, others)
    findings = run_rule(example_transcript(case), meta, case.pack, case.rule, attempts)
    got = ", ".join(_describe(f) for f in findings) or "no finding"
    if case.expect == "pass":
        ok, detail = not findings, f"expected no finding, got {got}"
    else:
        ok = example.status in {f.status for f in findings}
        detail = f"expected {example.status}, got {got}"
    return ExampleResult(case, ok, findings, "" if ok else detail)


def _describe(finding: Finding) -> str:
    said = f" on {finding.text!r}" if finding.text else ""
    return f"{finding.status}{said} [{finding.message}]"
