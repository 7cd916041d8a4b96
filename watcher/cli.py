"""The command line: thin click commands over the functions the daemon uses.

Exit codes: 0 success (also when some feeds failed: they are reported), 1 a
runtime failure (database unreachable), 2 a usage or configuration error.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, BinaryIO, TypeVar
from urllib.parse import urlsplit

import click
import httpx
from click.shell_completion import CompletionItem
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

from watcher import __version__, config_rules, export, feedlist, logs, output, service, views
from watcher import backtest as replay
from watcher import health as health_check
from watcher.app import App, open_app, single_daemon
from watcher.config import DEFAULT_CONFIG, Config, load_config
from watcher.errors import ConfigError, WatcherError
from watcher.fetch import make_client
from watcher.masking import mask_text, mask_url
from watcher.message import check_templates, render
from watcher.notify import deliver_pending, send_test
from watcher.output import Column, output_options
from watcher.poll import PollReport, poll_feeds
from watcher.scheduler import run_daemon
from watcher.store import Store, maintenance
from watcher.store import answers as answer_rows
from watcher.store import entries as entry_rows
from watcher.store import feeds as feed_rows
from watcher.store import outbox as outbox_rows
from watcher.store.engine import make_engine, upgrade
from watcher.types import Message

F = TypeVar("F", bound=Callable[..., Any])
out = output.out
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

    def check_targets(self) -> None:
        """For the commands that deliver: every notify URL is usable."""
        config_rules.check_targets(self.config, os.environ)

    @contextmanager
    def app(self) -> Iterator[App]:
        with open_app(self.config) as app:
            yield app


def _shown(exc: BaseException) -> str:
    """An error's text fit for the console: URLs masked, and brackets taken
    literally (a URL or a file may hold "[/x]", which rich would read as markup)."""
    return escape(mask_text(str(exc)))


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
            err.print(f"[red]error:[/red] {_shown(exc)}", markup=True, highlight=False)
            sys.exit(2)
        except WatcherError as exc:
            if state and state.debug:
                raise
            err.print(f"[red]error:[/red] {_shown(exc)}", markup=True, highlight=False)
            sys.exit(1)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except KeyboardInterrupt:
            err.print("interrupted")
            sys.exit(130)
        except Exception as exc:  # a bug or an OS fault: one line, the traceback on --debug
            if state and state.debug:
                raise
            kind = "" if isinstance(exc, OSError) else f"internal error: {type(exc).__name__}: "
            err.print(f"[red]error:[/red] {kind}{_shown(exc)} (--debug shows the traceback)")
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def _print_json(rows: Any) -> None:
    output.print_json(rows)


def _table(title: str | None, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Rows built by hand: a table on a terminal, tab-separated when piped."""
    cells = [dict(zip(columns, row, strict=True)) for row in rows]
    output.emit(cells, [Column(name, name) for name in columns], None, title=title)


def _fail(message: str, code: int = 1) -> None:
    err.print(f"[red]error:[/red] {escape(mask_text(message))}", markup=True, highlight=False)
    sys.exit(code)


def _completion_config(ctx: click.Context) -> Config | None:
    path = ctx.find_root().params.get("config_path") or os.environ.get("WATCHER_CONFIG")
    try:
        return load_config(path or DEFAULT_CONFIG)
    except WatcherError:
        return None


