"""The interventions, actions, reviews and notifications API: same access rule, 400 on bad input."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from interventions.models import Action, Intervention
from notifications.models import Notification
from tests import factories as f

TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


def client_for(user):
    client = APIClient()
    client.force_login(user)  # a fresh user object per request, as in production
    return client


@pytest.fixture
def director(cast):
    return cast.case.case_director


def test_case_director_plans_an_intervention_with_a_contributor(cast, director):
    ggz = cast.own_note.organisation  # takes part in the cast's case
    response = client_for(director).post(
        "/api/interventions/",
        {
            "case": cast.case.pk,
            "kind": "home_visit",
            "solution_direction": "care_and_support",
            "goal": "Hulpvraag in beeld",
            "lead_organisation": cast.case.lead_organisation.pk,
            "owner": cast.participant.pk,
            "contributions": [{"organisation": ggz.pk, "contribution": "Ggz gaat mee"}],
            "due_on": TOMORROW.isoformat(),
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["contributions"][0]["organisation_name"] == ggz.name


def test_an_intervention_led_by_a_non_participant_is_a_400(cast, director):
    response = client_for(director).post(
        "/api/interventions/",
        {
            "case": cast.case.pk,
            "kind": "home_visit",
            "solution_direction": "care_and_support",
            "goal": "x",
            "lead_organisation": cast.outsider.memberships.get().organisation.pk,
            "owner": cast.outsider.pk,
        },
        format="json",
    )
    assert response.status_code == 400
    assert Intervention.objects.count() == 1  # only the cast's own


def test_finishing_needs_an_outcome(cast):
    url = f"/api/interventions/{cast.intervention.pk}/finish/"
    response = client_for(cast.participant).post(url, {"evaluation": "ok"}, format="json")
    assert response.status_code == 400
    assert "outcome" in response.json()


def test_an_assignee_completes_an_action_with_a_result(cast):
    client = client_for(cast.participant)
    url = f"/api/actions/{cast.action.pk}/complete/"
    assert client.post(url, {}, format="json").status_code == 400
    response = client.post(url, {"result": "Gebeld, afspraak gemaakt"}, format="json")
    assert response.status_code == 200
    assert Action.objects.get(pk=cast.action.pk).result == "Gebeld, afspraak gemaakt"


def test_a_non_participant_cannot_see_or_complete_an_action(cast):
    client = client_for(cast.outsider)
    assert client.get(f"/api/actions/{cast.action.pk}/").status_code == 404
    assert client.post(f"/api/actions/{cast.action.pk}/complete/", {"result": "x"}).status_code == 404
    assert client.get("/api/actions/").json()["count"] == 0
    assert not Action.objects.get(pk=cast.action.pk).is_done


def test_another_participating_organisation_may_see_but_not_complete_an_action(cast):
    client = client_for(cast.note_author)
    assert client.get(f"/api/actions/{cast.action.pk}/").status_code == 200
    assert client.post(f"/api/actions/{cast.action.pk}/complete/", {"result": "x"}).status_code == 403


def test_an_assignee_must_work_for_a_participating_organisation(cast, director):
    response = client_for(director).post(
        "/api/actions/",
        {
            "case": cast.case.pk,
            "title": "Bellen",
            "organisation": cast.outsider.memberships.get().organisation.pk,
            "assignee": cast.outsider.pk,
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["detail"]
    assert Action.objects.count() == 1  # only the cast's own


def test_my_actions_filter_and_fixed_query_count(cast, django_assert_num_queries):
    client = client_for(cast.participant)
    # user and my memberships (the first time: then from the cache, accounts/signed_in.py and
    # partners/viewer.py), count, page with case/organisation/assignee joined
    with django_assert_num_queries(4):
        assert client.get("/api/actions/", {"mine": "true"}).json()["count"] == 1
    for _ in range(15):
        f.ActionFactory(case=cast.case, organisation=cast.case.lead_organisation, assignee=cast.participant)
    # count, page
    with django_assert_num_queries(2):
        assert client.get("/api/actions/", {"mine": "true", "open": "true"}).json()["count"] == 16


def test_review_scheduled_recorded_and_decisions_become_actions(cast, director):
    client = client_for(director)
    when = (timezone.now() + datetime.timedelta(days=2)).isoformat()
    review = client.post("/api/reviews/", {"case": cast.case.pk, "scheduled_for": when}, format="json").json()
    agenda = client.get(f"/api/reviews/{review['id']}/agenda/").json()
    assert set(agenda) == {"overdue_actions", "interventions_due", "new_signals", "persons_to_look_again"}
    response = client.post(
        f"/api/reviews/{review['id']}/record/",
        {
            "minutes": "Afspraken gemaakt",
            "held_early": True,  # planned in two days: held early
            "decisions": [{"title": "Buren informeren", "organisation": cast.case.lead_organisation.pk}],
            "next_review_on": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert [a["title"] for a in response.json()] == ["Buren informeren"]


def test_outsider_gets_404_on_reviews_and_interventions(cast):
    review = cast.case.reviews.create(scheduled_for=timezone.now())
    client = client_for(cast.outsider)
    assert client.get(f"/api/reviews/{review.pk}/").status_code == 404
    assert client.get(f"/api/reviews/{review.pk}/agenda/").status_code == 404
    assert client.get(f"/api/interventions/{cast.intervention.pk}/").status_code == 404


def test_notifications_are_private_and_can_be_marked_read(cast):
    mine = Notification.objects.create(user=cast.participant, kind="overdue", code="legacy", data={"text": "Te laat"})
    theirs = Notification.objects.create(
        user=cast.outsider, kind="overdue", code="legacy", data={"text": "Ook te laat"}
    )
    client = client_for(cast.participant)
    assert [n["id"] for n in client.get("/api/notifications/").json()["results"]] == [mine.pk]
    assert client.post(f"/api/notifications/{theirs.pk}/read/").status_code == 404
    assert client.post(f"/api/notifications/{mine.pk}/read/").json()["read_at"]


def test_review_attendees_must_be_people_of_the_organisations_taking_part(cast, director):
    when = (timezone.now() + datetime.timedelta(days=3)).isoformat()
    client = client_for(director)
    response = client.post(
        "/api/reviews/",
        {"case": cast.case.pk, "scheduled_for": when, "attendees": [cast.participant.pk, cast.outsider.pk]},
        format="json",
    )
    assert response.status_code == 400
    assert cast.outsider.get_full_name() not in str(response.json())
    response = client.post(
        "/api/reviews/",
        {"case": cast.case.pk, "scheduled_for": when, "attendees": [cast.participant.pk]},
        format="json",
    )
    assert response.status_code == 201


def test_an_assignee_outside_the_organisation_is_refused_without_naming_them(cast, director):
    stranger = f.UserFactory(first_name="Geheime", last_name="Persoon")
    response = client_for(director).post(
        "/api/actions/",
        {
            "case": cast.case.pk,
            "title": "Bellen",
            "organisation": cast.case.lead_organisation.pk,
            "assignee": stranger.pk,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "Geheime" not in str(response.json())


@pytest.mark.parametrize(
    "path, field, target",
    [
        ("/api/interventions/", "case", "case"),
        ("/api/actions/", "case", "case"),
        ("/api/actions/", "intervention", "intervention"),
        ("/api/reviews/", "case", "case"),
    ],
)
def test_a_filter_on_a_foreign_id_answers_as_on_an_unknown_one(cast, path, field, target):
    client = client_for(cast.outsider)
    foreign = client.get(path, {field: getattr(cast, target).pk})
    unknown = client.get(path, {field: 987654321})
    assert (foreign.status_code, foreign.json()) == (unknown.status_code, unknown.json())
    mine = client_for(cast.participant).get(path, {field: getattr(cast, target).pk})
    assert mine.status_code == 200
