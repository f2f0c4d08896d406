"""Typed errors for bad input. Each names the file and the reason, so a batch can record it and go on."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """A recording or its sidecar cannot be used. ``reason`` is a short machine-readable code."""

    reason = "bad_input"

    def __init__(self, path: str | Path, detail: str) -> None:
        self.path = str(path)
        self.detail = detail
        super().__init__(f"{self.path}: {detail}")


class AudioDecodeError(InputError):
    """The file is not audio we can decode (missing, empty, not audio, corrupt)."""

    reason = "undecodable"


class TruncatedAudioError(InputError):
    """The file decodes, but ends before its header says it should."""

    reason = "truncated"


class SilentAudioError(InputError):
    """The recording (or one of its channels) holds no speech-level signal."""

    reason = "silent"


class SidecarError(InputError):
    """The ``<stem>.json`` sidecar is unreadable or invalid."""

    reason = "bad_sidecar"
