"""The connections ``watcher.fetch`` makes, and the address rule held on them.

Checking a redirect target's addresses and then letting httpx connect would
look the name up twice, and a rebinding DNS server can answer "public" to the
check and "127.0.0.1" to the connection. So the hops after a public server's
redirect carry a ``Guard`` (request extension ``GUARD``), and ``Transport``
sends them through a pool whose network backend resolves with the guard,
refuses unless every address is public, and connects to those addresses: the
lookup checked is the lookup connected to, and TLS still names the host (SNI
and certificate checks use the URL's host, not the address).

A separate pool, so that a connection opened for a hop the config chose (its
owner may well point a feed at a private address) is never reused for a hop
that has to stay public.
"""

from __future__ import annotations

import asyncio
import ipaddress
import select
import socket
import ssl
from collections.abc import Awaitable, Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import httpcore
import httpx

Resolver = Callable[[str], Awaitable[list[str]]]
# An address → "public", or what else it is ("loopback", "private" ...).
Classifier = Callable[[str], str]


async def resolve_host(host: str) -> list[str]:
    """The addresses ``host`` resolves to, the way the connection will see them."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


GUARD = "watcher.guard"


@dataclass(frozen=True, slots=True)
class Guard:
    resolve: Resolver
    classify: Classifier


# The backend sees only host and port; this carries the hop's guard to it.
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


class _Backend(httpcore.AsyncNetworkBackend):
    """Opens the connections of one of ``Transport``'s pools. A guarded one
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
                raise Refused(f"connection to {host[:100]} without an address rule refused")
            refused = await public_only(guard, host)
            if refused:
                raise Refused(refused)
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
        raise Refused("unix socket refused")

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


class Transport(httpx.AsyncBaseTransport):
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


def peer_address(response: httpx.Response) -> str | None:
    """The address of the server that sent ``response``, as connected to."""
    stream = response.extensions.get("network_stream")
    peer = stream.get_extra_info("server_addr") if stream is not None else None
    return plain_address(str(peer[0])) if peer else None


def is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False
    return True


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
