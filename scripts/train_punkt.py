"""Train briefing's Punkt sentence splitter on news text and write `models/punkt-news.json`.

    python scripts/train_punkt.py [--shared-dir ../shared] [--out models/punkt-news.json]

NLTK's `PunktTrainer` learns, from the article texts of the summary sets in `<shared>/eval/`
(TRAINING_SETS), which words ending in a period are abbreviations, which words start sentences,
and how each word is capitalised in and out of sentence-initial position. A curated list of news
abbreviations (titles and ranks, months, US states, company suffixes, dotted initialisms) is
added on top, because a few hundred articles don't show every "Brig." or "Ariz." often enough to
be learned.

The output is plain JSON with sorted keys and lists: the same input gives the same bytes, and
`briefing.sentences` loads it into `PunktParameters` without pickle or network.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from nltk.tokenize.punkt import (
    _ORTHO_LC,
    _ORTHO_MID_UC,
    PunktLanguageVars,
    PunktParameters,
    PunktSentenceTokenizer,
    PunktTrainer,
)

FORMAT = "briefing-punkt/1"

# Abbreviations as Punkt stores them: lower case, without the final period.
NEWS_ABBREVIATIONS = {
    "titles": "mr mrs ms dr prof rev hon gov sen rep pres supt insp det atty msgr fr sr jr esq",
    "ranks": "gen lt col maj capt cpt sgt cpl pvt adm brig cmdr cdr ens spc pfc",
    "months": "jan feb mar apr jun jul aug sep sept oct nov dec",
    "states": "ala ariz ark calif colo conn del fla ga ind kan ky la md mass mich minn mo "
              "mont neb nev okla ore pa tenn tex va vt wis wyo n.c n.d n.h n.j n.m n.y "
              "s.c s.d r.i w.va d.c",
    "companies": "inc corp co ltd llc plc bros assn dept univ",
    "places": "st ave blvd rd mt ft",
    "latin and misc": "vs etc approx est no nos vol fig e.g i.e a.k.a ph.d",
    "initialisms": "u.s u.k u.n e.u u.s.a u.s.s.r",
    "time": "a.m p.m",
    "units": "km",
}

# Titles and ranks stand before a name and never end a sentence ("Sgt. First Class Mike Ortiz").
NAME_TITLES = NEWS_ABBREVIATIONS["titles"].split() + NEWS_ABBREVIATIONS["ranks"].split()
NAME_TITLES.remove("jr")
NAME_TITLES.remove("sr")
NAME_TITLES.remove("esq")

# Function words that begin sentences; after an abbreviation, one of these capitalised starts a
# new sentence ("... announced by the U.S. The E.U. followed").
SENTENCE_STARTERS = (
    "a an the he she it they we i you his her its their our this that these those there here "
    "but and yet so if when while after before as both more most many some several no none "
    "all each other others in on at by for from with during since until meanwhile however"
).split()

_ABBREVIATION_SHAPE = re.compile(r"[^\W\d_]{1,5}|[^\W\d_]{1,3}(?:\.[^\W\d_]{1,3})+")
_ADDRESS_LIKE = re.compile(r"[@/]|https?:|www\.")
_TERMINAL = re.compile(r"""[.!?]["'”’)\]]*$""")
_MIN_LEARNED_COUNT = 2
_MIN_LOWER = 20


TRAINING_SETS = ("bbc", "cnndm", "multi-news", "wcep", "wikinews", "xsum")


def article_texts(shared_dir: Path) -> Iterator[str]:
    """Every article text of the training sets' `<shared>/eval/SET/dev.jsonl`, in file and line
    order. The sets are named, so that data added to ../shared later does not change the model."""
    for name in TRAINING_SETS:
        with (shared_dir / "eval" / name / "dev.jsonl").open(encoding="utf-8") as lines:
            for line in lines:
                yield from json.loads(line)["articles"]


def body_text(article: str) -> str:
    """The lines of an article that end like sentences.

    Headlines and page furniture are Title Case without final punctuation; left in, they would
    teach Punkt that "The" and "In" are often capitalised mid-sentence.
    """
    lines = (line.strip() for line in article.splitlines())
    return "\n".join(line for line in lines if _TERMINAL.search(line))