def _complete(kind: str) -> Callable[[click.Context, click.Parameter, str], list[CompletionItem]]:
    """Shell completion of feed names, subject ids or question ids from feeds.yaml."""

    def complete(
        ctx: click.Context, _param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        config = _completion_config(ctx)
        if config is None:
            return []
        names = {
            "feed": [f.name for f in config.feeds],
            "subject": [s.id for s in config.subjects],
            "question": sorted({q.id for s in config.subjects for q in s.questions}),
        }[kind]
        return [CompletionItem(n) for n in names if n.startswith(incomplete)]

    return complete


def _known(config: Config, **filters: str | None) -> None:
    """A filter naming nothing in feeds.yaml is a usage error (exit 2), not an
    empty table that reads as "nothing found"."""
    unknown = config_rules.unknown_filter(config, **filters)
    if unknown:
        raise click.BadParameter(unknown[1], param_hint=f"'{unknown[0]}'")


def _subject_option(func: F) -> F:
    return click.option(
        "--subject", shell_complete=_complete("subject"), help="Only this subject id."
    )(func)


def _question_option(func: F) -> F:
    return click.option(
        "--question", shell_complete=_complete("question"), help="Only this question id."
    )(func)


class Since(click.ParamType):  # type: ignore[type-arg]  # generic only from click 8.2
    """``7d``, ``12h``, ``1h30m``, ``2w`` back from now, or a date / ISO time."""

    name = "7d|DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: Any) -> datetime:
        if isinstance(value, datetime):
            return value
        text = str(value).strip()
        if re.fullmatch(r"[\d.]+", text):
            self.fail(f"{text!r} needs a unit: 30m, 12h, 7d, 2w (or write a date)", param, ctx)
        try:
            when = datetime.fromisoformat(text)
        except ValueError:
            try:
                return datetime.now(UTC) - timedelta(seconds=config_rules.parse_duration(text))
            except ValueError:
                self.fail(f"{text!r} is neither a duration (7d, 12h, 1h30m) nor a date", param, ctx)
        return when if when.tzinfo else when.replace(tzinfo=UTC)


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
@click.option(
    "--log-level",
    type=click.Choice(logs.LEVELS, case_sensitive=False),
    envvar="WATCHER_LOG_LEVEL",
    help="Log level (env WATCHER_LOG_LEVEL) [default: warning; info for `run`].",
)
@click.option(
    "--log-format",
    type=click.Choice(logs.FORMATS, case_sensitive=False),
    envvar="WATCHER_LOG_FORMAT",
    default="human",
    show_default=True,
    help="human, or json: one object per line (env WATCHER_LOG_FORMAT).",
)
@click.option("--debug", is_flag=True, help="Show tracebacks on errors.")
@click.version_option(__version__, prog_name="watcher")
@click.pass_context
def cli(
    ctx: click.Context,
    config_path: str,
    verbose: int,
    log_level: str | None,
    log_format: str,
    debug: bool,
) -> None:
    """watcher: tells you when a question about an upcoming release gets an
    answer, or the answer changes.

    \b
    Example:
      watcher --config feeds.yaml poll --once
    """
    if log_level is None and verbose:
        log_level = "debug" if verbose > 1 else "info"
    logs.setup_logging(log_level and log_level.lower(), log_format.lower())
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
    state.check_targets()
    with state.app() as app:
        unknown = [n for n in names if app.config.feed(n) is None]
        if unknown:
            raise ConfigError(str(app.config.path), "feeds", f"no feed named {unknown[0]!r}")
        # A terminal gets a progress bar and a summary table; a pipe keeps the
        # plain per-feed lines and totals (the documented sample, parsed by scripts).
        fancy = out.is_terminal
        run = _poll_with_progress if fancy else _poll_once
        report, delivered = asyncio.run(run(app, names or None))
    if fancy:
        _print_poll_table(report)
    else:
        _print_poll_report(report)
    if delivered:
        click.echo(
            f"notifications: {delivered[0]} sent, {delivered[1]} failed, {delivered[2]} dead"
        )


async def _poll_once(
    app: App, names: Sequence[str] | None, client: httpx.AsyncClient | None = None
) -> tuple[PollReport, tuple[int, ...]]:
    report = await poll_feeds(
        app.store,
        app.config,
        app.matcher,
        owner=app.owner,
        now=app.now,
        names=names,
        include_not_due=True,
        client=client,
    )
    # An explicit run tries every pending row now, whatever its backoff.
    delivery = await deliver_pending(
        app.store, app.config.notify, app.owner, app.now, ignore_backoff=True
    )
    return report, (delivery.sent, delivery.failed, delivery.dead)


def _print_poll_report(report: PollReport) -> None:
    for feed in report.feeds:
        if feed.error:
            click.echo(f"FAIL {feed.name}: {mask_text(feed.error)}")
        else:
            detail = f"{feed.new_entries} new, {feed.updated_entries} updated"
            if feed.outcome == "not_modified":
                detail = "not modified"
            click.echo(f"ok   {feed.name}: {detail}, {feed.matches} matches ({feed.elapsed:.2f}s)")
        if feed.moved_to:
            click.echo(f"     moved permanently to {mask_url(feed.moved_to)}")
    for title in report.event_titles:
        click.echo(f"event {title}")
    click.echo(
        f"{len(report.feeds)} feeds, {report.failed} failed, {report.new_entries} new entries, "
        f"{report.matches} matches, {report.events} events"
    )


async def _poll_with_progress(
    app: App, names: Sequence[str] | None
) -> tuple[PollReport, tuple[int, ...]]:
    """``_poll_once`` under a progress bar that moves as each feed's final
    HTTP answer arrives (a feed that times out moves it only at the end)."""
    total = len(names) if names else sum(f.enabled for f in app.config.feeds)
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=out, transient=True) as progress:
        task = progress.add_task("polling feeds", total=total)

        async def answered(response: httpx.Response) -> None:
            if not response.is_redirect:
                progress.advance(task)

        async with make_client(app.config.poll) as client:
            client.event_hooks["response"].append(answered)
            return await _poll_once(app, names, client)


