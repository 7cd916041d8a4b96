"""Article pages, pure: when an item's page is worth reading, its main text
without the page's chrome, the bounds on extraction, Google News links and
search URLs, and one story reached twice counting as one source."""

from __future__ import annotations

import base64
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.articlepages import COMMENTS, FOOTER, SIDEBAR, article_page
from watcher import article, gnews
from watcher.knowledge import one_per_story
from watcher.outlets import story_keys
from watcher.types import Answer, Entry, Match, Observation

NOW = datetime(2026, 3, 1, tzinfo=UTC)
LONG = " ".join(["The studio set the date and the cast is complete."] * 20)


def entry(text: str, link: str | None = "https://trade-press.org/a", **kw: str | None) -> Entry:
    return Entry("id", link, "Headline", text, NOW, (), "hash", **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "summary"),
    [
        ("", True),
        ("Northlight has dated its thriller.", True),  # short
        (LONG, False),  # a whole story
        (LONG + " Read more", True),
        (LONG + " […]", True),
        (LONG + " The post Lantern Keeper dated appeared first on Harbor Trade.", True),
        (LONG + " and the studio said the film would be", True),  # cut mid-sentence
    ],
)
def test_a_summary_is_short_or_cut_off(text: str, summary: bool) -> None:
    assert article.is_summary(entry(text)) is summary


def test_modes_decide_which_items_are_worth_reading() -> None:
    short, full = entry("Dated."), entry(LONG)
    assert article.worth_reading(short, "auto") and not article.worth_reading(full, "auto")
    assert article.worth_reading(full, "always")
    assert not article.worth_reading(short, "never")
    assert not article.worth_reading(entry("Dated.", link=None), "always")


@pytest.mark.parametrize(
    ("link", "readable"),
    [
        ("https://trades.example/story", False),
        ("https://items.test/film/1", False),
        ("https://timeline.invalid/a", False),
        ("https://www.example.com/a", False),
        ("http://127.0.0.1:8080/a", True),
        ("http://localhost:8080/a", True),
        ("https://news.outlet.org/a", True),
    ],
)
def test_a_link_on_a_name_reserved_never_to_be_a_site_is_not_read(
    link: str, readable: bool
) -> None:
    assert article.worth_reading(entry("Dated.", link=link), "always") is readable


def test_the_story_is_read_and_the_page_chrome_is_not() -> None:
    found = article.extract(article_page().encode(), "https://harbortrade.example/lantern")
    assert found is not None
    assert "October 9, 2026" in found.text
    for chrome in (*SIDEBAR, *COMMENTS, FOOTER, "Breaking:", "Copper Sky", "Box Office"):
        assert chrome not in found.text
    assert "June 5" not in found.text and "March 3" not in found.text
    assert found.image == "https://cdn.harbortrade.example/lantern-keeper-still.jpg"


def test_without_og_image_the_first_article_image_is_kept() -> None:
    page = article_page(og_image=None).replace(
        '<div class="entry-content">',
        '<div class="entry-content"><figure><img src="/img/first-still.jpg" alt="still"></figure>',
    )
    found = article.extract(page.encode(), "https://harbortrade.example/lantern")
    assert found is not None and found.image == "https://harbortrade.example/img/first-still.jpg"
    assert "first-still" not in found.text


def test_a_page_without_an_article_gives_nothing() -> None:
    empty = b"<html><body><nav>Home</nav></body></html>"
    assert article.extract(empty, "https://x.example/") is None
    assert article.extract(b"\x00\x01 not html at all", "https://x.example/") is None


def test_charset_from_the_page_when_the_bytes_are_not_utf8() -> None:
    page = article_page(paragraphs=("Café society: " + LONG,)).replace(
        '<meta charset="utf-8">', '<meta charset="iso-8859-1">'
    )
    found = article.extract(page.encode("latin-1"), "https://x.example/a")
    assert found is not None and "Café society" in found.text


@pytest.mark.parametrize(
    "bomb",
    [
        "<div>" * 200_000 + "x" + "</div>" * 200_000,  # nesting
        "<p>word</p>" * 300_000,  # breadth: 10 s unbounded
        "<script>" * 100_000 + "x",  # unclosed blocks to strip
        "<!--" + "-" * 3_000_000,  # one endless comment
    ],
)
def test_html_bombs_are_cut_before_the_parser_sees_them(bomb: str) -> None:
    # What bounds a bomb's time is what reaches the parser: at most
    # MAX_HTML_CHARS characters and MAX_ELEMENTS tags (no wall-clock limit: a
    # busy machine would fail it, and the parser's speed is the benchmarks').
    page = f"<html><body>{bomb}</body></html>"
    cut = article.bounded_html(page)
    assert len(cut) <= article.MAX_HTML_CHARS
    assert len(re.findall(r"<[A-Za-z]", cut)) <= article.MAX_ELEMENTS  # opening tags
    article.extract(page.encode(), "https://x.example/")  # and extracting it ends


