"""LexRank (Erkan & Radev, 2004): PageRank over a thresholded cosine graph.

Unlike TextRank's weighted edges, LexRank keeps only links between sentences that are clearly
alike (cosine >= 0.1, the paper's continuous LexRank on a sparse graph), so a sentence wins by
being echoed by many others, not by vaguely resembling all of them.
"""

from __future__ import annotations

from briefing.rankers import RankInput, register
from briefing.rankers.textrank import pagerank, similarity_graph

THRESHOLD = 0.1


@register("lexrank")
def lexrank(inp: RankInput) -> list[float]:
    weights = similarity_graph(inp)
    weights[weights < THRESHOLD] = 0.0
    return pagerank(weights).tolist()