_POLL_COLUMNS = (
    Column("feed", "feed"),
    Column("result", "result", "status"),
    Column("new", "new", "number"),
    Column("updated", "updated", "number"),
    Column("matches", "matches", "number"),
    Column("time", "time", "number"),
    Column("detail", "detail", "long"),
)


def _print_poll_table(report: PollReport) -> None:
    rows = [
        {
            "feed": f.name,
            "result": "fail"
            if f.error
            else ("not modified" if f.outcome == "not_modified" else "ok"),
            "new": f.new_entries,
            "updated": f.updated_entries,
            "matches": f.matches,
            "time": f"{f.elapsed:.2f}s",
            "detail": mask_text(
                f.error or (f"moved permanently to {f.moved_to}" if f.moved_to else "")
            ),
        }
        for f in report.feeds
    ]
    out.print(output.table(rows, _POLL_COLUMNS))
    for title in report.event_titles:
        out.print(f"[bold green]event[/bold green] {title}", highlight=False)
    failed = f"[red]{report.failed} failed[/red]" if report.failed else "0 failed"
    out.print(
        f"{len(report.feeds)} feeds, {failed}, {report.new_entries} new entries, "
        f"{report.matches} matches, {report.events} events",
        highlight=False,
    )


def _address(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Any:
    try:
        return service.parse_address(value) if value else None
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@cli.command()
@click.option(
    "--http",
    metavar="HOST:PORT",
    envvar="WATCHER_HTTP",
    callback=_address,
    help="Also serve /healthz and /metrics here (env WATCHER_HTTP; off by default).",
)
@pass_state
@_handle_errors
def run(state: State, http: tuple[str, int] | None) -> None:
    """Run the daemon: poll each feed on its interval, deliver notifications,
    stop cleanly on SIGINT/SIGTERM, reload feeds.yaml on SIGHUP.

    \b
    Example:
      watcher --config /etc/watcher/feeds.yaml run --http 127.0.0.1:9120
    """
    logs.default_level(logging.INFO)
    state.check_targets()
    with single_daemon(state.config), state.app() as app:
        run_daemon(app, http)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object (status, problems, ...).")
@click.option("--strict", is_flag=True, help="Failing feeds and dead notifications count too.")
@click.option(
    "--http",
    metavar="HOST:PORT",
    callback=_address,
    help="Ask a daemon's /healthz instead of reading the database.",
)
@pass_state
@_handle_errors
def health(state: State, as_json: bool, strict: bool, http: tuple[str, int] | None) -> None:
    """Is the daemon doing its work? Exit 0 healthy, 1 not: for scripts,
    container health checks and monitoring.

    Reads the database: is it reachable, are due feeds being polled, which
    feeds fail, which notifications are pending or dead.

    \b
    Example:
      watcher health && echo fine
    """
    report = health_check.ask_daemon(*http) if http else health_check.check_database(state.config)
    if strict and report.warnings:
        report = health_check.Health(report.problems + report.warnings, (), report.facts)
    if as_json:
        _print_json(report.as_json())
    else:
        for line in report.lines():
            click.echo(line)
    sys.exit(0 if report.healthy else 1)


@cli.command()
@pass_state
@_handle_errors
def check(state: State) -> None:
    """Validate the configuration and list its feeds and questions (exit 0 or 2).

    \b
    Example:
      watcher --config /etc/watcher/feeds.yaml check
    """
    config = state.config
    state.check_targets()
    for index, target in enumerate(config.notify):
        error = check_templates(target)
        if error:
            key, _, why = error.partition(": ")
            raise ConfigError(
                str(config.path),
                f"notify[{index}].{key}",
                why,
                "write plain fields such as {subject}, {answer} or {count:>3}; "
                "see 'How notifications are delivered' in the README",
            )
    click.echo(f"{config.path}: ok")
    click.echo(f"database: {mask_url(config.database)}")
    click.echo(f"notify: {', '.join(mask_url(t.url) for t in config.notify) or '(none)'}")
    click.echo(f"{len(config.feeds)} feeds:")
    for feed in config.feeds:
        flag = "" if feed.enabled else " (disabled)"
        interval = feed.interval or config.poll.interval
        click.echo(f"  {feed.name}: {mask_url(feed.url)} every {interval:g}s{flag}")
    for subject in config.subjects:
        click.echo(f"subject {subject.id} ({subject.name}):")
        for question in subject.questions:
            click.echo(f"  {question.id} [{question.kind}] {question.label}")


_QUESTION_COLUMNS = (
    Column("subject", "subject"),
    Column("question", "id"),
    Column("status", "status", "status"),
    Column("answer", "display", "wrap"),
    Column("precision", "precision", optional=True),
    Column("confirmed", lambda r: {True: "yes", False: "no"}.get(r["confirmed"]), "status"),
    Column("sources", lambda r: len(r["sources"]), "number", optional=True),
    Column("changed", "changed_at", "time", optional=True),
)
_HISTORY_COLUMNS = (
    Column("subject", "subject"),
    Column("question", "question"),
    Column("current", lambda r: "*" if r["current"] else ""),
    Column("answer", "display", "wrap"),
    Column("confirmed", "confirmed", "status", optional=True),
    Column("sources", "sources", "number", optional=True),
    Column("first seen", "first_seen", "time", optional=True),
    Column("first source", "first_source_feed", optional=True),
    Column("reported", "first_source_published", "time", optional=True),
    Column("link", "first_source", "link", optional=True),
)


@cli.command()
@_subject_option
@click.option("--history", is_flag=True, help="One row per answer each question has had.")
@output_options()
@pass_state
@_handle_errors
def questions(state: State, subject: str | None, history: bool, fmt: str | None) -> None:
    """What watcher believes: one row per question, open or answered, with the
    answer at its precision, whether it is confirmed, how many sources back it
    and when it last changed. `--json` always lists questions (each with its
    `history`).

    \b
    Examples:
      watcher questions
      watcher questions --subject ballerina --history
      watcher questions --json | jq '.[] | {id, answer}'
    """
    _known(state.config, subject=subject)
    with state.app() as app, app.store.transaction() as session:
        rows = views.questions(
            app.config, answer_rows.answer_states(session, subject=subject), subject=subject
        )
    if not history:
        output.emit(rows, _QUESTION_COLUMNS, fmt, empty="no questions configured")
        return
    held = [{"subject": r["subject"], "question": r["id"], **h} for r in rows for h in r["history"]]
    output.emit(held, _HISTORY_COLUMNS, fmt, data=rows, empty="no answers yet")


_MATCH_COLUMNS = (
    Column("id", "id", "number"),
    Column("date", lambda r: r["published"] or r["found_at"], "time"),
    Column("outlet", "feed"),
    Column("question", "question", optional=True),
    Column("value", lambda r: (r["display"] or "") + (" (hedged)" if r["hedged"] else "")),
    Column("title", "title", "long", optional=True),
    Column("evidence", "evidence", "long"),
    Column("link", "link", "link"),
)


@cli.command()
@_question_option
@_subject_option
@click.option(
    "--since",
    type=Since(),
    metavar="7d|DATE",
    help="Only matches whose date (the `date` column: the item's publication time, or when "
    "it was found if it has none) is this recent: 30m, 12h, 1h30m, 7d, 2w, or a date.",
)
@click.option("--feed", shell_complete=_complete("feed"), help="Only this feed.")
@click.option("--limit", type=click.IntRange(min=1), metavar="N", help="At most N rows.")
@output_options()
@pass_state
@_handle_errors
def matches(
    state: State,
    question: str | None,
    subject: str | None,
    since: datetime | None,
    feed: str | None,
    limit: int | None,
    fmt: str | None,
) -> None:
    """Stored matches, newest first: the items and sentences behind each answer.
    `watcher show ID` prints one in full.

    \b
    Examples:
      watcher matches --question release-date --since 7d
      watcher matches --feed Deadline --limit 20 --csv > matches.csv
    """
    _known(state.config, subject=subject, question=question, feed=feed)
    with state.app() as app, app.store.transaction() as session:
        rows = views.matches(
            entry_rows.list_matches(
                session, subject=subject, question=question, feed=feed, since=since, limit=limit
            )
        )
    output.emit(rows, _MATCH_COLUMNS, fmt, empty="no matches")


@cli.command()
@click.argument("ref", metavar="[match:|entry:|event:]ID")
@output_options(tabular=False)
@pass_state
@_handle_errors
def show(state: State, ref: str, fmt: str | None) -> None:
    """One match (the default), stored entry or event, in full.

    \b
    Examples:
      watcher show 42               # a match id from `watcher matches`
      watcher show entry:17 --json  # an item, its text and its matches
      watcher show event:3          # an event and the notification it sent
    """
    kind, _, number = ref.rpartition(":")
    if kind not in ("", "match", "entry", "event") or not number.isdigit():
        raise click.BadParameter("write ID, match:ID, entry:ID or event:ID", param_hint="REF")
    with state.app() as app, app.store.transaction() as session:
        found = _lookup(session, kind or "match", int(number))
    if found is None:
        # A wrong id is a usage error, like a malformed one (exit 2).
        _fail(f"no {kind or 'match'} with id {number}", 2)
        return
    output.record(_record_fields(kind or "match", found), fmt, found)


def _lookup(session: Any, kind: str, number: int) -> dict[str, Any] | None:
    if kind == "event":
        event = answer_rows.get_event(session, number)
        return views.events([event])[0] | {"payload": event.message.to_json()} if event else None
    if kind == "entry":
        item = entry_rows.get_entry(session, number)
        found = entry_rows.list_matches(session, entry_id=number) if item else []
        return views.entry(item, found) if item else None
    (match,) = entry_rows.list_matches(session, match_id=number) or (None,)
    if match is None:
        return None
    return views.match_detail(match, entry_rows.get_entry(session, match.entry_id))


def _record_fields(kind: str, row: dict[str, Any]) -> list[tuple[str, Any]]:
    keys: tuple[str, ...]
    if kind == "event":
        title, body = render(Message.from_json(row["payload"]))
        keys = ("id", "subject", "question", "kind", "created", "display", "previous")
        delivery = ", ".join(f"{k} {v}" for k, v in sorted(row["delivery"].items()))
        return [
            *((k, row[k]) for k in keys),
            ("confirmed", row["confirmed"]),
            ("delivery", delivery or "no targets"),
            ("notification", f"{title}\n\n{body}"),
        ]
    if kind == "entry":
        keys = ("id", "feed", "title", "link", "published", "first_seen", "updated", "identity")
        found = [f"{m['id']} {m['question']} {m['display'] or '-'}" for m in row["matches"]]
        return [
            *((k, row[k]) for k in keys),
            ("images", row["images"]),
            ("matches", "; ".join(found) or "none"),
            ("text", row["text"]),
        ]
    keys = ("id", "subject", "question", "display", "value", "precision", "confidence")
    return [
        *((k, row[k]) for k in keys),
        ("hedged", row["hedged"]),
        *((k, row[k]) for k in ("feed", "title", "link", "published", "found_at")),
        ("entry", f"entry:{row['entry_id']}"),
        ("evidence", row["evidence"]),
        ("considered", views.considered_lines(row["considered"])),
        ("text", row["text"]),
    ]


_FEED_COLUMNS = (
    Column("feed", "name"),
    Column(
        "status",
        lambda r: r["status"] + (f" ({r['disabled_reason']})" if r["disabled_reason"] else ""),
        "status",
    ),
    Column("entries", "entries", "number", optional=True),
    Column("last success", "last_success", "time", optional=True),
    Column("next poll", "next_poll", "time"),
    Column("last error", "last_error", "long"),
    Column("url", "url", "link"),
)


@cli.group(invoke_without_command=True)
@output_options()
@click.pass_context
@_handle_errors
def feeds(ctx: click.Context, fmt: str | None) -> None:
    """Health of every feed (status, last error, next poll); the subcommands
    edit the feed list in feeds.yaml, keeping its comments.

    \b
    Examples:
      watcher feeds --json
      watcher feeds add https://www.indiewire.com/ --name IndieWire
      watcher feeds export > feeds.opml
    """
    if ctx.invoked_subcommand is not None:
        return
    state = ctx.find_object(State)
    assert state is not None
    with state.app() as app, app.store.transaction() as session:
        rows = views.feeds(feed_rows.feed_health(session))
    output.emit(rows, _FEED_COLUMNS, fmt, empty="no feeds")


@feeds.command("add")
@click.argument("url")
@click.option("--name", help="Its name in feeds.yaml (default: the feed's own title).")
@click.option("--tag", "tags", multiple=True, help="A tag for notification routing (repeatable).")
@click.option("--dry-run", is_flag=True, help="Check the URL and show the entry; change nothing.")
@pass_state
@_handle_errors
def feeds_add(
    state: State, url: str, name: str | None, tags: tuple[str, ...], dry_run: bool
) -> None:
    """Fetch URL once, check that it is a feed (given a web page, use the feed
    it announces), and append it to feeds.yaml.

    \b
    Examples:
      watcher feeds add https://deadline.com/feed/ --name Deadline --tag trade
      watcher feeds add https://www.slashfilm.com/ --dry-run
    """
    config = state.config
    if name and config.feed(name):
        raise ConfigError(
            str(config.path), "feeds", f"a feed named {name!r} exists", "pick another --name"
        )
    found = asyncio.run(feedlist.probe(url, config.poll))
    title = name or found.feed.title or urlsplit(found.url).hostname or found.url
    plan = feedlist.plan(config.feeds, [feedlist.FeedSpec(title, found.url, tags)])
    if plan.skip:
        spec, why = plan.skip[0]
        raise ConfigError(str(config.path), "feeds", f"{spec.url}: {why}")
    (spec,) = plan.add
    if not dry_run:
        feedlist.add_to_file(config.path, plan.add)
    page = f", announced by {url}" if found.discovered else ""
    verb = "would add" if dry_run else "added"
    shown = f"{spec.name}: {mask_url(spec.url)}"
    click.echo(f"{verb} {shown} ({len(found.feed.entries)} entries{mask_text(page)})")


@feeds.command("enable")
@click.argument("name")
@pass_state
@_handle_errors
def feeds_enable(state: State, name: str) -> None:
    """Poll again a feed that was disabled because its server said it is gone
    (HTTP 410, or 404 for longer than poll.gone_after): due at once, failure
    count reset. A feed disabled in feeds.yaml is enabled there instead.

    \b
    Example:
      watcher feeds enable Deadline
    """
    with state.app() as app, app.store.transaction() as session:
        try:
            reason = feed_rows.enable(session, name, datetime.now(UTC))
        except LookupError:
            raise click.UsageError(f"no feed named {name!r} (see `watcher feeds`)") from None
        except ValueError as exc:
            raise ConfigError(
                str(state.config.path),
                "feeds",
                f"{name!r} is {exc}",
                "enable it there: list it, or remove `enabled: false`",
            ) from None
    click.echo(f"enabled {name} (was: {reason})" if reason else f"{name} is already enabled")


@feeds.command("import")
@click.argument("opml", type=click.File("rb"))
@click.option("--dry-run", is_flag=True, help="Show what would be added; change nothing.")
@pass_state
@_handle_errors
def feeds_import(state: State, opml: BinaryIO, dry_run: bool) -> None:
    """Add the feeds an OPML file lists (a feed reader's export) to feeds.yaml.
    Feeds already listed are skipped; folders and categories become tags.

    \b
    Example:
      watcher feeds import subscriptions.opml --dry-run
    """
    config = state.config
    plan = feedlist.plan(config.feeds, feedlist.read_opml(opml.read(), opml.name))
    if plan.add and not dry_run:
        feedlist.add_to_file(config.path, plan.add)
    for spec in plan.add:
        click.echo(f"{'would add' if dry_run else 'added'} {spec.name}: {mask_url(spec.url)}")
    for spec, why in plan.skip:
        click.echo(f"skipped {spec.name}: {mask_url(spec.url)} ({why})")
    click.echo(
        f"{len(plan.add)} added, {len(plan.skip)} skipped" + (" (dry run)" if dry_run else "")
    )


@feeds.command("export")
@click.option(
    "-o", "--output", "target", type=click.File("wb"), default="-", help="File (default: stdout)."
)
@pass_state
@_handle_errors
def feeds_export(state: State, target: BinaryIO) -> None:
    """The feed list as OPML 2.0, for a feed reader or another watcher.

    \b
    Example:
      watcher feeds export -o feeds.opml
    """
    target.write(feedlist.write_opml(state.config.feeds))


_EVENT_COLUMNS = (
    Column("id", "id", "number"),
    Column("when", "created", "time"),
    Column("question", lambda r: f"{r['subject']}/{r['question']}"),
    Column("kind", "kind", optional=True),
    Column("answer", lambda r: r["display"] + ("" if r["confirmed"] else " (unconfirmed)")),
    Column("sources", lambda r: len(r["sources"]), "number", optional=True),
    Column(
        "delivery",
        lambda r: ", ".join(f"{k} {v}" for k, v in sorted(r["delivery"].items())),
        "status",
    ),
    Column("link", lambda r: r["sources"][0] if r["sources"] else None, "link"),
)


@cli.command()
@_subject_option
@output_options()
@pass_state
@_handle_errors
def events(state: State, subject: str | None, fmt: str | None) -> None:
    """Answer events, oldest first, and how their notifications fared.

    \b
    Kinds (the `kind` column and key):
      answered   a first answer
      changed    another answer, reported later than the one held
      refined    the same answer, more precise (June 2025 -> June 6, 2025)
      withdrawn  a date lost with no new one; the question is open again

    \b
    Examples:
      watcher events
      watcher events --json | jq '.[-1]'
    """
    _known(state.config, subject=subject)
    with state.app() as app, app.store.transaction() as session:
        rows = views.events(answer_rows.list_events(session, subject=subject))
    output.emit(rows, _EVENT_COLUMNS, fmt, empty="no events yet")


@cli.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="JSON list (documented keys).")
@click.option("--status", type=click.Choice(["pending", "sent", "dead"]), help="Only these rows.")
@click.pass_context
@_handle_errors
def outbox(ctx: click.Context, as_json: bool, status: str | None) -> None:
    """Notifications: pending, sent and dead (`outbox retry` re-queues).

    \b
    Example:
      watcher outbox --status dead
    """
    if ctx.invoked_subcommand is not None:
        return
    state = ctx.find_object(State)
    assert state is not None
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


