"""fetch against a real HTTP server on loopback: one case per hostile class.

No mocked transports. The injected parts are the resolver and which addresses
count as public, so that "a public host redirects to a private address" can be
staged without touching real public hosts: a second server on 127.0.0.2 plays
the public host (``STAND_IN``), the usual one on 127.0.0.1 the private target.
"""

from __future__ import annotations

import asyncio
import gzip
import socket
import threading
import time
import tracemalloc
from collections.abc import Awaitable, Callable
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest

from tests.conftest import STAND_IN, stand_in_public
from tests.feedserver import FeedServer, rss
from watcher.config import PollSettings, Timeouts
from watcher.fetch import (
    DRAIN_SECONDS,
    FetchRequest,
    FetchResult,
    FetchStatus,
    fetch,
    make_client,
)
from watcher.parse import HtmlPageError, parse_feed
from watcher.transport import address_kind

FEED = rss(
    {"title": "Ballerina opens June 6", "link": "https://example.com/a", "guid": "a"},
    {"title": "Second item", "link": "https://example.com/b", "guid": "b"},
)
PUBLIC = "93.184.216.34"


def run_fetch(
    url: str,
    settings: PollSettings | None = None,
    *,
    request: FetchRequest | None = None,
    resolve: Callable[[str], Awaitable[list[str]]] | None = None,
) -> FetchResult:
    return run_fetches([request or FetchRequest(url)], settings, resolve=resolve)[0]


def run_fetches(
    requests: list[FetchRequest],
    settings: PollSettings | None = None,
    *,
    resolve: Callable[[str], Awaitable[list[str]]] | None = None,
) -> list[FetchResult]:
    """``requests`` one after another with one client, as a poll cycle does."""
    settings = settings or PollSettings()

    async def go() -> list[FetchResult]:
        async with make_client(settings) as client:
            return [
                await fetch(client, r, settings, resolve=resolve, classify=stand_in_public)
                for r in requests
            ]

    return asyncio.run(go())


def fake_dns(table: dict[str, list[str]], asked: list[str] | None = None) -> Any:
    async def resolve(host: str) -> list[str]:
        if asked is not None:
            asked.append(host)
        if host not in table:
            raise socket.gaierror(f"unknown host {host}")
        return table[host]

    return resolve


# -- the ordinary path ---------------------------------------------------------------


def test_ok_names_itself_prefers_feeds_and_inflates_gzip(feed_server: FeedServer) -> None:
    url = feed_server.add("/feed", FEED)
    result = run_fetch(url)
    assert result.status is FetchStatus.OK
    assert result.body == FEED.encode()  # the server gzipped it (we asked); we inflated it
    assert result.http_status == 200 and result.error is None and result.moved_to is None
    assert result.content_type == "application/rss+xml; charset=utf-8"
    sent = feed_server.hits("/feed")[0].headers
    assert "watcher/" in sent["User-Agent"]
    assert "https://github.com/watcher-project/watcher" in sent["User-Agent"]
    assert sent["Accept"].startswith("application/rss+xml, application/atom+xml")
    assert sent["Accept-Encoding"] == "gzip, deflate"


def test_configured_user_agent_wins(feed_server: FeedServer) -> None:
    url = feed_server.add("/feed", FEED)
    run_fetch(url, PollSettings(user_agent="ops-team-bot/1.0"))
    assert feed_server.hits("/feed")[0].headers["User-Agent"] == "ops-team-bot/1.0"


def test_conditional_get_etag_and_last_modified(feed_server: FeedServer) -> None:
    url = feed_server.add("/feed", FEED)
    first = run_fetch(url)
    assert first.etag and first.last_modified
    second = run_fetch(url, request=FetchRequest(url, first.etag, first.last_modified))
    assert second.status is FetchStatus.NOT_MODIFIED
    assert second.body is None and second.http_status == 304
    assert (second.etag, second.last_modified) == (first.etag, first.last_modified)
    sent = feed_server.hits("/feed")[1].headers
    assert sent["If-None-Match"] == first.etag
    assert sent["If-Modified-Since"] == first.last_modified


