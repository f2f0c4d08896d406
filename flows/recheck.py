"""Re-run changed rule packs over stored transcripts: no audio, no Whisper, same store semantics.

A call is re-checked when the pack versions its findings came from differ from the current
ones. Its findings and queue item are replaced and its audit key updated in one transaction
(per chunk of calls), so the next nightly run treats it as audited with the current packs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from prefect import flow

from callaudit.store import DEFAULT_DB_URL, open_store, repo
from callaudit.store.models import Call
from checks import add_recorded_calls, load_attempts
from flows import steps
from flows.discover import attempts_csv
from transcribe import CallMeta, Transcript

log = logging.getLogger("callaudit.flows")

# Calls read, checked and written together: one query and one transaction per chunk, not per
# call (bench/bench_recheck.py: per-call sessions and commits cost more than the checks).
CHUNK = 100


@dataclass
class RecheckSummary:
    run_id: int
    packs: str
    rechecked: int = 0
    flagged: int = 0
    failed: int = 0
    up_to_date: int = 0
    per_rule: dict[str, dict[str, int]] = field(default_factory=dict)
    failures: list[dict[str, str]] = field(default_factory=list)


def recheck_store(
    db_url: str = DEFAULT_DB_URL,
    packs: Sequence[str] = ("us_collections",),
    attempts: str | Path | None = None,
    on_call: Callable[[str, int, int], None] | None = None,
) -> RecheckSummary:
    """Re-check every audited call whose findings came from other pack versions than ``packs`` now have."""
    pack_names = tuple(packs)
    loaded, version = steps.load_current_packs(pack_names)
    store = open_store(db_url)
    with store.transaction() as session:
        run_id = repo.start_run(session, kind="recheck", packs=[version, *pack_names])
    with store.reading() as session:
        stale = repo.calls_to_recheck(session, version)
        audited = len(repo.list_calls(session, status="audited"))
        frame = _attempts(session, attempts)
    summary = RecheckSummary(run_id=run_id, packs=version, up_to_date=audited - len(stale))
    done = 0
    for first in range(0, len(stale), CHUNK):
        chunk = stale[first : first + CHUNK]
        with store.reading() as session:
            stored = list(repo.stored_calls(session, chunk).values())
        results = [(call, _recheck_one(call, document, loaded, frame)) for call, document in stored]
        # One transaction per chunk: a crash loses at most this chunk's results, and those calls
        # still carry their old pack version, so the next recheck redoes them.
        rechecks = []
        with store.transaction() as session:
            for call, result in results:
                if isinstance(result, steps.Failure):
                    summary.failed += 1
                    summary.failures.append(
                        {"call_id": call.call_id, "reason": result.reason, "detail": result.detail}
                    )
                    repo.record_failure(  # not compliant: marked failed, retried by the next audit
                        session,
                        call_id=call.call_id,
                        path=call.path,
                        reason=result.reason,
                        detail=result.detail,
                        run_id=run_id,
                        audio_sha256=call.audio_sha256,
                    )
                    continue
                key = steps.audit_key(call.audio_sha256, call.transcript_key, version, call.meta)
                rechecks.append(repo.Recheck(call.call_id, result, key))
                for rule_id, counts in steps.rule_counts(result).items():
                    totals = summary.per_rule.setdefault(rule_id, {"violation": 0, "needs_listen": 0})
                    for status, count in counts.items():
                        totals[status] += count
            summary.flagged += len(repo.save_rechecks(session, rechecks, version, run_id))
        summary.rechecked += len(rechecks)
        done += len(chunk)
        if on_call:
            on_call(chunk[-1], done, len(stale))
    with store.transaction() as session:
        repo.finish_run(
            session,
            run_id,
            status="completed",
            counts={
                "discovered": len(stale),
                "audited": summary.rechecked,
                "failed": summary.failed,
                "flagged": summary.flagged,
                "skipped": summary.up_to_date,
            },
            summary={"per_rule": summary.per_rule, "failures": summary.failures},
        )
    log.info("re-checked %d call(s) with %s", summary.rechecked, version)
    return summary


def _recheck_one(
    call: Call, document: str | None, packs: Sequence, attempts: pd.DataFrame
) -> list[dict] | steps.Failure:
    """One stored call's findings with the current packs, or why it cannot be re-checked."""
    if document is None:
        return steps.Failure("no_transcript", f"{call.call_id}: the store holds no transcript for this call")
    try:
        meta = CallMeta.model_validate(call.meta) if call.meta else None
        transcript = Transcript.from_json(document)
    except ValueError as exc:  # TranscriptFormatError, pydantic's ValidationError
        return steps.Failure(
            "bad_transcript", f"{call.call_id}: the stored transcript cannot be read ({exc})"
        )
    return steps.check_transcript(transcript, meta, packs, attempts)


def _attempts(session, csv: str | Path | None) -> pd.DataFrame:
    """Call attempts for frequency rules: the stored calls, plus the CSV given or the last audit's."""
    if csv is None:
        last = repo.latest_run(session, kind="audit")
        csv = attempts_csv(last.source) if last and last.source else None
    metas = [CallMeta.model_validate(c.meta) for c in repo.list_calls(session) if c.meta]
    return add_recorded_calls(load_attempts(csv) if csv else None, metas)


@flow(name="recheck-store", persist_result=False)
def recheck_flow(db_url: str = DEFAULT_DB_URL, packs: list[str] | None = None) -> dict:
    """Scheduled form of ``callaudit recheck``: re-run changed rules over stored transcripts."""
    summary = recheck_store(db_url, packs or ["us_collections"])
    return {"rechecked": summary.rechecked, "flagged": summary.flagged, "failed": summary.failed}
