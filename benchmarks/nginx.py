"""nginx on 127.0.0.1 serving a folder of feeds, as a real feed host would.

    with Nginx(folder) as server:
        server.base  # "http://127.0.0.1:PORT"

Static files get ETag and Last-Modified from nginx itself and a 304 on a
matching conditional GET. Bodies are gzipped: a ``.gz`` written beside each
file is sent as it is (``gzip_static``), so the server spends no CPU
compressing and the benchmark measures the client; anything without one is
compressed on the fly. nginx is installed from the system packages when it is
missing, runs with its own config in a temporary folder on a free port, and
is stopped (by its pid) when the block ends.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType

STARTUP_SECONDS = 10.0

_CONFIG = """\
{user}
worker_processes 1;
daemon off;
pid {run}/nginx.pid;
error_log {run}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {run}/body;
    proxy_temp_path {run}/proxy;
    fastcgi_temp_path {run}/fastcgi;
    uwsgi_temp_path {run}/uwsgi;
    scgi_temp_path {run}/scgi;
    types {{
        application/rss+xml xml;
        application/atom+xml atom;
    }}
    default_type application/octet-stream;
    charset utf-8;
    charset_types application/rss+xml application/atom+xml;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    keepalive_requests 100000;
    etag on;
    gzip on;
    gzip_static on;
    gzip_vary on;
    gzip_comp_level 1;
    gzip_types application/rss+xml application/atom+xml;
    server {{
        listen 127.0.0.1:{port} backlog=4096;
        root {root};
        location / {{ }}
    }}
}}
"""


def nginx_binary() -> str:
    """The nginx executable, installed from the system packages if missing."""
    found = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.path.exists(p)), None
    )
    if found:
        return found
    if shutil.which("apt-get") is None:
        raise SystemExit("nginx is not installed and there is no apt-get to install it")
    # RUNLEVEL=1: the package must not start the system's own nginx on port 80.
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive", "RUNLEVEL": "1"}
    print("installing nginx from the system packages …", flush=True)
    for step in (
        ["apt-get", "install", "-y", "-q", "nginx-light"],
        ["apt-get", "update", "-q"],
        ["apt-get", "install", "-y", "-q", "nginx-light"],
        ["apt-get", "install", "-y", "-q", "nginx"],
    ):
        if step[1] == "update":
            subprocess.run(step, env=env, capture_output=True, check=False)
            continue
        done = subprocess.run(step, env=env, capture_output=True, check=False)
        if done.returncode == 0 and (shutil.which("nginx") or os.path.exists("/usr/sbin/nginx")):
            return shutil.which("nginx") or "/usr/sbin/nginx"
    raise SystemExit("could not install nginx (apt-get install nginx-light / nginx failed)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Nginx:
    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.base = ""
        self._proc: subprocess.Popen[bytes] | None = None
        self._run: tempfile.TemporaryDirectory[str] | None = None

    def __enter__(self) -> Nginx:
        binary = nginx_binary()
        self._run = tempfile.TemporaryDirectory(prefix="watcher-bench-nginx-")
        run = Path(self._run.name)
        for attempt in range(3):  # the free port may be taken before nginx binds it
            port = free_port()
            user = "user root;" if os.geteuid() == 0 else ""
            conf = run / "nginx.conf"
            conf.write_text(_CONFIG.format(user=user, run=run, port=port, root=self.root))
            self._proc = subprocess.Popen(
                [binary, "-p", str(run), "-c", str(conf)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            self.base = f"http://127.0.0.1:{port}"
            if self._wait_up():
                return self
            self._stop()
            if attempt == 2:
                log = (run / "error.log").read_text(errors="replace")[-2000:]
                raise SystemExit(f"nginx did not start:\n{log}")
        return self

    def _wait_up(self) -> bool:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self._proc is None or self._proc.poll() is not None:
                return False
            try:
                with urllib.request.urlopen(self.base + "/", timeout=1):
                    return True
            except urllib.error.HTTPError:
                return True  # 403/404 for the folder itself: it answers
            except OSError:
                time.sleep(0.05)
        return False

    def _stop(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.terminate()  # SIGTERM to the master we started: fast shutdown
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait(timeout=10)
        self._proc = None

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop()
        if self._run is not None:
            self._run.cleanup()
