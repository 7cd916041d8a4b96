"""Checking a URL before it is added: a page's announced feed, under the address rule."""

from __future__ import annotations

import asyncio

import pytest

from tests.conftest import STAND_IN, stand_in_public
from tests.feedserver import FeedServer, rss
from watcher.config import PollSettings
from watcher.errors import FeedParseError
from watcher.feedlist import Probe, probe

FEED = rss({"title": "Ballerina opens June 6", "link": "https://example.com/a", "guid": "a"})


def announcing(feed_url: str) -> str:
    return (
        '<html><head><link rel="alternate" type="application/rss+xml" '
        f'href="{feed_url}"></head><body>news</body></html>'
    )


def run_probe(url: str) -> Probe:
    return asyncio.run(probe(url, PollSettings(), classify=stand_in_public))


def test_a_public_page_cannot_point_discovery_at_a_private_address(
    public_server: FeedServer, feed_server: FeedServer
) -> None:
    feed_server.add("/internal-feed", FEED)
    page = public_server.add(
        "/page", announcing(feed_server.url("/internal-feed")), content_type="text/html"
    )
    with pytest.raises(FeedParseError) as refused:
        run_probe(page)
    assert "feed link to loopback address 127.0.0.1 refused" in str(refused.value)
    assert not feed_server.hits("/internal-feed")


def test_a_public_page_may_announce_a_public_feed(public_server: FeedServer) -> None:
    public_server.add("/feed", FEED)
    page = public_server.add("/page", announcing("/feed"), content_type="text/html")
    found = run_probe(page)
    assert found.discovered and found.url == f"http://{STAND_IN}:{public_server.port}/feed"
    assert [e.title for e in found.feed.entries] == ["Ballerina opens June 6"]


def test_a_page_the_owner_chose_on_a_private_address_may_announce_a_private_feed(
    feed_server: FeedServer,
) -> None:
    feed_server.add("/feed", FEED)
    page = feed_server.add("/page", announcing(feed_server.url("/feed")), content_type="text/html")
    assert run_probe(page).discovered
