"""Call-log rules: when a call was placed (consumer's local time) and how often an account was called.

Call attempts are a pandas DataFrame with columns ``account_id`` (str), ``started_at``
(tz-aware, UTC) and ``outcome`` (str): the rows of ``call_attempts.csv`` plus the
recorded calls themselves (``add_recorded_calls``), de-duplicated on account and time.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from datetime import datetime, timedelta
from datetime import time as clock
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from checks.finding import NEEDS_LISTEN, VIOLATION, CallContext, Finding
from checks.kinds import applies
from checks.packs import Rule
from transcribe.meta import CallMeta

ATTEMPT_COLUMNS = ("account_id", "started_at", "outcome")
_OFFSET = r"(?:Z|[+-]\d{2}:?\d{2})$"


class AttemptsError(ValueError):
    """A call-attempts CSV that cannot be used; the message names the file and the rows."""


def empty_attempts() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "account_id": pd.Series(dtype="string"),
            "started_at": pd.Series(dtype="datetime64[ns, UTC]"),
            "outcome": pd.Series(dtype="string"),
        }
    )


def load_attempts(csv_path: str | Path) -> pd.DataFrame:
    """Read ``call_attempts.csv`` (account_id, started_at with UTC offset, outcome)."""
    path = Path(csv_path)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise AttemptsError(f"{path}: cannot read it as CSV: {exc}") from exc
    missing = [c for c in ("account_id", "started_at") if c not in frame.columns]
    if missing:
        raise AttemptsError(
            f"{path}: missing column(s) {', '.join(missing)}; expected {', '.join(ATTEMPT_COLUMNS)}"
        )
    if "outcome" not in frame.columns:
        frame["outcome"] = ""
    stamps = frame["started_at"].str.strip()
    bad = ~stamps.str.contains(_OFFSET, regex=True)
    parsed = pd.to_datetime(stamps.where(~bad), utc=True, format="ISO8601", errors="coerce")
    bad |= parsed.isna()
    if bad.any():
        lines = ", ".join(str(i + 2) for i in frame.index[bad][:10])
        raise AttemptsError(
            f"{path}: started_at must be an ISO time with a UTC offset "
            f"(e.g. 2026-03-02T14:05:00-05:00); bad on line(s) {lines}"
        )
    return pd.DataFrame(
        {
            "account_id": frame["account_id"].str.strip().astype("string"),
            "started_at": parsed.dt.as_unit("ns"),
            "outcome": frame["outcome"].astype("string"),
        }
    )


def add_recorded_calls(attempts: pd.DataFrame | None, metas: Iterable[CallMeta]) -> pd.DataFrame:
    """The attempts plus one row per recorded call (outcome "recorded"), without duplicates."""
    rows = [
        {"account_id": m.account_id, "started_at": m.started_at, "outcome": "recorded"}
        for m in metas
        if m.account_id is not None and m.started_at is not None
    ]
    recorded = empty_attempts()
    if rows:
        recorded = pd.DataFrame(rows)
        recorded["started_at"] = pd.to_datetime(recorded["started_at"], utc=True).dt.as_unit("ns")
        recorded = recorded.astype({"account_id": "string", "outcome": "string"})
    frames = [f for f in (attempts, recorded) if f is not None and len(f)]
    if not frames:
        return empty_attempts()
    combined = pd.concat(frames, ignore_index=True)
    combined["started_at"] = pd.to_datetime(combined["started_at"], utc=True).dt.as_unit("ns")
    combined = combined.drop_duplicates(subset=["account_id", "started_at"], keep="first")
    return combined.sort_values(["account_id", "started_at"], ignore_index=True)


# --- a per-account index, built once per attempts frame ----------------------------------------
_INDEXES: dict[int, tuple[weakref.ref, dict[str, np.ndarray]]] = {}


def _index(attempts: pd.DataFrame) -> dict[str, np.ndarray]:
    """Sorted attempt times (ns since epoch, UTC) per account; cached while the frame lives."""
    cached = _INDEXES.get(id(attempts))
    if cached is not None and cached[0]() is attempts:
        return cached[1]
    times = pd.to_datetime(attempts["started_at"], utc=True).dt.as_unit("ns").astype("int64")
    index = {
        str(account): np.sort(group.to_numpy())
        for account, group in times.groupby(attempts["account_id"].astype(str), sort=False)
    }
    if len(_INDEXES) > 8:
        _INDEXES.clear()
    _INDEXES[id(attempts)] = (weakref.ref(attempts), index)
    return index


def _ns(moment: datetime) -> int:
    return pd.Timestamp(moment).as_unit("ns").value


# --- the rules --------------------------------------------------------------------------------
def check_call_log(ctx: CallContext, rule: Rule) -> list[Finding]:
    spec = rule.spec
    if not applies(spec.conditions, ctx.meta) or ctx.meta.started_at is None:
        return []
    if spec.local_time is not None:
        return _local_time(ctx, rule)
    return _frequency(ctx, rule)


def _local_time(ctx: CallContext, rule: Rule) -> list[Finding]:
    """The call started before ``earliest`` or after ``latest`` in the consumer's time zone.

    Without a known zone, every zone in ``assume_timezones`` is tried: outside in any of
    them gives needs_listen (12 CFR 1006.6(b)(4): assume the times that are inconvenient).
    """
    spec = rule.spec.local_time
    meta = ctx.meta
    zones = [meta.consumer_timezone] if meta.consumer_timezone else spec.assume_timezones
    outside = []
    for zone in zones:
        local = meta.started_at.astimezone(ZoneInfo(zone))
        if not spec.earliest <= local.time().replace(tzinfo=None) <= spec.latest:
            outside.append(f"{local:%H:%M} in {zone}")
    if not outside:
        return []
    status = VIOLATION if meta.consumer_timezone else NEEDS_LISTEN
    note = f"started {outside[0]}"
    if not meta.consumer_timezone:
        note += " (consumer time zone unknown)"
    return [ctx.finding(rule, status, text=note, note=note)]


def _frequency(ctx: CallContext, rule: Rule) -> list[Finding]:
    """More than ``max_attempts`` attempts for the account within ``days`` consecutive calendar days.

    The window is the ``days`` calendar days ending with this call's day, in the consumer's
    time zone (UTC if unknown), and counts the attempts placed up to and including this call:
    the call that makes the count exceed the limit is the violation, and so is every later one.
    """
    spec = rule.spec.frequency
    meta = ctx.meta
    if meta.account_id is None:
        return []
    zone = ZoneInfo(meta.consumer_timezone or "UTC")
    local = meta.started_at.astimezone(zone)
    first_day = datetime.combine(local.date() - timedelta(days=spec.days - 1), clock(0), tzinfo=zone)
    now_ns, since_ns = _ns(meta.started_at), _ns(first_day)
    times = _index(ctx.attempts).get(meta.account_id) if ctx.attempts is not None else None
    if times is None:
        times = np.empty(0, dtype="int64")
    count = int(np.searchsorted(times, now_ns, side="right") - np.searchsorted(times, since_ns, side="left"))
    if not len(times) or not np.any(times == now_ns):
        count += 1  # this call itself, when the frame does not list it
    if count <= spec.max_attempts:
        return []
    note = f"attempt {count} for the account within {spec.days} days (since {first_day:%Y-%m-%d})"
    return [ctx.finding(rule, VIOLATION, text=note, note=note)]
