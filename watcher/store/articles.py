"""Article pages read for items: one row per URL, with its validators, the
main text and lead image extracted, and when a failed read is tried again."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, case, insert, select, update

from watcher.store.schema import ARTICLES, ENTRIES
from watcher.types import Entry

# URL lists are sent in chunks: SQLite caps bound parameters per statement.
_CHUNK = 500


@dataclass(frozen=True, slots=True)
class StoredArticle:
    url: str
    status: str  # ok | no_text | failed
    text: str | None = None
    image: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    http_status: int | None = None
    error: str | None = None
    final_url: str | None = None
    attempts: int = 0
    next_attempt: datetime | None = None
    attempted: datetime | None = None
    fetched: datetime | None = None


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """The outcome of one read, to store. ``not_modified`` keeps the text held."""

    url: str
    outcome: str  # ok | not_modified | no_text | failed
    text: str | None = None
    image: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    http_status: int | None = None
    error: str | None = None
    final_url: str | None = None
    # After a failure: failures in a row, and when to try again (None: never).
    attempts: int = 0
    next_attempt: datetime | None = None


def get_articles(connection: Connection, urls: Sequence[str]) -> dict[str, StoredArticle]:
    out: dict[str, StoredArticle] = {}
    unique = list(dict.fromkeys(urls))
    for start in range(0, len(unique), _CHUNK):
        rows = connection.execute(
            select(ARTICLES).where(ARTICLES.c.url.in_(unique[start : start + _CHUNK]))
        )
        out.update({row.url: _stored(row) for row in rows})
    return out


def _stored(row: Row[Any]) -> StoredArticle:
    return StoredArticle(
        url=row.url,
        status=row.status,
        text=row.text,
        image=row.image,
        etag=row.etag,
        last_modified=row.last_modified,
        http_status=row.http_status,
        error=row.error,
        final_url=row.final_url,
        attempts=row.attempts,
        next_attempt=row.next_attempt,
        attempted=row.attempted,
        fetched=row.fetched,
    )


def record_articles(
    connection: Connection, records: Sequence[ArticleRecord], now: datetime
) -> None:
    """Insert or update one row per URL. A failure keeps the text and
    validators of the last good read: a page that fails once is still known."""
    if not records:
        return
    urls = [r.url for r in records]
    query = select(ARTICLES.c.url, ARTICLES.c.id).where(ARTICLES.c.url.in_(urls))
    ids = {url: row_id for url, row_id in connection.execute(query)}
    fresh = [_columns(r, now) | {"url": r.url} for r in records if r.url not in ids]
    if fresh:
        connection.execute(insert(ARTICLES), fresh)
    for record in records:
        if record.url in ids:
            connection.execute(
                update(ARTICLES)
                .where(ARTICLES.c.id == ids[record.url])
                .values(_columns(record, now, known=True))
            )


def _columns(record: ArticleRecord, now: datetime, *, known: bool = False) -> dict[str, Any]:
    values: dict[str, Any] = {
        "attempted": now,
        "http_status": record.http_status,
        "error": record.error,
    }
    if record.outcome == "failed":
        values |= {
            "attempts": record.attempts,
            "next_attempt": record.next_attempt,
        }
        # A page read before keeps its text and stays "ok" (a failed re-read);
        # only a page never read is "failed", and retried.
        values["status"] = (
            case((ARTICLES.c.status == "ok", "ok"), else_="failed") if known else "failed"
        )
        return values
    values |= {"attempts": 0, "next_attempt": None, "fetched": now}
    values["final_url"] = record.final_url
    values["etag"] = record.etag
    values["last_modified"] = record.last_modified
    if record.outcome == "not_modified":
        return values
    values |= {"status": record.outcome, "text": record.text, "image": record.image}
    return values


def due_retries(
    connection: Connection,
    feed_ids: Sequence[int] | None,
    now: datetime,
    max_attempts: int,
    limit: int,
) -> dict[int, list[Entry]]:
    """feed id → its stored entries whose article read failed and is due
    again (fewer than ``max_attempts`` failures), oldest first, at most
    ``limit`` in all (of ``feed_ids``, or of every feed): what polls of those
    feeds retry."""
    entry, article = ENTRIES.c, ARTICLES.c
    query = (
        select(ENTRIES)
        .join(ARTICLES, article.url == entry.article_url)
        .where(
            article.status == "failed",
            article.next_attempt.is_not(None),
            article.next_attempt <= now,
            article.attempts < max_attempts,
            entry.read == "summary",
        )
        .order_by(article.next_attempt, entry.id)
        .limit(limit)
    )
    if feed_ids is not None:
        query = query.where(entry.feed_id.in_(list(feed_ids)))
    out: dict[int, list[Entry]] = defaultdict(list)
    for row in connection.execute(query):
        out[row.feed_id].append(
            Entry(
                identity=row.identity,
                link=row.link,
                title=row.title,
                text=row.text,
                published=row.published,
                images=tuple(row.images or ()),
                content_hash=row.content_hash,
                outlet=row.outlet,
                outlet_url=row.outlet_url,
                article_url=row.article_url,
                read=row.read,
            )
        )
    return dict(out)