def train(texts: Iterable[str]) -> PunktParameters:
    bodies = [body_text(text) for text in texts]
    trainer = PunktTrainer()
    trainer.INCLUDE_ABBREV_COLLOCS = True
    for body in bodies:
        trainer.train(body, finalize=False)
    trainer.finalize_training()
    params = trainer.get_params()

    # Keep learned abbreviations that look like abbreviations and were seen more than once:
    # drops one-off sentence-final words ("dud.") and domains ("amazon.com").
    counts = trainer._type_fdist  # noqa: SLF001 - counts of each type, periods kept
    learned = {
        typ for typ in params.abbrev_types
        if _ABBREVIATION_SHAPE.fullmatch(typ) and counts[typ + "."] >= _MIN_LEARNED_COUNT
    }
    curated = {abbr for group in NEWS_ABBREVIATIONS.values() for abbr in group.split()}
    params.abbrev_types = learned | curated

    # Collocations tell Punkt "no break here"; keep those after an abbreviation or initial
    # ("Gov. Andrew", "J. Smith"), not the ones after a number ("in 2013. Pope ...").
    params.collocations = {
        (first, second) for first, second in params.collocations
        if (first in params.abbrev_types or len(first) == 1) and second.isalpha()
    }

    # Learned starters include names ("Trump"); a name after "Sen." must not end a sentence,
    # so keep only words seen in lower case and never capitalised mid-sentence.
    ortho = params.ortho_context
    params.sent_starters = {
        word for word in params.sent_starters
        if ortho.get(word, 0) & _ORTHO_LC and not ortho.get(word, 0) & _ORTHO_MID_UC
    } | set(SENTENCE_STARTERS)
    forgive_rare_capitals(params, bodies)

    # Addresses and paths say nothing about capitalisation, and e-mail addresses from the
    # training articles have no place in the package.
    for word in [word for word in params.ortho_context if _ADDRESS_LIKE.search(word)]:
        del params.ortho_context[word]
    return params


def forgive_rare_capitals(params: PunktParameters, bodies: list[str]) -> None:
    """Clear "seen capitalised mid-sentence" for words that almost never are.

    Punkt keeps one bit per word: a single "Lawful Permanent Residents" mid-sentence stops
    "Residents" from ever counting as a sentence start after "a.m.". Counting instead, over
    the sentences the trained model finds, a word capitalised in under 1 of 20 mid-sentence
    uses (and seen in lower case at least 20 times) is treated as an ordinary word. Single
    letters keep their bit: "E. M. Forster" is not two sentences because "m" is a unit.
    """
    punkt = PunktSentenceTokenizer(params)
    words = PunktLanguageVars()
    upper: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for body in bodies:
        for start, end in punkt.span_tokenize(body):
            for word in words.word_tokenize(body[start:end])[1:]:
                if word[0].isupper():
                    upper[word.lower()] += 1
                elif word[0].islower():
                    lower[word.lower()] += 1
    for word, flags in params.ortho_context.items():
        rare = lower[word] >= _MIN_LOWER and upper[word] * 20 < lower[word]
        if len(word) > 1 and flags & _ORTHO_MID_UC and rare:
            params.ortho_context[word] = flags & ~_ORTHO_MID_UC


def to_json(params: PunktParameters, sources: list[str]) -> str:
    data = {
        "format": FORMAT,
        "name_titles": sorted(NAME_TITLES),
        "trained_on": sources,
        "abbrev_types": sorted(params.abbrev_types),
        "collocations": sorted([list(pair) for pair in params.collocations]),
        "sent_starters": sorted(params.sent_starters),
        "ortho_context": dict(sorted(params.ortho_context.items())),
    }
    return json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared-dir", type=Path, default=Path("../shared"),
                        help="folder holding eval/*/dev.jsonl (default: ../shared)")
    parser.add_argument("--out", type=Path, default=Path("models/punkt-news.json"),
                        help="where to write the parameters (default: models/punkt-news.json)")
    args = parser.parse_args(argv)

    files = [args.shared_dir / "eval" / name / "dev.jsonl" for name in TRAINING_SETS]
    missing = [str(path) for path in files if not path.is_file()]
    if missing:
        print(f"error: training data not found: {', '.join(missing)}", file=sys.stderr)
        return 1
    sources = [path.relative_to(args.shared_dir).as_posix() for path in files]
    params = train(article_texts(args.shared_dir))
    args.out.write_text(to_json(params, sources), encoding="utf-8", newline="\n")
    print(f"wrote {args.out}: {len(params.abbrev_types)} abbreviations, "
          f"{len(params.collocations)} collocations, {len(params.sent_starters)} starters, "
          f"{len(params.ortho_context)} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
