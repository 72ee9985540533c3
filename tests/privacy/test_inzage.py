"""Inzage: everything held about a person in the cases the privacy officer's organisation takes part in,
with those cases' access logs, as HTML and JSON in one download; other organisations' own notes left out
(and said so); the export itself logged; the command writes the same file."""

import datetime
import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cases.models import AccessLogEntry
from cases.persons import informing_record, person_add
from interventions.reviews import review_record, review_schedule
from interventions.services import action_add, intervention_add
from tests import factories as f

BORN = datetime.date(1970, 2, 3)
OWN_NOTE_GGZ = "GGZ intern: diagnose niet delen."
OWN_NOTE_LEAD = "Woonstad intern: huurachterstand."


@pytest.fixture
def world(db):
    lead = f.OrganisationFactory(name="Woonstad")
    ggz = f.OrganisationFactory(name="GGZ Oost", kind="mental_health")
    director = f.UserFactory(username="director", organisation=lead, role="case_director")
    officer = f.UserFactory(username="fg", organisation=lead, role="privacy_officer")
    ggz_user = f.UserFactory(username="ggz", organisation=ggz)
    case = f.CaseFactory(
        status="in_progress", lead_organisation=lead, case_director=director, title="Overlast Javastraat"
    )
    f.CaseParticipantFactory(case=case, organisation=lead, role="lead")
    case.invite(ggz, by=director, legal_basis="Zorg")
    person = person_add(
        case, by=director, name="Anna Smit", date_of_birth=BORN, role="main", postcode="1094 AB", house_number=5
    )
    informing_record(person, by=director, informed=True, informed_on=timezone.localdate(), how="letter")
    f.SignalFactory(case=case, neighbourhood=case.neighbourhood, description="Anna schreeuwt in het trappenhuis.")
    case.add_note(by=director, organisation=None, body="Gesprek met Anna gevoerd.")
    case.add_note(by=director, organisation=None, body=OWN_NOTE_LEAD, visibility="own")
    case.add_note(by=ggz_user, organisation=None, body=OWN_NOTE_GGZ, visibility="own")
    intervention = intervention_add(
        case,
        by=director,
        kind="home_visit",
        solution_direction="care_and_support",
        goal="Anna helpen met haar administratie.",
        lead_organisation=lead,
        owner=director,
        contributions=[(ggz, "Begeleiding door een SPV")],
    )
    intervention.start(by=director)
    intervention.add_progress(by=director, body="Eerste huisbezoek gedaan.")
    action_add(case, by=director, title="Brief over de regeling sturen", organisation=lead, assignee=director)
    review = review_schedule(case, by=director, scheduled_for=timezone.now() + datetime.timedelta(hours=1))
    review_record(review, by=director, minutes="Anna Smit werkt mee; volgende stap schuldhulp.", held_early=True)
    other_review = review_schedule(case, by=director, scheduled_for=timezone.now() + datetime.timedelta(days=3))
    review_record(other_review, by=director, minutes="Alleen over de buren gesproken.", held_early=True)
    # The same person on a second case of Woonstad's, and on one Woonstad takes no part in.
    second = f.CaseFactory(status="triage", lead_organisation=lead, case_director=director, title="Tweede casus")
    f.CaseParticipantFactory(case=second, organisation=lead)
    person_add(second, by=director, name="Anna Smit", date_of_birth=BORN, role="household")
    elsewhere = f.CaseFactory(status="triage", title="Casus van een ander")
    f.CaseParticipantFactory(case=elsewhere, organisation=elsewhere.lead_organisation)
    person_add(elsewhere, by=elsewhere.case_director, name="Anna Smit", date_of_birth=BORN, role="main")
    case.access_of(ggz_user).log_read("case_page")
    return {"case": case, "second": second, "elsewhere": elsewhere, "person": person, "officer": officer, "lead": lead}


