"""The one base class of the errors a verb raises when its precondition does not hold."""


class DomainError(Exception):
    """A verb refused; the message is meant for the user (a form error, an API 400)."""


class NotAllowed(DomainError):
    """The user may not do this; the API answers 403 (the object's existence is already known to them)."""
