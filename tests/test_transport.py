"""watcher.transport on its own, against real servers on loopback: what fetch's
tests see only through fetch. The address rule at connect time (a guarded hop
is refused before a socket connects, whatever the URL names), the peer address
kept for a 304, connections kept, and aiohttp's faults arriving as httpx's."""

from __future__ import annotations

import asyncio
import base64
import re
import socket
from collections.abc import Awaitable, Callable
from http.server import BaseHTTPRequestHandler
from typing import TypeVar

import httpx
import pytest

from tests.conftest import STAND_IN, stand_in_public
from tests.feedserver import FeedServer, rss
from watcher.config import PollSettings
from watcher.fetch import FetchRequest, FetchStatus, fetch, make_client
from watcher.transport import (
    GUARD,
    Guard,
    Refused,
    Transport,
    address_kind,
    body_done,
    peer_address,
)

FEED = rss({"title": "Ballerina opens June 6", "link": "https://example.com/a", "guid": "a"})
T = TypeVar("T")


def with_transport(go: Callable[[Transport], Awaitable[T]]) -> T:
    async def run() -> T:
        transport = Transport(httpx.Limits(max_connections=4))
        try:
            return await go(transport)
        finally:
            await transport.aclose()

    return asyncio.run(run())


def dns(table: dict[str, list[str]]) -> Callable[[str], Awaitable[list[str]]]:
    async def resolve(host: str) -> list[str]:
        if host not in table:
            raise socket.gaierror(f"unknown host {host}")
        return table[host]

    return resolve


def guarded(url: str, guard: Guard, headers: dict[str, str] | None = None) -> httpx.Request:
    return httpx.Request("GET", url, headers=headers, extensions={GUARD: guard})


@pytest.mark.parametrize(
    ("host", "refusal"),
    [
        ("127.0.0.1", "loopback address 127.0.0.1"),
        ("[::ffff:127.0.0.1]", "loopback address 127.0.0.1"),
    ],
)
def test_a_guarded_hop_to_an_address_literal_is_refused_before_connecting(
    feed_server: FeedServer, host: str, refusal: str
) -> None:
    # No resolver ever sees an address literal: the socket factory judges it.
    url = f"http://{host}:{feed_server.port}/feed"
    feed_server.add("/feed", FEED)
    guard = Guard(dns({}), address_kind)

    async def go(transport: Transport) -> None:
        with pytest.raises(Refused, match=re.escape(f"redirect to {refusal} refused")):
            await transport.handle_async_request(guarded(url, guard))

    with_transport(go)
    assert feed_server.connections == 0


def test_a_guarded_hop_to_a_name_with_a_private_address_is_refused(
    feed_server: FeedServer,
) -> None:
    url = f"http://split.example:{feed_server.port}/feed"
    guard = Guard(dns({"split.example": [STAND_IN, "127.0.0.1"]}), stand_in_public)

    async def go(transport: Transport) -> None:
        with pytest.raises(
            Refused, match=re.escape("redirect to loopback address 127.0.0.1 refused")
        ):
            await transport.handle_async_request(guarded(url, guard))

    with_transport(go)
    assert feed_server.connections == 0


def test_a_guarded_hop_connects_to_the_address_checked_and_names_the_host(
    public_server: FeedServer,
) -> None:
    public_server.add("/feed", FEED)
    url = f"http://pub.example:{public_server.port}/feed"
    guard = Guard(dns({"pub.example": [STAND_IN]}), stand_in_public)

    async def go(transport: Transport) -> tuple[int, str | None]:
        response = await transport.handle_async_request(guarded(url, guard))
        await response.aread()
        return response.status_code, peer_address(response)

    assert with_transport(go) == (200, STAND_IN)
    assert public_server.hits("/feed")[0].headers["Host"] == f"pub.example:{public_server.port}"


