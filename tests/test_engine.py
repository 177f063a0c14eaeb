"""Engines: the same brief from one process, from worker processes and from Ray tasks."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing import engine
from briefing.cli import main
from briefing.engine.local import LocalEngine
from briefing.errors import ConfigError

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="module")
def day(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """60 scraped multi-news articles, one .txt file each (a day with several-article stories)."""
    data = SHARED / "eval" / "multi-news" / "dev.jsonl"
    if not data.is_file():
        pytest.skip("../shared/eval not present")
    folder = tmp_path_factory.mktemp("day")
    texts = [t for line in data.read_text(encoding="utf-8").splitlines()[:40]
             for t in json.loads(line)["articles"]][:60]
    for n, text in enumerate(texts):
        (folder / f"{n:03d}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def small_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test day is small: let it use worker processes all the same."""
    monkeypatch.setattr(engine, "PARALLEL_FROM", 2)


def _brief_json(*args: str) -> dict[str, object]:
    result = CliRunner().invoke(main, ["brief", *args, "--format", "json",
                                       "--date", "2026-01-02"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_two_jobs_give_the_one_process_brief(day: Path, small_pool: None) -> None:
    one = _brief_json(str(day), "--jobs", "1")
    two = _brief_json(str(day), "--jobs", "2")
    assert two == one
    assert one["developments"] and one["stats"]["articles_used"] > 40


def test_local_engine_uses_several_processes_for_a_large_input(small_pool: None) -> None:
    pids = LocalEngine(jobs=2).map(_pid, list(range(40)))
    assert len(pids) == 40
    assert pids.count(os.getpid()) == 1  # the first here (it warms up), the rest in workers


def test_a_small_input_stays_in_this_process() -> None:
    assert set(LocalEngine(jobs=2).map(_pid, list(range(10)))) == {os.getpid()}


def test_results_keep_the_order_of_the_items(small_pool: None) -> None:
    assert LocalEngine(jobs=2).map(_square, list(range(97))) == [n * n for n in range(97)]


def test_unknown_engine_and_bad_jobs_are_config_errors() -> None:
    with pytest.raises(ConfigError, match="unknown engine 'spark'"):
        engine.get("spark")
    with pytest.raises(ConfigError, match="jobs must be 1 or more"):
        engine.get("local", jobs=0)


def test_ray_engine_without_ray_names_the_install_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` fails as if not installed
    result = CliRunner().invoke(main, ["brief", "examples/", "--engine", "ray"])
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: the ray engine needs: pip install 'briefing[ray]'"


def test_eval_gives_the_same_scores_with_two_jobs(tmp_path: Path, small_pool: None) -> None:
    data = SHARED / "eval" / "multi-news" / "dev.jsonl"
    if not data.is_file():
        pytest.skip("../shared/eval not present")
    outputs = []
    for jobs in ("1", "2"):
        result = CliRunner().invoke(main, ["eval", str(data), "--limit", "12", "--words", "60",
                                           "--no-baselines", "--json", "--jobs", jobs])
        assert result.exit_code == 0, result.output
        outputs.append(json.loads(result.stdout)["scores"])
    assert outputs[0] == outputs[1]


@pytest.fixture(scope="module")
def local_ray():
    """A local two-CPU Ray instance, as CI runs it."""
    ray = pytest.importorskip("ray")
    if not ray.is_initialized():
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
                 logging_level="ERROR")
    yield ray
    ray.shutdown()


def test_ray_engine_gives_the_local_brief(day: Path, small_pool: None, local_ray) -> None:
    local = _brief_json(str(day), "--jobs", "1")
    on_ray = _brief_json(str(day), "--engine", "ray")
    assert on_ray == local


def test_ray_engine_keeps_the_order_of_the_items(local_ray) -> None:
    # Ray workers import functions by module: a standard one, as this test module is not theirs.
    assert engine.get("ray").map(abs, [-n for n in range(50)]) == list(range(50))


def _pid(_: int) -> int:
    return os.getpid()


def _square(n: int) -> int:
    return n * n


def test_the_daily_job_takes_its_engine_from_the_config(tmp_path: Path) -> None:
    from briefing.job import config

    path = tmp_path / "briefing.toml"
    path.write_text('[[sources]]\nfolder = "inbox"\n\n[engine]\nname = "ray"\n'
                    'address = "ray://head:10001"\njobs = 3\n', encoding="utf-8")
    settings = config.load(path)
    assert (settings.engine.name, settings.engine.address, settings.engine.jobs) == (
        "ray", "ray://head:10001", 3)
    path.write_text('[[sources]]\nfolder = "inbox"\n\n[engine]\nname = "spark"\n',
                    encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown engine 'spark'"):
        config.load(path)
