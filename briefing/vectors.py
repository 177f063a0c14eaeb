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
from sklearn.preprocessing import normalize

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

    def fit(self, texts: Sequence[str]) -> TfidfVectorizer:
        model = _SklearnTfidf(
            sublinear_tf=True, stop_words="english", norm="l2", dtype=np.float32,
            strip_accents="unicode",
        )
        try:
            model.fit(texts)
        except ValueError:  # empty vocabulary: nothing but stop words or numbers
            self._model = None
        else:
            self._model = model
        return self

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        if self._model is None:
            return sparse.csr_matrix((len(texts), 1), dtype=np.float32)
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
    a = normalize(_two_d(a))
    b = normalize(_two_d(b))
    product = a @ b.T
    if sparse.issparse(product):
        product = product.toarray()
    return np.asarray(product, dtype=np.float64)


def _two_d(matrix: Any) -> Any:
    if sparse.issparse(matrix):
        return matrix
    array = np.asarray(matrix, dtype=np.float64)
    return array.reshape(1, -1) if array.ndim == 1 else array
