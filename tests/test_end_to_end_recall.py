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


def test_eval_corpus_end_to_end_meets_the_targets(tmp_path):
    """The issue's targets on the 37 labelled eval calls at 8 kHz: recall 1.00, precision >= 0.95.

    Eval was partly used for development (docs/RULES.md says which mechanisms came from it),
    so this guards the measured result against regressions; it is not a held-out figure.
    """
    reports = tmp_path / "reports.json"
    command = ["evaluate", "--corpus", str(ROOT / "eval"), "--packs", "us_collections", "--audio"]

    assert main([*command, "--json", str(reports)]) == 0

    text, audio = json.loads(reports.read_text())
    assert audio["errors"] == [] and audio["calls"] == 37
    missed = {r["rule_id"]: r["missed"] for r in audio["rules"] if r["missed"]}
    assert audio["total"]["fn"] == 0 and audio["total"]["tp"] == 31, missed
    false_alarms = {r["rule_id"]: r["false_alarms"] for r in audio["rules"] if r["false_alarms"]}
    assert audio["total"]["precision"] >= 0.95, false_alarms
    assert text["total"]["recall"] == 1.0 and text["total"]["precision"] == 1.0


def test_held_out_calls_end_to_end_do_not_regress(tmp_path):
    """The 14 held-out calls (eval/holdout, written without reading the packs). Measured
    2026-12-01 at first sight: end to end recall 11/13, precision 0.73; after two rule fixes
    (README): 12/13 and 0.80. The miss left is mono audio where "I've got a lawyer now" was
    heard as "I've got you a little on your now". A floor: losing a caught violation fails here.
    """
    reports = tmp_path / "reports.json"
    command = ["evaluate", "--corpus", str(ROOT / "eval" / "holdout"), "--packs", "us_collections"]

    assert main([*command, "--audio", "--json", str(reports)]) == 0

    text, audio = json.loads(reports.read_text())
    assert audio["errors"] == [] and audio["calls"] == 14
    missed = {r["rule_id"]: r["missed"] for r in audio["rules"] if r["missed"]}
    assert audio["total"]["tp"] >= 12, missed
    assert audio["total"]["precision"] >= 0.80
    assert text["total"]["recall"] == 1.0 and text["total"]["precision"] >= 0.92
