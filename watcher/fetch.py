"""Conditional, bounded HTTP GET of one feed → ``FetchResult``.

Remote faults are values, never exceptions: one bad feed never unwinds a poll
cycle. Every remote cost is bounded here, because httpx bounds none of them on
its own (STYLE "Two traps"; encode/httpx#1450):

* a total deadline (``asyncio.timeout``) around the whole exchange, so a server
  dripping a byte a second ends at the deadline, not never;
* the body is streamed and counted on *decoded* bytes, decompressed in pieces of
  at most ``DECODE_CHUNK`` so a gzip bomb stops at the cap with memory flat
  (httpx's own decoder inflates each 64 KiB network read in one go: ~64 MB);
* redirects are followed by hand, at most ``max_redirects``, and a redirect from
  a public address to a private, loopback or link-local one is refused. Both
  ends are judged on addresses actually connected to, never on a lookup made
  apart from the connection (DNS rebinding; see ``_Transport``);
* a response we do not use (a 304's, an error page, a redirect's) is read to
  its end, but only a little of it, so its connection is reused, not closed.

It does not parse: the body goes back as bytes (``watcher.parse`` reads them).
"""

from __future__ import annotations

import asyncio
import ipaddress
import select
import socket
import ssl
import time
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from enum import StrEnum
from http.cookiejar import CookieJar, DefaultCookiePolicy
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.request import getproxies

import httpcore
import httpx

from watcher import __version__
from watcher.config import PollSettings

USER_AGENT = f"watcher/{__version__} (+https://github.com/watcher-project/watcher)"
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1"
)
# Only encodings we can inflate in bounded pieces. br is not offered: the
# brotli bindings are not installed, and older ones have no output limit.
ACCEPT_ENCODING = "gzip, deflate"
# Largest piece of decompressed output produced at once.
DECODE_CHUNK = 64 * 1024
PERMANENT = frozenset({301, 308})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
# httpcore closes a connection whose response was not read to its end, so every
# body we do not use (a 304's, an error page, a redirect's, the bytes after a
# gzip stream's end) is read out: otherwise each request opens a connection, and
# pays a TLS handshake on https. Only this much, though: past it, closing and
# reconnecting is cheaper than reading what a hostile server keeps sending.
DRAIN_BYTES = 64 * 1024
DRAIN_SECONDS = 1.0

Resolver = Callable[[str], Awaitable[list[str]]]
# An address → "public", or what else it is ("loopback", "private" ...).
Classifier = Callable[[str], str]


class FetchStatus(StrEnum):
    OK = "ok"
    NOT_MODIFIED = "not_modified"
    HTTP_ERROR = "http_error"
    TIMEOUT = "timeout"
    TOO_LARGE = "too_large"
    NETWORK = "network"
    REDIRECT = "redirect"  # loop, too many, bad scheme, or refused target


@dataclass(frozen=True, slots=True)
class FetchRequest:
    url: str
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class FetchResult:
    status: FetchStatus
    url: str  # where the body came from, after redirects
    body: bytes | None = None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    http_status: int | None = None
    # Set when every hop to ``url`` was permanent (301/308) and the final answer
    # was a success (200 or 304): store it as the feed's URL.
    moved_to: str | None = None
    retry_after: float | None = None  # seconds, from a 429/503 Retry-After
    error: str | None = None  # short reason, for health and logs
    elapsed: float = 0.0


def make_client(settings: PollSettings) -> httpx.AsyncClient:
    """The client a poll cycle shares. With a proxy in the environment
    (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY) httpx's own transport honours it: the
    proxy then makes the connections, so the address rule is checked on the
    names alone (a proxy's lookups are out of our reach either way)."""
    timeouts = settings.timeouts
    limits = httpx.Limits(max_connections=settings.concurrency)
    proxied = bool({"http", "https", "all"} & set(getproxies()))
    return httpx.AsyncClient(
        timeout=httpx.Timeout(
            connect=timeouts.connect, read=timeouts.read, write=timeouts.read, pool=timeouts.total
        ),
        headers={
            "User-Agent": settings.user_agent or USER_AGENT,
            "Accept": ACCEPT,
            "Accept-Encoding": ACCEPT_ENCODING,
        },
        follow_redirects=False,
        transport=None if proxied else _Transport(limits),
        limits=limits,
        # Feeds need no cookies, and a client-wide jar would grow with whatever
        # every feed server chose to set, for the life of the daemon.
        cookies=CookieJar(policy=DefaultCookiePolicy(allowed_domains=[])),
    )


