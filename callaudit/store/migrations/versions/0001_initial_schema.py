"""initial schema: runs, transcripts, calls, findings, queue_items

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _json() -> sa.types.TypeEngine:
    return sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def _when(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer(), autoincrement=True, primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        _when("started_at"),
        _when("finished_at", nullable=True),
        sa.Column("source", sa.Text()),
        sa.Column("packs", _json(), nullable=False),
        sa.Column("options", _json(), nullable=False),
        sa.Column("flow_run_id", sa.String(64)),
        *(
            sa.Column(name, sa.Integer(), nullable=False)
            for name in ("discovered", "audited", "skipped", "failed", "flagged")
        ),
        sa.Column("summary", _json(), nullable=False),
        sa.Column("error", sa.Text()),
    )
    op.create_table(
        "transcripts",
        sa.Column("cache_key", sa.String(64), primary_key=True),
        sa.Column("audio_sha256", sa.String(64), nullable=False, index=True),
        sa.Column("model", sa.Text(), nullable=False),
        sa.Column("options", _json(), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("duration", sa.Float(), nullable=False),
        sa.Column("word_count", sa.Integer(), nullable=False),
        _when("created_at"),
    )
    op.create_table(
        "calls",
        sa.Column("call_id", sa.String(200), primary_key=True),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("audio_sha256", sa.String(64), index=True),
        sa.Column("meta", _json()),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("error_reason", sa.String(64)),
        sa.Column("error_detail", sa.Text()),
        sa.Column("transcript_key", sa.String(64), sa.ForeignKey("transcripts.cache_key")),
        sa.Column("packs_version", sa.Text()),
        sa.Column("audit_key", sa.String(64)),
        sa.Column("duration", sa.Float()),
        sa.Column("finding_count", sa.Integer(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        _when("first_seen_at"),
        _when("audited_at", nullable=True),
        sa.Column("last_run_id", sa.Integer(), sa.ForeignKey("runs.id")),
    )
    op.create_table(
        "findings",
        sa.Column("id", sa.Integer(), autoincrement=True, primary_key=True),
        sa.Column(
            "call_id",
            sa.String(200),
            sa.ForeignKey("calls.call_id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("rule_id", sa.String(200), nullable=False, index=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("severity", sa.String(16), nullable=False),
        sa.Column("speaker", sa.String(16)),
        sa.Column("start_s", sa.Float()),
        sa.Column("end_s", sa.Float()),
        sa.Column("text", sa.Text()),
        sa.Column("score", sa.Float()),
        sa.Column("message", sa.Text()),
        sa.Column("citation", sa.Text()),
        sa.Column("pack_version", sa.Text()),
        sa.Column("run_id", sa.Integer(), sa.ForeignKey("runs.id")),
    )
    op.create_table(
        "queue_items",
        sa.Column("id", sa.Integer(), autoincrement=True, primary_key=True),
        sa.Column(
            "call_id", sa.String(200), sa.ForeignKey("calls.call_id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("priority", sa.Integer(), nullable=False, index=True),
        sa.Column("reason", sa.Text()),
        sa.Column("findings_digest", sa.String(64)),
        _when("created_at"),
        _when("updated_at"),
        sa.Column("run_id", sa.Integer(), sa.ForeignKey("runs.id")),
        sa.UniqueConstraint("call_id", name="uq_queue_items_call_id"),
    )


def downgrade() -> None:
    for table in ("queue_items", "findings", "calls", "transcripts", "runs"):
        op.drop_table(table)
