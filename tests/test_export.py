"""``watcher export atom|json`` on a database seeded by a real ``poll --once``;
the Atom document is read back with feedparser, as a feed reader would."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import feedparser
import pytest

from tests.feedserver import FeedServer, rss
from tests.test_cli import BLOG, DATED, ECHO, TRADE, invoke, write_config
from watcher.export import atom_document, event_id
from watcher.store.answers import StoredEvent
from watcher.types import Message

MOVED = dict(
    TRADE[0],
    title="Lionsgate moves 'Ballerina' up to May 30, 2025",
    description="From the World of John Wick: Ballerina, starring Ana de Armas, "
    "now opens in theaters May 30, 2025.",
    pubDate="Tue, 27 Aug 2024 10:00:00 GMT",
)


@pytest.fixture
def config(tmp_path: Path, feed_server: FeedServer) -> Path:
    feeds = {
        "Trade Press": feed_server.add("/trade", rss(*TRADE, title="Trade Press")),
        "Film Blog": feed_server.add("/blog", rss(*BLOG, title="Film Blog")),
    }
    path = write_config(tmp_path, feeds)
    result = invoke(path, "poll", "--once")
    assert result.exit_code == 0, result.output
    return path


def atom(config: Path, *args: str) -> bytes:
    result = invoke(config, "export", "atom", *args)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def test_atom_export_is_valid_atom_linking_the_sources(config: Path) -> None:
    parsed = feedparser.parse(atom(config))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title == "watcher: Ballerina"
    assert parsed.feed.id == "tag:watcher,2025:events"
    (entry,) = parsed.entries
    assert entry.id.startswith("tag:watcher,") and entry.id.endswith(
        ":ballerina/release-date/event-1"
    )
    assert "June 6, 2025" in entry.title
    assert entry.link in (DATED, ECHO)
    assert {link.href for link in entry.links} == {DATED, ECHO}
    assert {tag.term for tag in entry.tags} == {"ballerina", "release-date", "answered"}
    assert DATED in entry.content[0].value and entry.content[0].type == "text/plain"


def test_atom_ids_are_stable_across_runs_and_new_events(
    config: Path, feed_server: FeedServer
) -> None:
    first, second = atom(config), atom(config)
    assert first == second  # nothing changed: the same bytes
    before = [e.id for e in feedparser.parse(first).entries]

    feed_server.add("/trade", rss(MOVED, TRADE[1], title="Trade Press"))
    assert invoke(config, "poll", "--once").exit_code == 0
    entries = feedparser.parse(atom(config)).entries
    assert len(entries) == 2
    assert "May 30, 2025" in entries[0].title  # newest first
    assert [e.id for e in entries][1:] == before
    assert entries[0].id != before[0]


def test_atom_by_subject_and_to_a_file(config: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.atom"
    assert (
        invoke(config, "export", "atom", "--subject", "ballerina", "-o", str(target)).exit_code == 0
    )
    parsed = feedparser.parse(target.read_bytes())
    assert parsed.feed.id == "tag:watcher,2025:events/ballerina" and len(parsed.entries) == 1
    other = feedparser.parse(atom(config, "--authority", "example.org"))
    assert not other.bozo and other.feed.id == "tag:example.org,2025:events"
    # A subject feeds.yaml does not track is a usage error, not an empty feed.
    assert invoke(config, "export", "atom", "--subject", "someone-else").exit_code == 2


def test_json_export_holds_everything(config: Path) -> None:
    result = invoke(config, "export", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["format"] == "watcher-export/1"
    assert datetime.fromisoformat(data["exported_at"]).tzinfo is not None
    questions = json.loads(invoke(config, "questions", "--json").stdout)
    assert data["questions"] == questions
    assert [e["answer"] for e in data["events"]] == ["2025-06-06"]
    assert {m["link"] for m in data["matches"]} == {DATED, ECHO}
    assert {f["name"] for f in data["feeds"]} == {"Trade Press", "Film Blog"}


def stored_event(**payload: Any) -> StoredEvent:
    base: dict[str, Any] = {
        "subject": "film",
        "subject_name": "Film",
        "question": "release-date",
        "question_label": "When?",
        "kind": "answered",
        "answer_kind": "date",
        "answer": {"value": "2025-06-06", "display": "June 6, 2025", "precision": "day"},
        "previous": None,
        "confirmed": True,
        "evidence": "It opens June 6, 2025.",
        "sources": [
            {"feed": "A", "title": "A title", "link": "https://a.example/1", "reported": "x"}
        ],
    }
    when = datetime(2025, 3, 1, 12, tzinfo=UTC)
    return StoredEvent(
        7, "film", "release-date", "answered", when, Message.from_json(base | payload), {}
    )


def test_atom_escapes_markup_and_drops_what_xml_cannot_carry() -> None:
    hostile = stored_event(
        evidence='<script>alert("x")</script> & "quotes" \x0b\x00 end',
        sources=[
            {
                "feed": "A&B",
                "title": "<b>bold</b> & co",
                "link": "https://a.example/?q=1&r=<2>",
                "reported": "x",
            }
        ],
    )
    document = atom_document([hostile], title="t <&>", now=datetime.now(UTC))
    root = ET.fromstring(document)  # well-formed
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert root.findtext("a:title", namespaces=ns) == "t <&>"
    assert root.findtext("a:entry/a:summary", namespaces=ns) == (
        '<script>alert("x")</script> & "quotes"  end'
    )
    link = root.find("a:entry/a:link", ns)
    assert link is not None and link.get("href") == "https://a.example/?q=1&r=<2>"
    parsed = feedparser.parse(document)
    assert not parsed.bozo and parsed.entries[0].id == event_id(hostile)
    assert event_id(hostile) == "tag:watcher,2025-03-01:film/release-date/event-7"


def test_an_empty_database_exports_a_valid_empty_feed() -> None:
    now = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
    parsed = feedparser.parse(atom_document([], title="nothing yet", now=now))
    assert not parsed.bozo and parsed.entries == []
    assert parsed.feed.updated == "2025-01-02T03:04:05Z"