async def resolve_host(host: str) -> list[str]:
    """The addresses ``host`` resolves to, the way the connection will see them."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


async def fetch(
    client: httpx.AsyncClient,
    request: FetchRequest,
    settings: PollSettings,
    *,
    resolve: Resolver | None = None,
    classify: Classifier | None = None,
) -> FetchResult:
    """GET ``request.url`` under every bound in ``settings``. Never raises for a
    remote fault. ``client`` must come from ``make_client``: its transport holds
    redirect targets to the address rule.

    ``resolve`` (host → addresses) finds where a redirect target is, and the
    connection goes there; ``classify`` (``address_kind`` by default) says
    which addresses are public. Tests inject both: the only addresses a test
    can reach are loopback ones, so one of them has to count as public."""
    started = time.monotonic()
    exchange = _Exchange(
        client, request, settings, resolve or resolve_host, classify or address_kind, started
    )
    total = settings.timeouts.total
    try:
        async with asyncio.timeout(total):
            return await exchange.run()
    except TimeoutError:
        return exchange.fail(FetchStatus.TIMEOUT, f"timed out after {total:g}s")
    except httpx.TimeoutException as exc:
        kind = {httpx.ConnectTimeout: "connect", httpx.PoolTimeout: "pool"}.get(type(exc), "read")
        limit = settings.timeouts.connect if kind == "connect" else settings.timeouts.read
        return exchange.fail(FetchStatus.TIMEOUT, f"{kind} timed out after {limit:g}s")
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        return exchange.fail(FetchStatus.NETWORK, _short(exc))


@dataclass
class _Hop:
    """A redirect seen, or the final response turned into a result."""

    location: str | None = None  # absolute
    raw: str = ""  # as the server wrote it, for messages
    status: int = 0
    from_public: bool = True  # the server that sent it is at a public address
    result: FetchResult | None = None


class _Exchange:
    """One fetch: the hops followed so far and the bounds they are held to."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        request: FetchRequest,
        settings: PollSettings,
        resolve: Resolver,
        classify: Classifier,
        started: float,
    ) -> None:
        self.client = client
        self.request = request
        self.settings = settings
        self.resolve = resolve
        self.started = started
        self.url = request.url
        self.permanent = True
        # It resolves through this exchange's cache, so the connection goes to
        # the very addresses the redirect check looked at.
        self.rule = _Guard(self._resolve, classify)
        # Set on a hop a public server redirected us to: its connection may go
        # to public addresses only.
        self.guard: _Guard | None = None
        self._addresses: dict[str, list[str]] = {}

    def fail(self, status: FetchStatus, error: str, http_status: int | None = None) -> FetchResult:
        return FetchResult(
            status,
            self.url,
            error=error,
            http_status=http_status,
            elapsed=time.monotonic() - self.started,
        )

    async def run(self) -> FetchResult:
        # Set per request too, so a caller's own client cannot advertise an
        # encoding (br, zstd) that we do not inflate in bounded pieces.
        headers = {"Accept-Encoding": ACCEPT_ENCODING}
        if self.request.etag:
            headers["If-None-Match"] = self.request.etag
        if self.request.last_modified:
            headers["If-Modified-Since"] = self.request.last_modified
        seen = {_without_fragment(self.url)}
        for _ in range(self.settings.max_redirects + 1):
            hop = await self._get(headers)
            if hop.result is not None:
                return hop.result
            assert hop.location is not None
            target = _without_fragment(hop.location)
            if target in seen:
                return self.fail(FetchStatus.REDIRECT, "redirect loop", hop.status)
            refused = await self._refuse_redirect(hop.location, hop.raw, hop.from_public)
            if refused:
                return self.fail(FetchStatus.REDIRECT, refused, hop.status)
            self.guard = self.rule if hop.from_public else None
            seen.add(target)
            self.permanent = self.permanent and hop.status in PERMANENT
            self.url = hop.location
        return self.fail(
            FetchStatus.REDIRECT, f"too many redirects (over {self.settings.max_redirects})"
        )

    async def _get(self, headers: dict[str, str]) -> _Hop:
        extensions = {GUARD: self.guard} if self.guard else {}
        try:
            async with self.client.stream(
                "GET", self.url, headers=headers, extensions=extensions
            ) as response:
                code = response.status_code
                if code not in REDIRECTS:
                    return _Hop(result=await self._final(response))
                await self._finish(response)
                location = response.headers.get("Location", "").strip()
                if not location:
                    error = f"HTTP {code} without Location"
                    return _Hop(result=self.fail(FetchStatus.HTTP_ERROR, error, code))
                peer = _peer_address(response)
                # Unknown peer: held to the stricter rule.
                public = peer is None or self.rule.classify(peer) == "public"
                target = urljoin(self.url, location)
                return _Hop(location=target, raw=location, status=code, from_public=public)
        except _Refused as exc:
            return _Hop(result=self.fail(FetchStatus.REDIRECT, str(exc)))
        except httpx.InvalidURL:
            # httpx builds the next request even with follow_redirects=False, and
            # raises on a Location it cannot turn into one ("javascript:alert(1)").
            # Unless the URL we asked for is itself invalid, the Location is at fault.
            if not _valid_url(self.url):
                raise
            return _Hop(result=self.fail(FetchStatus.REDIRECT, "redirect to unusable URL refused"))

    async def _final(self, response: httpx.Response) -> FetchResult:
        code = response.status_code
        headers = response.headers
        if 200 <= code < 300:
            body = await self._read_body(response)
            if isinstance(body, FetchResult):
                return body
            return self._success(FetchStatus.OK, response, body)
        await self._finish(response)
        if code == 304:
            return self._success(FetchStatus.NOT_MODIFIED, response, None)
        retry_after = None
        if code in (429, 503):
            retry_after = _retry_after(headers, self.settings.max_retry_after)
        error = f"HTTP {code}"
        if retry_after is not None:
            error += f" (retry after {retry_after:g}s)"
        return replace(self.fail(FetchStatus.HTTP_ERROR, error, code), retry_after=retry_after)

    def _success(
        self, status: FetchStatus, response: httpx.Response, body: bytes | None
    ) -> FetchResult:
        headers = response.headers
        return FetchResult(
            status,
            self.url,
            body=body,
            content_type=headers.get("Content-Type") if body is not None else None,
            # A 304 may omit the validators: the ones we sent still hold.
            etag=headers.get("ETag") or (self.request.etag if body is None else None),
            last_modified=headers.get("Last-Modified")
            or (self.request.last_modified if body is None else None),
            http_status=response.status_code,
            moved_to=self.url if self.permanent and self.url != self.request.url else None,
            elapsed=time.monotonic() - self.started,
        )

    async def _read_body(self, response: httpx.Response) -> bytes | FetchResult:
        cap = self.settings.max_body
        too_large = f"body over {_size(cap)} cap"
        length = response.headers.get("Content-Length", "")
        if length.strip().isdigit() and int(length) > cap:
            # Refused before reading a byte of it.
            error = f"{too_large} (Content-Length {length.strip()})"
            return self.fail(FetchStatus.TOO_LARGE, error, response.status_code)
        encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
        body = bytearray()
        raw = response.aiter_raw()
        try:
            async for piece in _decoded(raw, encoding):
                body += piece
                if len(body) > cap:
                    return self.fail(FetchStatus.TOO_LARGE, too_large, response.status_code)
        except _DecodeError as exc:
            return self.fail(FetchStatus.NETWORK, str(exc), response.status_code)
        await self._drain(raw)  # what follows the end of a gzip stream
        return bytes(body)

    async def _finish(self, response: httpx.Response) -> None:
        """Read out a response whose body we do not use, so that its connection
        goes back to the pool; a long one is left for httpcore to close."""
        length = response.headers.get("Content-Length", "").strip()
        if length.isdigit() and int(length) > DRAIN_BYTES:
            return
        await self._drain(response.aiter_raw())

    async def _drain(self, raw: AsyncIterator[bytes]) -> None:
        # Under a deadline of its own, well inside the total one: the result is
        # known by now, and giving up only costs a connection, never the result.
        left = self.settings.timeouts.total - (time.monotonic() - self.started)
        budget = DRAIN_BYTES
        try:
            async with asyncio.timeout(min(DRAIN_SECONDS, left / 2)):
                async for chunk in raw:
                    budget -= len(chunk)
                    if budget < 0:
                        return
        except (TimeoutError, httpx.HTTPError):
            pass

    async def _refuse_redirect(self, location: str, raw: str, from_public: bool) -> str | None:
        """Why following ``location`` is refused, or None to follow it.

        A feed the config points at a private address is fetched: its owner chose
        it. A public server redirecting us there is refused (SSRF: cloud metadata
        at 169.254.169.254, admin pages on localhost). The lookup here names the
        address in the refusal; the guard on the connection is what enforces it.
        """
        try:
            target = httpx.URL(location)
        except httpx.InvalidURL:
            target = None
        if urlsplit(location).scheme.lower() not in ("http", "https"):
            return f"redirect to non-http(s) URL {raw[:100]} refused"
        if target is None or not target.host:
            return f"redirect to unusable URL {raw[:100]} refused"
        if not from_public:
            return None
        return await _public_only(self.rule, target.host)

    async def _resolve(self, host: str) -> list[str]:
        if _is_ip(host):
            return [_plain_address(host)]
        if host not in self._addresses:
            addresses = await self.resolve(host)
            if not addresses:
                raise OSError(f"{host} has no addresses")
            self._addresses[host] = [_plain_address(a) for a in addresses]
        return self._addresses[host]


