"""Where the per-article stages and the per-story ranking run: this machine or a Ray cluster.

    runner = engine.get("local", jobs=2)          # or engine.get("ray", address="ray://head:10001")
    results = runner.map(function, items)        # [function(item) for item in items], in order

`function` is a module-level function (it travels to worker processes or Ray workers by
reference) and each call is independent of the others, so the results, and the brief made from
them, are the same whichever engine runs them and however many workers it has.

    local   this process for a small input (fewer than PARALLEL_FROM items, or jobs=1), else
            worker processes (concurrent.futures, items sent in chunks); jobs=None: every core
    ray     Ray tasks, in chunks, on the cluster named by `address`, else by RAY_ADDRESS, else on
            a Ray instance started on this machine (needs briefing[ray])
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

from briefing.errors import ConfigError

NAMES = ("local", "ray")
PARALLEL_FROM = 200  # fewer items than this run in this process: no pool to start

T = TypeVar("T")
R = TypeVar("R")


class Engine(Protocol):
    name: str

    def map(self, function: Callable[[T], R], items: Sequence[T]) -> list[R]: ...


def get(name: str = "local", *, jobs: int | None = None, address: str | None = None) -> Engine:
    """An engine by name; a Ray engine joins (or starts) its Ray instance here."""
    if jobs is not None and jobs < 1:
        raise ConfigError(f"jobs must be 1 or more, not {jobs}")
    if name == "local":
        from briefing.engine.local import LocalEngine

        return LocalEngine(jobs)
    if name == "ray":
        from briefing.engine.ray import RayEngine

        return RayEngine(address)
    raise ConfigError(f"unknown engine {name!r}; choose one of: {', '.join(NAMES)}")


def chunks(items: Sequence[Any], workers: int) -> list[Sequence[Any]]:
    """The items cut into about four chunks a worker, in order (fewer round trips than one
    item a task, and still work for every worker while the slowest chunk finishes)."""
    size = max(1, -(-len(items) // (4 * max(1, workers))))
    return [items[i : i + size] for i in range(0, len(items), size)]


def call_each(function: Callable[[T], R], chunk: Sequence[T]) -> list[R]:
    """One chunk's results (what a worker runs)."""
    return [function(item) for item in chunk]
