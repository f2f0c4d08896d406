"""The audit store on SQLite and on a real PostgreSQL server: migrations, transactions, upserts, queue."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, select
from sqlalchemy.exc import IntegrityError, OperationalError

from callaudit.store import close_stores, migrate, open_store, repo
from callaudit.store.models import Call, FindingRecord, QueueItem
from callaudit.store.repo import CallAudit

# ---- a throwaway PostgreSQL server -------------------------------------------------------------


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_postgres_user(cmd: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run it as the ``postgres`` user when we are root."""
    if os.geteuid() != 0:
        return cmd
    return ["runuser", "-u", "postgres", "--", *cmd]


@pytest.fixture(scope="session")
def postgres_url(tmp_path_factory: pytest.TempPathFactory):
    """A PostgreSQL URL: CALLAUDIT_TEST_PG_URL, or a server started here with initdb/pg_ctl."""
    if os.environ.get("CALLAUDIT_TEST_PG_URL"):
        yield os.environ["CALLAUDIT_TEST_PG_URL"]
        return
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not (initdb and pg_ctl):
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    base = tmp_path_factory.mktemp("pg")
    data = base / "data"
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
        base.chmod(0o755)
        for parent in list(base.parents)[:3]:  # the tmp dirs above must be traversable
            parent.chmod(parent.stat().st_mode | 0o711)
    port = _free_port()
    subprocess.run(
        _as_postgres_user([initdb, "-D", str(data), "-U", "callaudit", "--auth=trust", "-E", "UTF8"]),
        check=True,
        capture_output=True,
    )
    subprocess.run(
        _as_postgres_user(
            [
                pg_ctl,
                "-D",
                str(data),
                "-l",
                str(base / "server.log"),
                "-w",
                "-t",
                "60",
                "-o",
                f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off",
                "start",
            ]
        ),
        check=True,
        capture_output=True,
    )
    url = f"postgresql+psycopg2://callaudit@127.0.0.1:{port}/postgres"
    try:
        for _ in range(50):
            try:
                create_engine(url).connect().close()
                break
            except OperationalError:
                time.sleep(0.2)
        yield url
    finally:
        close_stores()
        subprocess.run(
            _as_postgres_user([pg_ctl, "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
            check=False,
        )


def _fresh_pg_database(admin_url: str, name: str) -> str:
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    engine.dispose()
    return admin_url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty store URL, once on a SQLite file and once on a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'audit.db'}"
    admin = request.getfixturevalue("postgres_url")
    return _fresh_pg_database(admin, f"t_{os.getpid()}_{abs(hash(request.node.name)) % 10**8}")


# ---- what a call's audit writes -----------------------------------------------------------------


def _finding(rule: str, status: str = "violation", severity: str = "high", start: float = 1.0) -> dict:
    return {
        "call_id": "ignored",
        "rule_id": rule,
        "status": status,
        "severity": severity,
        "speaker": "agent",
        "start": start,
        "end": start + 1.5,
        "text": "you will be arrested",
        "score": 0.93,
        "message": "Threat of arrest",
        "citation": "15 USC 1692e(4)",
        "pack_version": "abc123",
    }


def _audit(
    call_id: str = "c1", findings=(), run_id=None, key: str = "k1", document: str | None = "{}"
) -> CallAudit:
    return CallAudit(
        call_id=call_id,
        path=f"/calls/{call_id}.wav",
        audio_sha256="a" * 64,
        meta={"call_id": call_id},
        transcript_key="t" * 64,
        audit_key=key,
        packs_version="us_collections@abc123",
        run_id=run_id,
        findings=list(findings),
        transcript_document=document,
        model="tiny.en",
        options={"beam_size": 5},
        duration=12.5,
        word_count=40,
    )


def test_migrations_create_every_table_from_empty(db_url: str) -> None:
    store = open_store(db_url)
    assert migrate.current_revision(store.engine) == migrate.head_revision()
    tables = set(inspect(store.engine).get_table_names())
    assert {"calls", "transcripts", "findings", "runs", "queue_items", "alembic_version"} <= tables
    migrate.downgrade(store.engine, "base")
    assert set(inspect(store.engine).get_table_names()) <= {"alembic_version"}
    migrate.upgrade(store.engine)
    assert "calls" in inspect(store.engine).get_table_names()


def test_store_survives_reopening_with_its_data(db_url: str) -> None:
    with open_store(db_url).transaction() as session:
        repo.save_audit(session, _audit(findings=[_finding("prohibited.threat_arrest")]))
    close_stores()
    with open_store(db_url).reading() as session:
        assert [c.call_id for c in repo.list_calls(session)] == ["c1"]


def test_saving_the_same_audit_twice_never_duplicates(db_url: str) -> None:
    store = open_store(db_url)
    for _ in range(2):
        with store.transaction() as session:
            run_id = repo.start_run(session, source="/calls")
            flagged = repo.save_audit(
                session,
                _audit(findings=[_finding("a.rule"), _finding("b.rule", "needs_listen")], run_id=run_id),
            )
        assert flagged
    with store.reading() as session:
        counts = repo.counts(session)
    assert counts["calls"] == 1 and counts["transcripts"] == 1
    assert counts["findings"] == 2 and counts["queue_items"] == 1 and counts["runs"] == 2


def test_a_failed_write_leaves_nothing_of_the_call(db_url: str) -> None:
    store = open_store(db_url)
    bad = _finding("a.rule")
    bad["status"] = None  # NOT NULL: the findings insert fails after the call row was written
    with pytest.raises(IntegrityError), store.transaction() as session:
        repo.save_audit(session, _audit(findings=[_finding("ok.rule"), bad]))
    with store.reading() as session:
        assert repo.counts(session) == {
            "calls": 0,
            "transcripts": 0,
            "findings": 0,
            "queue_items": 0,
            "runs": 0,
        }


def test_queue_priority_orders_by_severity_then_unsure_findings(db_url: str) -> None:
    store = open_store(db_url)
    with store.transaction() as session:
        repo.save_audit(session, _audit("low", [_finding("x", severity="low")]))
        repo.save_audit(session, _audit("critical", [_finding("x", severity="critical")]))
        repo.save_audit(session, _audit("high_unsure", [_finding("x", "needs_listen", severity="high")]))
        repo.save_audit(session, _audit("high", [_finding("x", severity="high")]))
        repo.save_audit(session, _audit("clean", []))
    with store.reading() as session:
        order = [item.call_id for item in repo.review_queue(session)]
    assert order == ["critical", "high_unsure", "high", "low"]


def test_reaudit_updates_findings_and_queue_consistently(db_url: str) -> None:
    store = open_store(db_url)
    with store.transaction() as session:
        repo.save_audit(session, _audit(findings=[_finding("a.rule")]))
    with store.transaction() as session:  # a reviewer closes it
        item = session.scalars(select(QueueItem)).one()
        item.status = "done"
    with store.transaction() as session:  # same findings: stays done
        repo.save_audit(session, _audit(findings=[_finding("a.rule")], key="k2"))
    with store.reading() as session:
        assert session.scalars(select(QueueItem.status)).one() == "done"
    with store.transaction() as session:  # a new finding: reopened
        repo.save_audit(session, _audit(findings=[_finding("a.rule"), _finding("b.rule")], key="k3"))
    with store.reading() as session:
        assert session.scalars(select(QueueItem.status)).one() == "pending"
        assert sorted(session.scalars(select(FindingRecord.rule_id))) == ["a.rule", "b.rule"]
    with store.transaction() as session:  # clean now: the pending item goes
        repo.save_audit(session, _audit(findings=[], key="k4"))
    with store.reading() as session:
        assert repo.counts(session)["queue_items"] == 0
        assert repo.counts(session)["findings"] == 0


def test_failures_are_recorded_with_reason_and_counted(db_url: str) -> None:
    store = open_store(db_url)
    for _ in range(2):
        with store.transaction() as session:
            repo.record_failure(
                session,
                call_id="bad",
                path="/calls/bad.wav",
                reason="truncated",
                detail="/calls/bad.wav: truncated: header declares 30 s",
                run_id=None,
            )
    with store.reading() as session:
        call = session.get(Call, "bad")
        assert (call.status, call.error_reason, call.failures) == ("failed", "truncated", 2)
    with store.transaction() as session:  # fixed file: audited, the failure cleared
        repo.save_audit(session, _audit("bad"))
    with store.reading() as session:
        call = session.get(Call, "bad")
        assert (call.status, call.error_reason, call.failures) == ("audited", None, 0)


def test_recheck_selection_and_update(db_url: str) -> None:
    store = open_store(db_url)
    with store.transaction() as session:
        repo.save_audit(session, _audit("c1", [_finding("a.rule")]))
        repo.save_audit(session, _audit("c2", []))
    with store.reading() as session:
        assert repo.calls_to_recheck(session, "us_collections@abc123") == []
        assert repo.calls_to_recheck(session, "us_collections@new") == ["c1", "c2"]
        call, document = repo.stored_calls(session, ["c2"])["c2"]
        assert document == "{}" and call.meta == {"call_id": "c2"}
    with store.transaction() as session:
        recheck = repo.Recheck("c2", [_finding("new.rule")], "k9")
        assert repo.save_rechecks(session, [recheck], "us_collections@new", run_id=None) == {"c2"}
    with store.reading() as session:
        assert [f.rule_id for f in repo.iter_findings(session, call_id="c2")] == ["new.rule"]
        assert [i.call_id for i in repo.review_queue(session)] == ["c1", "c2"]
        assert repo.calls_to_recheck(session, "us_collections@new") == ["c1"]


def test_a_batch_of_rechecks_writes_what_one_by_one_would(db_url: str) -> None:
    """save_rechecks: findings replaced, queue items opened, kept, reopened and closed per call."""
    store = open_store(db_url)
    with store.transaction() as session:
        repo.save_audit(session, _audit("new", []))  # gets its first finding
        repo.save_audit(session, _audit("same", [_finding("a.rule")]))  # reviewed, unchanged
        repo.save_audit(session, _audit("changed", [_finding("a.rule")]))  # reviewed, changed
        repo.save_audit(session, _audit("cleared", [_finding("a.rule")]))  # pending, now clean
        repo.save_audit(session, _audit("untouched", [_finding("a.rule")]))
    with store.transaction() as session:
        for item in session.scalars(select(QueueItem).where(QueueItem.call_id.in_(["same", "changed"]))):
            item.status = "done"
    rechecks = [
        repo.Recheck("new", [_finding("b.rule")], "k-new"),
        repo.Recheck("same", [_finding("a.rule")], "k-same"),
        repo.Recheck("changed", [_finding("a.rule"), _finding("b.rule", start=9.0)], "k-changed"),
        repo.Recheck("cleared", [], "k-cleared"),
    ]
    with store.transaction() as session:
        flagged = repo.save_rechecks(session, rechecks, "us_collections@new", run_id=None)

    assert flagged == {"new", "same", "changed"}
    with store.reading() as session:
        calls = {c.call_id: c for c in repo.list_calls(session)}
        queue = {q.call_id: q.status for q in session.scalars(select(QueueItem))}
        rules = {c: sorted(f.rule_id for f in repo.iter_findings(session, call_id=c)) for c in calls}
        stale = repo.calls_to_recheck(session, "us_collections@new")
    assert queue == {"new": "pending", "same": "done", "changed": "pending", "untouched": "pending"}
    assert rules == {
        "new": ["b.rule"],
        "same": ["a.rule"],
        "changed": ["a.rule", "b.rule"],
        "cleared": [],
        "untouched": ["a.rule"],
    }
    assert [(calls[r.call_id].audit_key, calls[r.call_id].finding_count) for r in rechecks] == [
        ("k-new", 1),
        ("k-same", 1),
        ("k-changed", 2),
        ("k-cleared", 0),
    ]
    assert stale == ["untouched"]


def test_stored_calls_read_many_at_once_and_say_when_a_transcript_is_missing(db_url: str) -> None:
    store = open_store(db_url)
    with store.transaction() as session:
        repo.save_audit(session, _audit("c1", document='{"a": 1}'))
        lost = _audit("lost", document=None)  # an audited call that points at no transcript
        repo.save_audit(session, CallAudit(**{**lost.__dict__, "transcript_key": None}))
    with store.reading() as session:
        found = repo.stored_calls(session, ["c1", "lost", "nobody"])
    assert {c: (call.path, document) for c, (call, document) in found.items()} == {
        "c1": ("/calls/c1.wav", '{"a": 1}'),
        "lost": ("/calls/lost.wav", None),
    }


def test_finding_to_dict_has_the_contract_fields(db_url: str) -> None:
    with open_store(db_url).transaction() as session:
        repo.save_audit(session, _audit(findings=[_finding("a.rule")]))
    with open_store(db_url).reading() as session:
        (finding,) = repo.iter_findings(session)
        data = finding.to_dict()
    assert list(data)[:11] == list(FindingRecord.CONTRACT_FIELDS)
    assert data["call_id"] == "c1" and data["start"] == 1.0 and data["end"] == 2.5


def test_bad_url_is_a_clear_error() -> None:
    from callaudit.store import StoreError

    with pytest.raises(StoreError, match="not a database URL"):
        open_store("not a url")


def test_concurrent_writers_from_threads(db_url: str) -> None:
    from concurrent.futures import ThreadPoolExecutor

    store = open_store(db_url)

    def write(i: int) -> bool:
        with store.transaction() as session:
            session.execute(select(Call.call_id)).all()  # a read before the write, as the flow does
            return repo.save_audit(session, _audit(f"c{i}", [_finding("a.rule")]))

    with ThreadPoolExecutor(max_workers=6) as pool:
        assert all(pool.map(write, range(30)))
    with store.reading() as session:
        assert repo.counts(session)["queue_items"] == 30


def test_cli_lists_what_the_store_holds(db_url: str, capsys) -> None:
    import json

    from callaudit.cli import main

    with open_store(db_url).transaction() as session:
        repo.save_audit(session, _audit("c1", [_finding("prohibited.threat_arrest")]))
    assert main(["findings", "--db", db_url, "--format", "jsonl"]) == 0
    (row,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert (row["call_id"], row["rule_id"], row["end"]) == ("c1", "prohibited.threat_arrest", 2.5)
    assert main(["queue", "--db", db_url]) == 0
    assert "c1" in capsys.readouterr().out


def _open_in_child(url: str) -> str:
    from callaudit.store import open_store as child_open

    child_open(url)
    return "ok"


def test_processes_opening_a_new_sqlite_store_at_once_all_succeed(tmp_path):
    """An audit starting while `callaudit calls` opens the same new store: both migrate safely."""
    import multiprocessing

    # Twelve fresh stores: one race rarely loses, and switching a new file to WAL fails at once
    # instead of waiting on the busy timeout, so a single round let that bug through CI.
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        for attempt in range(12):
            url = f"sqlite:///{tmp_path / f'race{attempt}.db'}"
            assert pool.map(_open_in_child, [url] * 4, chunksize=1) == ["ok"] * 4
