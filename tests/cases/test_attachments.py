"""Attachments: only real PDF, JPG, PNG and Word files within the size limit, handed out only to participants."""

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from cases.models import AccessLogEntry, Attachment, TimelineEntry
from tests import factories as f

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 32
JPG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32


def zip_bytes(*names):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<xml/>")
    return buffer.getvalue()


DOCX = zip_bytes("[Content_Types].xml", "word/document.xml")


@pytest.fixture(autouse=True)
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def upload_url(case):
    return reverse("cases:add_attachment", args=[case.pk])


def download_url(attachment):
    return reverse("cases:attachment", args=[attachment.case_id, attachment.pk])


def stored_files():
    return [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, content, content_type",
    [
        ("Verslag huisbezoek.pdf", PDF, "application/pdf"),
        ("foto portiek.PNG", PNG, "image/png"),
        ("trap.jpg", JPG, "image/jpeg"),
        ("plan van aanpak.docx", DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ],
)
def test_a_participant_attaches_a_file_and_another_participant_downloads_it(client, cast, name, content, content_type):
    client.force_login(cast.participant)
    response = client.post(upload_url(cast.case), {"file": upload(name, content)})
    assert response.status_code == 302

    attachment = Attachment.objects.get()
    assert (attachment.original_name, attachment.size, attachment.content_type) == (name, len(content), content_type)
    assert (attachment.uploaded_by, attachment.organisation) == (cast.participant, cast.case.lead_organisation)
    assert name not in attachment.file.name  # stored under a random name
    assert TimelineEntry.objects.filter(case=cast.case, kind="attachment", data__attachment_id=attachment.pk).exists()

    client.force_login(cast.note_author)
    assert name in client.get(reverse("cases:detail", args=[cast.case.pk])).content.decode()
    download = client.get(download_url(attachment))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
    assert download["Content-Type"] == content_type
    assert download["Content-Disposition"].startswith("attachment;")
    assert "no-store" in download["Cache-Control"]


@pytest.mark.django_db
def test_the_download_keeps_the_original_name(client, cast):
    attachment = f.AttachmentFactory(case=cast.case, original_name="Verslag huisbezoek.pdf")
    client.force_login(cast.participant)
    download = client.get(download_url(attachment))
    assert download["Content-Disposition"] == 'attachment; filename="Verslag huisbezoek.pdf"'


@pytest.mark.django_db
def test_a_download_is_written_to_the_access_log(client, cast):
    attachment = f.AttachmentFactory(case=cast.case, original_name="rapport.pdf")
    client.force_login(cast.note_author)
    client.get(download_url(attachment))
    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.what, entry.detail["name"]) == (cast.note_author, "attachment", "rapport.pdf")


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["outsider", "manager"])
def test_non_participants_get_404_on_a_download_and_an_upload(client, cast, who):
    attachment = f.AttachmentFactory(case=cast.case)
    client.force_login(getattr(cast, who))
    assert client.get(download_url(attachment)).status_code == 404
    assert client.post(upload_url(cast.case), {"file": upload("x.pdf", PDF)}).status_code == 404
    assert Attachment.objects.count() == 1


@pytest.mark.django_db
def test_anonymous_is_sent_to_login_for_a_download(client, cast):
    attachment = f.AttachmentFactory(case=cast.case)
    response = client.get(download_url(attachment))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.django_db
def test_an_attachment_of_another_case_is_404_through_this_case(client, cast):
    other_case = f.CaseFactory(lead_organisation=cast.case.lead_organisation)
    f.CaseParticipantFactory(case=other_case, organisation=cast.case.lead_organisation)
    elsewhere = f.AttachmentFactory(case=other_case)
    client.force_login(cast.participant)
    assert client.get(reverse("cases:attachment", args=[cast.case.pk, elsewhere.pk])).status_code == 404
    assert client.get(download_url(elsewhere)).status_code == 200


@pytest.mark.django_db
def test_uploaded_files_are_not_served_from_the_media_url(client, cast):
    attachment = f.AttachmentFactory(case=cast.case)
    client.force_login(cast.participant)
    assert client.get(f"/{settings.MEDIA_URL}{attachment.file.name}").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, content, message",
    [
        ("setup.exe", b"MZ\x90\x00" + b"\x00" * 60, "Only PDF, JPG, PNG and Word (.docx) files can be attached."),
        ("notities.txt", b"gewoon tekst", "Only PDF, JPG, PNG and Word (.docx) files can be attached."),
        ("notities.pdf", b"gewoon tekst, geen pdf", "do not match its file type"),
        ("foto.png", JPG, "do not match its file type"),
        ("archief.docx", zip_bytes("xl/workbook.xml"), "do not match its file type"),
        ("kapot.docx", b"PK\x03\x04 geen echte zip", "do not match its file type"),
        ("leeg.pdf", b"", "The submitted file is empty."),
    ],
)
def test_a_wrong_file_is_refused_with_a_message_and_nothing_is_saved(client, cast, name, content, message):
    client.force_login(cast.participant)
    response = client.post(upload_url(cast.case), {"file": upload(name, content)})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Attachment.objects.exists()
    assert not TimelineEntry.objects.filter(kind="attachment").exists()
    assert stored_files() == []


