"""The feed list as people keep it: feeds.yaml edited in place, OPML in and out.

``watcher feeds add|import|export`` change ``feeds:`` through a round-trip YAML
load (ruamel.yaml), so the comments, order, quoting and flow style someone
wrote in feeds.yaml survive; the edited text is validated as a whole before it
replaces the file, atomically. OPML 2.0 is what feed readers import and export.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from watcher.config import FeedConfig, PollSettings, config_from_mapping
from watcher.configfile import read_yaml
from watcher.errors import ConfigError, FeedParseError
from watcher.fetch import FetchRequest, FetchResult, FetchStatus, fetch, make_client
from watcher.parse import HtmlPageError, ParsedFeed, parse_feed
from watcher.transport import Classifier, Resolver

# An OPML file is a short list; anything bigger is not one.
MAX_OPML_BYTES = 5 * 1024 * 1024
_DOCTYPE = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.I)
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class FeedSpec:
    """A feed to add: what feeds.yaml will say."""

    name: str
    url: str
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Plan:
    """Which feeds an import adds, and which it skips with the reason."""

    add: tuple[FeedSpec, ...]
    skip: tuple[tuple[FeedSpec, str], ...]


# -- OPML ----------------------------------------------------------------------------


def read_opml(data: bytes, source: str) -> list[FeedSpec]:
    """The feeds an OPML document lists (any outline with an ``xmlUrl``), with
    tags from its ``category`` attribute and the folders it sits in."""
    if len(data) > MAX_OPML_BYTES:
        raise ConfigError(source, None, f"larger than {MAX_OPML_BYTES // 1024 // 1024} MB")
    if _DOCTYPE.search(data[:4096]):
        # Entity declarations are where XML bombs live; OPML never needs them.
        raise ConfigError(source, None, "has a DOCTYPE or ENTITY declaration; OPML needs none")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise ConfigError(source, None, f"not valid XML: {exc}") from None
    body = root.find("body")
    if root.tag != "opml" or body is None:
        raise ConfigError(source, None, "not an OPML document (no <opml><body>)")
    return list(_outlines(body, ()))


def _outlines(parent: ET.Element, folders: tuple[str, ...]) -> Iterable[FeedSpec]:
    for outline in parent.findall("outline"):
        label = (outline.get("title") or outline.get("text") or "").strip()
        url = (outline.get("xmlUrl") or "").strip()
        if url:
            categories = (outline.get("category") or "").split(",")
            tags = [*folders, *(_slug(c.strip("/ ")) for c in categories)]
            name = label or urlsplit(url).hostname or url
            yield FeedSpec(name, url, tuple(dict.fromkeys(t for t in tags if t)))
        else:
            yield from _outlines(outline, (*folders, _slug(label)) if label else folders)


def _slug(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-")


def write_opml(feeds: Sequence[FeedConfig], title: str = "watcher feeds") -> bytes:
    """OPML 2.0 of the configured feeds; tags become the ``category`` attribute.
    No dates in it: an unchanged feed list exports byte-identical documents."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    body = ET.SubElement(root, "body")
    for feed in feeds:
        if feed.search_for:
            continue  # built from a subject's `search:`, not a feed of the file
        outline = ET.SubElement(
            body, "outline", type="rss", text=feed.name, title=feed.name, xmlUrl=feed.url
        )
        if feed.tags:
            outline.set("category", ",".join(f"/{tag}" for tag in feed.tags))
    ET.indent(root)
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


# -- deciding what to add ------------------------------------------------------------