@outbox.command("retry")
@click.argument("ids", metavar="[ID]...", nargs=-1, type=int)
@click.option("--dead", is_flag=True, help="Re-queue every dead notification.")
@pass_state
@_handle_errors
def outbox_retry(state: State, ids: tuple[int, ...], dead: bool) -> None:
    """Re-queue notifications: due now, tries counted afresh. Sent ones stay sent.

    \b
    Example:
      watcher outbox retry --dead
      watcher outbox retry 12 13
    """
    if bool(ids) == dead:
        raise click.UsageError("give notification IDs or --dead (one of them)")
    with state.app() as app, app.store.transaction() as session:
        count = outbox_rows.requeue(session, app.now(), ids=ids, dead=dead)
    click.echo(f"re-queued {count} notification{'s' if count != 1 else ''}")
    if ids and count < len(ids):
        _fail(f"{len(ids) - count} of the IDs are unknown or already sent")


@cli.group("notify")
def notify_group() -> None:
    """Notification targets (`notify:` in feeds.yaml, env WATCHER_NOTIFY).

    \b
    Example:
      watcher notify test
    """


@notify_group.command("test")
@click.option("--tag", help="Only the targets with this tag.")
@pass_state
@_handle_errors
def notify_test(state: State, tag: str | None) -> None:
    """Send a test message to each target and say whether it arrived (exit 1
    if any failed). URLs are shown with their secrets masked.

    \b
    Example:
      watcher notify test --tag ballerina
    """
    state.check_targets()
    targets = state.config.notify
    outcomes = asyncio.run(send_test(targets, tag))
    if not outcomes:
        _fail("no notify targets" + (f" with tag {tag!r}" if tag else " configured"), 2)
    for outcome in outcomes:
        if outcome.error is None:
            click.echo(f"ok   {outcome.label}")
        else:
            click.echo(f"FAIL {outcome.label}: {outcome.error}")
        if outcome.template_error:
            click.echo(f"     template: {outcome.template_error} (the default is used)")
    if any(o.error for o in outcomes):
        sys.exit(1)


