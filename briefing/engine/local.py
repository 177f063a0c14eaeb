"""The local engine: this process, or worker processes on this machine for a large input."""

from __future__ import annotations

import functools
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

from briefing import engine
from briefing.engine import call_each, chunks

T = TypeVar("T")
R = TypeVar("R")


def cores() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class LocalEngine:
    name = "local"

    def __init__(self, jobs: int | None = None) -> None:
        self.jobs = jobs or cores()

    def map(self, function: Callable[[T], R], items: Sequence[T]) -> list[R]:
        if self.jobs == 1 or len(items) < engine.PARALLEL_FROM:
            return [function(item) for item in items]
        # The first item here: what the function loads once (models, compiled patterns) is
        # loaded before the workers fork, not once in each of them.
        first = function(items[0])
        parts = chunks(items[1:], self.jobs)
        # fork where there is one: workers start in milliseconds with the modules loaded.
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        with ProcessPoolExecutor(max_workers=min(self.jobs, len(parts)),
                                 mp_context=context) as pool:
            done = pool.map(functools.partial(call_each, function), parts)
            return [first, *(result for part in done for result in part)]
