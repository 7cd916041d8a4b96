"""Who plays whom: links between a person and a part in a sentence.

A ``Link`` ties a person (a name, or "she"/"the actress" standing for the last
person named) to a part (a character's name, "the daughter of Lydia Deetz",
"himself") by one of the ways trade press writes casting:

* a verb: "plays", "is in talks to play", "returns as", "will reprise her role
  as", "takes over the role of X from Y", "stars in the film as";
* "as" alone: "stars Paul Mescal as Lucius", "featuring X as Y";
* possessive: "Jackman's Wolverine";
* parenthetical: "Lady Gaga (Harley Quinn)", "her daughter Astrid (Jenna Ortega)";
* passive: "Feyd-Rautha, played by Austin Butler", "is played by X";
* copular: "she will be Harley Quinn";
* pairs: "A and B reprise their roles as X and Y, respectively".

Which film a link belongs to, and whether it answers a question, is for
``kinds.text``. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from watcher.extract.lexicon import load
from watcher.extract.parts import (
    DESCRIPTOR_WORDS,
    QUOTED_NICKNAME,
    RELATIONS,
    TITULAR,
    Part,
    named_part,
    parse_part,
    part_before,
)
from watcher.extract.people import NAME_WORD, NOT_NAME, STOP, TITLES, Person
from watcher.extract.text import key, phrase_pattern, title_case
from watcher.extract.works import Mark

_LEX = load("en")


@dataclass(frozen=True, slots=True)
class Link:
    person: Person
    part: Part
    # "verb", "as", "possessive", "parenthetical", "passive", "copular", "pair", "named-role"
    how: str
    verb: str  # the linking words as written ("is in talks to play")
    qualifier: str  # "reprising {pron} role", "cameo", "voice", or ""
    past: bool  # "played", "portrayed": a part someone had
    at: int  # where the linking words start
    end: int  # where the link ends in the sentence


# "Chris' father Craig Hemsworth": people in the person's life, not parts.
_KIN = re.compile(
    r"(?<!\w)(?:father|mother|dad|mom|mum|wife|husband|son|daughter|brother|sister|partner|"
    r"girlfriend|boyfriend|fiancée?|spouse|friend|pal|co-?star|director|agent|manager|rep|"
    r"publicist|assistant|stunt\s+double|double|stand-in|uncle|aunt|cousin|niece|nephew|kids?|"
    r"children|parents|family)s?(?!\w)",
    re.I,
)
_PLATFORMS = frozenset(
    ("instagram", "twitter", "x", "tiktok", "facebook", "youtube", "threads", "bluesky",
     "snapchat", "reddit", "letterboxd", "substack", "podcast", "story", "stories", "feed")
)  # fmt: skip
_PLURAL_END = re.compile(r"(?:[^s]s|ies)$")
_DESCRIBED_THEN_NAME = re.compile(
    r"(?:\s+(?:(?!(?:the|an?|his|her|their|its|"
    + "|".join(sorted(STOP))
    + rf")\b)[a-z][\w-]*|[A-Z]{{2,5}})){{2,5}}\s+"
    rf"((?:{TITLES}\s+)?{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}})"
)
_KIN_AFTER = re.compile(r"\s+" + _KIN.pattern, re.I)
# "plays Oskar Brandt's brother", "Ilse Varga's sworn rival": after a
# character's name, someone in that character's life.
RELATIVE_OF = re.compile(
    rf"[’']s?\s+(?:[\w-]+\s+)?(?:{_KIN.pattern}|(?:{RELATIONS})s?(?!\w))", re.I
)
_FILM_AFTER = re.compile(r"\s+(?:movie|film|feature|flick|project|series|show)s?\b", re.I)
# "Chris' Thor wig", "Jackman's Wolverine suit": how someone looks, said of their part.
_LOOK_AFTER = re.compile(
    r"\s+(?:wig|suit|costume|outfit|look|makeup|make-up|hair|beard|armor|armour|mask|cape|"
    r"prosthetics?|transformation|getup|get-up|gear|uniform)s?\b",
    re.I,
)


# --------------------------------------------------------------------------- verbs

_VERB_ALTS: list[tuple[str, str, str]] = []  # (pattern, link, qualifier)
_THEN: dict[str, re.Pattern[str]] = {}  # pattern -> what must follow the part
for _verb in _LEX.role_verbs:
    for _word in _verb.words:
        _VERB_ALTS.append((phrase_pattern(_word), _verb.link, _verb.qualifier))
        if _verb.then:
            _THEN[phrase_pattern(_word)] = re.compile(
                r"\s+(?:" + "|".join(map(phrase_pattern, _verb.then)) + r")(?![\w-])", re.I
            )
# "lent her smoky alto to Pip": a voice part, however the voice is described.
_VERB_ALTS.append(
    (
        r"(?:lend|lends|lent|lending)\s+(?:his|her|their)\s+(?:[\w’'-]+\s+){0,3}?to",
        "object",
        "voice",
    )
)
_VERB_ALTS.sort(key=lambda v: len(v[0]), reverse=True)
# The lookbehind every verb starts with is asked once, before the
# alternation: inside each verb's group, re entered every group (over 200)
# at every position of a sentence to find it false. (A word's start is the
# same place for all of them, so the matches and groups are the same.)
_VERB = re.compile(
    r"(?<![\w’'])(?:"
    + "|".join(f"(?P<v{i}>{p}(?![\\w’'-]))" for i, (p, _, _) in enumerate(_VERB_ALTS))
    + ")",
    re.I,
)
_PAST_VERB = re.compile(
    r"^(?:play|portray|voic|appear|cameo|star|reprise|return|embodi)e?d$|^starred$|^took$", re.I
)
_ROLE_NOUNS = "|".join(map(re.escape, _LEX.role_nouns))
# "his iconic role as", "the role of", "her part of": between a verb and the part.
_ROLE_NP = re.compile(
    rf"\s+(?:one\s+of\s+)?(?:(?:his|her|their|the|a|an)\s+)?(?:[\w’'-]+\s+){{0,2}}?(?:{_ROLE_NOUNS})"
    r"(?:\s+(?:of|as))?(?=[\s,.;:!?]|$)",
    re.I,
)
# Between a person and a linking verb: auxiliaries, adverbs, "is in talks to",
# "has been confirmed to be", "who", "will reportedly"; never another name.
# Between an "as"-verb and its "as": "stars in Denis Villeneuve's sequel as",
# "join the cast of Dune Part Two as".
# (", this time as Doctor Doom": the time said between, here and after a name.)
_THIS_TIME = r"(?:this\s+time|now|once\s+again|again)"
_TO_AS = re.compile(
    rf"(?:\s+(?:[^\s,.;!?()]+\s+){{0,9}}?)?(?:\s*,\s*{_THIS_TIME}\s*,?)?"
    r"\s*\b(?:as|in\s+the\s+(?:[\w-]+\s+)?(?:role|part)\s+of)\s+",
    re.I,
)
_NEGATED = re.compile(r"(?<!\w)(?:not|n[’']t|never|no\s+longer|won[’']t|will\s+not)(?!\w)", re.I)


# --------------------------------------------------------------------------- links


def links(
    text: str,
    persons: Sequence[Person],
    marks: Sequence[Mark],
    *,
    title: str = "",
    plain: bool = False,
    described: bool = False,
) -> list[Link]:
    """Every person-part link in a sentence. People listed together ("Cynthia
    Erivo and Ariana Grande star as Elphaba and Glinda") take the listed parts
    in order, whether or not the sentence says "respectively". ``plain``: a
    casting question's part may be named by what it is ("the villain"), and
    may be the film's own title (a biopic's subject). ``described``: a part
    named by what it is, after a verb or "as", without the rest of ``plain``."""
    headline = title_case(text)
    out: list[Link] = []
    if (playing := _FRONTED_PLAYING.match(text)) is not None and (
        fronted := parse_part(text, playing.end())
    ) is not None:
        # "Playing Oskar Brandt, Kai Lennox opens": the part is no person of a list.
        persons = [p for p in persons if not fronted.start <= p.start < fronted.end]
    for group in _groups(text, persons):
        forward = _forward(text, group[-1], headline, title, plain, described)
        forward.extend(_apposed_work_part(text, group[-1], marks))
        paired = _paired(text, group, forward, title) if len(group) > 1 else []
        out.extend(paired or forward)
        backward = [link for person in group for link in _backward(text, person, marks, title)]
        out.extend(_passive_pairs(text, group, backward) if len(group) > 1 else backward)
    seen: set[tuple[int, int, int, int]] = set()
    unique: list[Link] = []
    for link in out:  # one link found on two paths is one link
        k = (link.person.start, link.part.start, link.part.end, link.at)
        if (
            k not in seen
            and not _is_work(link.part, marks, title_part=plain)
            and not _own_name(link)
        ):
            seen.add(k)
            unique.append(link)
    # "Solano joined Kai Lennox, playing Oskar Brandt": the part is the
    # nearer person's, when both reach it.
    out = [
        link
        for link in unique
        if not any(
            o.part.start == link.part.start and link.person.end <= o.person.start < link.at
            for o in unique
        )
    ]
    if _works_in_parentheses(text, marks):
        # "Hayley Atwell (Agent Carter), Pom Klementieff (Guardians of the Galaxy
        # Vol. 2)": the brackets after these names hold their other work.
        out = [link for link in out if link.how != "parenthetical"]
    return out


def _own_name(link: Link) -> bool:
    """ "Rob’s (Robert Pattinson)": a person's own name, or its short form, is no part."""
    own = key(link.person.name).split()
    part = key(link.part.text).split()
    return bool(part) and all(any(o.startswith(p) for o in own) for p in part)


