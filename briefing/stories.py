"""Group the day's articles into stories: the same event reported by several outlets.

    group(articles, sentences_by_article, vectorizer) -> [Story, ...]
    alike(sentences_a, sentences_b, vectorizer) -> float   two stories told as one event?
    likeness(groups_of_sentences, vectorizer) -> matrix     `alike` of every pair, 1.0: one event

Grouping comes before ranking so that ranking stays within a story and a day of thousands of
articles never builds a day-wide sentence-by-sentence matrix.

Each article becomes one vector (its title and sentences through the day's vectorizer). Pairs of
articles at least `SIMILAR` alike (a threshold per vectorizer) are candidate links, found block
by block so that memory stays linear in the day; links are then taken strongest first, and two
groups merge only when their *average* pairwise similarity is still at least that threshold
(group-average agglomerative clustering). The average, unlike a single strong link, keeps one
wide-ranging article from chaining two unrelated events into one story.

A day of up to ALL_PAIRS articles compares every pair. A larger one compares only the articles
that share one of their KEY_WORDS heaviest words (blocking): the comparisons grow with the day
and the size of its largest topics, not with the square of its articles, and about 95 % of the
links that all pairs would find are found (on 20,000 Reuters articles the stories agree with
all-pairs grouping at an adjusted Rand index of 0.998; benchmarks/speed.py, docs/benchmarks.md).
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
# Candidate pairs of a large day (more than ALL_PAIRS articles): two articles are compared
# only when they share one of their KEY_WORDS heaviest words (blocking), so that comparisons grow
# with the articles and with the size of the day's largest topics, not with the square of the
# day. A day of at most ALL_PAIRS articles compares every pair.
ALL_PAIRS = 2000
KEY_WORDS = 8
_PAIRS = 50_000  # candidate pairs scored at a time


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


def likeness(groups: Sequence[Sequence[Sentence]], vectorizer: Vectorizer) -> np.ndarray:
    """`alike` for every pair of the groups at once, as a share of SAME_EVENT (1.0 and more:
    one event): a (groups x groups) matrix."""
    rows = vectorizer.transform([" ".join(s.text for s in group) for group in groups])
    product = rows @ rows.T
    matrix = product.toarray() if sparse.issparse(product) else np.asarray(product)
    return np.asarray(matrix, dtype=float) / same_event_threshold(vectorizer)


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
    sums = _RowSums(vectors)

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    # Two groups found too far apart stay so until one of them grows: a link between them is
    # passed over without computing the average again.
    apart: set[tuple[int, int, int, int]] = set()
    for e in np.argsort(-sims, kind="stable"):
        a, b = find(int(rows[e])), find(int(cols[e]))
        if a == b:
            continue
        if size[a] == 1 and size[b] == 1:
            average = float(sims[e])
        else:
            seen = (a, b, size[a], size[b]) if a < b else (b, a, size[b], size[a])
            if seen in apart:
                continue
            average = sums.dot(a, b) / (size[a] * size[b])
            if average < threshold:
                apart.add(seen)
        if average < threshold:
            continue
        if size[a] < size[b]:
            a, b = b, a
        sums.merge(a, b)
        parent[b] = a
        size[a] += size[b]
    return [find(i) for i in range(n)]


class _RowSums:
    """The sum of each group's rows, kept as (sorted term ids, weights) for sparse rows: a dot
    product or a merge costs a few numpy calls on the groups' own terms, not a scipy matrix."""

    def __init__(self, vectors: Any) -> None:
        self._vectors = vectors
        self._sparse = sparse.issparse(vectors)
        self._sums: dict[int, Any] = {}

    def _of(self, root: int) -> Any:
        if root not in self._sums:
            if self._sparse:
                row = self._vectors[root]
                order = np.argsort(row.indices)
                self._sums[root] = (row.indices[order],
                                    row.data[order].astype(np.float64))
            else:
                self._sums[root] = np.asarray(self._vectors[root], dtype=np.float64).ravel()
        return self._sums[root]

    def dot(self, a: int, b: int) -> float:
        if not self._sparse:
            return float(self._of(a) @ self._of(b))
        (terms_a, weights_a), (terms_b, weights_b) = self._of(a), self._of(b)
        _, at, bt = np.intersect1d(terms_a, terms_b, assume_unique=True, return_indices=True)
        return float(weights_a[at] @ weights_b[bt])

    def merge(self, a: int, b: int) -> None:
        """Group b joins group a."""
        if not self._sparse:
            self._sums[a] = self._of(a) + self._of(b)
        else:
            (terms_a, weights_a), (terms_b, weights_b) = self._of(a), self._of(b)
            terms, where = np.unique(np.concatenate([terms_a, terms_b]), return_inverse=True)
            weights = np.bincount(where, weights=np.concatenate([weights_a, weights_b]),
                                  minlength=len(terms))
            self._sums[a] = (terms, weights)
        self._sums.pop(b, None)


def _links(vectors: Any, threshold: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row, col, similarity) of every pair row < col at least `threshold` alike: all pairs on
    a day of up to ALL_PAIRS articles, else the pairs that share a key word (`_key_words`)."""
    n = vectors.shape[0]
    if not sparse.issparse(vectors) or n <= ALL_PAIRS:
        return _all_links(vectors, threshold)
    vectors = sparse.csr_matrix(vectors)
    keys = _key_words(vectors)
    keys_t = keys.T.tocsr()
    found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for start in range(0, n, _BLOCK):
        block = sparse.coo_matrix(keys[start : start + _BLOCK] @ keys_t)
        row = block.row + start
        keep = row < block.col
        row, col = row[keep], block.col[keep]
        for i in range(0, len(row), _PAIRS):
            a, b = row[i : i + _PAIRS], col[i : i + _PAIRS]
            sims = np.asarray(vectors[a].multiply(vectors[b]).sum(axis=1)).ravel()
            alike = sims >= threshold
            found.append((a[alike], b[alike], sims[alike]))
    if not found:
        return np.empty(0, int), np.empty(0, int), np.empty(0)
    return (np.concatenate([f[0] for f in found]), np.concatenate([f[1] for f in found]),
            np.concatenate([f[2] for f in found]))


def _key_words(vectors: sparse.csr_matrix) -> sparse.csr_matrix:
    """Each row's KEY_WORDS heaviest words among those another row uses too (a word of one
    article links it to none), as a 0/1 matrix of the rows' shape."""
    rows = np.repeat(np.arange(vectors.shape[0]), np.diff(vectors.indptr))
    users = np.bincount(vectors.indices, minlength=vectors.shape[1])
    weight = np.where(users[vectors.indices] > 1, vectors.data, 0.0)
    order = np.lexsort((-weight, rows))  # by row, heaviest first
    rank = np.arange(len(order)) - vectors.indptr[rows[order]]
    chosen = order[(rank < KEY_WORDS) & (weight[order] > 0)]
    return sparse.csr_matrix(
        (np.ones(len(chosen), dtype=np.float32), (rows[chosen], vectors.indices[chosen])),
        shape=vectors.shape)


def _all_links(vectors: Any, threshold: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`_links` comparing every pair, a block of rows at a time."""
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