def test_last_modified_alone_gets_304(feed_server: FeedServer) -> None:
    url = feed_server.add("/feed", FEED)
    lm = run_fetch(url).last_modified
    result = run_fetch(url, request=FetchRequest(url, None, lm))
    assert result.status is FetchStatus.NOT_MODIFIED
    assert "If-None-Match" not in feed_server.hits("/feed")[1].headers


def test_304_without_validators_keeps_the_stored_ones(feed_server: FeedServer) -> None:
    url = feed_server.add("/feed", FEED, validators_on_304=False)
    first = run_fetch(url)
    second = run_fetch(url, request=FetchRequest(url, first.etag, "Mon, 01 Jan 2024 00:00:00 GMT"))
    assert second.status is FetchStatus.NOT_MODIFIED
    assert second.etag == first.etag
    assert second.last_modified == "Mon, 01 Jan 2024 00:00:00 GMT"


# -- connections ---------------------------------------------------------------------


def test_one_connection_serves_a_cycle_of_304s_200s_errors_and_redirects(
    feed_server: FeedServer,
) -> None:
    # httpcore closes a connection whose response was not read to its end: a
    # 304's (empty) body, an error page, a redirect's body, or the end of the
    # message after the gzip stream. Each of those left unread costs a connection.
    url = feed_server.add("/feed", FEED)
    feed_server.add("/gone", "<html>" + "gone " * 2000 + "</html>", status=404)
    feed_server.add("/busy", "slow down", status=429, headers={"Retry-After": "60"})
    moved = feed_server.redirect("/old", "/feed", 301)
    first = run_fetch(url)
    conditional = FetchRequest(url, first.etag, first.last_modified)
    requests = [conditional, FetchRequest(url)] * 25
    requests += [FetchRequest(feed_server.url("/gone")), FetchRequest(feed_server.url("/busy"))]
    requests += [FetchRequest(moved), conditional]
    before = feed_server.connections
    results = run_fetches(requests)
    statuses = [r.status for r in results]
    assert statuses[:50] == [FetchStatus.NOT_MODIFIED, FetchStatus.OK] * 25
    assert all(r.body == FEED.encode() for r in results[1:50:2])  # gzipped, inflated
    assert statuses[50:] == [
        FetchStatus.HTTP_ERROR,
        FetchStatus.HTTP_ERROR,
        FetchStatus.OK,
        FetchStatus.NOT_MODIFIED,
    ]
    assert len(feed_server.hits("/feed")) == 1 + 50 + 2
    assert feed_server.connections - before == 1


def test_a_fetch_leaves_nothing_for_the_cyclic_collector(feed_server: FeedServer) -> None:
    # A poll makes thousands of fetches a cycle. Whatever one leaves in a
    # reference cycle outlives it until a collection finds it, and a full
    # collection walks everything old: the cycle's cost per feed then grows
    # with the number of feeds.
    import gc

    url = feed_server.add("/feed", FEED)
    moved = feed_server.redirect("/old", "/feed", 301)
    first = run_fetch(url)
    conditional = FetchRequest(url, first.etag, first.last_modified)
    requests = [conditional, FetchRequest(url), FetchRequest(moved)] * 10
    settings = PollSettings()

    async def go() -> list[FetchStatus]:
        async with make_client(settings) as client:
            gc.collect()
            gc.set_debug(gc.DEBUG_SAVEALL)
            try:
                statuses = [
                    (await fetch(client, r, settings, classify=stand_in_public)).status
                    for r in requests
                ]
                gc.collect()
                left = [
                    o for o in gc.garbage if type(o).__module__.startswith(("watcher", "httpx"))
                ]
            finally:
                gc.set_debug(0)
                gc.garbage.clear()
            assert left == []
            return statuses

    assert asyncio.run(go()) == [FetchStatus.NOT_MODIFIED, FetchStatus.OK, FetchStatus.OK] * 10


