"""Outbox rows → apprise, with retries.

Delivery
    An event becomes one outbox row per routed target, written with the event
    in the poll's transaction. ``deliver_pending`` claims due rows (``SELECT …
    FOR UPDATE SKIP LOCKED`` on PostgreSQL, one claim at a time per database so
    the per-target order holds across workers), sends each target's rows in
    order with apprise's async API under a per-send deadline, and marks them
    sent. Targets are served concurrently: a slow or failing one never holds up
    the others. A failure schedules a retry with exponential backoff and jitter
    (``RETRY_BASE`` doubling up to ``RETRY_CAP``, ±20%) and holds back that
    target's later rows, which are released untried (their ``attempts`` stay
    as they were). A row older than its target's ``give_up_after`` (default two
    days) that has had ``MIN_TRIES`` tries is dead, with its last error;
    ``watcher outbox retry`` re-queues it. ``ignore_backoff`` (``poll --once``)
    tries every target's oldest pending row now, batch after batch, and stops
    a target for the rest of the run at its first failure.

At-least-once, honestly
    A row is claimed (committed) before it is sent and marked sent after. A
    process killed after the poll commits but before delivery loses nothing:
    the next run (or another worker) sends the rows. A process killed after a
    receiver accepted a message but before the row was marked sent leaves the
    row pending, and it is sent again: at most one duplicate per message and
    target. The same happens when a send times out here but the receiver got
    it anyway (apprise's synchronous plugins run in threads that cannot be
    cancelled). A killed process's claims are taken over at once when it ran on
    the same machine (same kernel boot and PID namespace, and its pid is gone);
    otherwise after the claim lease (``CLAIM_LEASE``, renewed while a worker
    is sending). Exactly-once would need the receiver to drop duplicates.

Messages
    What a notification says, and its templates: ``watcher.message``. A first-look
    image is attached (fetched once per run: an image type, at most
    ``IMAGE_MAX_BYTES``, a public address) on the first try to a service that
    takes attachments.

Digest
    A target with ``digest: 30m`` waits until its oldest pending row is that old,
    then sends all its pending rows as one message.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import logging
import mimetypes
import random
import socket
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import apprise
import httpx

from watcher.claims import claimant, dead_claimants
from watcher.config import NotifyTarget
from watcher.masking import mask_url, scrub
from watcher.message import FORMATS, check_templates, escape, render_digest, render_for, target_key
from watcher.store import Store
from watcher.store import outbox as outbox_rows
from watcher.transport import address_kind, resolve_host

log = logging.getLogger(__name__)

SEND_TIMEOUT = 30.0  # one message, image fetch included
IMAGE_TIMEOUT = 10.0
IMAGE_MAX_BYTES = 5 * 1024 * 1024  # below every attachment-taking service's limit
# Renewed after every send, so it only has to outlive one send.
CLAIM_LEASE = timedelta(seconds=SEND_TIMEOUT * 2 + 30)
BATCH = 50  # rows claimed per round
RETRY_BASE = 30.0  # seconds before the first retry
RETRY_CAP = 3600.0  # never wait more than an hour between tries
MIN_TRIES = 3  # a row is never dead before this many real tries
ORPHAN_AFTER = timedelta(days=2)  # rows of targets gone from every config
# apprise 2.x takes a whole-call deadline; older releases only the one we wrap.
_APPRISE_TIMEOUT = "timeout" in inspect.signature(apprise.Apprise.notify).parameters


@dataclass(frozen=True, slots=True)
class DeliveryReport:
    sent: int = 0
    failed: int = 0
    dead: int = 0
    waiting: int = 0  # released untried, behind a failed message to the same target


# -- sending --------------------------------------------------------------------------


@functools.lru_cache(maxsize=256)
def service_info(url: str) -> tuple[str, bool]:
    """(body format, takes attachments) of the service behind ``url``."""
    service = apprise.Apprise.instantiate(url)
    if service is None:
        return "text", False
    resolve = getattr(service, "resolve_format", None)
    fmt: Any = resolve() if callable(resolve) else getattr(service, "notify_format", "text")
    if isinstance(fmt, tuple | list):
        fmt = fmt[0] if fmt else "text"
    value = str(getattr(fmt, "value", fmt)).lower()
    return (value if value in FORMATS else "text"), bool(getattr(service, "attachment_support", 0))


async def send(
    url: str,
    title: str,
    body: str,
    deadline: float = SEND_TIMEOUT,
    *,
    body_format: str | None = None,
    attach: Sequence[str] = (),
) -> str | None:
    """Send one message; None on success, else a short reason (secrets scrubbed)."""
    apobj = apprise.Apprise()
    if not apobj.add(url):
        return f"not a usable apprise URL: {mask_url(url)}"
    kwargs: dict[str, Any] = {"body": body, "title": title}
    if body_format:
        kwargs["body_format"] = body_format
    if attach:
        kwargs["attach"] = list(attach)
    if _APPRISE_TIMEOUT:
        kwargs["timeout"] = deadline
    try:
        # apprise's own deadline first; ours is the backstop.
        async with asyncio.timeout(deadline + 1):
            result = await apobj.async_notify(**kwargs)
    except TimeoutError:
        return f"timed out after {deadline:.0f}s"
    except Exception as exc:  # a plugin fault must not stop the other deliveries
        return scrub(f"{type(exc).__name__}: {exc}", url)[:300]
    if result:
        return None
    messages = [
        str(entry.message)
        for entry in (result.logs() if hasattr(result, "logs") else ())
        if str(getattr(entry, "level", "")).upper() in ("WARNING", "ERROR", "CRITICAL")
    ]
    reason = " ".join(dict.fromkeys(messages[-2:])) or "the service refused or could not be reached"
    return scrub(reason, url)[:300]


class _Images:
    """First-look images fetched once per delivery run, for attaching."""

    def __init__(self, folder: Path, allow_private: bool) -> None:
        self.folder = folder
        self.allow_private = allow_private
        # One fetch per URL, shared: targets are served concurrently, and two
        # fetches of one image wrote the same file while another target's
        # send was reading it (an empty attachment).
        self.cache: dict[str, asyncio.Task[str | None]] = {}

    async def get(self, url: str) -> str | None:
        if url not in self.cache:
            self.cache[url] = asyncio.ensure_future(self._get(url, len(self.cache)))
        return await asyncio.shield(self.cache[url])

    async def _get(self, url: str, number: int) -> str | None:
        try:
            async with asyncio.timeout(IMAGE_TIMEOUT):
                return await self._fetch(url, number)
        except (TimeoutError, httpx.HTTPError, httpx.InvalidURL, OSError, ValueError) as exc:
            log.info("image not attached (%s): %s", url[:200], exc)
            return None

    async def _check(self, request: httpx.Request) -> None:
        host = request.url.host
        if self.allow_private:
            return
        kinds = {address_kind(a) for a in await resolve_host(host)}
        if kinds != {"public"}:
            raise ValueError(f"{host} is not a public address ({', '.join(sorted(kinds))})")

    async def _fetch(self, url: str, number: int) -> str:
        if urlsplit(url).scheme not in ("http", "https"):
            raise ValueError("not an http(s) URL")
        hooks = {"request": [self._check]}
        async with (
            httpx.AsyncClient(
                timeout=IMAGE_TIMEOUT, follow_redirects=True, max_redirects=3, event_hooks=hooks
            ) as client,
            client.stream("GET", url) as response,
        ):
            response.raise_for_status()
            kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if not kind.startswith("image/"):
                raise ValueError(f"not an image ({kind or 'no type'})")
            data = bytearray()
            async for chunk in response.aiter_bytes():
                data += chunk
                if len(data) > IMAGE_MAX_BYTES:
                    raise ValueError(f"image larger than {IMAGE_MAX_BYTES} bytes")
        path = self.folder / f"first-look-{number}{mimetypes.guess_extension(kind) or '.img'}"
        path.write_bytes(bytes(data))
        return str(path)


# -- delivery -------------------------------------------------------------------------


@dataclass
class _Run:
    store: Store
    me: str
    now: Callable[[], datetime]
    images: _Images
    sent: int = 0
    failed: int = 0
    dead: int = 0
    waiting: int = 0
    stopped: set[str] = field(default_factory=set)  # targets that failed this run


async def deliver_pending(
    store: Store,
    targets: Sequence[NotifyTarget],
    owner: str,
    now: Callable[[], datetime],
    *,
    ignore_backoff: bool = False,
    batch: int = BATCH,
    allow_private_images: bool = False,
) -> DeliveryReport:
    """Deliver every due outbox row of the configured targets; per target in
    order, oldest first (see the module docstring)."""
    by_key: dict[str, NotifyTarget] = {}
    for target in targets:
        by_key.setdefault(target_key(target.url), target)
    with store.transaction() as connection:
        buried = outbox_rows.bury_orphans(
            connection, list(by_key), now(), now() - ORPHAN_AFTER, "target no longer configured"
        )
    with tempfile.TemporaryDirectory(prefix="watcher-attach-") as folder:
        run = _Run(store, claimant(owner), now, _Images(Path(folder), allow_private_images))
        run.dead += buried
        while True:
            items = _claim(run, by_key, ignore_backoff, batch)
            if not items:
                break
            groups: dict[str, list[outbox_rows.OutboxItem]] = {}
            for item in items:
                groups.setdefault(item.target_key, []).append(item)
            results = await asyncio.gather(
                *(_deliver_target(run, by_key[k], rows) for k, rows in groups.items()),
                return_exceptions=True,
            )
            for key, result in zip(groups, results, strict=True):
                if isinstance(result, BaseException):
                    log.error("delivery to %s failed: %r", mask_url(by_key[key].url), result)
                    run.stopped.add(key)
    return DeliveryReport(run.sent, run.failed, run.dead, run.waiting)


def _claim(
    run: _Run, by_key: dict[str, NotifyTarget], ignore_backoff: bool, batch: int
) -> list[outbox_rows.OutboxItem]:
    with run.store.transaction() as connection:
        run.store.serialize(connection, "outbox")  # one claim at a time keeps per-target order
        at = run.now()
        keys = [k for k in by_key if k not in run.stopped]
        digests = {k: by_key[k].digest for k in keys if by_key[k].digest}
        oldest = outbox_rows.oldest_pending(connection, list(digests))
        for key, window in digests.items():
            if key not in oldest or oldest[key] > at - timedelta(seconds=window or 0):
                keys.remove(key)  # still collecting
        return outbox_rows.claim_due(
            connection,
            run.me,
            at,
            CLAIM_LEASE,
            keys=keys,
            ignore_backoff=ignore_backoff,
            stale=dead_claimants(outbox_rows.claimants(connection, at)),
            limit=batch,
        )


async def _deliver_target(
    run: _Run, target: NotifyTarget, rows: list[outbox_rows.OutboxItem]
) -> None:
    """One target's claimed rows, in order; stop at the first failure."""
    if target.digest:
        if not await _send_rows(run, target, rows):
            run.stopped.add(rows[0].target_key)
        return
    for index, row in enumerate(rows):
        if not await _send_rows(run, target, [row]):
            rest = [r.id for r in rows[index + 1 :]]
            with run.store.transaction() as connection:
                outbox_rows.release(connection, rest, run.me)
            run.waiting += len(rest)
            run.stopped.add(row.target_key)
            return


