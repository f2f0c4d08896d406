"""The audit flow end to end: failure isolation, skip/retry on re-runs, transcript reuse, recheck, Dask.

Most tests swap Whisper for the calls' reference scripts (decoding stays real, so bad files
fail as they would), which keeps them fast; tests marked ``slow`` run real Whisper.
One temporary Prefect server serves the whole module.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from callaudit.store import QueueItem, close_stores, open_store, repo
from flows.audit import ModelOptions
from flows.local import SERVER_LOG, local_prefect

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "calls"
ARREST = "ex02_arrest_threat"
CLEAN = "ex01_compliant_first_contact"
STOP = "ex04_stop_calling"


@pytest.fixture(scope="module")
def prefect_api():
    """A temporary local Prefect server for this module's flow runs."""
    with local_prefect() as url:
        yield url
    close_stores()


@pytest.fixture(scope="module")
def frozen_pack(tmp_path_factory) -> str:
    """A copy of the us_collections pack, so rule edits elsewhere cannot change a test's pack version."""
    pack = tmp_path_factory.mktemp("packs") / "us_collections"
    shutil.copytree(ROOT / "phrases" / "us_collections", pack)
    return str(pack)


def copy_calls(target: Path, names: list[str], with_attempts: bool = True) -> Path:
    """Example recordings (and sidecars) copied into ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(EXAMPLES / f"{name}.wav", target / f"{name}.wav")
        shutil.copy(EXAMPLES / f"{name}.json", target / f"{name}.json")
    if with_attempts:
        shutil.copy(EXAMPLES / "call_attempts.csv", target / "call_attempts.csv")
    return target


def add_bad_files(folder: Path) -> None:
    """A text file named .wav, a truncated recording, and a good recording with a bad sidecar."""
    (folder / "not_audio.wav").write_text("this is not a recording\n")
    data = (EXAMPLES / f"{STOP}.wav").read_bytes()
    (folder / "truncated.wav").write_bytes(data[: len(data) // 3])
    shutil.copy(EXAMPLES / f"{CLEAN}.wav", folder / "bad_sidecar.wav")
    (folder / "bad_sidecar.json").write_text(json.dumps({"started_at": "yesterday at noon"}))


_REAL_TRANSCRIPTS: dict[tuple[str, str, str], object] = {}


@pytest.fixture
def scripted_whisper(monkeypatch):
    """Real Whisper, each example call transcribed once per test session and then reused.

    The orchestration tests re-audit the same few calls many times; memoizing the real
    engine's output on (audio hash, call id, options) keeps them fast without a fake
    transcript. Decoding and input checks run every time, as in production.
    """
    from transcribe import engine
    from transcribe.audio import file_sha256

    real = engine.transcribe_file
    calls: list[str] = []

    def transcribe_file(path, options=None, meta=None):
        path = Path(path)
        key = (file_sha256(path), meta.call_id if meta else path.stem, repr(options))
        if key not in _REAL_TRANSCRIPTS:
            _REAL_TRANSCRIPTS[key] = real(path, options, meta)  # raises the real InputError for bad files
        calls.append(path.stem)
        return dataclasses.replace(_REAL_TRANSCRIPTS[key], source=str(path))

    monkeypatch.setattr(engine, "transcribe_file", transcribe_file)
    return calls


@pytest.fixture
def run_audit(frozen_pack):
    """Run the audit flow in this process, on the frozen pack unless told otherwise."""
    from flows.audit import audit_recordings

    def run(source: Path, db_url: str, **kwargs):
        kwargs.setdefault("packs", [frozen_pack])
        return audit_recordings(source=str(source), db_url=db_url, **kwargs)

    return run


def stored(db_url: str):
    store = open_store(db_url)
    with store.reading() as session:
        calls = {c.call_id: c for c in repo.list_calls(session)}
        findings = [f.to_dict() for f in repo.iter_findings(session)]
        queue = {q.call_id: q for q in session.scalars(select(QueueItem))}
        counts = repo.counts(session)
    return calls, findings, queue, counts


@pytest.mark.parametrize(
    ("cores", "parallel", "threads", "expected"),
    [(2, 4, 0, (1, 2)), (2, 1, 0, (2, 1)), (16, 4, 0, (4, 4)), (16, 4, 8, (8, 2)), (1, 4, 0, (1, 1))],
)
def test_calls_in_flight_get_model_workers_the_cores_can_feed(
    monkeypatch, cores, parallel, threads, expected
):
    monkeypatch.setattr("os.cpu_count", lambda: cores)
    options = ModelOptions(cpu_threads=threads).transcribe_options(parallel)
    assert (options.cpu_threads, options.num_workers) == expected


def test_model_workers_do_not_change_the_transcript_cache_key():
    one, two = (ModelOptions().transcribe_options(parallel) for parallel in (1, 4))
    assert one.num_workers != two.num_workers
    assert one.cache_key("abc") == two.cache_key("abc")


def test_the_temporary_server_writes_to_its_log_file_not_to_the_users_terminal(prefect_api):
    import prefect.settings
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer._instances[None]
    log_file = Path(prefect.settings.PREFECT_HOME.value()) / SERVER_LOG

    assert server.api_url == prefect_api
    for stream in (1, 2):
        assert Path(f"/proc/{server.server_process.pid}/fd/{stream}").resolve() == log_file.resolve()
    assert Path("/proc/self/fd/2").resolve() != log_file.resolve()  # ours were given back


def test_bad_files_fail_with_reasons_while_the_batch_goes_on(
    prefect_api, scripted_whisper, tmp_path, run_audit
):
    source = copy_calls(tmp_path / "calls", [ARREST, CLEAN, STOP])
    add_bad_files(source)
    db = f"sqlite:///{tmp_path / 'audit.db'}"

    summary = run_audit(source, db)

    assert (summary.discovered, summary.audited, summary.failed) == (6, 3, 3)
    reasons = {f["call_id"]: f["reason"] for f in summary.failures}
    assert reasons == {"not_audio": "undecodable", "truncated": "truncated", "bad_sidecar": "bad_sidecar"}
    assert all(f["detail"] for f in summary.failures)
    calls, findings, queue, _ = stored(db)
    assert {c for c, call in calls.items() if call.status == "audited"} == {ARREST, CLEAN, STOP}
    assert calls["truncated"].error_reason == "truncated" and "truncated" in calls["truncated"].error_detail
    assert "started_at" in calls["bad_sidecar"].error_detail
    assert {f["rule_id"] for f in findings if f["call_id"] == ARREST} >= {"prohibited.threat_arrest"}
    assert ARREST in queue and queue[ARREST].status == "pending"
    assert "prohibited.threat_arrest" in summary.per_rule


def test_rerun_skips_audited_calls_and_retries_failed_ones(
    prefect_api, scripted_whisper, tmp_path, run_audit
):
    source = copy_calls(tmp_path / "calls", [ARREST, STOP])
    add_bad_files(source)
    db = f"sqlite:///{tmp_path / 'audit.db'}"
    run_audit(source, db)
    _, findings_before, _, counts_before = stored(db)
    scripted_whisper.clear()

    again = run_audit(source, db)

    assert (again.skipped, again.audited, again.failed) == (2, 0, 3)
    assert scripted_whisper == []  # nothing re-transcribed; bad_sidecar never reaches Whisper
    calls, findings, _, counts = stored(db)
    assert findings == findings_before
    assert {k: counts[k] for k in ("calls", "findings", "queue_items", "transcripts")} == {
        k: counts_before[k] for k in ("calls", "findings", "queue_items", "transcripts")
    }
    assert calls["truncated"].failures == 2
    # The truncated file is replaced by a good recording: the next run audits it.
    shutil.copy(EXAMPLES / f"{CLEAN}.wav", source / "truncated.wav")
    third = run_audit(source, db)
    assert third.audited == 1 and stored(db)[0]["truncated"].status == "audited"


def test_changed_packs_reaudit_from_stored_transcripts(prefect_api, scripted_whisper, tmp_path, run_audit):
    source = copy_calls(tmp_path / "calls", [ARREST, STOP])
    db = f"sqlite:///{tmp_path / 'audit.db'}"
    pack = tmp_path / "us_collections"
    shutil.copytree(ROOT / "phrases" / "us_collections", pack)
    run_audit(source, db, packs=[str(pack)])
    scripted_whisper.clear()
    rule = pack / "prohibited" / "threat_arrest.yml"
    rule.write_text(rule.read_text().replace("severity: critical", "severity: medium"))

    summary = run_audit(source, db, packs=[str(pack)])

    assert summary.audited == 2 and summary.transcribed == 0 and scripted_whisper == []
    _, findings, _, _ = stored(db)
    arrest = [f for f in findings if f["rule_id"] == "prohibited.threat_arrest"]
    assert arrest and all(f["severity"] == "medium" for f in arrest)


def test_empty_transcript_and_broken_checks_are_never_compliant(
    prefect_api, scripted_whisper, monkeypatch, tmp_path, run_audit
):
    import checks
    from transcribe import engine

    source = copy_calls(tmp_path / "calls", [ARREST, STOP])
    db = f"sqlite:///{tmp_path / 'audit.db'}"
    scripted = engine.transcribe_file

    def silent_for_stop(path, options=None, meta=None):
        transcript = scripted(path, options, meta)
        return dataclasses.replace(transcript, utterances=[]) if meta.call_id == STOP else transcript

    def broken_checks(*args, **kwargs):
        raise RuntimeError("rule engine exploded")

    monkeypatch.setattr(engine, "transcribe_file", silent_for_stop)
    summary = run_audit(source, db)
    reasons = {f["call_id"]: f["reason"] for f in summary.failures}
    assert reasons == {STOP: "no_words"}

    monkeypatch.setattr(checks, "run_checks", broken_checks)
    (source / f"{ARREST}.json").write_text((EXAMPLES / f"{ARREST}.json").read_text().replace("A117", "A118"))
    summary = run_audit(source, db)
    reasons = {f["call_id"]: f["reason"] for f in summary.failures}
    assert reasons == {STOP: "no_words", ARREST: "checks_failed"}
    calls, *_ = stored(db)
    assert calls[ARREST].status == "failed" and "rule engine exploded" in calls[ARREST].error_detail


def test_summary_artifact_is_published(prefect_api, scripted_whisper, tmp_path, run_audit):
    from prefect.artifacts import Artifact

    source = copy_calls(tmp_path / "calls", [ARREST])
    (source / "not_audio.wav").write_text("nope")
    run_audit(source, f"sqlite:///{tmp_path / 'audit.db'}")
    artifact = Artifact.get("audit-summary")
    assert artifact is not None
    assert "| calls found | audited |" in artifact.data
    assert "`prohibited.threat_arrest`" in artifact.data
    assert "not_audio" in artifact.data and "undecodable" in artifact.data


def test_recheck_after_editing_a_rule_updates_findings_and_queue(
    prefect_api, scripted_whisper, tmp_path, run_audit
):
    from callaudit.cli import main

    source = copy_calls(tmp_path / "calls", [ARREST, CLEAN])
    db = f"sqlite:///{tmp_path / 'audit.db'}"
    pack = tmp_path / "us_collections"
    shutil.copytree(ROOT / "phrases" / "us_collections", pack)
    run_audit(source, db, packs=[str(pack)])
    calls_before, _, queue_before, _ = stored(db)
    with open_store(db).reading() as session:
        document = json.loads(repo.transcript_document(session, calls_before[ARREST].transcript_key))
    assert all(isinstance(u["words"], dict) for u in document["utterances"]), "stored as columns"
    scripted_whisper.clear()
    (pack / "prohibited" / "threat_arrest.yml").unlink()  # the rule is retired

    assert main(["recheck", "--db", db, "--packs", str(pack)]) == 0

    assert scripted_whisper == []
    calls, findings, queue, _ = stored(db)
    assert not [f for f in findings if f["rule_id"] == "prohibited.threat_arrest"]
    assert all(c.packs_version == calls[ARREST].packs_version for c in calls.values())
    assert "prohibited.threat_arrest" in queue_before[ARREST].reason
    assert ARREST not in queue or "prohibited.threat_arrest" not in queue[ARREST].reason
    # The next audit sees everything up to date: nothing re-audited.
    assert run_audit(source, db, packs=[str(pack)]).skipped == 2


def _store_audited(db: str, calls: dict[str, tuple[dict | None, str]]) -> None:
    """Audited calls (call id -> sidecar metadata, stored transcript document) whose findings
    came from an older pack version, so a recheck takes them all."""
    from callaudit.store.repo import CallAudit

    with open_store(db).transaction() as session:
        for call_id, (meta, document) in calls.items():
            audit = CallAudit(
                call_id, f"/calls/{call_id}.wav", call_id * 32, meta, f"t-{call_id}", "old", "old", None
            )
            repo.save_audit(session, dataclasses.replace(audit, transcript_document=document))


def _agent_says(call_id: str, line: str, columns: bool = True) -> str:
    from transcribe.model import transcript_from_turns

    return transcript_from_turns([("agent", line)], call_id=call_id).to_json(columns=columns)


@pytest.mark.parametrize("workers", [1, 2])
def test_recheck_in_chunks_records_unreadable_transcripts_and_goes_on(tmp_path, monkeypatch, workers):
    """Calls are read, checked and written a chunk at a time, here or in worker processes; a
    stored transcript that cannot be read fails its own call (named, with the reason) and never
    passes as compliant."""
    from flows import recheck

    monkeypatch.setattr(recheck, "CHUNK", 2)
    db = f"sqlite:///{tmp_path / 'audit.db'}"
    lines = {
        "c1": "This call may be recorded. Thank you.",
        "c2": "If you don't pay today you will be arrested.",
        "c3": None,  # not JSON
        "c4": "Thank you for your time, have a great day.",
        "c5": '{"schema_version": 99}',  # JSON, but no transcript this code reads
    }
    _store_audited(
        db,
        {
            call_id: (
                {"call_id": call_id},
                # c2 as stored before words were kept as columns
                _agent_says(call_id, line, columns=call_id != "c2")
                if line and line[0] != "{"
                else line or "{x",
            )
            for call_id, line in lines.items()
        },
    )

    submitted = []

    class Pool(recheck.ProcessPoolExecutor):  # a real pool that counts the chunks sent to it
        def submit(self, *args, **kwargs):
            submitted.append(args)
            return super().submit(*args, **kwargs)

    monkeypatch.setattr(recheck, "ProcessPoolExecutor", Pool)
    summary = recheck.recheck_store(db, [str(ROOT / "phrases" / "us_collections")], workers=workers)

    assert len(submitted) == (3 if workers > 1 else 0), "workers check the chunks only when asked to"

    assert (summary.rechecked, summary.failed) == (3, 2)
    assert {f["call_id"]: f["reason"] for f in summary.failures} == {
        "c3": "bad_transcript",
        "c5": "bad_transcript",
    }
    assert all(f["call_id"] in f["detail"] for f in summary.failures)
    calls, findings, queue, _ = stored(db)
    assert {c: calls[c].status for c in lines} == {
        "c1": "audited",
        "c2": "audited",
        "c3": "failed",
        "c4": "audited",
        "c5": "failed",
    }
    assert {calls[c].packs_version for c in ("c1", "c2", "c4")} == {summary.packs}
    assert "schema_version 99" in calls["c5"].error_detail
    assert any(f["call_id"] == "c2" and f["rule_id"] == "prohibited.threat_arrest" for f in findings)
    assert "c2" in queue
    assert summary.per_rule["prohibited.threat_arrest"]["violation"] >= 1


def test_recheck_counts_the_stored_calls_of_an_account_for_the_7_in_7_rule(tmp_path):
    """The frequency rule re-run over the store sees every stored call of the account."""
    from flows import recheck

    db = f"sqlite:///{tmp_path / 'audit.db'}"
    metas = {  # eight calls to one account in four days
        f"c{n}": {
            "call_id": f"c{n}",
            "account_id": "ACC-1",
            "started_at": f"2026-03-0{2 + n // 2}T1{n % 2}:00:00-05:00",
            "consumer_timezone": "America/New_York",
        }
        for n in range(8)
    }
    _store_audited(db, {c: (meta, _agent_says(c, "Thank you, goodbye.")) for c, meta in metas.items()})

    recheck.recheck_store(db, [str(ROOT / "phrases" / "us_collections")])

    _, findings, _, _ = stored(db)
    assert {f["call_id"] for f in findings if f["rule_id"] == "calling.frequency_7in7"} == {"c7"}


def test_a_recheck_that_dies_mid_run_keeps_written_chunks_and_is_recorded_failed(tmp_path, monkeypatch):
    from flows import recheck

    monkeypatch.setattr(recheck, "CHUNK", 2)
    db = f"sqlite:///{tmp_path / 'audit.db'}"
    _store_audited(db, {f"c{n}": (None, _agent_says(f"c{n}", "you will be arrested")) for n in range(5)})
    real_save = repo.save_rechecks
    saved = []

    def save_then_die(session, rechecks, *args):  # the store goes away while the second chunk is written
        if saved:
            raise OSError("disk I/O error")
        saved.append([r.call_id for r in rechecks])
        return real_save(session, rechecks, *args)

    monkeypatch.setattr(repo, "save_rechecks", save_then_die)
    with pytest.raises(OSError, match="disk I/O error"):
        recheck.recheck_store(db, [str(ROOT / "phrases" / "us_collections")])

    calls, findings, _, _ = stored(db)
    written = {c for c in calls if calls[c].packs_version != "old"}
    assert written == set(saved[0]) and len(written) == 2, "the first chunk is kept, the rest stays stale"
    assert {f["call_id"] for f in findings} == written
    with open_store(db).reading() as session:
        run = repo.latest_run(session, kind="recheck")
    assert (run.status, run.audited) == ("failed", 2)
    assert "OSError: disk I/O error" in run.error


@pytest.mark.slow
def test_real_whisper_end_to_end(prefect_api, tmp_path, run_audit):
    source = copy_calls(tmp_path / "calls", [ARREST, CLEAN])
    (source / "not_audio.wav").write_text("nope")
    db = f"sqlite:///{tmp_path / 'audit.db'}"

    summary = run_audit(source, db, parallel_calls=2)

    assert (summary.audited, summary.failed, summary.transcribed) == (2, 1, 2)
    calls, findings, queue, _ = stored(db)
    assert any(f["rule_id"] == "prohibited.threat_arrest" and f["call_id"] == ARREST for f in findings)
    assert queue[ARREST].priority >= 400  # critical
    store = open_store(db)
    with store.reading() as session:
        document = repo.transcript_document(session, calls[ARREST].transcript_key)
    assert json.loads(document)["utterances"], "the stored transcript has words"
    from transcribe.audio import decode

    assert calls[ARREST].duration == pytest.approx(decode(EXAMPLES / f"{ARREST}.wav").duration, abs=0.05)


@pytest.mark.slow
def test_dask_local_cluster_runs_the_same_tasks(prefect_api, tmp_path, frozen_pack):
    from prefect_dask import DaskTaskRunner

    from flows.audit import audit_recordings

    source = copy_calls(tmp_path / "calls", [ARREST])
    (source / "not_audio.wav").write_text("nope")
    db = f"sqlite:///{tmp_path / 'audit.db'}"
    runner = DaskTaskRunner(
        cluster_kwargs={"n_workers": 1, "threads_per_worker": 1, "processes": True, "dashboard_address": None}
    )
    on_dask = audit_recordings.with_options(task_runner=runner)
    summary = on_dask(source=str(source), db_url=db, parallel_calls=2, packs=[frozen_pack])

    assert (summary.audited, summary.failed) == (1, 1)
    calls, findings, _, _ = stored(db)
    assert calls[ARREST].status == "audited" and calls["not_audio"].error_reason == "undecodable"
    assert any(f["rule_id"] == "prohibited.threat_arrest" for f in findings)


@pytest.mark.slow
def test_sigkill_mid_run_then_rerun_audits_every_call_exactly_once(
    prefect_api, tmp_path, run_audit, frozen_pack
):
    import os
    import signal
    import subprocess
    import sys
    import time

    names = [ARREST, CLEAN, STOP, "ex05_has_lawyer"]
    source = copy_calls(tmp_path / "calls", names)
    db_file = tmp_path / "audit.db"
    db = f"sqlite:///{db_file}"
    cli = "import sys; from callaudit.cli import main; sys.exit(main(sys.argv[1:]))"
    command = [
        sys.executable,
        "-c",
        cli,
        "audit",
        str(source),
        "--db",
        db,
        "--parallel",
        "1",
        "--packs",
        frozen_pack,
    ]
    env = {**os.environ, "PREFECT_API_URL": prefect_api}
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    first_batch: dict[str, int] = {}
    try:
        while time.monotonic() < deadline and process.poll() is None:
            if db_file.exists():
                first_batch = _audited_runs(db)
                if first_batch:
                    break
            time.sleep(0.05)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait()
    assert process.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    first_batch = _audited_runs(db)
    assert 1 <= len(first_batch) < len(names)
    _assert_consistent(db)

    summary = run_audit(source, db)  # the same command again

    assert summary.skipped == len(first_batch) and summary.audited == len(names) - len(first_batch)
    final = _audited_runs(db)
    assert set(final) == set(names)
    assert {call: final[call] for call in first_batch} == first_batch, "a committed call was audited twice"
    _assert_consistent(db)


def _audited_runs(db_url: str) -> dict[str, int]:
    """call_id -> the run that audited it, for every audited call."""
    close_stores()
    with open_store(db_url).reading() as session:
        return {c.call_id: c.last_run_id for c in repo.list_calls(session, status="audited")}


def _assert_consistent(db_url: str) -> None:
    """No half-written call: each audited call has its transcript, its findings, at most one queue item."""
    with open_store(db_url).reading() as session:
        for call in repo.list_calls(session):
            findings = list(repo.iter_findings(session, call_id=call.call_id))
            assert len(findings) == call.finding_count
            document = json.loads(repo.transcript_document(session, call.transcript_key))
            assert all(isinstance(u["words"], dict) for u in document["utterances"]), "stored as columns"
            queued = session.scalars(select(QueueItem).where(QueueItem.call_id == call.call_id)).all()
            assert len(queued) == (1 if findings else 0)


def test_a_missing_source_fails_the_run_at_once(prefect_api, tmp_path):
    import time

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    from flows.audit import audit_recordings
    from flows.local import _settle

    started = time.time()
    state = audit_recordings(
        source=str(tmp_path / "missing"), db_url=f"sqlite:///{tmp_path / 'a.db'}", return_state=True
    )
    assert state.is_failed() and "not a folder" in state.message
    # asked of the server, not timed: a flaky mount is retried (run_count 3), a missing folder is
    # not. Task runs reach the server as events after the flow returns: wait as local_prefect does.
    _settle(started, timeout=30)
    with get_client(sync_client=True) as client:
        runs = client.read_task_runs(
            flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[state.state_details.flow_run_id]))
        )
    find_runs = [r for r in runs if r.name.startswith("find-recordings")]
    assert [r.run_count for r in find_runs] == [1], "a missing folder is not retried like a flaky mount"


def test_a_run_that_fails_before_its_first_task_is_not_waited_on_for_long(prefect_api, tmp_path):
    """No task run will ever reach the server: the wait for them ends after a grace, not the timeout."""
    import time

    from flows.audit import audit_recordings
    from flows.local import _settle

    started = time.time()
    state = audit_recordings(
        source=str(tmp_path),
        db_url=f"sqlite:///{tmp_path / 'a.db'}",
        packs=["no_such_pack"],
        return_state=True,
    )
    assert state.is_failed() and "no_such_pack" in state.message
    waited = time.monotonic()
    _settle(started, timeout=120)
    assert time.monotonic() - waited < 60, "waited for task runs that never were"
