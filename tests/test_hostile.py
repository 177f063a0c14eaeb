"""Never lose the brief to one bad input (issue 9): hostile inputs mixed with good articles.

Every run below gives `briefing brief` the three good articles of `hostile_inputs.GOOD` and a
batch of hostile inputs (seeded generators in tests/hostile_inputs.py), and asserts what a user
would notice:

- the brief is made (exit 0) and cites every good article;
- each hostile input is named by exactly one `warning:` line (readable carriers: at
  most one), showing a file name's control characters and undecodable bytes escaped;
- no escape sequence, control character, bidirectional override or lone surrogate reaches
  stdout or stderr, in any of the four formats; the JSON parses; Markdown and HTML carry no
  active markup (`<script>`, `javascript:` links); the text brief is one page of 72 columns.

Batches go through click's CliRunner in this process; FIFOs, device files and symlink loops go
through a real `python -m briefing` with a timeout and a memory cap, so that a regression hangs
nothing. `benchmarks/hostile.py` is the larger run of the same generators.
"""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hostile_inputs import (
    FORMATS,
    GOOD,
    KINDS,
    SPECIAL,
    STORIES,
    Hostile,
    Outcome,
    batch,
    dump_records,
    json_records,
    judge,
    run_subprocess,
    setup_all,
    special_batch,
    stdin_payloads,
    unlock,
    write_good,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.cli import main

SEED = 20261121
BATCHES = 20  # x 25 hostile inputs = 500 in batches, plus each kind alone, stdin, records
SIZE = 25


def run_cli(tmp_path: Path, inputs: list[Hostile], fmt: str) -> Outcome:
    good = [str(p) for p in write_good(tmp_path / "good")]
    folder = tmp_path / "hostile"
    args = setup_all(inputs, folder)
    stdin = next((h.stdin for h in inputs if h.is_stdin), None)
    if stdin is not None:
        args.append("-")
    started = time.perf_counter()
    try:
        result = CliRunner().invoke(main, ["brief", *good, *args, "--format", fmt], input=stdin)
    finally:
        unlock(folder)
    return judge(Outcome(inputs, fmt, result.exit_code, result.stdout_bytes, result.stderr_bytes,
                         time.perf_counter() - started))


def run_process(tmp_path: Path, inputs: list[Hostile], fmt: str, *,
                stdin: bytes | None = None, env: dict[str, str] | None = None) -> Outcome:
    good = [str(p) for p in write_good(tmp_path / "good")]
    folder = tmp_path / "hostile"
    args = setup_all(inputs, folder)
    if stdin is not None:
        args.append("-")
    try:
        code, out, err, seconds = run_subprocess(
            ["brief", *good, *args, "--format", fmt], stdin=stdin or b"", env=env)
    finally:
        unlock(folder)
    return judge(Outcome(inputs, fmt, code, out, err, seconds))


# --- Batches: 20 hostile inputs and the good articles, each of the four formats in turn ---------


@pytest.mark.parametrize("number", range(BATCHES))
def test_a_batch_of_hostile_inputs_leaves_the_brief_of_the_good_articles(
        tmp_path: Path, number: int) -> None:
    outcome = run_cli(tmp_path, batch(SEED, number, SIZE), FORMATS[number % len(FORMATS)])
    assert outcome.ok, outcome.report()


# --- Each kind alone: which kind breaks the brief, named by the test id --------------------------


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_one_hostile_input_of_each_kind(tmp_path: Path, kind: str) -> None:
    rng = random.Random(f"{SEED}/{kind}")
    inputs = [KINDS[kind](rng, f"zqalone{i:02d}x", STORIES[i]) for i in range(2)]
    outcome = run_cli(tmp_path, inputs, "json")
    assert outcome.ok, outcome.report()


# --- Standard input ------------------------------------------------------------------------------


@pytest.mark.parametrize("payload", stdin_payloads(SEED, 0), ids=lambda h: h.kind)
def test_hostile_standard_input(tmp_path: Path, payload: Hostile) -> None:
    outcome = run_cli(tmp_path, [payload], "text")
    assert outcome.ok, outcome.report()


def test_undecodable_standard_input_with_pythonioencoding(tmp_path: Path) -> None:
    """Issue 9, item 13: PYTHONIOENCODING=utf-8 makes stdin strict; still one warning."""
    payload = Hostile("stdin-undecodable", "-", stdin=b"\xff\xfe\xfa not text \x80\x81\xc0")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    outcome = run_process(tmp_path, [payload], "text", stdin=payload.stdin, env=env)
    assert outcome.ok, outcome.report()


# --- Real processes: special files that would hang or exhaust this process ----------------------


@pytest.mark.parametrize("kind", sorted(SPECIAL))
def test_special_file_in_a_real_process(tmp_path: Path, kind: str) -> None:
    (hostile,) = [h for h in special_batch(SEED, 0) if h.kind == kind]
    outcome = run_process(tmp_path, [hostile], "json")
    assert outcome.ok, outcome.report()


def test_a_batch_in_a_real_process(tmp_path: Path) -> None:
    inputs = batch(SEED, BATCHES, SIZE) + special_batch(SEED, 1)
    outcome = run_process(tmp_path, inputs, "md")
    assert outcome.ok, outcome.report()


def test_an_unreadable_folder_is_one_warning(tmp_path: Path) -> None:
    """A chmod-000 sub-folder is one warning naming it. Root reads it anyway (chmod does not
    stop root): then the one warning names the empty file inside."""
    (hostile,) = [
        KINDS["unreadable-folder"](random.Random(0), "zqlock00x", "")]
    outcome = run_cli(tmp_path, [hostile], "text")
    assert outcome.ok, outcome.report()
    (line,) = [w for w in outcome.stderr.decode().splitlines() if "zqlock00x" in w]
    if os.geteuid() == 0:
        assert "inner.txt" in line
    else:
        assert "locked" in line and "inner.txt" not in line


# --- Arbitrary JSON records (hypothesis, derandomized) -------------------------------------------


@settings(derandomize=True, max_examples=30, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(records=st.lists(json_records(), min_size=1, max_size=6))
def test_arbitrary_json_records_never_lose_the_good_articles(
        tmp_path_factory: pytest.TempPathFactory, records: list[object]) -> None:
    from briefing import ingest
    from briefing.pipeline import build_brief

    folder = tmp_path_factory.mktemp("records")
    good = [str(p) for p in write_good(folder)]
    bad = folder / "records.json"
    bad.write_bytes(dump_records(records))
    articles, skipped = ingest.read_inputs([str(bad)])
    assert len(skipped) <= len(records)
    brief = build_brief([*good, str(bad)])
    cited = {ref.origin.rsplit("/", 1)[-1] for ref in brief.sources}
    assert {g.name for g in GOOD} <= cited


# --- Thousands at once: one brief, one warning each -----------------------------------------------

MASS = 2000
# Kinds cheap enough to have thousands of (no multi-megabyte inputs), and bad as a whole.
_HEAVY = {"huge-line", "deep-html", "empty-feed-items", "billion-laughs", "huge-json-string",
          "long-title"}


def test_thousands_of_hostile_inputs_in_one_brief(tmp_path: Path) -> None:
    """2,000 hostile inputs of every cheap kind on one command line with the good articles: one
    brief of the good articles, one warning line for each of the 2,000."""
    from hostile_inputs import CARRIERS

    light = sorted(k for k in KINDS if k not in SPECIAL and k not in CARRIERS and k not in _HEAVY)
    rng = random.Random(f"{SEED}/mass")
    inputs = [KINDS[light[i % len(light)]](rng, f"zqmass{i:05d}x", STORIES[i % len(STORIES)])
              for i in range(MASS)]
    inputs = [h for h in inputs if not h.is_stdin]
    assert len(inputs) >= 1900
    outcome = run_cli(tmp_path, inputs, "text")
    assert outcome.ok, outcome.report()
