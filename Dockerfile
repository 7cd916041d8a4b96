# syntax=docker/dockerfile:1
# Build: docker build -t watcher .
# Run:   docker run -d --name watcher -v watcher-state:/app/state watcher
# Stop:  docker stop -t 30 watcher   (the daemon finishes work in flight for up to 20 s)
# Reload feeds.yaml: docker kill -s HUP watcher
FROM python:3.11-slim-bookworm AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1
WORKDIR /src
RUN python -m venv /opt/venv
# The README's run command (`pip install -r requirements.lock .`) in two layers:
# the locked dependencies first, so a code change does not reinstall them; then
# the package itself, with --no-deps so nothing outside the lock gets in.
COPY requirements.lock ./
RUN /opt/venv/bin/pip install -r requirements.lock
COPY pyproject.toml README.md ./
COPY watcher ./watcher
RUN /opt/venv/bin/pip install --no-deps . \
    && /opt/venv/bin/watcher --version

FROM python:3.11-slim-bookworm
RUN groupadd --system --gid 10001 watcher \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home \
       --shell /usr/sbin/nologin watcher
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY feeds.yaml ./
RUN mkdir -p /app/state && chown 10001:10001 /app/state && chmod 700 /app/state
# feeds.yaml's database is sqlite:///state/watcher.db, relative to its folder:
# /app/state/watcher.db, on the volume. WATCHER_DATABASE_URL overrides it.
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    WATCHER_CONFIG=/app/feeds.yaml
USER 10001:10001
VOLUME ["/app/state"]
# Only with `run --http 0.0.0.0:9120` or WATCHER_HTTP=0.0.0.0:9120 (off by default).
EXPOSE 9120
# Reads the database: it answers, and due feeds are being polled (exit 0 / 1).
HEALTHCHECK --interval=60s --timeout=20s --start-period=60s --retries=3 \
    CMD ["watcher", "health"]
STOPSIGNAL SIGTERM
CMD ["watcher", "run"]
