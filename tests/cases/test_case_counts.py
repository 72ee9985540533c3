"""Counts kept between visits (cases/counts.py) are right again on the very next visit after anything that changes
them: Mijn werk's case counts after a case, a participation, a membership or the day; the triage queue's count
after a signal, however it was written.

Each test commits what it writes, as requests do: inside a transaction that has written, nothing is kept.
"""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.models import Signal
from partners.models import Membership
from privacy.anonymise import signals_anonymise
from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)

COUNTING = 'COUNT("cases_case"."id")'


# Each visit renders the page afresh (a hard reload), not the kept page (accounts/kept_pages.py): its counts are kept.
AFRESH = {"cache-control": "no-cache"}


def visit(client):
    """(open cases, all cases) as the home page shows them, and whether it counted them in the database."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("cases:home"), headers=AFRESH)
    counted = any(COUNTING in query["sql"] for query in queries.captured_queries)
    return (response.context["case_count"], response.context["all_case_count"]), counted


@pytest.fixture
def signed_in(client, cast):
    client.force_login(cast.participant)
    return client


def test_the_second_visit_does_not_count_again(signed_in):
    assert visit(signed_in) == ((1, 1), True)
    assert visit(signed_in) == ((1, 1), False)


def test_a_new_case_of_my_organisation_counts_at_once(signed_in, cast):
    visit(signed_in)
    case = f.CaseFactory(lead_organisation=cast.case.lead_organisation)
    f.CaseParticipantFactory(case=case, organisation=cast.case.lead_organisation)
    assert visit(signed_in)[0] == (2, 2)


def test_a_closed_case_is_no_longer_open(signed_in, cast):
    visit(signed_in)
    cast.case.close(by=cast.case.case_director, reason="nuisance_stopped")
    assert visit(signed_in)[0] == (0, 1)


def test_an_ended_participation_counts_at_once_or_on_its_day(client, cast):
    partner = f.OrganisationFactory(name="Woonstad")
    colleague = f.UserFactory(username="woonstad", organisation=partner)
    f.CaseParticipantFactory(case=cast.case, organisation=partner)
    client.force_login(colleague)
    assert visit(client)[0] == (1, 1)

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    cast.case.end_participation(partner, by=cast.case.case_director, on=tomorrow)
    assert visit(client) == ((1, 1), True)  # still taking part today, counted again after the change
    with time_machine.travel(tomorrow + datetime.timedelta(days=1), tick=False):
        client.force_login(colleague)
        assert visit(client)[0] == (0, 0)

    cast.case.end_participation(partner, by=cast.case.case_director)  # from today: through update(), no signal
    assert visit(client)[0] == (0, 0)


def test_a_new_membership_brings_its_organisations_cases(signed_in, cast):
    visit(signed_in)
    other = f.OrganisationFactory(name="GGD")
    case = f.CaseFactory(lead_organisation=other)
    f.CaseParticipantFactory(case=case, organisation=other)
    Membership.objects.create(user=cast.participant, organisation=other, role="professional")
    assert visit(signed_in)[0] == (2, 2)


def test_people_of_the_same_organisations_share_the_counts_others_do_not(client, cast):
    colleague = f.UserFactory(username="collega", organisation=cast.case.lead_organisation)
    client.force_login(cast.participant)
    visit(client)
    client.force_login(colleague)
    assert visit(client) == ((1, 1), False)
    client.force_login(cast.outsider)
    assert visit(client)[0] == (0, 0)


# The triage queue's count ---------------------------------------------------------------------------

SIGNAL_COUNTING = 'SELECT COUNT(*) AS "__count" FROM "cases_signal"'


def queue(client, query=""):
    """(how many signals the queue says it found, whether it counted them in the database)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("cases:signal_list") + query, headers=AFRESH)
    counted = any(query["sql"].startswith(SIGNAL_COUNTING) for query in queries.captured_queries)
    return response.context["page"].paginator.count, counted


@pytest.fixture
def reporter(client):
    police = f.OrganisationFactory(name="Politie Amsterdam")
    officer = f.UserFactory(username="agent", organisation=police)
    for text in ("harde muziek", "rook in het trappenhuis"):
        f.SignalFactory(reporting_organisation=police, reported_by=officer, description=text)
    client.force_login(officer)
    return officer


def test_the_queue_counts_a_query_once_then_keeps_it(client, reporter):
    assert queue(client) == (2, True)
    assert queue(client) == (2, False)
    assert queue(client, "?page=1&ordering=category") == (2, False)  # the same signals, another page or order
    assert queue(client, "?severity=high") == (0, True)


def test_a_new_or_changed_signal_counts_at_once(client, reporter):
    assert queue(client, "?status=new") == (2, True)
    signal = f.SignalFactory(reporting_organisation=reporter.memberships.get().organisation, reported_by=reporter)
    assert queue(client, "?status=new")[0] == 3
    signal.mark_triaged(by=reporter)
    assert queue(client, "?status=new")[0] == 2


def test_an_anonymised_signal_is_no_longer_found_by_its_words(client, reporter):
    assert queue(client, "?q=muziek")[0] == 1
    signals_anonymise(Signal.objects.filter(description="harde muziek"))  # update(): no signal sent
    assert queue(client, "?q=muziek")[0] == 0


def test_someone_who_sees_other_signals_gets_their_own_count(client, reporter):
    queue(client)
    client.force_login(f.UserFactory(username="buitenstaander"))
    assert queue(client) == (0, True)