# -- the address rule on the connection itself ----------------------------------------
#
# Checking a redirect target's addresses and then letting httpx connect would
# look the name up twice, and a rebinding DNS server can answer "public" to the
# check and "127.0.0.1" to the connection. So the hops after a public server's
# redirect carry a ``_Guard`` (request extension ``GUARD``), and the transport
# sends them through a pool whose network backend resolves with the guard,
# refuses unless every address is public, and connects to those addresses: the
# lookup checked is the lookup connected to, and TLS still names the host (SNI
# and certificate checks use the URL's host, not the address).
#
# A separate pool, so that a connection opened for a hop the config chose (its
# owner may well point a feed at a private address) is never reused for a hop
# that has to stay public.

GUARD = "watcher.guard"


@dataclass(frozen=True, slots=True)
class _Guard:
    resolve: Resolver
    classify: Classifier


# The backend sees only host and port; this carries the hop's guard to it.
_guard: ContextVar[_Guard | None] = ContextVar("watcher_fetch_guard", default=None)


class _Refused(Exception):
    """A connection the address rule forbids, refused before it is opened."""


async def _public_only(guard: _Guard, host: str) -> str | None:
    """Why ``host`` may not be connected to under ``guard``, or None."""
    try:
        addresses = await guard.resolve(host)
    except OSError:
        return f"redirect to unresolvable host {host[:100]} refused"
    for address in addresses:
        kind = guard.classify(address)
        if kind != "public":
            return f"redirect to {kind} address {address} refused"
    return None


