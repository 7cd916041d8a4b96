"""Entry × subjects → ``Match`` values: which tracked questions an item answers.

Pure: values in, values out; no I/O, no clock. (Interface fixed; the rules are
being written.)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from watcher.config import QuestionKind, SubjectConfig
from watcher.parse import Entry

DatePrecision = Literal["day", "month", "season", "year"]


@dataclass(frozen=True, slots=True)
class Answer:
    kind: QuestionKind
    # Canonical and comparable: "2025-06-13" (day), "2025-06" (month),
    # "2025-summer" (season), "2025" (year); a normalized phrase for text
    # ("john wick"); the image URL for images.
    value: str
    # What a person reads: "June 13, 2025", "summer 2025",
    # "John Wick (reprising his role)", the URL.
    display: str
    precision: DatePrecision | None = None


@dataclass(frozen=True, slots=True)
class Match:
    subject_id: str
    question_id: str
    evidence: str  # the sentence that carries the answer (or the cue)
    answer: Answer | None  # None: about the question, but states no answer
    confidence: float  # 0..1
    hedged: bool  # "reportedly", "rumored", "could": stored as unconfirmed


class Matcher:
    """Compiled once per config; ``match`` is called for every new or edited entry."""

    def __init__(self, subjects: Sequence[SubjectConfig]) -> None:
        self.subjects = tuple(subjects)

    def match(self, entry: Entry) -> list[Match]:
        return []
