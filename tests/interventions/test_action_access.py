"""Fetching one action (interventions/access.py): through its case's chokepoint, in two compiled queries."""

import pytest
from django.db import connection
from django.db.models import Q
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from interventions.access import get_action_for_user
from interventions.models import Action
from partners.viewer import viewer_of

pytestmark = pytest.mark.django_db


def test_an_action_is_visible_exactly_when_its_case_is(cast):
    # get_action_for_user asks only the case's chokepoint: a rule of the action's own would need it asked too.
    assert Action.objects.all()._within_case(viewer_of(cast.participant).organisation_ids) == Q()
    assert get_action_for_user(cast.participant, cast.action.pk) == cast.action
    for outsider in (cast.outsider, cast.manager):
        with pytest.raises(Http404):
            get_action_for_user(outsider, cast.action.pk)


def test_the_action_comes_with_the_case_the_chokepoint_read(cast):
    get_action_for_user(cast.participant, cast.action.pk)  # the viewer's memberships, once
    with CaptureQueriesContext(connection) as queries:
        action = get_action_for_user(cast.participant, cast.action.pk)
        described = (action.case.title, action.case.neighbourhood.name, action.assignee, action.organisation.name)
    assert len(queries.captured_queries) == 2  # the action, the case's participants with the case
    assert described == (
        cast.case.title,
        cast.case.neighbourhood.name,
        cast.participant,
        cast.case.lead_organisation.name,
    )


def test_what_cannot_be_an_action_is_not_found(cast):
    for pk in (0, -1, "x", None, 2**63, cast.action.pk + 1000):
        with pytest.raises(Http404):
            get_action_for_user(cast.participant, pk)
