"""Someone working for two organisations in one case writes in the name they choose, never silently in the first."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from cases.models import Note
from partners.models import Membership
from tests.cases.test_attachments import upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_hats(cast):
    """The GGZ note author also works for the lead organisation; both take part in the case."""
    Membership.objects.create(user=cast.note_author, organisation=cast.case.lead_organisation)
    return cast.note_author


def test_the_note_form_asks_in_whose_name_and_uses_that_one(client, cast, two_hats):
    client.force_login(two_hats)
    page = client.get(reverse("cases:detail", args=[cast.case.pk])).content.decode()
    assert "GGZ Oost" in page and 'name="organisation"' in page
    url = reverse("cases:add_note", args=[cast.case.pk])
    response = client.post(url, {"body": "Alleen voor ons", "visibility": "own"})
    assert response.status_code == 200  # shown again: the choice is missing
    assert not Note.objects.filter(body="Alleen voor ons").exists()
    client.post(url, {"body": "Alleen voor ons", "visibility": "own", "organisation": cast.own_note.organisation.pk})
    assert Note.objects.get(body="Alleen voor ons").organisation == cast.own_note.organisation


def test_the_api_needs_the_choice_too_and_refuses_an_organisation_not_theirs(cast, two_hats):
    api = APIClient()
    api.force_login(two_hats)
    url = f"/api/cases/{cast.case.pk}/notes/"
    assert api.post(url, {"body": "Zonder keuze"}, format="json").status_code == 400
    outsider_org = cast.outsider.memberships.get().organisation
    assert api.post(url, {"body": "Vreemd", "organisation": outsider_org.pk}, format="json").status_code == 400
    chosen = cast.case.lead_organisation
    response = api.post(url, {"body": "Met keuze", "organisation": chosen.pk}, format="json")
    assert response.status_code == 201
    assert Note.objects.get(body="Met keuze").organisation == chosen


def test_an_attachment_is_added_in_the_chosen_name(client, cast, two_hats):
    client.force_login(two_hats)
    url = reverse("cases:add_attachment", args=[cast.case.pk])
    client.post(url, {"file": upload("brief.pdf", b"%PDF-1.4 brief"), "organisation": cast.own_note.organisation.pk})
    assert cast.case.attachments.get().organisation == cast.own_note.organisation


def test_someone_with_one_organisation_in_the_case_is_not_asked(client, cast):
    client.force_login(cast.participant)
    page = client.get(reverse("cases:detail", args=[cast.case.pk])).content.decode()
    assert 'name="organisation"' not in page
