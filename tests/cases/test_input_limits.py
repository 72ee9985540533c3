"""Bad input gets a clear answer, never a 500: deeply nested JSON, a signal or a note the size of a book."""

import pytest
from rest_framework.test import APIClient

from cases.models import Note, Signal

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_login(user)
    return client


@pytest.mark.parametrize("path", ["/api/signals/", "notes"])
def test_deeply_nested_json_is_a_400(cast, path):
    path = f"/api/cases/{cast.case.pk}/notes/" if path == "notes" else path
    body = '{"a":' * 100_000 + "1" + "}" * 100_000
    response = api(cast.participant).post(path, body, content_type="application/json")
    assert response.status_code == 400


def test_a_signal_description_has_a_limit(cast):
    payload = {
        "neighbourhood": cast.case.neighbourhood.pk,
        "category": "GEL",
        "severity": "low",
        "description": "x" * 1_000_000,
    }
    response = api(cast.participant).post("/api/signals/", payload, format="json")
    assert response.status_code == 400
    assert "description" in response.json()
    assert not Signal.objects.filter(description__startswith="xxxx").exists()


def test_a_note_has_a_limit_on_the_page_and_in_the_api(client, cast):
    big = "x" * 10_001
    response = api(cast.participant).post(f"/api/cases/{cast.case.pk}/notes/", {"body": big}, format="json")
    assert response.status_code == 400
    client.force_login(cast.participant)
    page = client.post(f"/casussen/{cast.case.pk}/notities/", {"body": big, "visibility": "all"})
    assert page.status_code == 200  # shown again with the message, the text kept
    assert "10000" in page.content.decode() or "10.000" in page.content.decode()
    assert not Note.objects.filter(body__startswith="xxxx").exists()
