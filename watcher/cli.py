"""The command line: thin click commands over the functions the daemon uses.

Exit codes: 0 success (also when some feeds failed: they are reported), 1 a
runtime failure (database unreachable), 2 a usage or configuration error.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.table import Table

from watcher import __version__, views
from watcher.app import App, open_app, single_daemon
from watcher.config import DEFAULT_CONFIG, Config, load_config
from watcher.errors import ConfigError, WatcherError
from watcher.notify import deliver_pending, redact
from watcher.poll import PollReport, poll_feeds
from watcher.scheduler import run_daemon
from watcher.store import answers as answer_rows
from watcher.store import entries as entry_rows
from watcher.store import feeds as feed_rows
from watcher.store import outbox as outbox_rows

F = TypeVar("F", bound=Callable[..., Any])
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class State:
    def __init__(self, config_path: str, debug: bool) -> None:
        self.config_path = config_path
        self.debug = debug
        self._config: Config | None = None

    @property
    def config(self) -> Config:
        if self._config is None:
            self._config = load_config(self.config_path)
        return self._config

    @contextmanager
    def app(self) -> Iterator[App]:
        with open_app(self.config) as app:
            yield app


def _handle_errors(func: F) -> F:
    """One clear line and an exit code instead of a traceback (unless --debug)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        state = click.get_current_context().find_object(State)
        try:
            return func(*args, **kwargs)
        except ConfigError as exc:
            if state and state.debug:
                raise
            err.print(f"[red]error:[/red] {exc}", markup=True, highlight=False)
            sys.exit(2)
        except WatcherError as exc:
            if state and state.debug:
                raise
            err.print(f"[red]error:[/red] {exc}", markup=True, highlight=False)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def _print_json(rows: Any) -> None:
    click.echo(json.dumps(rows, indent=2, ensure_ascii=False))


