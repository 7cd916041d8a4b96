"""Subjects and helpers for the reading tests (tests/test_kind_*.py).

The films, people and outlets here are invented, and every sentence in the
tests is written for them: nothing is taken from real reporting.
"""

from __future__ import annotations

from datetime import UTC, datetime

from watcher.config import QuestionConfig, SubjectConfig
from watcher.match import Matcher
from watcher.types import Answer, Entry, Match

PUBLISHED = datetime(2025, 7, 15, 12, 0, tzinfo=UTC)
NOW = datetime(2025, 7, 16, 9, 0, tzinfo=UTC)
IMAGE = "https://img.example.org/2025/07/glass-harbor-2-still.jpg"

_DATE_CUES = ("release date", "opens", "open", "hits theaters", "in theaters", "arrives", "release",
              "dated", "moves", "moved", "pushed", "shifts", "date", "premiere", "out")  # fmt: skip
_IMAGE_CUES = ("first look", "first image", "first still", "first official image", "first photo",
               "first trailer", "first poster", "first teaser")  # fmt: skip

# A sequel with a number, a studio, a director and a cast.
HARBOR = SubjectConfig(
    id="glass-harbor-2",
    name="Glass Harbor 2",
    aliases=("Glass Harbor II",),
    context=(
        "Tobias Renn",
        "Renn",
        "Mira Solano",
        "Solano",
        "Kai Lennox",
        "Northwind Pictures",
        "Ilse Varga",
    ),
    exclude=("Glass Harbor: The Series",),
    questions=(
        QuestionConfig(id="release-date", kind="date", cues=_DATE_CUES),
        QuestionConfig(
            id="solano-role",
            label="In what role does Mira Solano appear?",
            kind="text",
            about=("Mira Solano", "Solano"),
            synonyms=(("Ilse Varga", ("Captain Varga", "Varga", "Ilse")),),
            cues=("role", "plays", "play", "playing", "cast as", "stars as", "as", "portray"),
        ),
        QuestionConfig(
            id="brandt-actor",
            label="Who plays Oskar Brandt?",
            kind="text",
            about=("Oskar Brandt", "Brandt"),
            synonyms=(("Kai Lennox", ("Lennox",)),),
            cues=("plays", "play", "cast", "cast as", "to play", "stars as", "role"),
        ),
        QuestionConfig(id="first-look", kind="image", cues=_IMAGE_CUES),
    ),
)

# A one-word title that is also a word, with a same-name series elsewhere.
NIGHTJAR = SubjectConfig(
    id="nightjar",
    name="Nightjar",
    context=("Rhea Quill", "Quill", "Lantern Films", "Dax Moreau"),
    questions=(QuestionConfig(id="release-date", kind="date", cues=_DATE_CUES),),
)

# The first of a film in two parts.
EMBERFALL = SubjectConfig(
    id="emberfall",
    name="Emberfall: Part One",
    aliases=("Emberfall",),
    context=("Sade Okafor", "Okafor", "Brightwell Studios"),
    questions=(QuestionConfig(id="release-date", kind="date", cues=_DATE_CUES),),
)


def film(
    id: str, name: str, *questions: QuestionConfig, context: tuple[str, ...] = ("Northwind",)
) -> SubjectConfig:
    """A film of its own for one test: a name, its people, its questions."""
    return SubjectConfig(id=id, name=name, context=context, questions=questions)


def entry(
    title: str,
    text: str = "",
    *,
    published: datetime | None = PUBLISHED,
    images: tuple[str, ...] = (),
) -> Entry:
    return Entry(
        identity=f"urn:{hash((title, text))}",
        link="https://news.example.org/item",
        title=title,
        text=text,
        published=published,
        images=images,
        content_hash="0",
    )


def found(item: Entry, question: str, subject: SubjectConfig = HARBOR) -> Match | None:
    return next((m for m in Matcher([subject]).match(item, NOW) if m.question_id == question), None)


def answer(item: Entry, question: str, subject: SubjectConfig = HARBOR) -> Answer | None:
    m = found(item, question, subject)
    return m.answer if m is not None else None


def value(title: str, text: str = "", question: str = "release-date", **kw: object) -> str | None:
    """The extracted value, or None; keyword arguments go to ``entry``."""
    subject = kw.pop("subject", HARBOR)
    a = answer(entry(title, text, **kw), question, subject)  # type: ignore[arg-type]
    return a.value if a is not None else None
