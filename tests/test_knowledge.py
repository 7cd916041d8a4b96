"""knowledge.decide: values in, decisions out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from watcher.config import QuestionConfig, SubjectConfig
from watcher.knowledge import KnownAnswer, decide, evidence_time, observe
from watcher.types import NO_DATE, Answer, Entry, EventKind, Match, Observation, is_withdrawn

T0 = datetime(2024, 8, 12, 12, tzinfo=UTC)
SUBJECTS = (
    SubjectConfig(
        id="film",
        name="Film",
        questions=(
            QuestionConfig(id="release-date", kind="date"),
            QuestionConfig(id="role", kind="text"),
            QuestionConfig(id="first-look", kind="image"),
            QuestionConfig(id="rumor-date", kind="date", notify_unconfirmed=True),
        ),
    ),
)


def day(value: str) -> Answer:
    d = datetime.fromisoformat(value)
    return Answer("date", value, f"{d:%B} {d.day}, {d.year}", "day")


def obs(
    answer: Answer,
    *,
    link: str,
    days: float = 0,
    question: str = "release-date",
    hedged: bool = False,
    confidence: float = 0.9,
    dated: bool = True,
) -> Observation:
    match = Match("film", question, f"The film opens {answer.display}.", answer, confidence, hedged)
    return Observation(match, "feed", link, link, "A title", T0 + timedelta(days=days), dated)


KEY = ("film", "release-date")


def test_first_answer_is_one_event_listing_every_source() -> None:
    decision = decide(
        {},
        [obs(day("2025-06-13"), link="a"), obs(day("2025-06-13"), link="b", days=1)],
        SUBJECTS,
    )
    assert len(decision.events) == 1
    event = decision.events[0]
    assert event.kind is EventKind.ANSWERED
    assert event.answer.value == "2025-06-13"
    assert {o.link for o in event.sources} == {"a", "b"}
    assert decision.current[KEY].answer.value == "2025-06-13"
    assert len(decision.sources) == 2


def test_same_value_again_is_a_silent_corroboration() -> None:
    known = {KEY: KnownAnswer(day("2025-06-13"), T0)}
    decision = decide(known, [obs(day("2025-06-13"), link="c", days=3)], SUBJECTS)
    assert decision.events == ()
    assert [s.observation.link for s in decision.sources] == ["c"]
    # The newer corroboration moves the evidence clock forward.
    assert decision.current[KEY].latest_evidence == T0 + timedelta(days=3)


def test_newer_different_value_is_a_change_from_to() -> None:
    known = {KEY: KnownAnswer(day("2025-06-13"), T0)}
    decision = decide(known, [obs(day("2025-05-30"), link="d", days=10)], SUBJECTS)
    (event,) = decision.events
    assert event.kind is EventKind.CHANGED
    assert event.previous == day("2025-06-13")
    assert event.answer.value == "2025-05-30"


def test_older_report_of_another_value_changes_nothing() -> None:
    known = {KEY: KnownAnswer(day("2025-05-30"), T0 + timedelta(days=10))}
    decision = decide(known, [obs(day("2025-06-13"), link="old", days=2)], SUBJECTS)
    assert decision.events == ()
    assert KEY not in decision.current
    # ...but it is still recorded as a source of that (older) value.
    assert decision.sources[0].answer.value == "2025-06-13"


def test_more_precise_consistent_value_is_a_refinement() -> None:
    month = Answer("date", "2025-06", "June 2025", "month")
    known = {KEY: KnownAnswer(month, T0)}
    decision = decide(known, [obs(day("2025-06-13"), link="e", days=1)], SUBJECTS)
    (event,) = decision.events
    assert event.kind is EventKind.REFINED
    assert event.previous == month


def test_vaguer_restatement_of_known_value_is_silent() -> None:
    known = {KEY: KnownAnswer(day("2025-06-13"), T0)}
    month = Answer("date", "2025-06", "June 2025", "month")
    decision = decide(known, [obs(month, link="f", days=5)], SUBJECTS)
    assert decision.events == ()
    assert KEY not in decision.current


def test_in_one_cycle_the_most_recent_report_wins() -> None:
    decision = decide(
        {},
        [
            obs(day("2025-06-13"), link="old", days=0),
            obs(day("2025-05-30"), link="new1", days=5),
            obs(day("2025-05-30"), link="new2", days=4),
        ],
        SUBJECTS,
    )
    (event,) = decision.events
    assert event.answer.value == "2025-05-30"
    assert [o.link for o in event.sources] == ["new1", "new2"]


def test_in_one_cycle_a_later_vaguer_report_does_not_beat_the_precise_one() -> None:
    known = {KEY: KnownAnswer(day("2025-06-13"), T0)}
    month = Answer("date", "2025-09", "September 2025", "month")
    decision = decide(
        known,
        [obs(day("2025-09-19"), link="precise", days=3), obs(month, link="headline", days=4)],
        SUBJECTS,
    )
    (event,) = decision.events
    assert (event.kind, event.answer.value) == (EventKind.CHANGED, "2025-09-19")
    # The precise item carries the evidence; the headline is a source of the same news.
    assert [o.link for o in event.sources] == ["precise", "headline"]
    assert decision.current[KEY].answer.value == "2025-09-19"


def test_in_one_cycle_a_later_report_of_another_month_still_wins() -> None:
    known = {KEY: KnownAnswer(day("2025-06-13"), T0)}
    month = Answer("date", "2025-10", "October 2025", "month")
    decision = decide(
        known,
        [obs(day("2025-09-19"), link="older", days=3), obs(month, link="newer", days=4)],
        SUBJECTS,
    )
    (event,) = decision.events
    assert event.answer.value == "2025-10"
    assert [o.link for o in event.sources] == ["newer"]


def test_hedged_reports_are_stored_unconfirmed_and_never_notify_by_default() -> None:
    known = {KEY: KnownAnswer(day("2025-05-30"), T0)}
    decision = decide(known, [obs(day("2025-07-04"), link="rumor", days=9, hedged=True)], SUBJECTS)
    assert decision.events == ()
    assert KEY not in decision.current
    assert [(s.answer.value, s.confirmed) for s in decision.sources] == [("2025-07-04", False)]


def test_hedged_reports_notify_as_unconfirmed_when_the_question_asks_for_it() -> None:
    decision = decide(
        {},
        [obs(day("2025-07-04"), link="rumor", question="rumor-date", hedged=True)],
        SUBJECTS,
    )
    (event,) = decision.events
    assert event.confirmed is False


def test_another_outlets_copy_of_a_known_image_is_not_news() -> None:
    image = Answer("image", "https://a.example/first.jpg", "https://a.example/first.jpg")
    other = Answer("image", "https://b.example/still.jpg", "https://b.example/still.jpg")
    known = {("film", "first-look"): KnownAnswer(image, T0)}
    decision = decide(known, [obs(other, link="g", days=2, question="first-look")], SUBJECTS)
    assert decision.events == ()


def test_text_answer_change_is_an_event() -> None:
    cameo = Answer("text", "cameo", "a cameo")
    lead = Answer("text", "john wick", "John Wick (reprising his role)")
    known = {("film", "role"): KnownAnswer(cameo, T0)}
    decision = decide(known, [obs(lead, link="h", days=3, question="role")], SUBJECTS)
    (event,) = decision.events
    assert (event.kind, event.answer.display) == (EventKind.CHANGED, lead.display)


def test_matches_without_answers_or_for_unknown_questions_are_ignored() -> None:
    no_answer = Observation(
        Match("film", "release-date", "The film is coming.", None, 0.5, False),
        "f",
        "i",
        "i",
        "t",
        T0,
    )
    unknown = obs(day("2025-01-01"), link="x", question="not-configured")
    assert decide({}, [no_answer, unknown], SUBJECTS).events == ()


def test_an_edited_source_that_now_says_otherwise_is_a_change_whatever_its_date() -> None:
    known = {KEY: KnownAnswer(day("2025-06-13"), T0, frozenset({("feed", "a")}))}
    edited = obs(day("2025-05-30"), link="a", days=0)  # same item, same date, new text
    (event,) = decide(known, [edited], SUBJECTS).events
    assert event.kind is EventKind.CHANGED


# --------------------------------------------------------------------------- withdrawn dates

NONE = Answer("date", NO_DATE, "no date", None)


def test_a_known_date_lost_is_a_withdrawn_event_naming_the_old_date() -> None:
    known = {KEY: KnownAnswer(day("2025-06-13"), T0)}
    decision = decide(known, [obs(NONE, link="pulled", days=5)], SUBJECTS)
    (event,) = decision.events
    assert event.kind is EventKind.WITHDRAWN
    assert event.previous == day("2025-06-13")
    assert is_withdrawn(event.answer)
    assert is_withdrawn(decision.current[KEY].answer)


def test_a_withdrawal_without_a_known_date_is_not_news() -> None:
    decision = decide({}, [obs(NONE, link="pulled")], SUBJECTS)
    assert decision.events == ()
    assert KEY not in decision.current


def test_a_withdrawal_older_than_the_known_date_is_history() -> None:
    known = {KEY: KnownAnswer(day("2025-06-13"), T0 + timedelta(days=10))}
    decision = decide(known, [obs(NONE, link="old-pull", days=2)], SUBJECTS)
    assert decision.events == ()
    assert KEY not in decision.current


def test_a_second_outlet_reporting_the_withdrawal_is_silent() -> None:
    known = {KEY: KnownAnswer(NONE, T0)}
    decision = decide(known, [obs(NONE, link="copy", days=1)], SUBJECTS)
    assert decision.events == ()


def test_a_new_date_after_a_withdrawal_answers_the_question_again() -> None:
    known = {KEY: KnownAnswer(NONE, T0 + timedelta(days=5))}
    decision = decide(known, [obs(day("2025-09-05"), link="new", days=30)], SUBJECTS)
    (event,) = decision.events
    assert (event.kind, event.previous) == (EventKind.ANSWERED, None)
    assert decision.current[KEY].answer == day("2025-09-05")
    # A stale report of the old date, dated before the withdrawal, does not bring it back.
    stale = decide(known, [obs(day("2025-06-13"), link="stale", days=1)], SUBJECTS)
    assert stale.events == () and KEY not in stale.current


def test_in_one_cycle_a_later_new_date_beats_the_withdrawal() -> None:
    known = {KEY: KnownAnswer(day("2025-06-13"), T0)}
    decision = decide(
        known,
        [obs(NONE, link="pulled", days=1), obs(day("2025-09-05"), link="redated", days=2)],
        SUBJECTS,
    )
    (event,) = decision.events
    assert event.kind is EventKind.CHANGED and event.answer == day("2025-09-05")


# --------------------------------------------------------------------------- undated items


def test_an_undated_item_is_dated_by_when_it_was_seen_and_marked_so() -> None:
    answer = day("2025-06-13")
    match = Match("film", "release-date", "It opens June 13.", answer, 0.9, False)
    undated = Entry("u", "u", "t", "", None, (), "h")
    dated = Entry("d", "d", "t", "", T0 + timedelta(days=9), (), "h")
    now = T0 + timedelta(days=2)
    (seen,) = observe("feed", undated, [match], now)
    assert (seen.reported, seen.dated) == (now, False)
    # A publication time in the future is no later than when it was seen.
    (ahead,) = observe("feed", dated, [match], now)
    assert (ahead.reported, ahead.dated) == (now, True)


def test_in_one_cycle_a_dated_report_outranks_a_later_undated_one() -> None:
    decision = decide(
        {},
        [
            obs(day("2025-06-13"), link="dated", days=1),
            obs(day("2025-07-04"), link="undated", days=5, dated=False),
        ],
        SUBJECTS,
    )
    (event,) = decision.events
    assert event.answer.value == "2025-06-13"


def test_an_undated_report_of_another_value_does_not_overturn_a_dated_answer() -> None:
    known = {KEY: KnownAnswer(day("2025-06-13"), T0)}
    decision = decide(known, [obs(day("2025-07-04"), link="u", days=30, dated=False)], SUBJECTS)
    assert decision.events == ()
    assert decision.current.get(KEY, known[KEY]).answer.value == "2025-06-13"


def test_a_dated_report_overturns_an_answer_only_undated_items_gave() -> None:
    known = {KEY: KnownAnswer(day("2025-06-13"), T0 + timedelta(days=30), dated=False)}
    decision = decide(known, [obs(day("2025-07-04"), link="d", days=1)], SUBJECTS)
    (event,) = decision.events
    assert event.kind is EventKind.CHANGED
    assert decision.current[KEY].dated is True


def test_evidence_time_prefers_dated_reports_whatever_their_times() -> None:
    later, earlier = T0 + timedelta(days=5), T0
    assert evidence_time(later, False, earlier, True) == (earlier, True)
    assert evidence_time(earlier, True, later, False) == (earlier, True)
    assert evidence_time(earlier, True, later, True) == (later, True)
    assert evidence_time(later, False, earlier, False) == (later, False)


def test_an_image_is_credited_to_the_first_report_that_carried_it() -> None:
    image = Answer("image", "https://a.example/first.jpg", "https://a.example/first.jpg")
    decision = decide(
        {},
        [
            obs(image, link="repost", days=2, question="first-look"),
            obs(image, link="original", days=0, question="first-look"),
            obs(image, link="undated", days=-1, question="first-look", dated=False),
        ],
        SUBJECTS,
    )
    (event,) = decision.events
    assert [o.link for o in event.sources][:2] == ["original", "repost"]
