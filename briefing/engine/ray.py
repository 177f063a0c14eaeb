"""The Ray engine: the same functions as Ray tasks, on a Ray cluster or a local Ray instance.

`ray.init(address=...)` joins the cluster at `address` (`--ray-address`, `[engine] address`),
else the one RAY_ADDRESS names, else starts a Ray instance on this machine. Every node needs
briefing installed (the same version), as a Ray job's runtime environment or on the image.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from briefing.engine import call_each, chunks
from briefing.errors import ConfigError

T = TypeVar("T")
R = TypeVar("R")
log = logging.getLogger(__name__)

INSTALL = "the ray engine needs: pip install 'briefing[ray]'"


def _ray() -> Any:
    try:
        import ray
    except ImportError:
        raise ConfigError(INSTALL) from None
    return ray


class RayEngine:
    name = "ray"

    def __init__(self, address: str | None = None) -> None:
        self._ray = _ray()
        if not self._ray.is_initialized():
            # Ray's own start-up notes are not the brief's business; errors still show.
            logging.getLogger("ray").setLevel(logging.ERROR)
            try:
                self._ray.init(address=address or None, logging_level=logging.ERROR,
                               log_to_driver=False)
            except (ConnectionError, ValueError, RuntimeError) as error:
                where = address or "RAY_ADDRESS"
                raise ConfigError(f"can't join the Ray cluster at {where}: {error}") from None
        self._task = self._ray.remote(call_each)

    @property
    def workers(self) -> int:
        return max(1, int(self._ray.available_resources().get("CPU", 1)))

    def map(self, function: Callable[[T], R], items: Sequence[T]) -> list[R]:
        if not items:
            return []
        parts = chunks(list(items), self.workers)
        done = self._ray.get([self._task.remote(function, part) for part in parts])
        return [result for part in done for result in part]
