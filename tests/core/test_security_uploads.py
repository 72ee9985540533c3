"""Uploads: a file past the limit is cut off while it streams; zip bombs and PDFs with JavaScript are refused."""

import io
import zipfile
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.urls import reverse
from rest_framework.test import APIClient

from cases.models import Attachment

MB = 1024 * 1024
DEFAULT_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]


def directory_size(path):
    return sum(entry.stat().st_size for entry in Path(path).iterdir() if entry.is_file())


class TempDirWatch(FileUploadHandler):
    """Goes before all others: sees every chunk of the body, and measures the temporary upload directory."""

    directory = None
    received = 0
    largest = 0

    def receive_data_chunk(self, raw_data, start):
        TempDirWatch.received = start + len(raw_data)
        TempDirWatch.largest = max(TempDirWatch.largest, directory_size(TempDirWatch.directory))
        return raw_data

    def file_complete(self, file_size):
        return None


@pytest.fixture
def watched_temp_dir(settings, tmp_path):
    directory = tmp_path / "uploads"
    directory.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(directory)
    settings.ATTACHMENT_MAX_BYTES = 1 * MB
    TempDirWatch.directory, TempDirWatch.received, TempDirWatch.largest = directory, 0, 0
    return directory


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def big_pdf(size):
    return upload("groot.pdf", b"%PDF-1.7\n" + b"0" * size)


def post_attachment(client, case, uploaded):
    return client.post(reverse("cases:add_attachment", args=[case.pk]), {"file": uploaded})


def test_a_30_mb_upload_is_cut_off_at_the_limit_and_never_fills_the_disk(client, cast, settings, watched_temp_dir):
    settings.REQUEST_MAX_BYTES = 100 * MB  # past the 413 (core/middleware.py), as behind a proxy that lets it by
    settings.FILE_UPLOAD_HANDLERS = ["tests.core.test_security_uploads.TempDirWatch", *settings.FILE_UPLOAD_HANDLERS]
    client.force_login(cast.participant)
    response = post_attachment(client, cast.case, big_pdf(30 * MB))

    assert response.status_code == 200
    assert "Het bestand is te groot (30,0\xa0MB); maximaal 1,0\xa0MB is toegestaan." in response.content.decode()
    assert TempDirWatch.received > 30 * MB  # the whole body went by ...
    assert TempDirWatch.largest <= 1 * MB  # ... but no more than the limit was ever on disk
    assert list(watched_temp_dir.iterdir()) == []
    assert not Attachment.objects.exists()


def test_without_the_limit_handler_the_whole_upload_would_reach_the_disk(client, cast, settings, watched_temp_dir):
    settings.REQUEST_MAX_BYTES = 100 * MB  # past the 413 (core/middleware.py), as behind a proxy that lets it by
    # The measurement above, shown to work: Django's own handlers store every byte first.
    settings.FILE_UPLOAD_HANDLERS = ["tests.core.test_security_uploads.TempDirWatch", *DEFAULT_HANDLERS]
    client.force_login(cast.participant)
    post_attachment(client, cast.case, big_pdf(5 * MB))
    assert TempDirWatch.largest > 4 * MB


def test_a_file_within_the_limit_still_streams_to_disk_and_is_attached(client, cast, watched_temp_dir):
    client.force_login(cast.participant)
    content = b"%PDF-1.7\n" + b"0" * (MB - 100)
    assert post_attachment(client, cast.case, upload("verslag.pdf", content)).status_code == 302
    assert Attachment.objects.get().size == len(content)


def test_the_api_answers_an_upload_past_the_limit_with_a_field_error(cast, watched_temp_dir):
    api = APIClient()
    api.force_login(cast.participant)
    response = api.post(f"/api/cases/{cast.case.pk}/attachments/", {"file": big_pdf(3 * MB)}, format="multipart")
    assert response.status_code == 400
    assert response.json()["file"] == ["Het bestand is te groot (3,0\xa0MB); maximaal 1,0\xa0MB is toegestaan."]
    assert list(watched_temp_dir.iterdir()) == []


