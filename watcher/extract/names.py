"""How a tracked film is named: its titles and their other spellings ("Dune:
Part II"), its subtitle alone, and the phrases that name it without its title
("the Gladiator sequel", "the third film in the Deadpool series"), compiled once
per subject (``SubjectNames``). Pure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from watcher.config import SubjectConfig
from watcher.extract.lexicon import load
from watcher.extract.text import (
    fewest_words,
    fold,
    key,
    may_hold,
    phrase_anchors,
    phrase_pattern,
    phrases_regex,
)

_LEX = load("en")

# The shapes of a title, shared with ``works``: a capitalized word, the small
# words between two ("of", "the", "&"), never a month that starts a date.
# The word's letters are taken possessively (``*+``): every pattern follows a
# title word with a space, a colon or its own end, none of which a shorter
# word would leave next, so giving letters back never finds a match and only
# cost re a retry per letter at every capital (``_NUMBERED``: half its scan).
TITLE_WORD = r"[A-Z][\w’'.*&-]*+"
TITLE_JOIN = r"(?:of|the|and|a|an|in|on|to|from|&)"
NOT_MONTH = r"(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\b)"
# Not "the movie theater", "the film industry": places and trades, not a film.
FILM_NOUN = (
    "(?:"
    + "|".join(re.escape(n) for n in _LEX.film_nouns)
    + r")(?![\w-])(?!\s+(?:theat(?:er|re)s?|goers?|industry|business)\b)"
)

PART = re.compile(
    r"(?<![\w’'])[Pp]art\s+(One|Two|Three|Four|one|two|three|four|[1-4]|I{1,3}|IV)(?![\w’'])"
)

# "the Mission: Impossible saga": the whole, which holds our film.
_FRANCHISE = "(?:" + "|".join(map(re.escape, _LEX.franchise_nouns)) + ")"

_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def _number_words(n: int) -> list[str]:
    forms = [str(n), _ROMAN[n - 1], _LEX.numbers[n - 1]]
    return [*forms, _LEX.ordinals[n - 1]]


# "Dune: Part Two", "Gladiator II", "Deadpool 3", "Joker 2".
_NUMBERED_NAME = re.compile(
    r"^(?P<base>.+?)(?::\s*|\s+)(?:(?:Part|Chapter|Vol\.?|Volume)\s+)?"
    r"(?P<n>\d{1,2}|II|III|IV|VI{0,3}|IX|XI{0,2}|(?<=Part\s)I|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten)$",
    re.I,
)


def number_of(token: str) -> int | None:
    t = token.strip()
    if t.isdigit():
        return int(t) if 1 <= int(t) <= 12 else None
    if t.upper() in _ROMAN:
        return _ROMAN.index(t.upper()) + 1
    words = [w.casefold() for w in _LEX.numbers]
    return words.index(t.casefold()) + 1 if t.casefold() in words else None


# --------------------------------------------------------------------------- compile


@dataclass(frozen=True, slots=True)
class SubjectNames:
    """A subject's ways of being named, compiled once."""

    config: SubjectConfig
    names: re.Pattern[str]  # on folded text
    name_keys: frozenset[str]
    name_initial_upper: dict[str, bool]
    names_with_context: frozenset[str]
    context: re.Pattern[str] | None
    context_keys: frozenset[str]
    exclude: re.Pattern[str] | None
    sequel: re.Pattern[str] | None  # "the Gladiator sequel", "third Deadpool film"
    original: re.Pattern[str] | None  # the earlier film in a title position
    base_keys: frozenset[str]
    # "Northwind's Red Meridian": the subject's own studio, named short, owns other titles too.
    company_titles: re.Pattern[str] | None
    part: int | None  # "Wicked: Part One" is part 1 of a film in parts
    # A film known by its maker until it has a title (an alias such as
    # "Spielberg's UFO movie" or "Untitled Spielberg event film"): "Steven
    # Spielberg's next movie", "the untitled Spielberg film".
    owned: re.Pattern[str] | None
    owners: tuple[str, ...]
    # The name keys with apostrophes dropped, not split: a quoted "Five Night’s
    # at Freddy’s 2" is "Five Nights at Freddy's 2" misspelled.
    unapostrophed_keys: frozenset[str] = frozenset()
    # One word of each name, lower-cased, when all are ASCII: what ``may_name``
    # looks for before ``names`` runs (None: every text may name the subject).
    anchors: tuple[str, ...] | None = None
    # The same for ``context`` and ``exclude`` (see ``phrase_anchors``).
    context_anchors: tuple[str, ...] | None = None
    exclude_anchors: tuple[str, ...] | None = None

    def may_name(self, folded: str) -> bool:
        """Can ``names`` match anywhere in ``folded``? False only when it
        surely cannot: most sentences of an item never name the subject, and
        the case-insensitive regex tries every position of them."""
        return self.anchors is None or may_hold(folded, self.anchors, ignore_case=True)

    @property
    def all_names(self) -> tuple[str, ...]:
        names = self.config.names
        return (*names, *_variants(names), *_subtitles(names))


