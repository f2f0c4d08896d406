"""The audit store: calls, transcripts, findings, runs and the review queue, in SQLAlchemy.

``open_store(url)`` gives a ``Store`` (SQLite file by default, PostgreSQL by URL) with its
schema migrated to head; ``callaudit.store.repo`` holds the reads and writes.
"""

from callaudit.store.db import DEFAULT_DB_URL, Store, StoreError, close_stores, open_store
from callaudit.store.models import Call, FindingRecord, QueueItem, Run, TranscriptRecord
from callaudit.store.repo import CallAudit, CallState

__all__ = [
    "DEFAULT_DB_URL",
    "Call",
    "CallAudit",
    "CallState",
    "FindingRecord",
    "QueueItem",
    "Run",
    "Store",
    "StoreError",
    "TranscriptRecord",
    "close_stores",
    "open_store",
]