def test_other_form_fields_stay_capped(client, cast, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client.force_login(cast.participant)
    response = client.post(reverse("cases:add_note", args=[cast.case.pk]), {"body": "x" * 5000})
    assert response.status_code == 413
    assert not cast.case.notes.filter(body="x" * 5000).exists()


# Zip bombs


def docx_with_document_of(megabytes):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as document:
            for _ in range(megabytes):
                document.write(b"<w:p/>" * (MB // 6) + b"    ")
    return buffer.getvalue()


@pytest.mark.parametrize("megabytes", [120, 5], ids=["past 100 MB", "100 times its size"])
def test_a_docx_that_unpacks_to_far_more_than_its_size_is_refused(client, cast, megabytes):
    bomb = docx_with_document_of(megabytes)
    assert len(bomb) < MB
    client.force_login(cast.participant)
    response = post_attachment(client, cast.case, upload("plan.docx", bomb))
    assert response.status_code == 200
    assert "“plan.docx” zou uitgepakt veel groter worden dan een document nodig heeft" in response.content.decode()
    assert not Attachment.objects.exists()


def test_an_ordinary_docx_is_attached(client, cast):
    words = " ".join(f"woord{n % 977}" for n in range(40_000)).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:document>" + words + b"</w:document>")
        archive.writestr("word/media/image1.png", bytes(range(256)) * 200)
    client.force_login(cast.participant)
    assert post_attachment(client, cast.case, upload("plan.docx", buffer.getvalue())).status_code == 302


# PDFs with JavaScript

CATALOG = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R {extra} >>\nendobj\n"


def pdf(catalog_extra=b"", *objects):
    return CATALOG.replace(b"{extra}", catalog_extra) + b"".join(objects) + b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"


def object_stream(packed):
    data = zlib.compress(packed)
    return (
        b"7 0 obj\n<< /Type /ObjStm /N 1 /First 5 /Filter /FlateDecode /Length %d >>\nstream\n" % len(data)
        + data
        + b"\nendstream\nendobj\n"
    )


SCRIPTED = {
    "open action": pdf(b"/OpenAction 3 0 R", b"3 0 obj\n<< /S /JavaScript /JS (app.alert\\(1\\)) >>\nendobj\n"),
    "document script": pdf(b"/Names << /JavaScript 4 0 R >>", b"4 0 obj\n<< /Names [(x) 3 0 R] >>\nendobj\n"),
    "page action": pdf(b"", b"5 0 obj\n<< /Type /Page /AA << /O << /S /JavaScript /JS 6 0 R >> >> >>\nendobj\n"),
    "escaped names": pdf(b"/OpenAction << /S /J#61vaScript /J#53 (this.print\\(\\)) >>"),
    "in an object stream": pdf(b"/OpenAction 3 0 R", object_stream(b"3 0 << /S /JavaScript /JS (app.alert(1)) >>")),
}


@pytest.mark.parametrize("content", SCRIPTED.values(), ids=SCRIPTED.keys())
def test_a_pdf_with_javascript_is_refused(client, cast, content):
    client.force_login(cast.participant)
    response = post_attachment(client, cast.case, upload("brief.pdf", content))
    assert response.status_code == 200
    assert "“brief.pdf” bevat JavaScript; pdf-bestanden met scripts kunnen niet worden bijgevoegd." in (
        response.content.decode()
    )
    assert not Attachment.objects.exists()


def test_a_pdf_whose_pictures_happen_to_hold_the_bytes_of_a_script_name_is_attached(client, cast):
    picture = b"\x00\xff/JS /JavaScript\x17\x80" * 50
    content = pdf(
        b"",
        b"3 0 obj\n<< /Type /ObjStm /Length 0 >>\nendobj\n",
        b"8 0 obj\n<< /Type /XObject /Subtype /Image /Length %d >>\nstream\n" % len(picture)
        + picture
        + b"\nendstream\nendobj\n",
        object_stream(b"3 0 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"),
    )
    client.force_login(cast.participant)
    assert post_attachment(client, cast.case, upload("foto's.pdf", content)).status_code == 302


def test_a_pdf_whose_packed_objects_cannot_be_read_is_refused(client, cast):
    unreadable = (
        b"7 0 obj\n<< /Type /ObjStm /N 1 /First 5 /Filter /FlateDecode >>\nstream\nnot zlib\nendstream\nendobj\n"
    )
    client.force_login(cast.participant)
    response = post_attachment(client, cast.case, upload("versleuteld.pdf", pdf(b"", unreadable)))
    assert "kan niet op scripts worden gecontroleerd (is het versleuteld?)" in response.content.decode()


def test_the_api_refuses_a_pdf_with_javascript_with_a_field_error(cast):
    api = APIClient()
    api.force_login(cast.participant)
    response = api.post(
        f"/api/cases/{cast.case.pk}/attachments/", {"file": upload("brief.pdf", SCRIPTED["open action"])}
    )
    assert response.status_code == 400
    assert "JavaScript" in response.json()["file"][0]


def test_a_json_body_past_the_limit_is_refused_by_the_api_too(cast, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    api = APIClient()
    api.force_login(cast.participant)
    response = api.post(f"/api/cases/{cast.case.pk}/notes/", {"body": "x" * 5000}, format="json")
    assert response.status_code == 413
    assert response.json() == {"detail": "Dit verzoek is te groot."}
    assert not cast.case.notes.filter(body="x" * 5000).exists()
