"""What an extractor found and why: candidates with named reasons.

Every value an item could give for a question (each date, each part linked to
the person, each first-look mention) is a ``Candidate``. Its ``reasons`` say
what speaks for it and what against; a refused candidate says which reason
refused it. ``watcher show match:ID`` prints them, so a person can see why a
date was or was not taken. ``best`` picks the item's answer among the taken ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from watcher.extract.lexicon import load
from watcher.extract.text import phrases_regex, screen
from watcher.types import PRECISION_RANK, DatePrecision, DateValue

# The value a date question takes when the film has lost its date ("pulled
# from its March 13 date; no new date has been set"): the question is open
# again until a new date is reported.


@dataclass(frozen=True, slots=True)
class Reason:
    code: str  # stable name: "release-verb", "trailer-date", "old-date", ...
    detail: str  # what a person reads: 'governed by "hits theaters"'
    weight: float = 0.0  # added to the confidence; refusals carry none

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "detail": self.detail, "weight": self.weight}


@dataclass(frozen=True, slots=True)
class Candidate:
    value: str  # canonical and comparable ("2025-06-13", "john wick", an image URL)
    display: str
    precision: DatePrecision | None
    confidence: float
    hedged: bool
    evidence: str  # the sentence it was read from
    reasons: tuple[Reason, ...] = ()
    refused: str | None = None  # the code of the reason that refused it
    inferred: bool = False  # a date whose year was worked out, not written
    sentence: int = 0
    position: int = 0  # where in the sentence

    @property
    def taken(self) -> bool:
        return self.refused is None

    def refuse(self, code: str, detail: str) -> Candidate:
        return self._with(self.confidence, Reason(code, detail), code)

    def support(self, code: str, detail: str, weight: float) -> Candidate:
        return self._with(clamp(self.confidence + weight), Reason(code, detail, weight), None)

    def _with(self, confidence: float, reason: Reason, refused: str | None) -> Candidate:
        # Spelled out, not dataclasses.replace: every date in an item goes
        # through here a few times, and replace costs ten times as much.
        return Candidate(
            value=self.value,
            display=self.display,
            precision=self.precision,
            confidence=confidence,
            hedged=self.hedged,
            evidence=self.evidence,
            reasons=(*self.reasons, reason),
            refused=refused or self.refused,
            inferred=self.inferred,
            sentence=self.sentence,
            position=self.position,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "display": self.display,
            "taken": self.taken,
            "refused": self.refused,
            "confidence": self.confidence,
            "hedged": self.hedged,
            "evidence": self.evidence,
            "reasons": [r.to_json() for r in self.reasons],
        }


@dataclass(frozen=True, slots=True)
class Reading:
    """What one question kind read from one item."""

    candidates: tuple[Candidate, ...] = ()
    # Sentences about the question that state no answer ("a release date will
    # be announced"), kept as evidence for an open question.
    vague: tuple[str, ...] = ()
    considered: tuple[Candidate, ...] = field(default=(), compare=False)


def clamp(value: float) -> float:
    return round(min(max(value, 0.0), 1.0), 2)


def best(found: Sequence[Candidate]) -> Candidate | None:
    """One answer per question and item: confirmed before hedged, the most
    confident, and among the values consistent with it the most precise
    ("June" in a headline, "June 13, 2025" in the body)."""
    taken = [c for c in found if c.taken]
    if not taken:
        return None
    pool = [c for c in taken if not c.hedged] or taken
    top = max(pool, key=lambda c: (c.confidence, PRECISION_RANK.get(c.precision or "", 0)))
    consistent = [
        c for c in pool if c.confidence >= top.confidence - 0.4 and within(top.value, c.value)
    ]
    return max(consistent, key=lambda c: (PRECISION_RANK.get(c.precision or "", 0), c.confidence))


def within(broad: str, narrow: str) -> bool:
    """ "2025-06" ⊇ "2025-06-13"; a season contains its months; any other value
    only itself."""
    outer, inner = DateValue.read(broad), DateValue.read(narrow)
    if outer is None or inner is None:
        return broad == narrow
    return outer.contains(inner)


# --------------------------------------------------------------------------- hedges

_LEX = load("en")
_MODAL = phrases_regex(_LEX.modal)
# "may" the verb, not the month: "Arrives In May", "May 30", "in early May".
_MAY = re.compile(
    r"(?<![Ii]n\s)(?<![Tt]o\s)(?<![Bb]y\s)(?<![Oo]f\s)(?<![Ff]or\s)(?<![Tt]his\s)"
    r"(?<![Nn]ext\s)(?<![Ee]arly\s)(?<![Ll]ate\s)(?<!mid-)(?<![Uu]ntil\s)(?<![Ff]rom\s)"
    r"(?<!\w)[Mm]ay(?!\w)(?!\s*(?:\d|[,.;:)]|$|and\b|or\b|to\b))"
)
# Its dozen lookbehinds are tried at every position: most sentences hold no "may".
_MAY_SCREEN = screen(_MAY)
_ATTRIBUTED = phrases_regex(_LEX.attributed)
_INDIRECT = phrases_regex(_LEX.indirect_question)
# "Is Hugh Jackman Playing Wolverine?", asked without its question mark.
_ASKED = re.compile(
    r"^[‘“\"']?(?:Is|Are|Will|Could|Would|Does|Did|Has|Have|Was|Can|Should)\s+[A-Z]"
)


def hedged(sentence: str, upto: int) -> bool:
    """Does the sentence state the value only as rumour, report or question?
    Modal words count in the value's own clause, before it ("was aiming for
    2024, but now the date is June 6" states June 6); attributions anywhere."""
    if sentence.rstrip(" ’”\"')").endswith("?") or _ASKED.match(sentence):
        return True
    start = _clause_start(sentence, upto)
    return bool(
        _attribution(sentence) is not None
        or _modal(sentence, start, upto) is not None
        or (_MAY_SCREEN.may_match(sentence) and _MAY.search(sentence, start, upto))
    )


