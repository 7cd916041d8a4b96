"""What the extractors share: the values a scene is made of, phrase and
sentence helpers, hedges, and which work a span belongs to.

``match`` builds a ``Scene`` (sentences, and per sentence the spans naming a
work); the extractors in ``dates``/``release``, ``roles`` and ``images`` read
answers from it. All pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

DatePrecision = Literal["day", "month", "season", "year"]
MarkKind = Literal["name", "other", "anaphor"]
ImageNoun = Literal["poster", "still", "trailer"]


# --------------------------------------------------------------------------- values


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    text: str
    title: bool  # the item's headline
    line: bool  # a whole paragraph: list items are one line each


@dataclass(frozen=True, slots=True)
class Mark:
    """A span naming a work: the subject, another title, or an anaphor."""

    start: int
    end: int
    kind: MarkKind
    subject: bool  # refers to the tracked subject (anaphors: as resolved)


@dataclass(frozen=True, slots=True)
class Found:
    value: str
    display: str
    precision: DatePrecision | None
    confidence: float
    hedged: bool
    evidence: str
    inferred: bool = False  # a date whose year was worked out, not written


@dataclass(frozen=True, slots=True)
class DateSpan:
    start: int
    end: int
    value: str
    display: str
    precision: DatePrecision
    relative: bool  # "next June", "this fall": only trusted in a headline
    inferred: bool = False  # the year was not written but worked out from the item's date


@dataclass(frozen=True, slots=True)
class Scene:
    """One entry as seen for one subject."""

    sentences: tuple[Sentence, ...]
    marks: tuple[tuple[Mark, ...], ...]  # per sentence, sorted by start
    carried: tuple[bool | None, ...]  # per sentence: does the last earlier title refer to us?
    dates: tuple[tuple[DateSpan, ...], ...]  # per sentence
    images: tuple[str, ...]
    headline_rejected: bool  # the headline is about a trailer, festival, ...
    undated: bool = False  # no date on the item: year-less dates read against the poll time


# --------------------------------------------------------------------------- helpers


def phrase_pattern(phrase: str) -> str:
    """A configured phrase as a regex: words in order, any run of spaces,
    hyphens or punctuation between them ("first look" = "first-look")."""
    words = re.findall(r"\w+", phrase)
    if not words:
        return r"(?!x)x"
    return r"[^\w\n]{1,4}".join(re.escape(w) for w in words)


def phrases_regex(phrases: Iterable[str], *, inflect: bool = False) -> re.Pattern[str] | None:
    """One case-insensitive, word-bounded alternation, longest phrase first."""
    unique = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
    if not unique:
        return None
    body = "|".join(_inflected(p) if inflect else phrase_pattern(p) for p in unique)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.I)


def _inflected(phrase: str) -> str:
    """ "release" also matches releases, released, releasing; "push" pushes, pushed."""
    pattern = phrase_pattern(phrase)
    if not re.search(r"[a-z]$", phrase, re.I):
        return pattern
    if phrase.lower().endswith("e"):
        return pattern[:-1] + r"(?:e|es|ed|ing)"
    return pattern + r"(?:s|es|d|ed|ing)?"


def key(text: str) -> str:
    """Comparable form of a phrase: case, quotes and punctuation ignored."""
    return " ".join(re.findall(r"[^\W_]+", text.casefold()))


# --------------------------------------------------------------------------- sentences

_ABBREVIATIONS = frozenset((
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mr",
    "mrs", "ms", "dr", "st", "jr", "sr", "vs", "no", "vol", "inc", "co", "corp", "ltd", "mt",
    "ft", "approx", "est", "dept", "gen", "gov", "sen", "rep", "u.s", "u.k", "e.g", "i.e", "etc",
))  # fmt: skip
_BOUNDARY = re.compile(r"[.!?][’”\"')\]]*\s+(?=[‘“\"'(\[]?[A-Z0-9])")
# Aggregators append " - Outlet" to the headline and repeat it as the body.
_OUTLET_SUFFIX = re.compile(r"\s+[-–|]\s+[^-–|]{2,40}$")


def split_sentences(title: str, text: str) -> list[Sentence]:
    out: list[Sentence] = []
    title = title.strip()
    if title:
        pieces = _split_paragraph(title)
        out.extend(Sentence(i, p, title=True, line=len(pieces) == 1) for i, p in enumerate(pieces))
    headline_key = key(_OUTLET_SUFFIX.sub("", title)) if title else ""
    for paragraph in text.split("\n"):
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        pieces = _split_paragraph(paragraph)
        for piece in pieces:
            piece_key = key(piece)
            if (
                headline_key
                and piece_key.startswith(headline_key)
                and len(piece_key[len(headline_key) :].split()) <= 4
            ):
                continue  # the headline again, maybe with the outlet's name
            out.append(Sentence(len(out), piece, title=False, line=len(pieces) == 1))
    return out


def _split_paragraph(paragraph: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for boundary in _BOUNDARY.finditer(paragraph):
        before = paragraph[start : boundary.start()]
        last = before.rsplit(None, 1)[-1] if before.split() else ""
        word = last.strip("‘“\"'(").casefold()
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue  # "Sept. 26", "J. J. Abrams"
        pieces.append(paragraph[start : boundary.start() + 1].strip())
        start = boundary.end()
    pieces.append(paragraph[start:].strip())
    return [p for p in pieces if p]


# --------------------------------------------------------------------------- hedges

# Modal hedges count before the value they qualify; attributions anywhere.
_MODAL_HEDGE = re.compile(
    r"(?<!\w)(?:could|might|would|possibly|potentially|likely|"
    r"expected\s+to|tipped\s+to|poised\s+to|in\s+talks|in\s+negotiations|eyes|eyeing|"
    r"considering|weighing|mulling|targeting|aiming|tentatively|rumou?red|rumou?rs?|"
    r"speculat\w*|whether|unclear|unknown|not\s+known|unconfirmed|not\s+confirmed)(?!\w)",
    re.I,
)
# "may" the verb, not the month: "Arrives In May", "May 30", "in early May".
_MAY = re.compile(
    r"(?<![Ii]n\s)(?<![Tt]o\s)(?<![Bb]y\s)(?<![Oo]f\s)(?<![Ff]or\s)(?<![Tt]his\s)"
    r"(?<![Nn]ext\s)(?<![Ee]arly\s)(?<![Ll]ate\s)(?<!mid-)(?<![Uu]ntil\s)(?<![Ff]rom\s)"
    r"(?<!\w)[Mm]ay(?!\w)(?!\s*(?:\d|[,.;:)]|$|and\b|or\b|to\b))"
)
_ATTRIBUTED = re.compile(
    r"(?<!\w)(?:reportedly|allegedly|sources?\s+(?:say|said|tell|told|close)|"
    r"according\s+to\s+(?:sources|people|insiders|reports?|a\s+report)|"
    r"people\s+familiar|insiders?|per\s+sources|is\s+said\s+to|are\s+said\s+to|"
    r"believed\s+to|understood\s+to|rumou?red|rumou?rs?)(?!\w)",
    re.I,
)


def hedged(sentence: str, upto: int) -> bool:
    if sentence.rstrip(" ’”\"')").endswith("?"):
        return True
    return bool(
        _ATTRIBUTED.search(sentence)
        or _MODAL_HEDGE.search(sentence, 0, upto)
        or _MAY.search(sentence, 0, upto)
    )


# The value a date question takes when the film has lost its date ("pulled
# from its March 13 date; no new date has been set"): the question is open
# again until a new date is reported.
NO_DATE = ""
NO_DATE_DISPLAY = "no date"


NEGATION = re.compile(r"(?<!\w)(?:not|n[’']t|never|no\s+longer|won[’']t)(?!\w)", re.I)


@dataclass(frozen=True, slots=True)
class QuestionRules:
    cues: re.Pattern[str] | None
    reject: re.Pattern[str] | None
    about: re.Pattern[str] | None
    about_names: tuple[str, ...]
    # "Wick" → "John Wick": one word of a configured name stands for all of it,
    # so a restatement with the short form is the same answer.
    full_names: dict[str, str]
    # What an image question asks for, from the nouns of its cues: a poster
    # (key art, one-sheet), a still (photo, image, first look) or a trailer
    # (teaser, its frame); None: any of those its cues name.
    image_noun: ImageNoun | None = None
    # "Who plays the villain?": the cues name a part, and the answer is the
    # person cast in it, not the character named after the part.
    casting: bool = False
    # Date questions: streaming and digital debuts, rejected unless the item
    # says the theatrical release is off.
    streaming: re.Pattern[str] | None = None
    # Keys of the ``about`` phrases that are also the film's own title, or a
    # word of it (a biopic named after its subject): a mention of one may be
    # the film ("Hartigan's Ruby Castellane"), so only explicit casting of it
    # answers.
    title_parts: frozenset[str] = frozenset()


# --------------------------------------------------------------------------- binding


_CLAUSE = re.compile(r"[.!?]\s|[;—–()]|\s-\s|,\s|\s(?:and|but|while|after|before|as)\s")


def _gap_cost(text: str, a: int, b: int, *, after: bool) -> float:
    gap = text[a:b]
    boundaries = _CLAUSE.findall(gap)
    weight = {",": 15, ".": 80, "!": 80, "?": 80, " ": 20}
    cost = sum(weight.get(x[0], 40) for x in boundaries)
    return len(gap) * (2.0 if after else 1.0) + cost


def nearest(text: str, marks: Sequence[Mark], start: int, end: int) -> Mark | None:
    """The work a span belongs to: the nearest mark, preferring one before it
    and one in the same clause ("X, out March 24, 2023, and Y on May 30")."""
    best: tuple[float, Mark] | None = None
    for mark in marks:
        if mark.end <= start:
            cost = _gap_cost(text, mark.end, start, after=False)
        elif mark.start >= end:
            cost = _gap_cost(text, end, mark.start, after=True)
        else:
            cost = 0.0
        if best is None or cost < best[0]:
            best = (cost, mark)
    return best[1] if best else None


def clamp(value: float) -> float:
    return round(min(max(value, 0.0), 1.0), 2)


def is_subject(scene: Scene, i: int, mark: Mark | None) -> bool:
    if mark is None:
        return bool(scene.carried[i])
    return mark.subject
