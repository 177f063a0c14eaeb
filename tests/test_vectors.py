"""vectors: TF-IDF fitted on the day, cosine for sparse and dense rows."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from briefing import vectors
from briefing.errors import ConfigError

DAY = [
    "The central bank raised interest rates by half a point on Tuesday.",
    "Interest rates rose again as the central bank fought inflation.",
    "A storm flooded coastal villages and closed the harbour.",
    "The harbour stayed closed after the storm flooded the coast.",
]


def test_same_event_is_closer_than_another_event():
    tfidf = vectors.get_vectorizer("tfidf").fit(DAY)
    sim = vectors.cosine(tfidf.transform(DAY), tfidf.transform(DAY))
    assert sim.shape == (4, 4)
    assert sim[0, 1] > 0.2
    assert sim[0, 1] > 3 * sim[0, 2]
    assert sim[2, 3] > 3 * sim[1, 3]
    assert np.allclose(np.diag(sim), 1.0, atol=1e-5)


def test_stop_words_alone_carry_no_similarity():
    tfidf = vectors.get_vectorizer().fit(DAY)
    sim = vectors.cosine(tfidf.transform(["It was the one that they had."]), tfidf.transform(DAY))
    assert np.allclose(sim, 0.0)


def test_a_day_without_words_gives_zero_vectors_not_an_error():
    tfidf = vectors.get_vectorizer().fit(["the and of", "12 34"])
    matrix = tfidf.transform(["the", "of it"])
    assert matrix.shape[0] == 2
    assert np.allclose(vectors.cosine(matrix, matrix), 0.0)


def test_cosine_handles_dense_rows_and_single_vectors():
    a = np.array([[3.0, 4.0], [0.0, 0.0]])
    sim = vectors.cosine(a, np.array([6.0, 8.0]))
    assert sim.shape == (2, 1)
    assert sim[0, 0] == pytest.approx(1.0)
    assert sim[1, 0] == 0.0


def test_minilm_is_loaded_lazily_from_the_embeddings_module(monkeypatch):
    class Fake:
        name = "minilm"

    fake_module = type(sys)("briefing.embeddings")
    fake_module.MiniLMVectorizer = Fake  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "briefing.embeddings", fake_module)
    import briefing

    monkeypatch.setattr(briefing, "embeddings", fake_module, raising=False)
    assert isinstance(vectors.get_vectorizer("minilm"), Fake)


def test_unknown_vectors_name_is_a_config_error():
    with pytest.raises(ConfigError, match="tfidf"):
        vectors.get_vectorizer("word2vec")
