"""Reading article pages in a poll, end to end: a real loopback server that
counts every request, the real matcher, a real database."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest

from tests.articlepages import COMMENTS, SIDEBAR, article_page
from tests.feedserver import FeedServer, rss
from tests.test_article import google_link
from watcher.config import Config, config_from_mapping
from watcher.match import Matcher
from watcher.poll import PollReport, poll_feeds
from watcher.store import Store
from watcher.store import answers as answer_rows
from watcher.store import entries as entry_rows
from watcher.store import feeds as feed_rows

NOW = datetime(2026, 2, 20, 12, tzinfo=UTC)
HTML = "text/html; charset=utf-8"
SUBJECT = {
    "id": "lantern",
    "name": "The Lantern Keeper",
    "context": ["Mira Okafor", "Northlight"],
    "questions": [{"id": "release-date", "kind": "date"}],
}
TEASER = {
    "title": "Northlight dates Mira Okafor's 'The Lantern Keeper'",
    "guid": "lantern",
    "description": "The Lantern Keeper has a date at last. Read more…",
}
OTHER = {
    "title": "Box office: Copper Sky leads a quiet weekend",
    "guid": "copper",
    "description": "Copper Sky led the weekend box office. Read more…",
}


def make_config(server: FeedServer, db_url: str, *feeds: tuple[str, str], **poll: Any) -> Config:
    data = {
        "database": db_url,
        "poll": {"timeouts": {"total": "4s", "connect": "1s", "read": "1s"}, **poll},
        "feeds": [{"name": name, "url": server.url(path)} for name, path in feeds],
        "subjects": [SUBJECT],
    }
    return config_from_mapping(data, path=Path("feeds.yaml"), environ={})


def run_poll(store: Store, config: Config, at: datetime = NOW) -> PollReport:
    with store.transaction() as s:
        feed_rows.sync_feeds(s, config.feeds, at)
    return asyncio.run(
        poll_feeds(
            store,
            config,
            Matcher(config.subjects),
            owner="test",
            now=lambda: at,
            include_not_due=True,
        )
    )


def stored_entry(store: Store, identity: str) -> entry_rows.StoredEntry:
    with store.transaction() as s:
        ids = [m.entry_id for m in entry_rows.list_matches(s)]
        entries = [entry_rows.get_entry(s, i) for i in range(1, max(ids, default=0) + 50)]
    # A guid is a permalink unless it says not: it is read against the feed's URL.
    found = [e for e in entries if e is not None and e.identity.rsplit("/", 1)[-1] == identity]
    assert found, f"no entry {identity}"
    return found[0]


def release_date(store: Store) -> str | None:
    with store.transaction() as s:
        known = answer_rows.known_answers(s)
    held = known.get(("lantern", "release-date"))
    return held.answer.value if held else None


def test_the_answer_in_the_body_is_found_and_nothing_from_the_chrome(
    feed_server: FeedServer, db_url: str
) -> None:
    feed_server.add("/story/lantern", article_page(), content_type=HTML)
    feed_server.add("/story/copper", article_page("Copper Sky"), content_type=HTML)
    teaser = dict(TEASER, link=feed_server.url("/story/lantern"))
    other = dict(OTHER, link=feed_server.url("/story/copper"))
    feed_server.add("/feed", rss(teaser, other))
    store = Store.open(db_url)
    config = make_config(feed_server, db_url, ("Harbor Trade", "/feed"))
    report = run_poll(store, config)
    item = stored_entry(store, "lantern")
    with store.transaction() as s:
        values = {m.value for m in entry_rows.list_matches(s)}
    store.close()
    assert report.failed == 0 and report.events == 1
    assert release_date(store) == "2026-10-09"
    assert values == {"2026-10-09"}  # no sidebar, comment or footer date
    assert item.read == "article" and item.article is not None and item.article.status == "ok"
    assert "October 9, 2026" in item.text
    for chrome in (*SIDEBAR, *COMMENTS, "Breaking"):
        assert chrome not in item.text
    assert "https://cdn.harbortrade.example/lantern-keeper-still.jpg" in item.images
    # The item about another film cost no request.
    assert feed_server.hits("/story/copper") == []
    assert len(feed_server.hits("/story/lantern")) == 1


def test_a_page_read_once_is_asked_again_only_conditionally(tmp_path: Path) -> None:
    server = FeedServer().start()
    try:
        server.add("/story/lantern", article_page(), content_type=HTML)
        teaser = dict(TEASER, link=server.url("/story/lantern"))
        server.add("/feed", rss(teaser))
        db_url = f"sqlite:///{tmp_path / 'w.db'}"
        store = Store.open(db_url)
        config = make_config(server, db_url, ("Harbor Trade", "/feed"))
        run_poll(store, config)
        run_poll(store, config)  # the feed answers 304: no page is asked for
        assert len(server.hits("/story/lantern")) == 1
        # The feed edits the item: the page is asked for again, conditionally.
        server.add("/feed", rss(dict(teaser, description="It has a date now. Read more…")))
        report = run_poll(store, config)
        hits = server.hits("/story/lantern")
        item = stored_entry(store, "lantern")
        store.close()
    finally:
        server.stop()
    assert report.updated_entries == 1
    assert len(hits) == 2 and "If-None-Match" in hits[1].headers
    assert item.read == "article" and "October 9, 2026" in item.text


def test_summary_only_items_that_mention_no_subject_cost_no_request(tmp_path: Path) -> None:
    server = FeedServer().start()
    try:
        items = [
            dict(OTHER, guid=f"o{i}", link=server.url(f"/story/{i}"), title=f"Weekend {i}")
            for i in range(30)
        ]
        server.add("/feed", rss(*items))
        db_url = f"sqlite:///{tmp_path / 'w.db'}"
        store = Store.open(db_url)
        for mode in ("auto", "always"):
            run_poll(store, make_config(server, db_url, (mode, "/feed"), articles=mode))
        store.close()
    finally:
        server.stop()
    assert [r.path for r in server.requests if r.path != "/feed"] == []


def test_links_and_redirects_to_private_addresses_are_refused_without_connecting(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    # 127.0.0.2 is loopback, like the feed's own host; but only the feed's
    # host:port was chosen by the owner.
    elsewhere = FeedServer(host="127.0.0.2").start()
    try:
        elsewhere.add("/story", article_page(), content_type=HTML)
        feed_server.redirect("/story/moved", elsewhere.url("/story"), status=302)
        items = [
            dict(TEASER, guid="moved", link=feed_server.url("/story/moved")),
            dict(TEASER, guid="linked", link=elsewhere.url("/story")),
        ]
        feed_server.add("/feed", rss(*items))
        db_url = f"sqlite:///{tmp_path / 'w.db'}"
        store = Store.open(db_url)
        report = run_poll(store, make_config(feed_server, db_url, ("Harbor Trade", "/feed")))
        moved, linked = stored_entry(store, "moved"), stored_entry(store, "linked")
        store.close()
    finally:
        elsewhere.stop()
    assert elsewhere.requests == [] and elsewhere.connections == 0
    assert report.failed == 0 and report.new_entries == 2
    for item in (moved, linked):
        assert item.read == "summary"
        assert item.article is not None and item.article.status == "failed"
        assert "loopback address 127.0.0.2 refused" in (item.article.error or "")
        assert item.article.next_attempt is None  # refused for good, not retried


def _slow_page(server: FeedServer) -> Any:
    def handler(req: BaseHTTPRequestHandler) -> None:
        req.send_response(200)
        req.send_header("Content-Type", HTML)
        req.send_header("Content-Length", "1000000")
        req.end_headers()
        while not server.stopped.wait(0.1):
            req.wfile.write(b"<p>")
            req.wfile.flush()

    return handler


def test_slow_huge_and_bomb_pages_cost_bounded_time_and_the_feed_is_processed(
    tmp_path: Path,
) -> None:
    server = FeedServer().start()
    try:
        server.handle("/story/slow", _slow_page(server))
        server.endless("/story/endless", chunk=b"<p>more words</p>" * 1000)
        server.gzip_bomb("/story/zipped", inflated=200 << 20)
        huge = "<html><body>" + "<div>" * 100_000 + "<p>x</p>" * 250_000 + "</body></html>"
        server.add("/story/nested", huge, content_type=HTML)
        server.add("/story/lantern", article_page(), content_type=HTML)
        names = ("slow", "endless", "zipped", "nested", "lantern")
        items = [dict(TEASER, guid=n, link=server.url(f"/story/{n}")) for n in names]
        server.add("/feed", rss(*items))
        db_url = f"sqlite:///{tmp_path / 'w.db'}"
        store = Store.open(db_url)
        config = make_config(server, db_url, ("Harbor Trade", "/feed"), max_body="2MB", per_host=8)
        started = time.monotonic()
        report = run_poll(store, config)
        elapsed = time.monotonic() - started
        read = {n: stored_entry(store, n) for n in names}
        store.close()
    finally:
        server.stop()
    # Half the 4 s total deadline bounds the pages, whatever they do.
    assert elapsed < 6, elapsed
    assert report.failed == 0 and report.new_entries == len(names)
    assert read["lantern"].read == "article"
    for name in ("slow", "endless", "zipped"):
        assert read[name].read == "summary", name
        assert read[name].article is not None and read[name].article.status == "failed"
    assert read["nested"].read in ("summary", "article")  # read or not, within the bound
    assert release_date(store) == "2026-10-09"


def test_a_failed_read_is_retried_on_a_later_poll(tmp_path: Path) -> None:
    server = FeedServer().start()
    try:
        server.add("/story/lantern", b"busy", status=503, content_type="text/plain")
        server.add("/feed", rss(dict(TEASER, link=server.url("/story/lantern"))))
        db_url = f"sqlite:///{tmp_path / 'w.db'}"
        store = Store.open(db_url)
        config = make_config(server, db_url, ("Harbor Trade", "/feed"))
        first = run_poll(store, config)
        assert release_date(store) is None and first.failed == 0
        server.add("/story/lantern", article_page(), content_type=HTML)
        run_poll(store, config, NOW + timedelta(minutes=5))  # not due yet
        assert len(server.hits("/story/lantern")) == 1
        later = run_poll(store, config, NOW + timedelta(hours=1))
        item = stored_entry(store, "lantern")
        store.close()
    finally:
        server.stop()
    assert later.events == 1 and later.updated_entries == 1
    assert item.read == "article" and release_date(store) == "2026-10-09"


def test_google_news_items_count_as_their_outlet_and_one_story_is_one_source(
    feed_server: FeedServer, db_url: str
) -> None:
    page = feed_server.url("/2026/02/lantern-keeper-dated/")
    feed_server.add("/2026/02/lantern-keeper-dated/", article_page(), content_type=HTML)
    headline = "Northlight dates Mira Okafor's 'The Lantern Keeper'"
    source = f'<source url="{feed_server.base}">Harbor Trade</source>'
    google = [
        {
            "title": f"{headline} - Harbor Trade",
            "link": google_link(page).replace("&", "&amp;"),
            "guid": "g1",
            "description": f"{headline}&amp;nbsp;&amp;nbsp;Harbor Trade",
            "source": "",
        },
        {
            "title": "Mira Okafor on 'The Lantern Keeper' - Quayside Post",
            "link": "https://news.google.com/rss/articles/CBMiS0FVX3lxTE9wYXF1ZQ?oc=5",
            "guid": "g2",
            "description": "Mira Okafor on The Lantern Keeper",
            "source": "",
        },
    ]
    body = rss(*google, title="Google News").replace("<source></source>", source, 1)
    body = body.replace(
        "<source></source>", '<source url="https://quayside.example">Quayside Post</source>'
    )
    feed_server.add("/gnews", body)
    feed_server.add("/trade", rss(dict(TEASER, title=headline, link=page)))
    store = Store.open(db_url)
    config = make_config(feed_server, db_url, ("Google News", "/gnews"), ("Harbor Trade", "/trade"))
    report = run_poll(store, config)
    with store.transaction() as s:
        (event,) = answer_rows.list_events(s)
        outlets = {m.link: m.outlet for m in entry_rows.list_matches(s)}
    via, opaque = stored_entry(store, "g1"), stored_entry(store, "g2")
    store.close()
    assert report.events == 1
    # One story, reached through the aggregator and the outlet's own feed.
    assert [(s.feed, s.link) for s in event.message.sources] == [("Harbor Trade", page)]
    assert len(feed_server.hits("/2026/02/lantern-keeper-dated/")) == 1  # read once
    assert via.outlet == "Harbor Trade" and via.article_url == page and via.read == "article"
    assert outlets[via.link] == "Harbor Trade"
    # A link only Google's page can resolve: the headline is what was matched.
    assert opaque.read == "headline" and opaque.outlet == "Quayside Post"


@pytest.mark.parametrize("mode", ["never"])
def test_articles_never_reads_no_page(feed_server: FeedServer, tmp_path: Path, mode: str) -> None:
    feed_server.add("/story/lantern", article_page(), content_type=HTML)
    feed_server.add("/feed", rss(dict(TEASER, link=feed_server.url("/story/lantern"))))
    db_url = f"sqlite:///{tmp_path / 'w.db'}"
    store = Store.open(db_url)
    data = {
        "database": db_url,
        "feeds": [{"name": "t", "url": feed_server.url("/feed"), "articles": mode}],
        "subjects": [SUBJECT],
    }
    run_poll(store, config_from_mapping(data, path=Path("feeds.yaml"), environ={}))
    item = stored_entry(store, "lantern")
    store.close()
    assert feed_server.hits("/story/lantern") == [] and item.read == "feed"


def test_a_cycle_s_reader_looks_no_feed_up_until_an_item_needs_a_page(tmp_path: Path) -> None:
    """One reader is made per cycle: it must not walk every feed of a large
    config (and fill ``host_key``'s cache with every feed's host) for the few
    whose items' pages are read."""
    from watcher.article_reader import ArticleReader
    from watcher.fetch import host_key, make_client

    data = {
        "database": f"sqlite:///{tmp_path / 'w.db'}",
        "feeds": [{"name": f"f{i}", "url": f"http://127.0.0.1/{i}"} for i in range(50)],
        "subjects": [SUBJECT],
    }
    config = config_from_mapping(data, path=Path("feeds.yaml"), environ={})
    store = Store.open(config.database)
    host_key.cache_clear()

    async def make() -> None:
        async with make_client(config.poll) as http:
            ArticleReader(store, http, config, Matcher(config.subjects), lambda: NOW)

    asyncio.run(make())
    store.close()
    assert host_key.cache_info().currsize == 0