def compile_names(subject: SubjectConfig) -> SubjectNames:
    names = sorted({*subject.names, *_variants(subject.names)}, key=len, reverse=True)
    names += [s for s in _subtitles(subject.names) if s not in names]
    body = "|".join(phrase_pattern(fold(n)) for n in names)
    context = phrases_regex(subject.context)
    # A name that holds a context term, or one no common phrase could be
    # ("Dune: Part Two", "Gladiator II"), needs no other context to count.
    with_context = frozenset(
        key(n) for n in names if (context is not None and context.search(n)) or _distinctive(n)
    )
    bases = _bases(subject.names)
    owners = _owners(subject.names, subject.context)
    return SubjectNames(
        config=subject,
        names=re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.I),
        name_keys=frozenset(key(n) for n in names),
        name_initial_upper={key(n): n[:1].isupper() for n in names},
        names_with_context=with_context,
        context=context,
        context_keys=frozenset(key(c) for c in subject.context),
        exclude=phrases_regex(subject.exclude),
        sequel=_sequel_pattern(bases, subject.context),
        original=_original_pattern(bases),
        base_keys=frozenset(key(b) for b, _ in bases),
        company_titles=_company_titles(subject.context),
        part=next((number_of(m.group(1)) for n in subject.names if (m := PART.search(n))), None),
        owned=_owned_pattern(owners),
        owners=owners,
        unapostrophed_keys=frozenset(unapostrophed(n) for n in names),
        anchors=_anchors(names),
        context_anchors=phrase_anchors(subject.context),
        exclude_anchors=phrase_anchors(subject.exclude),
    )


# How a mark names a film known by its maker (see ``owned``).
MAKERS_FILM = "the maker's untitled film"
# "Spielberg's UFO movie", "Untitled Spielberg Event Film": the maker names the film.
_OWNER_ALIAS = re.compile(
    r"(?:[Uu]ntitled\s+(?P<maker>[A-Z][\w.-]+(?:\s+[A-Z][\w.-]+){0,2})|"
    r"(?P<owner>[A-Z][\w.-]+(?:\s+[A-Z][\w.-]+)?)[’']s)"
    r"\s+(?:[\w-]+\s+){0,3}?(?i:film|movie|project|feature|picture)"
)
# Words that make a maker's film another one: "Spielberg's last film",
# "Spielberg's 1977 film".
_NOT_THIS_ONE = (
    r"(?!(?:previous|last|earlier|prior|first|debut|classic|original|old|older|other)\b)"
)
_OWNED_NOUN = (
    r"(?:film|movie|project|feature|picture|pic|release|blockbuster|thriller|epic|drama|flick|"
    r"event\s+(?:film|movie|pic)|return\s+to\s+[\w-]+)"
)