_CREW_BY = re.compile(r"(?<!\w)by\s+(?:[A-Z][\w’'.-]*\s+){1,3}$")


def _works_in_parentheses(text: str, marks: Sequence[Mark]) -> bool:
    for m in re.finditer(r"\(([^();]{1,80})[;)]", text):
        # "Amelia (Ivanna Sakhno; Ahsoka, Pacific Rim: Uprising)": after a
        # semicolon, the credits of the person the brackets name.
        inside = m.group(1)
        if _CREW_BY.search(text, max(0, m.start() - 50), m.start()):
            continue  # "directed by Tobias Renn (Nightjar)": the director's credit
        if re.search(r"\b(?:19|20)\d{2}\b", inside) or any(
            m.start() < k.start and k.end < m.end() for k in marks
        ):
            return True
    return False


_LIST_SEP = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+(?i:and)\s+|\s*&\s*)")


_AS_BEFORE = re.compile(r"(?<!\w)as\s+$")


def _groups(text: str, persons: Sequence[Person]) -> list[list[Person]]:
    """Persons in order, those written as one list ("A, B and C") together."""
    named = sorted(persons, key=lambda p: p.start)
    groups: list[list[Person]] = []
    for person in named:
        if (
            groups
            and not person.stand_in
            and not groups[-1][-1].stand_in
            and _LIST_SEP.fullmatch(text, groups[-1][-1].end, person.start)
            # "casts A as Oskar Brandt, B as Ilse": a name after "as" is a part
            and not _AS_BEFORE.search(text, 0, groups[-1][-1].start)
        ):
            groups[-1].append(person)
        else:
            groups.append([person])
    return groups


def _paired(text: str, group: list[Person], forward: list[Link], title: str) -> list[Link]:
    """Each person of a list gets the part at the same place in the list of
    parts after the linking words; with no such list, none does."""
    out: list[Link] = []
    for link in forward:
        parts = [link.part]
        pos = link.part.end
        # "return as Sister Irene and the titular Nun, respectively": the
        # order is stated, so a described part pairs as a named one does.
        stated = _RESPECTIVELY.search(text, pos, pos + 160) is not None
        while len(parts) < len(group):
            sep = _LIST_SEP.match(text, pos)
            if sep is None or _RESPECTIVELY.match(text, sep.end()):
                break
            nxt = parse_part(text, sep.end(), title=title)
            # ("Ryu and his friend-turned rival Ken Masters": describing words first)
            if nxt is None or not (nxt.named or stated) or nxt.start - sep.end() > 40:
                break
            parts.append(nxt)
            pos = nxt.end
        # "According to Nexus, A and B are in talks to play Ryu and Ken,
        # respectively": the people next to the verb are the ones paired.
        people = group[-len(parts) :] if stated and 1 < len(parts) < len(group) else group
        if len(parts) == len(people) and (stated or all(p.named for p in parts)):
            for person, part in zip(people, parts, strict=True):
                out.append(
                    Link(person, part, "pair", link.verb, link.qualifier, link.past, link.at, pos)
                )
    return out


