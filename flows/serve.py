"""Serve the nightly audit as a Prefect deployment with a cron schedule.

    prefect server start                                   # once, in its own terminal (the UI: :4200)
    export PREFECT_API_URL=http://127.0.0.1:4200/api
    python -m flows.serve --source /data/calls --db postgresql://audit:secret@db/callaudit \\
        --cron "0 2 * * *" --timezone America/Chicago

The served process runs each scheduled run itself; runs, logs and the ``audit-summary``
artifact of every run appear in the Prefect UI. A ``recheck-store`` deployment (no schedule)
is served alongside, to re-run changed rules from the UI. See docs/OPERATIONS.md.
"""

from __future__ import annotations

import argparse

from prefect import serve
from prefect.schedules import Cron

from callaudit.cli.transcribe_cmd import add_model_arguments
from flows.audit import DEFAULT_PACKS, DEFAULT_PARALLEL_CALLS, ModelOptions, audit_recordings
from flows.recheck import recheck_flow
from flows.runners import task_runner

NIGHTLY_CRON = "0 2 * * *"


def build_deployments(args: argparse.Namespace) -> list:
    """The nightly audit deployment (cron) and the on-demand recheck deployment."""
    nightly = audit_recordings.with_options(task_runner=task_runner(args.dask)).to_deployment(
        name="nightly",
        schedules=[Cron(args.cron, timezone=args.timezone)],
        parameters={
            "source": args.source,
            "db_url": args.db,
            "packs": args.packs,
            "model": ModelOptions(
                model=args.model,
                device=args.device,
                compute_type=args.compute_type,
                cpu_threads=args.cpu_threads,
            ).model_dump(),
            "parallel_calls": args.parallel,
        },
        description="Audit every new or changed recording under the source folder.",
        tags=["callaudit"],
    )
    recheck = recheck_flow.to_deployment(
        name="recheck",
        parameters={"db_url": args.db, "packs": args.packs},
        tags=["callaudit"],
        description="Re-run changed rule packs over stored transcripts (no transcription).",
    )
    return [nightly, recheck]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Serve the nightly callaudit deployment.")
    parser.add_argument("--source", required=True, help="folder of call recordings")
    parser.add_argument("--db", required=True, help="audit store URL (postgresql://... for a shared store)")
    parser.add_argument("--packs", nargs="+", default=DEFAULT_PACKS)
    add_model_arguments(parser, threads_help="Whisper threads per call (default: cores / parallel calls)")
    parser.add_argument("--parallel", type=int, default=DEFAULT_PARALLEL_CALLS, help="calls audited at once")
    parser.add_argument(
        "--cron", default=NIGHTLY_CRON, help=f"schedule (default {NIGHTLY_CRON!r}: 02:00 daily)"
    )
    parser.add_argument("--timezone", default="UTC", help="IANA zone the cron is read in")
    parser.add_argument(
        "--dask",
        default=None,
        metavar="ADDRESS",
        help="run per-call tasks on this Dask scheduler (tcp://host:8786) or 'local'",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    serve(*build_deployments(parse_args(argv)))


if __name__ == "__main__":
    main()
