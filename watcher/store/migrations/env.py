"""Alembic environment: runs on the engine the store opened (passed in
``config.attributes``), so migrating never needs a second URL or an ini file."""

from __future__ import annotations

from alembic import context

from watcher.store.create import lock_schema
from watcher.store.schema import METADATA

config = context.config
engine = config.attributes["engine"]

with engine.begin() as connection:
    lock_schema(connection)
    context.configure(
        connection=connection,
        target_metadata=METADATA,
        # SQLite cannot ALTER most things in place; batch mode copies the table.
        render_as_batch=True,
        compare_type=True,
    )
    context.run_migrations()
