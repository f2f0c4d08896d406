"""The promise, measured: every labelled violation in the example calls is caught from audio.

Real Whisper (bundled tiny.en) on the 8 kHz G.711 example calls, then the US collections
pack, through ``callaudit evaluate --audio`` as a compliance analyst runs it. The example
calls were never used to tune phrases, so this guards against a change in transcription
settings or matching that silently drops a violation.
"""

from __future__ import annotations

import json

import pytest
from conftest import ROOT

from callaudit.cli import main
from transcribe.model import Transcript

pytestmark = pytest.mark.slow


def test_example_calls_end_to_end_recall_is_total_and_precision_high(tmp_path, capsys):
    reports, transcripts = tmp_path / "reports.json", tmp_path / "asr"
    command = ["evaluate", "--corpus", str(ROOT / "examples"), "--packs", "us_collections", "--audio"]

    assert main([*command, "--transcripts", str(transcripts), "--json", str(reports)]) == 0

    text, audio = json.loads(reports.read_text())
    assert (text["mode"], audio["mode"]) == ("text", "audio")
    assert audio["errors"] == []
    total = audio["total"]
    missed = {r["rule_id"]: r["missed"] for r in audio["rules"] if r["missed"]}
    assert total["tp"] == 9 and total["fn"] == 0, missed  # measured: 9 of 9
    false_alarms = {r["rule_id"]: r["false_alarms"] for r in audio["rules"] if r["false_alarms"]}
    assert total["precision"] >= 0.95, false_alarms
    saved = sorted(transcripts.glob("*.json"))
    assert len(saved) == audio["calls"] == 8
    assert Transcript.from_json(saved[0].read_text()).provenance.model == "tiny.en"
    assert "== audio: 8 calls ==" in capsys.readouterr().out
