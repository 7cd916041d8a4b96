"""One hostile case per path of a loopback server, plus one good feed: used by
the end-to-end test and by ``benchmarks/hostile.py`` (which reports peak RSS)."""

from __future__ import annotations

import socket
from pathlib import Path

from tests.feedserver import FeedServer, rss

FEEDS = Path(__file__).parent / "data" / "feeds"

# name → what the feed's health must say (a substring of last_error), or None
# when the feed is tolerable input and must parse (sanitized).
EXPECTED: dict[str, str | None] = {
    "good": None,
    "slow-drip": "timed out",
    "endless-body": "cap",
    "gzip-bomb": "cap",
    "redirect-loop": "redirect",
    "redirect-to-file": "redirect",
    "html-instead": "not a feed: text/html page",
    "random-bytes": "not a feed",
    "billion-laughs": None,
    "xxe": None,
    "thousands-of-items": None,
    "script-in-content": None,
    "bad-utf8": None,
    "nul-and-controls": None,
    "http-500": "HTTP 500",
    "rate-limited": "HTTP 429",
    "refused": "",
}


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve_hostile(server: FeedServer) -> dict[str, str]:
    """Register every case; returns name → URL."""
    many = "".join(
        f"<item><title>item {i}</title><link>https://ex.com/{i}</link></item>"
        for i in range(20_000)
    )
    urls = {
        "good": server.add(
            "/good",
            rss(
                {"title": "One", "link": "https://ex.com/one", "guid": "one"},
                {"title": "Two", "link": "https://ex.com/two", "guid": "two"},
            ),
        ),
        "slow-drip": server.slow_drip("/slow-drip", interval=0.2),
        "endless-body": server.endless("/endless-body"),
        "gzip-bomb": server.gzip_bomb("/gzip-bomb"),
        "redirect-loop": server.redirect("/redirect-loop", "/redirect-loop", status=302),
        "redirect-to-file": server.redirect("/redirect-to-file", "file:///etc/passwd"),
        "html-instead": server.add(
            "/html-instead", "<!doctype html><html><body>Hi</body></html>", content_type="text/html"
        ),
        "random-bytes": server.add("/random-bytes", bytes(range(256)) * 64),
        "billion-laughs": server.add(
            "/billion-laughs", (FEEDS / "billion_laughs.xml").read_bytes()
        ),
        "xxe": server.add("/xxe", (FEEDS / "xxe_file.xml").read_bytes()),
        "thousands-of-items": server.add(
            "/thousands-of-items",
            f'<rss version="2.0"><channel><title>Many</title>{many}</channel></rss>',
        ),
        "script-in-content": server.add(
            "/script-in-content", (FEEDS / "script_injection.xml").read_bytes()
        ),
        "bad-utf8": server.add("/bad-utf8", (FEEDS / "bad_utf8.xml").read_bytes()),
        "nul-and-controls": server.add(
            "/nul-and-controls", (FEEDS / "controls_and_nul.xml").read_bytes()
        ),
        "http-500": server.add("/http-500", b"boom", status=500, content_type="text/plain"),
        "rate-limited": server.add(
            "/rate-limited",
            b"slow down",
            status=429,
            content_type="text/plain",
            headers={"Retry-After": "120"},
        ),
        "refused": f"http://127.0.0.1:{closed_port()}/feed",
    }
    return urls


def hostile_config(urls: dict[str, str], database: str) -> dict[str, object]:
    return {
        "database": database,
        "poll": {
            "concurrency": 8,
            "per_host": 8,
            "max_body": "5MB",
            "max_entries": 500,
            "timeouts": {"connect": "2s", "read": "2s", "total": "3s"},
        },
        "feeds": [{"name": name, "url": url} for name, url in urls.items()],
    }
