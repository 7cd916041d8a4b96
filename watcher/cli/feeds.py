"""``watcher feeds``: every feed's health, and edits of the feed list in
feeds.yaml that keep its comments."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import BinaryIO
from urllib.parse import urlsplit

import click

from watcher import output
from watcher.cli.common import State, handle_errors, pass_state
from watcher.errors import ConfigError
from watcher.masking import mask_text, mask_url
from watcher.output import Column, output_options

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


@click.group(invoke_without_command=True)
@output_options()
@click.pass_context
@handle_errors
def feeds(ctx: click.Context, fmt: str | None) -> None:
    """Health of every feed (status, last error, next poll); the subcommands
    edit the feed list in feeds.yaml, keeping its comments.

    \b
    Examples:
      watcher feeds --json
      watcher feeds add https://www.indiewire.com/ --name IndieWire
      watcher feeds export > feeds.opml
    """
    from watcher import queries

    if ctx.invoked_subcommand is not None:
        return
    state = ctx.find_object(State)
    assert state is not None
    with state.app() as app:
        rows = queries.feeds(app.store)
    output.emit(rows, _FEED_COLUMNS, fmt, empty="no feeds")


@feeds.command("add")
@click.argument("url")
@click.option("--name", help="Its name in feeds.yaml (default: the feed's own title).")
@click.option("--tag", "tags", multiple=True, help="A tag for notification routing (repeatable).")
@click.option("--dry-run", is_flag=True, help="Check the URL and show the entry; change nothing.")
@pass_state
@handle_errors
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
    import asyncio

    from watcher import feedlist

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
@handle_errors
def feeds_enable(state: State, name: str) -> None:
    """Poll again a feed that was disabled because its server said it is gone
    (HTTP 410, or 404 for longer than poll.gone_after): due at once, failure
    count reset. A feed disabled in feeds.yaml is enabled there instead.

    \b
    Example:
      watcher feeds enable Deadline
    """
    from watcher.store import feeds as feed_rows

    with state.app() as app, app.store.transaction() as connection:
        try:
            reason = feed_rows.enable(connection, name, datetime.now(UTC))
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
@handle_errors
def feeds_import(state: State, opml: BinaryIO, dry_run: bool) -> None:
    """Add the feeds an OPML file lists (a feed reader's export) to feeds.yaml.
    Feeds already listed are skipped; folders and categories become tags.

    \b
    Example:
      watcher feeds import subscriptions.opml --dry-run
    """
    from watcher import feedlist

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
@handle_errors
def feeds_export(state: State, target: BinaryIO) -> None:
    """The feed list as OPML 2.0, for a feed reader or another watcher.

    \b
    Example:
      watcher feeds export -o feeds.opml
    """
    from watcher import feedlist

    target.write(feedlist.write_opml(state.config.feeds))
