"""What participants and the case director do from the case page: notes, status, participants, access log.

Pages are read in English (the language switch) so these specs do not change
when the Dutch translations arrive.
"""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from cases.models import AccessLogEntry, CaseParticipant, CaseStatus, Note, TimelineEntry
from notifications.models import Notification
from tests import factories as f


@pytest.fixture(autouse=True)
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def director(cast):
    return cast.case.case_director


def url(name, case, *args):
    return reverse(f"cases:{name}", args=[case.pk, *args])


def page(client, user, case):
    client.force_login(user)
    return client.get(url("detail", case))


def confirmed(case, **data):
    """A status form as the browser sends it: each participant's legal basis as it was filled in."""
    return {**{f"basis_{p.pk}": p.legal_basis for p in case.participants.active()}, **data}


def status_changes(case):
    return list(TimelineEntry.objects.filter(case=case, kind="status_changed").values_list("data__status", flat=True))


# Notes


@pytest.mark.django_db
def test_a_note_for_all_participants_shows_for_everyone_and_on_the_timeline(client, cast):
    client.force_login(cast.note_author)
    response = client.post(url("add_note", cast.case), {"body": "Buren bevestigen de overlast.", "visibility": "all"})
    assert response.status_code == 302
    assert response.url == url("detail", cast.case) + "#notes"

    note = Note.objects.get(body="Buren bevestigen de overlast.")
    assert note.author == cast.note_author
    assert note.organisation.name == "GGZ Oost"
    content = page(client, cast.participant, cast.case).content.decode()
    assert content.count("Buren bevestigen de overlast.") == 2  # the note, and its line on the timeline


@pytest.mark.django_db
def test_an_own_organisation_note_is_invisible_on_another_participants_page(client, cast):
    client.force_login(cast.note_author)
    client.post(url("add_note", cast.case), {"body": "Medicatie is gestopt.", "visibility": "own"})

    assert "Medicatie is gestopt." in page(client, cast.note_author, cast.case).content.decode()
    assert "Medicatie is gestopt." not in page(client, cast.participant, cast.case).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("body", ["", "   \n  "])
def test_an_empty_note_is_shown_again_with_a_message_and_nothing_is_saved(client, cast, body):
    notes_before, timeline_before = Note.objects.count(), TimelineEntry.objects.count()
    client.force_login(cast.participant)
    response = client.post(url("add_note", cast.case), {"body": body, "visibility": "own"})

    assert response.status_code == 200
    content = response.content.decode()
    assert "Write something before you save the note." in content
    assert 'aria-invalid="true"' in content
    assert Note.objects.count() == notes_before
    assert TimelineEntry.objects.count() == timeline_before


