"""The CLI end to end: every command through click's CliRunner, on a database
seeded by a real ``poll --once`` of loopback feeds (and once through the
installed console script). Output is parsed, not eyeballed: JSON as JSON, TSV
and CSV by their separators."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import click
import pytest
import yaml
from click.testing import CliRunner, Result
from rich.console import Console
from rich.text import Text

from tests.conftest import shipped_subjects
from tests.feedserver import FeedServer, rss
from watcher import output
from watcher.cli import cli
from watcher.types import EventKind

SUBJECTS = shipped_subjects()
DATED = "https://trade.example/2024/08/lionsgate-dates-ballerina"
ECHO = "https://blog.example/ana-de-armas-ballerina"
TRADE = (
    {
        "title": "Lionsgate dates 'Ballerina' for June 6, 2025",
        "link": DATED,
        "guid": "trade-1",
        "pubDate": "Mon, 12 Aug 2024 10:00:00 GMT",
        "description": "From the World of John Wick: Ballerina, starring Ana de Armas, "
        "opens in theaters June 6, 2025.",
    },
    {
        "title": "Box office: a quiet weekend",
        "link": "https://trade.example/2024/08/box-office",
        "guid": "trade-2",
        "pubDate": "Mon, 12 Aug 2024 09:00:00 GMT",
        "description": "Holdovers led a quiet frame.",
    },
)
BLOG = (
    {
        "title": "Ana de Armas talks 'Ballerina' &amp; training",
        "link": ECHO,
        "guid": "blog-1",
        "pubDate": "Tue, 13 Aug 2024 08:00:00 GMT",
        "description": "The John Wick spinoff Ballerina, starring Ana de Armas, "
        "opens June 6, 2025, Lionsgate said.",
    },
)
HEADER = "# watcher test configuration: comments must survive `feeds add`\n"


def write_config(folder: Path, feeds: dict[str, str], notify: list[str] | None = None) -> Path:
    data = {
        "database": f"sqlite:///{folder / 'watcher.db'}",
        "notify": notify or [],
        "poll": {"timeouts": {"connect": "2s", "read": "2s", "total": "5s"}},
        "feeds": [{"name": name, "url": url} for name, url in feeds.items()],
        "subjects": SUBJECTS,
    }
    path = folder / "feeds.yaml"
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    # A comment inside the feed list, as people write them.
    text = text.replace("feeds:\n", "feeds:\n# trade press first\n", 1)
    path.write_text(HEADER + text, encoding="utf-8")
    return path


def invoke(config: Path, *args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, ["--config", str(config), *args], input=input)


def as_json(result: Result) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def tsv(result: Result) -> list[dict[str, str]]:
    assert result.exit_code == 0, result.output
    header, *lines = result.stdout.splitlines()
    names = header.split("\t")
    rows = [dict(zip(names, line.split("\t"), strict=True)) for line in lines]
    return rows


@dataclass
class Seeded:
    config: Path
    server: FeedServer
    poll: Result


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    server = FeedServer().start()
    feeds = {
        "Trade Press": server.add("/trade", rss(*TRADE, title="Trade Press")),
        "Film Blog": server.add("/blog", rss(*BLOG, title="Film Blog")),
    }
    config = write_config(tmp_path_factory.mktemp("seeded"), feeds)
    poll = invoke(config, "poll", "--once")
    assert poll.exit_code == 0, poll.output
    yield Seeded(config, server, poll)
    server.stop()


# -- poll --------------------------------------------------------------------------


def test_poll_once_piped_prints_the_documented_lines(seeded: Seeded) -> None:
    lines = seeded.poll.stdout.splitlines()
    assert any(line.startswith("ok   Trade Press: 2 new, 0 updated, 1 matches (") for line in lines)
    assert any(line.startswith("ok   Film Blog: 1 new, 0 updated, 1 matches (") for line in lines)
    assert "event Ballerina: release-date June 6, 2025" in lines
    assert "2 feeds, 0 failed, 3 new entries, 2 matches, 1 events" in lines
    # No progress bar or table when piped.
    assert "━" not in seeded.poll.output and "polling feeds" not in seeded.poll.output


def test_poll_once_on_a_terminal_shows_a_summary_table(
    seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    screen = io.StringIO()
    terminal = Console(file=screen, force_terminal=True, width=120, highlight=False)
    monkeypatch.setattr(output, "out", terminal)
    result = invoke(seeded.config, "poll", "--once")
    assert result.exit_code == 0, result.output
    text = screen.getvalue()
    assert "not modified" in text  # the feeds answered 304 this time
    for header in ("feed", "result", "new", "updated", "matches"):
        assert header in text
    assert "2 feeds, 0 failed, 0 new entries, 0 matches, 0 events" in text
    # The per-feed lines of the piped form are not repeated under the table.
    assert "ok   Trade Press" not in result.stdout + text


# -- questions ---------------------------------------------------------------------


def test_questions_json_keeps_the_contract(seeded: Seeded) -> None:
    rows = {q["id"]: q for q in as_json(invoke(seeded.config, "questions", "--json"))}
    assert set(rows) == {"release-date", "reeves-role", "first-look"}
    date = rows["release-date"]
    assert date["subject"] == "ballerina"
    assert (date["status"], date["answer"], date["display"]) == (
        "answered",
        "2025-06-06",
        "June 6, 2025",
    )
    assert date["precision"] == "day" and date["confirmed"] is True
    assert set(date["sources"]) == {DATED, ECHO}
    assert datetime.fromisoformat(date["changed_at"]) <= datetime.now(UTC)
    (held,) = date["history"]
    assert held["current"] is True and held["sources"] == 2
    assert held["first_source"] == DATED and held["first_source_feed"] == "Trade Press"
    assert held["first_source_published"] == "2024-08-12T10:00:00+00:00"
    role = rows["reeves-role"]
    assert (role["status"], role["answer"], role["sources"]) == ("open", None, [])


def test_questions_piped_is_tab_separated_with_a_header(seeded: Seeded) -> None:
    rows = {r["question"]: r for r in tsv(invoke(seeded.config, "questions"))}
    assert rows["release-date"]["status"] == "answered"
    assert rows["release-date"]["answer"] == "June 6, 2025"
    assert rows["release-date"]["precision"] == "day"
    assert rows["release-date"]["confirmed"] == "yes"
    assert rows["release-date"]["sources"] == "2"
    assert rows["first-look"]["status"] == "open" and rows["first-look"]["answer"] == ""


def test_questions_history_lists_each_answer_with_its_first_source(seeded: Seeded) -> None:
    (row,) = tsv(invoke(seeded.config, "questions", "--history", "--subject", "ballerina"))
    assert row["question"] == "release-date" and row["current"] == "*"
    assert row["first source"] == "Trade Press" and row["link"] == DATED
    assert row["reported"] == "2024-08-12T10:00:00+00:00"
    # --json stays one object per question, whatever --history says.
    assert len(as_json(invoke(seeded.config, "questions", "--history", "--json"))) == 3


@pytest.mark.parametrize(
    ("args", "option", "message"),
    [
        (("questions", "--subject", "nope"), "--subject", "no subject named 'nope'"),
        (("matches", "--subject", "nope"), "--subject", "(known: ballerina)"),
        (("matches", "--question", "release-dat"), "--question", "no question named"),
        (
            ("matches", "--subject", "ballerina", "--question", "nope"),
            "--question",
            "no question in subject 'ballerina' named 'nope' in feeds.yaml (known: first-look, "
            "reeves-role, release-date)",
        ),
        (("matches", "--feed", "Film Blgo"), "--feed", "(known: Trade Press, Film Blog)"),
        (("events", "--subject", "nope"), "--subject", "no subject named 'nope'"),
        (("export", "atom", "--subject", "nope"), "--subject", "no subject named 'nope'"),
        (("export", "json", "--subject", "nope"), "--subject", "no subject named 'nope'"),
    ],
)
def test_a_filter_naming_nothing_configured_is_exit_2_naming_it(
    seeded: Seeded, args: tuple[str, ...], option: str, message: str
) -> None:
    result = invoke(seeded.config, *args)
    assert result.exit_code == 2, result.output
    assert f"Invalid value for '{option}'" in result.stderr and message in result.stderr
    assert result.stdout == ""


def test_questions_and_history_stay_readable_at_80_columns(
    seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    for args in (("questions",), ("questions", "--history")):
        screen = io.StringIO()
        monkeypatch.setattr(output, "out", Console(file=screen, width=80, force_terminal=True))
        result = invoke(seeded.config, *args)
        assert result.exit_code == 0, result.output
        lines = Text.from_ansi(screen.getvalue()).plain.splitlines()
        assert lines and all(len(line) <= 80 for line in lines)
        text = "\n".join(lines)
        # Ids, status and answer whole: no "…" in any of them.
        assert "release-date" in text and "June 6, 2025" in text
        if args == ("questions",):
            assert "answered" in text and " open " in text
            assert "reeves-role" in text and "first-look" in text
        assert "…" not in text.split("June 6, 2025")[0]


# -- matches and show --------------------------------------------------------------


def test_matches_json_newest_first_with_the_contract_keys(seeded: Seeded) -> None:
    rows = as_json(invoke(seeded.config, "matches", "--json"))
    assert [r["link"] for r in rows] == [ECHO, DATED]  # found together: the newer item leads
    for row in rows:
        assert {"question", "link", "title", "value", "evidence"} <= set(row)
        assert row["question"] == "release-date" and row["value"] == "2025-06-06"
    assert rows[1]["title"] == "Lionsgate dates 'Ballerina' for June 6, 2025"
    assert "June 6, 2025" in rows[1]["evidence"]


@pytest.mark.parametrize(
    ("args", "links"),
    [
        (("--feed", "Film Blog"), [ECHO]),
        (("--question", "reeves-role"), []),
        (("--subject", "ballerina", "--limit", "1"), [ECHO]),
        # --since reads the date the table shows: the items are from August 2024.
        (("--since", "1d"), []),
        (("--since", "1h30m"), []),
        (("--since", "2024-08-13"), [ECHO]),
        (("--since", "2024-08-12"), [ECHO, DATED]),
        (("--since", "2999-01-01"), []),
    ],
)
def test_matches_filters(seeded: Seeded, args: tuple[str, ...], links: list[str]) -> None:
    rows = as_json(invoke(seeded.config, "matches", *args, "--json"))
    assert [r["link"] for r in rows] == links


@pytest.mark.parametrize(
    ("since", "message"), [("last tuesday", "neither a duration"), ("7", "unit")]
)
def test_matches_since_rejects_nonsense_with_exit_2(
    seeded: Seeded, since: str, message: str
) -> None:
    result = invoke(seeded.config, "matches", "--since", since)
    assert result.exit_code == 2
    assert message in result.output


def test_matches_help_says_what_since_filters_on() -> None:
    text = " ".join(CliRunner().invoke(cli, ["matches", "--help"]).stdout.split())
    assert "the `date` column: the item's publication time, or when it was found" in text


def test_matches_csv_has_the_table_columns_in_full(seeded: Seeded) -> None:
    result = invoke(seeded.config, "matches", "--csv")
    assert result.exit_code == 0, result.output
    header, *rows = list(csv.reader(io.StringIO(result.stdout)))
    assert header == ["id", "date", "outlet", "question", "value", "title", "evidence", "link"]
    by_link = {row[-1]: dict(zip(header, row, strict=True)) for row in rows}
    assert by_link[DATED]["outlet"] == "Trade Press"
    assert by_link[DATED]["date"] == "2024-08-12T10:00:00+00:00"
    assert by_link[ECHO]["evidence"].endswith("Lionsgate said.")  # not shortened


def test_show_a_match_an_entry_and_an_event(seeded: Seeded) -> None:
    match_id = next(
        r["id"] for r in as_json(invoke(seeded.config, "matches", "--json")) if r["link"] == DATED
    )
    plain = invoke(seeded.config, "show", str(match_id))
    assert plain.exit_code == 0, plain.output
    assert "link:" in plain.stdout and DATED in plain.stdout
    assert "opens in theaters June 6, 2025." in plain.stdout  # the item's text, in full

    detail = as_json(invoke(seeded.config, "show", f"match:{match_id}", "--json"))
    assert detail["value"] == "2025-06-06" and detail["feed"] == "Trade Press"
    entry = as_json(invoke(seeded.config, "show", f"entry:{detail['entry_id']}", "--json"))
    assert entry["link"] == DATED and entry["title"] == detail["title"]
    assert [m["id"] for m in entry["matches"]] == [match_id]

    (event,) = as_json(invoke(seeded.config, "events", "--json"))
    shown = invoke(seeded.config, "show", f"event:{event['id']}")
    assert shown.exit_code == 0, shown.output
    assert "release date: June 6, 2025" in shown.stdout and DATED in shown.stdout


@pytest.mark.parametrize("ref", ["entry:9999", "9999", "match:9999", "event:9999"])
def test_show_unknown_id_is_one_line_and_exit_2(seeded: Seeded, ref: str) -> None:
    result = invoke(seeded.config, "show", ref)
    assert result.exit_code == 2
    kind = ref.partition(":")[0] if ":" in ref else "match"
    assert result.stderr.strip() == f"error: no {kind} with id 9999"
    assert "Traceback" not in result.output


def test_show_bad_reference_is_a_usage_error(seeded: Seeded) -> None:
    assert invoke(seeded.config, "show", "outbox:1").exit_code == 2
    assert invoke(seeded.config, "show", "match:x").exit_code == 2


# -- feeds and events --------------------------------------------------------------


def test_feeds_json_keeps_the_contract(seeded: Seeded) -> None:
    rows = {f["name"]: f for f in as_json(invoke(seeded.config, "feeds", "--json"))}
    assert set(rows) == {"Trade Press", "Film Blog"}
    for row in rows.values():
        assert row["url"].startswith(seeded.server.base)
        assert row["status"] == "ok" and row["last_error"] is None
        assert datetime.fromisoformat(row["next_poll"]) > datetime.now(UTC) - timedelta(minutes=1)
    assert rows["Trade Press"]["entries"] == 2


def test_feeds_bare_lists_feeds_as_tsv(seeded: Seeded) -> None:
    rows = {r["feed"]: r for r in tsv(invoke(seeded.config, "feeds"))}
    assert rows["Film Blog"]["status"] == "ok"
    assert rows["Film Blog"]["url"] == seeded.server.url("/blog")


def test_feeds_enable_brings_back_a_feed_the_server_said_was_gone(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    gone = feed_server.add("/gone", b"gone", status=410, content_type="text/plain")
    config = write_config(tmp_path, {"Gone": gone, "Paused": feed_server.add("/p", rss())})
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("name: Paused\n", "name: Paused\n  enabled: false\n"))
    assert invoke(config, "poll", "--once").exit_code == 0
    before = {f["name"]: f for f in as_json(invoke(config, "feeds", "--json"))}
    assert before["Gone"]["status"] == "disabled"

    feed_server.add("/gone", rss(*TRADE))  # the publisher brought it back
    enabled = invoke(config, "feeds", "enable", "Gone")
    assert enabled.exit_code == 0, enabled.output
    assert "enabled Gone (was: HTTP 410 Gone" in enabled.stdout
    assert invoke(config, "poll", "--once").exit_code == 0
    after = {f["name"]: f for f in as_json(invoke(config, "feeds", "--json"))}
    assert (after["Gone"]["status"], after["Gone"]["entries"]) == ("ok", 2)

    paused = invoke(config, "feeds", "enable", "Paused")
    assert paused.exit_code == 2
    assert f"{config}: feeds: 'Paused' is disabled in feeds.yaml" in paused.output
    assert invoke(config, "feeds", "enable", "Nobody").exit_code == 2


def test_events_help_lists_every_kind() -> None:
    result = CliRunner().invoke(cli, ["events", "--help"])
    assert result.exit_code == 0
    listed = {line.split()[0] for line in result.stdout.splitlines() if line.startswith("    ")}
    assert {str(kind) for kind in EventKind} <= listed


def test_events_json(seeded: Seeded) -> None:
    (event,) = as_json(invoke(seeded.config, "events", "--json"))
    assert (event["subject"], event["question"], event["kind"]) == (
        "ballerina",
        "release-date",
        "answered",
    )
    assert event["answer"] == "2025-06-06" and set(event["sources"]) == {DATED, ECHO}
    assert event["delivery"] == {}  # no notify targets configured


@pytest.mark.parametrize(
    ("template", "why"),
    [
        ("{count[0]}", "use a plain field name such as {count}"),
        ("{subject:>999999999}", "width 999999999 is over 1000"),
        ("{answer:%Y}", "ValueError"),
    ],
)
def test_check_refuses_a_template_that_cannot_render(
    tmp_path: Path, template: str, why: str
) -> None:
    config = write_config(tmp_path, {})
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["notify"] = [
        "json://127.0.0.1:9/ok",
        {"url": "json://127.0.0.1:9/b", "body_template": template},
    ]
    config.write_text(yaml.safe_dump(data), encoding="utf-8")
    result = invoke(config, "check")
    assert result.exit_code == 2, result.output
    assert f"{config}: notify[1].body_template: " in result.output
    assert why in result.output and "plain fields such as" in result.output


def test_an_error_is_printed_as_it_is_even_with_brackets(tmp_path: Path) -> None:
    # Rich would read "[/x]" as a closing tag and fail in the error handler.
    config = write_config(tmp_path, {})
    result = invoke(config, "feeds", "add", "http://127.0.0.1:9/[bold]feed[/x]")
    assert result.exit_code == 1, result.output
    assert "error: http://127.0.0.1:9/[bold]feed[/x]: " in result.output


# -- feeds add / import / export ---------------------------------------------------


@pytest.fixture
def editable(tmp_path: Path, feed_server: FeedServer) -> Path:
    feed_server.add("/trade", rss(*TRADE, title="Trade Press"))
    feed_server.add("/new", rss(*BLOG, title="Brand New Feed"))
    page = '<html><head><link rel="alternate" type="application/rss+xml" href="/new"></head></html>'
    feed_server.add("/page", page, content_type="text/html; charset=utf-8")
    feed_server.add(
        "/not-a-feed", "<html><body>nothing here</body></html>", content_type="text/html"
    )
    return write_config(tmp_path, {"Trade Press": feed_server.url("/trade")})


def feeds_in(config: Path) -> list[dict[str, Any]]:
    return list(yaml.safe_load(config.read_text(encoding="utf-8"))["feeds"])


def test_feeds_add_discovers_the_feed_of_a_page_and_keeps_comments(
    editable: Path, feed_server: FeedServer
) -> None:
    before = editable.read_text(encoding="utf-8")
    result = invoke(editable, "feeds", "add", feed_server.url("/page"), "--tag", "blogs")
    assert result.exit_code == 0, result.output
    assert (
        f"added Brand New Feed: {feed_server.url('/new')} (1 entries, announced by" in result.stdout
    )
    after = editable.read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n").split("subjects:")[0].rstrip("\n")[:200])
    assert HEADER in after and "# trade press first" in after
    assert feeds_in(editable)[-1] == {
        "name": "Brand New Feed",
        "url": feed_server.url("/new"),
        "tags": ["blogs"],
    }
    # The edited file is a valid configuration the next command reads.
    names = [f["name"] for f in as_json(invoke(editable, "feeds", "--json"))]
    assert names == ["Trade Press", "Brand New Feed"]


def test_feeds_add_dry_run_changes_nothing(editable: Path, feed_server: FeedServer) -> None:
    before = editable.read_text(encoding="utf-8")
    result = invoke(editable, "feeds", "add", feed_server.url("/new"), "--name", "X", "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("would add X: ")
    assert editable.read_text(encoding="utf-8") == before


def test_feeds_add_refuses_a_duplicate_and_a_non_feed(
    editable: Path, feed_server: FeedServer
) -> None:
    before = editable.read_text(encoding="utf-8")
    duplicate = invoke(editable, "feeds", "add", feed_server.url("/trade"))
    assert duplicate.exit_code == 2
    assert "already in the feed list" in duplicate.stderr
    taken = invoke(editable, "feeds", "add", feed_server.url("/new"), "--name", "Trade Press")
    assert taken.exit_code == 2 and "exists" in taken.stderr
    not_feed = invoke(editable, "feeds", "add", feed_server.url("/not-a-feed"))
    assert not_feed.exit_code == 1
    assert "names no feed" in not_feed.stderr and len(not_feed.stderr.strip().splitlines()) == 1
    missing = invoke(editable, "feeds", "add", feed_server.url("/missing"))
    assert missing.exit_code == 1 and "404" in missing.stderr
    assert editable.read_text(encoding="utf-8") == before


OPML = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>My reader</title></head>
  <body>
    <outline text="Trade press">
      <outline type="rss" text="Trade Press again" xmlUrl="TRADE/" />
      <outline type="rss" text="Brand New" title="Brand New" xmlUrl="NEW" category="/Film,/News" />
    </outline>
    <outline type="rss" text="Trade Press" xmlUrl="https://other.example/feed" />
    <outline type="rss" text="Gopher" xmlUrl="gopher://old.example/feed" />
  </body>
</opml>
"""


