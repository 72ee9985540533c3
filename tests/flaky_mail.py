"""E-mail backends that fail like real mail servers and processes do: before sending, or after it."""

import os
from smtplib import SMTPServerDisconnected

from django.core.mail.backends.filebased import EmailBackend as FileEmailBackend
from django.core.mail.backends.locmem import EmailBackend


class FlakyEmailBackend(EmailBackend):
    failures_left = 0

    def send_messages(self, messages):
        if FlakyEmailBackend.failures_left > 0:
            FlakyEmailBackend.failures_left -= 1
            raise SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


class DisconnectAfterSendBackend(EmailBackend):
    """The server accepted the message, then the connection dropped before the client heard so
    (the first N sends): the e-mail is out, the sender sees an error."""

    failures_left = 0

    def send_messages(self, messages):
        sent = super().send_messages(messages)
        if DisconnectAfterSendBackend.failures_left > 0:
            DisconnectAfterSendBackend.failures_left -= 1
            raise SMTPServerDisconnected("Connection unexpectedly closed")
        return sent


class DieAfterSendBackend(EmailBackend):
    """The process goes down right after the e-mail left (the first N sends): SystemExit, which no
    `except Exception` stops, as when a worker is told to stop mid-delivery."""

    failures_left = 0

    def send_messages(self, messages):
        sent = super().send_messages(messages)
        if DieAfterSendBackend.failures_left > 0:
            DieAfterSendBackend.failures_left -= 1
            raise SystemExit(1)
        return sent


class KilledAfterSendBackend(FileEmailBackend):
    """Writes the e-mail to EMAIL_FILE_PATH, then kills its own process on the spot (os._exit: no
    cleanup, no exception handler runs) — once, while the marker file KILL_MARKER exists."""

    def send_messages(self, messages):
        sent = super().send_messages(messages)
        marker = os.environ.get("KILL_MARKER")
        if marker and os.path.exists(marker):
            os.remove(marker)
            os._exit(1)
        return sent