@cli.group("export")
def export_group() -> None:
    """What watcher found, as documents: an Atom feed of answer events to
    subscribe to in a feed reader, or everything as JSON.

    \b
    Examples:
      watcher export atom -o /var/www/watcher.atom
      watcher export json > watcher.json
    """


@export_group.command("atom")
@_subject_option
@click.option(
    "-o", "--output", "target", type=click.File("wb"), default="-", help="File (default: stdout)."
)
@click.option(
    "--authority",
    default=export.DEFAULT_AUTHORITY,
    show_default=True,
    help="The tag: URI authority of the ids (e.g. your domain).",
)
@click.option("--self-url", help="Where the document will be served (its rel=self link).")
@pass_state
@_handle_errors
def export_atom(
    state: State, subject: str | None, target: BinaryIO, authority: str, self_url: str | None
) -> None:
    """A valid Atom 1.0 document of answer events, newest first. Each entry
    links the items that carry the news; ids are stable across exports.

    \b
    Example:
      watcher export atom --subject ballerina -o ballerina.atom
    """
    _known(state.config, subject=subject)
    with state.app() as app, app.store.transaction() as session:
        stored = answer_rows.list_events(session, subject=subject)
        names = [s.name for s in app.config.subjects if not subject or s.id == subject]
        document = export.atom_document(
            stored,
            title=f"watcher: {', '.join(names) or subject or 'answers'}",
            feed_key=f"events/{subject}" if subject else "events",
            authority=authority,
            self_url=self_url,
            now=app.now(),
        )
    target.write(document)


