"""The store: the only place SQL lives.

``Store`` owns the engine and hands out transactions; the table families
(``feeds``, ``entries``, ``answers``, ``outbox``) are modules of functions that
take the transaction's connection and plain values, and return plain values.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import SQLAlchemyError

from watcher.errors import StoreError
from watcher.store.engine import make_engine, upgrade


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url: str) -> Store:
        """Connect and migrate to the newest schema."""
        engine = make_engine(url)
        upgrade(engine)
        return cls(engine)

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One transaction: committed when the block ends, rolled back on error.
        Database faults surface as ``StoreError``."""
        try:
            with self.engine.begin() as connection:
                yield connection
        except SQLAlchemyError as exc:
            raise StoreError(f"database error: {str(exc).splitlines()[0][:300]}") from exc

    def serialize(self, connection: Connection, name: str) -> None:
        """Hold the lock called ``name`` until the transaction ends, so workers
        sharing a PostgreSQL database take turns (deciding answers, syncing
        feeds). SQLite already allows one writer at a time."""
        if self.engine.dialect.name == "postgresql":
            connection.execute(
                text("SELECT pg_advisory_xact_lock(hashtext(:name))"), {"name": f"watcher:{name}"}
            )

    def close(self) -> None:
        self.engine.dispose()


__all__ = ["Store", "StoreError"]
