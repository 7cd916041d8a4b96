"""Parts: a character named ("Astrid Deetz", "Dr Harleen Quinzel / Harley
Quinn") or described ("the daughter of Lydia Deetz", "himself") after the words
that link it to a person. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from watcher.extract.lexicon import load
from watcher.extract.people import NAME_WORD, NOT_NAME, STOP, TITLES
from watcher.extract.text import key, title_case

_LEX = load("en")


@dataclass(frozen=True, slots=True)
class Part:
    start: int
    end: int
    text: str  # "Astrid Deetz", "the daughter of Lydia Deetz", "himself"
    named: bool  # a character's name, not a description
    alternatives: tuple[str, ...] = ()  # "Harleen Quinzel/Harley Quinn"


# --------------------------------------------------------------------------- parts


DESCRIPTOR_WORDS = frozenset(w.casefold() for w in _LEX.descriptors)
_SKIP_PHRASE = re.compile(
    r"\s*(?:(?:the|a|an|his|her|their|its|The(?=\s+[A-Z]))\s+|"
    # "Fantastic Four's Galactus", "Marvel's next Reed Richards": the owner, not the part.
    r"(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*[’']s\s+(?=(?:[a-z][\w.-]*\s+){0,2}[‘“\"']?[A-Z])|"
    r"(?:grown-up|older|younger|adult|young|new|main|"
    r"lead|central|iconic|famous|beloved|legendary|infamous|villainous|mysterious|classic|"
    r"titular|title|starring|leading)\s+|(?:version|incarnation|character|role|part)\s+(?:of|named|"
    r"called)\s+|(?:character|role|part)\s+|(?:better\s+|also\s+)?known\s+as\s+|aka\s+|named\s+|"
    r"called\s+|“[^”]{1,40}”\s+|\"[^\"]{1,40}\"\s+|[a-z][\w-]*(?=\s+[a-z][\w-]*\s+[A-Z])\s+|"
    r"[a-z][\w-]*(?=\s+[A-Z])\s+)",
)
# A nickname in quotes inside a name: Thaddeus ‘Thunderbolt’ Ross.
# Garrett ‘The Garbage Man’ Garrison.
QUOTED_NICKNAME = r"[‘“”\"']{1,2}[A-Z][\w-]*(?:\s[A-Z][\w-]*){0,3}[’”\"']{1,2}"
NICKNAME = QUOTED_NICKNAME + r"(?=\s+[A-Z])"
_NAME_RUN = re.compile(
    rf"(?:{TITLES}\s+)?{NAME_WORD}(?:[\s-]+(?:{NAME_WORD}|{NICKNAME}|"
    r"(?:of|the|de|von|van|la|le|da|del)(?=\s+[A-Z])))*"
    rf"(?:\s*/\s*(?:{TITLES}\s+)?{NAME_WORD}(?:\s+{NAME_WORD})*)*"
)
# "the dazzling bisexual comic book icon Dr Harleen Quinzel", "a new, ambiguous
# character named Grace", "the ship's captain, Ilse", "the film's antagonist,
# Oskar", "hacker and bounty hunter Jack": words up to the name.
_TO_NAME = re.compile(
    r"\s*(?:(?:film|movie|sequel|story)[’']s\s+|(?<=[a-z]\s)and\s+(?=[a-z])(?!(?:the|an?|his|her|their)\s)|(?!(?:"
    + "|".join(sorted(STOP))
    + r")\b)(?:(?:[a-z]\.)+|[a-z][\w-]*(?:/[a-z][\w-]*|[’']s)?),?\s+){1,6}(?=[‘“\"']?"
    + rf"(?:{TITLES}\s+)?[A-Z])"
)
# ", better known as Harley Quinn", "(aka Baba Yaga)".
_ALIAS = re.compile(
    rf"\s*[,(]?\s*(?:better\s+known\s+as|also\s+known\s+as|known\s+as|aka|a\.k\.a\.|or)\s+(?:the\s+)?"
    rf"((?:{TITLES}\s+)?{NAME_WORD}(?:\s+{NAME_WORD}){{0,3}})"
)
# A lower-case noun right after a capitalized word makes it a modifier.
_MODIFIES = re.compile(
    r"\s+(?!(?:"
    + "|".join(sorted(STOP))
    + r")\b)(?![a-z]+ly\b)(?!again\b|once\b|too\b|also\b|himself\b|herself\b)[a-z]{3,}\b"
)
# "Xebel princess Mera", "Maltese smuggler queen Ilse": after one or two
# capitalized words, one or two lower-case nouns (no "-s", "-ed" or "-ing"
# verb: "as Varga meets Oskar"; no preposition or adverb: "as Varga throughout
# Glass Harbor 2") and the name.
_TITLED_NAME = re.compile(
    r"(?:\s+(?!(?:"
    + "|".join(sorted(STOP))
    + r"|throughout|across|within|inside|beyond|through|toward|towards|around|behind|"
    r"without|among|under|of|near|beside|besides|like|unlike|despite|onto|upon|off|out|up|"
    r"down|than|since|until|till|where|whom|whose|that|this|these|those|the|an|his|her|"
    r"their|its|again|once|too|also|alone|only|even|still|here|there|now|then)\b)"
    r"(?![a-z]+ly\b)[a-z][a-z-]+(?<![^s]s)(?<!ed)(?<!ing)){1,2}\s+"
    rf"((?:{TITLES}\s+)?{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}})(?![\w’'-])"
)
# Someone in a character's life, by which a part may be described ("Lydia's
# daughter") and which is not that character ("plays Oskar Brandt's brother").
RELATIONS = (
    r"daughter|son|mother|father|wife|husband|sister|brother|niece|nephew|"
    r"grandson|granddaughter|cousin|heir|child|boyfriend|girlfriend|lover|partner|assistant|"
    r"fianc[ée]e?|"
    r"sidekick|rival|nemesis|protege|protégé|apprentice|successor|predecessor|descendant|twin|"
    r"love\s+interest|mentor|ally|right-hand\s+(?:man|woman)|bodyguard|(?:best\s+)?friend|"
    r"confidante?|enemy|boss|henchman|henchmen"
)
# A part described, not named: "the daughter of Lydia Deetz", "the heir to House
# Harkonnen", "Lydia’s daughter", "Lydia Deetz's (Winona Ryder) daughter",
# "Shrek and Fiona's daughter".
_DESCRIPTION = re.compile(
    r"(?:the|a|an|his|her|their)\s+(?:[a-z][\w-]*\s+){0,2}?(?P<noun>[a-z][\w-]*)\s+(?:of|to)\s+"
    rf"(?:the\s+)?(?:{NAME_WORD}(?:\s+{NAME_WORD}){{0,3}})(?:[’']s?\s+(?:\([^)]{{1,40}}\)\s+)?[a-z][\w-]*)?|"
    rf"(?:the\s+)?(?:{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}}\s+(?:and|&)\s+)?"
    # ("Renn's elegant, lethal nemesis": describing words may take commas)
    rf"{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}}[’']s?\s+(?:\([^)]{{1,40}}\)\s+)?(?:[a-z][\w-]*,?\s+){{0,3}}?"
    rf"(?P<kin>{RELATIONS})(?!\w)"
)
# "the titular character", "the title role": the part the film's title names.
TITULAR = r"(?:title|titular)\s+(?:role|character|part|hero|heroine)"
_TITULAR_AT_END = re.compile(rf"(?<!\w)(?:the\s+)?{TITULAR}$", re.I)
_DESCRIPTION_AT_END = re.compile(rf"(?<![\w’'])(?:{_DESCRIPTION.pattern})$")
_NOT_PART_NOUN = frozenset(
    ("role", "part", "character", "cast", "film", "movie", "sequel", "series", "show", "story",
     "lead", "spot", "gig", "franchise", "project", "deal", "negotiations", "talks", "hand",
     "time", "way", "end", "rest", "world", "life", "screen", "chance", "opportunity", "shot",
     "trailer", "look", "first", "kind", "sort", "lot", "number", "one", "game", "stage",
     "version", "incarnation", "iteration", "variant", "take",
     # A place on the crew or the bill, not a part: "joins as a producer".
     "producer", "producers", "director", "co-director", "writer", "co-writer", "screenwriter",
     "composer", "cinematographer", "editor", "showrunner", "consultant", "star", "co-star",
     "co-lead", "headliner", "ensemble")
)  # fmt: skip
# ", Astrid." or " Princess Irulan" after a description: the part's name.
_ALSO_NOUN = re.compile(r"\s+(?:and|&)\s+(?:[a-z][\w-]*\s+)?[a-z][\w-]*(?=\s*,)")
# "Brandt's pet parrot, Pell": a name's thing, named after a comma.
_OWNED_THEN_NAME = re.compile(
    r"[’']s?\s+(?:[a-z][\w-]*,?\s+){0,3}?[a-z][\w-]*\s*,\s*"
    rf"((?:{TITLES}\s+)?{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}})(?=\s*(?:[,.;)]|$|\s+[a-z]))"
)
_APPOSITIVE_NAME = re.compile(
    rf"(?:\s*,\s*|\s+)((?:{TITLES}\s+)?{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}})\s*(?:[,.;)]|$|\s+[a-z])"
)


_LIKENED = re.compile(r"\s*(?:a\s+)?(?:sort|kind|something|bit)\s+of\s", re.I)


def parse_part(text: str, at: int, *, title: str = "", plain: bool = True) -> Part | None:
    """The part named or described at ``text[at:]``, after its linking words.
    ``plain``: also a part named only by what it is ("the villain")."""
    if _LIKENED.match(text, at):
        return None  # "casting Rami Malek as sort of a high-tech Paul Kersey": a likeness
    if (apposed := re.match(r"\s*,\s*(?=[A-Z])", text[at:])) is not None:
        at += apposed.end()  # "playing one of the lead roles, Grace, in ..."
    m = re.match(r"\s*(himself|herself|themselves)\b", text[at:])
    if m:
        return Part(at + m.start(1), at + m.end(1), m.group(1), named=True)
    pos = at
    for _ in range(8):  # descriptors: "the adult", "a grown-up version of"
        step = _SKIP_PHRASE.match(text, pos)
        if step is None or step.end() == pos:
            break
        word = step.group().strip().casefold()
        if word in STOP:
            break
        if title and re.match(
            r"(?:titular|title)\s+(?:role|character|part)", text[pos:].strip(), re.I
        ):
            s = pos + len(text[pos:]) - len(text[pos:].lstrip())
            return Part(s, s, title, named=True)
        pos = step.end()
    to_name = _TO_NAME.match(text, pos)
    if to_name is not None:
        pos = to_name.end()
    rest = text[pos:]
    lead = len(rest) - len(rest.lstrip(" ‘“\"'"))
    run = _NAME_RUN.match(text, pos + lead)
    described = _DESCRIPTION.match(text, at + len(text[at:]) - len(text[at:].lstrip()))
    if described is not None and (run is None or run.start() >= described.start()):
        noun = described.group("noun") or described.group("kin")
        if noun and noun.casefold() not in _NOT_PART_NOUN:
            # "his older sister and guardian, Nani": a second noun may come first.
            also = _ALSO_NOUN.match(text, described.end())
            apposed = _APPOSITIVE_NAME.match(text, also.end() if also else described.end())
            if apposed is not None and apposed.group(1).split()[0].casefold() not in NOT_NAME:
                return Part(apposed.start(1), apposed.end(1), apposed.group(1), named=True)
            phrase = re.sub(r"\s*\([^)]*\)", "", described.group())
            return Part(described.start(), described.end(), phrase, named=False)
    if run is None:
        plain_part = _plain_part(text, at)
        return plain_part if plain or (plain_part and plain_part.named) else None
    words = _trim(run.group())
    first = words[0].casefold().rstrip(".") if words else ""
    if not words or first in STOP or (first in NOT_NAME and not re.fullmatch(TITLES, words[0])):
        return None
    name = " ".join(words)
    end = run.start() + len(name)
    if title_case(text) and re.search(
        r"(?:^|\s)(?:a|an)\s+$", text[max(0, run.start() - 4) : run.start()]
    ):
        # "Plays a Lonely Lighthouse Keeper": a headline capitalizes a description.
        return Part(run.start(), end, f"a {name}", named=False)
    if (
        len(words) == 1
        and title_case(text)
        and re.search(r"(?:^|\s)the\s+$", text[max(0, run.start() - 5) : run.start()], re.I)
    ):
        # "Will Play the Villain": one capitalized word may be a description;
        # a name written elsewhere in the item wins over it.
        return Part(run.start(), end, name, named=False)
    if _MODIFIES.match(text, end) and re.search(
        r"(?:^|\s)(?:the|a|an)\s+$", text[max(0, run.start() - 5) : run.start()]
    ):
        return None  # "the Sega favorite": a description, named by no one
    if len(words) <= 2 and (titled := _TITLED_NAME.match(text, end)) is not None:
        # "as Maltese captain Ilse Varga": the capitalized words describe the name.
        return Part(titled.start(1), titled.end(1), titled.group(1), named=True)

    owned = _OWNED_THEN_NAME.match(text, end)
    if owned is not None and owned.group(1).split()[0].casefold() not in NOT_NAME:
        # "voices Asha's pet goat, Valentino": the part is the one owned.
        return Part(owned.start(1), owned.end(1), owned.group(1), named=True)
    alternatives = [a.strip() for a in name.split("/")] if "/" in name else []
    alias = _ALIAS.match(text, end)
    if alias is not None:
        alternatives = [*(alternatives or [name]), alias.group(1)]
    return Part(run.start(), end, name, named=True, alternatives=tuple(alternatives))


# "the villain", "its new antagonist", "villain in X": a part named by what it is.
_PLAIN_NP = re.compile(
    r"\s*(?:(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)\s+)?"
    r"(?:(?:film|movie|sequel|story|show|series)[’']s\s+)?(?:(?!(?:"
    + "|".join(sorted(STOP))
    + r")\b)[a-z][\w-]*\s+){0,3}?"
    r"(?P<noun>[a-z][\w-]{2,})(?=\s*(?:[,.;:!?()]|$|\s+(?:in|of|for|on|opposite|alongside|with|and|who|that|from)\b))"
)


def _plain_part(text: str, at: int) -> Part | None:
    m = _PLAIN_NP.match(text, at)
    if m is None or m.group("noun").casefold() in _NOT_PART_NOUN | STOP:
        return None
    if (named := _NAMED_IN_BRACKETS.match(text, m.end())) is not None:
        # "a sophisticated computer program (named Ares)"
        return Part(named.start(1), named.end(1), named.group(1), named=True)
    start = at + len(text[at : m.end()]) - len(text[at : m.end()].lstrip())
    return Part(start, m.end(), text[start : m.end()], named=False)


_NAMED_IN_BRACKETS = re.compile(
    rf"\s*\(\s*(?:named|called|a\.?k\.?a\.?)\s+[“\"‘]?({NAME_WORD}(?:\s+{NAME_WORD}){{0,2}})[”\"’]?\s*\)"
)


def _trim(name: str) -> list[str]:
    words: list[str] = []
    # A nickname of several words is one word here; its spaces come back below.
    name = re.sub(NICKNAME, lambda m: m.group().replace(" ", "\0"), name)
    for word in name.split():
        word = word.replace("\0", " ")
        if words and re.fullmatch(QUOTED_NICKNAME, word):
            words.append(word)  # the nickname, quotes and all
            continue
        bare = word.strip("’'”\".,;:!?)")
        if bare.casefold() in STOP and words:
            break
        words.append(word.rstrip("’'”\".,;:!?)"))
        if word != word.rstrip(",;:!?)"):
            break
        if len(words) >= 6:
            break
    while words and words[-1].casefold() in (
        "of",
        "the",
        "de",
        "von",
        "van",
        "la",
        "le",
        "da",
        "del",
    ):
        words.pop()
    return words


def named_part(start: int, name: str) -> Part | None:
    """A capitalized run written where a part goes, as a part: "The Leader"
    is the Leader; "Meanwhile Ross" is no part."""
    words = name.split()
    if words[0] == "The" and len(words) > 1:
        return Part(
            start + len(name) - len(name[3:].lstrip()),
            start + len(name),
            " ".join(words[1:]),
            named=True,
        )
    if words[0].casefold() in NOT_NAME and not re.fullmatch(TITLES, words[0]):
        return None
    return Part(start, start + len(name), name, named=True)


_TRAILING_ASIDE = re.compile(
    r"\s*,\s*(?:meanwhile|however|though|too|also|instead|in\s+turn|in\s+the\s+film|"
    r"in\s+the\s+sequel|for\s+(?:his|her|their)\s+part)\s*,?\s*$",
    re.I,
)


def part_before(text: str, end: int) -> Part | None:
    """The part that ends at ``end``: a name ("Feyd-Rautha"), or the description
    that starts its clause ("the daughter of Ryder's character")."""
    # "Hiccup and Astrid, meanwhile, will be played by": the aside is no part.
    head = _TRAILING_ASIDE.sub("", text[:end]).rstrip(" ,(")
    # "Galinda, the eventual Good Witch of the South (played by ...)": the name
    # before its appositive.
    apposed = re.search(
        rf"((?:{TITLES}\s+)?{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}})\s*,\s*(?:the|a|an)\s+[^,():;]{{1,60}}$",
        head,
    )
    if apposed is not None and apposed.group(1).split()[0].casefold() not in NOT_NAME:
        return Part(apposed.start(1), apposed.end(1), apposed.group(1), named=True)
    name = re.search(
        rf"((?:{TITLES}\s+)?{NAME_WORD}(?:[\s-]+(?:(?:the|of|de|von|van|la|le)\s+)?"
        rf"(?:{NAME_WORD}|{QUOTED_NICKNAME})){{0,3}})$",
        head,
    )
    if name is not None and (part := named_part(name.start(1), name.group(1))) is not None:
        return part
    titular = _TITULAR_AT_END.search(head)
    if titular is not None:  # "await the titular character, voiced by": the title's part
        return Part(titular.start(), titular.end(), titular.group(), named=False)
    clause_start = max(
        head.rfind(", "), head.rfind("; "), head.rfind(" and "), head.rfind(" while ")
    )
    clause = head[clause_start + 1 :].strip()
    clause = re.sub(r"^(?:and|while)\s+", "", clause)
    described = _DESCRIPTION.fullmatch(clause)
    if described is None and (tail := _DESCRIPTION_AT_END.search(clause)) is not None:
        clause, described = (
            tail.group(),
            tail,
        )  # "the teaser introduces Shrek's daughter, voiced by"
    if described is None:
        # "The villain in Night Harbor 2 will be played by": what it is, before its film.
        bare = re.sub(r"\s+(?:in|of|for|from)\s+.*$", "", clause)
        plain = _PLAIN_NP.fullmatch(bare)
        if plain is None or plain.group("noun").casefold() in _NOT_PART_NOUN:
            return None
        start = len(head) - len(clause)
        return Part(start, start + len(bare), bare, named=False)
    noun = described.group("noun") or described.group("kin")
    if not noun or noun.casefold() in _NOT_PART_NOUN:
        return None
    start = len(head) - len(clause)
    return Part(start, len(head), re.sub(r"\s*\([^)]*\)", "", clause), named=False)


def canonical(name: str, names: dict[str, str]) -> str:
    """The configured form of a part or person ("Logan" → "Wolverine")."""
    bare = re.sub(rf"^(?:(?:the|a|an)\s+|{TITLES}\s+)", "", name, flags=re.I)
    return names.get(key(name)) or names.get(key(bare)) or name