@export_group.command("json")
@_subject_option
@click.option(
    "-o", "--output", "target", type=click.File("wb"), default="-", help="File (default: stdout)."
)
@pass_state
@_handle_errors
def export_json(state: State, subject: str | None, target: BinaryIO) -> None:
    """Everything as one JSON document: questions, events, matches and feeds,
    with the same keys as their `--json` lists.

    \b
    Example:
      watcher export json -o snapshot.json
    """
    _known(state.config, subject=subject)
    with state.app() as app, app.store.transaction() as session:
        data = export.snapshot(session, app.config, app.now(), subject=subject)
    target.write(output.json_bytes(data))


@cli.command("backtest")
@click.argument("timeline_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--strict", is_flag=True, help="Exit 1 unless every expectation of the timeline is met."
)
@output_options(tabular=False)
@pass_state
@_handle_errors
def backtest_command(state: State, timeline_dir: Path, strict: bool, fmt: str | None) -> None:
    """Replay a folder of recorded feed snapshots (timeline.json + stepNN/*.xml)
    through parsing, matching and the answer rules, in memory: no network, no
    database, no notifications. Prints the events each step would produce and,
    where the timeline says what it expects, how they compare. Use it to tune
    subjects and questions in feeds.yaml before deploying them.

    \b
    Example:
      watcher --config feeds.yaml backtest ../shared/corpus/dev-timeline
    """
    timeline = replay.load_timeline(timeline_dir)
    as_json = output.chosen(fmt) == "json"
    results = []
    for result in replay.run(timeline, state.config):
        results.append(result)
        for line in () if as_json else replay.report(result):
            click.echo(line)
    total = replay.score(results)
    if as_json:
        steps = [replay.to_json(r, state.config) for r in results]
        scores = {"recall": total.recall, "precision": total.precision}
        scores |= {"state_accuracy": total.state_accuracy, "false_positives": total.false_positives}
        output.print_json({"timeline": timeline.name, "steps": steps, "score": scores})
    else:
        click.echo(f"summary: {replay.summary(total)}")
    if strict and not total.perfect:
        sys.exit(1)


