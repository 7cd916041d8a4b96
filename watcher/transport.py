"""The connections ``watcher.fetch`` makes, and the address rule held on them.

httpx is the API; the connections are aiohttp's. A 304 cycle is almost all
HTTP overhead, and httpx's own transport (httpcore, h11, anyio) spent about
0.4 ms of CPU per 304 on a loopback server where aiohttp's C parser and pool
spend 0.07 (``benchmarks/fetchcost.py``; the numbers are in RESULTS.md).
``Transport`` is an ``httpx.AsyncBaseTransport``, so callers keep httpx's
client, requests, responses and exceptions; it hands aiohttp the raw body
(``auto_decompress`` off: ``watcher.fetch`` inflates in bounded pieces) and
maps aiohttp's exceptions onto httpx's.

Checking a redirect target's addresses and then letting the client connect
would look the name up twice, and a rebinding DNS server can answer "public"
to the check and "127.0.0.1" to the connection. So the hops after a public
server's redirect carry a ``Guard`` (request extension ``GUARD``), and
``Transport`` sends them through a connector of their own whose resolver
looks names up with the guard and refuses unless every address is public, and
whose socket factory classifies every address a socket is about to connect to
(an address literal never reaches a resolver). The lookup checked is the
lookup connected to, and TLS still names the host (SNI and certificate checks
use the URL's host, not the address).

A separate connector, so that a connection opened for a hop the config chose
(its owner may well point a feed at a private address) is never reused for a
hop that has to stay public.
"""

from __future__ import annotations

import asyncio
import functools
import ipaddress
import socket
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import aiohttp
import httpx
from aiohttp.abc import AbstractResolver, ResolveResult
from yarl import URL

Resolver = Callable[[str], Awaitable[list[str]]]
# An address → "public", or what else it is ("loopback", "private" ...).
Classifier = Callable[[str], str]


