"""feeds.yaml loading: the shipped file, overrides, and errors that name file, key and fix."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from watcher.config import Config, FeedConfig, load_config
from watcher.config_rules import check_targets
from watcher.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "feeds.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_config_loads_with_the_contract_question_ids() -> None:
    config = load_config(ROOT / "feeds.yaml", environ={})
    assert len(config.feeds) >= 9
    (subject,) = [s for s in config.subjects if s.id == "ballerina"]
    assert [q.id for q in subject.questions] == ["release-date", "reeves-role", "first-look"]
    assert [q.kind for q in subject.questions] == ["date", "text", "image"]
    # A relative SQLite path is taken from the config file's folder.
    assert config.database == f"sqlite:///{ROOT / 'state' / 'watcher.db'}"


def test_durations_sizes_and_defaults(tmp_path: Path) -> None:
    config = load_config(
        write(
            tmp_path,
            "poll: {interval: 15m, max_body: 2MiB, timeouts: {total: 90s}}\n"
            "feeds:\n  - {name: a, url: 'http://127.0.0.1/a', interval: 2h}\n",
        ),
        environ={},
    )
    assert config.poll.interval == 900
    assert config.poll.max_body == 2 * 1024 * 1024
    assert config.poll.timeouts.total == 90
    assert config.poll.timeouts.connect == 10  # default kept
    assert config.feeds[0].interval == 7200
    assert config.feeds[0].enabled is True


def test_environment_overrides_database_and_notify(tmp_path: Path) -> None:
    path = write(tmp_path, "database: sqlite:///x.db\nnotify: [json://a/]\n")
    config = load_config(
        path,
        environ={
            "WATCHER_DATABASE_URL": "postgresql+psycopg://u@h/db",
            "WATCHER_NOTIFY": "json://b/, mailto://c@d.example",
        },
    )
    assert config.database == "postgresql+psycopg://u@h/db"
    assert [t.url for t in config.notify] == ["json://b/", "mailto://c@d.example"]


def test_notify_targets_with_tags_and_env_references(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "notify:\n  - json://plain/\n"
        "  - {url: 'mailto://me:${PW}@mail.example', tags: [ballerina]}\n",
    )
    config = load_config(path, environ={"PW": "s3cret"})
    assert config.notify[0].tags == ()
    assert config.notify[1].url == "mailto://me:s3cret@mail.example"
    assert config.notify[1].tags == ("ballerina",)
    with pytest.raises(ConfigError, match=r"\$\{PW\}, which is not set"):
        load_config(path, environ={})


@pytest.mark.parametrize(
    ("text", "key", "message"),
    [
        ("feeds:\n  - name: a\n", "feeds[0].url", "is required"),
        ("feeds:\n  - {name: a, url: ftp://x}\n", "feeds[0].url", "not an http(s) URL"),
        (
            "feeds:\n  - {name: a, url: 'http://x', interval: soon}\n",
            "feeds[0].interval",
            "duration",
        ),
        (
            "feeds:\n  - {name: a, url: 'http://x', intervl: 5m}\n",
            "feeds[0].intervl",
            "unknown key",
        ),
        ("poll: {concurrency: 0}\n", "poll.concurrency", "0 is too small (write at least 1)"),
        (
            "feeds:\n  - {name: a, url: 'http://x'}\n  - {name: a, url: 'http://y'}\n",
            None,
            "feed name 'a' appears twice",
        ),
        (
            "subjects:\n  - id: s\n    name: S\n    questions:\n      - {id: q, kind: colour}\n",
            "subjects[0].questions[0].kind",
            "'colour' is not a kind of question; use date, text, image",
        ),
        ("subjects:\n  - {id: Bad Id, name: S}\n", "subjects[0].id", "not an id"),
        ("feeds: [\n", "line 2", "not valid YAML"),
        ("- just\n- a list\n", None, "top level must be a mapping"),
    ],
)
def test_errors_name_the_file_the_key_and_what_is_wrong(
    tmp_path: Path, text: str, key: str | None, message: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path, environ={})
    error = info.value
    assert error.path == str(path)
    assert str(path) in str(error)
    if key is not None:
        assert error.key is not None and error.key.startswith(key)
    assert message in str(error)


def test_missing_file_says_how_to_point_at_one(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="WATCHER_CONFIG"):
        load_config(tmp_path / "nope.yaml", environ={})


PUBLIC = "feeds:\n  - {name: Deadline, url: 'https://deadline.com/feed/'}\n"


@pytest.mark.parametrize(
    ("text", "key", "message", "hint"),
    [
        ("", None, "is empty", "start from the shipped feeds.yaml"),
        ("# only a comment\n", None, "is empty", "feeds:"),
        (
            "subjects:\n  - {id: s, name: S}\n",
            "subjects[0].questions",
            "subject 's' has no questions",
            "add one",
        ),
        (
            "subjects:\n  - {id: s, name: S, questions: []}\n",
            "subjects[0].questions",
            "has no questions",
            "add one",
        ),
        (PUBLIC + "database: a.db\ndatabase: b.db\n", "database", "appears twice", "keep one"),
        (
            "feeds:\n  - name: a\n    url: 'http://127.0.0.1/a'\n    url: 'http://127.0.0.1/b'\n",
            "feeds[0].url",
            "appears twice (lines 3 and 4)",
            "keep one",
        ),
        (
            "feeds:\n  - {name: Deadline, url: 'https://deadline.com/feed/', interval: 5}\n",
            "feeds[0].interval",
            "5s is below the minimum of 1m for 'Deadline', a public feed",
            "write 1m or more",
        ),
        (PUBLIC + "poll: {interval: 30s}\n", "poll.interval", "below the minimum of 1m", "1m"),
        (PUBLIC + "poll: {min_interval: 10s}\n", "poll.min_interval", "below the minimum", "1m"),
        (
            "database: postgres://me:pw@db.example/watch\n",
            "database",
            "postgres:// names no driver watcher ships",
            "write postgresql+psycopg://me:***@db.example/watch",
        ),
        ("database: mysql://db/w\n", "database", "not a database URL", "postgresql+psycopg://"),
        ("poll: {concurrency: lots}\n", "poll.concurrency", "'lots' is not a whole number", None),
        ("poll: {concurrency: 2.5}\n", "poll.concurrency", "2.5 is not a whole number", None),
        (
            "feeds:\n  - {name: a, url: 'http://127.0.0.1/', enabled: maybe}\n",
            "feeds[0].enabled",
            "'maybe' is not true or false",
            None,
        ),
        ("feeds: {a: 1}\n", "feeds", "a mapping is not a list", None),
        ("poll: 5\n", "poll", "5 is not a mapping of `key: value` lines", None),
        ("subjects:\n  - {id: s, name: [a]}\n", "subjects[0].name", "a list is not text", None),
        (
            "feeds:\n  - {name: '', url: 'http://127.0.0.1/'}\n",
            "feeds[0].name",
            "not be empty",
            None,
        ),
    ],
)
def test_refused_with_file_key_and_fix(
    tmp_path: Path, text: str, key: str | None, message: str, hint: str | None
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path, environ={})
    error = info.value
    assert (error.path, error.key) == (str(path), key)
    assert message in error.message
    if hint is not None:
        assert error.hint is not None and hint in error.hint
    # The validator's own wording never reaches the user.
    assert "Input should" not in str(error) and "pydantic" not in str(error)


def test_fast_polling_is_allowed_for_the_owners_own_servers(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "poll: {interval: 1s, min_interval: 1s}\nfeeds:\n"
        "  - {name: a, url: 'http://127.0.0.1:8080/feed'}\n"
        "  - {name: b, url: 'http://localhost/feed', interval: 5}\n"
        "  - {name: c, url: 'http://192.168.1.20/feed', interval: 2s}\n"
        "  - {name: d, url: 'https://deadline.com/feed/', interval: 1m}\n",
    )
    config = load_config(path, environ={})
    assert [f.interval for f in config.feeds] == [None, 5, 2, 60]


@pytest.mark.parametrize(
    ("targets", "key", "message", "hint"),
    [
        (
            "['json://127.0.0.1/ok', 'slak://T1/B1/C1']",
            "notify[1]",
            "slak:// is not a service apprise knows",
            "did you mean slack://?",
        ),
        ("['mailto://c@d']", "notify[0]", "cannot read this mailto:// URL", "apprise/wiki"),
        ("['no-scheme-here']", "notify[0]", "'no-scheme-here' is not a URL", "json://"),
    ],
)
def test_notify_targets_apprise_cannot_use_are_config_errors(
    tmp_path: Path, targets: str, key: str, message: str, hint: str
) -> None:
    config = load_config(write(tmp_path, f"notify: {targets}\n"), environ={})
    with pytest.raises(ConfigError) as info:
        check_targets(config, environ={})
    assert (info.value.key, info.value.path) == (key, str(config.path))
    assert message in info.value.message and info.value.hint and hint in info.value.hint


def test_environment_overrides_are_checked_and_named(tmp_path: Path) -> None:
    path = write(tmp_path, PUBLIC)
    environ = {"WATCHER_NOTIFY": "json://a/ slak://x/y/z"}
    with pytest.raises(ConfigError) as info:
        check_targets(load_config(path, environ=environ), environ)
    assert info.value.key == "notify[1] (from WATCHER_NOTIFY)"
    with pytest.raises(ConfigError) as info:
        load_config(path, environ={"WATCHER_DATABASE_URL": "postgres://h/db"})
    assert info.value.key == "database (from WATCHER_DATABASE_URL)"
    assert info.value.hint == "write postgresql+psycopg://h/db"


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("90", 90), ("90s", 90), ("15m", 900), ("1h30m", 5400), ("1d 12h", 129600), ("2.5m", 150)],
)
def test_durations_accept_compound_forms(tmp_path: Path, text: str, seconds: float) -> None:
    path = write(tmp_path, f"poll: {{interval: '{text}'}}\n")
    assert load_config(path, environ={}).poll.interval == seconds


@pytest.mark.parametrize("text", ["1h30", "1m1", "soon", "h", "-5m", "1" * 40 + "x"])
def test_ambiguous_or_malformed_durations_are_refused(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, PUBLIC + f"poll: {{interval: '{text}'}}\n")
    with pytest.raises(ConfigError) as info:
        load_config(path, environ={})
    assert info.value.key == "poll.interval"
    assert info.value.message == f"{text!r} is not a duration; write e.g. 30m, 2h, 1h30m, 90s or 1d"


def test_postgresql_without_its_extra_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "database: postgresql+psycopg://me@db.example/watch\n" + PUBLIC)
    assert load_config(path, environ={}).database.startswith("postgresql+psycopg://")
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as in the default, SQLite-only install
    with pytest.raises(ConfigError) as info:
        load_config(path, environ={})
    assert info.value.key == "database"
    assert info.value.hint == "pip install 'watcher[postgres]'"


@pytest.mark.parametrize(
    ("text", "key", "message", "hint"),
    [
        (
            "poll: {articles: sometimes}\n",
            "poll.articles",
            "'sometimes' is not accepted here",
            "'auto', 'always' or 'never'",
        ),
        (
            "feeds:\n  - {name: a, url: 'http://127.0.0.1/', articles: yes}\n",
            "feeds[0].articles",
            "True is not accepted here",
            "'auto', 'always' or 'never'",
        ),
        (
            "subjects:\n  - {id: s, name: S, search: [bing], questions: [{id: q, kind: date}]}\n",
            "subjects[0].search[0]",
            "'bing' is not accepted here",
            "'google-news'",
        ),
        (
            "feeds:\n  - {name: a, url: 'http://127.0.0.1/', search_for: s}\n",
            "feeds[0].search_for",
            "unknown key",
            "search: [google-news]",
        ),
        (
            "feeds:\n  - {name: 'Google News: S', url: 'http://127.0.0.1/'}\n"
            "subjects:\n  - {id: s, name: S, search: google-news,\n"
            "     questions: [{id: q, kind: date}]}\n",
            "subjects[0].search[0]",
            "would be named 'Google News: S'",
            "rename that feed",
        ),
    ],
)
def test_article_and_search_settings_are_refused_with_file_key_and_fix(
    tmp_path: Path, text: str, key: str, message: str, hint: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path, environ={})
    error = info.value
    assert (error.path, error.key) == (str(path), key)
    assert message in error.message
    assert error.hint is not None and hint in error.hint


def test_a_subjects_search_is_an_hourly_aggregator_feed(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "poll: {articles: never}\n"
        "feeds:\n  - {name: Trade, url: 'https://trade.example/feed/', articles: always}\n"
        "subjects:\n"
        "  - id: lantern\n    name: The Lantern Keeper\n    context: [Mira Okafor]\n"
        "    search: [google-news]\n    questions: [{id: release-date, kind: date}]\n",
    )
    config = load_config(path, environ={})
    trade, search = config.feeds
    assert (config.poll.articles, trade.articles, search.articles) == ("never", "always", None)
    assert search.name == "Google News: The Lantern Keeper"
    assert search.url.startswith("https://news.google.com/rss/search?q=%22The+Lantern+Keeper%22")
    assert (search.interval, search.tags, search.search_for) == (
        3600,
        ("aggregator", "search"),
        "lantern",
    )


def test_the_shipped_config_lists_its_news_search_as_a_feed_a_replay_replaces() -> None:
    """A replay (the evaluation harness, the timeline tests) swaps in its own
    feed list and keeps the subjects: a subject-level search would then reach
    the internet from inside it."""
    config = load_config(ROOT / "feeds.yaml", environ={})
    assert not any(f.search_for for f in config.feeds)
    assert not any(s.search for s in config.subjects)
    (search,) = [f for f in config.feeds if "news.google.com" in f.url]
    assert "aggregator" in search.tags


def test_a_copy_with_other_feeds_finds_its_own_feeds_by_name() -> None:
    first = Config(feeds=(FeedConfig(name="a", url="http://127.0.0.1/a"),))
    assert first.feed("a") is not None  # its index is built
    copy = first.model_copy(update={"feeds": (FeedConfig(name="b", url="http://127.0.0.1/b"),)})
    assert copy.feed("a") is None and copy.feed("b") is not None
    assert first.feed("a") is not None and first.feed("b") is None


def test_a_feed_holds_only_its_values() -> None:
    """A config lists thousands of feeds: each is a slotted value, without a
    ``__dict__`` or a record of which fields were given, and validated as a
    model would be."""
    feed = FeedConfig(name="a", url=" http://127.0.0.1/a ")
    assert not hasattr(feed, "__dict__")
    assert feed.url == "http://127.0.0.1/a"
    assert feed == FeedConfig(name="a", url="http://127.0.0.1/a", enabled=True)
    assert hash(feed) == hash(FeedConfig(name="a", url="http://127.0.0.1/a"))
    with pytest.raises(AttributeError):
        feed.name = "b"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("feed", "key", "message"),
    [
        ("http://127.0.0.1/a", "feeds[0]", "is not a mapping of `key: value` lines"),
        ("{name: a, url: 'http://127.0.0.1/a', every: 5m}", "feeds[0].every", "unknown key"),
        ("{name: '', url: 'http://127.0.0.1/a'}", "feeds[0].name", "must not be empty"),
    ],
)
def test_a_feed_entry_is_explained_as_before(
    tmp_path: Path, feed: str, key: str, message: str
) -> None:
    path = write(tmp_path, f"feeds:\n  - {feed}\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path, environ={})
    assert caught.value.key == key
    assert message in str(caught.value)