@cli.group()
def db() -> None:
    """The database: where it is, its schema revision, upkeep.

    \b
    Examples:
      watcher db path
      watcher db upgrade
      watcher db vacuum
    """


@db.command("path")
@pass_state
@_handle_errors
def db_path(state: State) -> None:
    """Where the database is: the SQLite file, or the URL (password hidden).

    \b
    Example:
      sqlite3 "$(watcher db path)" .tables
    """
    click.echo(maintenance.location(state.config.database))


@db.command("upgrade")
@pass_state
@_handle_errors
def db_upgrade(state: State) -> None:
    """Apply the schema migrations this version ships (every command also does
    this on start; this one says what it did).

    \b
    Example:
      watcher --config /etc/watcher/feeds.yaml db upgrade
    """
    engine = make_engine(state.config.database)
    try:
        before = maintenance.revision(engine)
        upgrade(engine)
        after, newest = maintenance.revision(engine), maintenance.head(engine)
    finally:
        engine.dispose()
    if before == after:
        click.echo(f"already at the newest revision {after}")
    else:
        click.echo(f"upgraded from {before or 'an empty database'} to {after} (newest {newest})")


@db.command("vacuum")
@pass_state
@_handle_errors
def db_vacuum(state: State) -> None:
    """Give freed space back to the system (SQLite VACUUM; PostgreSQL VACUUM ANALYZE).

    \b
    Example:
      watcher db vacuum
    """
    where = maintenance.location(state.config.database)
    size = Path(where).stat().st_size if Path(where).is_file() else None
    store = Store.open(state.config.database)
    try:
        maintenance.vacuum(store.engine)
    finally:
        store.close()
    if size is None or not Path(where).is_file():
        click.echo(f"vacuumed {where}")
    else:
        click.echo(f"vacuumed {where}: {size:,} → {Path(where).stat().st_size:,} bytes")


def main() -> None:
    cli(prog_name="watcher")