async def _send_rows(run: _Run, target: NotifyTarget, rows: list[outbox_rows.OutboxItem]) -> bool:
    """Send ``rows`` as one message and record the outcome. False when it
    failed and will be retried (the target waits); True when sent or dead."""
    fmt, takes_attachments = service_info(target.url)
    messages = [r.message for r in rows]
    if len(rows) == 1:
        title, body = render_for(target, messages[0], fmt)
    else:
        title, body = render_digest(target, messages, fmt)
    attach = []
    # Attached on the first try only: a service that refuses the image still
    # gets the message (with the image's URL) on the next.
    if takes_attachments and all(r.attempts == 0 for r in rows):
        for url in filter(None, (m.image for m in messages)):
            path = await run.images.get(url)
            if path:
                attach.append(path)
    error = await send(target.url, title, body, body_format=fmt, attach=attach)
    ids = [r.id for r in rows]
    at = run.now()
    with run.store.transaction() as connection:
        if error is None:
            outbox_rows.mark_sent(connection, ids, run.me, at)
        else:
            retry_at = _next_attempt(rows, target, at)
            outbox_rows.mark_failed(connection, ids, run.me, error, retry_at)
        outbox_rows.renew(connection, run.me, at + CLAIM_LEASE)
    label = rows[0].target_label
    if error is None:
        run.sent += len(rows)
        return True
    if retry_at is None:
        run.dead += len(rows)
        log.warning("notification %s to %s is dead: %s", ids, label, error)
        return True
    run.failed += len(rows)
    log.info("notification %s to %s failed (retry %s): %s", ids, label, retry_at, error)
    return False


