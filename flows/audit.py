"""The nightly audit as a Prefect flow: thin tasks over ``flows.steps``, one call at a time per worker.

    audit_recordings(source, db_url, packs, model, parallel_calls)

discover -> hash every call, skip those whose same audit is stored -> per call: transcribe (or reuse
the stored transcript with the same content key) -> checks -> redact -> persist (one transaction)
-> summary artifact. Retries sit on the I/O tasks only.
Bad recordings become failed calls with a reason; only a broken run (unusable source, store or
rule packs) fails the flow.
"""

from __future__ import annotations

import dataclasses
import os
import queue
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Annotated, Any

import pandas as pd
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import quote
from pydantic import BaseModel, Field

from callaudit.store import DEFAULT_DB_URL, open_store, repo
from checks import AttemptsError, add_recorded_calls, load_attempts
from flows import steps
from flows.discover import Recording, SourceError, attempts_csv, discover_recordings
from flows.steps import CallOutcome, CallPlan, Failure
from flows.summary import AuditSummary, summary_markdown
from transcribe import CallMeta, Transcript

DEFAULT_PACKS = ["us_collections"]
# Calls in parallel beat threads per call on 2 cores: 1x2 threads 6.6, 2x1 9.9, 4x1 10.6 audio s/s
# (bench/bench_audit.py --sweep; docs/OPERATIONS.md "Parallelism"). Whisper's model runs one call at
# a time, so extra calls in flight keep it busy while others decode, run VAD and align words.
DEFAULT_PARALLEL_CALLS = 4

IO_RETRIES = {"retries": 2, "retry_delay_seconds": [1, 5]}


def _transient(task: Any, task_run: Any, state: Any) -> bool:
    """Retry I/O unless the input itself is wrong (a missing folder, a malformed CSV)."""
    error = state.result(raise_on_failure=False)
    return not isinstance(error, (SourceError, AttemptsError))


