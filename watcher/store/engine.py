"""Open a database: SQLite (WAL, busy timeout, foreign keys) or PostgreSQL,
migrated to the newest schema before anything else touches it."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.engine.default import DefaultDialect
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.pool import QueuePool

from watcher.errors import StoreError
from watcher.store import private
from watcher.store.create import create_if_empty

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Long enough to ride out another process's write transaction on SQLite.
SQLITE_BUSY_TIMEOUT_MS = 30_000
# SQLite connections kept open between uses. Each one kept holds its page
# cache and statements, a few MB that stay resident between poll cycles;
# the poll's readers and its writer overlap only now and then, and a
# connection opened for that moment is closed when returned.
SQLITE_POOL_SIZE = 1
# Page cache of each SQLite connection, in KiB (SQLite's default is 2,000).
# A poll's transactions touch a batch's feed rows, the index pages around
# them and the tail of the tables it appends to: far fewer pages than this.
# What a larger cache would keep is pages read by earlier batches, which a
# cycle over every feed reads again only after it has cycled through the
# table, and which another connection's write empties anyway. 2 MB a
# connection was ~3 MB of the first cycle's peak at 1,000 feeds
# (benchmarks/RESULTS.md, "Resident memory, sixth pass").
SQLITE_CACHE_KIB = 512


def make_engine(url: str) -> Engine:
    """An engine for ``url``; the SQLite file's folder is created on first use.

    Its pool hands out the connection used last first. On SQLite a
    connection whose database another one wrote since drops its page cache: a
    pool that rotated through its connections read each transaction's pages
    afresh, and more of them the larger the database. On SQLite it keeps one
    connection open (``SQLITE_POOL_SIZE``); elsewhere spares stay idle
    (PostgreSQL may close them; they are pinged before use)."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"bad database URL {url!r}: {exc}") from None
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:" and not _is_uri(parsed):
            private.create_file(Path(parsed.database))
        kwargs["connect_args"] = {"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
    else:
        kwargs["pool_pre_ping"] = True
    try:
        dialect = cast(type[DefaultDialect], parsed.get_dialect())
        if issubclass(dialect.get_pool_class(parsed), QueuePool):
            kwargs["pool_use_lifo"] = True  # (an in-memory SQLite has no queue)
            if parsed.get_backend_name() == "sqlite":
                kwargs["pool_size"] = SQLITE_POOL_SIZE
        engine = create_engine(parsed, **kwargs)
    except (ArgumentError, ImportError) as exc:
        raise StoreError(f"cannot use database URL {parsed!r}: {exc}") from None
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _is_uri(url: URL) -> bool:
    # A file: URI (?uri=true) names its file its own way; SQLite creates it.
    return str(url.query.get("uri", "")).lower() in ("true", "1")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
    cursor.close()


def newest_revision() -> str:
    """The newest migration shipped: each file is named after its revision
    ("0003_match_considered.py" is "0003"; a test holds the two equal)."""
    return max(
        path.name[:4] for path in (MIGRATIONS / "versions").glob("[0-9][0-9][0-9][0-9]_*.py")
    )


def alembic_config(engine: Engine) -> AlembicConfig:
    from alembic.config import Config as AlembicConfig

    # An absolute script_location: Alembic's package-resource form is untested
    # upstream, and the folder ships inside the wheel either way.
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine) -> None:
    """Apply every migration not yet applied; a no-op when at head."""
    newest = newest_revision()
    if _revision(engine) == newest:
        return  # every command opens the store: at head, Alembic is not even imported
    for attempt in range(_MIGRATE_ATTEMPTS):
        try:
            # A new database is made from the models: Alembic is loaded only
            # to migrate one made by an older version.
            if not create_if_empty(engine, newest):
                from alembic import command

                command.upgrade(alembic_config(engine), "head")
            return
        except OperationalError as exc:
            # Processes creating one new SQLite file together: switching it to
            # WAL can be refused at once ("database is locked", no busy wait);
            # a moment later the other process has made the schema.
            if "locked" not in str(exc) or attempt == _MIGRATE_ATTEMPTS - 1:
                raise StoreError(f"cannot migrate {engine.url!r}: {_short(exc)}") from None
            engine.dispose()
            time.sleep(0.05 * 2**attempt)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot migrate {engine.url!r}: {_short(exc)}") from None


def _revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except SQLAlchemyError:  # no such table yet, or not reachable: upgrade says which
        return None


_MIGRATE_ATTEMPTS = 8  # 0.05 s doubling: about 6 s in all


def _short(exc: BaseException) -> str:
    return str(exc).splitlines()[0][:300]
