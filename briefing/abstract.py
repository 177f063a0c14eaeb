"""Optional abstractive rewriting of the chosen stories, with a faithfulness guard.

    abstract(selected, model="path/to/model") -> selected, with `summary` (and, for the first
    story, `bottom_line`) filled with `Written` sentences

Follows transformers' pipelines: `preprocess` (prompt, token budget, chunking), `_forward` (the only
code that touches the model), `postprocess` (plain text, then the guard). torch and transformers
are imported lazily here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Sequence

from briefing.domain import RankedStory


def abstract(selected: Sequence[RankedStory], model: str) -> list[RankedStory]:
    raise NotImplementedError
