"""watcher.extract.lexicon: the shipped word lists load, and a broken data file
names the key that is wrong."""

from __future__ import annotations

from importlib import resources

import pytest

from watcher.extract.lexicon import EVENT_KINDS, LexiconError, load, parse


def shipped() -> str:
    return resources.files("watcher.extract.lexicon").joinpath("en.toml").read_text("utf-8")


def test_the_shipped_lexicon_has_every_list_filled() -> None:
    lexicon = load("en")
    assert len(lexicon.months) == 12 and len(lexicon.weekdays) == 7
    assert all(lexicon.events[kind] for kind in EVENT_KINDS)
    assert {h.key for h in lexicon.holidays} >= {"christmas", "thanksgiving"}
    assert all(verb.words for verb in lexicon.role_verbs)


def test_an_unknown_language_is_named() -> None:
    with pytest.raises(LexiconError, match=r"xx\.toml"):
        load("xx")


def test_a_missing_key_is_named_by_its_path() -> None:
    broken = shipped().replace("take_off = [", "taken_off = [", 1)
    with pytest.raises(LexiconError, match=r"en\.toml: missing key 'release\.take_off'"):
        parse("en", "en.toml", broken)


def test_a_list_of_the_wrong_shape_is_named() -> None:
    broken = shipped().replace("take_off = [", "take_off = 3\nunused = [", 1)
    with pytest.raises(LexiconError, match=r"release\.take_off must be a list of strings"):
        parse("en", "en.toml", broken)


def test_a_holiday_on_an_unknown_weekday_is_named() -> None:
    broken = shipped().replace('weekday = "Thursday"', 'weekday = "Thorsday"', 1)
    assert broken != shipped()
    with pytest.raises(LexiconError, match=r"dates\.holidays\.thanksgiving\.weekday"):
        parse("en", "en.toml", broken)


def test_invalid_toml_is_reported_with_the_file() -> None:
    with pytest.raises(LexiconError, match=r"^en\.toml: "):
        parse("en", "en.toml", "[dates\nmonths = ")
