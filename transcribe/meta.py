"""Call metadata: the optional ``<recording stem>.json`` sidecar next to each recording."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from transcribe.errors import SidecarError

ChannelRole = Literal["agent", "customer", "mixed"]


class CallMeta(BaseModel):
    """What the dialer knows about a call. Every field but ``call_id`` may be unknown."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    call_id: str = Field(min_length=1)
    agent_id: str | None = None
    team: str | None = None
    account_id: str | None = None
    started_at: datetime | None = None
    consumer_timezone: str | None = None
    first_contact: bool | None = None
    channels: tuple[ChannelRole, ...] | None = None

    @field_validator("started_at")
    @classmethod
    def _needs_offset(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.utcoffset() is None:
            raise ValueError("started_at needs a UTC offset, e.g. 2026-03-02T14:05:00-05:00")
        return value

    @field_validator("consumer_timezone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                ZoneInfo(value)
            except (ZoneInfoNotFoundError, ValueError):
                raise ValueError(f"unknown IANA time zone {value!r}, e.g. America/Chicago") from None
        return value

    @field_validator("channels")
    @classmethod
    def _one_or_two(cls, value: tuple[str, ...] | None) -> tuple[str, ...] | None:
        if value is not None and not 1 <= len(value) <= 2:
            raise ValueError("channels lists one role per audio channel (1 or 2 entries)")
        return value

    def roles_for(self, n_channels: int) -> tuple[str, ...]:
        """The speaker role of each audio channel of a recording with ``n_channels``."""
        if self.channels is not None:
            if len(self.channels) != n_channels:
                raise ValueError(
                    f"sidecar lists {len(self.channels)} channel role(s) but the audio has {n_channels}"
                )
            return tuple(self.channels)
        return ("mixed",) if n_channels == 1 else ("agent", "customer")


def sidecar_path(recording: Path) -> Path:
    return recording.with_suffix(".json")


def load_meta(recording: str | Path) -> CallMeta:
    """The metadata of a recording: its sidecar if present, else defaults (call_id = stem).

    Raises SidecarError naming the sidecar and every problem in it.
    """
    recording = Path(recording)
    path = sidecar_path(recording)
    if not path.exists():
        return CallMeta(call_id=recording.stem)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SidecarError(path, f"cannot read it as JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise SidecarError(path, "a sidecar is a JSON object")
    data.setdefault("call_id", recording.stem)
    try:
        return CallMeta.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(root)'}: {err['msg']}" for err in exc.errors()
        )
        raise SidecarError(path, problems) from exc
