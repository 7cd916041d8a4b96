"""What a notification says and where it goes: ``watcher.message``, pure
functions of a stored message (delivery is tests/test_notify.py)."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import timedelta

import pytest

from tests.events import NOW, SUBJECTS, date_event, image_event, link
from watcher.config import NotifyTarget
from watcher.message import check_templates, message_for, render, render_for, route
from watcher.types import NO_DATE, Answer, Event, EventKind, Match, Observation


def test_title_and_body_name_the_change_evidence_outlets_and_only_their_links() -> None:
    event = date_event(3, outlets=2, previous=7)
    title, body = render(message_for(event, SUBJECTS))
    assert title == "Ballerina — release date changed: date #3 (was date #7)"
    assert "“Ballerina opens on date #3.”" in body
    assert "Reported by 2 sources:" in body
    assert "Outlet 0: Item 3/0" in body and "Outlet 1: Item 3/1" in body
    assert link(30) in body and link(31) in body
    assert [w for w in body.split() if w.startswith("http")] == [link(30), link(31)]


def test_the_outlets_own_report_leads_explainers_and_aggregators_follow() -> None:
    answer = Answer("date", "2025-06-06", "June 6, 2025", "day")

    def seen(feed: str, title: str, url: str, hours: int, sentence: str) -> Observation:
        match = Match("ballerina", "release-date", sentence, answer, 0.9, False)
        return Observation(match, feed, url, url, title, NOW - timedelta(hours=hours))

    sources = (  # as knowledge orders them: the newest report first
        seen(
            "Google News",
            "Ballerina gets a date - Deadline",
            "https://news.google.com/rss/articles/CBMi",
            1,
            "Ballerina gets a date.",
        ),
        seen(
            "Fan Site",
            "Ballerina: Release Date, Cast & Everything We Know",
            "https://fans.example/ballerina-guide",
            2,
            "Ballerina arrives June 6, 2025, as reported.",
        ),
        seen(
            "Wire",
            "Ballerina dated - via Deadline",
            "https://wire.example/b",
            3,
            "Ballerina now opens June 6, 2025.",
        ),
        seen(
            "Deadline",
            "Lionsgate dates 'Ballerina'",
            "https://deadline.com/ballerina",
            4,
            "Lionsgate set Ballerina for June 6, 2025.",
        ),
    )
    event = Event("ballerina", "release-date", EventKind.ANSWERED, answer, None, sources)
    payload = message_for(event, SUBJECTS, aggregators={"Wire"})
    assert [s.feed for s in payload.sources] == [
        "Deadline",
        "Fan Site",
        "Google News",  # an aggregator by its link's host
        "Wire",  # an aggregator by its feed's tag
    ]
    assert payload.evidence == "Lionsgate set Ballerina for June 6, 2025."
    _, body = render(payload)
    links = [w for w in body.split() if w.startswith("http")]
    assert links[0] == "https://deadline.com/ballerina"
    assert links[1] == "https://fans.example/ballerina-guide"


def test_a_withdrawn_date_names_the_date_it_lost() -> None:
    lost = Answer("date", NO_DATE, "no date", None)
    event = replace(date_event(3, previous=7), kind=EventKind.WITHDRAWN, answer=lost)
    payload = message_for(event, SUBJECTS)
    assert payload.previous is not None
    assert (payload.kind, payload.previous.display) == ("withdrawn", "date #7")
    title, _ = render(payload)
    assert title == "Ballerina — release date withdrawn: no date (was date #7)"


def test_formats_escape_feed_text_and_keep_links() -> None:
    event = date_event(1)
    evidence = "Ballerina <script>x</script> opens *soon* & [now]."
    payload = replace(message_for(event, SUBJECTS), evidence=evidence)
    _, as_html = render(payload, "html")
    _, as_md = render(payload, "markdown")
    assert "<script>" not in as_html and "&lt;script&gt;" in as_html
    assert f'<a href="{link(10)}">Item 1/0</a>' in as_html
    assert r"\*soon\*" in as_md and r"\[now\]" in as_md
    assert f"[Item 1/0]({link(10)})" in as_md


def test_templates_override_and_fall_back_and_always_name_the_links() -> None:
    payload = message_for(date_event(2), SUBJECTS)
    custom = NotifyTarget(
        url="json://x/", title_template="{subject}: {answer}", body_template="{evidence}"
    )
    title, body = render_for(custom, payload, "text")
    assert title == "Ballerina: date #2"
    assert body.startswith("Ballerina opens on date #2.") and link(20) in body
    broken = NotifyTarget(url="json://x/", body_template="{nonsense}")
    assert render_for(broken, payload, "text") == render(payload)


BAD_TEMPLATES = [
    "{count[0]}",  # a TypeError, which once escaped and blocked the target
    "{subject:>999999999}",  # a gigabyte string
    "{answer.__class__}",
    "{nonsense}",
    "{answer:%Y}",  # a ValueError from str.__format__
    "{",
]


@pytest.mark.parametrize("template", BAD_TEMPLATES)
def test_a_failing_template_is_reported_and_falls_back_to_the_default(
    template: str, caplog: pytest.LogCaptureFixture
) -> None:
    payload = message_for(date_event(2), SUBJECTS)
    target = NotifyTarget(url="json://user:pw@127.0.0.1:9/hook", body_template=template)
    assert check_templates(target) is not None
    with caplog.at_level(logging.WARNING, logger="watcher.notify"):
        assert render_for(target, payload, "markdown") == render(payload, "markdown")
    (warning,) = caplog.records
    assert "default used" in warning.getMessage() and "pw" not in warning.getMessage()


def test_first_look_body_always_carries_the_image_url() -> None:
    _, body = render(message_for(image_event("https://img.example/still.jpg"), SUBJECTS))
    assert "First-look image: https://img.example/still.jpg" in body
    assert "https://press.example/first-look" in body


def test_routing_by_tags() -> None:
    targets = [
        NotifyTarget(url="json://all/"),
        NotifyTarget(url="json://dates/", tags=("release-date",)),
        NotifyTarget(url="json://other/", tags=("dune",)),
    ]
    assert [t.label for t in route(date_event(1), targets)] == ["json://all", "json://dates"]
