"""The values between stages: a date answer's precision, and the message as stored."""

from __future__ import annotations

import pytest

from watcher.types import Answer, DateValue, EventKind, Message, MessageAnswer, MessageSource


@pytest.mark.parametrize(
    ("broad", "narrow", "expected"),
    [
        (("2025", "year"), ("2025-06", "month"), True),
        (("2025", "year"), ("2026-06-01", "day"), False),
        (("2025-summer", "season"), ("2025-07-04", "day"), True),
        # The release calendar's summer opens in May, not in April.
        (("2025-summer", "season"), ("2025-05-02", "day"), True),
        (("2025-summer", "season"), ("2025-04-25", "day"), False),
        (("2025-winter", "season"), ("2026-01-15", "day"), True),
        (("2025-winter", "season"), ("2025-01-15", "day"), False),
        (("2025-06", "month"), ("2025-06-13", "day"), True),
        (("2025-06", "month"), ("2025-07-13", "day"), False),
        (("2025-06-13", "day"), ("2025-06", "month"), False),
    ],
)
def test_a_broader_date_covers_a_finer_one_inside_it(
    broad: tuple[str, str], narrow: tuple[str, str], expected: bool
) -> None:
    a = Answer("date", broad[0], broad[0], broad[1])  # type: ignore[arg-type]
    b = Answer("date", narrow[0], narrow[0], narrow[1])  # type: ignore[arg-type]
    assert a.covers(b) is expected


@pytest.mark.parametrize(
    ("value", "read"),
    [
        ("2025-06-13", DateValue(2025, 6, 13)),
        ("2025-06", DateValue(2025, 6)),
        ("2025-fall", DateValue(2025, season="fall")),
        ("2025", DateValue(2025)),
        ("john wick", None),
        ("", None),
    ],
)
def test_a_date_value_reads_each_precision_and_nothing_else(
    value: str, read: DateValue | None
) -> None:
    assert DateValue.read(value) == read


def test_a_text_answer_covers_nothing() -> None:
    assert not Answer("text", "2025", "2025").covers(Answer("text", "2025-06", "2025-06"))


def test_a_message_survives_the_outbox_round_trip() -> None:
    message = Message(
        subject="tidewater",
        subject_name="Tidewater",
        question="release-date",
        question_label="When does Tidewater open?",
        kind=EventKind.CHANGED,
        answer_kind="date",
        answer=MessageAnswer("2027-03-05", "March 5, 2027", "day"),
        previous=MessageAnswer("2027", "2027", "year"),
        confirmed=False,
        evidence="Tidewater now opens March 5, 2027.",
        sources=(MessageSource("Harbor Daily", "Tidewater dated", "https://h.example/1", "t"),),
    )
    assert Message.from_json(message.to_json()) == message
    assert message.links == ["https://h.example/1"]
    assert message.image is None


def test_a_stored_message_missing_newer_fields_still_reads() -> None:
    old = {"subject": "s", "question": "q", "kind": "answered", "answer": {"value": "v"}}
    message = Message.from_json(old)
    assert (message.subject_name, message.question_label) == ("s", "q")
    assert message.answer == MessageAnswer("v", "")
    assert message.confirmed and message.sources == ()
