"""The tables, as typed SQLAlchemy 2 models. These rows never leave ``store/``:
the Store methods take and return the value types of the other stages.

Every timestamp is stored as an aware UTC datetime (``UTCDateTime``), so SQLite
and PostgreSQL compare them the same way.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    true,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Stable constraint names, so Alembic migrations are the same on every backend.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """SQLite keeps no zone: store naive UTC, hand back aware UTC everywhere."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use an aware UTC time")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class FeedRow(Base):
    __tablename__ = "feeds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    # The URL feeds.yaml gives; ``url`` may differ after a permanent redirect.
    config_url: Mapped[str] = mapped_column(Text)
    url: Mapped[str] = mapped_column(Text)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    disabled_reason: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    last_attempt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_success: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_outcome: Mapped[str | None] = mapped_column(String(40))
    last_error: Mapped[str | None] = mapped_column(Text)
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    failing_since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    next_poll: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    # The adapted polling interval in seconds (None: the configured one).
    interval: Mapped[float | None] = mapped_column(Float)
    entries_count: Mapped[int] = mapped_column(Integer, default=0)
    # What the last parsed body was: a body with the same digest is not parsed
    # again, and items whose raw XML digest is listed skip the parser.
    body_hash: Mapped[str | None] = mapped_column(String(64))
    item_hashes: Mapped[list[str] | None] = mapped_column(JSON(none_as_null=True))
    # A worker claims a due feed by writing its id and an expiry; a worker that
    # dies mid-poll loses the claim when it expires.
    lease_owner: Mapped[str | None] = mapped_column(String(100))
    lease_expires: Mapped[datetime | None] = mapped_column(UTCDateTime)


class EntryRow(Base):
    __tablename__ = "entries"
    __table_args__ = (UniqueConstraint("feed_id", "identity"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    feed_id: Mapped[int] = mapped_column(ForeignKey("feeds.id", ondelete="CASCADE"), index=True)
    identity: Mapped[str] = mapped_column(Text)
    link: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    published: Mapped[datetime | None] = mapped_column(UTCDateTime)
    images: Mapped[list[str]] = mapped_column(JSON, default=list)
    content_hash: Mapped[str] = mapped_column(String(64))
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime)
    updated: Mapped[datetime] = mapped_column(UTCDateTime)
    # The publisher an aggregator names for the item (Google News <source>).
    outlet: Mapped[str | None] = mapped_column(Text)
    outlet_url: Mapped[str | None] = mapped_column(Text)
    # The article page read for it (``articles.url``), and what ``text`` is:
    # feed | article | summary | headline (see ``watcher.parse.Entry.read``).
    article_url: Mapped[str | None] = mapped_column(Text, index=True)
    read: Mapped[str] = mapped_column(String(20), default="feed", server_default="feed")


class ArticleRow(Base):
    """An item's article page: read once per URL, kept with its
    validators so a re-read is a conditional GET, and with its main text so
    another feed's item of the same story needs no request at all."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    final_url: Mapped[str | None] = mapped_column(Text)  # after redirects
    # ok (text read) | no_text (a page, but no article in it) | failed
    status: Mapped[str] = mapped_column(String(20))
    http_status: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)
    image: Mapped[str | None] = mapped_column(Text)
    # Failures in a row; retried at ``next_attempt`` until the cap.
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    attempted: Mapped[datetime] = mapped_column(UTCDateTime)
    fetched: Mapped[datetime | None] = mapped_column(UTCDateTime)  # last 200 or 304


class MatchRow(Base):
    __tablename__ = "matches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"), index=True)
    subject_id: Mapped[str] = mapped_column(String(100))
    question_id: Mapped[str] = mapped_column(String(100))
    evidence: Mapped[str] = mapped_column(Text)
    kind: Mapped[str | None] = mapped_column(String(20))
    value: Mapped[str | None] = mapped_column(Text)
    display: Mapped[str | None] = mapped_column(Text)
    precision: Mapped[str | None] = mapped_column(String(20))
    confidence: Mapped[float] = mapped_column(Float)
    hedged: Mapped[bool] = mapped_column(Boolean, default=False)
    created: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    # Every candidate the item offered, taken or refused, with its reasons
    # (``watcher show match:ID``).
    considered: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON(none_as_null=True))

    __table_args__ = (Index("ix_matches_question", "subject_id", "question_id"),)


class AnswerRow(Base):
    """Every value a question has had; ``current`` marks the one believed now."""

    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("subject_id", "question_id", "value"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subject_id: Mapped[str] = mapped_column(String(100))
    question_id: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20))
    value: Mapped[str] = mapped_column(Text)
    display: Mapped[str] = mapped_column(Text)
    precision: Mapped[str | None] = mapped_column(String(20))
    confirmed: Mapped[bool] = mapped_column(Boolean, default=True)
    current: Mapped[bool] = mapped_column(Boolean, default=False)
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime)
    # Newest publication date among its sources: a report older than this
    # cannot overturn it. With no dated source, when it was first seen.
    latest_evidence: Mapped[datetime] = mapped_column(UTCDateTime)
    # Some source gives its date: undated reports never outrank it.
    dated: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    changed: Mapped[datetime] = mapped_column(UTCDateTime)


class AnswerSourceRow(Base):
    __tablename__ = "answer_sources"
    __table_args__ = (UniqueConstraint("answer_id", "entry_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("answers.id", ondelete="CASCADE"), index=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"), index=True)
    match_id: Mapped[int | None] = mapped_column(ForeignKey("matches.id", ondelete="SET NULL"))
    added: Mapped[datetime] = mapped_column(UTCDateTime)


class EventRow(Base):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subject_id: Mapped[str] = mapped_column(String(100))
    question_id: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20))  # answered | changed | refined
    answer_id: Mapped[int] = mapped_column(ForeignKey("answers.id"))
    previous_answer_id: Mapped[int | None] = mapped_column(ForeignKey("answers.id"))
    # The event as it was decided, frozen: title, evidence, sources (links, outlets).
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class OutboxRow(Base):
    """One notification to deliver: an event for one target."""

    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("event_id", "target_key"),
        Index("ix_outbox_due", "status", "next_attempt"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    # A digest of the target URL: secrets in it never reach the database, and a
    # row whose target left feeds.yaml can be told apart.
    target_key: Mapped[str] = mapped_column(String(64))
    target_label: Mapped[str] = mapped_column(Text)  # redacted, for people
    status: Mapped[str] = mapped_column(String(20), default="pending")  # pending|sent|dead
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt: Mapped[datetime] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    claim_expires: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created: Mapped[datetime] = mapped_column(UTCDateTime)
    sent: Mapped[datetime | None] = mapped_column(UTCDateTime)
