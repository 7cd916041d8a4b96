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
  apart from the connection (DNS rebinding; see ``Transport``);
* a response we do not use (an error page, a redirect's) is read to its end,
  but only a little of it, so its connection is reused, not closed; one that
  has no body left to read (a 304) is not read at all.

The client is httpx's (``make_client``) on ``watcher.transport.Transport``,
aiohttp's connections: a 304 cycle is nearly all HTTP overhead, and there
httpx's own transport cost several times the CPU (benchmarks/RESULTS.md).

It does not parse: the body goes back as bytes (``watcher.parse`` reads them).
"""

from __future__ import annotations

import asyncio
import functools
import time
import zlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from enum import StrEnum
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.request import getproxies

import httpx

from watcher import __version__
from watcher.config import PollSettings
from watcher.transport import (
    GUARD,
    Classifier,
    Guard,
    Refused,
    Resolver,
    Transport,
    address_kind,
    body_done,
    is_ip,
    peer_address,
    plain_address,
    public_only,
    resolve_host,
)

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
# A connection whose response was not read to its end is closed, not reused,
# so every body we do not use (an error page, a redirect's, the bytes after a
# gzip stream's end) is read out: otherwise each request opens a connection, and
# pays a TLS handshake on https. Only this much, though: past it, closing and
# reconnecting is cheaper than reading what a hostile server keeps sending.
DRAIN_BYTES = 64 * 1024
DRAIN_SECONDS = 1.0
URL_CACHE = 16384


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
    # Named by a page from a public address (a feed link it announces), not
    # chosen by the owner: held to the same rule as a public server's redirect.
    announced: bool = False
    # Set for an item's article link (``host_key`` of the feed's configured
    # URL): a link to that host shares the feed's trust; a link elsewhere, and
    # every redirect off that host, is held to the redirect rule whoever sent it.
    trusted_host: str | None = None
    accept: str | None = None  # instead of the client's feed types


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
    # The server that sent the answer is at a public address (or unknown, as
    # behind a proxy): links it names are held to the redirect rule.
    from_public: bool = True


class _NoCookies(httpx.Cookies):
    """A jar that neither keeps nor sends anything. Feeds need no cookies, a
    jar kept for the daemon's life would grow with whatever every feed server
    chose to set, and httpx reads every response's headers into the jar's
    policy objects only for a refusing policy to drop them (7% of a 304's CPU)."""

    def extract_cookies(self, response: httpx.Response) -> None:
        return None

    def set_cookie_header(self, request: httpx.Request) -> None:
        return None


class _Client(httpx.AsyncClient):
    """httpx's client, without cookies."""

    _no_cookies = _NoCookies()

    @property
    def cookies(self) -> httpx.Cookies:
        return self._no_cookies

    @cookies.setter
    def cookies(self, cookies: Any) -> None:
        pass  # there is no jar to set


def make_client(settings: PollSettings) -> httpx.AsyncClient:
    """The client a poll cycle shares: httpx's, on ``Transport`` (aiohttp's
    connections, the address rule at connect time). With a proxy in the
    environment (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY) httpx's own transport
    honours it: the proxy then makes the connections, so the address rule is
    checked on the names alone (a proxy's lookups are out of our reach either
    way)."""
    timeouts = settings.timeouts
    limits = httpx.Limits(max_connections=settings.concurrency)
    proxied = bool({"http", "https", "all"} & set(getproxies()))
    return _Client(
        timeout=httpx.Timeout(
            connect=timeouts.connect, read=timeouts.read, write=timeouts.read, pool=timeouts.total
        ),
        headers={
            "User-Agent": settings.user_agent or USER_AGENT,
            "Accept": ACCEPT,
            "Accept-Encoding": ACCEPT_ENCODING,
        },
        follow_redirects=False,
        transport=None if proxied else Transport(limits),
        limits=limits,
    )


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
        self.started = started
        self.url = request.url
        self.permanent = True
        # The rule resolves through this exchange's cache, so the connection
        # goes to the very addresses the redirect check looked at.
        self._resolve = _ResolveOnce(resolve)
        self.rule = Guard(self._resolve, classify)
        # Set on a hop a public server redirected us to: its connection may go
        # to public addresses only.
        self.guard: Guard | None = None

    def _untrusted(self, url: str) -> bool:
        """An article link's hop off the feed's own host (see ``trusted_host``)."""
        trusted = self.request.trusted_host
        return trusted is not None and host_key(url) != trusted

    def _parsed_url(self) -> httpx.URL:
        """This hop's URL, parsed. A feed's own URL is asked for every cycle:
        it is parsed once (``_url``). An article link, a page's feed link and
        a redirect target are seldom asked for twice, and kept there they
        would fill the cache over days (about 600 bytes each)."""
        request = self.request
        if self.url == request.url and request.trusted_host is None and not request.announced:
            return _url(self.url)
        return httpx.URL(self.url)

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
        # Merged once per exchange: every hop sends the same headers but Host.
        # Set item by item, httpx encodes values as UTF-8: a validator holding
        # bytes outside ASCII (any server may send one) goes back, not raises.
        merged = httpx.Headers(self.client.headers)
        merged["Accept-Encoding"] = ACCEPT_ENCODING
        if self.request.accept:
            merged["Accept"] = self.request.accept
        if self.request.etag:
            merged["If-None-Match"] = self.request.etag
        if self.request.last_modified:
            merged["If-Modified-Since"] = self.request.last_modified
        headers = merged.raw
        seen = {_without_fragment(self.url)}
        first = "feed link" if self.request.announced else "article link"
        if self._untrusted(self.url):
            # An article link whose name does not resolve is a network fault
            # (retried later), not a refusal: look it up before judging it.
            host = urlsplit(self.url).hostname or ""
            try:
                await self._resolve(host)
            except OSError as exc:
                return self.fail(FetchStatus.NETWORK, f"cannot resolve {host[:100]}: {exc}"[:200])
        if self.request.announced or self._untrusted(self.url):
            refused = await self._refuse_redirect(self.url, self.url, True, first)
            if refused:
                return self.fail(FetchStatus.REDIRECT, refused)
            self.guard = self.rule
        for _ in range(self.settings.max_redirects + 1):
            hop = await self._get(headers)
            if hop.result is not None:
                return hop.result
            assert hop.location is not None
            target = _without_fragment(hop.location)
            if target in seen:
                return self.fail(FetchStatus.REDIRECT, "redirect loop", hop.status)
            judged = hop.from_public or self._untrusted(hop.location)
            refused = await self._refuse_redirect(hop.location, hop.raw, judged)
            if refused:
                return self.fail(FetchStatus.REDIRECT, refused, hop.status)
            self.guard = self.rule if judged else None
            seen.add(target)
            self.permanent = self.permanent and hop.status in PERMANENT
            self.url = hop.location
        return self.fail(
            FetchStatus.REDIRECT, f"too many redirects (over {self.settings.max_redirects})"
        )

    async def _get(self, headers: list[tuple[bytes, bytes]]) -> _Hop:
        extensions: dict[str, Any] = {"timeout": self.client.timeout.as_dict()}
        if self.guard:
            extensions[GUARD] = self.guard
        try:
            # Not ``client.stream``, which parses the URL and merges the client's
            # headers for every request, then builds them twice more; with a
            # body stream given, httpx adds no headers, so Host is set here.
            url = self._parsed_url()
            request = httpx.Request(
                "GET",
                url,
                headers=[(b"Host", url.netloc), *headers],
                stream=_NO_BODY,
                extensions=extensions,
            )
            response = await self.client.send(request, stream=True)
            try:
                code = response.status_code
                if code not in REDIRECTS:
                    return _Hop(result=await self._final(response))
                await self._finish(response)
                location = response.headers.get("Location", "").strip()
                if not location:
                    error = f"HTTP {code} without Location"
                    return _Hop(result=self.fail(FetchStatus.HTTP_ERROR, error, code))
                target = urljoin(self.url, location)
                public = self._public_peer(response)
                return _Hop(location=target, raw=location, status=code, from_public=public)
            finally:
                await response.aclose()
                # httpx binds the stream to its response and the response to
                # the stream: a cycle, which only the cyclic collector frees,
                # holding the headers, the request and the transport's body.
                # Closed, the response reads nothing more: unbound, it is freed
                # when the last reference goes.
                response.stream = _NO_BODY
        except Refused as exc:
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
            from_public=self._public_peer(response),
        )

    def _public_peer(self, response: httpx.Response) -> bool:
        peer = peer_address(response)
        # Unknown peer: held to the stricter rule.
        return peer is None or self.rule.classify(peer) == "public"

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
        if not body_done(response):
            await self._drain(raw)  # what follows the end of a gzip stream
        return bytes(body)

    async def _finish(self, response: httpx.Response) -> None:
        """Read out a response whose body we do not use, so that its connection
        goes back to the pool; a long one is closed instead."""
        if body_done(response):
            return  # a 304's, an empty one: nothing to read, nothing to wait for
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

    async def _refuse_redirect(
        self, location: str, raw: str, from_public: bool, what: str = "redirect"
    ) -> str | None:
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
            return f"{what} to non-http(s) URL {raw[:100]} refused"
        if target is None or not target.host:
            return f"{what} to unusable URL {raw[:100]} refused"
        if not from_public:
            return None
        return await public_only(self.rule, target.host, what)


class _ResolveOnce:
    """A resolver that asks once per host. Its own object, not a method of the
    exchange: the guard holding a bound method made a reference cycle per
    fetch, which only the cyclic collector could free (with the response,
    headers and body it reached: ~30 objects a fetch, promoted to the oldest
    generation and walked there in every full collection)."""

    def __init__(self, resolve: Resolver) -> None:
        self._ask = resolve
        self._addresses: dict[str, list[str]] = {}

    async def __call__(self, host: str) -> list[str]:
        if is_ip(host):
            return [plain_address(host)]
        if host not in self._addresses:
            addresses = await self._ask(host)
            if not addresses:
                raise OSError(f"{host} has no addresses")
            self._addresses[host] = [plain_address(a) for a in addresses]
        return self._addresses[host]


# Asked for the article links of a cycle's items (and their feeds), not for
# every feed: a few hundred a cycle. Sized for a feed's worth of links, so
# that the cache does not fill over days with links never seen again.
@functools.lru_cache(maxsize=1024)
def host_key(url: str) -> str:
    """``host:port`` of a URL, the port written out (``example.com:443``):
    what "the same host" means for the address rule."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return ""
    scheme = parts.scheme.lower()
    return f"{(parts.hostname or '').lower()}:{port or {'https': 443}.get(scheme, 80)}"


_NO_BODY = httpx.ByteStream(b"")
# A feed's URL is parsed once, not on every poll (httpx's parser is pure
# Python: ~9-12 µs a URL, 2% of a 304's CPU). About 600 bytes each with the
# cache's own: 3 MB for 5,000 feeds.
_url = functools.lru_cache(maxsize=URL_CACHE)(httpx.URL)


def _valid_url(url: str) -> bool:
    try:
        httpx.URL(url)
    except httpx.InvalidURL:
        return False
    return True


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
