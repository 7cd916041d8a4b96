"""One masker for every URL printed or logged: each kind of URL keeps what
people need to recognise it and loses only its secrets."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from tests.conftest import ROOT
from tests.feedserver import FeedServer, rss
from watcher.cli import cli
from watcher.masking import mask_text, mask_url, scrub

SECRETS = [
    ("json://user:hunter22@127.0.0.1:9/hook", "hunter22"),
    ("mailtos://me:app-pass-99@smtp.gmail.com?to=me@example.com", "app-pass-99"),
    ("mailto://127.0.0.1:25?from=a@b.com&to=c@d.com&pass=topsecret1", "topsecret1"),
    ("discord://123456789012345678/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefgh", "AbCdEfGhIjKl"),
    ("slack://T1JJ3T3L2/A1BRTD4JD/TIiajkdnlazkcOXrIdevi7FQ/#general", "TIiajkdnlazk"),
    ("tgram://123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/-100123", "AAHdqTcvCH1v"),
    ("pover://uQiRzpo4DXghDmr9QzzfQu27cmVRsG@azGDORePK8gMaC0QOYAMyEEuzJnyUi", "azGDORePK8g"),
    ("pover://uQiRzpo4DXghDmr9QzzfQu27cmVRsG@azGDORePK8gMaC0QOYAMyEEuzJnyUi", "uQiRzpo4DXg"),
    ("ntfys://tk_AgQdq7mVBoFD37zQVN29RhuMzNIz2@ntfy.sh/topic", "AgQdq7mVBoFD"),
    ("ntfy://ntfy.sh/topic?token=tk_AgQdq7mVBoFD37zQVN29RhuMzNIz2", "AgQdq7mVBoFD"),
    ("mqtt://user:mqttpass1@127.0.0.1:1883/topic", "mqttpass1"),
    ("gotify://gotify.example.com/AbCdEf123456789", "AbCdEf123456789"),
    ("pbul://o.gn5kj6nfhv736I7jC3cj3QLRiyhgl98b", "gn5kj6nfhv736"),
    ("matrix://user:matrixtoken@matrix.org/#room", "matrixtoken"),
    ("ses://user@example.com/AKIAIOSFODNN7EXAMPLE/wJalrXUtnFEMIK7MDENGbPxRfiCY/us-west-2", "wJalr"),
    ("https://hooks.example.com/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX", "XXXXXXXXXXXX"),
    ("unknown://user:pw123@host/path?apikey=k3y", "pw123"),
    ("unknown://user:pw123@host/path?apikey=k3y", "k3y"),
]


@pytest.mark.parametrize(("url", "secret"), SECRETS)
def test_masks_the_secret_of_common_apprise_urls(url: str, secret: str) -> None:
    label = mask_url(url)
    assert secret not in label
    assert label.split("://")[0] == url.split("://")[0]
    assert secret not in scrub(f"could not send to {url}", url)


def test_keeps_what_people_need_to_recognise_a_target() -> None:
    assert mask_url("json://127.0.0.1:8080/hook") == "json://127.0.0.1:8080/hook"
    assert mask_url("mailto://me:pw@smtp.example.com?to=me@example.com").startswith(
        "mailto://me:***@smtp.example.com"
    )


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:///state/watcher.db",
        "sqlite:////var/lib/watcher/watcher-2025-Q1-backup/Db0123456789abcdef.db",
        "postgresql+psycopg://watcher@db.internal:5432/watcher?sslmode=require",
        "https://news.google.com/rss/search?q=%22Ballerina%22+Keanu+Reeves&hl=en-US&ceid=US:en",
        "https://www.youtube.com/feeds/videos.xml?channel_id=UCi8e0iOVk1fEOogdfu4YgfA",
        "https://deadline.com/2025/01/ballerina-moves-up-1236044559/",
        "http://[::1]:8080/feed.xml",
    ],
)
def test_a_url_without_secrets_is_shown_as_it_is(url: str) -> None:
    assert mask_url(url) == url


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (
            "postgresql+psycopg://watcher:pg-pass-1@db:5432/w?password=pg-pass-2",
            "postgresql+psycopg://watcher:***@db:5432/w?password=***",
        ),
        (
            "https://reader:feed-pass-1@feeds.example/rss?apikey=K3yK3y&page=2",
            "https://reader:***@feeds.example/rss?apikey=***&page=2",
        ),
        (
            "https://feeds.example/private/AbCdEf123456GhIjKl/rss.xml",
            "https://feeds.example/private/***/rss.xml",
        ),
        (
            "https://news.google.com/rss/search?q=Ballerina&access_token=tok-123",
            "https://news.google.com/rss/search?q=Ballerina&access_token=***",
        ),
    ],
)
def test_secrets_in_database_and_feed_urls_are_masked(url: str, shown: str) -> None:
    assert mask_url(url) == shown
    assert mask_text(f"fetch of {url} failed") == f"fetch of {shown} failed"


FEED_SECRET = "Fe3dS3cretPa55"


@pytest.fixture
def secret_feed_config(tmp_path: Path, feed_server: FeedServer) -> Path:
    feed_server.add("/rss", rss({"title": "t", "link": "https://ex.com/1", "guid": "1"}))
    url = feed_server.url("/rss").replace("://", f"://reader:{FEED_SECRET}@")
    config = tmp_path / "feeds.yaml"
    data = {
        "database": f"sqlite:///{tmp_path / 'state' / 'watcher.db'}",
        "feeds": [{"name": "Private", "url": f"{url}?apikey={FEED_SECRET}"}],
        "subjects": [{"id": "film", "name": "Film", "questions": [{"id": "q", "kind": "date"}]}],
    }
    config.write_text(yaml.safe_dump(data), encoding="utf-8")
    return config


def test_feed_credentials_are_masked_in_every_output(
    secret_feed_config: Path, feed_server: FeedServer
) -> None:
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(cli, ["--config", str(secret_feed_config), *args])
        return result.output + (result.stderr if result.stderr_bytes else "")

    outputs = {
        "check": run("check"),
        "poll": run("poll", "--once"),
        "feeds": run("feeds", "--table"),
        "feeds --json": run("feeds", "--json"),
        "export json": run("export", "json"),
        "feeds add": run(
            "feeds", "add", feed_server.url("/missing").replace("://", f"://u:{FEED_SECRET}@")
        ),
    }
    for command, text in outputs.items():
        assert FEED_SECRET not in text, command
    assert "reader:***@" in outputs["check"] and "apikey=***" in outputs["feeds --json"]
    assert "u:***@" in outputs["feeds add"]


def test_check_on_the_shipped_config_shows_the_database_and_logs_no_apprise_error(
    tmp_path: Path,
) -> None:
    result = CliRunner().invoke(
        cli,
        ["--config", str(ROOT / "feeds.yaml"), "check"],
        env={"WATCHER_DATABASE_URL": f"sqlite:///{tmp_path}/state/watcher.db"},
    )
    assert result.exit_code == 0, result.output
    assert f"database: sqlite:///{tmp_path}/state/watcher.db" in result.output
    assert "apprise" not in result.output + result.stderr