def _passive_pairs(text: str, group: list[Person], backward: list[Link]) -> list[Link]:
    """ "Hiccup and Astrid will be played by A and B": the parts listed before
    "played by" pair with the people listed after it, in order."""
    first = next((b for b in backward if b.how == "passive" and b.person is group[0]), None)
    if first is None:
        return backward
    parts = [first.part]
    while len(parts) < len(group):
        sep = _LIST_SEP_BEFORE.search(text, 0, parts[0].start)
        part = part_before(text, sep.start()) if sep is not None else None
        if part is None or not part.named:
            return backward
        parts.insert(0, part)
    paired = [
        Link(person, part, "pair", first.verb, "", first.past, first.at, group[-1].end)
        for person, part in zip(group, parts, strict=True)
    ]
    return [b for b in backward if b.how != "passive"] + paired


_LIST_SEP_BEFORE = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)$")


def _is_work(part: Part, marks: Sequence[Mark], *, title_part: bool) -> bool:
    """A named part that is another work's title is that work, not a part; a
    description that runs into one ("the antagonist of Night Harbor 2") is
    still a part, and so is the film's own title in a biopic ("as Tomas Vance")."""
    others = [m for m in marks if not m.subject or not title_part]
    if not part.named:
        return any(m.start <= part.start and part.end <= m.end for m in others)
    return part.start < part.end and any(m.start < part.end and part.start < m.end for m in others)


def _apposed_work_part(text: str, person: Person, marks: Sequence[Mark]) -> list[Link]:
    """ "Mira Solano, Glass Harbor 2's Ilse Varga, said": the part in a work,
    set beside the person."""
    comma = _APPOSED_WORK.match(text, person.end)
    if comma is None or person.stand_in:
        return []
    work = next((m for m in marks if m.start == comma.end() and m.kind != "anaphor"), None)
    owner = _POSSESSIVE.match(text, work.end) if work is not None else None
    if owner is None:
        return []
    part = parse_part(text, owner.end(), plain=False)
    if part is None or not part.named or not re.match(r"\s*[,;.)]", text[part.end :]):
        return []
    return [Link(person, part, "apposed", "’s", "", False, comma.start(), part.end)]


_FRONTED_BY = re.compile(
    r"^[‘“\"']?(?:Played|Portrayed|Voiced)\s+(?:here\s+)?by\s+(?:[\w’'-]+\s+){0,3}?$"
)
_FRONTED_PLAYING = re.compile(
    r"^[‘“\"']?(?:Playing|Portraying|Voicing|Starring\s+as|Reprising\s+(?:his|her|their)\s+role\s+as)\s+"
)
_PLAYING_THEN_PERSON = re.compile(r"\s*,\s*|\s+(?:is|was|will\s+be)\s+")
_APPOSED_WORK = re.compile(r"\s*,\s*(?:the\s+)?(?=[A-Z‘“\"'])")
_POSSESSIVE = re.compile(r"[’”\"']?[’']s\s+")


