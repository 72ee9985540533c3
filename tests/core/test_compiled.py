"""Compiled querysets and inserts (core/compiled.py): the SQL made once, the same rows and instances as the
queryset's own, the same row as create() writes."""

import datetime

import pytest
from django.db import connection
from django.db.models.functions import Now
from django.db.models.signals import post_save, pre_save
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.access import get_case_for_user
from cases.models import (
    AccessLogEntry,
    Case,
    CaseParticipant,
    Note,
    NoteVisibility,
    ReadWhat,
    TimelineEntry,
    TimelineKind,
)
from core.compiled import Compiled, CompiledInsert, CompiledRows
from partners.models import Membership
from partners.viewer import viewer_of
from tests import factories as f

pytestmark = pytest.mark.django_db

STAND_IN_CASE, STAND_IN_DAY = -7_000_001, datetime.date(1901, 2, 3)


def participants(case_pk, on):
    return (
        CaseParticipant.objects.active(on)
        .filter(case_id=case_pk)
        .select_related("organisation", "case__neighbourhood", "case__lead_organisation", "case__case_director")
        .order_by("organisation__name")
    )


def described(rows):
    """What a caller reads of each row, related objects included."""
    return [
        (
            row.pk,
            row.organisation.name,
            row.since,
            row.until,
            row.case.pk,
            row.case.title,
            row.case.neighbourhood.name,
            row.case.lead_organisation.name,
            row.case.case_director.username,
        )
        for row in rows
    ]


@pytest.fixture
def two_cases():
    today = timezone.localdate()
    directed = f.CaseFactory(title="Met regisseur")
    directed.case_director = f.UserFactory(username="regisseur", organisation=directed.lead_organisation)
    directed.save()
    f.CaseParticipantFactory(case=directed, organisation=directed.lead_organisation)
    for name, since, until in (
        ("Zorg B", today - datetime.timedelta(days=9), None),
        ("Politie A", today - datetime.timedelta(days=9), today + datetime.timedelta(days=3)),
        ("Ended C", today - datetime.timedelta(days=9), today - datetime.timedelta(days=1)),
        ("Later D", today + datetime.timedelta(days=2), None),
    ):
        f.CaseParticipantFactory(case=directed, organisation=f.OrganisationFactory(name=name), since=since, until=until)
    other = f.CaseFactory(title="Een ander")
    f.CaseParticipantFactory(case=other, organisation=other.lead_organisation)
    return directed, other


def test_the_rows_and_their_related_objects_are_the_querysets_own(two_cases):
    compiled = Compiled(participants, STAND_IN_CASE, STAND_IN_DAY)
    today = timezone.localdate()
    for case in two_cases:
        for on in (today, today + datetime.timedelta(days=5)):
            expected = described(participants(case.pk, on))
            rows = compiled(case.pk, on)
            with CaptureQueriesContext(connection) as queries:
                assert described(rows) == expected
            assert queries.captured_queries == []  # joined in the one query, as select_related does
    names = [row.organisation.name for row in compiled(two_cases[0].pk, today)]
    assert names == sorted(names) and {"Politie A", "Zorg B"} <= set(names)
    assert not {"Ended C", "Later D"} & set(names)


def test_a_shared_relation_is_one_object_for_every_row_made_once(two_cases):
    directed = two_cases[0]
    today = timezone.localdate()
    compiled = Compiled(participants, STAND_IN_CASE, STAND_IN_DAY, shared=("case",))
    unusable = Compiled(lambda case_pk, on: participants(case_pk, today), STAND_IN_CASE, "nowhere", shared=("case",))
    for rows in (compiled(directed.pk, today), unusable(directed.pk, "ignored")):
        assert len(rows) == 3  # the lead, Politie A and Zorg B
        with CaptureQueriesContext(connection) as queries:
            assert described(rows) == described(participants(directed.pk, today))
        assert len(queries.captured_queries) == 1  # the queryset's own, to compare with
        assert all(row.case is rows[0].case for row in rows)
    assert unusable._made["default"] is None


