"""The read API: what people and scripts ask of the database, one function each.

Each function opens one transaction, reads the stored rows and returns the
read model of ``watcher.views`` (the documented ``--json`` keys). The CLI's
list commands are one call here and a print; anything else that reports what
watcher found (an HTTP endpoint, a script importing watcher) calls the same.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from watcher import __version__, views
from watcher.config import Config
from watcher.store import Store
from watcher.store import answers as answer_rows
from watcher.store import entries as entry_rows
from watcher.store import feeds as feed_rows
from watcher.store import outbox as outbox_rows

Rows = list[dict[str, Any]]
# The format of ``snapshot`` (``watcher export json``).
JSON_FORMAT = "watcher-export/1"


def questions(store: Store, config: Config, *, subject: str | None = None) -> Rows:
    """Every configured question, open or answered, with its history."""
    with store.transaction() as connection:
        states = answer_rows.answer_states(connection, subject=subject)
    return views.questions(config, states, subject=subject)


def matches(
    store: Store,
    *,
    subject: str | None = None,
    question: str | None = None,
    feed: str | None = None,
    since: datetime | None = None,
    limit: int | None = None,
) -> Rows:
    """Stored matches, newest first."""
    with store.transaction() as connection:
        found = entry_rows.list_matches(
            connection, subject=subject, question=question, feed=feed, since=since, limit=limit
        )
    return views.matches(found)


def events(store: Store, *, subject: str | None = None) -> Rows:
    """Answer events, oldest first, with their delivery counts."""
    with store.transaction() as connection:
        return views.events(answer_rows.list_events(connection, subject=subject))


def feeds(store: Store) -> Rows:
    """Every feed's health."""
    with store.transaction() as connection:
        return views.feeds(feed_rows.feed_health(connection))


def outbox(store: Store, *, status: str | None = None) -> Rows:
    """Notification rows, optionally of one status."""
    with store.transaction() as connection:
        return views.outbox(outbox_rows.list_outbox(connection, status=status))


def record(store: Store, kind: str, number: int) -> dict[str, Any] | None:
    """One match, entry or event in full (``watcher show``); None when unknown."""
    with store.transaction() as connection:
        if kind == "event":
            event = answer_rows.get_event(connection, number)
            if event is None:
                return None
            return views.events([event])[0] | {"payload": event.message.to_json()}
        if kind == "entry":
            item = entry_rows.get_entry(connection, number)
            if item is None:
                return None
            return views.entry(item, entry_rows.list_matches(connection, entry_id=number))
        (match,) = entry_rows.list_matches(connection, match_id=number) or (None,)
        if match is None:
            return None
        return views.match_detail(match, entry_rows.get_entry(connection, match.entry_id))


def snapshot(
    store: Store, config: Config, now: datetime, *, subject: str | None = None
) -> dict[str, Any]:
    """Everything watcher knows, as one JSON-ready document, read in one
    transaction: the same rows as ``questions``, ``events``, ``matches`` and
    ``feeds --json``."""
    with store.transaction() as connection:
        states = answer_rows.answer_states(connection, subject=subject)
        return {
            "format": JSON_FORMAT,
            "version": __version__,
            "exported_at": now.astimezone(UTC).isoformat(),
            "questions": views.questions(config, states, subject=subject),
            "events": views.events(answer_rows.list_events(connection, subject=subject)),
            "matches": views.matches(entry_rows.list_matches(connection, subject=subject)),
            "feeds": views.feeds(feed_rows.feed_health(connection)),
        }
