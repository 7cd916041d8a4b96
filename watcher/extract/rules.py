"""A question's configuration compiled once: the default cues and rejects of
its kind, extended from config."""

from __future__ import annotations

import re
from collections.abc import Sequence

from watcher.extract.common import ImageNoun, QuestionRules, key, phrase_pattern, phrases_regex
from watcher.extract.images import (
    IMAGE_CUES,
    IMAGE_REJECT,
    TRAILER_WORDS,
    image_noun_of,
    names_trailer,
)
from watcher.extract.release import DATE_REJECT, RELEASE_CUES, STREAMING_REJECT
from watcher.extract.roles import ROLE_REJECT, asks_who_plays, full_names


def compile_rules(
    kind: str,
    cues: Sequence[str],
    reject: Sequence[str],
    about: Sequence[str],
    known_names: Sequence[str] = (),
    synonyms: Sequence[tuple[str, Sequence[str]]] = (),
    label: str = "",
    titles: Sequence[str] = (),
) -> QuestionRules:
    image_noun: ImageNoun | None = None
    if kind == "date":
        cue_list, reject_list = (*RELEASE_CUES, *cues), (*DATE_REJECT, *reject)
    elif kind == "image":
        image_noun = image_noun_of(cues or IMAGE_CUES)
        # A poster or trailer question does not take the first-look defaults:
        # those name stills.
        defaults = () if image_noun in ("poster", "trailer") else IMAGE_CUES
        # A question whose cues name a trailer takes a trailer's image, so the
        # default rejects that name one no longer veto it.
        keep: tuple[str, ...] = IMAGE_REJECT
        if names_trailer(cues):
            keep = tuple(r for r in IMAGE_REJECT if r not in TRAILER_WORDS)
        cue_list, reject_list = (*defaults, *cues), (*keep, *reject)
    else:
        cue_list, reject_list = tuple(cues), (*ROLE_REJECT, *reject)
    about_re = None
    if about:
        body = "|".join(phrase_pattern(a) for a in sorted(set(about), key=len, reverse=True))
        about_re = re.compile(rf"(?<!\w)(?:{body})(?!\w)")
    title_keys = [f" {key(t)} " for t in titles]
    return QuestionRules(
        # Whole words of a title: "Castellane" of "Ruby Castellane" is the film too.
        title_parts=frozenset(
            key(a) for a in about if key(a) and any(f" {key(a)} " in t for t in title_keys)
        ),
        image_noun=image_noun,
        casting=kind == "text" and asks_who_plays(cues, label, about),
        streaming=phrases_regex(STREAMING_REJECT, inflect=True) if kind == "date" else None,
        cues=phrases_regex(cue_list, inflect=True),
        reject=phrases_regex(reject_list, inflect=True),
        about=about_re,
        about_names=tuple(about),
        full_names={
            **full_names(known_names),
            **{key(alt): canonical for canonical, alts in synonyms for alt in (canonical, *alts)},
        },
    )
