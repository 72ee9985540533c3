"""The case page shows the latest 20 notes and timeline lines, however many a case gathers; "toon meer"
brings the next 20 (htmx: only those, appended; without JavaScript: the case page with those)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import AccessLogEntry, Note, TimelineEntry
from tests import factories as f

pytestmark = pytest.mark.django_db


def add_notes(cast, n, start=0):
    Note.objects.bulk_create(
        Note(case=cast.case, author=cast.participant, organisation=cast.case.lead_organisation, body=f"Notitie {i:04d}")
        for i in range(start, start + n)
    )
    TimelineEntry.objects.bulk_create(
        TimelineEntry(case=cast.case, kind="note", code="note_added", data={"excerpt": f"Regel {i:04d}"})
        for i in range(start, start + n)
    )


@pytest.fixture
def busy_case(cast):
    for i in range(30):
        f.NoteFactory(
            case=cast.case, author=cast.participant, organisation=cast.case.lead_organisation, body=f"Notitie {i:02d}"
        )
        cast.case.log("note", "note_added", {"excerpt": f"Regel {i:02d}"})
    return cast


def test_the_page_shows_the_latest_twenty_of_each_with_toon_meer(client, busy_case):
    client.force_login(busy_case.participant)
    url = reverse("cases:detail", args=[busy_case.case.pk])
    response = client.get(url)
    assert len(response.context["notes"]) == 20 and response.context["next_notes"] == 20
    assert len(response.context["timeline"]) == 20 and response.context["next_timeline"] == 20
    content = response.content.decode()
    # The no-JavaScript link and the htmx request, both to the next twenty.
    assert f'href="{url}?notities=20#notes"' in content and f'hx-get="{url}?notities=20"' in content
    assert f'href="{url}?tijdlijn=20#timeline"' in content and "Toon meer notities" in content

    page_two = client.get(url + "?tijdlijn=20")
    assert len(page_two.context["timeline"]) == 10 and page_two.context["next_timeline"] is None
    assert "Regel 09" in page_two.content.decode() and "Regel 29" not in page_two.content.decode()
    assert len(client.get(url + "?notities=20").context["notes"]) == 11  # and the cast's shared note


def test_htmx_toon_meer_returns_only_the_next_rows_and_logs_the_read(client, busy_case):
    client.force_login(busy_case.participant)
    url = reverse("cases:detail", args=[busy_case.case.pk])
    response = client.get(url + "?notities=20", headers={"HX-Request": "true"})
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count('<li class="item') == 11 and "<html" not in content and 'id="more-notes"' not in content
    assert "Notitie 09" in content and "Notitie 10" not in content
    assert AccessLogEntry.objects.filter(case=busy_case.case, what="notes").exists()
    timeline = client.get(url + "?tijdlijn=20", headers={"HX-Request": "true"}).content.decode()
    assert timeline.count('<li class="timeline__entry') == 10


def test_an_outsider_gets_404_on_toon_meer(client, busy_case):
    client.force_login(busy_case.outsider)
    url = reverse("cases:detail", args=[busy_case.case.pk])
    assert client.get(url + "?notities=20", headers={"HX-Request": "true"}).status_code == 404


def test_a_short_case_has_no_toon_meer(client, cast):
    client.force_login(cast.participant)
    content = client.get(reverse("cases:detail", args=[cast.case.pk])).content.decode()
    assert "?notities=" not in content and "?tijdlijn=" not in content


def measure(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    assert response.status_code == 200
    return len(queries), len(response.content)


def test_a_thousand_notes_cost_the_same_queries_and_size_as_forty_five(client, cast):
    """Query count the same, size within a few per cent, for the page and for a "toon meer"."""
    client.force_login(cast.participant)
    url = reverse("cases:detail", args=[cast.case.pk])
    add_notes(cast, 45)  # enough for a full second twenty (and a third's "toon meer")
    measure(client, url)  # warm: the session, the viewer's place
    small_page, small_more = measure(client, url), measure(client, url + "?notities=20", **{"HX-Request": "true"})
    add_notes(cast, 955, start=45)
    large_page, large_more = measure(client, url), measure(client, url + "?notities=500", **{"HX-Request": "true"})
    deep_page = measure(client, url + "?notities=960&tijdlijn=960")
    assert large_page[0] == small_page[0] == deep_page[0]
    assert large_more[0] == small_more[0]
    assert abs(large_page[1] - small_page[1]) < small_page[1] * 0.05
    assert large_page[1] < 150_000
    assert abs(large_more[1] - small_more[1]) < small_more[1] * 0.1
