"""Who is named in a sentence: persons by their names, and the stand-ins
("she", "the Scream alum") that refer back to one.

Also the shapes of a name shared by ``parts`` and ``roles``. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from watcher.extract.lexicon import load
from watcher.extract.text import (
    SENTENCE_CACHE,
    Screen,
    Sentence,
    key,
    phrase_pattern,
    screen,
    title_case,
    with_capitals,
)
from watcher.extract.works import Mark

_LEX = load("en")

# A capitalized word of a name: "O’Hara" and "Jr." but not the possessive of "Ryder’s".
# Spelled as its capital and what follows it ("Jr." its first case), so that
# a pattern can take the capital before looking behind it (see ``_PERSON``).
_AFTER_CAPITAL = r"(?:(?<=[JS])r\.|(?:[\w.-]|[’'](?![sS]\b))*[^\W_]|\.)"
NAME_WORD = rf"(?:[A-Z]{_AFTER_CAPITAL})"
_JOIN = r"(?:de|da|van|von|del|der|la|le|di|du|St\.?)"
# After a name: "Jr." (or, after a configured "Harrison Jr.", its period), "III".
_SUFFIX = re.compile(r"(?<=Jr|Sr)\.|,?\s+(?:Jr|Sr)\.?(?![\w’'])|\s+(?:II|III|IV)(?![\w’'])")
# (The first capital taken before what may not stand before it is looked at:
# re then skips ahead to capitals instead of trying a lookbehind everywhere.)
_PERSON = re.compile(
    rf"([A-Z](?<![\w’'].){_AFTER_CAPITAL}(?:\s+(?:{NAME_WORD}|{_JOIN}(?=\s+[A-Z]))){{1,3}})"
    r"(?![\w’'])"
)
# Words that start a capitalized run without being part of a name.
NOT_NAME = frozenset(
    w.casefold()
    for w in (
        "The", "A", "An", "After", "Before", "When", "While", "Now", "Meanwhile", "Earlier",
        "Later", "Today", "Also", "But", "And", "So", "Still", "In", "On", "At", "For", "With",
        "From", "Director", "Filmmaker", "Actor", "Actress", "Star", "Producer", "Writer",
        "Exclusive", "Watch", "Update", "Updated", "Breaking", "Report", "Rumor", "Here",
        "This", "That", "These", "Those", "His", "Her", "Their", "Its", "Our", "Your", "My",
        "Oscar", "Oscar-winning", "Oscar-nominated", "Academy", "Award-winning", "Emmy",
        "Hollywood", "Marvel", "Disney", "Netflix", "Warner", "Paramount", "Universal", "Sony",
        "Lionsgate", "Variety", "Deadline", "According", "Per", "Via", "Mr", "Mrs", "Ms", "Dr",
        "Sir", "Dame", "Irish", "British", "American", "Australian", "Canadian", "English",
        "Moreover", "However", "Furthermore", "Additionally", "Besides", "Plus", "Finally",
        "Then", "Yet", "Instead", "Otherwise", "Indeed", "Notably", "Interestingly",
        "Playing", "Portraying", "Voicing", "Starring", "Reprising",
        "I", "I’m", "I'm", "I’ve", "I've", "I’d", "I'd", "I’ll", "I'll",
    )
)  # fmt: skip
STOP = frozenset(
    w
    for w in (
        "in", "at", "on", "for", "with", "and", "to", "from", "as", "is", "was", "will", "who",
        "which", "but", "or", "after", "before", "during", "ahead", "opposite", "alongside",
        "against", "than", "vs", "while", "when", "trailer", "film", "movie", "spinoff",
        "sequel", "teaser", "poster", "has", "have", "had", "are", "were", "be", "been",
        "returns", "return", "reprises", "plays", "stars", "joins", "says", "said", "says",
        "confirms", "confirmed", "reveals", "revealed", "gets", "set", "into", "by", "about",
        "first", "look", "role", "cast", "casting", "talks", "via", "per", "amid", "over",
    )
)  # fmt: skip
TITLES = (
    r"(?:Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Lady|Lord|Sir|Dame|General|Gen\.|Captain|Capt\.|Emperor|"
    r"Empress|King|Queen|Prince|Princess|Agent|Detective|Professor|Baron|Count|Doctor)"
)


@dataclass(frozen=True, slots=True)
class Person:
    start: int
    end: int
    name: str  # as written, or the name a pronoun stands for
    stand_in: bool = False  # "she", "the actress": resolved, not written


# --------------------------------------------------------------------------- people


def people(
    sentences: Sequence[Sentence],
    known: Sequence[str],
    marks: Sequence[Sequence[Mark]] = (),
    cast: Sequence[str] = (),
    *,
    start: int = 0,
) -> list[list[Person]]:
    """Per sentence, the persons named in it (full names, and the ``known``
    names alone: "Ortega"), and the stand-ins ("she", "the Scream alum")
    resolved to the last person named before them: the last of the film's
    ``cast`` (its context names) when one was named lately, as trade prose
    names outlets and executives between mentions of its actors. Sentences
    before ``start`` are not read (their lists are empty)."""
    known_re = _names_regex(tuple(known))
    # (its words first: the pattern is tried at every position of a sentence)
    known_screen = _names_screen(tuple(known))
    known_keys = {key(n) for n in known}
    cast_keys = {key(n) for n in (*known, *cast)}
    surnames = {n.split()[-1].casefold(): n for n in (*known, *cast) if len(n.split()) > 1}
    written = [_full_names_at(s.text) for s in sentences]
    full_names = [n for n in known if len(n.split()) > 1]
    # A headline in title case capitalizes every word: its runs are not names.
    full_names += [
        name
        for sentence, names in zip(sentences, written, strict=True)
        if not title_case(sentence.text)
        for _, _, name in names
    ]
    # "Ortiz to play ..." in a headline, "Lena Ortiz closed her deal" below: a
    # surname or first name alone is the person the item names in full.
    by_word: dict[str, str] = {}
    for n in reversed(full_names):  # the configured names win
        if len(n.split()) <= 3:
            by_word[n.split()[0]] = by_word[n.split()[-1]] = n
    out: list[list[Person]] = []
    history: list[tuple[int, str]] = []  # (sentence, name) of every person named so far
    for index, sentence in enumerate(sentences):
        if index < start:
            out.append([])
            continue
        text = sentence.text
        taken = [(m.start, m.end) for m in (marks[index] if index < len(marks) else ())]
        found: list[Person] = []
        if known_re is not None and known_screen.may_match(text):
            for m in known_re.finditer(text):
                # "Kelvin Harrison Jr.": the person runs to the end of the suffix.
                end = suffix.end() if (suffix := _SUFFIX.match(text, m.end())) else m.end()
                # "Pauline Chalamet" is not Timothée Chalamet.
                first = _FIRST_NAME.search(text, 0, m.start()) if " " not in m.group() else None
                if (
                    first is not None
                    and first.group(1).casefold() not in _NOT_NAME_OR_FIRST
                    and key(f"{first.group(1)} {m.group()}") not in known_keys
                ):
                    found.append(Person(first.start(1), end, f"{first.group(1)} {m.group()}"))
                else:
                    found.append(Person(m.start(), end, m.group()))
        for a, b, name in written[index]:
            if not any(x < b and a < y for x, y in taken) and not any(
                p.start < b and a < p.end for p in found
            ):
                found.append(Person(a, b, name))
        for a, b, word in _loose_name_words(text):
            full = by_word.get(word)
            if (
                full is not None
                and not any(p.start < b and a < p.end for p in found)
                and not any(x < b and a < y for x, y in taken)  # "The Fantastic Four"
            ):
                # "Ariana" after "Ariana Grande": the person, by her full name.
                found.append(Person(a, b, full))
        for a, b in _stand_ins(text):
            if any(p.start <= a < p.end for p in found):
                continue
            before = [(index, p.name) for p in found if p.end <= a and not p.stand_in]
            target: str | None
            if not before and history and index - history[-1][0] <= 2:
                # "Jackson will join Chris Pratt in the film. The Pulp Fiction
                # actor will voice Vic": the first person of the last sentence
                # that named any, its subject, carries on.
                target = next(n for k, n in history if k == history[-1][0])
            else:
                target = _antecedent([*history, *before], index, cast_keys)
            if target is not None:
                found.append(Person(a, b, surnames.get(target.casefold(), target), stand_in=True))
        found.sort(key=lambda p: p.start)
        history.extend((index, p.name) for p in found if not p.stand_in)
        out.append(found)
    return out


_NOT_FIRST = frozenset(
    ("if", "as", "when", "while", "but", "so", "or", "since", "because", "although", "though",
     "once", "where", "how", "why", "what", "who", "newcomer", "co-star", "costar", "alum",
     "veteran", "rumor", "report", "sources", "says", "said", "confirms", "reveals", "star",
     "stars", "meet", "watch", "see", "check", "starring", "featuring", "introducing",
     "welcome", "thanks", "actor", "actress", "director", "filmmaker", "producer", "writer",
     "exclusive")
)  # fmt: skip
# (Joined once: a union written in a test builds the set of both each time it runs.)
_NOT_NAME_OR_FIRST = NOT_NAME | _NOT_FIRST
# One word of a name, looked up among the words of the item's full names (a
# regex of them, compiled per item, would cost more than the reading).
_NAME_TOKEN = re.compile(rf"[A-Z](?<![\w’'].){_AFTER_CAPITAL}(?!\w)")


@lru_cache(maxsize=SENTENCE_CACHE)
def _loose_name_words(text: str) -> tuple[tuple[int, int, str], ...]:
    """The capitalized words of a sentence outside its full names: where a
    first name or a surname may stand alone. Cached, as ``_full_names_at``."""
    spans = [(a, b) for a, b, _ in _full_names_at(text)]
    return tuple(
        (m.start(), m.end(), m.group())
        for m in _NAME_TOKEN.finditer(text)
        if not any(a <= m.start() < b for a, b in spans)
    )


_FIRST_NAME = re.compile(rf"(?<![\w’'])({NAME_WORD})\s+$")


_PRONOUNS = frozenset(
    ("i", "we", "you", "they", "he", "she", "it", "who", "what", "why", "how", "where")
)


@lru_cache(maxsize=SENTENCE_CACHE)
def _full_names_at(text: str) -> tuple[tuple[int, int, str], ...]:
    """Capitalized runs of two to four words that read as a person's name.
    Cached: every text question of every subject reads the same sentences."""
    out: list[tuple[int, int, str]] = []
    for m in _PERSON.finditer(text):
        a, b = m.span(1)
        words = m.group(1).split()
        if words[0] == "The":
            continue
        # "Now We Know Who Will Play Clayface": a pronoun ends what came before.
        cut = max((i for i, w in enumerate(words) if w.casefold() in _PRONOUNS), default=-1)
        if cut >= 0:
            a = text.index(words[cut + 1], a) if cut + 1 < len(words) else b
            words = words[cut + 1 :]
        while words and words[0].casefold() in _NOT_NAME_OR_FIRST:
            a = text.index(words[1], a + 1) if len(words) > 1 else b
            words = words[1:]
        if len(words) >= 2:
            out.append((a, b, " ".join(words)))
    return tuple(out)


@lru_cache(maxsize=256)
def _names_regex(names: tuple[str, ...]) -> re.Pattern[str] | None:
    if not names:
        return None
    body = "|".join(phrase_pattern(n) for n in sorted(with_capitals(names), key=len, reverse=True))
    return re.compile(rf"(?<![\w’'])(?:{body})(?!\w)")


@lru_cache(maxsize=256)
def _names_screen(names: tuple[str, ...]) -> Screen:
    return screen(_names_regex(names))


def _antecedent(history: list[tuple[int, str]], index: int, cast_keys: set[str]) -> str | None:
    """The person a stand-in refers to: the last one named, unless one of the
    film's people was named in the last two sentences and someone else since."""
    if not history:
        return None
    for sentence, name in reversed(history):
        if index - sentence > 2:
            break
        if key(name) in cast_keys or any(
            key(name).endswith(" " + k) or k.endswith(" " + key(name)) for k in cast_keys
        ):
            return name
    return history[-1][1]


