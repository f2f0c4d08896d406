"""The promise, measured: every labelled violation in the example calls is caught from audio.

Real Whisper (bundled tiny.en) on the 8 kHz G.711 example calls, then the US collections
pack. The example calls were never used to tune phrases, so this guards against a change
in transcription settings or matching that silently drops a violation.
"""

from __future__ import annotations

import pytest
from conftest import ROOT

from checks import load_packs
from checks.evaluate import evaluate
from transcribe.engine import TranscribeOptions, transcribe_file

pytestmark = pytest.mark.slow


def test_example_calls_end_to_end_recall_is_total_and_precision_high():
    options = TranscribeOptions()
    report = evaluate(
        ROOT / "examples",
        load_packs(["us_collections"]),
        transcribe=lambda path, meta: transcribe_file(path, options, meta),
    )
    assert report.errors == []
    total = report.total
    missed = {s.rule_id: s.missed for s in report.rules if s.missed}
    assert total.tp == 9 and total.fn == 0, missed  # measured: 9 of 9
    assert total.precision >= 0.95, {s.rule_id: s.false_alarms for s in report.rules if s.false_alarms}
