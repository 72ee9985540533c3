"""The home page, "Mijn werk": my open actions, my cases and recent signals."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories as f

# The home page costs the same number of queries however much there is to show:
#  1 user (the session comes from the cache), 2 my memberships with their
#  organisations and 3 the neighbourhoods of my teams (read once per request, for
#  need-to-know and the header), 4 my open actions (with their case), 5 count of
#  my open actions (only when the list is full: fewer are all there are),
#  6 my open cases (with neighbourhood), 7 count of my open cases
#  (the first visit: then kept, cases/counts.py),
#  8 recent signals (with neighbourhood and reporting organisation),
#  9 unread notifications for the header.
HOME_QUERIES = 9


def add_work(cast, n):
    """n more open actions, open cases and signals for the participant."""
    for i in range(n):
        case = f.CaseFactory(neighbourhood=cast.case.neighbourhood, lead_organisation=cast.case.lead_organisation)
        f.CaseParticipantFactory(case=case, organisation=cast.case.lead_organisation)
        f.ActionFactory(case=case, assignee=cast.participant, organisation=cast.case.lead_organisation)
        f.SignalFactory(
            neighbourhood=f.NeighbourhoodFactory() if i % 2 else cast.case.neighbourhood,
            reporting_organisation=cast.case.lead_organisation,
            reported_by=cast.participant,
        )


@pytest.mark.django_db
@pytest.mark.parametrize("extra_rows, queries", [(0, HOME_QUERIES - 1), (30, HOME_QUERIES)])
def test_home_costs_a_fixed_number_of_queries(client, cast, django_assert_num_queries, extra_rows, queries):
    add_work(cast, extra_rows)
    client.force_login(cast.participant)
    with django_assert_num_queries(queries):
        response = client.get(reverse("cases:home"))
    assert response.status_code == 200


@pytest.mark.django_db
def test_home_shows_my_open_actions_cases_and_signals(client, cast):
    client.force_login(cast.participant)
    response = client.get(reverse("cases:home"))
    content = response.content.decode()
    assert "Mijn werk" in content
    assert cast.action.title in content
    assert cast.case.title in content
    assert reverse("cases:detail", args=[cast.case.pk]) in content
    assert cast.case.neighbourhood.name in content
    assert f"Gemeld door {cast.signal.reporting_organisation.name}" in content


@pytest.mark.django_db
def test_overdue_actions_come_first_and_are_marked_in_words(client, cast):
    today = timezone.localdate()
    overdue = f.ActionFactory(
        case=cast.case,
        assignee=cast.participant,
        organisation=cast.case.lead_organisation,
        title="Te laat: verhuurder bellen",
        due_on=today - datetime.timedelta(days=3),
    )
    undated = f.ActionFactory(
        case=cast.case, assignee=cast.participant, organisation=cast.case.lead_organisation, title="Ooit", due_on=None
    )
    client.force_login(cast.participant)
    content = client.get(reverse("cases:home")).content.decode()
    assert content.index(overdue.title) < content.index(cast.action.title) < content.index(undated.title)
    assert content.count("Te laat</strong>") == 1  # the marker is text, not only a colour


@pytest.mark.django_db
def test_due_dates_are_written_the_dutch_way(client, cast):
    cast.action.due_on = datetime.date(2026, 11, 28)
    cast.action.save()
    client.force_login(cast.participant)
    content = client.get(reverse("cases:home")).content.decode()
    assert '<time datetime="2026-11-28">28 nov. 2026</time>' in content


@pytest.mark.django_db
def test_done_actions_and_other_peoples_actions_are_not_mine(client, cast):
    f.ActionFactory(
        case=cast.case,
        assignee=cast.participant,
        organisation=cast.case.lead_organisation,
        title="Al gedaan",
        done_at=timezone.now(),
    )
    f.ActionFactory(
        case=cast.case, assignee=cast.note_author, organisation=cast.own_note.organisation, title="Van een ander"
    )
    client.force_login(cast.participant)
    content = client.get(reverse("cases:home")).content.decode()
    assert "Al gedaan" not in content
    assert "Van een ander" not in content


@pytest.mark.django_db
def test_lists_are_capped_and_say_how_many_there_are(client, cast):
    add_work(cast, 24)
    client.force_login(cast.participant)
    response = client.get(reverse("cases:home"))
    assert response.context["action_count"] == 25
    assert len(response.context["actions"]) == 20
    assert len(response.context["signals"]) == 10
    assert "20 van 25" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("more, shown, total", [(18, 19, 19), (19, 20, 20), (20, 20, 21)])
def test_my_action_count_is_right_on_both_sides_of_a_full_list(client, cast, more, shown, total):
    # Below a full list the rows are the count; a full list asks the database how many there are in all.
    add_work(cast, more)
    client.force_login(cast.participant)
    response = client.get(reverse("cases:home"))
    assert (len(response.context["actions"]), response.context["action_count"]) == (shown, total)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["outsider", "manager"])
def test_non_participant_home_shows_no_case_or_actions(client, cast, who):
    # Even an action assigned to them stays hidden while their organisation takes no part.
    user = getattr(cast, who)
    f.ActionFactory(case=cast.case, assignee=user, organisation=cast.case.lead_organisation, title="Verdwaald")
    client.force_login(user)
    content = client.get(reverse("cases:home")).content.decode()
    assert cast.case.title not in content
    assert cast.action.title not in content
    assert "Verdwaald" not in content


@pytest.mark.django_db
def test_manager_sees_signals_in_the_team_neighbourhood_outsider_does_not(client, cast):
    client.force_login(cast.manager)
    assert [row["pk"] for row in client.get(reverse("cases:home")).context["signals"]] == [cast.signal.pk]
    client.force_login(cast.outsider)
    assert list(client.get(reverse("cases:home")).context["signals"]) == []


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("cases:home"))
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next=/"
