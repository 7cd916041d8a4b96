"""Outbox rows → apprise, with retries; and what a notification says.

An event becomes one outbox row per target (written with the event, in the
poll's transaction). ``deliver_pending`` claims due rows, sends each with
apprise, and marks it sent, or schedules a retry with exponential backoff and
jitter, or gives up (dead) once the row is older than the retry window.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import apprise

from watcher.config import NotifyTarget, SubjectConfig
from watcher.knowledge import Event, EventKind
from watcher.store import Store
from watcher.store import outbox as outbox_rows
from watcher.store.answers import OutboxTarget

log = logging.getLogger(__name__)

SEND_TIMEOUT = 30.0
CLAIM_LEASE = timedelta(minutes=5)
RETRY_BASE = 30.0  # seconds before the first retry
RETRY_CAP = 3600.0  # never wait more than an hour between tries
RETRY_WINDOW = timedelta(days=2)  # then the row is dead, with its last error


@dataclass(frozen=True, slots=True)
class DeliveryReport:
    sent: int = 0
    failed: int = 0
    dead: int = 0


def target_key(url: str) -> str:
    return hashlib.sha256(url.encode()).hexdigest()[:32]


_SECRET_QUERY = re.compile(r"(?i)([?&](?:pass|password|token|secret|key|apikey|auth)=)[^&#]+")
_PASSWORD = re.compile(r"^([a-z][a-z0-9+.-]*://[^/@:]*):[^/@]*@", re.I)
# Services like Slack, Discord and Telegram put the token in the path: a long
# segment with digits in it is treated as one.
_TOKEN_SEGMENT = re.compile(r"(?<=/)(?=[^/?#]*\d)[^/?#]{16,}")


def redact(url: str) -> str:
    """A target URL fit to print or log: password, token-like path segments
    and secret query values masked."""
    if "://" not in url:
        return url
    masked = _PASSWORD.sub(r"\1:***@", url)
    head, _, tail = masked.partition("://")
    return head + "://" + _SECRET_QUERY.sub(r"\1***", _TOKEN_SEGMENT.sub("***", tail))


def route(event: Event, targets: Sequence[NotifyTarget]) -> list[OutboxTarget]:
    """The targets an event goes to: untagged ones get everything; a tagged
    one only events whose subject or question id is among its tags."""
    wanted = {event.subject_id, event.question_id, f"{event.subject_id}/{event.question_id}"}
    return [
        OutboxTarget(target_key(t.url), redact(t.url))
        for t in targets
        if not t.tags or wanted & set(t.tags)
    ]


def event_payload(event: Event, subjects: Sequence[SubjectConfig]) -> dict[str, Any]:
    """The event frozen as data: what the notification is rendered from."""
    subject = next((s for s in subjects if s.id == event.subject_id), None)
    question = next(
        (q for q in (subject.questions if subject else ()) if q.id == event.question_id), None
    )

    def answer(a: Any) -> dict[str, Any] | None:
        if a is None:
            return None
        return {"value": a.value, "display": a.display, "precision": a.precision}

    return {
        "subject": event.subject_id,
        "subject_name": subject.name if subject else event.subject_id,
        "question": event.question_id,
        "question_label": (question.label if question and question.label else event.question_id),
        "kind": str(event.kind),
        "answer_kind": event.answer.kind,
        "answer": answer(event.answer),
        "previous": answer(event.previous),
        "confirmed": event.confirmed,
        "evidence": event.evidence,
        "sources": [
            {
                "feed": o.feed,
                "title": o.title,
                "link": o.link,
                "reported": o.reported.isoformat(),
            }
            for o in event.sources
        ],
    }


def render(payload: dict[str, Any]) -> tuple[str, str]:
    """(title, body) in plain text: what every target receives."""
    question = payload["question"].replace("-", " ")
    answer = payload["answer"]["display"]
    kind = payload["kind"]
    if kind == EventKind.CHANGED and payload.get("previous"):
        headline = f"{question} changed: {answer} (was {payload['previous']['display']})"
    elif kind == EventKind.REFINED:
        headline = f"{question} refined: {answer}"
    else:
        headline = f"{question}: {answer}"
    if not payload.get("confirmed", True):
        headline += " (unconfirmed)"
    title = f"{payload['subject_name']} — {headline}"
    lines = [f"“{payload['evidence']}”", ""]
    sources = payload["sources"]
    lines.append(f"Reported by {len(sources)} source{'s' if len(sources) != 1 else ''}:")
    for source in sources:
        lines.append(f"- {source['feed']}: {source['title']}")
        if source.get("link"):
            lines.append(f"  {source['link']}")
    return title, "\n".join(lines)


async def send(url: str, title: str, body: str, deadline: float = SEND_TIMEOUT) -> str | None:
    """Send one message; None on success, else a short reason."""
    apobj = apprise.Apprise()
    if not apobj.add(url):
        return f"not a usable apprise URL: {redact(url)}"
    try:
        async with asyncio.timeout(deadline):
            ok = await apobj.async_notify(body=body, title=title)
    except TimeoutError:
        return f"timed out after {deadline:.0f}s"
    except Exception as exc:  # a plugin fault must not stop the other deliveries
        return f"{type(exc).__name__}: {exc}"[:300]
    return None if ok else "the service refused or could not be reached"


async def deliver_pending(
    store: Store,
    targets: Sequence[NotifyTarget],
    owner: str,
    now: Callable[[], datetime],
    *,
    ignore_backoff: bool = False,
) -> DeliveryReport:
    """Deliver every due outbox row; each in order, oldest first."""
    urls = {target_key(t.url): t.url for t in targets}
    sent = failed = dead = 0
    while True:
        with store.transaction() as session:
            items = outbox_rows.claim_due(
                session, owner, now(), CLAIM_LEASE, ignore_backoff=ignore_backoff
            )
        if not items:
            break
        blocked: set[str] = set()
        for item in items:
            if item.target_key in blocked:
                # Keep order per target: after one failure, later rows wait too.
                error: str | None = "waiting behind an earlier failed message"
            elif item.target_key not in urls:
                error = "target no longer in the configuration"
            else:
                title, body = render(item.payload)
                error = await send(urls[item.target_key], title, body)
            with store.transaction() as session:
                if error is None:
                    outbox_rows.mark_sent(session, item.id, now())
                    sent += 1
                    continue
                blocked.add(item.target_key)
                retry_at = _next_attempt(item, now())
                if item.target_key not in urls:
                    retry_at = None
                outbox_rows.mark_failed(session, item.id, error, retry_at)
            if retry_at is None:
                dead += 1
                log.warning("notification %s to %s is dead: %s", item.id, item.target_label, error)
            else:
                failed += 1
                log.info("notification %s to %s failed: %s", item.id, item.target_label, error)
        if ignore_backoff and (failed or dead):
            break  # one try each per explicit run; the daemon paces the rest
    return DeliveryReport(sent, failed, dead)


def _next_attempt(item: outbox_rows.OutboxItem, now: datetime) -> datetime | None:
    if now - item.created > RETRY_WINDOW:
        return None
    delay = min(RETRY_CAP, RETRY_BASE * 2**item.attempts)
    return now + timedelta(seconds=delay * random.uniform(0.8, 1.2))
