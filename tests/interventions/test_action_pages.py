"""Mijn acties and Acties van mijn organisatie: overdue first, filterable, ticked off with a result."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from interventions.models import Action
from tests import factories as f

TODAY = timezone.localdate()


def due(days):
    return TODAY + datetime.timedelta(days=days)


@pytest.fixture
def logged_in(client, cast):
    client.force_login(cast.participant)
    return client


def titles(response):
    return [action.title for action in response.context["page"].object_list]


def test_my_actions_show_overdue_first(logged_in, cast):
    org = cast.case.lead_organisation
    f.ActionFactory(case=cast.case, organisation=org, assignee=cast.participant, title="Later", due_on=due(10))
    f.ActionFactory(case=cast.case, organisation=org, assignee=cast.participant, title="Te laat", due_on=due(-2))
    response = logged_in.get(reverse("interventions:mine"))
    assert titles(response)[0] == "Te laat"
    assert "Later" in titles(response)


def test_filters_overdue_done_and_text(logged_in, cast):
    org = cast.case.lead_organisation
    f.ActionFactory(case=cast.case, organisation=org, assignee=cast.participant, title="Te laat", due_on=due(-2))
    done = f.ActionFactory(case=cast.case, organisation=org, assignee=cast.participant, title="Klaar")
    done.complete(by=cast.participant, result="ok")
    url = reverse("interventions:mine")
    assert titles(logged_in.get(url, {"show": "overdue"})) == ["Te laat"]
    assert titles(logged_in.get(url, {"show": "done"})) == ["Klaar"]
    assert titles(logged_in.get(url, {"q": "laat"})) == ["Te laat"]
    assert logged_in.get(url, {"show": "nonsense"}).status_code == 200


def test_organisation_actions_include_colleagues_and_organisation_wide_ones(logged_in, cast):
    org = cast.case.lead_organisation
    colleague = f.UserFactory(organisation=org)
    f.ActionFactory(case=cast.case, organisation=org, assignee=colleague, title="Van collega")
    f.ActionFactory(case=cast.case, organisation=org, assignee=None, title="Voor de organisatie")
    found = titles(logged_in.get(reverse("interventions:organisation")))
    assert {"Van collega", "Voor de organisatie", cast.action.title} <= set(found)


def test_a_non_participant_sees_no_actions_and_gets_404_on_completing(client, cast):
    client.force_login(cast.outsider)
    assert titles(client.get(reverse("interventions:organisation"))) == []
    assert client.get(reverse("interventions:complete", args=[cast.action.pk])).status_code == 404
    assert client.post(reverse("interventions:complete", args=[cast.action.pk]), {"result": "x"}).status_code == 404


def test_completing_needs_a_result_and_keeps_the_text_on_error(logged_in, cast):
    url = reverse("interventions:complete", args=[cast.action.pk])
    response = logged_in.post(url, {"result": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["result"]
    assert not Action.objects.get(pk=cast.action.pk).is_done

    response = logged_in.post(url, {"result": "Bewoner gesproken", "next": reverse("cases:home")})
    assert response.status_code == 302 and response.url == reverse("cases:home")
    action = Action.objects.get(pk=cast.action.pk)
    assert action.result == "Bewoner gesproken" and action.done_by == cast.participant
    assert cast.case.timeline.filter(kind="action", data__done=True).exists()


def test_another_participating_organisation_may_not_complete(client, cast):
    client.force_login(cast.note_author)
    assert client.get(reverse("interventions:complete", args=[cast.action.pk])).status_code == 403


def test_reopen(logged_in, cast):
    cast.action.complete(by=cast.participant, result="ok")
    logged_in.post(reverse("interventions:reopen", args=[cast.action.pk]))
    assert not Action.objects.get(pk=cast.action.pk).is_done


def test_action_lists_have_a_fixed_query_count(logged_in, cast, django_assert_num_queries):
    url = reverse("interventions:mine")
    for _ in range(30):
        f.ActionFactory(case=cast.case, organisation=cast.case.lead_organisation, assignee=cast.participant)
    # user (the session comes from the cache), my memberships (need-to-know, the header),
    # unread count, count, page
    with django_assert_num_queries(5):
        logged_in.get(url)
