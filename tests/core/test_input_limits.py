"""Limits on input, the same for pages and API: no text longer than its field holds (a Dutch message,
nothing saved), no JSON nested deeper than JSON_MAX_DEPTH, no body past the documented maximum (413)."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from cases.models import Attachment, Case, Note, Signal, TimelineEntry
from core.limits import TEXT_MAX_CHARS
from core.parsers import JSON_MAX_DEPTH
from interventions.models import Action, ProgressUpdate

pytestmark = pytest.mark.django_db

TOO_LONG = "x" * (TEXT_MAX_CHARS + 1)


def api(user):
    client = APIClient()
    client.force_login(user)
    return client


def nested(depth):
    return "[" * depth + "1" + "]" * depth


@pytest.mark.parametrize("path", ["/api/signals/", "notes"])
def test_json_nested_past_the_limit_is_a_400_and_saves_nothing(cast, path):
    path = f"/api/cases/{cast.case.pk}/notes/" if path == "notes" else path
    notes, signals = Note.objects.count(), Signal.objects.count()
    body = json.dumps({"body": "Buren klagen", "description": "Buren klagen", "extra": json.loads(nested(50))})
    response = api(cast.participant).post(path, body, content_type="application/json")
    assert response.status_code == 400
    assert f"{JSON_MAX_DEPTH}" in response.json()["detail"]
    assert (Note.objects.count(), Signal.objects.count()) == (notes, signals)


def test_json_within_the_limit_is_parsed(cast):
    body = json.dumps({"body": "Buren klagen", "extra": json.loads(nested(JSON_MAX_DEPTH - 1))})
    response = api(cast.participant).post(f"/api/cases/{cast.case.pk}/notes/", body, content_type="application/json")
    assert response.status_code == 201


def test_a_body_past_the_maximum_is_a_413_on_the_api_and_on_a_page(client, cast, settings):
    big = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = api(cast.participant).post("/api/signals/", {"description": big}, format="json")
    assert response.status_code == 413
    client.force_login(cast.participant)
    response = client.post(reverse("cases:add_note", args=[cast.case.pk]), {"body": big, "visibility": "all"})
    assert response.status_code == 413 and "te groot" in response.content.decode()
    assert not Note.objects.filter(body__startswith="xxx").exists()


def test_an_intervention_goal_and_progress_have_a_limit(client, cast):
    url = reverse("interventions:add_progress", args=[cast.case.pk, cast.intervention.pk])
    client.force_login(cast.participant)
    response = client.post(url, {"body": TOO_LONG})
    assert response.status_code == 200
    assert "hooguit 10000 tekens" in response.content.decode()
    assert not ProgressUpdate.objects.exists()
    response = api(cast.participant).post(
        f"/api/interventions/{cast.intervention.pk}/stop/", {"evaluation": TOO_LONG}, format="json"
    )
    assert response.status_code == 400 and "hooguit 10000 tekens" in json.dumps(response.json(), ensure_ascii=False)
    cast.intervention.refresh_from_db()
    assert cast.intervention.evaluation == ""


def test_an_action_result_and_title_have_a_limit(cast):
    client = api(cast.participant)
    response = client.post(f"/api/actions/{cast.action.pk}/complete/", {"result": TOO_LONG}, format="json")
    assert response.status_code == 400
    assert "hooguit 10000 tekens" in json.dumps(response.json(), ensure_ascii=False)
    assert not Action.objects.get(pk=cast.action.pk).is_done
    actions = Action.objects.count()
    response = client.post(
        "/api/actions/",
        {"case": cast.case.pk, "title": "t" * 201, "organisation": cast.case.lead_organisation.pk},
        format="json",
    )
    assert response.status_code == 400
    assert Action.objects.count() == actions


def test_the_verbs_refuse_too_long_texts_whoever_calls_them(cast, english):
    from cases.errors import CaseError
    from interventions.errors import PlanError
    from interventions.services import action_add

    with pytest.raises(PlanError, match="holds at most 200 characters; this text has 201"):
        action_add(cast.case, by=cast.participant, title="t" * 201, organisation=cast.case.lead_organisation)
    director = cast.case.case_director
    with pytest.raises(CaseError, match="at most 200"):
        cast.case.escalate(by=director, to_whom="z" * 201)
    with pytest.raises(CaseError, match="at most 300"):
        cast.case.invite(cast.outsider.memberships.get().organisation, by=director, legal_basis="b" * 301)
    with pytest.raises(CaseError, match="at most 200"):
        cast.case.edit(by=director, version=cast.case.version, title="t" * 201)
    with pytest.raises(Exception, match="at most 200"):
        cast.signal.close(by=cast.participant, reason="r" * 201)
    assert Case.objects.get(pk=cast.case.pk).status == cast.case.status
    assert not TimelineEntry.objects.filter(case=cast.case, code__in=["escalated", "participant_invited"]).exists()


def test_an_upload_past_the_request_maximum_is_a_413_before_it_is_read(client, cast, settings):
    client.force_login(cast.participant)
    response = client.post(
        reverse("cases:add_attachment", args=[cast.case.pk]),
        {"file": SimpleUploadedFile("groot.pdf", b"%PDF-1.7\n" + b"0" * settings.REQUEST_MAX_BYTES)},
    )
    assert response.status_code == 413
    assert not Attachment.objects.exists()
