"""The default ranker: what a news editor would keep, from four signals every story carries.

    position    news is written top-down: an article's opening sentences carry the event, as
                far as the article is about the story (its centroid's closeness to the story's)
    centrality  PacSum (Zheng & Lapata, 2019): a sentence matters when the sentences *after* it
                in its own article elaborate on it (directed, position-aware centrality)
    centroid    closeness to the story's centroid, each article weighted equally (MEAD)
    coverage    how many of the story's *other* articles report the same content: a fact that
                several outlets carry is the story; a detail one outlet adds is not

The weighted mean of the four is multiplied by a length prior (too short to stand alone, or a
run-on sentence) and scaled so the best sentence of the story scores 1.0. Scores are in [0, 1].
A huge story only compares its first `PAIRWISE_LIMIT` sentences (in reading order) pairwise;
the rest are scored on position, centroid and length, which keeps the cost bounded.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

from briefing.rankers import RankInput, register
from briefing.vectors import cosine, mean_row, unit_rows

WEIGHTS = {"position": 1.5, "centrality": 0.5, "centroid": 1.0, "coverage": 2.0}
PACSUM_BACKWARD = -0.3  # weight of edges to earlier sentences (PacSum's lambda1; later ones: 1)
PACSUM_BETA = 0.0  # edges below min + beta * (max - min) of an article count as noise
PAIRWISE_LIMIT = 1500
GOOD_LENGTH = (10, 40)
ARTICLE_RELEVANCE = True  # words: sentences inside this range carry no length penalty


@register("default")
def default(inp: RankInput) -> list[float]:
    sentences = inp.story.sentences
    n = len(sentences)
    if n == 0:
        return []
    article_of = _article_numbers(inp)
    index = np.array([s.index for s in sentences], dtype=float)

    centroid, relevance = _centroid_closeness(inp.vectors, article_of)
    position = 1.0 / np.sqrt(1.0 + index)
    if ARTICLE_RELEVANCE:
        position = position * relevance[article_of]

    pairwise = np.argsort(index, kind="stable")[:PAIRWISE_LIMIT]
    centrality = np.zeros(n)
    coverage = np.zeros(n)
    similar = np.clip(cosine(inp.vectors[pairwise], inp.vectors[pairwise]), 0.0, 1.0)
    np.fill_diagonal(similar, 0.0)
    centrality[pairwise] = _pacsum(similar, article_of[pairwise], index[pairwise])
    several = len(set(article_of.tolist())) > 1
    if several:
        coverage[pairwise] = _coverage(similar, article_of[pairwise])

    signals = {"position": position, "centrality": centrality, "centroid": centroid,
               "coverage": coverage}
    used = {k: w for k, w in WEIGHTS.items() if several or k != "coverage"}
    combined = sum(w * signals[k] for k, w in used.items()) / sum(used.values())
    scores = combined * _length_prior(inp)
    best = scores.max()
    return (scores / best if best > 0 else scores).tolist()


def _article_numbers(inp: RankInput) -> np.ndarray:
    number: dict[str, int] = {}
    return np.array([number.setdefault(s.article_id, len(number)) for s in inp.story.sentences])


def _centroid_closeness(
    vectors: object, article_of: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Cosine of each sentence to the mean of the articles' centroids, and how close each
    article's own centroid is to it (1.0 for the closest article)."""
    articles = int(article_of.max()) + 1
    counts = np.bincount(article_of, minlength=articles).astype(float)
    averaging = sparse.csr_matrix(
        (1.0 / counts[article_of], (article_of, np.arange(len(article_of)))),
        shape=(articles, len(article_of)),
    )
    parts = unit_rows(averaging @ vectors)  # one mean row per article, sparse when sparse
    centre = mean_row(parts)
    closeness = np.clip(cosine(vectors, centre)[:, 0], 0.0, 1.0)
    relevance = np.clip(cosine(parts, centre)[:, 0], 0.0, 1.0)
    best = relevance.max()
    return closeness, (relevance / best if best > 0 else np.ones(articles))


def _pacsum(similar: np.ndarray, article_of: np.ndarray, index: np.ndarray) -> np.ndarray:
    """Directed centrality within each article, scaled to [0, 1] per article."""
    result = np.zeros(len(index))
    for a in np.unique(article_of):
        rows = np.flatnonzero(article_of == a)
        rows = rows[np.argsort(index[rows], kind="stable")]
        if len(rows) < 2:
            result[rows] = 1.0
            continue
        edges = similar[np.ix_(rows, rows)]
        off = edges[~np.eye(len(rows), dtype=bool)]
        floor = off.min() + PACSUM_BETA * (off.max() - off.min())
        edges = np.clip(edges - floor, 0.0, None)
        later = np.triu(edges, 1).sum(axis=1)
        earlier = np.tril(edges, -1).sum(axis=1)
        raw = later + PACSUM_BACKWARD * earlier
        span = raw.max() - raw.min()
        result[rows] = (raw - raw.min()) / span if span > 0 else 1.0
    return result


def _coverage(similar: np.ndarray, article_of: np.ndarray) -> np.ndarray:
    """Mean over the other articles of the best match of each sentence in that article."""
    articles = np.unique(article_of)
    best = np.zeros((len(article_of), len(articles)))
    for k, a in enumerate(articles):
        best[:, k] = similar[:, article_of == a].max(axis=1)
    own = article_of[:, None] == articles[None, :]
    best[own] = 0.0
    return best.sum(axis=1) / (len(articles) - 1)


def _length_prior(inp: RankInput) -> np.ndarray:
    low, high = GOOD_LENGTH
    words = np.array([len(s.text.split()) for s in inp.story.sentences], dtype=float)
    short = np.minimum(1.0, words / low)
    long = np.minimum(1.0, high / np.maximum(words, 1.0))
    return short * np.sqrt(long)
