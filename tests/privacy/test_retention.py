"""Retention: a closed case is due CASE_RETENTION_MONTHS after closing; the daily job lists it once and
reminds its director and privacy officers once a week; two people approve (or one extends); old signals
that never joined a case lose their text and address without approval."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from cases.errors import CaseError, NotAllowed
from cases.models import AccessLogEntry, Signal
from privacy.models import RetentionReminder, RetentionReview
from privacy.retention import (
    add_months,
    old_signals_anonymise,
    reminders_claim,
    retention_approve,
    retention_extend,
    retention_list,
    retention_send_now,
)
from privacy.tasks import retention_run
from tests import factories as f

pytestmark = pytest.mark.usefixtures("english")

TODAY = timezone.localdate()


@pytest.fixture
def case(db):
    """A case of Woonstad, closed 25 months ago, with GGZ ended by the closing."""
    lead = f.OrganisationFactory(name="Woonstad")
    director = f.UserFactory(username="director", organisation=lead, role="case_director")
    with time_machine.travel(timezone.now() - datetime.timedelta(days=25 * 31), tick=False):
        case = f.CaseFactory(status="triage", lead_organisation=lead, case_director=director)
        f.CaseParticipantFactory(case=case, organisation=lead, role="lead", since=timezone.localdate())
        case.invite(f.OrganisationFactory(name="GGZ Oost"), by=director, legal_basis="Zorg")
        case.close(by=director, reason="moved")
    return case


@pytest.fixture
def officer(case):
    return f.UserFactory(username="fg", organisation=case.lead_organisation, role="privacy_officer")


def test_add_months_keeps_the_day_or_takes_the_months_last():
    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2026, 11, 15), 24) == datetime.date(2028, 11, 15)
    assert add_months(datetime.date(2026, 3, 10), -12) == datetime.date(2025, 3, 10)


def test_a_case_closed_longer_ago_than_the_retention_period_is_listed_once(case, settings):
    assert retention_list() == 1
    assert retention_list() == 0
    review = RetentionReview.objects.get(case=case)
    assert review.due_on == add_months(timezone.localtime(case.closed_at).date(), 24)
    settings.CASE_RETENTION_MONTHS = 36
    RetentionReview.objects.all().delete()
    assert retention_list() == 0  # not due yet with a longer period


def test_a_cancelled_case_is_due_from_its_cancellation_and_an_open_one_never(db):
    director = f.UserFactory(username="d2", organisation=f.OrganisationFactory(name="Gemeente"), role="case_director")
    with time_machine.travel(timezone.now() - datetime.timedelta(days=800), tick=False):
        cancelled = f.CaseFactory(
            status="triage", lead_organisation=director.memberships.get().organisation, case_director=director
        )
        f.CaseParticipantFactory(case=cancelled, organisation=cancelled.lead_organisation)
        cancelled.transition("cancelled", by=director)
        f.CaseFactory(status="in_progress")
    assert retention_list() == 1
    assert RetentionReview.objects.get().case == cancelled


def test_the_job_reminds_the_director_and_the_privacy_officers_once_a_week(case, officer, mailoutbox):
    f.UserFactory(username="colleague", organisation=case.lead_organisation)  # a professional: not reminded
    first = retention_run.apply().get()
    assert (first["listed"], first["claimed"]) == (1, 2)
    assert retention_run.apply().get()["claimed"] == 0  # twice a day: nothing twice
    assert set(RetentionReminder.objects.values_list("recipient__username", flat=True)) == {"director", "fg"}
    assert first["queued"] == 2  # delivered by the worker (tests/notifications cover that)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=7)):
        assert reminders_claim(timezone.localdate()) == 2  # the next week, again


def test_two_people_approve_then_the_case_is_anonymised(case, officer):
    retention_list()
    review = RetentionReview.objects.get()
    assert retention_approve(review, by=case.case_director) is False
    with pytest.raises(NotAllowed):
        retention_approve(review, by=case.case_director)  # not twice, and not as both
    assert retention_approve(review, by=officer) is True
    case.refresh_from_db()
    assert case.anonymised_at is not None and case.title == f"#{case.pk}"
    assert list(case.timeline.filter(kind="retention").values_list("data__as", flat=True)) == ["officer", "director"]
    decisions = AccessLogEntry.objects.filter(case=case, what="retention")
    assert sorted(decisions.values_list("user__username", flat=True)) == ["director", "fg"]


def test_someone_outside_the_lead_organisation_or_without_the_role_cannot_approve(case, officer):
    retention_list()
    review = RetentionReview.objects.get()
    ggz_officer = f.UserFactory(
        username="fg-ggz",
        organisation=case.participants.get(organisation__name="GGZ Oost").organisation,
        role="privacy_officer",
    )
    professional = f.UserFactory(username="prof", organisation=case.lead_organisation)
    for user in (ggz_officer, professional):
        with pytest.raises(NotAllowed):
            retention_approve(review, by=user)
    review.refresh_from_db()
    assert review.director_approved_at is None and review.officer_approved_at is None


def test_an_extension_needs_a_reason_and_a_later_date_and_approvals_lapse(case, officer):
    retention_list()
    review = RetentionReview.objects.get()
    retention_approve(review, by=case.case_director)
    for reason, until in (("", TODAY + datetime.timedelta(days=90)), ("Rechtszaak loopt", TODAY)):
        with pytest.raises(CaseError):
            retention_extend(review, by=officer, reason=reason, until=until)
    later = TODAY + datetime.timedelta(days=180)
    retention_extend(review, by=officer, reason="Rechtszaak loopt nog", until=later)
    review.refresh_from_db()
    assert (review.due_on, review.director_approved_at, review.extension_reason) == (
        later,
        None,
        "Rechtszaak loopt nog",
    )
    with pytest.raises(CaseError, match="not due"):
        retention_approve(review, by=case.case_director)
    assert reminders_claim(TODAY) == 0  # not due again before the new date
    assert case.timeline.filter(code="retention_extended").get().text.startswith("Retention extended until")


def test_the_queue_page_approves_and_extends_like_the_verbs(case, officer, client):
    retention_list()
    review = RetentionReview.objects.get()
    client.force_login(officer)
    page = client.get(reverse("privacy:queue")).content.decode()
    assert case.title in page and "Approve as privacy officer" not in page  # Dutch by default
    assert "Akkoord als functionaris gegevensbescherming" in page
    refused = client.post(reverse("privacy:extend", args=[review.pk]), {"reason": "Rechtszaak", "until": ""})
    assert refused.status_code == 200 and "Rechtszaak" in refused.content.decode()
    client.post(reverse("privacy:approve", args=[review.pk]))
    review.refresh_from_db()
    assert review.officer_approved_by == officer

    outsider = f.UserFactory(
        username="buiten", organisation=f.OrganisationFactory(name="Elders"), role="privacy_officer"
    )
    client.force_login(outsider)
    assert client.post(reverse("privacy:approve", args=[review.pk])).status_code == 404
    assert case.title not in client.get(reverse("privacy:queue")).content.decode()


def test_signals_that_never_joined_a_case_lose_text_and_address_after_a_year(db):
    old = f.SignalFactory(description="Buurman schreeuwt", postcode="1094 AB", house_number=3)
    linked = f.SignalFactory(description="Hoort bij een casus", case=f.CaseFactory())
    recent = f.SignalFactory(description="Gisteren")
    Signal.objects.filter(pk__in=[old.pk, linked.pk]).update(occurred_at=timezone.now() - datetime.timedelta(days=400))
    assert old_signals_anonymise() == 1
    assert old_signals_anonymise() == 0
    old.refresh_from_db()
    assert (old.description, old.postcode, old.house_number, old.category) == ("", "", None, "GEL")
    assert Signal.objects.get(pk=linked.pk).description == "Hoort bij een casus"
    assert Signal.objects.get(pk=recent.pk).description == "Gisteren"


def test_retention_send_now_runs_the_whole_job_in_this_process(case, officer, mailoutbox):
    result = retention_send_now()
    assert (result["listed"], result["sent"]) == (1, 2)
    assert {m.to[0] for m in mailoutbox} == {"director@example.org", "fg@example.org"}
