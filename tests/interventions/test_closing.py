"""Closing or cancelling a case settles its open work in the same step; a closed case takes no more planning."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from cases.models import TimelineEntry
from interventions.models import Action, Intervention
from interventions.reminders import reminders_claim
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(client, cast):
    """The cast's case with a running intervention and two open actions (one for nobody in particular), closed."""
    cast.intervention.status = "running"
    cast.intervention.save()
    f.ActionFactory(case=cast.case, organisation=cast.case.lead_organisation, assignee=None, due_on=None)
    client.force_login(cast.case.case_director)
    response = client.post(reverse("cases:change_status", args=[cast.case.pk, "closed"]), {"reason": "moved"})
    assert response.status_code == 302
    return cast


def test_closing_ends_open_interventions_and_actions_with_the_reason_on_the_timeline(closed):
    intervention = Intervention.objects.get(pk=closed.intervention.pk)
    assert (intervention.status, intervention.ended_with_case) == ("stopped", "moved")
    assert not Action.objects.filter(case=closed.case).open().exists()
    assert set(Action.objects.filter(case=closed.case).values_list("ended_with_case", flat=True)) == {"moved"}
    settled = TimelineEntry.objects.filter(case=closed.case, data__ended_with_case="moved")
    assert settled.count() == 3  # the intervention and both actions


def test_settled_actions_leave_my_actions_and_are_not_reminded(client, closed):
    client.force_login(closed.participant)
    assert closed.action.title not in client.get(reverse("interventions:mine")).content.decode()
    assert reminders_claim() == 0


def test_a_closed_case_page_offers_no_planning(client, closed):
    client.force_login(closed.case.case_director)
    content = client.get(reverse("cases:detail", args=[closed.case.pk])).content.decode()
    assert reverse("interventions:add_intervention", args=[closed.case.pk]) not in content
    assert reverse("interventions:add_action", args=[closed.case.pk]) not in content
    assert reverse("interventions:schedule_review", args=[closed.case.pk]) not in content
    assert reverse("interventions:start", args=[closed.case.pk, closed.intervention.pk]) not in content


def test_every_planning_verb_refuses_a_closed_case(closed):
    api = APIClient()
    api.force_login(closed.case.case_director)
    case = closed.case.pk
    lead = closed.case.lead_organisation.pk
    refused = [
        api.post(f"/api/interventions/{closed.intervention.pk}/start/"),
        api.post(f"/api/interventions/{closed.intervention.pk}/progress/", {"body": "Nog bezig"}, format="json"),
        api.post("/api/actions/", {"case": case, "title": "Nog iets", "organisation": lead}, format="json"),
        api.post(f"/api/actions/{closed.action.pk}/reopen/"),
        api.post("/api/reviews/", {"case": case, "scheduled_for": "2099-01-01T10:00:00Z"}, format="json"),
    ]
    assert [response.status_code for response in refused] == [400] * len(refused)
    assert all("closed" in str(response.json()) or "gesloten" in str(response.json()) for response in refused)


def test_cancelling_settles_the_work_too(client, cast):
    cast.case.status = "triage"
    cast.case.save()
    client.force_login(cast.case.case_director)
    client.post(reverse("cases:change_status", args=[cast.case.pk, "cancelled"]))
    assert Intervention.objects.get(pk=cast.intervention.pk).ended_with_case == "cancelled"
    assert Action.objects.get(pk=cast.action.pk).ended_with_case == "cancelled"


def test_reopening_a_settled_action_on_the_page_says_why_it_cannot(client, closed):
    client.force_login(closed.participant)
    response = client.post(reverse("interventions:reopen", args=[closed.action.pk]), follow=True)
    assert response.status_code == 200
    assert Action.objects.get(pk=closed.action.pk).done_at is not None


def test_the_complete_page_is_a_read_of_the_case(client, cast):
    from cases.models import AccessLogEntry

    client.force_login(cast.participant)
    assert client.get(reverse("interventions:complete", args=[cast.action.pk])).status_code == 200
    assert AccessLogEntry.objects.get().what == "action"
