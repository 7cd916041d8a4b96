"""A new database made from the tables, without Alembic.

Alembic, and what it imports (Mako, Pygments, SQLAlchemy's PostgreSQL
dialect), stays resident for the life of the process that loaded it: about
12 MB, a tenth of what a daemon polling 5,000 feeds holds (benchmarks/
RESULTS.md, "Resident memory"). Every new database used to load it, to run
the migrations from the first one. Running them from nothing builds what
``schema``'s tables describe, so a database with no schema at all is instead
made from them (``create_all``) and stamped at the newest revision as Alembic stamps
it; ``tests/test_store.py`` holds the two schemas equal on SQLite and
PostgreSQL. A database at an older revision is still migrated by Alembic.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    inspect,
    text,
)

from watcher.store.schema import METADATA

# Alembic's own version table, as it creates it (alembic.runtime.migration).
VERSION_TABLE = Table(
    "alembic_version",
    MetaData(),
    Column("version_num", String(32), nullable=False),
    PrimaryKeyConstraint("version_num", name="alembic_version_pkc"),
)


def lock_schema(connection: Connection) -> None:
    """Hold the schema lock until the transaction ends: workers starting
    together must not race to create the same tables.

    On SQLite the write lock, taken before the revision is read, makes a
    second process wait (busy timeout) and then find the schema made; Python's
    sqlite3 would otherwise run DDL outside any transaction."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(hashtext('watcher:migrate'))"))
    elif connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def create_if_empty(engine: Engine, revision: str) -> bool:
    """Create every table and stamp ``revision``, if the database has never
    been migrated (no version table); False, touching nothing, if it has.

    A database that holds some of the tables but no version table fails here
    as it would in the first migration: the table already exists."""
    with engine.begin() as connection:
        lock_schema(connection)
        if inspect(connection).has_table(VERSION_TABLE.name):
            return False
        METADATA.create_all(connection, checkfirst=False)
        VERSION_TABLE.create(connection)
        connection.execute(VERSION_TABLE.insert().values(version_num=revision))
    return True
