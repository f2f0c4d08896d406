"""The run summary: counts, per-rule findings and failures, as data and as a Markdown table."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from flows.steps import CallOutcome


@dataclass
class AuditSummary:
    run_id: int | None
    source: str
    packs: str
    discovered: int = 0
    audited: int = 0
    skipped: int = 0
    failed: int = 0
    flagged: int = 0
    transcribed: int = 0
    audio_seconds: float = 0.0
    wall_seconds: float = 0.0
    per_rule: dict[str, dict[str, int]] = field(default_factory=dict)
    failures: list[dict[str, str]] = field(default_factory=list)

    def add(self, outcome: CallOutcome) -> None:
        if outcome.status == "skipped":
            self.skipped += 1
            return
        if outcome.status == "failed":
            self.failed += 1
            self.failures.append(
                {
                    "call_id": outcome.call_id,
                    "path": outcome.path,
                    "reason": outcome.reason or "error",
                    "detail": outcome.detail or "",
                }
            )
            return
        self.audited += 1
        self.flagged += int(outcome.flagged)
        self.transcribed += int(outcome.transcribed)
        self.audio_seconds += outcome.duration
        for rule_id, counts in outcome.rule_counts.items():
            totals = self.per_rule.setdefault(rule_id, {"violation": 0, "needs_listen": 0})
            for status, n in counts.items():
                totals[status] = totals.get(status, 0) + n

    @property
    def counts(self) -> dict[str, int]:
        return {
            "discovered": self.discovered,
            "audited": self.audited,
            "skipped": self.skipped,
            "failed": self.failed,
            "flagged": self.flagged,
        }

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def summarize(outcomes: Iterable[CallOutcome], **fields: Any) -> AuditSummary:
    summary = AuditSummary(**fields)
    for outcome in outcomes:
        summary.add(outcome)
    return summary


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def summary_markdown(summary: AuditSummary) -> str:
    """The summary artifact a run publishes in the Prefect UI."""
    lines = [
        f"# Audit run {summary.run_id}: {_cell(summary.source)}",
        "",
        "| calls found | audited | skipped (unchanged) | flagged for review | failed | audio audited |",
        "|---:|---:|---:|---:|---:|---:|",
        (
            f"| {summary.discovered} | {summary.audited} | {summary.skipped} | {summary.flagged} "
            f"| {summary.failed} | {summary.audio_seconds / 60:.1f} min |"
        ),
        "",
        f"Rule packs: `{summary.packs}`",
        "",
        "## Findings per rule",
        "",
    ]
    if summary.per_rule:
        lines += ["| rule | violations | needs listen |", "|---|---:|---:|"]
        for rule_id, counts in sorted(summary.per_rule.items()):
            lines.append(f"| `{rule_id}` | {counts.get('violation', 0)} | {counts.get('needs_listen', 0)} |")
    else:
        lines.append("No findings in the calls audited by this run.")
    lines += ["", "## Failures", ""]
    if summary.failures:
        lines += ["| call | reason | detail |", "|---|---|---|"]
        for failure in summary.failures:
            lines.append(
                f"| `{_cell(failure['call_id'])}` | {failure['reason']} | {_cell(failure['detail'])} |"
            )
        lines += ["", "Failed calls are retried on the next run."]
    else:
        lines.append("None.")
    return "\n".join(lines) + "\n"
