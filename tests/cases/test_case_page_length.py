"""The case page shows the latest notes and timeline lines, however many a case gathers; "show all" the rest."""

import pytest
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_case(cast):
    for i in range(30):
        f.NoteFactory(
            case=cast.case, author=cast.participant, organisation=cast.case.lead_organisation, body=f"Notitie {i:02d}"
        )
        cast.case.log("note", "note_added", {"excerpt": f"Regel {i:02d}"})
    return cast


def test_the_page_shows_the_latest_twenty_of_each_with_a_link_to_all(client, busy_case):
    client.force_login(busy_case.participant)
    url = reverse("cases:detail", args=[busy_case.case.pk])
    response = client.get(url)
    assert len(response.context["notes"]) == 20 and response.context["more_notes"]
    assert len(response.context["timeline"]) == 20 and response.context["more_timeline"]
    content = response.content.decode()
    assert "?alles=notities" in content and "?alles=tijdlijn" in content
    everything = client.get(url + "?alles=tijdlijn")
    assert len(everything.context["timeline"]) == 30 and not everything.context["more_timeline"]
    assert len(client.get(url + "?alles=notities").context["notes"]) == 31  # and the cast's shared note


def test_a_short_case_has_no_show_all_links(client, cast):
    client.force_login(cast.participant)
    content = client.get(reverse("cases:detail", args=[cast.case.pk])).content.decode()
    assert "?alles=" not in content