@pytest.mark.django_db
def test_with_htmx_the_composer_gets_back_the_notes_and_the_timeline_only(client, cast):
    client.force_login(cast.participant)
    response = client.post(
        url("add_note", cast.case), {"body": "Sleutel opgehaald.", "visibility": "all"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "<html" not in content
    assert 'id="notes-panel"' in content
    assert 'id="timeline-panel"' in content and 'hx-swap-oob="true"' in content
    assert content.count("Sleutel opgehaald.") == 2
    assert "Your note was added." in content


@pytest.mark.django_db
@pytest.mark.parametrize("who, expected", [("outsider", 404), ("manager", 404)])
def test_non_participants_cannot_write_notes(client, cast, who, expected):
    notes_before = Note.objects.count()
    client.force_login(getattr(cast, who))
    response = client.post(url("add_note", cast.case), {"body": "Toch even melden.", "visibility": "all"})
    assert response.status_code == expected
    assert Note.objects.count() == notes_before


# Status workflow


@pytest.mark.django_db
def test_the_case_director_sees_buttons_only_for_the_allowed_next_statuses(client, cast, director):
    response = page(client, director, cast.case)
    assert [status.value for status in response.context["next_statuses"]] == ["monitoring", "closed", "escalated"]
    content = response.content.decode()
    for status in ["monitoring", "closed", "escalated"]:
        assert url("change_status", cast.case, status) in content
    assert url("change_status", cast.case, "triage") not in content


@pytest.mark.django_db
def test_other_participants_see_no_director_tools(client, cast):
    content = page(client, cast.participant, cast.case).content.decode()
    assert "/status/" not in content
    assert url("edit", cast.case) not in content
    assert url("access_log", cast.case) not in content
    assert url("invite", cast.case) not in content


@pytest.mark.django_db
def test_an_allowed_transition_goes_through_its_confirmation_page(client, cast, director):
    client.force_login(director)
    confirmation = client.get(url("change_status", cast.case, "monitoring"))
    assert confirmation.status_code == 200
    assert "Change the status to “monitoring”" in confirmation.content.decode()
    cast.case.refresh_from_db()
    assert cast.case.status == "in_progress"  # looking changes nothing

    response = client.post(
        url("change_status", cast.case, "monitoring"), confirmed(cast.case, note="Rustig sinds de interventie.")
    )
    assert response.status_code == 302
    cast.case.refresh_from_db()
    assert cast.case.status == "monitoring"
    entry = TimelineEntry.objects.get(case=cast.case, kind="status_changed")
    assert entry.actor == director
    assert entry.data["note"] == "Rustig sinds de interventie."
    assert "Rustig sinds de interventie." in page(client, cast.participant, cast.case).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_forbidden_transition_gives_a_message_and_changes_nothing(client, cast, director, method):
    client.force_login(director)
    response = getattr(client, method)(url("change_status", cast.case, "triage"), follow=True)
    assert "A case cannot go from “in progress” to “triage”." in response.content.decode()
    cast.case.refresh_from_db()
    assert cast.case.status == "in_progress"
    assert status_changes(cast.case) == []


@pytest.mark.django_db
def test_closing_needs_a_reason_and_lands_on_the_timeline(client, cast, director):
    client.force_login(director)
    response = client.post(url("change_status", cast.case, "closed"), {"reason": ""})
    assert response.status_code == 200
    assert "Choose why the case is closed." in response.content.decode()
    cast.case.refresh_from_db()
    assert cast.case.status == "in_progress"

    client.post(url("change_status", cast.case, "closed"), {"reason": "care_in_place"})
    cast.case.refresh_from_db()
    assert (cast.case.status, cast.case.closing_reason) == ("closed", "care_in_place")
    assert status_changes(cast.case) == ["closed"]


@pytest.mark.django_db
def test_reopening_needs_a_note(client, cast, director):
    cast.case.close(by=director, reason="unfounded")
    client.force_login(director)
    assert client.get(url("change_status", cast.case, "in_progress")).context["form"].fields["note"].required

    response = client.post(url("change_status", cast.case, "in_progress"), confirmed(cast.case, note="  "))
    assert response.status_code == 200
    assert "Explain why the case is reopened." in response.content.decode()
    cast.case.refresh_from_db()
    assert cast.case.status == "closed"

    client.post(
        url("change_status", cast.case, "in_progress"), confirmed(cast.case, note="Nieuwe meldingen van buren.")
    )
    cast.case.refresh_from_db()
    assert cast.case.status == "in_progress"
    assert TimelineEntry.objects.filter(case=cast.case, data__note="Nieuwe meldingen van buren.").exists()


@pytest.mark.django_db
def test_escalating_records_to_whom(client, cast, director):
    client.force_login(director)
    response = client.post(url("change_status", cast.case, "escalated"), {"escalated_to": ""})
    assert "Say to whom the case is escalated." in response.content.decode()

    client.post(url("change_status", cast.case, "escalated"), {"escalated_to": "Zorg- en Veiligheidshuis"})
    cast.case.refresh_from_db()
    assert (cast.case.status, cast.case.escalated_to) == ("escalated", "Zorg- en Veiligheidshuis")
    entry = TimelineEntry.objects.get(case=cast.case, kind="status_changed")
    assert "Zorg- en Veiligheidshuis" in entry.text
    assert "Zorg- en Veiligheidshuis" in page(client, cast.participant, cast.case).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("who, expected", [("participant", 403), ("note_author", 403), ("outsider", 404)])
@pytest.mark.parametrize("method", ["get", "post"])
def test_only_the_case_director_may_change_the_status(client, cast, who, expected, method):
    client.force_login(getattr(cast, who))
    response = getattr(client, method)(url("change_status", cast.case, "monitoring"))
    assert response.status_code == expected
    cast.case.refresh_from_db()
    assert cast.case.status == "in_progress"


@pytest.mark.django_db
def test_an_unknown_status_is_404(client, cast, director):
    client.force_login(director)
    assert client.get(url("change_status", cast.case, "archived")).status_code == 404


@pytest.mark.django_db
def test_a_case_director_of_another_participating_organisation_takes_part_but_does_not_direct(client, cast):
    ggz_director = f.UserFactory(organisation=cast.own_note.organisation, role="case_director")
    client.force_login(ggz_director)
    assert client.get(url("detail", cast.case)).status_code == 200
    assert client.post(url("change_status", cast.case, "monitoring")).status_code == 403
    assert client.get(url("access_log", cast.case)).status_code == 403
    assert client.get(url("invite", cast.case)).status_code == 403
    participation = cast.case.participants.get(organisation=cast.case.lead_organisation)
    assert client.post(url("end_participation", cast.case, participation.pk)).status_code == 403
    cast.case.refresh_from_db()
    assert cast.case.status == "in_progress"
    assert cast.case.participants.active().filter(organisation=cast.case.lead_organisation).exists()


@pytest.mark.django_db
def test_a_lead_organisation_case_director_directs_and_the_api_refuses_the_others_too(client, cast):
    lead_director = f.UserFactory(organisation=cast.case.lead_organisation, role="case_director")
    client.force_login(lead_director)
    assert client.get(url("access_log", cast.case)).status_code == 200
    ggz_director = f.UserFactory(organisation=cast.own_note.organisation, role="case_director")
    api = APIClient()
    api.force_login(ggz_director)
    response = api.post(f"/api/cases/{cast.case.pk}/transition/", {"status": "monitoring"}, format="json")
    assert response.status_code == 403
    response = api.post(
        f"/api/cases/{cast.case.pk}/participants/",
        {"organisation": f.OrganisationFactory().pk, "legal_basis": "Wet aanpak woonoverlast"},
        format="json",
    )
    assert response.status_code == 403


# Participants


@pytest.fixture
def newcomer(db):
    """An organisation not yet in the case, with a professional and a coordinator."""
    organisation = f.OrganisationFactory(name="Politie Oost", kind="police")
    professional = f.UserFactory(username="wijkagent", organisation=organisation)
    coordinator = f.UserFactory(username="coordinator_politie", organisation=organisation, role="coordinator")
    return organisation, professional, coordinator


@pytest.mark.django_db
def test_an_invited_organisation_sees_the_case_from_that_moment(client, cast, director, newcomer):
    organisation, professional, coordinator = newcomer
    assert page(client, professional, cast.case).status_code == 404

    client.force_login(director)
    response = client.post(
        url("invite", cast.case),
        {"organisation": organisation.pk, "role": "consulted", "legal_basis": "Convenant Veiligheidshuis"},
    )
    assert response.status_code == 302

    assert page(client, professional, cast.case).status_code == 200
    participation = CaseParticipant.objects.active().get(case=cast.case, organisation=organisation)
    assert (participation.role, participation.legal_basis) == ("consulted", "Convenant Veiligheidshuis")
    assert Notification.objects.filter(user=coordinator, kind="invited_to_case").exists()
    assert TimelineEntry.objects.filter(case=cast.case, kind="participant_added").exists()


@pytest.mark.django_db
def test_the_invite_choice_leaves_out_organisations_already_taking_part(client, cast, director, newcomer):
    response = page(client, director, cast.case)
    choices = list(response.context["invite_form"].fields["organisation"].queryset)
    assert newcomer[0] in choices
    assert cast.case.lead_organisation not in choices
    assert cast.own_note.organisation not in choices


@pytest.mark.django_db
def test_an_invitation_without_purpose_is_refused(client, cast, director, newcomer):
    client.force_login(director)
    response = client.post(url("invite", cast.case), {"organisation": newcomer[0].pk, "role": "partner"})
    assert response.status_code == 200
    assert "State the purpose or legal basis for sharing this case." in response.content.decode()
    assert not CaseParticipant.objects.filter(organisation=newcomer[0]).exists()


@pytest.mark.django_db
def test_ending_a_participation_takes_access_away_at_once(client, cast, director):
    ggz = cast.own_note.organisation
    coordinator = f.UserFactory(organisation=ggz, role="coordinator")
    participation = CaseParticipant.objects.active().get(case=cast.case, organisation=ggz)
    assert page(client, cast.note_author, cast.case).status_code == 200

    client.force_login(director)
    confirmation = client.get(url("end_participation", cast.case, participation.pk))
    assert confirmation.status_code == 200
    assert "End the participation of GGZ Oost?" in confirmation.content.decode()
    assert page(client, cast.note_author, cast.case).status_code == 200  # looking changes nothing

    client.force_login(director)
    response = client.post(url("end_participation", cast.case, participation.pk))
    assert response.status_code == 302

    assert page(client, cast.note_author, cast.case).status_code == 404
    assert Notification.objects.filter(user=coordinator, kind="participation_ended").exists()
    assert TimelineEntry.objects.filter(case=cast.case, kind="participant_ended").exists()


@pytest.mark.django_db
def test_the_lead_organisation_cannot_be_ended(client, cast, director):
    lead = CaseParticipant.objects.active().get(case=cast.case, organisation=cast.case.lead_organisation)
    client.force_login(director)
    response = client.post(url("end_participation", cast.case, lead.pk), follow=True)
    assert "The lead organisation cannot leave its own case" in response.content.decode()
    assert page(client, cast.participant, cast.case).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("who, expected", [("participant", 403), ("note_author", 403), ("outsider", 404)])
def test_only_the_case_director_manages_participants(client, cast, newcomer, who, expected):
    ggz = CaseParticipant.objects.active().get(case=cast.case, organisation=cast.own_note.organisation)
    client.force_login(getattr(cast, who))
    assert client.get(url("invite", cast.case)).status_code == expected
    invite = {"organisation": newcomer[0].pk, "role": "partner", "legal_basis": "Nodig"}
    assert client.post(url("invite", cast.case), invite).status_code == expected
    assert client.post(url("end_participation", cast.case, ggz.pk)).status_code == expected
    assert CaseParticipant.objects.active().filter(case=cast.case).count() == 2


@pytest.mark.django_db
def test_ending_a_participation_of_another_case_is_404(client, cast, director):
    elsewhere = f.CaseParticipantFactory()
    client.force_login(director)
    assert client.post(url("end_participation", cast.case, elsewhere.pk)).status_code == 404
    assert CaseParticipant.objects.active().filter(pk=elsewhere.pk).exists()


# Access log


@pytest.mark.django_db
@pytest.mark.parametrize(
    "who, expected", [("director", 200), ("participant", 403), ("note_author", 403), ("outsider", 404)]
)
def test_only_the_case_director_sees_who_viewed_the_case(client, cast, director, who, expected):
    user = director if who == "director" else getattr(cast, who)
    client.force_login(user)
    assert client.get(url("access_log", cast.case)).status_code == expected


@pytest.mark.django_db
def test_page_and_api_openings_appear_in_the_access_log(client, cast, director):
    page(client, cast.participant, cast.case)
    api = APIClient()
    api.force_authenticate(cast.note_author)
    assert api.get(f"/api/cases/{cast.case.pk}/").status_code == 200

    client.force_login(director)
    response = client.get(url("access_log", cast.case))
    rows = [(e["user_name"], e["on_behalf_of"], e["channel"], e["what"]) for e in response.context["page"].object_list]
    assert rows[1:] == [
        (cast.note_author.get_full_name(), ["GGZ Oost"], "api", "case"),
        (cast.participant.get_full_name(), [cast.case.lead_organisation.name], "page", "case_page"),
    ]
    assert rows[0][3] == "access_log"  # reading the log is a read too
    content = response.content.decode()
    assert cast.note_author.get_full_name() in content
    assert "GGZ Oost" in content


# The access log page costs the same however long the log is:
#  1 user (the session comes from the cache), 2 my memberships (need-to-know and
#  the page header), 3 the case with its active participants (the CaseAccess),
#  4 writing that I read the log, 5 unread notifications (page header),
#  6 count of grouped lines, 7 one page of grouped lines (counted in the database).
ACCESS_LOG_QUERIES = 7


@pytest.mark.django_db
@pytest.mark.parametrize("entries", [1, 120])
def test_the_access_log_is_paginated_with_a_fixed_number_of_queries(
    client, cast, director, django_assert_num_queries, entries
):
    now = timezone.now()
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(case=cast.case, user=cast.participant, at=now - datetime.timedelta(days=day))
        for day in range(1, entries + 1)
    )
    client.force_login(director)
    with django_assert_num_queries(ACCESS_LOG_QUERIES):
        response = client.get(url("access_log", cast.case))
    assert len(response.context["page"].object_list) == min(entries + 1, 50)  # and today's read of the log
    if entries > 50:
        assert client.get(url("access_log", cast.case) + "?page=3").context["page"].number == 3


@pytest.mark.django_db
def test_each_status_change_from_the_page_lands_on_the_timeline(client, cast, director):
    client.force_login(director)
    client.post(url("change_status", cast.case, "monitoring"), confirmed(cast.case))
    client.post(url("change_status", cast.case, "escalated"), {"escalated_to": "Veilig Thuis"})
    client.post(url("change_status", cast.case, "closed"), {"reason": "referred_on"})
    client.post(url("change_status", cast.case, "in_progress"), confirmed(cast.case, note="Terug van Veilig Thuis."))
    assert sorted(status_changes(cast.case)) == sorted(["monitoring", "escalated", "closed", "in_progress"])
    cast.case.refresh_from_db()
    assert cast.case.status == CaseStatus.IN_PROGRESS
