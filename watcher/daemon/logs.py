"""Logging in one style, rendered for people or for machines.

Every line is an event name plus fields: code logs a short message and passes
the fields as ``extra`` (``log.info("feed polled", extra={"feed": ..., "url": ...,
"outcome": ..., "duration": ...})``).

* ``human`` (the default): the message followed by ``key=value`` pairs; on a
  terminal with a short clock, elsewhere with a full UTC timestamp and the
  logger name (journald and ``docker logs`` add their own time, but a file
  needs one).
* ``json``: one JSON object per line (``time``, ``level``, ``logger``,
  ``message``, the fields, ``exc`` for a traceback), for log shippers.

Both renderings mask secrets: a ``url`` field, and any URL inside a message or
a traceback, goes through ``watcher.masking``, so a notify target's token
or a feed URL's ``?apikey=`` never reaches a log.
"""

from __future__ import annotations

import json
import logging
import sys
import threading
import time
from datetime import UTC, datetime
from typing import Any, TextIO

from watcher.masking import mask_text, mask_url

LEVELS = ("debug", "info", "warning", "error")
FORMATS = ("human", "json")

# Attributes every LogRecord has; anything else on a record came from ``extra``.
_STANDARD = {*vars(logging.makeLogRecord({})), "message", "asctime", "taskName"}

# Libraries whose INFO lines are noise in a daemon's log (APScheduler logs every
# tick, httpx every request, Alembic every start; aiohttp now carries the
# connections): heard from at WARNING, or at DEBUG.
QUIET = ("apscheduler", "alembic", "httpx", "httpcore", "aiohttp")

_chosen_level = False
_formatting = threading.local()


def mask(text: str) -> str:
    """Every URL in ``text`` with its secrets masked."""
    return mask_text(text)


def fields(record: logging.LogRecord) -> dict[str, Any]:
    """The ``extra`` fields of a record, URLs masked and durations rounded."""
    out: dict[str, Any] = {}
    for key, value in vars(record).items():
        if key in _STANDARD or key.startswith("_"):
            continue
        if isinstance(value, str) and (key == "url" or key.endswith("_url")):
            value = mask_url(value)
        elif isinstance(value, float):
            value = round(value, 3)
        out[key] = value
    return out


class HumanFormatter(logging.Formatter):
    def __init__(self, terminal: bool) -> None:
        super().__init__()
        self.terminal = terminal

    def format(self, record: logging.LogRecord) -> str:
        message = mask(record.getMessage())
        pairs = " ".join(f"{k}={_human_value(v)}" for k, v in fields(record).items())
        text = f"{message} {pairs}" if pairs else message
        if self.terminal:
            clock = time.strftime("%H:%M:%S", time.localtime(record.created))
            line = f"{clock} {record.levelname:<7} {text}"
        else:
            line = f"{_iso(record.created)} {record.levelname} {record.name}: {text}"
        if record.exc_info:
            line += "\n" + mask(self.formatException(record.exc_info))
        return line


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "time": _iso(record.created),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": mask(record.getMessage()),
        }
        for key, value in fields(record).items():
            data.setdefault(key, value)
        if record.exc_info:
            data["exc"] = mask(self.formatException(record.exc_info))
        return json.dumps(data, default=str, ensure_ascii=False)


class _Handler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is when a record arrives (click's test
    runner swaps it), unless given a stream."""

    def __init__(self, stream: TextIO | None) -> None:
        super().__init__(stream or sys.stderr)
        self._fixed = stream

    def emit(self, record: logging.LogRecord) -> None:
        # Masking a notify URL asks apprise, which may log: a record
        # logged while another is being formatted is that noise, and would
        # recurse. It is dropped.
        if getattr(_formatting, "busy", False):
            return
        _formatting.busy = True
        try:
            self.stream = self._fixed or sys.stderr
            super().emit(record)
        finally:
            _formatting.busy = False


def setup_logging(level: str | None, fmt: str = "human", stream: TextIO | None = None) -> None:
    """Install watcher's handler on the root logger at ``level`` (a name from
    ``LEVELS``; None keeps WARNING unless a command raises it, see ``default_level``).

    A program that already configured logging (pytest, an embedding
    application) keeps its own handlers: like ``logging.basicConfig``, this
    then does nothing."""
    global _chosen_level
    root = logging.getLogger()
    if any(not isinstance(h, _Handler) for h in root.handlers):
        return
    for old in list(root.handlers):
        root.removeHandler(old)
    handler = _Handler(stream)
    target = handler.stream
    terminal = bool(getattr(target, "isatty", lambda: False)())
    handler.setFormatter(JsonFormatter() if fmt == "json" else HumanFormatter(terminal))
    root.addHandler(handler)
    _chosen_level = level is not None
    _set_level(getattr(logging, (level or "warning").upper()))


def default_level(level: int) -> None:
    """A command's own default (the daemon logs at INFO), when neither
    ``--log-level``, ``-v`` nor ``WATCHER_LOG_LEVEL`` chose one."""
    if not _chosen_level and any(isinstance(h, _Handler) for h in logging.getLogger().handlers):
        _set_level(level)


def _set_level(level: int) -> None:
    logging.getLogger().setLevel(level)
    for name in QUIET:
        logging.getLogger(name).setLevel(
            logging.NOTSET if level <= logging.DEBUG else logging.WARNING
        )


def _iso(created: float) -> str:
    return datetime.fromtimestamp(created, UTC).isoformat(timespec="milliseconds")


def _human_value(value: Any) -> str:
    text = str(value)
    return json.dumps(text) if not text or any(c.isspace() or c == '"' for c in text) else text
