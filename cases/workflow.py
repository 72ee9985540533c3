"""The case's named verbs: status transitions, participants and notes.

Each verb checks its precondition (raising CaseError with a message a user can
read), does nothing if the case is already there, saves only the fields it
changes and writes the timeline entry in the same transaction. Web views and
the API call these verbs; nothing else changes a case's status.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from partners.models import NotificationKind, notify_coordinators


class CaseError(Exception):
    """A verb's precondition does not hold; the message is meant for the user."""


class CaseWorkflow:
    """Mixed into cases.models.Case."""

    def log(self, kind, summary, *, by=None, organisation=None, organisation_only=None, **data):
        """Append an entry to the case timeline (never updated afterwards)."""
        from .models import TimelineEntry

        return TimelineEntry.objects.create(
            case=self,
            kind=kind,
            summary=summary[:300],
            actor=by,
            organisation=organisation,
            organisation_only=organisation_only,
            data=data,
        )

    def _locked(self):
        """Re-read this case under a row lock, so two concurrent verbs serialise."""
        return type(self).objects.select_for_update().get(pk=self.pk)

    @transaction.atomic
    def transition(self, to, *, by, reason="", note="", escalated_to=""):
        """Move the case to status `to` if the workflow allows it.

        Closing needs a closing reason, reopening a closed or cancelled case
        needs a note, escalating needs to whom.
        """
        from .models import CASE_TRANSITIONS, CaseStatus, ClosingReason, TimelineKind

        current = self._locked()
        if current.status == to:
            self.refresh_from_db()
            return
        if to not in CASE_TRANSITIONS.get(current.status, set()):
            raise CaseError(
                _("A case cannot go from “%(from)s” to “%(to)s”.")
                % {"from": CaseStatus(current.status).label, "to": CaseStatus(to).label}
            )
        reopening = current.status in (CaseStatus.CLOSED, CaseStatus.CANCELLED)
        if reopening and not note.strip():
            raise CaseError(_("Reopening a case needs a note explaining why."))
        if to == CaseStatus.CLOSED and reason not in ClosingReason.values:
            raise CaseError(_("Closing a case needs a reason."))
        if to == CaseStatus.ESCALATED and not escalated_to.strip():
            raise CaseError(_("Say to whom the case is escalated."))

        previous = current.status
        self.status = to
        self.version = current.version + 1
        fields = ["status", "version", "updated_at"]
        if to == CaseStatus.CLOSED:
            self.closing_reason, self.closed_at = reason, timezone.now()
            fields += ["closing_reason", "closed_at"]
        elif reopening:
            self.closing_reason, self.closed_at = "", None
            fields += ["closing_reason", "closed_at"]
        if to == CaseStatus.ESCALATED:
            self.escalated_to = escalated_to.strip()
            fields.append("escalated_to")
        self.save(update_fields=fields)

        summary = _("Status: %(from)s → %(to)s") % {
            "from": CaseStatus(previous).label,
            "to": CaseStatus(to).label,
        }
        if to == CaseStatus.CLOSED:
            summary += f" ({ClosingReason(reason).label})"
        if to == CaseStatus.ESCALATED:
            summary += f" ({self.escalated_to})"
        self.log(
            TimelineKind.STATUS_CHANGED,
            summary,
            by=by,
            previous=previous,
            status=to,
            reason=reason,
            note=note.strip(),
            escalated_to=self.escalated_to if to == CaseStatus.ESCALATED else "",
        )

    def close(self, *, by, reason, note=""):
        """Close the case for a reason from ClosingReason."""
        from .models import CaseStatus

        self.transition(CaseStatus.CLOSED, by=by, reason=reason, note=note)

    def reopen(self, *, by, note):
        """Reopen a closed or cancelled case; the note says why."""
        from .models import CaseStatus

        to = CaseStatus.TRIAGE if self.status == CaseStatus.CANCELLED else CaseStatus.IN_PROGRESS
        self.transition(to, by=by, note=note)

    def escalate(self, *, by, to_whom, note=""):
        """Escalate the case, e.g. to the Zorg- en Veiligheidshuis."""
        from .models import CaseStatus

        self.transition(CaseStatus.ESCALATED, by=by, escalated_to=to_whom, note=note)

    @transaction.atomic
    def invite(self, organisation, *, by, legal_basis, role=None, since=None):
        """Let an organisation take part, with the purpose / legal basis of its access.

        Its users see the case from `since` (today by default). Inviting an
        organisation that already takes part changes nothing.
        """
        from .models import CaseParticipant, ParticipantRole, TimelineKind

        if not legal_basis.strip():
            raise CaseError(_("State the purpose or legal basis for sharing this case."))
        if self.participants.active().filter(organisation=organisation).exists():
            return self.participants.active().get(organisation=organisation)
        participation = CaseParticipant.objects.create(
            case=self,
            organisation=organisation,
            role=role or ParticipantRole.PARTNER,
            legal_basis=legal_basis.strip(),
            since=since or timezone.localdate(),
            added_by=by,
        )
        self.log(
            TimelineKind.PARTICIPANT_ADDED,
            _("%(organisation)s takes part (%(basis)s)") % {"organisation": organisation, "basis": legal_basis},
            by=by,
            organisation_id=organisation.pk,
        )
        notify_coordinators(
            organisation,
            kind=NotificationKind.INVITED_TO_CASE,
            message=_("%(organisation)s was invited to the case “%(case)s”")
            % {"organisation": organisation, "case": self},
            url=reverse("cases:detail", args=[self.pk]),
        )
        return participation

    @transaction.atomic
    def end_participation(self, organisation, *, by, on=None):
        """End an organisation's part; its users lose access from `on` (today: at once)."""
        from .models import TimelineKind

        on = on or timezone.localdate()
        if organisation.pk == self.lead_organisation_id:
            raise CaseError(_("The lead organisation cannot leave its own case; hand over the lead first."))
        ended = self.participants.active().filter(organisation=organisation).update(until=on)
        if ended:
            self.log(
                TimelineKind.PARTICIPANT_ENDED,
                _("%(organisation)s no longer takes part") % {"organisation": organisation},
                by=by,
                organisation_id=organisation.pk,
                until=on.isoformat(),
            )
            notify_coordinators(
                organisation,
                kind=NotificationKind.PARTICIPATION_ENDED,
                message=_("%(organisation)s no longer takes part in the case “%(case)s”")
                % {"organisation": organisation, "case": self},
            )
        return ended

    @transaction.atomic
    def add_note(self, *, by, organisation, body, visibility=None):
        """Write a note; an own-organisation note is visible only to `organisation`."""
        from .models import Note, NoteVisibility, TimelineKind

        if not body.strip():
            raise CaseError(_("A note cannot be empty."))
        visibility = visibility or NoteVisibility.ALL_PARTICIPANTS
        note = Note.objects.create(
            case=self, author=by, organisation=organisation, body=body.strip(), visibility=visibility
        )
        own = visibility == NoteVisibility.OWN_ORGANISATION
        self.log(
            TimelineKind.NOTE,
            note.body[:200],
            by=by,
            organisation=organisation,
            organisation_only=organisation if own else None,
            note_id=note.pk,
        )
        return note


@transaction.atomic
def case_open(*, by, organisation, title, neighbourhood, signals=(), legal_basis, **fields):
    """Open a case led by `organisation` with `by` as case director, from zero or more signals.

    The lead organisation takes part from today; the signals are linked and
    show on the new case's timeline.
    """
    from .models import Case, CaseParticipant, ParticipantRole, TimelineKind

    if not title.strip():
        raise CaseError(_("A case needs a title."))
    if not legal_basis.strip():
        raise CaseError(_("State the purpose or legal basis for sharing this case."))
    case = Case.objects.create(
        title=title.strip(),
        neighbourhood=neighbourhood,
        lead_organisation=organisation,
        case_director=by,
        **fields,
    )
    CaseParticipant.objects.create(
        case=case, organisation=organisation, role=ParticipantRole.LEAD, legal_basis=legal_basis.strip(), added_by=by
    )
    case.log(
        TimelineKind.CASE_OPENED, _("Case opened: %(title)s") % {"title": case.title}, by=by, organisation=organisation
    )
    for signal in signals:
        signal.link_to(case, by=by)
    return case
