"""visible_in(access): a case's rows on the case page, from the chokepoint's decision, without asking it twice."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.access import get_case_for_user
from cases.models import CaseAccess, Note, case_access
from interventions.models import Action

pytestmark = pytest.mark.django_db


def sql_of(queryset):
    with CaptureQueriesContext(connection) as queries:
        list(queryset)
    return queries.captured_queries[-1]["sql"]


def test_the_access_skips_the_participation_subquery_but_keeps_the_rows_own_rule(cast):
    access = get_case_for_user(cast.participant, cast.case.pk)
    notes = Note.objects.visible_in(access)
    assert list(notes) == [cast.shared_note]  # not the other organisation's own note
    assert "cases_caseparticipant" not in sql_of(notes.all())
    assert list(Action.objects.visible_in(access)) == [cast.action]


def test_there_is_no_access_for_someone_who_does_not_take_part(cast):
    with pytest.raises(Http404):
        case_access(cast.outsider, cast.case)
    with pytest.raises(Http404):
        get_case_for_user(cast.outsider, cast.case.pk)


def test_the_access_is_a_value_that_says_what_was_decided(cast):
    access = get_case_for_user(cast.note_author, cast.case.pk)
    assert isinstance(access, CaseAccess)
    assert access.case == cast.case
    assert [o.name for o in access.organisations] == ["GGZ Oost"]
    assert not access.directs
    assert not hasattr(access.case, "_need_to_know_checked_for")  # nothing stamped on the model


def test_after_ending_a_participation_a_new_decision_is_needed(cast):
    case_access(cast.note_author, cast.case)
    cast.case.end_participation(cast.own_note.organisation, by=cast.case.case_director)
    with pytest.raises(Http404):
        case_access(cast.note_author, cast.case)


def participant_reads(queries):
    return [q for q in queries if q["sql"].startswith("SELECT") and 'FROM "cases_caseparticipant"' in q["sql"]]


def test_the_verb_a_request_leads_to_decides_from_the_participants_the_chokepoint_read(cast, client):
    client.force_login(cast.participant)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            f"/casussen/{cast.case.pk}/notities/", {"body": "Gebeld met de buren.", "visibility": "all"}
        )
    assert response.status_code == 302
    assert len(participant_reads(queries.captured_queries)) == 1


def test_a_write_in_between_means_the_participants_are_read_again(cast):
    get_case_for_user(cast.note_author, cast.case.pk)
    # Not through the case object, nor through a verb: a plain update on the same connection.
    cast.case.participants.filter(organisation=cast.own_note.organisation).update(
        until=timezone.localdate() - datetime.timedelta(days=1)
    )
    with pytest.raises(Http404):
        case_access(cast.note_author, cast.case)


def test_a_participation_that_ends_with_the_day_ends_the_access_the_next_day(cast):
    today = timezone.localdate()
    cast.case.participants.filter(organisation=cast.own_note.organisation).update(until=today + datetime.timedelta(1))
    access = case_access(cast.note_author, cast.case)
    with CaptureQueriesContext(connection) as queries:
        assert case_access(cast.note_author, cast.case).organisations == access.organisations
    assert participant_reads(queries.captured_queries) == []  # the same request: not asked again
    with time_machine.travel(today + datetime.timedelta(days=2), tick=False), pytest.raises(Http404):
        case_access(cast.note_author, cast.case)


def test_what_was_read_for_one_user_decides_nothing_for_another(cast):
    get_case_for_user(cast.participant, cast.case.pk)
    with pytest.raises(Http404):
        case_access(cast.outsider, cast.case)
