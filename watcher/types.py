"""The values that pass between stages, in one place.

Each stage's input and output is a frozen value you can build in a test in one
line: ``Entry`` (parse → match), ``Match`` and ``Answer`` (match → knowledge),
``Observation`` and ``Event`` (knowledge → store), ``Message`` (store → notify:
what the outbox keeps and every notification, export and replay is rendered
from). This module imports nothing of the package's, so any stage, the CLI
included, may use these without loading a parser, the store or a network client.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, Protocol

if TYPE_CHECKING:
    from watcher.extract.evidence import Candidate

DatePrecision = Literal["day", "month", "season", "year"]
QuestionKey = tuple[str, str]  # (subject id, question id)

# A date question's "no date any more" (a film pulled from the calendar).
NO_DATE = ""
NO_DATE_DISPLAY = "no date"

PRECISION_RANK: Mapping[str, int] = {"year": 0, "season": 1, "month": 2, "day": 3}
SEASON_MONTHS: Mapping[str, tuple[int, ...]] = {
    "spring": (3, 4, 5),
    "summer": (5, 6, 7, 8),  # the release calendar's summer opens in May
    "fall": (9, 10, 11),
    "autumn": (9, 10, 11),
    "winter": (12, 1, 2),
}
_DATE_VALUE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-([a-z]+))?")


@dataclass(frozen=True, slots=True)
class Entry:
    identity: str
    link: str | None
    title: str
    text: str
    published: datetime | None
    images: tuple[str, ...]
    content_hash: str
    # The outlet that published the story, when the item names it apart from
    # the feed (an aggregator's ``<source url="...">Outlet</source>``).
    outlet: str | None = None
    outlet_url: str | None = None
    # The outlet's page the item stands for: an aggregator link resolved (see
    # ``watcher.gnews``), or, once an article was read, the URL read.
    article_url: str | None = None
    # What was matched: ``feed`` (the feed's own text), ``article`` (the
    # linked page's main text), ``summary`` (the page could not be read, so
    # the feed's summary), ``headline`` (an aggregator link that needs
    # JavaScript to resolve: its headline). Set by ``watcher.article_reader``.
    read: str = "feed"


class DateValue(NamedTuple):
    """A date answer's value read apart: ``2025-06-13``, ``2025-06``,
    ``2025-summer``, ``2025``."""

    year: int
    month: int | None = None
    day: int | None = None
    season: str | None = None

    @classmethod
    def read(cls, value: str) -> DateValue | None:
        found = _DATE_VALUE.fullmatch(value)
        if not found:
            return None
        year, month, day, season = found.groups()
        return cls(
            int(year),
            int(month) if month else None,
            int(day) if day else None,
            season if season in SEASON_MONTHS else None,
        )

    def contains(self, other: DateValue) -> bool:
        """Does this (broader) date contain ``other``? A year its seasons and
        months, a season its months (winter 2025 runs to February 2026), a month
        its days; every date contains itself."""
        if self.season is not None:
            if other.month is None:
                return other == self
            months = SEASON_MONTHS[self.season]
            spill = self.season == "winter" and other.month <= 2
            return other.month in months and other.year == self.year + spill
        if self.year != other.year:
            return False
        if self.month is None:
            return self.day is None
        return self.month == other.month and (self.day is None or self.day == other.day)


@dataclass(frozen=True, slots=True)
class Answer:
    kind: str  # the question's kind: date | text | image
    # Canonical and comparable: "2025-06-13" (day), "2025-06" (month),
    # "2025-summer" (season), "2025" (year); a normalized phrase for text
    # ("john wick"); the image URL for images.
    value: str
    # What a person reads: "June 13, 2025", "summer 2025",
    # "John Wick (reprising his role)", the URL.
    display: str
    precision: DatePrecision | None = None

    @property
    def date(self) -> DateValue | None:
        """The value as a date, for a date answer that has one."""
        return DateValue.read(self.value) if self.kind == "date" else None

    def covers(self, narrow: Answer) -> bool:
        """Is ``narrow`` a more precise statement of this answer
        (2025 ⊃ summer 2025 ⊃ June 2025 ⊃ June 13, 2025)?"""
        broad_date, narrow_date = self.date, narrow.date
        if broad_date is None or narrow_date is None or self.value == narrow.value:
            return False
        if PRECISION_RANK.get(narrow.precision or "", -1) <= PRECISION_RANK.get(
            self.precision or "", 99
        ):
            return False
        return broad_date.contains(narrow_date)

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "display": self.display, "precision": self.precision}


class _Valued(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def value(self) -> str: ...


def is_withdrawn(answer: _Valued | None) -> bool:
    """A date question's "no date any more" (``NO_DATE``): held like an answer,
    so a later restatement of the old date is history, but shown as open.
    Takes an ``Answer`` or a stored answer row alike."""
    return answer is not None and answer.kind == "date" and answer.value == NO_DATE


@dataclass(frozen=True, slots=True)
class Match:
    subject_id: str
    question_id: str
    evidence: str  # the sentence that carries the answer (or the cue)
    answer: Answer | None  # None: about the question, but states no answer
    confidence: float  # 0..1
    hedged: bool  # "reportedly", "rumored", "could": stored as unconfirmed
    # Every candidate the item offered, taken or refused, with its reasons:
    # what `watcher show match:ID` explains.
    considered: tuple[Candidate, ...] = ()


class EventKind(StrEnum):
    ANSWERED = "answered"
    CHANGED = "changed"
    REFINED = "refined"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True, slots=True)
class Observation:
    """A match, with the item it came from."""

    match: Match
    feed: str
    entry_identity: str
    link: str | None
    title: str
    # When the item says it was published, else when it was first seen: the
    # clock by which a newer report overturns an older one.
    reported: datetime
    # The item gives its date. An undated item never outranks a dated report:
    # its time is only when watcher saw it, which says nothing of when it was
    # written (a replay, a stale page picked up late).
    dated: bool = True
    # The publisher an aggregator named for the item, shown as its outlet.
    outlet: str | None = None
    # The story's keys (``outlets.story_keys``): items sharing one are one story.
    stories: frozenset[str] = frozenset()

    @property
    def key(self) -> QuestionKey:
        return (self.match.subject_id, self.match.question_id)


@dataclass(frozen=True, slots=True)
class Event:
    subject_id: str
    question_id: str
    kind: EventKind
    answer: Answer
    previous: Answer | None
    sources: tuple[Observation, ...]
    confirmed: bool = True

    @property
    def evidence(self) -> str:
        return self.sources[0].match.evidence


@dataclass(frozen=True, slots=True)
class OutboxTarget:
    """Where a message goes: the key of a notify URL and its masked form."""

    key: str
    label: str


# -- the notification message --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MessageAnswer:
    value: str
    display: str
    precision: str | None = None


@dataclass(frozen=True, slots=True)
class MessageSource:
    feed: str  # the outlet's name
    title: str
    link: str | None
    reported: str  # ISO time


@dataclass(frozen=True, slots=True)
class Message:
    """An event frozen as data, as the outbox keeps it: what every notification,
    the Atom export and a replay's JSON are rendered from. Sources are in the
    order they are shown (the outlet's own report first)."""

    subject: str
    subject_name: str
    question: str
    question_label: str
    kind: EventKind
    answer_kind: str
    answer: MessageAnswer
    previous: MessageAnswer | None
    confirmed: bool
    evidence: str
    sources: tuple[MessageSource, ...]

    @property
    def links(self) -> list[str]:
        return [s.link for s in self.sources if s.link]

    @property
    def image(self) -> str | None:
        """The image a first-look message shows."""
        return self.answer.value if self.answer_kind == "image" and self.answer.value else None

    def to_json(self) -> dict[str, Any]:
        def answer(a: MessageAnswer | None) -> dict[str, Any] | None:
            return (
                None
                if a is None
                else {"value": a.value, "display": a.display, "precision": a.precision}
            )

        return {
            "subject": self.subject,
            "subject_name": self.subject_name,
            "question": self.question,
            "question_label": self.question_label,
            "kind": str(self.kind),
            "answer_kind": self.answer_kind,
            "answer": answer(self.answer),
            "previous": answer(self.previous),
            "confirmed": self.confirmed,
            "evidence": self.evidence,
            "sources": [
                {"feed": s.feed, "title": s.title, "link": s.link, "reported": s.reported}
                for s in self.sources
            ],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Message:
        """Read a stored message; fields a row from an older release lacks get
        their defaults, so an upgrade never strands a pending notification."""

        def answer(a: Any) -> MessageAnswer | None:
            if not isinstance(a, Mapping):
                return None
            return MessageAnswer(
                str(a.get("value") or ""), str(a.get("display") or ""), a.get("precision")
            )

        subject = str(data.get("subject") or "")
        question = str(data.get("question") or "")
        return cls(
            subject=subject,
            subject_name=str(data.get("subject_name") or subject),
            question=question,
            question_label=str(data.get("question_label") or question),
            kind=EventKind(data.get("kind") or EventKind.ANSWERED),
            answer_kind=str(data.get("answer_kind") or ""),
            answer=answer(data.get("answer")) or MessageAnswer("", ""),
            previous=answer(data.get("previous")),
            confirmed=bool(data.get("confirmed", True)),
            evidence=str(data.get("evidence") or ""),
            sources=tuple(
                MessageSource(
                    str(s.get("feed") or ""),
                    str(s.get("title") or ""),
                    s.get("link") or None,
                    str(s.get("reported") or ""),
                )
                for s in data.get("sources") or ()
                if isinstance(s, Mapping)
            ),
        )
