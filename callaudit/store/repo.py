"""Reads and writes of the audit store. Everything one call's audit changes is written in one transaction.

Callers pass a Session from ``Store.transaction()``; these functions never commit, so a
crash (even ``kill -9``) between two calls leaves every call either fully audited or untouched.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from callaudit.store.db import upsert
from callaudit.store.models import Call, FindingRecord, QueueItem, Run, TranscriptRecord, utcnow

FINDING_FIELDS = FindingRecord.CONTRACT_FIELDS

# Review priority: the worst severity decides the hundreds, an unsure finding (needs_listen)
# adds ten because only a human can settle it, then one point per violation (at most nine).
SEVERITY_RANK = {"critical": 4, "high": 3, "medium": 2, "low": 1, "info": 0}


@dataclass(frozen=True)
class CallAudit:
    """Everything one audited call writes: the call, its transcript, its findings, its queue state."""

    call_id: str
    path: str
    audio_sha256: str
    meta: dict[str, Any] | None
    transcript_key: str
    audit_key: str
    packs_version: str
    run_id: int | None
    findings: Sequence[dict[str, Any]] = ()
    # The redacted transcript JSON; None when the store already holds it under transcript_key.
    transcript_document: str | None = None
    model: str = ""
    options: dict[str, Any] = field(default_factory=dict)
    duration: float = 0.0
    word_count: int = 0


@dataclass(frozen=True)
class CallState:
    call_id: str
    status: str
    audit_key: str | None
    audio_sha256: str | None


def priority_of(findings: Iterable[dict[str, Any]]) -> int:
    findings = list(findings)
    if not findings:
        return 0
    worst = max(SEVERITY_RANK.get(str(f.get("severity", "")).lower(), 1) for f in findings)
    unsure = any(f.get("status") == "needs_listen" for f in findings)
    violations = sum(1 for f in findings if f.get("status") == "violation")
    return worst * 100 + (10 if unsure else 0) + min(violations, 9)


def findings_digest(findings: Iterable[dict[str, Any]]) -> str:
    """What a reviewer saw: changes when a finding appears, disappears or moves."""
    keys = sorted(
        (
            f["rule_id"],
            f["status"],
            str(f.get("severity")),
            round(f.get("start") or 0, 2),
            round(f.get("end") or 0, 2),
        )
        for f in findings
    )
    return hashlib.sha256(json.dumps(keys).encode()).hexdigest()


def queue_reason(findings: Sequence[dict[str, Any]]) -> str:
    violations = sorted({f["rule_id"] for f in findings if f["status"] == "violation"})
    unsure = sorted({f["rule_id"] for f in findings if f["status"] == "needs_listen"})
    parts = []
    if violations:
        parts.append("violation: " + ", ".join(violations))
    if unsure:
        parts.append("needs listen: " + ", ".join(unsure))
    return "; ".join(parts)


# ---- runs -------------------------------------------------------------------------------------


def start_run(
    session: Session,
    *,
    kind: str = "audit",
    source: str | None = None,
    packs: list[Any] | None = None,
    options: dict[str, Any] | None = None,
    flow_run_id: str | None = None,
) -> int:
    run = Run(
        kind=kind,
        status="running",
        source=source,
        packs=packs or [],
        options=options or {},
        flow_run_id=flow_run_id,
        summary={},
    )
    session.add(run)
    session.flush()
    return run.id


def finish_run(
    session: Session,
    run_id: int,
    *,
    status: str,
    counts: dict[str, int],
    summary: dict[str, Any],
    error: str | None = None,
) -> None:
    session.execute(
        update(Run)
        .where(Run.id == run_id)
        .values(
            status=status,
            finished_at=utcnow(),
            summary=summary,
            error=error,
            **{k: counts.get(k, 0) for k in ("discovered", "audited", "skipped", "failed", "flagged")},
        )
    )


def get_run(session: Session, run_id: int) -> Run | None:
    return session.get(Run, run_id)


def latest_run(session: Session, kind: str | None = None) -> Run | None:
    query = select(Run).order_by(Run.id.desc()).limit(1)
    if kind:
        query = query.where(Run.kind == kind)
    return session.scalars(query).first()


# ---- per-call state ---------------------------------------------------------------------------


def call_state(session: Session, call_id: str) -> CallState | None:
    row = session.execute(
        select(Call.call_id, Call.status, Call.audit_key, Call.audio_sha256).where(Call.call_id == call_id)
    ).first()
    return CallState(*row) if row else None


def has_transcript(session: Session, cache_key: str) -> bool:
    return (
        session.scalar(select(TranscriptRecord.cache_key).where(TranscriptRecord.cache_key == cache_key))
        is not None
    )


def transcript_document(session: Session, cache_key: str) -> str | None:
    return session.scalar(select(TranscriptRecord.document).where(TranscriptRecord.cache_key == cache_key))


def save_audit(session: Session, audit: CallAudit) -> bool:
    """Write one audited call: transcript, call row, findings (replaced), queue item. True if flagged."""
    now = utcnow()
    if audit.transcript_document is not None:
        upsert(
            session,
            TranscriptRecord,
            {
                "cache_key": audit.transcript_key,
                "audio_sha256": audit.audio_sha256,
                "model": audit.model,
                "options": audit.options,
                "document": audit.transcript_document,
                "duration": audit.duration,
                "word_count": audit.word_count,
                "created_at": now,
            },
            keys=("cache_key",),
        )
    findings = [_finding_row(audit.call_id, f) for f in audit.findings]
    upsert(
        session,
        Call,
        {
            "call_id": audit.call_id,
            "path": audit.path,
            "audio_sha256": audit.audio_sha256,
            "meta": audit.meta,
            "status": "audited",
            "error_reason": None,
            "error_detail": None,
            "transcript_key": audit.transcript_key,
            "packs_version": audit.packs_version,
            "audit_key": audit.audit_key,
            "duration": audit.duration,
            "finding_count": len(findings),
            "failures": 0,
            "first_seen_at": now,
            "audited_at": now,
            "last_run_id": audit.run_id,
        },
        keys=("call_id",),
        update=(
            "path",
            "audio_sha256",
            "meta",
            "status",
            "error_reason",
            "error_detail",
            "transcript_key",
            "packs_version",
            "audit_key",
            "duration",
            "finding_count",
            "failures",
            "audited_at",
            "last_run_id",
        ),
    )
    replace_findings(session, audit.call_id, findings, audit.run_id)
    return sync_queue(session, audit.call_id, findings, audit.run_id)


def _finding_row(call_id: str, finding: dict[str, Any]) -> dict[str, Any]:
    """A finding's contract fields and pack version, as a row of the call's findings."""
    return {name: finding.get(name) for name in FINDING_FIELDS} | {
        "pack_version": finding.get("pack_version"),
        "call_id": call_id,
    }


def replace_findings(
    session: Session, call_id: str, findings: Sequence[dict[str, Any]], run_id: int | None
) -> None:
    session.execute(delete(FindingRecord).where(FindingRecord.call_id == call_id))
    session.add_all(FindingRecord(**f, run_id=run_id) for f in findings)


def sync_queue(
    session: Session, call_id: str, findings: Sequence[dict[str, Any]], run_id: int | None
) -> bool:
    """Make the call's queue item agree with its findings. Returns True if the call is flagged.

    A flagged call gets a ``pending`` item (a ``done`` one is reopened when the findings changed
    since review); a call with no findings loses a ``pending`` item but keeps reviewers' work.
    """
    item = session.scalars(select(QueueItem).where(QueueItem.call_id == call_id)).first()
    return _sync_item(session, call_id, item, findings, run_id)


def _sync_item(
    session: Session,
    call_id: str,
    item: QueueItem | None,
    findings: Sequence[dict[str, Any]],
    run_id: int | None,
) -> bool:
    if not findings:
        if item is not None and item.status == "pending":
            session.delete(item)
        return False
    digest = findings_digest(findings)
    values = {
        "priority": priority_of(findings),
        "reason": queue_reason(findings),
        "findings_digest": digest,
        "updated_at": utcnow(),
        "run_id": run_id,
    }
    if item is None:
        upsert(
            session,
            QueueItem,
            {"call_id": call_id, "status": "pending", "created_at": utcnow(), **values},
            keys=("call_id",),
            update=tuple(values),
        )
        return True
    if item.status == "done" and item.findings_digest != digest:
        values["status"] = "pending"
    session.execute(update(QueueItem).where(QueueItem.id == item.id).values(**values))
    return True


def record_failure(
    session: Session,
    *,
    call_id: str,
    path: str,
    reason: str,
    detail: str,
    run_id: int | None,
    audio_sha256: str | None = None,
    meta: dict[str, Any] | None = None,
) -> None:
    """Mark a call failed with its reason. It is retried on the next run; earlier results stay until then."""
    now = utcnow()
    upsert(
        session,
        Call,
        {
            "call_id": call_id,
            "path": path,
            "audio_sha256": audio_sha256,
            "meta": meta,
            "status": "failed",
            "error_reason": reason,
            "error_detail": detail,
            "audit_key": None,
            "finding_count": 0,
            "failures": 1,
            "first_seen_at": now,
            "last_run_id": run_id,
        },
        keys=("call_id",),
        update=("path", "audio_sha256", "status", "error_reason", "error_detail", "audit_key", "last_run_id"),
        also_set={"failures": Call.failures + 1},
    )


# ---- re-check ---------------------------------------------------------------------------------


def calls_to_recheck(session: Session, packs_version: str) -> list[str]:
    """Audited calls whose findings came from other rule-pack versions."""
    return list(
        session.scalars(
            select(Call.call_id)
            .where(Call.status == "audited", Call.packs_version != packs_version)
            .order_by(Call.call_id)
        )
    )


def stored_calls(session: Session, call_ids: Sequence[str]) -> dict[str, tuple[Call, str | None]]:
    """Calls and their stored (redacted) transcript documents, by call id (one query)."""
    rows = session.execute(
        select(Call, TranscriptRecord.document)
        .outerjoin(TranscriptRecord, Call.transcript_key == TranscriptRecord.cache_key)
        .where(Call.call_id.in_(list(call_ids)))
    )
    return {call.call_id: (call, document) for call, document in rows}


@dataclass(frozen=True)
class Recheck:
    """One call's findings from a recheck, and the audit key they go with."""

    call_id: str
    findings: Sequence[dict[str, Any]]
    audit_key: str


