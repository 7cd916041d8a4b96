"""watcher.extract.parts: a part named or described after its linking words."""

from __future__ import annotations

import pytest

from watcher.extract.parts import parse_part


@pytest.mark.parametrize(
    ("text", "part", "named"),
    [
        ("an older Oskar Brandt in the sequel", "Oskar Brandt", True),
        ("the villainous Captain Ilse Varga", "Captain Ilse Varga", True),
        ("a grown-up version of Ilse Varga", "Ilse Varga", True),
        ("Dr Ilse Varga, better known as the Harbor Witch", "Dr Ilse Varga", True),
        ("the daughter of Oskar Brandt", "the daughter of Oskar Brandt", False),
        ("Brandt's estranged daughter, Ilse.", "Ilse", True),
        ("himself in a cameo", "himself", True),
    ],
)
def test_parts_named_or_described(text: str, part: str, named: bool) -> None:
    found = parse_part(text, 0, plain=False)
    assert found is not None and (found.text, found.named) == (part, named)


def test_aliases_of_a_part_are_kept() -> None:
    found = parse_part("Dr Ilse Varga, better known as the Harbor Witch", 0)
    assert found is not None and "Harbor Witch" in " ".join(found.alternatives)
