"""Image answers: a first look (or poster) named next to the film, and the
item's full-size image."""

from __future__ import annotations

import re
from collections.abc import Sequence

from watcher.extract.common import (
    Found,
    ImageNoun,
    QuestionRules,
    Scene,
    clamp,
    hedged,
    is_subject,
    nearest,
)

IMAGE_CUES = (
    "first look", "first image", "first images", "first still", "first stills",
    "first photo", "first photos", "first picture", "first glimpse", "first official image",
)  # fmt: skip
IMAGE_REJECT = ("trailer", "teaser", "footage", "clip", "behind the scenes")
# The reject words a trailer question asks for, so they no longer veto it.
TRAILER_WORDS = frozenset(("trailer", "teaser", "footage", "clip"))
_FIRST_LOOK = re.compile(
    r"(?<!\w)first(?:[\s-]+(?!trailer|teaser|clip|footage)[\w’'.:-]+){0,3}?[\s-]+"
    r"(?:look|image|still|photo|picture|glimpse|peek|shot)s?(?!\w)",
    re.I,
)
_POSTER_NOUN = re.compile(
    r"(?<!\w)(?:posters?|one[\s-]?sheets?|key[\s-]+art|artwork|banners?|billboards?)(?!\w)", re.I
)
_TRAILER_NOUN = re.compile(r"(?<!\w)(?:trailers?|teasers?|clips?|footage)(?!\w)", re.I)
_STILL_NOUN = re.compile(
    r"(?<!\w)(?:stills?|photos?|photographs?|images?|pictures?|pics?|looks?|glimpses?|peeks?|"
    r"shots?|set\s+photos?)(?!\w)",
    re.I,
)
# The noun a cue names may come right after it: "first-look poster" is a poster;
# "the first image and poster" names both, and the image still counts.
_POSTER_AFTER = re.compile(
    r"[\s:-]+(?:(?!(?:and|or)\s)[\w’'-]+\s+){0,2}?"
    r"(?:posters?|one[\s-]?sheets?|key[\s-]+art|artwork|banners?|billboards?)(?!\w)",
    re.I,
)


def image_noun_of(cues: Sequence[str]) -> ImageNoun | None:
    nouns = {noun for cue in cues if (noun := _cue_noun(cue)) is not None}
    return nouns.pop() if len(nouns) == 1 else None


def names_trailer(cues: Sequence[str]) -> bool:
    """Whether a question's own cues ask for a trailer ("teaser trailer")."""
    return any(_cue_noun(cue) == "trailer" for cue in cues)


def _cue_noun(text: str) -> ImageNoun | None:
    if _POSTER_NOUN.search(text):
        return "poster"
    # Before stills: "trailer still" and "teaser image" are frames of a trailer.
    if _TRAILER_NOUN.search(text):
        return "trailer"
    if _STILL_NOUN.search(text):
        return "still"
    return None


# --------------------------------------------------------------------------- answers

_THUMB = re.compile(
    r"(?:[?&](?:w|width|h|height|resize)=(?:[1-3]\d{2}|\d{1,2})\b|[?&]crop=1|"
    r"-\d{2,3}x\d{2,3}\.\w+(?:$|\?)|thumb|/small/|_s\.\w+$)",
    re.I,
)


def pick_image(images: Sequence[str]) -> str | None:
    """The first full-size image (feeds list the full one first, thumbnails after)."""
    for url in images:
        if not _THUMB.search(url):
            return url
    return images[0] if images else None


def extract_images(scene: Scene, rules: QuestionRules) -> tuple[list[Found], list[str]]:
    found: list[Found] = []
    vague: list[str] = []
    image = pick_image(scene.images)
    for i, sentence in enumerate(scene.sentences):
        text = sentence.text
        cues = list(_FIRST_LOOK.finditer(text)) if rules.image_noun != "poster" else []
        if rules.cues:
            cues += list(rules.cues.finditer(text))
        for cue in sorted(cues, key=lambda c: c.start()):
            noun = _named_image(text, cue)
            if rules.image_noun is not None and noun not in (None, rules.image_noun):
                continue  # a still does not answer a poster question, nor a poster a still one
            mark = nearest(text, scene.marks[i], cue.start(), cue.end())
            if not is_subject(scene, i, mark):
                continue
            lo = min(cue.start(), mark.start) if mark else cue.start()
            hi = max(cue.end() + 20, mark.end if mark else 0)
            if rules.reject and rules.reject.search(text, lo, hi):
                continue
            explicit = mark is not None and mark.kind == "name"
            if image is None:
                if explicit:
                    vague.append(text)
                continue
            found.append(
                Found(
                    value=image,
                    display=image,
                    precision=None,
                    confidence=clamp(
                        (0.9 if explicit else 0.7) + (0.05 if sentence.title else 0.0)
                    ),
                    hedged=hedged(text, cue.end()),
                    evidence=text,
                )
            )
            break
    return found, vague


def _named_image(text: str, cue: re.Match[str]) -> ImageNoun | None:
    """What kind of image a cue names: its own noun, unless a poster noun
    follows within two words ("first-look poster", "first look at the poster")."""
    if _POSTER_AFTER.match(text, cue.end()):
        return "poster"
    return _cue_noun(cue.group())


def cue_sentences(scene: Scene, cues: re.Pattern[str] | None) -> list[str]:
    """Sentences naming the subject that touch the question without answering it."""
    if cues is None:
        return []
    return [
        s.text
        for i, s in enumerate(scene.sentences)
        if any(m.subject and m.kind == "name" for m in scene.marks[i]) and cues.search(s.text)
    ]
