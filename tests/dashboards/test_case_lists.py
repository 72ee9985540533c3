"""The case lists under the dashboards' figures (dashboards/figures.py `visible_case_lists`): which cases they hold
is kept between visits, as ids only, and is right again on the very next visit after anything that changes it —
an action, a review date, a participation, the day — however it was written; per viewer's organisations.

Each test commits what it writes, as requests do: inside a transaction that has written, nothing is kept.
"""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.models import Case, CaseParticipant
from tests import factories as f

from .dashboard_world import build_world

pytestmark = pytest.mark.django_db(transaction=True)

# The search for a list's cases asks for their ids alone; the rows shown are read with their columns.
SEARCHING = 'SELECT "cases_case"."id" AS "pk" FROM "cases_case"'
AFRESH = {"cache-control": "no-cache"}  # the page rendered anew, not the reader's kept page


@pytest.fixture
def world():
    world = build_world()
    mine = world.reported[0]  # no review date, no action at all
    f.CaseParticipantFactory(case=mine, organisation=world.manager.memberships.get().organisation)
    Case.objects.filter(pk=mine.pk).update(title="Mijn casus")
    return world


def visit(client, url_name="partners"):
    """The titles the page lists ({list: [title, ...]}) and whether it searched the cases for them."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(f"dashboards:{url_name}"), headers=AFRESH)
    assert response.status_code == 200
    searched = any(SEARCHING in query["sql"] for query in queries.captured_queries)
    lists = ("overdue_reviews",) if url_name == "cases" else ("unowned", "unreviewed")
    return {name: [row["title"] for row in response.context[name][0]] for name in lists}, searched


@pytest.fixture
def signed_in(client, world):
    client.force_login(world.manager)
    return client


def test_the_second_visit_does_not_search_again(signed_in):
    first = visit(signed_in)
    assert first == ({"unowned": ["Mijn casus"], "unreviewed": ["Mijn casus"]}, True)
    assert visit(signed_in) == (first[0], False)


def test_an_owned_action_takes_the_case_off_its_list_at_once(signed_in, world):
    visit(signed_in)
    f.ActionFactory(case=world.reported[0], assignee=world.manager, organisation=world.woon)
    assert visit(signed_in) == ({"unowned": [], "unreviewed": ["Mijn casus"]}, True)


def test_a_review_date_written_by_update_takes_the_case_off_at_once(signed_in, world):
    visit(signed_in)
    Case.objects.filter(pk=world.reported[0].pk).update(next_review_on=timezone.localdate())
    assert visit(signed_in)[0] == {"unowned": ["Mijn casus"], "unreviewed": []}


def test_an_ended_participation_ends_the_listing_at_once_and_on_its_day(signed_in, world):
    visit(signed_in)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    CaseParticipant.objects.filter(
        case=world.reported[0], organisation=world.manager.memberships.get().organisation
    ).update(until=tomorrow)
    assert visit(signed_in) == ({"unowned": ["Mijn casus"], "unreviewed": ["Mijn casus"]}, True)
    with time_machine.travel(tomorrow + datetime.timedelta(days=1), tick=False):
        signed_in.force_login(world.manager)
        assert visit(signed_in) == ({"unowned": [], "unreviewed": []}, True)


def test_a_viewer_of_another_organisation_never_gets_the_lists_kept_for_mine(client, signed_in, world):
    visit(signed_in)
    colleague = f.UserFactory(username="elders", organisation=f.OrganisationFactory(name="Elders"), role="manager")
    world.team.members.add(colleague)
    client.force_login(colleague)
    assert visit(client) == ({"unowned": [], "unreviewed": []}, True)


def test_the_overdue_reviews_list_of_case_health_is_kept_the_same_way(signed_in, world):
    overdue = world.in_progress[0]
    f.CaseParticipantFactory(case=overdue, organisation=world.manager.memberships.get().organisation)
    Case.objects.filter(pk=overdue.pk).update(title="Review te laat")
    assert visit(signed_in, "cases") == ({"overdue_reviews": ["Review te laat"]}, True)
    assert visit(signed_in, "cases") == ({"overdue_reviews": ["Review te laat"]}, False)
    Case.objects.filter(pk=overdue.pk).update(next_review_on=timezone.localdate() + datetime.timedelta(days=7))
    assert visit(signed_in, "cases") == ({"overdue_reviews": []}, True)
