"""Sentences as vectors, fitted on the whole day: TF-IDF by default, MiniLM when installed.

    vectorizer = get_vectorizer("tfidf").fit(all_sentence_texts_of_the_day)
    matrix = vectorizer.transform(texts)     # one L2-normalised row per text

Rows are L2-normalised, so `matrix @ matrix.T` is cosine similarity. The matrix may be a scipy
sparse matrix (TF-IDF) or a dense numpy array (embeddings); callers use `@`, `.shape` and
`cosine(a, b)` only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
from scipy import sparse

from briefing.errors import ConfigError

if TYPE_CHECKING:  # scikit-learn takes most of a second to import: only when a day is fitted
    from sklearn.feature_extraction.text import TfidfVectorizer as _SklearnTfidf

NAMES = ("tfidf", "minilm")


class Vectorizer(Protocol):
    name: str

    def fit(self, texts: Sequence[str]) -> Vectorizer: ...

    def transform(self, texts: Sequence[str]) -> Any: ...


class TfidfVectorizer:
    """TF-IDF with sublinear term frequency and English stop words, fitted on one day's text.

    Fitting on the day (not on a fixed corpus) makes the words that every story of the day
    shares ("said", "Monday") weigh little and the words of one story weigh much.
    A day with no usable words at all gives zero vectors rather than an error.
    """

    name = "tfidf"

    def __init__(self) -> None:
        self._model: _SklearnTfidf | None = None
        # The day's own texts are vectorised once, when fitting; later transforms of the same
        # sentences (story by story) are row look-ups.
        self._fitted_rows: sparse.csr_matrix | None = None
        self._row_of: dict[str, int] = {}

    def fit(self, texts: Sequence[str]) -> TfidfVectorizer:
        from sklearn.feature_extraction.text import TfidfVectorizer as _SklearnTfidf

        model = _SklearnTfidf(
            sublinear_tf=True, stop_words="english", norm="l2", dtype=np.float32,
            strip_accents="unicode",
        )
        try:
            rows = model.fit_transform(texts).tocsr()
        except ValueError:  # empty vocabulary: nothing but stop words or numbers
            self._model, self._fitted_rows, self._row_of = None, None, {}
        else:
            self._model, self._fitted_rows = model, rows
            self._row_of = {text: i for i, text in enumerate(texts)}
        return self

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        if self._model is None or self._fitted_rows is None:
            return sparse.csr_matrix((len(texts), 1), dtype=np.float32)
        known = [self._row_of.get(text) for text in texts]
        if all(i is not None for i in known):
            return self._fitted_rows[known]
        return self._model.transform(texts).tocsr()


def get_vectorizer(name: str = "tfidf") -> Vectorizer:
    """A fresh, unfitted vectorizer by name: "tfidf" or "minilm" (needs briefing[neural])."""
    if name == "tfidf":
        return TfidfVectorizer()
    if name == "minilm":
        from briefing import embeddings

        return embeddings.MiniLMVectorizer()
    raise ConfigError(f"unknown vectors {name!r}; choose one of: {', '.join(NAMES)}")


def cosine(a: Any, b: Any) -> np.ndarray:
    """Dense cosine-similarity matrix between the rows of a and the rows of b.

    Works for sparse and dense rows alike; a zero row is similar to nothing (0.0).
    """
    a = _unit_rows(_two_d(a))
    b = _unit_rows(_two_d(b))
    product = a @ b.T
    if sparse.issparse(product):
        product = product.toarray()
    return np.asarray(product, dtype=np.float64)


def mean_row(matrix: Any) -> Any:
    """The mean of the rows as one row: sparse for sparse rows, so that no vocabulary-wide
    dense array is built."""
    if sparse.issparse(matrix):
        n = max(matrix.shape[0], 1)
        return sparse.csr_matrix(np.full((1, matrix.shape[0]), 1.0 / n)) @ matrix
    return np.asarray(matrix, dtype=np.float64).mean(axis=0, keepdims=True)


def unit_rows(matrix: Any) -> Any:
    """Rows scaled to length 1 (zero rows stay zero), sparse or dense as given."""
    return _unit_rows(_two_d(matrix))


def closeness_to_centres(matrix: Any, group_of: np.ndarray, groups: int) -> np.ndarray:
    """Cosine of each row to the mean row of its group (`group_of[i]` in 0..groups-1), for all
    groups at once: no per-group call and, for sparse rows, no dense vocabulary-wide array."""
    n = matrix.shape[0]
    if n == 0:
        return np.zeros(0)
    sizes = np.bincount(group_of, minlength=groups).astype(np.float64)
    averaging = sparse.csr_matrix(
        (1.0 / sizes[group_of], (group_of, np.arange(n))), shape=(groups, n))
    centres = averaging @ matrix
    rows = _unit_rows(_two_d(matrix))
    if not sparse.issparse(matrix):
        centres = _unit_rows(np.asarray(centres, dtype=np.float64))
        return np.asarray((rows * centres[group_of]).sum(axis=1), dtype=np.float64)
    centres = _unit_rows(sparse.csr_matrix(centres))
    centres.sort_indices()
    width = np.int64(matrix.shape[1])
    # Each nonzero (i, t) of a row looks up its group centre's weight of term t.
    keys = np.repeat(np.arange(groups, dtype=np.int64), np.diff(centres.indptr)) * width
    keys += centres.indices
    rows = rows.tocoo()
    wanted = group_of[rows.row].astype(np.int64) * width + rows.col
    at = np.minimum(np.searchsorted(keys, wanted), max(len(keys) - 1, 0))
    found = keys[at] == wanted if len(keys) else np.zeros(len(wanted), bool)
    weights = np.where(found, centres.data[at] if len(keys) else 0.0, 0.0)
    return np.bincount(rows.row, weights=rows.data.astype(np.float64) * weights, minlength=n)


def _two_d(matrix: Any) -> Any:
    if sparse.issparse(matrix):
        return sparse.csr_matrix(matrix)
    array = np.asarray(matrix, dtype=np.float64)
    return array.reshape(1, -1) if array.ndim == 1 else array


def _unit_rows(matrix: Any) -> Any:
    """Rows scaled to length 1 (zero rows stay zero)."""
    if sparse.issparse(matrix):
        lengths = np.diff(matrix.indptr)
        rows = np.repeat(np.arange(matrix.shape[0]), lengths)
        squares = np.bincount(rows, weights=matrix.data.astype(np.float64) ** 2,
                              minlength=matrix.shape[0])
        norms = np.sqrt(squares)
        scale = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
        unit = matrix.copy()
        unit.data = unit.data * np.repeat(scale, lengths)
        return unit
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)