def _table(title: str | None, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    table = Table(title=title, show_lines=False, header_style="bold")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*("" if cell is None else str(cell) for cell in row))
    out.print(table)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    "config_path",
    envvar="WATCHER_CONFIG",
    default=DEFAULT_CONFIG,
    show_default=True,
    type=click.Path(dir_okay=False),
    help="Configuration file (env WATCHER_CONFIG).",
)
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.option("--debug", is_flag=True, help="Show tracebacks on errors.")
@click.version_option(__version__, prog_name="watcher")
@click.pass_context
def cli(ctx: click.Context, config_path: str, verbose: int, debug: bool) -> None:
    """watcher: tells you when a question about an upcoming release gets an
    answer, or the answer changes.

    \b
    Example:
      watcher --config feeds.yaml poll --once
    """
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(
        level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    ctx.obj = State(config_path, debug)


pass_state = click.make_pass_decorator(State)


@cli.command()
@click.option("--once", is_flag=True, required=True, help="Poll every enabled feed now and exit.")
@click.option("--feed", "names", multiple=True, help="Only this feed (repeatable).")
@pass_state
@_handle_errors
def poll(state: State, once: bool, names: tuple[str, ...]) -> None:
    """Poll feeds now, store what they say, send notifications, exit.

    \b
    Example:
      watcher poll --once
    """
    with state.app() as app:
        unknown = [n for n in names if app.config.feed(n) is None]
        if unknown:
            raise ConfigError(str(app.config.path), "feeds", f"no feed named {unknown[0]!r}")
        report, delivered = asyncio.run(_poll_once(app, names or None))
    _print_poll_report(report)
    if delivered:
        click.echo(
            f"notifications: {delivered[0]} sent, {delivered[1]} failed, {delivered[2]} dead"
        )


async def _poll_once(app: App, names: Sequence[str] | None) -> tuple[PollReport, tuple[int, ...]]:
    report = await poll_feeds(
        app.store,
        app.config,
        app.matcher,
        owner=app.owner,
        now=app.now,
        names=names,
        include_not_due=True,
    )
    # An explicit run tries every pending row now, whatever its backoff.
    delivery = await deliver_pending(
        app.store, app.config.notify, app.owner, app.now, ignore_backoff=True
    )
    return report, (delivery.sent, delivery.failed, delivery.dead)


def _print_poll_report(report: PollReport) -> None:
    for feed in report.feeds:
        if feed.error:
            click.echo(f"FAIL {feed.name}: {feed.error}")
        else:
            detail = f"{feed.new_entries} new, {feed.updated_entries} updated"
            if feed.outcome == "not_modified":
                detail = "not modified"
            click.echo(f"ok   {feed.name}: {detail}, {feed.matches} matches ({feed.elapsed:.2f}s)")
        if feed.moved_to:
            click.echo(f"     moved permanently to {feed.moved_to}")
    for title in report.event_titles:
        click.echo(f"event {title}")
    click.echo(
        f"{len(report.feeds)} feeds, {report.failed} failed, {report.new_entries} new entries, "
        f"{report.matches} matches, {report.events} events"
    )


@cli.command()
@pass_state
@_handle_errors
def run(state: State) -> None:
    """Run the daemon: poll each feed on its interval, deliver notifications,
    stop cleanly on SIGINT/SIGTERM.

    \b
    Example:
      watcher --config /etc/watcher/feeds.yaml run
    """
    if not logging.getLogger().isEnabledFor(logging.INFO):
        logging.getLogger().setLevel(logging.INFO)
    with single_daemon(state.config), state.app() as app:
        run_daemon(app)


@cli.command()
@pass_state
@_handle_errors
def check(state: State) -> None:
    """Validate the configuration and list its feeds and questions (exit 0 or 2)."""
    config = state.config
    click.echo(f"{config.path}: ok")
    click.echo(f"database: {redact(config.database)}")
    click.echo(f"notify: {', '.join(redact(t.url) for t in config.notify) or '(none)'}")
    click.echo(f"{len(config.feeds)} feeds:")
    for feed in config.feeds:
        flag = "" if feed.enabled else " (disabled)"
        interval = feed.interval or config.poll.interval
        click.echo(f"  {feed.name}: {feed.url} every {interval:g}s{flag}")
    for subject in config.subjects:
        click.echo(f"subject {subject.id} ({subject.name}):")
        for question in subject.questions:
            click.echo(f"  {question.id} [{question.kind}] {question.label}")


@cli.command()
@click.option("--subject", help="Only this subject's questions.")
@click.option("--history", is_flag=True, help="Show every answer each question has had.")
@click.option("--json", "as_json", is_flag=True, help="JSON list (documented keys).")
@pass_state
@_handle_errors
def questions(state: State, subject: str | None, history: bool, as_json: bool) -> None:
    """What watcher believes: one row per question.

    \b
    Example:
      watcher questions --json
    """
    with state.app() as app, app.store.transaction() as session:
        rows = views.questions(
            app.config, answer_rows.answer_states(session, subject=subject), subject=subject
        )
    if as_json:
        _print_json(rows)
        return
    _table(
        None,
        ["subject", "question", "status", "answer", "confirmed", "sources", "changed"],
        [
            (
                r["subject"],
                r["id"],
                r["status"],
                r["display"] or "-",
                {True: "yes", False: "no", None: "-"}[r["confirmed"]],
                len(r["sources"]),
                r["changed_at"] or "-",
            )
            for r in rows
        ],
    )
    if history:
        for r in rows:
            for h in r["history"]:
                mark = "*" if h["current"] else " "
                click.echo(
                    f"{mark} {r['subject']}/{r['id']}: {h['display']} "
                    f"(first seen {h['first_seen']}, {h['sources']} sources) {h['first_source']}"
                )


@cli.command()
@click.option("--question", help="Only this question id.")
@click.option("--subject", help="Only this subject id.")
@click.option("--feed", help="Only this feed.")
@click.option("--limit", type=int, default=None, help="At most N rows.")
@click.option("--json", "as_json", is_flag=True, help="JSON list (documented keys).")
@pass_state
@_handle_errors
def matches(
    state: State,
    question: str | None,
    subject: str | None,
    feed: str | None,
    limit: int | None,
    as_json: bool,
) -> None:
    """Stored matches, newest first: why an answer was chosen.

    \b
    Example:
      watcher matches --question release-date --limit 10
    """
    with state.app() as app, app.store.transaction() as session:
        rows = views.matches(
            entry_rows.list_matches(
                session, subject=subject, question=question, feed=feed, limit=limit
            )
        )
    if as_json:
        _print_json(rows)
        return
    _table(
        None,
        ["question", "feed", "value", "evidence", "link"],
        [
            (
                r["question"],
                r["feed"],
                (r["display"] or "-") + (" (hedged)" if r["hedged"] else ""),
                r["evidence"],
                r["link"],
            )
            for r in rows
        ],
    )


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="JSON list (documented keys).")
@pass_state
@_handle_errors
def feeds(state: State, as_json: bool) -> None:
    """Health of every feed: status, last error, next poll.

    \b
    Example:
      watcher feeds --json
    """
    with state.app() as app, app.store.transaction() as session:
        rows = views.feeds(feed_rows.feed_health(session))
    if as_json:
        _print_json(rows)
        return
    _table(
        None,
        ["feed", "status", "entries", "last success", "next poll", "last error"],
        [
            (
                r["name"],
                r["status"] + (f" ({r['disabled_reason']})" if r["disabled_reason"] else ""),
                r["entries"],
                r["last_success"] or "-",
                r["next_poll"] or "-",
                r["last_error"] or "",
            )
            for r in rows
        ],
    )


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="JSON list (documented keys).")
@pass_state
@_handle_errors
def events(state: State, as_json: bool) -> None:
    """Answer events and their notification status."""
    with state.app() as app, app.store.transaction() as session:
        rows = views.events(answer_rows.list_events(session))
    if as_json:
        _print_json(rows)
        return
    _table(
        None,
        ["id", "when", "question", "kind", "answer", "delivery"],
        [
            (
                r["id"],
                r["created"],
                f"{r['subject']}/{r['question']}",
                r["kind"],
                r["display"],
                ", ".join(f"{k} {v}" for k, v in sorted(r["delivery"].items())) or "-",
            )
            for r in rows
        ],
    )


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="JSON list (documented keys).")
@click.option("--status", type=click.Choice(["pending", "sent", "dead"]), help="Only these rows.")
@pass_state
@_handle_errors
def outbox(state: State, as_json: bool, status: str | None) -> None:
    """Notifications: pending, sent and dead."""
    with state.app() as app, app.store.transaction() as session:
        rows = views.outbox(outbox_rows.list_outbox(session, status=status))
    if as_json:
        _print_json(rows)
        return
    _table(
        None,
        ["id", "event", "target", "status", "attempts", "last error"],
        [
            (r["id"], r["event"], r["target"], r["status"], r["attempts"], r["last_error"] or "")
            for r in rows
        ],
    )


def main() -> None:
    cli(prog_name="watcher")