_EPITHETS = "|".join(map(re.escape, _LEX.epithets))
# Between "the" and an epithet, descriptive words only: "the Scream VI alum",
# "the 28-year-old actress"; not "the poster sees lead".
_EPITHET_WORD = (
    r"(?!(?:is|was|has|have|had|will|would|sees|see|and|or|of|in|on|with|for|to|at|by|as|that|"
    r"which|who|film|movie|poster|trailer|cast|first)\b)[\w’'-]+"
)
_STAND_IN = re.compile(
    # The lookaheads only make the search fast: every stand-in starts so, and
    # "she" or "he" is looked for before the dozen lookbehinds for what may
    # stand before it (tried first, at every "s", "h" and "t" of a sentence,
    # they were half of the search).
    r"(?=[SsHhTt])(?:(?=[Ss]he|[Hh]e)(?:(?<=^)|(?<=[,;:]\s)|"
    + "|".join(
        rf"(?<=\b{w}\s)"
        for w in ("and", "but", "that", "as", "if", "when", "while", "because", "where")
    )
    + r"|(?<=^[‘“\"']))"
    r"(?:[Ss]he|[Hh]e)(?=\s|[’']s\s|[’']ll\s)|"
    rf"(?<!\w)[Tt]he\s+(?:{_EPITHET_WORD}\s+){{0,4}}?(?:{_EPITHETS})(?![\w-])|"
    r"(?<!\w)[Tt]he\s+\d{1,3}-year-old(?![\w-]))"
)
_NAMED_AFTER = re.compile(r"\s+[‘“\"]?[A-Z][a-z]")


@lru_cache(maxsize=SENTENCE_CACHE)
def _stand_ins(text: str) -> tuple[tuple[int, int], ...]:
    """Where "she" or "the actress" stands for someone: not "the actress Ana
    Reyes", which names her. Cached, as ``_full_names_at``."""
    return tuple(
        m.span() for m in _STAND_IN.finditer(text) if not _NAMED_AFTER.match(text, m.end())
    )
