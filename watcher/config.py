"""feeds.yaml → a frozen, validated ``Config``.

Pydantic does the validation; this module turns its errors into one
``ConfigError`` per problem that names the file, the key path (``feeds[3].url``)
and what to write instead. Environment overrides (``WATCHER_DATABASE_URL``,
``WATCHER_NOTIFY``) are applied here so nothing downstream reads the
environment.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic.dataclasses import dataclass as pydantic_dataclass

from watcher import config_rules, gnews
from watcher.config_rules import parse_duration
from watcher.configfile import read_config_text, read_yaml
from watcher.errors import ConfigError

DEFAULT_CONFIG = "feeds.yaml"
DEFAULT_DATABASE = "sqlite:///state/watcher.db"

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?\s*$", re.I)
_SIZE_UNITS = {"b": 1, "k": 1000, "m": 1000**2, "g": 1000**3}
_ENV_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


def _parse_size(value: Any) -> int:
    """``1048576``, ``"10MB"``, ``"512KiB"`` → bytes."""
    if isinstance(value, bool):
        raise ValueError("expected a size such as 10MB")
    if isinstance(value, int):
        size = value
    else:
        match = _SIZE.match(str(value))
        if not match:
            raise ValueError(f"{value!r} is not a size; write e.g. 10MB or 512KiB")
        unit = (match.group(2) or "b").lower()
        base = 1024 if "i" in unit else 1000
        size = int(float(match.group(1)) * (base ** "bkmg".index(unit[0])))
    if size <= 0:
        raise ValueError("a size must be greater than zero")
    return size


def _check_id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError(f"{value!r} is not an id; use lower-case letters, digits and -")
    return value


Seconds = Annotated[float, BeforeValidator(parse_duration)]
# Subject and question ids appear in URLs, tags and JSON keys: keep them plain.
Slug = Annotated[str, AfterValidator(_check_id)]
ByteSize = Annotated[int, BeforeValidator(_parse_size)]


# When to read an item's linked article page: ``auto`` when the
# item mentions a subject and the feed gives only a summary, ``always`` when it
# mentions a subject, ``never``. Items that mention no subject are never read.
ArticleMode = Literal["auto", "always", "never"]
# Searches a subject can ask for (``search: [google-news]``).
SearchEngine = Literal["google-news"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Timeouts(_Model):
    connect: Seconds = 10.0
    read: Seconds = 30.0
    # httpx has no whole-exchange deadline: a server dripping one byte just under
    # the read timeout would hold a worker forever. ``total`` bounds the exchange.
    total: Seconds = 60.0


class PollSettings(_Model):
    interval: Seconds = 1800.0
    # Feeds without their own interval adapt to how often they publish, between
    # these bounds: a busy trade feed is polled often, a quiet blog rarely.
    adaptive: bool = True
    min_interval: Seconds = 600.0
    max_interval: Seconds = 6 * 3600.0
    concurrency: int = Field(default=8, ge=1, le=256)
    per_host: int = Field(default=2, ge=1, le=64)
    timeouts: Timeouts = Timeouts()
    max_body: ByteSize = 10 * 1024 * 1024
    max_redirects: int = Field(default=5, ge=0, le=30)
    max_entries: int = Field(default=500, ge=1)
    # Spread feeds that share a host: each next poll moves by up to this fraction.
    jitter: float = Field(default=0.1, ge=0, le=0.5)
    # Errors back off exponentially up to this cap; the feed is still retried.
    max_backoff: Seconds = 86400.0
    # A feed answering 404 for this long is disabled (410 Gone disables at once).
    gone_after: Seconds = 7 * 86400.0
    user_agent: str | None = None
    # A 429/503 Retry-After longer than this is cut to it (a typo'd or hostile
    # header must not silence a feed for a year).
    max_retry_after: Seconds = 86400.0
    # Plain text kept per entry; longer content is cut (bounds matching and storage).
    max_entry_chars: int = Field(default=50_000, ge=100)
    articles: ArticleMode = "auto"


# A slotted dataclass, not a model: a config lists thousands of feeds, and a
# model instance carries a ``__dict__`` and a set of the fields given besides
# its values (about 570 bytes a feed, against 90). Validation, its errors and
# the keys are the same; ``Config`` checks it as one of its fields.
@pydantic_dataclass(frozen=True, slots=True, config=ConfigDict(extra="forbid"))
class FeedConfig:
    name: Annotated[str, Field(min_length=1)]
    url: str
    interval: Seconds | None = None
    enabled: bool = True
    tags: tuple[str, ...] = ()
    articles: ArticleMode | None = None  # None: ``poll.articles``
    # The subject whose ``search:`` made this feed; never written in feeds.yaml.
    search_for: str | None = None

    @field_validator("url")
    @classmethod
    def _http_url(cls, url: str) -> str:
        parts = urlsplit(url.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"{url!r} is not an http(s) URL; write e.g. https://example.com/feed/")
        return url.strip()


class NotifyTarget(_Model):
    url: str = Field(min_length=1)
    tags: tuple[str, ...] = ()
    # Collect this target's events for this long, then send them as one message.
    digest: Seconds | None = None
    # A message still failing after this long (and a few tries) is given up: dead.
    give_up_after: Seconds = 2 * 86400.0
    # str.format templates for the title and body (fields: see watcher/notify.py).
    title_template: str | None = None
    body_template: str | None = None


# A registered kind of question: "date", "text" or "image" (watcher.extract.kinds).
QuestionKind = str


class QuestionConfig(_Model):
    id: Slug
    label: str = ""
    kind: QuestionKind
    # Phrases that say a sentence is about this question ("release date", "opens",
    # "first look"). Matching is case-insensitive on word boundaries.
    cues: tuple[str, ...] = ()
    # For text questions: who or what the answer is about (a person's names).
    about: tuple[str, ...] = ()
    # Phrases that, between the subject and a value, mean the value answers
    # something else ("trailer", "festival"). Added to built-in defaults.
    reject: tuple[str, ...] = ()
    # For text questions: other ways of writing an answer, so a restatement is
    # not news. In YAML a mapping: {John Wick: [Baba Yaga, Wick]}.
    synonyms: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # Hedged reports ("reportedly", "rumored") are stored as unconfirmed; they
    # notify only when this is true.
    notify_unconfirmed: bool = False

    @field_validator("kind")
    @classmethod
    def _registered_kind(cls, value: str) -> str:
        # Imported here: the registry's kinds import this module for their types.
        from watcher.extract.kinds import KINDS

        if value not in KINDS:
            raise ValueError(f"{value!r} is not a kind of question; use {', '.join(KINDS)}")
        return value

    @field_validator("synonyms", mode="before")
    @classmethod
    def _synonym_mapping(cls, value: Any) -> Any:
        if isinstance(value, Mapping):
            return tuple(
                (str(k), (v,) if isinstance(v, str) else tuple(v or ())) for k, v in value.items()
            )
        return value


class SubjectConfig(_Model):
    id: Slug
    name: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    # At least one of these must appear near a mention for it to count: it is
    # what separates the film from the common word or a same-name work.
    context: tuple[str, ...] = ()
    # Any of these near a mention vetoes it (a same-name work, its people).
    exclude: tuple[str, ...] = ()
    questions: tuple[QuestionConfig, ...] = ()
    # News searches polled for this subject, built from its names and context.
    search: tuple[SearchEngine, ...] = ()

    @field_validator("search", mode="before")
    @classmethod
    def _one_search(cls, value: Any) -> Any:
        return (value,) if isinstance(value, str) else value

    @model_validator(mode="after")
    def _unique_questions(self) -> SubjectConfig:
        seen: set[str] = set()
        for question in self.questions:
            if question.id in seen:
                raise ValueError(f"question id {question.id!r} appears twice")
            seen.add(question.id)
        return self

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


class Config(_Model):
    path: Path = Path(DEFAULT_CONFIG)
    feeds: tuple[FeedConfig, ...] = ()
    database: str = DEFAULT_DATABASE
    notify: tuple[NotifyTarget, ...] = ()
    poll: PollSettings = PollSettings()
    subjects: tuple[SubjectConfig, ...] = ()

    @field_validator("notify", mode="before")
    @classmethod
    def _targets(cls, value: Any) -> Any:
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if isinstance(value, list | tuple):
            return [{"url": item} if isinstance(item, str) else item for item in value]
        return value

    @model_validator(mode="after")
    def _unique_names(self) -> Config:
        for label, ids in (
            ("feed name", [feed.name for feed in self.feeds]),
            ("subject id", [subject.id for subject in self.subjects]),
        ):
            seen: set[str] = set()
            for item in ids:
                if item in seen:
                    raise ValueError(f"{label} {item!r} appears twice; each must be unique")
                seen.add(item)
        return self

    def feed(self, name: str) -> FeedConfig | None:
        # A dict built once: a poll looks a feed up per fetch and per event
        # source, and a scan of thousands of feeds each time grew with the
        # list. Kept with the tuple it indexes, since ``model_copy`` carries
        # it over to a copy that may list other feeds.
        index = self.__dict__.get("_feed_index")
        if index is None or index[0] is not self.feeds:
            index = self.__dict__["_feed_index"] = (
                self.feeds,
                {feed.name: feed for feed in self.feeds},
            )
        found: FeedConfig | None = index[1].get(name)
        return found


def load_config(path: str | Path, environ: Mapping[str, str] | None = None) -> Config:
    """Read, validate and apply environment overrides. Raises ``ConfigError``."""
    environ = os.environ if environ is None else environ
    path = Path(path)
    try:
        text = read_config_text(path)
    except FileNotFoundError:
        raise ConfigError(
            str(path), None, "no such file", "pass --config PATH or set WATCHER_CONFIG"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), None, f"cannot read: {exc}") from None
    data = read_yaml(path, text)
    return config_from_mapping(data, path=path, environ=environ)


def config_from_mapping(
    data: Mapping[str, Any], *, path: Path, environ: Mapping[str, str]
) -> Config:
    data = dict(data)
    if "path" in data:
        raise ConfigError(str(path), "path", "unknown key", "remove it")
    _no_search_for(data, path)
    if environ.get("WATCHER_DATABASE_URL"):
        data["database"] = environ["WATCHER_DATABASE_URL"]
    if environ.get("WATCHER_NOTIFY"):
        data["notify"] = [u for u in re.split(r"[\s,]+", environ["WATCHER_NOTIFY"]) if u]
    try:
        config = Config.model_validate({**data, "path": path})
    except ValidationError as exc:
        raise _config_error(path, exc, data) from None
    config = config.model_copy(
        update={
            "feeds": config.feeds + _search_feeds(config),
            "database": _resolve_database(config.database, path),
            "notify": tuple(
                t.model_copy(update={"url": _expand_env(t.url, environ, path)})
                for t in config.notify
            ),
        }
    )
    config_rules.check(config, database_from_env=bool(environ.get("WATCHER_DATABASE_URL")))
    return config


def _no_search_for(data: Mapping[str, Any], path: Path) -> None:
    """``search_for`` marks the feeds watcher builds from ``search:``; a feed
    written in the file cannot claim to be one."""
    feeds = data.get("feeds")
    for i, feed in enumerate(feeds if isinstance(feeds, list) else ()):
        if isinstance(feed, Mapping) and "search_for" in feed:
            raise ConfigError(
                str(path),
                f"feeds[{i}].search_for",
                "unknown key",
                "remove it; a subject's `search: [google-news]` adds its search feed",
            )


def _search_feeds(config: Config) -> tuple[FeedConfig, ...]:
    """One feed per subject and search engine: the Google News search for its
    names and context, polled hourly and counted as an aggregator. A feed the
    file already lists with the same URL is not added twice."""
    urls = {feed.url for feed in config.feeds}
    names = {feed.name for feed in config.feeds}
    out: list[FeedConfig] = []
    for i, subject in enumerate(config.subjects):
        for j, engine in enumerate(subject.search):
            assert engine == gnews.ENGINE  # the only SearchEngine
            url = gnews.search_url(subject.names, subject.context)
            name = f"Google News: {subject.name}"
            if url in urls:
                continue
            if name in names:
                raise ConfigError(
                    str(config.path),
                    f"subjects[{i}].search[{j}]",
                    f"its feed would be named {name!r}, which a feed in `feeds` already is",
                    "rename that feed, or remove it and keep the search",
                )
            urls.add(url)
            names.add(name)
            out.append(
                FeedConfig(
                    name=name,
                    url=url,
                    interval=gnews.SEARCH_INTERVAL,
                    tags=("aggregator", "search"),
                    search_for=subject.id,
                )
            )
    return tuple(out)


def _config_error(path: Path, exc: ValidationError, data: Mapping[str, Any]) -> ConfigError:
    first = exc.errors()[0]
    key = _key_path(first["loc"])
    message, hint = config_rules.explain(first)
    more = len(exc.errors()) - 1
    if more:
        message += f" (and {more} more problem{'s' if more > 1 else ''})"
    return ConfigError(str(path), key, message, hint)


def _key_path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not str(part).startswith("function-"):
            out += f".{part}" if out else str(part)
    return out


def _expand_env(url: str, environ: Mapping[str, str], path: Path) -> str:
    """``${VAR}`` in a notify URL, so secrets stay out of feeds.yaml."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in environ:
            raise ConfigError(
                str(path), "notify", f"refers to ${{{name}}}, which is not set", f"export {name}"
            )
        return environ[name]

    return _ENV_REF.sub(replace, url)


def _resolve_database(url: str, config_path: Path) -> str:
    """A relative SQLite path is taken from the config file's folder, not the cwd,
    so the daemon finds the same database whatever directory it starts in."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or url == "sqlite://" or url.startswith("sqlite:////"):
        return url
    rest = url[len(prefix) :]
    if not rest or rest.startswith(":memory:"):
        return url
    return prefix + str(config_path.resolve().parent / rest)
