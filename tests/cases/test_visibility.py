"""The need-to-know rule on the querysets: who sees which row."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from cases.models import Case, Note, Signal, TimelineEntry
from interventions.models import Action, Intervention
from tests import factories as f


def visible_pks(model, user):
    return set(model.objects.visible_to(user).values_list("pk", flat=True))


@pytest.mark.django_db
def test_participant_sees_case_and_its_parts(cast):
    user = cast.participant
    assert visible_pks(Case, user) == {cast.case.pk}
    assert visible_pks(Intervention, user) == {cast.intervention.pk}
    assert visible_pks(Action, user) == {cast.action.pk}


@pytest.mark.django_db
def test_own_organisation_note_is_hidden_from_other_participants(cast):
    assert visible_pks(Note, cast.participant) == {cast.shared_note.pk}
    assert visible_pks(Note, cast.note_author) == {cast.shared_note.pk, cast.own_note.pk}


@pytest.mark.django_db
def test_own_organisation_timeline_entry_is_hidden_from_other_participants(cast):
    note = {"code": "note_added", "data": {"excerpt": "Notitie"}}
    hidden = TimelineEntry.objects.create(
        case=cast.case, kind="note", **note, organisation_only=cast.own_note.organisation
    )
    shown = TimelineEntry.objects.create(case=cast.case, kind="note", **note)
    assert visible_pks(TimelineEntry, cast.participant) == {shown.pk}
    assert visible_pks(TimelineEntry, cast.note_author) == {shown.pk, hidden.pk}


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["outsider", "manager"])
def test_non_participants_see_no_case_details(cast, who):
    user = getattr(cast, who)
    for model in (Case, Note, TimelineEntry, Intervention, Action):
        assert visible_pks(model, user) == set(), model


@pytest.mark.django_db
def test_anonymous_sees_nothing(cast):
    for model in (Case, Note, Signal, Intervention, Action):
        assert visible_pks(model, AnonymousUser()) == set()


@pytest.mark.django_db
def test_ended_participation_loses_access_at_once(cast):
    participation = cast.case.participants.get(organisation=cast.case.lead_organisation)
    participation.until = timezone.localdate()
    participation.save()
    assert visible_pks(Case, cast.participant) == set()
    assert visible_pks(Action, cast.participant) == set()


@pytest.mark.django_db
def test_future_participation_gives_no_access_yet(cast):
    participation = cast.case.participants.get(organisation=cast.case.lead_organisation)
    participation.since = timezone.localdate() + datetime.timedelta(days=1)
    participation.save()
    assert visible_pks(Case, cast.participant) == set()


@pytest.mark.django_db
def test_inactive_organisation_loses_access(cast):
    cast.case.lead_organisation.is_active = False
    cast.case.lead_organisation.save()
    assert visible_pks(Case, cast.participant) == set()


@pytest.mark.django_db
def test_signal_visible_to_reporting_organisation_and_covering_team(cast):
    elsewhere = f.SignalFactory(reporting_organisation=cast.outsider.memberships.get().organisation)
    assert cast.signal.pk in visible_pks(Signal, cast.participant)
    # The manager's team covers the neighbourhood; their organisation did not report.
    assert visible_pks(Signal, cast.manager) == {cast.signal.pk}
    assert visible_pks(Signal, cast.outsider) == {elsewhere.pk}


@pytest.mark.django_db
def test_user_in_two_organisations_sees_cases_of_both(cast):
    other_case = f.CaseFactory()
    f.CaseParticipantFactory(case=other_case, organisation=other_case.lead_organisation)
    f.UserFactory(username=cast.outsider.username, organisation=other_case.lead_organisation)
    assert visible_pks(Case, cast.outsider) == {other_case.pk}


@pytest.mark.django_db
def test_visibility_query_has_no_duplicates_with_many_memberships(cast):
    second_org = f.OrganisationFactory(name="Tweede")
    f.CaseParticipantFactory(case=cast.case, organisation=second_org)
    f.UserFactory(username=cast.participant.username, organisation=second_org)
    assert Case.objects.visible_to(cast.participant).count() == 1
