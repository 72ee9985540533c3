"""The people a case is about: recorded per case by whoever takes part, through verbs on the timeline;
bad input refused by field with nothing saved; the same rules on the page and in the API."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from cases.errors import CaseError, NotAllowed
from cases.models import AccessLogEntry, InformingEntry, Person
from cases.persons import informing_record, person_add, person_correct, person_remove
from tests import factories as f

pytestmark = pytest.mark.usefixtures("english")

TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


@pytest.fixture
def case(cast):
    return cast.case


def api_for(user):
    client = APIClient()
    client.force_login(user)
    return client


def add(case, by, **fields):
    return person_add(case, by=by, **{"name": "Sanne de Vries", "role": "main", **fields})


def test_a_participant_adds_a_person_and_the_timeline_says_so(case, cast):
    person = add(case, cast.note_author, date_of_birth=datetime.date(1984, 3, 1), postcode="1094ab", house_number=17)

    assert (person.case, person.postcode, person.name_key) == (case, "1094 AB", "sanne de vries")
    line = case.timeline.get(code="person_added")
    assert line.text == "Person added: Sanne de Vries (main resident)"
    assert line.actor == cast.note_author


def test_someone_who_takes_no_part_cannot_add_or_see_a_person(case, cast, client):
    with pytest.raises(NotAllowed):
        add(case, cast.outsider)
    person = add(case, cast.participant)
    client.force_login(cast.outsider)
    assert client.get(reverse("cases:person", args=[case.pk, person.pk])).status_code == 404
    assert api_for(cast.outsider).get(f"/api/persons/{person.pk}/").status_code == 404
    assert api_for(cast.outsider).get(f"/api/cases/{case.pk}/persons/").status_code == 404
    assert not Person.objects.visible_to(cast.outsider).exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": "   "}, "name"),
        ({"date_of_birth": TOMORROW}, "date_of_birth"),
        ({"date_of_birth": datetime.date(1850, 1, 1)}, "date_of_birth"),
        ({"postcode": "1094 AB"}, "house_number"),
        ({"postcode": "onzin", "house_number": 3}, "postcode"),
        ({"contact_notes": "x" * 2001}, "contact_notes"),
        ({"role": "boss"}, "role"),
    ],
)
def test_bad_details_are_refused_by_field_and_nothing_is_saved(case, cast, fields, field):
    with pytest.raises(ValidationError) as refused:
        add(case, cast.participant, **fields)
    assert field in refused.value.message_dict
    assert not Person.objects.exists()
    assert not case.timeline.filter(code="person_added").exists()


def test_the_api_answers_400_with_the_field_and_the_page_shows_the_typed_text_again(case, cast, client):
    response = api_for(cast.participant).post(
        f"/api/cases/{case.pk}/persons/",
        {"name": "Sanne", "role": "main", "date_of_birth": TOMORROW.isoformat()},
        format="json",
    )
    assert response.status_code == 400
    assert "date_of_birth" in response.json()

    client.force_login(cast.participant)
    page = client.post(
        reverse("cases:person_new", args=[case.pk]),
        {"name": "Sanne de Vries", "role": "main", "postcode": "1094 AB", "contact_notes": "Bang voor de buren"},
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "Bij een postcode hoort een huisnummer." in html  # Dutch by default
    assert "Bang voor de buren" in html and 'value="Sanne de Vries"' in html
    assert not Person.objects.exists()


def test_a_person_is_corrected_and_removed_through_verbs_with_timeline_lines(case, cast):
    person = add(case, cast.participant)
    assert person_correct(person, by=cast.note_author, role="main") == []
    assert person_correct(person, by=cast.note_author, name="Sanne de Vries-Bakker") == ["name"]
    person.refresh_from_db()
    assert person.name_key == "sanne de vries-bakker"

    person_remove(person, by=cast.participant)
    assert not Person.objects.exists()
    assert list(case.timeline.order_by("at", "pk").values_list("code", flat=True)) == [
        "person_added",
        "person_corrected",
        "person_removed",
    ]


def test_nothing_changes_on_a_closed_case(case, cast):
    person = add(case, cast.participant)
    case.close(by=case.case_director, reason="moved")
    for attempt in (
        lambda: add(case, case.case_director, name="Nog iemand"),
        lambda: person_correct(person, by=case.case_director, name="Ander"),
        lambda: person_remove(person, by=case.case_director),
    ):
        with pytest.raises(CaseError, match="closed"):
            attempt()


def test_the_page_journey_add_look_correct_remove(case, cast, client):
    client.force_login(cast.participant)
    response = client.post(
        reverse("cases:person_new", args=[case.pk]),
        {"name": "Sanne de Vries", "role": "household", "date_of_birth": "1990-05-04", "house_number": ""},
    )
    person = Person.objects.get()
    assert response.url == reverse("cases:person", args=[case.pk, person.pk])
    page = client.get(response.url).content.decode()
    assert "Sanne de Vries" in page and "Huisgenoot" in page

    client.post(reverse("cases:person_edit", args=[case.pk, person.pk]), {"name": "Sanne de Vries", "role": "main"})
    person.refresh_from_db()
    assert (person.role, person.date_of_birth) == ("main", None)
    case_page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "informeren niet vastgelegd" in case_page

    client.post(reverse("cases:person_remove", args=[case.pk, person.pk]))
    assert not Person.objects.exists()


def test_reading_a_person_is_logged_on_the_page_and_in_the_api(case, cast, client):
    person = add(case, cast.participant)
    client.force_login(cast.note_author)
    client.get(reverse("cases:person", args=[case.pk, person.pk]))
    api_for(cast.note_author).get(f"/api/persons/{person.pk}/")
    api_for(cast.note_author).get(f"/api/cases/{case.pk}/persons/")
    reads = AccessLogEntry.objects.filter(case=case, user=cast.note_author)
    assert sorted(reads.values_list("what", "channel")) == [("person", "api"), ("person", "page"), ("persons", "api")]


def test_the_api_adds_corrects_and_removes_a_person(case, cast):
    client = api_for(cast.participant)
    created = client.post(
        f"/api/cases/{case.pk}/persons/",
        {"name": "Sanne de Vries", "role": "neighbour", "postcode": "1094ab", "house_number": 17},
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["address"], body["informed"], body["known_elsewhere"]) == ("1094 AB 17", None, [])
    changed = client.patch(f"/api/persons/{body['id']}/", {"contact_notes": "Belt liever 's avonds"}, format="json")
    assert changed.status_code == 200 and changed.json()["contact_notes"] == "Belt liever 's avonds"
    assert client.delete(f"/api/persons/{body['id']}/").status_code == 204
    assert not Person.objects.exists()


# The informing register ------------------------------------------------------------------------------


def test_informed_needs_when_and_how_not_informed_needs_why_and_a_date_to_look_again(case, cast):
    person = add(case, cast.participant)
    refusals = [
        ({"informed": True, "how": "letter"}, "informed_on"),
        ({"informed": True, "informed_on": TOMORROW, "how": "letter"}, "informed_on"),
        ({"informed": True, "informed_on": timezone.localdate()}, "how"),
        ({"informed": False, "look_again_on": TOMORROW}, "reason"),
        ({"informed": False, "reason": "other", "look_again_on": TOMORROW}, "reason_text"),
        ({"informed": False, "reason": "safety"}, "look_again_on"),
        ({"informed": False, "reason": "safety", "look_again_on": timezone.localdate()}, "look_again_on"),
    ]
    for details, field in refusals:
        with pytest.raises(ValidationError) as refused:
            informing_record(person, by=cast.participant, **details)
        assert field in refused.value.message_dict, details
    assert not InformingEntry.objects.exists()

    informing_record(person, by=cast.participant, informed=False, reason="safety", look_again_on=TOMORROW)
    informing_record(person, by=cast.participant, informed=True, informed_on=timezone.localdate(), how="conversation")
    assert list(InformingEntry.objects.values_list("informed", flat=True)) == [True, False]  # newest first
    assert case.timeline.filter(code="person_not_informed").get().text.endswith("would endanger someone's safety")


def test_the_api_records_informing_with_field_errors(case, cast):
    person = add(case, cast.participant)
    client = api_for(cast.note_author)
    refused = client.post(f"/api/persons/{person.pk}/informing/", {"informed": False}, format="json")
    assert refused.status_code == 400 and {"reason", "look_again_on"} <= set(refused.json())
    saved = client.post(
        f"/api/persons/{person.pk}/informing/",
        {"informed": True, "informed_on": timezone.localdate().isoformat(), "how": "letter"},
        format="json",
    )
    assert saved.status_code == 201
    assert saved.json()["organisation_name"] == "GGZ Oost"
    assert client.get(f"/api/persons/{person.pk}/").json()["informed"] is True


def test_a_case_cannot_go_past_the_plan_while_a_main_person_has_no_entry(case, cast, client):
    director = case.case_director
    case.status = "plan"
    case.save()
    person = add(case, cast.participant)
    add(case, cast.participant, name="Buurvrouw", role="neighbour")  # not a main person: no entry needed

    with pytest.raises(CaseError, match="Sanne de Vries"):
        case.transition("in_progress", by=director)
    api = api_for(director).post(f"/api/cases/{case.pk}/transition/", {"status": "in_progress"}, format="json")
    assert api.status_code == 400 and "Sanne de Vries" in api.json()["detail"]
    client.force_login(director)
    confirmed = {f"basis_{p.pk}": p.legal_basis for p in case.participants.active()}
    page = client.post(reverse("cases:change_status", args=[case.pk, "in_progress"]), {"note": "Start", **confirmed})
    assert page.status_code == 200 and "Sanne de Vries" in page.content.decode()
    case.refresh_from_db()
    assert case.status == "plan"

    informing_record(person, by=director, informed=False, reason="frustrate", look_again_on=TOMORROW)
    case.transition("in_progress", by=director)
    assert case.status == "in_progress"


def test_the_review_agenda_lists_persons_due_for_a_new_look(case, cast):
    from interventions.reviews import review_agenda, review_schedule

    due, later = add(case, cast.participant), add(case, cast.participant, name="Piet", role="household")
    informing_record(due, by=cast.participant, informed=False, reason="unreachable", look_again_on=TOMORROW)
    informing_record(
        later,
        by=cast.participant,
        informed=False,
        reason="unreachable",
        look_again_on=TOMORROW + datetime.timedelta(days=30),
    )
    review = review_schedule(case, by=case.case_director, scheduled_for=timezone.now() + datetime.timedelta(days=3))
    assert [p.name for p in review_agenda(review, cast.participant).persons_to_look_again] == ["Sanne de Vries"]
    agenda = api_for(cast.participant).get(f"/api/reviews/{review.pk}/agenda/").json()
    assert [p["name"] for p in agenda["persons_to_look_again"]] == ["Sanne de Vries"]


def test_the_case_page_shows_persons_in_a_fixed_number_of_queries(case, cast, client, django_assert_num_queries):
    client.force_login(cast.participant)
    url = reverse("cases:detail", args=[case.pk])
    add(case, cast.participant)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(5):
        person = add(case, cast.participant, name=f"Huisgenoot {n}", role="household", house_number=None)
        informing_record(person, by=cast.participant, informed=True, informed_on=timezone.localdate(), how="letter")
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(url)


def test_a_person_in_a_case_one_takes_no_part_in_is_not_found_by_its_id(case, cast, client):
    other = f.CaseFactory()
    f.CaseParticipantFactory(case=other, organisation=other.lead_organisation)
    theirs = add(other, other.case_director)
    client.force_login(cast.participant)
    # Even inside a case one takes part in, someone else's person id is unknown.
    assert client.get(reverse("cases:person", args=[case.pk, theirs.pk])).status_code == 404
    assert client.get(reverse("cases:person_edit", args=[case.pk, theirs.pk])).status_code == 404
