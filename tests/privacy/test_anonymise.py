"""Anonymising a demo case leaves no trace of who or where in the whole database, deletes its files, and
keeps every dashboard figure as it was; it is idempotent and finishes deleting files it did not get to."""

import io
import json
import re

import pytest
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from cases.models import AccessLogEntry, Case, Note, Person, Signal, TimelineEntry
from cases.persons import person_add
from privacy.anonymise import anonymise_case
from privacy.models import FileToDelete, RetentionReview
from tests import factories as f

PDF = b"%PDF-1.4\n% anonimiseren\n"
OVERVIEW_PAGES = ["dashboards:neighbourhoods", "dashboards:partners", "dashboards:cases", "monitor:overview"]


@pytest.fixture
def demo(db):
    call_command("load_demo", force=True, stdout=io.StringIO())
    case = Case.objects.get(title__endswith="(2024)")
    director = case.case_director
    # A file and a neighbour who also has signals elsewhere in the file; the timeline names them.
    case.add_attachment(by=director, organisation=None, uploaded_file=SimpleUploadedFile("brief-prins.pdf", PDF))
    return case


def csv_links(client, path):
    """Every CSV a page links to (its charts' tables)."""
    html = client.get(path).content.decode()
    return sorted(set(re.findall(r'href="([^"]*/csv/[^"]*)"', html)))


def every_figure(client):
    """The bytes of every CSV on the overview pages and the pages they link to (district, neighbourhood)."""
    pages = [reverse(name) for name in OVERVIEW_PAGES]
    html = "".join(client.get(page).content.decode() for page in pages)
    pages += sorted(set(re.findall(r'href="(/overzicht/(?:wijk|buurt)/[^"/]+/)"', html)))[:6]
    figures = {}
    for page in pages:
        for link in csv_links(client, page):
            response = client.get(link.replace("&amp;", "&"))
            assert response.status_code == 200, link
            figures[link] = response.content
    assert len(figures) >= 10
    return figures


def whole_database():
    """Everything stored, as text: dumpdata, and on PostgreSQL every table's rows as PostgreSQL prints them."""
    out = io.StringIO()
    call_command("dumpdata", stdout=out)
    text = [out.getvalue()]
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT t::text FROM "{table}" t')
            text.extend(row[0] for row in cursor.fetchall())
    return "\n".join(text)


def traces(case):
    """What would tell who or where: persons' names, the address, note bodies, signal descriptions, the title."""
    persons = list(Person.objects.filter(case=case).values_list("name", flat=True))
    assert persons
    secrets = [
        *persons,
        case.title,
        *Note.objects.filter(case=case).values_list("body", flat=True),
        *Signal.objects.filter(case=case).values_list("description", flat=True),
        "brief-prins",
    ]
    return secrets, (case.postcode, case.house_number)


def assert_gone(text, secrets, address):
    for secret in secrets:
        assert secret not in text and json.dumps(secret)[1:-1] not in text, secret
    postcode, number = address
    assert not re.search(rf"{postcode}\W{{1,12}}{number}\b", text), address


def test_after_anonymising_nothing_tells_who_or_where_and_every_figure_is_the_same(
    demo, client, django_capture_on_commit_callbacks
):
    case = demo
    secrets, address = traces(case)
    stored = list(case.attachments.values_list("file", flat=True))
    assert all(default_storage.exists(name) for name in stored)
    assert all(secret in whole_database() for secret in secrets[:2])  # the check can see them while they are there

    manager = f.UserFactory._meta.model.objects.get(username="manager")
    client.force_login(manager)
    figures_before = every_figure(client)

    # The privacy officer gives the second approval on the page: the case is anonymised at once.
    officer = f.UserFactory._meta.model.objects.get(username="privacy")
    client.force_login(officer)
    review = RetentionReview.objects.get(case=case)
    with django_capture_on_commit_callbacks(execute=True):  # files go once the database has committed
        client.post(reverse("privacy:approve", args=[review.pk]))
    case.refresh_from_db()
    assert case.anonymised_at is not None

    assert_gone(whole_database(), secrets, address)
    assert not any(default_storage.exists(name) for name in stored)
    assert not FileToDelete.objects.exists()
    # What the figures count stays: category, neighbourhood, dates, statuses, participations.
    assert case.neighbourhood and case.status == "closed" and case.closing_reason == "care_in_place"
    assert Signal.objects.filter(case=case).exclude(category="").count() == 2

    client.force_login(manager)
    assert every_figure(client) == figures_before

    client.force_login(case.case_director)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Geanonimiseerd op" in page
    timeline = [entry.text for entry in TimelineEntry.objects.filter(case=case)]
    assert any("(tekst verwijderd)" in line or "(naam verwijderd)" in line for line in timeline)


