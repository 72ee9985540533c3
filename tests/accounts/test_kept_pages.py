"""Kept pages (accounts/kept_pages.py): the second visit is the kept page, and anything that changes what the
page read, by whatever path it is written, shows on the next visit.

Each test commits what it writes, as requests do: a page rendered inside a transaction is kept only once it
commits, so in a test's own transaction nothing would be.
"""

import datetime
import re

import pytest
import time_machine
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from cases.models import AccessLogEntry, Case, CaseParticipant, Note, Signal
from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)

HOME = reverse("cases:home")
TOKEN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")


def case_url(cast):
    return reverse("cases:detail", args=[cast.case.pk])


def visit(client, url, **headers):
    """(status, HTML with its CSRF tokens blanked, the tables the request's queries named)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    named = {table for query in queries.captured_queries for table in re.findall(r'"([a-z_]+)"', query["sql"])}
    return response.status_code, TOKEN.sub("…", response.content.decode()), named


def test_the_second_visit_is_the_kept_page_without_reading_its_rows(client, cast):
    client.force_login(cast.participant)
    status, first, read = visit(client, HOME)
    assert status == 200 and "cases_case" in read and cast.case.title in first
    status, second, read = visit(client, HOME)
    assert second == first
    assert not read & {"cases_case", "cases_signal", "interventions_action"}


def test_a_hard_reload_renders_the_page_afresh(client, cast):
    client.force_login(cast.participant)
    visit(client, HOME)
    status, page, read = visit(client, HOME, cache_control="no-cache")
    assert status == 200 and "cases_case" in read


def test_a_note_written_through_the_verb_shows_at_once(client, cast):
    client.force_login(cast.participant)
    visit(client, case_url(cast))
    cast.case.add_note(by=cast.participant, organisation=cast.case.lead_organisation, body="Buurman gesproken")
    assert "Buurman gesproken" in visit(client, case_url(cast))[1]


def _rename_by_update(case):
    Case.objects.filter(pk=case.pk).update(title="Nieuwe titel")


def _rename_by_raw_sql(case):
    with connection.cursor() as cursor:  # unquoted, as someone might write it by hand: everything is replaced
        cursor.execute("UPDATE cases_case SET title = %s WHERE id = %s", ["Nieuwe titel", case.pk])


def _rename_by_save(case):
    case.title = "Nieuwe titel"
    case.save(update_fields=["title"])


@pytest.mark.parametrize("rename", [_rename_by_save, _rename_by_update, _rename_by_raw_sql])
def test_a_change_shows_at_once_whatever_wrote_it(client, cast, rename):
    client.force_login(cast.participant)
    for url in (HOME, case_url(cast)):
        assert cast.case.title in visit(client, url)[1]
    rename(cast.case)
    for url in (HOME, case_url(cast)):
        assert "Nieuwe titel" in visit(client, url)[1]


def test_notes_made_in_bulk_and_deleted_in_bulk_show_at_once(client, cast):
    client.force_login(cast.participant)
    visit(client, case_url(cast))
    shared = {"case": cast.case, "author": cast.participant, "organisation": cast.case.lead_organisation}
    Note.objects.bulk_create([Note(body=f"Bulknotitie {n}", **shared) for n in range(3)])
    assert "Bulknotitie 2" in visit(client, case_url(cast))[1]
    Note.objects.filter(body__startswith="Bulknotitie").delete()
    assert "Bulknotitie" not in visit(client, case_url(cast))[1]


def test_an_ended_participation_is_a_404_at_once_and_the_case_leaves_home(client, cast):
    client.force_login(cast.participant)
    assert visit(client, case_url(cast))[0] == 200
    assert cast.case.title in visit(client, HOME)[1]
    CaseParticipant.objects.filter(case=cast.case, organisation=cast.case.lead_organisation).update(
        until=timezone.localdate()
    )
    assert visit(client, case_url(cast))[0] == 404
    assert cast.case.title not in visit(client, HOME)[1]


def just_before_midnight():
    """Half a minute to midnight today, here: a visit then and one a minute later are a day apart, within a
    session's idle time and a kept page's life."""
    today = timezone.localdate()
    return timezone.make_aware(datetime.datetime.combine(today, datetime.time(23, 59, 30)))


def test_a_participation_ending_tomorrow_counts_from_tomorrow(client, cast):
    with time_machine.travel(just_before_midnight(), tick=False) as clock:
        client.force_login(cast.participant)
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        CaseParticipant.objects.filter(case=cast.case, organisation=cast.case.lead_organisation).update(until=tomorrow)
        assert cast.case.title in visit(client, HOME)[1]
        assert visit(client, case_url(cast))[0] == 200
        clock.shift(datetime.timedelta(minutes=1))
        assert cast.case.title not in visit(client, HOME)[1]
        assert visit(client, case_url(cast))[0] == 404


def test_every_visit_of_a_kept_case_page_is_in_the_access_log(client, cast):
    client.force_login(cast.participant)
    for _ in range(3):
        visit(client, case_url(cast))
    assert AccessLogEntry.objects.filter(case=cast.case, user=cast.participant, what="case_page").count() == 3


def test_an_outsider_gets_404_where_a_participant_has_a_kept_page(client, cast):
    client.force_login(cast.participant)
    visit(client, case_url(cast))
    client.force_login(cast.outsider)
    assert visit(client, case_url(cast))[0] == 404


def test_each_reader_gets_their_own_page(client, cast):
    """The note only its own organisation may read stays with its author, however often others visit."""
    Note.objects.filter(pk=cast.own_note.pk).update(body="Alleen voor GGZ Oost")
    cast.own_note.refresh_from_db()
    client.force_login(cast.note_author)
    assert cast.own_note.body in visit(client, case_url(cast))[1]
    client.force_login(cast.participant)
    assert cast.own_note.body not in visit(client, case_url(cast))[1]
    client.force_login(cast.note_author)
    assert cast.own_note.body in visit(client, case_url(cast))[1]


def test_language_query_and_htmx_each_have_their_own_page(client, cast):
    client.force_login(cast.participant)
    dutch = visit(client, HOME)[1]
    client.cookies["django_language"] = "en"
    english = visit(client, HOME)[1]
    assert 'lang="en"' in english and 'lang="nl"' in dutch
    listed = reverse("cases:signal_list")
    whole = visit(client, listed)[1]
    partial = visit(client, listed, hx_request="true")[1]
    assert "<html" in whole and "<html" not in partial
    assert visit(client, listed + "?severity=high")[1] != whole


def test_a_new_day_renders_what_is_overdue_anew(client, cast):
    with time_machine.travel(just_before_midnight(), tick=False) as clock:
        Case.objects.filter(pk=cast.case.pk).update(next_review_on=timezone.localdate())
        client.force_login(cast.participant)
        assert "badge--overdue" not in visit(client, HOME)[1]
        clock.shift(datetime.timedelta(minutes=1))
        assert "badge--overdue" in visit(client, HOME)[1]


def test_a_kept_page_posts_with_this_sessions_own_token(cast):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    for browser in (first, second):
        browser.force_login(cast.participant)
    first.get(case_url(cast))
    page = second.get(case_url(cast)).content.decode()  # the kept page, with this session's tokens
    token = re.search(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"', page).group(1)
    posted = second.post(
        reverse("cases:add_note", args=[cast.case.pk]),
        {"body": "Met mijn eigen token", "visibility": "all", "csrfmiddlewaretoken": token},
    )
    assert posted.status_code == 302
    assert "Met mijn eigen token" in first.get(case_url(cast)).content.decode()


def test_a_waiting_message_is_shown_on_a_kept_page_once(client, cast):
    director = f.UserFactory(organisation=cast.case.lead_organisation, role="case_director")
    client.force_login(director)
    listed = reverse("cases:signal_list")
    visit(client, listed)  # kept; asking to open a case from no signals changes nothing it read
    asked = client.post(reverse("cases:signal_create_case"), follow=True)
    assert asked.redirect_chain[-1][0] == listed
    assert 'class="wrap messages"' in asked.content.decode()
    assert 'class="wrap messages"' not in visit(client, listed)[1]


def test_the_api_signal_list_is_kept_and_a_new_signal_shows_at_once(cast):
    client = APIClient()
    client.force_login(cast.participant)
    first = client.get("/api/signals/").json()
    assert [row["id"] for row in first["results"]] == [cast.signal.pk]
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/signals/").json() == first
    assert not any("cases_signal" in query["sql"] for query in queries.captured_queries)
    newer = f.SignalFactory(neighbourhood=cast.case.neighbourhood, reporting_organisation=cast.case.lead_organisation)
    assert [row["id"] for row in client.get("/api/signals/").json()["results"]] == [newer.pk, cast.signal.pk]
    Signal.objects.filter(pk=newer.pk).delete()
    assert [row["id"] for row in client.get("/api/signals/").json()["results"]] == [cast.signal.pk]


class RolledBack(Exception):
    """Raised to roll a transaction back."""


def test_a_page_rendered_in_a_transaction_that_rolls_back_is_not_kept(client, cast):
    client.force_login(cast.participant)
    visit(client, case_url(cast))
    with pytest.raises(RolledBack), transaction.atomic():
        cast.case.add_note(by=cast.participant, organisation=cast.case.lead_organisation, body="Nooit bewaard")
        assert "Nooit bewaard" in visit(client, case_url(cast))[1]
        raise RolledBack
    assert "Nooit bewaard" not in visit(client, case_url(cast))[1]


def kept_twice(cast, rf, path, read):
    """Whether a page at `path` whose render runs `read()` is kept for the next, identical request."""
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.cache import SessionStore
    from django.http import HttpResponse

    from accounts.kept_pages import KeptPage

    def request():
        made = rf.get(path)
        made.user, made.session = cast.participant, SessionStore()
        made._messages = FallbackStorage(made)
        return made

    def render():
        read()
        return HttpResponse("<p>page</p>")

    with KeptPage(request()) as page:
        page.respond(render)
    with KeptPage(request()) as page:
        return page.entry is not None


def test_a_page_that_reads_the_access_log_is_never_kept_its_writes_replace_no_version(cast, rf):
    assert kept_twice(cast, rf, "/notes/", lambda: list(Note.objects.filter(case=cast.case)))
    assert not kept_twice(cast, rf, "/log/", lambda: list(AccessLogEntry.objects.filter(case=cast.case)))
