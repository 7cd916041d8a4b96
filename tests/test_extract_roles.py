"""watcher.extract.roles: the person-part links of a sentence, by the shapes
trade prose writes casting in."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from watcher.extract.people import people
from watcher.extract.roles import links
from watcher.extract.text import Sentence

KNOWN = ("Mira Solano", "Solano")


def pairs(
    text: str, known: tuple[str, ...] = KNOWN, *, title: str = ""
) -> list[tuple[str, str, str]]:
    (found,) = people([Sentence(0, text, title=False, line=True)], known)
    return [
        (link.person.name, link.part.text, link.how) for link in links(text, found, (), title=title)
    ]


@pytest.mark.parametrize(
    ("text", "how"),
    [
        ("Mira Solano plays Ilse Varga.", "verb"),
        ("Mira Solano is in talks to play Ilse Varga.", "verb"),
        ("Mira Solano, who joined in May, will portray Ilse Varga.", "verb"),
        ("Mira Solano, who directed Wildfire: Embers, is portraying Ilse Varga.", "verb"),
        ("Mira Solano, meanwhile, stars as Ilse Varga.", "verb"),
        ("Mira Solano (Wildfire) plays Ilse Varga.", "verb"),
        ("The sequel stars Mira Solano as Ilse Varga.", "as"),
        ("Mira Solano's Ilse Varga runs the harbor.", "possessive"),
        ("It co-stars Mira Solano (Ilse Varga).", "parenthetical"),
        ("Ilse Varga (Mira Solano) runs the harbor.", "parenthetical"),
        ("Ilse Varga, played by Mira Solano, runs the harbor.", "passive"),
        ("Ilse Varga, a smuggler played by Mira Solano, runs the harbor.", "passive"),
        ("He meets the smuggler Ilse Varga, who is played by Mira Solano.", "passive"),
        ("Ilse Varga herself, Mira Solano, was there.", "apposed"),
        ("Mira Solano is the captain Ilse Varga.", "copular"),
    ],
)
def test_links_by_their_shape(text: str, how: str) -> None:
    assert ("Mira Solano", "Ilse Varga", how) in pairs(text)


def test_listed_people_take_listed_parts_in_order() -> None:
    text = (
        "Kai Lennox and Mira Solano reprise their roles as Oskar Brandt and "
        "Ilse Varga, respectively."
    )
    assert set(pairs(text)) >= {
        ("Kai Lennox", "Oskar Brandt", "pair"),
        ("Mira Solano", "Ilse Varga", "pair"),
    }
    text = (
        "It stars Kai Lennox, Pia Dorn and Mira Solano as Oskar Brandt, June Carver and Ilse Varga."
    )
    assert ("Mira Solano", "Ilse Varga", "pair") in pairs(text)


def test_someone_else_with_the_surname_is_someone_else() -> None:
    assert pairs("Pia Solano plays Ilse Varga.")[0][0] == "Pia Solano"


@pytest.mark.parametrize(
    "text",
    [
        "Mira Solano won't play Ilse Varga.",
        "Who is Mira Solano playing?",
        "Mira Solano's father Tomas Solano visited the set.",
        "Mira Solano's Ilse Varga wig is on display.",
    ],
)
def test_no_link(text: str) -> None:
    assert [p for p in pairs(text) if p[0] == "Mira Solano"] == []


def test_the_title_role() -> None:
    assert ("Mira Solano", "Glass Harbor", "title-role") in pairs(
        "Mira Solano stars in the title role.", title="Glass Harbor"
    )


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["plays", "PLAYS", "will play", "stars as", "lent", "her", "voice", "to", "cast",
             "as", "Reeves", "’", "'", "-", "replaces", "takes over", "role", "of", "in"]
        )
        | st.text(max_size=3),
        max_size=12,
    ).map(" ".join)
)  # fmt: skip
def test_the_verb_pattern_finds_what_it_did_with_a_lookbehind_per_verb(text: str) -> None:
    from watcher.extract import roles

    per_verb = re.compile(
        "|".join(
            f"(?P<v{i}>(?<![\\w’']){p}(?![\\w’'-]))" for i, (p, _, _) in enumerate(roles._VERB_ALTS)
        ),
        re.I,
    )
    assert [(m.span(), m.lastgroup) for m in roles._VERB.finditer(text)] == [
        (m.span(), m.lastgroup) for m in per_verb.finditer(text)
    ]
    for at in range(len(text)):
        a, b = roles._VERB.match(text, at), per_verb.match(text, at)
        assert (a and (a.span(), a.lastgroup)) == (b and (b.span(), b.lastgroup))
