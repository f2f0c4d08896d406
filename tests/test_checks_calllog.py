"""Call-log rules: local calling hours across time zones and DST, and the 7-in-7 frequency limit."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from checks import AttemptsError, add_recorded_calls, load_attempts, load_packs, run_checks
from transcribe.meta import CallMeta
from transcribe.model import transcript_from_turns

PACKS = load_packs(["us_collections"])
EMPTY = transcript_from_turns([], call_id="c")
NY = ZoneInfo("America/New_York")


def findings(rule: str, meta: CallMeta, attempts: pd.DataFrame | None = None) -> list:
    return [f for f in run_checks(EMPTY, meta, PACKS, attempts) if f.rule_id == rule]


def hours(started_at: str, zone: str | None = "America/New_York") -> list[str]:
    meta = CallMeta(call_id="c", started_at=datetime.fromisoformat(started_at), consumer_timezone=zone)
    return [f.status for f in findings("calling.time_window", meta)]


@pytest.mark.parametrize(
    "started_at, zone, expected",
    [
        ("2026-03-02T07:59:59-05:00", "America/New_York", ["violation"]),
        ("2026-03-02T08:00:00-05:00", "America/New_York", []),
        ("2026-03-02T21:00:00-05:00", "America/New_York", []),
        ("2026-03-02T21:00:01-05:00", "America/New_York", ["violation"]),
        # The dialer's clock is Eastern; the consumer is in California.
        ("2026-03-02T10:30:00-05:00", "America/Los_Angeles", ["violation"]),
        ("2026-03-02T23:30:00-05:00", "America/Los_Angeles", []),
        # DST starts in the US on 2026-03-08: 12:30 UTC is 07:30 EST before, 08:30 EDT after.
        ("2026-03-07T12:30:00+00:00", "America/New_York", ["violation"]),
        ("2026-03-09T12:30:00+00:00", "America/New_York", []),
        # ... and ends on 2026-11-01: 01:30 UTC on Nov 2 is 20:30 EST, on Oct 31 21:30 EDT.
        ("2026-11-02T01:30:00+00:00", "America/New_York", []),
        ("2026-11-01T01:30:00+00:00", "America/New_York", ["violation"]),
        ("2026-03-02T07:30:00-10:00", "Pacific/Honolulu", ["violation"]),
    ],
)
def test_calling_hours_in_the_consumers_time_zone(started_at, zone, expected) -> None:
    assert hours(started_at, zone) == expected


def test_unknown_time_zone_tries_every_us_zone_and_asks_a_human() -> None:
    assert hours("2026-03-02T14:00:00-05:00", None) == []  # 11:00 in Los Angeles, 14:00 in New York
    assert hours("2026-03-02T08:30:00-05:00", None) == ["needs_listen"]  # 05:30 in Los Angeles
    assert hours("2026-03-02T22:30:00-08:00", None) == ["needs_listen"]


def test_no_start_time_no_call_log_finding() -> None:
    assert findings("calling.time_window", CallMeta(call_id="c")) == []
    assert findings("calling.frequency_7in7", CallMeta(call_id="c", account_id="A")) == []


def attempts_frame(*times: datetime, account: str = "A1") -> pd.DataFrame:
    metas = [CallMeta(call_id=f"a{i}", account_id=account, started_at=t) for i, t in enumerate(times)]
    return add_recorded_calls(None, metas)


def frequency(now: datetime, attempts: pd.DataFrame, zone: str | None = "America/New_York") -> list[str]:
    meta = CallMeta(call_id="c", account_id="A1", started_at=now, consumer_timezone=zone)
    return [f.status for f in findings("calling.frequency_7in7", meta, attempts)]


def day(d: int, hour: int = 9, month: int = 3) -> datetime:
    return datetime(2026, month, d, hour, tzinfo=NY)


def test_seven_attempts_in_seven_days_is_fine_the_eighth_is_not() -> None:
    prior = attempts_frame(*[day(d) for d in range(1, 7)])  # Mar 1..6
    assert frequency(day(7), prior) == []  # 7 with this call
    more = attempts_frame(*[day(d) for d in range(1, 7)], day(6, 15))
    assert frequency(day(7), more) == ["violation"]  # 8 with this call


def test_the_window_is_seven_calendar_days_ending_on_the_call_day() -> None:
    # Mar 1 23:00 is in the window of a call on Mar 7; Feb 28 23:00 is not.
    inside = attempts_frame(day(1, 23), *[day(d) for d in range(2, 7)], day(6, 15))
    assert frequency(day(7), inside) == ["violation"]
    outside = attempts_frame(day(28, 23, month=2), *[day(d) for d in range(2, 7)], day(6, 15))
    assert frequency(day(7), outside) == []


def test_calendar_days_are_the_consumers_not_utc() -> None:
    # 2026-03-01 03:30 UTC is still Feb 28 in New York, so it falls outside a Mar 7 window.
    early = datetime(2026, 3, 1, 3, 30, tzinfo=ZoneInfo("UTC"))
    frame = attempts_frame(early, *[day(d) for d in range(2, 7)], day(6, 15))
    assert frequency(day(7), frame) == []
    assert frequency(day(7), frame, zone="UTC") == ["violation"]


def test_window_across_the_dst_change() -> None:
    """Mar 8 2026 has 23 hours in New York; the window is still 7 calendar days."""
    times = [day(d) for d in range(3, 9)] + [day(8, 15)]  # Mar 3..8, 7 attempts
    assert frequency(day(9), attempts_frame(*times)) == ["violation"]
    assert frequency(day(10, 8), attempts_frame(*times[1:])) == []  # Mar 4..8 (6) + this one


def test_later_attempts_do_not_count_against_an_earlier_call() -> None:
    frame = attempts_frame(*[day(2) + timedelta(hours=h) for h in range(8)])
    assert frequency(day(1), frame) == []


def test_other_accounts_do_not_count_and_the_call_itself_is_counted_once() -> None:
    others = attempts_frame(*[day(d) for d in range(1, 8)], account="B2")
    assert frequency(day(7), others) == []
    times = [day(d) for d in range(1, 7)] + [day(7)]  # the CSV already lists this call at day(7)
    assert frequency(day(7), attempts_frame(*times)) == []


def test_without_attempts_only_the_call_itself_is_known() -> None:
    assert frequency(day(7), None) == []


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "call_attempts.csv"
    path.write_text(text)
    return path


def test_load_attempts_parses_offsets_to_utc(tmp_path: Path) -> None:
    frame = load_attempts(
        write(
            tmp_path,
            "account_id,started_at,outcome\nA1,2026-03-02T09:00:00-05:00,no_answer\n"
            "A1,2026-03-02T15:00:00Z,voicemail\n",
        )
    )
    assert list(frame.columns) == ["account_id", "started_at", "outcome"]
    assert str(frame["started_at"].dt.tz) == "UTC"
    assert frame["started_at"].iloc[0] == pd.Timestamp("2026-03-02T14:00:00Z")


def test_load_attempts_names_bad_rows_and_missing_columns(tmp_path: Path) -> None:
    with pytest.raises(AttemptsError, match=r"line\(s\) 3"):
        load_attempts(
            write(
                tmp_path,
                "account_id,started_at,outcome\nA1,2026-03-02T09:00:00-05:00,x\nA1,2026-03-02 09:00,x\n",
            )
        )
    with pytest.raises(AttemptsError, match="missing column"):
        load_attempts(write(tmp_path, "account,when\nA1,2026-03-02T09:00:00-05:00\n"))


def test_add_recorded_calls_deduplicates_calls_listed_in_the_csv(tmp_path: Path) -> None:
    csv = load_attempts(
        write(
            tmp_path,
            "account_id,started_at,outcome\nA1,2026-03-02T09:00:00-05:00,answered\n"
            "A1,2026-03-03T09:00:00-05:00,no_answer\n",
        )
    )
    recorded = [
        CallMeta(call_id="r1", account_id="A1", started_at=datetime(2026, 3, 2, 14, tzinfo=ZoneInfo("UTC"))),
        CallMeta(call_id="r2", account_id="A1", started_at=day(4)),
        CallMeta(call_id="r3"),
    ]
    frame = add_recorded_calls(csv, recorded)
    assert len(frame) == 3 and list(frame["outcome"]) == ["answered", "no_answer", "recorded"]
    assert len(add_recorded_calls(None, [])) == 0