def _forward(
    text: str, person: Person, headline: bool, title: str, plain: bool, described: bool
) -> list[Link]:
    out: list[Link] = []
    pos = person.end
    # "Lady Gaga (Dr. Harleen Quinzel/Harley Quinn)"
    paren = re.match(r"\s*\(\s*(?:as\s+)?", text[pos:])
    if paren and not person.stand_in:
        part = parse_part(text, pos + paren.end())
        close = text.find(")", pos)
        if (
            part is not None
            and part.named
            and close != -1
            and part.end <= close
            and "," not in text[part.end : close]
            and not re.search(r"\d", text[pos:close])  # "(2019)": a credit, not a part
        ):
            out.append(Link(person, part, "parenthetical", "( )", "", False, pos, close + 1))
    # "said Kai Lennox, the voice of Oskar Brandt"
    voice = _APPOSED_VOICE.match(text, pos)
    if voice is not None and not person.stand_in:
        part = parse_part(text, voice.end(), title=title)
        if part is not None and part.named:
            out.append(Link(person, part, "verb", "the voice of", "voice", False, pos, part.end))
    # "Jared Leto's “Ares” character": the quoted name is the part.
    quoted = _QUOTED_PART.match(text, pos)
    if quoted is not None and not person.stand_in:
        part = Part(quoted.start(1), quoted.end(1), quoted.group(1), named=True)
        out.append(Link(person, part, "possessive", "’s", "", False, pos, part.end))
    # "Jackman's Wolverine", "Butler's “cruel, narcissistic” Feyd-Rautha"
    poss = (
        None
        if quoted
        else re.match(
            r"[’']s?\s+(?:(?:“[^”]{1,40}”|\"[^\"]{1,40}\"|[a-z][\w-]*)\s+){0,3}", text[pos:]
        )
    )
    if (
        poss
        and text[pos : pos + 1] in "’'"  # "she’s" is "she is"
        and not person.stand_in
        and not _PART_OF_VERB.search(text, 0, person.start)
    ):
        after = pos + poss.end()
        as_ = _POSSESSIVE_AS.match(text, pos)
        part = first = parse_part(text, as_.end() if as_ else after)
        if first is not None and (later := _DESCRIBED_THEN_NAME.match(text, first.end)):
            # "Pike's South African diamond company CEO Veronika Vanderberg": the
            # capitalized words first describe; the name comes after.
            part = named_part(later.start(1), later.group(1)) or first
        between = text[pos + 1 : part.start if part else after]
        if (
            part is not None
            and first is not None
            and part.named
            and (
                as_ is not None  # "Skarsgård’s performance as the vampire Count Orlok"
                or first.start == after + _lead_quotes(text, after)
                # "Skarsgård's titular undead nobleman, Count Orlok"
                or _APPOSED_NOUN.fullmatch(text, after, first.start) is not None
            )
            and not _KIN.search(between)
            and not _LOOK_AFTER.match(text, part.end)  # "Chris' Thor wig": his look, not a part
            and not _FILM_AFTER.match(text, part.end)  # "Brad Pitt's Apple Movie": whose film
            and key(part.text) not in _PLATFORMS  # "Evans' Instagram": where he posted
            and not _KIN_AFTER.match(text, part.end)  # "Nyong'o's A-list co-stars"
        ):
            out.append(Link(person, part, "possessive", "’s", "", False, pos, part.end))
    # "Voiced by Past Lives actor Greta Lee, Lilypad is ...": the part is the
    # subject the fronted phrase describes.
    fronted = _FRONTED_BY.search(text, 0, person.start)
    comma = _APPOSED_WORK.match(text, pos) if fronted is not None else None
    if fronted is not None and comma is not None and not person.stand_in:
        part = parse_part(text, comma.end())
        if part is not None and part.named:
            out.append(
                Link(person, part, "passive", fronted.group().strip(), "", False, 0, part.end)
            )
    # "Portraying the US President, Offerman opens the trailer", "Playing
    # Ilse Varga is Mira Solano": the part is the fronted participle's.
    playing = _FRONTED_PLAYING.match(text)
    if playing is not None and not person.stand_in:
        part = parse_part(text, playing.end())
        if (
            part is not None
            and part.named
            and _PLAYING_THEN_PERSON.fullmatch(text, part.end, person.start)
        ):
            out.append(Link(person, part, "verb", playing.group().strip(), "", False, 0, part.end))
    # "stars in the title role", "was cast as the titular character"
    titled = _TITLE_ROLE.match(text, pos)
    if titled and title and not _NEGATED.search(titled.group()):
        part = Part(titled.start(1), titled.end(1), title, named=True)
        out.append(
            Link(person, part, "title-role", titled.group().strip(), "", False, pos, titled.end())
        )
    if out and out[-1].how == "title-role":
        return out
    verbs: list[Link] = []
    # "He'll voice Rotta", "she's playing Ilse": the verb after the contraction.
    contraction = _CONTRACTION.match(text, pos)
    if contraction is not None and (person.stand_in or contraction.group(1) != "s"):
        pos = contraction.end()
    for path in _verb_paths(text, pos, headline):
        for start in path:  # the first verb on each path that links a part
            verb = _VERB.match(text, start)
            link = (
                _verb_link(text, person, verb, title, plain or described)
                if verb is not None
                else None
            )
            if link is not None:
                verbs.append(_reprised(link, verbs))
                break
    aside = aside_end(text, person.end)
    if aside is not None and any(v.at >= aside for v in verbs):
        # "Blunt, who won praise for her role as Kitty in Oppenheimer, plays
        # Moreno": the part the aside tells of is another film's.
        verbs = [v for v in verbs if v.at >= aside]
    bare = _BARE_AS.match(text, pos)
    if (
        out
        and out[0].how == "parenthetical"
        and (
            bare
            or _verb_follows(text, out[0].end)
            or (verbs and _WHO.match(text, out[0].end) is not None)
        )
    ):
        # "Nico Parker (The Last of Us) will portray Astrid", "stars Mason
        # Thames (The Black Phone) as Hiccup", "Ellen Vey (Nightjar), who
        # reprises her role as Mara": the brackets hold a credit.
        out = out[1:]
    out.extend(verbs)
    # "Paul Mescal as Lucius", "with Ortega as Astrid"
    if bare and not out and not _STARS_OPPOSITE.search(text, 0, person.start):
        part = parse_part(text, bare.end(), title=title, plain=plain or described)
        if part is not None:
            out.append(Link(person, part, "as", "as", "", False, pos, part.end))
    # "the actor is getting his villain on as Dementus in Furiosa": an "as" later
    # in the person's clause, taken only where the film is named right after.
    # So is "about her on-screen alter ego Dr. Kelson" later in the clause.
    late = (
        None
        if out
        else _LATE_AS.match(text, pos)
        or _LATE_AS.match(text, aside_end(text, pos) or pos)
        or _LATE_OWN_PART.match(text, pos)
    )
    if late and not _NEGATED.search(late.group()) and not _AS_SO_AS.search(late.group()):
        part = parse_part(text, late.end(), title=title)
        if part is not None and part.named:
            at = late.start("own") if late.re is _LATE_OWN_PART else late.end() - 3
            out.append(Link(person, part, "as-late", late.group().strip(), "", False, at, part.end))
    # "she will be Harley Quinn", "Butler is the warlord Feyd-Rautha"
    copular = re.match(
        r"\s+(?:will\s+be|would\s+be|is|becomes|will\s+become)\s+(?=(?:the\s+[a-z][\w-]*\s+)?[A-Z])",
        text[pos:],
        # "Kai Lennox Is Oskar Brandt In First Image", where the casting
        # question names the part ("Mira Solano Is Back" names none).
        re.I if headline and plain else 0,
    )
    if copular and not out:
        part = parse_part(text, pos + copular.end())
        if part is not None and part.named:
            out.append(
                Link(person, part, "copular", copular.group().strip(), "", False, pos, part.end)
            )
    return out


