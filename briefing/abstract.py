"""Optional abstractive rewriting of the chosen stories, with a faithfulness guard.

    abstract(selected, model="path/to/model") -> selected, with `summary` (and, for the first
    story, `bottom_line`) filled with `Written` sentences

Follows transformers' pipelines:

    preprocess   the prompt (a Jinja2 file of prompts/), filled with the story's best-ranked
                 sentences packed to the model's real input limit, measured with its tokenizer;
                 a story too long for one prompt is summarised in chunks, then the chunk
                 summaries are combined; every sentence left out is logged
    _forward     the only code that runs the model: prompts of all stories, batched
    postprocess  plain text -> sentences -> the guard (briefing.guard): a sentence whose names,
                 numbers or dates are not in its sources, or that is far from them, is replaced by
                 the closest extractive sentence; a sentence that passes is cited to its closest
                 source sentence

torch and transformers are imported lazily here (in `TransformersModel`) and nowhere else.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import jinja2
import numpy as np

from briefing import guard, sentences, vectors
from briefing.domain import RankedStory, ScoredSentence, Sentence, Written
from briefing.errors import ConfigError, MissingExtra, ModelError
from briefing.resources import read_shipped, shipped

log = logging.getLogger(__name__)

INSTALL = "torch transformers tokenizers huggingface-hub"
SECTIONS = ("summary", "bottom_line")
SOURCE_SENTENCES = 30  # best-ranked sentences of a story offered to the model, at most
BOTTOM_LINE_SOURCES = 4  # of the first story, plus the best sentence of each other story
BOTTOM_LINE_SENTENCES = 2  # a summariser that takes no instructions may write more
MAX_CHUNKS = 4
MIN_WORDS = 4  # shorter generated pieces are fragments, not sentences
# How close (cosine) a generated sentence must be to its best source sentence, by vectorizer.
# TF-IDF only rejects sentences that share no content word with the sources; MiniLM also
# rejects fluent sentences about something else.
MIN_SIMILARITY = {"tfidf": 0.1, "minilm": 0.45}


class TextModel(Protocol):
    """What the abstractive step needs from a model: its limit, its tokenizer, and generation.

    `family` picks the prompt files: "seq2seq" or "chat"; `model_type` ("t5", "bart") may have
    prompts of its own. `count_tokens` measures a prompt exactly as `generate` will feed it
    (chat template included).
    """

    name: str
    family: str
    model_type: str
    max_input_tokens: int

    def count_tokens(self, prompt: str) -> int: ...

    def generate(self, prompts: Sequence[str]) -> list[str]: ...


@dataclass(frozen=True)
class Prompt:
    """One input for the model and the source sentences it was made from."""

    text: str
    sources: tuple[ScoredSentence, ...]
    tokens: int


@dataclass(frozen=True)
class Plan:
    """What to ask the model for one section of one story.

    One chunk is the final prompt; several chunks are summarised one by one and the summaries
    combined with the same prompt. `sources` are all sentences given to the model, best first.
    """

    story: int  # index among the selected stories
    section: str  # "summary" | "bottom_line"
    chunks: tuple[Prompt, ...]
    sources: tuple[ScoredSentence, ...]


def abstract(
    selected: Sequence[RankedStory],
    model: str | TextModel,
    *,
    vectorizer: vectors.Vectorizer | None = None,
    batch_size: int = 4,
) -> list[RankedStory]:
    """The selected stories with `summary`, and `bottom_line` on the first, written by `model`.

    `model` is a directory or hub id (see `briefing models`) or a loaded `TextModel`.
    `vectorizer`, fitted on the day, finds the source sentence each generated sentence is cited
    to; with MiniLM embeddings the guard also rejects sentences that drift from their sources.
    """
    selected = list(selected)
    if not selected:
        return []
    text_model = load(model) if isinstance(model, str) else model
    order = _positions(selected)
    # The bottom line first: a summary sentence the guard replaces then avoids its sources.
    plans = [preprocess(selected[0], 0, "bottom_line", text_model, order, others=selected[1:])]
    plans += [preprocess(s, i, "summary", text_model, order) for i, s in enumerate(selected)]
    plans = [p for p in plans if p.chunks]

    outputs = _run_plans(plans, text_model, order, batch_size)

    sources = [s.sentence.text for plan in plans for s in plan.sources]
    similarity = _Similarity(vectorizer, sources)
    written: dict[tuple[int, str], tuple[Written, ...]] = {}
    cited: set[Sentence] = set()
    for plan, text in zip(plans, outputs, strict=True):
        found = postprocess(text, plan, similarity, avoid=frozenset(cited))
        if plan.section == "bottom_line":
            found = found[:BOTTOM_LINE_SENTENCES]
        cited.update(w.basis for w in found)
        written[plan.story, plan.section] = found
        if not found:
            log.warning("the model wrote nothing usable for %s of story %d: keeping the "
                        "extractive sentences", plan.section.replace("_", " "), plan.story + 1)
    kept = [w for ws in written.values() for w in ws]
    log.info("%s wrote %d sentence(s); the guard passed %d and replaced %d", text_model.name,
             len(kept), sum(w.abstractive for w in kept), sum(not w.abstractive for w in kept))
    return [
        dataclasses.replace(
            story,
            summary=written.get((i, "summary"), story.summary),
            bottom_line=written.get((i, "bottom_line"), story.bottom_line),
        )
        for i, story in enumerate(selected)
    ]


# --- preprocess ----------------------------------------------------------------------------------


def preprocess(
    story: RankedStory,
    index: int,
    section: str,
    model: TextModel,
    order: Callable[[Sentence], tuple[int, int]] | None = None,
    *,
    others: Sequence[RankedStory] = (),
) -> Plan:
    """The prompts for one section of one story, each within `model.max_input_tokens`.

    The summary takes the story's best-ranked sentences; the bottom line takes the first
    story's best few and the best sentence of each of `others`. Sentences appear in the prompt
    in the order the articles tell them, not in rank order.
    """
    order = order or _positions([story, *others])
    if section == "summary":
        offered = list(story.ranked[:SOURCE_SENTENCES])
        max_chunks = MAX_CHUNKS
    elif section == "bottom_line":
        offered = list(story.ranked[:BOTTOM_LINE_SOURCES])
        offered += [other.ranked[0] for other in others if other.ranked]
        max_chunks = 1
    else:
        raise ValueError(f"unknown section {section!r}; expected one of {SECTIONS}")
    template = prompt_template(model, section)
    chunks, left_out = pack(offered, model, template, order, max_chunks=max_chunks)
    if left_out:
        log.info(
            "%s of story %d: %d lower-ranked sentence(s) not given to %s (%d token(s) a prompt,"
            " %d prompt(s) at most): %s",
            section.replace("_", " "), index + 1, len(left_out), model.name,
            model.max_input_tokens, max_chunks, _quote(left_out[0].sentence.text),
        )
    used = {s.sentence for chunk in chunks for s in chunk.sources}
    return Plan(index, section, tuple(chunks), tuple(s for s in offered if s.sentence in used))


def pack(
    offered: Sequence[ScoredSentence],
    model: TextModel,
    template: jinja2.Template,
    order: Callable[[Sentence], tuple[int, int]],
    *,
    max_chunks: int,
) -> tuple[list[Prompt], list[ScoredSentence]]:
    """Fill up to `max_chunks` prompts with sentences, best-ranked first, each within the limit.

    Returns the prompts and the sentences that did not fit. A sentence too long for a prompt
    of its own is left out with a warning.
    """
    limit = model.max_input_tokens
    remaining = list(offered)
    chunks: list[Prompt] = []
    while remaining and len(chunks) < max_chunks:
        chosen: list[ScoredSentence] = []
        tokens = 0
        for candidate in remaining:
            trial = sorted([*chosen, candidate], key=lambda s: order(s.sentence))
            text = _render(template, [s.sentence.text for s in trial])
            count = model.count_tokens(text)
            if count <= limit:
                chosen, tokens = trial, count
        if not chosen:
            too_long = remaining.pop(0)
            log.warning(
                "a sentence is too long for %s's %d-token input and was not given to it: %s",
                model.name, limit, _quote(too_long.sentence.text),
            )
            continue
        text = _render(template, [s.sentence.text for s in chosen])
        chunks.append(Prompt(text, tuple(chosen), tokens))
        taken = {s.sentence for s in chosen}
        remaining = [s for s in remaining if s.sentence not in taken]
    return chunks, remaining


def prompt_template(model: TextModel, section: str) -> jinja2.Template:
    """prompts/<model_type>_<section>.j2 when the model type has its own, else <family>_..."""
    for name in (f"{model.model_type}_{section}.j2", f"{model.family}_{section}.j2"):
        if shipped("prompts", name).is_file():
            return _template(name)
    raise ConfigError(f"no prompt for {section} of {model.family} models (prompts/{name})")


@cache
def _template(name: str) -> jinja2.Template:
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)
    return environment.from_string(read_shipped("prompts", name))


def _render(template: jinja2.Template, texts: Sequence[str]) -> str:
    return template.render(sentences=list(texts)).strip()


def _positions(stories: Sequence[RankedStory]) -> Callable[[Sentence], tuple[int, int]]:
    """Sort key: the stories in the given order, each article by article, as the sources read."""
    position: dict[Sentence, tuple[int, int]] = {}
    for i, story in enumerate(stories):
        for j, sentence in enumerate(story.story.sentences):
            position.setdefault(sentence, (i, j))
    return lambda sentence: position.get(sentence, (len(stories), sentence.index))


# --- _forward ------------------------------------------------------------------------------------


def _run_plans(
    plans: Sequence[Plan],
    model: TextModel,
    order: Callable[[Sentence], tuple[int, int]],
    batch_size: int,
) -> list[str]:
    """The final text of each plan: chunks of all stories in one pass, then the combinations."""
    first = _forward(model, [chunk.text for plan in plans for chunk in plan.chunks], batch_size)
    outputs: list[str] = []
    combine: dict[int, str] = {}
    at = 0
    for i, plan in enumerate(plans):
        parts = first[at : at + len(plan.chunks)]
        at += len(plan.chunks)
        outputs.append(parts[0])
        if len(parts) > 1:
            combine[i] = _combined_prompt(plan, parts, model)
    if combine:
        for i, text in zip(combine, _forward(model, list(combine.values()), batch_size),
                           strict=True):
            outputs[i] = text
    return outputs


def _combined_prompt(plan: Plan, parts: Sequence[str], model: TextModel) -> str:
    """The prompt that turns the chunk summaries of a long story into one summary."""
    template = prompt_template(model, plan.section)
    pieces: list[str] = []
    for part in parts:
        text = " ".join(part.split())
        trial = [*pieces, text] if text else pieces
        if model.count_tokens(_render(template, trial)) <= model.max_input_tokens:
            pieces = trial
        else:
            log.warning("story %d: a chunk summary did not fit the combining prompt of %s and "
                        "was left out: %s", plan.story + 1, model.name, _quote(text))
    return _render(template, pieces)


def _forward(model: TextModel, prompts: Sequence[str], batch_size: int) -> list[str]:
    """Run the model on all prompts, similar lengths batched together."""
    by_length = sorted(range(len(prompts)), key=lambda i: len(prompts[i]))
    outputs = [""] * len(prompts)
    for start in range(0, len(by_length), batch_size):
        batch = by_length[start : start + batch_size]
        for i, text in zip(batch, model.generate([prompts[i] for i in batch]), strict=True):
            outputs[i] = text
    return outputs


# --- postprocess ---------------------------------------------------------------------------------


class _Similarity:
    """Cosine similarity of generated sentences to source sentences, and its threshold."""

    def __init__(self, vectorizer: vectors.Vectorizer | None, texts: Sequence[str]) -> None:
        if vectorizer is None:
            vectorizer = vectors.get_vectorizer("tfidf").fit(list(dict.fromkeys(texts)))
        self.vectorizer = vectorizer
        self.threshold = MIN_SIMILARITY.get(vectorizer.name, 0.0)

    def __call__(self, text: str, sources: Sequence[ScoredSentence]) -> np.ndarray:
        matrix = self.vectorizer.transform([text, *(s.sentence.text for s in sources)])
        return vectors.cosine(matrix[:1], matrix[1:])[0]


def postprocess(
    text: str, plan: Plan, similarity: _Similarity, *, avoid: frozenset[Sentence] = frozenset()
) -> tuple[Written, ...]:
    """The generated text as checked, cited sentences; failures become extractive sentences.

    A replacement is never a sentence of `avoid` (already in the brief) nor one this text
    already cites.
    """
    text = " ".join(text.split())
    written: list[Written] = []
    for start, end in sentences.split_spans(text):
        candidate = text[start:end].strip()
        if len(candidate.split()) < MIN_WORDS:
            log.debug("dropped a generated fragment: %s", _quote(candidate))
            continue
        scores = similarity(candidate, plan.sources)
        closest = int(np.argmax(scores))
        reason = guard.verdict(candidate, [s.sentence.text for s in plan.sources])
        if not reason and scores[closest] < similarity.threshold:
            reason = f"not close to its sources (similarity {scores[closest]:.2f})"
        if not reason:
            basis = plan.sources[closest].sentence
            written.append(Written(candidate, basis, abstractive=True, guard="passed"))
            continue
        replacement = _replacement(plan.sources, scores, avoid | {w.basis for w in written})
        log.info("guard replaced a generated sentence (%s): %s", reason, _quote(candidate))
        if replacement is not None:
            written.append(Written(replacement.text, replacement, False, f"replaced: {reason}"))
    return tuple(_without_repeats(written))


def _replacement(
    sources: Sequence[ScoredSentence], scores: np.ndarray, taken: Set[Sentence]
) -> Sentence | None:
    """The source sentence closest to what the model meant, or the best-ranked one; unused."""
    candidates = [i for i, s in enumerate(sources) if s.sentence not in taken]
    if not candidates:
        return None
    best = max(candidates, key=lambda i: (scores[i] > 0, scores[i], -i))
    return sources[best].sentence


def _without_repeats(written: Sequence[Written]) -> list[Written]:
    seen: set[str] = set()
    kept = []
    for w in written:
        key = " ".join(w.text.casefold().split())
        if key not in seen:
            seen.add(key)
            kept.append(w)
    return kept


def _quote(text: str, words: int = 12) -> str:
    shown = text.split()
    return '"' + " ".join(shown[:words]) + (' ..."' if len(shown) > words else '"')


# --- the model -----------------------------------------------------------------------------------


def load(name: str, **options: Any) -> TransformersModel:
    """The model `name`: a directory, a name installed with `briefing models pull`, or a hub id."""
    from briefing import models

    return TransformersModel(models.resolve(name), **options)


class TransformersModel:
    """A transformers seq2seq summariser (BART, PEGASUS, T5) or a chat LLM, loaded offline.

    Weights are read with `from_pretrained`; only from local files when `HF_HUB_OFFLINE` is set
    or `path` is a directory. The device is CUDA when present, else the CPU.
    """

    def __init__(
        self,
        path: str,
        *,
        max_new_tokens: int = 96,
        num_beams: int | None = None,  # None: the model's own generation settings
        device: str | None = None,
        max_input_tokens: int | None = None,
    ) -> None:
        try:
            import torch
            import transformers
        except ImportError as exc:
            raise MissingExtra("--abstractive", "abstractive", INSTALL) from exc
        transformers.utils.logging.disable_progress_bar()  # no bars in a brief's stderr
        self.name = path
        self.max_new_tokens = max_new_tokens
        self.num_beams = num_beams
        local = bool(os.environ.get("HF_HUB_OFFLINE")) or Path(path).is_dir()
        try:
            config = transformers.AutoConfig.from_pretrained(path, local_files_only=local)
            self.tokenizer = transformers.AutoTokenizer.from_pretrained(
                path, local_files_only=local
            )
        except (OSError, ValueError) as exc:
            raise ModelError(_cannot_load(path, exc)) from exc
        self.model_type = str(getattr(config, "model_type", "") or "")
        loader: Any
        if getattr(config, "is_encoder_decoder", False):
            self.family = "seq2seq"
            loader = transformers.AutoModelForSeq2SeqLM
        elif getattr(self.tokenizer, "chat_template", None):
            self.family = "chat"
            loader = transformers.AutoModelForCausalLM
            self.tokenizer.padding_side = "left"
        else:
            raise ModelError(
                f"{path} is a {self.model_type or 'causal'} language model without a chat "
                "template; --abstractive needs a summariser (BART, PEGASUS, T5) or an "
                "instruction-tuned chat model"
            )
        if self.tokenizer.pad_token is None:
            self.tokenizer.pad_token = self.tokenizer.eos_token
        try:
            model = loader.from_pretrained(path, local_files_only=local)
        except (OSError, ValueError) as exc:
            raise ModelError(_cannot_load(path, exc)) from exc
        self.device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        self.model = model.to(self.device).eval()
        self.max_input_tokens = max_input_tokens or self._input_limit(config)
        log.info("loaded %s (%s, %s) on %s; input limit %d tokens", path, self.family,
                 self.model_type, self.device, self.max_input_tokens)

    def _input_limit(self, config: Any) -> int:
        """The real input limit: position embeddings and the tokenizer's maximum, whichever is
        smaller; for a chat model, less the room for the answer."""
        limits = [
            value
            for attribute in ("max_position_embeddings", "n_positions", "max_sequence_length")
            if isinstance(value := getattr(config, attribute, None), int) and value > 0
        ]
        tokenizer_limit = getattr(self.tokenizer, "model_max_length", 0)
        if isinstance(tokenizer_limit, int) and 0 < tokenizer_limit < 1_000_000:
            limits.append(tokenizer_limit)
        limit = min(limits) if limits else 512
        if self.family == "chat":
            limit -= self.max_new_tokens
        if limit < 16:
            raise ModelError(f"{self.name} takes only {limit} input tokens; too few for a story")
        return limit

    def _model_input(self, prompt: str) -> str:
        if self.family != "chat":
            return prompt
        return str(
            self.tokenizer.apply_chat_template(
                [{"role": "user", "content": prompt}], tokenize=False, add_generation_prompt=True
            )
        )

    def count_tokens(self, prompt: str) -> int:
        text = self._model_input(prompt)
        special = self.family != "chat"  # a chat template writes its own special tokens
        encoded = self.tokenizer(text, add_special_tokens=special, verbose=False)
        return len(encoded["input_ids"])

    def generate(self, prompts: Sequence[str]) -> list[str]:
        import torch

        inputs = self.tokenizer(
            [self._model_input(p) for p in prompts],
            add_special_tokens=self.family != "chat",
            padding=True,
            truncation=True,
            max_length=self.max_input_tokens,
            return_tensors="pt",
        ).to(self.device)
        settings: dict[str, Any] = {"num_beams": self.num_beams} if self.num_beams else {}
        with torch.inference_mode():
            output = self.model.generate(
                **inputs,
                max_new_tokens=self.max_new_tokens,
                do_sample=False,
                pad_token_id=self.tokenizer.pad_token_id,
                **settings,
            )
        if self.family == "chat":
            output = output[:, inputs["input_ids"].shape[1] :]
        return [str(t) for t in self.tokenizer.batch_decode(output, skip_special_tokens=True)]


def _cannot_load(path: str, exc: Exception) -> str:
    where = "directory" if Path(path).is_dir() else "model"
    return (
        f"can't load the {where} {path!r} as a transformers model ({exc}). Give a directory "
        "with config.json, the tokenizer files and the weights, or download it first on a "
        "machine with network: briefing models pull NAME (see `briefing models list`)"
    )