def test_it_sends_the_querysets_own_sql_once_a_call(two_cases):
    case = two_cases[0]
    compiled = Compiled(participants, STAND_IN_CASE, STAND_IN_DAY)
    compiled(case.pk, timezone.localdate())  # the first call makes the statement
    with CaptureQueriesContext(connection) as queries:
        list(participants(case.pk, timezone.localdate()))
        compiled(case.pk, timezone.localdate())
    orm, ours = queries.captured_queries
    assert ours["sql"] == orm["sql"]


def test_a_stand_in_that_does_not_come_through_leaves_every_call_to_the_queryset(two_cases):
    case = two_cases[0]
    unused = Compiled(lambda case_pk, title: participants(case_pk, timezone.localdate()), STAND_IN_CASE, "nowhere")
    assert described(unused(case.pk, "ignored")) == described(participants(case.pk, timezone.localdate()))
    assert unused._made["default"] is None


def test_the_chokepoint_asks_in_one_query_and_refuses_what_cannot_be_an_id(two_cases, client):
    directed, _ = two_cases
    member = f.UserFactory(organisation=directed.lead_organisation)
    with CaptureQueriesContext(connection) as queries:
        access = get_case_for_user(member, directed.pk)
    assert len([q for q in queries.captured_queries if 'FROM "cases_caseparticipant"' in q["sql"]]) == 1
    assert [o.name for o in access.organisations] == [directed.lead_organisation.name]
    client.force_login(member)
    for pk in ("0", "99999999999999999999", "-3"):
        assert client.get(f"/casussen/{pk}/").status_code == 404


def test_a_query_django_answers_without_sql_is_left_to_the_queryset(two_cases):
    nothing = Compiled(lambda case_pk: CaseParticipant.objects.filter(pk__in=[], case_id=case_pk), STAND_IN_CASE)
    with CaptureQueriesContext(connection) as queries:
        assert nothing(two_cases[0].pk) == []
    assert queries.captured_queries == []
    assert nothing._made["default"] is None


# Compiled rows of a case -----------------------------------------------------------------------------------------


def notes_in(case_pk, organisation_ids):
    return Note.objects.in_case(case_pk, organisation_ids).values("body", "visibility", "organisation__name")[:5]


def ids_of(user):
    return tuple(viewer_of(user).organisation_ids)


def test_compiled_rows_are_the_querysets_own_for_every_reader_and_each_shape_is_made_once(cast):
    both = f.UserFactory(username="beide", organisation=cast.own_note.organisation)
    Membership.objects.create(user=both, organisation=cast.case.lead_organisation)
    rows = CompiledRows(notes_in)
    for reader in (cast.participant, cast.note_author, both):
        assert rows(cast.case.pk, ids_of(reader)) == list(notes_in(cast.case.pk, ids_of(reader)))
    assert len(rows(cast.case.pk, ids_of(cast.note_author))) == 2  # the own-organisation note too
    assert len(rows(cast.case.pk, ids_of(cast.participant))) == 1
    assert sorted(shape for _alias, shape in rows._made) == [(None, 1), (None, 2)]
    assert all(statement is not None for statement in rows._made.values())
    with CaptureQueriesContext(connection) as queries:
        list(notes_in(cast.case.pk, ids_of(both)))
        rows(cast.case.pk, ids_of(both))
    orm, ours = queries.captured_queries
    assert ours["sql"] == orm["sql"]


def test_compiled_rows_may_leave_an_argument_unused_and_give_instances_of_a_plain_queryset(cast):
    rows = CompiledRows(lambda case_pk, organisation_ids: TimelineEntry.objects.filter(case_id=case_pk).order_by("pk"))
    assert rows(cast.case.pk, (1, 2)) == list(TimelineEntry.objects.filter(case_id=cast.case.pk).order_by("pk"))
    assert rows._made["default", (None, 2)] is not None


