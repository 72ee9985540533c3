"""Which uploads a case accepts as attachments: the extension and the file's first bytes must agree."""

import zipfile
from pathlib import Path

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .errors import AttachmentRefused

# Extension -> (content type, test on the file's first bytes). Only these are accepted.
ATTACHMENT_TYPES = {
    ".pdf": ("application/pdf", lambda head: head.startswith(b"%PDF")),
    ".jpg": ("image/jpeg", lambda head: head.startswith(b"\xff\xd8\xff")),
    ".jpeg": ("image/jpeg", lambda head: head.startswith(b"\xff\xd8\xff")),
    ".png": ("image/png", lambda head: head.startswith(b"\x89PNG\r\n\x1a\n")),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        lambda head: head.startswith(b"PK\x03\x04"),
    ),
}


def _is_word_document(uploaded_file):
    """A .docx is a zip archive with the document under word/."""
    try:
        with zipfile.ZipFile(uploaded_file) as archive:
            return any(name.startswith("word/") for name in archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        uploaded_file.seek(0)


def attachment_content_type(uploaded_file):
    """The content type of an acceptable upload; AttachmentRefused for anything else.

    Both the extension and the file's contents must say PDF, JPEG, PNG or Word
    (.docx), and the file may not be larger than settings.ATTACHMENT_MAX_BYTES.
    """
    extension = Path(uploaded_file.name or "").suffix.lower()
    if extension not in ATTACHMENT_TYPES:
        raise AttachmentRefused(_("Only PDF, JPG, PNG and Word (.docx) files can be attached."))
    if not uploaded_file.size:
        raise AttachmentRefused(_("The file is empty."))
    if uploaded_file.size > settings.ATTACHMENT_MAX_BYTES:
        raise AttachmentRefused(
            _("The file is too large (%(size)s); at most %(max)s is allowed.")
            % {"size": filesizeformat(uploaded_file.size), "max": filesizeformat(settings.ATTACHMENT_MAX_BYTES)}
        )
    content_type, looks_right = ATTACHMENT_TYPES[extension]
    uploaded_file.seek(0)
    head = uploaded_file.read(8)
    uploaded_file.seek(0)
    if not looks_right(head) or (extension == ".docx" and not _is_word_document(uploaded_file)):
        raise AttachmentRefused(
            _("The contents of “%(name)s” do not match its file type; it cannot be attached.")
            % {"name": Path(uploaded_file.name).name}
        )
    return content_type