def test_a_kept_connection_the_server_closed_is_not_reused(feed_server: FeedServer) -> None:
    closed = threading.Event()

    def then_hang_up(req: BaseHTTPRequestHandler) -> None:
        # A keep-alive response (no "Connection: close"), then the server goes.
        body = FEED.encode()
        req.send_response(200)
        req.send_header("Content-Length", str(len(body)))
        req.end_headers()
        req.wfile.write(body)
        req.wfile.flush()
        req.connection.shutdown(socket.SHUT_WR)
        req.close_connection = True
        closed.set()

    url = feed_server.handle("/feed", then_hang_up)
    settings = PollSettings()

    async def go() -> list[FetchResult]:
        async with make_client(settings) as client:
            first = await fetch(client, FetchRequest(url), settings)
            await asyncio.to_thread(closed.wait, 5)
            return [first, await fetch(client, FetchRequest(url), settings)]

    results = asyncio.run(go())
    assert [r.status for r in results] == [FetchStatus.OK, FetchStatus.OK]
    assert feed_server.connections == 2


def _never_ending(
    req: BaseHTTPRequestHandler, stopped: threading.Event, first: bytes, pause: float
) -> None:
    """``first`` as a chunk, then chunks of junk until the client hangs up."""
    chunk = first
    while True:
        req.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
        req.wfile.flush()
        if stopped.wait(pause):
            return
        chunk = b"x" * 4096


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("endless error page", FetchStatus.HTTP_ERROR),
        ("dripping error page", FetchStatus.HTTP_ERROR),
        ("huge Content-Length on an error", FetchStatus.HTTP_ERROR),
        ("endless junk after the gzip end", FetchStatus.OK),
        ("dripping junk after the gzip end", FetchStatus.OK),
    ],
)
def test_an_unused_tail_is_read_only_a_little_then_the_connection_closed(
    feed_server: FeedServer, case: str, expected: FetchStatus
) -> None:
    def hostile(req: BaseHTTPRequestHandler) -> None:
        error = "error" in case
        req.send_response(503 if error else 200)
        if "huge" in case:
            req.send_header("Content-Length", str(10**9))
            req.end_headers()
            while not feed_server.stopped.wait(0.05):
                req.wfile.write(b"x" * 4096)
                req.wfile.flush()
            return
        req.send_header("Transfer-Encoding", "chunked")
        if not error:
            req.send_header("Content-Encoding", "gzip")
        req.end_headers()
        first = b"busy" if error else gzip.compress(FEED.encode())
        # 4 KiB every 1 ms is past DRAIN_BYTES well before DRAIN_SECONDS; every
        # 100 ms is not.
        _never_ending(req, feed_server.stopped, first, 0.1 if "dripping" in case else 0.001)

    url = feed_server.handle("/hostile", hostile)
    feed_server.add("/feed", FEED)
    settings = PollSettings(timeouts=Timeouts(total=10))
    before = feed_server.connections
    result, after = run_fetches(
        [FetchRequest(url), FetchRequest(feed_server.url("/feed"))], settings
    )
    assert result.status is expected
    assert result.body == (FEED.encode() if expected is FetchStatus.OK else None)
    # Given up after DRAIN_BYTES, or at DRAIN_SECONDS for a drip: the result
    # stands, not a timeout.
    if "dripping" in case:
        assert DRAIN_SECONDS * 0.9 <= result.elapsed < DRAIN_SECONDS + 1
    else:
        assert result.elapsed < DRAIN_SECONDS / 2
    # The hostile connection was dropped, not handed to the next fetch.
    assert after.status is FetchStatus.OK
    assert feed_server.connections - before == 2


# -- time ----------------------------------------------------------------------------


def test_slow_drip_ends_at_the_total_deadline(feed_server: FeedServer) -> None:
    url = feed_server.slow_drip("/drip", interval=0.1)
    settings = PollSettings(timeouts=Timeouts(connect=5, read=30, total=1))
    result = run_fetch(url, settings)
    assert result.status is FetchStatus.TIMEOUT
    assert result.error == "timed out after 1s"
    # Every read succeeded within 0.1 s: only the total deadline can end this.
    assert 0.9 <= result.elapsed < 5


def test_silent_server_hits_the_read_timeout(feed_server: FeedServer) -> None:
    def silent(req: BaseHTTPRequestHandler) -> None:
        req.send_response(200)
        req.send_header("Content-Length", "100")
        req.end_headers()
        req.wfile.flush()
        feed_server.stopped.wait(3)

    url = feed_server.handle("/silent", silent)
    result = run_fetch(url, PollSettings(timeouts=Timeouts(read=0.3, total=10)))
    assert result.status is FetchStatus.TIMEOUT
    assert result.error == "read timed out after 0.3s"