def test_a_flag_shapes_compiled_rows_as_it_is_and_each_value_is_a_statement_of_its_own(cast):
    def notes(case_pk, only_mine):
        mine = Note.objects.filter(case_id=case_pk, visibility=NoteVisibility.OWN_ORGANISATION)
        return (mine if only_mine else Note.objects.filter(case_id=case_pk)).values("body")

    rows = CompiledRows(notes)
    for only_mine in (True, False, True):
        assert rows(cast.case.pk, only_mine) == list(notes(cast.case.pk, only_mine))
    assert len(rows(cast.case.pk, True)) == 1 and len(rows(cast.case.pk, False)) == 2
    assert sorted(shape for _alias, shape in rows._made) == [(None, False), (None, True)]


def test_compiled_rows_of_a_changed_id_or_of_today_are_left_to_the_queryset(cast):
    shifted = CompiledRows(lambda case_pk: Note.objects.filter(case_id=case_pk + 0 if case_pk > 0 else case_pk + 1))
    today = CompiledRows(
        lambda case_pk: Note.objects.filter(case_id=case_pk, created_at__date__lte=timezone.localdate())
    )
    for rows in (shifted, today):
        assert len(rows(cast.case.pk)) == 2
        assert rows._made["default", (None,)] is None


# Compiled inserts ------------------------------------------------------------------------------------------------

ROWS_WRITTEN_EVERY_REQUEST = [TimelineEntry, Note, AccessLogEntry]


def stored(model, pk):
    """Every column of a row as the database holds it."""
    return model.objects.filter(pk=pk).values().get()


def without_key_and_time(row):
    return {name: value for name, value in row.items() if name not in ("id", "at", "created_at")}


def test_a_compiled_insert_writes_the_row_create_writes(cast):
    case, user, organisation = cast.case, cast.participant, cast.case.lead_organisation
    values = {
        TimelineEntry: {"case": case, "kind": TimelineKind.NOTE, "code": "note_added", "actor": user,
                        "organisation": organisation, "organisation_only": None,
                        "data": {"note_id": 7, "excerpt": "Buurman gesproken — ‘s avonds"}},
        Note: {"case": case, "author": user, "organisation": organisation, "body": "Buurman gesproken",
               "visibility": NoteVisibility.OWN_ORGANISATION},
        AccessLogEntry: {"case": case, "user": user, "user_name": "Jan de Vries", "on_behalf_of": ["GGD", "Politie"],
                         "channel": AccessLogEntry.Channel.API, "what": ReadWhat.CASE_PAGE, "detail": {"id": 3}},
    }  # fmt: skip
    for model, given in values.items():
        created = model.objects.create(**given)
        compiled = CompiledInsert(model)(**given)
        assert compiled.pk and compiled.pk != created.pk
        assert without_key_and_time(stored(model, compiled.pk)) == without_key_and_time(stored(model, created.pk))


def test_the_row_comes_back_saved_as_create_leaves_it(cast):
    before = Note.objects.count()
    with CaptureQueriesContext(connection) as queries:
        note = CompiledInsert(Note)(case=cast.case, author=cast.participant, organisation=cast.case.lead_organisation,
                                    body="Eerste versie")  # fmt: skip
    assert len(queries) == 1 and queries[0]["sql"].startswith('INSERT INTO "cases_note"')
    assert not note._state.adding and note._state.db == "default" and note.created_at is not None
    note.body = "Tweede versie"
    note.save()  # an UPDATE of the row, not a second one
    assert Note.objects.count() == before + 1 and stored(Note, note.pk)["body"] == "Tweede versie"


def test_an_unsaved_related_object_is_refused_as_save_refuses_it(cast):
    with pytest.raises(ValueError, match="unsaved related object"):
        CompiledInsert(Note)(case=Case(title="Nooit opgeslagen"), author=cast.participant,
                             organisation=cast.case.lead_organisation, body="x")  # fmt: skip


def test_a_value_that_is_an_expression_is_left_to_create(cast):
    entry = CompiledInsert(TimelineEntry)(case=cast.case, kind=TimelineKind.NOTE, code="note_added", at=Now(), data={})
    assert stored(TimelineEntry, entry.pk)["at"] is not None


@pytest.mark.parametrize("model", ROWS_WRITTEN_EVERY_REQUEST)
def test_no_receiver_listens_to_the_rows_inserted_without_signals(model):
    assert not any(signal.has_listeners(model) for signal in (pre_save, post_save))
