"""Find the recordings of a folder tree, with their sidecars, and the call-attempt log at its root."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from transcribe import CallMeta, InputError, load_meta

AUDIO_SUFFIXES = frozenset({".wav", ".flac", ".mp3", ".ogg", ".opus", ".m4a"})
ATTEMPTS_CSV = "call_attempts.csv"

log = logging.getLogger("callaudit.flows")


@dataclass(frozen=True)
class Recording:
    """One recording found under the source folder, and what its sidecar says (or why it can't)."""

    path: str
    call_id: str
    meta: CallMeta | None = None
    # Set when the recording cannot be audited before it is even opened: a bad sidecar,
    # or a call_id another recording of the batch already uses.
    problem: tuple[str, str] | None = None

    @property
    def meta_dict(self) -> dict | None:
        return self.meta.model_dump(mode="json") if self.meta else None


class SourceError(RuntimeError):
    """The source folder itself is unusable (a run failure, unlike a bad recording)."""


def iter_audio_files(source: Path) -> Iterator[Path]:
    """Audio files below ``source`` in a stable order, skipping hidden folders and files."""
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source).parts
        if any(part.startswith(".") for part in relative):
            continue
        if path.suffix.lower() in AUDIO_SUFFIXES and path.is_file():
            yield path


def discover_recordings(source: str | Path) -> list[Recording]:
    """Every recording under ``source`` with its metadata; bad sidecars and duplicate ids marked."""
    root = Path(source).expanduser().resolve()
    if not root.is_dir():
        raise SourceError(f"{root}: not a folder of recordings (give the folder that holds the calls)")
    found: list[Recording] = []
    owner: dict[str, str] = {}
    for path in iter_audio_files(root):
        try:
            meta = load_meta(path)
        except InputError as exc:
            found.append(Recording(str(path), path.stem, None, (exc.reason, str(exc))))
            continue
        if meta.call_id in owner:
            detail = f"{path}: call_id {meta.call_id!r} is already used by {owner[meta.call_id]}"
            found.append(Recording(str(path), meta.call_id, meta, ("duplicate_call_id", detail)))
            continue
        owner[meta.call_id] = str(path)
        found.append(Recording(str(path), meta.call_id, meta))
    log.info("found %d recording(s) under %s", len(found), root)
    return found


def attempts_csv(source: str | Path) -> Path | None:
    path = Path(source).expanduser() / ATTEMPTS_CSV
    return path if path.is_file() else None
