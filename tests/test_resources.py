"""What a poll cycle would otherwise build again on every tick of a daemon
that runs for days: made once a process, and shared."""

from __future__ import annotations

import asyncio
import ssl

import httpx
import pytest

from watcher.config import PollSettings
from watcher.fetch import make_client
from watcher.transport import tls_context


def test_every_cycles_client_shares_one_tls_context(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[ssl.SSLContext] = []
    create = httpx.create_ssl_context

    def counted() -> ssl.SSLContext:
        made.append(create())
        return made[-1]

    monkeypatch.setattr(httpx, "create_ssl_context", counted)
    tls_context.cache_clear()

    async def two_cycles() -> None:
        for _ in range(2):
            async with make_client(PollSettings()):
                pass

    try:
        asyncio.run(two_cycles())
        assert len(made) == 1
        assert tls_context() is made[0]
        assert made[0].verify_mode is ssl.CERT_REQUIRED
    finally:
        tls_context.cache_clear()
