"""Article rows on SQLite and PostgreSQL: one per URL, what a failure keeps,
and which failed reads are due again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from watcher.config import FeedConfig
from watcher.store import Store
from watcher.store import articles as article_rows
from watcher.store import entries as entry_rows
from watcher.store import feeds as feed_rows
from watcher.types import Entry

NOW = datetime(2026, 2, 20, 12, tzinfo=UTC)
URL = "https://harbortrade.example/2026/02/lantern-keeper-dated/"


def test_a_page_is_one_row_and_a_failed_reread_keeps_what_was_read(db_url: str) -> None:
    store = Store.open(db_url)
    ok = article_rows.ArticleRecord(
        URL, "ok", text="Set for October 9, 2026.", image="https://cdn.example/s.jpg",
        etag='"v1"', http_status=200, final_url=URL,
    )  # fmt: skip
    failed = article_rows.ArticleRecord(
        URL, "failed", error="HTTP 503", attempts=1, next_attempt=NOW + timedelta(hours=1)
    )
    with store.transaction() as s:
        article_rows.record_articles(s, [ok], NOW)
    with store.transaction() as s:
        article_rows.record_articles(s, [failed], NOW + timedelta(minutes=1))
    with store.transaction() as s:
        article_rows.record_articles(
            s, [article_rows.ArticleRecord("https://x.example/never", "failed", attempts=1)], NOW
        )
        held = article_rows.get_articles(s, [URL, "https://x.example/never", "https://no.example"])
    store.close()
    page = held[URL]
    assert (page.status, page.text, page.etag, page.error) == (
        "ok", "Set for October 9, 2026.", '"v1"', "HTTP 503",
    )  # fmt: skip
    assert page.fetched == NOW and page.attempted == NOW + timedelta(minutes=1)
    assert held["https://x.example/never"].status == "failed"
    assert "https://no.example" not in held


def test_not_modified_keeps_the_text_and_clears_failures(db_url: str) -> None:
    store = Store.open(db_url)
    with store.transaction() as s:
        article_rows.record_articles(s, [article_rows.ArticleRecord(URL, "ok", text="T")], NOW)
        article_rows.record_articles(
            s, [article_rows.ArticleRecord(URL, "not_modified", etag='"v2"')], NOW
        )
        page = article_rows.get_articles(s, [URL])[URL]
    store.close()
    assert (page.status, page.text, page.etag, page.attempts) == ("ok", "T", '"v2"', 0)


def test_due_retries_are_the_summary_entries_of_failed_reads(db_url: str) -> None:
    store = Store.open(db_url)

    def item(identity: str, url: str) -> Entry:
        return Entry(identity, url, "Lantern Keeper", "Dated.", NOW, (), identity,
                     article_url=url, read="summary")  # fmt: skip

    with store.transaction() as s:
        feed_rows.sync_feeds(s, [FeedConfig(name="t", url="http://127.0.0.1/f")], NOW)
        (feed,) = feed_rows.claim_due(s, "w", NOW, timedelta(minutes=1), include_not_due=True)
        entry_rows.save_entries(
            s, feed.id, [(item("due", URL), []), (item("later", "https://x.example/b"), []),
                         (item("spent", "https://x.example/c"), [])], NOW,
        )  # fmt: skip
        article_rows.record_articles(
            s,
            [
                article_rows.ArticleRecord(URL, "failed", attempts=1, next_attempt=NOW),
                article_rows.ArticleRecord(
                    "https://x.example/b", "failed", attempts=1, next_attempt=NOW + timedelta(1)
                ),
                article_rows.ArticleRecord(
                    "https://x.example/c", "failed", attempts=5, next_attempt=NOW
                ),
            ],
            NOW,
        )
        due = article_rows.due_retries(s, None, NOW, max_attempts=5, limit=10)
    store.close()
    assert {feed_id: [e.identity for e in found] for feed_id, found in due.items()} == {
        feed.id: ["due"]
    }
    assert due[feed.id][0].article_url == URL and due[feed.id][0].read == "summary"