class _Backend(httpcore.AsyncNetworkBackend):
    """Opens the connections of one of ``_Transport``'s pools. A guarded one
    connects each hop to the addresses its guard resolved and checked."""

    def __init__(self, *, guarded: bool) -> None:
        self._inner = httpcore.AnyIOBackend()
        self._guarded = guarded

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = [host]
        if self._guarded:
            guard = _guard.get()
            if guard is None:  # only guarded hops reach this pool; fail closed if not
                raise _Refused(f"connection to {host[:100]} without an address rule refused")
            refused = await _public_only(guard, host)
            if refused:
                raise _Refused(refused)
            addresses = await guard.resolve(host)  # the cached answer just checked
        error: Exception = httpcore.ConnectError(f"{host[:100]} has no addresses")
        for address in addresses:
            try:
                stream = await self._inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
            else:
                return _Stream(stream)
        raise error

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise _Refused("unix socket refused")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class _Stream(httpcore.AsyncNetworkStream):
    """An anyio stream that answers "is_readable" cheaply. httpcore asks it of
    every idle pooled connection (has the server closed it?) each time it hands
    one out or takes one back, and anyio builds a table of every socket
    attribute to answer: with connections kept, that cost more CPU per request
    than opening a new loopback connection did."""

    def __init__(self, inner: httpcore.AsyncNetworkStream) -> None:
        self._inner = inner
        self._socket: socket.socket | None = inner.get_extra_info("socket")

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:  # noqa: ASYNC109
        return await self._inner.read(max_bytes, timeout)

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:  # noqa: ASYNC109
        await self._inner.write(buffer, timeout)

    async def aclose(self) -> None:
        await self._inner.aclose()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
    ) -> httpcore.AsyncNetworkStream:
        return _Stream(await self._inner.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> Any:
        if info == "is_readable" and self._socket is not None:
            return _readable(self._socket)
        return self._inner.get_extra_info(info)


def _readable(sock: socket.socket) -> bool:
    """Whether reading ``sock`` would not block: data, EOF or an error waiting.
    poll, not select: a daemon's descriptors can pass select's limit of 1024."""
    fd = sock.fileno()
    if fd < 0:
        return True  # closed
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    return bool(poller.poll(0))


class _Transport(httpx.AsyncBaseTransport):
    """Hops the config chose go through one pool; guarded hops through another,
    whose backend holds their connections to the rule."""

    def __init__(self, limits: httpx.Limits) -> None:
        tls = httpx.create_ssl_context()  # loading the CA bundle is the slow part
        self._open = _pooled(limits, tls, _Backend(guarded=False))
        self._guarded = _pooled(limits, tls, _Backend(guarded=True))

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        guard = request.extensions.get(GUARD)
        if guard is None:
            return await self._open.handle_async_request(request)
        # httpcore connects in the task that sends the request, inside this call.
        token = _guard.set(guard)
        try:
            return await self._guarded.handle_async_request(request)
        finally:
            _guard.reset(token)

    async def aclose(self) -> None:
        await self._open.aclose()
        await self._guarded.aclose()


def _pooled(
    limits: httpx.Limits, tls: ssl.SSLContext, backend: httpcore.AsyncNetworkBackend
) -> httpx.AsyncHTTPTransport:
    transport = httpx.AsyncHTTPTransport(verify=tls, limits=limits)
    # httpx 0.28's transport takes no network backend, so its pool is replaced
    # by the one it builds, with ours. Everything else (request and exception
    # mapping, response streams) stays httpx's.
    transport._pool = httpcore.AsyncConnectionPool(
        ssl_context=tls,
        max_connections=limits.max_connections,
        max_keepalive_connections=limits.max_keepalive_connections,
        keepalive_expiry=limits.keepalive_expiry,
        network_backend=backend,
    )
    return transport


def _peer_address(response: httpx.Response) -> str | None:
    """The address of the server that sent ``response``, as connected to."""
    stream = response.extensions.get("network_stream")
    peer = stream.get_extra_info("server_addr") if stream is not None else None
    return _plain_address(str(peer[0])) if peer else None


def _valid_url(url: str) -> bool:
    try:
        httpx.URL(url)
    except httpx.InvalidURL:
        return False
    return True


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False
    return True


def _plain_address(address: str) -> str:
    """``::ffff:10.0.0.5`` → ``10.0.0.5``; anything else as it was."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return address


def address_kind(address: str) -> str:
    """``public``, or what else the address is (``loopback``, ``link-local``,
    ``private`` …). Unparsable counts as not public."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return "unparsable"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:10.0.0.5 is 10.0.0.5
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


class _DecodeError(Exception):
    pass


async def _decoded(raw: AsyncIterator[bytes], encoding: str) -> AsyncIterator[bytes]:
    """Decoded body pieces of at most ``DECODE_CHUNK`` bytes each, whatever the
    compression ratio: ``decompress(data, max_length)`` keeps the rest of its
    input in ``unconsumed_tail`` until asked for more."""
    if encoding in ("", "identity"):
        async for chunk in raw:
            yield chunk
        return
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise _DecodeError(f"unsupported Content-Encoding {encoding[:40]}")
    decompressor = None
    try:
        async for chunk in raw:
            decompressor = decompressor or _decompressor(encoding, chunk)
            data = chunk
            while data and not decompressor.eof:
                piece = decompressor.decompress(data, DECODE_CHUNK)
                if piece:
                    yield piece
                data = decompressor.unconsumed_tail
            if decompressor.eof:
                # Whatever follows the end of the stream (trailing junk, a second
                # gzip member) is ignored, as httpx does.
                return
        while decompressor is not None and not decompressor.eof:
            piece = decompressor.decompress(b"", DECODE_CHUNK)
            if not piece:
                break
            yield piece
    except zlib.error as exc:
        raise _DecodeError(f"bad {encoding} body: {exc}") from None


def _decompressor(encoding: str, first: bytes) -> zlib._Decompress:
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    # "deflate" should be zlib-wrapped (RFC 9110), but some servers send raw deflate.
    wrapped = len(first) >= 2 and first[0] & 0x0F == 8 and (first[0] << 8 | first[1]) % 31 == 0
    return zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)


def _retry_after(headers: httpx.Headers, cap: float) -> float | None:
    """Retry-After in seconds (delta-seconds or an HTTP-date), capped at ``cap``.
    A date is measured against the response's own Date header when it has one,
    so a skewed server clock does not stretch or shrink the wait."""
    value = headers.get("Retry-After", "").strip()
    if not value:
        return None
    if value.isdigit():
        return min(float(value), cap)
    try:
        when = parsedate_to_datetime(value)
        now = parsedate_to_datetime(headers["Date"]) if "Date" in headers else None
    except (TypeError, ValueError, IndexError):
        return None
    now = now or datetime.now(UTC)
    if when.tzinfo is None or now.tzinfo is None:
        when, now = when.replace(tzinfo=UTC), now.replace(tzinfo=UTC)
    return min(max(0.0, (when - now).total_seconds()), cap)


def _without_fragment(url: str) -> str:
    return url.split("#", 1)[0]


def _size(n: int) -> str:
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale and n % scale == 0:
            return f"{n // scale} {unit}"
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if n >= scale:
            return f"{n / scale:g} {unit}"
    return f"{n} bytes"


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}"[:200] if text else type(exc).__name__