def test_bounded_html_caps_tags_and_strips_scripts_styles_comments() -> None:
    page = "<p>a</p><script>var s = '<p>';</script><style>p{}</style><!-- <p> -->" * 3
    assert article.bounded_html(page) == "<p>a</p>" * 3
    many = "<b>x</b>" * (article.MAX_ELEMENTS + 50)
    assert article.bounded_html(many).count("<b>") == article.MAX_ELEMENTS


def test_matched_text_keeps_a_standfirst_the_page_lacks() -> None:
    page = "Northlight has set the film for October 9, 2026."
    assert article.matched_text("A new date for the thriller.", page).startswith("A new date")
    assert article.matched_text("Northlight has set the film", page) == page


def test_failed_reads_back_off_and_stop() -> None:
    assert article.retry_at(1, NOW) == NOW + timedelta(seconds=article.RETRY_AFTER)
    assert article.retry_at(2, NOW) == NOW + timedelta(seconds=2 * article.RETRY_AFTER)
    assert article.retry_at(30, NOW) == NOW + timedelta(days=1)


# -- Google News ----------------------------------------------------------------------


def google_link(url: str) -> str:
    raw = b"\x08\x13\x22" + bytes([len(url)]) + url.encode()
    token = base64.urlsafe_b64encode(raw).decode().rstrip("=")
    return f"https://news.google.com/rss/articles/{token}?oc=5"


def test_a_google_news_link_names_the_outlets_page() -> None:
    url = "https://harbortrade.example/2026/02/lantern-keeper-dated/"
    assert gnews.article_url(google_link(url)) == url
    # Newer ids hold an opaque token that only Google's page resolves.
    opaque = base64.urlsafe_b64encode(b"\x08\x13\x22\x10AU_yqLopaquetoken").decode()
    assert gnews.article_url(f"https://news.google.com/rss/articles/{opaque}") is None
    assert gnews.article_url("https://news.google.com/rss/articles/!!!") is None
    assert gnews.article_url("https://harbortrade.example/a") is None


def test_the_search_url_holds_names_and_context() -> None:
    url = gnews.search_url(
        ["The Lantern Keeper", "Lantern Keeper"], ["Mira Okafor", "Northlight Pictures"]
    )
    parts = urlsplit(url)
    assert (parts.hostname, parts.path) == ("news.google.com", "/rss/search")
    (query,) = parse_qs(parts.query)["q"]
    assert query == (
        '("The Lantern Keeper" OR "Lantern Keeper") ("Mira Okafor" OR "Northlight Pictures")'
    )


# -- one story, two routes --------------------------------------------------------------


def observation(feed: str, item: Entry) -> Observation:
    answer = Answer("date", "2026-10-09", "October 9, 2026", "day")
    match = Match("lantern", "release-date", "set for October 9, 2026", answer, 0.9, False)
    return Observation(
        match, feed, item.identity, item.link, item.title, NOW, True,
        outlet=item.outlet, stories=story_keys(item),
    )  # fmt: skip


def test_the_aggregators_copy_and_the_outlets_item_are_one_source() -> None:
    page = "https://www.harbortrade.example/2026/02/lantern-keeper-dated/"
    own = Entry("o", page, "Northlight dates The Lantern Keeper for October", "", NOW, (), "h")
    via = Entry(
        "g", google_link(page), "Northlight dates The Lantern Keeper for October - Harbor Trade",
        "", NOW, (), "h2", outlet="Harbor Trade", outlet_url="https://www.harbortrade.example",
        article_url=page,
    )  # fmt: skip
    unresolved = Entry(
        "u", "https://news.google.com/rss/articles/CBMiopaque",
        "Northlight dates The Lantern Keeper for October - Harbor Trade", "", NOW, (), "h3",
        outlet="Harbor Trade", outlet_url="https://harbortrade.example",
    )  # fmt: skip
    other = Entry("x", "https://other.example/lantern", "Lantern Keeper dated", "", NOW, (), "h4")
    routes = [("gnews", via), ("gnews", unresolved), ("trade", own), ("other", other)]
    kept = one_per_story([observation(feed, item) for feed, item in routes])
    assert [o.feed for o in kept] == ["trade", "other"]
