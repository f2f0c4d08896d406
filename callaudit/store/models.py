"""The audit store's tables: calls, transcripts, findings, runs and review-queue items.

One row per call (keyed by ``call_id``), one per distinct transcript (keyed by its content
cache key), the findings of a call's latest audit, one row per flow run, and at most one
review-queue item per call. The schema is created and upgraded by Alembic
(``callaudit/store/migrations``); change a model only together with a new migration.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

JsonType = JSON().with_variant(JSONB(), "postgresql")

CALL_STATUSES = ("audited", "failed")
FINDING_STATUSES = ("violation", "needs_listen")
QUEUE_STATUSES = ("pending", "in_review", "done")
RUN_STATUSES = ("running", "completed", "failed")


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict] = {dict[str, Any]: JsonType, list[Any]: JsonType}


class Run(Base):
    """One execution of the audit flow (or of a re-check)."""

    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16), default="audit")  # audit | recheck
    status: Mapped[str] = mapped_column(String(16), default="running")
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    source: Mapped[str | None] = mapped_column(Text)
    packs: Mapped[list[Any]] = mapped_column(default=list)
    options: Mapped[dict[str, Any]] = mapped_column(default=dict)
    flow_run_id: Mapped[str | None] = mapped_column(String(64))
    discovered: Mapped[int] = mapped_column(Integer, default=0)
    audited: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)
    flagged: Mapped[int] = mapped_column(Integer, default=0)
    summary: Mapped[dict[str, Any]] = mapped_column(default=dict)
    error: Mapped[str | None] = mapped_column(Text)


class TranscriptRecord(Base):
    """A redacted transcript, shared by every call whose audio, model and options match."""

    __tablename__ = "transcripts"

    cache_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    audio_sha256: Mapped[str] = mapped_column(String(64), index=True)
    model: Mapped[str] = mapped_column(Text)
    options: Mapped[dict[str, Any]] = mapped_column(default=dict)
    document: Mapped[str] = mapped_column(Text)  # Transcript.to_json(), PII redacted
    duration: Mapped[float] = mapped_column(Float, default=0.0)
    word_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Call(Base):
    """A recording and the state of its latest audit."""

    __tablename__ = "calls"

    call_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    path: Mapped[str] = mapped_column(Text)
    audio_sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    meta: Mapped[dict[str, Any] | None] = mapped_column(JsonType)
    status: Mapped[str] = mapped_column(String(16), index=True)  # audited | failed
    error_reason: Mapped[str | None] = mapped_column(String(64))
    error_detail: Mapped[str | None] = mapped_column(Text)
    transcript_key: Mapped[str | None] = mapped_column(ForeignKey("transcripts.cache_key"))
    packs_version: Mapped[str | None] = mapped_column(Text)
    # Hash of everything that decides the audit's outcome: audio, model + options, rule packs, sidecar.
    audit_key: Mapped[str | None] = mapped_column(String(64))
    duration: Mapped[float | None] = mapped_column(Float)
    finding_count: Mapped[int] = mapped_column(Integer, default=0)
    failures: Mapped[int] = mapped_column(Integer, default=0)  # consecutive failed attempts
    first_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    audited_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id"))


class FindingRecord(Base):
    """One finding of a call's latest audit (the checks contract, plus the pack that produced it)."""

    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    call_id: Mapped[str] = mapped_column(ForeignKey("calls.call_id", ondelete="CASCADE"), index=True)
    rule_id: Mapped[str] = mapped_column(String(200), index=True)
    status: Mapped[str] = mapped_column(String(16))  # violation | needs_listen
    severity: Mapped[str] = mapped_column(String(16))
    speaker: Mapped[str | None] = mapped_column(String(16))
    start: Mapped[float | None] = mapped_column("start_s", Float)
    end: Mapped[float | None] = mapped_column("end_s", Float)
    text: Mapped[str | None] = mapped_column(Text)
    score: Mapped[float | None] = mapped_column(Float)
    message: Mapped[str | None] = mapped_column(Text)
    citation: Mapped[str | None] = mapped_column(Text)
    pack_version: Mapped[str | None] = mapped_column(Text)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id"))

    CONTRACT_FIELDS = (
        "call_id",
        "rule_id",
        "status",
        "severity",
        "speaker",
        "start",
        "end",
        "text",
        "score",
        "message",
        "citation",
    )

    def to_dict(self) -> dict[str, Any]:
        """The finding as the checks contract shapes it (plus ``pack_version``)."""
        data = {name: getattr(self, name) for name in self.CONTRACT_FIELDS}
        data["pack_version"] = self.pack_version
        return data


class QueueItem(Base):
    """A call waiting for a human reviewer. At most one per call."""

    __tablename__ = "queue_items"
    __table_args__ = (UniqueConstraint("call_id", name="uq_queue_items_call_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    call_id: Mapped[str] = mapped_column(ForeignKey("calls.call_id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(16), index=True, default="pending")
    priority: Mapped[int] = mapped_column(Integer, index=True, default=0)
    reason: Mapped[str | None] = mapped_column(Text)
    findings_digest: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id"))
