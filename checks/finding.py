"""The Finding record and the per-call context every rule kind reads."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from checks.packs import Rule
from checks.redact import redact_words
from checks.schema import Settings
from checks.text import CallText
from transcribe.meta import CallMeta

Status = Literal["violation", "needs_listen"]
VIOLATION: Status = "violation"
NEEDS_LISTEN: Status = "needs_listen"


@dataclass(frozen=True)
class Finding:
    """One rule outcome a human should see: a violation, or a call that needs listening to."""

    call_id: str
    rule_id: str
    status: Status
    severity: str
    speaker: str | None
    start: float
    end: float
    text: str
    score: float | None
    message: str
    citation: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class CallContext:
    """What a rule kind may read about one call: its text, metadata, matches and thresholds."""

    text: CallText
    meta: CallMeta
    settings: Settings
    matches: dict[tuple[str, str], list[tuple[int, int]]]
    attempts: Any = None  # pandas DataFrame of call attempts, or None

    def min_probability(self, rule: Rule) -> float:
        value = rule.spec.min_probability
        return self.settings.min_probability if value is None else value

    def finding(
        self,
        rule: Rule,
        status: Status,
        *,
        span: tuple[int, int] | None = None,
        speaker: str | None = None,
        times: tuple[float, float] = (0.0, 0.0),
        text: str = "",
        score: float | None = 1.0,
        note: str = "",
    ) -> Finding:
        """A Finding for ``rule``; with ``span`` (tokens) its times, speaker and redacted words."""
        if span is not None:
            times = self.text.time_of(*span)
            speaker = speaker or self.text.speaker_of(*span)
            text = self.evidence(*span)
        message = f"{rule.message} ({note})" if note else rule.message
        return Finding(
            call_id=self.text.call_id,
            rule_id=rule.id,
            status=status,
            severity=rule.severity,
            speaker=speaker,
            start=round(times[0], 3),
            end=round(times[1], 3),
            text=text,
            score=None if score is None else round(score, 3),
            message=message,
            citation=rule.citation,
        )

    def evidence(self, start: int, end: int) -> str:
        """The matched words with a little context, redacted (numbers read out nearby included)."""
        a, b = self.text.context(start, end)
        lo, hi = max(0, a - 30), min(len(self.text.words), b + 30)
        redacted = redact_words([w.text for w in self.text.words[lo:hi]])
        return " ".join(t.strip() for t in redacted[a - lo : b - lo] if t.strip())