def save_rechecks(
    session: Session, rechecks: Sequence[Recheck], packs_version: str, run_id: int | None
) -> set[str]:
    """Write many calls' rechecks with a few statements; the call ids that are flagged.

    A recheck of a year of calls is bound by the store, not the checks: one UPDATE, DELETE
    and INSERT for the whole batch instead of one each per call (bench/bench_recheck.py).
    """
    if not rechecks:
        return set()
    now = utcnow()
    ids = [r.call_id for r in rechecks]
    session.execute(
        update(Call),
        [
            {
                "call_id": r.call_id,
                "packs_version": packs_version,
                "audit_key": r.audit_key,
                "finding_count": len(r.findings),
                "audited_at": now,
                "last_run_id": run_id,
            }
            for r in rechecks
        ],
    )
    session.execute(delete(FindingRecord).where(FindingRecord.call_id.in_(ids)))
    rows = [_finding_row(r.call_id, f) | {"run_id": run_id} for r in rechecks for f in r.findings]
    if rows:
        session.execute(insert(FindingRecord), rows)
    items = {i.call_id: i for i in session.scalars(select(QueueItem).where(QueueItem.call_id.in_(ids)))}
    return {
        r.call_id
        for r in rechecks
        if _sync_item(session, r.call_id, items.get(r.call_id), r.findings, run_id)
    }


