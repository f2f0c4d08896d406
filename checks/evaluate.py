"""Measuring rule packs on a labelled corpus: per-rule precision, recall and F1.

A corpus folder holds ``scripts/<id>.yml`` (call_id, layout, codec, meta, turns
[{speaker, text}], labels = the rule ids the call violates) and ``calls/`` with the
rendered audio ``<id>.wav``, its sidecar ``<id>.json`` and ``call_attempts.csv``.

Two runs share the scoring: from the reference text (``transcript_from_turns``: the
loss due to the rules alone) and from audio (ASR + rules), where the caller passes a
``transcribe(audio_path, meta) -> Transcript`` function, so this module never imports
the speech engine. A call counts as flagged for a rule when the rule gives any finding
(violation or needs_listen: both reach a human). Unheard rules (speech with no words) break
no law and have no labels: the calls they send to a listener are listed on their own, with
the violations missed in them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from checks.calllog import add_recorded_calls, load_attempts
from checks.engine import run_checks
from checks.finding import Finding
from checks.packs import RulePack
from transcribe.errors import InputError
from transcribe.meta import CallMeta, load_meta
from transcribe.model import Transcript, transcript_from_turns

AUDIO_SUFFIXES = (".wav", ".flac", ".mp3", ".ogg", ".opus", ".m4a", ".gsm", ".au")
Transcriber = Callable[[Path, CallMeta], Transcript]


class CorpusError(ValueError):
    """A corpus file that cannot be used; the message names it."""


@dataclass(frozen=True)
class CorpusCall:
    call_id: str
    script: Path
    layout: str
    turns: tuple[tuple[str, str], ...]
    meta: CallMeta
    labels: frozenset[str]
    audio: Path | None

    @property
    def mono(self) -> bool:
        return "mono" in self.layout.lower()


@dataclass
class RuleScore:
    rule_id: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    listen: int = 0  # calls flagged only with needs_listen
    missed: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule_id": self.rule_id,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "tn": self.tn,
            "listen": self.listen,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "missed": self.missed,
            "false_alarms": self.false_alarms,
        }


@dataclass
class Report:
    mode: str  # "text" or "audio"
    calls: int
    rules: list[RuleScore]
    unknown_labels: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    # calls an unheard rule sends to a listener (speech with no words), and its rule ids
    unheard: list[str] = field(default_factory=list)
    unheard_rules: list[str] = field(default_factory=list)

    @property
    def missed_unheard(self) -> list[str]:
        """Missed violations ("call rule") in calls sent to a listener for speech with no words."""
        heard = set(self.unheard)
        return [f"{call} {score.rule_id}" for score in self.rules for call in score.missed if call in heard]

    @property
    def total(self) -> RuleScore:
        total = RuleScore("all")
        for score in self.rules:
            total.tp += score.tp
            total.fp += score.fp
            total.fn += score.fn
            total.tn += score.tn
            total.listen += score.listen
        return total

    def to_dict(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "calls": self.calls,
            "rules": [r.to_dict() for r in self.rules],
            "total": self.total.to_dict(),
            "unknown_labels": self.unknown_labels,
            "errors": self.errors,
            "unheard": self.unheard,
            "missed_unheard": self.missed_unheard,
        }

    def table(self) -> str:
        width = max([len(r.rule_id) for r in self.rules] + [10])
        head = f"{'rule':<{width}}  {'pos':>4} {'tp':>4} {'fp':>4} {'fn':>4} {'listen':>6}  {'P':>5} {'R':>5} {'F1':>5}"
        lines = [f"== {self.mode}: {self.calls} calls ==", head, "-" * len(head)]
        for score in [*self.rules, self.total]:
            lines.append(
                f"{score.rule_id:<{width}}  {score.tp + score.fn:>4} {score.tp:>4} {score.fp:>4} {score.fn:>4} "
                f"{score.listen:>6}  {_fmt(score.precision)} {_fmt(score.recall)} {_fmt(score.f1)}"
            )
        for score in self.rules:
            if score.missed:
                lines.append(f"  missed {score.rule_id}: {', '.join(score.missed)}")
            if score.false_alarms:
                lines.append(f"  false alarm {score.rule_id}: {', '.join(score.false_alarms)}")
        if self.unheard_rules:
            lines.append(
                f"  speech with no words ({', '.join(self.unheard_rules)}), sent to a listener: "
                f"{len(self.unheard)} call(s){': ' if self.unheard else ''}{', '.join(self.unheard)}"
            )
            if self.missed_unheard:
                lines.append(f"  missed, in those calls: {', '.join(self.missed_unheard)}")
        if self.unknown_labels:
            lines.append(f"  labels for rules not in the packs: {', '.join(self.unknown_labels)}")
        lines += [f"  error: {e}" for e in self.errors]
        return "\n".join(lines)


def _fmt(value: float | None) -> str:
    return f"{value:5.2f}" if value is not None else "    -"


# --- the corpus ---------------------------------------------------------------------------
def load_corpus(root: str | Path) -> list[CorpusCall]:
    """Every script of a corpus folder, with its audio file if rendered."""
    root = Path(root)
    scripts = sorted((root / "scripts").glob("*.yml")) + sorted((root / "scripts").glob("*.yaml"))
    if not scripts:
        raise CorpusError(f"{root}: no scripts/*.yml (expected a corpus folder with scripts/ and calls/)")
    return [_load_script(path, root / "calls") for path in scripts]


def _load_script(path: Path, calls_dir: Path) -> CorpusCall:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise CorpusError(f"{path}: cannot read: {exc}") from exc
    if not isinstance(data, dict):
        raise CorpusError(f"{path}: a script is a mapping (call_id, layout, meta, turns, labels)")
    call_id = str(data.get("call_id") or path.stem)
    turns = []
    for turn in data.get("turns") or []:
        if isinstance(turn, dict) and "speaker" in turn:
            turns.append((str(turn["speaker"]), str(turn.get("text", ""))))
        elif isinstance(turn, dict) and len(turn) == 1:
            ((speaker, text),) = turn.items()
            turns.append((str(speaker), str(text)))
        else:
            raise CorpusError(f"{path}: a turn is {{speaker: ..., text: ...}}, got {turn!r}")
    try:
        meta = CallMeta.model_validate({**(data.get("meta") or {}), "call_id": call_id})
    except ValueError as exc:
        raise CorpusError(f"{path}: bad meta: {exc}") from exc
    audio = next((p for p in sorted(calls_dir.glob(f"{call_id}.*")) if p.suffix in AUDIO_SUFFIXES), None)
    return CorpusCall(
        call_id=call_id,
        script=path,
        layout=str(data.get("layout") or "stereo"),
        turns=tuple(turns),
        meta=meta,
        labels=frozenset(data.get("labels") or ()),
        audio=audio,
    )


def corpus_attempts(root: str | Path, calls: Iterable[CorpusCall]) -> Any:
    """``calls/call_attempts.csv`` (if any) plus every corpus call as a recorded attempt."""
    csv = Path(root) / "calls" / "call_attempts.csv"
    attempts = load_attempts(csv) if csv.exists() else None
    return add_recorded_calls(attempts, [c.meta for c in calls])


def reference_transcript(call: CorpusCall) -> Transcript:
    """The script as a transcript; on mono layouts every word is ``mixed``, as the engine sees it."""
    turns = [("mixed" if call.mono else speaker, text) for speaker, text in call.turns]
    return transcript_from_turns(turns, call_id=call.call_id)


# --- scoring ------------------------------------------------------------------------------
def evaluate(
    root: str | Path,
    packs: list[RulePack],
    transcribe: Transcriber | None = None,
    calls: list[CorpusCall] | None = None,
) -> Report:
    """Score every rule of ``packs`` on the corpus: from reference text, or from audio if given a transcriber."""
    calls = calls if calls is not None else load_corpus(root)
    attempts = corpus_attempts(root, calls)
    rule_ids = [r.id for p in packs for r in p.rules if r.kind != "unheard"]
    unheard_rules = [r.id for p in packs for r in p.rules if r.kind == "unheard"]
    scores = {rid: RuleScore(rid) for rid in rule_ids}
    errors: list[str] = []
    unheard: list[str] = []
    used = 0
    for call in calls:
        if transcribe is None:
            transcript, meta = reference_transcript(call), call.meta
        else:
            if call.audio is None:
                errors.append(f"{call.call_id}: no rendered audio in calls/")
                continue
            meta = _audio_meta(call)
            try:
                transcript = transcribe(call.audio, meta)
            except (InputError, OSError, RuntimeError, ValueError) as exc:  # one bad call must not stop it
                errors.append(f"{call.call_id}: {exc}")
                continue
        used += 1
        findings = run_checks(transcript, meta, packs, attempts)
        if any(f.rule_id in unheard_rules for f in findings):
            unheard.append(call.call_id)
        _score_call(scores, call, findings)
    unknown = sorted({label for c in calls for label in c.labels} - set(rule_ids))
    mode = "audio" if transcribe else "text"
    return Report(mode, used, list(scores.values()), unknown, errors, unheard, unheard_rules)


def _audio_meta(call: CorpusCall) -> CallMeta:
    if call.audio is not None and call.audio.with_suffix(".json").exists():
        return load_meta(call.audio)
    return call.meta


def _score_call(scores: dict[str, RuleScore], call: CorpusCall, findings: list[Finding]) -> None:
    by_rule: dict[str, set[str]] = {}
    for finding in findings:
        by_rule.setdefault(finding.rule_id, set()).add(finding.status)
    for rule_id, score in scores.items():
        flagged = rule_id in by_rule
        labelled = rule_id in call.labels
        if flagged and by_rule[rule_id] == {"needs_listen"}:
            score.listen += 1
        if flagged and labelled:
            score.tp += 1
        elif flagged:
            score.fp += 1
            score.false_alarms.append(call.call_id)
        elif labelled:
            score.fn += 1
            score.missed.append(call.call_id)
        else:
            score.tn += 1