# ", who starred in Elvis last year,", ", meanwhile,", " (Agent Carter)" between
# a person and the verb.
_ASIDE = re.compile(
    # (a title's subtitle inside it: ", who directed Glass Harbor: Undertow,")
    # (an initial inside it: ", who played J. Robert Oppenheimer's wife,")
    # (American style puts the closing comma inside a title's quotes: “Salt Lines,”)
    r"\s*,\s*(?:who|whose|which|best\s+known|known)\b(?:[^,;:.]|:(?=\s+[A-Z])|(?<=\b[A-Z])\.){0,120},[”\"]?|"
    r"\s*,\s*(?:[^,;:.“”\"]|[“\"][^”\"]{1,80}[”\"])[^,;:.“”\"]{0,90}?(?:[“\"][^”\"]{1,80}[”\"][^,;:.]{0,20}?)?(?:,|(?<=,[”\"]))|"
    r"\s*\([^()]{1,60}\)|"
    r"\s+[-–—]\s+(?:(?!\s[-–—]\s)[^.;]){1,150}?\s+[-–—](?=\s)|"
    # "Oona Vey of Harbor Nights fame will play"
    r"\s+of\s+[^,;:.]{1,60}?\s+fame(?!\w)"
)
_BRACKET_CLAUSE = re.compile(r"\s*\(\s*(?:who|as\s+she|as\s+he)?(?=\s*[a-z])")
_GAP_WORD = re.compile(r"\s+([\w’'-]+)")
_DETERMINERS = frozenset(("the", "his", "her", "their", "its", "a", "an"))
_GAP_STOP = frozenset(
    ("and", "but", "or", "while", "who", "which", "said", "says", "told", "whose", "with")
)


def aside_end(text: str, pos: int) -> int | None:
    """Where an aside right after a person ends (", best known for Wildfire,")."""
    aside = _ASIDE.match(text, pos)
    return aside.end() if aside is not None else None


def _verb_paths(text: str, pos: int, headline: bool) -> list[list[int]]:
    """Where a linking verb may start after a person, path by path: right
    after the name or a few small words on ("is in talks to", "has been
    confirmed to be"), in a "who" clause about them, and after an aside; never
    past another name or a clause break."""
    who = _WHO.match(text, pos)
    paths = [_gap_positions(text, who.end() if who else pos, headline)]
    if who is not None:
        # ", who may finally shed the Elvis accent to portray ...": the
        # clause is about the person, whatever words come before its verb.
        end = re.search(r"[,;.!?()]", text[who.end() :])
        stop = who.end() + (end.start() if end else len(text) - who.end())
        paths.append([m.start() for m in _VERB.finditer(text, who.end(), stop)])
    aside = _ASIDE.match(text, pos)
    if aside is not None:
        paths.append(_gap_positions(text, aside.end(), headline))
    # "Solano (who plays Ilse Varga)": the clause in brackets is about the person.
    bracket = _BRACKET_CLAUSE.match(text, pos)
    if bracket is not None:
        paths.append(_gap_positions(text, bracket.end(), headline))
    # "Harrison Ford, playing General Ross in the film"; "X is back, reviving her
    # character of Y": a participle after the name or after the person's clause.
    for at in (pos, paths[0][-1]):
        participle = _PARTICIPLE.match(text, at)
        if participle is not None:
            paths.append([participle.end()])
    # "Mira Solano is joining Glass Harbor 2, playing Ilse", "... and play Ilse":
    # at the clause's end.
    late = _CLAUSE_THEN_PLAYING.match(text, pos)
    if late is not None:
        paths.append([late.end()])
    return paths


_BY_AGENT = re.compile(r"\s+by\s")
_POSSESSIVE_AS = re.compile(
    r"[’']s?\s+(?:[a-z][\w-]*,?\s+){0,3}?(?:(?:performance|turn|portrayal|role|casting|debut|"
    r"take|stint|transformation|character|part)\s+as|"
    # "Grant's antagonistic character is named Forge"
    r"(?:character|role|part)\s+(?:is|was|will\s+be)\s+(?:named|called))\s+"
)
# "will play Renn's love interest, Ilse": Renn owns the part described, not a part.
_PART_OF_VERB = re.compile(
    r"(?<!\w)(?:play|plays|playing|portray|portrays|portraying|as)\s+$", re.I
)
_APPOSED_NOUN = re.compile(r"[a-z][\w-]*,\s+")
_APPOSED_VOICE = re.compile(r"\s*,\s*the\s+(?:(?:new|English|original)\s+)?voice\s+of\s+")
_QUOTED_PART = re.compile(
    r"[’']s?\s+[“\"‘]([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})[”\"’]\s+"
    r"(?:character|role|part|alter\s+ego)(?!\w)"
)
_RESPECTIVELY = re.compile(r"\brespectively\b", re.I)
_PLURAL_OF = re.compile(r"(?:the\s+)?(?:[\w-]+\s+)?(?:roles|parts|characters)\s+of\s+", re.I)
_PLURAL_ROLE = re.compile(r"\b(?:roles|parts|characters)\b", re.I)
_DUAL = re.compile(r"\b(?:dual|double|twin|two)\b", re.I)
# "casts Lena Ortiz as", "has cast Wildfire actor Lena Ortiz as": the one cast
# is the object, whatever credit and epithet come before the name.
_NAME_BEFORE_AS = re.compile(
    rf"(?<![\w’']){NAME_WORD}\s+{NAME_WORD}(?![’'])\s*(?:\([^()]*\)\s*)?,?\s+as\s+$"
)
# "replace Dana Pike as Ilse": the name is the one replaced, the part the subject's.
_REPLACES = re.compile(r"replac\w*|step(?:s|ped|ping)?\s+in", re.I)
# "stars opposite Mira Solano as Ilse": the part is the subject's, not Solano's.
# (", alongside Lady Gaga as Harley Quinn" with no verb of the subject's is Gaga's.)
_OPPOSITE = re.compile(r"(?<!\w)(?:opposite|alongside)\s+$", re.I)
_STARS_OPPOSITE = re.compile(
    r"(?<!\w)(?:star|stars|starring|starred|co-?stars?|appears?|appearing)\s+(?:opposite|alongside)\s+$",
    re.I,
)
# "return in Dune: Part Three as Paul": the name is a title's.
_IN_A_TITLE = re.compile(r"(?:\bin|\bof|:)\s+(?:[\w’'.-]+\s+){0,2}$")
_CASTS_SOMEONE = re.compile(
    rf"\s+(?:(?:[\w’'.-]+\s+){{0,3}}?(?:{'|'.join(map(re.escape, _LEX.epithets))})\s+)?"
    rf"(?:{NAME_WORD}\s+){{1,3}}[Aa]s\b"
)


