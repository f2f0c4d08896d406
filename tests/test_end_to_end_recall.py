"""The promise, measured: every labelled violation in the example calls is caught from audio.

Real Whisper (bundled tiny.en) on the 8 kHz G.711 example calls, then the US collections
pack, through ``callaudit evaluate --audio`` as a compliance analyst runs it. The example
calls were never used to tune phrases, so this guards against a change in transcription
settings or matching that silently drops a violation.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT

from callaudit.cli import main
from transcribe.model import Transcript

pytestmark = pytest.mark.slow


def evaluate_audio(corpus: Path, reports: Path, *options: str) -> tuple[dict, dict]:
    """``callaudit evaluate --audio`` on a corpus with the US pack: the text and audio reports."""
    command = ["evaluate", "--corpus", str(corpus), "--packs", "us_collections", "--audio"]
    assert main([*command, *options, "--json", str(reports)]) == 0
    text, audio = json.loads(reports.read_text())
    assert (text["mode"], audio["mode"]) == ("text", "audio")
    return text, audio


def missed(report: dict) -> dict[str, list[str]]:
    return {r["rule_id"]: r["missed"] for r in report["rules"] if r["missed"]}


def false_alarms(report: dict) -> dict[str, list[str]]:
    return {r["rule_id"]: r["false_alarms"] for r in report["rules"] if r["false_alarms"]}


def test_example_calls_end_to_end_recall_is_total_and_precision_high(tmp_path, capsys):
    transcripts = tmp_path / "asr"
    _, audio = evaluate_audio(ROOT / "examples", tmp_path / "reports.json", "--transcripts", str(transcripts))

    assert audio["errors"] == []
    total = audio["total"]
    assert total["tp"] == 9 and total["fn"] == 0, missed(audio)  # measured: 9 of 9
    assert total["precision"] >= 0.95, false_alarms(audio)
    saved = sorted(transcripts.glob("*.json"))
    assert len(saved) == audio["calls"] == 8
    assert Transcript.from_json(saved[0].read_text()).provenance.model == "tiny.en"
    assert "== audio: 8 calls ==" in capsys.readouterr().out


def test_eval_corpus_end_to_end_meets_the_targets(tmp_path):
    """The issue's targets on the 37 labelled eval calls at 8 kHz: recall 1.00, precision >= 0.95.

    Eval was partly used for development (docs/RULES.md says which mechanisms came from it),
    so this guards the measured result against regressions; it is not a held-out figure.
    """
    text, audio = evaluate_audio(ROOT / "eval", tmp_path / "reports.json")

    assert audio["errors"] == [] and audio["calls"] == 37
    assert audio["total"]["fn"] == 0 and audio["total"]["tp"] == 31, missed(audio)
    assert audio["total"]["precision"] >= 0.95, false_alarms(audio)
    assert text["total"]["recall"] == 1.0 and text["total"]["precision"] == 1.0


def test_held_out_calls_end_to_end_do_not_regress(tmp_path):
    """The 14 held-out calls (eval/holdout, written without reading the packs). Measured
    2026-12-01 at first sight: end to end recall 11/13, precision 0.73; after two rule fixes
    (README): 12/13 and 0.80 on that machine's CPU kernels. 2026-12-02: 12/13 and 0.75 on a
    Xeon with MKL pinned to AVX2, 0.80 on an AMD EPYC with every kernel pinned (transcribe/
    engine.py CPU_KERNELS), and 0.92 (12 of 13 flagged) after the disclosure rules learned the
    agent's limited-content message to a third party. The miss left is mono audio where "I've
    got a lawyer now" was heard as "I've got you a little on your now". A floor: losing a caught
    violation fails here, and so do two more false alarms (0.85 leaves room for the Xeon's ho01,
    "Yes, this isn't me", on a CPU whose kernels we could not check after pinning).
    """
    text, audio = evaluate_audio(ROOT / "eval" / "holdout", tmp_path / "reports.json")

    assert audio["errors"] == [] and audio["calls"] == 14
    assert audio["total"]["tp"] >= 12, missed(audio)
    assert audio["total"]["precision"] >= 0.85, false_alarms(audio)
    assert text["total"]["recall"] == 1.0 and text["total"]["precision"] >= 0.92


@pytest.mark.parametrize("corpus", ["holdout2", "holdout3"])
def test_later_held_out_sets_end_to_end_do_not_regress(corpus, tmp_path):
    """Two sets of 20 calls written on 2026-12-02 by authors who had not read the packs (14
    calls with violations of all 14 rules, 6 tricky negatives, 6 mono each); holdout3's author
    was told to avoid the obvious keywords ("somebody in uniform from the back seat of their
    car", "I've retained counsel"). At first sight (README): holdout2 from text 11/17, end to
    end 11/17 at precision 0.79; holdout3, with holdout2's fixes, from text 9/17 with 6 false
    alarms, end to end 8/17 at precision 0.53. After the fixes they led to, both: from text
    17/17 with no false alarm; end to end 16/17 at precision 0.89. The misses left are ASR
    errors with no unsure word to search ("a sheriff's deputy" heard as "share a step you're",
    "a judge" as "a jitch"); the false alarms are mono calls whose "Speaking." or "Yes." the
    ASR lost, so the balance came before any confirmation it heard (needs_listen).
    """
    text, audio = evaluate_audio(ROOT / "eval" / corpus, tmp_path / "reports.json")

    assert audio["errors"] == [] and audio["calls"] == 20
    assert audio["total"]["tp"] >= 16, missed(audio)
    assert audio["total"]["precision"] >= 0.85, false_alarms(audio)
    assert text["total"]["recall"] == 1.0 and text["total"]["precision"] == 1.0, (
        missed(text),
        false_alarms(text),
    )


def test_untuned_fourth_held_out_set_end_to_end_does_not_regress(tmp_path):
    """eval/holdout4: 20 calls written on 2026-12-02, after every change of that day, by a fourth
    author (half plain, half veiled wording) and measured once. Nothing was tuned on it, so its
    figures are what the packs do on wording they have not met: from text 13 of 16 violations
    at precision 0.81, end to end 11 of 16 at precision 0.73 (README). A floor at that level:
    a change that loses one of those catches, or adds false alarms, fails here. Raise it only
    with fixes that were not made by reading these calls' errors.
    """
    text, audio = evaluate_audio(ROOT / "eval" / "holdout4", tmp_path / "reports.json")

    assert audio["errors"] == [] and audio["calls"] == 20
    assert audio["total"]["tp"] >= 11, missed(audio)
    assert audio["total"]["precision"] >= 0.7, false_alarms(audio)
    assert text["total"]["tp"] >= 13 and text["total"]["precision"] >= 0.8, (missed(text), false_alarms(text))
