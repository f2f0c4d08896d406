"""``callaudit audit | recheck | calls | findings | queue``: run the audit flow and read the audit store."""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from typing import Any

from callaudit.cli.transcribe_cmd import add_model_arguments

DEFAULT_DB_URL = "sqlite:///callaudit.db"  # callaudit.store.DEFAULT_DB_URL, without importing SQLAlchemy here


def _error(message: str) -> int:
    """A clean one-message error on stderr (not through rich, which would re-wrap paths)."""
    print(f"error: {message}", file=sys.stderr)
    return 1


def register(subparsers: argparse._SubParsersAction) -> None:
    db_help = f"audit store: a SQLite file or PostgreSQL URL (default {DEFAULT_DB_URL})"

    audit = subparsers.add_parser(
        "audit",
        help="audit every new or changed recording under DIR (runs the Prefect flow locally)",
        description="Discover recordings under DIR (with <stem>.json sidecars and call_attempts.csv), "
        "transcribe, check rule packs, store the results and queue flagged calls for review. "
        "Calls already audited with the same audio, model and packs are skipped. Runs with no "
        "setup on a temporary local Prefect server (or PREFECT_API_URL if set).",
    )
    audit.add_argument("source", metavar="DIR", help="folder of call recordings (searched recursively)")
    audit.add_argument("--db", default=DEFAULT_DB_URL, help=db_help)
    audit.add_argument(
        "--packs",
        nargs="+",
        default=["us_collections"],
        metavar="PACK",
        help="rule packs by name or folder (default: us_collections)",
    )
    add_model_arguments(audit, threads_help="Whisper threads per call (default: cores / parallel calls)")
    audit.add_argument(
        "--parallel",
        type=int,
        default=None,
        metavar="N",
        help="calls audited at once (default 4: the measured best on 2 cores, see docs/OPERATIONS.md)",
    )
    audit.add_argument(
        "--dask",
        default=None,
        metavar="ADDRESS",
        help="run the per-call tasks on a Dask cluster: a scheduler address "
        "(tcp://host:8786) or 'local' for a local cluster",
    )
    audit.set_defaults(handler=run_audit)

    recheck = subparsers.add_parser(
        "recheck",
        help="re-run changed rules over stored transcripts (no transcription)",
        description="Re-check every audited call whose findings came from an older version of the rule "
        "packs; findings and the review queue are updated 100 calls per transaction.",
    )
    recheck.add_argument("--db", default=DEFAULT_DB_URL, help=db_help)
    recheck.add_argument("--packs", nargs="+", default=["us_collections"], metavar="PACK")
    recheck.add_argument(
        "--attempts",
        default=None,
        metavar="CSV",
        help="call_attempts.csv for frequency rules (default: the last audited folder's)",
    )
    recheck.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="processes checking calls while this one reads and writes the store (default: the cores, "
        f"{os.cpu_count() or 1} here); used when more than 200 calls are stale",
    )
    recheck.set_defaults(handler=run_recheck)

    calls = subparsers.add_parser("calls", help="list the calls in the audit store")
    calls.add_argument("--db", default=DEFAULT_DB_URL, help=db_help)
    calls.add_argument("--status", choices=["audited", "failed"], help="only calls with this status")
    calls.set_defaults(handler=run_calls)

    findings = subparsers.add_parser("findings", help="list stored findings")
    findings.add_argument("--db", default=DEFAULT_DB_URL, help=db_help)
    findings.add_argument("--call", default=None, metavar="ID", help="only this call")
    findings.add_argument("--rule", default=None, metavar="ID", help="only this rule id")
    findings.add_argument(
        "--format",
        choices=["table", "jsonl", "csv"],
        default="table",
        help="jsonl: one finding object per line with the contract fields",
    )
    findings.set_defaults(handler=run_findings)

    queue = subparsers.add_parser("queue", help="pending review items, highest priority first")
    queue.add_argument("--db", default=DEFAULT_DB_URL, help=db_help)
    queue.add_argument("--status", choices=["pending", "in_review", "done"], default="pending")
    queue.set_defaults(handler=run_queue)


# ---- audit -------------------------------------------------------------------------------------