# ---- listings ---------------------------------------------------------------------------------


def count_calls(session: Session, status: str) -> int:
    return session.scalar(select(func.count()).select_from(Call).where(Call.status == status))


def call_metas(session: Session) -> list[dict[str, Any]]:
    """Every call's sidecar metadata (calls without any left out), without loading the calls."""
    return [meta for meta in session.scalars(select(Call.meta)) if meta]


def list_calls(session: Session, status: str | None = None) -> list[Call]:
    query = select(Call).order_by(Call.call_id)
    if status:
        query = query.where(Call.status == status)
    return list(session.scalars(query))


def iter_findings(
    session: Session, call_id: str | None = None, rule_id: str | None = None
) -> Iterator[FindingRecord]:
    query = select(FindingRecord).order_by(FindingRecord.call_id, FindingRecord.start, FindingRecord.rule_id)
    if call_id:
        query = query.where(FindingRecord.call_id == call_id)
    if rule_id:
        query = query.where(FindingRecord.rule_id == rule_id)
    yield from session.scalars(query)


def review_queue(session: Session, status: str = "pending") -> list[QueueItem]:
    return list(
        session.scalars(
            select(QueueItem)
            .where(QueueItem.status == status)
            .order_by(QueueItem.priority.desc(), QueueItem.created_at, QueueItem.call_id)
        )
    )


def counts(session: Session) -> dict[str, int]:
    """Rows per table, for tests and the summary."""
    return {
        model.__tablename__: session.scalar(select(func.count()).select_from(model))
        for model in (Call, TranscriptRecord, FindingRecord, QueueItem, Run)
    }
