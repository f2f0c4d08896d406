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


# corpus: (calls, violations, caught end to end at least, precision end to end at least,
#          precision from text at least); from text every set catches all its violations
LATER_HELD_OUT = {
    "holdout2": (20, 17, 17, 0.85, 1.0),
    "holdout3": (20, 17, 16, 0.8, 1.0),
    "holdout4": (20, 16, 15, 0.75, 0.8),
    "holdout5": (16, 12, 12, 0.85, 1.0),
    "holdout6": (16, 12, 12, 0.9, 0.9),
    "holdout7": (16, 12, 12, 0.9, 1.0),
    "holdout8": (16, 11, 11, 0.8, 1.0),
    "holdout9": (12, 8, 8, 0.7, 0.85),
}


@pytest.mark.parametrize("corpus", LATER_HELD_OUT)
def test_later_held_out_sets_end_to_end_do_not_regress(corpus, tmp_path):
    """Eight sets written on 2026-12-02 and 12-03 by authors who had not read the packs, each
    scored once at first sight and then fixed (README, "Measured precision and recall").

    - holdout2 (20 calls) and holdout3 (20, veiled wording: "somebody in uniform from the back
      seat of their car", "I've retained counsel"). First sight from text 11/17 and 9/17; after
      their fixes from text 17/17 with no false alarm, end to end 16/17 at precision 0.89 (0.84
      for holdout3 once an amount in digits became a debt detail: a mono call whose "Yes" the
      ASR lost, needs_listen).
    - holdout4 (20): first sight from text 13/16, end to end 11/16 at 0.73; after its fixes
      16/16 from text (precision 0.84: two mono calls where the consumer swears or asks about
      the police, needs_listen by design), end to end 15/16 at 0.79.
    - holdout5 (16), written after holdout4's fixes: first sight from text 11/12 at precision
      1.00, end to end 10/12 at 0.91; after its fixes 12/12 from text, 12/12 end to end at 0.92
      (0.86 on the AVX-512 EPYC of 2026-12-03, at this and the code before: h503's mono
      transcript there gives an attorney needs_listen too).
    - holdout6 (16), written after holdout5's fixes: first sight from text 8/12 at 0.80, end to
      end 6/12 at 0.67 ("a process server", "treat it as coming from the court itself", "leave
      me be"); after its fixes 12/12 both ways at 0.92 (a mono call from a jail deputy, and a
      third-party false alarm where the ASR lost "Yeah, this is Curtis").
    - holdout7 (16, half plain and half veiled wording), written after holdout6's fixes: first
      sight 9/12 at 0.64 both ways ("a perp walk", "Uncle Sam's the one on the other end", "a
      little buzz after the first"); after its fixes 12/12 from text at 1.00, end to end at 0.92.
    - holdout8 (16, long call-floor calls, the violation buried mid-turn): first sight 7/11 at
      0.70 from text, 6/11 at 0.60 end to end ("a screen door", "I'm a paralegal", "the repo
      truck", "my guy at the law office"); after its fixes 11/11 both ways, end to end at 0.85
      (two lost confirmations, needs_listen).
    - holdout9 (12, short calls on the consumer's responses and call-log edges, 7 mono): first
      sight 5/8 both ways, at 0.62 from text and 0.50 end to end; all three misses were
      response rules ("I don't want this phone ringing from you people again", "she's a lawyer,
      she's working on all my cards", "I settled that with them last fall"). After its fixes
      8/8 both ways, at 0.89 from text and 0.67 end to end; 0.80 once a verification question
      answered with digits confirms the consumer (left: a husband's "she owes them" on mono
      audio, "who's calling" heard as "two calling").

    The misses left are ASR errors with no unsure word to search ("a judge" as "a jitch", "sob
    story" as "soft story"). h201's "a sheriff's deputy" heard as "share a step you're" is
    caught since 2026-12-03 by what was left of it: "showing up at your job". A floor: losing
    a caught violation, or two more false alarms, fails here.
    """
    calls, violations, caught, precision, text_precision = LATER_HELD_OUT[corpus]
    text, audio = evaluate_audio(ROOT / "eval" / corpus, tmp_path / "reports.json")

    assert audio["errors"] == [] and audio["calls"] == calls
    assert audio["total"]["tp"] + audio["total"]["fn"] == violations
    assert audio["total"]["tp"] >= caught, missed(audio)
    assert audio["total"]["precision"] >= precision, false_alarms(audio)
    assert text["total"]["recall"] == 1.0, missed(text)
    assert text["total"]["precision"] >= text_precision, false_alarms(text)
