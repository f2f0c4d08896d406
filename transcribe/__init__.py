"""Speech to Transcript. The data model imports cheaply; the Whisper engine loads on first use."""

from transcribe.errors import (
    AudioDecodeError,
    InputError,
    SidecarError,
    SilentAudioError,
    TruncatedAudioError,
)
from transcribe.meta import CallMeta, load_meta
from transcribe.model import Provenance, Transcript, Unheard, Utterance, Word

__all__ = [
    "AudioDecodeError",
    "CallMeta",
    "InputError",
    "Provenance",
    "SidecarError",
    "SilentAudioError",
    "Transcript",
    "TranscriptFormatError",
    "TruncatedAudioError",
    "Unheard",
    "Utterance",
    "Word",
    "load_meta",
]
from transcribe.model import TranscriptFormatError
