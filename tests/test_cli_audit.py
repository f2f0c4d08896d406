"""``callaudit audit | recheck | calls | findings | queue``: output formats, clean errors, no tracebacks."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from callaudit.cli import main
from callaudit.store import open_store, repo
from callaudit.store.models import FindingRecord
from callaudit.store.repo import CallAudit

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "calls"
CONTRACT = list(FindingRecord.CONTRACT_FIELDS)


def _finding(call_id: str, rule: str, status: str, severity: str, start: float) -> dict:
    return {
        "call_id": call_id,
        "rule_id": rule,
        "status": status,
        "severity": severity,
        "speaker": "agent",
        "start": start,
        "end": start + 2.0,
        "text": "card [CARD] and you will be arrested",
        "score": 0.9,
        "message": f"{rule} message",
        "citation": "15 USC 1692e",
        "pack_version": "v1",
    }


@pytest.fixture
def populated_db(tmp_path: Path) -> str:
    """A store holding three audited calls (one clean) and one failed call."""
    db = f"sqlite:///{tmp_path / 'audit.db'}"
    plan = {
        "call_a": [
            _finding("call_a", "prohibited.threat_arrest", "violation", "critical", 30.0),
            _finding("call_a", "disclosure.mini_miranda", "needs_listen", "high", 5.0),
        ],
        "call_b": [_finding("call_b", "disclosure.recording_notice", "violation", "medium", 1.0)],
        "call_c": [],
    }
    with open_store(db).transaction() as session:
        for call_id, findings in plan.items():
            repo.save_audit(
                session,
                CallAudit(
                    call_id=call_id,
                    path=f"/calls/{call_id}.wav",
                    audio_sha256=call_id * 8,
                    meta=None,
                    transcript_key=f"t-{call_id}",
                    audit_key="k",
                    packs_version="us_collections@v1",
                    run_id=None,
                    findings=findings,
                    transcript_document="{}",
                    duration=42.0,
                ),
            )
        repo.record_failure(
            session,
            call_id="broken",
            path="/calls/broken.wav",
            reason="truncated",
            detail="/calls/broken.wav: truncated: the header declares 40.0 s",
            run_id=None,
        )
    return db


def test_findings_jsonl_has_one_contract_object_per_line(populated_db, capsys):
    assert main(["findings", "--db", populated_db, "--format", "jsonl"]) == 0
    lines = capsys.readouterr().out.splitlines()
    rows = [json.loads(line) for line in lines]
    assert len(rows) == 3
    for row in rows:
        assert list(row)[: len(CONTRACT)] == CONTRACT
    assert {r["rule_id"] for r in rows if r["call_id"] == "call_a"} == {
        "prohibited.threat_arrest",
        "disclosure.mini_miranda",
    }


def test_findings_filters_and_csv(populated_db, capsys):
    assert (
        main(["findings", "--db", populated_db, "--rule", "prohibited.threat_arrest", "--format", "csv"]) == 0
    )
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["call_id"], r["rule_id"], r["status"]) for r in rows] == [
        ("call_a", "prohibited.threat_arrest", "violation")
    ]
    assert list(rows[0])[: len(CONTRACT)] == CONTRACT
    assert main(["findings", "--db", populated_db, "--call", "call_b", "--format", "jsonl"]) == 0
    assert [json.loads(x)["call_id"] for x in capsys.readouterr().out.splitlines()] == ["call_b"]


def test_findings_table(populated_db, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    assert main(["findings", "--db", populated_db]) == 0
    out = capsys.readouterr().out
    assert "3 finding(s)" in out and "prohibited.threat_arrest" in out and "30.0-32.0 s" in out


def test_calls_lists_status_and_failure_reason(populated_db, capsys):
    assert main(["calls", "--db", populated_db]) == 0
    out = capsys.readouterr().out
    assert "4 call(s)" in out and "broken" in out and "failed" in out and "truncated" in out
    assert main(["calls", "--db", populated_db, "--status", "failed"]) == 0
    out = capsys.readouterr().out
    assert "1 call(s)" in out and "call_a" not in out


def test_queue_lists_pending_items_by_priority(populated_db, capsys):
    assert main(["queue", "--db", populated_db]) == 0
    out = capsys.readouterr().out
    assert "2 pending review item(s)" in out
    assert out.index("call_a") < out.index("call_b")  # critical + needs_listen before medium
    assert "call_c" not in out


def test_bad_source_and_bad_db_are_clean_errors(tmp_path, capsys):
    assert main(["audit", str(tmp_path / "missing"), "--db", f"sqlite:///{tmp_path / 'a.db'}"]) == 1
    err = capsys.readouterr().err
    assert "not a folder" in err and "Traceback" not in err
    assert main(["calls", "--db", "nonsense://"]) == 1
    assert "Traceback" not in capsys.readouterr().err


def test_bad_rule_pack_fails_before_any_work(tmp_path, capsys):
    (tmp_path / "calls").mkdir()
    pack = tmp_path / "us_collections"
    shutil.copytree(ROOT / "phrases" / "us_collections", pack)
    rule = next(pack.rglob("threat_arrest.yml"))
    rule.write_text(rule.read_text() + "\nnot_a_key: 1\n")
    assert (
        main(
            ["audit", str(tmp_path / "calls"), "--db", f"sqlite:///{tmp_path / 'a.db'}", "--packs", str(pack)]
        )
        == 1
    )
    err = capsys.readouterr().err
    assert "threat_arrest.yml" in err and "Traceback" not in err


def test_operations_doc_mentions_every_command():
    doc = (ROOT / "docs" / "OPERATIONS.md").read_text()
    for command in (
        "callaudit audit",
        "callaudit recheck",
        "callaudit calls",
        "callaudit findings",
        "callaudit queue",
        "DaskTaskRunner",
        "cron",
        "postgresql://",
    ):
        assert command in doc, command


@pytest.mark.slow
def test_audit_command_runs_locally_with_no_setup_and_no_traceback(tmp_path):
    source = tmp_path / "calls"
    source.mkdir()
    for suffix in (".wav", ".json"):
        shutil.copy(EXAMPLES / f"ex02_arrest_threat{suffix}", source / f"ex02_arrest_threat{suffix}")
    (source / "not_audio.wav").write_text("not a recording")
    db = f"sqlite:///{tmp_path / 'audit.db'}"
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    command = [
        sys.executable,
        "-c",
        "import sys; from callaudit.cli import main; sys.exit(main(sys.argv[1:]))",
        "audit",
        str(source),
        "--db",
        db,
    ]

    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, check=False)

    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "ERROR" not in done.stderr, done.stderr
    assert "calls found" in done.stdout and "prohibited.threat_arrest" in done.stdout
    assert "not_audio" in done.stdout and "undecodable" in done.stdout  # a bad file is not a run failure
    assert "2/2" in done.stderr  # the progress bar reached the end
    with open_store(db).reading() as session:
        assert {c.call_id: c.status for c in repo.list_calls(session)} == {
            "ex02_arrest_threat": "audited",
            "not_audio": "failed",
        }
