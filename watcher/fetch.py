"""Conditional, bounded HTTP GET of one feed → ``FetchResult``.

(Interface fixed; hardening being written.) Remote faults are values, never
exceptions: one bad feed never unwinds a poll cycle.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from enum import StrEnum

import httpx

from watcher import __version__
from watcher.config import PollSettings

USER_AGENT = f"watcher/{__version__} (+https://github.com/watcher-project/watcher)"


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
    # Set when every hop to ``url`` was permanent (301/308): store it as the feed's URL.
    moved_to: str | None = None
    retry_after: float | None = None  # seconds, from a 429/503 Retry-After
    error: str | None = None  # short reason, for health and logs
    elapsed: float = 0.0


def make_client(settings: PollSettings) -> httpx.AsyncClient:
    timeouts = settings.timeouts
    return httpx.AsyncClient(
        timeout=httpx.Timeout(timeouts.read, connect=timeouts.connect),
        headers={"User-Agent": settings.user_agent or USER_AGENT},
        follow_redirects=False,
        limits=httpx.Limits(max_connections=settings.concurrency),
    )


async def fetch(
    client: httpx.AsyncClient, request: FetchRequest, settings: PollSettings
) -> FetchResult:
    started = time.monotonic()
    headers = {}
    if request.etag:
        headers["If-None-Match"] = request.etag
    if request.last_modified:
        headers["If-Modified-Since"] = request.last_modified
    try:
        async with asyncio.timeout(settings.timeouts.total):
            response = await client.get(request.url, headers=headers)
    except TimeoutError:
        return FetchResult(FetchStatus.TIMEOUT, request.url, error="timed out",
                           elapsed=time.monotonic() - started)
    except httpx.HTTPError as exc:
        return FetchResult(FetchStatus.NETWORK, request.url, error=str(exc)[:200],
                           elapsed=time.monotonic() - started)
    elapsed = time.monotonic() - started
    common = dict(
        url=request.url,
        http_status=response.status_code,
        etag=response.headers.get("ETag"),
        last_modified=response.headers.get("Last-Modified"),
        elapsed=elapsed,
    )
    if response.status_code == 304:
        return FetchResult(FetchStatus.NOT_MODIFIED, **common)  # type: ignore[arg-type]
    if response.status_code != 200:
        return FetchResult(FetchStatus.HTTP_ERROR, error=f"HTTP {response.status_code}", **common)  # type: ignore[arg-type]
    return FetchResult(
        FetchStatus.OK, body=response.content,
        content_type=response.headers.get("Content-Type"), **common  # type: ignore[arg-type]
    )
