"""Every read of case content is written to the access log, through the one path (CaseAccess.log_read):
pages, the htmx note partial and the API alike. Each row here was a read that wrote nothing before."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from cases.models import AccessLogEntry
from interventions.models import CaseReview

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(cast):
    return CaseReview.objects.create(
        case=cast.case, scheduled_for=timezone.now() + datetime.timedelta(days=2), created_by=cast.case.case_director
    )


API_READS = [
    ("notes", lambda cast, review: f"/api/cases/{cast.case.pk}/notes/"),
    ("timeline", lambda cast, review: f"/api/cases/{cast.case.pk}/timeline/"),
    ("participants", lambda cast, review: f"/api/cases/{cast.case.pk}/participants/"),
    ("attachments", lambda cast, review: f"/api/cases/{cast.case.pk}/attachments/"),
    ("intervention", lambda cast, review: f"/api/interventions/{cast.intervention.pk}/"),
    ("action", lambda cast, review: f"/api/actions/{cast.action.pk}/"),
    ("review", lambda cast, review: f"/api/reviews/{review.pk}/"),
    ("agenda", lambda cast, review: f"/api/reviews/{review.pk}/agenda/"),
]


@pytest.mark.parametrize("what, path", API_READS, ids=[what for what, _path in API_READS])
def test_an_api_read_of_case_content_is_logged(cast, review, what, path):
    api = APIClient()
    api.force_login(cast.note_author)
    assert api.get(path(cast, review)).status_code == 200
    entry = AccessLogEntry.objects.get()
    assert (entry.case, entry.user, entry.channel, entry.what) == (cast.case, cast.note_author, "api", what)
    assert entry.on_behalf_of == ["GGZ Oost"]


DIRECTOR_PAGES = [
    ("edit", lambda case: reverse("cases:edit", args=[case.pk])),
    ("status", lambda case: reverse("cases:change_status", args=[case.pk, "monitoring"])),
    ("invite", lambda case: reverse("cases:invite", args=[case.pk])),
    (
        "end_participation",
        lambda case: reverse("cases:end_participation", args=[case.pk, case.participants.exclude(role="lead")[0].pk]),
    ),
    ("access_log", lambda case: reverse("cases:access_log", args=[case.pk])),
    ("hand_over", lambda case: reverse("cases:hand_over", args=[case.pk])),
]


@pytest.mark.parametrize("what, url", DIRECTOR_PAGES, ids=[what for what, _url in DIRECTOR_PAGES])
def test_a_directing_page_is_a_logged_read(client, cast, what, url):
    client.force_login(cast.case.case_director)
    assert client.get(url(cast.case)).status_code == 200
    assert list(AccessLogEntry.objects.values_list("what", "channel")) == [(what, "page")]


def test_the_htmx_note_partial_is_a_logged_read(client, cast):
    client.force_login(cast.participant)
    response = client.post(
        reverse("cases:add_note", args=[cast.case.pk]),
        {"body": "Gebeld met de bewoner.", "visibility": "all"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert cast.shared_note.body in response.content.decode()  # it shows the other notes too
    assert list(AccessLogEntry.objects.values_list("what", flat=True)) == ["notes"]


def test_writing_is_not_a_read_and_an_outsiders_attempt_is_not_logged(client, cast):
    api = APIClient()
    api.force_login(cast.participant)
    assert api.post(f"/api/cases/{cast.case.pk}/notes/", {"body": "Kort"}, format="json").status_code == 201
    api.force_login(cast.outsider)
    assert api.get(f"/api/cases/{cast.case.pk}/notes/").status_code == 404
    assert not AccessLogEntry.objects.exists()


def test_a_reader_who_lost_access_is_refused_and_not_logged(cast):
    cast.case.end_participation(cast.own_note.organisation, by=cast.case.case_director)
    api = APIClient()
    api.force_login(cast.note_author)
    assert api.get(f"/api/cases/{cast.case.pk}/timeline/").status_code == 404
    assert not AccessLogEntry.objects.exists()
