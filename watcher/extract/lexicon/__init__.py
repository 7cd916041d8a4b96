"""The words the extractors know, one data file per language (``en.toml``).

Nothing here decides anything: it loads and types the word lists so a new
language is a new file with the same keys, never new code.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

Phrases = tuple[str, ...]
EventKind = Literal[
    "trailer", "streaming", "festival", "production", "casting", "anniversary", "announcement",
    "other_media", "box_office", "finance",
]  # fmt: skip
EVENT_KINDS: tuple[EventKind, ...] = (
    "trailer", "streaming", "festival", "production", "casting", "anniversary", "announcement",
    "other_media", "box_office", "finance",
)  # fmt: skip


class LexiconError(Exception):
    """A language file is missing a key or has one of the wrong shape."""


@dataclass(frozen=True, slots=True)
class Holiday:
    key: str
    names: Phrases
    month: int | None  # None: Easter, computed per year
    day: int | None
    weekday: int | None  # 0 = Monday
    nth: int | None  # 1..4, or -1 for the last
    day_when_on: bool  # "on Christmas" is a day; "for Christmas" only the month


@dataclass(frozen=True, slots=True)
class RoleVerb:
    words: Phrases
    link: Literal["object", "as", "role"]
    qualifier: str
    # Words that must follow the part: "brings Ilse Varga to life".
    then: Phrases = ()


@dataclass(frozen=True, slots=True)
class Lexicon:
    language: str
    # dates
    months: Phrases
    weekdays: Phrases
    seasons: dict[str, str]
    this: Phrases
    next: Phrases
    last: Phrases
    year_windows: Phrases
    year_lead: Phrases
    year_follow: Phrases
    holidays: tuple[Holiday, ...]
    # release
    theatrical: Phrases
    release_verbs: Phrases
    schedule: Phrases
    move: Phrases
    take_off: Phrases
    # events with dates of their own
    events: dict[EventKind, Phrases]
    streamers: Phrases
    expansion: Phrases
    limited: Phrases
    # old and new dates
    old_before: Phrases
    new_after: Phrases
    move_to: Phrases
    move_from: Phrases
    now: Phrases
    # hedges
    modal: Phrases
    attributed: Phrases
    indirect_question: Phrases
    # places
    countries: Phrases
    demonyms: Phrases
    # works
    film_nouns: Phrases
    other_adjectives: Phrases
    other_media_works: Phrases
    studios: Phrases
    studios_streaming: Phrases
    ordinals: Phrases
    numbers: Phrases
    franchise_nouns: Phrases
    # roles
    role_verbs: tuple[RoleVerb, ...]
    role_nouns: Phrases
    descriptors: Phrases
    epithets: Phrases
    headline_words: Phrases
    past_markers: Phrases
    # images
    image_nouns: dict[str, Phrases]
    image_first: Phrases
    image_later: Phrases
    image_released: Phrases
    image_expected: Phrases
    private_venue: Phrases


@cache
def load(language: str = "en") -> Lexicon:
    """The lexicon of a language, read once from its data file."""
    name = f"{language}.toml"
    try:
        text = resources.files(__package__).joinpath(name).read_text("utf-8")
    except FileNotFoundError as exc:
        raise LexiconError(f"{name}: no lexicon for language {language!r}") from exc
    return parse(language, name, text)


def parse(language: str, name: str, text: str) -> Lexicon:
    """A lexicon from the text of its data file ``name``."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"{name}: {exc}") from exc
    try:
        return _build(language, raw)
    except KeyError as exc:
        raise LexiconError(f"{name}: missing key {exc}") from exc
    except (TypeError, ValueError) as exc:
        raise LexiconError(f"{name}: {exc}") from exc


def _phrases(table: dict[str, Any], path: str) -> Phrases:
    """The list of strings at the dotted ``path``; a wrong shape names the key."""
    value: Any = table
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            raise KeyError(path)
        value = value[part]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError(f"{path} must be a list of strings, not {value!r}")
    return tuple(value)


