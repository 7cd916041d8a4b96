"""Shared fixtures: a real loopback feed server, and database URLs for SQLite
and PostgreSQL (each test gets its own PostgreSQL schema, so runs never see
each other's rows)."""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.feedserver import FeedServer
from watcher.transport import address_kind

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PG_URL = os.environ.get("WATCHER_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def shipped_subjects() -> list[dict[str, Any]]:
    """The shipped feeds.yaml's subjects without their news searches: a test
    serves its own feeds, and a search would reach out to Google News."""
    import yaml

    subjects = yaml.safe_load((ROOT / "feeds.yaml").read_text(encoding="utf-8"))["subjects"]
    return [{k: v for k, v in s.items() if k != "search"} for s in subjects]


# A loopback address the address-rule tests count as public: a server a test
# can reach has to be on loopback, and the public side of the rule needs one.
STAND_IN = "127.0.0.2"


def stand_in_public(address: str) -> str:
    return "public" if address == STAND_IN else address_kind(address)


@pytest.fixture
def public_server() -> Iterator[FeedServer]:
    """The public host of the address-rule tests (see ``STAND_IN``)."""
    server = FeedServer(host=STAND_IN).start()
    yield server
    server.stop()


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    server = FeedServer().start()
    yield server
    server.stop()


def _pg_available() -> str | None:
    """None when PostgreSQL answers, else the reason it does not."""
    try:
        import psycopg

        url = PG_URL.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(url, connect_timeout=3):
            return None
    except Exception as exc:
        return f"no PostgreSQL at {PG_URL}: {exc}".splitlines()[0]


_PG_REASON: list[str | None] = []


def pg_skip_reason() -> str | None:
    if not _PG_REASON:
        _PG_REASON.append(_pg_available())
    return _PG_REASON[0]


@contextmanager
def _pg_schema() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh schema, dropped afterwards."""
    reason = pg_skip_reason()
    if reason:
        pytest.skip(reason)
    import psycopg

    schema = "t_" + uuid.uuid4().hex[:12]
    plain = PG_URL.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{PG_URL}?options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh schema, dropped afterwards."""
    with _pg_schema() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Every store test runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'watcher.db'}"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture(params=["sqlite", "postgresql"])
def two_db_urls(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """Two empty databases of one backend, for tests that compare them."""
    if request.param == "sqlite":
        yield (f"sqlite:///{tmp_path / 'one.db'}", f"sqlite:///{tmp_path / 'two.db'}")
        return
    with _pg_schema() as one, _pg_schema() as two:
        yield (one, two)


@pytest.fixture(scope="session")
def watcher_image() -> Iterator[str]:
    """The project's image, built from the Dockerfile (see tests/container.py);
    skipped, with the reason, where no container engine runs."""
    from tests import container

    reason = container.engine_skip_reason()
    if reason:
        pytest.skip(reason)
    base = container.base_image_name()
    reason = container.ensure_base_image(base)
    if reason:
        pytest.skip(reason)
    # One tag per checkout: two checkouts testing at once never run each other's image.
    tag = f"watcher:test-{hashlib.sha256(str(ROOT).encode()).hexdigest()[:8]}"
    with container.wheelhouse_index() as index_args:
        built = container.docker(
            "build", "--network", "host", "--build-arg", f"BASE_IMAGE={base}", *index_args,
            "-t", tag, str(ROOT), timeout=900, check=False,
        )  # fmt: skip
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    yield tag
