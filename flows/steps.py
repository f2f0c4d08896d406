"""The per-call steps of an audit as plain functions; ``flows.audit`` wraps them in Prefect tasks.

Each step takes and returns small picklable values (paths, keys, dicts), so the same
steps run in threads, in Dask worker processes, or straight from a test.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from callaudit.store import CallAudit, open_store, repo
from checks import load_packs
from flows.discover import Recording
from transcribe import CallMeta, InputError, Transcript
from transcribe.audio import file_sha256

log = logging.getLogger("callaudit.flows")


@dataclass(frozen=True)
class Failure:
    """Why a call could not be audited: a reason code and a message naming the file."""

    reason: str
    detail: str


@dataclass(frozen=True)
class CallPlan:
    """What a call needs: its content keys, and whether an identical audit is already stored."""

    audio_sha256: str
    transcript_key: str
    audit_key: str
    already_audited: bool
    transcript_cached: bool


@dataclass(frozen=True)
class Transcribed:
    transcript: Transcript
    reused: bool  # taken from the store (already redacted) rather than transcribed now


@dataclass(frozen=True)
class CallOutcome:
    """The result of one call in a run, as the summary and the progress bar see it."""

    call_id: str
    path: str
    status: str  # audited | skipped | failed
    reason: str | None = None
    detail: str | None = None
    flagged: bool = False
    duration: float = 0.0
    transcribed: bool = False
    rule_counts: dict[str, dict[str, int]] = field(default_factory=dict)


# ---- content keys ---------------------------------------------------------------------------

_packs_cache: dict[tuple[tuple[str, ...], str], list] = {}


def load_current_packs(names: Sequence[str]) -> tuple[list, str]:
    """Rule packs as their files are now, and their combined version (``name@version+...``).

    Raises RulePackError listing every problem. Called once per run, so edited rules are
    picked up by a long-lived process (a served deployment) too.
    """
    packs = load_packs(list(names))
    version = "+".join(sorted(f"{p.name}@{p.version}" for p in packs))
    if len(_packs_cache) > 8:
        _packs_cache.clear()
    _packs_cache[(tuple(names), version)] = packs
    return packs, version


def packs_for(names: Sequence[str], version: str) -> list:
    """The packs of one run, loaded once per process (a Dask worker loads them on first use)."""
    packs = _packs_cache.get((tuple(names), version))
    if packs is None:
        packs, found = load_current_packs(names)
        if found != version:
            raise RuntimeError(f"the rule packs changed during the run ({version} -> {found}); run again")
    return packs


def rule_versions(packs: Sequence) -> dict[str, str]:
    """The version of the pack each rule id comes from."""
    versions: dict[str, str] = {}
    for pack in packs:
        for rule in pack.rules:
            versions.setdefault(rule.id, pack.version)
    return versions


def audit_key(audio_sha256: str, transcript_key: str, packs: str, meta: dict[str, Any] | None) -> str:
    """Everything that decides a call's findings: same key, same audit, so the call is skipped."""
    payload = json.dumps([audio_sha256, transcript_key, packs, meta], sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


# ---- steps ----------------------------------------------------------------------------------


def plan_calls(
    recordings: Sequence[Recording], db_url: str, options: Any, packs: str, hash_threads: int = 4
) -> list[CallPlan | Failure]:
    """Hash every recording and look up the store: which exact audits are done, which transcripts cached?

    One pass for the whole batch, so a night where most calls are unchanged costs a hash per
    call, not a task per call. A file that cannot be read becomes a Failure.
    """

    def content_keys(recording: Recording) -> tuple[str, str, str] | Failure:
        try:
            sha = file_sha256(recording.path)
        except OSError as exc:  # vanished or unreadable since discovery
            return Failure("unreadable", f"{recording.path}: cannot read the file ({exc})")
        transcript_key = options.cache_key(sha)
        return sha, transcript_key, audit_key(sha, transcript_key, packs, recording.meta_dict)

    with ThreadPoolExecutor(max_workers=hash_threads) as pool:
        keys = list(pool.map(content_keys, recordings))
    plans: list[CallPlan | Failure] = []
    with open_store(db_url).reading() as session:
        for recording, found in zip(recordings, keys, strict=True):
            if isinstance(found, Failure):
                plans.append(found)
                continue
            sha, transcript_key, key = found
            state = repo.call_state(session, recording.call_id)
            done = state is not None and state.status == "audited" and state.audit_key == key
            cached = not done and repo.has_transcript(session, transcript_key)
            plans.append(CallPlan(sha, transcript_key, key, done, cached))
    return plans


def obtain_transcript(
    recording: Recording, plan: CallPlan, db_url: str, options: Any
) -> Transcribed | Failure:
    """The call's transcript: reused from the store when its content key is there, else transcribed."""
    from transcribe.engine import transcribe_file  # loads faster-whisper: only where transcription runs

    if plan.transcript_cached:
        with open_store(db_url).reading() as session:
            document = repo.transcript_document(session, plan.transcript_key)
        if document is not None:
            stored = Transcript.from_json(document)
            return Transcribed(
                dataclasses.replace(stored, call_id=recording.call_id, source=recording.path), True
            )
    try:
        transcript = transcribe_file(recording.path, options, recording.meta)
    except InputError as exc:
        return Failure(exc.reason, str(exc))
    if not transcript.words:
        return Failure(
            "no_words",
            f"{recording.path}: Whisper heard no words although the audio has signal; "
            f"listen to the call (it is not marked compliant)",
        )
    return Transcribed(transcript, False)


def check_transcript(
    transcript: Transcript, meta: CallMeta | None, packs: Sequence, attempts: pd.DataFrame | None
) -> list[dict[str, Any]] | Failure:
    """Findings as contract dicts (plus the pack version); a Failure if the checks cannot run."""
    from checks import run_checks

    meta = meta or CallMeta(call_id=transcript.call_id)
    try:
        findings = run_checks(transcript, meta, packs, attempts=attempts)
    except Exception as exc:  # noqa: BLE001 - a call whose checks cannot run must never pass as compliant
        log.warning("checks failed on %s: %s: %s", transcript.source, type(exc).__name__, exc)
        return Failure(
            "checks_failed", f"{transcript.source}: the checks could not run ({type(exc).__name__}: {exc})"
        )
    versions = rule_versions(packs)
    return [f.to_dict() | {"pack_version": versions.get(f.rule_id)} for f in findings]


def redacted_document(transcript: Transcript) -> str:
    from checks.redact import redact_transcript

    return redact_transcript(transcript).to_json(columns=True)  # the stored form: see word_columns


def save_call(
    recording: Recording,
    plan: CallPlan,
    transcript: Transcript,
    findings: list[dict[str, Any]],
    document: str | None,
    db_url: str,
    packs: str,
    run_id: int | None,
) -> bool:
    """Write the call, its transcript, findings and queue item in one transaction. True if flagged."""
    audit = CallAudit(
        call_id=recording.call_id,
        path=recording.path,
        audio_sha256=plan.audio_sha256,
        meta=recording.meta_dict,
        transcript_key=plan.transcript_key,
        audit_key=plan.audit_key,
        packs_version=packs,
        run_id=run_id,
        findings=findings,
        transcript_document=document,
        model=transcript.provenance.model,
        options=transcript.provenance.options,
        duration=transcript.duration,
        word_count=len(transcript.words),
    )
    with open_store(db_url).transaction() as session:
        return repo.save_audit(session, audit)


def save_failure(
    recording: Recording, failure: Failure, db_url: str, run_id: int | None, audio_sha256: str | None = None
) -> None:
    with open_store(db_url).transaction() as session:
        repo.record_failure(
            session,
            call_id=recording.call_id,
            path=recording.path,
            reason=failure.reason,
            detail=failure.detail,
            run_id=run_id,
            audio_sha256=audio_sha256,
            meta=recording.meta_dict,
        )


def rule_counts(findings: Sequence[dict[str, Any]]) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for finding in findings:
        per_rule = counts.setdefault(finding["rule_id"], {"violation": 0, "needs_listen": 0})
        per_rule[finding["status"]] = per_rule.get(finding["status"], 0) + 1
    return counts