def _reprised(link: Link, earlier: list[Link]) -> Link:
    """ "who portrayed Paul, will reprise the role": the role is the one named before."""
    if link.part.named or not link.qualifier.startswith("reprising") or not earlier:
        return link
    before = earlier[-1]
    return Link(
        link.person, before.part, link.how, link.verb, link.qualifier, False, link.at, link.end
    )


# ", 37, who plays": an age between the name and its clause.
# (after a credit in brackets too: "Ellen Vey (Nightjar), who reprises her role")
# (or none: "chat with Cailey Fleming who plays Bea")
_WHO = re.compile(r"\s*(?:\([^()]{1,80}\))?(?:,\s*\d{1,3})?(?:,\s*|\s+)who(?=\s)")
_CONTRACTION = re.compile(r"[’'](ll|d|s|re|ve)(?=\s)")
# "Paul Mescal as Lucius", "Pedro Pascal (The Last of Us) as Reed Richards"
# (an age between: "starring Statham, 55, as"; "seeing Lennox back as")
_BARE_AS = re.compile(
    rf"(?:\s*\([^()]{{1,80}}\)|\s*,\s*\d{{1,3}}\s*(?=,))?\s*,?\s+(?:{_THIS_TIME}\s*,?\s+)?(?:back\s+)?as\s+",
    re.I,
)
_CLAUSE_THEN_PLAYING = re.compile(
    r"[^,;.!?()]{1,80}?(?:,\s*(?=(?:playing|portraying|voicing|reprising|starring\s+as)\s)|"
    # "is in talks to join the cast and play the villain": a second verb of theirs.
    r"\s+and\s+(?:(?:will|to|would|potentially|possibly|also|then)\s+){0,2}"
    r"(?=(?:play|portray|voice|star\s+as)\s))"
)
_PARTICIPLE = re.compile(r"\s*,\s*(?=(?:[a-z]+ing|cast|tapped|chosen|picked|seen)\s)")
_TITLE_ROLE = re.compile(
    r"(?:\s+[a-z][\w’'-]*){0,6}?\s+(?:in|as|into|for|play|plays|playing|voice|voices|voicing|"
    r"land|lands|landed|take\s+on|takes\s+on|taking\s+on)\s+(?:the|its)\s+"
    # "as the titular half-vampire": a noun after "titular" is the title's part too.
    r"((?:title|titular)\s+(?:role|character|part|(?!(?:track|song|theme|sequence|card|"
    r"page|fight|bout|belt|match|race|defen[cs]e)\b)(?:[a-z][\w-]*\s+)?[a-z][\w-]*))\b"
)
# "the titular character, voiced by X": the part is the film's title.
_TITULAR = re.compile(rf"(?:the\s+)?{TITULAR}", re.I)
# A word may be quoted ("feels “a lot of pressure” over her role as"), and the
# part may follow a describing noun ("as assassin Yelena Belova").
_LATE_AS = re.compile(
    r"(?:\s+[“‘\"]?[a-z][\w’'-]*[”’\"]?){1,12}\s+as\s+(?=(?:[a-z][\w-]*\s+)?[A-Z])"
)
_LATE_OWN_PART = re.compile(
    # (not past another person: "praised her co-star and his character X")
    r"(?:\s+(?!(?:and|or|with|alongside|opposite|but|co-?stars?)\b)[“‘\"]?[a-z][\w’'-]*[”’\"]?){1,12}?"
    r"\s+(?P<own>(?:his|her|their)\s+(?:[a-z][\w-]*\s+){0,2}?"
    r"(?:character|role|part|alter\s+ego))\s*,?\s+(?=[A-Z])"
)
# "as early as May", "as well as Kai Ro": a comparison, not a part.
# A determiner or a describing word before "voice" makes it a noun.
_NOUN_BEFORE = re.compile(
    r"(?<!\w)(?:a|an|the|his|her|their|its|my|your|our|[a-z]+(?:ive|al|ful|ous|ic|ing|ed))\s+$"
)
_AS_SO_AS = re.compile(r"(?<!\w)as\s+[a-z]+\s+as\s+$")


def _verb_follows(text: str, pos: int) -> bool:
    return any(_VERB.match(text, at) for at in _gap_positions(text, pos, headline=False))


def _gap_positions(text: str, pos: int, headline: bool) -> list[int]:
    out = [pos]
    previous = ""
    for _ in range(9):
        word = _GAP_WORD.match(text, pos)
        if word is None:
            break
        w = word.group(1)
        # A capital starts another name, unless a determiner puts it in a
        # phrase of this clause ("join the MCU in the role of", "his Marvel debut as").
        named = not w[:1].islower() and previous not in _DETERMINERS
        if w.casefold() in _GAP_STOP or (not headline and named):
            break
        out.append(word.start(1))
        pos = word.end()
        previous = w.casefold()
    out.append(pos)
    return [p + len(text[p:]) - len(text[p:].lstrip()) for p in dict.fromkeys(out)]


def _lead_quotes(text: str, at: int) -> int:
    rest = text[at:]
    return len(rest) - len(rest.lstrip(" ‘“\"'"))