def test_feeds_import_adds_new_feeds_and_skips_known_ones(
    editable: Path, feed_server: FeedServer, tmp_path: Path
) -> None:
    opml = tmp_path / "reader.opml"
    opml.write_bytes(
        OPML.replace(b"TRADE", feed_server.url("/trade").encode()).replace(
            b"NEW", feed_server.url("/new").encode()
        )
    )
    dry = invoke(editable, "feeds", "import", str(opml), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert dry.stdout.splitlines()[-1] == "2 added, 2 skipped (dry run)"
    assert len(feeds_in(editable)) == 1

    result = invoke(editable, "feeds", "import", str(opml))
    assert result.exit_code == 0, result.output
    assert "already in the feed list" in result.stdout and "not an http(s) URL" in result.stdout
    added = feeds_in(editable)[1:]
    assert added == [
        {
            "name": "Brand New",
            "url": feed_server.url("/new"),
            "tags": ["trade-press", "film", "news"],
        },
        {"name": "Trade Press (2)", "url": "https://other.example/feed"},
    ]
    assert HEADER in editable.read_text(encoding="utf-8")


def test_feeds_export_is_opml_that_imports_back(editable: Path, tmp_path: Path) -> None:
    result = invoke(editable, "feeds", "export")
    assert result.exit_code == 0, result.output
    root = ET.fromstring(result.stdout_bytes)
    assert root.tag == "opml" and root.get("version") == "2.0"
    (outline,) = root.iter("outline")
    assert outline.get("text") == "Trade Press" and outline.get("type") == "rss"
    assert outline.get("xmlUrl", "").endswith("/trade")
    # Importing its own export adds nothing.
    exported = tmp_path / "out.opml"
    assert invoke(editable, "feeds", "export", "-o", str(exported)).exit_code == 0
    again = invoke(editable, "feeds", "import", str(exported))
    assert again.stdout.splitlines()[-1] == "0 added, 1 skipped"


def test_feeds_import_refuses_entity_declarations(editable: Path, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.opml"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><opml><body/></opml>')
    result = invoke(editable, "feeds", "import", str(bomb))
    assert result.exit_code == 2 and "DOCTYPE" in result.stderr


# -- db ------------------------------------------------------------------------------


def test_db_path_upgrade_and_vacuum(tmp_path: Path) -> None:
    config = write_config(tmp_path, {})
    path = invoke(config, "db", "path")
    assert path.exit_code == 0 and path.stdout.strip() == str(tmp_path / "watcher.db")
    assert not (tmp_path / "watcher.db").exists()  # `db path` opens nothing
    first = invoke(config, "db", "upgrade")
    assert first.exit_code == 0, first.output
    assert first.stdout.startswith("upgraded from an empty database to ")
    second = invoke(config, "db", "upgrade")
    assert second.stdout.startswith("already at the newest revision ")
    vacuum = invoke(config, "db", "vacuum")
    assert vacuum.exit_code == 0, vacuum.output
    assert vacuum.stdout.startswith(f"vacuumed {tmp_path / 'watcher.db'}: ")


# -- errors, help, completion, the console script -----------------------------------


def test_a_broken_config_is_one_line_and_exit_2(tmp_path: Path) -> None:
    config = tmp_path / "feeds.yaml"
    config.write_text("feeds:\n  - name: X\n    url: ftp://nope\n")
    result = invoke(config, "questions")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {config}: feeds[0].url:")
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda t: t.replace("notify: []", "notify: ['json://127.0.0.1/a', 'slak://T/B/C']"),
            "notify[1]: slak:// is not a service apprise knows (did you mean slack://?)",
        ),
        (lambda t: "", "is empty: no feeds and nothing to look for"),
        (
            lambda t: re.sub(r"database: .*", "database: postgres://me@db.example/w", t),
            "database: postgres:// names no driver watcher ships "
            "(write postgresql+psycopg://me@db.example/w)",
        ),
        (
            lambda t: t.replace(
                "feeds: []", "feeds: [{name: D, url: 'https://d.example/', interval: 5}]"
            ),
            "feeds[0].interval: 5s is below the minimum of 1m for 'D', a public feed",
        ),
        (lambda t: t + "database: again.db\n", "database: appears twice"),
        (
            lambda t: t.replace("subjects:\n", "subjects:\n- {id: dune, name: Dune}\n", 1),
            "subjects[0].questions: subject 'dune' has no questions",
        ),
    ],
)
def test_check_refuses_what_would_fail_later_with_exit_2(
    tmp_path: Path, change: Any, expected: str
) -> None:
    config = write_config(tmp_path, {})
    config.write_text(change(config.read_text(encoding="utf-8")), encoding="utf-8")
    result = invoke(config, "check")
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"error: {config}: ")
    assert expected in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "apprise" not in result.stderr.split(":")[0] and "Traceback" not in result.output


