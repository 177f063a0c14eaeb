"""Where the files that ship with briefing live: templates, prompts and model parameters.

They sit at the top of the repository (`templates/`, `prompts/`, `models/`) and are installed as
the packages `briefing.templates`, `briefing.prompts` and `briefing.model_files`, so the same
lookup works from a checkout, an editable install and a wheel.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

_PACKAGES = {
    "templates": "briefing.templates",
    "prompts": "briefing.prompts",
    "models": "briefing.model_files",
}


def shipped(kind: str, name: str) -> Traversable:
    """The shipped file `name` of `kind` ("templates", "prompts" or "models")."""
    return files(_PACKAGES[kind]).joinpath(name)


def read_shipped(kind: str, name: str) -> str:
    return shipped(kind, name).read_text(encoding="utf-8")
