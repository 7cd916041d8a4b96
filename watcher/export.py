"""What watcher found, as documents other tools read: an Atom 1.0 feed of
answer events (subscribe to watcher in a feed reader); the JSON document of
everything is ``watcher.queries.snapshot``.

Atom ids are ``tag:`` URIs (RFC 4151) made from the event's stored id and
creation date, so a reader sees the same entry as the same entry on every
export, and a database started afresh (ids from 1 again) does not collide with
the old one's entries of other dates.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from watcher import __version__
from watcher.message import render

if TYPE_CHECKING:
    from watcher.store.answers import StoredEvent

ATOM_NS = "http://www.w3.org/2005/Atom"
# The tagging entity of ids when the user names no authority of their own
# (``--authority example.org``): any DNS-like name is valid in a tag URI.
DEFAULT_AUTHORITY = "watcher"
# The feed's own id carries a fixed date: it must not change between exports.
_FEED_TAG_DATE = "2025"
# XML 1.0 cannot carry these at all, escaped or not.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def event_id(event: StoredEvent, authority: str = DEFAULT_AUTHORITY) -> str:
    """``tag:watcher,2025-06-01:ballerina/release-date/event-7``."""
    return (
        f"tag:{authority},{event.created.astimezone(UTC):%Y-%m-%d}:"
        f"{event.subject}/{event.question}/event-{event.id}"
    )


def atom_document(
    events: Sequence[StoredEvent],
    *,
    title: str,
    feed_key: str = "events",
    authority: str = DEFAULT_AUTHORITY,
    self_url: str | None = None,
    now: datetime,
) -> bytes:
    """A valid Atom 1.0 document, newest event first. ``updated`` is the newest
    event's time (``now`` only when there is none), so an unchanged database
    exports byte-identical documents."""
    # Plain tag names under one xmlns on the root: ElementTree cannot combine a
    # default namespace with unqualified attributes (rel, href, term).
    feed = ET.Element("feed", xmlns=ATOM_NS)
    _text(feed, "id", f"tag:{authority},{_FEED_TAG_DATE}:{feed_key}")
    _text(feed, "title", title)
    newest = max((e.created for e in events), default=now)
    _text(feed, "updated", _rfc3339(newest))
    author = ET.SubElement(feed, "author")
    _text(author, "name", "watcher")
    generator = _text(feed, "generator", "watcher")
    generator.set("version", __version__)
    if self_url:
        ET.SubElement(feed, "link", rel="self", href=_clean(self_url))
    for event in sorted(events, key=lambda e: (e.created, e.id), reverse=True):
        feed.append(_entry(event, authority))
    ET.indent(feed)
    document: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def _entry(event: StoredEvent, authority: str) -> ET.Element:
    message = event.message
    headline, body = render(message)
    entry = ET.Element("entry")
    _text(entry, "id", event_id(event, authority))
    _text(entry, "title", headline)
    _text(entry, "updated", _rfc3339(event.created))
    _text(entry, "published", _rfc3339(event.created))
    sources = [s for s in message.sources if s.link]
    for index, source in enumerate(sources):
        link = ET.SubElement(entry, "link", rel="alternate" if index == 0 else "related")
        link.set("href", _clean(source.link or ""))
        if source.title:
            link.set("title", _clean(source.title))
    for term in (event.subject, event.question, event.kind):
        ET.SubElement(entry, "category", term=_clean(term))
    if message.evidence:
        _text(entry, "summary", message.evidence)
    _text(entry, "content", body).set("type", "text")
    return entry


def _text(parent: ET.Element, name: str, value: str) -> ET.Element:
    element = ET.SubElement(parent, name)
    element.text = _clean(value)
    return element


def _clean(value: str) -> str:
    return _XML_ILLEGAL.sub("", value)


def _rfc3339(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
