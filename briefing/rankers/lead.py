"""Lead: the first sentences of each article, in turn.

News is written top-down, so the opening sentences are the classic, hard-to-beat summary.
Sentence k of every article scores 1 / (k + 1); ranking by score (ties kept in article order)
reads the stories' leads round-robin: every article's first sentence, then every second one.
"""

from __future__ import annotations

from briefing.rankers import RankInput, register


@register("lead")
def lead(inp: RankInput) -> list[float]:
    return [1.0 / (1 + s.index) for s in inp.story.sentences]