def _verb_link(
    text: str, person: Person, verb: re.Match[str], title: str, plain: bool
) -> Link | None:
    index = int(next(k for k, v in verb.groupdict().items() if v is not None)[1:])
    pattern, how, qualifier = _VERB_ALTS[index]
    words = text[person.end : verb.end()]
    if _CASTS_SOMEONE.match(text, verb.end()) and re.fullmatch(
        r"casts?|casting|taps|tapped|hires?|hired|enlists?|enlisted", verb.group(), re.I
    ):
        return None  # "Quayside casts Lena Ortiz as ...": the one cast is the object
    if _NEGATED.search(words) or _BY_AGENT.match(text, verb.end()):
        return None  # "Pascal will be joined by Kirby as Sue": the part is Kirby's
    if qualifier == "voice" and _NOUN_BEFORE.search(text, max(0, verb.start() - 30), verb.start()):
        return None  # "a brilliant creative voice": the noun, not the verb
    # "makes a cameo", "lends her voice": the capacity is the answer when no part is named.
    capacity = Link(
        person,
        Part(verb.start(), verb.end(), qualifier, named=False),
        "verb",
        words.strip(),
        "",
        False,
        verb.start(),
        verb.end(),
    )
    pos = verb.end()
    if how == "as":
        to_as = _TO_AS.match(text, pos)
        if to_as is None:
            return capacity if qualifier == "cameo" else None
        named = _NAME_BEFORE_AS.search(text, verb.end(), to_as.end())
        if (
            named is not None
            and not _REPLACES.fullmatch(verb.group())
            and not _IN_A_TITLE.search(text, verb.end(), named.start())
            and not _OPPOSITE.search(text, verb.end(), named.start())
        ):
            return None  # "Low Tide star Kai Lennox as Oskar": the part is the name's before "as"
        pos = to_as.end()
        # "cast as the lead roles of Hiccup and Astrid": the list after it pairs up.
        plural = _PLURAL_OF.match(text, pos)
        if plural is not None:
            pos = plural.end()
    else:
        role = _ROLE_NP.match(text, pos)
        if (
            role is not None
            and _PLURAL_ROLE.search(role.group())
            and "one of" not in role.group()
            and not _DUAL.search(role.group())  # "in dual roles as": one person's parts
        ):
            if not _RESPECTIVELY.search(text, role.end(), role.end() + 120):
                return None  # "A, and B in the roles of X and Y": whose is which is not said here
            pos = role.end() + len(re.match(r"\s*,?", text[role.end() :]).group())  # type: ignore[union-attr]
        elif role is not None:
            pos = role.end()
        elif how == "role":
            return None  # "landed a release date" names no part
    role = _ROLE_NP.match(text, verb.end()) if how != "as" else None
    part = parse_part(text, pos, title=title, plain=plain)
    if part is None and role is not None and (named_role := _named_role(text, verb.end())):
        return Link(
            person, named_role, "named-role", words.strip(), "", False, verb.start(), role.end()
        )
    if part is None and role is not None and qualifier.startswith("reprising"):
        # "will reprise the role": the role named before.
        part = Part(role.start(), role.end(), "", named=False)
    if part is None:
        return capacity if qualifier in ("cameo", "voice") else None
    then = _THEN.get(pattern)
    if then is not None and not then.match(text, part.end):
        return None  # "brings her daughter along": no part is brought to life
    past = bool(_PAST_VERB.match(verb.group().split()[0]))
    return Link(person, part, "verb", words.strip(), qualifier, past, verb.start(), part.end)


# "lands the Oskar Brandt role", "for the coveted Brandt part": the name before the role noun.
_NAME_THEN_ROLE = re.compile(
    rf"\s+(?:(?:the|a)\s+)?(?:[a-z][\w-]*\s+)?((?:{TITLES}\s+)?{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}})"
    r"\s+(?:[Rr]ole|[Pp]art)(?![\w-])(?!\s+(?:of|as)\b)"
)


def _named_role(text: str, at: int) -> Part | None:
    m = _NAME_THEN_ROLE.match(text, at)
    if m is None or m.group(1).split()[0].casefold() in DESCRIPTOR_WORDS:
        return None  # "lands Lead Role": a headline capitalizes a description
    return named_part(m.start(1), m.group(1))


# "Feyd-Rautha, played by Austin Butler", "the daughter of Ryder's character is
# played by “Wednesday” star Jenna Ortega", "Astrid (played by breakout star Jenna Ortega)",
# "Mickey, played with sweet resignation by", "played brilliantly by", "will
# be brought to life by".
_PLAYED_BY = re.compile(
    r"(?P<verb>played|portrayed|voiced|embodied|brought\s+to\s+life)\s+(?:here\s+|now\s+|instead\s+|[a-z]+ly\s+|"
    r"with\s+(?:[a-z][\w-]*\s+){1,3}?)?by\s+"
    r"(?:none\s+other\s+than\s+)?(?:[^,.;()]{1,60}\s(?:himself|herself),\s+)?(?:[\w“”\"’'-]+\s+){0,3}?$"
)
# "twin brothers Smoke and Stack, both played by X": the pair is X's.
_EACH_PLAYED = re.compile(r"\s*,\s*(?:both|each|all(?:\s+(?:two|three|four))?)\s+$")
_PAIR_BEFORE = re.compile(rf"({NAME_WORD}(?:\s+{NAME_WORD}){{0,2}})\s+(?:and|&)\s+$")
# What may stand between the part and "played by", tried in this order.
_BEFORE_PLAYED = (
    # Not after "who"/"which": ", who is played by" is the second form's.
    re.compile(
        r"(?<!\bwho)(?<!\bwhich)\s+(?:is|was|are|were|will(?:\s+now)?\s+be|has\s+been|had\s+been|would\s+be|"
        r"(?:is|are|was|were)\s+(?:set|slated|expected|going|due|confirmed)\s+to\s+be)\s+"
        r"(?:(?:once\s+again|now|also|again|still|currently|being)\s+)*$"
    ),
    re.compile(r"\s*,\s*(?:(?:who|which)\s+(?:is|was|will\s+be)\s+)?$"),
    _EACH_PLAYED,
    re.compile(r"\s*\(\s*$"),
    re.compile(r"\s*,?\s*(?:a|an|the)\s+(?:[\w’'-]+\s+){1,3}$"),
    re.compile(r"\s+$"),
)


