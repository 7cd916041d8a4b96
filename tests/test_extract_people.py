"""watcher.extract.people: who is named, and who "she" or "the actress" is."""

from __future__ import annotations

from watcher.extract.people import people
from watcher.extract.text import Sentence

KNOWN = ("Mira Solano", "Solano")


def sentence(text: str) -> Sentence:
    return Sentence(0, text, title=False, line=True)


def test_a_stand_in_is_the_last_of_the_films_people() -> None:
    sentences = [
        sentence("Mira Solano joined the cast."),
        sentence("The Daily Reel broke the news on Monday."),
        sentence("The Wildfire actress will play Ilse Varga."),
    ]
    found = people(sentences, KNOWN, cast=("Mira Solano",))
    stand_ins = [p for p in found[2] if p.stand_in]
    assert [p.name for p in stand_ins] == ["Mira Solano"]


def test_a_first_name_or_surname_alone_is_the_full_name_written_elsewhere() -> None:
    sentences = [
        sentence("Kai Lennox signed on."),
        sentence("Later, Kai met the crew; Lennox plays Oskar Brandt."),
    ]
    found = people(sentences, ())[1]
    assert {p.name for p in found if p.name.endswith("Lennox")} == {"Kai Lennox"}
    assert [sentences[1].text[p.start : p.end] for p in found if p.name == "Kai Lennox"] == [
        "Kai",
        "Lennox",
    ]
