"""TextRank (Mihalcea & Tarau, 2004): PageRank over the sentence-similarity graph.

Sentences are nodes, cosine similarities are edge weights; a sentence is important when
important sentences resemble it. `pagerank` is shared with the LexRank module.
"""

from __future__ import annotations

import numpy as np

from briefing.rankers import RankInput, register
from briefing.vectors import cosine

DAMPING = 0.85


def pagerank(weights: np.ndarray, damping: float = DAMPING, tol: float = 1e-6) -> np.ndarray:
    """Stationary scores of a weighted graph by power iteration, scaled so the best is 1."""
    n = weights.shape[0]
    if n == 0:
        return np.zeros(0)
    out = weights.sum(axis=1, keepdims=True)
    # A sentence with no edges links everywhere equally (no rank sinks).
    transition = np.where(out > 0, weights / np.where(out > 0, out, 1.0), 1.0 / n)
    scores = np.full(n, 1.0 / n)
    for _ in range(100):
        updated = (1 - damping) / n + damping * (transition.T @ scores)
        done = np.abs(updated - scores).sum() < tol
        scores = updated
        if done:
            break
    return scores / scores.max()


def similarity_graph(inp: RankInput) -> np.ndarray:
    weights = cosine(inp.vectors, inp.vectors)
    np.fill_diagonal(weights, 0.0)
    return np.clip(weights, 0.0, None)


@register("textrank")
def textrank(inp: RankInput) -> list[float]:
    return pagerank(similarity_graph(inp)).tolist()