def run_audit(args: argparse.Namespace) -> int:
    from flows.local import LocalServerError, local_prefect, prepare_environment, quiet_prefect_console

    prepare_environment()
    from rich.console import Console

    from flows.audit import DEFAULT_PARALLEL_CALLS, ModelOptions, audit_recordings, progress_listener
    from flows.runners import task_runner

    quiet_prefect_console()
    err = Console(stderr=True)
    problem = _preflight(args)
    if problem:
        return _error(problem)
    parallel = args.parallel or DEFAULT_PARALLEL_CALLS
    model = ModelOptions(
        model=args.model, device=args.device, compute_type=args.compute_type, cpu_threads=args.cpu_threads
    )
    flow = audit_recordings.with_options(task_runner=task_runner(args.dask))
    try:
        with _progress(err) as on_event, progress_listener(on_event), local_prefect():
            state = flow(
                source=args.source,
                db_url=args.db,
                packs=list(args.packs),
                model=model,
                parallel_calls=parallel,
                return_state=True,
            )
    except LocalServerError as exc:
        return _error(str(exc))
    if not state.is_completed():
        return _error(f"the audit run failed: {state.message}")
    _print_summary(state.result(), args.db)
    return 0


def _preflight(args: argparse.Namespace) -> str | None:
    """Problems that would fail the whole run, as one clean message, before any server starts."""
    from callaudit.store import StoreError, open_store
    from checks import AttemptsError, RulePackError, load_attempts
    from flows.discover import SourceError, attempts_csv, discover_recordings
    from flows.steps import load_current_packs

    try:
        discover_recordings(args.source)
        csv_path = attempts_csv(args.source)
        if csv_path:
            load_attempts(csv_path)
        load_current_packs(args.packs)
        open_store(args.db)
    except (SourceError, AttemptsError, StoreError) as exc:
        return str(exc)
    except RulePackError as exc:
        return f"the rule packs have problems:\n{exc}"
    return None


class _progress:
    """A rich progress bar fed by the flow's progress events."""

    def __init__(self, console: Any) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.fields[last]}"),
            console=console,
            transient=False,
        )
        self.task = self.progress.add_task("starting Prefect", total=None, last="")
        self.counts = {"audited": 0, "skipped": 0, "failed": 0}

    def __enter__(self):
        self.progress.start()
        return self.on_event

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def on_event(self, event: str, payload: Any) -> None:
        if event == "start":
            self.progress.update(self.task, description="auditing calls", total=payload, completed=0)
        elif event == "call":
            self.counts[payload.status] = self.counts.get(payload.status, 0) + 1
            last = f"{payload.call_id}: {payload.status}" + (f" ({payload.reason})" if payload.reason else "")
            self.progress.update(self.task, advance=1, last=last[:60])


def _print_summary(summary: Any, db: str) -> None:
    from rich.console import Console
    from rich.table import Table

    out = Console()
    table = Table(title=f"Audit run {summary.run_id}: {summary.source}", title_justify="left")
    for column in ("calls found", "audited", "skipped (unchanged)", "flagged for review", "failed", "audio"):
        table.add_column(column, justify="right")
    table.add_row(
        str(summary.discovered),
        str(summary.audited),
        str(summary.skipped),
        str(summary.flagged),
        str(summary.failed),
        f"{summary.audio_seconds / 60:.1f} min",
    )
    out.print(table)
    if summary.per_rule:
        rules = Table(title="Findings per rule", title_justify="left")
        rules.add_column("rule")
        rules.add_column("violations", justify="right")
        rules.add_column("needs listen", justify="right")
        for rule_id, counts in sorted(summary.per_rule.items()):
            rules.add_row(rule_id, str(counts.get("violation", 0)), str(counts.get("needs_listen", 0)))
        out.print(rules)
    if summary.failures:
        failures = Table(title="Failed calls (retried on the next run)", title_justify="left")
        failures.add_column("call")
        failures.add_column("reason")
        failures.add_column("detail", overflow="fold")
        for failure in summary.failures:
            failures.add_row(failure["call_id"], failure["reason"], failure["detail"])
        out.print(failures)
    from callaudit.store import open_store, repo

    with open_store(db).reading() as session:
        pending = len(repo.review_queue(session, "pending"))
    out.print(
        f"{summary.flagged} call(s) flagged by this run; {pending} pending review in the store: "
        f"callaudit queue --db {db}",
        highlight=False,
        soft_wrap=True,
    )


# ---- recheck -----------------------------------------------------------------------------------


