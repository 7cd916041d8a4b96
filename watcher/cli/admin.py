"""Commands around the work: notification targets, documents of what was
found, replaying timelines, and the database."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO

import click

from watcher import output
from watcher.cli.common import State, fail, handle_errors, known, pass_state, subject_option
from watcher.export import DEFAULT_AUTHORITY
from watcher.output import output_options


@click.group("notify")
def notify_group() -> None:
    """Notification targets (`notify:` in feeds.yaml, env WATCHER_NOTIFY).

    \b
    Example:
      watcher notify test
    """


@notify_group.command("test")
@click.option("--tag", help="Only the targets with this tag.")
@pass_state
@handle_errors
def notify_test(state: State, tag: str | None) -> None:
    """Send a test message to each target and say whether it arrived (exit 1
    if any failed). URLs are shown with their secrets masked.

    \b
    Example:
      watcher notify test --tag ballerina
    """
    import asyncio

    from watcher.notify import send_test

    state.check_targets()
    targets = state.config.notify
    outcomes = asyncio.run(send_test(targets, tag))
    if not outcomes:
        fail("no notify targets" + (f" with tag {tag!r}" if tag else " configured"), 2)
    for outcome in outcomes:
        if outcome.error is None:
            click.echo(f"ok   {outcome.label}")
        else:
            click.echo(f"FAIL {outcome.label}: {outcome.error}")
        if outcome.template_error:
            click.echo(f"     template: {outcome.template_error} (the default is used)")
    if any(o.error for o in outcomes):
        sys.exit(1)


@click.group("export")
def export_group() -> None:
    """What watcher found, as documents: an Atom feed of answer events to
    subscribe to in a feed reader, or everything as JSON.

    \b
    Examples:
      watcher export atom -o /var/www/watcher.atom
      watcher export json > watcher.json
    """


@export_group.command("atom")
@subject_option
@click.option(
    "-o", "--output", "target", type=click.File("wb"), default="-", help="File (default: stdout)."
)
@click.option(
    "--authority",
    default=DEFAULT_AUTHORITY,
    show_default=True,
    help="The tag: URI authority of the ids (e.g. your domain).",
)
@click.option("--self-url", help="Where the document will be served (its rel=self link).")
@pass_state
@handle_errors
def export_atom(
    state: State, subject: str | None, target: BinaryIO, authority: str, self_url: str | None
) -> None:
    """A valid Atom 1.0 document of answer events, newest first. Each entry
    links the items that carry the news; ids are stable across exports.

    \b
    Example:
      watcher export atom --subject ballerina -o ballerina.atom
    """
    from watcher import export
    from watcher.store import answers as answer_rows

    known(state.config, subject=subject)
    with state.app() as app, app.store.transaction() as connection:
        stored = answer_rows.list_events(connection, subject=subject)
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
@subject_option
@click.option(
    "-o", "--output", "target", type=click.File("wb"), default="-", help="File (default: stdout)."
)
@pass_state
@handle_errors
def export_json(state: State, subject: str | None, target: BinaryIO) -> None:
    """Everything as one JSON document: questions, events, matches and feeds,
    with the same keys as their `--json` lists.

    \b
    Example:
      watcher export json -o snapshot.json
    """
    from watcher import queries

    known(state.config, subject=subject)
    with state.app() as app:
        data = queries.snapshot(app.store, app.config, app.now(), subject=subject)
    target.write(output.json_bytes(data))


@click.command("backtest")
@click.argument("timeline_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--strict", is_flag=True, help="Exit 1 unless every expectation of the timeline is met."
)
@output_options(tabular=False)
@pass_state
@handle_errors
def backtest(state: State, timeline_dir: Path, strict: bool, fmt: str | None) -> None:
    """Replay a folder of recorded feed snapshots (timeline.json + stepNN/*.xml)
    through the poll's own parsing, matching and answer rules, into a throwaway
    database: no network, no notifications, your database untouched. Prints the
    events each step would produce and, where the timeline says what it
    expects, how they compare. Use it to tune subjects and questions in
    feeds.yaml before deploying them.

    \b
    Example:
      watcher --config feeds.yaml backtest ../shared/corpus/dev-timeline
    """
    from watcher import backtest as replay

    timeline = replay.load_timeline(timeline_dir)
    as_json = output.chosen(fmt) == "json"
    results = []
    for result in replay.run(timeline, state.config):
        results.append(result)
        for line in () if as_json else replay.report(result):
            click.echo(line)
    total = replay.score(results)
    if as_json:
        steps = [replay.to_json(r) for r in results]
        scores = {"recall": total.recall, "precision": total.precision}
        scores |= {"state_accuracy": total.state_accuracy, "false_positives": total.false_positives}
        output.print_json({"timeline": timeline.name, "steps": steps, "score": scores})
    else:
        click.echo(f"summary: {replay.summary(total)}")
    if strict and not total.perfect:
        sys.exit(1)


@click.group()
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
@handle_errors
def db_path(state: State) -> None:
    """Where the database is: the SQLite file, or the URL (password hidden).

    \b
    Example:
      sqlite3 "$(watcher db path)" .tables
    """
    from watcher.store import maintenance

    click.echo(maintenance.location(state.config.database))


@db.command("upgrade")
@pass_state
@handle_errors
def db_upgrade(state: State) -> None:
    """Apply the schema migrations this version ships (every command also does
    this on start; this one says what it did).

    \b
    Example:
      watcher --config /etc/watcher/feeds.yaml db upgrade
    """
    from watcher.store import maintenance
    from watcher.store.engine import make_engine, upgrade

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
@handle_errors
def db_vacuum(state: State) -> None:
    """Give freed space back to the system (SQLite VACUUM; PostgreSQL VACUUM ANALYZE).

    \b
    Example:
      watcher db vacuum
    """
    from watcher.store import Store, maintenance

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