@pytest.mark.django_db
def test_a_file_over_the_limit_is_refused(client, cast, settings):
    settings.ATTACHMENT_MAX_BYTES = 1000
    client.force_login(cast.participant)
    response = client.post(upload_url(cast.case), {"file": upload("groot.pdf", PDF + b"\x00" * 1000)})
    assert response.status_code == 200
    assert "The file is too large" in response.content.decode()
    assert not Attachment.objects.exists()
    assert stored_files() == []

    assert client.post(upload_url(cast.case), {"file": upload("klein.pdf", PDF)}).status_code == 302


@pytest.mark.django_db
def test_posting_without_a_file_asks_for_one(client, cast):
    client.force_login(cast.participant)
    response = client.post(upload_url(cast.case), {})
    assert "Choose a file to attach." in response.content.decode()
    assert not Attachment.objects.exists()


# API


@pytest.fixture
def api():
    def client_for(user):
        client = APIClient()
        client.force_login(user)  # a fresh user object per request, as in production
        return client

    return client_for


def api_url(case):
    return f"/api/cases/{case.pk}/attachments/"


@pytest.mark.django_db
def test_api_lists_and_adds_attachments_through_the_same_verb(api, cast):
    f.AttachmentFactory(case=cast.case, original_name="oud.pdf")
    response = api(cast.note_author).post(api_url(cast.case), {"file": upload("nieuw.pdf", PDF)}, format="multipart")
    assert response.status_code == 201, response.json()
    assert response.json()["original_name"] == "nieuw.pdf"
    assert response.json()["organisation_name"] == "GGZ Oost"
    assert TimelineEntry.objects.filter(case=cast.case, kind="attachment").exists()

    listed = api(cast.participant).get(api_url(cast.case)).json()
    assert sorted(a["original_name"] for a in listed) == ["nieuw.pdf", "oud.pdf"]
    assert listed[0]["download_url"].startswith(f"/casussen/{cast.case.pk}/bijlagen/")


@pytest.mark.django_db
@pytest.mark.parametrize("name, content", [("x.exe", b"MZ"), ("x.pdf", b"geen pdf")])
def test_api_refuses_a_bad_file_with_a_field_error(api, cast, name, content):
    response = api(cast.participant).post(api_url(cast.case), {"file": upload(name, content)}, format="multipart")
    assert response.status_code == 400
    assert "file" in response.json()
    assert not Attachment.objects.exists()
    assert stored_files() == []


@pytest.mark.django_db
def test_api_refuses_a_file_over_the_limit(api, cast, settings):
    settings.ATTACHMENT_MAX_BYTES = 10
    response = api(cast.participant).post(api_url(cast.case), {"file": upload("x.pdf", PDF)}, format="multipart")
    assert response.status_code == 400
    assert "file" in response.json()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["outsider", "manager"])
def test_api_attachments_are_404_for_non_participants(api, cast, who):
    f.AttachmentFactory(case=cast.case)
    client = api(getattr(cast, who))
    assert client.get(api_url(cast.case)).status_code == 404
    assert client.post(api_url(cast.case), {"file": upload("x.pdf", PDF)}, format="multipart").status_code == 404
    assert Attachment.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["groot.pdf", "groot.docx"])
def test_a_large_file_within_the_limit_is_accepted(client, cast, name):
    """Above 2.5 MB Django streams the upload to a temporary file; the checks work there too."""
    big = b"\x00" * (3 * 1024 * 1024)
    if name.endswith(".pdf"):
        content = PDF + big
    else:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:  # stored, not deflated: stays over 3 MB
            archive.writestr("word/document.xml", "<xml/>")
            archive.writestr("word/media/image1.png", big)
        content = buffer.getvalue()
    client.force_login(cast.participant)
    assert client.post(upload_url(cast.case), {"file": upload(name, content)}).status_code == 302
    assert Attachment.objects.get().size == len(content)
