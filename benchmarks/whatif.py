"""Prototypes of the proposed watcher fixes, patched into one benchmark process.

    .venv/bin/python -m benchmarks.run --scales 1000 --what-if

``benchmarks.cycles watcher-whatif`` calls ``install()`` before polling, so
the same cycles can be compared with and without the fixes. Nothing in
``watcher/`` is changed; these are measurements of proposals, and they follow
watcher's internals only as far as the benchmark needs (if ``watcher/``
moves on, they may need the same change). Each patch is one finding:

1. ``parse._xml_clean``: skip the whole-document ``str.translate`` when a
   regex finds no XML-illegal character (almost always);
2. ``parse.clean_text``: drop invisible characters with one regex character
   class instead of a per-character ``unicodedata.category`` loop;
3. ``poll._parse_and_match``: item-level skip: hash each item's raw XML and
   hand feedparser only the items not seen in the feed's previous body (kept
   in memory here; watcher would store the hashes with the entries);
4. ``store.feeds.claim_due``: exclude feeds already polled in this cycle by
   ``last_attempt < cycle start`` instead of ``NOT IN (every id so far)``;
5. ``store.feeds.record_fetch``: no SELECT to load the row first, and the
   common case (a 304: schedule and validators only) as one executemany UPDATE
   per commit;
6. ``Config.feed``: a dict lookup instead of a scan of every feed.
"""

from __future__ import annotations

import hashlib
import re
import threading
import unicodedata
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import case, func, or_, select, update

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_PENDING = "whatif_pending_feed_updates"


