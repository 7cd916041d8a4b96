"""The tables, as SQLAlchemy Core ``Table``s. Their rows never leave
``store/``: the Store's functions take and return the value types of the
other stages.

Core, not the ORM: the store only ever read rows into value types and wrote
plain INSERTs and UPDATEs, and ``sqlalchemy.orm`` with the mapped classes
stayed resident in the daemon for nothing: 6 MB of every peak, against the
100 MB issue #17 allows at 5,000 feeds (benchmarks/RESULTS.md, "Resident
memory, fifth pass"). ``tests/test_layering.py`` keeps the ORM out.

Every timestamp is stored as an aware UTC datetime (``UTCDateTime``), so SQLite
and PostgreSQL compare them the same way.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    true,
)
from sqlalchemy.engine import Dialect

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


METADATA = MetaData(naming_convention=NAMING)

FEEDS = Table(
    "feeds",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    # The URL feeds.yaml gives; ``url`` may differ after a permanent redirect.
    Column("config_url", Text, nullable=False),
    Column("url", Text, nullable=False),
    Column("enabled", Boolean, nullable=False, default=True),
    Column("disabled_reason", Text),
    Column("title", Text),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_attempt", UTCDateTime),
    Column("last_success", UTCDateTime),
    Column("last_outcome", String(40)),
    Column("last_error", Text),
    Column("consecutive_failures", Integer, nullable=False, default=0),
    Column("failing_since", UTCDateTime),
    Column("next_poll", UTCDateTime, index=True),
    # The adapted polling interval in seconds (None: the configured one).
    Column("interval", Float),
    Column("entries_count", Integer, nullable=False, default=0),
    # What the last parsed body was: a body with the same digest is not parsed
    # again, and items whose raw XML digest is listed skip the parser.
    Column("body_hash", String(64)),
    Column("item_hashes", JSON(none_as_null=True)),
    # A worker claims a due feed by writing its id and an expiry; a worker that
    # dies mid-poll loses the claim when it expires.
    Column("lease_owner", String(100)),
    Column("lease_expires", UTCDateTime),
)

ENTRIES = Table(
    "entries",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("feed_id", ForeignKey("feeds.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("identity", Text, nullable=False),
    Column("link", Text),
    Column("title", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("published", UTCDateTime),
    Column("images", JSON, nullable=False, default=list),
    Column("content_hash", String(64), nullable=False),
    Column("first_seen", UTCDateTime, nullable=False),
    Column("updated", UTCDateTime, nullable=False),
    # The publisher an aggregator names for the item (Google News <source>).
    Column("outlet", Text),
    Column("outlet_url", Text),
    # The article page read for it (``articles.url``), and what ``text`` is:
    # feed | article | summary | headline (see ``watcher.parse.Entry.read``).
    Column("article_url", Text, index=True),
    Column("read", String(20), nullable=False, default="feed", server_default="feed"),
    UniqueConstraint("feed_id", "identity"),
)

# An item's article page: read once per URL, kept with its validators so a
# re-read is a conditional GET, and with its main text so another feed's item
# of the same story needs no request at all.
ARTICLES = Table(
    "articles",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("url", Text, nullable=False, unique=True),
    Column("final_url", Text),  # after redirects
    # ok (text read) | no_text (a page, but no article in it) | failed
    Column("status", String(20), nullable=False),
    Column("http_status", Integer),
    Column("error", Text),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("text", Text),
    Column("image", Text),
    # Failures in a row; retried at ``next_attempt`` until the cap.
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt", UTCDateTime, index=True),
    Column("attempted", UTCDateTime, nullable=False),
    Column("fetched", UTCDateTime),  # last 200 or 304
)

MATCHES = Table(
    "matches",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("entry_id", ForeignKey("entries.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("subject_id", String(100), nullable=False),
    Column("question_id", String(100), nullable=False),
    Column("evidence", Text, nullable=False),
    Column("kind", String(20)),
    Column("value", Text),
    Column("display", Text),
    Column("precision", String(20)),
    Column("confidence", Float, nullable=False),
    Column("hedged", Boolean, nullable=False, default=False),
    Column("created", UTCDateTime, nullable=False, index=True),
    # Every candidate the item offered, taken or refused, with its reasons
    # (``watcher show match:ID``).
    Column("considered", JSON(none_as_null=True)),
    Index("ix_matches_question", "subject_id", "question_id"),
)

# Every value a question has had; ``current`` marks the one believed now.
ANSWERS = Table(
    "answers",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("subject_id", String(100), nullable=False),
    Column("question_id", String(100), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("value", Text, nullable=False),
    Column("display", Text, nullable=False),
    Column("precision", String(20)),
    Column("confirmed", Boolean, nullable=False, default=True),
    Column("current", Boolean, nullable=False, default=False),
    Column("first_seen", UTCDateTime, nullable=False),
    # Newest publication date among its sources: a report older than this
    # cannot overturn it. With no dated source, when it was first seen.
    Column("latest_evidence", UTCDateTime, nullable=False),
    # Some source gives its date: undated reports never outrank it.
    Column("dated", Boolean, nullable=False, default=True, server_default=true()),
    Column("changed", UTCDateTime, nullable=False),
    UniqueConstraint("subject_id", "question_id", "value"),
)

ANSWER_SOURCES = Table(
    "answer_sources",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("answer_id", ForeignKey("answers.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("entry_id", ForeignKey("entries.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("match_id", ForeignKey("matches.id", ondelete="SET NULL")),
    Column("added", UTCDateTime, nullable=False),
    UniqueConstraint("answer_id", "entry_id"),
)

EVENTS = Table(
    "events",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("subject_id", String(100), nullable=False),
    Column("question_id", String(100), nullable=False),
    Column("kind", String(20), nullable=False),  # answered | changed | refined
    Column("answer_id", ForeignKey("answers.id"), nullable=False),
    Column("previous_answer_id", ForeignKey("answers.id")),
    # The event as it was decided, frozen: title, evidence, sources (links, outlets).
    Column("payload", JSON, nullable=False),
    Column("created", UTCDateTime, nullable=False, index=True),
)

# One notification to deliver: an event for one target.
OUTBOX = Table(
    "outbox",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    # A digest of the target URL: secrets in it never reach the database, and a
    # row whose target left feeds.yaml can be told apart.
    Column("target_key", String(64), nullable=False),
    Column("target_label", Text, nullable=False),  # redacted, for people
    Column("status", String(20), nullable=False, default="pending"),  # pending|sent|dead
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt", UTCDateTime, nullable=False),
    Column("last_error", Text),
    Column("claimed_by", String(100)),
    Column("claim_expires", UTCDateTime),
    Column("created", UTCDateTime, nullable=False),
    Column("sent", UTCDateTime),
    UniqueConstraint("event_id", "target_key"),
    Index("ix_outbox_due", "status", "next_attempt"),
)
