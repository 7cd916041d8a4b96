"""feeds.yaml loading: the shipped file, overrides, and errors that name file, key and fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from watcher.config import load_config
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
            "WATCHER_NOTIFY": "json://b/, mailto://c@d",
        },
    )
    assert config.database == "postgresql+psycopg://u@h/db"
    assert [t.url for t in config.notify] == ["json://b/", "mailto://c@d"]


def test_notify_targets_with_tags_and_env_references(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "notify:\n  - json://plain/\n  - {url: 'mailto://me:${PW}@host', tags: [ballerina]}\n",
    )
    config = load_config(path, environ={"PW": "s3cret"})
    assert config.notify[0].tags == ()
    assert config.notify[1].url == "mailto://me:s3cret@host"
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
        ("poll: {concurrency: 0}\n", "poll.concurrency", "greater than or equal to 1"),
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
