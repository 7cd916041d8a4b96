"""The extractors behind ``watcher.match``: sentences, dates, roles, images.

``match`` decides *which* spans of an item are the tracked film (``Mark``);
this package reads the answers next to them. Everything here is pure and works
on one sentence at a time, so a fact is only attributed to the film when the
film (or an anaphor that resolves to it) is in the same sentence.

One module per concern: ``common`` (the values, sentence splitting, hedges,
which work a span belongs to), ``dates`` (date spans in text), ``release``
(which of them is the release date), ``roles`` (text answers), ``images``
(first looks) and ``rules`` (a question's configuration, compiled).

The linguistic defaults (release verbs, hedges, role verbs, first-look nouns)
live here; a question's ``cues`` and ``reject`` extend them from config.
"""

from watcher.extract.common import (
    NO_DATE,
    NO_DATE_DISPLAY,
    DatePrecision,
    DateSpan,
    Found,
    ImageNoun,
    Mark,
    MarkKind,
    QuestionRules,
    Scene,
    Sentence,
    hedged,
    key,
    nearest,
    phrase_pattern,
    phrases_regex,
    split_sentences,
)
from watcher.extract.dates import find_dates
from watcher.extract.images import (
    IMAGE_CUES,
    IMAGE_REJECT,
    cue_sentences,
    extract_images,
    pick_image,
)
from watcher.extract.release import (
    DATE_REJECT,
    RELEASE_CUES,
    STREAMING_REJECT,
    extract_dates,
    extract_withdrawal,
)
from watcher.extract.roles import ROLE_REJECT, extract_castings, extract_phrases, extract_roles
from watcher.extract.rules import compile_rules

__all__ = [
    "DATE_REJECT",
    "IMAGE_CUES",
    "IMAGE_REJECT",
    "NO_DATE",
    "NO_DATE_DISPLAY",
    "RELEASE_CUES",
    "ROLE_REJECT",
    "STREAMING_REJECT",
    "DatePrecision",
    "DateSpan",
    "Found",
    "ImageNoun",
    "Mark",
    "MarkKind",
    "QuestionRules",
    "Scene",
    "Sentence",
    "compile_rules",
    "cue_sentences",
    "extract_castings",
    "extract_dates",
    "extract_images",
    "extract_phrases",
    "extract_roles",
    "extract_withdrawal",
    "find_dates",
    "hedged",
    "key",
    "nearest",
    "phrase_pattern",
    "phrases_regex",
    "pick_image",
    "split_sentences",
]
