"""What a notification says, and to whom it goes: pure functions of a ``Message``.

An event becomes a ``Message`` once, at commit (``message_for``), and the outbox
keeps it; every delivery, digest, the Atom export and a replay's JSON render
from that stored value, so what was decided is what is said, however late it
is sent. Delivery (apprise, retries, attachments) is ``watcher.notify``.

Title ``Ballerina — release date changed: June 6, 2025 (was June 7, 2024)``; a
body with the evidence sentence, how many sources report it, and each outlet
with its item title and link. Only the event's own source links appear, never
another item's. A first-look image's URL is always in the body. The body is
written in the format the service takes (``text``, ``markdown`` or ``html``),
with feed text escaped for it.

A target may set ``title_template`` and ``body_template``: Python
``str.format`` strings (chosen over Jinja2 to add no dependency; feeds.yaml is
trusted, feed text is only ever a value). Fields: ``subject``, ``question``,
``kind``, ``headline``, ``answer``, ``previous``, ``evidence``, ``count``,
``outlets``, ``links``, ``sources`` (the rendered list), ``image``. Values are
escaped for the target's format. A body that names none of the event's links
gets the source list appended. ``watcher check`` refuses a template that fails
on a sample message, and one that still fails at send time falls back to the
default, with a log line saying why, so a mistake in a template never holds a
target's messages back.
"""

from __future__ import annotations

import functools
import hashlib
import html
import logging
import re
from collections.abc import Collection, Sequence
from typing import Any
from urllib.parse import quote

from watcher.config import NotifyTarget, SubjectConfig
from watcher.masking import mask_url
from watcher.outlets import own_report_first
from watcher.templates import TemplateError, render_template
from watcher.types import (
    Answer,
    Event,
    EventKind,
    Message,
    MessageAnswer,
    MessageSource,
    OutboxTarget,
)

log = logging.getLogger(__name__)

FORMATS = ("text", "markdown", "html")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def target_key(url: str) -> str:
    return hashlib.sha256(url.encode()).hexdigest()[:32]


def route(event: Event, targets: Sequence[NotifyTarget]) -> list[OutboxTarget]:
    """The targets an event goes to: untagged ones get everything; a tagged
    one only events whose subject or question id is among its tags."""
    wanted = {event.subject_id, event.question_id, f"{event.subject_id}/{event.question_id}"}
    seen: set[str] = set()
    routed = []
    for t in targets:
        key = target_key(t.url)
        if key not in seen and (not t.tags or wanted & set(t.tags)):
            seen.add(key)
            routed.append(OutboxTarget(key, mask_url(t.url)))
    return routed


def message_for(
    event: Event, subjects: Sequence[SubjectConfig], aggregators: Collection[str] = ()
) -> Message:
    """The event frozen as data. The outlet's own report leads (its evidence is
    quoted), explainers and aggregators' links follow (``aggregators``: names
    of aggregator feeds)."""
    subject = next((s for s in subjects if s.id == event.subject_id), None)
    question = next(
        (q for q in (subject.questions if subject else ()) if q.id == event.question_id), None
    )
    ranked = own_report_first(event.sources, aggregators)

    def answer(a: Answer) -> MessageAnswer:
        return MessageAnswer(a.value, a.display, a.precision)

    return Message(
        subject=event.subject_id,
        subject_name=subject.name if subject else event.subject_id,
        question=event.question_id,
        question_label=question.label if question and question.label else event.question_id,
        kind=event.kind,
        answer_kind=event.answer.kind,
        answer=answer(event.answer),
        previous=answer(event.previous) if event.previous else None,
        confirmed=event.confirmed,
        evidence=ranked[0].match.evidence,
        sources=tuple(
            # An aggregator's item is shown as the outlet it names.
            MessageSource(o.outlet or o.feed, o.title, o.link, o.reported.isoformat())
            for o in ranked
        ),
    )


# -- rendering ------------------------------------------------------------------------


def escape(text: str, fmt: str) -> str:
    if fmt == "html":
        return html.escape(text)
    if fmt == "markdown":
        return _MD_SPECIAL.sub(r"\\\1", text)
    return text


def headline(message: Message) -> str:
    """``release date changed: June 6, 2025 (was June 7, 2024)``."""
    question = message.question.replace("-", " ")
    answer = message.answer.display
    was = f" (was {message.previous.display})" if message.previous else ""
    if message.image:
        text = f"{question}: new image"
    elif message.kind == EventKind.CHANGED:
        text = f"{question} changed: {answer}{was}"
    elif message.kind == EventKind.REFINED:
        text = f"{question} refined: {answer}{was}"
    elif message.kind == EventKind.WITHDRAWN:
        text = f"{question} withdrawn: {answer}{was}"
    else:
        text = f"{question}: {answer}"
    return text + ("" if message.confirmed else " (unconfirmed)")


