"""Group the day's articles into stories: the same event reported by several outlets.

    group(articles, sentences_by_article, vectorizer) -> [Story, ...]
    alike(sentences_a, sentences_b, vectorizer) -> float   two stories told as one event?

Grouping comes before ranking so that ranking stays within a story and a day of thousands of
articles never builds a day-wide sentence-by-sentence matrix.

Each article becomes one vector (its title and sentences through the day's vectorizer). Pairs of
articles at least `SIMILAR` alike (a threshold per vectorizer) are candidate links, found block
by block so that memory stays linear in the day; links are then taken strongest first, and two
groups merge only when their *average* pairwise similarity is still at least that threshold
(group-average agglomerative clustering). The average, unlike a single strong link, keeps one
wide-ranging article from chaining two unrelated events into one story.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from scipy import sparse

from briefing.domain import Article, Sentence, Story
from briefing.vectors import Vectorizer

# Average cosine between two articles of the same event, per sentence representation: MiniLM
# cosines run higher than TF-IDF ones (best thresholds on mixed multi-news dev days,
# benchmarks/embeddings.py).
SIMILAR = {"tfidf": 0.2, "minilm": 0.4}
# Two stories' best sentences this alike tell one event, although grouping kept them apart (the
# page shows one of them; `alike`).
SAME_EVENT = {"tfidf": 0.25, "minilm": 0.55}
_BLOCK = 512  # rows of the article x article similarity computed at a time


def group(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    vectorizer: Vectorizer,
) -> list[Story]:
    """Stories of the day, each with its articles in input order; the largest stories first.

    Stories of equal size keep the order of their first article in the input.
    """
    if not articles:
        return []
    texts = [_article_text(a, sentences.get(a.id, ())) for a in articles]
    vectors = vectorizer.transform(texts)
    labels = _agglomerate(vectors, SIMILAR.get(vectorizer.name, SIMILAR["tfidf"]))

    members: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        members.setdefault(label, []).append(i)
    groups = sorted(members.values(), key=lambda idx: (-len(idx), idx[0]))
    return [
        Story(
            articles=tuple(articles[i] for i in idx),
            sentences=tuple(s for i in idx for s in sentences.get(articles[i].id, ())),
        )
        for idx in groups
    ]


def alike(a: Sequence[Sentence], b: Sequence[Sentence], vectorizer: Vectorizer) -> float:
    """How alike two stories' best sentences are (cosine of each side's sentences read as one
    text): at SAME_EVENT or more they tell one event."""
    rows = vectorizer.transform([" ".join(s.text for s in a), " ".join(s.text for s in b)])
    product = rows[0] @ rows[1].T
    return float(product.sum()) if sparse.issparse(product) else float(np.sum(product))


def same_event_threshold(vectorizer: Vectorizer) -> float:
    return SAME_EVENT.get(vectorizer.name, SAME_EVENT["tfidf"])


def _article_text(article: Article, sentences: Sequence[Sentence]) -> str:
    body = " ".join(s.text for s in sentences) if sentences else article.text
    return f"{article.title}\n{body}" if article.title else body


def _agglomerate(vectors: Any, threshold: float) -> list[int]:
    """A cluster label per row: group-average linkage over links of at least `threshold`."""
    n = vectors.shape[0]
    rows, cols, sims = _links(vectors, threshold)
    parent = list(range(n))
    size = [1] * n
    # Sum of a group's (L2-normalised) rows: sum_a . sum_b / (|a| |b|) is the average pairwise
    # cosine between the two groups, computed without visiting the pairs.
    sums: dict[int, Any] = {}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def total(root: int) -> Any:
        if root not in sums:
            sums[root] = vectors[root]
        return sums[root]

    for e in np.argsort(-sims, kind="stable"):
        a, b = find(int(rows[e])), find(int(cols[e]))
        if a == b:
            continue
        if size[a] == 1 and size[b] == 1:
            average = float(sims[e])
        else:
            dot = total(a) @ total(b).T
            dot = float(dot.sum()) if sparse.issparse(dot) else float(np.sum(dot))
            average = dot / (size[a] * size[b])
        if average < threshold:
            continue
        if size[a] < size[b]:
            a, b = b, a
        sums[a] = total(a) + total(b)
        sums.pop(b, None)
        parent[b] = a
        size[a] += size[b]
    return [find(i) for i in range(n)]


def _links(vectors: Any, threshold: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row, col, similarity) of every pair row < col at least `threshold` alike."""
    n = vectors.shape[0]
    found_rows: list[np.ndarray] = []
    found_cols: list[np.ndarray] = []
    found_sims: list[np.ndarray] = []
    for start in range(0, n, _BLOCK):
        block = vectors[start : start + _BLOCK] @ vectors.T
        block = sparse.coo_matrix(block)
        keep = (block.data >= threshold) & (block.row + start < block.col)
        found_rows.append(block.row[keep] + start)
        found_cols.append(block.col[keep])
        found_sims.append(block.data[keep])
    if not found_rows:
        return np.empty(0, int), np.empty(0, int), np.empty(0)
    return np.concatenate(found_rows), np.concatenate(found_cols), np.concatenate(found_sims)
