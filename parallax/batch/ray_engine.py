"""The Ray engine: the same jobs on a Ray cluster, one model per worker, loaded once.

Ray is an optional install (requirements-ray.txt). Each worker is an actor that keeps its encoder
between jobs; jobs go to the least busy actor and come back as they finish. A cluster's workers
write their results to the output folder and, with --save, to the store named by DATABASE_URL, so
both must be reachable from every node (a shared file system and a PostgreSQL server).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from parallax.batch.jobs import Job, Outcome, run_job

__all__ = ["RayUnavailable", "ray_engine"]

_INSTALL_HINT = "pip install -r requirements-ray.txt"


class RayUnavailable(RuntimeError):
    """Ray is not installed or the cluster cannot be reached; the message says what to do."""


def ray_engine(address: str | None = None, workers: int | None = None):
    """An engine running jobs on Ray: `address` of an existing cluster, or a local one on this machine.

    `workers` actors (default: one per CPU the cluster offers, at most the number of jobs).
    """
    try:
        import ray
    except ImportError as exc:
        raise RayUnavailable(f"the ray engine needs Ray: {_INSTALL_HINT}") from exc

    def engine(jobs: Sequence[Job]) -> Iterator[Outcome]:
        if not jobs:
            return
        started_here = not ray.is_initialized()
        if started_here:
            try:
                if address:
                    ray.init(address=address, logging_level="ERROR", log_to_driver=False)
                else:
                    ray.init(num_cpus=workers, include_dashboard=False, logging_level="ERROR",
                             log_to_driver=False, _node_ip_address="127.0.0.1")
            except (ConnectionError, RuntimeError, ValueError) as exc:
                where = f" at {address}" if address else ""
                raise RayUnavailable(f"cannot reach the Ray cluster{where}: {exc}") from exc
        try:
            yield from _run(ray, jobs, workers)
        finally:
            if started_here:
                ray.shutdown()

    return engine


def _run(ray, jobs: Sequence[Job], workers: int | None) -> Iterator[Outcome]:
    @ray.remote(num_cpus=1)
    class Worker:
        """Runs jobs in one process, so its encoder (cached in parallax.batch.jobs) loads once."""

        def run(self, job: Job) -> Outcome:
            return run_job(job)

    count = max(1, min(len(jobs), workers or int(ray.cluster_resources().get("CPU", 1))))
    actors = [Worker.remote() for _ in range(count)]
    queue = list(jobs)
    running = {}
    for actor in actors:
        if queue:
            running[actor.run.remote(queue.pop(0))] = actor
    while running:
        (ready,), _ = ray.wait(list(running), num_returns=1)
        actor = running.pop(ready)
        yield ray.get(ready)
        if queue:
            running[actor.run.remote(queue.pop(0))] = actor
