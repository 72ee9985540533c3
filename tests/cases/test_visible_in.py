"""visible_in(case, user): a case's rows on the case page, without asking the case part of the rule twice."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.access import get_case_for_user
from cases.models import Case, Note, TimelineEntry
from interventions.models import Action

pytestmark = pytest.mark.django_db


def sql_of(queryset):
    with CaptureQueriesContext(connection) as queries:
        list(queryset)
    return queries.captured_queries[-1]["sql"]


def test_a_checked_case_skips_the_participation_subquery_but_keeps_the_rows_own_rule(cast):
    case = get_case_for_user(cast.participant, cast.case.pk)
    notes = Note.objects.visible_in(case, cast.participant)
    assert list(notes) == [cast.shared_note]  # not the other organisation's own note
    assert "cases_caseparticipant" not in sql_of(notes.all())
    assert list(Action.objects.visible_in(case, cast.participant)) == [cast.action]


def test_a_case_checked_for_someone_else_goes_through_the_whole_rule(cast):
    case = get_case_for_user(cast.participant, cast.case.pk)
    for model in (Note, TimelineEntry, Action):
        assert not model.objects.visible_in(case, cast.outsider).exists()
    assert "cases_caseparticipant" in sql_of(Note.objects.visible_in(case, cast.outsider))


def test_an_unchecked_case_object_goes_through_the_whole_rule(cast):
    case = Case.objects.get(pk=cast.case.pk)
    assert not Note.objects.visible_in(case, cast.outsider).exists()
    assert list(Note.objects.visible_in(case, cast.participant)) == [cast.shared_note]
    assert "cases_caseparticipant" in sql_of(Note.objects.visible_in(case, cast.participant))


def test_ending_a_participation_forgets_the_check(cast):
    case = get_case_for_user(cast.note_author, cast.case.pk)
    assert Note.objects.visible_in(case, cast.note_author).exists()
    case.end_participation(cast.own_note.organisation, by=cast.case.case_director)
    assert not Note.objects.visible_in(case, cast.note_author).exists()
