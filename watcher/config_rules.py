"""The rules of feeds.yaml that a type alone cannot say, in watcher's words.

``config.py`` declares the shape (pydantic models); this module holds what
goes around it (``configfile.py`` reads the YAML): durations as people write them (``1h30m``), the
messages for wrong types, and the checks that need the whole file (a subject
with no questions, a poll interval that would hammer a publisher, a database
URL that names no installed driver, a notify URL apprise cannot use, a CLI
filter naming nothing configured). Every rule raises ``ConfigError`` naming
the file, the key and the fix.

It does not read the environment or open anything: apprise is asked only to
parse a URL, never to send.
"""

from __future__ import annotations

import contextlib
import difflib
import importlib.util
import ipaddress
import logging
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from watcher.errors import ConfigError

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

    from watcher.config import Config

# Polling a publisher's feed more often than this is hammering it: a conditional
# GET a minute is already more than any trade feed publishes. Feeds on loopback
# or private addresses are the owner's own servers and may go faster (tests,
# a local bridge).
MIN_INTERVAL = 60.0

# SQLAlchemy URL schemes watcher ships a driver for (the second only with the
# `postgres` extra); anything else fails at the first poll with "Can't load plugin".
_SQLITE_SCHEMES = ("sqlite", "sqlite+pysqlite")
_POSTGRES_SCHEME = "postgresql+psycopg"

_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0, "w": 604800.0}
_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)\s*", re.I)
# Every part carries its unit, so the pattern cannot split a run of digits two
# ways (no backtracking blow-up) and "1h30" is refused rather than guessed.
_COMPOUND = re.compile(r"(?:\d+(?:\.\d+)?\s*(?:ms|s|m|h|d|w)\s*)+", re.I)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
DURATION_HINT = "write e.g. 30m, 2h, 1h30m, 90s or 1d"


# -- durations -----------------------------------------------------------------------


def parse_duration(value: Any) -> float:
    """``90``, ``"90s"``, ``"15m"``, ``"1h30m"``, ``"1d 12h"`` → seconds.

    A bare number is seconds; in a compound every part needs its unit."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a duration; {DURATION_HINT}")
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        text = str(value).strip()
        if _NUMBER.fullmatch(text):
            seconds = float(text)
        elif _COMPOUND.fullmatch(text):
            parts = _PART.findall(text)
            seconds = sum(float(n) * _UNITS[unit.lower()] for n, unit in parts)
        else:
            raise ValueError(f"{text!r} is not a duration; {DURATION_HINT}")
    if seconds <= 0:
        raise ValueError("a duration must be greater than zero")
    return seconds


def format_duration(seconds: float) -> str:
    """60 → ``1m``, 5400 → ``1h30m``, 2.5 → ``2.5s``: how the messages say it."""
    if seconds != int(seconds) or seconds < 60:
        return f"{seconds:g}s"
    out, rest = "", int(seconds)
    for unit in ("d", "h", "m", "s"):
        size = int(_UNITS[unit])
        if rest >= size:
            out += f"{rest // size}{unit}"
            rest %= size
    return out


# -- wrong types ---------------------------------------------------------------------

_EXPECTED = {
    "int": "a whole number, e.g. 8",
    "float": "a number, e.g. 0.1",
    "bool": "true or false",
    "string": "text",
    "list": "a list, e.g. [a, b]",
    "tuple": "a list, e.g. [a, b]",
    "dict": "a mapping of `key: value` lines",
    "model": "a mapping of `key: value` lines",
    "dataclass": "a mapping of `key: value` lines",
}


def explain(error: ErrorDetails) -> tuple[str, str | None]:
    """(message, hint) for one validation error, in watcher's words: the
    validator's own wording ("Input should be a valid integer") never shows."""
    kind, ctx, given = error["type"], error.get("ctx") or {}, error.get("input")
    if kind == "missing":
        return "is required", f"add `{error['loc'][-1]}:`"
    # The second is a dataclass's (a feed's) word for the same.
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        return "unknown key", "check its spelling, or remove it"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"])).removeprefix("Value error, "), None
    base = kind.split("_")[0]
    if base in _EXPECTED and kind.endswith(("_type", "_parsing", "_from_float")):
        return f"{_shown(given)} is not {_EXPECTED[base]}", None
    limits = {
        "greater_than_equal": "at least {ge}",
        "greater_than": "more than {gt}",
        "less_than_equal": "at most {le}",
        "less_than": "less than {lt}",
    }
    if kind in limits:
        return f"{_shown(given)} is too {'small' if 'greater' in kind else 'large'}", (
            "write " + limits[kind].format(**ctx)
        )
    if kind == "string_too_short":
        return "must not be empty", None
    if kind == "literal_error":
        return (
            f"{_shown(given)} is not accepted here",
            f"write {ctx.get('expected', 'another value')}",
        )
    return f"{_shown(given)} is not accepted here", None


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    if value is None:
        return "nothing (an empty value)"
    return repr(value)


