""" "Known elsewhere?": adding a person checks every case, the user's own or not, and shows only that a match
exists and who directs the other case; asking to coordinate reaches that director, who decides."""

import datetime
import json

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from cases.known_elsewhere import coordination_request
from cases.models import AccessLogEntry, KnownElsewhere
from cases.persons import person_add, person_correct
from notifications.models import Notification
from tests import factories as f

pytestmark = pytest.mark.usefixtures("english")

BORN = datetime.date(1984, 3, 1)
THEIR_TITLE = "Geheime casus Javastraat"
THEIR_NOTE = "Vertrouwelijk: alleen voor de deelnemers van de andere casus."


def api_for(user):
    client = APIClient()
    client.force_login(user)
    return client


@pytest.fixture
def theirs(db):
    """A case of another team that our people take no part in, about Sanne de Vries at 1094 AB 17."""
    politie = f.OrganisationFactory(name="Politie Oost", kind="police")
    director = f.UserFactory(
        username="their_director", first_name="Ruud", last_name="Hendriks", organisation=politie, role="case_director"
    )
    case = f.CaseFactory(title=THEIR_TITLE, lead_organisation=politie, case_director=director, status="plan")
    f.CaseParticipantFactory(case=case, organisation=politie, legal_basis="Wet politiegegevens art. 16")
    f.CaseParticipantFactory(case=case, organisation=f.OrganisationFactory(name="Verslavingszorg Jellinek"))
    case.add_note(by=director, organisation=politie, body=THEIR_NOTE)
    person_add(
        case, by=director, name="Sanne de Vries", date_of_birth=BORN, role="main", postcode="1094 AB", house_number=17
    )
    return case


def add_sanne(case, by, **fields):
    return person_add(case, by=by, **{"name": "sanne  de vries", "date_of_birth": BORN, "role": "main", **fields})


def test_a_person_with_the_same_name_and_birth_date_in_another_case_is_a_match(cast, theirs):
    person = add_sanne(cast.case, cast.participant)
    match = KnownElsewhere.objects.get()
    assert (match.person, match.other_case, match.match) == (person, theirs, "person")


def test_an_address_alone_matches_a_person_or_a_case_at_that_address(cast, theirs):
    neighbour = person_add(
        cast.case, by=cast.participant, name="Iemand Anders", role="neighbour", postcode="1094ab", house_number=17
    )
    assert KnownElsewhere.objects.get(person=neighbour).match == "address"

    address_case = f.CaseFactory(postcode="1012 AA", house_number=5)
    at_case = person_add(
        cast.case, by=cast.participant, name="Nog Iemand", role="other", postcode="1012 AA", house_number=5
    )
    assert KnownElsewhere.objects.get(person=at_case).other_case == address_case


def test_no_match_without_a_date_of_birth_or_an_address_and_never_with_the_own_case(cast, theirs):
    add_sanne(cast.case, cast.participant, date_of_birth=None)
    add_sanne(cast.case, cast.participant, name="Sanne de Vries")  # a second record in our own case ...
    assert KnownElsewhere.objects.filter(other_case=cast.case).count() == 0  # ... is never a match with itself
    assert KnownElsewhere.objects.count() == 1


def test_a_correction_checks_again_and_drops_what_no_longer_matches(cast, theirs):
    person = person_add(cast.case, by=cast.participant, name="Sanne de Vries", role="main")
    assert not KnownElsewhere.objects.exists()
    person_correct(person, by=cast.participant, date_of_birth=BORN)
    assert KnownElsewhere.objects.count() == 1
    person_correct(person, by=cast.participant, date_of_birth=BORN + datetime.timedelta(days=1))
    assert not KnownElsewhere.objects.exists()


def test_the_check_is_written_to_both_cases_access_logs(cast, theirs):
    add_sanne(cast.case, cast.participant)
    ours = AccessLogEntry.objects.get(case=cast.case, what="known_elsewhere")
    their_log = AccessLogEntry.objects.get(case=theirs, what="known_elsewhere", user=cast.participant)
    assert ours.detail["matches"] == 1
    assert their_log.on_behalf_of == [cast.case.lead_organisation.name]


