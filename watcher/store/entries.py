"""Entries by identity, with content hashes; the matches found in them."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Column, Connection, Select, bindparam, delete, func, insert, select, update

from watcher.store.articles import StoredArticle, get_articles
from watcher.store.schema import ENTRIES, FEEDS, MATCHES
from watcher.types import Entry, Match

T = TypeVar("T")

# Identity lists are sent in chunks: SQLite caps bound parameters per statement.
_CHUNK = 500


@dataclass(frozen=True, slots=True)
class StoredMatch:
    id: int
    subject: str
    question: str
    feed: str
    link: str | None
    title: str
    published: datetime | None
    value: str | None
    display: str | None
    precision: str | None
    evidence: str
    confidence: float
    hedged: bool
    created: datetime
    entry_id: int
    # None: matched before the reasons were recorded.
    considered: tuple[dict[str, Any], ...] | None = None
    outlet: str | None = None  # the publisher an aggregator named


def content_hashes(
    connection: Connection, feed_id: int, identities: Sequence[str]
) -> dict[str, str]:
    """identity → stored content hash, for the identities already stored."""
    return _by_identity(connection, feed_id, identities, ENTRIES.c.content_hash)


def _by_identity(
    connection: Connection, feed_id: int, identities: Sequence[str], column: Column[T]
) -> dict[str, T]:
    out: dict[str, T] = {}
    query = _identity_query(column)
    for start in range(0, len(identities), _CHUNK):
        chunk = list(identities[start : start + _CHUNK])
        rows = connection.execute(query, {"feed_id": feed_id, "identities": chunk})
        out.update({identity: value for identity, value in rows})
    return out


_DELETE_MATCHES = delete(MATCHES).where(
    MATCHES.c.entry_id.in_(bindparam("entry_ids", expanding=True))
)


# By primary key, one executemany; the parameter is not named after a column,
# which Core would take as a value to SET.
_UPDATE_ENTRY = update(ENTRIES).where(ENTRIES.c.id == bindparam("entry_row_id"))


@functools.cache
def _identity_query(column: Column[Any]) -> Select[tuple[str, Any]]:
    """Built once, with its values as parameters: a statement built per feed
    left its bound parameters in reference cycles (SQLAlchemy's own), a few
    dozen objects a feed for the cyclic collector."""
    return select(ENTRIES.c.identity, column).where(
        ENTRIES.c.feed_id == bindparam("feed_id"),
        ENTRIES.c.identity.in_(bindparam("identities", expanding=True)),
    )


@dataclass(frozen=True, slots=True)
class SavedEntry:
    entry_id: int
    is_new: bool
    match_ids: tuple[int, ...]  # in the order of the matches given


def save_entries(
    connection: Connection,
    feed_id: int,
    changed: Sequence[tuple[Entry, Sequence[Match]]],
    now: datetime,
) -> list[SavedEntry]:
    """Insert or update a feed's new and edited entries with their matches, in
    the order given. An edited entry loses its old matches: it is matched again
    from its new text. A few statements per feed, whatever its size: a first
    poll writes ~30 entries per feed, and a SELECT and flush for each was a
    sixth of that cycle's CPU."""
    if not changed:
        return []
    ids = _by_identity(connection, feed_id, [entry.identity for entry, _ in changed], ENTRIES.c.id)
    fresh = [entry for entry, _ in changed if entry.identity not in ids]
    edited = [entry for entry, _ in changed if entry.identity in ids]
    if fresh:
        inserted = connection.scalars(
            insert(ENTRIES).returning(ENTRIES.c.id, sort_by_parameter_order=True),
            [
                {"feed_id": feed_id, "identity": e.identity, "first_seen": now} | _columns(e, now)
                for e in fresh
            ],
        ).all()
        new_ids = dict(zip((e.identity for e in fresh), inserted, strict=True))
    else:
        new_ids = {}
    if edited:
        stale = [ids[e.identity] for e in edited]
        for start in range(0, len(stale), _CHUNK):
            connection.execute(_DELETE_MATCHES, {"entry_ids": stale[start : start + _CHUNK]})
        connection.execute(
            _UPDATE_ENTRY,
            [{"entry_row_id": ids[e.identity]} | _columns(e, now) for e in edited],
        )
    ids |= new_ids
    match_rows = [
        _match_columns(ids[entry.identity], m, now) for entry, matches in changed for m in matches
    ]
    match_ids = iter(
        connection.scalars(
            insert(MATCHES).returning(MATCHES.c.id, sort_by_parameter_order=True), match_rows
        ).all()
        if match_rows
        else ()
    )
    return [
        SavedEntry(
            entry_id=ids[entry.identity],
            is_new=entry.identity in new_ids,
            match_ids=tuple(itertools.islice(match_ids, len(matches))),
        )
        for entry, matches in changed
    ]


def _columns(entry: Entry, now: datetime) -> dict[str, Any]:
    return {
        "link": entry.link,
        "title": entry.title,
        "text": entry.text,
        "published": entry.published,
        "images": list(entry.images),
        "content_hash": entry.content_hash,
        "updated": now,
        "outlet": entry.outlet,
        "outlet_url": entry.outlet_url,
        "article_url": entry.article_url,
        "read": entry.read,
    }


def _match_columns(entry_id: int, m: Match, now: datetime) -> dict[str, Any]:
    return {
        "entry_id": entry_id,
        "subject_id": m.subject_id,
        "question_id": m.question_id,
        "evidence": m.evidence,
        "kind": m.answer.kind if m.answer else None,
        "value": m.answer.value if m.answer else None,
        "display": m.answer.display if m.answer else None,
        "precision": m.answer.precision if m.answer else None,
        "confidence": m.confidence,
        "hedged": m.hedged,
        "created": now,
        "considered": [c.to_json() for c in m.considered] or None,
    }


# -- read models for the CLI (``watcher matches``, ``watcher show``) ----------------


@dataclass(frozen=True, slots=True)
class StoredEntry:
    id: int
    feed: str
    identity: str
    link: str | None
    title: str
    text: str
    published: datetime | None
    images: tuple[str, ...]
    content_hash: str
    first_seen: datetime
    updated: datetime
    outlet: str | None = None
    outlet_url: str | None = None
    article_url: str | None = None
    read: str = "feed"
    article: StoredArticle | None = None


def get_entry(connection: Connection, entry_id: int) -> StoredEntry | None:
    found = connection.execute(
        select(ENTRIES, FEEDS.c.name.label("feed_name"))
        .join(FEEDS, ENTRIES.c.feed_id == FEEDS.c.id)
        .where(ENTRIES.c.id == entry_id)
    ).first()
    if found is None:
        return None
    articles = get_articles(connection, [found.article_url]) if found.article_url else {}
    return StoredEntry(
        id=found.id,
        feed=found.feed_name,
        identity=found.identity,
        link=found.link,
        title=found.title,
        text=found.text,
        published=found.published,
        images=tuple(found.images or ()),
        content_hash=found.content_hash,
        first_seen=found.first_seen,
        updated=found.updated,
        outlet=found.outlet,
        outlet_url=found.outlet_url,
        article_url=found.article_url,
        read=found.read,
        article=articles.get(found.article_url or ""),
    )


def list_matches(
    connection: Connection,
    *,
    subject: str | None = None,
    question: str | None = None,
    feed: str | None = None,
    since: datetime | None = None,
    limit: int | None = None,
    entry_id: int | None = None,
    match_id: int | None = None,
) -> list[StoredMatch]:
    """Stored matches, newest first by when they were found and, among those
    found in one poll, by the item's own date (a first poll finds a whole feed
    at once, and its newest item should lead)."""
    match, entry = MATCHES.c, ENTRIES.c
    query = (
        select(*_MATCH_COLUMNS)
        .join(ENTRIES, match.entry_id == entry.id)
        .join(FEEDS, entry.feed_id == FEEDS.c.id)
        .order_by(
            match.created.desc(),
            func.coalesce(entry.published, entry.first_seen).desc(),
            match.id.desc(),
        )
    )
    if subject:
        query = query.where(match.subject_id == subject)
    if question:
        query = query.where(match.question_id == question)
    if feed:
        query = query.where(FEEDS.c.name == feed)
    if since:
        # What `matches` shows as its date: the item's own, else when it was found.
        query = query.where(func.coalesce(entry.published, match.created) >= since)
    if entry_id is not None:
        query = query.where(match.entry_id == entry_id)
    if match_id is not None:
        query = query.where(match.id == match_id)
    if limit:
        query = query.limit(limit)
    return [
        StoredMatch(
            id=row.id,
            subject=row.subject_id,
            question=row.question_id,
            feed=row.feed_name,
            link=row.link,
            title=row.title,
            published=row.published,
            value=row.value,
            display=row.display,
            precision=row.precision,
            evidence=row.evidence,
            confidence=row.confidence,
            hedged=row.hedged,
            created=row.created,
            entry_id=row.entry_id,
            considered=None if row.considered is None else tuple(row.considered),
            outlet=row.outlet,
        )
        for row in connection.execute(query)
    ]


# A match with what ``StoredMatch`` shows of its entry and feed, one name each.
_MATCH_COLUMNS = (
    MATCHES.c.id,
    MATCHES.c.entry_id,
    MATCHES.c.subject_id,
    MATCHES.c.question_id,
    MATCHES.c.value,
    MATCHES.c.display,
    MATCHES.c.precision,
    MATCHES.c.evidence,
    MATCHES.c.confidence,
    MATCHES.c.hedged,
    MATCHES.c.created,
    MATCHES.c.considered,
    ENTRIES.c.link,
    ENTRIES.c.title,
    ENTRIES.c.published,
    ENTRIES.c.outlet,
    FEEDS.c.name.label("feed_name"),
)
