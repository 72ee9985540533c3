"""The error the plan verbs raise; its message is meant for the user."""

from cases.errors import CaseError


class PlanError(CaseError):
    """A plan verb's precondition does not hold; the message is meant for the user."""


class EarlyMinutes(PlanError):
    """Minutes for a review whose planned time has not come yet, without confirming it was held early."""
