"""The errors the case and signal verbs raise; each message is meant for the user."""

from core import errors as core_errors
from core.errors import DomainError


class CaseError(DomainError):
    """A verb's precondition does not hold; the message is meant for the user."""


class CaseConflict(CaseError):
    """Someone else changed the case since the user started editing it (optimistic locking)."""


class AttachmentRefused(CaseError):
    """An uploaded file is not one we accept; nothing was saved."""


class SignalError(CaseError):
    """A triage verb's precondition does not hold; the message is for the user."""


class NotAllowed(CaseError, core_errors.NotAllowed):
    """The user may not do this to the case (an API 403; a page says why)."""