def _attribution(sentence: str) -> re.Match[str] | None:
    """The first word giving the value as hearsay; "according to a report by
    Variety" names its source, as "according to Variety" does: not hearsay."""
    if _ATTRIBUTED is None:
        return None
    for m in _ATTRIBUTED.finditer(sentence):
        if not _NAMED_SOURCE.match(sentence, m.end()):
            return m
    return None


_NAMED_SOURCE = re.compile(r"\s+(?:by|from|in)\s+(?:[Tt]he\s+)?[A-Z]")


def _modal(sentence: str, start: int, upto: int) -> re.Match[str] | None:
    """The first modal word of the clause, except the "would" of reported
    speech: "Sony announced that the film would open October 25" states it."""
    if _MODAL is None:
        return None
    for m in _MODAL.finditer(sentence, start, upto):
        if m.group().casefold() == "would" and _REPORTED_THAT.search(sentence, start, m.start()):
            continue
        if _in_closed_aside(sentence, m.start(), upto):
            continue  # "Saw 10 (which might end up styled Saw X) is set to hit theaters"
        return m
    return None


def _in_closed_aside(sentence: str, at: int, upto: int) -> bool:
    """Is ``at`` inside brackets that close before ``upto``?"""
    opened = sentence.rfind("(", 0, at)
    return (
        opened != -1 and sentence.find(")", opened, at) == -1 and sentence.find(")", at, upto) != -1
    )


_REPORTED_THAT = re.compile(
    r"\b(?:announced|said|confirmed|revealed|unveiled|declared|stated|noted|told\s+\w+|"
    # "an announcement by Paramount Pictures that the movie would be released"
    r"announcement|statement)\s+(?:\w+\s+){0,3}?that\b",
    re.I,
)


# Where a new statement starts inside a sentence: ", but", "; ", " — ", and
# "when" ("we'll see whether it works when the movie opens May 2" states May 2).
_NEW_STATEMENT = re.compile(
    r",?\s+(?:but|however|yet|though|although|whereas|when)\s+|;\s+|\s+[—–]\s+"
)


def _clause_start(sentence: str, upto: int) -> int:
    start = 0
    for m in _NEW_STATEMENT.finditer(sentence, 0, upto):
        start = m.end()
    return start


def _hedge_word(sentence: str, upto: int) -> str | None:
    if (m := _attribution(sentence)) is not None:
        return m.group()
    if (m := _modal(sentence, _clause_start(sentence, upto), upto)) is not None:
        return m.group()
    return None


def hedge_reason(sentence: str, upto: int) -> Reason | None:
    if not hedged(sentence, upto):
        return None
    word = _hedge_word(sentence, upto)
    detail = f'stated as report or rumour ("{word}")' if word else "asked, not stated"
    return Reason("hedged", detail)


def indirect_question(sentence: str, upto: int) -> str | None:
    """ "people keep asking if X will reprise": the words that make it one."""
    if _INDIRECT is None:
        return None
    m = _INDIRECT.search(sentence, 0, upto)
    return m.group() if m else None


def considered(candidates: Iterable[Candidate], limit: int = 12) -> tuple[Candidate, ...]:
    """The candidates worth showing: taken ones first, then refused ones, capped."""
    ordered = sorted(candidates, key=lambda c: (not c.taken, -c.confidence))
    return tuple(ordered[:limit])
