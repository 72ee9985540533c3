"""Which uploads a case accepts as attachments: the extension and the file's first bytes must agree.

Beyond the type, two kinds of file that are dangerous to whoever opens them are
refused: a Word document whose zip would unpack to far more than any document
needs (a zip bomb), and a PDF that carries JavaScript.
"""

import re
import zipfile
import zlib
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

# A Word document unpacks to a few times its size (its pictures hardly shrink at all);
# a zip bomb to thousands of times. The sizes are the ones the zip declares: nothing is unpacked.
DOCX_MAX_UNPACKED_BYTES = 100 * 1024 * 1024
DOCX_MAX_UNPACK_RATIO = 100

# PDF names are /Name tokens, in which any byte may be written as #xx (/J#53 is /JS).
_PDF_NAME = re.compile(rb"/([^\x00\t\n\x0c\r ()<>\[\]{}/%]*)")
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
# A JavaScript action (/S /JavaScript /JS ...), also as /OpenAction or /AA, and the
# document-level /JavaScript name tree all need one of these names.
_PDF_SCRIPT_NAMES = {b"JS", b"JavaScript"}
# A stream's bytes: from the keyword after its dictionary to `endstream`. They are
# page contents, pictures and fonts, never read as objects, except an object stream
# (/Type /ObjStm), which packs objects, compressed: those are unpacked and read too.
_PDF_STREAM = re.compile(rb">>\s*stream(?:\r\n|\n|\r)(.*?)endstream", re.DOTALL)
_PDF_MAX_UNPACKED_BYTES = 64 * 1024 * 1024


class _Unreadable(Exception):
    """A part of a PDF that may hold objects cannot be read, so it cannot be checked."""


def _is_word_document(uploaded_file):
    """A .docx is a zip archive with the document under word/."""
    try:
        with zipfile.ZipFile(uploaded_file) as archive:
            return any(name.startswith("word/") for name in archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        uploaded_file.seek(0)


def _unpacks_too_large(uploaded_file):
    """Whether the zip declares more unpacked bytes than DOCX_MAX_UNPACKED_BYTES or the ratio allows."""
    try:
        with zipfile.ZipFile(uploaded_file) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    finally:
        uploaded_file.seek(0)
    return unpacked > min(DOCX_MAX_UNPACKED_BYTES, DOCX_MAX_UNPACK_RATIO * uploaded_file.size)


def _pdf_names(data):
    for match in _PDF_NAME.finditer(data):
        name = match.group(1)
        if b"#" in name:
            name = _PDF_NAME_ESCAPE.sub(lambda escape: bytes([int(escape.group(1), 16)]), name)
        yield name


def _pdf_object_stream(dictionary, data, budget):
    """The objects packed in an object stream, unpacked; b"" for any other stream."""
    names = set(_pdf_names(dictionary))
    if b"ObjStm" not in names:
        return b""
    if not names & {b"FlateDecode", b"Fl"} or b"Predictor" in names or budget <= 0:
        raise _Unreadable  # another filter than plain Flate, or too much to unpack
    unpacker = zlib.decompressobj()
    try:
        unpacked = unpacker.decompress(data, budget)
    except zlib.error:
        raise _Unreadable from None  # encrypted, or broken
    if unpacker.unconsumed_tail:
        raise _Unreadable
    return unpacked


def _pdf_has_javascript(data):
    """Whether a PDF names JavaScript anywhere outside its page contents, pictures and fonts.

    Raises _Unreadable when an object stream cannot be unpacked (an encrypted PDF, say).
    """
    parts = []
    budget = _PDF_MAX_UNPACKED_BYTES
    position = 0
    for stream in _PDF_STREAM.finditer(data):
        before = data[position : stream.start()]
        parts.append(before)
        # The stream's dictionary: what follows the last `obj` keyword before it.
        start = before.rfind(b"obj")
        packed = _pdf_object_stream(before[max(start, 0) :], stream.group(1), budget)
        budget -= len(packed)
        parts.append(packed)
        position = stream.end()
    parts.append(data[position:])
    return any(name in _PDF_SCRIPT_NAMES for part in parts for name in _pdf_names(part))


def _read_all(uploaded_file):
    uploaded_file.seek(0)
    try:
        return uploaded_file.read()
    finally:
        uploaded_file.seek(0)


def attachment_content_type(uploaded_file):
    """The content type of an acceptable upload; AttachmentRefused for anything else.

    Both the extension and the file's contents must say PDF, JPEG, PNG or Word
    (.docx), and the file may not be larger than settings.ATTACHMENT_MAX_BYTES.
    (An upload past the limit arrives as core.uploads.OversizedUpload: its size,
    no contents.) A .docx may not unpack to far more than its size, and a PDF
    may not contain JavaScript.
    """
    extension = Path(uploaded_file.name or "").suffix.lower()
    name = Path(uploaded_file.name or "").name
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
            _("The contents of “%(name)s” do not match its file type; it cannot be attached.") % {"name": name}
        )
    if extension == ".docx" and _unpacks_too_large(uploaded_file):
        raise AttachmentRefused(
            _("“%(name)s” would unpack to far more than a document needs (a zip bomb?); it cannot be attached.")
            % {"name": name}
        )
    if extension == ".pdf":
        try:
            scripted = _pdf_has_javascript(_read_all(uploaded_file))
        except _Unreadable:
            raise AttachmentRefused(
                _("“%(name)s” cannot be checked for scripts (is it encrypted?); it cannot be attached.")
                % {"name": name}
            ) from None
        if scripted:
            raise AttachmentRefused(
                _("“%(name)s” contains JavaScript; PDF files with scripts cannot be attached.") % {"name": name}
            )
    return content_type
