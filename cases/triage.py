"""The signal's named verbs: the triage queue's decisions.

Like the case verbs (cases/workflow.py): check, no-op if already there, save
only what changes, and record on the case timeline when a case is involved.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from .workflow import CaseError


class SignalError(CaseError):
    """A triage verb's precondition does not hold; the message is for the user."""


class SignalTriage:
    """Mixed into cases.models.Signal."""

    def _set_status(self, status, reason=""):
        self.status = status
        self.status_reason = reason
        self.save(update_fields=["status", "status_reason", "updated_at"])

    def mark_triaged(self, *, by):
        """Mark a new signal as weighed by the team."""
        from .models import SignalStatus

        if self.status == SignalStatus.TRIAGED:
            return
        if self.status != SignalStatus.NEW:
            raise SignalError(_("Only a new signal can be marked as triaged."))
        self._set_status(SignalStatus.TRIAGED)

    @transaction.atomic
    def link_to(self, case, *, by):
        """Add this signal to a case; it then shows on the case timeline."""
        from .models import SignalStatus, TimelineKind

        if self.case_id == case.pk:
            return
        if self.case_id is not None:
            raise SignalError(_("This signal already belongs to another case."))
        self.case = case
        self.status = SignalStatus.LINKED
        self.status_reason = ""
        self.save(update_fields=["case", "status", "status_reason", "updated_at"])
        case.log(
            TimelineKind.SIGNAL_LINKED,
            _("Signal: %(category)s — %(description)s")
            % {"category": self.get_category_display(), "description": self.description[:150]},
            by=by,
            organisation=self.reporting_organisation,
            signal_id=self.pk,
        )

    def refer_on(self, *, by, reason):
        """Hand the signal to someone outside the platform (e.g. Veilig Thuis); says to whom."""
        self._finish("referred", reason, _("Say where the signal was referred to."))

    def close(self, *, by, reason):
        """Close the signal without a case, with a reason."""
        self._finish("closed", reason, _("Closing a signal needs a reason."))

    def _finish(self, status, reason, missing_reason_message):
        if not reason.strip():
            raise SignalError(missing_reason_message)
        if self.case_id is not None:
            raise SignalError(_("This signal belongs to a case; handle it there."))
        if self.status == status and self.status_reason == reason.strip():
            return
        self._set_status(status, reason.strip())
