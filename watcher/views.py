"""Read models for people and scripts: stored values + config → JSON-ready rows.

Each ``--json`` contract of DESIGN.md is produced here and only here; the CLI
prints these rows as JSON or as a table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from watcher.config import Config
from watcher.extract.text import key
from watcher.masking import mask_text, mask_url
from watcher.store.answers import AnswerState, StoredEvent
from watcher.store.entries import StoredEntry, StoredMatch
from watcher.store.feeds import FeedHealth
from watcher.store.outbox import OutboxItem
from watcher.types import is_withdrawn


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


_QUALIFIER = re.compile(r"\s*\([^()]*\)$")
_ARTICLE = re.compile(r"^(?:the|a|an|his|her|their)\s+", re.I)


def reported(answer: AnswerState) -> str:
    """A text answer as the reports write it; dates and image URLs are their value."""
    return written(answer.value, answer.display) if answer.kind == "text" else answer.value


def written(value: str, display: str | None) -> str:
    """An answer as the reports write it ("Jack O’Malley", "Feyd-Rautha"), not
    the folded key it is compared by ("jack o malley"): the display, when it
    is that key written out. A date or an image URL is its own value (no
    display of one folds to it)."""
    text = _QUALIFIER.sub("", display or "").strip()  # "(reprising his role)", "(as X)"
    for candidate in (text, _ARTICLE.sub("", text)):
        if candidate and key(candidate) == value:
            return candidate
    return value


def questions(
    config: Config, answers: Sequence[AnswerState], *, subject: str | None = None
) -> list[dict[str, Any]]:
    """One row per configured question: open, or answered with its current answer."""
    rows = []
    for subj in config.subjects:
        if subject and subj.id != subject:
            continue
        for question in subj.questions:
            held = [a for a in answers if a.subject == subj.id and a.question == question.id]
            current = next((a for a in held if a.current), None)
            if is_withdrawn(current):
                current = None  # the film lost its date: open until a new one arrives
            rows.append(
                {
                    "id": question.id,
                    "subject": subj.id,
                    "subject_name": subj.name,
                    "label": question.label,
                    "kind": question.kind,
                    "status": "answered" if current else "open",
                    "answer": reported(current) if current else None,
                    "display": current.display if current else None,
                    "precision": current.precision if current else None,
                    "confirmed": current.confirmed if current else None,
                    "changed_at": iso(current.changed) if current else None,
                    "sources": [s.link for s in current.sources if s.link] if current else [],
                    "outlets": sorted({s.feed for s in current.sources}) if current else [],
                    "history": [
                        {
                            "answer": reported(a),
                            "display": a.display,
                            "precision": a.precision,
                            "confirmed": a.confirmed,
                            "current": a.current,
                            "first_seen": iso(a.first_seen),
                            "first_source": a.sources[0].link if a.sources else None,
                            "first_source_feed": a.sources[0].feed if a.sources else None,
                            "first_source_title": a.sources[0].title if a.sources else None,
                            "first_source_published": (
                                iso(a.sources[0].published) if a.sources else None
                            ),
                            "sources": len(a.sources),
                        }
                        for a in held
                    ],
                }
            )
    return rows


def matches(stored: Sequence[StoredMatch]) -> list[dict[str, Any]]:
    return [
        {
            "id": m.id,
            "subject": m.subject,
            "question": m.question,
            "feed": m.feed,
            "link": m.link,
            "title": m.title,
            "published": iso(m.published),
            # A withdrawn date's NO_DATE is no value.
            "value": written(m.value, m.display) if m.value else None,
            "display": m.display,
            "precision": m.precision,
            "evidence": m.evidence,
            "confidence": round(m.confidence, 3),
            "hedged": m.hedged,
            "found_at": iso(m.created),
            "entry_id": m.entry_id,
            "outlet": m.outlet or m.feed,  # an aggregator's item: the outlet it names
        }
        for m in stored
    ]


def entry(stored: StoredEntry, found: Sequence[StoredMatch]) -> dict[str, Any]:
    """One stored item in full, with the matches found in it (``show entry:ID``)."""
    return {
        "id": stored.id,
        "feed": stored.feed,
        "identity": stored.identity,
        "link": stored.link,
        "title": stored.title,
        "published": iso(stored.published),
        "first_seen": iso(stored.first_seen),
        "updated": iso(stored.updated),
        "images": list(stored.images),
        "content_hash": stored.content_hash,
        "text": stored.text,
        "matches": matches(found),
        "outlet": stored.outlet,
        "outlet_url": stored.outlet_url,
        "read": stored.read,
        "article": article(stored),
    }


# What ``text`` is, per ``Entry.read``.
_READ = {
    "feed": "the feed's own text",
    "article": "the article page's main text",
    "summary": "the feed's summary (the article page could not be read)",
    "headline": "the headline (the aggregator's link needs JavaScript to resolve)",
}


def article(stored: StoredEntry) -> dict[str, Any] | None:
    """The article page read for an item, if any: when, with what outcome."""
    page = stored.article
    if stored.article_url is None:
        return None
    return {
        "url": stored.article_url,
        "final_url": page.final_url if page else None,
        "status": page.status if page else "not read",
        "http_status": page.http_status if page else None,
        "error": page.error if page else None,
        "fetched": iso(page.fetched) if page else None,
        "attempted": iso(page.attempted) if page else None,
        "attempts": page.attempts if page else 0,
        "next_attempt": iso(page.next_attempt) if page else None,
        "image": page.image if page else None,
    }


def article_lines(row: dict[str, Any]) -> list[tuple[str, Any]]:
    """``show entry:ID``'s lines about the outlet and the article page."""
    lines: list[tuple[str, Any]] = []
    if row.get("outlet"):
        lines.append(("outlet", f"{row['outlet']} ({row['outlet_url'] or 'no URL'})"))
    page = row.get("article")
    if page:
        when = f"fetched {page['fetched']}" if page["fetched"] else "never fetched"
        status = page["status"] + (f" (HTTP {page['http_status']})" if page["http_status"] else "")
        if page["error"]:
            status += f": {page['error']}"
        if page["next_attempt"] and page["status"] == "failed":
            status += f"; next try {page['next_attempt']}"
        lines.append(("article", f"{page['url']}\n{status}; {when}"))
    lines.append(("matched on", _READ.get(row.get("read") or "feed", row.get("read"))))
    return lines


