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
  a public address to a private, loopback or link-local one is refused.

It does not parse: the body goes back as bytes (``watcher.parse`` reads them).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import time
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from enum import StrEnum
from http.cookiejar import CookieJar, DefaultCookiePolicy
from urllib.parse import urljoin, urlsplit

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

Resolver = Callable[[str], Awaitable[list[str]]]


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
    timeouts = settings.timeouts
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
        limits=httpx.Limits(max_connections=settings.concurrency),
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
) -> FetchResult:
    """GET ``request.url`` under every bound in ``settings``. Never raises for a
    remote fault. ``resolve`` (host → addresses) decides whether a redirect
    target is private; tests inject one, the default asks the system resolver."""
    started = time.monotonic()
    exchange = _Exchange(client, request, settings, resolve or resolve_host, started)
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
    result: FetchResult | None = None


class _Exchange:
    """One fetch: the hops followed so far and the bounds they are held to."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        request: FetchRequest,
        settings: PollSettings,
        resolve: Resolver,
        started: float,
    ) -> None:
        self.client = client
        self.request = request
        self.settings = settings
        self.resolve = resolve
        self.started = started
        self.url = request.url
        self.permanent = True
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
            refused = await self._refuse_redirect(hop.location, hop.raw)
            if refused:
                return self.fail(FetchStatus.REDIRECT, refused, hop.status)
            seen.add(target)
            self.permanent = self.permanent and hop.status in PERMANENT
            self.url = hop.location
        return self.fail(
            FetchStatus.REDIRECT, f"too many redirects (over {self.settings.max_redirects})"
        )

    async def _get(self, headers: dict[str, str]) -> _Hop:
        try:
            async with self.client.stream("GET", self.url, headers=headers) as response:
                code = response.status_code
                if code not in REDIRECTS:
                    return _Hop(result=await self._final(response))
                location = response.headers.get("Location", "").strip()
                if not location:
                    error = f"HTTP {code} without Location"
                    return _Hop(result=self.fail(FetchStatus.HTTP_ERROR, error, code))
                return _Hop(location=urljoin(self.url, location), raw=location, status=code)
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
        try:
            async for piece in _decoded(response.aiter_raw(), encoding):
                body += piece
                if len(body) > cap:
                    return self.fail(FetchStatus.TOO_LARGE, too_large, response.status_code)
        except _DecodeError as exc:
            return self.fail(FetchStatus.NETWORK, str(exc), response.status_code)
        return bytes(body)

    async def _refuse_redirect(self, location: str, raw: str) -> str | None:
        """Why following ``location`` is refused, or None to follow it.

        A feed the config points at a private address is fetched: its owner chose
        it. A public server redirecting us there is refused (SSRF: cloud metadata
        at 169.254.169.254, admin pages on localhost).
        """
        try:
            target = httpx.URL(location)
        except httpx.InvalidURL:
            target = None
        if urlsplit(location).scheme.lower() not in ("http", "https"):
            return f"redirect to non-http(s) URL {raw[:100]} refused"
        if target is None or not target.host:
            return f"redirect to unusable URL {raw[:100]} refused"
        if not await self._is_public(httpx.URL(self.url).host):
            return None
        try:
            addresses = await self._resolve(target.host)
        except OSError:
            return f"redirect to unresolvable host {target.host[:100]} refused"
        for address in addresses:
            kind = address_kind(address)
            if kind != "public":
                return f"redirect to {kind} address {address} refused"
        return None

    async def _is_public(self, host: str) -> bool:
        try:
            addresses = await self._resolve(host)
        except OSError:
            return True  # cannot tell: hold it to the stricter rule
        return all(address_kind(a) == "public" for a in addresses)

    async def _resolve(self, host: str) -> list[str]:
        if _is_ip(host):
            return [_plain_address(host)]
        if host not in self._addresses:
            addresses = await self.resolve(host)
            if not addresses:
                raise OSError(f"{host} has no addresses")
            self._addresses[host] = [_plain_address(a) for a in addresses]
        return self._addresses[host]


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
