"""Editing the case header: the case director only, and no lost updates when two people edit at once."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse

from cases.errors import CaseConflict
from cases.models import Case, TimelineEntry
from tests import factories as f


@pytest.fixture(autouse=True)
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def edit_url(case):
    return reverse("cases:edit", args=[case.pk])


def form_data(response, **changes):
    """What the browser would post back: the form as rendered, with the user's changes."""
    form = response.context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {name: "" if value is None else value for name, value in data.items()}
    if isinstance(data["next_review_on"], datetime.date):
        data["next_review_on"] = data["next_review_on"].isoformat()
    return {**data, **changes}


@pytest.fixture
def director(cast):
    return cast.case.case_director


@pytest.mark.django_db
def test_the_case_director_edits_the_header_and_the_timeline_says_what_changed(client, cast, director):
    client.force_login(director)
    response = client.get(edit_url(cast.case))
    assert response.status_code == 200
    assert f'name="version" value="{cast.case.version}"' in response.content.decode()

    response = client.post(
        edit_url(cast.case),
        form_data(
            response,
            title="Overlast trappenhuis",
            priority="high",
            next_review_on="2026-12-03",
            postcode="1094ab",
            house_number="12",
        ),
    )
    assert response.status_code == 302
    case = Case.objects.get(pk=cast.case.pk)
    assert (case.title, case.priority, case.next_review_on) == (
        "Overlast trappenhuis",
        "high",
        datetime.date(2026, 12, 3),
    )
    assert (case.postcode, case.house_number) == ("1094 AB", 12)
    assert case.version == cast.case.version + 1

    entry = TimelineEntry.objects.get(case=case, kind="case_edited")
    assert entry.actor == director
    assert set(entry.data["changes"]) == {"title", "priority", "next_review_on", "postcode", "house_number"}
    assert entry.data["changes"]["title"] == [cast.case.title, "Overlast trappenhuis"]


@pytest.mark.django_db
def test_saving_without_changes_changes_nothing(client, cast, director):
    client.force_login(director)
    response = client.post(edit_url(cast.case), form_data(client.get(edit_url(cast.case))))
    assert response.status_code == 302
    assert Case.objects.get(pk=cast.case.pk).version == cast.case.version
    assert not TimelineEntry.objects.filter(kind="case_edited").exists()


@pytest.mark.django_db
def test_two_edits_from_the_same_version_the_second_sees_both_and_loses_nothing(client, cast, director):
    colleague = f.UserFactory(organisation=cast.case.lead_organisation, role="case_director")
    client.force_login(director)
    first_form = client.get(edit_url(cast.case))
    client.force_login(colleague)
    second_form = client.get(edit_url(cast.case))

    client.force_login(director)

    first = client.post(edit_url(cast.case), form_data(first_form, title="Titel van de eerste"))
    assert first.status_code == 302

    client.force_login(colleague)
    second = client.post(edit_url(cast.case), form_data(second_form, title="Titel van de tweede", priority="urgent"))
    assert second.status_code == 200
    content = second.content.decode()
    assert "Someone else changed this case while you were editing it" in content
    # Both texts are on the page: the user's in the form and the table, the saved one in the table.
    assert 'value="Titel van de tweede"' in content
    assert "Titel van de tweede" in content and "Titel van de eerste" in content
    assert [row[1:] for row in second.context["conflict"]] == [
        ("Titel van de tweede", "Titel van de eerste"),
        ("Urgent", "Normal"),
    ]
    case = Case.objects.get(pk=cast.case.pk)
    assert (case.title, case.priority) == ("Titel van de eerste", "normal")

    # Saving again from the conflict page is based on the version now saved.
    again = client.post(edit_url(cast.case), form_data(second))
    assert again.status_code == 302
    case.refresh_from_db()
    assert (case.title, case.priority) == ("Titel van de tweede", "urgent")
    assert TimelineEntry.objects.filter(case=case, kind="case_edited").count() == 2


@pytest.mark.django_db
def test_a_status_change_in_between_also_makes_an_edit_stale(client, cast, director):
    client.force_login(director)
    stale = client.get(edit_url(cast.case))
    cast.case.transition("monitoring", by=director)
    response = client.post(edit_url(cast.case), form_data(stale, title="Nieuwe titel"))
    assert response.status_code == 200
    assert response.context["conflict"]
    assert Case.objects.get(pk=cast.case.pk).title == cast.case.title


@pytest.mark.django_db
def test_the_verb_refuses_a_stale_version_and_saves_nothing(cast, director):
    version = cast.case.version
    cast.case.edit(by=director, version=version, title="Eerste")
    with pytest.raises(CaseConflict):
        Case.objects.get(pk=cast.case.pk).edit(by=director, version=version, title="Tweede")
    assert Case.objects.get(pk=cast.case.pk).title == "Eerste"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"title": "  "}, "title", "A case needs a title."),
        ({"postcode": "12345"}, "postcode", "Enter a Dutch postcode such as 1234 AB."),
        ({"postcode": "1094 AB", "house_number": ""}, "house_number", "A postcode needs a house number."),
        ({"priority": "whenever"}, "priority", "Select a valid choice."),
    ],
)
def test_invalid_details_are_shown_again_and_nothing_is_saved(client, cast, director, changes, field, message):
    client.force_login(director)
    response = client.post(edit_url(cast.case), form_data(client.get(edit_url(cast.case)), **changes))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert Case.objects.get(pk=cast.case.pk).version == cast.case.version


@pytest.mark.django_db
@pytest.mark.parametrize("who, expected", [("participant", 403), ("note_author", 403), ("outsider", 404)])
def test_only_the_case_director_edits_the_header(client, cast, who, expected):
    client.force_login(getattr(cast, who))
    assert client.get(edit_url(cast.case)).status_code == expected
    response = client.post(edit_url(cast.case), {"version": cast.case.version, "title": "Gekaapt"})
    assert response.status_code == expected
    assert Case.objects.get(pk=cast.case.pk).title == cast.case.title