def test_anonymising_twice_changes_nothing_more_and_finishes_files_a_failed_run_left(
    demo, monkeypatch, django_capture_on_commit_callbacks
):
    case = demo
    stored = list(case.attachments.values_list("file", flat=True))
    real_delete = FileSystemStorage.delete

    def storage_gone_away(self, name):
        raise OSError("storage unreachable")

    monkeypatch.setattr(FileSystemStorage, "delete", storage_gone_away)
    with pytest.raises(OSError), django_capture_on_commit_callbacks(execute=True):
        anonymise_case(case)
    case.refresh_from_db()
    assert case.anonymised_at is not None  # the database part committed before the files
    assert list(FileToDelete.objects.values_list("name", flat=True)) == stored
    assert all(default_storage.exists(name) for name in stored)

    monkeypatch.setattr(FileSystemStorage, "delete", real_delete)
    first = case.anonymised_at
    with django_capture_on_commit_callbacks(execute=True):
        assert anonymise_case(case) is False  # nothing more in the database ...
    case.refresh_from_db()
    assert case.anonymised_at == first
    assert not FileToDelete.objects.exists()  # ... but the files are gone now
    assert not any(default_storage.exists(name) for name in stored)


def test_an_open_case_is_never_anonymised(db):
    case = f.CaseFactory(status="in_progress")
    with pytest.raises(Exception, match="open"):
        anonymise_case(case)


def test_the_command_refuses_without_both_approvals_and_force_needs_debug(demo, settings):
    case = demo
    settings.DEBUG = False
    with pytest.raises(CommandError, match="approvals"):
        call_command("anonymise_case", case.pk)
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("anonymise_case", case.pk, force=True)
    case.refresh_from_db()
    assert case.anonymised_at is None
    settings.DEBUG = True
    call_command("anonymise_case", case.pk, force=True, stdout=io.StringIO())
    case.refresh_from_db()
    assert case.anonymised_at is not None


def test_the_access_log_of_an_anonymised_case_outlives_it_by_the_retention_period(demo, settings):
    from datetime import timedelta

    from django.utils import timezone

    from cases.services import access_log_prune

    case = demo
    AccessLogEntry.objects.create(case=case, user=case.case_director, at=timezone.now() - timedelta(days=3000))
    assert access_log_prune() == 0  # not anonymised: kept, however old
    anonymise_case(case)
    assert access_log_prune() == 0  # anonymised today: kept ACCESS_LOG_RETENTION_DAYS more
    later = timezone.now() + timedelta(days=settings.ACCESS_LOG_RETENTION_DAYS + 1)
    assert access_log_prune(now=later) >= 1
    assert not AccessLogEntry.objects.filter(case=case).exists()


def test_persons_known_elsewhere_lose_the_match_with_an_anonymised_case(demo):
    case = demo
    person = Person.objects.filter(case=case).first()
    other = f.CaseFactory(status="in_progress", neighbourhood=case.neighbourhood)
    f.CaseParticipantFactory(case=other, organisation=other.lead_organisation)
    twin = person_add(other, by=other.case_director, name=person.name, date_of_birth=person.date_of_birth, role="main")
    assert twin.known_elsewhere.filter(other_case=case).exists()
    anonymise_case(case)
    assert not twin.known_elsewhere.exists()
