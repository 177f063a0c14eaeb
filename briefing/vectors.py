"""Sentences as vectors, fitted on the whole day: TF-IDF by default, MiniLM when installed.

    vectorizer = get_vectorizer("tfidf").fit(all_sentence_texts_of_the_day)
    matrix = vectorizer.transform(texts)     # one L2-normalised row per text

Rows are L2-normalised, so `matrix @ matrix.T` is cosine similarity. The matrix may be a scipy
sparse matrix (TF-IDF) or a dense numpy array (embeddings); callers use `@`, `.shape` and
`cosine(a, b)` only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer as _SklearnTfidf

from briefing.errors import ConfigError

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
