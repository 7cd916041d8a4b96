"""Alembic environment: runs on the engine the store opened (passed in
``config.attributes``), so migrating never needs a second URL or an ini file."""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from watcher.store.schema import Base

config = context.config
engine = config.attributes["engine"]

with engine.begin() as connection:
    if connection.dialect.name == "postgresql":
        # Workers starting together must not race to create the same tables.
        connection.execute(text("SELECT pg_advisory_xact_lock(hashtext('watcher:migrate'))"))
    elif connection.dialect.name == "sqlite":
        # Nor processes opening a new SQLite file together: the write lock,
        # taken before Alembic reads the version, makes the second one wait
        # (busy timeout) and then find the schema made. Python's sqlite3 would
        # otherwise run the DDL outside any transaction.
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things in place; batch mode copies the table.
        render_as_batch=True,
        compare_type=True,
    )
    context.run_migrations()