def _next_attempt(
    rows: Sequence[outbox_rows.OutboxItem], target: NotifyTarget, now: datetime
) -> datetime | None:
    tries = max(r.attempts for r in rows) + 1
    age = now - min(r.created for r in rows)
    if age > timedelta(seconds=target.give_up_after) and tries >= MIN_TRIES:
        return None
    delay = min(RETRY_CAP, RETRY_BASE * 2 ** (tries - 1))
    return now + timedelta(seconds=delay * random.uniform(0.8, 1.2))


# -- notify test ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TestOutcome:
    label: str
    error: str | None
    template_error: str | None = None


async def send_test(targets: Sequence[NotifyTarget], tag: str | None = None) -> list[TestOutcome]:
    """A test message to each target (those tagged ``tag``, when given)."""
    chosen = [t for t in targets if tag is None or tag in t.tags]
    host = socket.gethostname()

    async def one(target: NotifyTarget) -> TestOutcome:
        label = mask_url(target.url)
        fmt, _ = service_info(target.url)
        body = escape(f"A test message from watcher on {host}: notifications to {label} work.", fmt)
        error = await send(target.url, "watcher: test notification", body, body_format=fmt)
        return TestOutcome(label, error, check_templates(target))

    return list(await asyncio.gather(*(one(t) for t in chosen)))
