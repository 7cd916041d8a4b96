"""Database upkeep behind ``watcher db``: where it is, which schema revision
it is at, and giving freed pages back (VACUUM)."""

from __future__ import annotations

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from watcher.errors import StoreError
from watcher.store.engine import alembic_config


def location(url: str) -> str:
    """The SQLite file's path, else the URL with its password hidden."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        return parsed.database
    return parsed.render_as_string(hide_password=True)


def revision(engine: Engine) -> str | None:
    """The schema revision the database is at (None: never migrated)."""
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read the schema revision: {_short(exc)}") from None


def head(engine: Engine) -> str | None:
    """The newest revision this version of watcher ships."""
    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def vacuum(engine: Engine) -> None:
    """Rebuild the database file (SQLite) or reclaim dead rows and refresh the
    planner's statistics (PostgreSQL). Neither may run inside a transaction."""
    statement = "VACUUM" if engine.dialect.name == "sqlite" else "VACUUM ANALYZE"
    try:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text(statement))
    except SQLAlchemyError as exc:
        raise StoreError(f"vacuum failed: {_short(exc)}") from None


def _short(exc: BaseException) -> str:
    return str(exc).splitlines()[0][:300]