def _without_ids(body):
    return {
        key: value for key, value in body.items() if key not in ("id", "created_at", "updated_at", "known_elsewhere")
    }


def test_a_match_in_an_invisible_case_shows_nothing_but_that_it_exists_and_who_directs_it(cast, theirs, client):
    """The leak test: the answer for a match differs from the answer for no match only in the director line."""
    api = api_for(cast.participant)
    url = f"/api/cases/{cast.case.pk}/persons/"
    body = {"name": "Sanne de Vries", "date_of_birth": BORN.isoformat(), "role": "main"}
    matched = api.post(url, body, format="json").json()
    unmatched = api.post(url, {**body, "date_of_birth": "1984-03-02"}, format="json").json()

    assert _without_ids(matched) == {**_without_ids(unmatched), "date_of_birth": "1984-03-01"}
    assert unmatched["known_elsewhere"] == []
    [line] = matched["known_elsewhere"]
    assert {key: value for key, value in line.items() if key != "id"} == {
        "match": "person",
        "match_label": "zelfde naam en geboortedatum",  # Dutch by default
        "director": "Ruud Hendriks",
        "organisation": "Politie Oost",
        "requested_at": None,
        "requested_by": "",
    }

    # Nothing else of the other case, anywhere the user can look: API, person page, case page.
    client.force_login(cast.participant)
    person_id = matched["id"]
    seen = [
        json.dumps(matched),
        json.dumps(api.get(url).json()),
        json.dumps(api.get(f"/api/persons/{person_id}/").json()),
        client.get(reverse("cases:person", args=[cast.case.pk, person_id])).content.decode(),
        client.get(reverse("cases:detail", args=[cast.case.pk])).content.decode(),
    ]
    for text in seen:
        for secret in (THEIR_TITLE, THEIR_NOTE, "Verslavingszorg Jellinek", "Wet politiegegevens", "plan van aanpak"):
            assert secret not in text
        assert f"/casussen/{theirs.pk}/" not in text
    assert "Ruud Hendriks" in seen[3] and "Politie Oost" in seen[3]


def test_asking_to_coordinate_reaches_the_other_director_who_may_invite(cast, theirs, client):
    add_sanne(cast.case, cast.participant)
    match = KnownElsewhere.objects.get()
    client.force_login(cast.participant)
    response = client.post(reverse("cases:coordinate", args=[cast.case.pk, match.pk]))
    assert response.status_code == 302

    note = Notification.objects.get(user=theirs.case_director)
    assert note.code == "coordination_requested"
    assert "Sanne de Vries" in note.text and THEIR_TITLE in note.text  # their own person and case
    assert note.url == reverse("cases:invite", args=[theirs.pk]) + f"?organisatie={cast.case.lead_organisation.pk}"
    assert cast.case.timeline.filter(code="coordination_requested").exists()

    # Once per match; the invitation page the director lands on has the asking organisation chosen.
    coordination_request(match, by=cast.participant)
    assert Notification.objects.filter(user=theirs.case_director).count() == 1
    client.force_login(theirs.case_director)
    invite = client.get(note.url).content.decode()
    assert f'<option value="{cast.case.lead_organisation.pk}" selected>' in invite


def test_the_api_asks_to_coordinate_and_an_outsider_gets_404(cast, theirs):
    add_sanne(cast.case, cast.participant)
    match = KnownElsewhere.objects.get()
    assert api_for(cast.outsider).post(f"/api/known-elsewhere/{match.pk}/coordinate/").status_code == 404
    assert api_for(theirs.case_director).post(f"/api/known-elsewhere/{match.pk}/coordinate/").status_code == 404
    response = api_for(cast.note_author).post(f"/api/known-elsewhere/{match.pk}/coordinate/")
    assert response.status_code == 200
    assert response.json()["requested_by"] == cast.note_author.get_full_name()
    assert Notification.objects.filter(user=theirs.case_director, code="coordination_requested").exists()
