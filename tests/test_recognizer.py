"""The trained entity recognizer: who and where in one sentence, offsets, odd input, the model."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from briefing.entities.recognizer import Span, recognize, tokenize

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def found(text: str) -> list[tuple[str, str]]:
    return [(span.text, span.kind) for span in recognize(text)]


def test_a_person_after_a_title_is_named_without_the_title() -> None:
    assert found("President Elena Marquez opened the session on Tuesday.") == [
        ("Elena Marquez", "person")
    ]
    assert ("Tomas Varga", "person") in found("Gen. Tomas Varga said the army was ready.")


def test_an_organisation_with_a_suffix() -> None:
    names = found("Shares of Acme Corp. fell after the Labour Party criticised its chief.")
    assert ("Acme Corp.", "organisation") in names
    assert ("Labour Party", "organisation") in names


def test_a_country_and_a_city() -> None:
    assert found("Floods hit Lima and the rest of Peru last week.") == [
        ("Lima", "location"), ("Peru", "country"),
    ]


def test_other_names_of_countries_are_countries() -> None:
    assert ("U.S.", "country") in found("The U.S. and Britain backed the plan.")


def test_the_same_word_is_typed_by_its_context() -> None:
    assert found("Paris Hilton said she would return next year.") == [("Paris Hilton", "person")]
    assert found("The talks were held in Paris, France, on Monday.") == [
        ("Paris", "location"), ("France", "country"),
    ]


def test_nationality_words_are_not_entities() -> None:
    assert found("British and Peruvian troops left the base.") == []


def test_character_offsets_are_exact() -> None:
    text = "  Mr. Okonkwo's aides met Ana Lucía Pérez of the Zürich City Council in São Paulo. "
    spans = recognize(text)
    assert spans
    for span in spans:
        assert isinstance(span, Span)
        assert text[span.start:span.end] == span.text
        assert 0.0 <= span.score <= 1.0
    assert ("Okonkwo", "person") in [(s.text, s.kind) for s in spans]


def test_tokens_keep_offsets_and_split_possessives() -> None:
    text = "Iran's U.S.-made jets, 8,500 of them."
    tokens = [text[s:e] for s, e in tokenize(text)]
    assert tokens[:2] == ["Iran", "'s"]
    assert "8,500" in tokens


@pytest.mark.parametrize("text", [
    "", "   ", "\n\n", "...!!! ?? --", "a", "A", "'s", "““ ”” «»", "日本の東京で会議が開かれた。",
    "Ünïcödé Ñame visited Kraków.", "x" * 20_000, "Ana Ruiz " * 3_000, "\x00\ufeff\u200b",
])
def test_odd_input_does_not_raise(text: str) -> None:
    for span in recognize(text):
        assert text[span.start:span.end] == span.text


@pytest.mark.skipif(not (SHARED / "eval" / "ner-gmb").is_dir(),
                    reason="../shared/eval/ner-gmb not present")
def test_training_script_regenerates_the_shipped_model_bit_for_bit(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import train_entities
    finally:
        sys.path.remove(str(REPO / "scripts"))
    out = tmp_path / "entities-news.json.gz"
    assert train_entities.main(["--shared-dir", str(SHARED), "--out", str(out), "--quiet"]) == 0
    assert out.read_bytes() == (REPO / "models" / "entities-news.json.gz").read_bytes()