def test_a_304_is_complete_unread_keeps_its_peer_and_its_connection(
    feed_server: FeedServer,
) -> None:
    url = feed_server.add("/feed", FEED)

    async def go(transport: Transport) -> list[tuple[int, bool, str | None]]:
        first = await transport.handle_async_request(httpx.Request("GET", url))
        await first.aread()
        etag = first.headers["ETag"]
        seen = []
        for _ in range(3):
            request = httpx.Request("GET", url, headers={"If-None-Match": etag})
            response = await transport.handle_async_request(request)
            seen.append((response.status_code, body_done(response), peer_address(response)))
            await response.aclose()  # nothing read: nothing was left to read
        return seen

    assert with_transport(go) == [(304, True, "127.0.0.1")] * 3
    assert feed_server.connections == 1


def test_a_read_timeout_is_httpx_s_not_a_timeout_error(feed_server: FeedServer) -> None:
    # aiohttp's read timeout is also a TimeoutError: unmapped, fetch would take
    # it for its own total deadline.
    def silent(req: BaseHTTPRequestHandler) -> None:
        req.send_response(200)
        req.send_header("Content-Length", "100")
        req.end_headers()
        req.wfile.flush()
        feed_server.stopped.wait(2)

    url = feed_server.handle("/silent", silent)

    async def go(transport: Transport) -> BaseException:
        timeout = httpx.Timeout(5, read=0.2).as_dict()
        request = httpx.Request("GET", url, extensions={"timeout": timeout})
        response = await transport.handle_async_request(request)
        try:
            await response.aread()
        except Exception as exc:
            return exc
        finally:
            await response.aclose()
        raise AssertionError("the body was read")

    error = with_transport(go)
    assert isinstance(error, httpx.ReadTimeout)
    assert not isinstance(error, TimeoutError)


def test_a_refused_connection_is_httpx_s_connect_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]

    async def go(transport: Transport) -> None:
        with pytest.raises(httpx.ConnectError):
            await transport.handle_async_request(
                httpx.Request("GET", f"http://127.0.0.1:{port}/feed")
            )

    with_transport(go)


def test_the_client_keeps_and_sends_no_cookies(feed_server: FeedServer) -> None:
    url = feed_server.add("/feed", FEED, headers={"Set-Cookie": "session=abc; Path=/"})
    settings = PollSettings()

    async def go() -> int:
        async with make_client(settings) as client:
            for _ in range(2):
                result = await fetch(client, FetchRequest(url), settings)
                assert result.status is FetchStatus.OK
            return len(client.cookies)

    assert asyncio.run(go()) == 0
    assert [hit.headers.get("Cookie") for hit in feed_server.hits("/feed")] == [None, None]


def test_a_validator_outside_ascii_goes_back_without_raising(feed_server: FeedServer) -> None:
    # A server's ETag in Latin-1 comes back decoded as such; sent back, it
    # must not raise out of fetch (that would end the whole batch).
    def latin(req: BaseHTTPRequestHandler) -> None:
        req.send_response(200)
        req.send_header("ETag", '"caf\u00e9"')  # written as Latin-1 bytes
        req.send_header("Content-Length", str(len(FEED)))
        req.end_headers()
        req.wfile.write(FEED.encode())

    url = feed_server.handle("/feed", latin)
    settings = PollSettings()

    async def go() -> list[FetchStatus]:
        async with make_client(settings) as client:
            first = await fetch(client, FetchRequest(url), settings)
            assert first.etag == '"caf\u00e9"'
            again = await fetch(client, FetchRequest(url, first.etag), settings)
            return [first.status, again.status]

    assert asyncio.run(go()) == [FetchStatus.OK, FetchStatus.OK]
    assert len(feed_server.hits("/feed")) == 2


def test_credentials_in_a_feed_url_go_as_basic_auth_not_in_the_request_line(
    feed_server: FeedServer,
) -> None:
    feed_server.add("/feed", FEED)
    url = f"http://reader:s3cret@127.0.0.1:{feed_server.port}/feed"
    settings = PollSettings()

    async def go() -> FetchStatus:
        async with make_client(settings) as client:
            return (await fetch(client, FetchRequest(url), settings)).status

    assert asyncio.run(go()) is FetchStatus.OK
    hit = feed_server.hits("/feed")[0]
    assert hit.path == "/feed"
    assert hit.headers["Authorization"] == "Basic " + base64.b64encode(b"reader:s3cret").decode()
