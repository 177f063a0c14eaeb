"""Make scraped article text fit to summarise: furniture out, the story kept, spans kept honest.

    clean(article) -> article            one article's text and title, normalised
    junk_reason(article) -> str | None   why a document is not news at all (crawl notes, empty)
    clean_all(articles) -> (kept, skipped)   clean, drop junk and duplicate articles

Cleaning removes whole lines (share bars, "Advertisement", photo credits, comment prompts,
section labels, a repeated headline) and a few leading or glued boilerplate phrases (datelines
such as "KYIV, Ukraine (AP) — ", "Media playback is not supported on this device"). It never
rewrites a sentence: apart from whitespace, every sentence of the cleaned text is found verbatim
in the original, so a citation can be checked against the source.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from briefing.domain import Article, Skipped
from briefing.ingest import BREADCRUMB, is_caption_line

log = logging.getLogger(__name__)

MIN_WORDS = 15  # fewer words than this after cleaning: not an article
NEAR_DUPLICATE = 0.8  # word 5-shingle Jaccard at or above which two articles are one story copy
CONTAINED = 0.9  # share of a shorter text's shingles found in a longer one: a trimmed copy
MAX_WORDS_PER_END = 150  # fewer sentence ends than one per this many words: not prose
MIN_PROSE_SHARE = 0.35  # below this share of words in sentences: lists or navigation
_SHORT_PAGE_WORDS = 80  # a page this short with an error or cookie notice is that notice

# --- Unicode and whitespace ----------------------------------------------------------------------

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\v\f]")
_LINE_BREAK = re.compile("[\r\u2028\u0085]")
_RUNS_OF_SPACES = re.compile(r" {2,}")


def normalise(text: str) -> str:
    """NFC, no invisible characters, plain spaces and newlines; quotes and dashes untouched."""
    text = text.replace("\r\n", "\n")
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
        text = _INVISIBLE.sub("", text).replace("\u2029", "\n\n")
    return _LINE_BREAK.sub("\n", _SPACE.sub(" ", text))


def _tidy_line(line: str) -> str:
    return _RUNS_OF_SPACES.sub(" ", line.strip())


# --- Furniture -----------------------------------------------------------------------------------

# Boilerplate glued into the text (XSum pages lost their line breaks): cut wherever it appears.
_GLUED = re.compile(
    r"Share this with(?:Email|Facebook|Messenger|Twitter|Pinterest|WhatsApp|Linkedin|LinkedIn"
    r"|Reddit|Google\+?)+(?:Copy this link)?"
    r"|Media playback is (?:not supported|unsupported) on (?:this|your) device"
    r"(?: Media caption [^\n]*)?"
)

# A whole line that is page furniture (matched against the stripped line, ignoring case).
_FURNITURE_LINE = re.compile(
    r"""(?ix)
    [\W_]*                                                  # rules, bullets, "___", "###", "..."
    | (?:photo\s+)?advertisement(?:\s+continue\s+reading\s+the\s+main\s+story)?
    | continue\s+reading(?:\s+the\s+main\s+story)? | story\s+continued\s+below
    | read\s+more | read\s+more\s*:.* | read\s+more\s+about:.* | (?:►\s*)?related\s*:.{0,120}
    | also: | more: | see\s+also:? | more\s+information
    | from\s+wikipedia,\s+the\s+free\s+encyclopedia
    | text\s+size\s*[-+]?\s*[-+]? | reset | today | photo | video | exclusive | getty
    | report\s+this\s+ad | (?:skip|jump)\s+to\s+(?:main\s+)?content
    | (?:please\s+)?(?:enable|turn\s+on)\s+javascript.{0,80} | media\s+requires\s+javascript.{0,40}
    | share | tweet | email | print | pin | facebook | twitter | whatsapp | linkedin | reddit
    | play\s+facebook | (?:share|tweet|pin|email|print|facebook|twitter|whatsapp|messenger)
      (?:\s+(?:share|tweet|pin|email|print|facebook|twitter|whatsapp|messenger|linkedin|reddit
      |pinterest|copy\s+link))+
    | share\s+this(?:\s+(?:article|story|page|with).{0,120})?
    | leave\s+a\s+(?:comment|reply).{0,40} | no\s+comments?(?:\s+(?:available|yet|so\s+far)).{0,40}
    | \d+\s+comments? | comments?(?:\s*\(\d+\))? | show\s+comments | view\s+comments
    | (?:be\s+the\s+first\s+to|join\s+the\s+discussion|add\s+your)\s+comment.{0,60}
    | tweet\s+with\s+a\s+location
    | you\s+can\s+add\s+location\s+information\s+to\s+your\s+tweets.*
    | read\s+or\s+share\s+this\s+story:.* | click\s+to\s+(?:email|share|print|tweet).{0,80}
    | enlarge\s+this\s+image.* | toggle\s+caption.* | image\s+(?:copyright|caption)\b.*
    | media\s+caption\b.* | media\s+playback\s+is\s+(?:not\s+supported|unsupported)\b.*
    | (?:/\s*)?(?:updated|published|posted|last\s+updated)\s*(?::|on\b|at\b|by\b).{0,80}
    | by\s+(?-i:[A-Z][\w'’-]+(?:\s+[A-Z][\w.'’-]*){0,3}(?:,?\s+(?:and\s+)?[A-Z][\w.'’-]*){0,6})
    | file\s+[-–—]\s.* | \[[^\[\]]{0,200}\] | \((?:photos?|video|images?):[^()]{0,200}\)
    """
)

# Promotion and policy lines: furniture when short, even when worded differently per site.
_PROMO_LINE = re.compile(
    r"""(?ix)
    ^(?:[-–—\s]*)
    (?:(?:sign\s+up|subscribe)\b|follow\s+(?:us|him|her|[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)\b.{0,40}
      \b(?:on|at)\s+(?:twitter|facebook|instagram|@)|follow\s+us\b
      |get\s+(?:the|our)\b.{0,60}\b(?:newsletter|by\s+email|in\s+your\s+inbox)
      |breaking\s+news\s+(?:emails|alerts)|join\s+our\s+mailing\s+list|become\s+a\s+fan
      |want\s+to\s+add\s+to\s+this\s+story|have\s+a\s+tip|copyright\s*(?:©|\(c\)|\d{4})|©
      |all\s+rights\s+reserved|this\s+material\s+may\s+not\s+be\s+published
      |contact\s+(?-i:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s*:|e-?mail\s*:|call\s+[\w\s]{0,40}reporter
      |the\s+brief\s+newsletter|more\s+from\b.{0,40}:)
    | \b(?:sign\s+up|subscribe)\b.{0,80}\b(?:newsletter|email|inbox|alerts)\b
    | \b(?:newsletter|mailing\s+list)\b.{0,80}\b(?:sign\s+up|subscribe|join|delivered)\b
    | \bwe\s+use\s+cookies\b | \b(?:accept|enable)\s+(?:all\s+)?cookies\b
    | \bcookie\s+(?:policy|settings)\b
    | \bby\s+(?:continuing|using)\b.{0,40}\b(?:site|website)\b.{0,40}\b(?:agree|accept|cookies)\b
    | \bcontributed\s+to\s+this\s+report\.?$
    | \bwatch\s+a\s+(?:brief|short|quick)\s+(?:ad|advert|advertisement)\b | \bsite\s+pass\b
    """
)
_PROMO_MAX_WORDS = 60

# A photo credit at the end of a line: cut it; a caption line that is little more: drop it.
_CREDIT_TAIL = re.compile(
    r"""(?ix)
    \s*(?:
      \((?:AP\s+|AFP\s+|Reuters\s+|file\s+)?(?:photos?|images?|pictures?|credit)\b[^()]{0,100}\)
    | \[(?:image|photo|video|gallery|via|read|related|see|watch)\b[^\[\]]{0,120}\]
    | (?:(?<=[.!?])|^)\s*(?:photo|image|photograph|picture|credit)s?\s*:\s*[^.!?]{0,100}\.?
    | (?:(?<=[.!?])|^)\s*(?:photo(?:graph)?\s+(?:illustration\s+)?by|photos?\s+courtesy\s+of)
      \s[^.!?]{0,100}\.?
    | (?:(?<=[.!?])|^)\s*(?:AP|AFP|REUTERS|Reuters|EPA)\s*/\s*[A-Z][\w\s.'’-]{0,40}
    | (?:(?<=[.!?])|^)\s*(?-i:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*/\s*(?:getty(?:\s+images)?
      |AP|AFP|Reuters|EPA|PA)\b[^.!?]{0,40}\.?
    | (?:(?<=[.!?])|^)[^.!?]{0,60}\b(?:via\s+|/)getty(?:\s+images)?\.?
    )\s*$
    """
)
_CAPTION_MAX_WORDS = 6
_CREDIT_HINTS = ("photo", "image", "picture", "credit", "getty", "/", "]")
_FURNITURE_MAX_CHARS = 400
# Words one of which every promotion line contains: a fast test before the regular expression.
_PROMO_HINTS = (
    "sign", "subscri", "follow", "newsletter", "mailing", "cookie", "contributed", "getty",
    "photo", "image", "copyright", "©", "(c)", "rights reserved", "material may", "contact",
    "mail", "tip", "brief", "more from", "fan", "add to this", "breaking news", "get ", "call ",
)

# Leading datelines: "WASHINGTON (Reuters) - ", "KYIV, Ukraine (AP) — ", "(CNN) -- ", "jfid – ".
_DASH = r"(?:—|–|-{1,2})"
_UPPER = "A-ZÀ-ÖØ-Þ"  # capitals, accented ones too: "MALÉ", "SÃO PAULO"
_CITY = rf"[{_UPPER}][{_UPPER}.'’-]+(?:\s+[{_UPPER}][{_UPPER}.'’-]+){{0,3}}"
_REGION = r"(?:,\s*[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){0,2})?"
_AGENCY = r"\([A-Z][\w .&/-]{0,30}\)"
_AGENCY_DATELINE = re.compile(rf"^(?:{_CITY}{_REGION}\s*)?{_AGENCY}\s*{_DASH}\s*(?=\S)")
# A wire story's head in any case: an editor's note, a byline, a place and date, the agency:
# "(Adds details) By Jo Lane WASHINGTON, Nov 15 (Reuters) - ", "Santiago, Chile, Jan. 5 (UPI) -- ".
_WIRE_AGENCIES = (r"[A-Z]{2,8}|Reuters|Bloomberg|dpa|Xinhua|Kyodo|Yonhap|Interfax|Bernama"
                  r"|Anadolu|Prensa\s+Latina|Notimex")
_WIRE_HEAD = re.compile(
    rf"^(?:\((?:adds|updates|recasts|corrects|changes|rewrites|refiles|writes\s+through|new"
    rf"|updated|corrected)\b[^()]{{0,120}}\)\s*)?"
    rf"(?:By\s+[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|&)){{0,5}}\s+)?"
    rf"(?:[A-Z][\w.'’-]+(?:[ ,]+[A-Z][\w.'’-]+){{0,4}},?\s+(?:[A-Z][a-z]{{2,8}}\.?\s+\d{{1,2}}"
    rf"(?:,\s*\d{{4}})?\s*)?)?\((?:{_WIRE_AGENCIES})\)\s*{_DASH}\s*(?=\S)"
)
_EDITOR_NOTE = re.compile(
    r"^\((?:adds|updates|recasts|corrects|changes|rewrites|refiles|writes\s+through)\b"
    r"[^()]{0,120}\)\s*(?=\S)", re.IGNORECASE)
_DATELINE_LINES = 3  # the story's first lines that may start with a dateline
_GLUED_DATELINE = re.compile(
    rf"(?<=\s){_CITY}{_REGION}(?:\s*{_AGENCY})?\s+{_DASH}\s+(?=[A-Z0-9“\"‘'])")
_DATE_PART = r"(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?"  # ", April 11"
_CITY_DATELINE = re.compile(
    rf"^{_CITY}{_REGION}{_DATE_PART}(?:\s+{_DASH}\s+|:\s+|\s*(?:>>|»|::|—|–)\s*)"
    rf"(?=[A-Z0-9“\"‘'])")
# A dateline that lost its dash: "DUBAI The ambassador ...", "KABUL, Afghanistan In a ...".
_BARE_DATELINE = re.compile(
    rf"^{_CITY}{_REGION}\s+(?=(?:The|A|An|In|On|At|After|As|When|Police|Officials|Authorities)"
    r"\s+[a-zA-Z])")
_JUNK_PREFIX = re.compile(rf"^(?:[a-z]{{2,8}}\s+)?{_DASH}\s*(?=[A-Z0-9“\"‘'])")

# A sentence glued to the next: "community.Dr Venter", "he said.\"If", "Italy.“We".
_GLUED_SENTENCE = re.compile(r"([.!?])([\"”’]?)(?=[A-Z][a-z'’ ]|[“‘][A-Z])")
_GLUED_AFTER = frozenset("abcdefghijklmnopqrstuvwxyz0123456789%)]")
# A picture's agency credit left between its caption and the next sentence: "The cabin of a
# plane. AP American Airlines said ..." (never "AP reported", "AFP said").
_AGENCY_CREDIT = re.compile(r"(?<=[.!?])\s+(?:AP|AFP|EPA)\s+(?=[A-Z][a-z])")
_GLUED_QUOTE = re.compile(r"(?<=[a-z]):(?=[\"“][A-Z])")  # 'said:"Based on ...' -> 'said: "Based
_DOMAIN_PART = re.compile(r"(?:Net|Com|Org|Gov|Edu|Info|Biz|Co|Uk)\b")

_TERMINAL = ".!?\"”’)]…:"
_LABEL_MAX_WORDS = 4
_HEADLINE_MAX_WORDS = 25


def clean(article: Article) -> Article:
    """The article with its text and title normalised and page furniture removed."""
    title = clean_title(article.title, article.source)
    text = normalise(article.text)
    if "Share this with" in text or "Media playback" in text:
        text = _GLUED.sub("\n", text)
    lines = [_tidy_line(line) for line in text.split("\n")]
    lines = ["" if line and _is_furniture(line) else _cut_credit(line) for line in lines]

    title, lines = _drop_headline_block(title, lines)
    title = clean_title(title, article.source)
    leads = _strip_dateline(lines)
    _lower_lead_in(lines)
    lines = [_unglue(line) for line in lines]
    lines = _drop_repeats(lines, title, keep=leads)
    return replace(article, title=title, text=_join(lines))


# An embedded Instagram post: its caption, then "A post shared by Name (@handle) on <date>".
_SOCIAL_EMBED = re.compile(r"\bA (?:post|photo|video) shared by .{1,80}\(@\w+\) on [A-Z][a-z]{2}")


def _is_furniture(line: str) -> bool:
    if len(line) <= _FURNITURE_MAX_CHARS and _FURNITURE_LINE.fullmatch(line):
        return True
    if _SOCIAL_EMBED.search(line):
        return True
    if len(line) > 12 * _PROMO_MAX_WORDS or len(line.split()) > _PROMO_MAX_WORDS:
        return False
    lower = line.lower()
    if not any(hint in lower for hint in _PROMO_HINTS):
        return False
    return _PROMO_LINE.search(line) is not None


def _cut_credit(line: str) -> str:
    """The line without a trailing photo credit; "" when it was only a caption."""
    if not line or not any(hint in line[-200:].lower() for hint in _CREDIT_HINTS):
        return line
    cut = _CREDIT_TAIL.sub("", line, count=1)
    if cut == line:
        return line
    cut = _CREDIT_TAIL.sub("", cut, count=1)
    return cut if len(cut.split()) > _CAPTION_MAX_WORDS else ""


# --- Titles --------------------------------------------------------------------------------------

# Labels before a headline that say how it is published, not what happened.
_TITLE_PREFIX = re.compile(
    r"""(?ix)^\s*(?:[►▶▸▷■□▪●•◆★➤→»]\s*)?  # a bullet before the label: "► Update: ..."
    [\[(]?(?:updated?(?:\s+\d+)?|update\s*\d+|exclusive|breaking(?:\s+news)?|watch
    |live(?:\s+updates?|\s+blog)?|video|photos?|gallery|in\s+pictures|listen|podcast|opinion
    |analysis|editorial|review|explainer|factbox|fact\s+box|corrected|correction|refile|rpt
    |wrapup(?:\s+\d+)?|insight|timeline|q\s*&\s*a|just\s+in|developing|new|urgent|alert
    |news\s+alert|flash|brief|(?:the\s+)?latest)[\])]?\s*(?:[:|]|\s[-–—]\s?|-(?=[A-Z]))\s*
    | ^\s*(?-i:CLOSE|Close)\s+(?=[A-Z])"""  # a video player's close button
)
_TITLE_SUFFIX = re.compile(
    r"""(?ix)\s*(?:[-–—|:]\s*)?[\[(](?:updated?|video|photos?|watch|live|exclusive|opinion
    |analysis|corrected|\d+\s+photos?)[\])]\s*$
    | (?:\s+[-–—|]|\s*:)\s*(?:live(?:\s+updates?|\s+blog)?|updated?|video|watch|photos?|gallery
    |as\s+it\s+happened|in\s+pictures)\s*$""")
# A title segment after " | " or " - " that names a site: "BBC News", "example.com".
_SITE_NAME = re.compile(
    r"""(?x)^(?:the\s+)?(?:[\w.-]+\.(?:com|org|net|co\.uk|co|io|news|gov|edu|info|tv|fm)
    |(?:(?-i:[A-Z][\w&.'’]*)(?:\s+(?-i:[A-Z][\w&.'’]*)){0,3}\s+(?:News|Online|Times|Post
    |Daily|Herald|Tribune|Journal|Gazette|Telegraph|Independent|Guardian|Mail|Express|Mirror
    |Star|Network|Media|Radio|TV|Television|Press|Wire|Today|Reporter|Chronicle|Observer
    |Courier|Register|Bulletin|Dispatch|Record|Inquirer|Examiner|Enquirer|Monitor|Globe
    |Newspaper|Magazine|Weekly|Agency|Channel)
    (?:\s+(?:(?:and|&)\s+)?(?=[A-Z]))?)+
    |reuters|associated\s+press|ap|afp|bloomberg|cnn|bbc|npr|al\s+jazeera|xinhua|politico|axios
    |forbes|cnbc|the\s+hill|vox|slate|newsweek|time|the\s+atlantic|euronews|dw|france\s+24
    |sky\s+news|the\s+verge|wired|techcrunch|huffpost|buzzfeed(?:\s+news)?|usa\s+today)$""",
    re.IGNORECASE)
# Whole titles that are page furniture: player text, credits, labels, slugs, prompts.
_FURNITURE_TITLE = re.compile(
    r"""(?ix)
    \bembed\b | \bautoplay\b | copy\s+this\s+code | now\s+playing | up\s+next\b
    | \bgetty\s+images\b | /\s*contributor\b | \bphotographer\b | \b(?:AP|AFP|EPA)\s+photo\b
    | \bstory\s+highlights\b | \beditor'?s?['’]?\s+picks?\b | \beditors?['’]?\s+note\b
    | ^\s*(?:attention|advisory|editors?|note\s+to\s+editors|for\s+immediate\s+release)\b
    | \bclick\s+(?:here|to)\b | \bsign\s+up\b | \bsubscribe\b | \bnewsletter\b | \bcookies?\b
    | \bjavascript\b | \bpage\s+not\s+found\b | \b404\b | \baccess\s+denied\b
    | ^\s*(?:BC|AM|PM)-[\w-]+ | ^[A-Z0-9]+(?:[-_=/][A-Z0-9]+){2,}\s*$
    | ^\s*\d{1,2}:\d{2}(?::\d{2})?\s*$ | ^\s*(?:by|posted\s+by|written\s+by)\s
    | ^\s*(?:copyright|©|\(c\))\s | \s(?:>>|>|»|›)\s | \blog\s*in\b | \bcaptcha\b
    | \bhas\s+been\s+archived\b | \bonline\s*$ | ^\s*(?:home|news)\s*[/|] | captcha
    | \bunable\s+to\s+find\b | \bnot\s+found\b | \bno\s+longer\s+available\b
    | \bnews\s*&\s*\w+ | \bup-to-the-minute\b | ^\s*see\s
    | ^\s*(?:top\s+|free\s+|premium\s+|featured\s+|sponsored\s+|related\s+|full\s+)?
      (?:news\s+)?(?:article|story|stories|headlines?|preview|content)\s*$
    | ^\s*(?:subscribers?|members?)['’]?\s+(?:only|content|article)\s*$
    | \baccess(?:ing)?\s+(?:denied|(?:this|the|full)?\s*(?:article|story|content))\b
    | ^\s*(?:\d+|an?)\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\s+ago\b
    | \S+@\S+\.\w+ | (?:^|\s)@\w+ | \bbreaking\s+news\b
    | \b\d+\s*\(\d+\)\s*:\s*\d+  # a journal reference: "Science 306 (5702): 1686"
    | \b(?:news|sports?|weather|crime|business|entertainment|politics|opinion)\s*(?:,|&|and)
      \s*(?:news|sports?|weather|crime|business|entertainment|politics|opinion)\b
    """
)
# Section labels a scrape takes for a title.
_SECTION_LABELS = frozenset("""
    news world politics business sport sports opinion entertainment tech technology science
    health local national international us u.s. uk europe asia africa americas home latest
    top stories breaking live video videos photos gallery trending markets money economy
    culture lifestyle travel weather crime education environment climate more menu search
    world news us news uk news local news national news top news breaking news latest news
""".split()) | {"top stories", "breaking news", "latest news", "world news", "us news",
                "uk news", "local news", "national news", "top news", "must read",
                "most read", "most popular", "related stories", "more stories", "live updates"}


def clean_title(title: str, source: str = "") -> str:
    """A headline without publishing labels ("UPDATED:", "EXCLUSIVE -", "(VIDEO)") and site
    names (" | BBC News", " - example.com"); "" when the title is page furniture: a photo credit,
    video-player text, a section label, a wire slug or an editor's note, a cookie or newsletter
    prompt, a byline."""
    title = _tidy_line(normalise(title).replace("\n", " "))
    if not title or len(title) > TITLE_MAX_CHARS:  # a paragraph in the title field is no title
        return ""
    if BREADCRUMB.fullmatch(title):  # "English >> World", "World / Europe"
        return ""
    if not _cut_credit(title) or is_caption_line(title):  # "Photo: KUVP archives", a caption
        return ""
    title = _strip_site_suffix(title, source)
    # Wire copy's company markup: "SHELL CANADA <SHC.TO> SEES BETTER YEAR", "<SAN MIGUEL CORP>".
    title = _tidy_line(_TICKER.sub(" ", title).replace("<", "").replace(">", ""))
    title = re.sub(r"\s+(?=[,;]\s)|(?<=\w)\s+(?=/\w)", "", title)  # "OLIN <OLN>, ..." -> "OLIN,"
    for _ in range(2):  # "UPDATED: EXCLUSIVE: ..."
        title = _TITLE_PREFIX.sub("", title, count=1)
    title = _SPACED_LABEL.sub("", title, count=1)  # "Boeing : Lawmakers pull plug ..."
    title = _TITLE_SUFFIX.sub("", title).strip(" -–—|:")
    title = _TITLE_TAIL.sub("", title).strip(" -–—|:")
    if not title or _is_furniture(title) or not _cut_credit(title):
        return ""
    if _FURNITURE_TITLE.search(title) or title.casefold().strip(" .") in _SECTION_LABELS:
        return ""
    if not re.search(r"[^\W\d_]{2}", title):  # no word in it: "2:49", "***", "12/03"
        return ""
    return title


TITLE_MAX_CHARS = 300
# A site's topic label before the headline, set off by a spaced colon: "Boeing : Lawmakers Pull
# Plug On Tanker Deal" (a headline's own colon has no space before it: "Boeing: deal off").
_SPACED_LABEL = re.compile(r"^[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,2}\s+:\s+(?=[A-Z0-9\"“‘'])")
# A page's date, byline or section glued after the headline: "Explorer loses share: November 02,
# 2004: By : NETWORKING", "Talks resume | By Ana Ruiz", "Talks resume - 12/03/2004".
_TITLE_TAIL = re.compile(
    r"""(?ix)\s*[:|–—-]\s*(?:
        (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}
      | \d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4}
      | \d{4}-\d{2}-\d{2} | \d{1,2}/\d{1,2}/\d{2,4}
      | by\s*:?\s
    )(?:\s*[:|,–—-].*)?\s*$""")
# "<SHC.TO>", "<P>", and in brackets: "INTERSTATE (I) SPENT ...", "KORS (KORS.N) AGREES ..."
_TICKER = re.compile(r"\s*<[A-Z0-9][A-Z0-9.\-]{0,11}>|\s+\([A-Z]{1,5}(?:\.[A-Z]{1,2})?\)(?=\s|$)")
_SITE_SUFFIX = re.compile(r"\s+[|–—-]\s+([^|–—-]{2,60}|[\w.-]+\.[a-z]{2,6})$")


def _strip_site_suffix(title: str, source: str) -> str:
    """ "Talks resume - Example News" -> "Talks resume" when the suffix names the site."""
    match = _SITE_SUFFIX.search(title)  # searched from the end: linear in the title's length
    if not match or match.start() < 10:
        return title
    site, head = match.group(1).strip(), title[: match.start()]
    if source and site.casefold() == source.casefold().strip():
        return head
    if _SITE_NAME.match(site) or (" | " in title and len(site.split()) <= 3):
        return head
    return title


def _key(line: str) -> str:
    """What makes two lines the same line: letters and digits, ignoring case."""
    return " ".join(re.findall(r"\w+", line.casefold()))


def _is_prose(line: str) -> bool:
    return line[-1] in _TERMINAL or len(line.split()) > _HEADLINE_MAX_WORDS


def _drop_headline_block(title: str, lines: list[str]) -> tuple[str, list[str]]:
    """Section labels and the repeated headline before the story starts; a missing title found.

    Only the lines before the first sentence-like line are looked at: "World Defense" alone on a
    line there is a label, the title repeated there is dropped, and when the article has no title
    its first headline-like line becomes the title.
    """
    out = list(lines)
    title_key = _key(title)
    found_title = ""
    for i, line in enumerate(out):
        if not line:
            continue
        if _is_prose(line):
            out[i] = _without_glued_title(title, line)
            break
        key = _key(line)
        if title_key and key == title_key:
            out[i] = ""
        elif len(line.split()) <= _LABEL_MAX_WORDS:
            out[i] = ""
        elif not title and not found_title and len(line.split()) <= _HEADLINE_MAX_WORDS:
            found_title = line
            title_key = key
            out[i] = ""
    return title or found_title, out


def _without_glued_title(title: str, line: str) -> str:
    """The first paragraph without the headline glued before its first sentence ("7 things to
    know about the elections Almost everyone ..."): the title, word for word, then a capital."""
    if len(title.split()) < 4 or not line.casefold().startswith(title.casefold()):
        return line
    rest = line[len(title):]
    return rest.lstrip() if re.match(r"\s+[\"“‘'A-Z0-9]", rest) else line


def _strip_dateline(lines: list[str]) -> set[int]:
    """Cut a dateline off the first prose lines of the story (with a sub-headline glued before
    it: "Former CFO to help prosecutors ALEXANDRIA, Va. -- Former ..."), and agency datelines
    off any line. The lines that followed a dateline (a story's lead, even one worded as its
    headline) are returned."""
    leads: set[int] = set()
    left = _DATELINE_LINES
    for i, line in enumerate(lines):
        if not line:
            continue
        cut = _EDITOR_NOTE.sub("", line, count=1)
        cut = _WIRE_HEAD.sub("", cut, count=1)
        cut = _AGENCY_DATELINE.sub("", cut, count=1)
        if left:
            cut = _CITY_DATELINE.sub("", cut, count=1)
            cut = _BARE_DATELINE.sub("", cut, count=1)
            cut = _JUNK_PREFIX.sub("", cut, count=1)
            glued = _GLUED_DATELINE.search(cut[:200])
            if glued and not re.search(r"[.!?]\s", cut[: glued.start()]):
                cut = cut[glued.end():]
            left -= 1
        if cut != line:
            leads.add(i)
        lines[i] = cut.strip()
    return leads


def _lower_lead_in(lines: list[str]) -> None:
    """A story's first words set in capitals as a lead-in ("MEMBERS of the Senate ...") in
    the case the article writes them elsewhere; an acronym ("NASA said ...") keeps its
    capitals, as the article writes it so."""
    first = next((i for i, line in enumerate(lines) if line), None)
    if first is None:
        return
    match = _LEAD_IN.match(lines[first])
    if not match:
        return
    rest = " ".join(lines)[match.end():]
    words = match.group(1).split()
    if all(re.search(rf"\b{re.escape(w.lower())}\b", rest) and not re.search(
            rf"\b{re.escape(w)}\b", rest) for w in words):
        lines[first] = match.group(1).capitalize() + lines[first][match.end(1):]


_LEAD_IN = re.compile(r"^([A-Z]{4,}(?:\s+[A-Z]{2,}){0,3})(?=\s+[a-z])")  # not "US", "UN"


def _unglue(line: str) -> str:
    """Put back the space between two sentences that lost their line break.

    A straight quote after the full stop opens the next sentence when the quotes before it are
    balanced, and closes the current one otherwise.
    """
    if "." not in line and "!" not in line and "?" not in line and ":" not in line:
        return line

    def space(match: re.Match[str]) -> str:
        mark, quote = match.group(1), match.group(2)
        if match.start() == 0 or line[match.start() - 1] not in _GLUED_AFTER:
            return match.group(0)
        if _DOMAIN_PART.match(line, match.end()) and not match.group(2):
            return match.group(0)  # "SciDev.Net", "Yahoo.Com": a name, not two sentences
        if quote in ("”", "’"):
            return f"{mark}{quote} "
        if quote == '"':
            opened = line.count('"', 0, match.start()) % 2 == 1
            return f'{mark}" ' if opened else f'{mark} "'
        return f"{mark} "

    line = _GLUED_QUOTE.sub(": ", _GLUED_SENTENCE.sub(space, line))
    return _AGENCY_CREDIT.sub(" ", line)


def _drop_repeats(lines: list[str], title: str,
                  keep: set[int] | frozenset[int] = frozenset()) -> list[str]:
    """Each line once; the headline only as the title (but a lead after a dateline, `keep`,
    stays however like the title it reads)."""
    title_key = _key(title)
    seen: set[str] = set()
    out = []
    for i, line in enumerate(lines):
        if not line:
            out.append("")
            continue
        key = line.casefold()
        if key in seen:
            continue
        seen.add(key)
        if i not in keep and abs(len(line) - len(title)) < 12 and _key(line) == title_key:
            continue
        out.append(line)
    return out


def _join(lines: list[str]) -> str:
    """Lines back into text: one blank line between paragraphs, none at the ends."""
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line:
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return "\n\n".join("\n".join(p) for p in paragraphs if p)


# --- Junk documents ------------------------------------------------------------------------------

# (reason, words one of which the page contains, the telltale sentence)
_JUNK_PAGES: tuple[tuple[str, tuple[str, ...], re.Pattern[str]], ...] = (
    (
        "web crawl notes, not an article",
        ("alexa", "wayback", "crawl", "seed for", "slash pages", "publicly", "ranked url",
         "archive"),
        re.compile(
            r"(?i)alexa internet|wayback machine|\bcrawl data\b|\bthese crawls\b"
            r"|\bseed for \w+ was\b|slash pages from every domain|not publicly accessible"
            r"|highly ranked urls|\binternet archive\b|\bbroken links\b|\bno more 404\b"
        ),
    ),
    (
        "page not found",
        ("not found", "be found", "404", "unable to find", "no longer available"),
        re.compile(
            r"(?i)\bpage (?:you (?:requested|are looking for) )?(?:could not|cannot|can't|was not)"
            r" be found|\bpage not found\b|\b404\b.{0,20}\bnot found\b|\berror 404\b"
            r"|\bunable to find (?:the )?requested\b|\b(?:story|article|page) (?:is )?no longer"
            r" available\b"
        ),
    ),
    (
        "sign-up or registration page, not an article",
        ("sign up", "register", "password", "captcha", "member id", "inbox"),
        re.compile(
            r"(?i)\bsign up for\b|\bregister (?:for|now|free)\b|\bforgot (?:your )?(?:id|password)"
            r"|\bmember id\b|recaptcha|\bin your inbox\b|\bit'?s free and it only takes\b"
            r"|\bremember (?:me|my member)\b|\bpassword\s*:"
        ),
    ),
    (
        "cookie or consent wall, not an article",
        ("cookie",),
        re.compile(
            r"(?i)\bwe use cookies\b|\bcookie (?:policy|settings|preferences|consent)\b"
            r"|\b(?:accept|enable|allow) (?:all |the use of )?cookies\b"
        ),
    ),
    (
        "page needs JavaScript; no article text",
        ("javascript",),
        re.compile(
            r"(?i)\b(?:enable|turn on)\s+javascript\b|\bjavascript (?:is )?(?:required|disabled)"
        ),
    ),
    (
        "paywall or login page, not an article",
        ("subscribe to", "log in to", "login to", "sign in to", "signin to", "subscriber",
         "licen", "purchase", "full text", "full-text"),
        re.compile(
            r"(?i)\b(?:subscribe|log ?in|sign ?in) to (?:continue|read)\b|already a subscriber"
            r"|\bpurchase (?:this|the) (?:article|document|story)\b|\bsite licen[cs]e\b"
            r"|\bfull[- ]text articles?\b|\binstitutional (?:customers|subscribers)\b"
            r"|\barticle purchases?\b|\bregistered user\b"
            r"|\b(?:personal|online) subscri(?:ber|ption)"
            r"|\bdocument delivery\b|\binterlibrary loan\b|\bview this article\b"
            r"|\bI want to (?:purchase|subscribe|buy)\b|\blog ?in (?:box|above|below|here)\b"
        ),
    ),
    (
        "a site's promotion or reader call, not an article",
        ("check it out", "apply now", "your own", "share their", "share your", "join our",
         "download our"),
        re.compile(
            r"(?i)\bcheck it out\b|\bapply now\b|\bwant to (?:have|start|write) your own\b"
            r"|\breaders share (?:their|your)\b|\bshare your (?:news|story|stories|photos)\b"
            r"|\bjoin our (?:community|team|panel)\b|\bdownload our (?:free )?app\b"
        ),
    ),
    (
        "an organisation's page about itself, not an article",  # _SELF_PAGE
        ("we have", "we are", "we will", "we work", "our mission", "home page", "this page",
         "this site"),
        re.compile(
            r"(?i)\bwe (?:have|are|will|work|fight|believe|continue|also)\b|\bour mission\b"
            r"|\b(?:this|our) (?:home ?page|page|site|web ?site) (?:includes|contains|provides"
            r"|offers|has)\b"
        ),
    ),
    (
        "a news outlet's page about itself, not an article",
        ("largest", "news provider", "news to"),
        re.compile(
            r"(?i)\bis the world'?’?s (?:largest|leading)\b.{0,60}\bnews\b"
            r"|\bprovides\b.{0,80}\bnews to (?:professionals|consumers|readers)\b"
        ),
    ),
)


_ROUGH_SENTENCE = re.compile(r"\n|(?<=[.!?])\s+(?=[A-Z])|(?<=[a-z][.!?])(?=[A-Z])")


def junk_reason(article: Article) -> str | None:
    """Why the document is not a news article (crawl notes, error page, tiny), or None."""
    return _junk_page(article.text) or _junk_text(article.text)


_SENTENCE_END = re.compile(r"[.!?][\"”’)]?(?:\s|$)")


def _junk_text(text: str) -> str | None:
    """Why a cleaned text is too little or too broken to be an article, or None."""
    words = len(text.split())
    if not words:
        return "no text left after cleaning"
    if words < MIN_WORDS:
        return f"too short to be an article ({words} words)"
    ends = len(_SENTENCE_END.findall(text))
    if words >= 2 * MAX_WORDS_PER_END and words > MAX_WORDS_PER_END * (ends + 1):
        return f"not prose ({words:,} words and {ends} sentence ends)"
    prose = 0
    for line in text.split("\n"):
        n = len(line.split())
        if n > _HEADLINE_MAX_WORDS or (n >= 6 and _SENTENCE_END.search(line)):
            prose += n
    if prose / words < MIN_PROSE_SHARE:
        return "mostly lists or navigation, not prose"
    return None


def _junk_page(text: str) -> str | None:
    """The kind of non-article page when its telltale sentences make up most of the text."""
    lower = text.lower()
    kinds = [
        (reason, pattern)
        for reason, hints, pattern in _JUNK_PAGES
        if any(hint in lower for hint in hints) and pattern.search(text)
    ]
    if not kinds:
        return None
    pieces = [p for p in _ROUGH_SENTENCE.split(text) if p.strip()]
    total = sum(len(p.split()) for p in pieces) or 1
    for reason, pattern in kinds:
        if reason == _SELF_PAGE:  # its own voice, not a quotation; on most of the page
            hits = sum(len(p.split()) for p in pieces if pattern.search(_QUOTATION.sub(" ", p)))
            if hits / total >= 0.5:
                return reason
            continue
        hits = sum(len(p.split()) for p in pieces if pattern.search(p))
        if hits and (hits / total >= 0.5 or total < _SHORT_PAGE_WORDS):
            return reason
    return None


_SELF_PAGE = "an organisation's page about itself, not an article"
_QUOTATION = re.compile(r"[\"“][^\"“”]*[\"”]?|(?<!\w)['‘][^'‘’]+['’](?!\w)")


# --- Many articles -------------------------------------------------------------------------------


def clean_all(articles: Sequence[Article]) -> tuple[list[Article], list[Skipped]]:
    """Clean every article; drop junk documents and duplicate copies with the reason why.

    Of two copies of one story (the same text, or the same wire story from two outlets) the one
    with more text and metadata is kept; the order of the kept articles is the input order.
    """
    cleaned: list[Article] = []
    skipped: list[Skipped] = []
    for article in articles:
        tidy, reason = clean_one(article)
        if reason:
            skipped.append(Skipped(article.origin, reason))
        else:
            cleaned.append(tidy)
    kept, duplicates = drop_duplicates(cleaned)
    return kept, skipped + duplicates


def clean_one(article: Article) -> tuple[Article, str | None]:
    """One article cleaned, and why it is no article at all (junk), if it is not: the
    per-article half of `clean_all`, which worker processes can run on their own."""
    try:
        tidy = clean(article)
        return tidy, _junk_page(normalise(article.text)) or _junk_text(tidy.text)
    except Exception as error:  # noqa: BLE001 - one odd article must never cost the day
        log.debug("cleaning %s failed", article.origin, exc_info=True)
        return article, f"can't be cleaned ({type(error).__name__})"


@dataclass(frozen=True)
class Fingerprint:
    """What `drop_duplicates` compares of one article: its words' count, a digest of its
    words, and its distinct word 5-shingles with their MinHash signature."""

    words: int
    digest: bytes
    shingles: tuple[np.ndarray, bytes]


def fingerprint(article: Article) -> Fingerprint:
    """An article's Fingerprint: the per-article half of `drop_duplicates` (a worker's job)."""
    words = article.text.casefold().split()
    digest = hashlib.blake2b(" ".join(words).encode("utf-8", "surrogatepass"), digest_size=16)
    return Fingerprint(len(words), digest.digest(), _SIGNER.shingles(words))


def drop_duplicates(
    articles: list[Article], fingerprints: Sequence[Fingerprint] | None = None,
) -> tuple[list[Article], list[Skipped]]:
    """Exact copies by content hash, near copies by MinHash over word 5-shingles (LSH banding).

    Articles are visited richest first, so the copy that stays is the one with more to offer.
    `fingerprints` (one per article, in order) may come made: by worker processes.
    """
    prints = list(fingerprints) if fingerprints is not None else [
        fingerprint(a) for a in articles]

    def richness(i: int) -> int:
        a = articles[i]
        fields = (a.title, a.source, a.url, a.published, a.author)
        return prints[i].words + 30 * sum(1 for f in fields if f)

    index = _ShingleIndex()
    by_hash: dict[bytes, Article] = {}
    dropped: dict[int, Skipped] = {}
    for i in sorted(range(len(articles)), key=richness, reverse=True):
        article = articles[i]
        exact = prints[i].digest
        same = by_hash.get(exact)
        shingles = prints[i].shingles
        if same is None:
            same = index.find(shingles)
        if same is not None:
            dropped[i] = Skipped(article.origin, f"duplicate of {same.origin}")
            continue
        by_hash[exact] = article
        index.add(article, shingles)
    kept = [a for i, a in enumerate(articles) if i not in dropped]
    return kept, [dropped[i] for i in sorted(dropped)]


class _ShingleIndex:
    """Finds an indexed article whose word 5-shingles nearly match a new one's, in about O(1).

    MinHash signatures cut into bands: two texts share a band bucket with high probability when
    their Jaccard similarity is high; only those candidates are compared shingle by shingle.
    """

    SHINGLE = 5
    BANDS = 10
    ROWS = 3

    def __init__(self) -> None:
        rng = np.random.default_rng(20240627)
        n = self.BANDS * self.ROWS
        self._a = rng.integers(1, 2**63, size=n, dtype=np.uint64) | np.uint64(1)
        self._b = rng.integers(0, 2**63, size=n, dtype=np.uint64)
        self._buckets: dict[tuple[int, bytes], list[int]] = {}
        self._items: list[tuple[Article, np.ndarray]] = []
        self._ids: dict[str, int] = {}

    def shingles(self, words: list[str]) -> tuple[np.ndarray, bytes]:
        """The distinct hashed word 5-shingles of a text and their MinHash signature."""
        if len(words) < self.SHINGLE:
            return np.empty(0, dtype=np.uint64), b""
        # A stable hash (not `hash`, which changes from process to process): the same day
        # finds the same copies in every run and in every worker.
        known = self._ids
        for word in set(words).difference(known):
            digest = hashlib.blake2b(word.encode("utf-8", "surrogatepass"), digest_size=8)
            known[word] = int.from_bytes(digest.digest(), "little")
        ids = np.fromiter(map(known.__getitem__, words), dtype=np.uint64, count=len(words))
        count = len(words) - self.SHINGLE + 1
        mixed = np.zeros(count, dtype=np.uint64)
        prime = np.uint64(1099511628211)
        for j in range(self.SHINGLE):
            mixed = mixed * prime + ids[j : j + count]
        unique = np.unique(mixed)
        signature = (unique[:, None] * self._a[None, :] + self._b[None, :]).min(axis=0)
        return unique, signature.tobytes()

    def _bands(self, signature: bytes) -> list[tuple[int, bytes]]:
        """The band keys of a signature: ROWS MinHash values (8 bytes each) a band."""
        width = 8 * self.ROWS
        return [(band, signature[band * width : (band + 1) * width])
                for band in range(len(signature) // width)]

    def find(self, shingles: tuple[np.ndarray, bytes]) -> Article | None:
        unique, signature = shingles
        bands = self._bands(signature)
        seen: set[int] = set()
        for band in bands:
            for j in self._buckets.get(band, ()):
                if j in seen:
                    continue
                seen.add(j)
                other, other_unique = self._items[j]
                if _similar(unique, other_unique):
                    return other
        return None

    def add(self, article: Article, shingles: tuple[np.ndarray, bytes]) -> None:
        unique, signature = shingles
        bands = self._bands(signature)
        for band in bands:
            self._buckets.setdefault(band, []).append(len(self._items))
        self._items.append((article, unique))


_SIGNER = _ShingleIndex()  # hashes and signs shingles (its index stays empty)


def _similar(a: np.ndarray, b: np.ndarray) -> bool:
    common = len(np.intersect1d(a, b, assume_unique=True))
    union = len(a) + len(b) - common
    return common / union >= NEAR_DUPLICATE or common / min(len(a), len(b)) >= CONTAINED
