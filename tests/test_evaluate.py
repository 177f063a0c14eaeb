"""evaluate and `briefing eval`: ROUGE of our summaries next to the baselines, on a small slice."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing import evaluate
from briefing.cli import main
from briefing.errors import ConfigError, InputError, MissingExtra

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"

try:
    import sumy  # noqa: F401
except ImportError:
    HAVE_SUMY = False
else:
    HAVE_SUMY = True
needs_sumy = pytest.mark.skipif(not HAVE_SUMY, reason="sumy baselines need briefing[bench]")

QUAKE = (
    "A strong earthquake struck southern Peru on Sunday and damaged hundreds of homes. "
    "Rescue teams searched the rubble in Arequipa for survivors through the night. "
    "The local football club postponed its weekend match against a rival team."
)
QUAKE_2 = (
    "Hundreds of homes were damaged when an earthquake hit southern Peru on Sunday. "
    "The government declared a state of emergency in the Arequipa region on Monday."
)


def _write(tmp_path: Path, items: list[dict]) -> Path:
    path = tmp_path / "items.jsonl"
    path.write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")
    return path


ITEM = {
    "id": "quake",
    "articles": [QUAKE, QUAKE_2],
    "summary": "An earthquake damaged hundreds of homes in southern Peru on Sunday. "
    "Peru declared an emergency in Arequipa.",
}


def test_a_summary_that_matches_the_reference_scores_higher_than_one_that_does_not():
    items = [evaluate.Item(ITEM["id"], tuple(ITEM["articles"]), ITEM["summary"])]
    scores = {s.system: s for s in evaluate.evaluate(items, ["default"], evaluate.Budget(words=30))}
    off = [evaluate.Item("x", (QUAKE,), "The football club postponed the match.")]
    other = evaluate.evaluate(off, ["default"], evaluate.Budget(words=30))[0]
    assert 0 < other.rouge1 < scores["default"].rouge1 <= 100
    assert scores["default"].rouge2 > 0


@needs_sumy
def test_every_system_respects_the_budget():
    story = evaluate.prepare(evaluate.Item("q", (QUAKE, QUAKE_2), ""))
    for system in ["default", "lead", *evaluate.BASELINES]:
        words = evaluate.summarize(story, system, evaluate.Budget(words=20))
        assert 0 < sum(len(s.split()) for s in words) <= 20, system
        assert len(evaluate.summarize(story, system, evaluate.Budget(sentences=2))) == 2, system


def test_lead_baseline_reads_the_articles_openings_in_turn():
    story = evaluate.prepare(evaluate.Item("q", (QUAKE, QUAKE_2), ""))
    summary = evaluate.summarize(story, "lead-baseline", evaluate.Budget(sentences=2))
    assert summary[0].startswith("A strong earthquake")
    assert summary[1].startswith("Hundreds of homes")


def test_one_budget_exactly():
    with pytest.raises(ConfigError):
        evaluate.Budget()
    with pytest.raises(ConfigError):
        evaluate.Budget(words=10, sentences=2)


def test_a_malformed_line_is_named_and_left_out(tmp_path, caplog):
    path = tmp_path / "bad.jsonl"
    deep = "[" * 100_000 + "]" * 100_000
    path.write_text(json.dumps(ITEM) + "\n{\"id\": 2}\n" + deep + "\n", encoding="utf-8")
    with caplog.at_level("WARNING", logger="briefing"):
        items = evaluate.read_items(path)
    assert [item.id for item in items] == [ITEM["id"]]
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert any("bad.jsonl:2" in w for w in warnings)
    assert any("bad.jsonl:3" in w and "nested too deeply" in w for w in warnings)


def test_a_file_without_one_item_is_an_input_error(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text("{\"id\": 2}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.jsonl: no evaluation items \(1 bad line\)$"):
        evaluate.read_items(path)


@needs_sumy
def test_cli_prints_a_table_with_our_ranker_and_the_baselines(tmp_path):
    path = _write(tmp_path, [ITEM])
    result = CliRunner().invoke(main, ["eval", str(path), "--words", "30"])
    assert result.exit_code == 0, result.output
    for system in ["default", "lead-baseline", "sumy-lexrank", "sumy-textrank"]:
        assert system in result.output


def test_cli_json_and_predictions(tmp_path):
    path = _write(tmp_path, [ITEM, {**ITEM, "id": "quake-2"}])
    out = tmp_path / "pred.jsonl"
    result = CliRunner().invoke(
        main, ["eval", str(path), "--sentences", "1", "--ranker", "lexrank", "--no-baselines",
               "--json", "--predictions", str(out)],
    )
    assert result.exit_code == 0, result.output
    table = json.loads(result.output)
    assert [row["system"] for row in table["scores"]] == ["lexrank"]
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["quake", "quake-2"]
    assert all(line["summary"] for line in lines)


def test_without_sumy_the_baselines_say_what_to_install(monkeypatch):
    for name in [m for m in sys.modules if m == "sumy" or m.startswith("sumy.")] + ["sumy"]:
        monkeypatch.setitem(sys.modules, name, None)  # as if sumy were not installed
    story = evaluate.prepare(evaluate.Item("q", (QUAKE,), ""))
    with pytest.raises(MissingExtra, match="bench"):
        evaluate.summarize(story, "sumy-lexrank", evaluate.Budget(words=20))


def test_cli_needs_exactly_one_budget_and_a_known_ranker(tmp_path):
    path = _write(tmp_path, [ITEM])
    assert CliRunner().invoke(main, ["eval", str(path)]).exit_code == 2
    result = CliRunner().invoke(main, ["eval", str(path), "--words", "30", "--ranker", "nope"])
    assert result.exit_code == 2
    assert "unknown ranker" in result.output


def test_cli_lists_the_rankers():
    result = CliRunner().invoke(main, ["rankers"])
    assert result.exit_code == 0
    assert "default (default)" in result.output and "lexrank" in result.output


@needs_sumy
@pytest.mark.skipif(not (SHARED / "wikinews" / "dev.jsonl").exists(), reason="no shared eval data")
def test_smoke_on_a_slice_of_real_clusters():
    items = evaluate.read_items(SHARED / "wikinews" / "dev.jsonl")[:3]
    table = evaluate.evaluate(items, evaluate.systems_for(["default"]), evaluate.Budget(words=200))
    assert [s.system for s in table] == ["default", *evaluate.BASELINES]
    assert all(10 < s.rouge1 < 80 for s in table)


def test_external_lead_is_the_first_article_as_published_up_to_the_budget():
    text = ("Share this story\nFloods closed the coastal road on Monday. Crews worked all "
            "night to clear the mud from the tunnel entrance. A third sentence follows here.")
    item = evaluate.Item("x", (text, "Another outlet's story."), "ref")
    # Raw text, furniture and all; it stops at the first sentence that would overrun.
    assert evaluate.external_lead(item, evaluate.Budget(words=12)) == [
        "Share this story", "Floods closed the coastal road on Monday."]
    assert len(evaluate.external_lead(item, evaluate.Budget(sentences=2))) == 2


def test_external_lead_is_scored_when_asked_for_by_name(tmp_path):
    items = evaluate.read_items(_write(tmp_path, [ITEM]))
    systems = evaluate.systems_for(["default", "external-lead"], baselines=False)
    table = evaluate.evaluate(items, systems, evaluate.Budget(words=40))
    assert [s.system for s in table] == ["default", "external-lead"]
    assert all(s.rouge1 > 0 for s in table)
