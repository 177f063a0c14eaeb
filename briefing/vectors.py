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


class Vectorizer(Protocol):
    name: str

    def fit(self, texts: Sequence[str]) -> Vectorizer: ...

    def transform(self, texts: Sequence[str]) -> Any: ...


def get_vectorizer(name: str = "tfidf") -> Vectorizer:
    raise NotImplementedError


def cosine(a: Any, b: Any) -> Any:
    """Dense cosine-similarity matrix between the rows of a and the rows of b."""
    raise NotImplementedError