def test_commands_that_deliver_refuse_an_unusable_notify_url(tmp_path: Path) -> None:
    config = write_config(tmp_path, {}, notify=["json://127.0.0.1:9/ok", "slak://T/B/C"])
    for args in (("poll", "--once"), ("notify", "test"), ("check",)):
        result = invoke(config, *args)
        assert result.exit_code == 2, (args, result.output)
        assert f"{config}: notify[1]: slak:// is not a service" in result.stderr
    # Reading what was found needs no notify target: it still works.
    assert as_json(invoke(config, "questions", "--json"))[0]["status"] == "open"


def polled_once(tmp_path: Path, item: dict[str, str]) -> Path:
    """A config whose one feed served ``item`` to one ``poll --once``."""
    server = FeedServer().start()
    try:
        config = write_config(tmp_path, {"Trade Press": server.add("/t", rss(item))})
        assert invoke(config, "poll", "--once").exit_code == 0
    finally:
        server.stop()
    return config


def test_questions_json_keeps_a_text_answer_as_reported(tmp_path: Path) -> None:
    item = {
        "title": "Keanu Reeves returns as John Wick in 'Ballerina'",
        "link": "https://trade.example/reeves-ballerina",
        "guid": "reeves-1",
        "pubDate": "Mon, 12 Aug 2024 10:00:00 GMT",
        "description": "Keanu Reeves will reprise his role as John Wick in Lionsgate's "
        "Ballerina, starring Ana de Armas.",
    }
    config = polled_once(tmp_path, item)
    rows = {q["id"]: q for q in as_json(invoke(config, "questions", "--json"))}
    role = rows["reeves-role"]
    assert role["status"] == "answered" and role["answer"] == "John Wick"
    assert role["history"][0]["answer"] == "John Wick"