# -- size ----------------------------------------------------------------------------


def test_endless_body_stops_at_the_cap(feed_server: FeedServer) -> None:
    url = feed_server.endless("/endless")
    result = run_fetch(url, PollSettings(max_body="256KiB"))
    assert result.status is FetchStatus.TOO_LARGE
    assert result.error == "body over 256 KiB cap"
    assert result.body is None


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
def test_compression_bomb_stops_at_the_cap_with_memory_flat(
    feed_server: FeedServer, encoding: str
) -> None:
    # 256 MiB of zeros in ~260 KB on the wire. httpx's own decoder would inflate
    # each 64 KiB network read at once (~64 MiB); ours never holds much more
    # than the cap.
    url = feed_server.gzip_bomb("/bomb", inflated=256 << 20, encoding=encoding)
    settings = PollSettings(max_body="1MiB")
    tracemalloc.start()
    try:
        result = run_fetch(url, settings)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.status is FetchStatus.TOO_LARGE
    assert result.error == "body over 1 MiB cap"
    assert peak < 6 << 20, f"peak {peak / 2**20:.1f} MiB while inflating a bomb"


def test_content_length_over_the_cap_is_refused_before_reading(feed_server: FeedServer) -> None:
    def huge(req: BaseHTTPRequestHandler) -> None:
        req.send_response(200)
        req.send_header("Content-Length", str(10**12))
        req.end_headers()
        req.wfile.flush()
        while not feed_server.stopped.wait(0.1):  # a reader would wait for the deadline
            req.wfile.write(b"x")
            req.wfile.flush()

    url = feed_server.handle("/huge", huge)
    result = run_fetch(url, PollSettings(timeouts=Timeouts(total=5)))
    assert result.status is FetchStatus.TOO_LARGE
    assert result.error == "body over 10 MiB cap (Content-Length 1000000000000)"
    assert result.elapsed < 4


# -- redirects -----------------------------------------------------------------------


def test_redirect_loop(feed_server: FeedServer) -> None:
    feed_server.redirect("/a", "/b", 302)
    url = feed_server.redirect("/b", feed_server.url("/a"), 302)
    result = run_fetch(url)
    assert result.status is FetchStatus.REDIRECT
    assert result.error == "redirect loop"
    assert len(feed_server.hits("/a")) == 1 and len(feed_server.hits("/b")) == 1


def test_too_many_redirects(feed_server: FeedServer) -> None:
    for n in range(4):
        feed_server.redirect(f"/r{n}", f"/r{n + 1}")
    feed_server.add("/r4", FEED)
    long = run_fetch(feed_server.url("/r0"), PollSettings(max_redirects=2))
    assert long.status is FetchStatus.REDIRECT
    assert long.error == "too many redirects (over 2)"
    assert not feed_server.hits("/r3")  # nothing past the limit was requested
    short = run_fetch(feed_server.url("/r2"), PollSettings(max_redirects=2))
    assert short.status is FetchStatus.OK


@pytest.mark.parametrize(
    ("location", "error"),
    [
        ("file:///etc/passwd", "redirect to non-http(s) URL file:///etc/passwd refused"),
        ("ftp://example.com/f.xml", "redirect to non-http(s) URL ftp://example.com/f.xml refused"),
        # httpx itself rejects this one while building the next request.
        ("javascript:alert(1)", "redirect to unusable URL refused"),
    ],
)
def test_redirect_to_non_http_scheme_is_refused(
    feed_server: FeedServer, location: str, error: str
) -> None:
    url = feed_server.redirect("/r", location)
    result = run_fetch(url)
    assert result.status is FetchStatus.REDIRECT
    assert result.error == error
    assert result.body is None


def test_permanent_chain_sets_moved_to(feed_server: FeedServer) -> None:
    feed_server.redirect("/old", "/older", 301)
    feed_server.redirect("/older", feed_server.url("/new"), 308)
    final = feed_server.add("/new", FEED)
    result = run_fetch(feed_server.url("/old"))
    assert result.status is FetchStatus.OK
    assert result.url == final and result.moved_to == final


