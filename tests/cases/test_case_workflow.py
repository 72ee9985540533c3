"""The case verbs: only allowed transitions, with their conditions, each on the timeline."""

import pytest
from django.utils import timezone

from cases.errors import CaseError
from cases.models import Case, CaseStatus, TimelineEntry
from tests import factories as f

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def case(db):
    case = f.CaseFactory(status=CaseStatus.REPORTED)
    f.CaseParticipantFactory(case=case, organisation=case.lead_organisation)
    return case


def statuses(case):
    return list(case.timeline.filter(kind="status_changed").order_by("at", "pk").values_list("data__status", flat=True))


def test_a_case_walks_the_happy_path_and_each_step_lands_on_the_timeline(case):
    director = case.case_director
    for status in ["triage", "plan", "in_progress", "monitoring"]:
        case.transition(status, by=director)
    case.close(by=director, reason="nuisance_stopped")

    case.refresh_from_db()
    assert case.status == "closed"
    assert case.closing_reason == "nuisance_stopped"
    assert case.closed_at is not None
    assert statuses(case) == ["triage", "plan", "in_progress", "monitoring", "closed"]


def test_a_forbidden_transition_is_refused_and_changes_nothing(case):
    with pytest.raises(CaseError, match="cannot go from"):
        case.transition(CaseStatus.MONITORING, by=case.case_director)
    case.refresh_from_db()
    assert case.status == "reported"
    assert not TimelineEntry.objects.filter(case=case).exists()


def test_closing_without_a_reason_is_refused(case):
    case.transition("triage", by=case.case_director)
    with pytest.raises(CaseError, match="reason"):
        case.close(by=case.case_director, reason="")
    case.refresh_from_db()
    assert case.status == "triage"


def test_reopening_needs_a_note(case):
    case.transition("triage", by=case.case_director)
    case.close(by=case.case_director, reason="unfounded")
    with pytest.raises(CaseError, match="note"):
        case.reopen(by=case.case_director, note="  ")
    case.reopen(by=case.case_director, note="Nieuwe meldingen van buren.")
    case.refresh_from_db()
    assert case.status == "in_progress"
    assert case.closing_reason == ""
    assert case.timeline.filter(data__note="Nieuwe meldingen van buren.").exists()


def test_escalation_records_to_whom(case):
    with pytest.raises(CaseError):
        case.escalate(by=case.case_director, to_whom="")
    case.escalate(by=case.case_director, to_whom="Zorg- en Veiligheidshuis Amsterdam")
    case.refresh_from_db()
    assert case.status == "escalated"
    assert case.escalated_to == "Zorg- en Veiligheidshuis Amsterdam"
    assert "Zorg- en Veiligheidshuis Amsterdam" in case.timeline.get().text


def test_a_transition_to_the_current_status_is_a_no_op(case):
    case.transition("reported", by=case.case_director)
    assert not case.timeline.exists()


def test_every_transition_bumps_the_version(case):
    case.transition("triage", by=case.case_director)
    assert Case.objects.get(pk=case.pk).version == 2


def test_invited_organisation_sees_the_case_until_its_participation_ends(case):
    ggz = f.OrganisationFactory(name="GGZ Noord", kind="mental_health")
    worker = f.UserFactory(organisation=ggz)
    assert not Case.objects.visible_to(worker).exists()

    case.invite(ggz, by=case.case_director, legal_basis="Wvggz: zorgen over bewoner")
    assert Case.objects.visible_to(worker).get() == case

    case.end_participation(ggz, by=case.case_director)
    assert not Case.objects.visible_to(worker).exists()
    assert [e.kind for e in case.timeline.order_by("pk")] == ["participant_added", "participant_ended"]


def test_inviting_needs_a_purpose_and_twice_changes_nothing(case):
    ggz = f.OrganisationFactory(name="GGZ Zuid")
    with pytest.raises(CaseError, match="legal basis"):
        case.invite(ggz, by=case.case_director, legal_basis=" ")
    case.invite(ggz, by=case.case_director, legal_basis="Zorgen")
    case.invite(ggz, by=case.case_director, legal_basis="Zorgen")
    assert case.participants.filter(organisation=ggz).count() == 1


def test_the_lead_organisation_cannot_leave(case):
    with pytest.raises(CaseError):
        case.end_participation(case.lead_organisation, by=case.case_director)


def test_an_own_organisation_note_leaves_a_timeline_trace_only_its_organisation_sees(case):
    ggz = f.OrganisationFactory(name="GGZ West")
    ggz_worker = f.UserFactory(organisation=ggz)
    colleague = f.UserFactory(organisation=case.lead_organisation)
    case.invite(ggz, by=case.case_director, legal_basis="Zorg")

    case.add_note(by=ggz_worker, organisation=ggz, body="Behandeling gestart.", visibility="own")

    note_entries = TimelineEntry.objects.filter(case=case, kind="note")
    assert note_entries.visible_to(ggz_worker).count() == 1
    assert note_entries.visible_to(colleague).count() == 0


def test_an_empty_note_is_refused(case):
    with pytest.raises(CaseError):
        case.add_note(by=case.case_director, organisation=case.lead_organisation, body="   ")
    assert not case.notes.exists()


def test_ending_a_participation_takes_effect_today(case):
    ggz = f.OrganisationFactory(name="GGZ Oost")
    case.invite(ggz, by=case.case_director, legal_basis="Zorg")
    case.end_participation(ggz, by=case.case_director)
    assert case.participants.get(organisation=ggz).until == timezone.localdate()


def test_the_invited_organisations_coordinators_are_notified(case):
    ggz = f.OrganisationFactory(name="GGZ Amstel")
    coordinator = f.UserFactory(organisation=ggz, role="coordinator")
    professional = f.UserFactory(organisation=ggz)

    case.invite(ggz, by=case.case_director, legal_basis="Zorg")

    notification = coordinator.notifications.unread().get()
    assert case.title in notification.text
    assert notification.url == f"/casussen/{case.pk}/"
    assert not professional.notifications.exists()
