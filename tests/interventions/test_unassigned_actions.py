"""An action for the organisation, nobody in particular (the action form's default), on every page it shows."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from interventions.reviews import review_schedule
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def unassigned(cast):
    return f.ActionFactory(case=cast.case, organisation=cast.case.lead_organisation, assignee=None, due_on=None)


def test_the_case_page_shows_an_action_for_nobody_in_particular(client, cast, unassigned):
    client.force_login(cast.participant)
    response = client.get(reverse("cases:detail", args=[cast.case.pk]))
    assert response.status_code == 200
    assert unassigned.title in response.content.decode()


def test_the_review_page_shows_an_overdue_action_for_nobody_in_particular(client, cast, unassigned):
    unassigned.due_on = timezone.localdate() - datetime.timedelta(days=3)
    unassigned.save()
    review = review_schedule(cast.case, by=cast.case.case_director, scheduled_for=timezone.now())
    client.force_login(cast.participant)
    response = client.get(reverse("interventions:review", args=[cast.case.pk, review.pk]))
    assert response.status_code == 200
    assert unassigned.title in response.content.decode()
