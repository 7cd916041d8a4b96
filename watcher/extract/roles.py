"""Text answers: the role a person plays ("returns as John Wick"), the person
cast in a part ("who plays the villain", "who voices Grumble"), or a name
after a cue about the film itself ("directed by").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from watcher.extract.common import (
    NEGATION,
    Found,
    Mark,
    QuestionRules,
    Scene,
    clamp,
    hedged,
    is_subject,
    key,
    nearest,
    phrase_pattern,
)

ROLE_REJECT = ("not known", "unclear", "unknown", "not said", "not confirmed")


def _canonical(rules: QuestionRules, phrase: str) -> str:
    """The configured form of a phrase ("the Baba Yaga" → "John Wick")."""
    bare = re.sub(r"^(?:the|a|an)\s+", "", phrase, flags=re.I)
    return rules.full_names.get(key(phrase)) or rules.full_names.get(key(bare)) or phrase


def full_names(names: Sequence[str]) -> dict[str, str]:
    by_word: dict[str, set[str]] = {}
    for name in names:
        words = key(name).split()
        if len(words) > 1:
            for word in (words[0], words[-1]):
                by_word.setdefault(word, set()).add(name)
    return {w: next(iter(full)) for w, full in by_word.items() if len(full) == 1}


# --------------------------------------------------------------------------- answers

_ROLE_VERBS: tuple[tuple[str, str, bool], ...] = (
    # (pattern, qualifier, "as" needed)
    (r"reprise[sd]?|reprising", "reprising {pron} role", False),
    (r"return(?:s|ed|ing)?|(?:is|are|[’']s|was)\s+back|comes?\s+back|coming\s+back",
     "reprising {pron} role", True),
    (r"cameo(?:s|ed|ing)?|(?:makes?|made|making)\s+an?\s+cameo(?:\s+appearance)?",
     "cameo", False),
    (r"(?:will\s+|to\s+)?voic(?:e|es|ed|ing)|(?:the\s+)?voice\s+of", "voice", False),
    (r"appear(?:s|ed|ing)?|turn(?:s|ed|ing)?\s+up|show(?:s|ed|ing)?\s+up|star(?:s|red|ring)?|cast",
     "", True),
    (r"play(?:s|ed|ing)?|portray(?:s|ed|ing)?", "", False),
)  # fmt: skip
_ROLE_RE = re.compile(
    "|".join(f"(?P<v{i}>(?<!\\w)(?:{p})(?!\\w))" for i, (p, _, _) in enumerate(_ROLE_VERBS)),
    re.I,
)
_ROLE_LINK = re.compile(
    r"(?:\s+(?:(?:his|her|their|the)\s+)?(?:iconic\s+|famous\s+|signature\s+)?"
    r"(?:role|part|character)(?:\s+of|\s+as)?)?(?:\s+as)?(?:\s+the\s+voice\s+of)?",
    re.I,
)
_X_STOP = frozenset((
    "in", "at", "on", "for", "with", "and", "to", "from", "as", "is", "was", "will", "who",
    "which", "but", "or", "after", "before", "during", "ahead", "opposite", "alongside",
    "against", "than", "vs", "while", "when", "trailer", "film", "movie", "spinoff",
))  # fmt: skip
_X_JOIN = frozenset(["of", "the", "de", "da", "von", "van", "del", "la", "le"])
# "Keanu Reeves' John Wick role", "Zendaya's Chani returns".
_POSSESSIVE_ROLE = re.compile(
    r"^[’']s?\s+((?:[A-Z][\w’'.-]*\s+){1,4})(?:[Rr]ole|[Cc]haracter|[Pp]art|[Cc]ameo|"
    r"(?:[Ww]ill\s+)?(?:[Rr]eturn|[Aa]ppear|[Cc]ameo|[Ss]how\s+[Uu]p|[Tt]urn\s+[Uu]p)s?|"
    r"[Ii]s\s+[Bb]ack)\b"
)


def _character(rest: str) -> tuple[str, int]:
    """The capitalized name at the start of ``rest`` ("John Wick in ..." → "John Wick")."""
    m = re.match(r"\s*(himself|herself|themselves)\b", rest)
    if m:
        return m.group(1), m.end()
    words: list[str] = []
    pos = 0
    for tok in re.finditer(r"\S+", rest):
        word = tok.group().strip("‘’“”\"'")
        bare = word.rstrip(",.;:!?)")
        if not bare:
            break
        if bare.lower() in _X_STOP or (not words and bare.lower() in ("the", "a", "an")):
            if words or bare.lower() not in ("the",):
                break
            continue
        if bare[0].isupper():
            words.append(bare)
            pos = tok.start() + len(tok.group().rstrip(",.;:!?)’”\"'"))
        elif words and bare.lower() in _X_JOIN:
            words.append(bare)
        else:
            break
        if word != bare or len(words) >= 5:
            break
    while words and words[-1].lower() in _X_JOIN:
        words.pop()
    return " ".join(words), pos


def extract_phrases(scene: Scene, rules: QuestionRules) -> list[Found]:
    """A text question about the film itself, not a person ("directed by",
    "set in"): the name right after one of its cues, in a sentence about us."""
    found: list[Found] = []
    if rules.cues is None:
        return found
    for i, sentence in enumerate(scene.sentences):
        text = sentence.text
        for cue in rules.cues.finditer(text):
            mark = nearest(text, scene.marks[i], cue.start(), cue.end())
            if not is_subject(scene, i, mark) or NEGATION.search(text, 0, cue.start()):
                continue
            link = re.match(r"\s*(?:by|as|is|are|of|:)?", text[cue.end() :])
            start = cue.end() + (link.end() if link else 0)
            x, _ = _character(text[start:])
            if not x:
                continue
            x = _canonical(rules, x)
            explicit = mark is not None and mark.kind == "name"
            found.append(
                Found(
                    value=key(x),
                    display=x,
                    precision=None,
                    confidence=0.8 if explicit else 0.65,
                    hedged=hedged(text, cue.end()),
                    evidence=text,
                )
            )
    return found


_CAST_VERB = re.compile(
    r"(?<!\w)(?:play(?:s|ed|ing)?|portray(?:s|ed|ing)?|voic(?:e|es|ed|ing)|cast(?:s|ing)?\s+as|"
    r"star(?:s|red|ring)?\s+as|tapped\s+as|(?:join|board|sign)(?:s|ed|ing)?(?:\s+on)?\s+as)(?!\w)",
    re.I,
)
_WHO_PLAYS = re.compile(
    r"(?<!\w)(?:who|(?:which|what)\s+(?:actor|actress|performer|star))(?:\s+\w+){0,2}\s+"
    r"(?:play|plays|portray|portrays|voice|voices|star|stars|cast)"
    r"(?!\w)",
    re.I,
)
# The verb that casts a person in the part a cue names, right before the cue:
# "to play the villain", "cast as its new villain", "joins 'X' as the villain".
_VERB_BEFORE_PART = re.compile(
    r"(?<!\w)(?:(?:to\s+)?(?:play(?:s|ed|ing)?|portray(?:s|ed|ing)?|voic(?:e|es|ed|ing))|as|"
    r"(?:the\s+)?voice\s+of|(?:lend(?:s|ing)?|lent)\s+(?:his|her|their)\s+(?:[\w’'-]+\s+){0,3}?to)"
    r"(?:\s+(?:the|a|an|its|their|his|her|new|main|chief|lead|central|film[’']s|sequel[’']s))*"
    r"\s+$",
    re.I,
)
_NAME_WORD = r"[A-Z][\w’'.-]*[^\W_]"
_PERSON = rf"{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|de|van|von|del|da|la|le)){{0,3}}"
# A person right before the casting verb, with at most a few lower-case words
# between ("is in talks to", "has officially been", ", who"): never across a
# stand-in ("someone half as good to play the villain").
_PERSON_BEFORE = re.compile(
    rf"(?<![\w’'])(?P<person>{_PERSON})(?:\s*,\s*who)?"
    r"(?:\s+(?!(?:who|whom|someone|somebody|anyone|anybody|nobody|no\s+one|everyone|he|she|"
    r"they|it)\b)[a-z][\w’'-]*){0,5}\s*$"
)
# "Marcus Hale’s villain", "Hale’s new antagonist".
_POSSESSOR_BEFORE = re.compile(
    rf"(?<![\w’'])(?P<person>{_PERSON})[’']s?\s+(?:(?:new|main|chief|the)\s+)?$"
)
# "the villain is played by Marcus Hale".
_PLAYED_BY_AFTER = re.compile(
    rf"(?:[\s,]+[\w’'-]+){{0,6}}?[\s,(]+(?:played|portrayed|voiced)\s+by\s+(?P<person>{_PERSON})"
)
_SENTENCE_OPENERS = frozenset((
    "the", "a", "an", "after", "before", "when", "while", "hoping", "now", "meanwhile",
    "earlier", "later", "today", "also", "but", "and", "so", "still",
))  # fmt: skip


def extract_castings(scene: Scene, rules: QuestionRules) -> list[Found]:
    """ "Who plays the villain?": the person cast in the part a cue names."""
    found: list[Found] = []
    # The part is the character the question names, else the part its cues name.
    parts = rules.about if rules.about is not None else rules.cues
    if parts is None:
        return found
    for i, sentence in enumerate(scene.sentences):
        text = sentence.text
        for cue in parts.finditer(text):
            hit = _cast_person(scene, i, cue, title=key(cue.group()) in rules.title_parts)
            if hit is None:
                continue
            person, start, verb = hit
            if NEGATION.search(text, start, verb):
                continue
            if rules.reject and rules.reject.search(text, start, cue.end()):
                continue
            rest = text[cue.end() :]
            skip = len(rest) - len(rest.lstrip(" ,:"))
            character, length = _character(rest[skip:])
            end = cue.end() + (skip + length if character else 0)
            mark = _part_film(text, scene.marks[i], start, end)
            if not is_subject(scene, i, mark):
                continue
            person = _full_person(scene, _canonical(rules, person))
            display = f"{person} (as {character})" if character else person
            explicit = mark is not None and mark.kind == "name"
            found.append(
                Found(
                    value=key(person),
                    display=display,
                    precision=None,
                    confidence=0.85 if explicit else 0.7,
                    hedged=hedged(text, max(verb, cue.end())),
                    evidence=text,
                )
            )
    return found


def _part_film(text: str, marks: Sequence[Mark], start: int, end: int) -> Mark | None:
    """ "played the villain Victor Crane in The Vault, says he will not appear
    in the sequel": an unmarked title right after the part owns it, before any
    work named further on."""
    other = _IN_OTHER_WORK.match(text, end)
    if other is not None and not any(m.start <= other.end() - 1 < m.end for m in marks):
        # "to voice Grumble in Bramblewood’s animated ‘Juniper’": a studio's
        # possessive and a few words lead up to a title we did mark.
        owner = next((m for m in marks if m.start >= end), None)
        if owner is None or not _LEADS_TO_TITLE.fullmatch(text, end, owner.start):
            return Mark(end, end, "other", False)
    return _role_film(text, marks, start, end)


_LEADS_TO_TITLE = re.compile(
    r"\s*,?\s*(?:in|for)\s+(?:[A-Z][\w’'.-]*\s+){0,3}?[A-Z][\w.-]*(?:[’']s|(?<=s)[’'])\s+(?:[a-z][\w-]*\s+){0,2}"
)


def _cast_person(
    scene: Scene, i: int, cue: re.Match[str], *, title: bool = False
) -> tuple[str, int, int] | None:
    """(person, where the person starts, where the casting verb starts) for a
    part named at ``cue``, or None when nothing casts a person in it.

    With ``title`` the part is also the film's name, so a possessive before it
    is the film's director or studio ("Hartigan's Ruby Castellane"), not who
    plays her: only a casting verb or "played by" answers."""
    text = scene.sentences[i].text
    inner = _CAST_VERB.search(cue.group())
    if inner is not None:
        verb = cue.start() + inner.start()
    else:
        before = _VERB_BEFORE_PART.search(text, max(0, cue.start() - 60), cue.start())
        if before is None:
            possessor = (
                None
                if title
                else _POSSESSOR_BEFORE.search(text, max(0, cue.start() - 60), cue.start())
            )
            if possessor is not None and _plausible_person(scene, i, possessor, "person"):
                return possessor.group("person"), possessor.start("person"), cue.start()
            after = _PLAYED_BY_AFTER.match(text, cue.end())
            if after is not None and _plausible_person(scene, i, after, "person"):
                return after.group("person"), after.start("person"), cue.start()
            return None
        verb = before.start()
    # Titles between the person and the verb ("Hale joins 'X' as") are read as
    # a plain word, so the person is still found right before the verb.
    prefix = text[:verb]
    for mark in reversed(scene.marks[i]):
        if mark.end <= verb and mark.kind != "anaphor":
            prefix = prefix[: mark.start] + "work" + prefix[mark.end :]
    found = _PERSON_BEFORE.search(prefix, max(0, len(prefix) - 120))
    if found is None or not _plausible_person(scene, i, found, "person", prefix=prefix):
        return None
    return found.group("person"), found.start("person"), verb


def _plausible_person(
    scene: Scene, i: int, found: re.Match[str], group: str, *, prefix: str | None = None
) -> bool:
    """Not a title we marked, not a lone capitalized opener ("Hoping", "The"),
    and a lone word only as the surname of a full name in the item."""
    start, end = found.span(group)
    if prefix is None and any(m.start < end and start < m.end for m in scene.marks[i]):
        return False
    words = found.group(group).split()
    if words[0].casefold() in _SENTENCE_OPENERS:
        return False
    if len(words) > 1:
        return True
    return _full_person(scene, words[0]) != words[0]


def _full_person(scene: Scene, name: str) -> str:
    """ "Hale" → "Marcus Hale" when the item writes the full name somewhere."""
    if " " in name.strip():
        return name
    pattern = re.compile(
        rf"(?<![\w’'])({_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})\s+{re.escape(name)}\b"
    )
    for sentence in scene.sentences:
        m = pattern.search(sentence.text)
        if m is not None and m.group(1).split()[0].casefold() not in _SENTENCE_OPENERS:
            return f"{m.group(1)} {name}"
    return name


def extract_roles(scene: Scene, rules: QuestionRules) -> tuple[list[Found], list[str]]:
    """Role answers, and sentences that are about the role but state none."""
    if rules.casting:
        return extract_castings(scene, rules), []
    if rules.about is None:
        return extract_phrases(scene, rules), []
    found: list[Found] = []
    vague: list[str] = []
    for i, sentence in enumerate(scene.sentences):
        text = sentence.text
        for person in rules.about.finditer(text):
            if not _same_person(text, person, rules.about_names):
                continue
            window = text[person.end() : person.end() + 160]
            result = _role_after(window, rules)
            if result is None:
                continue
            x, qualifier, role_end, cue_start = result
            abs_end = person.end() + role_end
            if NEGATION.search(text, person.end(), person.end() + cue_start):
                continue
            if rules.reject and rules.reject.search(text, 0, person.end() + cue_start):
                vague.append(text)
                continue
            mark = _role_film(text, scene.marks[i], person.start(), abs_end)
            if not is_subject(scene, i, mark):
                continue
            if not x:
                vague.append(text)
                continue
            x = _canonical(rules, x)
            pron = _pronoun(window)
            display = x if not qualifier else f"{x} ({qualifier.format(pron=pron)})"
            value = key(re.sub(r"^(?:the|a|an)\s+", "", x, flags=re.I))
            explicit = mark is not None and mark.kind == "name"
            found.append(
                Found(
                    value=value,
                    display=display,
                    precision=None,
                    confidence=clamp((0.9 if explicit else 0.75) + (0.05 if qualifier else 0.0)),
                    hedged=hedged(text, person.end() + cue_start),
                    evidence=text,
                )
            )
    return found, vague


def _same_person(text: str, person: re.Match[str], names: Sequence[str]) -> bool:
    """ "Reeves" alone is Keanu Reeves unless another first name precedes it (Matt Reeves)."""
    if person.group()[0].islower():
        return False
    before = re.search(r"([A-Z][\w’'-]*)\s+$", text[: person.start()])
    if before is None or " " in person.group().strip():
        return True
    return any(key(f"{before.group(1)} {person.group()}") == key(n) for n in names)


def _role_after(window: str, rules: QuestionRules) -> tuple[str, str, int, int] | None:
    """(character or capacity, qualifier, end, cue start) of the role stated
    right after a person's name, or None. Cues are tried left to right: in
    "will return in Ballerina as John Wick" the verb names no role, the "as"
    after it does, and the verb still says it is a return."""
    m = _POSSESSIVE_ROLE.match(window)
    if m:
        return m.group(1).strip(), "", m.end(1), 0
    cues = [*_ROLE_RE.finditer(window), *re.finditer(r"(?<!\w)as(?=\s+[A-Z])", window)]
    if rules.cues:
        cues += rules.cues.finditer(window)
    pending = ""
    earlier: tuple[str, int] | None = None  # a part played before, and where it ends
    for cue in sorted(cues, key=lambda c: c.start()):
        pre = window[earlier[1] if earlier else 0 : cue.start()]
        if len(pre.split()) > 6 or re.search(r"[.;](?:\s|$)", pre):
            break
        qualifier, needs_as = _role_cue(cue)
        link = _ROLE_LINK.match(window, cue.end())
        after = link.end() if link else cue.end()
        if needs_as and not (link and link.group().strip()):
            if qualifier == "cameo":
                return "cameo", "", after, cue.start()
            pending = pending or qualifier
            continue
        x, length = _character(window[after:])
        if x and _PAST_ROLE.fullmatch(cue.group()):
            # "Castellane, who played Ada Kell": the part she had, not news of
            # one; it is the answer only if the sentence goes on to a return.
            earlier = earlier or (x, after + length)
            continue
        if x:
            return x, qualifier or pending, after + length, cue.start()
        if qualifier.startswith("reprising") and earlier is not None:
            return earlier[0], qualifier, earlier[1], cue.start()
        if qualifier in ("cameo", "voice"):
            return qualifier, "", after, cue.start()
    return None


# A part someone had: "played", "portrayed", "voiced", "starred as".
_PAST_ROLE = re.compile(r"(?:play|portray|voic|appear|cameo)e?d|starred(?:\s+as)?", re.I)


def _role_cue(cue: re.Match[str]) -> tuple[str, bool]:
    """(qualifier, whether "as" must follow) for a role cue."""
    if cue.group() == "as":
        return "", False
    if cue.re is _ROLE_RE:
        index = int(next(k for k, v in cue.groupdict().items() if v is not None)[1:])
        _, qualifier, needs_as = _ROLE_VERBS[index]
        return qualifier, needs_as
    word = cue.group().lower()
    for prefix, qualifier in _CUE_QUALIFIERS:
        if word.startswith(prefix):
            return qualifier, False
    return "", False


_CUE_QUALIFIERS = (
    ("repri", "reprising {pron} role"),
    ("return", "reprising {pron} role"),
    ("back", "reprising {pron} role"),
    ("cameo", "cameo"),
    ("voic", "voice"),
)


def _pronoun(window: str) -> str:
    m = re.search(r"(?<!\w)(his|her|their)\s+(?:\w+\s+)?(?:role|part)", window, re.I)
    return m.group(1).lower() if m else "the"


def _role_film(text: str, marks: Sequence[Mark], start: int, end: int) -> Mark | None:
    """ "... as Shadow in 'Sonic 3'": a work named right after the role owns it."""
    for mark in marks:
        if (
            mark.start >= end
            and mark.start - end <= 60
            and re.match(r"^\W*(?:\w+\W+){0,4}?(?:in|for|from|of)\W", text[end : mark.start] + " ")
        ):
            return mark
    # An unquoted, unnumbered title we did not mark ("voices Shadow in
    # Paramount's Sonic sequel"): still another work, never ours.
    if _IN_OTHER_WORK.match(text, end):
        return Mark(end, end, "other", False)
    before = [m for m in marks if m.end <= start]
    if before:
        return before[-1]
    return nearest(text, marks, start, end)


_IN_OTHER_WORK = re.compile(
    r"\s*,?\s*(?:in|for)\s+(?:(?:the|[A-Z][\w’'-]*[’']s?)\s+)?(?:upcoming\s+|new\s+)?[‘“\"']?"
    r"(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b)[A-Z]"
)


def asks_who_plays(cues: Sequence[str], label: str, about: Sequence[str] = ()) -> bool:
    """Whether the answer is the person cast. With ``about`` the question names
    a part itself ("Who voices Grumble?"): only when the label puts it after
    the casting verb, since "Who does Pattinson play?" asks for the part."""
    if not about:
        return any(_CAST_VERB.search(c) for c in cues) or bool(_WHO_PLAYS.search(label))
    asks = _WHO_PLAYS.search(label)
    return asks is not None and any(
        re.search(rf"(?<!\w){phrase_pattern(a)}(?!\w)", label[asks.end() :]) for a in about
    )