def _owners(names: Sequence[str], context: Sequence[str]) -> tuple[str, ...]:
    """The makers such aliases name, as the subject's context knows them
    ("Untitled Spielberg Event Film": Spielberg, not Spielberg Event), and
    by surname too where the context knows that ("Renn's next film")."""
    people = {key(c): c for c in context}
    out: list[str] = []
    for name in names:
        m = _OWNER_ALIAS.fullmatch(name)
        if m is None:
            continue
        words = (m.group("maker") or m.group("owner")).split()
        runs = (key(" ".join(words[:n])) for n in range(len(words), 0, -1))
        maker = next((people[r] for r in runs if r in people), None)
        if maker is not None:
            out += [maker, *(people[s] for s in [key(maker.split()[-1])] if s in people)]
    return tuple(dict.fromkeys(out))


def _owned_pattern(owners: Sequence[str]) -> re.Pattern[str] | None:
    """ "Steven Spielberg's next movie", "Spielberg's mysterious May 2026
    release", "the untitled Spielberg film": the maker's film with no title
    after it."""
    if not owners:
        return None
    who = "|".join(phrase_pattern(fold(o)) for o in owners)
    adjectives = rf"(?:{_NOT_THIS_ONE}[\w“”\"-]+\s+){{0,3}}?"
    no_title = r"(?!\s+[‘“\"]?[A-Z])"
    return re.compile(
        rf"(?<![\w’'])(?:{who})(?:[’']s|’)\s+(?!\d{{4}}\s){adjectives}{_OWNED_NOUN}(?![\w-]){no_title}|"
        rf"(?<!\w)untitled\s+(?:[\w.-]+\s+)?(?:{who})\s+(?:[\w-]+\s+){{0,2}}?{_OWNED_NOUN}(?![\w-])|"
        # "the untitled film", "the yet-to-be-titled feature": the film that has none yet.
        r"(?<!\w)the\s+(?:as-yet-)?(?:untitled|unnamed|yet-to-be-(?:titled|named))\s+"
        rf"(?:[\w-]+\s+){{0,2}}?{_OWNED_NOUN}(?![\w-])"
    )


def unapostrophed(name: str) -> str:
    return key(re.sub(r"[’']", "", name))


def _anchors(names: Sequence[str]) -> tuple[str, ...] | None:
    """The longest word of each name as ``names`` spells it (folded), lower-cased:
    a match of the name holds it, in one case or another."""
    anchors = []
    for name in names:
        words = re.findall(r"\w+", fold(name))
        if not words:
            return None
        anchors.append(max(words, key=len).lower())
    if not all(a.isascii() for a in anchors):
        return None
    return fewest_words(anchors)


_COMPANY = re.compile(
    r"^(?P<short>.+?)\s+(?:Pictures|Films|Studios|Entertainment|Animation|Media|Releasing|"
    r"Distribution|Productions|Features)$"
)


def _company_titles(context: Sequence[str]) -> re.Pattern[str] | None:
    shorts = [m.group("short") for c in context if (m := _COMPANY.match(c))]
    companies = [*shorts, *(c for c in context if _COMPANY.match(c))]
    if not companies:
        return None
    owners = "|".join(re.escape(c) for c in sorted(companies, key=len, reverse=True))
    return re.compile(
        rf"(?<![\w’'])(?:{owners})(?:[’']s|’)\s+[‘“\"']?"
        rf"((?:The\s+)?{TITLE_WORD}(?:\s+(?:{TITLE_JOIN}\s+)*{NOT_MONTH}{TITLE_WORD}){{0,4}})"
    )


def _distinctive(name: str) -> bool:
    """A title no sentence writes by chance: a number, a subtitle, an "&", or
    three words beyond articles."""
    words = [w for w in re.findall(r"[^\W_]+", name) if w.casefold() not in ("the", "a", "an")]
    numbered = _NUMBERED_NAME.match(name.strip()) is not None or any(w.isdigit() for w in words)
    return len(words) >= 2 and (numbered or ":" in name or "&" in name or len(words) >= 3)