def export_of(client, world):
    response = client.get(reverse("privacy:inzage_download", args=[world["person"].pk, world["lead"].pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == ["inzage.html", "inzage.json"]
    return archive.read("inzage.html").decode(), json.loads(archive.read("inzage.json"))


def test_the_export_holds_every_kind_of_item_and_the_access_log(world, client):
    client.force_login(world["officer"])
    html, data = export_of(client, world)
    assert [section["case"]["title"] for section in data["cases"]] == ["Overlast Javastraat", "Tweede casus"]
    first = data["cases"][0]
    assert first["persons"][0]["name"] == "Anna Smit" and first["persons"][0]["address"] == "1094 AB 5"
    assert first["persons"][0]["informing"][0]["how"] == "brief"  # in Dutch
    assert first["signals"][0]["description"] == "Anna schreeuwt in het trappenhuis."
    assert [n["body"] for n in first["notes"]] == ["Gesprek met Anna gevoerd.", OWN_NOTE_LEAD]
    assert first["notes_left_out"] == 1
    assert first["interventions"][0]["goal"] == "Anna helpen met haar administratie."
    assert first["interventions"][0]["contributions"][0]["contribution"] == "Begeleiding door een SPV"
    assert first["interventions"][0]["progress"][0]["text"] == "Eerste huisbezoek gedaan."
    assert first["actions"][0]["title"] == "Brief over de regeling sturen"
    assert [r["minutes"] for r in first["reviews"]] == ["Anna Smit werkt mee; volgende stap schuldhulp."]
    assert any(e["on_behalf_of"] == "GGZ Oost" and e["what"] == "casuspagina" for e in first["access_log"])
    for text in (html, json.dumps(data, ensure_ascii=False)):
        assert OWN_NOTE_GGZ not in text and "Casus van een ander" not in text
    assert "niet in deze export opgenomen" in html and "Wie heeft deze casus bekeken" in html


def test_the_export_is_logged_on_every_case_it_covers(world, client):
    client.force_login(world["officer"])
    export_of(client, world)
    logged = AccessLogEntry.objects.filter(what="inzage", channel="export", user=world["officer"])
    assert set(logged.values_list("case", flat=True)) == {world["case"].pk, world["second"].pk}


def test_only_a_privacy_officer_of_an_organisation_taking_part_may_export(world, client):
    person = world["person"]
    for username, organisation in (("director", world["lead"]), ("ggz", world["lead"])):
        client.force_login(f.UserFactory._meta.model.objects.get(username=username))
        assert client.get(reverse("privacy:inzage_person", args=[person.pk])).status_code == 404
        assert client.get(reverse("privacy:inzage_download", args=[person.pk, organisation.pk])).status_code == 404
    stranger = f.UserFactory(
        username="fg-elders", organisation=world["elsewhere"].lead_organisation, role="privacy_officer"
    )
    client.force_login(stranger)
    assert client.get(reverse("privacy:inzage_person", args=[person.pk])).status_code == 404
    found = client.get(reverse("privacy:inzage") + "?q=Anna").content.decode()
    assert reverse("privacy:inzage_person", args=[person.pk]) not in found


def test_the_search_and_the_person_page_lead_to_the_download(world, client):
    client.force_login(world["officer"])
    found = client.get(reverse("privacy:inzage") + "?q=anna").content.decode()
    assert reverse("privacy:inzage_person", args=[world["person"].pk]) in found
    assert "Casus van een ander" not in found
    page = client.get(reverse("privacy:inzage_person", args=[world["person"].pk])).content.decode()
    assert "Tweede casus" in page
    looked = AccessLogEntry.objects.filter(what="person", user=world["officer"])
    assert set(looked.values_list("case", flat=True)) == {world["case"].pk, world["second"].pk}
    assert reverse("privacy:inzage_download", args=[world["person"].pk, world["lead"].pk]) in page


def test_the_command_writes_the_same_export(world, tmp_path):
    out = io.StringIO()
    call_command("inzage_export", world["person"].pk, "--out", str(tmp_path), stdout=out)
    written = tmp_path / out.getvalue().strip().rsplit("/", 1)[-1]
    archive = zipfile.ZipFile(written)
    data = json.loads(archive.read("inzage.json"))
    assert data["made_by"] == world["officer"].get_full_name()
    assert [section["case"]["title"] for section in data["cases"]] == ["Overlast Javastraat", "Tweede casus"]
