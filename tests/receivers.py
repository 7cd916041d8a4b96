"""Real notification receivers on 127.0.0.1 for the notify tests.

* ``HttpReceiver`` — what apprise's ``json://`` posts to. Its socket is bound
  when it is made but listens only after ``start()``: until then a connection
  is refused, the way a receiver that is down refuses it, and the port stays
  ours. ``statuses`` scripts the answers (500, then 200 …); ``on_request`` runs
  before a request is recorded or answered (a test kills the sender there).
* ``SmtpReceiver`` — an aiosmtpd server; apprise's ``mailto://`` without TLS.
* ``MqttSubscriber`` — a paho client subscribed to a topic on the Mosquitto
  broker at 127.0.0.1:1883.
"""

from __future__ import annotations

import email
import email.policy
import json
import socket
import threading
import time
from collections.abc import Callable
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a sender killed mid-request


class HttpReceiver:
    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []  # parsed JSON bodies, in arrival order
        self.requests = 0
        self.statuses: list[int] = []  # answers to the next requests; then 200
        self.on_request: Callable[[], None] | None = None
        self.after_record: Callable[[], None] | None = None
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                receiver._handle(self)

        self._httpd = _Server(("127.0.0.1", 0), Handler, bind_and_activate=False)
        self._httpd.server_bind()
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        return f"json://127.0.0.1:{self.port}/"

    def start(self) -> HttpReceiver:
        self._httpd.server_activate()
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self._httpd.shutdown()
        self._httpd.server_close()

    def texts(self) -> list[str]:
        """Title and message of every accepted notification."""
        with self._lock:
            return [f"{r.get('title', '')}\n{r.get('message', '')}" for r in self.received]

    def _handle(self, req: BaseHTTPRequestHandler) -> None:
        if self.on_request:
            self.on_request()
        length = int(req.headers.get("Content-Length") or 0)
        body = req.rfile.read(length)
        with self._lock:
            self.requests += 1
            status = self.statuses.pop(0) if self.statuses else 200
            if status == 200:
                self.received.append(json.loads(body))
        if self.after_record:
            self.after_record()
        reply = b'{"ok": true}' if status == 200 else b'{"error": "scripted"}'
        req.send_response(status)
        req.send_header("Content-Type", "application/json")
        req.send_header("Content-Length", str(len(reply)))
        req.end_headers()
        req.wfile.write(reply)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class SmtpReceiver:
    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.messages: list[EmailMessage] = []
        receiver = self

        class Handler:
            async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
                message = email.message_from_bytes(envelope.content, policy=email.policy.default)
                receiver.messages.append(message)  # type: ignore[arg-type]
                return "250 OK"

        self.port = free_port()
        self._controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)

    def url(self, to: str = "me@example.com") -> str:
        # mailto:// (not mailtos) without credentials: plain SMTP, no TLS, no AUTH.
        return f"mailto://127.0.0.1:{self.port}?from=watcher@example.com&to={to}"

    def start(self) -> SmtpReceiver:
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()


MQTT_HOST, MQTT_PORT = "127.0.0.1", 1883


def mqtt_skip_reason() -> str | None:
    try:
        with socket.create_connection((MQTT_HOST, MQTT_PORT), timeout=2):
            return None
    except OSError as exc:
        return f"no MQTT broker at {MQTT_HOST}:{MQTT_PORT}: {exc}"


class MqttSubscriber:
    def __init__(self, topic: str) -> None:
        import paho.mqtt.client as mqtt

        self.topic = topic
        self.messages: list[str] = []
        self._subscribed = threading.Event()
        self._client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2)
        self._client.on_connect = lambda c, *_: c.subscribe(topic, qos=1)
        self._client.on_subscribe = lambda *_: self._subscribed.set()
        self._client.on_message = lambda _c, _u, m: self.messages.append(m.payload.decode())

    @property
    def url(self) -> str:
        return f"mqtt://{MQTT_HOST}:{MQTT_PORT}/{self.topic}"

    def start(self) -> MqttSubscriber:
        self._client.connect(MQTT_HOST, MQTT_PORT)
        self._client.loop_start()
        if not self._subscribed.wait(10):
            raise RuntimeError("the MQTT subscription was not acknowledged")
        return self

    def wait_for(self, count: int, timeout: float = 10.0) -> list[str]:
        """The messages, once ``count`` have arrived (or the timeout passed)."""
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return list(self.messages)

    def stop(self) -> None:
        self._client.loop_stop()
        self._client.disconnect()