def test_a_temporary_hop_means_no_move(feed_server: FeedServer) -> None:
    feed_server.redirect("/old", "/middle", 301)
    feed_server.redirect("/middle", "/new", 302)
    final = feed_server.add("/new", FEED)
    result = run_fetch(feed_server.url("/old"))
    assert result.status is FetchStatus.OK
    assert result.url == final and result.moved_to is None


def test_a_feed_configured_on_loopback_is_fetched(feed_server: FeedServer) -> None:
    asked: list[str] = []
    feed_server.redirect("/r", "/feed", 301)  # loopback to loopback: the owner's choice
    feed_server.add("/feed", FEED)
    result = run_fetch(feed_server.url("/r"), resolve=fake_dns({}, asked))
    assert result.status is FetchStatus.OK and result.body == FEED.encode()
    assert asked == []  # literal addresses need no lookup


@pytest.mark.parametrize(
    ("target", "dns", "refusal"),
    [
        ("http://169.254.169.254/latest/meta-data/", {}, "link-local address 169.254.169.254"),
        (
            "http://metadata.internal/",
            {"metadata.internal": ["10.0.0.5"]},
            "private address 10.0.0.5",
        ),
        ("http://[::ffff:127.0.0.1]:{port}/feed", {}, "loopback address 127.0.0.1"),
        (
            "http://nat64.example:{port}/feed",
            {"nat64.example": ["64:ff9b::7f00:1"]},
            "loopback address 64:ff9b::7f00:1",
        ),
        ("http://127.0.0.1:{port}/feed", {}, "loopback address 127.0.0.1"),
        (
            "http://localhost:{port}/feed",
            {"localhost": ["127.0.0.1"]},
            "loopback address 127.0.0.1",
        ),
        (
            "http://split.example:{port}/feed",
            {"split.example": [STAND_IN, "192.168.1.9"]},
            "private address 192.168.1.9",
        ),
    ],
)
def test_public_host_redirecting_to_a_private_address_is_refused(
    feed_server: FeedServer,
    public_server: FeedServer,
    target: str,
    dns: dict[str, list[str]],
    refusal: str,
) -> None:
    feed_server.add("/feed", FEED)
    source = public_server.redirect("/r", target.format(port=feed_server.port))
    result = run_fetch(source, resolve=fake_dns(dns))
    assert result.status is FetchStatus.REDIRECT
    assert result.error == f"redirect to {refusal} refused"
    assert len(public_server.hits("/r")) == 1
    assert not feed_server.hits("/feed")


def test_dns_rebinding_cannot_reach_a_private_address(
    feed_server: FeedServer, public_server: FeedServer
) -> None:
    # The rebinding server answers "public" to the first lookup and loopback
    # to every later one. "localhost" is the name, so that a connection that
    # looked it up again (as httpx does) would reach the private server.
    answers = [[STAND_IN]]
    asked: list[str] = []

    async def rebinding(host: str) -> list[str]:
        asked.append(host)
        return answers.pop() if answers else ["127.0.0.1"]

    assert public_server.port != feed_server.port  # else 127.0.0.2 would answer it
    feed_server.add("/secret", "internal")
    source = public_server.redirect("/r", f"http://localhost:{feed_server.port}/secret")
    result = run_fetch(source, resolve=rebinding)
    assert not feed_server.hits("/secret")
    assert feed_server.connections == 0
    # The connection went to the address checked (127.0.0.2, where nothing
    # listens on that port), and nothing looked the name up a second time.
    assert result.status is FetchStatus.NETWORK
    assert result.error and result.error.startswith("ConnectError")
    assert asked == ["localhost"]


