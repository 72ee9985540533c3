"""The one base class of the errors a verb raises when its precondition does not hold."""


class DomainError(Exception):
    """A verb refused; the message is meant for the user (a form error, an API 400)."""