def _source_list(message: Message, fmt: str) -> str:
    lines = []
    for s in message.sources:
        outlet, title, link = (escape(x or "", fmt) for x in (s.feed, s.title, s.link))
        if fmt == "html":
            # The link is also written out: an email's plain-text part is made
            # from this HTML by apprise, which keeps the words of a link but
            # drops its href.
            item = f'<a href="{link}">{title or link}</a><br>{link}' if link else title
            lines.append(f"<li><b>{outlet}</b>: {item}</li>")
        elif fmt == "markdown":
            target = quote(s.link, safe=":/?#[]@!$&'*+,;=%~") if s.link else ""
            lines.append(f"- **{outlet}**: " + (f"[{title}]({target})" if target else title))
        else:
            lines.append(f"- {outlet}: {title}" + (f"\n  {link}" if link else ""))
    return f"<ul>{''.join(lines)}</ul>" if fmt == "html" else "\n".join(lines)


def _fields(message: Message, fmt: str) -> dict[str, Any]:
    esc = functools.partial(escape, fmt=fmt)
    return {
        "subject": esc(message.subject_name),
        "question": esc(message.question.replace("-", " ")),
        "kind": str(message.kind),
        "headline": esc(headline(message)),
        "answer": esc(message.answer.display),
        "previous": esc(message.previous.display if message.previous else ""),
        "evidence": esc(message.evidence),
        "count": len(message.sources),
        "outlets": esc(", ".join(dict.fromkeys(s.feed for s in message.sources))),
        "links": ("<br>" if fmt == "html" else "\n").join(esc(x) for x in message.links),
        "sources": _source_list(message, fmt),
        "image": esc(message.image or ""),
    }


def _default_body(f: dict[str, Any], fmt: str) -> str:
    count = f"{f['count']} source{'s' if f['count'] != 1 else ''}"
    if fmt == "html":
        # Quoted in words, not in a <blockquote>: apprise's plain-text part
        # renders that as a ">" glued to the first word (">From the World...").
        body = f"<p>“{f['evidence']}”</p><p>Reported by {count}:</p>{f['sources']}"
        image = f'<p>First-look image: <a href="{f["image"]}">{f["image"]}</a></p>'
    elif fmt == "markdown":
        body = f"> {f['evidence']}\n\nReported by **{count}**:\n{f['sources']}"
        image = f"\n\nFirst-look image: {f['image']}"
    else:
        body = f"“{f['evidence']}”\n\nReported by {count}:\n{f['sources']}"
        image = f"\n\nFirst-look image: {f['image']}"
    return body + (image if f["image"] else "")


def render(
    message: Message,
    fmt: str = "text",
    *,
    title_template: str | None = None,
    body_template: str | None = None,
) -> tuple[str, str]:
    """(title, body) for one event, the body in ``fmt`` (text, markdown or
    html). Raises ``TemplateError`` on a bad template."""
    fields = _fields(message, fmt)
    plain = _fields(message, "text")  # a title is never marked up
    title = (
        render_template(title_template, plain)
        if title_template
        else f"{plain['subject']} — {plain['headline']}"
    )
    if not body_template:
        return title, _default_body(fields, fmt)
    body = render_template(body_template, fields)
    links = message.links
    if links and not any(x in body or escape(x, fmt) in body for x in links):
        body += ("" if fmt == "html" else "\n\n") + fields["sources"]
    return title, body


def render_for(target: NotifyTarget, message: Message, fmt: str) -> tuple[str, str]:
    """``render`` with the target's templates, falling back to the default."""
    try:
        return render(
            message,
            fmt,
            title_template=target.title_template,
            body_template=target.body_template,
        )
    except Exception as exc:  # whatever it was, the message still goes out
        log.warning("notify template for %s failed, default used: %s", mask_url(target.url), exc)
        return render(message, fmt)


def render_digest(target: NotifyTarget, messages: Sequence[Message], fmt: str) -> tuple[str, str]:
    """One message for several events: a section per event, oldest first."""
    names = {m.subject_name for m in messages}
    about = f"{names.pop()} — " if len(names) == 1 else ""
    title = f"{about}{len(messages)} update{'s' if len(messages) != 1 else ''}"
    sections = []
    for message in messages:
        head, body = render_for(target, message, fmt)
        if fmt == "html":
            sections.append(f"<h3>{html.escape(head)}</h3>{body}")
        elif fmt == "markdown":
            sections.append(f"### {escape(head, fmt)}\n\n{body}")
        else:
            sections.append(f"{head}\n\n{body}")
    joiner = "<hr>" if fmt == "html" else "\n\n---\n\n"
    return title, joiner.join(sections)


_SAMPLE = Message(
    subject="film",
    subject_name="Film",
    question="release-date",
    question_label="release-date",
    kind=EventKind.CHANGED,
    answer_kind="date",
    answer=MessageAnswer("2025-06-06", "June 6, 2025", "day"),
    previous=MessageAnswer("2024-06-07", "June 7, 2024", "day"),
    confirmed=True,
    evidence="Film opens June 6, 2025.",
    sources=(MessageSource("Outlet", "Film dated", "https://example.com/1", ""),),
)


def check_templates(target: NotifyTarget) -> str | None:
    """None when the target's templates render, in every body format, else
    which template is wrong and why."""
    for name in ("title_template", "body_template"):
        template = getattr(target, name)
        for fmt in FORMATS if template else ():
            try:
                render_template(template, _fields(_SAMPLE, fmt))
            except TemplateError as exc:
                return f"{name}: {exc}"
    return None
