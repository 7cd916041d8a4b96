"""A real HTTP server on 127.0.0.1 for fetch and poll tests.

Each path serves one ``Route``: a static document with validators (ETag,
Last-Modified, 304 on a matching conditional GET, gzip when asked), or a
handler function for the hostile cases that need to misbehave on the wire.
The common hostile ones are ready-made: ``redirect``, ``slow_drip``,
``endless`` and ``gzip_bomb``. ``connections`` counts the TCP connections
accepted, so tests can tell a reused connection from a new one.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Handler = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    validators: bool = True
    # False: a 304 carries no ETag/Last-Modified (servers may omit them).
    validators_on_304: bool = True
    handler: Handler | None = None

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:16] + '"'


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    at: float = field(default_factory=time.monotonic)


class _Server(ThreadingHTTPServer):
    # The default listen backlog of 5 drops connections when several workers
    # poll hundreds of feeds at once.
    request_queue_size = 256
    accepted = 0

    def process_request(self, request: Any, client_address: Any) -> None:
        self.accepted += 1  # called once per connection, on the serving thread
        super().process_request(request, client_address)

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client hanging up mid-body is what every cap test does


class FeedServer:
    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self.last_modified = formatdate(usegmt=True)
        # Set on stop: handlers that stream forever end at their next write.
        self.stopped = threading.Event()
        self._lock = threading.Lock()
        server = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                try:
                    server._serve(self)
                except (ConnectionError, TimeoutError):
                    self.close_connection = True  # the client hung up mid-body

        self._httpd = _Server((host, 0), _Handler)
        self._httpd.daemon_threads = True
        # A short poll interval: stop() waits up to one interval, once per test.
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def start(self) -> FeedServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopped.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    @property
    def base(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def connections(self) -> int:
        """TCP connections accepted so far."""
        return self._httpd.accepted

    def add(self, path: str, body: bytes | str = b"", **kwargs: Any) -> str:
        """Serve ``body`` at ``path``; returns the full URL."""
        if isinstance(body, str):
            body = body.encode("utf-8")
        with self._lock:
            self.routes[path] = Route(body=body, **kwargs)
        return self.url(path)

    def handle(self, path: str, handler: Handler) -> str:
        with self._lock:
            self.routes[path] = Route(handler=handler)
        return self.url(path)

    def redirect(self, path: str, to: str, status: int = 301) -> str:
        """``path`` answers ``status`` with ``Location: to`` (relative or absolute)."""

        def handler(req: BaseHTTPRequestHandler) -> None:
            self._send(req, status, b"", {"Location": to})

        return self.handle(path, handler)

    def slow_drip(self, path: str, interval: float = 0.2, length: int = 10**6) -> str:
        """Headers at once, then one byte every ``interval`` seconds: each read
        is quick, so only a total deadline ends it."""

        def handler(req: BaseHTTPRequestHandler) -> None:
            req.send_response(200)
            req.send_header("Content-Type", "application/rss+xml")
            req.send_header("Content-Length", str(length))
            req.end_headers()
            req.wfile.flush()
            while not self.stopped.wait(interval):
                req.wfile.write(b" ")
                req.wfile.flush()

        return self.handle(path, handler)

    def endless(self, path: str, chunk: bytes = b"<item>" * 1000) -> str:
        """A chunked body that never ends."""

        def handler(req: BaseHTTPRequestHandler) -> None:
            req.send_response(200)
            req.send_header("Content-Type", "application/rss+xml")
            req.send_header("Transfer-Encoding", "chunked")
            req.end_headers()
            frame = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
            while not self.stopped.is_set():
                req.wfile.write(frame)

        return self.handle(path, handler)

    def gzip_bomb(self, path: str, inflated: int = 1 << 30, encoding: str = "gzip") -> str:
        """``inflated`` zero bytes, compressed (~1000:1) and sent with
        ``Content-Encoding: gzip`` (or ``deflate``) and an honest Content-Length."""
        body = _bomb(inflated, encoding)

        def handler(req: BaseHTTPRequestHandler) -> None:
            headers = {"Content-Type": "application/rss+xml", "Content-Encoding": encoding}
            self._send(req, 200, body, headers)

        return self.handle(path, handler)

    def hits(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def _serve(self, req: BaseHTTPRequestHandler) -> None:
        path = req.path.split("?", 1)[0]
        with self._lock:
            self.requests.append(Request(req.path, dict(req.headers.items())))
            route = self.routes.get(path)
        if route is None:
            self._send(req, 404, b"not found\n", {"Content-Type": "text/plain"})
            return
        if route.handler is not None:
            route.handler(req)
            return
        headers = {"Content-Type": route.content_type, **route.headers}
        if route.validators and route.status == 200:
            headers["ETag"] = route.etag
            headers["Last-Modified"] = self.last_modified
            etag_match = req.headers.get("If-None-Match") == route.etag
            date_match = req.headers.get("If-Modified-Since") == self.last_modified
            if etag_match or (date_match and "If-None-Match" not in req.headers):
                validators = {"ETag": route.etag, "Last-Modified": self.last_modified}
                self._send(req, 304, b"", validators if route.validators_on_304 else {})
                return
        body = route.body
        if "gzip" in (req.headers.get("Accept-Encoding") or "") and route.status == 200:
            body = gzip.compress(body, mtime=0)
            headers["Content-Encoding"] = "gzip"
        self._send(req, route.status, body, headers)

    @staticmethod
    def _send(
        req: BaseHTTPRequestHandler, status: int, body: bytes, headers: dict[str, str]
    ) -> None:
        req.send_response(status)
        for name, value in headers.items():
            req.send_header(name, value)
        if status != 304:
            req.send_header("Content-Length", str(len(body)))
        req.end_headers()
        if status != 304:
            req.wfile.write(body)


_BOMBS: dict[tuple[int, str], bytes] = {}


def _bomb(inflated: int, encoding: str) -> bytes:
    if (inflated, encoding) not in _BOMBS:
        wbits = 16 + zlib.MAX_WBITS if encoding == "gzip" else zlib.MAX_WBITS
        packer = zlib.compressobj(9, zlib.DEFLATED, wbits)
        block = b"\0" * (1 << 20)
        parts = [packer.compress(block) for _ in range(inflated // len(block))]
        parts.append(packer.compress(b"\0" * (inflated % len(block))))
        parts.append(packer.flush())
        _BOMBS[(inflated, encoding)] = b"".join(parts)
    return _BOMBS[(inflated, encoding)]


def rss(*items: dict[str, str], title: str = "Test Feed") -> str:
    """A small RSS 2.0 document; each item is a dict of its child elements."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel>',
        f"<title>{title}</title><link>https://example.com/</link>",
    ]
    for item in items:
        parts.append("<item>")
        for tag, value in item.items():
            if tag == "media":
                parts.append(f'<media:content url="{value}" medium="image" />')
            else:
                parts.append(f"<{tag}>{value}</{tag}>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "\n".join(parts)
