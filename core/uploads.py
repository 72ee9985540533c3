"""Uploads are cut off while they stream, once a file passes settings.ATTACHMENT_MAX_BYTES.

Django's own handlers write every byte of an upload to memory or to a temporary
file before any view sees its size. `SizeLimitUploadHandler` goes first in
FILE_UPLOAD_HANDLERS: from the first chunk past the limit on, it hands no more
bytes to the handlers after it (so at most the limit reaches the disk), frees
what they stored so far, and reads the rest of that file off the connection
without keeping it. The form still receives a file, an `OversizedUpload` with
the size that was sent and no contents, so the usual "too large" error reaches
the person (the web form) or the client (a 400 from the API) instead of a reset
connection.
"""

from io import BytesIO

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler


class OversizedUpload(UploadedFile):
    """A file that was too large to keep: its name and the number of bytes sent, no contents."""

    def __init__(self, name, content_type, size, charset=None, content_type_extra=None):
        super().__init__(BytesIO(), name, content_type, size, charset, content_type_extra)


class SizeLimitUploadHandler(FileUploadHandler):
    def __init__(self, request=None):
        super().__init__(request)
        self.limit = settings.ATTACHMENT_MAX_BYTES
        self.received = 0
        self.oversized = False

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0
        # A part that announces its length is known to be too large before its first byte.
        self.oversized = self.content_length is not None and self.content_length > self.limit

    def receive_data_chunk(self, raw_data, start):
        self.received = start + len(raw_data)
        if not self.oversized and self.received > self.limit:
            self.oversized = True
            self._free_later_handlers()
        if self.oversized:
            return None  # the handlers after this one never see the chunk
        return raw_data

    def file_complete(self, file_size):
        if not self.oversized:
            return None  # the next handler hands over the file it stored
        return OversizedUpload(self.file_name, self.content_type, file_size, self.charset, self.content_type_extra)

    def _free_later_handlers(self):
        # What they stored of this file so far (at most the limit) goes now, not at the end of
        # the request; closing a TemporaryUploadedFile deletes it. Django's parser does the same
        # when a handler raises SkipFile.
        handlers = getattr(self.request, "upload_handlers", [])
        for handler in handlers[handlers.index(self) + 1 :] if self in handlers else []:
            stored = getattr(handler, "file", None)
            if stored is not None:
                stored.close()