def install() -> None:
    import watcher.config as config
    import watcher.parse as wp
    import watcher.poll as poll
    import watcher.store.feeds as feed_rows
    from benchmarks.parsecost import _invisible_class

    invisible = _invisible_class()

    # 1. _xml_clean
    def xml_clean(text: str) -> str:
        text = text.removeprefix("\ufeff")
        if _ILLEGAL.search(text):
            text = _ILLEGAL.sub("", text)
        return wp._XML_DECL.sub('<?xml version="1.0" encoding="utf-8"?>', text, count=1)

    # 2. clean_text (as in watcher/parse.py, with the filter as one regex)
    def clean_text(value: str, limit: int) -> str:
        value = wp._strip_markup(value[: limit * 4])
        value = unicodedata.normalize("NFC", value[: limit * 2]).translate(wp._SEPARATORS)
        value = invisible.sub("", value)
        lines = (wp._SPACES.sub(" ", line).strip() for line in value.split("\n"))
        return "\n".join(line for line in lines if line)[:limit]

    wp._xml_clean = xml_clean
    wp.clean_text = clean_text

    # 3. item-level skip
    seen: dict[int, set[str]] = {}
    lock = threading.Lock()
    parse_and_match = poll._parse_and_match

    def skip_seen_items(store: Any, item: Any, settings: Any, matcher: Any, now: Any) -> None:
        body = item.result.body
        text = wp._decode(body, item.result.content_type)
        cut, hashes = _new_items(text, seen.get(item.feed.id, set()))
        if cut is not None:
            item.result = replace(item.result, body=cut.encode("utf-8"))
        parse_and_match(store, item, settings, matcher, now)
        if item.error is None:
            with lock:
                seen[item.feed.id] = hashes

    poll._parse_and_match = skip_seen_items

    # 4. claim by cycle marker
    claim_due = feed_rows.claim_due
    started: dict[str, datetime] = {}

    def claim_by_marker(
        session: Any,
        owner: str,
        now: datetime,
        lease: timedelta,
        *,
        names: Any = None,
        include_not_due: bool = False,
        exclude: Any = (),
        limit: int | None = None,
    ) -> Any:
        from watcher.store.schema import FeedRow

        if not exclude:
            started[owner] = now  # the cycle's first claim
        if names is not None:  # not the benchmark's case: keep the original
            return claim_due(
                session,
                owner,
                now,
                lease,
                names=names,
                include_not_due=include_not_due,
                exclude=exclude,
                limit=limit,
            )
        query = (
            select(FeedRow)
            .where(FeedRow.enabled.is_(True))
            .where(or_(FeedRow.lease_expires.is_(None), FeedRow.lease_expires < now))
            .where(or_(FeedRow.last_attempt.is_(None), FeedRow.last_attempt < started[owner]))
            .order_by(FeedRow.next_poll, FeedRow.id)
            .with_for_update(skip_locked=True)
        )
        if not include_not_due:
            query = query.where(or_(FeedRow.next_poll.is_(None), FeedRow.next_poll <= now))
        if limit is not None:
            query = query.limit(limit)
        claimed = []
        for row in session.scalars(query):
            row.lease_owner = owner
            row.lease_expires = now + lease
            claimed.append(
                feed_rows.FeedToPoll(
                    row.id,
                    row.name,
                    row.url,
                    row.etag,
                    row.last_modified,
                    row.consecutive_failures,
                    row.failing_since,
                    row.interval,
                )
            )
        return claimed

    feed_rows.claim_due = claim_by_marker

    # 5. record_fetch without loading the row; the common case (a success that
    # changes only the schedule and validators: every 304) batched into one
    # executemany UPDATE by primary key, sent just before the commit.
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    from watcher.store.schema import FeedRow

    def flush_pending(session: Any) -> None:
        rows = session.info.pop(_PENDING, None)
        if rows:
            session.execute(update(FeedRow), rows)

    event.listen(Session, "before_commit", flush_pending)

    def record_fetch(session: Any, feed_id: int, record: Any, now: datetime) -> None:
        if (
            record.ok
            and record.etag is not None
            and record.last_modified is not None
            and not (record.title or record.new_entries or record.moved_to)
            and not record.disable_reason
        ):
            session.info.setdefault(_PENDING, []).append(
                {
                    "id": feed_id,
                    "last_attempt": now,
                    "last_outcome": record.outcome,
                    "next_poll": record.next_poll,
                    "interval": record.interval,
                    "lease_owner": None,
                    "lease_expires": None,
                    "last_success": now,
                    "last_error": None,
                    "consecutive_failures": 0,
                    "failing_since": None,
                    "etag": record.etag,
                    "last_modified": record.last_modified,
                }
            )
            return
        values: dict[str, Any] = {
            "last_attempt": now,
            "last_outcome": record.outcome,
            "next_poll": record.next_poll,
            "interval": record.interval,
            "lease_owner": None,
            "lease_expires": None,
        }
        if record.ok:
            values |= {
                "last_success": now,
                "last_error": None,
                "consecutive_failures": 0,
                "failing_since": None,
                "etag": func.coalesce(record.etag, FeedRow.etag),
                "last_modified": func.coalesce(record.last_modified, FeedRow.last_modified),
                "entries_count": FeedRow.entries_count + record.new_entries,
            }
            if record.title:
                values["title"] = record.title
        else:
            values |= {
                "last_error": record.error,
                "consecutive_failures": FeedRow.consecutive_failures + 1,
                "failing_since": case(
                    (FeedRow.failing_since.is_(None), now), else_=FeedRow.failing_since
                ),
            }
        if record.moved_to:
            values["url"] = record.moved_to
        if record.disable_reason:
            values |= {"enabled": False, "disabled_reason": record.disable_reason}
        session.execute(
            update(FeedRow)
            .where(FeedRow.id == feed_id)
            .values(**values)
            .execution_options(synchronize_session=False)
        )

    feed_rows.record_fetch = record_fetch

    # 6. Config.feed by name
    by_config: dict[int, dict[str, Any]] = {}

    def feed(self: Any, name: str) -> Any:
        index = by_config.get(id(self))
        if index is None:
            index = by_config[id(self)] = {f.name: f for f in self.feeds}
        return index.get(name)

    config.Config.feed = feed  # type: ignore[method-assign]


def _new_items(text: str, seen: set[str]) -> tuple[str | None, set[str]]:
    """The document cut to the items whose raw XML is not in ``seen`` (None
    when nothing would be cut), and the hashes of all its items."""
    import watcher.parse as wp

    opens = [m.start() for m in wp._ITEM_OPEN.finditer(text)]
    if not opens:
        return None, set()
    end = len(text)
    for close in wp._ITEM_CLOSE.finditer(text, opens[-1]):
        end = close.end()
    spans = list(zip(opens, [*opens[1:], end], strict=True))
    # rstrip: the whitespace after an item changes when it becomes the last one.
    hashes = [
        hashlib.blake2b(text[a:b].rstrip().encode(), digest_size=16).hexdigest() for a, b in spans
    ]
    if all(h not in seen for h in hashes):
        return None, set(hashes)
    keep = "".join(text[a:b] for (a, b), h in zip(spans, hashes, strict=True) if h not in seen)
    return text[: opens[0]] + keep + text[end:], set(hashes)
