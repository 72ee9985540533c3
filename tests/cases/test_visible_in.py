"""visible_in(access): a case's rows on the case page, from the chokepoint's decision, without asking it twice."""

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

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