def _bases(names: Sequence[str]) -> list[tuple[str, int]]:
    """(earlier title, our number) of a numbered title: ("Gladiator", 2)."""
    out: list[tuple[str, int]] = []
    for name in names:
        m = _NUMBERED_NAME.match(name.strip())
        n = number_of(m.group("n")) if m else None
        if m and n and (m.group("base"), n) not in out:
            out.append((m.group("base").strip(" :"), n))
    return out


# "The Lantern Bay Movie", "Lantern Bay: The Movie": a title that is a brand
# and the word "movie", which reporting also writes as "the Lantern Bay film"
# or "the Lantern Bay animated movie".
_BRAND_MOVIE = re.compile(
    r"^(?:(?:the|a|an)\s+)?(?P<brand>.+?)(?::\s*the|\s)\s*(?:movie|film)$", re.I
)
_BRAND_MOVIE_FORMS = tuple(
    f"{kind}{noun}" for kind in ("", "animated ", "live-action ") for noun in ("movie", "film")
)


# "28 Years Later: Bone Temple" for "28 Years Later: The Bone Temple".
_SUBTITLE_ARTICLE = re.compile(r":\s*(The\s+)\S+\s+\S")


def _variants(names: Sequence[str]) -> list[str]:
    """Other spellings of a numbered title: "Dune: Part II" for "Dune: Part
    Two"; "Songbirds and Snakes" for "Songbirds & Snakes", and back; "the
    Lantern Bay film" for "The Lantern Bay Movie"; a subtitle without its
    "The"."""
    out: list[str] = []
    for name in names:
        brand = _BRAND_MOVIE.match(name.strip())
        if brand is not None:
            out.extend(f"{brand.group('brand')} {form}" for form in _BRAND_MOVIE_FORMS)
        if (article := _SUBTITLE_ARTICLE.search(name)) is not None:
            out.append(name[: article.start(1)] + name[article.end(1) :])
        if " & " in name:
            out.append(name.replace(" & ", " and "))
        elif re.search(r"\sand\s", name):
            out.append(re.sub(r"\sand\s", " & ", name))
        m = _NUMBERED_NAME.match(name.strip())
        n = number_of(m.group("n")) if m else None
        if m is None or n is None:
            continue
        head = name[: m.start("n")]
        out.extend(head + form for form in _number_words(n)[:3])
    return out


def _subtitles(names: Sequence[str]) -> list[str]:
    """ "Folie à Deux" alone names "Joker: Folie à Deux"; "Part Two" does not."""
    out: list[str] = []
    for name in names:
        if ":" not in name:
            continue
        sub = name.split(":", 1)[1].strip()
        words = re.findall(r"[^\W\d_]+", sub.casefold())
        if len(words) >= 2 and not _NUMBERED_NAME.match("x " + sub) and sub not in out:
            out.append(sub)
    return out


