"""Run flows on this machine with no setup: a temporary Prefect server, quiet and cleanly stopped.

Prefect's "ephemeral mode" starts a local API server in a subprocess on first use and kills
it at interpreter exit. Three things made that noisy: the server's telemetry heartbeat racing
its own SQLite migrations ("database is locked"), the exit-time stop landing while the
server was still writing the run's last task-run events (a cancelled flush, logged with a
traceback), and the server logging its own harmless connection-pool tracebacks to the user's
terminal mid-run. Here the server is started explicitly with telemetry off, its console output
goes to a log file (``SERVER_LOG``, quoted when the server fails to start), and before it is
stopped we wait until it has recorded every task run of our flow runs.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC
from pathlib import Path

log = logging.getLogger("callaudit.flows")

QUIET_ENV = {
    # No phoning home (there is no network for it anyway); its heartbeat also contends for the DB.
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ALLOW_EPHEMERAL_MODE": "true",
    "PREFECT_UI_ENABLED": "false",
    # Record task runs in batches: one SQLite transaction per event made the temporary server
    # fall seconds behind a busy run (and compete with Whisper for the cores).
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_BATCH_SIZE": "100",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_FLUSH_INTERVAL": "1",
    # Prefect's 20 s default is too short for the server's first start on a busy 2-core machine.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
}


SERVER_LOG = "callaudit-local-server.log"  # in PREFECT_HOME, next to the server's own database


class LocalServerError(RuntimeError):
    """The temporary Prefect server did not come up."""


def prepare_environment() -> None:
    """Set before Prefect is imported (and inherited by the temporary server): telemetry off, quiet."""
    for key, value in QUIET_ENV.items():
        os.environ.setdefault(key, value)
    os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "WARNING")


class _OnlyWarningsFrom(logging.Filter):
    """Drop records below WARNING from the given libraries' loggers."""

    def __init__(self, prefixes: tuple[str, ...]) -> None:
        super().__init__()
        self.prefixes = prefixes

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.WARNING or not record.name.startswith(self.prefixes)


def quiet_prefect_console() -> None:
    """Keep Prefect's (and Dask's) info logs off the console; they still reach the Prefect API and UI."""
    from prefect.logging.configuration import setup_logging

    setup_logging()  # Prefect's handlers exist from here on, so the filter covers them too
    quiet = _OnlyWarningsFrom(("prefect", "uvicorn", "httpx", "distributed", "docket"))
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, _OnlyWarningsFrom) for f in handler.filters):
            handler.addFilter(quiet)


@contextmanager
def local_prefect(settle_timeout: float = 15.0) -> Iterator[str | None]:
    """A Prefect API for this process: ``PREFECT_API_URL`` if set, else a temporary local server.

    Yields the API URL in use. On exit the temporary server is stopped only after it has
    recorded the final state of every task run of the flow runs started meanwhile.
    """
    prepare_environment()
    import prefect.settings

    if prefect.settings.PREFECT_API_URL.value():
        yield prefect.settings.PREFECT_API_URL.value()
        return
    started_at = time.time()
    log_path = Path(prefect.settings.PREFECT_HOME.value()) / SERVER_LOG
    server = _server_logging_to(log_path)
    try:
        server.start()
    except RuntimeError as exc:
        server.stop()
        raise LocalServerError(
            f"could not start a temporary Prefect server ({exc}). Its log, {log_path}, ends:\n"
            f"{_tail(log_path)}\nStart one with `prefect server start` and set "
            f"PREFECT_API_URL=http://127.0.0.1:4200/api, then run again."
        ) from exc
    try:
        with prefect.settings.temporary_settings(updates={prefect.settings.PREFECT_API_URL: server.api_url}):
            try:
                yield server.api_url
            finally:
                _settle(started_at, settle_timeout)
    finally:
        server.stop()


def _server_logging_to(log_path: Path):
    """Prefect's temporary server, its console output going to ``log_path`` instead of ours."""
    from prefect.server.api.server import SubprocessASGIServer

    log_path.parent.mkdir(parents=True, exist_ok=True)
    log_path.write_bytes(b"")  # this run's server only

    class LoggedServer(SubprocessASGIServer):
        def _run_uvicorn_command(self):
            # Prefect spawns the server with our stdout and stderr; lend it the log file instead.
            with open(log_path, "ab") as sink, _standard_streams_to(sink.fileno()):
                return super()._run_uvicorn_command()

    # Registered where Prefect's own code looks for its temporary server, so it reuses this one.
    return LoggedServer()


@contextmanager
def _standard_streams_to(fd: int) -> Iterator[None]:
    """Point file descriptors 1 and 2 at ``fd`` for the duration (a child spawned now inherits them)."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = [os.dup(1), os.dup(2)]
    try:
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        yield
    finally:
        for target, original in zip((1, 2), saved, strict=True):
            os.dup2(original, target)
            os.close(original)


def _tail(path: Path, lines: int = 20) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError as exc:
        return f"(unreadable: {exc})"


def _settle(since: float, timeout: float) -> None:
    """Send this process's buffered events and logs, then wait until the server has recorded
    every task run of the flow runs started since ``since`` (at most ``timeout`` seconds)."""
    _drain_client_workers()
    _wait_until_recorded(since, timeout)


def _drain_client_workers() -> None:
    """Send every buffered event and log record of this process to the server."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    for worker in (APILogWorker, EventsWorker):
        try:
            worker.drain_all(timeout=10)
        except Exception as exc:  # noqa: BLE001 - nothing buffered, or the worker never started
            log.debug("draining %s: %s", worker.__name__, exc)


EMPTY_GRACE_SECONDS = 5.0


def _wait_until_recorded(since: float, timeout: float) -> None:
    """Block until the server's task-run recorder has caught up with our flow runs' events."""
    from datetime import datetime

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterStartTime

    started = datetime.fromtimestamp(since - 1, tz=UTC)
    deadline = time.monotonic() + timeout
    previous = None
    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs(
            flow_run_filter=FlowRunFilter(start_time=FlowRunFilterStartTime(after_=started))
        )
        ids = [run.id for run in runs]
        none_since = None  # when the server was first seen with no task run of them
        while ids and time.monotonic() < deadline:
            snapshot = _task_run_states(client, FlowRunFilter(id={"any_": ids}))
            if snapshot and snapshot == previous and all(final for _, final in snapshot):
                return
            # None recorded may be none yet (events still on their way: CI at 7d45641 read no
            # task run at all) or none at all (a bad rule pack fails a run before its first task).
            none_since = (none_since or time.monotonic()) if not snapshot else None
            if none_since is not None and time.monotonic() - none_since > EMPTY_GRACE_SECONDS:
                return
            previous = snapshot
            time.sleep(0.3)
    log.debug("the temporary Prefect server had not recorded every task run after %.0f s", timeout)


def _task_run_states(client, flow_runs) -> list[tuple[str, bool]]:
    """(task run id, is final) for every task run of ``flow_runs``, paging through the API."""
    from prefect.client.schemas.sorting import TaskRunSort

    states: list[tuple[str, bool]] = []
    page = 200
    while True:
        batch = client.read_task_runs(
            flow_run_filter=flow_runs, limit=page, offset=len(states), sort=TaskRunSort.ID_DESC
        )
        states += [(str(t.id), bool(t.state and t.state.is_final())) for t in batch]
        if len(batch) < page:
            return sorted(states)