async def resolve_host(host: str) -> list[str]:
    """The addresses ``host`` resolves to, the way the connection will see them."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


GUARD = "watcher.guard"
# Response extension: the address of the server that sent it, as connected to.
PEER = "watcher.peer"


@dataclass(frozen=True, slots=True)
class Guard:
    resolve: Resolver
    classify: Classifier


# The connector sees only host and port; this carries the hop's guard to it.
# aiohttp connects in the task that sends the request, so the value set around
# the request is the one its resolver and socket factory see.
_guard: ContextVar[Guard | None] = ContextVar("watcher_fetch_guard", default=None)


class Refused(Exception):
    """A connection the address rule forbids, refused before it is opened."""


async def public_only(guard: Guard, host: str, what: str = "redirect") -> str | None:
    """Why ``host`` may not be connected to under ``guard``, or None; ``what``
    led there (a redirect, a page's feed link)."""
    try:
        addresses = await guard.resolve(host)
    except OSError:
        return f"{what} to unresolvable host {host[:100]} refused"
    for address in addresses:
        kind = guard.classify(address)
        if kind != "public":
            return f"{what} to {kind} address {address} refused"
    return None


def _current_guard(host: str) -> Guard:
    guard = _guard.get()
    if guard is None:  # only guarded hops reach this connector; fail closed if not
        raise Refused(f"connection to {host[:100]} without an address rule refused")
    return guard


class _GuardedResolver(AbstractResolver):
    """Looks a guarded hop's host up with its guard (the exchange's own cache,
    so the very answer its redirect check saw) and refuses unless every
    address is public."""

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        guard = _current_guard(host)
        refused = await public_only(guard, host)
        if refused:
            raise Refused(refused)
        return [
            {
                "hostname": host,
                "host": address,
                "port": port,
                "family": socket.AF_INET6 if ":" in address else socket.AF_INET,
                "proto": 0,
                "flags": socket.AI_NUMERICHOST | socket.AI_NUMERICSERV,
            }
            for address in await guard.resolve(host)  # the cached answer just checked
        ]

    async def close(self) -> None:
        pass


def _guarded_socket(addr_info: tuple[Any, ...]) -> socket.socket:
    """The socket for one connection attempt of a guarded hop, refused unless
    the address it is about to connect to is public. Names were checked by the
    resolver; an address literal in the URL is checked only here."""
    family, type_, proto, _, sockaddr = addr_info
    address = plain_address(str(sockaddr[0]))
    kind = _current_guard(address).classify(address)
    if kind != "public":
        raise Refused(f"redirect to {kind} address {address} refused")
    return socket.socket(family=family, type=type_, proto=proto)


class _Response(aiohttp.ClientResponse):
    """Keeps the peer's address: a response whose body is complete gives its
    connection back to the pool before the caller can ask."""

    peer: Any = None

    async def start(self, connection: aiohttp.connector.Connection) -> aiohttp.ClientResponse:
        transport = connection.transport
        self.peer = transport.get_extra_info("peername") if transport is not None else None
        return await super().start(connection)


@contextmanager
def _mapped(request: httpx.Request) -> Iterator[None]:
    """aiohttp's exceptions as httpx's, so callers catch one family. aiohttp's
    timeouts are also ``TimeoutError``s: unmapped, a read timeout would pass
    for the caller's own total deadline."""
    try:
        yield
    except Refused:
        raise
    except aiohttp.ConnectionTimeoutError as exc:
        raise httpx.ConnectTimeout(str(exc) or "connect timeout", request=request) from exc
    except aiohttp.ServerTimeoutError as exc:
        raise httpx.ReadTimeout(str(exc) or "read timeout", request=request) from exc
    except aiohttp.ClientConnectorError as exc:
        raise httpx.ConnectError(str(exc), request=request) from exc
    except (aiohttp.ServerDisconnectedError, aiohttp.ClientResponseError) as exc:
        raise httpx.RemoteProtocolError(str(exc), request=request) from exc
    except aiohttp.InvalidURL as exc:
        raise httpx.UnsupportedProtocol(str(exc), request=request) from exc
    except (aiohttp.ClientError, OSError) as exc:
        raise httpx.ReadError(str(exc) or type(exc).__name__, request=request) from exc


class _Body(httpx.AsyncByteStream):
    """The raw (still compressed) body, in the pieces the socket gave."""

    def __init__(self, response: aiohttp.ClientResponse, request: httpx.Request) -> None:
        self._response = response
        self._request = request

    @property
    def done(self) -> bool:
        return self._response.content.at_eof()

    async def __aiter__(self) -> AsyncIterator[bytes]:
        content = self._response.content
        with _mapped(self._request):
            while chunk := await content.readany():
                yield chunk

    async def aclose(self) -> None:
        # Read to its end: the connection goes back to the pool. Not: it is
        # closed, never handed to the next request with a body still coming.
        if self.done:
            self._response.release()
        else:
            self._response.close()


def body_done(response: httpx.Response) -> bool:
    """Whether ``response``'s body has all been received (a 304's, an empty
    one), so closing it keeps its connection without reading anything."""
    stream = response.stream
    inner = getattr(stream, "_stream", stream)  # httpx wraps it to time it
    return isinstance(inner, _Body) and inner.done


@functools.cache
def tls_context() -> ssl.SSLContext:
    """The TLS settings and CA bundle every connection uses, loaded once a
    process. A poll cycle makes a client of its own, and loading the bundle
    for each took ~55 ms of CPU and built a certificate store of 1-2 MB in
    the middle of the cycle's heap, freed at its end (a daemon did that on
    every tick; benchmarks/RESULTS.md, "Resident memory, fourth pass")."""
    return httpx.create_ssl_context()


class Transport(httpx.AsyncBaseTransport):
    """Hops the config chose go through one connector; guarded hops through
    another, whose resolver and sockets hold their connections to the rule.
    HTTP/1.1 only, like httpx's default; no write timeout (requests are
    bodiless GETs); httpx's pool timeout bounds the wait for a connection."""

    def __init__(self, limits: httpx.Limits) -> None:
        self._tls = tls_context()
        self._limits = limits
        self._sessions: dict[bool, aiohttp.ClientSession] = {}
        self._timeouts: dict[tuple[Any, ...], aiohttp.ClientTimeout] = {}

    def _session(self, guarded: bool) -> aiohttp.ClientSession:
        # Made on first use: aiohttp binds them to the running loop.
        session = self._sessions.get(guarded)
        if session is None:
            limits = self._limits
            connector = aiohttp.TCPConnector(
                ssl=self._tls,
                limit=limits.max_connections or 0,
                keepalive_timeout=limits.keepalive_expiry,
                # Guarded: every lookup through the guard, no shared cache,
                # and one address at a time so that a refusal ends the attempt.
                use_dns_cache=not guarded,
                resolver=_GuardedResolver() if guarded else None,
                socket_factory=_guarded_socket if guarded else None,
                happy_eyeballs_delay=None if guarded else 0.25,
            )
            session = aiohttp.ClientSession(
                connector=connector,
                # Feeds need no cookies, and a jar kept for the daemon's life
                # would grow with whatever every feed server chose to set.
                cookie_jar=aiohttp.DummyCookieJar(),
                auto_decompress=False,
                trust_env=False,  # proxies are httpx's (see ``make_client``)
                response_class=_Response,
                # Long CSP and Link headers are common on news sites; h11's
                # limit (httpx's default transport) is 16 KiB for a header block.
                max_line_size=16384,
                max_field_size=16384,
            )
            self._sessions[guarded] = session
        return session

    def _timeout(self, request: httpx.Request) -> aiohttp.ClientTimeout:
        given = request.extensions.get("timeout") or {}
        key = (given.get("connect"), given.get("read"), given.get("pool"))
        timeout = self._timeouts.get(key)
        if timeout is None:
            connect, read, pool = key
            timeout = aiohttp.ClientTimeout(
                total=None, connect=pool, sock_connect=connect, sock_read=read
            )
            self._timeouts[key] = timeout
        return timeout

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        guard = request.extensions.get(GUARD)
        session = self._session(guard is not None)
        url = URL(str(request.url), encoded=True)
        if request.url.userinfo:
            # httpx has made them the Authorization header; aiohttp refuses both
            # at once, and they never go on the wire in the URL either way.
            url = url.with_user(None)
        token = _guard.set(guard) if guard is not None else None
        try:
            with _mapped(request):
                response = await session.request(
                    request.method,
                    url,
                    headers=_raw_headers(request.headers),
                    data=await _content(request) or None,
                    allow_redirects=False,
                    timeout=self._timeout(request),
                )
        finally:
            if token is not None:
                _guard.reset(token)
        peer = response.peer if isinstance(response, _Response) else None
        version = response.version
        return httpx.Response(
            status_code=response.status,
            headers=response.raw_headers,
            stream=_Body(response, request),
            extensions={
                "http_version": b"HTTP/1.1"
                if version is None or version == (1, 1)
                else f"HTTP/{version.major}.{version.minor}".encode(),
                PEER: peer,
            },
        )

    async def aclose(self) -> None:
        sessions, self._sessions = list(self._sessions.values()), {}
        for session in sessions:
            await session.close()


async def _content(request: httpx.Request) -> bytes:
    """The request's body. A bytes stream (every GET ``watcher.fetch`` sends
    has an empty one) is joined as it is: ``aread`` would run an async
    generator over it for every request."""
    stream = request.stream
    if isinstance(stream, httpx.ByteStream):
        return b"".join(stream)
    return await request.aread()


def _raw_headers(headers: httpx.Headers) -> list[tuple[str, str]]:
    """As given, names not lowercased (``multi_items`` lowercases them)."""
    encoding = headers.encoding
    return [(name.decode(encoding), value.decode(encoding)) for name, value in headers.raw]


def peer_address(response: httpx.Response) -> str | None:
    """The address of the server that sent ``response``, as connected to."""
    peer = response.extensions.get(PEER)
    if peer is None:  # httpx's own transport (through a proxy)
        stream = response.extensions.get("network_stream")
        peer = stream.get_extra_info("server_addr") if stream is not None else None
    return plain_address(str(peer[0])) if peer else None


def is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False
    return True


# The few servers a poll talks to are judged again on every response: parsing
# and classifying an address each time cost about 5% of a 304's CPU.
@functools.lru_cache(maxsize=4096)
def plain_address(address: str) -> str:
    """``::ffff:10.0.0.5`` → ``10.0.0.5``; anything else as it was."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return address


# NAT64 (RFC 6052, RFC 8215), 6to4 (RFC 3056) and IPv4-compatible (RFC 4291)
# forms carry an IPv4 address; a gateway on the path turns them into it.
_NAT64_WELL_KNOWN = ipaddress.IPv6Network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.IPv6Network("64:ff9b:1::/48")
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")
# Where RFC 6052 puts the IPv4 address for each prefix length (bits 64-71 are
# always zero and skipped): the local-use prefix may be any of these long.
# Most telling first, when an address could stand for several.
_KINDS = ("loopback", "link-local", "private", "multicast", "unspecified", "reserved")
_NAT64_SPLITS = {48: (48, 88), 56: (56, 96), 64: (72, 104), 96: (96, 128)}


def embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses ``ip`` may stand for (several where the NAT64 prefix
    length is a local choice); empty when it embeds none."""
    if ip.ipv4_mapped is not None:
        return [ip.ipv4_mapped]
    if ip.sixtofour is not None:
        return [ip.sixtofour]
    value = int(ip)
    if ip in _NAT64_WELL_KNOWN:
        return [ipaddress.IPv4Address(value & 0xFFFFFFFF)]
    if ip in _NAT64_LOCAL:
        found = {_rfc6052(value, *_NAT64_SPLITS[n]) for n in sorted(_NAT64_SPLITS)}
        # An all-zero position is one the operator's prefix length does not use.
        return sorted(found - {ipaddress.IPv4Address(0)}) or [ipaddress.IPv4Address(0)]
    if ip in _IPV4_COMPATIBLE and value > 1:  # not :: or ::1, which are their own kinds
        return [ipaddress.IPv4Address(value)]
    return []


def _rfc6052(value: int, start: int, end: int) -> ipaddress.IPv4Address:
    """The 32 bits from bit ``start`` (counting from the top), skipping bits
    64-71 when the span crosses them."""
    bits = f"{value:0128b}"
    span = bits[start:end]
    if start < 64 < end:
        span = bits[start:64] + bits[72:end]
    return ipaddress.IPv4Address(int(span[:32], 2))


@functools.lru_cache(maxsize=4096)
def address_kind(address: str) -> str:
    """``public``, or what else the address is (``loopback``, ``link-local``,
    ``private`` …). Unparsable counts as not public."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return "unparsable"
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = embedded_ipv4(ip)
        if embedded:
            # A translator or tunnel delivers these to the IPv4 address inside:
            # the worst of them decides.
            kinds = {address_kind(str(v4)) for v4 in embedded}
            return next((k for k in _KINDS if k in kinds), "public")
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if ip.is_multicast:
        return "multicast"
    if ip.is_unspecified:
        return "unspecified"
    if ip.is_private:
        return "private"
    if not ip.is_global:
        return "reserved"
    return "public"