def _build(language: str, raw: dict[str, Any]) -> Lexicon:
    dates = raw["dates"]
    weekdays = _phrases(raw, "dates.weekdays")
    return Lexicon(
        language=language,
        months=_phrases(raw, "dates.months"),
        weekdays=weekdays,
        seasons={str(k): str(v) for k, v in dates["seasons"].items()},
        this=_phrases(raw, "dates.this"),
        next=_phrases(raw, "dates.next"),
        last=_phrases(raw, "dates.last"),
        year_windows=_phrases(raw, "dates.year_windows"),
        year_lead=_phrases(raw, "dates.year_lead"),
        year_follow=_phrases(raw, "dates.year_follow"),
        holidays=tuple(_holiday(k, v, weekdays) for k, v in dates["holidays"].items()),
        theatrical=_phrases(raw, "release.theatrical"),
        release_verbs=_phrases(raw, "release.verbs"),
        schedule=_phrases(raw, "release.schedule"),
        move=_phrases(raw, "release.move"),
        take_off=_phrases(raw, "release.take_off"),
        events={kind: _phrases(raw, f"events.{kind}") for kind in EVENT_KINDS},
        streamers=_phrases(raw, "events.streamers"),
        expansion=_phrases(raw, "events.expansion"),
        limited=_phrases(raw, "events.limited"),
        old_before=_phrases(raw, "old.before"),
        new_after=_phrases(raw, "old.new_after"),
        move_to=_phrases(raw, "old.move_to"),
        move_from=_phrases(raw, "old.move_from"),
        now=_phrases(raw, "old.now"),
        modal=_phrases(raw, "hedges.modal"),
        attributed=_phrases(raw, "hedges.attributed"),
        indirect_question=_phrases(raw, "hedges.indirect_question"),
        countries=_phrases(raw, "places.countries"),
        demonyms=_phrases(raw, "places.demonyms"),
        film_nouns=_phrases(raw, "works.film_nouns"),
        other_adjectives=_phrases(raw, "works.other_adjectives"),
        other_media_works=_phrases(raw, "works.other_media"),
        studios=_phrases(raw, "works.studios"),
        studios_streaming=_phrases(raw, "works.streaming_owners"),
        ordinals=_phrases(raw, "works.ordinals"),
        numbers=_phrases(raw, "works.numbers"),
        franchise_nouns=_phrases(raw, "works.franchise_nouns"),
        role_verbs=tuple(_role_verb(v) for v in raw["roles"]["verbs"]),
        role_nouns=_phrases(raw, "roles.words.role_nouns"),
        descriptors=_phrases(raw, "roles.words.descriptors"),
        epithets=_phrases(raw, "roles.words.epithets"),
        headline_words=_phrases(raw, "roles.words.headline_words"),
        past_markers=_phrases(raw, "roles.words.past_markers"),
        image_nouns={k: _phrases(raw, f"images.{k}") for k in ("poster", "trailer", "still")},
        image_first=_phrases(raw, "images.first"),
        image_later=_phrases(raw, "images.later"),
        image_released=_phrases(raw, "images.released"),
        image_expected=_phrases(raw, "images.expected"),
        private_venue=_phrases(raw, "images.private_venue"),
    )


def _role_verb(raw: dict[str, Any]) -> RoleVerb:
    link = raw.get("link")
    if link not in ("object", "as", "role"):
        raise ValueError(f"roles.verbs link must be 'object', 'as' or 'role', not {link!r}")
    then = _phrases(raw, "then") if "then" in raw else ()
    return RoleVerb(_phrases(raw, "words"), link, str(raw.get("qualifier", "")), then)


def _holiday(key: str, raw: dict[str, Any], weekdays: Phrases) -> Holiday:
    path = f"dates.holidays.{key}"
    weekday = raw.get("weekday")
    if weekday is not None and weekday not in weekdays:
        raise ValueError(f"{path}.weekday must be one of dates.weekdays, not {weekday!r}")
    for required in ("names", "day_when_on"):
        if required not in raw:
            raise KeyError(f"{path}.{required}")
    return Holiday(
        key=key,
        names=_phrases(raw, "names"),
        month=raw.get("month"),
        day=raw.get("day"),
        weekday=weekdays.index(weekday) if weekday else None,
        nth=raw.get("nth"),
        day_when_on=bool(raw["day_when_on"]),
    )