def same_url(a: str, b: str) -> bool:
    """Scheme and host are case-insensitive; a trailing slash is no difference."""

    def norm(url: str) -> tuple[str, str, str, str]:
        parts = urlsplit(url.strip())
        return (parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"), parts.query)

    return norm(a) == norm(b)


def plan(existing: Sequence[FeedConfig], wanted: Sequence[FeedSpec]) -> Plan:
    """Skip feeds already listed (by URL) or not http(s); give a name that is
    taken a number ("Variety (2)") rather than dropping the feed."""
    names = {feed.name for feed in existing}
    urls = [feed.url for feed in existing]
    add: list[FeedSpec] = []
    skip: list[tuple[FeedSpec, str]] = []
    for spec in wanted:
        parts = urlsplit(spec.url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            skip.append((spec, "not an http(s) URL"))
            continue
        if any(same_url(spec.url, url) for url in urls):
            skip.append((spec, "already in the feed list"))
            continue
        name, n = spec.name, 1
        while name in names:
            n += 1
            name = f"{spec.name} ({n})"
        names.add(name)
        urls.append(spec.url)
        add.append(FeedSpec(name, spec.url, spec.tags))
    return Plan(tuple(add), tuple(skip))


# -- feeds.yaml, round trip ----------------------------------------------------------


def _yaml() -> YAML:
    rt = YAML()  # round-trip: comments, order, quotes and flow style are kept
    rt.preserve_quotes = True
    # The shipped feeds.yaml's layout: mappings by 2, "- " indented by 2 under its key.
    rt.indent(mapping=2, sequence=4, offset=2)
    rt.width = 4096  # never re-wrap a long URL
    return rt


def add_to_file(path: Path, specs: Sequence[FeedSpec]) -> None:
    """Append ``specs`` to ``feeds:`` in ``path``, keeping everything else as
    written. Raises ``ConfigError`` (and leaves the file alone) when the file
    cannot be read or the result would not be a valid configuration."""
    rt = _yaml()
    try:
        text = path.read_text(encoding="utf-8")
        data = rt.load(text)
    except (OSError, UnicodeDecodeError, YAMLError) as exc:
        raise ConfigError(str(path), None, f"cannot edit: {exc}") from None
    if data is None:
        data = CommentedMap()
    if not isinstance(data, CommentedMap):
        raise ConfigError(str(path), None, "the top level must be a mapping", "start with `feeds:`")
    feeds = data.get("feeds")
    if feeds is None:
        feeds = data["feeds"] = CommentedSeq()
    if not isinstance(feeds, CommentedSeq):
        raise ConfigError(str(path), "feeds", "must be a list to add to")
    for spec in specs:
        feeds.append(_item(spec))
    buffer = io.StringIO()
    rt.dump(data, buffer)
    _validate(path, buffer.getvalue())
    _replace(path, buffer.getvalue())


def _item(spec: FeedSpec) -> CommentedMap:
    item = CommentedMap(name=spec.name, url=spec.url)
    if spec.tags:
        tags = CommentedSeq(spec.tags)
        tags.fa.set_flow_style()  # tags: [trade], as the shipped file writes them
        item["tags"] = tags
    return item


def _validate(path: Path, text: str) -> None:
    data = read_yaml(path, text)
    # Only the structure is checked here: ${VAR}s need not be set to edit a file.
    config_from_mapping({k: v for k, v in data.items() if k != "notify"}, path=path, environ={})


def _replace(path: Path, text: str) -> None:
    """Write beside the file, then rename over it: a crash leaves the old file
    or the new one, never half of one. The file's permissions are kept."""
    mode = path.stat().st_mode & 0o7777 if path.exists() else 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# -- checking a URL before it is added -----------------------------------------------


@dataclass(frozen=True, slots=True)
class Probe:
    url: str  # the feed's URL: discovered from a page, or after a permanent redirect
    feed: ParsedFeed
    discovered: bool = False


async def probe(
    url: str,
    settings: PollSettings,
    *,
    resolve: Resolver | None = None,
    classify: Classifier | None = None,
) -> Probe:
    """Fetch ``url`` once, as a poll would, and check that it is a feed. Given
    an HTML page that announces feeds, the first one it names is used: a link
    from a page at a public address is held to the redirect rule (a page must
    not send watcher to a private address). Raises ``FeedParseError`` with the
    reason otherwise. ``resolve`` and ``classify`` are ``fetch``'s."""
    async with make_client(settings) as client:

        async def get(request: FetchRequest) -> tuple[FetchResult, ParsedFeed | HtmlPageError]:
            return await _fetch_feed(client, request, settings, resolve, classify)

        page, parsed = await get(FetchRequest(url))
        if isinstance(parsed, ParsedFeed):
            return Probe(page.moved_to or url, parsed)
        if not parsed.feed_links:
            raise FeedParseError(f"{url}: {parsed} and the page names no feed")
        link = parsed.feed_links[0]
        found, feed = await get(FetchRequest(link, announced=page.from_public))
        if not isinstance(feed, ParsedFeed):
            raise FeedParseError(f"{link} (named by {url}): {feed}")
        return Probe(found.moved_to or link, feed, discovered=True)


async def _fetch_feed(
    client: httpx.AsyncClient,
    request: FetchRequest,
    settings: PollSettings,
    resolve: Resolver | None,
    classify: Classifier | None,
) -> tuple[FetchResult, ParsedFeed | HtmlPageError]:
    url = request.url
    result = await fetch(client, request, settings, resolve=resolve, classify=classify)
    if result.status is not FetchStatus.OK or result.body is None:
        raise FeedParseError(f"{url}: {result.error or result.status}")
    try:
        parsed = parse_feed(
            result.body,
            url=result.url,
            content_type=result.content_type,
            max_entries=settings.max_entries,
        )
    except HtmlPageError as exc:
        return result, exc
    except FeedParseError as exc:
        raise FeedParseError(f"{url}: {exc}") from None
    return result, parsed
