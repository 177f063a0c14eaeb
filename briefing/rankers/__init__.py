"""Sentence rankers, one algorithm per module, one calling convention, one registry.

A ranker takes a `RankInput` (a story and its sentence vectors, rows aligned with
`story.sentences`) and returns one score per sentence, higher is better:

    @register("lead")
    def lead(inp: RankInput) -> list[float]: ...

The CLI's `--ranker` choices are `names()`. Adding a ranker is adding a module here and
importing it below.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from briefing.domain import Story


@dataclass(frozen=True)
class RankInput:
    story: Story
    vectors: Any  # one L2-normalised row per story.sentences entry (see briefing.vectors)


Ranker = Callable[[RankInput], list[float]]

DEFAULT = "default"
_REGISTRY: dict[str, Ranker] = {}


def register(name: str) -> Callable[[Ranker], Ranker]:
    def add(ranker: Ranker) -> Ranker:
        _REGISTRY[name] = ranker
        return ranker

    return add


def get(name: str) -> Ranker:
    from briefing.errors import ConfigError

    try:
        return _REGISTRY[name]
    except KeyError:
        raise ConfigError(f"unknown ranker {name!r}; choose one of: {', '.join(names())}") from None


def names() -> list[str]:
    return sorted(_REGISTRY)


# The rankers register themselves on import; adding a ranker is adding a line here.
from briefing.rankers import default, lead, lexrank, textrank  # noqa: E402, F401