def test_matches_json_gives_a_text_answer_as_the_item_writes_it(tmp_path: Path) -> None:
    item = {
        "title": "Keanu Reeves returns as John Wick-O’Hara in 'Ballerina'",
        "link": "https://trade.example/reeves-ballerina",
        "guid": "reeves-2",
        "pubDate": "Mon, 12 Aug 2024 10:00:00 GMT",
        "description": "Lionsgate's Ballerina stars Ana de Armas.",
    }
    config = polled_once(tmp_path, item)
    rows = {m["question"]: m for m in as_json(invoke(config, "matches", "--json"))}
    # The hyphen and the curly apostrophe as printed, not the folded key.
    assert rows["reeves-role"]["value"] == "John Wick-O’Hara"


def test_an_unreachable_database_is_exit_1_without_traceback(tmp_path: Path) -> None:
    config = write_config(tmp_path, {})
    text = config.read_text().replace(
        f"sqlite:///{tmp_path / 'watcher.db'}", "sqlite:////proc/no/db"
    )
    config.write_text(text)
    result = invoke(config, "questions", "--json")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and "Traceback" not in result.output


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    for name, command in group.commands.items():
        yield (*prefix, name)
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))


@pytest.mark.parametrize("path", sorted(_commands(cli)), ids=" ".join)
def test_every_command_has_help_with_an_example(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.stdout, f"`watcher {' '.join(path)} --help` shows no example"


def test_shell_completion_offers_feed_names(seeded: Seeded) -> None:
    env = {
        "_WATCHER_COMPLETE": "bash_complete",
        "COMP_WORDS": f"watcher --config {seeded.config} matches --feed F",
        "COMP_CWORD": "5",
    }
    result = CliRunner().invoke(cli, [], env=env, prog_name="watcher")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["plain,Film Blog"]


def test_the_installed_console_script(seeded: Seeded) -> None:
    script = Path(sys.executable).parent / "watcher"
    if not script.exists():
        pytest.skip(f"no console script at {script} (install the package)")
    env = {k: v for k, v in os.environ.items() if not k.startswith("WATCHER_")}
    proc = subprocess.run(
        [str(script), "--config", str(seeded.config), "questions", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    by_id = {q["id"]: q for q in json.loads(proc.stdout)}
    assert by_id["release-date"]["answer"] == "2025-06-06"


# -- the terminal table ------------------------------------------------------------


def test_a_terminal_table_cuts_long_text_and_drops_optional_columns() -> None:
    now = datetime(2025, 1, 1, 12, tzinfo=UTC)
    rows = [
        {
            "id": 1,
            "when": (now - timedelta(hours=3)).isoformat(),
            "extra": "only when there is room",
            "text": "word " * 60,
            "link": "https://example.com/" + "x" * 80,
        }
    ]
    columns = [
        output.Column("id", "id", "number"),
        output.Column("when", "when", "time"),
        output.Column("extra", "extra", optional=True),
        output.Column("text", "text", "long"),
        output.Column("link", "link", "link"),
    ]
    screen = Console(file=io.StringIO(), width=60, force_terminal=False)
    screen.print(output.table(rows, columns, now=now, width=60))
    text = screen.file.getvalue()  # type: ignore[attr-defined]
    assert all(len(line) <= 60 for line in text.splitlines())
    assert "3h ago" in text and "…" in text and "extra" not in text
    wide = Console(file=io.StringIO(), width=400, force_terminal=False)
    wide.print(output.table(rows, columns, now=now, width=400))
    assert "only when there is room" in wide.file.getvalue()  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (timedelta(seconds=10), "now"),
        (timedelta(minutes=5), "5m ago"),
        (timedelta(hours=-2), "in 2h"),
        (timedelta(days=3), "3d ago"),
        (timedelta(days=40), "2024-11-22"),
    ],
)
def test_relative_times(delta: timedelta, text: str) -> None:
    now = datetime(2025, 1, 1, 12, tzinfo=UTC)
    assert output.relative((now - delta).isoformat(), now) == text


def test_show_a_match_says_what_was_considered_and_why(tmp_path: Path) -> None:
    item = {
        "title": "Lionsgate moves 'Ballerina'",
        "link": "https://trade.example/moved",
        "guid": "moved-1",
        "pubDate": "Mon, 12 Aug 2024 10:00:00 GMT",
        "description": "Ballerina, previously set for June 7, 2024, now opens in theaters "
        "June 6, 2025.",
    }
    config = polled_once(tmp_path, item)
    (match,) = as_json(invoke(config, "matches", "--json"))
    detail = as_json(invoke(config, "show", f"match:{match['id']}", "--json"))
    by_value = {c["value"]: c for c in detail["considered"]}
    assert by_value["2025-06-06"]["taken"] is True
    assert by_value["2024-06-07"]["taken"] is False and by_value["2024-06-07"]["refused"]
    assert all(c["reasons"] for c in detail["considered"])

    lines = invoke(config, "show", str(match["id"])).stdout.splitlines()
    start = lines.index("considered:")
    shown = lines[start + 1 : start + 1 + len(detail["considered"])]
    assert any(line.startswith("taken   June 6, 2025 (") for line in shown)
    assert any(line.startswith("refused June 7, 2024: ") for line in shown)
