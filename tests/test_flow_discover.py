"""Finding recordings: formats, recursion, sidecars, duplicate ids, and the summary artifact's text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flows.discover import SourceError, attempts_csv, discover_recordings
from flows.steps import CallOutcome, audit_key
from flows.summary import summarize, summary_markdown


def _touch(path: Path, text: str = "x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_discovers_every_audio_format_recursively_and_skips_hidden(tmp_path):
    for name in (
        "a.wav",
        "b/c.FLAC",
        "b/d/e.mp3",
        "f.ogg",
        "g.opus",
        "h.m4a",
        "notes.txt",
        ".hidden/x.wav",
        "b/.y.wav",
        "a.json.bak",
    ):
        _touch(tmp_path / name)
    found = discover_recordings(tmp_path)
    assert sorted(Path(r.path).name for r in found) == [
        "a.wav",
        "c.FLAC",
        "e.mp3",
        "f.ogg",
        "g.opus",
        "h.m4a",
    ]
    assert all(Path(r.path).is_absolute() for r in found)


def test_sidecars_give_call_ids_and_bad_ones_are_marked(tmp_path):
    _touch(tmp_path / "one.wav")
    _touch(tmp_path / "one.json", json.dumps({"call_id": "C-1", "account_id": "ACC-9"}))
    _touch(tmp_path / "two.wav")
    _touch(tmp_path / "two.json", "{not json")
    _touch(tmp_path / "sub" / "three.wav")
    _touch(tmp_path / "sub" / "three.json", json.dumps({"call_id": "C-1"}))
    by_path = {Path(r.path).name: r for r in discover_recordings(tmp_path)}
    assert by_path["one.wav"].call_id == "C-1" and by_path["one.wav"].meta.account_id == "ACC-9"
    assert by_path["one.wav"].problem is None
    assert by_path["two.wav"].call_id == "two" and by_path["two.wav"].problem[0] == "bad_sidecar"
    assert by_path["three.wav"].problem[0] == "duplicate_call_id"
    assert "one.wav" in by_path["three.wav"].problem[1]


def test_missing_source_is_a_run_error(tmp_path):
    with pytest.raises(SourceError, match="not a folder"):
        discover_recordings(tmp_path / "nope")


def test_attempts_csv_only_at_the_root(tmp_path):
    assert attempts_csv(tmp_path) is None
    _touch(tmp_path / "sub" / "call_attempts.csv")
    assert attempts_csv(tmp_path) is None
    _touch(tmp_path / "call_attempts.csv")
    assert attempts_csv(tmp_path) == tmp_path / "call_attempts.csv"


def test_audit_key_changes_with_audio_model_packs_and_sidecar():
    base = audit_key("a" * 64, "t1", "us@1", {"call_id": "c"})
    assert base == audit_key("a" * 64, "t1", "us@1", {"call_id": "c"})
    assert (
        len(
            {
                base,
                audit_key("b" * 64, "t1", "us@1", {"call_id": "c"}),
                audit_key("a" * 64, "t2", "us@1", {"call_id": "c"}),
                audit_key("a" * 64, "t1", "us@2", {"call_id": "c"}),
                audit_key("a" * 64, "t1", "us@1", {"call_id": "c", "first_contact": True}),
            }
        )
        == 5
    )


def test_summary_markdown_lists_counts_rules_and_failures():
    outcomes = [
        CallOutcome(
            "c1",
            "/x/c1.wav",
            "audited",
            flagged=True,
            duration=60.0,
            rule_counts={"prohibited.threat_arrest": {"violation": 2, "needs_listen": 0}},
        ),
        CallOutcome("c2", "/x/c2.wav", "skipped"),
        CallOutcome("c3", "/x/c3.wav", "failed", "truncated", "/x/c3.wav: truncated | cut"),
    ]
    summary = summarize(outcomes, run_id=7, source="/x", packs="us@1", discovered=3)
    assert (summary.audited, summary.skipped, summary.failed, summary.flagged) == (1, 1, 1, 1)
    text = summary_markdown(summary)
    assert "| 3 | 1 | 1 | 1 | 1 | 1.0 min |" in text
    assert "| `prohibited.threat_arrest` | 2 | 0 |" in text
    assert "| `c3` | truncated | /x/c3.wav: truncated \\| cut |" in text