def match_detail(stored: StoredMatch, item: StoredEntry | None) -> dict[str, Any]:
    """One match in full (``show ID``): its row, and the item's text."""
    row = matches([stored])[0]
    row["text"] = item.text if item else None
    row["images"] = list(item.images) if item else []
    row["considered"] = None if stored.considered is None else list(stored.considered)
    return row


def considered_lines(considered: Sequence[dict[str, Any]] | None) -> str:
    """The candidates of a match, one per line: what was taken and why, what
    was refused and by which reason."""
    if considered is None:
        return "not recorded (matched by an earlier version)"
    if not considered:
        return "none: the item speaks of the question but gives no value"
    lines = []
    for c in considered:
        value = c.get("display") or c.get("value") or "-"
        reasons = "; ".join(
            r["detail"] for r in c.get("reasons", ()) if r["code"] != c.get("refused")
        )
        if c.get("taken"):
            lines.append(f"taken   {value} ({c.get('confidence', 0):.2f}): {reasons}")
        else:
            why = next(
                (r["detail"] for r in c.get("reasons", ()) if r["code"] == c.get("refused")), ""
            )
            lines.append(f"refused {value}: {why}" + (f" ({reasons})" if reasons else ""))
    return "\n".join(lines)


def feeds(health: Sequence[FeedHealth]) -> list[dict[str, Any]]:
    return [
        {
            "name": f.name,
            # Credentials in a feed URL are the owner's: never shown.
            "url": mask_url(f.url),
            "config_url": mask_url(f.config_url),
            "status": f.status,
            "last_error": mask_text(f.last_error) if f.last_error else f.last_error,
            "next_poll": iso(f.next_poll),
            "interval": f.interval,
            "last_attempt": iso(f.last_attempt),
            "last_success": iso(f.last_success),
            "last_outcome": f.last_outcome,
            "consecutive_failures": f.consecutive_failures,
            "disabled_reason": f.disabled_reason,
            "entries": f.entries,
            "etag": f.etag,
            "last_modified": f.last_modified,
        }
        for f in health
    ]


def events(stored: Sequence[StoredEvent]) -> list[dict[str, Any]]:
    return [
        {
            "id": e.id,
            "subject": e.subject,
            "question": e.question,
            "kind": e.kind,
            "created": iso(e.created),
            "answer": e.message.answer.value or None,
            "display": e.message.answer.display,
            "previous": (e.message.previous.value or None) if e.message.previous else None,
            "confirmed": e.message.confirmed,
            "evidence": e.message.evidence or None,
            "sources": e.message.links,
            "delivery": e.delivery,
        }
        for e in stored
    ]


def outbox(items: Sequence[OutboxItem]) -> list[dict[str, Any]]:
    return [
        {
            "id": i.id,
            "event": i.event_id,
            "target": i.target_label,
            "status": i.status,
            "attempts": i.attempts,
            "next_attempt": iso(i.next_attempt) if i.status == "pending" else None,
            "last_error": i.last_error,
            "created": iso(i.created),
            "sent": iso(i.sent),
        }
        for i in items
    ]