def test_public_to_public_redirect_connects_to_the_checked_address(
    public_server: FeedServer,
) -> None:
    # pub.example exists only in the injected resolver: the fetch can succeed
    # only by connecting to the address that resolver gave and the rule checked.
    asked: list[str] = []
    public_server.add("/feed", FEED)
    target = f"http://pub.example:{public_server.port}/feed"
    source = public_server.redirect("/r", target, 302)
    result = run_fetch(source, resolve=fake_dns({"pub.example": [STAND_IN]}, asked))
    assert result.status is FetchStatus.OK and result.body == FEED.encode()
    assert result.url == target
    assert asked == ["pub.example"]  # one lookup, for the check and the connection
    # The server still sees the name (virtual hosts, and SNI on https).
    assert public_server.hits("/feed")[0].headers["Host"] == f"pub.example:{public_server.port}"


def test_the_redirecting_server_is_judged_by_its_address_not_a_lookup(
    feed_server: FeedServer,
) -> None:
    # The resolver calls localhost public, but the redirect came from 127.0.0.1:
    # the configured feed's own server, so it may send us to loopback.
    asked: list[str] = []
    feed_server.add("/feed", FEED)
    feed_server.redirect("/r", feed_server.url("/feed"))
    source = f"http://localhost:{feed_server.port}/r"
    result = run_fetch(source, resolve=fake_dns({"localhost": [PUBLIC]}, asked))
    assert result.status is FetchStatus.OK and result.body == FEED.encode()
    assert asked == []


def test_a_proxy_in_the_environment_is_used(
    feed_server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The loopback server stands in for the proxy: it gets the absolute URL of
    # a name that resolves nowhere, so only the proxy can have answered.
    target = "http://feeds.example/rss"
    feed_server.add(target, FEED)
    monkeypatch.setenv("HTTP_PROXY", feed_server.base)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    result = run_fetch(target)
    assert result.status is FetchStatus.OK and result.body == FEED.encode()
    assert [hit.path for hit in feed_server.hits(target)] == [target]


def test_address_kinds() -> None:
    assert address_kind("8.8.8.8") == "public"
    assert address_kind("2606:4700::1111") == "public"
    assert address_kind("127.0.0.2") == "loopback"
    assert address_kind("::1") == "loopback"
    assert address_kind("fe80::1%eth0") == "link-local"
    assert address_kind("::ffff:10.1.2.3") == "private"
    assert address_kind("fd00::1") == "private"
    assert address_kind("0.0.0.0") == "unspecified"
    assert address_kind("100.64.0.1") == "reserved"  # carrier-grade NAT
    assert address_kind("not-an-ip") == "unparsable"


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("64:ff9b::7f00:1", "loopback"),  # NAT64 well-known prefix
        ("64:ff9b::a9fe:a9fe", "link-local"),
        ("64:ff9b::5db8:d822", "public"),
        ("64:ff9b:1::a00:5", "private"),  # NAT64 local-use prefix, /96
        ("64:ff9b:1:7f00:1::", "loopback"),  # the same prefix, /48
        ("64:ff9b:1:5db8:d8:2200::", "public"),
        ("2002:7f00:1::1", "loopback"),  # 6to4
        ("2002:a9fe:a9fe::", "link-local"),
        ("2002:5db8:d822::1", "public"),
        ("::127.0.0.1", "loopback"),  # IPv4-compatible
        ("::10.0.0.5", "private"),
        ("::ffff:169.254.169.254", "link-local"),  # IPv4-mapped
    ],
)
def test_ipv6_forms_are_judged_by_the_ipv4_address_they_embed(address: str, kind: str) -> None:
    assert address_kind(address) == kind


# -- statuses ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "header", "expected"),
    [
        (429, "120", 120.0),
        (503, "99999999", 86400.0),  # capped at max_retry_after
        (429, "soon", None),
        (503, None, None),
    ],
)
def test_retry_after(
    feed_server: FeedServer, status: int, header: str | None, expected: float | None
) -> None:
    headers = {"Retry-After": header} if header else {}
    url = feed_server.add("/busy", "slow down", status=status, headers=headers)
    result = run_fetch(url)
    assert result.status is FetchStatus.HTTP_ERROR
    assert result.http_status == status
    assert result.retry_after == expected
    suffix = f" (retry after {expected:g}s)" if expected is not None else ""
    assert result.error == f"HTTP {status}{suffix}"


