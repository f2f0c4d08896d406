"""Re-run changed rule packs over stored transcripts: no audio, no Whisper, same store semantics.

A call is re-checked when the pack versions its findings came from differ from the current
ones. Its findings and queue item are replaced and its audit key updated in one transaction
(per chunk of calls), so the next nightly run treats it as audited with the current packs.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
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
    workers: int = 1,
) -> RecheckSummary:
    """Re-check every audited call whose findings came from other pack versions than ``packs`` now have.

    ``workers`` > 1 checks chunks of calls in that many processes while this one reads and
    writes the store, when there are more than two chunks (a spawned worker takes seconds to start).
    """
    pack_names = tuple(packs)
    loaded, version = steps.load_current_packs(pack_names)
    store = open_store(db_url)
    with store.transaction() as session:
        run_id = repo.start_run(session, kind="recheck", packs=[version, *pack_names])
    with store.reading() as session:
        stale = repo.calls_to_recheck(session, version)
        audited = repo.count_calls(session, "audited")  # a year of calls: count, not load, them
        frame = _attempts(session, attempts)
    summary = RecheckSummary(run_id=run_id, packs=version, up_to_date=audited - len(stale))
    chunks = [stale[first : first + CHUNK] for first in range(0, len(stale), CHUNK)]

    def read(chunk: list[str]) -> list[tuple[Call, str | None]]:
        with store.reading() as session:
            return list(repo.stored_calls(session, chunk).values())

    done = 0
    try:
        with _checker(loaded, pack_names, version, frame, workers if len(chunks) > 2 else 1) as check:
            for stored, results in check(map(read, chunks)):
                _write_chunk(store, stored, results, summary)
                done += len(stored)
                if on_call and stored:
                    on_call(stored[-1][0].call_id, done, len(stale))
    except BaseException as exc:  # recorded as a failed run; the calls not yet written stay stale
        _finish(store, summary, len(stale), "failed", f"{type(exc).__name__}: {exc}")
        raise
    _finish(store, summary, len(stale), "completed")
    log.info("re-checked %d call(s) with %s", summary.rechecked, version)
    return summary


def _write_chunk(
    store, stored: list[tuple[Call, str | None]], results: list, summary: RecheckSummary
) -> None:
    """Write a chunk's findings and failures in one transaction; ``summary`` counts them.

    A crash loses at most this chunk's results: those calls still carry their old pack
    version, so the next recheck redoes them.
    """
    rechecks = []
    with store.transaction() as session:
        for (call, _), result in zip(stored, results):
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
                    run_id=summary.run_id,
                    audio_sha256=call.audio_sha256,
                )
                continue
            key = steps.audit_key(call.audio_sha256, call.transcript_key, summary.packs, call.meta)
            rechecks.append(repo.Recheck(call.call_id, result, key))
            for rule_id, counts in steps.rule_counts(result).items():
                totals = summary.per_rule.setdefault(rule_id, {"violation": 0, "needs_listen": 0})
                for status, count in counts.items():
                    totals[status] += count
        summary.flagged += len(repo.save_rechecks(session, rechecks, summary.packs, summary.run_id))
    summary.rechecked += len(rechecks)


def _finish(store, summary: RecheckSummary, discovered: int, status: str, error: str | None = None) -> None:
    with store.transaction() as session:
        repo.finish_run(
            session,
            summary.run_id,
            status=status,
            counts={
                "discovered": discovered,
                "audited": summary.rechecked,
                "failed": summary.failed,
                "flagged": summary.flagged,
                "skipped": summary.up_to_date,
            },
            summary={"per_rule": summary.per_rule, "failures": summary.failures},
            error=error,
        )


Result = list[dict] | steps.Failure  # a call's findings, or why it could not be re-checked


def _recheck_one(
    call_id: str, meta: dict | None, document: str | None, packs: Sequence, attempts: pd.DataFrame
) -> Result:
    """One stored call's findings with the current packs, or why it cannot be re-checked."""
    if document is None:
        return steps.Failure("no_transcript", f"{call_id}: the store holds no transcript for this call")
    try:
        call_meta = CallMeta.model_validate(meta) if meta else None
        transcript = Transcript.from_json(document)
    except ValueError as exc:  # TranscriptFormatError, pydantic's ValidationError
        return steps.Failure("bad_transcript", f"{call_id}: the stored transcript cannot be read ({exc})")
    return steps.check_transcript(transcript, call_meta, packs, attempts)


Chunk = list[tuple[str, dict | None, str | None]]  # call id, sidecar metadata, stored document
_worker_run: tuple[tuple[str, ...], str, pd.DataFrame] | None = None  # a worker's packs and attempts


def _check_chunk(chunk: Chunk, packs: Sequence, attempts: pd.DataFrame) -> list[Result]:
    return [_recheck_one(call_id, meta, document, packs, attempts) for call_id, meta, document in chunk]


def _start_worker(pack_names: tuple[str, ...], version: str, attempts: pd.DataFrame) -> None:
    global _worker_run
    _worker_run = (pack_names, version, attempts)


def _check_in_worker(chunk: Chunk) -> list[Result]:
    assert _worker_run is not None, "the worker was not started"
    pack_names, version, attempts = _worker_run
    return _check_chunk(chunk, steps.packs_for(pack_names, version), attempts)  # loaded once


@contextmanager
def _checker(
    packs: list, pack_names: tuple[str, ...], version: str, attempts: pd.DataFrame, workers: int
) -> Iterator[Callable]:
    """Checks chunks of stored calls in order: here, or in ``workers`` processes.

    Yields a function from chunks of (call, document) to (chunk, results) pairs. With workers,
    at most two chunks per worker are read ahead, so memory stays flat however many calls
    are re-checked.
    """
    if workers <= 1:
        yield lambda chunks: ((c, _check_chunk(_picklable(c), packs, attempts)) for c in chunks)
        return
    # A forked worker starts at once with the packs already loaded; a spawned one imports and
    # loads everything again (seconds). Forking a process that runs other threads (a Prefect
    # flow run's) can copy a lock some thread holds: spawn there.
    context = multiprocessing.get_context("fork" if threading.active_count() == 1 else "spawn")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=(pack_names, version, attempts)
    ) as pool:

        def in_order(chunks):
            pending: deque = deque()
            for chunk in chunks:
                pending.append((chunk, pool.submit(_check_in_worker, _picklable(chunk))))
                if len(pending) >= 2 * workers:
                    chunk, future = pending.popleft()
                    yield chunk, future.result()
            while pending:
                chunk, future = pending.popleft()
                yield chunk, future.result()

        yield in_order


def _picklable(chunk: list[tuple[Call, str | None]]) -> Chunk:
    return [(call.call_id, call.meta, document) for call, document in chunk]


def _attempts(session, csv: str | Path | None) -> pd.DataFrame:
    """Call attempts for frequency rules: the stored calls, plus the CSV given or the last audit's."""
    if csv is None:
        last = repo.latest_run(session, kind="audit")
        csv = attempts_csv(last.source) if last and last.source else None
    metas = [CallMeta.model_validate(meta) for meta in repo.call_metas(session)]
    return add_recorded_calls(load_attempts(csv) if csv else None, metas)


@flow(name="recheck-store", persist_result=False)
def recheck_flow(db_url: str = DEFAULT_DB_URL, packs: list[str] | None = None, workers: int = 1) -> dict:
    """Scheduled form of ``callaudit recheck``: re-run changed rules over stored transcripts."""
    summary = recheck_store(db_url, packs or ["us_collections"], workers=workers)
    return {"rechecked": summary.rechecked, "flagged": summary.flagged, "failed": summary.failed}
