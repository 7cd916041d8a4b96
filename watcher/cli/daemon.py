"""Commands that do the work: poll once, run the daemon, check its health and
the configuration."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from watcher import output
from watcher.cli.common import State, address, handle_errors, pass_state
from watcher.daemon import logs
from watcher.errors import ConfigError
from watcher.masking import mask_text, mask_url
from watcher.output import Column

if TYPE_CHECKING:
    import httpx

    from watcher.app import App
    from watcher.poll import PollReport


@click.command()
@click.option("--once", is_flag=True, required=True, help="Poll every enabled feed now and exit.")
@click.option("--feed", "names", multiple=True, help="Only this feed (repeatable).")
@pass_state
@handle_errors
def poll(state: State, once: bool, names: tuple[str, ...]) -> None:
    """Poll feeds now, store what they say, send notifications, exit.

    \b
    Example:
      watcher poll --once
    """
    import asyncio

    state.check_targets()
    with state.app() as app:
        unknown = [n for n in names if app.config.feed(n) is None]
        if unknown:
            raise ConfigError(str(app.config.path), "feeds", f"no feed named {unknown[0]!r}")
        # A terminal gets a progress bar and a summary table; a pipe keeps the
        # plain per-feed lines and totals (the documented sample, parsed by scripts).
        fancy = output.out.is_terminal
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
    from watcher.notify import deliver_pending
    from watcher.poll import poll_feeds

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
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

    from watcher.fetch import make_client

    total = len(names) if names else sum(f.enabled for f in app.config.feeds)
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=output.out, transient=True) as progress:
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
    out = output.out
    out.print(output.table(rows, _POLL_COLUMNS))
    for title in report.event_titles:
        out.print(f"[bold green]event[/bold green] {title}", highlight=False)
    failed = f"[red]{report.failed} failed[/red]" if report.failed else "0 failed"
    out.print(
        f"{len(report.feeds)} feeds, {failed}, {report.new_entries} new entries, "
        f"{report.matches} matches, {report.events} events",
        highlight=False,
    )


@click.command()
@click.option(
    "--http",
    metavar="HOST:PORT",
    envvar="WATCHER_HTTP",
    callback=address,
    help="Also serve /healthz and /metrics here (env WATCHER_HTTP; off by default).",
)
@pass_state
@handle_errors
def run(state: State, http: tuple[str, int] | None) -> None:
    """Run the daemon: poll each feed on its interval, deliver notifications,
    stop cleanly on SIGINT/SIGTERM, reload feeds.yaml on SIGHUP.

    \b
    Example:
      watcher --config /etc/watcher/feeds.yaml run --http 127.0.0.1:9120
    """
    from watcher.app import single_daemon
    from watcher.daemon.malloc import limit_fragmentation
    from watcher.daemon.scheduler import run_daemon

    # Before the worker threads exist: their arenas are made under the limit.
    limit_fragmentation()
    logs.default_level(logging.INFO)
    state.check_targets()
    with single_daemon(state.config), state.app() as app:
        run_daemon(app, http)


@click.command()
@output.output_options(tabular=False)
@click.option("--strict", is_flag=True, help="Failing feeds and dead notifications count too.")
@click.option(
    "--http",
    metavar="HOST:PORT",
    callback=address,
    help="Ask a daemon's /healthz instead of reading the database.",
)
@pass_state
@handle_errors
def health(state: State, fmt: str | None, strict: bool, http: tuple[str, int] | None) -> None:
    """Is the daemon doing its work? Exit 0 healthy, 1 not: for scripts,
    container health checks and monitoring. `--json` prints one object
    (status, problems, warnings, facts).

    Reads the database: is it reachable, are due feeds being polled, which
    feeds fail, which notifications are pending or dead.

    \b
    Example:
      watcher health && echo fine
    """
    from watcher.daemon import health as health_check

    report = health_check.ask_daemon(*http) if http else health_check.check_database(state.config)
    if strict and report.warnings:
        report = health_check.Health(report.problems + report.warnings, (), report.facts)
    if output.chosen(fmt) == "json":
        output.print_json(report.as_json())
    else:
        for line in report.lines():
            click.echo(line)
    sys.exit(0 if report.healthy else 1)


@click.command()
@pass_state
@handle_errors
def check(state: State) -> None:
    """Validate the configuration and list its feeds and questions (exit 0 or 2).

    \b
    Example:
      watcher --config /etc/watcher/feeds.yaml check
    """
    from watcher.message import check_templates

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