# -- whole-file checks ---------------------------------------------------------------


def check(config: Config, *, database_from_env: bool = False) -> None:
    """The rules that need the whole validated file. Raises ``ConfigError``.
    Notify targets are checked apart (``check_targets``): that loads every
    apprise plugin, a cost only the commands that deliver should pay."""
    path = str(config.path)
    for i, subject in enumerate(config.subjects):
        if not subject.questions:
            raise ConfigError(
                path,
                f"subjects[{i}].questions",
                f"subject {subject.id!r} has no questions, so nothing would ever be looked for",
                "add one, e.g. `- {id: release-date, kind: date}`",
            )
    _check_intervals(config)
    database_key = "database (from WATCHER_DATABASE_URL)" if database_from_env else "database"
    check_database_url(path, database_key, config.database)


def check_targets(config: Config, environ: Mapping[str, str]) -> None:
    """Every notify URL is one apprise can use (``check``, ``poll``, ``run``,
    ``notify test`` and a reload ask): a typo is a configuration error now,
    not a notification retried for two days. Raises ``ConfigError``."""
    from_env = " (from WATCHER_NOTIFY)" if environ.get("WATCHER_NOTIFY") else ""
    for i, target in enumerate(config.notify):
        check_notify_url(str(config.path), f"notify[{i}]{from_env}", target.url)


def _check_intervals(config: Config) -> None:
    """Refuse an interval below ``MIN_INTERVAL`` wherever it would apply to a
    feed on a public address (its own ``interval``, or ``poll.interval`` and
    ``poll.min_interval`` for the feeds that take the default)."""
    hint = (
        f"write {format_duration(MIN_INTERVAL)} or more (15m suits most feeds); only feeds on "
        "loopback or private addresses may be polled faster"
    )
    public = [(i, f) for i, f in enumerate(config.feeds) if not _own_server(f.url)]
    for i, feed in public:
        if feed.interval is not None and feed.interval < MIN_INTERVAL:
            raise ConfigError(
                str(config.path),
                f"feeds[{i}].interval",
                f"{format_duration(feed.interval)} is below the minimum of "
                f"{format_duration(MIN_INTERVAL)} for {feed.name!r}, a public feed",
                hint,
            )
    defaulted = [f for _, f in public if f.interval is None]
    for key in ("interval", "min_interval"):
        value = getattr(config.poll, key)
        if defaulted and value < MIN_INTERVAL:
            raise ConfigError(
                str(config.path),
                f"poll.{key}",
                f"{format_duration(value)} is below the minimum of "
                f"{format_duration(MIN_INTERVAL)} for {defaulted[0].name!r}, a public feed",
                hint,
            )


def _own_server(url: str) -> bool:
    """A loopback or private address written in the URL (no DNS: a name is public)."""
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_private or address.is_link_local


