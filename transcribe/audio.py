"""Decode call recordings into per-channel 16 kHz float arrays, refusing bad input loudly.

Call centers store WAV (PCM, G.711 mu-law/A-law), FLAC, MP3, OGG/Opus and M4A, mono or
stereo, 8-48 kHz. PyAV (FFmpeg, already a faster-whisper dependency) reads them all.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import av
import numpy as np

from transcribe.errors import AudioDecodeError, SilentAudioError, TruncatedAudioError

SAMPLE_RATE = 16_000
FRAME_SECONDS = 0.02
# A channel whose loudest 20 ms frame is below this holds no speech (digital silence,
# line hiss). Telephone speech peaks around -20..-6 dBFS; G.711 idle noise sits under -60.
SILENCE_DBFS = -50.0
# Decoded audio shorter than this share of what the container header declares is truncated.
TRUNCATION_TOLERANCE = 0.9


@dataclass(frozen=True)
class DecodedAudio:
    """A recording split into channels, resampled to 16 kHz mono float32 each."""

    path: str
    channels: tuple[np.ndarray, ...]
    source_sample_rate: int
    codec: str

    @property
    def duration(self) -> float:
        return len(self.channels[0]) / SAMPLE_RATE if self.channels else 0.0

    @cached_property
    def levels(self) -> tuple[np.ndarray, ...]:
        """Each channel's level per 20 ms frame in dBFS (computed once, used by every gate)."""
        return tuple(frame_dbfs(ch) for ch in self.channels)


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def decode(path: str | Path) -> DecodedAudio:
    """Decode ``path`` into 16 kHz channels. Raises an InputError subclass naming the file."""
    path = Path(path)
    if not path.is_file():
        raise AudioDecodeError(path, "no such file")
    if path.stat().st_size == 0:
        raise AudioDecodeError(path, "the file is empty (0 bytes)")
    try:
        container = av.open(str(path))
    except (av.error.FFmpegError, UnicodeDecodeError, ValueError) as exc:
        raise AudioDecodeError(path, f"not a readable audio file ({exc.__class__.__name__}: {exc})") from exc
    with container:
        if not container.streams.audio:
            raise AudioDecodeError(path, "the file has no audio stream")
        stream = container.streams.audio[0]
        n_channels = stream.codec_context.channels
        if n_channels not in (1, 2):
            raise AudioDecodeError(path, f"{n_channels} audio channels; callaudit reads mono or stereo")
        source_rate = stream.codec_context.sample_rate
        declared = _declared_seconds(container, stream)
        samples, decode_error = _decode_planar(container, stream, n_channels)
    if samples.shape[1] == 0:
        reason = (
            f"no audio could be decoded ({decode_error})" if decode_error else "the audio stream is empty"
        )
        raise AudioDecodeError(path, reason)
    decoded_seconds = samples.shape[1] / SAMPLE_RATE
    if declared and decoded_seconds < declared * TRUNCATION_TOLERANCE - 0.2:
        raise TruncatedAudioError(
            path,
            f"truncated: the header declares {declared:.1f} s but only {decoded_seconds:.1f} s decode"
            + (f" ({decode_error})" if decode_error else ""),
        )
    if decode_error:
        raise AudioDecodeError(path, f"corrupt audio after {decoded_seconds:.1f} s ({decode_error})")
    channels = tuple(np.ascontiguousarray(samples[i]) for i in range(n_channels))
    return DecodedAudio(str(path), channels, source_rate, stream.codec_context.name)


def _declared_seconds(container, stream) -> float | None:
    """How long the file says it is. WAV: from the RIFF header (FFmpeg estimates it from the size)."""
    wav = _riff_data_seconds(Path(container.name))
    if wav is not None:
        return wav
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    if container.duration is not None:
        return container.duration / av.time_base
    return None


def _riff_data_seconds(path: Path) -> float | None:
    """Seconds of audio the RIFF/WAVE header's ``data`` chunk declares, or None if not a WAV."""
    with open(path, "rb") as handle:
        head = handle.read(1 << 16)
    if head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        return None
    pos, byte_rate = 12, None
    while pos + 8 <= len(head):
        chunk, size = head[pos : pos + 4], int.from_bytes(head[pos + 4 : pos + 8], "little")
        if chunk == b"fmt ":
            byte_rate = int.from_bytes(head[pos + 16 : pos + 20], "little")
        elif chunk == b"data":
            # 0 and 0xFFFFFFFF are what streaming writers put before they know the length.
            if not byte_rate or size in (0, 0xFFFFFFFF):
                return None
            return size / byte_rate
        pos += 8 + size + (size & 1)
    return None


def _decode_planar(container, stream, n_channels: int) -> tuple[np.ndarray, str | None]:
    """All samples as a (channels, n) float32 array at 16 kHz, and the decode error if one stopped us."""
    layout = "mono" if n_channels == 1 else "stereo"
    resampler = av.AudioResampler(format="fltp", layout=layout, rate=SAMPLE_RATE)
    chunks: list[np.ndarray] = []
    error: str | None = None
    try:
        for frame in container.decode(stream):
            frame.pts = None
            for out in resampler.resample(frame):
                chunks.append(out.to_ndarray())
        for out in resampler.resample(None):
            chunks.append(out.to_ndarray())
    except (av.error.FFmpegError, ValueError) as exc:
        error = f"{exc.__class__.__name__}: {exc}"
    if not chunks:
        return np.zeros((n_channels, 0), dtype=np.float32), error
    return np.concatenate(chunks, axis=1).astype(np.float32, copy=False), error


def frame_dbfs(samples: np.ndarray) -> np.ndarray:
    """Level of each 20 ms frame in dBFS."""
    hop = int(SAMPLE_RATE * FRAME_SECONDS)
    n = len(samples) // hop
    if n == 0:
        return np.full(1, -120.0)
    frames = samples[: n * hop].reshape(n, hop)
    rms = np.sqrt(np.mean(frames.astype(np.float64) ** 2, axis=1))
    return 20 * np.log10(np.maximum(rms, 1e-6))


def require_signal(audio: DecodedAudio, roles: tuple[str, ...]) -> None:
    """Refuse a recording, or a channel of it, that holds only silence."""
    silent = [i for i, level in enumerate(audio.levels) if not (level > SILENCE_DBFS).any()]
    if len(silent) == len(audio.channels):
        raise SilentAudioError(audio.path, f"silence only: no channel rises above {SILENCE_DBFS:.0f} dBFS")
    if silent:
        names = ", ".join(f"channel {i} ({roles[i]})" for i in silent)
        raise SilentAudioError(audio.path, f"empty channel: {names} holds only silence")