# The part first, the person last: "Playing X is P", "Taking on the role of X
# will be P", "The role of X went to P", "has found its X: P", "As X, P ...".
_INVERTED_TAIL = re.compile(
    r"(?P<copula>\s*,?\s+(?:is|will\s+be|would\s+be|was)\s+|\s*:\s*|\s+in\s+)"
    r"|(?P<goes>\s+(?:goes|went|has\s+gone|had\s+gone|will\s+go|is\s+going|falls|fell)\s+to\s+)"
    r"|(?P<comma>\s*,\s*)"
    r"(?:(?:actor|actress|star|newcomer|veteran)\s+)?$"
)
_ROLE_OF = r"(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:role|part)\s+of\s+"
_INVERTED_LEAD = {
    "copula": re.compile(
        rf"(?:^|[.;!?]\s+|,\s+|\band\s+)(?:playing|portraying|voicing|cast\s+as|"
        rf"(?:taking\s+on|stepping\s+into|in)\s+{_ROLE_OF})\s*[“\"‘']?$",
        re.I,
    ),
    "found": re.compile(r"\b(?:found|finds|has\s+found|have\s+found)\s+(?:its|their|his|her)\s+$"),
    "goes": re.compile(r"(?:^|[.;!?:]\s+|,\s+)[Tt]he\s+(?:[\w-]+\s+){0,2}?(?:role|part)\s+of\s+$"),
    "comma": re.compile(r"(?:^|[.;!?]\s+)As\s+(?:the\s+)?$"),
}
_LEAD_WORD = re.compile(r"(?:Playing|Portraying|Voicing|As)\s+")
_TITLE_ROLE_LEAD = re.compile(
    r"(?:^|[.;!?]\s+|,\s+)in\s+the\s+(?:title|titular)\s+role\s*(?:,\s*)?(?:is|will\s+be|:)\s+$",
    re.I,
)


def _inverted(text: str, person: Person, title: str) -> Link | None:
    head = text[: person.start]
    if person.stand_in:
        return None
    if title and (titled := _TITLE_ROLE_LEAD.search(head)) is not None:
        part = Part(titled.start(), titled.end(), title, named=True)
        return Link(
            person,
            part,
            "title-role",
            titled.group().strip(),
            "",
            False,
            titled.start(),
            person.end,
        )
    tail = _INVERTED_TAIL.search(head, max(0, len(head) - 40))
    if tail is None:
        return None
    named = part_before(text, tail.start())
    if named is None or not named.named or named.end != tail.start():
        return None
    # "Playing Ilse Varga is ...": a sentence's first word is capitalized too.
    first = _LEAD_WORD.match(named.text)
    if first is not None:
        named = named_part(named.start + first.end(), named.text[first.end() :])
        if named is None:
            return None
    part = named
    before = text[: part.start]
    kind = tail.lastgroup or ""
    if kind == "copula" and tail.group().strip() in (":", "in"):
        kind = "found"
    lead = _INVERTED_LEAD[kind].search(before)
    if lead is None:
        return None
    return Link(person, part, "inverted", lead.group().strip(), "", False, lead.start(), person.end)


# "from" only after a way of coming: "learns from Eva Stratt (X)" is a person.
_PLACE_BEFORE = re.compile(
    r"(?<!\w)(?:to|in|at|into|across|through|near|(?:travels?|traveled|travelled|comes?|came|"
    r"flees?|fled|escapes?|escaped|returns?|returned|arrives?|arrived|hails?|hailing|far)\s+from)\s+$"
)


def _backward(text: str, person: Person, marks: Sequence[Mark], title: str) -> list[Link]:
    out: list[Link] = []
    head = text[: person.start]
    inverted = _inverted(text, person, title)
    if inverted is not None:
        out.append(inverted)
    played = _PLAYED_BY.search(head, max(0, len(head) - 80))
    if played is not None and not person.stand_in:
        before = head[: played.start()]
        for pattern in _BEFORE_PLAYED:
            aux = pattern.search(before)
            if aux is not None:
                part = part_before(text, aux.start())
                pair = _PAIR_BEFORE.search(text, 0, part.start) if part is not None else None
                if part is not None and pattern is _EACH_PLAYED and pair is not None:
                    part = Part(pair.start(1), part.end, text[pair.start(1) : part.end], named=True)
                if part is not None and title and _TITULAR.fullmatch(part.text):
                    part = Part(part.start, part.end, title, named=True)
                if part is not None and not part.named and _PLURAL_END.search(part.text):
                    part = None  # "The protagonists will be played by A and B": whose is which?
                if part is not None:
                    past = bool(re.search(r"\b(?:was|had\s+been|were)\b", aux.group()))
                    verb = text[aux.start() : played.end()].strip()
                    out.append(
                        Link(person, part, "passive", verb, "", past, played.start(), person.end)
                    )
                break
    # "Batman himself, Lyle Orr, ..."
    himself = re.search(
        rf"((?:{TITLES}\s+)?{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}})\s+(?:himself|herself|themselves)\s*,\s*$",
        head,
    )
    if (
        himself is not None
        and not person.stand_in
        and himself.group(1).split()[0].casefold() not in NOT_NAME
    ):
        part = Part(himself.start(1), himself.end(1), himself.group(1), named=True)
        out.append(
            Link(person, part, "apposed", "himself,", "", False, himself.start(1), person.end)
        )
    # "her daughter Astrid (Jenna Ortega)", "Yelena Belova/Black Widow (Florence Pugh)",
    # "Tails the Fox (Colleen Vey)", "Ember (Nightfall's Leah Vance)"
    paren = re.search(
        rf"((?:{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}}/(?:the\s+)?)?"
        rf"{NAME_WORD}(?:\s+(?:{NAME_WORD}|{QUOTED_NICKNAME}|(?:the|of)(?=\s+[A-Z]))){{0,3}})"
        r"(?:[’']s?)?\s*\(\s*(?:(?:the\s+)?voice\s+of\s+)?"
        # "Ember (Nightfall's Leah Vance)": a credit before the person.
        r"(?:[A-Z][\w’'.:&-]*(?:\s+[A-Z0-9][\w’'.:&-]*){0,4}[’']s\s+)?$",
        head,
    )
    close = re.match(r"\s*(?:\)|(?:and|&|,|;)\s[^()]{0,60}\))", text[person.end :])
    if (
        paren is not None
        and close is not None
        and not person.stand_in
        and not _PLACE_BEFORE.search(head, 0, paren.start(1))  # "travels to Transylvania (X)"
    ):
        part = named_part(paren.start(1), paren.group(1))
        if part is not None and "/" in part.text:
            part = replace(part, alternatives=tuple(a.strip() for a in part.text.split("/")))
        if part is not None and not re.search(r"\d", part.text):
            out.append(
                Link(
                    person,
                    part,
                    "parenthetical",
                    "( )",
                    "",
                    False,
                    paren.start(1),
                    person.end + close.end(),
                )
            )
    return out
