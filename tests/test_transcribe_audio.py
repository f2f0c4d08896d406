"""Decoding recordings as call centers store them, and refusing bad ones by name and reason."""

from __future__ import annotations

import shutil

import numpy as np
import pytest
from conftest import convert, write_wav

from transcribe.audio import SAMPLE_RATE, decode, require_signal
from transcribe.engine import transcribe_file
from transcribe.errors import (
    AudioDecodeError,
    InputError,
    SidecarError,
    SilentAudioError,
    TruncatedAudioError,
)


def tone_call(path, seconds=3.0, rate=8000, channels=2):
    """Different tones on each channel so a channel swap or downmix would show."""
    t = np.arange(int(seconds * rate)) / rate
    left = 0.3 * np.sin(2 * np.pi * 440 * t)
    right = 0.3 * np.sin(2 * np.pi * 1000 * t)
    data = np.stack([left, right], axis=1) if channels == 2 else left
    return write_wav(path, data, rate)


def dominant_hz(samples: np.ndarray) -> float:
    spectrum = np.abs(np.fft.rfft(samples))
    return float(np.argmax(spectrum) * SAMPLE_RATE / len(samples))


FORMATS = [
    ("pcm16-8k.wav", []),
    ("mulaw.wav", ["-ar", "8000", "-c:a", "pcm_mulaw"]),
    ("alaw.wav", ["-ar", "8000", "-c:a", "pcm_alaw"]),
    ("call.flac", ["-ar", "16000"]),
    ("call.mp3", ["-ar", "22050"]),
    ("call.ogg", ["-c:a", "libopus", "-ar", "48000"]),
    ("call.opus", ["-c:a", "libopus", "-ar", "48000"]),
    ("call.m4a", ["-c:a", "aac", "-ar", "44100"]),
    ("pcm-48k.wav", ["-ar", "48000"]),
]


@pytest.mark.parametrize("name, args", FORMATS, ids=[f[0] for f in FORMATS])
def test_decodes_stereo_formats_keeping_channels_apart(tmp_path, name, args):
    source = tone_call(tmp_path / "source.wav")
    target = source if name == "pcm16-8k.wav" else convert(source, tmp_path / name, *args)
    audio = decode(target)
    assert len(audio.channels) == 2
    assert audio.duration == pytest.approx(3.0, abs=0.1)
    assert dominant_hz(audio.channels[0]) == pytest.approx(440, abs=20)
    assert dominant_hz(audio.channels[1]) == pytest.approx(1000, abs=20)


def test_decodes_mono(tmp_path):
    audio = decode(tone_call(tmp_path / "mono.wav", channels=1))
    assert len(audio.channels) == 1 and audio.source_sample_rate == 8000


def test_missing_file(tmp_path):
    with pytest.raises(AudioDecodeError, match="no such file") as info:
        decode(tmp_path / "nope.wav")
    assert "nope.wav" in str(info.value)


def test_empty_file(tmp_path):
    (tmp_path / "empty.wav").write_bytes(b"")
    with pytest.raises(AudioDecodeError, match="empty") as info:
        decode(tmp_path / "empty.wav")
    assert info.value.path.endswith("empty.wav") and info.value.reason == "undecodable"


def test_not_audio(tmp_path):
    bogus = tmp_path / "notes.wav"
    bogus.write_text("Call notes: customer asked for a payment plan.\n" * 50)
    with pytest.raises(AudioDecodeError, match="not a readable audio file|no audio"):
        decode(bogus)


def test_truncated_wav(tmp_path):
    whole = tone_call(tmp_path / "whole.wav", seconds=10)
    cut = tmp_path / "cut.wav"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 3])
    with pytest.raises(TruncatedAudioError, match="truncated: the header declares 10.0 s") as info:
        decode(cut)
    assert info.value.path.endswith("cut.wav")


def test_header_only_wav(tmp_path):
    whole = tone_call(tmp_path / "whole.wav", seconds=2)
    header = tmp_path / "header.wav"
    header.write_bytes(whole.read_bytes()[:44])
    with pytest.raises(InputError):
        decode(header)


def test_silence_only(tmp_path):
    silent = write_wav(tmp_path / "silent.wav", np.zeros((8000 * 5, 2)))
    with pytest.raises(SilentAudioError, match="silence only"):
        require_signal(decode(silent), ("agent", "customer"))


def test_empty_channel_is_named(tmp_path):
    t = np.arange(8000 * 4) / 8000
    data = np.stack([0.3 * np.sin(2 * np.pi * 300 * t), np.zeros_like(t)], axis=1)
    path = write_wav(tmp_path / "one-sided.wav", data)
    with pytest.raises(SilentAudioError, match=r"channel 1 \(customer\) holds only silence"):
        require_signal(decode(path), ("agent", "customer"))


def test_transcribe_refuses_bad_input_before_loading_whisper(tmp_path):
    (tmp_path / "x.wav").write_bytes(b"RIFF\x00\x00")
    with pytest.raises(AudioDecodeError) as info:
        transcribe_file(tmp_path / "x.wav")
    assert "x.wav" in str(info.value)


def test_transcribe_reports_bad_sidecar(tmp_path):
    wav = tone_call(tmp_path / "c.wav")
    (tmp_path / "c.json").write_text('{"consumer_timezone": "Nowhere/Land"}')
    from transcribe.meta import load_meta

    with pytest.raises(SidecarError, match="c.json"):
        transcribe_file(wav, meta=load_meta(wav))


def test_sidecar_channel_count_must_match_audio(tmp_path):
    wav = tone_call(tmp_path / "m.wav", channels=1)
    from transcribe.meta import CallMeta

    with pytest.raises(AudioDecodeError, match="2 channel role"):
        transcribe_file(wav, meta=CallMeta(call_id="m", channels=("agent", "customer")))


def test_ffmpeg_is_available_for_format_tests():
    assert shutil.which("ffmpeg"), "install ffmpeg (the CI script does)"