def run_recheck(args: argparse.Namespace) -> int:
    from callaudit.store import StoreError
    from checks import AttemptsError, RulePackError
    from flows.recheck import recheck_store

    try:
        summary = recheck_store(args.db, args.packs, args.attempts, workers=max(1, args.workers))
    except (StoreError, AttemptsError) as exc:
        return _error(str(exc))
    except RulePackError as exc:
        return _error(f"the rule packs have problems:\n{exc}")
    print(
        f"re-checked {summary.rechecked} call(s) with {summary.packs}: {summary.flagged} flagged, "
        f"{summary.failed} failed, {summary.up_to_date} already up to date"
    )
    for rule_id, counts in sorted(summary.per_rule.items()):
        print(f"  {rule_id}: {counts['violation']} violation(s), {counts['needs_listen']} needs listen")
    return 0


# ---- store listings ----------------------------------------------------------------------------


def _open(db: str):
    from callaudit.store import StoreError, open_store

    try:
        return open_store(db)
    except StoreError as exc:
        _error(str(exc))
        return None


def _console():
    """A console for tables: the terminal's width, or a wide page when piped to a file or pager."""
    from rich.console import Console

    return Console(width=None if sys.stdout.isatty() else 160)


def _clip(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def run_calls(args: argparse.Namespace) -> int:
    from rich.table import Table

    from callaudit.store import repo

    store = _open(args.db)
    if store is None:
        return 1
    with store.reading() as session:
        calls = repo.list_calls(session, status=args.status)
        queued = {
            item.call_id: item.status
            for s in ("pending", "in_review", "done")
            for item in repo.review_queue(session, s)
        }
    table = Table(title=f"{len(calls)} call(s) in {store.url}", title_justify="left")
    for column in ("call", "status", "findings", "review", "audio", "audited at", "reason"):
        table.add_column(column)
    for call in calls:
        table.add_row(
            call.call_id,
            call.status,
            str(call.finding_count),
            queued.get(call.call_id, ""),
            f"{call.duration:.0f} s" if call.duration else "",
            call.audited_at.strftime("%Y-%m-%d %H:%M") if call.audited_at else "",
            call.error_detail or "" if call.status == "failed" else "",
        )
    _console().print(table)
    return 0


def run_findings(args: argparse.Namespace) -> int:
    from callaudit.store import repo
    from callaudit.store.models import FindingRecord

    store = _open(args.db)
    if store is None:
        return 1
    with store.reading() as session:
        rows = [f.to_dict() for f in repo.iter_findings(session, call_id=args.call, rule_id=args.rule)]
    try:
        if args.format == "jsonl":
            for row in rows:
                print(json.dumps(row, ensure_ascii=False))
        elif args.format == "csv":
            writer = csv.DictWriter(sys.stdout, fieldnames=[*FindingRecord.CONTRACT_FIELDS, "pack_version"])
            writer.writeheader()
            writer.writerows(rows)
        sys.stdout.flush()
    except BrokenPipeError:  # `callaudit findings ... | head`: the reader has all it wants
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    if args.format == "table":
        from rich.table import Table

        table = Table(title=f"{len(rows)} finding(s)", title_justify="left")
        for column in ("call", "rule", "status", "severity", "time", "speaker"):
            table.add_column(column, no_wrap=True)
        table.add_column("evidence (redacted)", overflow="fold", min_width=40)
        for row in rows:
            table.add_row(
                row["call_id"],
                row["rule_id"],
                row["status"],
                row["severity"],
                f"{row['start']:.1f}-{row['end']:.1f} s",
                row["speaker"] or "",
                _clip(row["text"] or ""),
            )
        _console().print(table)
    return 0


def run_queue(args: argparse.Namespace) -> int:
    from rich.table import Table

    from callaudit.store import repo

    store = _open(args.db)
    if store is None:
        return 1
    with store.reading() as session:
        items = repo.review_queue(session, args.status)
    table = Table(
        title=f"{len(items)} {args.status} review item(s), highest priority first", title_justify="left"
    )
    for column in ("priority", "call", "why", "updated"):
        table.add_column(column, overflow="fold")
    for item in items:
        table.add_row(
            str(item.priority), item.call_id, item.reason or "", item.updated_at.strftime("%Y-%m-%d %H:%M")
        )
    _console().print(table)
    return 0
