# syntax=docker/dockerfile:1
# Build: docker build -t watcher .
# Run:   docker run -v watcher-state:/app/state watcher
FROM python:3.11-slim AS build
WORKDIR /app
RUN python -m venv /opt/venv
COPY requirements.lock pyproject.toml README.md ./
COPY watcher ./watcher
# The same install as the README's run command: exact versions from the lock.
RUN /opt/venv/bin/pip install --no-cache-dir -r requirements.lock . \
    && /opt/venv/bin/watcher --version

FROM python:3.11-slim
RUN useradd --system --uid 10001 --home-dir /app watcher
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY feeds.yaml ./
RUN mkdir -p /app/state && chown watcher /app/state
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    WATCHER_CONFIG=/app/feeds.yaml
USER watcher
VOLUME ["/app/state"]
HEALTHCHECK --interval=60s --timeout=10s --start-period=30s \
    CMD ["watcher", "check"]
STOPSIGNAL SIGTERM
CMD ["watcher", "run"]
