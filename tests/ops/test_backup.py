"""Back-up and restore as an operator runs them: `manage.py backup`, lose everything, `manage.py restore`,
and the attachment downloads again — encrypted at rest when a key is set."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from cases.models import Attachment
from tests.worker import _test_database_url

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\nVerslag huisbezoek Dapperstraat\n%%EOF\n"
RECIPIENT = "backup@veerkracht.test"

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def backup_key(tmp_path):
    """A throwaway GnuPG home with a key pair for RECIPIENT (no passphrase), as an operator would make one."""
    if not shutil.which("gpg"):
        pytest.fail("This test needs GnuPG (Debian package gnupg): backups are encrypted with gpg.")
    home = tmp_path / "gnupg"
    home.mkdir(mode=0o700)
    subprocess.run(
        ["gpg", "--batch", "--passphrase", "", "--quick-gen-key", RECIPIENT, "default", "default", "never"],
        env={**os.environ, "GNUPGHOME": str(home)},
        check=True,
        capture_output=True,
    )
    return home


def manage(*args, env):
    if connection.vendor != "postgresql":
        pytest.fail("This test needs PostgreSQL: set DATABASE_URL (make test does).")
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DATABASE_URL": _test_database_url(), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_a_backup_brings_the_database_and_the_attachments_back(client, cast, tmp_path, backup_key):
    client.force_login(cast.participant)
    upload = SimpleUploadedFile("Verslag huisbezoek.pdf", PDF, content_type="application/pdf")
    assert client.post(reverse("cases:add_attachment", args=[cast.case.pk]), {"file": upload}).status_code == 302
    attachment = Attachment.objects.get()
    url = reverse("cases:attachment", args=[cast.case.pk, attachment.pk])
    backups = tmp_path / "backups"
    env = {
        "BACKUP_DIR": str(backups),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "BACKUP_GPG_RECIPIENT": RECIPIENT,
        "GNUPGHOME": str(backup_key),
    }

    assert "encrypted for backup@veerkracht.test" in manage("backup", env=env)
    made = sorted(path.name for path in backups.iterdir())
    assert [name for name in made if name.endswith(".gpg")] and len(made) >= 2, made
    for path in backups.iterdir():  # nothing readable at rest
        assert b"Dapperstraat" not in path.read_bytes() and cast.case.title.encode() not in path.read_bytes()

    # Lose everything: every row, every file.
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)
    assert not Attachment.objects.exists()

    manage("restore", "--noinput", env=env)

    client.force_login(cast.participant)  # the same user, restored
    download = client.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert Attachment.objects.get().original_name == "Verslag huisbezoek.pdf"
    assert Path(settings.MEDIA_ROOT, attachment.file.name).read_bytes() == PDF
