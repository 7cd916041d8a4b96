# syntax=docker/dockerfile:1
# Build: docker build -t watcher .
# Run:   docker run -d --name watcher -v watcher-state:/app/state watcher
# Stop:  docker stop -t 30 watcher   (the daemon finishes work in flight for up to 20 s)
# Reload feeds.yaml: docker kill -s HUP watcher
#
# The base image is pinned by digest, so a rebuild gets the same Python and
# Debian until this line is changed on purpose. To move to a newer one:
#   docker buildx imagetools inspect python:3.11-slim-bookworm   (take the index digest)
# An equivalent base under another name: --build-arg BASE_IMAGE=name (the tests
# build one from Debian's own packages when no registry is reachable).
ARG BASE_IMAGE=python:3.11-slim-bookworm@sha256:2e32f7d302adc1c37428355c1e646897c0c53f4fd60b6a551245fb90ee129f91

FROM ${BASE_IMAGE} AS build
# The default install is SQLite-only; the image adds the PostgreSQL driver
# (compose's worker profile) and the MQTT client. --build-arg EXTRAS= leaves them out.
ARG EXTRAS=postgres,mqtt
# A package index other than PyPI, e.g. a mirror (passed on to pip).
ARG PIP_INDEX_URL
ARG PIP_EXTRA_INDEX_URL
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1
WORKDIR /src
RUN python -m venv /opt/venv
# The README's run command (`pip install -r requirements.lock .`) in layers:
# the locked dependencies first, so a code change does not reinstall them; then
# the package itself, with --no-deps so nothing outside the lock gets in; then
# the extras at the versions requirements-dev.lock pins (the tested ones).
COPY requirements.lock requirements-dev.lock ./
RUN /opt/venv/bin/pip install -r requirements.lock
COPY pyproject.toml README.md ./
COPY watcher ./watcher
# One wheel, built once, installed with its extras' requirements.
RUN /opt/venv/bin/pip wheel --no-deps --wheel-dir /tmp/dist . \
    && /opt/venv/bin/pip install --no-deps /tmp/dist/watcher-*.whl \
    && if [ -n "$EXTRAS" ]; then \
         /opt/venv/bin/pip install -c requirements-dev.lock "$(ls /tmp/dist/watcher-*.whl)[$EXTRAS]"; \
       fi \
    && /opt/venv/bin/watcher --version

FROM ${BASE_IMAGE}
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