def _sequel_pattern(bases: list[tuple[str, int]], context: Sequence[str]) -> re.Pattern[str] | None:
    if not bases:
        return None
    parts: list[str] = []
    lead = r"[‘“\"']?"
    owners = "|".join(phrase_pattern(c) for c in context)
    for base, n in bases:
        b = phrase_pattern(fold(base))
        ordinal = "|".join(re.escape(w) for w in _number_words(n)[1:])
        noun = r"(?:film|movie|installment|instalment|entry|chapter|part|outing|adventure|epic)"
        if n == 1:
            # "Wicked: Part One": its first film or part is ours; it is no sequel.
            parts += [
                rf"(?<!\w)the\s+first\s+(?:{noun}|movie|film)\s+(?:in|of)\s+(?:the\s+)?(?:[\w’'-]+\s+){{0,3}}?"
                rf"(?:two|2|three|3)[\s-]+part",
                rf"(?<!\w)(?:the\s+)?first\s+{lead}{b}[’”\"']?\s+{noun}",
                # "The first chapter will be released June 28, while the second
                # ...", "the first of four films"
                r"(?<![\w’'])the\s+first\s+(?:chapter|part|installment|instalment)(?!\s+(?:in|of)\b)",
                r"(?<![\w’'])the\s+first\s+of\s+(?:the\s+)?(?:two|three|four|five|[2-9])\s+"
                r"(?:films|movies|parts|chapters|installments|instalments|entries)(?!\w)",
            ]
            continue
        parts += [
            # "the Gladiator sequel", "Ridley Scott's Gladiator follow-up"
            rf"{lead}{b}[’”\"']?\s+(?:sequel|follow-up|followup|threequel|continuation)",
            # "the sequel to 'Joker'", "the musical sequel to Joker", "the
            # sequel to the “Conjuring” spinoff “The Nun”"
            rf"(?:sequel|follow-up|continuation|successor)\s+to\s+(?:[‘“\"]?[\w’'-]+[”\"]?\s+){{0,4}}?"
            rf"{lead}{b}(?!\w)",
            # "the third film in the 'Deadpool' series", "the second part of 'Joker'"
            rf"(?<!\w)(?:{ordinal})\s+(?:[\w’'-]+\s+){{0,2}}?{noun}\s+(?:in|of)\s+(?:the\s+)?"
            rf"(?:[\w’'-]+\s+){{0,3}}?{lead}{b}",
            # "the third Deadpool film", "the second Dune movie"
            rf"(?<!\w)(?:{ordinal})\s+{lead}{b}[’”\"']?\s+{noun}",
            # "the next Sonic movie", "a new Dune film", a headline's "New Dune Movie"
            rf"(?<!\w)(?:(?:the|a)\s+)?(?:next|upcoming|new|newest|latest|forthcoming)\s+{lead}{b}[’”\"']?\s+"
            rf"(?:{_FRANCHISE}\s+)?{noun}",
            # "the latest film in the Mission: Impossible saga"
            rf"(?<!\w)(?:latest|newest|new|upcoming|next|forthcoming)\s+(?:[\w’'-]+\s+){{0,2}}?{noun}\s+"
            rf"(?:in|of)\s+(?:the\s+)?{lead}{b}[’”\"']?\s+{_FRANCHISE}",
            # "the third film", "the second installment": counted, the title is ours
            # (not "the third film of the year", but "the third chapter in his saga")
            rf"(?<!\w)the\s+(?:{ordinal})\s+(?:{noun}|movie|film)(?!\s+(?:in|of)\b"
            rf"(?!\s+(?:the|his|her|their|its)\s+(?-i:(?:[a-z][\w’'-]*\s+){{0,3}}?){_FRANCHISE}(?!\w)))",
        ]
        if owners:
            # "the second part of Denis Villeneuve's sci-fi epic"
            parts.append(
                rf"(?<!\w)(?:{ordinal})\s+{noun}\s+of\s+(?:the\s+)?(?:{owners})(?:[’']s)?\s+"
                rf"(?:[\w’'-]+\s+){{0,3}}?(?:{FILM_NOUN}|adaptation)"
            )
    return re.compile("|".join(parts), re.I)


def _original_pattern(bases: list[tuple[str, int]]) -> re.Pattern[str] | None:
    """The earlier film by its bare title where only a title fits: "2000's
    Gladiator", "Gladiator (2000)", "the original Gladiator"."""
    bases = [(base, n) for base, n in bases if n > 1]
    if not bases:
        return None
    b = "|".join(phrase_pattern(fold(base)) for base, _ in bases)
    return re.compile(
        rf"(?:(?:19|20)\d{{2}}[’']s\s+|the\s+(?:original|first|(?:19|20)\d{{2}})\s+(?:film\s+|movie\s+)?)"
        # (not "the first Toy Story 5 teaser": our title, its number after the base)
        rf"(?:{b})(?![\w’'])(?!\s+(?:\d|[ivx]+\b|part\b))|(?<![\w’'])(?:{b})\s+\((?:19|20)\d{{2}}\)"
    )