def test_retry_after_as_http_date_is_measured_from_the_server_clock(
    feed_server: FeedServer,
) -> None:
    def busy(req: BaseHTTPRequestHandler) -> None:
        # The server's clock runs an hour behind ours; its Date header says so.
        server_now = time.time() - 3600
        req.send_response_only(429)
        req.send_header("Date", formatdate(server_now, usegmt=True))
        req.send_header("Retry-After", formatdate(server_now + 300, usegmt=True))
        req.send_header("Content-Length", "0")
        req.end_headers()

    url = feed_server.handle("/busy", busy)
    result = run_fetch(url)
    assert result.status is FetchStatus.HTTP_ERROR
    assert result.retry_after is not None and 298 <= result.retry_after <= 301


def test_other_statuses_are_http_errors(feed_server: FeedServer) -> None:
    result = run_fetch(feed_server.url("/nothing-here"))
    assert result.status is FetchStatus.HTTP_ERROR
    assert (result.http_status, result.error, result.retry_after) == (404, "HTTP 404", None)


def test_connection_refused_is_a_value() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = run_fetch(f"http://127.0.0.1:{port}/feed")
    assert result.status is FetchStatus.NETWORK
    assert result.error and result.error.startswith("ConnectError")


# -- what the body turns out to be ---------------------------------------------------


def test_html_page_instead_of_a_feed_names_the_feed_it_links(feed_server: FeedServer) -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Deadline</title>"
        '<link rel="alternate" type="application/rss+xml" title="Feed" href="/feed/">'
        "</head><body><h1>Film news</h1></body></html>"
    )
    url = feed_server.add("/", page, content_type="text/html; charset=utf-8")
    feed_url = feed_server.add("/feed/", FEED)
    page_result = run_fetch(url)
    assert page_result.status is FetchStatus.OK and page_result.body
    with pytest.raises(HtmlPageError) as info:
        parse_feed(page_result.body, url=page_result.url, content_type=page_result.content_type)
    assert str(info.value) == "not a feed: text/html page"
    assert info.value.feed_links == (feed_url,)
    feed_result = run_fetch(info.value.feed_links[0])
    assert feed_result.body
    parsed = parse_feed(feed_result.body, url=feed_result.url)
    assert [e.title for e in parsed.entries] == ["Ballerina opens June 6", "Second item"]


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        # UTF-8 bytes served as Latin-1: read as UTF-8, not as "CafÃ©".
        (rss({"title": "Café Ballerina", "guid": "1"}).encode(), "text/xml; charset=iso-8859-1"),
        # Latin-1 bytes served as UTF-8 and declared UTF-8.
        (
            rss({"title": "Café Ballerina", "guid": "1"}).encode("latin-1"),
            "text/xml; charset=utf-8",
        ),
    ],
)
def test_wrongly_declared_charset(feed_server: FeedServer, body: bytes, content_type: str) -> None:
    url = feed_server.add("/feed", body, content_type=content_type)
    result = run_fetch(url)
    assert result.status is FetchStatus.OK and result.body == body
    parsed = parse_feed(result.body, url=result.url, content_type=result.content_type)
    assert [e.title for e in parsed.entries] == ["Café Ballerina"]


def test_only_a_feed_s_own_url_is_kept_parsed(feed_server: FeedServer) -> None:
    """A feed is polled every cycle, so its URL is parsed once; an article
    link or a redirect target is seldom asked for twice, and kept it would
    only fill the cache."""
    from watcher import fetch as fetch_module

    feed_server.redirect("/moved", "/elsewhere", 302)
    feed = feed_server.add("/feed", FEED)
    feed_server.add("/elsewhere", FEED)
    page = feed_server.add("/story", "<html><body>a story</body></html>", content_type="text/html")
    fetch_module._url.cache_clear()
    results = run_fetches(
        [
            FetchRequest(feed),
            FetchRequest(feed_server.url("/moved")),
            FetchRequest(page, trusted_host=fetch_module.host_key(feed)),
        ]
    )
    assert [r.status for r in results] == [FetchStatus.OK] * 3
    assert fetch_module._url.cache_info().currsize == 2  # the two feeds, not the hop or the page
    assert fetch_module._url(feed) is fetch_module._url(feed)