def check_database_url(path: str, key: str, url: str) -> None:
    """A URL SQLAlchemy can open with the drivers installed, or the form that works."""
    scheme = url.partition("://")[0].lower()
    if scheme in _SQLITE_SCHEMES:
        return
    if scheme in ("postgres", "postgresql") or scheme.startswith("postgresql+"):
        rest = url.partition("://")[2]
        if scheme != _POSTGRES_SCHEME:
            raise ConfigError(
                path,
                key,
                f"{scheme}:// names no driver watcher ships",
                f"write {_POSTGRES_SCHEME}://{_credentials_hidden(rest)}",
            )
        if importlib.util.find_spec("psycopg") is None:
            raise ConfigError(
                path,
                key,
                "PostgreSQL needs its driver, which this install lacks",
                "pip install 'watcher[postgres]'",
            )
        return
    raise ConfigError(
        path,
        key,
        f"{scheme or url!r} is not a database URL watcher can open",
        f"write sqlite:///state/watcher.db or {_POSTGRES_SCHEME}://user@host/db",
    )


def _credentials_hidden(rest: str) -> str:
    userinfo, at, host = rest.rpartition("@")
    if at and ":" in userinfo:
        return f"{userinfo.partition(':')[0]}:***@{host}"
    return rest


def check_notify_url(path: str, key: str, url: str) -> None:
    """A URL apprise has a working service for, with the parts that service needs."""
    import apprise  # only this check needs it here
    from apprise.manager_plugins import NotificationManager

    with _quiet("apprise"):
        if apprise.Apprise.instantiate(url) is not None:
            return
    scheme = url.partition("://")[0].lower() if "://" in url else ""
    plugins: Any = NotificationManager()  # type: ignore[no-untyped-call]
    if not scheme:
        raise ConfigError(path, key, f"{url!r} is not a URL", "write e.g. json://host/path")
    if scheme not in set(plugins.schemas(include_disabled=True)):
        near = difflib.get_close_matches(scheme, list(plugins.schemas(include_disabled=False)), n=1)
        raise ConfigError(
            path,
            key,
            f"{scheme}:// is not a service apprise knows",
            f"did you mean {near[0]}://?" if near else _APPRISE_WIKI,
        )
    if scheme not in set(plugins.schemas(include_disabled=False)):
        extra = _EXTRAS.get(scheme)
        raise ConfigError(
            path,
            key,
            f"{scheme}:// needs a package this install lacks",
            f"pip install 'watcher[{extra}]'" if extra else _APPRISE_WIKI,
        )
    raise ConfigError(
        path,
        key,
        f"apprise cannot read this {scheme}:// URL: a part it needs is missing or wrong",
        _APPRISE_WIKI,
    )


_APPRISE_WIKI = "see https://github.com/caronc/apprise/wiki for the service's URL form"
# Services whose client watcher installs as an extra (pyproject.toml).
_EXTRAS = {"mqtt": "mqtt", "mqtts": "mqtt"}


@contextlib.contextmanager
def _quiet(name: str) -> Iterator[None]:
    """apprise logs an ERROR for a URL it cannot parse; the ConfigError says it."""
    logger = logging.getLogger(name)
    before = logger.disabled
    logger.disabled = True
    try:
        yield
    finally:
        logger.disabled = before


# -- CLI filters ---------------------------------------------------------------------


def unknown_filter(
    config: Config,
    *,
    subject: str | None = None,
    question: str | None = None,
    feed: str | None = None,
) -> tuple[str, str] | None:
    """(option, message) when a filter names nothing in feeds.yaml, else None:
    an empty table would read as "nothing found" when the name is a typo."""
    subjects = [s for s in config.subjects if subject in (None, s.id)]
    if subject is not None and not subjects:
        return "--subject", _none_named("subject", subject, [s.id for s in config.subjects])
    if question is not None:
        ids = sorted({q.id for s in subjects for q in s.questions})
        if question not in ids:
            where = f" in subject {subject!r}" if subject else ""
            return "--question", _none_named(f"question{where}", question, ids)
    if feed is not None and config.feed(feed) is None:
        return "--feed", _none_named("feed", feed, [f.name for f in config.feeds])
    return None


def _none_named(what: str, name: str, known: Sequence[str]) -> str:
    listed = ", ".join(known) if known else "none"
    return f"no {what} named {name!r} in feeds.yaml (known: {listed})"
