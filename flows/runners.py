"""Where the per-call tasks run: threads in this process, or a Dask cluster via prefect-dask."""

from __future__ import annotations

from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner


def task_runner(dask: str | None = None, local_workers: int = 2) -> TaskRunner:
    """Threads by default; ``dask="local"`` starts a local Dask cluster, other values are a scheduler address.

    The flow bounds how many calls are in flight (``parallel_calls``), so the thread pool needs
    no limit of its own; on Dask, set ``parallel_calls`` to the cluster's total worker threads.
    """
    if not dask:
        return ThreadPoolTaskRunner()
    from prefect_dask import DaskTaskRunner

    if dask == "local":
        return DaskTaskRunner(
            cluster_kwargs={
                "n_workers": local_workers,
                "threads_per_worker": 1,
                "processes": True,
                "dashboard_address": None,
            }
        )
    return DaskTaskRunner(address=dask)
