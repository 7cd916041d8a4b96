"""Building the project's image where no image registry is reachable.

The Dockerfile names its base by digest (``python:3.11-slim-bookworm@sha256:…``).
Without a registry, an equivalent base is made from Debian's own packages:
``debootstrap`` bookworm with its python3 (3.11, with venv), imported and
tagged with the base's name, and the build is told to use that name. The
root filesystem is cached as a tarball (``WATCHER_TEST_CACHE``, default
``~/.cache/watcher-tests``), and the imported image stays in the engine, so
only the first run pays for debootstrap.

pip inside the build installs from a loopback index of wheels the host's pip
downloaded (the build runs on the host's network): the host knows this
machine's proxies and certificates, a fresh base image does not.
"""

from __future__ import annotations

import hashlib
import http.server
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DEBIAN_SUITE = "bookworm"
DEBIAN_MIRROR = "http://deb.debian.org/debian"
# What python:3.11-slim-bookworm gives the Dockerfile: `python` 3.11 with venv,
# CA certificates, /etc/services and time zones; groupadd/useradd come with minbase.
BASE_PACKAGES = (
    "python3",
    "python3-venv",
    "python-is-python3",
    "ca-certificates",
    "netbase",
    "tzdata",
)
BASE_LABEL = "org.watcher.test-base"
ROOT = Path(__file__).resolve().parent.parent
# Left out of the tarball: package caches and docs the image never reads.
_PRUNE = ("var/cache/apt/archives", "var/lib/apt/lists", "usr/share/doc", "usr/share/man")


def docker(
    *args: str, timeout: float = 120, check: bool = True
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DOCKER_BUILDKIT": "0"}  # the classic builder needs no frontend image
    return subprocess.run(
        ["docker", *args], capture_output=True, text=True, timeout=timeout, check=check, env=env
    )


def engine_skip_reason() -> str | None:
    """None when a container engine answers, else why not."""
    if shutil.which("docker") is None:
        return "no docker client (install docker.io; .ci/run does)"
    try:
        info = docker("info", "--format", "{{.ServerVersion}}", timeout=30, check=False)
    except subprocess.TimeoutExpired:
        return "the docker engine did not answer within 30 s"
    if info.returncode != 0:
        return f"no docker engine: {(info.stderr or info.stdout).strip().splitlines()[-1]}"
    return None


def base_image_name() -> str:
    """The Dockerfile's base without its digest (a local image cannot carry one)."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    found = re.search(r"^ARG BASE_IMAGE=(\S+)$", text, re.M)
    assert found, "the Dockerfile names no ARG BASE_IMAGE"
    return found.group(1).split("@")[0]


def ensure_base_image(name: str) -> str | None:
    """``name`` present in the engine: already there (pulled, or made by an
    earlier run), imported from the cached tarball, or debootstrapped. None
    when it is there; else why it could not be made."""
    if docker("image", "inspect", name, check=False).returncode == 0:
        return None
    key = hashlib.sha256(f"{DEBIAN_SUITE} {' '.join(BASE_PACKAGES)}".encode()).hexdigest()[:12]
    tarball = cache_dir() / f"{DEBIAN_SUITE}-python3-{key}.tar"
    if not tarball.exists():
        reason = _debootstrap(tarball)
        if reason:
            return reason
    changes = ["ENV LANG=C.UTF-8", 'CMD ["python3"]', f"LABEL {BASE_LABEL}={key}"]
    args = [arg for change in changes for arg in ("--change", change)]
    docker("import", *args, str(tarball), name, timeout=300)
    return None


def _debootstrap(tarball: Path) -> str | None:
    if shutil.which("debootstrap") is None or os.geteuid() != 0:
        return "no base image, no registry, and no debootstrap run as root to make one"
    with tempfile.TemporaryDirectory(prefix="watcher-base-") as folder:
        root = Path(folder) / "rootfs"
        made = subprocess.run(
            [
                "debootstrap",
                "--variant=minbase",
                f"--include={','.join(BASE_PACKAGES)}",
                DEBIAN_SUITE,
                str(root),
                DEBIAN_MIRROR,
            ],
            capture_output=True,
            text=True,
            timeout=900,
        )
        if made.returncode != 0:
            return f"debootstrap failed: {made.stdout[-500:]}{made.stderr[-500:]}"
        for part in _PRUNE:
            shutil.rmtree(root / part, ignore_errors=True)
            (root / part).mkdir(parents=True, exist_ok=True)
        tarball.parent.mkdir(parents=True, exist_ok=True)
        partial = tarball.with_suffix(".partial")
        subprocess.run(["tar", "-C", str(root), "-cf", str(partial), "."], check=True)
        partial.rename(tarball)
    return None


@contextmanager
def wheelhouse_index() -> Iterator[list[str]]:
    """Build arguments pointing pip at a loopback index of the wheels the image
    needs, downloaded here by the host's pip (which knows this machine's
    proxies, mirrors and certificates; a build container knows none of them).
    The wheels are cached per lock-file content."""
    locks = [ROOT / "requirements.lock", ROOT / "requirements-dev.lock"]
    key = hashlib.sha256(b"".join(p.read_bytes() for p in locks)).hexdigest()[:12]
    folder = cache_dir() / f"wheels-{key}"
    if not (folder / ".complete").exists():
        extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
        optional = extras["project"]["optional-dependencies"]
        wanted = [*optional["postgres"], *optional["mqtt"], "setuptools>=69", "wheel"]
        pip = [sys.executable, "-m", "pip", "download", "-q", "-d", str(folder)]
        subprocess.run(
            [*pip, "-r", str(locks[0]), "-c", str(locks[1]), *wanted],
            check=True,
            timeout=600,
        )
        (folder / ".complete").touch()
    with tempfile.TemporaryDirectory(prefix="watcher-index-") as served:
        for found in folder.iterdir():
            if found.name.startswith("."):
                continue
            project = re.sub(r"[-_.]+", "-", _project(found.name)).lower()
            page = Path(served) / "simple" / project
            page.mkdir(parents=True, exist_ok=True)
            (page / found.name).symlink_to(found)
            with (page / "index.html").open("a", encoding="utf-8") as index:
                index.write(f'<a href="{found.name}">{found.name}</a>\n')
        server = _serve(served)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            port = server.server_address[1]
            yield ["--build-arg", f"PIP_INDEX_URL=http://127.0.0.1:{port}/simple/"]
        finally:
            server.shutdown()
            server.server_close()


# The index URL is a build argument, and a changed one invalidates the build
# cache of every later step: a fixed port keeps warm builds cached (another
# one is taken, at the price of a cold build, when this one is busy).
INDEX_PORT = 47689


def _serve(folder: str) -> http.server.ThreadingHTTPServer:
    try:
        return http.server.ThreadingHTTPServer(("127.0.0.1", INDEX_PORT), _quiet_handler(folder))
    except OSError:
        return http.server.ThreadingHTTPServer(("127.0.0.1", 0), _quiet_handler(folder))


def _project(filename: str) -> str:
    """The project name of a wheel or sdist file name."""
    if filename.endswith(".whl"):
        return filename.split("-")[0]
    return filename.rsplit("-", 1)[0]


def cache_dir() -> Path:
    return Path(os.environ.get("WATCHER_TEST_CACHE", Path.home() / ".cache" / "watcher-tests"))


def _quiet_handler(folder: str) -> type[http.server.SimpleHTTPRequestHandler]:
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=folder, **kwargs)  # type: ignore[arg-type]

        def log_message(self, *args: object) -> None:
            pass

    return Handler
