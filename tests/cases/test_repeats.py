"""Repeat detection: what is already known about an address, as far as the user may know it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.repeats import REPEAT_WINDOW_DAYS, repeats_at
from tests import factories as f

NOW = timezone.make_aware(datetime.datetime(2026, 11, 28, 12, 0))
POSTCODE, NUMBER = "1094 AB", 12


def signal_at(cast, *, days_ago=1, postcode=POSTCODE, house_number=NUMBER, **fields):
    """A signal in the cast's neighbourhood (so the participant's team sees it)."""
    fields.setdefault("neighbourhood", cast.case.neighbourhood)
    return f.SignalFactory(
        postcode=postcode,
        house_number=house_number,
        occurred_at=NOW - datetime.timedelta(days=days_ago),
        **fields,
    )


@pytest.mark.django_db
def test_counts_signals_at_the_same_address_in_the_last_90_days(cast):
    inside = [signal_at(cast, days_ago=1), signal_at(cast, days_ago=89)]
    signal_at(cast, days_ago=91)

    repeats = repeats_at(cast.participant, "1094ab", "12", now=NOW)

    assert repeats.signal_count == 2
    assert [s.pk for s in repeats.signals] == [inside[0].pk, inside[1].pk]  # newest first


@pytest.mark.django_db
def test_the_window_includes_exactly_90_days_ago_and_nothing_earlier(cast):
    on_the_boundary = signal_at(cast, days_ago=REPEAT_WINDOW_DAYS)
    f.SignalFactory(
        neighbourhood=cast.case.neighbourhood,
        postcode=POSTCODE,
        house_number=NUMBER,
        occurred_at=NOW - datetime.timedelta(days=REPEAT_WINDOW_DAYS, minutes=1),
    )

    repeats = repeats_at(cast.participant, POSTCODE, NUMBER, now=NOW)

    assert [s.pk for s in repeats.signals] == [on_the_boundary.pk]


@pytest.mark.django_db
def test_other_addresses_are_not_repeats(cast):
    signal_at(cast, house_number=14)
    signal_at(cast, postcode="1094 AC")
    signal_at(cast, postcode="", house_number=None)

    assert repeats_at(cast.participant, POSTCODE, NUMBER, now=NOW).signal_count == 0


@pytest.mark.django_db
def test_signals_i_cannot_see_are_not_counted(cast):
    elsewhere = f.NeighbourhoodFactory()  # no team of mine covers it, and my organisation did not report it
    signal_at(cast, neighbourhood=elsewhere)
    mine = signal_at(cast, neighbourhood=elsewhere, reporting_organisation=cast.case.lead_organisation)

    repeats = repeats_at(cast.participant, POSTCODE, NUMBER, now=NOW)

    assert [s.pk for s in repeats.signals] == [mine.pk]
    assert repeats_at(cast.outsider, POSTCODE, NUMBER, now=NOW).signal_count == 0


@pytest.mark.django_db
def test_the_signal_being_looked_at_is_not_its_own_repeat(cast):
    this_one, other = signal_at(cast, days_ago=1), signal_at(cast, days_ago=2)

    repeats = repeats_at(cast.participant, POSTCODE, NUMBER, exclude=this_one, now=NOW)

    assert [s.pk for s in repeats.signals] == [other.pk]


@pytest.mark.django_db
def test_open_cases_at_the_address_that_i_take_part_in(cast):
    cast.case.postcode, cast.case.house_number = POSTCODE, NUMBER
    cast.case.save()
    # A case without an address of its own, but with a signal at the address.
    by_signal = f.CaseFactory(neighbourhood=cast.case.neighbourhood)
    f.CaseParticipantFactory(case=by_signal, organisation=cast.case.lead_organisation)
    signal_at(cast, case=by_signal)
    closed = f.CaseFactory(postcode=POSTCODE, house_number=NUMBER, status="closed")
    f.CaseParticipantFactory(case=closed, organisation=cast.case.lead_organisation)
    f.CaseFactory(postcode=POSTCODE, house_number=NUMBER)  # another organisation's case

    repeats = repeats_at(cast.participant, POSTCODE, NUMBER, now=NOW)

    assert {c.pk for c in repeats.cases} == {cast.case.pk, by_signal.pk}
    assert repeats_at(cast.manager, POSTCODE, NUMBER, now=NOW).cases == []  # sees the signals, not the cases


@pytest.mark.django_db
@pytest.mark.parametrize("postcode,number", [("", 12), ("1094 AB", ""), ("12345", 12), ("1094 AB", "twaalf")])
def test_no_address_no_lookup(cast, django_assert_num_queries, postcode, number):
    with django_assert_num_queries(0):
        repeats = repeats_at(cast.participant, postcode, number, now=NOW)
    assert not repeats
    assert not repeats.address_given


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 12])
def test_repeat_detection_costs_five_queries_however_many_repeats(cast, django_assert_num_queries, rows):
    for i in range(rows):
        signal_at(cast, days_ago=i + 1)
    cast.case.postcode, cast.case.house_number = POSTCODE, NUMBER
    cast.case.save()
    # 1 my memberships and 2 my teams' neighbourhoods (once per request, for need-to-know),
    # 3 count of the signals, 4 the newest few signals (with organisation), 5 open cases (with neighbourhood).
    with django_assert_num_queries(5):
        repeats = repeats_at(cast.participant, POSTCODE, NUMBER, now=NOW)
    assert repeats.signal_count == rows


@pytest.mark.django_db
def test_the_log_form_asks_for_repeats_when_the_address_is_typed(client, cast):
    for days_ago in (3, 20, 40):
        f.SignalFactory(
            neighbourhood=cast.case.neighbourhood,
            postcode=POSTCODE,
            house_number=NUMBER,
            occurred_at=timezone.now() - datetime.timedelta(days=days_ago),
        )
    client.force_login(cast.participant)

    response = client.get(reverse("cases:signal_repeats"), {"postcode": "1094ab", "house_number": "12"})

    assert response.status_code == 200
    assert response.context["repeats"].signal_count == 3
    assert [t.name for t in response.templates][0] == "cases/signals/_repeats.html"


@pytest.mark.django_db
def test_the_repeats_partial_shows_nothing_to_someone_who_sees_nothing(client, cast):
    signal_at(cast, days_ago=1)
    client.force_login(cast.outsider)

    response = client.get(reverse("cases:signal_repeats"), {"postcode": POSTCODE, "house_number": NUMBER})

    assert response.context["repeats"].signal_count == 0
