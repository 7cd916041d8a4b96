"""Events and their configuration, built in one line each: shared by the
tests of what a notification says and of delivering it."""

from __future__ import annotations

from datetime import UTC, datetime

from watcher.config import QuestionConfig, SubjectConfig
from watcher.types import Answer, Event, EventKind, Match, Observation

NOW = datetime(2026, 1, 1, 12, tzinfo=UTC)
SUBJECTS = (
    SubjectConfig(
        id="ballerina",
        name="Ballerina",
        questions=(
            QuestionConfig(id="release-date", kind="date"),
            QuestionConfig(id="first-look", kind="image"),
        ),
    ),
)


def link(n: int) -> str:
    return f"https://press.example/ballerina-{n}"


def date_event(n: int, *, outlets: int = 1, previous: int | None = None) -> Event:
    """Event ``n``: the release date is 2025-MM-DD (distinct per n)."""
    answer = Answer("date", f"2025-{1 + n // 28:02d}-{1 + n % 28:02d}", f"date #{n}", "day")
    sentence = f"Ballerina opens on date #{n}."
    match = Match("ballerina", "release-date", sentence, answer, 0.9, False)
    sources = tuple(
        Observation(match, f"Outlet {k}", f"e{n}-{k}", link(n * 10 + k), f"Item {n}/{k}", NOW)
        for k in range(outlets)
    )
    before = previous is not None
    old = Answer("date", f"2024-01-{1 + (previous or 0) % 28:02d}", f"date #{previous}", "day")
    kind = EventKind.CHANGED if before else EventKind.ANSWERED
    return Event("ballerina", "release-date", kind, answer, old if before else None, sources)


def image_event(image: str) -> Event:
    answer = Answer("image", image, image, None)
    match = Match("ballerina", "first-look", "The first look at Ballerina.", answer, 0.9, False)
    obs = Observation(match, "Empire", "img", "https://press.example/first-look", "First", NOW)
    return Event("ballerina", "first-look", EventKind.ANSWERED, answer, None, (obs,))
