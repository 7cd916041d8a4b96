"""Commands that read what watcher found: each is one call to
``watcher.queries`` and one print, in the shared output formats."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import click

from watcher import output
from watcher.cli.common import (
    Since,
    State,
    complete,
    fail,
    handle_errors,
    known,
    pass_state,
    question_option,
    subject_option,
)
from watcher.output import Column, output_options

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


@click.command()
@subject_option
@click.option("--history", is_flag=True, help="One row per answer each question has had.")
@output_options()
@pass_state
@handle_errors
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
    from watcher import queries

    known(state.config, subject=subject)
    with state.app() as app:
        rows = queries.questions(app.store, app.config, subject=subject)
    if not history:
        output.emit(rows, _QUESTION_COLUMNS, fmt, empty="no questions configured")
        return
    held = [{"subject": r["subject"], "question": r["id"], **h} for r in rows for h in r["history"]]
    output.emit(held, _HISTORY_COLUMNS, fmt, data=rows, empty="no answers yet")


_MATCH_COLUMNS = (
    Column("id", "id", "number"),
    Column("date", lambda r: r["published"] or r["found_at"], "time"),
    Column("outlet", "outlet"),  # an aggregator's item: the outlet it names
    Column("question", "question", optional=True),
    Column("value", lambda r: (r["display"] or "") + (" (hedged)" if r["hedged"] else "")),
    Column("title", "title", "long", optional=True),
    Column("evidence", "evidence", "long"),
    Column("link", "link", "link"),
)


@click.command()
@question_option
@subject_option
@click.option(
    "--since",
    type=Since(),
    metavar="7d|DATE",
    help="Only matches whose date (the `date` column: the item's publication time, or when "
    "it was found if it has none) is this recent: 30m, 12h, 1h30m, 7d, 2w, or a date.",
)
@click.option("--feed", shell_complete=complete("feed"), help="Only this feed.")
@click.option("--limit", type=click.IntRange(min=1), metavar="N", help="At most N rows.")
@output_options()
@pass_state
@handle_errors
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
    from watcher import queries

    known(state.config, subject=subject, question=question, feed=feed)
    with state.app() as app:
        rows = queries.matches(
            app.store, subject=subject, question=question, feed=feed, since=since, limit=limit
        )
    output.emit(rows, _MATCH_COLUMNS, fmt, empty="no matches")


@click.command()
@click.argument("ref", metavar="[match:|entry:|event:]ID")
@output_options(tabular=False)
@pass_state
@handle_errors
def show(state: State, ref: str, fmt: str | None) -> None:
    """One match (the default), stored entry or event, in full.

    \b
    Examples:
      watcher show 42               # a match id from `watcher matches`
      watcher show entry:17 --json  # an item, its text and its matches
      watcher show event:3          # an event and the notification it sent
    """
    from watcher import queries

    kind, _, number = ref.rpartition(":")
    if kind not in ("", "match", "entry", "event") or not number.isdigit():
        raise click.BadParameter("write ID, match:ID, entry:ID or event:ID", param_hint="REF")
    with state.app() as app:
        found = queries.record(app.store, kind or "match", int(number))
    if found is None:
        # A wrong id is a usage error, like a malformed one (exit 2).
        fail(f"no {kind or 'match'} with id {number}", 2)
        return
    output.record(_record_fields(kind or "match", found), fmt, found)


def _record_fields(kind: str, row: dict[str, Any]) -> list[tuple[str, Any]]:
    from watcher import views

    keys: tuple[str, ...]
    if kind == "event":
        from watcher.message import render
        from watcher.types import Message

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
            *views.article_lines(row),  # outlet, article page read, what the text is
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


@click.command()
@subject_option
@output_options()
@pass_state
@handle_errors
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
    from watcher import queries

    known(state.config, subject=subject)
    with state.app() as app:
        rows = queries.events(app.store, subject=subject)
    output.emit(rows, _EVENT_COLUMNS, fmt, empty="no events yet")


_OUTBOX_COLUMNS = (
    Column("id", "id", "number"),
    Column("event", "event", "number"),
    Column("target", "target"),
    Column("status", "status", "status"),
    Column("attempts", "attempts", "number"),
    Column("last error", "last_error", "long"),
)


@click.group(invoke_without_command=True)
@click.option("--status", type=click.Choice(["pending", "sent", "dead"]), help="Only these rows.")
@output_options()
@click.pass_context
@handle_errors
def outbox(ctx: click.Context, status: str | None, fmt: str | None) -> None:
    """Notifications: pending, sent and dead (`outbox retry` re-queues).

    \b
    Example:
      watcher outbox --status dead
    """
    from watcher import queries

    if ctx.invoked_subcommand is not None:
        return
    state = ctx.find_object(State)
    assert state is not None
    with state.app() as app:
        rows = queries.outbox(app.store, status=status)
    output.emit(rows, _OUTBOX_COLUMNS, fmt, empty="no notifications")


@outbox.command("retry")
@click.argument("ids", metavar="[ID]...", nargs=-1, type=int)
@click.option("--dead", is_flag=True, help="Re-queue every dead notification.")
@pass_state
@handle_errors
def outbox_retry(state: State, ids: tuple[int, ...], dead: bool) -> None:
    """Re-queue notifications: due now, tries counted afresh. Sent ones stay sent.

    \b
    Example:
      watcher outbox retry --dead
      watcher outbox retry 12 13
    """
    from watcher.store import outbox as outbox_rows

    if bool(ids) == dead:
        raise click.UsageError("give notification IDs or --dead (one of them)")
    with state.app() as app, app.store.transaction() as connection:
        count = outbox_rows.requeue(connection, app.now(), ids=ids, dead=dead)
    click.echo(f"re-queued {count} notification{'s' if count != 1 else ''}")
    if ids and count < len(ids):
        fail(f"{len(ids) - count} of the IDs are unknown or already sent")
