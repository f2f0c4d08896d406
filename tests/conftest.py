"""Shared fixtures: real recordings whose words are known."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from transcribe.reference import Reference, asterisk_calls

ROOT = Path(__file__).resolve().parent.parent

# The fields of a finding, as the rule-pack issue's output contract lists them.
FINDING_CONTRACT = (
    "call_id",
    "rule_id",
    "status",
    "severity",
    "speaker",
    "start",
    "end",
    "text",
    "score",
    "message",
    "citation",
)

# The stable rule ids the US collections pack promises (issue 3); corpus labels use only these.
US_COLLECTIONS_IDS = frozenset(
    {
        "disclosure.mini_miranda",
        "disclosure.debt_collector_identity",
        "disclosure.recording_notice",
        "procedure.third_party_disclosure",
        "prohibited.threat_arrest",
        "prohibited.threat_legal_action",
        "prohibited.false_representation",
        "prohibited.abusive_language",
        "prohibited.profanity",
        "response.cease_request",
        "response.attorney_represented",
        "response.dispute",
        "calling.time_window",
        "calling.frequency_7in7",
    }
)


@pytest.fixture(scope="session")
def asterisk_stereo_calls(tmp_path_factory) -> list[Reference]:
    """Two stereo 8 kHz mu-law calls of real human speech (Asterisk prompts), agent ch0 / customer ch1."""
    return asterisk_calls(tmp_path_factory.mktemp("asterisk-calls"), n_calls=2, turns=6)


@pytest.fixture(scope="session")
def stereo_call(asterisk_stereo_calls) -> Reference:
    return asterisk_stereo_calls[0]


def convert(source: Path, target: Path, *ffmpeg_args: str) -> Path:
    """Re-encode a recording with ffmpeg (e.g. to FLAC, MP3, Opus, M4A, A-law)."""
    if shutil.which("ffmpeg") is None:
        raise RuntimeError("ffmpeg is needed for format tests: apt-get install ffmpeg")
    subprocess.run(
        ["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", str(source), *ffmpeg_args, str(target)],
        check=True,
    )
    return target


def write_wav(path: Path, samples: np.ndarray, rate: int = 8000) -> Path:
    """Write float samples (n,) or (n, channels) as 16-bit PCM WAV."""
    import wave

    samples = samples if samples.ndim == 2 else samples[:, None]
    with wave.open(str(path), "wb") as w:
        w.setnchannels(samples.shape[1])
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes((np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes())
    return path