class ModelOptions(BaseModel):
    """Whisper settings for a run; the rest of the engine's measured defaults apply unchanged."""

    model: str = Field("tiny.en", description="model name or CTranslate2 model directory")
    device: str = Field("cpu", description="cpu or cuda")
    compute_type: str = Field("int8", description="CTranslate2 compute type, e.g. int8, float16")
    cpu_threads: int = Field(0, ge=0, description="threads per call; 0 = cores / parallel calls")
    beam_size: int | None = Field(None, ge=1, description="override the engine's beam size")

    def transcribe_options(self, parallel_calls: int) -> Any:
        from transcribe.engine import TranscribeOptions

        cores, parallel_calls = os.cpu_count() or 1, max(1, parallel_calls)
        threads = self.cpu_threads or max(1, cores // parallel_calls)
        fields = {
            "model": self.model,
            "device": self.device,
            "compute_type": self.compute_type,
            "cpu_threads": threads,
            # Calls in flight share one model; with one worker CTranslate2 runs them one at a time.
            # As many workers as the cores can feed: on 2 cores 2 workers beat 1 by 17-29 %
            # (same words), 4 were slower (docs/OPERATIONS.md).
            "num_workers": max(1, min(parallel_calls, cores // threads)),
        }
        if self.beam_size is not None:
            fields["beam_size"] = self.beam_size
        return TranscribeOptions(**fields)


DEFAULT_MODEL_OPTIONS = ModelOptions()


@dataclass(frozen=True)
class RunSettings:
    """What every call of one run shares (small and picklable: it travels to Dask workers)."""

    db_url: str
    run_id: int | None
    pack_names: tuple[str, ...]
    packs_version: str
    options: Any  # transcribe.engine.TranscribeOptions
    attempts: pd.DataFrame | None


# ---- progress hooks (the CLI's progress bar) ---------------------------------------------------

_listeners: list[Callable[[str, Any], None]] = []


@contextmanager
def progress_listener(callback: Callable[[str, Any], None]) -> Iterator[None]:
    """Call ``callback("start", n_calls)`` then ``callback("call", CallOutcome)`` as calls finish."""
    _listeners.append(callback)
    try:
        yield
    finally:
        _listeners.remove(callback)


def _emit(event: str, payload: Any) -> None:
    for callback in _listeners:
        callback(event, payload)


# ---- tasks ---------------------------------------------------------------------------------------


@task(name="find-recordings", cache_policy=NO_CACHE, retry_condition_fn=_transient, **IO_RETRIES)
def find_recordings(source: str) -> list[Recording]:
    """Recordings under the source folder, with their sidecar metadata."""
    return discover_recordings(source)


@task(name="load-call-attempts", cache_policy=NO_CACHE, retry_condition_fn=_transient, **IO_RETRIES)
def load_call_attempts(source: str, metas: list[CallMeta]) -> pd.DataFrame:
    """The root call_attempts.csv (if any) plus the recorded calls themselves."""
    csv = attempts_csv(source)
    return add_recorded_calls(load_attempts(csv) if csv else None, metas)


@task(name="open-run", cache_policy=NO_CACHE, **IO_RETRIES)
def open_run(db_url: str, source: str, pack_names: list[str], packs_version: str, options: dict) -> int:
    """Open the store (migrating it) and record the start of this run."""
    flow_run = FlowRunContext.get()
    with open_store(db_url).transaction() as session:
        return repo.start_run(
            session,
            source=source,
            packs=[packs_version, *pack_names],
            options=options,
            flow_run_id=str(flow_run.flow_run.id) if flow_run else None,
        )


@task(name="close-run", cache_policy=NO_CACHE, **IO_RETRIES)
def close_run(db_url: str, run_id: int, status: str, summary: AuditSummary, error: str | None = None) -> None:
    """Record the end of this run with its counts and summary."""
    with open_store(db_url).transaction() as session:
        repo.finish_run(
            session, run_id, status=status, counts=summary.counts, summary=summary.to_dict(), error=error
        )


@task(name="plan-calls", cache_policy=NO_CACHE, **IO_RETRIES)
def plan_calls(recordings: list[Recording], settings: RunSettings) -> list[CallPlan | Failure]:
    """Hash every recording; look up which exact audits and transcripts the store already holds."""
    return steps.plan_calls(recordings, settings.db_url, settings.options, settings.packs_version)


@task(name="transcribe-call", cache_policy=NO_CACHE)
def transcribe_call(
    recording: Recording, plan: CallPlan, settings: RunSettings
) -> steps.Transcribed | Failure:
    """The call's transcript (reused when its content key is stored); a Failure for bad input."""
    return steps.obtain_transcript(recording, plan, settings.db_url, settings.options)


@task(name="check-call", cache_policy=NO_CACHE)
def check_call(transcript: Transcript, meta: CallMeta | None, settings: RunSettings) -> list[dict] | Failure:
    """Run the rule packs over the transcript."""
    packs = steps.packs_for(settings.pack_names, settings.packs_version)
    return steps.check_transcript(transcript, meta, packs, settings.attempts)


@task(name="redact-transcript", cache_policy=NO_CACHE)
def redact_call(transcript: Transcript) -> str:
    """The transcript as stored: JSON with PII redacted."""
    return steps.redacted_document(transcript)


@task(name="save-call", cache_policy=NO_CACHE, **IO_RETRIES)
def save_call(
    recording: Recording,
    plan: CallPlan,
    transcript: Transcript,
    findings: list[dict],
    document: str | None,
    settings: RunSettings,
) -> bool:
    """Persist call, transcript, findings and queue item in one transaction."""
    return steps.save_call(
        recording,
        plan,
        transcript,
        findings,
        document,
        settings.db_url,
        settings.packs_version,
        settings.run_id,
    )


@task(name="record-failure", cache_policy=NO_CACHE, **IO_RETRIES)
def record_failure(
    recording: Recording, failure: Failure, settings: RunSettings, sha: str | None = None
) -> None:
    """Mark the call failed with its reason; the next run retries it."""
    steps.save_failure(recording, failure, settings.db_url, settings.run_id, sha)


@task(name="audit-call", cache_policy=NO_CACHE, task_run_name="audit {recording.call_id}")
def audit_call(recording: Recording, plan: CallPlan | Failure, settings: RunSettings) -> CallOutcome:
    """One call, start to finish: transcribe, check, redact, save. Runs on a thread or a Dask worker."""
    # quote(): hand big values (transcripts, findings, the attempts frame) to the tasks without
    # Prefect walking every nested object in search of futures; that walk cost more than the work.
    settings = quote(settings)
    if isinstance(plan, Failure):
        if plan.reason != "duplicate_call_id":  # that id belongs to another recording's row
            record_failure(recording, plan, settings)
        return _failed(recording, plan)
    transcribed = transcribe_call(recording, plan, settings)
    if isinstance(transcribed, Failure):
        record_failure(recording, transcribed, settings, plan.audio_sha256)
        return _failed(recording, transcribed)
    transcript = quote(transcribed.transcript)
    findings = check_call(transcript, recording.meta, settings)
    if isinstance(findings, Failure):
        record_failure(recording, findings, settings, plan.audio_sha256)
        return _failed(recording, findings)
    document = None if transcribed.reused else redact_call(transcript)
    flagged = save_call(recording, plan, transcript, quote(findings), quote(document), settings)
    return CallOutcome(
        recording.call_id,
        recording.path,
        "audited",
        flagged=flagged,
        duration=transcribed.transcript.duration,
        transcribed=not transcribed.reused,
        rule_counts=steps.rule_counts(findings),
    )


def _failed(recording: Recording, failure: Failure) -> CallOutcome:
    # Bad input is an expected outcome, listed in the run summary: info, not a warning.
    get_run_logger().info("call failed (%s): %s", failure.reason, failure.detail)
    return CallOutcome(recording.call_id, recording.path, "failed", failure.reason, failure.detail)


# ---- the flow ------------------------------------------------------------------------------------


@flow(name="audit-recordings", task_runner=ThreadPoolTaskRunner(), persist_result=False, log_prints=False)
def audit_recordings(
    source: str,
    db_url: str = DEFAULT_DB_URL,
    packs: list[str] = DEFAULT_PACKS,
    model: ModelOptions = DEFAULT_MODEL_OPTIONS,
    parallel_calls: Annotated[int, Field(ge=1, description="calls audited at once")] = DEFAULT_PARALLEL_CALLS,
) -> AuditSummary:
    """Audit every new or changed recording under ``source`` into the store at ``db_url``."""
    logger = get_run_logger()
    started = time.monotonic()
    pack_names = tuple(packs)
    _, packs_version = steps.load_current_packs(pack_names)  # a bad rule file fails the run here
    options = model.transcribe_options(parallel_calls)
    recordings = find_recordings(source)
    attempts = load_call_attempts(source, [r.meta for r in recordings if r.meta is not None])
    run_id = open_run(db_url, source, list(pack_names), packs_version, dataclasses.asdict(options))
    settings = RunSettings(db_url, run_id, pack_names, packs_version, options, attempts)
    summary = AuditSummary(run_id=run_id, source=source, packs=packs_version, discovered=len(recordings))
    logger.info("auditing %d recording(s) from %s with %s", len(recordings), source, packs_version)
    _emit("start", len(recordings))
    try:
        for outcome in _audit_all(recordings, settings, parallel_calls):
            summary.add(outcome)
            _emit("call", outcome)
    except BaseException as exc:
        summary.wall_seconds = time.monotonic() - started
        close_run(db_url, run_id, "failed", summary, f"{type(exc).__name__}: {exc}")
        raise
    summary.wall_seconds = round(time.monotonic() - started, 3)
    close_run(db_url, run_id, "completed", summary)
    create_markdown_artifact(
        summary_markdown(summary),
        key="audit-summary",
        description=f"Audit of {source}: {summary.audited} audited, "
        f"{summary.flagged} flagged, {summary.failed} failed",
    )
    logger.info(
        "audited %d, skipped %d, flagged %d, failed %d",
        summary.audited,
        summary.skipped,
        summary.flagged,
        summary.failed,
    )
    return summary


def _audit_all(
    recordings: list[Recording], settings: RunSettings, parallel_calls: int
) -> Iterator[CallOutcome]:
    """Outcomes as calls finish: unchanged calls at once, the rest with at most ``parallel_calls``
    in flight (memory stays flat however many calls a night brings)."""
    readable = [r for r in recordings if not r.problem]
    plans = dict(zip((r.path for r in readable), plan_calls(readable, quote(settings)), strict=True))
    work: list[tuple[Recording, CallPlan | Failure]] = []
    for recording in recordings:
        plan = Failure(*recording.problem) if recording.problem else plans[recording.path]
        if isinstance(plan, CallPlan) and plan.already_audited:
            yield CallOutcome(recording.call_id, recording.path, "skipped")
        else:
            work.append((recording, plan))
    finished: queue.Queue = queue.Queue()
    pending = iter(work)
    in_flight: dict[Any, Recording] = {}

    def submit_next() -> None:
        item = next(pending, None)
        if item is not None:
            recording, plan = item
            future = audit_call.submit(recording, plan, settings)
            in_flight[future] = recording
            future.add_done_callback(finished.put)

    for _ in range(parallel_calls):
        submit_next()
    while in_flight:
        future = finished.get()
        recording = in_flight.pop(future)
        submit_next()
        yield _outcome_of(future, recording, settings)


def _outcome_of(future: Any, recording: Recording, settings: RunSettings) -> CallOutcome:
    """A crashed call task (a bug, not bad input) still becomes a failed call, never a lost one."""
    result = future.result(raise_on_failure=False)
    if isinstance(result, CallOutcome):
        return result
    failure = Failure("error", f"{recording.path}: {type(result).__name__}: {result}")
    steps.save_failure(recording, failure, settings.db_url, settings.run_id)
    return CallOutcome(recording.call_id, recording.path, "failed", failure.reason, failure.detail)
