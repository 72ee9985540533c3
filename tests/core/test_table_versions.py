"""Table versions (core/table_versions.py): every statement that writes replaces its tables' versions, now and
again at commit; a write or read whose tables cannot be told counts as everything; an answer kept under the
versions of what it read is read again after any of them is written."""

import pytest
from django.db import connection, transaction

from cases.models import Case
from core.kept import key
from core.table_versions import (
    EVERYTHING,
    kept_until_written,
    reading,
    snapshot,
    tables_read,
    tables_written,
    writes_so_far,
)
from tests import factories as f

ALL = frozenset([EVERYTHING])


def case_version():
    return snapshot()[0]["cases_case"]


@pytest.mark.parametrize(
    ("sql", "written"),
    [
        ('INSERT INTO "cases_note" ("body") VALUES (%s) RETURNING "cases_note"."id"', {"cases_note"}),
        ('UPDATE "cases_case" SET "title" = %s WHERE "cases_case"."id" = %s', {"cases_case"}),
        ('DELETE FROM "cases_signal" WHERE "cases_signal"."id" IN (%s)', {"cases_signal"}),
        ('TRUNCATE "cases_note", "cases_case"', {"cases_note", "cases_case"}),
        ("update cases_case set title = 'x'", ALL),  # by hand, unquoted: it can't be told
        ('WITH gone AS (DELETE FROM "cases_note" RETURNING 1) SELECT count(*) FROM gone', {"cases_note"}),
        ('ALTER TABLE "cases_case" ADD COLUMN "x" integer', ALL),
        ('SELECT "cases_case"."id" FROM "cases_case"', set()),
        ("WITH x AS (SELECT 1) SELECT * FROM x", set()),
        ("SAVEPOINT s1", set()),
        ("SET TIME ZONE 'UTC'", set()),
    ],
)
def test_what_a_statement_writes(sql, written):
    assert tables_written(sql) == written


@pytest.mark.parametrize(
    ("sql", "read"),
    [
        ('SELECT "cases_case"."id" FROM "cases_case" INNER JOIN "cases_caseparticipant" ON (1=1)',
         {"cases_case", "cases_caseparticipant"}),
        ("SELECT count(*) FROM cases_case", ALL),  # by hand, unquoted: it can't be told
        ("SELECT 1", set()),
    ],
)  # fmt: skip
def test_what_a_statement_reads(sql, read):
    assert tables_read(sql) == read


@pytest.mark.django_db
def test_a_transaction_replaces_the_versions_of_what_it_wrote_once_at_commit(django_capture_on_commit_callbacks):
    before = case_version()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        case = f.CaseFactory()
        case.title = "Nog een keer"
        case.save()
        assert case_version() == before  # nobody else can read it yet
    assert case_version() != before
    assert sum(callback is connection._veerkracht_replace_pending for callback in callbacks) == 1


@pytest.mark.django_db(transaction=True)
def test_a_write_outside_a_transaction_replaces_the_version_at_once():
    case = f.CaseFactory()
    before = case_version()
    Case.objects.filter(pk=case.pk).update(title="Anders")
    assert case_version() != before


@pytest.mark.django_db
def test_every_connection_is_watched():
    connection.ensure_connection()
    assert connection._veerkracht_observed


@pytest.mark.django_db
def test_the_writes_so_far_count_what_this_connection_wrote_and_nothing_it_read():
    before = writes_so_far()
    list(Case.objects.all())
    assert writes_so_far() == before
    f.CaseFactory()  # its neighbourhood, organisation and case: several INSERTs
    after = writes_so_far()
    assert after > before
    with connection.cursor() as cursor:
        cursor.execute('UPDATE "cases_case" SET "title" = %s WHERE false', ["x"])  # changes no row, still a write
    assert writes_so_far() == after + 1


@pytest.mark.django_db(transaction=True)  # committed at once, as a request's log_read is
def test_a_read_written_to_the_access_log_replaces_no_version_but_counts_as_a_write(cast):
    from cases.access import get_case_for_user
    from cases.models import ReadWhat

    access = get_case_for_user(cast.participant, cast.case.pk)
    before, writes = snapshot()[0], writes_so_far()
    access.log_read(ReadWhat.CASE_PAGE)
    assert snapshot()[0] == before
    assert writes_so_far() == writes + 1
    assert tables_written('INSERT INTO "cases_accesslogentry" ("case_id") VALUES (%s)') == {"cases_accesslogentry"}


# Answers kept until a table they read is written (kept_until_written) ------------------------------------------


ANSWER = key("test-answer")


def count_cases(log):
    def read():
        log.append("read")
        return Case.objects.count()

    return read


@pytest.mark.django_db(transaction=True)
def test_a_kept_answer_is_read_once_and_again_after_a_write_to_what_it_read():
    log = []
    assert kept_until_written(ANSWER, count_cases(log)) == 0
    assert kept_until_written(ANSWER, count_cases(log)) == 0
    assert log == ["read"]
    f.CaseFactory()
    assert kept_until_written(ANSWER, count_cases(log)) == 1
    assert log == ["read", "read"]


@pytest.mark.django_db(transaction=True)
def test_a_transaction_that_has_written_neither_uses_nor_keeps_an_answer():
    log = []
    kept_until_written(ANSWER, count_cases(log))
    with transaction.atomic():
        f.CaseFactory()
        assert kept_until_written(ANSWER, count_cases(log)) == 1  # its own write, not the kept 0
        assert kept_until_written(ANSWER, count_cases(log)) == 1
        transaction.set_rollback(True)
    assert kept_until_written(ANSWER, count_cases(log)) == 0  # the rolled-back 1 was never kept
    assert log == ["read", "read", "read"]


@pytest.mark.django_db(transaction=True)
def test_a_page_being_read_learns_the_tables_of_an_answer_inside_it_kept_or_read():
    with reading() as tables:
        kept_until_written(ANSWER, count_cases([]))
    assert "cases_case" in tables
    with reading() as tables:
        kept_until_written(ANSWER, count_cases([]))  # kept now: no query, the same tables
    assert "cases_case" in tables
